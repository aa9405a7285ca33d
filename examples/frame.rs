//! Opens the app on a database and draws its first screen into a 200×50 `TestBackend` a number
//! of times, for counting the instructions of a frame with valgrind (see BENCHMARKS.md):
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='*try_draw*' \
//!     target/release/examples/frame DB [FRAMES]
//! ```
//!
//! With `every-tab` after FRAMES it then shows each tab in turn and draws it, so that
//! `/usr/bin/time -f %M` gives the app's peak memory with every tab's rows read:
//!
//! ```text
//! /usr/bin/time -f %M target/release/examples/frame DB 1 every-tab
//! ```

// A measurement that cannot set itself up has nothing to measure: failing loudly is right.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: frame DB [FRAMES]");
    let frames: usize = args
        .next()
        .map_or(10, |n| n.parse().expect("FRAMES is a number"));
    let every_tab = args.next().as_deref() == Some("every-tab");
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let store = Store::open_read_only(std::path::Path::new(&path)).unwrap();
    let mut app = App::open(store, today, Questionnaire::embedded().unwrap()).unwrap();
    // Every frame counted is the whole first screen, its Risk column judged.
    app.catch_up();
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    for _ in 0..frames {
        terminal.draw(|frame| app.render(frame)).unwrap();
    }
    if every_tab {
        for tab in ['2', '3', '4', '5', '6', '1'] {
            app.handle_key(KeyEvent::new(KeyCode::Char(tab), KeyModifiers::NONE));
            terminal.draw(|frame| app.render(frame)).unwrap();
        }
    }
}
