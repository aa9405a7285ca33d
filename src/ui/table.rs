//! The bordered, scrolling table every tab draws, and the filter line above it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

use super::list::ListView;
use super::theme;

/// Lines available for rows inside a bordered table with a header.
pub fn body_height(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(3))
}

/// Where the rows go inside a bordered table with a header.
pub fn body(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(2),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(3),
    }
}

/// Draws `rows` (only the visible ones, already cut to fit) with the cursor on `cursor`.
pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    header: &[&'static str],
    widths: &[Constraint],
    rows: Vec<Row<'_>>,
    cursor: Option<usize>,
) {
    let empty = rows.is_empty();
    let block = Block::bordered()
        .border_style(theme::BORDER)
        .title(Line::styled(title.to_string(), theme::TITLE));
    let header = Row::new(header.iter().copied()).style(theme::HEADER);
    let table = Table::new(rows, widths.iter().copied())
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme::SELECTED)
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(cursor);
    frame.render_stateful_widget(table, area, &mut state);
    if empty {
        let inner = Rect {
            y: area.y + 2,
            height: 1,
            ..area.inner(ratatui::layout::Margin::new(2, 0))
        };
        if inner.y < area.bottom() {
            frame.render_widget(
                Line::styled("Nothing to show: no rows match.", theme::DIM),
                inner,
            );
        }
    }
}

/// Draws the filter line when a filter is being typed or is in force, and returns the area
/// left for the table.
pub fn render_filter_line(frame: &mut Frame<'_>, area: Rect, list: &ListView) -> Rect {
    let text = list.filter_text();
    if !list.filtering && text.is_empty() {
        return area;
    }
    let [line, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let [label, input, count] = Layout::horizontal([
        Constraint::Length(9),
        Constraint::Fill(1),
        Constraint::Length(12),
    ])
    .areas(line);
    frame.render_widget(Span::styled(" filter /", theme::KEY), label);
    if list.filtering {
        frame.render_widget(list.filter_widget(), input);
    } else {
        frame.render_widget(Paragraph::new(text), input);
    }
    frame.render_widget(
        Line::styled(format!("{} match", list.len()), theme::DIM).right_aligned(),
        count,
    );
    rest
}

/// Draws one record's detail in place of the table: a bordered pane titled with the record,
/// its lines wrapped to the width.
pub fn render_detail(frame: &mut Frame<'_>, area: Rect, title: &str, lines: Vec<Line<'static>>) {
    let block = Block::bordered()
        .border_style(theme::BORDER)
        .title(Line::styled(format!(" {title} "), theme::TITLE));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
