//! The change log: every edit of a project as an append-only record (DESIGN.md "History is data").

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::id::Id;

/// `field` of the change that creates an entity; `to` holds the whole entity.
pub const CREATE: &str = "$create";
/// `field` of the change that deletes an entity (a tombstone); `from` holds the entity as it was.
pub const DELETE: &str = "$delete";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Project,
    Member,
    Task,
    Issue,
    Risk,
}

impl EntityKind {
    pub const ALL: &'static [EntityKind] =
        &[EntityKind::Project, EntityKind::Member, EntityKind::Task, EntityKind::Issue, EntityKind::Risk];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Project => "project",
            EntityKind::Member => "member",
            EntityKind::Task => "task",
            EntityKind::Issue => "issue",
            EntityKind::Risk => "risk",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityRef {
    pub kind: EntityKind,
    pub id: Id,
}

impl EntityRef {
    pub fn new(kind: EntityKind, id: Id) -> Self {
        EntityRef { kind, id }
    }
    pub fn task(id: Id) -> Self {
        EntityRef::new(EntityKind::Task, id)
    }
    pub fn issue(id: Id) -> Self {
        EntityRef::new(EntityKind::Issue, id)
    }
    pub fn risk(id: Id) -> Self {
        EntityRef::new(EntityKind::Risk, id)
    }
    pub fn member(id: Id) -> Self {
        EntityRef::new(EntityKind::Member, id)
    }
    pub fn project(id: Id) -> Self {
        EntityRef::new(EntityKind::Project, id)
    }
}

/// One recorded edit of one field of one entity (or the creation / deletion of an entity).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub id: Id,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// The command this change belongs to: undo works on whole batches.
    pub batch: Id,
    pub entity: EntityRef,
    pub field: String,
    pub from: Value,
    pub to: Value,
}

impl Change {
    /// The total order in which changes take effect: time, then actor, then id.
    /// "Latest change wins" per field uses this order, so every copy agrees on the result.
    pub fn order_key(&self) -> (DateTime<Utc>, &str, Id) {
        (self.at, self.actor.as_str(), self.id)
    }

    pub fn is_create(&self) -> bool {
        self.field == CREATE
    }

    pub fn is_delete(&self) -> bool {
        self.field == DELETE
    }
}
