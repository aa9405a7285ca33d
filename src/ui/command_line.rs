//! The `:` command line, for actions with no key of their own: `import KIND PATH` brings a CSV
//! file in, with the report in a popup.
//!
//! Commands are named as the headless subcommands are (`t3 import accounts crm.csv` is
//! `:import accounts crm.csv`), so what a user learns in one works in the other.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::safe_text::sanitize;
use super::theme;
use crate::import::Kind;

/// The line being typed after `:`.
pub struct CommandLine {
    input: TextArea<'static>,
}

impl CommandLine {
    pub fn new() -> Self {
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::new());
        Self { input }
    }

    /// A key typed into the line; a line break would run the command, which Enter's binding
    /// does, so it is never text.
    pub fn type_key(&mut self, key: KeyEvent) {
        let breaks_line = key.code == KeyCode::Enter
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j')));
        if !breaks_line {
            self.input.input(key);
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.input
            .insert_str(sanitize(&text.replace(['\r', '\n'], " ")));
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    /// Draws the line where the status message goes: `:` and what is typed.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let [prompt, input] =
            Layout::horizontal([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        frame.render_widget(Paragraph::new(Span::styled(":", theme::KEY)), prompt);
        frame.render_widget(&self.input, input);
    }
}

/// A command the line understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `import KIND PATH [--dry-run]`
    Import {
        kind: Kind,
        path: PathBuf,
        dry_run: bool,
    },
}

/// What the line accepts, for messages.
const USAGE: &str = "import KIND PATH [--dry-run]";

/// Reads a command line. A path may hold spaces (everything after the kind is the path), and
/// `~/` means the home folder. Whatever is wrong is said with what was expected.
pub fn parse(text: &str, home: Option<&std::path::Path>) -> Result<Command, String> {
    let text = text.trim();
    let (name, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    match name {
        "" => Err(format!("Type a command: {USAGE}")),
        "import" => parse_import(rest.trim(), home),
        other => Err(format!(
            "'{}' is not a command t3 knows: {USAGE}",
            sanitize(other)
        )),
    }
}

fn parse_import(rest: &str, home: Option<&std::path::Path>) -> Result<Command, String> {
    let kinds: Vec<&str> = Kind::ALL.iter().map(|kind| kind.as_str()).collect();
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    let dry_run = words.contains(&"--dry-run");
    words.retain(|word| *word != "--dry-run");
    let Some((kind, path_words)) = words.split_first() else {
        return Err(format!(
            "import needs what and from where: {USAGE} (KIND is {})",
            kinds.join(", ")
        ));
    };
    let kind: Kind = kind.parse()?;
    if path_words.is_empty() {
        return Err(format!("import {kind} needs the file to read: {USAGE}"));
    }
    let typed = path_words.join(" ");
    let path = match (typed.strip_prefix("~/"), home) {
        (Some(below), Some(home)) => home.join(below),
        _ => PathBuf::from(&typed),
    };
    Ok(Command::Import {
        kind,
        path,
        dry_run,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn import_takes_a_kind_and_a_path_with_spaces() {
        assert_eq!(
            parse("import accounts /tmp/CRM export.csv", None),
            Ok(Command::Import {
                kind: Kind::Accounts,
                path: PathBuf::from("/tmp/CRM export.csv"),
                dry_run: false,
            })
        );
        assert_eq!(
            parse(
                "  import Trainers ~/roster.csv --dry-run ",
                Some(Path::new("/home/dana"))
            ),
            Ok(Command::Import {
                kind: Kind::Trainers,
                path: PathBuf::from("/home/dana/roster.csv"),
                dry_run: true,
            })
        );
    }

    #[test]
    fn what_is_wrong_is_said_with_what_was_expected() {
        let error = parse("imprt accounts x.csv", None).unwrap_err();
        assert!(error.contains("'imprt' is not a command"), "{error}");
        assert!(error.contains(USAGE), "{error}");
        let error = parse("import", None).unwrap_err();
        assert!(error.contains("accounts, trainers"), "{error}");
        let error = parse("import widgets x.csv", None).unwrap_err();
        assert!(error.contains("'widgets'"), "{error}");
        let error = parse("import snapshots", None).unwrap_err();
        assert!(error.contains("needs the file"), "{error}");
        assert!(parse("   ", None).unwrap_err().contains(USAGE));
    }
}
