//! Timings on the large demo portfolio (`t3 demo --scale large`), for BENCHMARKS.md.
//!
//! The portfolio is built once per run into a temporary folder, which takes most of a minute;
//! set `T3_BENCH_DB` to a file to build it there once and reuse it on later runs.

// A benchmark that cannot set itself up has nothing to measure: failing loudly is right.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use t3::demo::large::{self, Size};
use t3::domain::metrics::{self, Period, Scope};
use t3::domain::questionnaire::Questionnaire;
use t3::domain::risk::{self, Thresholds};
use t3::import::{self, Kind, Silent};
use t3::store::Store;
use t3::ui::App;

/// Rows in the sessions file the import benchmark reads.
const IMPORTED_SESSIONS: usize = 100_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

/// The large portfolio's file, built if it is not there yet, and the folder that holds it
/// while the run lasts.
fn portfolio() -> (PathBuf, Option<tempfile::TempDir>) {
    let (path, folder) = if let Some(path) = std::env::var_os("T3_BENCH_DB") {
        (PathBuf::from(path), None)
    } else {
        let folder = tempfile::tempdir().unwrap();
        (folder.path().join("large.db"), Some(folder))
    };
    if !path.exists() {
        let mut store = Store::open(&path).unwrap();
        large::seed(&mut store, today(), Size::LARGE, &mut Silent).unwrap();
    }
    (path, folder)
}

fn app(path: &Path) -> App {
    let store = Store::open(path).unwrap();
    App::new(store, today(), Questionnaire::embedded().unwrap()).unwrap()
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn frames(c: &mut Criterion, path: &Path) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    // As the terminal runs it: the accounts drawn first, then judged by the risk rules.
    group.bench_function("open and draw the accounts tab", |b| {
        b.iter(|| {
            let store = Store::open(path).unwrap();
            let mut app = App::open(store, today(), Questionnaire::embedded().unwrap()).unwrap();
            terminal().draw(|frame| app.render(frame)).unwrap();
        });
    });
    group.bench_function("open, draw, judge the portfolio and draw again", |b| {
        b.iter(|| {
            let store = Store::open(path).unwrap();
            let mut app = App::open(store, today(), Questionnaire::embedded().unwrap()).unwrap();
            let mut term = terminal();
            term.draw(|frame| app.render(frame)).unwrap();
            assert!(app.catch_up());
            term.draw(|frame| app.render(frame)).unwrap();
        });
    });
    let mut app = app(path);
    let mut term = terminal();
    group.sample_size(100);
    group.bench_function("draw the accounts tab", |b| {
        b.iter(|| term.draw(|frame| app.render(frame)).unwrap().area);
    });
    group.bench_function("move down, then draw", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('j'));
            term.draw(|frame| app.render(frame)).unwrap().area
        });
    });
    let mut on_roster = false;
    group.bench_function("switch tab, then draw", |b| {
        b.iter(|| {
            on_roster = !on_roster;
            press(&mut app, KeyCode::Char(if on_roster { '2' } else { '1' }));
            term.draw(|frame| app.render(frame)).unwrap().area
        });
    });
    // One character typed into the roster's filter, then taken back, in turn: every
    // iteration is one keystroke filtering the 50,000 trainers.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Char('a'));
    let mut typed = true;
    group.bench_function("filter keystroke on the roster, then draw", |b| {
        b.iter(|| {
            typed = !typed;
            press(
                &mut app,
                if typed {
                    KeyCode::Char('n')
                } else {
                    KeyCode::Backspace
                },
            );
            term.draw(|frame| app.render(frame)).unwrap().area
        });
    });
    group.finish();
}

fn rules_and_metrics(c: &mut Criterion, path: &Path) {
    let store = Store::open_read_only(path).unwrap();
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("load and evaluate every risk rule", |b| {
        b.iter(|| {
            let portfolio = store.portfolio(today()).unwrap();
            risk::evaluate(&portfolio, today(), &Thresholds::default()).len()
        });
    });
    let portfolio = store.portfolio(today()).unwrap();
    group.bench_function("evaluate every risk rule, loaded", |b| {
        b.iter(|| risk::evaluate(&portfolio, today(), &Thresholds::default()).len());
    });
    drop(portfolio);
    group.bench_function("load and compute the program metrics", |b| {
        b.iter(|| {
            let data = store.program_data(today()).unwrap();
            metrics::compute(&data, today(), Period::Last12Months, Scope::Portfolio)
        });
    });
    let data = store.program_data(today()).unwrap();
    group.bench_function("compute the program metrics, loaded", |b| {
        b.iter(|| metrics::compute(&data, today(), Period::Last12Months, Scope::Portfolio));
    });
    group.finish();
}

/// New sessions, none of which the portfolio holds yet, by its certified trainers.
fn sessions_file(store: &Store) -> String {
    let emails: Vec<String> = store
        .trainer_rows()
        .unwrap()
        .into_iter()
        .map(|row| row.trainer.fields.email)
        .collect();
    let mut csv = String::from("email,held_on,topic,attendees,duration_min\n");
    for index in 0..IMPORTED_SESSIONS {
        let email = &emails[index * 7919 % emails.len()];
        let day = today() - chrono::Days::new((index % 300) as u64 + 1);
        writeln!(csv, "{email},{day},Imported session {index},12,60").unwrap();
    }
    csv
}

fn import_sessions(c: &mut Criterion, path: &Path) {
    let csv = sessions_file(&Store::open_read_only(path).unwrap());
    let folder = tempfile::tempdir().unwrap();
    let copy = folder.path().join("copy.db");
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("import 100,000 sessions", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(copy.with_extension("db-wal"));
                Store::backup(path, &copy).unwrap();
                Store::open(&copy).unwrap()
            },
            |mut store| {
                let report = import::run_bytes(
                    &mut store,
                    Kind::Sessions,
                    "sessions.csv",
                    csv.as_bytes(),
                    false,
                    today(),
                    &mut Silent,
                )
                .unwrap();
                (store, report)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let (path, _folder) = portfolio();
    frames(c, &path);
    rules_and_metrics(c, &path);
    import_sessions(c, &path);
}

criterion_group!(large_portfolio, benches);
criterion_main!(large_portfolio);
