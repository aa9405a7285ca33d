//! Long random key sequences and terminal sizes against the whole app on a demo database in a
//! temporary file: no key, paste or size may panic, and the file must pass SQLite's integrity
//! check afterwards.
//!
//! The keys are every key the keymap binds, in any context, and the keys a user types at
//! random: printable characters, Esc, Enter, Tab, arrows and Ctrl-letters. Keys that would quit
//! or suspend the app where they land are skipped, so a sequence runs to its end.

// A failure anywhere here is a test failure.
#![allow(clippy::unwrap_used)]

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;
use t3::ui::action::Action;
use t3::ui::keymap::{BINDINGS, Key, KeyMap};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

/// One thing the user or the terminal does between two frames.
#[derive(Clone)]
enum Step {
    Press(KeyEvent),
    /// A word typed one key at a time: a value or command that reaches past the first field.
    Type(&'static str),
    Paste(String),
    /// A click or a turn of the wheel at a column and line, which may be off the screen.
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
    /// The event loop's idle tick, with the clock moved on a minute.
    Tick,
}

/// Written as a person would read a failing sequence: `Ctrl-R`, `paste "…"`, `80×24`.
impl fmt::Debug for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Press(event) => f.write_str(&Key::from_event(*event).label()),
            Step::Type(text) => write!(f, "type {text:?}"),
            Step::Paste(text) => write!(f, "paste {text:?}"),
            Step::Mouse(kind, column, row) => write!(f, "{kind:?} at {column},{row}"),
            Step::Resize(width, height) => write!(f, "{width}×{height}"),
            Step::Tick => f.write_str("tick"),
        }
    }
}

/// Every key the default keymap binds anywhere, and the keys a user might press at random.
fn key_pool() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = BINDINGS
        .iter()
        .flat_map(|binding| binding.keys.iter())
        .map(|key| KeyEvent::new(key.code, key.modifiers))
        .collect();
    let plain = [
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::F(1),
    ];
    keys.extend(plain.map(|code| KeyEvent::new(code, KeyModifiers::NONE)));
    keys.extend(('a'..='z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    keys.push(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    keys.push(KeyEvent::new(KeyCode::Backspace, KeyModifiers::CONTROL));
    keys.sort_by_key(|key| format!("{key:?}"));
    keys.dedup();
    keys
}

/// Values at the edges of what the forms, filters and commands read, and commands that open
/// deeper screens.
const WORDS: &[&str] = &[
    "0",
    "-1",
    "100",
    "4294967296",
    "99999999999999999999999",
    "2026-06-15",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "262143-12-31",
    "23:59",
    "25:61",
    "seats:>99999999999999999999",
    "renewal:<99999999999d",
    "renewal:>-99999999999d",
    "expires:<262143-01-01",
    "status:lapsed",
    "!a",
    "\"",
    "goto account n",
    "goto trainer a",
    "tab syncs",
    "snooze 30d",
    "snooze 9999-12-31",
    "sort seats",
    "filter score:>3",
    "export accounts csv",
    "view 99",
    "qbr",
    "import accounts missing.csv",
    "Europe/Berlin",
    "https://example.com/recording",
];

fn printable() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        1 => prop::sample::select(vec!['é', 'ß', '田', '🚀', '\u{301}', '\u{200D}', '€']),
        // Only a synthetic event carries these as characters, but nothing may break on them.
        1 => prop::sample::select(vec!['\x1b', '\x07', '\t', '\r', '\0', '\u{202E}']),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        prop::sample::select(vec![
            (1, 1),
            (20, 5),
            (59, 15),
            (60, 16),
            (80, 24),
            (100, 30),
            (120, 40),
            (200, 50),
        ]),
        (0u16..=220, 0u16..=70),
    ]
}

fn mouse_kind() -> impl Strategy<Value = MouseEventKind> {
    prop::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
    ])
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => prop::sample::select(key_pool()).prop_map(Step::Press),
        2 => prop::sample::select(WORDS).prop_map(Step::Type),
        6 => printable().prop_map(|c| Step::Press(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
        1 => "[ -~\\n\\t\\x1b\\x07é田🚀]{0,12}".prop_map(Step::Paste),
        1 => size().prop_map(|(width, height)| Step::Resize(width, height)),
        1 => (mouse_kind(), 0u16..=210, 0u16..=60)
            .prop_map(|(kind, column, row)| Step::Mouse(kind, column, row)),
        1 => Just(Step::Tick),
    ]
}

/// A temporary folder, in memory where the machine has one: the app commits and syncs on every
/// change, and thousands of syncs to a disk would take most of the test's time.
fn scratch_folder() -> tempfile::TempDir {
    let memory = Path::new("/dev/shm");
    if memory.is_dir()
        && let Ok(folder) = tempfile::tempdir_in(memory)
    {
        return folder;
    }
    tempfile::tempdir().unwrap()
}

/// The seeded demo portfolio, written once to a file each case copies.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let folder = scratch_folder();
            let mut store = Store::open(&folder.path().join("portfolio.db")).unwrap();
            t3::demo::seed(&mut store, today()).unwrap();
            folder
        })
        .path()
}

/// Whether `key` would end or suspend the app in the context it lands in.
fn leaves_the_app(app: &App, key: KeyEvent) -> bool {
    static KEYMAP: OnceLock<KeyMap> = OnceLock::new();
    let keymap = KEYMAP.get_or_init(KeyMap::default);
    matches!(
        keymap.resolve(app.context(), key),
        Some(Action::Quit | Action::Suspend)
    )
}

/// Presses `key` unless it would end or suspend the app where it lands.
fn press(app: &mut App, key: KeyEvent) {
    if !leaves_the_app(app, key) {
        app.handle_key(key);
    }
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let folder = scratch_folder();
    let db = folder.path().join("portfolio.db");
    std::fs::copy(template().join("portfolio.db"), &db).unwrap();
    let store = Store::open(&db).unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    app.set_mouse(true);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut clock = std::time::Duration::ZERO;
    for step in steps {
        match step {
            Step::Press(key) => press(&mut app, *key),
            Step::Type(text) => {
                for c in text.chars() {
                    press(
                        &mut app,
                        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                    );
                }
            }
            Step::Paste(text) => app.handle_event(&Event::Paste(text.clone())),
            Step::Mouse(kind, column, row) => app.handle_event(&Event::Mouse(MouseEvent {
                kind: *kind,
                column: *column,
                row: *row,
                modifiers: KeyModifiers::NONE,
            })),
            Step::Resize(width, height) => terminal.backend_mut().resize(*width, *height),
            Step::Tick => {
                clock += std::time::Duration::from_mins(1);
                app.set_clock(clock);
                app.tick();
            }
        }
        app.take_clipboard();
        app.take_bell();
        terminal.draw(|frame| app.draw(frame)).unwrap();
    }
    prop_assert!(!app.should_quit());
    drop(app);

    let report = Store::check(&db).unwrap();
    prop_assert!(report.is_sound(), "{:?}", report.problems);
    Ok(())
}

/// 32 sequences by default, which CI runs in well under half a minute; `T3_FUZZ_CASES` asks for
/// more when hunting.
fn cases() -> u32 {
    std::env::var("T3_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(32)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_keys_and_sizes_never_panic_or_harm_the_file(
        steps in prop::collection::vec(step(), 1..200)
    ) {
        // Commands typed on the `:` line may name files by relative paths (a backup, an
        // import, an export): they land in a folder of the test's own.
        static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
        let folder = FOLDER.get_or_init(scratch_folder);
        std::env::set_current_dir(folder.path()).unwrap();
        run(&steps)?;
    }
}
