//! Merging copies of a project: the change logs are unioned by id and the state is replayed, so
//! each field takes the value of its latest change (time, then actor, then id). The result does not
//! depend on the order or grouping of merges, and merging the same copy twice changes nothing.

use crate::model::Project;
use crate::replay::{normalize, replay};

/// The union of two copies of the same project.
pub fn union(a: &Project, b: &Project) -> Project {
    let mut changes = Vec::with_capacity(a.changes.len() + b.changes.len());
    changes.extend(a.changes.iter().cloned());
    changes.extend(b.changes.iter().cloned());
    normalize(&mut changes);
    replay(a.id, &changes)
}
