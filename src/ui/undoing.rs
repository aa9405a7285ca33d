//! Undo, redo and the action log, across every tab.
//!
//! The store records what each action wrote (see `store::undo`); here each user action
//! becomes one step, named after what the status line said of it, and `u`, `Ctrl-R` and `@`
//! are carried out. No screen writes an inverse of its own.

use chrono::Local;
use ratatui::text::{Line, Span};

use super::action::Action;
use super::app::App;
use super::overlay::Overlay;
use super::report::TextReport;
use super::theme;

/// The longest label kept for a step, in characters: the log shows one step a line.
const LABEL_LENGTH: usize = 70;

impl App {
    /// Starts the step `action`'s writes are recorded under. Undo and redo are not steps
    /// themselves: they move along the steps there are.
    pub(super) fn open_step(&mut self, action: Action) {
        if matches!(action, Action::Undo | Action::Redo) {
            return;
        }
        if let Err(error) = self.store.open_undo_step() {
            self.report(&error);
        }
    }

    /// Ends the step, named after what the action reported, or else after what it changes.
    pub(super) fn close_step(&mut self, action: Action) {
        if matches!(action, Action::Undo | Action::Redo) {
            return;
        }
        let label = self
            .message
            .as_ref()
            .filter(|message| !message.is_error)
            .map(|message| step_label(&message.text))
            .filter(|label| !label.is_empty())
            .unwrap_or_else(|| action.change().unwrap_or(action.name()).to_string());
        // Dated by the clock, not the app's today: the log says when, within this run.
        let at = Local::now().naive_local();
        if let Err(error) = self.store.close_undo_step(&label, at) {
            self.report(&error);
        }
    }

    /// Closes a step opened around `:undo` or `:redo` on the command line before it runs: the
    /// undo's own writes must not be recorded as a new action, which would also drop the redo.
    /// Nothing has been written in it yet, so it is forgotten.
    fn leave_open_step(&mut self) {
        let at = Local::now().naive_local();
        if let Err(error) = self.store.close_undo_step("", at) {
            self.report(&error);
        }
    }

    /// `u`: takes back the latest action of this run, whichever tab it was taken on.
    pub(super) fn undo(&mut self) {
        self.leave_open_step();
        match self.store.undo() {
            Ok(Some(label)) => {
                self.inform(format!("Undid: {label} (Ctrl-R redoes)"));
                self.reload_or_report();
            }
            Ok(None) => self.inform("Nothing to undo: nothing was changed since t3 started".into()),
            Err(error) => self.report(&error),
        }
    }

    /// `Ctrl-R`: carries out again the action undone last.
    pub(super) fn redo(&mut self) {
        self.leave_open_step();
        match self.store.redo() {
            Ok(Some(label)) => {
                self.inform(format!("Redid: {label}"));
                self.reload_or_report();
            }
            Ok(None) => self.inform("Nothing to redo".into()),
            Err(error) => self.report(&error),
        }
    }

    /// `@`: what was done this run, newest first, with the times.
    pub(super) fn show_action_log(&mut self) {
        let steps = match self.store.undo_log() {
            Ok(steps) => steps,
            Err(error) => {
                self.report(&error);
                return;
            }
        };
        let mut lines: Vec<Line<'static>> = steps
            .iter()
            .map(|step| {
                let time = Span::styled(format!("{}  ", step.at.format("%H:%M:%S")), theme::DIM);
                let label = super::safe_text::sanitize(&step.label).into_owned();
                if step.undone {
                    Line::from(vec![
                        time,
                        Span::styled(format!("{label}  (undone)"), theme::DIM),
                    ])
                } else {
                    Line::from(vec![time, Span::raw(label)])
                }
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::raw(if self.is_read_only() {
                "Nothing can be changed: t3 was opened with --readonly"
            } else {
                "Nothing was changed since t3 started"
            }));
        } else {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "u undoes the latest not undone; Ctrl-R redoes",
                theme::DIM,
            ));
        }
        self.overlay = Some(Overlay::Report(TextReport {
            title: "Done this run, newest first".to_string(),
            lines,
            scroll: 0,
        }));
    }
}

/// A status message as a step's name: its first line, without the hint in brackets at its end
/// ("Snoozed until 2026-06-22 (u undoes)"), cut to fit one line of the log.
fn step_label(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default().trim();
    let line = match line.rfind(" (") {
        Some(start) if line.ends_with(')') => &line[..start],
        _ => line,
    };
    if line.chars().count() > LABEL_LENGTH {
        let cut: String = line.chars().take(LABEL_LENGTH - 1).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::step_label;

    #[test]
    fn a_label_is_the_first_line_without_its_hint() {
        assert_eq!(
            step_label("Account archived (z shows archived)"),
            "Account archived"
        );
        assert_eq!(step_label("Saved account Acme\nmore"), "Saved account Acme");
        assert_eq!(step_label("(only brackets)"), "(only brackets)");
        let long = "x".repeat(100);
        assert_eq!(step_label(&long).chars().count(), 70);
    }
}
