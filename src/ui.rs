//! The terminal app: state, keymap, one module per tab, overlays, and the loop that ties them.
//!
//! Nothing here writes SQL; every change goes through the store, one transaction per action.

mod account_detail;
mod accounts;
pub mod action;
mod app;
mod at_risk;
mod certification;
mod checklist;
mod command;
mod command_line;
mod commanding;
mod comparison;
mod editing;
mod form;
pub(crate) mod format;
pub mod keymap;
mod list;
mod metric_charts;
mod overlay;
mod pathway;
mod practicum;
mod program;
mod releases;
mod releasing;
mod report;
mod reporting;
mod roster;
pub mod safe_text;
mod selection;
mod session_list;
mod sessions;
mod syncing;
mod syncs;
mod tab;
mod table;
mod terminal;
mod theme;
mod triaging;
mod view;
mod wizard;
mod wrap;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::NaiveDate;
use crossterm::event;

pub use app::{App, Message};
pub use command::history::History as CommandHistory;
pub use tab::Tab;
pub use view::{MIN_HEIGHT, MIN_WIDTH};

use crate::config::Config;
use crate::domain::questionnaire::Questionnaire;
use crate::store::Store;

/// How long to wait for a key before checking signals and the database for outside changes.
const TICK: Duration = Duration::from_millis(200);

/// Runs the app until the user quits or a signal ends it; returns the process exit code
/// (128 + the signal's number when a signal ended it).
/// `notice` is shown in the status line at start (a questionnaire override that could not be
/// read, say), so it is seen even though stderr is hidden behind the app.
pub fn run(
    store: Store,
    today: NaiveDate,
    questionnaire: Questionnaire,
    config: &Config,
    notice: Option<String>,
) -> anyhow::Result<ExitCode> {
    let signals = terminal::Signals::register().context("installing signal handlers")?;
    let mut app = App::new(store, today, questionnaire).context("loading the portfolio")?;
    app.set_config(config).context("loading the portfolio")?;
    let history_file = crate::paths::Paths::discover().command_history();
    app.set_command_history(command::history::History::load(history_file));
    if let Some(notice) = notice {
        app.warn(notice);
    }
    terminal::install_panic_hook();
    let mut screen = terminal::enter().context("taking over the terminal")?;
    let outcome = event_loop(&mut screen, &mut app, &signals);
    terminal::restore();
    if let Some(signal) = signals.received() {
        tracing::info!(signal, "stopped by signal");
        return Ok(ExitCode::from(128 + signal as u8));
    }
    tracing::info!("quit");
    outcome.map(|()| ExitCode::SUCCESS)
}

fn event_loop(
    screen: &mut terminal::Screen,
    app: &mut App,
    signals: &terminal::Signals,
) -> anyhow::Result<()> {
    let started = Instant::now();
    loop {
        if signals.received().is_some() {
            app.set_clock(started.elapsed());
            app.apply(action::Action::Quit);
            return Ok(());
        }
        app.set_clock(started.elapsed());
        if app.take_bell() {
            terminal::ring_bell();
        }
        screen.draw(|frame| app.render(frame))?;
        if event::poll(TICK)? {
            app.handle_event(&event::read()?);
        } else {
            app.tick();
        }
        if app.take_suspend() {
            terminal::suspend(screen)?;
        }
        if app.should_quit() {
            return Ok(());
        }
    }
}
