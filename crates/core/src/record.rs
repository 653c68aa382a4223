//! The texts the browser keeps for changes: a stored change record and a journal entry are both
//! `{"project": "<id>", "change": {…}}` (a journal entry may instead be
//! `{"project": "<id>", "restore_point": true}`, or a segment of the log as storage keeps it,
//! `{"project": "<id>", "changes": [{…}, …]}` (`crate::segment`): a large import's journal is its
//! log's segments, which its first write then stores as they are).
//!
//! Written from the type, and read on the typed path of `format::fast` (no `serde_json::Value`
//! tree per record: opening a project's log and recovering a large journal read tens of thousands
//! of them). Reading falls back to the `Value` path for anything the typed path does not read
//! exactly as that path would, so what is accepted, skipped or reported is the same either way
//! (tests/record.rs holds the two equal).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::change::Change;
use crate::format::fast::RawChange;
use crate::format::{self, ImportError};
use crate::id::Id;

#[derive(Serialize)]
struct Out<'a> {
    project: &'a str,
    change: &'a Change,
}

/// The stored text of one change of `project`.
pub fn change_text(project: &str, change: &Change) -> String {
    match serde_json::to_string(&Out { project, change }) {
        Ok(s) => s,
        // Serializing a change cannot fail (string keys only); were it to, the `Value` route.
        Err(_) => serde_json::json!({ "project": project, "change": format::change_json(change) }).to_string(),
    }
}

/// A journal's text: a JSON list of the changes' entries, then one `restore_point` entry per
/// project in `restore_points`.
pub fn journal_text<'a>(entries: impl Iterator<Item = (Id, &'a Change)>, restore_points: &[Id]) -> String {
    // Written into one string: a large import's journal is ~150 M characters at 50k tasks, and a
    // list of parts joined afterwards held it three times over.
    let mut out = String::from("[");
    let sep = |out: &mut String| {
        if out.len() > 1 {
            out.push(',');
        }
    };
    for (pid, c) in entries {
        sep(&mut out);
        out.push_str(&change_text(&pid.to_string(), c));
    }
    for pid in restore_points {
        sep(&mut out);
        out.push_str(&format!("{{\"project\":\"{pid}\",\"restore_point\":true}}"));
    }
    out.push(']');
    out
}

#[derive(Deserialize)]
struct In {
    project: String,
    #[serde(default)]
    change: Option<RawChange>,
    #[serde(default)]
    restore_point: Option<bool>,
    #[serde(default)]
    changes: Option<Vec<RawChange>>,
}

/// A journal of segment texts (`crate::segment::text`, one project's log cut as storage keeps
/// it): the list of them, as they are.
pub fn segments_journal(segments: &[String]) -> String {
    let mut out = String::with_capacity(segments.iter().map(|s| s.len() + 1).sum::<usize>() + 2);
    out.push('[');
    for (i, s) in segments.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(s);
    }
    out.push(']');
    out
}

/// What was wrong with a stored change record.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordError {
    /// Not JSON (the parser's words).
    NotJson(String),
    /// JSON without a `change`.
    Empty,
    /// The change itself, located.
    Change(ImportError),
}

/// Reads a stored change record (`at` names it in an error).
pub fn read_change(text: &str, at: &str) -> Result<Change, RecordError> {
    match serde_json::from_str::<In>(text).ok().and_then(|r| r.change).and_then(RawChange::typed) {
        Some(c) => Ok(c),
        None => read_change_through_value(text, at),
    }
}

/// [`read_change`] through a `Value` tree: what the typed path must agree with.
pub fn read_change_through_value(text: &str, at: &str) -> Result<Change, RecordError> {
    let rec: Value = serde_json::from_str(text).map_err(|e| RecordError::NotJson(e.to_string()))?;
    let c = rec.get("change").ok_or(RecordError::Empty)?;
    format::parse_change(c, at).map_err(RecordError::Change)
}

/// A journal read: the changes with their project, and the projects with a restore point noted.
pub type Journal = (Vec<(Id, Change)>, Vec<Id>);

/// A journal's entries: the changes with their project, and the projects with a restore point
/// noted. Entries that cannot be read are skipped (and a text that is not a list reads as empty).
pub fn read_journal(text: &str) -> Journal {
    typed_journal(text).unwrap_or_else(|| read_journal_through_value(text))
}

fn typed_journal(text: &str) -> Option<Journal> {
    let list: Vec<In> = serde_json::from_str(text).ok()?;
    let mut changes = Vec::with_capacity(list.len());
    let mut restore_points = Vec::new();
    for e in list {
        let pid = Id::parse_str(&e.project).ok()?;
        if e.restore_point == Some(true) {
            restore_points.push(pid);
        } else if let Some(change) = e.change {
            changes.push((pid, change.typed()?));
        } else {
            for c in e.changes? {
                changes.push((pid, c.typed()?));
            }
        }
    }
    Some((changes, restore_points))
}

/// [`read_journal`] through `Value` trees: what the typed path must agree with.
pub fn read_journal_through_value(text: &str) -> Journal {
    let list: Vec<Value> = serde_json::from_str(text).unwrap_or_default();
    let mut changes = Vec::new();
    let mut restore_points = Vec::new();
    for e in &list {
        let Some(pid) = e.get("project").and_then(Value::as_str).and_then(|s| Id::parse_str(s).ok()) else {
            continue;
        };
        if e.get("restore_point").and_then(Value::as_bool) == Some(true) {
            restore_points.push(pid);
        } else if let Some(c) = e.get("change") {
            if let Ok(change) = format::parse_change(c, "journal") {
                changes.push((pid, change));
            }
        } else if let Some(list) = e.get("changes").and_then(Value::as_array) {
            // A segment: its readable changes.
            changes.extend(list.iter().filter_map(|c| format::parse_change(c, "journal").ok()).map(|c| (pid, c)));
        }
    }
    (changes, restore_points)
}
