//! One frame: drawn by the screens, noted for the mouse, then put in the theme's colours.
//!
//! The event loop and the tests draw through [`App::draw`], so whatever a screen draws reaches
//! the terminal themed and clickable without the screen knowing either.

use ratatui::Frame;

use super::app::App;
use super::themes::Theme;

impl App {
    pub fn draw(&mut self, frame: &mut Frame<'_>) {
        self.mouse.forget_tabs();
        self.list_mut().forget_drawn();
        self.render(frame);
        self.theme.apply(frame.buffer_mut());
    }

    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
