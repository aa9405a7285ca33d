//! The selected account in full: its figures, trend, trainers and notes.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::safe_text::sanitize;
use super::{format, theme};
use crate::domain::certification::CertificationState;
use crate::domain::{AccountId, AccountRow, AccountSnapshot, Note, TrainerRow, TrainerStatus};
use crate::store::{Store, StoreError};

/// What the detail shows beyond the table row, loaded when the cursor lands on an account so
/// that drawing never queries.
pub struct AccountDetail {
    pub account_id: AccountId,
    trainers: Vec<TrainerRow>,
    snapshots: Vec<AccountSnapshot>,
    notes: Vec<Note>,
}

impl AccountDetail {
    pub fn load(store: &Store, account_id: AccountId) -> Result<Self, StoreError> {
        Ok(Self {
            account_id,
            trainers: store.trainers_of_account(account_id)?,
            snapshots: store.snapshots_of_account(account_id)?,
            notes: store.notes_of_account(account_id)?,
        })
    }
}

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    row: Option<&AccountRow>,
    detail: Option<&AccountDetail>,
    today: NaiveDate,
) {
    let Some(row) = row else {
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(" Account ");
        frame.render_widget(
            Paragraph::new("No account selected.")
                .style(theme::DIM)
                .block(block),
            area,
        );
        return;
    };
    let title = format!(" {} ", sanitize(&row.account.fields.name));
    let block = Block::bordered()
        .border_style(theme::BORDER)
        .title(Line::styled(title, theme::TITLE));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut summary = facts(row, today);
    if let Some(detail) = detail {
        summary.extend(snapshot_lines(&detail.snapshots, row.account.fields.seats));
    }
    let summary_height = (summary.len() as u16).min(inner.height);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(summary_height + 1), Constraint::Fill(1)])
            .areas(inner);
    frame.render_widget(Paragraph::new(summary), top);
    let Some(detail) = detail else { return };
    let columns = if bottom.width >= 90 {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).split(bottom)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).split(bottom)
    };
    frame.render_widget(trainers(&detail.trainers, today), columns[0]);
    frame.render_widget(notes(&detail.notes), columns[1]);
}

fn label(text: &'static str) -> Span<'static> {
    Span::styled(text, theme::LABEL)
}

fn facts(row: &AccountRow, today: NaiveDate) -> Vec<Line<'static>> {
    let fields = &row.account.fields;
    let mut first = vec![
        label("Segment "),
        Span::raw(sanitize(&fields.segment).into_owned()),
        label("  Seats "),
        Span::raw(format::thousands(u64::from(fields.seats))),
        label("  CSM "),
        Span::raw(sanitize(&fields.csm_owner).into_owned()),
        label("  T3 "),
        Span::styled(
            fields.t3_status.as_str(),
            theme::t3_status(fields.t3_status),
        ),
    ];
    if row.account.archived {
        first.push(Span::styled("  archived", theme::DIM));
    }
    let date =
        |date: Option<NaiveDate>| date.map_or_else(|| "—".to_string(), |date| date.to_string());
    let mut second = vec![
        label("Rollout "),
        Span::raw(date(fields.rollout_start)),
        label("  Renewal "),
        Span::raw(date(fields.renewal_date)),
    ];
    if let Some(renewal) = fields.renewal_date {
        second.push(Span::styled(
            format!(" ({})", format::relative_days(today, renewal)),
            theme::DIM,
        ));
    }
    second.extend([
        label("  Value "),
        Span::raw(format::thousands(fields.annual_value)),
    ]);
    vec![Line::from(first), Line::from(second)]
}

fn snapshot_lines(snapshots: &[AccountSnapshot], seats: u32) -> Vec<Line<'static>> {
    let (Some(first), Some(latest)) = (snapshots.first(), snapshots.last()) else {
        return vec![Line::styled("No snapshots yet.", theme::DIM)];
    };
    let coverage = |snapshot: &AccountSnapshot| snapshot.users_trained * 100 / seats.max(1);
    let adoption: Vec<u32> = snapshots
        .iter()
        .map(|s| u32::from(s.adoption_depth))
        .collect();
    let coverage_trend: Vec<u32> = snapshots.iter().map(coverage).collect();
    let figures = Line::from(vec![
        label("Snapshot "),
        Span::raw(latest.as_of.to_string()),
        label(" · active "),
        Span::raw(format::thousands(u64::from(latest.active_users))),
        label(" · trained "),
        Span::raw(format::thousands(u64::from(latest.users_trained))),
        label(" · tickets "),
        Span::raw(latest.support_tickets.to_string()),
        label(" · NRR "),
        Span::raw(format!("{:.1}%", latest.net_revenue_retention)),
    ]);
    let trend = Line::from(vec![
        label("Adoption "),
        Span::raw(format!("{} ", latest.adoption_depth)),
        Span::styled(format::sparkline(&adoption), theme::INFO),
        Span::styled(format!(" ({}→)", first.adoption_depth), theme::DIM),
        label(" · new features "),
        Span::raw(latest.new_feature_adoption.to_string()),
        label(" · coverage "),
        Span::raw(format!("{}% ", coverage(latest))),
        Span::styled(format::sparkline(&coverage_trend), theme::INFO),
        Span::styled(format!(" ({}%→)", coverage(first)), theme::DIM),
    ]);
    vec![figures, trend]
}

fn trainers(trainers: &[TrainerRow], today: NaiveDate) -> Paragraph<'static> {
    let mut title = Line::styled(format!(" Trainers ({}) ", trainers.len()), theme::HEADER);
    // Only a trainer who is or was certified has sessions to log: the key is offered then.
    if trainers
        .iter()
        .any(|row| row.status_on(today).delivers_sessions())
    {
        title.push_span(Span::styled("· l logs a session ", theme::DIM));
    }
    let lines: Vec<Line<'static>> = if trainers.is_empty() {
        vec![Line::styled(
            "No trainers yet: add one from the Roster (2, a).",
            theme::DIM,
        )]
    } else {
        trainers
            .iter()
            .map(|row| {
                let trainer = &row.trainer;
                let status = row.status_on(today);
                let mut spans = vec![
                    Span::styled(
                        format!("{:<11}", status.as_str()),
                        theme::trainer_status(status),
                    ),
                    Span::raw(format::pad(&sanitize(&trainer.fields.name), 22)),
                ];
                match (status, row.latest_expiry) {
                    (TrainerStatus::Certified | TrainerStatus::Lapsed, Some(expiry)) => {
                        let state = CertificationState::on(today, Some(expiry));
                        let word = if expiry < today { "expired" } else { "until" };
                        spans.push(Span::styled(
                            format!(" {word} {expiry}"),
                            theme::certification_state(state),
                        ));
                    }
                    _ => spans.push(Span::styled(
                        format!(" {}", sanitize(&trainer.fields.title)),
                        theme::DIM,
                    )),
                }
                Line::from(spans)
            })
            .collect()
    };
    Paragraph::new(lines).block(Block::new().title(title))
}

fn notes(notes: &[Note]) -> Paragraph<'static> {
    let title = Line::styled(format!(" Notes ({}) ", notes.len()), theme::HEADER);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if notes.is_empty() {
        lines.push(Line::styled("No notes yet: n adds one.", theme::DIM));
    }
    for note in notes {
        lines.push(Line::styled(
            note.written_at.format("%Y-%m-%d %H:%M").to_string(),
            theme::LABEL,
        ));
        lines.extend(
            note.body
                .lines()
                .map(|line| Line::raw(sanitize(line).into_owned())),
        );
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::new().title(title))
}
