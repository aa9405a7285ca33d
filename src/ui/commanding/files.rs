//! The `:` commands that read or write files: `export` (what `t3 export` writes, beside the
//! database unless a path is given), `import` (as `t3 import`, the report in a popup) and
//! `backup` (as `t3 backup`). Every file is written whole or not at all.

use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::cli::{ExportFormat, ExportKind, ExportSettings, export_kind};
use crate::import::{self, ImportError, Kind, Silent};
use crate::store::Store;
use crate::ui::app::App;
use crate::ui::overlay::Overlay;
use crate::ui::report::TextReport;

impl App {
    /// `export KIND FORMAT [PATH]`, PATH being a file or a folder to write the file in; a write that fails is said in the status line, and only a
    /// path that is the database itself is refused.
    pub(super) fn export_from_line(
        &mut self,
        kind: ExportKind,
        format: ExportFormat,
        path: Option<PathBuf>,
    ) -> Result<(), String> {
        let name = format!("{}-{}.{}", kind.as_str(), self.today, format.as_str());
        let path = match path {
            Some(folder) if folder.is_dir() => folder.join(name),
            Some(path) => path,
            None => beside(self.store.path(), &name),
        };
        refuse_database(&path, self.store.path())?;
        let settings = ExportSettings {
            today: self.today,
            now: Utc::now(),
            questionnaire: &self.questionnaire,
            marks: self.marks,
            thresholds: &self.thresholds,
        };
        let exported = match export_kind(&self.store, kind, format, &settings) {
            Ok(exported) => exported,
            Err(error) => {
                self.warn(format!("Nothing exported: {error:#}"));
                return Ok(());
            }
        };
        if let Err(error) = crate::files::write_atomically(&path, &exported.bytes) {
            self.warn(format!("{error:#}"));
            return Ok(());
        }
        tracing::info!(
            count = exported.count,
            kind = kind.as_str(),
            format = format.as_str(),
            "exported from the command line"
        );
        let left_out = match exported.left_out.as_slice() {
            [] => String::new(),
            [one] => format!("; left out: {one}"),
            many => format!("; {} left out, the first: {}", many.len(), many[0]),
        };
        self.inform(format!(
            "Wrote {} {} to {}{left_out}",
            exported.count,
            kind.as_str(),
            path.display()
        ));
        Ok(())
    }

    /// `import KIND PATH [--dry-run]`, with what it did, or every refused row, in a popup.
    pub(super) fn import_from_line(&mut self, kind: Kind, path: &Path, dry_run: bool) {
        let outcome = import::run(
            &mut self.store,
            kind,
            path,
            dry_run,
            self.today,
            &mut Silent,
        );
        match outcome {
            Ok(report) => {
                if !dry_run {
                    self.reload_or_report();
                }
                self.inform(format!(
                    "{} {kind}: {} added, {} updated, {} unchanged",
                    if dry_run { "Dry run of" } else { "Imported" },
                    report.added,
                    report.updated,
                    report.unchanged
                ));
                self.overlay = Some(Overlay::Report(TextReport::of_import(&report)));
            }
            Err(error @ ImportError::Store(_)) => self.warn(error.to_string()),
            Err(error) => {
                self.warn(format!("Nothing imported from {}", path.display()));
                self.overlay = Some(Overlay::Report(TextReport::of_refusal(&error)));
            }
        }
    }

    /// `backup FILE`: SQLite's online backup of the database, as `t3 backup` makes it.
    pub(super) fn backup_from_line(&mut self, file: &Path) -> Result<(), String> {
        refuse_database(file, self.store.path())?;
        match Store::backup(self.store.path(), file) {
            Ok(()) => {
                tracing::info!("backup made from the command line");
                self.inform(format!("Backed up the database to {}", file.display()));
            }
            Err(error) => self.report(&error),
        }
        Ok(())
    }
}

/// `name` in the database's folder.
fn beside(database: &Path, name: &str) -> PathBuf {
    database
        .parent()
        .map_or_else(|| PathBuf::from(name), |folder| folder.join(name))
}

/// Refuses a file that is the database itself: no export or backup may replace it.
fn refuse_database(path: &Path, database: &Path) -> Result<(), String> {
    let same = match (std::fs::canonicalize(path), std::fs::canonicalize(database)) {
        (Ok(path), Ok(database)) => path == database,
        _ => false,
    };
    if same {
        Err(format!(
            "{} is the database itself: choose another file",
            path.display()
        ))
    } else {
        Ok(())
    }
}
