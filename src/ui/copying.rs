//! `y` and `Ctrl-E`: the selected or marked rows of a tab as plain text, copied to the
//! clipboard through the terminal (OSC 52, so it works over SSH) or written as CSV beside the
//! database. The text is the records' own values, not the cells as drawn: no badges, no padding.
//! Nothing here writes to the terminal; the event loop hands the copy over between frames.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::app::App;
use super::certification::Standing;
use super::format;
use super::tab::Tab;
use crate::domain::AccountRow;
use crate::domain::sync::SyncRow;
use crate::domain::triage::TriagedFinding;

/// Terminals drop an OSC 52 sequence past a size of their choosing (tmux and some others near
/// 100 kB), silently; a copy this large is refused with a message pointing at the export.
const CLIPBOARD_LIMIT: usize = 100_000;

/// The escape sequence that asks the terminal to put `text` on the system clipboard: OSC 52,
/// selection `c`, the text in base64, ended by BEL.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text))
}

/// `text` as tab-separated lines, one a row, header first; tabs and line breaks inside a cell
/// become spaces so every row stays one line of cells.
pub fn tab_separated(header: &[&str], rows: &[Vec<String>]) -> String {
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|cell| cell.replace(['\t', '\r', '\n'], " "))
            .collect::<Vec<_>>()
            .join("\t")
    };
    let mut lines = vec![line(header.iter().map(ToString::to_string).collect())];
    lines.extend(rows.iter().cloned().map(line));
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

impl App {
    /// The copy waiting to be written to the terminal, if `y` made one; reading it clears it.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// `y`: the marked rows, or the selected one, to the clipboard.
    pub(super) fn copy_rows(&mut self) {
        let list = self.list();
        let rows = if list.has_marks() {
            list.marked_in_display_order()
        } else {
            list.selected_row().into_iter().collect()
        };
        let Some((header, cells)) = self.plain_rows(&rows) else {
            self.inform("The coverage list has nothing to copy: copy from the tables".to_string());
            return;
        };
        if cells.is_empty() {
            self.inform("Nothing to copy: no row is selected".to_string());
            return;
        }
        let sequence = osc52(&tab_separated(header, &cells));
        if sequence.len() > CLIPBOARD_LIMIT {
            self.warn(format!(
                "{} rows are too many for the terminal's clipboard: Ctrl-E writes them to a file",
                cells.len()
            ));
            return;
        }
        self.clipboard = Some(sequence);
        self.inform(format!("Copied {}", rows_word(cells.len())));
    }

    /// `Ctrl-E`: the marked rows, or every row shown, as a CSV file beside the database.
    pub(super) fn export_rows(&mut self) {
        let list = self.list();
        let (rows, which) = if list.has_marks() {
            (list.marked_in_display_order(), "marked")
        } else {
            (list.shown().to_vec(), "shown")
        };
        let Some((header, cells)) = self.plain_rows(&rows) else {
            self.inform("The coverage list has no export here: `t3 metrics` writes it".to_string());
            return;
        };
        if cells.is_empty() {
            self.inform("Nothing to export: no row is shown".to_string());
            return;
        }
        let name = format!("{}-{}.csv", file_stem(self.tab), self.today);
        let path = self
            .store
            .path()
            .parent()
            .map_or_else(|| name.clone().into(), |folder| folder.join(&name));
        let written = csv_text(header, &cells)
            .and_then(|bytes| crate::files::write_atomically(&path, &bytes));
        match written {
            Ok(()) => self.inform(format!(
                "Wrote the {} {} to {}",
                cells.len(),
                which_rows(which, cells.len()),
                path.display()
            )),
            Err(error) => self.warn(format!("{error:#}")),
        }
    }

    /// The header and each row's values of the current tab, for the row positions `rows`;
    /// `None` on the Program tab, which has no table.
    fn plain_rows(&self, rows: &[usize]) -> Option<(&'static [&'static str], Vec<Vec<String>>)> {
        let today = self.today;
        let text = match self.tab {
            Tab::Accounts => (ACCOUNTS, pick(self.accounts.rows(), rows, account_cells)),
            Tab::Roster => (
                ROSTER,
                pick(self.roster.rows(), rows, |row| {
                    let selection = self.roster.selection_of(row.trainer.id);
                    vec![
                        row.trainer.fields.name.clone(),
                        row.trainer.fields.email.clone(),
                        row.account_name.clone(),
                        row.status_on(today).as_str().to_string(),
                        selection
                            .and_then(|selection| selection.summary.overall)
                            .map(|score| format!("{score:.1}"))
                            .unwrap_or_default(),
                        optional(selection.map(|selection| selection.assessment.state)),
                    ]
                }),
            ),
            Tab::Certification => (
                CERTIFICATION,
                pick(self.certification.pathways(), rows, |pathway| {
                    vec![
                        pathway.row.trainer.fields.name.clone(),
                        pathway.row.account_name.clone(),
                        Standing::of(pathway, today, self.marks).label().to_string(),
                        optional(pathway.row.latest_expiry),
                    ]
                }),
            ),
            Tab::Syncs => (SYNCS, pick(self.syncs.rows(), rows, sync_cells)),
            Tab::AtRisk => (AT_RISK, pick(self.at_risk.findings(), rows, finding_cells)),
            Tab::Program => return None,
        };
        Some(text)
    }
}

const ACCOUNTS: &[&str] = &[
    "Account",
    "Segment",
    "Seats",
    "T3 status",
    "Certified trainers",
    "Coverage",
    "Adoption depth",
    "Renewal",
    "CSM owner",
];
const ROSTER: &[&str] = &["Trainer", "Email", "Account", "Status", "Score", "Review"];
const CERTIFICATION: &[&str] = &["Trainer", "Account", "Standing", "Expires"];
const SYNCS: &[&str] = &[
    "Date",
    "Time",
    "Time zone",
    "Title",
    "State",
    "Invited",
    "Attended",
];
const AT_RISK: &[&str] = &[
    "Severity",
    "Account",
    "Rule",
    "Trainer",
    "Reason",
    "Suggested action",
];

fn account_cells(row: &AccountRow) -> Vec<String> {
    let fields = &row.account.fields;
    vec![
        fields.name.clone(),
        fields.segment.clone(),
        fields.seats.to_string(),
        fields.t3_status.as_str().to_string(),
        row.certified_trainers.to_string(),
        row.coverage().map(format::percent).unwrap_or_default(),
        optional(row.adoption_depth),
        optional(fields.renewal_date),
        fields.csm_owner.clone(),
    ]
}

fn sync_cells(row: &SyncRow) -> Vec<String> {
    let fields = &row.sync.fields;
    vec![
        fields.starts_at.date().to_string(),
        fields.starts_at.time().format("%H:%M").to_string(),
        fields.time_zone.to_string(),
        fields.title.clone(),
        row.sync.state.as_str().to_string(),
        row.invited.to_string(),
        row.attended.to_string(),
    ]
}

fn finding_cells(triaged: &TriagedFinding) -> Vec<String> {
    let finding = &triaged.finding;
    vec![
        finding.severity.to_string(),
        finding.account_name.clone(),
        finding.key.rule.to_string(),
        finding.trainer_name.clone().unwrap_or_default(),
        finding.reason.clone(),
        finding.action.clone(),
    ]
}

/// The values of the rows at `positions`, in that order; a position past the end is skipped.
fn pick<T>(rows: &[T], positions: &[usize], cells: impl Fn(&T) -> Vec<String>) -> Vec<Vec<String>> {
    positions
        .iter()
        .filter_map(|&position| rows.get(position))
        .map(cells)
        .collect()
}

fn optional(value: Option<impl ToString>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// A CSV file with every cell guarded against spreadsheet formulas, as `t3 export` writes.
fn csv_text(header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().cloned().map(crate::cli::neutralised))?;
    }
    writer
        .into_inner()
        .map_err(|error| anyhow::anyhow!("cannot finish the CSV: {}", error.error()))
}

fn file_stem(tab: Tab) -> &'static str {
    match tab {
        Tab::Accounts => "accounts",
        Tab::Roster => "roster",
        Tab::Certification => "certification",
        Tab::Syncs => "syncs",
        Tab::AtRisk => "at-risk",
        Tab::Program => "program",
    }
}

fn rows_word(count: usize) -> String {
    if count == 1 {
        "1 row".to_string()
    } else {
        format!("{count} rows")
    }
}

fn which_rows(which: &str, count: usize) -> String {
    if count == 1 {
        format!("{which} row")
    } else {
        format!("{which} rows")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_wraps_the_text_in_base64() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
        let text = "Société Lumière\tKestrel\n";
        let sequence = osc52(text);
        let encoded = sequence
            .strip_prefix("\x1b]52;c;")
            .and_then(|rest| rest.strip_suffix('\x07'))
            .unwrap_or_default();
        assert_eq!(
            STANDARD.decode(encoded).ok(),
            Some(text.as_bytes().to_vec())
        );
        assert!(!encoded.contains(['\x1b', '\x07']));
    }

    #[test]
    fn cells_stay_on_their_line_and_in_their_column() {
        let rows = vec![
            vec!["Ana\tCosta".to_string(), "two\nlines".to_string()],
            vec!["Liam".to_string(), String::new()],
        ];
        assert_eq!(
            tab_separated(&["Trainer", "Note"], &rows),
            "Trainer\tNote\nAna Costa\ttwo lines\nLiam\t\n"
        );
    }

    #[test]
    fn the_csv_guards_formulas() {
        let rows = vec![vec!["=HYPERLINK(\"x\")".to_string(), "Kestrel".to_string()]];
        let text = csv_text(&["Name", "Account"], &rows).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&text),
            "Name,Account\n\"'=HYPERLINK(\"\"x\"\")\",Kestrel\n"
        );
    }
}
