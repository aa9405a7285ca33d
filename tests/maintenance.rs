//! Keeping the file safe: `t3 backup` while another connection is writing, `t3 check` on a
//! sound file and on a damaged copy, and the backup written before a migration changes a file.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{demo_database, stderr_of, t3};
use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};
use t3::store::Store;

fn count(path: &Path, table: &str) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
        row.get(0)
    })
    .unwrap()
}

#[test]
fn a_backup_taken_during_another_write_holds_what_was_committed() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), "2026-12-03");
    let accounts = count(&db, "account");

    // Another t3 is half-way through a write: its transaction is open, not committed.
    let mut writer = Connection::open(&db).unwrap();
    let open_write = writer
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    open_write
        .execute(
            "INSERT INTO account (name, segment, seats, csm_owner, annual_value, t3_status)
             VALUES ('Uncommitted Ltd', 'SMB', 10, 'Dana', 0, 'none')",
            [],
        )
        .unwrap();

    let copy = home.path().join("backups/monday.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    let output = t3(home.path())
        .args([
            "backup",
            copy.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("monday.db"));
    open_write.rollback().unwrap();

    assert_eq!(
        count(&copy, "account"),
        accounts,
        "only committed rows are copied"
    );
    let store = Store::open_read_only(&copy).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        t3::store::latest_schema_version()
    );
    let leftovers: Vec<_> = std::fs::read_dir(copy.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["monday.db"], "no partial file is left behind");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&copy).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);

    let check = t3(home.path())
        .args(["check", "--db", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr_of(&check));
}

#[test]
fn backup_never_writes_over_the_database_itself() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), "2026-12-03");
    let before = std::fs::read(&db).unwrap();
    let output = t3(home.path())
        .args(["backup", db.to_str().unwrap(), "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn check_reports_the_schema_and_passes_a_sound_file() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), "2026-12-03");
    let output = t3(home.path())
        .args(["check", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let report = String::from_utf8(output.stdout).unwrap();
    let version = t3::store::latest_schema_version();
    assert!(
        report.contains(&format!("schema version {version}")),
        "{report}"
    );
    assert!(report.contains("integrity ok, foreign keys ok"), "{report}");
}

#[test]
fn check_fails_on_a_damaged_copy_and_names_the_problem() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), "2026-12-03");
    let damaged = home.path().join("damaged.db");
    Store::backup(&db, &damaged).unwrap();
    let mut bytes = std::fs::read(&damaged).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page);
    // Scribble over the middle of a few pages, past the first (the header stays readable).
    for n in [3, 5, 7] {
        for byte in &mut bytes[n * page + 8..n * page + 200] {
            *byte = 0xA5;
        }
    }
    std::fs::write(&damaged, &bytes).unwrap();

    let output = t3(home.path())
        .args(["check", "--db", damaged.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("problem"));
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(report.contains("problem:"), "{report}");
}

#[test]
fn check_refuses_a_file_that_is_not_a_database() {
    let home = tempfile::tempdir().unwrap();
    let junk = home.path().join("notes.txt");
    std::fs::write(&junk, "just some notes, not a database\n").unwrap();
    let output = t3(home.path())
        .args(["check", "--db", junk.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(stderr_of(&output).contains("notes.txt"));
}

/// The first six migrations, as an earlier t3 ran them.
const EARLIER: &[M<'static>] = &[
    M::up(include_str!(
        "../src/store/migrations/001_accounts_trainers_notes.sql"
    )),
    M::up(include_str!("../src/store/migrations/002_assessments.sql")),
    M::up(include_str!(
        "../src/store/migrations/003_certifications.sql"
    )),
    M::up(include_str!("../src/store/migrations/004_practicums.sql")),
    M::up(include_str!("../src/store/migrations/005_syncs.sql")),
    M::up(include_str!("../src/store/migrations/006_program.sql")),
];

#[test]
fn a_migration_keeps_the_file_as_it_was_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t3.db");
    {
        let mut conn = Connection::open(&db).unwrap();
        Migrations::from_slice(EARLIER)
            .to_latest(&mut conn)
            .unwrap();
        conn.execute(
            "INSERT INTO account (name, segment, seats, csm_owner, annual_value, t3_status)
             VALUES ('Harbor City Transit', 'Enterprise', 870, 'Dana', 120000, 'active')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        t3::store::latest_schema_version()
    );
    let backup = store.migration_backup().unwrap().to_path_buf();
    assert_eq!(backup, dir.path().join("t3.db.schema-6.bak"));
    let kept = Connection::open(&backup).unwrap();
    let version: u32 = kept
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 6);
    assert_eq!(count(&backup, "account"), 1);
    drop(store);

    // Opening again migrates nothing and writes no second backup.
    let again = Store::open(&db).unwrap();
    assert_eq!(again.migration_backup(), None);
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert!(files <= 4, "t3.db, its WAL and shm, and one backup");

    // A new file is created at the latest schema with nothing to back up.
    let fresh = Store::open(&dir.path().join("new.db")).unwrap();
    assert_eq!(fresh.migration_backup(), None);
}
