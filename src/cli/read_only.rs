//! `--readonly`: the subcommands it refuses, and opening the app's database so that nothing,
//! not even a migration, its backup or a WAL checkpoint, writes to the file.

use std::path::Path;

use anyhow::Context as _;

use super::{Cli, Command, UsageError};
use crate::store::{Store, StoreError};

/// Refuses, before anything is opened, a subcommand that would write the database under
/// `--readonly`. Exports, reports, `check` and `backup` (which writes only its own copy) run.
pub(super) fn refuse_writes(cli: &Cli) -> Result<(), UsageError> {
    if !cli.readonly {
        return Ok(());
    }
    let refused = match &cli.command {
        Some(Command::Demo { .. }) => "t3 demo fills the database",
        Some(Command::Import(options)) if !options.dry_run => {
            "t3 import writes to the database (an import with --dry-run only reads it)"
        }
        _ => return Ok(()),
    };
    Err(UsageError(format!(
        "--readonly refuses this: {refused}; nothing was changed"
    )))
}

/// Opens the app's database read-only. A file that does not exist or needs migrating is
/// refused: either would have to be written first.
pub(super) fn open(path: &Path) -> anyhow::Result<Store> {
    let store = Store::open_read_only(path).with_context(|| {
        format!(
            "--readonly opens an existing database as it is and changes nothing; {} cannot be \
             opened so",
            path.display()
        )
    })?;
    tracing::info!(path = %path.display(), "database opened read-only for the app");
    Ok(store)
}

/// Opens the app's database with `open`, or read-only when its file or folder is
/// write-protected: browsing a protected file is still useful, and nothing can be lost.
pub(super) fn open_unless_protected(
    path: &Path,
    open: impl FnOnce(&Path) -> anyhow::Result<Store>,
) -> anyhow::Result<Store> {
    match open(path) {
        Err(error)
            if matches!(
                error.downcast_ref::<StoreError>(),
                Some(StoreError::WriteProtected { .. })
            ) =>
        {
            tracing::warn!(error = %error, "database write-protected; opening it read-only");
            self::open(path)
        }
        opened => opened,
    }
}

/// Tells why the app is read-only when the user did not ask for it.
pub(super) fn protected_notice(cli: &Cli, store: &Store) -> Option<String> {
    (store.is_read_only() && !cli.readonly).then(|| {
        format!(
            "Opened read-only: {} cannot be written (the file or its folder is read-only)",
            store.path().display()
        )
    })
}
