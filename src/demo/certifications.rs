//! The demo portfolio's certification pathway: module attempts (failed ones kept before the
//! pass), recorded practicums with rubric and feedback, and certifications, some renewed, some
//! expiring and some lapsed on the demo day.
//!
//! A random generator of their own drives these choices and they are written after everything
//! else, so every account, trainer, snapshot, note and assessment the demo made before stays as
//! it was. Trainers keep the status the demo gave them: a stored `certified` trainer whose
//! certification has expired shows as lapsed because of the dates alone.

use chrono::{Months, NaiveDate};
use fastrand::Rng;

use super::{PRACTICUM_READY, SeededTrainer, days_from};
use crate::domain::certification::{self, CertificationId, Module, ModuleCompletion, PassMarks};
use crate::domain::{TrainerId, TrainerStatus};
use crate::store::{Batch, StoreError};
use notes::pick;

mod notes;
mod practicums;

const SEED: u64 = 0x7433_ce27;

/// The vendor's consultants who score modules and practicums.
const EVALUATORS: &[&str] = &[
    "Benoît Lefèvre",
    "Kateřina Horáková",
    "Tomás Aguilar",
    "Mariam Chaudhry",
    "Daniel Osei",
    "Siobhán Ní Bhriain",
];

/// Where a trainer stored as certified stands on the demo day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// Certified since their selection, months left to run.
    Valid,
    /// Expires within the next few weeks.
    Expiring,
    /// Expired a few weeks ago and not renewed; the file still says certified.
    Lapsed,
    /// Renewed this many times, the latest still valid.
    Renewed(usize),
}

/// Certified trainers take these in turn: most valid, a few expiring, lapsed or renewed.
const CERTIFIED: &[Standing] = &[
    Standing::Valid,
    Standing::Renewed(1),
    Standing::Expiring,
    Standing::Valid,
    Standing::Lapsed,
    Standing::Valid,
    Standing::Renewed(2),
    Standing::Valid,
    Standing::Expiring,
    Standing::Valid,
    Standing::Lapsed,
    Standing::Renewed(1),
];

/// How far a trainer stored as certifying has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Progress {
    /// The first `passed` modules passed (one or two), the next sometimes tried and failed.
    PartWay(usize),
    /// Every module but the practicum passed, and no practicum started.
    PracticumNext,
    /// Every module but the practicum passed, and a practicum that needs work.
    PracticumNeedsWork,
    /// Every module passed, not yet certified; `true` when the practicum took two tries.
    AllPassed(bool),
}

const CERTIFYING: &[Progress] = &[
    Progress::PartWay(1),
    Progress::PartWay(2),
    Progress::AllPassed(false),
    Progress::PracticumNext,
    Progress::PracticumNeedsWork,
    Progress::PartWay(2),
    Progress::AllPassed(true),
    Progress::PartWay(1),
    Progress::PracticumNext,
    Progress::PartWay(2),
];

/// How much the pathway part of the demo wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written {
    pub completions: usize,
    pub certifications: usize,
    pub practicums: usize,
}

/// Writes the pathway records for `trainers` (in the order they were seeded): selected
/// trainers have none yet, certifying ones are part-way or ready, certified and lapsed ones
/// hold certifications.
/// How long before their first module a trainer's selection was approved, at the least.
const SELECTION_LEAD_DAYS: i64 = 14;

pub(super) fn seed(
    batch: &Batch<'_>,
    trainers: &[SeededTrainer],
    today: NaiveDate,
) -> Result<Written, StoreError> {
    let mut writer = Writer {
        batch,
        rng: Rng::with_seed(SEED),
        marks: PassMarks::default(),
        consultant: EVALUATORS[0],
        written: Written::default(),
    };
    let (mut certified, mut certifying, mut lapsed) = (0, 0, 0);
    for trainer in trainers {
        writer.consultant = pick(EVALUATORS, &mut writer.rng);
        match trainer.status {
            TrainerStatus::Certified => {
                let standing = CERTIFIED[certified % CERTIFIED.len()];
                certified += 1;
                writer.certified(trainer.id, standing, today)?;
            }
            TrainerStatus::Certifying => {
                let turn = CERTIFYING[certifying % CERTIFYING.len()];
                certifying += 1;
                // The end-to-end test opens practicum mode for this trainer by name.
                let progress = if trainer.name == PRACTICUM_READY {
                    Progress::PracticumNext
                } else {
                    turn
                };
                writer.certifying(trainer.id, progress, today)?;
            }
            TrainerStatus::Lapsed => {
                writer.lapsed(trainer.id, lapsed, today)?;
                lapsed += 1;
            }
            _ => {}
        }
        // Long-certified trainers were planned back from their expiry, so their selection,
        // which the assessments dated recently, moves to a fortnight before their first module.
        batch.date_selection_before_pathway(trainer.id, SELECTION_LEAD_DAYS)?;
    }
    Ok(writer.written)
}

/// One step on a trainer's pathway.
#[derive(Debug, Clone, Copy)]
struct Attempt {
    module: Module,
    passed: bool,
}

impl Attempt {
    fn passed(module: Module) -> Self {
        Self {
            module,
            passed: true,
        }
    }

    fn failed(module: Module) -> Self {
        Self {
            module,
            passed: false,
        }
    }
}

struct Writer<'b, 'c> {
    batch: &'b Batch<'c>,
    rng: Rng,
    marks: PassMarks,
    /// The consultant who scores most of the current trainer's modules.
    consultant: &'static str,
    written: Written,
}

impl Writer<'_, '_> {
    fn certified(
        &mut self,
        trainer: TrainerId,
        standing: Standing,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let (grants, start) = match standing {
            Standing::Valid => {
                // Certified after their selection, which the demo approved three to six months
                // ago: the pathway fits between the two.
                let approved = self.approved_on(trainer, today)?;
                let start = days_from(approved, self.rng.i64(3..=10));
                let room = ((today - start).num_days() - 35).max(0);
                let granted = days_from(start, 30 + self.rng.i64(0..=room));
                (vec![granted], Some(start))
            }
            Standing::Expiring => {
                let expires_on = days_from(today, self.rng.i64(3..=26));
                (vec![year_before(expires_on)], None)
            }
            Standing::Lapsed => {
                let expires_on = days_from(today, -self.rng.i64(4..=80));
                (vec![year_before(expires_on)], None)
            }
            Standing::Renewed(times) => {
                let latest = days_from(today, -self.rng.i64(40..=300));
                (self.chain(latest, times), None)
            }
        };
        self.certify_and_renew(trainer, &grants, start)
    }

    /// A trainer stored as lapsed: every third renewed once before lapsing, every third tried
    /// the renewal assessment after the expiry and failed it.
    fn lapsed(
        &mut self,
        trainer: TrainerId,
        turn: usize,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let expired = days_from(today, -self.rng.i64(20..=400));
        let grants = self.chain(year_before(expired), usize::from(turn % 3 == 1));
        self.certify_and_renew(trainer, &grants, None)?;
        if let (2, Some(&last)) = (turn % 3, grants.last()) {
            let expires_on = certification::expiry_for(last);
            let latest = (today - expires_on).num_days() - 3;
            let on = days_from(expires_on, self.rng.i64(7..=latest.max(7)));
            let score = self.failing_score(Module::ExtendedAssessment);
            let note = notes::RESIT_FAILED;
            self.completion(trainer, Module::ExtendedAssessment, on, score, note)?;
        }
        Ok(())
    }

    fn certifying(
        &mut self,
        trainer: TrainerId,
        progress: Progress,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let three = &Module::ALL[..3];
        let mut attempts = match progress {
            Progress::PartWay(passed) => {
                let mut attempts = self.attempts(&three[..passed]);
                if self.rng.bool() {
                    attempts.push(Attempt::failed(three[passed]));
                }
                attempts
            }
            Progress::PracticumNext | Progress::AllPassed(false) => self.attempts(three),
            Progress::PracticumNeedsWork | Progress::AllPassed(true) => {
                let mut attempts = self.attempts(three);
                attempts.push(Attempt::failed(Module::Practicum));
                attempts
            }
        };
        if matches!(progress, Progress::AllPassed(_)) {
            attempts.push(Attempt::passed(Module::Practicum));
        }
        let approved = self.approved_on(trainer, today)?;
        let start = days_from(approved, self.rng.i64(2..=7));
        let end = days_from(today, -self.rng.i64(1..=6));
        self.write_attempts(trainer, &attempts, start, end)
    }

    /// The day the trainer's selection was approved, or a plausible one for a trainer the demo
    /// gave no assessment.
    fn approved_on(
        &mut self,
        trainer: TrainerId,
        today: NaiveDate,
    ) -> Result<NaiveDate, StoreError> {
        Ok(self
            .batch
            .selection_approved_on(trainer)?
            .unwrap_or_else(|| days_from(today, -self.rng.i64(90..=150))))
    }

    /// Passes every module in pathway order after `start`, sometimes after a failed try, then
    /// certifies on `granted_on`.
    fn first_certification(
        &mut self,
        trainer: TrainerId,
        start: NaiveDate,
        granted_on: NaiveDate,
    ) -> Result<CertificationId, StoreError> {
        let mut attempts = self.attempts(&Module::ALL[..3]);
        if self.rng.u8(..4) == 0 {
            attempts.push(Attempt::failed(Module::Practicum));
        }
        attempts.push(Attempt::passed(Module::Practicum));
        let end = days_from(granted_on, -self.rng.i64(1..=7));
        self.write_attempts(trainer, &attempts, start, end)?;
        self.certification(trainer, granted_on, None)
    }

    /// The pathway from `start` (a few months before the first grant when `None`) to the first
    /// of `grants`, then each later grant as a renewal of the one before.
    fn certify_and_renew(
        &mut self,
        trainer: TrainerId,
        grants: &[NaiveDate],
        start: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let Some((&first, renewals)) = grants.split_first() else {
            return Ok(());
        };
        let start = start.unwrap_or_else(|| days_from(first, -self.rng.i64(60..=110)));
        let mut previous = self.first_certification(trainer, start, first)?;
        for &renewed_on in renewals {
            self.renewal_assessment(trainer, renewed_on)?;
            previous = self.certification(trainer, renewed_on, Some(previous))?;
        }
        Ok(())
    }

    /// The extended assessment passed in the weeks before a renewal, once in three after a
    /// failed try.
    fn renewal_assessment(
        &mut self,
        trainer: TrainerId,
        renewed_on: NaiveDate,
    ) -> Result<(), StoreError> {
        let module = Module::ExtendedAssessment;
        let passed_on = days_from(renewed_on, -self.rng.i64(5..=40));
        if self.rng.u8(..3) == 0 {
            let failed_on = days_from(passed_on, -self.rng.i64(10..=14));
            let score = self.failing_score(module);
            let note = notes::module_note(module, false, &mut self.rng);
            self.completion(trainer, module, failed_on, score, note)?;
        }
        let score = self.passing_score(module);
        let note = pick(notes::RENEWAL_NOTES, &mut self.rng);
        self.completion(trainer, module, passed_on, score, note)
    }

    /// The grant dates, oldest first, of a certification renewed `times` times whose latest
    /// grant is `latest`: each renewal came a few days before the one it renewed expired.
    fn chain(&mut self, latest: NaiveDate, times: usize) -> Vec<NaiveDate> {
        let mut grants = vec![latest];
        let mut granted = latest;
        for _ in 0..times {
            granted = year_before(days_from(granted, self.rng.i64(3..=25)));
            grants.push(granted);
        }
        grants.reverse();
        grants
    }

    /// The first attempt at each of `modules`, with a failed try before the pass one time in
    /// four.
    fn attempts(&mut self, modules: &[Module]) -> Vec<Attempt> {
        let mut attempts = Vec::new();
        for &module in modules {
            if self.rng.u8(..4) == 0 {
                attempts.push(Attempt::failed(module));
            }
            attempts.push(Attempt::passed(module));
        }
        attempts
    }

    /// Writes `attempts` in order, spread between `start` and `end`.
    fn write_attempts(
        &mut self,
        trainer: TrainerId,
        attempts: &[Attempt],
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<(), StoreError> {
        let span = (end - start).num_days().max(1);
        let gap = (span / attempts.len().max(1) as i64).max(1);
        let mut day = start;
        for attempt in attempts {
            day = days_from(day, self.rng.i64((gap / 2).max(1)..=gap)).min(end);
            if attempt.module == Module::Practicum {
                self.practicum(trainer, day, attempt.passed)?;
            } else {
                let score = if attempt.passed {
                    self.passing_score(attempt.module)
                } else {
                    self.failing_score(attempt.module)
                };
                let note = notes::module_note(attempt.module, attempt.passed, &mut self.rng);
                self.completion(trainer, attempt.module, day, score, note)?;
            }
        }
        Ok(())
    }

    fn completion(
        &mut self,
        trainer: TrainerId,
        module: Module,
        on: NaiveDate,
        score: u8,
        note: &str,
    ) -> Result<(), StoreError> {
        let evaluator = self.evaluator();
        self.batch.insert_module_completion(
            trainer,
            &ModuleCompletion {
                module,
                completed_on: on,
                score,
                evaluator: evaluator.to_string(),
                note: note.to_string(),
            },
        )?;
        self.written.completions += 1;
        Ok(())
    }

    /// A practicum session on `on`, scored and recorded the same day.
    fn practicum(
        &mut self,
        trainer: TrainerId,
        on: NaiveDate,
        passed: bool,
    ) -> Result<(), StoreError> {
        let evaluator = self.evaluator();
        let draft = practicums::session(trainer, on, passed, evaluator, &mut self.rng);
        self.batch.insert_practicum(&draft, self.marks, on)?;
        self.written.practicums += 1;
        self.written.completions += 1;
        Ok(())
    }

    fn passing_score(&mut self, module: Module) -> u8 {
        let mark = self.marks.of(module);
        self.rng.u8(mark..=(mark + 18).min(100))
    }

    fn failing_score(&mut self, module: Module) -> u8 {
        let mark = self.marks.of(module);
        self.rng.u8(mark.saturating_sub(22)..mark)
    }

    /// The trainer's own consultant most of the time, a colleague standing in otherwise.
    fn evaluator(&mut self) -> &'static str {
        if self.rng.u8(..3) == 0 {
            pick(EVALUATORS, &mut self.rng)
        } else {
            self.consultant
        }
    }

    fn certification(
        &mut self,
        trainer: TrainerId,
        granted_on: NaiveDate,
        renews: Option<CertificationId>,
    ) -> Result<CertificationId, StoreError> {
        let id = self
            .batch
            .insert_certification(trainer, granted_on, renews, self.marks)?;
        self.written.certifications += 1;
        Ok(id)
    }
}

/// The day twelve months before `day`: a certification granted then expires on `day` (or the
/// day before, when a 29 February is involved).
fn year_before(day: NaiveDate) -> NaiveDate {
    day.checked_sub_months(Months::new(certification::VALIDITY_MONTHS))
        .unwrap_or(day)
}
