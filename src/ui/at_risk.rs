//! The At risk tab: the portfolio's findings grouped by account, worst first, each with its
//! reason and suggested action, and the selected finding's evidence and triage history.
//!
//! The findings are judged once per reload (see `App::reload`); this module only arranges and
//! draws them. Triage itself is carried out in `triaging`.

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Row};

use super::filter_fields::{FINDING_FIELDS, finding_value};
use super::list::ListView;
use super::marks::{self, RowKey};
use super::safe_text::sanitize;
use super::{format, table, theme, wrap};
use crate::domain::certification::CertificationState;
use crate::domain::risk::{self, Finding, FindingKey, Portfolio, Severity};
use crate::domain::triage::{TriageState, TriagedFinding};
use crate::domain::{Account, AccountId, TrainerStatus};

/// The detail's labels take this many columns; their values wrap under themselves.
const LABEL_WIDTH: usize = 11;

/// A triage history line: two spaces, date and time, two spaces, the actor, a space.
const HISTORY_INDENT: usize = 31;

/// From this height the selected finding's detail shows beneath the list.
const SPLIT_MIN_HEIGHT: u16 = 30;

/// From this width the triage state has a column of its own; below it, it follows the rule on
/// the finding's first line, so that the reason keeps the width.
const WIDE_TABLE: u16 = 110;

/// A trainer of a finding's account, as the detail lists them.
struct AccountTrainer {
    name: String,
    status: TrainerStatus,
    expiry: Option<NaiveDate>,
}

pub struct AtRiskTab {
    findings: Vec<TriagedFinding>,
    accounts: HashMap<AccountId, Account>,
    trainers: HashMap<AccountId, Vec<AccountTrainer>>,
    pub list: ListView,
    pub detail_open: bool,
    /// Snoozed and resolved findings are listed too.
    pub show_hidden: bool,
    /// Findings left out of the list because they are snoozed or resolved.
    hidden: usize,
    /// Accounts the shown findings concern, counted when the list is rebuilt.
    accounts_listed: usize,
    today: NaiveDate,
}

impl AtRiskTab {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            findings: Vec::new(),
            accounts: HashMap::new(),
            trainers: HashMap::new(),
            list: ListView::default(),
            detail_open: false,
            show_hidden: false,
            hidden: 0,
            accounts_listed: 0,
            today,
        }
    }

    /// Takes the findings judged on `portfolio`, keeping the cursor on the same finding, or
    /// on the one that took its place when it left the list.
    pub fn reload(
        &mut self,
        portfolio: &Portfolio,
        findings: Vec<TriagedFinding>,
        today: NaiveDate,
    ) {
        let keep = self.selected().map(|triaged| triaged.finding.key);
        let position = self.list.selected_index();
        self.today = today;
        self.list.set_fields(FINDING_FIELDS, today);
        self.findings = findings;
        self.accounts = portfolio
            .accounts
            .iter()
            .map(|account| (account.id, account.clone()))
            .collect();
        self.trainers.clear();
        for row in &portfolio.trainers {
            self.trainers
                .entry(row.trainer.fields.account_id)
                .or_default()
                .push(AccountTrainer {
                    name: row.trainer.fields.name.clone(),
                    status: row.status_on(today),
                    expiry: row.latest_expiry,
                });
        }
        self.rebuild(keep);
        if keep.is_some() && self.selected().map(|t| t.finding.key) != keep {
            self.list.move_to_top();
            self.list
                .move_by(position.min(self.list.len().saturating_sub(1)) as isize);
        }
    }

    /// Applies the hidden switch, the grouping and the filter, keeping the cursor on `keep`.
    pub fn rebuild(&mut self, keep: Option<FindingKey>) {
        let today = self.today;
        let listed: Vec<usize> = (0..self.findings.len())
            .filter(|&i| self.show_hidden || !self.findings[i].is_hidden(today))
            .collect();
        self.hidden = self.findings.len() - listed.len();
        let refs: Vec<&Finding> = listed.iter().map(|&i| &self.findings[i].finding).collect();
        let order: Vec<usize> = risk::grouped_by_account(&refs)
            .into_iter()
            .map(|position| listed[position])
            .collect();
        let findings = &self.findings;
        let keep = keep.and_then(|key| findings.iter().position(|t| t.finding.key == key));
        self.list.rebuild_with(
            order,
            |i| haystack(&findings[i]),
            |i, field| finding_value(&findings[i], today, field),
            keep,
        );
        let keys = findings
            .iter()
            .map(|triaged| RowKey::Finding(triaged.finding.key))
            .collect();
        self.list.set_keys(keys);
        let mut accounts: Vec<AccountId> = self
            .list
            .shown()
            .iter()
            .map(|&i| findings[i].finding.key.account)
            .collect();
        accounts.dedup();
        self.accounts_listed = accounts.len();
    }

    /// Every finding, hidden ones included, in the order row positions refer to.
    pub fn findings(&self) -> &[TriagedFinding] {
        &self.findings
    }

    pub fn selected(&self) -> Option<&TriagedFinding> {
        self.list
            .selected_row()
            .and_then(|index| self.findings.get(index))
    }

    /// Flips the switch that lists snoozed and resolved findings, and says where it stands.
    pub fn toggle_hidden(&mut self) -> String {
        self.show_hidden = !self.show_hidden;
        self.rebuild(self.selected().map(|t| t.finding.key));
        if self.show_hidden {
            "Showing snoozed and resolved findings too".to_string()
        } else {
            "Hiding snoozed and resolved findings".to_string()
        }
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let area = table::render_filter_line(frame, area, &self.list);
        if self.detail_open {
            self.render_detail(frame, area);
            return;
        }
        if area.height >= SPLIT_MIN_HEIGHT {
            let [top, bottom] =
                Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area);
            self.render_table(frame, top);
            self.render_detail(frame, bottom);
        } else {
            self.render_table(frame, area);
        }
    }

    fn title(&self) -> String {
        let accounts = self.accounts_listed;
        let hidden = match (self.hidden, self.show_hidden) {
            (0, _) => String::new(),
            (_, true) => " · snoozed and resolved shown (h hides)".to_string(),
            (count, false) => format!(" · {count} snoozed or resolved (h shows)"),
        };
        let findings = self.list.len();
        let plural = |count: usize, word: &str| {
            if count == 1 {
                format!("1 {word}")
            } else {
                format!("{count} {word}s")
            }
        };
        format!(
            " At risk · {} on {}{hidden} ",
            plural(findings, "finding"),
            plural(accounts, "account")
        )
    }

    fn render_table(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let title = self.title();
        if self.findings.is_empty() {
            table::render_detail(
                frame,
                area,
                title.trim(),
                vec![Line::styled(
                    "No findings: every active account is clear on today's data.",
                    theme::DIM,
                )],
            );
            return;
        }
        let wide = area.width >= WIDE_TABLE;
        let mut header = vec!["Severity", "Account · rule · trainer, then why"];
        let mut widths = vec![Constraint::Length(8), Constraint::Fill(1)];
        if wide {
            header.push("Triage");
            widths.push(Constraint::Length(18));
        }
        // Two lines a finding: what and where, then why.
        let (visible, cursor) = self.list.window_in(table::body(area), 2);
        let mut previous_account = None;
        let rows: Vec<Row<'_>> = visible
            .iter()
            .map(|&index| {
                let triaged = &self.findings[index];
                let repeat = previous_account == Some(triaged.finding.key.account);
                previous_account = Some(triaged.finding.key.account);
                finding_row(triaged, self.today, wide, repeat)
            })
            .collect();
        table::render(frame, area, &title, &header, &widths, rows, cursor);
        marks::render(frame, area, &self.list, &visible, 2);
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect) {
        let Some(triaged) = self.selected() else {
            table::render_detail(
                frame,
                area,
                "Finding",
                vec![Line::styled("No finding selected.", theme::DIM)],
            );
            return;
        };
        let finding = &triaged.finding;
        let title = format!("{} · {}", finding.key.rule, sanitize(&finding.account_name));
        let mut lines = vec![severity_line(triaged)];
        if let Some(trainer) = &finding.trainer_name {
            lines.push(labelled("Trainer", sanitize(trainer).into_owned()));
        }
        lines.push(labelled("Why", sanitize(&finding.reason).into_owned()));
        lines.push(labelled(
            "Next step",
            sanitize(&finding.action).into_owned(),
        ));
        if let Some(account) = self.accounts.get(&finding.key.account) {
            lines.push(self.account_line(account));
        }
        lines.push(self.trainers_line(finding.key.account));
        let width = usize::from(area.width.saturating_sub(2));
        let mut wrapped: Vec<Line<'static>> = lines
            .into_iter()
            .flat_map(|line| wrap::hanging(line.spans, width, LABEL_WIDTH))
            .collect();
        wrapped.push(Line::default());
        wrapped.extend(triage_lines(triaged, self.today, width));
        table::render_detail(frame, area, &title, wrapped);
    }

    fn account_line(&self, account: &Account) -> Line<'static> {
        let fields = &account.fields;
        let renewal = fields.renewal_date.map_or_else(
            || "no renewal date".to_string(),
            |day| format!("renews {day} ({})", format::relative_days(self.today, day)),
        );
        Line::from(vec![
            Span::styled(format!("{:<11}", "Account"), theme::LABEL),
            Span::raw(renewal),
            Span::styled(" · value ", theme::LABEL),
            Span::raw(format::thousands(fields.annual_value)),
            Span::styled(" · seats ", theme::LABEL),
            Span::raw(format::thousands(u64::from(fields.seats))),
            Span::styled(" · CSM ", theme::LABEL),
            Span::raw(sanitize(&fields.csm_owner).into_owned()),
        ])
    }

    fn trainers_line(&self, account: AccountId) -> Line<'static> {
        let mut spans = vec![Span::styled(format!("{:<11}", "Trainers"), theme::LABEL)];
        let trainers = self.trainers.get(&account).map_or(&[][..], Vec::as_slice);
        let relevant: Vec<&AccountTrainer> = trainers
            .iter()
            .filter(|t| !matches!(t.status, TrainerStatus::Declined | TrainerStatus::Inactive))
            .collect();
        if relevant.is_empty() {
            spans.push(Span::styled("none on the roster", theme::DIM));
        }
        for (index, trainer) in relevant.iter().enumerate() {
            if index > 0 {
                spans.push(Span::raw(" · "));
            }
            spans.push(Span::raw(sanitize(&trainer.name).into_owned()));
            let state = match (trainer.status, trainer.expiry) {
                (TrainerStatus::Certified | TrainerStatus::Lapsed, Some(expiry)) => {
                    let state = CertificationState::on(self.today, Some(expiry));
                    let word = if expiry < self.today {
                        "lapsed"
                    } else {
                        "until"
                    };
                    Span::styled(
                        format!(" ({word} {expiry})"),
                        theme::certification_state(state),
                    )
                }
                (status, _) => Span::styled(format!(" ({status})"), theme::trainer_status(status)),
            };
            spans.push(state);
        }
        Line::from(spans)
    }
}

/// What the filter matches: the reason is left out, since fuzzy letters picked from a long
/// sentence would let almost any word match.
fn haystack(triaged: &TriagedFinding) -> Vec<&str> {
    let finding = &triaged.finding;
    vec![
        &finding.account_name,
        finding.trainer_name.as_deref().unwrap_or_default(),
        finding.key.rule.id(),
        finding.severity.as_str(),
        triaged.state.assigned_to.as_deref().unwrap_or_default(),
    ]
}

/// `CRIT`, `HIGH`, `MED`, `LOW`, with `↑` when a near renewal raised it.
fn badge(severity: Severity, escalated: bool) -> String {
    let word = match severity {
        Severity::Critical => "CRIT",
        Severity::High => "HIGH",
        Severity::Medium => "MED",
        Severity::Low => "LOW",
    };
    let arrow = if escalated { "↑" } else { "" };
    format!("{word}{arrow}")
}

fn finding_row(
    triaged: &TriagedFinding,
    today: NaiveDate,
    wide: bool,
    repeat: bool,
) -> Row<'static> {
    let finding = &triaged.finding;
    let account_style = if repeat { theme::DIM } else { theme::TITLE };
    let mut what = vec![
        Span::styled(sanitize(&finding.account_name).into_owned(), account_style),
        Span::styled(format!("  {}", finding.key.rule), theme::HEADER),
    ];
    if let Some(trainer) = &finding.trainer_name {
        what.push(Span::raw(format!("  {}", sanitize(trainer))));
    }
    let summary = triage_summary(&triaged.state, today);
    if !wide && !triaged.history.is_empty() {
        what.push(Span::raw("  ["));
        for (index, line) in summary.iter().enumerate() {
            if index > 0 {
                what.push(Span::raw(" · "));
            }
            what.extend(line.spans.iter().cloned());
        }
        what.push(Span::raw("]"));
    }
    let why = Line::styled(sanitize(&finding.reason).into_owned(), theme::LABEL);
    let mut cells = vec![
        Cell::from(Line::styled(
            badge(finding.severity, raised(finding)),
            theme::severity(finding.severity),
        )),
        Cell::from(Text::from(vec![Line::from(what), why])),
    ];
    if wide {
        cells.push(Cell::from(Text::from(summary)));
    }
    let style = if triaged.is_hidden(today) {
        theme::DIM
    } else {
        ratatui::style::Style::new()
    };
    Row::new(cells).height(2).style(style)
}

/// At most two short lines: where the finding stands, then who has it.
fn triage_summary(state: &TriageState, today: NaiveDate) -> Vec<Line<'static>> {
    let standing = if state.resolved.is_some() {
        Some(Line::styled("resolved", theme::VALID))
    } else if let Some(until) = state.snoozed_until.filter(|_| state.is_snoozed(today)) {
        Some(Line::styled(
            format!("snoozed to {}", until.format("%m-%d")),
            theme::DIM,
        ))
    } else if state.contacts > 0 {
        let plural = if state.contacts == 1 { "" } else { "s" };
        Some(Line::styled(
            format!("{} contact{plural}", state.contacts),
            theme::INFO,
        ))
    } else if state.acknowledged {
        Some(Line::styled("acknowledged", theme::INFO))
    } else {
        None
    };
    let owner = state
        .assigned_to
        .as_deref()
        .map(|person| Line::raw(format!("→ {}", sanitize(person))));
    let mut lines: Vec<Line<'static>> = standing.into_iter().chain(owner).collect();
    if lines.is_empty() {
        lines.push(Line::styled("new", theme::KEY));
    }
    lines
}

/// Whether the renewal escalation made the finding worse than its rule says.
fn raised(finding: &Finding) -> bool {
    finding.escalated && finding.severity != finding.key.rule.severity()
}

fn labelled(label: &'static str, text: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<11}"), theme::LABEL),
        Span::raw(text),
    ])
}

fn severity_line(triaged: &TriagedFinding) -> Line<'static> {
    let finding = &triaged.finding;
    let mut spans = vec![
        Span::styled(format!("{:<11}", "Severity"), theme::LABEL),
        Span::styled(
            finding.severity.as_str().to_string(),
            theme::severity(finding.severity),
        ),
    ];
    if raised(finding) {
        spans.push(Span::styled(
            format!(
                " (raised from {}: the account renews soon)",
                finding.key.rule.severity()
            ),
            theme::DIM,
        ));
    }
    Line::from(spans)
}

/// Where the finding stands, then every action in force on it, oldest first.
fn triage_lines(triaged: &TriagedFinding, today: NaiveDate, width: usize) -> Vec<Line<'static>> {
    let state = &triaged.state;
    let mut standing: Vec<String> = Vec::new();
    if let Some(reason) = &state.resolved {
        standing.push(format!("resolved ({})", sanitize(reason)));
    }
    if let Some(until) = state.snoozed_until.filter(|_| state.is_snoozed(today)) {
        standing.push(format!("snoozed until {until}"));
    }
    if let Some(person) = &state.assigned_to {
        standing.push(format!("assigned to {}", sanitize(person)));
    }
    if standing.is_empty() {
        standing.push(if state.acknowledged {
            "acknowledged".to_string()
        } else {
            "new: nobody has acted on it yet".to_string()
        });
    }
    let mut lines = wrap::hanging(
        labelled("Triage", standing.join(" · ")).spans,
        width,
        LABEL_WIDTH,
    );
    for event in &triaged.history {
        let action = event.action.to_string();
        for (index, part) in action.lines().enumerate() {
            let head = if index == 0 {
                format!(
                    "  {}  {} ",
                    event.at.format("%Y-%m-%d %H:%M"),
                    format::pad(&sanitize(&event.actor), 10)
                )
            } else {
                " ".repeat(HISTORY_INDENT)
            };
            let spans = vec![
                Span::styled(head, theme::DIM),
                Span::raw(sanitize(part).into_owned()),
            ];
            lines.extend(wrap::hanging(spans, width, HISTORY_INDENT));
        }
    }
    if triaged.history.is_empty() {
        lines.push(Line::styled(
            "  a acknowledge · c log a contact · z snooze · A assign · r resolve · o reopen",
            theme::DIM,
        ));
    }
    lines
}
