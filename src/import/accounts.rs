//! Accounts, matched by name (case-insensitively). A matched account takes every value the
//! file gives it, its name's spelling included.
//!
//! The `archived` column is optional, because CRMs know nothing of it: when the file leaves it
//! out (or a row leaves it empty) a new account is not archived and a known one keeps its flag.

use chrono::NaiveDate;

use super::plan::{AccountRecord, Basis, Change, Plan, Planned, Tally};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec};
use crate::domain::FieldError;
use crate::domain::validation::{AccountInput, validate_account};

pub(super) struct Accounts;

impl Spec for Accounts {
    type Record = AccountRecord;
    const KIND: Kind = Kind::Accounts;
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "segment",
        "seats",
        "csm_owner",
        "rollout_start",
        "renewal_date",
        "annual_value",
        "t3_status",
        "archived",
    ];
    const OPTIONAL: &'static [&'static str] = &["archived"];
    const KEY_COLUMN: &'static str = "name";

    fn parse(columns: &Columns, row: &Row, _: NaiveDate) -> Result<AccountRecord, Vec<FieldError>> {
        let cell = |column| columns.get(row, column).to_string();
        let mut errors = Vec::new();
        let input = AccountInput {
            name: cell("name"),
            segment: cell("segment"),
            seats: cell("seats"),
            csm_owner: cell("csm_owner"),
            rollout_start: iso_date(&mut errors, "rollout_start", &cell("rollout_start")),
            renewal_date: iso_date(&mut errors, "renewal_date", &cell("renewal_date")),
            annual_value: cell("annual_value"),
            t3_status: cell("t3_status"),
        };
        let archived = flag(&mut errors, "archived", &cell("archived"));
        match validate_account(&input, |_| false) {
            Ok(fields) if errors.is_empty() => Ok(AccountRecord { fields, archived }),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }

    fn key(record: &AccountRecord) -> String {
        reader::key(&record.fields.name)
    }

    fn describe(record: &AccountRecord) -> String {
        format!("the account '{}'", record.fields.name)
    }

    fn plan(
        records: Vec<Numbered<AccountRecord>>,
        basis: &Basis,
        _: &mut Vec<RowError>,
    ) -> Planned {
        let existing = basis.accounts_by_name();
        let mut tally = Tally::default();
        let mut changes = Vec::new();
        for Numbered { record, .. } in records {
            let change = match existing.get(&reader::key(&record.fields.name)) {
                None => Some(Change::Add(record)),
                Some(account)
                    if account.fields == record.fields
                        && record
                            .archived
                            .is_none_or(|archived| archived == account.archived) =>
                {
                    None
                }
                Some(account) => Some(Change::Update(account.id, record)),
            };
            tally.count(change.as_ref());
            changes.extend(change);
        }
        Planned {
            plan: Plan::Accounts(changes),
            tally,
            syncs_created: 0,
        }
    }
}

/// An optional yes-or-no cell: `true`, `yes`, `1` or `false`, `no`, `0` in any case, `None`
/// when empty; anything else is reported by its column.
pub(super) fn flag(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => None,
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => {
            errors.push(FieldError::new(
                field,
                format!("'{text}' is not true or false (yes, no, 1 and 0 also read)"),
            ));
            None
        }
    }
}

/// An optional date cell in any form the reader accepts, rewritten as `YYYY-MM-DD` for the
/// form validators that judge the rest of the row; a date that cannot be read is reported here
/// and left empty for them.
pub(super) fn iso_date(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> String {
    match reader::optional_date(field, text) {
        Ok(day) => day.map(|day| day.to_string()).unwrap_or_default(),
        Err(error) => {
            errors.push(error);
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{parse_rows, plan_rows};
    use super::*;
    use crate::domain::{Account, AccountId, T3Status};

    const HEADER: &str = "Name;Segment;Seats;CSM Owner;Rollout Start;Renewal Date;Annual Value;\
                          T3 Status;Region\n";

    #[test]
    fn a_crm_row_reads_into_account_fields() {
        let (records, errors) = parse_rows::<Accounts>(&format!(
            "{HEADER}Acme Logistics;Enterprise;1,200;Dana Whitfield;2025/09/01;\
             2026-09-01T00:00:00Z;240000;Active;EMEA\n"
        ));
        assert_eq!(errors, []);
        let fields = &records[0].record.fields;
        assert_eq!(fields.seats, 1200);
        assert_eq!(fields.rollout_start, NaiveDate::from_ymd_opt(2025, 9, 1));
        assert_eq!(fields.renewal_date, NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(fields.t3_status, T3Status::Active);
    }

    #[test]
    fn every_bad_cell_of_a_row_is_reported_in_column_order() {
        let (_, errors) =
            parse_rows::<Accounts>(&format!("{HEADER}Acme;;many;Dana;03/04/2026;;lots;live;\n"));
        let columns: Vec<_> = errors.iter().map(|e| e.column.as_deref()).collect();
        assert_eq!(
            columns,
            [
                Some("segment"),
                Some("seats"),
                Some("rollout_start"),
                Some("annual_value"),
                Some("t3_status")
            ]
        );
        assert!(errors.iter().all(|error| error.line == 2));
        assert!(
            errors[2].message.contains("ambiguous"),
            "{}",
            errors[2].message
        );
    }

    #[test]
    fn a_name_twice_is_refused_naming_both_lines() {
        let (records, errors) = parse_rows::<Accounts>(&format!(
            "{HEADER}Acme;SMB;10;;;;;none;\nGlobex;SMB;10;;;;;none;\nACME;SMB;12;;;;;none;\n"
        ));
        assert_eq!(records.len(), 2);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);
        assert_eq!(errors[0].column.as_deref(), Some("name"));
        assert!(
            errors[0].message.contains("on line 2 too"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn rows_are_added_updated_or_left_alone() {
        let text = format!(
            "{HEADER}Acme;SMB;10;;;;;none;\nGlobex;SMB;10;;;;;none;\ninitech;SMB;10;;;;;none;\n"
        );
        let (records, _) = parse_rows::<Accounts>(&text);
        let same = records[0].record.fields.clone();
        let mut older = records[2].record.fields.clone();
        older.name = "Initech".into();
        let basis = Basis {
            accounts: vec![
                Account {
                    id: AccountId(1),
                    fields: same,
                    archived: false,
                },
                Account {
                    id: AccountId(2),
                    fields: older,
                    archived: true,
                },
            ],
            ..Basis::default()
        };
        let (planned, errors) = plan_rows::<Accounts>(&text, &basis);
        assert_eq!(errors, []);
        assert_eq!(
            planned.tally,
            Tally {
                added: 1,
                updated: 1,
                unchanged: 1
            }
        );
        let Plan::Accounts(changes) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        assert!(matches!(&changes[0], Change::Add(record) if record.fields.name == "Globex"));
        assert!(
            matches!(&changes[1], Change::Update(AccountId(2), record) if record.fields.name == "initech")
        );
    }

    #[test]
    fn the_archived_flag_reads_in_any_common_spelling() {
        let header = "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,\
                      t3_status,archived\n";
        let cases = [
            ("true", Some(true)),
            ("YES", Some(true)),
            ("1", Some(true)),
            ("False", Some(false)),
            ("no", Some(false)),
            ("0", Some(false)),
            ("", None),
        ];
        for (cell, expected) in cases {
            let (records, errors) =
                parse_rows::<Accounts>(&format!("{header}Acme,SMB,10,,,,0,none,{cell}\n"));
            assert_eq!(errors, [], "{cell}");
            assert_eq!(records[0].record.archived, expected, "{cell}");
        }
        let (_, errors) = parse_rows::<Accounts>(&format!("{header}Acme,SMB,10,,,,0,none,maybe\n"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].column.as_deref(), Some("archived"));
        assert!(
            errors[0].message.contains("'maybe'"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_known_account_keeps_its_flag_unless_the_file_gives_one() {
        let header = "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,\
                      t3_status,archived\n";
        let (records, _) = parse_rows::<Accounts>(&format!("{header}Acme,SMB,10,,,,0,none,\n"));
        let basis = Basis {
            accounts: vec![Account {
                id: AccountId(1),
                fields: records[0].record.fields.clone(),
                archived: true,
            }],
            ..Basis::default()
        };
        for (cell, expected) in [("", (0, 0, 1)), ("yes", (0, 0, 1)), ("no", (0, 1, 0))] {
            let (planned, errors) =
                plan_rows::<Accounts>(&format!("{header}Acme,SMB,10,,,,0,none,{cell}\n"), &basis);
            assert_eq!(errors, []);
            let Tally {
                added,
                updated,
                unchanged,
            } = planned.tally;
            assert_eq!((added, updated, unchanged), expected, "{cell}");
        }
    }
}
