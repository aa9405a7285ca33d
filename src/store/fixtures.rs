//! A store for unit tests to start from: one enterprise account and its certified trainer,
//! which the session, import and export tests each need before anything of their own.

use super::Store;
use crate::domain::{AccountFields, AccountId, T3Status, TrainerFields, TrainerId, TrainerStatus};

/// An in-memory store holding the account `account` (800 seats, T3 active) and its certified
/// trainer `trainer`, whose e-mail is `ana@kestrel.example`.
pub(crate) fn one_trainer(account: &str, trainer: &str) -> (Store, AccountId, TrainerId) {
    let mut store = Store::in_memory().unwrap();
    let account = store
        .insert_account(&AccountFields {
            name: account.into(),
            segment: "Enterprise".into(),
            seats: 800,
            csm_owner: String::new(),
            rollout_start: None,
            renewal_date: None,
            annual_value: 0,
            t3_status: T3Status::Active,
        })
        .unwrap();
    let trainer = store
        .insert_trainer(
            &TrainerFields {
                account_id: account,
                name: trainer.into(),
                email: "ana@kestrel.example".into(),
                title: String::new(),
                department: String::new(),
            },
            TrainerStatus::Certified,
        )
        .unwrap();
    (store, account, trainer)
}
