//! Persistence: the workspace in IndexedDB (entities in buckets and the change log in segments of
//! one save, so one edit writes what changed, not the whole project) and small preferences in
//! localStorage.

pub mod batch;
pub mod error;
pub mod idb;
pub mod journal;
pub mod local;
pub mod prefetch;
pub mod prefs;
pub mod records;

pub use batch::{Dirty, SaveBatch};
pub use error::StorageError;
pub use records::{ImportWrite, PendingImport, ProjectStorage, RestorePoint, SaveOutcome};
