//! The changes an import appends, before they are numbered: each [`Seed`] becomes one
//! [`crate::change::Change`] of the batch, in time order.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::change::{EntityRef, CREATE};

pub(super) struct Seed {
    pub at: DateTime<Utc>,
    pub entity: EntityRef,
    pub field: String,
    pub from: Value,
    pub to: Value,
}

impl Seed {
    pub fn create(entity: EntityRef, to: Value, at: DateTime<Utc>) -> Seed {
        Seed { at, entity, field: CREATE.to_string(), from: Value::Null, to }
    }

    pub fn is_create(&self) -> bool {
        self.field == CREATE
    }
}

pub(super) fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// When an item's changes happen.
pub(super) struct When {
    /// Its creation (new items): the file's created time, else the import's.
    pub created: DateTime<Utc>,
    /// When the file says it was closed: its resolved time, else its last update.
    pub resolved: Option<DateTime<Utc>>,
    /// An ordinary update's time: after the project's last change.
    pub now: DateTime<Utc>,
    /// The item's own last change in the project (re-import).
    pub last: Option<DateTime<Utc>>,
}
