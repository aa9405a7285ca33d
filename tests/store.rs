//! The store on real files: creating, reopening and migrating, refusing files it must not
//! touch, permissions, constraints, and read-only opening.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

mod common;

use chrono::NaiveDate;
use common::account_fields as account;
use t3::domain::{AccountSnapshot, TrainerFields, TrainerStatus};
use t3::store::{Store, StoreError, latest_schema_version};

fn user_version(path: &Path) -> u32 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}

#[test]
fn a_new_file_is_created_migrated_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/t3.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_schema_version());
    drop(store);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "database mode is {mode:o}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn data_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let mut store = Store::open(&path).unwrap();
    let id = store.insert_account(&account("Northwind Freight")).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.account(id).unwrap().fields,
        account("Northwind Freight")
    );
}

#[test]
fn an_empty_file_is_migrated_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_schema_version());
    assert_eq!(store.account_count().unwrap(), 0);
}

#[test]
fn a_database_from_a_newer_t3_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE mystery (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let error = Store::open(&path).err().unwrap();
    assert!(
        matches!(error, StoreError::NewerSchema { found: 99, .. }),
        "{error}"
    );
    let message = error.to_string();
    assert!(
        message.contains("newer t3") && message.contains("not touched"),
        "{message}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(user_version(&path), 99);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let text = b"Meeting notes\nThis is not a database, it is a shopping list.\n".repeat(40);
    fs::write(&path, &text).unwrap();
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let error = Store::open(&path).err().unwrap();
    assert!(matches!(error, StoreError::NotADatabase { .. }), "{error}");
    assert!(
        error.to_string().contains("is not a t3 database"),
        "{error}"
    );
    assert_eq!(fs::read(&path).unwrap(), text);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn foreign_keys_are_enforced() {
    let mut store = Store::in_memory().unwrap();
    let orphan = TrainerFields {
        account_id: t3::domain::AccountId(404),
        name: "Nobody".to_string(),
        email: "nobody@example.com".to_string(),
        title: String::new(),
        department: String::new(),
    };
    let error = store
        .insert_trainer(&orphan, TrainerStatus::Candidate)
        .err()
        .unwrap();
    assert!(error.to_string().contains("FOREIGN KEY"), "{error}");
    assert!(store.trainer_rows().unwrap().is_empty());
}

#[test]
fn foreign_keys_are_enforced_on_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t3.db")).unwrap();
    let snapshot = AccountSnapshot {
        account_id: t3::domain::AccountId(7),
        as_of: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        active_users: 1,
        users_trained: 1,
        adoption_depth: 1,
        new_feature_adoption: 1,
        support_tickets: 0,
        net_revenue_retention: 100.0,
    };
    assert!(store.insert_snapshot(&snapshot).is_err());
}

#[test]
fn duplicate_names_and_emails_are_named() {
    let mut store = Store::in_memory().unwrap();
    let id = store.insert_account(&account("Kestrel Insurance")).unwrap();
    let error = store
        .insert_account(&account("KESTREL insurance"))
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        "an account named 'KESTREL insurance' already exists"
    );
    let trainer = TrainerFields {
        account_id: id,
        name: "Ana Costa".to_string(),
        email: "ana@kestrel.example".to_string(),
        title: String::new(),
        department: String::new(),
    };
    store
        .insert_trainer(&trainer, TrainerStatus::Candidate)
        .unwrap();
    let twin = TrainerFields {
        email: "ANA@kestrel.example".to_string(),
        ..trainer
    };
    let error = store
        .insert_trainer(&twin, TrainerStatus::Candidate)
        .err()
        .unwrap();
    assert!(
        matches!(error, StoreError::DuplicateTrainerEmail(_)),
        "{error}"
    );
}

#[test]
fn status_moves_follow_the_allowed_road() {
    let mut store = Store::in_memory().unwrap();
    let account = store.insert_account(&account("Atlas Retail")).unwrap();
    let fields = TrainerFields {
        account_id: account,
        name: "Bo Lindqvist".to_string(),
        email: "bo@atlas.example".to_string(),
        title: String::new(),
        department: String::new(),
    };
    let id = store
        .insert_trainer(&fields, TrainerStatus::Candidate)
        .unwrap();
    store
        .move_trainer_status(id, TrainerStatus::Proposed)
        .unwrap();
    let error = store
        .move_trainer_status(id, TrainerStatus::Certified)
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        "a trainer who is proposed cannot be moved to certified"
    );
    assert_eq!(
        store.trainer_rows().unwrap()[0].trainer.status,
        TrainerStatus::Proposed
    );
}

#[test]
fn read_only_opening_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .insert_account(&account("Harbor City Transit"))
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let mut store = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.account_rows(chrono::NaiveDate::MIN).unwrap().len(), 1);
    assert!(store.insert_account(&account("Sneaky")).is_err());
    drop(store);
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
}

#[test]
fn read_only_opening_refuses_a_missing_file_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.db");
    let error = Store::open_read_only(&path).err().unwrap();
    assert!(error.to_string().contains("no database at"), "{error}");
    assert!(!path.exists());
}

#[test]
fn two_connections_see_each_others_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t3.db");
    let mut first = Store::open(&path).unwrap();
    let second = Store::open(&path).unwrap();
    let version = second.data_version().unwrap();
    first.insert_account(&account("Verdant Agritech")).unwrap();
    assert_ne!(second.data_version().unwrap(), version);
    assert_eq!(
        second.account_rows(chrono::NaiveDate::MIN).unwrap().len(),
        1
    );
}
