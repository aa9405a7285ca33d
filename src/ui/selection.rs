//! The selection workflow from the Roster: running the questionnaire, the vendor's review, and
//! comparing an account's candidates.

use crossterm::event::KeyEvent;

use super::action::Action;
use super::app::App;
use super::comparison::{Candidate, Comparison};
use super::form::{Form, FormKind};
use super::overlay::Overlay;
use super::safe_text::sanitize;
use super::tab::Tab;
use super::wizard::Wizard;
use crate::domain::FieldError;
use crate::domain::assessment::{Review, ReviewState};

/// What a review form decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Decline,
    Reopen,
}

impl App {
    /// `Q`: resumes the trainer's draft or starts a new questionnaire.
    pub(super) fn start_questionnaire(&mut self) {
        let Some(row) = self.roster.selected() else {
            return;
        };
        let who = format!(
            "{} · {}",
            sanitize(&row.trainer.fields.name),
            sanitize(&row.account_name)
        );
        let trainer = row.trainer.id;
        match self.store.start_assessment(trainer, self.today) {
            Ok(assessment) => {
                let resumed = !assessment.answers.scores.is_empty() || assessment.step > 0;
                let wizard = Wizard::new(&assessment, who, self.questionnaire.clone());
                self.overlay = Some(Overlay::Wizard(Box::new(wizard)));
                if resumed {
                    self.inform("Draft resumed where it stopped".to_string());
                }
                self.reload_or_report();
            }
            Err(error) => self.report(&error),
        }
    }

    fn wizard_mut(&mut self) -> Option<&mut Wizard> {
        match &mut self.overlay {
            Some(Overlay::Wizard(wizard)) => Some(wizard),
            _ => None,
        }
    }

    /// Answers the focused question and saves the answer at once.
    pub(super) fn answer_question(&mut self, score: u8) {
        let Some(wizard) = self.wizard_mut() else {
            return;
        };
        let Some(question) = wizard.focused_question() else {
            return;
        };
        let id = wizard.assessment;
        wizard.answers.scores.insert(question.clone(), score);
        // Moving on to the next question saves a keystroke per answer.
        if wizard.focus + 1 < crate::domain::questionnaire::QUESTIONS_PER_CRITERION {
            wizard.focus += 1;
        }
        if let Err(error) = self.store.record_answer(id, &question, score) {
            self.report(&error);
        }
    }

    /// ←/→ on a question: one point lower or higher (an unanswered question starts at 3).
    pub(super) fn nudge_answer(&mut self, action: Action) {
        let Some(wizard) = self.wizard_mut() else {
            return;
        };
        let Some(question) = wizard.focused_question() else {
            return;
        };
        let current = wizard.answers.scores.get(&question).copied();
        let next = match (current, action) {
            (None, _) => 3,
            (Some(score), Action::RaiseScore) => (score + 1).min(5),
            (Some(score), _) => score.saturating_sub(1).max(1),
        };
        let id = wizard.assessment;
        wizard.answers.scores.insert(question.clone(), next);
        if let Err(error) = self.store.record_answer(id, &question, next) {
            self.report(&error);
        }
    }

    pub(super) fn move_in_wizard(&mut self, action: Action) {
        let Some(wizard) = self.wizard_mut() else {
            return;
        };
        match action {
            Action::NextField | Action::MoveDown => wizard.focus_next(),
            _ => wizard.focus_previous(),
        }
    }

    /// PgDn/PgUp (and Enter on a step): another step, remembered so the draft resumes there.
    pub(super) fn change_step(&mut self, forward: bool) {
        let Some(wizard) = self.wizard_mut() else {
            return;
        };
        let step = if forward {
            wizard.step + 1
        } else {
            wizard.step.saturating_sub(1)
        };
        wizard.go_to_step(step);
        let (id, step) = (wizard.assessment, wizard.step);
        if let Err(error) = self.store.record_assessment_step(id, step) {
            self.report(&error);
        }
    }

    /// A key typed into the evidence note: the note is saved as it now reads.
    pub(super) fn type_note(&mut self, key: KeyEvent) {
        let Some(wizard) = self.wizard_mut() else {
            return;
        };
        let Some(input) = wizard.note_input() else {
            return;
        };
        if input.input(key) {
            self.save_evidence_note();
        }
    }

    pub(super) fn paste_note(&mut self, text: &str) {
        let Some(wizard) = self.wizard_mut() else {
            return;
        };
        let Some(input) = wizard.note_input() else {
            return;
        };
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let lines: Vec<_> = text.split('\n').map(sanitize).collect();
        input.insert_str(lines.join("\n"));
        self.save_evidence_note();
    }

    fn save_evidence_note(&mut self) {
        let Some(wizard) = self.wizard_mut() else {
            return;
        };
        let Some((criterion, body)) = wizard.current_note() else {
            return;
        };
        wizard.answers.notes.insert(criterion.clone(), body.clone());
        let id = wizard.assessment;
        if let Err(error) = self.store.record_assessment_note(id, &criterion, &body) {
            self.report(&error);
        }
    }

    /// Enter on the summary: submit for review if every question is answered.
    pub(super) fn submit_assessment(&mut self) {
        let Some(wizard) = self.wizard_mut() else {
            return;
        };
        let id = wizard.assessment;
        let who = wizard.who.clone();
        match self
            .store
            .submit_assessment(id, &self.questionnaire, self.today)
        {
            Ok(()) => {
                self.overlay = None;
                self.inform(format!("Submitted for review: {who} is now proposed"));
                self.reload_or_report();
            }
            Err(error) => self.report(&error),
        }
    }

    pub(super) fn toggle_review_queue(&mut self) {
        let text = self.roster.toggle_review_queue();
        self.inform(text);
    }

    /// `A`, `D`, `O`: asks for the reviewer and a note before deciding.
    pub(super) fn open_review_form(&mut self, decision: Decision) {
        let Some(selection) = self.roster.selected_selection() else {
            self.warn("This trainer has no assessment to review: Q starts one".to_string());
            return;
        };
        let state = selection.assessment.state;
        let allowed = match decision {
            Decision::Approve | Decision::Decline => state == ReviewState::Pending,
            Decision::Reopen => matches!(state, ReviewState::Approved | ReviewState::Declined),
        };
        if !allowed {
            self.warn(format!(
                "The latest assessment is {state}; nothing to {}",
                decision.verb()
            ));
            return;
        }
        let name = self
            .roster
            .selected()
            .map(|row| sanitize(&row.trainer.fields.name).into_owned())
            .unwrap_or_default();
        let title = format!("{} the assessment of {name}", decision.title());
        let kind = FormKind::Review(selection.assessment.id, decision);
        let form = Form::new(kind, title)
            .line(
                "reviewer",
                "Reviewer",
                &self.last_reviewer,
                "who decides, for the record",
            )
            .text("note", "Note", "");
        self.overlay = Some(Overlay::Form(form));
    }

    /// Saves a review form; refused input stays in the form.
    pub(super) fn save_review(
        &mut self,
        form: &Form,
        decision: Decision,
    ) -> Result<String, Vec<FieldError>> {
        let FormKind::Review(id, _) = form.kind else {
            return Err(Vec::new());
        };
        let reviewer = form.value("reviewer").trim().to_string();
        if reviewer.is_empty() {
            return Err(vec![FieldError::new(
                "reviewer",
                "cannot be empty: the decision is recorded with a name",
            )]);
        }
        let review = Review {
            reviewer: reviewer.clone(),
            reviewed_on: self.today,
            note: form.value("note").trim().to_string(),
        };
        let outcome = match decision {
            Decision::Approve => self.store.decide_assessment(id, true, &review),
            Decision::Decline => self.store.decide_assessment(id, false, &review),
            Decision::Reopen => self.store.reopen_assessment(id, &review),
        };
        outcome.map_err(|error| vec![FieldError::new("note", format!("not saved: {error}"))])?;
        self.last_reviewer = reviewer;
        self.show_tab(Tab::Roster);
        Ok(decision.done().to_string())
    }

    /// `C`: the candidates of the selected account (or the selected trainer's account).
    pub(super) fn open_comparison(&mut self) {
        let account = match self.tab {
            Tab::Accounts => self
                .accounts
                .selected()
                .map(|row| (row.account.id, row.account.fields.name.clone())),
            Tab::Roster => self
                .roster
                .selected()
                .map(|row| (row.trainer.fields.account_id, row.account_name.clone())),
            Tab::Syncs | Tab::AtRisk | Tab::Program => None,
            Tab::Certification => self.certification.selected().map(|pathway| {
                (
                    pathway.row.trainer.fields.account_id,
                    pathway.row.account_name.clone(),
                )
            }),
        };
        let Some((account, name)) = account else {
            return;
        };
        if !self.ensure_loaded_or_report(&[Tab::Roster]) {
            return;
        }
        let candidates = self
            .roster
            .rows()
            .iter()
            .filter(|row| row.trainer.fields.account_id == account)
            .filter_map(|row| {
                let selection = self.roster.selection_of(row.trainer.id)?;
                Some(Candidate {
                    name: row.trainer.fields.name.clone(),
                    status: row.trainer.status,
                    review: selection.assessment.state,
                    summary: selection.summary.clone(),
                })
            })
            .collect();
        let comparison = Comparison::new(&name, &self.questionnaire, candidates);
        self.overlay = Some(Overlay::Compare(comparison));
    }
}

impl Decision {
    fn title(self) -> &'static str {
        match self {
            Decision::Approve => "Approve",
            Decision::Decline => "Decline",
            Decision::Reopen => "Reopen",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Decline => "decline",
            Decision::Reopen => "reopen",
        }
    }

    fn done(self) -> &'static str {
        match self {
            Decision::Approve => "Approved: the trainer is now selected",
            Decision::Decline => "Declined: the trainer is now declined",
            Decision::Reopen => "Review reopened: the trainer is proposed again",
        }
    }
}
