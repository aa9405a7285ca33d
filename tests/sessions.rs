//! Training sessions from the keyboard: logged from the Roster and from an account, checked
//! field by field, corrected and deleted from the trainer's list, and refused for trainers
//! who do not deliver sessions yet, each checked against the file and the drawn screen.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, screen, typing};

use std::path::Path;

use chrono::{Days, NaiveDate};
use crossterm::event::KeyCode;
use t3::domain::program::{LoggedSession, TrainingSession};
use t3::domain::questionnaire::Questionnaire;
use t3::domain::{AccountId, TrainerId, TrainerRow, TrainerStatus};
use t3::store::Store;
use t3::ui::App;
use t3::ui::keymap::Context;

fn today() -> NaiveDate {
    common::day(2026, 6, 15)
}

/// The demo portfolio on file, as a user would have it.
fn demo_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("t3.db");
    let mut store = Store::open(&path).unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    path
}

fn open_app(path: &Path) -> App {
    let store = Store::open(path).unwrap();
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

/// Empties the focused field, whatever it was filled with.
fn clear_field(app: &mut App) {
    for _ in 0..80 {
        key(app, KeyCode::Backspace);
    }
}

/// The first trainer, by name, who shows as `status` today.
fn trainer_in(app: &App, status: TrainerStatus) -> TrainerRow {
    app.store()
        .trainer_rows()
        .unwrap()
        .into_iter()
        .find(|row| row.status_on(today()) == status)
        .unwrap()
}

/// Puts the Roster's cursor on `trainer` by filtering on their email, which no one shares.
fn select_on_roster(app: &mut App, trainer: &TrainerRow) {
    typing(app, "2/");
    typing(app, &trainer.trainer.fields.email);
    key(app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Roster);
}

fn sessions_of(app: &App, trainer: TrainerId) -> Vec<LoggedSession> {
    app.store().sessions_of_trainer(trainer).unwrap()
}

fn all_sessions(app: &App) -> Vec<TrainingSession> {
    app.store().sessions().unwrap()
}

/// Fills the open session form from the date on: Tab moves through topic, attendees and
/// minutes, each emptied first.
fn fill_session(app: &mut App, held_on: &str, topic: &str, attendees: &str, minutes: &str) {
    for (index, value) in [held_on, topic, attendees, minutes].into_iter().enumerate() {
        if index > 0 {
            key(app, KeyCode::Tab);
        }
        clear_field(app);
        typing(app, value);
    }
}

#[test]
fn a_session_logged_from_the_roster_is_saved_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let trainer = trainer_in(&app, TrainerStatus::Certified);
    let before = sessions_of(&app, trainer.trainer.id).len();
    select_on_roster(&mut app, &trainer);

    typing(&mut app, "l");
    assert_eq!(app.context(), Context::Form);
    let text = screen(&mut app);
    assert!(
        text.contains("2026-06-15"),
        "the date starts at today: {text}"
    );
    assert!(text.contains("60"), "an hour unless said otherwise: {text}");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "Dashboards  for\tteam leads ");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "18");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Roster, "{:?}", app.message());
    let sessions = sessions_of(&app, trainer.trainer.id);
    assert_eq!(sessions.len(), before + 1);
    let logged = &sessions[0].session;
    assert_eq!(logged.held_on, today());
    assert_eq!(logged.topic, "Dashboards for team leads");
    assert_eq!((logged.attendees, logged.duration_minutes), (18, 60));
    assert_eq!(logged.account, trainer.trainer.fields.account_id);
    let text = screen(&mut app);
    assert!(
        text.contains("Logged") && text.contains("2026-06-15, Dashboards for team leads, 18"),
        "{text}"
    );
}

#[test]
fn the_roster_counts_sessions_back_to_the_ninetieth_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let trainer = trainer_in(&app, TrainerStatus::Certified);
    select_on_roster(&mut app, &trainer);
    // The number under the 90d heading in the selected row.
    let count = |app: &mut App| -> u32 {
        let text = screen(app);
        let column = |line: &str| line.chars().collect::<Vec<_>>();
        let header = text.lines().find(|line| line.contains(" 90d ")).unwrap();
        let at = column(header)
            .windows(3)
            .position(|cells| cells == ['9', '0', 'd'])
            .unwrap();
        let row = text.lines().find(|line| line.contains("▶ ")).unwrap();
        column(row)[at..at + 3]
            .iter()
            .collect::<String>()
            .trim()
            .parse()
            .unwrap()
    };
    let before = count(&mut app);
    for days_ago in [91, 90] {
        let held_on = today().checked_sub_days(Days::new(days_ago)).unwrap();
        typing(&mut app, "l");
        fill_session(
            &mut app,
            &held_on.to_string(),
            "Reporting basics",
            "9",
            "60",
        );
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.context(), Context::Roster, "{:?}", app.message());
    }
    assert_eq!(count(&mut app), before + 1, "91 days ago is out, 90 is in");
}

#[test]
fn bad_input_is_shown_by_its_field_and_nothing_is_written_until_it_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let trainer = trainer_in(&app, TrainerStatus::Certified);
    let before = all_sessions(&app);
    select_on_roster(&mut app, &trainer);

    typing(&mut app, "l");
    fill_session(
        &mut app,
        "2026-06-16",
        "Approvals walkthrough",
        "a dozen",
        "0",
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Form);
    assert_eq!(all_sessions(&app), before, "nothing written");
    let text = screen(&mut app);
    assert!(
        text.contains("⚠ 2026-06-16 is after today: log a session once it is held"),
        "{text}"
    );
    assert!(
        text.contains("⚠ 'a dozen' is not a number of attendees from 0 to 10000"),
        "{text}"
    );
    assert!(
        text.contains("⚠ '0' is not a duration in minutes from 1 to 1440"),
        "{text}"
    );
    assert!(
        text.contains("Approvals walkthrough"),
        "typed text kept: {text}"
    );

    // The cursor went to the first field in error, the date.
    clear_field(&mut app);
    typing(&mut app, "2026-06-14");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    clear_field(&mut app);
    typing(&mut app, "12");
    key(&mut app, KeyCode::Tab);
    clear_field(&mut app);
    typing(&mut app, "50");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Roster, "{:?}", app.message());
    let logged = &sessions_of(&app, trainer.trainer.id)[0].session;
    assert_eq!(
        (logged.held_on, logged.topic.as_str(), logged.attendees),
        (common::day(2026, 6, 14), "Approvals walkthrough", 12)
    );
    assert_eq!(logged.duration_minutes, 50);
}

#[test]
fn a_correction_changes_the_stored_session_and_returns_to_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let trainer = trainer_in(&app, TrainerStatus::Certified);
    select_on_roster(&mut app, &trainer);
    let before = sessions_of(&app, trainer.trainer.id);
    assert!(before.len() >= 2, "the demo trainer delivers: {before:?}");

    typing(&mut app, "L");
    assert_eq!(app.context(), Context::Sessions);
    let text = screen(&mut app);
    assert!(text.contains("Sessions · "), "{text}");
    assert!(text.contains(&before[0].session.topic), "{text}");

    // Esc on an untouched form goes back to the list; the second session is corrected.
    typing(&mut app, "e");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Sessions);
    typing(&mut app, "je");
    assert_eq!(app.context(), Context::Form);
    let target = &before[1];
    fill_session(
        &mut app,
        &target.session.held_on.to_string(),
        "Troubleshooting clinic, part two",
        "21",
        "75",
    );
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Sessions, "{:?}", app.message());
    let after = app.store().session(target.id).unwrap().unwrap().session;
    assert_eq!(after.topic, "Troubleshooting clinic, part two");
    assert_eq!((after.attendees, after.duration_minutes), (21, 75));
    assert_eq!(
        (after.trainer, after.account, after.held_on),
        (
            target.session.trainer,
            target.session.account,
            target.session.held_on
        )
    );
    assert_eq!(sessions_of(&app, trainer.trainer.id).len(), before.len());
    let text = screen(&mut app);
    assert!(text.contains("Corrected the session"), "{text}");
    assert!(text.contains("Troubleshooting clinic, part two"), "{text}");

    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Roster);
}

#[test]
fn a_delete_asks_first_and_no_or_esc_keeps_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let trainer = trainer_in(&app, TrainerStatus::Certified);
    select_on_roster(&mut app, &trainer);
    let before = sessions_of(&app, trainer.trainer.id);
    typing(&mut app, "L");

    for answer in [KeyCode::Char('n'), KeyCode::Esc] {
        typing(&mut app, "d");
        assert_eq!(app.context(), Context::Confirm);
        let text = screen(&mut app);
        assert!(
            text.contains(&format!(
                "Delete the session of {}",
                before[0].session.held_on
            )),
            "{text}"
        );
        key(&mut app, answer);
        assert_eq!(app.context(), Context::Sessions);
        assert_eq!(sessions_of(&app, trainer.trainer.id), before);
    }

    typing(&mut app, "dy");
    assert_eq!(app.context(), Context::Sessions);
    let after = sessions_of(&app, trainer.trainer.id);
    assert_eq!(after, before[1..], "the latest is gone, the rest kept");
    assert!(app.store().session(before[0].id).unwrap().is_none());
    let text = screen(&mut app);
    assert!(
        text.contains(&format!(
            "Deleted the session of {}",
            before[0].session.held_on
        )),
        "{text}"
    );
}

#[test]
fn a_session_logged_from_the_list_joins_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let trainer = trainer_in(&app, TrainerStatus::Lapsed);
    select_on_roster(&mut app, &trainer);
    let before = sessions_of(&app, trainer.trainer.id).len();
    typing(&mut app, "La");
    assert_eq!(app.context(), Context::Form, "{:?}", app.message());
    // Lapsed now, but the session was delivered while still certified.
    fill_session(&mut app, "2025-01-20", "Getting started", "7", "90");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Sessions, "{:?}", app.message());
    assert_eq!(sessions_of(&app, trainer.trainer.id).len(), before + 1);
    assert!(screen(&mut app).contains("Getting started"));
}

/// An active demo account with at least two trainers who deliver sessions, and those trainers
/// in the order the form offers them: certified ones first.
fn account_with_deliverers(app: &App) -> (AccountId, String, Vec<TrainerId>) {
    let store = app.store();
    store
        .account_rows(today())
        .unwrap()
        .into_iter()
        .find_map(|row| {
            let mut trainers: Vec<TrainerRow> = store
                .trainers_of_account(row.account.id)
                .unwrap()
                .into_iter()
                .filter(|trainer| {
                    matches!(
                        trainer.status_on(today()),
                        TrainerStatus::Certified | TrainerStatus::Lapsed
                    )
                })
                .collect();
            trainers.sort_by_key(|trainer| trainer.status_on(today()) != TrainerStatus::Certified);
            (trainers.len() >= 2).then(|| {
                (
                    row.account.id,
                    row.account.fields.name,
                    trainers.iter().map(|trainer| trainer.trainer.id).collect(),
                )
            })
        })
        .unwrap()
}

#[test]
fn a_session_logged_from_the_account_detail_goes_to_the_chosen_trainer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo_file(dir.path()));
    let (account, name, trainers) = account_with_deliverers(&app);
    let second = trainers[1];
    let before = sessions_of(&app, second).len();

    typing(&mut app, "/");
    typing(&mut app, &name);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("l logs a session"));
    typing(&mut app, "l");
    assert_eq!(app.context(), Context::Form, "{:?}", app.message());
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    fill_session(&mut app, "2026-06-10", "Shared report views", "15", "45");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Accounts, "{:?}", app.message());
    let sessions = sessions_of(&app, second);
    assert_eq!(sessions.len(), before + 1);
    let logged = &sessions[0].session;
    assert_eq!(
        (logged.account, logged.topic.as_str()),
        (account, "Shared report views")
    );
    assert!(screen(&mut app).contains("Logged"), "{:?}", app.message());
}

#[test]
fn a_candidate_or_an_account_without_certified_trainers_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    {
        let mut store = Store::open(&path).unwrap();
        common::add_fresh_candidate(&mut store);
        common::add_account(&mut store, "Zephyr Quarry");
    }
    let mut app = open_app(&path);
    let before = all_sessions(&app);
    let candidate = app
        .store()
        .trainer_rows()
        .unwrap()
        .into_iter()
        .find(|row| row.trainer.fields.name == "Kilroy Quench")
        .unwrap();
    select_on_roster(&mut app, &candidate);
    typing(&mut app, "l");
    assert_eq!(app.context(), Context::Roster);
    let message = app.message().unwrap();
    assert!(message.is_error);
    assert_eq!(
        message.text,
        "No session to log for Kilroy Quench, who is candidate: trainers deliver sessions \
         once certified"
    );

    key(&mut app, KeyCode::Esc);
    typing(&mut app, "1/Zephyr Quarry");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "l");
    assert_eq!(app.context(), Context::Accounts);
    let message = app.message().unwrap();
    assert!(message.is_error);
    assert!(
        message
            .text
            .contains("none of its trainers is certified or lapsed"),
        "{}",
        message.text
    );
    assert_eq!(all_sessions(&app), before);
}
