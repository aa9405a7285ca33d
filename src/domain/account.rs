//! Accounts: the customer organisations a T3 program runs at.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// Row id of an account in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub i64);

/// Where an account stands with its train-the-trainer program.
///
/// Only `Active` accounts are evaluated by the risk rules: `Planned` and `Paused` programs have
/// no trainers expected to be teaching yet (or any more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T3Status {
    None,
    Planned,
    Active,
    Paused,
}

impl T3Status {
    pub const ALL: [T3Status; 4] = [Self::None, Self::Planned, Self::Active, Self::Paused];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Planned => "planned",
            Self::Active => "active",
            Self::Paused => "paused",
        }
    }
}

impl fmt::Display for T3Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for T3Status {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| format!("'{text}' is not a T3 status (none, planned, active, paused)"))
    }
}

/// The fields a user edits on an account; the id and archived flag are managed separately.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountFields {
    pub name: String,
    pub segment: String,
    pub seats: u32,
    pub csm_owner: String,
    pub rollout_start: Option<NaiveDate>,
    pub renewal_date: Option<NaiveDate>,
    /// Annual contract value in whole units of the vendor's currency.
    pub annual_value: u64,
    pub t3_status: T3Status,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: AccountId,
    pub fields: AccountFields,
    pub archived: bool,
}

/// One line of the Accounts table: the account plus the figures derived for it.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub account: Account,
    /// Trainers holding a certification that is valid on the day the row was read for.
    pub certified_trainers: u32,
    /// Users trained in the latest snapshot, if the account has one.
    pub users_trained: Option<u32>,
    /// Adoption depth (0–100) in the latest snapshot.
    pub adoption_depth: Option<u8>,
}

impl AccountRow {
    /// Users trained as a share of seats, 0.0–1.0 (it can pass 1.0 when seats were cut).
    pub fn coverage(&self) -> Option<f64> {
        let seats = self.account.fields.seats;
        self.users_trained
            .filter(|_| seats > 0)
            .map(|trained| f64::from(trained) / f64::from(seats))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t3_status_round_trips_through_text() {
        for status in T3Status::ALL {
            assert_eq!(status.as_str().parse::<T3Status>(), Ok(status));
        }
        assert_eq!(" Active ".parse::<T3Status>(), Ok(T3Status::Active));
        assert!("live".parse::<T3Status>().is_err());
    }

    #[test]
    fn coverage_is_trained_over_seats() {
        let row = AccountRow {
            account: Account {
                id: AccountId(1),
                fields: AccountFields {
                    name: "Acme".into(),
                    segment: "Enterprise".into(),
                    seats: 400,
                    csm_owner: "Dana".into(),
                    rollout_start: None,
                    renewal_date: None,
                    annual_value: 0,
                    t3_status: T3Status::Active,
                },
                archived: false,
            },
            certified_trainers: 0,
            users_trained: Some(100),
            adoption_depth: None,
        };
        assert_eq!(row.coverage(), Some(0.25));
        let without_snapshot = AccountRow {
            users_trained: None,
            ..row
        };
        assert_eq!(without_snapshot.coverage(), None);
    }
}
