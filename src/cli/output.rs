//! The one place that prints: data to stdout, messages to stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

/// A message for the person at the terminal (progress, errors).
pub fn message(text: &str) {
    eprintln!("{text}");
}
