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
use crate::state::{expect_store, ProjectStore};

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

/// Height of one WBS row in pixels (fixed by CSS), so only the rows in view are rendered.
pub const ROW_HEIGHT: f64 = 36.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 12;

/// Keyboard focus across the virtualized rows: ask for a task, and it is scrolled into view and
/// its title focused once rendered.
#[derive(Clone, Copy)]
pub struct WbsNav {
    focus: RwSignal<Option<Id>>,
    rows: Memo<Vec<RowView>>,
}

impl WbsNav {
    pub fn focus(&self, id: Id) {
        self.focus.set(Some(id));
    }

    /// Focuses the row at a position among the visible rows (if there is one).
    pub fn focus_index(&self, index: usize) {
        if let Some(id) = self.rows.with_untracked(|r| r.get(index).map(|r| r.id)) {
            self.focus(id);
        }
    }
}

pub fn expect_wbs_nav() -> WbsNav {
    expect_context::<WbsNav>()
}

/// Focuses a title input by selector and selects its text, so typing replaces it: at once if it
/// is rendered (keys typed right after Enter must land there), else after the next render.
fn focus_title(selector: String) {
    let try_focus = |selector: &str| -> bool {
        let Ok(Some(el)) = document().query_selector(selector) else { return false };
        let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(el) else { return false };
        let _focus_is_best_effort = input.focus();
        input.select();
        // The value may be (re)applied after this render; select again unless the user typed.
        let before = input.value();
        request_animation_frame(move || {
            let collapsed = input.selection_start().ok() == input.selection_end().ok();
            if collapsed && (before.is_empty() || input.value() == before) {
                input.select();
            }
        });
        true
    };
    if !try_focus(&selector) {
        retry_focus(selector, try_focus, 8);
    }
}

/// Tries `try_focus` every 16 ms until it succeeds or `left` tries are spent (a row asked for
/// out of the rendered window is drawn after the window moves).
fn retry_focus(selector: String, try_focus: fn(&str) -> bool, left: u32) {
    set_timeout(
        move || {
            if !try_focus(&selector) && left > 1 {
                retry_focus(selector, try_focus, left - 1);
            }
        },
        std::time::Duration::from_millis(16),
    );
}

/// Adds a task after `after` (as its sibling) or at the end of `parent`, and focuses it.
pub fn add_task(store: ProjectStore, nav: WbsNav, pid: Id, parent: Option<Id>, after: Option<Id>, title: String) {
    let id = browser::new_id();
    let task = Task { title, ..Task::default() };
    if store.run(Command::InsertTask { project: pid, id, parent, after, task }) {
        nav.focus(id);
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
    let nav = WbsNav { focus: RwSignal::new(None), rows };
    provide_context(nav);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(900.0f64);
    // One memo for the rendered window (first, end, total, rows): reading `rows` and a memo
    // derived from it in the same view lost updates (a diamond), so everything comes from here.
    let window = Memo::new(move |_| {
        let (top, height) = (scroll_top.get(), viewport.get());
        rows.with(|r| {
            let total = r.len();
            let first = ((top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN).min(total);
            let count = (height / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
            let end = (first + count).min(total);
            (first, end, total, r[first..end].to_vec())
        })
    });
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set(f64::from(el.client_height().max(200)));
            scroll_top.set(f64::from(el.scroll_top()));
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A requested focus: bring the row into the rendered window, scroll it into view once it is
    // drawn, then focus its title.
    Effect::new(move |_| {
        let Some(id) = nav.focus.get() else { return };
        let Some((index, total)) = rows.with(|r| r.iter().position(|x| x.id == id).map(|i| (i, r.len()))) else {
            return;
        };
        nav.focus.set(None);
        if let Some(el) = scroller.get_untracked() {
            let (st, h) = (scroll_top.get_untracked(), viewport.get_untracked());
            let top = index as f64 * ROW_HEIGHT;
            if top < st || top + 3.0 * ROW_HEIGHT > st + h {
                // Clamped as the browser will clamp it: a window computed from a position past the
                // end would jump back when the scroll event reports the real one.
                let head = el
                    .query_selector("thead")
                    .ok()
                    .flatten()
                    .map_or(ROW_HEIGHT, |t| t.get_bounding_client_rect().height());
                let last = (head + total as f64 * ROW_HEIGHT - h).max(0.0);
                let target = (top - h / 2.0).clamp(0.0, last).round();
                scroll_top.set(target);
                // The rows and spacers for it are drawn by then; before, the browser would clamp
                // to the old height.
                request_animation_frame(move || el.set_scroll_top(target as i32));
            }
        }
        focus_title(format!("input[data-task='{id}']"));
    });
    // For benchmarks: when the WBS first shows rows.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let shown = window.with(|w| w.1 > w.0);
        if shown {
            browser::perf_mark("mieruka:wbs-visible");
        }
        shown
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
                <button class="primary" on:click=move |_| add_task(store, nav, pid, None, None, i18n.t(K::NewTaskTitle).to_string())>
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
                <div
                    class="table-scroll"
                    id="wbs-scroll"
                    node_ref=scroller
                    on:scroll=move |_| {
                        if let Some(el) = scroller.get_untracked() {
                            scroll_top.set(f64::from(el.scroll_top()));
                        }
                    }
                >
                    <table
                        class="grid wbs-table"
                        role="treegrid"
                        aria-label=move || i18n.t(K::TabWbs)
                        aria-rowcount=move || window.with(|w| w.2 + 1)
                    >
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
                            <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", window.with(|w| w.0) as f64 * ROW_HEIGHT)></tr>
                            <For
                                each=move || window.with(|w| w.3.clone())
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
                            <tr
                                class="spacer"
                                aria-hidden="true"
                                style:height=move || {
                                    let (end, total) = window.with(|w| (w.1, w.2));
                                    format!("{}px", (total - end) as f64 * ROW_HEIGHT)
                                }
                            ></tr>
                        </tbody>
                    </table>
                </div>
            </Show>
            {move || editing.get().map(|tid| view! { <TaskForm pid=pid id=tid on_close=Callback::new(move |_| editing.set(None))/> })}
        </div>
    }
}
