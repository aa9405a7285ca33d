//! The program metrics as pictures: bars for T3 against other accounts, a coverage gauge per
//! account, delivery over eight quarters, and an account's rollout as a small table.
//!
//! Only drawing: every figure arrives computed (see `domain::metrics`). A figure that is not
//! defined is said in words, never drawn as an empty bar that would read as nought.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Row, Sparkline, SparklineBar, Table};
use unicode_width::UnicodeWidthStr;

use super::format::{self, cost, counted, hour_range, hours, pad, percent};
use super::safe_text::sanitize;
use super::theme;
use crate::domain::metrics::{AccountCoverage, Group, QuarterDelivery, Rollout, RolloutRates};

/// What a figure that cannot be computed reads as, in a cell too narrow for words.
pub const UNDEFINED: &str = "—";

/// The width of a bar's label: "Other accounts" and a space.
const BAR_LABEL: usize = 16;

/// Bars narrower than this say nothing a number beside them does not; they are left out.
const MIN_BAR: usize = 4;

/// Bars wider than this make small differences look like large ones.
const MAX_BAR: usize = 40;

/// Columns a quarter takes in the tall delivery trend, at least (a five-column bar and a gap)
/// and at most.
const QUARTER_COLUMNS: (u16, u16) = (6, 10);

/// The tall delivery trend at its smallest: a heading, three lines of bars, the quarters and
/// their rates. Given more lines, the bars take them.
pub const TREND_HEIGHT: u16 = 6;

/// How many lines the trend's bars take at most, however tall the pane.
const TREND_MAX_BARS: u16 = 8;

/// The rollout table: a heading, the column names, hours, cost, per seat, and the basis.
pub const ROLLOUT_HEIGHT: u16 = 6;

/// One bar of a comparison: whose figure, the figure, and what it rests on.
pub struct Bar {
    pub label: &'static str,
    pub value: Option<f64>,
    /// Said after the value: "(15 accounts)"; or, without a value, in place of the bar.
    pub note: String,
    pub style: Style,
}

impl Bar {
    /// A group's bar: its value and how many accounts it rests on, "no accounts" when it is
    /// empty, "not defined" when its accounts give no figure (no seats, say).
    pub fn of_group(label: &'static str, group: Group, style: Style) -> Self {
        let accounts = counted(group.accounts as u64, "account");
        let (value, note) = match group {
            Group { accounts: 0, .. } => (None, "no accounts".to_string()),
            Group { value: None, .. } => (None, format!("not defined ({accounts})")),
            Group { value, .. } => (value, format!("({accounts})")),
        };
        Self {
            label,
            value,
            note,
            style,
        }
    }
}

/// A figure compared across groups: its name and how its values read.
pub struct Figure {
    pub title: &'static str,
    pub show: fn(f64) -> String,
    /// The value a whole bar stands for; `None` scales to the largest value shown.
    pub full_scale: Option<f64>,
}

/// Each figure's title, then a line a bar, within `width` columns. Every bar of every figure
/// gets the same room, so the values read as one column; each figure keeps its own scale.
pub fn comparison_lines(figures: &[(Figure, Vec<Bar>)], width: usize) -> Vec<Line<'static>> {
    let texts: Vec<Vec<String>> = figures
        .iter()
        .map(|(figure, bars)| bars.iter().map(|bar| value_text(figure, bar)).collect())
        .collect();
    let text_width = texts.iter().flatten().map(|text| text.width()).max();
    let bar_width = width
        .saturating_sub(2 + BAR_LABEL + 1 + text_width.unwrap_or(0))
        .min(MAX_BAR);
    let mut lines = Vec::new();
    for ((figure, bars), texts) in figures.iter().zip(texts) {
        let largest = bars
            .iter()
            .filter_map(|bar| bar.value)
            .fold(0.0_f64, f64::max);
        let full = figure.full_scale.unwrap_or(largest);
        lines.push(Line::styled(figure.title, theme::HEADER));
        for (bar, text) in bars.iter().zip(texts) {
            let mut spans = vec![Span::raw(format!("  {}", pad(bar.label, BAR_LABEL)))];
            match bar.value {
                Some(value) if bar_width >= MIN_BAR => {
                    let drawn = blocks(value / full, bar_width);
                    spans.push(Span::styled(pad(&drawn, bar_width + 1), bar.style));
                    spans.push(Span::raw(text));
                }
                Some(_) => spans.push(Span::raw(text)),
                None => spans.push(Span::styled(text, theme::DIM)),
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}

/// What follows a bar: its value and note, or only the note when it has no value.
fn value_text(figure: &Figure, bar: &Bar) -> String {
    match bar.value {
        Some(value) if bar.note.is_empty() => (figure.show)(value),
        Some(value) => format!("{} {}", (figure.show)(value), bar.note),
        None => bar.note.clone(),
    }
}

/// A bar of `ratio` of `width` columns in eighths of a column; anything above nought shows at
/// least a sliver, so that a small figure is not mistaken for none.
fn blocks(ratio: f64, width: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let ratio = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mut eighths = (ratio * width as f64 * 8.0).round() as usize;
    if ratio > 0.0 {
        eighths = eighths.max(1);
    }
    format!("{}{}", "█".repeat(eighths / 8), PARTS[eighths % 8])
}

/// One account's coverage on one line: a marker, the name, the share and a gauge of it.
/// Without a snapshot (or without seats) the gauge's place says so.
pub fn render_coverage_row(
    frame: &mut Frame<'_>,
    area: Rect,
    row: &AccountCoverage,
    marker: &'static str,
    selected: bool,
) {
    // Room for "no snapshot", and no more than a share of the row needs.
    let gauge_width = (area.width.saturating_sub(3) * 2 / 5).clamp(11, 20);
    let [mark, name, gauge] = Layout::horizontal([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(gauge_width),
    ])
    .spacing(1)
    .areas(area);
    frame.render_widget(Span::styled(marker, theme::KEY), mark);
    frame.render_widget(Span::raw(sanitize(&row.name).into_owned()), name);
    match (row.users_trained, row.rate) {
        (Some(_), Some(rate)) => {
            let ratio = if rate.is_finite() {
                rate.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let gauge_widget = LineGauge::default()
                .ratio(ratio)
                .label(Line::from(format!("{:>4}", percent(rate))))
                .filled_symbol("━")
                .unfilled_symbol("─")
                .filled_style(theme::coverage(rate))
                .unfilled_style(theme::DIM);
            frame.render_widget(gauge_widget, gauge);
        }
        (Some(_), None) => frame.render_widget(Span::styled("no seats", theme::DIM), gauge),
        (None, _) => frame.render_widget(Span::styled("no snapshot", theme::DIM), gauge),
    }
    if selected {
        frame.buffer_mut().set_style(area, theme::SELECTED);
    }
}

/// Whether the tall trend fits `width` columns: eight quarters side by side.
pub fn trend_fits(width: u16) -> bool {
    width >= QUARTER_COLUMNS.0 * 8
}

/// How many lines the trend can use of `available`, from its smallest tall form up.
pub fn trend_height(available: u16) -> u16 {
    available.clamp(TREND_HEIGHT, TREND_HEIGHT - 3 + TREND_MAX_BARS)
}

/// Delivery over the quarters, oldest first. Given [`TREND_HEIGHT`] lines or more and the
/// width, bars a quarter with its name and rate beneath; else one line naming the first and
/// last quarter either side of a one-line sparkline, and the last quarter's rate. A quarter
/// without a certified trainer has no rate: a dotted column, a dash.
pub fn render_trend(frame: &mut Frame<'_>, area: Rect, quarters: &[QuarterDelivery]) {
    if area.height < TREND_HEIGHT || !trend_fits(area.width) || quarters.is_empty() {
        render_compact_trend(frame, area, quarters);
        return;
    }
    let [title, bars, names, rates] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(area.height.min(TREND_MAX_BARS + 3) - 3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Line::styled(
            "Delivery by quarter: sessions a quarter per certified trainer",
            theme::HEADER,
        ),
        title,
    );
    let quarter_columns = area.width / quarters.len() as u16;
    let columns = usize::from(quarter_columns.clamp(QUARTER_COLUMNS.0, QUARTER_COLUMNS.1));
    let data: Vec<SparklineBar> = quarters
        .iter()
        .flat_map(|quarter| {
            let bar = SparklineBar::from(hundredths(quarter.delivery.rate));
            std::iter::repeat_n(bar, columns - 1).chain([SparklineBar::from(Some(0))])
        })
        .collect();
    frame.render_widget(sparkline(data), bars);
    let cell = |text: String| format!("{text:^width$}", width = columns - 1);
    let (quarter_names, quarter_rates): (Vec<String>, Vec<String>) = quarters
        .iter()
        .map(|quarter| {
            let name = format!(
                "Q{} {:02}",
                quarter.quarter.number,
                quarter.quarter.year % 100
            );
            (cell(name), cell(rate_text(quarter.delivery.rate)))
        })
        .unzip();
    frame.render_widget(Line::styled(quarter_names.join(" "), theme::DIM), names);
    frame.render_widget(Line::raw(quarter_rates.join(" ")), rates);
}

fn render_compact_trend(frame: &mut Frame<'_>, area: Rect, quarters: &[QuarterDelivery]) {
    let (Some(first), Some(last)) = (quarters.first(), quarters.last()) else {
        return;
    };
    let first = format!("{} ", first.quarter);
    let last = format!(" {}: {}", last.quarter, rate_text(last.delivery.rate));
    let [label, from, bars, to] = Layout::horizontal([
        Constraint::Length(9),
        Constraint::Length(first.width() as u16),
        Constraint::Length(quarters.len() as u16),
        Constraint::Length(last.width() as u16),
    ])
    .areas(area);
    frame.render_widget(Span::styled("Trend", theme::LABEL), label);
    frame.render_widget(Span::styled(first, theme::DIM), from);
    let data: Vec<SparklineBar> = quarters
        .iter()
        .map(|quarter| SparklineBar::from(hundredths(quarter.delivery.rate)))
        .collect();
    frame.render_widget(sparkline(data), bars);
    frame.render_widget(Span::styled(last, theme::DIM), to);
}

/// A delivery rate to one decimal, or the dash when no trainer was certified.
fn rate_text(rate: Option<f64>) -> String {
    rate.map_or(UNDEFINED.to_string(), |rate| format!("{rate:.1}"))
}

/// A rate in hundredths, for the sparkline's whole numbers; `None` stays absent.
fn hundredths(rate: Option<f64>) -> Option<u64> {
    rate.map(|rate| (rate.max(0.0) * 100.0).round() as u64)
}

fn sparkline(data: Vec<SparklineBar>) -> Sparkline<'static> {
    Sparkline::default()
        .data(data)
        .style(theme::BAR_T3)
        .absent_value_symbol("·")
        .absent_value_style(theme::DIM)
}

/// The account's rollout both ways, as a table with a column each: hours, cost and cost a
/// seat delivered by the vendor, against the vendor hours it takes to certify its trainers.
/// `on` is the day the trainers were counted.
pub fn render_rollout(
    frame: &mut Frame<'_>,
    area: Rect,
    rollout: &Rollout,
    rates: RolloutRates,
    on: NaiveDate,
) {
    let [title, table, basis] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(ROLLOUT_HEIGHT - 2),
        Constraint::Length(1),
    ])
    .areas(area);
    let heading = format!(
        "Rollout of {} at {} a vendor hour",
        counted(rollout.seats.into(), "seat"),
        format::thousands(rates.hourly_rate.into())
    );
    frame.render_widget(Line::styled(heading, theme::HEADER), title);
    let (low, high) = rollout.direct_cost;
    let direct = [
        hour_range(rollout.direct_hours.0, rollout.direct_hours.1),
        format!("{}–{}", cost(low), cost(high)),
        rollout
            .direct_per_seat
            .map_or(UNDEFINED.to_string(), |(low, high)| {
                format!("{low:.2}–{high:.2}")
            }),
    ];
    let (through_title, through) = if rollout.certified_trainers == 0 {
        (
            "through its trainers".to_string(),
            [
                "none certified".to_string(),
                UNDEFINED.to_string(),
                UNDEFINED.to_string(),
            ],
        )
    } else {
        (
            format!(
                "through its {}",
                counted(rollout.certified_trainers.into(), "trainer")
            ),
            [
                hours(rollout.through_trainers_hours),
                cost(rollout.through_trainers_cost),
                rollout
                    .through_trainers_per_seat
                    .map_or(UNDEFINED.to_string(), |cost| format!("{cost:.2}")),
            ],
        )
    };
    let rows = ["hours", "cost", "a seat"]
        .into_iter()
        .zip(direct.into_iter().zip(through))
        .map(|(label, (direct, through))| {
            Row::new([
                Line::styled(format!("  {label}"), theme::LABEL),
                Line::raw(direct),
                Line::raw(through),
            ])
        });
    let header = Row::new(["", "by the vendor", through_title.as_str()]).style(theme::LABEL);
    let widths = [
        Constraint::Length(9),
        Constraint::Length(15),
        Constraint::Fill(1),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        table,
    );
    let note = if rollout.certified_trainers == 0 {
        format!("No trainer of the account is certified on {on}.")
    } else {
        format!(
            "{} vendor hours to certify each trainer",
            rates.certification_hours_per_trainer
        )
    };
    frame.render_widget(Line::styled(note, theme::DIM), basis);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::domain::AccountId;

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    fn depth() -> Figure {
        Figure {
            title: "Adoption depth",
            show: |value| format!("{value:.1}"),
            full_scale: Some(100.0),
        }
    }

    #[test]
    fn bars_scale_to_the_full_value_and_values_line_up() {
        let bars = [
            Bar::of_group(
                "T3 accounts",
                Group {
                    accounts: 15,
                    value: Some(50.0),
                },
                theme::BAR_T3,
            ),
            Bar::of_group(
                "Other accounts",
                Group {
                    accounts: 1,
                    value: Some(25.0),
                },
                theme::BAR_OTHER,
            ),
        ];
        // 60 columns: 2, a label of 16, a space and the longest text of 18 leave a bar of 23.
        let lines = text(&comparison_lines(&[(depth(), bars.into())], 60));
        assert_eq!(lines[0], "Adoption depth");
        let half = "█".repeat(11) + "▌";
        assert_eq!(
            lines[1],
            format!("  T3 accounts     {half:<24}50.0 (15 accounts)")
        );
        let quarter = "█".repeat(5) + "▊";
        assert_eq!(
            lines[2],
            format!("  Other accounts  {quarter:<24}25.0 (1 account)")
        );
    }

    #[test]
    fn an_empty_group_or_an_undefined_figure_is_said_not_drawn() {
        let bars = [
            Bar::of_group("T3 accounts", Group::default(), theme::BAR_T3),
            Bar::of_group(
                "Other accounts",
                Group {
                    accounts: 3,
                    value: None,
                },
                theme::BAR_OTHER,
            ),
        ];
        let lines = text(&comparison_lines(&[(depth(), bars.into())], 60));
        assert_eq!(lines[1], "  T3 accounts     no accounts");
        assert_eq!(lines[2], "  Other accounts  not defined (3 accounts)");
    }

    #[test]
    fn a_narrow_pane_keeps_the_values_and_drops_the_bars() {
        let bars = [Bar::of_group(
            "T3 accounts",
            Group {
                accounts: 2,
                value: Some(40.0),
            },
            theme::BAR_T3,
        )];
        let lines = text(&comparison_lines(&[(depth(), bars.into())], 30));
        assert_eq!(lines[1], "  T3 accounts     40.0 (2 accounts)");
    }

    #[test]
    fn blocks_show_a_sliver_for_anything_above_nought() {
        assert_eq!(blocks(0.0, 10), "");
        assert_eq!(blocks(0.001, 10), "▏");
        assert_eq!(blocks(1.0, 4), "████");
        assert_eq!(blocks(7.0, 4), "████", "above the scale stops at the edge");
        assert_eq!(blocks(f64::NAN, 4), "");
    }

    #[test]
    fn a_coverage_row_draws_above_a_whole_and_without_a_snapshot() {
        let mut terminal = Terminal::new(TestBackend::new(40, 3)).unwrap();
        let row = |name: &str, trained, rate| AccountCoverage {
            account: AccountId(1),
            name: name.to_string(),
            seats: 100,
            users_trained: trained,
            rate,
        };
        terminal
            .draw(|frame| {
                let area = |y| Rect::new(0, y, 40, 1);
                render_coverage_row(
                    frame,
                    area(0),
                    &row("Over", Some(130), Some(1.3)),
                    "",
                    false,
                );
                render_coverage_row(frame, area(1), &row("Half", Some(50), Some(0.5)), "▶", true);
                render_coverage_row(frame, area(2), &row("None", None, None), "", false);
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        let line = |y: u16| -> String {
            (0..40)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        };
        assert!(line(0).contains("130% ━━━━━━━━━"), "{}", line(0));
        assert!(line(1).starts_with("▶ Half"), "{}", line(1));
        assert!(line(1).contains(" 50% ━━━━─────"), "{}", line(1));
        assert!(line(2).contains("no snapshot"), "{}", line(2));
    }
}
