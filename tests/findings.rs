//! `t3 at-risk` and `t3 export findings` against the binary on a demo database: the JSON
//! shape, severities, the 80-column table, and a snooze that hides a finding until its day.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::{day, demo_database, stderr_of, t3};
use serde_json::Value;
use t3::domain::risk::{self, Thresholds};
use t3::domain::triage::TriageAction;
use t3::store::Store;

const TODAY: &str = "2026-06-15";

fn at_risk(home: &Path, db: &Path, args: &[&str]) -> String {
    let output = t3(home)
        .args(["at-risk", "--db", db.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    String::from_utf8(output.stdout).unwrap()
}

fn json(home: &Path, db: &Path, today: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["--format", "json", "--today", today];
    args.extend(extra);
    let text = at_risk(home, db, &args);
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn findings_as_json_have_the_documented_fields() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let findings = json(home.path(), &db, TODAY, &[]);
    assert!(!findings.is_empty());
    for finding in &findings {
        let object = finding.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "account",
                "action",
                "reason",
                "rule",
                "severity",
                "snoozed_until",
                "trainer"
            ]
        );
        assert!(object["account"].is_string());
        assert!(object["trainer"].is_string() || object["trainer"].is_null());
        assert!(object["snoozed_until"].is_null());
        let severity = object["severity"].as_str().unwrap();
        assert!(["low", "medium", "high", "critical"].contains(&severity));
    }
    let rules: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|finding| finding["rule"].as_str().unwrap())
        .collect();
    for rule in risk::Rule::ALL {
        assert!(
            rules.contains(rule.id()),
            "{} never fires in the demo",
            rule.id()
        );
    }
    let severities: Vec<&str> = findings
        .iter()
        .map(|finding| finding["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities[0], "critical", "worst first");
}

#[test]
fn min_severity_leaves_out_the_milder_findings() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let all = json(home.path(), &db, TODAY, &[]);
    let serious = json(home.path(), &db, TODAY, &["--min-severity", "high"]);
    assert!(serious.len() < all.len());
    assert!(
        serious.iter().all(|finding| {
            ["high", "critical"].contains(&finding["severity"].as_str().unwrap())
        })
    );
    let output = t3(home.path())
        .args([
            "at-risk",
            "--db",
            db.to_str().unwrap(),
            "--min-severity",
            "dire",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("'dire' is not a severity"));
}

#[test]
fn the_table_fits_eighty_columns() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let table = at_risk(home.path(), &db, &["--today", TODAY]);
    assert!(table.lines().count() > 10, "{table}");
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    assert!(table.starts_with("CRITICAL "), "{table}");
}

#[test]
fn a_snoozed_finding_is_hidden_until_its_day_and_then_back() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let before = json(home.path(), &db, TODAY, &[]);
    {
        let mut store = Store::open(&db).unwrap();
        let portfolio = store.portfolio(today).unwrap();
        let first = risk::evaluate(&portfolio, today, &Thresholds::default())
            .into_iter()
            .next()
            .unwrap();
        store
            .record_triage(
                first.key,
                &TriageAction::Snooze(day(2026, 6, 30)),
                "dana",
                today.and_hms_opt(9, 0, 0).unwrap(),
            )
            .unwrap();
    }
    let snoozed = json(home.path(), &db, TODAY, &[]);
    assert_eq!(snoozed.len(), before.len() - 1);
    assert_eq!(snoozed[0], before[1], "the snoozed finding left the list");
    let with_snoozed = json(home.path(), &db, TODAY, &["--include-snoozed"]);
    assert_eq!(with_snoozed[0]["snoozed_until"], "2026-06-30");
    let back = json(home.path(), &db, "2026-06-30", &[]);
    assert_eq!(back[0]["rule"], before[0]["rule"]);
    assert!(back[0]["snoozed_until"].is_null(), "back on its day");
}

#[test]
fn the_findings_export_gives_the_same_list_as_csv() {
    let home = tempfile::tempdir().unwrap();
    let db = demo_database(home.path(), TODAY);
    let output = t3(home.path())
        .args([
            "export",
            "findings",
            "--db",
            db.to_str().unwrap(),
            "--today",
            TODAY,
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let csv = String::from_utf8(output.stdout).unwrap();
    assert!(
        csv.starts_with("account,trainer,rule,severity,reason,action,snoozed_until\n"),
        "{csv}"
    );
    let listed = json(home.path(), &db, TODAY, &[]);
    assert_eq!(
        csv.lines().count(),
        listed.len() + 1 + multiline_cells(&csv)
    );
}

/// Lines a CSV file spends on line breaks inside quoted cells (none expected here).
fn multiline_cells(csv: &str) -> usize {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|record| {
            record
                .unwrap()
                .iter()
                .map(|cell| cell.matches('\n').count())
                .sum::<usize>()
        })
        .sum()
}
