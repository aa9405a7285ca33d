//! One account's assessed candidates side by side, so a consultant can pick the best two of
//! five.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Clear, Row, Table};
use unicode_width::UnicodeWidthStr;

use super::safe_text::sanitize;
use super::theme;
use crate::domain::TrainerStatus;
use crate::domain::assessment::{ReviewState, Summary};
use crate::domain::questionnaire::Questionnaire;

pub struct Comparison {
    account: String,
    /// Short criterion names for the column headers.
    criteria: Vec<String>,
    rows: Vec<Candidate>,
}

pub struct Candidate {
    pub name: String,
    pub status: TrainerStatus,
    pub review: ReviewState,
    pub summary: Summary,
}

impl Comparison {
    /// Orders the candidates best first: complete assessments by overall score, then the rest.
    pub fn new(account: &str, questionnaire: &Questionnaire, mut rows: Vec<Candidate>) -> Self {
        rows.sort_by(|a, b| {
            let key = |candidate: &Candidate| candidate.summary.overall.unwrap_or(-1.0);
            key(b).total_cmp(&key(a)).then_with(|| a.name.cmp(&b.name))
        });
        let criteria = questionnaire
            .criteria
            .iter()
            .map(|criterion| {
                // The questionnaire is a file the user edits: its names are text like any other.
                let first_word = criterion.name.split_whitespace().next().unwrap_or_default();
                sanitize(first_word).into_owned()
            })
            .collect();
        Self {
            account: sanitize(account).into_owned(),
            criteria,
            rows,
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        frame.render_widget(Clear, area);
        let mut header = vec![
            "Candidate".to_string(),
            "Status".to_string(),
            "Review".to_string(),
        ];
        header.extend(self.criteria.iter().cloned());
        header.extend(["Overall".to_string(), "Recommendation".to_string()]);
        let mut widths = vec![
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(8),
        ];
        widths.extend(
            self.criteria
                .iter()
                .map(|name| Constraint::Length(name.width().max(5) as u16)),
        );
        widths.extend([Constraint::Length(7), Constraint::Length(20)]);
        let rows: Vec<Row<'_>> = self.rows.iter().map(Self::row).collect();
        let title = format!(" Candidates at {} · best first ", self.account);
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(title, theme::TITLE));
        let empty = rows.is_empty();
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme::HEADER))
            .block(block)
            .column_spacing(1);
        frame.render_widget(table, area);
        if empty && area.height > 3 {
            let line = Rect {
                x: area.x + 2,
                y: area.y + 2,
                width: area.width.saturating_sub(4),
                height: 1,
            };
            frame.render_widget(
                Line::styled("No one at this account has been assessed yet.", theme::DIM),
                line,
            );
        }
    }

    fn row(candidate: &Candidate) -> Row<'static> {
        let score = |value: Option<f64>| {
            value.map_or_else(|| "—".to_string(), |value| format!("{value:.1}"))
        };
        let mut cells = vec![
            Cell::from(sanitize(&candidate.name).into_owned()),
            Cell::from(Line::styled(
                candidate.status.as_str(),
                theme::trainer_status(candidate.status),
            )),
            Cell::from(candidate.review.as_str()),
        ];
        cells.extend(
            candidate
                .summary
                .criterion_scores
                .iter()
                .map(|value| Cell::from(Line::from(score(*value)).right_aligned())),
        );
        cells.push(Cell::from(
            Line::from(score(candidate.summary.overall)).right_aligned(),
        ));
        cells.push(Cell::from(
            candidate
                .summary
                .recommendation
                .map_or("incomplete", |level| level.as_str()),
        ));
        Row::new(cells)
    }
}
