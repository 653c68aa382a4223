//! One WBS row, drawn as text: a leaf's own figures, a parent's rolled up. The one editor of the
//! grid (`CellEditor`) is drawn in the active cell only. The row is keyed by its task's id, so a
//! renumbering updates its number in place instead of drawing it again.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use mieruka_core::rollup::{is_overdue, Rollup};
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id, Task, TaskStatus};

use crate::browser;
use crate::features::wbs::cell_editor::CellEditor;
use crate::features::wbs::wbs_data::{RowView, WbsData};
use crate::features::wbs::wbs_grid::Col;
use crate::features::wbs::wbs_nav::{expect_wbs_nav, field_text};
use crate::features::wbs::wbs_row_actions::RowAct;
use crate::i18n::{expect_i18n, I18n, K};
use crate::state::expect_store;

/// What a cell shows: a leaf's own value, or a parent's roll-up where it has no value of its own.
fn cell_text(i18n: &I18n, col: Col, t: &Task, r: &Rollup, parent: bool, names: &HashMap<Id, String>) -> String {
    match col {
        Col::Title => t.title.clone(),
        Col::Assignee => t.assignee.and_then(|a| names.get(&a).cloned()).unwrap_or_default(),
        Col::Start if parent => i18n.date(r.start),
        Col::Due if parent => i18n.date(r.due),
        Col::Estimate if parent => i18n.num(r.estimate),
        Col::Actual if parent => i18n.num(r.actual),
        Col::Remaining if parent => i18n.num(r.remaining),
        Col::Percent if parent => format!("{:.0}%", r.percent),
        Col::Status if parent => format!("{}/{}", r.done_leaves, r.leaves),
        Col::Start => i18n.date(t.start),
        Col::Due => i18n.date(t.due),
        Col::Estimate => i18n.num(t.estimate_hours),
        Col::Actual => i18n.num(t.actual_hours),
        Col::Remaining => i18n.num(t.effective_remaining()),
        Col::Percent => format!("{}%", i18n.num(t.percent)),
        Col::Status => i18n.task_status(t.status).to_string(),
    }
}

#[component]
pub fn WbsRow(
    /// The project.
    pid: Id,
    /// The task.
    id: Id,
    /// Where the row stands in the tree (`None` once it is no longer among the visible rows).
    row: Memo<Option<RowView>>,
    /// Rows and roll-ups.
    data: WbsData,
    /// Members for the assignee list, and their names by id.
    members: Memo<Vec<(Id, String)>>,
    names: Memo<HashMap<Id, String>>,
    /// Collapsed parents.
    collapsed: RwSignal<BTreeSet<Id>>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let nav = expect_wbs_nav();
    let task = Memo::new(move |_| {
        // This task only: an edit of another row does not wake this one.
        store.read(pid, &[Read::entity(EntityKind::Task, id)], |p| p.tasks.get(&id).cloned()).flatten()
    });
    let r = Memo::new(move |_| data.rollup(id));
    let parent = Memo::new(move |_| row.with(|r| r.as_ref().is_some_and(|r| r.has_children)));
    let number = Memo::new(move |_| row.with(|r| r.as_ref().map(|r| r.number.clone()).unwrap_or_default()));
    let depth = move || row.with(|r| r.as_ref().map_or(0, |r| r.depth));
    let is_collapsed = move || row.with(|r| r.as_ref().is_some_and(|r| r.collapsed));
    let today = browser::today();
    let overdue = move || task.with(|t| t.as_ref().is_some_and(|t| !parent.get() && is_overdue(t, today)));
    let active = Memo::new(move |_| nav.active.with(|a| a.filter(|(tid, _)| *tid == id).map(|(_, c)| c)));
    // Names are the language's when the row is drawn: the grid draws its rows again when the
    // language changes, so no cell or button of a row follows the language on its own.
    let lang = i18n.lang.get_untracked();
    let label = move |k: K| format!("{} {}", k.text(lang), number.get());

    let toggle = move |_| {
        collapsed.update(|c| {
            if !c.remove(&id) {
                c.insert(id);
            }
        })
    };

    // A cell: its text, or the editor while it is the active one.
    let cell = move |col: Col| {
        // A plain closure, not a memo per cell (rows are created and dropped while scrolling):
        // the body below re-runs only when this row's active cell or kind changes.
        let on = move || active.get() == Some(col) && col.editable(parent.get());
        let text = move || {
            task.with(|t| {
                t.as_ref()
                    .map(|t| names.with(|n| r.with(|r| cell_text(&i18n, col, t, r, parent.get(), n))))
                    .unwrap_or_default()
            })
        };
        let raw = move || task.with(|t| t.as_ref().map(|t| field_text(t, col)).unwrap_or_default());
        let derived = move || {
            col == Col::Remaining
                && !parent.get()
                && task.with(|t| t.as_ref().is_some_and(|t| t.remaining_hours.is_none()))
        };
        let body = move || {
            if on() {
                view! { <CellEditor id=id col=col parent=parent.get_untracked() number=number members=members/> }
                    .into_any()
            } else {
                // 遅延 sits beside the status, where there is room for it, not in the title. Only the
                // status cell gets a reactive child for it (rows are made while scrolling).
                let late = (col == Col::Status).then_some(move || {
                    overdue().then(|| view! { " " <span class="badge late">{K::Late.text(lang)}</span> })
                });
                view! { <span class="cell-text" class:derived=derived>{text}</span>{late} }.into_any()
            }
        };
        // Static: a parent's rolled-up cells are styled from the row's class (`tr.parent`).
        let class = if col.numeric() { "cell n" } else { "cell" };
        view! {
            <td
                role="gridcell"
                class=class
                data-col=col.key()
                data-label=move || label(col.label())
                data-value=raw
            >
                {body}
            </td>
        }
    };

    let title_cell = {
        let on = move || active.get() == Some(Col::Title);
        let body = move || {
            if on() {
                view! { <CellEditor id=id col=Col::Title parent=parent.get_untracked() number=number members=members/> }
                    .into_any()
            } else {
                // The whole title on hover, when the column cuts it short.
                let text = move || task.with(|t| t.as_ref().map(|t| t.title.clone()).unwrap_or_default());
                view! { <span class="cell-text title-text" title=text>{text}</span> }.into_any()
            }
        };
        view! {
            <td
                role="gridcell"
                class="cell title-cell"
                data-col=Col::Title.key()
                data-label=move || label(K::TitleOfTask)
                data-value=move || task.with(|t| t.as_ref().map(|t| t.title.clone()).unwrap_or_default())
                style:padding-left=move || format!("{}rem", 0.25 + depth() as f32 * 1.25)
            >
                <span class="title-inner">
                    {move || {
                        parent
                            .get()
                            .then(|| {
                                view! {
                                    <button
                                        class="icon toggle"
                                        aria-expanded=move || if is_collapsed() { "false" } else { "true" }
                                        aria-label=move || if is_collapsed() { K::Expand.text(lang) } else { K::Collapse.text(lang) }
                                        on:click=move |ev| {
                                            ev.stop_propagation();
                                            toggle(ev);
                                        }
                                    >
                                        {move || if is_collapsed() { "▸" } else { "▾" }}
                                    </button>
                                }
                            })
                    }}
                    {move || task.with(|t| t.as_ref().is_some_and(|t| t.milestone)).then(|| view! { <span class="milestone" title=K::Milestone.text(lang)>"◆"</span> })}
                    {body}
                </span>
            </td>
        }
    };

    // The row's buttons. Their clicks and keys are handled once for the table body
    // (`GridEvents`); their names are the language's when the row was drawn (the grid draws its
    // rows again when the language changes).
    let button = move |act: RowAct| {
        let name = act.name().text(lang);
        view! {
            <button
                class="icon"
                class:danger=act == RowAct::Delete
                data-act=act.key()
                title=name
                aria-label=move || format!("{name} {}", number.get())
            >
                {act.glyph()}
            </button>
        }
    };

    // tachys knows no `aria-level`: set it as a custom attribute (`attr:aria-level` wrote that
    // literal name into the page, which screen readers ignore).
    let level = custom_attribute("aria-level", move || (depth() + 1).to_string());
    view! {
        <tr
            data-id=id.to_string()
            class:parent=move || parent.get()
            class:overdue=overdue
            class:done=move || task.with(|t| t.as_ref().is_some_and(|t| t.status == TaskStatus::Done))
            data-wbs=move || number.get()
            aria-rowindex=move || row.with(|r| r.as_ref().map_or(0, |r| r.index + 2))
            aria-expanded=move || parent.get().then(|| if is_collapsed() { "false" } else { "true" })
        >
            <td class="num">{move || number.get()}</td>
            {title_cell}
            {Col::ALL[1..].iter().map(|c| cell(*c)).collect_view()}
            <td class="actions row-actions">
                {RowAct::ALL.into_iter().map(button).collect_view()}
            </td>
        </tr>
    }
    .add_any_attr(level)
}
