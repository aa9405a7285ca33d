//! Reading the tabs' rows from the store, one tab at a time and only when it is needed.
//!
//! A large portfolio holds tens of thousands of trainers: reading every tab after every write,
//! or before the first frame, took seconds and held every tab's rows at once. Instead a change
//! marks every tab out of date and reads only the tab on screen; another tab is read when it
//! is shown, or when an action elsewhere needs its rows (a trainer form checks the accounts, the
//! `:` line completes trainers' names).

use super::app::App;
use super::tab::Tab;
use crate::domain::{risk, triage};
use crate::store::StoreError;

/// When the risk rules judge the portfolio for an Accounts screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Judging {
    /// As the rows are read, so the Risk column is complete in the frame that shows them.
    WithTheRows,
    /// Once the first frame is drawn ([`App::catch_up`]): on a large portfolio the judging
    /// takes longer than the rest of the first screen together.
    AfterFirstFrame,
}

/// Which tabs hold rows older than the file's.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stale([bool; Tab::ALL.len()]);

impl Stale {
    /// Nothing read yet.
    pub(super) fn all() -> Self {
        Self([true; Tab::ALL.len()])
    }

    pub(super) fn is(self, tab: Tab) -> bool {
        self.0[tab.number() - 1]
    }

    fn set(&mut self, tab: Tab, stale: bool) {
        self.0[tab.number() - 1] = stale;
    }
}

impl App {
    /// Marks every tab out of date after a change, then reads the tab on screen and whatever
    /// is open over it.
    pub(super) fn reload(&mut self) -> Result<(), StoreError> {
        self.stale = Stale::all();
        if let Some(list) = self.session_list.as_deref_mut() {
            list.replace(self.store.sessions_of_trainer(list.trainer)?);
        }
        if let Some(view) = self.releases.as_deref_mut() {
            view.reload(&self.store, self.today)?;
        }
        self.ensure_loaded(self.tab)
    }

    pub(super) fn reload_or_report(&mut self) {
        if let Err(error) = self.reload() {
            self.report(&error);
        }
    }

    /// Reads `tab`'s rows if they are older than the file: before it is shown, and before an
    /// action on another tab reads them.
    pub(super) fn ensure_loaded(&mut self, tab: Tab) -> Result<(), StoreError> {
        if !self.stale.is(tab) {
            return Ok(());
        }
        match tab {
            Tab::Accounts if self.judging == Judging::AfterFirstFrame => {
                self.accounts.reload(&self.store, self.today)?;
            }
            // Both show what the risk rules find, so one evaluation serves the two.
            Tab::Accounts | Tab::AtRisk => self.load_risk_tabs()?,
            Tab::Roster => {
                let engagements = self.store.engagements(self.today)?;
                self.roster
                    .reload(&self.store, &self.questionnaire, self.today, &engagements)?;
            }
            Tab::Certification => {
                self.certification
                    .reload(&self.store, self.today, self.marks)?;
            }
            Tab::Syncs => {
                // The drifting trainers and the invite lists come from the roster's rows.
                self.ensure_loaded(Tab::Roster)?;
                let engagements = self.store.engagements(self.today)?;
                self.syncs
                    .reload(&self.store, self.today, self.roster.rows(), &engagements)?;
            }
            Tab::Program => {
                self.program
                    .reload(&self.store, self.today, self.rollout_rates)?;
            }
        }
        self.stale.set(tab, false);
        self.apply_pending_selection(tab);
        Ok(())
    }

    /// Judges the portfolio for the At risk tab and the Accounts tab's Risk column, reading
    /// the accounts' rows too unless they are already current (shown before the judging, by
    /// [`App::open`]).
    fn load_risk_tabs(&mut self) -> Result<(), StoreError> {
        let portfolio = self.store.portfolio(self.today)?;
        let findings = risk::evaluate(&portfolio, self.today, &self.thresholds);
        let findings = triage::attach(findings, self.store.triage_history()?);
        if self.stale.is(Tab::Accounts) {
            self.accounts.reload(&self.store, self.today)?;
        }
        self.accounts.set_findings(&findings, self.today);
        self.at_risk.reload(&portfolio, findings, self.today);
        self.stale.set(Tab::Accounts, false);
        self.stale.set(Tab::AtRisk, false);
        self.apply_pending_selection(Tab::Accounts);
        Ok(())
    }

    /// Once the first frame is drawn, judges the portfolio that frame showed unjudged; `true`
    /// when it did, so that the screen is drawn again at once.
    pub fn catch_up(&mut self) -> bool {
        let judging = std::mem::replace(&mut self.judging, Judging::WithTheRows);
        if judging == Judging::WithTheRows || !self.stale.is(Tab::AtRisk) {
            return false;
        }
        if let Err(error) = self.ensure_loaded(Tab::AtRisk) {
            self.report(&error);
        }
        true
    }

    /// Shows `tab`, reading its rows first if they are out of date.
    pub(super) fn show_tab(&mut self, tab: Tab) {
        self.tab = tab;
        if let Err(error) = self.ensure_loaded(tab) {
            self.report(&error);
        }
    }

    /// Reads the rows of each of `tabs` that an action is about to look up, reporting a
    /// failure; `false` when one could not be read.
    pub(super) fn ensure_loaded_or_report(&mut self, tabs: &[Tab]) -> bool {
        for tab in tabs {
            if let Err(error) = self.ensure_loaded(*tab) {
                self.report(&error);
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::domain::questionnaire::Questionnaire;
    use crate::store::Store;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    /// The app on the demo portfolio in a file, and a second connection to that file standing
    /// in for another t3.
    fn demo_app(dir: &std::path::Path) -> (App, Store) {
        let path = dir.join("t3.db");
        let mut store = Store::open(&path).unwrap();
        crate::demo::seed(&mut store, today()).unwrap();
        let app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
        (app, Store::open(&path).unwrap())
    }

    fn stale_tabs(app: &App) -> Vec<Tab> {
        Tab::ALL
            .into_iter()
            .filter(|tab| app.stale.is(*tab))
            .collect()
    }

    /// Renames the demo's first account (by name) through `other`; returns its id.
    fn rename_first_account(app: &App, other: &mut Store, name: &str) -> crate::domain::AccountId {
        let mut row = other.account_rows(today()).unwrap().remove(0);
        row.account.fields.name = name.to_string();
        other
            .update_account(row.account.id, &row.account.fields)
            .unwrap();
        assert_ne!(app.accounts.rows()[0].account.fields.name, name);
        row.account.id
    }

    #[test]
    fn every_tab_starts_stale_and_each_clears_alone() {
        let mut stale = Stale::all();
        assert!(Tab::ALL.iter().all(|tab| stale.is(*tab)));
        stale.set(Tab::Syncs, false);
        let still: Vec<Tab> = Tab::ALL.into_iter().filter(|tab| stale.is(*tab)).collect();
        assert_eq!(
            still,
            vec![
                Tab::Accounts,
                Tab::Roster,
                Tab::Certification,
                Tab::AtRisk,
                Tab::Program
            ]
        );
    }

    #[test]
    fn the_first_screen_reads_only_the_tabs_it_shows() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, _) = demo_app(dir.path());
        assert_eq!(
            stale_tabs(&app),
            vec![Tab::Roster, Tab::Certification, Tab::Syncs, Tab::Program]
        );
        assert!(!app.accounts.rows().is_empty());
        app.show_tab(Tab::Syncs);
        // The Syncs tab names drifting trainers from the roster's rows, so both are read.
        assert_eq!(stale_tabs(&app), vec![Tab::Certification, Tab::Program]);
        assert!(!app.roster.rows().is_empty());
    }

    #[test]
    fn a_change_rereads_the_tab_shown_and_the_others_when_next_shown() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, mut other) = demo_app(dir.path());
        app.show_tab(Tab::Roster);
        let id = rename_first_account(&app, &mut other, "Aardvark Renamed");
        app.tick();
        assert_eq!(
            stale_tabs(&app),
            Tab::ALL
                .into_iter()
                .filter(|tab| *tab != Tab::Roster)
                .collect::<Vec<_>>()
        );
        app.show_tab(Tab::Accounts);
        let renamed = app.accounts.rows().iter().find(|row| row.account.id == id);
        assert_eq!(
            renamed.map(|row| row.account.fields.name.as_str()),
            Some("Aardvark Renamed")
        );
    }

    #[test]
    fn a_command_on_another_tab_reads_the_rows_it_looks_up_first() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, mut other) = demo_app(dir.path());
        app.show_tab(Tab::Roster);
        let id = rename_first_account(&app, &mut other, "Aardvark Renamed");
        app.tick();
        app.handle_key(KeyEvent::new(KeyCode::Char(':'), KeyModifiers::NONE));
        app.handle_event(&Event::Paste("goto account Aardvark Renamed".to_string()));
        app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(app.tab, Tab::Accounts);
        assert_eq!(
            app.accounts.selected().map(|row| row.account.id),
            Some(id),
            "{:?}",
            app.message()
        );
    }

    /// The screen `app` draws at 160×20, as text.
    fn screen(app: &mut App) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 20)).unwrap();
        terminal.draw(|frame| app.render(frame)).unwrap();
        let buffer = terminal.backend().buffer();
        buffer
            .content
            .chunks(160)
            .map(|line| {
                line.iter()
                    .map(ratatui::buffer::Cell::symbol)
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_terminal_app_shows_the_accounts_then_judges_them_once() {
        let dir = tempfile::tempdir().unwrap();
        let (mut judged, other) = demo_app(dir.path());
        let mut app = App::open(other, today(), Questionnaire::embedded().unwrap()).unwrap();
        assert!(stale_tabs(&app).contains(&Tab::AtRisk));
        let first = screen(&mut app);
        assert!(first.contains('…'), "{first}");
        assert!(
            !first.contains("HIGH") && !first.contains("CRIT"),
            "{first}"
        );

        assert!(app.catch_up());
        assert!(!stale_tabs(&app).contains(&Tab::AtRisk));
        let caught_up = screen(&mut app);
        assert_eq!(caught_up, screen(&mut judged));
        assert!(!caught_up.contains('…'), "{caught_up}");
        assert!(
            caught_up.contains("HIGH") || caught_up.contains("CRIT"),
            "{caught_up}"
        );
        assert!(!app.catch_up(), "judged once");

        // After the first frame a change is judged with the rows, as `App::new` does.
        app.reload().unwrap();
        assert!(!stale_tabs(&app).contains(&Tab::AtRisk));
        assert!(!app.catch_up());
    }
}
