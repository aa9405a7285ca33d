//! The Releases and materials view: every product release, newest first, with how the
//! enablement materials stood when it shipped (ready before, late, missing), and the materials
//! that trail the latest release trainers teach from.
//!
//! It opens over any tab and keeps the screen until it is closed; the forms that record
//! releases and material updates open above it. It reads the store when it opens and after
//! every write, and draws only from what it read.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

use super::list::ListView;
use super::safe_text::sanitize;
use super::{table, theme, wrap};
use crate::domain::program::{Material, Readiness, Release, ReleaseId};
use crate::domain::readiness::{ReadinessCounts, stale_materials};
use crate::store::{Store, StoreError};

/// From this width the materials also show their kind, their current version, and when they
/// were updated in words rather than in short.
const WIDE: u16 = 120;

pub struct ReleasesView {
    /// Newest first.
    releases: Vec<Release>,
    /// By title, as the store gives them.
    materials: Vec<Material>,
    /// The cursor over `releases`; the view never filters.
    pub list: ListView,
    today: NaiveDate,
}

impl ReleasesView {
    pub fn open(store: &Store, today: NaiveDate) -> Result<Self, StoreError> {
        let mut view = Self {
            releases: Vec::new(),
            materials: Vec::new(),
            list: ListView::default(),
            today,
        };
        view.reload(store, today)?;
        Ok(view)
    }

    /// Reads the releases and materials again, keeping the cursor on the same release.
    pub fn reload(&mut self, store: &Store, today: NaiveDate) -> Result<(), StoreError> {
        let keep = self.selected().map(|release| release.id);
        let mut releases = store.releases()?;
        releases.reverse();
        self.releases = releases;
        self.materials = store.materials()?;
        self.today = today;
        self.select(keep);
        Ok(())
    }

    /// Puts the cursor on release `id`, or on the newest when it is gone or `None`.
    pub fn select(&mut self, id: Option<ReleaseId>) {
        let keep = id.and_then(|id| self.releases.iter().position(|release| release.id == id));
        self.list
            .rebuild((0..self.releases.len()).collect(), |_| Vec::new(), keep);
    }

    pub fn selected(&self) -> Option<&Release> {
        self.list
            .selected_row()
            .and_then(|index| self.releases.get(index))
    }

    /// Newest first.
    pub fn releases(&self) -> &[Release] {
        &self.releases
    }

    pub fn materials(&self) -> &[Material] {
        &self.materials
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect) {
        frame.render_widget(Clear, area);
        // The releases take what they need, up to half the screen; the materials the rest.
        let wanted = u16::try_from(self.releases.len())
            .unwrap_or(u16::MAX)
            .saturating_add(3);
        let [top, bottom] = Layout::vertical([
            Constraint::Length(wanted.clamp(4, (area.height / 2).max(4))),
            Constraint::Fill(1),
        ])
        .areas(area);
        self.render_releases(frame, top);
        self.render_materials(frame, bottom);
    }

    fn render_releases(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let title = format!(
            " Releases and materials · {} releases, newest first ",
            self.releases.len()
        );
        let name_width = self
            .releases
            .iter()
            .map(|release| sanitize(&release.name).width())
            .max()
            .unwrap_or(0)
            .clamp(7, 24);
        let counts: Vec<Line<'static>> = self
            .releases
            .iter()
            .map(|release| counts_line(ReadinessCounts::of(release, &self.materials)))
            .collect();
        let counts_width = counts
            .iter()
            .map(Line::width)
            .max()
            .unwrap_or(0)
            .clamp(9, 32);
        let header = ["Release", "Shipped", "Workflows", "Materials", "Summary"];
        let widths = [
            Constraint::Length(name_width as u16),
            Constraint::Length(10),
            Constraint::Length(11),
            Constraint::Length(counts_width as u16),
            Constraint::Fill(1),
        ];
        let (visible, cursor) = self.list.window(table::body_height(area));
        let rows: Vec<Row<'_>> = visible
            .iter()
            .filter_map(|&index| {
                let release = self.releases.get(index)?;
                let counts = counts.get(index).cloned().unwrap_or_default();
                Some(release_row(release, counts, self.today))
            })
            .collect();
        table::render(frame, area, &title, &header, &widths, rows, cursor);
    }

    fn render_materials(&self, frame: &mut Frame<'_>, area: Rect) {
        let Some(release) = self.selected() else {
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
        let width = usize::from(inner.width);
        let summary = wrap::hanging(summary_spans(release), width, 0);
        let stale = wrap::hanging(self.stale_spans(), width, 0);
        let table_wanted = if release.touches_trained_workflows {
            self.materials.len().max(1) + 1
        } else {
            1
        };
        let [summary_area, table_area, stale_area] =
            pane_areas(inner, summary.len(), table_wanted, stale.len());
        frame.render_widget(Paragraph::new(summary), summary_area);
        if release.touches_trained_workflows {
            self.render_material_table(frame, table_area, release);
        } else {
            let line = Line::styled(
                "Materials need not follow this release: it touches no trained workflow.",
                theme::DIM,
            );
            frame.render_widget(line, table_area);
        }
        frame.render_widget(Paragraph::new(stale), stale_area);
    }

    fn render_material_table(&self, frame: &mut Frame<'_>, area: Rect, release: &Release) {
        let wide = area.width >= WIDE - 2;
        let stale: Vec<&Material> = stale_materials(&self.materials, &self.releases, self.today)
            .map(|(_, stale)| stale)
            .unwrap_or_default();
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
        if shown < self.materials.len() {
            rows.push(Row::new(vec![Cell::from(Span::styled(
                format!(
                    "… {} more: a taller window shows them",
                    self.materials.len() - shown
                ),
                theme::DIM,
            ))]));
        }
        if self.materials.is_empty() {
            rows.push(Row::new(vec![Cell::from(Span::styled(
                "No materials yet: m adds one.",
                theme::DIM,
            ))]));
        }
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme::HEADER))
            .column_spacing(1);
        frame.render_widget(table, area);
    }

    /// Which materials trail the latest release trainers teach from: the stale-materials
    /// rule's finding, told here too so it is fixed where it is seen.
    fn stale_spans(&self) -> Vec<Span<'static>> {
        match stale_materials(&self.materials, &self.releases, self.today) {
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
            days_from_now(release.shipped_on, today)
        )
    } else {
        format!(" {name} · shipped {} ", release.shipped_on)
    }
}

fn days_from_now(day: NaiveDate, today: NaiveDate) -> String {
    super::format::relative_days(today, day)
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

fn release_row(release: &Release, counts: Line<'static>, today: NaiveDate) -> Row<'static> {
    let shipped_style = if release.shipped_on > today {
        theme::PATHWAY
    } else {
        Style::new()
    };
    let workflows = if release.touches_trained_workflows {
        Span::raw("trained")
    } else {
        Span::styled("not trained", theme::DIM)
    };
    Row::new(vec![
        Cell::from(sanitize(&release.name).into_owned()),
        Cell::from(Span::styled(release.shipped_on.to_string(), shipped_style)),
        Cell::from(workflows),
        Cell::from(counts),
        Cell::from(sanitize(&release.summary).into_owned()),
    ])
}

/// "4 ready · 1 late · 1 missing", each coloured by its state and the empty ones left out; "—"
/// for a release that touches no trained workflow.
fn counts_line(counts: Option<ReadinessCounts>) -> Line<'static> {
    let Some(counts) = counts else {
        return Line::styled("—", theme::DIM);
    };
    let parts = [
        (counts.ready, "ready", theme::READY),
        (counts.late, "late", theme::LATE),
        (counts.missing, "missing", theme::MISSING),
    ];
    let mut spans = Vec::new();
    for (count, label, style) in parts.into_iter().filter(|(count, ..)| *count > 0) {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme::DIM));
        }
        spans.push(Span::styled(format!("{count} {label}"), style));
    }
    if spans.is_empty() {
        return Line::styled("no materials", theme::DIM);
    }
    Line::from(spans)
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
                days_from_now(release.shipped_on, today)
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
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::domain::program::{MaterialId, MaterialKind, MaterialVersion};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn release(id: i64, shipped_on: &str, touches: bool) -> Release {
        Release {
            id: ReleaseId(id),
            name: format!("Release {id}"),
            shipped_on: day(shipped_on),
            summary: "Something changed".to_string(),
            touches_trained_workflows: touches,
        }
    }

    fn view(releases: Vec<Release>, materials: usize) -> ReleasesView {
        let mut view = ReleasesView {
            releases,
            materials: (0..materials)
                .map(|index| Material {
                    id: MaterialId(index as i64),
                    title: format!("Material {index}"),
                    kind: MaterialKind::JobAid,
                    versions: vec![MaterialVersion {
                        version: "1.0".to_string(),
                        updated_for: Some(ReleaseId(1)),
                        updated_on: day("2026-03-01"),
                    }],
                })
                .collect(),
            list: ListView::default(),
            today: day("2026-06-15"),
        };
        view.select(None);
        view
    }

    #[test]
    fn counts_leave_out_the_empty_states() {
        let text = |counts| counts_line(counts).to_string();
        let counts = ReadinessCounts {
            ready: 4,
            late: 1,
            missing: 1,
        };
        assert_eq!(text(Some(counts)), "4 ready · 1 late · 1 missing");
        let counts = ReadinessCounts {
            ready: 5,
            late: 0,
            missing: 1,
        };
        assert_eq!(text(Some(counts)), "5 ready · 1 missing");
        assert_eq!(text(Some(ReadinessCounts::default())), "no materials");
        assert_eq!(text(None), "—");
    }

    #[test]
    fn updates_are_told_against_the_ship_day() {
        let shipped = release(1, "2026-04-06", true);
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
        let coming = release(2, "2026-06-25", true);
        assert_eq!(
            updated(Readiness::Missing, &coming, today, true).content,
            "not yet: ships in 10 days"
        );
    }

    #[test]
    fn any_size_draws_without_panic() {
        let releases = vec![
            release(3, "2026-07-06", true),
            release(2, "2026-04-06", false),
            release(1, "2026-01-05", true),
        ];
        for (mut view, label) in [
            (view(releases.clone(), 6), "full"),
            (view(releases, 40), "many materials"),
            (view(Vec::new(), 0), "empty"),
        ] {
            view.list.move_to_bottom();
            for (width, height) in [
                (0, 0),
                (1, 1),
                (3, 2),
                (20, 5),
                (60, 16),
                (80, 24),
                (200, 60),
            ] {
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal
                    .draw(|frame| view.render(frame, frame.area()))
                    .unwrap_or_else(|error| panic!("{label} at {width}×{height}: {error}"));
            }
        }
    }
}
