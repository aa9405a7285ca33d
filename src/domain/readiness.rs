//! How the enablement materials stand against the releases, in the two figures people ask for:
//! per release, how many materials were ready, late or missing; across the portfolio, which
//! materials trail the latest release trainers teach from.
//!
//! The Releases view and `t3 export releases|materials` both read these, so a screen and a
//! spreadsheet made on the same day agree. Judging one material against one release stays in
//! [`Material::readiness`] and [`Material::is_stale_for`].

use chrono::NaiveDate;

use super::program::{Material, Readiness, Release, latest_trained_release};

/// How many materials were ready, late or missing for one release.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadinessCounts {
    pub ready: usize,
    pub late: usize,
    pub missing: usize,
}

impl ReadinessCounts {
    /// The counts for `release`, or `None` when it touches no trained workflow: materials need
    /// not follow such a release, so "missing" would be noise.
    pub fn of(release: &Release, materials: &[Material]) -> Option<Self> {
        if !release.touches_trained_workflows {
            return None;
        }
        let mut counts = Self::default();
        for material in materials {
            match material.readiness(release) {
                Readiness::Ready { .. } => counts.ready += 1,
                Readiness::Late { .. } => counts.late += 1,
                Readiness::Missing => counts.missing += 1,
            }
        }
        Some(counts)
    }
}

/// The release materials are judged against on `today` (the latest shipped one that touches
/// trained workflows) and, in `materials` order, the materials that have not caught up with it.
/// `None` when no such release has shipped yet: nothing can be stale then.
pub fn stale_materials<'a>(
    materials: &'a [Material],
    releases: &'a [Release],
    today: NaiveDate,
) -> Option<(&'a Release, Vec<&'a Material>)> {
    let latest = latest_trained_release(releases, today)?;
    let stale = materials
        .iter()
        .filter(|material| material.is_stale_for(latest, releases))
        .collect();
    Some((latest, stale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::program::{MaterialId, MaterialKind, MaterialVersion, ReleaseId};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn release(id: i64, shipped_on: &str, touches: bool) -> Release {
        Release {
            id: ReleaseId(id),
            name: format!("Release {id}"),
            shipped_on: day(shipped_on),
            summary: String::new(),
            touches_trained_workflows: touches,
        }
    }

    fn material(id: i64, versions: &[(i64, &str)]) -> Material {
        Material {
            id: MaterialId(id),
            title: format!("Material {id}"),
            kind: MaterialKind::JobAid,
            versions: versions
                .iter()
                .enumerate()
                .map(|(n, (release, on))| MaterialVersion {
                    version: format!("1.{n}"),
                    updated_for: Some(ReleaseId(*release)),
                    updated_on: day(on),
                })
                .collect(),
        }
    }

    #[test]
    fn counts_add_up_for_a_trained_release_and_are_absent_otherwise() {
        let trained = release(7, "2026-04-06", true);
        let materials = [
            material(1, &[(7, "2026-04-01")]),
            material(2, &[(7, "2026-04-20")]),
            material(3, &[(6, "2026-01-10")]),
            material(4, &[]),
        ];
        assert_eq!(
            ReadinessCounts::of(&trained, &materials),
            Some(ReadinessCounts {
                ready: 1,
                late: 1,
                missing: 2
            })
        );
        let quiet = release(8, "2026-05-04", false);
        assert_eq!(ReadinessCounts::of(&quiet, &materials), None);
    }

    #[test]
    fn stale_materials_are_judged_against_the_latest_shipped_trained_release() {
        let releases = [
            release(6, "2026-01-05", true),
            release(7, "2026-04-06", true),
            release(8, "2026-05-04", false),
            release(9, "2026-07-06", true),
        ];
        let materials = [
            material(1, &[(7, "2026-04-20")]),
            material(2, &[(6, "2026-01-02")]),
        ];
        let (latest, stale) = stale_materials(&materials, &releases, day("2026-06-15")).unwrap();
        assert_eq!(
            latest.id,
            ReleaseId(7),
            "the unshipped and untrained ones do not count"
        );
        let stale: Vec<MaterialId> = stale.iter().map(|material| material.id).collect();
        assert_eq!(stale, [MaterialId(2)], "late is not stale");
        assert!(stale_materials(&materials, &releases, day("2025-12-31")).is_none());
    }
}
