//! Selection assessments in the store: drafts that survive a reopen, submission, review
//! decisions and reopening, with the trainer's status following each step.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::Path;

mod common;

use chrono::NaiveDate;
use common::{add_account, add_trainer, status_of};
use t3::domain::assessment::{Review, ReviewState, SelectionError};
use t3::domain::questionnaire::Questionnaire;
use t3::domain::{TrainerId, TrainerStatus};
use t3::store::{Store, StoreError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn store_with_candidate(path: &Path) -> (Store, TrainerId) {
    let mut store = Store::open(path).unwrap();
    let account = add_account(&mut store, "Kestrel Insurance");
    let trainer = add_trainer(
        &mut store,
        account,
        "Ana Costa",
        "ana@kestrel.example",
        TrainerStatus::Candidate,
    );
    (store, trainer)
}

fn answer_all(store: &mut Store, id: t3::domain::assessment::AssessmentId, points: u8) {
    let questionnaire = Questionnaire::embedded().unwrap();
    for question in questionnaire
        .criteria
        .iter()
        .flat_map(|criterion| &criterion.questions)
    {
        store.record_answer(id, &question.id, points).unwrap();
    }
}

fn review(note: &str) -> Review {
    Review {
        reviewer: "Vendor QA".into(),
        reviewed_on: today(),
        note: note.into(),
    }
}

#[test]
fn a_draft_survives_closing_the_file_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let (mut store, trainer) = store_with_candidate(&path);
    let draft = store.start_assessment(trainer, today()).unwrap();
    store
        .record_answer(draft.id, "credibility.advice_sought", 4)
        .unwrap();
    store
        .record_answer(draft.id, "credibility.advice_sought", 5)
        .unwrap();
    store
        .record_assessment_note(draft.id, "credibility", "Runs the ops guild.")
        .unwrap();
    store.record_assessment_step(draft.id, 1).unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let resumed = store.start_assessment(trainer, today()).unwrap();
    assert_eq!(resumed.id, draft.id);
    assert_eq!(resumed.step, 1);
    assert_eq!(
        resumed.answers.scores.get("credibility.advice_sought"),
        Some(&5)
    );
    assert_eq!(
        resumed.answers.notes.get("credibility").map(String::as_str),
        Some("Runs the ops guild.")
    );
}

#[test]
fn submitting_needs_all_twelve_answers_then_proposes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, trainer) = store_with_candidate(&dir.path().join("t3.db"));
    let questionnaire = Questionnaire::embedded().unwrap();
    let draft = store.start_assessment(trainer, today()).unwrap();
    store
        .record_answer(draft.id, "time.protected_time", 3)
        .unwrap();
    let error = store
        .submit_assessment(draft.id, &questionnaire, today())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "1 of 12 questions are answered; all are needed to submit"
    );
    assert_eq!(status_of(&store, trainer), TrainerStatus::Candidate);

    answer_all(&mut store, draft.id, 4);
    store
        .submit_assessment(draft.id, &questionnaire, today())
        .unwrap();
    let submitted = store.assessment(draft.id).unwrap();
    assert_eq!(
        (submitted.state, submitted.submitted_on),
        (ReviewState::Pending, Some(today()))
    );
    assert_eq!(status_of(&store, trainer), TrainerStatus::Proposed);
    assert!(
        store
            .record_answer(draft.id, "time.protected_time", 1)
            .is_err(),
        "submitted is frozen"
    );
    let error = store.start_assessment(trainer, today()).unwrap_err();
    assert!(
        matches!(error, StoreError::Selection(SelectionError::AwaitingReview)),
        "{error}"
    );
}

#[test]
fn approving_selects_declining_declines_and_reopening_undoes_either() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, trainer) = store_with_candidate(&dir.path().join("t3.db"));
    let questionnaire = Questionnaire::embedded().unwrap();
    let draft = store.start_assessment(trainer, today()).unwrap();
    answer_all(&mut store, draft.id, 5);
    store
        .submit_assessment(draft.id, &questionnaire, today())
        .unwrap();

    store
        .decide_assessment(draft.id, true, &review("Strong pick"))
        .unwrap();
    assert_eq!(status_of(&store, trainer), TrainerStatus::Selected);
    let approved = store.assessment(draft.id).unwrap();
    assert_eq!(approved.state, ReviewState::Approved);
    assert_eq!(approved.review.unwrap().note, "Strong pick");

    store
        .reopen_assessment(draft.id, &review("Sponsor left"))
        .unwrap();
    assert_eq!(status_of(&store, trainer), TrainerStatus::Proposed);
    assert_eq!(
        store.assessment(draft.id).unwrap().state,
        ReviewState::Pending
    );

    store
        .decide_assessment(draft.id, false, &review("No protected time after all"))
        .unwrap();
    assert_eq!(status_of(&store, trainer), TrainerStatus::Declined);
    let history: Vec<String> = store
        .review_history(draft.id)
        .unwrap()
        .into_iter()
        .map(|(decision, _)| decision)
        .collect();
    assert_eq!(history, ["approved", "reopened", "declined"]);
}

#[test]
fn only_a_proposed_trainer_can_be_approved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, trainer) = store_with_candidate(&dir.path().join("t3.db"));
    let questionnaire = Questionnaire::embedded().unwrap();
    let draft = store.start_assessment(trainer, today()).unwrap();
    let error = store
        .decide_assessment(draft.id, true, &review(""))
        .unwrap_err();
    assert!(
        error.to_string().contains("only a pending assessment"),
        "{error}"
    );
    answer_all(&mut store, draft.id, 4);
    store
        .submit_assessment(draft.id, &questionnaire, today())
        .unwrap();
    store
        .move_trainer_status(trainer, TrainerStatus::Inactive)
        .unwrap();
    let error = store
        .decide_assessment(draft.id, true, &review(""))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "only a proposed trainer can be approved or declined; this one is inactive"
    );
    assert_eq!(status_of(&store, trainer), TrainerStatus::Inactive);
}

#[test]
fn a_trainer_can_be_reassessed_and_keeps_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, trainer) = store_with_candidate(&dir.path().join("t3.db"));
    let questionnaire = Questionnaire::embedded().unwrap();
    let first = store.start_assessment(trainer, today()).unwrap();
    answer_all(&mut store, first.id, 2);
    store
        .submit_assessment(first.id, &questionnaire, today())
        .unwrap();
    store
        .decide_assessment(first.id, false, &review("Too early"))
        .unwrap();
    store
        .move_trainer_status(trainer, TrainerStatus::Candidate)
        .unwrap();

    let second = store.start_assessment(trainer, today()).unwrap();
    assert_ne!(second.id, first.id);
    assert!(second.answers.scores.is_empty());
    let history = store.assessments_of_trainer(trainer).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(store.latest_assessments().unwrap()[&trainer].id, second.id);
}

#[test]
fn certified_trainers_are_not_assessed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, candidate) = store_with_candidate(&dir.path().join("t3.db"));
    let account = store
        .trainer_rows()
        .unwrap()
        .into_iter()
        .find(|row| row.trainer.id == candidate)
        .unwrap()
        .trainer
        .fields
        .account_id;
    // Certified is reached only through certification, so an imported certified trainer stands
    // in for one who went the whole way.
    let trainer = add_trainer(
        &mut store,
        account,
        "Ben Okafor",
        "ben@kestrel.example",
        TrainerStatus::Certified,
    );
    let error = store.start_assessment(trainer, today()).unwrap_err();
    assert!(
        error.to_string().contains("this one is certified"),
        "{error}"
    );
}
