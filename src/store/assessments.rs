//! Selection assessments: drafts saved answer by answer, submission, and the vendor's review.
//!
//! Every answer, note and step is its own small transaction, so a crash or `kill -9` in the
//! middle of the questionnaire loses nothing that was given.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Batch, Store, StoreError};
use crate::domain::TrainerId;
use crate::domain::assessment::{
    self, Answers, Assessment, AssessmentId, Review, ReviewState, SelectionError,
};
use crate::domain::questionnaire::Questionnaire;

const COLUMNS: &str =
    "id, trainer_id, started_on, state, step, submitted_on, reviewer, reviewed_on, review_note";

impl Store {
    /// Resumes the trainer's draft, or starts a new one if the trainer may be assessed.
    pub fn start_assessment(
        &mut self,
        trainer: TrainerId,
        today: NaiveDate,
    ) -> Result<Assessment, StoreError> {
        let id = self.write("start_assessment", |tx| {
            let status = super::trainer_status(tx, trainer)?;
            let latest = latest_of(tx, trainer)?;
            if let Some(draft) = latest.as_ref().filter(|a| a.state == ReviewState::Draft) {
                return Ok(draft.id);
            }
            assessment::can_start(status, latest.as_ref().map(|a| a.state))
                .map_err(StoreError::Selection)?;
            tx.execute(
                "INSERT INTO assessment (trainer_id, started_on, state) VALUES (?1, ?2, 'draft')",
                params![trainer.0, today],
            )?;
            Ok(AssessmentId(tx.last_insert_rowid()))
        })?;
        tracing::info!(assessment = id.0, trainer = trainer.0, "assessment opened");
        self.assessment(id)
    }

    pub fn assessment(&self, id: AssessmentId) -> Result<Assessment, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM assessment WHERE id = ?1");
        let found = self.conn.query_row(&sql, [id.0], from_row).optional()?;
        let mut found = found.ok_or(StoreError::NotFound {
            what: "assessment",
            id: id.0,
        })?;
        found.answers = answers_of(&self.conn, id)?;
        Ok(found)
    }

    /// Every assessment of a trainer, newest first: re-assessments keep their history.
    pub fn assessments_of_trainer(
        &self,
        trainer: TrainerId,
    ) -> Result<Vec<Assessment>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM assessment WHERE trainer_id = ?1 ORDER BY id DESC");
        let mut statement = self.conn.prepare(&sql)?;
        let mut found: Vec<Assessment> = statement
            .query_map([trainer.0], from_row)?
            .collect::<Result<_, _>>()?;
        for assessment in &mut found {
            assessment.answers = answers_of(&self.conn, assessment.id)?;
        }
        Ok(found)
    }

    /// The latest assessment of every trainer who has one, with its answers, in three
    /// queries for the whole roster.
    ///
    /// All three come in assessment id order (the answers' and notes' primary keys start with
    /// it), so the answers are matched to their assessment by walking the two lists side by
    /// side rather than by a lookup per answer. Answers to earlier assessments are stepped
    /// over as they come, which is cheaper than working the latest ones out twice more.
    pub fn latest_assessments(&self) -> Result<HashMap<TrainerId, Assessment>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM assessment
             WHERE id IN (SELECT MAX(id) FROM assessment GROUP BY trainer_id) ORDER BY id"
        ))?;
        let mut latest: Vec<Assessment> = statement
            .query_map([], from_row)?
            .collect::<Result<_, _>>()?;
        let mut scores = self.conn.prepare_cached(
            "SELECT assessment_id, question_id, score FROM assessment_answer
             ORDER BY assessment_id, question_id",
        )?;
        let mut rows = scores.query([])?;
        let mut at = 0;
        while let Some(row) = rows.next()? {
            if let Some(assessment) = matching(&mut latest, &mut at, row.get(0)?) {
                assessment.answers.scores.insert(row.get(1)?, row.get(2)?);
            }
        }
        let mut notes = self.conn.prepare_cached(
            "SELECT assessment_id, criterion_key, body FROM assessment_note
             ORDER BY assessment_id, criterion_key",
        )?;
        let mut rows = notes.query([])?;
        let mut at = 0;
        while let Some(row) = rows.next()? {
            if let Some(assessment) = matching(&mut latest, &mut at, row.get(0)?) {
                assessment.answers.notes.insert(row.get(1)?, row.get(2)?);
            }
        }
        Ok(latest
            .into_iter()
            .map(|assessment| (assessment.trainer_id, assessment))
            .collect())
    }

    /// Records one answer of a draft (1–5), replacing any earlier answer to the question.
    pub fn record_answer(
        &mut self,
        id: AssessmentId,
        question: &str,
        score: u8,
    ) -> Result<(), StoreError> {
        self.write("record_answer", |tx| {
            require_draft(tx, id)?;
            tx.execute(
                "INSERT INTO assessment_answer (assessment_id, question_id, score) VALUES (?1, ?2, ?3)
                 ON CONFLICT (assessment_id, question_id) DO UPDATE SET score = excluded.score",
                params![id.0, question, score],
            )?;
            Ok(())
        })
    }

    /// Records a criterion's evidence note of a draft as it stands now.
    pub fn record_assessment_note(
        &mut self,
        id: AssessmentId,
        criterion: &str,
        body: &str,
    ) -> Result<(), StoreError> {
        self.write("record_assessment_note", |tx| {
            require_draft(tx, id)?;
            tx.execute(
                "INSERT INTO assessment_note (assessment_id, criterion_key, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT (assessment_id, criterion_key) DO UPDATE SET body = excluded.body",
                params![id.0, criterion, body],
            )?;
            Ok(())
        })
    }

    /// Remembers which step of the wizard a draft is on, so it resumes there.
    pub fn record_assessment_step(
        &mut self,
        id: AssessmentId,
        step: usize,
    ) -> Result<(), StoreError> {
        self.write("record_assessment_step", |tx| {
            let changed = tx.execute(
                "UPDATE assessment SET step = ?2 WHERE id = ?1 AND state = 'draft'",
                params![id.0, step as i64],
            )?;
            super::accounts::found(changed, "draft assessment", id.0)
        })
    }

    /// Submits a complete draft for review; the trainer becomes `proposed`.
    pub fn submit_assessment(
        &mut self,
        id: AssessmentId,
        questionnaire: &Questionnaire,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.write("submit_assessment", |tx| {
            let found = load(tx, id)?;
            let status = super::trainer_status(tx, found.trainer_id)?;
            let summary = assessment::summarise(questionnaire, &found.answers);
            let next =
                assessment::submit(found.state, status, &summary).map_err(StoreError::Selection)?;
            tx.execute(
                "UPDATE assessment SET state = 'pending', submitted_on = ?2 WHERE id = ?1",
                params![id.0, today],
            )?;
            super::set_trainer_status(tx, found.trainer_id, next)
        })?;
        tracing::info!(assessment = id.0, "assessment submitted");
        Ok(())
    }

    /// Approves (`selected`) or declines (`declined`) a pending assessment's trainer.
    pub fn decide_assessment(
        &mut self,
        id: AssessmentId,
        approve: bool,
        review: &Review,
    ) -> Result<(), StoreError> {
        self.write("decide_assessment", |tx| {
            let found = load(tx, id)?;
            let status = super::trainer_status(tx, found.trainer_id)?;
            let next =
                assessment::decide(found.state, status, approve).map_err(StoreError::Selection)?;
            let state = if approve {
                ReviewState::Approved
            } else {
                ReviewState::Declined
            };
            record_review(tx, id, state.as_str(), review)?;
            tx.execute(
                "UPDATE assessment SET state = ?2, reviewer = ?3, reviewed_on = ?4, review_note = ?5
                 WHERE id = ?1",
                params![id.0, state.as_str(), review.reviewer, review.reviewed_on, review.note],
            )?;
            super::set_trainer_status(tx, found.trainer_id, next)
        })?;
        tracing::info!(assessment = id.0, approve, "assessment reviewed");
        Ok(())
    }

    /// Puts a decided review back to pending and the trainer back to `proposed`; the earlier
    /// decision stays in the review history.
    pub fn reopen_assessment(
        &mut self,
        id: AssessmentId,
        review: &Review,
    ) -> Result<(), StoreError> {
        self.write("reopen_assessment", |tx| {
            let found = load(tx, id)?;
            let status = super::trainer_status(tx, found.trainer_id)?;
            let next = assessment::reopen(found.state, status).map_err(StoreError::Selection)?;
            record_review(tx, id, "reopened", review)?;
            tx.execute(
                "UPDATE assessment SET state = 'pending', reviewer = NULL, reviewed_on = NULL,
                    review_note = NULL WHERE id = ?1",
                [id.0],
            )?;
            super::set_trainer_status(tx, found.trainer_id, next)
        })?;
        tracing::info!(assessment = id.0, "review reopened");
        Ok(())
    }

    /// Every decision taken on an assessment, oldest first: (decision, review).
    pub fn review_history(&self, id: AssessmentId) -> Result<Vec<(String, Review)>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT decision, reviewer, decided_on, note FROM assessment_review
             WHERE assessment_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([id.0], |row| {
            Ok((
                row.get(0)?,
                Review {
                    reviewer: row.get(1)?,
                    reviewed_on: row.get(2)?,
                    note: row.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every assessment in the file, oldest first, for exports.
    pub fn all_assessments(&self) -> Result<Vec<Assessment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM assessment ORDER BY id");
        let mut statement = self.conn.prepare(&sql)?;
        let mut found: Vec<Assessment> = statement
            .query_map([], from_row)?
            .collect::<Result<_, _>>()?;
        for assessment in &mut found {
            assessment.answers = answers_of(&self.conn, assessment.id)?;
        }
        Ok(found)
    }
}

impl Batch<'_> {
    /// Writes a whole assessment as it stands (for the demo portfolio and imports), without
    /// touching the trainer's status.
    pub fn insert_assessment(&self, assessment: &Assessment) -> Result<AssessmentId, StoreError> {
        let review = assessment.review.as_ref();
        self.tx.execute(
            "INSERT INTO assessment (trainer_id, started_on, state, step, submitted_on, reviewer,
                reviewed_on, review_note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                assessment.trainer_id.0,
                assessment.started_on,
                assessment.state.as_str(),
                assessment.step as i64,
                assessment.submitted_on,
                review.map(|r| &r.reviewer),
                review.map(|r| r.reviewed_on),
                review.map(|r| &r.note),
            ],
        )?;
        let id = AssessmentId(self.tx.last_insert_rowid());
        for (question, score) in &assessment.answers.scores {
            self.tx.execute(
                "INSERT INTO assessment_answer (assessment_id, question_id, score) VALUES (?1, ?2, ?3)",
                params![id.0, question, score],
            )?;
        }
        for (criterion, body) in &assessment.answers.notes {
            self.tx.execute(
                "INSERT INTO assessment_note (assessment_id, criterion_key, body) VALUES (?1, ?2, ?3)",
                params![id.0, criterion, body],
            )?;
        }
        if let Some(review) = review {
            record_review(&self.tx, id, assessment.state.as_str(), review)?;
        }
        Ok(id)
    }
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Assessment> {
    let reviewer: Option<String> = row.get(6)?;
    let reviewed_on = super::optional_date_column(row, 7)?;
    let note: Option<String> = row.get(8)?;
    let review = match (reviewer, reviewed_on) {
        (Some(reviewer), Some(reviewed_on)) => Some(Review {
            reviewer,
            reviewed_on,
            note: note.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Assessment {
        id: AssessmentId(row.get(0)?),
        trainer_id: TrainerId(row.get(1)?),
        started_on: super::date_column(row, 2)?,
        state: super::parse_column(row, 3)?,
        step: row.get::<_, i64>(4)?.max(0) as usize,
        answers: Answers::default(),
        submitted_on: super::optional_date_column(row, 5)?,
        review,
    })
}

/// The assessment with id `id` in `assessments` (ordered by id), looking on from `at`, where
/// the previous (smaller or equal) id was found; `at` moves on to it.
fn matching<'a>(
    assessments: &'a mut [Assessment],
    at: &mut usize,
    id: i64,
) -> Option<&'a mut Assessment> {
    while assessments.get(*at)?.id.0 < id {
        *at += 1;
    }
    assessments
        .get_mut(*at)
        .filter(|assessment| assessment.id.0 == id)
}

fn answers_of(conn: &Connection, id: AssessmentId) -> Result<Answers, StoreError> {
    let mut answers = Answers::default();
    let mut scores =
        conn.prepare("SELECT question_id, score FROM assessment_answer WHERE assessment_id = ?1")?;
    for row in scores.query_map([id.0], |row| Ok((row.get(0)?, row.get(1)?)))? {
        let (question, score): (String, u8) = row?;
        answers.scores.insert(question, score);
    }
    let mut notes =
        conn.prepare("SELECT criterion_key, body FROM assessment_note WHERE assessment_id = ?1")?;
    for row in notes.query_map([id.0], |row| Ok((row.get(0)?, row.get(1)?)))? {
        let (criterion, body): (String, String) = row?;
        answers.notes.insert(criterion, body);
    }
    Ok(answers)
}

fn load(tx: &Transaction<'_>, id: AssessmentId) -> Result<Assessment, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM assessment WHERE id = ?1");
    let found = tx.query_row(&sql, [id.0], from_row).optional()?;
    let mut found = found.ok_or(StoreError::NotFound {
        what: "assessment",
        id: id.0,
    })?;
    found.answers = answers_of(tx, id)?;
    Ok(found)
}

fn latest_of(tx: &Transaction<'_>, trainer: TrainerId) -> Result<Option<Assessment>, StoreError> {
    let sql =
        format!("SELECT {COLUMNS} FROM assessment WHERE trainer_id = ?1 ORDER BY id DESC LIMIT 1");
    Ok(tx.query_row(&sql, [trainer.0], from_row).optional()?)
}

fn require_draft(tx: &Transaction<'_>, id: AssessmentId) -> Result<(), StoreError> {
    let state: Option<String> = tx
        .query_row(
            "SELECT state FROM assessment WHERE id = ?1",
            [id.0],
            |row| row.get(0),
        )
        .optional()?;
    match state.as_deref() {
        None => Err(StoreError::NotFound {
            what: "assessment",
            id: id.0,
        }),
        Some("draft") => Ok(()),
        Some(other) => {
            let state = other.parse().unwrap_or(ReviewState::Pending);
            Err(StoreError::Selection(SelectionError::NotADraft(state)))
        }
    }
}

fn record_review(
    conn: &Connection,
    id: AssessmentId,
    decision: &str,
    review: &Review,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO assessment_review (assessment_id, decision, reviewer, decided_on, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id.0,
            decision,
            review.reviewer,
            review.reviewed_on,
            review.note
        ],
    )?;
    Ok(())
}
