//! Importing CSV files: accounts, trainers, snapshots, certifications, Trainer Sync attendance,
//! training sessions, releases, materials and triage history, as CRMs, spreadsheets and
//! `t3 export` write them.
//!
//! A file is imported whole or not at all. Every row is read and checked first, without the
//! database ([`reader`] and one module per kind); the rows are then matched with what the
//! database holds by each kind's key and written in one transaction, so a file with any bad
//! row changes nothing and reports every bad row at once. A row that matches its record leaves
//! it alone, so importing a file twice changes nothing the second time.
//!
//! The keys: accounts by name, trainers by email (both case-insensitively), snapshots by
//! account and `as_of`, certifications by trainer and `certified_on`, attendance by sync date
//! and trainer, sessions by trainer, `held_on` and topic, releases by name, material versions by
//! title and version, triage actions by finding, action and moment.

mod accounts;
mod attendance;
mod certifications;
mod materials;
pub mod plan;
pub mod reader;
mod releases;
mod sessions;
mod snapshots;
mod trainers;
mod triage;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::FieldError;
use crate::store::{Store, StoreError};
use plan::{Basis, Planned, Tally};
pub use reader::FileError;
use reader::{Columns, Row, Table};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Accounts,
    Trainers,
    Snapshots,
    Certifications,
    Attendance,
    Sessions,
    Releases,
    Materials,
    Triage,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Self::Accounts,
        Self::Trainers,
        Self::Snapshots,
        Self::Certifications,
        Self::Attendance,
        Self::Sessions,
        Self::Releases,
        Self::Materials,
        Self::Triage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accounts => "accounts",
            Self::Trainers => "trainers",
            Self::Snapshots => "snapshots",
            Self::Certifications => "certifications",
            Self::Attendance => "attendance",
            Self::Sessions => "sessions",
            Self::Releases => "releases",
            Self::Materials => "materials",
            Self::Triage => "triage",
        }
    }

    /// The columns a file of this kind has, in the order `t3 export` writes them.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Accounts => accounts::Accounts::COLUMNS,
            Self::Trainers => trainers::Trainers::COLUMNS,
            Self::Snapshots => snapshots::Snapshots::COLUMNS,
            Self::Certifications => certifications::Certifications::COLUMNS,
            Self::Attendance => attendance::AttendanceMarks::COLUMNS,
            Self::Sessions => sessions::Sessions::COLUMNS,
            Self::Releases => releases::Releases::COLUMNS,
            Self::Materials => materials::Materials::COLUMNS,
            Self::Triage => triage::Triage::COLUMNS,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|kind| kind.as_str()).collect();
                format!(
                    "'{text}' is not something t3 imports ({})",
                    names.join(", ")
                )
            })
    }
}

/// What an import did, or would do on a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub kind: Kind,
    /// The file as the user named it.
    pub file: String,
    pub dry_run: bool,
    /// Data rows read (blank rows not counted).
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Trainer Syncs an attendance import created (held, on a day that had none).
    pub syncs_created: usize,
    /// Header cells that name no column of the kind, as written in the file.
    pub ignored_columns: Vec<String>,
}

impl Report {
    /// The report in words, a line each: what was (or would be) added, updated and left
    /// unchanged, the syncs created, and the columns ignored. The file name is as given; a
    /// caller that shows it in a terminal neutralises it first.
    pub fn lines(&self) -> Vec<String> {
        let what = self.kind.records();
        let counts = if self.dry_run {
            format!(
                "{} {what} would be added, {} updated, {} unchanged",
                self.added, self.updated, self.unchanged
            )
        } else {
            format!(
                "{} {what} added, {} updated, {} unchanged",
                self.added, self.updated, self.unchanged
            )
        };
        let mut lines = vec![format!("{}: {counts}", self.file)];
        if self.syncs_created > 0 {
            let syncs = if self.syncs_created == 1 {
                "1 Trainer Sync".to_string()
            } else {
                format!("{} Trainer Syncs", self.syncs_created)
            };
            let verb = if self.dry_run {
                "would be created"
            } else {
                "created"
            };
            lines.push(format!(
                "{syncs} {verb} as held for dates that had none (16:00 UTC, an hour; correct \
                 them on the Syncs tab)"
            ));
        }
        if !self.ignored_columns.is_empty() {
            lines.push(format!(
                "columns ignored (t3 does not read them for {}): {}",
                self.kind,
                self.ignored_columns.join(", ")
            ));
        }
        if self.dry_run {
            lines.push("dry run: nothing was written".to_string());
        }
        lines
    }
}

/// One thing wrong with one row of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },

    #[error("{file} {problem}; nothing was imported")]
    File { file: String, problem: FileError },

    #[error("{file} was refused: {}; nothing was imported", rows_summary(errors))]
    Rejected { file: String, errors: Vec<RowError> },

    #[error("{0}")]
    Store(#[from] StoreError),
}

fn rows_summary(errors: &[RowError]) -> String {
    let mut lines: Vec<u64> = errors.iter().map(|error| error.line).collect();
    lines.dedup();
    let rows = lines.len();
    let problems = errors.len();
    match (rows, problems) {
        (1, 1) => "1 row has a problem".to_string(),
        (1, _) => format!("1 row has {problems} problems"),
        _ => format!("{rows} rows have {problems} problems"),
    }
}

/// Told how far an import has got, so that a person watching a large file sees it move. The
/// library draws nothing itself.
pub trait Progress {
    /// A stage of `total` steps begins: "checking" the rows, "writing" the changes.
    fn stage(&mut self, name: &'static str, total: u64);
    /// `done` of the stage's steps are done.
    fn advance(&mut self, done: u64);
    fn finish(&mut self);
}

/// No progress to show: tests, the app's popup.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn stage(&mut self, _: &'static str, _: u64) {}
    fn advance(&mut self, _: u64) {}
    fn finish(&mut self) {}
}

/// How often (in rows) progress is reported: often enough to move a bar, rarely enough to
/// cost nothing.
const PROGRESS_EVERY: usize = 2048;

/// Imports the file at `path` into `store`; see [`run_bytes`].
pub fn run(
    store: &mut Store,
    kind: Kind,
    path: &Path,
    dry_run: bool,
    today: NaiveDate,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        file: file.clone(),
        source,
    })?;
    run_bytes(store, kind, &file, &bytes, dry_run, today, progress)
}

/// Imports `bytes` (the file named `file` in messages) into `store` as records of `kind`, as
/// one transaction; on a dry run nothing is written and the report says what would be. A
/// store opened read-only can take dry runs.
///
/// `today` bounds the dates of things that must already have happened: sessions held,
/// certifications granted, syncs attended.
pub fn run_bytes(
    store: &mut Store,
    kind: Kind,
    file: &str,
    bytes: &[u8],
    dry_run: bool,
    today: NaiveDate,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    match kind {
        Kind::Accounts => {
            import::<accounts::Accounts>(store, file, bytes, dry_run, today, progress)
        }
        Kind::Trainers => {
            import::<trainers::Trainers>(store, file, bytes, dry_run, today, progress)
        }
        Kind::Snapshots => {
            import::<snapshots::Snapshots>(store, file, bytes, dry_run, today, progress)
        }
        Kind::Certifications => {
            import::<certifications::Certifications>(store, file, bytes, dry_run, today, progress)
        }
        Kind::Attendance => {
            import::<attendance::AttendanceMarks>(store, file, bytes, dry_run, today, progress)
        }
        Kind::Sessions => {
            import::<sessions::Sessions>(store, file, bytes, dry_run, today, progress)
        }
        Kind::Releases => {
            import::<releases::Releases>(store, file, bytes, dry_run, today, progress)
        }
        Kind::Materials => {
            import::<materials::Materials>(store, file, bytes, dry_run, today, progress)
        }
        Kind::Triage => import::<triage::Triage>(store, file, bytes, dry_run, today, progress),
    }
}

/// A row read and checked, with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbered<T> {
    pub line: u64,
    pub record: T,
}

/// What one kind of import knows: its columns, how one row reads, what identifies a record,
/// and how the rows compare with the database.
trait Spec {
    /// A row as read, before it is matched with the database (accounts and trainers still by
    /// name and email).
    type Record;
    const KIND: Kind;
    const COLUMNS: &'static [&'static str];
    /// Columns a file may leave out.
    const OPTIONAL: &'static [&'static str] = &[];
    /// The column a repeated key is reported on.
    const KEY_COLUMN: &'static str;

    /// One row, every problem reported by its column.
    fn parse(
        columns: &Columns,
        row: &Row,
        today: NaiveDate,
    ) -> Result<Self::Record, Vec<FieldError>>;

    /// What identifies the record within its kind, folded as keys are matched.
    fn key(record: &Self::Record) -> String;

    /// The record's key in words, for the message about a repeated one.
    fn describe(record: &Self::Record) -> String;

    /// Matches the rows with `basis`: what to write, and the rows that name something the
    /// database does not hold.
    fn plan(
        records: Vec<Numbered<Self::Record>>,
        basis: &Basis,
        errors: &mut Vec<RowError>,
    ) -> Planned;
}

fn import<S: Spec>(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    dry_run: bool,
    today: NaiveDate,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    let refused = |problem| ImportError::File {
        file: file.to_string(),
        problem,
    };
    let (table, shape_errors) = reader::read(bytes).map_err(refused)?;
    let columns = Columns::match_header(S::KIND.as_str(), &table.header, S::COLUMNS, S::OPTIONAL)
        .map_err(refused)?;
    let (records, mut errors) = check::<S>(&table, &columns, today, progress);
    errors.extend(shape_errors.into_iter().map(|shape| RowError {
        line: shape.line,
        column: None,
        message: shape.message,
    }));
    let decide = |basis: &Basis| {
        let planned = S::plan(records, basis, &mut errors);
        if errors.is_empty() {
            Ok(planned)
        } else {
            errors.sort_by_key(|error| error.line);
            Err(ImportError::Rejected {
                file: file.to_string(),
                errors: std::mem::take(&mut errors),
            })
        }
    };
    let planned = if dry_run {
        decide(&store.import_basis(S::KIND)?)?
    } else {
        let mut tick = |done: usize, total: usize| {
            if done == 0 {
                progress.stage("writing", total as u64);
            } else {
                progress.advance(done as u64);
            }
        };
        store.import(S::KIND, decide, &mut tick)?
    };
    progress.finish();
    let Tally {
        added,
        updated,
        unchanged,
    } = planned.tally;
    let report = Report {
        kind: S::KIND,
        file: file.to_string(),
        dry_run,
        rows: table.rows.len(),
        added,
        updated,
        unchanged,
        syncs_created: planned.syncs_created,
        ignored_columns: columns.ignored,
    };
    tracing::info!(
        kind = S::KIND.as_str(),
        dry_run,
        added,
        updated,
        unchanged,
        "import done"
    );
    Ok(report)
}

/// Reads every row, and refuses a key that an earlier row of the file already used.
fn check<S: Spec>(
    table: &Table,
    columns: &Columns,
    today: NaiveDate,
    progress: &mut dyn Progress,
) -> (Vec<Numbered<S::Record>>, Vec<RowError>) {
    progress.stage("checking", table.rows.len() as u64);
    let mut records = Vec::with_capacity(table.rows.len());
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::with_capacity(table.rows.len());
    for (done, row) in table.rows.iter().enumerate() {
        if done % PROGRESS_EVERY == 0 {
            progress.advance(done as u64);
        }
        match S::parse(columns, row, today) {
            Ok(record) => {
                if let Some(first) = seen.get(&S::key(&record)) {
                    errors.push(RowError {
                        line: row.line,
                        column: Some(S::KEY_COLUMN.to_string()),
                        message: format!(
                            "{} is on line {first} too: a file gives each {} once",
                            S::describe(&record),
                            S::KIND.record_name()
                        ),
                    });
                } else {
                    seen.insert(S::key(&record), row.line);
                    records.push(Numbered {
                        line: row.line,
                        record,
                    });
                }
            }
            Err(mut problems) => {
                problems.sort_by_key(|problem| {
                    S::COLUMNS
                        .iter()
                        .position(|column| *column == problem.field)
                });
                errors.extend(problems.into_iter().map(|problem| RowError {
                    line: row.line,
                    column: Some(problem.field.to_string()),
                    message: problem.message,
                }));
            }
        }
    }
    progress.advance(table.rows.len() as u64);
    (records, errors)
}

impl Kind {
    /// The kind's records, in words: what the report counts.
    pub fn records(self) -> &'static str {
        match self {
            Self::Attendance => "attendance marks",
            Self::Materials => "material versions",
            Self::Triage => "triage actions",
            other => other.as_str(),
        }
    }

    /// One record of the kind, in words.
    fn record_name(self) -> &'static str {
        match self {
            Self::Accounts => "account",
            Self::Trainers => "trainer",
            Self::Snapshots => "account's snapshot of a day",
            Self::Certifications => "certification",
            Self::Attendance => "trainer's attendance at a sync",
            Self::Sessions => "session",
            Self::Releases => "release",
            Self::Materials => "material version",
            Self::Triage => "triage action",
        }
    }
}

/// The value of a cell that reads, or `None` with its problem added to `errors`.
fn keep<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|error| errors.push(error)).ok()
}

/// A row naming an account the database does not hold.
fn unknown_account(line: u64, name: &str) -> RowError {
    RowError {
        line,
        column: Some("account".to_string()),
        message: format!("no account named '{name}': import or add it first"),
    }
}

/// A row naming a trainer, by email, the database does not hold.
fn unknown_trainer(line: u64, email: &str) -> RowError {
    RowError {
        line,
        column: Some("email".to_string()),
        message: format!("no trainer with the email {email}: import or add the trainer first"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day the kinds' unit tests take as today.
    pub(super) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default()
    }

    /// The rows of `text` as kind `S` reads them, with every problem found without a database.
    pub(super) fn parse_rows<S: Spec>(text: &str) -> (Vec<Numbered<S::Record>>, Vec<RowError>) {
        let (table, shape) = reader::read(text.as_bytes()).unwrap();
        assert_eq!(shape, [], "{text}");
        let columns =
            Columns::match_header(S::KIND.as_str(), &table.header, S::COLUMNS, S::OPTIONAL)
                .unwrap();
        check::<S>(&table, &columns, today(), &mut Silent)
    }

    /// The plan for `text` against `basis`, with every problem found.
    pub(super) fn plan_rows<S: Spec>(text: &str, basis: &Basis) -> (Planned, Vec<RowError>) {
        let (records, mut errors) = parse_rows::<S>(text);
        let planned = S::plan(records, basis, &mut errors);
        (planned, errors)
    }

    /// Where each problem is: its line and column, as a refusal names them.
    pub(super) fn placed(errors: &[RowError]) -> Vec<(u64, String)> {
        errors
            .iter()
            .map(|error| (error.line, error.column.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn kinds_read_back_from_their_names() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
        }
        assert!("notes".parse::<Kind>().is_err());
    }

    #[test]
    fn the_refusal_counts_rows_and_problems() {
        let error = |line| RowError {
            line,
            column: None,
            message: String::new(),
        };
        assert_eq!(rows_summary(&[error(2)]), "1 row has a problem");
        assert_eq!(rows_summary(&[error(2), error(2)]), "1 row has 2 problems");
        assert_eq!(
            rows_summary(&[error(2), error(2), error(5)]),
            "2 rows have 3 problems"
        );
    }
}
