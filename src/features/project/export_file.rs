//! Projects as a Mieruka JSON file with their whole history (the project list's "export all" and
//! each project's export), and the file names exports are given.

use mieruka_core::{format, Id};

use crate::browser;
use crate::export_error::ExportError;
use crate::i18n::expect_i18n;
use crate::notice::expect_notices;
use crate::state::expect_store;
pub use crate::ui::csv_download::safe_file_name;

/// The version written into exported files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Exports projects, with their whole history, as a JSON file download; problems are reported.
pub fn export_projects(ids: Vec<Id>, filename: String) {
    let store = expect_store();
    let notices = expect_notices();
    let i18n = expect_i18n();
    let offline = crate::offline::expect_offline();
    leptos::task::spawn_local(async move {
        for id in &ids {
            if let Err(e) = store.ensure_history(*id).await {
                return ExportError::Storage(e).tell(&i18n, &notices);
            }
        }
        let text = store.with_untracked(|ws| {
            let ps: Vec<&mieruka_core::Project> = ids.iter().filter_map(|id| ws.projects.get(id)).collect();
            format::export(&ps, browser::now(), APP_VERSION)
        });
        match browser::download(&filename, "application/json", &text) {
            Ok(()) => offline.exported(browser::now()),
            Err(e) => ExportError::Browser(e).tell(&i18n, &notices),
        }
    });
}
