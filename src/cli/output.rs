//! The one place that prints: data to stdout, messages to stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{ErrorKind, IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::import::Progress;

/// Stages shorter than this go by too fast for a bar to tell anyone anything.
const BAR_FROM: u64 = 5_000;

/// A message for the person at the terminal (progress, errors).
pub fn message(text: &str) {
    eprintln!("{text}");
}

/// Machine-readable output, written whole to stdout.
///
/// A reader that stops early (`t3 export assessments | head`) closes the pipe; that is the
/// reader's choice, not a failure of t3, so it ends the output quietly.
pub fn data(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A progress bar on stderr for a long import, drawn only when stderr is a terminal (never
/// into a log file or a pipe) and only for stages long enough to watch.
#[derive(Default)]
pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    /// Takes the bar off the screen so the report's lines stand alone.
    pub fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn stage(&mut self, name: &'static str, total: u64) {
        self.clear();
        if total < BAR_FROM || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("t3: {msg:8} [{bar:40}] {human_pos}/{human_len}")
            .map_or_else(
                |_| ProgressStyle::default_bar(),
                |style| style.progress_chars("=> "),
            );
        bar.set_style(style);
        bar.set_message(name);
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bar = Some(bar);
    }

    fn advance(&mut self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    fn finish(&mut self) {
        self.clear();
    }
}
