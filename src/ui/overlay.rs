//! What can open over a tab: help, a form, a yes/no question, the status picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::checklist::Checklist;
use super::comparison::Comparison;
use super::form::{Form, centered};
use super::keymap::{Bound, Context, KeyMap};
use super::report::TextReport;
use super::theme;
use super::view_list::ViewList;
use super::wizard::Wizard;
use crate::domain::program::SessionId;
use crate::domain::sync::SyncId;
use crate::domain::{AccountId, TrainerId, TrainerStatus};

pub enum Overlay {
    Help(Help),
    Form(Form),
    Confirm(Confirm),
    Picker(StatusPicker),
    Wizard(Box<Wizard>),
    Compare(Comparison),
    Checklist(Box<Checklist>),
    Report(TextReport),
    Views(ViewList),
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help(_) => Context::Help,
            Overlay::Form(_) => Context::Form,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Picker(_) => Context::Picker,
            Overlay::Wizard(wizard) => wizard.context(),
            Overlay::Compare(_) => Context::Compare,
            Overlay::Checklist(list) => list.context(),
            Overlay::Report(_) => Context::Report,
            Overlay::Views(_) => Context::Views,
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        match self {
            Overlay::Help(help) => help.render(frame, area),
            Overlay::Form(form) => form.render(frame, area),
            Overlay::Confirm(confirm) => confirm.render(frame, area),
            Overlay::Picker(picker) => picker.render(frame, area),
            Overlay::Wizard(wizard) => wizard.render(frame, area),
            Overlay::Compare(comparison) => comparison.render(frame, area),
            Overlay::Checklist(list) => list.render(frame, area),
            Overlay::Report(report) => report.render(frame, area),
            Overlay::Views(list) => list.render(frame, area),
        }
    }
}

/// The `?` overlay: every binding in force where it was opened, read from the keymap.
pub struct Help {
    pub context: Context,
    pub scroll: u16,
    bindings: Vec<Bound>,
}

impl Help {
    pub fn new(context: Context, keymap: &KeyMap) -> Self {
        Self {
            context,
            scroll: 0,
            bindings: keymap.bindings_for(context),
        }
    }

    pub fn lines(&self) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for layer in self.context.chain() {
            lines.push(Line::styled(heading(*layer), theme::HEADER));
            for binding in self
                .bindings
                .iter()
                .filter(|binding| binding.context == *layer)
            {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<16}", binding.keys_label()), theme::KEY),
                    Span::raw(binding.help),
                ]));
            }
        }
        lines
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let lines = self.lines();
        let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
        let popup = centered(area, widest.max(40) + 2, lines.len() as u16 + 2);
        frame.render_widget(Clear, popup);
        let visible = popup.height.saturating_sub(2);
        // Scrolling stops once the last line is in view rather than running into blank space.
        let scroll = self
            .scroll
            .min((lines.len() as u16).saturating_sub(visible));
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(" Keys (Esc closes) ", theme::TITLE));
        frame.render_widget(
            Paragraph::new(lines).block(block).scroll((scroll, 0)),
            popup,
        );
    }
}

fn heading(context: Context) -> &'static str {
    match context {
        Context::Anywhere => "Anywhere",
        Context::Browse => "Lists and tabs",
        Context::Accounts => "Accounts",
        Context::Roster => "Roster",
        Context::Filter => "Filtering",
        Context::Form => "Forms",
        Context::Confirm => "Questions",
        Context::Picker => "Choosing",
        Context::Help => "This help",
        Context::Wizard => "Questionnaire",
        Context::WizardQuestion => "Answering a question",
        Context::WizardNote => "Writing the evidence note",
        Context::WizardSummary => "Summary",
        Context::Compare => "Comparison",
        Context::Certification => "Certification",
        Context::Practicum => "Practicum mode",
        Context::PracticumRubric => "Scoring the rubric",
        Context::PracticumText => "Writing feedback or the evaluator",
        Context::Syncs => "Syncs",
        Context::Attendance => "Taking attendance",
        Context::Invites => "The invite list",
        Context::AtRisk => "At risk: triage the selected finding",
        Context::Sessions => "The trainer's sessions",
        Context::Releases => "Releases and materials",
        Context::Program => {
            "Program: Enter scopes the metrics to the account, Esc to the portfolio"
        }
        Context::CommandLine => "The command line",
        Context::Report => "Reading a report",
        Context::Views => "Saved views",
    }
}

/// What a "yes" does.
pub enum Pending {
    /// Throw away the form that was open.
    DiscardForm,
    /// Archive (`true`) or restore (`false`) an account.
    Archive(AccountId, bool),
    /// Certify the trainer, as of today.
    Certify(TrainerId),
    /// Renew the trainer's certification, as of today.
    Renew(TrainerId),
    CancelSync(SyncId),
    DeleteSession(SessionId),
    /// One action on many marked rows, asked about first because there are many.
    Bulk(Box<super::bulk::BulkAction>),
    /// Forget the saved view of this name.
    DeleteView(String),
}

/// A yes/no question; on "no", `back` (the form being cancelled, say) returns as it was.
pub struct Confirm {
    pub question: String,
    pub on_yes: Pending,
    pub back: Option<Box<Overlay>>,
}

impl Confirm {
    fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        if let Some(back) = &self.back {
            back.render(frame, area);
        }
        let width = (self.question.chars().count() as u16 + 6).clamp(30, 70);
        let popup = centered(area, width, 5);
        frame.render_widget(Clear, popup);
        let lines = vec![
            Line::raw(self.question.clone()),
            Line::from(vec![
                Span::styled("y", theme::KEY),
                Span::raw(" yes   "),
                Span::styled("n", theme::KEY),
                Span::raw(" no"),
            ]),
        ];
        let block = Block::bordered().border_style(theme::BORDER);
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
            popup,
        );
    }
}

/// Choosing a trainer's next status among the moves allowed from the current one.
pub struct StatusPicker {
    pub trainer: TrainerId,
    pub name: String,
    pub options: &'static [TrainerStatus],
    pub selected: usize,
}

impl StatusPicker {
    pub fn chosen(&self) -> Option<TrainerStatus> {
        self.options.get(self.selected).copied()
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.options.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let popup = centered(area, 44, self.options.len() as u16 + 3);
        frame.render_widget(Clear, popup);
        let mut lines = vec![Line::styled("Move to:", theme::LABEL)];
        for (index, status) in self.options.iter().enumerate() {
            let marker = if index == self.selected { "▶ " } else { "  " };
            let style = if index == self.selected {
                theme::SELECTED.patch(theme::trainer_status(*status))
            } else {
                theme::trainer_status(*status)
            };
            lines.push(Line::styled(format!("{marker}{status}"), style));
        }
        let title = Line::styled(format!(" Status of {} ", self.name), theme::TITLE);
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().border_style(theme::BORDER).title(title)),
            popup,
        );
    }
}
