//! The program metrics: how much the certified trainers deliver, how many seats they reach,
//! how T3 accounts compare with the rest, and how many certifications get renewed, over a
//! chosen period, for the portfolio or one account.
//!
//! Pure functions of data loaded once and of today's date, like the risk rules: nothing here
//! reads the clock or the database. A figure that cannot be computed (no accounts, no seats,
//! no certified trainers, nothing due) is `None`, never 0, so a screen can tell "none" from
//! "nothing to say".

mod pattern;
mod period;
mod rollout;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::certification::{Certification, CertificationId};
use super::program::TrainingSession;
use super::sync::Quarter;
use super::{Account, AccountId, AccountSnapshot, T3Status, TrainerId, TrainerRow};
pub use pattern::{
    ADOPTION_TREND_SNAPSHOTS, AdoptionEvidence, HIGH_COVERAGE, HIGH_DELIVERY_RATE, LOW_COVERAGE,
    Pattern,
};
pub use period::{DAYS_PER_QUARTER, Period, Span};
pub use rollout::{DIRECT_HOURS_PER_HUNDRED_SEATS, Rollout, RolloutRates, rollout};

/// How many calendar quarters the delivery trend shows, today's included: two years.
pub const TREND_QUARTERS: usize = 8;

/// Everything the metrics need, loaded once.
#[derive(Debug, Clone, Default)]
pub struct ProgramData {
    /// Every account, archived ones included; the metrics pass over archived accounts.
    pub accounts: Vec<Account>,
    pub trainers: Vec<TrainerRow>,
    /// Every snapshot of every account, in any order.
    pub snapshots: Vec<AccountSnapshot>,
    pub sessions: Vec<TrainingSession>,
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

/// Computes every metric over `period` on `today` for `scope`.
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

/// The data looked up by account, built once per computation.
struct Index<'a> {
    data: &'a ProgramData,
    /// The certifications of each account's trainers.
    certifications: HashMap<AccountId, Vec<&'a Certification>>,
    /// Each account's snapshots, oldest first.
    snapshots: HashMap<AccountId, Vec<&'a AccountSnapshot>>,
    /// Certifications another one renews.
    renewed: HashSet<CertificationId>,
}

impl<'a> Index<'a> {
    fn new(data: &'a ProgramData) -> Self {
        let account_of: HashMap<TrainerId, AccountId> = data
            .trainers
            .iter()
            .map(|row| (row.trainer.id, row.trainer.fields.account_id))
            .collect();
        let mut certifications: HashMap<AccountId, Vec<&Certification>> = HashMap::new();
        for certification in &data.certifications {
            if let Some(account) = account_of.get(&certification.trainer_id) {
                certifications
                    .entry(*account)
                    .or_default()
                    .push(certification);
            }
        }
        let mut snapshots: HashMap<AccountId, Vec<&AccountSnapshot>> = HashMap::new();
        for snapshot in &data.snapshots {
            snapshots
                .entry(snapshot.account_id)
                .or_default()
                .push(snapshot);
        }
        for series in snapshots.values_mut() {
            series.sort_by_key(|snapshot| snapshot.as_of);
        }
        let renewed = data
            .certifications
            .iter()
            .filter_map(|certification| certification.renews)
            .collect();
        Self {
            data,
            certifications,
            snapshots,
            renewed,
        }
    }

    fn certifications_of(&self, account: AccountId) -> &[&'a Certification] {
        self.certifications.get(&account).map_or(&[], Vec::as_slice)
    }

    /// The account's latest snapshot on or before the span's last day, if it falls within the
    /// span: an older one describes another period, and reporting it as this one's would
    /// flatter or blame the program for figures it had no part in.
    fn snapshot_in(&self, account: AccountId, span: Span) -> Option<&'a AccountSnapshot> {
        self.snapshots
            .get(&account)?
            .iter()
            .rev()
            .find(|snapshot| snapshot.as_of <= span.to)
            .filter(|snapshot| span.contains(snapshot.as_of))
            .copied()
    }

    /// The account's trainers with a certification valid on `day`.
    fn certified_on(&self, account: AccountId, day: NaiveDate) -> u32 {
        let trainers: HashSet<TrainerId> = self
            .certifications_of(account)
            .iter()
            .filter(|certification| valid_on(certification, day))
            .map(|certification| certification.trainer_id)
            .collect();
        count(trainers.len())
    }

    /// Sessions held at the accounts in the span over the trainers certified on any of its
    /// days, per quarter's worth of days. A trainer certified for only part of the span counts
    /// as a whole one: a figure anyone can check by hand, which reads a little low in a period
    /// when trainers were newly certified.
    fn delivery(&self, accounts: &HashSet<AccountId>, span: Span) -> Delivery {
        let sessions = self
            .data
            .sessions
            .iter()
            .filter(|session| accounts.contains(&session.account) && span.contains(session.held_on))
            .count();
        let trainers: HashSet<TrainerId> = accounts
            .iter()
            .flat_map(|account| self.certifications_of(*account))
            .filter(|certification| {
                span.overlaps(certification.granted_on, certification.expires_on)
            })
            .map(|certification| certification.trainer_id)
            .collect();
        let trainer_quarters = trainers.len() as f64 * span.quarters();
        Delivery {
            sessions: count(sessions),
            certified_trainers: count(trainers.len()),
            rate: share(sessions as f64, trainer_quarters),
        }
    }

    /// Delivery in each of the last [`TREND_QUARTERS`] quarters, oldest first.
    fn delivery_by_quarter(
        &self,
        accounts: &HashSet<AccountId>,
        today: NaiveDate,
    ) -> Vec<QuarterDelivery> {
        let mut quarters = Vec::with_capacity(TREND_QUARTERS);
        let mut span = Span {
            to: today,
            ..Span::quarter_of(today)
        };
        for _ in 0..TREND_QUARTERS {
            quarters.push(QuarterDelivery {
                quarter: Quarter::of(span.from),
                delivery: self.delivery(accounts, span),
            });
            let Some(before) = span.from.pred_opt() else {
                break;
            };
            span = Span::quarter_of(before);
        }
        quarters.reverse();
        quarters
    }

    fn coverage_by_account(
        &self,
        accounts: &HashSet<AccountId>,
        span: Span,
    ) -> Vec<AccountCoverage> {
        let mut rows: Vec<AccountCoverage> = self
            .data
            .accounts
            .iter()
            .filter(|account| accounts.contains(&account.id))
            .map(|account| {
                let seats = account.fields.seats;
                let users_trained = self
                    .snapshot_in(account.id, span)
                    .map(|snapshot| snapshot.users_trained);
                AccountCoverage {
                    account: account.id,
                    name: account.fields.name.clone(),
                    seats,
                    users_trained,
                    rate: users_trained
                        .and_then(|trained| share(f64::from(trained), f64::from(seats))),
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.users_trained.is_none(), a.rate.is_none())
                .cmp(&(b.users_trained.is_none(), b.rate.is_none()))
                .then_with(|| a.rate.unwrap_or(0.0).total_cmp(&b.rate.unwrap_or(0.0)))
                .then_with(|| a.name.cmp(&b.name))
        });
        rows
    }

    /// Adoption depth, tickets per seat and NRR for T3 against non-T3 accounts, over every
    /// account not archived. Membership is judged on the span's last day, the day the figures
    /// are read for; an account without a snapshot in the span is in neither group.
    fn comparisons(&self, span: Span) -> [Comparison; 3] {
        let mut t3 = Vec::new();
        let mut non_t3 = Vec::new();
        for account in self
            .data
            .accounts
            .iter()
            .filter(|account| !account.archived)
        {
            let Some(snapshot) = self.snapshot_in(account.id, span) else {
                continue;
            };
            let certifications = self.certifications_of(account.id).iter().copied();
            if is_t3_account(account, certifications, span.to) {
                t3.push((account, snapshot));
            } else {
                non_t3.push((account, snapshot));
            }
        }
        let compare = |figure: fn(&[(&Account, &AccountSnapshot)]) -> Option<f64>| Comparison {
            t3: Group {
                accounts: t3.len(),
                value: figure(&t3),
            },
            non_t3: Group {
                accounts: non_t3.len(),
                value: figure(&non_t3),
            },
        };
        [
            compare(|group| mean(group.iter().map(|(_, s)| f64::from(s.adoption_depth)))),
            compare(tickets_per_seat),
            compare(|group| mean(group.iter().map(|(_, s)| s.net_revenue_retention))),
        ]
    }

    fn account_figures(&self, id: AccountId, span: Span) -> Option<AccountFigures> {
        let account = self.data.accounts.iter().find(|account| account.id == id)?;
        let snapshot = self.snapshot_in(id, span);
        let certifications = self.certifications_of(id).iter().copied();
        Some(AccountFigures {
            account: id,
            name: account.fields.name.clone(),
            seats: account.fields.seats,
            t3_account: is_t3_account(account, certifications, span.to),
            certified_trainers: self.certified_on(id, span.to),
            snapshot_on: snapshot.map(|snapshot| snapshot.as_of),
            adoption_depth: snapshot.map(|snapshot| f64::from(snapshot.adoption_depth)),
            tickets_per_seat: snapshot
                .and_then(|snapshot| tickets_per_seat(&[(account, snapshot)])),
            nrr: snapshot.map(|snapshot| snapshot.net_revenue_retention),
        })
    }

    /// The account's adoption depth in the first and last of its latest
    /// [`ADOPTION_TREND_SNAPSHOTS`] snapshots up to `to`; `None` with fewer than two.
    fn adoption_trend(&self, account: AccountId, to: NaiveDate) -> Option<AdoptionEvidence> {
        let series = self.snapshots.get(&account)?;
        let upto = series.partition_point(|snapshot| snapshot.as_of <= to);
        let latest = &series[upto.saturating_sub(ADOPTION_TREND_SNAPSHOTS)..upto];
        let (first, last) = (latest.first()?, latest.last()?);
        (latest.len() >= 2).then_some(AdoptionEvidence::Trend {
            first_on: first.as_of,
            first: first.adoption_depth,
            last_on: last.as_of,
            last: last.adoption_depth,
        })
    }

    /// Certifications that expired in the span and whose outcome is known: renewed (another
    /// certification renews them), or past their expiry on `today` without one. A certification
    /// still valid today and not yet renewed may yet be, so it is not counted either way.
    fn renewal(&self, accounts: &HashSet<AccountId>, span: Span, today: NaiveDate) -> Renewal {
        let (mut due, mut renewed) = (0_u32, 0_u32);
        let in_scope = accounts
            .iter()
            .flat_map(|account| self.certifications_of(*account));
        for certification in in_scope.filter(|c| span.contains(c.expires_on)) {
            if self.renewed.contains(&certification.id) {
                renewed += 1;
                due += 1;
            } else if certification.expires_on < today {
                due += 1;
            }
        }
        Renewal {
            due,
            renewed,
            rate: share(f64::from(renewed), f64::from(due)),
        }
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0_u32), |(sum, n), value| (sum + value, n + 1));
    share(sum, f64::from(n))
}

/// The group's tickets summed over its seats summed: large accounts weigh as much as their
/// seats, where a mean of ratios would let a ten-seat account swing the figure.
fn tickets_per_seat(group: &[(&Account, &AccountSnapshot)]) -> Option<f64> {
    let tickets: f64 = group
        .iter()
        .map(|(_, s)| f64::from(s.support_tickets))
        .sum();
    let seats: f64 = group.iter().map(|(a, _)| f64::from(a.fields.seats)).sum();
    share(tickets, seats)
}

#[cfg(test)]
mod tests;
