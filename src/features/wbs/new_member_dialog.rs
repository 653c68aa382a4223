//! The name of a new member, asked from the WBS assignee cell ("＋ 新しいメンバー…"): the member is
//! added to the project and becomes the task's assignee. People of the other projects are offered
//! as suggestions.

use leptos::prelude::*;
use mieruka_core::Id;

use crate::features::wbs::wbs_grid::Col;
use crate::features::wbs::wbs_nav::expect_wbs_nav;
use crate::i18n::{expect_i18n, K};

#[component]
pub fn NewMemberDialog(
    /// The task whose assignee the new member becomes.
    task: Id,
) -> impl IntoView {
    let nav = expect_wbs_nav();
    let i18n = expect_i18n();
    let name = RwSignal::new(String::new());
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(i) = input.get() {
            let _focus_is_best_effort = i.focus();
        }
    });
    // Back to the assignee cell, with the focus, whatever the outcome.
    let close = move || {
        nav.new_member_for.set(None);
        nav.activate(task, Col::Assignee, true);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if nav.assign_named(task, &name.get_untracked()) {
            close();
        }
    };
    view! {
        <div class="modal-backdrop">
            <div
                class="modal"
                role="dialog"
                aria-modal="true"
                aria-labelledby="new-member-title"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        close();
                    }
                }
            >
                <h2 id="new-member-title">{move || i18n.t(K::NewMemberTitle)}</h2>
                <form on:submit=submit>
                    <label class="field">
                        <span>{move || i18n.t(K::Name)}</span>
                        <input
                            type="text"
                            list="new-member-people"
                            autocomplete="off"
                            maxlength="200"
                            node_ref=input
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </label>
                    <datalist id="new-member-people">
                        {move || nav.other_people.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
                    </datalist>
                    <p class="muted">{move || i18n.t(K::NewMemberHelp)}</p>
                    <div class="modal-actions">
                        <button type="button" on:click=move |_| close()>{move || i18n.t(K::Cancel)}</button>
                        <button type="submit" class="primary">{move || i18n.t(K::NewMemberAssign)}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
