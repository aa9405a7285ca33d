//! A sync's checklist over the Syncs tab: its attendance, one key a trainer, or its invite
//! list, toggled a trainer at a time. Every mark is written as it is made. Trainers marked
//! with `Space` (`*` all) take one attendance key together.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::form::centered;
use super::keymap::Context;
use super::safe_text::sanitize;
use super::theme;
use crate::domain::TrainerId;
use crate::domain::sync::{Attendance, SyncId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistKind {
    /// Marking how each invitee attended a held sync.
    Attendance,
    /// Choosing who is invited.
    Invites,
}

pub struct ChecklistRow {
    pub trainer: TrainerId,
    pub name: String,
    pub account_name: String,
    pub attendance: Option<Attendance>,
    pub invited: bool,
}

pub struct Checklist {
    pub sync: SyncId,
    /// "Trainer Sync — Q3 · 2026-09-08", made safe to draw.
    pub title: String,
    pub kind: ChecklistKind,
    pub rows: Vec<ChecklistRow>,
    pub selected: usize,
    /// Trainers marked for one attendance key on all of them.
    pub marked: HashSet<TrainerId>,
}

impl Checklist {
    pub fn context(&self) -> Context {
        match self.kind {
            ChecklistKind::Attendance => Context::Attendance,
            ChecklistKind::Invites => Context::Invites,
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn current(&mut self) -> Option<&mut ChecklistRow> {
        self.rows.get_mut(self.selected)
    }

    /// Marks the trainer under the cursor, or unmarks them, and moves to the next.
    pub fn toggle_mark(&mut self) {
        let Some(trainer) = self.rows.get(self.selected).map(|row| row.trainer) else {
            return;
        };
        if !self.marked.remove(&trainer) {
            self.marked.insert(trainer);
        }
        self.move_by(1);
    }

    pub fn mark_all(&mut self) {
        self.marked = self.rows.iter().map(|row| row.trainer).collect();
    }

    /// The marked trainers, in the list's order.
    pub fn marked_trainers(&self) -> Vec<TrainerId> {
        self.rows
            .iter()
            .map(|row| row.trainer)
            .filter(|trainer| self.marked.contains(trainer))
            .collect()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let width = area.width.saturating_sub(4).min(84);
        let height = area.height.saturating_sub(2).min(
            u16::try_from(self.rows.len())
                .unwrap_or(u16::MAX)
                .saturating_add(3),
        );
        let popup = centered(area, width, height);
        frame.render_widget(Clear, popup);
        let (heading, summary) = match self.kind {
            ChecklistKind::Attendance => {
                let attended = self
                    .rows
                    .iter()
                    .filter(|row| row.attendance.is_some_and(Attendance::attended))
                    .count();
                let marked = self
                    .rows
                    .iter()
                    .filter(|row| row.attendance.is_some())
                    .count();
                (
                    "Attendance",
                    format!(
                        "{marked} of {} marked · {attended} attended (live or recording)",
                        self.rows.len()
                    ),
                )
            }
            ChecklistKind::Invites => {
                let invited = self.rows.iter().filter(|row| row.invited).count();
                (
                    "Invited",
                    format!("{invited} of {} certified trainers", self.rows.len()),
                )
            }
        };
        let visible = usize::from(popup.height.saturating_sub(3)).max(1);
        let offset = self.selected.saturating_sub(visible - 1);
        let summary = if self.marked.is_empty() {
            summary
        } else {
            format!("{summary} · {} marked", self.marked.len())
        };
        let mut lines = vec![Line::styled(summary, theme::DIM)];
        if self.rows.is_empty() {
            lines.push(Line::styled(
                "Nobody to list: no trainer is certified for this sync.",
                theme::DIM,
            ));
        }
        for (index, row) in self.rows.iter().enumerate().skip(offset).take(visible) {
            lines.push(self.row_line(index, row));
        }
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(
                format!(" {heading} · {} ", self.title),
                theme::TITLE,
            ));
        frame.render_widget(Paragraph::new(lines).block(block), popup);
    }

    fn row_line(&self, index: usize, row: &ChecklistRow) -> Line<'static> {
        let cursor = if index == self.selected { "▶" } else { " " };
        let marker = if self.marked.contains(&row.trainer) {
            super::marks::GLYPH
        } else {
            " "
        };
        let (mark, style) = match self.kind {
            ChecklistKind::Attendance => match row.attendance {
                Some(attendance) if attendance.attended() => {
                    (attendance.as_str().to_string(), theme::VALID)
                }
                Some(attendance) => (attendance.as_str().to_string(), theme::LAPSED),
                None => ("·".to_string(), theme::DIM),
            },
            ChecklistKind::Invites if row.invited => ("[x]".to_string(), theme::VALID),
            ChecklistKind::Invites => ("[ ]".to_string(), theme::DIM),
        };
        let name_style = if index == self.selected {
            theme::SELECTED
        } else {
            ratatui::style::Style::new()
        };
        Line::from(vec![
            Span::raw(cursor),
            Span::styled(marker, theme::KEY),
            Span::styled(format!("{mark:<10}"), style),
            Span::styled(sanitize(&row.name).into_owned(), name_style),
            Span::styled(format!(" · {}", sanitize(&row.account_name)), theme::DIM),
        ])
    }
}
