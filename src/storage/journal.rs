//! A tab's journal: the changes it made that are not stored yet, written synchronously to
//! localStorage after every edit. IndexedDB writes are asynchronous and a tab can be closed or
//! reloaded before one completes; the next start reads every journal and re-applies what storage
//! does not have yet (`replay::reapply`), so an edit is never lost to a closed tab.

use gloo_storage::{LocalStorage, Storage};
use mieruka_core::format;
use mieruka_core::{Change, Id};
use serde_json::{json, Value};

const PREFIX: &str = "mieruka.journal.";

/// Replaces this tab's journal with `entries` (removes it when there are none).
pub fn write(tab: &str, entries: &[(Id, &Change)]) {
    let key = format!("{PREFIX}{tab}");
    if entries.is_empty() {
        LocalStorage::delete(&key);
        return;
    }
    let list: Vec<Value> = entries.iter().map(|(p, c)| json!({ "project": p.to_string(), "change": format::change_json(c) })).collect();
    if let Err(e) = LocalStorage::set(&key, &list) {
        leptos::logging::warn!("the edit journal cannot be written: {e}");
    }
}

/// Every journal in this browser (of closed tabs, and of open ones): its key and its changes.
/// Entries that cannot be read are skipped.
pub fn read_all() -> Vec<(String, Vec<(Id, Change)>)> {
    let Ok(storage) = LocalStorage::raw().length().map(|n| (0..n).filter_map(|i| LocalStorage::raw().key(i).ok().flatten()).collect::<Vec<_>>()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in storage.into_iter().filter(|k| k.starts_with(PREFIX)) {
        let Ok(list) = LocalStorage::get::<Vec<Value>>(&key) else { continue };
        let entries = list
            .iter()
            .filter_map(|e| {
                let pid = Id::parse_str(e.get("project")?.as_str()?).ok()?;
                let change = format::parse_change(e.get("change")?, "journal").ok()?;
                Some((pid, change))
            })
            .collect();
        out.push((key, entries));
    }
    out
}

/// Forgets a journal whose changes are stored now.
pub fn remove(key: &str) {
    LocalStorage::delete(key);
}
