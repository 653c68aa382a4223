//! Task details: the fields the WBS table does not show inline.

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id, Priority, Task};

use crate::i18n::{expect_i18n, options, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::form_fields::{
    checkbox_field, ids_to_numbers, number_field, numbers_to_ids, select_field, text_field, textarea_field, wbs_numbers,
};

/// Fields of `draft` that differ from `current`, as (field, value) pairs. A field left out of
/// both serializations (`skip_serializing_if`: an empty `source_key`, no RACI) is unchanged — it
/// used to be sent as `null`, which the core refuses, so the task details of every task that was
/// not imported could not be saved.
pub fn changed_fields(
    fields: &[&str],
    current: &serde_json::Value,
    draft: &serde_json::Value,
) -> Vec<(String, serde_json::Value)> {
    fields
        .iter()
        .filter_map(|f| {
            let (c, d) = (current.get(*f), draft.get(*f));
            // Left out of the draft only: nothing the forms edit, so nothing to send.
            (c != d).then(|| d.map(|d| (f.to_string(), d.clone()))).flatten()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_left_out_of_the_json_are_not_changes() {
        let current = serde_json::to_value(Task { title: "a".into(), ..Task::default() }).unwrap();
        let draft =
            serde_json::to_value(Task { title: "b".into(), tags: vec!["x".into()], ..Task::default() }).unwrap();
        assert!(current.get("source_key").is_none(), "the case of the bug: an empty key is not serialized");
        let changed = changed_fields(Task::FIELDS, &current, &draft);
        assert_eq!(
            changed,
            vec![("title".to_string(), serde_json::json!("b")), ("tags".to_string(), serde_json::json!(["x"]))]
        );
        assert!(changed_fields(Task::FIELDS, &current, &current).is_empty());
    }
}

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
    let draft = RwSignal::new(initial);
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
        let current = store.with_project(pid, |p| p.tasks.get(&id).cloned()).flatten().unwrap_or_default();
        let fields = changed_fields(
            Task::FIELDS,
            &serde_json::to_value(&current).unwrap_or_default(),
            &serde_json::to_value(draft.get_untracked()).unwrap_or_default(),
        );
        if fields.is_empty() || store.run(Command::SetMany { project: pid, entity: EntityRef::task(id), fields }) {
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
