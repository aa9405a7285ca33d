//! What the program metrics are computed from, loaded from a file: the demo portfolio read
//! back whole (archived accounts and renewals included), and the metrics it gives defined
//! where the demo has data for them.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{add_account, day};
use t3::domain::AccountSnapshot;
use t3::domain::metrics::{Period, Scope, compute};
use t3::store::Store;

fn count(path: &Path, table: &str) -> usize {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
        row.get::<_, i64>(0)
    })
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

    let data = store.program_data().unwrap();
    assert_eq!(data.accounts.len(), seeded.accounts);
    assert_eq!(data.trainers.len(), seeded.trainers);
    assert_eq!(data.snapshots.len(), seeded.snapshots);
    assert_eq!(data.sessions.len(), seeded.sessions);
    assert_eq!(data.certifications.len(), seeded.certifications);
    for (loaded, table) in [
        (data.accounts.len(), "account"),
        (data.trainers.len(), "trainer"),
        (data.snapshots.len(), "account_snapshot"),
        (data.sessions.len(), "training_session"),
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
    let data = store.program_data().unwrap();
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
    let data = store.program_data().unwrap();
    assert_eq!(data.snapshots, [snapshot]);
    assert_eq!(data.accounts.len(), 1);
    assert!(data.sessions.is_empty() && data.certifications.is_empty());
}
