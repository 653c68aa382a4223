//! The project's members: name, role, capacity (hours/week), rate; inline edit, add, remove.

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id, Member, MemberField};
use serde_json::json;

use crate::browser;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::form_fields::{number_json, refuse, reset_input};
use crate::ui::keyed::Keyed;

#[component]
pub fn MembersEditor(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let members = Memo::new(move |_| {
        store
            .with_project(pid, |p| p.members.iter().map(|(id, m)| (*id, m.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let keyed = Keyed::new(members, |(id, _)| *id);
    let add = move |_| {
        let n = members.with_untracked(|m| m.len()) + 1;
        store.run(Command::AddMember {
            project: pid,
            id: browser::new_id(),
            member: Member { name: format!("{} {n}", i18n.t(K::NewMemberName)), ..Member::default() },
        });
    };
    view! {
        <section class="card">
            <h2>{move || i18n.t(K::Members)}</h2>
            <table class="grid">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(K::Name)}</th>
                        <th scope="col">{move || i18n.t(K::Role)}</th>
                        <th scope="col">{move || i18n.t(K::Capacity)}</th>
                        <th scope="col">{move || i18n.t(K::Rate)}</th>
                        <th scope="col">{move || i18n.t(K::Actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || keyed.keys() key=|k| *k let:k>
                        {
                            // Keyed by id; the row draws again only when its own value changes.
                            let row = keyed.row(k);
                            move || row.get().map(|item| {
                            let (id, m) = item;
                            let set = move |field: MemberField, value: serde_json::Value| {
                                store.run(Command::Set { project: pid, entity: EntityRef::member(id), field: field.into(), value })
                            };
                            let (name, role, cap) = (m.name.clone(), m.role.clone(), m.capacity_hours_per_week.to_string());
                            let (name2, role2, cap2, label) = (name.clone(), role.clone(), cap.clone(), m.name.clone());
                            let rate = m.rate.map(|r| r.to_string()).unwrap_or_default();
                            let rate2 = rate.clone();
                            view! {
                                <tr>
                                    <td>
                                        <input type="text" aria-label=move || i18n.t(K::Name) prop:value=name
                                            on:change=move |ev| if !set(MemberField::Name, json!(event_target_value(&ev))) { reset_input(&ev, &name2) }/>
                                    </td>
                                    <td>
                                        <input type="text" aria-label=move || i18n.t(K::Role) prop:value=role
                                            on:change=move |ev| if !set(MemberField::Role, json!(event_target_value(&ev))) { reset_input(&ev, &role2) }/>
                                    </td>
                                    <td>
                                        <input type="text" inputmode="decimal" aria-label=move || i18n.t(K::Capacity) prop:value=cap
                                            on:change=move |ev| match number_json(&event_target_value(&ev), false) {
                                                Ok(v) => if !set(MemberField::CapacityHoursPerWeek, v) { reset_input(&ev, &cap2) },
                                                Err(e) => refuse(&notices, &ev, e.message(&i18n), &cap2),
                                            }/>
                                    </td>
                                    <td>
                                        <input type="text" inputmode="decimal" aria-label=move || i18n.t(K::Rate) prop:value=rate
                                            placeholder=move || i18n.t(K::ProjectDefault)
                                            on:change=move |ev| match number_json(&event_target_value(&ev), true) {
                                                Ok(v) => if !set(MemberField::Rate, v) { reset_input(&ev, &rate2) },
                                                Err(e) => refuse(&notices, &ev, e.message(&i18n), &rate2),
                                            }/>
                                    </td>
                                    <td>
                                        <button class="danger" aria-label=move || format!("{} {}", i18n.t(K::Delete), label)
                                            on:click=move |_| { store.run(Command::Delete { project: pid, entity: EntityRef::member(id) }); }>
                                            {move || i18n.t(K::Delete)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        }
                    </For>
                </tbody>
            </table>
            <button on:click=add>{move || i18n.t(K::AddMember)}</button>
        </section>
    }
}
