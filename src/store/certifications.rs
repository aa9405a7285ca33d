//! Module results and certifications.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Batch, Store, StoreError};
use crate::domain::certification::{
    self, Certification, CertificationError, CertificationId, ModuleCompletion, PassMarks, Pathway,
};
use crate::domain::{TrainerId, TrainerStatus};

impl Store {
    /// Records one module attempt; the first one moves a selected trainer to `certifying`.
    pub fn record_module_completion(
        &mut self,
        trainer: TrainerId,
        completion: &ModuleCompletion,
    ) -> Result<(), StoreError> {
        self.write("record_module_completion", |tx| {
            insert_completion(tx, trainer, completion).map(drop)
        })?;
        tracing::info!(
            trainer = trainer.0,
            module = completion.module.as_str(),
            "module recorded"
        );
        Ok(())
    }

    /// Every module attempt of a trainer, oldest first.
    pub fn module_completions_of(
        &self,
        trainer: TrainerId,
    ) -> Result<Vec<ModuleCompletion>, StoreError> {
        completions(&self.conn, trainer)
    }

    /// Every certification of a trainer, oldest first.
    pub fn certifications_of(&self, trainer: TrainerId) -> Result<Vec<Certification>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, trainer_id, number, granted_on, expires_on, renews FROM certification
             WHERE trainer_id = ?1 ORDER BY granted_on, id",
        )?;
        let rows = statement.query_map([trainer.0], certification_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Certifies a trainer who has passed every module; valid twelve months from `granted_on`.
    pub fn certify_trainer(
        &mut self,
        trainer: TrainerId,
        granted_on: NaiveDate,
        marks: PassMarks,
    ) -> Result<Certification, StoreError> {
        let id = self.write("certify_trainer", |tx| {
            let status = super::trainer_status(tx, trainer)?;
            if status != TrainerStatus::Certifying {
                return Err(CertificationError::NotCertifying(status).into());
            }
            certification::can_certify(&completions(tx, trainer)?, marks)?;
            insert_certification(tx, trainer, granted_on, None)
        })?;
        tracing::info!(
            trainer = trainer.0,
            certification = id.0,
            "trainer certified"
        );
        self.certification(id)
    }

    /// Annual re-certification from `renewed_on`, linked to the latest certification.
    pub fn renew_certification(
        &mut self,
        trainer: TrainerId,
        renewed_on: NaiveDate,
        marks: PassMarks,
    ) -> Result<Certification, StoreError> {
        let id = self.write("renew_certification", |tx| {
            let previous: Option<i64> = tx
                .query_row(
                    "SELECT id FROM certification WHERE trainer_id = ?1
                     ORDER BY granted_on DESC, id DESC LIMIT 1",
                    [trainer.0],
                    |row| row.get(0),
                )
                .optional()?;
            let previous = previous.ok_or(CertificationError::NothingToRenew)?;
            certification::can_renew(&completions(tx, trainer)?, marks, renewed_on)?;
            insert_certification(tx, trainer, renewed_on, Some(CertificationId(previous)))
        })?;
        tracing::info!(
            trainer = trainer.0,
            certification = id.0,
            "certification renewed"
        );
        self.certification(id)
    }

    /// Every trainer on the certification pathway or past it, with all their module attempts
    /// and certifications: those who are selected, certifying, certified or lapsed, and anyone
    /// else with a record (a certified trainer who has since left, say).
    ///
    /// A few whole-table queries for the tab, whatever its size, rather than two per trainer;
    /// each table is read once, in an order an index or the table itself already gives.
    pub fn pathways(&self) -> Result<Vec<Pathway>, StoreError> {
        let mut certifications: HashMap<TrainerId, Vec<Certification>> = HashMap::new();
        // The `(trainer_id, granted_on)` index gives each trainer's certifications together and
        // in `granted_on, id` order (the id is the last column of every index).
        let mut statement = self.conn.prepare_cached(
            "SELECT id, trainer_id, number, granted_on, expires_on, renews FROM certification
             ORDER BY trainer_id, granted_on, id",
        )?;
        for certification in statement.query_map([], certification_from_row)? {
            let certification = certification?;
            certifications
                .entry(certification.trainer_id)
                .or_default()
                .push(certification);
        }
        let expiries = certifications
            .iter()
            .filter_map(|(trainer, held)| {
                let latest = held.iter().map(|c| c.expires_on).max()?;
                Some((*trainer, latest))
            })
            .collect();
        let mut completions: HashMap<TrainerId, Vec<ModuleCompletion>> = HashMap::new();
        // Read in id order, which needs no sort, then put in day order below: no index
        // gives `completed_on, id` order, and sorting every attempt in SQLite cost more than
        // sorting each trainer's handful here.
        let mut statement = self.conn.prepare_cached(
            "SELECT trainer_id, module, completed_on, score, evaluator, note FROM module_completion
             ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((TrainerId(row.get(0)?), completion_from_row(row, 1)?))
        })?;
        for row in rows {
            let (trainer, completion) = row?;
            completions.entry(trainer).or_default().push(completion);
        }
        for attempts in completions.values_mut() {
            // Stable, so attempts on the same day stay in id order.
            attempts.sort_by_key(|completion| completion.completed_on);
        }
        let pathways = super::trainers::all_trainer_rows(&self.conn, &expiries)?
            .into_iter()
            .filter_map(|row| {
                let id = row.trainer.id;
                let on_pathway = matches!(
                    row.trainer.status,
                    TrainerStatus::Selected
                        | TrainerStatus::Certifying
                        | TrainerStatus::Certified
                        | TrainerStatus::Lapsed
                );
                let completions = completions.remove(&id).unwrap_or_default();
                let certifications = certifications.remove(&id).unwrap_or_default();
                (on_pathway || !completions.is_empty() || !certifications.is_empty()).then_some(
                    Pathway {
                        row,
                        completions,
                        certifications,
                    },
                )
            })
            .collect();
        Ok(pathways)
    }

    /// Who evaluated the module result recorded last, to offer again: usually the consultant
    /// at the keyboard. Empty when no result names one.
    pub fn last_evaluator(&self) -> Result<String, StoreError> {
        last_evaluator(&self.conn)
    }

    fn certification(&self, id: CertificationId) -> Result<Certification, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT id, trainer_id, number, granted_on, expires_on, renews FROM certification
                 WHERE id = ?1",
                [id.0],
                certification_from_row,
            )
            .optional()?;
        found.ok_or(StoreError::NotFound {
            what: "certification",
            id: id.0,
        })
    }
}

pub(super) fn last_evaluator(conn: &Connection) -> Result<String, StoreError> {
    Ok(conn
        .query_row(
            "SELECT evaluator FROM module_completion WHERE evaluator <> ''
             ORDER BY completed_on DESC, id DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

/// Inserts one module attempt and moves a selected trainer onto the pathway; returns the
/// attempt's id.
pub(super) fn insert_completion(
    tx: &Transaction<'_>,
    trainer: TrainerId,
    completion: &ModuleCompletion,
) -> Result<i64, StoreError> {
    let status = super::trainer_status(tx, trainer)?;
    let next = certification::record_module(status)?;
    tx.execute(
        "INSERT INTO module_completion (trainer_id, module, completed_on, score, evaluator, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            trainer.0,
            completion.module.as_str(),
            completion.completed_on,
            completion.score,
            completion.evaluator,
            completion.note
        ],
    )?;
    let id = tx.last_insert_rowid();
    if next != status {
        super::set_trainer_status(tx, trainer, next)?;
    }
    Ok(id)
}

fn insert_certification(
    tx: &Transaction<'_>,
    trainer: TrainerId,
    granted_on: NaiveDate,
    renews: Option<CertificationId>,
) -> Result<CertificationId, StoreError> {
    let expires_on = certification::expiry_for(granted_on);
    // The number needs the row's id; a placeholder unique to this transaction holds its place.
    tx.execute(
        "INSERT INTO certification (trainer_id, number, granted_on, expires_on, renews)
         VALUES (?1, 'pending-' || ?1 || '-' || ?2, ?2, ?3, ?4)",
        params![trainer.0, granted_on, expires_on, renews.map(|id| id.0)],
    )?;
    let id = tx.last_insert_rowid();
    let number = format!("T3-{}-{id:05}", granted_on.year());
    tx.execute(
        "UPDATE certification SET number = ?2 WHERE id = ?1",
        params![id, number],
    )?;
    super::set_trainer_status(tx, trainer, TrainerStatus::Certified)?;
    Ok(CertificationId(id))
}

fn completions(conn: &Connection, trainer: TrainerId) -> Result<Vec<ModuleCompletion>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT module, completed_on, score, evaluator, note FROM module_completion
         WHERE trainer_id = ?1 ORDER BY completed_on, id",
    )?;
    let rows = statement.query_map([trainer.0], |row| completion_from_row(row, 0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A module attempt from five columns starting at `first`.
fn completion_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<ModuleCompletion> {
    Ok(ModuleCompletion {
        module: super::parse_column(row, first)?,
        completed_on: super::date_column(row, first + 1)?,
        score: row.get(first + 2)?,
        evaluator: row.get(first + 3)?,
        note: row.get(first + 4)?,
    })
}

pub(super) fn certification_from_row(row: &Row<'_>) -> rusqlite::Result<Certification> {
    Ok(Certification {
        id: CertificationId(row.get(0)?),
        trainer_id: TrainerId(row.get(1)?),
        number: row.get(2)?,
        granted_on: super::date_column(row, 3)?,
        expires_on: super::date_column(row, 4)?,
        renews: row.get::<_, Option<i64>>(5)?.map(CertificationId),
    })
}

impl Batch<'_> {
    /// Writes one module attempt as it happened (for the demo portfolio and imports), with the
    /// same rule as recording one in the app: only a trainer on the pathway takes modules, and
    /// the first attempt moves a selected trainer to `certifying`.
    pub fn insert_module_completion(
        &self,
        trainer: TrainerId,
        completion: &ModuleCompletion,
    ) -> Result<(), StoreError> {
        insert_completion(&self.tx, trainer, completion).map(drop)
    }

    /// Writes a certification granted on `granted_on` (for the demo portfolio and imports),
    /// numbered and dated like one granted in the app, and returns its id.
    ///
    /// The rules are checked against the attempts recorded up to that day: a first certification
    /// needs every module passed, a renewal an extended assessment passed in the 60 days before.
    /// The trainer keeps the status they had, so a trainer stored as lapsed stays lapsed.
    pub fn insert_certification(
        &self,
        trainer: TrainerId,
        granted_on: NaiveDate,
        renews: Option<CertificationId>,
        marks: PassMarks,
    ) -> Result<CertificationId, StoreError> {
        let before: Vec<ModuleCompletion> = completions(&self.tx, trainer)?
            .into_iter()
            .filter(|completion| completion.completed_on <= granted_on)
            .collect();
        match renews {
            None => certification::can_certify(&before, marks)?,
            Some(_) => certification::can_renew(&before, marks, granted_on)?,
        }
        let status = super::trainer_status(&self.tx, trainer)?;
        let id = insert_certification(&self.tx, trainer, granted_on, renews)?;
        super::set_trainer_status(&self.tx, trainer, status)?;
        Ok(id)
    }

    /// The day the trainer's selection was approved, if it was: a pathway starts after it.
    /// Moves the trainer's selection assessments back, every date by the same number of days,
    /// so that the approval falls at least `lead_days` before their first module attempt; for
    /// the demo, whose assessments are dated before its pathways are planned. Does nothing
    /// when the order is already right or either side is missing.
    pub fn date_selection_before_pathway(
        &self,
        trainer: TrainerId,
        lead_days: i64,
    ) -> Result<(), StoreError> {
        let first_module: Option<NaiveDate> = self.tx.query_row(
            "SELECT min(completed_on) FROM module_completion WHERE trainer_id = ?1",
            [trainer.0],
            |row| row.get(0),
        )?;
        let (Some(first_module), Some(approved)) =
            (first_module, self.selection_approved_on(trainer)?)
        else {
            return Ok(());
        };
        let shift = (approved - first_module).num_days() + lead_days;
        if shift <= 0 {
            return Ok(());
        }
        let modifier = format!("-{shift} days");
        self.tx.execute(
            "UPDATE assessment_review SET decided_on = date(decided_on, ?2)
             WHERE assessment_id IN (SELECT id FROM assessment WHERE trainer_id = ?1)",
            params![trainer.0, modifier],
        )?;
        self.tx.execute(
            "UPDATE assessment SET started_on = date(started_on, ?2),
                submitted_on = date(submitted_on, ?2), reviewed_on = date(reviewed_on, ?2)
             WHERE trainer_id = ?1",
            params![trainer.0, modifier],
        )?;
        Ok(())
    }

    pub fn selection_approved_on(
        &self,
        trainer: TrainerId,
    ) -> Result<Option<NaiveDate>, StoreError> {
        Ok(self.tx.query_row(
            "SELECT max(reviewed_on) FROM assessment WHERE trainer_id = ?1 AND state = 'approved'",
            [trainer.0],
            |row| row.get(0),
        )?)
    }
}
