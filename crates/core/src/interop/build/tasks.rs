//! A row that lands as a WBS task: the task it makes (a new one, or the project's with the fields
//! the file provides), and the changes that explain it, closed at the file's resolved time.

use super::item::{Provided, Values};
use super::seed::{json, Seed, When};
use super::text::{description, truncate_chars};
use crate::change::EntityRef;
use crate::enums::TaskStatus;
use crate::id::Id;
use crate::interop::{ItemKind, Warning, WarningKind};
use crate::model::{Task, TaskField};
use crate::validate::MAX_TAGS;

/// The fields a closing change sets at the resolved time.
const CLOSING_FIELDS: &[TaskField] = &[TaskField::Status, TaskField::Percent, TaskField::RemainingHours];

/// The task the row makes of `base` (the project's, re-import) or of a new one.
pub(super) fn body(base: Option<&Task>, v: &Values, provided: &Provided, warnings: &mut Vec<Warning>) -> Task {
    let (row, new) = (v.row, v.new);
    let mut t = base.cloned().unwrap_or_default();
    t.title = v.title.clone();
    if new || provided.description {
        t.description = description(row);
    }
    if new || provided.status {
        t.status = v.status;
    }
    if new || provided.priority {
        t.priority = v.priority;
    }
    if new || provided.start {
        t.start = row.start;
    }
    if new || provided.due {
        t.due = row.due;
    }
    if new || provided.estimate {
        t.estimate_hours = v.estimate.unwrap_or(0.0);
    }
    if new || provided.actual {
        t.actual_hours = v.actual.unwrap_or(0.0);
    }
    if new || provided.remaining {
        t.remaining_hours = v.remaining;
    }
    if new || provided.points {
        t.story_points = v.points;
    }
    if new || provided.percent {
        t.percent = v.percent.unwrap_or(0.0);
    }
    if (new || provided.status) && v.status == TaskStatus::Done && v.percent.is_none() {
        t.percent = 100.0;
    }
    if new {
        t.milestone = row.milestone || v.kind == ItemKind::Milestone;
        t.source_key = v.source_key.clone();
    }
    for tag in row.labels.iter().chain(&row.sprints) {
        let mut tag = tag.trim().to_string();
        truncate_chars(&mut tag, 100);
        if !tag.is_empty() && !t.tags.contains(&tag) && t.tags.len() < MAX_TAGS {
            t.tags.push(tag);
        }
    }
    if let (Some(s), Some(d)) = (t.start, t.due) {
        if d < s {
            warnings.push(Warning { line: row.line, kind: WarningKind::StartAfterDue { start: s, due: d } });
            t.start = None;
        }
    }
    t
}

/// A new task's creation; a closed one is created open and closed at its resolved time.
pub(super) fn seed_new(id: Id, t: &Task, when: &When, seeds: &mut Vec<Seed>) {
    let er = EntityRef::task(id);
    let c_at = when.created;
    match when.resolved.filter(|r_at| t.status.is_closed() && *r_at > c_at) {
        Some(r_at) => {
            let mut pre = t.clone();
            pre.percent = if t.percent >= 100.0 { 0.0 } else { t.percent };
            pre.status = if pre.percent > 0.0 { TaskStatus::InProgress } else { TaskStatus::NotStarted };
            pre.remaining_hours = None;
            seeds.push(Seed::create(er, json(&pre), c_at));
            for f in CLOSING_FIELDS {
                let (from, to) = (pre.value(*f), t.value(*f));
                if from != to {
                    seeds.push(Seed { at: r_at, entity: er, field: f.name().to_string(), from, to });
                }
            }
        }
        None => seeds.push(Seed::create(er, json(t), c_at)),
    }
}

/// The changed fields of a task the import updates; one it closes is closed at its resolved time
/// when that is after its own last change.
pub(super) fn seed_update(id: Id, b: &Task, t: &Task, when: &When, seeds: &mut Vec<Seed>) {
    let er = EntityRef::task(id);
    let closing = t.status.is_closed() && !b.status.is_closed();
    let close_at = when.resolved.filter(|r_at| closing && when.last.is_none_or(|l| *r_at > l));
    for f in TaskField::ALL {
        let (from, to) = (b.value(*f), t.value(*f));
        if from != to {
            let at = match close_at {
                Some(r_at) if CLOSING_FIELDS.contains(f) => r_at,
                _ => when.now,
            };
            seeds.push(Seed { at, entity: er, field: f.name().to_string(), from, to });
        }
    }
}
