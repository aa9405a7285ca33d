//! The `:` command language driven by keys on the demo portfolio: commands doing what their
//! keys do, refusals that change nothing and keep the line, completion with `Tab`, the history
//! kept across runs, and the line with its completions drawn at 80×24.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::{key, screen, typing};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use t3::domain::questionnaire::Questionnaire;
use t3::domain::triage::TriageAction;
use t3::store::Store;
use t3::ui::keymap::Context;
use t3::ui::{App, Tab};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

/// The app on a demo portfolio in `dir/t3.db`, so files written beside it land in `dir`.
fn demo_app(dir: &Path) -> App {
    let mut store = Store::open(&dir.join("t3.db")).unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

/// Types `line` after `:` and runs it.
fn run(app: &mut App, line: &str) {
    typing(app, ":");
    app.handle_event(&crossterm::event::Event::Paste(line.to_string()));
    key(app, KeyCode::Enter);
}

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn snoozes(store: &Store) -> Vec<NaiveDate> {
    store
        .triage_history()
        .unwrap()
        .into_values()
        .flatten()
        .filter_map(|event| match event.action {
            TriageAction::Snooze(until) => Some(until),
            _ => None,
        })
        .collect()
}

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    terminal
}

#[test]
fn goto_selects_the_account_and_snooze_snoozes_the_selected_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    run(&mut app, "goto account kestrel");
    assert_eq!(app.tab(), Tab::Accounts);
    assert_eq!(message(&app), "Account Kestrel Insurance Group");
    // `b` writes the selected account's page: the one goto chose.
    key(&mut app, KeyCode::Char('b'));
    assert!(
        dir.path()
            .join("qbr-kestrel-insurance-group-2026-06-15.md")
            .exists(),
        "{}",
        message(&app)
    );

    run(&mut app, "tab at-risk");
    assert_eq!(app.tab(), Tab::AtRisk);
    let before = snoozes(app.store()).len();
    run(&mut app, "snooze 14d");
    assert_eq!(app.context(), Context::AtRisk, "the line closed");
    assert!(
        message(&app).starts_with("Snoozed until 2026-06-29"),
        "{}",
        message(&app)
    );
    let after = snoozes(app.store());
    assert_eq!(after.len(), before + 1);
    assert!(after.contains(&NaiveDate::from_ymd_opt(2026, 6, 29).unwrap()));

    // The key that undoes triage takes back a command's too.
    key(&mut app, KeyCode::Char('u'));
    assert!(message(&app).starts_with("Undid"), "{}", message(&app));
    assert_eq!(snoozes(app.store()).len(), before);
}

#[test]
fn triage_commands_are_refused_off_the_at_risk_tab_and_the_line_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    let before = snoozes(app.store()).len();
    run(&mut app, "snooze 14d");
    assert_eq!(message(&app), "snooze works on the At risk tab");
    assert_eq!(app.context(), Context::CommandLine);
    assert!(screen(&mut app).contains(":snooze 14d"));
    key(&mut app, KeyCode::Esc);

    run(&mut app, "tab at-risk");
    run(&mut app, "snooze 10d");
    assert_eq!(
        message(&app),
        "snooze: expected 7d, 14d, 30d or a date as YYYY-MM-DD, not '10d'"
    );
    assert_eq!(app.context(), Context::CommandLine);
    key(&mut app, KeyCode::Esc);
    assert_eq!(snoozes(app.store()).len(), before);

    run(&mut app, "assign Priya Raman");
    assert!(message(&app).starts_with("Assigned"), "{}", message(&app));
    run(&mut app, "resolve renewed on the call");
    assert!(message(&app).starts_with("Resolved"), "{}", message(&app));
}

#[test]
fn an_action_by_name_does_what_its_key_does_here() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    run(&mut app, "tab-roster");
    assert_eq!(app.tab(), Tab::Roster);
    run(&mut app, "add-account");
    assert_eq!(message(&app), "add-account works on the Accounts tab");
    key(&mut app, KeyCode::Esc);
    run(&mut app, "tab accounts");
    run(&mut app, "add-account");
    assert_eq!(app.context(), Context::Form);
    key(&mut app, KeyCode::Esc);
    run(&mut app, "help");
    assert_eq!(app.context(), Context::Help);
    key(&mut app, KeyCode::Esc);

    run(&mut app, "snoze 7d");
    assert!(
        message(&app).contains("did you mean snooze"),
        "{}",
        message(&app)
    );
    key(&mut app, KeyCode::Esc);
    run(&mut app, "help me");
    assert_eq!(message(&app), "help takes no arguments");
}

#[test]
fn goto_finds_a_trainer_by_email_and_reports_ambiguity() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    let rows = app.store().trainer_rows().unwrap();
    let trainer = &rows[3].trainer.fields;
    run(
        &mut app,
        &format!("goto trainer {}", trainer.email.to_uppercase()),
    );
    assert_eq!(app.tab(), Tab::Roster);
    assert_eq!(message(&app), format!("Trainer {}", trainer.name));

    run(&mut app, "goto account co");
    assert!(
        message(&app).starts_with("'co' could be Cobalt Games Studio, Copperline Telecom"),
        "{}",
        message(&app)
    );
    assert!(message(&app).contains("type more of the account's name"));
    assert_eq!(app.tab(), Tab::Roster, "nothing happened");
    key(&mut app, KeyCode::Esc);
    run(&mut app, "goto account Nowhere Ltd");
    assert!(message(&app).starts_with("no account is called"));
}

#[test]
fn export_backup_and_qbr_write_files_and_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    let accounts = app.store().account_count().unwrap();
    run(&mut app, "export accounts csv");
    let default = dir.path().join("accounts-2026-06-15.csv");
    assert_eq!(
        message(&app),
        format!("Wrote {accounts} accounts to {}", default.display())
    );
    assert!(
        std::fs::read_to_string(&default)
            .unwrap()
            .starts_with("name,")
    );

    let folder = dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap();
    run(
        &mut app,
        &format!("export trainers json {}", folder.display()),
    );
    let in_folder = folder.join("trainers-2026-06-15.json");
    assert!(message(&app).ends_with(&format!("to {}", in_folder.display())));
    assert!(
        std::fs::read_to_string(&in_folder)
            .unwrap()
            .starts_with('[')
    );

    run(&mut app, "export syncs csv");
    assert_eq!(
        message(&app),
        "export: expected the format syncs exports in: ics"
    );
    key(&mut app, KeyCode::Esc);
    let calendar = dir.path().join("my syncs.ics");
    run(
        &mut app,
        &format!("export syncs ics {}", calendar.display()),
    );
    assert!(message(&app).starts_with("Wrote "), "{}", message(&app));
    assert!(
        std::fs::read_to_string(&calendar)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );

    let copy = dir.path().join("copy.db");
    run(&mut app, &format!("backup {}", copy.display()));
    assert_eq!(
        message(&app),
        format!("Backed up the database to {}", copy.display())
    );
    assert_eq!(
        Store::open_read_only(&copy)
            .unwrap()
            .account_count()
            .unwrap(),
        accounts
    );
    let database = dir.path().join("t3.db");
    run(&mut app, &format!("backup {}", database.display()));
    assert!(
        message(&app).contains("is the database itself"),
        "{}",
        message(&app)
    );
    key(&mut app, KeyCode::Esc);

    run(&mut app, "tab program");
    run(&mut app, "qbr pine");
    assert!(
        dir.path()
            .join("qbr-pinecrest-credit-union-2026-06-15.md")
            .exists(),
        "{}",
        message(&app)
    );
}

#[test]
fn tab_completes_names_and_cycles_through_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    typing(&mut app, ":goto account north");
    key(&mut app, KeyCode::Tab);
    assert!(screen(&mut app).contains(":goto account Northwind Freight "));
    key(&mut app, KeyCode::Enter);
    assert_eq!(message(&app), "Account Northwind Freight");

    typing(&mut app, ":tab ");
    key(&mut app, KeyCode::Tab);
    assert!(screen(&mut app).contains(":tab accounts"));
    key(&mut app, KeyCode::Tab);
    assert!(screen(&mut app).contains(":tab roster"));
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert!(screen(&mut app).contains(":tab accounts"));
    key(&mut app, KeyCode::Esc);

    // Files from a folder's listing.
    std::fs::write(dir.path().join("crm export.csv"), "name\n").unwrap();
    typing(&mut app, ":import accounts ");
    app.handle_event(&crossterm::event::Event::Paste(format!(
        "{}/crm",
        dir.path().display()
    )));
    key(&mut app, KeyCode::Tab);
    assert!(
        screen(&mut app).contains("crm export.csv"),
        "{}",
        screen(&mut app)
    );

    key(&mut app, KeyCode::Esc);
    typing(&mut app, ":");
    key(&mut app, KeyCode::Tab);
    assert!(
        screen(&mut app).contains(":action-log"),
        "{}",
        screen(&mut app)
    );
    key(&mut app, KeyCode::Esc);
    typing(&mut app, ":frob");
    key(&mut app, KeyCode::Tab);
    assert_eq!(message(&app), "Nothing to complete here");
}

#[test]
fn up_brings_back_earlier_commands_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state/t3/command-history");
    let mut app = demo_app(dir.path());
    app.set_command_history(t3::ui::CommandHistory::load(file.clone()));
    run(&mut app, "tab roster");
    run(&mut app, "frobnicate");
    key(&mut app, KeyCode::Esc);
    run(&mut app, "tab syncs");
    run(&mut app, "tab syncs");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "tab roster\ntab syncs\n",
        "refused lines and repeats are not kept"
    );

    let dir_again = tempfile::tempdir().unwrap();
    let mut again = demo_app(dir_again.path());
    again.set_command_history(t3::ui::CommandHistory::load(file));
    typing(&mut again, ":go");
    key(&mut again, KeyCode::Up);
    assert!(screen(&mut again).contains(":tab syncs"));
    key(&mut again, KeyCode::Up);
    assert!(screen(&mut again).contains(":tab roster"));
    key(&mut again, KeyCode::Down);
    key(&mut again, KeyCode::Down);
    assert!(screen(&mut again).contains(":go"));
    key(&mut again, KeyCode::Up);
    key(&mut again, KeyCode::Up);
    key(&mut again, KeyCode::Enter);
    assert_eq!(again.tab(), Tab::Roster);
}

#[test]
fn command_names_offered_in_a_popup() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    typing(&mut app, ":e");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn account_names_offered_and_cycled() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    typing(&mut app, ":goto account ");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn a_bad_argument_is_said_under_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    typing(&mut app, "5:snooze 10d");
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn the_line_with_its_popup_draws_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    typing(&mut app, ":goto account ");
    key(&mut app, KeyCode::Tab);
    for width in [1, 2, 10, 30, 59, 60, 61, 80, 200] {
        for height in [1, 2, 3, 5, 15, 16, 17, 24, 60] {
            draw(&mut app, width, height);
        }
    }
}
