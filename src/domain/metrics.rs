//! The program metrics: how much the certified trainers deliver, how many seats they reach,
//! how T3 accounts compare with the rest, and how many certifications get renewed, over a
//! chosen period, for the portfolio or one account.
//!
//! Pure functions of data loaded once and of today's date, like the risk rules: nothing here
//! reads the clock or the database. A figure that cannot be computed (no accounts, no seats,
//! no certified trainers, nothing due) is `None`, never 0, so a screen can tell "none" from
//! "nothing to say".

mod index;
mod pattern;
mod period;
mod rollout;
mod sessions;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::certification::Certification;
use super::sync::Quarter;
use super::{Account, AccountId, AccountSnapshot, T3Status, TrainerId};
use index::Index;
pub use pattern::{
    ADOPTION_TREND_SNAPSHOTS, AdoptionEvidence, HIGH_COVERAGE, HIGH_DELIVERY_RATE, LOW_COVERAGE,
    Pattern,
};
pub use period::{DAYS_PER_QUARTER, Period, Span};
pub use rollout::{DIRECT_HOURS_PER_HUNDRED_SEATS, Rollout, RolloutRates, rollout};
pub use sessions::SessionCounts;

/// How many calendar quarters the delivery trend shows, today's included: two years.
pub const TREND_QUARTERS: usize = 8;

/// Everything the metrics need on one today, loaded once.
#[derive(Debug, Clone, Default)]
pub struct ProgramData {
    /// Every account, archived ones included; the metrics pass over archived accounts.
    pub accounts: Vec<Account>,
    /// Every trainer's account: all the metrics need to know of a trainer.
    pub trainers: HashMap<TrainerId, AccountId>,
    /// Every snapshot of every account, in any order.
    pub snapshots: Vec<AccountSnapshot>,
    /// The sessions counted for the today the data was loaded on; computing for another day
    /// needs them counted again.
    pub sessions: SessionCounts,
    /// Every certification ever granted, renewals included.
    pub certifications: Vec<Certification>,
}

/// Whose figures: the whole portfolio, or one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    #[default]
    Portfolio,
    Account(AccountId),
}

/// A figure over a group of accounts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Group {
    /// How many accounts the figure is computed over.
    pub accounts: usize,
    /// `None` when the group is empty or the figure is undefined for it (no seats).
    pub value: Option<f64>,
}

/// A figure for T3 accounts against the other accounts of the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Comparison {
    pub t3: Group,
    pub non_t3: Group,
}

/// Trainer-led session delivery.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Delivery {
    /// Sessions held in the span.
    pub sessions: u32,
    /// Trainers who held a valid certification on at least one day of the span.
    pub certified_trainers: u32,
    /// Sessions per quarter per certified trainer; `None` without certified trainers.
    pub rate: Option<f64>,
}

/// Delivery in one calendar quarter; today's quarter runs to today.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuarterDelivery {
    pub quarter: Quarter,
    pub delivery: Delivery,
}

/// One account's coverage: users trained as a share of seats.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountCoverage {
    pub account: AccountId,
    pub name: String,
    pub seats: u32,
    /// From the account's latest snapshot in the span; `None` without one.
    pub users_trained: Option<u32>,
    /// 0.0–1.0 (above 1.0 when seats were cut); `None` without a snapshot or without seats.
    pub rate: Option<f64>,
}

/// Certifications due for renewal in the span, and how many were renewed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Renewal {
    pub due: u32,
    pub renewed: u32,
    /// Renewed as a share of due, 0.0–1.0; `None` when nothing was due.
    pub rate: Option<f64>,
}

/// One account's own figures, to read against the portfolio's T3 and non-T3 groups.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountFigures {
    pub account: AccountId,
    pub name: String,
    pub seats: u32,
    /// A T3 account on the span's last day.
    pub t3_account: bool,
    /// Trainers holding a valid certification on the span's last day.
    pub certified_trainers: u32,
    /// The day of the snapshot the figures come from: the latest within the span.
    pub snapshot_on: Option<NaiveDate>,
    pub adoption_depth: Option<f64>,
    pub tickets_per_seat: Option<f64>,
    pub nrr: Option<f64>,
}

/// The program metrics over a period, for a scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub period: Period,
    pub span: Span,
    pub scope: Scope,
    /// Within the scope and the span.
    pub delivery: Delivery,
    /// The last [`TREND_QUARTERS`] calendar quarters up to today's, oldest first, within the
    /// scope whatever the period.
    pub delivery_by_quarter: Vec<QuarterDelivery>,
    /// Users trained over seats, summed over the scope's accounts with a snapshot in the span;
    /// `accounts` says how many.
    pub coverage: Group,
    /// Lowest coverage first, accounts without a snapshot in the span last.
    pub coverage_by_account: Vec<AccountCoverage>,
    /// Mean adoption depth (0–100), always portfolio-wide: the context an account is read in.
    pub adoption_depth: Comparison,
    /// Tickets summed over seats summed, per snapshot period, always portfolio-wide.
    pub tickets_per_seat: Comparison,
    /// Mean net revenue retention (percent), always portfolio-wide.
    pub nrr: Comparison,
    /// The account's own figures when the scope is one account.
    pub account: Option<AccountFigures>,
    /// Within the scope and the span.
    pub renewal: Renewal,
    pub patterns: Vec<Pattern>,
}

/// Whether `account` is a T3 account on `day`: its T3 status is `active` and at least one of
/// its trainers holds a certification valid that day (granted on or before it, expiring on or
/// after it). `certifications` are those of the account's trainers.
///
/// Judged from certification dates alone, not from trainer statuses: a status is only known as
/// it stands today, while membership is also judged on days in the past.
pub fn is_t3_account<'a>(
    account: &Account,
    certifications: impl IntoIterator<Item = &'a Certification>,
    day: NaiveDate,
) -> bool {
    account.fields.t3_status == T3Status::Active
        && certifications
            .into_iter()
            .any(|certification| valid_on(certification, day))
}

/// Computes every metric over `period` on `today` for `scope`, from `data` loaded for the same
/// `today`: its sessions are counted over that day's spans.
///
/// The portfolio is every account not archived; an account scope is that one account, whatever
/// its state, since it was asked for by name. The T3 comparisons are always portfolio-wide:
/// they are the context an account's own figures are read in.
pub fn compute(data: &ProgramData, today: NaiveDate, period: Period, scope: Scope) -> Metrics {
    let index = Index::new(data);
    let span = period.span(today);
    let scoped: HashSet<AccountId> = data
        .accounts
        .iter()
        .filter(|account| match scope {
            Scope::Portfolio => !account.archived,
            Scope::Account(id) => account.id == id,
        })
        .map(|account| account.id)
        .collect();
    let delivery = index.delivery(&scoped, span);
    let coverage_by_account = index.coverage_by_account(&scoped, span);
    let coverage = coverage_of(&coverage_by_account);
    let [adoption_depth, tickets_per_seat, nrr] = index.comparisons(span);
    let account = match scope {
        Scope::Portfolio => None,
        Scope::Account(id) => index.account_figures(id, span),
    };
    let adoption = match scope {
        Scope::Portfolio => adoption_depth
            .t3
            .value
            .zip(adoption_depth.non_t3.value)
            .map(|(t3, non_t3)| AdoptionEvidence::Groups { t3, non_t3 }),
        Scope::Account(id) => index.adoption_trend(id, span.to),
    };
    Metrics {
        period,
        span,
        scope,
        delivery,
        delivery_by_quarter: index.delivery_by_quarter(&scoped, today),
        coverage,
        coverage_by_account,
        adoption_depth,
        tickets_per_seat,
        nrr,
        account,
        renewal: index.renewal(&scoped, span, today),
        patterns: pattern::detect(delivery.rate, coverage.value, adoption),
    }
}

/// Valid through its expiry day, as everywhere else in t3.
fn valid_on(certification: &Certification, day: NaiveDate) -> bool {
    certification.granted_on <= day && day <= certification.expires_on
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `part / whole`, or `None` when the whole is nothing.
fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// Summed users trained over summed seats of the accounts with a snapshot.
fn coverage_of(by_account: &[AccountCoverage]) -> Group {
    let with_snapshot: Vec<(u32, u32)> = by_account
        .iter()
        .filter_map(|row| row.users_trained.map(|trained| (trained, row.seats)))
        .collect();
    let trained: f64 = with_snapshot.iter().map(|(t, _)| f64::from(*t)).sum();
    let seats: f64 = with_snapshot.iter().map(|(_, s)| f64::from(*s)).sum();
    Group {
        accounts: with_snapshot.len(),
        value: share(trained, seats),
    }
}

#[cfg(test)]
mod tests;
