//! `localStorage`, when this page may use it. A browser that blocks storage for the site throws on
//! the mere access to `window.localStorage`; here that is "not available": reads find nothing and
//! writes return an error, so the app keeps working in memory and says so (it never panics).
//! Typed values (the preferences) are JSON text, read through gloo-storage; gloo panics when
//! storage is blocked, so every call here checks first. The journal's texts are written as
//! they are (`get_text`, `set_text`), not as JSON strings.

use gloo_storage::{LocalStorage, Storage as _};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::StorageError;
use crate::dom_error::Reason;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value under `key`, if there is one that decodes as `T`.
pub fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    storage()?;
    LocalStorage::get(key).ok()
}

/// Stores `value` under `key` (as JSON text, as gloo-storage reads it); fails when storage is
/// blocked or full.
pub fn set<T: Serialize + ?Sized>(key: &str, value: &T) -> Result<(), StorageError> {
    let text = serde_json::to_string(value)
        .map_err(|e| StorageError::Write { reason: Reason::Other, detail: e.to_string() })?;
    set_text(key, &text)
}

/// The text under `key`, as stored.
pub fn get_text(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Stores `text` as it is under `key`; fails when storage is blocked or full.
pub fn set_text(key: &str, text: &str) -> Result<(), StorageError> {
    let s = storage().ok_or_else(|| StorageError::Blocked("localStorage is not available".into()))?;
    s.set_item(key, text).map_err(|e| StorageError::writing(e.into()))
}

pub fn delete(key: &str) {
    if let Some(s) = storage() {
        if let Err(e) = s.remove_item(key) {
            leptos::logging::warn!("localStorage: {key} cannot be removed: {}", crate::browser::js_err(e));
        }
    }
}

/// Every key in storage (none when it is blocked).
pub fn keys() -> Vec<String> {
    let Some(s) = storage() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
}
