//! Marks: rows picked with `Space`, `V` or `*` so that one action, copy or export covers all of
//! them. The list keeps the marks ([`super::list::ListView`]); this module names the records
//! they are kept against, draws them and carries out the marking keys. It writes nothing.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::checklist::ChecklistKind;
use super::format;
use super::list::ListView;
use super::overlay::Overlay;
use super::tab::Tab;
use super::theme;
use crate::domain::risk::FindingKey;
use crate::domain::sync::SyncId;
use crate::domain::{AccountId, TrainerId};

/// What a mark is kept against: the record a row shows, whatever its place in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKey {
    Account(AccountId),
    Trainer(TrainerId),
    Sync(SyncId),
    Finding(FindingKey),
}

/// Drawn in the table's leading column, beside the cursor's `▶`, on every marked row.
pub const GLYPH: &str = "●";

/// Draws the mark of each marked row among `visible` (row positions, as the list's window gave
/// them) into the table drawn in `area`, each row `row_height` lines tall.
///
/// The mark goes in the second cell of the column the table keeps for its cursor (`▶ `), so
/// marking takes no width from the data and a table without marks looks as it always did.
pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    list: &ListView,
    visible: &[usize],
    row_height: u16,
) {
    if !list.has_marks() {
        return;
    }
    // Inside the border, below the header.
    let x = area.x.saturating_add(2);
    let first = area.y.saturating_add(2);
    let bottom = area.bottom().saturating_sub(1);
    let buffer = frame.buffer_mut();
    for (line, &row) in visible.iter().enumerate() {
        let y = first.saturating_add((line as u16).saturating_mul(row_height));
        if y >= bottom || x >= area.right().saturating_sub(1) {
            break;
        }
        if list.is_marked(row)
            && let Some(cell) = buffer.cell_mut((x, y))
        {
            cell.set_symbol(GLYPH).set_style(theme::KEY);
        }
    }
}

impl App {
    /// `Space`, `V`, `*`: marks on the list of the tab showing, or in the attendance checklist
    /// when it is open.
    pub(super) fn apply_marking(&mut self, action: Action) {
        if self.apply_marking_in_checklist(action) {
            return;
        }
        if self.tab == Tab::Program {
            self.inform(
                "The coverage list has no marks: mark rows on the other tabs' tables".to_string(),
            );
            return;
        }
        let list = self.list_mut();
        match action {
            Action::ToggleMark => list.toggle_mark(),
            Action::MarkRange => list.mark_range(),
            Action::MarkAllShown => list.mark_all_shown(),
            _ => return,
        }
        self.load_detail();
        // The count shows in front of the status line already; this says how to undo it.
        if action == Action::MarkAllShown {
            self.inform("Marked every row shown (Esc clears the marks)".to_string());
        }
    }

    /// Esc on a tab: clears the marks if there are any, and says so; `false` when there were
    /// none, so Esc goes on to mean back.
    pub(super) fn clear_marks(&mut self) -> bool {
        let cleared = self.list_mut().clear_marks();
        if cleared > 0 {
            self.inform(format!(
                "Cleared {}",
                format::counted(cleared as u64, "mark")
            ));
        }
        cleared > 0
    }

    /// `Space` and `*` in the attendance checklist; `false` elsewhere.
    pub(super) fn apply_marking_in_checklist(&mut self, action: Action) -> bool {
        let Some(Overlay::Checklist(list)) = &mut self.overlay else {
            return false;
        };
        // The invite list toggles with Space; marks there would have nothing to act on.
        if list.kind != ChecklistKind::Attendance {
            return true;
        }
        match action {
            Action::ToggleMark => list.toggle_mark(),
            Action::MarkAllShown => list.mark_all(),
            _ => {}
        }
        true
    }

    /// Esc in the attendance checklist clears its marks before it closes it; `false` when
    /// there were none.
    pub(super) fn clear_checklist_marks(&mut self) -> bool {
        let Some(Overlay::Checklist(list)) = &mut self.overlay else {
            return false;
        };
        let cleared = std::mem::take(&mut list.marked).len();
        if cleared > 0 {
            self.inform(format!(
                "Cleared {}",
                format::counted(cleared as u64, "mark")
            ));
        }
        cleared > 0
    }
}
