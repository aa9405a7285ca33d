//! `t3 --readonly`: every action that writes is refused with a message saying so, before any
//! form opens, in every context it is bound in; the database file is byte for byte what it was
//! after the app closes; the subcommands that write are refused; READ-ONLY is on the screen.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, screen, stderr_of, t3, typing};

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use expectrl::{Eof, Expect, Session};
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;
use t3::ui::action::Action;
use t3::ui::keymap::{self, Context};

const TODAY: &str = "2026-06-15";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn read_only_app(path: &Path) -> App {
    App::new(
        Store::open_read_only(path).unwrap(),
        today(),
        Questionnaire::embedded().unwrap(),
    )
    .unwrap()
}

fn refusal(action: Action) -> String {
    format!(
        "Read-only: {} is not allowed (opened with --readonly)",
        action.change().unwrap()
    )
}

#[track_caller]
fn assert_refused(app: &App, action: Action, context: Context) {
    let message = app.message().map(|message| message.text.clone());
    assert_eq!(
        message.as_deref(),
        Some(refusal(action).as_str()),
        "{action:?} in {context:?}"
    );
    assert_eq!(app.context(), context, "{action:?} opened nothing");
}

/// The contexts a read-only app reaches without writing, each with the keys that reach it.
const CONTEXTS: &[(&str, Context)] = &[
    ("1", Context::Accounts),
    ("2", Context::Roster),
    ("3", Context::Certification),
    ("4", Context::Syncs),
    ("5", Context::AtRisk),
    ("6", Context::Program),
    ("2L", Context::Sessions),
    ("R", Context::Releases),
];

#[test]
fn every_writing_action_is_refused_and_the_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_database(dir.path(), TODAY);
    let bytes = std::fs::read(&path).unwrap();
    let writing: Vec<Action> = Action::ALL
        .iter()
        .copied()
        .filter(|action| action.writes())
        .collect();
    assert!(writing.contains(&Action::AddAccount) && writing.contains(&Action::Undo));

    let mut app = read_only_app(&path);
    assert!(app.is_read_only());
    for action in &writing {
        app.apply(*action);
        assert_refused(&app, *action, Context::Accounts);
    }
    for (keys, context) in CONTEXTS {
        let mut app = read_only_app(&path);
        typing(&mut app, keys);
        assert_eq!(app.context(), *context, "reached by {keys}");
        for binding in keymap::bindings_for(*context) {
            if !binding.action.writes() {
                continue;
            }
            for pressed in binding.keys {
                app.handle_key(KeyEvent::new(pressed.code, pressed.modifiers));
                assert_refused(&app, binding.action, *context);
            }
        }
    }
    drop(app);

    assert!(std::fs::read(&path).unwrap() == bytes, "the file changed");
}

#[test]
fn read_only_shows_on_every_screen_and_reading_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_database(dir.path(), TODAY);
    let mut app = read_only_app(&path);
    for (keys, _) in CONTEXTS {
        typing(&mut app, keys);
        assert!(screen(&mut app).contains("READ-ONLY"), "after {keys}");
        key(&mut app, KeyCode::Esc);
    }
    typing(&mut app, "1?");
    assert_eq!(app.context(), Context::Help, "help opens");
    key(&mut app, KeyCode::Esc);
    typing(&mut app, "@");
    assert!(screen(&mut app).contains("opened with --readonly"));
    key(&mut app, KeyCode::Esc);
    typing(&mut app, "a");
    let text = screen(&mut app);
    assert!(
        text.contains("Read-only: adding an account is not allowed (opened with --readonly)"),
        "{text}"
    );
}

#[test]
fn an_import_from_the_command_line_is_refused_but_a_dry_run_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_database(dir.path(), TODAY);
    let bytes = std::fs::read(&path).unwrap();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/good/accounts.csv");
    let mut app = read_only_app(&path);

    typing(&mut app, ":");
    typing(&mut app, &format!("import accounts {}", csv.display()));
    key(&mut app, KeyCode::Enter);
    let said = app.message().unwrap().text.clone();
    assert!(
        said.starts_with("Read-only: importing is not allowed"),
        "{said}"
    );
    // The refused line stays to be corrected; this test types a new one.
    key(&mut app, KeyCode::Esc);

    typing(&mut app, ":");
    typing(
        &mut app,
        &format!("import accounts {} --dry-run", csv.display()),
    );
    key(&mut app, KeyCode::Enter);
    let said = app.message().unwrap().text.clone();
    assert!(said.starts_with("Dry run of accounts"), "{said}");
    drop(app);
    assert!(std::fs::read(&path).unwrap() == bytes, "the file changed");
}

#[test]
fn the_subcommands_that_write_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_database(dir.path(), TODAY);
    let bytes = std::fs::read(&path).unwrap();
    let db = path.to_str().unwrap();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/good/accounts.csv");
    let csv = csv.to_str().unwrap();

    let refused: [&[&str]; 3] = [
        &["--readonly", "--db", db, "demo", "--reset"],
        &["--db", db, "import", "accounts", csv, "--readonly"],
        &["--readonly", "--demo", "demo"],
    ];
    for args in refused {
        let output = t3(dir.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr_of(&output).contains("--readonly refuses this"),
            "{args:?}: {}",
            stderr_of(&output)
        );
    }
    let output = t3(dir.path())
        .args([
            "--readonly",
            "--db",
            db,
            "import",
            "accounts",
            csv,
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let output = t3(dir.path())
        .args(["--readonly", "--db", db, "export", "accounts"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));

    assert!(std::fs::read(&path).unwrap() == bytes, "the file changed");
}

#[test]
fn a_missing_or_older_file_is_refused_rather_than_written() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing.db");
    let output = t3(dir.path())
        .args(["--readonly", "--db", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("--readonly opens an existing database"));
    assert!(!missing.exists(), "nothing created");

    let older: PathBuf = dir.path().join("older.db");
    rusqlite::Connection::open(&older)
        .unwrap()
        .execute_batch("CREATE TABLE account (id INTEGER PRIMARY KEY)")
        .unwrap();
    let bytes = std::fs::read(&older).unwrap();
    let output = t3(dir.path())
        .args(["--readonly", "--db", older.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let said = stderr_of(&output);
    assert!(said.contains("older than this t3"), "{said}");
    assert!(std::fs::read(&older).unwrap() == bytes, "not migrated");
}

#[test]
fn the_app_in_a_terminal_says_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_database(dir.path(), TODAY);
    let bytes = std::fs::read(&path).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_t3"));
    command
        .args([
            "--readonly",
            "--db",
            path.to_str().unwrap(),
            "--today",
            TODAY,
        ])
        .env_remove("T3_DB")
        .env_remove("T3_LOG")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("TERM", "xterm-256color");
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session.expect("READ-ONLY").unwrap();
    session.send("a").unwrap();
    session.expect("not allowed").unwrap();
    session.send("q").unwrap();
    session.expect(Eof).unwrap();

    assert!(std::fs::read(&path).unwrap() == bytes, "the file changed");
}
