//! The WBS: a tree grid drawn as text with one editor on the active cell, roll-ups on parents,
//! collapse/expand, filters, keyboard navigation and structure commands (add child/sibling,
//! indent, outdent, move). Only the rows in view are in the page; rows are keyed by task id.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id, TaskStatus};

use crate::browser;
use crate::features::wbs::new_member_dialog::NewMemberDialog;
use crate::features::wbs::task_form::TaskForm;
use crate::features::wbs::wbs_data::WbsData;
use crate::features::wbs::wbs_grid::Col;
use crate::features::wbs::wbs_nav::{add_task, WbsNav};
use crate::features::wbs::wbs_row::WbsRow;
use crate::features::wbs::wbs_row_actions::GridEvents;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::row_window::row_window;

/// Height of one WBS row in pixels (fixed by CSS), so only the rows in view are rendered.
pub const ROW_HEIGHT: f64 = 36.0;

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

    let data = WbsData::new(store, pid);
    let rows = data.visible(collapsed, assignee_filter, status_filter);
    let nav = WbsNav::new(pid, store, i18n, expect_notices(), rows);
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
            let (first, end) = row_window(top, height, total, ROW_HEIGHT);
            (first, end, total, r[first..end].iter().map(|v| v.id).collect::<Vec<_>>())
        })
    });
    // Where each visible row stands, by id. A row reads its place from here, not from the window:
    // scrolling moves the window on every frame, and a row that stays in it must not be asked
    // whether it changed (every row's nodes were checked on every scrolled frame).
    let place =
        Memo::new(move |_| rows.with(|r| r.iter().enumerate().map(|(i, v)| (v.id, i)).collect::<HashMap<Id, usize>>()));
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
    // A row asked for (a new task, a key that moved the editor): bring it into the rendered
    // window and into view; its editor takes the focus once drawn.
    Effect::new(move |_| {
        let Some(id) = nav.reveal.get() else { return };
        let Some((index, total)) = rows.with(|r| r.iter().position(|x| x.id == id).map(|i| (i, r.len()))) else {
            return;
        };
        nav.reveal.set(None);
        if let Some(el) = scroller.get_untracked() {
            let (st, h) = (scroll_top.get_untracked(), viewport.get_untracked());
            let top = index as f64 * ROW_HEIGHT;
            // Only when it is not in view already: a click on a row must not scroll the grid.
            if top < st || top + 2.0 * ROW_HEIGHT > st + h {
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
            .read(pid, &[Read::Kind(EntityKind::Member)], |p| {
                p.members.iter().map(|(id, m)| (*id, m.name.clone())).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let names = Memo::new(move |_| members.with(|m| m.iter().cloned().collect::<HashMap<Id, String>>()));
    let grid_events = GridEvents { pid, store, nav, i18n, editing };
    let empty = move || store.read(pid, &[Read::ids(EntityKind::Task)], |p| p.tasks.is_empty()).unwrap_or(true);
    let expand_all = move |_| collapsed.set(BTreeSet::new());
    let collapse_all = move |_| {
        let parents: BTreeSet<Id> =
            store.with_project(pid, |p| p.tasks.values().filter_map(|t| t.parent).collect()).unwrap_or_default();
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
                                {Col::ALL
                                    .iter()
                                    .map(|c| {
                                        let c = *c;
                                        view! {
                                            <th scope="col" class:n=c.numeric() class:title-col=c == Col::Title data-col=c.key()>
                                                {move || i18n.t(c.header())}
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                                <th scope="col">{move || i18n.t(K::Actions)}</th>
                            </tr>
                        </thead>
                        <tbody
                            on:click=move |ev| grid_events.click(&ev)
                            on:keydown=move |ev| grid_events.keydown(&ev)
                        >
                            <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", window.with(|w| w.0) as f64 * ROW_HEIGHT)></tr>
                            // Drawn again when the language changes: a row's names are its
                            // language's when it is drawn (rows are made on every scrolled frame,
                            // and a name that followed the language alone cost an effect in each).
                            {move || {
                                i18n.lang.track();
                                view! {
                                    <For
                                        each=move || window.with(|w| w.3.clone())
                                        key=|id| *id
                                        children=move |id| {
                                            // Keyed by id: a renumbering updates the row in place.
                                            let row = Memo::new(move |_| {
                                                place
                                                    .with(|m| m.get(&id).copied())
                                                    .and_then(|i| rows.with(|r| r.get(i).cloned()))
                                            });
                                            view! {
                                                <WbsRow
                                                    pid=pid
                                                    id=id
                                                    row=row
                                                    data=data
                                                    members=members
                                                    names=names
                                                    collapsed=collapsed
                                                />
                                            }
                                        }
                                    />
                                }
                            }}
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
            {move || nav.new_member_for.get().map(|task| view! { <NewMemberDialog task=task/> })}
        </div>
    }
}
