//! Workload: planned hours per member per week against capacity, over-allocation in red.
//! Up to 4 lanes (members + unassigned) as grouped bars on one axis; more as one lane per member.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

use mieruka_core::analytics::WorkloadSeries;

use crate::draw::{
    ellipsize, max_finite, no_overlap, px, rgba, time_frame, AxisSpec, Entry, Painter, Rect, Swatch, XScale, YScale,
    PAD,
};
use crate::text::{self, axis_title, text_width, Lang};
use crate::{ChartError, ChartOptions, Geometry};

const MAX_GROUPED: usize = 4;

/// Week labels every 1, 2, 4… weeks, whichever leaves room.
fn week_ticks(lang: Lang, weeks: &[NaiveDate], xs: &XScale, size: f64, lo: i32, hi: i32) -> Vec<(i32, String)> {
    let sample = if lang == Lang::Ja { "12/30" } else { "Sep 30" };
    let need = (text_width(sample, size) + 10.0) / xs.spacing().max(0.01);
    let every = [1usize, 2, 4, 8, 13, 26, 52].into_iter().find(|e| *e as f64 >= need).unwrap_or(52);
    let labels =
        weeks.iter().enumerate().step_by(every).map(|(i, d)| (xs.x(i as f64), lang.fmt().month_day(*d))).collect();
    no_overlap(labels, size, lo, hi)
}

struct Lane<'a> {
    member: Option<usize>,
    name: String,
    planned: &'a [f64],
    capacity: Option<&'a [f64]>,
    color: RGBColor,
}

fn val(v: &[f64], i: usize) -> f64 {
    v.get(i).copied().filter(|x| x.is_finite()).unwrap_or(0.0).max(0.0)
}

/// One bar: planned up to capacity in `color`, the excess in the alert colour with an outline,
/// and the capacity as a bold mark.
#[allow(clippy::too_many_arguments)]
fn bar<DB: DrawingBackend>(
    p: &Painter<DB>,
    x0: i32,
    x1: i32,
    ys: &YScale,
    planned: f64,
    cap: Option<f64>,
    color: RGBColor,
) -> Result<(), ChartError> {
    let th = p.theme;
    let x1 = x1.max(x0 + 1);
    let base = ys.y(0.0);
    match cap {
        Some(c) if planned > c + 1e-9 => {
            p.rect((x0, ys.y(c)), (x1, base), rgba(color, 1.0), true)?;
            p.rect((x0, ys.y(planned)), (x1, ys.y(c)), rgba(th.alert, 1.0), true)?;
            p.hatch((x0, ys.y(planned)), (x1, ys.y(c)), th.background, 5)?;
            p.rect((x0, ys.y(planned)), (x1, ys.y(c)), rgba(th.alert, 1.0), false)?;
        }
        _ => {
            if planned > 0.0 {
                p.rect((x0, ys.y(planned)), (x1, base), rgba(color, 1.0), true)?;
            }
        }
    }
    if let Some(c) = cap {
        let y = ys.y(c);
        p.line(&[(x0 - 1, y), (x1 + 1, y)], th.text, 2)?;
    }
    Ok(())
}

pub fn workload<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &WorkloadSeries,
    opts: &ChartOptions,
) -> Result<Geometry, ChartError> {
    let p = Painter::new(area, opts)?;
    let t = p.t;
    let n = s.weeks.len();
    if n == 0 {
        return p.empty(t.workload, t.empty_no_days);
    }
    let th = p.theme;
    let mut lanes: Vec<Lane> = s
        .members
        .iter()
        .enumerate()
        .map(|(k, m)| Lane {
            member: Some(k),
            name: m.name.clone(),
            planned: &m.planned,
            capacity: Some(&m.capacity),
            color: th.series(k % 6),
        })
        .collect();
    if s.unassigned.iter().any(|v| v.is_finite() && *v > 0.0) {
        lanes.push(Lane {
            member: None,
            name: t.unassigned.to_string(),
            planned: &s.unassigned,
            capacity: None,
            color: th.series[6],
        });
    }
    let vmax = max_finite(
        lanes
            .iter()
            .flat_map(|l| (0..n).flat_map(move |i| [val(l.planned, i), l.capacity.map(|c| val(c, i)).unwrap_or(0.0)])),
    );
    if lanes.is_empty() || vmax <= 0.0 {
        return p.empty(t.workload, t.empty_no_members);
    }
    let unit = opts.unit_label.clone().unwrap_or_else(|| "h".to_string());
    let any_over =
        lanes.iter().any(|l| l.capacity.is_some_and(|c| (0..n).any(|i| val(l.planned, i) > val(c, i) + 1e-9)));
    let grouped = lanes.len() <= MAX_GROUPED && {
        // Bars at least 4 px wide.
        let approx_w = (p.w - 90).max(10) as f64;
        approx_w / n as f64 * 0.8 / lanes.len() as f64 >= 4.0
    };
    let fmt = |v: f64, step: f64| p.lang.fmt().figure_for_step(v, step);

    if grouped {
        let mut legend: Vec<Entry> = lanes.iter().map(|l| Entry::new(Swatch::Box(l.color), l.name.clone())).collect();
        legend.push(Entry::new(Swatch::Tick(th.text), t.capacity));
        if any_over {
            legend.push(Entry::new(Swatch::Hatched(th.alert), t.over_capacity));
        }
        let f =
            time_frame(&p, t.workload, &legend, AxisSpec { lo: 0.0, hi: vmax * 1.1, integer: false, fmt: &fmt }, None)?;
        let (plot, ys) = (f.plot, &f.ys);
        let xs = XScale::new(&plot, n, true);
        let ticks = week_ticks(p.lang, &s.weeks, &xs, p.sz.tick, 2, p.w - 2);
        p.y_axis_left(&plot, ys, &f.y_labels, Some(&axis_title(p.lang, t.effort, &unit)))?;
        p.x_axis(&plot, &ticks, Some(t.week_of))?;
        let group = xs.spacing() * 0.8;
        let bw = group / lanes.len() as f64;
        for i in 0..n {
            let g0 = xs.xf(i as f64) - group / 2.0;
            for (k, l) in lanes.iter().enumerate() {
                let x0 = px(g0 + bw * k as f64 + 0.5);
                let x1 = px(g0 + bw * (k + 1) as f64 - 0.5);
                bar(&p, x0, x1, ys, val(l.planned, i), l.capacity.map(|c| val(c, i)), l.color)?;
            }
        }
        return Ok(p.geometry(plot, n, true));
    }

    // One lane per member, on a shared scale.
    // Headroom above the largest value, so capacity marks do not sit on the lane borders.
    let lane_scale = YScale::new(0.0, vmax * 1.1, 4, false);
    let lane_max = lane_scale.hi;
    let mut legend =
        vec![Entry::new(Swatch::Box(th.series[0]), t.effort), Entry::new(Swatch::Tick(th.text), t.capacity)];
    if any_over {
        legend.push(Entry::new(Swatch::Hatched(th.alert), t.over_capacity));
    }
    let scale_note = text::lane_height(p.lang, &format!("{}{unit}", p.lang.fmt().figure(lane_max, 0)));
    legend.push(Entry::new(Swatch::None, scale_note));
    let mut top = p.title(t.workload)?;
    top = p.legend(&legend, top)? + 4;
    let bottom = p.h - p.x_axis_height();
    let name_w =
        lanes.iter().map(|l| text_width(&l.name, p.sz.tick)).fold(0.0, f64::max).min(p.w as f64 * 0.3).max(24.0).ceil()
            as i32
            + 1;
    let plot =
        Rect { x: PAD + name_w + 8, y: top, w: (p.w - PAD - name_w - 8 - PAD - 14).max(10), h: (bottom - top).max(10) };
    let min_lane = if p.compact { 14 } else { 20 };
    let fit = (plot.h / min_lane).max(1) as usize;
    let (shown, hidden) = if lanes.len() <= fit {
        (lanes.len(), 0)
    } else {
        (fit.saturating_sub(1).max(1), lanes.len() - fit.saturating_sub(1).max(1))
    };
    let rows = shown + usize::from(hidden > 0);
    let lh = plot.h / rows as i32;
    let xs = XScale::new(&plot, n, true);
    let ticks = week_ticks(p.lang, &s.weeks, &xs, p.sz.tick, 2, p.w - 2);
    p.x_axis(&plot, &ticks, Some(t.week_of))?;
    let bw = (xs.spacing() * 0.75).max(1.0);
    let mut geo_lanes = Vec::new();
    for (k, l) in lanes.iter().take(shown).enumerate() {
        let y0 = plot.y + k as i32 * lh;
        let lane = Rect { x: plot.x, y: y0 + 3, w: plot.w, h: (lh - 5).max(2) };
        let ys = YScale { lo: 0.0, hi: lane_max, step: lane_max, ticks: vec![], top: 0, bottom: 1 }.place(&lane);
        if k > 0 {
            p.line(&[(plot.x, y0), (plot.right(), y0)], th.grid, 1)?;
        }
        let name = ellipsize(&l.name, p.sz.tick, name_w as f64);
        p.text_at(&name, (plot.x - 8, y0 + lh / 2), p.sz.tick, th.text, HPos::Right, VPos::Center, false)?;
        let color = if l.member.is_some() { th.series[0] } else { th.series[6] };
        for i in 0..n {
            let cx = xs.xf(i as f64);
            bar(
                &p,
                px(cx - bw / 2.0),
                px(cx + bw / 2.0),
                &ys,
                val(l.planned, i),
                l.capacity.map(|c| val(c, i)),
                color,
            )?;
        }
        geo_lanes.push((l.member, y0 + p.area.get_base_pixel().1, lh as u32));
    }
    if hidden > 0 {
        let y0 = plot.y + shown as i32 * lh;
        p.line(&[(plot.x, y0), (plot.right(), y0)], th.grid, 1)?;
        p.text_at(
            &text::more_members(p.lang, hidden),
            (plot.x + 4, y0 + lh / 2),
            p.sz.tick,
            th.text_muted,
            HPos::Left,
            VPos::Center,
            false,
        )?;
    }
    let mut g = p.geometry(plot, n, true);
    g.lanes = geo_lanes;
    Ok(g)
}
