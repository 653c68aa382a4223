//! Meetings (定例会議) with their minutes (議事録), and the action items decided in them.
//!
//! An action item belongs to one meeting (deleting the meeting deletes its items), has an owner
//! (a member or a stakeholder) and may become a task or an issue, which it then stays linked to.
//! Which items are still open reads the project: `open_actions`, above the model.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fields::entity_fields;
use crate::id::Id;

entity_fields! {
    /// One meeting and its minutes.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct Meeting with MeetingField {
        pub date: NaiveDate as Date,
        pub title: String as Title,
        /// Members and stakeholders who attended (ids of either).
        pub attendees: Vec<Id> as Attendees,
        pub agenda: String as Agenda,
        pub minutes: String as Minutes,
        pub decisions: String as Decisions,
    }
}

entity_fields! {
    /// Something a meeting decided someone will do.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct ActionItem with ActionItemField {
        /// The meeting it was decided in.
        pub meeting: Id as Meeting,
        pub title: String as Title,
        /// A member or a stakeholder.
        pub owner: Option<Id> as Owner,
        pub due: Option<NaiveDate> as Due,
        pub done: bool as Done,
        /// The task it became (`Command::ActionToTask`).
        pub task: Option<Id> as Task,
        /// The issue it became (`Command::ActionToIssue`).
        pub issue: Option<Id> as Issue,
    }
}
