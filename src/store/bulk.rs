//! Writes over many records at once, for actions on marked rows: each is one transaction, so
//! the rows change together or not at all, and undo takes them back as one step.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::{Store, StoreError, set_trainer_status, trainer_status, triage};
use crate::domain::risk::FindingKey;
use crate::domain::sync::{Attendance, SyncId};
use crate::domain::triage::{TriageAction, TriageEventId};
use crate::domain::{TrainerId, TrainerStatus};

/// What a status change over several trainers did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMoves {
    /// The trainers that moved, in the order given.
    pub moved: Vec<TrainerId>,
    /// The trainers left as they were because their status cannot move to the one asked for.
    pub skipped: Vec<TrainerId>,
}

impl Store {
    /// Records the same triage action on every finding of `keys`, by `actor` at `at`.
    pub fn record_triage_all(
        &mut self,
        keys: &[FindingKey],
        action: &TriageAction,
        actor: &str,
        at: NaiveDateTime,
    ) -> Result<Vec<TriageEventId>, StoreError> {
        let ids = self.write("record_triage_all", |tx| {
            keys.iter()
                .map(|key| triage::insert(tx, *key, action, actor, at))
                .collect::<Result<Vec<_>, _>>()
        })?;
        tracing::info!(
            events = ids.len(),
            action = action.kind(),
            "triage recorded on marked findings"
        );
        Ok(ids)
    }

    /// Moves every trainer of `trainers` whose status allows it to `next`, and skips the others;
    /// the statuses are read inside the transaction that moves them.
    pub fn move_trainer_statuses(
        &mut self,
        trainers: &[TrainerId],
        next: TrainerStatus,
    ) -> Result<StatusMoves, StoreError> {
        let moves = self.write("move_trainer_statuses", |tx| {
            let mut moves = StatusMoves {
                moved: Vec::new(),
                skipped: Vec::new(),
            };
            for &trainer in trainers {
                if trainer_status(tx, trainer)?.can_move_to(next) {
                    set_trainer_status(tx, trainer, next)?;
                    moves.moved.push(trainer);
                } else {
                    moves.skipped.push(trainer);
                }
            }
            Ok(moves)
        })?;
        tracing::info!(
            moved = moves.moved.len(),
            skipped = moves.skipped.len(),
            to = %next,
            "trainer statuses moved"
        );
        Ok(moves)
    }

    /// Marks how each trainer of `trainers` attended `sync` (`None` clears the marks). A
    /// trainer not invited to it refuses the whole change.
    pub fn set_attendance_all(
        &mut self,
        sync: SyncId,
        trainers: &[TrainerId],
        attendance: Option<Attendance>,
    ) -> Result<(), StoreError> {
        self.write("set_attendance_all", |tx| {
            let mut update = tx.prepare(
                "UPDATE sync_invite SET attendance = ?3 WHERE sync_id = ?1 AND trainer_id = ?2",
            )?;
            for trainer in trainers {
                let changed = update.execute(params![
                    sync.0,
                    trainer.0,
                    attendance.map(Attendance::as_str)
                ])?;
                if changed == 0 {
                    return Err(StoreError::NotFound {
                        what: "invitation for trainer",
                        id: trainer.0,
                    });
                }
            }
            Ok(())
        })?;
        tracing::info!(
            sync = sync.0,
            trainers = trainers.len(),
            "attendance marked"
        );
        Ok(())
    }
}
