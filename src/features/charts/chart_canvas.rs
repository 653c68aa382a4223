//! A chart on a `<canvas>`: follows its container's width and the device pixel ratio, redraws when
//! the data, the theme or the language change, reads out the values under the pointer, and exports
//! the same drawing as SVG or PNG.

use leptos::html;
use leptos::prelude::*;
use mieruka_charts::{ChartError, ChartOptions, Geometry};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::dom_error::DomError;
use crate::export_error::ExportError;
use crate::features::charts::hidpi_canvas::HiDpiCanvas;
use crate::features::charts::spec::ChartSpec;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::theme::expect_theme;

/// Chart options for the current theme and language.
pub fn chart_options(dark: bool, lang: crate::i18n::Lang, compact: bool) -> ChartOptions {
    let theme = if dark { mieruka_charts::Theme::dark() } else { mieruka_charts::Theme::light() };
    ChartOptions { theme, lang, compact, today: Some(browser::today()), ..ChartOptions::default() }
}

/// A safe file name: project, chart and date, e.g. `PRJ-001-burndown-2026-11-25.svg`.
pub fn export_name(project: &str, chart: &str, date: chrono::NaiveDate, ext: &str) -> String {
    let clean: String = project
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .chars()
        .take(60)
        .collect();
    let clean = if clean.is_empty() { "project".to_string() } else { clean };
    format!("{clean}-{chart}-{}.{ext}", date.format("%Y-%m-%d"))
}

#[component]
pub fn ChartCanvas(
    /// What to draw (series from the core); the chart redraws whenever it changes.
    #[prop(into)]
    spec: Signal<Option<ChartSpec>>,
    /// Accessible name of the chart.
    #[prop(into)]
    label: Signal<String>,
    /// The project's code or name, for export file names.
    #[prop(into)]
    project: Signal<String>,
    /// The status date, for export file names.
    #[prop(into)]
    date: Signal<chrono::NaiveDate>,
    /// Height in CSS pixels.
    #[prop(default = 380)]
    height: u32,
    /// The small dashboard version (no title, fewer ticks).
    #[prop(default = false)]
    compact: bool,
    /// Risk matrix only: called with (probability, impact) when a cell is chosen.
    #[prop(optional)]
    on_cell: Option<Callback<(u8, u8)>>,
    /// Show the SVG / PNG export buttons.
    #[prop(default = true)]
    exportable: bool,
) -> impl IntoView {
    let i18n = expect_i18n();
    let theme = expect_theme();
    let notices = expect_notices();
    let wrap = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let width = RwSignal::new(0u32);
    let geometry = RwSignal::new(None::<Geometry>);
    let pointer = RwSignal::new(None::<(f64, usize)>);

    // Follow the container's width.
    Effect::new(move |_| {
        let Some(el) = wrap.get() else { return };
        let el: web_sys::Element = el.into();
        width.set(el.client_width().max(0) as u32);
        let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
                let w = entry.content_rect().width().round().max(0.0) as u32;
                if width.get_untracked() != w {
                    width.set(w);
                }
            }
        });
        match web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
            Ok(obs) => {
                obs.observe(&el);
                // The closure lives exactly as long as the observer.
                let keep = send_wrapper::SendWrapper::new((obs, cb));
                on_cleanup(move || keep.0.disconnect());
            }
            Err(e) => leptos::logging::warn!("no ResizeObserver: {e:?}"),
        }
    });

    // Draw.
    Effect::new(move |_| {
        let (Some(c), w) = (canvas.get(), width.get()) else { return };
        let dark = theme.is_dark();
        let lang = i18n.lang.get();
        spec.with(|spec| {
            let Some(spec) = spec else { return };
            if w == 0 {
                return;
            }
            let opts = chart_options(dark, lang, compact);
            let Some(backend) = HiDpiCanvas::new(c.clone(), (w, height), browser::device_pixel_ratio()) else {
                return;
            };
            let area = backend.into_drawing_area();
            match spec.draw(&area, &opts) {
                Ok(g) => {
                    if let Err(e) = area.present() {
                        leptos::logging::warn!("chart: {e:?}");
                    }
                    geometry.set(Some(g));
                    browser::perf_mark("mieruka:chart-drawn");
                }
                Err(e) => leptos::logging::warn!("chart: {e:?}"),
            }
        });
    });

    let export_svg = move |_| {
        let Some(spec) = spec.get_untracked() else { return };
        let w = width.get_untracked().max(640);
        let opts = chart_options(false, i18n.lang.get_untracked(), false);
        let result = mieruka_charts::to_svg(w, height, |area| spec.draw(area, &opts));
        let name = export_name(&project.get_untracked(), spec.slug(), date.get_untracked(), "svg");
        if let Err(e) =
            result.map_err(ExportError::from).and_then(|svg| Ok(browser::download(&name, "image/svg+xml", &svg)?))
        {
            e.tell(&i18n, &notices);
        }
    };
    let export_png = move |_| {
        let Some(spec) = spec.get_untracked() else { return };
        let w = width.get_untracked().max(640);
        let opts = chart_options(false, i18n.lang.get_untracked(), false);
        let name = export_name(&project.get_untracked(), spec.slug(), date.get_untracked(), "png");
        if let Err(e) = download_png((w, height), 2.0, &name, |area| spec.draw(area, &opts)) {
            e.tell(&i18n, &notices);
        }
    };

    let on_move = move |ev: leptos::ev::PointerEvent| {
        let n = spec.with_untracked(|s| s.as_ref().map(ChartSpec::x_len).unwrap_or(0));
        let Some(g) = geometry.get_untracked() else { return };
        if n == 0 {
            pointer.set(None);
            return;
        }
        let x = f64::from(ev.offset_x());
        let Some(i) = g.index_at(ev.offset_x()).filter(|i| *i < n) else {
            pointer.set(None);
            return;
        };
        pointer.set(Some((x, i)));
    };
    let readout = move || {
        let (x, i) = pointer.get()?;
        let (head, lines) = spec.with(|s| s.as_ref().and_then(|s| s.readout(i, &i18n)))?;
        let w = f64::from(width.get());
        let (left, right) = if x > w / 2.0 {
            (String::new(), format!("{}px", (w - x + 12.0).max(0.0)))
        } else {
            (format!("{}px", x + 12.0), String::new())
        };
        Some(view! {
            <div class="chart-readout" role="status" style:left=left style:right=right>
                <strong>{head}</strong>
                {lines.into_iter().map(|l| view! { <div>{l}</div> }).collect_view()}
            </div>
        })
    };
    let cells = move || {
        let on_cell = on_cell?;
        let g = geometry.get()?;
        Some(
            g.cells
                .into_iter()
                .map(|((p, i), (x, y, w, h), n)| {
                    let name = format!(
                        "{} {p} × {} {i}: {n} {}",
                        i18n.t(K::ProbabilityShort),
                        i18n.t(K::ImpactShort),
                        i18n.t(K::RisksCount)
                    );
                    view! {
                        <button
                            class="matrix-cell"
                            style:left=format!("{x}px")
                            style:top=format!("{y}px")
                            style:width=format!("{w}px")
                            style:height=format!("{h}px")
                            aria-label=name.clone()
                            title=name
                            on:click=move |_| on_cell.run((p, i))
                        ></button>
                    }
                })
                .collect_view(),
        )
    };

    view! {
        <figure class="chart" class:compact=compact>
            <div class="chart-wrap" node_ref=wrap style:height=format!("{height}px")>
                <canvas
                    node_ref=canvas
                    role="img"
                    aria-label=move || {
                        let summary = spec.with(|s| s.as_ref().map(|s| s.summary(&i18n)).unwrap_or_default());
                        if summary.is_empty() { label.get() } else { format!("{} — {summary}", label.get()) }
                    }
                    style:width=move || format!("{}px", width.get())
                    style:height=format!("{height}px")
                    on:pointermove=on_move
                    on:pointerleave=move |_| pointer.set(None)
                ></canvas>
                {cells}
                {readout}
            </div>
            {exportable.then(|| view! {
                <figcaption class="chart-actions">
                    <button on:click=export_svg aria-label=move || format!("{} SVG: {}", i18n.t(K::Export), label.get())>
                        "SVG"
                    </button>
                    <button on:click=export_png aria-label=move || format!("{} PNG: {}", i18n.t(K::Export), label.get())>
                        "PNG"
                    </button>
                </figcaption>
            })}
        </figure>
    }
}

/// Draws on an off-screen canvas of `size` CSS pixels at `ratio` and downloads it as PNG.
pub fn download_png(
    size: (u32, u32),
    ratio: f64,
    name: &str,
    draw: impl FnOnce(&DrawingArea<HiDpiCanvas, Shift>) -> Result<Geometry, mieruka_charts::ChartError>,
) -> Result<(), ExportError> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| DomError::missing("no document"))?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(DomError::from)?
        .dyn_into()
        .map_err(|_| DomError::missing("no canvas"))?;
    let backend = HiDpiCanvas::new(canvas.clone(), size, ratio).ok_or_else(|| DomError::missing("no 2D context"))?;
    let area = backend.into_drawing_area();
    draw(&area)?;
    area.present().map_err(ChartError::from)?;
    let name = name.to_string();
    let cb = Closure::once(move |blob: JsValue| match blob.dyn_into::<web_sys::Blob>() {
        Ok(blob) => {
            if let Err(e) = browser::download_blob(&name, &blob) {
                leptos::logging::error!("PNG export: {e}");
            }
        }
        Err(_) => leptos::logging::error!("PNG export: the canvas gave no image"),
    });
    canvas.to_blob(cb.as_ref().unchecked_ref()).map_err(DomError::from)?;
    cb.forget();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names_say_project_chart_and_date() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(export_name("PRJ-001", "burndown", d, "svg"), "PRJ-001-burndown-2026-11-25.svg");
        assert_eq!(export_name("基幹/刷新 ", "gantt", d, "png"), "基幹-刷新-gantt-2026-11-25.png");
        assert_eq!(export_name("../..", "ev", d, "svg"), "project-ev-2026-11-25.svg");
    }
}
