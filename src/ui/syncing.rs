//! The Syncs tab's work: scheduling with the quarterly helper, editing, holding and
//! cancelling, attendance and invite checklists, and the calendar file.

use super::action::Action;
use super::app::App;
use super::checklist::{Checklist, ChecklistKind, ChecklistRow};
use super::editing::{Rejected, Saved};
use super::form::{Form, FormKind};
use super::overlay::{Confirm, Overlay, Pending};
use super::safe_text::sanitize;
use crate::domain::sync::{self, Attendance, SyncFields, SyncId, SyncState, TrainerSync};
use crate::domain::validation::{self, SyncInput};
use crate::domain::{FieldError, TrainerStatus};

const QUARTERLY: &str = "4 quarterly dates";
const ONE_DATE: &str = "this date only";

/// The quarterly helper's date fields, one a proposal.
const PROPOSAL_KEYS: [&str; sync::QUARTERLY_PROPOSALS] = ["date_1", "date_2", "date_3", "date_4"];
const PROPOSAL_LABELS: [&str; sync::QUARTERLY_PROPOSALS] =
    ["1st date", "2nd date", "3rd date", "4th date"];

/// The file the Syncs tab's export writes, beside the database.
pub const CALENDAR_FILE: &str = "trainer-syncs.ics";

impl App {
    /// The Syncs tab's actions and its checklists'.
    pub(super) fn apply_on_syncs(&mut self, action: Action) {
        match action {
            Action::ScheduleSyncs => self.open_schedule_form(),
            Action::EditSync => self.open_sync_form(),
            Action::MarkHeld => self.mark_held(),
            Action::CancelSync => self.ask_cancel_sync(),
            Action::TakeAttendance => self.open_attendance(),
            Action::EditInvites => self.open_invites(),
            Action::ExportCalendar => self.export_calendar(),
            _ => self.apply_in_checklist(action),
        }
    }

    /// `a`: a sync's details and a first date; the quarterly helper proposes the rest next.
    fn open_schedule_form(&mut self) {
        // The zone and time of the latest sync are the likeliest for the next one.
        let latest = self.syncs.latest().map(|sync| sync.fields.clone());
        let zone = latest
            .as_ref()
            .map_or("UTC", |fields| fields.time_zone.name())
            .to_string();
        let time = latest.as_ref().map_or_else(
            || "16:00".to_string(),
            |f| f.starts_at.format("%H:%M").to_string(),
        );
        // Next quarter's syncs follow on from the last one scheduled.
        let first = latest
            .as_ref()
            .and_then(|fields| sync::quarterly_dates(fields.date(), 2).get(1).copied())
            .map_or_else(String::new, |date| date.to_string());
        let form = Form::new(FormKind::ScheduleSyncs, "Schedule Trainer Syncs")
            .line(
                "title",
                "Title",
                "Trainer Sync",
                "quarter and year are added",
            )
            .line("date", "First date", &first, "YYYY-MM-DD")
            .line("time", "Time", &time, "HH:MM, 24-hour")
            .line(
                "time_zone",
                "Time zone",
                &zone,
                "Europe/Berlin, America/New_York…",
            )
            .line("duration", "Minutes", "60", "15–480")
            .choice("repeat", "Repeat", &[QUARTERLY, ONE_DATE], QUARTERLY)
            .text("agenda", "Agenda", AGENDA);
        self.overlay = Some(Overlay::Form(form));
    }

    /// Saves the first scheduling form: one sync now, or the quarterly proposals to confirm.
    pub(super) fn save_schedule(&mut self, form: &Form) -> Result<(String, Saved), Rejected> {
        let fields = validation::validate_sync(&sync_input(form)).map_err(Rejected::Fields)?;
        if form.value("repeat") == ONE_DATE {
            let titled = with_quarter(&fields);
            return self.schedule(&[titled]);
        }
        let dates = sync::quarterly_dates(fields.date(), sync::QUARTERLY_PROPOSALS);
        let mut proposals = Form::new(
            FormKind::QuarterlyDates,
            "Quarterly dates: change any before saving",
        );
        for ((key, label), date) in PROPOSAL_KEYS.iter().zip(PROPOSAL_LABELS).zip(dates) {
            proposals = proposals.line(key, label, &date.to_string(), "YYYY-MM-DD");
        }
        self.pending_syncs = Some(fields);
        Err(Rejected::Replaced(Box::new(Overlay::Form(proposals))))
    }

    /// Saves the confirmed quarterly dates as four syncs, or says which date is wrong.
    pub(super) fn save_quarterly(&mut self, form: &Form) -> Result<(String, Saved), Rejected> {
        let Some(template) = self.pending_syncs.clone() else {
            return Err(Rejected::Fields(vec![FieldError::new(
                "date_1",
                "the sync details were lost: Esc and start again with a",
            )]));
        };
        let mut errors = Vec::new();
        let mut syncs = Vec::new();
        for key in PROPOSAL_KEYS {
            match validation::parse_date(key, &form.value(key)) {
                Ok(date) => {
                    let mut fields = template.clone();
                    fields.starts_at = date.and_time(template.starts_at.time());
                    if fields.starts_utc().is_none() {
                        errors.push(FieldError::new(
                            key,
                            format!(
                                "{} does not exist on {date} in {}: the clocks go forward then",
                                template.starts_at.format("%H:%M"),
                                template.time_zone.name()
                            ),
                        ));
                    }
                    syncs.push(with_quarter(&fields));
                }
                Err(error) => errors.push(error),
            }
        }
        if !errors.is_empty() {
            return Err(Rejected::Fields(errors));
        }
        let saved = self.schedule(&syncs)?;
        self.pending_syncs = None;
        Ok(saved)
    }

    fn schedule(&mut self, syncs: &[SyncFields]) -> Result<(String, Saved), Rejected> {
        let ids = self
            .store
            .schedule_syncs(syncs, self.today)
            .map_err(Rejected::Store)?;
        let first = ids
            .first()
            .copied()
            .ok_or_else(|| Rejected::Fields(Vec::new()))?;
        let message = match syncs {
            [one] => format!("Scheduled {} on {}", one.title, one.date()),
            many => format!(
                "Scheduled {} syncs, {} to {}",
                many.len(),
                many.first().map_or(self.today, SyncFields::date),
                many.last().map_or(self.today, SyncFields::date)
            ),
        };
        Ok((message, Saved::Sync(first)))
    }

    /// `e`: every detail of the selected sync, the recording link included.
    fn open_sync_form(&mut self) {
        let Some(row) = self.syncs.selected() else {
            return;
        };
        let fields = &row.sync.fields;
        let form = Form::new(FormKind::EditSync(row.sync.id), "Edit Trainer Sync")
            .line("title", "Title", &fields.title, "")
            .line("date", "Date", &fields.date().to_string(), "YYYY-MM-DD")
            .line(
                "time",
                "Time",
                &fields.starts_at.format("%H:%M").to_string(),
                "HH:MM",
            )
            .line(
                "time_zone",
                "Time zone",
                fields.time_zone.name(),
                "Europe/Berlin…",
            )
            .line(
                "duration",
                "Minutes",
                &fields.duration_minutes.to_string(),
                "15–480",
            )
            .line(
                "recording_link",
                "Recording",
                &fields.recording_link,
                "https://… once the recording is up",
            )
            .text("agenda", "Agenda", &fields.agenda);
        self.overlay = Some(Overlay::Form(form));
    }

    pub(super) fn save_sync(
        &mut self,
        form: &Form,
        id: SyncId,
    ) -> Result<(String, Saved), Rejected> {
        let fields = validation::validate_sync(&sync_input(form)).map_err(Rejected::Fields)?;
        self.store
            .update_sync(id, &fields)
            .map_err(Rejected::Store)?;
        Ok((format!("Saved {}", fields.title), Saved::Sync(id)))
    }

    /// `h`: the sync took place.
    fn mark_held(&mut self) {
        let Some(row) = self.syncs.selected() else {
            return;
        };
        let sync = row.sync.clone();
        if sync.state == SyncState::Held {
            self.inform("Already held: t takes attendance".to_string());
            return;
        }
        if sync.fields.date() > self.today {
            self.warn(format!(
                "Not held yet: it is on {}; it can be marked from that day",
                sync.fields.date()
            ));
            return;
        }
        self.set_sync_state(&sync, SyncState::Held);
    }

    /// `X`: asks before cancelling.
    fn ask_cancel_sync(&mut self) {
        let Some(row) = self.syncs.selected() else {
            return;
        };
        if row.sync.state == SyncState::Cancelled {
            self.inform("Already cancelled".to_string());
            return;
        }
        self.overlay = Some(Overlay::Confirm(Confirm {
            question: format!(
                "Cancel {} on {}?",
                sanitize(&row.sync.fields.title),
                row.sync.fields.date()
            ),
            on_yes: Pending::CancelSync(row.sync.id),
            back: None,
        }));
    }

    pub(super) fn cancel_sync(&mut self, id: SyncId) {
        match self.store.sync(id) {
            Ok(sync) => self.set_sync_state(&sync, SyncState::Cancelled),
            Err(error) => self.report(&error),
        }
    }

    fn set_sync_state(&mut self, sync: &TrainerSync, state: SyncState) {
        match self.store.set_sync_state(sync.id, state) {
            Ok(()) => {
                self.inform(format!("{} is now {state}", sanitize(&sync.fields.title)));
                self.reload_or_report();
                self.syncs.select(sync.id);
            }
            Err(error) => self.report(&error),
        }
    }

    /// `t`: the attendance checklist; a sync whose day has come is marked held on the way.
    fn open_attendance(&mut self) {
        let Some(row) = self.syncs.selected() else {
            return;
        };
        let sync = row.sync.clone();
        match sync.state {
            SyncState::Cancelled => {
                self.warn("This sync was cancelled: nobody to mark".to_string());
                return;
            }
            SyncState::Scheduled if sync.fields.date() > self.today => {
                self.warn(format!(
                    "Not held yet: attendance can be taken from {}",
                    sync.fields.date()
                ));
                return;
            }
            SyncState::Scheduled => {
                if let Err(error) = self.store.set_sync_state(sync.id, SyncState::Held) {
                    self.report(&error);
                    return;
                }
                self.inform("Marked held: l live, r recording, a absent".to_string());
                self.reload_or_report();
            }
            SyncState::Held => {}
        }
        match self.store.invitees(sync.id) {
            Ok(invitees) => {
                let rows = invitees
                    .into_iter()
                    .map(|invitee| ChecklistRow {
                        trainer: invitee.trainer,
                        name: invitee.name,
                        account_name: invitee.account_name,
                        attendance: invitee.attendance,
                        invited: true,
                    })
                    .collect();
                self.overlay = Some(Overlay::Checklist(Box::new(checklist(
                    &sync,
                    ChecklistKind::Attendance,
                    rows,
                ))));
            }
            Err(error) => self.report(&error),
        }
    }

    /// `i`: every trainer certified on the sync's day, and anyone already invited, to tick.
    fn open_invites(&mut self) {
        let Some(row) = self.syncs.selected() else {
            return;
        };
        let sync = row.sync.clone();
        let invited = match self.store.invitees(sync.id) {
            Ok(invitees) => invitees,
            Err(error) => {
                self.report(&error);
                return;
            }
        };
        let day = sync.fields.date();
        let rows = self
            .roster
            .rows()
            .iter()
            .filter(|row| {
                row.status_on(day) == TrainerStatus::Certified
                    || invited
                        .iter()
                        .any(|invitee| invitee.trainer == row.trainer.id)
            })
            .map(|row| ChecklistRow {
                trainer: row.trainer.id,
                name: row.trainer.fields.name.clone(),
                account_name: row.account_name.clone(),
                attendance: None,
                invited: invited
                    .iter()
                    .any(|invitee| invitee.trainer == row.trainer.id),
            })
            .collect();
        self.overlay = Some(Overlay::Checklist(Box::new(checklist(
            &sync,
            ChecklistKind::Invites,
            rows,
        ))));
    }

    /// A key in a checklist: marks or toggles the trainer under the cursor and saves it.
    fn apply_in_checklist(&mut self, action: Action) {
        let Some(Overlay::Checklist(list)) = &mut self.overlay else {
            return;
        };
        let sync = list.sync;
        let Some(row) = list.current() else {
            return;
        };
        let trainer = row.trainer;
        let saved = match action {
            Action::MarkLive | Action::MarkRecording | Action::MarkAbsent | Action::ClearMark => {
                let mark = match action {
                    Action::MarkLive => Some(Attendance::Live),
                    Action::MarkRecording => Some(Attendance::Recording),
                    Action::MarkAbsent => Some(Attendance::Absent),
                    _ => None,
                };
                row.attendance = mark;
                self.store.set_attendance(sync, trainer, mark)
            }
            Action::ToggleInvite => {
                row.invited = !row.invited;
                self.store.set_invited(sync, trainer, row.invited)
            }
            _ => return,
        };
        match saved {
            // Marked: on to the next trainer, as ticking down a paper list.
            // The tabs are read again when the checklist closes.
            Ok(()) => list.move_by(1),
            Err(error) => self.report(&error),
        }
    }

    /// `E`: syncs from today on to an `.ics` file beside the database, for a calendar to
    /// import; the same choice of syncs as `t3 export syncs`.
    fn export_calendar(&mut self) {
        let syncs: Vec<TrainerSync> = self
            .syncs
            .rows()
            .iter()
            .filter(|row| crate::ics::is_exported(&row.sync, self.today))
            .map(|row| row.sync.clone())
            .collect();
        if syncs.is_empty() {
            self.warn("No syncs from today on to export: a schedules some".to_string());
            return;
        }
        let path = self
            .store
            .path()
            .parent()
            .map_or_else(|| CALENDAR_FILE.into(), |folder| folder.join(CALENDAR_FILE));
        let calendar = crate::ics::syncs_calendar(&syncs, chrono::Utc::now());
        let skipped = if calendar.skipped.is_empty() {
            String::new()
        } else {
            format!(
                " ({} left out: their start time does not exist in their zone)",
                calendar.skipped.len()
            )
        };
        match crate::files::write_atomically(&path, calendar.text.as_bytes()) {
            Ok(()) => self.inform(format!(
                "Wrote {} syncs to {}{skipped}",
                calendar.events,
                path.display()
            )),
            Err(error) => self.warn(format!("{error:#}")),
        }
    }
}

/// A sample agenda: what a Trainer Sync covers, to edit rather than type from nothing.
const AGENDA: &str = "Product changes since the last sync\nUpdated materials\nQuestions from the field\nUpcoming releases";

fn sync_input(form: &Form) -> SyncInput {
    SyncInput {
        title: form.value("title"),
        date: form.value("date"),
        time: form.value("time"),
        time_zone: form.value("time_zone"),
        duration: form.value("duration"),
        agenda: form.value("agenda"),
        recording_link: form.value("recording_link"),
    }
}

/// "Trainer Sync · Q1 2027" from "Trainer Sync" and the date, unless the title names one.
fn with_quarter(fields: &SyncFields) -> SyncFields {
    let quarter = sync::Quarter::of(fields.date()).to_string();
    let mut titled = fields.clone();
    if !titled.title.contains(&quarter) {
        titled.title = format!("{} · {quarter}", titled.title.trim());
    }
    titled
}

fn checklist(sync: &TrainerSync, kind: ChecklistKind, rows: Vec<ChecklistRow>) -> Checklist {
    Checklist {
        sync: sync.id,
        title: format!("{} · {}", sanitize(&sync.fields.title), sync.fields.date()),
        kind,
        rows,
        selected: 0,
        marked: std::collections::HashSet::new(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn the_quarter_is_added_to_a_plain_title_only() {
        let fields = SyncFields {
            title: "Trainer Sync ".into(),
            starts_at: NaiveDate::from_ymd_opt(2027, 2, 9)
                .unwrap()
                .and_hms_opt(16, 0, 0)
                .unwrap(),
            time_zone: chrono_tz::UTC,
            duration_minutes: 60,
            agenda: String::new(),
            recording_link: String::new(),
        };
        assert_eq!(with_quarter(&fields).title, "Trainer Sync · Q1 2027");
        let named = with_quarter(&with_quarter(&fields));
        assert_eq!(named.title, "Trainer Sync · Q1 2027", "not added twice");
    }
}
