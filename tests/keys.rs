//! The user's keys file: a remapped key runs its command through the app and the old key no
//! longer does, `?` and the status line show the keys in force, letters stay text in forms,
//! `t3 keys` lists the keys in force and names every line it did not apply, and the real binary
//! in a pseudo-terminal runs on a remapped key and says what it could not apply.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::{key, screen, typing};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::keymap::Context;
use t3::ui::keymap::keys_file;
use t3::ui::{App, Tab};

/// The demo portfolio as on 2026-06-15, run on the keys `text` sets.
fn app_with_keys(text: &str) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today).unwrap();
    let mut app = App::new(store, today, Questionnaire::embedded().unwrap()).unwrap();
    let loaded = keys_file::parse(text, "keys.toml");
    assert_eq!(loaded.problems, [], "{text}");
    app.set_keymap(loaded.keymap);
    app
}

const REMAP: &str = "[global]\ntab-roster = \"w\"\n\n[roster]\nstatus = [\"S\", \"f2\"]\n";

#[test]
fn a_remapped_key_runs_the_command_and_the_old_key_no_longer_does() {
    let mut app = app_with_keys(REMAP);
    typing(&mut app, "2");
    assert_eq!(app.tab(), Tab::Accounts, "2 no longer shows the Roster");
    typing(&mut app, "w");
    assert_eq!(app.tab(), Tab::Roster);

    typing(&mut app, "c");
    assert_eq!(
        app.context(),
        Context::Roster,
        "c no longer changes the status"
    );
    typing(&mut app, "S");
    assert_eq!(app.context(), Context::Picker);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Roster);
    app.handle_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    assert_eq!(app.context(), Context::Picker);

    // The keys every other tab keeps are untouched.
    key(&mut app, KeyCode::Esc);
    typing(&mut app, "1");
    assert_eq!(app.tab(), Tab::Accounts);
}

#[test]
fn help_and_the_status_line_show_the_keys_in_force() {
    let mut app = app_with_keys(REMAP);
    typing(&mut app, "w");
    let text = screen(&mut app);
    let status = text.lines().last().unwrap();
    assert!(status.contains("S/F2 status"), "{status}");

    typing(&mut app, "?");
    let help = screen(&mut app);
    let line_of = |help: &str, what: &str| {
        help.lines()
            .find(|line| line.contains(what))
            .unwrap_or_else(|| panic!("{what:?} is not in help:\n{help}"))
            .to_string()
    };
    let status = line_of(&help, "change the trainer's status");
    assert!(status.contains("S/F2 "), "{status}");
    assert!(!status.contains(" c "), "{status}");
    // The Roster's help may scroll; the keys of lists and tabs follow the tab's own.
    for _ in 0..40 {
        typing(&mut app, "j");
    }
    let help = format!("{help}\n{}", screen(&mut app));
    let roster = line_of(&help, "Roster tab");
    assert!(roster.contains(" w "), "{roster}");
    assert!(!roster.contains(" 2 "), "{roster}");
}

#[test]
fn a_letter_bound_everywhere_is_still_typed_in_a_form() {
    let mut app = app_with_keys("[anywhere]\nsuspend = [\"ctrl-z\", \"Z\"]\n");
    typing(&mut app, "a");
    assert_eq!(app.context(), Context::Form);
    typing(&mut app, "Zephyr Zinc");
    assert!(!app.take_suspend(), "Z was typed, not taken as suspend");
    assert!(screen(&mut app).contains("Zephyr Zinc"));

    key(&mut app, KeyCode::Esc);
    typing(&mut app, "y");
    assert_eq!(app.context(), Context::Accounts, "{:?}", app.message());
    typing(&mut app, "Z");
    assert!(app.take_suspend(), "on a list Z suspends");
}

/// `t3` with a throwaway home and no keys file named by the environment.
fn t3(home: &Path) -> assert_cmd::Command {
    let mut command = common::t3(home);
    command.env_remove("T3_KEYS");
    command
}

fn write_keys_file(home: &Path, text: &str) -> std::path::PathBuf {
    let dir = home.join("config").join("t3");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("keys.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn t3_keys_lists_the_defaults_without_a_keys_file() {
    let home = tempfile::tempdir().unwrap();
    let output = t3(home.path()).arg("keys").output().unwrap();
    assert!(output.status.success(), "{}", common::stderr_of(&output));
    let listing = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(listing.starts_with("[anywhere]\n"), "{listing}");
    assert!(listing.contains("\n[roster]\n"), "{listing}");
    assert!(listing.contains("status = [\"c\"]"), "{listing}");
    assert_eq!(common::stderr_of(&output), "");
}

#[test]
fn t3_keys_applies_the_keys_file_and_names_each_line_it_did_not_apply() {
    let home = tempfile::tempdir().unwrap();
    let text = "[roster]\nstatus = [\"c\", \"S\"]\nfly = \"f\"\n\n[at-risk]\nsnooze = \"a\"\n\
                [rooster]\n";
    let path = write_keys_file(home.path(), text);
    let output = t3(home.path()).arg("keys").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let listing = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(listing.contains("status = [\"c\", \"S\"]"), "{listing}");
    assert!(listing.contains("snooze = [\"z\"]"), "{listing}");
    let stderr = common::stderr_of(&output);
    let lines: Vec<&str> = stderr.lines().collect();
    let file = path.display();
    assert_eq!(
        lines,
        [
            format!("t3: {file}, line 3: there is no command \"fly\"; `t3 keys` lists them all"),
            format!(
                "t3: {file}, line 6: a would run both acknowledge (its default in [at-risk]) and \
                 snooze ([at-risk], line 6) in [at-risk]; both keep their default keys"
            ),
            format!(
                "t3: {file}, line 7: [rooster] is not a section of the keys file; did you mean \
                 [roster]?"
            ),
        ]
    );
}

#[test]
fn a_named_keys_file_must_exist_and_the_option_beats_the_environment() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nowhere.toml");
    let output = t3(home.path())
        .args(["keys", "--keys", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        common::stderr_of(&output),
        format!(
            "t3: {}: there is no such file; the default keys apply\n",
            missing.display()
        )
    );

    let mine = home.path().join("mine.toml");
    std::fs::write(&mine, "[at-risk]\nsnooze = \"Z\"\n").unwrap();
    let output = t3(home.path())
        .arg("keys")
        .env("T3_KEYS", &missing)
        .args(["--keys", mine.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", common::stderr_of(&output));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("snooze = [\"Z\"]")
    );

    let output = t3(home.path())
        .arg("keys")
        .env("T3_KEYS", &mine)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", common::stderr_of(&output));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("snooze = [\"Z\"]")
    );
}

/// How long to wait for any one screen, or for the app to exit.
const TIMEOUT: Duration = Duration::from_secs(15);

/// The app on the demo portfolio in a 24 × 80 pseudo-terminal, with `home` for its data, log
/// and config folders.
fn spawn_demo(home: &Path) -> OsSession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_t3"));
    command
        .args(["--demo", "--today", "2026-06-15"])
        .env_remove("T3_DB")
        .env_remove("T3_LOG")
        .env_remove("T3_CONFIG")
        .env_remove("T3_KEYS")
        .env_remove("COLUMNS")
        .env_remove("LINES")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TERM", "xterm-256color")
        .current_dir(home);
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(TIMEOUT));
    session
}

fn expect_text(session: &mut OsSession, text: &str) {
    if let Err(error) = session.expect(text) {
        panic!("waiting for {text:?} on the screen: {error}");
    }
}

fn status(session: &OsSession) -> WaitStatus {
    session.get_process().status().unwrap()
}

#[test]
fn the_app_runs_on_the_keys_file_and_says_what_it_did_not_apply() {
    let home = tempfile::tempdir().unwrap();
    let text = "[global]\ntab-roster = \"w\"\nquit = \"ctrl-q\"\nfly = \"f\"\n";
    write_keys_file(home.path(), text);
    let mut session = spawn_demo(home.path());
    expect_text(&mut session, "Accounts");
    expect_text(&mut session, "no command \"fly\"");

    session.send("w").unwrap();
    expect_text(&mut session, "Roster 139");

    // `q` no longer quits: the app is still running a moment later.
    session.send("q").unwrap();
    thread::sleep(Duration::from_millis(500));
    assert_eq!(status(&session), WaitStatus::StillAlive, "q still quit");

    session.send("\u{11}").unwrap();
    // Whatever the app still writes is read, so it never blocks on a full pty.
    let _ = session.expect(Eof);
    let deadline = Instant::now() + TIMEOUT;
    let exited = loop {
        match status(&session) {
            WaitStatus::StillAlive => {
                assert!(Instant::now() < deadline, "Ctrl-Q did not quit");
                thread::sleep(Duration::from_millis(50));
            }
            other => break other,
        }
    };
    assert!(matches!(exited, WaitStatus::Exited(_, 0)), "{exited:?}");
}
