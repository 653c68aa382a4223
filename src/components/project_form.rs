use leptos::prelude::*;
use mieruka_core::{Id, ProjectInfo, ProjectStatus};

use crate::components::form_fields::{date_field, text_field, textarea_field};
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;

/// The "new project" form. Calls `on_done` with the new id, or None when cancelled.
#[component]
pub fn ProjectForm(
    /// Called after creating (Some(id)) or cancelling (None).
    on_done: Callback<Option<Id>>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let draft = RwSignal::new(ProjectInfo { status: ProjectStatus::Planning, ..ProjectInfo::default() });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(id) = store.create_project(draft.get_untracked()) {
            on_done.run(Some(id));
        }
    };
    view! {
        <form class="card form" on:submit=save aria-label=move || i18n.t(K::NewProject)>
            <h2>{move || i18n.t(K::NewProject)}</h2>
            <div class="form-grid">
                {text_field(i18n, K::Code, move || draft.with(|d| d.code.clone()), move |v| draft.update(|d| d.code = v))}
                {text_field(i18n, K::ProjectName, move || draft.with(|d| d.name.clone()), move |v| draft.update(|d| d.name = v))}
                {text_field(i18n, K::Manager, move || draft.with(|d| d.manager.clone()), move |v| draft.update(|d| d.manager = v))}
                {date_field(i18n, K::Start, move || draft.with(|d| d.start), move |v| draft.update(|d| d.start = v))}
                {date_field(i18n, K::TargetEnd, move || draft.with(|d| d.target_end), move |v| draft.update(|d| d.target_end = v))}
                {textarea_field(i18n, K::Description, move || draft.with(|d| d.description.clone()), move |v| draft.update(|d| d.description = v))}
            </div>
            <div class="form-actions">
                <button type="button" on:click=move |_| on_done.run(None)>{move || i18n.t(K::Cancel)}</button>
                <button type="submit" class="primary">{move || i18n.t(K::Create)}</button>
            </div>
        </form>
    }
}
