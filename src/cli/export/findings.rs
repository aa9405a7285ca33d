//! The portfolio's findings for scripts: `t3 at-risk` (a table for people, JSON for cron jobs)
//! and `t3 export findings` (CSV or JSON), both judged on `--today` with the configured
//! thresholds and the triage on file.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::{csv_table, date_cell, json_of};
use crate::cli::args::Format;
use crate::domain::risk::{self, Finding, Severity, Thresholds};
use crate::domain::triage::{self, TriageState, TriagedFinding};
use crate::store::Store;
use crate::ui::safe_text::sanitize;

const HEADER: [&str; 7] = [
    "account",
    "trainer",
    "rule",
    "severity",
    "reason",
    "action",
    "snoozed_until",
];

/// The width the table format keeps within.
const TABLE_WIDTH: usize = 80;

/// Which findings to list.
#[derive(Debug, Clone, Copy)]
pub(in crate::cli) struct Selection {
    pub today: NaiveDate,
    pub min_severity: Severity,
    /// Snoozed and resolved findings too.
    pub include_hidden: bool,
}

/// One finding, as scripts get it.
#[derive(Debug, Serialize)]
struct FindingRecord<'a> {
    account: &'a str,
    trainer: Option<&'a str>,
    rule: &'static str,
    severity: &'static str,
    reason: &'a str,
    action: &'a str,
    /// Set while the finding is snoozed.
    snoozed_until: Option<NaiveDate>,
}

/// The findings of the portfolio with their triage, worst first, as selected.
pub(in crate::cli) fn findings(
    store: &Store,
    thresholds: &Thresholds,
    selection: Selection,
) -> anyhow::Result<Vec<TriagedFinding>> {
    let portfolio = store.portfolio(selection.today)?;
    let found = risk::evaluate(&portfolio, selection.today, thresholds)
        .into_iter()
        .filter(|finding| finding.severity >= selection.min_severity)
        .collect();
    Ok(triage::attach(found, store.triage_history()?)
        .into_iter()
        .filter(|triaged| selection.include_hidden || !triaged.is_hidden(selection.today))
        .collect())
}

/// `findings` in `format`, with the count.
pub(in crate::cli) fn export(
    findings: &[TriagedFinding],
    today: NaiveDate,
    format: Format,
) -> anyhow::Result<(Vec<u8>, usize)> {
    let records: Vec<FindingRecord<'_>> = findings
        .iter()
        .map(|triaged| record(&triaged.finding, &triaged.state, today))
        .collect();
    let bytes = match format {
        Format::Csv => csv_table(&HEADER, records.iter().map(csv_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

/// A table for a person at an 80-column terminal: a line with severity, account, rule and
/// trainer, then the reason and the suggested action, wrapped and indented beneath it.
pub(in crate::cli) fn table(findings: &[TriagedFinding], today: NaiveDate) -> String {
    let mut text = String::new();
    if findings.is_empty() {
        text.push_str("No findings: every active account is clear.\n");
        return text;
    }
    for TriagedFinding { finding, state, .. } in findings {
        let trainer = finding
            .trainer_name
            .as_deref()
            .map_or_else(String::new, |name| format!("  {}", sanitize(name)));
        let head = format!(
            "{:<9}{}  {}{trainer}",
            finding.severity.as_str().to_uppercase(),
            sanitize(&finding.account_name),
            finding.key.rule
        );
        let _ = writeln!(text, "{}", cut(&head, TABLE_WIDTH));
        for line in wrap(&sanitize(&finding.reason), TABLE_WIDTH - 9) {
            let _ = writeln!(text, "         {line}");
        }
        for line in wrap(&format!("→ {}", sanitize(&finding.action)), TABLE_WIDTH - 9) {
            let _ = writeln!(text, "         {line}");
        }
        if let Some(until) = state.snoozed_until.filter(|until| *until > today) {
            let _ = writeln!(text, "         (snoozed until {until})");
        }
        if let Some(reason) = &state.resolved {
            let _ = writeln!(text, "         (resolved: {})", sanitize(reason));
        }
    }
    text
}

fn record<'a>(finding: &'a Finding, state: &TriageState, today: NaiveDate) -> FindingRecord<'a> {
    FindingRecord {
        account: &finding.account_name,
        trainer: finding.trainer_name.as_deref(),
        rule: finding.key.rule.id(),
        severity: finding.severity.as_str(),
        reason: &finding.reason,
        action: &finding.action,
        snoozed_until: state.snoozed_until.filter(|until| *until > today),
    }
}

fn csv_row(record: &FindingRecord<'_>) -> Vec<String> {
    vec![
        record.account.to_string(),
        record.trainer.unwrap_or_default().to_string(),
        record.rule.to_string(),
        record.severity.to_string(),
        record.reason.to_string(),
        record.action.to_string(),
        date_cell(record.snoozed_until),
    ]
}

/// At most `width` characters, with an ellipsis when cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut kept: String = text.chars().take(width - 1).collect();
    kept.push('…');
    kept
}

/// Words gathered into lines of at most `width` characters (a longer word stands alone).
pub(in crate::cli) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_reasons_wrap_within_the_width() {
        let lines = wrap(
            "Grace Mensah missed the Trainer Syncs of the last 3 quarters (last attended 2025-10-14)",
            40,
        );
        assert!(
            lines.iter().all(|line| line.chars().count() <= 40),
            "{lines:?}"
        );
        assert_eq!(lines.join(" ").split(' ').count(), 14);
    }

    #[test]
    fn a_long_head_line_is_cut_with_an_ellipsis() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
    }
}
