//! t3's settings file, `config.toml`: the pass mark of each certification module, the
//! thresholds the risk rules judge by, and the rates the rollout arithmetic costs with.
//!
//! Every section and every key may be left out, and a missing file means every default. A key
//! t3 does not know, or a value it cannot use, is an error naming the file, line, column and key;
//! callers refuse to start on it rather than run on settings the user did not mean. This module
//! only reads: it never writes the file.

use std::fmt;
use std::io::ErrorKind;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::domain::certification::PassMarks;
use crate::domain::metrics::RolloutRates;
use crate::domain::risk::Thresholds;

/// Everything `config.toml` can set; a section left out keeps its defaults whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `[pass_marks]`: the score each certification module needs to count as passed.
    pub pass_marks: PassMarks,
    /// `[risk]`: when each risk rule fires and how close a renewal raises an account's findings.
    pub risk: Thresholds,
    /// `[triage]`: who triage actions are recorded as.
    pub triage: TriageSettings,
    /// `[program]`: what the vendor's hours cost, for an account's rollout both ways.
    pub program: RolloutRates,
    /// `theme`: the app's colours, a built-in theme or a file in the config directory's
    /// `themes` folder; `--theme` overrides it.
    pub theme: Option<String>,
    /// `mouse`: clicks and the wheel work in the app, at the cost of the terminal's own text
    /// selection; `--mouse` turns it on for one run.
    pub mouse: bool,
}

/// The `[triage]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TriageSettings {
    /// The name every triage action is recorded under; the login name when left out.
    pub user: Option<String>,
}

/// Who acts when nobody says: the configured name, else the login name from the environment.
const NOBODY: &str = "unknown";

impl Config {
    /// The name triage actions are recorded under: `[triage] user`, else `$USER` (or
    /// `$LOGNAME`, `$USERNAME`), else "unknown".
    pub fn triage_user(&self) -> String {
        self.triage_user_with(|name| std::env::var(name).ok())
    }

    fn triage_user_with(&self, variable: impl Fn(&str) -> Option<String>) -> String {
        let configured = self.triage.user.clone();
        configured
            .into_iter()
            .chain(
                ["USER", "LOGNAME", "USERNAME"]
                    .into_iter()
                    .filter_map(variable),
            )
            .map(|name| name.trim().to_string())
            .find(|name| !name.is_empty())
            .unwrap_or_else(|| NOBODY.to_string())
    }
}

/// A config file t3 cannot use, and where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file's path, as given.
    pub source: String,
    /// Line and column of the problem, both counted from 1, when it is in the text.
    pub position: Option<(usize, usize)>,
    /// The key concerned, dotted (`pass_marks.practicum`), when the problem is on one.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some((line, column)) = self.position {
            write!(f, ", line {line}, column {column}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ", key {key}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the config file at `path`, the usual place; when there is no file there, every
    /// default applies.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text, &path.display().to_string()),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(unreadable(path, &error)),
        }
    }

    /// Reads a config file the user named (`--config`, `T3_CONFIG`). Unlike [`Config::load`] a
    /// missing file is an error: a mistyped name must not quietly mean the defaults.
    pub fn load_named(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| unreadable(path, &error))?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Reads a config file's text; `source` names it in error messages.
    pub fn parse(text: &str, source: &str) -> Result<Self, ConfigError> {
        parse_toml(text, source)
    }
}

/// Reads TOML text into `T`; an error names `source`, the line, column and key, as the config
/// file's own errors do. Other settings files (a user's theme) read through it too.
pub(crate) fn parse_toml<T: DeserializeOwned>(text: &str, source: &str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|error| {
        let span = error.span();
        ConfigError {
            source: source.to_string(),
            position: span.as_ref().map(|span| position_of(text, span.start)),
            key: span.and_then(|span| key_at(text, span.start)),
            message: error.message().trim().to_string(),
        }
    })
}

fn unreadable(path: &Path, error: &std::io::Error) -> ConfigError {
    let message = if error.kind() == ErrorKind::NotFound {
        "there is no such file".to_string()
    } else {
        format!("cannot be read ({error})")
    };
    ConfigError {
        source: path.display().to_string(),
        position: None,
        key: None,
        message,
    }
}

/// Line and column (in characters) of the byte `offset`, both counted from 1.
fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The dotted key on the line holding byte `offset`: a table header's name, or the key before
/// the line's `=` under the nearest header above it. toml reports where a problem is but not
/// which key it sits on; config files are `key = value` lines, which this reads well enough.
/// A line with no key on it (a stray word, the end of the file) names none.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = text[line_start..].lines().next().unwrap_or_default().trim();
    if let Some(name) = header(line) {
        return Some(name.to_string());
    }
    let key = line
        .split_once('=')
        .map(|(key, _)| key.trim())
        .filter(|key| !key.is_empty())?;
    let table = text[..line_start]
        .lines()
        .rev()
        .find_map(|line| header(line.trim()));
    Some(match table {
        Some(table) => format!("{table}.{key}"),
        None => key.to_string(),
    })
}

/// The name in a `[table]` or `[[array]]` header line.
fn header(line: &str) -> Option<&str> {
    let name = line.strip_prefix('[')?.trim_start_matches('[');
    Some(name.split(']').next().unwrap_or(name).trim())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn error_of(text: &str) -> ConfigError {
        Config::parse(text, "config.toml").unwrap_err()
    }

    #[test]
    fn an_empty_file_means_every_default() {
        assert_eq!(Config::parse("", "config.toml"), Ok(Config::default()));
        assert_eq!(
            Config::parse("[pass_marks]\n", "config.toml"),
            Ok(Config::default())
        );
    }

    #[test]
    fn a_key_left_out_keeps_its_default() {
        let text = "# stricter practicums\n[pass_marks]\npracticum = 85\nfacilitation_skills = 0\n";
        let config = Config::parse(text, "config.toml").unwrap();
        assert_eq!(
            config.pass_marks,
            PassMarks {
                practicum: 85,
                facilitation_skills: 0,
                ..PassMarks::default()
            }
        );
    }

    #[test]
    fn every_key_can_be_set() {
        let text = "[pass_marks]\nextended_assessment = 100\nfacilitation_skills = 60\n\
                    troubleshooting_deep_dive = 65\npracticum = 50\n";
        let marks = Config::parse(text, "config.toml").unwrap().pass_marks;
        assert_eq!(
            marks,
            PassMarks {
                extended_assessment: 100,
                facilitation_skills: 60,
                troubleshooting_deep_dive: 65,
                practicum: 50,
            }
        );
    }

    #[test]
    fn a_mistyped_key_is_refused_with_its_line_and_name() {
        let error = error_of("[pass_marks]\npracticum = 70\npractcum = 60\n");
        assert_eq!(error.position, Some((3, 1)));
        assert_eq!(error.key.as_deref(), Some("pass_marks.practcum"));
        assert!(
            error.message.contains("unknown field `practcum`"),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .starts_with("config.toml, line 3, column 1, key pass_marks.practcum: "),
            "{error}"
        );
    }

    #[test]
    fn an_unknown_section_is_refused() {
        let error = error_of("[pass_marks]\npracticum = 70\n\n[pass_mark]\npracticum = 60\n");
        assert_eq!(error.position.map(|(line, _)| line), Some(4), "{error}");
        assert_eq!(error.key.as_deref(), Some("pass_mark"), "{error}");
        assert!(
            error.message.contains("unknown field `pass_mark`"),
            "{error}"
        );
    }

    #[test]
    fn marks_stay_on_the_score_scale() {
        let cases = [
            ("101", "101 is not a score from 0 to 100"),
            ("-1", "-1 is not a score from 0 to 100"),
            ("300", "300 is not a score from 0 to 100"),
            ("\"seventy\"", "invalid type: string \"seventy\""),
            ("72.5", "invalid type: floating point `72.5`"),
        ];
        for (value, expected) in cases {
            let error = error_of(&format!(
                "[pass_marks]\nextended_assessment = 80\nfacilitation_skills = {value}\n"
            ));
            assert_eq!(error.position, Some((3, 23)), "{value}: {error}");
            assert_eq!(
                error.key.as_deref(),
                Some("pass_marks.facilitation_skills"),
                "{value}"
            );
            assert!(error.message.contains(expected), "{value}: {error}");
        }
    }

    #[test]
    fn broken_toml_names_its_line_and_key() {
        let error = error_of("[pass_marks]\nextended_assessment = 80\npracticum = 7o\n");
        assert_eq!(error.position.map(|(line, _)| line), Some(3), "{error}");
        assert_eq!(
            error.key.as_deref(),
            Some("pass_marks.practicum"),
            "{error}"
        );
        let text = error.to_string();
        assert!(text.starts_with("config.toml, line 3, column "), "{text}");
        assert!(text.contains(", key pass_marks.practicum: "), "{text}");

        let error = error_of("[pass_marks]\npracticum = \n");
        assert_eq!(error.position.map(|(line, _)| line), Some(2), "{error}");
        assert_eq!(
            error.key.as_deref(),
            Some("pass_marks.practicum"),
            "{error}"
        );
    }

    #[test]
    fn a_whole_section_of_the_wrong_type_is_named() {
        let error = error_of("pass_marks = 70\n");
        assert_eq!(error.position.map(|(line, _)| line), Some(1), "{error}");
        assert_eq!(error.key.as_deref(), Some("pass_marks"), "{error}");
    }

    #[test]
    fn a_partial_risk_section_keeps_the_other_thresholds() {
        let text = "[pass_marks]\npracticum = 85\n\n[risk]\nexpiring_within_days = 60\n\
                    renewal_within_days = 120\n";
        let config = Config::parse(text, "config.toml").unwrap();
        assert_eq!(
            config.risk,
            Thresholds {
                expiring_within_days: 60,
                renewal_within_days: 120,
                ..Thresholds::default()
            }
        );
        assert_eq!(config.pass_marks.practicum, 85);
        assert_eq!(
            Config::parse("[risk]\n", "config.toml"),
            Ok(Config::default())
        );
    }

    #[test]
    fn every_risk_threshold_can_be_set() {
        let text = "[risk]\nexpiring_within_days = 14\nmissed_quarters = 3\n\
                    dark_after_days = 60\nnew_feature_adoption_below = 25\n\
                    coverage_after_months = 9\ncoverage_below_percent = 40\n\
                    renewal_within_days = 180\n";
        let risk = Config::parse(text, "config.toml").unwrap().risk;
        assert_eq!(
            risk,
            Thresholds {
                expiring_within_days: 14,
                missed_quarters: 3,
                dark_after_days: 60,
                new_feature_adoption_below: 25,
                coverage_after_months: 9,
                coverage_below_percent: 40,
                renewal_within_days: 180,
            }
        );
    }

    #[test]
    fn an_unknown_risk_key_is_refused_with_its_line_and_name() {
        let error = error_of("[risk]\ndark_after_days = 60\nexpiring_days = 14\n");
        assert_eq!(error.position, Some((3, 1)), "{error}");
        assert_eq!(error.key.as_deref(), Some("risk.expiring_days"), "{error}");
        assert!(
            error.message.contains("unknown field `expiring_days`"),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .starts_with("config.toml, line 3, column 1, key risk.expiring_days: "),
            "{error}"
        );
    }

    #[test]
    fn a_risk_threshold_of_the_wrong_type_is_named() {
        let cases = [
            (
                "dark_after_days",
                "\"ninety\"",
                "invalid type: string \"ninety\"",
            ),
            ("dark_after_days", "-1", "invalid value: integer `-1`"),
            (
                "dark_after_days",
                "90.5",
                "invalid type: floating point `90.5`",
            ),
            (
                "coverage_below_percent",
                "300",
                "invalid value: integer `300`",
            ),
        ];
        for (key, value, expected) in cases {
            let error = error_of(&format!(
                "[pass_marks]\npracticum = 70\n\n[risk]\nmissed_quarters = 2\n{key} = {value}\n"
            ));
            assert_eq!(
                error.position,
                Some((6, key.len() + 4)),
                "{key} = {value}: {error}"
            );
            assert_eq!(
                error.key.as_deref(),
                Some(format!("risk.{key}").as_str()),
                "{value}"
            );
            assert!(error.message.contains(expected), "{key} = {value}: {error}");
        }
    }

    #[test]
    fn the_program_section_sets_the_rollout_rates() {
        let config = Config::parse("[program]\nhourly_rate = 200\n", "config.toml").unwrap();
        assert_eq!(
            config.program,
            RolloutRates {
                hourly_rate: 200,
                ..RolloutRates::default()
            }
        );
        let text = "[program]\nhourly_rate = 120\ncertification_hours_per_trainer = 30\n";
        let program = Config::parse(text, "config.toml").unwrap().program;
        assert_eq!(
            program,
            RolloutRates {
                hourly_rate: 120,
                certification_hours_per_trainer: 30,
            }
        );
        assert_eq!(
            Config::parse("[program]\n", "config.toml"),
            Ok(Config::default())
        );
    }

    #[test]
    fn an_unknown_program_key_is_refused_with_its_line_and_name() {
        let error = error_of("[program]\nhourly_rate = 150\nday_rate = 1200\n");
        assert_eq!(error.position, Some((3, 1)), "{error}");
        assert_eq!(error.key.as_deref(), Some("program.day_rate"), "{error}");
        assert!(
            error.message.contains("unknown field `day_rate`"),
            "{error}"
        );
        let error = error_of("[program]\nhourly_rate = -5\n");
        assert_eq!(error.key.as_deref(), Some("program.hourly_rate"), "{error}");
        assert!(error.message.contains("invalid value"), "{error}");
    }

    #[test]
    fn the_triage_user_comes_from_the_config_then_the_environment() {
        let env = |name: &str| (name == "LOGNAME").then(|| "dana".to_string());
        assert_eq!(Config::default().triage_user_with(env), "dana");
        assert_eq!(Config::default().triage_user_with(|_| None), "unknown");
        let config = Config::parse("[triage]\nuser = \"Priya Raman\"\n", "config.toml").unwrap();
        assert_eq!(config.triage_user_with(env), "Priya Raman");
        let blank = Config::parse("[triage]\nuser = \"  \"\n", "config.toml").unwrap();
        assert_eq!(
            blank.triage_user_with(env),
            "dana",
            "a blank name is no name"
        );
        let error = error_of("[triage]\nname = \"x\"\n");
        assert_eq!(error.key.as_deref(), Some("triage.name"), "{error}");
    }

    #[test]
    fn the_theme_and_the_mouse_are_top_level_keys() {
        let config = Config::parse("theme = \"paper\"\nmouse = true\n", "config.toml").unwrap();
        assert_eq!(config.theme.as_deref(), Some("paper"));
        assert!(config.mouse);
        let defaults = Config::default();
        assert_eq!((defaults.theme, defaults.mouse), (None, false));
        let error = error_of("mouse = \"yes\"\n");
        assert_eq!(error.key.as_deref(), Some("mouse"), "{error}");
        assert_eq!(error.position.map(|(line, _)| line), Some(1), "{error}");
    }

    #[test]
    fn keys_are_found_under_their_table() {
        let text = "top = 1\n[pass_marks]\n  practicum = 7o\n[[later]]\nx = \n";
        let at = |needle: &str| key_at(text, text.find(needle).unwrap());
        assert_eq!(at("top").as_deref(), Some("top"));
        assert_eq!(at("[pass_marks]").as_deref(), Some("pass_marks"));
        assert_eq!(at("7o").as_deref(), Some("pass_marks.practicum"));
        assert_eq!(at("[[later]]").as_deref(), Some("later"));
        assert_eq!(at("x =").as_deref(), Some("later.x"));
        assert_eq!(key_at(text, text.len()), None);
        assert_eq!(key_at("just words\n", 5), None);
    }

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "a = 1\n# café\nb = é2\n";
        assert_eq!(position_of(text, 0), (1, 1));
        assert_eq!(position_of(text, text.find("é2").unwrap()), (3, 5));
        assert_eq!(position_of(text, text.len()), (4, 1));
    }

    #[test]
    fn a_missing_file_means_defaults_unless_it_was_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path), Ok(Config::default()));
        let error = Config::load_named(&path).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("config.toml: there is no such file"),
            "{error}"
        );

        fs::write(&path, "[pass_marks]\npracticum = 90\n").unwrap();
        for loaded in [Config::load(&path), Config::load_named(&path)] {
            assert_eq!(loaded.unwrap().pass_marks.practicum, 90);
        }
    }

    #[test]
    fn an_unreadable_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be cannot be read as text.
        let path = dir.path().join("config.toml");
        fs::create_dir(&path).unwrap();
        let error = Config::load(&path).unwrap_err();
        assert_eq!(error.source, path.display().to_string());
        assert!(error.message.starts_with("cannot be read"), "{error}");
    }
}
