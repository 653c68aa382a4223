//! Settings → "Project template": save this project as a template in the browser, or download it
//! as a template file to share.

use leptos::prelude::*;
use mieruka_core::template::{export_template, template_from_project};
use mieruka_core::Id;

use crate::browser;
use crate::export_error::ExportError;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::storage::prefs;

#[component]
pub fn TemplatePanel(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let template = move || store.with_project(pid, template_from_project);
    let save = move |_| {
        let Some(t) = template() else { return };
        match prefs::save_template(&t) {
            Ok(()) => notices.info(i18n.msg().template_saved(&t.info.name)),
            Err(e) => notices.error(format!("{} {}", i18n.t(K::TemplateNotSaved), i18n.storage_error(&e))),
        }
    };
    let download = move |_| {
        let Some(t) = template() else { return };
        let label = store.with_project(pid, |p| p.info.label().to_string()).unwrap_or_default();
        let name = format!("{}-template.json", crate::features::project::template_panel::file_stem(&label));
        if let Err(e) = browser::download(&name, "application/json", &export_template(&t)) {
            ExportError::Browser(e).tell(&i18n, &notices);
        }
    };
    view! {
        <section class="card" aria-label=move || i18n.t(K::TemplatesTitle)>
            <h2>{move || i18n.t(K::TemplatesTitle)}</h2>
            <p class="hint">{move || i18n.t(K::TemplatesIntro)}</p>
            <div class="form-actions start">
                <button type="button" on:click=save>{move || i18n.t(K::SaveAsTemplate)}</button>
                <button type="button" on:click=download>{move || i18n.t(K::DownloadTemplate)}</button>
            </div>
        </section>
    }
}

/// A file-name-safe stem: characters that file systems refuse become `_`.
pub fn file_stem(label: &str) -> String {
    let s: String =
        label.trim().chars().map(|c| if "\\/:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
    if s.is_empty() {
        "project".into()
    } else {
        s
    }
}
