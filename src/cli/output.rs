//! The one place that prints: data to stdout, messages to stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{ErrorKind, IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::import::Progress;
use crate::ui::safe_text::sanitize;

/// Stages shorter than this go by too fast for a bar to tell anyone anything.
const BAR_FROM: u64 = 5_000;

/// A message for the person at the terminal (progress, errors). A terminal that has gone (a
/// closed window) cannot be told anything: the message is dropped rather than ending t3 in a
/// panic, and the log has it anyway.
pub fn message(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Machine-readable output, written whole to stdout.
///
/// A reader that stops early (`t3 export assessments | head`) closes the pipe; that is the
/// reader's choice, not a failure of t3, so it ends the output quietly. Written straight to a
/// terminal, the text has its control characters shown as the app shows them, since a name
/// holding an escape sequence would otherwise act on the terminal; a file or a pipe gets the
/// bytes as stored.
pub fn data(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let shown;
    let bytes = if stdout.is_terminal() {
        shown = for_terminal(&String::from_utf8_lossy(bytes));
        shown.as_bytes()
    } else {
        bytes
    };
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// As [`data`], with the bytes written as `write` makes them, so that an export of a million
/// rows is never held whole; `None` when the reader closed the pipe early. A terminal still
/// gets the text whole, neutralised.
pub fn data_with<T>(
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<Option<T>> {
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        let mut bytes = Vec::new();
        let value = write(&mut bytes)?;
        data(&bytes).map_err(|error| anyhow::Error::from(error).context(STDOUT))?;
        return Ok(Some(value));
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = write(&mut out).and_then(|value| {
        out.flush()?;
        Ok(value)
    });
    match written {
        Ok(value) => Ok(Some(value)),
        Err(error) => {
            let io = error
                .chain()
                .find_map(|cause| cause.downcast_ref::<std::io::Error>())
                .map(std::io::Error::kind);
            match io {
                Some(ErrorKind::BrokenPipe) => Ok(None),
                Some(_) => Err(error.context(STDOUT)),
                None => Err(error),
            }
        }
    }
}

const STDOUT: &str = "cannot write to standard output";

/// `text` with every control character but the line ends (`\n`, or `\r\n` as CSV writes
/// them) shown as its placeholder.
fn for_terminal(text: &str) -> String {
    text.split('\n')
        .map(|line| match line.strip_suffix('\r') {
            Some(line) => format!("{}\r", sanitize(line)),
            None => sanitize(line).into_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_sees_control_characters_as_placeholders_and_keeps_line_ends() {
        assert_eq!(
            for_terminal("name\r\nRed\x1b[31m,\"a\rb\"\r\nEvil\u{202E}x\n"),
            "name\r\nRed␛[31m,\"a␍b\"\r\nEvil\u{FFFD}x\n"
        );
        assert_eq!(for_terminal("plain\n"), "plain\n");
    }
}
