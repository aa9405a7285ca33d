//! Control characters and escape sequences in every text field, brought in through `t3 import`
//! and typed or pasted into the app's forms: on screen they are visible, harmless text in an
//! intact layout, and `t3 export` writes them out as documented (formula-looking cells guarded,
//! the rest as it was stored, so the file imports back unchanged).

// A failure anywhere here is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;

use common::{stderr_of, t3};

const TODAY: &str = "2026-06-15";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

/// What a hostile CRM export or a careless paste can put in a name: colour, a bell, a carriage
/// return that would overwrite the line, a tab, a bidi override that would reverse the rest of
/// the line, a window title, a screen clear and a formula. A NUL, which `t3 import` refuses as
/// binary data, reaches the file only through the app and the store.
const HOSTILE: [&str; 8] = [
    "Red\x1b[31m Alert",
    "Bell\x07 Ring",
    "Carriage\rReturn",
    "Tab\tInside",
    "Evil\u{202E}gnp.exe",
    "\x1b]0;pwned\x07Title",
    "\x1b[2J\x1b[HClear",
    "=HYPERLINK(\"http://x\")",
];

/// Whether a character would act on the terminal rather than show on it.
fn acts_on_the_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn write_csv(folder: &Path, kind: &str, header: &[&str], rows: &[Vec<String>]) -> PathBuf {
    let path = folder.join(format!("{kind}.csv"));
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
    path
}

fn import(home: &Path, db: &Path, kind: &str, file: &Path) {
    let output = t3(home)
        .args(["import", kind])
        .arg(file)
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .output()
        .unwrap();
    assert!(output.status.success(), "{kind}: {}", stderr_of(&output));
}

/// A hostile string made unique by `index`, starting with the hostile part.
fn hostile(index: usize) -> String {
    format!("{} {index}", HOSTILE[index % HOSTILE.len()])
}

/// Imports one row a hostile string into `db`, the row's cells made by `row`.
fn import_rows(
    home: &Path,
    db: &Path,
    kind: &str,
    header: &[&str],
    row: impl Fn(usize) -> Vec<String>,
) {
    let rows: Vec<Vec<String>> = (0..HOSTILE.len()).map(row).collect();
    import(home, db, kind, &write_csv(home, kind, header, &rows));
}

/// A database in `home` whose accounts, trainers, sessions, releases and materials were all
/// imported with hostile text in every text column.
fn hostile_portfolio(home: &Path) -> PathBuf {
    let db = home.join("hostile.db");
    let header = [
        "name",
        "segment",
        "seats",
        "csm_owner",
        "rollout_start",
        "renewal_date",
        "annual_value",
        "t3_status",
    ];
    import_rows(home, &db, "accounts", &header, |index| {
        let seats = (100 + index).to_string();
        vec![
            hostile(index),
            hostile(index + 1),
            seats,
            hostile(index + 2),
        ]
        .into_iter()
        .chain(["2026-01-05", "2027-01-05", "1000", "active"].map(String::from))
        .collect()
    });
    let header = ["account", "name", "email", "title", "department", "status"];
    import_rows(home, &db, "trainers", &header, |index| {
        let email = format!("trainer{index}@example.com");
        let (name, title, department) =
            (hostile(index + 3), hostile(index + 4), hostile(index + 5));
        vec![
            hostile(index),
            name,
            email,
            title,
            department,
            "certified".to_string(),
        ]
    });
    let header = ["email", "held_on", "topic", "attendees", "duration_min"];
    import_rows(home, &db, "sessions", &header, |index| {
        let email = format!("trainer{index}@example.com");
        vec![
            email,
            "2026-06-01".into(),
            hostile(index + 6),
            "12".into(),
            "60".into(),
        ]
    });
    let header = ["name", "shipped_on", "summary", "touches_trained_workflows"];
    import_rows(home, &db, "releases", &header, |index| {
        let shipped = format!("2026-0{}-01", 1 + index % 5);
        vec![hostile(index), shipped, hostile(index + 7), "true".into()]
    });
    let header = ["title", "kind", "version", "updated_for", "updated_on"];
    import_rows(home, &db, "materials", &header, |index| {
        let (title, version) = (hostile(index + 8), hostile(index));
        vec![
            title,
            "job-aid".into(),
            version,
            hostile(index),
            "2026-05-01".into(),
        ]
    });
    db
}

fn app_on(db: &Path) -> App {
    let store = Store::open(db).unwrap();
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn draw(app: &mut App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    terminal
}

/// Draws the app and fails, saying where, if any cell would act on the terminal.
fn assert_harmless(app: &mut App, place: &str) -> Terminal<TestBackend> {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    for (index, cell) in buffer.content.iter().enumerate() {
        assert!(
            !cell.symbol().chars().any(acts_on_the_terminal),
            "{place}: {:?} at column {}, line {}\n{}",
            cell.symbol(),
            index % usize::from(buffer.area.width),
            index / usize::from(buffer.area.width),
            terminal.backend()
        );
    }
    terminal
}

/// The screen as lines of text, the temporary folder written as `~`, for a snapshot that does
/// not change from run to run.
fn screen_text(terminal: &Terminal<TestBackend>, home: &Path) -> String {
    let buffer = terminal.backend().buffer();
    let lines: Vec<String> = buffer
        .content
        .chunks(usize::from(buffer.area.width))
        .map(|line| line.iter().map(ratatui::buffer::Cell::symbol).collect())
        .collect();
    lines.join("\n").replace(&home.display().to_string(), "~")
}

/// The right border of a bordered pane on every line between its corners, as drawn.
fn assert_borders_intact(terminal: &Terminal<TestBackend>) {
    let buffer = terminal.backend().buffer();
    let right = buffer.area.width - 1;
    for y in 2..buffer.area.height - 3 {
        assert_eq!(
            buffer[(right, y)].symbol(),
            "│",
            "line {y} lost its border\n{}",
            terminal.backend()
        );
    }
}

#[test]
fn imported_control_characters_show_as_harmless_text_on_every_tab() {
    let home = tempfile::tempdir().unwrap();
    let db = hostile_portfolio(home.path());
    let mut app = app_on(&db);

    let terminal = assert_harmless(&mut app, "Accounts");
    assert_borders_intact(&terminal);
    insta::assert_snapshot!("imported_accounts", screen_text(&terminal, home.path()));
    press(&mut app, KeyCode::Enter);
    assert_harmless(&mut app, "the account's detail");
    press(&mut app, KeyCode::Esc);

    typing(&mut app, "2");
    let terminal = assert_harmless(&mut app, "Roster");
    assert_borders_intact(&terminal);
    insta::assert_snapshot!("imported_roster", screen_text(&terminal, home.path()));
    press(&mut app, KeyCode::Enter);
    let terminal = assert_harmless(&mut app, "the trainer's detail");
    insta::assert_snapshot!(
        "imported_trainer_detail",
        screen_text(&terminal, home.path())
    );
    press(&mut app, KeyCode::Esc);
    typing(&mut app, "L");
    assert_harmless(&mut app, "the trainer's sessions");
    press(&mut app, KeyCode::Esc);

    for (tab, place) in [
        ("3", "Certification"),
        ("4", "Syncs"),
        ("5", "At risk"),
        ("6", "Program"),
    ] {
        typing(&mut app, tab);
        assert_harmless(&mut app, place);
        press(&mut app, KeyCode::Enter);
        assert_harmless(&mut app, &format!("{place} detail"));
        press(&mut app, KeyCode::Esc);
    }
    typing(&mut app, "R");
    let terminal = assert_harmless(&mut app, "Releases");
    insta::assert_snapshot!("imported_releases", screen_text(&terminal, home.path()));
}

#[test]
fn imported_control_characters_stay_harmless_in_the_edit_forms() {
    let home = tempfile::tempdir().unwrap();
    let db = hostile_portfolio(home.path());
    let mut app = app_on(&db);
    typing(&mut app, "e");
    let terminal = assert_harmless(&mut app, "the account form");
    insta::assert_snapshot!("imported_account_form", screen_text(&terminal, home.path()));
    press(&mut app, KeyCode::Esc);
    typing(&mut app, "2e");
    assert_harmless(&mut app, "the trainer form");
}

/// Keys a terminal could deliver as characters: ESC, BEL, CR, TAB, NUL and a bidi override.
const TYPED: &str = "Typed\x1b[31m\x07\r\t\x00\u{202E}end";

#[test]
fn control_characters_typed_or_pasted_into_forms_show_as_harmless_text() {
    let home = tempfile::tempdir().unwrap();
    let db = common::demo_database(home.path(), TODAY);
    let mut app = app_on(&db);

    typing(&mut app, "a");
    typing(&mut app, TYPED);
    assert_harmless(&mut app, "the account form, typed");
    app.handle_event(&Event::Paste(format!(" pasted{}", HOSTILE.join(" "))));
    let terminal = assert_harmless(&mut app, "the account form, pasted");
    insta::assert_snapshot!(
        "typed_and_pasted_account_form",
        screen_text(&terminal, home.path())
    );
    for field in ["Enterprise", "250", "Dana\x1b[1m", "", "", "1000"] {
        press(&mut app, KeyCode::Tab);
        typing(&mut app, field);
    }
    press(&mut app, KeyCode::Enter);
    assert_harmless(&mut app, "the account saved");
    let saved = app
        .store()
        .accounts()
        .unwrap()
        .into_iter()
        .find(|account| account.fields.name.starts_with("Typed"));
    assert!(saved.is_some(), "not saved: {:?}", app.message());

    typing(&mut app, "n");
    typing(&mut app, TYPED);
    app.handle_event(&Event::Paste(HOSTILE.join("\n")));
    assert_harmless(&mut app, "the note form");
    press(&mut app, KeyCode::Enter);
    let terminal = assert_harmless(&mut app, "the note saved");
    assert_borders_intact(&terminal);

    typing(&mut app, "/");
    typing(&mut app, TYPED);
    app.handle_event(&Event::Paste(HOSTILE.join(" ")));
    assert_harmless(&mut app, "the filter");
    press(&mut app, KeyCode::Esc);

    typing(&mut app, ":");
    typing(&mut app, TYPED);
    app.handle_event(&Event::Paste(HOSTILE.join(" ")));
    assert_harmless(&mut app, "the command line");
    press(&mut app, KeyCode::Enter);
    assert_harmless(&mut app, "the command refused");
}

fn export(home: &Path, db: &Path, kind: &str, format: &str) -> String {
    let output = t3(home)
        .args(["export", kind, "--format", format])
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .output()
        .unwrap();
    assert!(output.status.success(), "{kind}: {}", stderr_of(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn export_guards_formulas_and_keeps_the_rest_as_stored() {
    let home = tempfile::tempdir().unwrap();
    let db = hostile_portfolio(home.path());

    let csv = export(home.path(), &db, "accounts", "csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|record| record.unwrap()[0].to_string())
        .collect();
    assert!(
        names.contains(&"'=HYPERLINK(\"http://x\") 7".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"Red\x1b[31m Alert 0".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"Evil\u{202E}gnp.exe 4".to_string()),
        "{names:?}"
    );

    let json = export(home.path(), &db, "accounts", "json");
    assert!(json.contains(r"\u001b[2J\u001b[HClear 6"), "{json}");
    assert!(json.contains(r#""=HYPERLINK(\"http://x\") 7""#), "{json}");

    // The guarded export imports back unchanged into a fresh database.
    let copy = home.path().join("copy.db");
    let file = home.path().join("exported-accounts.csv");
    std::fs::write(&file, &csv).unwrap();
    import(home.path(), &copy, "accounts", &file);
    assert_eq!(export(home.path(), &copy, "accounts", "csv"), csv);
}

#[test]
fn a_nul_is_refused_by_import_and_harmless_when_stored() {
    let home = tempfile::tempdir().unwrap();
    let db = common::demo_database(home.path(), TODAY);
    let before = std::fs::read(&db).unwrap();
    let header = [
        "name",
        "segment",
        "seats",
        "csm_owner",
        "rollout_start",
        "renewal_date",
        "annual_value",
        "t3_status",
    ];
    let row = ["Nul\x00Byte", "SMB", "10", "Dana", "", "", "0", "none"].map(String::from);
    let file = write_csv(home.path(), "accounts", &header, &[row.to_vec()]);
    let output = t3(home.path())
        .args(["import", "accounts"])
        .arg(&file)
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        stderr_of(&output).contains("NUL byte on line 2"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a refused import changed the file"
    );

    // SQLite keeps a NUL inside text, so the store can hold one that came another way.
    let mut store = Store::open(&db).unwrap();
    common::add_account(&mut store, "Aaa Nul\x00Byte Corp");
    drop(store);
    let mut app = app_on(&db);
    let terminal = assert_harmless(&mut app, "Accounts with a NUL");
    assert!(screen_text(&terminal, home.path()).contains("Aaa Nul␀Byte Corp"));
}

/// The embedded questionnaire with escape sequences in a criterion's name and purpose, a
/// question, a point of the scale and a warning, as a user's own copy could hold them.
fn hostile_questionnaire() -> Questionnaire {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/questionnaire.toml"),
    )
    .unwrap();
    let text = [
        "Organisational credibility",
        "Training from someone colleagues",
        "Do colleagues seek their advice",
        "Sometimes\"",
        "{criterion} scores {score}",
    ]
    .iter()
    .fold(text, |text, wording| {
        text.replacen(wording, &format!("\\u001b[2J\\u0007\\u202e{wording}"), 1)
    });
    Questionnaire::parse(&text, "hostile questionnaire").unwrap()
}

#[test]
fn a_questionnaire_with_escape_sequences_draws_as_harmless_text() {
    let home = tempfile::tempdir().unwrap();
    let db = common::demo_database(home.path(), TODAY);
    let mut store = Store::open(&db).unwrap();
    common::add_fresh_candidate(&mut store);
    let mut app = App::new(store, today(), hostile_questionnaire()).unwrap();
    typing(&mut app, "2/Kilroy");
    press(&mut app, KeyCode::Enter);
    typing(&mut app, "Q3");
    let terminal = assert_harmless(&mut app, "the questionnaire's first step");
    assert!(screen_text(&terminal, home.path()).contains("␛[2J␇�Organisational"));
    for _ in 0..4 {
        typing(&mut app, "111");
        press(&mut app, KeyCode::PageDown);
    }
    assert_harmless(&mut app, "the questionnaire's summary");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    typing(&mut app, "C");
    assert_harmless(&mut app, "the comparison");
}

/// What `t3 export` writes when its output is a terminal, read through a pseudo-terminal.
fn export_to_a_terminal(home: &Path, db: &Path, kind: &str, format: &str) -> String {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_t3"));
    command
        .args(["export", kind, "--format", format])
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("T3_DB");
    let mut session = expectrl::Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(std::time::Duration::from_secs(15)));
    let captures = expectrl::Expect::expect(&mut session, expectrl::Eof).unwrap();
    String::from_utf8_lossy(captures.as_bytes()).into_owned()
}

#[test]
fn export_to_a_terminal_shows_control_characters_as_the_app_does() {
    let home = tempfile::tempdir().unwrap();
    let db = hostile_portfolio(home.path());
    // JSON escapes control characters itself; a bidi override it leaves as it is.
    for (format, expected) in [
        ("csv", "Red␛[31m Alert 0"),
        ("json", r"Red\u001b[31m Alert 0"),
    ] {
        let shown = export_to_a_terminal(home.path(), &db, "accounts", format);
        assert!(shown.contains(expected), "{format}: {shown:?}");
        assert!(
            shown.contains("Evil\u{FFFD}gnp.exe 4"),
            "{format}: {shown:?}"
        );
        let raw = shown.replace("\r\n", "\n");
        assert!(
            !raw.chars().any(acts_on_the_terminal_but_a_line_end),
            "{format}: {shown:?}"
        );
    }
}

fn acts_on_the_terminal_but_a_line_end(c: char) -> bool {
    c != '\n' && acts_on_the_terminal(c)
}
