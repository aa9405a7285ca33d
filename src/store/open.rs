//! Opening a database file without ever harming one that is not ours.
//!
//! Every check that can refuse a file (not SQLite, written by a newer t3) runs before the first
//! statement that could write to it: even switching the journal to WAL rewrites the header.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{StoreError, maintenance, migrations, protection};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens the file for reading and writing and brings its schema up to date. When a migration
/// is about to change a database that already holds a schema, a backup of it is written beside
/// it first; its path comes back so the user can be told where it is.
pub(super) fn read_write(path: &Path) -> Result<(Connection, Option<PathBuf>), StoreError> {
    if !path.exists() {
        create_private_file(path)?;
    } else if let Some(reason) = protection::write_protection(path) {
        return Err(StoreError::WriteProtected {
            path: path.to_path_buf(),
            reason,
        });
    }
    check_header(path)?;
    let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    protection::refuse_if_read_only(&conn, path)?;
    let found = check_version(&conn, path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let backup = if found > 0 && found < migrations::latest_schema_version() {
        let backup = maintenance::migration_backup_path(path, found);
        maintenance::copy_into(&conn, &backup)?;
        tracing::info!(path = %backup.display(), from = found, "backup written before migrating");
        Some(backup)
    } else {
        None
    };
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrations::all().to_latest(&mut conn)?;
    let now = migrations::latest_schema_version();
    if found != now {
        tracing::info!(from = found, to = now, path = %path.display(), "schema migrated");
    }
    Ok((conn, backup))
}

pub(super) fn read_only(path: &Path) -> Result<Connection, StoreError> {
    if !path.exists() {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
        });
    }
    check_header(path)?;
    let conn = protection::reading(path)?;
    let found = check_version(&conn, path)?;
    let supported = migrations::latest_schema_version();
    if found < supported {
        return Err(StoreError::OlderSchemaReadOnly {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    Ok(conn)
}

pub(super) fn in_memory() -> Result<Connection, StoreError> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrations::all().to_latest(&mut conn)?;
    Ok(conn)
}

/// Creates the file empty (SQLite accepts that) readable by its owner only: it holds
/// customers' names and contract values.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let create_error = |source| StoreError::Create {
        path: path.to_path_buf(),
        source,
    };
    if let Some(folder) = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .map_err(create_error)?;
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        // Another t3 created it between our check and now; that file is as good as ours.
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(create_error(error)),
    }
}

/// Refuses a non-empty file that does not start with SQLite's magic header.
pub(super) fn check_header(path: &Path) -> Result<(), StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut file = fs::File::open(path).map_err(read_error)?;
    let mut header = Vec::with_capacity(SQLITE_HEADER.len());
    file.by_ref()
        .take(SQLITE_HEADER.len() as u64)
        .read_to_end(&mut header)
        .map_err(read_error)?;
    if header.is_empty() || header == SQLITE_HEADER {
        Ok(())
    } else {
        Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        })
    }
}

fn check_version(conn: &Connection, path: &Path) -> Result<u32, StoreError> {
    let found: u32 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let supported = migrations::latest_schema_version();
    if found > supported {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    Ok(found)
}
