//! Reading one logged training session back, for the form that corrects it. The writes and
//! the lists live beside the rest of the program data in `program.rs`.

use rusqlite::OptionalExtension;

use super::program::{SESSION_COLUMNS, logged_session};
use super::{Store, StoreError};
use crate::domain::program::{LoggedSession, SessionId};

impl Store {
    /// The session as the file holds it now; `None` once it is deleted (by another t3 on the
    /// same file, say).
    pub fn session(&self, id: SessionId) -> Result<Option<LoggedSession>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {SESSION_COLUMNS} FROM training_session WHERE id = ?1"),
                [id.0],
                logged_session,
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::program::TrainingSession;
    use crate::domain::{AccountFields, T3Status, TrainerFields, TrainerStatus};

    #[test]
    fn a_session_reads_back_until_it_is_deleted() {
        let mut store = Store::in_memory().unwrap();
        let account = store
            .insert_account(&AccountFields {
                name: "Kestrel Insurance".into(),
                segment: "Enterprise".into(),
                seats: 800,
                csm_owner: String::new(),
                rollout_start: None,
                renewal_date: None,
                annual_value: 0,
                t3_status: T3Status::Active,
            })
            .unwrap();
        let trainer = store
            .insert_trainer(
                &TrainerFields {
                    account_id: account,
                    name: "Ana Costa".into(),
                    email: "ana@kestrel.example".into(),
                    title: String::new(),
                    department: String::new(),
                },
                TrainerStatus::Certified,
            )
            .unwrap();
        let session = TrainingSession {
            trainer,
            account,
            held_on: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap(),
            topic: "Reporting basics".into(),
            attendees: 14,
            duration_minutes: 60,
        };
        let id = store.log_session(&session).unwrap();
        assert_eq!(
            store.session(id).unwrap(),
            Some(LoggedSession { id, session })
        );
        store.delete_session(id).unwrap();
        assert_eq!(store.session(id).unwrap(), None);
    }
}
