//! The demo portfolio's program data: the sessions its trainers delivered while certified over
//! the last two years, five
//! quarterly product releases going back over a year, and the six enablement materials with a
//! version for most releases that touched trained workflows: some ready before the release
//! shipped, some late, and two never updated for the latest, so they are stale.
//!
//! A few trainers who hold a valid certification have delivered nothing for more than 90 days,
//! so the trainer-dark rule has something to say; the two stale materials do the same for the
//! stale-materials rule.
//!
//! A random generator of their own drives these choices and they are written after everything
//! else, so every account, trainer, pathway and sync the demo made before stays as it was.

use chrono::{Datelike, Months, NaiveDate};
use fastrand::Rng;

use super::{SeededTrainer, days_from};
use crate::domain::program::{
    MaterialKind, MaterialVersion, Release, ReleaseFields, ReleaseId, TrainingSession,
};
use crate::domain::sync::Quarter;
use crate::store::{Batch, StoreError};

const SEED: u64 = 0x7433_9a55;

/// Whether each release in turn, oldest first, changed a workflow trainers teach; the latest
/// did.
const TOUCHES: [bool; 5] = [true, false, true, true, true];

/// What each release changed, oldest first.
const SUMMARIES: [&str; 5] = [
    "New approval chains with delegation; reports move to the Insights menu",
    "Performance work and accessibility fixes",
    "Shared report views replace saved filters",
    "Redesigned mobile inbox; bulk edits move to the admin console",
    "Dashboards get drill-down and scheduled exports",
];

/// Every seventh trainer who holds or held a certification, counted in seeding order from the
/// fourth, stopped delivering sessions over 90 days ago.
const DARK_EVERY: usize = 7;
const DARK_OFFSET: usize = 3;

/// How far back the sessions go: two years, the span of the Program tab's delivery trend.
const HISTORY_DAYS: i64 = 730;

/// How a material followed a release that touched trained workflows.
#[derive(Clone, Copy)]
enum Followed {
    /// Updated in the weeks before the release shipped.
    Ready,
    /// Updated for it, but weeks after it shipped.
    Late,
    /// Never updated for it.
    Missed,
}

use Followed::{Late, Missed, Ready};

/// Each material and how it followed the releases that touched trained workflows, oldest
/// first. The troubleshooting guide and the assessment kit missed the latest: they are stale.
const MATERIALS: [(&str, MaterialKind, [Followed; 4]); 6] = [
    (
        "Facilitator guide",
        MaterialKind::FacilitatorGuide,
        [Ready, Ready, Ready, Ready],
    ),
    (
        "Participant workbook",
        MaterialKind::ParticipantWorkbook,
        [Ready, Ready, Late, Ready],
    ),
    (
        "Job aid: approvals and delegation",
        MaterialKind::JobAid,
        [Ready, Missed, Ready, Late],
    ),
    (
        "Slide deck: what's new",
        MaterialKind::SlideDeck,
        [Ready, Ready, Ready, Ready],
    ),
    (
        "Troubleshooting guide",
        MaterialKind::TroubleshootingGuide,
        [Ready, Ready, Ready, Missed],
    ),
    (
        "Assessment kit",
        MaterialKind::AssessmentKit,
        [Late, Ready, Missed, Missed],
    ),
];

/// What trainers teach in their sessions.
const TOPICS: &[&str] = &[
    "Getting started for new starters",
    "Approvals and delegation",
    "Reporting basics",
    "Building shared report views",
    "Dashboards that answer a question",
    "The mobile inbox",
    "Admin console: bulk edits",
    "What's new in the latest release",
    "Troubleshooting clinic",
    "Exports and scheduled reports",
    "Refresher: everyday workflows",
];

/// Session lengths in minutes.
const DURATIONS: [u32; 5] = [45, 60, 75, 90, 120];

/// How much the program part of the demo wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written {
    pub sessions: usize,
    pub releases: usize,
    pub materials: usize,
}

/// Writes the releases, materials and sessions for `trainers` (in the order they were seeded).
pub(super) fn seed(
    batch: &Batch<'_>,
    trainers: &[SeededTrainer],
    today: NaiveDate,
) -> Result<Written, StoreError> {
    let mut rng = Rng::with_seed(SEED);
    seed_releases(batch, today, &mut rng)?;
    let releases = batch.releases()?;
    let touching: Vec<&Release> = releases
        .iter()
        .filter(|release| release.touches_trained_workflows)
        .collect();
    for (title, kind, followed) in MATERIALS {
        seed_material(batch, title, kind, &touching, followed, today, &mut rng)?;
    }
    let sessions = seed_sessions(batch, trainers, today, &mut rng)?;
    Ok(Written {
        sessions,
        releases: releases.len(),
        materials: MATERIALS.len(),
    })
}

/// One release a quarter, named by year and quarter like the Trainer Syncs that present them
/// ("Release 26.2"), each shipped in the first week of the month its sync is held, so before
/// the sync.
fn seed_releases(
    batch: &Batch<'_>,
    today: NaiveDate,
    rng: &mut Rng,
) -> Result<Vec<ReleaseId>, StoreError> {
    let next_month = today.checked_add_months(Months::new(1)).unwrap_or(today);
    let mut ids = Vec::with_capacity(TOUCHES.len());
    let count = TOUCHES.len() as u32;
    for ((back, touches), summary) in (1..=count).rev().zip(TOUCHES).zip(SUMMARIES) {
        let month = next_month
            .checked_sub_months(Months::new(3 * back))
            .and_then(|day| day.with_day(1))
            .unwrap_or(today);
        let shipped_on = days_from(month, rng.i64(0..=6));
        let quarter = Quarter::of(shipped_on);
        let name = format!(
            "Release {:02}.{}",
            quarter.year.rem_euclid(100),
            quarter.number
        );
        ids.push(batch.insert_release(&ReleaseFields {
            name,
            shipped_on,
            summary: summary.to_string(),
            touches_trained_workflows: touches,
        })?);
    }
    Ok(ids)
}

/// A material's first version from before the oldest release, then one version for each
/// release it followed: a few days to three weeks before the release shipped when ready, two
/// to five weeks after when late (never after `today`).
fn seed_material(
    batch: &Batch<'_>,
    title: &str,
    kind: MaterialKind,
    touching: &[&Release],
    followed: [Followed; 4],
    today: NaiveDate,
    rng: &mut Rng,
) -> Result<(), StoreError> {
    let material = batch.insert_material(title, kind)?;
    let first = touching.first().map_or(today, |release| release.shipped_on);
    batch.insert_material_version(
        material,
        &MaterialVersion {
            version: "1.0".to_string(),
            updated_for: None,
            updated_on: days_from(first, -rng.i64(60..=90)),
        },
    )?;
    let mut minor = 0;
    for (release, followed) in touching.iter().zip(followed) {
        let updated_on = match followed {
            Ready => days_from(release.shipped_on, -rng.i64(3..=21)),
            Late => days_from(release.shipped_on, rng.i64(14..=35)).min(today),
            Missed => continue,
        };
        minor += 1;
        batch.insert_material_version(
            material,
            &MaterialVersion {
                version: format!("1.{minor}"),
                updated_for: Some(release.id),
                updated_on,
            },
        )?;
    }
    Ok(())
}

/// Sessions every two to six weeks while each trainer was certified, over the last year; the
/// dark trainers' stop more than 90 days before `today`.
fn seed_sessions(
    batch: &Batch<'_>,
    trainers: &[SeededTrainer],
    today: NaiveDate,
    rng: &mut Rng,
) -> Result<usize, StoreError> {
    let spans = batch.certified_spans()?;
    let certified = trainers
        .iter()
        .filter_map(|trainer| Some((trainer, *spans.get(&trainer.id)?)));
    let mut written = 0;
    for (index, (trainer, (certified_on, expires_on))) in certified.enumerate() {
        let dark = index % DARK_EVERY == DARK_OFFSET;
        let end = if dark {
            days_from(today, -rng.i64(100..=200))
        } else {
            expires_on.min(today)
        };
        let start = certified_on.max(days_from(today, -HISTORY_DAYS));
        // The latest session first, then back in time; a trainer certified only days ago has
        // delivered their first session since, unless they are one of the dark ones.
        let mut day = days_from(end, -rng.i64(1..=30));
        if !dark {
            day = day.max(certified_on);
        }
        while day >= start && day <= end {
            batch.insert_session(&session(trainer, day, rng))?;
            written += 1;
            day = days_from(day, -rng.i64(12..=40));
        }
    }
    Ok(written)
}

fn session(trainer: &SeededTrainer, held_on: NaiveDate, rng: &mut Rng) -> TrainingSession {
    TrainingSession {
        trainer: trainer.id,
        account: trainer.account,
        held_on,
        topic: TOPICS[rng.usize(..TOPICS.len())].to_string(),
        attendees: rng.u32(6..=25),
        duration_minutes: DURATIONS[rng.usize(..DURATIONS.len())],
    }
}
