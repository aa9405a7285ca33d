//! `t3 export certifications`: where each trainer on the pathway stands, one row per trainer.
//!
//! The state is computed for the given today and modules are judged with the configured pass
//! marks, so the export agrees with the Certification tab on the same day and settings.

use chrono::NaiveDate;
use serde::Serialize;

use super::{csv_table, date_cell, json_of};
use crate::cli::args::Format;
use crate::domain::certification::{PassMarks, Pathway};
use crate::store::Store;

const HEADER: [&str; 8] = [
    "trainer",
    "email",
    "account",
    "certified_on",
    "expires_on",
    "state",
    "renewals",
    "modules_passed",
];

/// One trainer's standing, as exported.
#[derive(Debug, Serialize)]
struct CertificationRecord<'a> {
    trainer: &'a str,
    email: &'a str,
    account: &'a str,
    /// When the latest certification was granted (a renewal counts), if there is one.
    certified_on: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    state: &'static str,
    renewals: usize,
    /// 0–4.
    modules_passed: usize,
}

/// Every trainer on the certification pathway in `store`, most urgent first (then by name), in
/// `format`; returns the bytes and the count.
pub(in crate::cli) fn certifications(
    store: &Store,
    today: NaiveDate,
    marks: PassMarks,
    format: Format,
) -> anyhow::Result<(Vec<u8>, usize)> {
    let mut pathways = store.pathways()?;
    pathways.sort_by_cached_key(|pathway| {
        (
            pathway.urgency(today, marks),
            pathway.row.trainer.fields.name.to_lowercase(),
            pathway.row.trainer.id,
        )
    });
    let records: Vec<_> = pathways
        .iter()
        .map(|pathway| record(pathway, today, marks))
        .collect();
    let bytes = match format {
        Format::Csv => csv_table(&HEADER, records.iter().map(csv_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

fn record(pathway: &Pathway, today: NaiveDate, marks: PassMarks) -> CertificationRecord<'_> {
    let latest = pathway.latest();
    CertificationRecord {
        trainer: &pathway.row.trainer.fields.name,
        email: &pathway.row.trainer.fields.email,
        account: &pathway.row.account_name,
        certified_on: latest.map(|certification| certification.granted_on),
        expires_on: latest.map(|certification| certification.expires_on),
        state: pathway.state(today).label(),
        renewals: pathway.renewals(),
        modules_passed: pathway.modules_passed(marks),
    }
}

fn csv_row(record: &CertificationRecord<'_>) -> Vec<String> {
    vec![
        record.trainer.to_string(),
        record.email.to_string(),
        record.account.to_string(),
        date_cell(record.certified_on),
        date_cell(record.expires_on),
        record.state.to_string(),
        record.renewals.to_string(),
        record.modules_passed.to_string(),
    ]
}
