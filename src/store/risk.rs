//! Loading the portfolio the risk rules judge: a handful of whole-table queries, never one per
//! account or trainer.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Store, StoreError};
use crate::domain::program::TrainingSession;
use crate::domain::risk::Portfolio;
use crate::domain::{AccountId, AccountSnapshot};

impl Store {
    /// Everything the rules look at on `today`. Archived and inactive accounts are loaded too;
    /// the rules themselves pass over them.
    pub fn portfolio(&self, today: NaiveDate) -> Result<Portfolio, StoreError> {
        // The accounts alone, in the Accounts table's order: the rules read none of the
        // figures `account_rows` adds, and counting certified trainers cost a lookup per
        // trainer. Account names are unique, so ordering by id after name changes nothing.
        let accounts = self.accounts()?;
        let sessions = self.latest_sessions()?;
        Ok(Portfolio {
            accounts,
            trainers: self.trainer_rows()?,
            latest_snapshots: self.latest_snapshots()?,
            engagements: self.engagements(today)?,
            // An empty table means the program does not record sessions yet, not that every
            // trainer has gone quiet.
            sessions: (!sessions.is_empty()).then_some(sessions),
            releases: self.releases()?,
            materials: self.materials()?,
        })
    }

    /// Each trainer's latest session (two, when they held two that day), the only ones the
    /// rules read: loading every session of a portfolio of a million to find them took most of
    /// a second. The `(trainer_id, held_on)` index answers both halves of the query.
    ///
    /// The latest day is looked up trainer by trainer, one index seek each, rather than
    /// grouped over the whole index, which walked every one of a million entries. Every
    /// session's trainer is in the trainer table (a foreign key), so none is missed. The CTE is
    /// materialized and cross-joined so that SQLite keeps that order: left to itself it scanned
    /// the sessions and looked the latest day up for each of them.
    fn latest_sessions(&self) -> Result<Vec<TrainingSession>, StoreError> {
        let sql = format!(
            "WITH l AS MATERIALIZED (
                SELECT t.id AS trainer_id,
                       (SELECT MAX(x.held_on) FROM training_session x WHERE x.trainer_id = t.id)
                           AS held_on
                FROM trainer t)
             SELECT {} FROM l
             CROSS JOIN training_session s ON s.trainer_id = l.trainer_id AND s.held_on = l.held_on
             ORDER BY s.held_on, s.id",
            super::program::SESSION_COLUMNS
                .split(", ")
                .map(|column| format!("s.{column}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows =
            statement.query_map([], |row| Ok(super::program::logged_session(row)?.session))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Each account's latest snapshot, found through the `(account_id, as_of)` index in one
    /// query.
    fn latest_snapshots(&self) -> Result<HashMap<AccountId, AccountSnapshot>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT s.account_id, s.as_of, s.active_users, s.users_trained, s.adoption_depth,
                    s.new_feature_adoption, s.support_tickets, s.net_revenue_retention
             FROM account a
             JOIN account_snapshot s ON s.id = (
                SELECT id FROM account_snapshot
                 WHERE account_id = a.id ORDER BY as_of DESC LIMIT 1)",
        )?;
        let rows = statement.query_map([], |row| {
            let snapshot = super::snapshots::snapshot_from_row(row)?;
            Ok((snapshot.account_id, snapshot))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
