//! Writing imported releases and materials. A new material is added before its versions, which
//! find it by its place among the new ones.

use rusqlite::{Connection, params};

use super::Ticker;
use crate::domain::program::{MaterialId, ReleaseFields, ReleaseId};
use crate::import::plan::{Change, MaterialPlan, MaterialRef};
use crate::store::StoreError;
use crate::store::program::duplicate;

pub(super) fn write_releases(
    conn: &Connection,
    changes: &[Change<ReleaseId, ReleaseFields>],
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    let mut insert = conn.prepare(
        "INSERT INTO product_release (name, shipped_on, summary, touches_trained_workflows)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut update = conn.prepare(
        "UPDATE product_release
         SET name = ?1, shipped_on = ?2, summary = ?3, touches_trained_workflows = ?4
         WHERE id = ?5",
    )?;
    for change in changes {
        let (fields, written) = match change {
            Change::Add(fields) => (
                fields,
                insert.execute(params![
                    fields.name,
                    fields.shipped_on,
                    fields.summary,
                    fields.touches_trained_workflows
                ]),
            ),
            Change::Update(id, fields) => (
                fields,
                update.execute(params![
                    fields.name,
                    fields.shipped_on,
                    fields.summary,
                    fields.touches_trained_workflows,
                    id.0
                ]),
            ),
        };
        written
            .map_err(|error| duplicate(error, StoreError::DuplicateReleaseName, &fields.name))?;
        ticker.step();
    }
    Ok(())
}

pub(super) fn write_materials(
    conn: &Connection,
    plan: &MaterialPlan,
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    let mut insert = conn.prepare("INSERT INTO material (title, kind) VALUES (?1, ?2)")?;
    let mut created = Vec::with_capacity(plan.new_materials.len());
    for fields in &plan.new_materials {
        insert
            .execute(params![fields.title, fields.kind.as_str()])
            .map_err(|error| duplicate(error, StoreError::DuplicateMaterialTitle, &fields.title))?;
        created.push(MaterialId(conn.last_insert_rowid()));
        ticker.step();
    }
    let mut rename = conn.prepare("UPDATE material SET title = ?1, kind = ?2 WHERE id = ?3")?;
    for (id, fields) in &plan.renamed {
        rename
            .execute(params![fields.title, fields.kind.as_str(), id.0])
            .map_err(|error| duplicate(error, StoreError::DuplicateMaterialTitle, &fields.title))?;
        ticker.step();
    }
    let mut add = conn.prepare(
        "INSERT INTO material_version (material_id, version, updated_for, updated_on)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut update = conn.prepare(
        "UPDATE material_version SET version = ?3, updated_for = ?4, updated_on = ?5
         WHERE material_id = ?1 AND version = ?2",
    )?;
    for change in &plan.versions {
        let (record, written) = match change {
            Change::Add(record) => {
                let material = match record.material {
                    MaterialRef::Existing(id) => id,
                    MaterialRef::New(index) => *created.get(index).ok_or(StoreError::NotFound {
                        what: "material added by this import",
                        id: index as i64,
                    })?,
                };
                let version = &record.version;
                let written = add.execute(params![
                    material.0,
                    version.version,
                    version.updated_for.map(|release| release.0),
                    version.updated_on
                ]);
                (record, written)
            }
            Change::Update(key, record) => {
                let version = &record.version;
                let written = update.execute(params![
                    key.material.0,
                    key.version,
                    version.version,
                    version.updated_for.map(|release| release.0),
                    version.updated_on
                ]);
                (record, written)
            }
        };
        written.map_err(|error| {
            duplicate(
                error,
                StoreError::DuplicateMaterialVersion,
                &record.version.version,
            )
        })?;
        ticker.step();
    }
    Ok(())
}
