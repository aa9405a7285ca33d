//! The terminal app: state, keymap, one module per tab, overlays, and the loop that ties them.
//!
//! Nothing here writes SQL; every change goes through the store, one transaction per action.

mod account_detail;
mod accounts;
pub mod action;
mod app;
mod at_risk;
mod bulk;
mod certification;
mod checklist;
mod command;
mod command_line;
mod commanding;
mod comparison;
mod copying;
mod editing;
mod filter;
mod filter_fields;
mod form;
pub(crate) mod format;
pub mod keymap;
mod list;
mod loading;
mod marks;
mod metric_charts;
mod mouse;
mod overlay;
mod pathway;
mod practicum;
mod program;
mod read_only;
mod releases;
mod releasing;
mod remembered;
mod remembering;
mod report;
mod reporting;
mod roster;
pub mod safe_text;
mod saved_views;
mod screen;
mod selection;
mod session_list;
mod sessions;
mod sorting;
mod syncing;
mod syncs;
mod tab;
mod table;
mod terminal;
mod theme;
pub mod themes;
mod triaging;
mod undoing;
mod view;
mod view_list;
mod viewing;
mod wizard;
mod wrap;

use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::NaiveDate;
use crossterm::event;

pub use app::{App, Message};
pub use command::history::History as CommandHistory;
pub use tab::Tab;
pub use themes::Theme;
pub use view::{MIN_HEIGHT, MIN_WIDTH};

use crate::config::Config;
use crate::domain::questionnaire::Questionnaire;
use crate::store::{Store, StoreError};

/// How the app meets the terminal this run: its colours, and whether it takes the mouse.
#[derive(Debug, Default)]
pub struct Interface {
    pub theme: Theme,
    pub mouse: bool,
}

/// How long to wait for a key before checking signals and the database for outside changes.
const TICK: Duration = Duration::from_millis(200);

/// Runs the app until the user quits or a signal ends it; returns the process exit code
/// (128 + the signal's number when a signal ended it).
/// `keymap` is the keys in force (the defaults with the keys file over them). `notice` is shown
/// in the status line at start (a questionnaire override that could not be read, a line of
/// the keys file t3 did not apply), so it is seen even though stderr is hidden behind the app.
pub fn run(
    store: Store,
    today: NaiveDate,
    questionnaire: Questionnaire,
    config: &Config,
    keymap: keymap::KeyMap,
    notice: Option<String>,
    interface: Interface,
) -> anyhow::Result<ExitCode> {
    let signals = terminal::Signals::register().context("installing signal handlers")?;
    let mut app = App::open(store, today, questionnaire).context("loading the portfolio")?;
    app.set_config(config).context("loading the portfolio")?;
    app.set_theme(interface.theme);
    // crossterm drops every colour by itself when NO_COLOR is set; the theme already honours
    // it (monochrome) unless the user named a theme, which must then show in colour.
    crossterm::style::Colored::set_ansi_color_disabled(false);
    app.set_mouse(interface.mouse);
    app.set_keymap(keymap);
    let paths = crate::paths::Paths::discover();
    app.set_view_files(paths.views_file(), Some(paths.ui_state_file()));
    app.restore_state();
    let history_file = crate::paths::Paths::discover().command_history();
    app.set_command_history(command::history::History::load(history_file));
    if let Some(notice) = notice {
        app.warn(notice);
    }
    terminal::install_panic_hook();
    let mut screen = terminal::enter(app.mouse_enabled()).context("taking over the terminal")?;
    let outcome = event_loop(&mut screen, &mut app, &signals);
    terminal::restore();
    app.save_state();
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
    let mut damage_check = DamageCheck::NotStarted;
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
        if let Some(sequence) = app.take_clipboard() {
            terminal::write_clipboard(&sequence);
        }
        screen.draw(|frame| app.draw(frame))?;
        if app.catch_up() {
            // The first screen's Risk column, worked out: shown before any key is read.
            continue;
        }
        damage_check.poll(app.store.path())?;
        let input = signals.waiting_for_input(|| {
            if event::poll(TICK)? {
                event::read().map(Some)
            } else {
                Ok(None)
            }
        })?;
        match input {
            Some(event) => app.handle_event(&event),
            None => app.tick(),
        }
        if app.take_suspend() {
            app.save_state();
            terminal::suspend(screen, app.mouse_enabled())?;
        }
        if app.should_quit() {
            return Ok(());
        }
    }
}

/// The check of the whole file the first screen did not read. It starts once that screen is
/// up, so the wait for it stays short on a large portfolio, and runs on its own connection
/// while the user reads and types.
enum DamageCheck {
    NotStarted,
    Running(mpsc::Receiver<Result<(), StoreError>>),
    Done,
}

impl DamageCheck {
    /// Starts the check, or hands back its verdict: a damaged file ends the app with the
    /// same message as one found damaged before the first screen, and nothing is written.
    fn poll(&mut self, path: &Path) -> Result<(), StoreError> {
        match self {
            DamageCheck::NotStarted if path.as_os_str() == ":memory:" => {
                *self = DamageCheck::Done;
            }
            DamageCheck::NotStarted => {
                let (send, receive) = mpsc::channel();
                let path = path.to_path_buf();
                let spawned = std::thread::Builder::new()
                    .name("damage-check".to_string())
                    .spawn(move || {
                        // The app may have quit before the verdict: nobody to tell then.
                        let _ = send.send(Store::quick_check(&path));
                    });
                *self = match spawned {
                    Ok(_) => DamageCheck::Running(receive),
                    Err(error) => {
                        tracing::warn!(%error, "cannot start the damage check");
                        DamageCheck::Done
                    }
                };
            }
            DamageCheck::Running(receive) => match receive.try_recv() {
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => *self = DamageCheck::Done,
                Ok(verdict) => {
                    *self = DamageCheck::Done;
                    match verdict {
                        Ok(()) => tracing::debug!("the damage check found nothing"),
                        Err(error @ StoreError::Damaged(_)) => return Err(error),
                        Err(error) => {
                            tracing::warn!(error = error.log_summary(), "damage check not done");
                        }
                    }
                }
            },
            DamageCheck::Done => {}
        }
        Ok(())
    }
}
