//! The demo's recorded practicums: a rubric that adds up to the outcome, the time the session
//! ran, and feedback built from the rubric so the words agree with the scores beside them.

use std::time::Duration;

use chrono::NaiveDate;
use fastrand::Rng;

use super::notes::pick;
use crate::domain::TrainerId;
use crate::domain::countdown::PRACTICUM_LENGTH;
use crate::domain::practicum::{Dimension, Outcome, Practicum, PracticumId, Rubric};

/// What an evaluator writes about one rubric dimension when it went well and when it needs work.
struct Remarks {
    dimension: Dimension,
    strong: [&'static str; 2],
    weak: [&'static str; 2],
}

const FEEDBACK: [Remarks; 5] = [
    Remarks {
        dimension: Dimension::ObjectivesAndStructure,
        strong: [
            "Opened with a clear aim and an agenda, and closed with a recap that tied back to it.",
            "Each part built on the last; the group could say what they would do differently.",
        ],
        weak: [
            "The aim only became clear halfway through; state it in the first minute.",
            "Jumped from approvals to reporting and back; put the topics in the order of the work.",
        ],
    },
    Remarks {
        dimension: Dimension::Timing,
        strong: [
            "Kept to time and still left a few minutes for questions.",
            "Good pace: the hands-on part had enough time and nothing was rushed.",
        ],
        weak: [
            "The hands-on part ran long and the recap was cut; rehearse with a timer.",
            "Spent eight minutes on the login screen; cut the set-up and get to the workflow.",
        ],
    },
    Remarks {
        dimension: Dimension::HandlingQuestions,
        strong: [
            "Parked an off-topic question about licences and came back to it at the end.",
            "Turned a sceptical question about exports into the best example of the session.",
        ],
        weak: [
            "A question about exports pulled the session off course for several minutes.",
            "Answered questions at length and did not bring the group back to the exercise.",
        ],
    },
    Remarks {
        dimension: Dimension::ProductAccuracy,
        strong: [
            "Every step shown was current, with examples from their own team's work.",
            "Accurate throughout, including the permission changes in the latest release.",
        ],
        weak: [
            "Showed the old approval screen; refresh the demo environment before each session.",
            "Described bulk edit as undoable, which it is not; check the facilitator guide.",
        ],
    },
    Remarks {
        dimension: Dimension::MixedSkillLevels,
        strong: [
            "Gave newcomers a checklist and experienced users a stretch task; both stayed engaged.",
            "Checked in with the quieter participants and adjusted the examples for them.",
        ],
        weak: [
            "Pitched at the experienced users; the two newcomers were lost by the reporting part.",
            "Kept to the basics for everyone; the experienced users switched off.",
        ],
    },
];

const PASS_VERDICTS: &[&str] = &[
    "Pass: ready to run sessions at their account.",
    "Pass. Pair them with a certified trainer for their first cohort if possible.",
    "Pass, and a session their colleagues will enjoy.",
];

const NEEDS_WORK_VERDICTS: &[&str] = &[
    "Needs work: repeat the practicum once the points above are addressed.",
    "Needs work; book a second practicum in two to three weeks.",
];

/// A session scored by `evaluator` on `on`, ready to be recorded that day: 18 to 23 minutes
/// long, with a few minutes sometimes added to the clock when it ran over.
pub(super) fn session(
    trainer: TrainerId,
    on: NaiveDate,
    passed: bool,
    evaluator: &str,
    rng: &mut Rng,
) -> Practicum {
    let rubric = rubric(passed, rng);
    let used = Duration::from_secs(rng.u64(18 * 60..=23 * 60));
    let allowed = if used > PRACTICUM_LENGTH && rng.bool() {
        PRACTICUM_LENGTH + Duration::from_mins(5)
    } else {
        PRACTICUM_LENGTH
    };
    Practicum {
        id: PracticumId(0),
        trainer,
        started_on: on,
        rubric,
        feedback: feedback(&rubric, passed, rng),
        evaluator: evaluator.to_string(),
        outcome: Some(if passed {
            Outcome::Pass
        } else {
            Outcome::NeedsWork
        }),
        allowed,
        used,
        recorded_on: None,
    }
}

/// Scores that add up to a pass (18 points or more of 25, at least 72) or to needs work (17
/// or fewer, at most 68, with at least one dimension at 2).
fn rubric(passed: bool, rng: &mut Rng) -> Rubric {
    let mut scores: [u8; 5] = if passed {
        std::array::from_fn(|_| rng.u8(3..=5))
    } else {
        std::array::from_fn(|_| rng.u8(2..=4))
    };
    if passed {
        while scores.iter().sum::<u8>() < 18 {
            if let Some(score) = scores.iter_mut().min() {
                *score += 1;
            }
        }
    } else {
        let weak = rng.usize(..scores.len());
        scores[weak] = 2;
        while scores.iter().sum::<u8>() > 17 {
            if let Some(score) = scores.iter_mut().max() {
                *score -= 1;
            }
        }
    }
    let mut rubric = Rubric::default();
    for (dimension, score) in Dimension::ALL.into_iter().zip(scores) {
        rubric.set(dimension, score);
    }
    rubric
}

/// What went best (a dimension scored 4 or 5), what to work on (the weakest one or two scored
/// 3 or below), and the verdict, in the evaluator's words.
fn feedback(rubric: &Rubric, passed: bool, rng: &mut Rng) -> String {
    let score = |remarks: &&Remarks| rubric.score(remarks.dimension);
    let mut sentences = Vec::new();
    match FEEDBACK.iter().max_by_key(score) {
        Some(best) if score(&best) >= Some(4) => sentences.push(pick(&best.strong, rng)),
        _ => sentences.push("Well prepared, and the group stayed with them throughout."),
    }
    let mut weak: Vec<&Remarks> = FEEDBACK.iter().filter(|r| score(r) <= Some(3)).collect();
    weak.sort_by_key(score);
    weak.truncate(if passed { 1 } else { 2 });
    if weak.is_empty() {
        sentences.push("Nothing to fix; keep the same structure for real cohorts.");
    }
    for remarks in weak {
        sentences.push(pick(&remarks.weak, rng));
    }
    let verdicts = if passed {
        PASS_VERDICTS
    } else {
        NEEDS_WORK_VERDICTS
    };
    sentences.push(pick(verdicts, rng));
    sentences.join(" ")
}
