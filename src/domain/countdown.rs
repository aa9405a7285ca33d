//! The practicum countdown as a pure function of when it was started, paused and resumed, and
//! the time now.
//!
//! Times are offsets from any fixed origin the caller chooses (a monotonic clock's reading at
//! start-up, say), so the timer keeps correct time whatever the screen does in between, and
//! tests never sleep.

use std::time::Duration;

/// A practicum session is twenty minutes.
pub const PRACTICUM_LENGTH: Duration = Duration::from_mins(20);

const MINUTE: Duration = Duration::from_mins(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    /// The time allowed, including minutes added or removed.
    allowed: Duration,
    /// Time run in finished stretches (before the last pause).
    banked: Duration,
    /// When the current stretch began, if the countdown is running.
    running_since: Option<Duration>,
}

impl Countdown {
    pub fn new(allowed: Duration) -> Self {
        Self {
            allowed,
            banked: Duration::ZERO,
            running_since: None,
        }
    }

    pub fn practicum() -> Self {
        Self::new(PRACTICUM_LENGTH)
    }

    /// A paused countdown that has already run `used` of `allowed`, as a saved draft left it.
    pub fn resumed(allowed: Duration, used: Duration) -> Self {
        Self {
            allowed,
            banked: used,
            running_since: None,
        }
    }

    /// The time allowed, with the minutes added or removed.
    pub fn allowed(&self) -> Duration {
        self.allowed
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Starts or resumes; does nothing if already running.
    pub fn start(&mut self, now: Duration) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    /// Pauses; does nothing if already paused.
    pub fn pause(&mut self, now: Duration) {
        if let Some(since) = self.running_since.take() {
            self.banked += now.saturating_sub(since);
        }
    }

    pub fn add_minute(&mut self) {
        self.allowed += MINUTE;
    }

    /// Takes a minute off the time allowed, never below what has already run.
    pub fn remove_minute(&mut self, now: Duration) {
        self.allowed = self.allowed.saturating_sub(MINUTE).max(self.used(now));
    }

    /// Time the session has run so far.
    pub fn used(&self, now: Duration) -> Duration {
        self.banked
            + self
                .running_since
                .map_or(Duration::ZERO, |since| now.saturating_sub(since))
    }

    /// Time left, zero once it is up.
    pub fn remaining(&self, now: Duration) -> Duration {
        self.allowed.saturating_sub(self.used(now))
    }

    /// Time past the allowance, for showing how far over a session ran.
    pub fn overrun(&self, now: Duration) -> Duration {
        self.used(now).saturating_sub(self.allowed)
    }

    pub fn is_up(&self, now: Duration) -> bool {
        self.used(now) >= self.allowed
    }
}

/// `mm:ss`, as the big digits show it.
pub fn clock_face(duration: Duration) -> String {
    let seconds = duration.as_secs();
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> Duration {
        Duration::from_secs(seconds)
    }

    #[test]
    fn a_fresh_countdown_shows_twenty_minutes_and_does_not_run() {
        let countdown = Countdown::practicum();
        assert_eq!(clock_face(countdown.remaining(at(500))), "20:00");
        assert!(!countdown.is_running());
    }

    #[test]
    fn time_runs_only_while_started() {
        let mut countdown = Countdown::practicum();
        countdown.start(at(100));
        assert_eq!(clock_face(countdown.remaining(at(165))), "18:55");
        countdown.pause(at(200));
        assert_eq!(
            countdown.remaining(at(900)),
            at(1100),
            "paused time does not count"
        );
        countdown.start(at(1000));
        countdown.start(at(1010));
        assert_eq!(
            countdown.used(at(1060)),
            at(160),
            "a second start changes nothing"
        );
    }

    #[test]
    fn minutes_can_be_added_and_removed_but_not_below_what_ran() {
        let mut countdown = Countdown::practicum();
        countdown.start(at(0));
        countdown.add_minute();
        assert_eq!(clock_face(countdown.remaining(at(60))), "20:00");
        for _ in 0..30 {
            countdown.remove_minute(at(600));
        }
        assert_eq!(countdown.remaining(at(600)), Duration::ZERO);
        assert!(countdown.is_up(at(600)));
    }

    #[test]
    fn time_up_is_exact_and_the_overrun_is_measured() {
        let mut countdown = Countdown::practicum();
        countdown.start(at(10));
        assert!(!countdown.is_up(at(1209)));
        assert!(countdown.is_up(at(1210)));
        assert_eq!(countdown.remaining(at(1300)), Duration::ZERO);
        assert_eq!(countdown.overrun(at(1300)), at(90));
    }

    #[test]
    fn a_resumed_countdown_continues_from_what_was_used() {
        let mut countdown = Countdown::resumed(Duration::from_mins(21), at(300));
        assert!(
            !countdown.is_running(),
            "a resumed draft waits to be started"
        );
        assert_eq!(clock_face(countdown.remaining(at(9000))), "16:00");
        countdown.start(at(9000));
        assert_eq!(countdown.used(at(9060)), at(360));
        assert_eq!(countdown.allowed(), Duration::from_mins(21));
    }

    #[test]
    fn a_clock_going_backwards_never_panics() {
        let mut countdown = Countdown::practicum();
        countdown.start(at(100));
        assert_eq!(countdown.used(at(50)), Duration::ZERO);
        countdown.pause(at(40));
        assert_eq!(countdown.used(at(0)), Duration::ZERO);
    }
}
