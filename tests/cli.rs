//! The binary's command line: help, dates, the demo subcommand, the questionnaire override, and
//! refusing bad files with a clear message, a non-zero exit and the file untouched.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::fs;

mod common;

use common::{stderr_of, t3};

/// `portfolio.db` in `home`, seeded with the demo portfolio by the real binary.
fn seeded_database(home: &tempfile::TempDir) -> std::path::PathBuf {
    let db = home.path().join("portfolio.db");
    t3(home.path())
        .args([
            "demo",
            "--db",
            db.to_str().unwrap(),
            "--today",
            "2026-06-15",
        ])
        .assert()
        .success();
    db
}

#[test]
fn help_lists_the_subcommands_and_global_flags() {
    let home = tempfile::tempdir().unwrap();
    let output = t3(home.path()).arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "demo",
        "Fill a database with the demo portfolio",
        "export",
        "--today",
        "--db",
        "--demo",
    ] {
        assert!(help.contains(expected), "help lacks {expected}:\n{help}");
    }
}

#[test]
fn a_malformed_today_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let output = t3(home.path())
        .args(["--today", "03/04/2026", "demo"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        stderr_of(&output).contains("use YYYY-MM-DD"),
        "{}",
        stderr_of(&output)
    );
    assert!(
        !home.path().join("data").exists(),
        "nothing should have been created"
    );
}

#[test]
fn demo_seeds_once_and_replaces_only_when_asked() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    let db_arg = db.to_str().unwrap();
    let output = t3(home.path())
        .args(["demo", "--db", db_arg, "--today", "2026-06-15"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stdout.is_empty(), "messages belong on stderr");
    assert!(
        stderr_of(&output).contains("34 accounts"),
        "{}",
        stderr_of(&output)
    );

    let again = t3(home.path())
        .args(["demo", "--db", db_arg])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(
        stderr_of(&again).contains("--reset"),
        "{}",
        stderr_of(&again)
    );

    let reset = t3(home.path())
        .args(["demo", "--db", db_arg, "--reset"])
        .output()
        .unwrap();
    assert!(reset.status.success(), "{}", stderr_of(&reset));
    let store = t3::store::Store::open_read_only(&db).unwrap();
    assert_eq!(store.account_count().unwrap(), 34);
}

#[test]
fn demo_defaults_to_the_demo_database_not_the_real_one() {
    let home = tempfile::tempdir().unwrap();
    let output = t3(home.path()).arg("demo").output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(home.path().join("data/t3/demo.db").exists());
    assert!(!home.path().join("data/t3/t3.db").exists());
}

#[test]
fn a_text_file_is_refused_and_left_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("shopping.txt");
    fs::write(&path, "eggs\nmilk\n\x1b[2J\n").unwrap();
    let output = t3(home.path())
        .args(["demo", "--db", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let message = stderr_of(&output);
    assert!(message.contains("is not a t3 database"), "{message}");
    assert!(message.contains("shopping.txt"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), b"eggs\nmilk\n\x1b[2J\n");
}

#[test]
fn the_app_refuses_a_text_file_before_touching_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("notes.db");
    fs::write(&path, "not sqlite at all").unwrap();
    let output = t3(home.path()).env("T3_DB", &path).output().unwrap();
    assert!(!output.status.success());
    assert!(
        stderr_of(&output).contains("is not a t3 database"),
        "{}",
        stderr_of(&output)
    );
    assert!(
        output.stdout.is_empty(),
        "no escape sequences: the app never started"
    );
    assert_eq!(fs::read(&path).unwrap(), b"not sqlite at all");
}

#[test]
fn a_database_from_a_newer_t3_is_refused_by_the_binary() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 42;").unwrap();
    }
    let before = fs::read(&path).unwrap();
    let output = t3(home.path())
        .args(["demo", "--db", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        stderr_of(&output).contains("newer t3"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn the_log_goes_to_the_state_directory() {
    let home = tempfile::tempdir().unwrap();
    t3(home.path()).arg("demo").output().unwrap();
    let log = fs::read_to_string(home.path().join("state/t3/t3.log")).unwrap();
    assert!(log.contains("t3 starting"), "{log}");
    assert!(log.contains("demo portfolio seeded"), "{log}");
}

#[test]
fn a_malformed_questionnaire_override_is_reported_and_the_embedded_one_runs() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("portfolio.db");
    let db_arg = db.to_str().unwrap();
    let seeded = t3(home.path())
        .args(["demo", "--db", db_arg, "--today", "2026-06-15"])
        .output()
        .unwrap();
    assert!(seeded.status.success(), "{}", stderr_of(&seeded));
    let embedded = t3::domain::questionnaire::EMBEDDED;
    let broken = embedded.replacen("low = \"credibility\"", "low = \"charisma\"", 1);
    let override_path = home.path().join("config/t3/questionnaire.toml");
    fs::create_dir_all(override_path.parent().unwrap()).unwrap();
    fs::write(&override_path, &broken).unwrap();
    // The error points at the [[warnings]] header of the warning that names "charisma".
    let key_line = broken[..broken
        .find("key = \"enthusiasm-without-credibility\"")
        .unwrap()]
        .matches('\n')
        .count()
        + 1;

    let output = t3(home.path())
        .args(["export", "assessments", "--db", db_arg])
        .output()
        .unwrap();

    assert!(output.status.success(), "{}", stderr_of(&output));
    let message = stderr_of(&output);
    let expected = format!(
        "t3: {}, line {}, field warnings[1].low: ",
        override_path.display(),
        key_line - 1
    );
    assert!(
        message.contains(&expected),
        "wanted {expected} in:\n{message}"
    );
    assert!(message.contains("charisma"), "{message}");
    assert!(
        message.contains("; using the embedded questionnaire until it is fixed"),
        "{message}"
    );
    let csv = String::from_utf8(output.stdout).unwrap();
    assert!(
        csv.starts_with("assessment_id,") && csv.lines().count() > 1,
        "the export should still run: {csv}"
    );
    let log = fs::read_to_string(home.path().join("state/t3/t3.log")).unwrap();
    assert!(log.contains("questionnaire override refused"), "{log}");
}

#[test]
fn a_valid_questionnaire_override_is_used_without_a_word() {
    let home = tempfile::tempdir().unwrap();
    let db = seeded_database(&home);
    let db_arg = db.to_str().unwrap();
    let override_path = home.path().join("config/t3/questionnaire.toml");
    fs::create_dir_all(override_path.parent().unwrap()).unwrap();
    fs::write(&override_path, t3::domain::questionnaire::EMBEDDED).unwrap();

    let output = t3(home.path())
        .args(["export", "assessments", "--db", db_arg])
        .output()
        .unwrap();

    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stderr.is_empty(), "{}", stderr_of(&output));
    let log = fs::read_to_string(home.path().join("state/t3/t3.log")).unwrap();
    assert!(log.contains("questionnaire override in use"), "{log}");
}

/// A config file whose fourth line misspells a module.
const BROKEN_CONFIG: &str = "# pass marks\n[pass_marks]\nextended_assessment = 85\npractcum = 60\n";

#[test]
fn a_broken_config_stops_the_app_before_anything_is_opened() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/t3/config.toml");
    fs::create_dir_all(config.parent().unwrap()).unwrap();
    fs::write(&config, BROKEN_CONFIG).unwrap();

    for args in [&[][..], &["--demo"][..]] {
        let output = t3(home.path()).args(args).output().unwrap();

        assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
        assert!(output.stdout.is_empty(), "the app never started");
        let message = stderr_of(&output);
        let expected = format!(
            "t3: {}, line 4, column 1, key pass_marks.practcum: unknown field `practcum`",
            config.display()
        );
        assert!(
            message.contains(&expected),
            "wanted {expected} in:\n{message}"
        );
        assert!(message.contains("nothing was changed"), "{message}");
    }
    assert!(
        !home.path().join("data").exists(),
        "no database should have been created"
    );
    assert_eq!(fs::read_to_string(&config).unwrap(), BROKEN_CONFIG);
}

#[test]
fn a_broken_config_stops_the_certifications_export() {
    let home = tempfile::tempdir().unwrap();
    let db = seeded_database(&home);
    let db_arg = db.to_str().unwrap();
    let config = home.path().join("elsewhere.toml");
    fs::write(&config, "[pass_marks]\npracticum = 170\n").unwrap();

    let output = t3(home.path())
        .env("T3_CONFIG", &config)
        .args(["export", "certifications", "--db", db_arg])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(output.stdout.is_empty());
    let message = stderr_of(&output);
    let expected = format!(
        "t3: {}, line 2, column 13, key pass_marks.practicum: 170 is not a score from 0 to 100",
        config.display()
    );
    assert!(
        message.contains(&expected),
        "wanted {expected} in:\n{message}"
    );
}

#[test]
fn a_named_config_must_exist() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("typo.toml");
    let output = t3(home.path())
        .args(["--config", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    let message = stderr_of(&output);
    assert!(
        message.contains(&format!("{}: there is no such file", missing.display())),
        "{message}"
    );
    assert!(!home.path().join("data").exists());
}
