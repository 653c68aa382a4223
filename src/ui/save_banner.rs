use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};
use crate::state::{expect_store, SaveStatus};

/// A persistent banner while edits are not saved (failed write, storage unavailable), or while
/// this tab is read-only because a newer version of the app holds the data.
#[component]
pub fn SaveBanner() -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    move || {
        let (msg, can_retry) = match store.status() {
            SaveStatus::Failed(msg) => (msg, true),
            SaveStatus::Unavailable(msg) => (msg, false),
            SaveStatus::ReadOnly(msg) => {
                return Some(
                    view! {
                        <div class="banner error" role="alert">
                            <strong>{i18n.t(K::ReadOnly)}</strong>
                            " "
                            {msg}
                            <button on:click=move |_| crate::browser::reload()>{i18n.t(K::Reload)}</button>
                        </div>
                    }
                    .into_any(),
                );
            }
            _ => return None,
        };
        Some(view! {
            <div class="banner error" role="alert">
                <strong>{i18n.t(K::NotSaved)}</strong>
                " "
                {msg}
                " "
                {if can_retry { i18n.t(K::NotSavedHelp) } else { i18n.t(K::UnavailableHelp) }}
                {can_retry.then(|| view! { <button on:click=move |_| store.flush()>{i18n.t(K::RetryNow)}</button> })}
            </div>
        }.into_any())
    }
}
