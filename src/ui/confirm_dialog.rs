use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};

/// A modal question with a confirming and a cancelling button.
#[component]
pub fn ConfirmDialog(
    /// The dialog's title.
    #[prop(into)]
    title: Signal<String>,
    /// The explanation under the title.
    #[prop(into)]
    message: Signal<String>,
    /// Text of the confirming button.
    #[prop(into)]
    confirm_label: Signal<String>,
    /// Called when the user confirms.
    on_confirm: Callback<()>,
    /// Called when the user cancels (button or Escape).
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = confirm_ref.get() {
            let _focus_is_best_effort = b.focus();
        }
    });
    view! {
        <div class="modal-backdrop">
            <div
                class="modal"
                role="dialog"
                aria-modal="true"
                aria-label=move || title.get()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_cancel.run(());
                    }
                }
            >
                <h2>{move || title.get()}</h2>
                <p>{move || message.get()}</p>
                <div class="modal-actions">
                    <button on:click=move |_| on_cancel.run(())>{move || i18n.t(K::Cancel)}</button>
                    <button class="danger" node_ref=confirm_ref on:click=move |_| on_confirm.run(())>
                        {move || confirm_label.get()}
                    </button>
                </div>
            </div>
        </div>
    }
}
