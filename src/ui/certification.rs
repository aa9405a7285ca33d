//! The Certification tab: every trainer on the pathway or past it, their four module marks,
//! and how long their certification has left, most urgent first.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

use super::filter_fields::{CERTIFICATION_FIELDS, pathway_value};
use super::list::ListView;
use super::marks::{self, RowKey};
use super::safe_text::sanitize;
use super::{table, theme};
use crate::domain::certification::{CertificationState, Module, PassMarks, Pathway};
use crate::domain::countdown::clock_face;
use crate::domain::practicum::{Dimension, Practicum};
use crate::domain::{TrainerId, TrainerStatus};
use crate::store::{Store, StoreError};

/// From this width the table also shows the account, the grant date and renewals.
const WIDE_TABLE: u16 = 110;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Urgency,
    Name,
    Account,
    Expiry,
}

impl Sort {
    const ALL: [Sort; 4] = [Sort::Urgency, Sort::Name, Sort::Account, Sort::Expiry];

    /// The word `:sort` takes and the saved state keeps.
    fn name(self) -> &'static str {
        match self {
            Sort::Urgency => "urgency",
            Sort::Name => "name",
            Sort::Account => "account",
            Sort::Expiry => "expires",
        }
    }

    fn next(self) -> Sort {
        match self {
            Sort::Urgency => Sort::Name,
            Sort::Name => Sort::Account,
            Sort::Account => Sort::Expiry,
            Sort::Expiry => Sort::Urgency,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Sort::Urgency => "urgency",
            Sort::Name => "name",
            Sort::Account => "account",
            Sort::Expiry => "expiry (soonest first)",
        }
    }
}

/// Where a trainer stands, as the State column says it: the certification state, with the
/// pathway split into not started, under way and ready to certify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    NotStarted,
    Certifying,
    ReadyToCertify,
    Certified,
    Expiring,
    Lapsed,
    /// Certified once, since left the role: kept for the record, never urgent.
    Inactive,
}

impl Standing {
    pub fn of(pathway: &Pathway, today: NaiveDate, marks: PassMarks) -> Standing {
        if pathway.row.trainer.status == TrainerStatus::Inactive {
            return Standing::Inactive;
        }
        match pathway.state(today) {
            CertificationState::Certifying if pathway.ready_to_certify(marks) => {
                Standing::ReadyToCertify
            }
            CertificationState::Certifying if pathway.completions.is_empty() => {
                Standing::NotStarted
            }
            CertificationState::Certifying => Standing::Certifying,
            CertificationState::Certified { .. } => Standing::Certified,
            CertificationState::Expiring { .. } => Standing::Expiring,
            CertificationState::Lapsed { .. } => Standing::Lapsed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Standing::NotStarted => "not started",
            Standing::Certifying => "certifying",
            Standing::ReadyToCertify => "ready",
            Standing::Certified => "certified",
            Standing::Expiring => "expiring",
            Standing::Lapsed => "lapsed",
            Standing::Inactive => "inactive",
        }
    }

    /// Red needs action now, yellow soon, green is fine; the pathway is neutral.
    pub fn style(self) -> Style {
        match self {
            Standing::Lapsed => theme::LAPSED,
            Standing::Expiring => theme::EXPIRING,
            Standing::ReadyToCertify => theme::PATHWAY.add_modifier(Modifier::BOLD),
            Standing::Certifying => theme::PATHWAY,
            Standing::Certified => theme::VALID,
            Standing::NotStarted | Standing::Inactive => theme::DIM,
        }
    }
}

pub struct CertificationTab {
    pathways: Vec<Pathway>,
    pub list: ListView,
    sort: Sort,
    pub detail_open: bool,
    /// The selected trainer's practicums, read when the detail opens.
    practicums: Vec<Practicum>,
    remembered: Option<TrainerId>,
    today: NaiveDate,
    marks: PassMarks,
}

impl CertificationTab {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            pathways: Vec::new(),
            list: ListView::default(),
            sort: Sort::Urgency,
            detail_open: false,
            practicums: Vec::new(),
            remembered: None,
            today,
            marks: PassMarks::default(),
        }
    }

    pub fn reload(
        &mut self,
        store: &Store,
        today: NaiveDate,
        marks: PassMarks,
    ) -> Result<(), StoreError> {
        let keep = self.selected().map(|pathway| pathway.row.trainer.id);
        self.today = today;
        self.marks = marks;
        self.list.set_fields(CERTIFICATION_FIELDS, today);
        self.pathways = store.pathways()?;
        self.rebuild(keep);
        self.load_detail(store)
    }

    /// Reads the practicums of the selected trainer for the detail pane.
    pub fn load_detail(&mut self, store: &Store) -> Result<(), StoreError> {
        self.practicums = match (self.detail_open, self.selected()) {
            (true, Some(pathway)) => store.practicums_of(pathway.row.trainer.id)?,
            _ => Vec::new(),
        };
        Ok(())
    }

    pub fn rebuild(&mut self, keep: Option<TrainerId>) {
        let pathways = &self.pathways;
        let (today, marks) = (self.today, self.marks);
        let mut order: Vec<usize> = (0..pathways.len()).collect();
        match self.sort {
            Sort::Urgency => order.sort_by_key(|&i| {
                let inactive = pathways[i].row.trainer.status == TrainerStatus::Inactive;
                (inactive, pathways[i].urgency(today, marks))
            }),
            Sort::Name => {}
            Sort::Account => order.sort_by(|&a, &b| {
                pathways[a]
                    .row
                    .account_name
                    .cmp(&pathways[b].row.account_name)
            }),
            Sort::Expiry => order.sort_by_key(|&i| {
                pathways[i]
                    .latest()
                    .map_or(NaiveDate::MAX, |latest| latest.expires_on)
            }),
        }
        let keep = keep
            .or(self.remembered)
            .and_then(|id| pathways.iter().position(|p| p.row.trainer.id == id));
        let standings: Vec<&'static str> = pathways
            .iter()
            .map(|pathway| Standing::of(pathway, today, marks).label())
            .collect();
        self.list.rebuild_with(
            order,
            |i| {
                let row = &pathways[i].row;
                vec![
                    row.trainer.fields.name.as_str(),
                    row.account_name.as_str(),
                    row.trainer.fields.email.as_str(),
                    standings[i],
                ]
            },
            |i, field| pathway_value(&pathways[i], standings[i], field),
            keep,
        );
        let keys = pathways
            .iter()
            .map(|pathway| RowKey::Trainer(pathway.row.trainer.id))
            .collect();
        self.list.set_keys(keys);
        if let Some(pathway) = self.selected() {
            self.remembered = Some(pathway.row.trainer.id);
        }
    }

    /// Every trainer's pathway, in the order row positions refer to.
    pub fn pathways(&self) -> &[Pathway] {
        &self.pathways
    }

    pub fn selected(&self) -> Option<&Pathway> {
        self.list
            .selected_row()
            .and_then(|index| self.pathways.get(index))
    }

    /// Puts the cursor on the trainer. A filter that no longer matches them (a "not started"
    /// filter once their first module is in) is cleared, so the next key acts on the trainer
    /// just worked on rather than a neighbour; returns whether it was.
    pub fn select(&mut self, id: TrainerId) -> bool {
        self.remembered = Some(id);
        self.rebuild(Some(id));
        if self.selected().map(|pathway| pathway.row.trainer.id) == Some(id) {
            return false;
        }
        self.list.clear_filter();
        self.rebuild(Some(id));
        true
    }

    pub fn sort_name(&self) -> &'static str {
        self.sort.name()
    }

    /// Sorts by the column named `name` and says so; an unknown name lists the known ones.
    pub fn set_sort(&mut self, name: &str) -> Result<String, String> {
        self.sort = super::sorting::by_name(&Sort::ALL, Sort::name, name, "Certification")?;
        self.rebuild(self.selected().map(|pathway| pathway.row.trainer.id));
        Ok(format!("Certification sorted by {}", self.sort.label()))
    }

    pub fn cycle_sort(&mut self) -> String {
        self.sort = self.sort.next();
        self.rebuild(self.selected().map(|pathway| pathway.row.trainer.id));
        format!("Certification sorted by {}", self.sort.label())
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let area = table::render_filter_line(frame, area, &self.list);
        if self.detail_open {
            self.render_detail(frame, area);
            return;
        }
        let marks = self.marks;
        let title = format!(
            " Certification {} of {} · by {} · pass marks {}/{}/{}/{} ",
            self.list.len(),
            self.pathways.len(),
            self.sort.label(),
            marks.extended_assessment,
            marks.facilitation_skills,
            marks.troubleshooting_deep_dive,
            marks.practicum,
        );
        let wide = area.width >= WIDE_TABLE;
        let mut header = vec!["Trainer"];
        let mut widths = vec![Constraint::Fill(3)];
        if wide {
            header.push("Account");
            widths.push(Constraint::Fill(3));
        }
        header.extend(["Ext", "Fac", "Trb", "Prac"]);
        widths.extend([Constraint::Length(4); 4]);
        if wide {
            header.push("Certified");
            widths.push(Constraint::Length(10));
        }
        header.extend(["Expires", "Left", "State"]);
        widths.extend([
            Constraint::Length(10),
            Constraint::Length(5),
            Constraint::Length(11),
        ]);
        if wide {
            header.push("Renewed");
            widths.push(Constraint::Length(7));
        }
        let (visible, cursor) = self.list.window_in(table::body(area), 1);
        let rows: Vec<Row<'_>> = visible
            .iter()
            .map(|&index| self.pathway_row(&self.pathways[index], wide))
            .collect();
        table::render(frame, area, &title, &header, &widths, rows, cursor);
        marks::render(frame, area, &self.list, &visible, 1);
    }

    fn pathway_row(&self, pathway: &Pathway, wide: bool) -> Row<'static> {
        let standing = Standing::of(pathway, self.today, self.marks);
        let latest = pathway.latest();
        let mut cells = vec![Cell::from(
            sanitize(&pathway.row.trainer.fields.name).into_owned(),
        )];
        if wide {
            cells.push(Cell::from(sanitize(&pathway.row.account_name).into_owned()));
        }
        cells.extend(
            Module::ALL
                .into_iter()
                .map(|module| Cell::from(module_mark(pathway, module, self.marks))),
        );
        if wide {
            cells.push(Cell::from(
                latest.map_or_else(String::new, |c| c.granted_on.to_string()),
            ));
        }
        let left = latest.map_or_else(String::new, |certification| {
            (certification.expires_on - self.today)
                .num_days()
                .to_string()
        });
        cells.extend([
            Cell::from(latest.map_or_else(String::new, |c| c.expires_on.to_string())),
            Cell::from(Line::styled(left, standing.style()).right_aligned()),
            Cell::from(Line::styled(standing.label(), standing.style())),
        ]);
        if wide {
            let renewals = pathway.renewals();
            cells.push(Cell::from(
                Line::from(if renewals == 0 {
                    String::new()
                } else {
                    format!("{renewals}×")
                })
                .right_aligned(),
            ));
        }
        Row::new(cells)
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect) {
        let Some(pathway) = self.selected() else {
            frame.render_widget(
                Paragraph::new("No trainer selected.").block(Block::bordered()),
                area,
            );
            return;
        };
        let wide = area.width >= WIDE_TABLE;
        let lines = detail_lines(pathway, &self.practicums, self.today, self.marks, wide);
        let title = format!(
            "{} · {}",
            sanitize(&pathway.row.trainer.fields.name),
            sanitize(&pathway.row.account_name)
        );
        table::render_detail(frame, area, &title, lines);
    }
}

/// A module's best score with a tick when it passes: `92✓`, `60✗`, or `·` when not taken.
fn module_mark(pathway: &Pathway, module: Module, marks: PassMarks) -> Line<'static> {
    match pathway.best_score(module) {
        None => Line::styled("  ·", theme::DIM),
        Some(score) if score >= marks.of(module) => {
            Line::styled(format!("{score:>3}✓"), theme::PASSED)
        }
        Some(score) => Line::styled(format!("{score:>3}✗"), theme::FAILED),
    }
}

fn detail_lines(
    pathway: &Pathway,
    practicums: &[Practicum],
    today: NaiveDate,
    marks: PassMarks,
    wide: bool,
) -> Vec<Line<'static>> {
    let standing = Standing::of(pathway, today, marks);
    let mut lines = vec![Line::from(vec![
        Span::styled("State       ", theme::LABEL),
        Span::styled(standing.label(), standing.style()),
        Span::styled(
            format!("   {}", next_step(pathway, standing, marks)),
            theme::DIM,
        ),
    ])];
    lines.push(Line::raw(""));
    lines.push(Line::styled("Modules", theme::HEADER));
    lines.extend(
        Module::ALL
            .into_iter()
            .map(|module| module_line(pathway, module, marks, wide)),
    );
    if !practicums.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Practicums, latest first", theme::HEADER));
    }
    for practicum in practicums.iter().rev() {
        lines.extend(practicum_lines(practicum));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Certifications", theme::HEADER));
    if pathway.certifications.is_empty() {
        lines.push(Line::styled("  none yet", theme::DIM));
    }
    for certification in pathway.certifications.iter().rev() {
        let kind = if certification.renews.is_some() {
            "renewal"
        } else {
            "first"
        };
        lines.push(Line::raw(format!(
            "  {}  granted {}  expires {}  ({kind})",
            sanitize(&certification.number),
            certification.granted_on,
            certification.expires_on
        )));
    }
    lines
}

/// One module on one line: passed or not, the latest attempt, the scores before it, and when
/// the screen is `wide`, the evaluator's note (on a narrow one it would push the practicum
/// feedback off the bottom).
fn module_line(pathway: &Pathway, module: Module, marks: PassMarks, wide: bool) -> Line<'static> {
    let attempts: Vec<_> = pathway
        .completions
        .iter()
        .filter(|completion| completion.module == module)
        .collect();
    let mut spans = vec![Span::styled(
        format!("  {:<27}", module.title()),
        theme::LABEL,
    )];
    let Some(latest) = attempts.last() else {
        spans.push(Span::styled(
            format!("  ·  not taken (pass mark {})", marks.of(module)),
            theme::DIM,
        ));
        return Line::from(spans);
    };
    let (tick, style) = if pathway.passed(module, marks) {
        ("✓", theme::PASSED)
    } else {
        ("✗", theme::FAILED)
    };
    spans.push(Span::styled(format!("{tick} {:>3}", latest.score), style));
    spans.push(Span::raw(format!(
        "  {} · {}",
        latest.completed_on,
        sanitize(&latest.evaluator)
    )));
    if attempts.len() > 1 {
        let earlier: Vec<String> = attempts[..attempts.len() - 1]
            .iter()
            .map(|attempt| attempt.score.to_string())
            .collect();
        spans.push(Span::styled(
            format!(" · before: {}", earlier.join(", ")),
            theme::DIM,
        ));
    }
    // A practicum's note is its feedback, shown with the practicum below.
    if wide && !latest.note.is_empty() && module != Module::Practicum {
        spans.push(Span::styled(
            format!(" · {}", one_line(&latest.note)),
            theme::DIM,
        ));
    }
    Line::from(spans)
}

fn practicum_lines(practicum: &Practicum) -> Vec<Line<'static>> {
    let when = match practicum.recorded_on {
        Some(day) => format!("recorded {day}"),
        None => format!("draft since {} (p resumes it)", practicum.started_on),
    };
    let outcome = practicum
        .outcome
        .map_or_else(|| "no outcome yet".to_string(), |o| o.to_string());
    let score = practicum.rubric.module_score().map_or_else(
        || format!("{}/5 scored", practicum.rubric.scored()),
        |s| s.to_string(),
    );
    let mut lines = vec![Line::raw(format!(
        "  {when} · {outcome} · score {score} · time used {} of {} · {}",
        clock_face(practicum.used),
        clock_face(practicum.allowed),
        sanitize(&practicum.evaluator)
    ))];
    let scores: Vec<String> = Dimension::ALL
        .into_iter()
        .map(|dimension| {
            let score = practicum
                .rubric
                .score(dimension)
                .map_or_else(|| "–".to_string(), |s| s.to_string());
            format!("{} {score}", dimension.title())
        })
        .collect();
    lines.push(Line::styled(
        format!("    {}", scores.join(" · ")),
        theme::DIM,
    ));
    if !practicum.feedback.trim().is_empty() {
        lines.push(Line::raw(format!(
            "    “{}”",
            one_line(&practicum.feedback)
        )));
    }
    lines
}

/// What the user can do next, with the key.
fn next_step(pathway: &Pathway, standing: Standing, marks: PassMarks) -> String {
    match standing {
        Standing::NotStarted => "m records a first module result, p runs the practicum".into(),
        Standing::Certifying => format!(
            "{} of 4 modules passed: m records a result, p runs the practicum",
            pathway.modules_passed(marks)
        ),
        Standing::ReadyToCertify => "every module passed: c certifies".into(),
        Standing::Certified | Standing::Expiring | Standing::Lapsed => {
            "r renews after a fresh extended assessment pass (m records it)".into()
        }
        Standing::Inactive => "left the role; kept for the record".into(),
    }
}

fn one_line(text: &str) -> String {
    text.lines()
        .map(|line| sanitize(line).into_owned())
        .collect::<Vec<_>>()
        .join(" / ")
}
