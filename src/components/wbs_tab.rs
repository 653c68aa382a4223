//! The WBS: a tree table with inline editing, roll-ups on parents, collapse/expand, filters,
//! keyboard navigation and structure commands (add child/sibling, indent, outdent, move).

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;
use mieruka_core::rollup::{rollups, wbs_rows, Rollup};
use mieruka_core::{Command, Id, Task, TaskStatus};

use crate::browser;
use crate::components::task_form::TaskForm;
use crate::components::wbs_row::WbsRow;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;

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

/// Focuses the title input of a visible row (after the next render).
pub fn focus_title(selector: String) {
    set_timeout(
        move || {
            if let Ok(Some(el)) = document().query_selector(&selector) {
                if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(el) {
                    let _ = input.focus();
                    input.select();
                }
            }
        },
        std::time::Duration::from_millis(30),
    );
}

/// Adds a task after `after` (as its sibling) or at the end of `parent`, and focuses it.
pub fn add_task(pid: Id, parent: Option<Id>, after: Option<Id>, title: String) {
    let store = expect_store();
    let id = browser::new_id();
    let task = Task { title, ..Task::default() };
    if store.run(Command::InsertTask { project: pid, id, parent, after, task }) {
        focus_title(format!("input[data-task='{id}']"));
    }
}

#[component]
pub fn WbsTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let collapsed = RwSignal::new(BTreeSet::<Id>::new());
    let assignee_filter = RwSignal::new(String::new());
    let status_filter = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<Id>);

    let roll: Memo<HashMap<Id, Rollup>> = Memo::new(move |_| store.with_project(pid, rollups).unwrap_or_default());
    let rows = Memo::new(move |_| {
        let collapsed = collapsed.get();
        let who = assignee_filter.get();
        let status = status_filter.get();
        store
            .with_project(pid, |p| {
                let all = wbs_rows(p);
                let filtering = !who.is_empty() || !status.is_empty();
                // With a filter: matching tasks and their ancestors stay visible.
                let mut keep: BTreeSet<Id> = BTreeSet::new();
                if filtering {
                    for r in &all {
                        let t = &p.tasks[&r.id];
                        let by_who = who.is_empty()
                            || (who == "-" && t.assignee.is_none())
                            || t.assignee.map(|a| a.to_string()) == Some(who.clone());
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
                        number: r.number,
                        has_children: r.has_children,
                        collapsed: is_collapsed,
                        index,
                    });
                }
                out
            })
            .unwrap_or_default()
    });
    let members = Memo::new(move |_| {
        store
            .with_project(pid, |p| p.members.iter().map(|(id, m)| (*id, m.name.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let empty = move || store.with_project(pid, |p| p.tasks.is_empty()).unwrap_or(true);
    let expand_all = move |_| collapsed.set(BTreeSet::new());
    let collapse_all = move |_| {
        let parents: BTreeSet<Id> = store
            .with_project(pid, |p| p.tasks.values().filter_map(|t| t.parent).collect())
            .unwrap_or_default();
        collapsed.set(parents);
    };

    view! {
        <div class="wbs">
            <div class="toolbar">
                <button class="primary" on:click=move |_| add_task(pid, None, None, i18n.t(K::NewTaskTitle).to_string())>
                    {move || i18n.t(K::AddTask)}
                </button>
                <button on:click=expand_all>{move || i18n.t(K::ExpandAll)}</button>
                <button on:click=collapse_all>{move || i18n.t(K::CollapseAll)}</button>
                <label class="field inline">
                    <span>{move || i18n.t(K::FilterAssignee)}</span>
                    <select on:change=move |ev| assignee_filter.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(K::All)}</option>
                        <option value="-">{move || i18n.t(K::Unassigned)}</option>
                        {move || {
                            members
                                .get()
                                .into_iter()
                                .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="field inline">
                    <span>{move || i18n.t(K::FilterStatus)}</span>
                    <select on:change=move |ev| status_filter.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(K::All)}</option>
                        {TaskStatus::ALL
                            .iter()
                            .map(|s| {
                                let s = *s;
                                view! { <option value=s.as_str()>{move || i18n.task_status(s)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <span class="hint">{move || i18n.t(K::WbsKeysHint)}</span>
            </div>
            <Show
                when=move || !empty()
                fallback=move || view! { <p class="empty-state">{move || i18n.t(K::NoTasksYet)}</p> }
            >
                <div class="table-scroll">
                    <table class="grid wbs-table" role="treegrid" aria-label=move || i18n.t(K::TabWbs)>
                        <thead>
                            <tr>
                                <th scope="col" class="num">{move || i18n.t(K::WbsNo)}</th>
                                <th scope="col" class="title-col">{move || i18n.t(K::Title)}</th>
                                <th scope="col">{move || i18n.t(K::Assignee)}</th>
                                <th scope="col">{move || i18n.t(K::Start)}</th>
                                <th scope="col">{move || i18n.t(K::Due)}</th>
                                <th scope="col" class="n">{move || i18n.t(K::EstimateH)}</th>
                                <th scope="col" class="n">{move || i18n.t(K::ActualH)}</th>
                                <th scope="col" class="n">{move || i18n.t(K::RemainingH)}</th>
                                <th scope="col" class="n">{move || i18n.t(K::Percent)}</th>
                                <th scope="col">{move || i18n.t(K::Status)}</th>
                                <th scope="col">{move || i18n.t(K::Actions)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || rows.get()
                                key=|r| r.clone()
                                children=move |r| {
                                    view! {
                                        <WbsRow
                                            pid=pid
                                            row=r
                                            roll=roll
                                            members=members
                                            collapsed=collapsed
                                            editing=editing
                                        />
                                    }
                                }
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
            {move || editing.get().map(|tid| view! { <TaskForm pid=pid id=tid on_close=Callback::new(move |_| editing.set(None))/> })}
        </div>
    }
}
