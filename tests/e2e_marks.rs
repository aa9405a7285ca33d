//! End to end: `y` in the real binary, in a pseudo-terminal, hands the terminal an OSC 52
//! clipboard sequence holding the selected row, between frames, and says so in the status line.

use std::process::Command;
use std::time::Duration;

use base64::Engine as _;
use expectrl::{Eof, Expect, Session};

#[test]
fn y_writes_the_row_to_the_terminal_clipboard() {
    let home = tempfile::tempdir().expect("create a temporary home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_t3"));
    command
        .args(["--demo", "--today", "2026-06-15"])
        .env_remove("T3_DB")
        .env_remove("T3_LOG")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("TERM", "xterm-256color")
        .current_dir(home.path());
    let mut session = Session::spawn(command).expect("spawn t3 in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session.expect("Atlas").expect("the Accounts tab");

    session.send("y").expect("press y");
    // The header line opens the copy; its first twelve bytes encode to the same sixteen
    // characters whatever follows them.
    let start = base64::engine::general_purpose::STANDARD.encode("Account\tSegm");
    session
        .expect(format!("\x1b]52;c;{start}"))
        .expect("the OSC 52 sequence with the copied rows");
    session.expect("Copied 1 row").expect("the status line");

    session.send("q").expect("press q");
    session.expect(Eof).expect("t3 closes the terminal");
}
