//! Meetings (定例会議) with their minutes (議事録), and the action items decided in them.
//!
//! An action item belongs to one meeting (deleting the meeting deletes its items), has an owner
//! (a member or a stakeholder) and may become a task or an issue, which it then stays linked to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fields::entity_fields;
use crate::id::Id;
use crate::model::Project;

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
