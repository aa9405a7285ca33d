//! The portfolio the risk rules judge, loaded from a file: sessions told apart from no sessions
//! recorded, the latest snapshot of each account, and a finding that goes away once the data
//! behind it changes.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;

use chrono::NaiveDate;
use common::{add_account, add_trainer, attempt, day};
use t3::domain::certification::{Module, PassMarks};
use t3::domain::program::TrainingSession;
use t3::domain::risk::{Finding, Rule, Thresholds, evaluate};
use t3::domain::{AccountId, AccountSnapshot, TrainerId, TrainerStatus};
use t3::store::Store;

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("t3.db")).unwrap()
}

/// Grace Mensah at Harbor City Transit, certified on `granted_on` after passing every module
/// the day before.
fn certified_trainer(store: &mut Store, granted_on: NaiveDate) -> (AccountId, TrainerId) {
    let account = add_account(store, "Harbor City Transit");
    let trainer = add_trainer(
        store,
        account,
        "Grace Mensah",
        "grace@harbor.example",
        TrainerStatus::Selected,
    );
    let passed_on = granted_on.pred_opt().unwrap();
    for module in Module::ALL {
        store
            .record_module_completion(trainer, &attempt(module, passed_on, 90))
            .unwrap();
    }
    store
        .certify_trainer(trainer, granted_on, PassMarks::default())
        .unwrap();
    (account, trainer)
}

fn session(account: AccountId, trainer: TrainerId, held_on: NaiveDate) -> TrainingSession {
    TrainingSession {
        trainer,
        account,
        held_on,
        topic: "Approvals and delegation".to_string(),
        attendees: 12,
        duration_minutes: 60,
    }
}

fn snapshot(account: AccountId, as_of: NaiveDate, new_feature_adoption: u8) -> AccountSnapshot {
    AccountSnapshot {
        account_id: account,
        as_of,
        active_users: 400,
        users_trained: 300,
        adoption_depth: 60,
        new_feature_adoption,
        support_tickets: 12,
        net_revenue_retention: 104.5,
    }
}

fn findings(store: &Store, today: NaiveDate) -> Vec<Finding> {
    evaluate(
        &store.portfolio(today).unwrap(),
        today,
        &Thresholds::default(),
    )
}

fn rules(findings: &[Finding]) -> Vec<Rule> {
    findings.iter().map(|finding| finding.key.rule).collect()
}

#[test]
fn sessions_are_none_until_one_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let (account, trainer) = certified_trainer(&mut store, day(2026, 1, 10));
    let today = day(2026, 6, 15);
    assert_eq!(store.portfolio(today).unwrap().last_sessions, None);
    assert!(!rules(&findings(&store, today)).contains(&Rule::TrainerDark));

    let batch = store.batch().unwrap();
    batch
        .insert_session(&session(account, trainer, day(2026, 2, 3)))
        .unwrap();
    batch.commit().unwrap();
    drop(store);
    let store = open(&dir);
    let portfolio = store.portfolio(today).unwrap();
    assert_eq!(
        portfolio.last_sessions,
        Some(HashMap::from([(trainer, day(2026, 2, 3))]))
    );
    // The one session is 132 days old: the trainer has gone dark.
    let found = findings(&store, today);
    let dark = found
        .iter()
        .find(|finding| finding.key.rule == Rule::TrainerDark)
        .unwrap();
    assert_eq!(dark.key.trainer, Some(trainer));
    assert!(dark.reason.contains("2026-02-03"), "{}", dark.reason);
}

#[test]
fn the_latest_snapshot_of_each_account_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let harbor = add_account(&mut store, "Harbor City Transit");
    let kestrel = add_account(&mut store, "Kestrel Insurance Group");
    let quiet = add_account(&mut store, "Pinecrest Credit Union");
    // Written out of order: the latest is the one with the latest date, not the last row.
    for (as_of, adoption) in [
        (day(2026, 3, 31), 40),
        (day(2026, 6, 10), 22),
        (day(2025, 12, 31), 35),
    ] {
        store
            .insert_snapshot(&snapshot(harbor, as_of, adoption))
            .unwrap();
    }
    store
        .insert_snapshot(&snapshot(kestrel, day(2026, 5, 1), 55))
        .unwrap();

    let portfolio = store.portfolio(day(2026, 6, 15)).unwrap();
    assert_eq!(portfolio.accounts.len(), 3);
    assert_eq!(portfolio.latest_snapshots.len(), 2);
    assert_eq!(
        portfolio.latest_snapshots[&harbor],
        snapshot(harbor, day(2026, 6, 10), 22)
    );
    assert_eq!(portfolio.latest_snapshots[&kestrel].as_of, day(2026, 5, 1));
    assert!(!portfolio.latest_snapshots.contains_key(&quiet));
    let low: Vec<AccountId> = findings(&store, day(2026, 6, 15))
        .iter()
        .filter(|finding| finding.key.rule == Rule::LowNewFeatureAdoption)
        .map(|finding| finding.key.account)
        .collect();
    assert_eq!(low, [harbor]);
}

#[test]
fn a_lapsed_finding_clears_once_the_certification_is_renewed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let (account, trainer) = certified_trainer(&mut store, day(2025, 1, 15));
    let today = day(2026, 3, 2);
    let before = findings(&store, today);
    let lapsed = before
        .iter()
        .find(|finding| finding.key.rule == Rule::CertificationLapsed)
        .unwrap();
    assert_eq!(
        (lapsed.key.account, lapsed.key.trainer),
        (account, Some(trainer))
    );
    assert!(rules(&before).contains(&Rule::NoCertifiedTrainer));

    store
        .record_module_completion(
            trainer,
            &attempt(Module::ExtendedAssessment, day(2026, 2, 20), 88),
        )
        .unwrap();
    store
        .renew_certification(trainer, today, PassMarks::default())
        .unwrap();
    drop(store);
    let after = findings(&open(&dir), today);
    assert!(
        !rules(&after).contains(&Rule::CertificationLapsed),
        "{after:?}"
    );
    assert!(
        !rules(&after).contains(&Rule::NoCertifiedTrainer),
        "{after:?}"
    );
}

#[test]
fn resetting_the_demo_clears_its_program_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let today = day(2026, 6, 15);
    let counts = t3::demo::seed(&mut store, today).unwrap();
    let portfolio = store.portfolio(today).unwrap();
    assert!(portfolio.last_sessions.is_some());
    assert_eq!(store.sessions().unwrap().len(), counts.sessions);
    assert_eq!(portfolio.releases.len(), counts.releases);
    assert_eq!(portfolio.materials.len(), counts.materials);

    store.clear_portfolio().unwrap();
    let cleared = store.portfolio(today).unwrap();
    assert_eq!(cleared.last_sessions, None);
    assert!(cleared.releases.is_empty() && cleared.materials.is_empty());
    // And the demo seeds again over it: no release or material name is left to collide with.
    t3::demo::seed(&mut store, today).unwrap();
}
