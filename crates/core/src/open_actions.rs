//! The action items still to be done: an item is open until it is ticked off or the task or issue
//! it became is finished; the open items of earlier meetings are the next meeting's carried-over
//! agenda. Reads the project, so it sits above the model (`meeting` holds the types alone).

use chrono::NaiveDate;

use crate::id::Id;
use crate::meeting::{ActionItem, Meeting};
use crate::model::Project;

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
