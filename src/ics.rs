//! Trainer Syncs as an iCalendar file (RFC 5545), for `t3 export syncs` and the Syncs tab.
//!
//! The `icalendar` crate writes the file: it escapes text (backslashes, commas, semicolons, line
//! breaks) and folds lines longer than 75 octets. Times are written in UTC, which every calendar
//! shows in its reader's own zone; naming the sync's zone instead would need a VTIMEZONE block
//! describing its rules, which the crate does not produce. No clock is read here: the caller
//! passes the moment of export, so the same syncs and moment give the same bytes.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::domain::sync::{SyncFields, SyncId, SyncState, TrainerSync};

/// Names t3 as the program that made the file (the `PRODID` property).
pub const PRODUCT_ID: &str = "-//t3//Trainer Syncs//EN";

/// The name calendar apps give the file's events when they import it as a calendar of its own.
pub const CALENDAR_NAME: &str = "Trainer Syncs";

/// An iCalendar file of Trainer Syncs, and what went into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncsCalendar {
    /// The whole file, with the CRLF line endings RFC 5545 asks for.
    pub text: String,
    /// Events written, one per sync.
    pub events: usize,
    /// Syncs left out because their wall-clock start never happens in their time zone (the hour
    /// the clocks go forward). The app refuses such a start, so only a file edited by hand
    /// holds one.
    pub skipped: Vec<SyncId>,
}

/// Whether a sync belongs in a calendar exported on `today`: every sync on today or later,
/// whatever its state, so that a calendar which imported an earlier export also learns which
/// ones were cancelled.
pub fn is_exported(sync: &TrainerSync, today: NaiveDate) -> bool {
    sync.fields.date() >= today
}

/// An iCalendar file with one event per sync, stamped `now`.
///
/// Each event keeps the sync's stored UID, so importing a later export updates the events an
/// earlier one created instead of adding them again. Its `SEQUENCE` is the minutes from the Unix
/// epoch to `now`, so that calendars which only accept a revision newer than the one they hold
/// take every later export as one. A scheduled or held sync is `CONFIRMED`, a cancelled one
/// `CANCELLED`.
pub fn syncs_calendar(syncs: &[TrainerSync], now: DateTime<Utc>) -> SyncsCalendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODUCT_ID))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name(CALENDAR_NAME);
    let mut events = 0;
    let mut skipped = Vec::new();
    for sync in syncs {
        if let (Some(starts), Some(ends)) = (sync.fields.starts_utc(), sync.fields.ends_utc()) {
            calendar.push(event(sync, starts, ends, now));
            events += 1;
        } else {
            tracing::warn!(
                sync = sync.id.0,
                "sync left out of the calendar: its start never happens in its time zone"
            );
            skipped.push(sync.id);
        }
    }
    SyncsCalendar {
        text: calendar.to_string(),
        events,
        skipped,
    }
}

fn event(
    sync: &TrainerSync,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Event {
    let mut event = Event::new();
    event
        .uid(&calendar_text(&sync.uid))
        .timestamp(now)
        .sequence(sequence(now))
        .summary(&calendar_text(&sync.fields.title))
        .starts(starts)
        .ends(ends)
        .status(status(sync.state));
    if let Some(description) = description(&sync.fields) {
        event.description(&description);
    }
    if let Some(url) = recording_url(&sync.fields.recording_link) {
        event.url(url);
    }
    event.done()
}

fn status(state: SyncState) -> EventStatus {
    match state {
        SyncState::Scheduled | SyncState::Held => EventStatus::Confirmed,
        SyncState::Cancelled => EventStatus::Cancelled,
    }
}

/// Minutes since the Unix epoch: rises with every export a minute or more apart, and stays far
/// inside the 32-bit integer RFC 5545 allows for millennia.
fn sequence(now: DateTime<Utc>) -> u32 {
    u32::try_from(now.timestamp().div_euclid(60)).unwrap_or(0)
}

/// The agenda, then the recording link when there is one; `None` when both are empty.
fn description(fields: &SyncFields) -> Option<String> {
    let agenda = calendar_text(fields.agenda.trim_end());
    let link = calendar_text(fields.recording_link.trim());
    let recording = (!link.is_empty()).then(|| format!("Recording: {link}"));
    let parts: Vec<String> = [Some(agenda), recording]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// The recording link as a `URL` property, when it can be one: a URI value is written as it
/// is, unescaped, so a link with spaces or control characters in it (typed by hand, never a
/// real address) stays in the description only.
fn recording_url(link: &str) -> Option<&str> {
    let link = link.trim();
    let plain = !link.is_empty() && !link.chars().any(|c| c.is_whitespace() || c.is_control());
    plain.then_some(link)
}

/// Text as a calendar can carry it. Every line break becomes `\n`, which the crate escapes;
/// a carriage return it would write raw, ending the line early. Other control characters are
/// dropped: RFC 5545 text allows the tab and no other.
fn calendar_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDateTime, TimeZone};
    use chrono_tz::Tz;

    use super::*;

    fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(year, month, day)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 15, 9, 30, 0).unwrap()
    }

    fn sync(id: i64, starts_at: NaiveDateTime, time_zone: Tz) -> TrainerSync {
        TrainerSync {
            id: SyncId(id),
            fields: SyncFields {
                title: "Q3 Trainer Sync".into(),
                starts_at,
                time_zone,
                duration_minutes: 60,
                agenda: "Release 4.2".into(),
                recording_link: String::new(),
            },
            state: SyncState::Scheduled,
            uid: format!("{id:032x}@t3"),
        }
    }

    /// The file's content lines, unfolded, without their CRLF.
    fn lines(calendar: &SyncsCalendar) -> Vec<String> {
        calendar
            .text
            .replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_string)
            .collect()
    }

    fn has(calendar: &SyncsCalendar, line: &str) -> bool {
        lines(calendar).iter().any(|found| found == line)
    }

    #[test]
    fn a_sync_becomes_an_event_in_utc_with_its_own_uid() {
        let berlin = sync(7, at(2026, 7, 14, 16, 0), chrono_tz::Europe::Berlin);
        let calendar = syncs_calendar(std::slice::from_ref(&berlin), now());
        assert_eq!(calendar.events, 1);
        assert!(calendar.skipped.is_empty());
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//t3//Trainer Syncs//EN",
            "BEGIN:VEVENT",
            "UID:00000000000000000000000000000007@t3",
            "DTSTAMP:20260615T093000Z",
            "DTSTART:20260714T140000Z",
            "DTEND:20260714T150000Z",
            "SUMMARY:Q3 Trainer Sync",
            "DESCRIPTION:Release 4.2",
            "STATUS:CONFIRMED",
            "END:VEVENT",
            "END:VCALENDAR",
        ] {
            assert!(has(&calendar, line), "no {line:?} in\n{}", calendar.text);
        }
        assert!(calendar.text.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !calendar.text.replace("\r\n", "").contains(['\r', '\n']),
            "every line ends in CRLF"
        );
    }

    #[test]
    fn the_same_syncs_and_moment_give_the_same_bytes() {
        let syncs = [
            sync(1, at(2026, 9, 8, 16, 0), chrono_tz::Europe::Berlin),
            sync(2, at(2026, 12, 8, 11, 0), chrono_tz::America::New_York),
        ];
        assert_eq!(syncs_calendar(&syncs, now()), syncs_calendar(&syncs, now()));
    }

    #[test]
    fn a_later_export_is_a_later_revision() {
        let syncs = [sync(1, at(2026, 9, 8, 16, 0), chrono_tz::Europe::Berlin)];
        let sequence_of = |calendar: &SyncsCalendar| {
            lines(calendar)
                .iter()
                .find_map(|line| line.strip_prefix("SEQUENCE:")?.parse::<u32>().ok())
                .unwrap()
        };
        let earlier = syncs_calendar(&syncs, now());
        let later = syncs_calendar(&syncs, now() + chrono::Duration::days(1));
        assert!(sequence_of(&later) > sequence_of(&earlier));
    }

    #[test]
    fn daylight_saving_moves_the_utc_start() {
        let cases = [
            (
                at(2026, 6, 10, 16, 0),
                chrono_tz::Europe::Berlin,
                "20260610T140000Z",
            ),
            (
                at(2026, 12, 10, 16, 0),
                chrono_tz::Europe::Berlin,
                "20261210T150000Z",
            ),
            (
                at(2026, 6, 10, 16, 0),
                chrono_tz::America::New_York,
                "20260610T200000Z",
            ),
            (
                at(2026, 12, 10, 16, 0),
                chrono_tz::America::New_York,
                "20261210T210000Z",
            ),
            (at(2026, 6, 10, 16, 0), chrono_tz::UTC, "20260610T160000Z"),
        ];
        for (starts_at, zone, expected) in cases {
            let calendar = syncs_calendar(&[sync(1, starts_at, zone)], now());
            let line = format!("DTSTART:{expected}");
            assert!(has(&calendar, &line), "{zone}: no {line:?}");
        }
    }

    #[test]
    fn a_start_that_never_happens_is_left_out_and_counted() {
        let syncs = [
            sync(1, at(2026, 3, 8, 2, 30), chrono_tz::America::New_York),
            sync(2, at(2026, 3, 9, 2, 30), chrono_tz::America::New_York),
        ];
        let calendar = syncs_calendar(&syncs, now());
        assert_eq!(calendar.events, 1);
        assert_eq!(calendar.skipped, [SyncId(1)]);
        assert_eq!(calendar.text.matches("BEGIN:VEVENT").count(), 1);
        assert!(has(&calendar, "DTSTART:20260309T063000Z"));
    }

    #[test]
    fn commas_semicolons_and_line_breaks_are_escaped() {
        let mut agenda = sync(1, at(2026, 9, 8, 16, 0), chrono_tz::Europe::Berlin);
        agenda.fields.title = "Sync; Q3, Berlin".into();
        agenda.fields.agenda = "1. Release 4.2, new rubric;\r\n2. C:\\guides\n3. Q&A\r".into();
        let calendar = syncs_calendar(&[agenda], now());
        assert!(
            has(&calendar, r"SUMMARY:Sync\; Q3\, Berlin"),
            "{}",
            calendar.text
        );
        assert!(
            has(
                &calendar,
                r"DESCRIPTION:1. Release 4.2\, new rubric\;\n2. C:\\guides\n3. Q&A"
            ),
            "{}",
            calendar.text
        );
    }

    #[test]
    fn control_characters_never_reach_the_file() {
        let mut odd = sync(1, at(2026, 9, 8, 16, 0), chrono_tz::Europe::Berlin);
        odd.fields.title = "Sync\u{7}\u{1b}[31m\tred".into();
        let calendar = syncs_calendar(&[odd], now());
        assert!(has(&calendar, "SUMMARY:Sync[31m\tred"), "{}", calendar.text);
        assert!(
            !calendar
                .text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\r' | '\n' | '\t'))
        );
    }

    #[test]
    fn the_recording_link_is_a_url_and_a_line_of_the_description() {
        let mut recorded = sync(1, at(2026, 9, 8, 16, 0), chrono_tz::Europe::Berlin);
        recorded.fields.recording_link = " https://rec.example/q3?a=1;b=2 ".into();
        let calendar = syncs_calendar(&[recorded.clone()], now());
        assert!(has(&calendar, "URL:https://rec.example/q3?a=1;b=2"));
        assert!(has(
            &calendar,
            r"DESCRIPTION:Release 4.2\n\nRecording: https://rec.example/q3?a=1\;b=2"
        ));

        recorded.fields.agenda = String::new();
        recorded.fields.recording_link = "see the\nshared drive".into();
        let calendar = syncs_calendar(&[recorded.clone()], now());
        assert!(!calendar.text.contains("URL:"), "not an address");
        assert!(has(
            &calendar,
            r"DESCRIPTION:Recording: see the\nshared drive"
        ));

        recorded.fields.recording_link = String::new();
        let calendar = syncs_calendar(&[recorded], now());
        assert!(
            !calendar.text.contains("DESCRIPTION"),
            "nothing to describe"
        );
    }

    #[test]
    fn cancelled_syncs_say_so() {
        let mut cancelled = sync(1, at(2026, 9, 8, 16, 0), chrono_tz::Europe::Berlin);
        cancelled.state = SyncState::Cancelled;
        let mut held = sync(2, at(2026, 6, 15, 8, 0), chrono_tz::Europe::Berlin);
        held.state = SyncState::Held;
        let calendar = syncs_calendar(&[cancelled, held], now());
        assert_eq!(calendar.text.matches("STATUS:CANCELLED").count(), 1);
        assert_eq!(calendar.text.matches("STATUS:CONFIRMED").count(), 1);
    }

    #[test]
    fn long_lines_are_folded_within_75_octets() {
        let mut long = sync(1, at(2026, 9, 8, 16, 0), chrono_tz::Europe::Berlin);
        long.fields.agenda = "Überblick über die Änderungen, ".repeat(20);
        let calendar = syncs_calendar(std::slice::from_ref(&long), now());
        for line in calendar.text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        let description = lines(&calendar)
            .into_iter()
            .find(|line| line.starts_with("DESCRIPTION:"))
            .unwrap();
        assert_eq!(
            description,
            format!(
                "DESCRIPTION:{}",
                long.fields.agenda.trim_end().replace(',', r"\,")
            )
        );
    }

    #[test]
    fn exports_hold_today_and_later_whatever_their_state() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let mut cancelled = sync(1, at(2026, 6, 15, 8, 0), chrono_tz::Europe::Berlin);
        cancelled.state = SyncState::Cancelled;
        let past = sync(2, at(2026, 6, 14, 23, 0), chrono_tz::Europe::Berlin);
        assert!(is_exported(&cancelled, today));
        assert!(!is_exported(&past, today));
    }

    #[test]
    fn no_syncs_give_a_calendar_without_events() {
        let calendar = syncs_calendar(&[], now());
        assert_eq!(calendar.events, 0);
        assert!(calendar.text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(!calendar.text.contains("VEVENT"));
    }
}
