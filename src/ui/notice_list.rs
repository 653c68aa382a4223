use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};
use crate::notice::{expect_notices, Level};

/// Toasts: infos fade after a few seconds, errors stay until dismissed.
#[component]
pub fn NoticeList() -> impl IntoView {
    let notices = expect_notices();
    let i18n = expect_i18n();
    view! {
        <div class="notices" aria-live="polite">
            <For each=move || notices.list() key=|n| n.id let:n>
                <div
                    class="notice"
                    class:error=n.level == Level::Error
                    role=if n.level == Level::Error { "alert" } else { "status" }
                >
                    <span>{n.text.clone()}</span>
                    <button
                        class="icon"
                        aria-label=move || i18n.t(K::Dismiss)
                        on:click=move |_| notices.dismiss(n.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
