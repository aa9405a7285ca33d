//! `t3 import` against the binary: real-looking CRM and spreadsheet exports import cleanly into
//! an empty database, bad files are refused naming the line and column with the database left
//! exactly as it was, a second import and a dry run change nothing, and every kind's export
//! imports back into a fresh database unchanged.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{day, stderr_of, t3};
use serde_json::Value;
use t3::domain::certification::expiry_for;
use t3::store::Store;

const TODAY: &str = "2026-06-15";

/// The order a portfolio is imported in: what the later kinds name must exist first.
const ORDER: [&str; 9] = [
    "accounts",
    "trainers",
    "snapshots",
    "certifications",
    "attendance",
    "sessions",
    "releases",
    "materials",
    "triage",
];

fn fixture(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(folder)
        .join(name)
}

fn good(kind: &str) -> PathBuf {
    fixture("good", &format!("{kind}.csv"))
}

fn import(home: &Path, db: &Path, kind: &str, file: &Path, extra: &[&str]) -> Output {
    t3(home)
        .args(["import", kind])
        .arg(file)
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .args(extra)
        .output()
        .unwrap()
}

/// Imports `file` and returns the JSON report, failing the test if it is refused.
fn imported(home: &Path, db: &Path, kind: &str, file: &Path) -> Value {
    let output = import(home, db, kind, file, &["--format", "json"]);
    assert!(output.status.success(), "{kind}: {}", stderr_of(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// A database in `home` holding every good fixture.
fn portfolio(home: &Path) -> PathBuf {
    let db = home.join("portfolio.db");
    for kind in ORDER {
        imported(home, &db, kind, &good(kind));
    }
    db
}

/// A hash of every row of every table, so that any change anywhere shows.
fn checksum(db: &Path) -> u64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables.sort();
    let mut hasher = DefaultHasher::new();
    for table in tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let width = statement.column_count();
        let mut rows: Vec<String> = statement
            .query_map([], |row| {
                Ok((0..width)
                    .map(|index| format!("{:?}", row.get_ref(index).unwrap()))
                    .collect::<Vec<_>>()
                    .join("\u{1f}"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        (table, rows).hash(&mut hasher);
    }
    hasher.finish()
}

fn counts(report: &Value) -> (u64, u64, u64) {
    (
        report["added"].as_u64().unwrap(),
        report["updated"].as_u64().unwrap(),
        report["unchanged"].as_u64().unwrap(),
    )
}

#[test]
fn real_exports_import_cleanly_into_an_empty_database() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    let expected: [(&str, u64, &[&str]); 6] = [
        ("accounts", 6, &["Account ID", "Region", "Description"]),
        ("trainers", 9, &["Phone", "Notes"]),
        ("snapshots", 5, &["source"]),
        (
            "certifications",
            5,
            &["trainer", "account", "state", "renewals", "modules_passed"],
        ),
        ("attendance", 6, &["Display Name", "Minutes Attended"]),
        ("sessions", 5, &["trainer", "account", "notes"]),
    ];
    for (kind, added, ignored) in expected {
        let report = imported(home.path(), &db, kind, &good(kind));
        assert_eq!(counts(&report), (added, 0, 0), "{kind}: {report}");
        assert_eq!(
            report["ignored_columns"],
            serde_json::json!(ignored),
            "{kind}"
        );
        assert_eq!(report["dry_run"], false);
    }

    let store = Store::open_read_only(&db).unwrap();
    let accounts = store.accounts().unwrap();
    let halvorsen = accounts
        .iter()
        .find(|account| account.fields.name == "Halvorsen & Berg, AS")
        .unwrap();
    assert_eq!(halvorsen.fields.rollout_start, None);
    let lumiere = accounts
        .iter()
        .find(|account| account.fields.name == "Société Lumière Énergie")
        .unwrap();
    assert_eq!(lumiere.fields.seats, 1250);
    assert_eq!(lumiere.fields.rollout_start, Some(day(2025, 9, 1)));
    let northwind = accounts
        .iter()
        .find(|account| account.fields.name == "Northwind Freight")
        .unwrap();
    assert_eq!(northwind.fields.renewal_date, Some(day(2026, 11, 30)));
    assert_eq!(northwind.fields.annual_value, 540_000);

    let trainers = store.trainer_rows().unwrap();
    let mia = trainers
        .iter()
        .find(|row| row.trainer.fields.email == "maria.souza@brightwater.example")
        .unwrap();
    assert_eq!(mia.trainer.fields.name, "Maria \"Mia\" Souza");
    assert_eq!(mia.account_name, "Brightwater Health");
    let jonas = trainers
        .iter()
        .find(|row| row.trainer.fields.name == "Jonas Berg")
        .unwrap();
    assert_eq!(
        jonas.trainer.status.as_str(),
        "candidate",
        "no status: a candidate"
    );

    let snapshots = store.snapshots_of_account(northwind.id).unwrap();
    assert_eq!(snapshots.len(), 2);
    assert!((snapshots[0].net_revenue_retention - 104.5).abs() < f64::EPSILON);
    assert_eq!(snapshots[0].adoption_depth, 58);

    let pathways = store.pathways().unwrap();
    let ana = pathways
        .iter()
        .find(|pathway| pathway.row.trainer.fields.name == "Ana Costa")
        .unwrap();
    assert_eq!(ana.certifications.len(), 2);
    assert_eq!(
        ana.renewals(),
        1,
        "the later certification renews the first"
    );
    assert!(ana.certifications[1].number.starts_with("T3-2025-"));
    let mia = pathways
        .iter()
        .find(|pathway| pathway.row.trainer.fields.email.starts_with("maria"))
        .unwrap();
    assert_eq!(
        mia.certifications[0].expires_on,
        expiry_for(day(2025, 11, 20))
    );

    let syncs = store.sync_rows().unwrap();
    assert_eq!(syncs.len(), 2);
    assert_eq!(syncs[0].sync.fields.title, "Trainer Sync — Q4 2025");
    assert_eq!(syncs[0].sync.state.as_str(), "held");
    assert_eq!((syncs[0].invited, syncs[0].attended), (3, 2));

    let sessions = store.sessions().unwrap();
    assert_eq!(sessions.len(), 5);
    assert!(
        sessions
            .iter()
            .any(|session| session.topic == "Exceptions, holds and returns"
                && session.duration_minutes == 90)
    );
    assert!(sessions.iter().any(|session| session.attendees == 1200));
}

#[test]
fn importing_the_same_files_again_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = portfolio(home.path());
    let before = checksum(&db);
    let rows = [6, 9, 5, 5, 6, 5, 4, 5, 5];
    for (kind, rows) in ORDER.into_iter().zip(rows) {
        let report = imported(home.path(), &db, kind, &good(kind));
        assert_eq!(counts(&report), (0, 0, rows), "{kind}: {report}");
        assert_eq!(report["syncs_created"], 0);
    }
    assert_eq!(checksum(&db), before);
}

#[test]
fn a_changed_row_updates_its_record_and_a_new_one_is_added() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    imported(home.path(), &db, "accounts", &good("accounts"));
    let changed = home.path().join("accounts.csv");
    fs::write(
        &changed,
        "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status\n\
         NORTHWIND FREIGHT,Enterprise,2000,Dana Whitfield,2025-02-03,2027-11-30,600000,active\n\
         Kestrel Insurance Group,Enterprise,950,Marcus Oyelaran,2025-06-02,2026-08-15,285000,active\n\
         Umbrella Pharma,Strategic,5000,Camille Roche,,,0,planned\n",
    )
    .unwrap();
    let report = imported(home.path(), &db, "accounts", &changed);
    assert_eq!(counts(&report), (1, 1, 1));
    let store = Store::open_read_only(&db).unwrap();
    let accounts = store.accounts().unwrap();
    assert_eq!(accounts.len(), 7);
    let northwind = accounts
        .iter()
        .find(|account| {
            account
                .fields
                .name
                .eq_ignore_ascii_case("northwind freight")
        })
        .unwrap();
    assert_eq!(northwind.fields.name, "NORTHWIND FREIGHT");
    assert_eq!(northwind.fields.seats, 2000);
    assert_eq!(northwind.fields.renewal_date, Some(day(2027, 11, 30)));
}

#[test]
fn the_archived_flag_comes_across_and_a_file_without_it_leaves_it_alone() {
    let home = tempfile::tempdir().unwrap();
    let db = portfolio(home.path());
    {
        let mut store = Store::open(&db).unwrap();
        let kestrel = store.accounts().unwrap()[1].id;
        store.set_account_archived(kestrel, true).unwrap();
    }
    let copy = copy_through_exports(home.path(), &db, "archived");
    let archived = |db: &Path| -> Vec<(String, bool)> {
        let store = Store::open_read_only(db).unwrap();
        let accounts = store.accounts().unwrap();
        accounts
            .into_iter()
            .map(|account| (account.fields.name, account.archived))
            .collect()
    };
    assert_eq!(archived(&copy), archived(&db));
    assert_eq!(archived(&copy).iter().filter(|(_, flag)| *flag).count(), 1);

    // A CRM's file has no archived column: the flags stay as they are.
    let report = imported(home.path(), &copy, "accounts", &good("accounts"));
    assert_eq!(counts(&report), (0, 0, 6));
    assert_eq!(archived(&copy), archived(&db));

    let bad = home.path().join("bad-archived.csv");
    fs::write(
        &bad,
        "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status,archived\n\
         Umbrella Pharma,Strategic,5000,,,,0,planned,maybe\n",
    )
    .unwrap();
    let output = import(home.path(), &copy, "accounts", &bad, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("line 2, column archived: 'maybe'"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn a_dry_run_reports_what_would_change_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    imported(home.path(), &db, "accounts", &good("accounts"));
    let bytes = fs::read(&db).unwrap();
    let modified = fs::metadata(&db).unwrap().modified().unwrap();

    let output = import(
        home.path(),
        &db,
        "trainers",
        &good("trainers"),
        &["--dry-run"],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("9 trainers would be added, 0 updated, 0 unchanged"),
        "{stderr}"
    );
    assert!(stderr.contains("dry run: nothing was written"), "{stderr}");
    let output = import(
        home.path(),
        &db,
        "accounts",
        &good("accounts"),
        &["--dry-run", "--format", "json"],
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(counts(&report), (0, 0, 6));
    assert_eq!(report["dry_run"], true);
    assert_eq!(fs::read(&db).unwrap(), bytes, "a dry run changed the file");
    assert_eq!(fs::metadata(&db).unwrap().modified().unwrap(), modified);
    // Reading a WAL database leaves an empty log beside it, as every export does.
    let wal = home.path().join("portfolio.db-wal");
    assert!(!wal.exists() || fs::metadata(&wal).unwrap().len() == 0);

    // Without a database there is nothing to compare with, and nothing is created.
    let absent = home.path().join("absent.db");
    let output = import(
        home.path(),
        &absent,
        "accounts",
        &good("accounts"),
        &["--dry-run"],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("6 accounts would be added"));
    assert!(!absent.exists());
}

#[test]
fn bad_files_are_refused_naming_the_place_and_the_database_is_unchanged() {
    let home = tempfile::tempdir().unwrap();
    let db = portfolio(home.path());
    let before = checksum(&db);
    let cases: [(&str, &str, &[&str]); 9] = [
        (
            "accounts",
            "accounts-missing-column.csv",
            &["accounts-missing-column.csv has no 'seats' column: accounts files need name"],
        ),
        (
            "accounts",
            "accounts-bad-seats.csv",
            &[
                "accounts-bad-seats.csv: line 3, column seats: 'about 300' is not a whole number",
                "accounts-bad-seats.csv: line 4, column seats: '0' is not a whole number above 0",
                "refused: 2 rows have 2 problems",
            ],
        ),
        (
            "trainers",
            "trainers-unknown-account.csv",
            &["line 3, column account: no account named 'Initech'"],
        ),
        (
            "snapshots",
            "snapshots-ambiguous-date.csv",
            &[
                "line 3, column as_of: '03/04/2026' is ambiguous",
                "write dates as YYYY-MM-DD",
            ],
        ),
        (
            "trainers",
            "trainers-duplicate-email.csv",
            &["line 4, column email: Lena.Park@Northwind.example is on line 2 too"],
        ),
        ("accounts", "empty.csv", &["empty.csv is empty"]),
        (
            "accounts",
            "header-only.csv",
            &["header-only.csv has a header but no rows"],
        ),
        (
            "accounts",
            "binary.csv",
            &["binary.csv is not a CSV file: it holds binary data"],
        ),
        (
            "trainers",
            "latin1.csv",
            &["latin1.csv is not UTF-8 text: line 2", "CSV UTF-8"],
        ),
    ];
    for (kind, name, expected) in cases {
        let output = import(home.path(), &db, kind, &fixture("bad", name), &[]);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(output.stdout.is_empty(), "{name}");
        for text in expected {
            assert!(stderr.contains(text), "{name}: no {text:?} in\n{stderr}");
        }
        assert!(stderr.contains("nothing was imported"), "{name}: {stderr}");
        assert_eq!(checksum(&db), before, "{name} changed the database");
    }
}

#[test]
fn a_bad_command_line_exits_2_and_a_missing_file_1() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    let output = import(home.path(), &db, "notes", &good("accounts"), &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    let output = import(
        home.path(),
        &db,
        "accounts",
        &home.path().join("nowhere.csv"),
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("cannot read"),
        "{}",
        stderr_of(&output)
    );
}

fn export(home: &Path, db: &Path, kind: &str, format: &str) -> Vec<u8> {
    let output = t3(home)
        .args([
            "export",
            kind,
            "--format",
            format,
            "--db",
            db.to_str().unwrap(),
        ])
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert!(output.status.success(), "{kind}: {}", stderr_of(&output));
    output.stdout
}

/// Each kind exported from `db` to a file in `folder`, then imported in order into a new
/// database there, which is returned.
fn copy_through_exports(home: &Path, db: &Path, folder: &str) -> PathBuf {
    let folder = home.join(folder);
    fs::create_dir_all(&folder).unwrap();
    let copy = folder.join("copy.db");
    for kind in [
        "accounts",
        "trainers",
        "snapshots",
        "certifications",
        "attendance",
        "sessions",
    ] {
        let bytes = export(home, db, kind, "csv");
        if csv_rows(&bytes).is_empty() {
            // A file with a header and no rows is refused: there is nothing to copy.
            continue;
        }
        let file = folder.join(format!("{kind}.csv"));
        fs::write(&file, bytes).unwrap();
        let report = imported(home, &copy, kind, &file);
        assert_eq!(report["updated"], 0, "{kind}: {report}");
    }
    copy
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::Reader::from_reader(bytes)
        .records()
        .map(|record| record.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn every_kind_survives_export_and_import_into_a_fresh_database() {
    let home = tempfile::tempdir().unwrap();
    let db = portfolio(home.path());
    let copy = copy_through_exports(home.path(), &db, "first");

    for kind in [
        "accounts",
        "trainers",
        "snapshots",
        "certifications",
        "attendance",
        "sessions",
    ] {
        assert_eq!(
            String::from_utf8(export(home.path(), &copy, kind, "csv")).unwrap(),
            String::from_utf8(export(home.path(), &db, kind, "csv")).unwrap(),
            "{kind}"
        );
        assert_eq!(
            export(home.path(), &copy, kind, "json"),
            export(home.path(), &db, kind, "json"),
            "{kind}"
        );
    }

    // Every certification comes across with the renewal that links it: Ana's counts.
    let copied = csv_rows(&export(home.path(), &copy, "certifications", "csv"));
    let ana: Vec<(&str, &str)> = copied
        .iter()
        .filter(|row| row[0] == "Ana Costa")
        .map(|row| (row[5].as_str(), row[6].as_str()))
        .collect();
    assert_eq!(ana.len(), 2, "{copied:?}");
    assert_eq!(ana[0], ("renewed", "1"));
    assert_eq!(ana[1].1, "1");
}

#[test]
fn exports_use_the_columns_import_reads_and_write_to_out() {
    let home = tempfile::tempdir().unwrap();
    let db = portfolio(home.path());
    for kind in [
        "accounts",
        "trainers",
        "snapshots",
        "attendance",
        "releases",
        "materials",
        "triage",
    ] {
        let header: Vec<String> =
            csv::Reader::from_reader(export(home.path(), &db, kind, "csv").as_slice())
                .headers()
                .unwrap()
                .iter()
                .map(String::from)
                .collect();
        let kind_columns: Vec<&str> = kind.parse::<t3::import::Kind>().unwrap().columns().to_vec();
        assert_eq!(header[..kind_columns.len()], kind_columns, "{kind}");
        let records: Vec<Value> =
            serde_json::from_slice(&export(home.path(), &db, kind, "json")).unwrap();
        let keys: Vec<&str> = records[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted_header: Vec<&str> = header.iter().map(String::as_str).collect();
        sorted_header.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, sorted_header, "{kind}");

        let out = home.path().join(format!("{kind}.csv"));
        let output = t3(home.path())
            .args(["export", kind, "--db", db.to_str().unwrap(), "--out"])
            .arg(&out)
            .args(["--today", TODAY])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr_of(&output));
        assert!(output.stdout.is_empty());
        assert!(stderr_of(&output).contains(&format!("to {}", out.display())));
        assert_eq!(
            fs::read(&out).unwrap(),
            export(home.path(), &db, kind, "csv")
        );
    }
}

#[test]
fn formulas_neutralised_on_export_import_back_as_the_text_typed() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    let accounts = home.path().join("accounts.csv");
    fs::write(
        &accounts,
        "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status\n\
         \"=HYPERLINK(\"\"https://evil.example\"\",\"\"open\"\")\",@segment,12,-Dana,,,0,none\n",
    )
    .unwrap();
    imported(home.path(), &db, "accounts", &accounts);
    let trainers = home.path().join("trainers.csv");
    fs::write(
        &trainers,
        "account,name,email,title,department,status\n\
         \"=HYPERLINK(\"\"https://evil.example\"\",\"\"open\"\")\",+Jane Roe,jane@roe.example,\
         -lead,=1+1,candidate\n",
    )
    .unwrap();
    imported(home.path(), &db, "trainers", &trainers);

    let exported = String::from_utf8(export(home.path(), &db, "accounts", "csv")).unwrap();
    assert!(
        exported.contains(
            "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"open\"\")\",'@segment,12,'-Dana"
        ),
        "{exported}"
    );
    let copy = copy_through_exports(home.path(), &db, "copy");
    let store = Store::open_read_only(&copy).unwrap();
    let account = &store.accounts().unwrap()[0];
    assert_eq!(
        account.fields.name,
        "=HYPERLINK(\"https://evil.example\",\"open\")"
    );
    assert_eq!(account.fields.segment, "@segment");
    assert_eq!(account.fields.csm_owner, "-Dana");
    let trainer = &store.trainer_rows().unwrap()[0].trainer;
    assert_eq!(
        (
            &*trainer.fields.name,
            &*trainer.fields.title,
            &*trainer.fields.department
        ),
        ("+Jane Roe", "-lead", "=1+1")
    );
    for kind in ["accounts", "trainers"] {
        assert_eq!(
            export(home.path(), &copy, kind, "csv"),
            export(home.path(), &db, kind, "csv")
        );
    }
}

#[test]
fn text_from_the_file_reaches_the_terminal_neutralised() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    let file = home.path().join("accounts.csv");
    let header = "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status,\
                  \u{1b}]0;owned\u{7}\n";
    fs::write(&file, format!("{header}Acme,SMB,12,,,,0,none,x\n")).unwrap();
    let output = import(home.path(), &db, "accounts", &file, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("columns ignored"));
    assert!(!output.stderr.contains(&0x1b), "{}", stderr_of(&output));

    fs::write(&file, format!("{header}Acme,SMB,\u{1b}[2J,,,,0,none,x\n")).unwrap();
    let output = import(home.path(), &db, "accounts", &file, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("line 2, column seats"));
    assert!(!output.stderr.contains(&0x1b), "{}", stderr_of(&output));
}

/// A hundred thousand rows go through in one transaction, with the existing records read in a
/// few whole-table queries (a query per row would take minutes, not seconds). Not timed: the
/// release binary takes about a second here, measured by hand.
#[test]
fn a_hundred_thousand_trainers_import_and_reimport_as_unchanged() {
    use std::fmt::Write as _;
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("large.db");
    let mut accounts = String::from(
        "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status\n",
    );
    for index in 0..1_000 {
        writeln!(accounts, "Account {index:04},Enterprise,500,,,,0,active").unwrap();
    }
    let mut trainers = String::from("account,name,email,title,department,status\n");
    for index in 0..100_000 {
        writeln!(
            trainers,
            "Account {:04},Trainer {index},t{index}@large.example,Lead,Ops,candidate",
            index % 1_000
        )
        .unwrap();
    }
    let accounts_file = home.path().join("accounts.csv");
    let trainers_file = home.path().join("trainers.csv");
    fs::write(&accounts_file, accounts).unwrap();
    fs::write(&trainers_file, trainers).unwrap();
    imported(home.path(), &db, "accounts", &accounts_file);
    let report = imported(home.path(), &db, "trainers", &trainers_file);
    assert_eq!(counts(&report), (100_000, 0, 0));
    let report = imported(home.path(), &db, "trainers", &trainers_file);
    assert_eq!(counts(&report), (0, 0, 100_000));
}

/// The day the demo parity test seeds and reads the demo on.
const DEMO_TODAY: &str = "2026-12-03";

/// `t3 ARGS --db DB --today DEMO_TODAY`'s stdout, failing the test if it fails.
fn demo_run(home: &Path, db: &Path, args: &[&str]) -> String {
    let output = t3(home)
        .args(args)
        .args(["--db", db.to_str().unwrap(), "--today", DEMO_TODAY])
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn demo_parity_survives_export_and_import() {
    let home = tempfile::tempdir().unwrap();
    let original = home.path().join("demo.db");
    demo_run(home.path(), &original, &["demo"]);
    let copy = home.path().join("copy.db");
    for kind in ORDER {
        let file = home.path().join(format!("{kind}.csv"));
        fs::write(&file, demo_run(home.path(), &original, &["export", kind])).unwrap();
        demo_run(
            home.path(),
            &copy,
            &["import", kind, file.to_str().unwrap()],
        );
    }

    for args in [
        &["metrics", "--format", "json"][..],
        &["metrics", "--format", "json", "--period", "this-quarter"],
    ] {
        assert_eq!(
            demo_run(home.path(), &copy, args),
            demo_run(home.path(), &original, args),
            "{args:?}"
        );
    }
    // Every finding comes across with its triage: snoozed, assigned and resolved alike.
    let every = ["at-risk", "--format", "json", "--include-snoozed"];
    let findings: Vec<Value> =
        serde_json::from_str(&demo_run(home.path(), &original, &every)).unwrap();
    assert!(findings.len() > 30, "{}", findings.len());
    assert!(
        findings
            .iter()
            .any(|finding| finding["rule"] == "stale-materials")
    );
    assert!(
        findings
            .iter()
            .any(|finding| !finding["snoozed_until"].is_null())
    );
    for args in [&every[..], &every[..3]] {
        assert_eq!(
            demo_run(home.path(), &copy, args),
            demo_run(home.path(), &original, args),
            "{args:?}"
        );
    }
}
