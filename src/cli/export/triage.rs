//! `t3 export triage`: every triage action in force, in the order it was taken, in the columns
//! `t3 import triage` reads, so that a copied database keeps what people did about its
//! findings. Actions taken back are left out, as they no longer count; so is an action whose
//! account or trainer is no longer in the database, since no finding can bring it back.

use std::collections::HashMap;

use serde::Serialize;

use super::{csv_table, json_of};
use crate::cli::args::Format;
use crate::domain::triage::TriageEvent;
use crate::import::Kind;
use crate::store::Store;

/// One action, its finding named by rule, account and trainer.
#[derive(Debug, Serialize)]
struct TriageRecord<'a> {
    rule: &'static str,
    account: &'a str,
    /// `None` for a finding about the account alone.
    trainer_email: Option<&'a str>,
    action: &'static str,
    detail: String,
    by: &'a str,
    /// To the second or finer, as recorded, so that a re-import knows the action again.
    at: String,
}

/// Every action in force in `store`, oldest first, in `format`; returns the bytes and the count.
pub(in crate::cli) fn triage(store: &Store, format: Format) -> anyhow::Result<(Vec<u8>, usize)> {
    let mut events: Vec<TriageEvent> = store.triage_history()?.into_values().flatten().collect();
    events.sort_by_key(|event| event.id);
    let accounts: HashMap<_, _> = store
        .accounts()?
        .into_iter()
        .map(|account| (account.id, account.fields.name))
        .collect();
    let trainers: HashMap<_, _> = store
        .trainer_rows()?
        .into_iter()
        .map(|row| (row.trainer.id, row.trainer.fields.email))
        .collect();
    let records: Vec<_> = events
        .iter()
        .filter_map(|event| {
            let account = accounts.get(&event.key.account)?;
            let trainer_email = match event.key.trainer {
                None => None,
                Some(trainer) => Some(trainers.get(&trainer)?.as_str()),
            };
            Some(TriageRecord {
                rule: event.key.rule.id(),
                account,
                trainer_email,
                action: event.action.kind(),
                detail: event.action.detail(),
                by: &event.actor,
                at: event.at.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
            })
        })
        .collect();
    let bytes = match format {
        Format::Csv => csv_table(Kind::Triage.columns(), records.iter().map(csv_row))?,
        Format::Json => json_of(&records)?,
    };
    Ok((bytes, records.len()))
}

fn csv_row(record: &TriageRecord<'_>) -> Vec<String> {
    vec![
        record.rule.to_string(),
        record.account.to_string(),
        record.trainer_email.unwrap_or_default().to_string(),
        record.action.to_string(),
        record.detail.clone(),
        record.by.to_string(),
        record.at.clone(),
    ]
}
