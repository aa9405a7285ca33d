//! The Accounts tab: the portfolio as a table, with the selected account's detail below it on
//! a tall terminal or in place of it after `Enter`.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row};

use super::account_detail::{self, AccountDetail};
use super::filter_fields::{ACCOUNT_FIELDS, AccountRisk, account_value};
use super::list::ListView;
use super::marks::{self, RowKey};
use super::safe_text::sanitize;
use super::{format, table, theme};
use crate::domain::risk::Severity;
use crate::domain::triage::TriagedFinding;
use crate::domain::{AccountId, AccountRow};
use crate::store::{Store, StoreError};

/// From this width the table also shows each account's CSM owner.
const WIDE_TABLE: u16 = 110;

/// From this width the table also shows each account's segment.
const WITH_SEGMENT: u16 = 96;

/// Below this height the detail no longer fits beneath the table and opens in its place.
const SPLIT_MIN_HEIGHT: u16 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Name,
    Renewal,
    Seats,
    Coverage,
    Adoption,
    Status,
    Risk,
}

/// An account's worst open finding and how many it has, for the Risk column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RiskBadge {
    worst: Severity,
    findings: usize,
}

impl Sort {
    const ALL: [Sort; 7] = [
        Sort::Name,
        Sort::Renewal,
        Sort::Seats,
        Sort::Coverage,
        Sort::Adoption,
        Sort::Status,
        Sort::Risk,
    ];

    /// The word `:sort` takes and the saved state keeps.
    fn name(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Renewal => "renewal",
            Sort::Seats => "seats",
            Sort::Coverage => "coverage",
            Sort::Adoption => "adoption",
            Sort::Status => "t3",
            Sort::Risk => "risk",
        }
    }

    fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::Renewal,
            Sort::Renewal => Sort::Seats,
            Sort::Seats => Sort::Coverage,
            Sort::Coverage => Sort::Adoption,
            Sort::Adoption => Sort::Status,
            Sort::Status => Sort::Risk,
            Sort::Risk => Sort::Name,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Renewal => "renewal (soonest first)",
            Sort::Seats => "seats (most first)",
            Sort::Coverage => "coverage (lowest first)",
            Sort::Adoption => "adoption (lowest first)",
            Sort::Status => "T3 status",
            Sort::Risk => "risk (worst first)",
        }
    }
}

pub struct AccountsTab {
    rows: Vec<AccountRow>,
    /// The rows were read at least once.
    read: bool,
    pub list: ListView,
    sort: Sort,
    show_archived: bool,
    /// Rows the archived switch lets through, before the filter: the "of N" in the title,
    /// counted when the list is rebuilt so that drawing stays independent of the row count.
    unfiltered: usize,
    pub detail_open: bool,
    detail: Option<AccountDetail>,
    /// Open findings by account: snoozed and resolved ones do not count. `None` until the
    /// findings for the rows read are given: the Risk column then shows them as being worked
    /// out rather than as none.
    risk: Option<HashMap<AccountId, RiskBadge>>,
}

impl AccountsTab {
    pub fn new() -> Self {
        Self {
            rows: Vec::new(),
            list: ListView::default(),
            sort: Sort::Name,
            show_archived: false,
            unfiltered: 0,
            detail_open: false,
            detail: None,
            risk: None,
            read: false,
        }
    }

    /// Reads the table again, keeping the cursor on the same account. The Risk column waits
    /// for [`Self::set_findings`].
    pub fn reload(&mut self, store: &Store, today: NaiveDate) -> Result<(), StoreError> {
        let keep = self.selected().map(|row| row.account.id);
        self.list.set_fields(ACCOUNT_FIELDS, today);
        self.rows = store.account_rows(today)?;
        self.read = true;
        self.risk = None;
        self.rebuild(keep);
        self.detail = None;
        self.load_detail(store)
    }

    /// Gives the rows their risk badges from `findings`, keeping the cursor where it is.
    pub fn set_findings(&mut self, findings: &[TriagedFinding], today: NaiveDate) {
        let mut risk = HashMap::new();
        for triaged in findings.iter().filter(|triaged| !triaged.is_hidden(today)) {
            let finding = &triaged.finding;
            let badge = risk.entry(finding.key.account).or_insert(RiskBadge {
                worst: finding.severity,
                findings: 0,
            });
            badge.worst = badge.worst.max(finding.severity);
            badge.findings += 1;
        }
        self.risk = Some(risk);
        self.rebuild(self.selected().map(|row| row.account.id));
    }

    /// Applies the filter, the archived switch and the sort, keeping the cursor on `keep`.
    pub fn rebuild(&mut self, keep: Option<AccountId>) {
        let mut order: Vec<usize> = (0..self.rows.len())
            .filter(|&index| self.show_archived || !self.rows[index].account.archived)
            .collect();
        let rows = &self.rows;
        match self.sort {
            Sort::Name => {}
            Sort::Renewal => order.sort_by_key(|&i| {
                rows[i]
                    .account
                    .fields
                    .renewal_date
                    .unwrap_or(NaiveDate::MAX)
            }),
            Sort::Seats => order.sort_by_key(|&i| Reverse(rows[i].account.fields.seats)),
            Sort::Coverage => order.sort_by(|&a, &b| {
                let key = |i: usize| rows[i].coverage().unwrap_or(f64::INFINITY);
                key(a).total_cmp(&key(b))
            }),
            Sort::Adoption => order.sort_by_key(|&i| rows[i].adoption_depth.unwrap_or(u8::MAX)),
            Sort::Status => order.sort_by_key(|&i| rows[i].account.fields.t3_status),
            // Until the findings are given the rows stay in name order, and are sorted again
            // when they come.
            Sort::Risk => {
                if let Some(risk) = &self.risk {
                    order.sort_by_key(|&i| Reverse(risk.get(&rows[i].account.id).copied()));
                }
            }
        }
        self.unfiltered = order.len();
        let keep = keep.and_then(|id| rows.iter().position(|row| row.account.id == id));
        let risk = &self.risk;
        let risk_of = |i: usize| AccountRisk {
            worst: risk
                .as_ref()
                .and_then(|risk| risk.get(&rows[i].account.id))
                .map(|badge| badge.worst),
        };
        self.list.rebuild_with(
            order,
            |i| haystack(&rows[i]),
            |i, field| account_value(&rows[i], &risk_of(i), field),
            keep,
        );
        let keys = rows
            .iter()
            .map(|row| RowKey::Account(row.account.id))
            .collect();
        self.list.set_keys(keys);
    }

    /// Loads trainers, snapshots and notes for the account under the cursor, if not loaded.
    pub fn load_detail(&mut self, store: &Store) -> Result<(), StoreError> {
        let Some(id) = self.selected().map(|row| row.account.id) else {
            self.detail = None;
            return Ok(());
        };
        if self
            .detail
            .as_ref()
            .is_some_and(|detail| detail.account_id == id)
        {
            return Ok(());
        }
        self.detail = Some(AccountDetail::load(store, id)?);
        Ok(())
    }

    pub fn selected(&self) -> Option<&AccountRow> {
        self.list
            .selected_row()
            .and_then(|index| self.rows.get(index))
    }

    /// The rows as last read; an action on another tab reads the tab first
    /// (`App::ensure_loaded`), which tests check here.
    pub fn rows(&self) -> &[AccountRow] {
        debug_assert!(
            self.read,
            "the accounts tab's rows are looked up before they are read"
        );
        &self.rows
    }

    pub fn select(&mut self, id: AccountId) {
        self.rebuild(Some(id));
    }

    /// Steps the sort column and says which it is now.
    pub fn cycle_sort(&mut self) -> String {
        self.sort = self.sort.next();
        self.rebuild(self.selected().map(|row| row.account.id));
        format!("Accounts sorted by {}", self.sort.label())
    }

    pub fn sort_name(&self) -> &'static str {
        self.sort.name()
    }

    /// Sorts by the column named `name` and says so; an unknown name lists the known ones.
    pub fn set_sort(&mut self, name: &str) -> Result<String, String> {
        self.sort = super::sorting::by_name(&Sort::ALL, Sort::name, name, "Accounts")?;
        self.rebuild(self.selected().map(|row| row.account.id));
        Ok(format!("Accounts sorted by {}", self.sort.label()))
    }

    pub fn toggle_show_archived(&mut self) -> String {
        self.show_archived = !self.show_archived;
        self.rebuild(self.selected().map(|row| row.account.id));
        if self.show_archived {
            "Showing archived accounts"
        } else {
            "Hiding archived accounts"
        }
        .to_string()
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect, today: NaiveDate) {
        let area = table::render_filter_line(frame, area, &self.list);
        if self.detail_open {
            self.render_detail(frame, area, today);
            return;
        }
        if area.height >= SPLIT_MIN_HEIGHT {
            let [top, bottom] =
                Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area);
            self.render_table(frame, top);
            self.render_detail(frame, bottom, today);
        } else {
            self.render_table(frame, area);
        }
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect, today: NaiveDate) {
        let detail = self
            .detail
            .as_ref()
            .filter(|detail| Some(detail.account_id) == self.selected().map(|row| row.account.id));
        account_detail::render(frame, area, self.selected(), detail, today);
    }

    fn render_table(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let title = format!(
            " Accounts {} of {} · by {} ",
            self.list.len(),
            self.unfiltered,
            self.sort.label()
        );
        // The segment and the CSM owner matter to a team lead scanning the whole portfolio, but
        // on a narrow terminal the account name needs the room more.
        let with_segment = area.width >= WITH_SEGMENT;
        let with_owner = area.width >= WIDE_TABLE;
        let mut header = vec!["Account"];
        let mut widths = vec![Constraint::Fill(2)];
        if with_segment {
            header.push("Segment");
            widths.push(Constraint::Length(10));
        }
        header.extend(["Seats", "T3", "Cert", "Cov", "Adopt", "Renewal", "Risk"]);
        widths.extend([
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(4),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Length(6),
        ]);
        if with_owner {
            header.push("CSM");
            widths.push(Constraint::Fill(1));
        }
        let (visible, cursor) = self.list.window_in(table::body(area), 1);
        let rows: Vec<Row<'_>> = visible
            .iter()
            .map(|&index| {
                let row = &self.rows[index];
                let columns = Columns {
                    segment: with_segment,
                    owner: with_owner,
                };
                let risk = match &self.risk {
                    Some(risk) => risk_badge(risk.get(&row.account.id)),
                    None => Line::styled("…", theme::DIM),
                };
                account_row(row, risk, columns)
            })
            .collect();
        table::render(frame, area, &title, &header, &widths, rows, cursor);
        marks::render(frame, area, &self.list, &visible, 1);
    }
}

fn haystack(row: &AccountRow) -> Vec<&str> {
    let fields = &row.account.fields;
    vec![
        &fields.name,
        &fields.segment,
        &fields.csm_owner,
        fields.t3_status.as_str(),
    ]
}

/// The columns that only wider terminals show.
#[derive(Clone, Copy)]
struct Columns {
    segment: bool,
    owner: bool,
}

fn account_row(row: &AccountRow, risk: Line<'static>, columns: Columns) -> Row<'static> {
    let fields = &row.account.fields;
    let mut name = sanitize(&fields.name).into_owned();
    if row.account.archived {
        name.push_str(" (archived)");
    }
    let coverage = row.coverage().map_or_else(
        || Line::from("—"),
        |share| Line::styled(format::percent(share), theme::coverage(share)),
    );
    let adoption = row
        .adoption_depth
        .map_or_else(|| "—".to_string(), |depth| depth.to_string());
    let renewal = fields
        .renewal_date
        .map_or_else(|| "—".to_string(), |date| date.to_string());
    let row_style = if row.account.archived {
        theme::DIM
    } else {
        ratatui::style::Style::new()
    };
    let mut cells = vec![Cell::from(name)];
    if columns.segment {
        cells.push(Cell::from(sanitize(&fields.segment).into_owned()));
    }
    cells.extend([
        Cell::from(Line::from(format::thousands(u64::from(fields.seats))).right_aligned()),
        Cell::from(Line::styled(
            fields.t3_status.as_str(),
            theme::t3_status(fields.t3_status),
        )),
        Cell::from(Line::from(row.certified_trainers.to_string()).right_aligned()),
        Cell::from(coverage.right_aligned()),
        Cell::from(Line::from(adoption).right_aligned()),
        Cell::from(renewal),
        Cell::from(risk),
    ]);
    if columns.owner {
        cells.push(Cell::from(sanitize(&fields.csm_owner).into_owned()));
    }
    Row::new(cells).style(row_style)
}

/// `HIGH 3`: the worst open finding's severity and the number of open findings.
fn risk_badge(risk: Option<&RiskBadge>) -> Line<'static> {
    let Some(risk) = risk else {
        return Line::styled("—", theme::DIM);
    };
    let word = match risk.worst {
        Severity::Critical => "CRIT",
        Severity::High => "HIGH",
        Severity::Medium => "MED",
        Severity::Low => "LOW",
    };
    Line::styled(
        format!("{word} {}", risk.findings),
        theme::severity(risk.worst),
    )
}
