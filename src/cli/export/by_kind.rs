//! Every `t3 export` by its kind and format, for callers that hold the choice as data: the
//! app's `:export KIND FORMAT [PATH]` writes exactly what the subcommand writes.

use chrono::{DateTime, NaiveDate, Utc};

use crate::cli::args::Format;
use crate::domain::certification::PassMarks;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::risk::{Severity, Thresholds};
use crate::store::Store;

/// What `t3 export` can write, named as its subcommands are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Assessments,
    Certifications,
    Syncs,
    Findings,
    Sessions,
    Releases,
    Materials,
    Accounts,
    Trainers,
    Snapshots,
    Attendance,
}

/// The formats an export is written in; which ones a kind takes is [`ExportKind::formats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Ics,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Ics];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Ics => "ics",
        }
    }
}

impl ExportKind {
    pub const ALL: [ExportKind; 11] = [
        ExportKind::Accounts,
        ExportKind::Trainers,
        ExportKind::Snapshots,
        ExportKind::Certifications,
        ExportKind::Attendance,
        ExportKind::Sessions,
        ExportKind::Assessments,
        ExportKind::Findings,
        ExportKind::Syncs,
        ExportKind::Releases,
        ExportKind::Materials,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assessments => "assessments",
            Self::Certifications => "certifications",
            Self::Syncs => "syncs",
            Self::Findings => "findings",
            Self::Sessions => "sessions",
            Self::Releases => "releases",
            Self::Materials => "materials",
            Self::Accounts => "accounts",
            Self::Trainers => "trainers",
            Self::Snapshots => "snapshots",
            Self::Attendance => "attendance",
        }
    }

    /// The kind a typed word names, ignoring case.
    pub fn from_name(name: &str) -> Option<ExportKind> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(name))
    }

    /// The formats the subcommand takes for this kind: a calendar for syncs, else a
    /// spreadsheet's or a program's.
    pub fn formats(self) -> &'static [ExportFormat] {
        match self {
            Self::Syncs => &[ExportFormat::Ics],
            _ => &[ExportFormat::Csv, ExportFormat::Json],
        }
    }
}

/// What an export is judged against, from the app's or the command line's settings.
pub struct ExportSettings<'a> {
    pub today: NaiveDate,
    /// When a calendar says it was made.
    pub now: DateTime<Utc>,
    pub questionnaire: &'a Questionnaire,
    pub marks: PassMarks,
    pub thresholds: &'a Thresholds,
}

/// An export's bytes, how many records they hold, and the records that had to be left out,
/// each in words.
pub struct Exported {
    pub bytes: Vec<u8>,
    pub count: usize,
    pub left_out: Vec<String>,
}

/// Writes `kind` in `format` as `t3 export` would; a format the kind does not take is refused
/// with the ones it does.
pub fn export_kind(
    store: &Store,
    kind: ExportKind,
    format: ExportFormat,
    settings: &ExportSettings<'_>,
) -> anyhow::Result<Exported> {
    let table = match format {
        ExportFormat::Csv if kind != ExportKind::Syncs => Format::Csv,
        ExportFormat::Json if kind != ExportKind::Syncs => Format::Json,
        ExportFormat::Ics if kind == ExportKind::Syncs => {
            let export = super::syncs(store, settings.today, settings.now)?;
            return Ok(Exported {
                bytes: export.bytes,
                count: export.events,
                left_out: export.left_out,
            });
        }
        other => anyhow::bail!(
            "{} are not exported as {}: use {}",
            kind.as_str(),
            other.as_str(),
            names(kind.formats())
        ),
    };
    let (bytes, count) = match kind {
        ExportKind::Assessments => super::assessments(store, settings.questionnaire, table)?,
        ExportKind::Certifications => {
            super::certifications(store, settings.today, settings.marks, table)?
        }
        ExportKind::Findings => {
            let selection = super::Selection {
                today: settings.today,
                min_severity: Severity::Low,
                include_hidden: false,
            };
            let found = super::findings_of(store, settings.thresholds, selection)?;
            super::findings(&found, settings.today, table)?
        }
        ExportKind::Sessions => program(store, super::ProgramRecords::Sessions, settings, table)?,
        ExportKind::Releases => program(store, super::ProgramRecords::Releases, settings, table)?,
        ExportKind::Materials => program(store, super::ProgramRecords::Materials, settings, table)?,
        ExportKind::Accounts => super::accounts(store, table)?,
        ExportKind::Trainers => super::trainers(store, table)?,
        ExportKind::Snapshots => super::snapshots(store, table)?,
        ExportKind::Attendance => super::attendance(store, table)?,
        ExportKind::Syncs => anyhow::bail!("syncs are exported as ics"),
    };
    Ok(Exported {
        bytes,
        count,
        left_out: Vec::new(),
    })
}

fn program(
    store: &Store,
    records: super::ProgramRecords,
    settings: &ExportSettings<'_>,
    format: Format,
) -> anyhow::Result<(Vec<u8>, usize)> {
    super::program(store, records, settings.today, format)
}

/// `csv or json`, for messages.
pub fn names(formats: &[ExportFormat]) -> String {
    let names: Vec<&str> = formats.iter().map(|format| format.as_str()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_as_its_subcommand_and_takes_its_formats() {
        for kind in ExportKind::ALL {
            assert_eq!(ExportKind::from_name(kind.as_str()), Some(kind));
        }
        assert_eq!(
            ExportKind::from_name("Accounts"),
            Some(ExportKind::Accounts)
        );
        assert_eq!(ExportKind::from_name("notes"), None);
        assert_eq!(names(ExportKind::Syncs.formats()), "ics");
        assert_eq!(names(ExportKind::Trainers.formats()), "csv or json");
    }

    #[test]
    fn a_format_the_kind_does_not_take_is_refused_by_name() {
        let store = Store::in_memory().unwrap();
        let questionnaire = Questionnaire::embedded().unwrap();
        let thresholds = Thresholds::default();
        let settings = ExportSettings {
            today: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            now: Utc::now(),
            questionnaire: &questionnaire,
            marks: PassMarks::default(),
            thresholds: &thresholds,
        };
        let error = export_kind(&store, ExportKind::Syncs, ExportFormat::Csv, &settings)
            .err()
            .unwrap();
        assert_eq!(error.to_string(), "syncs are not exported as csv: use ics");
        let exported =
            export_kind(&store, ExportKind::Accounts, ExportFormat::Csv, &settings).unwrap();
        assert_eq!(exported.count, 0);
        assert!(exported.bytes.starts_with(b"name,"));
    }
}
