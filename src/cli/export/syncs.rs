//! `t3 export syncs`: the Trainer Syncs from today on as an iCalendar file, built by
//! [`crate::ics`] so that the app's export writes the same bytes.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::sync::TrainerSync;
use crate::ics;
use crate::store::Store;
use crate::ui::safe_text::sanitize;

/// A calendar ready to deliver, and a line for the user about each sync it could not hold.
#[derive(Debug)]
pub(in crate::cli) struct SyncsExport {
    pub bytes: Vec<u8>,
    pub events: usize,
    pub left_out: Vec<String>,
}

/// Every sync dated `today` or later, in start order, stamped `now`.
pub(in crate::cli) fn syncs(
    store: &Store,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<SyncsExport> {
    let syncs: Vec<TrainerSync> = store
        .sync_rows()?
        .into_iter()
        .map(|row| row.sync)
        .filter(|sync| ics::is_exported(sync, today))
        .collect();
    let calendar = ics::syncs_calendar(&syncs, now);
    let left_out = syncs
        .iter()
        .filter(|sync| calendar.skipped.contains(&sync.id))
        .map(left_out)
        .collect();
    Ok(SyncsExport {
        bytes: calendar.text.into_bytes(),
        events: calendar.events,
        left_out,
    })
}

fn left_out(sync: &TrainerSync) -> String {
    format!(
        "left out the sync \"{}\": {} never happens in {} (the clocks go forward then); \
         give it another start in the app",
        sanitize(&sync.fields.title),
        sync.fields.starts_at.format("%Y-%m-%d %H:%M"),
        sync.fields.time_zone
    )
}
