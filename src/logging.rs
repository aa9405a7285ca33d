//! Logs go to a file, never to the terminal the app draws on.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Starts logging to `t3.log` in `dir`, at the level `T3_LOG` names (default `info`).
///
/// The returned guard flushes the log when dropped: keep it alive for the whole run, or the
/// last lines are lost. Logging that cannot start (a read-only home, say) is reported and the
/// run goes on without it.
pub fn init(dir: &Path) -> Result<WorkerGuard, std::io::Error> {
    std::fs::create_dir_all(dir)?;
    let appender = tracing_appender::rolling::never(dir, "t3.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("T3_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .map_err(std::io::Error::other)?;
    Ok(guard)
}
