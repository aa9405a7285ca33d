//! The only place that speaks SQL: opening the file safely, migrations, and turning rows into
//! domain types.
//!
//! Screens and rules call functions that take and return domain values, so a second store (a
//! server database for a whole team) can later stand beside this one without touching them.

mod accounts;
mod assessments;
mod bulk;
mod bulk_load;
mod certifications;
mod error;
mod import;
mod maintenance;
mod metrics;
mod migrations;
mod notes;
mod open;
mod practicums;
mod program;
pub use program::NamedSession;
#[cfg(test)]
pub(crate) mod fixtures;
mod protection;
mod risk;
mod sessions;
mod snapshots;
mod syncs;
mod trainers;
mod triage;
mod undo;
#[cfg(test)]
mod whole_reads_tests;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::domain::validation::plain_iso_date;

pub use bulk::StatusMoves;
pub use bulk_load::BulkLoad;
pub use error::StoreError;
pub(crate) use error::sqlite_words;
pub use maintenance::CheckReport;
pub use migrations::latest_schema_version;
pub use undo::UndoStep;

/// An open t3 database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// The backup written before this opening migrated the file, if it did.
    migration_backup: Option<PathBuf>,
}

impl Store {
    /// Opens the database at `path` for reading and writing, creating it (mode 0600, folder
    /// included) when it does not exist, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let (conn, migration_backup) = open::read_write(path)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            read_only: false,
            migration_backup,
        })
    }

    /// Opens an existing database for commands that only read: the file, its schema and its
    /// modification time are left exactly as they were.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let conn = open::read_only(path)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            read_only: true,
            migration_backup: None,
        })
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn in_memory() -> Result<Self, StoreError> {
        let conn = open::in_memory()?;
        Ok(Self {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
            migration_backup: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the copy of the file from before this opening's migration was written, if the
    /// schema was migrated.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.migration_backup.as_deref()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// A number that changes whenever another connection commits to the file, so the app can
    /// notice a second t3 process's work and reload.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }

    /// Runs one user action as one transaction.
    ///
    /// The transaction is begun IMMEDIATE: a deferred one that later writes does not wait out
    /// the busy timeout and fails at once with "database is locked" when another t3 process is
    /// writing.
    fn write<T>(
        &mut self,
        action: &'static str,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx).inspect_err(|error| {
            tracing::warn!(action, error = error.log_summary(), "write failed");
        })?;
        tx.commit()?;
        tracing::info!(action, "committed");
        Ok(value)
    }

    /// Starts a batch of inserts that commit together, for seeding and imports.
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Batch { tx })
    }
}

/// Several writes that land together or not at all.
pub struct Batch<'a> {
    tx: Transaction<'a>,
}

impl Batch<'_> {
    pub fn commit(self) -> Result<(), StoreError> {
        self.tx.commit()?;
        tracing::info!(action = "batch", "committed");
        Ok(())
    }
}

/// Reads a text column into a domain enum, reporting a value the enum does not know as a
/// conversion failure of that column rather than a panic.
fn parse_column<T>(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<T>
where
    T: std::str::FromStr<Err = String>,
{
    // Borrowed rather than copied into a `String`: whole-table reads parse a status on every
    // row. Anything but UTF-8 text goes the usual way, for the usual error.
    let parsed = match row.get_ref(index)? {
        ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => text.parse(),
            Err(_) => row.get::<_, String>(index)?.parse(),
        },
        _ => row.get::<_, String>(index)?.parse(),
    };
    parsed.map_err(|message: String| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            message.into(),
        )
    })
}

/// Reads a date column. The store writes dates as `YYYY-MM-DD`, read here digit by digit:
/// chrono's format-string parser, which rusqlite's own conversion uses, cost as much as the
/// rest of the row on whole-table reads. Anything else goes the usual way, so the result or
/// the error is the same as `row.get`'s.
fn date_column(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    match row.get_ref(index)? {
        ValueRef::Text(text) => match plain_iso_date(text) {
            Some(date) => Ok(date),
            None => row.get(index),
        },
        _ => row.get(index),
    }
}

/// [`date_column`] for a column that may be NULL.
fn optional_date_column(
    row: &rusqlite::Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<NaiveDate>> {
    match row.get_ref(index)? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(text) => match plain_iso_date(text) {
            Some(date) => Ok(Some(date)),
            None => row.get(index),
        },
        _ => row.get(index),
    }
}

/// A trainer's status as the file holds it now, read inside the transaction that will act on
/// it.
fn trainer_status(
    tx: &Transaction<'_>,
    trainer: crate::domain::TrainerId,
) -> Result<crate::domain::TrainerStatus, StoreError> {
    use rusqlite::OptionalExtension;
    let status: Option<String> = tx
        .query_row(
            "SELECT status FROM trainer WHERE id = ?1",
            [trainer.0],
            |row| row.get(0),
        )
        .optional()?;
    let status = status.ok_or(StoreError::NotFound {
        what: "trainer",
        id: trainer.0,
    })?;
    status.parse().map_err(|_| StoreError::StatusMove {
        from: status,
        to: "anything".to_string(),
    })
}

fn set_trainer_status(
    tx: &Transaction<'_>,
    trainer: crate::domain::TrainerId,
    status: crate::domain::TrainerStatus,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE trainer SET status = ?2 WHERE id = ?1",
        rusqlite::params![trainer.0, status.as_str()],
    )?;
    Ok(())
}
