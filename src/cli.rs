//! The command line: parsing, choosing the database and today's date, and the headless
//! subcommands. Machine-readable output goes to stdout, messages to stderr.

mod args;
mod export;
mod output;
mod questionnaire;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Parser;

use crate::domain::certification::PassMarks;
use crate::domain::questionnaire::Questionnaire;
use crate::paths::Paths;
use crate::store::Store;
use crate::{demo, logging, ui};
pub use args::{Cli, Command, Export, ExportOptions, Format};

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
        Some(Command::Export(Export::Assessments(ref options))) => {
            let path = if cli.demo {
                paths.demo_database()
            } else {
                chosen_database(cli, paths)
            };
            export_assessments(&path, paths, options)?;
            Ok(ExitCode::SUCCESS)
        }
        None if cli.demo => {
            let path = paths.demo_database();
            let store = open_demo(&path, today)?;
            let (questionnaire, notice) = load_questionnaire(paths)?;
            ui::run(store, today, questionnaire, PassMarks::default(), notice)
        }
        None => {
            let store = open(&chosen_database(cli, paths))?;
            let (questionnaire, notice) = load_questionnaire(paths)?;
            ui::run(store, today, questionnaire, PassMarks::default(), notice)
        }
    }
}

/// The user's database: `--db`, else `T3_DB`, else the default file.
fn chosen_database(cli: &Cli, paths: &Paths) -> PathBuf {
    cli.db
        .clone()
        .or_else(env_database)
        .unwrap_or_else(|| paths.default_database())
}

/// The questionnaire to run, and a notice for the status line when it is not the one the user
/// meant: an override in the config directory that cannot be used is reported on stderr too,
/// and the embedded questionnaire runs until it is fixed.
fn load_questionnaire(paths: &Paths) -> anyhow::Result<(Questionnaire, Option<String>)> {
    let loaded = questionnaire::load(paths.questionnaire_override().as_deref())?;
    if let Some(notice) = &loaded.notice {
        output::message(&format!("t3: {notice}"));
    }
    Ok((loaded.questionnaire, loaded.notice))
}

/// Writes every assessment to stdout or `--out`, reading the database without changing it.
fn export_assessments(path: &Path, paths: &Paths, options: &ExportOptions) -> anyhow::Result<()> {
    let store = Store::open_read_only(path)?;
    tracing::info!(path = %path.display(), "database opened read-only");
    let (questionnaire, _) = load_questionnaire(paths)?;
    let (bytes, count) = export::assessments(&store, &questionnaire, options.format)?;
    match &options.out {
        Some(out) => {
            export::refuse_database(out, path)?;
            export::write_atomically(out, &bytes)?;
            output::message(&format!(
                "t3: wrote {count} assessments to {}",
                out.display()
            ));
        }
        None => output::data(&bytes).context("cannot write to standard output")?,
    }
    tracing::info!(
        count,
        format = options.format.as_str(),
        "assessments exported"
    );
    Ok(())
}

/// `T3_DB` names the database when `--db` does not; an empty value counts as unset.
fn env_database() -> Option<PathBuf> {
    std::env::var_os("T3_DB")
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

fn open(path: &Path) -> anyhow::Result<Store> {
    let store = Store::open(path)?;
    tracing::info!(path = %path.display(), schema = store.schema_version()?, "database opened");
    Ok(store)
}

/// Opens the demo database, seeding it the first time so the app never opens on nothing.
fn open_demo(path: &Path, today: NaiveDate) -> anyhow::Result<Store> {
    let mut store = open(path)?;
    if store.account_count()? == 0 {
        let counts = demo::seed(&mut store, today).context("seeding the demo database")?;
        tracing::info!(accounts = counts.accounts, "demo database created");
    }
    Ok(store)
}

fn seed_demo(path: &Path, today: NaiveDate, reset: bool) -> anyhow::Result<()> {
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
        "t3: seeded {}: {} accounts, {} trainers, {} snapshots, {} notes, {} assessments \
         (today is {today})",
        path.display(),
        counts.accounts,
        counts.trainers,
        counts.snapshots,
        counts.notes,
        counts.assessments
    ));
    Ok(())
}
