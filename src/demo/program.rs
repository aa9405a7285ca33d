//! The demo portfolio's program data: the sessions its trainers delivered while certified, six
//! quarterly product releases going back a year and a half, and the six enablement materials,
//! most of them updated for the latest release that touched trained workflows and two not.
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
use crate::domain::program::{MaterialKind, ReleaseId, TrainingSession};
use crate::domain::sync::Quarter;
use crate::store::{Batch, StoreError};

const SEED: u64 = 0x7433_9a55;

/// Releases before the demo day, one a quarter, oldest first.
const RELEASES: usize = 6;

/// Whether each release in turn changed a workflow trainers teach; the latest did.
const TOUCHES: [bool; RELEASES] = [true, false, true, false, true, true];

/// Every seventh trainer who holds or held a certification, counted in seeding order from the
/// fourth, stopped delivering sessions over 90 days ago.
const DARK_EVERY: usize = 7;
const DARK_OFFSET: usize = 3;

/// How far back the sessions go.
const HISTORY_DAYS: i64 = 365;

/// The title and kind of each material, and how many releases behind its current version is:
/// 0 for the latest release that touched trained workflows, 1 for the one before, and so on.
const MATERIALS: [(&str, MaterialKind, usize); 6] = [
    ("Facilitator guide", MaterialKind::FacilitatorGuide, 0),
    ("Participant workbook", MaterialKind::ParticipantWorkbook, 0),
    ("Job aid: approvals and delegation", MaterialKind::JobAid, 0),
    ("Slide deck: what's new", MaterialKind::SlideDeck, 0),
    (
        "Troubleshooting guide",
        MaterialKind::TroubleshootingGuide,
        1,
    ),
    ("Assessment kit", MaterialKind::AssessmentKit, 2),
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
    let releases = seed_releases(batch, today, &mut rng)?;
    let touching: Vec<ReleaseId> = releases
        .iter()
        .zip(TOUCHES)
        .rev()
        .filter_map(|(&id, touches)| touches.then_some(id))
        .collect();
    for (title, kind, behind) in MATERIALS {
        batch.insert_material(title, kind, touching.get(behind).copied())?;
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
    let mut ids = Vec::with_capacity(RELEASES);
    for (back, touches) in (1..=RELEASES as u32).rev().zip(TOUCHES) {
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
        ids.push(batch.insert_release(&name, shipped_on, touches)?);
    }
    Ok(ids)
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
