//! The output buttons of a report: print (the browser's "Save as PDF"; print CSS in
//! style/main.css shows only the report), Markdown download and copy, self-contained HTML download.

use leptos::prelude::*;
use mieruka_core::status_report::{markdown, ReportContent};
use mieruka_core::Report;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::features::charts::chart_canvas::export_name;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use mieruka_core::Lang;

/// Copies text with the asynchronous clipboard API (read through `Reflect`, so no extra web-sys
/// feature); `Err` when the browser has none.
fn copy_text(text: &str) -> Result<(), String> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(browser::js_err)?;
    if clipboard.is_undefined() {
        return Err("no clipboard".into());
    }
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .map_err(browser::js_err)?
        .dyn_into()
        .map_err(|_| "no clipboard.writeText".to_string())?;
    write.call1(&clipboard, &text.into()).map_err(browser::js_err)?;
    Ok(())
}

#[component]
pub fn ReportOutputs(
    /// The report's narrative.
    #[prop(into)]
    report: Signal<Report>,
    /// Its content (the frozen body, or a draft's).
    #[prop(into)]
    content: Signal<ReportContent>,
    /// The document language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// The project's code or name, for file names.
    #[prop(into)]
    project: Signal<String>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let notices = expect_notices();
    let name = move |ext: &str| {
        let end = content.with_untracked(|c| c.header.period_end);
        export_name(&project.get_untracked(), "report", end, ext)
    };
    let md = move || content.with_untracked(|c| markdown(&report.get_untracked(), c, lang.get_untracked()));
    let fail = move |e: String| notices.error(format!("{} {e}", i18n.t(K::ExportFailed)));
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            if let Err(e) = w.print() {
                fail(browser::js_err(e));
            }
        }
    };
    let download_md = move |_| {
        if let Err(e) = browser::download(&name("md"), "text/markdown;charset=utf-8", &md()) {
            fail(e);
        }
    };
    let copy_md = move |_| match copy_text(&md()) {
        Ok(()) => notices.info(i18n.t(K::MarkdownCopied).to_string()),
        Err(e) => fail(e),
    };
    let download_html = move |_| {
        let html =
            content.with_untracked(|c| mieruka_charts::report_html(&report.get_untracked(), c, lang.get_untracked()));
        match html
            .map_err(|e| e.to_string())
            .and_then(|h| browser::download(&name("html"), "text/html;charset=utf-8", &h))
        {
            Ok(()) => {}
            Err(e) => fail(e),
        }
    };
    view! {
        <div class="toolbar report-outputs no-print">
            <button on:click=print>{move || i18n.t(K::PrintReport)}</button>
            <button on:click=download_md>{move || i18n.t(K::DownloadMarkdown)}</button>
            <button on:click=copy_md>{move || i18n.t(K::CopyMarkdown)}</button>
            <button on:click=download_html>{move || i18n.t(K::DownloadHtml)}</button>
        </div>
    }
}
