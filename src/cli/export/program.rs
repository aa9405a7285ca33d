//! `t3 export sessions`, `releases` and `materials`: what trainers delivered, and how current
//! the materials they teach from are, for spreadsheets and scripts.
//!
//! Readiness and staleness are judged as the Releases view judges them (through
//! `domain::readiness`), so a file and the screen made on the same day agree. Releases and
//! materials start with the columns `t3 import` reads, a row per material version, so that
//! the file imports back unchanged; the judged columns after them are ignored on import.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::{csv_table, date_cell, json_of, neutralised};
use crate::cli::args::Format;
use crate::domain::program::{Material, MaterialVersion, Release};
use crate::domain::readiness::{ReadinessCounts, stale_materials};
use crate::import::Kind;
use crate::store::{NamedSession, Store};

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

/// What a release row adds after the columns `t3 import releases` reads.
const RELEASE_JUDGED: [&str; 3] = ["ready", "late", "missing"];

/// What a material row adds after the columns `t3 import materials` reads.
const MATERIAL_JUDGED: [&str; 1] = ["state"];

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

/// One version of a material (or a material with none yet), with whether the material has
/// caught up with the latest release trainers teach from.
#[derive(Debug, Serialize)]
struct MaterialRecord<'a> {
    title: &'a str,
    kind: &'static str,
    version: Option<&'a str>,
    updated_for: Option<&'a str>,
    updated_on: Option<NaiveDate>,
    /// The material's state, the same on each of its versions: `current` or `stale`.
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
    let mut bytes = Vec::new();
    let count = write_sessions(store, format, &mut bytes)?;
    Ok((bytes, count))
}

/// Writes every training session, oldest first, to `out` as it is read, byte for byte what
/// [`csv_table`] and [`json_of`] make of them all; the count written.
pub(in crate::cli) fn write_sessions(
    store: &Store,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<usize> {
    let mut count = 0;
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(SESSION_HEADER)?;
            store.each_named_session(|session| -> anyhow::Result<()> {
                let record = session_record(&session)?;
                writer.write_record(session_row(&record).into_iter().map(neutralised))?;
                count += 1;
                Ok(())
            })?;
            writer.flush()?;
        }
        Format::Json => {
            out.write_all(b"[")?;
            store.each_named_session(|session| -> anyhow::Result<()> {
                let record = session_record(&session)?;
                out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
                // A record pretty-printed alone, indented one level: what the whole array
                // pretty-printed holds. Strings escape their line breaks, so every line of it
                // is the record's own.
                let pretty = serde_json::to_string_pretty(&record)?;
                for (index, line) in pretty.lines().enumerate() {
                    if index > 0 {
                        out.write_all(b"\n")?;
                    }
                    out.write_all(b"  ")?;
                    out.write_all(line.as_bytes())?;
                }
                count += 1;
                Ok(())
            })?;
            out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
    }
    Ok(count)
}

/// A session as exported, or why it cannot be.
fn session_record<'a>(session: &NamedSession<'a>) -> anyhow::Result<SessionRecord<'a>> {
    let (Some(trainer), Some(email)) = (session.trainer_name, session.trainer_email) else {
        anyhow::bail!(
            "a session on {} belongs to trainer {}, who is not in the database",
            session.held_on,
            session.trainer.0
        );
    };
    let Some(account) = session.account_name else {
        anyhow::bail!(
            "a session on {} was held at account {}, which is not in the database",
            session.held_on,
            session.account.0
        );
    };
    Ok(SessionRecord {
        trainer,
        email,
        account,
        held_on: session.held_on,
        topic: session.topic,
        attendees: session.attendees,
        duration_min: session.duration_minutes,
    })
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
        Format::Csv => csv_table(
            &header(Kind::Releases, &RELEASE_JUDGED),
            records.iter().map(release_row),
        )?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

/// Every version of every material, by title and then oldest first, each material judged
/// against the latest trained release as of `today`.
fn materials(store: &Store, today: NaiveDate, format: Format) -> anyhow::Result<(Vec<u8>, usize)> {
    let releases = store.releases()?;
    let materials = store.materials()?;
    let stale = stale_materials(&materials, &releases, today)
        .map(|(_, stale)| stale)
        .unwrap_or_default();
    let records: Vec<_> = materials
        .iter()
        .flat_map(|material| {
            let is_stale = stale.iter().any(|stale| stale.id == material.id);
            material_records(material, &releases, is_stale)
        })
        .collect();
    let bytes = match format {
        Format::Csv => csv_table(
            &header(Kind::Materials, &MATERIAL_JUDGED),
            records.iter().map(material_row),
        )?,
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

/// A record per version of `material`, oldest first; one without a version when it has none.
fn material_records<'a>(
    material: &'a Material,
    releases: &'a [Release],
    is_stale: bool,
) -> Vec<MaterialRecord<'a>> {
    let record = |version: Option<&'a MaterialVersion>| MaterialRecord {
        title: &material.title,
        kind: material.kind.as_str(),
        version: version.map(|version| version.version.as_str()),
        updated_for: version
            .and_then(|version| version.updated_for)
            .and_then(|id| releases.iter().find(|release| release.id == id))
            .map(|release| release.name.as_str()),
        updated_on: version.map(|version| version.updated_on),
        state: if is_stale { "stale" } else { "current" },
    };
    if material.versions.is_empty() {
        vec![record(None)]
    } else {
        material
            .versions
            .iter()
            .map(|version| record(Some(version)))
            .collect()
    }
}

/// The columns `kind`'s import reads, then `judged`.
fn header(kind: Kind, judged: &[&'static str]) -> Vec<&'static str> {
    kind.columns().iter().chain(judged).copied().collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::program::TrainingSession;

    /// A store with one trainer at one account and `topics.len()` sessions, oldest last.
    fn store(topics: &[&str]) -> Store {
        let (mut store, account, trainer) =
            crate::store::fixtures::one_trainer("Kestrel, \"Insurance\"", "=Ana Costa");
        for (days, topic) in topics.iter().enumerate() {
            store
                .log_session(&TrainingSession {
                    trainer,
                    account,
                    held_on: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap()
                        - chrono::Days::new(days as u64),
                    topic: (*topic).to_string(),
                    attendees: 14,
                    duration_minutes: 60,
                })
                .unwrap();
        }
        store
    }

    /// The export as it was made before it streamed: every record gathered, then written whole.
    fn whole(store: &Store, format: Format) -> Vec<u8> {
        let mut named = Vec::new();
        store
            .each_named_session(|session| -> anyhow::Result<()> {
                named.push((
                    session.trainer_name.unwrap().to_string(),
                    session.trainer_email.unwrap().to_string(),
                    session.account_name.unwrap().to_string(),
                    session.held_on,
                    session.topic.to_string(),
                    session.attendees,
                    session.duration_minutes,
                ));
                Ok(())
            })
            .unwrap();
        let records: Vec<SessionRecord<'_>> = named
            .iter()
            .map(|named| SessionRecord {
                trainer: &named.0,
                email: &named.1,
                account: &named.2,
                held_on: named.3,
                topic: &named.4,
                attendees: named.5,
                duration_min: named.6,
            })
            .collect();
        match format {
            Format::Csv => csv_table(&SESSION_HEADER, records.iter().map(session_row)).unwrap(),
            Format::Json => json_of(&records).unwrap(),
        }
    }

    #[test]
    fn streamed_sessions_are_byte_for_byte_the_whole_export() {
        let topics = [
            "Reporting basics",
            "-3 tricks, \"quoted\"\nover two lines",
            "Überblick 📊",
            "@mention\ttabs",
        ];
        for topics in [&topics[..0], &topics[..1], &topics[..]] {
            let store = store(topics);
            for format in [Format::Csv, Format::Json] {
                let mut streamed = Vec::new();
                let count = write_sessions(&store, format, &mut streamed).unwrap();
                assert_eq!(count, topics.len());
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(whole(&store, format)).unwrap(),
                    "{format:?} of {} sessions",
                    topics.len()
                );
            }
        }
    }

    #[test]
    fn sessions_come_oldest_first() {
        let store = store(&["Newer", "Older"]);
        let (bytes, count) = sessions(&store, Format::Csv).unwrap();
        assert_eq!(count, 2);
        let text = String::from_utf8(bytes).unwrap();
        let older = text.find("Older").unwrap();
        assert!(older < text.find("Newer").unwrap(), "{text}");
    }
}
