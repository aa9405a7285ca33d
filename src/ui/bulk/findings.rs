//! Triage on the marked findings of the At risk tab: one form (one snooze, one person, one
//! reason) or one key for all of them.

use super::{BulkAction, CONFIRM_ABOVE, confirmation};
use crate::domain::FieldError;
use crate::domain::risk::FindingKey;
use crate::domain::triage::{self, TriageAction};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::editing::{Rejected, Saved};
use crate::ui::form::{Form, FormKind};
use crate::ui::overlay::Overlay;
use crate::ui::tab::Tab;

impl App {
    pub(super) fn marked_findings(&self) -> Vec<FindingKey> {
        let findings = self.at_risk.findings();
        self.at_risk
            .list
            .marked_rows()
            .into_iter()
            .filter_map(|row| findings.get(row).map(|triaged| triaged.finding.key))
            .collect()
    }

    pub(super) fn acknowledge_marked(&mut self) {
        let findings = self.at_risk.findings();
        let keys: Vec<FindingKey> = self
            .at_risk
            .list
            .marked_rows()
            .into_iter()
            .filter_map(|row| findings.get(row))
            .filter(|triaged| !triaged.state.acknowledged)
            .map(|triaged| triaged.finding.key)
            .collect();
        if keys.is_empty() {
            self.inform("Every marked finding is acknowledged already".to_string());
            return;
        }
        self.confirm_or_carry_out(BulkAction::Triage {
            keys,
            action: TriageAction::Acknowledge,
        });
    }

    /// `action` on every marked finding, as a typed command (`:snooze 14d`) asks; more than
    /// a few are asked about first, as from the keys.
    pub(in crate::ui) fn triage_marked(&mut self, action: TriageAction) {
        let keys = self.marked_findings();
        if !keys.is_empty() {
            self.confirm_or_carry_out(BulkAction::Triage { keys, action });
        }
    }

    /// One form for every marked finding: one duration, one person or one reason for all.
    pub(super) fn open_marked_triage_form(&mut self, action: Action) {
        let keys = self.marked_findings();
        let Some(&first) = keys.first() else {
            return;
        };
        let about = format!("{} marked findings", keys.len());
        let form = match action {
            Action::Snooze => Form::new(FormKind::Snooze(first), format!("Snooze {about}"))
                .choice(
                    "for",
                    "For",
                    &triage::SNOOZE_CHOICES,
                    triage::SNOOZE_CHOICES[0],
                )
                .line("until", "Until", "", "YYYY-MM-DD, with 'to a date'"),
            Action::Assign => Form::new(FormKind::Assign(first), format!("Assign {about}")).line(
                "person",
                "Person",
                &self.last_assignee,
                "who follows them up",
            ),
            Action::Resolve => Form::new(FormKind::Resolve(first), format!("Resolve {about}"))
                .text("reason", "Reason", ""),
            _ => return,
        };
        self.overlay = Some(Overlay::Form(form));
    }

    /// Whether a triage form being saved is for the marked findings rather than one.
    pub(in crate::ui) fn saves_for_marked(&self, form: &Form) -> bool {
        self.tab == Tab::AtRisk
            && self.at_risk.list.has_marks()
            && matches!(
                form.kind,
                FormKind::Snooze(_) | FormKind::Assign(_) | FormKind::Resolve(_)
            )
    }

    /// Saves the marked findings' triage form: written now, or asked about first when the
    /// findings are many.
    pub(in crate::ui) fn save_triage_of_marked(
        &mut self,
        form: &Form,
    ) -> Result<(String, Saved), Rejected> {
        let required = |key: &'static str, what: &str| {
            let value = form.value(key);
            if value.trim().is_empty() {
                Err(Rejected::Fields(vec![FieldError::new(
                    key,
                    format!("{what} cannot be empty"),
                )]))
            } else {
                Ok(value.trim().to_string())
            }
        };
        let action = match form.kind {
            FormKind::Snooze(_) => {
                triage::snooze_until(&form.value("for"), &form.value("until"), self.today)
                    .map(TriageAction::Snooze)
                    .map_err(|error| Rejected::Fields(vec![error]))?
            }
            FormKind::Assign(_) => {
                let person = required("person", "the person")?;
                self.last_assignee.clone_from(&person);
                TriageAction::Assign(person)
            }
            FormKind::Resolve(_) => TriageAction::Resolve(required("reason", "the reason")?),
            _ => return Err(Rejected::Fields(Vec::new())),
        };
        let bulk = BulkAction::Triage {
            keys: self.marked_findings(),
            action,
        };
        if bulk.rows() > CONFIRM_ABOVE {
            return Err(Rejected::Replaced(Box::new(confirmation(bulk, None))));
        }
        let message = self.write_bulk(&bulk).map_err(Rejected::Store)?;
        Ok((message, Saved::Nothing))
    }
}
