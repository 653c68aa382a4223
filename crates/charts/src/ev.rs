//! Earned value: PV, EV and AC S-curves, the budget (BAC) and the estimate at completion (EAC).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use mieruka_core::analytics::{CostUnit, EvSeries};

use crate::draw::{
    date_index, date_ticks, draw_runs, last_at_or_before, max_finite, px, runs, time_frame, AxisSpec, Entry, Painter,
    Swatch, XScale,
};
use crate::text::{axis_title, text_width};
use crate::{ChartError, ChartOptions, Geometry};

pub fn ev<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &EvSeries,
    opts: &ChartOptions,
) -> Result<Geometry, ChartError> {
    let p = Painter::new(area, opts)?;
    let t = p.t;
    let n = s.days.len();
    if n == 0 {
        return p.empty(t.ev, t.empty_no_days);
    }
    let ix = &s.indices;
    let eac = ix.eac_typical.filter(|v| v.is_finite()).unwrap_or(ix.eac_atypical);
    let data_max =
        max_finite(s.pv.iter().copied().chain(s.ev.iter().flatten().copied()).chain(s.ac.iter().flatten().copied()));
    let bac = if ix.bac.is_finite() { ix.bac } else { 0.0 };
    if data_max <= 0.0 && bac <= 0.0 {
        return p.empty(t.ev, t.empty_no_value);
    }
    let eac = if eac.is_finite() && eac > 0.0 { Some(eac) } else { None };
    // An EAC far above everything else would flatten the curves: shown as an arrow at the top.
    let vmax = max_finite([data_max, bac, eac.unwrap_or(0.0).min(3.0 * data_max.max(bac))]);
    let th = p.theme;
    let (c_pv, c_ev, c_ac, c_bac) = (th.series[0], th.series[2], th.series[5], th.reference);
    let unit = &s.unit;
    let lang = p.lang;
    let money = |v: f64, step: f64| lang.fmt().money_compact(unit, v, step);

    let mut legend = vec![
        Entry::new(Swatch::Line(c_pv), t.pv),
        Entry::new(Swatch::Line(c_ev), t.ev_label),
        Entry::new(Swatch::Line(c_ac), t.ac),
        Entry::new(Swatch::Dashed(c_bac), t.bac),
    ];
    if eac.is_some() {
        legend.push(Entry::new(Swatch::Diamond(c_ac), t.eac));
    }
    if let Some(spi) = ix.spi.filter(|v| v.is_finite()) {
        legend.push(Entry::new(Swatch::None, format!("SPI {spi:.2}")));
    }
    if let Some(cpi) = ix.cpi.filter(|v| v.is_finite()) {
        legend.push(Entry::new(Swatch::None, format!("CPI {cpi:.2}")));
    }
    let unit_label = opts.unit_label.clone().unwrap_or_else(|| lang.fmt().cost_unit(unit));
    let y_title = match unit {
        CostUnit::Hours => axis_title(lang, t.cumulative_effort, &unit_label),
        CostUnit::Money(_) => axis_title(lang, t.cumulative_cost, &unit_label),
    };
    let f = time_frame(&p, t.ev, &legend, AxisSpec { lo: 0.0, hi: vmax * 1.1, integer: false, fmt: &money }, None)?;
    let (plot, ys) = (f.plot, &f.ys);
    let xs = XScale::new(&plot, n, false);
    let ticks = date_ticks(lang, &s.days, &xs, p.sz.tick, 2, p.w - 2);
    p.y_axis_left(&plot, ys, &f.y_labels, Some(&y_title))?;
    p.x_axis(&plot, &ticks, Some(t.date))?;
    let size = p.sz.note;

    // BAC: a dashed line across, labelled at the left (where the S-curves are still low).
    if bac > 0.0 {
        let y = ys.y(bac);
        p.dashed(&[(plot.x, y), (plot.right(), y)], c_bac, 1, 6.0, 4.0)?;
        p.text_boxed(
            &format!("BAC {}", lang.fmt().money_compact(unit, bac, 0.0)),
            (plot.x + 4, y - 2),
            size,
            th.text_muted,
            HPos::Left,
            VPos::Bottom,
        )?;
    }

    let pv: Vec<Option<f64>> = s.pv.iter().map(|v| Some(*v)).collect();
    draw_runs(&p, &runs(&xs, ys, &pv), c_pv, 2)?;
    draw_runs(&p, &runs(&xs, ys, &s.ac), c_ac, 2)?;
    draw_runs(&p, &runs(&xs, ys, &s.ev), c_ev, 2)?;

    // EAC: where AC is heading, at the last day.
    if let Some(eac) = eac {
        let si = date_index(&s.days, s.status_date).or_else(|| s.ac.iter().take(n).rposition(|v| v.is_some()));
        let ac_at = si.and_then(|i| last_at_or_before(&s.ac, i));
        let end = (xs.x((n - 1) as f64), ys.y(eac.min(ys.hi)));
        if let (Some(i), Some(ac)) = (si, ac_at) {
            if i < n - 1 {
                p.dashed(&[(xs.x(i as f64), ys.y(ac)), end], c_ac, 1, 5.0, 4.0)?;
            }
        }
        if eac > ys.hi {
            p.arrow((end.0, end.1 + 14), (end.0, px(ys.top as f64)), c_ac, 2, 8.0)?;
        } else {
            p.diamond(end, 6, c_ac)?;
        }
        let label = format!("EAC {}", lang.fmt().money_compact(unit, eac, 0.0));
        let lw = text_width(&label, size) as i32;
        let ly =
            if bac > 0.0 && (ys.y(bac) - end.1).abs() < 16 && eac < bac { end.1 + 10 + size as i32 } else { end.1 - 8 };
        let lx = (end.0 - 10).max(plot.x + lw);
        p.text_boxed(&label, (lx, ly.max(plot.y + size as i32 + 2)), size, th.text, HPos::Right, VPos::Bottom)?;
    }

    if let Some(i) = date_index(&s.days, s.status_date) {
        p.status_line(&plot, xs.x(i as f64), s.status_date, s.days[i])?;
    }
    Ok(p.geometry(plot, n, false))
}
