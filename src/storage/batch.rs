//! What one save writes: the entities and changes an edit touched (`Dirty`), and the records
//! serialized from them before the write begins (`SaveBatch`).

use std::collections::BTreeSet;

use mieruka_core::change::{Change, EntityKind, EntityRef};
use mieruka_core::{bucket, format, segment};
use mieruka_core::Project;
use serde_json::Value;

/// What changed in a project since its last save.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dirty {
    pub head: bool,
    pub entities: BTreeSet<EntityRef>,
    pub changes: Vec<Change>,
}

impl Dirty {
    pub fn is_empty(&self) -> bool {
        !self.head && self.entities.is_empty() && self.changes.is_empty()
    }

    /// Adds the effects of applied changes.
    pub fn add(&mut self, changes: &[Change]) {
        for c in changes {
            if c.entity.kind == EntityKind::Project {
                self.head = true;
            } else {
                self.entities.insert(c.entity);
            }
            self.changes.push(c.clone());
        }
    }

    pub fn merge(&mut self, other: Dirty) {
        self.head |= other.head;
        self.entities.extend(other.entities);
        self.changes.extend(other.changes);
    }
}

/// The records one save writes, serialized before any await (so the project is read once, and
/// only what changed is serialized).
#[derive(Debug, Clone, PartialEq)]
pub struct SaveBatch {
    pub project: String,
    pub head: Value,
    /// The entity buckets to put or delete, the kinds rewritten whole, and the widths written
    /// (`mieruka_core::bucket::Plan`).
    pub entities: bucket::Plan,
    /// The change-log segments this save adds (`mieruka_core::segment`; all of the log when
    /// `full`), keyed by the rev the write makes and their place in this list.
    pub changes: Vec<String>,
    /// Rewrite every record of the project (after a merge, an import or a conflict).
    pub full: bool,
    /// Keep what is stored now as the project's restore point before writing (an import that
    /// replaces or merges).
    pub restore_point: bool,
}

impl SaveBatch {
    /// The records of a save of `dirty`: every record of the project when `full`, else the
    /// buckets the edits touched (an emptied bucket is deleted) and every bucket of the `whole`
    /// kinds (a kind whose width moved: `bucket::Plan::moved`).
    pub fn prepare(p: &Project, dirty: &Dirty, full: bool, whole: &BTreeSet<EntityKind>) -> SaveBatch {
        let pid = p.id.to_string();
        let entities = if full { bucket::Plan::full(p) } else { bucket::Plan::new(p, &dirty.entities, whole) };
        let changes = segment::texts(&pid, if full { &p.changes } else { &dirty.changes });
        SaveBatch {
            project: pid.clone(),
            head: format::head_json(p),
            entities,
            changes,
            full,
            restore_point: false,
        }
    }
}
