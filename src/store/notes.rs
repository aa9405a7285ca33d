//! Notes kept on accounts.

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};

use super::{Batch, Store, StoreError};
use crate::domain::{AccountId, Note, NoteId};

impl Store {
    /// An account's notes, newest first.
    pub fn notes_of_account(&self, account: AccountId) -> Result<Vec<Note>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, account_id, written_at, body FROM note
             WHERE account_id = ?1 ORDER BY written_at DESC, id DESC",
        )?;
        let rows = statement.query_map([account.0], |row| {
            Ok(Note {
                id: NoteId(row.get(0)?),
                account_id: AccountId(row.get(1)?),
                written_at: row.get(2)?,
                body: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn insert_note(
        &mut self,
        account: AccountId,
        written_at: NaiveDateTime,
        body: &str,
    ) -> Result<NoteId, StoreError> {
        let id = self.write("insert_note", |tx| insert(tx, account, written_at, body))?;
        tracing::info!(note = id.0, account = account.0, "note added");
        Ok(id)
    }
}

impl Batch<'_> {
    pub fn insert_note(
        &self,
        account: AccountId,
        written_at: NaiveDateTime,
        body: &str,
    ) -> Result<NoteId, StoreError> {
        insert(&self.tx, account, written_at, body)
    }
}

fn insert(
    conn: &Connection,
    account: AccountId,
    written_at: NaiveDateTime,
    body: &str,
) -> Result<NoteId, StoreError> {
    conn.execute(
        "INSERT INTO note (account_id, written_at, body) VALUES (?1, ?2, ?3)",
        params![account.0, written_at, body],
    )?;
    Ok(NoteId(conn.last_insert_rowid()))
}
