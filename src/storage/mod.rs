//! Persistence: the workspace in IndexedDB (one record per entity and per change, so one edit
//! writes what changed, not the whole project) and small preferences in localStorage.

pub mod batch;
pub mod idb;
pub mod journal;
pub mod local;
pub mod prefs;
pub mod records;

pub use batch::{Dirty, SaveBatch};
pub use records::{ProjectStorage, RestorePoint, SaveOutcome, StorageError};
