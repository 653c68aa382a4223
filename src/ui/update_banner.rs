use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};
use crate::offline::expect_offline;
use crate::state::{expect_store, SaveStatus};

/// Says that a new version has been downloaded; it applies on the next load, or now on request
/// (pending edits are saved first). Never reloads by itself.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let offline = expect_offline();
    let store = expect_store();
    let i18n = expect_i18n();
    // Applied once every edit is stored (a failed save keeps the page, and its edits, as they are).
    let apply_when_saved = RwSignal::new(false);
    Effect::new(move |_| {
        if apply_when_saved.get() && store.status() == SaveStatus::Saved {
            apply_when_saved.set(false);
            offline.apply_now();
        }
    });
    move || {
        offline.update_ready.get().then(|| {
            view! {
                <div class="banner info" role="status">
                    {i18n.t(K::UpdateReady)}
                    " "
                    <button on:click=move |_| {
                        store.flush();
                        apply_when_saved.set(true);
                    }>{i18n.t(K::UpdateNow)}</button>
                </div>
            }
        })
    }
}
