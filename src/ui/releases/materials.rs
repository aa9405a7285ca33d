//! The Releases view's lower pane: the selected release's materials, each ready, late or
//! missing against the day it shipped, and the materials that trail the latest release
//! trainers teach from.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use crate::domain::program::{Material, Readiness, Release};
use crate::domain::readiness::stale_materials;
use crate::ui::format::relative_days;
use crate::ui::safe_text::sanitize;
use crate::ui::{table, theme, wrap};

/// From this width the materials also show their kind, their current version, and when they
/// were updated in words rather than in short.
const WIDE: u16 = 120;

/// What the pane draws from, borrowed from the view for one draw.
pub(super) struct MaterialsPane<'a> {
    pub selected: Option<&'a Release>,
    pub releases: &'a [Release],
    pub materials: &'a [Material],
    pub today: NaiveDate,
}

impl MaterialsPane<'_> {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let Some(release) = self.selected else {
            let hint = Line::styled(
                "No releases yet: a records one, m adds a material.",
                theme::DIM,
            );
            table::render_detail(frame, area, "Materials", vec![hint]);
            return;
        };
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(pane_title(release, self.today), theme::TITLE));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let stale = stale_materials(self.materials, self.releases, self.today);
        let width = usize::from(inner.width);
        let summary = wrap::hanging(summary_spans(release), width, 0);
        let stale_lines = wrap::hanging(stale_spans(stale.as_ref()), width, 0);
        let table_wanted = if release.touches_trained_workflows {
            self.materials.len().max(1) + 1
        } else {
            1
        };
        let [summary_area, table_area, stale_area] =
            pane_areas(inner, summary.len(), table_wanted, stale_lines.len());
        frame.render_widget(Paragraph::new(summary), summary_area);
        if release.touches_trained_workflows {
            let stale = stale.map(|(_, stale)| stale).unwrap_or_default();
            self.render_table(frame, table_area, release, &stale, area.width >= WIDE);
        } else {
            let line = Line::styled(
                "Materials need not follow this release: it touches no trained workflow.",
                theme::DIM,
            );
            frame.render_widget(line, table_area);
        }
        frame.render_widget(Paragraph::new(stale_lines), stale_area);
    }

    fn render_table(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        release: &Release,
        stale: &[&Material],
        wide: bool,
    ) {
        let (header, widths) = if wide {
            (
                vec!["Material", "Kind", "State", "Updated", "Current"],
                vec![
                    Constraint::Fill(1),
                    Constraint::Length(21),
                    Constraint::Length(7),
                    Constraint::Length(42),
                    Constraint::Length(11),
                ],
            )
        } else {
            (
                vec!["Material", "State", "Updated"],
                vec![
                    Constraint::Fill(1),
                    Constraint::Length(7),
                    Constraint::Length(32),
                ],
            )
        };
        // A row is kept for saying how many did not fit, rather than cutting them silently.
        let room = usize::from(area.height.saturating_sub(1));
        let shown = if self.materials.len() > room {
            room.saturating_sub(1)
        } else {
            room
        };
        let mut rows: Vec<Row<'_>> = self
            .materials
            .iter()
            .take(shown)
            .map(|material| {
                let is_stale = stale.iter().any(|stale| stale.id == material.id);
                material_row(material, release, self.today, is_stale, wide)
            })
            .collect();
        let note = if self.materials.is_empty() {
            Some("No materials yet: m adds one.".to_string())
        } else if shown < self.materials.len() {
            let more = self.materials.len() - shown;
            Some(format!("… {more} more: a taller window shows them"))
        } else {
            None
        };
        if let Some(note) = note {
            rows.push(Row::new(vec![Cell::from(Span::styled(note, theme::DIM))]));
        }
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme::HEADER))
            .column_spacing(1);
        frame.render_widget(table, area);
    }
}

/// Which materials trail the latest release trainers teach from: the stale-materials rule's
/// finding, told here too so it is fixed where it is seen.
fn stale_spans(stale: Option<&(&Release, Vec<&Material>)>) -> Vec<Span<'static>> {
    match stale {
        None => vec![Span::styled(
            "No release touching trained workflows has shipped yet: no material can be stale.",
            theme::DIM,
        )],
        Some((latest, stale)) if stale.is_empty() => vec![Span::styled(
            format!(
                "Every material has followed {}, the latest trained release.",
                sanitize(&latest.name)
            ),
            theme::VALID,
        )],
        Some((latest, stale)) => {
            let titles: Vec<String> = stale
                .iter()
                .map(|material| sanitize(&material.title).into_owned())
                .collect();
            vec![
                Span::styled(
                    format!(
                        "{} stale against {} (latest trained release, shipped {}): ",
                        stale.len(),
                        sanitize(&latest.name),
                        latest.shipped_on
                    ),
                    theme::STALE,
                ),
                Span::raw(titles.join(", ")),
            ]
        }
    }
}

/// Where the summary, the materials and the stale line go in the pane: one after the other,
/// a blank line between them when there is room, the summary and the stale line cut to a few
/// lines and the materials to what is left.
fn pane_areas(inner: Rect, summary: usize, table: usize, stale: usize) -> [Rect; 3] {
    let mut rest = usize::from(inner.height);
    let mut take = |wanted: usize| {
        let given = wanted.min(rest);
        rest -= given;
        given as u16
    };
    let summary = take(summary.min(2));
    let stale = take(stale.min(3));
    let table = take(table);
    let gaps = take(2);
    let [summary, _, table, _, stale, _] = Layout::vertical([
        Constraint::Length(summary),
        Constraint::Length(gaps / 2),
        Constraint::Length(table),
        Constraint::Length(gaps - gaps / 2),
        Constraint::Length(stale),
        Constraint::Fill(1),
    ])
    .areas(inner);
    [summary, table, stale]
}

/// " Release 26.2 · shipped 2026-04-03 ", or when it is still to come, how soon.
fn pane_title(release: &Release, today: NaiveDate) -> String {
    let name = sanitize(&release.name);
    if release.shipped_on > today {
        format!(
            " {name} · ships {} ({}) ",
            release.shipped_on,
            relative_days(today, release.shipped_on)
        )
    } else {
        format!(" {name} · shipped {} ", release.shipped_on)
    }
}

fn summary_spans(release: &Release) -> Vec<Span<'static>> {
    let mut spans = if release.summary.trim().is_empty() {
        vec![Span::styled("No summary yet (e adds one)", theme::DIM)]
    } else {
        vec![Span::raw(sanitize(&release.summary).into_owned())]
    };
    let workflows = if release.touches_trained_workflows {
        " · touches trained workflows"
    } else {
        " · touches no trained workflow"
    };
    spans.push(Span::styled(workflows, theme::DIM));
    spans
}

fn material_row(
    material: &Material,
    release: &Release,
    today: NaiveDate,
    is_stale: bool,
    wide: bool,
) -> Row<'static> {
    let readiness = material.readiness(release);
    let mut cells = vec![Cell::from(sanitize(&material.title).into_owned())];
    if wide {
        cells.push(Cell::from(Span::styled(material.kind.title(), theme::DIM)));
    }
    cells.push(Cell::from(Span::styled(
        readiness.label(),
        theme::readiness(readiness),
    )));
    cells.push(Cell::from(updated(readiness, release, today, wide)));
    if wide {
        let version = material.current().map_or_else(
            || "—".to_string(),
            |current| sanitize(&current.version).into_owned(),
        );
        let mut spans = vec![Span::raw(version)];
        if is_stale {
            spans.push(Span::styled(" stale", theme::STALE));
        }
        cells.push(Cell::from(Line::from(spans)));
    }
    Row::new(cells)
}

/// When the material was updated for the release, against the day it shipped: "updated on
/// 2026-03-20, 14 days before ship" (in short on a narrow screen), or what is missing.
fn updated(readiness: Readiness, release: &Release, today: NaiveDate, wide: bool) -> Span<'static> {
    let when = |updated_on: NaiveDate, days: i64, side: &str| {
        let gap = if days == 0 {
            "the day it shipped".to_string()
        } else {
            format!("{} {side} ship", days_text(days))
        };
        if wide {
            format!("updated on {updated_on}, {gap}")
        } else {
            format!("{updated_on} · {gap}")
        }
    };
    match readiness {
        Readiness::Ready { updated_on } => Span::raw(when(
            updated_on,
            (release.shipped_on - updated_on).num_days(),
            "before",
        )),
        Readiness::Late {
            updated_on,
            days_late,
        } => Span::raw(when(updated_on, days_late, "after")),
        Readiness::Missing if release.shipped_on > today => Span::styled(
            format!(
                "not yet: ships {}",
                relative_days(today, release.shipped_on)
            ),
            theme::LATE,
        ),
        Readiness::Missing => Span::styled("never updated for it", theme::DIM),
    }
}

fn days_text(days: i64) -> String {
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::program::ReleaseId;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn release(id: i64, shipped_on: &str) -> Release {
        Release {
            id: ReleaseId(id),
            name: format!("Release {id}"),
            shipped_on: day(shipped_on),
            summary: String::new(),
            touches_trained_workflows: true,
        }
    }

    #[test]
    fn updates_are_told_against_the_ship_day() {
        let shipped = release(1, "2026-04-06");
        let today = day("2026-06-15");
        let text = |readiness, wide| updated(readiness, &shipped, today, wide).content;
        let ready = Readiness::Ready {
            updated_on: day("2026-03-23"),
        };
        assert_eq!(
            text(ready, true),
            "updated on 2026-03-23, 14 days before ship"
        );
        assert_eq!(text(ready, false), "2026-03-23 · 14 days before ship");
        let late = Readiness::Late {
            updated_on: day("2026-04-07"),
            days_late: 1,
        };
        assert_eq!(text(late, true), "updated on 2026-04-07, 1 day after ship");
        let on_the_day = Readiness::Ready {
            updated_on: day("2026-04-06"),
        };
        assert_eq!(text(on_the_day, false), "2026-04-06 · the day it shipped");
        let coming = release(2, "2026-06-25");
        assert_eq!(
            updated(Readiness::Missing, &coming, today, true).content,
            "not yet: ships in 10 days"
        );
    }

    #[test]
    fn the_pane_gives_the_materials_what_the_summary_and_stale_line_leave() {
        let inner = Rect::new(0, 0, 78, 11);
        let [summary, table, stale] = pane_areas(inner, 1, 7, 2);
        assert_eq!((summary.height, table.height, stale.height), (1, 7, 2));
        assert_eq!(stale.y, 9, "one blank line, before the stale line");
        let [summary, table, stale] = pane_areas(Rect::new(0, 0, 78, 4), 3, 7, 5);
        assert_eq!((summary.height, table.height, stale.height), (2, 0, 2));
    }
}
