//! The Program tab driven by keys on the demo portfolio and on small ones: the period key, the
//! account scope and back, the coverage list's order, figures that cannot be computed, and
//! data changed by another process.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, typing};

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use t3::config::Config;
use t3::domain::AccountSnapshot;
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::{App, Tab};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn app_on(store: Store) -> App {
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

fn demo_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    store
}

/// The demo portfolio on the Program tab.
fn program_app() -> App {
    let mut app = app_on(demo_store());
    typing(&mut app, "6");
    assert_eq!(app.tab(), Tab::Program);
    app
}

/// The screen at 120×40, a string a line.
fn screen_lines(app: &mut App) -> Vec<String> {
    common::screen_lines(app, 120, 40)
}

fn screen(app: &mut App) -> String {
    screen_lines(app).join("\n")
}

/// The line under the tabs: the period, its days and the scope.
fn title(app: &mut App) -> String {
    screen_lines(app)[1].trim().to_string()
}

/// The coverage list's rows as drawn: the left pane of each line that holds a row.
fn coverage_rows(app: &mut App) -> Vec<String> {
    screen_lines(app)
        .into_iter()
        .filter_map(|line| {
            let (left, _) = line.split_once("││")?;
            let row = left.trim_start_matches('│').trim().to_string();
            (!row.is_empty()).then_some(row)
        })
        .collect()
}

/// The share a coverage row shows, in percent.
fn share(row: &str) -> Option<u32> {
    row.split_whitespace()
        .find_map(|word| word.strip_suffix('%')?.parse().ok())
}

#[test]
fn p_cycles_the_period_and_the_title_follows() {
    let mut app = program_app();
    assert_eq!(
        title(&mut app),
        "Program · last 12 months (2025-06-16 to 2026-06-15) · whole portfolio"
    );
    typing(&mut app, "p");
    assert_eq!(
        title(&mut app),
        "Program · this quarter (2026-04-01 to 2026-06-15) · whole portfolio"
    );
    assert_eq!(
        app.message().unwrap().text,
        "Program metrics over this quarter: 2026-04-01 to 2026-06-15"
    );
    let text = screen(&mut app);
    assert!(
        text.contains("2.2 sessions a quarter per certified trainer: 65 sessions, 35"),
        "{text}"
    );
    typing(&mut app, "p");
    assert_eq!(
        title(&mut app),
        "Program · last quarter (2026-01-01 to 2026-03-31) · whole portfolio"
    );
    typing(&mut app, "p");
    assert!(title(&mut app).contains("last 12 months"));
}

#[test]
fn help_names_the_period_key_and_what_enter_and_esc_do_here() {
    let mut app = program_app();
    typing(&mut app, "?");
    // The list is longer than the screen: read it whole by scrolling to its end.
    let mut text = screen(&mut app);
    for _ in 0..60 {
        typing(&mut app, "j");
        text.push_str(&screen(&mut app));
    }
    for binding in t3::ui::keymap::bindings_for(t3::ui::keymap::Context::Program) {
        assert!(text.contains(binding.help), "help lacks {}", binding.help);
    }
    assert!(text.contains("Program: Enter scopes the metrics to the account, Esc to the"));
}

#[test]
fn enter_scopes_to_the_selected_account_and_esc_returns() {
    let mut app = program_app();
    typing(&mut app, "/northwind");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        title(&mut app),
        "Program · last 12 months (2025-06-16 to 2026-06-15) · Northwind Freight"
    );
    let text = screen(&mut app);
    for expected in [
        "a T3 account on 2026-06-15 with 2 certified trainers; 1,800",
        "Coverage 47% of seats trained: 846 of 1,800",
        "Rollout of 1,800 seats at 150 a vendor hour",
        "  hours   108–180         48",
        "  a seat  9.00–15.00      4.00",
        "  This account    ",
        "58.7 (15 accounts)",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }

    key(&mut app, KeyCode::Esc);
    assert!(title(&mut app).ends_with("· whole portfolio"));
    let text = screen(&mut app);
    assert!(!text.contains("Rollout of"), "{text}");
    assert!(
        text.contains("filter /northwind"),
        "the first Esc keeps the filter"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(coverage_rows(&mut app).len(), 32, "the second clears it");
}

#[test]
fn the_scope_survives_a_period_change_and_moving_the_cursor() {
    let mut app = program_app();
    key(&mut app, KeyCode::Enter);
    assert!(
        title(&mut app).ends_with("· Meridian Legal LLP"),
        "the lowest first"
    );
    typing(&mut app, "jjp");
    let title = title(&mut app);
    assert!(title.contains("this quarter"), "{title}");
    assert!(title.ends_with("· Meridian Legal LLP"), "{title}");
    let rows = coverage_rows(&mut app);
    assert!(rows[0].starts_with("● Meridian Legal LLP"), "{rows:?}");
    assert!(rows[2].starts_with("▶ "), "{rows:?}");
}

#[test]
fn the_list_is_ordered_lowest_coverage_first_and_no_snapshot_last() {
    let mut store = demo_store();
    common::add_account(&mut store, "Zeta Without Snapshot");
    let mut app = app_on(store);
    typing(&mut app, "6");
    let rows = coverage_rows(&mut app);
    let shares: Vec<u32> = rows.iter().filter_map(|row| share(row)).collect();
    assert_eq!(shares.len(), 32, "{rows:?}");
    assert!(shares.is_sorted(), "{shares:?}");
    assert!(rows[0].starts_with("▶ Meridian Legal LLP"), "{rows:?}");
    let last = rows.last().unwrap();
    assert!(last.starts_with("Zeta Without Snapshot"), "{rows:?}");
    assert!(last.ends_with("no snapshot"), "{last}");
    typing(&mut app, "s");
    assert_eq!(
        app.message().unwrap().text,
        "Coverage is listed lowest first, accounts without a snapshot last"
    );
}

#[test]
fn an_empty_portfolio_says_so_instead_of_showing_nought() {
    let mut app = app_on(Store::in_memory().unwrap());
    typing(&mut app, "6");
    let text = screen(&mut app);
    for expected in [
        "No accounts.",
        "Delivery not defined: no trainer was certified in the period (0 sessions)",
        "Coverage no account has a snapshot in the period",
        "Renewal  nothing was due for renewal",
        "  T3 accounts     no accounts",
        "  Other accounts  no accounts",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(!text.contains("0%"), "{text}");
    key(&mut app, KeyCode::Enter);
    assert!(title(&mut app).ends_with("· whole portfolio"));
}

#[test]
fn an_account_without_a_snapshot_says_so_beside_the_groups() {
    let mut store = demo_store();
    common::add_account(&mut store, "Zeta Without Snapshot");
    let mut app = app_on(store);
    typing(&mut app, "6G");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    for expected in [
        "Coverage no snapshot in the period",
        "  This account    no snapshot in the period",
        "through its trainers",
        "none certified",
        "No trainer of the account is certified on 2026-06-15.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
}

#[test]
fn the_rollout_is_costed_at_the_configured_rate() {
    let mut app = program_app();
    let config = Config::parse("[program]\nhourly_rate = 200\n", "config.toml").unwrap();
    app.set_config(&config).unwrap();
    typing(&mut app, "/northwind");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app);
    assert!(
        text.contains("Rollout of 1,800 seats at 200 a vendor hour"),
        "{text}"
    );
    assert!(text.contains("  cost    21,600–36,000   9,600"), "{text}");
}

#[test]
fn another_process_commit_reaches_the_program_tab() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let mut other = Store::open(&path).unwrap();
    let account = common::add_account(&mut other, "Acme Logistics");
    let mut app = app_on(Store::open(&path).unwrap());
    typing(&mut app, "6");
    assert!(screen(&mut app).contains("no account has a snapshot in the period"));

    // Shown: the change is read on the tick.
    other
        .insert_snapshot(&AccountSnapshot {
            account_id: account,
            as_of: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            active_users: 400,
            users_trained: 100,
            adoption_depth: 50,
            new_feature_adoption: 40,
            support_tickets: 10,
            net_revenue_retention: 104.0,
        })
        .unwrap();
    app.tick();
    assert!(screen(&mut app).contains("20% of seats trained, over 1 account"));

    // Not shown: the change is read when the tab comes back.
    typing(&mut app, "1");
    other
        .insert_snapshot(&AccountSnapshot {
            account_id: account,
            as_of: NaiveDate::from_ymd_opt(2026, 6, 10).unwrap(),
            active_users: 400,
            users_trained: 250,
            adoption_depth: 50,
            new_feature_adoption: 40,
            support_tickets: 10,
            net_revenue_retention: 104.0,
        })
        .unwrap();
    app.tick();
    typing(&mut app, "6");
    assert!(screen(&mut app).contains("50% of seats trained, over 1 account"));
}
