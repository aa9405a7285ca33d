//! The Roster tab: every trainer, their account and where they stand.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Wrap};

use super::list::ListView;
use super::safe_text::sanitize;
use super::{table, theme};
use crate::domain::{TrainerId, TrainerRow};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Name,
    Account,
    Status,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::Account,
            Sort::Account => Sort::Status,
            Sort::Status => Sort::Name,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Account => "account",
            Sort::Status => "status",
        }
    }
}

pub struct RosterTab {
    rows: Vec<TrainerRow>,
    pub list: ListView,
    sort: Sort,
    pub detail_open: bool,
}

impl RosterTab {
    pub fn new() -> Self {
        Self {
            rows: Vec::new(),
            list: ListView::default(),
            sort: Sort::Name,
            detail_open: false,
        }
    }

    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let keep = self.selected().map(|row| row.trainer.id);
        self.rows = store.trainer_rows()?;
        self.rebuild(keep);
        Ok(())
    }

    pub fn rebuild(&mut self, keep: Option<TrainerId>) {
        let rows = &self.rows;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        match self.sort {
            Sort::Name => {}
            Sort::Account => {
                order.sort_by(|&a, &b| rows[a].account_name.cmp(&rows[b].account_name));
            }
            Sort::Status => order.sort_by_key(|&i| rows[i].trainer.status),
        }
        let keep = keep.and_then(|id| rows.iter().position(|row| row.trainer.id == id));
        self.list.rebuild(order, |i| haystack(&rows[i]), keep);
    }

    pub fn selected(&self) -> Option<&TrainerRow> {
        self.list
            .selected_row()
            .and_then(|index| self.rows.get(index))
    }

    pub fn rows(&self) -> &[TrainerRow] {
        &self.rows
    }

    pub fn select(&mut self, id: TrainerId) {
        self.rebuild(Some(id));
    }

    pub fn cycle_sort(&mut self) -> String {
        self.sort = self.sort.next();
        self.rebuild(self.selected().map(|row| row.trainer.id));
        format!("Roster sorted by {}", self.sort.label())
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let area = table::render_filter_line(frame, area, &self.list);
        if self.detail_open {
            self.render_detail(frame, area);
            return;
        }
        let title = format!(
            " Roster {} of {} · by {} ",
            self.list.len(),
            self.rows.len(),
            self.sort.label()
        );
        let header = ["Trainer", "Account", "Status", "Title", "Email"];
        let widths = [
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Length(10),
            Constraint::Fill(2),
            Constraint::Fill(3),
        ];
        let (visible, cursor) = self.list.window(table::body_height(area));
        let rows: Vec<Row<'_>> = visible
            .iter()
            .map(|&index| trainer_row(&self.rows[index]))
            .collect();
        table::render(frame, area, &title, &header, &widths, rows, cursor);
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect) {
        let Some(row) = self.selected() else {
            frame.render_widget(
                Paragraph::new("No trainer selected.").block(Block::bordered()),
                area,
            );
            return;
        };
        let trainer = &row.trainer;
        let field = |label: &'static str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label:<12}"), theme::LABEL),
                Span::raw(value),
            ])
        };
        let moves: Vec<&str> = trainer
            .status
            .allowed_moves()
            .iter()
            .map(|status| status.as_str())
            .collect();
        let lines = vec![
            field("Account", sanitize(&row.account_name).into_owned()),
            Line::from(vec![
                Span::styled(format!("{:<12}", "Status"), theme::LABEL),
                Span::styled(
                    trainer.status.as_str(),
                    theme::trainer_status(trainer.status),
                ),
            ]),
            field("Email", sanitize(&trainer.fields.email).into_owned()),
            field("Title", sanitize(&trainer.fields.title).into_owned()),
            field(
                "Department",
                sanitize(&trainer.fields.department).into_owned(),
            ),
            Line::raw(""),
            Line::styled(
                format!("Can move to: {}  (c)", moves.join(", ")),
                theme::DIM,
            ),
        ];
        let title = Line::styled(
            format!(" {} ", sanitize(&trainer.fields.name)),
            theme::TITLE,
        );
        let block = Block::bordered().border_style(theme::BORDER).title(title);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block),
            area,
        );
    }
}

fn haystack(row: &TrainerRow) -> Vec<&str> {
    let fields = &row.trainer.fields;
    vec![
        &fields.name,
        &row.account_name,
        row.trainer.status.as_str(),
        &fields.email,
        &fields.title,
        &fields.department,
    ]
}

fn trainer_row(row: &TrainerRow) -> Row<'static> {
    let trainer = &row.trainer;
    Row::new(vec![
        Cell::from(sanitize(&trainer.fields.name).into_owned()),
        Cell::from(sanitize(&row.account_name).into_owned()),
        Cell::from(Line::styled(
            trainer.status.as_str(),
            theme::trainer_status(trainer.status),
        )),
        Cell::from(sanitize(&trainer.fields.title).into_owned()),
        Cell::from(sanitize(&trainer.fields.email).into_owned()),
    ])
}
