//! Triage: what people did about a finding. Every action is kept, with who and when; the
//! state of a finding is what its actions add up to, so undoing one is taking it back.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::str::FromStr;

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::FieldError;
use super::risk::{Finding, FindingKey};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TriageEventId(pub i64);

/// One thing done about a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriageAction {
    Acknowledge,
    /// A contact with the account, with the note written about it.
    LogContact(String),
    /// Out of the list until this day; it comes back by itself on it.
    Snooze(NaiveDate),
    /// Someone is on it.
    Assign(String),
    /// Dealt with, and why.
    Resolve(String),
    /// Back in the list: a snooze or resolution no longer holds.
    Reopen,
}

impl TriageAction {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Acknowledge => "acknowledge",
            Self::LogContact(_) => "contact",
            Self::Snooze(_) => "snooze",
            Self::Assign(_) => "assign",
            Self::Resolve(_) => "resolve",
            Self::Reopen => "reopen",
        }
    }

    /// The text that goes with the action (note, person, reason, or the snooze date).
    pub fn detail(&self) -> String {
        match self {
            Self::Acknowledge | Self::Reopen => String::new(),
            Self::LogContact(text) | Self::Assign(text) | Self::Resolve(text) => text.clone(),
            Self::Snooze(until) => until.to_string(),
        }
    }

    /// Rebuilds an action from its stored kind and detail.
    pub fn from_parts(kind: &str, detail: &str) -> Result<Self, String> {
        match kind {
            "acknowledge" => Ok(Self::Acknowledge),
            "contact" => Ok(Self::LogContact(detail.to_string())),
            "snooze" => NaiveDate::from_str(detail)
                .map(Self::Snooze)
                .map_err(|_| format!("'{detail}' is not a snooze date")),
            "assign" => Ok(Self::Assign(detail.to_string())),
            "resolve" => Ok(Self::Resolve(detail.to_string())),
            "reopen" => Ok(Self::Reopen),
            other => Err(format!("'{other}' is not a triage action")),
        }
    }
}

impl fmt::Display for TriageAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Acknowledge => f.write_str("acknowledged"),
            Self::LogContact(note) => write!(f, "contact logged: {note}"),
            Self::Snooze(until) => write!(f, "snoozed until {until}"),
            Self::Assign(person) => write!(f, "assigned to {person}"),
            Self::Resolve(reason) => write!(f, "resolved: {reason}"),
            Self::Reopen => f.write_str("reopened"),
        }
    }
}

/// One recorded action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageEvent {
    pub id: TriageEventId,
    pub key: FindingKey,
    pub action: TriageAction,
    pub actor: String,
    pub at: NaiveDateTime,
}

/// Where a finding stands after the actions taken on it, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TriageState {
    pub acknowledged: bool,
    pub contacts: usize,
    pub snoozed_until: Option<NaiveDate>,
    pub assigned_to: Option<String>,
    pub resolved: Option<String>,
}

impl TriageState {
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a TriageEvent>) -> Self {
        let mut state = Self::default();
        for event in events {
            match &event.action {
                TriageAction::Acknowledge => state.acknowledged = true,
                TriageAction::LogContact(_) => {
                    state.contacts += 1;
                    state.acknowledged = true;
                }
                TriageAction::Snooze(until) => state.snoozed_until = Some(*until),
                TriageAction::Assign(person) => state.assigned_to = Some(person.clone()),
                TriageAction::Resolve(reason) => state.resolved = Some(reason.clone()),
                TriageAction::Reopen => {
                    state.resolved = None;
                    state.snoozed_until = None;
                }
            }
        }
        state
    }

    /// Snoozed and not yet due back on `today`.
    pub fn is_snoozed(&self, today: NaiveDate) -> bool {
        self.snoozed_until.is_some_and(|until| until > today)
    }

    /// Out of the list on `today`: resolved, or snoozed until a later day.
    pub fn is_hidden(&self, today: NaiveDate) -> bool {
        self.resolved.is_some() || self.is_snoozed(today)
    }
}

/// A finding with what has been done about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriagedFinding {
    pub finding: Finding,
    pub state: TriageState,
    /// The actions in force on it, oldest first.
    pub history: Vec<TriageEvent>,
}

impl TriagedFinding {
    pub fn is_hidden(&self, today: NaiveDate) -> bool {
        self.state.is_hidden(today)
    }
}

/// Pairs each finding with its triage history; triage kept for findings that no longer fire
/// (the data changed) is left out with them, and comes back if they fire again.
pub fn attach<S: BuildHasher>(
    findings: Vec<Finding>,
    mut history: HashMap<FindingKey, Vec<TriageEvent>, S>,
) -> Vec<TriagedFinding> {
    findings
        .into_iter()
        .map(|finding| {
            let history = history.remove(&finding.key).unwrap_or_default();
            TriagedFinding {
                state: TriageState::from_events(&history),
                finding,
                history,
            }
        })
        .collect()
}

/// How long a snooze lasts, as the snooze form offers it.
pub const SNOOZE_CHOICES: [&str; 4] = ["7 days", "14 days", "30 days", "to a date"];

/// The day a snooze ends, from the form's choice and date field: the finding is back in the
/// list on that day. A date must be after `today`, and is only read when "to a date" is chosen,
/// so that a date typed and then forgotten never quietly wins over the choice on screen.
pub fn snooze_until(choice: &str, date: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let days = match choice {
        "7 days" => 7,
        "14 days" => 14,
        "30 days" => 30,
        _ => {
            let until = super::validation::parse_date("until", date)?;
            if until <= today {
                return Err(FieldError::new(
                    "until",
                    format!("{until} is not after today ({today})"),
                ));
            }
            return Ok(until);
        }
    };
    if !date.trim().is_empty() {
        return Err(FieldError::new(
            "until",
            "choose 'to a date' above to snooze to this date, or clear it",
        ));
    }
    today
        .checked_add_days(Days::new(days))
        .ok_or_else(|| FieldError::new("for", "that is past the last date t3 can hold"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AccountId;
    use crate::domain::risk::Rule;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    fn event(action: TriageAction) -> TriageEvent {
        TriageEvent {
            id: TriageEventId(1),
            key: FindingKey {
                rule: Rule::LowCoverage,
                account: AccountId(3),
                trainer: None,
            },
            action,
            actor: "dana".into(),
            at: day(1).and_hms_opt(9, 0, 0).unwrap(),
        }
    }

    #[test]
    fn a_snooze_hides_the_finding_until_its_day() {
        let state = TriageState::from_events(&[event(TriageAction::Snooze(day(15)))]);
        assert!(state.is_hidden(day(14)));
        assert!(!state.is_hidden(day(15)), "back on the day itself");
    }

    #[test]
    fn the_state_adds_up_the_actions() {
        let events = [
            event(TriageAction::LogContact("called Ana".into())),
            event(TriageAction::Assign("Priya".into())),
            event(TriageAction::Assign("Marcus".into())),
            event(TriageAction::Resolve("renewed".into())),
        ];
        let state = TriageState::from_events(&events);
        assert!(state.acknowledged, "a contact acknowledges");
        assert_eq!(state.contacts, 1);
        assert_eq!(state.assigned_to.as_deref(), Some("Marcus"));
        assert!(state.is_hidden(day(1)));
    }

    #[test]
    fn a_snooze_lasts_the_chosen_days_or_to_a_later_date() {
        assert_eq!(snooze_until("7 days", "", day(10)), Ok(day(17)));
        assert_eq!(snooze_until("14 days", " ", day(10)), Ok(day(24)));
        assert_eq!(
            snooze_until("30 days", "", day(10)),
            Ok(NaiveDate::from_ymd_opt(2026, 7, 10).unwrap())
        );
        assert_eq!(
            snooze_until("to a date", "2026-06-20", day(10)),
            Ok(day(20))
        );
    }

    #[test]
    fn a_snooze_date_must_be_a_later_day_and_chosen() {
        let field_of = |result: Result<NaiveDate, FieldError>| result.unwrap_err().field;
        assert_eq!(field_of(snooze_until("to a date", "", day(10))), "until");
        assert_eq!(
            field_of(snooze_until("to a date", "20/06/2026", day(10))),
            "until"
        );
        let today = snooze_until("to a date", "2026-06-10", day(10)).unwrap_err();
        assert!(
            today.message.contains("not after today"),
            "{}",
            today.message
        );
        let forgotten = snooze_until("7 days", "2026-06-20", day(10)).unwrap_err();
        assert!(
            forgotten.message.contains("to a date"),
            "{}",
            forgotten.message
        );
    }

    #[test]
    fn reopening_brings_a_resolved_or_snoozed_finding_back() {
        let events = [
            event(TriageAction::Snooze(day(20))),
            event(TriageAction::Resolve("renewed".into())),
            event(TriageAction::Reopen),
        ];
        let state = TriageState::from_events(&events);
        assert!(!state.is_hidden(day(1)));
        assert_eq!(state.resolved, None);
        let again = TriageState::from_events(&[events[2].clone(), events[0].clone()]);
        assert!(again.is_snoozed(day(1)), "a later snooze holds again");
    }

    #[test]
    fn actions_round_trip_through_their_parts() {
        for action in [
            TriageAction::Acknowledge,
            TriageAction::LogContact("note".into()),
            TriageAction::Snooze(day(30)),
            TriageAction::Assign("Priya".into()),
            TriageAction::Resolve("fixed".into()),
            TriageAction::Reopen,
        ] {
            assert_eq!(
                TriageAction::from_parts(action.kind(), &action.detail()),
                Ok(action)
            );
        }
        assert!(TriageAction::from_parts("snooze", "soon").is_err());
    }
}
