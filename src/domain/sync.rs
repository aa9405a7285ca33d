//! Trainer Syncs: the quarterly hour for every certified trainer, who came (live or by
//! recording), and how many quarters running a trainer has missed.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, Months, NaiveDate, NaiveDateTime, TimeZone, Utc,
};
use chrono_tz::Tz;

use super::TrainerId;

/// A sync is an hour unless the user says otherwise.
pub const DEFAULT_DURATION_MINUTES: u32 = 60;

/// Quarterly: the helper proposes this many dates, three months apart.
pub const QUARTERLY_PROPOSALS: usize = 4;

/// Missing this many quarters running is the early warning.
pub const MISSED_QUARTERS_WARNING: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SyncId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyncState {
    Scheduled,
    Held,
    Cancelled,
}

impl SyncState {
    pub const ALL: [SyncState; 3] = [Self::Scheduled, Self::Held, Self::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Held => "held",
            Self::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for SyncState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SyncState {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|state| state.as_str() == text.trim())
            .ok_or_else(|| format!("'{text}' is not a sync state (scheduled, held, cancelled)"))
    }
}

/// How an invited trainer took part; by recording counts as attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attendance {
    Live,
    Recording,
    Absent,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [Self::Live, Self::Recording, Self::Absent];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::Recording => "recording",
            Self::Absent => "absent",
        }
    }

    pub fn attended(self) -> bool {
        matches!(self, Self::Live | Self::Recording)
    }
}

impl fmt::Display for Attendance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Attendance {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|attendance| attendance.as_str() == text.trim())
            .ok_or_else(|| format!("'{text}' is not an attendance (live, recording, absent)"))
    }
}

/// One trainer's attendance at one sync, with the names a person reads it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceEntry {
    /// The day of the sync where it is held.
    pub sync_date: NaiveDate,
    pub sync_title: String,
    pub trainer_name: String,
    pub email: String,
    pub account_name: String,
    /// `None` for an invitee of a held sync whose attendance was never marked: missed-syncs
    /// counts them, so an export that left them out would change it.
    pub attendance: Option<Attendance>,
}

/// What a user sets on a sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFields {
    pub title: String,
    /// The wall-clock start in `time_zone`.
    pub starts_at: NaiveDateTime,
    pub time_zone: Tz,
    pub duration_minutes: u32,
    pub agenda: String,
    /// Where the recording is, once there is one; empty until then.
    pub recording_link: String,
}

impl SyncFields {
    /// The start as an instant. A wall time that occurs twice (the hour the clocks go back)
    /// is taken at its first occurrence; one that never occurs (the hour they go forward) is
    /// refused when the sync is entered, so `None` only comes from a file edited by hand.
    pub fn starts_utc(&self) -> Option<DateTime<Utc>> {
        match self.time_zone.from_local_datetime(&self.starts_at) {
            LocalResult::Single(start) | LocalResult::Ambiguous(start, _) => {
                Some(start.with_timezone(&Utc))
            }
            LocalResult::None => None,
        }
    }

    pub fn ends_utc(&self) -> Option<DateTime<Utc>> {
        self.starts_utc()
            .map(|start| start + Duration::minutes(i64::from(self.duration_minutes)))
    }

    /// The day of the sync where it is held.
    pub fn date(&self) -> NaiveDate {
        self.starts_at.date()
    }
}

/// A scheduled, held or cancelled sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainerSync {
    pub id: SyncId,
    pub fields: SyncFields,
    pub state: SyncState,
    /// The calendar identity, fixed when the sync is first saved, so that importing a later
    /// export updates the event instead of adding a second one.
    pub uid: String,
}

impl TrainerSync {
    /// Still to come on `today`: scheduled and not before today.
    pub fn is_upcoming(&self, today: NaiveDate) -> bool {
        self.state == SyncState::Scheduled && self.fields.date() >= today
    }
}

/// A sync with its invite list summed up, as the Syncs tab lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRow {
    pub sync: TrainerSync,
    pub invited: u32,
    /// Invitees marked live or recording.
    pub attended: u32,
    /// Invitees with any mark, absent included.
    pub marked: u32,
}

/// One invitee of a sync, for the attendance checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub trainer: TrainerId,
    pub name: String,
    pub account_name: String,
    /// `None` until attendance is taken.
    pub attendance: Option<Attendance>,
}

/// The dates the quarterly helper proposes: `first`, then every three months after it, each
/// counted from `first` so that a 31st stays a 31st wherever the month has one.
pub fn quarterly_dates(first: NaiveDate, count: usize) -> Vec<NaiveDate> {
    (0..count)
        .filter_map(|quarter| {
            let months = u32::try_from(quarter * 3).ok()?;
            first.checked_add_months(Months::new(months))
        })
        .collect()
}

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u32,
}

impl Quarter {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            number: date.month0() / 3 + 1,
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Q{} {}", self.number, self.year)
    }
}

/// One sync a trainer was invited to, as far as engagement is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InviteRecord {
    pub date: NaiveDate,
    pub state: SyncState,
    pub attendance: Option<Attendance>,
}

/// How connected a trainer has stayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Engagement {
    /// The last held sync they attended, live or by recording.
    pub last_attended: Option<NaiveDate>,
    /// Quarters running, back from the latest quarter with a held sync they were invited to,
    /// in which they attended none.
    pub quarters_missed: u32,
}

impl Engagement {
    /// Missed the last two quarters or more: the early warning.
    pub fn is_drifting(&self) -> bool {
        self.quarters_missed >= MISSED_QUARTERS_WARNING
    }
}

/// Works out a trainer's engagement on `today` from the syncs they were invited to.
///
/// Only held syncs up to today count: a cancelled one was missed by nobody, and one still
/// marked scheduled has no attendance yet. A sync before the trainer was first certified is
/// not held against them.
pub fn engagement(
    invites: &[InviteRecord],
    certified_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Engagement {
    let held: Vec<&InviteRecord> = invites
        .iter()
        .filter(|invite| invite.state == SyncState::Held && invite.date <= today)
        .collect();
    let last_attended = held
        .iter()
        .filter(|invite| invite.attendance.is_some_and(Attendance::attended))
        .map(|invite| invite.date)
        .max();
    let mut quarters: Vec<(Quarter, bool)> = Vec::new();
    for invite in held
        .iter()
        .filter(|invite| certified_on.is_none_or(|certified| invite.date >= certified))
    {
        let quarter = Quarter::of(invite.date);
        let attended = invite.attendance.is_some_and(Attendance::attended);
        match quarters.iter_mut().find(|(q, _)| *q == quarter) {
            Some((_, any)) => *any |= attended,
            None => quarters.push((quarter, attended)),
        }
    }
    quarters.sort_by_key(|(quarter, _)| std::cmp::Reverse(*quarter));
    let quarters_missed = quarters
        .iter()
        .take_while(|(_, attended)| !attended)
        .count();
    Engagement {
        last_attended,
        quarters_missed: u32::try_from(quarters_missed).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn quarterly_dates_cross_year_ends_and_short_months() {
        assert_eq!(
            quarterly_dates(day(2026, 11, 30), 4),
            [
                day(2026, 11, 30),
                day(2027, 2, 28),
                day(2027, 5, 30),
                day(2027, 8, 30)
            ]
        );
        assert_eq!(
            quarterly_dates(day(2027, 8, 31), 4),
            [
                day(2027, 8, 31),
                day(2027, 11, 30),
                day(2028, 2, 29),
                day(2028, 5, 31)
            ],
            "a 31st comes back whenever the month has one; February 2028 is a leap month"
        );
        assert_eq!(quarterly_dates(day(2026, 1, 15), 0), []);
    }

    #[test]
    fn quarters_of_the_year() {
        assert_eq!(Quarter::of(day(2026, 3, 31)).to_string(), "Q1 2026");
        assert_eq!(Quarter::of(day(2026, 4, 1)).to_string(), "Q2 2026");
        assert_eq!(Quarter::of(day(2026, 12, 31)).to_string(), "Q4 2026");
    }

    fn held(date: NaiveDate, attendance: Option<Attendance>) -> InviteRecord {
        InviteRecord {
            date,
            state: SyncState::Held,
            attendance,
        }
    }

    #[test]
    fn missed_quarters_count_back_from_the_latest_held_sync() {
        let today = day(2026, 12, 3);
        let invites = [
            held(day(2026, 3, 10), Some(Attendance::Live)),
            held(day(2026, 6, 9), Some(Attendance::Absent)),
            held(day(2026, 9, 8), None),
        ];
        let found = engagement(&invites, None, today);
        assert_eq!(found.quarters_missed, 2);
        assert!(found.is_drifting());
        assert_eq!(found.last_attended, Some(day(2026, 3, 10)));
    }

    #[test]
    fn a_recording_counts_as_attending() {
        let invites = [
            held(day(2026, 6, 9), Some(Attendance::Absent)),
            held(day(2026, 9, 8), Some(Attendance::Recording)),
        ];
        let found = engagement(&invites, None, day(2026, 12, 3));
        assert_eq!(found.quarters_missed, 0);
        assert_eq!(found.last_attended, Some(day(2026, 9, 8)));
    }

    #[test]
    fn cancelled_and_not_yet_held_syncs_are_missed_by_nobody() {
        let invites = [
            held(day(2026, 3, 10), Some(Attendance::Live)),
            InviteRecord {
                date: day(2026, 6, 9),
                state: SyncState::Cancelled,
                attendance: None,
            },
            InviteRecord {
                date: day(2026, 9, 8),
                state: SyncState::Scheduled,
                attendance: None,
            },
            held(day(2026, 12, 15), None),
        ];
        let found = engagement(&invites, None, day(2026, 12, 3));
        assert_eq!(
            found.quarters_missed, 0,
            "the December sync is still to come"
        );
        assert_eq!(found.last_attended, Some(day(2026, 3, 10)));
    }

    #[test]
    fn syncs_before_certification_are_not_held_against_a_trainer() {
        let invites = [
            held(day(2026, 6, 9), Some(Attendance::Absent)),
            held(day(2026, 9, 8), Some(Attendance::Absent)),
        ];
        let found = engagement(&invites, Some(day(2026, 7, 1)), day(2026, 12, 3));
        assert_eq!(found.quarters_missed, 1);
        assert!(!found.is_drifting());
        let on_the_day = engagement(&invites, Some(day(2026, 9, 8)), day(2026, 12, 3));
        assert_eq!(
            on_the_day.quarters_missed, 1,
            "certified the morning of a sync: expected there"
        );
    }

    #[test]
    fn two_syncs_in_one_quarter_need_only_one_attended() {
        let invites = [
            held(day(2026, 7, 7), Some(Attendance::Absent)),
            held(day(2026, 9, 8), Some(Attendance::Live)),
            held(day(2026, 4, 8), Some(Attendance::Absent)),
        ];
        let found = engagement(&invites, None, day(2026, 12, 3));
        assert_eq!(found.quarters_missed, 0);
    }

    #[test]
    fn a_wall_time_in_a_daylight_saving_zone_becomes_the_right_instant() {
        let sync = |month, time_zone| SyncFields {
            title: "Q sync".into(),
            starts_at: day(2026, month, 10).and_hms_opt(16, 0, 0).unwrap(),
            time_zone,
            duration_minutes: 60,
            agenda: String::new(),
            recording_link: String::new(),
        };
        let summer = sync(6, chrono_tz::Europe::Berlin);
        assert_eq!(
            summer.starts_utc().unwrap().to_rfc3339(),
            "2026-06-10T14:00:00+00:00"
        );
        let winter = sync(12, chrono_tz::Europe::Berlin);
        assert_eq!(
            winter.starts_utc().unwrap().to_rfc3339(),
            "2026-12-10T15:00:00+00:00"
        );
        assert_eq!(
            winter.ends_utc().unwrap().to_rfc3339(),
            "2026-12-10T16:00:00+00:00"
        );
        let mut gap = sync(3, chrono_tz::America::New_York);
        gap.starts_at = day(2026, 3, 8).and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(gap.starts_utc(), None, "02:30 does not happen that night");
    }

    #[test]
    fn names_round_trip_through_text() {
        for state in SyncState::ALL {
            assert_eq!(state.as_str().parse::<SyncState>(), Ok(state));
        }
        for attendance in Attendance::ALL {
            assert_eq!(attendance.as_str().parse::<Attendance>(), Ok(attendance));
        }
    }
}
