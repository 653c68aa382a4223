//! A tab's journal: the changes it made that are not stored yet, written synchronously to
//! localStorage after every edit. IndexedDB writes are asynchronous and a tab can be closed or
//! reloaded before one completes; the next start reads every journal and re-applies what storage
//! does not have yet (`replay::reapply`), so an edit is never lost to a closed tab.
//!
//! localStorage holds about 5 MB, and a project written whole (an import not stored yet) can be
//! far larger: 50,000 tasks are ~40 MB of changes. Such a project's log so far goes to
//! IndexedDB's `journal` store instead, in one small transaction that commits long before the
//! project's own write (which can take seconds), under a key of its own; only what is added to it
//! afterwards goes to localStorage with the other edits. Which project goes where is [`plan`],
//! pure and natively tested.

use std::collections::BTreeMap;

use super::local;
use mieruka_core::record;
use mieruka_core::{Change, Id};

const PREFIX: &str = "mieruka.journal.";

/// A project written whole with more changes than this is journaled in IndexedDB (2,000 changes
/// are about 1 MB of JSON: several such imports in several tabs still fit in localStorage).
pub const LOCAL_MAX_CHANGES: usize = 2_000;

/// A project's log kept in IndexedDB by this tab: under `key`, its first `count` changes, the
/// last of them `last`.
#[derive(Debug, Clone, PartialEq)]
pub struct Spilled {
    pub key: String,
    pub count: usize,
    pub last: Option<Id>,
}

/// What to do with the projects journaled whole, this time.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Put these projects' logs (so far) into IndexedDB.
    pub spill: Vec<Id>,
    /// This tab's IndexedDB journals no longer needed (their project is stored).
    pub forget: Vec<Id>,
    /// For each project journaled whole: from which change on its log goes to localStorage.
    pub local_from: BTreeMap<Id, usize>,
}

/// Decides where the whole projects' logs go. A spilled log is reused while the project's log
/// still starts with it (same change at the same place); otherwise it is spilled anew.
pub fn plan(whole: &[(Id, &[Change])], spilled: &BTreeMap<Id, Spilled>) -> Plan {
    let mut out = Plan::default();
    for (pid, log) in whole {
        let kept = spilled
            .get(pid)
            .filter(|s| s.count <= log.len() && s.count > 0 && log.get(s.count - 1).map(|c| c.id) == s.last);
        match kept {
            Some(s) => {
                out.local_from.insert(*pid, s.count);
            }
            None if log.len() > LOCAL_MAX_CHANGES => {
                out.spill.push(*pid);
                out.local_from.insert(*pid, log.len());
            }
            None => {
                out.local_from.insert(*pid, 0);
            }
        }
    }
    out.forget = spilled.keys().filter(|p| !whole.iter().any(|(w, _)| w == *p)).copied().collect();
    out
}

/// The IndexedDB key of a log spilled by `tab` at `now_ms`: never reused, so the removal of an
/// older one cannot hit a newer one.
pub fn db_key(tab: &str, pid: Id, now_ms: u64) -> String {
    format!("{tab}/{pid}/{now_ms}")
}

/// The journal's text (`mieruka_core::record::journal_text`): the changes' entries, then the
/// projects whose restore point is noted.
pub fn text<'a>(entries: impl Iterator<Item = (Id, &'a Change)>, restore_points: &[Id]) -> String {
    record::journal_text(entries, restore_points)
}

/// A spilled journal of one project's log cut in segments (`mieruka_core::record::segments_journal`).
pub fn segments_text(segments: &[String]) -> String {
    record::segments_journal(segments)
}

/// Replaces this tab's localStorage journal with `text` (see [`text`]); removes it when `empty`.
pub fn write(tab: &str, text: &str, empty: bool) {
    let key = format!("{PREFIX}{tab}");
    if empty {
        local::delete(&key);
        return;
    }
    if let Err(e) = local::set_text(&key, text) {
        leptos::logging::warn!("the edit journal cannot be written: {e}");
    }
}

/// One journal: of a tab (localStorage) or a large log one tab spilled (IndexedDB).
pub struct Journal {
    pub key: String,
    pub in_db: bool,
    pub changes: Vec<(Id, Change)>,
    pub restore_points: Vec<Id>,
}

/// Reads a journal's text; entries that cannot be read are skipped.
pub fn parse(key: String, in_db: bool, text: &str) -> Journal {
    let (changes, restore_points) = record::read_journal(text);
    Journal { key, in_db, changes, restore_points }
}

/// Every localStorage journal in this browser (of closed tabs, and of open ones).
pub fn read_all() -> Vec<Journal> {
    local::keys()
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .filter_map(|key| {
            let text = local::get_text(&key)?;
            Some(parse(key, false, &text))
        })
        .collect()
}

/// The localStorage key of a tab's journal.
pub fn local_key(tab: &str) -> String {
    format!("{PREFIX}{tab}")
}

/// Forgets a localStorage journal whose changes are stored now.
pub fn remove(key: &str) {
    local::delete(key);
}

#[cfg(test)]
mod tests {
    use super::*;
    use mieruka_core::change::EntityRef;
    use serde_json::Value;

    fn log(n: usize, seed: u128) -> Vec<Change> {
        (0..n)
            .map(|i| Change {
                id: Id::from_u128(seed + i as u128),
                at: chrono::DateTime::UNIX_EPOCH,
                actor: "a".into(),
                batch: Id::from_u128(seed),
                entity: EntityRef::task(Id::from_u128(1)),
                field: "title".into(),
                from: Value::Null,
                to: Value::from(i),
            })
            .collect()
    }

    #[test]
    fn small_logs_stay_in_local_storage_and_large_ones_move_once() {
        let (a, b) = (Id::from_u128(1), Id::from_u128(2));
        let small = log(10, 100);
        let mut large = log(LOCAL_MAX_CHANGES + 1, 10_000);
        let p = plan(&[(a, &small), (b, &large)], &BTreeMap::new());
        assert_eq!(p.spill, vec![b]);
        assert_eq!(p.local_from, BTreeMap::from([(a, 0), (b, large.len())]));
        assert!(p.forget.is_empty());

        // Spilled: later edits of the same project go to localStorage, from the spilled count on.
        let n = large.len();
        let spilled = BTreeMap::from([(b, Spilled { key: "k".into(), count: n, last: Some(large[n - 1].id) })]);
        large.extend(log(3, 90_000));
        let p = plan(&[(b, &large)], &spilled);
        assert!(p.spill.is_empty());
        assert_eq!(p.local_from[&b], n);

        // A log that no longer starts with what was spilled (reordered by a merge) is spilled anew.
        large.swap(n - 1, n);
        let p = plan(&[(b, &large)], &spilled);
        assert_eq!(p.spill, vec![b]);
        assert_eq!(p.local_from[&b], large.len());

        // Stored: forgotten.
        let p = plan(&[], &spilled);
        assert_eq!(p.forget, vec![b]);
    }

    #[test]
    fn the_text_reads_back_as_written() {
        let (a, b) = (Id::from_u128(1), Id::from_u128(2));
        let changes = log(3, 7);
        let t = text(changes.iter().map(|c| (a, c)), &[b]);
        let j = parse("k".into(), true, &t);
        assert_eq!(j.changes, changes.into_iter().map(|c| (a, c)).collect::<Vec<_>>());
        assert_eq!(j.restore_points, vec![b]);
        assert_eq!(parse("k".into(), false, "not json").changes, vec![]);
    }
}
