//! Task details: the fields the WBS table does not show inline.

use leptos::prelude::*;
use mieruka_core::{EntityRef, Id, Priority};

use crate::i18n::{expect_i18n, options, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::entity_form::FormDraft;
use crate::ui::form_fields::{
    checkbox_field, ids_to_numbers, number_field, numbers_to_ids, select_field, text_field, textarea_field, wbs_numbers,
};

#[component]
pub fn TaskForm(
    /// The project.
    pid: Id,
    /// The task edited.
    id: Id,
    /// Called when the form closes.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let Some(initial) = store.with_project(pid, |p| p.tasks.get(&id).cloned()).flatten() else {
        return ().into_any();
    };
    let form = FormDraft::new(initial);
    let draft = form.draft;
    let deps_text = RwSignal::new(String::new());
    // Dependencies are edited as WBS numbers ("1.2, 2.1").
    let numbers = move || store.with_project(pid, wbs_numbers).unwrap_or_default();
    deps_text.set(ids_to_numbers(&draft.get_untracked().depends_on, &numbers()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let deps = match numbers_to_ids(&deps_text.get_untracked(), &numbers()) {
            Ok(d) => d,
            Err(e) => {
                notices.error(e.message(&i18n));
                return;
            }
        };
        draft.update(|d| d.depends_on = deps);
        if form.save_changes(store, pid, EntityRef::task(id)) {
            on_close.run(());
        }
    };
    let tags = move || draft.with(|d| d.tags.join(", "));
    view! {
        <div class="modal-backdrop">
            <form class="modal form wide" role="dialog" aria-modal="true" aria-label=move || i18n.t(K::TaskDetails) on:submit=save>
                <h2>{move || i18n.t(K::TaskDetails)}</h2>
                <div class="form-grid">
                    {text_field(i18n, K::Title, move || draft.with(|d| d.title.clone()), move |v| draft.update(|d| d.title = v))}
                    {select_field(
                        i18n,
                        K::Priority,
                        move || options(Priority::ALL, Priority::as_str, |p| i18n.priority(p)),
                        move || draft.with(|d| d.priority.as_str().to_string()),
                        move |v| draft.update(|d| d.priority = Priority::parse(&v).unwrap_or_default()),
                    )}
                    {number_field(i18n, notices, K::StoryPoints, move || draft.with(|d| d.story_points), move |v| draft.update(|d| d.story_points = v), true)}
                    {checkbox_field(i18n, K::Milestone, move || draft.with(|d| d.milestone), move |v| draft.update(|d| d.milestone = v))}
                    <label class="field">
                        <span>{move || i18n.t(K::DependsOnNumbers)}</span>
                        <input type="text" placeholder="1.2, 2.1" prop:value=move || deps_text.get() on:input=move |ev| deps_text.set(event_target_value(&ev))/>
                    </label>
                    {text_field(
                        i18n,
                        K::Tags,
                        tags,
                        move |v| draft.update(|d| d.tags = v.split([',', '、']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()),
                    )}
                    {textarea_field(i18n, K::Description, move || draft.with(|d| d.description.clone()), move |v| draft.update(|d| d.description = v))}
                </div>
                <div class="form-actions">
                    <button type="button" on:click=move |_| on_close.run(())>{move || i18n.t(K::Cancel)}</button>
                    <button type="submit" class="primary">{move || i18n.t(K::Save)}</button>
                </div>
            </form>
        </div>
    }
    .into_any()
}
