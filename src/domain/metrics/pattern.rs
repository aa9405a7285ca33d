//! Named patterns in the metrics that point at a cause worth looking for, each told as one
//! plain sentence with the figures behind it.

use chrono::NaiveDate;

/// Sessions a quarter per certified trainer from which delivery counts as high.
pub const HIGH_DELIVERY_RATE: f64 = 3.0;

/// Coverage (users trained as a share of seats) below which it counts as low.
pub const LOW_COVERAGE: f64 = 0.5;

/// Coverage from which it counts as high.
pub const HIGH_COVERAGE: f64 = 0.7;

/// How many of an account's latest snapshots its adoption trend is read over: a year of
/// quarterly snapshots.
pub const ADOPTION_TREND_SNAPSHOTS: usize = 4;

/// What says whether adoption depth rose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AdoptionEvidence {
    /// One account: adoption depth in the first and last of its latest snapshots.
    Trend {
        first_on: NaiveDate,
        first: u8,
        last_on: NaiveDate,
        last: u8,
    },
    /// The portfolio: the mean adoption depth of T3 accounts against the other accounts'.
    /// Without a before and after for a whole portfolio, T3 accounts doing no better than the
    /// rest is the sign that training has not turned into use.
    Groups { t3: f64, non_t3: f64 },
}

impl AdoptionEvidence {
    pub fn rose(self) -> bool {
        match self {
            Self::Trend { first, last, .. } => last > first,
            Self::Groups { t3, non_t3 } => t3 > non_t3,
        }
    }
}

/// A pattern that fired, with its evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pattern {
    /// Trainers deliver plenty of sessions, yet few seats have been trained: the sessions
    /// reach the same people, or people cannot get to them.
    HighDeliveryLowCoverage { delivery_rate: f64, coverage: f64 },
    /// Most seats have been trained, yet adoption depth did not rise: the sessions do not
    /// change how people work.
    HighCoverageNoAdoptionGain {
        coverage: f64,
        adoption: AdoptionEvidence,
    },
}

impl Pattern {
    /// One line for a person: what the figures show and where to look.
    pub fn sentence(&self) -> String {
        match *self {
            Self::HighDeliveryLowCoverage {
                delivery_rate,
                coverage,
            } => format!(
                "High delivery ({delivery_rate:.1} sessions a quarter per trainer) but low \
                 coverage ({:.0}%): look for a scheduling or priority barrier",
                coverage * 100.0
            ),
            Self::HighCoverageNoAdoptionGain {
                coverage,
                adoption:
                    AdoptionEvidence::Trend {
                        first_on,
                        first,
                        last_on,
                        last,
                    },
            } => format!(
                "High coverage ({:.0}%) but adoption depth did not rise ({first} on {first_on}, \
                 {last} on {last_on}): review what the sessions teach, not how many there are",
                coverage * 100.0
            ),
            Self::HighCoverageNoAdoptionGain {
                coverage,
                adoption: AdoptionEvidence::Groups { t3, non_t3 },
            } => format!(
                "High coverage ({:.0}%) but T3 accounts' adoption depth ({t3:.1}) is no higher \
                 than other accounts' ({non_t3:.1}): check that sessions teach the key workflows",
                coverage * 100.0
            ),
        }
    }
}

/// The patterns the figures show; an undefined figure fires nothing.
pub(super) fn detect(
    delivery_rate: Option<f64>,
    coverage: Option<f64>,
    adoption: Option<AdoptionEvidence>,
) -> Vec<Pattern> {
    let mut found = Vec::new();
    let Some(coverage) = coverage else {
        return found;
    };
    if let Some(delivery_rate) = delivery_rate
        && delivery_rate >= HIGH_DELIVERY_RATE
        && coverage < LOW_COVERAGE
    {
        found.push(Pattern::HighDeliveryLowCoverage {
            delivery_rate,
            coverage,
        });
    }
    if let Some(adoption) = adoption
        && coverage >= HIGH_COVERAGE
        && !adoption.rose()
    {
        found.push(Pattern::HighCoverageNoAdoptionGain { coverage, adoption });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn trend(first: u8, last: u8) -> AdoptionEvidence {
        AdoptionEvidence::Trend {
            first_on: day(2026, 3, 1),
            first,
            last_on: day(2026, 11, 28),
            last,
        }
    }

    #[test]
    fn high_delivery_with_low_coverage_fires_at_its_thresholds() {
        let cases = [
            (Some(4.2), Some(0.31), true),
            (Some(3.0), Some(0.499), true),
            (Some(2.99), Some(0.31), false),
            (Some(4.2), Some(0.5), false),
            (None, Some(0.31), false),
            (Some(4.2), None, false),
        ];
        for (rate, coverage, fires) in cases {
            let found = detect(rate, coverage, None);
            assert_eq!(found.len(), usize::from(fires), "{rate:?} {coverage:?}");
        }
        let sentence = detect(Some(4.2), Some(0.31), None)[0].sentence();
        assert_eq!(
            sentence,
            "High delivery (4.2 sessions a quarter per trainer) but low coverage (31%): look for \
             a scheduling or priority barrier"
        );
    }

    #[test]
    fn high_coverage_without_an_adoption_gain_fires_for_a_flat_or_falling_trend() {
        let cases = [
            (0.78, trend(54, 52), true),
            (0.70, trend(54, 54), true),
            (0.78, trend(54, 55), false),
            (0.69, trend(54, 52), false),
        ];
        for (coverage, adoption, fires) in cases {
            let found = detect(None, Some(coverage), Some(adoption));
            assert_eq!(found.len(), usize::from(fires), "{coverage} {adoption:?}");
        }
        assert!(detect(Some(1.0), Some(0.9), None).is_empty(), "no trend");
        let sentence = detect(None, Some(0.78), Some(trend(54, 52)))[0].sentence();
        assert!(
            sentence.starts_with(
                "High coverage (78%) but adoption depth did not rise (54 on 2026-03-01, 52 on \
                 2026-11-28)"
            ),
            "{sentence}"
        );
    }

    #[test]
    fn for_the_portfolio_t3_accounts_must_adopt_more_deeply_than_the_rest() {
        let groups = |t3, non_t3| AdoptionEvidence::Groups { t3, non_t3 };
        assert_eq!(detect(None, Some(0.8), Some(groups(48.0, 51.0))).len(), 1);
        assert_eq!(detect(None, Some(0.8), Some(groups(51.0, 51.0))).len(), 1);
        assert!(detect(None, Some(0.8), Some(groups(52.0, 51.0))).is_empty());
        let sentence = detect(None, Some(0.8), Some(groups(48.0, 51.25)))[0].sentence();
        assert!(
            sentence.contains(
                "T3 accounts' adoption depth (48.0) is no higher than other \
                               accounts' (51.2)"
            ),
            "{sentence}"
        );
    }

    #[test]
    fn both_patterns_cannot_fire_together() {
        // Low coverage and high coverage exclude each other, so a reader never gets two
        // contradicting sentences.
        for coverage in [0.0, 0.3, 0.5, 0.69, 0.7, 1.0] {
            let found = detect(Some(10.0), Some(coverage), Some(trend(60, 50)));
            assert!(found.len() <= 1, "{coverage}: {found:?}");
        }
    }
}
