//! The periods the program metrics are computed over, and the inclusive span of days each
//! covers on a given today.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};

/// Days in an average quarter: how a span of days is turned into quarters for the delivery
/// rate, so that a leap year does not count as more than four quarters' worth of days.
pub const DAYS_PER_QUARTER: f64 = 365.25 / 4.0;

/// A period the metrics look back over, always ending today or at the end of last quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Period {
    /// From the first day of the current calendar quarter to today.
    ThisQuarter,
    /// The whole previous calendar quarter.
    LastQuarter,
    /// The twelve months up to and including today; the default, as it smooths out the
    /// quarter-to-quarter swings of a program that delivers in bursts.
    #[default]
    Last12Months,
}

impl Period {
    pub const ALL: [Period; 3] = [Self::ThisQuarter, Self::LastQuarter, Self::Last12Months];

    /// The name on the command line and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Self::ThisQuarter => "this-quarter",
            Self::LastQuarter => "last-quarter",
            Self::Last12Months => "last-12-months",
        }
    }

    /// The name in a sentence: "over the last 12 months".
    pub fn label(self) -> &'static str {
        match self {
            Self::ThisQuarter => "this quarter",
            Self::LastQuarter => "last quarter",
            Self::Last12Months => "last 12 months",
        }
    }

    /// The period after this one, back to the first after the last: for a key that cycles.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::ThisQuarter => Self::LastQuarter,
            Self::LastQuarter => Self::Last12Months,
            Self::Last12Months => Self::ThisQuarter,
        }
    }

    /// The days this period covers on `today`.
    pub fn span(self, today: NaiveDate) -> Span {
        let quarter = Span::quarter_of(today);
        match self {
            Self::ThisQuarter => Span {
                from: quarter.from,
                to: today,
            },
            Self::LastQuarter => Span::quarter_of(quarter.from.pred_opt().unwrap_or(quarter.from)),
            Self::Last12Months => Span {
                // The day after the same date a year back, so that date is not counted twice; a
                // year back from 29 February lands on 28 February, so that span starts on 1 March.
                from: today
                    .checked_sub_months(Months::new(12))
                    .and_then(|day| day.succ_opt())
                    .unwrap_or(NaiveDate::MIN),
                to: today,
            },
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|period| period.id() == text.trim())
            .ok_or_else(|| {
                let ids: Vec<&str> = Self::ALL.iter().map(|period| period.id()).collect();
                format!("'{text}' is not a period ({})", ids.join(", "))
            })
    }
}

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    /// The whole calendar quarter `day` falls in.
    pub fn quarter_of(day: NaiveDate) -> Self {
        let first_month = day.month0() / 3 * 3 + 1;
        // The first of a month of a year that `day` already lies in always exists.
        let from = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
        let to = from
            .checked_add_months(Months::new(3))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        Self { from, to }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Whether the days `from ..= to` share at least one day with the span.
    pub fn overlaps(self, from: NaiveDate, to: NaiveDate) -> bool {
        from <= self.to && to >= self.from
    }

    /// How many days the span covers, both ends included: never below one for a span whose
    /// `from` is not after its `to`.
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// How many quarters' worth of days the span covers: 1.0 for an average quarter.
    pub fn quarters(self) -> f64 {
        self.days() as f64 / DAYS_PER_QUARTER
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn span(from: NaiveDate, to: NaiveDate) -> Span {
        Span { from, to }
    }

    #[test]
    fn periods_round_trip_through_their_ids_and_cycle() {
        for period in Period::ALL {
            assert_eq!(period.id().parse::<Period>(), Ok(period));
            assert_eq!(period.to_string(), period.id());
        }
        let error = "last-year".parse::<Period>().unwrap_err();
        assert_eq!(
            error,
            "'last-year' is not a period (this-quarter, last-quarter, last-12-months)"
        );
        assert_eq!(Period::default(), Period::Last12Months);
        let mut period = Period::ThisQuarter;
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.push(period);
            period = period.next();
        }
        assert_eq!(seen, Period::ALL);
        assert_eq!(period, Period::ThisQuarter, "back to the first");
        assert_eq!(Period::Last12Months.label(), "last 12 months");
    }

    #[test]
    fn this_quarter_runs_from_its_first_day_to_today() {
        let cases = [
            (day(2027, 1, 1), span(day(2027, 1, 1), day(2027, 1, 1))),
            (day(2026, 12, 3), span(day(2026, 10, 1), day(2026, 12, 3))),
            (day(2026, 6, 30), span(day(2026, 4, 1), day(2026, 6, 30))),
            (day(2026, 7, 1), span(day(2026, 7, 1), day(2026, 7, 1))),
        ];
        for (today, expected) in cases {
            assert_eq!(Period::ThisQuarter.span(today), expected, "{today}");
        }
        assert_eq!(Period::ThisQuarter.span(day(2027, 1, 1)).days(), 1);
    }

    #[test]
    fn last_quarter_is_the_whole_previous_quarter_across_year_ends() {
        let cases = [
            (day(2027, 1, 1), span(day(2026, 10, 1), day(2026, 12, 31))),
            (day(2027, 3, 31), span(day(2026, 10, 1), day(2026, 12, 31))),
            (day(2026, 12, 3), span(day(2026, 7, 1), day(2026, 9, 30))),
            (day(2028, 4, 15), span(day(2028, 1, 1), day(2028, 3, 31))),
        ];
        for (today, expected) in cases {
            assert_eq!(Period::LastQuarter.span(today), expected, "{today}");
        }
        assert_eq!(
            Period::LastQuarter.span(day(2028, 4, 15)).days(),
            91,
            "Q1 of a leap year"
        );
    }

    #[test]
    fn the_last_twelve_months_end_today_and_cross_a_leap_day() {
        let cases = [
            (
                day(2026, 12, 3),
                span(day(2025, 12, 4), day(2026, 12, 3)),
                365,
            ),
            (day(2028, 3, 1), span(day(2027, 3, 2), day(2028, 3, 1)), 366),
            (
                day(2028, 2, 29),
                span(day(2027, 3, 1), day(2028, 2, 29)),
                366,
            ),
            // The day after a year back: 28 February 2028, so the leap day is in.
            (
                day(2029, 2, 28),
                span(day(2028, 2, 29), day(2029, 2, 28)),
                366,
            ),
            (day(2027, 1, 1), span(day(2026, 1, 2), day(2027, 1, 1)), 365),
        ];
        for (today, expected, days) in cases {
            let found = Period::Last12Months.span(today);
            assert_eq!(found, expected, "{today}");
            assert_eq!(found.days(), days, "{today}");
        }
    }

    #[test]
    fn spans_count_their_days_and_quarters() {
        let year = span(day(2025, 12, 4), day(2026, 12, 3));
        assert!(year.contains(day(2025, 12, 4)) && year.contains(day(2026, 12, 3)));
        assert!(!year.contains(day(2025, 12, 3)) && !year.contains(day(2026, 12, 4)));
        assert!((year.quarters() - 365.0 / 91.3125).abs() < 1e-12);
        assert!(
            year.overlaps(day(2025, 1, 1), day(2025, 12, 4)),
            "one day shared"
        );
        assert!(!year.overlaps(day(2025, 1, 1), day(2025, 12, 3)));
        assert!(year.overlaps(day(2026, 12, 3), day(2027, 12, 3)));
        assert!(!year.overlaps(day(2026, 12, 4), day(2027, 12, 3)));
    }
}
