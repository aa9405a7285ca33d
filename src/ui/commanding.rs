//! Running what was typed on the `:` command line.

use super::app::App;
use super::command_line::{self, Command};
use super::overlay::Overlay;
use super::report::TextReport;
use crate::import::{self, ImportError, Silent};

impl App {
    pub(super) fn run_command(&mut self) {
        let Some(line) = self.command_line.take() else {
            return;
        };
        let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
        match command_line::parse(&line.text(), home.as_deref()) {
            Ok(Command::Import {
                kind,
                path,
                dry_run,
            }) => {
                if !dry_run && self.is_read_only() {
                    self.warn(
                        "Read-only: importing is not allowed (opened with --readonly); \
                         --dry-run checks a file without writing"
                            .to_string(),
                    );
                    return;
                }
                let outcome = import::run(
                    &mut self.store,
                    kind,
                    &path,
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
            Err(message) => {
                // The typed line comes back so it can be corrected rather than typed again.
                self.command_line = Some(line);
                self.warn(message);
            }
        }
    }
}
