//! Trainer Syncs in the store: who a new sync invites, editing and holding it, the invite list
//! and its attendance marks, the counts the Syncs tab lists, each trainer's engagement worked
//! out from a file, and a sync's zone, wall time and calendar identity surviving a reopen.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;

use chrono::NaiveDate;
use chrono_tz::{America, Europe};
use common::{add_account, add_trainer, at, attempt, day, status_of, sync_fields};
use t3::domain::certification::{Module, PassMarks};
use t3::domain::sync::{Attendance, SyncFields, SyncId, SyncState};
use t3::domain::{AccountId, TrainerId, TrainerStatus};
use t3::store::{Store, StoreError};

/// A trainer who passed all four modules the day before `granted_on` and was certified then.
fn certified(
    store: &mut Store,
    account: AccountId,
    name: &str,
    granted_on: NaiveDate,
) -> TrainerId {
    let email = format!("{}@kestrel.example", name.to_lowercase().replace(' ', "."));
    let trainer = add_trainer(store, account, name, &email, TrainerStatus::Certifying);
    let passed_on = granted_on.pred_opt().unwrap();
    for module in Module::ALL {
        store
            .record_module_completion(trainer, &attempt(module, passed_on, 95))
            .unwrap();
    }
    store
        .certify_trainer(trainer, granted_on, PassMarks::default())
        .unwrap();
    trainer
}

/// Schedules one sync on `today`, inviting whoever scheduling invites.
fn schedule(store: &mut Store, fields: &SyncFields, today: NaiveDate) -> SyncId {
    store
        .schedule_syncs(std::slice::from_ref(fields), today)
        .unwrap()[0]
}

fn invited(store: &Store, sync: SyncId) -> Vec<(TrainerId, Option<Attendance>)> {
    let mut invitees: Vec<_> = store
        .invitees(sync)
        .unwrap()
        .into_iter()
        .map(|invitee| (invitee.trainer, invitee.attendance))
        .collect();
    invitees.sort_by_key(|(trainer, _)| *trainer);
    invitees
}

/// A sync on `date` in `state` whose invite list is exactly `marks`, each with its mark.
fn sync_with(
    store: &mut Store,
    date: NaiveDate,
    state: SyncState,
    marks: &[(TrainerId, Option<Attendance>)],
) -> SyncId {
    let fields = sync_fields("Trainer Sync", at(date, 16, 0), Europe::Berlin);
    let sync = schedule(store, &fields, date);
    for (trainer, _) in invited(store, sync) {
        store.set_invited(sync, trainer, false).unwrap();
    }
    for &(trainer, attendance) in marks {
        store.set_invited(sync, trainer, true).unwrap();
        store.set_attendance(sync, trainer, attendance).unwrap();
    }
    store.set_sync_state(sync, state).unwrap();
    sync
}

#[test]
fn scheduling_invites_exactly_the_trainers_certified_that_day() {
    let mut store = Store::in_memory().unwrap();
    let account = add_account(&mut store, "Kestrel Insurance Group");
    let today = day(2026, 6, 15);
    let valid = certified(&mut store, account, "Grace Mensah", day(2026, 1, 10));
    let last_day = certified(&mut store, account, "Owen Larsen", day(2025, 6, 15));
    let expired = certified(&mut store, account, "Elif Costa", day(2025, 3, 1));
    let lapsed = certified(&mut store, account, "Kwame Patel", day(2025, 2, 1));
    store
        .move_trainer_status(lapsed, TrainerStatus::Lapsed)
        .unwrap();
    let certifying = add_trainer(
        &mut store,
        account,
        "Sofia Nowak",
        "sofia@kestrel.example",
        TrainerStatus::Certifying,
    );
    store
        .record_module_completion(certifying, &attempt(Module::ExtendedAssessment, today, 95))
        .unwrap();
    add_trainer(
        &mut store,
        account,
        "Lucas Haddad",
        "lucas@kestrel.example",
        TrainerStatus::Candidate,
    );
    assert_eq!(status_of(&store, expired), TrainerStatus::Certified);

    let fields = [
        sync_fields(
            "Trainer Sync — Q3 2026",
            at(day(2026, 7, 14), 16, 0),
            Europe::Berlin,
        ),
        sync_fields(
            "Trainer Sync — Q4 2026",
            at(day(2026, 10, 13), 11, 0),
            America::New_York,
        ),
    ];
    let ids = store.schedule_syncs(&fields, today).unwrap();

    assert_eq!(ids.len(), 2);
    let mut expected = vec![(valid, None), (last_day, None)];
    expected.sort_by_key(|(trainer, _)| *trainer);
    for (id, fields) in ids.iter().zip(&fields) {
        assert_eq!(
            invited(&store, *id),
            expected,
            "certified through today only: not expired, lapsed, certifying or candidate"
        );
        let sync = store.sync(*id).unwrap();
        assert_eq!(sync.state, SyncState::Scheduled);
        assert_eq!(&sync.fields, fields);
    }
}

#[test]
fn an_edited_sync_and_its_state_persist() {
    let mut store = Store::in_memory().unwrap();
    let original = sync_fields("Trainer Sync", at(day(2026, 7, 14), 16, 0), Europe::Berlin);
    let sync = schedule(&mut store, &original, day(2026, 6, 15));
    let uid = store.sync(sync).unwrap().uid;

    let edited = SyncFields {
        title: "Trainer Sync — Q3 2026: Release 26.3".to_string(),
        starts_at: at(day(2026, 7, 16), 11, 30),
        time_zone: America::New_York,
        duration_minutes: 90,
        agenda: "1. Release 26.3\n2. New job aid\n3. Questions\n4. Release 26.4".to_string(),
        recording_link: "https://recordings.example.com/t3/trainer-sync-2026-q3".to_string(),
    };
    store.update_sync(sync, &edited).unwrap();
    store.set_sync_state(sync, SyncState::Held).unwrap();

    let found = store.sync(sync).unwrap();
    assert_eq!(found.fields, edited);
    assert_eq!(found.state, SyncState::Held);
    assert_eq!(found.uid, uid, "editing keeps the calendar identity");
    assert_eq!(store.sync_rows().unwrap()[0].sync, found);
    store.set_sync_state(sync, SyncState::Cancelled).unwrap();
    assert_eq!(store.sync(sync).unwrap().state, SyncState::Cancelled);

    let missing = SyncId(sync.0 + 1);
    assert!(matches!(
        store.update_sync(missing, &edited),
        Err(StoreError::NotFound { what: "sync", .. })
    ));
    assert!(matches!(
        store.set_sync_state(missing, SyncState::Held),
        Err(StoreError::NotFound { what: "sync", .. })
    ));
    assert!(matches!(
        store.sync(missing),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn invitations_and_marks_are_added_changed_and_removed() {
    let mut store = Store::in_memory().unwrap();
    let account = add_account(&mut store, "Kestrel Insurance Group");
    let grace = certified(&mut store, account, "Grace Mensah", day(2026, 1, 10));
    let owen = add_trainer(
        &mut store,
        account,
        "Owen Larsen",
        "owen@kestrel.example",
        TrainerStatus::Certifying,
    );
    let fields = sync_fields("Trainer Sync", at(day(2026, 6, 9), 16, 0), Europe::Berlin);
    let sync = schedule(&mut store, &fields, day(2026, 6, 1));
    assert_eq!(invited(&store, sync), [(grace, None)]);

    store
        .set_attendance(sync, grace, Some(Attendance::Live))
        .unwrap();
    assert_eq!(invited(&store, sync), [(grace, Some(Attendance::Live))]);
    store
        .set_attendance(sync, grace, Some(Attendance::Recording))
        .unwrap();
    assert_eq!(
        invited(&store, sync),
        [(grace, Some(Attendance::Recording))]
    );
    store.set_attendance(sync, grace, None).unwrap();
    assert_eq!(
        invited(&store, sync),
        [(grace, None)],
        "the mark is cleared"
    );

    let error = store
        .set_attendance(sync, owen, Some(Attendance::Live))
        .unwrap_err();
    assert!(
        matches!(error, StoreError::NotFound { id, .. } if id == owen.0),
        "{error}"
    );
    store.set_invited(sync, owen, true).unwrap();
    store.set_invited(sync, owen, true).unwrap();
    assert_eq!(invited(&store, sync), [(grace, None), (owen, None)]);
    let invitee = &store.invitees(sync).unwrap()[1];
    assert_eq!(invitee.name, "Owen Larsen");
    assert_eq!(invitee.account_name, "Kestrel Insurance Group");

    store
        .set_attendance(sync, owen, Some(Attendance::Absent))
        .unwrap();
    store.set_invited(sync, owen, false).unwrap();
    assert_eq!(invited(&store, sync), [(grace, None)]);
    store.set_invited(sync, owen, true).unwrap();
    assert_eq!(
        invited(&store, sync),
        [(grace, None), (owen, None)],
        "taking a trainer off the list dropped their mark"
    );
}

#[test]
fn sync_rows_count_the_invited_the_attended_and_the_marked() {
    let mut store = Store::in_memory().unwrap();
    let account = add_account(&mut store, "Kestrel Insurance Group");
    let trainers: Vec<TrainerId> = ["Ana Costa", "Ben Okafor", "Cara Dubois", "Dev Patel"]
        .into_iter()
        .map(|name| certified(&mut store, account, name, day(2026, 1, 10)))
        .collect();
    let marks = [
        Some(Attendance::Live),
        Some(Attendance::Recording),
        Some(Attendance::Absent),
        None,
    ];
    let marked: Vec<_> = trainers.iter().copied().zip(marks).collect();
    let later = sync_with(&mut store, day(2026, 6, 9), SyncState::Held, &marked);
    let earlier = sync_with(&mut store, day(2026, 3, 10), SyncState::Held, &[]);

    let rows = store.sync_rows().unwrap();
    let summary: Vec<_> = rows
        .iter()
        .map(|row| (row.sync.id, row.invited, row.attended, row.marked))
        .collect();
    assert_eq!(
        summary,
        [(earlier, 0, 0, 0), (later, 4, 2, 3)],
        "in start order"
    );
}

#[test]
fn engagements_are_worked_out_from_the_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("t3.db");
    let today = day(2026, 6, 15);
    let mut store = Store::open(&path).unwrap();
    let account = add_account(&mut store, "Kestrel Insurance Group");
    let since = day(2025, 6, 1);
    let ana = certified(&mut store, account, "Ana Costa", since);
    let ben = certified(&mut store, account, "Ben Okafor", since);
    let dev = certified(&mut store, account, "Dev Patel", since);
    let eve = certified(&mut store, account, "Eve Larsen", day(2026, 1, 20));
    let (live, recording, absent) = (
        Some(Attendance::Live),
        Some(Attendance::Recording),
        Some(Attendance::Absent),
    );
    let held = SyncState::Held;
    sync_with(
        &mut store,
        day(2025, 9, 9),
        held,
        &[(ana, live), (ben, live)],
    );
    sync_with(
        &mut store,
        day(2025, 12, 9),
        held,
        &[(ana, absent), (ben, absent), (dev, live), (eve, absent)],
    );
    let invited_to_cancelled = [(ana, None), (ben, None), (dev, None), (eve, None)];
    sync_with(
        &mut store,
        day(2026, 3, 10),
        SyncState::Cancelled,
        &invited_to_cancelled,
    );
    sync_with(
        &mut store,
        day(2026, 6, 9),
        held,
        &[(ana, recording), (ben, None), (eve, absent)],
    );
    let upcoming = [(ana, None), (ben, None), (dev, None), (eve, None)];
    sync_with(&mut store, day(2026, 9, 8), SyncState::Scheduled, &upcoming);
    drop(store);

    let store = Store::open(&path).unwrap();
    let engagements = store.engagements(today).unwrap();

    assert_eq!(engagements.len(), 4);
    let ana_found = engagements[&ana];
    assert_eq!(
        ana_found.quarters_missed, 0,
        "by recording counts as attended"
    );
    assert_eq!(ana_found.last_attended, Some(day(2026, 6, 9)));
    let ben_found = engagements[&ben];
    assert_eq!(
        ben_found.quarters_missed, 2,
        "unmarked in June, absent in December; the cancelled March sync is skipped"
    );
    assert!(ben_found.is_drifting());
    assert_eq!(ben_found.last_attended, Some(day(2025, 9, 9)));
    let dev_found = engagements[&dev];
    assert_eq!(
        dev_found.quarters_missed, 0,
        "the cancelled sync after December was missed by nobody"
    );
    assert_eq!(dev_found.last_attended, Some(day(2025, 12, 9)));
    let eve_found = engagements[&eve];
    assert_eq!(
        eve_found.quarters_missed, 1,
        "December came before Eve was certified in January"
    );
    assert_eq!(eve_found.last_attended, None);
}

#[test]
fn a_berlin_sync_keeps_its_zone_and_wall_time_through_the_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("t3.db");
    let summer = sync_fields(
        "Trainer Sync — Q3 2026",
        at(day(2026, 7, 14), 16, 0),
        Europe::Berlin,
    );
    // The last Sunday of October 2026: in Berlin, 02:30 happens twice that night.
    let clocks_back = sync_fields(
        "Trainer Sync — night shift",
        at(day(2026, 10, 25), 2, 30),
        Europe::Berlin,
    );
    let ids = {
        let mut store = Store::open(&path).unwrap();
        store
            .schedule_syncs(&[summer.clone(), clocks_back.clone()], day(2026, 6, 15))
            .unwrap()
    };

    let store = Store::open(&path).unwrap();
    let found = store.sync(ids[0]).unwrap().fields;
    assert_eq!(found, summer);
    assert_eq!(found.time_zone.name(), "Europe/Berlin");
    assert_eq!(found.starts_at, at(day(2026, 7, 14), 16, 0));
    assert_eq!(
        found.starts_utc().unwrap().to_rfc3339(),
        "2026-07-14T14:00:00+00:00"
    );
    let found = store.sync(ids[1]).unwrap().fields;
    assert_eq!(found, clocks_back);
    assert_eq!(
        found.starts_utc().unwrap().to_rfc3339(),
        "2026-10-25T00:30:00+00:00",
        "the first of the two 02:30s, still summer time"
    );
}

#[test]
fn uids_are_unique_and_stay_put_across_reopening() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("t3.db");
    let first = day(2026, 7, 14);
    let fields: Vec<SyncFields> = t3::domain::sync::quarterly_dates(first, 4)
        .into_iter()
        .chain(t3::domain::sync::quarterly_dates(first, 4))
        .map(|date| sync_fields("Trainer Sync", at(date, 16, 0), Europe::London))
        .collect();
    let before: Vec<(SyncId, String)> = {
        let mut store = Store::open(&path).unwrap();
        store.schedule_syncs(&fields, day(2026, 6, 15)).unwrap();
        let rows = store.sync_rows().unwrap();
        store.update_sync(rows[0].sync.id, &fields[1]).unwrap();
        rows.into_iter()
            .map(|row| (row.sync.id, row.sync.uid))
            .collect()
    };

    let unique: HashSet<&str> = before.iter().map(|(_, uid)| uid.as_str()).collect();
    assert_eq!(
        unique.len(),
        fields.len(),
        "even for two syncs at the same hour"
    );
    for (_, uid) in &before {
        assert!(uid.ends_with("@t3") && uid.len() == 35, "{uid}");
    }
    let store = Store::open(&path).unwrap();
    for (id, uid) in &before {
        assert_eq!(&store.sync(*id).unwrap().uid, uid);
    }
    let mut again: Vec<(SyncId, String)> = store
        .sync_rows()
        .unwrap()
        .into_iter()
        .map(|row| (row.sync.id, row.sync.uid))
        .collect();
    let mut before = before;
    before.sort();
    again.sort();
    assert_eq!(again, before);
}
