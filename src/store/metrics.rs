//! Loading what the program metrics are computed from: a handful of whole-table queries, so
//! that switching the period or the account recomputes in memory without touching the file.

use super::accounts::{ACCOUNT_COLUMNS, account_from_row};
use super::certifications::certification_from_row;
use super::{Store, StoreError};
use crate::domain::certification::Certification;
use crate::domain::metrics::ProgramData;
use crate::domain::{Account, AccountSnapshot};

impl Store {
    /// Every account (archived ones too), trainer, snapshot, session and certification.
    pub fn program_data(&self) -> Result<ProgramData, StoreError> {
        Ok(ProgramData {
            accounts: self.all_accounts()?,
            trainers: self.trainer_rows()?,
            snapshots: self.all_snapshots()?,
            sessions: self.sessions()?,
            certifications: self.all_certifications()?,
        })
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
