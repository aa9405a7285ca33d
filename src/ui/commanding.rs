//! Running what was typed on the `:` line, completing its words and walking its history.
//!
//! A command does what its key does, through the same `App` code: an action by its name is
//! applied as the key would apply it where the line was opened, and the triage commands record
//! on the selected finding as the forms do. A command that cannot run here, or names nothing,
//! is refused with what was expected, and the line stays to be corrected.

mod files;

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use super::action::Action;
use super::app::App;
use super::command::completion::{self, Disk, Snapshot};
use super::command::history::History;
use super::command::{self, Command, Env, Fuzzy, GoTo};
use super::keymap::{self, BINDINGS, Context};
use super::safe_text::sanitize;
use super::tab::Tab;
use crate::domain::AccountRow;
use crate::domain::triage::TriageAction;

/// How many names an ambiguous `goto` or `qbr` lists.
const NAMES_SHOWN: usize = 5;

impl App {
    /// Keeps the commands run on the `:` line in `history` (its file, across runs).
    pub fn set_command_history(&mut self, history: History) {
        self.command_history = history;
    }

    pub(super) fn run_command(&mut self) {
        let Some(line) = self.command_line.take() else {
            return;
        };
        let text = line.text();
        let home = home();
        let env = Env {
            today: self.today,
            home: home.as_deref(),
        };
        match command::parse(&text, &env).and_then(|command| self.carry_out_command(command)) {
            Ok(()) => {
                // The name only: arguments may hold people's names or emails.
                let name = text.split_whitespace().next().unwrap_or_default();
                tracing::info!(command = %name.to_lowercase(), "command run from the command line");
                self.command_history.record(&text);
            }
            Err(message) => {
                // The typed line comes back so it can be corrected rather than typed again.
                self.command_line = Some(line);
                self.warn(message);
            }
        }
    }

    /// `Tab`, `Shift-Tab`, `Up` and `Down` on the line.
    pub(super) fn apply_on_command_line(&mut self, action: Action) {
        // The line opens empty with nothing offered yet; `Tab` there offers every command.
        self.offer_completions();
        let Some(line) = &mut self.command_line else {
            return;
        };
        let nothing_to_complete = line.completion().candidates.is_empty();
        let changed = match action {
            Action::CompleteWord | Action::CompleteWordBack if nothing_to_complete => {
                self.inform("Nothing to complete here".to_string());
                false
            }
            Action::CompleteWord => line.complete(true),
            Action::CompleteWordBack => line.complete(false),
            Action::OlderCommand => line.walk_history(self.command_history.entries(), true),
            Action::NewerCommand => line.walk_history(self.command_history.entries(), false),
            _ => false,
        };
        if changed {
            self.offer_completions();
        }
    }

    pub(super) fn type_in_command_line(&mut self, key: KeyEvent) {
        if let Some(line) = &mut self.command_line {
            line.type_key(key);
            self.offer_completions();
        }
    }

    /// Works out the candidates for the word under the cursor from the tabs' data.
    pub(super) fn offer_completions(&mut self) {
        if self.command_line.is_none()
            || !self.ensure_loaded_or_report(&[Tab::Accounts, Tab::Roster])
        {
            return;
        }
        let Some(line) = &self.command_line else {
            return;
        };
        if line.is_cycling() {
            return;
        }
        let (text, cursor) = (line.text(), line.cursor());
        let here = self.tab_context();
        let mut commands: Vec<&'static str> = command::names()
            .filter(|name| match Action::from_name(name) {
                Some(action) if command::spec(name).is_none() => {
                    action != Action::OpenCommandLine && works_in(here, action)
                }
                _ => true,
            })
            .collect();
        commands.sort_unstable();
        let home = home();
        let snapshot = Snapshot {
            commands,
            accounts: self
                .accounts
                .rows()
                .iter()
                .filter(|row| !row.account.archived)
                .map(|row| row.account.fields.name.as_str())
                .collect(),
            trainers: self
                .roster
                .rows()
                .iter()
                .map(|row| {
                    let fields = &row.trainer.fields;
                    (fields.name.as_str(), fields.email.as_str())
                })
                .collect(),
            home: home.as_deref(),
            folders: &Disk,
        };
        let found = completion::complete(&text, cursor, &snapshot);
        if let Some(line) = &mut self.command_line {
            line.offer(found);
        }
    }

    /// Carries `command` out, or says why it cannot run here without doing anything.
    fn carry_out_command(&mut self, command: Command) -> Result<(), String> {
        if self.is_read_only()
            && let Some(change) = command.change()
        {
            let instead = if matches!(command, Command::Import { .. }) {
                "; --dry-run checks a file without writing"
            } else {
                ""
            };
            return Err(format!(
                "Read-only: {change} is not allowed (opened with --readonly){instead}"
            ));
        }
        match command {
            Command::Action(action) => {
                self.refuse_unless_here(action)?;
                self.apply(action);
            }
            Command::Tab(tab) => self.apply(Action::GoToTab(tab)),
            Command::GoTo(target) => self.go_to(&target)?,
            Command::Snooze(until) => {
                self.triage_selected(Action::Snooze, &TriageAction::Snooze(until))?;
            }
            Command::Assign(person) => {
                self.triage_selected(Action::Assign, &TriageAction::Assign(person))?;
            }
            Command::Resolve(reason) => {
                self.triage_selected(Action::Resolve, &TriageAction::Resolve(reason))?;
            }
            Command::Qbr(name) => {
                let id = self.named_account(&name)?;
                self.write_qbr_of(id);
            }
            Command::Export { kind, format, path } => self.export_from_line(kind, format, path)?,
            Command::Import {
                kind,
                path,
                dry_run,
            } => self.import_from_line(kind, &path, dry_run),
            Command::Backup(file) => self.backup_from_line(&file)?,
            Command::Sort(column) => {
                let done = self.set_sort_by_name(&column)?;
                self.inform(done);
            }
            Command::Filter(text) => {
                let done = self.set_filter_text(&text)?;
                self.inform(done);
            }
            Command::View(name) => {
                let done = self.recall_view(&name)?;
                self.inform(done);
            }
            Command::SaveView(name) => {
                let done = self.save_view(&name)?;
                self.inform(done);
            }
        }
        Ok(())
    }

    /// Where the line was opened: the tab beneath it, since `:` opens only over a tab.
    fn tab_context(&self) -> Context {
        match self.tab {
            Tab::Accounts => Context::Accounts,
            Tab::Roster => Context::Roster,
            Tab::Certification => Context::Certification,
            Tab::Syncs => Context::Syncs,
            Tab::AtRisk => Context::AtRisk,
            Tab::Program => Context::Program,
        }
    }

    /// Refuses an action no key does on this tab: "snooze works on the At risk tab".
    fn refuse_unless_here(&self, action: Action) -> Result<(), String> {
        if works_in(self.tab_context(), action) {
            Ok(())
        } else {
            Err(format!("{} works on {}", action.name(), places(action)))
        }
    }

    /// Records `triage` on the selected finding, as `action`'s form would.
    fn triage_selected(&mut self, action: Action, triage: &TriageAction) -> Result<(), String> {
        self.refuse_unless_here(action)?;
        if let TriageAction::Assign(person) = triage {
            self.last_assignee.clone_from(person);
        }
        if self.at_risk.list.has_marks() {
            self.triage_marked(triage.clone());
            return Ok(());
        }
        let Some(selected) = self.at_risk.selected() else {
            return Err(format!(
                "{}: no finding selected (the list is empty)",
                action.name()
            ));
        };
        let key = selected.finding.key;
        self.record_now(key, triage);
        Ok(())
    }

    /// Shows the tab of the account or trainer `target` names, with it selected.
    fn go_to(&mut self, target: &GoTo) -> Result<(), String> {
        match target {
            GoTo::Account(name) => {
                let id = self.named_account(name)?;
                self.apply(Action::GoToTab(Tab::Accounts));
                if !self.accounts.list.filter_text().is_empty() {
                    self.accounts.list.clear_filter();
                }
                self.accounts.select(id);
                if let Err(error) = self.accounts.load_detail(&self.store) {
                    self.report(&error);
                }
                let found = self.accounts.selected().filter(|row| row.account.id == id);
                let shown = found.map(|row| sanitize(&row.account.fields.name).into_owned());
                self.inform(format!("Account {}", shown.unwrap_or_default()));
            }
            GoTo::Trainer(name) => {
                self.ensure_loaded(Tab::Roster)
                    .map_err(|error| error.to_string())?;
                let rows: Vec<_> = self.roster.rows().iter().collect();
                let row = find_named(&rows, name, "trainer", |row| {
                    vec![&row.trainer.fields.name, &row.trainer.fields.email]
                })?;
                let (id, shown) = (
                    row.trainer.id,
                    sanitize(&row.trainer.fields.name).into_owned(),
                );
                self.apply(Action::GoToTab(Tab::Roster));
                if !self.roster.list.filter_text().is_empty() {
                    self.roster.list.clear_filter();
                }
                self.roster.select(id);
                if let Err(error) = self.roster.load_detail(&self.store) {
                    self.report(&error);
                }
                if self
                    .roster
                    .selected()
                    .is_some_and(|row| row.trainer.id == id)
                {
                    self.inform(format!("Trainer {shown}"));
                } else {
                    self.warn(format!(
                        "{shown} is not in the review queue (v shows every trainer)"
                    ));
                }
            }
        }
        Ok(())
    }

    /// The account `name` names among those not archived.
    fn named_account(&mut self, name: &str) -> Result<crate::domain::AccountId, String> {
        self.ensure_loaded(Tab::Accounts)
            .map_err(|error| error.to_string())?;
        let open: Vec<&AccountRow> = self
            .accounts
            .rows()
            .iter()
            .filter(|row| !row.account.archived)
            .collect();
        find_named(&open, name, "account", |row| vec![&row.account.fields.name])
            .map(|row| row.account.id)
    }
}

/// What `~/` stands for.
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
}

/// Whether a key does `action` in `context`.
fn works_in(context: Context, action: Action) -> bool {
    keymap::bindings_for(context).any(|binding| binding.action == action)
}

/// Where a key does `action`, in words: "the At risk tab", "the Accounts tab or the Roster tab".
fn places(action: Action) -> String {
    let mut places: Vec<&str> = Vec::new();
    for binding in BINDINGS.iter().filter(|binding| binding.action == action) {
        let place = place(binding.context);
        if !places.contains(&place) {
            places.push(place);
        }
    }
    if places.is_empty() {
        "no tab".to_string()
    } else {
        places.join(" or ")
    }
}

fn place(context: Context) -> &'static str {
    match context {
        Context::Anywhere | Context::Browse => "any tab",
        Context::Accounts => "the Accounts tab",
        Context::Roster => "the Roster tab",
        Context::Certification => "the Certification tab",
        Context::Syncs => "the Syncs tab",
        Context::AtRisk => "the At risk tab",
        Context::Program => "the Program tab",
        Context::Sessions => "a trainer's session list (L on the Roster)",
        Context::Releases => "the Releases view (R)",
        Context::CommandLine => "the command line",
        Context::Filter => "the filter",
        Context::Form => "a form",
        Context::Confirm => "a yes/no question",
        Context::Picker => "the status picker",
        Context::Help => "the help",
        Context::Wizard
        | Context::WizardQuestion
        | Context::WizardNote
        | Context::WizardSummary => "the selection questionnaire",
        Context::Compare => "the comparison",
        Context::Practicum | Context::PracticumRubric | Context::PracticumText => "practicum mode",
        Context::Attendance => "the attendance checklist",
        Context::Invites => "the invite list",
        Context::Report => "a report",
        Context::Views => "the views list (')",
    }
}

/// The one item a typed name names: its whole name or email in any case, else the only one
/// that starts with it, else the only one that holds it, else the only one it matches fuzzily.
/// Several are listed for the user to type more of the one meant.
fn find_named<'a, T>(
    items: &[&'a T],
    typed: &str,
    what: &str,
    keys: impl Fn(&'a T) -> Vec<&'a String>,
) -> Result<&'a T, String> {
    let wanted = typed.trim().to_lowercase();
    let fuzzy = std::cell::RefCell::new(Fuzzy::new(typed));
    let tests: [&dyn Fn(&str) -> bool; 4] = [
        &|key| key.to_lowercase() == wanted,
        &|key| key.to_lowercase().starts_with(&wanted),
        &|key| key.to_lowercase().contains(&wanted),
        &|key| fuzzy.borrow_mut().matches(key),
    ];
    for test in tests {
        let found: Vec<&T> = items
            .iter()
            .copied()
            .filter(|item| keys(item).iter().any(|key| test(key)))
            .collect();
        match found.as_slice() {
            [] => {}
            [one] => return Ok(one),
            many => {
                let names: Vec<String> = many
                    .iter()
                    .take(NAMES_SHOWN)
                    .filter_map(|item| keys(item).first().map(|name| sanitize(name).into_owned()))
                    .collect();
                let more = many.len().saturating_sub(NAMES_SHOWN);
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                return Err(format!(
                    "'{}' could be {}{more}: type more of the {what}'s name",
                    sanitize(typed),
                    names.join(", ")
                ));
            }
        }
    }
    Err(format!(
        "no {what} is called, starts with, holds or fuzzily matches '{}'{}",
        sanitize(typed),
        if what == "account" {
            " (archived accounts are left out)"
        } else {
            ""
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_finds_the_one_it_names_or_lists_the_candidates() {
        let names: Vec<String> = [
            "Acme Corp",
            "Acme Corporation",
            "Acorn Health",
            "Harbor Bank",
        ]
        .iter()
        .map(|name| (*name).to_string())
        .collect();
        let find = |typed: &str| {
            find_named(
                &names.iter().collect::<Vec<_>>(),
                typed,
                "account",
                |name| vec![name],
            )
        };
        assert_eq!(find("acme corp").map(String::as_str), Ok("Acme Corp"));
        assert_eq!(find("acor").map(String::as_str), Ok("Acorn Health"));
        assert_eq!(find("bank").map(String::as_str), Ok("Harbor Bank"));
        assert_eq!(find("hrbr").map(String::as_str), Ok("Harbor Bank"));
        assert_eq!(
            find("acme").unwrap_err(),
            "'acme' could be Acme Corp, Acme Corporation: type more of the account's name"
        );
        assert_eq!(
            find("nowhere").unwrap_err(),
            "no account is called, starts with, holds or fuzzily matches 'nowhere' (archived \
             accounts are left out)"
        );
    }

    #[test]
    fn an_action_is_refused_where_no_key_does_it() {
        assert!(works_in(Context::AtRisk, Action::Snooze));
        assert!(!works_in(Context::Accounts, Action::Snooze));
        assert!(works_in(Context::Accounts, Action::ShowHelp));
        assert_eq!(places(Action::Snooze), "the At risk tab");
        assert_eq!(
            places(Action::LogSession),
            "the Accounts tab or the Roster tab or a trainer's session list (L on the Roster)"
        );
        assert_eq!(places(Action::Quit), "any tab");
    }
}
