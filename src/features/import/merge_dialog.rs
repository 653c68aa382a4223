//! A teammate's copy of a project that is already here: merge it (the default), replace ours, or
//! keep both. The preview lists what the file adds, changes and deletes, and every conflict with
//! both values; nothing is written until the user confirms.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::merge::{self, Conflict, DeltaAction, MergePreview, Side};
use mieruka_core::{EntityKind, EntityRef, Id, Project, Stamp};

use crate::browser;
use crate::features::import::merge_incoming::IncomingChanges;
use crate::features::import::merge_values::{kind_singular, show_value};
use crate::i18n::{expect_i18n, field_label, K};
use crate::notice::expect_notices;
use crate::state::expect_store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Merge,
    Replace,
    KeepBoth,
}

pub type Picks = BTreeMap<(EntityRef, String), Side>;

#[component]
pub fn MergeDialog(
    /// The project read from the file (same id as one stored here).
    incoming: Arc<Project>,
    /// Called when the dialog closes, after confirming or cancelling.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let pid = incoming.id;
    let name = incoming.info.name.clone();
    let incoming = StoredValue::new(incoming);
    let mode = RwSignal::new(Mode::Merge);
    let preview = RwSignal::new(None::<Arc<MergePreview>>);
    let picks = RwSignal::new(Picks::new());
    let busy = RwSignal::new(true);

    // The whole local history must be in memory: conflicts are found in the change logs.
    spawn_local(async move {
        if let Err(e) = store.ensure_history(pid).await {
            notices.error(format!("{} {}", i18n.t(K::ImportFailed), i18n.storage_error(&e)));
            on_close.run(());
            return;
        }
        let pv = store.with_untracked(|ws| {
            ws.projects.get(&pid).map(|local| incoming.with_value(|inc| merge::preview(local, inc)))
        });
        match pv {
            Some(pv) => {
                picks.set(pv.conflicts.iter().map(|c| ((c.entity, c.field.clone()), c.winner)).collect());
                preview.set(Some(Arc::new(pv)));
                busy.set(false);
            }
            None => {
                // Deleted meanwhile: nothing to merge with, the file is simply added.
                incoming.with_value(|inc| store.add_project((**inc).clone()));
                on_close.run(());
            }
        }
    });

    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        let stamp = Stamp::new(browser::now(), store.actor(), browser::new_id());
        let inc = incoming.get_value();
        match mode.get_untracked() {
            Mode::Merge => {
                let merged = store.with_untracked(|ws| {
                    ws.projects.get(&pid).map(|local| merge::merge(local, &inc, &picks.get_untracked(), &stamp))
                });
                match merged {
                    Some(p) => {
                        store.add_project(p);
                        notices.info(format!("{} {}", i18n.msg().merged(&inc.info.name), i18n.t(K::RestorePointKept)));
                    }
                    None => store.add_project((*inc).clone()),
                }
            }
            Mode::Replace => {
                store.add_project((*inc).clone());
                notices.info(format!("{} {}", i18n.msg().imported(&inc.info.name), i18n.t(K::RestorePointKept)));
            }
            Mode::KeepBoth => {
                let mut copy = (*inc).clone().rebased(browser::new_id());
                copy.info.name = format!("{} ({})", copy.info.name, i18n.t(K::CopySuffix));
                mieruka_core::replay::reconcile(&mut copy, &stamp);
                let shown = copy.info.name.clone();
                store.add_project(copy);
                notices.info(i18n.msg().imported(&shown));
            }
        }
        on_close.run(());
    };

    let mode_choice = move |m: Mode, k: K| {
        view! {
            <label class="check">
                <input type="radio" name="merge-mode" prop:checked=move || mode.get() == m on:change=move |_| mode.set(m)/>
                <span>{move || i18n.t(k)}</span>
            </label>
        }
    };

    view! {
        <div class="modal-backdrop">
            <div class="modal wide" role="dialog" aria-modal="true" aria-labelledby="merge-title">
                <h2 id="merge-title">{move || i18n.t(K::ProjectExists)}</h2>
                <p>{move || i18n.quote(&name)}</p>
                <fieldset class="field">
                    <legend>{move || i18n.t(K::WhatToDo)}</legend>
                    {mode_choice(Mode::Merge, K::MergeOption)}
                    {mode_choice(Mode::Replace, K::ReplaceOption)}
                    {mode_choice(Mode::KeepBoth, K::KeepBothOption)}
                </fieldset>
                {move || match preview.get() {
                    None => view! { <p class="muted">{move || i18n.t(K::Loading)}</p> }.into_any(),
                    Some(pv) => {
                        let names = incoming.with_value(|inc| member_names(store, pid, inc));
                        view! {
                            <Show when=move || mode.get() == Mode::Merge>
                                <MergeSummary preview=pv.clone()/>
                                <ConflictList preview=pv.clone() picks=picks names=names.clone()/>
                                <IncomingChanges preview=pv.clone() names=names.clone()/>
                            </Show>
                        }
                            .into_any()
                    }
                }}
                <div class="modal-actions">
                    <button on:click=move |_| on_close.run(())>{move || i18n.t(K::Cancel)}</button>
                    <button
                        class="primary"
                        class:danger=move || mode.get() == Mode::Replace
                        disabled=move || busy.get()
                        on:click=confirm
                    >
                        {move || match mode.get() {
                            Mode::Merge => i18n.t(K::MergeConfirm),
                            Mode::Replace => i18n.t(K::ReplaceConfirm),
                            Mode::KeepBoth => i18n.t(K::KeepBoth),
                        }}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// Member names of both copies, to show assignee / owner values by name.
pub fn member_names(store: crate::state::ProjectStore, pid: Id, incoming: &Project) -> Arc<BTreeMap<Id, String>> {
    let mut names: BTreeMap<Id, String> = incoming.members.iter().map(|(id, m)| (*id, m.name.clone())).collect();
    store.with_untracked(|ws| {
        if let Some(p) = ws.projects.get(&pid) {
            for (id, m) in &p.members {
                names.entry(*id).or_insert_with(|| m.name.clone());
            }
        }
    });
    Arc::new(names)
}

fn kind_label(kind: EntityKind) -> K {
    match kind {
        EntityKind::Project => K::KindProject,
        EntityKind::Member => K::Members,
        EntityKind::Task => K::TasksLabel,
        EntityKind::Issue => K::IssuesLabel,
        EntityKind::Risk => K::RisksLabel,
        EntityKind::Stakeholder => K::StakeholdersLabel,
        EntityKind::Meeting => K::MeetingsLabel,
        EntityKind::ActionItem => K::ActionItemsLabel,
        EntityKind::Baseline => K::BaselinesLabel,
        EntityKind::Report => K::ReportsLabel,
        EntityKind::Import => K::ImportsLabel,
    }
}

/// Added / changed / deleted per kind of entity, and the first entities one by one.
#[component]
fn MergeSummary(
    /// The merge preview.
    preview: Arc<MergePreview>,
) -> impl IntoView {
    let i18n = expect_i18n();
    if preview.new_changes == 0 {
        return view! { <p class="ok-note">{move || i18n.t(K::NothingNew)}</p> }.into_any();
    }
    let count = |kind: EntityKind, action: DeltaAction| {
        preview.deltas.iter().filter(|d| d.entity.kind == kind && d.action == action).count()
    };
    let rows = EntityKind::ALL
        .iter()
        .map(|k| (*k, count(*k, DeltaAction::Added), count(*k, DeltaAction::Changed), count(*k, DeltaAction::Deleted)))
        .filter(|(_, a, c, d)| a + c + d > 0)
        .map(|(k, a, c, d)| {
            view! {
                <tr>
                    <th scope="row">{move || i18n.t(kind_label(k))}</th>
                    <td class="num">{a}</td>
                    <td class="num">{c}</td>
                    <td class="num">{d}</td>
                </tr>
            }
        })
        .collect_view();
    if preview.deltas.is_empty() {
        // The file's changes are all superseded here (this copy's later edits win, or both sides
        // made the same edit): say so rather than show an empty table.
        return view! { <p class="ok-note">{move || i18n.t(K::MergeChangesNothingHere)}</p> }.into_any();
    }
    view! {
        <table class="grid compact" aria-label=move || i18n.t(K::MergeChanges)>
            <caption>{move || i18n.t(K::MergeChanges)}</caption>
            <thead>
                <tr>
                    <th scope="col"></th>
                    <th scope="col">{move || i18n.t(K::DeltaAdded)}</th>
                    <th scope="col">{move || i18n.t(K::DeltaChanged)}</th>
                    <th scope="col">{move || i18n.t(K::DeltaDeleted)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// Every conflict with both values; the user picks one per conflict or all of one side. Also
/// what team sync shows when a field changed here and on another device (`theirs` names the side).
#[component]
pub fn ConflictList(
    /// The merge preview.
    preview: Arc<MergePreview>,
    /// The side chosen per conflict.
    picks: RwSignal<Picks>,
    /// Member names by id, for assignee and owner values.
    names: Arc<BTreeMap<Id, String>>,
    /// The heading of the other side's column.
    #[prop(default = K::TheFile)]
    theirs: K,
    /// The button that takes every value of the other side.
    #[prop(default = K::TakeAllTheirs)]
    take_all: K,
) -> impl IntoView {
    let i18n = expect_i18n();
    if preview.conflicts.is_empty() {
        return view! { <p class="ok-note">{move || i18n.t(K::NoConflicts)}</p> }.into_any();
    }
    let all = preview.conflicts.clone();
    let all2 = all.clone();
    let set_all = move |side: Side, list: &[Conflict]| {
        picks.set(list.iter().map(|c| ((c.entity, c.field.clone()), side)).collect());
    };
    let rows = preview
        .conflicts
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let key = (c.entity, c.field.clone());
            let key2 = key.clone();
            let key3 = key.clone();
            let kind = kind_singular(c.entity.kind);
            let field = c.field.clone();
            let local = show_value(i18n, &c.field, &c.local, &names);
            let theirs = show_value(i18n, &c.field, &c.incoming, &names);
            let (local_by, theirs_by) = (c.local_by.clone(), c.incoming_by.clone());
            let by = move |e: &mieruka_core::merge::Edit| format!("{} · {}", e.actor, i18n.instant(e.at));
            let group = format!("conflict-{n}");
            let group2 = group.clone();
            let title = c.title.clone();
            view! {
                <tr>
                    <td>
                        <span class="muted">{move || i18n.t(kind)}</span>
                        " "
                        {title}
                    </td>
                    <td>
                        {move || {
                            if field == mieruka_core::change::DELETE {
                                i18n.t(K::DeltaDeleted).to_string()
                            } else {
                                field_label(i18n.lang(), &field)
                            }
                        }}
                    </td>
                    <td>
                        <label class="check">
                            <input
                                type="radio"
                                name=group
                                prop:checked=move || picks.with(|p| p.get(&key) == Some(&Side::Local))
                                on:change=move |_| picks.update(|p| { p.insert(key2.clone(), Side::Local); })
                            />
                            <span>{local.clone()}</span>
                        </label>
                        <small class="muted by">{move || by(&local_by)}</small>
                    </td>
                    <td>
                        <label class="check">
                            <input
                                type="radio"
                                name=group2
                                prop:checked={
                                    let key = key3.clone();
                                    move || picks.with(|p| p.get(&key) == Some(&Side::Incoming))
                                }
                                on:change=move |_| picks.update(|p| { p.insert(key3.clone(), Side::Incoming); })
                            />
                            <span>{theirs}</span>
                        </label>
                        <small class="muted by">{move || by(&theirs_by)}</small>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card conflicts" aria-label=move || i18n.t(K::Conflicts)>
            <h3>{move || format!("{} ({})", i18n.t(K::Conflicts), all.len())}</h3>
            <p class="muted">{move || i18n.t(K::ConflictsExplain)}</p>
            <div class="toolbar">
                <button on:click={
                    let list = all2.clone();
                    move |_| set_all(Side::Local, &list)
                }>{move || i18n.t(K::KeepAllMine)}</button>
                <button on:click={
                    let list = all2.clone();
                    move |_| set_all(Side::Incoming, &list)
                }>{move || i18n.t(take_all)}</button>
            </div>
            <table class="grid compact">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col">{move || i18n.t(K::FieldLabel)}</th>
                        <th scope="col">{move || i18n.t(K::ThisCopy)}</th>
                        <th scope="col">{move || i18n.t(theirs)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}
