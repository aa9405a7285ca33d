//! The Syncs tab: upcoming Trainer Syncs first, then past ones with their attendance, and the
//! certified trainers who have missed the last two quarters.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Offset, TimeZone};
use chrono_tz::OffsetName;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Wrap};

use super::filter_fields::{SYNC_FIELDS, sync_value};
use super::list::ListView;
use super::marks::{self, RowKey};
use super::safe_text::sanitize;
use super::{table, theme};
use crate::domain::sync::{Engagement, Invitee, SyncFields, SyncId, SyncRow, SyncState};
use crate::domain::{TrainerId, TrainerRow, TrainerStatus};
use crate::store::{Store, StoreError};

/// From this width the table also shows the duration and the zone's name.
const WIDE_TABLE: u16 = 110;

/// A trainer who has missed the last two quarters, as the warning panel names them.
pub struct Drifting {
    pub name: String,
    pub account_name: String,
    pub last_attended: Option<NaiveDate>,
}

pub struct SyncsTab {
    rows: Vec<SyncRow>,
    pub list: ListView,
    pub detail_open: bool,
    /// The selected sync's invite list, read when the detail opens.
    invitees: Vec<Invitee>,
    drifting: Vec<Drifting>,
    /// How many syncs are still to come: they are listed first.
    upcoming: usize,
    today: NaiveDate,
}

impl SyncsTab {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            rows: Vec::new(),
            list: ListView::default(),
            detail_open: false,
            invitees: Vec::new(),
            drifting: Vec::new(),
            upcoming: 0,
            today,
        }
    }

    /// Reads the syncs again; `trainers` and `engagements` give the drifting trainers.
    pub fn reload(
        &mut self,
        store: &Store,
        today: NaiveDate,
        trainers: &[TrainerRow],
        engagements: &HashMap<TrainerId, Engagement>,
    ) -> Result<(), StoreError> {
        let keep = self.selected().map(|row| row.sync.id);
        self.today = today;
        self.list.set_fields(SYNC_FIELDS, today);
        self.rows = store.sync_rows()?;
        self.drifting = trainers
            .iter()
            .filter(|row| row.status_on(today) == TrainerStatus::Certified)
            .filter_map(|row| {
                let engagement = engagements.get(&row.trainer.id)?;
                engagement.is_drifting().then(|| Drifting {
                    name: row.trainer.fields.name.clone(),
                    account_name: row.account_name.clone(),
                    last_attended: engagement.last_attended,
                })
            })
            .collect();
        self.rebuild(keep);
        self.load_detail(store)
    }

    pub fn load_detail(&mut self, store: &Store) -> Result<(), StoreError> {
        self.invitees = match (self.detail_open, self.selected()) {
            (true, Some(row)) => store.invitees(row.sync.id)?,
            _ => Vec::new(),
        };
        Ok(())
    }

    /// Upcoming syncs soonest first, then the rest most recent first.
    pub fn rebuild(&mut self, keep: Option<SyncId>) {
        let rows = &self.rows;
        let today = self.today;
        let (mut upcoming, mut past): (Vec<usize>, Vec<usize>) =
            (0..rows.len()).partition(|&i| rows[i].sync.is_upcoming(today));
        upcoming.sort_by_key(|&i| rows[i].sync.fields.starts_utc());
        past.sort_by_key(|&i| std::cmp::Reverse(rows[i].sync.fields.starts_utc()));
        self.upcoming = upcoming.len();
        upcoming.extend(past);
        let dates: Vec<String> = rows
            .iter()
            .map(|row| row.sync.fields.date().to_string())
            .collect();
        let keep = keep.and_then(|id| rows.iter().position(|row| row.sync.id == id));
        self.list.rebuild_with(
            upcoming,
            |i| {
                vec![
                    rows[i].sync.fields.title.as_str(),
                    rows[i].sync.state.as_str(),
                    dates[i].as_str(),
                ]
            },
            |i, field| sync_value(&rows[i], field),
            keep,
        );
        let keys = rows.iter().map(|row| RowKey::Sync(row.sync.id)).collect();
        self.list.set_keys(keys);
    }

    pub fn selected(&self) -> Option<&SyncRow> {
        self.list
            .selected_row()
            .and_then(|index| self.rows.get(index))
    }

    pub fn rows(&self) -> &[SyncRow] {
        &self.rows
    }

    /// The sync that starts last, scheduled or not.
    pub fn latest(&self) -> Option<&crate::domain::sync::TrainerSync> {
        self.rows
            .iter()
            .map(|row| &row.sync)
            .max_by_key(|sync| sync.fields.starts_utc())
    }

    pub fn select(&mut self, id: SyncId) {
        self.rebuild(Some(id));
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let area = table::render_filter_line(frame, area, &self.list);
        if self.detail_open {
            self.render_detail(frame, area);
            return;
        }
        let warning_height = self.drifting_height(area.width);
        let [table_area, warning] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(warning_height)]).areas(area);
        let title = format!(
            " Syncs · {} upcoming, then {} past ",
            self.upcoming,
            self.rows.len() - self.upcoming
        );
        let wide = area.width >= WIDE_TABLE;
        let header = ["Date", "Day", "Time", "When", "Title", "Invitees"];
        let widths = [
            Constraint::Length(10),
            Constraint::Length(3),
            Constraint::Length(if wide { 28 } else { 10 }),
            Constraint::Length(11),
            Constraint::Fill(1),
            Constraint::Length(10),
        ];
        let (visible, cursor) = self.list.window_in(table::body(table_area), 1);
        let rows: Vec<Row<'_>> = visible
            .iter()
            .map(|&index| sync_row(&self.rows[index], self.today, wide))
            .collect();
        table::render(frame, table_area, &title, &header, &widths, rows, cursor);
        marks::render(frame, table_area, &self.list, &visible, 1);
        if !self.drifting.is_empty() {
            self.render_drifting(frame, warning);
        }
    }

    /// Rows the warning about drifting trainers needs at `width`: none when nobody drifts,
    /// at most four (the rest are in the Roster's Last sync column).
    fn drifting_height(&self, width: u16) -> u16 {
        if self.drifting.is_empty() {
            return 0;
        }
        let wide = width >= WIDE_TABLE;
        let text: usize = 40
            + self
                .drifting
                .iter()
                .map(|d| {
                    let details = if wide {
                        d.account_name.chars().count() + 24
                    } else {
                        0
                    };
                    d.name.chars().count() + 3 + details
                })
                .sum::<usize>();
        let rows = text.div_ceil(usize::from(width.max(1)));
        u16::try_from(rows).unwrap_or(4).clamp(1, 4)
    }

    fn render_drifting(&self, frame: &mut Frame<'_>, area: Rect) {
        let mut spans = vec![Span::styled(
            format!(" Missed the last two quarters ({}): ", self.drifting.len()),
            theme::EXPIRING,
        )];
        // A narrow screen has room for the names only; the Roster has the rest.
        let wide = area.width >= WIDE_TABLE;
        for (index, trainer) in self.drifting.iter().enumerate() {
            if index > 0 {
                spans.push(Span::raw(" · "));
            }
            spans.push(Span::raw(sanitize(&trainer.name).into_owned()));
            if wide {
                let last = trainer
                    .last_attended
                    .map_or_else(|| "never attended".to_string(), |day| format!("last {day}"));
                spans.push(Span::styled(
                    format!(" ({}, {last})", sanitize(&trainer.account_name)),
                    theme::DIM,
                ));
            }
        }
        frame.render_widget(
            Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true }),
            area,
        );
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect) {
        let Some(row) = self.selected() else {
            table::render_detail(frame, area, "No sync selected", Vec::new());
            return;
        };
        let sync = &row.sync;
        let fields = &sync.fields;
        let label = |text: &'static str| Span::styled(format!("{text:<11}"), theme::LABEL);
        let mut lines = vec![
            Line::from(vec![
                label("When"),
                Span::raw(format!(
                    "{} {} · {} minutes · {}",
                    fields.date().weekday(),
                    local_time(fields, true),
                    fields.duration_minutes,
                    when(row, self.today)
                )),
            ]),
            Line::from(vec![
                label("State"),
                Span::styled(sync.state.as_str(), state_style(row, self.today)),
            ]),
            Line::from(vec![
                label("Recording"),
                if fields.recording_link.is_empty() {
                    Span::styled("none yet: e attaches the link", theme::DIM)
                } else {
                    Span::raw(sanitize(&fields.recording_link).into_owned())
                },
            ]),
            Line::raw(""),
            Line::styled("Agenda", theme::HEADER),
        ];
        if fields.agenda.trim().is_empty() {
            lines.push(Line::styled("  none yet", theme::DIM));
        }
        lines.extend(
            fields
                .agenda
                .lines()
                .map(|line| Line::raw(format!("  {}", sanitize(line)))),
        );
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "Invited {} · attended {} (live or recording) · t takes attendance, i edits the list",
                row.invited, row.attended
            ),
            theme::HEADER,
        ));
        for invitee in &self.invitees {
            lines.push(invitee_line(invitee));
        }
        table::render_detail(frame, area, &sanitize(&fields.title), lines);
    }
}

/// "16:00 CET", the wall time where the sync is held; with the zone's name when `long`.
pub fn local_time(fields: &SyncFields, long: bool) -> String {
    let abbreviation = fields
        .time_zone
        .offset_from_local_datetime(&fields.starts_at)
        .earliest()
        .map(|offset| {
            offset
                .abbreviation()
                .map_or_else(|| offset.fix().to_string(), str::to_string)
        })
        .unwrap_or_default();
    let time = fields.starts_at.format("%H:%M");
    if long {
        format!("{time} {abbreviation} {}", fields.time_zone.name())
    } else {
        format!("{time} {abbreviation}")
    }
}

/// How far off the sync is, or what became of it.
fn when(row: &SyncRow, today: NaiveDate) -> String {
    let days = (row.sync.fields.date() - today).num_days();
    match row.sync.state {
        SyncState::Scheduled if days == 0 => "today".to_string(),
        SyncState::Scheduled if days == 1 => "tomorrow".to_string(),
        SyncState::Scheduled if days > 0 => format!("in {days} days"),
        SyncState::Scheduled => "to mark".to_string(),
        SyncState::Held => "held".to_string(),
        SyncState::Cancelled => "cancelled".to_string(),
    }
}

/// Yellow for a past sync still waiting to be marked held or cancelled.
fn state_style(row: &SyncRow, today: NaiveDate) -> Style {
    match row.sync.state {
        SyncState::Scheduled if row.sync.fields.date() < today => theme::EXPIRING,
        SyncState::Scheduled => theme::PATHWAY,
        SyncState::Held => theme::VALID,
        SyncState::Cancelled => theme::DIM,
    }
}

/// "24" invited before a sync is held, "20/26 77%" attended after.
fn invitees_text(row: &SyncRow) -> String {
    if row.sync.state != SyncState::Held || row.invited == 0 {
        return row.invited.to_string();
    }
    let rate = f64::from(row.attended) / f64::from(row.invited) * 100.0;
    format!("{}/{} {rate:.0}%", row.attended, row.invited)
}

fn sync_row(row: &SyncRow, today: NaiveDate, wide: bool) -> Row<'static> {
    let fields = &row.sync.fields;
    let past = !row.sync.is_upcoming(today);
    let text_style = if past { theme::DIM } else { Style::new() };
    Row::new(vec![
        Cell::from(Span::styled(fields.date().to_string(), text_style)),
        Cell::from(Span::styled(
            fields.date().weekday().to_string(),
            text_style,
        )),
        Cell::from(Span::styled(local_time(fields, wide), text_style)),
        Cell::from(Span::styled(when(row, today), state_style(row, today))),
        Cell::from(Span::raw(sanitize(&fields.title).into_owned())),
        Cell::from(Line::from(invitees_text(row)).right_aligned()),
    ])
}

fn invitee_line(invitee: &Invitee) -> Line<'static> {
    let (mark, style) = match invitee.attendance {
        Some(attendance) if attendance.attended() => (attendance.as_str(), theme::VALID),
        Some(attendance) => (attendance.as_str(), theme::LAPSED),
        None => ("—", theme::DIM),
    };
    Line::from(vec![
        Span::styled(format!("  {mark:<10}"), style),
        Span::raw(sanitize(&invitee.name).into_owned()),
        Span::styled(
            format!(" · {}", sanitize(&invitee.account_name)),
            theme::DIM,
        ),
    ])
}
