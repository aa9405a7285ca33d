//! Colours and styles, in one place.
//!
//! Every style reads on a dark and on a light terminal alike: text takes the terminal's own
//! foreground (made bold, faint or reversed for emphasis) or one of its sixteen named colours,
//! never white or black text that vanishes on one of the two backgrounds, and never a fixed RGB
//! value. A [`Theme`](super::themes::Theme) remaps these colours after each frame is drawn.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::certification::CertificationState;
use crate::domain::program::Readiness;
use crate::domain::risk::Severity;
use crate::domain::{T3Status, TrainerStatus};

pub const TAB_ACTIVE: Style = Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD));
pub const TAB_INACTIVE: Style = Style::new();
pub const HEADER: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
/// Reversed rather than a background colour: it shows on either background and keeps each
/// cell's own colour, now as the highlight.
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD));
/// Faint rather than grey: a grey that reads on black is lost on white, and the other way round.
pub const DIM: Style = Style::new().add_modifier(Modifier::DIM);
pub const LABEL: Style = Style::new().add_modifier(Modifier::DIM);
/// The terminal's own foreground, set rather than left out, so a title on a coloured border
/// does not take the border's colour.
pub const TITLE: Style = Style::new().fg(Color::Reset).add_modifier(Modifier::BOLD);
pub const KEY: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const INFO: Style = Style::new().fg(Color::Green);
/// Underlined across its width, so the field shows its extent; the cursor in it is reversed.
pub const FOCUSED_INPUT: Style = Style::new().add_modifier(Modifier::UNDERLINED);
pub const BORDER: Style = Style::new().fg(Color::Cyan);
pub const CURSOR: Style = Style::new().add_modifier(Modifier::REVERSED);

pub fn t3_status(status: T3Status) -> Style {
    match status {
        T3Status::Active => Style::new().fg(Color::Green),
        T3Status::Planned => Style::new().fg(Color::Cyan),
        T3Status::Paused => Style::new().fg(Color::Yellow),
        T3Status::None => DIM,
    }
}

pub fn trainer_status(status: TrainerStatus) -> Style {
    match status {
        TrainerStatus::Certified => Style::new().fg(Color::Green),
        TrainerStatus::Certifying | TrainerStatus::Selected => Style::new().fg(Color::Cyan),
        TrainerStatus::Candidate | TrainerStatus::Proposed => Style::new().fg(Color::Blue),
        TrainerStatus::Lapsed => Style::new().fg(Color::Red),
        TrainerStatus::Declined | TrainerStatus::Inactive => DIM,
    }
}

/// Certification urgency: act now, act soon, fine, under way.
pub const LAPSED: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const EXPIRING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const VALID: Style = Style::new().fg(Color::Green);
pub const PATHWAY: Style = Style::new().fg(Color::Cyan);
pub const PASSED: Style = Style::new().fg(Color::Green);
pub const FAILED: Style = Style::new().fg(Color::Red);

pub fn certification_state(state: CertificationState) -> Style {
    match state {
        CertificationState::Lapsed { .. } => LAPSED,
        CertificationState::Expiring { .. } => EXPIRING,
        CertificationState::Certified { .. } => VALID,
        CertificationState::Certifying => PATHWAY,
    }
}

/// Coverage below a third reads as a warning, above two thirds as healthy.
pub fn coverage(share: f64) -> Style {
    if share < 0.34 {
        Style::new().fg(Color::Yellow)
    } else if share >= 0.67 {
        Style::new().fg(Color::Green)
    } else {
        Style::new()
    }
}

/// The program metrics' bars: T3 accounts, the other accounts, and the account in scope.
pub const BAR_T3: Style = Style::new().fg(Color::Cyan);
pub const BAR_OTHER: Style = Style::new().fg(Color::Magenta);
pub const BAR_ACCOUNT: Style = Style::new().fg(Color::Yellow);
/// A pattern in the metrics worth a look: read before the figures around it.
pub const PATTERN: Style = Style::new().fg(Color::Yellow);

/// A finding's severity badge: critical shouts, low whispers.
pub fn severity(severity: Severity) -> Style {
    match severity {
        Severity::Critical => Style::new()
            .fg(Color::Red)
            .add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
        Severity::High => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Severity::Medium => Style::new().fg(Color::Yellow),
        Severity::Low => Style::new().fg(Color::Blue),
    }
}

/// A material against a release: ready before it shipped reads as fine, late as a warning,
/// missing as the problem it is.
pub const READY: Style = VALID;
pub const LATE: Style = EXPIRING;
pub const MISSING: Style = LAPSED;

pub fn readiness(readiness: Readiness) -> Style {
    match readiness {
        Readiness::Ready { .. } => READY,
        Readiness::Late { .. } => LATE,
        Readiness::Missing => MISSING,
    }
}

/// A material that has not caught up with the latest release trainers teach from.
pub const STALE: Style = EXPIRING;
