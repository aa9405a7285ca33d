//! Word wrapping with a hanging indent, for detail panes whose lines start with a label: the
//! value wraps under itself instead of under the label, which ratatui's own wrapping cannot do.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// `spans` as lines of at most `width` columns, broken between words (a word longer than a
/// line is broken where it must be). Every line after the first starts with `indent` spaces.
pub fn hanging(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    if width == 0 {
        return vec![Line::from(spans)];
    }
    let indent = indent.min(width - 1);
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in spans {
        let style = span.style;
        for piece in span.content.split_inclusive(' ') {
            let mut rest = piece;
            while !rest.is_empty() {
                let word = rest.trim_end_matches(' ');
                if used + word.width() <= width {
                    // Spaces past the edge are dropped, not carried to the next line.
                    let kept = if used + rest.width() <= width {
                        rest
                    } else {
                        word
                    };
                    if !kept.is_empty() {
                        line.push(Span::styled(kept.to_string(), style));
                    }
                    used += kept.width();
                    break;
                }
                let line_start = if lines.is_empty() { 0 } else { indent };
                if used <= line_start {
                    // A word wider than a whole line: as much as fits here, the rest below.
                    let (head, tail) = split_at_width(rest, width - used);
                    line.push(Span::styled(head.to_string(), style));
                    rest = tail;
                }
                lines.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(indent)));
                used = indent;
                rest = rest.trim_start_matches(' ');
            }
        }
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// The longest start of `text` at most `width` columns wide (at least one character), and the
/// rest.
fn split_at_width(text: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    for (index, c) in text.char_indices() {
        let c_width = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + c_width > width && index > 0 {
            return text.split_at(index);
        }
        used += c_width;
    }
    (text, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn continuation_lines_hang_under_the_value() {
        let lines = hanging(
            vec![
                Span::raw("Why        "),
                Span::raw("the certification expired on 2026-05-29 and was not renewed"),
            ],
            40,
            11,
        );
        assert_eq!(
            text(&lines),
            [
                "Why        the certification expired on ",
                "           2026-05-29 and was not ",
                "           renewed",
            ]
        );
        assert!(lines.iter().all(|line| line.width() <= 40));
    }

    #[test]
    fn styles_survive_the_wrap_and_wide_characters_count_double() {
        let lines = hanging(
            vec![
                Span::raw("Trainers   "),
                Span::raw("鈴木 由美"),
                Span::styled(" (lapsed 2025-10-15)", ratatui::style::Style::new().red()),
            ],
            24,
            11,
        );
        assert_eq!(
            text(&lines),
            [
                "Trainers   鈴木 由美 ",
                "           (lapsed ",
                "           2025-10-15)"
            ]
        );
        assert!(lines.iter().all(|line| line.width() <= 24));
        let last = lines.last().unwrap();
        assert_eq!(last.spans[1].style, ratatui::style::Style::new().red());
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken() {
        let lines = hanging(
            vec![Span::raw("Link       https://example.com/recordings/q3")],
            24,
            11,
        );
        assert!(
            lines.iter().all(|line| line.width() <= 24),
            "{:?}",
            text(&lines)
        );
        assert_eq!(
            text(&lines).concat().replace(' ', ""),
            "Linkhttps://example.com/recordings/q3"
        );
    }

    #[test]
    fn a_tiny_width_never_loops() {
        let lines = hanging(vec![Span::raw("a few words here")], 1, 11);
        assert!(!lines.is_empty());
        assert!(hanging(Vec::new(), 10, 2).is_empty());
    }
}
