//! Neutralising text from the database before it reaches the terminal.
//!
//! A name imported from a CRM can hold an escape sequence; printed raw it could clear the
//! screen, retitle the window or write the clipboard. Every string drawn from data passes
//! through [`sanitize`] first.

use std::borrow::Cow;

/// Replaces control characters and bidirectional overrides with visible placeholders.
///
/// C0 controls show as their Control Pictures glyph (ESC as `␛`), DEL as `␡`; C1 controls and
/// the bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069), which would reorder the
/// rest of the line, show as `�`.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_placeholder) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(placeholder).collect())
}

fn needs_placeholder(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn placeholder(c: char) -> char {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        c if needs_placeholder(c) => '\u{FFFD}',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(
            sanitize("Société Générale 株式会社 🚀"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize("\x1b]0;title\x07"), "␛]0;title␇");
        assert_eq!(sanitize("tab\there\r\n"), "tab␉here␍␊");
        assert_eq!(sanitize("del\x7f"), "del␡");
        assert_eq!(sanitize("c1\u{9b}2J"), "c1\u{FFFD}2J");
    }

    #[test]
    fn bidi_overrides_cannot_reorder_the_line() {
        assert_eq!(sanitize("evil\u{202E}txt.exe"), "evil\u{FFFD}txt.exe");
        assert_eq!(sanitize("\u{2066}x\u{2069}"), "\u{FFFD}x\u{FFFD}");
    }

    proptest::proptest! {
        #[test]
        fn nothing_dangerous_survives(text in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}]*") {
            let clean = sanitize(&text);
            proptest::prop_assert!(!clean.chars().any(needs_placeholder));
            proptest::prop_assert_eq!(clean.chars().count(), text.chars().count());
        }
    }
}
