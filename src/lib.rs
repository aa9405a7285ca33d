//! t3: a terminal desk for running train-the-trainer programs at enterprise customer accounts.
//!
//! The library holds everything; the `t3` binary only calls [`cli::main`].

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod files;
pub mod ics;
pub mod import;
pub mod logging;
pub mod paths;
pub mod qbr;
pub mod store;
pub mod ui;
