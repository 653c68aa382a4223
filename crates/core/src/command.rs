//! What the UI can ask the core to do. Every edit of the model is one of these.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::change::EntityRef;
use crate::fields::Field;
use crate::id::Id;
use crate::model::{ActionItem, Issue, Meeting, Member, ProjectInfo, Report, Risk, Stakeholder, Task};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    CreateProject {
        id: Id,
        info: ProjectInfo,
    },
    /// Removes the project and its history from the workspace.
    DeleteProject {
        id: Id,
    },
    AddMember {
        project: Id,
        id: Id,
        member: Member,
    },
    AddTask {
        project: Id,
        id: Id,
        task: Task,
    },
    /// Adds a task right after `after` as its sibling (or at the end of `parent`'s children).
    InsertTask {
        project: Id,
        id: Id,
        parent: Option<Id>,
        after: Option<Id>,
        task: Task,
    },
    AddIssue {
        project: Id,
        id: Id,
        issue: Issue,
    },
    AddRisk {
        project: Id,
        id: Id,
        risk: Risk,
    },
    /// Sets one field of one entity (the project itself or any entity of it). The field must be
    /// one of the entity's kind (`TaskField::Percent.into()` for a task).
    Set {
        project: Id,
        entity: EntityRef,
        field: Field,
        value: Value,
    },
    /// Sets several fields of one entity at once (a form save): all or nothing.
    SetMany {
        project: Id,
        entity: EntityRef,
        fields: Vec<(Field, Value)>,
    },
    /// Deletes an entity; a task takes its subtree with it, and references to it are cleared.
    Delete {
        project: Id,
        entity: EntityRef,
    },
    /// Moves a task under `parent` at position `index` among the other children.
    MoveTask {
        project: Id,
        task: Id,
        parent: Option<Id>,
        index: usize,
    },
    /// Makes the task a child of its previous sibling.
    Indent {
        project: Id,
        task: Id,
    },
    /// Makes the task a sibling of its parent, right after it.
    Outdent {
        project: Id,
        task: Id,
    },
    MoveUp {
        project: Id,
        task: Id,
    },
    MoveDown {
        project: Id,
        task: Id,
    },
    /// Turns a risk that occurred into an issue linked to it, in one step.
    RiskToIssue {
        project: Id,
        risk: Id,
        issue: Id,
        raised_on: NaiveDate,
    },
    AddStakeholder {
        project: Id,
        id: Id,
        stakeholder: Stakeholder,
    },
    AddMeeting {
        project: Id,
        id: Id,
        meeting: Meeting,
    },
    /// Adds an action item to its meeting (`item.meeting`).
    AddActionItem {
        project: Id,
        id: Id,
        item: ActionItem,
    },
    /// Saves an issued status report (its body is stored as given and never recomputed).
    AddReport {
        project: Id,
        id: Id,
        report: Report,
    },
    /// Saves the current plan (every task's dates, estimate and cost) as a baseline taken at the
    /// command's instant.
    TakeBaseline {
        project: Id,
        id: Id,
        name: String,
        taken_on: NaiveDate,
    },
    /// Turns an action item into a task (title, owner → assignee, due) at the end of `parent`'s
    /// children, and links it, in one step.
    ActionToTask {
        project: Id,
        action: Id,
        task: Id,
        parent: Option<Id>,
    },
    /// Turns an action item into an issue (title, owner, due) raised on `raised_on`, and links it,
    /// in one step.
    ActionToIssue {
        project: Id,
        action: Id,
        issue: Id,
        raised_on: NaiveDate,
    },
    /// Reverts the changes of an earlier batch (undo).
    Revert {
        project: Id,
        batch: Id,
    },
    /// Applies an earlier batch's changes again (redo).
    Reapply {
        project: Id,
        batch: Id,
    },
}

impl Command {
    /// The project the command works on.
    pub fn project(&self) -> Id {
        use Command::*;
        match self {
            CreateProject { id, .. } | DeleteProject { id } => *id,
            AddMember { project, .. }
            | AddTask { project, .. }
            | InsertTask { project, .. }
            | AddIssue { project, .. }
            | AddRisk { project, .. }
            | Set { project, .. }
            | SetMany { project, .. }
            | Delete { project, .. }
            | MoveTask { project, .. }
            | Indent { project, .. }
            | Outdent { project, .. }
            | MoveUp { project, .. }
            | MoveDown { project, .. }
            | RiskToIssue { project, .. }
            | AddStakeholder { project, .. }
            | AddMeeting { project, .. }
            | AddActionItem { project, .. }
            | AddReport { project, .. }
            | TakeBaseline { project, .. }
            | ActionToTask { project, .. }
            | ActionToIssue { project, .. }
            | Revert { project, .. }
            | Reapply { project, .. } => *project,
        }
    }
}
