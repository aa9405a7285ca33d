//! Training sessions delivered at accounts, and the vendor's product releases with the
//! enablement materials updated for them.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, Row, Transaction, params};

use super::accounts::found;
use super::{Batch, Store, StoreError};
use crate::domain::program::{
    LoggedSession, Material, MaterialId, MaterialKind, MaterialVersion, Release, ReleaseFields,
    ReleaseId, SessionId, TrainingSession,
};
use crate::domain::{AccountId, TrainerId};

/// A session as an export writes it, borrowed from the row being read. The names are `None`
/// when the trainer or account is missing, which the schema's foreign keys forbid.
#[derive(Debug, Clone, Copy)]
pub struct NamedSession<'a> {
    pub trainer: TrainerId,
    pub account: AccountId,
    pub held_on: NaiveDate,
    pub topic: &'a str,
    pub attendees: u32,
    pub duration_minutes: u32,
    pub trainer_name: Option<&'a str>,
    pub trainer_email: Option<&'a str>,
    pub account_name: Option<&'a str>,
}

pub(super) const SESSION_COLUMNS: &str =
    "id, trainer_id, account_id, held_on, topic, attendees, duration_minutes";

impl Store {
    /// Every training session, oldest first.
    pub fn sessions(&self) -> Result<Vec<TrainingSession>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {SESSION_COLUMNS} FROM training_session ORDER BY held_on, id"
        ))?;
        let rows = statement.query_map([], |row| Ok(logged_session(row)?.session))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every training session, oldest first, with its trainer's name and email and its
    /// account's name, each handed to `each` as it is read: an export of a million sessions
    /// holds one at a time. `each` stops the walk by failing.
    pub fn each_named_session<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(NamedSession<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT s.trainer_id, s.account_id, s.held_on, s.topic, s.attendees,
                    s.duration_minutes, t.name, t.email, a.name
                 FROM training_session s
                 LEFT JOIN trainer t ON t.id = s.trainer_id
                 LEFT JOIN account a ON a.id = s.account_id
                 ORDER BY s.held_on, s.id",
            )
            .map_err(StoreError::from)?;
        let mut rows = statement.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let text = |index| -> Result<Option<&str>, StoreError> {
                row.get_ref(index)?.as_str_or_null().map_err(|error| {
                    StoreError::from(rusqlite::Error::FromSqlConversionFailure(
                        index,
                        rusqlite::types::Type::Text,
                        Box::new(error),
                    ))
                })
            };
            let session = NamedSession {
                trainer: TrainerId(row.get(0).map_err(StoreError::from)?),
                account: AccountId(row.get(1).map_err(StoreError::from)?),
                held_on: row.get(2).map_err(StoreError::from)?,
                topic: text(3)?.unwrap_or_default(),
                attendees: row.get(4).map_err(StoreError::from)?,
                duration_minutes: row.get(5).map_err(StoreError::from)?,
                trainer_name: text(6)?,
                trainer_email: text(7)?,
                account_name: text(8)?,
            };
            each(session)?;
        }
        Ok(())
    }

    /// One trainer's sessions, the latest first.
    pub fn sessions_of_trainer(
        &self,
        trainer: TrainerId,
    ) -> Result<Vec<LoggedSession>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {SESSION_COLUMNS} FROM training_session WHERE trainer_id = ?1
             ORDER BY held_on DESC, id DESC"
        ))?;
        let rows = statement.query_map([trainer.0], logged_session)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many sessions each trainer delivered on or after `since`; trainers with none are
    /// left out.
    pub fn session_counts_since(
        &self,
        since: NaiveDate,
    ) -> Result<HashMap<TrainerId, u32>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT trainer_id, COUNT(*) FROM training_session WHERE held_on >= ?1
             GROUP BY trainer_id",
        )?;
        let rows = statement.query_map([since], |row| Ok((TrainerId(row.get(0)?), row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records a session; it counts for the trainer's account as it is now.
    pub fn log_session(&mut self, session: &TrainingSession) -> Result<SessionId, StoreError> {
        self.write("log session", |tx| insert_session(tx, session))
    }

    /// Corrects a logged session's date, topic, attendees or duration; the trainer and account
    /// stay as they were.
    pub fn update_session(
        &mut self,
        id: SessionId,
        session: &TrainingSession,
    ) -> Result<(), StoreError> {
        self.write("update session", |tx| {
            let changed = tx.execute(
                "UPDATE training_session
                 SET held_on = ?2, topic = ?3, attendees = ?4, duration_minutes = ?5
                 WHERE id = ?1",
                params![
                    id.0,
                    session.held_on,
                    session.topic,
                    session.attendees,
                    session.duration_minutes
                ],
            )?;
            found(changed, "session", id.0)
        })
    }

    pub fn delete_session(&mut self, id: SessionId) -> Result<(), StoreError> {
        self.write("delete session", |tx| {
            let changed = tx.execute("DELETE FROM training_session WHERE id = ?1", [id.0])?;
            found(changed, "session", id.0)
        })
    }

    /// Every product release, in the order they shipped.
    pub fn releases(&self) -> Result<Vec<Release>, StoreError> {
        read_releases(&self.conn)
    }

    pub fn record_release(&mut self, fields: &ReleaseFields) -> Result<ReleaseId, StoreError> {
        self.write("record release", |tx| insert_release(tx, fields))
    }

    pub fn update_release(
        &mut self,
        id: ReleaseId,
        fields: &ReleaseFields,
    ) -> Result<(), StoreError> {
        self.write("update release", |tx| {
            let changed = tx
                .execute(
                    "UPDATE product_release
                     SET name = ?2, shipped_on = ?3, summary = ?4, touches_trained_workflows = ?5
                     WHERE id = ?1",
                    params![
                        id.0,
                        fields.name,
                        fields.shipped_on,
                        fields.summary,
                        fields.touches_trained_workflows
                    ],
                )
                .map_err(|error| {
                    duplicate(error, StoreError::DuplicateReleaseName, &fields.name)
                })?;
            found(changed, "release", id.0)
        })
    }

    /// Every enablement material with its versions, by title.
    pub fn materials(&self) -> Result<Vec<Material>, StoreError> {
        read_materials(&self.conn)
    }

    pub fn add_material(
        &mut self,
        title: &str,
        kind: MaterialKind,
    ) -> Result<MaterialId, StoreError> {
        self.write("add material", |tx| insert_material(tx, title, kind))
    }

    /// Records a new version of a material, updated for a release (or for none).
    pub fn record_material_version(
        &mut self,
        material: MaterialId,
        version: &MaterialVersion,
    ) -> Result<(), StoreError> {
        self.write("record material version", |tx| {
            insert_material_version(tx, material, version)
        })
    }
}

impl Batch<'_> {
    pub fn insert_session(&self, session: &TrainingSession) -> Result<SessionId, StoreError> {
        insert_session(&self.tx, session)
    }

    /// A release; its name must be new.
    pub fn insert_release(&self, fields: &ReleaseFields) -> Result<ReleaseId, StoreError> {
        insert_release(&self.tx, fields)
    }

    /// A material with no versions yet; its title must be new.
    pub fn insert_material(
        &self,
        title: &str,
        kind: MaterialKind,
    ) -> Result<MaterialId, StoreError> {
        insert_material(&self.tx, title, kind)
    }

    pub fn insert_material_version(
        &self,
        material: MaterialId,
        version: &MaterialVersion,
    ) -> Result<(), StoreError> {
        insert_material_version(&self.tx, material, version)
    }

    /// The releases written so far in this batch, in the order they shipped.
    pub fn releases(&self) -> Result<Vec<Release>, StoreError> {
        read_releases(&self.tx)
    }

    /// Each certified or lapsed trainer's first day certified and the day their latest
    /// certification expires (or expired): the days they could deliver sessions, as the demo
    /// writes them. Renewals are granted before the previous certification expires, so there
    /// is no gap in between.
    pub fn certified_spans(
        &self,
    ) -> Result<HashMap<TrainerId, (NaiveDate, NaiveDate)>, StoreError> {
        let mut statement = self.tx.prepare(
            "SELECT trainer_id, MIN(granted_on), MAX(expires_on) FROM certification
             GROUP BY trainer_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((TrainerId(row.get(0)?), (row.get(1)?, row.get(2)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

pub(super) fn logged_session(row: &Row<'_>) -> rusqlite::Result<LoggedSession> {
    Ok(LoggedSession {
        id: SessionId(row.get(0)?),
        session: TrainingSession {
            trainer: TrainerId(row.get(1)?),
            account: AccountId(row.get(2)?),
            held_on: row.get(3)?,
            topic: row.get(4)?,
            attendees: row.get(5)?,
            duration_minutes: row.get(6)?,
        },
    })
}

fn insert_session(
    tx: &Transaction<'_>,
    session: &TrainingSession,
) -> Result<SessionId, StoreError> {
    tx.execute(
        "INSERT INTO training_session (trainer_id, account_id, held_on, topic, attendees,
            duration_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            session.trainer.0,
            session.account.0,
            session.held_on,
            session.topic,
            session.attendees,
            session.duration_minutes
        ],
    )?;
    Ok(SessionId(tx.last_insert_rowid()))
}

/// Every enablement material with its versions (oldest first), by title.
pub(super) fn read_materials(conn: &Connection) -> Result<Vec<Material>, StoreError> {
    let mut versions: HashMap<MaterialId, Vec<MaterialVersion>> = HashMap::new();
    let mut statement = conn.prepare(
        "SELECT material_id, version, updated_for, updated_on FROM material_version
         ORDER BY updated_on, id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            MaterialId(row.get(0)?),
            MaterialVersion {
                version: row.get(1)?,
                updated_for: row.get::<_, Option<i64>>(2)?.map(ReleaseId),
                updated_on: row.get(3)?,
            },
        ))
    })?;
    for row in rows {
        let (material, version) = row?;
        versions.entry(material).or_default().push(version);
    }
    let mut statement = conn.prepare("SELECT id, title, kind FROM material ORDER BY title, id")?;
    let rows = statement.query_map([], |row| {
        let id = MaterialId(row.get(0)?);
        Ok(Material {
            id,
            title: row.get(1)?,
            kind: super::parse_column(row, 2)?,
            versions: versions.remove(&id).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn read_releases(conn: &Connection) -> Result<Vec<Release>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT id, name, shipped_on, summary, touches_trained_workflows
         FROM product_release ORDER BY shipped_on, id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(Release {
            id: ReleaseId(row.get(0)?),
            name: row.get(1)?,
            shipped_on: row.get(2)?,
            summary: row.get(3)?,
            touches_trained_workflows: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn insert_release(tx: &Transaction<'_>, fields: &ReleaseFields) -> Result<ReleaseId, StoreError> {
    tx.execute(
        "INSERT INTO product_release (name, shipped_on, summary, touches_trained_workflows)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            fields.name,
            fields.shipped_on,
            fields.summary,
            fields.touches_trained_workflows
        ],
    )
    .map_err(|error| duplicate(error, StoreError::DuplicateReleaseName, &fields.name))?;
    Ok(ReleaseId(tx.last_insert_rowid()))
}

fn insert_material(
    tx: &Transaction<'_>,
    title: &str,
    kind: MaterialKind,
) -> Result<MaterialId, StoreError> {
    tx.execute(
        "INSERT INTO material (title, kind) VALUES (?1, ?2)",
        params![title, kind.as_str()],
    )
    .map_err(|error| duplicate(error, StoreError::DuplicateMaterialTitle, title))?;
    Ok(MaterialId(tx.last_insert_rowid()))
}

fn insert_material_version(
    tx: &Transaction<'_>,
    material: MaterialId,
    version: &MaterialVersion,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO material_version (material_id, version, updated_for, updated_on)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            material.0,
            version.version,
            version.updated_for.map(|release| release.0),
            version.updated_on
        ],
    )
    .map_err(|error| {
        duplicate(
            error,
            StoreError::DuplicateMaterialVersion,
            &version.version,
        )
    })?;
    Ok(())
}

/// A UNIQUE violation as the duplicate it means; any other error as it is.
pub(super) fn duplicate(
    error: rusqlite::Error,
    kind: fn(String) -> StoreError,
    value: &str,
) -> StoreError {
    if StoreError::is_unique_violation(&error) {
        kind(value.to_string())
    } else {
        error.into()
    }
}
