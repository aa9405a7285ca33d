//! Triage from the keyboard on the At risk tab: each action recorded with who and when, undone
//! by `u`, kept across restarts, and snoozes that end on their day.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, screen, typing};

use std::path::Path;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use t3::config::Config;
use t3::domain::questionnaire::Questionnaire;
use t3::domain::risk::FindingKey;
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

fn open_app(path: &Path, today: NaiveDate) -> App {
    let store = Store::open(path).unwrap();
    let mut app = App::new(store, today, Questionnaire::embedded().unwrap()).unwrap();
    let config = Config::parse("[triage]\nuser = \"Dana Whitfield\"\n", "config.toml").unwrap();
    app.set_config(&config).unwrap();
    key(&mut app, KeyCode::Char('5'));
    app
}

/// Every action in force, across all findings.
fn events(app: &App) -> Vec<TriageEvent> {
    let mut events: Vec<TriageEvent> = app
        .store()
        .triage_history()
        .unwrap()
        .into_values()
        .flatten()
        .collect();
    events.sort_by_key(|event| event.id);
    events
}

fn only_key(app: &App) -> FindingKey {
    let events = events(app);
    assert_eq!(events.len(), 1, "{events:?}");
    events[0].key
}

/// The findings line of the At risk tab's title: "N findings on M accounts".
fn title_count(screen: &str) -> usize {
    let title = screen
        .lines()
        .find(|line| line.contains(" At risk · "))
        .unwrap();
    let after = title.split(" At risk · ").nth(1).unwrap();
    after.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn each_triage_action_is_recorded_with_who_and_when_and_undone_by_u() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path, today());
    let cases: [(&str, &str, TriageAction); 5] = [
        ("a", "", TriageAction::Acknowledge),
        (
            "c",
            "Called Ana about the renewal",
            TriageAction::LogContact("Called Ana about the renewal".into()),
        ),
        (
            "z",
            "",
            TriageAction::Snooze(NaiveDate::from_ymd_opt(2026, 6, 22).unwrap()),
        ),
        (
            "A",
            "Priya Raman",
            TriageAction::Assign("Priya Raman".into()),
        ),
        (
            "r",
            "Renewal booked for next week",
            TriageAction::Resolve("Renewal booked for next week".into()),
        ),
    ];
    for (keys, text, expected) in cases {
        typing(&mut app, keys);
        if app.context() == Context::Form {
            typing(&mut app, text);
            key(&mut app, KeyCode::Enter);
        }
        assert_eq!(app.context(), Context::AtRisk, "{keys}: the form closed");
        let recorded = events(&app);
        assert_eq!(recorded.len(), 1, "{keys}: one action recorded");
        assert_eq!(recorded[0].action, expected);
        assert_eq!(recorded[0].actor, "Dana Whitfield", "who, from the config");
        assert_eq!(recorded[0].at.date(), today(), "when, on the app's today");

        key(&mut app, KeyCode::Char('u'));
        assert!(events(&app).is_empty(), "{keys}: undone");
        assert!(
            app.message().unwrap().text.starts_with("Undid: "),
            "{:?}",
            app.message()
        );
    }
    key(&mut app, KeyCode::Char('u'));
    assert!(app.message().unwrap().text.starts_with("Nothing to undo"));
}

#[test]
fn undo_takes_back_the_latest_action_first_and_the_list_follows() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path, today());
    let listed = title_count(&screen(&mut app));

    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Char('z'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        title_count(&screen(&mut app)),
        listed - 1,
        "the snoozed one left"
    );
    assert_eq!(events(&app).len(), 2);

    key(&mut app, KeyCode::Char('u'));
    assert_eq!(title_count(&screen(&mut app)), listed, "back after undo");
    let left = events(&app);
    assert_eq!(left.len(), 1);
    assert_eq!(
        left[0].action,
        TriageAction::Acknowledge,
        "the earlier action stays"
    );
}

#[test]
fn a_snooze_survives_a_restart_and_ends_on_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let listed;
    let snoozed;
    {
        let mut app = open_app(&path, today());
        listed = title_count(&screen(&mut app));
        key(&mut app, KeyCode::Char('z'));
        // 14 days: one step right on the choice.
        key(&mut app, KeyCode::Right);
        key(&mut app, KeyCode::Enter);
        snoozed = only_key(&app);
        assert!(
            app.message().unwrap().text.contains("2026-06-29"),
            "{:?}",
            app.message()
        );
    }
    let mut restarted = open_app(&path, today());
    let shown = screen(&mut restarted);
    assert_eq!(
        title_count(&shown),
        listed - 1,
        "still hidden after a restart"
    );
    assert!(shown.contains("1 snoozed or resolved (h shows)"), "{shown}");

    key(&mut restarted, KeyCode::Char('h'));
    let everything = screen(&mut restarted);
    assert_eq!(
        title_count(&everything),
        listed,
        "h brings it back into view"
    );
    assert!(everything.contains("snoozed to 06-29"), "{everything}");

    // Other findings come and go as the days pass; this one stays hidden to the last day.
    let day_before = NaiveDate::from_ymd_opt(2026, 6, 28).unwrap();
    let shown = screen(&mut open_app(&path, day_before));
    assert!(shown.contains("1 snoozed or resolved (h shows)"), "{shown}");
    let on_the_day = NaiveDate::from_ymd_opt(2026, 6, 29).unwrap();
    let mut back = open_app(&path, on_the_day);
    assert!(
        !screen(&mut back).contains("snoozed or resolved"),
        "back by itself on {on_the_day}"
    );
    assert_eq!(only_key(&back), snoozed, "nothing else changed");
}

#[test]
fn a_bad_snooze_date_is_named_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path, today());
    key(&mut app, KeyCode::Char('z'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Right);
    }
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "15/07/2026");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Form, "the form stays open");
    let shown = screen(&mut app);
    assert!(
        shown.contains("'15/07/2026' is not a date: use YYYY-MM-DD"),
        "{shown}"
    );
    assert!(events(&app).is_empty());

    for _ in 0..10 {
        key(&mut app, KeyCode::Backspace);
    }
    typing(&mut app, "2026-07-15");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::AtRisk);
    let recorded = events(&app);
    assert_eq!(
        recorded[0].action,
        TriageAction::Snooze(NaiveDate::from_ymd_opt(2026, 7, 15).unwrap())
    );
}

#[test]
fn empty_notes_and_reasons_are_refused_by_their_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path, today());
    for (keys, message) in [
        ("c", "the note cannot be empty"),
        ("A", "the person cannot be empty"),
        ("r", "the reason cannot be empty"),
    ] {
        typing(&mut app, keys);
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.context(), Context::Form, "{keys}");
        assert!(screen(&mut app).contains(message), "{keys}: {message}");
        key(&mut app, KeyCode::Esc);
        assert_eq!(
            app.context(),
            Context::AtRisk,
            "an untouched form just closes"
        );
    }
    assert!(events(&app).is_empty());
}

#[test]
fn the_detail_shows_the_evidence_and_the_triage_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_app(&path, today());
    key(&mut app, KeyCode::Char('c'));
    typing(&mut app, "Spoke to the VP");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('A'));
    typing(&mut app, "Marcus");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let detail = screen(&mut app);
    for expected in [
        "Why ",
        "Next step ",
        "renews ",
        "Trainers ",
        "assigned to Marcus",
        "2026-06-15",
        "Dana Whitfi",
        "contact logged: Spoke to the VP",
    ] {
        assert!(detail.contains(expected), "{expected}:\n{detail}");
    }
}

#[test]
fn a_resolved_finding_can_be_reopened_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let listed;
    {
        let mut app = open_app(&path, today());
        listed = title_count(&screen(&mut app));
        key(&mut app, KeyCode::Char('r'));
        typing(&mut app, "Handled on the QBR call");
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('o'));
        assert!(
            app.message().unwrap().text.contains("in the list already"),
            "the cursor moved on to a listed finding: {:?}",
            app.message()
        );
    }
    let mut app = open_app(&path, today());
    assert_eq!(title_count(&screen(&mut app)), listed - 1);
    // Shown again, the resolved finding is at the top of its account, just above the cursor,
    // which stays on the finding it was on.
    key(&mut app, KeyCode::Char('h'));
    key(&mut app, KeyCode::Char('k'));
    key(&mut app, KeyCode::Char('o'));
    assert!(
        app.message().unwrap().text.starts_with("Reopened"),
        "{:?}",
        app.message()
    );
    key(&mut app, KeyCode::Char('h'));
    let shown = screen(&mut app);
    assert_eq!(title_count(&shown), listed, "back in the list");
    assert!(!shown.contains("snoozed or resolved"), "{shown}");
}
