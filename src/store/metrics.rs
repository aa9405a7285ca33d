//! Loading what the program metrics are computed from: a handful of whole-table queries, and
//! the sessions counted per account over the spans the metrics read, so that switching the
//! period or the account recomputes in memory without touching the file.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params_from_iter;

use super::accounts::{ACCOUNT_COLUMNS, account_from_row};
use super::certifications::certification_from_row;
use super::{Store, StoreError};
use crate::domain::certification::Certification;
use crate::domain::metrics::{ProgramData, SessionCounts};
use crate::domain::{Account, AccountId, AccountSnapshot, TrainerId};

impl Store {
    /// Every account (archived ones too), snapshot and certification, each trainer's account,
    /// and the sessions counted for `today`: the metrics must be computed for that day.
    pub fn program_data(&self, today: NaiveDate) -> Result<ProgramData, StoreError> {
        Ok(ProgramData {
            accounts: self.all_accounts()?,
            trainers: self.trainer_accounts()?,
            snapshots: self.all_snapshots()?,
            sessions: self.session_counts(today)?,
            certifications: self.all_certifications()?,
        })
    }

    /// Each account's sessions in each piece of the spans the metrics read on `today`.
    ///
    /// One count per account and piece, each a range of the index on account and day, rather
    /// than one pass grouping every session: the pass compares every session's day with every
    /// piece, and costs several times as much on a portfolio of a million sessions. All of an
    /// account's pieces are counted in one row, one after the other, so the index pages holding
    /// its sessions are read once rather than once per piece.
    fn session_counts(&self, today: NaiveDate) -> Result<SessionCounts, StoreError> {
        let mut counts = SessionCounts::empty(today);
        let pieces = counts.pieces().to_vec();
        if pieces.is_empty() {
            return Ok(counts);
        }
        let columns: Vec<String> = (1..=pieces.len())
            .map(|piece| {
                format!(
                    "(SELECT COUNT(*) FROM training_session s
                      WHERE s.account_id = a.id AND s.held_on BETWEEN ?{} AND ?{})",
                    2 * piece - 1,
                    2 * piece
                )
            })
            .collect();
        let sql = format!("SELECT a.id, {} FROM account a", columns.join(", "));
        let days = pieces.iter().flat_map(|piece| [piece.from, piece.to]);
        let mut statement = self.conn.prepare(&sql)?;
        let mut rows = statement.query(params_from_iter(days))?;
        while let Some(row) = rows.next()? {
            let account = AccountId(row.get(0)?);
            for index in 0..pieces.len() {
                let sessions: u32 = row.get(index + 1)?;
                if sessions > 0 {
                    counts.add(account, index, sessions);
                }
            }
        }
        Ok(counts)
    }

    /// Which account each trainer belongs to, and nothing else of them.
    fn trainer_accounts(&self) -> Result<HashMap<TrainerId, AccountId>, StoreError> {
        let mut statement = self.conn.prepare("SELECT id, account_id FROM trainer")?;
        let rows = statement.query_map([], |row| {
            Ok((TrainerId(row.get(0)?), AccountId(row.get(1)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every account by name, without the per-account figures [`Store::account_rows`] adds.
    fn all_accounts(&self) -> Result<Vec<Account>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM account a ORDER BY a.name");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], account_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every snapshot of every account, each account's oldest first.
    fn all_snapshots(&self) -> Result<Vec<AccountSnapshot>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT account_id, as_of, active_users, users_trained, adoption_depth,
                    new_feature_adoption, support_tickets, net_revenue_retention
             FROM account_snapshot ORDER BY account_id, as_of",
        )?;
        let rows = statement.query_map([], super::snapshots::snapshot_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every certification ever granted, renewals included, oldest first.
    fn all_certifications(&self) -> Result<Vec<Certification>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, trainer_id, number, granted_on, expires_on, renews FROM certification
             ORDER BY granted_on, id",
        )?;
        let rows = statement.query_map([], certification_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
