//! Import a Mieruka JSON file: validated completely before anything is stored. A project that
//! already exists asks: replace it, or keep both.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::{format, Project, Stamp};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::pages::projects::rebase_project;
use crate::state::expect_store;

#[component]
pub fn ImportButton() -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    // Projects waiting for the user's answer (they already exist here).
    let pending = RwSignal::new(Vec::<Project>::new());
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let finish_one = move |p: Project| {
        let name = p.info.name.clone();
        store.add_project(p);
        notices.info(format!("{} {name}", i18n.t(K::Imported)));
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        spawn_local(async move {
            if file.size() > format::MAX_FILE_BYTES as f64 {
                let e = format::ImportError {
                    path: String::new(),
                    problem: format::Problem::TooLarge { bytes: file.size() as usize, max: format::MAX_FILE_BYTES },
                };
                notices.error(format!("{} {}", i18n.t(K::ImportFailed), i18n.import_error(&e)));
                return;
            }
            let text = match browser::read_file_text(&file).await {
                Ok(t) => t,
                Err(e) => {
                    notices.error(format!("{} {e}", i18n.t(K::ImportFailed)));
                    return;
                }
            };
            let stamp = Stamp::new(browser::now(), store.actor(), browser::new_id());
            match format::import(&text, &stamp) {
                Err(e) => notices.error(format!("{} {}", i18n.t(K::ImportFailed), i18n.import_error(&e))),
                Ok(imported) => {
                    let mut ask = Vec::new();
                    for p in imported.projects {
                        let exists = store.with_untracked(|ws| ws.projects.contains_key(&p.id));
                        if exists {
                            ask.push(p);
                        } else {
                            finish_one(p);
                        }
                    }
                    pending.set(ask);
                }
            }
        });
    };

    let replace = move |_| {
        if let Some(p) = pending.with_untracked(|v| v.first().cloned()) {
            pending.update(|v| drop(v.remove(0)));
            finish_one(p);
        }
    };
    let keep_both = move |_| {
        if let Some(p) = pending.with_untracked(|v| v.first().cloned()) {
            pending.update(|v| drop(v.remove(0)));
            let mut copy = rebase_project(p, browser::new_id());
            copy.info.name = format!("{} ({})", copy.info.name, i18n.t(K::CopySuffix));
            let stamp = Stamp::new(browser::now(), store.actor(), browser::new_id());
            mieruka_core::replay::reconcile(&mut copy, &stamp);
            finish_one(copy);
        }
    };
    let cancel = move |_| pending.update(|v| drop(v.remove(0)));

    view! {
        <label class="button">
            {move || i18n.t(K::ImportFile)}
            <input
                type="file"
                accept=".json,application/json"
                class="sr-only"
                node_ref=input_ref
                on:change=on_file
            />
        </label>
        {move || {
            pending
                .with(|v| v.first().map(|p| p.info.name.clone()))
                .map(|name| {
                    view! {
                        <div class="modal-backdrop">
                            <div class="modal" role="dialog" aria-modal="true" aria-label=move || i18n.t(K::ProjectExists)>
                                <h2>{move || i18n.t(K::ProjectExists)}</h2>
                                <p>{format!("«{name}» ")}{move || i18n.t(K::ProjectExistsQuestion)}</p>
                                <div class="modal-actions">
                                    <button on:click=cancel>{move || i18n.t(K::Cancel)}</button>
                                    <button on:click=keep_both>{move || i18n.t(K::KeepBoth)}</button>
                                    <button class="danger" on:click=replace>{move || i18n.t(K::Replace)}</button>
                                </div>
                            </div>
                        </div>
                    }
                })
        }}
    }
}
