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
use std::io::{Read, Seek, SeekFrom};

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

/// How many bytes each pass over a file reads at a time.
const READ_SIZE: usize = 64 * 1024;

/// Why a file could not be read: the file system failed, or the file is not a table.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    File(FileError),
}

impl From<FileError> for ReadError {
    fn from(problem: FileError) -> Self {
        Self::File(problem)
    }
}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> Self {
        Self::Io(error)
    }
}

impl ReadError {
    fn csv(error: csv::Error) -> Self {
        if error.is_io_error() {
            if let csv::ErrorKind::Io(error) = error.into_kind() {
                return Self::Io(error);
            }
            return Self::File(FileError::Malformed {
                line: 0,
                message: "the file could not be read".to_string(),
            });
        }
        Self::File(malformed(&error))
    }
}

/// Something a file can be read from twice: a file on disk, or bytes in memory.
pub trait Source: Read + Seek {}

impl<T: Read + Seek> Source for T {}

/// Reads `bytes` as a CSV table. Rows whose cells are all empty (the `;;;;` a spreadsheet
/// leaves below its data) are skipped; rows with fewer fields than the header, or with more
/// that are not empty, are returned as shape errors so that every bad row is reported together.
pub fn read(bytes: &[u8]) -> Result<(Table, Vec<ShapeError>), FileError> {
    let in_memory = |error| match error {
        ReadError::File(problem) => problem,
        // Bytes in memory cannot fail to read.
        ReadError::Io(error) => FileError::Malformed {
            line: 0,
            message: error.to_string(),
        },
    };
    let mut source = Rows::open(std::io::Cursor::new(bytes)).map_err(in_memory)?;
    let mut rows = Vec::new();
    let mut shape_errors = Vec::new();
    while let Some(next) = source.next_row().map_err(in_memory)? {
        match next {
            Ok(row) => rows.push(row),
            Err(shape) => shape_errors.push(shape),
        }
    }
    Ok((
        Table {
            header: source.header,
            rows,
            delimiter: source.delimiter,
        },
        shape_errors,
    ))
}

/// A file's rows read one at a time, so that a file of a million rows is never held whole.
///
/// Opening reads the file once through without keeping it, to refuse what is not UTF-8 text
/// before any row is looked at (as reading it whole did) and to find the header's delimiter;
/// the rows are then read in a second pass.
pub struct Rows<R: Read> {
    reader: csv::Reader<Tap<R>>,
    /// The header cells as written, trimmed.
    pub header: Vec<String>,
    pub delimiter: u8,
    /// The lines the file has, for a progress bar that counts rows by their line.
    pub lines: u64,
    record: csv::StringRecord,
    /// Whether a row, or a misshapen one, has been returned.
    any: bool,
}

impl<R: Source> Rows<R> {
    /// Checks the file and reads its header: the first row with a cell that is not empty.
    pub fn open(mut source: R) -> Result<Self, ReadError> {
        let scan = scan(&mut source)?;
        source.seek(SeekFrom::Start(if scan.bom {
            UTF8_BOM.len() as u64
        } else {
            0
        }))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(scan.delimiter)
            .buffer_capacity(READ_SIZE)
            .from_reader(Tap::new(source));
        let mut record = csv::StringRecord::new();
        let header = loop {
            if !reader.read_record(&mut record).map_err(ReadError::csv)? {
                return Err(FileError::Empty.into());
            }
            let cells: Vec<String> = record.iter().map(|cell| cell.trim().to_string()).collect();
            if cells.iter().any(|cell| !cell.is_empty()) {
                break cells;
            }
        };
        Ok(Self {
            reader,
            header,
            delimiter: scan.delimiter,
            lines: scan.lines,
            record,
            any: false,
        })
    }
}

impl<R: Read> Rows<R> {
    /// The next row that is not blank, or what is wrong with its shape; `None` after the
    /// last. A file with neither is refused as having no rows.
    pub fn next_row(&mut self) -> Result<Option<Result<Row, ShapeError>>, ReadError> {
        loop {
            if !self
                .reader
                .read_record(&mut self.record)
                .map_err(ReadError::csv)?
            {
                return if self.any {
                    Ok(None)
                } else {
                    Err(FileError::NoRows.into())
                };
            }
            let start = self.record.position().map_or(0, csv::Position::byte);
            let line = self.reader.get_mut().line_of(start);
            let mut cells: Vec<String> = self.record.iter().map(cell).collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            self.any = true;
            let width = self.header.len();
            if cells.len() > width && cells[width..].iter().all(String::is_empty) {
                cells.truncate(width);
            }
            return Ok(Some(if cells.len() == width {
                Ok(Row { line, cells })
            } else {
                Err(ShapeError {
                    line,
                    message: format!(
                        "has {} fields where the header has {width}; check the delimiters and \
                         quotes on this line",
                        cells.len(),
                    ),
                })
            }));
        }
    }
}

/// What the first pass learns about a file without keeping it.
struct Scan {
    delimiter: u8,
    /// Whether it starts with a UTF-8 byte-order mark, which the rows are read after.
    bom: bool,
    lines: u64,
}

/// Refuses binary data and anything that is not UTF-8 text, in the order reading the file
/// whole did: UTF-16 first, then a NUL byte anywhere, then bytes that are not UTF-8, then a
/// file of nothing but white space (after a byte-order mark).
fn scan(source: &mut impl Read) -> Result<Scan, ReadError> {
    let mut buffer = vec![0_u8; READ_SIZE];
    // The bytes at the front of `buffer` that end the previous read in the middle of a
    // character; they hold no line break, NUL or delimiter, all of which are ASCII.
    let mut carried = 0;
    let mut newlines = 0_u64;
    let mut not_utf8: Option<u64> = None;
    let mut blank = true;
    let mut delimiters = Delimiters::default();
    let mut first = true;
    let mut bom = false;
    loop {
        let opening = first;
        let read = fill(source, &mut buffer[carried..])?;
        if read == 0 {
            if carried > 0 && not_utf8.is_none() {
                not_utf8 = Some(newlines + 1);
            }
            break;
        }
        let chunk = &buffer[..carried + read];
        let fresh = &chunk[carried..];
        if first {
            first = false;
            if chunk.starts_with(&[0xff, 0xfe]) || chunk.starts_with(&[0xfe, 0xff]) {
                return Err(FileError::Utf16.into());
            }
            bom = chunk.starts_with(UTF8_BOM.as_bytes());
        }
        if let Some(at) = fresh.iter().position(|byte| *byte == 0) {
            return Err(FileError::Binary {
                line: newlines + count_newlines(&fresh[..at]) + 1,
            }
            .into());
        }
        delimiters.feed(fresh);
        let mut keep = 0;
        if not_utf8.is_none() {
            let valid = match std::str::from_utf8(chunk) {
                Ok(text) => text,
                Err(error) => {
                    let (valid, rest) = chunk.split_at(error.valid_up_to());
                    if error.error_len().is_none() {
                        keep = rest.len();
                    } else {
                        not_utf8 = Some(newlines + count_newlines(valid) + 1);
                    }
                    std::str::from_utf8(valid).unwrap_or_default()
                }
            };
            if blank {
                let skip = if opening && bom { UTF8_BOM } else { "" };
                blank = valid.strip_prefix(skip).unwrap_or(valid).trim().is_empty();
            }
        }
        newlines += count_newlines(fresh);
        let end = carried + read;
        buffer.copy_within(end - keep..end, 0);
        carried = keep;
    }
    if let Some(line) = not_utf8 {
        return Err(FileError::NotUtf8 { line }.into());
    }
    if blank {
        return Err(FileError::Empty.into());
    }
    Ok(Scan {
        delimiter: delimiters.chosen(),
        bom,
        lines: newlines + 1,
    })
}

/// Reads until `buffer` is full or the source ends; the bytes read.
fn fill(source: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match source.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

// Each byte is counted once per pass: not worth another crate for.
#[allow(clippy::naive_bytecount)]
fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|byte| **byte == b'\n').count() as u64
}

/// A reader that keeps the bytes it passes on from the start of the latest row, so that the
/// line each row starts on can be counted: the CSV reader's own line numbers skip blank lines
/// and count a CRLF inside quotes once.
struct Tap<R> {
    inner: R,
    kept: Vec<u8>,
    /// Where `kept` starts in the file.
    kept_from: u64,
    /// How much of `kept` has been counted, and the line the byte after it is on.
    counted: usize,
    line: u64,
}

impl<R> Tap<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            kept: Vec::with_capacity(2 * READ_SIZE),
            kept_from: 0,
            counted: 0,
            line: 1,
        }
    }

    /// The line of the record the reader says begins at byte `start`, which may point at the
    /// line breaks (and blank lines) before it. Records come in order, so each byte is counted
    /// once, and forgotten once counted.
    fn line_of(&mut self, start: u64) -> u64 {
        let end = self.kept_from + self.kept.len() as u64;
        let mut at = usize::try_from(start.min(end).saturating_sub(self.kept_from))
            .unwrap_or(self.kept.len())
            .max(self.counted);
        while at < self.kept.len() && matches!(self.kept[at], b'\r' | b'\n') {
            at += 1;
        }
        self.line += count_newlines(&self.kept[self.counted..at]);
        self.counted = at;
        self.line
    }
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        // Counted bytes are dropped in bulk, not row by row, so each is moved at most once.
        if self.counted >= READ_SIZE {
            self.kept.drain(..self.counted);
            self.kept_from += self.counted as u64;
            self.counted = 0;
        }
        let read = self.inner.read(buffer)?;
        self.kept.extend_from_slice(&buffer[..read]);
        Ok(read)
    }
}

/// Counts the delimiters on the header line, outside quotes, as the first pass reads it.
#[derive(Default)]
struct Delimiters {
    counts: [usize; 3],
    quoted: bool,
    /// The header line has ended.
    done: bool,
}

impl Delimiters {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

    fn feed(&mut self, bytes: &[u8]) {
        if self.done {
            return;
        }
        for byte in bytes {
            match *byte {
                b'"' => self.quoted = !self.quoted,
                b'\n' | b'\r' if !self.quoted => {
                    self.done = true;
                    return;
                }
                other if !self.quoted => {
                    if let Some(at) = Self::CANDIDATES.iter().position(|each| *each == other) {
                        self.counts[at] += 1;
                    }
                }
                _ => {}
            }
        }
    }

    /// The delimiter the header uses most: a comma, a semicolon (what a spreadsheet set to a
    /// European locale writes) or a tab. A one-column header reads as commas.
    fn chosen(&self) -> u8 {
        // Ties go to the earlier candidate: a comma.
        Self::CANDIDATES
            .iter()
            .zip(self.counts)
            .rev()
            .max_by_key(|(_, count)| *count)
            .map_or(b',', |(delimiter, _)| *delimiter)
    }
}

fn malformed(error: &csv::Error) -> FileError {
    FileError::Malformed {
        line: error.position().map_or(0, csv::Position::line),
        message: error.to_string(),
    }
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
    if let Some(day) = crate::domain::validation::plain_iso_date(text.as_bytes()) {
        return Some(day);
    }
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

    /// A file of `rows` rows well past one read of the first pass, every third row quoted
    /// over two lines, each row holding its own number and the accented text `filler`.
    fn long_file(rows: usize, filler: &str) -> String {
        use std::fmt::Write;
        let mut text = String::from("number,notes\n");
        for number in 0..rows {
            if number % 3 == 0 {
                writeln!(text, "{number},\"{filler}\r\nmore\"").unwrap();
            } else {
                writeln!(text, "{number},{filler}").unwrap();
            }
        }
        text
    }

    #[test]
    fn a_long_file_reads_in_pieces_with_the_lines_it_has() {
        // Three-byte characters in rows of odd length: some straddle the pieces read.
        let text = long_file(20_000, "Zürich 📊 € ");
        assert!(text.len() > 4 * READ_SIZE);
        let (table, errors) = read(text.as_bytes()).unwrap();
        assert_eq!(errors, []);
        assert_eq!(table.rows.len(), 20_000);
        let mut line = 2;
        for (number, row) in table.rows.iter().enumerate() {
            assert_eq!(row.cells[0], number.to_string());
            assert_eq!(row.line, line, "row {number}");
            line += if number % 3 == 0 { 2 } else { 1 };
        }
    }

    #[test]
    fn a_long_files_late_problems_are_found_before_its_rows_are_read() {
        let text = long_file(20_000, "Zürich");
        let late = text.len() - 10;
        let lines = text.matches('\n').count() as u64;
        let mut bytes = text.clone().into_bytes();
        bytes[late] = 0xfc;
        assert_eq!(
            read(&bytes).unwrap_err(),
            FileError::NotUtf8 { line: lines }
        );
        // A NUL anywhere outranks bytes that are not UTF-8, as it always did.
        bytes[text.len() - 2] = 0;
        assert_eq!(read(&bytes).unwrap_err(), FileError::Binary { line: lines });
        // A character cut off by the end of the file is not UTF-8 either.
        let mut cut = text.into_bytes();
        cut.extend_from_slice("📊".as_bytes().get(..2).unwrap());
        assert_eq!(
            read(&cut).unwrap_err(),
            FileError::NotUtf8 { line: lines + 1 }
        );
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
