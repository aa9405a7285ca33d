//! Taking over the terminal and always giving it back: on quit, on error, on panic, on SIGTERM
//! and SIGHUP, and around `Ctrl-Z`.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

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
}

impl Signals {
    pub fn register() -> io::Result<Self> {
        let received = Arc::new(AtomicUsize::new(0));
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_usize(signal, Arc::clone(&received), signal as usize)?;
        }
        Ok(Self { received })
    }

    /// The signal that arrived, if any.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::Relaxed) {
            0 => None,
            signal => Some(signal as i32),
        }
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
