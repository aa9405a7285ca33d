//! Training sessions delivered at accounts, and the vendor's product releases with the
//! enablement materials updated for them.
//!
//! Only whole-table reads so far: the risk rules take everything at once, and there are a few
//! thousand sessions a year at most.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::{Batch, Store, StoreError};
use crate::domain::program::{Material, MaterialKind, Release, ReleaseId, TrainingSession};
use crate::domain::{AccountId, TrainerId};

impl Store {
    /// Every training session, oldest first.
    pub fn sessions(&self) -> Result<Vec<TrainingSession>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT trainer_id, account_id, held_on, topic, attendees, duration_minutes
             FROM training_session ORDER BY held_on, id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(TrainingSession {
                trainer: TrainerId(row.get(0)?),
                account: AccountId(row.get(1)?),
                held_on: row.get(2)?,
                topic: row.get(3)?,
                attendees: row.get(4)?,
                duration_minutes: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every product release, in the order they shipped.
    pub fn releases(&self) -> Result<Vec<Release>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, name, shipped_on, touches_trained_workflows
             FROM product_release ORDER BY shipped_on, id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(Release {
                id: ReleaseId(row.get(0)?),
                name: row.get(1)?,
                shipped_on: row.get(2)?,
                touches_trained_workflows: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every enablement material, by title.
    pub fn materials(&self) -> Result<Vec<Material>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT title, updated_for FROM material ORDER BY title")?;
        let rows = statement.query_map([], |row| {
            Ok(Material {
                title: row.get(0)?,
                updated_for: row.get::<_, Option<i64>>(1)?.map(ReleaseId),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Batch<'_> {
    pub fn insert_session(&self, session: &TrainingSession) -> Result<(), StoreError> {
        self.tx.execute(
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
        Ok(())
    }

    /// A release; its name must be new.
    pub fn insert_release(
        &self,
        name: &str,
        shipped_on: NaiveDate,
        touches_trained_workflows: bool,
    ) -> Result<ReleaseId, StoreError> {
        self.tx.execute(
            "INSERT INTO product_release (name, shipped_on, touches_trained_workflows)
             VALUES (?1, ?2, ?3)",
            params![name, shipped_on, touches_trained_workflows],
        )?;
        Ok(ReleaseId(self.tx.last_insert_rowid()))
    }

    /// A material and the release its current version was updated for; its title must be new.
    pub fn insert_material(
        &self,
        title: &str,
        kind: MaterialKind,
        updated_for: Option<ReleaseId>,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO material (title, kind, updated_for) VALUES (?1, ?2, ?3)",
            params![title, kind.as_str(), updated_for.map(|release| release.0)],
        )?;
        Ok(())
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
