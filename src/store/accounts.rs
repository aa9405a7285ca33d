//! Accounts and the figures the Accounts table shows beside them.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::{Batch, Store, StoreError};
use crate::domain::{Account, AccountFields, AccountId, AccountRow};

pub(super) const ACCOUNT_COLUMNS: &str = "a.id, a.name, a.segment, a.seats, a.csm_owner, a.rollout_start, \
     a.renewal_date, a.annual_value, a.t3_status, a.archived";

impl Store {
    /// Every account with its count of trainers certified on `today` and latest snapshot
    /// figures, by name.
    ///
    /// One query for the whole table: the latest snapshot is found through the
    /// `(account_id, as_of)` index rather than a query per account.
    pub fn account_rows(&self, today: NaiveDate) -> Result<Vec<AccountRow>, StoreError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS},
                (SELECT COUNT(*) FROM trainer t
                  WHERE t.account_id = a.id AND t.status = 'certified'
                    AND COALESCE((SELECT MAX(c.expires_on) FROM certification c
                                   WHERE c.trainer_id = t.id), ?1) >= ?1),
                s.users_trained, s.adoption_depth
             FROM account a
             LEFT JOIN account_snapshot s ON s.id = (
                SELECT id FROM account_snapshot
                 WHERE account_id = a.id ORDER BY as_of DESC LIMIT 1)
             ORDER BY a.name"
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([today], |row| {
            Ok(AccountRow {
                account: account_from_row(row)?,
                certified_trainers: row.get(10)?,
                users_trained: row.get(11)?,
                adoption_depth: row.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every account, archived ones too, by name: what `t3 export accounts` writes.
    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM account a ORDER BY a.name, a.id");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], account_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn account(&self, id: AccountId) -> Result<Account, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM account a WHERE a.id = ?1");
        match self.conn.query_row(&sql, [id.0], account_from_row) {
            Err(rusqlite::Error::QueryReturnedNoRows) => Err(StoreError::NotFound {
                what: "account",
                id: id.0,
            }),
            other => Ok(other?),
        }
    }

    pub fn account_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM account", [], |row| row.get(0))?)
    }

    pub fn insert_account(&mut self, fields: &AccountFields) -> Result<AccountId, StoreError> {
        let id = self.write("insert_account", |tx| insert(tx, fields, false))?;
        tracing::info!(account = id.0, "account added");
        Ok(id)
    }

    pub fn update_account(
        &mut self,
        id: AccountId,
        fields: &AccountFields,
    ) -> Result<(), StoreError> {
        self.write("update_account", |tx| {
            let changed = tx
                .execute(
                    "UPDATE account SET name = ?2, segment = ?3, seats = ?4, csm_owner = ?5,
                        rollout_start = ?6, renewal_date = ?7, annual_value = ?8, t3_status = ?9
                     WHERE id = ?1",
                    params![
                        id.0,
                        fields.name,
                        fields.segment,
                        fields.seats,
                        fields.csm_owner,
                        fields.rollout_start,
                        fields.renewal_date,
                        fields.annual_value as i64,
                        fields.t3_status.as_str(),
                    ],
                )
                .map_err(|error| duplicate_name(error, &fields.name))?;
            found(changed, "account", id.0)
        })?;
        tracing::info!(account = id.0, "account updated");
        Ok(())
    }

    /// Archiving hides an account from the day-to-day lists; nothing about it is deleted.
    pub fn set_account_archived(
        &mut self,
        id: AccountId,
        archived: bool,
    ) -> Result<(), StoreError> {
        self.write("set_account_archived", |tx| {
            let changed = tx.execute(
                "UPDATE account SET archived = ?2 WHERE id = ?1",
                params![id.0, archived],
            )?;
            found(changed, "account", id.0)
        })?;
        tracing::info!(account = id.0, archived, "account archive flag set");
        Ok(())
    }

    /// Deletes every account and everything hanging off them, for `t3 demo --reset`, and the
    /// vendor's releases and materials too: the demo seeds those as well, and a second set
    /// would collide with their unique names.
    pub fn clear_portfolio(&mut self) -> Result<(), StoreError> {
        self.write("clear_portfolio", |tx| {
            tx.execute_batch(
                "DELETE FROM note; DELETE FROM account_snapshot; DELETE FROM trainer_sync;
                 DELETE FROM training_session; DELETE FROM trainer; DELETE FROM account;
                 DELETE FROM material; DELETE FROM product_release; DELETE FROM triage_event;",
            )?;
            Ok(())
        })
    }
}

impl Batch<'_> {
    pub fn insert_account(
        &self,
        fields: &AccountFields,
        archived: bool,
    ) -> Result<AccountId, StoreError> {
        insert(&self.tx, fields, archived)
    }
}

fn insert(
    conn: &Connection,
    fields: &AccountFields,
    archived: bool,
) -> Result<AccountId, StoreError> {
    conn.execute(
        "INSERT INTO account (name, segment, seats, csm_owner, rollout_start, renewal_date,
            annual_value, t3_status, archived)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            fields.name,
            fields.segment,
            fields.seats,
            fields.csm_owner,
            fields.rollout_start,
            fields.renewal_date,
            fields.annual_value as i64,
            fields.t3_status.as_str(),
            archived,
        ],
    )
    .map_err(|error| duplicate_name(error, &fields.name))?;
    Ok(AccountId(conn.last_insert_rowid()))
}

fn duplicate_name(error: rusqlite::Error, name: &str) -> StoreError {
    if StoreError::is_unique_violation(&error) {
        StoreError::DuplicateAccountName(name.to_string())
    } else {
        error.into()
    }
}

pub(super) fn found(changed: usize, what: &'static str, id: i64) -> Result<(), StoreError> {
    if changed == 0 {
        Err(StoreError::NotFound { what, id })
    } else {
        Ok(())
    }
}

pub(super) fn account_from_row(row: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: AccountId(row.get(0)?),
        fields: AccountFields {
            name: row.get(1)?,
            segment: row.get(2)?,
            seats: row.get(3)?,
            csm_owner: row.get(4)?,
            rollout_start: super::optional_date_column(row, 5)?,
            renewal_date: super::optional_date_column(row, 6)?,
            annual_value: row.get::<_, i64>(7)?.max(0) as u64,
            t3_status: super::parse_column(row, 8)?,
        },
        archived: row.get(9)?,
    })
}
