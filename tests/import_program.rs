//! `t3 import releases`, `materials` and `triage` against the binary: real-looking files import
//! into a portfolio and again as unchanged, bad ones are refused naming the line and column
//! with the database left as it was, a changed row updates its record, and each kind's export
//! imports back into a fresh database to give the same export.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{day, stderr_of, t3};
use serde_json::Value;
use t3::domain::program::MaterialKind;
use t3::store::Store;

const TODAY: &str = "2026-06-15";

/// What the new kinds name, then the new kinds, in the order they import.
const ORDER: [&str; 5] = ["accounts", "trainers", "releases", "materials", "triage"];

fn fixture(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(folder)
        .join(name)
}

fn import(home: &Path, db: &Path, kind: &str, file: &Path) -> Output {
    t3(home)
        .args(["import", kind])
        .arg(file)
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .args(["--format", "json"])
        .output()
        .unwrap()
}

/// Imports `file` and returns the JSON report, failing the test if it is refused.
fn imported(home: &Path, db: &Path, kind: &str, file: &Path) -> Value {
    let output = import(home, db, kind, file);
    assert!(output.status.success(), "{kind}: {}", stderr_of(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn counts(report: &Value) -> (u64, u64, u64) {
    (
        report["added"].as_u64().unwrap(),
        report["updated"].as_u64().unwrap(),
        report["unchanged"].as_u64().unwrap(),
    )
}

fn export(home: &Path, db: &Path, kind: &str, format: &str) -> Vec<u8> {
    let output = t3(home)
        .args(["export", kind, "--format", format])
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .output()
        .unwrap();
    assert!(output.status.success(), "{kind}: {}", stderr_of(&output));
    output.stdout
}

/// A database in `home` holding the good fixtures of [`ORDER`].
fn portfolio(home: &Path) -> PathBuf {
    let db = home.join("portfolio.db");
    for kind in ORDER {
        imported(home, &db, kind, &fixture("good", &format!("{kind}.csv")));
    }
    db
}

/// Every row of the tables the new kinds write, so that any change to them shows.
fn program_tables(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut rows = Vec::new();
    for table in [
        "product_release",
        "material",
        "material_version",
        "triage_event",
    ] {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .unwrap();
        let width = statement.column_count();
        let found = statement
            .query_map([], |row| {
                Ok((0..width)
                    .map(|index| format!("{:?}", row.get_ref(index).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap);
        rows.extend(found.map(|row| format!("{table}: {row}")));
    }
    rows
}

#[test]
fn real_files_import_into_a_portfolio_and_again_as_unchanged() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    let expected: [(&str, u64, &[&str]); 5] = [
        ("accounts", 6, &["Account ID", "Region", "Description"]),
        ("trainers", 9, &["Phone", "Notes"]),
        ("releases", 4, &["Owner"]),
        ("materials", 5, &["State"]),
        ("triage", 5, &["reason"]),
    ];
    for (kind, added, ignored) in expected {
        let file = fixture("good", &format!("{kind}.csv"));
        let report = imported(home.path(), &db, kind, &file);
        assert_eq!(counts(&report), (added, 0, 0), "{kind}: {report}");
        assert_eq!(report["ignored_columns"], serde_json::json!(ignored));
    }

    let store = Store::open_read_only(&db).unwrap();
    let releases = store.releases().unwrap();
    let names: Vec<&str> = releases
        .iter()
        .map(|release| release.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Release 25.4",
            "Release 26.1",
            "Release 26.2",
            "Release 26.3"
        ]
    );
    assert_eq!(releases[2].shipped_on, day(2026, 4, 7));
    assert!(releases[2].summary.contains("\"exceptions\""));
    assert!(!releases[1].touches_trained_workflows);
    assert!(releases[3].summary.contains('\n'), "a line break in quotes");

    let materials = store.materials().unwrap();
    let titles: Vec<&str> = materials.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Facilitator guide",
            "Job aid: offline mode",
            "Participant workbook",
            "Slide deck"
        ]
    );
    let guide = &materials[0];
    assert_eq!(guide.versions.len(), 2);
    assert_eq!(
        guide.versions[1].updated_for,
        Some(releases[2].id),
        "the release is found whatever its case"
    );
    assert!(
        materials[1].versions.is_empty(),
        "a material without a version"
    );
    assert_eq!(materials[2].kind, MaterialKind::ParticipantWorkbook);
    assert_eq!(materials[2].versions[0].updated_for, None);

    let history = store.triage_history().unwrap();
    let mut events: Vec<_> = history.values().flatten().collect();
    events.sort_by_key(|event| event.id);
    assert_eq!(events.len(), 5);
    assert_eq!(events[0].key, events[1].key, "one finding's history");
    assert!(events[1].action.detail().contains("\"after the audit\""));
    assert_eq!(events[2].key.trainer, None);
    assert_eq!(events[3].at.to_string(), "2026-06-04 08:30:00.250");
    drop(store);

    let before = program_tables(&db);
    for (kind, rows, _) in expected {
        let file = fixture("good", &format!("{kind}.csv"));
        let report = imported(home.path(), &db, kind, &file);
        assert_eq!(counts(&report), (0, 0, rows), "{kind}: {report}");
    }
    assert_eq!(
        program_tables(&db),
        before,
        "a second import changed nothing"
    );
}

#[test]
fn bad_files_are_refused_naming_the_place_and_the_database_is_unchanged() {
    let home = tempfile::tempdir().unwrap();
    let db = portfolio(home.path());
    let before = program_tables(&db);
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            "releases",
            "releases-bad-cells.csv",
            &[
                "line 3, column shipped_on: '06/07/2026' is ambiguous",
                "line 3, column touches_trained_workflows: 'maybe' is not true or false",
            ],
        ),
        (
            "materials",
            "materials-unknown-release.csv",
            &[
                "line 3, column updated_for: no release named 'Release 99.1'",
                "line 4, column kind: 'flyer' is not a kind of material",
                "2 rows have 2 problems",
            ],
        ),
        (
            "triage",
            "triage-unknown-names.csv",
            &[
                "line 3, column account: no account named 'Initech'",
                "line 4, column trainer_email: no trainer with the email nobody@kestrel.example",
                "line 5, column detail: 'soon' is not a snooze date",
            ],
        ),
    ];
    for (kind, name, expected) in cases {
        let output = import(home.path(), &db, kind, &fixture("bad", name));
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        for text in expected {
            assert!(stderr.contains(text), "{name}: no {text:?} in\n{stderr}");
        }
        assert!(stderr.contains("nothing was imported"), "{name}: {stderr}");
        assert_eq!(program_tables(&db), before, "{name} changed the database");
    }
}

#[test]
fn a_changed_row_updates_its_record() {
    let home = tempfile::tempdir().unwrap();
    let db = portfolio(home.path());
    let changes = [
        (
            "releases",
            "name,shipped_on,summary,touches_trained_workflows\n\
             release 26.1,2026-01-12,Performance fixes,true\n",
        ),
        (
            "materials",
            "title,kind,version,updated_for,updated_on\n\
             Slide deck,slide-deck,5.1,Release 26.1,2026-04-21\n\
             Job aid: offline mode,job-aid,1.0,Release 26.2,2026-05-01\n",
        ),
        (
            "triage",
            "rule,account,trainer_email,action,detail,by,at\n\
             trainer-dark,Kestrel Insurance Group,ken.ito@kestrel.example,assign,Priya Nair,\
             dana,2026-06-04T08:30:00.250\n",
        ),
    ];
    let expected = [(0, 1, 0), (1, 1, 0), (0, 1, 0)];
    for ((kind, text), expected) in changes.into_iter().zip(expected) {
        let file = home.path().join(format!("{kind}.csv"));
        fs::write(&file, text).unwrap();
        let report = imported(home.path(), &db, kind, &file);
        assert_eq!(counts(&report), expected, "{kind}: {report}");
    }

    let store = Store::open_read_only(&db).unwrap();
    let releases = store.releases().unwrap();
    let renamed = releases.iter().find(|r| r.name == "release 26.1").unwrap();
    assert!(renamed.touches_trained_workflows);
    assert_eq!(releases.len(), 4, "matched, not added");
    let materials = store.materials().unwrap();
    let deck = materials.iter().find(|m| m.title == "Slide deck").unwrap();
    assert_eq!(deck.versions.len(), 1);
    assert_eq!(deck.versions[0].updated_on, day(2026, 4, 21));
    assert_eq!(deck.versions[0].updated_for, Some(renamed.id));
    let aid = materials
        .iter()
        .find(|m| m.title.starts_with("Job aid"))
        .unwrap();
    assert_eq!(aid.versions.len(), 1, "its first version");
    let history = store.triage_history().unwrap();
    let assigned: Vec<_> = history
        .values()
        .flatten()
        .filter(|event| event.action.kind() == "assign")
        .collect();
    assert_eq!(assigned.len(), 1);
    assert_eq!(assigned[0].action.detail(), "Priya Nair");
    assert_eq!(assigned[0].actor, "dana");
}

#[test]
fn each_kind_survives_export_and_import_into_a_fresh_database() {
    let home = tempfile::tempdir().unwrap();
    let original = home.path().join("demo.db");
    let output = t3(home.path())
        .args(["demo", "--db", original.to_str().unwrap(), "--today", TODAY])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let copy = home.path().join("copy.db");
    for kind in ORDER {
        let file = home.path().join(format!("{kind}.csv"));
        fs::write(&file, export(home.path(), &original, kind, "csv")).unwrap();
        let report = imported(home.path(), &copy, kind, &file);
        assert_eq!(report["updated"], 0, "{kind}: {report}");
        assert_eq!(report["unchanged"], 0, "{kind}: {report}");
        let again = imported(home.path(), &copy, kind, &file);
        assert_eq!(again["added"], 0, "{kind}: {again}");
        assert_eq!(again["updated"], 0, "{kind}: {again}");
    }

    for kind in ["releases", "materials", "triage"] {
        assert_eq!(
            String::from_utf8(export(home.path(), &copy, kind, "csv")).unwrap(),
            String::from_utf8(export(home.path(), &original, kind, "csv")).unwrap(),
            "{kind}"
        );
        assert_eq!(
            export(home.path(), &copy, kind, "json"),
            export(home.path(), &original, kind, "json"),
            "{kind}"
        );
    }
    let triage: Vec<Value> =
        serde_json::from_slice(&export(home.path(), &copy, "triage", "json")).unwrap();
    assert!(triage.len() >= 6, "{triage:?}");
    assert!(triage.iter().any(|event| event["trainer_email"].is_null()));
    assert!(triage.iter().any(|event| event["action"] == "resolve"));
}
