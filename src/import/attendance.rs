//! Trainer Sync attendance, matched by the sync's date and the trainer (email).
//!
//! A date with no sync gets one, created as held: "Trainer Sync — Q2 2026" at 16:00 UTC for an
//! hour, with no agenda or recording, which the Syncs tab can then correct. A scheduled sync
//! whose attendance is imported is marked held, as taking attendance in the app does. A
//! trainer who was not on the invite list is added to it. When a day has several syncs, the
//! first that was not cancelled takes the attendance.
//!
//! An empty attendance says the trainer was invited and not marked, as `t3 export attendance`
//! writes an unmarked invitee of a held sync: it adds the invitation without a mark and without
//! marking a scheduled sync held, and it never clears a mark already taken, so that exporting,
//! importing and exporting again gives the same file.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};

use super::plan::{AttendancePlan, Basis, Change, Mark, Plan, Planned, SyncDay, SyncRef, Tally};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec, unknown_trainer};
use crate::domain::sync::{
    Attendance, DEFAULT_DURATION_MINUTES, Quarter, SyncFields, SyncId, SyncState,
};
use crate::domain::validation::parse_email;
use crate::domain::{FieldError, TrainerId};

/// When a sync created by an import starts, in UTC: a time that exists on every day.
const CREATED_SYNC_HOUR: u32 = 16;

pub(super) struct AttendanceMarks;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AttendanceRow {
    sync_date: NaiveDate,
    email: String,
    /// `None`: invited, not marked.
    attendance: Option<Attendance>,
}

impl Spec for AttendanceMarks {
    type Record = AttendanceRow;
    const KIND: Kind = Kind::Attendance;
    const COLUMNS: &'static [&'static str] = &["sync_date", "email", "attendance"];
    const KEY_COLUMN: &'static str = "email";

    fn parse(
        columns: &Columns,
        row: &Row,
        today: NaiveDate,
    ) -> Result<AttendanceRow, Vec<FieldError>> {
        let mut errors = Vec::new();
        let sync_date = match reader::date("sync_date", columns.get(row, "sync_date")) {
            Ok(day) if day > today => {
                errors.push(FieldError::new(
                    "sync_date",
                    format!(
                        "{day} is after today ({today}): attendance is taken once a sync is held"
                    ),
                ));
                None
            }
            Ok(day) => Some(day),
            Err(error) => {
                errors.push(error);
                None
            }
        };
        let email = parse_email("email", columns.get(row, "email"))
            .map_err(|error| errors.push(error))
            .ok();
        let attendance = columns.get(row, "attendance");
        let attendance = if attendance.trim().is_empty() {
            Some(None)
        } else {
            attendance
                .to_ascii_lowercase()
                .parse::<Attendance>()
                .map(Some)
                .map_err(|_| {
                    errors.push(FieldError::new(
                        "attendance",
                        format!(
                            "'{attendance}' is not an attendance (live, recording, absent, or \
                             empty for invited and not marked)"
                        ),
                    ));
                })
                .ok()
        };
        match (sync_date, email, attendance) {
            (Some(sync_date), Some(email), Some(attendance)) => Ok(AttendanceRow {
                sync_date,
                email,
                attendance,
            }),
            _ => Err(errors),
        }
    }

    fn key(record: &AttendanceRow) -> String {
        format!("{}\n{}", record.sync_date, reader::key(&record.email))
    }

    fn describe(record: &AttendanceRow) -> String {
        format!("{} at the sync of {}", record.email, record.sync_date)
    }

    fn plan(
        records: Vec<Numbered<AttendanceRow>>,
        basis: &Basis,
        errors: &mut Vec<RowError>,
    ) -> Planned {
        let trainers = basis.trainers_by_email();
        let mut syncs_by_day: HashMap<NaiveDate, Vec<&SyncDay>> = HashMap::new();
        for sync in &basis.syncs {
            syncs_by_day.entry(sync.date).or_default().push(sync);
        }
        // Present for every invitation, with its mark once taken.
        let invites: HashMap<(SyncId, TrainerId), Option<Attendance>> = basis
            .invites
            .iter()
            .map(|invite| ((invite.sync, invite.trainer), invite.attendance))
            .collect();
        let mut plan = AttendancePlan::default();
        let mut created: HashMap<NaiveDate, usize> = HashMap::new();
        let mut held: HashSet<SyncId> = HashSet::new();
        let mut tally = Tally::default();
        for Numbered { line, record } in records {
            let Some(trainer) = trainers.get(&reader::key(&record.email)) else {
                errors.push(unknown_trainer(line, &record.email));
                continue;
            };
            let day = syncs_by_day.get(&record.sync_date);
            let sync =
                day.and_then(|syncs| syncs.iter().find(|sync| sync.state != SyncState::Cancelled));
            let (sync, stored, marks_held) = match (day, sync) {
                (Some(_), None) => {
                    errors.push(RowError {
                        line,
                        column: Some("sync_date".to_string()),
                        message: format!(
                            "the Trainer Sync of {} was cancelled: it takes no attendance",
                            record.sync_date
                        ),
                    });
                    continue;
                }
                (_, Some(sync)) => {
                    let marks_held =
                        sync.state == SyncState::Scheduled && record.attendance.is_some();
                    if marks_held && held.insert(sync.id) {
                        plan.held.push(sync.id);
                    }
                    let stored = invites.get(&(sync.id, trainer.id)).copied();
                    (SyncRef::Existing(sync.id), stored, marks_held)
                }
                (None, None) => {
                    let index = *created.entry(record.sync_date).or_insert_with(|| {
                        plan.new_syncs.push(created_sync(record.sync_date));
                        plan.new_syncs.len() - 1
                    });
                    (SyncRef::New(index), None, false)
                }
            };
            let mark = Mark {
                sync,
                trainer: trainer.id,
                attendance: record.attendance,
            };
            let change = match (stored, mark.attendance) {
                (None | Some(None), Some(_)) | (None, None) => Some(Change::Add(mark)),
                (Some(Some(attendance)), Some(new)) if attendance != new || marks_held => {
                    Some(Change::Update((), mark))
                }
                // A mark that stays, or an empty attendance, which never clears a mark: see the
                // module's documentation.
                (Some(_), _) => None,
            };
            tally.count(change.as_ref());
            if change.is_some() {
                plan.marks.push(mark);
            }
        }
        Planned {
            syncs_created: plan.new_syncs.len(),
            plan: Plan::Attendance(plan),
            tally,
        }
    }
}

/// The sync an import creates for a day that has none; see the module's documentation.
fn created_sync(date: NaiveDate) -> SyncFields {
    SyncFields {
        title: format!("Trainer Sync — {}", Quarter::of(date)),
        starts_at: date
            .and_time(NaiveTime::from_hms_opt(CREATED_SYNC_HOUR, 0, 0).unwrap_or(NaiveTime::MIN)),
        time_zone: chrono_tz::UTC,
        duration_minutes: DEFAULT_DURATION_MINUTES,
        agenda: String::new(),
        recording_link: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::plan::Invite;
    use super::super::tests::{placed, plan_rows};
    use super::*;
    use crate::domain::{AccountId, Trainer, TrainerFields, TrainerStatus};

    fn trainer(id: i64, email: &str) -> Trainer {
        Trainer {
            id: TrainerId(id),
            fields: TrainerFields {
                account_id: AccountId(1),
                name: email.into(),
                email: email.into(),
                title: String::new(),
                department: String::new(),
            },
            status: TrainerStatus::Certified,
        }
    }

    fn day(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).unwrap()
    }

    fn basis() -> Basis {
        Basis {
            trainers: vec![trainer(1, "ana@k.example"), trainer(2, "bo@k.example")],
            syncs: vec![
                SyncDay {
                    id: SyncId(5),
                    date: day(3, 10),
                    state: SyncState::Held,
                },
                SyncDay {
                    id: SyncId(6),
                    date: day(6, 9),
                    state: SyncState::Scheduled,
                },
                SyncDay {
                    id: SyncId(7),
                    date: day(4, 1),
                    state: SyncState::Cancelled,
                },
            ],
            invites: vec![
                Invite {
                    sync: SyncId(5),
                    trainer: TrainerId(1),
                    attendance: Some(Attendance::Live),
                },
                Invite {
                    sync: SyncId(5),
                    trainer: TrainerId(2),
                    attendance: None,
                },
            ],
            ..Basis::default()
        }
    }

    #[test]
    fn marks_are_matched_by_sync_day_and_trainer() {
        let text = "sync_date,email,attendance\n2026-03-10,ana@k.example,live\n\
                    2026-03-10,bo@k.example,Recording\n2026-06-09,ana@k.example,absent\n\
                    2025-12-09,ana@k.example,live\n2025-12-09,bo@k.example,absent\n";
        let (planned, errors) = plan_rows::<AttendanceMarks>(text, &basis());
        assert_eq!(errors, []);
        assert_eq!(
            planned.tally,
            Tally {
                added: 4,
                updated: 0,
                unchanged: 1
            }
        );
        assert_eq!(planned.syncs_created, 1);
        let Plan::Attendance(plan) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        assert_eq!(
            plan.held,
            [SyncId(6)],
            "a scheduled sync whose day came is held"
        );
        assert_eq!(plan.new_syncs.len(), 1);
        assert_eq!(plan.new_syncs[0].title, "Trainer Sync — Q4 2025");
        assert_eq!(
            plan.new_syncs[0].starts_at,
            NaiveDate::from_ymd_opt(2025, 12, 9)
                .unwrap()
                .and_hms_opt(16, 0, 0)
                .unwrap()
        );
        assert_eq!(plan.new_syncs[0].time_zone, chrono_tz::UTC);
        let created: Vec<_> = plan
            .marks
            .iter()
            .filter(|mark| mark.sync == SyncRef::New(0))
            .map(|mark| mark.trainer)
            .collect();
        assert_eq!(created, [TrainerId(1), TrainerId(2)]);
    }

    #[test]
    fn cancelled_days_future_days_and_bad_marks_are_refused() {
        let text = "sync_date,email,attendance\n2026-04-01,ana@k.example,live\n\
                    2026-07-01,ana@k.example,live\n2026-03-10,ana@k.example,present\n";
        let (_, errors) = plan_rows::<AttendanceMarks>(text, &basis());
        let found = placed(&errors);
        assert_eq!(
            found,
            [
                (3, "sync_date".to_string()),
                (4, "attendance".to_string()),
                (2, "sync_date".to_string())
            ]
        );
        assert!(
            errors[2].message.contains("cancelled"),
            "{}",
            errors[2].message
        );
    }

    #[test]
    fn an_empty_attendance_invites_without_marking_or_clearing() {
        // Ana is marked live at the sync of 10 March and Bo invited unmarked; the sync of
        // 9 June is scheduled.
        let text = "sync_date,email,attendance\n2026-03-10,ana@k.example,\n\
                    2026-03-10,bo@k.example,\n2026-06-09,ana@k.example,\n\
                    2025-12-09,bo@k.example,\n";
        let (planned, errors) = plan_rows::<AttendanceMarks>(text, &basis());
        assert_eq!(errors, []);
        assert_eq!(
            planned.tally,
            Tally {
                added: 2,
                updated: 0,
                unchanged: 2
            }
        );
        let Plan::Attendance(plan) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        assert_eq!(plan.held, [], "an invitation alone does not hold a sync");
        assert_eq!(plan.new_syncs.len(), 1);
        assert!(plan.marks.iter().all(|mark| mark.attendance.is_none()));
        let invited: Vec<_> = plan.marks.iter().map(|mark| mark.sync).collect();
        assert_eq!(invited, [SyncRef::Existing(SyncId(6)), SyncRef::New(0)]);
    }
}
