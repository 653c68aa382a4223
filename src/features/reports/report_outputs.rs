//! The output buttons of a report: print (the browser's "Save as PDF"; print CSS in
//! style/main.css shows only the report), Markdown download and copy, self-contained HTML download.

use leptos::prelude::*;
use mieruka_core::status_report::{markdown, ReportContent};
use mieruka_core::Report;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::dom_error::DomError;
use crate::export_error::ExportError;
use crate::features::charts::chart_canvas::export_name;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use mieruka_core::Lang;

/// Copies text with the asynchronous clipboard API (read through `Reflect`, so no extra web-sys
/// feature); `Err` when the browser has none.
fn copy_text(text: &str) -> Result<(), DomError> {
    let navigator = web_sys::window().ok_or_else(|| DomError::missing("no window"))?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())?;
    if clipboard.is_undefined() {
        return Err(DomError::missing("no clipboard"));
    }
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())?
        .dyn_into()
        .map_err(|_| DomError::missing("no clipboard.writeText"))?;
    write.call1(&clipboard, &text.into())?;
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
    let fail = move |e: ExportError| e.tell(&i18n, &notices);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            if let Err(e) = w.print() {
                fail(ExportError::Browser(e.into()));
            }
        }
    };
    let download_md = move |_| {
        if let Err(e) = browser::download(&name("md"), "text/markdown;charset=utf-8", &md()) {
            fail(e.into());
        }
    };
    let copy_md = move |_| match copy_text(&md()) {
        Ok(()) => notices.info(i18n.t(K::MarkdownCopied).to_string()),
        Err(e) => fail(e.into()),
    };
    let download_html = move |_| {
        let html =
            content.with_untracked(|c| mieruka_charts::report_html(&report.get_untracked(), c, lang.get_untracked()));
        let downloaded = html
            .map_err(ExportError::from)
            .and_then(|h| Ok(browser::download(&name("html"), "text/html;charset=utf-8", &h)?));
        if let Err(e) = downloaded {
            fail(e);
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
