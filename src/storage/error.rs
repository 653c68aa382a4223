//! What went wrong with the browser's storage, typed by what the user must know: the failing
//! step (open, read, write) and the browser's [`Reason`] (the DOMException's name, never its
//! message). The browser's words are kept for the log only (`Display`); the user reads
//! `i18n::storage_error`. Serializable, so the import worker sends it to the tab, which says it
//! in the user's language. Pure: natively tested.

use mieruka_core::format::ImportError;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::dom_error::{DomError, Reason};

#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
pub enum StorageError {
    /// The page may not use the browser's storage: it has none here, or blocks it (`SecurityError`;
    /// a private window, site data blocked in the settings, a sandboxed frame).
    #[error("storage is blocked: {0}")]
    Blocked(String),
    /// The database cannot be opened, for another reason.
    #[error("storage cannot be opened: {detail}")]
    Unavailable { reason: Reason, detail: String },
    /// This tab has no storage open (it could not open it, or went read-only).
    #[error("storage is not open in this tab")]
    NotOpen,
    /// The storage is full (`QuotaExceededError`). A write is one transaction, refused whole:
    /// nothing stored before is lost.
    #[error("the storage quota is exceeded: {0}")]
    Full(String),
    /// The data was written by a newer version of the app (`VersionError`: a higher database
    /// version).
    #[error("the stored data belongs to a newer version of Mieruka")]
    Newer,
    /// Another tab runs an older version of the app and keeps the database open, so this one
    /// cannot open it at its own version until that tab closes (the open is `blocked`).
    #[error("another tab keeps an older version of the database open")]
    OlderTabOpen,
    /// The connection was closed under this tab (`InvalidStateError`: a newer version opened the
    /// database in another tab, or the site's data was cleared).
    #[error("the connection to storage is closed: {0}")]
    Closed(String),
    #[error("writing failed: {detail}")]
    Write { reason: Reason, detail: String },
    #[error("reading failed: {detail}")]
    Read { reason: Reason, detail: String },
    /// A stored record is not one this version can read (not text, not JSON, a part missing). It
    /// is left as it is.
    #[error("a stored record cannot be read: {0}")]
    Damaged(String),
    /// A stored project's records read, and do not make a valid project. Never sent by the import
    /// worker, which does not read projects (see [`StorageError::for_worker`]).
    #[error("a stored project cannot be read: {0}")]
    #[serde(skip)]
    Corrupt(ImportError),
    /// What a save wrote does not read back the same (a silently failing store).
    #[error("what was saved does not read back the same: {0}")]
    ReadBack(String),
    /// Every write of a project met a newer copy saved by another tab meanwhile.
    #[error("the project keeps changing in another tab")]
    KeepsChanging,
}

impl StorageError {
    /// A failure to open the database.
    pub fn opening(e: DomError) -> StorageError {
        match e.reason {
            Reason::Version => StorageError::Newer,
            Reason::QuotaExceeded => StorageError::Full(e.detail),
            // Older Firefox refuses IndexedDB in a private window with InvalidStateError.
            Reason::Security | Reason::Missing | Reason::InvalidState => StorageError::Blocked(e.detail),
            reason => StorageError::Unavailable { reason, detail: e.detail },
        }
    }

    /// A failure of a read (a read-only transaction or one of its requests).
    pub fn reading(e: DomError) -> StorageError {
        Self::in_use(e).unwrap_or_else(|(reason, detail)| StorageError::Read { reason, detail })
    }

    /// A failure of a write (a read-write transaction, one of its requests, or its commit).
    pub fn writing(e: DomError) -> StorageError {
        Self::in_use(e).unwrap_or_else(|(reason, detail)| StorageError::Write { reason, detail })
    }

    /// What a failure of an open database is, whatever it was doing; else its reason and detail.
    fn in_use(e: DomError) -> Result<StorageError, (Reason, String)> {
        match e.reason {
            Reason::QuotaExceeded => Ok(StorageError::Full(e.detail)),
            Reason::Security | Reason::Missing => Ok(StorageError::Blocked(e.detail)),
            Reason::InvalidState => Ok(StorageError::Closed(e.detail)),
            reason => Err((reason, e.detail)),
        }
    }

    /// As the import worker sends it to the tab: [`StorageError::Corrupt`], which holds a core
    /// type that is not serializable, goes as [`StorageError::Damaged`] with its text.
    pub fn for_worker(self) -> StorageError {
        match self {
            StorageError::Corrupt(e) => StorageError::Damaged(e.to_string()),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_reason_and_the_step_decide_the_error() {
        let e = |name: &str| DomError::named(name, "raw words");
        assert_eq!(
            StorageError::writing(e("QuotaExceededError")),
            StorageError::Full("QuotaExceededError: raw words".into())
        );
        assert!(matches!(StorageError::reading(e("QuotaExceededError")), StorageError::Full(_)));
        assert_eq!(StorageError::opening(e("VersionError")), StorageError::Newer);
        assert!(matches!(StorageError::opening(e("SecurityError")), StorageError::Blocked(_)));
        assert!(matches!(StorageError::opening(e("InvalidStateError")), StorageError::Blocked(_)));
        assert!(matches!(StorageError::opening(DomError::missing("no IndexedDB")), StorageError::Blocked(_)));
        assert!(matches!(
            StorageError::opening(e("UnknownError")),
            StorageError::Unavailable { reason: Reason::Unknown, .. }
        ));
        assert!(matches!(StorageError::writing(e("InvalidStateError")), StorageError::Closed(_)));
        assert!(matches!(StorageError::reading(e("SecurityError")), StorageError::Blocked(_)));
        assert!(matches!(StorageError::writing(e("AbortError")), StorageError::Write { reason: Reason::Abort, .. }));
        assert!(matches!(
            StorageError::reading(e("TransactionInactiveError")),
            StorageError::Read { reason: Reason::TransactionInactive, .. }
        ));
        assert!(matches!(StorageError::writing(e("TypeError")), StorageError::Write { reason: Reason::Other, .. }));
    }

    #[test]
    fn the_browser_words_go_to_the_log() {
        let full = StorageError::writing(DomError::named("QuotaExceededError", "The quota has been exceeded."));
        assert_eq!(full.to_string(), "the storage quota is exceeded: QuotaExceededError: The quota has been exceeded.");
    }

    #[test]
    fn what_the_worker_sends_reads_back_in_the_tab() {
        let corrupt = StorageError::Corrupt(ImportError {
            path: "tasks[0]".into(),
            problem: mieruka_core::format::Problem::Missing,
        });
        assert!(serde_json::to_string(&corrupt).is_err(), "a core error does not cross as it is");
        for e in [
            StorageError::writing(DomError::named("QuotaExceededError", "full")),
            StorageError::writing(DomError::named("UnknownError", "disk")),
            StorageError::Newer,
            StorageError::ReadBack("project 1: the head".into()),
            corrupt.for_worker(),
        ] {
            let text = serde_json::to_string(&e).expect("JSON");
            assert_eq!(serde_json::from_str::<StorageError>(&text).expect("reads back"), e, "{text}");
        }
    }
}
