//! Writing a generated portfolio of a million rows in one go, for `t3 demo --scale large`.
//!
//! Everything lands in one IMMEDIATE transaction through statements prepared once and kept in
//! the connection's cache, with the schema's indexes in place: rows arrive in the order the
//! indexes sort them (each trainer's sessions oldest first), so each index grows at its end.
//! The rules the app enforces on a single edit (status moves, pass marks) are the generator's
//! business here: it writes only what those rules allow.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Transaction, TransactionBehavior, params};

use super::{Store, StoreError};
use crate::domain::assessment::Assessment;
use crate::domain::certification::{self, ModuleCompletion};
use crate::domain::program::TrainingSession;
use crate::domain::sync::{Attendance, SyncFields, SyncId, SyncState};
use crate::domain::{AccountFields, AccountId, AccountSnapshot, TrainerFields, TrainerId};
use crate::domain::{TrainerStatus, assessment::ReviewState};

/// Pages kept in memory during the load (in KiB, as SQLite takes a negative `cache_size`): the
/// session index of a million rows fits, so pages are not written twice.
const LOAD_CACHE_KIB: i64 = 131_072;

/// SQLite's own default, restored once the load is over so the app's memory stays small.
const DEFAULT_CACHE_KIB: i64 = 2_000;

/// Writes of an open bulk load; nothing is visible to another connection until the load
/// commits.
pub struct BulkLoad<'a> {
    tx: Transaction<'a>,
}

impl Store {
    /// Runs `work` as one bulk load and commits it, or writes nothing when it fails.
    ///
    /// In WAL mode `synchronous = NORMAL` cannot corrupt the file, only lose the last commit on
    /// a power cut, and the load is one commit anyway. The app's settings come back afterwards,
    /// and the WAL is checkpointed into the file and truncated: a load leaves no WAL the size of
    /// the database behind it.
    pub fn bulk_load<T>(
        &mut self,
        work: impl FnOnce(&BulkLoad<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn
            .pragma_update(None, "cache_size", -LOAD_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let loaded = self.load(work);
        let restored = self.restore_settings();
        let value = loaded?;
        restored?;
        self.checkpoint()?;
        Ok(value)
    }

    fn load<T>(
        &mut self,
        work: impl FnOnce(&BulkLoad<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let load = BulkLoad { tx };
        let value = work(&load).inspect_err(|error| {
            tracing::warn!(
                action = "bulk_load",
                error = error.log_summary(),
                "write failed"
            );
        })?;
        load.tx.commit()?;
        tracing::info!(action = "bulk_load", "committed");
        Ok(value)
    }

    fn restore_settings(&self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn
            .pragma_update(None, "cache_size", -DEFAULT_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "DEFAULT")?;
        Ok(())
    }
}

impl BulkLoad<'_> {
    pub fn account(&self, fields: &AccountFields, archived: bool) -> Result<AccountId, StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO account (name, segment, seats, csm_owner, rollout_start, renewal_date,
                annual_value, t3_status, archived)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let id = statement.insert(params![
            fields.name,
            fields.segment,
            fields.seats,
            fields.csm_owner,
            fields.rollout_start,
            fields.renewal_date,
            fields.annual_value as i64,
            fields.t3_status.as_str(),
            archived,
        ])?;
        Ok(AccountId(id))
    }

    pub fn snapshot(&self, snapshot: &AccountSnapshot) -> Result<(), StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO account_snapshot (account_id, as_of, active_users, users_trained,
                adoption_depth, new_feature_adoption, support_tickets, net_revenue_retention)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        statement.execute(params![
            snapshot.account_id.0,
            snapshot.as_of,
            snapshot.active_users,
            snapshot.users_trained,
            snapshot.adoption_depth,
            snapshot.new_feature_adoption,
            snapshot.support_tickets,
            snapshot.net_revenue_retention,
        ])?;
        Ok(())
    }

    pub fn note(
        &self,
        account: AccountId,
        written_at: NaiveDateTime,
        body: &str,
    ) -> Result<(), StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO note (account_id, written_at, body) VALUES (?1, ?2, ?3)",
        )?;
        statement.execute(params![account.0, written_at, body])?;
        Ok(())
    }

    pub fn trainer(
        &self,
        fields: &TrainerFields,
        status: TrainerStatus,
    ) -> Result<TrainerId, StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO trainer (account_id, name, email, title, department, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let id = statement.insert(params![
            fields.account_id.0,
            fields.name,
            fields.email,
            fields.title,
            fields.department,
            status.as_str(),
        ])?;
        Ok(TrainerId(id))
    }

    pub fn session(&self, session: &TrainingSession) -> Result<(), StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO training_session (trainer_id, account_id, held_on, topic, attendees,
                duration_minutes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        statement.execute(params![
            session.trainer.0,
            session.account.0,
            session.held_on,
            session.topic,
            session.attendees,
            session.duration_minutes,
        ])?;
        Ok(())
    }

    /// A whole assessment with its answers, notes and review, as the demo writes one.
    pub fn assessment(&self, assessment: &Assessment) -> Result<(), StoreError> {
        let review = assessment.review.as_ref();
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO assessment (trainer_id, started_on, state, step, submitted_on, reviewer,
                reviewed_on, review_note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let id = statement.insert(params![
            assessment.trainer_id.0,
            assessment.started_on,
            assessment.state.as_str(),
            assessment.step as i64,
            assessment.submitted_on,
            review.map(|r| &r.reviewer),
            review.map(|r| r.reviewed_on),
            review.map(|r| &r.note),
        ])?;
        let mut answer = self.tx.prepare_cached(
            "INSERT INTO assessment_answer (assessment_id, question_id, score) VALUES (?1, ?2, ?3)",
        )?;
        for (question, score) in &assessment.answers.scores {
            answer.execute(params![id, question, score])?;
        }
        let mut note = self.tx.prepare_cached(
            "INSERT INTO assessment_note (assessment_id, criterion_key, body) VALUES (?1, ?2, ?3)",
        )?;
        for (criterion, body) in &assessment.answers.notes {
            note.execute(params![id, criterion, body])?;
        }
        if let (Some(review), ReviewState::Approved | ReviewState::Declined) =
            (review, assessment.state)
        {
            let mut decision = self.tx.prepare_cached(
                "INSERT INTO assessment_review (assessment_id, decision, reviewer, decided_on,
                    note)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            decision.execute(params![
                id,
                assessment.state.as_str(),
                review.reviewer,
                review.reviewed_on,
                review.note
            ])?;
        }
        Ok(())
    }

    pub fn module_completion(
        &self,
        trainer: TrainerId,
        completion: &ModuleCompletion,
    ) -> Result<(), StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO module_completion (trainer_id, module, completed_on, score, evaluator,
                note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        statement.execute(params![
            trainer.0,
            completion.module.as_str(),
            completion.completed_on,
            completion.score,
            completion.evaluator,
            completion.note,
        ])?;
        Ok(())
    }

    /// A first certification granted on `granted_on`, expiring as one granted in the app would;
    /// `number` must be unique in the file.
    pub fn certification(
        &self,
        trainer: TrainerId,
        number: &str,
        granted_on: NaiveDate,
    ) -> Result<(), StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO certification (trainer_id, number, granted_on, expires_on)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        statement.execute(params![
            trainer.0,
            number,
            granted_on,
            certification::expiry_for(granted_on),
        ])?;
        Ok(())
    }

    /// A sync with no one invited yet; `uid` must be unique in the file.
    pub fn sync(
        &self,
        fields: &SyncFields,
        state: SyncState,
        uid: &str,
    ) -> Result<SyncId, StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO trainer_sync (uid, title, starts_at, time_zone, duration_minutes, agenda,
                recording_link, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let id = statement.insert(params![
            uid,
            fields.title,
            fields.starts_at,
            fields.time_zone.name(),
            fields.duration_minutes,
            fields.agenda,
            fields.recording_link,
            state.as_str(),
        ])?;
        Ok(SyncId(id))
    }

    pub fn invite(
        &self,
        sync: SyncId,
        trainer: TrainerId,
        attendance: Option<Attendance>,
    ) -> Result<(), StoreError> {
        let mut statement = self.tx.prepare_cached(
            "INSERT INTO sync_invite (sync_id, trainer_id, attendance) VALUES (?1, ?2, ?3)",
        )?;
        statement.execute(params![
            sync.0,
            trainer.0,
            attendance.map(Attendance::as_str)
        ])?;
        Ok(())
    }
}

impl Store {
    /// Copies the WAL into the file and truncates it. A reader elsewhere holding an old
    /// snapshot keeps the checkpoint from finishing; that is not an error, the next one will.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        if self.read_only {
            return Ok(());
        }
        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })?;
        if busy != 0 {
            tracing::info!("checkpoint left part of the WAL for a reader still using it");
        }
        Ok(())
    }

    /// A checksum of every row of the portfolio's tables, in id order, so that two loads can
    /// be compared for sameness without holding either in memory.
    pub fn rows_checksum(&self) -> Result<u64, StoreError> {
        const TABLES: &[&str] = &[
            "account",
            "account_snapshot",
            "note",
            "trainer",
            "assessment",
            "assessment_answer",
            "assessment_review",
            "module_completion",
            "certification",
            "trainer_sync",
            "sync_invite",
            "training_session",
            "triage_event",
        ];
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for table in TABLES {
            let mut statement = self.conn.prepare(&format!("SELECT * FROM {table}"))?;
            let columns = statement.column_count();
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                for index in 0..columns {
                    let value = row.get_ref(index)?;
                    let text = match value {
                        rusqlite::types::ValueRef::Null => String::from("\u{0}"),
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Real(x) => x.to_string(),
                        rusqlite::types::ValueRef::Text(bytes)
                        | rusqlite::types::ValueRef::Blob(bytes) => {
                            String::from_utf8_lossy(bytes).into_owned()
                        }
                    };
                    for byte in text.bytes().chain([0x1f]) {
                        hash ^= u64::from(byte);
                        hash = hash.wrapping_mul(0x0100_0000_01b3);
                    }
                }
            }
        }
        Ok(hash)
    }
}

#[cfg(test)]
impl Store {
    /// How many rows `table` holds.
    pub(crate) fn count_rows(&self, table: &str) -> Result<usize, StoreError> {
        let count: i64 =
            self.conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
                    row.get(0)
                })?;
        Ok(count as usize)
    }

    /// What SQLite's integrity and foreign-key checks find wrong, in words.
    pub(crate) fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let mut statement = self.conn.prepare("PRAGMA integrity_check")?;
        for row in statement.query_map([], |row| row.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut statement = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in statement.query_map([], |row| row.get::<_, String>(0))? {
            problems.push(format!("foreign key broken in {}", row?));
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::T3Status;

    fn account(name: &str) -> AccountFields {
        AccountFields {
            name: name.to_string(),
            segment: "Enterprise".to_string(),
            seats: 100,
            csm_owner: String::new(),
            rollout_start: None,
            renewal_date: None,
            annual_value: 0,
            t3_status: T3Status::Active,
        }
    }

    fn pragma(store: &Store, name: &str) -> i64 {
        store
            .conn
            .pragma_query_value(None, name, |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_load_leaves_the_apps_settings_and_no_wal_behind() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("t3.db");
        let mut store = Store::open(&path).unwrap();
        store
            .bulk_load(|load| {
                for index in 0..2_000 {
                    load.account(&account(&format!("Account {index}")), false)?;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(store.count_rows("account").unwrap(), 2_000);
        assert_eq!(pragma(&store, "synchronous"), 2, "FULL again");
        assert_eq!(pragma(&store, "cache_size"), -DEFAULT_CACHE_KIB);
        let wal = std::fs::metadata(folder.path().join("t3.db-wal")).unwrap();
        assert_eq!(wal.len(), 0);
    }

    #[test]
    fn a_failed_load_writes_nothing() {
        let mut store = Store::in_memory().unwrap();
        let result = store.bulk_load(|load| {
            load.account(&account("Northwind"), false)?;
            load.account(&account("northwind"), false)?;
            Ok(())
        });
        assert!(
            result.is_err(),
            "account names are unique, whatever the case"
        );
        assert_eq!(store.count_rows("account").unwrap(), 0);
        assert_eq!(pragma(&store, "synchronous"), 2);
    }
}
