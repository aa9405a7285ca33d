//! The state remembered between runs, as the app saves and restores it: the tab showing and
//! each tab's sort, filter and selected row, for the database open. The file itself is
//! `remembered`'s.

use super::app::App;
use super::list::ListView;
use super::remembered::{self, DatabaseState, TabState};
use super::saved_views::{tab_key, tab_of};
use super::tab::Tab;
use crate::domain::risk::FindingKey;
use crate::domain::sync::SyncId;
use crate::domain::{AccountId, TrainerId};

impl App {
    /// Writes down, for this database, the tab showing and each tab's sort, filter and
    /// selected row. Failing to is logged: it must never stop a quit.
    pub fn save_state(&self) {
        let Some(path) = self.view_files.state.clone() else {
            return;
        };
        let Some(database) = self.database_key() else {
            return;
        };
        let mut state = DatabaseState {
            tab: Some(tab_key(self.tab).to_string()),
            ..DatabaseState::default()
        };
        for tab in Tab::ALL {
            let remembered = TabState {
                sort: self.sort_name_of(tab).map(str::to_string),
                filter: self.list_of(tab).filter_text(),
                // A tab never shown this run still has the row it was left on last time.
                selected: match self.pending_selection.get(&tab) {
                    Some(pending) => pending.clone(),
                    None => self.selected_key(tab),
                },
            };
            state.tabs.insert(tab_key(tab).to_string(), remembered);
        }
        match remembered::save(&path, &database, state) {
            Ok(path) => tracing::debug!(path = %path.display(), "view state remembered"),
            Err(error) => tracing::warn!(%error, "cannot remember the view state"),
        }
    }

    /// Puts back what [`App::save_state`] wrote for this database: call it once the data is
    /// loaded. A row that is gone leaves the cursor at the top.
    pub fn restore_state(&mut self) {
        let (Some(path), Some(database)) = (self.view_files.state.clone(), self.database_key())
        else {
            return;
        };
        let Some(state) = remembered::load(&path, &database) else {
            tracing::info!("no view state remembered for this database");
            return;
        };
        let tabs: Vec<(Tab, TabState)> = state
            .tabs
            .into_iter()
            .filter_map(|(key, remembered)| Some((tab_of(&key)?, remembered)))
            .collect();
        for (tab, remembered) in &tabs {
            if let Some(sort) = &remembered.sort
                && let Err(error) = self.sort_tab(*tab, sort)
            {
                tracing::warn!(%error, "a remembered sort is ignored");
            }
            self.list_of_mut(*tab).set_filter_text(&remembered.filter);
        }
        for (tab, remembered) in &tabs {
            // A tab is read when first shown: its row is put back then.
            self.pending_selection
                .insert(*tab, remembered.selected.clone());
        }
        let shown = state.tab.as_deref().and_then(tab_of).unwrap_or(self.tab);
        self.show_tab(shown);
        for (tab, _) in &tabs {
            if !self.stale.is(*tab) {
                self.apply_pending_selection(*tab);
            }
            // The filter's text may hold names, which the log never does.
            if self.list_of(*tab).filter_error().is_some() {
                tracing::warn!(tab = tab_key(*tab), "a remembered filter cannot be read");
            }
        }
        self.load_detail();
        tracing::info!(tab = tab_key(self.tab), "view state restored");
    }

    /// The database's canonical path; `None` for one in memory, which has no tomorrow.
    fn database_key(&self) -> Option<String> {
        let path = self.store.path();
        (path.as_os_str() != ":memory:").then(|| remembered::database_key(path))
    }

    fn list_of(&self, tab: Tab) -> &ListView {
        match tab {
            Tab::Accounts => &self.accounts.list,
            Tab::Roster => &self.roster.list,
            Tab::Certification => &self.certification.list,
            Tab::Syncs => &self.syncs.list,
            Tab::AtRisk => &self.at_risk.list,
            Tab::Program => &self.program.list,
        }
    }

    fn list_of_mut(&mut self, tab: Tab) -> &mut ListView {
        match tab {
            Tab::Accounts => &mut self.accounts.list,
            Tab::Roster => &mut self.roster.list,
            Tab::Certification => &mut self.certification.list,
            Tab::Syncs => &mut self.syncs.list,
            Tab::AtRisk => &mut self.at_risk.list,
            Tab::Program => &mut self.program.list,
        }
    }

    /// The selected row's id, as the remembered state writes it.
    fn selected_key(&self, tab: Tab) -> Option<String> {
        match tab {
            Tab::Accounts => self
                .accounts
                .selected()
                .map(|row| row.account.id.0.to_string()),
            Tab::Roster => self
                .roster
                .selected()
                .map(|row| row.trainer.id.0.to_string()),
            Tab::Certification => self
                .certification
                .selected()
                .map(|pathway| pathway.row.trainer.id.0.to_string()),
            Tab::Syncs => self.syncs.selected().map(|row| row.sync.id.0.to_string()),
            Tab::AtRisk => self
                .at_risk
                .selected()
                .map(|triaged| triaged.finding.key.to_string()),
            Tab::Program => self.program.selected().map(|row| row.account.0.to_string()),
        }
    }

    /// Puts the cursor back on the row remembered for `tab`, once its rows are read.
    pub(super) fn apply_pending_selection(&mut self, tab: Tab) {
        if let Some(key) = self.pending_selection.remove(&tab) {
            self.select_key(tab, key.as_deref());
        }
    }

    /// Rebuilds the tab's list with the cursor on the row `key` names, or at the top.
    fn select_key(&mut self, tab: Tab, key: Option<&str>) {
        let id = key.and_then(|key| key.parse::<i64>().ok());
        match tab {
            Tab::Accounts => self.accounts.rebuild(Some(AccountId(id.unwrap_or(-1)))),
            Tab::Roster => self.roster.rebuild(Some(TrainerId(id.unwrap_or(-1)))),
            Tab::Certification => self
                .certification
                .rebuild(Some(TrainerId(id.unwrap_or(-1)))),
            Tab::Syncs => self.syncs.rebuild(Some(SyncId(id.unwrap_or(-1)))),
            Tab::AtRisk => {
                let key = key.and_then(|key| key.parse::<FindingKey>().ok());
                self.at_risk.rebuild(key);
            }
            Tab::Program => self.program.rebuild(Some(AccountId(id.unwrap_or(-1)))),
        }
    }
}
