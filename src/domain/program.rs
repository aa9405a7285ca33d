//! Training sessions, product releases and enablement materials: the program data some risk
//! rules read. Only the types live here; the store keeps them, and showing them comes with the
//! Program tab.

use std::fmt;
use std::str::FromStr;

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

/// The six kinds of enablement material the vendor keeps for its trainers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MaterialKind {
    FacilitatorGuide,
    ParticipantWorkbook,
    JobAid,
    SlideDeck,
    TroubleshootingGuide,
    AssessmentKit,
}

impl MaterialKind {
    pub const ALL: [MaterialKind; 6] = [
        Self::FacilitatorGuide,
        Self::ParticipantWorkbook,
        Self::JobAid,
        Self::SlideDeck,
        Self::TroubleshootingGuide,
        Self::AssessmentKit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FacilitatorGuide => "facilitator-guide",
            Self::ParticipantWorkbook => "participant-workbook",
            Self::JobAid => "job-aid",
            Self::SlideDeck => "slide-deck",
            Self::TroubleshootingGuide => "troubleshooting-guide",
            Self::AssessmentKit => "assessment-kit",
        }
    }
}

impl fmt::Display for MaterialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MaterialKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text.trim())
            .ok_or_else(|| format!("'{text}' is not a kind of material"))
    }
}
