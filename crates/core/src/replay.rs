//! Rebuilding a project's state from its change log. The state of every field is the `to` of its
//! latest change (time, actor, id): this is what makes merging copies of a project exact.

use serde_json::Value;

use crate::apply::{raw_set, raw_write, record};
use crate::change::{Change, EntityKind, EntityRef, CREATE, DELETE};
use crate::id::{Id, Stamp};
use crate::model::Project;

/// Sorts changes into their effective order and drops duplicate ids (the same change seen twice).
pub fn normalize(changes: &mut Vec<Change>) {
    changes.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    changes.dedup_by(|a, b| a.id == b.id);
}

/// The project state the change log describes. Changes that no longer apply (an edit of an entity
/// deleted earlier, a value of the wrong type) are kept in the log but have no effect.
pub fn replay(id: Id, changes: &[Change]) -> Project {
    let mut p = replay_state(id, changes);
    p.changes = changes.to_vec();
    p
}

/// The state the log describes, without a copy of the log itself.
fn replay_state(id: Id, changes: &[Change]) -> Project {
    let mut p = Project::empty(id);
    for c in changes {
        let _ignored_when_inapplicable = raw_set(&mut p, c.entity, &c.field, &c.to);
    }
    p
}

/// Writes changes that were made by this app but may not have reached storage (a tab's journal,
/// read back after the tab was closed mid-save) over a project with its whole log: each change
/// joins the log unless the log already has it (same id), and its `to` is written unless a later
/// change of the same field is already there (the latest change wins, as in a merge). Changes
/// that no longer apply are skipped. Returns the changes that joined the log, to be saved (those that no longer apply join it
/// without effect, as in `replay`).
pub fn reapply(p: &mut Project, journal: &[Change]) -> Vec<Change> {
    use std::collections::{BTreeMap, BTreeSet};
    let known: BTreeSet<Id> = p.changes.iter().map(|c| c.id).collect();
    let mut latest: BTreeMap<(EntityRef, &str), usize> = BTreeMap::new();
    for (i, c) in p.changes.iter().enumerate() {
        latest.insert((c.entity, c.field.as_str()), i);
    }
    // The log is in effective order, so the last index per (entity, field) is its latest change;
    // a later deletion of the entity also wins over the journal's value.
    let newer_there = |c: &Change| {
        [c.field.as_str(), DELETE]
            .iter()
            .any(|f| latest.get(&(c.entity, *f)).is_some_and(|&i| p.changes[i].order_key() > c.order_key()))
    };
    let mut ordered = journal.to_vec();
    normalize(&mut ordered);
    ordered.retain(|c| !known.contains(&c.id));
    // A creation or deletion that interleaves with this copy's history of the same entity (an
    // entity deleted on one device and edited or undeleted on another: team sync) is not a
    // field-by-field matter: such a log is replayed whole, which is what a merged file does.
    let lifecycle = |f: &str| f == CREATE || f == DELETE;
    let mut last_any: BTreeMap<EntityRef, usize> = BTreeMap::new();
    let mut last_life: BTreeMap<EntityRef, usize> = BTreeMap::new();
    let mut created: BTreeSet<EntityRef> = BTreeSet::new();
    for (i, c) in p.changes.iter().enumerate() {
        last_any.insert(c.entity, i);
        if lifecycle(&c.field) {
            last_life.insert(c.entity, i);
        }
        if c.field == CREATE {
            created.insert(c.entity);
        }
    }
    let later = |m: &BTreeMap<EntityRef, usize>, c: &Change| {
        m.get(&c.entity).is_some_and(|&i| p.changes[i].order_key() > c.order_key())
    };
    let tangled = ordered.iter().any(|c| {
        later(&last_life, c)
            || (lifecycle(&c.field) && later(&last_any, c))
            || (c.field == CREATE && created.contains(&c.entity))
    });
    if tangled {
        let mut all = std::mem::take(&mut p.changes);
        all.extend(ordered.iter().cloned());
        normalize(&mut all);
        *p = replay(p.id, &all);
        return ordered;
    }
    let mut joined = Vec::new();
    let mut writes = Vec::new();
    for c in ordered {
        if !newer_there(&c) {
            writes.push(c.clone());
        }
        joined.push(c);
    }
    for c in writes {
        // Like `replay`: a change that no longer applies stays in the log without effect.
        let _ignored_when_inapplicable = raw_write(p, c.entity, &c.field, &c.to);
    }
    p.changes.extend(joined.iter().cloned());
    normalize(&mut p.changes);
    joined
}

/// Makes the change log describe the state exactly, appending synthetic changes (by `stamp`) for
/// anything the log does not explain, e.g. a file written by another tool or an older version.
/// Returns how many changes were added.
pub fn reconcile(p: &mut Project, stamp: &Stamp) -> usize {
    normalize(&mut p.changes);
    let replayed = replay_state(p.id, &p.changes);
    let project_created = p.changes.iter().any(|c| c.entity.kind == EntityKind::Project && c.is_create());
    let mut writes: Vec<(EntityRef, String, Value, Value)> = Vec::new();
    let mut diff =
        |kind: EntityKind, ids: Vec<Id>, want: &dyn Fn(Id) -> Option<Value>, have: &dyn Fn(Id) -> Option<Value>| {
            for id in ids {
                let r = EntityRef::new(kind, id);
                // Most entities are exactly what the log says: compare them typed before building
                // their JSON (that was most of the time an import of 10k tasks spent here).
                if (kind != EntityKind::Project || project_created) && p.same_entity(&replayed, r) {
                    continue;
                }
                match (want(id), have(id)) {
                    (Some(w), None) => writes.push((r, CREATE.into(), Value::Null, w)),
                    (None, Some(h)) => writes.push((r, DELETE.into(), h, Value::Bool(true))),
                    (Some(w), Some(h)) if w != h => {
                        if let (Value::Object(wm), Value::Object(hm)) = (&w, &h) {
                            for (k, wv) in wm {
                                let hv = hm.get(k).cloned().unwrap_or(Value::Null);
                                if *wv != hv {
                                    writes.push((r, k.clone(), hv, wv.clone()));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        };
    let both = |a: Vec<Id>, b: Vec<Id>| {
        let mut v = a;
        v.extend(b);
        v.sort();
        v.dedup();
        v
    };
    let ent = |proj: &Project, r: EntityRef| proj.entity_json(r);
    diff(EntityKind::Project, vec![p.id], &|id| ent(p, EntityRef::project(id)), &|id| {
        if project_created {
            ent(&replayed, EntityRef::project(id))
        } else {
            None
        }
    });
    for kind in EntityKind::ALL.iter().copied().filter(|k| *k != EntityKind::Project) {
        diff(kind, both(p.ids(kind), replayed.ids(kind)), &|id| ent(p, EntityRef::new(kind, id)), &|id| {
            ent(&replayed, EntityRef::new(kind, id))
        });
    }
    let n = writes.len();
    record(p, writes, stamp);
    n
}
