//! The demo portfolio's Trainer Syncs: six held quarterly syncs going back a year and a half
//! (one of them held a week after its first date was cancelled) and the next two scheduled.
//! Each invites the trainers certified on its day; the held ones have their attendance taken,
//! mostly live, some by recording, some absent, with a few trainers who have missed the last
//! two quarters running.
//!
//! A random generator of their own drives these choices and they are written after everything
//! else, so every account, trainer, assessment and pathway the demo made before stays as it was.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate, NaiveTime, Weekday};
use chrono_tz::{America, Europe, Tz};
use fastrand::Rng;

use super::{SYNC_DRIFTING, SeededTrainer, days_from};
use crate::domain::TrainerId;
use crate::domain::sync::{
    self, Attendance, DEFAULT_DURATION_MINUTES, Quarter, SyncFields, SyncState,
};
use crate::store::{Batch, StoreError};

const SEED: u64 = 0x7433_5e1c;

/// Held syncs before the demo day, one a quarter, oldest first.
const HELD: usize = 6;

/// Scheduled syncs after the demo day.
const SCHEDULED: usize = 2;

/// The held sync whose first date was cancelled; it took place a week later.
const MOVED: usize = 2;

/// The held sync whose recording failed, so nobody could watch it afterwards.
const UNRECORDED: usize = 1;

/// The zone and wall-clock hour of each sync in turn: the vendor moves the hour around so that
/// every region gets a comfortable one now and then.
const SLOTS: [(Tz, u32); 4] = [
    (Europe::Berlin, 16),
    (America::New_York, 11),
    (Europe::London, 16),
    (America::New_York, 16),
];

/// What a release changed, as the agenda's first and last items name it.
const CHANGES: &[&str] = &[
    "approvals can be delegated during leave",
    "saved report views shared across a team",
    "the redesigned mobile inbox",
    "bulk edits in the admin console",
    "guest access under single sign-on",
    "an audit trail export for compliance teams",
    "drill-down from every dashboard chart",
    "offline drafts for field teams",
    "scheduled exports to shared drives",
    "a first-day checklist for new users",
];

/// The enablement materials a release may have updated.
const MATERIALS: &[&str] = &[
    "facilitator guide",
    "participant workbook",
    "job aid",
    "slide deck",
    "troubleshooting guide",
    "assessment kit",
];

/// How a trainer tends to take part, drawn the first time they are invited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Habit {
    /// Mostly live, now and then by recording or not at all.
    Regular,
    /// Mostly by recording.
    Recording,
    /// Took part like a regular until the last two held syncs, then missed both.
    Drifting,
}

/// Writes the demo's syncs for `trainers` (in the order they were seeded) and returns how many.
pub(super) fn seed(
    batch: &Batch<'_>,
    trainers: &[SeededTrainer],
    today: NaiveDate,
) -> Result<usize, StoreError> {
    let mut writer = Writer {
        batch,
        rng: Rng::with_seed(SEED),
        habits: HashMap::new(),
        written: 0,
    };
    // The end-to-end tests and the missed-syncs rule look for this trainer by name.
    if let Some(drifting) = trainers
        .iter()
        .find(|trainer| trainer.name == SYNC_DRIFTING)
    {
        writer.habits.insert(drifting.id, Habit::Drifting);
    }
    let days = sync_days(today, &mut writer.rng);
    for (index, &day) in days.iter().enumerate() {
        if index == MOVED {
            writer.sync(index, days_from(day, -7), SyncState::Cancelled)?;
        }
        let state = if index < HELD {
            SyncState::Held
        } else {
            SyncState::Scheduled
        };
        writer.sync(index, day, state)?;
    }
    Ok(writer.written)
}

/// The days of the syncs, oldest first: the next one between the 10th and the 20th of next
/// month, the others every three months from it, each moved to a Tuesday, Wednesday or
/// Thursday. Keeping to mid-month keeps every sync, and the cancelled date a week before one,
/// inside its own quarter.
fn sync_days(today: NaiveDate, rng: &mut Rng) -> Vec<NaiveDate> {
    let next_month = today.checked_add_months(Months::new(1)).unwrap_or(today);
    let next = next_month.with_day(rng.u32(10..=20)).unwrap_or(next_month);
    let back = Months::new(3 * HELD as u32);
    let first = next.checked_sub_months(back).unwrap_or(next);
    sync::quarterly_dates(first, HELD + SCHEDULED)
        .into_iter()
        .map(midweek)
        .collect()
}

fn midweek(day: NaiveDate) -> NaiveDate {
    let ahead = match day.weekday() {
        Weekday::Mon => 1,
        Weekday::Fri => 4,
        Weekday::Sat => 3,
        Weekday::Sun => 2,
        Weekday::Tue | Weekday::Wed | Weekday::Thu => 0,
    };
    days_from(day, ahead)
}

/// The release a quarter ships, named by year and quarter: 26.3 in Q3 2026.
fn release(quarter: Quarter) -> String {
    format!("{:02}.{}", quarter.year.rem_euclid(100), quarter.number)
}

fn next_quarter(quarter: Quarter) -> Quarter {
    if quarter.number >= 4 {
        Quarter {
            year: quarter.year + 1,
            number: 1,
        }
    } else {
        Quarter {
            year: quarter.year,
            number: quarter.number + 1,
        }
    }
}

struct Writer<'b, 'c> {
    batch: &'b Batch<'c>,
    rng: Rng,
    habits: HashMap<TrainerId, Habit>,
    written: usize,
}

impl Writer<'_, '_> {
    /// One sync on `day`, the `index`th of the quarterly series, inviting the trainers
    /// certified that day and, once held, with their attendance.
    fn sync(&mut self, index: usize, day: NaiveDate, state: SyncState) -> Result<(), StoreError> {
        let fields = self.fields(index, day, state);
        let invitees = self.batch.trainers_certified_on(day)?;
        let uid = format!("{:032x}@t3", self.rng.u128(..));
        let id = self.batch.insert_sync(&fields, state, &uid, &invitees)?;
        self.written += 1;
        if state != SyncState::Held {
            return Ok(());
        }
        let recent = index + 2 >= HELD;
        let latest = index + 1 == HELD;
        let recorded = !fields.recording_link.is_empty();
        for &trainer in &invitees {
            if let Some(attendance) = self.attendance(trainer, recent, latest, recorded) {
                self.batch.set_attendance(id, trainer, attendance)?;
            }
        }
        Ok(())
    }

    fn fields(&mut self, index: usize, day: NaiveDate, state: SyncState) -> SyncFields {
        let quarter = Quarter::of(day);
        let (time_zone, hour) = SLOTS[index % SLOTS.len()];
        let recording_link = if state == SyncState::Held && index != UNRECORDED {
            format!(
                "https://recordings.example.com/t3/trainer-sync-{}-q{}",
                quarter.year, quarter.number
            )
        } else {
            String::new()
        };
        SyncFields {
            title: format!("Trainer Sync — {quarter}: Release {}", release(quarter)),
            starts_at: day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()),
            time_zone,
            duration_minutes: DEFAULT_DURATION_MINUTES,
            agenda: self.agenda(quarter),
            recording_link,
        }
    }

    /// The four standing items: what changed, which materials were updated, questions, and
    /// what comes next.
    fn agenda(&mut self, quarter: Quarter) -> String {
        let changes = self.distinct(CHANGES, 3);
        let materials = self.distinct(MATERIALS, 2);
        let (shipped, next) = (release(quarter), release(next_quarter(quarter)));
        format!(
            "1. Product changes in Release {shipped}: {} and {}\n\
             2. Updated materials: the {} and the {}, revised for {shipped}\n\
             3. Questions from your own sessions\n\
             4. Upcoming: a first look at Release {next}, with {}",
            changes[0], changes[1], materials[0], materials[1], changes[2]
        )
    }

    /// `count` different entries of `items`.
    fn distinct(&mut self, items: &[&'static str], count: usize) -> Vec<&'static str> {
        let mut shuffled = items.to_vec();
        self.rng.shuffle(&mut shuffled);
        shuffled.truncate(count);
        shuffled
    }

    /// How `trainer` took part in a held sync; `recent` for the last two, `latest` for the
    /// last. `None` is a drifting trainer nobody marked.
    fn attendance(
        &mut self,
        trainer: TrainerId,
        recent: bool,
        latest: bool,
        recorded: bool,
    ) -> Option<Attendance> {
        let rng = &mut self.rng;
        let habit = *self
            .habits
            .entry(trainer)
            .or_insert_with(|| match rng.u8(..8) {
                0 => Habit::Drifting,
                1 => Habit::Recording,
                _ => Habit::Regular,
            });
        let roll = self.rng.u8(..20);
        let attendance = match habit {
            Habit::Drifting if recent => {
                return (!latest || roll >= 10).then_some(Attendance::Absent);
            }
            Habit::Regular | Habit::Drifting => match roll {
                0..16 => Attendance::Live,
                16..18 => Attendance::Recording,
                _ => Attendance::Absent,
            },
            Habit::Recording => match roll {
                0..7 => Attendance::Live,
                7..17 => Attendance::Recording,
                _ => Attendance::Absent,
            },
        };
        if attendance == Attendance::Recording && !recorded {
            return Some(Attendance::Absent);
        }
        Some(attendance)
    }
}
