//! The change log in segments (the browser's storage layout 3). IndexedDB pays per record: a 10k
//! import wrote ~81,000 change records, one per change, and opening its history read them all
//! back one record at a time (BENCHMARKS.md, 2026-12-07). So the browser keeps the changes of one
//! save together, [`SEGMENT`] to a record: `{"project": "<id>", "changes": [change, …]}`, keyed
//! by the rev that save made and the segment's place in it (`[project, rev, n]`). A save is then
//! one record for an edit, ~41 for a 10k import, and another tab reads what a save added by its
//! rev. (Issue 10's sync exchanges the log as append-only segments too.)
//!
//! Layout 2 kept one change per record, `{"project": "<id>", "change": {…}}`, keyed by the
//! change's id; [`read`] takes both, and [`relayout`] moves the old ones into segments.
//!
//! Written from the type and read on the typed path of `format::fast`, falling back to the `Value`
//! path for anything else, so both read every text alike (tests/segment.rs, `make fuzz`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::change::Change;
use crate::format;
use crate::format::fast::RawChange;
use crate::record::RecordError;
use crate::replay;

/// Changes per segment record: a 10k import's ~81,000 changes in ~41 records of ~0.6 MB.
pub const SEGMENT: usize = 2_000;

#[derive(Serialize)]
struct Out<'a> {
    project: &'a str,
    changes: &'a [Change],
}

/// The stored texts of the segments of these changes (a save's, in the order given).
pub fn texts(project: &str, changes: &[Change]) -> Vec<String> {
    changes.chunks(SEGMENT).map(|c| text(project, c)).collect()
}

/// One segment's text.
pub fn text(project: &str, changes: &[Change]) -> String {
    match serde_json::to_string(&Out { project, changes }) {
        Ok(s) => s,
        // Serializing a change cannot fail (string keys only); were it to, the `Value` route.
        Err(_) => serde_json::json!({
            "project": project,
            "changes": changes.iter().map(format::change_json).collect::<Vec<_>>(),
        })
        .to_string(),
    }
}

#[derive(Deserialize)]
struct In {
    #[allow(dead_code)] // required, as in every stored record; not otherwise read
    project: String,
    #[serde(default)]
    changes: Option<Vec<RawChange>>,
}

/// Reads a stored change record, a segment or one change of layout 2 (`at` names it in an
/// error; a change in a segment is located as `{at}.changes[i]`).
pub fn read(text: &str, at: &str) -> Result<Vec<Change>, RecordError> {
    let typed = serde_json::from_str::<In>(text)
        .ok()
        .and_then(|r| r.changes)
        .and_then(|list| list.into_iter().map(RawChange::typed).collect::<Option<Vec<_>>>());
    match typed {
        Some(changes) => Ok(changes),
        // Anything else (a layout-2 record, damage) is read through `Value`.
        None => read_through_value(text, at),
    }
}

/// [`read`] through a `Value` tree: what the typed path must agree with.
pub fn read_through_value(text: &str, at: &str) -> Result<Vec<Change>, RecordError> {
    let rec: Value = serde_json::from_str(text).map_err(|e| RecordError::NotJson(e.to_string()))?;
    if let Some(list) = rec.get("changes") {
        let list = list.as_array().ok_or(RecordError::Empty)?;
        return list
            .iter()
            .enumerate()
            .map(|(i, c)| format::parse_change(c, &format!("{at}.changes[{i}]")).map_err(RecordError::Change))
            .collect();
    }
    let c = rec.get("change").ok_or(RecordError::Empty)?;
    format::parse_change(c, at).map(|c| vec![c]).map_err(RecordError::Change)
}

/// A project's change records of layout 2 moved into segments: the texts of the new segments (in
/// effective order) and the keys of the records they replace. Records that cannot be read are
/// kept as they are (the project then fails to load as before, and says where). `None` when no
/// record can be moved.
pub fn relayout<K>(project: &str, records: Vec<(K, String)>) -> Option<(Vec<String>, Vec<K>)> {
    let mut changes = Vec::new();
    let mut moved = Vec::new();
    for (key, text) in records {
        if let Ok(cs) = read(&text, "") {
            changes.extend(cs);
            moved.push(key);
        }
    }
    if moved.is_empty() {
        return None;
    }
    replay::normalize(&mut changes);
    Some((texts(project, &changes), moved))
}
