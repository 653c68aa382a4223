//! A tab's journal: the changes it made that are not stored yet, written synchronously to
//! localStorage after every edit. IndexedDB writes are asynchronous and a tab can be closed or
//! reloaded before one completes; the next start reads every journal and re-applies what storage
//! does not have yet (`replay::reapply`), so an edit is never lost to a closed tab.

use super::local;
use mieruka_core::format;
use mieruka_core::{Change, Id};
use serde_json::{json, Value};

const PREFIX: &str = "mieruka.journal.";

/// Replaces this tab's journal with `entries`, and the projects whose next save must first keep a
/// restore point (an import not stored yet); removes the journal when both are empty.
pub fn write(tab: &str, entries: &[(Id, &Change)], restore_points: &[Id]) {
    let key = format!("{PREFIX}{tab}");
    if entries.is_empty() && restore_points.is_empty() {
        local::delete(&key);
        return;
    }
    let list: Vec<Value> = entries
        .iter()
        .map(|(p, c)| json!({ "project": p.to_string(), "change": format::change_json(c) }))
        .chain(restore_points.iter().map(|p| json!({ "project": p.to_string(), "restore_point": true })))
        .collect();
    if let Err(e) = local::set(&key, &list) {
        leptos::logging::warn!("the edit journal cannot be written: {e}");
    }
}

/// One tab's journal.
pub struct Journal {
    pub key: String,
    pub changes: Vec<(Id, Change)>,
    pub restore_points: Vec<Id>,
}

/// Every journal in this browser (of closed tabs, and of open ones). Entries that cannot be read
/// are skipped.
pub fn read_all() -> Vec<Journal> {
    let mut out = Vec::new();
    for key in local::keys().into_iter().filter(|k| k.starts_with(PREFIX)) {
        let Some(list) = local::get::<Vec<Value>>(&key) else { continue };
        let mut journal = Journal { key, changes: Vec::new(), restore_points: Vec::new() };
        for e in &list {
            let Some(pid) = e.get("project").and_then(Value::as_str).and_then(|s| Id::parse_str(s).ok()) else { continue };
            if e.get("restore_point").and_then(Value::as_bool) == Some(true) {
                journal.restore_points.push(pid);
            } else if let Some(change) = e.get("change").and_then(|c| format::parse_change(c, "journal").ok()) {
                journal.changes.push((pid, change));
            }
        }
        out.push(journal);
    }
    out
}

/// Forgets a journal whose changes are stored now.
pub fn remove(key: &str) {
    local::delete(key);
}
