//! "Share through…": where a project is shared (a WebDAV address, or a folder chosen in the
//! browser where it can), and, once shared, where it is, the files that could not be read, the
//! password when it was not remembered, and stopping. Failures are told in the dialog, in the
//! user's language; nothing stored changes when sharing fails.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::Id;

use super::webdav_fields::{WebDavDraft, WebDavFields};
use crate::features::import::merge_dialog::{member_names, ConflictList, Picks};
use crate::i18n::{expect_i18n, K};
use crate::i18n::{sync_error, sync_skip};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::sync::{expect_sync, folder_client, SyncState};
use crate::ui::modal::Modal;

#[component]
pub fn ShareDialog(pid: Id, on_close: Callback<()>) -> impl IntoView {
    let hub = expect_sync();
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let draft = WebDavDraft::new();
    let password_again = RwSignal::new(String::new());
    let remember_again = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let shown = move || hub.shown(pid);
    let shared = move || !matches!(shown().state, SyncState::NotShared);
    let name = move || store.with_project_untracked(pid, |p| p.info.name.clone()).unwrap_or_default();
    let started = move || {
        notices.info(i18n.msg().sync_started(name()));
        on_close.run(());
    };
    let share_webdav = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        working.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = hub
                .share_webdav(
                    pid,
                    &draft.address.get_untracked(),
                    &draft.user.get_untracked(),
                    &draft.password.get_untracked(),
                    draft.remember.get_untracked(),
                )
                .await;
            working.set(false);
            match result {
                Ok(()) => started(),
                Err(e) => problem.set(Some(sync_error(i18n.lang_untracked(), &e))),
            }
        });
    };
    let share_folder = move |_| {
        problem.set(None);
        spawn_local(async move {
            match hub.share_folder(pid).await {
                Ok(true) => started(),
                Ok(false) => {}
                Err(e) => problem.set(Some(sync_error(i18n.lang_untracked(), &e))),
            }
        });
    };
    let give_password = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            match hub.give_password(pid, &password_again.get_untracked(), remember_again.get_untracked()).await {
                Ok(()) => on_close.run(()),
                Err(e) => problem.set(Some(sync_error(i18n.lang_untracked(), &e))),
            }
        });
    };
    let stop = move |_| {
        spawn_local(async move {
            match hub.stop_sharing(pid).await {
                Ok(()) => {
                    notices.info(i18n.t(K::SyncStopped));
                    on_close.run(());
                }
                Err(e) => problem.set(Some(sync_error(i18n.lang_untracked(), &e))),
            }
        });
    };
    let picks = RwSignal::new(Picks::new());
    let review_key = Memo::new(move |_| shown().review.map(|r| std::sync::Arc::as_ptr(&r.preview) as usize));
    let resolve = move |_| match hub.resolve(pid, &picks.get_untracked()) {
        Ok(()) => on_close.run(()),
        Err(e) => problem.set(Some(sync_error(i18n.lang_untracked(), &e))),
    };
    let place = move || shown().place.map(|p| p.label().to_string()).unwrap_or_default();
    let not_shared = move || {
        view! {
            <p class="muted">{move || i18n.t(K::SyncDialogIntro)}</p>
            <form class="sync-webdav" on:submit=share_webdav>
                <h3>{move || i18n.t(K::SyncWebDav)}</h3>
                <WebDavFields draft=draft/>
                <div class="form-actions">
                    <button type="submit" class="primary" prop:disabled=move || working.get()>
                        {move || i18n.t(K::SyncStart)}
                    </button>
                </div>
            </form>
            <div class="sync-folder">
                <h3>{move || i18n.t(K::SyncFolderChoice)}</h3>
                {if folder_client::supported() {
                    view! { <button on:click=share_folder>{move || i18n.t(K::SyncChooseFolder)}</button> }.into_any()
                } else {
                    view! { <p class="muted">{move || i18n.t(K::SyncFolderUnsupported)}</p> }.into_any()
                }}
            </div>
        }
    };
    let when_shared = move || {
        view! {
            <p>{move || i18n.msg().sync_shared_through(place())}</p>
            <Show when=move || matches!(shown().state, SyncState::NeedsPassword)>
                <form class="sync-password" on:submit=give_password>
                    <p>{move || i18n.msg().sync_password_prompt(place())}</p>
                    <label class="field">
                        <span>{move || i18n.t(K::SyncPassword)}</span>
                        <input
                            type="password"
                            name="sync-password-again"
                            autocomplete="current-password"
                            on:input=move |ev| password_again.set(event_target_value(&ev))
                        />
                    </label>
                    <label class="field check">
                        <input type="checkbox" on:change=move |ev| remember_again.set(event_target_checked(&ev))/>
                        <span>{move || i18n.t(K::SyncRemember)}</span>
                    </label>
                    <div class="form-actions">
                        <button type="submit" class="primary">{move || i18n.t(K::SyncGivePassword)}</button>
                    </div>
                </form>
            </Show>
            {move || {
                // Drawn again only when another review arrives, not at every change of state
                // (the user's picks stay while a sync runs).
                review_key.track();
                untrack(shown)
                    .review
                    .filter(|r| !r.preview.conflicts.is_empty())
                    .map(|r| {
                        let initial: Picks =
                            r.preview.conflicts.iter().map(|c| ((c.entity, c.field.clone()), c.winner)).collect();
                        picks.set(initial);
                        let names = member_names(store, pid, &r.there);
                        view! {
                            <ConflictList preview=r.preview.clone() picks=picks names=names theirs=K::SyncOtherDevice take_all=K::SyncTakeAllOther/>
                            <div class="form-actions">
                                <button class="primary" on:click=resolve>{move || i18n.t(K::SyncApplyChoices)}</button>
                            </div>
                        }
                    })
            }}
            <Show when=move || !shown().skipped.is_empty()>
                <h3>{move || i18n.t(K::SyncSkippedHead)}</h3>
                <ul class="sync-skipped">
                    {move || {
                        shown()
                            .skipped
                            .into_iter()
                            .map(|s| view! { <li><code>{s.path.clone()}</code>" — "{sync_skip(i18n.lang(), &s.why)}</li> })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <div class="form-actions">
                <button on:click=move |_| hub.sync(pid)>{move || i18n.t(K::SyncNow)}</button>
                <button class="danger" on:click=stop>{move || i18n.t(K::SyncStop)}</button>
            </div>
        }
    };
    view! {
        <Modal title=Signal::derive(move || i18n.t(K::SyncDialogTitle).to_string()) on_close=on_close class="sync-dialog">
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || if shared() { when_shared().into_any() } else { not_shared().into_any() }}
        </Modal>
    }
}
