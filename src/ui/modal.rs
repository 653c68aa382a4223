//! A modal dialog: the backdrop, the labelled dialog box that Escape closes, its title, the
//! caller's content and a closing button at the end.

use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};

#[component]
pub fn Modal(
    /// The dialog's title (also its accessible name).
    #[prop(into)]
    title: Signal<String>,
    /// Called to close it (Escape, the closing button).
    on_close: Callback<()>,
    /// Extra classes of the dialog box.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = expect_i18n();
    view! {
        <div class="modal-backdrop">
            <div
                class=format!("modal {class}")
                role="dialog"
                aria-modal="true"
                aria-label=move || title.get()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_close.run(());
                    }
                }
            >
                <h2>{move || title.get()}</h2>
                {children()}
                <div class="modal-actions">
                    <button on:click=move |_| on_close.run(())>{move || i18n.t(K::CloseDialog)}</button>
                </div>
            </div>
        </div>
    }
}
