//! Files t3 must not or cannot write: a database whose file or folder is write-protected, and
//! reading one in a folder where SQLite cannot create the WAL's companion files.
//!
//! Nothing here writes; it decides how a file may be opened before anything is.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::ffi::{SQLITE_CANTOPEN, SQLITE_READONLY_DIRECTORY};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::StoreError;
use super::open::BUSY_TIMEOUT;

/// Why an existing database cannot be opened for writing, judged by its permission bits: a file
/// or folder nobody may write to was protected on purpose, so t3 honours that even for a user
/// (root) whom the system would let write.
pub(super) fn write_protection(path: &Path) -> Option<&'static str> {
    let protected = |place: &Path| {
        std::fs::metadata(place).is_ok_and(|metadata| metadata.permissions().readonly())
    };
    if protected(path) {
        return Some("the file is read-only");
    }
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    // SQLite writes the WAL and its index beside the file, so a read-only folder is as final.
    protected(folder).then_some("its folder is read-only")
}

/// Refuses a connection SQLite quietly opened read-only because the system would not let this
/// user write the file (another user's file, a read-only mount).
pub(super) fn refuse_if_read_only(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    if conn.is_readonly(MAIN_DB)? {
        return Err(StoreError::WriteProtected {
            path: path.to_path_buf(),
            reason: "the system does not let this user write it",
        });
    }
    Ok(())
}

/// A read-only connection to `path` with the busy timeout set.
///
/// A WAL database is read through an index file SQLite creates beside it, with the database's
/// own permissions. Beside a write-protected file that index would be read-only too, and left
/// behind it would stop the owner writing once they make the file writable again; in a folder
/// this user cannot write it cannot be made at all. With no WAL file there, the database file
/// holds every commit, so in either case it is opened as immutable: read as it is, with no
/// companion file.
pub(super) fn reading(path: &Path) -> Result<Connection, StoreError> {
    let has_wal = wal_file(path).exists();
    if write_protection(path).is_some()
        && !has_wal
        && let Some(conn) = immutable(path)?
    {
        return Ok(conn);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let probe = conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()));
    let folder_refused = matches!(
        &probe,
        Err(rusqlite::Error::SqliteFailure(failure, _))
            if failure.extended_code == SQLITE_READONLY_DIRECTORY
                || failure.code == rusqlite::ErrorCode::CannotOpen
                || failure.extended_code == SQLITE_CANTOPEN
    );
    if !folder_refused || has_wal {
        return Ok(conn);
    }
    Ok(immutable(path)?.unwrap_or(conn))
}

/// `path` opened as immutable, or `None` when its name cannot be put in a URI.
fn immutable(path: &Path) -> Result<Option<Connection>, StoreError> {
    let Some(uri) = immutable_uri(path) else {
        return Ok(None);
    };
    tracing::info!(path = %path.display(), "database not writable here; read as immutable");
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    Ok(Some(conn))
}

fn wal_file(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-wal");
    PathBuf::from(name)
}

/// `path` as an SQLite `file:` URI asking for immutable reading, or `None` for a path that is
/// not UTF-8.
fn immutable_uri(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    let mut uri = String::from("file:");
    for byte in text.bytes() {
        // Only these three change a URI's meaning; SQLite decodes %XX in the path.
        if matches!(byte, b'%' | b'?' | b'#') {
            let _ = write!(uri, "%{byte:02X}");
        } else {
            uri.push(char::from(byte));
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_escapes_what_would_change_its_meaning() {
        assert_eq!(
            immutable_uri(Path::new("/data/a?b#c%d.db")).as_deref(),
            Some("file:/data/a%3Fb%23c%25d.db?immutable=1")
        );
    }

    #[test]
    fn a_file_or_folder_without_write_bits_is_protected() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t3.db");
        std::fs::write(&path, b"").unwrap();
        assert_eq!(write_protection(&path), None);

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert_eq!(write_protection(&path), Some("the file is read-only"));

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        assert_eq!(write_protection(&path), Some("its folder is read-only"));
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
