//! Burnup: completed work and total scope, with the forecast finish as a dashed projection.

use chrono::{Datelike, NaiveDate, Weekday};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use mieruka_core::analytics::{BurnupSeries, WorkUnit};

use crate::draw::{
    clamp_label, date_index, date_ticks, draw_runs, last_at_or_before, max_finite, runs, time_frame, AxisSpec, Entry,
    Painter, Swatch, XScale,
};
use crate::text::{self, axis_title, text_width};
use crate::{ChartError, ChartOptions, Geometry};

/// The forecast extends the axis by at most this share of the data's days (and at least 10 days);
/// a finish further away is shown as an arrow at the right edge.
const MAX_EXTENSION: f64 = 0.5;

fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

pub fn burnup<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &BurnupSeries,
    opts: &ChartOptions,
) -> Result<Geometry, ChartError> {
    let p = Painter::new(area, opts)?;
    let t = p.t;
    let n = s.days.len();
    if n == 0 {
        return p.empty(t.burnup, t.empty_no_days);
    }
    let vmax = max_finite(s.done.iter().chain(&s.scope).filter_map(|v| *v));
    if vmax <= 0.0 {
        return p.empty(t.burnup, t.empty_no_work);
    }
    let unit = opts.unit_label.clone().unwrap_or_else(|| text::work_unit(p.lang, s.unit).to_string());
    let th = p.theme;
    let (c_done, c_scope) = (th.series[2], th.series[1]);

    // Where the data stops: the status date, or the last value.
    let last_some = |v: &[Option<f64>]| v.iter().take(n).rposition(|x| x.is_some_and(f64::is_finite));
    let si = date_index(&s.days, s.status_date).or_else(|| last_some(&s.done));
    let done_at = si.and_then(|i| last_at_or_before(&s.done, i));
    let scope_at = si.and_then(|i| last_at_or_before(&s.scope, i));

    // The forecast finish as a position on the axis, extending it past the data if needed.
    let last = s.days[n - 1];
    let mut extension: Vec<NaiveDate> = Vec::new();
    let mut finish_pos: Option<f64> = None;
    let mut capped = false;
    if let (Some(ff), Some(_), Some(done), Some(scope)) = (s.forecast_finish, si, done_at, scope_at) {
        if done < scope {
            if ff <= last {
                finish_pos = date_index(&s.days, ff).map(|i| i as f64);
            } else {
                let cap = ((n as f64 * MAX_EXTENSION) as usize).max(10);
                let mut d = last;
                let mut count = 0usize;
                // Working days are approximated by weekdays past the data's range.
                for _ in 0..20_000 {
                    if d >= ff {
                        break;
                    }
                    d = d.succ_opt().unwrap_or(d);
                    if is_weekday(d) || d == ff {
                        count += 1;
                        if extension.len() < cap {
                            extension.push(d);
                        }
                    }
                }
                capped = count > cap;
                finish_pos = Some((n - 1 + count) as f64);
            }
        }
    }
    let axis_days: Vec<NaiveDate> = s.days.iter().copied().chain(extension.iter().copied()).collect();
    let total = axis_days.len();

    let mut legend = vec![Entry::new(Swatch::Line(c_done), t.done), Entry::new(Swatch::Line(c_scope), t.scope)];
    if finish_pos.is_some() {
        legend.push(Entry::new(Swatch::Dashed(c_done), t.forecast));
    }
    let fmt = |v: f64, step: f64| p.lang.fmt().figure_for_step(v, step);
    let f = time_frame(
        &p,
        t.burnup,
        &legend,
        AxisSpec { lo: 0.0, hi: vmax * 1.08, integer: s.unit == WorkUnit::Tasks, fmt: &fmt },
        None,
    )?;
    let (plot, ys) = (f.plot, &f.ys);
    let xs = XScale::new(&plot, total, false);
    let ticks = date_ticks(p.lang, &axis_days, &xs, p.sz.tick, 2, p.w - 2);
    p.y_axis_left(&plot, ys, &f.y_labels, Some(&axis_title(p.lang, t.done, &unit)))?;
    p.x_axis(&plot, &ticks, Some(t.date))?;

    // Scope as a step line, then done.
    for run in runs(&xs, ys, &s.scope) {
        let mut steps = Vec::with_capacity(run.len() * 2);
        for (k, pt) in run.iter().enumerate() {
            if k > 0 {
                steps.push((pt.0, run[k - 1].1));
            }
            steps.push(*pt);
        }
        p.line(&steps, c_scope, 2)?;
    }
    let done = runs(&xs, ys, &s.done);
    draw_runs(&p, &done, c_done, 2)?;

    // The projection from the status point to (finish, scope).
    if let (Some(fp), Some(i), Some(d0), Some(sc)) = (finish_pos, si, done_at, scope_at) {
        let x0 = xs.xf(i as f64);
        let y0 = ys.yf(d0);
        let end_i = (total - 1) as f64;
        let (x1, y1) = if fp <= end_i {
            (xs.xf(fp), ys.yf(sc))
        } else {
            // Cut at the right edge, at the height the line has there.
            let k = if fp > i as f64 { (end_i - i as f64) / (fp - i as f64) } else { 1.0 };
            (xs.xf(end_i), ys.yf(d0 + (sc - d0) * k))
        };
        let (a, b) = ((crate::draw::px(x0), crate::draw::px(y0)), (crate::draw::px(x1), crate::draw::px(y1)));
        // The current scope, carried to the finish: the level the projection aims at.
        p.dashed(&[(a.0, ys.y(sc)), (b.0, ys.y(sc))], c_scope, 1, 2.0, 3.0)?;
        if capped || fp > end_i {
            p.dashed(&[a, b], c_done, 2, 6.0, 4.0)?;
            // An arrowhead at the edge: the finish lies beyond it.
            let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let from = (b.0 - (dx * 12.0 / len) as i32, b.1 - (dy * 12.0 / len) as i32);
            p.arrow(from, b, c_done, 2, 9.0)?;
        } else {
            p.dashed(&[a, b], c_done, 2, 6.0, 4.0)?;
            p.diamond(b, 6, c_done)?;
        }
        let ff = s.forecast_finish.expect("finish_pos comes from forecast_finish");
        let date = if capped { p.lang.fmt().date_label(ff) } else { p.lang.fmt().month_day(ff) };
        let label = format!("{} {}", t.forecast_finish, date);
        let size = p.sz.note;
        let lw = text_width(&label, size);
        let lx = clamp_label(b.0 - (lw / 2.0) as i32 - 4, lw, plot.x + 2, plot.right() - 2);
        let ly = (b.1 - 10).max(plot.y + size as i32 + 4);
        p.text_boxed(&label, (lx, ly), size, p.theme.text, HPos::Center, VPos::Bottom)?;
    }

    if let Some(i) = date_index(&s.days, s.status_date) {
        p.status_line(&plot, xs.x(i as f64), s.status_date, s.days[i])?;
    }
    Ok(p.geometry(plot, total, false))
}
