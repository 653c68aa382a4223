//! "Open a shared project…" on the project list: a WebDAV address or a folder chosen in the
//! browser (where it can), its projects listed by name (their cards), and those chosen read from
//! there and kept in sync from then on.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::sync::file::About;
use mieruka_core::Id;

use super::webdav_fields::{WebDavDraft, WebDavFields};
use crate::i18n::sync_error;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::sync::expect_sync;
use crate::sync::folder_client::{self, FolderClient};
use crate::ui::modal::Modal;

#[component]
pub fn JoinButton() -> impl IntoView {
    let hub = expect_sync();
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let open = RwSignal::new(false);
    let draft = WebDavDraft::new();
    let found = RwSignal::new(None::<Vec<(Id, Option<About>)>>);
    let chosen = RwSignal::new(BTreeSet::<Id>::new());
    let problem = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    // The folder chosen instead of an address, if one was.
    let folder = StoredValue::new_local(None::<FolderClient>);
    let listed = move |result: Result<Vec<(Id, Option<About>)>, crate::sync::SyncError>| match result {
        Ok(list) => {
            let here: BTreeSet<Id> = store.project_ids().into_iter().collect();
            chosen.set(list.iter().map(|(id, _)| *id).filter(|id| !here.contains(id)).collect());
            found.set(Some(list));
        }
        Err(e) => problem.set(Some(sync_error(i18n.lang_untracked(), &e))),
    };
    let close = move || {
        open.set(false);
        found.set(None);
        problem.set(None);
    };
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        working.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = hub
                .projects_at(
                    &draft.address.get_untracked(),
                    &draft.user.get_untracked(),
                    &draft.password.get_untracked(),
                )
                .await;
            working.set(false);
            folder.set_value(None);
            listed(result);
        });
    };
    let pick = move |_| {
        problem.set(None);
        spawn_local(async move {
            let picked = match FolderClient::pick().await {
                Ok(Some(f)) => f,
                Ok(None) => return,
                Err(e) => return problem.set(Some(sync_error(i18n.lang_untracked(), &e))),
            };
            let result = hub.projects_in(&picked).await;
            folder.set_value(Some(picked));
            listed(result);
        });
    };
    let join = move |_| {
        let pids: Vec<Id> = chosen.get_untracked().into_iter().collect();
        spawn_local(async move {
            let via = folder.get_value();
            let result = if let Some(f) = via {
                hub.join_folder(&pids, &f).await
            } else {
                hub.join_webdav(
                    &pids,
                    &draft.address.get_untracked(),
                    &draft.user.get_untracked(),
                    &draft.password.get_untracked(),
                    draft.remember.get_untracked(),
                )
                .await
            };
            match result {
                Ok(()) => {
                    notices.info(i18n.msg().sync_joined(i18n.num(pids.len() as f64)));
                    close();
                }
                Err(e) => problem.set(Some(sync_error(i18n.lang_untracked(), &e))),
            }
        });
    };
    let row = move |(id, about): (Id, Option<About>)| {
        let here = store.project_ids().contains(&id);
        let label = about.map(|a| if a.code.is_empty() { a.name } else { format!("{} {}", a.code, a.name) });
        let label = label.unwrap_or_else(|| id.to_string());
        view! {
            <li>
                <label class="field check">
                    <input
                        type="checkbox"
                        prop:disabled=here
                        prop:checked=move || chosen.with(|c| c.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| {
                                if on {
                                    c.insert(id);
                                } else {
                                    c.remove(&id);
                                }
                            });
                        }
                    />
                    <span>{label}</span>
                    {here.then(|| view! { <span class="muted">" ("{move || i18n.t(K::SyncJoinHere)}")"</span> })}
                </label>
            </li>
        }
    };
    view! {
        <button on:click=move |_| open.set(true)>{move || i18n.t(K::SyncJoin)}</button>
        <Show when=move || open.get()>
            <Modal title=Signal::derive(move || i18n.t(K::SyncJoinTitle).to_string()) on_close=Callback::new(move |()| close()) class="sync-dialog">
                    {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                    <form on:submit=find>
                        <WebDavFields draft=draft/>
                        <div class="form-actions">
                            <button type="submit" prop:disabled=move || working.get()>{move || i18n.t(K::SyncJoinFind)}</button>
                        </div>
                    </form>
                    {folder_client::supported()
                        .then(|| {
                            view! {
                                <div class="form-actions">
                                    <button on:click=pick>{move || i18n.t(K::SyncChooseFolder)}</button>
                                </div>
                            }
                        })}
                    {move || {
                        found
                            .get()
                            .map(|list| {
                                if list.is_empty() {
                                    view! { <p class="muted">{move || i18n.t(K::SyncJoinNone)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="sync-join-list">{list.into_iter().map(row).collect_view()}</ul>
                                        <div class="form-actions">
                                            <button
                                                class="primary"
                                                prop:disabled=move || chosen.with(|c| c.is_empty())
                                                on:click=join
                                            >
                                                {move || i18n.t(K::SyncJoinOpen)}
                                            </button>
                                        </div>
                                    }
                                        .into_any()
                                }
                            })
                    }}
            </Modal>
        </Show>
    }
}
