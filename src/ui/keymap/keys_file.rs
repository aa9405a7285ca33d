//! Reading `keys.toml`, the user's own keys: a section a context, a command a line, and the key
//! or keys that run it there.
//!
//! A keys file never stops t3. Each problem (a section or command t3 does not know, a key it
//! cannot read, a key two commands would share, a command left with no key) is reported with
//! the file and line; the defaults stay for what it concerns and the rest of the file applies.
//! This module only reads: it never writes the file.

use std::fmt;
use std::io::ErrorKind;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::in_force::{Claim, Clash, KeyMap, Override};
use super::notation::{EXAMPLES, context_named, parse_key, section_name};
use super::{BINDINGS, Context, Key};
use crate::ui::action::Action;

/// The keys to run on, and what in the file could not be used.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub keymap: KeyMap,
    /// In the order of the file's lines.
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// One line for the status bar at start: the first problem, and how many more there are.
    pub fn notice(&self) -> Option<String> {
        let first = self.problems.first()?;
        Some(match self.problems.len() {
            1 => first.to_string(),
            count => format!("{first} (and {} more: `t3 keys` lists them)", count - 1),
        })
    }
}

/// Something in a keys file t3 did not apply, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's path, as given.
    pub source: String,
    /// Counted from 1; `None` for the file as a whole (it cannot be read).
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// Reads the keys file at `path`. Without a file there the defaults apply, quietly unless the
/// user `named` it (`--keys`, `T3_KEYS`): a mistyped name must not pass for no file.
pub fn load(path: &Path, named: bool) -> Loaded {
    let source = path.display().to_string();
    let loaded = match std::fs::read_to_string(path) {
        Ok(text) => {
            tracing::info!(path = %source, "keys file in use");
            parse(&text, &source)
        }
        Err(error) if error.kind() == ErrorKind::NotFound && !named => Loaded::default(),
        Err(error) => {
            let reason = if error.kind() == ErrorKind::NotFound {
                "there is no such file".to_string()
            } else {
                format!("cannot be read ({error})")
            };
            Loaded {
                keymap: KeyMap::default(),
                problems: vec![Problem {
                    source,
                    line: None,
                    message: format!("{reason}; the default keys apply"),
                }],
            }
        }
    };
    for problem in &loaded.problems {
        tracing::warn!(%problem, "keys file problem");
    }
    loaded
}

/// Reads a keys file's text; `source` names it in problems.
pub fn parse(text: &str, source: &str) -> Loaded {
    let mut reader = Reader {
        text,
        source,
        problems: Vec::new(),
        overrides: Vec::new(),
        lines: Vec::new(),
    };
    // What parses of a broken file still applies, like the rest of a file with a bad line.
    let (document, errors) = DeTable::parse_recoverable(text);
    for error in errors {
        let at = error.span().map_or(text.len(), |span| span.start);
        reader.report(at, error.message().trim().to_string());
    }
    for (name, section) in document.get_ref() {
        reader.section(name, section);
    }
    let (keymap, clashes) = KeyMap::laid_over(&reader.overrides);
    for clash in &clashes {
        reader.report_clash(clash);
    }
    let mut problems = reader.problems;
    problems.sort_by_key(|problem| problem.line);
    Loaded { keymap, problems }
}

/// Walks the parsed file, gathering overrides and problems.
struct Reader<'t> {
    text: &'t str,
    source: &'t str,
    problems: Vec<Problem>,
    overrides: Vec<Override>,
    /// The line of each override, by its place in `overrides`.
    lines: Vec<usize>,
}

impl Reader<'_> {
    fn section(&mut self, name: &Spanned<DeString<'_>>, section: &Spanned<DeValue<'_>>) {
        let at = name.span().start;
        let name = name.get_ref();
        let context = context_named(name);
        let commands = match (section.get_ref(), context) {
            (DeValue::Table(commands), Some(_)) => commands,
            (DeValue::Table(_), None) => {
                let known: Vec<String> = Context::ALL.into_iter().map(section_name).collect();
                let hint = match nearest(name, known.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean [{near}]?"),
                    None => format!("the sections are {}", known.join(", ")),
                };
                self.report(
                    at,
                    format!("[{name}] is not a section of the keys file; {hint}"),
                );
                return;
            }
            (_, Some(_)) => {
                let message = format!(
                    "{name} must be a section: [{name}] on a line of its own, its commands below it"
                );
                self.report(at, message);
                return;
            }
            (_, None) => {
                let message = format!(
                    "{name} is outside any section: a command goes under the section of where it \
                     runs, such as [global]"
                );
                self.report(at, message);
                return;
            }
        };
        let Some(context) = context else { return };
        for (command, keys) in commands {
            self.command(context, command, keys);
        }
    }

    fn command(
        &mut self,
        context: Context,
        command: &Spanned<DeString<'_>>,
        keys: &Spanned<DeValue<'_>>,
    ) {
        let at = command.span().start;
        let name = command.get_ref();
        let section = section_name(context);
        let Some(action) = Action::from_name(name) else {
            let names = Action::ALL.iter().map(|action| action.name());
            let hint = match nearest(name, names) {
                Some(near) => format!("did you mean {near}? "),
                None => String::new(),
            };
            let message = format!("there is no command {name:?}; {hint}`t3 keys` lists them all");
            self.report(at, message);
            return;
        };
        if !BINDINGS
            .iter()
            .any(|binding| binding.action == action && context.chain().contains(&binding.context))
        {
            let message = format!(
                "{name} is not a command of [{section}]; {}",
                where_bound(action)
            );
            self.report(at, message);
            return;
        }
        let Some(keys) = self.keys_of(name, keys) else {
            return;
        };
        if keys.is_empty() {
            self.report(
                at,
                format!("{name} has no key in [{section}] now: it cannot be run there"),
            );
        }
        self.overrides.push(Override {
            context,
            action,
            keys,
        });
        self.lines.push(self.line_of(at));
    }

    /// The keys a command's value names, once each; `None` when any of them is not a key.
    fn keys_of(&mut self, command: &str, value: &Spanned<DeValue<'_>>) -> Option<Vec<Key>> {
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                let message = format!(
                    "the keys of {command} must be a key in quotes (\"z\") or a list of them \
                     ([\"c\", \"S\"])"
                );
                self.report(value.span().start, message);
                return None;
            }
        };
        let mut keys = Vec::new();
        let mut readable = true;
        for item in items {
            match self.key_of(command, item.get_ref(), item.span()) {
                Some(key) if !keys.contains(&key) => keys.push(key),
                Some(_) => {}
                None => readable = false,
            }
        }
        readable.then_some(keys)
    }

    fn key_of(&mut self, command: &str, value: &DeValue<'_>, span: Range<usize>) -> Option<Key> {
        let DeValue::String(text) = value else {
            let message = format!("a key of {command} must be in quotes ({EXAMPLES})");
            self.report(span.start, message);
            return None;
        };
        match parse_key(text) {
            Ok(key) => Some(key),
            Err(message) => {
                self.report(span.start, format!("{message}; {command} keeps its keys"));
                None
            }
        }
    }

    fn report_clash(&mut self, clash: &Clash) {
        let line = [clash.first.origin, clash.second.origin]
            .into_iter()
            .flatten()
            .filter_map(|origin| self.lines.get(origin).copied())
            .max();
        let message = format!(
            "{} would run both {} and {} in [{}]; both keep their default keys",
            clash.key.label(),
            self.claim(clash.first),
            self.claim(clash.second),
            section_name(clash.context),
        );
        self.problems.push(Problem {
            source: self.source.to_string(),
            line,
            message,
        });
    }

    fn claim(&self, claim: Claim) -> String {
        let name = claim.action.name();
        let section = section_name(claim.context);
        match claim.origin.and_then(|origin| self.lines.get(origin)) {
            Some(line) => format!("{name} ([{section}], line {line})"),
            None => format!("{name} (its default in [{section}])"),
        }
    }

    fn report(&mut self, at: usize, message: String) {
        self.problems.push(Problem {
            source: self.source.to_string(),
            line: Some(self.line_of(at)),
            message,
        });
    }

    /// The line, counted from 1, of the byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        let before = self.text.get(..offset).unwrap_or(self.text);
        before.matches('\n').count() + 1
    }
}

/// The one of `names` a slip of the finger away from `name` (two letters changed, added,
/// dropped or swapped at most), if there is one.
fn nearest<'n>(name: &str, names: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    names
        .map(|candidate| (edits_between(name, candidate), candidate))
        .filter(|(edits, _)| *edits <= 2 && *edits < name.chars().count())
        .min_by_key(|(edits, _)| *edits)
        .map(|(_, candidate)| candidate)
}

/// How many characters must be changed, added or dropped to turn `from` into `to`.
fn edits_between(from: &str, to: &str) -> usize {
    let to: Vec<char> = to.chars().collect();
    let mut previous: Vec<usize> = (0..=to.len()).collect();
    for (row, a) in from.chars().enumerate() {
        let mut current = vec![row + 1];
        for (column, b) in to.iter().enumerate() {
            let replace = previous[column] + usize::from(a != *b);
            current.push(
                replace
                    .min(previous[column + 1] + 1)
                    .min(current[column] + 1),
            );
        }
        previous = current;
    }
    previous[to.len()]
}

/// Where the table binds `action`, for a message about a section that cannot.
fn where_bound(action: Action) -> String {
    let mut sections: Vec<String> = Vec::new();
    for binding in BINDINGS.iter().filter(|binding| binding.action == action) {
        let section = format!("[{}]", section_name(binding.context));
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    format!("it can be bound in {}", sections.join(", "))
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn problems_of(text: &str) -> Vec<String> {
        parse(text, "keys.toml")
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn an_empty_file_means_the_default_keys() {
        let loaded = parse("# nothing yet\n", "keys.toml");
        assert_eq!(loaded.keymap, KeyMap::default());
        assert_eq!(loaded.problems, []);
        assert_eq!(loaded.notice(), None);
    }

    #[test]
    fn the_example_of_the_readme_applies_whole() {
        let text = "[global]\nquit = [\"q\", \"ctrl-q\"]\n\n[at-risk]\nsnooze = \"Z\"\n\n\
                    [roster]\nstatus = [\"c\", \"S\"]\n";
        let loaded = parse(text, "keys.toml");
        assert_eq!(loaded.problems, []);
        let map = &loaded.keymap;
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(map.resolve(Context::Syncs, ctrl_q), Some(Action::Quit));
        assert_eq!(
            map.resolve(Context::AtRisk, press('Z')),
            Some(Action::Snooze)
        );
        assert_eq!(map.resolve(Context::AtRisk, press('z')), None);
        assert_eq!(
            map.resolve(Context::Roster, press('S')),
            Some(Action::ChangeStatus)
        );
        assert_eq!(
            map.resolve(Context::Roster, press('c')),
            Some(Action::ChangeStatus)
        );
    }

    #[test]
    fn unknown_sections_and_commands_are_reported_by_line_and_the_rest_applies() {
        let text = "[roster]\nstatus = \"S\"\nchange-staus = \"X\"\n\n[glboal]\nquit = \"Q\"\n\
                    [roster-tab]\n[at-risk]\nsnooze = \"Z\"\n";
        let loaded = parse(text, "keys.toml");
        let problems: Vec<_> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].starts_with("keys.toml, line 3: there is no command \"change-staus\""),
            "{problems:#?}"
        );
        assert!(
            problems[1].starts_with("keys.toml, line 5: [glboal] is not a section"),
            "{problems:#?}"
        );
        assert!(
            problems[1].ends_with("; did you mean [global]?"),
            "{problems:#?}"
        );
        assert!(
            problems[2].starts_with(
                "keys.toml, line 7: [roster-tab] is not a section of the keys file; the \
                 sections are anywhere, global, accounts, roster, "
            ),
            "{problems:#?}"
        );
        assert!(problems[2].contains(", at-risk, "), "{problems:#?}");
        let map = &loaded.keymap;
        assert_eq!(
            map.resolve(Context::Roster, press('S')),
            Some(Action::ChangeStatus)
        );
        assert_eq!(
            map.resolve(Context::AtRisk, press('Z')),
            Some(Action::Snooze)
        );
        assert_eq!(
            map.resolve(Context::Roster, press('Q')),
            Some(Action::StartQuestionnaire)
        );
    }

    #[test]
    fn a_near_miss_is_named() {
        let problems = problems_of("[at-risk]\nsnoze = \"Z\"\n[roster]\nfly = \"f\"\n");
        assert_eq!(
            problems,
            [
                "keys.toml, line 2: there is no command \"snoze\"; did you mean snooze? \
                 `t3 keys` lists them all",
                "keys.toml, line 4: there is no command \"fly\"; `t3 keys` lists them all",
            ]
        );
        assert_eq!(edits_between("glboal", "global"), 2);
        assert_eq!(edits_between("", "up"), 2);
        assert_eq!(nearest("up", ["down", "top"].into_iter()), None);
    }

    #[test]
    fn a_command_of_another_context_is_reported_with_where_it_belongs() {
        let problems = problems_of("[roster]\nsnooze = \"z\"\n");
        assert_eq!(
            problems,
            [
                "keys.toml, line 2: snooze is not a command of [roster]; it can be bound in \
              [at-risk]"
            ]
        );
    }

    #[test]
    fn unreadable_keys_are_reported_at_their_own_line_and_the_command_keeps_its_keys() {
        let text = "[at-risk]\nsnooze = [\n  \"Z\",\n  \"ctrl-\",\n]\nresolve = 5\n\
                    assign = [\"hyper-a\", 3]\n";
        let loaded = parse(text, "keys.toml");
        let problems: Vec<_> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(
            problems[0].starts_with("keys.toml, line 4: \"ctrl-\" is not a key (a, A, ctrl-r"),
            "{problems:#?}"
        );
        assert!(
            problems[0].ends_with("; snooze keeps its keys"),
            "{problems:#?}"
        );
        assert!(
            problems[1]
                .starts_with("keys.toml, line 6: the keys of resolve must be a key in quotes"),
            "{problems:#?}"
        );
        assert!(problems[2].starts_with("keys.toml, line 7: \"hyper-a\" is not a key"));
        assert!(problems[3].starts_with("keys.toml, line 7: a key of assign must be in quotes"));
        let map = &loaded.keymap;
        assert_eq!(
            map.resolve(Context::AtRisk, press('z')),
            Some(Action::Snooze)
        );
        assert_eq!(map.resolve(Context::AtRisk, press('Z')), None);
    }

    #[test]
    fn a_conflict_names_both_commands_and_lines_and_keeps_the_defaults() {
        let text = "[at-risk]\nsnooze = \"Z\"\n\n[roster]\nstatus = \"a\"\n\
                    [practicum-rubric]\npass = \"x\"\nneeds-work = \"x\"\n";
        let loaded = parse(text, "keys.toml");
        let problems: Vec<_> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "keys.toml, line 5: a would run both add-trainer (its default in [roster]) and \
                 status ([roster], line 5) in [roster]; both keep their default keys",
                "keys.toml, line 8: x would run both pass ([practicum-rubric], line 7) and \
                 needs-work ([practicum-rubric], line 8) in [practicum-rubric]; both keep \
                 their default keys",
            ]
        );
        let map = &loaded.keymap;
        assert_eq!(
            map.resolve(Context::Roster, press('a')),
            Some(Action::AddTrainer)
        );
        assert_eq!(
            map.resolve(Context::Roster, press('c')),
            Some(Action::ChangeStatus)
        );
        assert_eq!(
            map.resolve(Context::PracticumRubric, press('p')),
            Some(Action::PassPracticum)
        );
        assert_eq!(
            map.resolve(Context::PracticumRubric, press('w')),
            Some(Action::NeedsWorkPracticum)
        );
        assert_eq!(
            map.resolve(Context::AtRisk, press('Z')),
            Some(Action::Snooze)
        );
    }

    #[test]
    fn a_command_left_without_keys_is_a_warning_and_applies() {
        let loaded = parse("[global]\ncycle-sort = []\n", "keys.toml");
        let problems: Vec<_> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            ["keys.toml, line 2: cycle-sort has no key in [global] now: it cannot be run there"]
        );
        assert_eq!(loaded.keymap.resolve(Context::Accounts, press('s')), None);
    }

    #[test]
    fn broken_toml_is_reported_by_line_and_what_parses_still_applies() {
        let text = "[at-risk]\nsnooze = \"Z\"\n[roster]\nstatus = \"S\n";
        let loaded = parse(text, "keys.toml");
        let problems: Vec<_> = loaded.problems.iter().map(ToString::to_string).collect();
        assert!(!problems.is_empty());
        assert!(
            problems
                .iter()
                .all(|problem| problem.starts_with("keys.toml, line 4: ")),
            "{problems:#?}"
        );
        assert_eq!(
            loaded.keymap.resolve(Context::AtRisk, press('Z')),
            Some(Action::Snooze)
        );
    }

    #[test]
    fn a_value_outside_any_section_is_reported() {
        let problems = problems_of("quit = \"Q\"\n");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with("keys.toml, line 1: quit is outside any section"),
            "{problems:#?}"
        );
        let problems = problems_of("global = \"Q\"\n");
        assert!(problems[0].starts_with("keys.toml, line 1: global must be a section"));
    }

    #[test]
    fn the_notice_gives_the_first_problem_and_counts_the_others() {
        let loaded = parse(
            "[nowhere]\n[roster]\nfly = \"f\"\nwalk = \"w\"\n",
            "keys.toml",
        );
        assert_eq!(
            loaded.notice().unwrap(),
            format!("{} (and 2 more: `t3 keys` lists them)", loaded.problems[0])
        );
    }

    #[test]
    fn a_missing_file_is_quiet_unless_it_was_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.toml");
        assert_eq!(load(&path, false).problems, []);
        let named = load(&path, true);
        assert_eq!(named.keymap, KeyMap::default());
        assert_eq!(
            named.notice().unwrap(),
            format!(
                "{}: there is no such file; the default keys apply",
                path.display()
            )
        );
        std::fs::write(&path, "[at-risk]\nsnooze = \"Z\"\n").unwrap();
        for loaded in [load(&path, false), load(&path, true)] {
            assert_eq!(loaded.problems, []);
            assert_eq!(
                loaded.keymap.resolve(Context::AtRisk, press('Z')),
                Some(Action::Snooze)
            );
        }
    }
}
