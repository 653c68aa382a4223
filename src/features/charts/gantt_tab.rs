//! The Gantt chart: the WBS on the left, the timeline on a canvas on the right (bars, progress,
//! milestones, dependencies, critical path, status-date line and the イナヅマ線). Only the rows
//! and days in view are drawn, so thousands of tasks scroll smoothly.

use chrono::{Duration, NaiveDate};
use leptos::html;
use leptos::prelude::*;
use mieruka_charts::{GanttView, Geometry, Zoom, GANTT_HEADER_PX};
use mieruka_core::analytics::schedule;
use mieruka_core::analytics::GanttData;
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id};
use plotters::prelude::IntoDrawingArea;

use crate::browser;
use crate::export_error::ExportError;
use crate::features::charts::analysis::with_project_as_of;
use crate::features::charts::chart_canvas::{chart_options, download_png, export_name};
use crate::features::charts::hidpi_canvas::HiDpiCanvas;
use crate::features::project::as_of_banner::AsOfBanner;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::status_date::expect_status_date;
use crate::theme::expect_theme;

const ROW_PX: u32 = 26;
const LABELS_PX: u32 = 300;

fn px_per_day(z: Zoom) -> f64 {
    match z {
        Zoom::Day => 26.0,
        Zoom::Week => 9.0,
        Zoom::Month => 3.0,
    }
}

/// The timeline's whole range: the data's range, widened to include the status date.
fn full_range(g: &GanttData) -> (NaiveDate, NaiveDate) {
    let (a, b) = g.range.unwrap_or((g.status_date, g.status_date));
    let a = a.min(g.status_date) - Duration::days(3);
    let b = b.max(g.status_date) + Duration::days(7);
    (a, b)
}

#[component]
pub fn GanttTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let status = expect_status_date();
    let theme = expect_theme();
    let notices = expect_notices();
    let zoom = RwSignal::new(Zoom::Day);
    let scroll = RwSignal::new((0i32, 0i32));
    let size = RwSignal::new((0u32, 0u32));
    let hover = RwSignal::new(None::<(i32, i32, usize)>);
    let geometry = StoredValue::new(None::<Geometry>);
    let boxed = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Canvas>::new();

    let data = Memo::new(move |_| {
        let d = status.get();
        // The bars are drawn from the tasks (titles, dates, links), the calendar and the baselines.
        let reads = [Read::Kind(EntityKind::Task), Read::Kind(EntityKind::Baseline), Read::info(pid)];
        with_project_as_of(&store, pid, d, &reads, |inp| schedule::gantt(inp.state, &inp.calendar, d))
            .unwrap_or_default()
    });
    let range = Memo::new(move |_| data.with(full_range));
    let total_w = move || {
        let (a, b) = range.get();
        ((b - a).num_days() as f64 + 1.0) * px_per_day(zoom.get())
    };
    let rows_n = move || data.with(|g| g.rows.len());
    let view_of = move || {
        let (top, left) = scroll.get();
        let (w, h) = size.get();
        let ppd = px_per_day(zoom.get());
        let (a, b) = range.get();
        let from = a + Duration::days((f64::from(left.max(0)) / ppd).floor() as i64);
        let days = (f64::from(w.saturating_sub(LABELS_PX)) / ppd).ceil() as i64;
        let to = (from + Duration::days(days.max(1) - 1)).min(b.max(from));
        let first_row = (top.max(0) as u32 / ROW_PX) as usize;
        let rows = (h.saturating_sub(GANTT_HEADER_PX) / ROW_PX + 1) as usize;
        GanttView { first_row, rows, row_height_px: ROW_PX, zoom: zoom.get(), from, to }
    };

    // Measure the viewport.
    Effect::new(move |_| {
        if let Some(el) = boxed.get() {
            let el: web_sys::Element = el.into();
            size.set((el.client_width().max(0) as u32, el.client_height().max(0) as u32));
        }
    });
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(el) = boxed.get_untracked() {
            let el: web_sys::Element = el.into();
            size.set((el.client_width().max(0) as u32, el.client_height().max(0) as u32));
        }
    });
    on_cleanup(move || on_resize.remove());

    // Bring the status date into view (a third from the left) when the chart opens, the zoom or
    // the status date changes.
    Effect::new(move |_| {
        let (z, (w, _), d) = (zoom.get(), size.get(), status.get());
        let Some(el) = boxed.get() else { return };
        if w == 0 {
            return;
        }
        let (a, _) = range.get_untracked();
        let x = (d - a).num_days() as f64 * px_per_day(z) - f64::from(w.saturating_sub(LABELS_PX)) / 3.0;
        let el: web_sys::Element = el.into();
        el.set_scroll_left(x.max(0.0) as i32);
    });

    // Draw the window.
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        let v = view_of();
        let (w, h) = size.get();
        let tw = w.saturating_sub(LABELS_PX);
        if tw == 0 || h == 0 {
            return;
        }
        let mut opts = chart_options(theme.is_dark(), i18n.lang.get(), false);
        opts.today = Some(browser::today());
        data.with(|g| {
            let Some(backend) = HiDpiCanvas::new(c.clone(), (tw, h), browser::device_pixel_ratio()) else {
                return;
            };
            let area = backend.into_drawing_area();
            match mieruka_charts::gantt(&area, g, &v, &opts) {
                Ok(geo) => {
                    if let Err(e) = area.present() {
                        leptos::logging::warn!("gantt: {e:?}");
                    }
                    geometry.set_value(Some(geo));
                    browser::perf_mark("mieruka:gantt-drawn");
                }
                Err(e) => leptos::logging::warn!("gantt: {e:?}"),
            }
        });
    });

    let export = move |ext: &'static str| {
        let mut opts = chart_options(false, i18n.lang.get_untracked(), false);
        opts.today = Some(browser::today());
        let result = data.with_untracked(|g| {
            let mut v = GanttView::whole(g);
            let (a, b) = full_range(g);
            v.from = a;
            v.to = b;
            v.zoom = zoom.get_untracked();
            v.row_height_px = 22;
            let w = (((b - a).num_days() + 1) as f64 * px_per_day(v.zoom)).clamp(600.0, 12_000.0) as u32;
            let h = GANTT_HEADER_PX + 22 * (g.rows.len().min(2_000) as u32) + 4;
            let label = store
                .with_untracked(|ws| ws.projects.get(&pid).map(|p| p.info.label().to_string()))
                .unwrap_or_default();
            let name = export_name(&label, "gantt", g.status_date, ext);
            if ext == "svg" {
                mieruka_charts::to_svg(w, h, |area| mieruka_charts::gantt(area, g, &v, &opts))
                    .map_err(ExportError::from)
                    .and_then(|svg| Ok(browser::download(&name, "image/svg+xml", &svg)?))
            } else {
                // Canvases have a size limit (~16k px a side): scale down big charts instead of failing.
                let ratio = (16_000.0 / f64::from(w.max(h))).min(2.0);
                download_png((w, h), ratio, &name, |area| mieruka_charts::gantt(area, g, &v, &opts))
            }
        });
        if let Err(e) = result {
            e.tell(&i18n, &notices);
        }
    };

    let on_move = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = (ev.offset_x(), ev.offset_y());
        let row = geometry.with_value(|g| g.as_ref().and_then(|g| g.row_at(x, y)));
        hover.set(row.map(|r| (x, y, r)));
    };
    let readout = move || {
        let (x, y, r) = hover.get()?;
        let row = data.with(|g| g.rows.get(r).cloned())?;
        let mut lines =
            vec![format!("{} – {}", i18n.date(row.start), i18n.date(row.due)), format!("{:.0}%", row.percent)];
        if row.critical {
            lines.push(i18n.t(K::CriticalPath).to_string());
        }
        if row.late {
            lines.push(i18n.t(K::BehindPlan).to_string());
        }
        let w = f64::from(size.get().0.saturating_sub(LABELS_PX));
        let (left, right) = if f64::from(x) > w / 2.0 {
            (String::new(), format!("{}px", (w - f64::from(x) + 12.0).max(0.0)))
        } else {
            (format!("{}px", x + 12), String::new())
        };
        Some(view! {
            <div class="chart-readout" role="status" style:left=left style:right=right style:top=format!("{}px", y + 12)>
                <strong>{format!("{} {}", row.wbs, row.title)}</strong>
                {lines.into_iter().map(|l| view! { <div>{l}</div> }).collect_view()}
            </div>
        })
    };
    let visible_rows = move || {
        let v = view_of();
        data.with(|g| {
            g.rows.iter().enumerate().skip(v.first_row).take(v.rows).map(|(k, r)| (k, r.clone())).collect::<Vec<_>>()
        })
    };

    view! {
        <div class="gantt-page">
            <AsOfBanner/>
            <div class="gantt-toolbar">
                <label class="field inline">
                    <span>{move || i18n.t(K::Zoom)}</span>
                    <select on:change=move |ev| zoom.set(match event_target_value(&ev).as_str() {
                        "week" => Zoom::Week,
                        "month" => Zoom::Month,
                        _ => Zoom::Day,
                    })>
                        <option value="day" selected=move || zoom.get() == Zoom::Day>{move || i18n.t(K::ZoomDay)}</option>
                        <option value="week" selected=move || zoom.get() == Zoom::Week>{move || i18n.t(K::ZoomWeek)}</option>
                        <option value="month" selected=move || zoom.get() == Zoom::Month>{move || i18n.t(K::ZoomMonth)}</option>
                    </select>
                </label>
                <div class="legend-inline">
                    <span>{move || i18n.t(K::LegendCritical)}</span>
                    <span>{move || i18n.t(K::LegendInazuma)}</span>
                </div>
                <button on:click=move |_| export("svg") aria-label=move || format!("{} SVG: {}", i18n.t(K::Export), i18n.t(K::TabGantt))>"SVG"</button>
                <button on:click=move |_| export("png") aria-label=move || format!("{} PNG: {}", i18n.t(K::Export), i18n.t(K::TabGantt))>"PNG"</button>
            </div>
            <Show
                when=move || { rows_n() > 0 }
                fallback=move || view! { <p class="empty-state">{move || i18n.t(K::GanttEmpty)}</p> }
            >
                // Focusable, so the keyboard can scroll the timeline (arrows, Page Up/Down).
                <div
                    class="gantt"
                    tabindex="0"
                    role="region"
                    aria-label=move || i18n.t(K::GanttTimeline)
                    node_ref=boxed
                    on:scroll=move |ev| {
                        if let Some(el) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) {
                            scroll.set((el.scroll_top(), el.scroll_left()));
                        }
                    }
                >
                    <div
                        style:width=move || format!("{}px", LABELS_PX as f64 + total_w())
                        style:height=move || format!("{}px", GANTT_HEADER_PX as usize + rows_n() * ROW_PX as usize + 8)
                    >
                        <div class="gantt-sticky" style:width=move || format!("{}px", size.get().0) style:height=move || format!("{}px", size.get().1)>
                            <div class="gantt-labels" role="list" aria-label=move || i18n.t(K::TabGantt)>
                                <div class="head" style:height=format!("{GANTT_HEADER_PX}px")>{move || i18n.t(K::Title)}</div>
                                {move || visible_rows().into_iter().map(|(_, r)| view! {
                                    <div
                                        role="listitem"
                                        class="row"
                                        class:summary=r.summary
                                        class:critical=r.critical
                                        style:height=format!("{ROW_PX}px")
                                        style:padding-left=format!("{}rem", 0.4 + r.depth as f64 * 0.9)
                                        title=r.title.clone()
                                    >
                                        <span class="wbs">{r.wbs.clone()}</span>
                                        <span>{if r.milestone { format!("◆ {}", r.title) } else { r.title.clone() }}</span>
                                    </div>
                                }).collect_view()}
                            </div>
                            <div class="gantt-timeline">
                                <canvas
                                    node_ref=canvas
                                    role="img"
                                    aria-label=move || i18n.t(K::GanttTimeline)
                                    style:width=move || format!("{}px", size.get().0.saturating_sub(LABELS_PX))
                                    style:height=move || format!("{}px", size.get().1)
                                    on:pointermove=on_move
                                    on:pointerleave=move |_| hover.set(None)
                                ></canvas>
                                {readout}
                            </div>
                        </div>
                    </div>
                </div>
            </Show>
        </div>
    }
}
