//! Opening, saving and cancelling the forms that add and edit accounts, trainers and notes.

use chrono::Local;

use super::action::Action;
use super::app::App;
use super::form::{Form, FormKind};
use super::overlay::{Confirm, Overlay, Pending};
use super::tab::Tab;
use crate::domain::validation::{self, AccountInput, TrainerInput};
use crate::domain::{AccountFields, AccountId, FieldError, T3Status, TrainerId, TrainerStatus};
use crate::store::StoreError;

const T3_STATUSES: [&str; 4] = ["none", "planned", "active", "paused"];

impl App {
    pub(super) fn open_account_form(&mut self, edit: bool) {
        let form = match (edit, self.accounts.selected()) {
            (false, _) => account_form(FormKind::NewAccount, "New account", None),
            (true, Some(row)) => account_form(
                FormKind::EditAccount(row.account.id),
                "Edit account",
                Some(&row.account.fields),
            ),
            (true, None) => return,
        };
        self.overlay = Some(Overlay::Form(form));
    }

    pub(super) fn open_note_form(&mut self) {
        let Some(row) = self.accounts.selected() else {
            return;
        };
        let title = format!(
            "Note on {} (Alt-Enter: new line)",
            super::safe_text::sanitize(&row.account.fields.name)
        );
        let form = Form::new(FormKind::Note(row.account.id), title).text("body", "Note", "");
        self.overlay = Some(Overlay::Form(form));
    }

    pub(super) fn open_trainer_form(&mut self, edit: bool) {
        let selected = self.roster.selected();
        let form = match (edit, selected) {
            (true, Some(row)) => {
                let fields = &row.trainer.fields;
                Form::new(FormKind::EditTrainer(row.trainer.id), "Edit trainer")
                    .line("account", "Account", &row.account_name, "account name")
                    .line("name", "Name", &fields.name, "")
                    .line("email", "Email", &fields.email, "name@company.com")
                    .line("title", "Title", &fields.title, "")
                    .line("department", "Department", &fields.department, "")
            }
            (true, None) => return,
            (false, _) => {
                let account = selected
                    .map(|row| row.account_name.as_str())
                    .unwrap_or_default();
                Form::new(FormKind::NewTrainer, "New trainer (starts as candidate)")
                    .line("account", "Account", account, "account name")
                    .line("name", "Name", "", "")
                    .line("email", "Email", "", "name@company.com")
                    .line("title", "Title", "", "")
                    .line("department", "Department", "", "")
            }
        };
        self.overlay = Some(Overlay::Form(form));
    }

    pub(super) fn move_focus(&mut self, action: Action) {
        if let Some(Overlay::Form(form)) = &mut self.overlay {
            if action == Action::NextField {
                form.focus_next();
            } else {
                form.focus_previous();
            }
        }
    }

    /// Esc in a form: close it, asking first when something was typed.
    pub(super) fn cancel_form(&mut self) {
        let Some(Overlay::Form(form)) = self.overlay.take() else {
            return;
        };
        if form.is_dirty() {
            self.overlay = Some(Overlay::Confirm(Confirm {
                question: "Discard what you typed?".to_string(),
                on_yes: Pending::DiscardForm,
                back: Some(Box::new(Overlay::Form(form))),
            }));
        }
    }

    /// Enter in a form: check it, write it in one transaction, or show what is wrong and keep
    /// the form open with everything typed.
    pub(super) fn save_form(&mut self) {
        let Some(Overlay::Form(mut form)) = self.overlay.take() else {
            return;
        };
        form.failure = None;
        let outcome = match form.kind {
            FormKind::NewAccount => self.save_account(&form, None),
            FormKind::EditAccount(id) => self.save_account(&form, Some(id)),
            FormKind::NewTrainer | FormKind::EditTrainer(_) => self.save_trainer(&form),
            FormKind::Note(id) => self.save_note(&form, id),
            FormKind::Review(_, decision) => self
                .save_review(&form, decision)
                .map(|message| (message, Saved::Nothing))
                .map_err(Rejected::Fields),
            FormKind::ModuleResult(trainer) => self.save_module_result(&form, trainer),
            FormKind::ScheduleSyncs => self.save_schedule(&form),
            FormKind::QuarterlyDates => self.save_quarterly(&form),
            FormKind::EditSync(id) => self.save_sync(&form, id),
            _ if self.saves_for_marked(&form) => self.save_triage_of_marked(&form),
            FormKind::Contact(_)
            | FormKind::Snooze(_)
            | FormKind::Assign(_)
            | FormKind::Resolve(_) => self.save_triage(&form),
            FormKind::LogSession(_) | FormKind::LogSessionAt(_) | FormKind::EditSession(_) => {
                self.save_session(&form)
            }
            FormKind::NewRelease => self.save_release(&form, None),
            FormKind::EditRelease(id) => self.save_release(&form, Some(id)),
            FormKind::NewMaterial => self.save_material(&form),
            FormKind::MaterialUpdate => self.save_material_update(&form),
            FormKind::SaveView => self.save_view_form(&form),
        };
        match outcome {
            Ok((message, saved)) => {
                self.inform(message);
                self.reload_or_report();
                self.show_saved(saved);
            }
            Err(Rejected::Fields(errors)) => {
                form.show_errors(&errors);
                self.overlay = Some(Overlay::Form(form));
            }
            Err(Rejected::Replaced(next)) => self.overlay = Some(*next),
            Err(Rejected::Store(error)) => {
                tracing::warn!(error = error.log_summary(), "save refused");
                form.show_errors(&[]);
                form.failure = Some(format!("Not saved: {error}"));
                self.overlay = Some(Overlay::Form(form));
            }
        }
    }

    fn save_account(
        &mut self,
        form: &Form,
        id: Option<AccountId>,
    ) -> Result<(String, Saved), Rejected> {
        let input = AccountInput {
            name: form.value("name"),
            segment: form.value("segment"),
            seats: form.value("seats"),
            csm_owner: form.value("csm_owner"),
            rollout_start: form.value("rollout_start"),
            renewal_date: form.value("renewal_date"),
            annual_value: form.value("annual_value"),
            t3_status: form.value("t3_status"),
        };
        self.ensure_loaded(Tab::Accounts).map_err(Rejected::Store)?;
        let rows = self.accounts.rows();
        let taken = |name: &str| {
            let name = name.to_lowercase();
            rows.iter().any(|row| {
                Some(row.account.id) != id && row.account.fields.name.to_lowercase() == name
            })
        };
        let fields = validation::validate_account(&input, taken).map_err(Rejected::Fields)?;
        let saved = match id {
            Some(id) => self.store.update_account(id, &fields).map(|()| id),
            None => self.store.insert_account(&fields),
        };
        match saved {
            Ok(saved) => Ok((
                format!("Saved account {}", fields.name),
                Saved::Account(saved),
            )),
            Err(StoreError::DuplicateAccountName(name)) => {
                Err(Rejected::Fields(vec![FieldError::new(
                    "name",
                    format!("an account named '{name}' already exists"),
                )]))
            }
            Err(error) => Err(Rejected::Store(error)),
        }
    }

    fn save_trainer(&mut self, form: &Form) -> Result<(String, Saved), Rejected> {
        let editing = match form.kind {
            FormKind::EditTrainer(id) => Some(id),
            _ => None,
        };
        let input = TrainerInput {
            account: form.value("account"),
            name: form.value("name"),
            email: form.value("email"),
            title: form.value("title"),
            department: form.value("department"),
        };
        self.ensure_loaded(Tab::Accounts).map_err(Rejected::Store)?;
        self.ensure_loaded(Tab::Roster).map_err(Rejected::Store)?;
        let accounts = self.accounts.rows();
        let find_account = |name: &str| {
            let name = name.to_lowercase();
            accounts
                .iter()
                .find(|row| row.account.fields.name.to_lowercase() == name)
                .map(|row| row.account.id)
        };
        let trainers = self.roster.rows();
        let email_taken = |email: &str| {
            trainers.iter().any(|row| {
                Some(row.trainer.id) != editing
                    && row.trainer.fields.email.eq_ignore_ascii_case(email)
            })
        };
        let fields = validation::validate_trainer(&input, find_account, email_taken)
            .map_err(Rejected::Fields)?;
        let saved = match editing {
            Some(id) => self.store.update_trainer(id, &fields).map(|()| id),
            None => self.store.insert_trainer(&fields, TrainerStatus::Candidate),
        };
        match saved {
            Ok(id) => Ok((format!("Saved trainer {}", fields.name), Saved::Trainer(id))),
            Err(StoreError::DuplicateTrainerEmail(email)) => {
                Err(Rejected::Fields(vec![FieldError::new(
                    "email",
                    format!("another trainer already uses {email}"),
                )]))
            }
            Err(error) => Err(Rejected::Store(error)),
        }
    }

    fn save_note(&mut self, form: &Form, account: AccountId) -> Result<(String, Saved), Rejected> {
        let body = form.value("body");
        if body.trim().is_empty() {
            return Err(Rejected::Fields(vec![FieldError::new(
                "body",
                "cannot be empty",
            )]));
        }
        // The note is dated on the app's today (which --today may move) at the clock's time.
        let written_at = self.today.and_time(Local::now().time());
        self.store
            .insert_note(account, written_at, body.trim_end())
            .map_err(Rejected::Store)?;
        Ok(("Note added".to_string(), Saved::Account(account)))
    }

    /// After a save, put the cursor on the record that was saved, on its tab.
    fn show_saved(&mut self, saved: Saved) {
        match saved {
            Saved::Account(id) => {
                self.show_tab(Tab::Accounts);
                self.accounts.select(id);
                if let Err(error) = self.accounts.load_detail(&self.store) {
                    self.report(&error);
                }
            }
            Saved::Trainer(id) => {
                self.show_tab(Tab::Roster);
                self.roster.select(id);
            }
            Saved::Pathway(id) => self.follow_trainer(id),
            Saved::Sync(id) => {
                self.show_tab(Tab::Syncs);
                self.syncs.select(id);
            }
            Saved::Session(id) => {
                if let Some(list) = self.session_list.as_deref_mut() {
                    list.select_or_stay(Some(id));
                }
            }
            Saved::Release(id) => self.show_saved_release(id),
            Saved::Nothing => {}
        }
    }
}

/// What a save wrote, so the cursor can follow it.
#[derive(Clone, Copy)]
pub(super) enum Saved {
    Account(AccountId),
    Trainer(TrainerId),
    /// A module result: the trainer, on the Certification tab.
    Pathway(TrainerId),
    Sync(crate::domain::sync::SyncId),
    /// A session, in the session list that is open.
    Session(crate::domain::program::SessionId),
    /// A release, or a material update for one: the release, in the Releases view.
    Release(crate::domain::program::ReleaseId),
    /// Nothing to move the cursor to (a review keeps it where it is).
    Nothing,
}

pub(super) enum Rejected {
    /// Not saved yet: the form leads to another (the quarterly dates after a sync's details).
    Replaced(Box<Overlay>),
    Fields(Vec<FieldError>),
    Store(StoreError),
}

fn account_form(kind: FormKind, title: &str, fields: Option<&AccountFields>) -> Form {
    let text = |value: Option<String>| value.unwrap_or_default();
    let date = |pick: fn(&AccountFields) -> Option<chrono::NaiveDate>| {
        text(fields.and_then(pick).map(|date| date.to_string()))
    };
    let status = fields.map_or(T3Status::Planned, |fields| fields.t3_status);
    Form::new(kind, title)
        .line(
            "name",
            "Name",
            &text(fields.map(|f| f.name.clone())),
            "company name",
        )
        .line(
            "segment",
            "Segment",
            &text(fields.map(|f| f.segment.clone())),
            "Enterprise, Mid-market, SMB…",
        )
        .line(
            "seats",
            "Seats",
            &text(fields.map(|f| f.seats.to_string())),
            "licensed seats",
        )
        .line(
            "csm_owner",
            "CSM owner",
            &text(fields.map(|f| f.csm_owner.clone())),
            "",
        )
        .line(
            "rollout_start",
            "Rollout start",
            &date(|f| f.rollout_start),
            "YYYY-MM-DD",
        )
        .line(
            "renewal_date",
            "Renewal date",
            &date(|f| f.renewal_date),
            "YYYY-MM-DD",
        )
        .line(
            "annual_value",
            "Annual value",
            &text(fields.map(|f| f.annual_value.to_string())),
            "whole amount",
        )
        .choice("t3_status", "T3 status", &T3_STATUSES, status.as_str())
}
