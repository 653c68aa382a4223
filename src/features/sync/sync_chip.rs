//! The sync chip in a project's toolbar: "Share…" until the project is shared, then what sync is
//! doing (synced, N waiting, offline, the reason of a failure) and "Sync now". Clicking it opens
//! the dialog. Syncing never blocks editing; the chip only reports.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::Id;

use super::share_dialog::ShareDialog;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::sync::{expect_sync, SyncState};

#[component]
pub fn SyncChip(pid: Id) -> impl IntoView {
    let hub = expect_sync();
    let i18n = expect_i18n();
    let notices = expect_notices();
    hub.open(pid);
    on_cleanup(move || hub.close(pid));
    let dialog = RwSignal::new(false);
    let state = move || hub.shown(pid).state;
    let label = move || match state() {
        SyncState::NotShared => i18n.t(K::SyncShare).to_string(),
        SyncState::Opening => String::new(),
        SyncState::Syncing => i18n.t(K::SyncSyncing).to_string(),
        SyncState::Synced(_) => i18n.t(K::SyncSynced).to_string(),
        SyncState::Waiting(n) => i18n.msg().sync_waiting(i18n.num(n as f64)),
        SyncState::Offline(n) => i18n.msg().sync_offline_chip(i18n.num(n as f64)),
        SyncState::Failed { .. } => i18n.t(K::SyncErrorChip).to_string(),
        SyncState::NeedsPassword => i18n.t(K::SyncNeedsPassword).to_string(),
        SyncState::NeedsPermission => i18n.t(K::SyncNeedsPermission).to_string(),
        SyncState::OtherTab => i18n.t(K::SyncOtherTab).to_string(),
    };
    let class = move || match state() {
        SyncState::NotShared => "sync-chip share",
        SyncState::Synced(_) => "sync-chip ok",
        SyncState::Failed { .. } | SyncState::NeedsPassword | SyncState::NeedsPermission => "sync-chip bad",
        SyncState::Offline(_) | SyncState::Waiting(_) => "sync-chip waiting",
        _ => "sync-chip",
    };
    let title = move || match state() {
        SyncState::NotShared => i18n.t(K::SyncShareTitle).to_string(),
        SyncState::Synced(at) => i18n.msg().synced_at(i18n.instant(at)),
        SyncState::Failed { error, .. } => crate::i18n::sync_error(i18n.lang(), &error),
        _ => String::new(),
    };
    let reason = move || match state() {
        SyncState::Failed { error, .. } => Some(crate::i18n::sync_error(i18n.lang(), &error)),
        _ => None,
    };
    let shared = move || !matches!(state(), SyncState::NotShared | SyncState::Opening);
    let allow = move |_| {
        spawn_local(async move {
            if let Err(e) = hub.allow_folder(pid).await {
                notices.error(crate::i18n::sync_error(i18n.lang_untracked(), &e));
            }
        })
    };
    view! {
        <div class="sync" data-sync-rounds=move || hub.shown(pid).rounds data-sync-state=move || format!("{:?}", state()).split(['(', ' ', '{']).next().unwrap_or("").to_string()>
            <Show when=move || !matches!(state(), SyncState::Opening)>
                <button class=class title=title on:click=move |_| dialog.set(true)>
                    {label}
                </button>
            </Show>
            <Show when=move || matches!(state(), SyncState::NeedsPermission)>
                <button on:click=allow>{move || i18n.t(K::SyncAllow)}</button>
            </Show>
            <Show when=shared>
                <button class="sync-now" on:click=move |_| hub.sync(pid)>{move || i18n.t(K::SyncNow)}</button>
            </Show>
            {move || {
                let n = hub.shown(pid).review.map_or(0, |r| r.preview.conflicts.len());
                (n > 0)
                    .then(|| {
                        view! {
                            <button class="sync-review" on:click=move |_| dialog.set(true)>
                                {move || i18n.msg().sync_review(i18n.num(n as f64))}
                            </button>
                        }
                    })
            }}
            {move || reason().map(|r| view! { <span class="sync-reason" role="status">{r}</span> })}
            <Show when=move || dialog.get()>
                <ShareDialog pid=pid on_close=Callback::new(move |()| dialog.set(false))/>
            </Show>
        </div>
    }
}
