//! Read-only mode (`t3 --readonly`): which actions change the database, and refusing those
//! before any form or question opens, so no typing is wasted on a change that cannot be saved.

use super::action::Action;
use super::app::App;
use super::command::Command;

impl Action {
    /// What carrying the action out changes in the database, said as the refusal names it
    /// ("adding an account"); `None` for an action that only reads, moves or writes a file of
    /// its own (a QBR page, a calendar). The match lists every action, so a new one cannot be
    /// added without saying whether it writes.
    // One arm an action: the classification reads best as one table.
    #[allow(clippy::too_many_lines)]
    pub fn change(self) -> Option<&'static str> {
        match self {
            Action::Quit
            | Action::Suspend
            | Action::ShowHelp
            | Action::CloseOverlay
            | Action::GoToTab(_)
            | Action::NextTab
            | Action::PreviousTab
            | Action::MoveDown
            | Action::MoveUp
            | Action::MoveTop
            | Action::MoveBottom
            | Action::PageDown
            | Action::PageUp
            | Action::Open
            | Action::Back
            | Action::StartFilter
            | Action::ApplyFilter
            | Action::ClearFilter
            | Action::CycleSort
            | Action::ShowArchived
            | Action::WriteQbr
            | Action::NextField
            | Action::PreviousField
            | Action::Cancel
            | Action::No
            | Action::ToggleReviewQueue
            | Action::Compare
            | Action::ExportCalendar
            | Action::ShowHiddenFindings
            | Action::ShowSessions
            | Action::OpenReleases
            | Action::CyclePeriod
            | Action::OpenCommandLine
            // An import typed on the command line is refused where it runs: a dry run only
            // reads, and is allowed.
            | Action::RunCommand
            | Action::CancelCommand
            | Action::ShowActionLog
            // Marks live in the app, and a copy or an export of rows writes outside the
            // database.
            | Action::ToggleMark
            | Action::MarkRange
            | Action::MarkAllShown
            | Action::CopyRows
            | Action::ExportRows
            // Views are kept in a file of their own, never in the database.
            | Action::SaveView
            | Action::OpenViews
            | Action::RecallView(_)
            | Action::RecallSelectedView
            | Action::DeleteView
            | Action::CompleteWord
            | Action::CompleteWordBack
            | Action::OlderCommand
            | Action::NewerCommand => None,
            Action::ToggleArchive => Some("archiving or restoring an account"),
            Action::AddAccount => Some("adding an account"),
            Action::EditAccount => Some("editing an account"),
            Action::AddNote => Some("adding a note"),
            Action::AddTrainer => Some("adding a trainer"),
            Action::EditTrainer => Some("editing a trainer"),
            Action::ChangeStatus | Action::Choose => Some("changing a trainer's status"),
            Action::Save => Some("saving a form"),
            Action::Yes => Some("confirming a change"),
            Action::StartQuestionnaire => Some("starting a selection questionnaire"),
            Action::Approve => Some("approving an assessment"),
            Action::Decline => Some("declining an assessment"),
            Action::Reopen => Some("reopening a review"),
            Action::Answer(_) | Action::LowerScore | Action::RaiseScore => {
                Some("answering or scoring")
            }
            Action::NextStep | Action::PreviousStep => Some("moving through a questionnaire"),
            Action::SubmitAssessment => Some("submitting an assessment"),
            Action::RecordModule => Some("recording a module result"),
            Action::OpenPracticum => Some("opening practicum mode"),
            Action::Certify => Some("certifying a trainer"),
            Action::Renew => Some("renewing a certification"),
            Action::ToggleTimer | Action::AddMinute | Action::RemoveMinute => {
                Some("timing a practicum")
            }
            Action::PassPracticum | Action::NeedsWorkPracticum => {
                Some("setting a practicum's outcome")
            }
            Action::RecordPracticum => Some("recording a practicum"),
            Action::ClosePracticum => Some("keeping a practicum draft"),
            Action::ScheduleSyncs => Some("scheduling syncs"),
            Action::EditSync => Some("editing a sync"),
            Action::MarkHeld => Some("marking a sync held"),
            Action::CancelSync => Some("cancelling a sync"),
            Action::TakeAttendance
            | Action::MarkLive
            | Action::MarkRecording
            | Action::MarkAbsent
            | Action::ClearMark => Some("marking attendance"),
            Action::EditInvites | Action::ToggleInvite => Some("changing who is invited"),
            Action::Acknowledge => Some("acknowledging a finding"),
            Action::LogContact => Some("logging a contact"),
            Action::Snooze => Some("snoozing a finding"),
            Action::Assign => Some("assigning a finding"),
            Action::Resolve => Some("resolving a finding"),
            Action::ReopenFinding => Some("reopening a finding"),
            Action::LogSession => Some("logging a session"),
            Action::EditSession => Some("correcting a session"),
            Action::DeleteSession => Some("deleting a session"),
            Action::RecordRelease => Some("recording a release"),
            Action::EditRelease => Some("editing a release"),
            Action::AddMaterial => Some("adding a material"),
            Action::RecordMaterialUpdate => Some("recording a material update"),
            Action::Undo => Some("undoing"),
            Action::Redo => Some("redoing"),
        }
    }

    /// Whether the action may change the database.
    pub fn writes(self) -> bool {
        self.change().is_some()
    }
}

/// Shown at the start of the key hints at all times in read-only mode.
pub const READ_ONLY_BADGE: &str = "READ-ONLY";

impl App {
    /// Whether the database was opened with `--readonly`.
    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// In read-only mode, refuses an action that would write and says why; true when refused.
    pub(super) fn refuse_in_read_only(&mut self, action: Action) -> bool {
        let Some(change) = action.change() else {
            return false;
        };
        if !self.is_read_only() {
            return false;
        }
        self.warn(format!(
            "Read-only: {change} is not allowed (opened with --readonly)"
        ));
        true
    }
}

impl Command {
    /// What the command would change in the database, if anything. Exports, backups and QBR
    /// pages write files of their own and a dry run only reads, so read-only mode allows them.
    pub fn change(&self) -> Option<&'static str> {
        match self {
            Command::Action(action) => action.change(),
            Command::Snooze(_) => Some("snoozing a finding"),
            Command::Assign(_) => Some("assigning a finding"),
            Command::Resolve(_) => Some("resolving a finding"),
            Command::Import { dry_run: false, .. } => Some("importing"),
            Command::Import { dry_run: true, .. }
            | Command::GoTo(_)
            | Command::Tab(_)
            | Command::Export { .. }
            | Command::Qbr(_)
            | Command::Backup(_)
            | Command::Sort(_)
            | Command::Filter(_)
            | Command::View(_)
            | Command::SaveView(_) => None,
        }
    }
}
