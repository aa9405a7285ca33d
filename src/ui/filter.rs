//! What a list's filter text asks for: fuzzy words as before, plus field terms such as
//! `status:lapsed`, `seats:>500`, `renewal:<90d` and `!owner:"dana k"`.
//!
//! Parsing and matching are pure: each tab declares its fields and hands over a row's values;
//! today's date is passed in for relative dates. Nothing here knows a tab or draws anything.

use chrono::{Days, NaiveDate};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Matcher, Utf32Str};
use thiserror::Error;

/// How a field's terms are read and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Case-insensitive: `owner:dana` holds when the owner contains "dana", `owner:=dana`
    /// when it is exactly "dana".
    Text,
    /// `seats:>500`, `seats:<=100`, `seats:500`.
    Number,
    /// `renewal:>2027-01-01`, or `renewal:<90d`: before the day 90 days after today.
    Date,
}

/// A field a tab lets its filter name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: FieldKind,
}

pub const fn text(name: &'static str) -> Field {
    Field {
        name,
        kind: FieldKind::Text,
    }
}

pub const fn number(name: &'static str) -> Field {
    Field {
        name,
        kind: FieldKind::Number,
    }
}

pub const fn date(name: &'static str) -> Field {
    Field {
        name,
        kind: FieldKind::Date,
    }
}

/// One row's value of a field, as the tab hands it over. A missing number or date (an account
/// with no renewal date) matches no comparison, so a negated one lets the row through.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Text(&'a str),
    Number(Option<f64>),
    Date(Option<NaiveDate>),
}

/// Why a filter could not be read; the list keeps showing what the last good filter showed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FilterError {
    #[error("No field '{field}'; fields here: {known}")]
    UnknownField { field: String, known: String },
    #[error("{field} takes a number, as in {field}:>500 or {field}:<=100, not '{value}'")]
    NotANumber { field: String, value: String },
    #[error(
        "{field} takes a date, as in {field}:>2027-01-01 or {field}:<90d (within 90 days \
         of today), not '{value}'"
    )]
    NotADate { field: String, value: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comparison {
    Less,
    AtMost,
    Equal,
    AtLeast,
    Greater,
}

impl Comparison {
    /// Splits a leading `<`, `<=`, `=`, `>=` or `>` off `value`; none means equal.
    fn split(value: &str) -> (Comparison, &str) {
        for (prefix, comparison) in [
            ("<=", Comparison::AtMost),
            (">=", Comparison::AtLeast),
            ("<", Comparison::Less),
            (">", Comparison::Greater),
            ("=", Comparison::Equal),
        ] {
            if let Some(rest) = value.strip_prefix(prefix) {
                return (comparison, rest.trim());
            }
        }
        (Comparison::Equal, value)
    }

    fn holds(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            Comparison::Less => ordering == Less,
            Comparison::AtMost => ordering != Greater,
            Comparison::Equal => ordering == Equal,
            Comparison::AtLeast => ordering != Less,
            Comparison::Greater => ordering == Greater,
        }
    }
}

#[derive(Debug)]
enum Test {
    /// A word matched fuzzily within any one of the row's searchable fields.
    Fuzzy(Atom),
    /// A negated word: no field may contain it. Fuzzy letters would exclude far too much.
    Absent(Atom),
    Contains {
        field: usize,
        needle: String,
    },
    Equals {
        field: usize,
        value: String,
    },
    Number {
        field: usize,
        comparison: Comparison,
        number: f64,
    },
    Date {
        field: usize,
        comparison: Comparison,
        date: NaiveDate,
    },
}

#[derive(Debug)]
struct Term {
    negated: bool,
    test: Test,
}

/// A parsed filter: every term must hold for a row to be shown.
#[derive(Debug, Default)]
pub struct Query {
    terms: Vec<Term>,
}

impl Query {
    /// Reads `text` against the fields a tab declares. A term naming a field with nothing after
    /// the colon (`status:`, half typed) asks for nothing yet.
    pub fn parse(filter: &str, fields: &[Field], today: NaiveDate) -> Result<Query, FilterError> {
        let mut terms = Vec::new();
        for word in words(filter) {
            let (negated, body) = match word.text.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, word.text.as_str()),
            };
            if body.is_empty() {
                continue;
            }
            let term = if word.literal { None } else { field_term(body) };
            let test = match term {
                Some((name, value)) => match field_test(name, value, fields, today)? {
                    Some(test) => test,
                    None => continue,
                },
                None if negated => Test::Absent(Atom::new(
                    body,
                    CaseMatching::Ignore,
                    Normalization::Smart,
                    AtomKind::Substring,
                    false,
                )),
                None => Test::Fuzzy(Atom::parse(
                    body,
                    CaseMatching::Ignore,
                    Normalization::Smart,
                )),
            };
            terms.push(Term { negated, test });
        }
        Ok(Query { terms })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether a row passes: `searchable` are its fields for fuzzy words, `value` gives the
    /// value of a declared field by its position in the tab's list.
    pub fn matches<'v>(
        &self,
        matcher: &mut Matcher,
        searchable: &[&str],
        value: impl Fn(usize) -> Value<'v>,
    ) -> bool {
        let mut buffer = Vec::new();
        self.terms.iter().all(|term| {
            let found = match &term.test {
                Test::Fuzzy(atom) | Test::Absent(atom) => {
                    let any = searchable.iter().any(|field| {
                        atom.score(Utf32Str::new(field, &mut buffer), matcher)
                            .is_some()
                    });
                    any != matches!(term.test, Test::Absent(_))
                }
                Test::Contains { field, needle } => {
                    text_of(value(*field)).to_lowercase().contains(needle)
                }
                Test::Equals {
                    field,
                    value: wanted,
                } => text_of(value(*field)).to_lowercase() == *wanted,
                Test::Number {
                    field,
                    comparison,
                    number,
                } => match value(*field) {
                    Value::Number(Some(actual)) => comparison.holds(actual.total_cmp(number)),
                    _ => false,
                },
                Test::Date {
                    field,
                    comparison,
                    date,
                } => match value(*field) {
                    Value::Date(Some(actual)) => comparison.holds(actual.cmp(date)),
                    _ => false,
                },
            };
            // A negated fuzzy word carries its negation in `Absent` already.
            let negate = term.negated && !matches!(term.test, Test::Absent(_));
            found != negate
        })
    }
}

fn text_of(value: Value<'_>) -> String {
    match value {
        Value::Text(text) => text.to_string(),
        Value::Number(number) => number.map(|n| n.to_string()).unwrap_or_default(),
        Value::Date(date) => date.map(|d| d.to_string()).unwrap_or_default(),
    }
}

/// One word of the filter; `literal` when it opened with a quote (`"acme: eu"`, `!"a b"`), so
/// that a colon inside it names no field.
#[derive(Debug, PartialEq, Eq)]
struct Word {
    text: String,
    literal: bool,
}

/// The filter split at spaces, except inside double quotes, which are dropped: `owner:"dana k"`
/// is one word, `owner:dana k`. A quote left open runs to the end, as it does while typing.
fn words(filter: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut literal = false;
    let mut quoted = false;
    for c in filter.chars() {
        match c {
            '"' => {
                literal |= current.is_empty() || current == "!";
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    let text = std::mem::take(&mut current);
                    words.push(Word { text, literal });
                }
                literal = false;
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(Word {
            text: current,
            literal,
        });
    }
    words
}

/// `name:value` when the part before the colon could be a field's name: letters and dashes.
/// Anything else with a colon in it (`16:00`) stays a fuzzy word.
fn field_term(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once(':')?;
    let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    is_name.then_some((name, value.trim()))
}

fn field_test(
    name: &str,
    value: &str,
    fields: &[Field],
    today: NaiveDate,
) -> Result<Option<Test>, FilterError> {
    let Some(index) = fields
        .iter()
        .position(|field| field.name.eq_ignore_ascii_case(name))
    else {
        return Err(FilterError::UnknownField {
            field: name.to_string(),
            known: field_names(fields),
        });
    };
    if value.is_empty() {
        return Ok(None);
    }
    let field = fields[index];
    let test = match field.kind {
        FieldKind::Text => match value.strip_prefix('=') {
            Some(exact) => Test::Equals {
                field: index,
                value: exact.to_lowercase(),
            },
            None => Test::Contains {
                field: index,
                needle: value.to_lowercase(),
            },
        },
        FieldKind::Number => {
            let (comparison, rest) = Comparison::split(value);
            let number = rest
                .replace([',', '_'], "")
                .parse::<f64>()
                .ok()
                .filter(|number| number.is_finite())
                .ok_or_else(|| FilterError::NotANumber {
                    field: field.name.to_string(),
                    value: value.to_string(),
                })?;
            Test::Number {
                field: index,
                comparison,
                number,
            }
        }
        FieldKind::Date => {
            let (comparison, rest) = Comparison::split(value);
            let date = date_of(rest, today).ok_or_else(|| FilterError::NotADate {
                field: field.name.to_string(),
                value: value.to_string(),
            })?;
            Test::Date {
                field: index,
                comparison,
                date,
            }
        }
    };
    Ok(Some(test))
}

/// `2027-01-01`, or a day counted from today: `90d` ahead, `-30d` back.
fn date_of(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Some(count) = text.strip_suffix(['d', 'D']) {
        let (back, count) = match count.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, count.strip_prefix('+').unwrap_or(count)),
        };
        let days = Days::new(count.parse::<u64>().ok()?);
        return if back {
            today.checked_sub_days(days)
        } else {
            today.checked_add_days(days)
        };
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `name, segment, seats, renewal`: what an unknown field's message lists. The status line
/// has one line, so the kinds are left to the message about a bad value.
pub fn field_names(fields: &[Field]) -> String {
    if fields.is_empty() {
        return "none".to_string();
    }
    let names: Vec<&str> = fields.iter().map(|field| field.name).collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use nucleo_matcher::Config;

    use super::*;

    const FIELDS: [Field; 5] = [
        text("name"),
        text("owner"),
        text("status"),
        number("seats"),
        date("renewal"),
    ];

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default()
    }

    struct Row {
        name: &'static str,
        owner: &'static str,
        status: &'static str,
        seats: Option<f64>,
        renewal: Option<NaiveDate>,
    }

    fn rows() -> Vec<Row> {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        vec![
            Row {
                name: "Northwind Traders",
                owner: "Dana K",
                status: "active",
                seats: Some(1200.0),
                renewal: day(2026, 7, 1),
            },
            Row {
                name: "Kestrel Health",
                owner: "Alice Moreau",
                status: "lapsed",
                seats: Some(300.0),
                renewal: day(2027, 3, 1),
            },
            Row {
                name: "Atlas Freight",
                owner: "alice",
                status: "paused",
                seats: Some(500.0),
                renewal: None,
            },
        ]
    }

    /// The names of the rows `filter` lets through.
    fn shown(filter: &str) -> Vec<&'static str> {
        let query = match Query::parse(filter, &FIELDS, today()) {
            Ok(query) => query,
            Err(error) => panic!("{filter}: {error}"),
        };
        let mut matcher = Matcher::new(Config::DEFAULT);
        rows()
            .into_iter()
            .filter(|row| {
                query.matches(&mut matcher, &[row.name, row.owner], |field| match field {
                    0 => Value::Text(row.name),
                    1 => Value::Text(row.owner),
                    2 => Value::Text(row.status),
                    3 => Value::Number(row.seats),
                    _ => Value::Date(row.renewal),
                })
            })
            .map(|row| row.name)
            .collect()
    }

    const ALL: [&str; 3] = ["Northwind Traders", "Kestrel Health", "Atlas Freight"];

    #[test]
    fn terms_filter_rows() {
        let cases: &[(&str, &[&str])] = &[
            ("", &ALL),
            ("nwnd", &["Northwind Traders"]),
            ("status:lapsed", &["Kestrel Health"]),
            ("STATUS:LAPSED", &["Kestrel Health"]),
            ("owner:alice", &["Kestrel Health", "Atlas Freight"]),
            ("owner:=alice", &["Atlas Freight"]),
            ("owner:\"dana k\"", &["Northwind Traders"]),
            ("owner:\"dana k", &["Northwind Traders"]),
            ("owner:alice kestrel", &["Kestrel Health"]),
            ("status:", &ALL),
        ];
        for (filter, expected) in cases {
            assert_eq!(shown(filter), *expected, "{filter}");
        }
    }

    #[test]
    fn a_bang_negates_a_term() {
        let cases: &[(&str, &[&str])] = &[
            ("!status:lapsed", &["Northwind Traders", "Atlas Freight"]),
            ("!kestrel", &["Northwind Traders", "Atlas Freight"]),
            // Negated words are matched whole, not as scattered letters.
            ("!nwnd", &ALL),
            ("!seats:>400", &["Kestrel Health"]),
            ("!renewal:<90d", &["Kestrel Health", "Atlas Freight"]),
            ("!", &ALL),
        ];
        for (filter, expected) in cases {
            assert_eq!(shown(filter), *expected, "{filter}");
        }
    }

    #[test]
    fn numbers_compare() {
        let cases: &[(&str, &[&str])] = &[
            ("seats:>500", &["Northwind Traders"]),
            ("seats:>=500", &["Northwind Traders", "Atlas Freight"]),
            ("seats:<500", &["Kestrel Health"]),
            ("seats:<=500", &["Kestrel Health", "Atlas Freight"]),
            ("seats:500", &["Atlas Freight"]),
            ("seats:=1,200", &["Northwind Traders"]),
        ];
        for (filter, expected) in cases {
            assert_eq!(shown(filter), *expected, "{filter}");
        }
    }

    #[test]
    fn dates_compare_with_today_or_a_day() {
        let cases: &[(&str, &[&str])] = &[
            // 2026-07-01 is 16 days after 2026-06-15; Atlas has no renewal date at all.
            ("renewal:<90d", &["Northwind Traders"]),
            ("renewal:<16d", &[]),
            ("renewal:<=16d", &["Northwind Traders"]),
            ("renewal:>90d", &["Kestrel Health"]),
            ("renewal:>2027-01-01", &["Kestrel Health"]),
            ("renewal:2026-07-01", &["Northwind Traders"]),
            ("renewal:>-30d", &["Northwind Traders", "Kestrel Health"]),
        ];
        for (filter, expected) in cases {
            assert_eq!(shown(filter), *expected, "{filter}");
        }
    }

    #[test]
    fn words_with_a_colon_that_are_not_field_names_stay_fuzzy() {
        let texts = |filter| -> Vec<(String, bool)> {
            words(filter)
                .into_iter()
                .map(|word| (word.text, word.literal))
                .collect()
        };
        assert_eq!(
            texts("a:\"b c\" d \"e: f\" !\"g\""),
            [
                ("a:b c".to_string(), false),
                ("d".to_string(), false),
                ("e: f".to_string(), true),
                ("!g".to_string(), true),
            ]
        );
        assert!(Query::parse("\"acme: eu\"", &FIELDS, today()).is_ok());
        assert!(field_term("16:00").is_none());
        assert!(Query::parse("16:00", &FIELDS, today()).is_ok());
    }

    #[test]
    fn unknown_fields_and_bad_values_are_named() {
        let error = |filter: &str| match Query::parse(filter, &FIELDS, today()) {
            Ok(_) => panic!("{filter} was accepted"),
            Err(error) => error.to_string(),
        };
        assert_eq!(
            error("colour:red"),
            "No field 'colour'; fields here: name, owner, status, seats, renewal"
        );
        assert!(error("seats:>lots").contains("seats takes a number"));
        assert!(error("seats:>").contains("not '>'"));
        assert!(error("renewal:soon").contains("renewal takes a date"));
        assert!(error("renewal:2026-13-01").contains("renewal takes a date"));
        assert!(error("!colour:red").contains("'colour'"));
    }
}
