//! Themes on whole screens: the Accounts tab of the demo portfolio drawn in each built-in theme
//! and in a user's light theme, snapshotted with every cell's style, and the default styles
//! checked to read on dark and light terminals alike. Then the binary in a pseudo-terminal:
//! `NO_COLOR` leaves colour out, the mouse is captured only when asked for, the settings file
//! chooses both, and a broken theme is reported without stopping the app.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;
use t3::ui::themes::{self, Theme};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn demo_app() -> App {
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

fn drawn(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().buffer().clone()
}

/// The Accounts tab at 80×24 in `theme`: its text, then each run of cells sharing a style.
fn accounts_in(theme: Theme) -> String {
    let mut app = demo_app();
    app.set_theme(theme);
    format!("{:?}", drawn(&mut app, 80, 24))
}

fn fixture_themes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/themes")
}

#[test]
fn accounts_in_the_default_theme() {
    insta::assert_snapshot!(accounts_in(Theme::default_theme()));
}

#[test]
fn accounts_in_high_contrast() {
    let chosen = themes::choose(Some("high-contrast"), None, false);
    assert_eq!(chosen.notice, None);
    insta::assert_snapshot!(accounts_in(chosen.theme));
}

#[test]
fn accounts_under_no_color() {
    let chosen = themes::choose(None, None, true);
    assert_eq!(chosen.theme.name(), "monochrome");
    insta::assert_snapshot!(accounts_in(chosen.theme));
}

#[test]
fn accounts_in_a_users_light_theme() {
    let chosen = themes::choose(Some("paper"), Some(&fixture_themes()), false);
    assert_eq!(chosen.notice, None);
    assert_eq!(chosen.theme.name(), "paper");
    insta::assert_snapshot!(accounts_in(chosen.theme));
}

#[test]
fn a_broken_user_theme_is_named_with_its_line_and_key_and_the_default_stands_in() {
    let chosen = themes::choose(Some("broken"), Some(&fixture_themes()), false);
    assert_eq!(chosen.theme, Theme::default_theme());
    let notice = chosen.notice.unwrap();
    assert!(
        notice.contains("broken.toml, line 3, column 10, key colours.yellow: "),
        "{notice}"
    );
    assert!(notice.contains("\"mustard\" is not a colour"), "{notice}");
    assert!(
        notice.ends_with("; using the default theme meanwhile"),
        "{notice}"
    );
}

/// White or black text vanishes on one of the two backgrounds, greys on one or the other, and
/// a fixed RGB or palette colour suits only the background it was picked for.
fn reads_on_dark_and_light(buffer: &Buffer, screen: &str) {
    for (at, cell) in buffer.content.iter().enumerate() {
        let foreground_ok = !matches!(
            cell.fg,
            Color::White
                | Color::Black
                | Color::Gray
                | Color::DarkGray
                | Color::Rgb(..)
                | Color::Indexed(_)
        );
        assert!(
            foreground_ok && cell.bg == Color::Reset,
            "{screen}: cell {at} ({:?}) is drawn {:?} on {:?}",
            cell.symbol(),
            cell.fg,
            cell.bg
        );
    }
}

#[test]
fn the_default_styles_read_on_dark_and_light_terminals() {
    let mut app = demo_app();
    for tab in "123456".chars() {
        common::key(&mut app, KeyCode::Char(tab));
        reads_on_dark_and_light(&drawn(&mut app, 120, 40), &format!("tab {tab}"));
        common::key(&mut app, KeyCode::Enter);
        reads_on_dark_and_light(&drawn(&mut app, 120, 40), &format!("tab {tab}, detail"));
        common::key(&mut app, KeyCode::Esc);
    }
    common::key(&mut app, KeyCode::Char('1'));
    common::key(&mut app, KeyCode::Char('?'));
    reads_on_dark_and_light(&drawn(&mut app, 120, 40), "help");
    common::key(&mut app, KeyCode::Esc);
    common::key(&mut app, KeyCode::Char('a'));
    reads_on_dark_and_light(&drawn(&mut app, 120, 40), "account form");
    common::key(&mut app, KeyCode::Esc);
    common::typing(&mut app, "3p");
    let practicum = drawn(&mut app, 120, 40);
    assert!(
        format!("{practicum:?}").contains("Time left"),
        "practicum mode is open"
    );
    reads_on_dark_and_light(&practicum, "practicum");
}

/// How long to wait for the first screen, or for the app to exit; CI machines can be slow.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Everything `t3 --demo` writes to a pseudo-terminal from start to quit, with `args` added and
/// `NO_COLOR` as given, in a throwaway home.
fn demo_output(args: &[&str], no_color: Option<&str>) -> String {
    demo_output_in(tempfile::tempdir().unwrap().path(), args, no_color)
}

/// [`demo_output`] with `home` as the home, whose `config/t3` may hold settings and themes.
fn demo_output_in(home: &Path, args: &[&str], no_color: Option<&str>) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_t3"));
    command
        .args(["--demo", "--today", "2026-06-15"])
        .args(args)
        .env_remove("T3_DB")
        .env_remove("T3_CONFIG")
        .env_remove("NO_COLOR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TERM", "xterm-256color");
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let mut session: OsSession = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(TIMEOUT));
    let first = session.expect("Atlas").unwrap();
    let mut output = [first.before(), first.as_bytes()].concat();
    session.send("q").unwrap();
    output.extend_from_slice(session.expect(Eof).unwrap().as_bytes());
    String::from_utf8_lossy(&output).into_owned()
}

/// crossterm writes a foreground or background colour as `ESC [38;…m` or `ESC [48;…m`; going
/// back to the terminal's own colours is `ESC [39m` and `ESC [49m`, which are no colour.
fn sets_a_colour(output: &str) -> bool {
    output.contains("\x1b[38;") || output.contains("\x1b[48;")
}

/// The sequence crossterm starts mouse capture with.
const MOUSE_CAPTURE: &str = "\x1b[?1000h";

#[test]
fn no_color_leaves_colour_out_but_keeps_emphasis() {
    assert!(sets_a_colour(&demo_output(&[], None)), "colour by default");
    assert!(
        sets_a_colour(&demo_output(&[], Some(""))),
        "an empty NO_COLOR is unset"
    );
    let output = demo_output(&[], Some("1"));
    assert!(!sets_a_colour(&output), "NO_COLOR=1 still wrote a colour");
    assert!(
        output.contains("\x1b[7m"),
        "the selection is still reversed"
    );
    let named = demo_output(&["--theme", "high-contrast"], Some("1"));
    assert!(
        sets_a_colour(&named),
        "a theme asked for by name wins over NO_COLOR"
    );
}

#[test]
fn the_mouse_is_captured_only_when_asked_for() {
    assert!(!demo_output(&[], None).contains(MOUSE_CAPTURE));
    let output = demo_output(&["--mouse"], None);
    assert!(output.contains(MOUSE_CAPTURE));
    assert!(output.contains("\x1b[?1000l"), "and given back on quit");
}

/// A home whose config directory holds `config` as `config.toml` and the fixture themes.
fn home_with(config: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let themes = home.path().join("config/t3/themes");
    std::fs::create_dir_all(&themes).unwrap();
    for name in ["paper", "broken"] {
        let file = format!("{name}.toml");
        std::fs::copy(fixture_themes().join(&file), themes.join(&file)).unwrap();
    }
    std::fs::write(home.path().join("config/t3/config.toml"), config).unwrap();
    home
}

#[test]
fn the_settings_file_chooses_the_theme_and_the_mouse() {
    let home = home_with("theme = \"paper\"\nmouse = true\n");
    let output = demo_output_in(home.path(), &[], None);
    assert!(output.contains(MOUSE_CAPTURE));
    // The paper's background, #fbf7ee, as crossterm writes an RGB background.
    assert!(output.contains(";48;2;251;247;238m"), "no paper background");
    let output = demo_output_in(home.path(), &["--theme", "monochrome"], None);
    assert!(
        !sets_a_colour(&output),
        "--theme wins over the settings file"
    );
}

#[test]
fn a_broken_theme_is_reported_and_the_app_runs_without_it() {
    let home = home_with("");
    let output = demo_output_in(home.path(), &["--theme", "broken"], None);
    assert!(output.contains("broken.toml, line 3, column 10, key colours.yellow"));
    assert!(sets_a_colour(&output), "the default theme stands in");
}
