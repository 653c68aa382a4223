//! A row that will land ([`Item`]): the task or issue it makes, next to the one the project holds
//! (re-import), and which fields the file provides at all ([`Provided`]).

use crate::enums::{Priority, TaskStatus};
use crate::id::Id;
use crate::interop::{ItemKind, SourceRow};
use crate::model::{Issue, Task};

/// Which fields the file provides (at least one row has a value).
#[derive(Debug, Default)]
pub(super) struct Provided {
    pub description: bool,
    pub status: bool,
    pub priority: bool,
    pub assignee: bool,
    pub start: bool,
    pub due: bool,
    pub created: bool,
    pub estimate: bool,
    pub actual: bool,
    pub remaining: bool,
    pub points: bool,
    pub percent: bool,
}

impl Provided {
    pub fn of(rows: &[SourceRow]) -> Provided {
        let mut p = Provided::default();
        for r in rows {
            p.description |= !r.description.is_empty() || !r.comments.is_empty();
            p.status |= !r.status.trim().is_empty() || r.percent.is_some() || r.resolved.is_some();
            p.priority |= !r.priority.trim().is_empty();
            p.assignee |= !r.assignee.trim().is_empty();
            p.start |= r.start.is_some();
            p.due |= r.due.is_some();
            p.created |= r.created.is_some();
            p.estimate |= r.estimate_hours.is_some();
            p.actual |= r.actual_hours.is_some();
            p.remaining |= r.remaining_hours.is_some();
            p.points |= r.story_points.is_some();
            p.percent |= r.percent.is_some();
        }
        p
    }
}

#[derive(Debug, Clone)]
pub(super) enum Body {
    Task(Task),
    Issue(Issue),
}

/// A row that will land.
#[derive(Debug)]
pub(super) struct Item<'r> {
    pub row: &'r SourceRow,
    pub key: String,
    pub id: Id,
    /// The entity as it is in the project (re-import), `None` when new.
    pub base: Option<Body>,
    pub body: Body,
    /// The row's status as a task status (also for issues, for the preview).
    pub status: TaskStatus,
    pub assignee_name: String,
}

impl Item<'_> {
    pub fn is_new(&self) -> bool {
        self.base.is_none()
    }
    pub fn task(&self) -> Option<&Task> {
        match &self.body {
            Body::Task(t) => Some(t),
            Body::Issue(_) => None,
        }
    }
    pub fn task_mut(&mut self) -> Option<&mut Task> {
        match &mut self.body {
            Body::Task(t) => Some(t),
            Body::Issue(_) => None,
        }
    }
    pub fn base_task(&self) -> Option<&Task> {
        match &self.base {
            Some(Body::Task(t)) => Some(t),
            _ => None,
        }
    }
    pub fn changed(&self) -> bool {
        match (&self.base, &self.body) {
            (None, _) => true,
            (Some(Body::Task(a)), Body::Task(b)) => a != b,
            (Some(Body::Issue(a)), Body::Issue(b)) => a != b,
            _ => true,
        }
    }
}

/// A row's values as they land, after the checks of its own (title cut, numbers in range): what
/// [`super::tasks::body`] and [`super::issues::body`] write into the entity.
pub(super) struct Values<'r> {
    pub row: &'r SourceRow,
    /// No task or issue of the project has the row's source key.
    pub new: bool,
    pub kind: ItemKind,
    pub title: String,
    /// `"{source}:{key}"`, empty for a row without a key.
    pub source_key: String,
    pub status: TaskStatus,
    pub priority: Priority,
    pub estimate: Option<f64>,
    pub actual: Option<f64>,
    pub remaining: Option<f64>,
    pub points: Option<f64>,
    pub percent: Option<f64>,
}
