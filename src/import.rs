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
use std::collections::hash_map::Entry;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::FieldError;
use crate::store::{Store, StoreError};
use plan::{Basis, Plan, Planned, Tally};
pub use reader::FileError;
use reader::{Columns, ReadError, Row, Rows, ShapeError, Source};

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

/// Imports the file at `path` into `store`; see [`run_bytes`]. The file is read as it is
/// imported, never whole.
pub fn run(
    store: &mut Store,
    kind: Kind,
    path: &Path,
    dry_run: bool,
    today: NaiveDate,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    let file = path.display().to_string();
    let source = std::fs::File::open(path).map_err(|source| ImportError::Read {
        file: file.clone(),
        source,
    })?;
    run_source(
        store,
        kind,
        &file,
        Box::new(source),
        dry_run,
        today,
        progress,
    )
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
    let source = Box::new(std::io::Cursor::new(bytes));
    run_source(store, kind, file, source, dry_run, today, progress)
}

fn run_source(
    store: &mut Store,
    kind: Kind,
    file: &str,
    source: Box<dyn Source + '_>,
    dry_run: bool,
    today: NaiveDate,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    let read = Job {
        file,
        dry_run,
        today,
    };
    match kind {
        Kind::Accounts => import::<accounts::Accounts>(store, &read, source, progress),
        Kind::Trainers => import::<trainers::Trainers>(store, &read, source, progress),
        Kind::Snapshots => import::<snapshots::Snapshots>(store, &read, source, progress),
        Kind::Certifications => {
            import::<certifications::Certifications>(store, &read, source, progress)
        }
        Kind::Attendance => import::<attendance::AttendanceMarks>(store, &read, source, progress),
        Kind::Sessions => import_sessions(store, &read, source, progress),
        Kind::Releases => import::<releases::Releases>(store, &read, source, progress),
        Kind::Materials => import::<materials::Materials>(store, &read, source, progress),
        Kind::Triage => import::<triage::Triage>(store, &read, source, progress),
    }
}

/// What every import of one file is told: the file's name for messages, whether to write,
/// and the day that bounds dates.
struct Job<'a> {
    file: &'a str,
    dry_run: bool,
    today: NaiveDate,
}

impl Job<'_> {
    fn failed(&self, error: ReadError) -> ImportError {
        match error {
            ReadError::Io(source) => ImportError::Read {
                file: self.file.to_string(),
                source,
            },
            ReadError::File(problem) => self.refused(problem),
        }
    }

    fn refused(&self, problem: FileError) -> ImportError {
        ImportError::File {
            file: self.file.to_string(),
            problem,
        }
    }

    /// Every problem found, by line, as one refusal.
    fn rejected(&self, mut errors: Vec<RowError>) -> ImportError {
        errors.sort_by_key(|error| error.line);
        ImportError::Rejected {
            file: self.file.to_string(),
            errors,
        }
    }

    fn report(&self, kind: Kind, rows: usize, planned: &Planned, columns: Columns) -> Report {
        let Tally {
            added,
            updated,
            unchanged,
        } = planned.tally;
        tracing::info!(
            kind = kind.as_str(),
            dry_run = self.dry_run,
            added,
            updated,
            unchanged,
            "import done"
        );
        Report {
            kind,
            file: self.file.to_string(),
            dry_run: self.dry_run,
            rows,
            added,
            updated,
            unchanged,
            syncs_created: planned.syncs_created,
            ignored_columns: columns.ignored,
        }
    }
}

/// The rows of a file and the columns its header names for kind `S`.
fn open<'a, S: Spec>(
    read: &Job<'_>,
    source: Box<dyn Source + 'a>,
) -> Result<(Rows<Box<dyn Source + 'a>>, Columns), ImportError> {
    let rows = Rows::open(source).map_err(|error| read.failed(error))?;
    let columns = Columns::match_header(S::KIND.as_str(), &rows.header, S::COLUMNS, S::OPTIONAL)
        .map_err(|problem| read.refused(problem))?;
    Ok((rows, columns))
}

/// Imports a kind whose files are small by nature: every row is read and checked, then
/// matched with the whole basis and written.
fn import<S: Spec>(
    store: &mut Store,
    read: &Job<'_>,
    source: Box<dyn Source + '_>,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    let (mut rows, columns) = open::<S>(read, source)?;
    progress.stage("checking", rows.lines);
    let mut checker = Checker::<S>::new(rows.lines);
    let mut records = Vec::new();
    while let Some(next) = rows.next_row().map_err(|error| read.failed(error))? {
        records.extend(checker.check(next, &columns, read.today, progress));
    }
    let Checker {
        mut errors,
        rows: read_rows,
        ..
    } = checker;
    let decide = |basis: &Basis| {
        let planned = S::plan(records, basis, &mut errors);
        if errors.is_empty() {
            Ok(planned)
        } else {
            Err(read.rejected(std::mem::take(&mut errors)))
        }
    };
    let planned = if read.dry_run {
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
    Ok(read.report(S::KIND, read_rows, &planned, columns))
}

/// How many rows of a sessions file are matched with the database at a time: enough that a
/// chunk's lookups and writes dwarf the cost of starting them, few enough to hold.
const CHUNK_ROWS: usize = 4096;

/// Imports sessions, which a database holds by the million, a chunk of rows at a time inside
/// the one transaction: each chunk is matched with just the sessions held by its trainers on
/// its days, and written while no row so far has a problem. After the first problem the
/// remaining rows are still checked, so that every one is reported, and nothing is kept.
fn import_sessions(
    store: &mut Store,
    read: &Job<'_>,
    source: Box<dyn Source + '_>,
    progress: &mut dyn Progress,
) -> Result<Report, ImportError> {
    type S = sessions::Sessions;
    let (mut rows, columns) = open::<S>(read, source)?;
    progress.stage(
        if read.dry_run {
            "checking"
        } else {
            "importing"
        },
        rows.lines,
    );
    let mut checker = Checker::<S>::new(rows.lines);
    let tally = store.import_in_chunks(Kind::Sessions, read.dry_run, |chunked| {
        let trainers = chunked.trainers()?;
        let by_email: HashMap<String, &crate::domain::Trainer> = trainers
            .iter()
            .map(|trainer| (reader::key(&trainer.fields.email), trainer))
            .collect();
        let mut tally = Tally::default();
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        loop {
            let next = rows.next_row().map_err(|error| read.failed(error))?;
            let last = next.is_none();
            if let Some(next) = next {
                chunk.extend(checker.check(next, &columns, read.today, progress));
            }
            if chunk.len() == CHUNK_ROWS || (last && !chunk.is_empty()) {
                let days = sessions::days_of(&chunk, &by_email);
                let held = chunked.sessions_on(&days)?;
                let records = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS));
                let (changes, counted) =
                    sessions::plan_sessions(records, &by_email, &held, &mut checker.errors);
                tally.add(counted);
                if checker.errors.is_empty() && !read.dry_run {
                    chunked.write_sessions(&changes)?;
                }
            }
            if last {
                break;
            }
        }
        if checker.errors.is_empty() {
            Ok(tally)
        } else {
            Err(read.rejected(std::mem::take(&mut checker.errors)))
        }
    })?;
    progress.finish();
    let planned = Planned {
        plan: Plan::Sessions(Vec::new()),
        tally,
        syncs_created: 0,
    };
    Ok(read.report(Kind::Sessions, checker.rows, &planned, columns))
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

/// Checks rows one at a time: reads each with its kind, and refuses a key that an earlier
/// row of the file already used.
struct Checker<S: Spec> {
    /// A fingerprint of each key read so far, with the line it was on (a file of more than
    /// four billion lines names the last line it can). A fingerprint rather than the key keeps
    /// a file of a million rows to a few tens of megabytes.
    seen: HashMap<Fingerprint, u32, BuildFingerprint>,
    errors: Vec<RowError>,
    /// The rows read, misshapen ones not counted.
    rows: usize,
    spec: std::marker::PhantomData<S>,
}

impl<S: Spec> Checker<S> {
    /// A checker for a file of about `lines` lines.
    fn new(lines: u64) -> Self {
        let expected = usize::try_from(lines).unwrap_or(0);
        Self {
            seen: HashMap::with_capacity_and_hasher(expected, BuildFingerprint),
            errors: Vec::new(),
            rows: 0,
            spec: std::marker::PhantomData,
        }
    }

    /// The row as a record, or `None` with its problems added.
    fn check(
        &mut self,
        next: Result<Row, ShapeError>,
        columns: &Columns,
        today: NaiveDate,
        progress: &mut dyn Progress,
    ) -> Option<Numbered<S::Record>> {
        let row = match next {
            Ok(row) => row,
            Err(shape) => {
                self.errors.push(RowError {
                    line: shape.line,
                    column: None,
                    message: shape.message,
                });
                return None;
            }
        };
        if self.rows.is_multiple_of(PROGRESS_EVERY) {
            progress.advance(row.line);
        }
        self.rows += 1;
        match S::parse(columns, &row, today) {
            Ok(record) => match self.seen.entry(Fingerprint::of(&S::key(&record))) {
                Entry::Occupied(first) => {
                    self.errors.push(RowError {
                        line: row.line,
                        column: Some(S::KEY_COLUMN.to_string()),
                        message: format!(
                            "{} is on line {} too: a file gives each {} once",
                            S::describe(&record),
                            first.get(),
                            S::KIND.record_name()
                        ),
                    });
                    None
                }
                Entry::Vacant(vacant) => {
                    vacant.insert(u32::try_from(row.line).unwrap_or(u32::MAX));
                    Some(Numbered {
                        line: row.line,
                        record,
                    })
                }
            },
            Err(mut problems) => {
                problems.sort_by_key(|problem| {
                    S::COLUMNS
                        .iter()
                        .position(|column| *column == problem.field)
                });
                self.errors
                    .extend(problems.into_iter().map(|problem| RowError {
                        line: row.line,
                        column: Some(problem.field.to_string()),
                        message: problem.message,
                    }));
                None
            }
        }
    }
}

/// 96 bits of a key's hash. Two keys of a million-row file share one with a chance of about
/// one in 10^17, so a fingerprint met again is taken for the key met again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Fingerprint(u64, u32);

impl Fingerprint {
    fn of(key: &str) -> Self {
        use std::hash::{Hash, Hasher};
        // SipHash with fixed keys: the same key always gives the same fingerprint, and the
        // two halves are hashed apart so that they are independent.
        let half = |salt: u8| {
            let mut hasher = std::hash::DefaultHasher::new();
            salt.hash(&mut hasher);
            key.hash(&mut hasher);
            hasher.finish()
        };
        Self(half(1), half(2) as u32)
    }
}

/// Hashes a [`Fingerprint`] by its first half, already as even as a hash gets.
#[derive(Debug, Clone, Copy, Default)]
struct BuildFingerprint;

impl std::hash::BuildHasher for BuildFingerprint {
    type Hasher = FingerprintHasher;

    fn build_hasher(&self) -> FingerprintHasher {
        FingerprintHasher(0)
    }
}

#[derive(Debug, Clone, Copy)]
struct FingerprintHasher(u64);

impl std::hash::Hasher for FingerprintHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 ^= value;
    }

    fn write_u32(&mut self, value: u32) {
        self.0 ^= u64::from(value).rotate_left(32);
    }
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
        let mut checker = Checker::<S>::new(0);
        let records = table
            .rows
            .into_iter()
            .filter_map(|row| checker.check(Ok(row), &columns, today(), &mut Silent))
            .collect();
        (records, checker.errors)
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
