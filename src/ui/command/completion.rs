//! What `Tab` can put in place of the word under the cursor: command names first, then each
//! argument by its position (kinds, formats, tab names, account and trainer names, files).
//!
//! [`complete`] is a function of the line, the cursor and a [`Snapshot`] of the app's data;
//! the one thing it reads from outside, a folder's listing, comes through [`Folders`], so tests
//! give it folders of their own.

use std::path::{Path, PathBuf};

use super::{Arg, Fuzzy, TAB_NAMES, expand, spec};
use crate::cli::ExportKind;
use crate::import::Kind;

/// How many files of one folder are offered: enough to pick from, few enough to draw.
const MOST_FILES: usize = 200;

/// What the completion reads from the app.
pub struct Snapshot<'a> {
    /// The command names that work here, in the order they are offered.
    pub commands: Vec<&'static str>,
    pub accounts: Vec<&'a str>,
    /// Each trainer's name and email.
    pub trainers: Vec<(&'a str, &'a str)>,
    pub home: Option<&'a Path>,
    pub folders: &'a dyn Folders,
}

/// A folder's listing: each entry's name and whether it is a folder.
pub trait Folders {
    fn entries(&self, folder: &Path) -> Vec<(String, bool)>;
}

/// The file system.
pub struct Disk;

impl Folders for Disk {
    fn entries(&self, folder: &Path) -> Vec<(String, bool)> {
        // A folder that cannot be listed offers nothing; the typed path is left as it is.
        let Ok(entries) = std::fs::read_dir(folder) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let is_folder = std::fs::metadata(entry.path()).is_ok_and(|meta| meta.is_dir());
                Some((name, is_folder))
            })
            .collect()
    }
}

/// The candidates for the text from `start` (a character position) to the cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    pub start: usize,
    pub candidates: Vec<String>,
}

/// The candidates for the word before `cursor` (a character position) in `text`.
pub fn complete(text: &str, cursor: usize, data: &Snapshot<'_>) -> Completion {
    let before: String = text.chars().take(cursor).collect();
    let words = words_with_starts(&before);
    let ends_in_space = before.ends_with(char::is_whitespace) || before.is_empty();
    // The word being typed: the last one, or a new one after a space.
    let (position, word_start) = match words.last() {
        Some((start, _)) if !ends_in_space => (words.len() - 1, *start),
        _ => (words.len(), cursor),
    };
    if position == 0 {
        let prefix = slice_from(&before, word_start).to_lowercase();
        let candidates = data
            .commands
            .iter()
            .filter(|name| name.starts_with(&prefix))
            .map(|name| (*name).to_string())
            .collect();
        return Completion {
            start: word_start,
            candidates,
        };
    }
    let Some(spec) = spec(&words[0].1.to_lowercase()) else {
        return Completion::default();
    };
    // An argument that takes the rest of the line starts at its first word, whatever follows.
    let rest = spec.args.iter().position(|arg| arg.is_rest());
    let index = match rest {
        Some(rest) if position > rest => rest,
        _ => position - 1,
    };
    let Some(arg) = spec.args.get(index) else {
        return Completion::default();
    };
    let start = words.get(index + 1).map_or(cursor, |(start, _)| *start);
    let start = if arg.is_rest() { start } else { word_start };
    let typed = slice_from(&before, start);
    let previous = |at: usize| words.get(at).map_or("", |(_, word)| word.as_str());
    Completion {
        start,
        candidates: candidates(*arg, typed, previous(index), data),
    }
}

/// The candidates for one argument, `previous` being the word before it.
fn candidates(arg: Arg, typed: &str, previous: &str, data: &Snapshot<'_>) -> Vec<String> {
    match arg {
        Arg::Words(words) => starting_with(words.iter().copied(), typed),
        Arg::ImportKind => starting_with(Kind::ALL.iter().map(|kind| kind.as_str()), typed),
        Arg::ExportKind => starting_with(ExportKind::ALL.iter().map(|kind| kind.as_str()), typed),
        Arg::ExportFormat => match ExportKind::from_name(previous) {
            Some(kind) => starting_with(kind.formats().iter().map(|format| format.as_str()), typed),
            None => Vec::new(),
        },
        Arg::TabName => starting_with(TAB_NAMES.iter().map(|(name, _)| *name), typed),
        Arg::GoToName if previous.eq_ignore_ascii_case("trainer") => matching(
            data.trainers
                .iter()
                .flat_map(|(name, email)| [*name, *email]),
            typed,
        ),
        Arg::GoToName if previous.eq_ignore_ascii_case("account") => {
            matching(data.accounts.iter().copied(), typed)
        }
        Arg::Account => matching(data.accounts.iter().copied(), typed),
        Arg::Path => files(typed, data),
        Arg::GoToName | Arg::Text => Vec::new(),
    }
}

/// The words of `text` with the character position each starts at.
fn words_with_starts(text: &str) -> Vec<(usize, String)> {
    let mut words = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (position, c) in text.chars().enumerate() {
        match (&mut current, c.is_whitespace()) {
            (Some(_), true) => words.extend(current.take()),
            (Some((_, word)), false) => word.push(c),
            (None, false) => current = Some((position, c.to_string())),
            (None, true) => {}
        }
    }
    words.extend(current);
    words
}

fn slice_from(text: &str, start: usize) -> &str {
    text.char_indices()
        .nth(start)
        .map_or("", |(byte, _)| &text[byte..])
}

/// The fixed words that start with `typed`, any case.
fn starting_with<'w>(words: impl Iterator<Item = &'w str>, typed: &str) -> Vec<String> {
    let typed = typed.to_lowercase();
    words
        .filter(|word| word.to_lowercase().starts_with(&typed))
        .map(str::to_string)
        .collect()
}

/// Names that start with `typed` (any case), then names that hold it elsewhere, each once;
/// when none does, names it matches fuzzily (`nwf` for Northwind Freight).
fn matching<'n>(names: impl Iterator<Item = &'n str> + Clone, typed: &str) -> Vec<String> {
    let found = matching_plainly(names.clone(), typed);
    if !found.is_empty() {
        return found;
    }
    let mut fuzzy = Fuzzy::new(typed);
    let mut found: Vec<String> = Vec::new();
    for name in names.filter(|name| fuzzy.matches(name)) {
        if !found.iter().any(|seen| seen == name) {
            found.push(name.to_string());
        }
    }
    found
}

fn matching_plainly<'n>(names: impl Iterator<Item = &'n str> + Clone, typed: &str) -> Vec<String> {
    let typed = typed.to_lowercase();
    let starts = names
        .clone()
        .filter(|name| name.to_lowercase().starts_with(&typed));
    let holds = names.filter(|name| {
        let name = name.to_lowercase();
        !name.starts_with(&typed) && name.contains(&typed)
    });
    let mut found: Vec<String> = Vec::new();
    for name in starts.chain(holds) {
        if !name.is_empty() && !found.iter().any(|seen| seen == name) {
            found.push(name.to_string());
        }
    }
    found
}

/// The entries of the folder `typed` is in whose names start with what follows its last `/`,
/// written as typed (`~/` kept) with a `/` after folders. Hidden entries only when asked for.
fn files(typed: &str, data: &Snapshot<'_>) -> Vec<String> {
    let (folder_typed, name_typed) = match typed.rfind('/') {
        Some(slash) => typed.split_at(slash + 1),
        None => ("", typed),
    };
    let folder = if folder_typed.is_empty() {
        PathBuf::from(".")
    } else {
        expand(folder_typed, data.home)
    };
    let mut entries: Vec<(String, bool)> = data
        .folders
        .entries(&folder)
        .into_iter()
        .filter(|(name, _)| name.starts_with(name_typed))
        .filter(|(name, _)| !name.starts_with('.') || name_typed.starts_with('.'))
        .collect();
    entries.sort();
    entries
        .into_iter()
        .take(MOST_FILES)
        .map(|(name, is_folder)| {
            let slash = if is_folder { "/" } else { "" };
            format!("{folder_typed}{name}{slash}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// Folders held in memory, by path.
    struct Fake(HashMap<PathBuf, Vec<(String, bool)>>);

    impl Folders for Fake {
        fn entries(&self, folder: &Path) -> Vec<(String, bool)> {
            self.0.get(folder).cloned().unwrap_or_default()
        }
    }

    fn folders() -> Fake {
        let entry = |name: &str, is_folder| (name.to_string(), is_folder);
        Fake(HashMap::from([
            (
                PathBuf::from("/home/dana"),
                vec![
                    entry("crm.csv", false),
                    entry("crm-old.csv", false),
                    entry("exports", true),
                    entry(".bashrc", false),
                ],
            ),
            (
                PathBuf::from("/home/dana/exports"),
                vec![entry("syncs.ics", false)],
            ),
            (PathBuf::from("."), vec![entry("roster.csv", false)]),
        ]))
    }

    fn check(text: &str, expected_start: usize, expected: &[&str]) {
        let folders = folders();
        let data = Snapshot {
            commands: vec![
                "goto",
                "tab",
                "export",
                "import",
                "snooze",
                "add-account",
                "help",
            ],
            accounts: vec![
                "Acme Corp",
                "Acorn Health",
                "Harbor Bank",
                "Northwind Freight",
            ],
            trainers: vec![
                ("Ana Costa", "ana@acme.example"),
                ("Ben Ode", "ben@harbor.example"),
            ],
            home: Some(Path::new("/home/dana")),
            folders: &folders,
        };
        let found = complete(text, text.chars().count(), &data);
        assert_eq!(found.candidates, expected, "candidates for {text:?}");
        assert_eq!(found.start, expected_start, "start for {text:?}");
    }

    #[test]
    fn the_first_word_completes_to_command_names_that_work_here() {
        check(
            "",
            0,
            &[
                "goto",
                "tab",
                "export",
                "import",
                "snooze",
                "add-account",
                "help",
            ],
        );
        check(
            "  ",
            2,
            &[
                "goto",
                "tab",
                "export",
                "import",
                "snooze",
                "add-account",
                "help",
            ],
        );
        check("ad", 0, &["add-account"]);
        check("IM", 0, &["import"]);
        check("zzz", 0, &[]);
    }

    #[test]
    fn fixed_arguments_complete_by_position() {
        check(
            "tab ",
            4,
            &[
                "accounts",
                "roster",
                "certification",
                "syncs",
                "at-risk",
                "program",
            ],
        );
        check("tab a", 4, &["accounts", "at-risk"]);
        check("import s", 7, &["snapshots", "sessions"]);
        check("export s", 7, &["snapshots", "sessions", "syncs"]);
        check("export syncs ", 13, &["ics"]);
        check("export trainers j", 16, &["json"]);
        check("export notes ", 13, &[]);
        check("snooze 1", 7, &["14d"]);
        check("goto t", 5, &["trainer"]);
        check("tab accounts ", 0, &[]);
        check("help ", 0, &[]);
        check("frobnicate ", 0, &[]);
    }

    #[test]
    fn names_complete_from_the_data_with_spaces() {
        check("goto account ac", 13, &["Acme Corp", "Acorn Health"]);
        check("goto account acme c", 13, &["Acme Corp"]);
        check("goto account bank", 13, &["Harbor Bank"]);
        check("goto account nwf", 13, &["Northwind Freight"]);
        check("goto account ah", 13, &["Acorn Health"]);
        check(
            "goto trainer ",
            13,
            &[
                "Ana Costa",
                "ana@acme.example",
                "Ben Ode",
                "ben@harbor.example",
            ],
        );
        check("goto trainer ben@", 13, &["ben@harbor.example"]);
        check(
            "qbr n",
            4,
            &["Northwind Freight", "Acorn Health", "Harbor Bank"],
        );
        check("goto", 0, &["goto"]);
    }

    #[test]
    fn paths_complete_from_the_folder_listing() {
        check(
            "import accounts ~/",
            16,
            &["~/crm-old.csv", "~/crm.csv", "~/exports/"],
        );
        check("import accounts ~/cr", 16, &["~/crm-old.csv", "~/crm.csv"]);
        check("import accounts ~/.", 16, &["~/.bashrc"]);
        check("export syncs ics ~/exports/", 17, &["~/exports/syncs.ics"]);
        check("backup r", 7, &["roster.csv"]);
        check("backup /nowhere/", 7, &[]);
    }

    #[test]
    fn the_cursor_decides_the_word() {
        let folders = folders();
        let data = Snapshot {
            commands: vec!["tab", "export"],
            accounts: Vec::new(),
            trainers: Vec::new(),
            home: None,
            folders: &folders,
        };
        let found = complete("ta accounts", 2, &data);
        assert_eq!(found.candidates, ["tab"]);
        assert_eq!(found.start, 0);
    }
}
