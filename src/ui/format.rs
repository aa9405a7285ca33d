//! Small formatting helpers shared by the tabs.

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

/// `1234567` as `1,234,567`.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A share (0.0–1.0) as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A cost to the whole unit, its thousands grouped: `16,200`.
pub fn cost(value: f64) -> String {
    thousands(value.round().max(0.0) as u64)
}

/// Hours whole when they are, else to one decimal: 30, 7.5.
pub fn hours(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// Both ends whole, or both to one decimal: 30–50, 52.2–87.0.
pub fn hour_range(low: f64, high: f64) -> String {
    if low.fract() == 0.0 && high.fract() == 0.0 {
        format!("{low:.0}–{high:.0}")
    } else {
        format!("{low:.1}–{high:.1}")
    }
}

/// "1 account", "1,250 seats".
pub fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n))
    }
}

/// "in 12 days", "today", "3 days ago".
pub fn relative_days(today: NaiveDate, date: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        days if days > 0 => format!("in {days} days"),
        days => format!("{} days ago", -days),
    }
}

/// `text` padded with spaces to `width` terminal columns (wide characters count double), or
/// cut to fit, so that names line up in plain lines of text.
///
/// Columns are measured on the text kept so far rather than added up a character at a time:
/// an accent combined with its letter and emoji joined into one picture (👩‍👩‍👧) take fewer
/// columns together than their characters one by one, and are never split from their start.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        out.push(c);
        let now = out.width();
        if now > width {
            out.pop();
            break;
        }
        used = now;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// A row of block characters, one per value (0–100), for a trend at a glance.
pub fn sparkline(values: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|value| BARS[(value.min(&100) * 7 / 100) as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn hours_and_costs_read_whole_when_they_are() {
        assert_eq!(hours(30.0), "30");
        assert_eq!(hours(7.5), "7.5");
        assert_eq!(hour_range(30.0, 50.0), "30–50");
        assert_eq!(hour_range(52.2, 87.0), "52.2–87.0");
        assert_eq!(cost(16_199.6), "16,200");
        assert_eq!(counted(1, "seat"), "1 seat");
        assert_eq!(counted(1_250, "seat"), "1,250 seats");
    }

    #[test]
    fn days_read_naturally() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let on = |day| NaiveDate::from_ymd_opt(2026, 6, day).unwrap();
        assert_eq!(relative_days(today, on(15)), "today");
        assert_eq!(relative_days(today, on(25)), "in 10 days");
        assert_eq!(relative_days(today, on(12)), "3 days ago");
    }

    #[test]
    fn padding_counts_terminal_columns() {
        assert_eq!(pad("Ana", 5), "Ana  ");
        assert_eq!(pad("田中 美咲", 6), "田中  ");
        assert_eq!(pad("田中 美咲", 10), "田中 美咲 ");
        assert_eq!(pad("Christopher", 5), "Chris");
    }

    #[test]
    fn padding_keeps_joined_and_combined_characters_whole() {
        assert_eq!(
            pad("👩\u{200D}👩\u{200D}👧 Ana", 8),
            "👩\u{200D}👩\u{200D}👧 Ana  "
        );
        assert_eq!(pad("Jose\u{301} N", 7), "Jose\u{301} N ");
        assert_eq!(pad("Jose\u{301} N", 4), "Jose\u{301}");
        assert_eq!(pad("田中", 3), "田 ");
    }

    #[test]
    fn sparkline_spans_the_range() {
        assert_eq!(sparkline(&[0, 50, 100, 250]), "▁▄██");
    }
}
