//! Whole screens drawn into ratatui's `TestBackend` on the demo portfolio with a fixed today,
//! compared with committed snapshots.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use t3::domain::questionnaire::Questionnaire;
use t3::domain::{AccountFields, T3Status, TrainerFields, TrainerStatus};
use t3::store::Store;
use t3::ui::App;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn demo_app() -> App {
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    terminal
}

#[test]
fn accounts_wide() {
    let mut app = demo_app();
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn accounts_narrow() {
    let mut app = demo_app();
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn account_detail_narrow() {
    let mut app = demo_app();
    press(&mut app, "jj");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn roster_wide() {
    let mut app = demo_app();
    press(&mut app, "2");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn roster_narrow() {
    let mut app = demo_app();
    press(&mut app, "2");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn roster_filtered() {
    let mut app = demo_app();
    press(&mut app, "2/lapsed");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn help_overlay() {
    let mut app = demo_app();
    press(&mut app, "?");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn account_form_with_errors() {
    let mut app = demo_app();
    press(&mut app, "a");
    press(&mut app, "Atlas Retail Partners");
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    press(&mut app, "lots");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn too_small() {
    let mut app = demo_app();
    insta::assert_snapshot!(draw(&mut app, 50, 10).backend());
}

#[test]
fn every_size_draws_without_panic() {
    let sizes = [
        (0, 0),
        (1, 1),
        (59, 15),
        (60, 16),
        (61, 17),
        (70, 20),
        (79, 23),
        (100, 30),
        (200, 60),
        (300, 5),
        (40, 120),
    ];
    let mut app = demo_app();
    for tab in "123456".chars() {
        press(&mut app, &tab.to_string());
        for (width, height) in sizes {
            draw(&mut app, width, height);
        }
    }
    // The Program tab scoped to an account, which adds its rollout, and filtered to nothing.
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    for (width, height) in sizes {
        draw(&mut app, width, height);
    }
    press(&mut app, "/zzz");
    for (width, height) in sizes {
        draw(&mut app, width, height);
    }
    let mut app = demo_app();
    press(&mut app, "a");
    for (width, height) in [(60, 16), (61, 17), (1, 40)] {
        draw(&mut app, width, height);
    }
    let mut app = practicum_app();
    for (width, height) in [(0, 0), (60, 16), (61, 17), (79, 23), (200, 60), (300, 5)] {
        draw(&mut app, width, height);
    }
    let mut app = demo_app();
    press(&mut app, "RG");
    for (width, height) in [(0, 0), (60, 16), (61, 17), (79, 23), (200, 60), (300, 5)] {
        draw(&mut app, width, height);
    }
    press(&mut app, "u");
    for (width, height) in [(60, 16), (61, 17), (1, 40)] {
        draw(&mut app, width, height);
    }
}

fn hostile_app() -> App {
    let mut store = Store::in_memory().unwrap();
    let names = [
        "Clear\x1b[2JCorp",
        "Title\x1b]0;pwned\x07Ltd",
        "Evil\u{202E}gnp.exe Inc",
        "株式会社ミライ製作所",
        "Rocket 🚀 Labs",
        "Plain Old Company",
    ];
    for (index, name) in names.iter().enumerate() {
        let account = store
            .insert_account(&AccountFields {
                name: (*name).to_string(),
                segment: "Enterprise".to_string(),
                seats: 100 + index as u32,
                csm_owner: "Dana\x1b[31m".to_string(),
                rollout_start: None,
                renewal_date: NaiveDate::from_ymd_opt(2027, 1, 1),
                annual_value: 1000,
                t3_status: T3Status::Active,
            })
            .unwrap();
        store
            .insert_trainer(
                &TrainerFields {
                    account_id: account,
                    name: format!("Trainer {name}"),
                    email: format!("t{index}@example.com"),
                    title: "Lead".to_string(),
                    department: "Ops".to_string(),
                },
                TrainerStatus::Certified,
            )
            .unwrap();
    }
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

#[test]
fn hostile_and_wide_names_render_as_harmless_aligned_text() {
    let mut app = hostile_app();
    let terminal = draw(&mut app, 100, 20);
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c))
        );
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn hostile_names_stay_harmless_on_the_program_tab() {
    let mut app = hostile_app();
    press(&mut app, "6");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let terminal = draw(&mut app, 100, 20);
    let text: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(text.contains("Clear␛[2JCorp"), "{text}");
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
        "{text:?}"
    );
}

#[test]
fn hostile_names_stay_harmless_in_the_edit_form() {
    let mut app = hostile_app();
    press(&mut app, "e");
    let terminal = draw(&mut app, 100, 20);
    let text: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(text.contains("Clear␛[2JCorp"), "{text}");
    assert!(text.contains("Dana␛[31m"), "{text}");
    assert!(!text.chars().any(char::is_control), "{text:?}");
}

#[test]
fn hostile_names_in_the_roster() {
    let mut app = hostile_app();
    press(&mut app, "2");
    insta::assert_snapshot!(draw(&mut app, 100, 16).backend());
}

/// Opens the questionnaire on a fresh candidate added for the test, so the demo's own
/// assessments do not decide what the wizard shows.
fn wizard_app() -> App {
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    let northwind = store
        .account_rows(today())
        .unwrap()
        .into_iter()
        .find(|row| row.account.fields.name == "Northwind Freight")
        .unwrap()
        .account
        .id;
    let wren = TrainerFields {
        account_id: northwind,
        name: "Wren Okonkwo".to_string(),
        email: "wren.okonkwo@northwind.example".to_string(),
        title: "Dispatch Lead".to_string(),
        department: "Operations".to_string(),
    };
    store
        .insert_trainer(&wren, TrainerStatus::Candidate)
        .unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    press(&mut app, "2/Wren Okonkwo");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, "Q");
    app
}

fn answer_step(app: &mut App, scores: &str, note: &str) {
    press(app, scores);
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.handle_event(&crossterm::event::Event::Paste(note.to_string()));
    app.handle_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
}

#[test]
fn questionnaire_step_wide() {
    let mut app = wizard_app();
    answer_step(
        &mut app,
        "453",
        "Runs the dispatch guild; peers copy her routing sheets.",
    );
    press(&mut app, "52");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn questionnaire_step_narrow() {
    let mut app = wizard_app();
    press(&mut app, "4");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

fn completed_wizard() -> App {
    let mut app = wizard_app();
    answer_step(&mut app, "222", "Known in her team only.");
    answer_step(
        &mut app,
        "554",
        "Built her own dashboards before the rollout.",
    );
    answer_step(&mut app, "225", "No protected time agreed yet.");
    answer_step(
        &mut app,
        "332",
        "Clear one to one; loses the room in large groups.",
    );
    app
}

#[test]
fn questionnaire_summary_wide() {
    let mut app = completed_wizard();
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn questionnaire_summary_narrow() {
    let mut app = completed_wizard();
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn certification_wide() {
    let mut app = demo_app();
    press(&mut app, "3");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn certification_narrow() {
    let mut app = demo_app();
    press(&mut app, "3");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn certification_detail_of_a_renewed_trainer() {
    let mut app = demo_app();
    let renewed = app
        .store()
        .pathways()
        .unwrap()
        .into_iter()
        .find(|pathway| pathway.renewals() > 0)
        .unwrap();
    press(&mut app, &format!("3/{}", renewed.row.trainer.fields.name));
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

/// Practicum mode on the demo trainer who is ready for it: four minutes and a bit into the
/// session, three dimensions scored and a line of feedback typed.
fn practicum_app() -> App {
    let mut app = demo_app();
    app.set_clock(std::time::Duration::from_secs(100));
    press(&mut app, &format!("3/{}", t3::demo::PRACTICUM_READY));
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, "p 453");
    app.set_clock(std::time::Duration::from_secs(100 + 4 * 60 + 23));
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    press(&mut app, "Opened with the goal; lost the room on reports.");
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    app
}

#[test]
fn practicum_wide() {
    let mut app = practicum_app();
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn practicum_narrow() {
    let mut app = practicum_app();
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn practicum_time_up() {
    let mut app = practicum_app();
    app.set_clock(std::time::Duration::from_secs(100 + 21 * 60 + 40));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn syncs_wide() {
    let mut app = demo_app();
    press(&mut app, "4");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn syncs_narrow() {
    let mut app = demo_app();
    press(&mut app, "4");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

/// The attendance checklist of the latest held demo sync: the third row, after the two
/// upcoming ones.
fn attendance_app() -> App {
    let mut app = demo_app();
    press(&mut app, "4jjt");
    app
}

#[test]
fn attendance_checklist_wide() {
    let mut app = attendance_app();
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn attendance_checklist_narrow() {
    let mut app = attendance_app();
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn sync_detail_wide() {
    let mut app = demo_app();
    press(&mut app, "4jj");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn at_risk_wide() {
    let mut app = demo_app();
    press(&mut app, "5");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn at_risk_narrow() {
    let mut app = demo_app();
    press(&mut app, "5");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn at_risk_with_snoozed_and_resolved_shown() {
    let mut app = demo_app();
    press(&mut app, "5h/verdant");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn at_risk_detail_narrow() {
    let mut app = demo_app();
    press(&mut app, "5/lumière compound");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn snooze_form_narrow() {
    let mut app = demo_app();
    press(&mut app, "5z");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

/// The Roster on Aisha Okafor, a certified demo trainer who delivers sessions.
fn deliverer_app() -> App {
    let mut app = demo_app();
    press(&mut app, "2jjjj");
    app
}

#[test]
fn roster_detail_with_sessions_narrow() {
    let mut app = deliverer_app();
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn sessions_overlay_narrow() {
    let mut app = deliverer_app();
    press(&mut app, "Ljj");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn session_form_with_an_error_narrow() {
    let mut app = deliverer_app();
    press(&mut app, "Ll");
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    press(&mut app, "Reporting for team leads");
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    press(&mut app, "lots");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn the_session_list_and_form_draw_at_every_size() {
    let mut app = deliverer_app();
    press(&mut app, "L");
    for (width, height) in [(0, 0), (60, 16), (61, 17), (79, 23), (200, 60), (300, 5)] {
        draw(&mut app, width, height);
    }
    press(&mut app, "e");
    for (width, height) in [(0, 0), (60, 16), (1, 40), (300, 5)] {
        draw(&mut app, width, height);
    }
}
#[test]
fn releases_wide() {
    let mut app = demo_app();
    press(&mut app, "R");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn releases_narrow() {
    let mut app = demo_app();
    press(&mut app, "R");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn program_wide() {
    let mut app = demo_app();
    press(&mut app, "6");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn program_narrow() {
    let mut app = demo_app();
    press(&mut app, "6");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

/// The Program tab scoped to an account whose delivery this quarter is high and coverage low,
/// so its pattern shows beside its rollout.
#[test]
fn program_scoped_to_an_account_wide() {
    let mut app = demo_app();
    press(&mut app, "6/northwind");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, "p");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}
