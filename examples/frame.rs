//! Opens the app on a database and draws its first screen into a 200×50 `TestBackend` a number
//! of times, for counting the instructions of a frame with valgrind (see BENCHMARKS.md):
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='*try_draw*' \
//!     target/release/examples/frame DB [FRAMES]
//! ```

// A measurement that cannot set itself up has nothing to measure: failing loudly is right.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
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
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let store = Store::open_read_only(std::path::Path::new(&path)).unwrap();
    let mut app = App::new(store, today, Questionnaire::embedded().unwrap()).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    for _ in 0..frames {
        terminal.draw(|frame| app.render(frame)).unwrap();
    }
}
