//! The `:` line itself: the text being typed, the completions offered for the word under the
//! cursor (drawn in a small popup above the line, cycled with `Tab` / `Shift-Tab`), and the walk
//! through earlier commands with `Up` / `Down`.
//!
//! What the commands are and what they do live in `command` and `commanding`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthStr;

use super::command::completion::Completion;
use super::safe_text::sanitize;
use super::theme;

/// The most candidates the popup shows at once; it scrolls to the one `Tab` put in.
const POPUP_ROWS: u16 = 8;

/// The line being typed after `:`.
pub struct CommandLine {
    input: TextArea<'static>,
    /// What `Tab` offers for the word under the cursor.
    completion: Completion,
    /// The candidate `Tab` last put in, while repeated `Tab`s cycle through them.
    cycling: Option<usize>,
    /// Which earlier command `Up` last brought back, counted from the newest.
    walking: Option<usize>,
    /// What was typed before `Up` first brought an earlier command back.
    draft: String,
}

impl CommandLine {
    pub fn new() -> Self {
        Self {
            input: plain_input(""),
            completion: Completion::default(),
            cycling: None,
            walking: None,
            draft: String::new(),
        }
    }

    /// A key typed into the line; a line break would run the command, which Enter's binding
    /// does, so it is never text.
    pub fn type_key(&mut self, key: KeyEvent) {
        let breaks_line = key.code == KeyCode::Enter
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j')));
        if !breaks_line {
            self.input.input(key);
            self.cycling = None;
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.input
            .insert_str(sanitize(&text.replace(['\r', '\n'], " ")));
        self.cycling = None;
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    /// The cursor's position in the text, in characters.
    pub fn cursor(&self) -> usize {
        self.input.cursor().1
    }

    /// The candidates for the word under the cursor, computed afresh after each change; kept
    /// as they are while `Tab` cycles through them.
    pub fn offer(&mut self, completion: Completion) {
        if self.cycling.is_none() {
            self.completion = completion;
        }
    }

    pub fn completion(&self) -> &Completion {
        &self.completion
    }

    /// Whether `Tab` is cycling, so the candidates must not be computed again.
    pub fn is_cycling(&self) -> bool {
        self.cycling.is_some()
    }

    /// `Tab` (`forward`) or `Shift-Tab`: puts in the next or previous candidate. A sole
    /// candidate is taken with a space after it (a folder keeps its `/`), ready for what comes
    /// next; it returns true then, so the caller offers the next word's candidates.
    pub fn complete(&mut self, forward: bool) -> bool {
        let count = self.completion.candidates.len();
        if count == 0 {
            return false;
        }
        if count == 1 && self.cycling.is_none() {
            let mut only = self.completion.candidates[0].clone();
            if !only.ends_with('/') {
                only.push(' ');
            }
            self.replace_word(&only);
            return true;
        }
        let next = match (self.cycling, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(at), true) => (at + 1) % count,
            (Some(at), false) => (at + count - 1) % count,
        };
        let candidate = self.completion.candidates[next].clone();
        self.replace_word(&candidate);
        self.cycling = Some(next);
        false
    }

    /// Puts `with` in place of the text from the completion's start to the cursor.
    fn replace_word(&mut self, with: &str) {
        let text: Vec<char> = self.text().chars().collect();
        let start = self.completion.start.min(text.len());
        let cursor = self.cursor().clamp(start, text.len());
        let before: String = text[..start].iter().collect();
        let after: String = text[cursor..].iter().collect();
        self.input = plain_input(&format!("{before}{with}{after}"));
        let column = (start + with.chars().count()).min(usize::from(u16::MAX));
        self.input.move_cursor(CursorMove::Jump(0, column as u16));
    }

    /// `Up` (`older`) or `Down`: brings back an earlier command from `entries` (oldest
    /// first), or, past the newest, what was being typed. Returns whether the text changed.
    pub fn walk_history(&mut self, entries: &[String], older: bool) -> bool {
        let next = match (self.walking, older) {
            (None, false) => return false,
            (None, true) if entries.is_empty() => return false,
            (None, true) => {
                self.draft = self.text();
                0
            }
            (Some(at), true) => (at + 1).min(entries.len().saturating_sub(1)),
            (Some(0), false) => {
                self.walking = None;
                let draft = std::mem::take(&mut self.draft);
                self.set_text(&draft);
                return true;
            }
            (Some(at), false) => at - 1,
        };
        let Some(entry) = entries.iter().rev().nth(next) else {
            return false;
        };
        let entry = entry.clone();
        self.walking = Some(next);
        self.set_text(&entry);
        true
    }

    fn set_text(&mut self, text: &str) {
        self.input = plain_input(&sanitize(text));
        self.input.move_cursor(CursorMove::End);
        self.cycling = None;
    }

    /// Draws the line where the status message goes, `:` and what is typed, with the
    /// candidates in a popup above it when there are any worth showing.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let [prompt, input] =
            Layout::horizontal([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        frame.render_widget(Paragraph::new(Span::styled(":", theme::KEY)), prompt);
        frame.render_widget(&self.input, input);
        self.render_candidates(frame, area);
    }

    fn render_candidates(&self, frame: &mut Frame<'_>, line: Rect) {
        let candidates = &self.completion.candidates;
        let typed = self.text();
        // Nothing typed yet, or the word already whole and the only choice: nothing to offer.
        let whole = candidates.len() == 1 && typed.trim_end().ends_with(candidates[0].trim_end());
        if typed.trim().is_empty() || candidates.is_empty() || whole {
            return;
        }
        let Some(area) = popup_area(frame.area(), line, self.completion.start, candidates) else {
            return;
        };
        let items: Vec<ListItem<'_>> = candidates
            .iter()
            .map(|candidate| ListItem::new(sanitize(candidate).into_owned()))
            .collect();
        let shown = area.height.saturating_sub(2) as usize;
        let title = if candidates.len() > shown {
            let at = self
                .cycling
                .map_or(String::new(), |at| format!("{}/", at + 1));
            format!(" {at}{} ", candidates.len())
        } else {
            String::new()
        };
        let list = List::new(items)
            .block(
                Block::new()
                    .borders(Borders::ALL)
                    .border_style(theme::BORDER)
                    .title(title),
            )
            .highlight_style(theme::SELECTED);
        let mut state = ListState::default().with_selected(self.cycling);
        frame.render_widget(Clear, area);
        frame.render_stateful_widget(list, area, &mut state);
    }
}

/// Where the popup goes: above `line`, under the word being completed (moved left to fit),
/// at most [`POPUP_ROWS`] candidates high. `None` when there is no room for one row.
fn popup_area(screen: Rect, line: Rect, start: usize, candidates: &[String]) -> Option<Rect> {
    let room_above = line.y.saturating_sub(screen.y);
    let rows = (candidates.len().min(usize::from(POPUP_ROWS)) as u16).saturating_add(2);
    let height = rows.min(room_above);
    let widest = candidates
        .iter()
        .map(|candidate| sanitize(candidate).width())
        .max()
        .unwrap_or(0);
    let width = (widest.saturating_add(4).min(usize::from(u16::MAX)) as u16).min(line.width);
    if height < 3 || width < 5 {
        return None;
    }
    // One column for the `:`, then the word's start; the border sits one column before it.
    let wanted_x = line
        .x
        .saturating_add(start.min(usize::from(u16::MAX)) as u16);
    let x = wanted_x.min(line.right().saturating_sub(width)).max(line.x);
    Some(Rect::new(x, line.y - height, width, height))
}

fn plain_input(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_string()]);
    input.set_cursor_line_style(ratatui::style::Style::new());
    input
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_with(text: &str) -> CommandLine {
        let mut line = CommandLine::new();
        line.paste(text);
        line
    }

    fn offered(start: usize, candidates: &[&str]) -> Completion {
        Completion {
            start,
            candidates: candidates.iter().map(|c| (*c).to_string()).collect(),
        }
    }

    #[test]
    fn tab_cycles_through_the_candidates_both_ways() {
        let mut line = line_with("export s");
        line.offer(offered(7, &["snapshots", "sessions", "syncs"]));
        assert!(!line.complete(true));
        assert_eq!(line.text(), "export snapshots");
        line.offer(offered(7, &["snapshots"]));
        assert_eq!(line.completion().candidates.len(), 3, "kept while cycling");
        line.complete(true);
        assert_eq!(line.text(), "export sessions");
        line.complete(true);
        line.complete(true);
        assert_eq!(line.text(), "export snapshots", "wraps around");
        line.complete(false);
        assert_eq!(line.text(), "export syncs");
        line.type_key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
        assert!(!line.is_cycling());
        assert_eq!(line.text(), "export syncs ");
    }

    #[test]
    fn a_sole_candidate_is_taken_with_a_space_and_a_folder_with_its_slash() {
        let mut line = line_with("tab ro");
        line.offer(offered(4, &["roster"]));
        assert!(line.complete(true));
        assert_eq!(line.text(), "tab roster ");
        assert_eq!(line.cursor(), 11);

        let mut line = line_with("import accounts ~/ex");
        line.offer(offered(16, &["~/exports/"]));
        assert!(line.complete(true));
        assert_eq!(line.text(), "import accounts ~/exports/");

        let mut line = line_with("zzz");
        line.offer(offered(0, &[]));
        assert!(!line.complete(true));
        assert_eq!(line.text(), "zzz");
    }

    #[test]
    fn up_and_down_walk_earlier_commands_and_come_back_to_the_draft() {
        let history = ["tab roster".to_string(), "help".to_string()];
        let mut line = line_with("go");
        assert!(!line.walk_history(&history, false));
        assert!(line.walk_history(&history, true));
        assert_eq!(line.text(), "help");
        line.walk_history(&history, true);
        assert_eq!(line.text(), "tab roster");
        line.walk_history(&history, true);
        assert_eq!(line.text(), "tab roster", "stops at the oldest");
        line.walk_history(&history, false);
        assert_eq!(line.text(), "help");
        line.walk_history(&history, false);
        assert_eq!(line.text(), "go");
        assert!(!line.walk_history(&[], true));
    }

    #[test]
    fn the_popup_fits_whatever_the_screen() {
        let candidates: Vec<String> = (0..20).map(|n| format!("candidate {n}")).collect();
        let screen = Rect::new(0, 0, 80, 24);
        let line = Rect::new(0, 22, 80, 1);
        let area = popup_area(screen, line, 7, &candidates).unwrap();
        assert_eq!(area, Rect::new(7, 12, 16, 10));
        let area = popup_area(screen, line, 75, &candidates).unwrap();
        assert_eq!(area.right(), 80);
        for (width, height) in [(1, 1), (4, 3), (10, 2), (80, 3), (3, 24)] {
            let screen = Rect::new(0, 0, width, height);
            let line = Rect::new(0, height.saturating_sub(2), width, 1);
            if let Some(area) = popup_area(screen, line, 40, &candidates) {
                assert!(
                    screen.contains(area.as_position()),
                    "{area:?} in {screen:?}"
                );
                assert!(area.bottom() <= line.y && area.right() <= screen.right());
            }
        }
    }
}
