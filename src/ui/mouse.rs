//! The mouse, opt-in (`--mouse` or `mouse = true`): a click on a tab's title shows it, a click on
//! a row selects it and a second click opens it as `Enter` does, and the wheel moves as `j` `k`.
//!
//! Off by default, since capturing the mouse takes the terminal's own text selection away.
//! Clicks land on what the last frame drew there, recorded while drawing; nothing here works
//! out a layout again.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::tab::Tab;

/// Whether the mouse is on, and where the last frame drew each tab's title.
#[derive(Debug, Default)]
pub struct Mouse {
    pub(super) enabled: bool,
    tabs: Vec<(Rect, Tab)>,
}

impl Mouse {
    /// Notes where a row of tab titles drawn in `area`, each with `padding` on both sides and a
    /// one-column divider between, put each title; a title cut off by the edge is clickable as
    /// far as it shows.
    pub(super) fn record_tabs(&mut self, area: Rect, titles: &[String], padding: &str) {
        self.tabs.clear();
        let padding = padding.width() as u16;
        let mut x = area.x;
        for (tab, title) in Tab::ALL.into_iter().zip(titles) {
            let width = (padding * 2 + title.width() as u16).min(area.right().saturating_sub(x));
            if width == 0 {
                break;
            }
            self.tabs.push((Rect::new(x, area.y, width, 1), tab));
            x = x.saturating_add(width + 1);
        }
    }

    pub(super) fn forget_tabs(&mut self) {
        self.tabs.clear();
    }

    fn tab_at(&self, at: Position) -> Option<Tab> {
        self.tabs
            .iter()
            .find(|(area, _)| area.contains(at))
            .map(|(_, tab)| *tab)
    }
}

impl App {
    /// Whether mouse capture is wanted: the terminal code turns it on only then.
    pub fn mouse_enabled(&self) -> bool {
        self.mouse.enabled
    }

    pub fn set_mouse(&mut self, enabled: bool) {
        self.mouse.enabled = enabled;
    }

    pub(super) fn handle_mouse(&mut self, event: MouseEvent) {
        if !self.mouse.enabled {
            return;
        }
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.click(Position::new(event.column, event.row));
            }
            MouseEventKind::ScrollDown => self.apply(Action::MoveDown),
            MouseEventKind::ScrollUp => self.apply(Action::MoveUp),
            _ => {}
        }
    }

    /// Clicks act only on a tab's own screen: over a form, a popup or a view covering the tab
    /// the rows beneath are not what the user sees.
    fn click(&mut self, at: Position) {
        let context = self.context();
        let on_a_tab = matches!(
            context,
            Context::Accounts
                | Context::Roster
                | Context::Certification
                | Context::Syncs
                | Context::AtRisk
                | Context::Program
                | Context::Filter
        );
        if !on_a_tab {
            return;
        }
        if let Some(tab) = self.mouse.tab_at(at) {
            self.message = None;
            // Leaving a tab mid-filter keeps the filter, as Enter would, rather than coming back
            // to find typing still going into it.
            if context == Context::Filter {
                self.apply(Action::ApplyFilter);
            }
            self.apply(Action::GoToTab(tab));
            return;
        }
        let Some(index) = self.list().row_at(at) else {
            return;
        };
        self.message = None;
        if index == self.list().selected_index() {
            self.apply(Action::Open);
        } else {
            self.move_list(|list| list.select_index(index));
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{Event, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::domain::questionnaire::Questionnaire;
    use crate::store::Store;

    fn demo_app(mouse: bool) -> App {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let mut store = Store::in_memory().unwrap();
        crate::demo::seed(&mut store, today).unwrap();
        let mut app = App::new(store, today, Questionnaire::embedded().unwrap()).unwrap();
        app.set_mouse(mouse);
        draw(&mut app);
        app
    }

    fn draw(app: &mut App) {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|frame| app.draw(frame)).unwrap();
    }

    fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
        app.handle_event(&Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
        draw(app);
    }

    fn click(app: &mut App, column: u16, row: u16) {
        mouse(app, MouseEventKind::Down(MouseButton::Left), column, row);
    }

    #[test]
    fn clicking_a_tab_title_shows_it() {
        let mut app = demo_app(true);
        // " 1 Accounts │ 2 Roster │": Roster's title starts at column 14.
        click(&mut app, 16, 0);
        assert_eq!(app.tab(), Tab::Roster);
        click(&mut app, 13, 0);
        assert_eq!(app.tab(), Tab::Roster, "the divider is no tab");
        click(&mut app, 0, 0);
        assert_eq!(app.tab(), Tab::Accounts);
    }

    #[test]
    fn clicking_a_row_selects_it_and_a_second_click_opens_it() {
        let mut app = demo_app(true);
        // The table's border and header take lines 1 and 2; the third row is on line 5.
        click(&mut app, 10, 5);
        assert_eq!(app.list().selected_index(), 2);
        assert!(!app.accounts.detail_open);
        click(&mut app, 30, 5);
        assert!(
            app.accounts.detail_open,
            "a second click opens, as Enter does"
        );
        click(&mut app, 10, 39);
        assert_eq!(
            app.list().selected_index(),
            2,
            "a click below the rows selects nothing"
        );
    }

    #[test]
    fn the_wheel_moves_through_the_list() {
        let mut app = demo_app(true);
        for _ in 0..3 {
            mouse(&mut app, MouseEventKind::ScrollDown, 10, 10);
        }
        mouse(&mut app, MouseEventKind::ScrollUp, 10, 10);
        assert_eq!(app.list().selected_index(), 2);
    }

    #[test]
    fn without_the_setting_the_mouse_does_nothing() {
        let mut app = demo_app(false);
        assert!(!app.mouse_enabled());
        click(&mut app, 16, 0);
        mouse(&mut app, MouseEventKind::ScrollDown, 10, 10);
        click(&mut app, 10, 5);
        assert_eq!((app.tab(), app.list().selected_index()), (Tab::Accounts, 0));
    }

    #[test]
    fn clicking_a_tab_mid_filter_keeps_the_filter() {
        let mut app = demo_app(true);
        app.apply(Action::StartFilter);
        app.handle_key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('k'),
            KeyModifiers::NONE,
        ));
        draw(&mut app);
        click(&mut app, 10, 3);
        assert_eq!(
            app.context(),
            Context::Filter,
            "a row click leaves the filter open"
        );
        click(&mut app, 16, 0);
        assert_eq!(app.tab(), Tab::Roster);
        click(&mut app, 0, 0);
        assert_eq!(app.context(), Context::Accounts);
        assert_eq!(app.list().filter_text(), "k");
    }

    #[test]
    fn clicks_do_not_reach_through_a_popup() {
        let mut app = demo_app(true);
        app.apply(Action::ShowHelp);
        draw(&mut app);
        click(&mut app, 16, 0);
        click(&mut app, 10, 5);
        assert_eq!((app.tab(), app.list().selected_index()), (Tab::Accounts, 0));
    }

    #[test]
    fn tab_titles_are_recorded_as_drawn_and_cut_at_the_edge() {
        let mut mouse = Mouse::default();
        let titles = ["1 Accounts".to_string(), "2 Roster".to_string()];
        mouse.record_tabs(Rect::new(0, 0, 20, 1), &titles, " ");
        assert_eq!(
            mouse.tabs,
            vec![
                (Rect::new(0, 0, 12, 1), Tab::Accounts),
                (Rect::new(13, 0, 7, 1), Tab::Roster)
            ]
        );
        assert_eq!(mouse.tab_at(Position::new(12, 0)), None);
    }
}
