//! The Program tab's figures in words: the headline figures, the patterns, the T3 comparisons
//! as bars or a small table, each saying "no accounts" or "not defined" rather than showing a
//! figure that cannot be computed as nought. The wording follows `t3 metrics`.

use chrono::NaiveDate;
use ratatui::text::{Line, Span};

use super::ProgramTab;
use crate::domain::metrics::{
    AccountCoverage, AccountFigures, Comparison, Delivery, Group, Renewal,
};
use crate::ui::format::{counted, pad, percent, thousands};
use crate::ui::metric_charts::{self, Bar, Figure, UNDEFINED};
use crate::ui::{theme, wrap};

/// The headline figures' labels take this many columns; their values wrap under themselves.
const LABEL_WIDTH: usize = 9;

/// Reads the scoped account's own value of a compared figure.
type OwnFigure = fn(&AccountFigures) -> Option<f64>;

impl ProgramTab {
    /// The account (when scoped), delivery, coverage and renewal, each on a labelled line.
    pub(super) fn headline(&self, width: usize) -> Vec<Line<'static>> {
        let shown = self.shown();
        let mut lines = Vec::new();
        if let Some(own) = self.own() {
            lines.push(labelled("Account", membership(own, shown.span.to)));
        }
        lines.push(labelled("Delivery", delivery_text(shown.delivery)));
        let coverage = match self.own() {
            Some(_) => account_coverage_text(shown.coverage_by_account.first()),
            None => portfolio_coverage_text(shown.coverage),
        };
        lines.push(labelled("Coverage", coverage));
        lines.push(labelled("Renewal", renewal_text(shown.renewal)));
        lines
            .into_iter()
            .flat_map(|line| wrap::hanging(line.spans, width, LABEL_WIDTH))
            .collect()
    }

    /// Each pattern the figures show, as its sentence; nothing when none does.
    pub(super) fn pattern_lines(&self, width: usize) -> Vec<Line<'static>> {
        self.shown()
            .patterns
            .iter()
            .flat_map(|pattern| {
                let spans = vec![
                    Span::styled("▸ ", theme::PATTERN),
                    Span::styled(pattern.sentence(), theme::PATTERN),
                ];
                wrap::hanging(spans, width, 2)
            })
            .collect()
    }

    /// Adoption depth, tickets per seat and NRR as bars: the account's own (when scoped),
    /// then the portfolio's T3 accounts and the others.
    pub(super) fn bars(&self, width: usize) -> Vec<Line<'static>> {
        let figures: Vec<(Figure, Vec<Bar>)> = self
            .figures()
            .into_iter()
            .map(|(figure, comparison, read)| {
                let mut bars = Vec::new();
                if let Some(own) = self.own() {
                    bars.push(own_bar(own, read(own)));
                }
                bars.push(Bar::of_group("T3 accounts", comparison.t3, theme::BAR_T3));
                bars.push(Bar::of_group(
                    "Other accounts",
                    comparison.non_t3,
                    theme::BAR_OTHER,
                ));
                (figure, bars)
            })
            .collect();
        metric_charts::comparison_lines(&figures, width)
    }

    /// The three comparisons, with what reads each from the account's own figures.
    fn figures(&self) -> [(Figure, Comparison, OwnFigure); 3] {
        let shown = self.shown();
        [
            (
                Figure {
                    title: "Adoption depth (0–100)",
                    show: |value| format!("{value:.1}"),
                    full_scale: Some(100.0),
                },
                shown.adoption_depth,
                |own| own.adoption_depth,
            ),
            (
                Figure {
                    title: "Support tickets per seat (fewer is better)",
                    show: |value| format!("{value:.3}"),
                    full_scale: None,
                },
                shown.tickets_per_seat,
                |own| own.tickets_per_seat,
            ),
            (
                Figure {
                    title: "Net revenue retention",
                    show: |value| format!("{value:.1}%"),
                    full_scale: None,
                },
                shown.nrr,
                |own| own.nrr,
            ),
        ]
    }

    /// The comparisons without bars, for a short pane: a row a figure, a column a group.
    pub(super) fn comparison_table(&self) -> Vec<Line<'static>> {
        let shown = self.shown();
        let own = self.own();
        let t3 = format!("T3 ({})", shown.adoption_depth.t3.accounts);
        let other = format!("Others ({})", shown.adoption_depth.non_t3.accounts);
        let mut head = pad("", 17);
        if own.is_some() {
            head.push_str(&pad("This", 8));
        }
        head.push_str(&pad(&t3, 12));
        head.push_str(&other);
        let mut lines = vec![Line::styled(head, theme::HEADER)];
        let labels = ["Adoption depth", "Tickets per seat", "NRR"];
        for (label, (figure, comparison, read)) in labels.into_iter().zip(self.figures()) {
            let mut row = pad(label, 17);
            if let Some(own) = own {
                let value = read(own).map_or(UNDEFINED.to_string(), figure.show);
                row.push_str(&pad(&value, 8));
            }
            row.push_str(&pad(&group_cell(comparison.t3, figure.show), 12));
            row.push_str(&group_cell(comparison.non_t3, figure.show));
            lines.push(Line::raw(row));
        }
        lines
    }

    pub(super) fn hint(&self, width: usize) -> Vec<Line<'static>> {
        let text = if self.own().is_some() {
            "Esc: back to the whole portfolio · p: the next period"
        } else {
            "Enter on an account: its own figures and rollout · p: the next period"
        };
        wrap::hanging(vec![Span::styled(text, theme::DIM)], width, 0)
    }
}

/// The scoped account's bar: its figure, or why it has none.
fn own_bar(own: &AccountFigures, value: Option<f64>) -> Bar {
    let note = match (value, own.snapshot_on) {
        (Some(_), _) => String::new(),
        (None, None) => "no snapshot in the period".to_string(),
        (None, Some(_)) => "not defined".to_string(),
    };
    Bar {
        label: "This account",
        value,
        note,
        style: theme::BAR_ACCOUNT,
    }
}

fn labelled(label: &'static str, text: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(pad(label, LABEL_WIDTH), theme::LABEL),
        Span::raw(text),
    ])
}

/// "a T3 account on 2026-06-15 with 2 certified trainers; 1,800 seats; snapshot 2026-05-31".
fn membership(own: &AccountFigures, on: NaiveDate) -> String {
    let is = if own.t3_account {
        "a T3 account"
    } else {
        "not a T3 account"
    };
    let trainers = counted(own.certified_trainers.into(), "certified trainer");
    let seats = counted(own.seats.into(), "seat");
    let snapshot = own.snapshot_on.map_or_else(
        || "no snapshot in the period".to_string(),
        |day| format!("snapshot of {day}"),
    );
    format!("{is} on {on} with {trainers}; {seats}; {snapshot}")
}

fn delivery_text(delivery: Delivery) -> String {
    let sessions = counted(delivery.sessions.into(), "session");
    match delivery.rate {
        Some(rate) => format!(
            "{rate:.1} sessions a quarter per certified trainer: {sessions}, {}",
            counted(delivery.certified_trainers.into(), "trainer")
        ),
        None => format!("not defined: no trainer was certified in the period ({sessions})"),
    }
}

fn portfolio_coverage_text(coverage: Group) -> String {
    match coverage {
        Group { accounts: 0, .. } => "no account has a snapshot in the period".to_string(),
        Group {
            accounts,
            value: None,
        } => format!(
            "not defined: {} with a snapshot, none with seats",
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
    }
}

fn account_coverage_text(row: Option<&AccountCoverage>) -> String {
    match row {
        Some(AccountCoverage {
            users_trained: Some(trained),
            rate: Some(rate),
            seats,
            ..
        }) => format!(
            "{} of seats trained: {} of {}",
            percent(*rate),
            thousands(u64::from(*trained)),
            thousands(u64::from(*seats))
        ),
        Some(AccountCoverage {
            users_trained: Some(_),
            ..
        }) => "not defined: the account has no seats".to_string(),
        _ => "no snapshot in the period".to_string(),
    }
}

fn renewal_text(renewal: Renewal) -> String {
    match renewal.rate {
        Some(rate) => format!(
            "{} renewed: {} of {} due",
            percent(rate),
            renewal.renewed,
            counted(renewal.due.into(), "certification")
        ),
        None => "nothing was due for renewal".to_string(),
    }
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
