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

/// Why a name typed on the command line matches no single account.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountMatchError {
    #[error("no account is named '{0}' or has a name starting with it")]
    NoMatch(String),
    #[error("'{query}' could be any of: {}; type more of the name", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

/// The account a user means by `query`: the one whose name it is (ignoring case and the spaces
/// around it), else the only one whose name starts with it. Archived accounts are found too:
/// their history is still asked for.
pub fn find_by_name<'a>(
    accounts: &'a [Account],
    query: &str,
) -> Result<&'a Account, AccountMatchError> {
    let wanted = query.trim().to_lowercase();
    let lowered = |account: &Account| account.fields.name.to_lowercase();
    if let Some(exact) = accounts.iter().find(|account| lowered(account) == wanted) {
        return Ok(exact);
    }
    let starting: Vec<&Account> = accounts
        .iter()
        .filter(|account| !wanted.is_empty() && lowered(account).starts_with(&wanted))
        .collect();
    match starting.as_slice() {
        [only] => Ok(only),
        [] => Err(AccountMatchError::NoMatch(query.trim().to_string())),
        many => Err(AccountMatchError::Ambiguous {
            query: query.trim().to_string(),
            candidates: many
                .iter()
                .map(|account| account.fields.name.clone())
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(id: i64, name: &str) -> Account {
        Account {
            id: AccountId(id),
            fields: AccountFields {
                name: name.into(),
                segment: "Enterprise".into(),
                seats: 100,
                csm_owner: "Dana".into(),
                rollout_start: None,
                renewal_date: None,
                annual_value: 0,
                t3_status: T3Status::Active,
            },
            archived: false,
        }
    }

    #[test]
    fn an_account_is_found_by_its_name_or_an_unambiguous_prefix() {
        let accounts = [
            named(1, "Northwind Freight"),
            named(2, "Northwind"),
            named(3, "Kestrel Insurance Group"),
            named(4, "Müller & Söhne"),
        ];
        let id = |query| find_by_name(&accounts, query).map(|account| account.id.0);
        assert_eq!(id("kestrel"), Ok(3));
        assert_eq!(id("  KESTREL insurance group "), Ok(3));
        assert_eq!(
            id("northwind"),
            Ok(2),
            "an exact name wins over longer ones"
        );
        assert_eq!(id("MÜLLER"), Ok(4));
        assert_eq!(
            id("North"),
            Err(AccountMatchError::Ambiguous {
                query: "North".into(),
                candidates: vec!["Northwind Freight".into(), "Northwind".into()],
            })
        );
        assert_eq!(id("Acme"), Err(AccountMatchError::NoMatch("Acme".into())));
        assert!(matches!(id(""), Err(AccountMatchError::NoMatch(_))));
    }

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
