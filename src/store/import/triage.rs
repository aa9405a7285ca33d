//! Reading the triage history an import is matched against, those actions taken back included,
//! and writing imported actions.

use rusqlite::{Connection, params};

use super::{Ticker, read_all};
use crate::domain::triage::TriageEventId;
use crate::import::plan::{Change, StoredTriage, TriageRecord};
use crate::store::StoreError;
use crate::store::triage::event_from_row;

/// Every action recorded, in the order it was.
pub(super) fn triage(conn: &Connection) -> Result<Vec<StoredTriage>, StoreError> {
    read_all(
        conn,
        "SELECT id, finding_key, action, detail, actor, at, undone FROM triage_event ORDER BY id",
        |row| {
            let event = event_from_row(row)?;
            Ok(StoredTriage {
                id: event.id,
                record: TriageRecord {
                    key: event.key,
                    action: event.action,
                    actor: event.actor,
                    at: event.at,
                },
                undone: row.get(6)?,
            })
        },
    )
}

pub(super) fn write_triage(
    conn: &Connection,
    changes: &[Change<TriageEventId, TriageRecord>],
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    let mut insert = conn.prepare(
        "INSERT INTO triage_event (finding_key, action, detail, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut update =
        conn.prepare("UPDATE triage_event SET detail = ?2, actor = ?3 WHERE id = ?1")?;
    for change in changes {
        match change {
            Change::Add(record) => insert.execute(params![
                record.key.to_string(),
                record.action.kind(),
                record.action.detail(),
                record.actor,
                record.at
            ])?,
            Change::Update(id, record) => {
                update.execute(params![id.0, record.action.detail(), record.actor])?
            }
        };
        ticker.step();
    }
    Ok(())
}
