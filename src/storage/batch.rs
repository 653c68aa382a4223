//! What one save writes: the entities and changes an edit touched (`Dirty`), and the records
//! serialized from them before the write begins (`SaveBatch`).

use std::collections::BTreeSet;

use mieruka_core::change::{Change, EntityKind, EntityRef};
use mieruka_core::{bucket, format, segment};
use mieruka_core::{Id, Project};
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

/// A project's log up to `count` changes (the last being `last`) already cut into segment texts
/// (`mieruka_core::segment`), for a whole write to store as they are instead of serializing the
/// log again: a large import's journal is made of them (`state/effects.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct MadeSegments {
    pub count: usize,
    pub last: Option<Id>,
    pub texts: Vec<String>,
}

impl MadeSegments {
    /// The segments of `log`'s first `count` changes, cut as a whole write cuts them.
    pub fn of(project: &str, log: &[Change]) -> MadeSegments {
        MadeSegments { count: log.len(), last: log.last().map(|c| c.id), texts: segment::texts(project, log) }
    }

    /// Whether `log` still starts with the changes these segments hold. The log is a sorted set
    /// that only grows: a change sorted in before the `count`th would have moved it.
    pub fn starts(&self, log: &[Change]) -> bool {
        self.count > 0 && self.count <= log.len() && log.get(self.count - 1).map(|c| c.id) == self.last
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
        SaveBatch::prepare_with(p, dirty, full, whole, None)
    }

    /// [`SaveBatch::prepare`], a whole write taking the segments `made` of its log's start when
    /// the log still starts with them.
    pub fn prepare_with(
        p: &Project,
        dirty: &Dirty,
        full: bool,
        whole: &BTreeSet<EntityKind>,
        made: Option<MadeSegments>,
    ) -> SaveBatch {
        let pid = p.id.to_string();
        let entities = if full { bucket::Plan::full(p) } else { bucket::Plan::new(p, &dirty.entities, whole) };
        let changes = match made.filter(|m| full && m.starts(&p.changes)) {
            Some(m) => {
                let mut texts = m.texts;
                texts.extend(segment::texts(&pid, &p.changes[m.count..]));
                texts
            }
            None => segment::texts(&pid, if full { &p.changes } else { &dirty.changes }),
        };
        SaveBatch { project: pid.clone(), head: format::head_json(p), entities, changes, full, restore_point: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mieruka_core::generate::{generate, Spec};

    /// The changes a batch's segments hold, in order.
    fn logged(batch: &SaveBatch) -> Vec<Change> {
        batch.changes.iter().flat_map(|t| segment::read(t, "test").expect("a segment reads")).collect()
    }

    #[test]
    fn a_whole_write_stores_the_segments_made_of_its_log_and_cuts_the_rest() {
        let mut p = generate(Spec::new(300, 3));
        let pid = p.id.to_string();
        let none = BTreeSet::new();
        let fresh = SaveBatch::prepare(&p, &Dirty::default(), true, &none);
        // Made of the log as it is: the same texts.
        let made = MadeSegments::of(&pid, &p.changes);
        let batch = SaveBatch::prepare_with(&p, &Dirty::default(), true, &none, Some(made.clone()));
        assert_eq!(batch, fresh);
        // Made of the log's start; the rest cut after them, the whole log stored once, in order.
        let start = MadeSegments::of(&pid, &p.changes[..p.changes.len() / 2]);
        let batch = SaveBatch::prepare_with(&p, &Dirty::default(), true, &none, Some(start.clone()));
        assert_eq!(logged(&batch), p.changes);
        assert_eq!(&batch.changes[..start.texts.len()], &start.texts[..]);
        // A log that no longer starts with them (a change sorted in before their last): cut anew.
        let mut moved = p.changes[..p.changes.len() / 2].to_vec();
        moved.remove(0);
        let stale = MadeSegments::of(&pid, &moved);
        assert!(!stale.starts(&p.changes));
        assert_eq!(SaveBatch::prepare_with(&p, &Dirty::default(), true, &none, Some(stale)), fresh);
        // Only a whole write takes them.
        let dirty = Dirty { changes: p.changes[..1].to_vec(), ..Dirty::default() };
        let one = SaveBatch::prepare_with(&p, &dirty, false, &none, Some(made));
        assert_eq!(logged(&one), p.changes[..1].to_vec());
        p.changes.clear();
        assert!(!MadeSegments::of(&pid, &[]).starts(&p.changes), "nothing made of an empty log");
    }
}
