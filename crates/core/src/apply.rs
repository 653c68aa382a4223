//! `apply`: the one way the model changes. A command is planned into field writes, the writes are
//! applied in place, every touched entity is validated, and on any error everything is rolled back:
//! nothing is ever half-applied. Each write that changed something becomes a [`Change`].

use std::collections::BTreeSet;

use chrono::Duration;
use serde_json::Value;

use crate::change::{Change, EntityKind, EntityRef, CREATE, DELETE};
use crate::command::Command;
use crate::enums::*;
use crate::error::DomainError;
use crate::fields::Field;
use crate::id::{Id, Stamp};
use crate::model::{
    with_collection, ActionItem, ActionItemField, Issue, IssueField, MeetingField, Project, ProjectField, RiskField,
    StakeholderField, Task, TaskField, Workspace,
};
use crate::validate;

/// One planned write: set `field` of `entity` to `value` (or create / delete it).
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub entity: EntityRef,
    pub field: String,
    pub value: Value,
}

impl Write {
    /// Sets `field` of the entity `id` (of the field's kind).
    pub fn set(id: Id, field: impl Into<Field>, value: Value) -> Self {
        let field = field.into();
        Write { entity: EntityRef::new(field.kind(), id), field: field.name().to_string(), value }
    }
    /// Sets `field` of `entity`, which must be of the field's kind.
    pub fn of(entity: EntityRef, field: Field, value: Value) -> Result<Self, DomainError> {
        if field.kind() != entity.kind {
            return Err(DomainError::FieldOfOtherKind {
                field: field.name(),
                of: field.kind().as_str(),
                entity: entity.kind.as_str(),
            });
        }
        Ok(Write { entity, field: field.name().to_string(), value })
    }
    fn create(entity: EntityRef, value: Value) -> Self {
        Write { entity, field: CREATE.to_string(), value }
    }
    fn delete(entity: EntityRef) -> Self {
        Write { entity, field: DELETE.to_string(), value: Value::Bool(true) }
    }
}

/// Applies a command to the workspace. Returns the recorded changes (empty if nothing changed).
pub fn apply(ws: &mut Workspace, cmd: Command, stamp: &Stamp) -> Result<Vec<Change>, DomainError> {
    match cmd {
        Command::CreateProject { id, info } => {
            if ws.projects.contains_key(&id) {
                return Err(DomainError::DuplicateId(id));
            }
            let mut p = Project::empty(id);
            let value = serde_json::to_value(&info).map_err(bad)?;
            let changes = commit(&mut p, vec![Write::create(EntityRef::project(id), value)], stamp)?;
            ws.projects.insert(id, p);
            Ok(changes)
        }
        Command::DeleteProject { id } => {
            ws.projects.remove(&id).ok_or(DomainError::NoProject(id))?;
            Ok(Vec::new())
        }
        other => {
            let pid = other.project();
            let p = ws.projects.get_mut(&pid).ok_or(DomainError::NoProject(pid))?;
            apply_to_project(p, other, stamp)
        }
    }
}

/// Applies a command that works inside one project.
pub fn apply_to_project(p: &mut Project, cmd: Command, stamp: &Stamp) -> Result<Vec<Change>, DomainError> {
    let writes = plan(p, cmd, stamp)?;
    commit(p, writes, stamp)
}

fn bad(e: serde_json::Error) -> DomainError {
    DomainError::BadValue { field: String::new(), reason: e.to_string() }
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn task_exists(p: &Project, id: Id) -> Result<(), DomainError> {
    if p.tasks.contains_key(&id) {
        Ok(())
    } else {
        Err(DomainError::NotFound { kind: "task", id })
    }
}

fn action_item(p: &Project, id: Id) -> Result<&ActionItem, DomainError> {
    p.action_items.get(&id).ok_or(DomainError::NotFound { kind: "action_item", id })
}

/// The member an action item's owner stands for: the member itself, or the member a stakeholder
/// also is.
fn owner_member(p: &Project, owner: Option<Id>) -> Option<Id> {
    let owner = owner?;
    if p.members.contains_key(&owner) {
        return Some(owner);
    }
    p.stakeholders.get(&owner).and_then(|s| s.member).filter(|m| p.members.contains_key(m))
}

/// A task's status follows its progress: a new percentage between 0 and 100 makes a task not
/// started (or done) in progress, 100 % makes it done, 0 % not started. A status the same command
/// sets wins, and a status set by hand stays until the progress changes again; blocked and
/// cancelled tasks keep their status. Same batch, so one undo takes back both.
fn follow_progress(p: &Project, mut writes: Vec<Write>) -> Vec<Write> {
    let Some(w) = writes.iter().find(|w| w.entity.kind == EntityKind::Task && w.field == TaskField::Percent.name())
    else {
        return writes;
    };
    if writes.iter().any(|o| o.entity == w.entity && o.field == TaskField::Status.name()) {
        return writes;
    }
    let (Some(t), Some(percent)) = (p.tasks.get(&w.entity.id), w.value.as_f64()) else {
        return writes;
    };
    if percent == t.percent || !(0.0..=100.0).contains(&percent) {
        return writes; // unchanged, or refused by validation anyway
    }
    let follows = match t.status {
        TaskStatus::NotStarted | TaskStatus::InProgress | TaskStatus::Done => {
            if percent >= 100.0 {
                TaskStatus::Done
            } else if percent > 0.0 {
                TaskStatus::InProgress
            } else {
                TaskStatus::NotStarted
            }
        }
        _ => t.status,
    };
    if follows != t.status {
        let entity = w.entity;
        writes.push(Write::set(entity.id, TaskField::Status, json(&follows)));
    }
    writes
}

/// Turns a command into writes, reading the current state (`stamp` only dates a baseline).
fn plan(p: &Project, cmd: Command, stamp: &Stamp) -> Result<Vec<Write>, DomainError> {
    use Command::*;
    Ok(match cmd {
        CreateProject { .. } | DeleteProject { .. } => unreachable_project_cmd()?,
        // Validated before serializing: JSON has no NaN or infinity (they would become `null`
        // and be reported as a type error instead of the rule they break).
        AddMember { id, member, .. } => {
            validate::member(&member)?;
            vec![Write::create(EntityRef::member(id), json(&member))]
        }
        AddTask { id, task, .. } => {
            validate::task(&task)?;
            vec![Write::create(EntityRef::task(id), json(&task))]
        }
        InsertTask { id, parent, after, mut task, .. } => {
            if let Some(parent) = parent {
                task_exists(p, parent)?;
            }
            let siblings = p.children_of(parent);
            let index = match after.and_then(|a| siblings.iter().position(|s| *s == a)) {
                Some(i) => i + 1,
                None => siblings.len(),
            };
            let (mut writes, rank) = rank_for(p, &siblings, index);
            task.parent = parent;
            task.rank = rank;
            validate::task(&task)?;
            writes.push(Write::create(EntityRef::task(id), json(&task)));
            writes
        }
        // A new issue or risk is given its number here, in its creation: whatever the caller
        // passed (a copy of another) would be a twin.
        AddIssue { id, mut issue, .. } => {
            issue.no = p.next_number(EntityKind::Issue);
            vec![Write::create(EntityRef::issue(id), json(&issue))]
        }
        AddRisk { id, mut risk, .. } => {
            risk.no = p.next_number(EntityKind::Risk);
            vec![Write::create(EntityRef::risk(id), json(&risk))]
        }
        Set { entity, field, value, .. } => follow_progress(p, vec![Write::of(entity, field, value)?]),
        SetMany { entity, fields, .. } => {
            let w = fields.into_iter().map(|(field, value)| Write::of(entity, field, value));
            follow_progress(p, w.collect::<Result<_, _>>()?)
        }
        Delete { entity, .. } => plan_delete(p, entity)?,
        MoveTask { task, parent, index, .. } => plan_move(p, task, parent, index)?,
        Indent { task, .. } => {
            let t = p.tasks.get(&task).ok_or(DomainError::NotFound { kind: "task", id: task })?;
            let siblings = p.children_of(t.parent);
            let idx = siblings.iter().position(|s| *s == task).unwrap_or(0);
            if idx == 0 {
                return Err(DomainError::CannotMove);
            }
            let new_parent = siblings[idx - 1];
            let end = p.children_of(Some(new_parent)).len();
            plan_move(p, task, Some(new_parent), end)?
        }
        Outdent { task, .. } => {
            let t = p.tasks.get(&task).ok_or(DomainError::NotFound { kind: "task", id: task })?;
            let parent = t.parent.ok_or(DomainError::CannotMove)?;
            let grand = p.tasks.get(&parent).and_then(|pt| pt.parent);
            let uncles = p.children_of(grand);
            let idx = uncles.iter().position(|s| *s == parent).map(|i| i + 1).unwrap_or(uncles.len());
            plan_move(p, task, grand, idx)?
        }
        MoveUp { task, .. } => {
            let (parent, idx) = position(p, task)?;
            if idx == 0 {
                return Err(DomainError::CannotMove);
            }
            plan_move(p, task, parent, idx - 1)?
        }
        MoveDown { task, .. } => {
            let (parent, idx) = position(p, task)?;
            if idx + 1 >= p.children_of(parent).len() {
                return Err(DomainError::CannotMove);
            }
            plan_move(p, task, parent, idx + 1)?
        }
        RiskToIssue { risk, issue, raised_on, .. } => {
            let r = p.risks.get(&risk).ok_or(DomainError::NotFound { kind: "risk", id: risk })?;
            let priority = match r.level() {
                RiskLevel::Critical => Priority::Critical,
                RiskLevel::High => Priority::High,
                RiskLevel::Medium => Priority::Medium,
                RiskLevel::Low => Priority::Low,
            };
            let mut description = r.description.clone();
            if !r.cause.is_empty() {
                if !description.is_empty() {
                    description.push_str("\n\n");
                }
                description.push_str(&r.cause);
            }
            let new_issue = Issue {
                no: p.next_number(EntityKind::Issue),
                title: r.title.clone(),
                description,
                raised_on: Some(raised_on),
                owner: r.owner,
                priority,
                linked_risks: vec![risk],
                ..Issue::default()
            };
            vec![
                Write::create(EntityRef::issue(issue), json(&new_issue)),
                Write::set(risk, RiskField::Status, json(&RiskStatus::Occurred)),
                Write::set(risk, RiskField::LinkedIssue, json(&Some(issue))),
            ]
        }
        AddStakeholder { id, stakeholder, .. } => vec![Write::create(EntityRef::stakeholder(id), json(&stakeholder))],
        AddMeeting { id, meeting, .. } => vec![Write::create(EntityRef::meeting(id), json(&meeting))],
        AddActionItem { id, item, .. } => vec![Write::create(EntityRef::action_item(id), json(&item))],
        AddReport { id, report, .. } => vec![Write::create(EntityRef::report(id), json(&report))],
        TakeBaseline { id, name, taken_on, .. } => {
            let b = crate::baseline_plan::snapshot(p, name, taken_on, stamp.at);
            validate::baseline(&b)?;
            vec![Write::create(EntityRef::baseline(id), json(&b))]
        }
        ActionToTask { action, task, parent, .. } => {
            let a = action_item(p, action)?;
            if a.task.is_some_and(|t| p.tasks.contains_key(&t)) {
                return Err(DomainError::AlreadyLinked { kind: "task" });
            }
            if let Some(parent) = parent {
                task_exists(p, parent)?;
            }
            let siblings = p.children_of(parent);
            let (mut writes, rank) = rank_for(p, &siblings, siblings.len());
            let new_task = Task {
                parent,
                rank,
                title: a.title.clone(),
                assignee: owner_member(p, a.owner),
                due: a.due,
                ..Task::default()
            };
            validate::task(&new_task)?;
            writes.push(Write::create(EntityRef::task(task), json(&new_task)));
            writes.push(Write::set(action, ActionItemField::Task, json(&Some(task))));
            writes
        }
        ActionToIssue { action, issue, raised_on, .. } => {
            let a = action_item(p, action)?;
            if a.issue.is_some_and(|i| p.issues.contains_key(&i)) {
                return Err(DomainError::AlreadyLinked { kind: "issue" });
            }
            let new_issue = Issue {
                no: p.next_number(EntityKind::Issue),
                title: a.title.clone(),
                raised_on: Some(raised_on),
                owner: owner_member(p, a.owner),
                due: a.due,
                ..Issue::default()
            };
            vec![
                Write::create(EntityRef::issue(issue), json(&new_issue)),
                Write::set(action, ActionItemField::Issue, json(&Some(issue))),
            ]
        }
        Revert { batch, .. } => {
            let mut w = Vec::new();
            for c in p.changes.iter().rev().filter(|c| c.batch == batch) {
                if c.is_create() {
                    w.push(Write::delete(c.entity));
                } else if c.is_delete() {
                    w.push(Write::create(c.entity, c.from.clone()));
                } else {
                    w.push(Write { entity: c.entity, field: c.field.clone(), value: c.from.clone() });
                }
            }
            if w.is_empty() {
                return Err(DomainError::NothingToUndo);
            }
            w
        }
        Reapply { batch, .. } => {
            let w: Vec<Write> = p
                .changes
                .iter()
                .filter(|c| c.batch == batch)
                .map(|c| Write { entity: c.entity, field: c.field.clone(), value: c.to.clone() })
                .collect();
            if w.is_empty() {
                return Err(DomainError::NothingToRedo);
            }
            w
        }
    })
}

/// The task's parent and its index among its siblings.
fn position(p: &Project, task: Id) -> Result<(Option<Id>, usize), DomainError> {
    let t = p.tasks.get(&task).ok_or(DomainError::NotFound { kind: "task", id: task })?;
    let idx = p.children_of(t.parent).iter().position(|s| *s == task).unwrap_or(0);
    Ok((t.parent, idx))
}

/// Project creation and deletion are handled by `apply` at the workspace level.
fn unreachable_project_cmd() -> Result<Vec<Write>, DomainError> {
    Err(DomainError::NoProject(Id::nil()))
}

/// A rank for a new position `index` among `siblings` (which exclude the moving task). Renumbers
/// the siblings when the gap has become too small for a float to split.
fn rank_for(p: &Project, siblings: &[Id], index: usize) -> (Vec<Write>, f64) {
    let ranks: Vec<f64> = siblings.iter().map(|s| p.tasks.get(s).map(|t| t.rank).unwrap_or(0.0)).collect();
    let index = index.min(ranks.len());
    let candidate = if ranks.is_empty() {
        Some(1.0)
    } else if index == 0 {
        Some(ranks[0] - 1.0)
    } else if index == ranks.len() {
        Some(ranks[ranks.len() - 1] + 1.0)
    } else {
        let (a, b) = (ranks[index - 1], ranks[index]);
        ((b - a) > 1e-6).then(|| (a + b) / 2.0)
    };
    match candidate {
        Some(r) if r.is_finite() && r.abs() < 1e12 => (Vec::new(), r),
        _ => {
            let mut writes = Vec::new();
            for (i, s) in siblings.iter().enumerate() {
                let want = (i + 1) as f64;
                if ranks[i] != want {
                    writes.push(Write::set(*s, TaskField::Rank, json(&want)));
                }
            }
            (writes, index as f64 + 0.5)
        }
    }
}

fn plan_move(p: &Project, task: Id, parent: Option<Id>, index: usize) -> Result<Vec<Write>, DomainError> {
    let t = p.tasks.get(&task).ok_or(DomainError::NotFound { kind: "task", id: task })?;
    if let Some(parent) = parent {
        task_exists(p, parent)?;
    }
    let siblings: Vec<Id> = p.children_of(parent).into_iter().filter(|s| *s != task).collect();
    let (mut writes, rank) = rank_for(p, &siblings, index);
    if t.parent != parent {
        writes.push(Write::set(task, TaskField::Parent, json(&parent)));
    }
    writes.push(Write::set(task, TaskField::Rank, json(&rank)));
    Ok(writes)
}

/// Deleting an entity also clears every reference to it, so no record points at nothing.
fn plan_delete(p: &Project, entity: EntityRef) -> Result<Vec<Write>, DomainError> {
    if !p.entity_exists(entity) || entity.kind == EntityKind::Project {
        return Err(DomainError::NotFound { kind: entity.kind.as_str(), id: entity.id });
    }
    let mut w = Vec::new();
    let none: Option<Id> = None;
    match entity.kind {
        EntityKind::Task => {
            let subtree = p.subtree(entity.id);
            let gone: BTreeSet<Id> = subtree.iter().copied().collect();
            for (id, t) in &p.tasks {
                if gone.contains(id) {
                    continue;
                }
                if t.depends_on.iter().any(|d| gone.contains(d)) {
                    let kept: Vec<Id> = t.depends_on.iter().copied().filter(|d| !gone.contains(d)).collect();
                    w.push(Write::set(*id, TaskField::DependsOn, json(&kept)));
                }
            }
            for (id, i) in &p.issues {
                if i.linked_tasks.iter().any(|d| gone.contains(d)) {
                    let kept: Vec<Id> = i.linked_tasks.iter().copied().filter(|d| !gone.contains(d)).collect();
                    w.push(Write::set(*id, IssueField::LinkedTasks, json(&kept)));
                }
            }
            for (id, a) in &p.action_items {
                if a.task.is_some_and(|t| gone.contains(&t)) {
                    w.push(Write::set(*id, ActionItemField::Task, json(&none)));
                }
            }
            // Children first, so that a replay never sees an orphan.
            for id in subtree.into_iter().rev() {
                w.push(Write::delete(EntityRef::task(id)));
            }
        }
        EntityKind::Member => {
            for (id, t) in &p.tasks {
                if t.assignee == Some(entity.id) {
                    w.push(Write::set(*id, TaskField::Assignee, json(&none)));
                }
            }
            for (id, i) in &p.issues {
                if i.owner == Some(entity.id) {
                    w.push(Write::set(*id, IssueField::Owner, json(&none)));
                }
            }
            for (id, r) in &p.risks {
                if r.owner == Some(entity.id) {
                    w.push(Write::set(*id, RiskField::Owner, json(&none)));
                }
            }
            for (id, s) in &p.stakeholders {
                if s.member == Some(entity.id) {
                    w.push(Write::set(*id, StakeholderField::Member, json(&none)));
                }
            }
            clear_person(p, entity.id, &mut w);
            w.push(Write::delete(entity));
        }
        EntityKind::Stakeholder => {
            clear_person(p, entity.id, &mut w);
            w.push(Write::delete(entity));
        }
        EntityKind::Issue => {
            for (id, r) in &p.risks {
                if r.linked_issue == Some(entity.id) {
                    w.push(Write::set(*id, RiskField::LinkedIssue, Value::Null));
                }
            }
            for (id, a) in &p.action_items {
                if a.issue == Some(entity.id) {
                    w.push(Write::set(*id, ActionItemField::Issue, json(&none)));
                }
            }
            w.push(Write::delete(entity));
        }
        EntityKind::Risk => {
            for (id, i) in &p.issues {
                if i.linked_risks.contains(&entity.id) {
                    let kept: Vec<Id> = i.linked_risks.iter().copied().filter(|r| *r != entity.id).collect();
                    w.push(Write::set(*id, IssueField::LinkedRisks, json(&kept)));
                }
            }
            w.push(Write::delete(entity));
        }
        EntityKind::Meeting => {
            // Its action items go with it, before it, so that a replay never sees an orphan.
            for (id, a) in &p.action_items {
                if a.meeting == entity.id {
                    w.push(Write::delete(EntityRef::action_item(*id)));
                }
            }
            w.push(Write::delete(entity));
        }
        EntityKind::Baseline => {
            if p.info.baseline == Some(entity.id) {
                w.push(Write::set(p.id, ProjectField::Baseline, json(&none)));
            }
            w.push(Write::delete(entity));
        }
        EntityKind::ActionItem | EntityKind::Report | EntityKind::Import => w.push(Write::delete(entity)),
        EntityKind::Project => unreachable!("checked above"),
    }
    Ok(w)
}

/// Clears the references to a person (member or stakeholder) about to be deleted: meeting
/// attendance, action item ownership and RACI roles.
fn clear_person(p: &Project, person: Id, w: &mut Vec<Write>) {
    for (id, m) in &p.meetings {
        if m.attendees.contains(&person) {
            let kept: Vec<Id> = m.attendees.iter().copied().filter(|a| *a != person).collect();
            w.push(Write::set(*id, MeetingField::Attendees, json(&kept)));
        }
    }
    for (id, a) in &p.action_items {
        if a.owner == Some(person) {
            w.push(Write::set(*id, ActionItemField::Owner, Value::Null));
        }
    }
    for (id, t) in &p.tasks {
        if t.raci.contains_key(&person) {
            let mut raci = t.raci.clone();
            raci.remove(&person);
            w.push(Write::set(*id, TaskField::Raci, json(&raci)));
        }
    }
}

/// Writes one value without validation; returns the previous value (`Null` for a creation,
/// the whole entity for a deletion). Shared by `apply`, rollback and replay.
pub(crate) fn raw_write(p: &mut Project, r: EntityRef, field: &str, value: &Value) -> Result<Value, DomainError> {
    write(p, r, field, value, true).map(Option::unwrap_or_default)
}

/// [`raw_write`] without building the old value: replaying a whole log does not need it.
pub(crate) fn raw_set(p: &mut Project, r: EntityRef, field: &str, value: &Value) -> Result<(), DomainError> {
    write(p, r, field, value, false).map(drop)
}

/// The write of [`raw_write`]; the old value (`Some`) only when `keep_old`.
fn write(
    p: &mut Project,
    r: EntityRef,
    field: &str,
    value: &Value,
    keep_old: bool,
) -> Result<Option<Value>, DomainError> {
    fn de<T: serde::de::DeserializeOwned>(v: &Value) -> Result<T, DomainError> {
        T::deserialize(v).map_err(|e| DomainError::BadValue { field: String::new(), reason: e.to_string() })
    }
    if field == CREATE {
        if p.entity_exists(r) && r.kind != EntityKind::Project {
            return Err(DomainError::DuplicateId(r.id));
        }
        with_collection!(mut p, r.kind, |m| drop(m.insert(r.id, de(value)?)), project => {
            if r.id != p.id {
                return Err(DomainError::NoProject(r.id));
            }
            p.info = de(value)?;
        });
        return Ok(keep_old.then_some(Value::Null));
    }
    let not_found = || DomainError::NotFound { kind: r.kind.as_str(), id: r.id };
    if field == DELETE {
        let old = if keep_old {
            Some(p.entity_json(r).ok_or_else(not_found)?)
        } else if p.entity_exists(r) {
            None
        } else {
            return Err(not_found());
        };
        with_collection!(mut p, r.kind, |m| drop(m.remove(&r.id)),
            project => return Err(DomainError::NotFound { kind: "project", id: r.id }));
        return Ok(old);
    }
    macro_rules! set {
        ($e:expr) => {{
            let e = $e.ok_or_else(not_found)?;
            let old = if keep_old {
                Some(e.get_field(field).ok_or_else(|| DomainError::UnknownField(field.to_string()))?)
            } else {
                None
            };
            e.set_field(field, value)?;
            Ok(old)
        }};
    }
    with_collection!(mut p, r.kind, |m| set!(m.get_mut(&r.id)), project => set!((r.id == p.id).then_some(&mut p.info)))
}

/// The inverse of a recorded write, used for rollback.
fn undo_write(p: &mut Project, r: EntityRef, field: &str, from: &Value) {
    let result = if field == CREATE {
        if r.kind == EntityKind::Project {
            Ok(Value::Null)
        } else {
            raw_write(p, r, DELETE, &Value::Bool(true))
        }
    } else if field == DELETE {
        raw_write(p, r, CREATE, from)
    } else {
        raw_write(p, r, field, from)
    };
    debug_assert!(result.is_ok(), "rollback of {r:?}.{field} failed: {result:?}");
}

/// Applies planned writes in place, validates, records changes; rolls back on any error.
pub(crate) fn commit(p: &mut Project, writes: Vec<Write>, stamp: &Stamp) -> Result<Vec<Change>, DomainError> {
    let mut done: Vec<(EntityRef, String, Value, Value)> = Vec::with_capacity(writes.len());
    let rollback = |p: &mut Project, done: &mut Vec<(EntityRef, String, Value, Value)>| {
        while let Some((r, field, from, _)) = done.pop() {
            undo_write(p, r, &field, &from);
        }
    };
    for w in writes {
        if w.field == CREATE && w.entity.kind == EntityKind::Project && !p.changes.is_empty() {
            // The project exists already (e.g. `Reapply` of its creation batch): creating it again
            // would silently reset every field of its info to the values it was created with.
            rollback(p, &mut done);
            return Err(DomainError::DuplicateId(w.entity.id));
        }
        if w.field != CREATE && w.field != DELETE {
            if let Some(current) = p.get_field(w.entity, &w.field) {
                if current == w.value {
                    continue; // no-op write: nothing to record
                }
            }
        }
        match raw_write(p, w.entity, &w.field, &w.value) {
            Ok(from) => {
                // Record the stored (normalized) value, e.g. 3 → 3.0 for an f64 field.
                let to = if w.field == CREATE {
                    p.entity_json(w.entity).unwrap_or(w.value)
                } else if w.field == DELETE {
                    Value::Bool(true)
                } else {
                    p.get_field(w.entity, &w.field).unwrap_or(w.value)
                };
                if w.field != CREATE && w.field != DELETE && from == to {
                    // The same value in another spelling (e.g. 50 for 50.0): a no-op after all.
                    // Write the old value back so the stored state stays exactly as it was.
                    let _same = raw_write(p, w.entity, &w.field, &from);
                    continue;
                }
                done.push((w.entity, w.field, from, to));
            }
            Err(e) => {
                let e = match e {
                    DomainError::BadValue { reason, .. } => DomainError::BadValue { field: w.field, reason },
                    e => e,
                };
                rollback(p, &mut done);
                return Err(e);
            }
        }
    }
    let mut touched: BTreeSet<EntityRef> = done.iter().map(|d| d.0).collect();
    let gone: BTreeSet<EntityRef> =
        done.iter().filter(|d| d.1 == DELETE).map(|d| d.0).filter(|r| !p.entity_exists(*r)).collect();
    if !gone.is_empty() {
        touched.extend(referrers(p, &gone));
    }
    for r in &touched {
        if let Err(e) = check_entity(p, *r) {
            rollback(p, &mut done);
            return Err(e);
        }
    }
    Ok(record(p, done, stamp))
}

/// Appends applied writes `(entity, field, from, to)` to the log as one batch and returns the
/// changes. Times within a project strictly increase, so the log stays in `order_key` order even
/// when the clock repeats itself or goes back.
pub(crate) fn record(p: &mut Project, done: Vec<(EntityRef, String, Value, Value)>, stamp: &Stamp) -> Vec<Change> {
    let at = match p.changes.last() {
        Some(last) if stamp.at <= last.at => last.at + Duration::milliseconds(1),
        _ => stamp.at,
    };
    let changes: Vec<Change> = done
        .into_iter()
        .enumerate()
        .map(|(n, (entity, field, from, to))| Change {
            id: stamp.change_id(n),
            at,
            actor: stamp.actor.clone(),
            batch: stamp.batch,
            entity,
            field,
            from,
            to,
        })
        .collect();
    p.changes.extend(changes.iter().cloned());
    changes
}

/// Entities that still refer to one of `gone` (deleted by this batch). They are validated too, so
/// that no deletion leaves a reference to nothing, e.g. undoing the creation of a task that has
/// gained children, dependents or issue links since.
fn referrers(p: &Project, gone: &BTreeSet<EntityRef>) -> Vec<EntityRef> {
    let is_gone = |kind: EntityKind, id: &Id| gone.contains(&EntityRef::new(kind, *id));
    let person_gone = |id: &Id| is_gone(EntityKind::Member, id) || is_gone(EntityKind::Stakeholder, id);
    let mut out = Vec::new();
    for (id, t) in &p.tasks {
        if t.parent.is_some_and(|x| is_gone(EntityKind::Task, &x))
            || t.depends_on.iter().any(|d| is_gone(EntityKind::Task, d))
            || t.assignee.is_some_and(|m| is_gone(EntityKind::Member, &m))
            || t.raci.keys().any(person_gone)
        {
            out.push(EntityRef::task(*id));
        }
    }
    for (id, i) in &p.issues {
        if i.owner.is_some_and(|m| is_gone(EntityKind::Member, &m))
            || i.linked_tasks.iter().any(|t| is_gone(EntityKind::Task, t))
            || i.linked_risks.iter().any(|r| is_gone(EntityKind::Risk, r))
        {
            out.push(EntityRef::issue(*id));
        }
    }
    for (id, r) in &p.risks {
        if r.owner.is_some_and(|m| is_gone(EntityKind::Member, &m))
            || r.linked_issue.is_some_and(|i| is_gone(EntityKind::Issue, &i))
        {
            out.push(EntityRef::risk(*id));
        }
    }
    for (id, s) in &p.stakeholders {
        if s.member.is_some_and(|m| is_gone(EntityKind::Member, &m)) {
            out.push(EntityRef::stakeholder(*id));
        }
    }
    for (id, m) in &p.meetings {
        if m.attendees.iter().any(person_gone) {
            out.push(EntityRef::meeting(*id));
        }
    }
    for (id, a) in &p.action_items {
        if is_gone(EntityKind::Meeting, &a.meeting)
            || a.owner.as_ref().is_some_and(person_gone)
            || a.task.is_some_and(|t| is_gone(EntityKind::Task, &t))
            || a.issue.is_some_and(|i| is_gone(EntityKind::Issue, &i))
        {
            out.push(EntityRef::action_item(*id));
        }
    }
    if p.info.baseline.is_some_and(|b| is_gone(EntityKind::Baseline, &b)) {
        out.push(EntityRef::project(p.id));
    }
    out
}

fn member_exists(p: &Project, id: Option<Id>) -> Result<(), DomainError> {
    match id {
        Some(id) if !p.members.contains_key(&id) => Err(DomainError::NotFound { kind: "member", id }),
        _ => Ok(()),
    }
}

fn person_exists(p: &Project, id: Option<Id>) -> Result<(), DomainError> {
    match id {
        Some(id) if !p.person_exists(id) => Err(DomainError::NotFound { kind: "person", id }),
        _ => Ok(()),
    }
}

fn exists_in<T>(
    map: &std::collections::BTreeMap<Id, T>,
    kind: &'static str,
    id: Option<Id>,
) -> Result<(), DomainError> {
    match id {
        Some(id) if !map.contains_key(&id) => Err(DomainError::NotFound { kind, id }),
        _ => Ok(()),
    }
}

/// Validates one entity in the context of its project (references, cycles).
pub fn check_entity(p: &Project, r: EntityRef) -> Result<(), DomainError> {
    match r.kind {
        EntityKind::Project => {
            validate::project(&p.info)?;
            exists_in(&p.baselines, "baseline", p.info.baseline)
        }
        EntityKind::Stakeholder => {
            let Some(s) = p.stakeholders.get(&r.id) else { return Ok(()) };
            validate::stakeholder(s)?;
            member_exists(p, s.member)
        }
        EntityKind::Meeting => {
            let Some(m) = p.meetings.get(&r.id) else { return Ok(()) };
            validate::meeting(m)?;
            m.attendees.iter().try_for_each(|a| person_exists(p, Some(*a)))
        }
        EntityKind::ActionItem => {
            let Some(a) = p.action_items.get(&r.id) else { return Ok(()) };
            validate::action_item(a)?;
            exists_in(&p.meetings, "meeting", Some(a.meeting))?;
            person_exists(p, a.owner)?;
            exists_in(&p.tasks, "task", a.task)?;
            exists_in(&p.issues, "issue", a.issue)
        }
        EntityKind::Baseline => p.baselines.get(&r.id).map_or(Ok(()), validate::baseline),
        EntityKind::Report => p.reports.get(&r.id).map_or(Ok(()), validate::report),
        EntityKind::Import => p.imports.get(&r.id).map_or(Ok(()), validate::import_record),
        EntityKind::Member => match p.members.get(&r.id) {
            Some(m) => validate::member(m),
            None => Ok(()),
        },
        EntityKind::Task => {
            let Some(t) = p.tasks.get(&r.id) else { return Ok(()) };
            validate::task(t)?;
            member_exists(p, t.assignee)?;
            t.raci.keys().try_for_each(|k| person_exists(p, Some(*k)))?;
            // Parent exists and is not a descendant.
            let mut cur = t.parent;
            let mut steps = 0usize;
            while let Some(c) = cur {
                if c == r.id || steps > p.tasks.len() {
                    return Err(DomainError::ParentCycle);
                }
                cur = p.tasks.get(&c).ok_or(DomainError::NotFound { kind: "task", id: c })?.parent;
                steps += 1;
            }
            for d in &t.depends_on {
                if *d == r.id {
                    return Err(DomainError::SelfDependency);
                }
                if !p.tasks.contains_key(d) {
                    return Err(DomainError::ForeignTask(*d));
                }
            }
            if depends_on_reaches(p, &t.depends_on, r.id) {
                return Err(DomainError::DependencyCycle);
            }
            Ok(())
        }
        EntityKind::Issue => {
            let Some(i) = p.issues.get(&r.id) else { return Ok(()) };
            validate::issue(i)?;
            member_exists(p, i.owner)?;
            for t in &i.linked_tasks {
                task_exists(p, *t)?;
            }
            for k in &i.linked_risks {
                if !p.risks.contains_key(k) {
                    return Err(DomainError::NotFound { kind: "risk", id: *k });
                }
            }
            Ok(())
        }
        EntityKind::Risk => {
            let Some(k) = p.risks.get(&r.id) else { return Ok(()) };
            validate::risk(k)?;
            member_exists(p, k.owner)?;
            if let Some(i) = k.linked_issue {
                if !p.issues.contains_key(&i) {
                    return Err(DomainError::NotFound { kind: "issue", id: i });
                }
            }
            Ok(())
        }
    }
}

/// Whether following `depends_on` edges from `start` reaches `target`.
fn depends_on_reaches(p: &Project, start: &[Id], target: Id) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<Id> = start.to_vec();
    while let Some(n) = stack.pop() {
        if n == target {
            return true;
        }
        if seen.insert(n) {
            if let Some(t) = p.tasks.get(&n) {
                stack.extend(t.depends_on.iter().copied());
            }
        }
    }
    false
}
