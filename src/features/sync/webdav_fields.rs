//! The address, user, password and "remember" fields of a WebDAV location: one declaration for
//! sharing a project and for opening a shared one.

use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};

/// What the user typed.
#[derive(Clone, Copy)]
pub struct WebDavDraft {
    pub address: RwSignal<String>,
    pub user: RwSignal<String>,
    pub password: RwSignal<String>,
    pub remember: RwSignal<bool>,
}

impl WebDavDraft {
    pub fn new() -> WebDavDraft {
        WebDavDraft {
            address: RwSignal::new(String::new()),
            user: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            remember: RwSignal::new(false),
        }
    }
}

impl Default for WebDavDraft {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn WebDavFields(draft: WebDavDraft) -> impl IntoView {
    let i18n = expect_i18n();
    let text = move |label: K, value: RwSignal<String>, kind: &'static str, auto: &'static str, name: &'static str| {
        view! {
            <label class="field">
                <span>{move || i18n.t(label)}</span>
                <input
                    type=kind
                    name=name
                    autocomplete=auto
                    spellcheck="false"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };
    view! {
        <div class="webdav-fields">
            {text(K::SyncAddress, draft.address, "url", "url", "sync-address")}
            {text(K::SyncUser, draft.user, "text", "username", "sync-user")}
            {text(K::SyncPassword, draft.password, "password", "current-password", "sync-password")}
            <label class="field check">
                <input
                    type="checkbox"
                    name="sync-remember"
                    prop:checked=move || draft.remember.get()
                    on:change=move |ev| draft.remember.set(event_target_checked(&ev))
                />
                <span>{move || i18n.t(K::SyncRemember)}</span>
            </label>
            <p class="muted small">{move || i18n.t(K::SyncRememberHint)}</p>
        </div>
    }
}
