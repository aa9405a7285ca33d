//! The certification pathway in the store: module results, certifying, renewing, and the
//! trainer's status following each step.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use t3::domain::certification::{Module, ModuleCompletion, PassMarks};
use t3::domain::{AccountFields, T3Status, TrainerFields, TrainerId, TrainerStatus};
use t3::store::Store;

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn store_with_trainer(status: TrainerStatus) -> (Store, TrainerId) {
    let mut store = Store::in_memory().unwrap();
    let account = store
        .insert_account(&AccountFields {
            name: "Harbor City Transit".into(),
            segment: "Enterprise".into(),
            seats: 870,
            csm_owner: "Dana".into(),
            rollout_start: None,
            renewal_date: None,
            annual_value: 0,
            t3_status: T3Status::Active,
        })
        .unwrap();
    let fields = TrainerFields {
        account_id: account,
        name: "Grace Mensah".into(),
        email: "grace@harbor.example".into(),
        title: String::new(),
        department: String::new(),
    };
    let trainer = store.insert_trainer(&fields, status).unwrap();
    (store, trainer)
}

fn status_of(store: &Store, trainer: TrainerId) -> TrainerStatus {
    store
        .trainer_rows()
        .unwrap()
        .into_iter()
        .find(|row| row.trainer.id == trainer)
        .unwrap()
        .trainer
        .status
}

fn attempt(module: Module, on: NaiveDate, score: u8) -> ModuleCompletion {
    ModuleCompletion {
        module,
        completed_on: on,
        score,
        evaluator: "Priya".into(),
        note: String::new(),
    }
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
