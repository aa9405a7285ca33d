//! `t3 export accounts`: every account, archived ones too, in the columns
//! `t3 import accounts` reads, so that the file imports back unchanged.

use chrono::NaiveDate;
use serde::Serialize;

use super::{csv_table, date_cell, json_of};
use crate::cli::args::Format;
use crate::domain::Account;
use crate::import::Kind;
use crate::store::Store;

/// One account, as exported.
#[derive(Debug, Serialize)]
struct AccountRecord<'a> {
    name: &'a str,
    segment: &'a str,
    seats: u32,
    csm_owner: &'a str,
    rollout_start: Option<NaiveDate>,
    renewal_date: Option<NaiveDate>,
    annual_value: u64,
    t3_status: &'static str,
    /// After the columns a CRM gives, so that an import into another database keeps it.
    archived: bool,
}

/// Every account in `store`, by name, in `format`; returns the bytes and the count.
pub(in crate::cli) fn accounts(store: &Store, format: Format) -> anyhow::Result<(Vec<u8>, usize)> {
    let accounts = store.accounts()?;
    let records: Vec<_> = accounts.iter().map(record).collect();
    let bytes = match format {
        Format::Csv => csv_table(Kind::Accounts.columns(), records.iter().map(csv_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

fn record(account: &Account) -> AccountRecord<'_> {
    let fields = &account.fields;
    AccountRecord {
        name: &fields.name,
        segment: &fields.segment,
        seats: fields.seats,
        csm_owner: &fields.csm_owner,
        rollout_start: fields.rollout_start,
        renewal_date: fields.renewal_date,
        annual_value: fields.annual_value,
        t3_status: fields.t3_status.as_str(),
        archived: account.archived,
    }
}

fn csv_row(record: &AccountRecord<'_>) -> Vec<String> {
    vec![
        record.name.to_string(),
        record.segment.to_string(),
        record.seats.to_string(),
        record.csm_owner.to_string(),
        date_cell(record.rollout_start),
        date_cell(record.renewal_date),
        record.annual_value.to_string(),
        record.t3_status.to_string(),
        record.archived.to_string(),
    ]
}
