//! "Import template file…" on the project list: reads a template file into the browser's saved
//! templates (offered by the New project form), or says exactly what is wrong with it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::template::{import_template, MAX_TEMPLATE_BYTES};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::storage::prefs;

#[component]
pub fn ImportTemplateButton(
    /// Called after a template was imported (to refresh lists of templates).
    #[prop(optional)]
    on_imported: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let notices = expect_notices();
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let fail = move |msg: String| notices.error(format!("{} {msg}", i18n.t(K::TemplateImportFailed)));
        if file.size() > MAX_TEMPLATE_BYTES as f64 {
            let e = mieruka_core::format::ImportError {
                path: String::new(),
                problem: mieruka_core::format::Problem::TooLarge {
                    bytes: file.size() as usize,
                    max: MAX_TEMPLATE_BYTES,
                },
            };
            fail(i18n.import_error(&e));
            return;
        }
        spawn_local(async move {
            let bytes = match browser::read_file_bytes(&file).await {
                Ok(b) => b,
                Err(e) => return fail(i18n.browser_error(&e)),
            };
            let text = String::from_utf8_lossy(&bytes);
            match import_template(&text) {
                Err(e) => fail(i18n.import_error(&e)),
                Ok(t) => match prefs::save_template(&t) {
                    Ok(()) => {
                        notices.info(i18n.msg().template_imported(&t.info.name));
                        if let Some(cb) = on_imported {
                            cb.run(());
                        }
                    }
                    Err(e) => fail(i18n.storage_error(&e)),
                },
            }
        });
    };
    view! {
        <label class="button">
            {move || i18n.t(K::ImportTemplate)}
            <input type="file" accept=".json,application/json" class="sr-only" on:change=on_file/>
        </label>
    }
}
