//! Training sessions, product releases and enablement materials: the program data some risk
//! rules read. Only the types live here so far; storing and showing them comes with the
//! Program tab.

use chrono::NaiveDate;

use super::{AccountId, TrainerId};

/// A session an internal trainer delivered at their account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingSession {
    pub trainer: TrainerId,
    pub account: AccountId,
    pub held_on: NaiveDate,
    pub topic: String,
    pub attendees: u32,
    pub duration_minutes: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReleaseId(pub i64);

/// A product release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub id: ReleaseId,
    pub name: String,
    pub shipped_on: NaiveDate,
    /// Changes a workflow that trainers teach, so the materials must follow it.
    pub touches_trained_workflows: bool,
}

/// An enablement material and the release its current version was updated for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    /// "Facilitator guide", "Participant workbook", …
    pub title: String,
    pub updated_for: Option<ReleaseId>,
}
