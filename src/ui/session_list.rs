//! One trainer's training sessions over the Roster, latest first: where a logged session is
//! corrected or deleted. Forms and questions open above it and return to it.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Clear, Row, Table, TableState};

use super::form::centered;
use super::list::ListView;
use super::safe_text::sanitize;
use super::{format, theme};
use crate::domain::TrainerId;
use crate::domain::program::{self, LoggedSession, SessionId};

pub struct SessionList {
    pub trainer: TrainerId,
    /// "Ana Costa · Kestrel Insurance", made safe to draw.
    pub who: String,
    sessions: Vec<LoggedSession>,
    list: ListView,
    /// The day the last 90 days are counted back from.
    today: NaiveDate,
}

impl SessionList {
    pub fn new(
        trainer: TrainerId,
        who: String,
        sessions: Vec<LoggedSession>,
        today: NaiveDate,
    ) -> Self {
        let mut list = Self {
            trainer,
            who,
            sessions: Vec::new(),
            list: ListView::default(),
            today,
        };
        list.replace(sessions);
        list
    }

    /// Takes the sessions as the file holds them now, keeping the cursor on the same session
    /// when it is still there.
    pub fn replace(&mut self, sessions: Vec<LoggedSession>) {
        let keep = self.selected().map(|logged| logged.id);
        self.sessions = sessions;
        self.select_or_stay(keep);
    }

    /// Puts the cursor on `id`; if it is gone (just deleted), on the row that took its place.
    pub fn select_or_stay(&mut self, id: Option<SessionId>) {
        let place = self.list.selected_index();
        let keep = id.and_then(|id| self.sessions.iter().position(|logged| logged.id == id));
        self.list
            .rebuild((0..self.sessions.len()).collect(), |_| Vec::new(), keep);
        if keep.is_none() {
            self.list.move_by(place as isize);
        }
    }

    pub fn selected(&self) -> Option<&LoggedSession> {
        self.list
            .selected_row()
            .and_then(|index| self.sessions.get(index))
    }

    pub fn list_mut(&mut self) -> &mut ListView {
        &mut self.list
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let width = area.width.saturating_sub(4).min(84);
        // Borders, the header and at least one line for a row or the empty message.
        let wanted = self.sessions.len().max(1).saturating_add(3);
        let height = area
            .height
            .saturating_sub(2)
            .min(u16::try_from(wanted).unwrap_or(u16::MAX));
        let popup = centered(area, width, height);
        frame.render_widget(Clear, popup);
        let since = program::recent_since(self.today);
        let recent = self
            .sessions
            .iter()
            .filter(|logged| logged.session.held_on >= since)
            .count();
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(
                format!(" Sessions · {} ", self.who),
                theme::TITLE,
            ))
            .title_bottom(Line::styled(
                format!(
                    " {recent} in the last {} days · {} in all ",
                    program::RECENT_SESSION_DAYS,
                    self.sessions.len()
                ),
                theme::DIM,
            ));
        let body = usize::from(popup.height.saturating_sub(3));
        let (visible, cursor) = self.list.window(body);
        let rows: Vec<Row<'_>> = visible
            .iter()
            .filter_map(|&index| self.sessions.get(index))
            .map(session_row)
            .collect();
        let header = Row::new([
            Cell::from("Date"),
            Cell::from("Topic"),
            Cell::from(Line::from("Attendees").right_aligned()),
            Cell::from(Line::from("Minutes").right_aligned()),
        ])
        .style(theme::HEADER);
        let empty = rows.is_empty();
        let table = Table::new(
            rows,
            [
                Constraint::Length(10),
                Constraint::Fill(1),
                Constraint::Length(9),
                Constraint::Length(7),
            ],
        )
        .header(header)
        .block(block)
        .column_spacing(2)
        .row_highlight_style(theme::SELECTED)
        .highlight_symbol("▶ ");
        let mut state = TableState::default().with_selected(cursor);
        frame.render_stateful_widget(table, popup, &mut state);
        if empty && popup.height > 3 {
            let line = Rect {
                x: popup.x + 3,
                y: popup.y + 2,
                width: popup.width.saturating_sub(5),
                height: 1,
            };
            frame.render_widget(
                Line::styled("No sessions logged yet: l logs one.", theme::DIM),
                line,
            );
        }
    }
}

fn session_row(logged: &LoggedSession) -> Row<'static> {
    let session = &logged.session;
    Row::new([
        Cell::from(session.held_on.to_string()),
        Cell::from(sanitize(&session.topic).into_owned()),
        Cell::from(Line::from(format::thousands(u64::from(session.attendees))).right_aligned()),
        Cell::from(Line::from(session.duration_minutes.to_string()).right_aligned()),
    ])
}
