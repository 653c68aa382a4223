use leptos::prelude::*;

use crate::i18n::{expect_i18n, Lang, K};
use crate::route::{expect_router, Route};
use crate::state::{expect_store, SaveStatus};

/// The top bar: app name (back to the project list), the portfolio link, save state and the
/// language switch.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = expect_i18n();
    let store = expect_store();
    let router = expect_router();
    let status = move || match store.status() {
        SaveStatus::Loading => i18n.t(K::Loading),
        SaveStatus::Saved => i18n.t(K::AllSaved),
        SaveStatus::Pending => i18n.t(K::Saving),
        SaveStatus::Failed(_) | SaveStatus::Unavailable(_) => i18n.t(K::NotSaved),
        SaveStatus::ReadOnly(_) => i18n.t(K::ReadOnly),
    };
    // A large write (an import, a merge) says how far it is.
    let count =
        move |(done, total): (usize, usize)| i18n.msg().saving_count(i18n.num(done as f64), i18n.num(total as f64));
    view! {
        <header class="app-header">
            <a class="brand" href="#/" on:click=move |_| router.go(Route::Projects)>
                <span class="brand-ja">"見える化"</span>
                " Mieruka"
            </a>
            <nav class="header-nav" aria-label=move || i18n.t(K::Portfolio)>
                <a
                    href=Route::Portfolio.href()
                    aria-current=move || (router.route.get() == Route::Portfolio).then_some("page")
                    on:click=move |ev| {
                        ev.prevent_default();
                        router.go(Route::Portfolio);
                    }
                >
                    {move || i18n.t(K::Portfolio)}
                </a>
            </nav>
            <span class="save-state" role="status" aria-label=move || i18n.t(K::SaveState)>
                {status}
                {move || store.writing().map(|(done, total)| view! {
                    " "
                    <span class="save-count">{count((done, total))}</span>
                    " "
                    <progress max=total value=done aria-label=move || i18n.t(K::Saving)></progress>
                })}
            </span>
            <label class="lang-switch">
                <span>{move || i18n.t(K::Language)}</span>
                <select on:change=move |ev| {
                    if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
                        i18n.set(l);
                    }
                }>
                    <option value="ja" prop:selected=move || i18n.lang() == Lang::Ja>"日本語"</option>
                    <option value="en" prop:selected=move || i18n.lang() == Lang::En>"English"</option>
                </select>
            </label>
        </header>
    }
}
