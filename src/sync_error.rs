//! Why a sync did not finish, typed by what the user can do about it; said in their language by
//! `i18n::sync_error`. Editing never waits on any of these: the changes stay here and are sent at
//! the next sync. Beside `crate::sync` (not in it) so that the words, which read this, sit below
//! the sync hub, which reads them.

use mieruka_core::sync::file::FileError;
use mieruka_core::sync::webdav::{AddressError, WebDavError};
use thiserror::Error;

use crate::storage::StorageError;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum SyncError {
    /// The browser says it is offline.
    #[error("offline")]
    Offline,
    /// No answer: the server is down, the name does not resolve, or it took too long.
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    /// The server answers, but not to this page: it sends no CORS headers for it.
    #[error("the server refuses requests from this page (CORS)")]
    CorsRefused,
    #[error(transparent)]
    Server(#[from] WebDavError),
    #[error(transparent)]
    Address(#[from] AddressError),
    /// The password was not remembered and this tab has not been given it.
    #[error("the password is needed")]
    PasswordNeeded,
    /// This browser has no File System Access API (Firefox, Safari).
    #[error("this browser cannot write to a chosen folder")]
    FolderUnsupported,
    /// The user did not allow this page to read and write the folder (or not yet since opening).
    #[error("the folder may not be read or written: {0}")]
    FolderDenied(String),
    #[error("the folder cannot be read or written: {0}")]
    Folder(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// A file on the location that cannot be read: it is skipped, and nothing stored here changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub path: String,
    pub why: SkipWhy,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SkipWhy {
    File(FileError),
    /// Reading it failed (the server answered an error for it).
    Read(SyncError),
}
