//! The metrics as a table for a person at an 80-column terminal: the headline figures, T3
//! against other accounts, delivery by quarter, coverage by account, the patterns, and for one
//! account its rollout both ways. An undefined figure reads "—", an empty group "no accounts".

use std::fmt::Write as _;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use crate::cli::export::wrap;
use crate::domain::metrics::{AccountFigures, Comparison, Group, Metrics, Rollout};
use crate::ui::format::{cost, counted, hour_range, hours, pad, percent, thousands};
use crate::ui::safe_text::sanitize;

/// The width every line keeps within.
const WIDTH: usize = 80;

/// The width of the label column the figures line up after.
const LABEL: usize = 18;

/// What an undefined figure reads as.
const UNDEFINED: &str = "—";

pub(super) fn render(metrics: &Metrics, rollout: Option<&Rollout>) -> String {
    let mut text = String::new();
    heading(&mut text, metrics);
    headline(&mut text, metrics);
    comparisons(&mut text, metrics);
    by_quarter(&mut text, metrics);
    by_account(&mut text, metrics);
    patterns(&mut text, metrics);
    if let Some(rollout) = rollout {
        rollout_lines(&mut text, rollout, metrics.span.to);
    }
    text
}

/// Adds one line, cut to the width.
fn line(text: &mut String, content: &str) {
    let _ = writeln!(text, "{}", fit(content, WIDTH).trim_end());
}

/// `text` in exactly `width` terminal columns (wide characters count double): padded, or cut
/// with an ellipsis, so that account names of any script line up.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        pad(text, width)
    } else {
        format!("{}…", pad(text, width.saturating_sub(1)))
    }
}

fn labelled(text: &mut String, label: &str, value: &str) {
    line(text, &format!("{label:<LABEL$}{value}"));
}

fn heading(text: &mut String, metrics: &Metrics) {
    let scope = metrics.account.as_ref().map_or_else(
        || "the portfolio".to_string(),
        |own| sanitize(&own.name).into_owned(),
    );
    line(
        text,
        &format!(
            "Program metrics, {} ({} to {}): {scope}",
            metrics.period.label(),
            metrics.span.from,
            metrics.span.to
        ),
    );
    if let Some(own) = &metrics.account {
        line(text, &membership(own, metrics.span.to));
    }
    text.push('\n');
}

fn membership(own: &AccountFigures, on: NaiveDate) -> String {
    let trainers = counted(own.certified_trainers.into(), "certified trainer");
    let is = if own.t3_account {
        "A T3 account"
    } else {
        "Not a T3 account"
    };
    format!("{is} on {on}, with {trainers}")
}

fn headline(text: &mut String, metrics: &Metrics) {
    let delivery = metrics.delivery;
    let rate = delivery.rate.map_or_else(
        || format!("{UNDEFINED} (no trainer was certified in the period)"),
        |rate| format!("{rate:.1} sessions a quarter per certified trainer"),
    );
    labelled(text, "Delivery rate", &rate);
    labelled(
        text,
        "",
        &format!(
            "({}, {})",
            counted(delivery.sessions.into(), "session"),
            counted(delivery.certified_trainers.into(), "certified trainer")
        ),
    );
    let coverage = match metrics.coverage {
        Group { accounts: 0, .. } => "no accounts (none has a snapshot in the period)".to_string(),
        Group {
            accounts,
            value: None,
        } => format!(
            "{UNDEFINED} ({}, none with seats)",
            counted(accounts as u64, "account")
        ),
        Group {
            accounts,
            value: Some(rate),
        } => format!(
            "{} of seats trained, over {}",
            percent(rate),
            counted(accounts as u64, "account")
        ),
    };
    labelled(text, "User coverage", &coverage);
    let renewal = metrics.renewal;
    let renewal = renewal.rate.map_or_else(
        || format!("{UNDEFINED} (no certification was due)"),
        |rate| {
            format!(
                "{}: {} of {} certifications due were renewed",
                percent(rate),
                renewal.renewed,
                renewal.due
            )
        },
    );
    labelled(text, "Renewal rate", &renewal);
    text.push('\n');
}

/// Adoption depth, tickets per seat and NRR: the account's own (when there is one), then the
/// portfolio's T3 accounts against the others.
fn comparisons(text: &mut String, metrics: &Metrics) {
    let own = metrics.account.as_ref();
    let mut head = format!("{:<LABEL$}", "");
    if own.is_some() {
        let _ = write!(head, "{:<16}", "This account");
    }
    let t3 = format!("T3 accounts ({})", metrics.adoption_depth.t3.accounts);
    let other = format!(
        "Other accounts ({})",
        metrics.adoption_depth.non_t3.accounts
    );
    let _ = write!(head, "{t3:<19}{other}");
    line(text, &head);
    comparison_row(
        text,
        "Adoption depth",
        metrics.adoption_depth,
        (own, |own| own.adoption_depth),
        |value| format!("{value:.1}"),
    );
    comparison_row(
        text,
        "Tickets per seat",
        metrics.tickets_per_seat,
        (own, |own| own.tickets_per_seat),
        |value| format!("{value:.3}"),
    );
    comparison_row(text, "NRR", metrics.nrr, (own, |own| own.nrr), |value| {
        format!("{value:.1}%")
    });
    text.push('\n');
}

/// The account's own figure, read by the function, when the scope is one account.
type OwnFigure<'a> = (
    Option<&'a AccountFigures>,
    fn(&AccountFigures) -> Option<f64>,
);

/// One figure across the columns: the account's own when there is one, then the groups'.
fn comparison_row(
    text: &mut String,
    label: &str,
    comparison: Comparison,
    (own, figure): OwnFigure<'_>,
    show: fn(f64) -> String,
) {
    let mut row = format!("{label:<LABEL$}");
    if let Some(own) = own {
        let _ = write!(
            row,
            "{:<16}",
            figure(own).map_or(UNDEFINED.to_string(), show)
        );
    }
    let t3 = group_cell(comparison.t3, show);
    let _ = write!(row, "{t3:<19}{}", group_cell(comparison.non_t3, show));
    line(text, &row);
}

fn group_cell(group: Group, show: fn(f64) -> String) -> String {
    match group {
        Group { accounts: 0, .. } => "no accounts".to_string(),
        Group { value: None, .. } => UNDEFINED.to_string(),
        Group {
            value: Some(value), ..
        } => show(value),
    }
}

fn by_quarter(text: &mut String, metrics: &Metrics) {
    line(
        text,
        &format!(
            "{:<20}{:>10}{:>21}{:>8}",
            "Delivery by quarter", "sessions", "certified trainers", "rate"
        ),
    );
    for quarter in &metrics.delivery_by_quarter {
        let delivery = quarter.delivery;
        let rate = delivery
            .rate
            .map_or(UNDEFINED.to_string(), |rate| format!("{rate:.1}"));
        line(
            text,
            &format!(
                "  {:<18}{:>10}{:>21}{rate:>8}",
                quarter.quarter.to_string(),
                delivery.sessions,
                delivery.certified_trainers
            ),
        );
    }
    text.push('\n');
}

fn by_account(text: &mut String, metrics: &Metrics) {
    const NAME: usize = 44;
    line(
        text,
        &format!(
            "{:<46}{:>8}{:>10}{:>10}",
            "Coverage by account", "seats", "trained", "coverage"
        ),
    );
    if metrics.coverage_by_account.is_empty() {
        line(text, "  no accounts");
    }
    for row in &metrics.coverage_by_account {
        let trained = row.users_trained.map_or(UNDEFINED.to_string(), |trained| {
            thousands(u64::from(trained))
        });
        let rate = row.rate.map_or(UNDEFINED.to_string(), percent);
        line(
            text,
            &format!(
                "  {}{:>8}{trained:>10}{rate:>10}",
                fit(&sanitize(&row.name), NAME),
                thousands(u64::from(row.seats))
            ),
        );
    }
    text.push('\n');
}

fn patterns(text: &mut String, metrics: &Metrics) {
    if metrics.patterns.is_empty() {
        labelled(text, "Patterns", "none stands out");
        return;
    }
    line(text, "Patterns");
    for pattern in &metrics.patterns {
        for (index, part) in wrap(&pattern.sentence(), WIDTH - 4).iter().enumerate() {
            let bullet = if index == 0 { "- " } else { "  " };
            line(text, &format!("  {bullet}{part}"));
        }
    }
}

/// What training every seat would cost delivered by the vendor, against the vendor hours spent
/// certifying the trainers who deliver it instead.
fn rollout_lines(text: &mut String, rollout: &Rollout, on: NaiveDate) {
    const ROLLOUT_LABEL: usize = 24;
    text.push('\n');
    line(
        text,
        &format!(
            "Rollout of {}, costed in vendor hours",
            counted(rollout.seats.into(), "seat")
        ),
    );
    let (low, high) = rollout.direct_hours;
    let (low_cost, high_cost) = rollout.direct_cost;
    let per_seat = rollout
        .direct_per_seat
        .map_or(UNDEFINED.to_string(), |(low, high)| {
            format!("{low:.2}–{high:.2}")
        });
    line(
        text,
        &format!(
            "  {:<ROLLOUT_LABEL$}{} hours, cost {}–{} ({per_seat} a seat)",
            "Delivered by the vendor",
            hour_range(low, high),
            cost(low_cost),
            cost(high_cost)
        ),
    );
    if rollout.certified_trainers == 0 {
        let through = "Through its trainers";
        line(
            text,
            &format!("  {through:<ROLLOUT_LABEL$}no trainer certified on {on}"),
        );
        return;
    }
    let through = format!(
        "Through its {}",
        counted(rollout.certified_trainers.into(), "trainer")
    );
    let per_seat = rollout
        .through_trainers_per_seat
        .map_or(UNDEFINED.to_string(), |cost| format!("{cost:.2}"));
    line(
        text,
        &format!(
            "  {through:<ROLLOUT_LABEL$}{} hours to certify them, cost {} ({per_seat} a seat)",
            hours(rollout.through_trainers_hours),
            cost(rollout.through_trainers_cost)
        ),
    );
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::metrics::{
        self, Delivery, Pattern, Period, ProgramData, RolloutRates, Scope, compute,
    };

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    #[test]
    fn an_empty_portfolio_reads_as_undefined_not_as_nought() {
        let found = compute(
            &ProgramData::default(),
            today(),
            Period::Last12Months,
            Scope::Portfolio,
        );
        let table = render(&found, None);
        assert!(
            table.starts_with(
                "Program metrics, last 12 months (2025-12-04 to 2026-12-03): the portfolio\n"
            ),
            "{table}"
        );
        assert!(
            table.contains("Delivery rate     — (no trainer was certified"),
            "{table}"
        );
        assert!(table.contains("User coverage     no accounts"), "{table}");
        assert!(
            table.contains("Renewal rate      — (no certification was due)"),
            "{table}"
        );
        assert!(
            table.contains("Adoption depth    no accounts        no accounts"),
            "{table}"
        );
        assert!(table.contains("  Q4 2026                    0                    0       —"));
        assert!(
            table.contains("Patterns          none stands out"),
            "{table}"
        );
        assert!(!table.contains("0%"), "{table}");
        assert!(table.lines().all(|line| line.chars().count() <= WIDTH));
    }

    #[test]
    fn patterns_wrap_within_the_width() {
        let mut found = compute(
            &ProgramData::default(),
            today(),
            Period::ThisQuarter,
            Scope::Portfolio,
        );
        found.delivery = Delivery {
            sessions: 40,
            certified_trainers: 4,
            rate: Some(4.2),
        };
        found.patterns = vec![Pattern::HighDeliveryLowCoverage {
            delivery_rate: 4.2,
            coverage: 0.31,
        }];
        let table = render(&found, None);
        let patterns = &table[table.find("Patterns\n").unwrap()..];
        assert!(
            patterns.contains("  - High delivery (4.2 sessions"),
            "{patterns}"
        );
        assert!(patterns.lines().count() > 2, "wrapped: {patterns}");
        assert!(table.lines().all(|line| line.chars().count() <= WIDTH));
    }

    #[test]
    fn a_rollout_compares_vendor_hours_both_ways() {
        let found = compute(
            &ProgramData::default(),
            today(),
            Period::Last12Months,
            Scope::Portfolio,
        );
        let rollout = metrics::rollout(500, 3, RolloutRates::default());
        let table = render(&found, Some(&rollout));
        let lines: Vec<&str> = table.lines().rev().take(3).collect();
        assert_eq!(
            lines,
            [
                "  Through its 3 trainers  72 hours to certify them, cost 10,800 (21.60 a seat)",
                "  Delivered by the vendor 30–50 hours, cost 4,500–7,500 (9.00–15.00 a seat)",
                "Rollout of 500 seats, costed in vendor hours",
            ]
        );
        let none = metrics::rollout(0, 0, RolloutRates::default());
        let table = render(&found, Some(&none));
        assert!(table.contains("0–0 hours, cost 0–0 (— a seat)"), "{table}");
        assert!(
            table.contains("  Through its trainers    no trainer certified on 2026-12-03"),
            "{table}"
        );
    }

    #[test]
    fn wide_names_line_up_and_long_ones_are_cut() {
        assert_eq!(fit("青山デジタル銀行", 18), "青山デジタル銀行  ");
        assert_eq!(fit("青山デジタル銀行", 8), "青山デ …");
        assert_eq!(fit("Harbor City Transit", 10), "Harbor Ci…");
        assert_eq!(fit("Acme", 6), "Acme  ");
    }
}
