//! The TEMP triggers that record a step's writes: one per table and kind of write, made from
//! the table's own columns, so a table a later migration adds is recorded without a change here.

use rusqlite::{Connection, Transaction};

use crate::store::StoreError;

/// Tables written as the user types, keystroke by keystroke: a step per keystroke would bury
/// the actions worth undoing, and the draft is the user's own work in progress.
const DRAFT_TABLES: &[&str] = &["practicum_score", "assessment_answer", "assessment_note"];

/// Tables whose rows are drafts while the condition holds (`{row}` is OLD or NEW): an
/// unsubmitted questionnaire, a practicum not yet recorded. Writes to a draft row are not
/// recorded; the write that makes it more than a draft (submitting, recording) is.
const DRAFT_ROWS: &[(&str, &str)] = &[
    ("assessment", "{row}.state = 'draft'"),
    ("practicum", "{row}.recorded_on IS NULL"),
];

/// Puts the recording triggers on every table of the file but the draft ones.
pub(super) fn install(tx: &Transaction<'_>) -> Result<(), StoreError> {
    for (table, without_rowid) in user_tables(tx)? {
        if DRAFT_TABLES.contains(&table.as_str()) {
            continue;
        }
        let mut columns = column_names(tx, &table)?;
        if !without_rowid && !columns.iter().any(|c| c.eq_ignore_ascii_case("rowid")) {
            // Kept so a row comes back under the same rowid, whatever its key.
            columns.push("rowid".to_string());
        }
        for kind in ["insert", "update", "delete"] {
            tx.execute_batch(&trigger_sql(&table, &columns, kind))?;
        }
    }
    Ok(())
}

/// The file's own tables, with whether each is WITHOUT ROWID.
fn user_tables(conn: &Connection) -> Result<Vec<(String, bool)>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT name, wr FROM pragma_table_list
         WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         ORDER BY name",
    )?;
    let tables = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(tables.collect::<Result<_, _>>()?)
}

fn column_names(conn: &Connection, table: &str) -> Result<Vec<String>, StoreError> {
    let mut statement = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = statement.query_map([table], |row| row.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

/// The trigger recording one kind of write to `table`. Names inside a trigger body cannot be
/// qualified; a TEMP trigger finds the TEMP tables first.
fn trigger_sql(table: &str, columns: &[String], kind: &str) -> String {
    let draft = DRAFT_ROWS
        .iter()
        .find(|(name, _)| *name == table)
        .map(|(_, condition)| *condition);
    let is_draft = |row: &str| draft.map(|condition| condition.replace("{row}", row));
    let mut when = vec!["(SELECT step_id FROM undo_recording) IS NOT NULL".to_string()];
    let mut sides = Vec::new();
    match kind {
        "insert" => {
            when.extend(is_draft("NEW").map(|draft| format!("NOT ({draft})")));
            sides.push(("after", "NEW"));
        }
        "delete" => {
            when.extend(is_draft("OLD").map(|draft| format!("NOT ({draft})")));
            sides.push(("before", "OLD"));
        }
        _ => {
            if let (Some(old), Some(new)) = (is_draft("OLD"), is_draft("NEW")) {
                when.push(format!("NOT (({old}) AND ({new}))"));
            }
            let changed: Vec<String> = columns
                .iter()
                .map(|column| {
                    let column = identifier(column);
                    format!("OLD.{column} IS NOT NEW.{column}")
                })
                .collect();
            when.push(format!("({})", changed.join(" OR ")));
            sides.push(("before", "OLD"));
            sides.push(("after", "NEW"));
        }
    }
    let values: Vec<String> = sides
        .iter()
        .flat_map(|(side, row)| {
            columns.iter().map(move |column| {
                format!(
                    "((SELECT max(id) FROM undo_change), '{side}', {}, {row}.{})",
                    literal(column),
                    identifier(column)
                )
            })
        })
        .collect();
    format!(
        "CREATE TEMP TRIGGER {trigger} AFTER {verb} ON main.{table_id}
         WHEN {when}
         BEGIN
             INSERT INTO undo_change (step_id, table_name, kind)
                 SELECT step_id, {table_literal}, '{kind}' FROM undo_recording;
             INSERT INTO undo_value (change_id, side, column_name, value) VALUES {values};
         END;",
        trigger = identifier(&format!("undo_{table}_{kind}")),
        verb = kind.to_uppercase(),
        table_id = identifier(table),
        when = when.join(" AND "),
        table_literal = literal(table),
        values = values.join(", "),
    )
}

pub(super) fn identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
