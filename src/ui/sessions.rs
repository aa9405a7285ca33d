//! Logging, correcting and deleting the training sessions trainers deliver: from the Roster
//! (`l` for the selected trainer, `L` for the list of their sessions) and from an account
//! (`l`, choosing which of its trainers delivered it).
//!
//! Only trainers who are or were certified deliver sessions, so logging is refused for anyone
//! else with the reason; a session already logged can always be corrected or deleted.

use super::action::Action;
use super::app::App;
use super::editing::{Rejected, Saved};
use super::form::{Form, FormKind};
use super::overlay::{Confirm, Overlay, Pending};
use super::safe_text::sanitize;
use super::session_list::SessionList;
use super::tab::Tab;
use crate::domain::program::{SessionFields, SessionId, TrainingSession};
use crate::domain::validation::{self, SessionInput};
use crate::domain::{AccountId, FieldError, TrainerId, TrainerRow, TrainerStatus};
use crate::store::StoreError;

/// What a new session's form offers for its length, in minutes.
const DEFAULT_MINUTES: u32 = 60;

/// How much of a topic the delete question quotes: the question has two lines of room.
const QUOTED_TOPIC: usize = 32;

impl App {
    /// The keys that log, list, correct and delete sessions.
    pub(super) fn apply_on_sessions(&mut self, action: Action) {
        match action {
            Action::LogSession => self.open_log_form(),
            Action::ShowSessions => self.open_session_list(),
            Action::EditSession => self.open_correction_form(),
            Action::DeleteSession => self.ask_delete_session(),
            _ => {}
        }
    }

    /// Carries out `action` while the session list is the top layer; returns `false` for the
    /// actions it leaves to the rest of the app (logging, help, quitting).
    pub(super) fn apply_in_session_list(&mut self, action: Action) -> bool {
        let Some(sessions) = self.session_list.as_deref_mut() else {
            return false;
        };
        let list = sessions.list_mut();
        match action {
            Action::MoveDown => list.move_by(1),
            Action::MoveUp => list.move_by(-1),
            Action::MoveTop => list.move_to_top(),
            Action::MoveBottom => list.move_to_bottom(),
            Action::PageDown => list.page_down(),
            Action::PageUp => list.page_up(),
            Action::CloseOverlay => self.session_list = None,
            _ => return false,
        }
        true
    }

    /// `l`: for the trainer whose sessions are listed, the one selected on the Roster, or one
    /// of the selected account's trainers.
    fn open_log_form(&mut self) {
        if let Some(list) = self.session_list.as_deref() {
            let trainer = list.trainer;
            self.open_trainer_log_form(trainer);
            return;
        }
        match self.tab {
            Tab::Roster => {
                if let Some(trainer) = self.roster.selected().map(|row| row.trainer.id) {
                    self.open_trainer_log_form(trainer);
                }
            }
            Tab::Accounts => self.open_account_log_form(),
            _ => {}
        }
    }

    fn open_trainer_log_form(&mut self, trainer: TrainerId) {
        if !self.ensure_loaded_or_report(&[Tab::Roster]) {
            return;
        }
        let Some(row) = self
            .roster
            .rows()
            .iter()
            .find(|row| row.trainer.id == trainer)
        else {
            return;
        };
        let status = row.status_on(self.today);
        let name = sanitize(&row.trainer.fields.name).into_owned();
        if !status.delivers_sessions() {
            self.warn(format!(
                "No session to log for {name}, who is {status}: trainers deliver sessions once \
                 certified"
            ));
            return;
        }
        let title = format!("Log a session: {name} · {}", sanitize(&row.account_name));
        let form = session_fields(
            Form::new(FormKind::LogSession(trainer), title),
            None,
            &self.today.to_string(),
        );
        self.overlay = Some(Overlay::Form(form));
    }

    /// From an account: the form starts with the choice of its certified or lapsed trainers.
    fn open_account_log_form(&mut self) {
        let Some(row) = self.accounts.selected() else {
            return;
        };
        let account = row.account.id;
        let name = sanitize(&row.account.fields.name).into_owned();
        let trainers = match self.delivering_trainers(account) {
            Ok(trainers) => trainers,
            Err(error) => {
                self.report(&error);
                return;
            }
        };
        if trainers.is_empty() {
            self.warn(format!(
                "No session to log at {name}: none of its trainers is certified or lapsed, and \
                 trainers deliver sessions once certified"
            ));
            return;
        }
        let labels: Vec<&str> = trainers.iter().map(|(_, label)| label.as_str()).collect();
        let form = Form::new(
            FormKind::LogSessionAt(account),
            format!("Log a session at {name}"),
        )
        .choice("trainer", "Trainer", &labels, labels[0]);
        let form = session_fields(form, None, &self.today.to_string());
        self.overlay = Some(Overlay::Form(form));
    }

    /// The account's trainers who deliver sessions, certified ones first, each with the label
    /// the form's choice shows: the name and status, and the email when two share a name.
    fn delivering_trainers(
        &self,
        account: AccountId,
    ) -> Result<Vec<(TrainerId, String)>, StoreError> {
        let mut rows: Vec<TrainerRow> = self
            .store
            .trainers_of_account(account)?
            .into_iter()
            .filter(|row| row.status_on(self.today).delivers_sessions())
            .collect();
        rows.sort_by_key(|row| row.status_on(self.today) != TrainerStatus::Certified);
        let labels = rows
            .iter()
            .map(|row| {
                let fields = &row.trainer.fields;
                let status = row.status_on(self.today);
                let namesakes = rows
                    .iter()
                    .filter(|other| other.trainer.fields.name == fields.name)
                    .count();
                let label = if namesakes > 1 {
                    format!("{} ({status}, {})", fields.name, fields.email)
                } else {
                    format!("{} ({status})", fields.name)
                };
                (row.trainer.id, sanitize(&label).into_owned())
            })
            .collect();
        Ok(labels)
    }

    /// `L`: the selected trainer's sessions, latest first.
    fn open_session_list(&mut self) {
        let Some(row) = self.roster.selected() else {
            return;
        };
        let trainer = row.trainer.id;
        let who = format!(
            "{} · {}",
            sanitize(&row.trainer.fields.name),
            sanitize(&row.account_name)
        );
        match self.store.sessions_of_trainer(trainer) {
            Ok(sessions) => {
                self.session_list = Some(Box::new(SessionList::new(
                    trainer, who, sessions, self.today,
                )));
            }
            Err(error) => self.report(&error),
        }
    }

    /// `e` in the session list: the same form as logging, filled with the session.
    fn open_correction_form(&mut self) {
        let Some(list) = self.session_list.as_deref() else {
            return;
        };
        let Some(logged) = list.selected() else {
            self.inform("No session to correct: l logs one".to_string());
            return;
        };
        let title = format!("Correct a session: {}", list.who);
        let form = session_fields(
            Form::new(FormKind::EditSession(logged.id), title),
            Some(&logged.session),
            &logged.session.held_on.to_string(),
        );
        self.overlay = Some(Overlay::Form(form));
    }

    /// `d` in the session list: asks before deleting.
    fn ask_delete_session(&mut self) {
        let Some(logged) = self.session_list.as_deref().and_then(SessionList::selected) else {
            self.inform("No session to delete".to_string());
            return;
        };
        let question = format!(
            "Delete the session of {}, {}?",
            logged.session.held_on,
            quoted(&logged.session.topic)
        );
        self.overlay = Some(Overlay::Confirm(Confirm {
            question,
            on_yes: Pending::DeleteSession(logged.id),
            back: None,
        }));
    }

    /// Carries out a confirmed delete.
    pub(super) fn delete_session(&mut self, id: SessionId) {
        let held_on = self
            .session_list
            .as_deref()
            .and_then(SessionList::selected)
            .filter(|logged| logged.id == id)
            .map(|logged| logged.session.held_on);
        match self.store.delete_session(id) {
            Ok(()) => {
                let which = held_on.map_or_else(String::new, |day| format!(" of {day}"));
                self.inform(format!("Deleted the session{which}"));
                self.reload_or_report();
            }
            Err(error) => self.report(&error),
        }
    }

    /// Saves a session form: a new session for a trainer or at an account, or a correction.
    pub(super) fn save_session(&mut self, form: &Form) -> Result<(String, Saved), Rejected> {
        let input = SessionInput {
            held_on: form.value("held_on"),
            topic: form.value("topic"),
            attendees: form.value("attendees"),
            duration_minutes: form.value("duration_minutes"),
        };
        let checked = validation::validate_session(&input, self.today);
        match form.kind {
            FormKind::LogSession(trainer) => {
                let fields = checked.map_err(Rejected::Fields)?;
                self.log(trainer, fields)
            }
            FormKind::LogSessionAt(account) => {
                let chosen = form.value("trainer");
                let trainer = self
                    .delivering_trainers(account)
                    .map_err(Rejected::Store)?
                    .into_iter()
                    .find(|(_, label)| *label == chosen)
                    .map(|(trainer, _)| trainer);
                let mut errors = Vec::new();
                if trainer.is_none() {
                    errors.push(FieldError::new(
                        "trainer",
                        "no longer a certified or lapsed trainer of this account: choose another",
                    ));
                }
                match (trainer, checked) {
                    (Some(trainer), Ok(fields)) => {
                        let (message, _) = self.log(trainer, fields)?;
                        Ok((message, Saved::Account(account)))
                    }
                    (_, checked) => {
                        errors.extend(checked.err().unwrap_or_default());
                        Err(Rejected::Fields(errors))
                    }
                }
            }
            FormKind::EditSession(id) => {
                let fields = checked.map_err(Rejected::Fields)?;
                let current =
                    self.store
                        .session(id)
                        .map_err(Rejected::Store)?
                        .ok_or(Rejected::Store(StoreError::NotFound {
                            what: "session",
                            id: id.0,
                        }))?;
                let session = fields.delivered_by(current.session.trainer, current.session.account);
                self.store
                    .update_session(id, &session)
                    .map_err(Rejected::Store)?;
                Ok((
                    format!("Corrected the session: {}", summary(&session)),
                    Saved::Session(id),
                ))
            }
            _ => Err(Rejected::Fields(Vec::new())),
        }
    }

    /// Writes a new session for `trainer`, counted for the account they belong to now.
    fn log(
        &mut self,
        trainer: TrainerId,
        fields: SessionFields,
    ) -> Result<(String, Saved), Rejected> {
        self.ensure_loaded(Tab::Roster).map_err(Rejected::Store)?;
        let (name, account) = self
            .roster
            .rows()
            .iter()
            .find(|row| row.trainer.id == trainer)
            .map(|row| {
                (
                    row.trainer.fields.name.clone(),
                    row.trainer.fields.account_id,
                )
            })
            .ok_or(Rejected::Store(StoreError::NotFound {
                what: "trainer",
                id: trainer.0,
            }))?;
        let session = fields.delivered_by(trainer, account);
        let id = self.store.log_session(&session).map_err(Rejected::Store)?;
        let message = format!("Logged {name}'s session: {}", summary(&session));
        // From the list, the cursor goes to the new session; from the Roster, it stays on the
        // trainer.
        let saved = if self.session_list.is_some() {
            Saved::Session(id)
        } else {
            Saved::Trainer(trainer)
        };
        Ok((message, saved))
    }
}

/// The date, topic, attendees and minutes fields, filled from `session` or, for a new one,
/// dated `held_on` and an hour long.
fn session_fields(form: Form, session: Option<&TrainingSession>, held_on: &str) -> Form {
    let attendees = session.map_or_else(String::new, |s| s.attendees.to_string());
    let minutes = session.map_or(DEFAULT_MINUTES, |s| s.duration_minutes);
    form.line("held_on", "Date", held_on, "YYYY-MM-DD, today or before")
        .line(
            "topic",
            "Topic",
            session.map_or("", |s| s.topic.as_str()),
            "what the session taught",
        )
        .line(
            "attendees",
            "Attendees",
            &attendees,
            "how many came, 0–10000",
        )
        .line(
            "duration_minutes",
            "Minutes",
            &minutes.to_string(),
            "how long it ran, 1–1440",
        )
}

/// "2026-06-12, Reporting basics, 14 attendees, 60 min" for the status line.
fn summary(session: &TrainingSession) -> String {
    format!(
        "{}, {}, {} attendees, {} min",
        session.held_on, session.topic, session.attendees, session.duration_minutes
    )
}

/// The topic in quotes, cut to fit the delete question.
fn quoted(topic: &str) -> String {
    let topic = sanitize(topic);
    let cut: String = topic.chars().take(QUOTED_TOPIC).collect();
    if cut.chars().count() < topic.chars().count() {
        format!("'{cut}…'")
    } else {
        format!("'{cut}'")
    }
}
