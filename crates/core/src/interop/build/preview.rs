//! The preview: how many tasks, issues and members are new, updated or unchanged, and every row
//! as it will land — tasks in WBS order over the whole resulting tree, then issues, then the
//! skipped rows.

use std::collections::{HashMap, HashSet};

use super::item::{Body, Item};
use super::{Counts, PreviewRow, RowAction};
use crate::id::Id;
use crate::interop::ItemKind;
use crate::model::Project;

/// The counts of what lands (`members_new` members are added, `skipped` rows are not imported).
pub(super) fn counts(items: &[Item], members_new: usize, skipped: usize) -> Counts {
    let mut counts = Counts { members_new, skipped, ..Counts::default() };
    for it in items {
        let a = action(it);
        let is_task = it.task().is_some();
        match (is_task, a) {
            (true, RowAction::New) => counts.tasks_new += 1,
            (true, RowAction::Update) => counts.tasks_updated += 1,
            (true, _) => counts.tasks_unchanged += 1,
            (false, RowAction::New) => counts.issues_new += 1,
            (false, RowAction::Update) => counts.issues_updated += 1,
            (false, _) => counts.issues_unchanged += 1,
        }
    }
    counts
}

/// Every row as it will land: the file's tasks in WBS order (among the project's own), then its
/// issues, then `skipped`.
pub(super) fn rows(
    existing: Option<&Project>,
    items: &[Item],
    by_id: &HashMap<Id, usize>,
    skipped: Vec<PreviewRow>,
) -> Vec<PreviewRow> {
    let mut out_rows: Vec<PreviewRow> = Vec::with_capacity(items.len() + skipped.len());
    // Tasks in WBS order over the whole resulting tree (the project's tasks included).
    let mut children: HashMap<Option<Id>, Vec<(f64, Id)>> = HashMap::new();
    if let Some(p) = existing {
        for (id, t) in &p.tasks {
            if !by_id.contains_key(id) {
                children.entry(t.parent).or_default().push((t.rank, *id));
            }
        }
    }
    for it in items {
        if let Some(t) = it.task() {
            children.entry(t.parent).or_default().push((t.rank, it.id));
        }
    }
    for v in children.values_mut() {
        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
    let mut stack: Vec<(Id, usize)> =
        children.get(&None).map(|v| v.iter().rev().map(|(_, id)| (*id, 0)).collect()).unwrap_or_default();
    let mut visited: HashSet<Id> = HashSet::new();
    while let Some((id, depth)) = stack.pop() {
        if !visited.insert(id) {
            continue;
        }
        if let Some(n) = by_id.get(&id) {
            out_rows.push(preview_row(&items[*n], depth));
        }
        if let Some(v) = children.get(&Some(id)) {
            stack.extend(v.iter().rev().map(|(_, c)| (*c, depth + 1)));
        }
    }
    // Tasks under a parent that is not in the tree (cannot happen; kept safe), then issues.
    for it in items {
        if it.task().is_some() && !visited.contains(&it.id) {
            out_rows.push(preview_row(it, 0));
        }
    }
    for it in items {
        if it.task().is_none() {
            out_rows.push(preview_row(it, 0));
        }
    }
    out_rows.extend(skipped);
    out_rows
}

fn action(it: &Item) -> RowAction {
    if it.is_new() {
        RowAction::New
    } else if it.changed() {
        RowAction::Update
    } else {
        RowAction::Unchanged
    }
}

fn preview_row(it: &Item, depth: usize) -> PreviewRow {
    match &it.body {
        Body::Task(t) => PreviewRow {
            line: it.row.line,
            action: action(it),
            item: if t.milestone { ItemKind::Milestone } else { ItemKind::Task },
            depth,
            key: it.key.clone(),
            title: t.title.clone(),
            status: t.status,
            priority: t.priority,
            assignee: it.assignee_name.clone(),
            start: t.start,
            due: t.due,
            estimate_hours: t.estimate_hours,
            actual_hours: t.actual_hours,
            percent: t.percent,
        },
        Body::Issue(i) => PreviewRow {
            line: it.row.line,
            action: action(it),
            item: ItemKind::Issue,
            depth: 0,
            key: it.key.clone(),
            title: i.title.clone(),
            status: it.status,
            priority: i.priority,
            assignee: it.assignee_name.clone(),
            start: None,
            due: i.due,
            estimate_hours: 0.0,
            actual_hours: 0.0,
            percent: 0.0,
        },
    }
}
