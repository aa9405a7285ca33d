//! The command line: parsing, choosing the database and today's date, and the headless
//! subcommands. Machine-readable output goes to stdout, messages to stderr.

mod args;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Parser;

use crate::paths::Paths;
use crate::store::Store;
use crate::{demo, logging, ui};
pub use args::{Cli, Command};

/// Runs t3 with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = Paths::discover();
    let log_dir = paths.log_dir();
    let _log_guard = match logging::init(&log_dir) {
        Ok(guard) => Some(guard),
        Err(error) => {
            output::message(&format!(
                "t3: logging is off ({}: {error})",
                log_dir.display()
            ));
            None
        }
    };
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "t3 starting");
    match run(&cli, &paths) {
        Ok(code) => code,
        Err(error) => {
            tracing::error!("{error:#}");
            output::message(&format!("t3: {error:#}"));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli, paths: &Paths) -> anyhow::Result<ExitCode> {
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match cli.command {
        Some(Command::Demo { reset }) => {
            let path = cli
                .db
                .clone()
                .or_else(env_database)
                .unwrap_or_else(|| paths.demo_database());
            seed_demo(&path, today, reset)?;
            Ok(ExitCode::SUCCESS)
        }
        None if cli.demo => {
            let path = paths.demo_database();
            let store = open_demo(&path, today)?;
            ui::run(store, today)
        }
        None => {
            let path = cli
                .db
                .clone()
                .or_else(env_database)
                .unwrap_or_else(|| paths.default_database());
            let store = open(&path)?;
            ui::run(store, today)
        }
    }
}

/// `T3_DB` names the database when `--db` does not; an empty value counts as unset.
fn env_database() -> Option<PathBuf> {
    std::env::var_os("T3_DB")
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

fn open(path: &std::path::Path) -> anyhow::Result<Store> {
    let store = Store::open(path)?;
    tracing::info!(path = %path.display(), schema = store.schema_version()?, "database opened");
    Ok(store)
}

/// Opens the demo database, seeding it the first time so the app never opens on nothing.
fn open_demo(path: &std::path::Path, today: NaiveDate) -> anyhow::Result<Store> {
    let mut store = open(path)?;
    if store.account_count()? == 0 {
        let counts = demo::seed(&mut store, today).context("seeding the demo database")?;
        tracing::info!(accounts = counts.accounts, "demo database created");
    }
    Ok(store)
}

fn seed_demo(path: &std::path::Path, today: NaiveDate, reset: bool) -> anyhow::Result<()> {
    let mut store = open(path)?;
    if store.account_count()? > 0 {
        if !reset {
            bail!(
                "{} already holds accounts; pass --reset to replace them with the demo portfolio",
                path.display()
            );
        }
        store.clear_portfolio()?;
    }
    let counts = demo::seed(&mut store, today)?;
    output::message(&format!(
        "t3: seeded {}: {} accounts, {} trainers, {} snapshots, {} notes (today is {today})",
        path.display(),
        counts.accounts,
        counts.trainers,
        counts.snapshots,
        counts.notes
    ));
    Ok(())
}
