//! A bulk action is one step of the run's history: `u` takes back every row it changed at
//! once, `Ctrl-R` does them all again, and a typed `:snooze` on marked findings is the same
//! single step as the key.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, screen, typing};

use std::path::Path;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn demo_file(dir: &Path) -> std::path::PathBuf {
    common::demo_file_without_triage(dir, today())
}

fn open_app(path: &Path) -> App {
    App::new(
        Store::open(path).unwrap(),
        today(),
        Questionnaire::embedded().unwrap(),
    )
    .unwrap()
}

fn triage_count(app: &App) -> usize {
    app.store()
        .triage_history()
        .unwrap()
        .into_values()
        .map(|events| events.len())
        .sum()
}

fn message(app: &App) -> String {
    app.message()
        .map(|message| message.text.clone())
        .unwrap_or_default()
}

fn redo(app: &mut App) {
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
}

/// Marks every lapsed-certification finding on the At risk tab; returns how many.
fn mark_lapsed(app: &mut App) -> usize {
    key(app, KeyCode::Char('5'));
    typing(app, "/lapsed");
    key(app, KeyCode::Enter);
    key(app, KeyCode::Char('*'));
    // The count leads the status line: "14 marked · …".
    let screen = screen(app);
    screen
        .lines()
        .find_map(|line| line.split_once(" marked · "))
        .and_then(|(count, _)| count.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count on\n{screen}"))
}

#[test]
fn a_bulk_snooze_is_undone_and_redone_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let marked = mark_lapsed(&mut app);
    assert!(marked >= 10, "{marked} lapsed findings in the demo");
    typing(&mut app, "z");
    key(&mut app, KeyCode::Enter);
    assert_eq!(triage_count(&app), marked);

    typing(&mut app, "u");
    assert!(message(&app).starts_with("Undid: "), "{}", message(&app));
    assert_eq!(
        triage_count(&app),
        0,
        "one u takes back every marked finding"
    );
    typing(&mut app, "u");
    assert!(message(&app).starts_with("Nothing to undo"));

    redo(&mut app);
    assert!(message(&app).starts_with("Redid: "), "{}", message(&app));
    assert_eq!(triage_count(&app), marked, "Ctrl-R snoozes them all again");
}

#[test]
fn a_typed_snooze_covers_the_marked_findings_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let marked = mark_lapsed(&mut app);
    typing(&mut app, ":snooze 14d");
    key(&mut app, KeyCode::Enter);
    assert_eq!(triage_count(&app), marked, "{}", message(&app));

    // Undone from another tab: the history is the run's, not the tab's.
    key(&mut app, KeyCode::Char('1'));
    typing(&mut app, "u");
    assert_eq!(triage_count(&app), 0, "{}", message(&app));
}

#[test]
fn typed_commands_that_write_are_refused_read_only_and_the_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    // Settle the WAL into the file so the bytes compared are the whole database.
    drop(Store::open(&path).unwrap());
    let before = std::fs::read(&path).unwrap();
    let csv = dir.path().join("accounts.csv");
    std::fs::write(&csv, "name,segment,seats\nNew Co,SMB,40\n").unwrap();
    {
        let mut app = App::new(
            Store::open_read_only(&path).unwrap(),
            today(),
            Questionnaire::embedded().unwrap(),
        )
        .unwrap();
        key(&mut app, KeyCode::Char('5'));
        for line in [
            "snooze 14d".to_string(),
            "assign dana".to_string(),
            "resolve renewed".to_string(),
            "acknowledge".to_string(),
            format!("import accounts {}", csv.display()),
        ] {
            typing(&mut app, &format!(":{line}"));
            key(&mut app, KeyCode::Enter);
            let said = message(&app);
            assert!(said.starts_with("Read-only: "), "{line}: {said}");
            key(&mut app, KeyCode::Esc);
        }
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
