//! Saved views, named sorts and filters set whole, as the app carries them out. The command line
//! calls the public methods here; keys reach them through `App::apply`. What is remembered
//! between runs is in `remembering`.
//!
//! Nothing here touches the database: views live in the config folder, so read-only mode keeps
//! them and undo never sees them.

use std::path::PathBuf;

use super::app::App;
use super::editing::{Rejected, Saved};
use super::form::{Form, FormKind};
use super::overlay::{Confirm, Overlay, Pending};
use super::saved_views::{self, SavedView, tab_key, tab_of};
use super::tab::Tab;
use super::view_list::ViewList;
use crate::domain::FieldError;

/// A view's name is a label for a list: short and on one line.
const NAME_MAX_CHARS: usize = 40;

/// Where saved views and the remembered state are kept; `None` keeps nothing (the tests, or a
/// machine without a home folder).
#[derive(Debug, Default, Clone)]
pub struct ViewFiles {
    pub views: Option<PathBuf>,
    pub state: Option<PathBuf>,
}

impl App {
    /// Where views are saved (`views.toml` in the config folder) and what is remembered between
    /// runs is kept (`ui-state.toml` in the state folder).
    pub fn set_view_files(&mut self, views: Option<PathBuf>, state: Option<PathBuf>) {
        self.view_files = ViewFiles { views, state };
    }

    /// Filters the current tab's list by `text`, as if typed after `/` and kept. A filter that
    /// cannot be read changes nothing and says why.
    pub fn set_filter_text(&mut self, text: &str) -> Result<String, String> {
        let before = self.list().filter_text();
        self.list_mut().set_filter_text(text);
        self.list_mut().filtering = false;
        self.rebuild_list();
        if let Some(error) = self.list().filter_error() {
            let error = error.to_string();
            self.list_mut().set_filter_text(&before);
            self.rebuild_list();
            return Err(error);
        }
        let shown = self.list().len();
        Ok(if text.trim().is_empty() {
            format!("{}: filter cleared", self.tab.title())
        } else {
            format!("{}: {shown} shown for {text}", self.tab.title())
        })
    }

    /// Sorts the current tab by the column named `name` (`renewal`, `seats`, …).
    pub fn set_sort_by_name(&mut self, name: &str) -> Result<String, String> {
        self.sort_tab(self.tab, name)
    }

    /// The current tab's sort column, by the name [`App::set_sort_by_name`] takes; `None` on
    /// tabs listed in one fixed order.
    pub fn sort_name(&self) -> Option<&'static str> {
        self.sort_name_of(self.tab)
    }

    /// Saves the current tab, its filter text and its sort as the view `name`, replacing a
    /// view of that name.
    pub fn save_view(&mut self, name: &str) -> Result<String, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("A view needs a name".to_string());
        }
        if name.chars().count() > NAME_MAX_CHARS || name.chars().any(char::is_control) {
            return Err(format!(
                "A view's name is one line of at most {NAME_MAX_CHARS} characters"
            ));
        }
        let path = self.views_path()?;
        let mut views = saved_views::load(&path)?;
        let view = SavedView {
            name: name.to_string(),
            tab: tab_key(self.tab).to_string(),
            filter: self.list().filter_text(),
            sort: self.sort_name().map(str::to_string),
        };
        let summary = describe(&view);
        saved_views::upsert(&mut views, view);
        saved_views::store(&path, &views)?;
        tracing::info!(views = views.len(), "view saved");
        Ok(format!("Saved view {summary} (' lists views)"))
    }

    /// Shows the view `name` (any case), or the one numbered so in the list: its tab, sort and
    /// filter. A filter that can no longer be read is kept, and the status line says why.
    pub fn recall_view(&mut self, name: &str) -> Result<String, String> {
        let path = self.views_path()?;
        let views = saved_views::load(&path)?;
        let Some(view) = saved_views::find(&views, name) else {
            let names: Vec<&str> = views.iter().map(|view| view.name.as_str()).collect();
            return Err(if names.is_empty() {
                format!(
                    "No view named '{}': none is saved yet (W saves one)",
                    name.trim()
                )
            } else {
                format!(
                    "No view named '{}'; saved: {}",
                    name.trim(),
                    names.join(", ")
                )
            });
        };
        let Some(tab) = tab_of(&view.tab) else {
            return Err(format!(
                "View '{}' names a tab t3 does not have: {}",
                view.name, view.tab
            ));
        };
        self.show_tab(tab);
        // A view edited by hand may name a sort that is gone; its filter still applies.
        let sorted = match &view.sort {
            Some(sort) => self.sort_tab(tab, sort).map(drop),
            None => Ok(()),
        };
        self.list_mut().set_filter_text(&view.filter);
        self.list_mut().filtering = false;
        self.rebuild_list();
        let filtered = match self.list().filter_error() {
            Some(error) => Err(error.to_string()),
            None => Ok(()),
        };
        sorted
            .and(filtered)
            .map(|()| format!("View {}", describe(view)))
            .map_err(|error| format!("View '{}': {error}", view.name))
    }

    /// Forgets the view `name`.
    pub fn delete_view(&mut self, name: &str) -> Result<String, String> {
        let path = self.views_path()?;
        let mut views = saved_views::load(&path)?;
        let before = views.len();
        views.retain(|view| !view.name.eq_ignore_ascii_case(name.trim()));
        if views.len() == before {
            return Err(format!("No view named '{}'", name.trim()));
        }
        saved_views::store(&path, &views)?;
        Ok(format!("Deleted view '{}'", name.trim()))
    }

    /// The saved views, in the order the list numbers them.
    pub fn saved_views(&self) -> Result<Vec<SavedView>, String> {
        saved_views::load(&self.views_path()?)
    }

    /// `W`: asks for the name to save the current view under.
    pub(super) fn open_save_view_form(&mut self) {
        let hint = "e.g. renewals this quarter";
        let title = format!("Save the {} view", self.tab.title());
        self.overlay = Some(Overlay::Form(
            Form::new(FormKind::SaveView, title).line("name", "Name", "", hint),
        ));
    }

    pub(super) fn save_view_form(&mut self, form: &Form) -> Result<(String, Saved), Rejected> {
        self.save_view(&form.value("name"))
            .map(|message| (message, Saved::Nothing))
            .map_err(|error| Rejected::Fields(vec![FieldError::new("name", error)]))
    }

    /// `'`: the saved views list.
    pub(super) fn open_view_list(&mut self) {
        match self.saved_views() {
            Ok(views) => self.overlay = Some(Overlay::Views(ViewList { views, selected: 0 })),
            Err(error) => self.warn(error),
        }
    }

    /// `1`–`9` in the views list, or Enter on the selected one (`None`).
    pub(super) fn recall_from_list(&mut self, number: Option<u8>) {
        let Some(Overlay::Views(list)) = &self.overlay else {
            return;
        };
        let view = match number {
            Some(number) => list.views.get(usize::from(number).saturating_sub(1)),
            None => list.chosen(),
        };
        let Some(name) = view.map(|view| view.name.clone()) else {
            if let Some(number) = number {
                self.warn(format!("No view numbered {number}"));
            }
            return;
        };
        self.overlay = None;
        match self.recall_view(&name) {
            Ok(message) => self.inform(message),
            Err(error) => self.warn(error),
        }
    }

    /// `d` in the views list: asks before forgetting the selected view.
    pub(super) fn ask_delete_view(&mut self) {
        let Some(Overlay::Views(list)) = self.overlay.take() else {
            return;
        };
        let Some(name) = list.chosen().map(|view| view.name.clone()) else {
            self.overlay = Some(Overlay::Views(list));
            return;
        };
        self.overlay = Some(Overlay::Confirm(Confirm {
            question: format!("Delete the view '{}'?", super::safe_text::sanitize(&name)),
            on_yes: Pending::DeleteView(name),
            back: Some(Box::new(Overlay::Views(list))),
        }));
    }

    pub(super) fn delete_view_confirmed(&mut self, name: &str) {
        match self.delete_view(name) {
            Ok(message) => {
                self.open_view_list();
                self.inform(message);
            }
            Err(error) => self.warn(error),
        }
    }

    fn views_path(&self) -> Result<PathBuf, String> {
        self.view_files.views.clone().ok_or_else(|| {
            "Views cannot be saved: there is no config folder (no home directory)".to_string()
        })
    }

    pub(super) fn sort_tab(&mut self, tab: Tab, name: &str) -> Result<String, String> {
        match tab {
            Tab::Accounts => self.accounts.set_sort(name),
            Tab::Roster => self.roster.set_sort(name),
            Tab::Certification => self.certification.set_sort(name),
            Tab::Syncs => {
                Err("Syncs are listed in one order: upcoming first, then past ones".to_string())
            }
            Tab::AtRisk => Err("Findings are listed in one order: worst first".to_string()),
            Tab::Program => Err("Coverage is listed in one order: lowest first".to_string()),
        }
    }

    pub(super) fn sort_name_of(&self, tab: Tab) -> Option<&'static str> {
        match tab {
            Tab::Accounts => Some(self.accounts.sort_name()),
            Tab::Roster => Some(self.roster.sort_name()),
            Tab::Certification => Some(self.certification.sort_name()),
            Tab::Syncs | Tab::AtRisk | Tab::Program => None,
        }
    }
}

/// `'renewals': Accounts, seats:>500, by renewal`.
fn describe(view: &SavedView) -> String {
    let tab = tab_of(&view.tab).map_or_else(|| view.tab.clone(), |tab| tab.title().to_string());
    let mut parts = vec![format!("'{}': {tab}", view.name)];
    if !view.filter.trim().is_empty() {
        parts.push(view.filter.clone());
    }
    if let Some(sort) = &view.sort {
        parts.push(format!("by {sort}"));
    }
    parts.join(", ")
}
