//! Training sessions, matched by trainer (email), `held_on` and topic (case-insensitively). A
//! new session counts for the trainer's account as it is now, as logging one in the app does;
//! a matched one keeps the account it was logged at.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::accounts::iso_date;
use super::plan::{Basis, Change, Plan, Planned, Tally};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec, unknown_trainer};
use crate::domain::program::{LoggedSession, SessionFields, SessionId, TrainingSession};
use crate::domain::validation::{SessionInput, parse_email, validate_session};
use crate::domain::{FieldError, Trainer, TrainerId};

pub(super) struct Sessions;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SessionRow {
    email: String,
    fields: SessionFields,
}

impl Spec for Sessions {
    type Record = SessionRow;
    const KIND: Kind = Kind::Sessions;
    const COLUMNS: &'static [&'static str] =
        &["email", "held_on", "topic", "attendees", "duration_min"];
    const KEY_COLUMN: &'static str = "topic";

    fn parse(
        columns: &Columns,
        row: &Row,
        today: NaiveDate,
    ) -> Result<SessionRow, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = parse_email("email", columns.get(row, "email"))
            .map_err(|error| errors.push(error))
            .ok();
        let held_on = columns.get(row, "held_on");
        let held_on = if held_on.is_empty() {
            String::new()
        } else {
            // A date the reader refuses is reported once, here; the form's check then judges
            // only the rest of the row.
            let iso = iso_date(&mut errors, "held_on", held_on);
            if iso.is_empty() {
                today.to_string()
            } else {
                iso
            }
        };
        let input = SessionInput {
            held_on,
            topic: columns.get(row, "topic").to_string(),
            attendees: columns.get(row, "attendees").to_string(),
            duration_minutes: columns.get(row, "duration_min").to_string(),
        };
        let fields = validate_session(&input, today).map_err(|problems| {
            errors.extend(problems.into_iter().map(|problem| {
                if problem.field == "duration_minutes" {
                    FieldError::new("duration_min", problem.message)
                } else {
                    problem
                }
            }));
        });
        match (email, fields) {
            (Some(email), Ok(fields)) if errors.is_empty() => Ok(SessionRow { email, fields }),
            _ => Err(errors),
        }
    }

    fn key(record: &SessionRow) -> String {
        format!(
            "{}\n{}\n{}",
            reader::key(&record.email),
            record.fields.held_on,
            reader::key(&record.fields.topic)
        )
    }

    fn describe(record: &SessionRow) -> String {
        format!(
            "{}'s session '{}' of {}",
            record.email, record.fields.topic, record.fields.held_on
        )
    }

    fn plan(
        records: Vec<Numbered<SessionRow>>,
        basis: &Basis,
        errors: &mut Vec<RowError>,
    ) -> Planned {
        let (changes, tally) =
            plan_sessions(records, &basis.trainers_by_email(), &basis.sessions, errors);
        Planned {
            plan: Plan::Sessions(changes),
            tally,
            syncs_created: 0,
        }
    }
}

/// The trainer and day of each row whose trainer is known, each pair once: what a chunk of
/// rows is matched against.
pub(super) fn days_of(
    records: &[Numbered<SessionRow>],
    trainers: &HashMap<String, &Trainer>,
) -> Vec<(TrainerId, NaiveDate)> {
    let mut days: Vec<(TrainerId, NaiveDate)> = records
        .iter()
        .filter_map(|Numbered { record, .. }| {
            let trainer = trainers.get(&reader::key(&record.email))?;
            Some((trainer.id, record.fields.held_on))
        })
        .collect();
    // In index order, so that the lookups walk the index forwards.
    days.sort_unstable_by_key(|(trainer, day)| (trainer.0, *day));
    days.dedup();
    days
}

/// Matches `records` with the `sessions` the database holds on their trainers' days: what to
/// write, counted, and the rows naming a trainer it does not hold.
pub(super) fn plan_sessions(
    records: Vec<Numbered<SessionRow>>,
    trainers: &HashMap<String, &Trainer>,
    sessions: &[LoggedSession],
    errors: &mut Vec<RowError>,
) -> (Vec<Change<SessionId, TrainingSession>>, Tally) {
    let mut existing: HashMap<(TrainerId, NaiveDate, String), &LoggedSession> = HashMap::new();
    for logged in sessions {
        let session = &logged.session;
        existing
            .entry((
                session.trainer,
                session.held_on,
                reader::key(&session.topic),
            ))
            .or_insert(logged);
    }
    let mut tally = Tally::default();
    let mut changes = Vec::with_capacity(records.len());
    for Numbered { line, record } in records {
        let Some(trainer) = trainers.get(&reader::key(&record.email)) else {
            errors.push(unknown_trainer(line, &record.email));
            continue;
        };
        let key = (
            trainer.id,
            record.fields.held_on,
            reader::key(&record.fields.topic),
        );
        let change = match existing.get(&key) {
            None => Some(Change::Add(
                record
                    .fields
                    .delivered_by(trainer.id, trainer.fields.account_id),
            )),
            Some(logged) => {
                let wanted: TrainingSession = record
                    .fields
                    .delivered_by(trainer.id, logged.session.account);
                (wanted != logged.session).then_some(Change::Update(logged.id, wanted))
            }
        };
        tally.count(change.as_ref());
        changes.extend(change);
    }
    (changes, tally)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{placed, plan_rows};
    use super::*;
    use crate::domain::{AccountId, Trainer, TrainerFields, TrainerStatus};

    fn basis() -> Basis {
        Basis {
            trainers: vec![Trainer {
                id: TrainerId(2),
                fields: TrainerFields {
                    account_id: AccountId(8),
                    name: "Ana Costa".into(),
                    email: "ana@kestrel.example".into(),
                    title: String::new(),
                    department: String::new(),
                },
                status: TrainerStatus::Certified,
            }],
            sessions: vec![LoggedSession {
                id: SessionId(40),
                session: TrainingSession {
                    trainer: TrainerId(2),
                    account: AccountId(7),
                    held_on: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap(),
                    topic: "Reporting basics".into(),
                    attendees: 14,
                    duration_minutes: 60,
                },
            }],
            ..Basis::default()
        }
    }

    const HEADER: &str = "trainer,email,account,held_on,topic,attendees,duration_min\n";

    #[test]
    fn a_session_is_matched_by_trainer_day_and_topic() {
        let text = format!(
            "{HEADER}Ana,ana@kestrel.example,Kestrel,2026-06-12,reporting  basics,14,60\n\
             Ana,ana@kestrel.example,Kestrel,2026-06-12,Dashboards,9,45\n"
        );
        let (planned, errors) = plan_rows::<Sessions>(&text, &basis());
        assert_eq!(errors, []);
        let Plan::Sessions(changes) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        let [Change::Update(SessionId(40), updated), Change::Add(added)] = changes.as_slice()
        else {
            panic!("{changes:?}");
        };
        assert_eq!(
            updated.topic, "reporting basics",
            "the topic's case changed"
        );
        assert_eq!(
            updated.account,
            AccountId(7),
            "a matched session keeps its account"
        );
        assert_eq!(
            added.account,
            AccountId(8),
            "a new one counts for the trainer's account"
        );
    }

    #[test]
    fn the_forms_rules_apply_and_name_the_files_columns() {
        let text = format!(
            "{HEADER}Ana,ana@kestrel.example,Kestrel,12/06/2026,,lots,0\n\
             Ana,ana@kestrel.example,Kestrel,2026-06-16,Dashboards,9,45\n"
        );
        let (_, errors) = plan_rows::<Sessions>(&text, &basis());
        let found = placed(&errors);
        assert_eq!(
            found,
            [
                (2, "held_on".to_string()),
                (2, "topic".to_string()),
                (2, "attendees".to_string()),
                (2, "duration_min".to_string()),
                (3, "held_on".to_string()),
            ]
        );
        assert!(
            errors[0].message.contains("ambiguous"),
            "{}",
            errors[0].message
        );
    }
}
