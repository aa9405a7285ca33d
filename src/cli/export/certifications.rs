//! `t3 export certifications`: every certification of each trainer on the pathway, oldest
//! first, and a trainer still certifying as one row without dates. A row per certification
//! (not only the latest) lets `t3 import certifications` rebuild the history and its renewals,
//! which the renewal rate and missed-syncs (counted from the first certification) read.
//!
//! The state is computed for the given today and modules are judged with the configured pass
//! marks, so the export agrees with the Certification tab on the same day and settings.

use chrono::NaiveDate;
use serde::Serialize;

use super::{csv_table, date_cell, json_of};
use crate::cli::args::Format;
use crate::domain::certification::{Certification, CertificationState, PassMarks, Pathway};
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

/// One certification, or a trainer's standing while they hold none, as exported.
#[derive(Debug, Serialize)]
struct CertificationRecord<'a> {
    trainer: &'a str,
    email: &'a str,
    account: &'a str,
    /// When this certification was granted (a renewal counts), if there is one.
    certified_on: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    /// `renewed` for a certification a later one renewed; otherwise its state on today.
    state: &'static str,
    /// The trainer's renewals in all, the same on each of their rows.
    renewals: usize,
    /// 0–4.
    modules_passed: usize,
}

/// Every certification of every trainer on the certification pathway in `store`, trainers most
/// urgent first (then by name), in `format`; returns the bytes and the count of rows.
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
        .flat_map(|pathway| records(pathway, today, marks))
        .collect();
    let bytes = match format {
        Format::Csv => csv_table(&HEADER, records.iter().map(csv_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

/// The trainer's rows: one per certification, oldest first, or one without dates.
fn records(pathway: &Pathway, today: NaiveDate, marks: PassMarks) -> Vec<CertificationRecord<'_>> {
    let row = |certification: Option<&Certification>, state: &'static str| CertificationRecord {
        trainer: &pathway.row.trainer.fields.name,
        email: &pathway.row.trainer.fields.email,
        account: &pathway.row.account_name,
        certified_on: certification.map(|certification| certification.granted_on),
        expires_on: certification.map(|certification| certification.expires_on),
        state,
        renewals: pathway.renewals(),
        modules_passed: pathway.modules_passed(marks),
    };
    if pathway.certifications.is_empty() {
        return vec![row(None, pathway.state(today).label())];
    }
    let mut certifications: Vec<&Certification> = pathway.certifications.iter().collect();
    certifications.sort_by_key(|certification| (certification.granted_on, certification.id));
    certifications
        .into_iter()
        .map(|certification| {
            let renewed = pathway
                .certifications
                .iter()
                .any(|later| later.renews == Some(certification.id));
            let state = if renewed {
                "renewed"
            } else {
                CertificationState::on(today, Some(certification.expires_on)).label()
            };
            row(Some(certification), state)
        })
        .collect()
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
