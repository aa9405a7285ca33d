//! A database file SQLite finds damaged (truncated, overwritten), said plainly with what to do,
//! instead of SQLite's own words repeated down the error's chain.

use std::path::PathBuf;

use rusqlite::ErrorCode;

use super::{Cli, Command, Paths, env_database, export_database};
use crate::store::{StoreError, sqlite_words};

/// The message for an error that comes from a damaged file, or `None` for any other error.
pub(super) fn explain(error: &anyhow::Error, cli: &Cli, paths: &Paths) -> Option<String> {
    let sqlite = error.chain().find_map(|cause| {
        if let Some(StoreError::Damaged(sqlite)) = cause.downcast_ref::<StoreError>() {
            return Some(sqlite);
        }
        cause.downcast_ref::<rusqlite::Error>().filter(|sqlite| {
            matches!(
                sqlite.sqlite_error_code(),
                Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
            )
        })
    })?;
    Some(format!(
        "t3: {} is damaged ({}); it was left exactly as it was. `t3 check` lists what is \
         wrong; restore a backup, or copy out what still reads with `t3 export`",
        database(cli, paths).display(),
        sqlite_words(sqlite)
    ))
}

/// The file the command was run on.
fn database(cli: &Cli, paths: &Paths) -> PathBuf {
    match cli.command {
        Some(Command::Demo { .. }) => cli
            .db
            .clone()
            .or_else(env_database)
            .unwrap_or_else(|| paths.demo_database()),
        _ => export_database(cli, paths),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_damaged_file_is_explained() {
        let cli = <Cli as clap::Parser>::parse_from(["t3", "--db", "/tmp/x.db", "at-risk"]);
        let paths = Paths::discover();
        let damaged = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some("database disk image is malformed".to_string()),
        );
        let error = anyhow::Error::from(StoreError::from(damaged));
        let text = explain(&error, &cli, &paths).unwrap();
        assert!(text.starts_with("t3: /tmp/x.db is damaged ("), "{text}");
        assert!(text.contains("left exactly as it was"), "{text}");

        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        let error = anyhow::Error::from(StoreError::from(busy));
        assert_eq!(explain(&error, &cli, &paths), None);
    }
}
