//! The Releases and materials view driven by keys, on a demo database on file with a fixed
//! today: opening and closing it over any tab, recording and correcting releases, adding
//! materials and recording their updates, each checked in the store and on the screen.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use common::{key, typing};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use t3::domain::program::{Material, MaterialKind, Readiness, Release, ReleaseFields};
use t3::domain::questionnaire::Questionnaire;
use t3::store::Store;
use t3::ui::App;
use t3::ui::keymap::Context;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The demo portfolio on file: five releases (the newest, Release 26.2, shipped 2026-04-07 with
/// three materials ready, one late and two missing) and six materials.
fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("t3.db");
    let mut store = Store::open(&path).unwrap();
    t3::demo::seed(&mut store, today()).unwrap();
    path
}

/// The app on `path` with the Releases view open.
fn open_view(path: &Path) -> App {
    let store = Store::open(path).unwrap();
    let mut app = App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap();
    typing(&mut app, "R");
    assert_eq!(app.context(), Context::Releases);
    app
}

fn screen(app: &mut App) -> Vec<String> {
    common::screen_lines(app, 120, 40)
}

fn shows(app: &mut App, text: &str) -> bool {
    screen(app).iter().any(|line| line.contains(text))
}

/// The screen line holding `text`.
fn line_with(app: &mut App, text: &str) -> String {
    let lines = screen(app);
    lines
        .iter()
        .find(|line| line.contains(text))
        .cloned()
        .unwrap_or_else(|| panic!("no line holds {text:?}:\n{}", lines.join("\n")))
}

/// The line under the one holding `label`: where a form shows that field's error.
fn error_under(app: &mut App, label: &str) -> String {
    let lines = screen(app);
    let at = lines
        .iter()
        .position(|line| line.contains(label))
        .unwrap_or_else(|| panic!("no field {label:?}:\n{}", lines.join("\n")));
    lines[at + 1].clone()
}

fn release(app: &App, name: &str) -> Option<Release> {
    app.store()
        .releases()
        .unwrap()
        .into_iter()
        .find(|release| release.name == name)
}

fn material(app: &App, title: &str) -> Material {
    app.store()
        .materials()
        .unwrap()
        .into_iter()
        .find(|material| material.title == title)
        .unwrap()
}

#[test]
fn r_opens_the_view_over_any_tab_and_esc_or_q_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut app = open_view(&path);
    assert!(shows(
        &mut app,
        "Releases and materials · 5 releases, newest first"
    ));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Accounts);

    for (tab, context) in [
        ('2', Context::Roster),
        ('3', Context::Certification),
        ('4', Context::Syncs),
        ('5', Context::AtRisk),
    ] {
        typing(&mut app, &format!("{tab}R"));
        assert_eq!(app.context(), Context::Releases, "from tab {tab}");
        typing(&mut app, "q");
        assert_eq!(app.context(), context, "back to tab {tab}");
        assert!(!app.should_quit());
    }

    typing(&mut app, "R?");
    assert_eq!(app.context(), Context::Help);
    assert!(shows(&mut app, "record a material update"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.context(),
        Context::Releases,
        "help closes back to the view"
    );
}

#[test]
fn the_view_shows_each_release_newest_first_with_its_materials() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    let lines = screen(&mut app);
    let order: Vec<usize> = [
        "Release 26.2",
        "Release 26.1",
        "Release 25.4",
        "Release 25.3",
    ]
    .iter()
    .map(|name| lines.iter().position(|line| line.contains(name)).unwrap())
    .collect();
    assert!(order.is_sorted(), "{}", lines.join("\n"));
    assert!(line_with(&mut app, "▶ Release 26.2").contains("3 ready · 1 late · 2 missing"));
    assert!(line_with(&mut app, "Release 25.3").contains("not trained —"));
    assert!(
        line_with(&mut app, "Job aid: approvals and delegation")
            .contains("late    updated on 2026-04-26, 19 days after ship")
    );
    assert!(
        line_with(&mut app, "Facilitator guide    ")
            .contains("ready   updated on 2026-03-18, 20 days before ship")
    );
    assert!(
        shows(
            &mut app,
            "2 stale against Release 26.2 (latest trained release, shipped 2026-04-07): \
             Assessment kit, Troubleshooting guide"
        ),
        "{}",
        screen(&mut app).join("\n")
    );

    typing(&mut app, "G");
    assert!(shows(&mut app, "Release 25.2 · shipped 2025-04-07"));
    typing(&mut app, "k");
    assert!(shows(&mut app, "Release 25.3 · shipped 2025-07-03"));
    assert!(shows(&mut app, "it touches no trained workflow"));
    typing(&mut app, "g");
    assert!(shows(&mut app, "Release 26.2 · shipped 2026-04-07"));
}

#[test]
fn recording_a_release_puts_it_first_with_every_material_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    typing(&mut app, "a");
    assert_eq!(app.context(), Context::Form);
    typing(&mut app, "Release 26.3");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "2026-07-06");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "Offline mode for field teams");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Releases, "{:?}", app.message());
    assert_eq!(
        release(&app, "Release 26.3").map(|release| ReleaseFields {
            name: release.name,
            shipped_on: release.shipped_on,
            summary: release.summary,
            touches_trained_workflows: release.touches_trained_workflows,
        }),
        Some(ReleaseFields {
            name: "Release 26.3".to_string(),
            shipped_on: day("2026-07-06"),
            summary: "Offline mode for field teams".to_string(),
            touches_trained_workflows: true,
        })
    );
    assert!(line_with(&mut app, "▶ Release 26.3").contains("6 missing"));
    assert!(shows(
        &mut app,
        "Release 26.3 · ships 2026-07-06 (in 21 days)"
    ));
    assert!(shows(&mut app, "not yet: ships in 21 days"));
    assert!(shows(&mut app, "Recorded Release 26.3"));
}

#[test]
fn a_bad_ship_date_is_named_under_its_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    typing(&mut app, "a");
    typing(&mut app, "Release 26.3");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "2026-13-01");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Form);
    assert!(
        error_under(&mut app, "Shipped on")
            .contains("⚠ '2026-13-01' is not a date: use YYYY-MM-DD")
    );
    assert!(shows(&mut app, "Release 26.3"), "what was typed stays");
    assert_eq!(app.store().releases().unwrap().len(), 5);
}

#[test]
fn a_taken_release_name_is_reported_on_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    typing(&mut app, "a");
    typing(&mut app, "Release 26.2");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "2026-07-06");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Form);
    assert!(
        error_under(&mut app, "Name/version")
            .contains("⚠ a release named 'Release 26.2' already exists")
    );
    assert_eq!(app.store().releases().unwrap().len(), 5);
}

#[test]
fn editing_a_release_to_touch_trained_workflows_counts_its_materials() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    typing(&mut app, "jjj");
    assert!(shows(&mut app, "Release 25.3 · shipped 2025-07-03"));
    typing(&mut app, "e");
    assert!(shows(&mut app, "Performance work and accessibility fixes"));
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    typing(&mut app, "y");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Releases, "{:?}", app.message());
    let edited = release(&app, "Release 25.3").unwrap();
    assert!(edited.touches_trained_workflows);
    assert_eq!(edited.shipped_on, day("2025-07-03"), "the rest stays");
    assert!(line_with(&mut app, "▶ Release 25.3").contains("6 missing"));
    assert!(shows(&mut app, "Saved Release 25.3"));
}

#[test]
fn a_material_update_after_ship_turns_missing_into_late() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    let shipped = release(&app, "Release 26.2").unwrap();
    assert_eq!(
        material(&app, "Assessment kit").readiness(&shipped),
        Readiness::Missing
    );
    assert!(line_with(&mut app, "Assessment kit        ").contains("missing"));

    // The form offers the first material the selected release misses, for that release, today.
    typing(&mut app, "u");
    assert_eq!(app.context(), Context::Form);
    assert!(line_with(&mut app, "◀ Assessment kit ▶").contains("›Material"));
    assert!(line_with(&mut app, "◀ Release 26.2 ▶").contains(" Updated for"));
    assert!(line_with(&mut app, " Updated on ").contains("2026-06-15"));
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "2.0");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Releases, "{:?}", app.message());
    assert_eq!(
        material(&app, "Assessment kit").readiness(&shipped),
        Readiness::Late {
            updated_on: today(),
            days_late: 69
        }
    );
    let line = line_with(&mut app, "Assessment kit        ");
    assert!(
        line.contains("late    updated on 2026-06-15, 69 days after ship  2.0 "),
        "{line}"
    );
    assert!(line_with(&mut app, "▶ Release 26.2").contains("3 ready · 2 late · 1 missing"));
    assert!(shows(&mut app, "1 stale against Release 26.2"));
    assert!(shows(
        &mut app,
        "Recorded Assessment kit 2.0 for Release 26.2: late"
    ));
}

#[test]
fn a_material_update_before_ship_is_ready() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    store
        .record_release(&ReleaseFields {
            name: "Release 26.3".to_string(),
            shipped_on: day("2026-07-06"),
            summary: "Offline mode for field teams".to_string(),
            touches_trained_workflows: true,
        })
        .unwrap();
    drop(store);
    let mut app = open_view(&path);
    assert!(line_with(&mut app, "▶ Release 26.3").contains("6 missing"));

    typing(&mut app, "u");
    key(&mut app, KeyCode::Right);
    assert!(line_with(&mut app, "◀ Facilitator guide ▶").contains("›Material"));
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "2.0");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Releases, "{:?}", app.message());
    let coming = release(&app, "Release 26.3").unwrap();
    assert_eq!(
        material(&app, "Facilitator guide").readiness(&coming),
        Readiness::Ready {
            updated_on: today()
        }
    );
    assert!(line_with(&mut app, "▶ Release 26.3").contains("1 ready · 5 missing"));
    assert!(
        line_with(&mut app, "Facilitator guide    ")
            .contains("ready   updated on 2026-06-15, 21 days before ship")
    );
}

#[test]
fn an_update_dated_after_today_is_refused_on_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    let before = material(&app, "Assessment kit").versions.len();
    typing(&mut app, "u");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "2.0");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    for _ in 0.."2026-06-15".len() {
        key(&mut app, KeyCode::Backspace);
    }
    typing(&mut app, "2026-06-16");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Form);
    assert!(
        error_under(&mut app, "Updated on    2026")
            .contains("⚠ 2026-06-16 is after today (2026-06-15): not made yet")
    );
    assert_eq!(material(&app, "Assessment kit").versions.len(), before);
}

#[test]
fn a_version_the_material_has_already_is_reported_on_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    let before = material(&app, "Assessment kit").versions.len();
    typing(&mut app, "u");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "1.0");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Form);
    assert!(
        error_under(&mut app, "Version").contains("⚠ Assessment kit already has a version 1.0")
    );
    assert_eq!(material(&app, "Assessment kit").versions.len(), before);
}

#[test]
fn a_new_material_is_missing_for_the_latest_release_until_updated() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    typing(&mut app, "m");
    typing(&mut app, "Job aid: offline mode");
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "J");
    key(&mut app, KeyCode::Enter);

    assert_eq!(app.context(), Context::Releases, "{:?}", app.message());
    let added = material(&app, "Job aid: offline mode");
    assert_eq!(added.kind, MaterialKind::JobAid);
    assert!(added.versions.is_empty());
    assert!(line_with(&mut app, "Job aid: offline mode").contains("missing"));
    assert!(line_with(&mut app, "▶ Release 26.2").contains("3 ready · 1 late · 3 missing"));
    assert!(shows(&mut app, "3 stale against Release 26.2"));

    typing(&mut app, "m");
    typing(&mut app, "Assessment kit");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Form);
    assert!(
        error_under(&mut app, "Title")
            .contains("⚠ a material titled 'Assessment kit' already exists")
    );
    assert_eq!(app.store().materials().unwrap().len(), 7);
}

#[test]
fn escape_on_a_typed_form_asks_and_comes_back_to_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_view(&demo_file(dir.path()));
    typing(&mut app, "a");
    typing(&mut app, "Release 2");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Confirm);
    typing(&mut app, "n");
    assert_eq!(app.context(), Context::Form);
    key(&mut app, KeyCode::Esc);
    typing(&mut app, "y");
    assert_eq!(app.context(), Context::Releases);
    assert_eq!(app.store().releases().unwrap().len(), 5);

    typing(&mut app, "m");
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.context(),
        Context::Releases,
        "an untouched form closes at once"
    );
}

#[test]
fn hostile_release_and_material_names_reach_the_screen_as_harmless_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    store
        .record_release(&ReleaseFields {
            name: "Release\x1b[2J 26.3".to_string(),
            shipped_on: day("2026-07-06"),
            summary: "Retitles\x1b]0;pwned\x07 the window".to_string(),
            touches_trained_workflows: true,
        })
        .unwrap();
    store
        .add_material("Evil\u{202E}gnp.exe guide", MaterialKind::JobAid)
        .unwrap();
    drop(store);
    let mut app = open_view(&path);
    typing(&mut app, "u");
    for line in screen(&mut app) {
        assert!(
            !line
                .chars()
                .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
            "{line:?}"
        );
    }
    assert!(shows(&mut app, "Release␛[2J 26.3"));

    // The update form offers the neutralised names and saves against the real records.
    typing(&mut app, "E");
    assert!(shows(&mut app, "◀ Evil�gnp.exe guide ▶"));
    key(&mut app, KeyCode::Tab);
    typing(&mut app, "1.0");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Releases, "{:?}", app.message());
    let hostile = material(&app, "Evil\u{202E}gnp.exe guide");
    assert_eq!(hostile.versions.len(), 1);
    let coming = release(&app, "Release\x1b[2J 26.3").unwrap();
    assert_eq!(hostile.versions[0].updated_for, Some(coming.id));
}
