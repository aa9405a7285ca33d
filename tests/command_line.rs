//! The `:` command line driven by keys: `:import` brings a CSV file in with its report in a
//! popup, a refused file changes nothing and lists every bad row, and a mistyped command says
//! what was expected.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, screen, typing};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;
use t3::ui::keymap::Context;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn empty_app(dir: &Path) -> App {
    let store = Store::open(&dir.join("t3.db")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    App::new(store, today, Questionnaire::embedded().unwrap()).unwrap()
}

fn account_count(dir: &Path) -> i64 {
    Store::open_read_only(&dir.join("t3.db"))
        .unwrap()
        .account_count()
        .unwrap()
}

#[test]
fn import_from_the_command_line_shows_its_report_and_the_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(dir.path());
    typing(&mut app, ":");
    assert_eq!(app.context(), Context::CommandLine);
    let command = format!("import accounts {}", fixture("good/accounts.csv").display());
    // Pasted, as a path usually is.
    app.handle_event(&Event::Paste(command));
    assert!(screen(&mut app).contains(":import accounts"));
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Report);
    let text = screen(&mut app);
    assert!(text.contains("Imported accounts"), "{text}");
    assert!(text.contains("were added"), "{text}");
    assert!(
        text.contains("Columns t3 does not know were ignored"),
        "{text}"
    );
    let imported = account_count(dir.path());
    assert!(imported > 0);

    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Accounts);
    assert!(screen(&mut app).contains("Northwind Freight"));

    // The same file again changes nothing.
    typing(&mut app, ":");
    app.handle_event(&Event::Paste(format!(
        "import accounts {}",
        fixture("good/accounts.csv").display()
    )));
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(
        text.contains(&format!("{imported:>7} were left as they are")),
        "{text}"
    );
    assert_eq!(account_count(dir.path()), imported);
}

#[test]
fn a_refused_file_lists_every_bad_row_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(dir.path());
    typing(&mut app, ":");
    app.handle_event(&Event::Paste(format!(
        "import accounts {}",
        fixture("bad/accounts-bad-seats.csv").display()
    )));
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("Nothing imported"), "{text}");
    assert!(text.contains("line "), "{text}");
    assert!(text.contains("column seats"), "{text}");
    assert_eq!(account_count(dir.path()), 0);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(app.context(), Context::Accounts);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(dir.path());
    typing(&mut app, ":");
    app.handle_event(&Event::Paste(format!(
        "import accounts {} --dry-run",
        fixture("good/accounts.csv").display()
    )));
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(text.contains("(dry run)"), "{text}");
    assert!(text.contains("would be added"), "{text}");
    assert_eq!(account_count(dir.path()), 0);
}

#[test]
fn a_mistyped_command_says_what_was_expected_and_keeps_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(dir.path());
    typing(&mut app, ":imprt accounts x.csv");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.context(),
        Context::CommandLine,
        "the line stays to be corrected"
    );
    let text = screen(&mut app);
    assert!(text.contains("'imprt' is not a command t3 knows"), "{text}");
    assert!(text.contains("import KIND PATH"), "{text}");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Accounts);

    typing(&mut app, ":import accounts /nowhere/crm.csv");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("/nowhere/crm.csv"));
    assert_eq!(account_count(dir.path()), 0);
}

/// At 80 columns a refusal's long first line (the file's whole path) wraps in the popup rather
/// than losing its end, and the bad row still shows below it.
#[test]
fn a_refusal_wraps_to_fit_a_narrow_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(dir.path());
    typing(&mut app, ":");
    app.handle_event(&Event::Paste(format!(
        "import trainers {}",
        fixture("bad/trainers-unknown-account.csv").display()
    )));
    key(&mut app, KeyCode::Enter);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    let text: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(text.contains("nothing was imported"), "{text}");
    assert!(text.contains("column account"), "{text}");
}
