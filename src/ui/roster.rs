//! The Roster tab: every trainer, their account, where they stand, and how their selection
//! went.

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

use super::filter_fields::{ROSTER_FIELDS, TrainerFacts, trainer_value};
use super::list::ListView;
use super::marks::{self, RowKey};
use super::safe_text::sanitize;
use super::wizard::{recommendation_line, score_line};
use super::{format, table, theme};
use crate::domain::assessment::{Assessment, ReviewState, Summary, summarise};
use crate::domain::certification::CertificationState;
use crate::domain::program::{self, LoggedSession, RECENT_SESSION_DAYS};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::sync::Engagement;
use crate::domain::{TrainerId, TrainerRow, TrainerStatus};
use crate::store::{Store, StoreError};

/// From this width the roster also shows title and email.
const WIDE_TABLE: u16 = 110;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Name,
    Account,
    Status,
    Score,
}

impl Sort {
    const ALL: [Sort; 4] = [Sort::Name, Sort::Account, Sort::Status, Sort::Score];

    /// The word `:sort` takes and the saved state keeps.
    fn name(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Account => "account",
            Sort::Status => "status",
            Sort::Score => "score",
        }
    }

    fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::Account,
            Sort::Account => Sort::Status,
            Sort::Status => Sort::Score,
            Sort::Score => Sort::Name,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Account => "account",
            Sort::Status => "status",
            Sort::Score => "selection score (best first)",
        }
    }
}

/// A trainer's latest assessment with what it adds up to, worked out when the roster loads.
pub struct Selection {
    pub assessment: Assessment,
    pub summary: Summary,
}

pub struct RosterTab {
    rows: Vec<TrainerRow>,
    /// The rows were read at least once.
    read: bool,
    /// Boxed: a map's table has room for up to twice its entries, and tens of thousands of
    /// assessments held in place left megabytes of it empty.
    selections: HashMap<TrainerId, Box<Selection>>,
    pub list: ListView,
    sort: Sort,
    /// Only trainers whose assessment waits for the vendor's review.
    review_queue: bool,
    pub detail_open: bool,
    /// The trainer the cursor was last on, kept while a filter hides them so the cursor
    /// returns to them when the filter changes.
    remembered: Option<TrainerId>,
    /// The questionnaire's criteria as (key, name), in order, for the detail.
    criteria: Vec<(String, String)>,
    /// The day statuses are shown for: a certification past its expiry shows as lapsed.
    today: NaiveDate,
    /// Each invited trainer's last sync attended and quarters missed.
    engagements: HashMap<TrainerId, Engagement>,
    /// Sessions each trainer delivered in the last 90 days; trainers with none are absent.
    recent_sessions: HashMap<TrainerId, u32>,
    /// The sessions of the trainer whose detail is open, latest first, read when it opens so
    /// that drawing never queries.
    detail_sessions: Option<(TrainerId, Vec<LoggedSession>)>,
}

impl RosterTab {
    pub fn new() -> Self {
        Self {
            rows: Vec::new(),
            selections: HashMap::new(),
            list: ListView::default(),
            sort: Sort::Name,
            review_queue: false,
            detail_open: false,
            remembered: None,
            criteria: Vec::new(),
            today: NaiveDate::MIN,
            engagements: HashMap::new(),
            recent_sessions: HashMap::new(),
            detail_sessions: None,
            read: false,
        }
    }

    pub fn reload(
        &mut self,
        store: &Store,
        questionnaire: &Questionnaire,
        today: NaiveDate,
        engagements: &HashMap<TrainerId, Engagement>,
    ) -> Result<(), StoreError> {
        self.today = today;
        self.list.set_fields(ROSTER_FIELDS, today);
        self.engagements.clone_from(engagements);
        self.recent_sessions = store.session_counts_since(program::recent_since(today))?;
        let keep = self.selected().map(|row| row.trainer.id);
        self.rows = store.trainer_rows()?;
        self.read = true;
        self.selections = store
            .latest_assessments()?
            .into_iter()
            .map(|(trainer, assessment)| {
                let summary = summarise(questionnaire, &assessment.answers);
                (
                    trainer,
                    Box::new(Selection {
                        assessment,
                        summary,
                    }),
                )
            })
            .collect();
        self.criteria = questionnaire
            .criteria
            .iter()
            .map(|criterion| (criterion.key.clone(), criterion.name.clone()))
            .collect();
        self.rebuild(keep);
        self.detail_sessions = None;
        self.load_detail(store)
    }

    /// Reads the sessions of the trainer under the cursor while the detail is open, unless
    /// they are read already.
    pub fn load_detail(&mut self, store: &Store) -> Result<(), StoreError> {
        let trainer = match (self.detail_open, self.selected()) {
            (true, Some(row)) => row.trainer.id,
            _ => return Ok(()),
        };
        if self
            .detail_sessions
            .as_ref()
            .is_some_and(|(loaded, _)| *loaded == trainer)
        {
            return Ok(());
        }
        self.detail_sessions = Some((trainer, store.sessions_of_trainer(trainer)?));
        Ok(())
    }

    pub fn rebuild(&mut self, keep: Option<TrainerId>) {
        let rows = &self.rows;
        let selections = &self.selections;
        let today = self.today;
        let state = |i: usize| {
            selections
                .get(&rows[i].trainer.id)
                .map(Box::as_ref)
                .map(|s| s.assessment.state)
        };
        let mut order: Vec<usize> = (0..rows.len())
            .filter(|&i| !self.review_queue || state(i) == Some(ReviewState::Pending))
            .collect();
        match self.sort {
            Sort::Name => {}
            Sort::Account => {
                order.sort_by(|&a, &b| rows[a].account_name.cmp(&rows[b].account_name));
            }
            Sort::Status => order.sort_by_key(|&i| rows[i].status_on(today)),
            Sort::Score => order.sort_by(|&a, &b| {
                let score = |i: usize| {
                    selections
                        .get(&rows[i].trainer.id)
                        .map(Box::as_ref)
                        .and_then(|s| s.summary.overall)
                        .unwrap_or(-1.0)
                };
                score(b).total_cmp(&score(a))
            }),
        }
        let keep = keep
            .or(self.remembered)
            .and_then(|id| rows.iter().position(|row| row.trainer.id == id));
        let (engagements, recent) = (&self.engagements, &self.recent_sessions);
        let facts = |i: usize| {
            let id = rows[i].trainer.id;
            let selection = selections.get(&id).map(Box::as_ref);
            TrainerFacts {
                review: selection.map(|s| s.assessment.state.as_str()),
                score: selection.and_then(|s| s.summary.overall),
                sessions: recent.get(&id).copied(),
                engagement: engagements.get(&id),
            }
        };
        self.list.rebuild_with(
            order,
            |i| {
                haystack(
                    &rows[i],
                    selections.get(&rows[i].trainer.id).map(Box::as_ref),
                    today,
                )
            },
            |i, field| trainer_value(&rows[i], &facts(i), today, field),
            keep,
        );
        let keys = rows
            .iter()
            .map(|row| RowKey::Trainer(row.trainer.id))
            .collect();
        self.list.set_keys(keys);
        if let Some(row) = self.selected() {
            self.remembered = Some(row.trainer.id);
        }
    }

    pub fn selected(&self) -> Option<&TrainerRow> {
        self.list
            .selected_row()
            .and_then(|index| self.rows.get(index))
    }

    /// The selected trainer's latest assessment, if they have one.
    pub fn selected_selection(&self) -> Option<&Selection> {
        self.selected()
            .and_then(|row| self.selections.get(&row.trainer.id).map(Box::as_ref))
    }

    pub fn selection_of(&self, trainer: TrainerId) -> Option<&Selection> {
        self.selections.get(&trainer).map(Box::as_ref)
    }

    /// The rows as last read; an action on another tab reads the tab first
    /// (`App::ensure_loaded`), which tests check here.
    pub fn rows(&self) -> &[TrainerRow] {
        debug_assert!(
            self.read,
            "the roster tab's rows are looked up before they are read"
        );
        &self.rows
    }

    pub fn select(&mut self, id: TrainerId) {
        self.remembered = Some(id);
        self.rebuild(Some(id));
    }

    pub fn cycle_sort(&mut self) -> String {
        self.sort = self.sort.next();
        self.rebuild(self.selected().map(|row| row.trainer.id));
        format!("Roster sorted by {}", self.sort.label())
    }

    pub fn sort_name(&self) -> &'static str {
        self.sort.name()
    }

    /// Sorts by the column named `name` and says so; an unknown name lists the known ones.
    pub fn set_sort(&mut self, name: &str) -> Result<String, String> {
        self.sort = super::sorting::by_name(&Sort::ALL, Sort::name, name, "Roster")?;
        self.rebuild(self.selected().map(|row| row.trainer.id));
        Ok(format!("Roster sorted by {}", self.sort.label()))
    }

    pub fn toggle_review_queue(&mut self) -> String {
        self.review_queue = !self.review_queue;
        self.rebuild(self.selected().map(|row| row.trainer.id));
        if self.review_queue {
            "Review queue: assessments waiting for the vendor (v shows everyone)".to_string()
        } else {
            "Showing every trainer".to_string()
        }
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect, today: NaiveDate) {
        let area = table::render_filter_line(frame, area, &self.list);
        if self.detail_open {
            self.render_detail(frame, area, today);
            return;
        }
        let queue = if self.review_queue {
            " · review queue"
        } else {
            ""
        };
        let title = format!(
            " Roster {} of {}{queue} · by {} ",
            self.list.len(),
            self.rows.len(),
            self.sort.label()
        );
        let wide = area.width >= WIDE_TABLE;
        let mut header = vec![
            "Trainer",
            "Account",
            "Status",
            "Score",
            "Review",
            "Last sync",
            "90d",
        ];
        let mut widths = vec![
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Length(10),
            Constraint::Length(5),
            Constraint::Length(8),
            Constraint::Length(12),
            Constraint::Length(3),
        ];
        // The expiry has its own tab; a narrow roster keeps the names readable instead.
        if wide {
            header.extend(["Cert until", "Title", "Email"]);
            widths.extend([
                Constraint::Length(10),
                Constraint::Fill(2),
                Constraint::Fill(3),
            ]);
        }
        let (visible, cursor) = self.list.window_in(table::body(area), 1);
        let rows: Vec<Row<'_>> = visible
            .iter()
            .map(|&index| {
                let row = &self.rows[index];
                let mut cells = trainer_cells(
                    row,
                    self.selections.get(&row.trainer.id).map(Box::as_ref),
                    wide,
                    today,
                );
                cells.insert(5, last_sync_cell(self.engagements.get(&row.trainer.id)));
                let recent = self.recent_sessions.get(&row.trainer.id).copied();
                cells.insert(6, recent_sessions_cell(row, recent, today));
                Row::new(cells)
            })
            .collect();
        table::render(frame, area, &title, &header, &widths, rows, cursor);
        marks::render(frame, area, &self.list, &visible, 1);
    }

    fn render_detail(&self, frame: &mut Frame<'_>, area: Rect, today: NaiveDate) {
        let Some(row) = self.selected() else {
            frame.render_widget(
                Paragraph::new("No trainer selected.").block(Block::bordered()),
                area,
            );
            return;
        };
        let trainer = &row.trainer;
        let status = row.status_on(today);
        let field = |label: &'static str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label:<12}"), theme::LABEL),
                Span::raw(value),
            ])
        };
        let moves: Vec<&str> = trainer
            .status
            .allowed_moves()
            .iter()
            .map(|status| status.as_str())
            .collect();
        let mut lines = vec![
            field("Account", sanitize(&row.account_name).into_owned()),
            Line::from(vec![
                Span::styled(format!("{:<12}", "Status"), theme::LABEL),
                Span::styled(status.as_str(), theme::trainer_status(status)),
                Span::styled(
                    format!("   can move to {} (c)", moves.join(", ")),
                    theme::DIM,
                ),
            ]),
            Line::from(vec![
                Span::styled(format!("{:<12}", "Cert until"), theme::LABEL),
                certification_span(row, today),
            ]),
            field("Email", sanitize(&trainer.fields.email).into_owned()),
            field("Title", sanitize(&trainer.fields.title).into_owned()),
            field(
                "Department",
                sanitize(&trainer.fields.department).into_owned(),
            ),
            Line::raw(""),
        ];
        let assessment = match self.selections.get(&trainer.id).map(Box::as_ref) {
            Some(selection) => self.assessment_lines(selection),
            None => vec![Line::styled(
                "Not assessed yet: Q starts the selection questionnaire.",
                theme::DIM,
            )],
        };
        let sessions = self
            .detail_sessions
            .as_ref()
            .filter(|(loaded, _)| *loaded == trainer.id)
            .map_or(&[][..], |(_, sessions)| sessions.as_slice());
        if status.delivers_sessions() || !sessions.is_empty() {
            // The sessions come before the assessment, which matters less once a trainer
            // delivers; they get the room left when the assessment's scores still show.
            let inner = area.height.saturating_sub(2);
            let reserved = lines.len() + 1 + assessment.len().min(ASSESSMENT_KEPT);
            let room = usize::from(inner).saturating_sub(reserved).max(1);
            let width = usize::from(area.width.saturating_sub(2));
            lines.extend(session_lines(sessions, today, room, width));
            lines.push(Line::raw(""));
        }
        lines.extend(assessment);
        table::render_detail(frame, area, &sanitize(&trainer.fields.name), lines);
    }

    /// The latest assessment in full: scores, recommendation, warnings, notes and the review.
    fn assessment_lines(&self, selection: &Selection) -> Vec<Line<'static>> {
        let assessment = &selection.assessment;
        let mut lines = vec![Line::styled(
            format!(
                "Selection assessment · started {} · {}",
                assessment.started_on,
                review_label(assessment)
            ),
            theme::HEADER,
        )];
        for ((_, name), score) in self
            .criteria
            .iter()
            .zip(&selection.summary.criterion_scores)
        {
            lines.push(score_line(name, *score));
        }
        lines.push(recommendation_line(&selection.summary));
        lines.extend(
            selection
                .summary
                .warnings
                .iter()
                .map(|warning| Line::styled(format!("⚠ {}", warning.message), theme::ERROR)),
        );
        let notes = self
            .criteria
            .iter()
            .filter_map(|(key, _)| assessment.answers.notes.get(key).map(|note| (key, note)));
        for (criterion, note) in notes {
            if !note.trim().is_empty() {
                let text = note
                    .lines()
                    .map(|line| sanitize(line).into_owned())
                    .collect::<Vec<_>>()
                    .join(" / ");
                lines.push(Line::from(vec![
                    Span::styled(format!("{criterion}: "), theme::LABEL),
                    Span::raw(text),
                ]));
            }
        }
        if let Some(review) = &assessment.review {
            lines.push(Line::styled(
                format!(
                    "Reviewed by {} on {}: {}",
                    sanitize(&review.reviewer),
                    review.reviewed_on,
                    sanitize(&review.note)
                ),
                theme::DIM,
            ));
        }
        lines
    }
}

/// The lines of a delivering trainer's assessment kept in view below their sessions: the
/// heading, the four criterion scores and the recommendation.
const ASSESSMENT_KEPT: usize = 6;

/// The trainer's sessions in the detail: a heading with the counts, then the latest ones, as
/// many as `room` lines hold (the heading included), each cut to `width`.
fn session_lines(
    sessions: &[LoggedSession],
    today: NaiveDate,
    room: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let since = program::recent_since(today);
    let recent = sessions
        .iter()
        .filter(|logged| logged.session.held_on >= since)
        .count();
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(
                "Sessions · {recent} in the last {RECENT_SESSION_DAYS} days · {} in all",
                sessions.len()
            ),
            theme::HEADER,
        ),
        Span::styled("   l logs one, L lists all", theme::DIM),
    ])];
    if sessions.is_empty() {
        lines.push(Line::styled("  none logged yet", theme::DIM));
        return lines;
    }
    let rows = room.saturating_sub(1).max(1);
    // When not all fit, the last line says how many more there are instead.
    let shown = if sessions.len() > rows {
        rows.saturating_sub(1).max(1)
    } else {
        sessions.len()
    };
    // Date, topic, attendees, minutes: the topic takes what the figures leave.
    let topic_width = width.saturating_sub(2 + 10 + 2 + 2 + 5 + 10 + 2 + 4 + 4);
    for logged in &sessions[..shown] {
        let session = &logged.session;
        lines.push(Line::from(vec![
            Span::raw(format!("  {}  ", session.held_on)),
            Span::raw(format::pad(&sanitize(&session.topic), topic_width)),
            Span::styled(
                format!(
                    "  {:>5} attendees  {:>4} min",
                    session.attendees, session.duration_minutes
                ),
                theme::LABEL,
            ),
        ]));
    }
    if shown < sessions.len() {
        lines.push(Line::styled(
            format!("  … {} older: L lists them all", sessions.len() - shown),
            theme::DIM,
        ));
    }
    lines
}

/// Sessions in the last 90 days. Blank for a trainer who neither delivers nor delivered; a
/// zero stands out for a certified trainer, who is expected to be delivering.
fn recent_sessions_cell(row: &TrainerRow, count: Option<u32>, today: NaiveDate) -> Cell<'static> {
    let status = row.status_on(today);
    let line = match count {
        Some(count) => Line::from(count.to_string()),
        None if status == TrainerStatus::Certified => Line::styled("0", theme::EXPIRING),
        None if status.delivers_sessions() => Line::styled("0", theme::DIM),
        None => Line::from(""),
    };
    Cell::from(line.right_aligned())
}

fn review_label(assessment: &Assessment) -> String {
    match (assessment.state, assessment.submitted_on) {
        (ReviewState::Draft, _) => "draft (Q resumes it)".to_string(),
        (ReviewState::Pending, Some(on)) => {
            format!("submitted {on}, waiting for review (A approves, D declines)")
        }
        (state, _) => state.to_string(),
    }
}

/// The certification's expiry, coloured by urgency: the date, or how soon when within 30 days.
fn certification_span(row: &TrainerRow, today: NaiveDate) -> Span<'static> {
    let Some(expiry) = row.latest_expiry else {
        return Span::styled("not yet", theme::DIM);
    };
    let state = CertificationState::on(today, Some(expiry));
    let text = match state {
        CertificationState::Expiring { days_left: 0 } => "today".to_string(),
        CertificationState::Expiring { days_left: 1 } => "tomorrow".to_string(),
        CertificationState::Expiring { days_left } => format!("in {days_left} days"),
        _ => expiry.to_string(),
    };
    Span::styled(text, theme::certification_state(state))
}

fn haystack<'a>(
    row: &'a TrainerRow,
    selection: Option<&Selection>,
    today: NaiveDate,
) -> Vec<&'a str> {
    let fields = &row.trainer.fields;
    let mut found = vec![
        fields.name.as_str(),
        row.account_name.as_str(),
        row.status_on(today).as_str(),
        fields.email.as_str(),
        fields.title.as_str(),
        fields.department.as_str(),
    ];
    if let Some(selection) = selection {
        found.push(selection.assessment.state.as_str());
    }
    found
}

/// The last sync attended; a warning sign when the last two quarters were missed.
fn last_sync_cell(engagement: Option<&Engagement>) -> Cell<'static> {
    let Some(engagement) = engagement else {
        return Cell::from("");
    };
    let last = engagement
        .last_attended
        .map_or_else(|| "never".to_string(), |day| day.to_string());
    if engagement.is_drifting() {
        Cell::from(Line::styled(format!("⚠ {last}"), theme::EXPIRING))
    } else {
        Cell::from(last)
    }
}

fn trainer_cells(
    row: &TrainerRow,
    selection: Option<&Selection>,
    wide: bool,
    today: NaiveDate,
) -> Vec<Cell<'static>> {
    let trainer = &row.trainer;
    let status = row.status_on(today);
    let score = selection.map_or_else(String::new, |selection| match selection.summary.overall {
        Some(overall) => format!("{overall:.1}"),
        None => format!("{}/{}", selection.summary.answered, selection.summary.total),
    });
    let review = selection.map_or("", |selection| selection.assessment.state.as_str());
    let review_style = match selection.map(|s| s.assessment.state) {
        Some(ReviewState::Pending) => theme::KEY,
        Some(ReviewState::Declined) => theme::DIM,
        _ => ratatui::style::Style::new(),
    };
    let mut cells = vec![
        Cell::from(sanitize(&trainer.fields.name).into_owned()),
        Cell::from(sanitize(&row.account_name).into_owned()),
        Cell::from(Line::styled(status.as_str(), theme::trainer_status(status))),
        Cell::from(Line::from(score).right_aligned()),
        Cell::from(Line::styled(review, review_style)),
    ];
    if wide {
        cells.push(Cell::from(Line::from(if row.latest_expiry.is_some() {
            certification_span(row, today)
        } else {
            Span::raw("")
        })));
        cells.push(Cell::from(sanitize(&trainer.fields.title).into_owned()));
        cells.push(Cell::from(sanitize(&trainer.fields.email).into_owned()));
    }
    cells
}
