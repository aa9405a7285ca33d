//! The WAL stays bounded after a large import while another t3 has the same file open, as a
//! second app in another terminal would.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use chrono::NaiveDate;
use t3::import::{self, Kind, Silent};
use t3::store::Store;

#[test]
fn an_import_folds_its_wal_into_the_file_while_another_t3_reads_it() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("t3.db");
    let mut writer = Store::open(&path).unwrap();
    let reader = Store::open(&path).unwrap();
    let mut accounts = String::from(
        "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,t3_status\n",
    );
    for index in 0..20_000 {
        writeln!(accounts, "Account {index:05},Enterprise,500,,,,0,active").unwrap();
    }
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    import::run_bytes(
        &mut writer,
        Kind::Accounts,
        "accounts.csv",
        accounts.as_bytes(),
        false,
        today,
        &mut Silent,
    )
    .unwrap();
    let wal = std::fs::metadata(folder.path().join("t3.db-wal")).unwrap();
    assert_eq!(wal.len(), 0, "the WAL was checkpointed and truncated");
    assert_eq!(reader.account_count().unwrap(), 20_000);
}
