//! The project's weekly status reports (進捗報告書): generate a draft, edit, issue, read past ones.

use leptos::prelude::*;
use mieruka_core::Id;

use crate::features::reports::report_editor::ReportEditor;
use crate::features::reports::report_issued::ReportIssued;
use crate::features::reports::report_list::ReportList;
use crate::i18n::{expect_i18n, Lang, K};

#[component]
pub fn ReportsTab(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let i18n = expect_i18n();
    let selected = RwSignal::new(None::<Id>);
    // The report language follows the UI language unless the user picks one.
    let chosen = RwSignal::new(None::<Lang>);
    let lang = Signal::derive(move || chosen.get().unwrap_or_else(|| i18n.lang.get()));
    view! {
        <div class="tab-body reports">
            <p class="intro no-print">{move || i18n.t(K::ReportsIntro)}</p>
            <div class="toolbar no-print">
                <label class="field inline">
                    <span>{move || i18n.t(K::ReportLanguage)}</span>
                    <select on:change=move |ev| chosen.set(match event_target_value(&ev).as_str() {
                        "ja" => Some(Lang::Ja),
                        "en" => Some(Lang::En),
                        _ => None,
                    })>
                        <option value="ja" selected=move || lang.get() == Lang::Ja>{move || i18n.t(K::ReportLangJa)}</option>
                        <option value="en" selected=move || lang.get() == Lang::En>{move || i18n.t(K::ReportLangEn)}</option>
                    </select>
                </label>
                <button on:click=move |_| selected.set(None) prop:disabled=move || selected.get().is_none()>
                    {move || i18n.t(K::NewDraft)}
                </button>
            </div>
            <div class="reports-layout">
                <aside class="no-print">
                    <ReportList pid selected=selected on_open=Callback::new(move |id| selected.set(Some(id)))/>
                </aside>
                <div class="report-main">
                    {move || match selected.get() {
                        None => view! {
                            <ReportEditor pid lang on_issued=Callback::new(move |id| selected.set(Some(id)))/>
                        }.into_any(),
                        Some(id) => view! { <ReportIssued pid id=Signal::derive(move || id) lang/> }.into_any(),
                    }}
                </div>
            </div>
        </div>
    }
}
