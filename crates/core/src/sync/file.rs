//! The text of a sync file. A segment is
//! `{"format": "mieruka-sync", "version": 1, "kind": "segment", "project", "device", "seq", "changes": […]}`;
//! a snapshot has `"kind": "snapshot"`, `"n"` and `"covers"` (the segments whose changes it holds,
//! per device) instead of `"seq"`. Its head must name the place it was read from: a file copied
//! into another device's folder is refused, not read as that device's. The changes are read as
//! the browser's own stored segments are ([`crate::segment::read`]), so a damaged change is
//! refused with its place named.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::change::Change;
use crate::id::Id;
use crate::record::RecordError;
use crate::segment;
use crate::sync::layout::{Device, Entry};
use crate::sync::mark::Mark;

pub const FORMAT: &str = "mieruka-sync";
pub const VERSION: u32 = 1;

/// Why a file on the location cannot be read. Nothing stored here changes when one is refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum FileError {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("not a Mieruka sync file")]
    NotSync,
    #[error("written by a newer Mieruka (sync format {0})")]
    Newer(u32),
    #[error("its head names another place than {0}")]
    Misplaced(String),
    #[error("a change cannot be read: {0:?}")]
    Changes(RecordError),
}

/// A snapshot: every change of the segments it covers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    pub covers: BTreeMap<Device, Mark>,
    pub changes: Vec<Change>,
}

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u32,
    kind: &'static str,
    project: Id,
    device: &'a Device,
    #[serde(skip_serializing_if = "Option::is_none")]
    seq: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    n: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    covers: Option<&'a BTreeMap<Device, Mark>>,
    changes: &'a [Change],
}

#[derive(Deserialize)]
struct Head {
    version: u32,
    kind: String,
    project: Id,
    device: String,
    #[serde(default)]
    seq: Option<u64>,
    #[serde(default)]
    n: Option<u64>,
    #[serde(default)]
    covers: BTreeMap<Device, Mark>,
}

/// The text of a file: a segment's changes, or a snapshot's with what it covers.
pub fn text(entry: &Entry, covers: Option<&BTreeMap<Device, Mark>>, changes: &[Change]) -> String {
    let (kind, seq, n) = match entry {
        Entry::Segment { seq, .. } => ("segment", Some(*seq), None),
        Entry::Snapshot { n, .. } => ("snapshot", None, Some(*n)),
    };
    let covers = match entry {
        Entry::Segment { .. } => None,
        Entry::Snapshot { .. } => Some(covers.unwrap_or(&BTreeMap::new()).clone()),
    };
    let out = Out {
        format: FORMAT,
        version: VERSION,
        kind,
        project: entry.project(),
        device: entry.device(),
        seq,
        n,
        covers: covers.as_ref(),
        changes,
    };
    // Serializing changes and marks cannot fail (string keys only).
    serde_json::to_string(&out).unwrap_or_default()
}

/// Reads a segment's changes, checking that its head names `entry`.
pub fn read_segment(entry: &Entry, text: &str) -> Result<Vec<Change>, FileError> {
    let head = head(entry, text)?;
    let Entry::Segment { seq, .. } = entry else { return Err(FileError::Misplaced(entry.path())) };
    if head.kind != "segment" || head.seq != Some(*seq) {
        return Err(FileError::Misplaced(entry.path()));
    }
    segment::read(text, &entry.path()).map_err(FileError::Changes)
}

/// Reads a snapshot, checking that its head names `entry`.
pub fn read_snapshot(entry: &Entry, text: &str) -> Result<Snapshot, FileError> {
    let head = head(entry, text)?;
    let Entry::Snapshot { n, .. } = entry else { return Err(FileError::Misplaced(entry.path())) };
    if head.kind != "snapshot" || head.n != Some(*n) {
        return Err(FileError::Misplaced(entry.path()));
    }
    let changes = segment::read(text, &entry.path()).map_err(FileError::Changes)?;
    Ok(Snapshot { covers: head.covers, changes })
}

/// The fields that say whether a text is a sync file at all (the rest skipped unread).
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

fn head(entry: &Entry, text: &str) -> Result<Head, FileError> {
    let probe: Probe = serde_json::from_str(text).map_err(|e| FileError::NotJson(e.to_string()))?;
    if probe.format.as_deref() != Some(FORMAT) {
        return Err(FileError::NotSync);
    }
    if let Some(v) = probe.version.filter(|v| *v > u64::from(VERSION)) {
        return Err(FileError::Newer(u32::try_from(v).unwrap_or(u32::MAX)));
    }
    let head: Head = serde_json::from_str(text).map_err(|_| FileError::NotSync)?;
    if head.version == 0 || head.project != entry.project() || head.device != entry.device().as_str() {
        return Err(FileError::Misplaced(entry.path()));
    }
    Ok(head)
}

/// A project's card on the location: what a joining device lists before it reads anything else.
/// Written once, create-only, by the device that shares the project first; the name in the
/// project itself may change later and wins once the project is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct About {
    pub project: Id,
    pub name: String,
    #[serde(default)]
    pub code: String,
}

#[derive(Serialize)]
struct AboutOut<'a> {
    format: &'static str,
    version: u32,
    kind: &'static str,
    #[serde(flatten)]
    about: &'a About,
}

/// The text of a project's card.
pub fn about_text(about: &About) -> String {
    // Serializing an id and two strings cannot fail.
    serde_json::to_string(&AboutOut { format: FORMAT, version: VERSION, kind: "project", about }).unwrap_or_default()
}

/// Reads a project's card (checked against the folder it was read from).
pub fn read_about(project: Id, text: &str) -> Result<About, FileError> {
    let probe: Probe = serde_json::from_str(text).map_err(|e| FileError::NotJson(e.to_string()))?;
    if probe.format.as_deref() != Some(FORMAT) {
        return Err(FileError::NotSync);
    }
    let about: About = serde_json::from_str(text).map_err(|_| FileError::NotSync)?;
    if about.project != project {
        return Err(FileError::Misplaced(crate::sync::layout::Entry::about_path(project)));
    }
    Ok(about)
}
