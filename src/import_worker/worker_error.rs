//! Why the import worker could not be used, or stopped before it said how the import ended:
//! typed. The browser's own words are kept for the log only (`Display`).

use thiserror::Error;

use crate::dom_error::DomError;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum WorkerError {
    /// The browser refused to start the worker, or to send it the file.
    #[error(transparent)]
    Browser(#[from] DomError),
    /// The request cannot be written as JSON (`detail`: serde's words).
    #[error("the request cannot be written: {detail}")]
    Request { detail: String },
    /// The worker's script cannot be loaded (blocked, offline before it was ever cached).
    #[error("the import worker cannot be loaded")]
    NotLoaded,
    /// An exception in the worker (it ran out of memory, or failed), in the browser's words.
    #[error("the import worker failed: {detail}")]
    Failed { detail: String },
    /// The worker did not say it was ready in time.
    #[error("the import worker did not start")]
    DidNotStart,
    /// The worker's last reply was not one that ends an import.
    #[error("unexpected reply")]
    UnexpectedReply,
    /// The wait for the worker ended without its outcome.
    #[error("no outcome")]
    NoOutcome,
}
