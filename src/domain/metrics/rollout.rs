//! The rollout arithmetic that motivates the program: what training an account's seats would
//! cost if the vendor delivered it, against the vendor hours spent certifying the account's own
//! trainers instead.

use serde::Deserialize;

/// Vendor-delivered training needs roughly this many hours per 100 seats, low and high: a
/// 500-seat account takes 30 to 50 hours.
pub const DIRECT_HOURS_PER_HUNDRED_SEATS: (f64, f64) = (6.0, 10.0);

/// What the vendor's time costs; the config file's `[program]` section may change either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RolloutRates {
    /// What an hour of a vendor trainer or consultant costs, in whole units of the vendor's
    /// currency (the unit of an account's annual value).
    pub hourly_rate: u32,
    /// Vendor hours spent taking one trainer through the certification pathway: assessments,
    /// the practicum and its feedback.
    pub certification_hours_per_trainer: u32,
}

impl Default for RolloutRates {
    fn default() -> Self {
        Self {
            hourly_rate: 150,
            certification_hours_per_trainer: 24,
        }
    }
}

/// An account's rollout costed both ways. Costs are in the currency of
/// [`RolloutRates::hourly_rate`]; ranges are (low, high).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rollout {
    pub seats: u32,
    /// Vendor hours to train every seat directly.
    pub direct_hours: (f64, f64),
    pub direct_cost: (f64, f64),
    /// `None` for an account of no seats: there is nothing to share the cost over.
    pub direct_per_seat: Option<(f64, f64)>,
    pub certified_trainers: u32,
    /// Vendor hours spent certifying the trainers, who then train the seats themselves.
    pub through_trainers_hours: f64,
    pub through_trainers_cost: f64,
    pub through_trainers_per_seat: Option<f64>,
}

/// Costs training `seats` delivered by the vendor against certifying `certified_trainers`.
///
/// The second figure leaves out the trainers' own time: it is the customer's, and the point of
/// the comparison is what the vendor spends.
pub fn rollout(seats: u32, certified_trainers: u32, rates: RolloutRates) -> Rollout {
    let (low, high) = DIRECT_HOURS_PER_HUNDRED_SEATS;
    let hundreds = f64::from(seats) / 100.0;
    let direct_hours = (hundreds * low, hundreds * high);
    let hourly = f64::from(rates.hourly_rate);
    let direct_cost = (direct_hours.0 * hourly, direct_hours.1 * hourly);
    let through_trainers_hours =
        f64::from(certified_trainers) * f64::from(rates.certification_hours_per_trainer);
    let through_trainers_cost = through_trainers_hours * hourly;
    let per_seat = |cost: f64| (seats > 0).then(|| cost / f64::from(seats));
    Rollout {
        seats,
        direct_hours,
        direct_cost,
        direct_per_seat: per_seat(direct_cost.0).zip(per_seat(direct_cost.1)),
        certified_trainers,
        through_trainers_hours,
        through_trainers_cost,
        through_trainers_per_seat: per_seat(through_trainers_cost),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(found: f64, expected: f64) -> bool {
        (found - expected).abs() < 1e-9
    }

    #[test]
    fn five_hundred_seats_take_thirty_to_fifty_hours() {
        let found = rollout(500, 3, RolloutRates::default());
        assert!(close(found.direct_hours.0, 30.0) && close(found.direct_hours.1, 50.0));
        assert!(close(found.direct_cost.0, 4_500.0) && close(found.direct_cost.1, 7_500.0));
        let (low, high) = found.direct_per_seat.unwrap();
        assert!(close(low, 9.0) && close(high, 15.0));
        assert!(close(found.through_trainers_hours, 72.0));
        assert!(close(found.through_trainers_cost, 10_800.0));
        assert!(close(found.through_trainers_per_seat.unwrap(), 21.6));
    }

    #[test]
    fn rates_change_the_costs_not_the_hours() {
        let rates = RolloutRates {
            hourly_rate: 200,
            certification_hours_per_trainer: 16,
        };
        let found = rollout(1_250, 2, rates);
        assert!(close(found.direct_hours.0, 75.0) && close(found.direct_hours.1, 125.0));
        assert!(close(found.direct_cost.1, 25_000.0));
        assert!(close(found.through_trainers_hours, 32.0));
        assert!(close(found.through_trainers_cost, 6_400.0));
    }

    #[test]
    fn no_seats_or_no_trainers_divide_by_nothing() {
        let empty = rollout(0, 2, RolloutRates::default());
        assert_eq!(empty.direct_hours, (0.0, 0.0));
        assert_eq!(empty.direct_per_seat, None);
        assert_eq!(empty.through_trainers_per_seat, None);
        assert!(close(empty.through_trainers_cost, 7_200.0));
        let untrained = rollout(300, 0, RolloutRates::default());
        assert!(close(untrained.through_trainers_hours, 0.0));
        assert_eq!(untrained.through_trainers_per_seat, Some(0.0));
    }
}
