//! Persistence: the workspace in IndexedDB (one record per entity and per change, so one edit
//! writes what changed, not the whole project) and small preferences in localStorage.

pub mod idb;
pub mod journal;
pub mod local;
pub mod prefs;
pub mod records;

pub use records::{Dirty, ProjectStorage, RestorePoint, SaveBatch, SaveOutcome, StorageError};
