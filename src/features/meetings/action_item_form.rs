//! Add or edit one action item of a meeting: what, who (a member or a stakeholder), by when,
//! done; a stored one can become a WBS task (under a chosen phase) or an issue in one step.
//! A new item's form stays open after saving, empty, for the next item said in the meeting.

use leptos::prelude::*;
use mieruka_core::{ActionItem, Command, EntityRef, Id};

use crate::browser;
use crate::i18n::{expect_i18n, I18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::entity_form::{EntityForm, FormDraft, FormWords};
use crate::ui::form_fields::{checkbox_field, date_field, text_field};

/// A select of the project's members and stakeholders (grouped), "—" for nobody.
fn person_field(
    i18n: I18n,
    people: impl Fn() -> (Vec<(Id, String)>, Vec<(Id, String)>) + Send + Sync + 'static,
    value: impl Fn() -> Option<Id> + Send + Sync + Copy + 'static,
    set: impl Fn(Option<Id>) + 'static,
) -> impl IntoView {
    let opt = move |(id, name): (Id, String)| {
        view! { <option value=id.to_string() prop:selected=move || value() == Some(id)>{name}</option> }
    };
    view! {
        <label class="field">
            <span>{move || i18n.t(K::Owner)}</span>
            <select on:change=move |ev| set(Id::parse_str(&event_target_value(&ev)).ok())>
                <option value="" prop:selected=move || value().is_none()>"—"</option>
                {move || {
                    let (members, stakeholders) = people();
                    view! {
                        <optgroup label=move || i18n.t(K::PersonMembers)>{members.into_iter().map(opt).collect_view()}</optgroup>
                        <optgroup label=move || i18n.t(K::PersonStakeholders)>{stakeholders.into_iter().map(opt).collect_view()}</optgroup>
                    }
                }}
            </select>
        </label>
    }
}

#[component]
pub fn ActionItemForm(
    /// The project.
    pid: Id,
    /// The meeting a new item belongs to.
    meeting: Id,
    /// The item edited; None adds new ones.
    id: Option<Id>,
    /// Called when the form closes.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let blank = move || ActionItem { meeting, ..ActionItem::default() };
    let form = FormDraft::open(store, pid, id, |p, id| p.action_items.get(&id).cloned(), blank);
    let draft = form.draft;
    let people = move || {
        store
            .with_project(pid, |p| {
                (
                    p.members.iter().map(|(id, m)| (*id, m.name.clone())).collect::<Vec<_>>(),
                    p.stakeholders.iter().map(|(id, s)| (*id, s.name.clone())).collect::<Vec<_>>(),
                )
            })
            .unwrap_or_default()
    };
    let phases = move || {
        store
            .with_project(pid, |p| {
                p.children_of(None)
                    .into_iter()
                    .filter_map(|id| p.tasks.get(&id).map(|t| (id, t.title.clone())))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let save = move |_| {
        if draft.with_untracked(|d| d.title.trim().is_empty()) {
            notices.error(i18n.t(K::ActionNeedsTitle));
            return false;
        }
        let add = |id, item| Command::AddActionItem { project: pid, id, item };
        let saved = form.save(store, pid, id, EntityRef::action_item, add);
        if saved && id.is_none() {
            // Ready for the next one: the form stays, empty, its first field focused.
            form.reset(blank());
            notices.info(i18n.t(K::ActionAdded));
            browser::focus_first_field("form.action-item-form");
            return false;
        }
        saved
    };
    // What a stored item became, read from the store (the buttons go once it has).
    let links = move || {
        id.and_then(|id| store.with_project(pid, |p| p.action_items.get(&id).map(|a| (a.task, a.issue))).flatten())
    };
    let phase = RwSignal::new(String::new());
    let title = move || draft.with(|d| d.title.clone());
    let make = move || {
        let id = id?;
        let (task, issue) = links()?;
        Some(view! {
            {task.is_none().then(|| view! {
                <select aria-label=move || format!("{}: {}", i18n.t(K::UnderPhase), title()) on:change=move |ev| phase.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t(K::TopLevel)}</option>
                    {phases().into_iter().map(|(pid_, t)| view! { <option value=pid_.to_string()>{t}</option> }).collect_view()}
                </select>
                <button
                    type="button"
                    aria-label=move || format!("{}: {}", i18n.t(K::MakeTask), title())
                    on:click=move |_| {
                        let parent = Id::parse_str(&phase.get_untracked()).ok();
                        store.run(Command::ActionToTask { project: pid, action: id, task: browser::new_id(), parent });
                    }
                >
                    {move || i18n.t(K::MakeTask)}
                </button>
            })}
            {issue.is_none().then(|| view! {
                <button
                    type="button"
                    aria-label=move || format!("{}: {}", i18n.t(K::MakeIssue), title())
                    on:click=move |_| {
                        store.run(Command::ActionToIssue { project: pid, action: id, issue: browser::new_id(), raised_on: browser::today() });
                    }
                >
                    {move || i18n.t(K::MakeIssue)}
                </button>
            })}
        })
    };
    view! {
        <EntityForm
            editing=id.is_some()
            words=FormWords { new: K::AddAction, edit: K::EditAction, delete: K::DeleteAction }
            class="action-item-form"
            on_save=Callback::new(save)
            on_delete=Callback::new(move |_| if let Some(id) = id { store.run(Command::Delete { project: pid, entity: EntityRef::action_item(id) }); })
            name=Signal::derive(title)
            on_close=on_close
            close_label=K::Dismiss
            actions=make
        >
            {text_field(i18n, K::ActionTitle, title, move |v| draft.update(|d| d.title = v))}
            {person_field(i18n, people, move || draft.with(|d| d.owner), move |o| draft.update(|d| d.owner = o))}
            {date_field(i18n, K::Due, move || draft.with(|d| d.due), move |v| draft.update(|d| d.due = v))}
            {checkbox_field(i18n, K::ActionDone, move || draft.with(|d| d.done), move |v| draft.update(|d| d.done = v))}
        </EntityForm>
    }
}
