//! One WBS row: inline-editable cells for a leaf, rolled-up figures for a parent.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;
use mieruka_core::rollup::{is_overdue, Rollup};
use mieruka_core::{Command, EntityRef, Id, TaskStatus};
use serde_json::{json, Value};

use crate::browser;
use crate::components::form_fields::{date_json, date_value, number_json, refuse};
use crate::components::wbs_tab::{add_task, expect_wbs_nav, RowView};
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;

#[component]
pub fn WbsRow(
    /// The project.
    pid: Id,
    /// Where the row stands in the tree.
    row: RowView,
    /// Roll-ups of every task.
    roll: Memo<HashMap<Id, Rollup>>,
    /// Members for the assignee select.
    members: Memo<Vec<(Id, String)>>,
    /// Collapsed parents.
    collapsed: RwSignal<BTreeSet<Id>>,
    /// The task whose detail form is open.
    editing: RwSignal<Option<Id>>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let nav = expect_wbs_nav();
    let id = row.id;
    let task = Memo::new(move |_| store.with_project(pid, |p| p.tasks.get(&id).cloned()).flatten());
    let r = Memo::new(move |_| roll.with(|m| m.get(&id).copied()).unwrap_or_default());
    let parent = row.has_children;
    let today = browser::today();
    let overdue = move || task.with(|t| t.as_ref().is_some_and(|t| !parent && is_overdue(t, today)));

    // The title follows the stored one, except while the user is typing in it: an edit from
    // another tab then must not replace what they typed (theirs, committed later, wins).
    let title_input = NodeRef::<leptos::html::Input>::new();
    let sync_title = move |even_if_focused: bool| {
        let Some(el) = title_input.get_untracked() else { return };
        let title = task.with_untracked(|t| t.as_ref().map(|t| t.title.clone()).unwrap_or_default());
        let focused = document().active_element().is_some_and(|a| {
            let a: &web_sys::Element = &a;
            let el: &web_sys::Element = &el;
            a == el
        });
        if (even_if_focused || !focused) && el.value() != title {
            el.set_value(&title);
        }
    };
    Effect::new(move |_| {
        task.track();
        title_input.track();
        sync_title(false);
    });
    let set = move |field: &str, value: Value| {
        store.run(Command::Set { project: pid, entity: EntityRef::task(id), field: field.into(), value })
    };
    // A cell that parses what was typed; a refused value comes back as it was.
    let on_num = move |field: &'static str, optional: bool, current: String| {
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            match number_json(&i18n, &text, optional) {
                Ok(v) => {
                    if !set(field, v) {
                        crate::components::form_fields::reset_input(&ev, &current);
                    }
                }
                Err(msg) => refuse(&notices, &ev, msg, &current),
            }
        }
    };
    let number = row.number.clone();
    let number2 = row.number.clone();
    let index = row.index;
    // Commits the title typed so far (`change` only fires on blur); false if it was refused.
    let commit_title = move |ev: &leptos::ev::KeyboardEvent| {
        let text = event_target_value(ev);
        let same = task.with_untracked(|t| t.as_ref().map(|t| t.title == text)).unwrap_or(true);
        same || set("title", json!(text))
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if ev.alt_key() && ev.shift_key() {
            let cmd = match key.as_str() {
                "ArrowRight" => Some(Command::Indent { project: pid, task: id }),
                "ArrowLeft" => Some(Command::Outdent { project: pid, task: id }),
                "ArrowUp" => Some(Command::MoveUp { project: pid, task: id }),
                "ArrowDown" => Some(Command::MoveDown { project: pid, task: id }),
                _ => None,
            };
            if let Some(cmd) = cmd {
                ev.prevent_default();
                if commit_title(&ev) && store.run(cmd) {
                    nav.focus(id);
                }
            }
            return;
        }
        match key.as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if commit_title(&ev) {
                    nav.focus_index(index + 1);
                }
            }
            "ArrowUp" if index > 0 => {
                ev.prevent_default();
                if commit_title(&ev) {
                    nav.focus_index(index - 1);
                }
            }
            "Enter" => {
                ev.prevent_default();
                if !commit_title(&ev) {
                    return;
                }
                let parent_id = task.with_untracked(|t| t.as_ref().and_then(|t| t.parent));
                add_task(store, nav, pid, parent_id, Some(id), i18n.t(K::NewTaskTitle).to_string());
            }
            _ => {}
        }
    };
    let toggle = move |_| {
        collapsed.update(|c| {
            if !c.remove(&id) {
                c.insert(id);
            }
        })
    };
    let title_label = move || format!("{} {}", i18n.t(K::TitleOfTask), number2);
    let number_sv = StoredValue::new(row.number.clone());
    let cell_label = move |k: K| format!("{} {}", i18n.t(k), number_sv.get_value());
    let row_number = row.number.clone();
    // An editable number cell; `placeholder` shows a derived value when the field is empty.
    let num_cell = move |field: &'static str, label: K, current: String, optional: bool, placeholder: String| {
        view! {
            <td class="n">
                <input
                    type="text"
                    inputmode="decimal"
                    class="num-input"
                    aria-label=move || cell_label(label)
                    placeholder=placeholder
                    prop:value=current.clone()
                    on:change=on_num(field, optional, current.clone())
                />
            </td>
        }
    };
    let date_cell = move |field: &'static str, label: K, current: String| {
        view! {
            <td>
                <input
                    type="date"
                    aria-label=move || cell_label(label)
                    prop:value=current.clone()
                    on:change=move |ev| match date_json(&i18n, &event_target_value(&ev)) {
                        Ok(v) => {
                            if !set(field, v) {
                                crate::components::form_fields::reset_input(&ev, &current);
                            }
                        }
                        Err(msg) => refuse(&notices, &ev, msg, &current),
                    }
                />
            </td>
        }
    };

    view! {
        <tr
            class:parent=parent
            class:overdue=overdue
            class:done=move || task.with(|t| t.as_ref().is_some_and(|t| t.status == TaskStatus::Done))
            attr:aria-level=row.depth + 1
            attr:aria-rowindex=row.index + 2
        >
            <td class="num">{number}</td>
            <td class="title-cell" style:padding-left=format!("{}rem", 0.25 + row.depth as f32 * 1.25)>
                {parent
                    .then(|| {
                        view! {
                            <button
                                class="icon toggle"
                                aria-expanded=if row.collapsed { "false" } else { "true" }
                                aria-label=move || if row.collapsed { i18n.t(K::Expand) } else { i18n.t(K::Collapse) }
                                on:click=toggle
                            >
                                {if row.collapsed { "▸" } else { "▾" }}
                            </button>
                        }
                    })}
                {move || task.with(|t| t.as_ref().is_some_and(|t| t.milestone)).then(|| view! { <span class="milestone" title=i18n.t(K::Milestone)>"◆"</span> })}
                <input
                    type="text"
                    class="title"
                    data-task=id.to_string()
                    data-row=index
                    aria-label=title_label
                    // The attribute gives the input its text as soon as it exists (focus and
                    // select-all on a new row need it); the property follows later edits.
                    value=task.with_untracked(|t| t.as_ref().map(|t| t.title.clone()).unwrap_or_default())
                    node_ref=title_input
                    // Leaving the cell shows the stored title (a change from another tab that
                    // arrived while typing, if nothing was typed after all).
                    on:blur=move |_| sync_title(true)
                    on:change=move |ev| {
                        let current = task.with_untracked(|t| t.as_ref().map(|t| t.title.clone()).unwrap_or_default());
                        if !set("title", json!(event_target_value(&ev))) {
                            crate::components::form_fields::reset_input(&ev, &current);
                        }
                    }
                    on:keydown=keydown
                />
                {move || overdue().then(|| view! { <span class="badge late">{i18n.t(K::Overdue)}</span> })}
            </td>
            <td>
                <select
                    aria-label=move || cell_label(K::Assignee)
                    on:change=move |ev| {
                        set("assignee", crate::components::form_fields::id_json(&event_target_value(&ev)));
                    }
                >
                    <option value="">"—"</option>
                    {move || {
                        let current = task.with(|t| t.as_ref().and_then(|t| t.assignee));
                        members
                            .get()
                            .into_iter()
                            .map(|(mid, name)| {
                                view! { <option value=mid.to_string() prop:selected=current == Some(mid)>{name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </td>
            {move || {
                if parent {
                    let r = r.get();
                    view! {
                        <td class="rolled">{i18n.date(r.start)}</td>
                        <td class="rolled">{i18n.date(r.due)}</td>
                        <td class="n rolled">{i18n.num(r.estimate)}</td>
                        <td class="n rolled">{i18n.num(r.actual)}</td>
                        <td class="n rolled">{i18n.num(r.remaining)}</td>
                        <td class="n rolled">
                            <span class="pct">{format!("{:.0}%", r.percent)}</span>
                        </td>
                        <td class="rolled">{format!("{}/{}", r.done_leaves, r.leaves)}</td>
                    }
                        .into_any()
                } else {
                    let t = task.get().unwrap_or_default();
                    let derived_remaining = i18n.num(t.effective_remaining());
                    view! {
                        {date_cell("start", K::Start, date_value(t.start))}
                        {date_cell("due", K::Due, date_value(t.due))}
                        {num_cell("estimate_hours", K::EstimateH, t.estimate_hours.to_string(), false, String::new())}
                        {num_cell("actual_hours", K::ActualH, t.actual_hours.to_string(), false, String::new())}
                        {num_cell(
                            "remaining_hours",
                            K::RemainingH,
                            t.remaining_hours.map(|x| x.to_string()).unwrap_or_default(),
                            true,
                            derived_remaining,
                        )}
                        {num_cell("percent", K::Percent, t.percent.to_string(), false, String::new())}
                        <td>
                            <select
                                aria-label=move || cell_label(K::Status)
                                on:change=move |ev| {
                                    set("status", json!(event_target_value(& ev)));
                                }
                            >
                                {TaskStatus::ALL
                                    .iter()
                                    .map(|s| {
                                        let s = *s;
                                        view! {
                                            <option value=s.as_str() prop:selected=t.status == s>
                                                {move || i18n.task_status(s)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </td>
                    }
                        .into_any()
                }
            }}
            <td class="actions row-actions">
                <button
                    class="icon"
                    title=move || i18n.t(K::AddChild)
                    aria-label=move || format!("{} {}", i18n.t(K::AddChild), row_number)
                    on:click=move |_| add_task(store, nav, pid, Some(id), None, i18n.t(K::NewTaskTitle).to_string())
                >
                    "＋"
                </button>
                <button
                    class="icon"
                    title=move || i18n.t(K::Indent)
                    aria-label=move || cell_label(K::Indent)
                    aria-keyshortcuts="Alt+Shift+ArrowRight"
                    on:click=move |_| { store.run(Command::Indent { project: pid, task: id }); }
                >
                    "→"
                </button>
                <button
                    class="icon"
                    title=move || i18n.t(K::Outdent)
                    aria-label=move || cell_label(K::Outdent)
                    aria-keyshortcuts="Alt+Shift+ArrowLeft"
                    on:click=move |_| { store.run(Command::Outdent { project: pid, task: id }); }
                >
                    "←"
                </button>
                <button
                    class="icon"
                    title=move || i18n.t(K::MoveUp)
                    aria-label=move || cell_label(K::MoveUp)
                    on:click=move |_| { store.run(Command::MoveUp { project: pid, task: id }); }
                >
                    "↑"
                </button>
                <button
                    class="icon"
                    title=move || i18n.t(K::MoveDown)
                    aria-label=move || cell_label(K::MoveDown)
                    on:click=move |_| { store.run(Command::MoveDown { project: pid, task: id }); }
                >
                    "↓"
                </button>
                <button
                    class="icon"
                    title=move || i18n.t(K::Details)
                    aria-label=move || cell_label(K::Details)
                    on:click=move |_| editing.set(Some(id))
                >
                    "…"
                </button>
                <button
                    class="icon danger"
                    title=move || i18n.t(K::Delete)
                    aria-label=move || cell_label(K::Delete)
                    on:click=move |_| { store.run(Command::Delete { project: pid, entity: EntityRef::task(id) }); }
                >
                    "✕"
                </button>
            </td>
        </tr>
    }
}
