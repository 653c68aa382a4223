//! What the WBS grid draws from: the rows and roll-ups of `mieruka_core::wbs_cache::WbsCache`,
//! brought up to date after each edit (incrementally: a figure edit recomputes the task's
//! ancestors only, a title edit nothing), and the visible rows after collapsing and filtering.

use std::collections::BTreeSet;

use leptos::prelude::*;
use mieruka_core::rollup::{Rollup, WbsRow};
use mieruka_core::topic::Read;
use mieruka_core::wbs_cache::WbsCache;
use mieruka_core::{EntityKind, Id, Project};

use crate::state::ProjectStore;

/// A visible row of the WBS table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RowView {
    pub id: Id,
    pub depth: usize,
    pub number: String,
    pub has_children: bool,
    pub collapsed: bool,
    /// Position among visible rows (for keyboard navigation).
    pub index: usize,
}

#[derive(Clone, Copy)]
pub struct WbsData {
    store: ProjectStore,
    pid: Id,
    cache: StoredValue<WbsCache, LocalStorage>,
    /// Bumped when the cache's rows change, and when a roll-up changes.
    rows_rev: Memo<u64>,
    roll_rev: Memo<u64>,
}

impl WbsData {
    pub fn new(store: ProjectStore, pid: Id) -> Self {
        let cache = StoredValue::new_local(WbsCache::default());
        // The one place the cache is updated: after a change of a field it reads (not after a
        // title, a note or an assignee).
        let reads = [Read::Fields(EntityKind::Task, WbsCache::READS)];
        let revs = Memo::new(move |prev: Option<&(u64, u64)>| {
            let (mut rows, mut roll) = prev.copied().unwrap_or((0, 0));
            let updated = store.read(pid, &reads, |p| cache.try_update_value(|c| c.update(p))).flatten();
            match updated {
                Some(u) => {
                    rows += u64::from(u.rows);
                    roll += u64::from(u.rollups);
                }
                None => {
                    // The project is gone (deleted in another tab): nothing to draw.
                    cache.set_value(WbsCache::default());
                    rows += 1;
                    roll += 1;
                }
            }
            (rows, roll)
        });
        WbsData {
            store,
            pid,
            cache,
            rows_rev: Memo::new(move |_| revs.get().0),
            roll_rev: Memo::new(move |_| revs.get().1),
        }
    }

    /// A task's roll-up (tracked: changes when any roll-up does; callers keep it in a memo).
    pub fn rollup(&self, id: Id) -> Rollup {
        // `get`, not `track`: it brings the cache up to date before it is read.
        self.roll_rev.get();
        self.cache.with_value(|c| c.rollup(id)).unwrap_or_default()
    }

    /// The visible rows: collapsed parents hide their subtrees; with a filter, the leaves that
    /// match and their ancestors stay.
    pub fn visible(
        self,
        collapsed: RwSignal<BTreeSet<Id>>,
        who: RwSignal<String>,
        status: RwSignal<String>,
    ) -> Memo<Vec<RowView>> {
        let WbsData { store, pid, cache, rows_rev, .. } = self;
        Memo::new(move |_| {
            // `get` brings the cache up to date before it is read below.
            rows_rev.get();
            let collapsed = collapsed.get();
            let (who, status) = (who.get(), status.get());
            let filtering = !who.is_empty() || !status.is_empty();
            let compute = |p: &Project| cache.with_value(|c| visible_rows(p, c.rows(), &collapsed, &who, &status));
            if filtering {
                // Which tasks match depends on their assignee and status, and the tree.
                let reads = [Read::Fields(EntityKind::Task, &["assignee", "status", "parent"])];
                store.read(pid, &reads, compute).unwrap_or_default()
            } else {
                store.with_untracked(|ws| ws.projects.get(&pid).map(compute)).unwrap_or_default()
            }
        })
    }
}

fn visible_rows(p: &Project, all: &[WbsRow], collapsed: &BTreeSet<Id>, who: &str, status: &str) -> Vec<RowView> {
    let filtering = !who.is_empty() || !status.is_empty();
    let mut keep: BTreeSet<Id> = BTreeSet::new();
    if filtering {
        for r in all {
            let Some(t) = p.tasks.get(&r.id) else {
                continue;
            };
            let by_who = who.is_empty()
                || (who == "-" && t.assignee.is_none())
                || t.assignee.map(|a| a.to_string()).as_deref() == Some(who);
            let by_status = status.is_empty() || t.status.as_str() == status;
            if by_who && by_status && !r.has_children {
                let mut cur = Some(r.id);
                while let Some(c) = cur {
                    if !keep.insert(c) {
                        break;
                    }
                    cur = p.tasks.get(&c).and_then(|t| t.parent);
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut hide_below: Option<usize> = None;
    for r in all {
        if let Some(d) = hide_below {
            if r.depth > d {
                continue;
            }
            hide_below = None;
        }
        if filtering && !keep.contains(&r.id) {
            continue;
        }
        let is_collapsed = collapsed.contains(&r.id) && r.has_children;
        if is_collapsed {
            hide_below = Some(r.depth);
        }
        let index = out.len();
        out.push(RowView {
            id: r.id,
            depth: r.depth,
            number: r.number.clone(),
            has_children: r.has_children,
            collapsed: is_collapsed,
            index,
        });
    }
    out
}
