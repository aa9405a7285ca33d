//! Actions on marked rows: triage on the At risk tab, a status change on the Roster, and an
//! attendance key in the attendance checklist, each on every marked row at once.
//!
//! Each is one store transaction made by one [`App::apply`], so undo takes the rows back as one
//! step; an action on more than [`CONFIRM_ABOVE`] rows asks first. The marks clear once the
//! rows changed and stay when the write failed, so the action can be tried again.

mod findings;

use std::fmt::Write as _;

use chrono::Local;

use super::action::Action;
use super::app::App;
use super::checklist::ChecklistKind;
use super::format;
use super::overlay::{Confirm, Overlay, Pending, StatusPicker};
use super::safe_text::sanitize;
use super::tab::Tab;
use crate::domain::risk::FindingKey;
use crate::domain::sync::{Attendance, SyncId};
use crate::domain::triage::TriageAction;
use crate::domain::{TrainerId, TrainerStatus};
use crate::store::StoreError;

/// An action on more rows than this asks for confirmation first.
pub const CONFIRM_ABOVE: usize = 20;

/// One action on many rows, held while the user confirms it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkAction {
    Triage {
        keys: Vec<FindingKey>,
        action: TriageAction,
    },
    /// Trainers whose status cannot move to `next` are skipped and counted.
    Status {
        trainers: Vec<TrainerId>,
        next: TrainerStatus,
    },
    /// `None` clears the attendance marks.
    Attendance {
        sync: SyncId,
        trainers: Vec<TrainerId>,
        attendance: Option<Attendance>,
    },
}

impl BulkAction {
    fn rows(&self) -> usize {
        match self {
            BulkAction::Triage { keys, .. } => keys.len(),
            BulkAction::Status { trainers, .. } | BulkAction::Attendance { trainers, .. } => {
                trainers.len()
            }
        }
    }

    /// The question asked before a large action.
    fn question(&self) -> String {
        let rows = self.rows();
        match self {
            BulkAction::Triage { action, .. } => match action {
                TriageAction::Acknowledge => format!("Acknowledge {rows} findings?"),
                TriageAction::Snooze(until) => format!("Snooze {rows} findings until {until}?"),
                TriageAction::Assign(person) => {
                    format!("Assign {rows} findings to {}?", sanitize(person))
                }
                TriageAction::Resolve(_) => format!("Resolve {rows} findings?"),
                other => format!("Record \"{other}\" on {rows} findings?"),
            },
            BulkAction::Status { next, .. } => {
                format!("Move {rows} trainers to {next}? Those who cannot move there are skipped.")
            }
            BulkAction::Attendance { attendance, .. } => {
                format!("Mark {rows} trainers {}?", attendance_word(*attendance))
            }
        }
    }
}

impl App {
    /// Carries out `action` on the marked rows when it is one that acts on them and rows are
    /// marked; `false` leaves it to act on the selected row as usual.
    pub(super) fn apply_on_marked(&mut self, action: Action) -> bool {
        match &self.overlay {
            Some(Overlay::Checklist(list))
                if list.kind == ChecklistKind::Attendance
                    && !list.marked.is_empty()
                    && matches!(
                        action,
                        Action::MarkLive
                            | Action::MarkRecording
                            | Action::MarkAbsent
                            | Action::ClearMark
                    ) =>
            {
                self.mark_attendance_of_marked(action);
                true
            }
            Some(Overlay::Picker(_))
                if action == Action::Choose
                    && self.tab == Tab::Roster
                    && self.roster.list.has_marks() =>
            {
                self.choose_status_of_marked();
                true
            }
            None if self.tab == Tab::AtRisk && self.at_risk.list.has_marks() => match action {
                Action::Acknowledge => {
                    self.acknowledge_marked();
                    true
                }
                Action::Snooze | Action::Assign | Action::Resolve => {
                    self.open_marked_triage_form(action);
                    true
                }
                _ => false,
            },
            None if self.tab == Tab::Roster
                && self.roster.list.has_marks()
                && action == Action::ChangeStatus =>
            {
                self.open_marked_status_picker();
                true
            }
            Some(_) | None => false,
        }
    }

    fn marked_trainers(&self) -> Vec<TrainerId> {
        let rows = self.roster.rows();
        self.roster
            .list
            .marked_rows()
            .into_iter()
            .filter_map(|row| rows.get(row).map(|row| row.trainer.id))
            .collect()
    }

    /// The status picker for the marked trainers: every status is offered, and a trainer who
    /// cannot make the chosen move is skipped and counted rather than refusing them all, so
    /// that a mixed selection (some lapsed, some already certified) still moves in one go.
    fn open_marked_status_picker(&mut self) {
        let trainers = self.marked_trainers();
        let Some(&first) = trainers.first() else {
            return;
        };
        self.overlay = Some(Overlay::Picker(StatusPicker {
            trainer: first,
            name: format!("{} marked trainers", trainers.len()),
            options: &TrainerStatus::ALL,
            selected: 0,
        }));
    }

    fn choose_status_of_marked(&mut self) {
        let Some(Overlay::Picker(picker)) = &self.overlay else {
            return;
        };
        let Some(next) = picker.chosen() else { return };
        let trainers = self.marked_trainers();
        let movable = self
            .roster
            .rows()
            .iter()
            .filter(|row| trainers.contains(&row.trainer.id))
            .filter(|row| row.trainer.status.can_move_to(next))
            .count();
        if movable == 0 {
            self.warn(format!(
                "None of the {} marked trainers can move to {next}: choose another status",
                trainers.len()
            ));
            return;
        }
        self.overlay = None;
        self.confirm_or_carry_out(BulkAction::Status { trainers, next });
    }

    fn mark_attendance_of_marked(&mut self, action: Action) {
        let Some(Overlay::Checklist(list)) = &self.overlay else {
            return;
        };
        let attendance = match action {
            Action::MarkLive => Some(Attendance::Live),
            Action::MarkRecording => Some(Attendance::Recording),
            Action::MarkAbsent => Some(Attendance::Absent),
            _ => None,
        };
        let bulk = BulkAction::Attendance {
            sync: list.sync,
            trainers: list.marked_trainers(),
            attendance,
        };
        if bulk.rows() > CONFIRM_ABOVE {
            let checklist = self.overlay.take();
            self.overlay = Some(confirmation(bulk, checklist));
        } else {
            let checklist = self.overlay.take();
            self.carry_out_bulk(&bulk, checklist);
        }
    }

    fn confirm_or_carry_out(&mut self, bulk: BulkAction) {
        if bulk.rows() > CONFIRM_ABOVE {
            self.overlay = Some(confirmation(bulk, None));
        } else {
            self.carry_out_bulk(&bulk, None);
        }
    }

    /// Writes `bulk` and says what changed. `back` is the attendance checklist the action came
    /// from, shown again with its new marks; the tabs are read again when it closes.
    pub(super) fn carry_out_bulk(&mut self, bulk: &BulkAction, back: Option<Overlay>) {
        let written = self.write_bulk(bulk);
        match &written {
            Ok(message) => self.inform(message.clone()),
            Err(error) => self.report(error),
        }
        let mut back = back;
        if let (Some(Overlay::Checklist(list)), BulkAction::Attendance { .. }) = (&mut back, bulk) {
            if written.is_ok() {
                list.marked.clear();
            }
            // The store writes all or nothing, so the checklist is read back from it either way.
            match self.store.invitees(list.sync) {
                Ok(invitees) => {
                    for row in &mut list.rows {
                        row.attendance = invitees
                            .iter()
                            .find(|invitee| invitee.trainer == row.trainer)
                            .and_then(|invitee| invitee.attendance);
                    }
                }
                Err(error) => self.report(&error),
            }
            self.overlay = back;
            return;
        }
        self.reload_or_report();
    }

    /// One transaction for every row of `bulk`; on success the marks clear and the message
    /// says how many rows changed.
    fn write_bulk(&mut self, bulk: &BulkAction) -> Result<String, StoreError> {
        let message = match bulk {
            BulkAction::Triage { keys, action } => {
                // Dated on the app's today at the clock's time, as single triage actions are.
                let at = self.today.and_time(Local::now().time());
                self.store
                    .record_triage_all(keys, action, &self.triage_user, at)?;
                self.at_risk.list.clear_marks();
                triage_message(keys.len(), action)
            }
            BulkAction::Status { trainers, next } => {
                let moves = self.store.move_trainer_statuses(trainers, *next)?;
                self.roster.list.clear_marks();
                let mut message = format!("Moved {} to {next}", trainers_word(moves.moved.len()));
                if !moves.skipped.is_empty() {
                    let _ = write!(
                        message,
                        "; skipped {}: their status cannot move to {next}",
                        moves.skipped.len()
                    );
                }
                message
            }
            BulkAction::Attendance {
                sync,
                trainers,
                attendance,
            } => {
                self.store
                    .set_attendance_all(*sync, trainers, *attendance)?;
                format!(
                    "Marked {} {}",
                    trainers_word(trainers.len()),
                    attendance_word(*attendance)
                )
            }
        };
        Ok(message)
    }
}

fn confirmation(bulk: BulkAction, back: Option<Overlay>) -> Overlay {
    Overlay::Confirm(Confirm {
        question: bulk.question(),
        on_yes: Pending::Bulk(Box::new(bulk)),
        back: back.map(Box::new),
    })
}

fn triage_message(count: usize, action: &TriageAction) -> String {
    let findings = format::counted(count as u64, "finding");
    match action {
        TriageAction::Acknowledge => format!("Acknowledged {findings}"),
        TriageAction::Snooze(until) => {
            format!("Snoozed {findings} until {until}: back in the list then")
        }
        TriageAction::Assign(person) => format!("Assigned {findings} to {person}"),
        TriageAction::Resolve(_) => format!("Resolved {findings}"),
        other => format!("{findings}: {other}"),
    }
}

fn trainers_word(count: usize) -> String {
    format::counted(count as u64, "trainer")
}

fn attendance_word(attendance: Option<Attendance>) -> &'static str {
    attendance.map_or("unmarked", Attendance::as_str)
}
