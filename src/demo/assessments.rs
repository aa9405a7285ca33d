//! The demo portfolio's selection assessments: drafts on candidates, pending reviews on proposed
//! trainers, the approvals behind every selected, certifying and certified trainer, and the
//! declines, with every warning pattern of the embedded questionnaire firing somewhere.
//!
//! A random generator of their own drives these choices and they are written after everything
//! else, so every account, trainer, snapshot and note the demo made before stays as it was.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use fastrand::Rng;

use super::days_from;
use crate::domain::assessment::{Answers, Assessment, AssessmentId, Review, ReviewState};
use crate::domain::{TrainerId, TrainerStatus};
use crate::store::{Batch, StoreError};

const SEED: u64 = 0x7433_a55e;

/// The embedded questionnaire's criterion keys and their question keys, in order: the demo
/// stores answers under these ids, and a test checks they still match
/// `assets/questionnaire.toml`.
pub(super) const CRITERIA: [(&str, [&str; 3]); 4] = [
    (
        "credibility",
        ["advice_sought", "changes_practice", "cross_team_reach"],
    ),
    (
        "enthusiasm",
        ["own_benefit", "unprompted_advocacy", "product_depth"],
    ),
    (
        "time",
        [
            "protected_time",
            "executive_endorsement",
            "sustainable_load",
        ],
    ),
    (
        "clarity",
        ["explains_simply", "adapts_to_audience", "handles_questions"],
    ),
];

const CREDIBILITY: usize = 0;
const ENTHUSIASM: usize = 1;
const TIME: usize = 2;
const CLARITY: usize = 3;

/// The shape of a candidate's answers. Past the first two, each is built to trip one warning
/// pattern of the embedded questionnaire (the one named on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    Strong,
    Solid,
    /// `weak-criterion`: this criterion at 2 or below.
    WeakSpot(usize),
    /// `enthusiasm-without-credibility`.
    EnthusiasmOnly,
    /// `low-clarity`.
    Unclear,
    /// `no-protected-time`.
    NoProtectedTime,
}

/// Proposed trainers take these in turn, so the review queue shows every warning pattern.
const PENDING: &[Profile] = &[
    Profile::EnthusiasmOnly,
    Profile::Strong,
    Profile::NoProtectedTime,
    Profile::Solid,
    Profile::Unclear,
    Profile::WeakSpot(ENTHUSIASM),
];

const DECLINED: &[Profile] = &[
    Profile::WeakSpot(TIME),
    Profile::EnthusiasmOnly,
    Profile::Unclear,
    Profile::NoProtectedTime,
];

/// Most approvals were clear-cut; one in seven went through on a condition.
const APPROVED: &[Profile] = &[
    Profile::Strong,
    Profile::Strong,
    Profile::Solid,
    Profile::Strong,
    Profile::Solid,
    Profile::Strong,
    Profile::NoProtectedTime,
];

const DRAFTS: &[Profile] = &[
    Profile::Strong,
    Profile::Solid,
    Profile::Solid,
    Profile::WeakSpot(CLARITY),
    Profile::EnthusiasmOnly,
    Profile::Unclear,
    Profile::NoProtectedTime,
];

const REVIEWERS: &[&str] = &["Ruth Adebayo", "Jonas Eriksen", "Leila Farouk"];

impl Profile {
    /// One answer, 1–5, to question `question` of criterion `criterion`.
    fn score(self, criterion: usize, question: usize, rng: &mut Rng) -> u8 {
        // Each pattern's criterion is pinned so its warning fires whatever the draw, and kept
        // clear of a neighbouring pattern: credibility at most (2 + 3 + 2) / 3 is under 2.5 but
        // rarely under 2; clarity at most (3 + 2 + 3) / 3 is under 3 but above 2.
        let range = match (self, criterion, question) {
            (Self::Strong, _, _) | (Self::EnthusiasmOnly, ENTHUSIASM, _) => 4..=5,
            (Self::Solid, _, _) | (Self::NoProtectedTime, TIME, 2) => 3..=4,
            (Self::WeakSpot(weak), _, _) if weak == criterion => 1..=2,
            (Self::EnthusiasmOnly, CREDIBILITY, 1) | (Self::Unclear, CLARITY, 2) => 2..=3,
            (Self::EnthusiasmOnly, CREDIBILITY, _)
            | (Self::Unclear, CLARITY, 1)
            | (Self::NoProtectedTime, TIME, 0) => 2..=2,
            (Self::Unclear, CLARITY, 0) => 3..=3,
            (Self::NoProtectedTime, TIME, 1) => 2..=4,
            _ => 3..=5,
        };
        rng.u8(range)
    }

    fn approval_note(self, rng: &mut Rng) -> &'static str {
        match self {
            Self::NoProtectedTime => {
                "Approved on condition that the sponsor confirms protected training time in \
                 writing before certification starts."
            }
            _ => pick(
                &[
                    "Clear evidence on all four criteria; approved.",
                    "Approved. The sponsor confirmed their time at the kickoff call.",
                    "Approved; pair them with a certified trainer for their first cohort.",
                    "Approved. The practice demo was the strongest this quarter.",
                ],
                rng,
            ),
        }
    }

    fn decline_note(self) -> &'static str {
        match self {
            Self::WeakSpot(_) => {
                "Declined for now: one criterion has too little behind it. Happy to reassess \
                 next quarter."
            }
            Self::EnthusiasmOnly => {
                "Declined: a keen user, but colleagues do not yet look to them for advice. \
                 Suggested a product champion role instead."
            }
            Self::Unclear => {
                "Declined: sessions would lose less technical staff. Revisit after the \
                 presentation skills course."
            }
            Self::NoProtectedTime | Self::Strong | Self::Solid => {
                "Declined until the sponsor protects training time in writing."
            }
        }
    }
}

/// Evidence notes per criterion (in [`CRITERIA`] order): strong, middling and weak evidence.
const NOTES: [[&[&str]; 3]; 4] = [
    [
        &[
            "Colleagues route process questions to them before raising a ticket; two managers \
             named them unprompted.",
            "Their month-end close checklist was adopted by three other teams without a mandate.",
            "Sits on the change advisory board, where their recommendations usually carry.",
        ],
        &[
            "Respected in their own team, less known across the site; their manager expects that \
             to grow with the role.",
            "People ask them about the tool, less about how the work should be done.",
        ],
        &[
            "Four months in the department; colleagues were polite but could not name advice they \
             had taken from them.",
            "Suggestions in team meetings are heard but rarely acted on, by their manager's own \
             account.",
        ],
    ],
    [
        &[
            "Built their own approvals dashboard and cut weekly reporting from a day to an hour.",
            "Runs a lunchtime tips session nobody asked for; a steady dozen attend.",
            "Was in the beta group and still sends the most useful feedback on the account.",
        ],
        &[
            "Uses the core workflows well; has not explored beyond what their role needs.",
            "Positive about the product when asked, but not someone who brings it up.",
        ],
        &[
            "Still exports to spreadsheets for most work; sees the product as the system of \
             record, not a tool.",
            "Called the rollout \"another system to learn\"; no personal win with it yet.",
        ],
    ],
    [
        &[
            "Four hours a week of training time written into their objectives; the VP of \
             Operations confirmed by email.",
            "Backfill agreed for training days; the executive sponsor introduced them at the \
             kickoff.",
            "Their manager moved two recurring reports to a colleague to free a day a fortnight.",
        ],
        &[
            "Manager supportive and time agreed verbally; written confirmation promised before \
             the first cohort.",
            "Time is there outside the quarter-end peak; the sponsor has not said so publicly \
             yet.",
        ],
        &[
            "No protected time: training would come out of an already full week, and the sponsor \
             has not been asked.",
            "Their manager is keen but the director has not endorsed it; quarter-end would \
             swallow any sessions.",
        ],
    ],
    [
        &[
            "Walked a new starter through the purchase-order workflow without jargon; they \
             followed it first time.",
            "Moves easily between the finance team's vocabulary and the warehouse floor's, and \
             checks understanding as they go.",
            "Took a hostile question in the demo calmly and came back to the thread.",
        ],
        &[
            "Clear one to one; in the group demo they ran fast and skipped steps newer staff \
             needed.",
            "Explanations are accurate but dense; the facilitation module would help.",
        ],
        &[
            "Lost the room in the practice demo: heavy on acronyms, and did not notice the \
             questions piling up.",
            "Answers with more detail than was asked and loses their place in the workflow.",
        ],
    ],
];

/// Writes the demo assessments for `trainers` (in the order they were seeded) and returns how
/// many it wrote.
pub(super) fn seed(
    batch: &Batch<'_>,
    trainers: &[(TrainerId, TrainerStatus)],
    today: NaiveDate,
) -> Result<usize, StoreError> {
    let mut rng = Rng::with_seed(SEED);
    let mut turns = Turns::default();
    let mut count = 0;
    for &(trainer, status) in trainers {
        if let Some(assessment) = assessment_for(trainer, status, today, &mut turns, &mut rng) {
            batch.insert_assessment(&assessment)?;
            count += 1;
        }
    }
    Ok(count)
}

/// Assessments drawn one trainer at a time, in the order the trainers are written, for the
/// large portfolio: the same profiles as the ordinary demo's, walked the same way.
pub(super) struct Drawer {
    rng: Rng,
    turns: Turns,
}

impl Drawer {
    pub(super) fn new(seed: u64) -> Self {
        Self {
            rng: Rng::with_seed(seed),
            turns: Turns::default(),
        }
    }

    pub(super) fn draw(
        &mut self,
        trainer: TrainerId,
        status: TrainerStatus,
        today: NaiveDate,
    ) -> Option<Assessment> {
        assessment_for(trainer, status, today, &mut self.turns, &mut self.rng)
    }
}

/// How many trainers of each kind have had their turn, to walk the profile lists in order.
#[derive(Default)]
struct Turns {
    drafts: usize,
    pending: usize,
    approved: usize,
    declined: usize,
}

fn take(profiles: &[Profile], turn: &mut usize) -> Profile {
    let profile = profiles[*turn % profiles.len()];
    *turn += 1;
    profile
}

fn assessment_for(
    trainer: TrainerId,
    status: TrainerStatus,
    today: NaiveDate,
    turns: &mut Turns,
    rng: &mut Rng,
) -> Option<Assessment> {
    let complete = CRITERIA.len();
    let (state, profile, days_ago) = match status {
        // About half the candidates have a questionnaire under way.
        TrainerStatus::Candidate if rng.bool() => {
            let profile = take(DRAFTS, &mut turns.drafts);
            let answered = rng.usize(1..complete);
            let started = days_from(today, -rng.i64(1..=21));
            return Some(draft(trainer, profile, answered, started, rng));
        }
        TrainerStatus::Proposed => (
            ReviewState::Pending,
            take(PENDING, &mut turns.pending),
            10..=45,
        ),
        TrainerStatus::Selected => (
            ReviewState::Approved,
            take(APPROVED, &mut turns.approved),
            20..=60,
        ),
        TrainerStatus::Certifying => (
            ReviewState::Approved,
            take(APPROVED, &mut turns.approved),
            60..=110,
        ),
        TrainerStatus::Certified => (
            ReviewState::Approved,
            take(APPROVED, &mut turns.approved),
            110..=180,
        ),
        TrainerStatus::Declined => (
            ReviewState::Declined,
            take(DECLINED, &mut turns.declined),
            20..=90,
        ),
        _ => return None,
    };
    let started_on = days_from(today, -rng.i64(days_ago));
    let submitted_on = days_from(started_on, rng.i64(1..=7));
    let answers = answers(profile, complete, rng);
    let review = match state {
        ReviewState::Approved => Some(profile.approval_note(rng)),
        ReviewState::Declined => Some(profile.decline_note()),
        ReviewState::Draft | ReviewState::Pending => None,
    }
    .map(|note| Review {
        reviewer: pick(REVIEWERS, rng).to_string(),
        reviewed_on: days_from(submitted_on, rng.i64(1..=10)),
        note: note.to_string(),
    });
    Some(Assessment {
        id: AssessmentId(0),
        trainer_id: trainer,
        started_on,
        state,
        step: complete,
        answers,
        submitted_on: Some(submitted_on),
        review,
    })
}

/// A questionnaire left part-way: the first `answered` criteria done with their notes, and
/// sometimes a first answer on the next one, where the draft resumes.
fn draft(
    trainer: TrainerId,
    profile: Profile,
    answered: usize,
    started_on: NaiveDate,
    rng: &mut Rng,
) -> Assessment {
    let mut answers = answers(profile, answered, rng);
    if rng.bool() {
        let (key, questions) = CRITERIA[answered];
        let score = profile.score(answered, 0, rng);
        answers
            .scores
            .insert(format!("{key}.{}", questions[0]), score);
    }
    Assessment {
        id: AssessmentId(0),
        trainer_id: trainer,
        started_on,
        state: ReviewState::Draft,
        step: answered,
        answers,
        submitted_on: None,
        review: None,
    }
}

/// Answers to every question of the first `criteria` criteria, each with an evidence note that
/// fits its score.
fn answers(profile: Profile, criteria: usize, rng: &mut Rng) -> Answers {
    let mut scores = BTreeMap::new();
    let mut notes = BTreeMap::new();
    for (criterion, (key, questions)) in CRITERIA.iter().enumerate().take(criteria) {
        let mut total = 0;
        for (number, question) in questions.iter().enumerate() {
            let score = profile.score(criterion, number, rng);
            total += u32::from(score);
            scores.insert(format!("{key}.{question}"), score);
        }
        let mean = f64::from(total) / questions.len() as f64;
        let band = if mean >= 3.5 {
            0
        } else if mean > 2.5 {
            1
        } else {
            2
        };
        notes.insert(
            (*key).to_string(),
            pick(NOTES[criterion][band], rng).to_string(),
        );
    }
    Answers { scores, notes }
}

fn pick<'a>(choices: &[&'a str], rng: &mut Rng) -> &'a str {
    choices[rng.usize(..choices.len())]
}
