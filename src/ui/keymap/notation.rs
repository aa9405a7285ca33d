//! How a keys file writes a key (`a`, `A`, `ctrl-r`, `enter`, `shift-tab`, `f5`) and how it
//! names a context (`global`, `roster`, `at-risk`).
//!
//! Keys are read into the same [`Key`] the table and [`Key::from_event`] use, so a key written
//! in the file matches the key the terminal reports.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Context, Key};

/// The keys that have a name rather than a character, as the file writes them (any case).
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("page-up", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("page-down", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
];

/// What a message shows when a key cannot be read, so the fix is on the same line.
pub const EXAMPLES: &str = "a, A, ctrl-r, alt-x, enter, esc, tab, shift-tab, space, \
                            backspace, up, pagedown, home, f5";

/// Reads one key as the keys file writes it; the error says why it is not one.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut shift = false;
    let mut rest = text;
    // A modifier is only a prefix when something follows it, so `-` and `ctrl--` are keys.
    while let Some((prefix, after)) = rest.split_once('-')
        && !after.is_empty()
    {
        match prefix.to_ascii_lowercase().as_str() {
            "ctrl" | "control" => modifiers |= KeyModifiers::CONTROL,
            "alt" => modifiers |= KeyModifiers::ALT,
            "shift" => shift = true,
            _ => break,
        }
        rest = after;
    }
    let mut code = code_of(rest).ok_or_else(|| format!("{text:?} is not a key ({EXAMPLES})"))?;
    if shift {
        match shifted(code) {
            Some(Shifted::Code(shifted)) => code = shifted,
            Some(Shifted::Modifier) => modifiers |= KeyModifiers::SHIFT,
            None => {
                return Err(format!(
                    "{text:?} is not a key: write the character Shift gives, as in A or ?"
                ));
            }
        }
    }
    Ok(Key { code, modifiers })
}

/// `key` as the keys file writes it, which [`parse_key`] reads back as the same key.
pub fn write_key(key: Key) -> String {
    let mut text = String::new();
    for (modifier, prefix) in [
        (KeyModifiers::CONTROL, "ctrl-"),
        (KeyModifiers::ALT, "alt-"),
        (KeyModifiers::SHIFT, "shift-"),
    ] {
        if key.modifiers.contains(modifier) {
            text.push_str(prefix);
        }
    }
    match key.code {
        KeyCode::Char(' ') => text.push_str("space"),
        KeyCode::Char(c) => text.push(c),
        KeyCode::BackTab => text.push_str("shift-tab"),
        KeyCode::F(number) => {
            text.push('f');
            text.push_str(&number.to_string());
        }
        code => match NAMED.iter().find(|(_, named)| *named == code) {
            Some((name, _)) => text.push_str(name),
            // The table binds no other key; should one come, its debug name still says which.
            None => text.push_str(&format!("{code:?}").to_ascii_lowercase()),
        },
    }
    text
}

/// A single character stands for itself; anything longer must be a key's name or `f1`–`f24`.
fn code_of(text: &str) -> Option<KeyCode> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let lower = text.to_ascii_lowercase();
    if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == lower) {
        return Some(*code);
    }
    let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&number).then_some(KeyCode::F(number))
}

/// What Shift does to a key, as [`Key::from_event`] sees it.
enum Shifted {
    /// It changes the key: a letter becomes its capital, Tab becomes Shift-Tab.
    Code(KeyCode),
    /// It stays a modifier, as on the arrows.
    Modifier,
}

/// Shift held with `code`; `None` for the characters other than letters, where terminals
/// report the shifted character instead (`!`, not Shift-1).
fn shifted(code: KeyCode) -> Option<Shifted> {
    match code {
        KeyCode::Char(c) if c.is_alphabetic() => c
            .to_uppercase()
            .next()
            .map(|c| Shifted::Code(KeyCode::Char(c))),
        KeyCode::Char(_) => None,
        KeyCode::Tab | KeyCode::BackTab => Some(Shifted::Code(KeyCode::BackTab)),
        _ => Some(Shifted::Modifier),
    }
}

/// Whether `key` is one that types a character, which the contexts that take text keep as
/// text unless their own layer binds it.
pub fn types_text(key: Key) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// The section of the keys file that rebinds `context`'s own keys: its name in kebab-case
/// (`at-risk`, `practicum-rubric`), except the lists-and-tabs layer every tab shares, which is
/// `global`.
pub fn section_name(context: Context) -> String {
    if context == Context::Browse {
        return "global".to_string();
    }
    let mut name = String::new();
    for c in format!("{context:?}").chars() {
        if c.is_ascii_uppercase() && !name.is_empty() {
            name.push('-');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// The context a section of the keys file names, if any.
pub fn context_named(section: &str) -> Option<Context> {
    Context::ALL
        .into_iter()
        .find(|context| section_name(*context) == section)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    #[test]
    fn keys_are_read_as_the_terminal_reports_them() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let cases = [
            ("a", key(KeyCode::Char('a'), none)),
            ("A", key(KeyCode::Char('A'), none)),
            ("shift-a", key(KeyCode::Char('A'), none)),
            ("?", key(KeyCode::Char('?'), none)),
            ("-", key(KeyCode::Char('-'), none)),
            ("ctrl--", key(KeyCode::Char('-'), ctrl)),
            ("ctrl-r", key(KeyCode::Char('r'), ctrl)),
            ("Ctrl-R", key(KeyCode::Char('R'), ctrl)),
            ("alt-x", key(KeyCode::Char('x'), KeyModifiers::ALT)),
            (
                "ctrl-alt-x",
                key(KeyCode::Char('x'), ctrl | KeyModifiers::ALT),
            ),
            ("enter", key(KeyCode::Enter, none)),
            ("Esc", key(KeyCode::Esc, none)),
            ("tab", key(KeyCode::Tab, none)),
            ("shift-tab", key(KeyCode::BackTab, none)),
            ("space", key(KeyCode::Char(' '), none)),
            (" ", key(KeyCode::Char(' '), none)),
            ("up", key(KeyCode::Up, none)),
            ("shift-up", key(KeyCode::Up, KeyModifiers::SHIFT)),
            ("PageDown", key(KeyCode::PageDown, none)),
            ("pgup", key(KeyCode::PageUp, none)),
            ("f5", key(KeyCode::F(5), none)),
            ("F12", key(KeyCode::F(12), none)),
            ("é", key(KeyCode::Char('é'), none)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_key(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn every_key_of_the_table_is_written_as_it_is_read() {
        for binding in super::super::BINDINGS {
            for key in binding.keys {
                assert_eq!(parse_key(&write_key(*key)), Ok(*key), "{}", key.label());
            }
        }
        for text in [
            "ctrl-alt-x",
            "shift-up",
            "f7",
            "pagedown",
            "space",
            "ctrl--",
        ] {
            let key = parse_key(text).unwrap();
            assert_eq!(parse_key(&write_key(key)), Ok(key), "{text}");
        }
        assert_eq!(write_key(parse_key("PgDn").unwrap()), "pagedown");
        assert_eq!(write_key(parse_key("Shift-Tab").unwrap()), "shift-tab");
    }

    #[test]
    fn what_is_not_a_key_says_how_keys_are_written() {
        for text in [
            "",
            "ctrl-",
            "hyper-x",
            "entr",
            "f0",
            "f25",
            "ctrl-enterr",
            "ab",
        ] {
            let error = parse_key(text).unwrap_err();
            assert!(error.contains("is not a key"), "{text}: {error}");
            assert!(error.contains("ctrl-r"), "{text}: {error}");
        }
        let error = parse_key("shift-1").unwrap_err();
        assert!(error.contains("the character Shift gives"), "{error}");
    }

    #[test]
    fn only_plain_and_shifted_characters_type_text() {
        let typed = |text| types_text(parse_key(text).unwrap());
        assert!(typed("a"));
        assert!(typed("Z"));
        assert!(typed("space"));
        assert!(!typed("ctrl-a"));
        assert!(!typed("alt-a"));
        assert!(!typed("enter"));
        assert!(!typed("f2"));
    }

    #[test]
    fn sections_are_the_contexts_in_kebab_case_with_browse_as_global() {
        assert_eq!(section_name(Context::Browse), "global");
        assert_eq!(section_name(Context::Anywhere), "anywhere");
        assert_eq!(section_name(Context::AtRisk), "at-risk");
        assert_eq!(section_name(Context::PracticumRubric), "practicum-rubric");
        assert_eq!(section_name(Context::CommandLine), "command-line");
        for context in Context::ALL {
            assert_eq!(context_named(&section_name(context)), Some(context));
        }
        assert_eq!(context_named("browse"), None);
        assert_eq!(context_named("AtRisk"), None);
    }
}
