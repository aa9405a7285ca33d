//! End to end: the real `t3` binary in a pseudo-terminal (24 × 80), driven by keystrokes with
//! `expectrl`. Covers walking the tabs, filtering, opening an account, adding an account that is
//! still there after a restart, a questionnaire and a timed practicum that survive a restart
//! (and `kill -9`), quitting cleanly, and giving the terminal back (leaving the alternate
//! screen) with exit code 128 + signal when SIGTERM or SIGHUP ends the app.
//!
//! Every test runs on its own demo database under a temporary `XDG_DATA_HOME`, logs to a
//! temporary `XDG_STATE_HOME` and has a temporary `HOME`, so nothing touches the real one.
//!
//! ratatui only redraws the cells that changed (and skips blank ones), so the tests wait for
//! single words, or short styled strings such as titles, that the new screen is sure to write
//! whole, never for whole lines. The demo portfolio is seeded with a fixed seed and a fixed
//! `--today`, so the screens are the same on every run.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Regex, Session};
use tempfile::TempDir;

/// How long to wait for any one screen, or for the app to exit; CI machines can be slow.
const TIMEOUT: Duration = Duration::from_secs(15);

/// The day the demo portfolio is built around, so the screens are the same on every run.
const TODAY: &str = "2026-06-15";

/// crossterm's sequence for leaving the alternate screen: the terminal is given back.
const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";

const ESC: &str = "\x1b";
const TAB: &str = "\t";
const ENTER: &str = "\r";
const BACKSPACE: &str = "\x7f";

/// A throwaway home for one test: data, state and `HOME` all live in one temporary folder,
/// which outlives every session spawned from it.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("create a temporary home"),
        }
    }

    fn data_home(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn state_home(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// Starts `t3 --demo --today 2026-06-15` in a fresh pseudo-terminal. The pty never
    /// answers terminal queries, so this also checks the app does not wait on one to start.
    fn spawn_demo(&self) -> OsSession {
        self.spawn(&["--demo", "--today", TODAY])
    }

    /// Starts t3 with `args` in a fresh pseudo-terminal, with this sandbox as its home.
    fn spawn(&self, args: &[&str]) -> OsSession {
        // Each run here starts on the Accounts tab with nothing filtered, as these tests expect;
        // what t3 remembers between runs is tested in tests/e2e_views.rs.
        let _ = std::fs::remove_file(self.state_home().join("t3").join("ui-state.toml"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_t3"));
        command
            .args(args)
            .env_remove("T3_DB")
            .env_remove("T3_LOG")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_STATE_HOME", self.state_home())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("TERM", "xterm-256color")
            .current_dir(self.dir.path());
        let mut session = Session::spawn(command).expect("spawn t3 in a pty");
        session.set_expect_timeout(Some(TIMEOUT));
        session
    }
}

/// Waits until the app writes `text`, failing the test with `text` in the message otherwise.
fn expect_text(session: &mut OsSession, text: &str) {
    if let Err(error) = session.expect(text) {
        panic!("waiting for {text:?} on the screen: {error}");
    }
}

/// Like [`expect_text`], for a pattern.
fn expect_pattern(session: &mut OsSession, pattern: &str) {
    if let Err(error) = session.expect(Regex(pattern)) {
        panic!("waiting for /{pattern}/ on the screen: {error}");
    }
}

/// Sends keys exactly as a terminal would: plain text, or control characters such as Enter.
fn press(session: &mut OsSession, keys: &str) {
    session.send(keys).expect("write keys to the pty");
}

/// Reads everything the app still writes until it closes the terminal, and returns it.
fn read_to_end(session: &mut OsSession) -> String {
    let captures = session
        .expect(Eof)
        .unwrap_or_else(|error| panic!("waiting for t3 to close the terminal: {error}"));
    String::from_utf8_lossy(captures.as_bytes()).into_owned()
}

/// Waits (without blocking forever) for the app to end and returns how it ended.
fn wait_for_exit(session: &OsSession) -> WaitStatus {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let status = session
            .get_process()
            .status()
            .expect("ask for t3's exit status");
        if status != WaitStatus::StillAlive {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "t3 was still running {TIMEOUT:?} after it was asked to stop"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

/// Asserts the app exited normally with `code` (not killed by a signal) after giving the
/// terminal back.
fn assert_exited_cleanly(session: &mut OsSession, code: i32) {
    let output = read_to_end(session);
    assert!(
        output.contains(LEAVE_ALTERNATE_SCREEN),
        "t3 did not leave the alternate screen; its last output was {:?}",
        tail(&output)
    );
    let pid = session.get_process().pid();
    assert_eq!(wait_for_exit(session), WaitStatus::Exited(pid, code));
}

/// The end of a long output, for failure messages.
fn tail(output: &str) -> &str {
    let start = output
        .char_indices()
        .rev()
        .nth(400)
        .map_or(0, |(index, _)| index);
    &output[start..]
}

/// Starts the demo, waits for its first screen, sends `signal` and checks that the app gives
/// the terminal back and exits with 128 + the signal's number.
fn signal_restores_the_terminal(signal: Signal) {
    let sandbox = Sandbox::new();
    let mut session = sandbox.spawn_demo();
    expect_text(&mut session, "Accounts");
    expect_text(&mut session, "Atlas");

    session
        .get_process_mut()
        .signal(signal)
        .expect("send the signal to t3");

    assert_exited_cleanly(&mut session, 128 + signal as i32);
}

#[test]
fn walk_the_app_and_add_an_account() {
    let sandbox = Sandbox::new();
    let mut session = sandbox.spawn_demo();

    // The Accounts tab opens first, on the seeded portfolio.
    expect_text(&mut session, "Accounts");
    expect_text(&mut session, "Kestrel");

    // The Roster tab: its table title replaces the Accounts one (the tab bar always shows
    // the word "Roster", so wait for the title's count too).
    press(&mut session, "2");
    expect_text(&mut session, "Roster 139");

    // A live filter, kept with Enter; the filter line counts the matches.
    press(&mut session, "/kestrel");
    expect_text(&mut session, "match");
    press(&mut session, ENTER);

    // Back on Accounts, open the selected account's detail.
    press(&mut session, "1");
    press(&mut session, ENTER);
    expect_text(&mut session, "Trainers (");
    expect_text(&mut session, "Notes (");

    // Esc goes back to the list. Wait for the list's title ("32 of 32") before the next key:
    // an Esc and a key arriving in one read would be taken for Alt and that key.
    press(&mut session, ESC);
    expect_pattern(&mut session, r"\d+ of \d+");

    // Add an account: name, Tab, segment, Tab, seats, Enter saves.
    press(&mut session, "a");
    expect_text(&mut session, "New account");
    press(&mut session, "Zebra Quarry Holdings");
    press(&mut session, TAB);
    press(&mut session, "Enterprise");
    press(&mut session, TAB);
    press(&mut session, "250");
    press(&mut session, ENTER);
    // The status line reports it ("Saved account …"); the table row is checked after a restart,
    // where it is drawn afresh.
    expect_text(&mut session, "Saved");

    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);

    assert!(
        sandbox.data_home().join("t3").join("demo.db").is_file(),
        "the demo database was not created under XDG_DATA_HOME"
    );
    assert!(
        sandbox.state_home().join("t3").join("t3.log").is_file(),
        "the log was not written under XDG_STATE_HOME"
    );

    // A second run on the same database still has the new account: 33 accounts, and filtering
    // for it shows its row. Enter keeps the filter so that `q` quits rather than being typed.
    let mut session = sandbox.spawn_demo();
    expect_text(&mut session, "Accounts");
    expect_text(&mut session, "33 of 33");
    press(&mut session, "/Zebra");
    expect_text(&mut session, "Quarry");
    press(&mut session, ENTER);
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal(Signal::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal(Signal::SIGHUP);
}

/// A database with the demo portfolio plus one fresh candidate, Kilroy Quench, whom no demo
/// assessment touches.
fn database_with_fresh_candidate(sandbox: &Sandbox) -> (PathBuf, t3::domain::TrainerId) {
    let path = sandbox.dir.path().join("kill.db");
    let mut store = t3::store::Store::open(&path).expect("create the database");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).expect("a valid date");
    t3::demo::seed(&mut store, today).expect("seed the demo portfolio");
    let trainer = common::add_fresh_candidate(&mut store);
    (path, trainer)
}

/// Starts t3 on `db`, finds Kilroy Quench on the Roster and presses `Q` on him.
fn open_questionnaire_of_kilroy(sandbox: &Sandbox, db: &str) -> OsSession {
    let mut session = sandbox.spawn(&["--db", db, "--today", TODAY]);
    expect_text(&mut session, "Accounts");
    press(&mut session, "2");
    expect_text(&mut session, "Roster 1");
    press(&mut session, "/Kilroy");
    expect_text(&mut session, "Quench");
    press(&mut session, ENTER);
    press(&mut session, "Q");
    session
}

#[test]
fn a_half_answered_questionnaire_survives_kill_nine() {
    let sandbox = Sandbox::new();
    let (path, trainer) = database_with_fresh_candidate(&sandbox);
    let db = path.to_str().expect("a UTF-8 path");
    let mut session = open_questionnaire_of_kilroy(&sandbox, db);
    expect_text(&mut session, "criterion 1 of 4");

    // Two answers, then the evidence note; each is on screen only after it was saved.
    press(&mut session, "4");
    expect_text(&mut session, "Usually");
    press(&mut session, "5");
    expect_text(&mut session, "Consistently");
    press(&mut session, TAB);
    expect_text(&mut session, "Evidence");
    press(&mut session, "Leads the night shift");
    // Typed text is drawn a character at a time, so watch the file instead of the screen:
    // once the whole note is there, nothing typed is only in memory.
    let note_saved = || {
        let store = t3::store::Store::open_read_only(&path).expect("read the database");
        let latest = store.latest_assessments().expect("read assessments");
        latest[&trainer]
            .answers
            .notes
            .get("credibility")
            .map(String::as_str)
            == Some("Leads the night shift")
    };
    let deadline = Instant::now() + TIMEOUT;
    while !note_saved() {
        assert!(Instant::now() < deadline, "the note never reached the file");
        thread::sleep(Duration::from_millis(50));
    }

    session
        .get_process_mut()
        .kill(Signal::SIGKILL)
        .expect("kill t3");
    let pid = session.get_process().pid();
    assert_eq!(
        wait_for_exit(&session),
        WaitStatus::Signaled(pid, Signal::SIGKILL, false)
    );

    // Everything given is in the file.
    let store = t3::store::Store::open(&path).expect("reopen the database");
    let draft = store.latest_assessments().expect("read assessments")[&trainer].clone();
    assert_eq!(
        draft.answers.scores.get("credibility.advice_sought"),
        Some(&4)
    );
    assert_eq!(
        draft.answers.scores.get("credibility.changes_practice"),
        Some(&5)
    );
    assert_eq!(
        draft.answers.notes.get("credibility").map(String::as_str),
        Some("Leads the night shift")
    );
    drop(store);

    // And the app resumes the draft where it stopped.
    let mut session = open_questionnaire_of_kilroy(&sandbox, db);
    // The note is drawn before the status line in the same frame, so look for it first, a
    // word at a time: unchanged blank cells between words are not written.
    expect_text(&mut session, "night");
    expect_text(&mut session, "Draft resumed");
    press(&mut session, ESC);
    expect_text(&mut session, "Roster");
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);
}

/// Starts the demo and opens the Certification tab filtered to the trainer who is ready for
/// their practicum.
fn certification_tab_on_practicum_trainer(sandbox: &Sandbox) -> OsSession {
    let mut session = sandbox.spawn_demo();
    expect_text(&mut session, "Accounts");
    press(&mut session, "3");
    expect_text(&mut session, "pass marks");
    // Not on the first screen (lapsed and expiring trainers come first), so the surname is
    // written whole once the filter brings the row up.
    press(&mut session, &format!("/{}", t3::demo::PRACTICUM_READY));
    let surname = t3::demo::PRACTICUM_READY
        .rsplit(' ')
        .next()
        .unwrap_or(t3::demo::PRACTICUM_READY);
    expect_text(&mut session, surname);
    press(&mut session, ENTER);
    session
}

#[test]
fn a_timed_practicum_is_recorded_and_shows_passed_after_a_restart() {
    let sandbox = Sandbox::new();
    let mut session = certification_tab_on_practicum_trainer(&sandbox);
    press(&mut session, "p");
    expect_text(&mut session, "Time left");
    press(&mut session, " ");
    expect_text(&mut session, "running");

    // Scores 4, 5, 4, 5, 4: 22 points of 25, a module score of 88.
    press(&mut session, "45454");
    expect_text(&mut session, "Score 88");
    press(&mut session, TAB);
    press(&mut session, "Clear goals, parked questions well");
    // The feedback is saved as it is typed; the file is the proof, not the screen.
    let db = sandbox.data_home().join("t3").join("demo.db");
    let feedback_saved = || {
        let Ok(store) = t3::store::Store::open_read_only(&db) else {
            return false;
        };
        store.pathways().is_ok_and(|pathways| {
            pathways
                .iter()
                .filter(|p| p.row.trainer.fields.name == t3::demo::PRACTICUM_READY)
                .flat_map(|p| store.practicums_of(p.row.trainer.id).unwrap_or_default())
                .any(|p| p.feedback == "Clear goals, parked questions well")
        })
    };
    let deadline = Instant::now() + TIMEOUT;
    while !feedback_saved() {
        assert!(
            Instant::now() < deadline,
            "the feedback never reached the file"
        );
        thread::sleep(Duration::from_millis(50));
    }

    // Back to the rubric (Shift-Tab), the outcome, and Ctrl-S records the module.
    press(&mut session, "\x1b[Z");
    expect_text(&mut session, "▶");
    press(&mut session, "p");
    press(&mut session, "\x13");
    expect_text(&mut session, "recorded");
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);

    // After a restart the Certification tab shows the practicum passed with its score.
    let mut session = certification_tab_on_practicum_trainer(&sandbox);
    expect_text(&mut session, "88✓");
    press(&mut session, ENTER);
    expect_text(&mut session, "Practicums");
    expect_text(&mut session, "parked");
    press(&mut session, ESC);
    expect_text(&mut session, "pass marks");
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);
}

/// Starts the demo on `today` and filters the Syncs tab down to the sync the test scheduled.
fn syncs_tab_on_e2e_sync(sandbox: &Sandbox, today: &str) -> OsSession {
    let mut session = sandbox.spawn(&["--demo", "--today", today]);
    expect_text(&mut session, "Accounts");
    press(&mut session, "4");
    expect_text(&mut session, "upcoming");
    // Keys are read in order, so Enter keeps the whole filter; "match" only shows the filter
    // line is up (its count is redrawn a digit at a time after that).
    press(&mut session, "/kickoff");
    expect_text(&mut session, "match");
    press(&mut session, ENTER);
    session
}

#[test]
fn a_sync_scheduled_then_attended_later_shows_after_a_restart() {
    let sandbox = Sandbox::new();
    let mut session = sandbox.spawn_demo();
    expect_text(&mut session, "Accounts");
    press(&mut session, "4");
    expect_text(&mut session, "upcoming");

    // Title (appended to the suggested one), first date, then past time, zone and minutes to
    // the repeat choice: this date only.
    press(&mut session, "a");
    expect_text(&mut session, "Schedule Trainer Syncs");
    press(&mut session, " kickoff");
    // The first date offered follows on from the last sync; this test wants its own.
    press(&mut session, TAB);
    press(&mut session, &BACKSPACE.repeat(10));
    press(&mut session, "2026-07-20");
    for _ in 0..4 {
        press(&mut session, TAB);
    }
    press(&mut session, "\x1b[C");
    expect_text(&mut session, "this date only");
    press(&mut session, ENTER);
    expect_text(&mut session, "Scheduled");
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);

    // A day after the sync: attendance marks it held; the first invitee came live.
    let mut session = syncs_tab_on_e2e_sync(&sandbox, "2026-07-21");
    press(&mut session, "t");
    expect_text(&mut session, "Attendance");
    // The "Marked held" message goes at the next key: its place shows the database again.
    press(&mut session, "l");
    expect_text(&mut session, "db ");
    press(&mut session, ESC);
    expect_text(&mut session, "held");
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);

    // After a restart the sync is held with its attendance.
    let mut session = syncs_tab_on_e2e_sync(&sandbox, "2026-07-21");
    press(&mut session, ENTER);
    expect_text(&mut session, "Invited");
    expect_text(&mut session, "live");
    press(&mut session, ESC);
    expect_text(&mut session, "upcoming");
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);
}

#[test]
fn triage_on_the_at_risk_tab_is_kept_across_a_restart() {
    let sandbox = Sandbox::new();
    let mut session = sandbox.spawn_demo();
    expect_text(&mut session, "Accounts");
    press(&mut session, "5");
    expect_text(&mut session, "3 snoozed or resolved");

    // A contact on the top finding, a snooze on the next, and the one that takes its place
    // resolved.
    press(&mut session, "c");
    expect_text(&mut session, "Log a contact");
    press(&mut session, "Called the CSM about the renewal");
    press(&mut session, ENTER);
    expect_text(&mut session, "Contact logged");
    press(&mut session, "j");
    press(&mut session, "z");
    expect_text(&mut session, "Snooze:");
    press(&mut session, ENTER);
    expect_text(&mut session, "Snoozed until 2026-06-22");
    press(&mut session, "r");
    expect_text(&mut session, "Resolve:");
    press(&mut session, "Materials sent to the trainers");
    press(&mut session, ENTER);
    expect_text(&mut session, "Resolved: Materials sent");
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);

    let mut session = sandbox.spawn_demo();
    expect_text(&mut session, "Accounts");
    press(&mut session, "5");
    expect_text(&mut session, "5 snoozed or resolved");
    expect_text(&mut session, "1 contact");
    // Rows are drawn before the status line: the resolved tag, then the message.
    press(&mut session, "h");
    expect_text(&mut session, "[resolved");
    expect_text(&mut session, "Showing snoozed and resolved");
    press(&mut session, "q");
    assert_exited_cleanly(&mut session, 0);

    let store = t3::store::Store::open(&sandbox.data_home().join("t3").join("demo.db"))
        .expect("open the demo database");
    let mut kinds: Vec<&str> = store
        .triage_history()
        .expect("read the triage history")
        .values()
        .flatten()
        .map(|event| event.action.kind())
        .collect();
    kinds.sort_unstable();
    // The demo's own eight actions and the three taken here.
    assert_eq!(kinds.len(), 11, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|kind| **kind == "contact").count(), 3);
    assert_eq!(kinds.iter().filter(|kind| **kind == "snooze").count(), 3);
    assert_eq!(kinds.iter().filter(|kind| **kind == "resolve").count(), 2);
}
