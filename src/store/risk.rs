//! Loading the portfolio the risk rules judge: a handful of whole-table queries, never one per
//! account or trainer.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Store, StoreError};
use crate::domain::risk::Portfolio;
use crate::domain::{AccountId, AccountSnapshot, TrainerId};

impl Store {
    /// Everything the rules look at on `today`. Archived and inactive accounts are loaded too;
    /// the rules themselves pass over them.
    pub fn portfolio(&self, today: NaiveDate) -> Result<Portfolio, StoreError> {
        // The accounts alone, in the Accounts table's order: the rules read none of the
        // figures `account_rows` adds, and counting certified trainers cost a lookup per
        // trainer. Account names are unique, so ordering by id after name changes nothing.
        let accounts = self.accounts()?;
        Ok(Portfolio {
            accounts,
            trainers: self.trainer_rows()?,
            latest_snapshots: self.latest_snapshots()?,
            engagements: self.engagements(today)?,
            last_sessions: self.last_sessions()?,
            releases: self.releases()?,
            materials: self.materials()?,
        })
    }

    /// The last day each trainer delivered a session, all the rules read of sessions; `None`
    /// when the table is empty, which means the program does not record sessions yet, not
    /// that every trainer has gone quiet.
    ///
    /// One seek into the `(trainer_id, held_on)` index per trainer, answered from the index
    /// alone: grouping over the whole index walked every one of a million entries, and reading
    /// the latest sessions' rows cost a table look-up each for columns no rule reads.
    fn last_sessions(&self) -> Result<Option<HashMap<TrainerId, NaiveDate>>, StoreError> {
        let any: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM training_session)",
            [],
            |row| row.get(0),
        )?;
        if !any {
            return Ok(None);
        }
        let mut statement = self.conn.prepare_cached(
            "SELECT id, (SELECT MAX(held_on) FROM training_session WHERE trainer_id = t.id)
             FROM trainer t",
        )?;
        let mut last = HashMap::new();
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(day) = super::optional_date_column(row, 1)? {
                last.insert(TrainerId(row.get(0)?), day);
            }
        }
        Ok(Some(last))
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
