//! Themes: how the colours the app draws with (the styles in [`theme`](super::theme)) reach the
//! terminal.
//!
//! The screens draw with one fixed palette; a theme rewrites the finished frame, cell by cell,
//! just before it is shown. So a theme changes every screen at once and no screen needs to
//! know themes exist. This module only chooses and applies; reading a user's theme file is in
//! [`file`].

mod file;

use std::path::Path;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};

pub use file::Slot;

/// How the app's colours become the terminal's: a palette map plus a few rules on modifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    name: String,
    /// Each colour the app draws with that this theme changes, and what it becomes.
    palette: Vec<(Color, Color)>,
    /// What the terminal's own foreground (`Color::Reset` as a foreground) becomes.
    foreground: Color,
    /// What the terminal's own background becomes.
    background: Color,
    rules: Rules,
}

/// What a theme does beyond swapping colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Rules {
    /// Every colour dropped, modifiers kept: state still shows as bold, reversed or underlined.
    colourless: bool,
    /// Faint text drawn at full strength.
    no_faint: bool,
    /// Coloured and reversed text made bold as well, which many terminals also brighten.
    bold_colours: bool,
}

/// A theme for this run, and what went wrong on the way to the one the user asked for.
#[derive(Debug)]
pub struct Chosen {
    pub theme: Theme,
    /// Set when the named theme could not be used: why, and which theme stands in.
    pub notice: Option<String>,
}

impl Theme {
    /// The names that need no file, in the order `--help` and the README list them.
    pub const BUILT_IN: [&'static str; 3] = ["default", "high-contrast", "monochrome"];

    /// The app's own colours, unchanged.
    pub fn default_theme() -> Self {
        Self {
            name: "default".to_string(),
            palette: Vec::new(),
            foreground: Color::Reset,
            background: Color::Reset,
            rules: Rules::default(),
        }
    }

    /// No faint or grey text, every coloured word bold, the selection bold on reverse.
    pub fn high_contrast() -> Self {
        Self {
            name: "high-contrast".to_string(),
            palette: vec![(Color::DarkGray, Color::Reset), (Color::Gray, Color::Reset)],
            rules: Rules {
                no_faint: true,
                bold_colours: true,
                ..Rules::default()
            },
            ..Self::default_theme()
        }
    }

    /// No colour at all, for `NO_COLOR`: what colour said, bold, reverse and underline still say.
    pub fn monochrome() -> Self {
        Self {
            name: "monochrome".to_string(),
            rules: Rules {
                colourless: true,
                ..Rules::default()
            },
            ..Self::default_theme()
        }
    }

    /// The built-in theme called `name`.
    pub fn built_in(name: &str) -> Option<Self> {
        match name {
            "default" => Some(Self::default_theme()),
            "high-contrast" => Some(Self::high_contrast()),
            "monochrome" => Some(Self::monochrome()),
            _ => None,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// This theme with `slot` drawn as `colour` instead.
    #[must_use]
    pub fn with(mut self, slot: Slot, colour: Color) -> Self {
        match slot.colour() {
            Some(from) => {
                self.palette.retain(|(mapped, _)| *mapped != from);
                self.palette.push((from, colour));
            }
            None if slot == Slot::Foreground => self.foreground = colour,
            None => self.background = colour,
        }
        self
    }

    /// Rewrites every cell of a drawn frame in this theme's colours.
    pub fn apply(&self, buffer: &mut Buffer) {
        if self.changes_nothing() {
            return;
        }
        for cell in &mut buffer.content {
            self.restyle(cell);
        }
    }

    fn changes_nothing(&self) -> bool {
        self.palette.iter().all(|(from, to)| from == to)
            && self.foreground == Color::Reset
            && self.background == Color::Reset
            && self.rules == Rules::default()
    }

    fn restyle(&self, cell: &mut Cell) {
        if self.rules.colourless {
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
        } else {
            cell.fg = self.map(cell.fg, self.foreground);
            cell.bg = self.map(cell.bg, self.background);
        }
        if self.rules.no_faint {
            cell.modifier.remove(Modifier::DIM);
        }
        let stands_out = cell.fg != Color::Reset || cell.modifier.contains(Modifier::REVERSED);
        if self.rules.bold_colours && stands_out {
            cell.modifier.insert(Modifier::BOLD);
        }
    }

    fn map(&self, colour: Color, own: Color) -> Color {
        if colour == Color::Reset {
            return own;
        }
        self.palette
            .iter()
            .find(|(from, _)| *from == colour)
            .map_or(colour, |(_, to)| *to)
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::default_theme()
    }
}

/// The theme to run in: `name` (from `--theme` or the config file) when given, a built-in or
/// `NAME.toml` in `themes_dir`; else monochrome when `no_color` (`NO_COLOR` is set), else the
/// default. A name that was asked for wins over `NO_COLOR`, as that convention wants.
///
/// A theme that cannot be used never stops t3: the notice says why, and the theme it would have
/// had without a name stands in.
pub fn choose(name: Option<&str>, themes_dir: Option<&Path>, no_color: bool) -> Chosen {
    let fallback = if no_color {
        Theme::monochrome()
    } else {
        Theme::default_theme()
    };
    let Some(name) = name else {
        return Chosen {
            theme: fallback,
            notice: None,
        };
    };
    let found = match Theme::built_in(name) {
        Some(theme) => Ok(theme),
        None => file::load(name, themes_dir),
    };
    match found {
        Ok(theme) => {
            tracing::info!(theme = theme.name(), "theme in use");
            Chosen {
                theme,
                notice: None,
            }
        }
        Err(reason) => {
            tracing::warn!(%reason, "theme refused");
            let notice = format!("{reason}; using the {} theme meanwhile", fallback.name());
            Chosen {
                theme: fallback,
                notice: Some(notice),
            }
        }
    }
}

/// Whether `NO_COLOR` asks for no colour: set, and not empty.
pub fn no_color_requested(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    use super::*;

    fn cell_in(theme: &Theme, style: Style) -> Cell {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 1, 1));
        buffer.set_string(0, 0, "x", style);
        theme.apply(&mut buffer);
        buffer.content[0].clone()
    }

    #[test]
    fn the_default_theme_changes_nothing() {
        let style = Style::new()
            .fg(Color::Cyan)
            .bg(Color::Red)
            .add_modifier(Modifier::DIM);
        let cell = cell_in(&Theme::default_theme(), style);
        assert_eq!(cell.style(), style.underline_color(Color::Reset));
    }

    #[test]
    fn monochrome_drops_colour_and_keeps_modifiers() {
        let style = Style::new()
            .fg(Color::Red)
            .bg(Color::Blue)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD);
        let cell = cell_in(&Theme::monochrome(), style);
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        assert_eq!(cell.modifier, Modifier::REVERSED | Modifier::BOLD);
    }

    #[test]
    fn high_contrast_has_no_faint_or_grey_text_and_bolds_colour() {
        let theme = Theme::high_contrast();
        let faint = cell_in(&theme, Style::new().add_modifier(Modifier::DIM));
        assert_eq!(faint.modifier, Modifier::empty());
        let grey = cell_in(&theme, Style::new().fg(Color::DarkGray));
        assert_eq!((grey.fg, grey.modifier), (Color::Reset, Modifier::empty()));
        let coloured = cell_in(&theme, Style::new().fg(Color::Yellow));
        assert_eq!(
            (coloured.fg, coloured.modifier),
            (Color::Yellow, Modifier::BOLD)
        );
        let selected = cell_in(&theme, Style::new().add_modifier(Modifier::REVERSED));
        assert_eq!(selected.modifier, Modifier::REVERSED | Modifier::BOLD);
        let plain = cell_in(&theme, Style::new());
        assert_eq!(plain.modifier, Modifier::empty());
    }

    #[test]
    fn a_palette_maps_colours_and_the_terminals_own() {
        let theme = Theme::default_theme()
            .with(Slot::Cyan, Color::Rgb(0x26, 0x8b, 0xd2))
            .with(Slot::Cyan, Color::Blue)
            .with(Slot::Background, Color::Black);
        let cyan = cell_in(&theme, Style::new().fg(Color::Cyan));
        assert_eq!((cyan.fg, cyan.bg), (Color::Blue, Color::Black));
        let red = cell_in(&theme, Style::new().fg(Color::Red).bg(Color::Cyan));
        assert_eq!((red.fg, red.bg), (Color::Red, Color::Blue));
    }

    #[test]
    fn no_color_picks_monochrome_unless_a_theme_is_named() {
        assert_eq!(choose(None, None, false).theme, Theme::default_theme());
        assert_eq!(choose(None, None, true).theme, Theme::monochrome());
        let named = choose(Some("high-contrast"), None, true);
        assert_eq!(named.theme, Theme::high_contrast());
        assert_eq!(named.notice, None);
        assert!(!no_color_requested(None));
        assert!(!no_color_requested(Some(std::ffi::OsStr::new(""))));
        assert!(no_color_requested(Some(std::ffi::OsStr::new("1"))));
    }

    #[test]
    fn an_unknown_theme_falls_back_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let chosen = choose(Some("sepia"), Some(dir.path()), false);
        assert_eq!(chosen.theme, Theme::default_theme());
        let notice = chosen.notice.unwrap();
        assert!(notice.contains("sepia"), "{notice}");
        assert!(
            notice.ends_with("; using the default theme meanwhile"),
            "{notice}"
        );
        let chosen = choose(Some("sepia"), Some(dir.path()), true);
        assert_eq!(chosen.theme, Theme::monochrome());
    }
}
