//! Meetings (定例会議) with their minutes (議事録), and the action items decided in them.
//!
//! An action item belongs to one meeting (deleting the meeting deletes its items), has an owner
//! (a member or a stakeholder) and may become a task or an issue, which it then stays linked to.
//! Which items are still open reads the project: `open_actions`, above the model.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fields::entity_fields;
use crate::id::Id;

/// One meeting and its minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Meeting {
    pub date: NaiveDate,
    pub title: String,
    /// Members and stakeholders who attended (ids of either).
    pub attendees: Vec<Id>,
    pub agenda: String,
    pub minutes: String,
    pub decisions: String,
}

entity_fields!(Meeting {
    date: NaiveDate,
    title: String,
    attendees: Vec<Id>,
    agenda: String,
    minutes: String,
    decisions: String,
});

/// Something a meeting decided someone will do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ActionItem {
    /// The meeting it was decided in.
    pub meeting: Id,
    pub title: String,
    /// A member or a stakeholder.
    pub owner: Option<Id>,
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// The task it became (`Command::ActionToTask`).
    pub task: Option<Id>,
    /// The issue it became (`Command::ActionToIssue`).
    pub issue: Option<Id>,
}

entity_fields!(ActionItem {
    meeting: Id,
    title: String,
    owner: Option<Id>,
    due: Option<NaiveDate>,
    done: bool,
    task: Option<Id>,
    issue: Option<Id>,
});
