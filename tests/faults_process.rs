//! The fault suite at the level of processes: what a crash, a second writer, a backup taken
//! mid-write, a write-protected file or a damaged file does to the database.
//!
//! - `kill -9` at spread-out moments during `t3 import` of 50,000 trainers, 10 times on fresh
//!   copies: `t3 check` passes and the file holds all of the rows or none; importing again adds
//!   them exactly once (checked on the first and last copies, an import takes seconds).
//! - The store API in this process and `t3 import` in a child writing at once, 1,000 writes in
//!   all (900 single accounts, 100 files of 10): no "database is locked", no row lost.
//! - A write kept waiting past the busy timeout by another writer says so in words, never
//!   "database is locked", and changes nothing.
//! - `t3 backup` taken again and again while an import is writing: every copy passes `t3 check`
//!   and holds all of the import or none of it.
//! - `kill -9` while practicum feedback is being typed (a form that keeps drafts): the draft
//!   is there on restart and nothing was recorded from it.
//! - A read-only file and a read-only folder: the app opens read-only and says so; `t3 import`
//!   refuses clearly; the file is untouched.
//! - A file truncated half-way, or with random bytes over its header or its middle: the app,
//!   `t3 at-risk` and `t3 check` exit non-zero with a clear message and leave it byte-identical.
//!
//! Delays and damage come from fixed seeds, so a failure can be replayed.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::pty::{self, expect_text, press};
use rusqlite::{Connection, OpenFlags};
use t3::store::Store;

const TODAY: &str = "2026-06-15";

/// `t3` with the arguments given, its home inside `home`, as a process to wait for or kill.
fn t3_process(home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_t3"));
    command
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("T3_DB")
        .env_remove("T3_CONFIG")
        .env_remove("T3_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn run(home: &Path, args: &[&str]) -> Output {
    t3_process(home, args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn import(home: &Path, db: &Path, kind: &str, file: &Path) -> Child {
    let args = [
        "--db",
        db.to_str().unwrap(),
        "--today",
        TODAY,
        "import",
        kind,
        file.to_str().unwrap(),
    ];
    t3_process(home, &args).spawn().unwrap()
}

#[track_caller]
fn assert_import_succeeds(home: &Path, db: &Path, kind: &str, file: &Path) {
    let output = import(home, db, kind, file).wait_with_output().unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[track_caller]
fn assert_check_passes(home: &Path, db: &Path) {
    let output = run(home, &["--db", db.to_str().unwrap(), "check"]);
    assert!(
        output.status.success(),
        "t3 check on {}: {}{}",
        db.display(),
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// Rows of `table`, read without the app's own code.
fn count(db: &Path, table: &str) -> i64 {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
        row.get(0)
    })
    .unwrap()
}

/// A database holding one account, Acme, closed so that it is one file to copy.
fn database_with_acme(home: &Path) -> PathBuf {
    let db = home.join("base.db");
    let mut store = Store::open(&db).unwrap();
    common::add_account(&mut store, "Acme");
    db
}

/// A trainers file of `rows` candidates at Acme, each with their own email.
fn trainers_file(home: &Path, rows: usize) -> PathBuf {
    let mut csv = String::from("account,name,email,title,department,status\n");
    for n in 0..rows {
        let _ = writeln!(
            csv,
            "Acme,Trainer {n:05},trainer{n:05}@acme.example,,,candidate"
        );
    }
    let file = home.join("trainers.csv");
    fs::write(&file, csv).unwrap();
    file
}

const LARGE_IMPORT: usize = 50_000;
const KILLS: usize = 10;

#[test]
fn kill_nine_during_a_large_import_leaves_all_of_it_or_none() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let base = database_with_acme(home);
    let file = trainers_file(home, LARGE_IMPORT);

    // One whole import measures how long one takes on this machine, so the kills land inside.
    let timing = home.join("timing.db");
    fs::copy(&base, &timing).unwrap();
    let started = Instant::now();
    assert_import_succeeds(home, &timing, "trainers", &file);
    let whole = started.elapsed();
    assert_eq!(count(&timing, "trainer"), LARGE_IMPORT as i64);

    let mut rng = fastrand::Rng::with_seed(10);
    let mut interrupted = 0;
    for round in 0..KILLS {
        let db = home.join(format!("kill-{round}.db"));
        fs::copy(&base, &db).unwrap();
        // Round n kills somewhere in the n-th tenth of an import's time.
        let delay = whole.mul_f64((round as f64 + rng.f64()) / KILLS as f64);
        let mut child = import(home, &db, "trainers", &file);
        thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();

        assert_check_passes(home, &db);
        let found = count(&db, "trainer");
        assert!(
            found == 0 || found == LARGE_IMPORT as i64,
            "round {round}, killed after {delay:?}: {found} trainers, a part of the file"
        );
        // The first round's import was surely cut short, the last one's perhaps not: importing
        // again adds what is missing, once.
        if round == 0 || round == KILLS - 1 {
            assert_import_succeeds(home, &db, "trainers", &file);
            assert_eq!(count(&db, "trainer"), LARGE_IMPORT as i64, "round {round}");
        }
    }
    assert!(
        interrupted >= KILLS / 2,
        "only {interrupted} of {KILLS} kills caught the import running (one takes {whole:?})"
    );
}

const STORE_WRITES: usize = 900;
const IMPORT_FILES: usize = 100;
const ROWS_PER_FILE: usize = 10;

#[test]
fn the_store_and_an_import_writing_at_once_lose_nothing() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path().to_path_buf();
    let db = home.join("busy.db");
    drop(Store::open(&db).unwrap());
    let files: Vec<PathBuf> = (0..IMPORT_FILES)
        .map(|n| {
            let mut csv = String::from(
                "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status,\
                 archived\n",
            );
            for row in 0..ROWS_PER_FILE {
                let _ = writeln!(
                    csv,
                    "Imported {n} {row},SMB,10,Dana,2026-01-05,2027-01-05,1000,active,no"
                );
            }
            let file = home.join(format!("accounts-{n}.csv"));
            fs::write(&file, csv).unwrap();
            file
        })
        .collect();

    let importer = {
        let (home, db) = (home.clone(), db.clone());
        thread::spawn(move || {
            files
                .iter()
                .filter_map(|file| {
                    let output = import(&home, &db, "accounts", file)
                        .wait_with_output()
                        .unwrap();
                    (!output.status.success()).then(|| text(&output.stderr))
                })
                .collect::<Vec<String>>()
        })
    };
    let mut store = Store::open(&db).unwrap();
    let refused: Vec<String> = (0..STORE_WRITES)
        .filter_map(|n| {
            store
                .insert_account(&common::account_fields(&format!("Written {n}")))
                .err()
                .map(|error| error.to_string())
        })
        .collect();
    let import_failures = importer.join().unwrap();

    assert_eq!(refused, Vec::<String>::new(), "the store's writes failed");
    assert_eq!(import_failures, Vec::<String>::new(), "imports failed");
    drop(store);
    assert_eq!(
        count(&db, "account"),
        (STORE_WRITES + IMPORT_FILES * ROWS_PER_FILE) as i64
    );
    assert_check_passes(&home, &db);
}

#[test]
fn a_write_kept_waiting_too_long_says_so_and_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let db = database_with_acme(home);
    let file = home.join("one.csv");
    fs::write(
        &file,
        "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status,archived\n\
         Zeta,SMB,10,Dana,2026-01-05,2027-01-05,1000,active,no\n",
    )
    .unwrap();

    // Another writer holds the file past the busy timeout (5 s), as a very large import would.
    let holder = Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let output = import(home, &db, "accounts", &file)
        .wait_with_output()
        .unwrap();
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);

    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("kept the database busy"), "{stderr}");
    assert!(!stderr.contains("locked"), "{stderr}");
    assert_eq!(count(&db, "account"), 1);
    assert_import_succeeds(home, &db, "accounts", &file);
    assert_eq!(count(&db, "account"), 2);
}

const BACKED_UP_IMPORT: usize = 30_000;

#[test]
fn backups_taken_while_an_import_writes_are_whole() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let db = database_with_acme(home);
    let file = trainers_file(home, BACKED_UP_IMPORT);

    let mut child = import(home, &db, "trainers", &file);
    let mut taken = 0;
    let mut during = 0;
    loop {
        let running = child.try_wait().unwrap().is_none();
        let copy = home.join(format!("backup-{taken}.db"));
        let output = run(
            home,
            &[
                "--db",
                db.to_str().unwrap(),
                "backup",
                copy.to_str().unwrap(),
            ],
        );
        assert!(output.status.success(), "{}", text(&output.stderr));
        let still_running = child.try_wait().unwrap().is_none();
        if running && still_running {
            during += 1;
        }
        taken += 1;

        assert_check_passes(home, &copy);
        let found = count(&copy, "trainer");
        assert!(
            found == 0 || found == BACKED_UP_IMPORT as i64,
            "backup {taken} holds {found} trainers, a part of the import"
        );
        if !still_running && taken >= 3 {
            break;
        }
    }
    assert!(child.wait().unwrap().success());
    assert!(during >= 1, "no backup was taken while the import ran");
    assert_eq!(count(&db, "trainer"), BACKED_UP_IMPORT as i64);
}

#[test]
fn kill_nine_while_typing_practicum_feedback_keeps_the_draft() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let db = common::demo_database(home, TODAY);
    let args = ["--db", db.to_str().unwrap(), "--today", TODAY];
    let trainer = Store::open_read_only(&db)
        .unwrap()
        .pathways()
        .unwrap()
        .into_iter()
        .find(|pathway| pathway.row.trainer.fields.name == t3::demo::PRACTICUM_READY)
        .unwrap()
        .row
        .trainer
        .id;
    let modules_before = count(&db, "module_completion");
    let surname = t3::demo::PRACTICUM_READY.rsplit(' ').next().unwrap();
    let open_practicum = || {
        let mut session = pty::spawn(home, &args);
        expect_text(&mut session, "Accounts");
        press(&mut session, "3");
        expect_text(&mut session, "pass marks");
        press(&mut session, &format!("/{}", t3::demo::PRACTICUM_READY));
        expect_text(&mut session, surname);
        press(&mut session, "\r");
        press(&mut session, "p");
        expect_text(&mut session, "Time left");
        session
    };

    let mut session = open_practicum();
    press(&mut session, "4");
    press(&mut session, "\t");
    press(&mut session, "Kept the room on task");
    let feedback = || {
        Store::open_read_only(&db)
            .ok()
            .and_then(|store| store.practicums_of(trainer).ok())
            .is_some_and(|practicums| {
                practicums
                    .iter()
                    .any(|p| p.feedback == "Kept the room on task")
            })
    };
    pty::wait_until("the feedback reaching the file", feedback);
    pty::kill_nine(&mut session);

    assert_check_passes(home, &db);
    let practicums = Store::open_read_only(&db)
        .unwrap()
        .practicums_of(trainer)
        .unwrap();
    let draft = practicums
        .iter()
        .find(|p| p.feedback == "Kept the room on task")
        .unwrap();
    assert_eq!(draft.recorded_on, None, "a draft, never recorded");
    assert_eq!(count(&db, "module_completion"), modules_before);

    let mut session = open_practicum();
    expect_text(&mut session, "room");
    press(&mut session, "\x1b");
    expect_text(&mut session, "pass marks");
    pty::quit(&mut session);
}

/// `t3 import` into the protected file is refused and changes nothing; the app opens it
/// read-only, says so, refuses an edit, and quits cleanly.
fn protected_database_is_opened_read_only(home: &Path, db: &Path, reason: &str) {
    let bytes = fs::read(db).unwrap();
    let file = home.join("one.csv");
    fs::write(
        &file,
        "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status,archived\n\
         Zeta,SMB,10,Dana,2026-01-05,2027-01-05,1000,active,no\n",
    )
    .unwrap();
    let output = import(home, db, "accounts", &file)
        .wait_with_output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot be written ({reason})")),
        "{stderr}"
    );

    let mut session = pty::spawn(home, &["--db", db.to_str().unwrap(), "--today", TODAY]);
    // The status line is drawn before the hint line that holds the badge.
    expect_text(&mut session, "Opened read-only");
    expect_text(&mut session, "READ-ONLY");
    press(&mut session, "a");
    expect_text(&mut session, "Read-only");
    pty::quit(&mut session);

    let output = run(
        home,
        &["--db", db.to_str().unwrap(), "--today", TODAY, "at-risk"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_check_passes(home, db);
    assert!(fs::read(db).unwrap() == bytes, "the file changed");
    // A read-only index left beside the file would stop its owner writing it once it is made
    // writable again.
    for companion in ["-shm", "-wal"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(companion);
        assert!(
            !PathBuf::from(name).exists(),
            "{companion} left beside the file"
        );
    }
}

#[test]
fn a_read_only_file_opens_read_only() {
    let home = tempfile::tempdir().unwrap();
    let db = common::demo_database(home.path(), TODAY);
    fs::set_permissions(&db, fs::Permissions::from_mode(0o444)).unwrap();
    protected_database_is_opened_read_only(home.path(), &db, "the file is read-only");
}

#[test]
fn a_database_in_a_read_only_folder_opens_read_only() {
    let home = tempfile::tempdir().unwrap();
    let db = common::demo_database(home.path(), TODAY);
    let folder = home.path().join("shelf");
    fs::create_dir(&folder).unwrap();
    let shelved = folder.join("portfolio.db");
    fs::rename(&db, &shelved).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    protected_database_is_opened_read_only(home.path(), &shelved, "its folder is read-only");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Ways a file gets damaged: cut short, or written over with noise where SQLite looks first
/// (the header after its magic string) or somewhere in the middle.
#[derive(Debug, Clone, Copy)]
enum Damage {
    Truncated,
    Header,
    Middle,
}

fn damage(db: &Path, how: Damage) {
    let mut bytes = fs::read(db).unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let half = bytes.len() / 2;
    let page = half - half % 4096;
    let noisy = match how {
        Damage::Truncated => {
            bytes.truncate(half);
            0..0
        }
        Damage::Header => 16..100,
        // Four whole pages, so the damage reaches tables every screen reads.
        Damage::Middle => page..page + 4 * 4096,
    };
    for byte in &mut bytes[noisy] {
        *byte = rng.u8(..);
    }
    fs::write(db, bytes).unwrap();
}

#[test]
fn a_damaged_file_is_refused_clearly_and_left_as_it_is() {
    let home = tempfile::tempdir().unwrap();
    let demo = common::demo_database(home.path(), TODAY);
    for how in [Damage::Truncated, Damage::Header, Damage::Middle] {
        let db = home.path().join(format!("{how:?}.db"));
        fs::copy(&demo, &db).unwrap();
        damage(&db, how);
        let bytes = fs::read(&db).unwrap();
        let db_arg = db.to_str().unwrap();

        if matches!(how, Damage::Middle) {
            // The first screen reads only its own tables, which the damage may miss: the
            // check of the whole file that starts beside it must end the app all the same.
            let mut session = pty::spawn(home.path(), &["--db", db_arg, "--today", TODAY]);
            expect_text(&mut session, "is damaged (");
            expect_text(&mut session, "left exactly as it was");
            let pid = session.get_process().pid();
            let _ = expectrl::Expect::expect(&mut session, expectrl::Eof);
            assert_eq!(
                pty::wait_for_exit(&session),
                expectrl::process::unix::WaitStatus::Exited(pid, 1),
                "{how:?}"
            );
        } else {
            let app = run(home.path(), &["--db", db_arg, "--today", TODAY]);
            assert_eq!(app.status.code(), Some(1), "{how:?}");
            let stderr = text(&app.stderr);
            assert!(stderr.contains("is damaged ("), "{how:?}: {stderr}");
            assert!(
                stderr.contains("left exactly as it was"),
                "{how:?}: {stderr}"
            );
        }

        if !matches!(how, Damage::Middle) {
            let at_risk = run(home.path(), &["--db", db_arg, "--today", TODAY, "at-risk"]);
            assert_eq!(at_risk.status.code(), Some(1), "{how:?}");
            let stderr = text(&at_risk.stderr);
            assert!(stderr.contains("is damaged ("), "{how:?}: {stderr}");
        }

        let check = run(home.path(), &["--db", db_arg, "check"]);
        assert_eq!(check.status.code(), Some(1), "{how:?}");
        assert!(text(&check.stdout).contains("problem: "), "{how:?}");
        assert!(
            text(&check.stderr).contains("restore a backup"),
            "{how:?}: {}",
            text(&check.stderr)
        );

        assert!(fs::read(&db).unwrap() == bytes, "{how:?}: the file changed");
    }
}
