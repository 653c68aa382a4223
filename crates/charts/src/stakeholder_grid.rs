//! The power/interest grid (関係者の管理方針): stakeholders placed by interest (x) and influence
//! (y) on 1–5 bands, the four quadrants tinted and named, each point labelled with its name.
//! Stakeholders on the same band pair are stacked in a column inside their cell, so every name
//! stays readable; a cell too small for all of them shows as many as fit and "+n".

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use mieruka_core::stakeholder::Quadrant;

use crate::draw::{ellipsize, rgba, Painter, Rect, PAD};
use crate::text::text_width;
use crate::{ChartError, ChartOptions, Geometry};

/// One stakeholder on the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct GridPoint {
    pub name: String,
    /// 1–5 (clamped).
    pub influence: u8,
    /// 1–5 (clamped).
    pub interest: u8,
}

/// The words of the chart, in the user's language (the app passes them in).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GridLabels {
    pub title: String,
    /// The vertical axis.
    pub influence: String,
    /// The horizontal axis.
    pub interest: String,
    pub manage_closely: String,
    pub keep_satisfied: String,
    pub keep_informed: String,
    pub monitor: String,
    /// Shown over the empty grid.
    pub empty: String,
}

impl GridLabels {
    pub fn quadrant(&self, q: Quadrant) -> &str {
        match q {
            Quadrant::ManageClosely => &self.manage_closely,
            Quadrant::KeepSatisfied => &self.keep_satisfied,
            Quadrant::KeepInformed => &self.keep_informed,
            Quadrant::Monitor => &self.monitor,
        }
    }
}

/// What the grid draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StakeholderGrid {
    pub points: Vec<GridPoint>,
    pub labels: GridLabels,
}

pub fn stakeholder_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    g: &StakeholderGrid,
    opts: &ChartOptions,
) -> Result<Geometry, ChartError> {
    let p = Painter::new(area, opts)?;
    let th = p.theme;
    let top = p.title(&g.labels.title)? + 4;
    let tick = p.sz.tick;
    let axis = p.sz.axis;
    let y_title = if p.compact { 0 } else { (axis * 1.4) as i32 + 4 };
    let left = PAD + y_title + text_width("5", tick) as i32 + 8;
    let bottom = 6 + (tick * 1.3) as i32 + if p.compact { 4 } else { 4 + (axis * 1.4) as i32 + PAD };
    let avail_w = (p.w - left - PAD).max(5);
    let avail_h = (p.h - top - bottom).max(5);
    let cell_h = (avail_h / 5).max(1);
    // Wider than tall: names need the room.
    let cell_w = (avail_w / 5).min(cell_h * 3).max(1);
    let (gw, gh) = (cell_w * 5, cell_h * 5);
    let gx = left + (avail_w - gw) / 2;
    let gy = top;
    let plot = Rect { x: gx, y: gy, w: gw, h: gh };
    let hi = i32::from(Quadrant::HIGH_FROM);
    // Band k (1–5) of interest starts at x_of(k); influence grows upwards.
    let x_of = |k: i32| gx + (k - 1) * cell_w;
    let y_of = |k: i32| gy + (5 - k) * cell_h;

    // Quadrant tints: attention grows towards the top right.
    let tint = |q: Quadrant| match q {
        Quadrant::ManageClosely => rgba(th.level[3], if th.dark { 0.28 } else { 0.14 }),
        Quadrant::KeepSatisfied => rgba(th.level[2], if th.dark { 0.24 } else { 0.14 }),
        Quadrant::KeepInformed => rgba(th.series[0], if th.dark { 0.24 } else { 0.10 }),
        Quadrant::Monitor => rgba(th.surface, 1.0),
    };
    // (quadrant, x band range, y band range)
    let quads = [
        (Quadrant::KeepSatisfied, (1, hi - 1), (hi, 5)),
        (Quadrant::ManageClosely, (hi, 5), (hi, 5)),
        (Quadrant::Monitor, (1, hi - 1), (1, hi - 1)),
        (Quadrant::KeepInformed, (hi, 5), (1, hi - 1)),
    ];
    for (q, (x0, x1), (y0, y1)) in quads {
        p.rect((x_of(x0), y_of(y1)), (x_of(x1) + cell_w, y_of(y0) + cell_h), tint(q), true)?;
    }
    // Band lines, then the quadrant dividers.
    for k in 1..5 {
        p.line(&[(gx + k * cell_w, gy), (gx + k * cell_w, gy + gh)], th.grid, 1)?;
        p.line(&[(gx, gy + k * cell_h), (gx + gw, gy + k * cell_h)], th.grid, 1)?;
    }
    p.rect((gx, gy), (gx + gw, gy + gh), rgba(th.axis, 1.0), false)?;
    p.line(&[(x_of(hi), gy), (x_of(hi), gy + gh)], th.axis, 2)?;
    p.line(&[(gx, y_of(hi - 1)), (gx + gw, y_of(hi - 1))], th.axis, 2)?;

    // Quadrant names in their outer corners, on a strip the points keep clear of.
    let qsize = if p.compact { 10.0 } else { 12.0 };
    let strip = (qsize * 1.5) as i32 + 4;
    // (x from, x to, upper) of each name drawn.
    let mut names_at: Vec<(i32, i32, bool)> = Vec::new();
    for (q, (x0, x1), (_, y1)) in quads {
        let room = ((x1 - x0 + 1) * cell_w - 8) as f64;
        let s = ellipsize(g.labels.quadrant(q), qsize, room.max(20.0));
        let tw = text_width(&s, qsize).ceil() as i32;
        let upper = y1 == 5;
        let (x, h, span) = if x0 == 1 {
            (gx + 4, HPos::Left, (gx + 4, gx + 4 + tw))
        } else {
            (gx + gw - 4, HPos::Right, (gx + gw - 4 - tw, gx + gw - 4))
        };
        let (y, v) = if upper { (gy + 4, VPos::Top) } else { (gy + gh - 4, VPos::Bottom) };
        p.text_at(&s, (x, y), qsize, th.text_muted, h, v, true)?;
        names_at.push((span.0, span.1, upper));
    }

    // Axes: the band numbers and the axis titles.
    for k in 1..=5i32 {
        p.text_at(
            &k.to_string(),
            (gx - 6, y_of(k) + cell_h / 2),
            tick,
            th.text_muted,
            HPos::Right,
            VPos::Center,
            false,
        )?;
        p.text_at(
            &k.to_string(),
            (x_of(k) + cell_w / 2, gy + gh + 6),
            tick,
            th.text_muted,
            HPos::Center,
            VPos::Top,
            false,
        )?;
    }
    if !p.compact {
        let ty = gy + gh + 6 + (tick * 1.3) as i32 + 4;
        p.text_at(
            &format!("{} →", g.labels.interest),
            (gx + gw / 2, ty),
            axis,
            th.text_muted,
            HPos::Center,
            VPos::Top,
            false,
        )?;
        p.text_vertical(&format!("{} →", g.labels.influence), (PAD + 7, gy + gh / 2), axis, th.text_muted, true)?;
    }

    // The points, cell by cell, stacked in a column.
    let size: f64 = if p.compact { 10.0 } else { 12.0 };
    let mut cells: Vec<((u8, u8), Vec<&str>)> = Vec::new();
    for pt in &g.points {
        let key = (pt.influence.clamp(1, 5), pt.interest.clamp(1, 5));
        match cells.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(&pt.name),
            None => cells.push((key, vec![&pt.name])),
        }
    }
    let dot = th.series[5];
    for ((inf, int), names) in &cells {
        let (ci, cj) = (i32::from(*inf), i32::from(*int));
        let (x, y) = (x_of(cj), y_of(ci));
        // Keep clear of a quadrant name over or under this cell.
        let (mut y0, mut y1) = (y + 3, y + cell_h - 3);
        let under_name = |upper: bool| names_at.iter().any(|(a, b, u)| *u == upper && *a < x + cell_w && *b > x);
        if ci == 5 && under_name(true) {
            y0 = y0.max(gy + strip);
        }
        if ci == 1 && under_name(false) {
            y1 = y1.min(gy + gh - strip);
        }
        let mut fsize = size;
        let mut row = (fsize * 1.35) as i32;
        let room = (y1 - y0).max(row);
        if row * names.len() as i32 > room {
            fsize = (size - 2.0).max(9.0);
            row = (fsize * 1.3) as i32;
        }
        let fit = ((room / row.max(1)) as usize).max(1);
        let shown = if names.len() > fit { fit.saturating_sub(1).max(1) } else { names.len() };
        let rows = shown + usize::from(names.len() > shown);
        let start = y0 + (room - row * rows as i32) / 2 + row / 2;
        // A name may run on into the empty cells to its right.
        let mut span = 1;
        while cj + span <= 5 && !cells.iter().any(|((a, b), _)| i32::from(*a) == ci && i32::from(*b) == cj + span) {
            span += 1;
        }
        let max_w = (cell_w * span - 20) as f64;
        for (k, name) in names.iter().take(shown).enumerate() {
            let cy = start + k as i32 * row;
            let cx = x + 8;
            p.circle((cx, cy), 4, th.background, true)?;
            p.circle((cx, cy), 3, dot, true)?;
            let s = ellipsize(name, fsize, max_w.max(fsize * 2.0));
            p.text_at(&s, (cx + 8, cy), fsize, th.text, HPos::Left, VPos::Center, false)?;
        }
        if names.len() > shown {
            let cy = start + shown as i32 * row;
            p.text_at(
                &format!("+{}", names.len() - shown),
                (x + 16, cy),
                fsize,
                th.text_muted,
                HPos::Left,
                VPos::Center,
                true,
            )?;
        }
    }

    let mut geo = p.geometry(plot, 5, true);
    if g.points.is_empty() {
        let size = if p.compact { 11.0 } else { 13.0 };
        let msg = &g.labels.empty;
        let w = text_width(msg, size) as i32 + 2 * PAD;
        let (cx, cy) = (gx + gw / 2, gy + gh / 2);
        let h = (size * 1.8) as i32;
        p.rect((cx - w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), rgba(th.surface, 0.95), true)?;
        p.rect((cx - w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), rgba(th.grid, 1.0), false)?;
        p.text_at(msg, (cx, cy), size, th.text_muted, HPos::Center, VPos::Center, false)?;
        geo.empty = true;
    }
    Ok(geo)
}
