//! The audit record of one import (取込記録): when it was made, by whom, from which file.
//!
//! An import's changes carry their source's own dates (an item created in March is created in
//! March), so the charts show the real past. The import itself — a thing that happened today —
//! is this record, created by a change at the import's own time with the same batch id as every
//! change it brought, so "when was this imported, and by whom" is one lookup by batch.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::fields::entity_fields;

entity_fields! {
    /// One import into a project. Its id is the batch id of the changes it brought.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct ImportRecord with ImportRecordField {
        /// When the import was made (not the dates of what it brought).
        pub at: DateTime<Utc> as At,
        /// Who made it.
        pub by: String as By,
        /// The source format: `jira`, `backlog`, `redmine`, `csv` or `mspdi`.
        pub source: String as Source,
        /// The imported file's name, as the user chose it.
        pub file: String as File,
        /// Items created and updated by it.
        pub created: u32 as Created,
        pub updated: u32 as Updated,
    }
}
