//! A terminal that goes away under the app (its window closed, its tmux pane killed) must end
//! t3, not leave it spinning a core: crossterm's reader loops without end on a terminal that
//! only answers "end of file", so the app's own watch has to notice.

use std::fs::File;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use nix::fcntl::{FcntlArg, FdFlag, fcntl};
use nix::pty::{Winsize, openpty};

const TODAY: &str = "2026-06-15";

#[test]
fn a_terminal_that_goes_away_ends_the_app() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("t3.db");
    let seeded = Command::new(env!("CARGO_BIN_EXE_t3"))
        .args(["--today", TODAY, "--db"])
        .arg(&db)
        .arg("demo")
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .output()
        .unwrap();
    assert!(seeded.status.success(), "{seeded:?}");

    let size = Winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = openpty(&size, None).unwrap();
    // openpty leaves the terminal's end open across exec: t3 would hold it open itself, and
    // it would never go away.
    fcntl(&pty.master, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).unwrap();
    // util-linux's `setsid -c` makes t3 the leader of a new session with this terminal as its
    // own, as a shell in a terminal window or a tmux pane starts it, and then becomes t3 (the
    // same process). Only then does the terminal's going hang it up: SIGHUP from the kernel,
    // and reads that answer "end of file".
    let mut app = Command::new("setsid")
        .arg("--ctty")
        .arg(env!("CARGO_BIN_EXE_t3"))
        .args(["--today", TODAY, "--db"])
        .arg(&db)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("TERM", "xterm-256color")
        .env_remove("T3_DB")
        .stdin(Stdio::from(pty.slave.try_clone().unwrap()))
        .stdout(Stdio::from(pty.slave.try_clone().unwrap()))
        .stderr(Stdio::from(pty.slave))
        .spawn()
        .expect("util-linux's setsid starts t3 in a session of its own");

    // Read the screen until the first one is up, then close the terminal: the reader owns
    // its end, so it goes when the reader returns.
    let mut terminal = File::from(pty.master);
    let (shown, first_screen) = mpsc::channel();
    let reader = thread::spawn(move || {
        let mut screen = Vec::new();
        let mut chunk = [0_u8; 4096];
        while let Ok(read) = terminal.read(&mut chunk) {
            if read == 0 {
                break;
            }
            screen.extend_from_slice(&chunk[..read]);
            if String::from_utf8_lossy(&screen).contains("Atlas Retail") {
                let _ = shown.send(());
                // Left open a while, so t3 is waiting for a key when it goes, as it mostly
                // is when a window is closed.
                thread::sleep(Duration::from_secs(1));
                break;
            }
        }
    });
    let up = first_screen.recv_timeout(Duration::from_secs(15));
    if up.is_err() {
        let _ = app.kill();
    }
    up.expect("the first screen within 15 s");
    reader.join().unwrap();

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = app.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = app.kill();
            let _ = app.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(50));
    };
    let log = std::fs::read_to_string(home.path().join("state").join("t3").join("t3.log"))
        .unwrap_or_default();
    let status = status.expect("t3 still running 10 s after its terminal went away");
    assert_eq!(status.code(), Some(128 + 1), "{status:?}; its log:\n{log}");
}
