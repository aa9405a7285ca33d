//! The program's vocabulary as plain types and the rules over them.
//!
//! Nothing here knows about SQL, terminals or the clock: "today" is always passed in, so every
//! rule can be tested with a fixed date.

pub mod account;
pub mod assessment;
pub mod certification;
pub mod countdown;
pub mod metrics;
pub mod note;
pub mod practicum;
pub mod program;
pub mod questionnaire;
pub mod readiness;
pub mod risk;
pub mod snapshot;
pub mod sync;
pub mod trainer;
pub mod triage;
pub mod validation;

pub use account::{Account, AccountFields, AccountId, AccountRow, T3Status};
pub use note::{Note, NoteId};
pub use snapshot::AccountSnapshot;
pub use trainer::{Trainer, TrainerFields, TrainerId, TrainerRow, TrainerStatus};
pub use validation::FieldError;
