//! Free-text notes a CSM keeps on an account.

use chrono::NaiveDateTime;

use super::AccountId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NoteId(pub i64);

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: NoteId,
    pub account_id: AccountId,
    /// Local time the note was written, as the user's clock saw it.
    pub written_at: NaiveDateTime,
    pub body: String,
}
