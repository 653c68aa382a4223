//! The action items of one meeting: add (what, who, by when), tick off, edit, delete, and turn
//! one into a WBS task (under a chosen phase) or an issue in one step; it then links to what it
//! became.

use chrono::NaiveDate;
use leptos::prelude::*;
use mieruka_core::{ActionItem, ActionItemField, Command, EntityRef, Id};
use serde_json::json;

use crate::browser;
use crate::i18n::{expect_i18n, K};
use crate::route::{Route, Tab};
use crate::state::expect_store;
use crate::ui::form_fields::{date_value, parse_date};
use crate::ui::keyed::Keyed;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    item: ActionItem,
    owner: String,
    open: bool,
    /// (WBS number, title) of the task it became.
    task: Option<(String, String)>,
    /// (issue number, title) of the issue it became.
    issue: Option<(usize, String)>,
}

/// A select of members and stakeholders (grouped), "" for nobody.
fn owner_select(
    i18n: crate::i18n::I18n,
    people: (Vec<(Id, String)>, Vec<(Id, String)>),
    current: Option<Id>,
    label: String,
    set: impl Fn(Option<Id>) + 'static,
) -> impl IntoView {
    let opt = move |(id, name): (Id, String)| view! { <option value=id.to_string() prop:selected=current == Some(id)>{name}</option> };
    view! {
        <select aria-label=label on:change=move |ev| set(Id::parse_str(&event_target_value(&ev)).ok())>
            <option value="" prop:selected=current.is_none()>"—"</option>
            <optgroup label=i18n.t(K::PersonMembers)>{people.0.into_iter().map(opt).collect_view()}</optgroup>
            <optgroup label=i18n.t(K::PersonStakeholders)>{people.1.into_iter().map(opt).collect_view()}</optgroup>
        </select>
    }
}

#[component]
pub fn ActionItems(
    /// The project.
    pid: Id,
    /// The meeting whose action items are shown.
    meeting: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let editing = RwSignal::new(None::<Id>);
    let rows = Memo::new(move |_| {
        store
            .with_project(pid, |p| {
                let numbers = crate::ui::form_fields::wbs_numbers(p);
                let issue_numbers = p.issue_numbers();
                let mut v: Vec<Row> = p
                    .action_items
                    .iter()
                    .filter(|(_, a)| a.meeting == meeting)
                    .map(|(id, a)| Row {
                        id: *id,
                        item: a.clone(),
                        owner: p.person_name(a.owner).to_string(),
                        open: a.is_open(p),
                        task: a.task.and_then(|t| {
                            let task = p.tasks.get(&t)?;
                            let n = numbers.iter().find(|(i, _)| *i == t).map(|(_, n)| n.clone()).unwrap_or_default();
                            Some((n, task.title.clone()))
                        }),
                        issue: a.issue.and_then(|i| {
                            Some((issue_numbers.get(&i).copied().unwrap_or(0), p.issues.get(&i)?.title.clone()))
                        }),
                    })
                    .collect();
                v.sort_by(|a, b| {
                    (a.item.due.is_none(), a.item.due, &a.item.title).cmp(&(
                        b.item.due.is_none(),
                        b.item.due,
                        &b.item.title,
                    ))
                });
                v
            })
            .unwrap_or_default()
    });
    let keyed = Keyed::new(rows, |r| r.id);
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
    let set = move |id: Id, field: ActionItemField, value: serde_json::Value| {
        store.run(Command::Set { project: pid, entity: EntityRef::action_item(id), field: field.into(), value })
    };

    // The new item's fields.
    let new_title = RwSignal::new(String::new());
    let new_owner = RwSignal::new(None::<Id>);
    let new_due = RwSignal::new(None::<NaiveDate>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let item = ActionItem {
            meeting,
            title: new_title.get_untracked(),
            owner: new_owner.get_untracked(),
            due: new_due.get_untracked(),
            ..ActionItem::default()
        };
        if store.run(Command::AddActionItem { project: pid, id: browser::new_id(), item }) {
            new_title.set(String::new());
            new_owner.set(None);
            new_due.set(None);
        }
    };

    view! {
        <section class="card action-items" aria-label=move || i18n.t(K::ActionItems)>
            <h2>{move || i18n.t(K::ActionItems)}</h2>
            <Show when=move || !rows.with(|r| r.is_empty()) fallback=move || view! { <p class="empty-state">{move || i18n.t(K::NoActions)}</p> }>
                <table class="grid">
                    <caption class="sr-only">{move || i18n.t(K::ActionItems)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(K::ActionDone)}</th>
                            <th scope="col">{move || i18n.t(K::ActionTitle)}</th>
                            <th scope="col">{move || i18n.t(K::Owner)}</th>
                            <th scope="col">{move || i18n.t(K::Due)}</th>
                            <th scope="col">{move || i18n.t(K::LinkedTasks)}</th>
                            <th scope="col">{move || i18n.t(K::Actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || keyed.keys() key=|k| *k let:k>
                            {
                                // Keyed by id; the row draws again only when its own value changes.
                                let row = keyed.row(k);
                                move || row.get().map(|r| {
                                let id = r.id;
                                let title = r.item.title.clone();
                                let late = r.open && r.item.due.is_some_and(|d| d < browser::today());
                                let wbs_href = Route::Project(pid, Tab::Wbs).href();
                                let issues_href = Route::Project(pid, Tab::Issues).href();
                                let r2 = r.clone();
                                let editing_this = move || editing.get() == Some(id);
                                view! {
                                    <tr class:done=!r.open class:overdue=late>
                                        <td>
                                            <input
                                                type="checkbox"
                                                aria-label=format!("{}: {}", i18n.t(K::ActionDone), title)
                                                prop:checked=r.item.done
                                                on:change=move |ev| { set(id, ActionItemField::Done, json!(event_target_checked(&ev))); }
                                            />
                                        </td>
                                        <Show
                                            when=editing_this
                                            fallback={
                                                let r = r2.clone();
                                                move || view! {
                                                    <td>{r.item.title.clone()}</td>
                                                    <td>{r.owner.clone()}</td>
                                                    <td>
                                                        {move || i18n.date(r.item.due)}
                                                        {late.then(|| view! { <span class="badge late">{move || i18n.t(K::Overdue)}</span> })}
                                                    </td>
                                                }
                                            }
                                        >
                                            {
                                                let r = r2.clone();
                                                let people = people();
                                                view! {
                                                    <td>
                                                        <input
                                                            type="text"
                                                            aria-label=move || i18n.t(K::ActionTitle)
                                                            prop:value=r.item.title.clone()
                                                            on:change=move |ev| { set(id, ActionItemField::Title, json!(event_target_value(&ev))); }
                                                        />
                                                    </td>
                                                    <td>{owner_select(i18n, people, r.item.owner, i18n.t(K::Owner).to_string(), move |o| { set(id, ActionItemField::Owner, json!(o)); })}</td>
                                                    <td>
                                                        <input
                                                            type="date"
                                                            aria-label=move || i18n.t(K::Due)
                                                            prop:value=date_value(r.item.due)
                                                            on:change=move |ev| {
                                                                if let Ok(d) = parse_date(&event_target_value(&ev)) {
                                                                    set(id, ActionItemField::Due, json!(d));
                                                                }
                                                            }
                                                        />
                                                    </td>
                                                }
                                            }
                                        </Show>
                                        <td class="links">
                                            {r.task.clone().map(|(n, t)| view! {
                                                <a href=wbs_href.clone()>{move || i18n.t(K::BecameTask)} " " {format!("{n} {t}")}</a>
                                            })}
                                            {r.issue.clone().map(|(n, t)| view! {
                                                <a href=issues_href.clone()>{move || i18n.t(K::BecameIssue)} " " {format!("#{n} {t}")}</a>
                                            })}
                                        </td>
                                        <td class="row-actions">
                                            {
                                                let title = title.clone();
                                                let phase = RwSignal::new(String::new());
                                                let can_task = r.item.task.is_none();
                                                let can_issue = r.item.issue.is_none();
                                                view! {
                                                    {can_task.then(|| {
                                                        let t1 = title.clone();
                                                        let t2 = title.clone();
                                                        view! {
                                                            <select aria-label=move || format!("{}: {}", i18n.t(K::UnderPhase), t1) on:change=move |ev| phase.set(event_target_value(&ev))>
                                                                <option value="">{move || i18n.t(K::TopLevel)}</option>
                                                                {phases().into_iter().map(|(pid_, t)| view! { <option value=pid_.to_string()>{t}</option> }).collect_view()}
                                                            </select>
                                                            <button
                                                                aria-label=move || format!("{}: {}", i18n.t(K::MakeTask), t2)
                                                                on:click=move |_| {
                                                                    let parent = Id::parse_str(&phase.get_untracked()).ok();
                                                                    store.run(Command::ActionToTask { project: pid, action: id, task: browser::new_id(), parent });
                                                                }
                                                            >
                                                                {move || i18n.t(K::MakeTask)}
                                                            </button>
                                                        }
                                                    })}
                                                    {can_issue.then(|| {
                                                        let t = title.clone();
                                                        view! {
                                                            <button
                                                                aria-label=move || format!("{}: {}", i18n.t(K::MakeIssue), t)
                                                                on:click=move |_| {
                                                                    store.run(Command::ActionToIssue { project: pid, action: id, issue: browser::new_id(), raised_on: browser::today() });
                                                                }
                                                            >
                                                                {move || i18n.t(K::MakeIssue)}
                                                            </button>
                                                        }
                                                    })}
                                                    {
                                                        let t1 = title.clone();
                                                        let t2 = title.clone();
                                                        view! {
                                                            <button
                                                                aria-label=move || format!("{}: {}", i18n.t(K::Edit), t1)
                                                                aria-pressed=move || if editing_this() { "true" } else { "false" }
                                                                on:click=move |_| editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) })
                                                            >
                                                                {move || i18n.t(K::Edit)}
                                                            </button>
                                                            <button
                                                                class="danger"
                                                                aria-label=move || format!("{}: {}", i18n.t(K::Delete), t2)
                                                                on:click=move |_| {
                                                                    store.run(Command::Delete { project: pid, entity: EntityRef::action_item(id) });
                                                                }
                                                            >
                                                                {move || i18n.t(K::Delete)}
                                                            </button>
                                                        }
                                                    }
                                                }
                                            }
                                        </td>
                                    </tr>
                                }
                            })
                            }
                        </For>
                    </tbody>
                </table>
            </Show>
            <form class="add-action" aria-label=move || i18n.t(K::AddAction) on:submit=add>
                <label class="field">
                    <span>{move || i18n.t(K::ActionTitle)}</span>
                    <input type="text" required prop:value=move || new_title.get() on:input=move |ev| new_title.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{move || i18n.t(K::Owner)}</span>
                    {move || owner_select(i18n, people(), new_owner.get(), i18n.t(K::Owner).to_string(), move |o| new_owner.set(o))}
                </label>
                <label class="field">
                    <span>{move || i18n.t(K::Due)}</span>
                    <input
                        type="date"
                        prop:value=move || date_value(new_due.get())
                        on:change=move |ev| {
                            if let Ok(d) = parse_date(&event_target_value(&ev)) {
                                new_due.set(d);
                            }
                        }
                    />
                </label>
                <button type="submit" class="primary">{move || i18n.t(K::AddAction)}</button>
            </form>
        </section>
    }
}
