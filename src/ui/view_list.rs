//! The saved views list (`'`): every view with its number, tab, filter and sort; `1`–`9` or
//! Enter recall one, `d` deletes one after asking.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::form::centered;
use super::format::pad;
use super::safe_text::sanitize;
use super::saved_views::{NUMBERED, SavedView, tab_of};
use super::theme;

pub struct ViewList {
    pub views: Vec<SavedView>,
    pub selected: usize,
}

impl ViewList {
    pub fn chosen(&self) -> Option<&SavedView> {
        self.views.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.views.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let lines: Vec<Line<'static>> = if self.views.is_empty() {
            vec![Line::styled(
                "No saved views yet: W saves the tab's filter and sort under a name.",
                theme::DIM,
            )]
        } else {
            let name_width = self
                .views
                .iter()
                .map(|view| sanitize(&view.name).width())
                .max()
                .unwrap_or(0);
            self.views
                .iter()
                .enumerate()
                .map(|(index, view)| self.line(index, view, name_width))
                .collect()
        };
        let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
        let popup = centered(area, widest.clamp(40, 100) + 2, lines.len() as u16 + 2);
        frame.render_widget(Clear, popup);
        // Keep the cursor in view on a short terminal.
        let visible = popup.height.saturating_sub(2) as usize;
        let scroll = (self.selected + 1).saturating_sub(visible) as u16;
        let title = Line::styled(
            " Saved views (1–9 or Enter recall, d deletes) ",
            theme::TITLE,
        );
        let block = Block::bordered().border_style(theme::BORDER).title(title);
        frame.render_widget(
            Paragraph::new(lines).block(block).scroll((scroll, 0)),
            popup,
        );
    }

    fn line(&self, index: usize, view: &SavedView, name_width: usize) -> Line<'static> {
        let number = if index < NUMBERED {
            format!("{} ", index + 1)
        } else {
            "  ".to_string()
        };
        let tab = tab_of(&view.tab).map_or("?", super::tab::Tab::title);
        let mut spans = vec![
            Span::styled(number, theme::KEY),
            Span::raw(format!("{}  ", pad(&sanitize(&view.name), name_width))),
            Span::styled(format!("{tab:<13} "), theme::LABEL),
            Span::raw(sanitize(&view.filter).into_owned()),
        ];
        if let Some(sort) = &view.sort {
            spans.push(Span::styled(format!("  by {}", sanitize(sort)), theme::DIM));
        }
        let line = Line::from(spans);
        if index == self.selected {
            line.style(theme::SELECTED)
        } else {
            line
        }
    }
}
