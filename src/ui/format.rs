//! Small formatting helpers shared by the tabs.

use chrono::NaiveDate;
use unicode_width::UnicodeWidthChar;

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
pub fn pad(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let char_width = c.width().unwrap_or(0);
        if used + char_width > width {
            break;
        }
        out.push(c);
        used += char_width;
    }
    out.push_str(&" ".repeat(width - used));
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
    fn sparkline_spans_the_range() {
        assert_eq!(sparkline(&[0, 50, 100, 250]), "▁▄██");
    }
}
