//! The program data looked up by account once, and each metric computed from it.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::sessions::trend_quarters;
use super::{
    ADOPTION_TREND_SNAPSHOTS, AccountCoverage, AccountFigures, AdoptionEvidence, Comparison,
    Delivery, Group, ProgramData, QuarterDelivery, Renewal, Span, count, is_t3_account, share,
    valid_on,
};
use crate::domain::certification::{Certification, CertificationId};
use crate::domain::sync::Quarter;
use crate::domain::{Account, AccountId, AccountSnapshot, TrainerId};

/// The data looked up by account, built once per computation.
pub(super) struct Index<'a> {
    data: &'a ProgramData,
    /// The certifications of each account's trainers.
    certifications: HashMap<AccountId, Vec<&'a Certification>>,
    /// Each account's snapshots, oldest first.
    snapshots: HashMap<AccountId, Vec<&'a AccountSnapshot>>,
    /// Certifications another one renews.
    renewed: HashSet<CertificationId>,
}

impl<'a> Index<'a> {
    pub(super) fn new(data: &'a ProgramData) -> Self {
        let mut certifications: HashMap<AccountId, Vec<&Certification>> = HashMap::new();
        for certification in &data.certifications {
            if let Some(account) = data.trainers.get(&certification.trainer_id) {
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
    pub(super) fn delivery(&self, accounts: &HashSet<AccountId>, span: Span) -> Delivery {
        let sessions = self.data.sessions.held(accounts, span);
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
            sessions: u32::try_from(sessions).unwrap_or(u32::MAX),
            certified_trainers: count(trainers.len()),
            rate: share(sessions as f64, trainer_quarters),
        }
    }

    /// Delivery in each of the last [`super::TREND_QUARTERS`] quarters, oldest first.
    pub(super) fn delivery_by_quarter(
        &self,
        accounts: &HashSet<AccountId>,
        today: NaiveDate,
    ) -> Vec<QuarterDelivery> {
        let mut quarters: Vec<QuarterDelivery> = trend_quarters(today)
            .into_iter()
            .map(|span| QuarterDelivery {
                quarter: Quarter::of(span.from),
                delivery: self.delivery(accounts, span),
            })
            .collect();
        quarters.reverse();
        quarters
    }

    pub(super) fn coverage_by_account(
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
    pub(super) fn comparisons(&self, span: Span) -> [Comparison; 3] {
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

    pub(super) fn account_figures(&self, id: AccountId, span: Span) -> Option<AccountFigures> {
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
    pub(super) fn adoption_trend(
        &self,
        account: AccountId,
        to: NaiveDate,
    ) -> Option<AdoptionEvidence> {
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
    pub(super) fn renewal(
        &self,
        accounts: &HashSet<AccountId>,
        span: Span,
        today: NaiveDate,
    ) -> Renewal {
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
