//! The At risk tab's work: acknowledging, logging contacts, snoozing, assigning, resolving and
//! reopening, each one triage action recorded with who and when; `u` takes one back as it does
//! any other action.

use chrono::Local;

use super::action::Action;
use super::app::App;
use super::editing::{Rejected, Saved};
use super::form::{Form, FormKind};
use super::overlay::Overlay;
use super::safe_text::sanitize;
use crate::domain::FieldError;
use crate::domain::risk::FindingKey;
use crate::domain::triage::{self, TriageAction};

impl App {
    /// The At risk tab's actions.
    pub(super) fn apply_on_findings(&mut self, action: Action) {
        match action {
            Action::Acknowledge => self.acknowledge(),
            Action::ReopenFinding => self.reopen(),
            Action::LogContact | Action::Snooze | Action::Assign | Action::Resolve => {
                self.open_triage_form(action);
            }
            Action::ShowHiddenFindings => {
                let text = self.at_risk.toggle_hidden();
                self.inform(text);
            }
            _ => {}
        }
    }

    fn acknowledge(&mut self) {
        let Some(triaged) = self.at_risk.selected() else {
            return;
        };
        if triaged.state.acknowledged {
            self.inform("Already acknowledged".to_string());
            return;
        }
        let key = triaged.finding.key;
        self.record_now(key, &TriageAction::Acknowledge);
    }

    /// `o`: a snoozed or resolved finding (shown with `h`) back in the list.
    fn reopen(&mut self) {
        let Some(triaged) = self.at_risk.selected() else {
            return;
        };
        if !triaged.is_hidden(self.today) {
            self.inform("Not snoozed or resolved: it is in the list already".to_string());
            return;
        }
        let key = triaged.finding.key;
        self.record_now(key, &TriageAction::Reopen);
    }

    /// Records an action that needs no form, and shows the outcome.
    pub(super) fn record_now(&mut self, key: FindingKey, action: &TriageAction) {
        match self.record_triage(key, action) {
            Ok(message) => {
                self.inform(message);
                self.reload_or_report();
            }
            Err(Rejected::Store(error)) => self.report(&error),
            Err(_) => {}
        }
    }

    /// Opens the form one triage action needs, for the finding under the cursor.
    fn open_triage_form(&mut self, action: Action) {
        let Some(triaged) = self.at_risk.selected() else {
            return;
        };
        let finding = &triaged.finding;
        let key = finding.key;
        let about = match &finding.trainer_name {
            Some(trainer) => format!("{} · {}", finding.account_name, trainer),
            None => finding.account_name.clone(),
        };
        let about = sanitize(&about).into_owned();
        let form = match action {
            Action::LogContact => {
                Form::new(FormKind::Contact(key), format!("Log a contact: {about}"))
                    .text("note", "Note", "")
            }
            Action::Snooze => Form::new(FormKind::Snooze(key), format!("Snooze: {about}"))
                .choice(
                    "for",
                    "For",
                    &triage::SNOOZE_CHOICES,
                    triage::SNOOZE_CHOICES[0],
                )
                .line("until", "Until", "", "YYYY-MM-DD, with 'to a date'"),
            Action::Assign => {
                let person = triaged
                    .state
                    .assigned_to
                    .clone()
                    .unwrap_or_else(|| self.last_assignee.clone());
                Form::new(FormKind::Assign(key), format!("Assign: {about}")).line(
                    "person",
                    "Person",
                    &person,
                    "who follows it up",
                )
            }
            Action::Resolve => Form::new(FormKind::Resolve(key), format!("Resolve: {about}"))
                .text("reason", "Reason", ""),
            _ => return,
        };
        self.overlay = Some(Overlay::Form(form));
    }

    /// Saves a triage form: one action, recorded now.
    pub(super) fn save_triage(&mut self, form: &Form) -> Result<(String, Saved), Rejected> {
        let required = |key: &'static str, what: &str| {
            let value = form.value(key);
            if value.trim().is_empty() {
                Err(Rejected::Fields(vec![FieldError::new(
                    key,
                    format!("{what} cannot be empty"),
                )]))
            } else {
                Ok(value.trim_end().to_string())
            }
        };
        let (key, action) = match form.kind {
            FormKind::Contact(key) => {
                (key, TriageAction::LogContact(required("note", "the note")?))
            }
            FormKind::Snooze(key) => {
                let until =
                    triage::snooze_until(&form.value("for"), &form.value("until"), self.today)
                        .map_err(|error| Rejected::Fields(vec![error]))?;
                (key, TriageAction::Snooze(until))
            }
            FormKind::Assign(key) => {
                let person = required("person", "the person")?.trim().to_string();
                self.last_assignee.clone_from(&person);
                (key, TriageAction::Assign(person))
            }
            FormKind::Resolve(key) => (
                key,
                TriageAction::Resolve(required("reason", "the reason")?),
            ),
            _ => return Err(Rejected::Fields(Vec::new())),
        };
        let message = self.record_triage(key, &action)?;
        Ok((message, Saved::Nothing))
    }

    fn record_triage(
        &mut self,
        key: FindingKey,
        action: &TriageAction,
    ) -> Result<String, Rejected> {
        // Dated on the app's today (which --today may move) at the clock's time, as notes are.
        let at = self.today.and_time(Local::now().time());
        self.store
            .record_triage(key, action, &self.triage_user, at)
            .map_err(Rejected::Store)?;
        let said = match action {
            TriageAction::LogContact(_) => "Contact logged".to_string(),
            TriageAction::Snooze(until) => format!("Snoozed until {until}: back in the list then"),
            other => capitalise(&other.to_string()),
        };
        Ok(format!("{said} (u undoes)"))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
