//! The app's state and the one place actions are carried out.
//!
//! Keys become actions through the keymap; [`App::apply`] runs them, calling the store for
//! anything that writes. Drawing reads this state and never queries.

use std::collections::HashMap;
use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::accounts::AccountsTab;
use super::action::Action;
use super::at_risk::AtRiskTab;
use super::certification::CertificationTab;
use super::command::history::History;
use super::command_line::CommandLine;
use super::keymap::{Context, KeyMap};
use super::list::ListView;
use super::loading::{Judging, Stale};
use super::mouse::Mouse;
use super::overlay::{Confirm, Help, Overlay, Pending, StatusPicker};
use super::practicum::PracticumMode;
use super::program::ProgramTab;
use super::releases::ReleasesView;
use super::roster::RosterTab;
use super::safe_text::sanitize;
use super::selection::Decision;
use super::session_list::SessionList;
use super::syncs::SyncsTab;
use super::tab::Tab;
use super::themes::Theme;
use super::viewing::ViewFiles;
use crate::config::Config;
use crate::domain::certification::PassMarks;
use crate::domain::metrics::RolloutRates;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::risk::Thresholds;
use crate::domain::sync::SyncFields;
use crate::store::{Store, StoreError};

/// A line for the status bar: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct App {
    pub(super) store: Store,
    pub(super) today: NaiveDate,
    pub(super) questionnaire: Questionnaire,
    /// The score each certification module needs, from the config file or the defaults.
    pub(super) marks: PassMarks,
    /// Who signed the last review this run, offered again in the next review form.
    pub(super) last_reviewer: String,
    /// Who evaluated the last module result entered this run, offered again.
    pub(super) last_evaluator: String,
    /// The thresholds the risk rules judge by, from the config file or the defaults.
    pub(super) thresholds: Thresholds,
    /// The name triage actions are recorded under.
    pub(super) triage_user: String,
    /// Who the last finding was assigned to this run, offered again.
    pub(super) last_assignee: String,
    /// What the vendor's hours cost, for an account's rollout both ways.
    pub(super) rollout_rates: RolloutRates,
    pub(super) tab: Tab,
    pub(super) accounts: AccountsTab,
    pub(super) roster: RosterTab,
    pub(super) certification: CertificationTab,
    pub(super) syncs: SyncsTab,
    pub(super) at_risk: AtRiskTab,
    pub(super) program: ProgramTab,
    /// A sync's details waiting for the quarterly dates to be confirmed.
    pub(super) pending_syncs: Option<SyncFields>,
    /// Practicum mode, when open: it takes the screen, and overlays (help) open above it.
    pub(super) practicum: Option<Box<PracticumMode>>,
    /// One trainer's sessions, when listed: drawn over the Roster, with forms and questions
    /// opening above it and returning to it.
    pub(super) session_list: Option<Box<SessionList>>,
    /// The Releases and materials view, when open: it covers the tab, and its forms and help
    /// open above it, so closing one of them comes back to it.
    pub(super) releases: Option<Box<ReleasesView>>,
    /// The `:` command line, while a command is being typed.
    pub(super) command_line: Option<CommandLine>,
    /// The commands run on the `:` line, for `Up` and `Down` there.
    pub(super) command_history: History,
    /// The app's clock, moved on by the event loop: the practicum countdown reads it.
    pub(super) now: Duration,
    /// The terminal bell is due.
    pub(super) bell: bool,
    /// Text copied with `y`, waiting for the event loop to hand it to the terminal.
    pub(super) clipboard: Option<String>,
    pub(super) overlay: Option<Overlay>,
    pub(super) message: Option<Message>,
    /// The colours each frame is put in before it is shown.
    pub(super) theme: Theme,
    pub(super) mouse: Mouse,
    /// The keys in force: the defaults with the user's keys file over them.
    pub(super) keymap: KeyMap,
    /// Where saved views and the state remembered between runs are kept.
    pub(super) view_files: ViewFiles,
    /// Tabs whose rows are older than the file, read again when next needed.
    pub(super) stale: Stale,
    /// The row each tab was left on last run, put back when the tab is first read.
    pub(super) pending_selection: HashMap<Tab, Option<String>>,
    /// When a first Accounts screen is judged by the risk rules: see [`App::open`].
    pub(super) judging: Judging,
    quit: bool,
    suspend: bool,
    data_version: i64,
}

impl App {
    /// The app with every tab it shows complete from the start.
    pub fn new(
        store: Store,
        today: NaiveDate,
        questionnaire: Questionnaire,
    ) -> Result<Self, StoreError> {
        Self::build(store, today, questionnaire, Judging::WithTheRows)
    }

    /// The app as the terminal runs it: a first Accounts screen shows its rows before the
    /// risk rules have judged the whole portfolio, which on a large one takes longer than the
    /// rest of that screen together, and [`App::catch_up`] fills the Risk column in once the
    /// frame is drawn.
    pub fn open(
        store: Store,
        today: NaiveDate,
        questionnaire: Questionnaire,
    ) -> Result<Self, StoreError> {
        Self::build(store, today, questionnaire, Judging::AfterFirstFrame)
    }

    fn build(
        mut store: Store,
        today: NaiveDate,
        questionnaire: Questionnaire,
        judging: Judging,
    ) -> Result<Self, StoreError> {
        store.enable_undo()?;
        let data_version = store.data_version()?;
        let mut app = Self {
            store,
            today,
            questionnaire,
            marks: PassMarks::default(),
            last_reviewer: String::new(),
            last_evaluator: String::new(),
            thresholds: Thresholds::default(),
            triage_user: Config::default().triage_user(),
            last_assignee: String::new(),
            rollout_rates: RolloutRates::default(),
            tab: Tab::Accounts,
            accounts: AccountsTab::new(),
            roster: RosterTab::new(),
            certification: CertificationTab::new(today),
            syncs: SyncsTab::new(today),
            at_risk: AtRiskTab::new(today),
            program: ProgramTab::new(today),
            pending_syncs: None,
            practicum: None,
            session_list: None,
            releases: None,
            command_line: None,
            command_history: History::in_memory(),
            now: Duration::ZERO,
            bell: false,
            clipboard: None,
            overlay: None,
            message: None,
            theme: Theme::default(),
            mouse: Mouse::default(),
            keymap: KeyMap::default(),
            view_files: ViewFiles::default(),
            stale: Stale::all(),
            pending_selection: HashMap::new(),
            judging,
            quit: false,
            suspend: false,
            data_version,
        };
        app.reload()?;
        Ok(app)
    }

    /// Uses the config file's pass marks, risk thresholds, triage user and rollout rates.
    pub fn set_config(&mut self, config: &Config) -> Result<(), StoreError> {
        let unchanged = (self.marks, self.thresholds, self.rollout_rates)
            == (config.pass_marks, config.risk, config.program);
        self.marks = config.pass_marks;
        self.thresholds = config.risk;
        self.triage_user = config.triage_user();
        self.rollout_rates = config.program;
        // Reading a large portfolio twice at start-up, for settings that change nothing
        // shown, would double the wait for the first screen.
        if unchanged { Ok(()) } else { self.reload() }
    }

    /// Runs on `keymap` from now on: keys, `?` and the status-line hints all follow it.
    pub fn set_keymap(&mut self, keymap: KeyMap) {
        self.keymap = keymap;
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether `Ctrl-Z` asked to suspend; reading it clears it.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    /// The status-line message, if one is showing.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Where keys go right now.
    pub fn context(&self) -> Context {
        if let Some(overlay) = &self.overlay {
            return overlay.context();
        }
        if self.command_line.is_some() {
            return Context::CommandLine;
        }
        if let Some(practicum) = &self.practicum {
            return practicum.context();
        }
        if self.session_list.is_some() {
            return Context::Sessions;
        }
        if self.releases.is_some() {
            return Context::Releases;
        }
        if self.list().filtering {
            return Context::Filter;
        }
        match self.tab {
            Tab::Accounts => Context::Accounts,
            Tab::Roster => Context::Roster,
            Tab::Certification => Context::Certification,
            Tab::Syncs => Context::Syncs,
            Tab::AtRisk => Context::AtRisk,
            Tab::Program => Context::Program,
        }
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(*key),
            Event::Paste(text) => self.paste(text),
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.message = None;
        let context = self.context();
        match self.keymap.resolve(context, key) {
            Some(action) => self.apply(action),
            None if context == Context::Form => {
                if let Some(Overlay::Form(form)) = &mut self.overlay {
                    form.type_key(key);
                }
            }
            None if context == Context::WizardNote => self.type_note(key),
            None if context == Context::PracticumText => self.type_in_practicum(key),
            None if context == Context::CommandLine => self.type_in_command_line(key),
            None if context == Context::Filter => {
                self.list_mut().type_filter_key(key);
                self.rebuild_list();
            }
            None => {}
        }
    }

    /// Pasted text is only ever text: into the focused field or the filter, never keys.
    fn paste(&mut self, text: &str) {
        if self.overlay.is_none()
            && let Some(line) = &mut self.command_line
        {
            line.paste(text);
            self.offer_completions();
            return;
        }
        if self.in_practicum() {
            self.paste_in_practicum(text);
            return;
        }
        if self.session_list.is_some() && self.overlay.is_none() {
            return;
        }
        let filtering = self.list().filtering;
        match &mut self.overlay {
            Some(Overlay::Form(form)) => form.paste(text),
            Some(Overlay::Wizard(wizard)) if wizard.context() == Context::WizardNote => {
                self.paste_note(text);
            }
            None if filtering => {
                self.list_mut()
                    .filter_input()
                    .insert_str(sanitize(&text.replace(['\r', '\n'], " ")));
                self.rebuild_list();
            }
            Some(_) | None => {}
        }
    }

    /// Notices commits from another t3 process on the same file and shows them.
    pub fn tick(&mut self) {
        match self.store.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                tracing::debug!("database changed by another connection; reloading");
                self.reload_or_report();
            }
            Ok(_) => {}
            Err(error) => self.report(&error),
        }
    }

    /// Carries out one user action; whatever it writes is undone as one step.
    pub fn apply(&mut self, action: Action) {
        if self.refuse_in_read_only(action) {
            return;
        }
        self.open_step(action);
        self.carry_out(action);
        self.close_step(action);
    }

    // One arm an action, every action listed: a table reads better whole than split in two.
    #[allow(clippy::too_many_lines)]
    fn carry_out(&mut self, action: Action) {
        if self.in_practicum() && self.apply_in_practicum(action) {
            return;
        }
        if self.overlay.is_none() && self.apply_in_session_list(action) {
            return;
        }
        if self.in_releases() && self.apply_in_releases(action) {
            return;
        }
        if self.apply_on_marked(action) {
            return;
        }
        match action {
            Action::Quit => {
                self.park_practicum();
                self.quit = true;
            }
            Action::Suspend => self.suspend = true,
            Action::ShowHelp => {
                let context = self.context();
                self.overlay = Some(Overlay::Help(Help::new(context, &self.keymap)));
            }
            Action::CloseOverlay if self.clear_checklist_marks() => {}
            Action::CloseOverlay => {
                // The wizard and the checklists wrote as they went; the tabs show it once they
                // close.
                if matches!(
                    self.overlay,
                    Some(Overlay::Wizard(_) | Overlay::Checklist(_))
                ) {
                    self.reload_or_report();
                }
                self.overlay = None;
            }
            Action::GoToTab(tab) => self.show_tab(tab),
            Action::NextTab => self.show_tab(self.tab.next()),
            Action::PreviousTab => self.show_tab(self.tab.previous()),
            Action::MoveDown => self.move_cursor(1),
            Action::MoveUp => self.move_cursor(-1),
            Action::MoveTop => self.move_list(ListView::move_to_top),
            Action::MoveBottom => self.move_list(ListView::move_to_bottom),
            Action::PageDown => self.move_list(ListView::page_down),
            Action::PageUp => self.move_list(ListView::page_up),
            Action::Open => self.open_detail(),
            Action::Back => self.back(),
            Action::StartFilter => self.list_mut().start_filtering(),
            Action::ApplyFilter => self.list_mut().keep_filter(),
            Action::ClearFilter => {
                self.list_mut().clear_filter();
                self.rebuild_list();
            }
            Action::CycleSort => {
                let text = match self.tab {
                    Tab::Accounts => self.accounts.cycle_sort(),
                    Tab::Roster => self.roster.cycle_sort(),
                    Tab::Certification => self.certification.cycle_sort(),
                    Tab::Syncs => {
                        "Syncs are listed upcoming first, soonest first, then past ones, latest first"
                            .to_string()
                    }
                    Tab::AtRisk => "Findings are grouped by account, worst first, then by the \
                                    sooner renewal"
                        .to_string(),
                    Tab::Program => "Coverage is listed lowest first, accounts without a snapshot \
                                     last"
                        .to_string(),
                };
                self.inform(text);
            }
            Action::ShowArchived => {
                let text = self.accounts.toggle_show_archived();
                self.inform(text);
                self.load_detail();
            }
            Action::ToggleArchive => self.ask_archive(),
            Action::WriteQbr => self.write_qbr_page(),
            Action::AddAccount => self.open_account_form(false),
            Action::EditAccount => self.open_account_form(true),
            Action::AddNote => self.open_note_form(),
            Action::AddTrainer => self.open_trainer_form(false),
            Action::EditTrainer => self.open_trainer_form(true),
            Action::ChangeStatus => self.open_status_picker(),
            Action::NextField | Action::PreviousField if self.in_wizard() => {
                self.move_in_wizard(action);
            }
            Action::NextField | Action::PreviousField => self.move_focus(action),
            Action::Save => self.save_form(),
            Action::Cancel => self.cancel_form(),
            Action::Yes => self.answer(true),
            Action::No => self.answer(false),
            Action::Choose => self.choose_status(),
            Action::StartQuestionnaire => self.start_questionnaire(),
            Action::ToggleReviewQueue => self.toggle_review_queue(),
            Action::Approve => self.open_review_form(Decision::Approve),
            Action::Decline => self.open_review_form(Decision::Decline),
            Action::Reopen => self.open_review_form(Decision::Reopen),
            Action::Compare => self.open_comparison(),
            Action::Answer(score) => self.answer_question(score),
            Action::LowerScore | Action::RaiseScore => self.nudge_answer(action),
            Action::NextStep => self.change_step(true),
            Action::PreviousStep => self.change_step(false),
            Action::SubmitAssessment => self.submit_assessment(),
            Action::RecordModule
            | Action::OpenPracticum
            | Action::Certify
            | Action::Renew
            | Action::ToggleTimer
            | Action::AddMinute
            | Action::RemoveMinute
            | Action::PassPracticum
            | Action::NeedsWorkPracticum
            | Action::RecordPracticum
            | Action::ClosePracticum => self.apply_on_certification(action),
            Action::ScheduleSyncs
            | Action::EditSync
            | Action::MarkHeld
            | Action::CancelSync
            | Action::TakeAttendance
            | Action::EditInvites
            | Action::ExportCalendar
            | Action::MarkLive
            | Action::MarkRecording
            | Action::MarkAbsent
            | Action::ClearMark
            | Action::ToggleInvite => self.apply_on_syncs(action),
            Action::Acknowledge
            | Action::LogContact
            | Action::Snooze
            | Action::Assign
            | Action::Resolve
            | Action::ReopenFinding
            | Action::ShowHiddenFindings => self.apply_on_findings(action),
            Action::LogSession
            | Action::ShowSessions
            | Action::EditSession
            | Action::DeleteSession => self.apply_on_sessions(action),
            Action::OpenReleases => self.open_releases(),
            // Bound only in the Releases view, which carries them out before this match.
            Action::RecordRelease
            | Action::EditRelease
            | Action::AddMaterial
            | Action::RecordMaterialUpdate => {}
            Action::OpenCommandLine => self.command_line = Some(CommandLine::new()),
            Action::CancelCommand => self.command_line = None,
            Action::RunCommand => self.run_command(),
            Action::CompleteWord
            | Action::CompleteWordBack
            | Action::OlderCommand
            | Action::NewerCommand => self.apply_on_command_line(action),
            Action::CyclePeriod => {
                let text = self.program.cycle_period();
                self.inform(text);
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::ShowActionLog => self.show_action_log(),
            Action::ToggleMark | Action::MarkRange | Action::MarkAllShown => {
                self.apply_marking(action);
            }
            Action::CopyRows => self.copy_rows(),
            Action::ExportRows => self.export_rows(),
            Action::SaveView => self.open_save_view_form(),
            Action::OpenViews => self.open_view_list(),
            Action::RecallView(number) => self.recall_from_list(Some(number)),
            Action::RecallSelectedView => self.recall_from_list(None),
            Action::DeleteView => self.ask_delete_view(),
        }
    }

    fn in_wizard(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Wizard(_)))
    }

    pub(super) fn list(&self) -> &ListView {
        match self.tab {
            Tab::Accounts => &self.accounts.list,
            Tab::Roster => &self.roster.list,
            Tab::Certification => &self.certification.list,
            Tab::Syncs => &self.syncs.list,
            Tab::AtRisk => &self.at_risk.list,
            Tab::Program => &self.program.list,
        }
    }

    pub(super) fn list_mut(&mut self) -> &mut ListView {
        match self.tab {
            Tab::Accounts => &mut self.accounts.list,
            Tab::Roster => &mut self.roster.list,
            Tab::Certification => &mut self.certification.list,
            Tab::Syncs => &mut self.syncs.list,
            Tab::AtRisk => &mut self.at_risk.list,
            Tab::Program => &mut self.program.list,
        }
    }

    /// Rebuilds the current tab's list; a filter that cannot be read is named in the status
    /// line while the list keeps what it showed.
    pub(super) fn rebuild_list(&mut self) {
        self.rebuild_current_list();
        if let Some(error) = self.list().filter_error() {
            self.warn(error.to_string());
        }
    }

    fn rebuild_current_list(&mut self) {
        match self.tab {
            Tab::Accounts => {
                let keep = self.accounts.selected().map(|row| row.account.id);
                self.accounts.rebuild(keep);
                self.load_detail();
            }
            Tab::Roster => {
                let keep = self.roster.selected().map(|row| row.trainer.id);
                self.roster.rebuild(keep);
                self.load_detail();
            }
            Tab::Certification => {
                let keep = self.certification.selected().map(|p| p.row.trainer.id);
                self.certification.rebuild(keep);
                self.load_detail();
            }
            Tab::Syncs => {
                let keep = self.syncs.selected().map(|row| row.sync.id);
                self.syncs.rebuild(keep);
                self.load_detail();
            }
            Tab::AtRisk => {
                let keep = self.at_risk.selected().map(|t| t.finding.key);
                self.at_risk.rebuild(keep);
            }
            Tab::Program => {
                let keep = self.program.selected().map(|row| row.account);
                self.program.rebuild(keep);
            }
        }
    }

    fn move_cursor(&mut self, delta: isize) {
        match &mut self.overlay {
            Some(Overlay::Help(help)) => {
                let last = help.lines().len().saturating_sub(1) as u16;
                help.scroll = help.scroll.saturating_add_signed(delta as i16).min(last);
            }
            Some(Overlay::Report(report)) => {
                let last = report.last_line();
                report.scroll = report.scroll.saturating_add_signed(delta as i16).min(last);
            }
            Some(Overlay::Picker(picker)) => picker.move_by(delta),
            Some(Overlay::Checklist(list)) => list.move_by(delta),
            Some(Overlay::Views(list)) => list.move_by(delta),
            Some(Overlay::Wizard(wizard)) => {
                if delta > 0 {
                    wizard.focus_next();
                } else {
                    wizard.focus_previous();
                }
            }
            Some(_) => {}
            None => self.move_list(|list| list.move_by(delta)),
        }
    }

    pub(super) fn move_list(&mut self, step: impl FnOnce(&mut ListView)) {
        step(self.list_mut());
        self.load_detail();
    }

    pub(super) fn load_detail(&mut self) {
        let loaded = match self.tab {
            Tab::Accounts => self.accounts.load_detail(&self.store),
            Tab::Certification => self.certification.load_detail(&self.store),
            Tab::Syncs => self.syncs.load_detail(&self.store),
            Tab::Roster => self.roster.load_detail(&self.store),
            Tab::AtRisk | Tab::Program => Ok(()),
        };
        if let Err(error) = loaded {
            self.report(&error);
        }
    }

    fn open_detail(&mut self) {
        if self.list().is_empty() {
            return;
        }
        match self.tab {
            Tab::Accounts if self.accounts.selected().is_some() => self.accounts.detail_open = true,
            Tab::Roster if self.roster.selected().is_some() => {
                self.roster.detail_open = true;
                self.load_detail();
            }
            Tab::Certification if self.certification.selected().is_some() => {
                self.certification.detail_open = true;
                self.load_detail();
            }
            Tab::Syncs if self.syncs.selected().is_some() => {
                self.syncs.detail_open = true;
                self.load_detail();
            }
            Tab::AtRisk if self.at_risk.selected().is_some() => self.at_risk.detail_open = true,
            Tab::Program => {
                if let Some(text) = self.program.scope_to_selected() {
                    self.inform(text);
                }
            }
            _ => {}
        }
    }

    /// Esc outside a form: clear the marks, then close the detail (on Program, leave the account for the whole
    /// portfolio) first, then clear a filter in force.
    fn back(&mut self) {
        if self.clear_marks() {
            return;
        }
        let closed = match self.tab {
            Tab::Accounts => std::mem::take(&mut self.accounts.detail_open),
            Tab::Roster => std::mem::take(&mut self.roster.detail_open),
            Tab::Certification => std::mem::take(&mut self.certification.detail_open),
            Tab::Syncs => std::mem::take(&mut self.syncs.detail_open),
            Tab::AtRisk => std::mem::take(&mut self.at_risk.detail_open),
            Tab::Program => self.program.back_to_portfolio(),
        };
        if closed {
            return;
        }
        if !self.list().filter_text().is_empty() {
            self.list_mut().clear_filter();
            self.rebuild_list();
        }
    }

    fn ask_archive(&mut self) {
        let Some(row) = self.accounts.selected() else {
            return;
        };
        let archive = !row.account.archived;
        let verb = if archive { "Archive" } else { "Restore" };
        let name = super::safe_text::sanitize(&row.account.fields.name).into_owned();
        self.overlay = Some(Overlay::Confirm(Confirm {
            question: format!("{verb} {name}?"),
            on_yes: Pending::Archive(row.account.id, archive),
            back: None,
        }));
    }

    fn answer(&mut self, yes: bool) {
        let Some(Overlay::Confirm(confirm)) = self.overlay.take() else {
            return;
        };
        if !yes {
            self.overlay = confirm.back.map(|back| *back);
            return;
        }
        match confirm.on_yes {
            Pending::DiscardForm => self.inform("Discarded".to_string()),
            Pending::Archive(id, archived) => match self.store.set_account_archived(id, archived) {
                Ok(()) => {
                    self.inform(
                        if archived {
                            "Account archived (z shows archived)"
                        } else {
                            "Account restored"
                        }
                        .to_string(),
                    );
                    self.reload_or_report();
                }
                Err(error) => self.report(&error),
            },
            Pending::Certify(trainer) => self.certify(trainer, false),
            Pending::Renew(trainer) => self.certify(trainer, true),
            Pending::CancelSync(id) => self.cancel_sync(id),
            Pending::DeleteSession(id) => self.delete_session(id),
            Pending::Bulk(bulk) => self.carry_out_bulk(&bulk, confirm.back.map(|back| *back)),
            Pending::DeleteView(name) => self.delete_view_confirmed(&name),
        }
    }

    fn open_status_picker(&mut self) {
        let Some(row) = self.roster.selected() else {
            return;
        };
        self.overlay = Some(Overlay::Picker(StatusPicker {
            trainer: row.trainer.id,
            name: super::safe_text::sanitize(&row.trainer.fields.name).into_owned(),
            options: row.trainer.status.allowed_moves(),
            selected: 0,
        }));
    }

    fn choose_status(&mut self) {
        let Some(Overlay::Picker(picker)) = self.overlay.take() else {
            return;
        };
        let Some(next) = picker.chosen() else { return };
        match self.store.move_trainer_status(picker.trainer, next) {
            Ok(()) => {
                self.inform(format!("{} is now {next}", picker.name));
                self.reload_or_report();
            }
            Err(error) => self.report(&error),
        }
    }

    /// Reads every tab again after a write, keeping each cursor where it was. The risk rules
    /// judge the portfolio here, once, for the At risk tab and the Accounts tab's badges. The
    /// Program tab reads its data now only if it is showing, else when it is next shown.
    pub(super) fn inform(&mut self, text: String) {
        self.message = Some(Message {
            text,
            is_error: false,
        });
    }

    /// Shows a warning in the status line until the next key.
    pub fn warn(&mut self, text: String) {
        self.message = Some(Message {
            text,
            is_error: true,
        });
    }

    pub(super) fn report(&mut self, error: &StoreError) {
        tracing::warn!(error = error.log_summary(), "action failed");
        self.message = Some(Message {
            text: error.to_string(),
            is_error: true,
        });
    }
}
