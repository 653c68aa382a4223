//! Rebuilding a project's state from its change log. The state of every field is the `to` of its
//! latest change (time, actor, id): this is what makes merging copies of a project exact.

use serde_json::Value;

use crate::apply::{raw_write, record};
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
        let _ignored_when_inapplicable = raw_write(&mut p, c.entity, &c.field, &c.to);
    }
    p
}

/// Makes the change log describe the state exactly, appending synthetic changes (by `stamp`) for
/// anything the log does not explain, e.g. a file written by another tool or an older version.
/// Returns how many changes were added.
pub fn reconcile(p: &mut Project, stamp: &Stamp) -> usize {
    normalize(&mut p.changes);
    let replayed = replay_state(p.id, &p.changes);
    let project_created = p.changes.iter().any(|c| c.entity.kind == EntityKind::Project && c.is_create());
    let mut writes: Vec<(EntityRef, String, Value, Value)> = Vec::new();
    let mut diff = |kind: EntityKind, ids: Vec<Id>, want: &dyn Fn(Id) -> Option<Value>, have: &dyn Fn(Id) -> Option<Value>| {
        for id in ids {
            let r = EntityRef::new(kind, id);
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
    diff(
        EntityKind::Project,
        vec![p.id],
        &|id| ent(p, EntityRef::project(id)),
        &|id| if project_created { ent(&replayed, EntityRef::project(id)) } else { None },
    );
    for kind in EntityKind::ALL.iter().copied().filter(|k| *k != EntityKind::Project) {
        diff(
            kind,
            both(p.ids(kind), replayed.ids(kind)),
            &|id| ent(p, EntityRef::new(kind, id)),
            &|id| ent(&replayed, EntityRef::new(kind, id)),
        );
    }
    let n = writes.len();
    record(p, writes, stamp);
    n
}
