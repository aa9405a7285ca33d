//! The trainer certification pathway, certification validity, and renewal.
//!
//! A certification is valid through its expiry date and lapsed from the day after; "lapsed" is
//! always computed from the dates and today, never stored by a job that has to run.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer};

use super::{TrainerId, TrainerRow, TrainerStatus};

/// How long a certification is valid.
pub const VALIDITY_MONTHS: u32 = 12;

/// A certification this close to its expiry (in days) shows as expiring.
pub const EXPIRING_WITHIN_DAYS: i64 = 30;

/// A renewal needs an extended assessment passed at most this many days before it.
pub const RENEWAL_ASSESSMENT_WINDOW_DAYS: u64 = 60;

/// The four modules a trainer completes beyond end-user certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Module {
    ExtendedAssessment,
    FacilitationSkills,
    TroubleshootingDeepDive,
    Practicum,
}

impl Module {
    pub const ALL: [Module; 4] = [
        Self::ExtendedAssessment,
        Self::FacilitationSkills,
        Self::TroubleshootingDeepDive,
        Self::Practicum,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ExtendedAssessment => "extended-assessment",
            Self::FacilitationSkills => "facilitation-skills",
            Self::TroubleshootingDeepDive => "troubleshooting-deep-dive",
            Self::Practicum => "practicum",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::ExtendedAssessment => "Extended assessment",
            Self::FacilitationSkills => "Facilitation skills",
            Self::TroubleshootingDeepDive => "Troubleshooting deep dive",
            Self::Practicum => "Practicum",
        }
    }
}

impl fmt::Display for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

impl FromStr for Module {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|module| module.as_str() == text.trim())
            .ok_or_else(|| format!("'{text}' is not a certification module"))
    }
}

/// The score (0–100) each module needs to count as passed.
///
/// Read from the `[pass_marks]` section of the config file, where a module left out keeps its
/// default and a key that names no module is refused, so a typo cannot pass unnoticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PassMarks {
    #[serde(deserialize_with = "score")]
    pub extended_assessment: u8,
    #[serde(deserialize_with = "score")]
    pub facilitation_skills: u8,
    #[serde(deserialize_with = "score")]
    pub troubleshooting_deep_dive: u8,
    #[serde(deserialize_with = "score")]
    pub practicum: u8,
}

/// A pass mark as written in a file: a whole number on the 0–100 scale of module scores.
fn score<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    let value = i64::deserialize(deserializer)?;
    u8::try_from(value)
        .ok()
        .filter(|score| *score <= 100)
        .ok_or_else(|| serde::de::Error::custom(format!("{value} is not a score from 0 to 100")))
}

impl Default for PassMarks {
    /// The assessment of product knowledge asks most; the practicum is judged on a rubric
    /// whose middle already means "ready with coaching".
    fn default() -> Self {
        Self {
            extended_assessment: 80,
            facilitation_skills: 75,
            troubleshooting_deep_dive: 75,
            practicum: 70,
        }
    }
}

impl PassMarks {
    pub fn of(self, module: Module) -> u8 {
        match module {
            Module::ExtendedAssessment => self.extended_assessment,
            Module::FacilitationSkills => self.facilitation_skills,
            Module::TroubleshootingDeepDive => self.troubleshooting_deep_dive,
            Module::Practicum => self.practicum,
        }
    }
}

/// One attempt at a module; failed attempts are kept, only passes count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleCompletion {
    pub module: Module,
    pub completed_on: NaiveDate,
    /// 0–100.
    pub score: u8,
    pub evaluator: String,
    pub note: String,
}

impl ModuleCompletion {
    pub fn passed(&self, marks: PassMarks) -> bool {
        self.score >= marks.of(self.module)
    }
}

/// The modules not yet passed, in pathway order.
pub fn modules_missing(completions: &[ModuleCompletion], marks: PassMarks) -> Vec<Module> {
    Module::ALL
        .into_iter()
        .filter(|module| {
            !completions
                .iter()
                .any(|completion| completion.module == *module && completion.passed(marks))
        })
        .collect()
}

/// The day a certification granted on `granted_on` expires: twelve months on, the last day of
/// the month when that day does not exist (a 29 February grant expires on 28 February).
pub fn expiry_for(granted_on: NaiveDate) -> NaiveDate {
    granted_on
        .checked_add_months(Months::new(VALIDITY_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// Where a trainer stands on certification today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificationState {
    /// On the pathway, never certified.
    Certifying,
    /// Valid, with more than 30 days left.
    Certified { days_left: i64 },
    /// Valid, expiring within 30 days (0 means it expires today).
    Expiring { days_left: i64 },
    /// Expired this many days ago (1 means it expired yesterday).
    Lapsed { days_ago: i64 },
}

impl CertificationState {
    /// Computes the state from the latest certification's expiry date, if any.
    pub fn on(today: NaiveDate, latest_expiry: Option<NaiveDate>) -> Self {
        let Some(expires_on) = latest_expiry else {
            return Self::Certifying;
        };
        let days_left = (expires_on - today).num_days();
        if days_left < 0 {
            Self::Lapsed {
                days_ago: -days_left,
            }
        } else if days_left <= EXPIRING_WITHIN_DAYS {
            Self::Expiring { days_left }
        } else {
            Self::Certified { days_left }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Certifying => "certifying",
            Self::Certified { .. } => "certified",
            Self::Expiring { .. } => "expiring",
            Self::Lapsed { .. } => "lapsed",
        }
    }

    /// Sort key, most urgent first: lapsed (longest ago first), expiring (soonest first), then
    /// trainers on the pathway, then valid certifications by days left.
    pub fn urgency(self) -> (u8, i64) {
        match self {
            Self::Lapsed { days_ago } => (0, -days_ago),
            Self::Expiring { days_left } => (1, days_left),
            Self::Certifying => (2, 0),
            Self::Certified { days_left } => (3, days_left),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CertificationId(pub i64);

/// A granted certification; a renewal is a new one linked to the one it renews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certification {
    pub id: CertificationId,
    pub trainer_id: TrainerId,
    /// The number printed on the certificate, `T3-<year>-<id>`.
    pub number: String,
    pub granted_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub renews: Option<CertificationId>,
}

/// One trainer's whole pathway: every module attempt and every certification, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pathway {
    pub row: TrainerRow,
    pub completions: Vec<ModuleCompletion>,
    pub certifications: Vec<Certification>,
}

impl Pathway {
    /// The best score recorded for `module`, if it was attempted.
    pub fn best_score(&self, module: Module) -> Option<u8> {
        self.completions
            .iter()
            .filter(|completion| completion.module == module)
            .map(|completion| completion.score)
            .max()
    }

    pub fn passed(&self, module: Module, marks: PassMarks) -> bool {
        self.best_score(module)
            .is_some_and(|score| score >= marks.of(module))
    }

    pub fn modules_passed(&self, marks: PassMarks) -> usize {
        Module::ALL
            .into_iter()
            .filter(|module| self.passed(*module, marks))
            .count()
    }

    /// The certification in force or last in force: the one that expires last.
    pub fn latest(&self) -> Option<&Certification> {
        self.certifications
            .iter()
            .max_by_key(|certification| (certification.expires_on, certification.id))
    }

    /// How many times the certification was renewed.
    pub fn renewals(&self) -> usize {
        self.certifications
            .iter()
            .filter(|certification| certification.renews.is_some())
            .count()
    }

    pub fn state(&self, today: NaiveDate) -> CertificationState {
        CertificationState::on(today, self.latest().map(|c| c.expires_on))
    }

    /// Every module passed and never certified: the next step is to certify.
    pub fn ready_to_certify(&self, marks: PassMarks) -> bool {
        self.certifications.is_empty() && self.modules_passed(marks) == Module::ALL.len()
    }

    /// Sort key for the Certification tab, most urgent first. Within trainers on the pathway,
    /// those ready to certify come first, then those furthest along.
    pub fn urgency(&self, today: NaiveDate, marks: PassMarks) -> (u8, i64) {
        match self.state(today) {
            CertificationState::Certifying => {
                let passed = self.modules_passed(marks) as i64;
                (
                    2,
                    if self.ready_to_certify(marks) {
                        -10
                    } else {
                        -passed
                    },
                )
            }
            state => state.urgency(),
        }
    }
}

/// Why a certification step was refused, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificationError {
    #[error("not every module is passed yet: {} still to pass", list(.0))]
    ModulesMissing(Vec<Module>),
    #[error(
        "renewal needs an extended assessment passed within the last {RENEWAL_ASSESSMENT_WINDOW_DAYS} days; {}",
        match .0 { Some(day) => format!("the latest pass was on {day}"), None => "there is none".to_string() }
    )]
    NoRecentAssessment(Option<NaiveDate>),
    #[error(
        "only selected, certifying, certified or lapsed trainers take modules; this one is {0}"
    )]
    NotOnPathway(TrainerStatus),
    #[error("only a trainer on the pathway (certifying) can be certified; this one is {0}")]
    NotCertifying(TrainerStatus),
    #[error("there is no certification to renew: certify the trainer first")]
    NothingToRenew,
}

/// Whether a trainer in `status` may record a module result, and the status it leads to:
/// the first result moves a selected trainer onto the pathway.
pub fn record_module(status: TrainerStatus) -> Result<TrainerStatus, CertificationError> {
    match status {
        TrainerStatus::Selected => Ok(TrainerStatus::Certifying),
        TrainerStatus::Certifying | TrainerStatus::Certified | TrainerStatus::Lapsed => Ok(status),
        other => Err(CertificationError::NotOnPathway(other)),
    }
}

fn list(modules: &[Module]) -> String {
    modules
        .iter()
        .map(|module| module.title())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A first certification needs every module passed.
pub fn can_certify(
    completions: &[ModuleCompletion],
    marks: PassMarks,
) -> Result<(), CertificationError> {
    let missing = modules_missing(completions, marks);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(CertificationError::ModulesMissing(missing))
    }
}

/// A renewal on `renewed_on` needs a passed extended assessment in the 60 days before it.
pub fn can_renew(
    completions: &[ModuleCompletion],
    marks: PassMarks,
    renewed_on: NaiveDate,
) -> Result<(), CertificationError> {
    let window_start = renewed_on
        .checked_sub_days(Days::new(RENEWAL_ASSESSMENT_WINDOW_DAYS))
        .unwrap_or(NaiveDate::MIN);
    let latest_pass = completions
        .iter()
        .filter(|c| {
            c.module == Module::ExtendedAssessment
                && c.passed(marks)
                && c.completed_on <= renewed_on
        })
        .map(|c| c.completed_on)
        .max();
    match latest_pass {
        Some(day) if day >= window_start => Ok(()),
        other => Err(CertificationError::NoRecentAssessment(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn completion(module: Module, on: NaiveDate, score: u8) -> ModuleCompletion {
        ModuleCompletion {
            module,
            completed_on: on,
            score,
            evaluator: "Priya".into(),
            note: String::new(),
        }
    }

    #[test]
    fn expiry_is_twelve_months_on_with_leap_days_clamped() {
        assert_eq!(expiry_for(day(2026, 6, 15)), day(2027, 6, 15));
        assert_eq!(expiry_for(day(2028, 2, 29)), day(2029, 2, 28));
        assert_eq!(expiry_for(day(2027, 2, 28)), day(2028, 2, 28));
        assert_eq!(expiry_for(day(2026, 12, 31)), day(2027, 12, 31));
    }

    #[test]
    fn state_at_the_boundaries() {
        let today = day(2026, 6, 15);
        let cases = [
            (None, CertificationState::Certifying),
            (Some(today), CertificationState::Expiring { days_left: 0 }),
            (
                Some(day(2026, 6, 14)),
                CertificationState::Lapsed { days_ago: 1 },
            ),
            (
                Some(day(2026, 7, 15)),
                CertificationState::Expiring { days_left: 30 },
            ),
            (
                Some(day(2026, 7, 16)),
                CertificationState::Certified { days_left: 31 },
            ),
        ];
        for (expiry, expected) in cases {
            assert_eq!(
                CertificationState::on(today, expiry),
                expected,
                "{expiry:?}"
            );
        }
    }

    #[test]
    fn a_leap_day_counts_as_a_day() {
        // February 2028 has 29 days: from 31 January to 1 March is 30 days, not 29.
        let expiry = day(2028, 3, 1);
        let on = |today| CertificationState::on(today, Some(expiry));
        assert_eq!(
            on(day(2028, 1, 30)),
            CertificationState::Certified { days_left: 31 }
        );
        assert_eq!(
            on(day(2028, 1, 31)),
            CertificationState::Expiring { days_left: 30 }
        );
        assert_eq!(
            on(day(2028, 2, 29)),
            CertificationState::Expiring { days_left: 1 }
        );
        assert_eq!(
            on(day(2028, 3, 2)),
            CertificationState::Lapsed { days_ago: 1 }
        );
    }

    #[test]
    fn the_most_urgent_sort_first() {
        let mut states = [
            CertificationState::Certified { days_left: 200 },
            CertificationState::Certifying,
            CertificationState::Expiring { days_left: 12 },
            CertificationState::Lapsed { days_ago: 3 },
            CertificationState::Expiring { days_left: 2 },
            CertificationState::Lapsed { days_ago: 90 },
        ];
        states.sort_by_key(|state| state.urgency());
        let labels: Vec<_> = states
            .iter()
            .map(|state| format!("{}{:?}", state.label(), state.urgency().1))
            .collect();
        assert_eq!(
            labels,
            [
                "lapsed-90",
                "lapsed-3",
                "expiring2",
                "expiring12",
                "certifying0",
                "certified200"
            ]
        );
    }

    #[test]
    fn certifying_needs_every_module_passed_and_says_which_are_missing() {
        let marks = PassMarks::default();
        let on = day(2026, 5, 1);
        let mut done = vec![
            completion(Module::ExtendedAssessment, on, 92),
            completion(Module::FacilitationSkills, on, 60),
            completion(Module::TroubleshootingDeepDive, on, 75),
        ];
        let error = can_certify(&done, marks).unwrap_err();
        assert_eq!(
            error.to_string(),
            "not every module is passed yet: Facilitation skills, Practicum still to pass"
        );
        done.push(completion(Module::FacilitationSkills, on, 75));
        done.push(completion(Module::Practicum, on, 70));
        assert_eq!(can_certify(&done, marks), Ok(()));
    }

    #[test]
    fn renewal_needs_a_fresh_extended_assessment_pass() {
        let marks = PassMarks::default();
        let renewal = day(2027, 6, 15);
        let old_pass = [completion(Module::ExtendedAssessment, day(2026, 4, 1), 95)];
        let error = can_renew(&old_pass, marks, renewal).unwrap_err();
        assert_eq!(
            error.to_string(),
            "renewal needs an extended assessment passed within the last 60 days; the latest pass was on 2026-04-01"
        );
        let failed = [completion(Module::ExtendedAssessment, day(2027, 6, 1), 79)];
        assert_eq!(
            can_renew(&failed, marks, renewal),
            Err(CertificationError::NoRecentAssessment(None))
        );
        let edge = [completion(Module::ExtendedAssessment, day(2027, 4, 16), 80)];
        assert_eq!(
            can_renew(&edge, marks, renewal),
            Ok(()),
            "exactly 60 days before counts"
        );
        let too_old = [completion(Module::ExtendedAssessment, day(2027, 4, 15), 80)];
        assert!(
            can_renew(&too_old, marks, renewal).is_err(),
            "61 days before does not"
        );
    }

    #[test]
    fn only_trainers_on_the_pathway_take_modules() {
        use TrainerStatus::*;
        assert_eq!(record_module(Selected), Ok(Certifying));
        assert_eq!(record_module(Certifying), Ok(Certifying));
        assert_eq!(
            record_module(Lapsed),
            Ok(Lapsed),
            "a lapsed trainer re-sits the assessment"
        );
        for status in [Candidate, Proposed, Declined, Inactive] {
            assert_eq!(
                record_module(status),
                Err(CertificationError::NotOnPathway(status))
            );
        }
    }

    #[test]
    fn modules_round_trip_through_text() {
        for module in Module::ALL {
            assert_eq!(module.as_str().parse::<Module>(), Ok(module));
        }
        assert!("yoga".parse::<Module>().is_err());
    }
}
