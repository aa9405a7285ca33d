//! Marks from the keyboard: `Space`, `V` and `*` pick rows, one triage, status or attendance
//! action covers them all in one transaction (asking first above 20 rows), `y` copies them
//! through OSC 52 and `Ctrl-E` writes them to a CSV file.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{
    add_account, add_trainer, at, day, key, screen, screen_lines, status_of, sync_fields, typing,
};

use std::path::Path;

use base64::Engine as _;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use t3::config::Config;
use t3::domain::TrainerStatus;
use t3::domain::questionnaire::Questionnaire;
use t3::domain::sync::{Attendance, SyncState};
use t3::domain::triage::{TriageAction, TriageEvent};
use t3::store::Store;
use t3::ui::App;
use t3::ui::keymap::Context;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn demo_file(dir: &Path) -> std::path::PathBuf {
    common::demo_file_without_triage(dir, today())
}

fn open_app(path: &Path) -> App {
    let store = Store::open(path).unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    let config = Config::parse("[triage]\nuser = \"Dana Whitfield\"\n", "config.toml").unwrap();
    app.set_config(&config).unwrap();
    app
}

fn events(app: &App) -> Vec<TriageEvent> {
    app.store()
        .triage_history()
        .unwrap()
        .into_values()
        .flatten()
        .collect()
}

fn message(app: &App) -> String {
    app.message()
        .map(|message| message.text.clone())
        .unwrap_or_default()
}

/// The count the status line shows, read off the screen: "N marked", or 0 without one.
fn marked_on_screen(app: &mut App) -> usize {
    let lines = screen_lines(app, 120, 40);
    lines[38]
        .split(" marked")
        .next()
        .filter(|_| lines[38].contains(" marked · "))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or(0)
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

#[test]
fn every_finding_shown_snoozes_in_one_go_after_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    key(&mut app, KeyCode::Char('5'));
    let open_before = screen(&mut app);
    key(&mut app, KeyCode::Char('*'));
    let marked = marked_on_screen(&mut app);
    assert!(
        marked > 20,
        "the demo lists {marked} findings; the test needs more than 20"
    );
    assert_eq!(
        message(&app),
        "Marked every row shown (Esc clears the marks)"
    );

    key(&mut app, KeyCode::Char('z'));
    assert!(screen(&mut app).contains(&format!("Snooze {marked} marked findings")));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Confirm);
    assert!(screen(&mut app).contains(&format!("Snooze {marked} findings until 2026-06-22?")));
    assert!(
        events(&app).is_empty(),
        "nothing is written before the answer"
    );

    typing(&mut app, "y");
    assert_eq!(
        message(&app),
        format!("Snoozed {marked} findings until 2026-06-22: back in the list then")
    );
    let events = events(&app);
    assert_eq!(events.len(), marked);
    assert!(
        events.iter().all(|event| event.action
            == TriageAction::Snooze(NaiveDate::from_ymd_opt(2026, 6, 22).unwrap()))
    );
    assert_eq!(
        marked_on_screen(&mut app),
        0,
        "the marks clear once acted on"
    );
    assert_ne!(screen(&mut app), open_before);
}

#[test]
fn the_lapsed_findings_filtered_and_marked_snooze_without_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    key(&mut app, KeyCode::Char('5'));
    typing(&mut app, "/lapsed");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('*'));
    let marked = marked_on_screen(&mut app);
    assert!(
        (10..=20).contains(&marked),
        "{marked} lapsed findings in the demo"
    );
    typing(&mut app, "z");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        message(&app),
        format!("Snoozed {marked} findings until 2026-06-29: back in the list then")
    );
    assert_eq!(events(&app).len(), marked);
}

#[test]
fn no_to_the_question_writes_nothing_and_keeps_the_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('*'));
    let marked = marked_on_screen(&mut app);
    typing(&mut app, "a");
    assert!(screen(&mut app).contains(&format!("Acknowledge {marked} findings?")));
    typing(&mut app, "n");
    assert!(events(&app).is_empty());
    assert_eq!(marked_on_screen(&mut app), marked);
}

#[test]
fn a_few_marked_findings_are_acknowledged_at_once_without_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(marked_on_screen(&mut app), 3);
    typing(&mut app, "a");
    assert_eq!(message(&app), "Acknowledged 3 findings");
    assert_eq!(events(&app).len(), 3);
    typing(&mut app, "a");
    assert_eq!(
        events(&app).len(),
        4,
        "unmarked, a acts on the selected finding again"
    );
}

#[test]
fn a_bulk_acknowledge_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path);
    key(&mut app, KeyCode::Char('5'));
    typing(&mut app, "   ");
    // Another connection makes the third finding's insert fail, after the first two.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER refuse_third BEFORE INSERT ON triage_event
             WHEN (SELECT count(*) FROM triage_event WHERE undone = 0) >= 2
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
        )
        .unwrap();
    typing(&mut app, "a");
    assert!(app.message().unwrap().is_error, "{}", message(&app));
    assert!(events(&app).is_empty(), "none of the three was recorded");
    assert_eq!(marked_on_screen(&mut app), 3, "the marks stay to try again");
}

#[test]
fn marked_trainers_change_status_together_and_the_stuck_ones_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    key(&mut app, KeyCode::Char('2'));
    typing(&mut app, "/candidate");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('*'));
    let candidates = marked_on_screen(&mut app);
    assert!(candidates >= 2);
    key(&mut app, KeyCode::Esc);
    assert_eq!(marked_on_screen(&mut app), 0, "Esc clears the marks first");
    assert!(
        screen(&mut app).contains("filter /"),
        "and keeps the filter"
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('g'));

    // The first six by name: certifying, candidate, selected, inactive, certified, lapsed.
    key(&mut app, KeyCode::Char(' '));
    typing(&mut app, "jjjj");
    typing(&mut app, "V");
    assert_eq!(marked_on_screen(&mut app), 6);
    let before = app.store().trainer_rows().unwrap();
    typing(&mut app, "c");
    assert_eq!(app.context(), Context::Picker);
    assert!(screen(&mut app).contains("Status of 6 marked trainers"));
    // Inactive, the last status offered: anyone can leave the role, unless they already have.
    typing(&mut app, "jjjjjjj");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        message(&app),
        "Moved 5 trainers to inactive; skipped 1: their status cannot move to inactive"
    );
    let now = app.store().trainer_rows().unwrap();
    let changed = before
        .iter()
        .zip(&now)
        .filter(|(before, after)| before.trainer.status != after.trainer.status)
        .count();
    assert_eq!(changed, 5, "the five and nobody else");
    assert_eq!(marked_on_screen(&mut app), 0);
}

#[test]
fn marked_invitees_take_one_attendance_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let held = app
        .store()
        .sync_rows()
        .unwrap()
        .into_iter()
        .filter(|row| row.sync.state == SyncState::Held && row.invited >= 3)
        .max_by_key(|row| row.sync.fields.starts_at)
        .unwrap();
    key(&mut app, KeyCode::Char('4'));
    let title = held.sync.fields.title.clone();
    typing(&mut app, &format!("/{title}"));
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "t");
    assert_eq!(app.context(), Context::Attendance);
    key(&mut app, KeyCode::Char('*'));
    assert!(screen(&mut app).contains(&format!("{} marked", held.invited)));
    typing(&mut app, "r");
    let expected = usize::try_from(held.invited).unwrap();
    if expected > 20 {
        typing(&mut app, "y");
    }
    let invitees_now = app.store().invitees(held.sync.id).unwrap();
    assert!(
        invitees_now
            .iter()
            .all(|invitee| invitee.attendance == Some(Attendance::Recording)),
        "{invitees_now:?}"
    );
    assert_eq!(
        app.context(),
        Context::Attendance,
        "the checklist stays open"
    );
    assert_eq!(
        message(&app),
        format!("Marked {expected} trainers recording")
    );

    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.context(),
        Context::Attendance,
        "Esc clears the marks first"
    );
    typing(&mut app, "a");
    let absent = app
        .store()
        .invitees(held.sync.id)
        .unwrap()
        .into_iter()
        .filter(|invitee| invitee.attendance == Some(Attendance::Absent))
        .count();
    assert_eq!(
        absent, 1,
        "unmarked, a key marks the trainer under the cursor"
    );
}

fn copied(app: &mut App) -> String {
    let sequence = app.take_clipboard().unwrap();
    let encoded = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|rest| rest.strip_suffix('\x07'))
        .unwrap();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn y_copies_the_selected_or_marked_rows_as_tab_separated_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    typing(&mut app, "y");
    assert_eq!(message(&app), "Copied 1 row");
    let text = copied(&mut app);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("Account\tSegment\tSeats\t"));
    assert!(lines[1].starts_with("Atlas Retail Partners\t"));
    assert_eq!(app.take_clipboard(), None, "handed over once");

    key(&mut app, KeyCode::Char('2'));
    typing(&mut app, "   y");
    assert_eq!(message(&app), "Copied 3 rows");
    assert_eq!(copied(&mut app).lines().count(), 4);
    assert_eq!(marked_on_screen(&mut app), 3, "copying keeps the marks");
}

#[test]
fn ctrl_e_writes_the_marked_or_shown_rows_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    key(&mut app, KeyCode::Char('5'));
    ctrl(&mut app, 'e');
    let file = dir.path().join("at-risk-2026-06-15.csv");
    assert!(
        message(&app).ends_with(&file.display().to_string()),
        "{}",
        message(&app)
    );
    let all = std::fs::read_to_string(&file).unwrap();
    assert!(all.starts_with("Severity,Account,Rule,Trainer,Reason,Suggested action\n"));
    let shown = all.lines().count() - 1;
    assert!(message(&app).starts_with(&format!("Wrote the {shown} shown rows to ")));

    typing(&mut app, "  ");
    ctrl(&mut app, 'e');
    assert!(message(&app).starts_with("Wrote the 2 marked rows to "));
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 3);
}

#[test]
fn marks_show_beside_the_rows_and_their_count_in_the_status_line() {
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    key(&mut app, KeyCode::Char('2'));
    typing(&mut app, " j jV");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn attendance_for_someone_not_invited_changes_nobody() {
    let mut store = Store::in_memory().unwrap();
    let account = add_account(&mut store, "Kestrel Insurance");
    let mut trainer = |name: &str| {
        let email = format!("{}@example.com", name.to_lowercase());
        add_trainer(&mut store, account, name, &email, TrainerStatus::Certified)
    };
    let (ana, liam, outsider) = (trainer("Ana"), trainer("Liam"), trainer("Noor"));
    let batch = store.batch().unwrap();
    let starts_at = at(day(2026, 6, 1), 16, 0);
    let fields = sync_fields("Trainer Sync", starts_at, chrono_tz::UTC);
    let sync = batch
        .insert_sync(&fields, SyncState::Held, "sync@t3", &[ana, liam])
        .unwrap();
    batch.commit().unwrap();

    let refused = store.set_attendance_all(sync, &[ana, outsider, liam], Some(Attendance::Live));
    assert!(refused.is_err());
    let marks = |store: &Store| -> Vec<Option<Attendance>> {
        let invitees = store.invitees(sync).unwrap();
        invitees.iter().map(|invitee| invitee.attendance).collect()
    };
    assert_eq!(marks(&store), vec![None, None], "Ana was not marked either");
    store
        .set_attendance_all(sync, &[ana, liam], Some(Attendance::Live))
        .unwrap();
    assert_eq!(marks(&store), vec![Some(Attendance::Live); 2]);
    store.set_attendance_all(sync, &[liam], None).unwrap();
    assert_eq!(marks(&store), vec![Some(Attendance::Live), None]);
}

#[test]
fn status_moves_skip_the_trainers_who_cannot_make_them() {
    let mut store = Store::in_memory().unwrap();
    let account = add_account(&mut store, "Kestrel Insurance");
    let mut trainer = |name: &str, status| {
        let email = format!("{}@example.com", name.to_lowercase());
        add_trainer(&mut store, account, name, &email, status)
    };
    let ana = trainer("Ana", TrainerStatus::Candidate);
    let liam = trainer("Liam", TrainerStatus::Certified);
    let noor = trainer("Noor", TrainerStatus::Candidate);
    let moves = store
        .move_trainer_statuses(&[ana, liam, noor], TrainerStatus::Proposed)
        .unwrap();
    assert_eq!((moves.moved, moves.skipped), (vec![ana, noor], vec![liam]));
    assert_eq!(status_of(&store, ana), TrainerStatus::Proposed);
    assert_eq!(status_of(&store, liam), TrainerStatus::Certified);
}

#[test]
fn marks_sit_on_the_first_line_of_two_line_findings() {
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    key(&mut app, KeyCode::Char('5'));
    typing(&mut app, "  j ");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    insta::assert_snapshot!(terminal.backend());
}
