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
use ratatui::widgets::{Cell, Clear, Row};
use unicode_width::UnicodeWidthStr;

use super::list::ListView;
use super::safe_text::sanitize;
use super::{table, theme};
use crate::domain::program::{Material, Release, ReleaseId};
use crate::domain::readiness::ReadinessCounts;
use crate::store::{Store, StoreError};

mod materials;

use materials::MaterialsPane;

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
        let pane = MaterialsPane {
            selected: self.selected(),
            releases: &self.releases,
            materials: &self.materials,
            today: self.today,
        };
        pane.render(frame, bottom);
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
