//! Selection assessments: a candidate's answers to the questionnaire, the scores and warnings
//! they produce, and the vendor's review that decides whether the candidate is selected.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::questionnaire::{Questionnaire, WarningRule};
use super::{TrainerId, TrainerStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AssessmentId(pub i64);

/// Where an assessment stands: being answered, waiting for the vendor, or decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewState {
    Draft,
    Pending,
    Approved,
    Declined,
}

impl ReviewState {
    pub const ALL: [ReviewState; 4] = [Self::Draft, Self::Pending, Self::Approved, Self::Declined];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Declined => "declined",
        }
    }
}

impl fmt::Display for ReviewState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReviewState {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|state| state.as_str() == text.trim())
            .ok_or_else(|| {
                format!("'{text}' is not a review state (draft, pending, approved, declined)")
            })
    }
}

/// Answers given so far: scores by question id (`criterion.question`), evidence notes by
/// criterion key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub scores: BTreeMap<String, u8>,
    pub notes: BTreeMap<String, String>,
}

/// The vendor's decision on a submitted assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub reviewer: String,
    pub reviewed_on: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub id: AssessmentId,
    pub trainer_id: TrainerId,
    pub started_on: NaiveDate,
    pub state: ReviewState,
    /// The wizard step the draft was left on, so it resumes there.
    pub step: usize,
    pub answers: Answers,
    pub submitted_on: Option<NaiveDate>,
    pub review: Option<Review>,
}

/// How strongly the answers support selecting the candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Recommendation {
    NotRecommended,
    Consider,
    StronglyRecommended,
}

impl Recommendation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StronglyRecommended => "strongly recommended",
            Self::Consider => "consider",
            Self::NotRecommended => "not recommended",
        }
    }
}

/// A warning pattern that fired, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiredWarning {
    pub key: String,
    pub message: String,
}

/// What the answers add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Each criterion's score (the mean of its answered questions), in questionnaire order.
    pub criterion_scores: Vec<Option<f64>>,
    /// The mean of the criterion scores, once every question is answered.
    pub overall: Option<f64>,
    pub recommendation: Option<Recommendation>,
    /// The rule that produced the recommendation, in words.
    pub reason: String,
    pub warnings: Vec<FiredWarning>,
    pub answered: usize,
    pub total: usize,
}

impl Summary {
    pub fn is_complete(&self) -> bool {
        self.answered == self.total
    }
}

/// Scores `answers` against `questionnaire`.
///
/// The recommendation is only given once every question is answered: a partial score would
/// read as a verdict the consultant has not reached.
pub fn summarise(questionnaire: &Questionnaire, answers: &Answers) -> Summary {
    let criterion_scores: Vec<Option<f64>> = questionnaire
        .criteria
        .iter()
        .map(|criterion| {
            let given: Vec<f64> = criterion
                .questions
                .iter()
                .filter_map(|question| answers.scores.get(&question.id))
                .map(|score| f64::from(*score))
                .collect();
            (!given.is_empty()).then(|| given.iter().sum::<f64>() / given.len() as f64)
        })
        .collect();
    let total = questionnaire.question_count();
    let answered = questionnaire
        .criteria
        .iter()
        .flat_map(|criterion| &criterion.questions)
        .filter(|question| answers.scores.contains_key(&question.id))
        .count();
    let warnings = fired_warnings(questionnaire, answers, &criterion_scores);
    let overall = (answered == total && total > 0)
        .then(|| criterion_scores.iter().flatten().sum::<f64>() / criterion_scores.len() as f64);
    let (recommendation, reason) = match overall {
        Some(overall) => {
            let (level, reason) = recommend(questionnaire, overall, warnings.len());
            (Some(level), reason)
        }
        None => (None, format!("{answered} of {total} questions answered")),
    };
    Summary {
        criterion_scores,
        overall,
        recommendation,
        reason,
        warnings,
        answered,
        total,
    }
}

fn recommend(
    questionnaire: &Questionnaire,
    overall: f64,
    warnings: usize,
) -> (Recommendation, String) {
    let strong = questionnaire.strongly_recommended_from;
    let consider = questionnaire.consider_from;
    if overall >= strong && warnings == 0 {
        (
            Recommendation::StronglyRecommended,
            format!("overall {overall:.1} is at least {strong:.1} and no warning fired"),
        )
    } else if overall >= strong {
        let plural = if warnings == 1 { "" } else { "s" };
        (
            Recommendation::Consider,
            format!(
                "overall {overall:.1} is at least {strong:.1}, but {warnings} warning{plural} fired"
            ),
        )
    } else if overall >= consider {
        (
            Recommendation::Consider,
            format!("overall {overall:.1} is between {consider:.1} and {strong:.1}"),
        )
    } else {
        (
            Recommendation::NotRecommended,
            format!("overall {overall:.1} is below {consider:.1}"),
        )
    }
}

fn fired_warnings(
    questionnaire: &Questionnaire,
    answers: &Answers,
    scores: &[Option<f64>],
) -> Vec<FiredWarning> {
    let score = |index: usize| scores.get(index).copied().flatten();
    let name = |index: usize| {
        questionnaire
            .criteria
            .get(index)
            .map_or("", |criterion| criterion.name.as_str())
    };
    let fill = |message: &str, index: usize, value: f64| {
        message
            .replace("{criterion}", name(index))
            .replace("{score}", &format!("{value:.1}"))
    };
    let mut fired = Vec::new();
    for warning in &questionnaire.warnings {
        let mut fire = |message: String| {
            fired.push(FiredWarning {
                key: warning.key.clone(),
                message,
            });
        };
        match &warning.rule {
            WarningRule::AnyCriterionAtMost { threshold } => {
                for index in 0..scores.len() {
                    if let Some(value) = score(index).filter(|value| value <= threshold) {
                        fire(fill(&warning.message, index, value));
                    }
                }
            }
            WarningRule::HighWithLow {
                high,
                high_from,
                low,
                low_to,
            } => {
                let high_hit = high.iter().find_map(|&index| {
                    score(index)
                        .filter(|value| value >= high_from)
                        .map(|value| (index, value))
                });
                if let (Some((index, value)), Some(_)) =
                    (high_hit, score(*low).filter(|value| value <= low_to))
                {
                    fire(fill(&warning.message, index, value));
                }
            }
            WarningRule::CriterionBelow {
                criterion,
                threshold,
            } => {
                if let Some(value) = score(*criterion).filter(|value| value < threshold) {
                    fire(fill(&warning.message, *criterion, value));
                }
            }
            WarningRule::QuestionsBelow {
                questions,
                threshold,
            } => {
                let low = questions.iter().any(|id| {
                    answers
                        .scores
                        .get(id)
                        .is_some_and(|score| score < threshold)
                });
                if low {
                    fire(warning.message.clone());
                }
            }
        }
    }
    fired
}

/// Why a selection step was refused, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("only candidate or proposed trainers are assessed; this one is {0}")]
    NotAssessable(TrainerStatus),
    #[error("this trainer's assessment is waiting for review; approve or decline it first")]
    AwaitingReview,
    #[error("{answered} of {total} questions are answered; all are needed to submit")]
    Incomplete { answered: usize, total: usize },
    #[error("only a draft can be submitted; this assessment is {0}")]
    NotADraft(ReviewState),
    #[error("only a pending assessment can be reviewed; this one is {0}")]
    NotPending(ReviewState),
    #[error("only a proposed trainer can be approved or declined; this one is {0}")]
    NotProposed(TrainerStatus),
    #[error("only a decided review can be reopened; this one is {0}")]
    NotDecided(ReviewState),
    #[error("the trainer has moved on to {0}; the review can no longer be reopened")]
    MovedOn(TrainerStatus),
}

/// Whether a new assessment may be started for a trainer whose latest one is `latest`.
pub fn can_start(status: TrainerStatus, latest: Option<ReviewState>) -> Result<(), SelectionError> {
    if !matches!(status, TrainerStatus::Candidate | TrainerStatus::Proposed) {
        return Err(SelectionError::NotAssessable(status));
    }
    if latest == Some(ReviewState::Pending) {
        return Err(SelectionError::AwaitingReview);
    }
    Ok(())
}

/// Submitting: the draft must be complete; the trainer becomes `proposed`.
pub fn submit(
    state: ReviewState,
    status: TrainerStatus,
    summary: &Summary,
) -> Result<TrainerStatus, SelectionError> {
    if state != ReviewState::Draft {
        return Err(SelectionError::NotADraft(state));
    }
    if !matches!(status, TrainerStatus::Candidate | TrainerStatus::Proposed) {
        return Err(SelectionError::NotAssessable(status));
    }
    if !summary.is_complete() {
        return Err(SelectionError::Incomplete {
            answered: summary.answered,
            total: summary.total,
        });
    }
    Ok(TrainerStatus::Proposed)
}

/// Approving or declining: only a pending assessment of a proposed trainer. Returns the
/// trainer's new status.
pub fn decide(
    state: ReviewState,
    status: TrainerStatus,
    approve: bool,
) -> Result<TrainerStatus, SelectionError> {
    if state != ReviewState::Pending {
        return Err(SelectionError::NotPending(state));
    }
    if status != TrainerStatus::Proposed {
        return Err(SelectionError::NotProposed(status));
    }
    Ok(if approve {
        TrainerStatus::Selected
    } else {
        TrainerStatus::Declined
    })
}

/// Reopening a decided review puts it back to pending and the trainer back to `proposed`, as
/// long as the trainer has not moved past what the decision made them.
pub fn reopen(state: ReviewState, status: TrainerStatus) -> Result<TrainerStatus, SelectionError> {
    let expected = match state {
        ReviewState::Approved => TrainerStatus::Selected,
        ReviewState::Declined => TrainerStatus::Declined,
        other => return Err(SelectionError::NotDecided(other)),
    };
    if status != expected {
        return Err(SelectionError::MovedOn(status));
    }
    Ok(TrainerStatus::Proposed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questionnaire() -> Questionnaire {
        Questionnaire::embedded().unwrap()
    }

    /// Answers every question of each criterion with the given score, in order
    /// credibility, enthusiasm, time, clarity.
    fn answers(per_criterion: [u8; 4]) -> Answers {
        let questionnaire = questionnaire();
        let mut answers = Answers::default();
        for (criterion, score) in questionnaire.criteria.iter().zip(per_criterion) {
            for question in &criterion.questions {
                answers.scores.insert(question.id.clone(), score);
            }
        }
        answers
    }

    fn warning_keys(summary: &Summary) -> Vec<&str> {
        summary
            .warnings
            .iter()
            .map(|warning| warning.key.as_str())
            .collect()
    }

    #[test]
    fn scores_are_means_and_the_overall_waits_for_every_answer() {
        let q = questionnaire();
        let mut given = answers([4, 5, 4, 4]);
        given.scores.insert("credibility.advice_sought".into(), 3);
        let summary = summarise(&q, &given);
        assert!((summary.criterion_scores[0].unwrap() - 11.0 / 3.0).abs() < 1e-9);
        assert!(summary.overall.is_some());

        given.scores.remove("clarity.handles_questions");
        let partial = summarise(&q, &given);
        assert_eq!((partial.answered, partial.total), (11, 12));
        assert_eq!(partial.overall, None);
        assert_eq!(partial.recommendation, None);
        assert_eq!(partial.reason, "11 of 12 questions answered");
    }

    #[test]
    fn recommendation_boundaries() {
        let q = questionnaire();
        let cases = [
            (
                [4, 4, 4, 4],
                Recommendation::StronglyRecommended,
                "at least 4.0 and no warning",
            ),
            (
                [5, 5, 5, 5],
                Recommendation::StronglyRecommended,
                "overall 5.0",
            ),
            (
                [3, 4, 4, 4],
                Recommendation::Consider,
                "between 3.0 and 4.0",
            ),
            (
                [3, 3, 3, 3],
                Recommendation::Consider,
                "overall 3.0 is between",
            ),
            (
                [5, 5, 5, 2],
                Recommendation::Consider,
                "but 2 warnings fired",
            ),
            (
                [3, 3, 3, 2],
                Recommendation::NotRecommended,
                "overall 2.8 is below 3.0",
            ),
            ([1, 1, 1, 1], Recommendation::NotRecommended, "below"),
        ];
        for (scores, expected, reason) in cases {
            let summary = summarise(&q, &answers(scores));
            assert_eq!(summary.recommendation, Some(expected), "{scores:?}");
            assert!(
                summary.reason.contains(reason),
                "{scores:?}: {}",
                summary.reason
            );
        }
    }

    #[test]
    fn a_criterion_at_two_or_below_warns_and_three_does_not() {
        let q = questionnaire();
        assert!(warning_keys(&summarise(&q, &answers([3, 3, 3, 3]))).is_empty());
        let summary = summarise(&q, &answers([2, 3, 3, 3]));
        assert_eq!(warning_keys(&summary), ["weak-criterion"]);
        assert!(
            summary.warnings[0]
                .message
                .starts_with("Organisational credibility scores 2.0")
        );
    }

    #[test]
    fn enthusiasm_without_credibility_fires_only_past_both_edges() {
        let q = questionnaire();
        let mut given = answers([3, 4, 3, 3]);
        given.scores.insert("credibility.advice_sought".into(), 2);
        given
            .scores
            .insert("credibility.changes_practice".into(), 2);
        // Credibility 2.33 ≤ 2.5 and enthusiasm 4.0 ≥ 4.0: fires.
        assert!(warning_keys(&summarise(&q, &given)).contains(&"enthusiasm-without-credibility"));
        // Enthusiasm just under 4: silent.
        given.scores.insert("enthusiasm.product_depth".into(), 3);
        assert!(!warning_keys(&summarise(&q, &given)).contains(&"enthusiasm-without-credibility"));
        // Credibility just over 2.5: silent.
        let mut given = answers([3, 5, 3, 3]);
        given.scores.insert("credibility.advice_sought".into(), 2);
        assert!(!warning_keys(&summarise(&q, &given)).contains(&"enthusiasm-without-credibility"));
    }

    #[test]
    fn low_clarity_fires_below_three() {
        let q = questionnaire();
        let mut given = answers([4, 4, 4, 3]);
        assert!(!warning_keys(&summarise(&q, &given)).contains(&"low-clarity"));
        given.scores.insert("clarity.explains_simply".into(), 2);
        let summary = summarise(&q, &given);
        assert_eq!(warning_keys(&summary), ["low-clarity"]);
        assert!(
            summary.warnings[0].message.contains("2.7"),
            "{}",
            summary.warnings[0].message
        );
    }

    #[test]
    fn protected_time_or_endorsement_below_three_warns() {
        let q = questionnaire();
        let mut given = answers([4, 4, 4, 4]);
        given.scores.insert("time.executive_endorsement".into(), 3);
        assert!(warning_keys(&summarise(&q, &given)).is_empty());
        given.scores.insert("time.executive_endorsement".into(), 2);
        assert_eq!(warning_keys(&summarise(&q, &given)), ["no-protected-time"]);
        given.scores.insert("time.executive_endorsement".into(), 4);
        given.scores.insert("time.protected_time".into(), 1);
        assert_eq!(warning_keys(&summarise(&q, &given)), ["no-protected-time"]);
    }

    #[test]
    fn submitting_needs_every_answer_and_proposes_the_trainer() {
        let q = questionnaire();
        let complete = summarise(&q, &answers([4, 4, 4, 4]));
        assert_eq!(
            submit(ReviewState::Draft, TrainerStatus::Candidate, &complete),
            Ok(TrainerStatus::Proposed)
        );
        let mut partial = answers([4, 4, 4, 4]);
        partial.scores.remove("time.sustainable_load");
        let partial = summarise(&q, &partial);
        assert_eq!(
            submit(ReviewState::Draft, TrainerStatus::Candidate, &partial),
            Err(SelectionError::Incomplete {
                answered: 11,
                total: 12
            })
        );
        assert!(submit(ReviewState::Pending, TrainerStatus::Proposed, &complete).is_err());
        assert!(submit(ReviewState::Draft, TrainerStatus::Certified, &complete).is_err());
    }

    #[test]
    fn only_proposed_trainers_with_pending_reviews_are_decided() {
        use TrainerStatus::*;
        assert_eq!(decide(ReviewState::Pending, Proposed, true), Ok(Selected));
        assert_eq!(decide(ReviewState::Pending, Proposed, false), Ok(Declined));
        assert_eq!(
            decide(ReviewState::Pending, Candidate, true),
            Err(SelectionError::NotProposed(Candidate))
        );
        assert_eq!(
            decide(ReviewState::Draft, Proposed, true),
            Err(SelectionError::NotPending(ReviewState::Draft))
        );
        assert_eq!(
            decide(ReviewState::Approved, Selected, false),
            Err(SelectionError::NotPending(ReviewState::Approved))
        );
    }

    #[test]
    fn reopening_returns_to_proposed_unless_the_trainer_moved_on() {
        use TrainerStatus::*;
        assert_eq!(reopen(ReviewState::Approved, Selected), Ok(Proposed));
        assert_eq!(reopen(ReviewState::Declined, Declined), Ok(Proposed));
        assert_eq!(
            reopen(ReviewState::Approved, Certifying),
            Err(SelectionError::MovedOn(Certifying))
        );
        assert_eq!(
            reopen(ReviewState::Pending, Proposed),
            Err(SelectionError::NotDecided(ReviewState::Pending))
        );
    }

    #[test]
    fn starting_is_for_candidates_without_a_pending_review() {
        use TrainerStatus::*;
        assert_eq!(can_start(Candidate, None), Ok(()));
        assert_eq!(can_start(Proposed, Some(ReviewState::Declined)), Ok(()));
        assert_eq!(
            can_start(Proposed, Some(ReviewState::Pending)),
            Err(SelectionError::AwaitingReview)
        );
        assert_eq!(
            can_start(Certified, None),
            Err(SelectionError::NotAssessable(Certified))
        );
    }
}
