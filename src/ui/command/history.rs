//! The commands run on the `:` line, oldest first, kept across runs in a file under the user's
//! state directory (`~/.local/state/t3/command-history`), one command a line.
//!
//! The file is a convenience: one that cannot be read is left alone and logged, and the
//! history lives for this run only; one that cannot be written is logged. Neither stops t3.

use std::io::ErrorKind;
use std::path::PathBuf;

/// How many commands are kept: the newest ones.
pub const MOST_KEPT: usize = 500;

/// The commands run, newest last.
#[derive(Debug, Default)]
pub struct History {
    entries: Vec<String>,
    /// Where they are kept; `None` keeps them for this run only.
    file: Option<PathBuf>,
}

impl History {
    /// A history for this run only, as tests and the app before start-up use.
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// The history kept in `file`; a file not there yet is an empty history.
    pub fn load(file: PathBuf) -> Self {
        match read(&file) {
            Ok(entries) => Self {
                entries,
                file: Some(file),
            },
            Err(error) => {
                tracing::warn!(
                    path = %file.display(),
                    %error,
                    "command history unreadable; keeping this run's commands in memory only"
                );
                Self::default()
            }
        }
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Adds a command run, unless it repeats the newest one, and keeps the file up to date.
    /// Commands another t3 added to the file since are kept too.
    pub fn record(&mut self, command: &str) {
        let command = command.trim();
        if command.is_empty() {
            return;
        }
        if let Some(file) = &self.file
            && let Ok(on_file) = read(file)
        {
            self.entries = on_file;
        }
        if self.entries.last().is_some_and(|last| last == command) {
            return;
        }
        self.entries.push(command.to_string());
        let excess = self.entries.len().saturating_sub(MOST_KEPT);
        self.entries.drain(..excess);
        self.save();
    }

    fn save(&self) {
        let Some(file) = &self.file else { return };
        let mut text = self.entries.join("\n");
        text.push('\n');
        let written = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(anyhow::Error::from)
            .and_then(|()| crate::files::write_atomically(file, text.as_bytes()));
        if let Err(error) = written {
            tracing::warn!(path = %file.display(), error = %format!("{error:#}"), "command history not saved");
        }
    }
}

/// The commands in `file`, newest last; none when it is not there.
fn read(file: &std::path::Path) -> std::io::Result<Vec<String>> {
    match std::fs::read_to_string(file) {
        Ok(text) => {
            let entries: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_string)
                .collect();
            let excess = entries.len().saturating_sub(MOST_KEPT);
            Ok(entries[excess..].to_vec())
        }
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(Vec::new()),
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_kept_across_runs_without_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state/t3/command-history");
        let mut history = History::load(file.clone());
        assert!(history.entries().is_empty());
        history.record("tab roster");
        history.record("  tab roster ");
        history.record("goto account Acme");
        history.record("tab roster");
        history.record("   ");

        let again = History::load(file.clone());
        assert_eq!(
            again.entries(),
            ["tab roster", "goto account Acme", "tab roster"]
        );
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "tab roster\ngoto account Acme\ntab roster\n"
        );
    }

    #[test]
    fn only_the_newest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("command-history");
        let mut history = History::load(file.clone());
        for n in 0..MOST_KEPT + 20 {
            history.record(&format!("goto account {n}"));
        }
        let again = History::load(file);
        assert_eq!(again.entries().len(), MOST_KEPT);
        assert_eq!(again.entries()[0], "goto account 20");
        assert_eq!(
            again.entries().last().map(String::as_str),
            Some(format!("goto account {}", MOST_KEPT + 19).as_str())
        );
    }

    #[test]
    fn another_runs_commands_are_kept_too() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("command-history");
        let mut first = History::load(file.clone());
        let mut second = History::load(file.clone());
        first.record("tab syncs");
        second.record("help");
        assert_eq!(History::load(file).entries(), ["tab syncs", "help"]);
    }

    #[test]
    fn an_unreadable_file_is_left_alone_and_the_history_lives_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("command-history");
        std::fs::write(&file, [0xff, 0xfe, b'\n', 0x80]).unwrap();
        let mut history = History::load(file.clone());
        assert!(history.entries().is_empty());
        history.record("help");
        assert_eq!(history.entries(), ["help"]);
        assert_eq!(std::fs::read(&file).unwrap(), [0xff, 0xfe, b'\n', 0x80]);

        // A folder where the file should be cannot be read either.
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).unwrap();
        let mut history = History::load(folder);
        history.record("help");
        assert_eq!(history.entries(), ["help"]);
    }

    #[test]
    fn a_history_in_memory_writes_nothing() {
        let mut history = History::in_memory();
        history.record("tab roster");
        assert_eq!(history.entries(), ["tab roster"]);
    }
}
