//! Drawing the whole screen: tabs, the current tab, the status line, and any overlay.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::read_only::READ_ONLY_BADGE;
use super::safe_text::sanitize;
use super::tab::Tab;
use super::theme;

/// Below this size the tables cannot show a useful row; the app says so instead of drawing.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

impl App {
    pub fn render(&mut self, frame: &mut Frame<'_>) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(frame, area);
            return;
        }
        let [tabs, main, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(area);
        if let Some(practicum) = &mut self.practicum {
            practicum.render(frame, tabs, main, self.now, self.marks);
        } else {
            self.render_tabs(frame, tabs);
            match self.tab {
                Tab::Accounts => self.accounts.render(frame, main, self.today),
                Tab::Roster => self.roster.render(frame, main, self.today),
                Tab::Certification => self.certification.render(frame, main),
                Tab::Syncs => self.syncs.render(frame, main),
                Tab::AtRisk => self.at_risk.render(frame, main),
                Tab::Program => self.program.render(frame, main),
            }
            if let Some(releases) = &mut self.releases {
                releases.render(frame, main);
            }
        }
        if let Some(list) = &mut self.session_list {
            list.render(frame, main);
        }
        if let Some(overlay) = &self.overlay {
            overlay.render(frame, main);
        }
        self.render_status(frame, status);
    }

    fn render_tabs(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let titles = |short: bool| -> Vec<String> {
            Tab::ALL
                .iter()
                .map(|tab| {
                    let title = if short {
                        tab.short_title()
                    } else {
                        tab.title()
                    };
                    format!("{} {title}", tab.number())
                })
                .collect()
        };
        // Six tabs nearly fill 80 columns: the padding around each title goes before the date
        // does, then the date, and a screen narrower still shortens the longest title.
        let full = titles(false);
        let bare: u16 =
            full.iter().map(|title| title.width() as u16).sum::<u16>() + Tab::ALL.len() as u16 - 1;
        let padded = bare + 2 * Tab::ALL.len() as u16;
        let (titles, padding, label, width) = match area.width {
            w if w >= padded + 24 => (full, " ", "t3 · today ", 24),
            w if w >= padded + 11 => (full, " ", "", 11),
            w if w >= bare + 11 => (full, "", "", 11),
            w if w >= bare => (full, "", "", 0),
            _ => (titles(true), "", "", 0),
        };
        let selected = Tab::ALL.iter().position(|tab| *tab == self.tab);
        let tabs = Tabs::new(titles.clone())
            .select(selected)
            .style(theme::TAB_INACTIVE)
            .highlight_style(theme::TAB_ACTIVE)
            .padding(padding, padding)
            .divider("│");
        let [left, right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(area);
        frame.render_widget(tabs, left);
        self.mouse.record_tabs(left, &titles, padding);
        if width > 0 {
            let today = Line::styled(format!("{label}{} ", self.today), theme::DIM).right_aligned();
            frame.render_widget(today, right);
        }
    }

    /// Two lines: the message (or the database path) and the keys that matter here.
    fn render_status(&self, frame: &mut Frame<'_>, area: Rect) {
        let [top, bottom] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        let path = sanitize(&self.store().path().display().to_string()).into_owned();
        let mut first = match &self.message {
            Some(message) => {
                let style = if message.is_error {
                    theme::ERROR
                } else {
                    theme::INFO
                };
                Line::from(vec![Span::styled(
                    sanitize(&message.text).into_owned(),
                    style,
                )])
            }
            None => Line::from(vec![
                Span::styled("db ", theme::LABEL),
                Span::styled(path, theme::DIM),
            ]),
        };
        let marked = self.list().marked_count();
        if marked > 0 {
            let count = Span::styled(format!("{marked} marked · "), theme::KEY);
            first.spans.insert(0, count);
        }
        match &self.command_line {
            Some(line) => {
                line.render(frame, top);
                // The line takes the message's place; what is wrong with it shows below it.
                if self.message.is_some() {
                    frame.render_widget(Paragraph::new(first), bottom);
                    return;
                }
            }
            None => frame.render_widget(Paragraph::new(first), top),
        }
        let mut spans = Vec::new();
        // Before the hints, so no width of screen or length of hints pushes it out of sight.
        if self.is_read_only() {
            spans.push(Span::styled(READ_ONLY_BADGE, theme::ERROR));
            spans.push(Span::raw("  "));
        }
        for (keys, help) in self.keymap.hints(self.context()) {
            spans.push(Span::styled(keys, theme::KEY));
            spans.push(Span::raw(format!(" {help}  ")));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), bottom);
    }
}

fn render_too_small(frame: &mut Frame<'_>, area: Rect) {
    let text = format!(
        "Terminal too small: {}×{}.\nt3 needs at least {MIN_WIDTH}×{MIN_HEIGHT}; enlarge the window.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(theme::ERROR)
            .wrap(Wrap { trim: true }),
        area,
    );
}
