//! Forms: labelled fields typed into with ratatui-textarea, errors shown beside the field they
//! concern, and nothing typed ever thrown away by a failed save.
//!
//! The text area draws what it holds as it is, so every value put into one (from the
//! database or a paste) is neutralised first: a stored name holding an escape sequence is
//! shown, and saved back, with visible placeholders.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::safe_text::sanitize;
use super::selection::Decision;
use super::theme;
use crate::domain::assessment::AssessmentId;
use crate::domain::program::ReleaseId;
use crate::domain::program::SessionId;
use crate::domain::risk::FindingKey;
use crate::domain::sync::SyncId;
use crate::domain::{AccountId, FieldError, TrainerId};

/// What a form is for, which decides what saving it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    NewAccount,
    EditAccount(AccountId),
    NewTrainer,
    EditTrainer(TrainerId),
    Note(AccountId),
    /// Approving, declining or reopening an assessment's review.
    Review(AssessmentId, Decision),
    /// A certification module result for the trainer.
    ModuleResult(TrainerId),
    /// A sync's details and first date, before the quarterly dates are confirmed.
    ScheduleSyncs,
    /// The quarterly helper's proposed dates, editable.
    QuarterlyDates,
    EditSync(SyncId),
    /// Triage of a finding: a contact's note, a snooze, an assignee, a resolution.
    Contact(FindingKey),
    Snooze(FindingKey),
    Assign(FindingKey),
    Resolve(FindingKey),
    /// A session the trainer delivered.
    LogSession(TrainerId),
    /// A session delivered at the account, by the trainer chosen in the form.
    LogSessionAt(AccountId),
    /// Correcting a logged session.
    EditSession(SessionId),
    NewRelease,
    EditRelease(ReleaseId),
    NewMaterial,
    /// A material's new version, updated for a release or for none.
    MaterialUpdate,
    /// The name to save the current view under.
    SaveView,
}

enum Input {
    /// One line of text; Enter saves the form rather than breaking the line.
    Line(TextArea<'static>),
    /// Several lines; Alt-Enter breaks a line.
    Text(TextArea<'static>),
    /// One of a fixed set of values, cycled with ←/→ or Space. The values may come from the
    /// database (trainer names), so they are kept made safe to draw.
    Choice {
        options: Vec<String>,
        selected: usize,
    },
}

struct Field {
    key: &'static str,
    label: &'static str,
    input: Input,
    initial: String,
    error: Option<String>,
}

impl Field {
    fn value(&self) -> String {
        match &self.input {
            Input::Line(area) => area.lines().join(" "),
            Input::Text(area) => area.lines().join("\n"),
            Input::Choice { options, selected } => {
                options.get(*selected).cloned().unwrap_or_default()
            }
        }
    }

    fn height(&self) -> u16 {
        let input = if matches!(self.input, Input::Text(_)) {
            5
        } else {
            1
        };
        input + u16::from(self.error.is_some())
    }
}

pub struct Form {
    pub kind: FormKind,
    title: String,
    fields: Vec<Field>,
    focus: usize,
    /// A problem with the save as a whole (the database refused it), shown above the fields.
    pub failure: Option<String>,
}

impl Form {
    pub fn new(kind: FormKind, title: impl Into<String>) -> Self {
        Self {
            kind,
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            failure: None,
        }
    }

    pub fn line(self, key: &'static str, label: &'static str, value: &str, hint: &str) -> Self {
        let mut area = TextArea::new(vec![sanitize(value).into_owned()]);
        area.set_placeholder_text(hint);
        area.set_placeholder_style(theme::DIM);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.push(key, label, Input::Line(area))
    }

    pub fn text(self, key: &'static str, label: &'static str, value: &str) -> Self {
        let area = TextArea::new(
            value
                .lines()
                .map(|line| sanitize(line).into_owned())
                .collect(),
        );
        self.push(key, label, Input::Text(area))
    }

    pub fn choice(
        self,
        key: &'static str,
        label: &'static str,
        options: &[&str],
        value: &str,
    ) -> Self {
        let options = options.iter().map(ToString::to_string).collect();
        self.choice_of(key, label, options, value)
    }

    /// A choice among values read from the database (material titles, release names): each is
    /// neutralised, so `value` and what the form returns are the neutralised text.
    pub fn choice_of(
        self,
        key: &'static str,
        label: &'static str,
        options: Vec<String>,
        value: &str,
    ) -> Self {
        let options: Vec<String> = options
            .into_iter()
            .map(|option| sanitize(&option).into_owned())
            .collect();
        let value = sanitize(value);
        let selected = options
            .iter()
            .position(|option| *option == value)
            .unwrap_or(0);
        self.push(key, label, Input::Choice { options, selected })
    }

    fn push(mut self, key: &'static str, label: &'static str, input: Input) -> Self {
        let mut field = Field {
            key,
            label,
            input,
            initial: String::new(),
            error: None,
        };
        field.initial = field.value();
        self.fields.push(field);
        self.restyle();
        self
    }

    /// The current text of the field named `key` (empty if there is none).
    pub fn value(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|field| field.key == key)
            .map(Field::value)
            .unwrap_or_default()
    }

    /// Whether anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.fields
            .iter()
            .any(|field| field.value() != field.initial)
    }

    pub fn focus_next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
        self.restyle();
    }

    pub fn focus_previous(&mut self) {
        let count = self.fields.len().max(1);
        self.focus = (self.focus + count - 1) % count;
        self.restyle();
    }

    #[cfg(test)]
    pub fn focused_key(&self) -> Option<&'static str> {
        self.fields.get(self.focus).map(|field| field.key)
    }

    /// Shows each error beside its field and moves to the first one; typed text stays.
    pub fn show_errors(&mut self, errors: &[FieldError]) {
        for field in &mut self.fields {
            field.error = errors
                .iter()
                .filter(|error| error.field == field.key)
                .map(|error| error.message.clone())
                .reduce(|first, second| format!("{first}; {second}"));
        }
        if let Some(first) = self.fields.iter().position(|field| field.error.is_some()) {
            self.focus = first;
        }
        self.restyle();
    }

    /// A key that the keymap left to the form: typing, cursor movement, or cycling a choice.
    pub fn type_key(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.input {
            Input::Line(area) => {
                let breaks_line = key.code == KeyCode::Enter
                    || (key.modifiers.contains(KeyModifiers::CONTROL)
                        && matches!(key.code, KeyCode::Char('m' | 'j')));
                if !breaks_line {
                    area.input(key);
                }
            }
            Input::Text(area) => {
                area.input(key);
            }
            Input::Choice { options, selected } => cycle_choice(options, selected, key),
        }
    }

    /// Pasted text goes into the focused field as text, whatever keys it contains.
    pub fn paste(&mut self, text: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.input {
            Input::Line(area) => {
                area.insert_str(sanitize(&text.replace(['\r', '\n'], " ")));
            }
            Input::Text(area) => {
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                let lines: Vec<_> = text.split('\n').map(sanitize).collect();
                area.insert_str(lines.join("\n"));
            }
            Input::Choice { .. } => {}
        }
    }

    /// Shows the cursor only in the focused field.
    fn restyle(&mut self) {
        for (index, field) in self.fields.iter_mut().enumerate() {
            let focused = index == self.focus;
            if let Input::Line(area) | Input::Text(area) = &mut field.input {
                area.set_cursor_line_style(Style::new());
                area.set_style(if focused {
                    theme::FOCUSED_INPUT
                } else {
                    Style::new()
                });
                area.set_cursor_style(if focused { theme::CURSOR } else { Style::new() });
            }
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let body: u16 = self.fields.iter().map(Field::height).sum();
        let height = (body + 2 + u16::from(self.failure.is_some())).min(area.height);
        let width = area.width.saturating_sub(4).clamp(20, 76).min(area.width);
        let popup = centered(area, width, height);
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(format!(" {} ", self.title), theme::TITLE));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let mut rows: Vec<Constraint> = Vec::new();
        if self.failure.is_some() {
            rows.push(Constraint::Length(1));
        }
        rows.extend(
            self.fields
                .iter()
                .map(|field| Constraint::Length(field.height())),
        );
        let areas = Layout::vertical(rows).split(inner);
        let mut areas = areas.iter().copied();
        if let Some(failure) = &self.failure
            && let Some(line) = areas.next()
        {
            frame.render_widget(Paragraph::new(failure.as_str()).style(theme::ERROR), line);
        }
        for (index, (field, place)) in self.fields.iter().zip(areas).enumerate() {
            render_field(frame, field, place, index == self.focus);
        }
    }
}

fn cycle_choice(options: &[String], selected: &mut usize, key: KeyEvent) {
    let count = options.len().max(1);
    match key.code {
        KeyCode::Right | KeyCode::Char(' ') => *selected = (*selected + 1) % count,
        KeyCode::Left => *selected = (*selected + count - 1) % count,
        KeyCode::Char(c) => {
            if let Some(found) = options.iter().position(|option| option.starts_with(c)) {
                *selected = found;
            }
        }
        _ => {}
    }
}

const LABEL_WIDTH: u16 = 15;

fn render_field(frame: &mut Frame<'_>, field: &Field, place: Rect, focused: bool) {
    let [label_area, input_area] =
        Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Fill(1)]).areas(place);
    let label_style = if focused { theme::KEY } else { theme::LABEL };
    let marker = if focused { "›" } else { " " };
    frame.render_widget(
        Line::styled(format!("{marker}{}", field.label), label_style),
        label_area,
    );
    let input_height = place
        .height
        .saturating_sub(u16::from(field.error.is_some()));
    let input_rect = Rect {
        height: input_height,
        ..input_area
    };
    match &field.input {
        Input::Line(area) | Input::Text(area) => frame.render_widget(area, input_rect),
        Input::Choice { options, selected } => {
            let value = options.get(*selected).map_or("", String::as_str);
            let style = if focused {
                theme::FOCUSED_INPUT
            } else {
                Style::new()
            };
            let line = Line::from(vec![
                Span::styled("◀ ", theme::DIM),
                Span::styled(value, style),
                Span::styled(" ▶", theme::DIM),
            ]);
            frame.render_widget(line, input_rect);
        }
    }
    if let Some(error) = &field.error {
        let error_rect = Rect {
            y: input_area.y + input_height,
            height: 1,
            ..input_area
        };
        frame.render_widget(
            Paragraph::new(format!("⚠ {error}"))
                .style(theme::ERROR)
                .wrap(Wrap { trim: true }),
            error_rect,
        );
    }
}

/// A rectangle of the given size centred in `area` (shrunk to fit).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn form() -> Form {
        Form::new(FormKind::NewAccount, "New account")
            .line("name", "Name", "", "")
            .choice(
                "t3_status",
                "T3 status",
                &["none", "planned", "active"],
                "planned",
            )
            .text("body", "Note", "")
    }

    #[test]
    fn typing_fills_the_focused_field_and_marks_the_form_dirty() {
        let mut form = form();
        assert!(!form.is_dirty());
        for c in "Acme".chars() {
            form.type_key(press(KeyCode::Char(c)));
        }
        form.type_key(press(KeyCode::Enter));
        assert_eq!(form.value("name"), "Acme");
        assert!(form.is_dirty());
    }

    #[test]
    fn choices_cycle_and_jump_by_letter() {
        let mut form = form();
        form.focus_next();
        form.type_key(press(KeyCode::Right));
        assert_eq!(form.value("t3_status"), "active");
        form.type_key(press(KeyCode::Right));
        assert_eq!(form.value("t3_status"), "none");
        form.type_key(press(KeyCode::Char('p')));
        assert_eq!(form.value("t3_status"), "planned");
    }

    #[test]
    fn paste_is_text_even_when_it_looks_like_keys() {
        let mut form = form();
        form.paste("q\n?x");
        assert_eq!(form.value("name"), "q ?x");
        form.focus_previous();
        form.paste("line one\r\nline two");
        assert_eq!(form.value("body"), "line one\nline two");
    }

    #[test]
    fn errors_land_on_their_field_and_keep_the_text() {
        let mut form = form();
        form.paste("Globex");
        form.focus_next();
        form.focus_next();
        form.show_errors(&[FieldError::new("name", "already exists")]);
        assert_eq!(form.focused_key(), Some("name"));
        assert_eq!(form.value("name"), "Globex");
        form.show_errors(&[]);
        assert!(form.fields.iter().all(|field| field.error.is_none()));
    }
}
