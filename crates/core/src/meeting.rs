//! Meetings (定例会議) with their minutes (議事録), and the action items decided in them.
//!
//! An action item belongs to one meeting (deleting the meeting deletes its items), has an owner
//! (a member or a stakeholder) and may become a task or an issue, which it then stays linked to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fields::entity_fields;
use crate::id::Id;
use crate::model::Project;

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

impl ActionItem {
    /// Still to be done: not ticked off, and not finished through the task or issue it became
    /// (a done or cancelled task, a resolved or closed issue closes the action too).
    pub fn is_open(&self, p: &Project) -> bool {
        if self.done {
            return false;
        }
        let task_closed = self.task.and_then(|t| p.tasks.get(&t)).is_some_and(|t| t.status.is_closed());
        let issue_closed = self.issue.and_then(|i| p.issues.get(&i)).is_some_and(|i| !i.status.is_open());
        !(task_closed || issue_closed)
    }
}

/// An open action item with the meeting it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpenAction<'a> {
    pub id: Id,
    pub item: &'a ActionItem,
    pub meeting_id: Id,
    pub meeting: &'a Meeting,
}

/// The open action items of the meetings held before `date`, for the next meeting's agenda:
/// oldest meeting first, then by due date (undated last), title and id.
pub fn open_actions_before(p: &Project, date: NaiveDate) -> Vec<OpenAction<'_>> {
    let mut out: Vec<OpenAction<'_>> = p
        .action_items
        .iter()
        .filter(|(_, a)| a.is_open(p))
        .filter_map(|(id, a)| {
            let m = p.meetings.get(&a.meeting).filter(|m| m.date < date)?;
            Some(OpenAction { id: *id, item: a, meeting_id: a.meeting, meeting: m })
        })
        .collect();
    out.sort_by(|x, y| {
        let key = |o: &OpenAction<'_>| (o.meeting.date, o.meeting_id, o.item.due.is_none(), o.item.due);
        key(x).cmp(&key(y)).then_with(|| x.item.title.cmp(&y.item.title)).then(x.id.cmp(&y.id))
    });
    out
}
