//! Trainers and their status moves.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::accounts::found;
use super::{Batch, Store, StoreError};
use crate::domain::{
    AccountId, T3Status, Trainer, TrainerFields, TrainerId, TrainerRow, TrainerStatus,
};

pub(super) const TRAINER_COLUMNS: &str =
    "t.id, t.account_id, t.name, t.email, t.title, t.department, t.status";

impl Store {
    /// Every trainer with their account's name, ordered by name.
    pub fn trainer_rows(&self) -> Result<Vec<TrainerRow>, StoreError> {
        let expiries = latest_expiries(&self.conn)?;
        all_trainer_rows(&self.conn, &expiries)
    }

    /// One account's trainers, ordered by name.
    pub fn trainers_of_account(&self, account: AccountId) -> Result<Vec<TrainerRow>, StoreError> {
        self.trainer_rows_where("t.account_id = ?1", &[&account.0])
    }

    pub(super) fn trainer_rows_where(
        &self,
        condition: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<TrainerRow>, StoreError> {
        let sql = format!(
            "SELECT {TRAINER_COLUMNS}, a.name, a.t3_status,
                (SELECT MAX(c.expires_on) FROM certification c WHERE c.trainer_id = t.id)
             FROM trainer t JOIN account a ON a.id = t.account_id
             WHERE {condition}
             ORDER BY t.name, t.id"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(values, |row| {
            Ok(TrainerRow {
                trainer: trainer_from_row(row)?,
                account_name: row.get(7)?,
                account_t3_status: super::parse_column(row, 8)?,
                latest_expiry: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn insert_trainer(
        &mut self,
        fields: &TrainerFields,
        status: TrainerStatus,
    ) -> Result<TrainerId, StoreError> {
        let id = self.write("insert_trainer", |tx| insert(tx, fields, status))?;
        tracing::info!(
            trainer = id.0,
            account = fields.account_id.0,
            "trainer added"
        );
        Ok(id)
    }

    pub fn update_trainer(
        &mut self,
        id: TrainerId,
        fields: &TrainerFields,
    ) -> Result<(), StoreError> {
        self.write("update_trainer", |tx| {
            let changed = tx
                .execute(
                    "UPDATE trainer SET account_id = ?2, name = ?3, email = ?4, title = ?5,
                        department = ?6
                     WHERE id = ?1",
                    params![
                        id.0,
                        fields.account_id.0,
                        fields.name,
                        fields.email,
                        fields.title,
                        fields.department
                    ],
                )
                .map_err(|error| duplicate_email(error, &fields.email))?;
            found(changed, "trainer", id.0)
        })?;
        tracing::info!(trainer = id.0, "trainer updated");
        Ok(())
    }

    /// Moves a trainer to `next` if the move is allowed from the status the file holds now,
    /// which may differ from what the screen showed if another t3 changed it meanwhile.
    pub fn move_trainer_status(
        &mut self,
        id: TrainerId,
        next: TrainerStatus,
    ) -> Result<(), StoreError> {
        let previous = self.write("move_trainer_status", |tx| {
            let current: Option<String> = tx
                .query_row("SELECT status FROM trainer WHERE id = ?1", [id.0], |row| {
                    row.get(0)
                })
                .optional()?;
            let current = current.ok_or(StoreError::NotFound {
                what: "trainer",
                id: id.0,
            })?;
            let current: TrainerStatus = current.parse().map_err(|_| StoreError::StatusMove {
                from: current.clone(),
                to: next.to_string(),
            })?;
            if !current.can_move_to(next) {
                return Err(StoreError::StatusMove {
                    from: current.to_string(),
                    to: next.to_string(),
                });
            }
            tx.execute(
                "UPDATE trainer SET status = ?2 WHERE id = ?1",
                params![id.0, next.as_str()],
            )?;
            Ok(current)
        })?;
        tracing::info!(trainer = id.0, from = %previous, to = %next, "trainer status moved");
        Ok(())
    }
}

impl Batch<'_> {
    pub fn insert_trainer(
        &self,
        fields: &TrainerFields,
        status: TrainerStatus,
    ) -> Result<TrainerId, StoreError> {
        insert(&self.tx, fields, status)
    }
}

/// Each certified trainer's latest expiry, from one grouped pass over the certifications.
fn latest_expiries(conn: &Connection) -> Result<HashMap<TrainerId, NaiveDate>, StoreError> {
    let mut statement = conn.prepare_cached(
        "SELECT trainer_id, MAX(expires_on) FROM certification GROUP BY trainer_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((TrainerId(row.get(0)?), super::date_column(row, 1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every trainer with their account, ordered by name, given each one's latest expiry.
///
/// The trainers are read in table order and sorted here: with no index on the name, SQLite
/// would sort whole joined rows in a temporary b-tree, and look each trainer's account and
/// certifications up one by one, which took several times as long on a roster of 50,000.
/// Rust's byte-wise `str` order is SQLite's `BINARY` collation, so the order is the same.
pub(super) fn all_trainer_rows(
    conn: &Connection,
    expiries: &HashMap<TrainerId, NaiveDate>,
) -> Result<Vec<TrainerRow>, StoreError> {
    let mut statement = conn.prepare_cached("SELECT id, name, t3_status FROM account")?;
    let accounts: HashMap<AccountId, (String, T3Status)> = statement
        .query_map([], |row| {
            Ok((
                AccountId(row.get(0)?),
                (row.get(1)?, super::parse_column(row, 2)?),
            ))
        })?
        .collect::<Result<_, _>>()?;
    // Sized once: grown by doubling, a roster of 50,000 held its old and new copies at once
    // and kept a quarter of its room unused, megabytes the app's memory target cannot spare.
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM trainer", [], |row| row.get(0))?;
    let mut statement = conn.prepare_cached(&format!("SELECT {TRAINER_COLUMNS} FROM trainer t"))?;
    let mut found = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let trainer = trainer_from_row(row)?;
        // Every trainer belongs to an account (a foreign key); one that did not would be left
        // out, as the join this replaces left it out.
        let Some((account_name, account_t3_status)) = accounts.get(&trainer.fields.account_id)
        else {
            continue;
        };
        found.push(TrainerRow {
            latest_expiry: expiries.get(&trainer.id).copied(),
            account_name: account_name.clone(),
            account_t3_status: *account_t3_status,
            trainer,
        });
    }
    found.sort_unstable_by(|a, b| {
        (a.trainer.fields.name.as_str(), a.trainer.id)
            .cmp(&(b.trainer.fields.name.as_str(), b.trainer.id))
    });
    Ok(found)
}

fn insert(
    conn: &Connection,
    fields: &TrainerFields,
    status: TrainerStatus,
) -> Result<TrainerId, StoreError> {
    conn.execute(
        "INSERT INTO trainer (account_id, name, email, title, department, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            fields.account_id.0,
            fields.name,
            fields.email,
            fields.title,
            fields.department,
            status.as_str()
        ],
    )
    .map_err(|error| duplicate_email(error, &fields.email))?;
    Ok(TrainerId(conn.last_insert_rowid()))
}

fn duplicate_email(error: rusqlite::Error, email: &str) -> StoreError {
    if StoreError::is_unique_violation(&error) {
        StoreError::DuplicateTrainerEmail(email.to_string())
    } else {
        error.into()
    }
}

pub(super) fn trainer_from_row(row: &Row<'_>) -> rusqlite::Result<Trainer> {
    Ok(Trainer {
        id: TrainerId(row.get(0)?),
        fields: TrainerFields {
            account_id: AccountId(row.get(1)?),
            name: row.get(2)?,
            email: row.get(3)?,
            title: row.get(4)?,
            department: row.get(5)?,
        },
        status: super::parse_column(row, 6)?,
    })
}
