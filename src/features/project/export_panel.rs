//! Export one project: the JSON file with its whole history, tasks / issues / risks as CSV that
//! Excel opens correctly in Japanese (UTF-8 with BOM or Shift_JIS; formula cells neutralized), and
//! the WBS and schedule as MS Project XML.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::interop::csv_export::{self, ExportTable};
use mieruka_core::interop::mspdi;
use mieruka_core::interop::text::OutEncoding;
use mieruka_core::Id;

use crate::browser;
use crate::export_error::ExportError;
use crate::features::project::export_file::{export_projects, safe_file_name};
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::csv_download::{csv_file_name, download_csv};

#[component]
pub fn ExportPanel(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let encoding = RwSignal::new(OutEncoding::Utf8Bom);
    let base = move || {
        let label = store.with_project(pid, |p| p.info.label().to_string()).unwrap_or_default();
        format!("{}-{}", safe_file_name(&label), browser::today())
    };

    let export_json = move |_| export_projects(vec![pid], format!("{}.json", base()));
    let export_csv = move |table: ExportTable| {
        let lang = i18n.lang.get_untracked();
        let Some(text) = store.with_project(pid, |p| csv_export::export(p, table, lang)) else { return };
        let what = match table {
            ExportTable::Tasks => "tasks",
            ExportTable::Issues => "issues",
            ExportTable::Risks => "risks",
        };
        download_csv(i18n, notices, &csv_file_name(store, pid, what), &text, encoding.get_untracked());
    };
    let export_xml = move |_| {
        // The schedule needs only the state, but load the history so the file is as complete as
        // the JSON export would be.
        spawn_local(async move {
            if let Err(e) = store.ensure_history(pid).await {
                return ExportError::Storage(e).tell(&i18n, &notices);
            }
            let Some(xml) = store.with_project(pid, mspdi::write) else { return };
            if let Err(e) = browser::download(&format!("{}.xml", base()), "application/xml", &xml) {
                ExportError::Browser(e).tell(&i18n, &notices);
            }
        });
    };

    view! {
        <section class="card export-panel" aria-labelledby="export-title">
            <h2 id="export-title">{move || i18n.t(K::ExportSection)}</h2>
            <p class="muted">{move || i18n.t(K::ExportExplain)}</p>
            <div class="toolbar">
                <button on:click=export_json>{move || i18n.t(K::ExportJson)}</button>
                <button on:click=move |_| export_csv(ExportTable::Tasks)>{move || i18n.t(K::ExportTasksCsv)}</button>
                <button on:click=move |_| export_csv(ExportTable::Issues)>{move || i18n.t(K::ExportIssuesCsv)}</button>
                <button on:click=move |_| export_csv(ExportTable::Risks)>{move || i18n.t(K::ExportRisksCsv)}</button>
                <button on:click=export_xml>{move || i18n.t(K::ExportMspdi)}</button>
            </div>
            <label class="field">
                <span>{move || i18n.t(K::CsvEncoding)}</span>
                <select on:change=move |ev| {
                    encoding.set(if event_target_value(&ev) == "sjis" { OutEncoding::ShiftJis } else { OutEncoding::Utf8Bom })
                }>
                    <option value="utf8" prop:selected=move || encoding.get() == OutEncoding::Utf8Bom>{move || i18n.t(K::EncUtf8Bom)}</option>
                    <option value="sjis" prop:selected=move || encoding.get() == OutEncoding::ShiftJis>{move || i18n.t(K::EncShiftJis)}</option>
                </select>
            </label>
        </section>
    }
}
