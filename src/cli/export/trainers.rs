//! `t3 export trainers`: every trainer with their account and status, in the columns
//! `t3 import trainers` reads, so that the file imports back unchanged.

use serde::Serialize;

use super::{csv_table, json_of};
use crate::cli::args::Format;
use crate::domain::TrainerRow;
use crate::import::Kind;
use crate::store::Store;

/// One trainer, as exported.
#[derive(Debug, Serialize)]
struct TrainerRecord<'a> {
    account: &'a str,
    name: &'a str,
    email: &'a str,
    title: &'a str,
    department: &'a str,
    status: &'static str,
}

/// Every trainer in `store`, by name, in `format`; returns the bytes and the count.
pub(in crate::cli) fn trainers(store: &Store, format: Format) -> anyhow::Result<(Vec<u8>, usize)> {
    let rows = store.trainer_rows()?;
    let records: Vec<_> = rows.iter().map(record).collect();
    let bytes = match format {
        Format::Csv => csv_table(Kind::Trainers.columns(), records.iter().map(csv_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

fn record(row: &TrainerRow) -> TrainerRecord<'_> {
    let fields = &row.trainer.fields;
    TrainerRecord {
        account: &row.account_name,
        name: &fields.name,
        email: &fields.email,
        title: &fields.title,
        department: &fields.department,
        status: row.trainer.status.as_str(),
    }
}

fn csv_row(record: &TrainerRecord<'_>) -> Vec<String> {
    [
        record.account,
        record.name,
        record.email,
        record.title,
        record.department,
        record.status,
    ]
    .map(str::to_string)
    .to_vec()
}
