//! `t3 metrics` against the binary on a demo database: the JSON shape, `--period`,
//! `--account` (with an ambiguous and an unknown name), the `[program]` rates, a bad period,
//! and the 80-column table.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{demo_database, stderr_of, t3};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

const TODAY: &str = "2026-12-03";

fn metrics(home: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    t3(home)
        .args(["metrics", "--db", db.to_str().unwrap(), "--today", TODAY])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(home: &Path, db: &Path, args: &[&str]) -> String {
    let output = metrics(home, db, args);
    assert!(output.status.success(), "{}", stderr_of(&output));
    String::from_utf8(output.stdout).unwrap()
}

fn json(home: &Path, db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    serde_json::from_str(&stdout(home, db, &all)).unwrap()
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// Whether a JSON number is `expected`, to the precision arithmetic on seats can keep.
fn close(value: &Value, expected: f64) -> bool {
    value
        .as_f64()
        .is_some_and(|found| (found - expected).abs() < 1e-9)
}

fn number_or_null(value: &Value) -> bool {
    value.is_number() || value.is_null()
}

fn assert_comparison(value: &Value) {
    assert_eq!(keys(value), ["non_t3", "t3"]);
    for group in [&value["t3"], &value["non_t3"]] {
        assert_eq!(keys(group), ["accounts", "value"]);
        assert!(group["accounts"].is_u64(), "{group}");
        assert!(number_or_null(&group["value"]), "{group}");
    }
}

#[test]
fn the_json_has_every_metric_with_its_type() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let found = json(home.path(), &db, &[]);
    assert_eq!(
        keys(&found),
        [
            "account",
            "adoption_depth",
            "coverage",
            "delivery_by_quarter",
            "delivery_rate",
            "from",
            "nrr",
            "patterns",
            "period",
            "renewal_rate",
            "scope",
            "tickets_per_seat",
            "to"
        ]
    );
    assert_eq!(found["period"], "last-12-months", "the default");
    assert_eq!(found["from"], "2025-12-04");
    assert_eq!(found["to"], TODAY);
    assert!(found["scope"].is_null() && found["account"].is_null());

    let delivery = &found["delivery_rate"];
    assert_eq!(keys(delivery), ["certified_trainers", "rate", "sessions"]);
    assert!(delivery["sessions"].as_u64().unwrap() > 0);
    assert!(delivery["certified_trainers"].as_u64().unwrap() > 0);
    assert!(delivery["rate"].is_f64(), "{delivery}");

    let coverage = &found["coverage"];
    assert_eq!(keys(coverage), ["accounts", "by_account", "rate"]);
    assert!(coverage["accounts"].is_u64() && coverage["rate"].is_f64());
    let by_account = coverage["by_account"].as_array().unwrap();
    assert!(by_account.len() > 10);
    for row in by_account {
        assert_eq!(keys(row), ["account", "rate", "seats", "users_trained"]);
        assert!(row["account"].is_string() && row["seats"].is_u64());
        assert!(number_or_null(&row["users_trained"]) && number_or_null(&row["rate"]));
    }

    for comparison in ["adoption_depth", "tickets_per_seat", "nrr"] {
        assert_comparison(&found[comparison]);
        assert!(found[comparison]["t3"]["value"].is_f64(), "{comparison}");
    }

    let renewal = &found["renewal_rate"];
    assert_eq!(keys(renewal), ["due", "rate", "renewed"]);
    assert!(renewal["due"].is_u64() && renewal["renewed"].is_u64());
    assert!(number_or_null(&renewal["rate"]));

    let quarters = found["delivery_by_quarter"].as_array().unwrap();
    assert_eq!(quarters.len(), 8);
    assert_eq!(quarters[0]["quarter"], "Q1 2025", "oldest first");
    assert_eq!(quarters[7]["quarter"], "Q4 2026", "up to today's");
    for quarter in quarters {
        assert_eq!(
            keys(quarter),
            ["certified_trainers", "quarter", "rate", "sessions"]
        );
        assert!(number_or_null(&quarter["rate"]));
    }
    assert!(
        found["patterns"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string)
    );
}

#[test]
fn the_period_moves_the_span_and_the_figures() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let year = json(home.path(), &db, &[]);
    let this = json(home.path(), &db, &["--period", "this-quarter"]);
    assert_eq!(this["period"], "this-quarter");
    assert_eq!(
        (&this["from"], &this["to"]),
        (&"2026-10-01".into(), &TODAY.into())
    );
    let last = json(home.path(), &db, &["--period", "last-quarter"]);
    assert_eq!(
        (&last["from"], &last["to"]),
        (&"2026-07-01".into(), &"2026-09-30".into())
    );
    let sessions = |found: &Value| found["delivery_rate"]["sessions"].as_u64().unwrap();
    assert!(sessions(&this) < sessions(&year));
    assert!(sessions(&last) < sessions(&year));
    assert_eq!(
        this["delivery_by_quarter"], year["delivery_by_quarter"],
        "the trend is the same whatever the period"
    );
}

#[test]
fn one_account_is_chosen_by_the_start_of_its_name() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let portfolio = json(home.path(), &db, &[]);
    let found = json(home.path(), &db, &["--account", "harbor c"]);
    assert_eq!(found["scope"], "Harbor City Transit");
    let by_account = found["coverage"]["by_account"].as_array().unwrap();
    assert_eq!(by_account.len(), 1);
    assert_eq!(by_account[0]["account"], "Harbor City Transit");
    assert_eq!(found["coverage"]["accounts"], 1);
    assert_eq!(
        found["adoption_depth"], portfolio["adoption_depth"],
        "an account is read against the whole portfolio"
    );
    let own = &found["account"];
    assert_eq!(
        keys(own),
        [
            "adoption_depth",
            "certified_trainers",
            "name",
            "nrr",
            "rollout",
            "seats",
            "snapshot_on",
            "t3_account",
            "tickets_per_seat"
        ]
    );
    assert!(own["t3_account"].is_boolean());
    let rollout = &own["rollout"];
    assert_eq!(rollout["seats"], own["seats"]);
    let seats = own["seats"].as_f64().unwrap();
    assert!(
        close(&rollout["direct_hours"][0], seats * 6.0 / 100.0),
        "{rollout}"
    );
    assert!(
        close(&rollout["direct_hours"][1], seats * 10.0 / 100.0),
        "{rollout}"
    );
    let trainers = rollout["certified_trainers"].as_f64().unwrap();
    assert!(
        close(&rollout["through_trainers_cost"], trainers * 24.0 * 150.0),
        "the default rates: {rollout}"
    );
}

#[test]
fn the_program_section_sets_the_rates_the_rollout_is_costed_with() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let config = home.path().join("rates.toml");
    std::fs::write(&config, "[program]\nhourly_rate = 200\n").unwrap();
    let found = json(
        home.path(),
        &db,
        &[
            "--account",
            "harbor c",
            "--config",
            config.to_str().unwrap(),
        ],
    );
    let rollout = &found["account"]["rollout"];
    let seats = rollout["seats"].as_f64().unwrap();
    assert!(
        close(&rollout["direct_cost"][0], seats * 6.0 / 100.0 * 200.0),
        "{rollout}"
    );
    std::fs::write(&config, "[program]\nhourly = 200\n").unwrap();
    let output = metrics(home.path(), &db, &["--config", config.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("key program.hourly"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn an_ambiguous_or_unknown_account_is_refused_with_exit_code_two() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let output = metrics(home.path(), &db, &["--account", "s"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("--account 's' could be 4 accounts"),
        "{stderr}"
    );
    assert!(stderr.contains("Saffron Foods International"), "{stderr}");
    assert!(stderr.contains("Sunfield Pharmacies"), "{stderr}");
    assert!(output.stdout.is_empty());

    let output = metrics(home.path(), &db, &["--account", "Nobody Ltd"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("'Nobody Ltd'"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn a_bad_period_is_refused_naming_the_accepted_ones() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let output = metrics(home.path(), &db, &["--period", "last-year"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("'last-year' is not a period (this-quarter, last-quarter, last-12-months)"),
        "{stderr}"
    );
}

#[test]
fn the_table_fits_eighty_columns() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    for args in [
        &[][..],
        &["--period", "this-quarter"][..],
        &["--account", "harbor c"][..],
        &["--account", "青山", "--period", "last-quarter"][..],
    ] {
        let table = stdout(home.path(), &db, args);
        assert!(table.starts_with("Program metrics, "), "{table}");
        assert!(table.lines().count() > 20, "{table}");
        for line in table.lines() {
            assert!(line.chars().count() <= 80, "too long: {line:?}");
            assert!(line.width() <= 80, "too wide: {line:?}");
        }
    }
    let table = stdout(home.path(), &db, &["--account", "harbor c"]);
    assert!(table.contains("\nRollout of "), "{table}");
    assert!(table.contains("This account"), "{table}");
}
