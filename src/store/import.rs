//! Imports: reading what a file is matched against, and writing what the match decided, both
//! inside one transaction so that no other t3 can change the records in between.
//!
//! Each part of the [`Basis`] is one query over a whole table, and every write goes through a
//! statement prepared once per import, so a file of a hundred thousand rows takes seconds.

mod program;
mod triage;

use rusqlite::{Connection, TransactionBehavior, params};

use super::accounts::{ACCOUNT_COLUMNS, account_from_row};
use super::certifications::certification_from_row;
use super::program::{SESSION_COLUMNS, logged_session, read_materials, read_releases};
use super::syncs::{insert_sync, optional_attendance};
use super::trainers::{TRAINER_COLUMNS, trainer_from_row};
use super::{Store, StoreError};
use crate::domain::AccountSnapshot;
use crate::domain::sync::{Attendance, SyncId, SyncState};
use crate::import::Kind;
use crate::import::plan::{
    AccountRecord, AttendancePlan, Basis, CertificationRecord, Change, Invite, Plan, Planned,
    SyncDay, SyncRef, TrainerRecord,
};

/// Pages a chunked import keeps in memory (in KiB, as SQLite takes a negative `cache_size`):
/// enough of the session index that its pages are seldom spilled to the WAL and written again
/// before the commit, while the process stays well under 200 MB.
const IMPORT_CACHE_KIB: i64 = 32_768;

/// How many writes go between two reports of progress.
const TICK_EVERY: usize = 1024;

impl Store {
    /// What a file of `kind` is matched against, read in one (read-only) transaction: for a
    /// dry run, which must work on a database opened read-only.
    pub fn import_basis(&self, kind: Kind) -> Result<Basis, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let basis = basis(&tx, kind)?;
        tx.finish()?;
        Ok(basis)
    }

    /// Imports as one IMMEDIATE transaction: reads the basis for `kind`, lets `decide` match
    /// the file's rows with it, and writes the plan it returns. When `decide` refuses the file,
    /// or any write fails, nothing is written. `tick(done, total)` is told how far the writes
    /// have got, starting with `done` 0.
    pub fn import<E: From<StoreError>>(
        &mut self,
        kind: Kind,
        decide: impl FnOnce(&Basis) -> Result<Planned, E>,
        tick: &mut dyn FnMut(usize, usize),
    ) -> Result<Planned, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let basis = basis(&tx, kind)?;
        let planned = decide(&basis)?;
        drop(basis);
        apply(&tx, &planned.plan, tick).inspect_err(|error| {
            tracing::warn!(
                action = "import",
                error = error.log_summary(),
                "write failed"
            );
        })?;
        tx.commit().map_err(StoreError::from)?;
        tracing::info!(action = "import", kind = kind.as_str(), "committed");
        // A file of a million rows leaves a WAL as large as what it wrote; folding it into the
        // database now keeps the WAL bounded while another t3 stays open on the file.
        self.checkpoint()?;
        Ok(planned)
    }
}

/// An import of a file too large to match whole, inside its one transaction: read a chunk
/// of rows' worth of the database, write that chunk's changes, and go on. See
/// [`Store::import_in_chunks`].
pub struct Chunked<'a> {
    tx: &'a Connection,
}

impl Store {
    /// Runs `run` in one transaction that writes as it goes: IMMEDIATE, committed when `run`
    /// succeeds and rolled back when it fails. A dry run never writes, so it runs in a
    /// read transaction that is always rolled back, and works on a database opened read-only.
    pub fn import_in_chunks<T, E: From<StoreError>>(
        &mut self,
        kind: Kind,
        dry_run: bool,
        run: impl FnOnce(&mut Chunked<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |row| row.get(0))
            .map_err(StoreError::from)?;
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)
            .map_err(StoreError::from)?;
        let done = self.run_chunks(dry_run, run);
        let restored = self.conn.pragma_update(None, "cache_size", cache);
        let done = done?;
        restored.map_err(StoreError::from)?;
        if !dry_run {
            tracing::info!(action = "import", kind = kind.as_str(), "committed");
            // As for a whole import: fold the WAL of a million rows back into the database.
            self.checkpoint()?;
        }
        Ok(done)
    }

    fn run_chunks<T, E: From<StoreError>>(
        &mut self,
        dry_run: bool,
        run: impl FnOnce(&mut Chunked<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let behavior = if dry_run {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        };
        let tx = self
            .conn
            .transaction_with_behavior(behavior)
            .map_err(StoreError::from)?;
        let done = run(&mut Chunked { tx: &tx })?;
        if dry_run {
            tx.rollback().map_err(StoreError::from)?;
            return Ok(done);
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(done)
    }
}

impl Chunked<'_> {
    /// Every trainer: the sessions of a file name theirs by email.
    pub fn trainers(&self) -> Result<Vec<crate::domain::Trainer>, StoreError> {
        trainers(self.tx)
    }

    /// The sessions each trainer held on each day of `days`, found through the index on
    /// trainer and day; each pair's sessions in the order they were logged.
    pub fn sessions_on(
        &self,
        days: &[(crate::domain::TrainerId, chrono::NaiveDate)],
    ) -> Result<Vec<crate::domain::program::LoggedSession>, StoreError> {
        let mut statement = self.tx.prepare_cached(&format!(
            "SELECT {SESSION_COLUMNS} FROM training_session WHERE trainer_id = ?1 AND held_on = ?2
             ORDER BY id"
        ))?;
        let mut sessions = Vec::new();
        for (trainer, day) in days {
            // As text written by hand: binding a date formats it through strftime, which a
            // million rows feel.
            let rows = statement.query_map(params![trainer.0, day.to_string()], logged_session)?;
            for row in rows {
                sessions.push(row?);
            }
        }
        Ok(sessions)
    }

    /// Writes one chunk's sessions.
    pub fn write_sessions(
        &self,
        changes: &[Change<
            crate::domain::program::SessionId,
            crate::domain::program::TrainingSession,
        >],
    ) -> Result<(), StoreError> {
        let mut quiet = |_: usize, _: usize| {};
        let mut ticker = Ticker {
            done: 0,
            tick: &mut quiet,
        };
        write_sessions(self.tx, changes, &mut ticker).inspect_err(|error| {
            tracing::warn!(
                action = "import",
                error = error.log_summary(),
                "write failed"
            );
        })
    }
}

fn basis(conn: &Connection, kind: Kind) -> Result<Basis, StoreError> {
    let mut basis = Basis::default();
    match kind {
        Kind::Accounts => basis.accounts = accounts(conn)?,
        Kind::Trainers => {
            basis.accounts = accounts(conn)?;
            basis.trainers = trainers(conn)?;
        }
        Kind::Snapshots => {
            basis.accounts = accounts(conn)?;
            basis.snapshots = snapshots(conn)?;
        }
        Kind::Certifications => {
            basis.trainers = trainers(conn)?;
            basis.certifications = read_all(
                conn,
                "SELECT id, trainer_id, number, granted_on, expires_on, renews FROM certification
                 ORDER BY granted_on, id",
                certification_from_row,
            )?;
        }
        Kind::Attendance => {
            basis.trainers = trainers(conn)?;
            basis.syncs = read_all(
                conn,
                "SELECT id, starts_at, state FROM trainer_sync ORDER BY starts_at, id",
                |row| {
                    let starts_at: chrono::NaiveDateTime = row.get(1)?;
                    Ok(SyncDay {
                        id: SyncId(row.get(0)?),
                        date: starts_at.date(),
                        state: super::parse_column(row, 2)?,
                    })
                },
            )?;
            basis.invites = read_all(
                conn,
                "SELECT sync_id, trainer_id, attendance FROM sync_invite",
                |row| {
                    Ok(Invite {
                        sync: SyncId(row.get(0)?),
                        trainer: crate::domain::TrainerId(row.get(1)?),
                        attendance: optional_attendance(row, 2)?,
                    })
                },
            )?;
        }
        Kind::Sessions => {
            basis.trainers = trainers(conn)?;
            basis.sessions = read_all(
                conn,
                &format!("SELECT {SESSION_COLUMNS} FROM training_session ORDER BY id"),
                logged_session,
            )?;
        }
        Kind::Releases => basis.releases = read_releases(conn)?,
        Kind::Materials => {
            basis.releases = read_releases(conn)?;
            basis.materials = read_materials(conn)?;
        }
        Kind::Triage => {
            basis.accounts = accounts(conn)?;
            basis.trainers = trainers(conn)?;
            basis.triage = triage::triage(conn)?;
        }
    }
    Ok(basis)
}

fn read_all<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement.query_map([], map)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn accounts(conn: &Connection) -> Result<Vec<crate::domain::Account>, StoreError> {
    read_all(
        conn,
        &format!("SELECT {ACCOUNT_COLUMNS} FROM account a ORDER BY a.id"),
        account_from_row,
    )
}

fn trainers(conn: &Connection) -> Result<Vec<crate::domain::Trainer>, StoreError> {
    read_all(
        conn,
        &format!("SELECT {TRAINER_COLUMNS} FROM trainer t ORDER BY t.id"),
        trainer_from_row,
    )
}

fn snapshots(conn: &Connection) -> Result<Vec<AccountSnapshot>, StoreError> {
    read_all(
        conn,
        "SELECT account_id, as_of, active_users, users_trained, adoption_depth,
                new_feature_adoption, support_tickets, net_revenue_retention
         FROM account_snapshot",
        |row| {
            Ok(AccountSnapshot {
                account_id: crate::domain::AccountId(row.get(0)?),
                as_of: row.get(1)?,
                active_users: row.get(2)?,
                users_trained: row.get(3)?,
                adoption_depth: row.get(4)?,
                new_feature_adoption: row.get(5)?,
                support_tickets: row.get(6)?,
                net_revenue_retention: row.get(7)?,
            })
        },
    )
}

/// Counts writes and reports every [`TICK_EVERY`].
struct Ticker<'a> {
    done: usize,
    tick: &'a mut dyn FnMut(usize, usize),
}

impl Ticker<'_> {
    fn step(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(TICK_EVERY) {
            (self.tick)(self.done, 0);
        }
    }
}

fn apply(
    conn: &Connection,
    plan: &Plan,
    tick: &mut dyn FnMut(usize, usize),
) -> Result<(), StoreError> {
    let total = plan.len();
    tick(0, total);
    let mut ticker = Ticker { done: 0, tick };
    match plan {
        Plan::Accounts(changes) => write_accounts(conn, changes, &mut ticker)?,
        Plan::Trainers(changes) => write_trainers(conn, changes, &mut ticker)?,
        Plan::Snapshots(snapshots) => write_snapshots(conn, snapshots, &mut ticker)?,
        Plan::Certifications(changes) => write_certifications(conn, changes, &mut ticker)?,
        Plan::Attendance(plan) => write_attendance(conn, plan, &mut ticker)?,
        Plan::Sessions(changes) => write_sessions(conn, changes, &mut ticker)?,
        Plan::Releases(changes) => program::write_releases(conn, changes, &mut ticker)?,
        Plan::Materials(plan) => program::write_materials(conn, plan, &mut ticker)?,
        Plan::Triage(changes) => triage::write_triage(conn, changes, &mut ticker)?,
    }
    (ticker.tick)(total, total);
    Ok(())
}

fn write_accounts(
    conn: &Connection,
    changes: &[Change<crate::domain::AccountId, AccountRecord>],
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    let mut insert = conn.prepare(
        "INSERT INTO account (name, segment, seats, csm_owner, rollout_start, renewal_date,
            annual_value, t3_status, archived)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    // A NULL ?10 (the file has no archived flag for the row) keeps the stored one.
    let mut update = conn.prepare(
        "UPDATE account SET name = ?1, segment = ?2, seats = ?3, csm_owner = ?4,
            rollout_start = ?5, renewal_date = ?6, annual_value = ?7, t3_status = ?8,
            archived = coalesce(?10, archived)
         WHERE id = ?9",
    )?;
    for change in changes {
        match change {
            Change::Add(AccountRecord { fields, archived }) => insert.execute(params![
                fields.name,
                fields.segment,
                fields.seats,
                fields.csm_owner,
                fields.rollout_start,
                fields.renewal_date,
                fields.annual_value as i64,
                fields.t3_status.as_str(),
                archived.unwrap_or(false),
            ])?,
            Change::Update(id, AccountRecord { fields, archived }) => update.execute(params![
                fields.name,
                fields.segment,
                fields.seats,
                fields.csm_owner,
                fields.rollout_start,
                fields.renewal_date,
                fields.annual_value as i64,
                fields.t3_status.as_str(),
                id.0,
                archived,
            ])?,
        };
        ticker.step();
    }
    Ok(())
}

fn write_trainers(
    conn: &Connection,
    changes: &[Change<crate::domain::TrainerId, TrainerRecord>],
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    let mut insert = conn.prepare(
        "INSERT INTO trainer (account_id, name, email, title, department, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut update = conn.prepare(
        "UPDATE trainer SET account_id = ?1, name = ?2, email = ?3, title = ?4, department = ?5,
            status = ?6
         WHERE id = ?7",
    )?;
    for change in changes {
        let (record, id) = match change {
            Change::Add(record) => (record, None),
            Change::Update(id, record) => (record, Some(id.0)),
        };
        let fields = &record.fields;
        let status = record.status.as_str();
        match id {
            None => insert.execute(params![
                fields.account_id.0,
                fields.name,
                fields.email,
                fields.title,
                fields.department,
                status
            ])?,
            Some(id) => update.execute(params![
                fields.account_id.0,
                fields.name,
                fields.email,
                fields.title,
                fields.department,
                status,
                id
            ])?,
        };
        ticker.step();
    }
    Ok(())
}

fn write_snapshots(
    conn: &Connection,
    snapshots: &[AccountSnapshot],
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    let mut upsert = conn.prepare(
        "INSERT INTO account_snapshot (account_id, as_of, active_users, users_trained,
            adoption_depth, new_feature_adoption, support_tickets, net_revenue_retention)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (account_id, as_of) DO UPDATE SET
            active_users = excluded.active_users, users_trained = excluded.users_trained,
            adoption_depth = excluded.adoption_depth,
            new_feature_adoption = excluded.new_feature_adoption,
            support_tickets = excluded.support_tickets,
            net_revenue_retention = excluded.net_revenue_retention",
    )?;
    for snapshot in snapshots {
        upsert.execute(params![
            snapshot.account_id.0,
            snapshot.as_of,
            snapshot.active_users,
            snapshot.users_trained,
            snapshot.adoption_depth,
            snapshot.new_feature_adoption,
            snapshot.support_tickets,
            snapshot.net_revenue_retention,
        ])?;
        ticker.step();
    }
    Ok(())
}

/// A new certification is numbered like one granted in the app (`T3-<year>-<id>`) and renews
/// the trainer's latest certification granted before it, if there is one.
fn write_certifications(
    conn: &Connection,
    changes: &[Change<crate::domain::certification::CertificationId, CertificationRecord>],
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    let mut insert = conn.prepare(
        "INSERT INTO certification (trainer_id, number, granted_on, expires_on, renews)
         VALUES (?1, 'pending-' || ?1 || '-' || ?2, ?2, ?3,
            (SELECT id FROM certification WHERE trainer_id = ?1 AND granted_on < ?2
              ORDER BY granted_on DESC, id DESC LIMIT 1))",
    )?;
    let mut number = conn.prepare(
        "UPDATE certification SET number = printf('T3-%s-%05d', substr(granted_on, 1, 4), id)
         WHERE id = ?1",
    )?;
    let mut update = conn.prepare("UPDATE certification SET expires_on = ?2 WHERE id = ?1")?;
    for change in changes {
        match change {
            Change::Add(record) => {
                insert.execute(params![
                    record.trainer.0,
                    record.granted_on,
                    record.expires_on
                ])?;
                number.execute([conn.last_insert_rowid()])?;
            }
            Change::Update(id, record) => {
                update.execute(params![id.0, record.expires_on])?;
            }
        }
        ticker.step();
    }
    Ok(())
}

fn write_attendance(
    conn: &Connection,
    plan: &AttendancePlan,
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    let mut created = Vec::with_capacity(plan.new_syncs.len());
    for fields in &plan.new_syncs {
        let uid = format!("{:032x}@t3", fastrand::u128(..));
        created.push(insert_sync(conn, fields, SyncState::Held, &uid, &[])?);
        ticker.step();
    }
    let mut held = conn.prepare("UPDATE trainer_sync SET state = ?2 WHERE id = ?1")?;
    for sync in &plan.held {
        held.execute(params![sync.0, SyncState::Held.as_str()])?;
        ticker.step();
    }
    let mut mark = conn.prepare(
        "INSERT INTO sync_invite (sync_id, trainer_id, attendance) VALUES (?1, ?2, ?3)
         ON CONFLICT (sync_id, trainer_id)
            DO UPDATE SET attendance = coalesce(excluded.attendance, attendance)",
    )?;
    for each in &plan.marks {
        let sync = match each.sync {
            SyncRef::Existing(id) => id,
            SyncRef::New(index) => *created.get(index).ok_or(StoreError::NotFound {
                what: "sync created by this import",
                id: index as i64,
            })?,
        };
        mark.execute(params![
            sync.0,
            each.trainer.0,
            each.attendance.map(Attendance::as_str)
        ])?;
        ticker.step();
    }
    Ok(())
}

fn write_sessions(
    conn: &Connection,
    changes: &[Change<
        crate::domain::program::SessionId,
        crate::domain::program::TrainingSession,
    >],
    ticker: &mut Ticker<'_>,
) -> Result<(), StoreError> {
    // Cached: a chunked import writes its sessions a chunk at a time.
    let mut insert = conn.prepare_cached(
        "INSERT INTO training_session (trainer_id, account_id, held_on, topic, attendees,
            duration_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut update = conn.prepare_cached(
        "UPDATE training_session SET held_on = ?2, topic = ?3, attendees = ?4,
            duration_minutes = ?5
         WHERE id = ?1",
    )?;
    for change in changes {
        match change {
            Change::Add(session) => insert.execute(params![
                session.trainer.0,
                session.account.0,
                // The same `YYYY-MM-DD` binding a date writes, without strftime per row.
                session.held_on.to_string(),
                session.topic,
                session.attendees,
                session.duration_minutes
            ])?,
            Change::Update(id, session) => update.execute(params![
                id.0,
                session.held_on.to_string(),
                session.topic,
                session.attendees,
                session.duration_minutes
            ])?,
        };
        ticker.step();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::sync::SyncFields;
    use crate::import::{self, ImportError, Silent};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    /// A store with Kestrel and its certified trainer Ana.
    fn store() -> Store {
        crate::store::fixtures::one_trainer("Kestrel Insurance", "Ana Costa").0
    }

    fn run(store: &mut Store, kind: Kind, text: &str) -> Result<import::Report, ImportError> {
        import::run_bytes(
            store,
            kind,
            "file.csv",
            text.as_bytes(),
            false,
            today(),
            &mut Silent,
        )
    }

    #[test]
    fn attendance_marks_a_scheduled_sync_held_and_invites_the_trainer() {
        let mut store = store();
        let fields = SyncFields {
            title: "Q1 Trainer Sync".into(),
            starts_at: NaiveDate::from_ymd_opt(2026, 3, 10)
                .unwrap()
                .and_hms_opt(16, 0, 0)
                .unwrap(),
            time_zone: chrono_tz::Europe::Berlin,
            duration_minutes: 60,
            agenda: String::new(),
            recording_link: String::new(),
        };
        // Scheduled a year before anyone was certified: nobody is invited.
        let id = store
            .schedule_syncs(&[fields], NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
            .unwrap()[0];
        let text = "sync_date,email,attendance\n2026-03-10,ana@kestrel.example,recording\n";
        let report = run(&mut store, Kind::Attendance, text).unwrap();
        assert_eq!((report.added, report.syncs_created), (1, 0));
        assert_eq!(store.sync(id).unwrap().state, SyncState::Held);
        let invitees = store.invitees(id).unwrap();
        assert_eq!(invitees.len(), 1);
        assert_eq!(
            invitees[0].attendance,
            Some(crate::domain::sync::Attendance::Recording)
        );
        let again = run(&mut store, Kind::Attendance, text).unwrap();
        assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 1));
    }

    #[test]
    fn certifications_are_numbered_and_renew_the_one_before() {
        let mut store = store();
        let text = "email,certified_on\nana@kestrel.example,2026-05-01\n\
                    ana@kestrel.example,2025-05-03\n";
        run(&mut store, Kind::Certifications, text).unwrap();
        let trainer = store.trainer_rows().unwrap()[0].trainer.id;
        let certifications = store.certifications_of(trainer).unwrap();
        assert_eq!(certifications.len(), 2);
        assert_eq!(
            certifications[0].number,
            format!("T3-2025-{:05}", certifications[0].id.0)
        );
        assert_eq!(certifications[0].renews, None);
        assert_eq!(certifications[1].renews, Some(certifications[0].id));
        assert_eq!(
            certifications[1].expires_on,
            NaiveDate::from_ymd_opt(2027, 5, 1).unwrap()
        );
    }

    #[test]
    fn a_refused_file_leaves_even_its_good_rows_unwritten() {
        let mut store = store();
        let text = "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,\
                    t3_status\nGlobex,SMB,10,,,,0,none\nInitech,SMB,ten,,,,0,none\n";
        let Err(ImportError::Rejected { errors, .. }) = run(&mut store, Kind::Accounts, text)
        else {
            panic!("not refused");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(store.account_count().unwrap(), 1);
    }

    #[test]
    fn a_dry_run_works_on_a_read_only_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t3.db");
        drop(Store::open(&path).unwrap());
        let mut store = Store::open_read_only(&path).unwrap();
        let text = "name,segment,seats,csm_owner,rollout_start,renewal_date,annual_value,\
                    t3_status\nGlobex,SMB,10,,,,0,none\n";
        let report = import::run_bytes(
            &mut store,
            Kind::Accounts,
            "a.csv",
            text.as_bytes(),
            true,
            today(),
            &mut Silent,
        )
        .unwrap();
        assert_eq!(report.added, 1);
        assert_eq!(store.account_count().unwrap(), 0);
    }
    /// More rows than one chunk of a chunked import holds.
    const ROWS: usize = 4096 + 904;

    /// A sessions file of Ana's: `rows` sessions, each under a topic of its own, as `row`
    /// writes the line for each.
    fn sessions_file(rows: usize, row: impl Fn(usize) -> String) -> String {
        let mut text = String::from("email,held_on,topic,attendees,duration_min\n");
        for index in 0..rows {
            text.push_str(&row(index));
            text.push('\n');
        }
        text
    }

    /// Session `index` as a row of Ana's.
    fn session_row(index: usize) -> String {
        session_lasting(index, 60)
    }

    fn session_lasting(index: usize, minutes: u32) -> String {
        format!(
            "ana@kestrel.example,2026-{:02}-{:02},Session {index},{},{minutes}",
            index % 5 + 1,
            index % 28 + 1,
            index % 40
        )
    }

    fn sessions_held(store: &Store) -> usize {
        store.sessions().unwrap().len()
    }

    #[test]
    fn a_key_repeated_in_another_chunk_is_refused_naming_both_lines() {
        let mut store = store();
        // The last row repeats the first, its topic in other case: a chunk apart.
        let text = sessions_file(ROWS, |index| {
            if index == ROWS - 1 {
                session_row(0).replace("Session 0", "SESSION 0")
            } else {
                session_row(index)
            }
        });
        let Err(ImportError::Rejected { errors, .. }) = run(&mut store, Kind::Sessions, &text)
        else {
            panic!("not refused");
        };
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, ROWS as u64 + 1);
        assert_eq!(errors[0].column.as_deref(), Some("topic"));
        assert!(
            errors[0].message.contains("on line 2 too"),
            "{}",
            errors[0].message
        );
        assert_eq!(sessions_held(&store), 0, "the first chunk's rows were kept");
    }

    #[test]
    fn bad_rows_after_the_first_chunk_leave_nothing_and_are_all_reported() {
        let mut store = store();
        let text = sessions_file(ROWS, |index| match index {
            4500 => "ana@kestrel.example,2026-06-20,Tomorrow's,9,45".to_string(),
            4600 => "nobody@kestrel.example,2026-06-01,Unknown,9,45".to_string(),
            4700 => "ana@kestrel.example,2026-06-01,Short".to_string(),
            4800 => "ana@kestrel.example,2026-06-01,Empty room,-1,0".to_string(),
            _ => session_row(index),
        });
        let Err(ImportError::Rejected { errors, .. }) = run(&mut store, Kind::Sessions, &text)
        else {
            panic!("not refused");
        };
        let placed: Vec<(u64, Option<&str>)> = errors
            .iter()
            .map(|error| (error.line, error.column.as_deref()))
            .collect();
        assert_eq!(
            placed,
            [
                (4502, Some("held_on")),
                (4602, Some("email")),
                (4702, None),
                (4802, Some("attendees")),
                (4802, Some("duration_min")),
            ]
        );
        assert_eq!(sessions_held(&store), 0, "the first chunk's rows were kept");
    }

    #[test]
    fn a_dry_run_of_many_chunks_counts_as_the_import_does_and_writes_nothing() {
        let mut store = store();
        let first = sessions_file(ROWS / 2, session_row);
        run(&mut store, Kind::Sessions, &first).unwrap();
        let held = sessions_held(&store);
        // Half the rows are held already, every tenth of them longer now.
        let text = sessions_file(ROWS, |index| {
            if index < ROWS / 2 && index % 10 == 0 {
                session_lasting(index, 90)
            } else {
                session_row(index)
            }
        });
        let dry = import::run_bytes(
            &mut store,
            Kind::Sessions,
            "file.csv",
            text.as_bytes(),
            true,
            today(),
            &mut Silent,
        )
        .unwrap();
        assert_eq!(sessions_held(&store), held, "a dry run wrote");
        let changed = (0..ROWS / 2).filter(|index| index % 10 == 0).count();
        assert_eq!(
            (dry.added, dry.updated, dry.unchanged),
            (ROWS - ROWS / 2, changed, ROWS / 2 - changed)
        );
        let real = run(&mut store, Kind::Sessions, &text).unwrap();
        assert_eq!(
            (real.added, real.updated, real.unchanged, real.rows),
            (dry.added, dry.updated, dry.unchanged, dry.rows)
        );
        assert_eq!(sessions_held(&store), ROWS);
    }

    #[test]
    fn a_file_imported_again_matches_every_session_it_added() {
        let mut store = store();
        let text = sessions_file(ROWS, session_row);
        let first = run(&mut store, Kind::Sessions, &text).unwrap();
        assert_eq!((first.added, first.updated, first.unchanged), (ROWS, 0, 0));
        let again = run(&mut store, Kind::Sessions, &text).unwrap();
        assert_eq!((again.added, again.updated, again.unchanged), (0, 0, ROWS));
        // Topics in other case and spacing: matched, and updated to the file's case.
        let shouted = text.replace("Session 1", "  SESSION 1");
        let updated = run(&mut store, Kind::Sessions, &shouted).unwrap();
        let renamed = (0..ROWS)
            .filter(|index| index.to_string().starts_with('1'))
            .count();
        assert_eq!(
            (updated.added, updated.updated, updated.unchanged),
            (0, renamed, ROWS - renamed)
        );
        assert_eq!(sessions_held(&store), ROWS);
    }

    #[test]
    fn a_chunked_dry_run_works_on_a_read_only_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t3.db");
        drop(Store::open(&path).unwrap());
        let mut store = Store::open_read_only(&path).unwrap();
        let text = "email,held_on,topic,attendees,duration_min\n\
                    nobody@kestrel.example,2026-06-01,Unknown,9,45\n";
        let Err(ImportError::Rejected { errors, .. }) = import::run_bytes(
            &mut store,
            Kind::Sessions,
            "s.csv",
            text.as_bytes(),
            true,
            today(),
            &mut Silent,
        ) else {
            panic!("not refused");
        };
        assert_eq!(errors.len(), 1);
    }
}
