//! Account snapshots: the time series behind coverage and adoption.

use rusqlite::{Connection, Row, params};

use super::{Batch, Store, StoreError};
use crate::domain::{AccountId, AccountSnapshot};

impl Store {
    /// An account's snapshots, oldest first, as a trend reads.
    pub fn snapshots_of_account(
        &self,
        account: AccountId,
    ) -> Result<Vec<AccountSnapshot>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT account_id, as_of, active_users, users_trained, adoption_depth,
                    new_feature_adoption, support_tickets, net_revenue_retention
             FROM account_snapshot WHERE account_id = ?1 ORDER BY as_of",
        )?;
        let rows = statement.query_map([account.0], snapshot_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every snapshot with its account's name, by account name and then date: what
    /// `t3 export snapshots` writes.
    pub fn snapshot_rows(&self) -> Result<Vec<(String, AccountSnapshot)>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT s.account_id, s.as_of, s.active_users, s.users_trained, s.adoption_depth,
                    s.new_feature_adoption, s.support_tickets, s.net_revenue_retention, a.name
             FROM account_snapshot s JOIN account a ON a.id = s.account_id
             ORDER BY a.name, a.id, s.as_of",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get(8)?,
                AccountSnapshot {
                    account_id: AccountId(row.get(0)?),
                    as_of: row.get(1)?,
                    active_users: row.get(2)?,
                    users_trained: row.get(3)?,
                    adoption_depth: row.get(4)?,
                    new_feature_adoption: row.get(5)?,
                    support_tickets: row.get(6)?,
                    net_revenue_retention: row.get(7)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn insert_snapshot(&mut self, snapshot: &AccountSnapshot) -> Result<(), StoreError> {
        self.write("insert_snapshot", |tx| insert(tx, snapshot))
    }
}

impl Batch<'_> {
    pub fn insert_snapshot(&self, snapshot: &AccountSnapshot) -> Result<(), StoreError> {
        insert(&self.tx, snapshot)
    }
}

/// A snapshot from a row whose first eight columns are the `account_snapshot` table's, in
/// order from `account_id` to `net_revenue_retention`.
pub(super) fn snapshot_from_row(row: &Row<'_>) -> rusqlite::Result<AccountSnapshot> {
    Ok(AccountSnapshot {
        account_id: AccountId(row.get(0)?),
        as_of: super::date_column(row, 1)?,
        active_users: row.get(2)?,
        users_trained: row.get(3)?,
        adoption_depth: row.get(4)?,
        new_feature_adoption: row.get(5)?,
        support_tickets: row.get(6)?,
        net_revenue_retention: row.get(7)?,
    })
}

fn insert(conn: &Connection, snapshot: &AccountSnapshot) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO account_snapshot (account_id, as_of, active_users, users_trained,
            adoption_depth, new_feature_adoption, support_tickets, net_revenue_retention)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            snapshot.account_id.0,
            snapshot.as_of,
            snapshot.active_users,
            snapshot.users_trained,
            snapshot.adoption_depth,
            snapshot.new_feature_adoption,
            snapshot.support_tickets,
            snapshot.net_revenue_retention,
        ],
    )?;
    Ok(())
}
