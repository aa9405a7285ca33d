//! `t3 export sessions`, `releases` and `materials` on a demo database with a fixed today: the
//! CSV headers (the columns `t3 import` reads first) and a row per record (per material
//! version), formula-looking cells neutralised, the JSON shapes (counts and versions null where
//! they mean nothing), `--out`, the refusal to write over the database, and the database left
//! exactly as it was.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

mod common;

use common::{day, stderr_of, t3};
use serde_json::Value;
use t3::domain::program::{MaterialKind, ReleaseFields, TrainingSession};
use t3::store::Store;

const TODAY: &str = "2026-06-15";

const SESSION_HEADER: [&str; 7] = [
    "trainer",
    "email",
    "account",
    "held_on",
    "topic",
    "attendees",
    "duration_min",
];

const RELEASE_HEADER: [&str; 7] = [
    "name",
    "shipped_on",
    "summary",
    "touches_trained_workflows",
    "ready",
    "late",
    "missing",
];

const MATERIAL_HEADER: [&str; 6] = [
    "title",
    "kind",
    "version",
    "updated_for",
    "updated_on",
    "state",
];

/// A formula a spreadsheet would run, typed where a topic or a name goes.
const FORMULA: &str = "=HYPERLINK(\"x\")";

/// The demo portfolio in `home` (five releases, six materials, the sessions of its certified
/// trainers), plus a session whose topic and a release whose summary look like formulas, and a
/// material with no version yet.
fn demo_database(home: &Path) -> PathBuf {
    let db = home.join("portfolio.db");
    let output = t3(home)
        .args(["demo", "--db", db.to_str().unwrap(), "--today", TODAY])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));

    let mut store = Store::open(&db).unwrap();
    let trainer = &store.trainer_rows().unwrap()[0].trainer;
    let session = TrainingSession {
        trainer: trainer.id,
        account: trainer.fields.account_id,
        held_on: day(2024, 1, 8),
        topic: FORMULA.to_string(),
        attendees: 12,
        duration_minutes: 45,
    };
    store.log_session(&session).unwrap();
    store
        .record_release(&ReleaseFields {
            name: "Release 26.3".to_string(),
            shipped_on: day(2026, 7, 6),
            summary: FORMULA.to_string(),
            touches_trained_workflows: true,
        })
        .unwrap();
    store
        .add_material("Job aid: offline mode", MaterialKind::JobAid)
        .unwrap();
    drop(store);
    db
}

/// The file's bytes and modification time, the latter set well in the past first so that any
/// write, however quick, would move it.
fn untouched_state(path: &Path) -> (Vec<u8>, SystemTime) {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    state_of(path)
}

fn state_of(path: &Path) -> (Vec<u8>, SystemTime) {
    (
        fs::read(path).unwrap(),
        fs::metadata(path).unwrap().modified().unwrap(),
    )
}

fn export(home: &Path, db: &Path, what: &str, extra: &[&str]) -> std::process::Output {
    let output = t3(home)
        .args([
            "export",
            what,
            "--db",
            db.to_str().unwrap(),
            "--today",
            TODAY,
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(output.status.success(), "{what}: {}", stderr_of(&output));
    output
}

/// The CSV's header and rows.
fn csv_of(output: &std::process::Output) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(Result::unwrap).collect();
    (header, rows)
}

fn json_of(output: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Whether `record` has exactly the CSV's columns as keys (a JSON map here sorts its keys).
fn has_keys(record: &Value, header: &[&str]) -> bool {
    let mut keys: Vec<&str> = record
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut header = header.to_vec();
    keys.sort_unstable();
    header.sort_unstable();
    keys == header
}

#[test]
fn sessions_come_oldest_first_with_their_trainer_and_account_named() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path());
    let before = untouched_state(&db);
    let count = Store::open_read_only(&db)
        .unwrap()
        .sessions()
        .unwrap()
        .len();

    let output = export(home.path(), &db, "sessions", &[]);

    assert!(output.stderr.is_empty(), "{}", stderr_of(&output));
    assert_eq!(state_of(&db), before, "the export changed the database");
    let (header, rows) = csv_of(&output);
    assert_eq!(header, SESSION_HEADER);
    assert_eq!(rows.len(), count);
    assert!(count > 100, "the demo has sessions: {count}");
    let dates: Vec<&str> = rows.iter().map(|row| &row[3]).collect();
    assert!(dates.is_sorted(), "oldest first");
    let first = &rows[0];
    assert_eq!(&first[3], "2024-01-08");
    assert_eq!(&first[4], format!("'{FORMULA}"), "the topic is neutralised");
    assert_eq!((&first[5], &first[6]), ("12", "45"));
    for row in &rows {
        assert!(row[1].contains('@'), "{row:?}");
        assert!(!row[0].is_empty() && !row[2].is_empty(), "{row:?}");
    }

    let records = json_of(&export(home.path(), &db, "sessions", &["--format", "json"]));
    assert_eq!(records.len(), count);
    assert!(has_keys(&records[0], &SESSION_HEADER), "{}", records[0]);
    assert_eq!(
        records[0]["topic"], FORMULA,
        "JSON gets exactly what was typed"
    );
    assert_eq!(records[0]["attendees"], 12);
    assert_eq!(records[0]["duration_min"], 45);
    assert_eq!(records[0]["held_on"], "2024-01-08");
}

#[test]
fn releases_come_in_the_order_they_shipped_with_their_materials_counted() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path());
    let before = untouched_state(&db);

    let output = export(home.path(), &db, "releases", &[]);

    assert_eq!(state_of(&db), before, "the export changed the database");
    let (header, rows) = csv_of(&output);
    assert_eq!(header, RELEASE_HEADER);
    let names: Vec<&str> = rows.iter().map(|row| &row[0]).collect();
    assert_eq!(
        names,
        [
            "Release 25.2",
            "Release 25.3",
            "Release 25.4",
            "Release 26.1",
            "Release 26.2",
            "Release 26.3"
        ]
    );
    let row = |name: &str| rows.iter().find(|row| &row[0] == name).unwrap();
    let counts = |name: &str| {
        let row = row(name);
        [
            row[3].to_string(),
            row[4].to_string(),
            row[5].to_string(),
            row[6].to_string(),
        ]
    };
    assert_eq!(counts("Release 26.2"), ["true", "3", "1", "3"]);
    assert_eq!(
        counts("Release 25.3"),
        ["false", "", "", ""],
        "counts mean nothing here"
    );
    assert_eq!(counts("Release 26.3"), ["true", "0", "0", "7"]);
    assert_eq!(&row("Release 26.2")[1], "2026-04-07");
    assert_eq!(&row("Release 26.3")[2], format!("'{FORMULA}"));

    let records = json_of(&export(home.path(), &db, "releases", &["--format", "json"]));
    assert_eq!(records.len(), 6);
    assert!(has_keys(&records[0], &RELEASE_HEADER), "{}", records[0]);
    let quiet = &records[1];
    assert_eq!(quiet["name"], "Release 25.3");
    assert_eq!(quiet["touches_trained_workflows"], false);
    assert!(quiet["ready"].is_null() && quiet["late"].is_null() && quiet["missing"].is_null());
    let latest = &records[4];
    assert_eq!(latest["touches_trained_workflows"], true);
    assert_eq!(
        (&latest["ready"], &latest["late"], &latest["missing"]),
        (&Value::from(3), &Value::from(1), &Value::from(3))
    );
    assert_eq!(records[5]["summary"], FORMULA);
}

#[test]
fn materials_are_current_or_stale_against_the_latest_trained_release_as_of_today() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path());
    let before = untouched_state(&db);

    let output = export(home.path(), &db, "materials", &[]);

    assert_eq!(state_of(&db), before, "the export changed the database");
    let (header, rows) = csv_of(&output);
    assert_eq!(header, MATERIAL_HEADER);
    assert_eq!(
        rows.len(),
        27,
        "a row per version, one for a material without"
    );
    // The latest version of a material is its last row: versions come oldest first.
    let row = |title: &str| rows.iter().rfind(|row| &row[0] == title).unwrap();
    let cells = |title: &str| row(title).iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        cells("Facilitator guide"),
        [
            "Facilitator guide",
            "facilitator-guide",
            "1.4",
            "Release 26.2",
            "2026-03-18",
            "current"
        ]
    );
    let guide: Vec<&str> = rows
        .iter()
        .filter(|row| &row[0] == "Facilitator guide")
        .map(|row| &row[2])
        .collect();
    assert_eq!(guide, ["1.0", "1.1", "1.2", "1.3", "1.4"]);
    assert_eq!(&row("Assessment kit")[5], "stale");
    assert_eq!(&row("Assessment kit")[3], "Release 25.4");
    assert_eq!(&row("Troubleshooting guide")[5], "stale");
    assert_eq!(
        cells("Job aid: offline mode"),
        ["Job aid: offline mode", "job-aid", "", "", "", "stale"],
        "no version yet: nothing followed the release"
    );
    let mut stale: Vec<&str> = rows
        .iter()
        .filter(|row| &row[5] == "stale")
        .map(|row| &row[0])
        .collect();
    stale.dedup();
    assert_eq!(
        stale,
        [
            "Assessment kit",
            "Job aid: offline mode",
            "Troubleshooting guide"
        ],
        "a material's state is on each of its versions"
    );

    let records = json_of(&export(
        home.path(),
        &db,
        "materials",
        &["--format", "json"],
    ));
    assert_eq!(records.len(), 27);
    assert!(has_keys(&records[0], &MATERIAL_HEADER), "{}", records[0]);
    let fresh = records
        .iter()
        .find(|record| record["title"] == "Job aid: offline mode")
        .unwrap();
    assert!(fresh["version"].is_null() && fresh["updated_for"].is_null());
    assert!(fresh["updated_on"].is_null());
    assert_eq!(fresh["state"], "stale");

    // Before any release touching trained workflows shipped, nothing can be stale.
    let early = t3(home.path())
        .args(["export", "materials", "--db", db.to_str().unwrap()])
        .args(["--today", "2025-01-01"])
        .output()
        .unwrap();
    let (_, rows) = csv_of(&early);
    assert!(rows.iter().all(|row| &row[5] == "current"), "{rows:?}");
}

#[test]
fn out_writes_the_file_whole_and_never_over_the_database() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path());
    let before = untouched_state(&db);

    for (what, count) in [("releases", 6), ("materials", 27)] {
        let out = home.path().join(format!("{what}.json"));
        fs::write(
            &out,
            "an older export, much longer than the new one".repeat(500),
        )
        .unwrap();
        let output = export(
            home.path(),
            &db,
            what,
            &["--format", "json", "--out", out.to_str().unwrap()],
        );
        assert!(output.stdout.is_empty(), "data goes to the file only");
        assert!(
            stderr_of(&output).contains(&format!("wrote {count} {what} to")),
            "{}",
            stderr_of(&output)
        );
        let records: Vec<Value> = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
        assert_eq!(records.len(), count, "{what}");
    }
    let out = home.path().join("sessions.csv");
    export(
        home.path(),
        &db,
        "sessions",
        &["--out", out.to_str().unwrap()],
    );
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.starts_with(&SESSION_HEADER.join(",")), "{text}");

    let refused = t3(home.path())
        .args(["export", "sessions", "--db", db.to_str().unwrap()])
        .args(["--out", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr_of(&refused).contains("is the database itself"),
        "{}",
        stderr_of(&refused)
    );
    assert_eq!(state_of(&db), before, "the database was touched");
}
