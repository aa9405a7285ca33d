//! What the demo's evaluators write on attempts at the three modules before the practicum.

use fastrand::Rng;

use crate::domain::certification::Module;

/// The evaluator's notes on a pass and on a fail, for the first three modules in pathway order.
const NOTES: [(&[&str], &[&str]); 3] = [
    (
        &[
            "Strong on approvals and reporting; revisit the audit log export.",
            "Full marks on the data model section, a couple of slips on permission inheritance.",
            "Confident throughout; answered the integration questions without notes.",
        ],
        &[
            "Missed most of the questions on permission inheritance; re-sit after the admin \
             refresher.",
            "Ran out of time on the scenario section: knows the material, reads slowly under \
             pressure.",
        ],
    ),
    (
        &[
            "Good use of check-for-understanding questions; keep the slides lighter.",
            "Handled the role-played difficult participant calmly and kept the group on task.",
            "Clear openings and recaps; the pace suited a mixed group.",
        ],
        &[
            "Lectured for most of the exercise; retake after observing a certified trainer's \
             session.",
            "Lost the group during the hands-on part; practise briefing the exercise.",
        ],
    ),
    (
        &[
            "Found the sync fault from the logs within ten minutes.",
            "Methodical: reproduced, isolated, and wrote the fix up for the job aid.",
            "Solved four of five cases; the single sign-on one needed a hint.",
        ],
        &[
            "Jumped to fixes before reproducing the fault; two of five cases solved.",
            "Did not check the integration logs; work through the troubleshooting guide's first \
             chapter and retake.",
        ],
    ),
];

pub(super) const RENEWAL_NOTES: &[&str] = &[
    "Annual re-sit for renewal: current on the last two releases.",
    "Renewal re-sit; the new approval rules were answered well.",
    "Renewal re-sit passed comfortably; no gaps on the recent reporting changes.",
];

pub(super) const RESIT_FAILED: &str = "Re-sit after the certification lapsed: behind on the last \
     two releases; book the update session first.";

/// The evaluator's note on an attempt at `module`, one of the three modules before the
/// practicum (whose feedback comes from its rubric).
pub(super) fn module_note(module: Module, passed: bool, rng: &mut Rng) -> &'static str {
    let index = Module::ALL.iter().position(|m| *m == module).unwrap_or(0);
    let (on_pass, on_fail) = NOTES[index.min(NOTES.len() - 1)];
    pick(if passed { on_pass } else { on_fail }, rng)
}

pub(super) fn pick<'a>(choices: &[&'a str], rng: &mut Rng) -> &'a str {
    choices[rng.usize(..choices.len())]
}
