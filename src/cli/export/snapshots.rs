//! `t3 export snapshots`: every account snapshot, in the columns `t3 import snapshots` reads,
//! so that the file imports back unchanged.

use chrono::NaiveDate;
use serde::Serialize;

use super::{csv_table, json_of};
use crate::cli::args::Format;
use crate::domain::AccountSnapshot;
use crate::import::Kind;
use crate::store::Store;

/// One snapshot, as exported; `nrr` is net revenue retention in percent.
#[derive(Debug, Serialize)]
struct SnapshotRecord<'a> {
    account: &'a str,
    as_of: NaiveDate,
    active_users: u32,
    users_trained: u32,
    adoption_depth: u8,
    new_feature_adoption: u8,
    support_tickets: u32,
    nrr: f64,
}

/// Every snapshot in `store`, by account and date, in `format`; returns the bytes and the
/// count.
pub(in crate::cli) fn snapshots(store: &Store, format: Format) -> anyhow::Result<(Vec<u8>, usize)> {
    let rows = store.snapshot_rows()?;
    let records: Vec<_> = rows
        .iter()
        .map(|(account, snapshot)| record(account, snapshot))
        .collect();
    let bytes = match format {
        Format::Csv => csv_table(Kind::Snapshots.columns(), records.iter().map(csv_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

fn record<'a>(account: &'a str, snapshot: &AccountSnapshot) -> SnapshotRecord<'a> {
    SnapshotRecord {
        account,
        as_of: snapshot.as_of,
        active_users: snapshot.active_users,
        users_trained: snapshot.users_trained,
        adoption_depth: snapshot.adoption_depth,
        new_feature_adoption: snapshot.new_feature_adoption,
        support_tickets: snapshot.support_tickets,
        nrr: snapshot.net_revenue_retention,
    }
}

/// Numbers as Rust writes them: the shortest text that reads back to the same value, so 104.5
/// stays 104.5 and 106 stays 106 through an import.
fn csv_row(record: &SnapshotRecord<'_>) -> Vec<String> {
    vec![
        record.account.to_string(),
        record.as_of.to_string(),
        record.active_users.to_string(),
        record.users_trained.to_string(),
        record.adoption_depth.to_string(),
        record.new_feature_adoption.to_string(),
        record.support_tickets.to_string(),
        record.nrr.to_string(),
    ]
}
