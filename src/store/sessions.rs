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

    #[test]
    fn a_session_reads_back_until_it_is_deleted() {
        let (mut store, account, trainer) =
            crate::store::fixtures::one_trainer("Kestrel Insurance", "Ana Costa");
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
