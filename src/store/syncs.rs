//! Trainer Syncs, their invite lists and attendance.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Batch, Store, StoreError};
use crate::domain::TrainerId;
use crate::domain::sync::{
    self, Attendance, AttendanceEntry, Engagement, InviteRecord, Invitee, SyncFields, SyncId,
    SyncRow, SyncState, TrainerSync,
};

const SYNC_COLUMNS: &str = "s.id, s.uid, s.title, s.starts_at, s.time_zone, s.duration_minutes, \
     s.agenda, s.recording_link, s.state";

/// Trainers invited by default: those holding a valid certification on the day of scheduling.
const CERTIFIED_ON: &str = "SELECT t.id FROM trainer t
     WHERE t.status = 'certified'
       AND COALESCE((SELECT MAX(c.expires_on) FROM certification c WHERE c.trainer_id = t.id),
                    ?1) >= ?1";

impl Store {
    /// Schedules syncs in one transaction, each inviting every trainer certified on `today`.
    pub fn schedule_syncs(
        &mut self,
        syncs: &[SyncFields],
        today: NaiveDate,
    ) -> Result<Vec<SyncId>, StoreError> {
        let ids = self.write("schedule_syncs", |tx| {
            let invitees = certified_trainers(tx, today)?;
            syncs
                .iter()
                .map(|fields| {
                    let uid = format!("{:032x}@t3", fastrand::u128(..));
                    insert_sync(tx, fields, SyncState::Scheduled, &uid, &invitees)
                })
                .collect::<Result<Vec<_>, _>>()
        })?;
        tracing::info!(count = ids.len(), "syncs scheduled");
        Ok(ids)
    }

    pub fn update_sync(&mut self, id: SyncId, fields: &SyncFields) -> Result<(), StoreError> {
        self.write("update_sync", |tx| {
            let changed = tx.execute(
                "UPDATE trainer_sync SET title = ?2, starts_at = ?3, time_zone = ?4,
                    duration_minutes = ?5, agenda = ?6, recording_link = ?7
                 WHERE id = ?1",
                params![
                    id.0,
                    fields.title,
                    fields.starts_at,
                    fields.time_zone.name(),
                    fields.duration_minutes,
                    fields.agenda,
                    fields.recording_link
                ],
            )?;
            found(changed, id)
        })?;
        tracing::info!(sync = id.0, "sync updated");
        Ok(())
    }

    pub fn set_sync_state(&mut self, id: SyncId, state: SyncState) -> Result<(), StoreError> {
        self.write("set_sync_state", |tx| {
            let changed = tx.execute(
                "UPDATE trainer_sync SET state = ?2 WHERE id = ?1",
                params![id.0, state.as_str()],
            )?;
            found(changed, id)
        })?;
        tracing::info!(sync = id.0, state = state.as_str(), "sync state set");
        Ok(())
    }

    /// Every sync with its invite list counted, in start order.
    pub fn sync_rows(&self) -> Result<Vec<SyncRow>, StoreError> {
        let sql = format!(
            "SELECT {SYNC_COLUMNS},
                (SELECT COUNT(*) FROM sync_invite i WHERE i.sync_id = s.id),
                (SELECT COUNT(*) FROM sync_invite i WHERE i.sync_id = s.id
                   AND i.attendance IN ('live', 'recording')),
                (SELECT COUNT(*) FROM sync_invite i WHERE i.sync_id = s.id
                   AND i.attendance IS NOT NULL)
             FROM trainer_sync s ORDER BY s.starts_at, s.id"
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], |row| {
            Ok(SyncRow {
                sync: sync_from_row(row)?,
                invited: row.get(9)?,
                attended: row.get(10)?,
                marked: row.get(11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn sync(&self, id: SyncId) -> Result<TrainerSync, StoreError> {
        let sql = format!("SELECT {SYNC_COLUMNS} FROM trainer_sync s WHERE s.id = ?1");
        self.conn
            .query_row(&sql, [id.0], sync_from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "sync",
                id: id.0,
            })
    }

    /// The invite list of a sync, by trainer name.
    pub fn invitees(&self, id: SyncId) -> Result<Vec<Invitee>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT t.id, t.name, a.name, i.attendance
             FROM sync_invite i
             JOIN trainer t ON t.id = i.trainer_id
             JOIN account a ON a.id = t.account_id
             WHERE i.sync_id = ?1 ORDER BY t.name, t.id",
        )?;
        let rows = statement.query_map([id.0], |row| {
            Ok(Invitee {
                trainer: TrainerId(row.get(0)?),
                name: row.get(1)?,
                account_name: row.get(2)?,
                attendance: optional_attendance(row, 3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every attendance mark of a sync that was not cancelled, and every invitee of a held sync
    /// left unmarked, in the order the syncs start and then by trainer: what
    /// `t3 export attendance` writes.
    pub fn attendance_entries(&self) -> Result<Vec<AttendanceEntry>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT s.starts_at, s.title, t.name, t.email, a.name, i.attendance
             FROM sync_invite i
             JOIN trainer_sync s ON s.id = i.sync_id
             JOIN trainer t ON t.id = i.trainer_id
             JOIN account a ON a.id = t.account_id
             WHERE s.state <> 'cancelled' AND (i.attendance IS NOT NULL OR s.state = 'held')
             ORDER BY s.starts_at, s.id, t.name, t.email",
        )?;
        let rows = statement.query_map([], |row| {
            let starts_at: chrono::NaiveDateTime = row.get(0)?;
            Ok(AttendanceEntry {
                sync_date: starts_at.date(),
                sync_title: row.get(1)?,
                trainer_name: row.get(2)?,
                email: row.get(3)?,
                account_name: row.get(4)?,
                attendance: optional_attendance(row, 5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Marks how an invitee attended (`None` clears the mark).
    pub fn set_attendance(
        &mut self,
        sync: SyncId,
        trainer: TrainerId,
        attendance: Option<Attendance>,
    ) -> Result<(), StoreError> {
        self.write("set_attendance", |tx| {
            let changed = tx.execute(
                "UPDATE sync_invite SET attendance = ?3 WHERE sync_id = ?1 AND trainer_id = ?2",
                params![sync.0, trainer.0, attendance.map(Attendance::as_str)],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound {
                    what: "invitation for trainer",
                    id: trainer.0,
                });
            }
            Ok(())
        })
    }

    /// Adds a trainer to a sync's invite list, or takes them off it (with their mark).
    pub fn set_invited(
        &mut self,
        sync: SyncId,
        trainer: TrainerId,
        invited: bool,
    ) -> Result<(), StoreError> {
        self.write("set_invited", |tx| {
            if invited {
                tx.execute(
                    "INSERT INTO sync_invite (sync_id, trainer_id) VALUES (?1, ?2)
                     ON CONFLICT DO NOTHING",
                    params![sync.0, trainer.0],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM sync_invite WHERE sync_id = ?1 AND trainer_id = ?2",
                    params![sync.0, trainer.0],
                )?;
            }
            Ok(())
        })
    }

    /// For each trainer invited to a sync held from `since` to `today`: how many of those
    /// syncs they attended (live or by recording) and how many there were.
    pub fn sync_attendance_between(
        &self,
        since: NaiveDate,
        today: NaiveDate,
    ) -> Result<HashMap<TrainerId, (u32, u32)>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT i.trainer_id,
                    SUM(CASE WHEN i.attendance IN ('live', 'recording') THEN 1 ELSE 0 END),
                    COUNT(*)
             FROM sync_invite i JOIN trainer_sync s ON s.id = i.sync_id
             WHERE s.state = 'held' AND date(s.starts_at) BETWEEN ?1 AND ?2
             GROUP BY i.trainer_id",
        )?;
        let rows = statement.query_map(params![since, today], |row| {
            Ok((TrainerId(row.get(0)?), (row.get(1)?, row.get(2)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every invited trainer's engagement on `today`, from one pass over all invitations and
    /// one over the certifications.
    ///
    /// Each trainer's first certification day comes from a grouped pass over the
    /// `(trainer_id, granted_on)` index rather than a look-up per invitation.
    pub fn engagements(
        &self,
        today: NaiveDate,
    ) -> Result<HashMap<TrainerId, Engagement>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT trainer_id, MIN(granted_on) FROM certification GROUP BY trainer_id",
        )?;
        let first_certified: HashMap<TrainerId, NaiveDate> = statement
            .query_map([], |row| {
                Ok((TrainerId(row.get(0)?), super::date_column(row, 1)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut statement = self.conn.prepare_cached(
            "SELECT i.trainer_id, s.starts_at, s.state, i.attendance
             FROM sync_invite i JOIN trainer_sync s ON s.id = i.sync_id",
        )?;
        let mut invites: HashMap<TrainerId, Vec<InviteRecord>> = HashMap::new();
        let rows = statement.query_map([], |row| {
            let starts_at: chrono::NaiveDateTime = row.get(1)?;
            Ok((
                TrainerId(row.get(0)?),
                InviteRecord {
                    date: starts_at.date(),
                    state: super::parse_column(row, 2)?,
                    attendance: optional_attendance(row, 3)?,
                },
            ))
        })?;
        for row in rows {
            let (trainer, record) = row?;
            invites.entry(trainer).or_default().push(record);
        }
        Ok(invites
            .into_iter()
            .map(|(trainer, records)| {
                let certified_on = first_certified.get(&trainer).copied();
                (trainer, sync::engagement(&records, certified_on, today))
            })
            .collect())
    }
}

impl Batch<'_> {
    /// A sync as the demo writes it: its own uid (so the same day gives the same file) and
    /// state, inviting `invitees`.
    pub fn insert_sync(
        &self,
        fields: &SyncFields,
        state: SyncState,
        uid: &str,
        invitees: &[TrainerId],
    ) -> Result<SyncId, StoreError> {
        insert_sync(&self.tx, fields, state, uid, invitees)
    }

    pub fn set_attendance(
        &self,
        sync: SyncId,
        trainer: TrainerId,
        attendance: Attendance,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE sync_invite SET attendance = ?3 WHERE sync_id = ?1 AND trainer_id = ?2",
            params![sync.0, trainer.0, attendance.as_str()],
        )?;
        Ok(())
    }
}

fn certified_trainers(conn: &Connection, day: NaiveDate) -> Result<Vec<TrainerId>, StoreError> {
    let mut statement = conn.prepare(CERTIFIED_ON)?;
    let rows = statement.query_map([day], |row| Ok(TrainerId(row.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn insert_sync(
    tx: &Connection,
    fields: &SyncFields,
    state: SyncState,
    uid: &str,
    invitees: &[TrainerId],
) -> Result<SyncId, StoreError> {
    tx.execute(
        "INSERT INTO trainer_sync (uid, title, starts_at, time_zone, duration_minutes, agenda,
            recording_link, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            uid,
            fields.title,
            fields.starts_at,
            fields.time_zone.name(),
            fields.duration_minutes,
            fields.agenda,
            fields.recording_link,
            state.as_str()
        ],
    )?;
    let id = SyncId(tx.last_insert_rowid());
    let mut invite = tx.prepare("INSERT INTO sync_invite (sync_id, trainer_id) VALUES (?1, ?2)")?;
    for trainer in invitees {
        invite.execute(params![id.0, trainer.0])?;
    }
    Ok(id)
}

fn found(changed: usize, id: SyncId) -> Result<(), StoreError> {
    if changed == 0 {
        Err(StoreError::NotFound {
            what: "sync",
            id: id.0,
        })
    } else {
        Ok(())
    }
}

pub(super) fn optional_attendance(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<Attendance>> {
    let text: Option<String> = row.get(index)?;
    text.map(|text| {
        text.parse().map_err(|message: String| {
            rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                message.into(),
            )
        })
    })
    .transpose()
}

fn sync_from_row(row: &Row<'_>) -> rusqlite::Result<TrainerSync> {
    let zone: String = row.get(4)?;
    let time_zone = zone.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            4,
            rusqlite::types::Type::Text,
            format!("'{zone}' is not a time zone").into(),
        )
    })?;
    Ok(TrainerSync {
        id: SyncId(row.get(0)?),
        uid: row.get(1)?,
        fields: SyncFields {
            title: row.get(2)?,
            starts_at: row.get(3)?,
            time_zone,
            duration_minutes: row.get(5)?,
            agenda: row.get(6)?,
            recording_link: row.get(7)?,
        },
        state: super::parse_column(row, 8)?,
    })
}

impl Batch<'_> {
    /// The trainers who held a valid certification on `day`, whatever their status now: the
    /// invite list of a sync held that day, as the demo writes its past syncs. Unlike the
    /// invitations of [`Store::schedule_syncs`], a trainer certified since is left out and one
    /// who has lapsed since is in.
    pub fn trainers_certified_on(&self, day: NaiveDate) -> Result<Vec<TrainerId>, StoreError> {
        let mut statement = self.tx.prepare(
            "SELECT DISTINCT trainer_id FROM certification
             WHERE granted_on <= ?1 AND expires_on >= ?1 ORDER BY trainer_id",
        )?;
        let rows = statement.query_map([day], |row| Ok(TrainerId(row.get(0)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
