//! Trainers, matched by email (case-insensitively), each at an account named in the file.
//!
//! The file's status is taken as it stands, without the moves the app allows one at a time: an
//! import records where trainers are, it does not walk them there. An empty status makes a new
//! trainer a candidate and leaves a known trainer's status as it was.

use chrono::NaiveDate;

use super::plan::{Basis, Change, Plan, Planned, Tally, TrainerRecord};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec, unknown_account};
use crate::domain::validation::{TrainerInput, validate_trainer};
use crate::domain::{AccountId, FieldError, TrainerFields, TrainerStatus};

pub(super) struct Trainers;

/// A trainer row before its account is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TrainerRow {
    account: String,
    /// With a placeholder account until the plan finds the real one.
    fields: TrainerFields,
    status: Option<TrainerStatus>,
}

impl Spec for Trainers {
    type Record = TrainerRow;
    const KIND: Kind = Kind::Trainers;
    const COLUMNS: &'static [&'static str] =
        &["account", "name", "email", "title", "department", "status"];
    const KEY_COLUMN: &'static str = "email";

    fn parse(columns: &Columns, row: &Row, _: NaiveDate) -> Result<TrainerRow, Vec<FieldError>> {
        let cell = |column| columns.get(row, column).to_string();
        let input = TrainerInput {
            account: cell("account"),
            name: cell("name"),
            email: cell("email"),
            title: cell("title"),
            department: cell("department"),
        };
        let status = columns.get(row, "status");
        let status = if status.is_empty() {
            Ok(None)
        } else {
            status
                .parse::<TrainerStatus>()
                .map(Some)
                .map_err(|message| FieldError::new("status", message))
        };
        // The account is looked up against the database later, with the rest of the plan.
        match (
            validate_trainer(&input, |_| Some(AccountId(0)), |_| false),
            status,
        ) {
            (Ok(fields), Ok(status)) => Ok(TrainerRow {
                account: input.account.trim().to_string(),
                fields,
                status,
            }),
            (fields, status) => {
                let mut errors = fields.err().unwrap_or_default();
                errors.extend(status.err());
                Err(errors)
            }
        }
    }

    fn key(record: &TrainerRow) -> String {
        reader::key(&record.fields.email)
    }

    fn describe(record: &TrainerRow) -> String {
        record.fields.email.clone()
    }

    fn plan(
        records: Vec<Numbered<TrainerRow>>,
        basis: &Basis,
        errors: &mut Vec<RowError>,
    ) -> Planned {
        let accounts = basis.accounts_by_name();
        let existing = basis.trainers_by_email();
        let mut tally = Tally::default();
        let mut changes = Vec::new();
        for Numbered { line, record } in records {
            let Some(account) = accounts.get(&reader::key(&record.account)) else {
                errors.push(unknown_account(line, &record.account));
                continue;
            };
            let fields = TrainerFields {
                account_id: account.id,
                ..record.fields
            };
            let change = match existing.get(&reader::key(&fields.email)) {
                None => Some(Change::Add(TrainerRecord {
                    fields,
                    status: record.status.unwrap_or(TrainerStatus::Candidate),
                })),
                Some(trainer) => {
                    let status = record.status.unwrap_or(trainer.status);
                    (trainer.fields != fields || trainer.status != status)
                        .then_some(Change::Update(trainer.id, TrainerRecord { fields, status }))
                }
            };
            tally.count(change.as_ref());
            changes.extend(change);
        }
        Planned {
            plan: Plan::Trainers(changes),
            tally,
            syncs_created: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{parse_rows, plan_rows};
    use super::*;
    use crate::domain::{Account, AccountFields, T3Status, Trainer, TrainerId};

    const HEADER: &str = "Email,Account,Name,Title,Department,Status,Phone\n";

    fn basis() -> Basis {
        let account = |id, name: &str| Account {
            id: AccountId(id),
            fields: AccountFields {
                name: name.into(),
                segment: "Enterprise".into(),
                seats: 100,
                csm_owner: String::new(),
                rollout_start: None,
                renewal_date: None,
                annual_value: 0,
                t3_status: T3Status::Active,
            },
            archived: false,
        };
        Basis {
            accounts: vec![account(1, "Acme Logistics"), account(2, "Globex")],
            trainers: vec![Trainer {
                id: TrainerId(9),
                fields: TrainerFields {
                    account_id: AccountId(1),
                    name: "Ana Costa".into(),
                    email: "Ana.Costa@acme.example".into(),
                    title: "Ops lead".into(),
                    department: "Operations".into(),
                },
                status: TrainerStatus::Certified,
            }],
            ..Basis::default()
        }
    }

    #[test]
    fn a_known_email_with_the_same_values_is_unchanged_and_an_empty_status_keeps_it() {
        let text = format!(
            "{HEADER}ana.costa@ACME.example,acme logistics,Ana Costa,Ops lead,Operations,,+1 555\n"
        );
        let (planned, errors) = plan_rows::<Trainers>(&text, &basis());
        assert_eq!(errors, []);
        assert_eq!(planned.tally.unchanged, 0, "the email's spelling changed");
        let Plan::Trainers(changes) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        let [Change::Update(TrainerId(9), record)] = changes.as_slice() else {
            panic!("{changes:?}");
        };
        assert_eq!(record.status, TrainerStatus::Certified);
        assert_eq!(record.fields.email, "ana.costa@ACME.example");

        let text = format!(
            "{HEADER}Ana.Costa@acme.example,Acme Logistics,Ana Costa,Ops lead,Operations,certified,\n"
        );
        let (planned, _) = plan_rows::<Trainers>(&text, &basis());
        assert_eq!(planned.tally.unchanged, 1);
    }

    #[test]
    fn a_new_trainer_without_a_status_is_a_candidate_and_can_move_account() {
        let text = format!(
            "{HEADER}bo@globex.example,Globex,Bo Lindqvist,,,,\n\
             Ana.Costa@acme.example,Globex,Ana Costa,Ops lead,Operations,Lapsed,\n"
        );
        let (planned, errors) = plan_rows::<Trainers>(&text, &basis());
        assert_eq!(errors, []);
        let Plan::Trainers(changes) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        assert!(matches!(&changes[0], Change::Add(record)
            if record.status == TrainerStatus::Candidate && record.fields.account_id == AccountId(2)));
        assert!(matches!(&changes[1], Change::Update(TrainerId(9), record)
            if record.status == TrainerStatus::Lapsed && record.fields.account_id == AccountId(2)));
    }

    #[test]
    fn unknown_accounts_bad_emails_and_statuses_are_named() {
        let text = format!(
            "{HEADER}bo@initech.example,Initech,Bo,,,,\n\
             cy.example,Globex,,,,boss,\n"
        );
        let (_, errors) = plan_rows::<Trainers>(&text, &basis());
        let found: Vec<_> = errors
            .iter()
            .map(|error| (error.line, error.column.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [(3, "name"), (3, "email"), (3, "status"), (2, "account")]
        );
        assert!(errors[3].message.contains("no account named 'Initech'"));
    }

    #[test]
    fn the_same_email_twice_names_both_lines() {
        let (_, errors) = parse_rows::<Trainers>(&format!(
            "{HEADER}bo@globex.example,Globex,Bo,,,,\nBO@globex.example,Globex,Bo L,,,,\n"
        ));
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "line 3, column email: BO@globex.example is on line 2 too: a file gives each trainer once"
        );
    }
}
