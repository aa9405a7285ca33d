//! Field filters, sorts chosen by name, saved views and the state kept between runs, driven
//! through the app without a terminal. Views and state go to a temporary folder, never the
//! real home.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::{key, screen, typing};
use crossterm::event::{Event, KeyCode};
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::keymap::Context;
use t3::ui::{App, Tab};
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

/// A seeded demo database in `dir`, as a file so that it has a path to remember state by.
fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("portfolio.db");
    let mut store = Store::open(&path).unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    path
}

/// The app on `db`, keeping its views and state under `dir`.
fn app_on(db: &Path, dir: &Path) -> App {
    let store = Store::open(db).unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    app.set_view_files(
        Some(dir.join("config").join("views.toml")),
        Some(dir.join("state").join("ui-state.toml")),
    );
    app
}

fn sandbox() -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let app = app_on(&db, dir.path());
    (dir, app)
}

fn message(app: &App) -> String {
    app.message()
        .map(|message| message.text.clone())
        .unwrap_or_default()
}

/// The line of the selected row, marker and all.
fn selected_line(app: &mut App) -> String {
    screen(app)
        .lines()
        .find(|line| line.contains('▶'))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn field_terms_filter_the_accounts() {
    let (_dir, mut app) = sandbox();
    let cases = [
        ("seats:>3000 owner:priya", "1 shown"),
        ("renewal:<30d", "2 shown"),
        ("!t3:active seats:>=1000", "4 shown"),
        ("owner:\"dana whitfield\" t3:=active", "5 shown"),
    ];
    for (filter, shown) in cases {
        let said = app.set_filter_text(filter).unwrap();
        assert!(said.contains(shown), "{filter}: {said}");
    }
    app.set_filter_text("seats:>3000 owner:priya").unwrap();
    assert!(selected_line(&mut app).contains("Copperline Telecom"));
}

#[test]
fn a_typed_unknown_field_is_named_and_the_list_stays() {
    let (_dir, mut app) = sandbox();
    typing(&mut app, "/seats:>3000");
    let before = screen(&mut app);
    assert!(before.contains("Accounts 4 of 32"), "{before}");
    // Pasted whole: typed a letter at a time, " colour" would be a fuzzy word on the way.
    app.handle_event(&Event::Paste(" colour:red".to_string()));
    let warning = app.message().unwrap().clone();
    assert!(warning.is_error);
    assert!(
        warning.text.contains("No field 'colour'"),
        "{}",
        warning.text
    );
    assert!(
        warning.text.contains("owner, t3, seats"),
        "{}",
        warning.text
    );
    assert!(screen(&mut app).contains("Accounts 4 of 32"));
    // A bad value names the field too.
    for _ in 0.." colour:red".len() {
        key(&mut app, KeyCode::Backspace);
    }
    assert!(screen(&mut app).contains("Accounts 4 of 32"));
    app.handle_event(&Event::Paste(" renewal:soon".to_string()));
    assert!(message(&app).contains("renewal takes a date"));
    assert!(screen(&mut app).contains("Accounts 4 of 32"));
}

#[test]
fn a_filter_set_whole_that_cannot_be_read_changes_nothing() {
    let (_dir, mut app) = sandbox();
    app.set_filter_text("owner:priya").unwrap();
    let error = app.set_filter_text("owner:priya budget:>5").unwrap_err();
    assert!(error.contains("No field 'budget'"), "{error}");
    assert!(
        app.set_filter_text("owner:priya")
            .unwrap()
            .contains("7 shown")
    );
}

#[test]
fn slash_on_a_kept_filter_replaces_it_as_you_type() {
    let (_dir, mut app) = sandbox();
    app.set_filter_text("owner:priya").unwrap();
    typing(&mut app, "/kestrel");
    key(&mut app, KeyCode::Enter);
    assert!(selected_line(&mut app).contains("Kestrel Insurance"));
    assert!(screen(&mut app).contains("Accounts 1 of 32"));
}

#[test]
fn sorts_are_chosen_by_name() {
    let (_dir, mut app) = sandbox();
    assert_eq!(app.sort_name(), Some("name"));
    let said = app.set_sort_by_name("Renewal").unwrap();
    assert!(said.contains("renewal (soonest first)"), "{said}");
    assert_eq!(app.sort_name(), Some("renewal"));
    key(&mut app, KeyCode::Char('g'));
    assert!(selected_line(&mut app).contains("Lakeshore County"));
    let error = app.set_sort_by_name("colour").unwrap_err();
    assert_eq!(
        error,
        "Accounts cannot be sorted by 'colour'; sort by name, renewal, seats, coverage, \
         adoption, t3, risk"
    );
    // `s` still cycles, on from the column chosen by name.
    typing(&mut app, "s");
    assert_eq!(app.sort_name(), Some("seats"));
    typing(&mut app, "4");
    assert_eq!(app.sort_name(), None);
    assert!(
        app.set_sort_by_name("date")
            .unwrap_err()
            .contains("one order")
    );
}

#[test]
fn a_view_is_saved_from_a_form_and_recalled_by_number() {
    let (dir, mut app) = sandbox();
    app.set_sort_by_name("seats").unwrap();
    app.set_filter_text("owner:priya").unwrap();
    typing(&mut app, "W");
    assert_eq!(app.context(), Context::Form);
    typing(&mut app, "Priya's big ones");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Accounts, "{}", message(&app));
    assert!(message(&app).contains("Saved view 'Priya's big ones'"));
    let file = std::fs::read_to_string(dir.path().join("config").join("views.toml")).unwrap();
    assert!(file.contains("filter = \"owner:priya\""), "{file}");
    assert!(file.contains("sort = \"seats\""), "{file}");

    // A second view on the Roster.
    typing(&mut app, "2");
    app.set_filter_text("status:lapsed").unwrap();
    app.save_view("lapsed").unwrap();

    // Elsewhere, with the filters gone, `'` then `1` brings the first back whole.
    app.set_filter_text("").unwrap();
    typing(&mut app, "1");
    app.set_filter_text("").unwrap();
    app.set_sort_by_name("name").unwrap();
    typing(&mut app, "3'");
    assert_eq!(app.context(), Context::Views);
    let list = screen(&mut app);
    assert!(list.contains("1 Priya's big ones"), "{list}");
    assert!(list.contains("2 lapsed"), "{list}");
    typing(&mut app, "1");
    assert_eq!(app.tab(), Tab::Accounts);
    assert_eq!(app.sort_name(), Some("seats"));
    assert!(selected_line(&mut app).contains("Copperline Telecom"));
    assert!(screen(&mut app).contains("Accounts 7 of 32"));

    // Enter recalls the selected one; the Roster shows only lapsed trainers.
    typing(&mut app, "'j");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tab(), Tab::Roster);
    assert!(message(&app).contains("View 'lapsed'"), "{}", message(&app));
    assert!(selected_line(&mut app).contains("lapsed"));

    // By name, in any case, as the command line will.
    assert!(app.recall_view("PRIYA'S BIG ONES").is_ok());
    assert_eq!(app.tab(), Tab::Accounts);
    let error = app.recall_view("nothing").unwrap_err();
    assert!(error.contains("saved: Priya's big ones, lapsed"), "{error}");
}

#[test]
fn a_view_is_deleted_only_after_a_yes() {
    let (_dir, mut app) = sandbox();
    app.save_view("first").unwrap();
    app.save_view("second").unwrap();
    typing(&mut app, "'jd");
    assert_eq!(app.context(), Context::Confirm);
    assert!(screen(&mut app).contains("Delete the view 'second'?"));
    typing(&mut app, "n");
    assert_eq!(app.context(), Context::Views);
    typing(&mut app, "d");
    typing(&mut app, "y");
    assert_eq!(app.context(), Context::Views);
    let names: Vec<String> = app
        .saved_views()
        .unwrap()
        .into_iter()
        .map(|view| view.name)
        .collect();
    assert_eq!(names, ["first"]);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Accounts);
}

#[test]
fn a_view_with_a_bad_name_keeps_the_form_open() {
    let (_dir, mut app) = sandbox();
    typing(&mut app, "W");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Form);
    assert!(screen(&mut app).contains("A view needs a name"));
}

#[test]
fn without_a_config_folder_views_say_why_they_cannot_be_saved() {
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    let error = app.save_view("mine").unwrap_err();
    assert!(error.contains("no config folder"), "{error}");
    // Nothing is remembered and nothing fails.
    app.save_state();
    app.restore_state();
}

#[test]
fn each_tab_is_where_it_was_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut app = app_on(&db, dir.path());
    app.set_sort_by_name("renewal").unwrap();
    app.set_filter_text("seats:>1000").unwrap();
    typing(&mut app, "jj");
    let account = selected_line(&mut app);
    typing(&mut app, "2");
    app.set_filter_text("status:certified").unwrap();
    typing(&mut app, "jjj");
    let trainer = selected_line(&mut app);
    app.save_state();

    let mut app = app_on(&db, dir.path());
    app.restore_state();
    assert_eq!(app.tab(), Tab::Roster);
    assert_eq!(selected_line(&mut app), trainer);
    typing(&mut app, "1");
    assert_eq!(app.sort_name(), Some("renewal"));
    assert_eq!(selected_line(&mut app), account);
    assert!(screen(&mut app).contains("seats:>1000"));

    // Another database keeps its own state: nothing here is restored on it.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let other_db = demo_file(&other);
    let mut app = app_on(&other_db, dir.path());
    app.restore_state();
    assert_eq!(app.tab(), Tab::Accounts);
    assert_eq!(app.sort_name(), Some("name"));
}

#[test]
fn a_tab_not_shown_in_a_run_keeps_its_row_for_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut app = app_on(&db, dir.path());
    typing(&mut app, "2jjjj");
    let trainer = selected_line(&mut app);
    typing(&mut app, "1");
    app.save_state();

    // A run that never shows the Roster: its rows are not even read.
    let mut app = app_on(&db, dir.path());
    app.restore_state();
    assert_eq!(app.tab(), Tab::Accounts);
    app.save_state();

    let mut app = app_on(&db, dir.path());
    app.restore_state();
    typing(&mut app, "2");
    assert_eq!(selected_line(&mut app), trainer);
}

#[test]
fn a_row_that_is_gone_leaves_the_cursor_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut app = app_on(&db, dir.path());
    app.set_filter_text("t3:none").unwrap();
    typing(&mut app, "j");
    assert!(selected_line(&mut app).contains("Evergreen Dental"));
    app.save_state();
    drop(app);

    let mut store = Store::open(&db).unwrap();
    let id = store
        .account_rows(today())
        .unwrap()
        .into_iter()
        .find(|row| row.account.fields.name.starts_with("Evergreen"))
        .unwrap()
        .account
        .id;
    store.set_account_archived(id, true).unwrap();
    drop(store);

    let mut app = app_on(&db, dir.path());
    app.restore_state();
    assert!(selected_line(&mut app).contains("Cobalt Games"));
}

#[test]
fn a_broken_state_file_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let state = dir.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("ui-state.toml"), "[databases\nnot toml").unwrap();
    let mut app = app_on(&db, dir.path());
    app.restore_state();
    assert_eq!(app.tab(), Tab::Accounts);
    typing(&mut app, "3");
    app.save_state();
    let mut app = app_on(&db, dir.path());
    app.restore_state();
    assert_eq!(app.tab(), Tab::Certification);
}

/// The app on an in-memory demo (so the status line names no temporary path), keeping its
/// views under `dir`.
fn in_memory_app(dir: &Path) -> App {
    let mut store = Store::in_memory().unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    app.set_view_files(Some(dir.join("views.toml")), None);
    app
}

fn draw(
    app: &mut App,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    terminal
}

#[test]
fn the_views_list_numbers_each_view_with_its_tab_filter_and_sort() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = in_memory_app(dir.path());
    app.set_sort_by_name("renewal").unwrap();
    app.set_filter_text("renewal:<90d !t3:paused").unwrap();
    app.save_view("Renewals this quarter").unwrap();
    typing(&mut app, "5");
    app.set_filter_text("severity:high").unwrap();
    app.save_view("High findings").unwrap();
    typing(&mut app, "'j");
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn an_unknown_field_is_named_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = in_memory_app(dir.path());
    typing(&mut app, "/");
    app.handle_event(&Event::Paste("owner:priya budget:>5".to_string()));
    insta::assert_snapshot!(draw(&mut app, 120, 16).backend());
}

#[test]
fn a_view_edited_by_hand_is_applied_as_far_as_it_can_be() {
    let (dir, mut app) = sandbox();
    let views = dir.path().join("config").join("views.toml");
    std::fs::create_dir_all(views.parent().unwrap()).unwrap();
    std::fs::write(
        &views,
        "[[view]]\nname = \"old\"\ntab = \"roster\"\nfilter = \"status:lapsed\"\nsort = \"age\"\n\n\
         [[view]]\nname = \"gone\"\ntab = \"calendar\"\n",
    )
    .unwrap();
    let error = app.recall_view("old").unwrap_err();
    assert!(error.contains("cannot be sorted by 'age'"), "{error}");
    assert_eq!(app.tab(), Tab::Roster);
    assert!(screen(&mut app).contains("status:lapsed"));
    let error = app.recall_view("gone").unwrap_err();
    assert!(
        error.contains("names a tab t3 does not have: calendar"),
        "{error}"
    );

    std::fs::write(&views, "[[view]]\nname = 3\n").unwrap();
    let error = app.save_view("new").unwrap_err();
    assert!(error.contains("views.toml line 2"), "{error}");
    // The broken file is left for its owner to mend, not overwritten.
    assert_eq!(
        std::fs::read_to_string(&views).unwrap(),
        "[[view]]\nname = 3\n"
    );
}

#[test]
fn the_views_list_draws_on_any_terminal_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = in_memory_app(dir.path());
    typing(&mut app, "'");
    assert!(screen(&mut app).contains("No saved views yet"));
    key(&mut app, KeyCode::Esc);
    for number in 1..=12 {
        app.save_view(&format!("view {number}")).unwrap();
    }
    typing(&mut app, "'");
    for _ in 0..11 {
        typing(&mut app, "j");
    }
    for (width, height) in [(1, 1), (20, 4), (80, 24), (200, 60)] {
        draw(&mut app, width, height);
    }
    // Only nine have keys; the twelfth is still reached with j and Enter.
    assert!(screen(&mut app).contains("view 12"));
    key(&mut app, KeyCode::Enter);
    assert!(
        message(&app).contains("View 'view 12'"),
        "{}",
        message(&app)
    );
}

#[test]
fn the_program_tab_gets_its_filter_back_when_first_shown() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut app = app_on(&db, dir.path());
    typing(&mut app, "6");
    let said = app.set_filter_text("coverage:<50").unwrap();
    typing(&mut app, "1");
    app.save_state();

    let mut app = app_on(&db, dir.path());
    app.restore_state();
    assert_eq!(app.tab(), Tab::Accounts);
    typing(&mut app, "6");
    assert_eq!(app.message(), None);
    let shown = said
        .split(": ")
        .nth(1)
        .unwrap()
        .split(" shown")
        .next()
        .unwrap();
    assert!(
        screen(&mut app).contains(&format!("{shown} match")),
        "{said}\n{}",
        screen(&mut app)
    );
}
