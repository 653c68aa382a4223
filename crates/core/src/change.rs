//! The change log: every edit of a project as an append-only record (docs/ARCHITECTURE.md, "History is data").

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::id::Id;

/// `field` of the change that creates an entity; `to` holds the whole entity.
pub const CREATE: &str = "$create";
/// `field` of the change that deletes an entity (a tombstone); `from` holds the entity as it was.
pub const DELETE: &str = "$delete";

/// What an entity is. Serialized as its word (`"task"`, `"action_item"`); the order of the
/// variants is the order entities are listed in (previews, storage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Project,
    Member,
    Task,
    Issue,
    Risk,
    Stakeholder,
    Meeting,
    ActionItem,
    Baseline,
    Report,
    /// The audit record of an import ([`crate::import_record::ImportRecord`]).
    Import,
}

impl EntityKind {
    pub const ALL: &'static [EntityKind] = &[
        EntityKind::Project,
        EntityKind::Member,
        EntityKind::Task,
        EntityKind::Issue,
        EntityKind::Risk,
        EntityKind::Stakeholder,
        EntityKind::Meeting,
        EntityKind::ActionItem,
        EntityKind::Baseline,
        EntityKind::Report,
        EntityKind::Import,
    ];

    /// The words of [`Self::ALL`], as in files.
    pub const WORDS: &'static [&'static str] = &[
        "project",
        "member",
        "task",
        "issue",
        "risk",
        "stakeholder",
        "meeting",
        "action_item",
        "baseline",
        "report",
        "import",
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Project => "project",
            EntityKind::Member => "member",
            EntityKind::Task => "task",
            EntityKind::Issue => "issue",
            EntityKind::Risk => "risk",
            EntityKind::Stakeholder => "stakeholder",
            EntityKind::Meeting => "meeting",
            EntityKind::ActionItem => "action_item",
            EntityKind::Baseline => "baseline",
            EntityKind::Report => "report",
            EntityKind::Import => "import",
        }
    }

    /// The key of the project's list of these entities in files (`None` for the project itself).
    pub fn collection(self) -> Option<&'static str> {
        macro_rules! collection {
            ([$kind_of:expr] $($var:ident: $kind:ident($ty:ty) => $check:path),* $(,)?) => {
                match $kind_of {
                    EntityKind::Project => None,
                    $(EntityKind::$kind => Some(stringify!($var)),)*
                }
            };
        }
        crate::entity_kinds::entity_kinds!(collection, self)
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
    pub fn stakeholder(id: Id) -> Self {
        EntityRef::new(EntityKind::Stakeholder, id)
    }
    pub fn meeting(id: Id) -> Self {
        EntityRef::new(EntityKind::Meeting, id)
    }
    pub fn action_item(id: Id) -> Self {
        EntityRef::new(EntityKind::ActionItem, id)
    }
    pub fn baseline(id: Id) -> Self {
        EntityRef::new(EntityKind::Baseline, id)
    }
    pub fn report(id: Id) -> Self {
        EntityRef::new(EntityKind::Report, id)
    }
    pub fn import(id: Id) -> Self {
        EntityRef::new(EntityKind::Import, id)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_words_are_the_serde_words() {
        assert_eq!(EntityKind::ALL.len(), EntityKind::WORDS.len());
        for (k, w) in EntityKind::ALL.iter().zip(EntityKind::WORDS) {
            assert_eq!(k.as_str(), *w);
            assert_eq!(serde_json::to_value(k).ok(), Some(Value::String(w.to_string())));
        }
    }
}
