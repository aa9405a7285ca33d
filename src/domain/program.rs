//! Training sessions, product releases and enablement materials: what trainers deliver and how
//! current the materials they teach from are.
//!
//! A material keeps every version it had, each updated for a release on a date. Against a
//! release that touches trained workflows a material is ready (updated for it before it
//! shipped), late (updated for it after) or missing (never updated for it); a material not
//! updated for the latest such release is stale, which the `stale-materials` risk rule reads.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::{AccountId, TrainerId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId(pub i64);

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

/// What is recorded about a session when it is logged or corrected; the trainer and the
/// account come from where it is logged, not from what is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFields {
    pub held_on: NaiveDate,
    pub topic: String,
    pub attendees: u32,
    pub duration_minutes: u32,
}

impl SessionFields {
    /// The session as delivered by `trainer` at `account`.
    pub fn delivered_by(self, trainer: TrainerId, account: AccountId) -> TrainingSession {
        TrainingSession {
            trainer,
            account,
            held_on: self.held_on,
            topic: self.topic,
            attendees: self.attendees,
            duration_minutes: self.duration_minutes,
        }
    }
}

/// How far back "recent" sessions go: the window the Roster counts and the trainer-dark rule
/// judges by default.
pub const RECENT_SESSION_DAYS: u64 = 90;

/// The first day of the recent window on `today`. A session exactly 90 days ago still counts,
/// as it does for the trainer-dark rule, which calls a trainer dark only past 90 days.
pub fn recent_since(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(chrono::Days::new(RECENT_SESSION_DAYS))
        .unwrap_or(NaiveDate::MIN)
}

/// A session as the store keeps it, with the id that edits and deletes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedSession {
    pub id: SessionId,
    pub session: TrainingSession,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReleaseId(pub i64);

/// What the user records about a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseFields {
    /// The version as people say it ("Release 26.4"); unique.
    pub name: String,
    pub shipped_on: NaiveDate,
    pub summary: String,
    /// Changes a workflow that trainers teach, so the materials must follow it.
    pub touches_trained_workflows: bool,
}

/// A product release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub id: ReleaseId,
    pub name: String,
    pub shipped_on: NaiveDate,
    pub summary: String,
    /// Changes a workflow that trainers teach, so the materials must follow it.
    pub touches_trained_workflows: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MaterialId(pub i64);

/// One version of a material: what it was updated for, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialVersion {
    /// As the material's owner numbers it ("3.2").
    pub version: String,
    /// The release this version follows; `None` for a version made for no release (a typo
    /// fix), or when the release was forgotten.
    pub updated_for: Option<ReleaseId>,
    pub updated_on: NaiveDate,
}

/// An enablement material and every version it has had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub id: MaterialId,
    /// "Facilitator guide", "Participant workbook", …
    pub title: String,
    pub kind: MaterialKind,
    /// Oldest first.
    pub versions: Vec<MaterialVersion>,
}

/// Where a material stood when a release shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// Updated for the release on or before the day it shipped.
    Ready { updated_on: NaiveDate },
    /// Updated for the release, but only after it shipped.
    Late {
        updated_on: NaiveDate,
        days_late: i64,
    },
    /// Never updated for the release.
    Missing,
}

impl Readiness {
    pub fn label(self) -> &'static str {
        match self {
            Self::Ready { .. } => "ready",
            Self::Late { .. } => "late",
            Self::Missing => "missing",
        }
    }
}

impl Material {
    /// The version in use: the latest one.
    pub fn current(&self) -> Option<&MaterialVersion> {
        self.versions.last()
    }

    /// Whether the material followed `release`: judged by the first version updated for it,
    /// since that is when trainers had something to teach from.
    pub fn readiness(&self, release: &Release) -> Readiness {
        let first = self
            .versions
            .iter()
            .filter(|version| version.updated_for == Some(release.id))
            .map(|version| version.updated_on)
            .min();
        match first {
            None => Readiness::Missing,
            Some(updated_on) if updated_on <= release.shipped_on => Readiness::Ready { updated_on },
            Some(updated_on) => Readiness::Late {
                updated_on,
                days_late: (updated_on - release.shipped_on).num_days(),
            },
        }
    }

    /// Whether the material has not caught up with `release`: no version was updated for it
    /// or for a release that shipped after it. A material late for the release is not stale:
    /// trainers have what they need now.
    pub fn is_stale_for(&self, release: &Release, releases: &[Release]) -> bool {
        let shipped_on = |id: ReleaseId| {
            releases
                .iter()
                .find(|known| known.id == id)
                .map(|known| known.shipped_on)
        };
        !self.versions.iter().any(|version| {
            version.updated_for == Some(release.id)
                || version
                    .updated_for
                    .and_then(shipped_on)
                    .is_some_and(|shipped| shipped > release.shipped_on)
        })
    }
}

/// The latest release that touches trained workflows and had shipped by `today`: the one the
/// materials must have followed.
pub fn latest_trained_release(releases: &[Release], today: NaiveDate) -> Option<&Release> {
    releases
        .iter()
        .filter(|release| release.touches_trained_workflows && release.shipped_on <= today)
        .max_by_key(|release| (release.shipped_on, release.id))
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
    pub fn title(self) -> &'static str {
        match self {
            Self::FacilitatorGuide => "Facilitator guide",
            Self::ParticipantWorkbook => "Participant workbook",
            Self::JobAid => "Job aid",
            Self::SlideDeck => "Slide deck",
            Self::TroubleshootingGuide => "Troubleshooting guide",
            Self::AssessmentKit => "Assessment kit",
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn release(id: i64, shipped_on: &str) -> Release {
        Release {
            id: ReleaseId(id),
            name: format!("Release {id}"),
            shipped_on: day(shipped_on),
            summary: String::new(),
            touches_trained_workflows: true,
        }
    }

    fn material(versions: &[(Option<i64>, &str)]) -> Material {
        Material {
            id: MaterialId(1),
            title: "Facilitator guide".to_string(),
            kind: MaterialKind::FacilitatorGuide,
            versions: versions
                .iter()
                .enumerate()
                .map(|(n, (release, on))| MaterialVersion {
                    version: format!("1.{n}"),
                    updated_for: release.map(ReleaseId),
                    updated_on: day(on),
                })
                .collect(),
        }
    }

    #[test]
    fn the_recent_window_includes_its_ninetieth_day() {
        assert_eq!(recent_since(day("2026-06-15")), day("2026-03-17"));
    }

    #[test]
    fn updated_on_the_release_day_is_ready_and_the_day_after_is_late() {
        let shipped = release(7, "2026-10-06");
        let on_the_day = material(&[(Some(7), "2026-10-06")]);
        assert_eq!(
            on_the_day.readiness(&shipped),
            Readiness::Ready {
                updated_on: day("2026-10-06")
            }
        );
        let day_after = material(&[(Some(7), "2026-10-07")]);
        assert_eq!(
            day_after.readiness(&shipped),
            Readiness::Late {
                updated_on: day("2026-10-07"),
                days_late: 1
            }
        );
        assert!(!day_after.is_stale_for(&shipped, std::slice::from_ref(&shipped)));
    }

    #[test]
    fn the_first_version_for_a_release_decides_and_others_are_missing() {
        let shipped = release(7, "2026-10-06");
        let twice = material(&[(Some(7), "2026-10-01"), (Some(7), "2026-10-20")]);
        assert_eq!(twice.readiness(&shipped).label(), "ready");
        let other = material(&[(Some(6), "2026-07-01")]);
        assert_eq!(other.readiness(&shipped), Readiness::Missing);
        assert_eq!(material(&[]).readiness(&shipped), Readiness::Missing);
    }

    #[test]
    fn stale_until_updated_for_the_release_or_a_later_one() {
        let older = release(6, "2026-07-07");
        let newer = release(7, "2026-10-06");
        let releases = [older.clone(), newer.clone()];
        let behind = material(&[(Some(6), "2026-07-01")]);
        assert!(behind.is_stale_for(&newer, &releases));
        assert!(!behind.is_stale_for(&older, &releases));
        let skipped = material(&[(Some(7), "2026-10-01")]);
        assert!(
            !skipped.is_stale_for(&older, &releases),
            "a later release covers it"
        );
        assert_eq!(
            skipped.readiness(&older),
            Readiness::Missing,
            "but it was never ready"
        );
        let typo_fix = material(&[(None, "2026-11-01")]);
        assert!(typo_fix.is_stale_for(&newer, &releases));
    }

    #[test]
    fn the_latest_trained_release_is_the_last_shipped_by_today() {
        let mut quiet = release(8, "2026-11-02");
        quiet.touches_trained_workflows = false;
        let releases = [release(6, "2026-07-07"), release(7, "2026-10-06"), quiet];
        let latest = |today| latest_trained_release(&releases, day(today)).map(|r| r.id.0);
        assert_eq!(latest("2026-12-01"), Some(7));
        assert_eq!(latest("2026-10-06"), Some(7), "shipping today counts");
        assert_eq!(latest("2026-10-05"), Some(6));
        assert_eq!(latest("2026-07-06"), None);
    }
}
