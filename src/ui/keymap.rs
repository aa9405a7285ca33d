//! The one keymap table: dispatch, the `?` overlay and the status-line hints all read it, so
//! help can never drift from what the keys do. The table holds the defaults; the user's keys
//! file is laid over it into a [`KeyMap`], which is what the app reads.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::tab::Tab;

mod in_force;
pub mod keys_file;
mod listing;
mod notation;

pub use in_force::{Bound, Claim, Clash, KeyMap, Override};
pub use notation::{context_named, parse_key, section_name};

/// Where the user is, which decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Keys that work whatever is open.
    Anywhere,
    /// Moving around lists and tabs when no text is being typed.
    Browse,
    Accounts,
    Roster,
    /// Typing a filter; unbound keys are text.
    Filter,
    /// Filling a form; unbound keys are text.
    Form,
    Confirm,
    Picker,
    Help,
    /// Keys common to every step of the selection questionnaire.
    Wizard,
    /// A question of the questionnaire has the focus: digits answer it.
    WizardQuestion,
    /// The evidence note has the focus; unbound keys are text.
    WizardNote,
    /// The questionnaire's summary step.
    WizardSummary,
    /// Candidates of one account side by side.
    Compare,
    Certification,
    /// Keys common to all of practicum mode.
    Practicum,
    /// The practicum rubric has the focus: digits score, Space runs the countdown.
    PracticumRubric,
    /// The practicum's feedback or evaluator has the focus; unbound keys are text.
    PracticumText,
    Syncs,
    /// Marking a held sync's attendance.
    Attendance,
    /// Ticking who is invited to a sync.
    Invites,
    /// The At risk tab: triage keys act on the selected finding.
    AtRisk,
    /// The list of one trainer's training sessions, over the Roster.
    Sessions,
    /// The Releases and materials view, open over a tab.
    Releases,
    /// The Program tab: the metrics over a period, for the portfolio or one account.
    Program,
    /// Typing a `:` command; unbound keys are text.
    CommandLine,
    /// A popup of text to read: what an import did.
    Report,
    /// The saved views list: digits and Enter recall one.
    Views,
}

impl Context {
    pub const ALL: [Context; 28] = [
        Context::Anywhere,
        Context::Browse,
        Context::Accounts,
        Context::Roster,
        Context::Filter,
        Context::Form,
        Context::Confirm,
        Context::Picker,
        Context::Help,
        Context::Wizard,
        Context::WizardQuestion,
        Context::WizardNote,
        Context::WizardSummary,
        Context::Compare,
        Context::Certification,
        Context::Practicum,
        Context::PracticumRubric,
        Context::PracticumText,
        Context::Syncs,
        Context::Attendance,
        Context::Invites,
        Context::AtRisk,
        Context::Sessions,
        Context::Releases,
        Context::Program,
        Context::CommandLine,
        Context::Report,
        Context::Views,
    ];

    /// The contexts consulted for a key, most specific first.
    pub fn chain(self) -> &'static [Context] {
        match self {
            Context::Accounts => &[Context::Accounts, Context::Browse, Context::Anywhere],
            Context::Roster => &[Context::Roster, Context::Browse, Context::Anywhere],
            Context::Browse => &[Context::Browse, Context::Anywhere],
            Context::Filter => &[Context::Filter, Context::Anywhere],
            Context::Form => &[Context::Form, Context::Anywhere],
            Context::Confirm => &[Context::Confirm, Context::Anywhere],
            Context::Picker => &[Context::Picker, Context::Anywhere],
            Context::Help => &[Context::Help, Context::Anywhere],
            Context::Anywhere => &[Context::Anywhere],
            Context::Wizard => &[Context::Wizard, Context::Anywhere],
            Context::WizardQuestion => {
                &[Context::WizardQuestion, Context::Wizard, Context::Anywhere]
            }
            Context::WizardNote => &[Context::WizardNote, Context::Wizard, Context::Anywhere],
            Context::WizardSummary => &[Context::WizardSummary, Context::Wizard, Context::Anywhere],
            Context::Compare => &[Context::Compare, Context::Anywhere],
            Context::Certification => &[Context::Certification, Context::Browse, Context::Anywhere],
            Context::Practicum => &[Context::Practicum, Context::Anywhere],
            Context::PracticumRubric => &[
                Context::PracticumRubric,
                Context::Practicum,
                Context::Anywhere,
            ],
            Context::PracticumText => &[
                Context::PracticumText,
                Context::Practicum,
                Context::Anywhere,
            ],
            Context::Syncs => &[Context::Syncs, Context::Browse, Context::Anywhere],
            Context::Attendance => &[Context::Attendance, Context::Anywhere],
            Context::Invites => &[Context::Invites, Context::Anywhere],
            Context::AtRisk => &[Context::AtRisk, Context::Browse, Context::Anywhere],
            // Not Browse: tab keys would leave the list open over another tab.
            Context::Sessions => &[Context::Sessions, Context::Anywhere],
            // Not Browse: the tab keys would act on the tab hidden beneath the view.
            Context::Releases => &[Context::Releases, Context::Anywhere],
            Context::Program => &[Context::Program, Context::Browse, Context::Anywhere],
            Context::CommandLine => &[Context::CommandLine, Context::Anywhere],
            Context::Report => &[Context::Report, Context::Anywhere],
            Context::Views => &[Context::Views, Context::Anywhere],
        }
    }

    /// Whether keys the table does not bind are typed text in this context.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Filter
                | Context::Form
                | Context::WizardNote
                | Context::PracticumText
                | Context::CommandLine
        )
    }
}

/// A key with its modifiers, as the table writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// The key as the table would write it. Shift is part of the character for printable keys
    /// (`G`) and of the code for Shift-Tab, and terminals disagree on reporting it, so it is
    /// dropped there.
    pub fn from_event(event: KeyEvent) -> Self {
        let mut modifiers = event.modifiers;
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Self {
            code: event.code,
            modifiers,
        }
    }

    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::F(number) => format!("F{number}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        for (modifier, prefix) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.modifiers.contains(modifier) {
                label.push_str(prefix);
            }
        }
        // Terminals send Ctrl-r and Ctrl-R alike, and help has always written the capital.
        if self.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(self.code, KeyCode::Char(c) if c != ' ')
        {
            label.push_str(&name.to_uppercase());
        } else {
            label.push_str(&name);
        }
        label
    }
}

/// One line of the table: the keys, what they do, and how help describes it.
#[derive(Debug)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    /// The short word the status line shows beside the keys; `None` leaves it to `?`.
    pub hint: Option<&'static str>,
}

impl Binding {
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(|key| key.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        hint,
    }
}

use Context::{
    Accounts, Anywhere, AtRisk, Attendance, Browse, Certification, CommandLine, Compare, Confirm,
    Filter, Form, Help, Invites, Picker, Practicum, PracticumRubric, Program, Releases, Report,
    Roster, Sessions, Syncs, Views, Wizard, WizardNote, WizardQuestion, WizardSummary,
};

// One binding a line reads as a table; rustfmt would spread each over six.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Anywhere, &[Key::ctrl('c')], Action::Quit, "quit at once", None),
    bind(Anywhere, &[Key::ctrl('z')], Action::Suspend, "suspend to the shell (fg resumes)", None),
    bind(Browse, &[Key::char('1')], Action::GoToTab(Tab::Accounts), "Accounts tab", None),
    bind(Browse, &[Key::char('2')], Action::GoToTab(Tab::Roster), "Roster tab", None),
    bind(Browse, &[Key::char('3')], Action::GoToTab(Tab::Certification), "Certification tab", None),
    bind(Browse, &[Key::char('4')], Action::GoToTab(Tab::Syncs), "Syncs tab", None),
    bind(Browse, &[Key::char('5')], Action::GoToTab(Tab::AtRisk), "At risk tab", None),
    bind(Browse, &[Key::char('6')], Action::GoToTab(Tab::Program), "Program tab", None),
    bind(Browse, &[Key::plain(KeyCode::Tab)], Action::NextTab, "next tab", None),
    bind(Browse, &[Key::plain(KeyCode::BackTab)], Action::PreviousTab, "previous tab", None),
    bind(Browse, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "move down", None),
    bind(Browse, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "move up", None),
    bind(Browse, &[Key::char('g'), Key::plain(KeyCode::Home)], Action::MoveTop, "go to the top", None),
    bind(Browse, &[Key::char('G'), Key::plain(KeyCode::End)], Action::MoveBottom, "go to the bottom", None),
    bind(Browse, &[Key::plain(KeyCode::PageDown)], Action::PageDown, "page down", None),
    bind(Browse, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "page up", None),
    bind(Browse, &[Key::plain(KeyCode::Enter)], Action::Open, "open the detail", Some("open")),
    bind(Browse, &[Key::plain(KeyCode::Esc)], Action::Back, "back: clear marks, close detail, clear filter", None),
    bind(Browse, &[Key::char('/')], Action::StartFilter, "filter as you type", Some("filter")),
    bind(Browse, &[Key::char('s')], Action::CycleSort, "cycle the sort column", Some("sort")),
    bind(Browse, &[Key::char('?')], Action::ShowHelp, "help for this tab", Some("help")),
    bind(Browse, &[Key::char('q')], Action::Quit, "quit", Some("quit")),
    bind(Browse, &[Key::char('R')], Action::OpenReleases, "releases and their materials", None),
    bind(Browse, &[Key::char(':')], Action::OpenCommandLine, "command line: commands by name (Tab completes)", None),
    bind(Browse, &[Key::char('u')], Action::Undo, "undo the last action of this run, on any tab", None),
    bind(Browse, &[Key::ctrl('r')], Action::Redo, "redo what was undone last", None),
    bind(Browse, &[Key::char('@')], Action::ShowActionLog, "what was done this run, with the times", None),
    bind(Browse, &[Key::char(' ')], Action::ToggleMark, "mark or unmark the row and move down", None),
    bind(Browse, &[Key::char('V')], Action::MarkRange, "mark from the last marked row to this one", None),
    bind(Browse, &[Key::char('*')], Action::MarkAllShown, "mark every row shown", None),
    bind(Browse, &[Key::char('y')], Action::CopyRows, "copy the row, or the marked rows (OSC 52)", None),
    bind(Browse, &[Key::ctrl('e')], Action::ExportRows, "write marked (or shown) rows to a CSV file", None),
    bind(Browse, &[Key::char('W')], Action::SaveView, "save the tab, filter and sort as a named view", None),
    bind(Browse, &[Key::char('\'')], Action::OpenViews, "saved views: recall or delete one", None),
    bind(Views, &[Key::char('1')], Action::RecallView(1), "recall view 1", Some("recall")),
    bind(Views, &[Key::char('2')], Action::RecallView(2), "recall view 2", Some("recall")),
    bind(Views, &[Key::char('3')], Action::RecallView(3), "recall view 3", Some("recall")),
    bind(Views, &[Key::char('4')], Action::RecallView(4), "recall view 4", Some("recall")),
    bind(Views, &[Key::char('5')], Action::RecallView(5), "recall view 5", Some("recall")),
    bind(Views, &[Key::char('6')], Action::RecallView(6), "recall view 6", Some("recall")),
    bind(Views, &[Key::char('7')], Action::RecallView(7), "recall view 7", Some("recall")),
    bind(Views, &[Key::char('8')], Action::RecallView(8), "recall view 8", Some("recall")),
    bind(Views, &[Key::char('9')], Action::RecallView(9), "recall view 9", Some("recall")),
    bind(Views, &[Key::plain(KeyCode::Enter)], Action::RecallSelectedView, "recall the selected view", None),
    bind(Views, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "next view", None),
    bind(Views, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "previous view", None),
    bind(Views, &[Key::char('d')], Action::DeleteView, "delete the selected view (asks first)", Some("delete")),
    bind(Views, &[Key::plain(KeyCode::Esc), Key::char('q'), Key::char('\'')], Action::CloseOverlay, "close", Some("close")),
    bind(CommandLine, &[Key::plain(KeyCode::Enter)], Action::RunCommand, "run the command", Some("run")),
    bind(CommandLine, &[Key::plain(KeyCode::Esc)], Action::CancelCommand, "cancel", Some("cancel")),
    bind(CommandLine, &[Key::plain(KeyCode::Tab)], Action::CompleteWord, "complete the word; again for the next candidate", Some("complete")),
    bind(CommandLine, &[Key::plain(KeyCode::BackTab)], Action::CompleteWordBack, "the previous candidate", None),
    bind(CommandLine, &[Key::plain(KeyCode::Up)], Action::OlderCommand, "an earlier command", Some("history")),
    bind(CommandLine, &[Key::plain(KeyCode::Down)], Action::NewerCommand, "a later command, then what was typed", None),
    bind(Report, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "scroll down", Some("scroll")),
    bind(Report, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "scroll up", None),
    bind(Report, &[Key::plain(KeyCode::Esc), Key::char('q'), Key::plain(KeyCode::Enter)], Action::CloseOverlay, "close", Some("close")),
    bind(Accounts, &[Key::char('a')], Action::AddAccount, "add an account", Some("add")),
    bind(Accounts, &[Key::char('e')], Action::EditAccount, "edit the account", Some("edit")),
    bind(Accounts, &[Key::char('n')], Action::AddNote, "add a note to the account", Some("note")),
    bind(Accounts, &[Key::char('x')], Action::ToggleArchive, "archive or restore the account", None),
    bind(Accounts, &[Key::char('z')], Action::ShowArchived, "show or hide archived accounts", None),
    bind(Accounts, &[Key::char('C')], Action::Compare, "compare the account's candidates", None),
    bind(Accounts, &[Key::char('b')], Action::WriteQbr, "write the account's QBR page beside the database", Some("QBR")),
    bind(Accounts, &[Key::char('l')], Action::LogSession, "log a session by one of its trainers", None),
    bind(Roster, &[Key::char('a')], Action::AddTrainer, "add a trainer", Some("add")),
    bind(Roster, &[Key::char('e')], Action::EditTrainer, "edit the trainer", Some("edit")),
    bind(Roster, &[Key::char('c')], Action::ChangeStatus, "change the trainer's status", Some("status")),
    bind(Roster, &[Key::char('Q')], Action::StartQuestionnaire, "start or resume the selection questionnaire", Some("questionnaire")),
    bind(Roster, &[Key::char('v')], Action::ToggleReviewQueue, "show only assessments waiting for review", None),
    bind(Roster, &[Key::char('A')], Action::Approve, "approve the pending assessment (trainer: selected)", None),
    bind(Roster, &[Key::char('D')], Action::Decline, "decline the pending assessment (trainer: declined)", None),
    bind(Roster, &[Key::char('O')], Action::Reopen, "reopen a decided review", None),
    bind(Roster, &[Key::char('C')], Action::Compare, "compare the candidates of the trainer's account", None),
    bind(Roster, &[Key::char('l')], Action::LogSession, "log a session the trainer delivered", None),
    bind(Roster, &[Key::char('L')], Action::ShowSessions, "the trainer's sessions: correct or delete one", None),
    bind(Certification, &[Key::char('m')], Action::RecordModule, "record a module result (pass or not)", Some("module")),
    bind(Certification, &[Key::char('p')], Action::OpenPracticum, "run the practicum: countdown, rubric, feedback", Some("practicum")),
    bind(Certification, &[Key::char('c')], Action::Certify, "certify: every module passed, valid 12 months", Some("certify")),
    bind(Certification, &[Key::char('r')], Action::Renew, "renew: needs an extended assessment pass in the last 60 days", Some("renew")),
    bind(Syncs, &[Key::char('a')], Action::ScheduleSyncs, "schedule syncs (the quarterly helper proposes four dates)", Some("schedule")),
    bind(Syncs, &[Key::char('e')], Action::EditSync, "edit the sync: time, zone, agenda, recording link", Some("edit")),
    bind(Syncs, &[Key::char('t')], Action::TakeAttendance, "take attendance (a sync whose day has come is marked held)", Some("attendance")),
    bind(Syncs, &[Key::char('i')], Action::EditInvites, "choose who is invited", Some("invites")),
    bind(Syncs, &[Key::char('h')], Action::MarkHeld, "mark the sync held", None),
    bind(Syncs, &[Key::char('X')], Action::CancelSync, "cancel the sync (asks first)", None),
    bind(Syncs, &[Key::char('E')], Action::ExportCalendar, "export upcoming syncs to an .ics calendar file", Some("export .ics")),
    bind(AtRisk, &[Key::char('a')], Action::Acknowledge, "acknowledge the finding", Some("ack")),
    bind(AtRisk, &[Key::char('c')], Action::LogContact, "log a contact: a note on the account and trainer", Some("contact")),
    bind(AtRisk, &[Key::char('z')], Action::Snooze, "snooze for 7, 14 or 30 days or to a date", Some("snooze")),
    bind(AtRisk, &[Key::char('A')], Action::Assign, "assign to a person", Some("assign")),
    bind(AtRisk, &[Key::char('r')], Action::Resolve, "resolve with a reason", Some("resolve")),
    bind(AtRisk, &[Key::char('h')], Action::ShowHiddenFindings, "show or hide snoozed and resolved findings", None),
    bind(AtRisk, &[Key::char('o')], Action::ReopenFinding, "reopen a snoozed or resolved finding", None),
    bind(Sessions, &[Key::char('l'), Key::char('a')], Action::LogSession, "log a new session for the trainer", Some("log")),
    bind(Sessions, &[Key::char('e')], Action::EditSession, "correct the session", Some("edit")),
    bind(Sessions, &[Key::char('d')], Action::DeleteSession, "delete the session (asks first)", Some("delete")),
    bind(Sessions, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "next session (older)", None),
    bind(Sessions, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "previous session (newer)", None),
    bind(Sessions, &[Key::char('g'), Key::plain(KeyCode::Home)], Action::MoveTop, "the latest session", None),
    bind(Sessions, &[Key::char('G'), Key::plain(KeyCode::End)], Action::MoveBottom, "the oldest session", None),
    bind(Sessions, &[Key::plain(KeyCode::PageDown)], Action::PageDown, "page down", None),
    bind(Sessions, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "page up", None),
    bind(Sessions, &[Key::char('?')], Action::ShowHelp, "help for the session list", Some("help")),
    bind(Sessions, &[Key::plain(KeyCode::Esc), Key::char('q')], Action::CloseOverlay, "close", Some("close")),
    bind(Releases, &[Key::char('a')], Action::RecordRelease, "record a release", Some("release")),
    bind(Releases, &[Key::char('e')], Action::EditRelease, "edit the release", Some("edit")),
    bind(Releases, &[Key::char('m')], Action::AddMaterial, "add a material", Some("material")),
    bind(Releases, &[Key::char('u')], Action::RecordMaterialUpdate, "record a material update: its new version, the release it follows", Some("update")),
    bind(Releases, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "next release (older)", None),
    bind(Releases, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "previous release (newer)", None),
    bind(Releases, &[Key::char('g'), Key::plain(KeyCode::Home)], Action::MoveTop, "the newest release", None),
    bind(Releases, &[Key::char('G'), Key::plain(KeyCode::End)], Action::MoveBottom, "the oldest release", None),
    bind(Releases, &[Key::plain(KeyCode::PageDown)], Action::PageDown, "page down", None),
    bind(Releases, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "page up", None),
    bind(Releases, &[Key::char('?')], Action::ShowHelp, "help for this view", Some("help")),
    bind(Releases, &[Key::plain(KeyCode::Esc), Key::char('q')], Action::CloseOverlay, "close, back to the tab", Some("close")),
    bind(Program, &[Key::char('p')], Action::CyclePeriod, "next period: this quarter, last quarter, last 12 months", Some("period")),
    bind(Filter, &[Key::plain(KeyCode::Enter)], Action::ApplyFilter, "keep the filter", Some("keep filter")),
    bind(Filter, &[Key::plain(KeyCode::Esc)], Action::ClearFilter, "clear the filter", Some("clear")),
    bind(Filter, &[Key::plain(KeyCode::Down)], Action::MoveDown, "move down", None),
    bind(Filter, &[Key::plain(KeyCode::Up)], Action::MoveUp, "move up", None),
    bind(Form, &[Key::plain(KeyCode::Tab)], Action::NextField, "next field", Some("next field")),
    bind(Form, &[Key::plain(KeyCode::BackTab)], Action::PreviousField, "previous field", Some("previous")),
    bind(Form, &[Key::plain(KeyCode::Enter)], Action::Save, "save", Some("save")),
    bind(Form, &[Key::plain(KeyCode::Esc)], Action::Cancel, "cancel", Some("cancel")),
    bind(Confirm, &[Key::char('y')], Action::Yes, "yes", Some("yes")),
    bind(Confirm, &[Key::char('n'), Key::plain(KeyCode::Esc)], Action::No, "no", Some("no")),
    bind(Picker, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "move down", None),
    bind(Picker, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "move up", None),
    bind(Picker, &[Key::plain(KeyCode::Enter)], Action::Choose, "choose", Some("choose")),
    bind(Picker, &[Key::plain(KeyCode::Esc)], Action::CloseOverlay, "close", Some("close")),
    bind(Help, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "scroll down", Some("scroll")),
    bind(Help, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "scroll up", None),
    bind(Help, &[Key::plain(KeyCode::Esc), Key::char('?'), Key::char('q')], Action::CloseOverlay, "close", Some("close")),
    bind(Wizard, &[Key::plain(KeyCode::Tab)], Action::NextField, "next question or the note", Some("next")),
    bind(Wizard, &[Key::plain(KeyCode::BackTab)], Action::PreviousField, "previous question or the note", None),
    bind(Wizard, &[Key::plain(KeyCode::PageDown)], Action::NextStep, "next criterion", Some("next step")),
    bind(Wizard, &[Key::plain(KeyCode::PageUp)], Action::PreviousStep, "previous criterion", Some("back")),
    bind(Wizard, &[Key::plain(KeyCode::Esc)], Action::CloseOverlay, "close (every answer is already saved)", Some("close")),
    bind(WizardQuestion, &[Key::char('1')], Action::Answer(1), "answer 1", Some("answer")),
    bind(WizardQuestion, &[Key::char('2')], Action::Answer(2), "answer 2", Some("answer")),
    bind(WizardQuestion, &[Key::char('3')], Action::Answer(3), "answer 3", Some("answer")),
    bind(WizardQuestion, &[Key::char('4')], Action::Answer(4), "answer 4", Some("answer")),
    bind(WizardQuestion, &[Key::char('5')], Action::Answer(5), "answer 5", Some("answer")),
    bind(WizardQuestion, &[Key::plain(KeyCode::Left), Key::char('h')], Action::LowerScore, "lower the answer", None),
    bind(WizardQuestion, &[Key::plain(KeyCode::Right), Key::char('l')], Action::RaiseScore, "raise the answer", None),
    bind(WizardQuestion, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "next question", None),
    bind(WizardQuestion, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "previous question", None),
    bind(WizardQuestion, &[Key::plain(KeyCode::Enter)], Action::NextStep, "next criterion", None),
    bind(WizardNote, &[Key::plain(KeyCode::Enter)], Action::NextStep, "next criterion (Alt-Enter: new line)", None),
    bind(WizardSummary, &[Key::plain(KeyCode::Enter)], Action::SubmitAssessment, "submit for the vendor's review", Some("submit")),
    bind(Compare, &[Key::plain(KeyCode::Esc), Key::char('q'), Key::char('C')], Action::CloseOverlay, "close", Some("close")),
    bind(Attendance, &[Key::char('l')], Action::MarkLive, "attended live", Some("live")),
    bind(Attendance, &[Key::char('r')], Action::MarkRecording, "watched the recording (counts as attended)", Some("recording")),
    bind(Attendance, &[Key::char('a')], Action::MarkAbsent, "absent", Some("absent")),
    bind(Attendance, &[Key::char('-'), Key::plain(KeyCode::Backspace)], Action::ClearMark, "clear the mark", None),
    bind(Attendance, &[Key::char(' ')], Action::ToggleMark, "mark the trainer; l r a - then act on all marked", None),
    bind(Attendance, &[Key::char('*')], Action::MarkAllShown, "mark every trainer", None),
    bind(Attendance, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "next trainer", None),
    bind(Attendance, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "previous trainer", None),
    bind(Attendance, &[Key::plain(KeyCode::Esc), Key::char('q')], Action::CloseOverlay, "done (every mark is saved)", Some("done")),
    bind(Invites, &[Key::char(' ')], Action::ToggleInvite, "invite or uninvite the trainer", Some("toggle")),
    bind(Invites, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "next trainer", None),
    bind(Invites, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "previous trainer", None),
    bind(Invites, &[Key::plain(KeyCode::Esc), Key::char('q')], Action::CloseOverlay, "done (every change is saved)", Some("done")),
    bind(PracticumRubric, &[Key::char('1')], Action::Answer(1), "score 1", Some("score")),
    bind(PracticumRubric, &[Key::char('2')], Action::Answer(2), "score 2", Some("score")),
    bind(PracticumRubric, &[Key::char('3')], Action::Answer(3), "score 3", Some("score")),
    bind(PracticumRubric, &[Key::char('4')], Action::Answer(4), "score 4", Some("score")),
    bind(PracticumRubric, &[Key::char('5')], Action::Answer(5), "score 5", Some("score")),
    bind(PracticumRubric, &[Key::char(' ')], Action::ToggleTimer, "start, pause or resume the countdown", Some("timer")),
    bind(PracticumRubric, &[Key::char('p')], Action::PassPracticum, "outcome: pass", Some("pass")),
    bind(PracticumRubric, &[Key::char('w')], Action::NeedsWorkPracticum, "outcome: needs work", Some("needs work")),
    bind(PracticumRubric, &[Key::char('+'), Key::char('=')], Action::AddMinute, "add a minute", None),
    bind(PracticumRubric, &[Key::char('-')], Action::RemoveMinute, "take a minute off", None),
    bind(PracticumRubric, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::MoveDown, "next dimension", None),
    bind(PracticumRubric, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::MoveUp, "previous dimension", None),
    bind(PracticumRubric, &[Key::plain(KeyCode::Left), Key::char('h')], Action::LowerScore, "lower the score", None),
    bind(PracticumRubric, &[Key::plain(KeyCode::Right), Key::char('l')], Action::RaiseScore, "raise the score", None),
    bind(PracticumRubric, &[Key::char('?')], Action::ShowHelp, "help for practicum mode", None),
    bind(Practicum, &[Key::plain(KeyCode::Tab)], Action::NextField, "next: rubric, feedback, evaluator", Some("next")),
    bind(Practicum, &[Key::plain(KeyCode::BackTab)], Action::PreviousField, "previous part", None),
    bind(Practicum, &[Key::ctrl('t')], Action::ToggleTimer, "start, pause or resume the countdown, even while typing", None),
    bind(Practicum, &[Key::ctrl('s')], Action::RecordPracticum, "record the practicum as the module result", Some("record")),
    bind(Practicum, &[Key::plain(KeyCode::Esc)], Action::ClosePracticum, "close (the draft is kept; p resumes it)", Some("close")),
];

/// What `key` does in `context` by the table's own keys, looking through its chain.
pub fn resolve(context: Context, key: KeyEvent) -> Option<Action> {
    let key = Key::from_event(key);
    context.chain().iter().find_map(|layer| {
        BINDINGS
            .iter()
            .find(|binding| binding.context == *layer && binding.keys.contains(&key))
            .map(|binding| binding.action)
    })
}

/// The table's bindings that apply in `context`, most specific first.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    context.chain().iter().flat_map(|layer| {
        BINDINGS
            .iter()
            .filter(move |binding| binding.context == *layer)
    })
}

/// The status-line hints of the table's own keys; the app shows those of [`KeyMap`].
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    KeyMap::default().hints(context)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_action_has_a_key() {
        for action in Action::ALL {
            assert!(
                BINDINGS.iter().any(|binding| binding.action == *action),
                "{action:?} has no key"
            );
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in Context::ALL {
            let mut seen = HashSet::new();
            for binding in bindings_for(context) {
                for key in binding.keys {
                    assert!(
                        seen.insert(*key),
                        "{} is bound twice in {context:?}",
                        key.label()
                    );
                }
            }
        }
    }

    #[test]
    fn keys_resolve_through_the_chain() {
        let press = |code| KeyEvent::new(code, KeyModifiers::NONE);
        assert_eq!(
            resolve(Context::Accounts, press(KeyCode::Char('a'))),
            Some(Action::AddAccount)
        );
        assert_eq!(
            resolve(Context::Roster, press(KeyCode::Char('a'))),
            Some(Action::AddTrainer)
        );
        assert_eq!(
            resolve(Context::Roster, press(KeyCode::Char('j'))),
            Some(Action::MoveDown)
        );
        assert_eq!(resolve(Context::Form, press(KeyCode::Char('j'))), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Context::Form, ctrl_c), Some(Action::Quit));
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            resolve(Context::Accounts, shift_g),
            Some(Action::MoveBottom)
        );
        let shift_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            resolve(Context::Roster, shift_tab),
            Some(Action::PreviousTab)
        );
    }

    #[test]
    fn the_session_list_keeps_tab_keys_from_leaving_it_open() {
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            resolve(Context::Sessions, press('d')),
            Some(Action::DeleteSession)
        );
        assert_eq!(
            resolve(Context::Sessions, press('a')),
            Some(Action::LogSession)
        );
        assert_eq!(
            resolve(Context::Roster, press('l')),
            Some(Action::LogSession)
        );
        assert_eq!(resolve(Context::Sessions, press('2')), None);
        assert_eq!(resolve(Context::Sessions, press('/')), None);
    }

    #[test]
    fn hints_with_the_same_word_share_one_entry() {
        let hints = hints(Context::WizardQuestion);
        assert_eq!(hints[0], ("1–5".to_string(), "answer"));
        assert!(
            hints
                .iter()
                .any(|(keys, hint)| keys == "Esc" && *hint == "close")
        );
    }

    #[test]
    fn typing_contexts_leave_letters_alone() {
        for context in Context::ALL
            .into_iter()
            .filter(|context| context.takes_text())
        {
            for binding in bindings_for(context) {
                for key in binding.keys {
                    let printable =
                        matches!(key.code, KeyCode::Char(_)) && key.modifiers.is_empty();
                    assert!(
                        !printable,
                        "{} would be swallowed while typing",
                        key.label()
                    );
                }
            }
        }
    }
}
