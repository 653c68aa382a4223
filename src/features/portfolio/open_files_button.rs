//! "Open project files…": reads several Mieruka JSON files into the portfolio without storing
//! anything. Each file is validated on its own (`format::import`, as the import button does): a
//! broken one gets a located message in the notices and the others still open.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::format::{self, ImportError};
use mieruka_core::interop::text::decode_with;
use mieruka_core::interop::ReadError;
use mieruka_core::{Project, Stamp};
use thiserror::Error;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::dom_error::DomError;
use crate::features::portfolio::portfolio_files::{expect_portfolio_files, PortfolioSource};
use crate::i18n::{expect_i18n, I18n, K};
use crate::sjis::BrowserShiftJis;
use crate::state::expect_store;

/// Why one file did not open.
#[derive(Debug, Error)]
enum NotOpened {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Browser(#[from] DomError),
}

impl NotOpened {
    /// Why, in the user's language.
    fn message(&self, i18n: &I18n) -> String {
        match self {
            NotOpened::Read(e) => i18n.read_error(e),
            NotOpened::Import(e) => i18n.import_error(e),
            NotOpened::Browser(e) => i18n.browser_error(e),
        }
    }
}

async fn read_projects(file: &web_sys::File, stamp: &Stamp) -> Result<Vec<Project>, NotOpened> {
    if file.size() > format::MAX_FILE_BYTES as f64 {
        return Err(ReadError::TooLarge { bytes: file.size() as usize, max: format::MAX_FILE_BYTES }.into());
    }
    let bytes = browser::read_file_bytes(file).await?;
    let text = decode_with(&bytes, &BrowserShiftJis)?.text;
    Ok(format::import(&text, stamp)?.projects)
}

#[component]
pub fn OpenFilesButton() -> impl IntoView {
    let i18n = expect_i18n();
    let notices = crate::notice::expect_notices();
    let store = expect_store();
    let files = expect_portfolio_files();
    let reading = RwSignal::new(false);

    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|k| list.get(k)).collect();
        input.set_value("");
        if chosen.is_empty() {
            return;
        }
        reading.set(true);
        spawn_local(async move {
            let mut opened = Vec::new();
            for file in &chosen {
                let stamp = Stamp::new(browser::now(), store.actor(), browser::new_id());
                match read_projects(file, &stamp).await {
                    Ok(ps) => opened.extend(ps),
                    Err(e) => {
                        notices.error(format!("{} {}: {}", i18n.t(K::FileOpenFailed), file.name(), e.message(&i18n)))
                    }
                }
            }
            reading.set(false);
            if opened.is_empty() {
                return;
            }
            let names = opened.iter().map(|p| p.info.label().to_string()).collect::<Vec<_>>().join(", ");
            files.add(opened);
            if files.source.get_untracked() == PortfolioSource::Stored {
                files.source.set(PortfolioSource::Files);
            }
            notices.info(i18n.msg().files_opened(names));
        });
    };

    view! {
        <label class="button" class:busy=move || reading.get() title=move || i18n.t(K::OpenFilesHint)>
            {move || i18n.t(K::OpenProjectFiles)}
            <input type="file" multiple accept=".json,application/json" class="sr-only" on:change=on_change/>
        </label>
    }
}
