//! Triage history: every action taken on a finding, as `t3 export triage` writes it. A finding
//! is named by its rule, account (by name) and trainer (by email, empty when the rule concerns
//! no trainer), so the history follows the records into a database that numbers them anew.
//!
//! An action is matched by the whole event (finding, action and moment); a matched one takes
//! the file's detail and who took it. One taken back in the database stays taken back. New
//! actions are written in the file's order, which is the order they take effect in.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::plan::{Basis, Change, Plan, Planned, StoredTriage, Tally, TriageRecord};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec, keep, unknown_account};
use crate::domain::FieldError;
use crate::domain::risk::{FindingKey, Rule};
use crate::domain::triage::TriageAction;
use crate::domain::validation::parse_email;

pub(super) struct Triage;

/// One action as the file gives it, its account and trainer still by name and email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TriageRow {
    rule: Rule,
    account: String,
    trainer_email: Option<String>,
    action: TriageAction,
    by: String,
    at: NaiveDateTime,
}

/// The forms a moment is read in: as `t3 export triage` writes it, and as people type it.
const MOMENT_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

impl Spec for Triage {
    type Record = TriageRow;
    const KIND: Kind = Kind::Triage;
    const COLUMNS: &'static [&'static str] = &[
        "rule",
        "account",
        "trainer_email",
        "action",
        "detail",
        "by",
        "at",
    ];
    const KEY_COLUMN: &'static str = "at";

    fn parse(columns: &Columns, row: &Row, today: NaiveDate) -> Result<TriageRow, Vec<FieldError>> {
        let cell = |column| columns.get(row, column).trim();
        let mut errors = Vec::new();
        let rule = keep(
            &mut errors,
            cell("rule").parse::<Rule>().map_err(|message| {
                let rules: Vec<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
                FieldError::new("rule", format!("{message} ({})", rules.join(", ")))
            }),
        );
        let account = required(&mut errors, "account", cell("account"));
        let trainer_email = match cell("trainer_email") {
            "" => None,
            email => keep(&mut errors, parse_email("trainer_email", email)),
        };
        let action = keep(&mut errors, action(cell("action"), cell("detail")));
        let by = required(&mut errors, "by", cell("by"));
        let at = keep(&mut errors, moment(cell("at"), today));
        match (rule, action, at) {
            (Some(rule), Some(action), Some(at)) if errors.is_empty() => Ok(TriageRow {
                rule,
                account,
                trainer_email,
                action,
                by,
                at,
            }),
            _ => Err(errors),
        }
    }

    fn key(record: &TriageRow) -> String {
        format!(
            "{}\n{}\n{}\n{}\n{}",
            record.rule,
            reader::key(&record.account),
            reader::key(record.trainer_email.as_deref().unwrap_or_default()),
            record.action.kind(),
            record.at
        )
    }

    fn describe(record: &TriageRow) -> String {
        let trainer = record
            .trainer_email
            .as_deref()
            .map_or_else(String::new, |email| format!(" and {email}"));
        format!(
            "the {} of {} for {}{trainer} at {}",
            record.action.kind(),
            record.rule,
            record.account,
            record.at
        )
    }

    fn plan(
        records: Vec<Numbered<TriageRow>>,
        basis: &Basis,
        errors: &mut Vec<RowError>,
    ) -> Planned {
        let accounts = basis.accounts_by_name();
        let trainers = basis.trainers_by_email();
        let mut stored: HashMap<(FindingKey, &str, NaiveDateTime), &StoredTriage> = HashMap::new();
        for event in &basis.triage {
            let record = &event.record;
            stored
                .entry((record.key, record.action.kind(), record.at))
                .or_insert(event);
        }
        let mut tally = Tally::default();
        let mut changes = Vec::new();
        for Numbered { line, record } in records {
            let Some(account) = accounts.get(&reader::key(&record.account)) else {
                errors.push(unknown_account(line, &record.account));
                continue;
            };
            let trainer = match &record.trainer_email {
                None => None,
                Some(email) => {
                    let Some(trainer) = trainers.get(&reader::key(email)) else {
                        errors.push(unknown_trainer_email(line, email));
                        continue;
                    };
                    Some(trainer.id)
                }
            };
            let wanted = TriageRecord {
                key: FindingKey {
                    rule: record.rule,
                    account: account.id,
                    trainer,
                },
                action: record.action,
                actor: record.by,
                at: record.at,
            };
            let change = match stored.get(&(wanted.key, wanted.action.kind(), wanted.at)) {
                None => Some(Change::Add(wanted)),
                Some(event) if event.undone || event.record == wanted => None,
                Some(event) => Some(Change::Update(event.id, wanted)),
            };
            tally.count(change.as_ref());
            changes.extend(change);
        }
        Planned {
            plan: Plan::Triage(changes),
            tally,
            syncs_created: 0,
        }
    }
}

/// A row naming a trainer, by email, the database does not hold.
fn unknown_trainer_email(line: u64, email: &str) -> RowError {
    RowError {
        line,
        column: Some("trainer_email".to_string()),
        message: format!("no trainer with the email {email}: import or add the trainer first"),
    }
}

fn required(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> String {
    if text.is_empty() {
        errors.push(FieldError::new(field, "cannot be empty"));
    }
    text.to_string()
}

/// The action from its name and detail; a detail that does not fit the action (a snooze's
/// date) is reported on the detail.
fn action(kind: &str, detail: &str) -> Result<TriageAction, FieldError> {
    let kind = kind.to_ascii_lowercase();
    TriageAction::from_parts(&kind, detail).map_err(|message| {
        if TriageAction::from_parts(&kind, "2000-01-01").is_ok() {
            FieldError::new("detail", format!("{message}: use YYYY-MM-DD"))
        } else {
            FieldError::new(
                "action",
                format!("{message} (acknowledge, contact, snooze, assign, resolve, reopen)"),
            )
        }
    })
}

/// When the action was taken: a date and time of day, no later than `today`.
fn moment(text: &str, today: NaiveDate) -> Result<NaiveDateTime, FieldError> {
    if text.is_empty() {
        return Err(FieldError::new("at", "cannot be empty"));
    }
    let at = MOMENT_FORMATS
        .into_iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .ok_or_else(|| {
            FieldError::new(
                "at",
                format!("'{text}' is not a date and time: use YYYY-MM-DDTHH:MM:SS"),
            )
        })?;
    if at.date() > today {
        return Err(FieldError::new(
            "at",
            format!("{at} is after today ({today}): not done yet"),
        ));
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{parse_rows, placed, plan_rows};
    use super::*;
    use crate::domain::triage::TriageEventId;
    use crate::domain::{
        Account, AccountFields, AccountId, T3Status, Trainer, TrainerFields, TrainerId,
        TrainerStatus,
    };

    fn moment(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    fn stored(id: i64, action: TriageAction, at: &str, undone: bool) -> StoredTriage {
        StoredTriage {
            id: TriageEventId(id),
            record: TriageRecord {
                key: FindingKey {
                    rule: Rule::CertificationLapsed,
                    account: AccountId(3),
                    trainer: Some(TrainerId(5)),
                },
                action,
                actor: "dana".into(),
                at: moment(at),
            },
            undone,
        }
    }

    fn basis() -> Basis {
        Basis {
            accounts: vec![Account {
                id: AccountId(3),
                fields: AccountFields {
                    name: "Brightwater Health".into(),
                    segment: "Strategic".into(),
                    seats: 4200,
                    csm_owner: String::new(),
                    rollout_start: None,
                    renewal_date: None,
                    annual_value: 0,
                    t3_status: T3Status::Active,
                },
                archived: false,
            }],
            trainers: vec![Trainer {
                id: TrainerId(5),
                fields: TrainerFields {
                    account_id: AccountId(3),
                    name: "Grace Mensah".into(),
                    email: "grace@brightwater.example".into(),
                    title: String::new(),
                    department: String::new(),
                },
                status: TrainerStatus::Lapsed,
            }],
            triage: vec![
                stored(
                    1,
                    TriageAction::LogContact("Called".into()),
                    "2026-06-01T09:00:00",
                    false,
                ),
                stored(2, TriageAction::Acknowledge, "2026-06-02T09:00:00", true),
            ],
            ..Basis::default()
        }
    }

    const HEADER: &str = "rule,account,trainer_email,action,detail,by,at\n";

    #[test]
    fn an_action_is_matched_by_the_whole_event() {
        let text = format!(
            "{HEADER}certification-lapsed,brightwater health,GRACE@brightwater.example,contact,\
             Called twice,marcus,2026-06-01T09:00:00\n\
             certification-lapsed,Brightwater Health,grace@brightwater.example,acknowledge,,\
             dana,2026-06-02 09:00\n\
             low-coverage,Brightwater Health,,snooze,2026-07-01,dana,2026-06-03T10:00:00.5\n"
        );
        let (planned, errors) = plan_rows::<Triage>(&text, &basis());
        assert_eq!(errors, []);
        let tally = planned.tally;
        assert_eq!(
            (tally.added, tally.updated, tally.unchanged),
            (1, 1, 1),
            "an action taken back stays taken back"
        );
        let Plan::Triage(changes) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        let [
            Change::Update(TriageEventId(1), contact),
            Change::Add(snooze),
        ] = changes.as_slice()
        else {
            panic!("{changes:?}");
        };
        assert_eq!(
            contact.action,
            TriageAction::LogContact("Called twice".into())
        );
        assert_eq!(contact.actor, "marcus");
        assert_eq!(snooze.key.trainer, None);
        assert_eq!(
            snooze.action,
            TriageAction::Snooze(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap())
        );
        assert_eq!(snooze.at.and_utc().timestamp_subsec_millis(), 500);
    }

    #[test]
    fn unknown_accounts_and_trainers_are_named() {
        let text = format!(
            "{HEADER}low-coverage,Initech,,acknowledge,,dana,2026-06-02T09:00:00\n\
             trainer-dark,Brightwater Health,nobody@brightwater.example,acknowledge,,dana,\
             2026-06-02T09:00:00\n"
        );
        let (_, errors) = plan_rows::<Triage>(&text, &basis());
        let found = placed(&errors);
        assert_eq!(
            found,
            [(2, "account".to_string()), (3, "trainer_email".to_string())]
        );
        assert!(
            errors[0].message.contains("'Initech'"),
            "{}",
            errors[0].message
        );
        assert!(
            errors[1].message.contains("nobody@brightwater.example"),
            "{}",
            errors[1].message
        );
    }

    #[test]
    fn every_bad_cell_is_named_by_its_column() {
        let text = format!(
            "{HEADER}lapsed,,not-an-email,shrug,,,yesterday\n\
             compound,Brightwater Health,,snooze,soon,dana,2026-06-20T09:00:00\n\
             compound,Brightwater Health,,reopen,,dana,2026-06-02T09:00:00\n\
             compound,Brightwater Health,,reopen,,marcus,2026-06-02T09:00:00\n"
        );
        let (_, errors) = parse_rows::<Triage>(&text);
        let found = placed(&errors);
        assert_eq!(
            found,
            [
                (2, "rule".to_string()),
                (2, "account".to_string()),
                (2, "trainer_email".to_string()),
                (2, "action".to_string()),
                (2, "by".to_string()),
                (2, "at".to_string()),
                (3, "detail".to_string()),
                (3, "at".to_string()),
                (5, "at".to_string()),
            ]
        );
        assert!(
            errors[6].message.contains("snooze date"),
            "{}",
            errors[6].message
        );
        assert!(
            errors[7].message.contains("not done yet"),
            "{}",
            errors[7].message
        );
        assert!(
            errors[8].message.contains("on line 4 too"),
            "{}",
            errors[8].message
        );
    }
}
