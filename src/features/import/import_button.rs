//! Import a file: a Mieruka JSON file (validated completely before anything is stored; a project
//! that is already here opens the merge dialog), or an export of another tool — Jira, Backlog,
//! Redmine, any CSV, MS Project XML — which opens the import wizard with its preview. A large
//! Mieruka file goes to the import worker (`crate::import_worker`), which stores it itself.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::interop::ReadError;
use mieruka_core::{Project, Stamp};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::features::import::import_wizard::ImportWizard;
use crate::features::import::merge_dialog::MergeDialog;
use crate::i18n::{expect_i18n, K};
use crate::import_failure::ImportFailure;
use crate::import_outcome::{self, LoadedFile, Opened, Refusal, MAX_BYTES};
use crate::import_worker::protocol::{self, Phase, Runs};
use crate::notice::expect_notices;
use crate::sjis::BrowserShiftJis;
use crate::state::{expect_store, AfterWorker};

#[component]
pub fn ImportButton() -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    // Projects of a JSON file that are already here, each waiting for merge / replace / keep both.
    let pending = RwSignal::new(Vec::<Arc<Project>>::new());
    // A file of another tool, waiting in the import wizard.
    let wizard = RwSignal::new(None::<Arc<LoadedFile>>);
    // What the import is doing before the project is listed (reading, then checking the file);
    // the header then counts the records being saved.
    let phase = RwSignal::new(None::<K>);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let fail = move |e: ImportFailure| e.tell(&i18n, &notices);
        if file.size() > MAX_BYTES as f64 {
            let e = ReadError::TooLarge { bytes: file.size() as usize, max: MAX_BYTES };
            fail(Refusal::Read(e).into());
            return;
        }
        let name = file.name();
        phase.set(Some(K::ReadingFile));
        spawn_local(async move {
            let stamp = Stamp::new(browser::now(), store.actor(), browser::new_id());
            // A large Mieruka file is checked and stored by the import worker: the page stays
            // responsive, and the project opens as a stored one.
            if protocol::runs(&name, &file.type_(), file.size(), store.can_store()) == Runs::Worker {
                let req = store.import_request(&name, stamp.clone());
                let shown = move |p: Phase| {
                    browser::perf_mark(&format!("mieruka:import-{}", p.word()));
                    phase.set(Some(match p {
                        Phase::Keeping | Phase::Reading => K::ReadingFile,
                        Phase::Checking => K::CheckingFile,
                        Phase::Saving => K::SavingImport,
                    }));
                };
                let after = store.import_in_worker(&req, &file, shown).await;
                if after == AfterWorker::Done {
                    phase.set(None);
                    return;
                }
                phase.set(Some(K::ReadingFile));
            }
            let bytes = browser::read_file_bytes(&file).await;
            browser::perf_mark("mieruka:import-read");
            let bytes = match bytes {
                Ok(b) => b,
                Err(e) => {
                    phase.set(None);
                    return fail(e.into());
                }
            };
            // Checking a large file holds the page for a while: say so first.
            phase.set(Some(K::CheckingFile));
            browser::after_paint().await;
            browser::perf_mark("mieruka:import-painted");
            // The same decision the native corpus test checks (import_outcome.rs).
            let opened = import_outcome::open(&name, &bytes, &stamp, &BrowserShiftJis);
            browser::perf_mark("mieruka:import-checked");
            phase.set(None);
            match opened {
                Err(r) => fail(r.into()),
                Ok(Opened::Other(f)) => wizard.set(Some(Arc::new(f))),
                Ok(Opened::Mieruka(imported)) => {
                    let mut ask = Vec::new();
                    for p in imported.projects {
                        if store.with_untracked(|ws| ws.projects.contains_key(&p.id)) {
                            ask.push(Arc::new(p));
                        } else {
                            let name = p.info.name.clone();
                            store.add_project(p);
                            notices.info(i18n.msg().imported(&name));
                        }
                    }
                    pending.set(ask);
                    browser::perf_mark("mieruka:import-added");
                }
            }
        });
    };

    let next_pending = Callback::new(move |()| pending.update(|v| drop(v.remove(0))));
    let close_wizard = Callback::new(move |()| wizard.set(None));

    view! {
        <label class="button" class:busy=move || phase.with(Option::is_some)>
            {move || i18n.t(K::ImportFile)}
            <input
                type="file"
                accept=".json,.csv,.tsv,.txt,.xml,application/json,text/csv,text/xml"
                class="sr-only"
                on:change=on_file
            />
        </label>
        {move || phase.get().map(|k| view! {
            <span class="import-phase" role="status">
                {i18n.t(k)} " " <progress aria-label=i18n.t(k)></progress>
            </span>
        })}
        {move || pending.with(|v| v.first().cloned()).map(|p| view! { <MergeDialog incoming=p on_close=next_pending/> })}
        {move || wizard.get().map(|f| view! { <ImportWizard file=f on_close=close_wizard/> })}
    }
}
