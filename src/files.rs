//! Files t3 writes besides its database: exports and calendars, written whole or not at all.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::{Context, anyhow};

/// Writes `bytes` to `path` through a file beside it that is renamed into place, so nobody ever
/// reads half an export and a failed export leaves an earlier file as it was. The file is
/// readable by its owner only (0600), like the database: it holds people's names and emails.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomically_with(path, |out| Ok(out.write_all(bytes)?))
}

/// As [`write_atomically`], with the bytes written by `write` as it makes them, so that an
/// export of a million rows is never held whole. When `write` fails, nothing is left behind.
pub fn write_atomically_with<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("cannot write {}: it names no file", path.display()))?;
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let temporary = folder.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temporary)
        .map_err(anyhow::Error::from)
        .and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            let value = write(&mut out)?;
            let file = out
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            file.sync_all()?;
            Ok(value)
        })
        .and_then(|value| {
            fs::rename(&temporary, path)?;
            Ok(value)
        });
    match written {
        Ok(value) => Ok(value),
        Err(error) => {
            // The partial file is ours and useless; if removing it fails too, the write error
            // is still the one the user needs to see.
            let _ = fs::remove_file(&temporary);
            Err(error).with_context(|| format!("cannot write {}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_fails_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("export.csv");
        fs::create_dir(&folder).unwrap();
        let error = write_atomically(&folder, b"a,b\n").unwrap_err();
        assert!(format!("{error:#}").contains("cannot write"), "{error:#}");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the folder should remain: {left:?}");
    }

    #[test]
    fn an_export_replaces_an_earlier_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        fs::write(&path, "an older, longer export\n".repeat(10)).unwrap();
        write_atomically(&path, b"a,b\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"a,b\n");
    }
}
