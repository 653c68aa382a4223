//! Predecessors by key (of the file or the project) become `depends_on`: an unknown key, a task
//! depending on itself, or a dependency that would close a cycle is dropped with a warning.

use std::collections::{HashMap, HashSet};

use super::context::Context;
use super::item::Item;
use super::text::norm_key;
use super::tree::Index;
use crate::id::Id;
use crate::interop::{Warning, WarningKind};
use crate::model::Project;

/// Adds each file task's predecessors to its `depends_on`.
pub(super) fn link(cx: &mut Context<'_>, items: &mut [Item], index: &Index) {
    let mut new_edges: Vec<(Id, Id)> = Vec::new();
    for n in 0..items.len() {
        if items[n].task().is_none() {
            continue;
        }
        let line = items[n].row.line;
        let me = items[n].id;
        let mut add: Vec<Id> = Vec::new();
        for k in &items[n].row.predecessors {
            let k = norm_key(k);
            if k.is_empty() {
                continue;
            }
            let target = index.task_by_key.get(k).map(|j| items[*j].id).or_else(|| cx.existing_task(k));
            match target {
                None => {
                    cx.warnings.push(Warning { line, kind: WarningKind::UnknownPredecessor { key: k.to_string() } })
                }
                Some(t) if t == me => {
                    cx.warnings.push(Warning { line, kind: WarningKind::SelfDependency { key: k.to_string() } })
                }
                Some(t) => add.push(t),
            }
        }
        if let Some(t) = items[n].task_mut() {
            for d in add {
                if !t.depends_on.contains(&d) {
                    t.depends_on.push(d);
                    new_edges.push((me, d));
                }
            }
        }
    }
    if new_edges.is_empty() {
        return;
    }
    let by_id = &index.by_id;
    let dropped = dependency_cycles(cx.existing, items, by_id, &new_edges);
    for (a, b) in dropped {
        let (ka, kb) = (key_of(cx.existing, a, items, by_id), key_of(cx.existing, b, items, by_id));
        if let Some(n) = by_id.get(&a).copied() {
            let line = items[n].row.line;
            if let Some(t) = items[n].task_mut() {
                t.depends_on.retain(|d| *d != b);
            }
            cx.warnings.push(Warning {
                line,
                kind: WarningKind::DependencyCycle { from: ka.to_string(), to: kb.to_string() },
            });
        }
    }
}

/// A task's key as a warning names it: the file's, else the project task's source key without its
/// source, else its title.
fn key_of(existing: Option<&Project>, id: Id, items: &[Item], by_id: &HashMap<Id, usize>) -> String {
    if let Some(n) = by_id.get(&id) {
        return items[*n].key.clone();
    }
    existing
        .and_then(|p| p.tasks.get(&id))
        .map(|t| t.source_key.split_once(':').map(|(_, k)| k.to_string()).unwrap_or_else(|| t.title.clone()))
        .unwrap_or_default()
}

/// The dependencies of this import (`new_edges`, in file order) that close a cycle with the
/// project's own and the earlier ones. Linear when there is no cycle (one topological sort); only
/// the part of the graph that lies between cycles is then searched edge by edge.
fn dependency_cycles(
    existing: Option<&Project>,
    items: &[Item],
    index: &HashMap<Id, usize>,
    new_edges: &[(Id, Id)],
) -> Vec<(Id, Id)> {
    // Nodes and edges of the whole resulting graph.
    let mut node: HashMap<Id, usize> = HashMap::new();
    let mut ids: Vec<Id> = Vec::new();
    let mut intern = |id: Id, node: &mut HashMap<Id, usize>| -> usize {
        *node.entry(id).or_insert_with(|| {
            ids.push(id);
            ids.len() - 1
        })
    };
    let mut edges: Vec<(usize, usize)> = Vec::new();
    if let Some(p) = existing {
        for (id, t) in &p.tasks {
            if index.contains_key(id) {
                continue;
            }
            for d in &t.depends_on {
                let (a, b) = (intern(*id, &mut node), intern(*d, &mut node));
                edges.push((a, b));
            }
        }
    }
    for it in items {
        if let Some(t) = it.task() {
            for d in &t.depends_on {
                let (a, b) = (intern(it.id, &mut node), intern(*d, &mut node));
                edges.push((a, b));
            }
        }
    }
    let n = ids.len();
    let mut out_adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut in_adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &edges {
        out_adj[a].push(b);
        in_adj[b].push(a);
    }
    // Peel nodes with no incoming edge, then nodes with no outgoing edge: what is left lies on or
    // between cycles.
    let mut alive = vec![true; n];
    let peel = |adj_in: &Vec<Vec<usize>>, adj_out: &Vec<Vec<usize>>, alive: &mut Vec<bool>| {
        let mut deg: Vec<usize> = (0..n).map(|v| adj_in[v].iter().filter(|u| alive[**u]).count()).collect();
        let mut queue: Vec<usize> = (0..n).filter(|v| alive[*v] && deg[*v] == 0).collect();
        while let Some(v) = queue.pop() {
            if !alive[v] {
                continue;
            }
            alive[v] = false;
            for &w in &adj_out[v] {
                if alive[w] {
                    deg[w] -= 1;
                    if deg[w] == 0 {
                        queue.push(w);
                    }
                }
            }
        }
    };
    peel(&in_adj, &out_adj, &mut alive);
    if !alive.iter().any(|a| *a) {
        return Vec::new();
    }
    peel(&out_adj, &in_adj, &mut alive);
    // Add the remaining edges one by one: the project's own first, then this import's in file
    // order; an edge whose head already reaches its tail is dropped.
    let new_set: HashSet<(usize, usize)> =
        new_edges.iter().filter_map(|(a, b)| Some((*node.get(a)?, *node.get(b)?))).collect();
    let mut accepted: Vec<Vec<usize>> = vec![Vec::new(); n];
    let reaches = |from: usize, to: usize, accepted: &Vec<Vec<usize>>| -> bool {
        let mut seen = HashSet::new();
        let mut stack = vec![from];
        while let Some(v) = stack.pop() {
            if v == to {
                return true;
            }
            if seen.insert(v) {
                stack.extend(accepted[v].iter().copied());
            }
        }
        false
    };
    let inner: Vec<(usize, usize)> = edges.iter().copied().filter(|(a, b)| alive[*a] && alive[*b]).collect();
    let mut dropped = Vec::new();
    let old = inner.iter().filter(|e| !new_set.contains(e));
    let new_in_order = new_edges
        .iter()
        .filter_map(|(a, b)| Some((*node.get(a)?, *node.get(b)?)))
        .filter(|(a, b)| alive[*a] && alive[*b]);
    for (a, b) in old.copied().chain(new_in_order) {
        if reaches(b, a, &accepted) {
            if new_set.contains(&(a, b)) {
                dropped.push((ids[a], ids[b]));
            }
        } else {
            accepted[a].push(b);
        }
    }
    dropped
}
