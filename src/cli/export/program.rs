//! `t3 export sessions`, `releases` and `materials`: what trainers delivered, and how current
//! the materials they teach from are, for spreadsheets and scripts.
//!
//! Readiness and staleness are judged as the Releases view judges them (through
//! `domain::readiness`), so a file and the screen made on the same day agree.

use std::collections::HashMap;

use anyhow::anyhow;
use chrono::NaiveDate;
use serde::Serialize;

use super::{csv_table, date_cell, json_of};
use crate::cli::args::Format;
use crate::domain::program::{Material, Release};
use crate::domain::readiness::{ReadinessCounts, stale_materials};
use crate::store::Store;

/// Which of the program's records an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::cli) enum ProgramRecords {
    Sessions,
    Releases,
    Materials,
}

impl ProgramRecords {
    /// The records' name in messages and the log.
    pub(in crate::cli) fn as_str(self) -> &'static str {
        match self {
            Self::Sessions => "sessions",
            Self::Releases => "releases",
            Self::Materials => "materials",
        }
    }
}

const SESSION_HEADER: [&str; 7] = [
    "trainer",
    "email",
    "account",
    "held_on",
    "topic",
    "attendees",
    "duration_min",
];

const RELEASE_HEADER: [&str; 7] = [
    "name",
    "shipped_on",
    "summary",
    "touches_trained_workflows",
    "ready",
    "late",
    "missing",
];

const MATERIAL_HEADER: [&str; 6] = [
    "title",
    "kind",
    "version",
    "updated_for",
    "updated_on",
    "state",
];

/// One training session, with the people and place named.
#[derive(Debug, Serialize)]
struct SessionRecord<'a> {
    trainer: &'a str,
    email: &'a str,
    /// The account the session was held at, which stays put if the trainer later moves.
    account: &'a str,
    held_on: NaiveDate,
    topic: &'a str,
    attendees: u32,
    duration_min: u32,
}

/// One release with its materials counted; the counts are `None` for a release that touches
/// no trained workflow, since materials need not follow it.
#[derive(Debug, Serialize)]
struct ReleaseRecord<'a> {
    name: &'a str,
    shipped_on: NaiveDate,
    summary: &'a str,
    touches_trained_workflows: bool,
    ready: Option<usize>,
    late: Option<usize>,
    missing: Option<usize>,
}

/// One material as it stands now: its current version, and whether that has caught up with
/// the latest release trainers teach from.
#[derive(Debug, Serialize)]
struct MaterialRecord<'a> {
    title: &'a str,
    kind: &'static str,
    version: Option<&'a str>,
    updated_for: Option<&'a str>,
    updated_on: Option<NaiveDate>,
    /// `current` or `stale`.
    state: &'static str,
}

/// `records` from `store` in `format`, with the count; `today` decides which release the
/// materials are judged against.
pub(in crate::cli) fn program(
    store: &Store,
    records: ProgramRecords,
    today: NaiveDate,
    format: Format,
) -> anyhow::Result<(Vec<u8>, usize)> {
    match records {
        ProgramRecords::Sessions => sessions(store, format),
        ProgramRecords::Releases => releases(store, format),
        ProgramRecords::Materials => materials(store, today, format),
    }
}

/// Every training session, oldest first.
fn sessions(store: &Store, format: Format) -> anyhow::Result<(Vec<u8>, usize)> {
    let sessions = store.sessions()?;
    let trainers: HashMap<_, _> = store
        .trainer_rows()?
        .into_iter()
        .map(|row| (row.trainer.id, row.trainer.fields))
        .collect();
    let accounts: HashMap<_, _> = store
        .account_rows(NaiveDate::MIN)?
        .into_iter()
        .map(|row| (row.account.id, row.account.fields.name))
        .collect();
    let records = sessions
        .iter()
        .map(|session| {
            let trainer = trainers.get(&session.trainer).ok_or_else(|| {
                anyhow!(
                    "a session on {} belongs to trainer {}, who is not in the database",
                    session.held_on,
                    session.trainer.0
                )
            })?;
            let account = accounts.get(&session.account).ok_or_else(|| {
                anyhow!(
                    "a session on {} was held at account {}, which is not in the database",
                    session.held_on,
                    session.account.0
                )
            })?;
            Ok(SessionRecord {
                trainer: &trainer.name,
                email: &trainer.email,
                account,
                held_on: session.held_on,
                topic: &session.topic,
                attendees: session.attendees,
                duration_min: session.duration_minutes,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let bytes = match format {
        Format::Csv => csv_table(&SESSION_HEADER, records.iter().map(session_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

/// Every release in the order they shipped, with their materials counted.
fn releases(store: &Store, format: Format) -> anyhow::Result<(Vec<u8>, usize)> {
    let releases = store.releases()?;
    let materials = store.materials()?;
    let records: Vec<_> = releases
        .iter()
        .map(|release| release_record(release, &materials))
        .collect();
    let bytes = match format {
        Format::Csv => csv_table(&RELEASE_HEADER, records.iter().map(release_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

/// Every material by title, each judged against the latest trained release as of `today`.
fn materials(store: &Store, today: NaiveDate, format: Format) -> anyhow::Result<(Vec<u8>, usize)> {
    let releases = store.releases()?;
    let materials = store.materials()?;
    let stale = stale_materials(&materials, &releases, today)
        .map(|(_, stale)| stale)
        .unwrap_or_default();
    let records: Vec<_> = materials
        .iter()
        .map(|material| {
            let is_stale = stale.iter().any(|stale| stale.id == material.id);
            material_record(material, &releases, is_stale)
        })
        .collect();
    let bytes = match format {
        Format::Csv => csv_table(&MATERIAL_HEADER, records.iter().map(material_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

fn release_record<'a>(release: &'a Release, materials: &[Material]) -> ReleaseRecord<'a> {
    let counts = ReadinessCounts::of(release, materials);
    ReleaseRecord {
        name: &release.name,
        shipped_on: release.shipped_on,
        summary: &release.summary,
        touches_trained_workflows: release.touches_trained_workflows,
        ready: counts.map(|counts| counts.ready),
        late: counts.map(|counts| counts.late),
        missing: counts.map(|counts| counts.missing),
    }
}

fn material_record<'a>(
    material: &'a Material,
    releases: &'a [Release],
    is_stale: bool,
) -> MaterialRecord<'a> {
    let current = material.current();
    let updated_for = current
        .and_then(|version| version.updated_for)
        .and_then(|id| releases.iter().find(|release| release.id == id))
        .map(|release| release.name.as_str());
    MaterialRecord {
        title: &material.title,
        kind: material.kind.as_str(),
        version: current.map(|version| version.version.as_str()),
        updated_for,
        updated_on: current.map(|version| version.updated_on),
        state: if is_stale { "stale" } else { "current" },
    }
}

fn session_row(record: &SessionRecord<'_>) -> Vec<String> {
    vec![
        record.trainer.to_string(),
        record.email.to_string(),
        record.account.to_string(),
        record.held_on.to_string(),
        record.topic.to_string(),
        record.attendees.to_string(),
        record.duration_min.to_string(),
    ]
}

fn release_row(record: &ReleaseRecord<'_>) -> Vec<String> {
    let count = |count: Option<usize>| count.map(|count| count.to_string()).unwrap_or_default();
    vec![
        record.name.to_string(),
        record.shipped_on.to_string(),
        record.summary.to_string(),
        record.touches_trained_workflows.to_string(),
        count(record.ready),
        count(record.late),
        count(record.missing),
    ]
}

fn material_row(record: &MaterialRecord<'_>) -> Vec<String> {
    vec![
        record.title.to_string(),
        record.kind.to_string(),
        record.version.unwrap_or_default().to_string(),
        record.updated_for.unwrap_or_default().to_string(),
        date_cell(record.updated_on),
        record.state.to_string(),
    ]
}
