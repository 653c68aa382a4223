use leptos::prelude::*;
use mieruka_core::template::{project_from_template, Template};
use mieruka_core::template_builtin::{builtin, BUILTIN_KEYS};
use mieruka_core::{Id, ProjectInfo, ProjectStatus};

use crate::browser;
use crate::i18n::{expect_i18n, Lang, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::storage::prefs;
use crate::ui::form_fields::{date_field, text_field, textarea_field};

/// What a new project starts from (the value of the "Start from" select).
fn template_of(choice: &str, lang: Lang) -> Option<Template> {
    if let Some(key) = choice.strip_prefix("builtin:") {
        return builtin(key, lang == Lang::Ja);
    }
    let n: usize = choice.strip_prefix("saved:")?.parse().ok()?;
    prefs::templates().into_iter().nth(n)
}

/// The "new project" form: blank, or from a built-in or saved template with a start date.
/// Calls `on_done` with the new id, or None when cancelled.
#[component]
pub fn ProjectForm(
    /// Called after creating (Some(id)) or cancelling (None).
    on_done: Callback<Option<Id>>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let draft = RwSignal::new(ProjectInfo { status: ProjectStatus::Planning, ..ProjectInfo::default() });
    let choice = RwSignal::new(String::new());
    let saved: Vec<String> = prefs::templates().into_iter().map(|t| t.info.name).collect();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let info = draft.get_untracked();
        let c = choice.get_untracked();
        if c.is_empty() {
            if let Some(id) = store.create_project(info) {
                on_done.run(Some(id));
            }
            return;
        }
        let Some(t) = template_of(&c, i18n.lang()) else { return };
        let Some(start) = info.start else {
            notices.error(i18n.t(K::TemplateNeedsStart).to_string());
            return;
        };
        if info.name.trim().is_empty() {
            notices.error(i18n.domain_error(&mieruka_core::DomainError::EmptyName));
            return;
        }
        let id = browser::new_id();
        match project_from_template(&t, id, info, start, browser::now(), &store.actor(), &mut browser::new_id) {
            Ok(p) => {
                store.add_project(p);
                on_done.run(Some(id));
            }
            Err(e) => notices.error(format!("{} {}", i18n.t(K::TemplateFailed), i18n.domain_error(&e))),
        }
    };
    let saved_options = saved
        .iter()
        .enumerate()
        .map(|(i, name)| view! { <option value=format!("saved:{i}")>{name.clone()}</option> })
        .collect_view();
    let has_saved = !saved.is_empty();
    view! {
        <form class="card form" on:submit=save aria-label=move || i18n.t(K::NewProject)>
            <h2>{move || i18n.t(K::NewProject)}</h2>
            <div class="form-grid">
                // Not a <label>: its text would put every option and the hint into the select's name.
                <div class="field wide">
                    <span id="project-start-from">{move || i18n.t(K::StartFrom)}</span>
                    <select
                        aria-labelledby="project-start-from"
                        aria-describedby="project-start-from-hint"
                        on:change=move |ev| choice.set(event_target_value(&ev))
                    >
                        <option value="" selected=true>{move || i18n.t(K::BlankProject)}</option>
                        <optgroup label=move || i18n.t(K::BuiltinTemplates)>
                            {BUILTIN_KEYS
                                .iter()
                                .map(|key| {
                                    let key = *key;
                                    view! {
                                        <option value=format!("builtin:{key}")>
                                            {move || builtin(key, i18n.lang() == Lang::Ja).map(|t| t.info.name).unwrap_or_default()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </optgroup>
                        {has_saved.then(|| view! { <optgroup label=move || i18n.t(K::SavedTemplates)>{saved_options}</optgroup> })}
                    </select>
                    <small class="hint" id="project-start-from-hint">{move || i18n.t(K::TemplateStartHint)}</small>
                </div>
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
