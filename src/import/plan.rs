//! What an import compares a file with, and what it decides to write: plain values passed
//! between the pure planners of each kind and the store, which reads the one and writes the
//! other inside a single transaction.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::reader;
use crate::domain::certification::{Certification, CertificationId};
use crate::domain::program::{
    LoggedSession, Material, MaterialId, MaterialKind, MaterialVersion, Release, ReleaseFields,
    ReleaseId, SessionId, TrainingSession,
};
use crate::domain::risk::FindingKey;
use crate::domain::sync::{Attendance, SyncFields, SyncId, SyncState};
use crate::domain::triage::{TriageAction, TriageEventId};
use crate::domain::{
    Account, AccountFields, AccountId, AccountSnapshot, Trainer, TrainerFields, TrainerId,
    TrainerStatus,
};

/// What the database holds that a kind's rows are matched against. Only the parts a kind needs
/// are filled; each is read whole, in one query, rather than a query per row.
#[derive(Debug, Clone, Default)]
pub struct Basis {
    pub accounts: Vec<Account>,
    pub trainers: Vec<Trainer>,
    pub snapshots: Vec<AccountSnapshot>,
    pub certifications: Vec<Certification>,
    pub syncs: Vec<SyncDay>,
    pub invites: Vec<Invite>,
    pub sessions: Vec<LoggedSession>,
    pub releases: Vec<Release>,
    pub materials: Vec<Material>,
    /// Every triage action recorded, those taken back too.
    pub triage: Vec<StoredTriage>,
}

/// A triage action as the database holds it, with whether it was taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTriage {
    pub id: TriageEventId,
    pub record: TriageRecord,
    pub undone: bool,
}

/// A sync as attendance import sees it: the day it is held where it is held, and its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncDay {
    pub id: SyncId,
    pub date: NaiveDate,
    pub state: SyncState,
}

/// One trainer on one sync's invite list, with their attendance once marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invite {
    pub sync: SyncId,
    pub trainer: TrainerId,
    pub attendance: Option<Attendance>,
}

impl Basis {
    /// Accounts by [`reader::key`] of their names.
    pub fn accounts_by_name(&self) -> HashMap<String, &Account> {
        self.accounts
            .iter()
            .map(|account| (reader::key(&account.fields.name), account))
            .collect()
    }

    /// Releases by [`reader::key`] of their names.
    pub fn releases_by_name(&self) -> HashMap<String, &Release> {
        self.releases
            .iter()
            .map(|release| (reader::key(&release.name), release))
            .collect()
    }

    /// Trainers by [`reader::key`] of their emails.
    pub fn trainers_by_email(&self) -> HashMap<String, &Trainer> {
        self.trainers
            .iter()
            .map(|trainer| (reader::key(&trainer.fields.email), trainer))
            .collect()
    }
}

/// A record to write: a new one, or new values for one the database holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<Id, T> {
    Add(T),
    Update(Id, T),
}

/// An account as imported: its fields, and whether it is archived when the file says
/// (`None`: a new account is not archived, a known one keeps its flag).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRecord {
    pub fields: AccountFields,
    pub archived: Option<bool>,
}

/// A trainer as imported: the fields and the status the file gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainerRecord {
    pub fields: TrainerFields,
    pub status: TrainerStatus,
}

/// A certification as imported; a new one renews the trainer's latest earlier one, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CertificationRecord {
    pub trainer: TrainerId,
    pub granted_on: NaiveDate,
    pub expires_on: NaiveDate,
}

/// Which sync an attendance mark is for: one the database holds, or one the import creates
/// (by its place in [`AttendancePlan::new_syncs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncRef {
    Existing(SyncId),
    New(usize),
}

/// One trainer's attendance at one sync; the trainer is invited if they were not. `None`
/// only invites, and leaves a mark already taken as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub sync: SyncRef,
    pub trainer: TrainerId,
    pub attendance: Option<Attendance>,
}

/// Attendance to write: syncs to create as held, scheduled syncs whose day has come to mark
/// held (as taking attendance in the app does), and the marks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttendancePlan {
    pub new_syncs: Vec<SyncFields>,
    pub held: Vec<SyncId>,
    pub marks: Vec<Mark>,
}

/// Which material a version belongs to: one the database holds, or one the import adds (by
/// its place in [`MaterialPlan::new_materials`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaterialRef {
    Existing(MaterialId),
    New(usize),
}

/// A material's title and kind as a file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialFields {
    pub title: String,
    pub kind: MaterialKind,
}

/// A material version to write, for the material it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRecord {
    pub material: MaterialRef,
    pub version: MaterialVersion,
}

/// The id of a stored material version: its material and version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionKey {
    pub material: MaterialId,
    pub version: String,
}

/// Materials to write: new ones, known ones whose title or kind changed, and versions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MaterialPlan {
    pub new_materials: Vec<MaterialFields>,
    pub renamed: Vec<(MaterialId, MaterialFields)>,
    pub versions: Vec<Change<VersionKey, VersionRecord>>,
}

/// A triage action as imported: the finding it was taken on, what was done, by whom and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageRecord {
    pub key: FindingKey,
    pub action: TriageAction,
    pub actor: String,
    pub at: chrono::NaiveDateTime,
}

/// Everything one import writes, of one kind. Rows that match the database are left out.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    Accounts(Vec<Change<AccountId, AccountRecord>>),
    Trainers(Vec<Change<TrainerId, TrainerRecord>>),
    /// Written by their key, the account and the day.
    Snapshots(Vec<AccountSnapshot>),
    Certifications(Vec<Change<CertificationId, CertificationRecord>>),
    Attendance(AttendancePlan),
    Sessions(Vec<Change<SessionId, TrainingSession>>),
    Releases(Vec<Change<ReleaseId, ReleaseFields>>),
    Materials(MaterialPlan),
    /// New actions, in the order the file gives them, which is the order they take effect.
    Triage(Vec<Change<TriageEventId, TriageRecord>>),
}

impl Plan {
    /// How many writes the plan makes, for the progress bar.
    pub fn len(&self) -> usize {
        match self {
            Self::Accounts(changes) => changes.len(),
            Self::Trainers(changes) => changes.len(),
            Self::Snapshots(snapshots) => snapshots.len(),
            Self::Certifications(changes) => changes.len(),
            Self::Attendance(plan) => plan.new_syncs.len() + plan.held.len() + plan.marks.len(),
            Self::Sessions(changes) => changes.len(),
            Self::Releases(changes) => changes.len(),
            Self::Materials(plan) => {
                plan.new_materials.len() + plan.renamed.len() + plan.versions.len()
            }
            Self::Triage(changes) => changes.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How the rows of a file compare with the database.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Tally {
    /// Adds another part of the same file's counts.
    pub fn add(&mut self, other: Tally) {
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }

    /// Counts one row's change: `None` when the row matches what is stored.
    pub fn count<Id, T>(&mut self, change: Option<&Change<Id, T>>) {
        match change {
            None => self.unchanged += 1,
            Some(Change::Add(_)) => self.added += 1,
            Some(Change::Update(..)) => self.updated += 1,
        }
    }
}

/// A plan with its tally; `syncs_created` counts the syncs an attendance import creates.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub plan: Plan,
    pub tally: Tally,
    pub syncs_created: usize,
}
