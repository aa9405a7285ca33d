//! Fitting the figures pane to its room: the parts it shows in order of importance, and the
//! ways each shrinks before whole parts go, so that a short terminal keeps what matters most.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::ProgramTab;
use crate::ui::metric_charts;
use crate::ui::safe_text::sanitize;
use crate::ui::theme;

/// A part of the figures pane, in the order drawn, which is also the order of importance:
/// when the pane is short, parts go from the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Headline,
    Patterns,
    Rollout,
    Comparisons,
    Trend,
    Hint,
}

/// How the figures pane is fitted to its height.
#[derive(Debug, Clone, Copy)]
struct Plan {
    hint: bool,
    /// The trend tall (`Some(true)`), on one line, or left out.
    trend: Option<bool>,
    /// A blank line between parts.
    gaps: bool,
    /// The comparisons as bars, else as a small table.
    bars: bool,
}

impl Plan {
    const fn new(hint: bool, trend: Option<bool>, gaps: bool, bars: bool) -> Self {
        Self {
            hint,
            trend,
            gaps,
            bars,
        }
    }
}

/// The ways to fit the figures pane, best first: the hint goes, then the blank lines between
/// parts; the trend shrinks to a line, then goes; last the bars give way to a small table (the
/// trend back on its line if that fits). Past the last, whole parts go from the least important.
const PLANS: [Plan; 8] = [
    Plan::new(true, Some(true), true, true),
    Plan::new(false, Some(true), true, true),
    Plan::new(false, Some(true), false, true),
    Plan::new(false, Some(false), true, true),
    Plan::new(false, Some(false), false, true),
    Plan::new(false, None, false, true),
    Plan::new(false, Some(false), false, false),
    Plan::new(false, None, false, false),
];

/// A part ready to draw: lines of text, or a chart that draws itself.
enum Section {
    Lines(Vec<Line<'static>>),
    Trend { tall: bool },
    Rollout,
}

impl Section {
    fn height(&self) -> usize {
        match self {
            Section::Lines(lines) => lines.len(),
            Section::Trend { tall: true } => usize::from(metric_charts::TREND_HEIGHT),
            Section::Trend { tall: false } => 1,
            Section::Rollout => usize::from(metric_charts::ROLLOUT_HEIGHT),
        }
    }
}

impl ProgramTab {
    /// The figures for the scope, as many parts as the pane has room for.
    pub(super) fn render_figures(&self, frame: &mut Frame<'_>, area: Rect) {
        let title = self.own().map_or_else(
            || " Whole portfolio ".to_string(),
            |own| format!(" {} ", sanitize(&own.name)),
        );
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(title, theme::TITLE));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.is_empty() {
            return;
        }
        let (sections, gaps) = self.arrange(inner.width, inner.height);
        let gap = u16::from(gaps);
        let used: usize = sections.iter().map(Section::height).sum::<usize>()
            + usize::from(gap) * sections.len().saturating_sub(1);
        // Lines to spare go to the trend's bars.
        let spare = inner.height.saturating_sub(used as u16);
        let mut y = inner.y;
        for section in sections {
            let height = match section {
                Section::Trend { tall: true } => {
                    metric_charts::trend_height(metric_charts::TREND_HEIGHT + spare)
                }
                _ => section.height() as u16,
            };
            let height = height.min(inner.bottom().saturating_sub(y));
            let area = Rect { y, height, ..inner };
            match section {
                Section::Lines(lines) => frame.render_widget(Paragraph::new(lines), area),
                Section::Trend { .. } => {
                    metric_charts::render_trend(frame, area, &self.shown().delivery_by_quarter);
                }
                Section::Rollout => {
                    if let Some(rollout) = &self.rollout {
                        let on = self.shown().span.to;
                        metric_charts::render_rollout(frame, area, rollout, self.rates, on);
                    }
                }
            }
            y = y.saturating_add(height + gap);
            if y >= inner.bottom() {
                break;
            }
        }
    }

    /// The parts that fit `height` lines of `width` columns, arranged by the first of [`PLANS`]
    /// that fits, and whether they keep a blank line between them.
    fn arrange(&self, width: u16, height: u16) -> (Vec<Section>, bool) {
        let needed = |sections: &[Section], gaps: bool| {
            let blank = if gaps {
                sections.len().saturating_sub(1)
            } else {
                0
            };
            sections.iter().map(Section::height).sum::<usize>() + blank
        };
        let tall_fits = metric_charts::trend_fits(width);
        let plans = PLANS
            .iter()
            .filter(|plan| tall_fits || plan.trend != Some(true));
        for plan in plans {
            let sections = self.sections(usize::from(width), *plan);
            if needed(&sections, plan.gaps) <= usize::from(height) {
                return (sections, plan.gaps);
            }
        }
        let mut sections = self.sections(usize::from(width), PLANS[PLANS.len() - 1]);
        while sections.len() > 1 && needed(&sections, false) > usize::from(height) {
            sections.pop();
        }
        (sections, false)
    }

    fn sections(&self, width: usize, plan: Plan) -> Vec<Section> {
        let parts = [
            Part::Headline,
            Part::Patterns,
            Part::Rollout,
            Part::Comparisons,
            Part::Trend,
            Part::Hint,
        ];
        parts
            .into_iter()
            .filter_map(|part| match part {
                Part::Headline => Some(Section::Lines(self.headline(width))),
                Part::Patterns => {
                    let lines = self.pattern_lines(width);
                    (!lines.is_empty()).then_some(Section::Lines(lines))
                }
                Part::Rollout => self.rollout.map(|_| Section::Rollout),
                Part::Comparisons if plan.bars => Some(Section::Lines(self.bars(width))),
                Part::Comparisons => Some(Section::Lines(self.comparison_table())),
                Part::Trend => plan.trend.map(|tall| Section::Trend { tall }),
                Part::Hint => plan.hint.then(|| Section::Lines(self.hint(width))),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn needed(sections: &[Section], gaps: bool) -> usize {
        let blank = if gaps { sections.len() - 1 } else { 0 };
        sections.iter().map(Section::height).sum::<usize>() + blank
    }

    #[test]
    fn the_pane_shrinks_to_fit_and_keeps_the_headline() {
        let tab = ProgramTab::new(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap());
        for width in [20, 48, 80] {
            let mut previous = 0;
            for height in 1..40 {
                let (sections, gaps) = tab.arrange(width, height);
                let used = needed(&sections, gaps);
                assert!(
                    used <= usize::from(height) || sections.len() == 1,
                    "{width}×{height}: {used} lines"
                );
                assert!(
                    used >= previous,
                    "{width}×{height}: more room shows no less"
                );
                previous = used;
            }
        }
        let (roomy, gaps) = tab.arrange(80, 40);
        assert!(gaps);
        assert!(matches!(roomy.first(), Some(Section::Lines(_))));
        assert!(
            roomy
                .iter()
                .any(|section| matches!(section, Section::Trend { tall: true }))
        );
        // The headline takes 3 lines and the bars 9: a line more keeps the trend on one line,
        // a line less loses it, and the bars stay either way.
        let trend = |height| {
            let (sections, _) = tab.arrange(80, height);
            assert_eq!(sections[1].height(), 9, "{height}: the bars");
            sections.iter().find_map(|section| match section {
                Section::Trend { tall } => Some(*tall),
                _ => None,
            })
        };
        assert_eq!(trend(13), Some(false));
        assert_eq!(trend(12), None);
    }
}
