//! How many sessions each account held, counted over the few spans of days the metrics read on
//! a given today rather than kept one by one: a portfolio logs sessions by the million, while
//! the metrics only ever ask how many some accounts held between two days.
//!
//! Every span the metrics read (each period's, and each quarter of the delivery trend) is cut
//! into pieces where another one starts or ends, so each is a run of whole pieces and its count
//! a sum of theirs. The store counts the pieces; nothing here reads the database.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::{Period, Span, TREND_QUARTERS};
use crate::domain::AccountId;
use crate::domain::program::TrainingSession;

/// Sessions per account in each piece of the spans the metrics read on one today.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionCounts {
    /// Consecutive, oldest first; empty for no data at all, which counts nothing anywhere.
    pieces: Vec<Span>,
    /// Each account's sessions in each piece, in the pieces' order; accounts without a
    /// session in any piece are left out.
    by_account: HashMap<AccountId, Vec<u32>>,
}

impl SessionCounts {
    /// Nothing counted yet in the pieces of `today`'s spans: see [`SessionCounts::pieces`].
    pub fn empty(today: NaiveDate) -> Self {
        Self {
            pieces: pieces_of(&spans_read(today)),
            by_account: HashMap::new(),
        }
    }

    /// Counts `sessions` one by one: for data held in memory, such as a test's.
    pub fn tally<'a>(
        today: NaiveDate,
        sessions: impl IntoIterator<Item = &'a TrainingSession>,
    ) -> Self {
        let mut counts = Self::empty(today);
        for session in sessions {
            let after = counts
                .pieces
                .partition_point(|piece| piece.from <= session.held_on);
            let Some(index) = after.checked_sub(1) else {
                continue;
            };
            if counts.pieces[index].contains(session.held_on) {
                counts.add(session.account, index, 1);
            }
        }
        counts
    }

    /// The spans of days the sessions must be counted over, oldest first: they meet end to end
    /// and begin with the oldest day any metric reads, ending on today.
    pub fn pieces(&self) -> &[Span] {
        &self.pieces
    }

    /// Adds `sessions` held by `account` in the piece at `index`; an index past the pieces is
    /// a caller's slip and counts nowhere.
    pub fn add(&mut self, account: AccountId, index: usize, sessions: u32) {
        if index >= self.pieces.len() {
            return;
        }
        let pieces = self.pieces.len();
        let counts = self
            .by_account
            .entry(account)
            .or_insert_with(|| vec![0; pieces]);
        counts[index] = counts[index].saturating_add(sessions);
    }

    /// Every session counted, whichever piece and account.
    pub fn total(&self) -> u64 {
        self.by_account
            .values()
            .flatten()
            .map(|&sessions| u64::from(sessions))
            .sum()
    }

    /// Sessions `accounts` held in `span`, one of the spans the metrics read on the today these
    /// counts are for: any other span counts only the pieces it covers whole.
    pub(super) fn held(&self, accounts: &HashSet<AccountId>, span: Span) -> u64 {
        let first = self.pieces.partition_point(|piece| piece.from < span.from);
        let last = self.pieces.partition_point(|piece| piece.to <= span.to);
        debug_assert!(
            self.pieces.is_empty()
                || (self.pieces.get(first).map(|piece| piece.from) == Some(span.from)
                    && last
                        .checked_sub(1)
                        .and_then(|index| self.pieces.get(index))
                        .map(|piece| piece.to)
                        == Some(span.to)),
            "{span:?} is not made of whole pieces of {:?}",
            self.pieces
        );
        if first >= last {
            return 0;
        }
        accounts
            .iter()
            .filter_map(|account| self.by_account.get(account))
            .flat_map(|counts| &counts[first..last])
            .map(|&sessions| u64::from(sessions))
            .sum()
    }
}

/// The quarters of the delivery trend on `today`, newest first: today's runs to today.
pub(super) fn trend_quarters(today: NaiveDate) -> Vec<Span> {
    let mut quarters = Vec::with_capacity(TREND_QUARTERS);
    let mut span = Span {
        to: today,
        ..Span::quarter_of(today)
    };
    for _ in 0..TREND_QUARTERS {
        quarters.push(span);
        let Some(before) = span.from.pred_opt() else {
            break;
        };
        span = Span::quarter_of(before);
    }
    quarters
}

/// Every span the metrics count sessions over on `today`, whatever the period and scope.
fn spans_read(today: NaiveDate) -> Vec<Span> {
    let mut spans: Vec<Span> = Period::ALL
        .iter()
        .map(|period| period.span(today))
        .collect();
    spans.extend(trend_quarters(today));
    spans
}

/// Cuts `spans` where any of them starts or ends, so each is a run of whole pieces.
fn pieces_of(spans: &[Span]) -> Vec<Span> {
    let Some(end) = spans.iter().map(|span| span.to).max() else {
        return Vec::new();
    };
    let mut starts: BTreeSet<NaiveDate> = spans.iter().map(|span| span.from).collect();
    starts.extend(spans.iter().filter_map(|span| span.to.succ_opt()));
    let starts: Vec<NaiveDate> = starts.into_iter().filter(|day| *day <= end).collect();
    starts
        .iter()
        .enumerate()
        .map(|(index, &from)| Span {
            from,
            to: starts
                .get(index + 1)
                .and_then(NaiveDate::pred_opt)
                .unwrap_or(end),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TrainerId;

    const ACME: AccountId = AccountId(1);
    const BIRCH: AccountId = AccountId(2);

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn span(from: &str, to: &str) -> Span {
        Span {
            from: day(from),
            to: day(to),
        }
    }

    fn session(account: AccountId, held_on: &str) -> TrainingSession {
        TrainingSession {
            trainer: TrainerId(10),
            account,
            held_on: day(held_on),
            topic: "Reporting basics".to_string(),
            attendees: 12,
            duration_minutes: 60,
        }
    }

    fn both() -> HashSet<AccountId> {
        HashSet::from([ACME, BIRCH])
    }

    #[test]
    fn the_pieces_meet_end_to_end_from_the_oldest_trend_quarter_to_today() {
        let pieces = SessionCounts::empty(day("2026-06-15")).pieces().to_vec();
        assert_eq!(
            pieces,
            [
                span("2024-07-01", "2024-09-30"),
                span("2024-10-01", "2024-12-31"),
                span("2025-01-01", "2025-03-31"),
                span("2025-04-01", "2025-06-15"),
                // The twelve months start here, within a quarter.
                span("2025-06-16", "2025-06-30"),
                span("2025-07-01", "2025-09-30"),
                span("2025-10-01", "2025-12-31"),
                span("2026-01-01", "2026-03-31"),
                span("2026-04-01", "2026-06-15"),
            ]
        );
    }

    #[test]
    fn every_span_read_is_made_of_whole_pieces() {
        for today in [
            "2026-06-15",
            "2026-12-03",
            "2027-01-01",
            "2026-03-31",
            "2028-02-29",
            "2029-02-28",
        ] {
            let today = day(today);
            let pieces = SessionCounts::empty(today).pieces().to_vec();
            for wanted in spans_read(today) {
                let starts = pieces.iter().any(|piece| piece.from == wanted.from);
                let ends = pieces.iter().any(|piece| piece.to == wanted.to);
                assert!(starts && ends, "{today}: {wanted:?} in {pieces:?}");
            }
            for pair in pieces.windows(2) {
                assert_eq!(pair[0].to.succ_opt(), Some(pair[1].from), "{today}");
            }
        }
    }

    #[test]
    fn a_session_on_a_spans_first_or_last_day_is_in_it() {
        let today = day("2026-06-15");
        let sessions = [
            session(ACME, "2025-06-16"),
            session(ACME, "2026-06-15"),
            session(BIRCH, "2025-06-15"),
            session(BIRCH, "2026-06-16"),
        ];
        let counts = SessionCounts::tally(today, &sessions);
        let year = Period::Last12Months.span(today);
        assert_eq!(counts.held(&both(), year), 2);
        assert_eq!(counts.held(&HashSet::from([BIRCH]), year), 0);
        assert_eq!(
            counts.total(),
            3,
            "the day after today is in no span; the day before the year is in the trend"
        );
    }

    #[test]
    fn a_quarter_boundary_splits_sessions_between_quarters() {
        let today = day("2026-06-15");
        let sessions = [
            session(ACME, "2026-03-31"),
            session(ACME, "2026-04-01"),
            session(ACME, "2026-04-01"),
        ];
        let counts = SessionCounts::tally(today, &sessions);
        let acme = HashSet::from([ACME]);
        assert_eq!(counts.held(&acme, Period::LastQuarter.span(today)), 1);
        assert_eq!(counts.held(&acme, Period::ThisQuarter.span(today)), 2);
        assert_eq!(counts.held(&acme, Period::Last12Months.span(today)), 3);
    }

    #[test]
    fn only_the_accounts_asked_for_are_counted() {
        // An archived account's sessions are counted like any other; leaving them out is the
        // caller's choice of accounts.
        let today = day("2026-06-15");
        let sessions = [
            session(ACME, "2026-05-01"),
            session(BIRCH, "2026-05-02"),
            session(BIRCH, "2024-08-01"),
        ];
        let counts = SessionCounts::tally(today, &sessions);
        let quarter = Period::ThisQuarter.span(today);
        assert_eq!(counts.held(&HashSet::from([ACME]), quarter), 1);
        assert_eq!(counts.held(&both(), quarter), 2);
        assert_eq!(counts.held(&HashSet::new(), quarter), 0);
        let oldest = trend_quarters(today)[TREND_QUARTERS - 1];
        assert_eq!(oldest, span("2024-07-01", "2024-09-30"));
        assert_eq!(counts.held(&both(), oldest), 1);
    }

    #[test]
    fn sessions_before_the_oldest_trend_quarter_are_not_kept() {
        let today = day("2026-06-15");
        let counts = SessionCounts::tally(today, &[session(ACME, "2024-06-30")]);
        assert_eq!(counts, SessionCounts::empty(today));
    }

    #[test]
    fn counts_added_piece_by_piece_equal_the_tally() {
        let today = day("2026-06-15");
        let sessions = [
            session(ACME, "2026-05-01"),
            session(ACME, "2026-05-03"),
            session(BIRCH, "2025-06-20"),
        ];
        let mut added = SessionCounts::empty(today);
        added.add(ACME, 8, 2);
        added.add(BIRCH, 4, 1);
        added.add(BIRCH, 99, 5);
        assert_eq!(added, SessionCounts::tally(today, &sessions));
    }

    #[test]
    fn no_data_counts_nothing_on_any_day() {
        let none = SessionCounts::default();
        assert!(none.pieces().is_empty());
        assert_eq!(
            none.held(&both(), Period::Last12Months.span(day("2026-06-15"))),
            0
        );
        assert_eq!(none.total(), 0);
    }
}
