//! What can go wrong with the database, in words a user can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is not a t3 database (it is not an SQLite file); it was left unchanged", path.display())]
    NotADatabase { path: PathBuf },

    #[error(
        "{} was written by a newer t3 (schema version {found}; this t3 knows up to {supported}); \
         upgrade t3 to open it. The file was not touched",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error(
        "{} has schema version {found}, older than this t3's {supported}; open it once in the app \
         to upgrade it",
        path.display()
    )]
    OlderSchemaReadOnly {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error(
        "{} cannot be written ({reason}); open it with --readonly to browse it. Nothing was changed",
        path.display()
    )]
    WriteProtected { path: PathBuf, reason: &'static str },

    #[error("no database at {}", path.display())]
    Missing { path: PathBuf },

    #[error("cannot create {}: {source}", path.display())]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("an account named '{0}' already exists")]
    DuplicateAccountName(String),

    #[error("another trainer already uses {0}")]
    DuplicateTrainerEmail(String),

    #[error("a release named '{0}' already exists")]
    DuplicateReleaseName(String),

    #[error("a material titled '{0}' already exists")]
    DuplicateMaterialTitle(String),

    #[error("version {0} of this material is already recorded")]
    DuplicateMaterialVersion(String),

    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },

    #[error("a trainer who is {from} cannot be moved to {to}")]
    StatusMove { from: String, to: String },

    #[error("{0}")]
    Selection(#[from] crate::domain::assessment::SelectionError),

    #[error("{0}")]
    Certification(#[from] crate::domain::certification::CertificationError),

    #[error("{0}")]
    Practicum(#[from] crate::domain::practicum::PracticumError),

    #[error("Cannot {direction} '{label}': {reason}. Nothing was changed")]
    UndoRefused {
        direction: &'static str,
        label: String,
        reason: String,
    },

    #[error(
        "another t3 kept the database busy for {} seconds (a large import?); nothing was \
         changed: try again once it is done",
        super::open::BUSY_TIMEOUT.as_secs()
    )]
    /// Not a source: SQLite's "database is locked" would follow the message; the log has it.
    Busy(rusqlite::Error),

    /// Not a source either: SQLite's words are in the message once.
    #[error(
        "the database file is damaged ({}); nothing was changed: quit, and `t3 check` says what \
         is wrong",
        sqlite_words(.0)
    )]
    Damaged(rusqlite::Error),

    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),

    #[error("schema migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

/// What SQLite said, without its error code.
pub(crate) fn sqlite_words(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        other => other.to_string(),
    }
}

/// SQLite's "database is locked" means another process held the file longer than the busy
/// timeout, which a user can act on once told so in those words.
impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) => Self::Busy(error),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Self::Damaged(error)
            }
            _ => Self::Sqlite(error),
        }
    }
}

impl StoreError {
    /// What went wrong without the values involved, for the log: it records ids and kinds
    /// of failure, never the names or emails a user typed.
    pub fn log_summary(&self) -> String {
        match self {
            Self::DuplicateAccountName(_) => "duplicate account name".to_string(),
            Self::DuplicateTrainerEmail(_) => "duplicate trainer email".to_string(),
            Self::DuplicateReleaseName(_) => "duplicate release name".to_string(),
            Self::DuplicateMaterialTitle(_) => "duplicate material title".to_string(),
            Self::DuplicateMaterialVersion(_) => "duplicate material version".to_string(),
            Self::NotFound { what, id } => format!("{what} {id} not found"),
            Self::StatusMove { from, to } => format!("status move {from} -> {to} refused"),
            Self::Sqlite(error) | Self::Busy(error) | Self::Damaged(error) => {
                format!("sqlite: {error}")
            }
            Self::Migration(error) => format!("migration: {error}"),
            Self::UndoRefused { direction, .. } => format!("{direction} refused"),
            other => other.to_string(),
        }
    }

    /// Whether a SQLite error is a UNIQUE constraint, which the callers turn into a duplicate
    /// name or email message.
    pub(crate) fn is_unique_violation(error: &rusqlite::Error) -> bool {
        matches!(
            error,
            rusqlite::Error::SqliteFailure(failure, _)
                if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_file_is_said_in_words_a_user_can_act_on() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".to_string()),
        );
        let error = StoreError::from(busy);
        assert!(matches!(error, StoreError::Busy(_)));
        assert!(!error.to_string().contains("locked"), "{error}");
        assert!(error.to_string().contains("nothing was changed"), "{error}");
    }

    #[test]
    fn a_damaged_file_is_named_as_damaged_with_sqlite_words_once() {
        let corrupt = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some("database disk image is malformed".to_string()),
        );
        let text = StoreError::from(corrupt).to_string();
        assert_eq!(
            text,
            "the database file is damaged (database disk image is malformed); nothing was \
             changed: quit, and `t3 check` says what is wrong"
        );
    }
}
