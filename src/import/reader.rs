//! Reading a CSV file as people actually produce them: from a CRM, a spreadsheet or an earlier
//! `t3 export`. UTF-8 with or without a byte-order mark, CRLF or LF line ends, commas,
//! semicolons or tabs between fields (whichever the header uses), quoted fields holding
//! delimiters, quotes and line breaks.
//!
//! The reader knows nothing about accounts or trainers: it turns bytes into numbered rows of
//! trimmed text, matches the header against the columns a kind wants, and parses the dates that
//! every kind shares. Anything wrong with the file as a whole is a [`FileError`]; what is wrong
//! with a single cell is left to the kind that reads it.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::domain::FieldError;

/// The bytes a UTF-8 byte-order mark takes at the start of a file; Excel writes one.
const UTF8_BOM: &str = "\u{feff}";

/// Why a file cannot be read as a table at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("is empty")]
    Empty,

    #[error("has a header but no rows")]
    NoRows,

    #[error("is not a CSV file: it holds binary data (a NUL byte on line {line})")]
    Binary { line: u64 },

    #[error("is UTF-16 text; save it as CSV UTF-8 and import that")]
    Utf16,

    #[error(
        "is not UTF-8 text: line {line} holds bytes that are not UTF-8; save it as CSV UTF-8 \
         (in Excel: Save As, \"CSV UTF-8\") and import that"
    )]
    NotUtf8 { line: u64 },

    #[error("cannot be read as CSV (line {line}): {message}")]
    Malformed { line: u64, message: String },

    #[error("names the column '{column}' twice in its header (fields {first} and {second})")]
    RepeatedColumn {
        column: String,
        first: usize,
        second: usize,
    },

    #[error("has no {} column{}: {} files need {}", quoted(missing), plural(missing.len()), kind, wanted.join(", "))]
    MissingColumns {
        kind: &'static str,
        missing: Vec<&'static str>,
        wanted: Vec<&'static str>,
    },
}

fn quoted(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
    names.join(", ")
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A file's rows below its header, each with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header cells as written, trimmed.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub delimiter: u8,
}

/// One data row: its cells (trimmed, line breaks as `\n`, the export's formula guard taken
/// off) and the line of the file it starts on, counting from 1 with the header on line 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A problem with one row, found while reading it: too few fields or too many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    pub line: u64,
    pub message: String,
}

/// Reads `bytes` as a CSV table. Rows whose cells are all empty (the `;;;;` a spreadsheet
/// leaves below its data) are skipped; rows with fewer fields than the header, or with more
/// that are not empty, are returned as shape errors so that every bad row is reported together.
pub fn read(bytes: &[u8]) -> Result<(Table, Vec<ShapeError>), FileError> {
    let text = decode(bytes)?;
    let delimiter = delimiter_of(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(FileError::Empty),
            Some(Err(error)) => return Err(malformed(&error)),
            Some(Ok(record)) => {
                let cells: Vec<String> =
                    record.iter().map(|cell| cell.trim().to_string()).collect();
                if cells.iter().any(|cell| !cell.is_empty()) {
                    break cells;
                }
            }
        }
    };
    let mut rows = Vec::new();
    let mut shape_errors = Vec::new();
    for record in records {
        let record = record.map_err(|error| malformed(&error))?;
        let line = lines.line_of(record.position().map_or(0, csv::Position::byte));
        let mut cells: Vec<String> = record.iter().map(cell).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if cells.len() > header.len() && cells[header.len()..].iter().all(String::is_empty) {
            cells.truncate(header.len());
        }
        if cells.len() == header.len() {
            rows.push(Row { line, cells });
        } else {
            shape_errors.push(ShapeError {
                line,
                message: format!(
                    "has {} fields where the header has {}; check the delimiters and quotes \
                     on this line",
                    cells.len(),
                    header.len()
                ),
            });
        }
    }
    if rows.is_empty() && shape_errors.is_empty() {
        return Err(FileError::NoRows);
    }
    Ok((
        Table {
            header,
            rows,
            delimiter,
        },
        shape_errors,
    ))
}

/// The file as text: refuses binary data and anything that is not UTF-8, and drops a leading
/// byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(FileError::Utf16);
    }
    if let Some(at) = bytes.iter().position(|byte| *byte == 0) {
        return Err(FileError::Binary {
            line: line_at(bytes, at),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| FileError::NotUtf8 {
        line: line_at(bytes, error.valid_up_to()),
    })?;
    let text = text.strip_prefix(UTF8_BOM).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    Ok(text)
}

/// The line each record starts on, counted from the byte offsets the CSV reader gives: its own
/// line numbers skip blank lines and count a CRLF inside quotes once.
struct LineCounter<'a> {
    text: &'a str,
    /// How far the text has been counted, and the line that offset is on.
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The line of the record the reader says begins at byte `start`, which may point at the
    /// line breaks (and blank lines) before it. Records come in order, so each byte is counted
    /// once.
    // Each byte is counted once per file: not worth another crate for.
    #[allow(clippy::naive_bytecount)]
    fn line_of(&mut self, start: u64) -> u64 {
        let bytes = self.text.as_bytes();
        let mut start = usize::try_from(start)
            .unwrap_or(bytes.len())
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.offset {
            self.line += bytes[self.offset..start]
                .iter()
                .filter(|byte| **byte == b'\n')
                .count() as u64;
            self.offset = start;
        }
        self.line
    }
}

/// The line (from 1) that byte `at` is on.
#[allow(clippy::naive_bytecount)]
fn line_at(bytes: &[u8], at: usize) -> u64 {
    bytes[..at].iter().filter(|byte| **byte == b'\n').count() as u64 + 1
}

fn malformed(error: &csv::Error) -> FileError {
    FileError::Malformed {
        line: error.position().map_or(0, csv::Position::line),
        message: error.to_string(),
    }
}

/// The delimiter the header line uses most, outside quotes: a comma, a semicolon (what a
/// spreadsheet set to a European locale writes) or a tab. A one-column header reads as commas.
fn delimiter_of(text: &str) -> u8 {
    let mut counts = [(b',', 0_usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(delimiter, _)| *delimiter == byte) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    // Ties go to the earlier entry: a comma.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map_or(b',', |(delimiter, _)| *delimiter)
}

/// A cell as the kinds read it: trimmed, with CRLF line breaks inside quotes as LF, and the `'`
/// that `t3 export` puts before a formula-looking cell taken off again.
fn cell(text: &str) -> String {
    let text = text.trim();
    let text = match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    };
    text.replace("\r\n", "\n")
}

/// A header cell reduced to what is compared: lower case, with spaces and hyphens as
/// underscores, so `Renewal Date` and `renewal-date` both name `renewal_date`.
fn normalised(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// Where each column a kind reads sits in a file's rows, and the columns it will ignore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    index: HashMap<&'static str, usize>,
    /// Header cells no column of the kind matched, as written in the file.
    pub ignored: Vec<String>,
}

impl Columns {
    /// Matches `header` against `wanted` (the kind's columns, `optional` among them may be
    /// absent). Names are compared case-insensitively and in any order.
    pub fn match_header(
        kind: &'static str,
        header: &[String],
        wanted: &[&'static str],
        optional: &[&'static str],
    ) -> Result<Self, FileError> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (position, name) in header.iter().enumerate() {
            let key = normalised(name);
            if key.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(key, position) {
                return Err(FileError::RepeatedColumn {
                    column: name.clone(),
                    first: first + 1,
                    second: position + 1,
                });
            }
        }
        let mut index = HashMap::new();
        let mut missing = Vec::new();
        for column in wanted {
            match seen.get(*column) {
                Some(position) => {
                    index.insert(*column, *position);
                }
                None if optional.contains(column) => {}
                None => missing.push(*column),
            }
        }
        if !missing.is_empty() {
            return Err(FileError::MissingColumns {
                kind,
                missing,
                wanted: wanted.to_vec(),
            });
        }
        let ignored = header
            .iter()
            .enumerate()
            .filter(|(position, name)| {
                !name.is_empty() && !index.values().any(|used| used == position)
            })
            .map(|(_, name)| name.clone())
            .collect();
        Ok(Self { index, ignored })
    }

    /// The cell of `column` in `row`; empty when the column is optional and absent.
    pub fn get<'a>(&self, row: &'a Row, column: &str) -> &'a str {
        self.index
            .get(column)
            .and_then(|position| row.cells.get(*position))
            .map_or("", String::as_str)
    }

    pub fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }
}

/// A date as exports write them: `YYYY-MM-DD`, `YYYY/MM/DD`, or an ISO date-time (its date as
/// written, whatever offset follows). Day-first and month-first forms such as `03/04/2026`
/// are refused: the same text means 3 April in one country and March 4 in another.
pub fn date(field: &'static str, text: &str) -> Result<NaiveDate, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "cannot be empty"));
    }
    let year_first = text.len() > 4
        && text[..4].bytes().all(|byte| byte.is_ascii_digit())
        && text[4..].starts_with(['-', '/']);
    if year_first {
        if let Some(day) = year_first_date(text) {
            return Ok(day);
        }
    } else if is_day_month(text) {
        return Err(FieldError::new(
            field,
            format!("'{text}' is ambiguous (day/month or month/day?): write dates as YYYY-MM-DD"),
        ));
    }
    Err(FieldError::new(
        field,
        format!("'{text}' is not a date: use YYYY-MM-DD"),
    ))
}

/// A date written year first, alone or with a time of day (and perhaps an offset) after it.
fn year_first_date(text: &str) -> Option<NaiveDate> {
    for format in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(day) = NaiveDate::parse_from_str(text, format) {
            return Some(day);
        }
    }
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Some(moment.date_naive());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(moment) = DateTime::parse_from_str(text, format) {
            return Some(moment.date_naive());
        }
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .into_iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .map(|moment| moment.date())
}

/// Like [`date`], but an empty cell means "not set".
pub fn optional_date(field: &'static str, text: &str) -> Result<Option<NaiveDate>, FieldError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date(field, text).map(Some)
    }
}

/// Whether `text` starts like `03/04/2026`, `3.4.26` or `03-04-2026`: two small numbers and a
/// year, in an order that differs between countries.
fn is_day_month(text: &str) -> bool {
    let date = text.split([' ', 'T']).next().unwrap_or_default();
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|part| part.chars().all(|c| c.is_ascii_digit()))
        && (1..=2).contains(&parts[0].len())
        && (1..=2).contains(&parts[1].len())
        && matches!(parts[2].len(), 2 | 4)
}

/// The case-insensitive form names and emails are matched by: A–Z folded, as SQLite's NOCASE
/// compares them, so two records the database holds apart are never taken for one.
pub fn key(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        let (table, errors) = read(text.as_bytes()).unwrap();
        assert_eq!(errors, [], "{text:?}");
        table
    }

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|row| row.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn a_bom_crlf_and_semicolons_read_like_a_plain_file() {
        let plain = table("name,seats\nAcme,10\nGlobex,20\n");
        let excel = table("\u{feff}Name;Seats\r\nAcme;10\r\nGlobex;20\r\n");
        assert_eq!(cells(&plain), cells(&excel));
        assert_eq!(excel.header, ["Name", "Seats"]);
        assert_eq!(excel.delimiter, b';');
        assert_eq!(table("a\tb\n1\t2\n").delimiter, b'\t');
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_line_breaks() {
        let text = "name,notes,seats\r\n\"Acme, Inc.\",\"said \"\"hi\"\"\r\nthen left\",10\r\n\
                    Globex,,20\r\n";
        let table = table(text);
        assert_eq!(
            cells(&table),
            [
                vec!["Acme, Inc.", "said \"hi\"\nthen left", "10"],
                vec!["Globex", "", "20"]
            ]
        );
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(
            table.rows[1].line, 4,
            "the quoted line break moves the count"
        );
    }

    #[test]
    fn a_semicolon_inside_quotes_does_not_decide_the_delimiter() {
        assert_eq!(table("\"a;b;c\",d\n1,2\n").delimiter, b',');
    }

    #[test]
    fn blank_rows_are_skipped_and_misshapen_rows_reported() {
        let (table, errors) = read(b"a,b\n1,2\n,\n\n3\n4,5,6\n7,8,,\n").unwrap();
        assert_eq!(cells(&table), [vec!["1", "2"], vec!["7", "8"]]);
        let lines: Vec<u64> = errors.iter().map(|error| error.line).collect();
        assert_eq!(lines, [5, 6]);
        assert!(
            errors[0]
                .message
                .contains("has 1 fields where the header has 2")
        );
    }

    #[test]
    fn the_exports_formula_guard_comes_off() {
        let table = table("a,b,c\n'=HYPERLINK(\"x\"),'-3,'tis\n");
        assert_eq!(cells(&table), [vec!["=HYPERLINK(\"x\")", "-3", "'tis"]]);
    }

    #[test]
    fn files_that_are_not_tables_are_refused() {
        assert_eq!(read(b"").unwrap_err(), FileError::Empty);
        assert_eq!(read(b"\xef\xbb\xbf \r\n").unwrap_err(), FileError::Empty);
        assert_eq!(read(b"name,seats\r\n").unwrap_err(), FileError::NoRows);
        assert_eq!(read(b"name,seats\n,\n \n").unwrap_err(), FileError::NoRows);
        assert_eq!(read(b"name;seats\r\n;\r\n").unwrap_err(), FileError::NoRows);
        assert_eq!(
            read(b"PK\x03\x04\n\x00\x01").unwrap_err(),
            FileError::Binary { line: 2 }
        );
        assert_eq!(
            read(b"name\nM\xfcller\n").unwrap_err(),
            FileError::NotUtf8 { line: 2 }
        );
        assert_eq!(read(b"\xff\xfen\x00").unwrap_err(), FileError::Utf16);
    }

    #[test]
    fn columns_match_in_any_case_and_order_and_extras_are_listed() {
        let header: Vec<String> = ["Seats", "Region", "NAME", "Renewal Date", ""]
            .map(String::from)
            .to_vec();
        let columns = Columns::match_header(
            "accounts",
            &header,
            &["name", "seats", "renewal_date", "segment"],
            &["segment"],
        )
        .unwrap();
        let row = Row {
            line: 2,
            cells: ["10", "EMEA", "Acme", "2027-01-01", ""]
                .map(String::from)
                .to_vec(),
        };
        assert_eq!(columns.get(&row, "name"), "Acme");
        assert_eq!(columns.get(&row, "renewal_date"), "2027-01-01");
        assert_eq!(columns.get(&row, "segment"), "");
        assert!(!columns.has("segment"));
        assert_eq!(columns.ignored, ["Region"]);
    }

    #[test]
    fn missing_and_repeated_columns_are_named() {
        let header: Vec<String> = ["name", "Name"].map(String::from).to_vec();
        let error = Columns::match_header("accounts", &header, &["name"], &[]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "names the column 'Name' twice in its header (fields 1 and 2)"
        );
        let header: Vec<String> = ["name"].map(String::from).to_vec();
        let error = Columns::match_header("accounts", &header, &["name", "seats", "segment"], &[])
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "has no 'seats', 'segment' columns: accounts files need name, seats, segment"
        );
    }

    #[test]
    fn dates_come_in_iso_forms() {
        let expected = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        for text in [
            "2026-03-04",
            " 2026/03/04 ",
            "2026-03-04T09:30:00",
            "2026-03-04 09:30",
            "2026-03-04T23:30:00Z",
            "2026-03-04T23:30:00.123+02:00",
            "2026-03-04T01:00:00-05:00",
            "2026-03-04T09:30:00+0200",
            "2026-3-4",
        ] {
            assert_eq!(date("as_of", text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn day_month_dates_are_ambiguous_and_others_are_not_dates() {
        for text in ["03/04/2026", "3.4.26", "03-04-2026", "13/04/2026 10:00"] {
            let error = date("as_of", text).unwrap_err();
            assert_eq!(error.field, "as_of");
            assert!(error.message.contains("ambiguous"), "{text}: {error:?}");
            assert!(error.message.contains("YYYY-MM-DD"), "{text}: {error:?}");
        }
        for text in ["2026-02-30", "March 4, 2026", "26-03-04x", "20260304"] {
            let error = date("as_of", text).unwrap_err();
            assert!(error.message.contains("is not a date"), "{text}: {error:?}");
        }
        assert_eq!(date("as_of", " ").unwrap_err().message, "cannot be empty");
        assert_eq!(optional_date("as_of", " "), Ok(None));
    }
}
