//! A scrollable popup of text: what an import did, or every row it refused.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::form::centered;
use super::theme;
use crate::import::{ImportError, Report};
use crate::ui::safe_text::sanitize;

pub struct TextReport {
    pub title: String,
    pub lines: Vec<Line<'static>>,
    pub scroll: u16,
}

impl TextReport {
    /// The popup for a finished import (or dry run).
    pub fn of_import(report: &Report) -> Self {
        let verb = if report.dry_run { "would be" } else { "were" };
        let mut lines = vec![
            Line::raw(format!(
                "{} rows of {} read from {}",
                report.rows,
                report.kind,
                sanitize(&report.file)
            )),
            Line::raw(""),
            Line::raw(format!("  {:>7} {verb} added", report.added)),
            Line::raw(format!("  {:>7} {verb} updated", report.updated)),
            Line::raw(format!("  {:>7} {verb} left as they are", report.unchanged)),
        ];
        if report.syncs_created > 0 {
            lines.push(Line::raw(format!(
                "  {:>7} Trainer Syncs {verb} created, held on days that had none",
                report.syncs_created
            )));
        }
        if !report.ignored_columns.is_empty() {
            let ignored: Vec<String> = report
                .ignored_columns
                .iter()
                .map(|column| sanitize(column).into_owned())
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::raw(format!(
                "Columns t3 does not know were ignored: {}",
                ignored.join(", ")
            )));
        }
        if report.dry_run {
            lines.push(Line::raw(""));
            lines.push(Line::styled("A dry run: nothing was written.", theme::INFO));
        }
        let title = if report.dry_run {
            format!("Import {} (dry run)", report.kind)
        } else {
            format!("Imported {}", report.kind)
        };
        Self {
            title,
            lines,
            scroll: 0,
        }
    }

    /// The popup for an import that wrote nothing: every bad row, one a line.
    pub fn of_refusal(error: &ImportError) -> Self {
        let mut lines = Vec::new();
        match error {
            ImportError::Rejected { file, errors } => {
                lines.push(Line::styled(
                    format!(
                        "{} was refused, nothing was imported. Fix these and import it again:",
                        sanitize(file)
                    ),
                    theme::ERROR,
                ));
                lines.push(Line::raw(""));
                lines.extend(
                    errors
                        .iter()
                        .map(|row| Line::raw(sanitize(&row.to_string()).into_owned())),
                );
            }
            other => lines.push(Line::styled(
                sanitize(&other.to_string()).into_owned(),
                theme::ERROR,
            )),
        }
        Self {
            title: "Nothing imported".to_string(),
            lines,
            scroll: 0,
        }
    }

    /// The furthest the text scrolls: its last line at the top.
    pub fn last_line(&self) -> u16 {
        u16::try_from(self.lines.len().saturating_sub(1)).unwrap_or(u16::MAX)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let widest = self.lines.iter().map(Line::width).max().unwrap_or(0);
        let width = u16::try_from(widest.max(self.title.len() + 4) + 2)
            .unwrap_or(u16::MAX)
            .max(40)
            .min(area.width);
        // Rows once wrapped to the popup's inside, so a long line does not push the last off.
        let inside = usize::from(width.saturating_sub(2)).max(1);
        let rows: usize = self
            .lines
            .iter()
            .map(|line| line.width().div_ceil(inside).max(1))
            .sum();
        let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
        let popup = centered(area, width, height);
        frame.render_widget(Clear, popup);
        let visible = popup.height.saturating_sub(2);
        let scroll = self.scroll.min(
            u16::try_from(rows)
                .unwrap_or(u16::MAX)
                .saturating_sub(visible),
        );
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(format!(" {} ", self.title), theme::TITLE))
            .title_bottom(Line::styled(" j/k scroll · Esc closes ", theme::DIM));
        frame.render_widget(
            // Long lines (a file's path, a refused row) wrap rather than lose their end.
            Paragraph::new(self.lines.clone())
                .block(block)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            popup,
        );
    }
}
