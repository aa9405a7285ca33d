//! The certification pathway in the store: module results, certifying, renewing, and the
//! trainer's status following each step.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

mod common;

use common::{add_account, add_trainer, attempt, day, status_of};
use t3::domain::certification::{Module, PassMarks};
use t3::domain::practicum::{Dimension, Outcome};
use t3::domain::{TrainerId, TrainerStatus};
use t3::store::Store;

fn store_with_trainer(status: TrainerStatus) -> (Store, TrainerId) {
    let mut store = Store::in_memory().unwrap();
    let account = add_account(&mut store, "Harbor City Transit");
    let trainer = add_trainer(
        &mut store,
        account,
        "Grace Mensah",
        "grace@harbor.example",
        status,
    );
    (store, trainer)
}

#[test]
fn the_first_module_puts_a_selected_trainer_on_the_pathway() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Selected);
    store
        .record_module_completion(
            trainer,
            &attempt(Module::FacilitationSkills, day(2026, 3, 2), 50),
        )
        .unwrap();
    assert_eq!(status_of(&store, trainer), TrainerStatus::Certifying);
    assert_eq!(
        store.module_completions_of(trainer).unwrap().len(),
        1,
        "a failed attempt is kept"
    );
}

#[test]
fn candidates_do_not_take_modules() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Candidate);
    let error = store
        .record_module_completion(trainer, &attempt(Module::Practicum, day(2026, 3, 2), 90))
        .unwrap_err();
    assert!(
        error.to_string().contains("this one is candidate"),
        "{error}"
    );
    assert!(store.module_completions_of(trainer).unwrap().is_empty());
}

#[test]
fn certifying_waits_for_every_pass_then_grants_a_year() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Selected);
    let marks = PassMarks::default();
    for module in [
        Module::ExtendedAssessment,
        Module::FacilitationSkills,
        Module::TroubleshootingDeepDive,
    ] {
        store
            .record_module_completion(trainer, &attempt(module, day(2026, 4, 1), 90))
            .unwrap();
    }
    store
        .record_module_completion(trainer, &attempt(Module::Practicum, day(2026, 4, 2), 40))
        .unwrap();
    let error = store
        .certify_trainer(trainer, day(2026, 4, 3), marks)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "not every module is passed yet: Practicum still to pass"
    );
    assert_eq!(status_of(&store, trainer), TrainerStatus::Certifying);

    store
        .record_module_completion(trainer, &attempt(Module::Practicum, day(2026, 4, 9), 85))
        .unwrap();
    let granted = store
        .certify_trainer(trainer, day(2026, 4, 10), marks)
        .unwrap();
    assert_eq!(granted.expires_on, day(2027, 4, 10));
    assert!(granted.number.starts_with("T3-2026-"), "{}", granted.number);
    assert_eq!(status_of(&store, trainer), TrainerStatus::Certified);
}

#[test]
fn renewal_needs_a_recent_assessment_and_links_to_the_last_certification() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Selected);
    let marks = PassMarks::default();
    for module in Module::ALL {
        store
            .record_module_completion(trainer, &attempt(module, day(2025, 5, 1), 95))
            .unwrap();
    }
    let first = store
        .certify_trainer(trainer, day(2025, 5, 2), marks)
        .unwrap();
    let error = store
        .renew_certification(trainer, day(2026, 5, 1), marks)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the latest pass was on 2025-05-01"),
        "{error}"
    );

    store
        .record_module_completion(
            trainer,
            &attempt(Module::ExtendedAssessment, day(2026, 4, 20), 88),
        )
        .unwrap();
    let renewed = store
        .renew_certification(trainer, day(2026, 5, 1), marks)
        .unwrap();
    assert_eq!(renewed.renews, Some(first.id));
    assert_eq!(renewed.expires_on, day(2027, 5, 1));
    assert_eq!(store.certifications_of(trainer).unwrap().len(), 2);
}

#[test]
fn nothing_to_renew_before_a_first_certification() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Certifying);
    let error = store
        .renew_certification(trainer, day(2026, 5, 1), PassMarks::default())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "there is no certification to renew: certify the trainer first"
    );
}

#[test]
fn a_practicum_draft_keeps_every_keystroke_and_resumes() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Selected);
    let mut draft = store.open_practicum(trainer, day(2026, 5, 4)).unwrap();
    assert_eq!(draft.allowed, Duration::from_mins(20));
    draft.rubric.set(Dimension::Timing, 4);
    draft.feedback = "Opened with the goal".into();
    draft.used = Duration::from_secs(312);
    draft.outcome = Some(Outcome::Pass);
    store.save_practicum_draft(&draft).unwrap();

    let resumed = store.open_practicum(trainer, day(2026, 5, 9)).unwrap();
    assert_eq!(
        resumed, draft,
        "opening again resumes the same draft as saved"
    );
    assert_eq!(resumed.started_on, day(2026, 5, 4));
    assert_eq!(
        status_of(&store, trainer),
        TrainerStatus::Selected,
        "a draft alone is not a module attempt"
    );
}

#[test]
fn recording_a_practicum_passes_the_module_with_the_rubric_score() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Selected);
    store
        .record_module_completion(
            trainer,
            &attempt(Module::ExtendedAssessment, day(2026, 5, 1), 90),
        )
        .unwrap();
    let mut draft = store.open_practicum(trainer, day(2026, 5, 4)).unwrap();
    assert_eq!(
        draft.evaluator, "Priya",
        "the last evaluator is offered again"
    );
    for dimension in Dimension::ALL {
        draft.rubric.set(dimension, 4);
    }
    draft.used = Duration::from_secs(21 * 60 + 5);
    let refused = store
        .record_practicum(&draft, PassMarks::default(), day(2026, 5, 4))
        .unwrap_err();
    assert!(
        refused.to_string().contains("choose the outcome"),
        "{refused}"
    );
    draft.outcome = Some(Outcome::Pass);
    let recorded = store
        .record_practicum(&draft, PassMarks::default(), day(2026, 5, 4))
        .unwrap();
    assert_eq!(recorded.recorded_on, Some(day(2026, 5, 4)));
    assert_eq!(recorded.used, Duration::from_secs(21 * 60 + 5));

    let practicum = store
        .module_completions_of(trainer)
        .unwrap()
        .into_iter()
        .find(|c| c.module == Module::Practicum)
        .unwrap();
    assert_eq!(practicum.score, 80);
    assert!(practicum.passed(PassMarks::default()));
    assert!(
        store.save_practicum_draft(&recorded).is_err(),
        "a recorded practicum is no longer a draft"
    );
    let next = store.open_practicum(trainer, day(2026, 6, 1)).unwrap();
    assert_ne!(next.id, recorded.id, "the next practicum is a new draft");
    assert_eq!(store.practicums_of(trainer).unwrap().len(), 2);
}

#[test]
fn only_trainers_on_the_pathway_open_a_practicum() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Candidate);
    let error = store.open_practicum(trainer, day(2026, 5, 4)).unwrap_err();
    assert!(
        error.to_string().contains("this one is candidate"),
        "{error}"
    );
    assert!(store.practicums_of(trainer).unwrap().is_empty());
}

#[test]
fn pathways_list_everyone_on_the_road_with_their_records() {
    let (mut store, trainer) = store_with_trainer(TrainerStatus::Selected);
    let account = store.trainer_rows().unwrap()[0].trainer.fields.account_id;
    let candidate = add_trainer(
        &mut store,
        account,
        "Ivo Petrov",
        "ivo@harbor.example",
        TrainerStatus::Candidate,
    );
    let granted = day(2025, 5, 2);
    for module in Module::ALL {
        store
            .record_module_completion(trainer, &attempt(module, day(2025, 5, 1), 95))
            .unwrap();
    }
    store
        .certify_trainer(trainer, granted, PassMarks::default())
        .unwrap();
    let pathways = store.pathways().unwrap();
    assert_eq!(pathways.len(), 1, "the candidate is not on the pathway");
    assert_ne!(pathways[0].row.trainer.id, candidate);
    let pathway = &pathways[0];
    assert_eq!(pathway.completions.len(), 4);
    assert_eq!(pathway.certifications.len(), 1);
    assert_eq!(pathway.row.latest_expiry, Some(day(2026, 5, 2)));
    assert_eq!(
        pathway.row.status_on(day(2026, 5, 3)),
        TrainerStatus::Lapsed,
        "shown lapsed from the day after expiry, with nothing run to lapse it"
    );
    assert_eq!(
        store.account_rows(day(2026, 5, 2)).unwrap()[0].certified_trainers,
        1
    );
    assert_eq!(
        store.account_rows(day(2026, 5, 3)).unwrap()[0].certified_trainers,
        0,
        "a lapsed trainer no longer counts as certified"
    );
}
