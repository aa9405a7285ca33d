//! Enablement materials, a row per version: matched by title and version (both
//! case-insensitively). A row with no version stands for a material that has none yet, so a
//! material fresh from the form comes across too.
//!
//! A material's first row in the file gives its title's spelling and its kind; a known
//! material takes them. A version names the release it was updated for by name, or none.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;

use super::plan::{
    Basis, Change, MaterialFields, MaterialPlan, MaterialRef, Plan, Planned, Tally, VersionKey,
    VersionRecord,
};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec, keep};
use crate::domain::FieldError;
use crate::domain::program::{Material, MaterialId, MaterialKind, MaterialVersion, Release};

pub(super) struct Materials;

/// One row: the material, and the version it records, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MaterialRow {
    material: MaterialFields,
    version: Option<VersionRow>,
}

/// A version as the file gives it, its release still by name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct VersionRow {
    version: String,
    updated_for: Option<String>,
    updated_on: NaiveDate,
}

impl Spec for Materials {
    type Record = MaterialRow;
    const KIND: Kind = Kind::Materials;
    const COLUMNS: &'static [&'static str] =
        &["title", "kind", "version", "updated_for", "updated_on"];
    const KEY_COLUMN: &'static str = "version";

    fn parse(
        columns: &Columns,
        row: &Row,
        today: NaiveDate,
    ) -> Result<MaterialRow, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = columns.get(row, "title").trim().to_string();
        if title.is_empty() {
            errors.push(FieldError::new("title", "cannot be empty"));
        }
        let kind = keep(&mut errors, kind("kind", columns.get(row, "kind")));
        let version = version(&mut errors, columns, row, today);
        match kind {
            Some(kind) if errors.is_empty() => Ok(MaterialRow {
                material: MaterialFields { title, kind },
                version,
            }),
            _ => Err(errors),
        }
    }

    fn key(record: &MaterialRow) -> String {
        let version = record.version.as_ref().map_or("", |row| &row.version);
        format!(
            "{}\n{}",
            reader::key(&record.material.title),
            reader::key(version)
        )
    }

    fn describe(record: &MaterialRow) -> String {
        match &record.version {
            Some(row) => format!("version {} of '{}'", row.version, record.material.title),
            None => format!("'{}' without a version", record.material.title),
        }
    }

    fn plan(
        records: Vec<Numbered<MaterialRow>>,
        basis: &Basis,
        errors: &mut Vec<RowError>,
    ) -> Planned {
        let mut planner = Planner::new(basis);
        for Numbered { line, record } in records {
            if let Err(error) = planner.row(line, record) {
                errors.push(error);
            }
        }
        Planned {
            plan: Plan::Materials(planner.plan),
            tally: planner.tally,
            syncs_created: 0,
        }
    }
}

/// The version part of a row: all of `version`, `updated_for` and `updated_on` empty, or a
/// version made on a day no later than `today`.
fn version(
    errors: &mut Vec<FieldError>,
    columns: &Columns,
    row: &Row,
    today: NaiveDate,
) -> Option<VersionRow> {
    let version = columns.get(row, "version").trim();
    let updated_for = columns.get(row, "updated_for").trim();
    let updated_on = columns.get(row, "updated_on").trim();
    if version.is_empty() {
        for (column, text) in [("updated_for", updated_for), ("updated_on", updated_on)] {
            if !text.is_empty() {
                errors.push(FieldError::new(
                    column,
                    "belongs to a version: give the version too, or leave this empty",
                ));
            }
        }
        return None;
    }
    let updated_on = keep(errors, reader::date("updated_on", updated_on))?;
    if updated_on > today {
        errors.push(FieldError::new(
            "updated_on",
            format!("{updated_on} is after today ({today}): not made yet"),
        ));
        return None;
    }
    Some(VersionRow {
        version: version.to_string(),
        updated_for: (!updated_for.is_empty()).then(|| updated_for.to_string()),
        updated_on,
    })
}

/// A kind as exports write it (`job-aid`) or as people say it ("Job aid").
fn kind(field: &'static str, text: &str) -> Result<MaterialKind, FieldError> {
    let text = text.trim();
    MaterialKind::ALL
        .into_iter()
        .find(|kind| {
            kind.as_str().eq_ignore_ascii_case(text) || kind.title().eq_ignore_ascii_case(text)
        })
        .ok_or_else(|| {
            let kinds: Vec<&str> = MaterialKind::ALL.iter().map(|kind| kind.as_str()).collect();
            FieldError::new(
                field,
                format!("'{text}' is not a kind of material ({})", kinds.join(", ")),
            )
        })
}

/// Matches rows one by one, remembering the materials the file has already named.
struct Planner<'a> {
    stored: HashMap<String, &'a Material>,
    versions: HashMap<MaterialId, &'a [MaterialVersion]>,
    releases: HashMap<String, &'a Release>,
    /// Each material the file names, by folded title: where it goes, the line and kind it was
    /// first given with.
    named: HashMap<String, (MaterialRef, u64, MaterialKind)>,
    plan: MaterialPlan,
    tally: Tally,
}

impl<'a> Planner<'a> {
    fn new(basis: &'a Basis) -> Self {
        let mut stored = HashMap::new();
        for material in &basis.materials {
            stored
                .entry(reader::key(&material.title))
                .or_insert(material);
        }
        Self {
            stored,
            versions: basis
                .materials
                .iter()
                .map(|material| (material.id, material.versions.as_slice()))
                .collect(),
            releases: basis.releases_by_name(),
            named: HashMap::new(),
            plan: MaterialPlan::default(),
            tally: Tally::default(),
        }
    }

    fn row(&mut self, line: u64, record: MaterialRow) -> Result<(), RowError> {
        // The material is named first, so that a later row giving it another kind is refused
        // even when this row's release is unknown.
        let (material, first_row) = self.material(line, &record.material)?;
        let version = match record.version {
            Some(row) => Some(self.resolve(line, row)?),
            None => None,
        };
        let version_change = version.and_then(|version| self.version(material, version));
        match (&version_change, material) {
            (Some(Change::Add(_)), _) => self.tally.added += 1,
            (Some(Change::Update(..)), _) => self.tally.updated += 1,
            (None, MaterialRef::New(_)) if first_row => self.tally.added += 1,
            (None, MaterialRef::Existing(id)) if first_row && self.renamed(id) => {
                self.tally.updated += 1;
            }
            (None, _) => self.tally.unchanged += 1,
        }
        self.plan.versions.extend(version_change);
        Ok(())
    }

    /// The version with its release found by name.
    fn resolve(&self, line: u64, row: VersionRow) -> Result<MaterialVersion, RowError> {
        let updated_for = match &row.updated_for {
            None => None,
            Some(name) => {
                let release = self
                    .releases
                    .get(&reader::key(name))
                    .map(|release| release.id);
                Some(release.ok_or_else(|| RowError {
                    line,
                    column: Some("updated_for".to_string()),
                    message: format!("no release named '{name}': import or add it first"),
                })?)
            }
        };
        Ok(MaterialVersion {
            version: row.version,
            updated_for,
            updated_on: row.updated_on,
        })
    }

    /// Where the row's material goes, and whether this is the file's first row for it; a
    /// known material whose title or kind the file changes is renamed on its first row.
    fn material(
        &mut self,
        line: u64,
        fields: &MaterialFields,
    ) -> Result<(MaterialRef, bool), RowError> {
        let key = reader::key(&fields.title);
        match self.named.entry(key.clone()) {
            Entry::Occupied(entry) => {
                let (material, first, kind) = *entry.get();
                if kind == fields.kind {
                    Ok((material, false))
                } else {
                    Err(RowError {
                        line,
                        column: Some("kind".to_string()),
                        message: format!(
                            "'{}' is a {kind} on line {first}: a material has one kind",
                            fields.title
                        ),
                    })
                }
            }
            Entry::Vacant(entry) => {
                let material = if let Some(stored) = self.stored.get(&key) {
                    if stored.title != fields.title || stored.kind != fields.kind {
                        self.plan.renamed.push((stored.id, fields.clone()));
                    }
                    MaterialRef::Existing(stored.id)
                } else {
                    self.plan.new_materials.push(fields.clone());
                    MaterialRef::New(self.plan.new_materials.len() - 1)
                };
                entry.insert((material, line, fields.kind));
                Ok((material, true))
            }
        }
    }

    fn renamed(&self, id: MaterialId) -> bool {
        self.plan.renamed.iter().any(|(renamed, _)| *renamed == id)
    }

    /// The version to write: new, or changed from the one stored under the same name.
    fn version(
        &self,
        material: MaterialRef,
        version: MaterialVersion,
    ) -> Option<Change<VersionKey, VersionRecord>> {
        let MaterialRef::Existing(id) = material else {
            return Some(Change::Add(VersionRecord { material, version }));
        };
        let wanted = reader::key(&version.version);
        let stored = self.versions.get(&id).and_then(|versions| {
            versions
                .iter()
                .find(|known| reader::key(&known.version) == wanted)
        });
        match stored {
            None => Some(Change::Add(VersionRecord { material, version })),
            Some(known) if *known == version => None,
            Some(known) => Some(Change::Update(
                VersionKey {
                    material: id,
                    version: known.version.clone(),
                },
                VersionRecord { material, version },
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{placed, plan_rows};
    use super::*;
    use crate::domain::program::ReleaseId;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn basis() -> Basis {
        Basis {
            releases: vec![Release {
                id: ReleaseId(4),
                name: "Release 26.2".into(),
                shipped_on: day("2026-04-07"),
                summary: String::new(),
                touches_trained_workflows: true,
            }],
            materials: vec![Material {
                id: MaterialId(9),
                title: "Facilitator guide".into(),
                kind: MaterialKind::FacilitatorGuide,
                versions: vec![MaterialVersion {
                    version: "1.4".into(),
                    updated_for: Some(ReleaseId(4)),
                    updated_on: day("2026-03-18"),
                }],
            }],
            ..Basis::default()
        }
    }

    const HEADER: &str = "title,kind,version,updated_for,updated_on,state\n";

    fn plan_of(planned: Planned) -> MaterialPlan {
        let Plan::Materials(plan) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        plan
    }

    #[test]
    fn versions_are_matched_by_title_and_version_and_a_new_material_is_added_once() {
        let text = format!(
            "{HEADER}facilitator guide,facilitator-guide,1.4,release 26.2,2026-03-18,current\n\
             Facilitator guide,facilitator-guide,1.5,,2026-05-02,current\n\
             Pocket card,Job aid,1.0,Release 26.2,2026/04/01,current\n\
             Pocket card,job-aid,1.1,,2026-05-01,current\n\
             Offline mode,slide-deck,,,,stale\n"
        );
        let (planned, errors) = plan_rows::<Materials>(&text, &basis());
        assert_eq!(errors, []);
        let tally = planned.tally;
        assert_eq!((tally.added, tally.updated, tally.unchanged), (4, 1, 0));
        let plan = plan_of(planned);
        let titles: Vec<&str> = plan
            .new_materials
            .iter()
            .map(|fields| fields.title.as_str())
            .collect();
        assert_eq!(titles, ["Pocket card", "Offline mode"]);
        assert_eq!(
            plan.renamed,
            [(
                MaterialId(9),
                MaterialFields {
                    title: "facilitator guide".into(),
                    kind: MaterialKind::FacilitatorGuide
                }
            )],
            "the first row's spelling of the title wins"
        );
        let materials: Vec<MaterialRef> = plan
            .versions
            .iter()
            .map(|change| match change {
                Change::Add(record) | Change::Update(_, record) => record.material,
            })
            .collect();
        assert_eq!(
            materials,
            [
                MaterialRef::Existing(MaterialId(9)),
                MaterialRef::New(0),
                MaterialRef::New(0)
            ]
        );
        let Change::Add(first) = &plan.versions[1] else {
            panic!("{:?}", plan.versions);
        };
        assert_eq!(first.version.updated_for, Some(ReleaseId(4)));
    }

    #[test]
    fn an_unchanged_version_is_left_alone_and_a_changed_one_updated() {
        let same =
            format!("{HEADER}Facilitator guide,facilitator-guide,1.4,Release 26.2,2026-03-18,\n");
        let (planned, errors) = plan_rows::<Materials>(&same, &basis());
        assert_eq!(errors, []);
        assert_eq!(planned.tally.unchanged, 1);
        assert_eq!(plan_of(planned), MaterialPlan::default());

        let moved = format!("{HEADER}Facilitator guide,facilitator-guide,1.4,,2026-03-20,\n");
        let (planned, _) = plan_rows::<Materials>(&moved, &basis());
        assert_eq!(planned.tally.updated, 1);
        let plan = plan_of(planned);
        let [Change::Update(key, record)] = plan.versions.as_slice() else {
            panic!("{plan:?}");
        };
        assert_eq!((key.material, key.version.as_str()), (MaterialId(9), "1.4"));
        assert_eq!(record.version.updated_for, None);
    }

    #[test]
    fn unknown_releases_kinds_and_loose_version_cells_are_named() {
        let text = format!(
            "{HEADER}Facilitator guide,facilitator-guide,1.6,Release 99.1,2026-05-02,\n\
             Pocket card,flyer,1.0,,2026-05-03,\n\
             Handout,job-aid,,Release 26.2,2026-05-03,\n\
             Handout,slide-deck,1.0,,2026-07-01,\n\
             Facilitator guide,job-aid,1.7,,2026-05-04,\n"
        );
        let (_, errors) = plan_rows::<Materials>(&text, &basis());
        let found = placed(&errors);
        assert_eq!(
            found,
            [
                (3, "kind".to_string()),
                (4, "updated_for".to_string()),
                (4, "updated_on".to_string()),
                (5, "updated_on".to_string()),
                (2, "updated_for".to_string()),
                (6, "kind".to_string()),
            ]
        );
        assert!(
            errors[4].message.contains("'Release 99.1'"),
            "{}",
            errors[4].message
        );
        assert!(
            errors[3].message.contains("not made yet"),
            "{}",
            errors[3].message
        );
        assert!(
            errors[5].message.contains("on line 2"),
            "{}",
            errors[5].message
        );
    }
}
