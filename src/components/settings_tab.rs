//! Project settings: the project's own fields and its members.

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id, ProjectInfo, ProjectStatus, Weekday};

use crate::components::form_fields::{date_field, select_field, text_field, textarea_field};
use crate::components::members_editor::MembersEditor;
use crate::components::task_form::changed_fields;
use crate::i18n::{expect_i18n, options, K};
use crate::notice::expect_notices;
use crate::state::expect_store;

#[component]
pub fn SettingsTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let initial = store.with_project(pid, |p| p.info.clone()).unwrap_or_default();
    let draft = RwSignal::new(initial);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = store.with_project(pid, |p| p.info.clone()).unwrap_or_default();
        let fields = changed_fields(
            ProjectInfo::FIELDS,
            &serde_json::to_value(&current).unwrap_or_default(),
            &serde_json::to_value(draft.get_untracked()).unwrap_or_default(),
        );
        if fields.is_empty() {
            return;
        }
        if store.run(Command::SetMany { project: pid, entity: EntityRef::project(pid), fields }) {
            notices.info(i18n.t(K::Saved));
        }
    };
    view! {
        <div class="settings">
            <form class="card form" aria-label=move || i18n.t(K::ProjectSettings) on:submit=save>
                <h2>{move || i18n.t(K::ProjectSettings)}</h2>
                <div class="form-grid">
                    {text_field(i18n, K::Code, move || draft.with(|d| d.code.clone()), move |v| draft.update(|d| d.code = v))}
                    {text_field(i18n, K::ProjectName, move || draft.with(|d| d.name.clone()), move |v| draft.update(|d| d.name = v))}
                    {text_field(i18n, K::Manager, move || draft.with(|d| d.manager.clone()), move |v| draft.update(|d| d.manager = v))}
                    {select_field(
                        i18n,
                        K::Status,
                        move || options(ProjectStatus::ALL, ProjectStatus::as_str, |s| i18n.project_status(s)),
                        move || draft.with(|d| d.status.as_str().to_string()),
                        move |v| draft.update(|d| d.status = ProjectStatus::parse(&v).unwrap_or_default()),
                    )}
                    {date_field(i18n, K::Start, move || draft.with(|d| d.start), move |v| draft.update(|d| d.start = v))}
                    {date_field(i18n, K::TargetEnd, move || draft.with(|d| d.target_end), move |v| draft.update(|d| d.target_end = v))}
                    <fieldset class="field wide">
                        <legend>{move || i18n.t(K::WorkingDays)}</legend>
                        {Weekday::ALL
                            .iter()
                            .map(|d| {
                                let d = *d;
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || draft.with(|x| x.working_days.contains(&d))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                draft.update(|x| {
                                                    x.working_days.retain(|w| *w != d);
                                                    if on {
                                                        x.working_days.push(d);
                                                        x.working_days.sort();
                                                    }
                                                });
                                            }
                                        />
                                        {move || i18n.weekday(d)}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    {textarea_field(i18n, K::Description, move || draft.with(|d| d.description.clone()), move |v| draft.update(|d| d.description = v))}
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary">{move || i18n.t(K::Save)}</button>
                </div>
            </form>
            <MembersEditor pid=pid/>
            <section class="card">
                <h2>{move || i18n.t(K::YourName)}</h2>
                <label class="field">
                    <span>{move || i18n.t(K::YourNameHelp)}</span>
                    <input
                        type="text"
                        prop:value=store.actor()
                        on:change=move |ev| match store.set_actor(&event_target_value(&ev)) {
                            Ok(()) => notices.info(i18n.t(K::Saved)),
                            Err(e) => {
                                notices.error(e);
                                crate::components::form_fields::reset_input(&ev, &store.actor());
                            }
                        }
                    />
                </label>
            </section>
        </div>
    }
}
