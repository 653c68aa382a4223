//! What a browser call failed with, typed: the `name` of the DOMException it threw (or put on an
//! IndexedDB request or transaction), classified into a [`Reason`]. What failed is decided by the
//! name, never by searching the message: the message differs between browsers and their
//! languages, and is kept only for the log (`Display`). Pure apart from reading a `JsValue`:
//! natively tested.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};

/// Why the browser refused, by the DOMException's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// `QuotaExceededError`: the site's storage is full.
    QuotaExceeded,
    /// `VersionError`: the database is at a higher version than the one asked for (a newer app).
    Version,
    /// `InvalidStateError`: the connection is closed (a newer app opened the database in another
    /// tab, the site's data was cleared), or storage refused in a private window (older Firefox).
    InvalidState,
    /// `TransactionInactiveError`: a request made after its transaction ended.
    TransactionInactive,
    /// `AbortError`: the transaction was aborted (by the app, or by the browser naming no cause).
    Abort,
    /// `NotFoundError`: an object store (or the database) is missing.
    NotFound,
    /// `DataError`: a key or key range the browser refused.
    Data,
    /// `DataCloneError`: a value the browser cannot store (a file, in some browsers).
    DataClone,
    /// `ReadOnlyError`: a write in a read-only transaction.
    ReadOnly,
    /// `ConstraintError`: a key that must be new is not.
    Constraint,
    /// `SecurityError`: the page may not use storage (settings, a sandboxed frame, a private
    /// window).
    Security,
    /// `UnknownError`: a failure the browser does not name (often of the disk or of its own files).
    Unknown,
    /// `TimeoutError`: the browser gave up waiting.
    Timeout,
    /// No DOMException: the API is not there (no IndexedDB, no document, no clipboard).
    Missing,
    /// Any other name, or something that is not a DOMException.
    Other,
}

impl Reason {
    /// The reason a DOMException's `name` gives.
    pub fn of_name(name: &str) -> Reason {
        match name {
            "QuotaExceededError" => Reason::QuotaExceeded,
            "VersionError" => Reason::Version,
            "InvalidStateError" => Reason::InvalidState,
            "TransactionInactiveError" => Reason::TransactionInactive,
            "AbortError" => Reason::Abort,
            "NotFoundError" => Reason::NotFound,
            "DataError" => Reason::Data,
            "DataCloneError" => Reason::DataClone,
            "ReadOnlyError" => Reason::ReadOnly,
            "ConstraintError" => Reason::Constraint,
            "SecurityError" => Reason::Security,
            "UnknownError" => Reason::Unknown,
            "TimeoutError" => Reason::Timeout,
            _ => Reason::Other,
        }
    }
}

/// A failed browser call: its [`Reason`], and the browser's own words (`name: message`) for the log.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("{detail}")]
pub struct DomError {
    pub reason: Reason,
    pub detail: String,
}

impl DomError {
    /// A DOMException (or an `Error`) of this name and message.
    pub fn named(name: &str, message: &str) -> DomError {
        DomError { reason: Reason::of_name(name), detail: format!("{name}: {message}") }
    }

    /// An API that is not there (`what` says which, for the log).
    pub fn missing(what: &str) -> DomError {
        DomError { reason: Reason::Missing, detail: what.to_string() }
    }
}

impl From<JsValue> for DomError {
    /// What the browser threw or reported: a DOMException or an `Error` by its name; anything
    /// else is [`Reason::Other`].
    fn from(e: JsValue) -> DomError {
        if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
            return DomError::named(&ex.name(), &ex.message());
        }
        if let Some(err) = e.dyn_ref::<js_sys::Error>() {
            return DomError::named(&String::from(err.name()), &String::from(err.message()));
        }
        DomError { reason: Reason::Other, detail: e.as_string().unwrap_or_else(|| format!("{e:?}")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_decides_the_reason_and_the_message_is_only_kept() {
        let cases = [
            ("QuotaExceededError", Reason::QuotaExceeded),
            ("VersionError", Reason::Version),
            ("InvalidStateError", Reason::InvalidState),
            ("TransactionInactiveError", Reason::TransactionInactive),
            ("AbortError", Reason::Abort),
            ("NotFoundError", Reason::NotFound),
            ("DataError", Reason::Data),
            ("DataCloneError", Reason::DataClone),
            ("ReadOnlyError", Reason::ReadOnly),
            ("ConstraintError", Reason::Constraint),
            ("SecurityError", Reason::Security),
            ("UnknownError", Reason::Unknown),
            ("TimeoutError", Reason::Timeout),
            ("TypeError", Reason::Other),
            ("", Reason::Other),
        ];
        for (name, reason) in cases {
            let e = DomError::named(name, "Die Quote wurde überschritten");
            assert_eq!(e.reason, reason, "{name}");
            assert_eq!(e.to_string(), format!("{name}: Die Quote wurde überschritten"));
        }
        // A message that mentions a quota does not make a quota error: only the name does.
        assert_eq!(DomError::named("UnknownError", "QuotaExceededError: quota").reason, Reason::Unknown);
        assert_eq!(DomError::missing("IndexedDB is not available").reason, Reason::Missing);
    }

    #[test]
    fn it_crosses_the_worker_boundary_as_json() {
        let e = DomError::named("QuotaExceededError", "full");
        let text = serde_json::to_string(&e).expect("JSON");
        assert_eq!(serde_json::from_str::<DomError>(&text).expect("reads back"), e);
    }
}
