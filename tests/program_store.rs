//! Training sessions, releases and material versions on a real file: written, corrected,
//! deleted and read back, with duplicates refused by name.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{add_account, add_trainer, day};
use t3::domain::TrainerStatus;
use t3::domain::program::{
    MaterialKind, MaterialVersion, Readiness, ReleaseFields, TrainingSession,
};
use t3::store::{Store, StoreError};

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("t3.db")).unwrap()
}

fn release(name: &str, shipped_on: chrono::NaiveDate, touches: bool) -> ReleaseFields {
    ReleaseFields {
        name: name.to_string(),
        shipped_on,
        summary: format!("What changed in {name}"),
        touches_trained_workflows: touches,
    }
}

#[test]
fn sessions_are_logged_corrected_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let account = add_account(&mut store, "Harbor City Transit");
    let trainer = add_trainer(
        &mut store,
        account,
        "Grace Mensah",
        "grace@harbor.example",
        TrainerStatus::Certified,
    );
    let session = |held_on, topic: &str| TrainingSession {
        trainer,
        account,
        held_on,
        topic: topic.to_string(),
        attendees: 14,
        duration_minutes: 60,
    };
    let older = store
        .log_session(&session(day(2026, 5, 4), "Reporting basics"))
        .unwrap();
    let newer = store
        .log_session(&session(day(2026, 9, 14), "Approvals"))
        .unwrap();
    let mut corrected = session(day(2026, 9, 15), "Approvals and delegation");
    corrected.attendees = 22;
    store.update_session(newer, &corrected).unwrap();

    let store = open(&dir);
    let logged = store.sessions_of_trainer(trainer).unwrap();
    assert_eq!(logged.len(), 2);
    assert_eq!((logged[0].id, &logged[0].session), (newer, &corrected));
    assert_eq!(logged[1].id, older);
    let counts = store.session_counts_since(day(2026, 6, 1)).unwrap();
    assert_eq!(counts.get(&trainer), Some(&1));

    let mut store = open(&dir);
    store.delete_session(older).unwrap();
    assert!(matches!(
        store.delete_session(older),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.sessions().unwrap(), [corrected]);
}

#[test]
fn releases_and_material_versions_read_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let spring = store
        .record_release(&release("Release 26.2", day(2026, 4, 2), true))
        .unwrap();
    let winter = store
        .record_release(&release("Release 26.1", day(2026, 1, 6), false))
        .unwrap();
    assert!(matches!(
        store.record_release(&release("Release 26.2", day(2026, 4, 9), true)),
        Err(StoreError::DuplicateReleaseName(name)) if name == "Release 26.2"
    ));
    let guide = store
        .add_material("Facilitator guide", MaterialKind::FacilitatorGuide)
        .unwrap();
    store
        .add_material("Assessment kit", MaterialKind::AssessmentKit)
        .unwrap();
    assert!(matches!(
        store.add_material("Facilitator guide", MaterialKind::JobAid),
        Err(StoreError::DuplicateMaterialTitle(_))
    ));
    let version = |version: &str, updated_for, updated_on| MaterialVersion {
        version: version.to_string(),
        updated_for,
        updated_on,
    };
    store
        .record_material_version(guide, &version("2.1", Some(spring), day(2026, 4, 9)))
        .unwrap();
    store
        .record_material_version(guide, &version("2.0", None, day(2026, 1, 2)))
        .unwrap();
    assert!(matches!(
        store.record_material_version(guide, &version("2.1", None, day(2026, 5, 1))),
        Err(StoreError::DuplicateMaterialVersion(_))
    ));

    let mut store = open(&dir);
    let releases = store.releases().unwrap();
    let names: Vec<_> = releases.iter().map(|r| (r.id, r.name.as_str())).collect();
    assert_eq!(names, [(winter, "Release 26.1"), (spring, "Release 26.2")]);
    assert_eq!(releases[1].summary, "What changed in Release 26.2");

    let materials = store.materials().unwrap();
    let titles: Vec<_> = materials.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["Assessment kit", "Facilitator guide"]);
    assert!(materials[0].versions.is_empty());
    let guide_read = &materials[1];
    assert_eq!(guide_read.kind, MaterialKind::FacilitatorGuide);
    let versions: Vec<_> = guide_read
        .versions
        .iter()
        .map(|v| v.version.as_str())
        .collect();
    assert_eq!(versions, ["2.0", "2.1"], "oldest first, by the day updated");
    assert_eq!(
        guide_read.readiness(&releases[1]),
        Readiness::Late {
            updated_on: day(2026, 4, 9),
            days_late: 7
        }
    );

    let mut moved = release("Release 26.2", day(2026, 4, 10), true);
    moved.summary = "Shipped a week late".to_string();
    store.update_release(spring, &moved).unwrap();
    let releases = store.releases().unwrap();
    let materials = store.materials().unwrap();
    assert!(matches!(
        materials[1].readiness(&releases[1]),
        Readiness::Ready { .. }
    ));
    assert!(matches!(
        store.update_release(winter, &release("Release 26.2", day(2026, 1, 6), false)),
        Err(StoreError::DuplicateReleaseName(_))
    ));
}
