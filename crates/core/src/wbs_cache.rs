//! The WBS's derived data — rows with their numbers, and roll-ups — kept up to date incrementally.
//!
//! `WbsCache::update` compares each task's inputs (its place in the tree and the figures it rolls
//! up) with those of the last update. When only figures changed (an estimate, a status, a date:
//! most edits), it recomputes the changed tasks and their ancestors only; when the tree changed (a
//! task added, removed, moved), it recomputes everything. Either way the result equals
//! [`rollups`](crate::rollup::rollups) and [`wbs_rows`](crate::rollup::wbs_rows) of the project
//! (a property test checks it after every kind of edit).

use std::collections::{BTreeSet, HashMap};

use crate::enums::TaskStatus;
use crate::id::Id;
use crate::model::Project;
use crate::rollup::{aggregate, children_index, leaf, rows_from, Rollup, WbsRow};

/// What a task's row and roll-up depend on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Inputs {
    parent: Option<Id>,
    rank: f64,
    own: Rollup,
    cancelled: bool,
}

/// What an update changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Updated {
    /// The rows (order, numbers, depths, which tasks are parents).
    pub rows: bool,
    /// Some roll-up.
    pub rollups: bool,
}

#[derive(Debug, Clone, Default)]
pub struct WbsCache {
    inputs: HashMap<Id, Inputs>,
    children: HashMap<Option<Id>, Vec<Id>>,
    rows: Vec<WbsRow>,
    roll: HashMap<Id, Rollup>,
}

impl WbsCache {
    /// The task fields the rows and roll-ups are computed from ([`leaf`] and the tree). The app
    /// brings the cache up to date only after an edit of one of these (or a task added or
    /// deleted); tests/topic.rs checks that no other field moves a row or a roll-up.
    pub const READS: &'static [&'static str] =
        &["parent", "rank", "estimate_hours", "actual_hours", "remaining_hours", "start", "due", "percent", "status"];

    pub fn new(p: &Project) -> Self {
        let mut c = WbsCache::default();
        c.update(p);
        c
    }

    pub fn rows(&self) -> &[WbsRow] {
        &self.rows
    }

    pub fn rollups(&self) -> &HashMap<Id, Rollup> {
        &self.roll
    }

    pub fn rollup(&self, id: Id) -> Option<Rollup> {
        self.roll.get(&id).copied()
    }

    /// Brings the cache up to date with `p`.
    pub fn update(&mut self, p: &Project) -> Updated {
        let mut structure = p.tasks.len() != self.inputs.len();
        let mut changed: Vec<Id> = Vec::new();
        // In place: one lookup per task, no new map (this runs after every edit).
        for (id, t) in &p.tasks {
            let now = Inputs {
                // As stored: a parent that is gone changed the task count, or came with an added
                // task; either way the tree is recomputed (`children_index` then puts its
                // children at the top).
                parent: t.parent,
                rank: t.rank,
                own: leaf(t),
                cancelled: t.status == TaskStatus::Cancelled,
            };
            match self.inputs.get_mut(id) {
                None => {
                    structure = true;
                    self.inputs.insert(*id, now);
                }
                Some(before) => {
                    if before.parent != now.parent || before.rank.to_bits() != now.rank.to_bits() {
                        structure = true;
                    } else if *before != now {
                        changed.push(*id);
                    }
                    *before = now;
                }
            }
        }
        if structure {
            // Tasks that are gone (the counts can match when one was added and one removed).
            self.inputs.retain(|id, _| p.tasks.contains_key(id));
            self.children = children_index(p);
            let rows = rows_from(&self.children, p.tasks.len());
            let roll = crate::rollup::rollups_with(p, &self.children);
            let updated = Updated { rows: rows != self.rows, rollups: roll != self.roll };
            self.rows = rows;
            self.roll = roll;
            return updated;
        }
        if changed.is_empty() {
            return Updated::default();
        }
        // Leaves take their own figures; then every ancestor of a changed task, deepest first,
        // is aggregated again from its children.
        let mut ancestors: BTreeSet<(std::cmp::Reverse<usize>, Id)> = BTreeSet::new();
        for id in &changed {
            // Only tasks the tree reaches have roll-ups (as in a full walk).
            if self.children.get(&Some(*id)).is_none_or(Vec::is_empty) && self.roll.contains_key(id) {
                if let Some(i) = self.inputs.get(id) {
                    self.roll.insert(*id, i.own);
                }
            }
            let mut chain = Vec::new();
            let mut cur = self.inputs.get(id).and_then(|i| i.parent);
            // A parent's own figures changed (its own actual hours): it is aggregated again too.
            let is_parent = self.children.get(&Some(*id)).is_some_and(|k| !k.is_empty());
            while let Some(a) = cur {
                if chain.contains(&a) {
                    break; // a cycle (never after validation): stop rather than loop
                }
                chain.push(a);
                cur = self.inputs.get(&a).and_then(|i| i.parent);
            }
            let depth = chain.len();
            if is_parent {
                ancestors.insert((std::cmp::Reverse(depth), *id));
            }
            for (k, a) in chain.into_iter().enumerate() {
                ancestors.insert((std::cmp::Reverse(depth - 1 - k), a));
            }
        }
        for (_, a) in ancestors {
            if !self.roll.contains_key(&a) {
                continue;
            }
            let kids = self.children.get(&Some(a)).map(Vec::as_slice).unwrap_or(&[]);
            let own = self.inputs.get(&a).map_or(0.0, |i| i.own.actual);
            let r = aggregate(own, kids, &self.roll, |k| self.inputs.get(k).is_some_and(|i| i.cancelled));
            self.roll.insert(a, r);
        }
        Updated { rows: false, rollups: true }
    }
}
