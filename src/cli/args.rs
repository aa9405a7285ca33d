//! The command line's shape, as clap reads it.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::metrics::Period;
use crate::domain::risk::Severity;
use crate::import::Kind;

/// A terminal desk for running train-the-trainer programs at enterprise customer accounts.
///
/// Without a subcommand, t3 opens the app on the database.
#[derive(Debug, Parser)]
#[command(name = "t3", version)]
pub struct Cli {
    /// Database file [default: `T3_DB`, else ~/.local/share/t3/t3.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Settings file [default: `T3_CONFIG`, else ~/.config/t3/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Keys file [default: `T3_KEYS`, else ~/.config/t3/keys.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub keys: Option<PathBuf>,

    /// Open the app on the demo database (created and filled the first time), never your own
    #[arg(long, conflicts_with = "db")]
    pub demo: bool,

    /// The app's colours: default, high-contrast, monochrome, or NAME for
    /// ~/.config/t3/themes/NAME.toml [default: `theme` in the settings file, else monochrome
    /// when `NO_COLOR` is set, else default]
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// Let clicks and the mouse wheel work in the app; off by default so the terminal's own
    /// text selection keeps working
    #[arg(long)]
    pub mouse: bool,

    /// Open the database read-only: every change is refused and the file is left exactly as it
    /// was, as when browsing a colleague's copy or a backup. `t3 demo` and `t3 import` (but for
    /// --dry-run) are refused
    #[arg(long, global = true)]
    pub readonly: bool,

    /// Take this date as today everywhere (dates, rules, the demo portfolio)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill a database with the demo portfolio (default: the demo database)
    Demo {
        /// Replace whatever accounts the database already holds
        #[arg(long)]
        reset: bool,

        /// How big a portfolio: the ordinary demo, or a large one of 5,000 accounts, 50,000
        /// trainers and a million training sessions (the ordinary demo among them) for
        /// measuring t3 at a large vendor's size
        #[arg(long, value_enum, default_value_t = DemoScale::Ordinary)]
        scale: DemoScale,
    },

    /// Write records out for spreadsheets and other tools; the database is only read
    #[command(subcommand)]
    Export(Export),

    /// Why accounts are at risk, worst first: findings of the risk rules on `--today`, with
    /// the reason and a suggested action. Exits 0 whether or not there are findings.
    AtRisk(AtRiskOptions),

    /// Write the QBR page of an account as Markdown: adoption trend, trainer engagement,
    /// coverage, open findings with next steps, and how T3 accounts compare
    Qbr(QbrOptions),

    /// The program metrics over a period ending on `--today`, for the portfolio or one
    /// account: session delivery, user coverage, T3 against other accounts (adoption depth,
    /// tickets per seat, NRR), renewals, and the patterns they show.
    Metrics(MetricsOptions),

    /// Copy the database to FILE with SQLite's online backup: safe while t3 is open on it in
    /// another terminal, and the copy appears whole or not at all
    Backup {
        /// Where the copy goes; an existing file there is replaced
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },

    /// Check the database: SQLite's integrity and foreign-key checks and the schema version.
    /// Exits 1 when anything is wrong
    Check,

    /// Import a CSV file, whole or not at all: rows are matched with the database by each
    /// kind's key (accounts by name, trainers by email), added or updated, and a file with any
    /// bad row changes nothing. Exits 1 when the file is refused.
    Import(ImportOptions),

    /// The keys in force, written as a keys file: every command's name and keys by section
    ///
    /// The keys file (`--keys`, `T3_KEYS`, else ~/.config/t3/keys.toml) is laid over the
    /// defaults. Each of its lines t3 did not apply is named on stderr, and the exit code is 1.
    Keys,
}

/// How big a demo portfolio `t3 demo` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoScale {
    Ordinary,
    Large,
}

#[derive(Debug, Args)]
pub struct ImportOptions {
    /// What the file holds; import accounts first, then trainers, then the rest
    #[arg(value_enum, value_name = "KIND")]
    pub kind: Kind,

    /// The CSV file (UTF-8, comma or semicolon separated, with a header row)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Check the file and say what would be added, updated and left unchanged, writing nothing
    #[arg(long)]
    pub dry_run: bool,

    /// The report: `text` on stderr for a person, or `json` on stdout for scripts
    #[arg(long, value_enum, default_value_t = ImportFormat::Text)]
    pub format: ImportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct QbrOptions {
    /// The account: its name, or the start of it when only one account's name starts so
    /// (case does not matter)
    #[arg(value_name = "ACCOUNT")]
    pub account: String,

    /// Write to this file, replacing it whole, instead of to standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MetricsOptions {
    /// `table` for a person (fits 80 columns), `json` for scripts.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// this-quarter, last-quarter or last-12-months.
    #[arg(long, value_name = "PERIOD", default_value = "last-12-months", value_parser = parse_period)]
    pub period: Period,

    /// One account's figures and rollout costs, by its name or the start of it (any case);
    /// archived accounts are left out.
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
}

fn parse_period(text: &str) -> Result<Period, String> {
    text.parse()
}

#[derive(Debug, Args)]
pub struct AtRiskOptions {
    /// `table` for a person (fits 80 columns), `json` for scripts.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Leave out findings below this severity.
    #[arg(long, value_name = "SEVERITY", default_value = "low", value_parser = parse_severity)]
    pub min_severity: Severity,

    /// List snoozed and resolved findings too.
    #[arg(long)]
    pub include_snoozed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    text.parse()
}

/// What `t3 export` can write.
#[derive(Debug, Subcommand)]
pub enum Export {
    /// Every selection assessment: trainer, review, criterion scores, recommendation, warnings
    Assessments(ExportOptions),
    /// Every trainer on the certification pathway: certified and expiry dates, state as of
    /// --today, renewals and modules passed, most urgent first
    Certifications(ExportOptions),
    /// Every Trainer Sync on or after --today as an iCalendar file to import into a calendar:
    /// scheduled and held ones confirmed, cancelled ones marked cancelled
    Syncs(CalendarOptions),
    /// The findings `t3 at-risk` lists (snoozed and resolved ones left out), as CSV or JSON.
    Findings(ExportOptions),
    /// Every training session trainers delivered, oldest first: trainer, account, date, topic,
    /// attendees and minutes
    Sessions(ExportOptions),
    /// Every product release in the order they shipped, in the columns `t3 import releases`
    /// reads, with how many materials were ready, late or missing for each one that touches
    /// trained workflows
    Releases(ExportOptions),
    /// Every version of every enablement material, in the columns `t3 import materials` reads,
    /// with whether the material is current or stale against the latest trained release
    /// shipped by --today
    Materials(ExportOptions),
    /// Every account, archived ones too, in the columns `t3 import accounts` reads
    Accounts(ExportOptions),
    /// Every trainer with account and status, in the columns `t3 import trainers` reads
    Trainers(ExportOptions),
    /// Every account snapshot, in the columns `t3 import snapshots` reads
    Snapshots(ExportOptions),
    /// Every attendance mark of the syncs not cancelled, in the columns
    /// `t3 import attendance` reads, with the trainer, account and sync title beside them
    Attendance(ExportOptions),
    /// Every triage action in force, oldest first: the finding's rule, account and trainer,
    /// the action, its detail, who took it and when, in the columns `t3 import triage` reads
    Triage(ExportOptions),
}

#[derive(Debug, Args)]
pub struct ExportOptions {
    /// Output format: csv (one row per record, ready for a spreadsheet) or json (an array)
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,

    /// Write to this file, replacing it whole, instead of to standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

/// The options of an export a calendar app reads, which is why its formats differ from a
/// spreadsheet's.
#[derive(Debug, Args)]
pub struct CalendarOptions {
    /// Output format: ics (iCalendar, which calendar apps import)
    #[arg(long, value_enum, default_value_t = CalendarFormat::Ics)]
    pub format: CalendarFormat,

    /// Write to this file, replacing it whole, instead of to standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarFormat {
    Ics,
}

impl CalendarFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ics => "ics",
        }
    }
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date: use YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn today_must_be_an_iso_date() {
        assert!(Cli::try_parse_from(["t3", "--today", "2026-06-15"]).is_ok());
        let error = Cli::try_parse_from(["t3", "--today", "15/06/2026"]).unwrap_err();
        assert!(error.to_string().contains("use YYYY-MM-DD"), "{error}");
    }

    #[test]
    fn export_defaults_to_csv_and_knows_only_its_formats() {
        let cli = Cli::try_parse_from(["t3", "export", "assessments"]).unwrap();
        let Some(Command::Export(Export::Assessments(options))) = cli.command else {
            panic!("not an assessments export: {cli:?}");
        };
        assert_eq!(options.format, Format::Csv);
        assert_eq!(options.out, None);
        let cli = Cli::try_parse_from(["t3", "export", "assessments", "--format", "json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Export(Export::Assessments(ExportOptions {
                format: Format::Json,
                ..
            })))
        ));
        let error =
            Cli::try_parse_from(["t3", "export", "assessments", "--format", "xml"]).unwrap_err();
        assert!(
            error.to_string().contains("possible values: csv, json"),
            "{error}"
        );
    }

    #[test]
    fn certifications_export_like_assessments() {
        let cli = Cli::try_parse_from([
            "t3",
            "export",
            "certifications",
            "--format",
            "json",
            "--out",
            "c.json",
        ])
        .unwrap();
        let Some(Command::Export(Export::Certifications(options))) = cli.command else {
            panic!("not a certifications export: {cli:?}");
        };
        assert_eq!(options.format, Format::Json);
        assert_eq!(options.out, Some(PathBuf::from("c.json")));
    }

    #[test]
    fn syncs_export_to_ics_and_refuse_spreadsheet_formats() {
        let cli = Cli::try_parse_from(["t3", "export", "syncs"]).unwrap();
        let Some(Command::Export(Export::Syncs(options))) = cli.command else {
            panic!("not a syncs export: {cli:?}");
        };
        assert_eq!(options.format, CalendarFormat::Ics);
        assert_eq!(options.out, None);
        let cli =
            Cli::try_parse_from(["t3", "export", "syncs", "--format", "ics", "--out", "s.ics"])
                .unwrap();
        let Some(Command::Export(Export::Syncs(options))) = cli.command else {
            panic!("not a syncs export: {cli:?}");
        };
        assert_eq!(options.out, Some(PathBuf::from("s.ics")));
        for format in ["csv", "json"] {
            let error =
                Cli::try_parse_from(["t3", "export", "syncs", "--format", format]).unwrap_err();
            assert!(
                error.to_string().contains("possible values: ics"),
                "{error}"
            );
        }
        let error =
            Cli::try_parse_from(["t3", "export", "assessments", "--format", "ics"]).unwrap_err();
        assert!(
            error.to_string().contains("possible values: csv, json"),
            "{error}"
        );
    }

    #[test]
    fn metrics_default_to_a_table_of_the_last_twelve_months() {
        let cli = Cli::try_parse_from(["t3", "metrics"]).unwrap();
        let Some(Command::Metrics(options)) = cli.command else {
            panic!("not metrics: {cli:?}");
        };
        assert_eq!(options.format, ReportFormat::Table);
        assert_eq!(options.period, Period::Last12Months);
        assert_eq!(options.account, None);
        let cli = Cli::try_parse_from([
            "t3",
            "metrics",
            "--period",
            "last-quarter",
            "--account",
            "harbor",
        ])
        .unwrap();
        let Some(Command::Metrics(options)) = cli.command else {
            panic!("not metrics: {cli:?}");
        };
        assert_eq!(options.period, Period::LastQuarter);
        assert_eq!(options.account.as_deref(), Some("harbor"));
        let error = Cli::try_parse_from(["t3", "metrics", "--period", "ytd"]).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("(this-quarter, last-quarter, last-12-months)"),
            "{error}"
        );
    }

    #[test]
    fn program_records_export_like_assessments() {
        for what in ["sessions", "releases", "materials"] {
            let cli = Cli::try_parse_from(["t3", "export", what, "--format", "json", "--out", "x"])
                .unwrap();
            let Some(Command::Export(
                Export::Sessions(options) | Export::Releases(options) | Export::Materials(options),
            )) = cli.command
            else {
                panic!("not a {what} export: {cli:?}");
            };
            assert_eq!(options.format, Format::Json, "{what}");
            assert_eq!(options.out, Some(PathBuf::from("x")), "{what}");
            let error = Cli::try_parse_from(["t3", "export", what, "--format", "ics"]).unwrap_err();
            assert!(
                error.to_string().contains("possible values: csv, json"),
                "{error}"
            );
        }
    }

    #[test]
    fn import_takes_a_kind_and_a_file() {
        let cli =
            Cli::try_parse_from(["t3", "import", "trainers", "crm.csv", "--dry-run"]).unwrap();
        let Some(Command::Import(options)) = cli.command else {
            panic!("not an import: {cli:?}");
        };
        assert_eq!(options.kind, Kind::Trainers);
        assert_eq!(options.file, PathBuf::from("crm.csv"));
        assert!(options.dry_run);
        assert_eq!(options.format, ImportFormat::Text);
        let error = Cli::try_parse_from(["t3", "import", "notes", "x.csv"]).unwrap_err();
        assert!(
            error.to_string().contains(
                "possible values: accounts, trainers, snapshots, certifications, attendance, \
                 sessions"
            ),
            "{error}"
        );
        assert!(Cli::try_parse_from(["t3", "import", "accounts"]).is_err());
    }

    #[test]
    fn config_is_global() {
        let cli =
            Cli::try_parse_from(["t3", "export", "certifications", "--config", "x.toml"]).unwrap();
        assert_eq!(cli.config, Some(PathBuf::from("x.toml")));
    }

    #[test]
    fn demo_and_db_do_not_mix() {
        assert!(Cli::try_parse_from(["t3", "--demo", "--db", "x.db"]).is_err());
    }
}
