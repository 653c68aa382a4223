//! `localStorage`, when this page may use it. A browser that blocks storage for the site throws on
//! the mere access to `window.localStorage`; here that is "not available": reads find nothing and
//! writes return an error, so the app keeps working in memory and says so (it never panics).
//! Typed values (the preferences) go through gloo-storage, as JSON text as before; gloo panics
//! when storage is blocked, so every call here checks first. The journal's texts are written as
//! they are (`get_text`, `set_text`), not as JSON strings.

use gloo_storage::{LocalStorage, Storage as _};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value under `key`, if there is one that decodes as `T`.
pub fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    storage()?;
    LocalStorage::get(key).ok()
}

/// Stores `value` under `key`; fails when storage is blocked or full.
pub fn set<T: Serialize + ?Sized>(key: &str, value: &T) -> Result<(), String> {
    storage().ok_or_else(|| "localStorage is not available".to_string())?;
    LocalStorage::set(key, value).map_err(|e| e.to_string())
}

/// The text under `key`, as stored.
pub fn get_text(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Stores `text` as it is under `key`; fails when storage is blocked or full.
pub fn set_text(key: &str, text: &str) -> Result<(), String> {
    let s = storage().ok_or_else(|| "localStorage is not available".to_string())?;
    s.set_item(key, text).map_err(crate::browser::js_err)
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
