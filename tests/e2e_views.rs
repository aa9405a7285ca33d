//! End to end: the real `t3` binary in a pseudo-terminal (24 × 80) filters, sorts, moves and
//! switches tab, quits, and on the next start is back on the same tab with the same filters,
//! sort and selected row.
//!
//! The home, data, state and config folders are temporary, so nothing touches the real ones.
//! ratatui redraws only the cells that changed, so the test waits for short strings that the
//! new screen is sure to write whole (see tests/e2e.rs).

use std::path::PathBuf;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Regex, Session};
use tempfile::TempDir;

const TIMEOUT: Duration = Duration::from_secs(15);
const TODAY: &str = "2026-06-15";
const ENTER: &str = "\r";

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("create a temporary home"),
        }
    }

    fn state_home(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    fn spawn_demo(&self) -> OsSession {
        let mut command = Command::new(env!("CARGO_BIN_EXE_t3"));
        command
            .args(["--demo", "--today", TODAY])
            .env_remove("T3_DB")
            .env_remove("T3_LOG")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.state_home())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("TERM", "xterm-256color")
            .current_dir(self.dir.path());
        let mut session = Session::spawn(command).expect("spawn t3 in a pty");
        session.set_expect_timeout(Some(TIMEOUT));
        session
    }
}

fn expect_text(session: &mut OsSession, text: &str) {
    if let Err(error) = session.expect(text) {
        panic!("waiting for {text:?} on the screen: {error}");
    }
}

fn expect_pattern(session: &mut OsSession, pattern: &str) {
    if let Err(error) = session.expect(Regex(pattern)) {
        panic!("waiting for /{pattern}/ on the screen: {error}");
    }
}

fn press(session: &mut OsSession, keys: &str) {
    session.send(keys).expect("write keys to the pty");
}

/// Quits with `q` and waits for a clean exit.
fn quit(session: &mut OsSession) {
    press(session, "q");
    session
        .expect(Eof)
        .unwrap_or_else(|error| panic!("waiting for t3 to close the terminal: {error}"));
    let deadline = Instant::now() + TIMEOUT;
    let pid = session.get_process().pid();
    loop {
        let status = session.get_process().status().expect("ask for t3's status");
        if status != WaitStatus::StillAlive {
            assert_eq!(status, WaitStatus::Exited(pid, 0));
            return;
        }
        assert!(Instant::now() < deadline, "t3 did not exit after q");
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn tabs_filters_sorts_and_the_selected_row_come_back_after_a_restart() {
    let sandbox = Sandbox::new();
    let mut session = sandbox.spawn_demo();
    expect_text(&mut session, "Kestrel");

    // Accounts: big accounts only, soonest renewal first, the cursor on the fourth of them
    // (Lakeshore, Mirai, Société Lumière, then Saffron Foods).
    press(&mut session, "/seats:>1000");
    expect_text(&mut session, "match");
    press(&mut session, ENTER);
    press(&mut session, "s");
    expect_text(&mut session, "sorted by renewal");
    press(&mut session, "gjjj");

    // The Roster, filtered to lapsed trainers, is the tab showing at quit.
    press(&mut session, "2");
    expect_pattern(&mut session, r"Roster \d+ of 139");
    press(&mut session, "/status:lapsed");
    expect_text(&mut session, "match");
    press(&mut session, ENTER);
    quit(&mut session);
    assert!(
        sandbox
            .state_home()
            .join("t3")
            .join("ui-state.toml")
            .is_file(),
        "the state was not written under XDG_STATE_HOME"
    );

    // The next start opens on the Roster with its filter.
    let mut session = sandbox.spawn_demo();
    expect_text(&mut session, "status:lapsed");
    expect_pattern(&mut session, r"Roster \d+ of 139");

    // Accounts kept its filter, its sort and its row: Enter opens Saffron Foods.
    press(&mut session, "1");
    expect_text(&mut session, ">1000");
    expect_text(&mut session, "(soonest first)");
    expect_text(&mut session, "QBR");
    press(&mut session, ENTER);
    expect_text(&mut session, "Saffron Foods International");
    quit(&mut session);
}
