//! Selection, filtering and scrolling shared by every table.
//!
//! The list holds positions into the tab's rows, not the rows themselves: filtering and
//! sorting rearrange numbers, and only the rows in view are ever turned into widgets.

use std::collections::HashSet;
use std::ops::Range;

use ratatui::layout::{Position, Rect};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::{Config, Matcher};
use ratatui_textarea::TextArea;

use super::filter::{Field, FilterError, Query, Value};
use super::marks::RowKey;

/// The visible subset of a table's rows, in display order, with the cursor on one of them.
pub struct ListView {
    /// Positions into the tab's rows that pass the filter, in sort order.
    shown: Vec<usize>,
    /// Index into `shown`.
    selected: usize,
    /// First row drawn; kept so the view scrolls only when the cursor leaves it.
    offset: usize,
    /// Rows that fit on screen at the last draw, for paging.
    page: usize,
    filter: TextArea<'static>,
    /// Whether keys are going to the filter input right now.
    pub filtering: bool,
    matcher: Matcher,
    /// Where the rows were drawn last, and how many lines each takes: what a click lands on.
    drawn: Option<(Rect, u16)>,
    /// Marked rows by their record's key, not their position, so a mark stays on its record
    /// through sorting, filtering and reloads.
    marks: HashSet<RowKey>,
    /// The key of each row position, as the tab last gave them.
    keys: Vec<RowKey>,
    /// Where `V` starts its range: the row last marked or unmarked.
    anchor: Option<RowKey>,
    /// The fields the filter may name (`status:lapsed`), declared by the tab.
    fields: &'static [Field],
    /// The day relative dates in the filter (`renewal:<90d`) count from.
    today: NaiveDate,
    /// Why the filter text could not be read, while it cannot.
    error: Option<FilterError>,
    /// The last filter text that could be read: what the list shows while the text cannot.
    last_good: String,
}

impl Default for ListView {
    fn default() -> Self {
        Self {
            shown: Vec::new(),
            selected: 0,
            offset: 0,
            page: 10,
            filter: plain_text_area(),
            filtering: false,
            matcher: Matcher::new(Config::DEFAULT),
            drawn: None,
            marks: HashSet::new(),
            keys: Vec::new(),
            anchor: None,
            fields: &[],
            today: NaiveDate::MIN,
            error: None,
            last_good: String::new(),
        }
    }
}

impl ListView {
    /// Rebuilds the shown rows: those of `order` that match the filter, keeping the cursor on
    /// `keep` (a row position) when it is still shown.
    ///
    /// `fields` gives a row's searchable fields. Each word of the filter must fuzzy-match
    /// within one field (any field): matching across the whole row at once would let the
    /// letters of "lapsed" be picked from a name, an account and an email together.
    pub fn rebuild<'r>(
        &mut self,
        order: Vec<usize>,
        fields: impl Fn(usize) -> Vec<&'r str>,
        keep: Option<usize>,
    ) {
        self.rebuild_with(order, fields, |_, _| Value::Text(""), keep);
    }

    /// Like [`ListView::rebuild`], for a tab that declared fields: `value(row, field)` gives
    /// the row's value of the field at that position in the declaration, for field terms.
    /// A filter that cannot be read leaves the rows the last readable one showed.
    pub fn rebuild_with<'r>(
        &mut self,
        order: Vec<usize>,
        fields: impl Fn(usize) -> Vec<&'r str>,
        value: impl Fn(usize, usize) -> Value<'r>,
        keep: Option<usize>,
    ) {
        let text = self.filter_text();
        let query = match Query::parse(&text, self.fields, self.today) {
            Ok(query) => {
                self.error = None;
                self.last_good = text;
                query
            }
            Err(error) => {
                self.error = Some(error);
                Query::parse(&self.last_good, self.fields, self.today).unwrap_or_default()
            }
        };
        self.shown = if query.is_empty() {
            order
        } else {
            let matcher = &mut self.matcher;
            order
                .into_iter()
                .filter(|&row| query.matches(matcher, &fields(row), |field| value(row, field)))
                .collect()
        };
        self.selected = keep
            .and_then(|row| self.shown.iter().position(|&shown| shown == row))
            .unwrap_or(0);
    }

    /// Declares the fields the filter may name, and the day relative dates count from.
    pub fn set_fields(&mut self, fields: &'static [Field], today: NaiveDate) {
        self.fields = fields;
        self.today = today;
    }

    /// Why the filter text cannot be read, if it cannot.
    pub fn filter_error(&self) -> Option<&FilterError> {
        self.error.as_ref()
    }

    /// Replaces the filter text (a saved view, the command line, the last run).
    pub fn set_filter_text(&mut self, text: &str) {
        self.filter = plain_text_area();
        self.filter.insert_str(text);
    }

    /// `/`: keys go to the filter. A filter already kept is selected whole, so typing replaces
    /// it (a view recalled yesterday is not extended by accident) and an arrow key edits it.
    pub fn start_filtering(&mut self) {
        self.filtering = true;
        if !self.filter_text().is_empty() {
            self.filter.select_all();
        }
    }

    pub fn filter_text(&self) -> String {
        self.filter.lines().join(" ")
    }

    pub fn filter_input(&mut self) -> &mut TextArea<'static> {
        &mut self.filter
    }

    /// A key typed into the filter; line breaks are refused since a filter is one line.
    pub fn type_filter_key(&mut self, key: KeyEvent) {
        let breaks_line = key.code == KeyCode::Enter
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j')));
        if !breaks_line {
            self.filter.input(key);
        }
    }

    pub fn filter_widget(&self) -> &TextArea<'static> {
        &self.filter
    }

    /// Enter while filtering: the filter stays in force and keys go back to the list.
    pub fn keep_filter(&mut self) {
        self.filtering = false;
        self.filter.cancel_selection();
    }

    pub fn clear_filter(&mut self) {
        self.filter = plain_text_area();
        self.filtering = false;
    }

    /// The row position under the cursor.
    pub fn selected_row(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    /// Where the cursor is among the shown rows, counted from 0.
    pub fn selected_index(&self) -> usize {
        self.selected
    }

    /// The row positions shown, in display order.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.shown.is_empty() {
            return;
        }
        let last = self.shown.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn move_to_top(&mut self) {
        self.selected = 0;
    }

    pub fn move_to_bottom(&mut self) {
        self.selected = self.shown.len().saturating_sub(1);
    }

    pub fn page_down(&mut self) {
        self.move_by(self.page.max(1) as isize);
    }

    pub fn page_up(&mut self) {
        self.move_by(-(self.page.max(1) as isize));
    }

    /// The slice of shown rows that fits in `height` lines, scrolled so the cursor is in it.
    /// Returns the row positions to draw and the cursor's place among them.
    pub fn window(&mut self, height: usize) -> (Vec<usize>, Option<usize>) {
        self.page = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.page {
            self.offset = self.selected + 1 - self.page;
        }
        self.offset = self.offset.min(self.shown.len().saturating_sub(self.page));
        let range: Range<usize> = self.offset..(self.offset + self.page).min(self.shown.len());
        let cursor = (!self.shown.is_empty()).then(|| self.selected - self.offset);
        (self.shown[range].to_vec(), cursor)
    }
}

impl ListView {
    /// [`ListView::window`] for rows drawn in `rows`, `row_height` lines each, remembered so a
    /// click can be matched to its row.
    pub fn window_in(&mut self, rows: Rect, row_height: u16) -> (Vec<usize>, Option<usize>) {
        let row_height = row_height.max(1);
        self.drawn = Some((rows, row_height));
        self.window(usize::from(rows.height / row_height))
    }

    /// Forgets where the rows were drawn, before a frame that may not draw them.
    pub fn forget_drawn(&mut self) {
        self.drawn = None;
    }

    /// The index among the shown rows of the row drawn at `at`, if one was.
    pub fn row_at(&self, at: Position) -> Option<usize> {
        let (rows, row_height) = self.drawn?;
        if !rows.contains(at) {
            return None;
        }
        let index = self.offset + usize::from((at.y - rows.y) / row_height);
        (index < self.shown.len().min(self.offset + self.page)).then_some(index)
    }

    /// Puts the cursor on the shown row `index`, or the last one when there are fewer.
    pub fn select_index(&mut self, index: usize) {
        self.selected = index.min(self.shown.len().saturating_sub(1));
    }
}

/// Marks: rows picked for one action on all of them.
impl ListView {
    /// Tells the list which record each row position holds; marks on records no longer among
    /// them (deleted, or gone from the tab) are dropped.
    pub fn set_keys(&mut self, keys: Vec<RowKey>) {
        if !self.marks.is_empty() {
            let present: HashSet<&RowKey> = keys.iter().collect();
            self.marks.retain(|key| present.contains(key));
        }
        self.keys = keys;
    }

    fn key_at(&self, row: usize) -> Option<RowKey> {
        self.keys.get(row).copied()
    }

    /// Marks the selected row, or unmarks it if marked, and moves down to the next one.
    pub fn toggle_mark(&mut self) {
        let Some(key) = self.selected_row().and_then(|row| self.key_at(row)) else {
            return;
        };
        if !self.marks.remove(&key) {
            self.marks.insert(key);
        }
        self.anchor = Some(key);
        self.move_by(1);
    }

    /// Marks every shown row from the anchor (the row last marked with `Space` or `V`) to the
    /// selected one, both included. Without an anchor among the shown rows only the selected
    /// row is marked, and it becomes the anchor for the next range.
    pub fn mark_range(&mut self) {
        let Some(key) = self.selected_row().and_then(|row| self.key_at(row)) else {
            return;
        };
        let from = self
            .anchor
            .and_then(|anchor| {
                self.shown
                    .iter()
                    .position(|&row| self.key_at(row) == Some(anchor))
            })
            .unwrap_or(self.selected);
        let (start, end) = (from.min(self.selected), from.max(self.selected));
        for &row in &self.shown[start..=end] {
            if let Some(key) = self.keys.get(row) {
                self.marks.insert(*key);
            }
        }
        self.anchor = Some(key);
    }

    /// Marks every row the filter shows.
    pub fn mark_all_shown(&mut self) {
        for &row in &self.shown {
            if let Some(key) = self.keys.get(row) {
                self.marks.insert(*key);
            }
        }
    }

    /// Clears every mark; returns how many there were.
    pub fn clear_marks(&mut self) -> usize {
        self.anchor = None;
        let count = self.marks.len();
        self.marks.clear();
        count
    }

    /// How many records are marked, shown or hidden by the filter.
    pub fn marked_count(&self) -> usize {
        self.marks.len()
    }

    pub fn has_marks(&self) -> bool {
        !self.marks.is_empty()
    }

    /// Whether the row at `row` (a position into the tab's rows) is marked.
    pub fn is_marked(&self, row: usize) -> bool {
        self.key_at(row)
            .is_some_and(|key| self.marks.contains(&key))
    }

    /// The marked row positions, in the tab's row order.
    pub fn marked_rows(&self) -> Vec<usize> {
        (0..self.keys.len())
            .filter(|&row| self.is_marked(row))
            .collect()
    }

    /// The marked row positions as the list shows them, then those the filter hides.
    pub fn marked_in_display_order(&self) -> Vec<usize> {
        let mut rows: Vec<usize> = self
            .shown
            .iter()
            .copied()
            .filter(|&row| self.is_marked(row))
            .collect();
        let listed: HashSet<usize> = rows.iter().copied().collect();
        rows.extend(
            self.marked_rows()
                .into_iter()
                .filter(|row| !listed.contains(row)),
        );
        rows
    }
}

fn plain_text_area() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_cursor_line_style(ratatui::style::Style::new());
    area
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 5] = [
        "Northwind",
        "Brightwater",
        "Kestrel",
        "Société Lumière",
        "Atlas",
    ];

    fn list_of(query: &str) -> ListView {
        let mut list = ListView::default();
        list.filter_input().insert_str(query);
        list.rebuild((0..NAMES.len()).collect(), |row| vec![NAMES[row]], None);
        list
    }

    #[test]
    fn filter_is_fuzzy_and_ignores_case() {
        assert_eq!(list_of("").len(), 5);
        assert_eq!(list_of("nwnd").selected_row(), Some(0));
        assert_eq!(list_of("KESTREL").len(), 1);
        assert_eq!(list_of("societe").selected_row(), Some(3));
        assert!(list_of("zzz").is_empty());
    }

    #[test]
    fn each_word_matches_within_one_field() {
        let rows = [
            ["Ana Costa", "Kestrel", "lapsed"],
            ["Liam Park", "Atlas Sales", "proposed"],
        ];
        let mut list = ListView::default();
        list.filter_input().insert_str("lapsed");
        list.rebuild(vec![0, 1], |row| rows[row].to_vec(), None);
        assert_eq!((list.len(), list.selected_row()), (1, Some(0)));
        list.filter_input().insert_str(" kes");
        list.rebuild(vec![0, 1], |row| rows[row].to_vec(), None);
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn the_window_follows_the_cursor() {
        let mut list = ListView::default();
        list.rebuild((0..100).collect(), |_| vec![], None);
        assert_eq!(list.window(10), ((0..10).collect(), Some(0)));
        list.move_by(15);
        let (rows, cursor) = list.window(10);
        assert_eq!((rows[0], cursor), (6, Some(9)));
        list.move_to_bottom();
        let (rows, cursor) = list.window(10);
        assert_eq!((rows.len(), rows[9], cursor), (10, 99, Some(9)));
        list.page_up();
        assert_eq!(list.selected_index(), 89);
        list.move_by(-1000);
        assert_eq!(list.selected_index(), 0);
    }

    #[test]
    fn an_empty_list_is_safe_to_move_in() {
        let mut list = ListView::default();
        list.move_by(3);
        list.page_down();
        list.move_to_bottom();
        assert_eq!(list.window(5), (vec![], None));
        assert_eq!(list.selected_row(), None);
    }

    #[test]
    fn a_click_finds_the_row_drawn_under_it() {
        let mut list = ListView::default();
        list.rebuild((0..30).collect(), |_| vec![], None);
        assert_eq!(list.row_at(Position::new(5, 5)), None, "nothing drawn yet");
        list.move_by(12);
        let (rows, _) = list.window_in(Rect::new(1, 3, 20, 10), 2);
        assert_eq!(rows.len(), 5);
        assert_eq!(list.row_at(Position::new(1, 3)), Some(8));
        assert_eq!(list.row_at(Position::new(20, 6)), Some(9));
        assert_eq!(list.row_at(Position::new(21, 6)), None);
        assert_eq!(list.row_at(Position::new(5, 13)), None);
        list.select_index(99);
        assert_eq!(list.selected_index(), 29);
        list.forget_drawn();
        assert_eq!(list.row_at(Position::new(1, 3)), None);
    }

    #[test]
    fn rebuild_keeps_the_cursor_on_the_same_row() {
        let mut list = ListView::default();
        list.rebuild(vec![0, 1, 2, 3], |_| vec![], None);
        list.move_by(2);
        list.rebuild(vec![3, 2, 1, 0], |_| vec![], list.selected_row());
        assert_eq!(list.selected_row(), Some(2));
        assert_eq!(list.selected_index(), 1);
    }

    fn marked_list(ids: &[i64]) -> ListView {
        let mut list = ListView::default();
        list.rebuild((0..ids.len()).collect(), |_| vec![], None);
        list.set_keys(keys_of(ids));
        list
    }

    fn keys_of(ids: &[i64]) -> Vec<RowKey> {
        ids.iter()
            .map(|&id| RowKey::Account(crate::domain::AccountId(id)))
            .collect()
    }

    #[test]
    fn space_marks_then_unmarks_and_moves_down() {
        let mut list = marked_list(&[10, 11, 12]);
        list.toggle_mark();
        assert_eq!((list.marked_rows(), list.selected_index()), (vec![0], 1));
        list.toggle_mark();
        list.move_to_top();
        list.toggle_mark();
        assert_eq!(list.marked_rows(), vec![1]);
        list.move_to_bottom();
        list.toggle_mark();
        list.toggle_mark();
        assert_eq!(list.selected_index(), 2, "the cursor stays on the last row");
        assert_eq!(list.marked_count(), 1);
    }

    #[test]
    fn a_range_runs_from_the_last_mark_either_way() {
        let mut list = marked_list(&[10, 11, 12, 13, 14]);
        list.move_by(1);
        list.toggle_mark();
        list.move_by(1);
        list.mark_range();
        assert_eq!(list.marked_rows(), vec![1, 2, 3]);
        list.move_to_top();
        list.mark_range();
        assert_eq!(
            list.marked_rows(),
            vec![0, 1, 2, 3],
            "from row 3 up to row 0"
        );
        let mut fresh = marked_list(&[10, 11, 12]);
        fresh.move_by(2);
        fresh.mark_range();
        assert_eq!(
            fresh.marked_rows(),
            vec![2],
            "without an anchor, the row alone"
        );
    }

    #[test]
    fn star_marks_only_what_the_filter_shows() {
        let mut list = list_of("a");
        list.set_keys(keys_of(&[0, 1, 2, 3, 4]));
        list.mark_all_shown();
        let shown = list.shown().to_vec();
        assert_eq!(list.marked_rows(), shown);
        assert!(list.marked_count() < NAMES.len());
    }

    #[test]
    fn marks_follow_their_record_through_sorting_filtering_and_reloads() {
        let mut list = marked_list(&[10, 11, 12, 13]);
        list.move_by(2);
        list.toggle_mark();
        list.rebuild(vec![3, 2, 1, 0], |_| vec![], None);
        assert!(list.is_marked(2));
        assert_eq!(list.marked_in_display_order(), vec![2]);
        list.filter_input().insert_str("zzz");
        list.rebuild(vec![0, 1, 2, 3], |_| vec!["other"], None);
        assert_eq!((list.len(), list.marked_count()), (0, 1));
        assert_eq!(
            list.marked_in_display_order(),
            vec![2],
            "hidden, still marked"
        );
        list.clear_filter();
        list.rebuild(vec![0, 1, 2], |_| vec![], None);
        list.set_keys(keys_of(&[12, 10, 11]));
        assert_eq!(
            list.marked_rows(),
            vec![0],
            "record 12 moved to the first position"
        );
        list.set_keys(keys_of(&[10, 11]));
        assert!(
            !list.has_marks(),
            "a record gone from the tab loses its mark"
        );
    }

    #[test]
    fn clearing_says_how_many_marks_went() {
        let mut list = marked_list(&[10, 11, 12]);
        list.mark_all_shown();
        assert_eq!(list.clear_marks(), 3);
        assert_eq!(list.clear_marks(), 0);
        list.mark_range();
        assert_eq!(
            list.marked_rows(),
            vec![0],
            "the anchor went with the marks"
        );
    }

    #[test]
    fn marking_an_empty_list_is_safe() {
        let mut list = ListView::default();
        list.toggle_mark();
        list.mark_range();
        list.mark_all_shown();
        assert!(!list.has_marks());
        assert!(!list.is_marked(7));
    }
}
