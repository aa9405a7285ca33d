//! The app driven by keys and events, without a terminal: forms, confirmations, status moves,
//! archiving, paste and filtering, checked against the store and the drawn screen.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use t3::domain::TrainerStatus;
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;
use t3::ui::keymap::Context;

fn demo_app() -> App {
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today).unwrap();
    App::new(store, today, Questionnaire::embedded().unwrap()).unwrap()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn screen(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .chunks(usize::from(buffer.area.width))
        .map(|line| {
            line.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn account_names(app: &App) -> Vec<String> {
    app.store()
        .account_rows(chrono::NaiveDate::MIN)
        .unwrap()
        .into_iter()
        .map(|row| row.account.fields.name)
        .collect()
}

#[test]
fn a_new_account_is_saved_and_selected() {
    let mut app = demo_app();
    typing(&mut app, "a");
    assert_eq!(app.context(), Context::Form);
    typing(&mut app, "Zephyr Quarry");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "Enterprise");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "250");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "Dana");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "2026-07-01");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Accounts, "{:?}", app.message());
    assert!(account_names(&app).contains(&"Zephyr Quarry".to_string()));
    let text = screen(&mut app);
    assert!(text.contains("▶ Zephyr Quarry"), "{text}");
    assert!(text.contains("Saved account Zephyr Quarry"), "{text}");
}

#[test]
fn a_refused_save_keeps_every_typed_character() {
    let mut app = demo_app();
    let before = account_names(&app).len();
    typing(&mut app, "a");
    typing(&mut app, "atlas retail partners");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "SMB");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "-3");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Form);
    let text = screen(&mut app);
    assert!(text.contains("already exists"), "{text}");
    assert!(
        text.contains("'-3' is not a whole number above 0"),
        "{text}"
    );
    assert!(
        text.contains("atlas retail partners") && text.contains("SMB"),
        "{text}"
    );
    assert_eq!(account_names(&app).len(), before);
}

#[test]
fn escape_on_a_typed_form_asks_and_no_brings_it_back() {
    let mut app = demo_app();
    typing(&mut app, "a");
    typing(&mut app, "Half typed");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Confirm);
    assert!(screen(&mut app).contains("Discard what you typed?"));
    typing(&mut app, "n");
    assert_eq!(app.context(), Context::Form);
    assert!(screen(&mut app).contains("Half typed"));
    key(&mut app, KeyCode::Esc);
    typing(&mut app, "y");
    assert_eq!(app.context(), Context::Accounts);
}

#[test]
fn escape_on_an_untouched_form_just_closes_it() {
    let mut app = demo_app();
    typing(&mut app, "e");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Accounts);
}

#[test]
fn editing_an_account_changes_it_in_the_store() {
    let mut app = demo_app();
    typing(&mut app, "e");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    for _ in 0..5 {
        key(&mut app, KeyCode::Backspace);
    }
    typing(&mut app, "3000");
    key(&mut app, KeyCode::Enter);
    let rows = app.store().account_rows(chrono::NaiveDate::MIN).unwrap();
    let atlas = rows
        .iter()
        .find(|row| row.account.fields.name == "Atlas Retail Partners")
        .unwrap();
    assert_eq!(atlas.account.fields.seats, 3000);
}

#[test]
fn status_changes_offer_only_allowed_moves() {
    let mut app = demo_app();
    typing(&mut app, "2/candidate");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "c");
    assert_eq!(app.context(), Context::Picker);
    let text = screen(&mut app);
    assert!(
        text.contains("proposed") && !text.contains("▶ certified"),
        "{text}"
    );
    key(&mut app, KeyCode::Enter);
    let message = app.message().unwrap().text.clone();
    assert!(message.ends_with("is now proposed"), "{message}");
    let moved = app
        .store()
        .trainer_rows()
        .unwrap()
        .into_iter()
        .filter(|row| row.trainer.status == TrainerStatus::Proposed)
        .count();
    assert!(moved > 0);
}

#[test]
fn archiving_asks_then_hides_the_account() {
    let mut app = demo_app();
    let first = account_names(&app)[0].clone();
    typing(&mut app, "x");
    assert!(screen(&mut app).contains(&format!("Archive {first}?")));
    typing(&mut app, "y");
    let rows = app.store().account_rows(chrono::NaiveDate::MIN).unwrap();
    assert!(
        rows.iter()
            .find(|row| row.account.fields.name == first)
            .unwrap()
            .account
            .archived
    );
    assert!(!screen(&mut app).contains(&format!("▶ {first}")));
    typing(&mut app, "z");
    assert!(screen(&mut app).contains(&format!("{first} (archived)")));
}

#[test]
fn a_note_is_added_with_several_lines() {
    let mut app = demo_app();
    typing(&mut app, "n");
    typing(&mut app, "Called the sponsor.");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    typing(&mut app, "Follow up Friday.");
    key(&mut app, KeyCode::Enter);
    let account = app.store().account_rows(chrono::NaiveDate::MIN).unwrap()[0]
        .account
        .id;
    let notes = app.store().notes_of_account(account).unwrap();
    assert_eq!(notes[0].body, "Called the sponsor.\nFollow up Friday.");
    assert_eq!(
        notes[0].written_at.date(),
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    );
}

#[test]
fn pasted_text_never_fires_keys() {
    let mut app = demo_app();
    app.handle_event(&Event::Paste("q?x2".to_string()));
    assert!(!app.should_quit());
    assert_eq!(app.context(), Context::Accounts);
    typing(&mut app, "a");
    app.handle_event(&Event::Paste("Paste\x1b[2J Co\nq".to_string()));
    assert!(!app.should_quit());
    assert!(screen(&mut app).contains("Paste␛[2J Co q"));
}

#[test]
fn the_filter_narrows_and_escape_restores() {
    let mut app = demo_app();
    typing(&mut app, "/kestrel");
    let text = screen(&mut app);
    assert!(text.contains("Accounts 1 of 32"), "{text}");
    key(&mut app, KeyCode::Esc);
    assert!(screen(&mut app).contains("Accounts 32 of 32"));
}

#[test]
fn tabs_cycle_both_ways_and_jump_by_number() {
    let mut app = demo_app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.context(), Context::Roster);
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.context(), Context::Accounts);
    typing(&mut app, "2");
    assert_eq!(app.context(), Context::Roster);
    typing(&mut app, "q");
    assert!(app.should_quit());
}

#[test]
fn help_lists_every_binding_of_the_tab() {
    let mut app = demo_app();
    typing(&mut app, "2?");
    let text = screen(&mut app);
    for binding in t3::ui::keymap::bindings_for(Context::Roster) {
        assert!(text.contains(binding.help), "help lacks {}", binding.help);
    }
}

#[test]
fn another_process_commit_is_picked_up_on_tick() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let mut other = Store::open(&path).unwrap();
    let mut app = App::new(
        Store::open(&path).unwrap(),
        today,
        Questionnaire::embedded().unwrap(),
    )
    .unwrap();
    assert!(screen(&mut app).contains("Accounts 0 of 0"));
    t3::demo::seed(&mut other, today).unwrap();
    app.tick();
    assert!(screen(&mut app).contains("Accounts 32 of 32"));
}

/// The demo portfolio plus one candidate, Kilroy Quench, whom no demo assessment touches,
/// with the Roster filtered down to him.
fn app_with_fresh_candidate() -> App {
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today).unwrap();
    let account = store.account_rows(chrono::NaiveDate::MIN).unwrap()[0]
        .account
        .id;
    let fields = t3::domain::TrainerFields {
        account_id: account,
        name: "Kilroy Quench".to_string(),
        email: "kilroy@example.com".to_string(),
        title: String::new(),
        department: String::new(),
    };
    store
        .insert_trainer(&fields, TrainerStatus::Candidate)
        .unwrap();
    let mut app = App::new(store, today, Questionnaire::embedded().unwrap()).unwrap();
    typing(&mut app, "2/Kilroy");
    key(&mut app, KeyCode::Enter);
    app
}

#[test]
fn the_questionnaire_resumes_with_answers_and_note() {
    let mut app = app_with_fresh_candidate();
    typing(&mut app, "Q");
    assert_eq!(app.context(), Context::WizardQuestion);
    typing(&mut app, "45");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.context(), Context::WizardNote);
    typing(&mut app, "Leads the night shift");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Roster);
    typing(&mut app, "Q");
    let text = screen(&mut app);
    assert!(text.contains("Leads the night shift"), "{text}");
    assert!(text.contains("[4]") && text.contains("[5]"), "{text}");
    assert!(text.contains("Draft resumed"), "{text}");
}

#[test]
fn a_full_selection_by_keyboard_ends_with_a_selected_trainer() {
    let mut app = app_with_fresh_candidate();
    typing(&mut app, "Q");
    for _ in 0..4 {
        typing(&mut app, "545");
        key(&mut app, KeyCode::PageDown);
    }
    assert_eq!(app.context(), Context::WizardSummary);
    assert!(screen(&mut app).contains("strongly recommended"));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Roster);
    assert!(screen(&mut app).contains("proposed"));
    typing(&mut app, "A");
    assert_eq!(app.context(), Context::Form);
    key(&mut app, KeyCode::Enter);
    assert!(
        screen(&mut app).contains("cannot be empty"),
        "a review needs a reviewer"
    );
    typing(&mut app, "Vendor QA");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Roster, "{:?}", app.message());
    let text = screen(&mut app);
    assert!(
        text.contains("selected") && text.contains("4.7") && text.contains("approved"),
        "{text}"
    );
}

#[test]
fn submitting_early_is_refused_with_the_count() {
    let mut app = app_with_fresh_candidate();
    typing(&mut app, "Q4");
    for _ in 0..4 {
        key(&mut app, KeyCode::PageDown);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::WizardSummary);
    let message = app.message().unwrap().text.clone();
    assert_eq!(
        message,
        "1 of 12 questions are answered; all are needed to submit"
    );
}

#[test]
fn the_comparison_lists_assessed_candidates_best_first() {
    let mut app = app_with_fresh_candidate();
    typing(&mut app, "Q");
    for _ in 0..4 {
        typing(&mut app, "333");
        key(&mut app, KeyCode::PageDown);
    }
    key(&mut app, KeyCode::Esc);
    typing(&mut app, "C");
    assert_eq!(app.context(), Context::Compare);
    let text = screen(&mut app);
    assert!(
        text.contains("Candidates at") && text.contains("Kilroy Quench"),
        "{text}"
    );
    assert!(text.contains("3.0"), "{text}");
}
