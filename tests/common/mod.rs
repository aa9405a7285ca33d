//! What the integration tests share: the binary run with a throwaway home, and the small
//! records they build portfolios from. Each test crate uses a part of it.

#![allow(dead_code, clippy::unwrap_used)]

pub mod pty;

use std::path::Path;

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use t3::domain::certification::{Module, ModuleCompletion};
use t3::domain::sync::SyncFields;
use t3::domain::{AccountFields, AccountId, T3Status, TrainerFields, TrainerId, TrainerStatus};
use t3::store::Store;

/// The binary with its data, log and config folders inside `home`, so nothing real is touched.
pub fn t3(home: &Path) -> Command {
    let mut command = Command::cargo_bin("t3").unwrap();
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("T3_DB")
        .env_remove("T3_CONFIG")
        .env_remove("T3_LOG");
    command
}

/// A demo database `portfolio.db` in `home`, seeded by the binary as on `today`.
pub fn demo_database(home: &Path, today: &str) -> std::path::PathBuf {
    let db = home.join("portfolio.db");
    let output = t3(home)
        .args(["demo", "--db", db.to_str().unwrap(), "--today", today])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    db
}

/// A demo database on file at `dir/t3.db`, seeded for `today` without the demo's own triage,
/// so a test of triage starts from none.
pub fn demo_file_without_triage(dir: &Path, today: NaiveDate) -> std::path::PathBuf {
    let path = dir.join("t3.db");
    let mut store = Store::open(&path).unwrap();
    t3::demo::seed(&mut store, today).unwrap();
    let ids: Vec<_> = store
        .triage_history()
        .unwrap()
        .into_values()
        .flatten()
        .map(|event| event.id)
        .collect();
    for id in ids {
        store.undo_triage(id).unwrap();
    }
    path
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// An active enterprise account of 500 seats.
pub fn account_fields(name: &str) -> AccountFields {
    AccountFields {
        name: name.to_string(),
        segment: "Enterprise".to_string(),
        seats: 500,
        csm_owner: "Dana Whitfield".to_string(),
        rollout_start: NaiveDate::from_ymd_opt(2026, 1, 5),
        renewal_date: NaiveDate::from_ymd_opt(2027, 1, 5),
        annual_value: 120_000,
        t3_status: T3Status::Active,
    }
}

pub fn add_account(store: &mut Store, name: &str) -> AccountId {
    store.insert_account(&account_fields(name)).unwrap()
}

pub fn add_trainer(
    store: &mut Store,
    account: AccountId,
    name: &str,
    email: &str,
    status: TrainerStatus,
) -> TrainerId {
    let fields = TrainerFields {
        account_id: account,
        name: name.to_string(),
        email: email.to_string(),
        title: String::new(),
        department: String::new(),
    };
    store.insert_trainer(&fields, status).unwrap()
}

/// The trainer's status as the file holds it.
pub fn status_of(store: &Store, trainer: TrainerId) -> TrainerStatus {
    store
        .trainer_rows()
        .unwrap()
        .into_iter()
        .find(|row| row.trainer.id == trainer)
        .unwrap()
        .trainer
        .status
}

/// One module attempt judged by Priya.
pub fn attempt(module: Module, on: NaiveDate, score: u8) -> ModuleCompletion {
    ModuleCompletion {
        module,
        completed_on: on,
        score,
        evaluator: "Priya".into(),
        note: String::new(),
    }
}

/// Adds Kilroy Quench, a candidate no demo assessment touches, to the first account of a
/// seeded demo portfolio.
pub fn add_fresh_candidate(store: &mut Store) -> TrainerId {
    let account = store.account_rows(NaiveDate::MIN).unwrap()[0].account.id;
    add_trainer(
        store,
        account,
        "Kilroy Quench",
        "kilroy@example.com",
        TrainerStatus::Candidate,
    )
}

pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

pub fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, minute, 0).unwrap()
}

/// An hour-long sync with a one-line agenda and no recording yet.
pub fn sync_fields(title: &str, starts_at: NaiveDateTime, time_zone: Tz) -> SyncFields {
    SyncFields {
        title: title.to_string(),
        starts_at,
        time_zone,
        duration_minutes: 60,
        agenda: format!("Agenda of {title}"),
        recording_link: String::new(),
    }
}

/// A key pressed in the app, without modifiers.
pub fn key(app: &mut t3::ui::App, code: crossterm::event::KeyCode) {
    app.handle_key(crossterm::event::KeyEvent::new(
        code,
        crossterm::event::KeyModifiers::NONE,
    ));
}

/// Each character of `text` pressed in turn.
pub fn typing(app: &mut t3::ui::App, text: &str) {
    for c in text.chars() {
        key(app, crossterm::event::KeyCode::Char(c));
    }
}

/// The app drawn at `width`×`height`, a string a line.
pub fn screen_lines(app: &mut t3::ui::App, width: u16, height: u16) -> Vec<String> {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .chunks(usize::from(buffer.area.width))
        .map(|line| {
            line.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
        })
        .collect()
}

/// The app drawn at 120×40, as one string.
pub fn screen(app: &mut t3::ui::App) -> String {
    screen_lines(app, 120, 40).join("\n")
}
