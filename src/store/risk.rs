//! Loading the portfolio the risk rules judge: a handful of whole-table queries, never one per
//! account or trainer.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Store, StoreError};
use crate::domain::risk::Portfolio;
use crate::domain::{AccountId, AccountSnapshot};

impl Store {
    /// Everything the rules look at on `today`. Archived and inactive accounts are loaded too;
    /// the rules themselves pass over them.
    pub fn portfolio(&self, today: NaiveDate) -> Result<Portfolio, StoreError> {
        let accounts = self
            .account_rows(today)?
            .into_iter()
            .map(|row| row.account)
            .collect();
        let sessions = self.sessions()?;
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

    /// Each account's latest snapshot, found through the `(account_id, as_of)` index in one
    /// query.
    fn latest_snapshots(&self) -> Result<HashMap<AccountId, AccountSnapshot>, StoreError> {
        let mut statement = self.conn.prepare(
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
