//! The command line: parsing, choosing the database and today's date, and the headless
//! subcommands. Machine-readable output goes to stdout, messages to stderr.

mod args;
mod damage;
mod export;
pub(crate) use export::neutralised;
mod metrics;
mod output;
mod questionnaire;
mod read_only;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDate, Utc};
use clap::Parser;

use crate::config::{Config, ConfigError};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::risk::Severity;
use crate::import::{self, ImportError, Kind};
use crate::paths::Paths;
use crate::store::Store;
use crate::ui::keymap::keys_file;
use crate::ui::safe_text::sanitize;
use crate::{demo, logging, ui};
pub use args::{
    AtRiskOptions, CalendarFormat, CalendarOptions, Cli, Command, Export, ExportOptions, Format,
    ImportFormat, ImportOptions, MetricsOptions, QbrOptions, ReportFormat,
};
pub use export::by_kind::{
    ExportFormat, ExportKind, ExportSettings, Exported, export_kind, names as export_format_names,
};

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
            let message =
                damage::explain(&error, &cli, &paths).unwrap_or_else(|| format!("t3: {error:#}"));
            output::message(&message);
            exit_code_of(&error)
        }
    }
}

/// A command line that reads well but names something the database does not hold in one way
/// only: an account no name matches, or several do. Refused like a malformed command line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

/// 2 for a config file or a command line t3 will not run on; 1 otherwise.
fn exit_code_of(error: &anyhow::Error) -> ExitCode {
    if error.downcast_ref::<ConfigError>().is_some() {
        output::message(
            "t3: nothing was changed; fix the file, or move it aside to run on the defaults",
        );
        ExitCode::from(2)
    } else if error.downcast_ref::<UsageError>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

fn run(cli: &Cli, paths: &Paths) -> anyhow::Result<ExitCode> {
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    read_only::refuse_writes(cli)?;
    match cli.command {
        Some(Command::Demo { reset, scale }) => {
            let path = cli
                .db
                .clone()
                .or_else(env_database)
                .unwrap_or_else(|| paths.demo_database());
            seed_demo(&path, today, reset, scale)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export(ref export)) => {
            run_export(cli, paths, today, export)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::AtRisk(ref options)) => {
            let config = load_config(cli, paths)?;
            let store = Store::open_read_only(&export_database(cli, paths))?;
            let selection = export::Selection {
                today,
                min_severity: options.min_severity,
                include_hidden: options.include_snoozed,
            };
            let found = export::findings_of(&store, &config.risk, selection)?;
            let bytes = match options.format {
                ReportFormat::Table => export::findings_table(&found, today).into_bytes(),
                ReportFormat::Json => export::findings(&found, today, Format::Json)?.0,
            };
            output::data(&bytes).context("cannot write to standard output")?;
            tracing::info!(count = found.len(), "findings listed");
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Qbr(ref options)) => {
            let config = load_config(cli, paths)?;
            write_qbr(&export_database(cli, paths), today, &config, options)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Metrics(ref options)) => {
            let config = load_config(cli, paths)?;
            let store = Store::open_read_only(&export_database(cli, paths))?;
            let bytes = metrics::report(&store, today, options, config.program)?;
            output::data(&bytes).context("cannot write to standard output")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Backup { ref file }) => {
            let source = export_database(cli, paths);
            export::refuse_database(file, &source)?;
            Store::backup(&source, file)?;
            output::message(&format!(
                "t3: backed up {} to {}",
                source.display(),
                file.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check) => check(&export_database(cli, paths)),
        Some(Command::Keys) => list_keys(cli, paths),
        Some(Command::Import(ref options)) => {
            import_file(&export_database(cli, paths), today, options)
        }
        None if cli.demo => {
            let config = load_config(cli, paths)?;
            let store = if cli.readonly {
                read_only::open(&paths.demo_database())?
            } else {
                open_demo(&paths.demo_database(), today)?
            };
            open_app(cli, paths, store, today, &config)
        }
        None => {
            let config = load_config(cli, paths)?;
            let database = chosen_database(cli, paths);
            let store = if cli.readonly {
                read_only::open(&database)?
            } else {
                read_only::open_unless_protected(&database, open)?
            };
            open_app(cli, paths, store, today, &config)
        }
    }
}

/// Writes one kind of record out, reading the database without changing it.
fn run_export(cli: &Cli, paths: &Paths, today: NaiveDate, export: &Export) -> anyhow::Result<()> {
    match export {
        Export::Assessments(options) => {
            export_assessments(&export_database(cli, paths), paths, options)?;
        }
        Export::Certifications(options) => {
            let config = load_config(cli, paths)?;
            let path = export_database(cli, paths);
            export_certifications(&path, today, &config, options)?;
        }
        Export::Syncs(options) => {
            let now = export_stamp(cli.today);
            export_syncs(&export_database(cli, paths), today, now, options)?;
        }
        Export::Findings(options) => export_findings(cli, paths, today, options)?,
        Export::Accounts(_)
        | Export::Trainers(_)
        | Export::Snapshots(_)
        | Export::Attendance(_)
        | Export::Triage(_) => {
            export_records(&export_database(cli, paths), export)?;
        }
        Export::Sessions(options) => {
            let path = export_database(cli, paths);
            export_program(&path, export::ProgramRecords::Sessions, today, options)?;
        }
        Export::Releases(options) => {
            let path = export_database(cli, paths);
            export_program(&path, export::ProgramRecords::Releases, today, options)?;
        }
        Export::Materials(options) => {
            let path = export_database(cli, paths);
            export_program(&path, export::ProgramRecords::Materials, today, options)?;
        }
    }
    Ok(())
}

/// The user's database: `--db`, else `T3_DB`, else the default file.
fn chosen_database(cli: &Cli, paths: &Paths) -> PathBuf {
    cli.db
        .clone()
        .or_else(env_database)
        .unwrap_or_else(|| paths.default_database())
}

/// The database an export reads: the demo one under `--demo`, else the user's.
fn export_database(cli: &Cli, paths: &Paths) -> PathBuf {
    if cli.demo {
        paths.demo_database()
    } else {
        chosen_database(cli, paths)
    }
}

/// The settings to run on: `--config`, else `T3_CONFIG`, each of which must name a file, else
/// `config.toml` in the config directory when there is one, else every default. Read before
/// anything is opened, so that a file t3 refuses leaves everything as it was.
fn load_config(cli: &Cli, paths: &Paths) -> Result<Config, ConfigError> {
    let config = match cli.config.clone().or_else(|| env_path("T3_CONFIG")) {
        Some(path) => {
            let config = Config::load_named(&path)?;
            tracing::info!(path = %path.display(), "config file in use");
            config
        }
        None => match paths.config_file() {
            Some(path) => Config::load(&path)?,
            None => Config::default(),
        },
    };
    tracing::info!(pass_marks = ?config.pass_marks, "config loaded");
    Ok(config)
}

/// The app's theme and mouse: `--theme` over the settings file's `theme` over `NO_COLOR`, and
/// the mouse when `--mouse` or the settings file asks. A theme that cannot be used is reported
/// on stderr and in the returned notice, and t3 runs without it.
fn interface(cli: &Cli, paths: &Paths, config: &Config) -> (ui::Interface, Option<String>) {
    let name = cli.theme.as_deref().or(config.theme.as_deref());
    let no_color = ui::themes::no_color_requested(std::env::var_os("NO_COLOR").as_deref());
    let chosen = ui::themes::choose(name, paths.themes_dir().as_deref(), no_color);
    if let Some(notice) = &chosen.notice {
        output::message(&format!("t3: {notice}"));
    }
    let interface = ui::Interface {
        theme: chosen.theme,
        mouse: cli.mouse || config.mouse,
    };
    (interface, chosen.notice)
}

/// Opens the app on `store` with this run's questionnaire and keys; what the user should know
/// of them (a migration, a file t3 could not use) shows in the status line at start.
fn open_app(
    cli: &Cli,
    paths: &Paths,
    store: Store,
    today: NaiveDate,
    config: &Config,
) -> anyhow::Result<ExitCode> {
    let (questionnaire, notice) = load_questionnaire(paths)?;
    let keys = load_keys(cli, paths);
    let (interface, theme_notice) = interface(cli, paths, config);
    let notice = [
        migration_notice(&store).or(notice),
        read_only::protected_notice(cli, &store),
        keys.notice(),
        theme_notice,
    ]
    .into_iter()
    .flatten()
    .reduce(|first, second| format!("{first}; {second}"));
    ui::run(
        store,
        today,
        questionnaire,
        config,
        keys.keymap,
        notice,
        interface,
    )
}

/// The keys to run on: `--keys`, else `T3_KEYS`, each of which must name a file, else
/// `keys.toml` in the config directory when there is one, else the defaults. A keys file never
/// stops t3: each problem is listed on stderr, where it is read once the app closes, and the
/// defaults stay for what it concerns.
fn load_keys(cli: &Cli, paths: &Paths) -> keys_file::Loaded {
    let loaded = match cli.keys.clone().or_else(|| env_path("T3_KEYS")) {
        Some(path) => keys_file::load(&path, true),
        None => paths
            .keys_file()
            .map(|path| keys_file::load(&path, false))
            .unwrap_or_default(),
    };
    for problem in &loaded.problems {
        output::message(&format!("t3: {problem}"));
    }
    loaded
}

/// Prints the keys in force as a keys file; exits 1 when the keys file has a line t3 did not
/// apply, each of which `load_keys` has named on stderr.
fn list_keys(cli: &Cli, paths: &Paths) -> anyhow::Result<ExitCode> {
    let loaded = load_keys(cli, paths);
    output::data(loaded.keymap.listing().as_bytes()).context("cannot write to standard output")?;
    Ok(if loaded.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
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
    let out = options.out.as_deref();
    deliver(
        &bytes,
        count,
        "assessments",
        path,
        out,
        options.format.as_str(),
    )
}

/// Writes the findings `t3 at-risk` lists (snoozed and resolved ones left out) to stdout or
/// `--out`, reading the database without changing it.
fn export_findings(
    cli: &Cli,
    paths: &Paths,
    today: NaiveDate,
    options: &ExportOptions,
) -> anyhow::Result<()> {
    let config = load_config(cli, paths)?;
    let path = export_database(cli, paths);
    let store = Store::open_read_only(&path)?;
    let selection = export::Selection {
        today,
        min_severity: Severity::Low,
        include_hidden: false,
    };
    let found = export::findings_of(&store, &config.risk, selection)?;
    let (bytes, count) = export::findings(&found, today, options.format)?;
    let out = options.out.as_deref();
    deliver(
        &bytes,
        count,
        "findings",
        &path,
        out,
        options.format.as_str(),
    )
}

/// Writes accounts, trainers, snapshots, attendance or triage in the columns `t3 import` reads to
/// stdout or `--out`, reading the database without changing it.
fn export_records(path: &Path, export: &Export) -> anyhow::Result<()> {
    let store = Store::open_read_only(path)?;
    tracing::info!(path = %path.display(), "database opened read-only");
    let (kind, options, (bytes, count)) = match export {
        Export::Accounts(options) => (
            Kind::Accounts,
            options,
            export::accounts(&store, options.format)?,
        ),
        Export::Trainers(options) => (
            Kind::Trainers,
            options,
            export::trainers(&store, options.format)?,
        ),
        Export::Snapshots(options) => (
            Kind::Snapshots,
            options,
            export::snapshots(&store, options.format)?,
        ),
        Export::Attendance(options) => (
            Kind::Attendance,
            options,
            export::attendance(&store, options.format)?,
        ),
        Export::Triage(options) => (
            Kind::Triage,
            options,
            export::triage(&store, options.format)?,
        ),
        other => bail!("{other:?} is not an export of records t3 imports"),
    };
    let out = options.out.as_deref();
    deliver(
        &bytes,
        count,
        kind.records(),
        path,
        out,
        options.format.as_str(),
    )
}

/// Writes where each trainer on the pathway stands to stdout or `--out`, reading the database
/// without changing it.
fn export_certifications(
    path: &Path,
    today: NaiveDate,
    config: &Config,
    options: &ExportOptions,
) -> anyhow::Result<()> {
    let store = Store::open_read_only(path)?;
    tracing::info!(path = %path.display(), "database opened read-only");
    let (bytes, count) = export::certifications(&store, today, config.pass_marks, options.format)?;
    let out = options.out.as_deref();
    deliver(
        &bytes,
        count,
        "certifications",
        path,
        out,
        options.format.as_str(),
    )
}

/// Writes the program's sessions, releases or materials to stdout or `--out`, reading the
/// database without changing it; materials are judged against the latest trained release
/// shipped by `today`.
fn export_program(
    path: &Path,
    records: export::ProgramRecords,
    today: NaiveDate,
    options: &ExportOptions,
) -> anyhow::Result<()> {
    let store = Store::open_read_only(path)?;
    tracing::info!(path = %path.display(), "database opened read-only");
    if records == export::ProgramRecords::Sessions {
        return export_sessions(&store, path, options);
    }
    let (bytes, count) = export::program(&store, records, today, options.format)?;
    let out = options.out.as_deref();
    deliver(
        &bytes,
        count,
        records.as_str(),
        path,
        out,
        options.format.as_str(),
    )
}

/// Writes the sessions to stdout or `--out` as they are read: a database holds them by the
/// million, and the export never holds them all.
fn export_sessions(store: &Store, database: &Path, options: &ExportOptions) -> anyhow::Result<()> {
    let format = options.format;
    let write = |out: &mut dyn std::io::Write| export::write_sessions(store, format, out);
    let count = match options.out.as_deref() {
        Some(out) => {
            export::refuse_database(out, database)?;
            let count = crate::files::write_atomically_with(out, write)?;
            output::message(&format!("t3: wrote {count} sessions to {}", out.display()));
            count
        }
        // A reader that stopped early got what it wanted; the count is of what was sent.
        None => output::data_with(write)?.unwrap_or_default(),
    };
    tracing::info!(count, format = format.as_str(), "sessions exported");
    Ok(())
}

/// Writes the syncs from `today` on as a calendar to stdout or `--out`, reading the database
/// without changing it; says which syncs it had to leave out.
fn export_syncs(
    path: &Path,
    today: NaiveDate,
    now: DateTime<Utc>,
    options: &CalendarOptions,
) -> anyhow::Result<()> {
    let store = Store::open_read_only(path)?;
    tracing::info!(path = %path.display(), "database opened read-only");
    let export = export::syncs(&store, today, now)?;
    for line in &export.left_out {
        output::message(&format!("t3: {line}"));
    }
    let out = options.out.as_deref();
    deliver(
        &export.bytes,
        export.events,
        "syncs",
        path,
        out,
        options.format.as_str(),
    )
}

/// Imports a file into the database as one transaction, or checks it against the database on
/// a dry run, which opens the file read-only (or, when there is no database yet, checks against
/// an empty one in memory, creating nothing). A refused file lists every bad row on stderr and
/// exits 1.
fn import_file(
    database: &Path,
    today: NaiveDate,
    options: &ImportOptions,
) -> anyhow::Result<ExitCode> {
    let mut store = if !options.dry_run {
        open(database)?
    } else if database.exists() {
        Store::open_read_only(database)?
    } else {
        Store::in_memory()?
    };
    let mut progress = output::Bar::default();
    let result = import::run(
        &mut store,
        options.kind,
        &options.file,
        options.dry_run,
        today,
        &mut progress,
    );
    progress.clear();
    match result {
        Ok(report) => {
            for line in report.lines() {
                output::message(&format!("t3: {}", sanitize(&line)));
            }
            if options.format == ImportFormat::Json {
                let mut bytes = serde_json::to_vec_pretty(&report)?;
                bytes.push(b'\n');
                output::data(&bytes).context("cannot write to standard output")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Rejected { file, errors }) => {
            for error in &errors {
                output::message(&format!(
                    "t3: {}: {}",
                    sanitize(&file),
                    sanitize(&error.to_string())
                ));
            }
            let refusal = ImportError::Rejected { file, errors };
            output::message(&format!("t3: {}", sanitize(&refusal.to_string())));
            tracing::warn!("import refused");
            Ok(ExitCode::FAILURE)
        }
        Err(ImportError::Store(error)) => Err(error.into()),
        Err(error) => {
            // The message may quote the file's header, which must not reach the terminal raw.
            output::message(&format!("t3: {}", sanitize(&error.to_string())));
            tracing::warn!("import refused");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// When a calendar export says it was made: midnight UTC of `--today` when one is given, so
/// that a chosen day always gives the same file, else the present moment.
fn export_stamp(today: Option<NaiveDate>) -> DateTime<Utc> {
    today.map_or_else(Utc::now, |today| {
        today.and_time(chrono::NaiveTime::MIN).and_utc()
    })
}

/// Writes an export to `out` (never over the database) or to stdout; `what` names its
/// records in the message and the log, `format` is logged.
fn deliver(
    bytes: &[u8],
    count: usize,
    what: &str,
    database: &Path,
    out: Option<&Path>,
    format: &str,
) -> anyhow::Result<()> {
    match out {
        Some(out) => {
            export::refuse_database(out, database)?;
            crate::files::write_atomically(out, bytes)?;
            output::message(&format!("t3: wrote {count} {what} to {}", out.display()));
        }
        None => output::data(bytes).context("cannot write to standard output")?,
    }
    tracing::info!(count, format, "{what} exported");
    Ok(())
}

/// Writes an account's QBR page to stdout or `--out`, reading the database without changing
/// it.
fn write_qbr(
    path: &Path,
    today: NaiveDate,
    config: &Config,
    options: &QbrOptions,
) -> anyhow::Result<()> {
    let store = Store::open_read_only(path)?;
    let accounts: Vec<_> = store
        .account_rows(today)?
        .into_iter()
        .map(|row| row.account)
        .collect();
    let account = metrics::find_account(&accounts, &options.account, "ACCOUNT")?;
    let page = crate::qbr::gather(&store, account.id, today, &config.risk)?.markdown();
    match options.out.as_deref() {
        Some(out) => {
            export::refuse_database(out, path)?;
            crate::files::write_atomically(out, page.as_bytes())?;
            output::message(&format!(
                "t3: wrote the QBR page of {} to {}",
                crate::ui::safe_text::sanitize(&account.fields.name),
                out.display()
            ));
        }
        None => output::data(page.as_bytes()).context("cannot write to standard output")?,
    }
    tracing::info!(account = account.id.0, "QBR page written");
    Ok(())
}

/// `T3_DB` names the database when `--db` does not.
fn env_database() -> Option<PathBuf> {
    env_path("T3_DB")
}

/// A path from the environment variable `name`; an empty value counts as unset.
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

fn open(path: &Path) -> anyhow::Result<Store> {
    let store = Store::open(path)?;
    tracing::info!(path = %path.display(), schema = store.schema_version()?, "database opened");
    if let Some(notice) = migration_notice(&store) {
        output::message(&format!("t3: {notice}"));
    }
    Ok(store)
}

/// Tells where the file as it was before this run's migration was kept, if there was one.
fn migration_notice(store: &Store) -> Option<String> {
    store.migration_backup().map(|backup| {
        format!(
            "the database was brought up to schema {}; the file as it was is kept at {}",
            crate::store::latest_schema_version(),
            backup.display()
        )
    })
}

/// `t3 check`: the report on stdout, exit 1 when anything is wrong.
fn check(path: &Path) -> anyhow::Result<ExitCode> {
    let report = Store::check(path)?;
    let mut text = format!(
        "{}\nschema version {} (this t3 writes {})\n",
        path.display(),
        report.schema_version,
        report.supported_version
    );
    if report.is_sound() {
        text.push_str("integrity ok, foreign keys ok\n");
    } else {
        for problem in &report.problems {
            text.push_str("problem: ");
            text.push_str(problem);
            text.push('\n');
        }
    }
    output::data(text.as_bytes()).context("cannot write to standard output")?;
    tracing::info!(problems = report.problems.len(), "database checked");
    Ok(if report.is_sound() {
        ExitCode::SUCCESS
    } else {
        output::message(&format!(
            "t3: {} has {} problem(s); restore a backup, or copy what reads back with t3 export",
            path.display(),
            report.problems.len()
        ));
        ExitCode::FAILURE
    })
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

fn seed_demo(
    path: &Path,
    today: NaiveDate,
    reset: bool,
    scale: args::DemoScale,
) -> anyhow::Result<()> {
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
    let counts = match scale {
        args::DemoScale::Ordinary => demo::seed(&mut store, today)?,
        args::DemoScale::Large => {
            let mut bar = output::Bar::default();
            demo::large::seed(&mut store, today, demo::large::Size::LARGE, &mut bar)?
        }
    };
    output::message(&format!(
        "t3: seeded {}: {} accounts, {} trainers, {} snapshots, {} notes, {} assessments, \
         {} module results, {} certifications, {} practicums, {} syncs, {} training sessions, \
         {} releases, {} materials, {} triage actions (today is {today})",
        path.display(),
        counts.accounts,
        counts.trainers,
        counts.snapshots,
        counts.notes,
        counts.assessments,
        counts.module_completions,
        counts.certifications,
        counts.practicums,
        counts.syncs,
        counts.sessions,
        counts.releases,
        counts.materials,
        counts.triage_actions
    ));
    Ok(())
}
