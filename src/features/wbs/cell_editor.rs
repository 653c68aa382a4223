//! The one editor of the WBS grid: drawn inside the active cell only, every other cell is text.
//!
//! It keeps what the user types whatever arrives meanwhile (an edit from another tab, rows
//! inserted above): its value is set when it opens and never follows the store while it is open.
//! Its keys are decided by `wbs_grid::action`; committing and moving are `WbsNav`'s.

use leptos::prelude::*;
use mieruka_core::{Id, TaskStatus};
use wasm_bindgen::JsCast;

use crate::features::wbs::wbs_grid::{action, Action, Col, Key, Kind};
use crate::features::wbs::wbs_nav::{expect_wbs_nav, NAMED, NEW_MEMBER};
use crate::i18n::{expect_i18n, K};

#[component]
pub fn CellEditor(
    /// The task.
    id: Id,
    /// The column being edited.
    col: Col,
    /// Whether the row is a parent (for Tab across its editable cells).
    parent: bool,
    /// The row's WBS number, for the accessible name ("Title of task 1.2"). (Signals created for
    /// the editor alone would be disposed with it while an update still reads them.)
    number: Memo<String>,
    /// Members for the assignee list.
    members: Memo<Vec<(Id, String)>>,
) -> impl IntoView {
    let nav = expect_wbs_nav();
    let i18n = expect_i18n();
    let label = move || format!("{} {}", i18n.t(col.label()), number.get());
    // The derived remaining hours, shown while that optional number is empty.
    let placeholder = move || {
        if col == Col::Remaining {
            nav.derived_remaining(id)
        } else {
            String::new()
        }
    };
    // What the user typed and did not commit (its row was scrolled out of the window), else the
    // stored value.
    let initial = nav.draft_for(id, col).unwrap_or_else(|| nav.stored_text(id, col));
    let input = NodeRef::<leptos::html::Input>::new();
    let select = NodeRef::<leptos::html::Select>::new();
    let element = move || -> Option<web_sys::HtmlElement> {
        input
            .get_untracked()
            .map(|e| e.unchecked_into::<web_sys::HtmlElement>())
            .or_else(|| select.get_untracked().map(|e| e.unchecked_into::<web_sys::HtmlElement>()))
    };
    // Handlers read and write the element through the event, not the node refs: a `change` may
    // arrive after the editor was taken out of the page (and its node refs disposed).
    fn target_of(ev: &web_sys::Event) -> Option<web_sys::EventTarget> {
        ev.target()
    }
    fn value_of(t: &Option<web_sys::EventTarget>) -> String {
        let Some(t) = t else { return String::new() };
        if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
            i.value()
        } else if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
            s.value()
        } else {
            String::new()
        }
    }
    fn set_value_of(t: &Option<web_sys::EventTarget>, v: &str) {
        let Some(t) = t else { return };
        if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
            i.set_value(v);
            i.select();
        } else if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
            s.set_value(v);
        }
    }
    // The drawn element, kept outside the reactive graph: the cleanup below runs when the node
    // refs are already disposed.
    let drawn = send_wrapper::SendWrapper::new(std::rc::Rc::new(std::cell::RefCell::new(None::<web_sys::HtmlElement>)));
    // Drawn: take the focus if the grid asked for it (a new row, a key that moved here).
    {
        let drawn = send_wrapper::SendWrapper::new(std::rc::Rc::clone(&drawn));
        Effect::new(move |_| {
            if input.get().is_some() || select.get().is_some() {
                if let Some(el) = element() {
                    nav.claim_focus(&el);
                    *drawn.borrow_mut() = Some(el);
                }
            }
        });
    }
    // Taken out of the page while it has the focus (its row scrolled out of the window): ask for
    // the focus back when it is drawn again.
    on_cleanup(move || {
        let el = drawn.borrow_mut().take();
        let focused = el.zip(document().active_element()).is_some_and(|(el, a)| {
            let el: &web_sys::Element = &el;
            el == &a
        });
        if focused {
            nav.want_focus();
        }
    });
    let commit = move |t: &Option<web_sys::EventTarget>| -> bool {
        if nav.commit(id, col, &value_of(t)) {
            true
        } else {
            set_value_of(t, &nav.stored_text(id, col));
            false
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let t = target_of(&ev);
        let act = action(
            col,
            Key {
                key: &key,
                alt: ev.alt_key(),
                shift: ev.shift_key(),
                ctrl: ev.ctrl_key() || ev.meta_key(),
                composing: ev.is_composing() || ev.key_code() == 229,
            },
        );
        match act {
            Action::Native => {}
            Action::Cancel => {
                ev.prevent_default();
                nav.drop_draft(id, col);
                set_value_of(&t, &nav.stored_text(id, col));
            }
            Action::CaretToEnd => {
                ev.prevent_default();
                if let Some(i) = t.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlInputElement>()) {
                    let end = i.value().encode_utf16().count() as u32;
                    let _caret_is_best_effort = i.set_selection_range(end, end);
                }
            }
            Action::NextCell | Action::PrevCell => {
                let to = if act == Action::NextCell { col.next(parent) } else { col.prev(parent) };
                match to {
                    Some(c) => {
                        ev.prevent_default();
                        if commit(&t) {
                            nav.activate(id, c, true);
                        }
                    }
                    // Past the row's cells Tab goes on as the page has it (the row's buttons).
                    None => {
                        if !commit(&t) {
                            ev.prevent_default();
                        }
                    }
                }
            }
            other => {
                ev.prevent_default();
                if commit(&t) {
                    nav.perform(id, col, other);
                }
            }
        }
    };
    // While the user has not typed here, the editor follows the stored value (an undo, an edit
    // from another tab); once they have, it keeps what they typed.
    Effect::new(move |_| {
        let Some(stored) = nav.stored_text_tracked(id, col) else {
            return;
        };
        if nav.draft_for(id, col).is_some() {
            return;
        }
        if let Some(i) = input.get_untracked() {
            if i.value() != stored {
                let all = i.selection_start().ok().flatten() == Some(0)
                    && i.selection_end().ok().flatten() == Some(i.value().encode_utf16().count() as u32);
                i.set_value(&stored);
                if all {
                    i.select();
                }
            }
        } else if let Some(s) = select.get_untracked() {
            if s.value() != stored {
                s.set_value(&stored);
            }
        }
    });
    let on_input = move |ev: leptos::ev::Event| nav.keep_draft(id, col, value_of(&target_of(&ev)));
    let on_change = move |ev: leptos::ev::Event| {
        commit(&target_of(&ev));
    };
    let class = if col == Col::Title { "cell-editor title" } else { "cell-editor" };
    match col.kind() {
        Kind::Text | Kind::Number { .. } | Kind::Date => {
            let (ty, mode) = match col.kind() {
                Kind::Date => ("date", None),
                Kind::Number { .. } => ("text", Some("decimal")),
                _ => ("text", None),
            };
            view! {
                <input
                    type=ty
                    class=class
                    inputmode=mode
                    data-task=id.to_string()
                    aria-label=label
                    placeholder=placeholder
                    value=initial
                    node_ref=input
                    on:keydown=keydown
                    on:input=on_input
                    on:change=on_change
                />
            }
            .into_any()
        }
        Kind::Member => {
            // This project's members, then the people of the other projects (added here when
            // chosen), then a new member by name.
            let chosen = initial.clone();
            let members_options = move || {
                members
                    .get()
                    .into_iter()
                    .map(|(mid, name)| {
                        let v = mid.to_string();
                        let selected = v == chosen;
                        view! { <option value=v selected=selected>{name}</option> }
                    })
                    .collect_view()
            };
            let others = move || {
                let people = nav.other_people.get();
                (!people.is_empty()).then(|| {
                    view! {
                        <optgroup label=move || i18n.t(K::PeopleInOtherProjects)>
                            {people.into_iter().map(|n| view! { <option value=format!("{NAMED}{n}")>{n.clone()}</option> }).collect_view()}
                        </optgroup>
                    }
                })
            };
            let none_selected = initial.is_empty();
            view! {
                <select
                    class=class
                    data-task=id.to_string()
                    aria-label=label
                    node_ref=select
                    on:keydown=keydown
                    on:change=on_change
                >
                    <option value="" selected=none_selected>"—"</option>
                    {members_options}
                    {others}
                    <option value=NEW_MEMBER>{move || i18n.t(K::NewMemberOption)}</option>
                </select>
            }
            .into_any()
        }
        Kind::Status => {
            let chosen = initial.clone();
            view! {
                <select
                    class=class
                    data-task=id.to_string()
                    aria-label=label
                    node_ref=select
                    on:keydown=keydown
                    on:change=on_change
                >
                    {TaskStatus::ALL
                        .iter()
                        .map(|s| {
                            let v = s.as_str().to_string();
                            let selected = v == chosen;
                            let s = *s;
                            view! { <option value=v selected=selected>{move || i18n.task_status(s)}</option> }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
    }
}
