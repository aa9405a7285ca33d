//! The practicum: a 20-minute sample session the trainer delivers, scored on a five-dimension
//! rubric with a written feedback note and an outcome.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDate;

use super::TrainerId;
use super::certification::{Module, ModuleCompletion, PassMarks};

/// What the evaluator watches for, in rubric order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    ObjectivesAndStructure,
    Timing,
    HandlingQuestions,
    ProductAccuracy,
    MixedSkillLevels,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Self::ObjectivesAndStructure,
        Self::Timing,
        Self::HandlingQuestions,
        Self::ProductAccuracy,
        Self::MixedSkillLevels,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ObjectivesAndStructure => "objectives-and-structure",
            Self::Timing => "timing",
            Self::HandlingQuestions => "handling-questions",
            Self::ProductAccuracy => "product-accuracy",
            Self::MixedSkillLevels => "mixed-skill-levels",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::ObjectivesAndStructure => "Objectives and structure",
            Self::Timing => "Timing",
            Self::HandlingQuestions => "Questions and off-topic turns",
            Self::ProductAccuracy => "Accuracy of product content",
            Self::MixedSkillLevels => "Reaching mixed skill levels",
        }
    }

    /// What a score of 1 to 5 looks like on this dimension, short enough to read at a glance
    /// beside the score.
    pub fn anchor(self, score: u8) -> &'static str {
        let anchors: [&str; 5] = match self {
            Self::ObjectivesAndStructure => [
                "no stated aim; jumps between topics",
                "aim mentioned, order hard to follow",
                "clear aim, mostly logical order",
                "clear aim, each part builds on the last",
                "aim, agenda and recap frame the session",
            ],
            Self::Timing => [
                "far over or under; sections cut",
                "rushed ending or long idle stretches",
                "within a few minutes of the slot",
                "on time, pace suits the content",
                "on time with room left for questions",
            ],
            Self::HandlingQuestions => [
                "questions ignored or derail the session",
                "answers, but loses the thread",
                "answers and returns to the plan",
                "parks off-topic turns and follows up",
                "turns questions into teaching moments",
            ],
            Self::ProductAccuracy => [
                "errors that would mislead users",
                "an error or an outdated step",
                "correct, with minor gaps",
                "correct and current",
                "correct, current, with real examples",
            ],
            Self::MixedSkillLevels => [
                "pitched at one level only",
                "loses beginners or bores experts",
                "checks understanding now and then",
                "adapts pace and examples to the room",
                "every level leaves with something",
            ],
        };
        let index = usize::from(score.clamp(1, 5) - 1);
        anchors[index]
    }
}

impl FromStr for Dimension {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|dimension| dimension.as_str() == text.trim())
            .ok_or_else(|| format!("'{text}' is not a practicum rubric dimension"))
    }
}

/// The evaluator's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Pass,
    NeedsWork,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::NeedsWork => "needs-work",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "pass" => Ok(Self::Pass),
            "needs-work" => Ok(Self::NeedsWork),
            other => Err(format!(
                "'{other}' is not a practicum outcome (pass, needs-work)"
            )),
        }
    }
}

/// The five scores, each 1–5 once given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rubric {
    scores: [Option<u8>; 5],
}

impl Rubric {
    pub fn score(&self, dimension: Dimension) -> Option<u8> {
        self.scores[Self::index(dimension)]
    }

    /// Sets a score, kept within 1–5.
    pub fn set(&mut self, dimension: Dimension, score: u8) {
        self.scores[Self::index(dimension)] = Some(score.clamp(1, 5));
    }

    pub fn scored(&self) -> usize {
        self.scores.iter().flatten().count()
    }

    /// The module score (0–100): the points given as a share of the 25 possible. `None` until
    /// every dimension is scored, since a partial rubric would read as a poor one.
    pub fn module_score(&self) -> Option<u8> {
        let mut points = 0u8;
        for score in self.scores {
            points += score?;
        }
        Some(points * 4)
    }

    fn index(dimension: Dimension) -> usize {
        Dimension::ALL
            .iter()
            .position(|d| *d == dimension)
            .unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PracticumId(pub i64);

/// A practicum as the evaluator fills it in; kept as a draft until it is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practicum {
    pub id: PracticumId,
    pub trainer: TrainerId,
    pub started_on: NaiveDate,
    pub rubric: Rubric,
    pub feedback: String,
    pub evaluator: String,
    pub outcome: Option<Outcome>,
    /// The time allowed, 20 minutes plus or minus what was added or removed.
    pub allowed: Duration,
    /// The time the session ran, as last saved.
    pub used: Duration,
    /// The day it was recorded as a module completion; `None` while a draft.
    pub recorded_on: Option<NaiveDate>,
}

/// Why a practicum cannot be recorded yet, in words for the evaluator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PracticumError {
    #[error("score every rubric dimension first: {} still unscored", unscored(.0))]
    Unscored(Rubric),
    #[error("choose the outcome: p for pass, w for needs work")]
    NoOutcome,
    #[error("name the evaluator: the result is recorded with who judged it")]
    NoEvaluator,
    #[error(
        "the rubric adds up to {score}, below the practicum pass mark of {mark}: raise the scores that earned it or record needs work"
    )]
    PassBelowMark { score: u8, mark: u8 },
    #[error(
        "the rubric adds up to {score}, at or above the pass mark of {mark}: lower the dimension that needs work or record a pass"
    )]
    NeedsWorkAboveMark { score: u8, mark: u8 },
    #[error("this practicum was already recorded on {0}")]
    AlreadyRecorded(NaiveDate),
}

fn unscored(rubric: &Rubric) -> String {
    Dimension::ALL
        .into_iter()
        .filter(|dimension| rubric.score(*dimension).is_none())
        .map(Dimension::title)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Practicum {
    /// The module completion this practicum records on `on`, if it is complete and its
    /// outcome agrees with the rubric: a pass must reach the pass mark and "needs work" must
    /// not, so the module's pass or fail always matches what the evaluator chose.
    pub fn completion(
        &self,
        marks: PassMarks,
        on: NaiveDate,
    ) -> Result<ModuleCompletion, PracticumError> {
        if let Some(day) = self.recorded_on {
            return Err(PracticumError::AlreadyRecorded(day));
        }
        let score = self
            .rubric
            .module_score()
            .ok_or(PracticumError::Unscored(self.rubric))?;
        let outcome = self.outcome.ok_or(PracticumError::NoOutcome)?;
        let evaluator = self.evaluator.trim();
        if evaluator.is_empty() {
            return Err(PracticumError::NoEvaluator);
        }
        let mark = marks.of(Module::Practicum);
        match outcome {
            Outcome::Pass if score < mark => {
                return Err(PracticumError::PassBelowMark { score, mark });
            }
            Outcome::NeedsWork if score >= mark => {
                return Err(PracticumError::NeedsWorkAboveMark { score, mark });
            }
            _ => {}
        }
        Ok(ModuleCompletion {
            module: Module::Practicum,
            completed_on: on,
            score,
            evaluator: evaluator.to_string(),
            note: self.feedback.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::countdown::PRACTICUM_LENGTH;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    fn draft() -> Practicum {
        Practicum {
            id: PracticumId(1),
            trainer: TrainerId(7),
            started_on: day(1),
            rubric: Rubric::default(),
            feedback: "  Strong opening.  ".into(),
            evaluator: "Priya".into(),
            outcome: None,
            allowed: PRACTICUM_LENGTH,
            used: Duration::from_mins(19),
            recorded_on: None,
        }
    }

    fn scored(scores: [u8; 5]) -> Practicum {
        let mut practicum = draft();
        for (dimension, score) in Dimension::ALL.into_iter().zip(scores) {
            practicum.rubric.set(dimension, score);
        }
        practicum
    }

    #[test]
    fn the_score_is_the_share_of_the_points() {
        assert_eq!(scored([5, 5, 5, 5, 5]).rubric.module_score(), Some(100));
        assert_eq!(scored([1, 1, 1, 1, 1]).rubric.module_score(), Some(20));
        assert_eq!(scored([4, 3, 4, 3, 4]).rubric.module_score(), Some(72));
        let mut partial = draft();
        partial.rubric.set(Dimension::Timing, 5);
        assert_eq!(partial.rubric.module_score(), None);
        assert_eq!(partial.rubric.scored(), 1);
    }

    #[test]
    fn scores_stay_within_the_scale() {
        let mut rubric = Rubric::default();
        rubric.set(Dimension::Timing, 9);
        assert_eq!(rubric.score(Dimension::Timing), Some(5));
        rubric.set(Dimension::Timing, 0);
        assert_eq!(rubric.score(Dimension::Timing), Some(1));
    }

    #[test]
    fn every_score_has_an_anchor() {
        for dimension in Dimension::ALL {
            let anchors: Vec<_> = (1..=5).map(|score| dimension.anchor(score)).collect();
            for anchor in &anchors {
                assert!(!anchor.is_empty() && anchor.len() <= 40, "{anchor}");
            }
            let mut distinct = anchors.clone();
            distinct.dedup();
            assert_eq!(distinct.len(), 5, "{dimension:?} repeats an anchor");
        }
    }

    #[test]
    fn recording_needs_a_full_rubric_an_outcome_and_an_evaluator() {
        let marks = PassMarks::default();
        let mut practicum = draft();
        practicum.rubric.set(Dimension::Timing, 4);
        let error = practicum.completion(marks, day(2)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "score every rubric dimension first: Objectives and structure, Questions and off-topic turns, Accuracy of product content, Reaching mixed skill levels still unscored"
        );
        let mut practicum = scored([4, 4, 4, 4, 4]);
        assert_eq!(
            practicum.completion(marks, day(2)),
            Err(PracticumError::NoOutcome)
        );
        practicum.outcome = Some(Outcome::Pass);
        practicum.evaluator = "  ".into();
        assert_eq!(
            practicum.completion(marks, day(2)),
            Err(PracticumError::NoEvaluator)
        );
        practicum.evaluator = "Priya".into();
        let completion = practicum.completion(marks, day(2)).unwrap();
        assert_eq!(completion.score, 80);
        assert_eq!(completion.module, Module::Practicum);
        assert_eq!(completion.note, "Strong opening.");
        assert!(completion.passed(marks));
    }

    #[test]
    fn the_outcome_must_agree_with_the_pass_mark() {
        let marks = PassMarks::default();
        let mut low = scored([3, 3, 4, 3, 4]);
        low.outcome = Some(Outcome::Pass);
        assert_eq!(
            low.completion(marks, day(2)),
            Err(PracticumError::PassBelowMark {
                score: 68,
                mark: 70
            })
        );
        low.outcome = Some(Outcome::NeedsWork);
        let completion = low.completion(marks, day(2)).unwrap();
        assert!(
            !completion.passed(marks),
            "needs work never counts as a pass"
        );

        let mut high = scored([4, 3, 4, 3, 4]);
        high.outcome = Some(Outcome::NeedsWork);
        assert_eq!(
            high.completion(marks, day(2)),
            Err(PracticumError::NeedsWorkAboveMark {
                score: 72,
                mark: 70
            })
        );
    }

    #[test]
    fn a_recorded_practicum_is_not_recorded_twice() {
        let mut practicum = scored([5, 5, 5, 5, 5]);
        practicum.outcome = Some(Outcome::Pass);
        practicum.recorded_on = Some(day(3));
        assert_eq!(
            practicum.completion(PassMarks::default(), day(4)),
            Err(PracticumError::AlreadyRecorded(day(3)))
        );
    }

    #[test]
    fn names_round_trip_through_text() {
        for dimension in Dimension::ALL {
            assert_eq!(dimension.as_str().parse::<Dimension>(), Ok(dimension));
        }
        for outcome in [Outcome::Pass, Outcome::NeedsWork] {
            assert_eq!(outcome.as_str().parse::<Outcome>(), Ok(outcome));
        }
        assert!("brilliant".parse::<Outcome>().is_err());
    }
}
