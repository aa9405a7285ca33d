//! `t3 export`: records written out for spreadsheets, calendars and other tools.
//!
//! Exports only read the store, through a read-only connection; they never change the database.
//! CSV cells that a spreadsheet would run as a formula are neutralised, because names, emails and
//! notes are typed by people and an export is opened by someone else.

mod accounts;
mod attendance;
pub mod by_kind;
mod certifications;
mod findings;
mod program;
#[cfg(test)]
mod round_trip;
mod snapshots;
mod syncs;
mod trainers;
mod triage;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use anyhow::{anyhow, bail};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::args::Format;
use crate::domain::TrainerRow;
use crate::domain::assessment::{self, Assessment};
use crate::domain::questionnaire::Questionnaire;
use crate::store::Store;
pub(super) use accounts::accounts;
pub(super) use attendance::attendance;
pub(super) use certifications::certifications;
pub(super) use findings::wrap;
pub(super) use findings::{
    Selection, export as findings, findings as findings_of, table as findings_table,
};
pub(super) use program::{ProgramRecords, program, write_sessions};
pub(super) use snapshots::snapshots;
pub(super) use syncs::syncs;
pub(super) use trainers::trainers;
pub(super) use triage::triage;

/// One assessment as exported: who, where it stands, and what its answers add up to.
#[derive(Debug, Serialize)]
struct AssessmentRecord<'a> {
    assessment_id: i64,
    trainer_name: &'a str,
    trainer_email: &'a str,
    account: &'a str,
    started_on: NaiveDate,
    state: &'static str,
    submitted_on: Option<NaiveDate>,
    reviewer: Option<&'a str>,
    reviewed_on: Option<NaiveDate>,
    review_note: Option<&'a str>,
    scores: Scores<'a>,
    overall: Option<f64>,
    recommendation: Option<&'static str>,
    /// Keys of the warning patterns that fired, each once, in questionnaire order.
    warnings: Vec<String>,
}

/// Criterion scores in questionnaire order, written as an object keyed by criterion.
#[derive(Debug)]
struct Scores<'a>(Vec<(&'a str, Option<f64>)>);

impl Serialize for Scores<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, score)| (key, score)))
    }
}

/// Every assessment in `store`, oldest first, in `format`; returns the bytes and the count.
pub(super) fn assessments(
    store: &Store,
    questionnaire: &Questionnaire,
    format: Format,
) -> anyhow::Result<(Vec<u8>, usize)> {
    let assessments = store.all_assessments()?;
    let trainers = store.trainer_rows()?;
    let by_id: HashMap<_, _> = trainers.iter().map(|row| (row.trainer.id, row)).collect();
    let records = assessments
        .iter()
        .map(|assessment| {
            let trainer = by_id.get(&assessment.trainer_id).ok_or_else(|| {
                anyhow!(
                    "assessment {} belongs to trainer {}, who is not in the database",
                    assessment.id.0,
                    assessment.trainer_id.0
                )
            })?;
            Ok(record(questionnaire, assessment, trainer))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let bytes = match format {
        Format::Csv => csv_of(questionnaire, &records)?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

fn record<'a>(
    questionnaire: &'a Questionnaire,
    assessment: &'a Assessment,
    trainer: &'a TrainerRow,
) -> AssessmentRecord<'a> {
    let summary = assessment::summarise(questionnaire, &assessment.answers);
    let scores = questionnaire
        .criteria
        .iter()
        .zip(&summary.criterion_scores)
        .map(|(criterion, score)| (criterion.key.as_str(), score.map(one_decimal)))
        .collect();
    let mut warnings: Vec<String> = summary.warnings.into_iter().map(|w| w.key).collect();
    // A pattern such as "any criterion at most 2" fires once per weak criterion, one after the
    // other; the export names each pattern once.
    warnings.dedup();
    let review = assessment.review.as_ref();
    AssessmentRecord {
        assessment_id: assessment.id.0,
        trainer_name: &trainer.trainer.fields.name,
        trainer_email: &trainer.trainer.fields.email,
        account: &trainer.account_name,
        started_on: assessment.started_on,
        state: assessment.state.as_str(),
        submitted_on: assessment.submitted_on,
        reviewer: review.map(|review| review.reviewer.as_str()),
        reviewed_on: review.map(|review| review.reviewed_on),
        review_note: review.map(|review| review.note.as_str()),
        scores: Scores(scores),
        overall: summary.overall.map(one_decimal),
        recommendation: summary
            .recommendation
            .map(assessment::Recommendation::as_str),
        warnings,
    }
}

/// A score as the app shows it, with one decimal, so the export and the screen agree.
fn one_decimal(score: f64) -> f64 {
    format!("{score:.1}").parse().unwrap_or(score)
}

fn csv_of(
    questionnaire: &Questionnaire,
    records: &[AssessmentRecord<'_>],
) -> anyhow::Result<Vec<u8>> {
    let mut header = vec![
        "assessment_id",
        "trainer_name",
        "trainer_email",
        "account",
        "started_on",
        "state",
        "submitted_on",
        "reviewer",
        "reviewed_on",
        "review_note",
    ];
    header.extend(
        questionnaire
            .criteria
            .iter()
            .map(|criterion| criterion.key.as_str()),
    );
    header.extend(["overall", "recommendation", "warnings"]);
    csv_table(&header, records.iter().map(csv_row))
}

/// A CSV file: `header`, then one line per row with every cell [`neutralised`].
fn csv_table(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.into_iter().map(neutralised))?;
    }
    writer
        .into_inner()
        .map_err(|error| anyhow!("cannot finish the CSV: {}", error.error()))
}

fn csv_row(record: &AssessmentRecord<'_>) -> Vec<String> {
    let score = |score: Option<f64>| score.map(|score| format!("{score:.1}")).unwrap_or_default();
    let mut row = vec![
        record.assessment_id.to_string(),
        record.trainer_name.to_string(),
        record.trainer_email.to_string(),
        record.account.to_string(),
        record.started_on.to_string(),
        record.state.to_string(),
        date_cell(record.submitted_on),
        record.reviewer.unwrap_or_default().to_string(),
        date_cell(record.reviewed_on),
        record.review_note.unwrap_or_default().to_string(),
    ];
    row.extend(record.scores.0.iter().map(|(_, value)| score(*value)));
    row.push(score(record.overall));
    row.push(record.recommendation.unwrap_or_default().to_string());
    row.push(record.warnings.join(";"));
    row
}

/// A date as a CSV cell: ISO, or empty when there is none.
fn date_cell(date: Option<NaiveDate>) -> String {
    date.map(|date| date.to_string()).unwrap_or_default()
}

/// A cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, or a leading tab or carriage return
/// that hides one) gets a leading `'`, which makes it plain text.
///
/// `t3 import` takes that `'` off again, so `=HYPERLINK(..)` exports as `'=HYPERLINK(..)` and
/// imports back as `=HYPERLINK(..)`: stored as the text it is, never evaluated. A value that
/// itself starts with `'` and then one of those characters loses its `'` on the way back.
pub(crate) fn neutralised(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A JSON array of `records`, pretty-printed and ending in a newline. Nothing is neutralised:
/// JSON is read by programs, which get exactly what was typed.
fn json_of<T: Serialize>(records: &[T]) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(records)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Refuses an output path that is the database itself: an export must never replace it.
pub(super) fn refuse_database(out: &Path, database: &Path) -> anyhow::Result<()> {
    let same = match (fs::canonicalize(out), fs::canonicalize(database)) {
        (Ok(out), Ok(database)) => out == database,
        _ => false,
    };
    if same {
        bail!(
            "--out {} is the database itself; choose another file",
            out.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_cells_are_neutralised() {
        let cases = [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Ana Costa", "Ana Costa"),
            ("a=b", "a=b"),
            ("", ""),
            ("3.7", "3.7"),
        ];
        for (cell, expected) in cases {
            assert_eq!(neutralised(cell.to_string()), expected, "{cell:?}");
        }
    }

    #[test]
    fn scores_round_as_the_app_shows_them() {
        for (score, expected) in [
            (11.0 / 3.0, 3.7),
            (2.25, 2.2),
            (4.0, 4.0),
            (13.0 / 3.0, 4.3),
        ] {
            assert!((one_decimal(score) - expected).abs() < 1e-9, "{score}");
        }
    }
}
