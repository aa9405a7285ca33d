//! End to end: the real `t3` binary in a pseudo-terminal, where a command completed with `Tab`
//! on the `:` line runs, lands in the history file under `XDG_STATE_HOME`, and comes back with
//! `Up` in the next run. Everything lives in a temporary home.

use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Expect, Session};

/// How long to wait for any one screen, or for the app to exit; CI machines can be slow.
const TIMEOUT: Duration = Duration::from_secs(15);

const TAB: &str = "\t";
const ENTER: &str = "\r";
const UP: &str = "\x1b[A";

fn spawn(home: &std::path::Path) -> OsSession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_t3"));
    command
        .args(["--demo", "--today", "2026-06-15"])
        .env_remove("T3_DB")
        .env_remove("T3_LOG")
        .env_remove("COLUMNS")
        .env_remove("LINES")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TERM", "xterm-256color")
        .current_dir(home);
    let mut session = Session::spawn(command).expect("spawn t3 in a pty");
    session.set_expect_timeout(Some(TIMEOUT));
    session
}

fn expect_text(session: &mut OsSession, text: &str) {
    if let Err(error) = session.expect(text) {
        panic!("waiting for {text:?} on the screen: {error}");
    }
}

fn press(session: &mut OsSession, keys: &str) {
    session.send(keys).expect("write keys to the pty");
}

fn quit(session: &mut OsSession) {
    press(session, "q");
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let status = session.get_process().status().expect("ask for t3's status");
        if status != WaitStatus::StillAlive {
            assert!(
                matches!(status, WaitStatus::Exited(_, 0)),
                "t3 ended with {status:?}"
            );
            return;
        }
        assert!(Instant::now() < deadline, "t3 did not quit");
        // Reading keeps the pty from filling up while the app writes its last screen.
        let _ = session.try_read(&mut [0; 4096]);
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_completed_command_runs_and_comes_back_in_the_next_run() {
    let home = tempfile::tempdir().expect("create a temporary home");
    let mut session = spawn(home.path());
    // The last thing the first screen writes: the key hints.
    expect_text(&mut session, "quit");
    press(&mut session, ":goto account north");
    press(&mut session, TAB);
    expect_text(&mut session, "Freight");
    press(&mut session, ENTER);
    expect_text(&mut session, "Account Northwind Freight");
    quit(&mut session);

    let history = home.path().join("state/t3/command-history");
    assert_eq!(
        std::fs::read_to_string(&history).expect("read the history file"),
        "goto account Northwind Freight\n"
    );

    let mut session = spawn(home.path());
    expect_text(&mut session, "quit");
    press(&mut session, ":");
    press(&mut session, UP);
    expect_text(&mut session, "Northwind");
    press(&mut session, ENTER);
    expect_text(&mut session, "Account Northwind Freight");
    quit(&mut session);
}
