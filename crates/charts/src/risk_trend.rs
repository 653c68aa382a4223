//! Risk trend: open threats stacked by level (bars, left axis) and their exposure (line, right axis).

use plotters::coord::Shift;
use plotters::prelude::*;

use mieruka_core::analytics::RiskTrendSeries;

use crate::draw::{date_index, date_ticks, max_finite, rgba, time_frame, AxisSpec, Entry, Painter, Swatch, XScale};
use crate::{ChartError, ChartOptions, Geometry};

pub fn risk_trend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &RiskTrendSeries,
    opts: &ChartOptions,
) -> Result<Geometry, ChartError> {
    let p = Painter::new(area, opts)?;
    let t = p.t;
    let n = s.days.len();
    if n == 0 {
        return p.empty(t.risk_trend, t.empty_no_days);
    }
    let totals: Vec<f64> =
        (0..n).map(|i| s.by_level.get(i).map(|l| l.iter().map(|c| *c as f64).sum()).unwrap_or(0.0)).collect();
    let cmax = max_finite(totals.iter().copied());
    let emax = max_finite(s.exposure.iter().copied());
    if cmax <= 0.0 && emax <= 0.0 {
        return p.empty(t.risk_trend, t.empty_no_open_risks);
    }
    let th = p.theme;
    let c_exposure = th.series[0];
    let levels = t.levels();
    let mut legend: Vec<Entry> = (0..4).map(|k| Entry::new(Swatch::Box(th.level[k]), levels[k])).collect();
    legend.push(Entry::new(Swatch::Line(c_exposure), t.exposure));
    let count_fmt = |v: f64, step: f64| p.lang.fmt().figure_for_step(v, step);
    let exp_fmt = |v: f64, step: f64| p.lang.fmt().figure_for_step(v, step);
    let f = time_frame(
        &p,
        t.risk_trend,
        &legend,
        AxisSpec { lo: 0.0, hi: (cmax * 1.1).max(1.0), integer: true, fmt: &count_fmt },
        Some(AxisSpec { lo: 0.0, hi: (emax * 1.1).max(1.0), integer: true, fmt: &exp_fmt }),
    )?;
    let plot = f.plot;
    let ys = &f.ys;
    let (ys2, labels2) = f.ys2.as_ref().expect("right axis requested");
    let xs = XScale::new(&plot, n, true);
    let ticks = date_ticks(p.lang, &s.days, &xs, p.sz.tick, 2, p.w - 2);
    p.y_axis_left(&plot, ys, &f.y_labels, Some(t.open_risks))?;
    p.y_axis_right(&plot, ys2, labels2, Some(t.exposure))?;
    p.x_axis(&plot, &ticks, Some(t.date))?;

    // Stacked bars, low at the bottom.
    // Bars with gaps while there is room; past that, bands that tile the axis (a stacked area).
    let sp = xs.spacing();
    let tiled = sp < 6.0;
    let bw = if tiled { sp } else { sp * 0.7 };
    for i in 0..n {
        let Some(counts) = s.by_level.get(i) else { continue };
        let cx = xs.xf(i as f64);
        let x0 = if tiled { (xs.x0 + sp * i as f64).floor() as i32 } else { crate::draw::px(cx - bw / 2.0) };
        let x1 = if tiled { (xs.x0 + sp * (i + 1) as f64).floor() as i32 } else { crate::draw::px(cx + bw / 2.0) };
        let x1 = x1.max(x0 + 1);
        let mut acc = 0.0;
        for (k, c) in counts.iter().enumerate() {
            if *c == 0 {
                continue;
            }
            let (y0, y1) = (ys.y(acc), ys.y(acc + *c as f64));
            p.rect((x0, y1), (x1, y0), rgba(th.level[k], 1.0), true)?;
            acc += *c as f64;
        }
    }

    // Exposure.
    let pts: Vec<(i32, i32)> = s
        .exposure
        .iter()
        .enumerate()
        .take(n)
        .filter(|(_, v)| v.is_finite())
        .map(|(i, v)| (xs.x(i as f64), ys2.y(*v)))
        .collect();
    if pts.len() == 1 {
        p.circle(pts[0], 3, c_exposure, true)?;
    } else {
        // A halo of the background keeps the line visible over the bars.
        p.line(&pts, th.background, 4)?;
        p.line(&pts, c_exposure, 2)?;
    }

    if let Some(i) = date_index(&s.days, s.status_date) {
        p.status_line(&plot, xs.x(i as f64), s.status_date, s.days[i])?;
    }
    Ok(p.geometry(plot, n, true))
}
