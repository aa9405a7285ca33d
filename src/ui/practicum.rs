//! Practicum mode: the full-screen view an evaluator keeps open in the training room, with a
//! countdown big enough to read from across a table, the rubric, and the feedback note.
//!
//! The draft on screen is written to the store on every change (see `ui::pathway`), so the
//! view never holds anything the file does not, apart from the seconds the countdown has run
//! since its last save.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;
use tui_big_text::{BigText, PixelSize};

use super::keymap::Context;
use super::safe_text::sanitize;
use super::theme;
use crate::domain::certification::{Module, PassMarks};
use crate::domain::countdown::{Countdown, clock_face};
use crate::domain::practicum::{Dimension, Outcome, Practicum};

/// Which part of the view takes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The rubric, on this dimension.
    Rubric(usize),
    Feedback,
    Evaluator,
}

pub struct PracticumMode {
    pub draft: Practicum,
    /// "Ana Costa · Kestrel Insurance", already made safe to draw.
    pub who: String,
    pub countdown: Countdown,
    pub focus: Focus,
    feedback: TextArea<'static>,
    evaluator: TextArea<'static>,
    /// The bell rings once when time runs out; adding a minute re-arms it.
    pub bell_rung: bool,
    /// When the countdown's progress was last written to the draft.
    pub saved_at: Duration,
}

impl PracticumMode {
    pub fn new(draft: Practicum, who: String, now: Duration) -> Self {
        let mut feedback = TextArea::new(
            draft
                .feedback
                .lines()
                .map(|line| sanitize(line).into_owned())
                .collect(),
        );
        feedback.set_cursor_line_style(Style::new());
        feedback.set_placeholder_text("What went well, what to work on, in the trainer's words");
        feedback.set_placeholder_style(theme::DIM);
        feedback.move_cursor(ratatui_textarea::CursorMove::Bottom);
        feedback.move_cursor(ratatui_textarea::CursorMove::End);
        let mut evaluator = TextArea::new(vec![sanitize(&draft.evaluator).into_owned()]);
        evaluator.set_cursor_line_style(Style::new());
        evaluator.set_placeholder_text("who judged the session");
        evaluator.set_placeholder_style(theme::DIM);
        evaluator.move_cursor(ratatui_textarea::CursorMove::End);
        let countdown = Countdown::resumed(draft.allowed, draft.used);
        let bell_rung = countdown.is_up(now);
        Self {
            draft,
            who,
            countdown,
            focus: Focus::Rubric(0),
            feedback,
            evaluator,
            bell_rung,
            saved_at: now,
        }
    }

    pub fn context(&self) -> Context {
        match self.focus {
            Focus::Rubric(_) => Context::PracticumRubric,
            Focus::Feedback | Focus::Evaluator => Context::PracticumText,
        }
    }

    pub fn focus_next(&mut self) {
        self.focus = match self.focus {
            Focus::Rubric(_) => Focus::Feedback,
            Focus::Feedback => Focus::Evaluator,
            Focus::Evaluator => Focus::Rubric(0),
        };
    }

    pub fn focus_previous(&mut self) {
        self.focus = match self.focus {
            Focus::Rubric(_) => Focus::Evaluator,
            Focus::Feedback => Focus::Rubric(0),
            Focus::Evaluator => Focus::Feedback,
        };
    }

    /// Moves between rubric dimensions, stopping at either end.
    pub fn move_dimension(&mut self, delta: isize) {
        if let Focus::Rubric(index) = self.focus {
            let last = Dimension::ALL.len() - 1;
            self.focus = Focus::Rubric(index.saturating_add_signed(delta).min(last));
        }
    }

    pub fn focused_dimension(&self) -> Option<Dimension> {
        match self.focus {
            Focus::Rubric(index) => Dimension::ALL.get(index).copied(),
            _ => None,
        }
    }

    /// Copies the countdown's progress into the draft, ready to be saved.
    pub fn capture_time(&mut self, now: Duration) {
        self.draft.allowed = self.countdown.allowed();
        self.draft.used = self.countdown.used(now);
        self.saved_at = now;
    }

    /// A key typed into the feedback or the evaluator; returns whether the text changed.
    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        match self.focus {
            Focus::Feedback => {
                let changed = self.feedback.input(key);
                if changed {
                    self.draft.feedback = self.feedback.lines().join("\n");
                }
                changed
            }
            // One line: Enter moves on rather than breaking it.
            Focus::Evaluator if key.code == KeyCode::Enter => {
                self.focus_next();
                false
            }
            Focus::Evaluator => {
                let changed = self.evaluator.input(key);
                if changed {
                    self.draft.evaluator = self.evaluator.lines().join(" ");
                }
                changed
            }
            Focus::Rubric(_) => false,
        }
    }

    /// Pasted text goes into the focused text, made safe first.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match self.focus {
            Focus::Feedback => {
                let lines: Vec<_> = text.split('\n').map(sanitize).collect();
                self.feedback.insert_str(lines.join("\n"));
                self.draft.feedback = self.feedback.lines().join("\n");
                true
            }
            Focus::Evaluator => {
                self.evaluator
                    .insert_str(sanitize(&text.replace('\n', " ")));
                self.draft.evaluator = self.evaluator.lines().join(" ");
                true
            }
            Focus::Rubric(_) => false,
        }
    }

    pub fn render(
        &mut self,
        frame: &mut Frame<'_>,
        header: Rect,
        area: Rect,
        now: Duration,
        marks: PassMarks,
    ) {
        let title = Line::from(vec![
            Span::styled(" Practicum ", theme::TAB_ACTIVE),
            Span::styled(format!(" {} ", self.who), theme::TITLE),
            Span::styled(format!("· since {}", self.draft.started_on), theme::DIM),
        ]);
        frame.render_widget(title, header);
        // The anchors get a line each when there is room; otherwise only the focused one shows.
        let roomy = area.height >= 19;
        let rubric_height = if roomy { 13 } else { 9 };
        let [top, feedback, evaluator] = Layout::vertical([
            Constraint::Length(rubric_height),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        let timer_width = if area.width >= 100 { 46 } else { 26 };
        let [timer, rubric] =
            Layout::horizontal([Constraint::Length(timer_width), Constraint::Fill(1)]).areas(top);
        self.render_timer(frame, timer, now);
        self.render_rubric(frame, rubric, roomy, marks);
        self.render_feedback(frame, feedback);
        self.render_evaluator(frame, evaluator);
    }

    fn render_timer(&self, frame: &mut Frame<'_>, area: Rect, now: Duration) {
        let up = self.countdown.is_up(now);
        let running = self.countdown.is_running();
        let (colour, state) = if up {
            (
                Color::Red,
                format!("TIME UP · {} over", clock_face(self.countdown.overrun(now))),
            )
        } else if running {
            (Color::Green, "running".to_string())
        } else if self.countdown.used(now).is_zero() {
            (Color::Reset, "ready: Space starts".to_string())
        } else {
            (Color::Yellow, "paused: Space resumes".to_string())
        };
        let border = if up {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            theme::BORDER
        };
        let block = Block::bordered()
            .border_style(border)
            .title(Line::styled(" Time left ", theme::TITLE));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [digits, status, used] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let face = clock_face(self.countdown.remaining(now));
        let style = Style::new().fg(colour).add_modifier(Modifier::BOLD);
        // "20:00" is five glyphs of 8×8 pixels: pick the largest size that fits.
        let size = if digits.width >= 40 && digits.height >= 8 {
            Some(PixelSize::Full)
        } else if digits.width >= 40 && digits.height >= 4 {
            Some(PixelSize::HalfHeight)
        } else if digits.width >= 20 && digits.height >= 4 {
            Some(PixelSize::Quadrant)
        } else if digits.width >= 20 && digits.height >= 3 {
            Some(PixelSize::Sextant)
        } else {
            None
        };
        match size {
            Some(size) => {
                let rows = match size {
                    PixelSize::Full => 8,
                    PixelSize::Sextant => 3,
                    _ => 4,
                };
                let [_, middle, _] = Layout::vertical([
                    Constraint::Fill(1),
                    Constraint::Length(rows),
                    Constraint::Fill(1),
                ])
                .areas(digits);
                let big = BigText::builder()
                    .pixel_size(size)
                    .style(style)
                    .centered()
                    .lines(vec![Line::from(face)])
                    .build();
                frame.render_widget(big, middle);
            }
            None => frame.render_widget(Line::styled(face, style).centered(), digits),
        }
        frame.render_widget(
            Line::styled(state, Style::new().fg(colour).add_modifier(Modifier::BOLD)).centered(),
            status,
        );
        let mut usage = format!(
            "used {} of {}",
            clock_face(self.countdown.used(now)),
            clock_face(self.countdown.allowed())
        );
        if used.width >= 34 {
            usage.push_str(" · +/- minute");
        }
        frame.render_widget(Line::styled(usage, theme::DIM).centered(), used);
    }

    fn render_rubric(&self, frame: &mut Frame<'_>, area: Rect, roomy: bool, marks: PassMarks) {
        let focused = self.focused_dimension();
        let mut lines = Vec::new();
        for dimension in Dimension::ALL {
            let is_focused = focused == Some(dimension);
            let score = self.draft.rubric.score(dimension);
            let marker = if is_focused { "▶ " } else { "  " };
            let dots: String = (1..=5)
                .map(|point| {
                    if score.is_some_and(|s| point <= s) {
                        '●'
                    } else {
                        '○'
                    }
                })
                .collect();
            let name_style = if is_focused {
                theme::SELECTED
            } else {
                Style::new()
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{marker}{:<30}", dimension.title()), name_style),
                Span::styled(dots, Style::new().fg(Color::Cyan)),
                Span::styled(
                    score.map_or_else(|| "  –".to_string(), |s| format!("  {s}")),
                    theme::TITLE,
                ),
            ]));
            if roomy || is_focused {
                let anchor = match score {
                    Some(score) => dimension.anchor(score).to_string(),
                    None if is_focused => "1–5 scores this; ←/→ adjusts".to_string(),
                    None => String::new(),
                };
                lines.push(Line::styled(format!("    {anchor}"), theme::DIM));
            }
        }
        if !roomy && focused.is_none() {
            lines.push(Line::raw(""));
        }
        lines.push(self.verdict_line(marks));
        let border = if focused.is_some() {
            theme::BORDER
        } else {
            theme::DIM
        };
        let block = Block::bordered()
            .border_style(border)
            .title(Line::styled(" Rubric ", theme::TITLE));
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    /// The score so far against the pass mark, and the outcome chosen.
    fn verdict_line(&self, marks: PassMarks) -> Line<'static> {
        let mark = marks.of(Module::Practicum);
        let score = match self.draft.rubric.module_score() {
            Some(score) => {
                let style = if score >= mark {
                    Style::new().fg(Color::Green)
                } else {
                    Style::new().fg(Color::Red)
                };
                Span::styled(format!("Score {score}"), style.add_modifier(Modifier::BOLD))
            }
            None => Span::styled(
                format!("Score – ({}/5)", self.draft.rubric.scored()),
                theme::DIM,
            ),
        };
        let outcome = match self.draft.outcome {
            Some(Outcome::Pass) => Span::styled("pass", theme::PASSED),
            Some(Outcome::NeedsWork) => Span::styled("needs work", theme::EXPIRING),
            None => Span::styled("p or w", theme::KEY),
        };
        Line::from(vec![
            Span::raw("  "),
            score,
            Span::styled(format!(" · pass mark {mark} · outcome "), theme::LABEL),
            outcome,
        ])
    }

    fn render_feedback(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let focused = self.focus == Focus::Feedback;
        let feedback = &mut self.feedback;
        feedback.set_block(
            Block::bordered()
                .border_style(if focused { theme::BORDER } else { theme::DIM })
                .title(Line::styled(" Feedback ", theme::TITLE))
                .title(Line::styled(" saved as you type ", theme::DIM).right_aligned()),
        );
        feedback.set_cursor_style(if focused { theme::CURSOR } else { Style::new() });
        frame.render_widget(&*feedback, area);
    }

    fn render_evaluator(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let focused = self.focus == Focus::Evaluator;
        let [label, input] =
            Layout::horizontal([Constraint::Length(12), Constraint::Fill(1)]).areas(area);
        frame.render_widget(Span::styled(" Evaluator ", theme::LABEL), label);
        let evaluator = &mut self.evaluator;
        evaluator.set_style(if focused {
            theme::FOCUSED_INPUT
        } else {
            Style::new()
        });
        evaluator.set_cursor_style(if focused { theme::CURSOR } else { Style::new() });
        frame.render_widget(&*evaluator, input);
    }
}
