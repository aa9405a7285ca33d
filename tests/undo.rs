//! Undo, redo and the action log from the keyboard: `u` takes back the last action of the run
//! on whatever tab it was taken, leaving the file as it was before it, `Ctrl-R` writes it
//! again, and `@` lists what was done with the times.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, screen, typing};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rusqlite::types::Value;
use t3::domain::TrainerStatus;
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;
use t3::ui::keymap::Context;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("t3.db");
    let mut store = Store::open(&path).unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    path
}

fn open_app(path: &Path) -> App {
    App::new(
        Store::open(path).unwrap(),
        today(),
        Questionnaire::embedded().unwrap(),
    )
    .unwrap()
}

/// Every row of every table, read through a connection of its own: what the file holds.
fn contents(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rows = Vec::new();
    for table in tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let width = statement.column_count();
        let mut found: Vec<String> = statement
            .query_map([], |row| {
                let values: Vec<Value> = (0..width)
                    .map(|index| row.get(index))
                    .collect::<Result<_, _>>()?;
                Ok(format!("{table} {values:?}"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        found.sort();
        rows.extend(found);
    }
    rows
}

/// Fails naming the rows in one and not the other, rather than printing the whole file.
#[track_caller]
fn assert_same(found: &[String], expected: &[String]) {
    let missing: Vec<&String> = expected.iter().filter(|row| !found.contains(row)).collect();
    let extra: Vec<&String> = found.iter().filter(|row| !expected.contains(row)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
}

fn ctrl_r(app: &mut App) {
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
}

fn message(app: &App) -> String {
    app.message()
        .map(|message| message.text.clone())
        .unwrap_or_default()
}

/// Edits the first account's seats to 3000, on the Accounts tab.
fn edit_seats(app: &mut App) {
    typing(app, "1e");
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    for _ in 0..5 {
        key(app, KeyCode::Backspace);
    }
    typing(app, "3000");
    key(app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Accounts, "{}", message(app));
}

#[test]
fn an_account_edit_is_undone_and_redone() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    let before = contents(&path);

    edit_seats(&mut app);
    let after = contents(&path);
    assert!(before != after, "the edit was written");

    typing(&mut app, "u");
    assert!(
        message(&app).starts_with("Undid: Saved account Atlas Retail Partners"),
        "{}",
        message(&app)
    );
    assert_same(&contents(&path), &before);
    assert!(screen(&mut app).contains("Undid: Saved account"));

    ctrl_r(&mut app);
    assert_eq!(message(&app), "Redid: Saved account Atlas Retail Partners");
    assert_same(&contents(&path), &after);
    ctrl_r(&mut app);
    assert_eq!(message(&app), "Nothing to redo");
}

#[test]
fn nothing_to_undo_at_the_start_of_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    typing(&mut app, "u");
    assert!(
        message(&app).starts_with("Nothing to undo"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_status_change_on_the_roster_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    let before = contents(&path);

    typing(&mut app, "2/candidate");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "c");
    key(&mut app, KeyCode::Enter);
    let moved = message(&app);
    assert!(moved.ends_with("is now proposed"), "{moved}");

    typing(&mut app, "u");
    assert_eq!(message(&app), format!("Undid: {moved} (Ctrl-R redoes)"));
    assert_same(&contents(&path), &before);
}

#[test]
fn triage_on_at_risk_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    let before = contents(&path);

    typing(&mut app, "5a");
    assert!(
        message(&app).starts_with("Acknowledged"),
        "{}",
        message(&app)
    );
    assert!(contents(&path) != before, "nothing was written");
    typing(&mut app, "u");
    assert!(
        message(&app).starts_with("Undid: Acknowledged"),
        "{}",
        message(&app)
    );
    assert_same(&contents(&path), &before);
}

#[test]
fn attendance_marks_on_syncs_are_undone_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    let before = contents(&path);

    // The oldest sync is long held: taking attendance opens the list at once.
    typing(&mut app, "4Gt");
    assert_eq!(app.context(), Context::Attendance, "{}", message(&app));
    let opened = contents(&path);
    // Clearing the mark the demo gave the first trainer.
    typing(&mut app, "-");
    key(&mut app, KeyCode::Esc);
    assert!(contents(&path) != opened, "the mark is saved");

    typing(&mut app, "u");
    assert!(
        message(&app).starts_with("Undid: marking attendance"),
        "{}",
        message(&app)
    );
    assert_same(&contents(&path), &opened);
    typing(&mut app, "u");
    assert_same(&contents(&path), &before);
}

#[test]
fn a_deleted_session_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    let trainer = app
        .store()
        .trainer_rows()
        .unwrap()
        .into_iter()
        .find(|row| {
            row.trainer.status == TrainerStatus::Certified
                && !app
                    .store()
                    .sessions_of_trainer(row.trainer.id)
                    .unwrap()
                    .is_empty()
        })
        .unwrap();
    typing(&mut app, "2/");
    typing(&mut app, &trainer.trainer.fields.email);
    key(&mut app, KeyCode::Enter);
    let before = contents(&path);

    typing(&mut app, "L");
    assert_eq!(app.context(), Context::Sessions);
    typing(&mut app, "dy");
    assert!(
        message(&app).starts_with("Deleted the session"),
        "{}",
        message(&app)
    );
    assert!(contents(&path) != before, "nothing was written");
    // The session list covers the tab and has no `u`: closing it first, as a user would.
    key(&mut app, KeyCode::Esc);
    typing(&mut app, "u");
    assert!(
        message(&app).starts_with("Undid: Deleted the session"),
        "{}",
        message(&app)
    );
    assert_same(&contents(&path), &before);
}

#[test]
fn undo_reaches_across_tabs_latest_first_and_redo_goes_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    let before = contents(&path);

    edit_seats(&mut app);
    let edited = contents(&path);
    typing(&mut app, "5a");
    let acknowledged = contents(&path);
    typing(&mut app, "2");
    assert_eq!(app.context(), Context::Roster);

    typing(&mut app, "u");
    assert!(
        message(&app).starts_with("Undid: Acknowledged"),
        "{}",
        message(&app)
    );
    assert_same(&contents(&path), &edited);
    typing(&mut app, "3u");
    assert!(
        message(&app).starts_with("Undid: Saved account"),
        "{}",
        message(&app)
    );
    assert_same(&contents(&path), &before);

    ctrl_r(&mut app);
    assert_same(&contents(&path), &edited);
    ctrl_r(&mut app);
    assert_same(&contents(&path), &acknowledged);
}

#[test]
fn a_new_action_after_an_undo_clears_the_redo() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    edit_seats(&mut app);
    typing(&mut app, "u");
    typing(&mut app, "5a");
    ctrl_r(&mut app);
    assert_eq!(message(&app), "Nothing to redo");
}

#[test]
fn the_action_log_lists_the_run_newest_first_with_times_and_undone_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    typing(&mut app, "@");
    assert_eq!(app.context(), Context::Report);
    assert!(screen(&mut app).contains("Nothing was changed since t3 started"));
    key(&mut app, KeyCode::Esc);

    edit_seats(&mut app);
    typing(&mut app, "5a");
    typing(&mut app, "u");
    typing(&mut app, "@");
    let text = screen(&mut app);
    let lines: Vec<&str> = text.lines().collect();
    let acknowledged = lines
        .iter()
        .position(|line| line.contains("Acknowledged") && line.contains("(undone)"))
        .unwrap_or_else(|| panic!("{text}"));
    let saved = lines
        .iter()
        .position(|line| line.contains("Saved account Atlas Retail Partners"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(acknowledged < saved, "newest first:\n{text}");
    assert!(!lines[saved].contains("(undone)"));
    let (before_label, _) = lines[saved].split_once("  Saved account").unwrap();
    let time: String = before_label.chars().rev().take(8).collect();
    let time: String = time.chars().rev().collect();
    assert!(
        chrono::NaiveTime::parse_from_str(&time, "%H:%M:%S").is_ok(),
        "HH:MM:SS: {}",
        lines[saved]
    );

    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::AtRisk);
}

#[test]
fn an_import_from_the_command_line_is_undone_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    let before = contents(&path);
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/good/accounts.csv");

    typing(&mut app, ":");
    typing(&mut app, &format!("import accounts {}", file.display()));
    key(&mut app, KeyCode::Enter);
    assert!(
        message(&app).starts_with("Imported accounts"),
        "{}",
        message(&app)
    );
    let imported = contents(&path);
    assert!(
        imported.len() >= before.len() + 2,
        "several rows were added"
    );
    key(&mut app, KeyCode::Esc);

    typing(&mut app, "u");
    assert!(
        message(&app).starts_with("Undid: Imported accounts"),
        "{}",
        message(&app)
    );
    assert_same(&contents(&path), &before);
    ctrl_r(&mut app);
    assert_same(&contents(&path), &imported);
}

#[test]
fn a_row_another_t3_changed_since_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    edit_seats(&mut app);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE account SET seats = 4444 WHERE name = 'Atlas Retail Partners'",
        [],
    )
    .unwrap();
    let theirs = contents(&path);

    app.tick();
    typing(&mut app, "u");
    let said = message(&app);
    assert!(
        said.starts_with("Cannot undo 'Saved account Atlas"),
        "{said}"
    );
    assert!(said.contains("Nothing was changed"), "{said}");
    assert_same(&contents(&path), &theirs);
}

#[test]
fn in_a_form_u_is_typed_not_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    edit_seats(&mut app);
    let after = contents(&path);
    typing(&mut app, "n");
    assert_eq!(app.context(), Context::Form);
    typing(&mut app, "u");
    assert_eq!(app.context(), Context::Form);
    assert_same(&contents(&path), &after);
}

#[test]
fn a_questionnaire_is_undone_by_its_submission_and_review_not_by_each_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let kilroy = common::add_fresh_candidate(&mut Store::open(&path).unwrap());
    let mut app = open_app(&path);
    typing(&mut app, "2/Kilroy");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "Q");
    for _ in 0..4 {
        typing(&mut app, "545");
        key(&mut app, KeyCode::PageDown);
    }
    assert_eq!(app.context(), Context::WizardSummary);
    let answered = contents(&path);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        common::status_of(app.store(), kilroy),
        TrainerStatus::Proposed
    );
    let submitted = contents(&path);
    typing(&mut app, "A");
    typing(&mut app, "Vendor QA");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        common::status_of(app.store(), kilroy),
        TrainerStatus::Selected
    );
    assert_eq!(
        app.store().undo_log().unwrap().len(),
        2,
        "the answers are no steps"
    );

    typing(&mut app, "u");
    assert_same(&contents(&path), &submitted);
    typing(&mut app, "u");
    assert_same(&contents(&path), &answered);
    assert_eq!(
        common::status_of(app.store(), kilroy),
        TrainerStatus::Candidate
    );
    typing(&mut app, "Q");
    assert!(
        screen(&mut app).contains("Draft resumed"),
        "the answers are kept"
    );
}

#[test]
fn a_recorded_practicum_goes_back_to_its_draft() {
    use t3::domain::certification::Module;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let mut store = Store::open(&path).unwrap();
    let account = common::add_account(&mut store, "Harbor City Transit");
    let grace = common::add_trainer(
        &mut store,
        account,
        "Grace Mensah",
        "grace@harbor.example",
        TrainerStatus::Selected,
    );
    for module in [
        Module::ExtendedAssessment,
        Module::FacilitationSkills,
        Module::TroubleshootingDeepDive,
    ] {
        let passed_on = NaiveDate::from_ymd_opt(2026, 5, 2).unwrap();
        store
            .record_module_completion(grace, &common::attempt(module, passed_on, 90))
            .unwrap();
    }
    drop(store);
    let mut app = open_app(&path);
    typing(&mut app, "3/Grace");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "p44444p");
    assert_eq!(app.context(), Context::PracticumRubric);
    let drafted = contents(&path);
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(
        message(&app).starts_with("Practicum recorded"),
        "{}",
        message(&app)
    );
    assert_eq!(
        app.store().undo_log().unwrap().len(),
        1,
        "the draft is no step"
    );

    typing(&mut app, "u");
    assert!(
        message(&app).starts_with("Undid: Practicum recorded"),
        "{}",
        message(&app)
    );
    assert_same(&contents(&path), &drafted);
    ctrl_r(&mut app);
    assert!(
        contents(&path)
            .iter()
            .any(|row| row.starts_with("module_completion") && row.contains("practicum"))
    );
}
