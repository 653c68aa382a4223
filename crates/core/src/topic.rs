//! Fine-grained state: which parts of a project a list of changes touched, and which parts a view
//! reads. The app keeps one trigger per topic it has seen read (per project) and, after an edit,
//! notifies only the topics in [`touched`] of the changes `apply` returned — so a title edit wakes
//! the title's cell and not the WBS roll-ups, the charts or the other registers.
//!
//! The law the app relies on (tests/topic.rs, a property test over every kind of command): when a
//! list of changes alters what a [`Read`] sees of a project, [`touched`] of those changes meets the
//! read's [`Read::topics`].

use std::collections::BTreeSet;

use crate::change::{Change, EntityKind, EntityRef};

/// A part of one project that can be read and notified.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    /// Which entities of a kind exist (one created, deleted or brought back).
    Ids(EntityKind),
    /// Anything about the entities of a kind.
    Kind(EntityKind),
    /// One field, across all the entities of a kind.
    Field(EntityKind, String),
    /// One entity: any of its fields, its creation or deletion.
    Entity(EntityRef),
    /// The change log (every change appends to it).
    Log,
}

/// What a view reads of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Every entity of a kind, whole (a register's list).
    Kind(EntityKind),
    /// One entity, whole (a row, a form, the project's own fields).
    Entity(EntityRef),
    /// Some fields of every entity of a kind, and which entities exist (the WBS's roll-ups read
    /// the figures and the tree, not the titles).
    Fields(EntityKind, &'static [&'static str]),
    /// The change log.
    Log,
}

impl Read {
    pub fn entity(kind: EntityKind, id: crate::id::Id) -> Read {
        Read::Entity(EntityRef::new(kind, id))
    }

    /// The project's own fields (its name, dates, calendar …).
    pub fn info(project: crate::id::Id) -> Read {
        Read::entity(EntityKind::Project, project)
    }

    /// Which entities of a kind exist, and nothing of their fields.
    pub fn ids(kind: EntityKind) -> Read {
        Read::Fields(kind, &[])
    }

    /// The topics whose notification this read needs.
    pub fn topics(&self) -> Vec<Topic> {
        match *self {
            Read::Kind(k) => vec![Topic::Kind(k)],
            Read::Entity(r) => vec![Topic::Entity(r)],
            Read::Fields(k, fields) => {
                std::iter::once(Topic::Ids(k)).chain(fields.iter().map(|f| Topic::Field(k, (*f).to_string()))).collect()
            }
            Read::Log => vec![Topic::Log],
        }
    }
}

/// The topics a list of changes (what one command, undo, or another tab's save applied) touched.
pub fn touched(changes: &[Change]) -> BTreeSet<Topic> {
    let mut out = BTreeSet::new();
    if !changes.is_empty() {
        out.insert(Topic::Log);
    }
    for c in changes {
        let kind = c.entity.kind;
        out.insert(Topic::Kind(kind));
        out.insert(Topic::Entity(c.entity));
        if c.is_create() || c.is_delete() {
            out.insert(Topic::Ids(kind));
        } else {
            out.insert(Topic::Field(kind, c.field.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;

    #[test]
    fn a_field_read_follows_creations_and_its_fields_only() {
        let read = Read::Fields(EntityKind::Task, &["status", "due"]);
        let t = read.topics();
        assert!(t.contains(&Topic::Ids(EntityKind::Task)));
        assert!(t.contains(&Topic::Field(EntityKind::Task, "due".into())));
        assert!(!t.contains(&Topic::Field(EntityKind::Task, "title".into())));
        assert!(!t.contains(&Topic::Kind(EntityKind::Task)));
        assert_eq!(Read::Entity(EntityRef::new(EntityKind::Risk, Id::nil())).topics().len(), 1);
        assert!(touched(&[]).is_empty());
    }
}
