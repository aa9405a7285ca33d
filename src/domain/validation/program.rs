//! Checking what was typed about releases, materials and material updates.
//!
//! Names and titles already taken are the store's to report (its UNIQUE constraints are the
//! authority, also against another t3 on the same file); the forms map those errors onto the
//! field here named, so they read the same as these.

use chrono::NaiveDate;

use super::{FieldError, collect, parse_date, required};
use crate::domain::program::{MaterialId, MaterialKind, MaterialVersion, ReleaseFields, ReleaseId};

/// What the "updated for" field holds when a version follows no release (a typo fix).
pub const NO_RELEASE: &str = "no release";

/// A release as typed into its form.
#[derive(Debug, Clone, Default)]
pub struct ReleaseInput {
    pub name: String,
    pub shipped_on: String,
    pub summary: String,
    /// "yes…" or "no…": whether it touches trained workflows.
    pub touches: String,
}

/// Checks a release: a name, the day it shipped, an optional summary, and whether it touches
/// trained workflows. A ship date to come is fine: releases are best recorded ahead, so the
/// materials can be made ready before they ship.
pub fn validate_release(input: &ReleaseInput) -> Result<ReleaseFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = required(&mut errors, "name", &input.name);
    let shipped_on = collect(&mut errors, parse_date("shipped_on", &input.shipped_on));
    let touches = collect(&mut errors, parse_yes_no("touches", &input.touches));
    match (shipped_on, touches) {
        (Some(shipped_on), Some(touches_trained_workflows)) if errors.is_empty() => {
            Ok(ReleaseFields {
                name,
                shipped_on,
                summary: input.summary.trim().to_string(),
                touches_trained_workflows,
            })
        }
        _ => Err(errors),
    }
}

/// A material as typed into its form; the kind by its title ("Job aid") or key (`job-aid`).
#[derive(Debug, Clone, Default)]
pub struct MaterialInput {
    pub title: String,
    pub kind: String,
}

/// A material ready to add: it has no versions until its first update is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMaterial {
    pub title: String,
    pub kind: MaterialKind,
}

pub fn validate_material(input: &MaterialInput) -> Result<NewMaterial, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = required(&mut errors, "title", &input.title);
    let kind = collect(&mut errors, parse_kind("kind", &input.kind));
    match kind {
        Some(kind) if errors.is_empty() => Ok(NewMaterial { title, kind }),
        _ => Err(errors),
    }
}

/// A material update as typed into its form: the material and the release by name, as the
/// form's choices show them.
#[derive(Debug, Clone, Default)]
pub struct MaterialVersionInput {
    pub material: String,
    pub version: String,
    /// A release's name, or [`NO_RELEASE`].
    pub updated_for: String,
    pub updated_on: String,
}

/// A checked material update: which material, and its new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialUpdate {
    pub material: MaterialId,
    pub version: MaterialVersion,
}

/// Checks a material update: a known material, a version, a known release or none, and a day
/// no later than `today`, since an update is recorded once it is made. `find_material` and
/// `find_release` resolve the names the form shows.
pub fn validate_material_version(
    input: &MaterialVersionInput,
    today: NaiveDate,
    find_material: impl Fn(&str) -> Option<MaterialId>,
    find_release: impl Fn(&str) -> Option<ReleaseId>,
) -> Result<MaterialUpdate, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = required(&mut errors, "material", &input.material);
    let material = if title.is_empty() {
        None
    } else {
        let found = find_material(&title);
        if found.is_none() {
            errors.push(FieldError::new(
                "material",
                format!("no material titled '{title}'"),
            ));
        }
        found
    };
    let version = required(&mut errors, "version", &input.version);
    let release = input.updated_for.trim();
    let updated_for = if release.is_empty() || release.eq_ignore_ascii_case(NO_RELEASE) {
        Some(None)
    } else {
        let found = find_release(release);
        if found.is_none() {
            errors.push(FieldError::new(
                "updated_for",
                format!("no release named '{release}'"),
            ));
        }
        found.map(Some)
    };
    let updated_on =
        collect(&mut errors, parse_date("updated_on", &input.updated_on)).and_then(|day| {
            if day > today {
                errors.push(FieldError::new(
                    "updated_on",
                    format!("{day} is after today ({today}): not made yet"),
                ));
                None
            } else {
                Some(day)
            }
        });
    match (material, updated_for, updated_on) {
        (Some(material), Some(updated_for), Some(updated_on)) if errors.is_empty() => {
            Ok(MaterialUpdate {
                material,
                version: MaterialVersion {
                    version,
                    updated_for,
                    updated_on,
                },
            })
        }
        _ => Err(errors),
    }
}

/// "yes" or "no", with anything after it (a choice reads "yes: trained workflows change").
fn parse_yes_no(field: &'static str, text: &str) -> Result<bool, FieldError> {
    let text = text.trim();
    let lower = text.to_lowercase();
    if lower.starts_with("yes") {
        Ok(true)
    } else if lower.starts_with("no") {
        Ok(false)
    } else {
        Err(FieldError::new(
            field,
            format!("'{text}' is neither yes nor no"),
        ))
    }
}

fn parse_kind(field: &'static str, text: &str) -> Result<MaterialKind, FieldError> {
    let text = text.trim();
    MaterialKind::ALL
        .into_iter()
        .find(|kind| kind.title().eq_ignore_ascii_case(text) || kind.as_str() == text)
        .ok_or_else(|| {
            let kinds: Vec<&str> = MaterialKind::ALL.iter().map(|kind| kind.title()).collect();
            FieldError::new(
                field,
                format!(
                    "'{text}' is not a kind of material: {}",
                    kinds.join(", ").to_lowercase()
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    fn fields_of(errors: &[FieldError]) -> Vec<&'static str> {
        errors.iter().map(|error| error.field).collect()
    }

    #[test]
    fn a_release_is_checked_field_by_field() {
        let input = ReleaseInput {
            name: " Release 26.3 ".into(),
            shipped_on: "2026-07-06".into(),
            summary: " Offline mode for field teams ".into(),
            touches: "yes: trained workflows change".into(),
        };
        let fields = validate_release(&input).unwrap();
        assert_eq!(fields.name, "Release 26.3");
        assert_eq!(fields.summary, "Offline mode for field teams");
        assert!(fields.touches_trained_workflows);
        assert!(
            fields.shipped_on > today(),
            "a release to come is recorded ahead"
        );

        let quiet = ReleaseInput {
            summary: String::new(),
            touches: "no: nothing trainers teach".into(),
            ..input.clone()
        };
        let fields = validate_release(&quiet).unwrap();
        assert!(!fields.touches_trained_workflows);
        assert_eq!(fields.summary, "", "the summary may wait");

        let bad = ReleaseInput {
            name: "  ".into(),
            shipped_on: "6 July".into(),
            summary: String::new(),
            touches: "maybe".into(),
        };
        let errors = validate_release(&bad).unwrap_err();
        assert_eq!(fields_of(&errors), ["name", "shipped_on", "touches"]);
        assert_eq!(errors[0].message, "cannot be empty");
        assert_eq!(errors[1].message, "'6 July' is not a date: use YYYY-MM-DD");
    }

    #[test]
    fn an_impossible_ship_date_is_named() {
        let input = ReleaseInput {
            name: "Release 26.3".into(),
            shipped_on: "2026-02-30".into(),
            touches: "yes".into(),
            ..ReleaseInput::default()
        };
        let errors = validate_release(&input).unwrap_err();
        assert_eq!(fields_of(&errors), ["shipped_on"]);
    }

    #[test]
    fn a_material_needs_a_title_and_one_of_the_six_kinds() {
        let by_title = MaterialInput {
            title: " Job aid: offline mode ".into(),
            kind: "Job aid".into(),
        };
        assert_eq!(
            validate_material(&by_title).unwrap(),
            NewMaterial {
                title: "Job aid: offline mode".into(),
                kind: MaterialKind::JobAid
            }
        );
        let by_key = MaterialInput {
            kind: "assessment-kit".into(),
            ..by_title.clone()
        };
        assert_eq!(
            validate_material(&by_key).unwrap().kind,
            MaterialKind::AssessmentKit
        );
        let bad = MaterialInput {
            title: String::new(),
            kind: "Poster".into(),
        };
        let errors = validate_material(&bad).unwrap_err();
        assert_eq!(fields_of(&errors), ["title", "kind"]);
        assert!(
            errors[1].message.contains("facilitator guide"),
            "{}",
            errors[1].message
        );
    }

    fn update_input() -> MaterialVersionInput {
        MaterialVersionInput {
            material: "Assessment kit".into(),
            version: " 1.4 ".into(),
            updated_for: "Release 26.2".into(),
            updated_on: "2026-06-15".into(),
        }
    }

    fn check(input: &MaterialVersionInput) -> Result<MaterialUpdate, Vec<FieldError>> {
        validate_material_version(
            input,
            today(),
            |title| (title == "Assessment kit").then_some(MaterialId(6)),
            |name| (name == "Release 26.2").then_some(ReleaseId(5)),
        )
    }

    #[test]
    fn a_material_update_names_its_material_release_and_day() {
        let update = check(&update_input()).unwrap();
        assert_eq!(update.material, MaterialId(6));
        assert_eq!(update.version.version, "1.4");
        assert_eq!(update.version.updated_for, Some(ReleaseId(5)));
        assert_eq!(update.version.updated_on, today(), "today itself is fine");

        let typo_fix = MaterialVersionInput {
            updated_for: NO_RELEASE.into(),
            ..update_input()
        };
        assert_eq!(check(&typo_fix).unwrap().version.updated_for, None);
    }

    #[test]
    fn each_bad_material_update_field_is_named() {
        type Spoil = fn(&mut MaterialVersionInput);
        let cases: [(Spoil, &str, &str); 6] = [
            (
                |i| i.material = String::new(),
                "material",
                "cannot be empty",
            ),
            (
                |i| i.material = "Poster".into(),
                "material",
                "no material titled 'Poster'",
            ),
            (|i| i.version = " ".into(), "version", "cannot be empty"),
            (
                |i| i.updated_for = "Release 9".into(),
                "updated_for",
                "no release named",
            ),
            (
                |i| i.updated_on = "2026-6-1x".into(),
                "updated_on",
                "use YYYY-MM-DD",
            ),
            (
                |i| i.updated_on = "2026-06-16".into(),
                "updated_on",
                "after today (2026-06-15)",
            ),
        ];
        for (spoil, field, message) in cases {
            let mut input = update_input();
            spoil(&mut input);
            let errors = check(&input).unwrap_err();
            assert_eq!(fields_of(&errors), [field], "{errors:?}");
            assert!(errors[0].message.contains(message), "{}", errors[0].message);
        }
    }
}
