use leptos::prelude::*;
use mieruka_core::Id;

use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::{expect_store, SaveStatus};
use crate::storage::RestorePoint;

/// The project's restore point (the stored state just before the last import that replaced or
/// merged into it) and the one click that goes back to it.
#[component]
pub fn RestorePointPanel(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let point = RwSignal::new(None::<RestorePoint>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            match store.restore_point(pid).await {
                Ok(p) => point.set(p),
                Err(e) => notices.error(i18n.storage_error(&e)),
            }
        });
    };
    refresh();
    // A save of an import (now, or later when a failed save is retried) takes the restore point:
    // look again whenever everything has been saved.
    Effect::new(move |prev: Option<bool>| {
        let saved = matches!(store.status(), SaveStatus::Saved);
        if prev.is_some() && saved {
            refresh();
        }
        saved
    });
    let busy = RwSignal::new(false);
    let restore = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match store.restore(pid).await {
                Ok(true) => {
                    notices.info(i18n.t(K::Restored));
                    point.set(None);
                }
                Ok(false) => {}
                Err(e) => notices.error(format!("{} {}", i18n.t(K::RestoreFailed), i18n.storage_error(&e))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="restore-point-heading">
            <h2 id="restore-point-heading">{move || i18n.t(K::RestorePoint)}</h2>
            {move || match point.get() {
                None => view! { <p class="muted">{i18n.t(K::NoRestorePoint)}</p> }.into_any(),
                Some(p) => view! {
                    <p>
                        {i18n.t(K::RestorePointTaken)}
                        " "
                        <strong>{i18n.instant(p.at)}</strong>
                        " — "
                        {p.name.clone()}
                    </p>
                    <button class="danger" disabled=move || busy.get() on:click=restore>
                        {i18n.t(K::RestoreNow)}
                    </button>
                }
                .into_any(),
            }}
        </section>
    }
}
