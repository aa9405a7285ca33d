//! Two t3 apps on one database file, each in its own pseudo-terminal: both can write, and each
//! shows what the other (or a `t3 import` beside them) committed without a key being pressed,
//! within the app's tick (200 ms) and a reload.
//!
//! ratatui redraws only the cells that changed, so each app first keeps a filter on a made-up
//! word; a new account that matches it then appears on an empty list, and its name is written
//! whole.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::pty::{expect_text, press, quit, spawn};
use expectrl::session::OsSession;
use t3::store::Store;

const TODAY: &str = "2026-06-15";
const TAB: &str = "\t";
const ENTER: &str = "\r";

/// "About a second" with room for a slow CI machine: the tick is 200 ms, a reload of the demo
/// portfolio takes a few tens of milliseconds in a debug build.
const NOTICED_WITHIN: Duration = Duration::from_secs(3);

/// Keeps a filter on `word` on the Accounts tab.
fn keep_filter(session: &mut OsSession, word: &str) {
    press(session, &format!("/{word}"));
    expect_text(session, "match");
    press(session, ENTER);
}

/// Adds an account named `name` through the form and waits for the app to say it saved it.
fn add_account(session: &mut OsSession, name: &str) {
    press(session, "a");
    expect_text(session, "New account");
    press(session, name);
    press(session, TAB);
    press(session, "Enterprise");
    press(session, TAB);
    press(session, "250");
    press(session, ENTER);
    expect_text(session, "Saved");
}

/// Waits, without a key, for `session` to show `text`, and checks it came in time.
fn noticed(session: &mut OsSession, text: &str, since: Instant) {
    expect_text(session, text);
    let waited = since.elapsed();
    assert!(
        waited <= NOTICED_WITHIN,
        "{text:?} took {waited:?} to show in the other app"
    );
}

#[test]
fn two_apps_on_one_file_both_write_and_see_each_other() {
    let home = tempfile::tempdir().unwrap();
    let db = common::demo_database(home.path(), TODAY);
    let db_arg = db.to_str().unwrap();
    let args = ["--db", db_arg, "--today", TODAY];
    let mut first = spawn(home.path(), &args);
    let mut second = spawn(home.path(), &args);
    for session in [&mut first, &mut second] {
        expect_text(session, "Accounts");
        expect_text(session, "Kestrel");
    }
    keep_filter(&mut first, "Ykl");
    keep_filter(&mut second, "Qxz");

    add_account(&mut first, "Qxzv Quarry");
    noticed(&mut second, "Qxzv", Instant::now());

    add_account(&mut second, "Yklm Freight");
    noticed(&mut first, "Yklm", Instant::now());

    // A headless import beside them is noticed the same way.
    let file = home.path().join("accounts.csv");
    std::fs::write(
        &file,
        "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status,archived\n\
         Yklo Imports,Enterprise,90,Dana Whitfield,2026-01-05,2027-01-05,1000,active,no\n",
    )
    .unwrap();
    let imported = Instant::now();
    let output = common::t3(home.path())
        .args(["--db", db_arg, "import", "accounts", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", common::stderr_of(&output));
    noticed(&mut first, "Imports", imported);

    quit(&mut first);
    quit(&mut second);
    let report = Store::check(&db).unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
    let names: Vec<String> = Store::open_read_only(&db)
        .unwrap()
        .account_rows(chrono::NaiveDate::MIN)
        .unwrap()
        .into_iter()
        .map(|row| row.account.fields.name)
        .collect();
    for name in ["Qxzv Quarry", "Yklm Freight", "Yklo Imports"] {
        assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name}");
    }
}
