//! The app driven by keys and events, without a terminal: forms, confirmations, status moves,
//! archiving, paste and filtering, checked against the store and the drawn screen.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, screen, typing};

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
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(
        app.context(),
        Context::Program,
        "back from the first is the last"
    );
    typing(&mut app, "2");
    assert_eq!(app.context(), Context::Roster);
    typing(&mut app, "q");
    assert!(app.should_quit());
}

#[test]
fn help_lists_every_binding_of_the_tab() {
    let mut app = demo_app();
    typing(&mut app, "2?");
    // Tall enough for the whole list: shorter screens scroll it, which other tests cover.
    let mut terminal = Terminal::new(TestBackend::new(120, 70)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    let text: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
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
    common::add_fresh_candidate(&mut store);
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

/// A small program of its own: one account whose trainers stand at each step of the pathway,
/// on a file so that what the app wrote can be read back.
struct Pathways {
    app: App,
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn pathway_app() -> Pathways {
    use t3::domain::certification::{Module, PassMarks};
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let mut store = Store::open(&path).unwrap();
    let account = common::add_account(&mut store, "Harbor City Transit");
    let mut trainer = |name: &str, passed: &[Module]| {
        let email = format!("{}@harbor.example", name.to_lowercase().replace(' ', "."));
        let id = common::add_trainer(&mut store, account, name, &email, TrainerStatus::Selected);
        for module in passed {
            let passed_on = NaiveDate::from_ymd_opt(2025, 5, 2).unwrap();
            let completion = common::attempt(*module, passed_on, 90);
            store.record_module_completion(id, &completion).unwrap();
        }
        id
    };
    let three = [
        Module::ExtendedAssessment,
        Module::FacilitationSkills,
        Module::TroubleshootingDeepDive,
    ];
    trainer("Grace Mensah", &three);
    trainer("Ivo Petrov", &Module::ALL);
    let lapsed = trainer("Lena Fischer", &Module::ALL);
    store
        .certify_trainer(
            lapsed,
            NaiveDate::from_ymd_opt(2025, 5, 3).unwrap(),
            PassMarks::default(),
        )
        .unwrap();
    let app = App::new(store, today, Questionnaire::embedded().unwrap()).unwrap();
    Pathways {
        app,
        path,
        _dir: dir,
    }
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn module_scores(path: &std::path::Path, name: &str) -> Vec<(String, u8)> {
    let store = Store::open_read_only(path).unwrap();
    let pathway = store
        .pathways()
        .unwrap()
        .into_iter()
        .find(|pathway| pathway.row.trainer.fields.name == name)
        .unwrap();
    pathway
        .completions
        .iter()
        .map(|c| (c.module.as_str().to_string(), c.score))
        .collect()
}

#[test]
fn the_certification_tab_puts_lapsed_first_and_ready_next() {
    let mut world = pathway_app();
    typing(&mut world.app, "3");
    assert_eq!(world.app.context(), Context::Certification);
    let text = screen(&mut world.app);
    let at = |name: &str| text.find(name).unwrap();
    assert!(at("Lena Fischer") < at("Ivo Petrov"), "{text}");
    assert!(at("Ivo Petrov") < at("Grace Mensah"), "{text}");
    assert!(text.contains("lapsed") && text.contains("ready"), "{text}");
    typing(&mut world.app, "2");
    let roster = screen(&mut world.app);
    let lena = roster
        .lines()
        .find(|line| line.contains("Lena Fischer"))
        .unwrap();
    assert!(
        lena.contains("lapsed") && lena.contains("2026-05-03"),
        "the roster shows the computed status and the expiry: {lena}"
    );
}

#[test]
fn certify_is_refused_with_the_missing_modules_then_granted_when_ready() {
    let mut world = pathway_app();
    typing(&mut world.app, "3/Grace");
    key(&mut world.app, KeyCode::Enter);
    typing(&mut world.app, "c");
    let message = world.app.message().unwrap();
    assert!(message.is_error);
    assert!(
        message.text.contains("Practicum still to pass"),
        "{}",
        message.text
    );
    key(&mut world.app, KeyCode::Esc);
    typing(&mut world.app, "/Ivo");
    key(&mut world.app, KeyCode::Enter);
    typing(&mut world.app, "c");
    let confirm = screen(&mut world.app);
    assert!(confirm.contains("valid until 2027-06-15?"), "{confirm}");
    typing(&mut world.app, "y");
    let message = world.app.message().unwrap();
    assert!(
        message.text.starts_with("Certified: T3-2026-") && message.text.contains("2027-06-15"),
        "{}",
        message.text
    );
    assert!(screen(&mut world.app).contains("certified"));
}

#[test]
fn renewal_without_a_recent_assessment_says_why() {
    let mut world = pathway_app();
    typing(&mut world.app, "3/Lena");
    key(&mut world.app, KeyCode::Enter);
    typing(&mut world.app, "r");
    let message = world.app.message().unwrap().text.clone();
    assert!(
        message.contains("within the last 60 days; the latest pass was on 2025-05-02"),
        "{message}"
    );
    // A fresh extended assessment, recorded through the module form, makes it possible.
    typing(&mut world.app, "m");
    key(&mut world.app, KeyCode::Tab);
    key(&mut world.app, KeyCode::Tab);
    typing(&mut world.app, "88");
    key(&mut world.app, KeyCode::Enter);
    let recorded = world.app.message().unwrap().text.clone();
    assert!(
        recorded.contains("Extended assessment: 88 passed"),
        "{recorded}"
    );
    typing(&mut world.app, "r");
    typing(&mut world.app, "y");
    let message = world.app.message().unwrap().text.clone();
    assert!(message.starts_with("Renewed: T3-2026-"), "{message}");
}

#[test]
fn a_module_result_form_names_the_bad_field_and_keeps_the_input() {
    let mut world = pathway_app();
    typing(&mut world.app, "3/Grace");
    key(&mut world.app, KeyCode::Enter);
    typing(&mut world.app, "m");
    key(&mut world.app, KeyCode::Tab);
    key(&mut world.app, KeyCode::Tab);
    typing(&mut world.app, "140");
    key(&mut world.app, KeyCode::Enter);
    let text = screen(&mut world.app);
    assert!(
        text.contains("'140' is not a score from 0 to 100"),
        "{text}"
    );
    assert!(text.contains("140"));
    assert_eq!(module_scores(&world.path, "Grace Mensah").len(), 3);
}

/// Scores every rubric dimension with `score`, from the first.
fn score_rubric(app: &mut App, score: char) {
    for _ in 0..5 {
        typing(app, &score.to_string());
    }
}

#[test]
fn a_timed_practicum_is_scored_saved_as_typed_and_recorded() {
    use std::time::Duration;
    let mut world = pathway_app();
    let app = &mut world.app;
    app.set_clock(Duration::from_secs(1000));
    typing(app, "3/Grace");
    key(app, KeyCode::Enter);
    typing(app, "p");
    assert_eq!(app.context(), Context::PracticumRubric);
    assert!(screen(app).contains("ready: Space starts"));
    typing(app, " ");
    app.set_clock(Duration::from_secs(1000 + 19 * 60));
    assert!(screen(app).contains("running"));
    assert!(!app.take_bell());
    app.set_clock(Duration::from_secs(1000 + 20 * 60));
    assert!(app.take_bell(), "the bell rings when time is up");
    app.set_clock(Duration::from_secs(1000 + 20 * 60 + 5));
    assert!(!app.take_bell(), "and only once");
    assert!(screen(app).contains("TIME UP"));
    typing(app, " ");

    score_rubric(app, '4');
    key(app, KeyCode::Tab);
    assert_eq!(app.context(), Context::PracticumText);
    typing(app, "Clear goals; park questions");
    // Saved while typing: the file has the feedback before anything is recorded.
    let store = Store::open_read_only(&world.path).unwrap();
    let drafts: Vec<_> = store
        .pathways()
        .unwrap()
        .into_iter()
        .filter(|p| p.row.trainer.fields.name == "Grace Mensah")
        .flat_map(|p| store.practicums_of(p.row.trainer.id).unwrap())
        .collect();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].feedback, "Clear goals; park questions");
    assert_eq!(drafts[0].rubric.module_score(), Some(80));

    let app = &mut world.app;
    ctrl(app, 's');
    let refusal = app.message().unwrap().text.clone();
    assert!(refusal.contains("choose the outcome"), "{refusal}");
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    typing(app, "p");
    ctrl(app, 's');
    let message = app.message().unwrap().text.clone();
    assert_eq!(message, "Practicum recorded: 80, pass, in 20:05");
    assert_eq!(app.context(), Context::Certification);
    assert!(module_scores(&world.path, "Grace Mensah").contains(&("practicum".to_string(), 80)));
}

#[test]
fn the_countdown_keeps_time_through_help_and_resize() {
    use std::time::Duration;
    let mut world = pathway_app();
    let app = &mut world.app;
    typing(app, "3/Grace");
    key(app, KeyCode::Enter);
    typing(app, "p ");
    app.set_clock(Duration::from_secs(30));
    typing(app, "?");
    assert_eq!(app.context(), Context::Help);
    app.set_clock(Duration::from_secs(95));
    key(app, KeyCode::Esc);
    assert_eq!(app.context(), Context::PracticumRubric);
    let mut small = Terminal::new(TestBackend::new(60, 16)).unwrap();
    small.draw(|frame| app.render(frame)).unwrap();
    app.set_clock(Duration::from_secs(125));
    assert!(
        screen(app).contains("used 02:05 of 20:00"),
        "{}",
        screen(app)
    );
    // Closing keeps the draft with the time used; opening again resumes it paused.
    key(app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Certification);
    app.set_clock(Duration::from_secs(500));
    typing(app, "p");
    assert!(screen(app).contains("paused: Space resumes"));
    assert!(screen(app).contains("used 02:05 of 20:00"));
}

#[test]
fn minutes_added_and_removed_change_the_time_allowed() {
    let mut world = pathway_app();
    let app = &mut world.app;
    typing(app, "3/Grace");
    key(app, KeyCode::Enter);
    typing(app, "p++-+");
    assert!(screen(app).contains("used 00:00 of 22:00"));
}

/// A Syncs world of its own: two certified trainers and one on the pathway, on a file.
fn syncs_app(today: NaiveDate) -> Pathways {
    use t3::domain::certification::{Module, PassMarks};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let mut store = Store::open(&path).unwrap();
    let account = common::add_account(&mut store, "Harbor City Transit");
    let granted = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
    for (name, certified) in [
        ("Grace Mensah", true),
        ("Ivo Petrov", true),
        ("Lena Fischer", false),
    ] {
        let email = format!("{}@harbor.example", name.to_lowercase().replace(' ', "."));
        let id = common::add_trainer(&mut store, account, name, &email, TrainerStatus::Selected);
        for module in Module::ALL {
            let completion = common::attempt(module, granted, 90);
            store.record_module_completion(id, &completion).unwrap();
        }
        if certified {
            store
                .certify_trainer(id, granted, PassMarks::default())
                .unwrap();
        }
    }
    let app = App::new(store, today, Questionnaire::embedded().unwrap()).unwrap();
    Pathways {
        app,
        path,
        _dir: dir,
    }
}

#[test]
fn the_quarterly_helper_proposes_four_editable_dates() {
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let mut world = syncs_app(today);
    let app = &mut world.app;
    typing(app, "4a");
    assert!(screen(app).contains("Schedule Trainer Syncs"));
    key(app, KeyCode::Tab);
    typing(app, "2026-08-31");
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    // The zone: the first sync's zone is offered as UTC; Berlin instead.
    for _ in 0..3 {
        key(app, KeyCode::Backspace);
    }
    typing(app, "Europe/Berlin");
    key(app, KeyCode::Enter);
    let proposals = screen(app);
    for date in ["2026-08-31", "2026-11-30", "2027-02-28", "2027-05-31"] {
        assert!(
            proposals.contains(date),
            "{date} not proposed:\n{proposals}"
        );
    }
    // The third date moves before saving.
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    for _ in 0..2 {
        key(app, KeyCode::Backspace);
    }
    typing(app, "25");
    key(app, KeyCode::Enter);
    let message = app.message().unwrap().text.clone();
    assert_eq!(message, "Scheduled 4 syncs, 2026-08-31 to 2027-05-31");
    let rows = app.store().sync_rows().unwrap();
    let dates: Vec<String> = rows
        .iter()
        .map(|r| r.sync.fields.date().to_string())
        .collect();
    assert_eq!(
        dates,
        ["2026-08-31", "2026-11-30", "2027-02-25", "2027-05-31"]
    );
    assert_eq!(rows[0].sync.fields.title, "Trainer Sync · Q3 2026");
    assert_eq!(
        rows[0].invited, 2,
        "every certified trainer, not the one on the pathway"
    );
    assert_eq!(rows[0].sync.fields.time_zone, chrono_tz::Europe::Berlin);
    // Next time, the helper starts a quarter after the last sync, in its zone.
    typing(app, "a");
    let form = screen(app);
    assert!(form.contains("2027-08-31"), "{form}");
    assert!(form.contains("Europe/Berlin"), "{form}");
}

#[test]
fn attendance_is_one_key_a_trainer_and_saved_as_marked() {
    let later = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    let mut world = syncs_app(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap());
    let app = &mut world.app;
    typing(app, "4a");
    key(app, KeyCode::Tab);
    typing(app, "2026-08-31");
    for _ in 0..4 {
        key(app, KeyCode::Tab);
    }
    key(app, KeyCode::Right); // this date only
    key(app, KeyCode::Enter);
    typing(app, "t");
    assert!(
        app.message().unwrap().text.contains("Not held yet"),
        "attendance waits for the day"
    );
    drop(world.app);

    // Later, the sync has happened: t marks it held and opens the checklist.
    let store = Store::open(&world.path).unwrap();
    let mut app = App::new(store, later, Questionnaire::embedded().unwrap()).unwrap();
    typing(&mut app, "4t");
    assert_eq!(app.context(), Context::Attendance);
    assert!(screen(&mut app).contains("0 of 2 marked"));
    typing(&mut app, "lr");
    let marks: Vec<_> = app
        .store()
        .invitees(app.store().sync_rows().unwrap()[0].sync.id)
        .unwrap()
        .into_iter()
        .map(|invitee| {
            (
                invitee.name,
                invitee.attendance.map(t3::domain::sync::Attendance::as_str),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("Grace Mensah".to_string(), Some("live")),
            ("Ivo Petrov".to_string(), Some("recording"))
        ]
    );
    key(&mut app, KeyCode::Esc);
    let text = screen(&mut app);
    assert!(text.contains("held") && text.contains("2/2 100%"), "{text}");
}

#[test]
fn two_quarters_missed_show_in_the_syncs_tab_and_the_roster() {
    use t3::domain::sync::{Attendance, SyncFields, SyncState};
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let world = syncs_app(today);
    let mut store = Store::open(&world.path).unwrap();
    let at = |month| SyncFields {
        title: format!("Sync {month}"),
        starts_at: NaiveDate::from_ymd_opt(2026, month, 8)
            .unwrap()
            .and_hms_opt(16, 0, 0)
            .unwrap(),
        time_zone: chrono_tz::Europe::London,
        duration_minutes: 60,
        agenda: String::new(),
        recording_link: String::new(),
    };
    let ids = store.schedule_syncs(&[at(6), at(9)], today).unwrap();
    let trainers = store.trainer_rows().unwrap();
    let grace = trainers
        .iter()
        .find(|r| r.trainer.fields.name == "Grace Mensah")
        .unwrap();
    let ivo = trainers
        .iter()
        .find(|r| r.trainer.fields.name == "Ivo Petrov")
        .unwrap();
    for id in &ids {
        store.set_sync_state(*id, SyncState::Held).unwrap();
        store
            .set_attendance(*id, grace.trainer.id, Some(Attendance::Absent))
            .unwrap();
        store
            .set_attendance(*id, ivo.trainer.id, Some(Attendance::Recording))
            .unwrap();
    }
    let mut app = App::new(store, today, Questionnaire::embedded().unwrap()).unwrap();
    typing(&mut app, "4");
    let syncs = screen(&mut app);
    assert!(
        syncs.contains("Missed the last two quarters (1): Grace Mensah"),
        "{syncs}"
    );
    typing(&mut app, "2");
    let roster = screen(&mut app);
    let grace_line = roster.lines().find(|l| l.contains("Grace Mensah")).unwrap();
    assert!(grace_line.contains("⚠ never"), "{grace_line}");
    let ivo_line = roster.lines().find(|l| l.contains("Ivo Petrov")).unwrap();
    assert!(ivo_line.contains("2026-09-08"), "{ivo_line}");
}
