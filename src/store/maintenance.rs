//! Keeping the file safe: an online backup that is consistent while another t3 writes, and a
//! check of the file's integrity and foreign keys.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::{Store, StoreError, migrations, open, protection};

/// How long a backup waits for a busy source before giving up: 50 pauses of 100 ms.
const BUSY_WAITS: u32 = 50;
const BUSY_PAUSE: Duration = Duration::from_millis(100);

/// What `t3 check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub schema_version: u32,
    pub supported_version: u32,
    /// Every problem found, in words; empty when the file is sound.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    /// Copies the database at `source` to `dest` with SQLite's online backup, reading one
    /// consistent state of the file even while another connection is writing to it. The copy is
    /// made in a file beside `dest` and renamed into place, so an interrupted backup never
    /// leaves half a file, and it is readable by its owner only, like the database.
    pub fn backup(source: &Path, dest: &Path) -> Result<(), StoreError> {
        if !source.exists() {
            return Err(StoreError::Missing {
                path: source.to_path_buf(),
            });
        }
        open::check_header(source)?;
        let conn = protection::reading(source)?;
        copy_into(&conn, dest)
    }

    /// Runs SQLite's integrity and foreign-key checks on the file at `path`, opened read-only.
    /// A file SQLite cannot read at all is reported as a problem, not as an error, since saying
    /// so is the check's whole purpose.
    pub fn check(path: &Path) -> Result<CheckReport, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        open::check_header(path)?;
        let supported_version = migrations::latest_schema_version();
        let conn = protection::reading(path)?;
        let mut report = CheckReport {
            schema_version: 0,
            supported_version,
            problems: Vec::new(),
        };
        match conn.pragma_query_value(None, "user_version", |row| row.get::<_, u32>(0)) {
            Ok(version) => report.schema_version = version,
            Err(error) => {
                report
                    .problems
                    .push(format!("cannot read the schema version: {error}"));
                return Ok(report);
            }
        }
        if report.schema_version > supported_version {
            report.problems.push(format!(
                "schema version {} comes from a newer t3 (this one knows up to {supported_version})",
                report.schema_version
            ));
        }
        match integrity(&conn) {
            Ok(problems) => report.problems.extend(problems),
            Err(error) => report
                .problems
                .push(format!("integrity check failed: {error}")),
        }
        match foreign_keys(&conn) {
            Ok(problems) => report.problems.extend(problems),
            Err(error) => report
                .problems
                .push(format!("foreign-key check failed: {error}")),
        }
        Ok(report)
    }
}

impl Store {
    /// SQLite's quicker structural check (every page and index entry, without matching
    /// indexes to their tables) on its own read-only connection to the file at `path`: the
    /// app runs it beside the first screen, which reads only that screen's tables, so damage
    /// elsewhere in the file is still found at start-up. A damaged file is `Err(Damaged)`.
    pub fn quick_check(path: &Path) -> Result<(), StoreError> {
        let conn = protection::reading(path)?;
        let mut statement = conn.prepare("PRAGMA quick_check")?;
        let lines = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<String>, _>>()?;
        match lines.into_iter().find(|line| line != "ok") {
            None => Ok(()),
            Some(problem) => Err(StoreError::Damaged(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(problem),
            ))),
        }
    }
}

/// Copies what `conn` reads into a new file at `dest`, through a file beside it.
pub(super) fn copy_into(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let create_error = |source| StoreError::Create {
        path: dest.to_path_buf(),
        source,
    };
    let name = dest.file_name().ok_or_else(|| {
        create_error(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path names no file",
        ))
    })?;
    let folder = dest
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let partial = folder.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        std::process::id()
    ));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&partial)
        .map_err(create_error)?;
    let copied = copy_pages(conn, &partial).and_then(|()| {
        fs::File::open(&partial)
            .and_then(|file| file.sync_all())
            .and_then(|()| fs::rename(&partial, dest))
            .map_err(create_error)
    });
    if copied.is_err() {
        // The partial copy is ours and useless; the copy's error is the one to report.
        let _ = fs::remove_file(&partial);
    }
    copied
}

fn copy_pages(conn: &Connection, partial: &Path) -> Result<(), StoreError> {
    let mut copy = Connection::open(partial)?;
    {
        // All pages in one step (-1): the source is read in one transaction, so the copy is one
        // consistent state of the file however busy another writer is. A busy source is waited
        // for a little, as the busy timeout would.
        let backup = Backup::new(conn, &mut copy)?;
        let mut waits = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked if waits < BUSY_WAITS => {
                    waits += 1;
                    std::thread::sleep(BUSY_PAUSE);
                }
                StepResult::Busy | StepResult::Locked => {
                    return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("the database stayed locked for the whole backup".to_string()),
                    )));
                }
                // More pages to copy (the enum may grow; anything else means go on).
                _ => {}
            }
        }
    }
    // The copy keeps its own journal: a backup is a file to keep, not one t3 works in.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

fn integrity(conn: &Connection) -> Result<Vec<String>, rusqlite::Error> {
    let mut statement = conn.prepare("PRAGMA integrity_check")?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    let lines: Vec<String> = rows.collect::<Result<_, _>>()?;
    Ok(lines
        .into_iter()
        .filter(|line| line != "ok")
        .map(|line| format!("integrity: {line}"))
        .collect())
}

fn foreign_keys(conn: &Connection) -> Result<Vec<String>, rusqlite::Error> {
    let mut statement = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = statement.query_map([], |row| {
        Ok(format!(
            "foreign key: row {} of {} points at a missing {}",
            row.get::<_, Option<i64>>(1)?
                .map_or_else(|| "?".to_string(), |id| id.to_string()),
            row.get::<_, String>(0)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    rows.collect()
}

/// Where the backup taken before migrating `path` from schema `from` goes: beside it, named
/// for the version it holds, never over an earlier backup.
pub(super) fn migration_backup_path(path: &Path, from: u32) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "t3.db".to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let mut candidate = path.with_file_name(format!("{name}.schema-{from}.bak"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.schema-{from}.{n}.bak"));
        n += 1;
    }
    candidate
}
