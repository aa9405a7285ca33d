//! Random valid accounts and trainers survive `t3 export` and `t3 import` unchanged: names
//! with delimiters, quotes, line breaks, accents and formula-looking starts included.

use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::prelude::*;

use super::{accounts, trainers};
use crate::cli::args::Format;
use crate::domain::{AccountFields, AccountId, T3Status, TrainerFields, TrainerStatus};
use crate::import::{self, Kind, Silent};
use crate::store::Store;

/// Text a person might type into a cell: letters, accents, delimiters, quotes, a line break
/// inside, and a start a spreadsheet would run as a formula. Trimmed, as import trims cells;
/// never starting with `'` before a formula character, the one text the round trip changes.
fn text(required: bool) -> impl Strategy<Value = String> {
    let cell = "[=+@-]?[A-Za-zÀ-ÿ0-9,;\"&.]([A-Za-zÀ-ÿ0-9 ,;\"'&.\n]{0,18}[A-Za-zÀ-ÿ0-9\"&.])?";
    let pattern = if required {
        cell.to_string()
    } else {
        format!("({cell})?")
    };
    proptest::string::string_regex(&pattern)
        .unwrap_or_else(|_| proptest::string::string_regex(".").unwrap_or_else(|_| unreachable!()))
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(
        (2000_i32..2040, 1_u32..=12, 1_u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()),
    )
}

fn account() -> impl Strategy<Value = AccountFields> {
    (
        text(true),
        text(true),
        1_u32..2_000_000,
        text(false),
        date(),
        date(),
        0_u64..i64::MAX as u64,
        proptest::sample::select(T3Status::ALL.to_vec()),
    )
        .prop_map(
            |(
                name,
                segment,
                seats,
                csm_owner,
                rollout_start,
                renewal_date,
                annual_value,
                t3_status,
            )| {
                AccountFields {
                    name,
                    segment,
                    seats,
                    csm_owner,
                    rollout_start,
                    renewal_date,
                    annual_value,
                    t3_status,
                }
            },
        )
}

fn trainer() -> impl Strategy<Value = (TrainerFields, TrainerStatus)> {
    (
        text(true),
        "[a-z0-9._%+-]{1,12}@[a-z0-9-]{1,10}\\.[a-z]{2,6}",
        text(false),
        text(false),
        proptest::sample::select(TrainerStatus::ALL.to_vec()),
    )
        .prop_map(|(name, email, title, department, status)| {
            let fields = TrainerFields {
                account_id: AccountId(0),
                name,
                email,
                title,
                department,
            };
            (fields, status)
        })
}

/// Keeps the first of each name (or email) as the database compares them.
fn distinct<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(key(item).to_ascii_lowercase()))
        .collect()
}

/// A trainer as a person reads one: account name, name, email, title, department, status.
type TrainerAsRead = (String, String, String, String, String, TrainerStatus);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn accounts_and_trainers_survive_export_and_import(
        accounts_typed in vec(account(), 1..8),
        trainers_typed in vec(trainer(), 1..8),
    ) {
        let accounts_typed = distinct(accounts_typed, |a| a.name.clone());
        let trainers_typed = distinct(trainers_typed, |(t, _)| t.email.clone());
        let mut original = Store::in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut ids = Vec::new();
        for fields in &accounts_typed {
            ids.push(original.insert_account(fields).map_err(|e| TestCaseError::fail(e.to_string()))?);
        }
        for (index, (fields, status)) in trainers_typed.iter().enumerate() {
            let fields = TrainerFields { account_id: ids[index % ids.len()], ..fields.clone() };
            original.insert_trainer(&fields, *status).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }

        let mut copy = Store::in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (kind, export) in [
            (Kind::Accounts, accounts as fn(&Store, Format) -> anyhow::Result<(Vec<u8>, usize)>),
            (Kind::Trainers, trainers),
        ] {
            let (bytes, _) = export(&original, Format::Csv).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let report = import::run_bytes(&mut copy, kind, "export.csv", &bytes, false, today(), &mut Silent)
                .map_err(|e| TestCaseError::fail(format!("{e}: {:?}\n{}", e, String::from_utf8_lossy(&bytes))))?;
            prop_assert_eq!(report.updated, 0);
            let (again, _) = export(&copy, Format::Csv).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(String::from_utf8_lossy(&again), String::from_utf8_lossy(&bytes));
        }
        let fields = |store: &Store| -> Result<Vec<AccountFields>, TestCaseError> {
            Ok(store.accounts().map_err(|e| TestCaseError::fail(e.to_string()))?
                .into_iter().map(|a| a.fields).collect())
        };
        prop_assert_eq!(fields(&copy)?, fields(&original)?);
        let trainers_of = |store: &Store| -> Result<Vec<TrainerAsRead>, TestCaseError> {
            Ok(store.trainer_rows().map_err(|e| TestCaseError::fail(e.to_string()))?
                .into_iter()
                .map(|row| {
                    let f = row.trainer.fields;
                    (row.account_name, f.name, f.email, f.title, f.department, row.trainer.status)
                })
                .collect())
        };
        prop_assert_eq!(trainers_of(&copy)?, trainers_of(&original)?);
    }
}
