//! Burndown: remaining work per working day against the ideal line, with scope changes marked.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use mieruka_core::analytics::{BurndownSeries, WorkUnit};

use crate::draw::{
    date_index, date_ticks, draw_runs, max_finite, rgba, runs, time_frame, AxisSpec, Entry, Painter, Swatch, XScale,
};
use crate::text::{self, axis_title, text_width};
use crate::{ChartError, ChartOptions, Geometry};

pub fn burndown<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &BurndownSeries,
    opts: &ChartOptions,
) -> Result<Geometry, ChartError> {
    let p = Painter::new(area, opts)?;
    let t = p.t;
    let n = s.days.len();
    if n == 0 {
        return p.empty(t.burndown, t.empty_no_days);
    }
    let get = |v: &[Option<f64>], i: usize| v.get(i).copied().flatten().filter(|x| x.is_finite());
    let vmax = max_finite(s.remaining.iter().chain(&s.scope).filter_map(|v| *v).chain(s.ideal.iter().copied()));
    if vmax <= 0.0 {
        return p.empty(t.burndown, t.empty_no_work);
    }
    let unit = opts.unit_label.clone().unwrap_or_else(|| text::work_unit(p.lang, s.unit).to_string());
    let th = &p.theme;
    let (c_remaining, c_scope, c_ideal) = (th.series[0], th.series[1], th.reference);
    let changes: Vec<(usize, f64)> = (1..n)
        .filter_map(|i| s.scope_change.get(i).map(|c| (i, *c)))
        .filter(|(_, c)| c.is_finite() && c.abs() > 1e-9)
        .collect();
    let mut legend = vec![
        Entry::new(Swatch::Line(c_remaining), t.remaining),
        Entry::new(Swatch::Dashed(c_ideal), t.ideal),
        Entry::new(Swatch::Line(c_scope), t.scope),
    ];
    if !changes.is_empty() {
        legend.push(Entry::new(Swatch::Marker(c_scope), t.scope_change));
    }
    let fmt = |v: f64, step: f64| p.lang.fmt().figure_for_step(v, step);
    let f = time_frame(
        &p,
        t.burndown,
        &legend,
        AxisSpec { lo: 0.0, hi: vmax * 1.08, integer: s.unit == WorkUnit::Tasks, fmt: &fmt },
        None,
    )?;
    let (plot, ys) = (f.plot, &f.ys);
    let xs = XScale::new(&plot, n, false);
    let ticks = date_ticks(p.lang, &s.days, &xs, p.sz.tick, 2, p.w - 2);
    p.y_axis_left(&plot, ys, &f.y_labels, Some(&axis_title(p.lang, t.remaining, &unit)))?;
    p.x_axis(&plot, &ticks, Some(t.date))?;

    // Ideal line.
    let ideal: Vec<(i32, i32)> =
        (0..n).filter_map(|i| s.ideal.get(i).filter(|v| v.is_finite()).map(|v| (xs.x(i as f64), ys.y(*v)))).collect();
    p.dashed(&ideal, c_ideal, 2, 6.0, 4.0)?;

    // Scope (a step line: scope changes happen during a day).
    for run in runs(&xs, ys, &s.scope) {
        let mut steps = Vec::with_capacity(run.len() * 2);
        for (k, pt) in run.iter().enumerate() {
            if k > 0 {
                steps.push((pt.0, run[k - 1].1));
            }
            steps.push(*pt);
        }
        p.line(&steps, c_scope, 1)?;
    }

    // Remaining work.
    let rem = runs(&xs, ys, &s.remaining);
    draw_runs(&p, &rem, c_remaining, 2)?;
    if xs.spacing() >= 8.0 {
        for pt in rem.iter().flatten() {
            p.circle(*pt, 2, c_remaining, true)?;
        }
    }

    // Scope changes: a triangle on the scope line and the amount, labels never overlapping.
    let size = p.sz.note;
    let mut prev_right = i32::MIN / 2;
    for (i, c) in &changes {
        let x = xs.x(*i as f64);
        // A change after the status date has no line to sit on.
        let Some(v) = get(&s.scope, *i).or_else(|| get(&s.remaining, *i)) else { continue };
        let y = ys.y(v);
        let up = *c > 0.0;
        let tri = if up {
            [(x, y - 6), (x + 5, y + 3), (x - 5, y + 3)]
        } else {
            [(x, y + 6), (x + 5, y - 3), (x - 5, y - 3)]
        };
        p.poly(&tri, rgba(c_scope, 1.0))?;
        let sign = if up { "+" } else { "−" };
        let label = format!(
            "{sign}{}{unit}",
            p.lang.fmt().figure(c.abs(), if c.abs() < 10.0 && c.fract() != 0.0 { 1 } else { 0 })
        );
        let lw = text_width(&label, size) as i32;
        let lx = crate::draw::clamp_label(x, lw as f64, plot.x, plot.right());
        if lx - lw / 2 < prev_right + 4 {
            continue;
        }
        prev_right = lx + lw / 2;
        let ly = if y - 10 - (size as i32 + 4) > plot.y { y - 10 } else { y + 12 + size as i32 };
        p.text_boxed(&label, (lx, ly), size, p.theme.text, HPos::Center, VPos::Bottom)?;
    }

    if let Some(i) = date_index(&s.days, s.status_date) {
        p.status_line(&plot, xs.x(i as f64), s.status_date, s.days[i])?;
    }
    Ok(p.geometry(plot, n, false))
}
