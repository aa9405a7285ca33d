//! `t3 export assessments` on a demo database: the CSV and JSON shapes, one record per
//! assessment, formula-looking cells neutralised, `--out`, clear refusals, and the database left
//! exactly as it was. `t3 export certifications` on a small pathway built through the store:
//! states as of `--today`, renewals, modules judged with the configured pass marks.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

mod common;

use chrono::NaiveDate;
use common::{add_account, add_trainer, day, stderr_of, t3};
use serde_json::Value;
use t3::domain::certification::{Module, ModuleCompletion, PassMarks};
use t3::domain::{AccountId, TrainerFields, TrainerId, TrainerStatus};
use t3::store::Store;

const FORMULA_NAME: &str = "=HYPERLINK(\"x\")";

const HEADER: [&str; 17] = [
    "assessment_id",
    "trainer_name",
    "trainer_email",
    "account",
    "started_on",
    "state",
    "submitted_on",
    "reviewer",
    "reviewed_on",
    "review_note",
    "credibility",
    "enthusiasm",
    "time",
    "clarity",
    "overall",
    "recommendation",
    "warnings",
];

const WARNING_PATTERNS: [&str; 4] = [
    "weak-criterion",
    "enthusiasm-without-credibility",
    "low-clarity",
    "no-protected-time",
];

/// A demo database in `home`, plus a trainer whose name a spreadsheet would run as a formula,
/// with a draft so that the name appears in the export. Returns the path and the number of
/// assessments it holds.
fn demo_database(home: &Path) -> (PathBuf, usize) {
    let db = home.join("portfolio.db");
    let output = t3(home)
        .args([
            "demo",
            "--db",
            db.to_str().unwrap(),
            "--today",
            "2026-06-15",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));

    let mut store = Store::open(&db).unwrap();
    let account = store.account_rows(chrono::NaiveDate::MIN).unwrap()[0]
        .account
        .id;
    let trainer = store
        .insert_trainer(
            &TrainerFields {
                account_id: account,
                name: FORMULA_NAME.to_string(),
                email: "mallory@northwind.example".to_string(),
                title: String::new(),
                department: String::new(),
            },
            TrainerStatus::Candidate,
        )
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let draft = store.start_assessment(trainer, today).unwrap();
    store
        .record_answer(draft.id, "credibility.advice_sought", 4)
        .unwrap();
    let count = store.all_assessments().unwrap().len();
    drop(store);
    (db, count)
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
    (
        fs::read(path).unwrap(),
        fs::metadata(path).unwrap().modified().unwrap(),
    )
}

fn state_of(path: &Path) -> (Vec<u8>, SystemTime) {
    (
        fs::read(path).unwrap(),
        fs::metadata(path).unwrap().modified().unwrap(),
    )
}

fn export(home: &Path, db: &Path, extra: &[&str]) -> std::process::Output {
    t3(home)
        .args(["export", "assessments", "--db", db.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_csv_export_has_a_row_per_assessment_and_leaves_the_database_alone() {
    let home = tempfile::tempdir().unwrap();
    let (db, count) = demo_database(home.path());
    let before = untouched_state(&db);

    let output = export(home.path(), &db, &[]);

    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stderr.is_empty(), "{}", stderr_of(&output));
    assert_eq!(state_of(&db), before, "the export changed the database");

    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), count);
    let column = |name: &str| HEADER.iter().position(|column| *column == name).unwrap();

    for state in ["draft", "pending", "approved", "declined"] {
        assert!(
            rows.iter().any(|row| &row[column("state")] == state),
            "no {state} row"
        );
    }
    let warnings: Vec<&str> = rows.iter().map(|row| &row[column("warnings")]).collect();
    for pattern in WARNING_PATTERNS {
        assert!(
            warnings
                .iter()
                .any(|cell| cell.split(';').any(|key| key == pattern)),
            "{pattern} never fires"
        );
    }
    for row in &rows {
        let complete = &row[column("state")] != "draft";
        assert_eq!(!row[column("overall")].is_empty(), complete, "{row:?}");
        assert_eq!(
            !row[column("recommendation")].is_empty(),
            complete,
            "{row:?}"
        );
        for criterion in ["credibility", "enthusiasm", "time", "clarity", "overall"] {
            let cell = &row[column(criterion)];
            if !cell.is_empty() {
                let score: f64 = cell.parse().unwrap();
                assert!((1.0..=5.0).contains(&score), "{row:?}");
                assert_eq!(cell.split('.').nth(1).map(str::len), Some(1), "{row:?}");
            }
        }
    }

    let formula = rows
        .iter()
        .find(|row| row[column("trainer_name")].contains("HYPERLINK"))
        .unwrap();
    assert_eq!(&formula[column("trainer_name")], format!("'{FORMULA_NAME}"));
    assert_eq!(&formula[column("state")], "draft");
    assert_eq!(&formula[column("credibility")], "4.0");
    assert_eq!(&formula[column("enthusiasm")], "");
}

#[test]
fn the_json_export_is_an_array_of_records_with_scores_by_criterion() {
    let home = tempfile::tempdir().unwrap();
    let (db, count) = demo_database(home.path());
    let before = untouched_state(&db);

    let output = export(home.path(), &db, &["--format", "json"]);

    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(state_of(&db), before, "the export changed the database");
    let records: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(records.len(), count);

    let keys: Vec<&str> = HEADER
        .iter()
        .copied()
        .filter(|key| !["credibility", "enthusiasm", "time", "clarity"].contains(key))
        .chain(["scores"])
        .collect();
    for record in &records {
        let object = record.as_object().unwrap();
        let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut wanted = keys.clone();
        found.sort_unstable();
        wanted.sort_unstable();
        assert_eq!(found, wanted);
        let scores = record["scores"].as_object().unwrap();
        let mut criteria: Vec<&str> = scores.keys().map(String::as_str).collect();
        criteria.sort_unstable();
        assert_eq!(criteria, ["clarity", "credibility", "enthusiasm", "time"]);
        assert!(record["assessment_id"].is_i64());
        assert!(record["warnings"].is_array());
    }

    let approved = records
        .iter()
        .find(|record| record["state"] == "approved")
        .unwrap();
    assert!(approved["overall"].is_f64(), "{approved}");
    assert!(approved["recommendation"].is_string(), "{approved}");
    assert!(approved["reviewer"].is_string(), "{approved}");
    assert!(approved["scores"]["clarity"].is_f64(), "{approved}");

    // JSON is data, not a spreadsheet: the name comes through exactly as typed.
    let formula = records
        .iter()
        .find(|record| record["trainer_name"] == FORMULA_NAME)
        .unwrap();
    assert_eq!(formula["state"], "draft");
    assert_eq!(formula["scores"]["credibility"], 4.0);
    assert!(formula["scores"]["clarity"].is_null());
    assert!(formula["overall"].is_null());
    assert!(formula["recommendation"].is_null());
    assert!(formula["submitted_on"].is_null());

    let fired: Vec<&str> = records
        .iter()
        .flat_map(|record| record["warnings"].as_array().unwrap())
        .filter_map(Value::as_str)
        .collect();
    for pattern in WARNING_PATTERNS {
        assert!(fired.contains(&pattern), "{pattern} never fires");
    }
}

#[test]
fn out_writes_the_same_export_to_a_file() {
    let home = tempfile::tempdir().unwrap();
    let (db, count) = demo_database(home.path());
    let out = home.path().join("assessments.csv");
    fs::write(
        &out,
        "an older export that is longer than nothing\n".repeat(500),
    )
    .unwrap();

    let to_file = export(home.path(), &db, &["--out", out.to_str().unwrap()]);
    let to_stdout = export(home.path(), &db, &[]);

    assert!(to_file.status.success(), "{}", stderr_of(&to_file));
    assert!(
        to_file.stdout.is_empty(),
        "data went to the file, not stdout"
    );
    assert!(
        stderr_of(&to_file).contains(&format!("wrote {count} assessments to")),
        "{}",
        stderr_of(&to_file)
    );
    assert_eq!(fs::read(&out).unwrap(), to_stdout.stdout);
    let leftovers: Vec<_> = fs::read_dir(home.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .filter(|name| name.to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_missing_database_is_refused_and_not_created() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("nowhere.db");

    let output = export(home.path(), &db, &[]);

    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let message = stderr_of(&output);
    assert!(message.contains("no database at"), "{message}");
    assert!(message.contains("nowhere.db"), "{message}");
    assert!(!db.exists());
}

#[test]
fn an_unknown_format_is_refused_with_the_known_ones() {
    let home = tempfile::tempdir().unwrap();
    let (db, _) = demo_database(home.path());

    let output = export(home.path(), &db, &["--format", "xlsx"]);

    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let message = stderr_of(&output);
    assert!(message.contains("xlsx"), "{message}");
    assert!(message.contains("csv, json"), "{message}");
}

#[test]
fn the_export_never_replaces_the_database() {
    let home = tempfile::tempdir().unwrap();
    let (db, _) = demo_database(home.path());
    let before = untouched_state(&db);

    let output = export(home.path(), &db, &["--out", db.to_str().unwrap()]);

    assert!(!output.status.success());
    assert!(
        stderr_of(&output).contains("is the database itself"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(state_of(&db), before);
}

const CERTIFICATION_HEADER: [&str; 8] = [
    "trainer",
    "email",
    "account",
    "certified_on",
    "expires_on",
    "state",
    "renewals",
    "modules_passed",
];

fn selected_trainer(store: &mut Store, account: AccountId, name: &str, email: &str) -> TrainerId {
    add_trainer(store, account, name, email, TrainerStatus::Selected)
}

fn attempt(store: &mut Store, trainer: TrainerId, module: Module, on: NaiveDate, scored: u8) {
    let completion = ModuleCompletion {
        module,
        completed_on: on,
        score: scored,
        evaluator: "Priya".into(),
        note: String::new(),
    };
    store
        .record_module_completion(trainer, &completion)
        .unwrap();
}

/// Every module passed on `on`, then certified that day.
fn certified(store: &mut Store, trainer: TrainerId, on: NaiveDate) {
    for module in Module::ALL {
        attempt(store, trainer, module, on, 90);
    }
    store
        .certify_trainer(trainer, on, PassMarks::default())
        .unwrap();
}

/// Five trainers seen on 2026-06-15: one lapsed, one renewed and now expiring, one on the
/// pathway with three modules passed (the practicum at 72, which only the default marks pass),
/// one just selected whose name is a formula, and one comfortably certified.
fn pathway_database(home: &Path) -> PathBuf {
    let db = home.join("pathway.db");
    let mut store = Store::open(&db).unwrap();
    let harbor = add_account(&mut store, "Harbor City Transit");
    let northwind = add_account(&mut store, "Northwind Foods");

    let grace = selected_trainer(&mut store, harbor, "Grace Mensah", "grace@harbor.example");
    certified(&mut store, grace, day(2025, 9, 1));

    let tomas = selected_trainer(&mut store, harbor, "Tomás Ruiz", "tomas@harbor.example");
    certified(&mut store, tomas, day(2025, 5, 1));

    let priya = selected_trainer(
        &mut store,
        northwind,
        "Priya Shah",
        "priya@northwind.example",
    );
    certified(&mut store, priya, day(2024, 6, 20));
    attempt(
        &mut store,
        priya,
        Module::ExtendedAssessment,
        day(2025, 6, 1),
        88,
    );
    store
        .renew_certification(priya, day(2025, 6, 20), PassMarks::default())
        .unwrap();

    let oskar = selected_trainer(
        &mut store,
        northwind,
        "Oskar Berg",
        "oskar@northwind.example",
    );
    attempt(
        &mut store,
        oskar,
        Module::ExtendedAssessment,
        day(2026, 5, 4),
        85,
    );
    attempt(
        &mut store,
        oskar,
        Module::FacilitationSkills,
        day(2026, 5, 11),
        80,
    );
    attempt(
        &mut store,
        oskar,
        Module::TroubleshootingDeepDive,
        day(2026, 5, 18),
        60,
    );
    attempt(&mut store, oskar, Module::Practicum, day(2026, 6, 1), 72);

    selected_trainer(&mut store, harbor, FORMULA_NAME, "mallory@harbor.example");
    drop(store);
    db
}

fn export_certifications(home: &Path, db: &Path, extra: &[&str]) -> std::process::Output {
    t3(home)
        .args(["export", "certifications", "--db", db.to_str().unwrap()])
        .args(["--today", "2026-06-15"])
        .args(extra)
        .output()
        .unwrap()
}

fn csv_rows(output: &std::process::Output) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CERTIFICATION_HEADER);
    reader
        .records()
        .map(|row| row.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn the_certifications_csv_has_a_row_per_certification_most_urgent_trainer_first() {
    let home = tempfile::tempdir().unwrap();
    let db = pathway_database(home.path());
    let before = untouched_state(&db);

    let output = export_certifications(home.path(), &db, &[]);

    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stderr.is_empty(), "{}", stderr_of(&output));
    assert_eq!(state_of(&db), before, "the export changed the database");
    let formula = format!("'{FORMULA_NAME}");
    let expected = [
        [
            "Tomás Ruiz",
            "tomas@harbor.example",
            "Harbor City Transit",
            "2025-05-01",
            "2026-05-01",
            "lapsed",
            "0",
            "4",
        ],
        // Her first certification, which the second renewed, comes before it.
        [
            "Priya Shah",
            "priya@northwind.example",
            "Northwind Foods",
            "2024-06-20",
            "2025-06-20",
            "renewed",
            "1",
            "4",
        ],
        [
            "Priya Shah",
            "priya@northwind.example",
            "Northwind Foods",
            "2025-06-20",
            "2026-06-20",
            "expiring",
            "1",
            "4",
        ],
        [
            "Oskar Berg",
            "oskar@northwind.example",
            "Northwind Foods",
            "",
            "",
            "certifying",
            "0",
            "3",
        ],
        [
            formula.as_str(),
            "mallory@harbor.example",
            "Harbor City Transit",
            "",
            "",
            "certifying",
            "0",
            "0",
        ],
        [
            "Grace Mensah",
            "grace@harbor.example",
            "Harbor City Transit",
            "2025-09-01",
            "2026-09-01",
            "certified",
            "0",
            "4",
        ],
    ];
    assert_eq!(csv_rows(&output), expected);
}

#[test]
fn the_certifications_json_has_the_same_keys_with_null_for_missing_dates() {
    let home = tempfile::tempdir().unwrap();
    let db = pathway_database(home.path());

    let output = export_certifications(home.path(), &db, &["--format", "json"]);

    assert!(output.status.success(), "{}", stderr_of(&output));
    let records: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = records
        .iter()
        .map(|record| record["trainer"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Tomás Ruiz",
            "Priya Shah",
            "Priya Shah",
            "Oskar Berg",
            FORMULA_NAME,
            "Grace Mensah"
        ]
    );
    for record in &records {
        let mut keys: Vec<&str> = record
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut wanted = CERTIFICATION_HEADER.to_vec();
        keys.sort_unstable();
        wanted.sort_unstable();
        assert_eq!(keys, wanted);
    }
    assert_eq!(
        records[0],
        serde_json::json!({
            "trainer": "Tomás Ruiz",
            "email": "tomas@harbor.example",
            "account": "Harbor City Transit",
            "certified_on": "2025-05-01",
            "expires_on": "2026-05-01",
            "state": "lapsed",
            "renewals": 0,
            "modules_passed": 4,
        })
    );
    assert_eq!(records[1]["certified_on"], "2024-06-20");
    assert_eq!(records[1]["state"], "renewed");
    assert_eq!(records[2]["certified_on"], "2025-06-20");
    assert_eq!(records[2]["renewals"], 1);
    assert_eq!(records[2]["state"], "expiring");
    // JSON is data, not a spreadsheet: the name comes through exactly as typed.
    let formula = &records[4];
    assert_eq!(formula["trainer"], FORMULA_NAME);
    assert!(formula["certified_on"].is_null(), "{formula}");
    assert!(formula["expires_on"].is_null(), "{formula}");
    assert_eq!(formula["state"], "certifying");
    assert_eq!(formula["modules_passed"], 0);
}

#[test]
fn modules_are_judged_with_the_configured_pass_marks() {
    let home = tempfile::tempdir().unwrap();
    let db = pathway_database(home.path());
    let config = home.path().join("config/t3/config.toml");
    fs::create_dir_all(config.parent().unwrap()).unwrap();
    fs::write(&config, "[pass_marks]\npracticum = 90\n").unwrap();

    let output = export_certifications(home.path(), &db, &[]);

    assert!(output.status.success(), "{}", stderr_of(&output));
    let rows = csv_rows(&output);
    let oskar = rows.iter().find(|row| row[0] == "Oskar Berg").unwrap();
    assert_eq!(
        oskar[7], "2",
        "a practicum at 72 no longer passes: {oskar:?}"
    );
    // A certification already granted stands; only the count of modules passed changes.
    let grace = rows.iter().find(|row| row[0] == "Grace Mensah").unwrap();
    assert_eq!((grace[5].as_str(), grace[7].as_str()), ("certified", "4"));

    let elsewhere = home.path().join("lenient.toml");
    fs::write(&elsewhere, "[pass_marks]\ntroubleshooting_deep_dive = 60\n").unwrap();
    let output = t3(home.path())
        .env("T3_CONFIG", &elsewhere)
        .args(["export", "certifications", "--db", db.to_str().unwrap()])
        .args(["--today", "2026-06-15"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let rows = csv_rows(&output);
    let oskar = rows.iter().find(|row| row[0] == "Oskar Berg").unwrap();
    assert_eq!(oskar[7], "4", "T3_CONFIG replaces config.toml: {oskar:?}");
}

#[test]
fn the_certifications_export_writes_to_out() {
    let home = tempfile::tempdir().unwrap();
    let db = pathway_database(home.path());
    let out = home.path().join("certifications.json");

    let to_file = export_certifications(
        home.path(),
        &db,
        &["--format", "json", "--out", out.to_str().unwrap()],
    );
    let to_stdout = export_certifications(home.path(), &db, &["--format", "json"]);

    assert!(to_file.status.success(), "{}", stderr_of(&to_file));
    assert!(to_file.stdout.is_empty());
    assert!(
        stderr_of(&to_file).contains("wrote 6 certifications to"),
        "{}",
        stderr_of(&to_file)
    );
    assert_eq!(fs::read(&out).unwrap(), to_stdout.stdout);
}
