//! Undo and redo of the app's own writes, recorded by the database itself.
//!
//! Recording at the store rather than in each screen means every write any code path makes (a
//! form, a bulk action over marked rows, an import run from the command line) is covered
//! without each feature writing its own inverse, and a table added later is covered the day it
//! lands. On the app's connection, TEMP triggers on every table copy each changed row, as it
//! was and as it became, into TEMP tables while a step is open; the app opens one step around
//! each user action. Undo puts a step's rows back, latest change first, in one transaction;
//! redo writes them again. TEMP objects belong to this connection alone: the headless commands,
//! a second t3 on the same file and `t3 import` never see them, and none of it reaches the
//! file.
//!
//! A row is put back only if it still holds exactly what the step left in it. Otherwise someone
//! else, another t3 on the same file, changed it since, and the whole undo is refused rather
//! than overwrite their work.

use chrono::NaiveDateTime;
use rusqlite::types::Value;
use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior};

use super::{Store, StoreError};
use triggers::identifier;

mod triggers;

const FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// One user action as the action log lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoStep {
    pub label: String,
    pub at: NaiveDateTime,
    /// Taken back, and waiting for a redo.
    pub undone: bool,
}

/// Which way a step is being carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Undo,
    Redo,
}

impl Direction {
    fn as_str(self) -> &'static str {
        match self {
            Direction::Undo => "undo",
            Direction::Redo => "redo",
        }
    }
}

/// A row's columns and values.
type Image = Vec<(String, Value)>;

/// One row written: `before` is `None` for an insert, `after` for a delete.
struct Change {
    table: String,
    before: Option<Image>,
    after: Option<Image>,
}

impl Store {
    /// Starts recording this connection's writes for undo. The app calls it once; the headless
    /// commands never do, so their writes cost nothing extra.
    pub fn enable_undo(&mut self) -> Result<(), StoreError> {
        if self.read_only || self.undo_enabled()? {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "CREATE TEMP TABLE undo_step (
                 id     INTEGER PRIMARY KEY,
                 label  TEXT    NOT NULL DEFAULT '',
                 at     TEXT    NOT NULL DEFAULT '',
                 closed INTEGER NOT NULL DEFAULT 0,
                 undone INTEGER NOT NULL DEFAULT 0
             );
             CREATE TEMP TABLE undo_change (
                 id         INTEGER PRIMARY KEY,
                 step_id    INTEGER NOT NULL,
                 table_name TEXT    NOT NULL,
                 kind       TEXT    NOT NULL
             );
             CREATE INDEX temp.undo_change_by_step ON undo_change (step_id);
             -- Untyped, so each value keeps the type and bytes it had in the row.
             CREATE TEMP TABLE undo_value (
                 change_id   INTEGER NOT NULL,
                 side        TEXT    NOT NULL,
                 column_name TEXT    NOT NULL,
                 value
             );
             CREATE INDEX temp.undo_value_by_change ON undo_value (change_id);
             -- The step being recorded, NULL between actions: the triggers record nothing then.
             CREATE TEMP TABLE undo_recording (step_id INTEGER);
             INSERT INTO undo_recording VALUES (NULL);",
        )?;
        triggers::install(&tx)?;
        tx.commit()?;
        tracing::info!("undo recording on");
        Ok(())
    }

    fn undo_enabled(&self) -> Result<bool, StoreError> {
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'undo_recording'",
                [],
                |row| row.get(0),
            )
            .optional()?;
        Ok(found.is_some())
    }

    /// Starts a step: every write from now until [`Store::close_undo_step`] is undone as one.
    /// A step already open stays the one (an action carried out inside another).
    pub fn open_undo_step(&mut self) -> Result<(), StoreError> {
        if !self.undo_enabled()? {
            return Ok(());
        }
        if self.recording_step()?.is_some() {
            return Ok(());
        }
        self.conn.execute_batch(
            "INSERT INTO temp.undo_step DEFAULT VALUES;
             UPDATE temp.undo_recording SET step_id = last_insert_rowid();",
        )?;
        Ok(())
    }

    /// Ends the open step under `label`. A step that wrote nothing is forgotten; one that did
    /// drops the steps waiting for a redo, as a new action makes them meaningless. Returns
    /// whether the step wrote anything.
    pub fn close_undo_step(&mut self, label: &str, at: NaiveDateTime) -> Result<bool, StoreError> {
        if !self.undo_enabled()? {
            return Ok(false);
        }
        let Some(step) = self.recording_step()? else {
            return Ok(false);
        };
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE temp.undo_recording SET step_id = NULL", [])?;
        let changes: i64 = tx.query_row(
            "SELECT count(*) FROM temp.undo_change WHERE step_id = ?1",
            [step],
            |row| row.get(0),
        )?;
        if changes == 0 {
            tx.execute("DELETE FROM temp.undo_step WHERE id = ?1", [step])?;
        } else {
            tx.execute(
                "UPDATE temp.undo_step SET label = ?2, at = ?3, closed = 1 WHERE id = ?1",
                rusqlite::params![step, label, at.format(FORMAT).to_string()],
            )?;
            forget_steps(&tx, "undone = 1")?;
        }
        tx.commit()?;
        Ok(changes > 0)
    }

    /// Takes back the latest step not yet undone, and returns its label; `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, StoreError> {
        self.carry_step(Direction::Undo)
    }

    /// Writes again the step undone last, and returns its label; `None` when there is nothing
    /// to redo.
    pub fn redo(&mut self) -> Result<Option<String>, StoreError> {
        self.carry_step(Direction::Redo)
    }

    /// This run's steps, newest first, undone ones included.
    pub fn undo_log(&self) -> Result<Vec<UndoStep>, StoreError> {
        if !self.undo_enabled()? {
            return Ok(Vec::new());
        }
        let mut statement = self.conn.prepare(
            "SELECT label, at, undone FROM temp.undo_step WHERE closed = 1 ORDER BY id DESC",
        )?;
        let rows = statement.query_map([], |row| {
            let at: String = row.get(1)?;
            let at = NaiveDateTime::parse_from_str(&at, FORMAT).map_err(|error| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    Box::new(error),
                )
            })?;
            Ok(UndoStep {
                label: row.get(0)?,
                at,
                undone: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn recording_step(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT step_id FROM temp.undo_recording", [], |row| {
                row.get(0)
            })?)
    }

    fn carry_step(&mut self, direction: Direction) -> Result<Option<String>, StoreError> {
        if !self.undo_enabled()? {
            return Ok(None);
        }
        let next = match direction {
            Direction::Undo => {
                "SELECT id, label FROM temp.undo_step WHERE closed = 1 AND undone = 0
                 ORDER BY id DESC LIMIT 1"
            }
            Direction::Redo => {
                "SELECT id, label FROM temp.undo_step WHERE closed = 1 AND undone = 1
                 ORDER BY id LIMIT 1"
            }
        };
        let step: Option<(i64, String)> = self
            .conn
            .query_row(next, [], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let Some((step, label)) = step else {
            return Ok(None);
        };
        let mut changes = changes_of(&self.conn, step)?;
        if direction == Direction::Undo {
            changes.reverse();
        }
        let refused = |reason: String| StoreError::UndoRefused {
            direction: direction.as_str(),
            label: label.clone(),
            reason,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A step's rows may refer to each other in any order (a cascade logs the children
        // before or after their parent); the references are checked whole, at commit.
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        for change in &changes {
            let (from, to) = match direction {
                Direction::Undo => (&change.after, &change.before),
                Direction::Redo => (&change.before, &change.after),
            };
            if !put_row(&tx, &change.table, from.as_ref(), to.as_ref()).map_err(&refused)? {
                tracing::warn!(
                    step,
                    direction = direction.as_str(),
                    "refused: a row was changed since"
                );
                return Err(refused(
                    "what it changed was changed since, by another t3 on the same file perhaps"
                        .to_string(),
                ));
            }
        }
        tx.execute(
            "UPDATE temp.undo_step SET undone = ?2 WHERE id = ?1",
            rusqlite::params![step, direction == Direction::Undo],
        )?;
        tx.commit().map_err(|error| refused(error.to_string()))?;
        tracing::info!(
            step,
            direction = direction.as_str(),
            changes = changes.len(),
            "committed"
        );
        Ok(Some(label))
    }
}

fn changes_of(conn: &Connection, step: i64) -> Result<Vec<Change>, StoreError> {
    let mut statement =
        conn.prepare("SELECT id, table_name FROM temp.undo_change WHERE step_id = ?1 ORDER BY id")?;
    let heads: Vec<(i64, String)> = statement
        .query_map([step], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut values = conn.prepare_cached(
        "SELECT side, column_name, value FROM temp.undo_value WHERE change_id = ?1 ORDER BY rowid",
    )?;
    let mut changes = Vec::with_capacity(heads.len());
    for (id, table) in heads {
        let mut before = Vec::new();
        let mut after = Vec::new();
        let rows = values.query_map([id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Value>(2)?,
            ))
        })?;
        for row in rows {
            let (side, column, value) = row?;
            if side == "before" {
                before.push((column, value));
            } else {
                after.push((column, value));
            }
        }
        changes.push(Change {
            table,
            before: Some(before).filter(|image| !image.is_empty()),
            after: Some(after).filter(|image| !image.is_empty()),
        });
    }
    Ok(changes)
}

/// Turns the row `from` into `to` (absent on either side: insert or delete). Answers false when
/// the row is no longer `from`, or another row already holds `to`'s key.
fn put_row(
    tx: &Transaction<'_>,
    table: &str,
    from: Option<&Image>,
    to: Option<&Image>,
) -> Result<bool, String> {
    let table = identifier(table);
    let matches = |image: &Image| -> (String, Vec<Value>) {
        let clause: Vec<String> = image
            .iter()
            .map(|(column, _)| format!("{} IS ?", identifier(column)))
            .collect();
        let values = image.iter().map(|(_, value)| value.clone()).collect();
        (clause.join(" AND "), values)
    };
    let outcome = match (from, to) {
        (None, None) => Ok(1),
        (None, Some(to)) => {
            let columns: Vec<String> = to.iter().map(|(column, _)| identifier(column)).collect();
            let marks = vec!["?"; to.len()].join(", ");
            let sql = format!(
                "INSERT INTO main.{table} ({}) VALUES ({marks})",
                columns.join(", ")
            );
            let values = to.iter().map(|(_, value)| value);
            tx.prepare_cached(&sql)
                .and_then(|mut statement| statement.execute(rusqlite::params_from_iter(values)))
        }
        (Some(from), None) => {
            let (clause, values) = matches(from);
            let sql = format!("DELETE FROM main.{table} WHERE {clause}");
            tx.prepare_cached(&sql)
                .and_then(|mut statement| statement.execute(rusqlite::params_from_iter(values)))
        }
        (Some(from), Some(to)) => {
            let changed: Vec<&(String, Value)> =
                to.iter().filter(|pair| !from.contains(pair)).collect();
            if changed.is_empty() {
                return Ok(true);
            }
            let set: Vec<String> = changed
                .iter()
                .map(|(column, _)| format!("{} = ?", identifier(column)))
                .collect();
            let (clause, from_values) = matches(from);
            let sql = format!("UPDATE main.{table} SET {} WHERE {clause}", set.join(", "));
            let values = changed
                .iter()
                .map(|(_, value)| value.clone())
                .chain(from_values);
            tx.prepare_cached(&sql)
                .and_then(|mut statement| statement.execute(rusqlite::params_from_iter(values)))
        }
    };
    match outcome {
        Ok(rows) => Ok(rows == 1),
        Err(rusqlite::Error::SqliteFailure(failure, _))
            if failure.code == ErrorCode::ConstraintViolation =>
        {
            Ok(false)
        }
        Err(error) => Err(error.to_string()),
    }
}

/// Deletes the steps matching `condition` with everything they recorded.
fn forget_steps(tx: &Transaction<'_>, condition: &str) -> Result<(), StoreError> {
    tx.execute_batch(&format!(
        "DELETE FROM temp.undo_value WHERE change_id IN (
             SELECT c.id FROM temp.undo_change c JOIN temp.undo_step s ON s.id = c.step_id
             WHERE s.{condition});
         DELETE FROM temp.undo_change WHERE step_id IN (
             SELECT id FROM temp.undo_step WHERE {condition});
         DELETE FROM temp.undo_step WHERE {condition};"
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::path::Path;

    use super::*;

    fn at(second: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 6, 15)
            .unwrap()
            .and_hms_opt(9, 30, second)
            .unwrap()
    }

    fn open(path: &Path) -> Store {
        let mut store = Store::open(path).unwrap();
        store.enable_undo().unwrap();
        store
    }

    /// Runs `sql` as one step named `label`.
    fn step(store: &mut Store, label: &str, sql: &str) {
        store.open_undo_step().unwrap();
        store.conn.execute_batch(sql).unwrap();
        store.close_undo_step(label, at(0)).unwrap();
    }

    fn accounts(store: &Store) -> Vec<(i64, String, i64)> {
        let mut statement = store
            .conn
            .prepare("SELECT id, name, seats FROM account ORDER BY id")
            .unwrap();
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn count(store: &Store, table: &str) -> i64 {
        store
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })
            .unwrap()
    }

    const ADD_ACME: &str = "INSERT INTO account (id, name, segment, seats, t3_status)
                            VALUES (1, 'Acme', 'Enterprise', 500, 'active');";

    #[test]
    fn an_insert_an_update_and_a_delete_are_undone_and_redone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("t3.db"));
        step(&mut store, "add Acme", ADD_ACME);
        step(
            &mut store,
            "edit Acme",
            "UPDATE account SET seats = 800 WHERE id = 1",
        );
        step(
            &mut store,
            "delete Acme",
            "DELETE FROM account WHERE id = 1",
        );
        assert!(accounts(&store).is_empty());

        assert_eq!(store.undo().unwrap().as_deref(), Some("delete Acme"));
        assert_eq!(accounts(&store), vec![(1, "Acme".to_string(), 800)]);
        assert_eq!(store.undo().unwrap().as_deref(), Some("edit Acme"));
        assert_eq!(accounts(&store), vec![(1, "Acme".to_string(), 500)]);
        assert_eq!(store.undo().unwrap().as_deref(), Some("add Acme"));
        assert!(accounts(&store).is_empty());
        assert_eq!(store.undo().unwrap(), None, "nothing before the run");

        assert_eq!(store.redo().unwrap().as_deref(), Some("add Acme"));
        assert_eq!(store.redo().unwrap().as_deref(), Some("edit Acme"));
        assert_eq!(accounts(&store), vec![(1, "Acme".to_string(), 800)]);
        assert_eq!(store.redo().unwrap().as_deref(), Some("delete Acme"));
        assert!(accounts(&store).is_empty());
        assert_eq!(store.redo().unwrap(), None);
    }

    #[test]
    fn many_rows_written_in_one_step_are_undone_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("t3.db"));
        step(&mut store, "add Acme", ADD_ACME);
        step(
            &mut store,
            "note Acme three times",
            "INSERT INTO note (account_id, written_at, body) VALUES
                 (1, '2026-06-15 09:00', 'one'), (1, '2026-06-15 09:01', 'two'),
                 (1, '2026-06-15 09:02', 'three');
             UPDATE account SET seats = 600 WHERE id = 1;",
        );
        assert_eq!(count(&store, "note"), 3);

        assert_eq!(
            store.undo().unwrap().as_deref(),
            Some("note Acme three times")
        );
        assert_eq!(count(&store, "note"), 0);
        assert_eq!(accounts(&store), vec![(1, "Acme".to_string(), 500)]);
        assert_eq!(store.undo_log().unwrap().len(), 2);
        assert!(store.undo_log().unwrap()[0].undone);
        assert!(!store.undo_log().unwrap()[1].undone);
    }

    #[test]
    fn a_cascade_comes_back_with_its_parent() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("t3.db"));
        step(&mut store, "add Acme", ADD_ACME);
        step(
            &mut store,
            "note",
            "INSERT INTO note (account_id, written_at, body) VALUES (1, '2026-06-15', 'kept')",
        );
        step(
            &mut store,
            "delete Acme",
            "DELETE FROM account WHERE id = 1",
        );
        assert_eq!(count(&store, "note"), 0);

        store.undo().unwrap();
        assert_eq!(count(&store, "note"), 1);
        assert_eq!(accounts(&store).len(), 1);
    }

    #[test]
    fn a_new_step_clears_what_waited_for_a_redo() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("t3.db"));
        step(&mut store, "add Acme", ADD_ACME);
        step(&mut store, "edit", "UPDATE account SET seats = 800");
        store.undo().unwrap();
        step(&mut store, "other edit", "UPDATE account SET seats = 900");

        assert_eq!(store.redo().unwrap(), None);
        let labels: Vec<String> = store
            .undo_log()
            .unwrap()
            .into_iter()
            .map(|step| step.label)
            .collect();
        assert_eq!(labels, ["other edit", "add Acme"]);
    }

    #[test]
    fn a_step_that_wrote_nothing_is_not_logged() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("t3.db"));
        step(&mut store, "add Acme", ADD_ACME);
        step(&mut store, "same seats", "UPDATE account SET seats = 500");
        step(&mut store, "nothing", "SELECT 1");

        assert_eq!(store.undo_log().unwrap().len(), 1);
    }

    #[test]
    fn drafts_are_not_logged_but_submitting_them_is() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("t3.db"));
        step(
            &mut store,
            "add Acme and Ana",
            &format!(
                "{ADD_ACME}
                 INSERT INTO trainer (id, account_id, name, email, status)
                     VALUES (1, 1, 'Ana', 'ana@example.com', 'candidate');"
            ),
        );
        step(
            &mut store,
            "questionnaire",
            "INSERT INTO assessment (id, trainer_id, started_on, state)
                 VALUES (1, 1, '2026-06-15', 'draft');
             INSERT INTO assessment_answer VALUES (1, 'q1', 4);
             INSERT INTO assessment_note VALUES (1, 'c1', 'typed');
             UPDATE assessment SET step = 2 WHERE id = 1;
             INSERT INTO practicum (trainer_id, started_on, seconds_allowed)
                 VALUES (1, '2026-06-15', 1200);
             INSERT INTO practicum_score VALUES (1, 'timing', 3);",
        );
        assert_eq!(store.undo_log().unwrap().len(), 1, "drafts only: no step");

        step(
            &mut store,
            "submit",
            "UPDATE assessment SET state = 'pending', submitted_on = '2026-06-15' WHERE id = 1",
        );
        assert_eq!(store.undo().unwrap().as_deref(), Some("submit"));
        let state: String = store
            .conn
            .query_row("SELECT state FROM assessment", [], |row| row.get(0))
            .unwrap();
        assert_eq!(state, "draft");
        assert_eq!(count(&store, "assessment_answer"), 1, "answers kept");
    }

    #[test]
    fn a_row_another_t3_changed_since_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t3.db");
        let mut store = open(&path);
        step(&mut store, "add Acme", ADD_ACME);
        step(&mut store, "edit Acme", "UPDATE account SET seats = 800");
        let other = Store::open(&path).unwrap();
        other
            .conn
            .execute("UPDATE account SET seats = 950", [])
            .unwrap();

        let error = store.undo().unwrap_err();
        assert!(
            error.to_string().starts_with("Cannot undo 'edit Acme'"),
            "{error}"
        );
        assert_eq!(accounts(&store), vec![(1, "Acme".to_string(), 950)]);
        assert!(!store.undo_log().unwrap()[0].undone, "still undoable later");
    }

    #[test]
    fn writes_outside_a_step_and_read_only_stores_record_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t3.db");
        let mut store = open(&path);
        store.conn.execute_batch(ADD_ACME).unwrap();
        assert_eq!(store.undo().unwrap(), None);
        drop(store);

        let mut read_only = Store::open_read_only(&path).unwrap();
        read_only.enable_undo().unwrap();
        read_only.open_undo_step().unwrap();
        assert!(!read_only.close_undo_step("nothing", at(1)).unwrap());
        assert!(read_only.undo_log().unwrap().is_empty());
    }
}
