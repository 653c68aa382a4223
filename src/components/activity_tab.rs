//! The change log, newest first: who changed what, from what, to what.

use leptos::prelude::*;
use mieruka_core::change::{EntityKind, CREATE, DELETE};
use mieruka_core::Id;
use serde_json::Value;

use crate::i18n::{expect_i18n, field_label, K};
use crate::state::expect_store;

const PAGE: usize = 200;

fn short(v: &Value) -> String {
    let s = match v {
        Value::Null => "—".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "—".to_string(),
        other => other.to_string(),
    };
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

#[derive(Clone, PartialEq)]
struct Entry {
    id: Id,
    at: chrono::DateTime<chrono::Utc>,
    actor: String,
    kind: EntityKind,
    what: String,
    field: String,
    from: String,
    to: String,
}

#[component]
pub fn ActivityTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let shown = RwSignal::new(PAGE);
    let total = move || store.with_project(pid, |p| p.changes.len()).unwrap_or(0);
    let entries = Memo::new(move |_| {
        let n = shown.get();
        store
            .with_project(pid, |p| {
                p.changes
                    .iter()
                    .rev()
                    .take(n)
                    .map(|c| {
                        let title_of = |v: &Value| v.get("title").or_else(|| v.get("name")).and_then(Value::as_str).map(str::to_string);
                        let what = match c.entity.kind {
                            EntityKind::Project => Some(p.info.name.clone()),
                            EntityKind::Task => p.tasks.get(&c.entity.id).map(|t| t.title.clone()),
                            EntityKind::Issue => p.issues.get(&c.entity.id).map(|t| t.title.clone()),
                            EntityKind::Risk => p.risks.get(&c.entity.id).map(|t| t.title.clone()),
                            EntityKind::Member => p.members.get(&c.entity.id).map(|m| m.name.clone()),
                        }
                        .or_else(|| title_of(&c.to))
                        .or_else(|| title_of(&c.from))
                        .unwrap_or_default();
                        let (from, to) = if c.field == CREATE || c.field == DELETE {
                            (String::new(), String::new())
                        } else {
                            (short(&c.from), short(&c.to))
                        };
                        Entry { id: c.id, at: c.at, actor: c.actor.clone(), kind: c.entity.kind, what, field: c.field.clone(), from, to }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let kind_label = move |k: EntityKind| match k {
        EntityKind::Project => i18n.t(K::KindProject),
        EntityKind::Member => i18n.t(K::KindMember),
        EntityKind::Task => i18n.t(K::KindTask),
        EntityKind::Issue => i18n.t(K::KindIssue),
        EntityKind::Risk => i18n.t(K::KindRisk),
    };
    view! {
        <div class="activity">
            <p class="hint">{move || format!("{} {}", total(), i18n.t(K::ChangesRecorded))}</p>
            <table class="grid">
                <caption class="sr-only">{move || i18n.t(K::TabActivity)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(K::When)}</th>
                        <th scope="col">{move || i18n.t(K::Who)}</th>
                        <th scope="col">{move || i18n.t(K::What)}</th>
                        <th scope="col">{move || i18n.t(K::Field)}</th>
                        <th scope="col">{move || i18n.t(K::From)}</th>
                        <th scope="col">{move || i18n.t(K::To)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || entries.get() key=|e| e.id let:e>
                        <tr>
                            <td class="nowrap">{move || i18n.instant(e.at)}</td>
                            <td>{e.actor.clone()}</td>
                            <td>
                                <span class="badge">{move || kind_label(e.kind)}</span>
                                " "
                                {e.what.clone()}
                            </td>
                            <td>{let f = e.field.clone(); move || field_label(i18n.lang(), &f)}</td>
                            <td class="from">{e.from.clone()}</td>
                            <td class="to">{e.to.clone()}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <Show when=move || { total() > shown.get() }>
                <button on:click=move |_| shown.update(|n| *n += PAGE)>{move || i18n.t(K::ShowMore)}</button>
            </Show>
        </div>
    }
}
