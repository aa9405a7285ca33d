//! The Program tab: the program metrics over a chosen period, for the whole portfolio or for
//! the account picked from the coverage list, with charts where a picture reads faster.
//!
//! The metrics are computed when the data, the period or the scope change, never while
//! drawing; the data itself is read from the store only when the tab is shown after a change.
//! This module keeps that state and draws the coverage list; `figures` fits the figures pane to
//! its room, `wording` says each figure, and `metric_charts` draws the pictures.

mod figures;
mod wording;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::filter_fields::{PROGRAM_FIELDS, coverage_value};
use super::list::ListView;
use super::metric_charts;
use super::safe_text::sanitize;
use super::{table, theme};
use crate::domain::AccountId;
use crate::domain::metrics::{
    self, AccountCoverage, AccountFigures, Metrics, Period, ProgramData, Rollout, RolloutRates,
    Scope,
};
use crate::store::{Store, StoreError};

/// The coverage list takes this share of the width, within these bounds.
const LIST_MIN_WIDTH: u16 = 28;
const LIST_MAX_WIDTH: u16 = 48;

pub struct ProgramTab {
    data: ProgramData,
    today: NaiveDate,
    rates: RolloutRates,
    period: Period,
    /// The account Enter scoped the metrics to; `None` for the whole portfolio.
    scope: Option<AccountId>,
    /// Over the whole portfolio: the coverage list, and every figure when nothing is scoped.
    portfolio: Metrics,
    /// Over the scoped account; its T3 comparisons are still the portfolio's.
    scoped: Option<Metrics>,
    rollout: Option<Rollout>,
    pub list: ListView,
}

impl ProgramTab {
    pub fn new(today: NaiveDate) -> Self {
        let period = Period::default();
        Self {
            portfolio: metrics::compute(&ProgramData::default(), today, period, Scope::Portfolio),
            data: ProgramData::default(),
            today,
            rates: RolloutRates::default(),
            period,
            scope: None,
            scoped: None,
            rollout: None,
            list: ListView::default(),
        }
    }

    /// Reads the program data and computes the metrics again, keeping the period, the scope
    /// and the cursor.
    pub fn reload(
        &mut self,
        store: &Store,
        today: NaiveDate,
        rates: RolloutRates,
    ) -> Result<(), StoreError> {
        self.data = store.program_data(today)?;
        self.today = today;
        self.list.set_fields(PROGRAM_FIELDS, today);
        self.rates = rates;
        self.recompute();
        Ok(())
    }

    fn recompute(&mut self) {
        let keep = self.selected().map(|row| row.account);
        self.portfolio = metrics::compute(&self.data, self.today, self.period, Scope::Portfolio);
        self.scoped = self.scope.and_then(|id| {
            let scoped = metrics::compute(&self.data, self.today, self.period, Scope::Account(id));
            scoped.account.is_some().then_some(scoped)
        });
        if self.scoped.is_none() {
            self.scope = None;
        }
        self.rollout = self
            .scoped
            .as_ref()
            .and_then(|scoped| scoped.account.as_ref())
            .map(|own| metrics::rollout(own.seats, own.certified_trainers, self.rates));
        tracing::debug!(period = self.period.id(), scope = ?self.scope, "program metrics computed");
        self.rebuild(keep);
    }

    /// Applies the filter to the coverage list, keeping the cursor on `keep`.
    pub fn rebuild(&mut self, keep: Option<AccountId>) {
        let rows = &self.portfolio.coverage_by_account;
        let keep = keep.and_then(|id| rows.iter().position(|row| row.account == id));
        self.list.rebuild_with(
            (0..rows.len()).collect(),
            |index| vec![rows[index].name.as_str()],
            |index, field| coverage_value(&rows[index], field),
            keep,
        );
    }

    pub fn selected(&self) -> Option<&AccountCoverage> {
        self.list
            .selected_row()
            .and_then(|index| self.portfolio.coverage_by_account.get(index))
    }

    /// `p`: the next period; says which, with its days.
    pub fn cycle_period(&mut self) -> String {
        self.period = self.period.next();
        self.recompute();
        let span = self.shown().span;
        format!(
            "Program metrics over {}: {} to {}",
            self.period.label(),
            span.from,
            span.to
        )
    }

    /// `Enter`: the metrics for the selected account, beside the portfolio's T3 comparisons.
    pub fn scope_to_selected(&mut self) -> Option<String> {
        let row = self.selected()?;
        let (id, name) = (row.account, sanitize(&row.name).into_owned());
        self.scope = Some(id);
        self.recompute();
        self.scoped
            .is_some()
            .then(|| format!("Program metrics for {name} (Esc: the whole portfolio)"))
    }

    /// `Esc`: back to the whole portfolio; `false` when it was already there.
    pub fn back_to_portfolio(&mut self) -> bool {
        if self.scope.is_none() {
            return false;
        }
        self.scope = None;
        self.recompute();
        true
    }

    /// The metrics the figures pane shows: the scoped account's, else the portfolio's.
    fn shown(&self) -> &Metrics {
        self.scoped.as_ref().unwrap_or(&self.portfolio)
    }

    fn own(&self) -> Option<&AccountFigures> {
        self.scoped
            .as_ref()
            .and_then(|scoped| scoped.account.as_ref())
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let [title, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        frame.render_widget(self.title_line(), title);
        let body = table::render_filter_line(frame, body, &self.list);
        let list_width = (body.width * 3 / 8).clamp(LIST_MIN_WIDTH, LIST_MAX_WIDTH);
        let [list, figures] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(body);
        self.render_coverage(frame, list);
        self.render_figures(frame, figures);
    }

    /// The period, its days and the scope.
    fn title_line(&self) -> Line<'static> {
        let span = self.shown().span;
        let scope = self.own().map_or_else(
            || "whole portfolio".to_string(),
            |own| sanitize(&own.name).into_owned(),
        );
        Line::from(vec![
            Span::styled(" Program · ", theme::TITLE),
            Span::styled(self.period.label(), theme::KEY),
            Span::styled(format!(" ({} to {})", span.from, span.to), theme::DIM),
            Span::styled(" · ", theme::TITLE),
            Span::styled(scope, theme::TITLE),
        ])
    }

    /// Users trained as a share of seats, a gauge an account, lowest first.
    fn render_coverage(&mut self, frame: &mut Frame<'_>, area: Rect) {
        let block = Block::bordered()
            .border_style(theme::BORDER)
            .title(Line::styled(" Coverage, lowest first ", theme::TITLE));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.is_empty() {
            return;
        }
        if self.list.is_empty() {
            let text = if self.portfolio.coverage_by_account.is_empty() {
                "No accounts."
            } else {
                "Nothing to show: no account matches."
            };
            frame.render_widget(Line::styled(text, theme::DIM), inner);
            return;
        }
        let (visible, cursor) = self.list.window_in(inner, 1);
        for (line, index) in visible.into_iter().enumerate() {
            let row = &self.portfolio.coverage_by_account[index];
            let selected = cursor == Some(line);
            let marker = if selected {
                "▶"
            } else if self.scope == Some(row.account) {
                "●"
            } else {
                ""
            };
            let area = Rect {
                y: inner.y + line as u16,
                height: 1,
                ..inner
            };
            metric_charts::render_coverage_row(frame, area, row, marker, selected);
        }
    }
}
