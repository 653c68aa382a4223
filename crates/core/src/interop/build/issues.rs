//! A row that lands as an entry of the issue log (課題管理表): the issue it makes (a new one, or
//! the project's with the fields the file provides), and the changes that explain it, resolved at
//! the file's resolved time.

use std::collections::BTreeMap;

use serde_json::Value;

use super::item::{Provided, Values};
use super::seed::{json, Seed, When};
use super::text::description;
use crate::change::{EntityKind, EntityRef};
use crate::enums::{IssueStatus, TaskStatus};
use crate::id::Id;
use crate::model::{Issue, IssueField};

/// The issue the row makes of `base` (the project's, re-import) or of a new one.
pub(super) fn body(base: Option<&Issue>, v: &Values, provided: &Provided) -> Issue {
    let (row, new) = (v.row, v.new);
    let mut i = base.cloned().unwrap_or_default();
    i.title = v.title.clone();
    if new || provided.description {
        i.description = description(row);
    }
    if new || provided.status {
        i.status = issue_status(v.status);
    }
    if new || provided.priority {
        i.priority = v.priority;
    }
    if new || provided.due {
        i.due = row.due;
    }
    if new || provided.created {
        i.raised_on = row.created.map(|c| c.date());
    }
    if new {
        i.source_key = v.source_key.clone();
    }
    i
}

/// A row's status on the issue log: not started / blocked → open, in progress → in progress,
/// done → resolved, cancelled → closed.
fn issue_status(s: TaskStatus) -> IssueStatus {
    match s {
        TaskStatus::NotStarted | TaskStatus::Blocked => IssueStatus::Open,
        TaskStatus::InProgress => IssueStatus::InProgress,
        TaskStatus::Done => IssueStatus::Resolved,
        TaskStatus::Cancelled => IssueStatus::Closed,
    }
}

/// A new issue's creation; a closed one is created open and closed at its resolved time.
pub(super) fn seed_new(id: Id, i: &Issue, when: &When, seeds: &mut Vec<Seed>) {
    let er = EntityRef::issue(id);
    let c_at = when.created;
    match when.resolved.filter(|r_at| !i.status.is_open() && *r_at > c_at) {
        Some(r_at) => {
            let pre = Issue { status: IssueStatus::Open, ..i.clone() };
            seeds.push(Seed::create(er, json(&pre), c_at));
            seeds.push(Seed {
                at: r_at,
                entity: er,
                field: IssueField::Status.name().into(),
                from: json(&pre.status),
                to: json(&i.status),
            });
        }
        None => seeds.push(Seed::create(er, json(i), c_at)),
    }
}

/// The changed fields of an issue the import updates; one it closes is closed at its resolved
/// time when that is after its own last change.
pub(super) fn seed_update(id: Id, b: &Issue, i: &Issue, when: &When, seeds: &mut Vec<Seed>) {
    let er = EntityRef::issue(id);
    let closing = !i.status.is_open() && b.status.is_open();
    let close_at = when.resolved.filter(|r_at| closing && when.last.is_none_or(|l| *r_at > l));
    for f in IssueField::ALL {
        let (from, to) = (b.value(*f), i.value(*f));
        if from != to {
            let at = match close_at {
                Some(r_at) if *f == IssueField::Status => r_at,
                _ => when.now,
            };
            seeds.push(Seed { at, entity: er, field: f.name().to_string(), from, to });
        }
    }
}

/// Gives the new issues their numbers, from `next` on, in the order of `seeds` (time order: the
/// order the log numbered them in before numbers were stored), in each one's creation and in
/// the project. An issue the import updates keeps its own.
pub(super) fn number_new(seeds: &mut [Seed], issues: &mut BTreeMap<Id, Issue>, mut next: u32) {
    for s in seeds.iter_mut().filter(|s| s.entity.kind == EntityKind::Issue && s.is_create()) {
        if let (Value::Object(to), Some(i)) = (&mut s.to, issues.get_mut(&s.entity.id)) {
            i.no = next;
            to.insert(IssueField::No.name().into(), Value::from(next));
            next = next.saturating_add(1);
        }
    }
}
