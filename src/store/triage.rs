//! Triage actions on findings, recorded one by one; undoing one marks it, so the history keeps
//! what was done and taken back.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Row, params};

use super::{Batch, Store, StoreError};
use crate::domain::risk::FindingKey;
use crate::domain::triage::{TriageAction, TriageEvent, TriageEventId};

impl Store {
    /// Records one action on a finding by `actor` at `at`.
    pub fn record_triage(
        &mut self,
        key: FindingKey,
        action: &TriageAction,
        actor: &str,
        at: NaiveDateTime,
    ) -> Result<TriageEventId, StoreError> {
        let id = self.write("record_triage", |tx| insert(tx, key, action, actor, at))?;
        tracing::info!(event = id.0, action = action.kind(), "triage recorded");
        Ok(id)
    }

    /// Takes back the action `id`, and returns it; `None` when it was already undone (by
    /// another t3 on the same file, say) or does not exist.
    pub fn undo_triage(&mut self, id: TriageEventId) -> Result<Option<TriageEvent>, StoreError> {
        let undone = self.write("undo_triage", |tx| {
            let sql = "SELECT id, finding_key, action, detail, actor, at FROM triage_event
                       WHERE id = ?1 AND undone = 0";
            let event = tx.query_row(sql, [id.0], event_from_row).optional()?;
            if event.is_some() {
                tx.execute("UPDATE triage_event SET undone = 1 WHERE id = ?1", [id.0])?;
            }
            Ok(event)
        })?;
        if undone.is_some() {
            tracing::info!(event = id.0, "triage undone");
        }
        Ok(undone)
    }

    /// Every action in force, oldest first, by finding.
    pub fn triage_history(&self) -> Result<HashMap<FindingKey, Vec<TriageEvent>>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, finding_key, action, detail, actor, at FROM triage_event
             WHERE undone = 0 ORDER BY id",
        )?;
        let mut history: HashMap<FindingKey, Vec<TriageEvent>> = HashMap::new();
        for event in statement.query_map([], event_from_row)? {
            let event = event?;
            history.entry(event.key).or_default().push(event);
        }
        Ok(history)
    }
}

impl Batch<'_> {
    /// A triage action as the demo records it.
    pub fn record_triage(
        &self,
        key: FindingKey,
        action: &TriageAction,
        actor: &str,
        at: NaiveDateTime,
    ) -> Result<TriageEventId, StoreError> {
        insert(&self.tx, key, action, actor, at)
    }
}

pub(super) fn insert(
    tx: &rusqlite::Transaction<'_>,
    key: FindingKey,
    action: &TriageAction,
    actor: &str,
    at: NaiveDateTime,
) -> Result<TriageEventId, StoreError> {
    tx.execute(
        "INSERT INTO triage_event (finding_key, action, detail, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key.to_string(), action.kind(), action.detail(), actor, at],
    )?;
    Ok(TriageEventId(tx.last_insert_rowid()))
}

pub(super) fn event_from_row(row: &Row<'_>) -> rusqlite::Result<TriageEvent> {
    let conversion = |index: usize, message: String| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            message.into(),
        )
    };
    let key: String = row.get(1)?;
    let kind: String = row.get(2)?;
    let detail: String = row.get(3)?;
    Ok(TriageEvent {
        id: TriageEventId(row.get(0)?),
        key: key.parse().map_err(|message| conversion(1, message))?,
        action: TriageAction::from_parts(&kind, &detail)
            .map_err(|message| conversion(2, message))?,
        actor: row.get(4)?,
        at: row.get(5)?,
    })
}
