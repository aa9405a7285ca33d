//! Account snapshots, matched by account and `as_of`: a second file for the same day corrects
//! that day's figures rather than adding a second point to the trend.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::plan::{Basis, Change, Plan, Planned, Tally};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec, keep, unknown_account};
use crate::domain::{AccountId, AccountSnapshot, FieldError};

pub(super) struct Snapshots;

/// A snapshot row before its account is looked up.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SnapshotRow {
    account: String,
    /// With a placeholder account until the plan finds the real one.
    snapshot: AccountSnapshot,
}

/// The highest net revenue retention taken as typed (percent); above it is a slip of the keys.
const MAX_NRR: f64 = 1000.0;

impl Spec for Snapshots {
    type Record = SnapshotRow;
    const KIND: Kind = Kind::Snapshots;
    const COLUMNS: &'static [&'static str] = &[
        "account",
        "as_of",
        "active_users",
        "users_trained",
        "adoption_depth",
        "new_feature_adoption",
        "support_tickets",
        "nrr",
    ];
    const KEY_COLUMN: &'static str = "as_of";

    fn parse(columns: &Columns, row: &Row, _: NaiveDate) -> Result<SnapshotRow, Vec<FieldError>> {
        let cell = |column| columns.get(row, column);
        let mut errors = Vec::new();
        let account = cell("account").to_string();
        let account = keep(
            &mut errors,
            if account.is_empty() {
                Err(FieldError::new("account", "cannot be empty"))
            } else {
                Ok(account)
            },
        );
        let as_of = keep(&mut errors, reader::date("as_of", cell("as_of")));
        let active_users = keep(&mut errors, count("active_users", cell("active_users")));
        let users_trained = keep(&mut errors, count("users_trained", cell("users_trained")));
        let adoption_depth = keep(
            &mut errors,
            percent("adoption_depth", cell("adoption_depth")),
        );
        let new_feature_adoption = keep(
            &mut errors,
            percent("new_feature_adoption", cell("new_feature_adoption")),
        );
        let support_tickets = keep(
            &mut errors,
            count("support_tickets", cell("support_tickets")),
        );
        let nrr = keep(&mut errors, retention(cell("nrr")));
        match (
            account,
            as_of,
            active_users,
            users_trained,
            adoption_depth,
            new_feature_adoption,
            support_tickets,
            nrr,
        ) {
            (
                Some(account),
                Some(as_of),
                Some(active_users),
                Some(users_trained),
                Some(adoption_depth),
                Some(new_feature_adoption),
                Some(support_tickets),
                Some(net_revenue_retention),
            ) => Ok(SnapshotRow {
                account,
                snapshot: AccountSnapshot {
                    account_id: AccountId(0),
                    as_of,
                    active_users,
                    users_trained,
                    adoption_depth,
                    new_feature_adoption,
                    support_tickets,
                    net_revenue_retention,
                },
            }),
            _ => Err(errors),
        }
    }

    fn key(record: &SnapshotRow) -> String {
        format!(
            "{}\n{}",
            reader::key(&record.account),
            record.snapshot.as_of
        )
    }

    fn describe(record: &SnapshotRow) -> String {
        format!("{}'s snapshot of {}", record.account, record.snapshot.as_of)
    }

    fn plan(
        records: Vec<Numbered<SnapshotRow>>,
        basis: &Basis,
        errors: &mut Vec<RowError>,
    ) -> Planned {
        let accounts = basis.accounts_by_name();
        let existing: HashMap<(AccountId, NaiveDate), &AccountSnapshot> = basis
            .snapshots
            .iter()
            .map(|snapshot| ((snapshot.account_id, snapshot.as_of), snapshot))
            .collect();
        let mut tally = Tally::default();
        let mut writes = Vec::new();
        for Numbered { line, record } in records {
            let Some(account) = accounts.get(&reader::key(&record.account)) else {
                errors.push(unknown_account(line, &record.account));
                continue;
            };
            let snapshot = AccountSnapshot {
                account_id: account.id,
                ..record.snapshot
            };
            let change = match existing.get(&(snapshot.account_id, snapshot.as_of)) {
                None => Some(Change::Add(())),
                Some(stored) if **stored == snapshot => None,
                Some(_) => Some(Change::Update((), ())),
            };
            tally.count(change.as_ref());
            if change.is_some() {
                writes.push(snapshot);
            }
        }
        Planned {
            plan: Plan::Snapshots(writes),
            tally,
            syncs_created: 0,
        }
    }
}

/// A whole number from 0 (users, tickets); thousands separators are allowed.
fn count(field: &'static str, text: &str) -> Result<u32, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "cannot be empty"));
    }
    text.replace(['_', ','], "")
        .parse::<u32>()
        .map_err(|_| FieldError::new(field, format!("'{text}' is not a whole number from 0")))
}

/// A share from 0 to 100, with or without a `%`.
fn percent(field: &'static str, text: &str) -> Result<u8, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "cannot be empty"));
    }
    match text.trim_end_matches('%').trim().parse::<u8>() {
        Ok(value) if value <= 100 => Ok(value),
        _ => Err(FieldError::new(
            field,
            format!("'{text}' is not a whole percentage from 0 to 100"),
        )),
    }
}

/// Net revenue retention in percent, with a decimal point or (as semicolon files write it) a
/// decimal comma, with or without a `%`.
fn retention(text: &str) -> Result<f64, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new("nrr", "cannot be empty"));
    }
    let number = text.trim_end_matches('%').trim();
    let number = if number.contains('.') {
        number.to_string()
    } else {
        number.replace(',', ".")
    };
    match number.parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..=MAX_NRR).contains(&value) => Ok(value),
        _ => Err(FieldError::new(
            "nrr",
            format!("'{text}' is not a retention in percent from 0 to {MAX_NRR}, like 104.5"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::plan_rows;
    use super::*;
    use crate::domain::{Account, AccountFields, T3Status};

    const HEADER: &str = "account;as_of;active_users;users_trained;adoption_depth;\
                          new_feature_adoption;support_tickets;nrr\n";

    fn basis() -> Basis {
        Basis {
            accounts: vec![Account {
                id: AccountId(4),
                fields: AccountFields {
                    name: "Kestrel Insurance".into(),
                    segment: "Enterprise".into(),
                    seats: 800,
                    csm_owner: String::new(),
                    rollout_start: None,
                    renewal_date: None,
                    annual_value: 0,
                    t3_status: T3Status::Active,
                },
                archived: false,
            }],
            snapshots: vec![AccountSnapshot {
                account_id: AccountId(4),
                as_of: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
                active_users: 610,
                users_trained: 300,
                adoption_depth: 55,
                new_feature_adoption: 31,
                support_tickets: 42,
                net_revenue_retention: 104.5,
            }],
            ..Basis::default()
        }
    }

    #[test]
    fn a_day_already_on_file_is_matched_by_account_and_date() {
        let text = format!(
            "{HEADER}kestrel insurance;2026-03-31;610;300;55%;31;42;104,5\n\
             Kestrel Insurance;2026-03-31T00:00:00Z;610;300;55;31;42;104.5\n"
        );
        let (planned, errors) = plan_rows::<Snapshots>(&text, &basis());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 3);
        assert_eq!(planned.tally.unchanged, 1);

        let text = format!(
            "{HEADER}Kestrel Insurance;2026-03-31;610;310;55;31;42;104.5\n\
             Kestrel Insurance;2026-06-30;640;350;58;35;39;106\n"
        );
        let (planned, _) = plan_rows::<Snapshots>(&text, &basis());
        assert_eq!(
            planned.tally,
            Tally {
                added: 1,
                updated: 1,
                unchanged: 0
            }
        );
        assert_eq!(planned.plan.len(), 2);
    }

    #[test]
    fn figures_out_of_range_are_named() {
        let text = format!("{HEADER}Umbrella;31/03/2026;-1;x;101;;1.5;-3\n");
        let (_, errors) = plan_rows::<Snapshots>(&text, &basis());
        let columns: Vec<_> = errors
            .iter()
            .map(|error| error.column.as_deref().unwrap_or_default())
            .collect();
        assert_eq!(
            columns,
            [
                "as_of",
                "active_users",
                "users_trained",
                "adoption_depth",
                "new_feature_adoption",
                "support_tickets",
                "nrr"
            ]
        );
    }

    #[test]
    fn an_unknown_account_is_named() {
        let text = format!("{HEADER}Umbrella;2026-03-31;1;1;1;1;1;100\n");
        let (_, errors) = plan_rows::<Snapshots>(&text, &basis());
        assert_eq!(
            errors[0].to_string(),
            "line 2, column account: no account named 'Umbrella': import or add it first"
        );
    }
}
