//! The note above views shown as of a past status date, so nobody mistakes them for today.

use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};
use crate::status_date::expect_status_date;

#[component]
pub fn AsOfBanner() -> impl IntoView {
    let i18n = expect_i18n();
    let status = expect_status_date();
    view! {
        <Show when=move || status.chosen().is_some()>
            <p class="as-of-banner" role="note">
                {move || format!("{} {}", i18n.t(K::ShowingAsOf), i18n.date(Some(status.get())))}
            </p>
        </Show>
    }
}
