//! Where the file's tasks go in the WBS: each row's parent (by parent key, else by WBS number),
//! loops broken, and ranks after the siblings already there. An issue whose row names a parent
//! task is linked to it.

use std::collections::{HashMap, HashSet};

use super::context::Context;
use super::item::{Body, Item};
use super::text::norm_key;
use crate::id::Id;
use crate::interop::{SourceRow, Warning, WarningKind};

/// The file's tasks by key, and every item by id (indexes into the items).
pub(super) struct Index<'r> {
    pub task_by_key: HashMap<&'r str, usize>,
    pub by_id: HashMap<Id, usize>,
}

/// Gives each file task its parent and rank, and links issues to their parent task.
pub(super) fn place<'r>(cx: &mut Context<'_>, items: &mut [Item<'r>]) -> Index<'r> {
    // Indexes of the file's tasks.
    let mut task_by_key: HashMap<&'r str, usize> = HashMap::new();
    let mut task_by_wbs: HashMap<&'r str, usize> = HashMap::new();
    for (n, it) in items.iter().enumerate() {
        let row: &'r SourceRow = it.row;
        if it.task().is_some() {
            let key = norm_key(&row.key);
            if !key.is_empty() {
                task_by_key.insert(key, n);
            }
            let w = row.wbs_number.trim().trim_end_matches('.');
            if !w.is_empty() {
                task_by_wbs.entry(w).or_insert(n);
            }
        }
    }
    let by_id: HashMap<Id, usize> = items.iter().enumerate().map(|(n, it)| (it.id, n)).collect();

    // The parent each file task asks for (`Some(None)`: explicitly none is never produced; a
    // row without a resolvable parent keeps its place).
    let mut given: HashMap<Id, Option<Id>> = HashMap::new();
    let mut issue_links: Vec<(usize, Id)> = Vec::new();
    for (n, it) in items.iter().enumerate() {
        let line = it.row.line;
        let pk = norm_key(&it.row.parent_key);
        let resolved: Option<Id> = if !pk.is_empty() {
            if pk == it.key && it.task().is_some() {
                cx.warnings.push(Warning { line, kind: WarningKind::ParentCycle { key: it.key.clone() } });
                None
            } else if let Some(j) = task_by_key.get(pk) {
                Some(items[*j].id)
            } else if let Some(id) = cx.existing_task(pk) {
                Some(id)
            } else {
                cx.warnings.push(Warning { line, kind: WarningKind::UnknownParent { key: pk.to_string() } });
                None
            }
        } else {
            let wbs = it.row.wbs_number.trim().trim_end_matches('.');
            let mut w = wbs;
            let mut found = None;
            while let Some(i) = w.rfind('.') {
                w = &w[..i];
                if let Some(j) = task_by_wbs.get(w) {
                    if *j != n {
                        found = Some(items[*j].id);
                        break;
                    }
                }
            }
            if found.is_none() && it.task().is_some() {
                if let Some(i) = wbs.rfind('.') {
                    cx.warnings.push(Warning { line, kind: WarningKind::UnknownParent { key: wbs[..i].to_string() } });
                }
            }
            found
        };
        if let Some(parent) = resolved {
            if it.task().is_some() {
                given.insert(it.id, Some(parent));
            } else {
                issue_links.push((n, parent));
            }
        }
    }
    let eff = effective_parents(cx, items, &by_id, given);
    rank(cx, items, &eff);
    // Issues linked to their parent task.
    for (n, task) in issue_links {
        if let Body::Issue(i) = &mut items[n].body {
            if !i.linked_tasks.contains(&task) {
                i.linked_tasks.push(task);
            }
        }
    }
    Index { task_by_key, by_id }
}

/// Each file task's parent: the one it asks for (`given`), else its own (existing) or the top
/// level (new), with the loops broken.
fn effective_parents(
    cx: &mut Context<'_>,
    items: &[Item],
    by_id: &HashMap<Id, usize>,
    mut given: HashMap<Id, Option<Id>>,
) -> HashMap<Id, Option<Id>> {
    let existing = cx.existing;
    let mut eff: HashMap<Id, Option<Id>> = HashMap::with_capacity(items.len());
    for it in items {
        if let Some(t) = it.task() {
            let p = match given.get(&it.id) {
                Some(p) => *p,
                None => it.base_task().map(|b| b.parent).unwrap_or(t.parent),
            };
            eff.insert(it.id, p);
        }
    }
    let parent_of = |id: Id, eff: &HashMap<Id, Option<Id>>| -> Option<Id> {
        match eff.get(&id) {
            Some(p) => *p,
            None => existing.and_then(|p| p.tasks.get(&id)).and_then(|t| t.parent),
        }
    };
    // Break loops: walk up from each file task; a walk that meets itself cuts the given parent of
    // the last row on the loop. Nodes whose walk reached the top are safe; walks stop there.
    let mut safe: HashSet<Id> = HashSet::with_capacity(items.len());
    for it in items {
        if it.task().is_none() {
            continue;
        }
        let mut path: Vec<Id> = Vec::new();
        let mut on_path: HashMap<Id, usize> = HashMap::new();
        let mut cur = Some(it.id);
        while let Some(c) = cur {
            if safe.contains(&c) {
                break;
            }
            if let Some(&at) = on_path.get(&c) {
                let cut =
                    path[at..].iter().rev().find(|x| given.contains_key(x)).copied().unwrap_or(path[path.len() - 1]);
                eff.insert(cut, None);
                given.remove(&cut);
                if let Some(j) = by_id.get(&cut) {
                    cx.warnings.push(Warning {
                        line: items[*j].row.line,
                        kind: WarningKind::ParentCycle { key: items[*j].key.clone() },
                    });
                }
                break;
            }
            on_path.insert(c, path.len());
            path.push(c);
            cur = parent_of(c, &eff);
        }
        safe.extend(path);
    }
    eff
}

/// Sets each file task's parent; new tasks and moved tasks go after their new siblings, in file
/// order.
fn rank(cx: &Context<'_>, items: &mut [Item], eff: &HashMap<Id, Option<Id>>) {
    let mut next_rank: HashMap<Option<Id>, f64> = HashMap::new();
    if let Some(p) = cx.existing {
        for t in p.tasks.values() {
            let r = next_rank.entry(t.parent).or_insert(0.0);
            if t.rank > *r {
                *r = t.rank;
            }
        }
    }
    for it in items.iter_mut() {
        let id = it.id;
        let parent = eff.get(&id).copied().flatten();
        let base_parent = it.base_task().map(|b| (b.parent, b.rank));
        let Some(t) = it.task_mut() else { continue };
        t.parent = parent;
        match base_parent {
            Some((bp, rank)) if bp == parent => t.rank = rank,
            _ => {
                let r = next_rank.entry(parent).or_insert(0.0);
                *r = (r.floor() + 1.0).max(1.0);
                t.rank = *r;
            }
        }
    }
}
