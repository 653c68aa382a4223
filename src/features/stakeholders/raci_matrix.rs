//! The RACI matrix (責任分担表): WBS deliverables (top-level tasks) × members and stakeholders,
//! each cell a choice of R, A, C, I; every row is checked for exactly one A and at least one R,
//! and the problems are named in words on the row and counted above the table.

use std::collections::BTreeMap;

use leptos::prelude::*;
use mieruka_core::raci::{check, RaciProblemKind};
use mieruka_core::{Command, EntityRef, Id, Raci, TaskField, TaskStatus};

use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::ui::keyed::Keyed;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    title: String,
    cancelled: bool,
    raci: BTreeMap<Id, Raci>,
    problems: Vec<RaciProblemKind>,
}

/// Above this many cells (deliverables × people) the matrix is drawn only when opened.
const LARGE_MATRIX: usize = 2_000;

#[component]
pub fn RaciMatrix(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    // Columns: members, then stakeholders.
    let people = Memo::new(move |_| {
        store
            .with_project(pid, |p| {
                let mut v: Vec<(Id, String, bool)> =
                    p.members.iter().map(|(id, m)| (*id, m.name.clone(), false)).collect();
                v.extend(p.stakeholders.iter().map(|(id, s)| (*id, s.name.clone(), true)));
                v
            })
            .unwrap_or_default()
    });
    let rows = Memo::new(move |_| {
        store
            .with_project(pid, |p| {
                let problems = check(p);
                p.children_of(None)
                    .into_iter()
                    .filter_map(|id| {
                        let t = p.tasks.get(&id)?;
                        Some(Row {
                            id,
                            title: t.title.clone(),
                            cancelled: t.status == TaskStatus::Cancelled,
                            raci: t.raci.clone(),
                            problems: problems.iter().filter(|x| x.task == id).map(|x| x.kind).collect(),
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let keyed = Keyed::new(rows, |r| r.id);
    let summary = move || {
        rows.with(|r| {
            let checked = r.iter().filter(|x| !x.cancelled).count();
            let bad = r.iter().filter(|x| !x.problems.is_empty()).count();
            if bad == 0 {
                (false, i18n.t(K::RaciSummaryOk).to_string())
            } else {
                (true, i18n.msg().raci_summary_bad(bad, checked))
            }
        })
    };
    let set_cell = move |task: Id, person: Id, value: String| {
        let Some(mut map) = store.with_project(pid, |p| p.tasks.get(&task).map(|t| t.raci.clone())).flatten() else {
            return;
        };
        match Raci::parse(&value) {
            Some(r) => {
                map.insert(person, r);
            }
            None => {
                map.remove(&person);
            }
        }
        let value = serde_json::to_value(&map).unwrap_or_default();
        store.run(Command::Set { project: pid, entity: EntityRef::task(task), field: TaskField::Raci.into(), value });
    };
    // A large matrix (a select per cell) is drawn only when asked for: it slows every edit.
    let cells = move || rows.with(|r| r.len()) * people.with(|p| p.len());
    let large = move || cells() > LARGE_MATRIX;
    let opened = RwSignal::new(false);
    let drawn = move || !large() || opened.get();
    view! {
        <section class="card raci" aria-label=move || i18n.t(K::RaciMatrix)>
            <h2>{move || i18n.t(K::RaciMatrix)}</h2>
            <p class="hint">{move || i18n.t(K::RaciHint)}</p>
            <Show
                when=move || !rows.with(|r| r.is_empty())
                fallback=move || view! { <p class="empty-state">{move || i18n.t(K::RaciNoTasks)}</p> }
            >
                <p class="raci-summary" class:bad=move || summary().0 role="status">{move || summary().1}</p>
                <Show when=large>
                    <p class="hint">
                        {move || i18n.t(K::RaciLargeHint)}
                        " "
                        <button aria-expanded=move || opened.get().to_string() on:click=move |_| opened.update(|o| *o = !*o)>
                            {move || {
                                if opened.get() {
                                    i18n.t(K::RaciHideLarge).to_string()
                                } else {
                                    i18n.msg().raci_show_large(cells())
                                }
                            }}
                        </button>
                    </p>
                </Show>
                <Show when=drawn>
                <div class="table-scroll">
                    <table class="grid raci-table">
                        <caption class="sr-only">{move || i18n.t(K::RaciMatrix)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(K::Deliverable)}</th>
                                <th scope="col">{move || i18n.t(K::RaciCheck)}</th>
                                <For
                                    each=move || people.get()
                                    key=|p| p.clone()
                                    children=|(_, name, stakeholder)| view! { <th scope="col" class:stakeholder-col=stakeholder>{name}</th> }
                                />
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || keyed.keys() key=|k| *k let:k>
                                {
                                    // Keyed by id; the row draws again only when its own value changes.
                                    let row = keyed.row(k);
                                    move || row.get().map(|r| {
                                    let task = r.id;
                                    let title = r.title.clone();
                                    let problems = r.problems.clone();
                                    let bad = !problems.is_empty();
                                    view! {
                                        <tr class:raci-bad=bad class:cancelled=r.cancelled>
                                            <th scope="row">{r.title.clone()}</th>
                                            <td class="raci-check">
                                                {if bad {
                                                    let words = move || problems.iter().map(|k| i18n.raci_problem(*k)).collect::<Vec<_>>().join(" · ");
                                                    view! { <span class="badge late">{words}</span> }.into_any()
                                                } else {
                                                    view! { <span class="ok">{move || i18n.t(K::RaciRowOk)}</span> }.into_any()
                                                }}
                                            </td>
                                            // Keyed by person: a new member or stakeholder adds one cell per
                                            // row instead of drawing every select of the matrix again.
                                            <For
                                                each=move || people.get()
                                                key=|p| p.clone()
                                                children=move |(person, name, _)| {
                                                    let current = r.raci.get(&person).map(|x| x.as_str()).unwrap_or("");
                                                    let title = title.clone();
                                                    let label = move || format!("{title} — {name} {}", i18n.t(K::RaciRole));
                                                    view! {
                                                        <td class="raci-cell">
                                                            <select
                                                                aria-label=label
                                                                class=format!("raci-{}", if current.is_empty() { "none" } else { current })
                                                                on:change=move |ev| set_cell(task, person, event_target_value(&ev))
                                                            >
                                                                {["", "R", "A", "C", "I"].into_iter().map(|v| view! {
                                                                    <option value=v prop:selected=v == current>{if v.is_empty() { "–" } else { v }}</option>
                                                                }).collect_view()}
                                                            </select>
                                                        </td>
                                                    }
                                                }
                                            />
                                        </tr>
                                    }
                                })
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                </Show>
            </Show>
        </section>
    }
}
