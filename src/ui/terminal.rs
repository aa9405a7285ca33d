//! Taking over the terminal and always giving it back: on quit, on error, on panic, on SIGTERM
//! and SIGHUP, and around `Ctrl-Z`.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

pub type Screen = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen, bracketed paste and, when `mouse` is on, mouse capture. If any
/// step fails the terminal is given back before the error is returned, so a failed start never
/// strands the shell in raw mode.
pub fn enter(mouse: bool) -> io::Result<Screen> {
    enable_raw_mode()?;
    let taken = take_over(&mut io::stdout(), mouse)
        .and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())))
        .and_then(|mut screen| redraw_all(&mut screen).map(|()| screen));
    if taken.is_err() {
        restore();
    }
    taken
}

/// The modes the app switches on. Mouse capture only when asked for: it takes the terminal's own
/// text selection away.
fn take_over(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Rings the terminal bell: the practicum's time is up. A bell that cannot be written is not
/// worth stopping for; the red countdown still shows it.
pub fn ring_bell() {
    let mut out = io::stdout();
    if let Err(error) = out.write_all(b"\x07").and_then(|()| out.flush()) {
        tracing::debug!(%error, "bell not rung");
    }
}

/// Hands the terminal an OSC 52 clipboard sequence (see `copying::osc52`), between frames so it
/// never lands inside a drawn line. A terminal that ignores it shows nothing, so a failure to
/// write is only logged.
pub fn write_clipboard(sequence: &str) {
    let mut out = io::stdout();
    if let Err(error) = out
        .write_all(sequence.as_bytes())
        .and_then(|()| out.flush())
    {
        tracing::debug!(%error, "clipboard not written");
    }
}

/// Clears the screen and makes the next draw repaint every cell.
///
/// `Terminal::clear` would first ask the terminal where its cursor is, and a terminal that
/// never answers would stall start-up; resizing to the known size clears without asking.
fn redraw_all(screen: &mut Screen) -> io::Result<()> {
    let size = screen.size()?;
    screen.resize(Rect::new(0, 0, size.width, size.height))
}

/// Puts the terminal back as the shell expects it. Safe to call more than once, and from a
/// panic: every step is tried even if one fails (the terminal may already be gone).
pub fn restore() {
    let _ = disable_raw_mode();
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = stdout.flush();
}

/// Restores the terminal before the panic message is printed, so it is readable, and logs it.
pub fn install_panic_hook() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        tracing::error!(%info, "panic");
        default_hook(info);
    }));
}

/// The signals that end the app. Raw mode turns off the terminal's own Ctrl-C handling, so
/// SIGTERM and SIGHUP (and a SIGINT from `kill`) must be caught to restore the terminal.
pub struct Signals {
    received: Arc<AtomicUsize>,
    /// The event loop is inside crossterm, waiting for a key.
    waiting_for_input: Arc<AtomicBool>,
}

/// How long the event loop may stay in crossterm's wait for a key after a signal before the
/// watch ends t3 itself: a wait returns within a tick, so this is a wait that never will.
const STUCK_AFTER: Duration = Duration::from_secs(1);
const WATCH_EVERY: Duration = Duration::from_millis(100);

impl Signals {
    /// Catches the signals, and starts the watch for a terminal that has gone.
    ///
    /// When the terminal goes (its window closed, its tmux pane killed), SIGHUP arrives and
    /// crossterm's reader, reading a terminal that can only answer "end of file", tries again
    /// without end (crossterm-rs/crossterm#793): the wait for a key neither returns nor times
    /// out, so the event loop never sees the signal, and t3 would spin a core until killed.
    /// The watch ends the process when a signal has come and the loop is still waiting
    /// [`STUCK_AFTER`] later. Nothing is lost: every change is committed as it is made and
    /// drafts are saved as they are typed, and a loop waiting for a key is in no transaction.
    pub fn register() -> io::Result<Self> {
        let received = Arc::new(AtomicUsize::new(0));
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_usize(signal, Arc::clone(&received), signal as usize)?;
        }
        let waiting_for_input = Arc::new(AtomicBool::new(false));
        let watch = HangupWatch {
            received: Arc::clone(&received),
            waiting_for_input: Arc::clone(&waiting_for_input),
        };
        std::thread::Builder::new()
            .name("hangup-watch".into())
            .spawn(move || watch.run())?;
        Ok(Self {
            received,
            waiting_for_input,
        })
    }

    /// Runs `wait` (crossterm's wait for a key) where the watch can see it.
    pub fn waiting_for_input<T>(&self, wait: impl FnOnce() -> T) -> T {
        self.waiting_for_input.store(true, Ordering::SeqCst);
        let outcome = wait();
        self.waiting_for_input.store(false, Ordering::SeqCst);
        outcome
    }

    /// The signal that arrived, if any.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::Relaxed) {
            0 => None,
            signal => Some(signal as i32),
        }
    }
}

struct HangupWatch {
    received: Arc<AtomicUsize>,
    waiting_for_input: Arc<AtomicBool>,
}

impl HangupWatch {
    fn run(self) {
        let mut stuck = Duration::ZERO;
        loop {
            std::thread::sleep(WATCH_EVERY);
            let signal = self.received.load(Ordering::SeqCst);
            stuck = stuck_for(
                stuck,
                signal != 0,
                self.waiting_for_input.load(Ordering::SeqCst),
            );
            if stuck >= STUCK_AFTER {
                tracing::warn!(signal, "the terminal has gone; ending without it");
                restore();
                std::process::exit(128 + signal as i32);
            }
        }
    }
}

/// How long the loop has been seen waiting for a key since a signal came, one
/// [`WATCH_EVERY`] after `stuck`: any look at it doing something else starts the count again.
fn stuck_for(stuck: Duration, signalled: bool, waiting: bool) -> Duration {
    if signalled && waiting {
        stuck + WATCH_EVERY
    } else {
        Duration::ZERO
    }
}

/// `Ctrl-Z`: give the terminal back, stop like any shell job, and take it again on `fg`.
pub fn suspend(screen: &mut Screen, mouse: bool) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enable_raw_mode()?;
    take_over(&mut io::stdout(), mouse)?;
    redraw_all(screen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_wait_for_a_key_outlasting_a_signal_counts_as_stuck() {
        let watch = |looks: &[(bool, bool)]| {
            looks
                .iter()
                .fold(Duration::ZERO, |stuck, &(signalled, waiting)| {
                    stuck_for(stuck, signalled, waiting)
                })
        };
        let looks = STUCK_AFTER.as_millis() / WATCH_EVERY.as_millis();
        let stuck = vec![(true, true); looks as usize];
        assert!(watch(&stuck) >= STUCK_AFTER);
        // Waiting with no signal is a user thinking; a signal while the loop works (a long
        // import, say) is seen by the loop when the work is done.
        assert_eq!(watch(&[(false, true); 100]), Duration::ZERO);
        assert_eq!(watch(&[(true, false); 100]), Duration::ZERO);
        // A loop that came back between looks was not stuck: the count starts again.
        let mut interrupted = stuck.clone();
        interrupted.insert(interrupted.len() - 1, (true, false));
        assert!(watch(&interrupted) < STUCK_AFTER);
    }

    /// The sequence every mouse-reporting mode starts with: crossterm asks for button presses
    /// (`?1000h`) first.
    const MOUSE_CAPTURE: &str = "\x1b[?1000h";

    fn written(mouse: bool) -> String {
        let mut out = Vec::new();
        take_over(&mut out, mouse).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_mouse_is_left_to_the_terminal_unless_asked_for() {
        let plain = written(false);
        assert!(plain.contains("\x1b[?1049h"), "{plain:?}");
        assert!(!plain.contains("\x1b[?100"), "{plain:?}");
        assert!(written(true).contains(MOUSE_CAPTURE));
    }
}
