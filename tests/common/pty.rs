//! The real `t3` binary in a pseudo-terminal, for the tests that need more than one at a time or
//! a `kill -9` at a chosen moment: spawning one in a throwaway home, waiting for words on its
//! screen, pressing keys, and ending it.

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession;
use expectrl::{Expect, Session};

/// How long to wait for any one screen, or for the app to exit; CI machines can be slow.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Starts t3 with `args` in a fresh 24 × 80 pseudo-terminal, with `home` as its home, data,
/// state and config folders, starting on the Accounts tab.
pub fn spawn(home: &Path, args: &[&str]) -> OsSession {
    let _ = std::fs::remove_file(home.join("state").join("t3").join("ui-state.toml"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_t3"));
    command
        .args(args)
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

/// Waits until the app writes `text`, failing the test with `text` in the message otherwise.
pub fn expect_text(session: &mut OsSession, text: &str) {
    if let Err(error) = session.expect(text) {
        panic!("waiting for {text:?} on the screen: {error}");
    }
}

/// Sends keys exactly as a terminal would.
pub fn press(session: &mut OsSession, keys: &str) {
    session.send(keys).expect("write keys to the pty");
}

/// Waits (without blocking forever) for the app to end and returns how it ended.
pub fn wait_for_exit(session: &OsSession) -> WaitStatus {
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
            "t3 was still running after {TIMEOUT:?}"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

/// Quits with `q` and checks the app ended with exit code 0.
pub fn quit(session: &mut OsSession) {
    press(session, "q");
    let pid = session.get_process().pid();
    // Whatever is left on the screen is drained so the app is never blocked writing to it.
    let _ = session.expect(expectrl::Eof);
    assert_eq!(wait_for_exit(session), WaitStatus::Exited(pid, 0));
}

/// Ends the app with `kill -9`, as a crash or a power cut would.
pub fn kill_nine(session: &mut OsSession) {
    session
        .get_process_mut()
        .kill(Signal::SIGKILL)
        .expect("kill t3");
    let pid = session.get_process().pid();
    assert_eq!(
        wait_for_exit(session),
        WaitStatus::Signaled(pid, Signal::SIGKILL, false)
    );
}

/// Polls `done` until it holds, failing with `what` after [`TIMEOUT`].
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    while !done() {
        assert!(Instant::now() < deadline, "{what} never happened");
        thread::sleep(Duration::from_millis(50));
    }
}
