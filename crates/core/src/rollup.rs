//! The WBS tree: numbering (1.2.3) from the tree and sibling order, and roll-ups of estimate,
//! actuals, remaining, dates and progress (weighted by estimate) from children to parents.
//! Everything here is O(n log n) in the number of tasks.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::id::Id;
use crate::model::{Project, Task};

/// Children per parent (None = top level), each list in sibling order.
pub fn children_index(p: &Project) -> HashMap<Option<Id>, Vec<Id>> {
    let mut map: HashMap<Option<Id>, Vec<(f64, Id)>> = HashMap::new();
    for (id, t) in &p.tasks {
        // A parent that does not exist (never the case after validation) is shown at the top.
        let parent = t.parent.filter(|pid| p.tasks.contains_key(pid));
        map.entry(parent).or_default().push((t.rank, *id));
    }
    map.into_iter()
        .map(|(k, mut v)| {
            v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            (k, v.into_iter().map(|(_, id)| id).collect())
        })
        .collect()
}

impl Project {
    /// The task and all its descendants, each once. Parent links that run in a circle (two copies
    /// that each moved a task under the other, merged) end where the circle closes: without that,
    /// deleting such a task grew this list until memory ran out (the merge laws' long run found it).
    pub fn subtree(&self, root: Id) -> Vec<Id> {
        let children = children_index(self);
        let mut out = vec![root];
        let mut seen = std::collections::HashSet::from([root]);
        let mut i = 0;
        while i < out.len() {
            if let Some(c) = children.get(&Some(out[i])) {
                out.extend(c.iter().copied().filter(|id| seen.insert(*id)));
            }
            i += 1;
        }
        out
    }
}

/// One row of the WBS table, in display (depth-first) order.
#[derive(Debug, Clone, PartialEq)]
pub struct WbsRow {
    pub id: Id,
    pub depth: usize,
    /// "1.2.3"
    pub number: String,
    pub has_children: bool,
}

/// The whole tree in depth-first order with WBS numbers.
pub fn wbs_rows(p: &Project) -> Vec<WbsRow> {
    rows_from(&children_index(p), p.tasks.len())
}

/// The rows of a tree given as its children index.
pub(crate) fn rows_from(children: &HashMap<Option<Id>, Vec<Id>>, n: usize) -> Vec<WbsRow> {
    let mut out = Vec::with_capacity(n);
    // Iterative DFS: (id, depth, number)
    let mut stack: Vec<(Id, usize, String)> = Vec::new();
    if let Some(top) = children.get(&None) {
        for (i, id) in top.iter().enumerate().rev() {
            stack.push((*id, 0, (i + 1).to_string()));
        }
    }
    while let Some((id, depth, number)) = stack.pop() {
        let kids = children.get(&Some(id));
        if let Some(kids) = kids {
            for (i, k) in kids.iter().enumerate().rev() {
                stack.push((*k, depth + 1, format!("{number}.{}", i + 1)));
            }
        }
        out.push(WbsRow { id, depth, number, has_children: kids.is_some_and(|k| !k.is_empty()) });
    }
    out
}

/// Rolled-up figures of a task (for a leaf, its own figures).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rollup {
    pub estimate: f64,
    pub actual: f64,
    pub remaining: f64,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// 0–100, weighted by estimate (plain average where no child has an estimate).
    pub percent: f64,
    /// Leaves under this task, not counting cancelled ones.
    pub leaves: usize,
    pub done_leaves: usize,
}

pub(crate) fn leaf(t: &Task) -> Rollup {
    let cancelled = t.status == crate::enums::TaskStatus::Cancelled;
    Rollup {
        estimate: if cancelled { 0.0 } else { t.estimate_hours },
        actual: t.actual_hours,
        remaining: t.effective_remaining(),
        start: t.start,
        due: t.due,
        percent: t.effective_percent(),
        leaves: usize::from(!cancelled),
        done_leaves: usize::from(t.status == crate::enums::TaskStatus::Done),
    }
}

/// Roll-ups for every task. Cancelled children count for actuals only (their work left the scope);
/// a parent's actual hours are its own plus its children's.
/// One post-order walk over the tree (no WBS numbers are built).
pub fn rollups(p: &Project) -> HashMap<Id, Rollup> {
    rollups_with(p, &children_index(p))
}

pub(crate) fn rollups_with(p: &Project, children: &HashMap<Option<Id>, Vec<Id>>) -> HashMap<Id, Rollup> {
    let mut out: HashMap<Id, Rollup> = HashMap::with_capacity(p.tasks.len());
    let mut stack: Vec<(Id, bool)> =
        children.get(&None).map(|top| top.iter().rev().map(|id| (*id, false)).collect()).unwrap_or_default();
    while let Some((id, children_done)) = stack.pop() {
        let kids = children.get(&Some(id)).map(Vec::as_slice).unwrap_or(&[]);
        if !children_done && !kids.is_empty() {
            stack.push((id, true));
            stack.extend(kids.iter().rev().map(|k| (*k, false)));
            continue;
        }
        let Some(t) = p.tasks.get(&id) else { continue };
        if kids.is_empty() {
            out.insert(id, leaf(t));
            continue;
        }
        let r = aggregate(t.actual_hours, kids, &out, |k| {
            p.tasks.get(k).is_some_and(|t| t.status == crate::enums::TaskStatus::Cancelled)
        });
        out.insert(id, r);
    }
    out
}

/// A parent's roll-up from its children's (in sibling order, so that incremental and full
/// recomputation add the same numbers in the same order). Hours booked on the parent itself
/// (`own_actual`: an import from Backlog or Redmine carries them) add to its children's.
pub(crate) fn aggregate(
    own_actual: f64,
    kids: &[Id],
    roll: &HashMap<Id, Rollup>,
    cancelled: impl Fn(&Id) -> bool,
) -> Rollup {
    let mut r = Rollup { actual: own_actual, ..Rollup::default() };
    let (mut weighted, mut weight, mut plain_sum, mut plain_n) = (0.0, 0.0, 0.0, 0usize);
    for k in kids {
        let Some(c) = roll.get(k).copied() else { continue };
        r.actual += c.actual;
        if cancelled(k) {
            continue;
        }
        r.estimate += c.estimate;
        r.remaining += c.remaining;
        r.leaves += c.leaves;
        r.done_leaves += c.done_leaves;
        r.start = min_opt(r.start, c.start);
        r.due = max_opt(r.due, c.due);
        weighted += c.percent * c.estimate;
        weight += c.estimate;
        plain_sum += c.percent;
        plain_n += 1;
    }
    r.percent = if weight > 0.0 {
        weighted / weight
    } else if plain_n > 0 {
        plain_sum / plain_n as f64
    } else {
        0.0
    };
    r
}

/// Progress of the whole project (the roll-up of its top-level tasks), 0–100.
pub fn project_progress(p: &Project) -> f64 {
    let children = children_index(p);
    let roll = rollups_with(p, &children);
    let top = children.get(&None).map(Vec::as_slice).unwrap_or(&[]);
    let (mut weighted, mut weight, mut plain, mut n) = (0.0, 0.0, 0.0, 0usize);
    for id in top {
        if p.tasks.get(id).is_some_and(|t| t.status == crate::enums::TaskStatus::Cancelled) {
            continue;
        }
        if let Some(r) = roll.get(id) {
            weighted += r.percent * r.estimate;
            weight += r.estimate;
            plain += r.percent;
            n += 1;
        }
    }
    if weight > 0.0 {
        weighted / weight
    } else if n > 0 {
        plain / n as f64
    } else {
        0.0
    }
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// A leaf task that is not closed and whose due date is before `today`.
pub fn is_overdue(t: &Task, today: NaiveDate) -> bool {
    !t.status.is_closed() && t.due.is_some_and(|d| d < today)
}
