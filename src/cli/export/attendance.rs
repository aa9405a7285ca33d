//! `t3 export attendance`: every attendance mark of the Trainer Syncs that were not cancelled,
//! and every invitee of a held sync left unmarked (with an empty attendance), in the columns `t3 import attendance` reads (`sync_date`, `email`, `attendance`), followed by
//! the trainer's name, their account and the sync's title for the person reading it, which an
//! import ignores.

use chrono::NaiveDate;
use serde::Serialize;

use super::{csv_table, json_of};
use crate::cli::args::Format;
use crate::domain::sync::{Attendance, AttendanceEntry};
use crate::store::Store;

const HEADER: [&str; 6] = [
    "sync_date",
    "email",
    "attendance",
    "trainer",
    "account",
    "sync_title",
];

/// One mark, as exported.
#[derive(Debug, Serialize)]
struct AttendanceRecord<'a> {
    sync_date: NaiveDate,
    email: &'a str,
    /// Empty (`null` in JSON) for an invitee whose attendance was not marked.
    attendance: Option<&'static str>,
    trainer: &'a str,
    account: &'a str,
    sync_title: &'a str,
}

/// Every mark in `store`, in the order the syncs were held, in `format`; returns the bytes and
/// the count.
pub(in crate::cli) fn attendance(
    store: &Store,
    format: Format,
) -> anyhow::Result<(Vec<u8>, usize)> {
    let entries = store.attendance_entries()?;
    let records: Vec<_> = entries.iter().map(record).collect();
    let bytes = match format {
        Format::Csv => csv_table(&HEADER, records.iter().map(csv_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

fn record(entry: &AttendanceEntry) -> AttendanceRecord<'_> {
    AttendanceRecord {
        sync_date: entry.sync_date,
        email: &entry.email,
        attendance: entry.attendance.map(Attendance::as_str),
        trainer: &entry.trainer_name,
        account: &entry.account_name,
        sync_title: &entry.sync_title,
    }
}

fn csv_row(record: &AttendanceRecord<'_>) -> Vec<String> {
    vec![
        record.sync_date.to_string(),
        record.email.to_string(),
        record.attendance.unwrap_or_default().to_string(),
        record.trainer.to_string(),
        record.account.to_string(),
        record.sync_title.to_string(),
    ]
}
