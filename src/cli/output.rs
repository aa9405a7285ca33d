//! The one place that prints: data to stdout, messages to stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{ErrorKind, Write};

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
