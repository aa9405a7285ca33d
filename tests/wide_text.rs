//! Names that take more or fewer terminal columns than characters: CJK (two columns each),
//! emoji joined into one picture (👩‍👩‍👧, two columns for five characters) and letters with a
//! combining accent (`e` + U+0301, one column for two characters). Whatever the names, every
//! column after them starts at the same place on each line.

// A failure anywhere here is a test failure.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use t3::domain::program::SessionFields;
use t3::domain::questionnaire::Questionnaire;
use t3::domain::{AccountFields, T3Status, TrainerFields, TrainerStatus};
use t3::store::Store;
use t3::ui::App;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

/// Account names and their trainer's names, each a different way of being wider or narrower
/// than its characters. The CJK account name is longer than the column, so it is cut too.
const NAMES: [(&str, &str); 6] = [
    ("株式会社ミライ製作所グローバル物流本部", "田中 美咲"),
    ("Família 👩‍👩‍👧 Holdings", "👩‍👩‍👧 Ana Ribeiro"),
    (
        "Cafe\u{301} Zoe\u{308} Partners",
        "Jose\u{301} Nun\u{303}ez",
    ),
    ("Rocket 🚀 Labs", "Zoë 🚀 Lindqvist"),
    ("Ünïcödé ＦＵＬＬＷＩＤＴＨ", "ＦＵＬＬ Ｗｉｄｔｈ"),
    ("Plain Old Company", "Pat Plain"),
];

fn wide_app() -> App {
    let mut store = Store::in_memory().unwrap();
    for (index, (account_name, trainer_name)) in NAMES.iter().enumerate() {
        let account = store
            .insert_account(&AccountFields {
                name: (*account_name).to_string(),
                segment: "Enterprise".to_string(),
                seats: 100 + index as u32,
                csm_owner: (*trainer_name).to_string(),
                rollout_start: None,
                renewal_date: NaiveDate::from_ymd_opt(2027, 1, 1),
                annual_value: 1000,
                t3_status: T3Status::Active,
            })
            .unwrap();
        for (suffix, status) in [
            ("", TrainerStatus::Certified),
            (" Ⅱ", TrainerStatus::Candidate),
        ] {
            let trainer = store
                .insert_trainer(
                    &TrainerFields {
                        account_id: account,
                        name: format!("{trainer_name}{suffix}"),
                        email: format!("t{index}{}@example.com", suffix.len()),
                        title: "Lead 講師".to_string(),
                        department: "Ops".to_string(),
                    },
                    status,
                )
                .unwrap();
            if status == TrainerStatus::Certified {
                let session = SessionFields {
                    held_on: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
                    topic: format!("{account_name} onboarding"),
                    attendees: 12,
                    duration_minutes: 60,
                };
                store
                    .log_session(&session.delivered_by(trainer, account))
                    .unwrap();
            }
        }
    }
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn draw(app: &mut App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    terminal
}

/// The cell (the screen column) where `needle` starts on line `y`, one cell per character.
fn column_of(buffer: &Buffer, y: u16, needle: &str) -> Option<u16> {
    let wanted: Vec<String> = needle.chars().map(String::from).collect();
    let width = buffer.area.width;
    (0..width).find(|&x| {
        wanted.iter().enumerate().all(|(offset, symbol)| {
            let at = x + offset as u16;
            at < width && buffer[(at, y)].symbol() == symbol
        })
    })
}

/// The screen columns where `needle` starts, one entry for each line that holds it.
fn columns_of(buffer: &Buffer, needle: &str) -> Vec<u16> {
    (0..buffer.area.height)
        .filter_map(|y| column_of(buffer, y, needle))
        .collect()
}

fn assert_aligned(buffer: &Buffer, needle: &str, lines: usize) {
    let columns = columns_of(buffer, needle);
    assert_eq!(columns.len(), lines, "{needle} on {columns:?}");
    assert!(
        columns.windows(2).all(|pair| pair[0] == pair[1]),
        "{needle} starts at different columns: {columns:?}"
    );
}

#[test]
fn accounts_keep_their_columns_with_wide_and_combining_names() {
    let mut app = wide_app();
    let terminal = draw(&mut app);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    assert_aligned(buffer, "Enterprise", NAMES.len());
    assert_aligned(buffer, "2027-01-01", NAMES.len());
}

#[test]
fn the_account_detail_lines_up_its_trainers() {
    let mut app = wide_app();
    // The Família account: its trainer's name starts with a joined emoji.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let terminal = draw(&mut app);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    assert_aligned(buffer, "Lead", 2);
}

#[test]
fn the_account_detail_pads_every_kind_of_name_alike() {
    let mut app = wide_app();
    let mut starts = Vec::new();
    for _ in NAMES {
        press(&mut app, KeyCode::Enter);
        let terminal = draw(&mut app);
        starts.extend(columns_of(terminal.backend().buffer(), "Lead"));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(starts.len(), 2 * NAMES.len(), "{starts:?}");
    assert!(
        starts.windows(2).all(|pair| pair[0] == pair[1]),
        "the title after the trainer's name moves: {starts:?}"
    );
}

#[test]
fn the_roster_keeps_its_columns_with_wide_and_combining_names() {
    let mut app = wide_app();
    press(&mut app, KeyCode::Char('2'));
    let terminal = draw(&mut app);
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    assert_aligned(buffer, "certified", NAMES.len());
    assert_aligned(buffer, "candidate", NAMES.len());
}

#[test]
fn the_roster_detail_lines_up_session_topics() {
    let mut app = wide_app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    for c in "status:certified".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let mut starts = Vec::new();
    for _ in NAMES {
        press(&mut app, KeyCode::Enter);
        let terminal = draw(&mut app);
        starts.extend(columns_of(terminal.backend().buffer(), "attendees"));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(starts.len(), NAMES.len(), "{starts:?}");
    assert!(
        starts.windows(2).all(|pair| pair[0] == pair[1]),
        "the attendees after the topic move: {starts:?}"
    );
}

#[test]
fn saved_views_line_up_whatever_their_names() {
    let folder = tempfile::tempdir().unwrap();
    let mut app = wide_app();
    app.set_view_files(Some(folder.path().join("views.toml")), None);
    app.set_filter_text("seats:>1").unwrap();
    for name in ["東京 renewals", "👩‍👩‍👧 family", "Cafe\u{301} seats", "plain"] {
        app.save_view(name).unwrap();
    }
    app.set_filter_text("").unwrap();
    press(&mut app, KeyCode::Char('\''));
    let terminal = draw(&mut app);
    assert_aligned(terminal.backend().buffer(), "seats:>1", 4);
}

#[test]
fn comparison_headers_hold_wide_criteria_names_whole_and_escapes_as_text() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/questionnaire.toml"),
    )
    .unwrap()
    .replace("Organisational credibility", "組織の信頼性 credibility")
    .replace("Communication clarity", "Cafe\u{301}\\u001b[31m clarity");
    let questionnaire = Questionnaire::parse(&text, "test").unwrap();
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    let account = store.account_rows(today()).unwrap()[0].account.id;
    let candidate = TrainerFields {
        account_id: account,
        name: "Kilroy Quench".to_string(),
        email: "kilroy@example.com".to_string(),
        title: String::new(),
        department: String::new(),
    };
    store
        .insert_trainer(&candidate, TrainerStatus::Candidate)
        .unwrap();
    let mut app = App::new(store, today(), questionnaire).unwrap();
    press(&mut app, KeyCode::Char('C'));
    let terminal = draw(&mut app);
    let buffer = terminal.backend().buffer();
    let header: String = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .find(|line| line.contains("Overall"))
        .unwrap();
    assert!(header.contains("組 織 の 信 頼 性"), "{header}");
    assert!(header.contains("Cafe\u{301}␛[31m"), "{header}");
}
