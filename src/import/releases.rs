//! Product releases, matched by name (case-insensitively). A matched release takes every value
//! the file gives it, its name's spelling included. A ship date to come is fine, as in the
//! release form: releases are best recorded before they ship.

use chrono::NaiveDate;

use super::accounts::flag;
use super::plan::{Basis, Change, Plan, Planned, Tally};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec, keep};
use crate::domain::FieldError;
use crate::domain::program::ReleaseFields;

pub(super) struct Releases;

impl Spec for Releases {
    type Record = ReleaseFields;
    const KIND: Kind = Kind::Releases;
    const COLUMNS: &'static [&'static str] =
        &["name", "shipped_on", "summary", "touches_trained_workflows"];
    const KEY_COLUMN: &'static str = "name";

    fn parse(columns: &Columns, row: &Row, _: NaiveDate) -> Result<ReleaseFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = columns.get(row, "name").trim().to_string();
        if name.is_empty() {
            errors.push(FieldError::new("name", "cannot be empty"));
        }
        let shipped_on = keep(
            &mut errors,
            reader::date("shipped_on", columns.get(row, "shipped_on")),
        );
        let touches = columns.get(row, "touches_trained_workflows");
        let touches_trained_workflows = if touches.trim().is_empty() {
            errors.push(FieldError::new(
                "touches_trained_workflows",
                "cannot be empty: true or false",
            ));
            None
        } else {
            flag(&mut errors, "touches_trained_workflows", touches)
        };
        match (shipped_on, touches_trained_workflows) {
            (Some(shipped_on), Some(touches_trained_workflows)) if errors.is_empty() => {
                Ok(ReleaseFields {
                    name,
                    shipped_on,
                    summary: columns.get(row, "summary").trim().to_string(),
                    touches_trained_workflows,
                })
            }
            _ => Err(errors),
        }
    }

    fn key(record: &ReleaseFields) -> String {
        reader::key(&record.name)
    }

    fn describe(record: &ReleaseFields) -> String {
        format!("'{}'", record.name)
    }

    fn plan(
        records: Vec<Numbered<ReleaseFields>>,
        basis: &Basis,
        _: &mut Vec<RowError>,
    ) -> Planned {
        let existing = basis.releases_by_name();
        let mut tally = Tally::default();
        let mut changes = Vec::new();
        for Numbered { record, .. } in records {
            let change = match existing.get(&reader::key(&record.name)) {
                None => Some(Change::Add(record)),
                Some(release) => {
                    let stored = ReleaseFields {
                        name: release.name.clone(),
                        shipped_on: release.shipped_on,
                        summary: release.summary.clone(),
                        touches_trained_workflows: release.touches_trained_workflows,
                    };
                    (stored != record).then_some(Change::Update(release.id, record))
                }
            };
            tally.count(change.as_ref());
            changes.extend(change);
        }
        Planned {
            plan: Plan::Releases(changes),
            tally,
            syncs_created: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{parse_rows, placed, plan_rows};
    use super::*;
    use crate::domain::program::{Release, ReleaseId};

    fn basis() -> Basis {
        Basis {
            releases: vec![Release {
                id: ReleaseId(4),
                name: "Release 26.2".into(),
                shipped_on: NaiveDate::from_ymd_opt(2026, 4, 7).unwrap(),
                summary: "Dispatch board".into(),
                touches_trained_workflows: true,
            }],
            ..Basis::default()
        }
    }

    const HEADER: &str = "name,shipped_on,summary,touches_trained_workflows,ready\n";

    #[test]
    fn a_release_is_matched_by_name_and_takes_the_files_values() {
        let text = format!(
            "{HEADER}release 26.2,2026-04-07,Dispatch board,true,3\n\
             Release 26.2 hotfix,2026/04/20,,no,\n\
             Release 26.3,2026-07-06,Offline mode,yes,0\n"
        );
        let (planned, errors) = plan_rows::<Releases>(&text, &basis());
        assert_eq!(errors, []);
        let Plan::Releases(changes) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        let [
            Change::Update(ReleaseId(4), renamed),
            Change::Add(hotfix),
            Change::Add(_),
        ] = changes.as_slice()
        else {
            panic!("{changes:?}");
        };
        assert_eq!(renamed.name, "release 26.2", "the name's spelling changed");
        assert!(!hotfix.touches_trained_workflows);
        assert_eq!(hotfix.summary, "");
        assert_eq!((planned.tally.added, planned.tally.updated), (2, 1));
    }

    #[test]
    fn an_unchanged_release_is_left_alone() {
        let text = format!("{HEADER}Release 26.2,2026-04-07,Dispatch board,true,3\n");
        let (planned, errors) = plan_rows::<Releases>(&text, &basis());
        assert_eq!(errors, []);
        assert_eq!(planned.plan, Plan::Releases(Vec::new()));
        assert_eq!(planned.tally.unchanged, 1);
    }

    #[test]
    fn every_bad_cell_is_named_by_its_column() {
        let text = format!(
            "{HEADER},04/07/2026,,maybe,\nRelease 9,2026-01-01,,,\nRelease 9,2026-01-02,,true,\n"
        );
        let (_, errors) = parse_rows::<Releases>(&text);
        let found = placed(&errors);
        assert_eq!(
            found,
            [
                (2, "name".to_string()),
                (2, "shipped_on".to_string()),
                (2, "touches_trained_workflows".to_string()),
                (3, "touches_trained_workflows".to_string()),
            ]
        );
        assert!(
            errors[1].message.contains("ambiguous"),
            "{}",
            errors[1].message
        );
    }
}
