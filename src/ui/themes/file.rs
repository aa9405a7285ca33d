//! A user's theme: `NAME.toml` in the config directory's `themes` folder.
//!
//! ```toml
//! base = "high-contrast"      # optional: the built-in theme to start from
//! [colours]
//! cyan = "#268bd2"            # a colour the app draws with, and what it becomes
//! dark-gray = "gray"
//! background = "#fdf6e3"      # the terminal's own background
//! ```
//!
//! Errors name the file, line, column and key as the config file's errors do. This module only
//! reads; it never writes a theme.

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::Path;

use ratatui::style::Color;
use serde::Deserialize;

use super::Theme;
use crate::config::parse_toml;

/// What a theme file may recolour: the sixteen colours the terminal names, and its own
/// foreground and background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Slot {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    Foreground,
    Background,
}

impl Slot {
    /// The colour this slot names; `None` for the terminal's own foreground and background,
    /// which the app draws as `Color::Reset` either way.
    pub fn colour(self) -> Option<Color> {
        Some(match self {
            Slot::Black => Color::Black,
            Slot::Red => Color::Red,
            Slot::Green => Color::Green,
            Slot::Yellow => Color::Yellow,
            Slot::Blue => Color::Blue,
            Slot::Magenta => Color::Magenta,
            Slot::Cyan => Color::Cyan,
            Slot::Gray => Color::Gray,
            Slot::DarkGray => Color::DarkGray,
            Slot::LightRed => Color::LightRed,
            Slot::LightGreen => Color::LightGreen,
            Slot::LightYellow => Color::LightYellow,
            Slot::LightBlue => Color::LightBlue,
            Slot::LightMagenta => Color::LightMagenta,
            Slot::LightCyan => Color::LightCyan,
            Slot::White => Color::White,
            Slot::Foreground | Slot::Background => return None,
        })
    }
}

/// The built-in theme a file starts from.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Base {
    #[default]
    Default,
    HighContrast,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ThemeFile {
    base: Base,
    colours: BTreeMap<Slot, Shade>,
}

/// A colour as a theme file writes it: a slot's name (`light-blue`, `default` for the
/// terminal's own) or `#rrggbb`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "String")]
struct Shade(Color);

impl TryFrom<String> for Shade {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let refused = || {
            format!(
                "\"{text}\" is not a colour: write a name such as \"light-blue\" or \"default\", \
                 or \"#rrggbb\""
            )
        };
        if let Some(hex) = text.strip_prefix('#') {
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(refused());
            }
            let channel =
                |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).map_err(|_| refused());
            return Ok(Shade(Color::Rgb(channel(0)?, channel(2)?, channel(4)?)));
        }
        if text == "default" {
            return Ok(Shade(Color::Reset));
        }
        let slot: Slot = serde::de::Deserialize::deserialize(serde::de::value::StrDeserializer::<
            serde::de::value::Error,
        >::new(&text))
        .map_err(|_| refused())?;
        slot.colour().map(Shade).ok_or_else(refused)
    }
}

/// Reads the theme `name` from `themes_dir`; the error is the whole sentence for the notice.
pub(super) fn load(name: &str, themes_dir: Option<&Path>) -> Result<Theme, String> {
    let built_in = Theme::BUILT_IN.join(", ");
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "theme \"{name}\": a theme's name is letters, digits, - and _ (built in: {built_in})"
        ));
    }
    let Some(dir) = themes_dir else {
        return Err(format!(
            "theme \"{name}\": there is no config directory to find it in (built in: {built_in})"
        ));
    };
    let path = dir.join(format!("{name}.toml"));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            return Err(format!(
                "theme \"{name}\": no such theme (built in: {built_in}; or write {})",
                path.display()
            ));
        }
        Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
    };
    parse(name, &text, &path.display().to_string())
}

/// Reads a theme file's text; `source` names it in error messages.
pub(super) fn parse(name: &str, text: &str, source: &str) -> Result<Theme, String> {
    let file: ThemeFile = parse_toml(text, source).map_err(|error| error.to_string())?;
    let base = match file.base {
        Base::Default => Theme::default_theme(),
        Base::HighContrast => Theme::high_contrast(),
    };
    let theme = file
        .colours
        .into_iter()
        .fold(base, |theme, (slot, Shade(colour))| {
            theme.with(slot, colour)
        });
    Ok(Theme {
        name: name.to_string(),
        ..theme
    })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn error_of(text: &str) -> String {
        parse("mine", text, "mine.toml").unwrap_err()
    }

    #[test]
    fn colours_are_named_or_rgb() {
        let text = "base = \"high-contrast\"\n[colours]\ncyan = \"#268BD2\"\n\
                    dark-gray = \"gray\"\nforeground = \"default\"\nbackground = \"black\"\n";
        let theme = parse("mine", text, "mine.toml").unwrap();
        let expected = Theme::high_contrast()
            .with(Slot::Cyan, Color::Rgb(0x26, 0x8b, 0xd2))
            .with(Slot::DarkGray, Color::Gray)
            .with(Slot::Background, Color::Black);
        assert_eq!(
            theme,
            Theme {
                name: "mine".to_string(),
                ..expected
            }
        );
        assert_eq!(theme.name(), "mine");
        assert_eq!(
            parse("empty", "", "empty.toml").unwrap().palette,
            Vec::new()
        );
    }

    #[test]
    fn a_bad_colour_names_its_file_line_and_key() {
        for value in [
            "\"#12345\"",
            "\"#12345g\"",
            "\"teal\"",
            "\"foreground\"",
            "7",
        ] {
            let error = error_of(&format!("[colours]\nred = \"red\"\ncyan = {value}\n"));
            assert!(
                error.starts_with("mine.toml, line 3, column 8, key colours.cyan: "),
                "{value}: {error}"
            );
        }
        let error = error_of("[colours]\ncyan = \"teal\"\n");
        assert!(error.contains("\"teal\" is not a colour"), "{error}");
    }

    #[test]
    fn an_unknown_colour_or_key_is_named() {
        let error = error_of("[colours]\ncyan = \"blue\"\ncyann = \"red\"\n");
        assert!(
            error.starts_with("mine.toml, line 3, column 1, key colours.cyann: "),
            "{error}"
        );
        let error = error_of("base = \"sepia\"\n");
        assert!(
            error.starts_with("mine.toml, line 1, column 8, key base: "),
            "{error}"
        );
        let error = error_of("[colors]\ncyan = \"blue\"\n");
        assert!(error.contains("key colors"), "{error}");
        assert!(error.contains("unknown field `colors`"), "{error}");
    }

    #[test]
    fn a_theme_is_read_from_the_themes_folder_by_name() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("paper.toml"),
            "[colours]\ncyan = \"blue\"\n",
        )
        .unwrap();
        let theme = load("paper", Some(dir.path())).unwrap();
        assert_eq!(theme.name(), "paper");
        let missing = load("ink", Some(dir.path())).unwrap_err();
        assert!(
            missing.contains("theme \"ink\": no such theme"),
            "{missing}"
        );
        assert!(missing.contains("ink.toml"), "{missing}");
        let outside = load("../paper", Some(dir.path())).unwrap_err();
        assert!(outside.contains("letters, digits"), "{outside}");
        let homeless = load("paper", None).unwrap_err();
        assert!(homeless.contains("no config directory"), "{homeless}");
    }
}
