//! `t3 export syncs` on a small database built through the store, read back with the
//! independent `ical` parser: one event per sync from `--today` on, the stored UIDs, starts in
//! UTC across daylight saving in Berlin and New York, agenda text that survives escaping,
//! `--out`, and the formats a calendar cannot read refused.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

mod common;

use chrono_tz::Tz;
use common::{add_account, add_trainer, at, day, stderr_of, sync_fields, t3};
use t3::domain::TrainerStatus;
use t3::domain::sync::SyncState;
use t3::store::Store;

const TODAY: &str = "2026-06-15";

/// Typed the way people type agendas: commas, semicolons, a backslash, Windows and Unix line
/// breaks, and a line long enough to be folded.
const AGENDA: &str = "1. Release 4.2: what changed, and why;\r\n\
                      2. Updated facilitator guide (see C:\\guides\\4.2)\n\
                      3. Questions; upcoming releases, dates and the new practicum rubric for everyone";

const RECORDING: &str = "https://recordings.example/q3?team=t3;year=2026";

/// A database with one certified trainer and these syncs, as of [`TODAY`]:
///
/// - Berlin, summer and winter, 16:00; New York, summer and winter, 11:00 (all to come);
/// - a cancelled sync to come, and a held and a scheduled one already past.
fn syncs_database(home: &Path) -> PathBuf {
    let db = home.join("syncs.db");
    let mut store = Store::open(&db).unwrap();
    let account = add_account(&mut store, "Northwind");
    add_trainer(
        &mut store,
        account,
        "Ana Costa",
        "ana@northwind.example",
        TrainerStatus::Certified,
    );
    let mut berlin_summer = sync_fields("Q3 Sync, Berlin", at(day(2026, 7, 14), 16, 0), berlin());
    berlin_summer.agenda = AGENDA.to_string();
    berlin_summer.recording_link = RECORDING.to_string();
    let ids = store
        .schedule_syncs(
            &[
                berlin_summer,
                sync_fields("Q4 Sync; Berlin", at(day(2026, 12, 8), 16, 0), berlin()),
                sync_fields("Q3 Sync, New York", at(day(2026, 7, 15), 11, 0), new_york()),
                sync_fields("Q4 Sync, New York", at(day(2026, 12, 9), 11, 0), new_york()),
                sync_fields("Dropped sync", at(day(2026, 9, 1), 16, 0), berlin()),
                sync_fields("Q1 Sync", at(day(2026, 3, 10), 16, 0), berlin()),
                sync_fields("Forgotten sync", at(day(2026, 6, 14), 23, 0), berlin()),
            ],
            day(2026, 1, 5),
        )
        .unwrap();
    store.set_sync_state(ids[4], SyncState::Cancelled).unwrap();
    store.set_sync_state(ids[5], SyncState::Held).unwrap();
    db
}

fn berlin() -> Tz {
    chrono_tz::Europe::Berlin
}

fn new_york() -> Tz {
    chrono_tz::America::New_York
}

fn export_syncs(home: &Path, db: &Path, extra: &[&str]) -> std::process::Output {
    export_syncs_on(TODAY, home, db, extra)
}

fn export_syncs_on(today: &str, home: &Path, db: &Path, extra: &[&str]) -> std::process::Output {
    t3(home)
        .args([
            "export",
            "syncs",
            "--db",
            db.to_str().unwrap(),
            "--today",
            today,
        ])
        .args(extra)
        .output()
        .unwrap()
}

/// An event's properties by name, text values unescaped as RFC 5545 says.
type Event = HashMap<String, String>;

/// The calendar's own properties and its events, as the `ical` crate reads them.
fn parse(bytes: &[u8]) -> (Event, Vec<Event>) {
    let mut calendars = ical::IcalParser::new(BufReader::new(bytes));
    let calendar = calendars.next().expect("one calendar").unwrap();
    assert!(calendars.next().is_none(), "more than one calendar");
    let properties = |properties: Vec<ical::property::Property>| {
        properties
            .into_iter()
            .map(|property| {
                let value = property.value.unwrap_or_default();
                (property.name, unescape(&value))
            })
            .collect::<Event>()
    };
    let events = calendar
        .events
        .into_iter()
        .map(|event| properties(event.properties))
        .collect();
    (properties(calendar.properties), events)
}

/// Undoes RFC 5545 text escaping (`\\`, `\;`, `\,`, `\n` or `\N`); the `ical` crate leaves it.
fn unescape(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            plain.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => plain.push('\n'),
            Some(escaped) => plain.push(escaped),
            None => plain.push('\\'),
        }
    }
    plain
}

fn by_summary<'a>(events: &'a [Event], summary: &str) -> &'a Event {
    events
        .iter()
        .find(|event| event["SUMMARY"] == summary)
        .unwrap_or_else(|| panic!("no event {summary:?} in {events:#?}"))
}

#[test]
fn every_sync_from_today_on_is_one_event_that_parses_back() {
    let home = tempfile::tempdir().unwrap();
    let db = syncs_database(home.path());
    let output = export_syncs(home.path(), &db, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));

    let (calendar, events) = parse(&output.stdout);
    assert_eq!(calendar["VERSION"], "2.0");
    assert!(calendar["PRODID"].contains("t3"), "{calendar:?}");
    let summaries: Vec<&str> = events.iter().map(|e| e["SUMMARY"].as_str()).collect();
    assert_eq!(
        summaries,
        [
            "Q3 Sync, Berlin",
            "Q3 Sync, New York",
            "Dropped sync",
            "Q4 Sync; Berlin",
            "Q4 Sync, New York"
        ],
        "the syncs from today on, in start order; the past ones stay out"
    );
    for event in &events {
        for property in [
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "DESCRIPTION",
            "STATUS",
        ] {
            assert!(event.contains_key(property), "no {property} in {event:?}");
        }
        assert_eq!(event["DTSTAMP"], "20260615T000000Z", "stamped --today");
    }
    assert_eq!(by_summary(&events, "Dropped sync")["STATUS"], "CANCELLED");
    assert_eq!(
        by_summary(&events, "Q3 Sync, Berlin")["STATUS"],
        "CONFIRMED"
    );

    let store = Store::open_read_only(&db).unwrap();
    let stored: HashMap<String, String> = store
        .sync_rows()
        .unwrap()
        .into_iter()
        .map(|row| (row.sync.fields.title, row.sync.uid))
        .collect();
    for event in &events {
        assert_eq!(event["UID"], stored[&event["SUMMARY"]], "the stored UID");
    }
    assert!(
        stderr_of(&output).is_empty(),
        "stdout only: {}",
        stderr_of(&output)
    );
}

#[test]
fn two_exports_keep_the_uids_and_the_bytes() {
    let home = tempfile::tempdir().unwrap();
    let db = syncs_database(home.path());
    let before = fs::read(&db).unwrap();
    let first = export_syncs(home.path(), &db, &[]);
    let second = export_syncs(home.path(), &db, &[]);
    assert!(first.status.success(), "{}", stderr_of(&first));
    assert_eq!(
        first.stdout, second.stdout,
        "the same day gives the same file"
    );
    let uids = |output: &std::process::Output| -> Vec<String> {
        parse(&output.stdout)
            .1
            .into_iter()
            .map(|event| event["UID"].clone())
            .collect()
    };
    assert_eq!(uids(&first), uids(&second));

    // The day of the first sync to come: the same five syncs, stamped a month later.
    let later = export_syncs_on("2026-07-14", home.path(), &db, &[]);
    assert!(later.status.success(), "{}", stderr_of(&later));
    assert_ne!(first.stdout, later.stdout, "stamped a month later");
    assert_eq!(uids(&first), uids(&later), "a later day keeps the UIDs");
    assert_eq!(fs::read(&db).unwrap(), before, "the database is only read");
}

#[test]
fn starts_and_ends_are_in_utc_across_daylight_saving() {
    let home = tempfile::tempdir().unwrap();
    let db = syncs_database(home.path());
    let output = export_syncs(home.path(), &db, &[]);
    let (_, events) = parse(&output.stdout);
    let cases = [
        ("Q3 Sync, Berlin", "20260714T140000Z", "20260714T150000Z"),
        ("Q4 Sync; Berlin", "20261208T150000Z", "20261208T160000Z"),
        ("Q3 Sync, New York", "20260715T150000Z", "20260715T160000Z"),
        ("Q4 Sync, New York", "20261209T160000Z", "20261209T170000Z"),
    ];
    for (summary, starts, ends) in cases {
        let event = by_summary(&events, summary);
        assert_eq!(event["DTSTART"], starts, "{summary}");
        assert_eq!(event["DTEND"], ends, "{summary}");
    }
}

#[test]
fn agenda_punctuation_and_line_breaks_survive_the_round_trip() {
    let home = tempfile::tempdir().unwrap();
    let db = syncs_database(home.path());
    let output = export_syncs(home.path(), &db, &[]);
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(
        text.split("\r\n").all(|line| line.len() <= 75),
        "lines folded at 75 octets:\n{text}"
    );

    let (_, events) = parse(&output.stdout);
    let berlin = by_summary(&events, "Q3 Sync, Berlin");
    let typed = AGENDA.replace("\r\n", "\n");
    assert_eq!(
        berlin["DESCRIPTION"],
        format!("{typed}\n\nRecording: {RECORDING}")
    );
    assert_eq!(berlin["URL"], RECORDING);
    assert!(
        !by_summary(&events, "Q4 Sync; Berlin").contains_key("URL"),
        "no recording yet"
    );
}

#[test]
fn out_writes_the_calendar_to_a_file() {
    let home = tempfile::tempdir().unwrap();
    let db = syncs_database(home.path());
    let stdout = export_syncs(home.path(), &db, &[]).stdout;
    let out = home.path().join("syncs.ics");
    let output = export_syncs(
        home.path(),
        &db,
        &["--format", "ics", "--out", out.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stdout.is_empty(), "the calendar went to the file");
    assert!(
        stderr_of(&output).contains(&format!("wrote 5 syncs to {}", out.display())),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(fs::read(&out).unwrap(), stdout);

    let refused = export_syncs(home.path(), &db, &["--out", db.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr_of(&refused).contains("is the database itself"),
        "{}",
        stderr_of(&refused)
    );
}

#[test]
fn formats_a_calendar_cannot_read_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let db = syncs_database(home.path());
    let out = home.path().join("syncs.csv");
    for format in ["csv", "json", "ical"] {
        let output = export_syncs(
            home.path(),
            &db,
            &["--format", format, "--out", out.to_str().unwrap()],
        );
        assert_eq!(output.status.code(), Some(2), "{format}");
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains(&format!("invalid value '{format}'"))
                && stderr.contains("possible values: ics"),
            "{stderr}"
        );
        assert!(output.stdout.is_empty());
        assert!(!out.exists(), "nothing written for {format}");
    }
}

#[test]
fn a_start_that_never_happens_is_left_out_with_a_message() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("gap.db");
    let mut store = Store::open(&db).unwrap();
    // 14 March 2027: New York's clocks go from 02:00 straight to 03:00.
    store
        .schedule_syncs(
            &[
                sync_fields("Spring forward", at(day(2027, 3, 14), 2, 30), new_york()),
                sync_fields("Spring sync", at(day(2027, 3, 15), 2, 30), new_york()),
            ],
            day(2026, 6, 15),
        )
        .unwrap();
    drop(store);

    let output = export_syncs(home.path(), &db, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let (_, events) = parse(&output.stdout);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["SUMMARY"], "Spring sync");
    assert_eq!(events[0]["DTSTART"], "20270315T063000Z");
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("left out the sync \"Spring forward\": 2027-03-14 02:30 never happens in America/New_York"),
        "{stderr}"
    );
}

#[test]
fn no_syncs_to_come_give_a_calendar_without_events() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("empty.db");
    drop(Store::open(&db).unwrap());
    let output = export_syncs(home.path(), &db, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let (calendar, events) = parse(&output.stdout);
    assert!(events.is_empty());
    assert_eq!(calendar["VERSION"], "2.0");
}
