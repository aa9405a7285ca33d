//! The selection questionnaire, one criterion a step and a summary at the end.
//!
//! The wizard keeps a copy of the answers for drawing; every change is written to the store
//! by the app as it is made, so the copy never holds anything the file does not.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::keymap::Context;
use super::safe_text::sanitize;
use super::theme;
use crate::domain::assessment::{self, Answers, Assessment, AssessmentId, Summary};
use crate::domain::questionnaire::{Criterion, Questionnaire};

/// The note has the last focus place after the criterion's questions.
const NOTE_FOCUS: usize = crate::domain::questionnaire::QUESTIONS_PER_CRITERION;

pub struct Wizard {
    pub assessment: AssessmentId,
    /// "Ana Costa · Kestrel Insurance", already made safe to draw.
    pub who: String,
    questionnaire: Questionnaire,
    /// 0..criteria are the criteria; `criteria.len()` is the summary.
    pub step: usize,
    /// Which question (0..3) or the note (3) has the focus.
    pub focus: usize,
    pub answers: Answers,
    notes: Vec<TextArea<'static>>,
}

impl Wizard {
    pub fn new(assessment: &Assessment, who: String, questionnaire: Questionnaire) -> Self {
        let notes = questionnaire
            .criteria
            .iter()
            .map(|criterion| {
                let text = assessment
                    .answers
                    .notes
                    .get(&criterion.key)
                    .cloned()
                    .unwrap_or_default();
                let mut area = TextArea::new(
                    text.lines()
                        .map(|line| sanitize(line).into_owned())
                        .collect(),
                );
                area.set_cursor_line_style(Style::new());
                area.set_placeholder_text("Evidence: what you saw or were told");
                area.set_placeholder_style(theme::DIM);
                area.set_block(
                    Block::bordered()
                        .border_style(theme::DIM)
                        .title(" Evidence note "),
                );
                area
            })
            .collect();
        let step = assessment.step.min(questionnaire.criteria.len());
        Self {
            assessment: assessment.id,
            who,
            questionnaire,
            step,
            focus: 0,
            answers: assessment.answers.clone(),
            notes,
        }
    }

    pub fn context(&self) -> Context {
        if self.on_summary() {
            Context::WizardSummary
        } else if self.focus == NOTE_FOCUS {
            Context::WizardNote
        } else {
            Context::WizardQuestion
        }
    }

    pub fn on_summary(&self) -> bool {
        self.step >= self.questionnaire.criteria.len()
    }

    pub fn criterion(&self) -> Option<&Criterion> {
        self.questionnaire.criteria.get(self.step)
    }

    /// The id of the question with the focus, if a question has it.
    pub fn focused_question(&self) -> Option<String> {
        self.criterion()
            .and_then(|criterion| criterion.questions.get(self.focus))
            .map(|question| question.id.clone())
    }

    pub fn summary(&self) -> Summary {
        assessment::summarise(&self.questionnaire, &self.answers)
    }

    pub fn focus_next(&mut self) {
        self.focus = (self.focus + 1) % (NOTE_FOCUS + 1);
    }

    pub fn focus_previous(&mut self) {
        self.focus = (self.focus + NOTE_FOCUS) % (NOTE_FOCUS + 1);
    }

    /// Moves to another step; the focus starts on the first unanswered question.
    pub fn go_to_step(&mut self, step: usize) {
        self.step = step.min(self.questionnaire.criteria.len());
        self.focus = self
            .criterion()
            .and_then(|criterion| {
                criterion
                    .questions
                    .iter()
                    .position(|q| !self.answers.scores.contains_key(&q.id))
            })
            .unwrap_or(0);
    }

    /// The note's text area of the current step, for typing.
    pub fn note_input(&mut self) -> Option<&mut TextArea<'static>> {
        self.notes.get_mut(self.step)
    }

    /// The current step's note as it now reads, with its criterion key.
    pub fn current_note(&self) -> Option<(String, String)> {
        let criterion = self.criterion()?;
        let text = self.notes.get(self.step)?.lines().join("\n");
        Some((criterion.key.clone(), text))
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        frame.render_widget(Clear, area);
        let progress = if self.on_summary() {
            "summary".to_string()
        } else {
            format!(
                "criterion {} of {}",
                self.step + 1,
                self.questionnaire.criteria.len()
            )
        };
        // Progress first: on a narrow terminal a long account name would cut it off.
        let title = Line::styled(
            format!(" Questionnaire {progress} · {} ", self.who),
            theme::TITLE,
        );
        let block = Block::bordered().border_style(theme::BORDER).title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        match self.criterion() {
            Some(criterion) => self.render_step(frame, inner, criterion),
            None => self.render_summary(frame, inner),
        }
    }

    fn render_step(&self, frame: &mut Frame<'_>, area: Rect, criterion: &Criterion) {
        // The questionnaire can be the user's own copy: its wording shows as text, as data does.
        let mut lines = vec![
            Line::styled(sanitize(&criterion.name).into_owned(), theme::HEADER),
            Line::styled(sanitize(&criterion.purpose).into_owned(), theme::DIM),
            Line::raw(""),
        ];
        for (index, question) in criterion.questions.iter().enumerate() {
            let focused = index == self.focus;
            let marker = if focused { "›" } else { " " };
            let style = if focused { theme::KEY } else { Style::new() };
            lines.push(Line::styled(
                format!("{marker} {}. {}", index + 1, sanitize(&question.text)),
                style,
            ));
            lines.push(self.scale_line(self.answers.scores.get(&question.id).copied(), focused));
        }
        let note_height = area
            .height
            .saturating_sub(lines.len() as u16 + 3)
            .clamp(3, 8);
        let [questions, note, progress] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(note_height),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), questions);
        if let Some(area) = self.notes.get(self.step) {
            let mut shown = area.clone();
            let focused = self.focus == NOTE_FOCUS;
            shown.set_cursor_style(if focused { theme::CURSOR } else { Style::new() });
            shown.set_block(
                Block::bordered()
                    .border_style(if focused { theme::KEY } else { theme::DIM })
                    .title(" Evidence note "),
            );
            frame.render_widget(&shown, note);
        }
        frame.render_widget(self.progress_line(), progress);
    }

    /// `1 2 [3] 4 5  Sometimes`: the chosen point, with its wording.
    fn scale_line(&self, chosen: Option<u8>, focused: bool) -> Line<'static> {
        let mut spans = vec![Span::raw("     ")];
        for point in 1..=5u8 {
            if chosen == Some(point) {
                let style = if focused {
                    theme::SELECTED
                } else {
                    theme::INFO
                };
                spans.push(Span::styled(format!("[{point}]"), style));
            } else {
                spans.push(Span::styled(format!(" {point} "), theme::DIM));
            }
        }
        let wording = chosen
            .and_then(|point| self.questionnaire.scale.get(usize::from(point) - 1))
            .map_or_else(
                || "not answered".to_string(),
                |wording| sanitize(wording).into_owned(),
            );
        spans.push(Span::styled(
            format!("  {wording}"),
            if chosen.is_some() {
                Style::new()
            } else {
                theme::DIM
            },
        ));
        Line::from(spans)
    }

    fn progress_line(&self) -> Line<'static> {
        let summary = self.summary();
        let dots: String = (0..self.questionnaire.criteria.len())
            .map(|index| if index == self.step { '●' } else { '○' })
            .collect();
        Line::from(vec![
            Span::styled(dots, theme::KEY),
            Span::styled(
                format!(
                    "  {} of {} answered · saved as you go",
                    summary.answered, summary.total
                ),
                theme::DIM,
            ),
        ])
    }

    fn render_summary(&self, frame: &mut Frame<'_>, area: Rect) {
        let summary = self.summary();
        let mut lines = vec![Line::styled("Criterion scores", theme::HEADER)];
        for (criterion, score) in self
            .questionnaire
            .criteria
            .iter()
            .zip(&summary.criterion_scores)
        {
            lines.push(score_line(&criterion.name, *score));
        }
        lines.push(Line::raw(""));
        lines.push(recommendation_line(&summary));
        lines.push(Line::raw(""));
        if summary.warnings.is_empty() {
            lines.push(Line::styled("No warning pattern fired.", theme::INFO));
        } else {
            lines.push(Line::styled("Warnings", theme::HEADER));
            lines.extend(summary.warnings.iter().map(|warning| {
                Line::styled(format!("⚠ {}", sanitize(&warning.message)), theme::ERROR)
            }));
        }
        lines.push(Line::raw(""));
        let next = if summary.is_complete() {
            Line::from(vec![
                Span::styled("Enter", theme::KEY),
                Span::raw(" submits for the vendor's review; the trainer becomes proposed."),
            ])
        } else {
            Line::styled(
                format!(
                    "Answer all {} questions to submit ({} so far); PgUp goes back.",
                    summary.total, summary.answered
                ),
                theme::DIM,
            )
        };
        lines.push(next);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}

/// `Organisational credibility   3.7  ███▋`
pub fn score_line(name: &str, score: Option<f64>) -> Line<'static> {
    let value = score.map_or_else(|| "  — ".to_string(), |score| format!("{score:>4.1}"));
    let bar = score.map_or_else(String::new, |score| {
        "█".repeat((score * 2.0).round() as usize)
    });
    let style = match score {
        Some(score) if score <= 2.0 => theme::ERROR,
        Some(score) if score >= 4.0 => theme::INFO,
        _ => Style::new(),
    };
    Line::from(vec![
        Span::raw(format!("  {}", super::format::pad(&sanitize(name), 40))),
        Span::styled(value, style),
        Span::styled(format!("  {bar}"), style),
    ])
}

/// "Overall 3.9 — consider (overall 3.9 is between 3.0 and 4.0)", or why there is none yet.
pub fn recommendation_line(summary: &Summary) -> Line<'static> {
    match (summary.overall, summary.recommendation) {
        (Some(overall), Some(recommendation)) => Line::from(vec![
            Span::styled(
                format!("Overall {overall:.1} — {}", recommendation.as_str()),
                theme::TITLE,
            ),
            Span::styled(format!("  ({})", summary.reason), theme::DIM),
        ]),
        _ => Line::styled(
            format!("No recommendation yet: {}.", summary.reason),
            theme::DIM,
        ),
    }
}
