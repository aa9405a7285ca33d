//! The certification workflow from the Certification tab: module results, practicum mode,
//! certifying and renewing.

use std::time::Duration;

use super::action::Action;
use super::app::App;
use super::editing::{Rejected, Saved};
use super::form::{Form, FormKind};
use super::overlay::{Confirm, Overlay, Pending};
use super::practicum::{Focus, PracticumMode};
use super::safe_text::sanitize;
use super::tab::Tab;
use crate::domain::TrainerId;
use crate::domain::certification::{self, Module, Pathway};
use crate::domain::practicum::{Dimension, Outcome};
use crate::domain::validation::{self, ModuleResultInput};

/// While the countdown runs, its progress is written to the draft this often, so a crash costs
/// at most this much of the time used.
const TIMER_SAVE_EVERY: Duration = Duration::from_secs(10);

const MODULE_NAMES: [&str; 4] = [
    Module::ExtendedAssessment.as_str(),
    Module::FacilitationSkills.as_str(),
    Module::TroubleshootingDeepDive.as_str(),
    Module::Practicum.as_str(),
];

impl App {
    /// The Certification tab's actions. The countdown and rubric keys act only in practicum
    /// mode, which takes them before they reach here.
    pub(super) fn apply_on_certification(&mut self, action: Action) {
        match action {
            Action::RecordModule => self.open_module_form(),
            Action::OpenPracticum => self.open_practicum(),
            Action::Certify => self.ask_certify(),
            Action::Renew => self.ask_renew(),
            _ => {}
        }
    }

    /// "Ana Costa · Kestrel Insurance" for the selected trainer, made safe to draw.
    fn selected_pathway(&self) -> Option<(&Pathway, String)> {
        let pathway = self.certification.selected()?;
        let who = format!(
            "{} · {}",
            sanitize(&pathway.row.trainer.fields.name),
            sanitize(&pathway.row.account_name)
        );
        Some((pathway, who))
    }

    /// `m`: a form for one module attempt, the first module not yet passed chosen.
    fn open_module_form(&mut self) {
        let Some((pathway, who)) = self.selected_pathway() else {
            return;
        };
        let next = certification::modules_missing(&pathway.completions, self.marks)
            .first()
            .copied()
            .unwrap_or(Module::ExtendedAssessment);
        // Whoever entered the last result this run, else whoever is on file last.
        let evaluator = if self.last_evaluator.is_empty() {
            self.store.last_evaluator().unwrap_or_default()
        } else {
            self.last_evaluator.clone()
        };
        let form = Form::new(
            FormKind::ModuleResult(pathway.row.trainer.id),
            format!("Module result for {who}"),
        )
        .choice("module", "Module", &MODULE_NAMES, next.as_str())
        .line(
            "completed_on",
            "Date",
            &self.today.to_string(),
            "YYYY-MM-DD",
        )
        .line("score", "Score", "", "0–100")
        .line("evaluator", "Evaluator", &evaluator, "who judged it")
        .text("note", "Note", "");
        self.overlay = Some(Overlay::Form(form));
    }

    pub(super) fn save_module_result(
        &mut self,
        form: &Form,
        trainer: TrainerId,
    ) -> Result<(String, Saved), Rejected> {
        let input = ModuleResultInput {
            module: form.value("module"),
            completed_on: form.value("completed_on"),
            score: form.value("score"),
            evaluator: form.value("evaluator"),
            note: form.value("note"),
        };
        let completion =
            validation::validate_module_result(&input, self.today).map_err(Rejected::Fields)?;
        self.store
            .record_module_completion(trainer, &completion)
            .map_err(Rejected::Store)?;
        self.last_evaluator.clone_from(&completion.evaluator);
        let mark = self.marks.of(completion.module);
        let verdict = if completion.passed(self.marks) {
            "passed"
        } else {
            "not passed"
        };
        Ok((
            format!(
                "{}: {} {verdict} (pass mark {mark})",
                completion.module, completion.score
            ),
            Saved::Pathway(trainer),
        ))
    }

    /// `c`: asks before certifying, or says at once why the trainer cannot be certified.
    fn ask_certify(&mut self) {
        let Some((pathway, who)) = self.selected_pathway() else {
            return;
        };
        let trainer = pathway.row.trainer.id;
        if !pathway.certifications.is_empty() {
            self.warn(format!("{who} is already certified: r renews"));
            return;
        }
        if let Err(error) = certification::can_certify(&pathway.completions, self.marks) {
            self.warn(format!("Cannot certify yet: {error}"));
            return;
        }
        let expires = certification::expiry_for(self.today);
        let name = sanitize(&pathway.row.trainer.fields.name);
        self.overlay = Some(Overlay::Confirm(Confirm {
            question: format!("Certify {name} today, valid until {expires}?"),
            on_yes: Pending::Certify(trainer),
            back: None,
        }));
    }

    /// `r`: asks before renewing, or says at once why the renewal is refused.
    fn ask_renew(&mut self) {
        let Some((pathway, who)) = self.selected_pathway() else {
            return;
        };
        let trainer = pathway.row.trainer.id;
        if pathway.certifications.is_empty() {
            self.warn(format!("{who} was never certified: c certifies"));
            return;
        }
        if let Err(error) = certification::can_renew(&pathway.completions, self.marks, self.today) {
            self.warn(format!("Cannot renew: {error}"));
            return;
        }
        let expires = certification::expiry_for(self.today);
        let name = sanitize(&pathway.row.trainer.fields.name);
        self.overlay = Some(Overlay::Confirm(Confirm {
            question: format!("Renew {name} today, valid until {expires}?"),
            on_yes: Pending::Renew(trainer),
            back: None,
        }));
    }

    /// Carries out a confirmed certify or renew.
    pub(super) fn certify(&mut self, trainer: TrainerId, renew: bool) {
        let granted = if renew {
            self.store
                .renew_certification(trainer, self.today, self.marks)
        } else {
            self.store.certify_trainer(trainer, self.today, self.marks)
        };
        match granted {
            Ok(certification) => {
                let verb = if renew { "Renewed" } else { "Certified" };
                self.inform(format!(
                    "{verb}: {}, valid until {}",
                    sanitize(&certification.number),
                    certification.expires_on
                ));
                self.reload_or_report();
                self.follow_trainer(trainer);
            }
            Err(error) => self.report(&error),
        }
    }

    /// After a change to a trainer's pathway: the Certification tab, with the cursor on them.
    pub(super) fn follow_trainer(&mut self, trainer: TrainerId) {
        self.show_tab(Tab::Certification);
        if self.certification.select(trainer)
            && let Some(message) = &mut self.message
        {
            message
                .text
                .push_str(" · filter cleared to keep the trainer in view");
        }
    }

    /// `p`: opens practicum mode on the trainer's draft, or a new one.
    fn open_practicum(&mut self) {
        let Some((pathway, who)) = self.selected_pathway() else {
            return;
        };
        let trainer = pathway.row.trainer.id;
        match self.store.open_practicum(trainer, self.today) {
            Ok(draft) => {
                let resumed = draft.rubric.scored() > 0
                    || !draft.feedback.is_empty()
                    || !draft.used.is_zero();
                self.practicum = Some(Box::new(PracticumMode::new(draft, who, self.now)));
                self.inform(
                    if resumed {
                        "Practicum draft resumed where it stopped; Space starts the countdown"
                    } else {
                        "Practicum ready: Space starts the 20-minute countdown"
                    }
                    .to_string(),
                );
            }
            Err(error) => self.report(&error),
        }
    }

    pub(super) fn in_practicum(&self) -> bool {
        self.practicum.is_some() && self.overlay.is_none()
    }

    /// Carries out `action` in practicum mode; returns `false` for actions it leaves to the
    /// rest of the app (help, quit).
    pub(super) fn apply_in_practicum(&mut self, action: Action) -> bool {
        let now = self.now;
        let Some(mode) = self.practicum.as_deref_mut() else {
            return false;
        };
        let changed = match action {
            Action::ToggleTimer => {
                if mode.countdown.is_running() {
                    mode.countdown.pause(now);
                } else {
                    mode.countdown.start(now);
                }
                true
            }
            Action::AddMinute => {
                mode.countdown.add_minute();
                if !mode.countdown.is_up(now) {
                    mode.bell_rung = false;
                }
                true
            }
            Action::RemoveMinute => {
                mode.countdown.remove_minute(now);
                true
            }
            // A digit scores and moves on, as answering a question does; ←/→ stay put.
            Action::Answer(score) => score_dimension(mode, true, |_| score),
            Action::LowerScore => score_dimension(mode, false, |score| {
                score.map_or(3, |s| s.saturating_sub(1).max(1))
            }),
            Action::RaiseScore => {
                score_dimension(mode, false, |score| score.map_or(3, |s| (s + 1).min(5)))
            }
            Action::MoveDown => {
                mode.move_dimension(1);
                false
            }
            Action::MoveUp => {
                mode.move_dimension(-1);
                false
            }
            Action::NextField => {
                mode.focus_next();
                false
            }
            Action::PreviousField => {
                mode.focus_previous();
                false
            }
            Action::PassPracticum => {
                mode.draft.outcome = Some(Outcome::Pass);
                true
            }
            Action::NeedsWorkPracticum => {
                mode.draft.outcome = Some(Outcome::NeedsWork);
                true
            }
            Action::RecordPracticum => {
                self.record_practicum();
                return true;
            }
            Action::ClosePracticum => {
                self.close_practicum();
                return true;
            }
            _ => return false,
        };
        if changed {
            self.save_practicum();
        }
        true
    }

    /// Writes the draft as it stands, the countdown's progress included.
    pub(super) fn save_practicum(&mut self) {
        let now = self.now;
        let Some(mode) = self.practicum.as_deref_mut() else {
            return;
        };
        mode.capture_time(now);
        if let Err(error) = self.store.save_practicum_draft(&mode.draft) {
            self.report(&error);
        }
    }

    /// A key typed into the feedback or the evaluator: saved as it now reads.
    pub(super) fn type_in_practicum(&mut self, key: crossterm::event::KeyEvent) {
        if let Some(mode) = self.practicum.as_deref_mut()
            && mode.type_key(key)
        {
            self.save_practicum();
        }
    }

    pub(super) fn paste_in_practicum(&mut self, text: &str) {
        if let Some(mode) = self.practicum.as_deref_mut()
            && mode.paste(text)
        {
            self.save_practicum();
        }
    }

    /// Esc: leaves practicum mode with the countdown paused and everything kept.
    fn close_practicum(&mut self) {
        if let Some(mode) = self.practicum.as_deref_mut() {
            mode.countdown.pause(self.now);
        }
        self.save_practicum();
        self.practicum = None;
        self.inform("Practicum kept as a draft: p resumes it".to_string());
        self.reload_or_report();
    }

    /// Ctrl-S: records the practicum module, or says what is missing and stays.
    fn record_practicum(&mut self) {
        let now = self.now;
        let Some(mode) = self.practicum.as_deref_mut() else {
            return;
        };
        mode.countdown.pause(now);
        mode.capture_time(now);
        match self
            .store
            .record_practicum(&mode.draft, self.marks, self.today)
        {
            Ok(recorded) => {
                let trainer = recorded.trainer;
                let score = recorded.rubric.module_score().unwrap_or_default();
                let outcome = recorded.outcome.map_or("", Outcome::as_str);
                self.last_evaluator.clone_from(&recorded.evaluator);
                self.practicum = None;
                self.inform(format!(
                    "Practicum recorded: {score}, {outcome}, in {}",
                    crate::domain::countdown::clock_face(recorded.used)
                ));
                self.reload_or_report();
                self.follow_trainer(trainer);
            }
            Err(error) => {
                // Nothing was recorded, but the draft (and the paused countdown) is kept.
                self.save_practicum();
                self.report(&error);
            }
        }
    }

    /// Moves the app's clock on: rings the bell once when the practicum's time runs out, and
    /// writes the countdown's progress every few seconds while it runs.
    pub fn set_clock(&mut self, now: Duration) {
        self.now = now;
        let Some(mode) = self.practicum.as_deref_mut() else {
            return;
        };
        if mode.countdown.is_up(now) && !mode.bell_rung {
            mode.bell_rung = true;
            self.bell = true;
        }
        if mode.countdown.is_running() && now.saturating_sub(mode.saved_at) >= TIMER_SAVE_EVERY {
            self.save_practicum();
        }
    }

    /// Whether the terminal bell should ring now; reading it clears it.
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.bell)
    }

    /// Before quitting: the countdown's last seconds go into the draft too.
    pub(super) fn park_practicum(&mut self) {
        if let Some(mode) = self.practicum.as_deref_mut() {
            mode.countdown.pause(self.now);
        }
        self.save_practicum();
    }
}

/// Sets the focused dimension's score from its current one, moving on to the next dimension
/// if `advance`; returns whether the score changed.
fn score_dimension(
    mode: &mut PracticumMode,
    advance: bool,
    next: impl FnOnce(Option<u8>) -> u8,
) -> bool {
    let Focus::Rubric(index) = mode.focus else {
        return false;
    };
    let Some(dimension) = Dimension::ALL.get(index).copied() else {
        return false;
    };
    let current = mode.draft.rubric.score(dimension);
    let score = next(current);
    mode.draft.rubric.set(dimension, score);
    if advance {
        mode.move_dimension(1);
    }
    Some(score) != current
}
