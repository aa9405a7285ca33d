//! `t3 qbr` against the binary on a demo database with a fixed `--today`: the whole page as a
//! snapshot, `--out` written whole, and names that match no account or several refused.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{demo_database, stderr_of, t3};

const TODAY: &str = "2026-12-03";

fn qbr(home: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    t3(home)
        .args(["qbr", "--db", db.to_str().unwrap(), "--today", TODAY])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_qbr_page_of_the_renewing_account_at_risk() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let output = qbr(home.path(), &db, &["société lumière"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let page = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(page);
}

#[test]
fn the_page_goes_to_the_out_file_and_the_message_to_stderr() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let out = home.path().join("northwind.md");
    let output = qbr(
        home.path(),
        &db,
        &["NORTHWIND", "--out", out.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stdout.is_empty());
    assert!(stderr_of(&output).contains("northwind.md"));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("# Quarterly business review: Northwind Freight\n"));
    for heading in [
        "## Adoption depth",
        "## User coverage",
        "## Trainer engagement",
        "## Open findings and next steps",
        "## How T3 accounts compare",
    ] {
        assert!(page.contains(heading), "{heading} missing");
    }
}

#[test]
fn a_name_matching_several_accounts_or_none_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let output = qbr(home.path(), &db, &["b"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr_of(&output);
    assert!(message.contains("Bluestem University"), "{message}");
    assert!(message.contains("Brightwater Health"), "{message}");
    assert!(output.stdout.is_empty());

    let output = qbr(home.path(), &db, &["Acme"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("'Acme'"));
}

#[test]
fn out_never_replaces_the_database() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let before = std::fs::read(&db).unwrap();
    let output = qbr(
        home.path(),
        &db,
        &["Northwind", "--out", db.to_str().unwrap()],
    );
    assert!(!output.status.success());
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// `b` on the Accounts tab writes the selected account's page beside the database, the same
/// page `t3 qbr` prints, and the status line names the file.
#[test]
fn b_on_the_accounts_tab_writes_the_page_beside_the_database() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let store = t3::store::Store::open(&db).unwrap();
    let questionnaire = t3::domain::questionnaire::Questionnaire::embedded().unwrap();
    let mut app = t3::ui::App::new(store, today, questionnaire).unwrap();
    let press = |app: &mut t3::ui::App, code| {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    };
    press(&mut app, KeyCode::Char('/'));
    for c in "northwind".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('b'));

    let written = home
        .path()
        .join(format!("qbr-northwind-freight-{TODAY}.md"));
    let page = std::fs::read_to_string(&written).unwrap();
    let printed = qbr(home.path(), &db, &["Northwind Freight"]);
    assert_eq!(page.as_bytes(), printed.stdout.as_slice());

    let mut terminal = Terminal::new(TestBackend::new(200, 30)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(screen.contains("Wrote the QBR page to"), "{screen}");
    assert!(screen.contains("qbr-northwind-freight-2026-12-03.md"));
}
