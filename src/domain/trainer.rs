//! Trainers: employees of an account who are, or may become, certified internal trainers.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::{AccountId, T3Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TrainerId(pub i64);

/// A trainer's place on the road to certification.
///
/// The main road is `candidate → proposed → selected → certifying → certified`; `declined`,
/// `lapsed` and `inactive` are the side exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TrainerStatus {
    Candidate,
    Proposed,
    Selected,
    Certifying,
    Certified,
    Declined,
    Lapsed,
    Inactive,
}

impl TrainerStatus {
    pub const ALL: [TrainerStatus; 8] = [
        Self::Candidate,
        Self::Proposed,
        Self::Selected,
        Self::Certifying,
        Self::Certified,
        Self::Declined,
        Self::Lapsed,
        Self::Inactive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Candidate => "candidate",
            Self::Proposed => "proposed",
            Self::Selected => "selected",
            Self::Certifying => "certifying",
            Self::Certified => "certified",
            Self::Declined => "declined",
            Self::Lapsed => "lapsed",
            Self::Inactive => "inactive",
        }
    }

    /// Whether a trainer in this status has sessions to log: certified trainers deliver them,
    /// and lapsed ones may have delivered some while they were certified.
    pub fn delivers_sessions(self) -> bool {
        matches!(self, Self::Certified | Self::Lapsed)
    }

    /// The statuses a trainer may be moved to by hand from this one.
    ///
    /// Each step of the main road can be taken forward, or back one step when a pick is
    /// reconsidered; anyone can leave the role (`inactive`), and a declined or inactive person
    /// can be reconsidered as a candidate. A lapsed trainer returns through re-certification.
    pub fn allowed_moves(self) -> &'static [TrainerStatus] {
        use TrainerStatus::{
            Candidate, Certified, Certifying, Declined, Inactive, Lapsed, Proposed, Selected,
        };
        match self {
            Candidate => &[Proposed, Declined, Inactive],
            Proposed => &[Selected, Candidate, Declined, Inactive],
            Selected => &[Certifying, Proposed, Declined, Inactive],
            // Certified is reached only by certifying, which checks the four modules.
            Certifying => &[Selected, Inactive],
            Certified => &[Lapsed, Inactive],
            Lapsed => &[Certifying, Inactive],
            Declined | Inactive => &[Candidate],
        }
    }

    pub fn can_move_to(self, next: TrainerStatus) -> bool {
        self.allowed_moves().contains(&next)
    }
}

impl fmt::Display for TrainerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TrainerStatus {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
                format!("'{text}' is not a trainer status ({})", names.join(", "))
            })
    }
}

/// The fields a user edits on a trainer; status changes go through [`TrainerStatus`] moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainerFields {
    pub account_id: AccountId,
    pub name: String,
    pub email: String,
    pub title: String,
    pub department: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trainer {
    pub id: TrainerId,
    pub fields: TrainerFields,
    pub status: TrainerStatus,
}

/// One line of the Roster: the trainer with the account it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainerRow {
    pub trainer: Trainer,
    pub account_name: String,
    pub account_t3_status: T3Status,
    /// When the trainer's latest certification expires, if they were ever certified.
    pub latest_expiry: Option<NaiveDate>,
}

impl TrainerRow {
    /// The status to show today; see [`status_on`].
    pub fn status_on(&self, today: NaiveDate) -> TrainerStatus {
        status_on(self.trainer.status, self.latest_expiry, today)
    }
}

/// The status a trainer shows on `today`: a certified trainer whose latest certification has
/// expired is lapsed, whatever the file says, so no job has to run at midnight to lapse them.
pub fn status_on(
    stored: TrainerStatus,
    latest_expiry: Option<NaiveDate>,
    today: NaiveDate,
) -> TrainerStatus {
    match (stored, latest_expiry) {
        (TrainerStatus::Certified, Some(expires_on)) if expires_on < today => TrainerStatus::Lapsed,
        _ => stored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips_through_text() {
        for status in TrainerStatus::ALL {
            assert_eq!(status.as_str().parse::<TrainerStatus>(), Ok(status));
        }
        let error = "expert".parse::<TrainerStatus>().unwrap_err();
        assert!(error.contains("candidate, proposed"), "{error}");
    }

    #[test]
    fn the_main_road_is_walked_one_step_at_a_time() {
        use TrainerStatus::*;
        let cases = [
            (Candidate, Proposed, true),
            (Candidate, Certified, false),
            (Proposed, Selected, true),
            (Selected, Certifying, true),
            (Certifying, Certified, false),
            (Certified, Candidate, false),
            (Certified, Lapsed, true),
            (Lapsed, Certifying, true),
            (Declined, Candidate, true),
            (Declined, Selected, false),
            (Inactive, Certified, false),
        ];
        for (from, to, allowed) in cases {
            assert_eq!(from.can_move_to(to), allowed, "{from} → {to}");
        }
    }

    #[test]
    fn a_certified_trainer_lapses_the_day_after_expiry() {
        let expiry = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let on = |day| status_on(TrainerStatus::Certified, Some(expiry), day);
        assert_eq!(
            on(expiry),
            TrainerStatus::Certified,
            "valid through its last day"
        );
        assert_eq!(on(expiry.succ_opt().unwrap()), TrainerStatus::Lapsed);
        assert_eq!(
            status_on(
                TrainerStatus::Inactive,
                Some(expiry),
                expiry.succ_opt().unwrap()
            ),
            TrainerStatus::Inactive,
            "someone who left the role stays inactive"
        );
        assert_eq!(
            status_on(TrainerStatus::Certified, None, expiry),
            TrainerStatus::Certified,
            "no dates on record: nothing to lapse"
        );
    }

    #[test]
    fn every_status_can_be_left_and_none_moves_to_itself() {
        for status in TrainerStatus::ALL {
            assert!(!status.allowed_moves().is_empty(), "{status} is a dead end");
            assert!(!status.can_move_to(status), "{status} moves to itself");
        }
    }
}
