use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};
use crate::offline::expect_offline;
use crate::state::expect_store;

/// Days after an export when the reminder turns into a warning.
pub const EXPORT_REMINDER_DAYS: i64 = 7;

/// Where the browser has not promised to keep the data (`storage.persist()` refused: an ordinary
/// site without enough engagement, a private window, Safari's 7-day eviction), says so on the
/// project list and counts the days since the last export, with the export at hand.
#[component]
pub fn StorageNote(
    /// Exports every project (the page's own "export all").
    on_export: Callback<()>,
) -> impl IntoView {
    let offline = expect_offline();
    let store = expect_store();
    let i18n = expect_i18n();
    move || {
        let has_projects = store.with(|ws| !ws.projects.is_empty());
        if offline.persisted.get() != Some(false) || !has_projects {
            return None;
        }
        let days = offline.last_export.get().map(|at| (crate::browser::now() - at).num_days().max(0));
        let overdue = days.is_none_or(|d| d >= EXPORT_REMINDER_DAYS);
        let when = match days {
            None => i18n.t(K::LastExportNever).to_string(),
            Some(0) => i18n.t(K::LastExportToday).to_string(),
            Some(1) => i18n.t(K::LastExportYesterday).to_string(),
            Some(d) => i18n.msg().last_export_days_ago(d),
        };
        Some(view! {
            <aside class="storage-note" class:overdue=overdue aria-label=i18n.t(K::StorageNoteLabel)>
                <p>{i18n.t(K::StorageNotPersistent)}</p>
                <p>
                    <strong>{when}</strong>
                    " "
                    <button on:click=move |_| on_export.run(())>{i18n.t(K::ExportCopyNow)}</button>
                </p>
            </aside>
        })
    }
}
