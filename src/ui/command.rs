//! The commands of the `:` line: one table naming each command, what it expects and how its
//! arguments read, beside every action's own name (`:add-account`, `:tab-roster`, `:help`).
//!
//! Reading a line is pure: names are resolved against the app's data, and anything is carried
//! out, by `commanding`. Commands are named as the headless subcommands are where both exist
//! (`t3 export accounts` is `:export accounts csv`), so what a user learns in one works in the
//! other.

pub mod completion;
pub mod history;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32Str};

use super::action::Action;
use super::safe_text::sanitize;
use super::tab::Tab;
use crate::cli::{ExportFormat, ExportKind};
use crate::domain::triage;
use crate::import::Kind;

/// A command the line understood, its arguments read but names not yet looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// An action by its name: what its key does where the line was opened.
    Action(Action),
    /// Snooze the selected finding until this day.
    Snooze(NaiveDate),
    /// Assign the selected finding to this person.
    Assign(String),
    /// Resolve the selected finding with this reason.
    Resolve(String),
    GoTo(GoTo),
    Tab(Tab),
    /// Write an export as `t3 export` does; beside the database when no path is given.
    Export {
        kind: ExportKind,
        format: ExportFormat,
        path: Option<PathBuf>,
    },
    Import {
        kind: Kind,
        path: PathBuf,
        dry_run: bool,
    },
    /// The QBR page of the account this names.
    Qbr(String),
    Backup(PathBuf),
    /// Sort the tab by the column of this name.
    Sort(String),
    /// Filter the tab by this text, field terms and all; empty clears the filter.
    Filter(String),
    /// Recall the saved view of this name (or number in the views list).
    View(String),
    /// Save the tab, its filter and its sort as a view of this name.
    SaveView(String),
}

/// Where `goto` goes: the name (or email) as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoTo {
    Account(String),
    Trainer(String),
}

/// What reading a line needs besides the line.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    pub today: NaiveDate,
    /// What `~/` stands for.
    pub home: Option<&'a Path>,
}

/// What an argument is, for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    /// One word of a fixed set.
    Words(&'static [&'static str]),
    ImportKind,
    ExportKind,
    /// A format the export kind before it takes.
    ExportFormat,
    TabName,
    /// An account's or a trainer's name, after `account` or `trainer`: the rest of the line.
    GoToName,
    /// An account's name: the rest of the line.
    Account,
    /// A file: the rest of the line.
    Path,
    /// Free text: the rest of the line.
    Text,
}

impl Arg {
    /// Whether the argument takes the rest of the line, spaces and all.
    pub fn is_rest(self) -> bool {
        matches!(self, Arg::GoToName | Arg::Account | Arg::Path | Arg::Text)
    }
}

/// One command with arguments.
pub struct Spec {
    pub name: &'static str,
    /// What it expects, as messages and the README write it.
    pub usage: &'static str,
    pub args: &'static [Arg],
    /// Reads what follows the name (trimmed); an error says what was expected, without the
    /// command's name, which [`parse`] puts in front.
    parse: fn(&str, &Env<'_>) -> Result<Command, String>,
}

/// The tab names `tab` takes, in the tabs' order.
pub const TAB_NAMES: [(&str, Tab); 6] = [
    ("accounts", Tab::Accounts),
    ("roster", Tab::Roster),
    ("certification", Tab::Certification),
    ("syncs", Tab::Syncs),
    ("at-risk", Tab::AtRisk),
    ("program", Tab::Program),
];

const SNOOZE_CHOICES: [(&str, &str); 3] =
    [("7d", "7 days"), ("14d", "14 days"), ("30d", "30 days")];

/// Every command that takes arguments. Every action's name is a command too, taking none; a
/// name in both (`snooze`) does its key's work when typed alone. A new command is one line
/// here and one arm in `commanding`.
// One command a line reads as a table; rustfmt would spread each over six.
#[rustfmt::skip]
pub static COMMANDS: &[Spec] = &[
    Spec { name: "goto", usage: "goto account NAME | goto trainer NAME|EMAIL", args: &[Arg::Words(&["account", "trainer"]), Arg::GoToName], parse: parse_goto },
    Spec { name: "tab", usage: "tab accounts|roster|certification|syncs|at-risk|program", args: &[Arg::TabName], parse: parse_tab },
    Spec { name: "sort", usage: "sort COLUMN", args: &[Arg::Text], parse: parse_sort },
    Spec { name: "filter", usage: "filter TEXT (field terms as after /; empty clears)", args: &[Arg::Text], parse: parse_filter },
    Spec { name: "view", usage: "view NAME", args: &[Arg::Text], parse: parse_view },
    Spec { name: "save-view", usage: "save-view NAME", args: &[Arg::Text], parse: parse_save_view },
    Spec { name: "snooze", usage: "snooze 7d|14d|30d|YYYY-MM-DD", args: &[Arg::Words(&["7d", "14d", "30d"])], parse: parse_snooze },
    Spec { name: "assign", usage: "assign NAME", args: &[Arg::Text], parse: parse_assign },
    Spec { name: "resolve", usage: "resolve REASON", args: &[Arg::Text], parse: parse_resolve },
    Spec { name: "qbr", usage: "qbr [ACCOUNT]", args: &[Arg::Account], parse: parse_qbr },
    Spec { name: "export", usage: "export KIND FORMAT [PATH]", args: &[Arg::ExportKind, Arg::ExportFormat, Arg::Path], parse: parse_export },
    Spec { name: "import", usage: "import KIND PATH [--dry-run]", args: &[Arg::ImportKind, Arg::Path], parse: parse_import },
    Spec { name: "backup", usage: "backup FILE", args: &[Arg::Path], parse: parse_backup },
];

/// The command with arguments called `name`.
pub fn spec(name: &str) -> Option<&'static Spec> {
    COMMANDS.iter().find(|spec| spec.name == name)
}

/// Every command name: the table's, then every action's not already among them.
pub fn names() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().map(|spec| spec.name).chain(
        Action::ALL
            .iter()
            .map(|action| action.name())
            .filter(|name| spec(name).is_none()),
    )
}

/// Reads a command line. Whatever is wrong is said with what was expected.
pub fn parse(text: &str, env: &Env<'_>) -> Result<Command, String> {
    let (name, rest) = split_word(text.trim());
    let name = name.to_lowercase();
    if name.is_empty() {
        return Err("Type a command: Tab lists them, Esc closes the line".to_string());
    }
    if let Some(spec) = spec(&name) {
        return (spec.parse)(rest, env).map_err(|expected| format!("{name}: {expected}"));
    }
    match Action::from_name(&name) {
        Some(_) if !rest.is_empty() => Err(format!("{name} takes no arguments")),
        Some(action) => Ok(Command::Action(action)),
        None => Err(unknown(&name)),
    }
}

/// The first word and the rest, trimmed.
fn split_word(text: &str) -> (&str, &str) {
    let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    (word, rest.trim())
}

/// Says the name is unknown and offers the nearest names: those it starts, then those a
/// typo or two away.
fn unknown(name: &str) -> String {
    let shown = sanitize(name);
    let mut near: Vec<(usize, &str)> = names()
        .filter_map(|known| {
            if known.starts_with(name) {
                return Some((0, known));
            }
            let distance = edit_distance(name, known);
            (distance <= (name.chars().count() / 3).max(1)).then_some((distance, known))
        })
        .collect();
    near.sort_by_key(|(distance, _)| *distance);
    let near: Vec<&str> = near.into_iter().take(4).map(|(_, known)| known).collect();
    match near.as_slice() {
        [] => format!("'{shown}' is not a command t3 knows (Tab lists the commands)"),
        [one] => format!(
            "'{shown}' is not a command t3 knows: did you mean {}?",
            spec(one).map_or(*one, |spec| spec.usage)
        ),
        many => format!(
            "'{shown}' is not a command t3 knows: did you mean {}?",
            many.join(", ")
        ),
    }
}

/// How many single-character edits turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, left) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, right) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(left != *right);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Fuzzy matching as the `/` filter does it: each typed word's letters in order within the
/// text, any case. The last resort for a name that no other way matches.
pub struct Fuzzy {
    pattern: Pattern,
    matcher: Matcher,
    buffer: Vec<char>,
}

impl Fuzzy {
    pub fn new(typed: &str) -> Self {
        Self {
            pattern: Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart),
            matcher: Matcher::new(nucleo_matcher::Config::DEFAULT),
            buffer: Vec::new(),
        }
    }

    pub fn matches(&mut self, text: &str) -> bool {
        !self.pattern.atoms.is_empty()
            && self
                .pattern
                .score(Utf32Str::new(text, &mut self.buffer), &mut self.matcher)
                .is_some()
    }
}

/// A typed path: `~/` is the home folder.
pub fn expand(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix("~/"), home) {
        (Some(below), Some(home)) => home.join(below),
        _ if typed == "~" => home.map_or_else(|| PathBuf::from(typed), Path::to_path_buf),
        _ => PathBuf::from(typed),
    }
}

fn parse_goto(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    let (what, name) = split_word(rest);
    let expected = "expected account NAME or trainer NAME|EMAIL";
    match (what.to_lowercase().as_str(), name) {
        ("account", "") => Err("expected the account's name (or the start of it)".to_string()),
        ("trainer", "") => Err("expected the trainer's name or email".to_string()),
        ("account", name) => Ok(Command::GoTo(GoTo::Account(name.to_string()))),
        ("trainer", name) => Ok(Command::GoTo(GoTo::Trainer(name.to_string()))),
        _ => Err(expected.to_string()),
    }
}

fn parse_tab(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    let wanted = rest.to_lowercase().replace(' ', "-");
    TAB_NAMES
        .iter()
        .find(|(name, _)| *name == wanted)
        .map(|(_, tab)| Command::Tab(*tab))
        .ok_or_else(|| {
            let names: Vec<&str> = TAB_NAMES.iter().map(|(name, _)| *name).collect();
            format!("expected a tab: {}", names.join(", "))
        })
}

fn parse_snooze(rest: &str, env: &Env<'_>) -> Result<Command, String> {
    if rest.is_empty() {
        return Ok(Command::Action(Action::Snooze));
    }
    let expected = "expected 7d, 14d, 30d or a date as YYYY-MM-DD";
    let wanted = rest.to_lowercase();
    let until = match SNOOZE_CHOICES.iter().find(|(short, _)| *short == wanted) {
        Some((_, choice)) => triage::snooze_until(choice, "", env.today),
        None if NaiveDate::parse_from_str(rest, "%Y-%m-%d").is_ok() => {
            triage::snooze_until("to a date", rest, env.today)
        }
        None => return Err(format!("{expected}, not '{}'", sanitize(rest))),
    };
    until
        .map(Command::Snooze)
        .map_err(|error| format!("{} ({expected})", error.message))
}

fn parse_sort(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    if rest.is_empty() {
        return Err("expected a column to sort by (s cycles through them)".to_string());
    }
    Ok(Command::Sort(rest.to_string()))
}

// Every parser in the table has one signature, whether or not it can refuse.
#[allow(clippy::unnecessary_wraps)]
fn parse_filter(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    Ok(Command::Filter(rest.to_string()))
}

fn parse_view(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    if rest.is_empty() {
        return Err("expected the name of a saved view (' lists them)".to_string());
    }
    Ok(Command::View(rest.to_string()))
}

// Every parser in the table has one signature, whether or not it can refuse.
#[allow(clippy::unnecessary_wraps)]
fn parse_save_view(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    Ok(if rest.is_empty() {
        Command::Action(Action::SaveView)
    } else {
        Command::SaveView(rest.to_string())
    })
}

// Every parser in the table has one signature, whether or not it can refuse.
#[allow(clippy::unnecessary_wraps)]
fn parse_assign(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    Ok(if rest.is_empty() {
        Command::Action(Action::Assign)
    } else {
        Command::Assign(rest.to_string())
    })
}

// Every parser in the table has one signature, whether or not it can refuse.
#[allow(clippy::unnecessary_wraps)]
fn parse_resolve(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    Ok(if rest.is_empty() {
        Command::Action(Action::Resolve)
    } else {
        Command::Resolve(rest.to_string())
    })
}

// Every parser in the table has one signature, whether or not it can refuse.
#[allow(clippy::unnecessary_wraps)]
fn parse_qbr(rest: &str, _: &Env<'_>) -> Result<Command, String> {
    Ok(if rest.is_empty() {
        Command::Action(Action::WriteQbr)
    } else {
        Command::Qbr(rest.to_string())
    })
}

fn parse_export(rest: &str, env: &Env<'_>) -> Result<Command, String> {
    let (kind, rest) = split_word(rest);
    let (format, path) = split_word(rest);
    let Some(kind) = ExportKind::from_name(kind) else {
        let kinds: Vec<&str> = ExportKind::ALL.iter().map(|kind| kind.as_str()).collect();
        return Err(format!(
            "expected what to export: {} (then the format and, if you like, the file)",
            kinds.join(", ")
        ));
    };
    let Some(format) = kind
        .formats()
        .iter()
        .copied()
        .find(|known| known.as_str().eq_ignore_ascii_case(format))
    else {
        return Err(format!(
            "expected the format {} exports in: {}",
            kind.as_str(),
            crate::cli::export_format_names(kind.formats())
        ));
    };
    Ok(Command::Export {
        kind,
        format,
        path: (!path.is_empty()).then(|| expand(path, env.home)),
    })
}

fn parse_import(rest: &str, env: &Env<'_>) -> Result<Command, String> {
    let kinds: Vec<&str> = Kind::ALL.iter().map(|kind| kind.as_str()).collect();
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    let dry_run = words.contains(&"--dry-run");
    words.retain(|word| *word != "--dry-run");
    let Some((kind, path_words)) = words.split_first() else {
        return Err(format!(
            "expected what and from where: import KIND PATH [--dry-run] (KIND is {})",
            kinds.join(", ")
        ));
    };
    let kind: Kind = kind.parse()?;
    if path_words.is_empty() {
        return Err(format!(
            "expected the file to read: import {kind} PATH [--dry-run]"
        ));
    }
    Ok(Command::Import {
        kind,
        path: expand(&path_words.join(" "), env.home),
        dry_run,
    })
}

fn parse_backup(rest: &str, env: &Env<'_>) -> Result<Command, String> {
    if rest.is_empty() {
        return Err("expected the file to copy the database to: backup FILE".to_string());
    }
    Ok(Command::Backup(expand(rest, env.home)))
}

#[cfg(test)]
mod tests;
