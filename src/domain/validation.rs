//! Turning what a user typed into domain values, with messages that name the field.
//!
//! Forms and (later) CSV import share these parsers, so a date or a seat count is judged the
//! same way wherever it comes from.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::certification::{Module, ModuleCompletion};
use super::program::SessionFields;
use super::sync::{DEFAULT_DURATION_MINUTES, SyncFields};
use super::{AccountFields, AccountId, T3Status, TrainerFields};

mod program;

pub use program::{
    MaterialInput, MaterialUpdate, MaterialVersionInput, NO_RELEASE, NewMaterial, ReleaseInput,
    validate_material, validate_material_version, validate_release,
};

/// One problem with one field, written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's key, as named in the form and in import headers (`seats`, `renewal_date`).
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// What the user typed into an account form, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountInput {
    pub name: String,
    pub segment: String,
    pub seats: String,
    pub csm_owner: String,
    pub rollout_start: String,
    pub renewal_date: String,
    pub annual_value: String,
    pub t3_status: String,
}

/// What the user typed into a trainer form; the account is given by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainerInput {
    pub account: String,
    pub name: String,
    pub email: String,
    pub title: String,
    pub department: String,
}

/// Checks an account form against the names already taken (by other accounts).
///
/// Every problem is reported, not just the first, so the user can fix them in one pass.
pub fn validate_account(
    input: &AccountInput,
    name_taken: impl Fn(&str) -> bool,
) -> Result<AccountFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = required(&mut errors, "name", &input.name);
    if !name.is_empty() && name_taken(&name) {
        errors.push(FieldError::new(
            "name",
            format!("an account named '{name}' already exists"),
        ));
    }
    let segment = required(&mut errors, "segment", &input.segment);
    let seats = collect(&mut errors, parse_positive("seats", &input.seats));
    let csm_owner = input.csm_owner.trim().to_string();
    let rollout_start = collect(
        &mut errors,
        parse_optional_date("rollout_start", &input.rollout_start),
    );
    let renewal_date = collect(
        &mut errors,
        parse_optional_date("renewal_date", &input.renewal_date),
    );
    let annual_value = collect(
        &mut errors,
        parse_amount("annual_value", &input.annual_value),
    );
    let t3_status = collect(
        &mut errors,
        input
            .t3_status
            .parse::<T3Status>()
            .map_err(|message| FieldError::new("t3_status", message)),
    );
    match (seats, rollout_start, renewal_date, annual_value, t3_status) {
        (
            Some(seats),
            Some(rollout_start),
            Some(renewal_date),
            Some(annual_value),
            Some(t3_status),
        ) if errors.is_empty() => Ok(AccountFields {
            name,
            segment,
            seats,
            csm_owner,
            rollout_start,
            renewal_date,
            annual_value,
            t3_status,
        }),
        _ => Err(errors),
    }
}

/// Checks a trainer form; `find_account` resolves an account name (case-insensitively) and
/// `email_taken` says whether another trainer already uses the address.
pub fn validate_trainer(
    input: &TrainerInput,
    find_account: impl Fn(&str) -> Option<AccountId>,
    email_taken: impl Fn(&str) -> bool,
) -> Result<TrainerFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let account_name = required(&mut errors, "account", &input.account);
    let account_id = if account_name.is_empty() {
        None
    } else {
        let found = find_account(&account_name);
        if found.is_none() {
            errors.push(FieldError::new(
                "account",
                format!("no account named '{account_name}'"),
            ));
        }
        found
    };
    let name = required(&mut errors, "name", &input.name);
    let email = collect(&mut errors, parse_email("email", &input.email));
    if let Some(email) = &email
        && email_taken(email)
    {
        errors.push(FieldError::new(
            "email",
            format!("another trainer already uses {email}"),
        ));
    }
    match (account_id, email) {
        (Some(account_id), Some(email)) if errors.is_empty() => Ok(TrainerFields {
            account_id,
            name,
            email,
            title: input.title.trim().to_string(),
            department: input.department.trim().to_string(),
        }),
        _ => Err(errors),
    }
}

fn required(errors: &mut Vec<FieldError>, field: &'static str, text: &str) -> String {
    let value = text.trim().to_string();
    if value.is_empty() {
        errors.push(FieldError::new(field, "cannot be empty"));
    }
    value
}

fn collect<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|error| errors.push(error)).ok()
}

/// A module result as typed into its form.
#[derive(Debug, Clone, Default)]
pub struct ModuleResultInput {
    pub module: String,
    pub completed_on: String,
    pub score: String,
    pub evaluator: String,
    pub note: String,
}

/// Checks a module result: a known module, a date no later than `today`, a score from 0 to
/// 100 and a named evaluator. Every problem is reported at once, each by its field.
pub fn validate_module_result(
    input: &ModuleResultInput,
    today: NaiveDate,
) -> Result<ModuleCompletion, Vec<FieldError>> {
    let mut errors = Vec::new();
    let module = collect(
        &mut errors,
        input
            .module
            .parse::<Module>()
            .map_err(|message| FieldError::new("module", message)),
    );
    let completed_on = collect(&mut errors, parse_date("completed_on", &input.completed_on))
        .and_then(|day| {
            if day > today {
                errors.push(FieldError::new(
                    "completed_on",
                    format!("{day} is after today ({today}): record a result once it is in"),
                ));
                None
            } else {
                Some(day)
            }
        });
    let score = input.score.trim();
    let score = match score.parse::<u8>() {
        Ok(value) if value <= 100 => Some(value),
        _ => {
            errors.push(FieldError::new(
                "score",
                format!("'{score}' is not a score from 0 to 100"),
            ));
            None
        }
    };
    let evaluator = required(&mut errors, "evaluator", &input.evaluator);
    match (module, completed_on, score) {
        (Some(module), Some(completed_on), Some(score)) if errors.is_empty() => {
            Ok(ModuleCompletion {
                module,
                completed_on,
                score,
                evaluator,
                note: input.note.trim().to_string(),
            })
        }
        _ => Err(errors),
    }
}

/// The most attendees a session can have: a company-wide broadcast, not a typo of a year.
pub const MAX_ATTENDEES: u32 = 10_000;

/// The longest a session can run, in minutes: a whole day.
pub const MAX_SESSION_MINUTES: u32 = 24 * 60;

/// A training session as typed into its form.
#[derive(Debug, Clone, Default)]
pub struct SessionInput {
    pub held_on: String,
    pub topic: String,
    pub attendees: String,
    pub duration_minutes: String,
}

/// Checks a session: a date no later than `today` (a session is logged once it was held), a
/// topic, attendees from 0 to 10,000 (nobody came is worth recording) and a duration from a
/// minute to a day. Every problem is reported at once, each by its field.
pub fn validate_session(
    input: &SessionInput,
    today: NaiveDate,
) -> Result<SessionFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let held_on = collect(&mut errors, parse_date("held_on", &input.held_on)).and_then(|day| {
        if day > today {
            errors.push(FieldError::new(
                "held_on",
                format!("{day} is after today: log a session once it is held"),
            ));
            None
        } else {
            Some(day)
        }
    });
    // A topic is one line of plain words: tabs and line breaks that came with a paste are
    // spaces, and control characters are dropped rather than stored.
    let topic: String = input
        .topic
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect::<String>()
        .split(' ')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if topic.is_empty() {
        errors.push(FieldError::new("topic", "cannot be empty"));
    }
    let attendees = collect(
        &mut errors,
        parse_in_range(
            "attendees",
            &input.attendees,
            0..=MAX_ATTENDEES,
            "a number of attendees",
        ),
    );
    let duration_minutes = collect(
        &mut errors,
        parse_in_range(
            "duration_minutes",
            &input.duration_minutes,
            1..=MAX_SESSION_MINUTES,
            "a duration in minutes",
        ),
    );
    match (held_on, attendees, duration_minutes) {
        (Some(held_on), Some(attendees), Some(duration_minutes)) if errors.is_empty() => {
            Ok(SessionFields {
                held_on,
                topic,
                attendees,
                duration_minutes,
            })
        }
        _ => Err(errors),
    }
}

/// A whole number within `range`; thousands separators are allowed. `what` names the
/// quantity in the message ("a number of attendees").
fn parse_in_range(
    field: &'static str,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
    what: &str,
) -> Result<u32, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "cannot be empty"));
    }
    match text.replace(['_', ','], "").parse::<u32>() {
        Ok(value) if range.contains(&value) => Ok(value),
        _ => Err(FieldError::new(
            field,
            format!(
                "'{text}' is not {what} from {} to {}",
                range.start(),
                range.end()
            ),
        )),
    }
}

/// A Trainer Sync as typed into its form.
#[derive(Debug, Clone, Default)]
pub struct SyncInput {
    pub title: String,
    pub date: String,
    pub time: String,
    pub time_zone: String,
    pub duration: String,
    pub agenda: String,
    pub recording_link: String,
}

/// Checks a sync: a title, a date, a wall time that exists in a known IANA time zone, a
/// duration from 15 minutes to 8 hours (empty means an hour), and a recording link that is a
/// web address when given.
pub fn validate_sync(input: &SyncInput) -> Result<SyncFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = required(&mut errors, "title", &input.title);
    let date = collect(&mut errors, parse_date("date", &input.date));
    let time_text = input.time.trim();
    let time = NaiveTime::parse_from_str(time_text, "%H:%M").map_err(|_| {
        FieldError::new(
            "time",
            format!("'{time_text}' is not a time: use HH:MM, 24-hour"),
        )
    });
    let time = collect(&mut errors, time);
    let zone_text = input.time_zone.trim();
    let time_zone = zone_text.parse::<Tz>().map_err(|_| {
        FieldError::new(
            "time_zone",
            format!(
                "'{zone_text}' is not a time zone: use a name like Europe/Berlin or America/New_York"
            ),
        )
    });
    let time_zone = collect(&mut errors, time_zone);
    let duration_text = input.duration.trim();
    let duration_minutes = if duration_text.is_empty() {
        Some(DEFAULT_DURATION_MINUTES)
    } else {
        match duration_text.parse::<u32>() {
            Ok(minutes) if (15..=480).contains(&minutes) => Some(minutes),
            _ => {
                errors.push(FieldError::new(
                    "duration",
                    format!("'{duration_text}' is not a duration from 15 to 480 minutes"),
                ));
                None
            }
        }
    };
    let recording_link = input.recording_link.trim().to_string();
    let is_web_address =
        recording_link.starts_with("https://") || recording_link.starts_with("http://");
    if !recording_link.is_empty() && !is_web_address {
        errors.push(FieldError::new(
            "recording_link",
            "must be a web address starting https:// (or empty until there is a recording)",
        ));
    }
    let (Some(date), Some(time), Some(time_zone), Some(duration_minutes)) =
        (date, time, time_zone, duration_minutes)
    else {
        return Err(errors);
    };
    let fields = SyncFields {
        title,
        starts_at: date.and_time(time),
        time_zone,
        duration_minutes,
        agenda: input.agenda.trim_end().to_string(),
        recording_link,
    };
    if fields.starts_utc().is_none() {
        errors.push(FieldError::new(
            "time",
            format!(
                "{time_text} does not exist on {date} in {zone_text}: the clocks go forward then"
            ),
        ));
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(errors)
    }
}

/// A calendar date written as `YYYY-MM-DD`.
pub fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate, FieldError> {
    let text = text.trim();
    if let Some(day) = plain_iso_date(text.as_bytes()) {
        return Ok(day);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, format!("'{text}' is not a date: use YYYY-MM-DD")))
}

/// `YYYY-MM-DD` exactly, every digit present, if it names a real day; `None` for anything
/// else. Read digit by digit rather than through chrono's format parser, which whole-table
/// reads and million-row imports feel; callers fall back to the usual parser on `None`, so
/// the result or the error is the same either way.
pub fn plain_iso_date(text: &[u8]) -> Option<NaiveDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = text else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0_u32, |total, &digit| {
            digit
                .is_ascii_digit()
                .then(|| total * 10 + u32::from(digit - b'0'))
        })
    };
    let year = i32::try_from(number(&[y0, y1, y2, y3])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&[m0, m1])?, number(&[d0, d1])?)
}

/// Like [`parse_date`], but an empty field means "not set".
pub fn parse_optional_date(
    field: &'static str,
    text: &str,
) -> Result<Option<NaiveDate>, FieldError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(field, text).map(Some)
    }
}

/// A whole number above zero, such as a seat count.
pub fn parse_positive(field: &'static str, text: &str) -> Result<u32, FieldError> {
    let text = text.trim();
    match text.replace(['_', ','], "").parse::<u32>() {
        Ok(value) if value > 0 => Ok(value),
        _ => Err(FieldError::new(
            field,
            format!("'{text}' is not a whole number above 0"),
        )),
    }
}

/// A money amount in whole units; thousands separators are allowed, empty means zero.
pub fn parse_amount(field: &'static str, text: &str) -> Result<u64, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.replace(['_', ','], "").parse::<u64>().map_err(|_| {
        FieldError::new(
            field,
            format!("'{text}' is not a whole amount, like 120000"),
        )
    })
}

/// An email address: something, an `@`, and a domain with a dot.
pub fn parse_email(field: &'static str, text: &str) -> Result<String, FieldError> {
    let text = text.trim();
    let well_formed = text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    });
    if well_formed && !text.contains(char::is_whitespace) {
        Ok(text.to_string())
    } else if text.is_empty() {
        Err(FieldError::new(field, "cannot be empty"))
    } else {
        Err(FieldError::new(
            field,
            format!("'{text}' is not an email address (name@company.com)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_iso_dates_read_as_chronos_parser_reads_them() {
        for text in [
            "2026-06-05",
            "0000-01-01",
            "9999-12-31",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-6-5",
            "2026/06/05",
            "+2026-06-05",
            "2026-06-5x",
            "２０２６-06-05",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            let plain = plain_iso_date(text.as_bytes());
            assert!(plain.is_none() || plain == chrono, "{text}");
            assert_eq!(parse_date("held_on", text).ok(), chrono, "{text}");
        }
    }

    fn sync_input() -> SyncInput {
        SyncInput {
            title: "Q1 Trainer Sync".into(),
            date: "2027-03-09".into(),
            time: "16:00".into(),
            time_zone: "Europe/Berlin".into(),
            duration: String::new(),
            agenda: "Release 27.1\nQuestions\n".into(),
            recording_link: String::new(),
        }
    }

    #[test]
    fn a_sync_is_checked_field_by_field() {
        let fields = validate_sync(&sync_input()).unwrap();
        assert_eq!(fields.duration_minutes, 60, "an hour unless said otherwise");
        assert_eq!(fields.agenda, "Release 27.1\nQuestions");
        assert_eq!(fields.time_zone, chrono_tz::Europe::Berlin);

        let bad = SyncInput {
            title: " ".into(),
            date: "2027-02-30".into(),
            time: "4pm".into(),
            time_zone: "Mars/Olympus".into(),
            duration: "5".into(),
            agenda: String::new(),
            recording_link: "zoom".into(),
        };
        let errors = validate_sync(&bad).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|error| error.field).collect();
        assert_eq!(
            fields,
            [
                "title",
                "date",
                "time",
                "time_zone",
                "duration",
                "recording_link"
            ]
        );
    }

    #[test]
    fn a_wall_time_the_clocks_skip_is_refused() {
        let input = SyncInput {
            date: "2027-03-14".into(),
            time: "02:30".into(),
            time_zone: "America/New_York".into(),
            ..sync_input()
        };
        let errors = validate_sync(&input).unwrap_err();
        assert_eq!(errors[0].field, "time");
        assert!(
            errors[0].message.contains("clocks go forward"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_module_result_is_checked_field_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let input = ModuleResultInput {
            module: "facilitation-skills".into(),
            completed_on: "2026-06-14".into(),
            score: " 82 ".into(),
            evaluator: " Priya Raman ".into(),
            note: "Good pacing\n".into(),
        };
        let completion = validate_module_result(&input, today).unwrap();
        assert_eq!(completion.module, Module::FacilitationSkills);
        assert_eq!(completion.score, 82);
        assert_eq!(completion.evaluator, "Priya Raman");
        assert_eq!(completion.note, "Good pacing");

        let bad = ModuleResultInput {
            module: "yoga".into(),
            completed_on: "2026-06-16".into(),
            score: "101".into(),
            evaluator: "  ".into(),
            note: String::new(),
        };
        let errors = validate_module_result(&bad, today).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|error| error.field).collect();
        assert_eq!(fields, ["module", "completed_on", "score", "evaluator"]);
        assert!(
            errors[1].message.contains("after today"),
            "{}",
            errors[1].message
        );
        assert_eq!(errors[2].message, "'101' is not a score from 0 to 100");
    }

    fn session_input() -> SessionInput {
        SessionInput {
            held_on: "2026-06-12".into(),
            topic: "  Reporting\tbasics\n for new hires ".into(),
            attendees: "14".into(),
            duration_minutes: "60".into(),
        }
    }

    fn session_errors(input: &SessionInput) -> Vec<(&'static str, String)> {
        let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        validate_session(input, today)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|error| (error.field, error.message))
            .collect()
    }

    #[test]
    fn a_good_session_is_accepted_with_a_tidy_topic() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let fields = validate_session(&session_input(), today).unwrap();
        assert_eq!(
            fields.held_on,
            NaiveDate::from_ymd_opt(2026, 6, 12).unwrap()
        );
        assert_eq!(fields.topic, "Reporting basics for new hires");
        assert_eq!((fields.attendees, fields.duration_minutes), (14, 60));
    }

    #[test]
    fn session_boundaries_are_inclusive() {
        type Spoil = fn(&mut SessionInput);
        let accepted: [Spoil; 6] = [
            |i| i.held_on = "2026-06-15".into(),
            |i| i.attendees = "0".into(),
            |i| i.attendees = "10,000".into(),
            |i| i.duration_minutes = "1".into(),
            |i| i.duration_minutes = "1440".into(),
            |i| i.topic = "x".into(),
        ];
        for spoil in accepted {
            let mut input = session_input();
            spoil(&mut input);
            assert_eq!(session_errors(&input), [], "{input:?}");
        }
    }

    #[test]
    fn each_bad_session_field_is_named() {
        type Spoil = fn(&mut SessionInput);
        let cases: [(Spoil, &str, &str); 12] = [
            (
                |i| i.held_on = "2026-06-16".into(),
                "held_on",
                "2026-06-16 is after today: log a session once it is held",
            ),
            (
                |i| i.held_on = "12/06/2026".into(),
                "held_on",
                "'12/06/2026' is not a date: use YYYY-MM-DD",
            ),
            (|i| i.held_on = "2026-02-30".into(), "held_on", "not a date"),
            (|i| i.held_on = String::new(), "held_on", "not a date"),
            (|i| i.topic = " \t\n ".into(), "topic", "cannot be empty"),
            (|i| i.topic = "\x1b\x07".into(), "topic", "cannot be empty"),
            (
                |i| i.attendees = "10001".into(),
                "attendees",
                "'10001' is not a number of attendees from 0 to 10000",
            ),
            (
                |i| i.attendees = "-1".into(),
                "attendees",
                "from 0 to 10000",
            ),
            (
                |i| i.attendees = "a dozen".into(),
                "attendees",
                "from 0 to 10000",
            ),
            (|i| i.attendees = " ".into(), "attendees", "cannot be empty"),
            (
                |i| i.duration_minutes = "0".into(),
                "duration_minutes",
                "'0' is not a duration in minutes from 1 to 1440",
            ),
            (
                |i| i.duration_minutes = "1441".into(),
                "duration_minutes",
                "from 1 to 1440",
            ),
        ];
        for (spoil, field, message) in cases {
            let mut input = session_input();
            spoil(&mut input);
            let errors = session_errors(&input);
            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
            assert_eq!(errors[0].0, field);
            assert!(errors[0].1.contains(message), "{field}: {}", errors[0].1);
        }
    }

    #[test]
    fn every_session_problem_is_reported_at_once() {
        let input = SessionInput {
            held_on: "tomorrow".into(),
            topic: String::new(),
            attendees: "many".into(),
            duration_minutes: "1.5".into(),
        };
        let fields: Vec<_> = session_errors(&input)
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            fields,
            ["held_on", "topic", "attendees", "duration_minutes"]
        );
    }

    fn good_account() -> AccountInput {
        AccountInput {
            name: "Acme Logistics".into(),
            segment: "Enterprise".into(),
            seats: "1,200".into(),
            csm_owner: "Dana Whitfield".into(),
            rollout_start: "2026-01-15".into(),
            renewal_date: String::new(),
            annual_value: "240000".into(),
            t3_status: "active".into(),
        }
    }

    fn errors_of(input: &AccountInput) -> Vec<(&'static str, String)> {
        validate_account(input, |name| name.eq_ignore_ascii_case("Globex"))
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|error| (error.field, error.message))
            .collect()
    }

    #[test]
    fn a_good_account_is_accepted() {
        let fields = validate_account(&good_account(), |_| false).unwrap();
        assert_eq!(fields.seats, 1200);
        assert_eq!(fields.renewal_date, None);
        assert_eq!(fields.rollout_start, NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(fields.t3_status, T3Status::Active);
    }

    #[test]
    fn each_bad_account_field_is_named() {
        type Spoil = fn(&mut AccountInput);
        let cases: [(Spoil, &str, &str); 7] = [
            (|i| i.name = "  ".into(), "name", "cannot be empty"),
            (|i| i.name = "globex".into(), "name", "already exists"),
            (|i| i.seats = "0".into(), "seats", "above 0"),
            (|i| i.seats = "-4".into(), "seats", "above 0"),
            (
                |i| i.seats = "many".into(),
                "seats",
                "'many' is not a whole number",
            ),
            (
                |i| i.renewal_date = "2026-02-30".into(),
                "renewal_date",
                "not a date",
            ),
            (
                |i| i.rollout_start = "15/01/2026".into(),
                "rollout_start",
                "YYYY-MM-DD",
            ),
        ];
        for (spoil, field, message) in cases {
            let mut input = good_account();
            spoil(&mut input);
            let errors = errors_of(&input);
            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
            assert_eq!(errors[0].0, field);
            assert!(errors[0].1.contains(message), "{field}: {}", errors[0].1);
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let input = AccountInput {
            seats: "x".into(),
            t3_status: "live".into(),
            ..good_account()
        };
        let fields: Vec<_> = errors_of(&input)
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(fields, ["seats", "t3_status"]);
    }

    #[test]
    fn trainer_needs_a_known_account_and_a_real_email() {
        let find = |name: &str| name.eq_ignore_ascii_case("acme").then_some(AccountId(7));
        let taken = |email: &str| email.eq_ignore_ascii_case("ana@acme.com");
        let input = TrainerInput {
            account: "ACME".into(),
            name: "Bo Lindqvist".into(),
            email: "bo@acme.com".into(),
            ..TrainerInput::default()
        };
        assert_eq!(
            validate_trainer(&input, find, taken).unwrap().account_id,
            AccountId(7)
        );

        let cases = [
            (
                TrainerInput {
                    email: "bo.acme.com".into(),
                    ..input.clone()
                },
                "email",
                "not an email",
            ),
            (
                TrainerInput {
                    email: "bo@acme".into(),
                    ..input.clone()
                },
                "email",
                "not an email",
            ),
            (
                TrainerInput {
                    email: "Ana@acme.com".into(),
                    ..input.clone()
                },
                "email",
                "already uses",
            ),
            (
                TrainerInput {
                    account: "Initech".into(),
                    ..input.clone()
                },
                "account",
                "no account",
            ),
            (
                TrainerInput {
                    name: String::new(),
                    ..input.clone()
                },
                "name",
                "cannot be empty",
            ),
        ];
        for (bad, field, message) in cases {
            let errors = validate_trainer(&bad, find, taken).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].field, field);
            assert!(errors[0].message.contains(message), "{}", errors[0].message);
        }
    }
}
