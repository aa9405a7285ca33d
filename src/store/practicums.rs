//! Practicums: drafts saved as they are typed, and recording one as the practicum module.

use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Batch, Store, StoreError};
use crate::domain::TrainerId;
use crate::domain::certification::{self, PassMarks};
use crate::domain::countdown::PRACTICUM_LENGTH;
use crate::domain::practicum::{Dimension, Outcome, Practicum, PracticumId, Rubric};

const PRACTICUM_COLUMNS: &str = "id, trainer_id, started_on, feedback, evaluator, outcome, \
     seconds_allowed, seconds_used, recorded_on";

impl Store {
    /// The trainer's practicum in progress, or a new one started today; refused for a trainer
    /// who is not on the pathway. A new draft names the evaluator of the last module recorded,
    /// who is usually the consultant at the keyboard.
    pub fn open_practicum(
        &mut self,
        trainer: TrainerId,
        today: NaiveDate,
    ) -> Result<Practicum, StoreError> {
        let id = self.write("open_practicum", |tx| {
            certification::record_module(super::trainer_status(tx, trainer)?)?;
            let draft: Option<i64> = tx
                .query_row(
                    "SELECT id FROM practicum WHERE trainer_id = ?1 AND recorded_on IS NULL",
                    [trainer.0],
                    |row| row.get(0),
                )
                .optional()?;
            if let Some(id) = draft {
                return Ok(PracticumId(id));
            }
            let evaluator = super::certifications::last_evaluator(tx)?;
            tx.execute(
                "INSERT INTO practicum (trainer_id, started_on, evaluator, seconds_allowed)
                 VALUES (?1, ?2, ?3, ?4)",
                params![trainer.0, today, evaluator, seconds(PRACTICUM_LENGTH)],
            )?;
            tracing::info!(trainer = trainer.0, "practicum started");
            Ok(PracticumId(tx.last_insert_rowid()))
        })?;
        practicum(&self.conn, id)
    }

    /// Saves everything the evaluator has entered so far; a draft only, never a recorded one.
    pub fn save_practicum_draft(&mut self, draft: &Practicum) -> Result<(), StoreError> {
        self.write("save_practicum_draft", |tx| save_draft(tx, draft))
    }

    /// Records the practicum as the trainer's practicum module completion on `on`, with the
    /// draft as it stands, in one transaction.
    pub fn record_practicum(
        &mut self,
        draft: &Practicum,
        marks: PassMarks,
        on: NaiveDate,
    ) -> Result<Practicum, StoreError> {
        let completion = draft.completion(marks, on)?;
        self.write("record_practicum", |tx| {
            save_draft(tx, draft)?;
            let completion_id =
                super::certifications::insert_completion(tx, draft.trainer, &completion)?;
            tx.execute(
                "UPDATE practicum SET recorded_on = ?2, completion_id = ?3 WHERE id = ?1",
                params![draft.id.0, on, completion_id],
            )?;
            Ok(())
        })?;
        tracing::info!(
            trainer = draft.trainer.0,
            practicum = draft.id.0,
            score = completion.score,
            "practicum recorded"
        );
        practicum(&self.conn, draft.id)
    }

    /// Every practicum of a trainer, recorded and in progress, oldest first.
    pub fn practicums_of(&self, trainer: TrainerId) -> Result<Vec<Practicum>, StoreError> {
        let ids: Vec<i64> = {
            let mut statement = self
                .conn
                .prepare("SELECT id FROM practicum WHERE trainer_id = ?1 ORDER BY id")?;
            statement
                .query_map([trainer.0], |row| row.get(0))?
                .collect::<Result<_, _>>()?
        };
        ids.into_iter()
            .map(|id| practicum(&self.conn, PracticumId(id)))
            .collect()
    }
}

fn save_draft(tx: &Transaction<'_>, draft: &Practicum) -> Result<(), StoreError> {
    let changed = tx.execute(
        "UPDATE practicum SET feedback = ?2, evaluator = ?3, outcome = ?4, seconds_allowed = ?5,
            seconds_used = ?6
         WHERE id = ?1 AND recorded_on IS NULL",
        params![
            draft.id.0,
            draft.feedback,
            draft.evaluator,
            draft.outcome.map(Outcome::as_str),
            seconds(draft.allowed),
            seconds(draft.used)
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "practicum draft",
            id: draft.id.0,
        });
    }
    for dimension in crate::domain::practicum::Dimension::ALL {
        if let Some(score) = draft.rubric.score(dimension) {
            tx.execute(
                "INSERT INTO practicum_score (practicum_id, dimension, score) VALUES (?1, ?2, ?3)
                 ON CONFLICT (practicum_id, dimension) DO UPDATE SET score = excluded.score",
                params![draft.id.0, dimension.as_str(), score],
            )?;
        }
    }
    Ok(())
}

fn practicum(conn: &Connection, id: PracticumId) -> Result<Practicum, StoreError> {
    let sql = format!("SELECT {PRACTICUM_COLUMNS} FROM practicum WHERE id = ?1");
    let found = conn
        .query_row(&sql, [id.0], |row| {
            Ok(Practicum {
                id: PracticumId(row.get(0)?),
                trainer: TrainerId(row.get(1)?),
                started_on: row.get(2)?,
                feedback: row.get(3)?,
                evaluator: row.get(4)?,
                outcome: row
                    .get::<_, Option<String>>(5)?
                    .map(|text| {
                        text.parse().map_err(|message: String| {
                            rusqlite::Error::FromSqlConversionFailure(
                                5,
                                rusqlite::types::Type::Text,
                                message.into(),
                            )
                        })
                    })
                    .transpose()?,
                allowed: duration(row.get(6)?),
                used: duration(row.get(7)?),
                recorded_on: row.get(8)?,
                rubric: Rubric::default(),
            })
        })
        .optional()?;
    let mut practicum = found.ok_or(StoreError::NotFound {
        what: "practicum",
        id: id.0,
    })?;
    let mut statement =
        conn.prepare("SELECT dimension, score FROM practicum_score WHERE practicum_id = ?1")?;
    let scores = statement.query_map([id.0], |row| {
        Ok((super::parse_column(row, 0)?, row.get::<_, u8>(1)?))
    })?;
    for score in scores {
        let (dimension, score) = score?;
        practicum.rubric.set(dimension, score);
    }
    Ok(practicum)
}

/// Whole seconds, as the file keeps durations.
fn seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// The table's CHECK keeps these non-negative; a negative one reads as zero all the same.
fn duration(seconds: i64) -> Duration {
    Duration::from_secs(u64::try_from(seconds).unwrap_or(0))
}

impl Batch<'_> {
    /// Writes a practicum recorded on `on` (for the demo portfolio and imports): the draft as
    /// the evaluator left it, and the practicum module completion it became, linked to it.
    ///
    /// The draft must be one the app would record: every dimension scored, an evaluator named
    /// and an outcome that agrees with the pass mark.
    pub fn insert_practicum(
        &self,
        draft: &Practicum,
        marks: PassMarks,
        on: NaiveDate,
    ) -> Result<PracticumId, StoreError> {
        let completion = draft.completion(marks, on)?;
        let completion_id =
            super::certifications::insert_completion(&self.tx, draft.trainer, &completion)?;
        self.tx.execute(
            "INSERT INTO practicum (trainer_id, started_on, feedback, evaluator, outcome,
                seconds_allowed, seconds_used, recorded_on, completion_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                draft.trainer.0,
                draft.started_on,
                draft.feedback,
                draft.evaluator,
                draft.outcome.map(Outcome::as_str),
                seconds(draft.allowed),
                seconds(draft.used),
                on,
                completion_id
            ],
        )?;
        let id = PracticumId(self.tx.last_insert_rowid());
        for dimension in Dimension::ALL {
            if let Some(score) = draft.rubric.score(dimension) {
                self.tx.execute(
                    "INSERT INTO practicum_score (practicum_id, dimension, score)
                     VALUES (?1, ?2, ?3)",
                    params![id.0, dimension.as_str(), score],
                )?;
            }
        }
        Ok(id)
    }
}
