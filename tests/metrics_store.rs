//! What the program metrics are computed from, loaded from a file: the demo portfolio read
//! back whole (archived accounts and renewals included), and the metrics it gives defined
//! where the demo has data for them.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::{add_account, add_trainer, day};
use t3::domain::metrics::{Period, Scope, SessionCounts, compute};
use t3::domain::program::TrainingSession;
use t3::domain::{AccountId, AccountSnapshot, TrainerId, TrainerStatus};
use t3::store::Store;

fn count(path: &Path, table: &str) -> usize {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
        row.get::<_, i64>(0)
    })
    .unwrap() as usize
}

/// Sessions held from the first day to the second, both included.
fn sessions_between(path: &Path, (from, to): (NaiveDate, NaiveDate)) -> usize {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT COUNT(*) FROM training_session WHERE held_on BETWEEN ?1 AND ?2",
        (from, to),
        |row| row.get::<_, i64>(0),
    )
    .unwrap() as usize
}

#[test]
fn the_demo_portfolio_is_loaded_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let mut store = Store::open(&path).unwrap();
    let today = day(2026, 12, 3);
    let seeded = t3::demo::seed(&mut store, today).unwrap();
    let first = store.account_rows(today).unwrap()[0].account.id;
    store.set_account_archived(first, true).unwrap();

    let data = store.program_data(today).unwrap();
    assert_eq!(data.accounts.len(), seeded.accounts);
    assert_eq!(data.trainers.len(), seeded.trainers);
    assert_eq!(data.snapshots.len(), seeded.snapshots);
    let counted = data.sessions.pieces();
    let window = (counted[0].from, counted[counted.len() - 1].to);
    assert_eq!(
        data.sessions.total(),
        sessions_between(&path, window) as u64
    );
    assert_eq!(data.certifications.len(), seeded.certifications);
    for (loaded, table) in [
        (data.accounts.len(), "account"),
        (data.trainers.len(), "trainer"),
        (data.snapshots.len(), "account_snapshot"),
        (data.certifications.len(), "certification"),
    ] {
        assert_eq!(loaded, count(&path, table), "{table}");
    }
    assert!(
        data.accounts.iter().any(|account| account.archived),
        "archived accounts are loaded; the metrics pass over them"
    );
    assert!(
        data.certifications.iter().any(|c| c.renews.is_some()),
        "renewals come with the link to what they renew"
    );
}

#[test]
fn the_demo_gives_every_metric_something_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t3.db")).unwrap();
    let today = day(2026, 12, 3);
    t3::demo::seed(&mut store, today).unwrap();
    let data = store.program_data(today).unwrap();
    let metrics = compute(&data, today, Period::Last12Months, Scope::Portfolio);
    assert!(metrics.delivery.sessions > 0);
    assert!(metrics.delivery.rate.is_some(), "{:?}", metrics.delivery);
    assert!(metrics.coverage.value.is_some());
    let not_archived = data.accounts.iter().filter(|a| !a.archived).count();
    assert_eq!(metrics.coverage_by_account.len(), not_archived);
    for comparison in [
        metrics.adoption_depth,
        metrics.tickets_per_seat,
        metrics.nrr,
    ] {
        assert!(comparison.t3.value.is_some(), "{comparison:?}");
        assert!(comparison.non_t3.value.is_some(), "{comparison:?}");
    }
    assert!(metrics.renewal.due > 0, "{:?}", metrics.renewal);
}

#[test]
fn snapshots_come_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t3.db")).unwrap();
    let account = add_account(&mut store, "Harbor City Transit");
    let snapshot = AccountSnapshot {
        account_id: account,
        as_of: day(2026, 11, 28),
        active_users: 420,
        users_trained: 280,
        adoption_depth: 56,
        new_feature_adoption: 41,
        support_tickets: 16,
        net_revenue_retention: 108.5,
    };
    store.insert_snapshot(&snapshot).unwrap();
    let data = store.program_data(day(2026, 12, 3)).unwrap();
    assert_eq!(data.snapshots, [snapshot]);
    assert_eq!(data.accounts.len(), 1);
    assert!(data.sessions.total() == 0 && data.certifications.is_empty());
}

/// A session by `trainer` at `account` on `held_on`.
fn session(trainer: TrainerId, account: AccountId, held_on: NaiveDate) -> TrainingSession {
    TrainingSession {
        trainer,
        account,
        held_on,
        topic: "Reporting basics".to_string(),
        attendees: 12,
        duration_minutes: 60,
    }
}

#[test]
fn sessions_are_counted_by_the_store_as_one_by_one() {
    // Sessions on the first and last days of the spans, across quarter ends and a leap day,
    // at an archived account, before the trend and after today: counted in the file, they must
    // come out as counting the sessions one by one does, for several todays.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t3.db")).unwrap();
    let acme = add_account(&mut store, "Acme");
    let birch = add_account(&mut store, "Birch");
    let ada = add_trainer(
        &mut store,
        acme,
        "Ada",
        "ada@example.com",
        TrainerStatus::Certified,
    );
    let cy = add_trainer(
        &mut store,
        birch,
        "Cy",
        "cy@example.com",
        TrainerStatus::Certified,
    );
    let days = [
        day(2024, 2, 29),
        day(2024, 6, 30),
        day(2024, 7, 1),
        day(2025, 6, 15),
        day(2025, 6, 16),
        day(2025, 12, 31),
        day(2026, 1, 1),
        day(2026, 3, 31),
        day(2026, 4, 1),
        day(2026, 6, 15),
        day(2026, 6, 16),
        day(2027, 1, 1),
    ];
    for held_on in days {
        store.log_session(&session(ada, acme, held_on)).unwrap();
        store.log_session(&session(cy, birch, held_on)).unwrap();
    }
    store
        .log_session(&session(ada, acme, day(2026, 6, 15)))
        .unwrap();
    store.set_account_archived(birch, true).unwrap();

    let held = store.sessions().unwrap();
    for today in [
        day(2026, 6, 15),
        day(2025, 12, 31),
        day(2026, 1, 1),
        day(2026, 3, 31),
        day(2025, 2, 28),
        day(2027, 1, 1),
    ] {
        let data = store.program_data(today).unwrap();
        assert_eq!(data.sessions, SessionCounts::tally(today, &held), "{today}");
        for period in Period::ALL {
            for scope in [
                Scope::Portfolio,
                Scope::Account(acme),
                Scope::Account(birch),
            ] {
                let mut one_by_one = data.clone();
                one_by_one.sessions = SessionCounts::tally(today, &held);
                assert_eq!(
                    compute(&data, today, period, scope),
                    compute(&one_by_one, today, period, scope),
                    "{today} {period} {scope:?}"
                );
            }
        }
    }
    let year = compute(
        &store.program_data(day(2026, 6, 15)).unwrap(),
        day(2026, 6, 15),
        Period::Last12Months,
        Scope::Portfolio,
    );
    assert_eq!(
        year.delivery.sessions, 7,
        "Acme's six days from 16 June 2025 to today, today twice; Birch is archived"
    );
}

#[test]
fn counting_an_accounts_sessions_reads_only_its_days() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let plan: Vec<String> = conn
        .prepare(
            "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM training_session
             WHERE account_id = ?1 AND held_on BETWEEN ?2 AND ?3",
        )
        .unwrap()
        .query_map((1, "2026-01-01", "2026-03-31"), |row| {
            row.get::<_, String>(3)
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        plan.iter()
            .any(|step| step.contains("COVERING INDEX training_session_by_account")),
        "{plan:?}"
    );
}
