//! Numbered schema migrations, recorded in the file's `user_version`.
//!
//! Append only: a migration that has shipped is never edited, since databases in the field
//! have already run it.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("migrations/001_accounts_trainers_notes.sql")),
    M::up(include_str!("migrations/002_assessments.sql")),
    M::up(include_str!("migrations/003_certifications.sql")),
    M::up(include_str!("migrations/004_practicums.sql")),
    M::up(include_str!("migrations/005_syncs.sql")),
    M::up(include_str!("migrations/006_program.sql")),
    M::up(include_str!("migrations/007_triage.sql")),
    M::up(include_str!("migrations/008_sessions_by_account.sql")),
];

pub(crate) fn all() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

/// The schema version this build writes; a file above it came from a newer t3.
pub fn latest_schema_version() -> u32 {
    STEPS.len() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(all().validate().is_ok());
    }
}
