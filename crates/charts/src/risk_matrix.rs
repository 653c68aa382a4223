//! The 5 × 5 probability × impact matrix: cells coloured by level with their risk counts, and
//! arrows from inherent to residual positions.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use mieruka_core::analytics::RiskMatrix;
use mieruka_core::enums::{RiskKind, RiskLevel};
use mieruka_core::words::{Phrase, W};

use crate::draw::{rgba, Entry, Painter, Rect, Swatch, PAD};
use crate::text::{text_width, Lang, Text};
use crate::{ChartError, ChartOptions, Geometry};

fn level_index(l: RiskLevel) -> usize {
    match l {
        RiskLevel::Low => 0,
        RiskLevel::Medium => 1,
        RiskLevel::High => 2,
        RiskLevel::Critical => 3,
    }
}

/// "リスクマトリクス（脅威・残存）" / "Risk matrix — threats, residual"
fn title(t: &Text, lang: Lang, m: &RiskMatrix) -> String {
    let mut parts: Vec<&str> = Vec::new();
    match m.kind {
        Some(RiskKind::Threat) => parts.push(t.threat),
        Some(RiskKind::Opportunity) => parts.push(t.opportunity),
        None => {}
    }
    parts.push(if m.residual { t.residual } else { t.inherent });
    Phrase(lang).chart_risk_matrix_of(parts.join(W::ChartRiskMatrixPartSeparator.text(lang)), t.risk_matrix)
}

pub fn risk_matrix<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: &RiskMatrix,
    opts: &ChartOptions,
) -> Result<Geometry, ChartError> {
    let p = Painter::new(area, opts)?;
    let t = p.t;
    let th = p.theme;
    let opportunity = m.kind == Some(RiskKind::Opportunity);
    let (fill, fill_text) = if opportunity { (th.opportunity, th.opportunity_text) } else { (th.level, th.level_text) };
    let arrows: Vec<((u8, u8), (u8, u8))> = m
        .arrows
        .iter()
        .copied()
        .filter(|(a, b)| [a.0, a.1, b.0, b.1].iter().all(|v| (1..=5).contains(v)) && a != b)
        .collect();
    let total: usize = (1..=5u8).flat_map(|pp| (1..=5u8).map(move |ii| (pp, ii))).map(|(pp, ii)| m.count(pp, ii)).sum();

    let mut top = p.title(&title(t, p.lang, m))?;
    let levels = t.levels();
    let mut legend: Vec<Entry> = (0..4).map(|k| Entry::new(Swatch::Box(fill[k]), levels[k])).collect();
    if !arrows.is_empty() {
        legend.push(Entry::new(Swatch::Arrow(th.text), t.inherent_to_residual));
    }
    top = p.legend(&legend, top)? + 4;

    let tick = p.sz.tick;
    let axis = p.sz.axis;
    let y_title = if p.compact { 0 } else { (axis * 1.4) as i32 + 4 };
    let left = PAD + y_title + text_width("5", tick) as i32 + 8;
    let bottom = 6 + (tick * 1.3) as i32 + if p.compact { 4 } else { 4 + (axis * 1.4) as i32 + PAD };
    let avail_w = (p.w - left - PAD).max(5);
    let avail_h = (p.h - top - bottom).max(5);
    let cell = (avail_w.min(avail_h) / 5).max(1);
    let gw = cell * 5;
    let gx = left + (avail_w - gw) / 2;
    let gy = top;
    let grid = Rect { x: gx, y: gy, w: gw, h: gw };
    let (bx, by) = p.area.get_base_pixel();

    let mut cells = Vec::with_capacity(25);
    for pp in 1..=5u8 {
        for ii in 1..=5u8 {
            let x = gx + (ii as i32 - 1) * cell;
            let y = gy + (5 - pp as i32) * cell;
            let k = level_index(RiskMatrix::level(pp, ii));
            let count = m.count(pp, ii);
            let alpha = if count > 0 {
                1.0
            } else if th.dark {
                0.22
            } else {
                0.35
            };
            p.rect((x, y), (x + cell, y + cell), rgba(th.background, 1.0), true)?;
            p.rect((x + 1, y + 1), (x + cell - 1, y + cell - 1), rgba(fill[k], alpha), true)?;
            cells.push(((pp, ii), (x + bx, y + by, cell as u32, cell as u32), count));
        }
    }

    // Axes: probability upwards on the left, impact to the right at the bottom.
    for k in 1..=5i32 {
        let cy = gy + (5 - k) * cell + cell / 2;
        p.text_at(&k.to_string(), (gx - 6, cy), tick, th.text_muted, HPos::Right, VPos::Center, false)?;
        let cx = gx + (k - 1) * cell + cell / 2;
        p.text_at(&k.to_string(), (cx, gy + gw + 6), tick, th.text_muted, HPos::Center, VPos::Top, false)?;
    }
    if !p.compact {
        p.text_vertical(t.probability, (PAD + 7, gy + gw / 2), axis, th.text_muted, true)?;
        p.text_at(
            t.impact,
            (gx + gw / 2, gy + gw + 6 + (tick * 1.3) as i32 + 4),
            axis,
            th.text_muted,
            HPos::Center,
            VPos::Top,
            false,
        )?;
        p.text_at(
            "→",
            (gx + gw / 2 + text_width(t.impact, axis) as i32 / 2 + 4, gy + gw + 6 + (tick * 1.3) as i32 + 4),
            axis,
            th.text_muted,
            HPos::Left,
            VPos::Top,
            false,
        )?;
        p.text_vertical(
            "→",
            (PAD + 7, gy + gw / 2 - text_width(t.probability, axis) as i32 / 2 - 10),
            axis,
            th.text_muted,
            true,
        )?;
    }

    // Inherent → residual arrows; repeated arrows drawn once, thicker.
    type Arrow = ((u8, u8), (u8, u8));
    let mut seen: Vec<(Arrow, u32)> = Vec::new();
    for a in &arrows {
        match seen.iter_mut().find(|(k, _)| k == a) {
            Some((_, c)) => *c += 1,
            None => seen.push((*a, 1)),
        }
    }
    let centre = |(pp, ii): (u8, u8)| {
        ((gx + (ii as i32 - 1) * cell + cell / 2) as f64, (gy + (5 - pp as i32) * cell + cell / 2) as f64)
    };
    for (((from, to), times), _) in seen.iter().map(|(k, c)| (k, c)).zip(0..) {
        let (a, b) = (centre(*from), centre(*to));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        // Keep the counts in the cell centres clear.
        let cut = cell as f64 * 0.3;
        let a2 = ((a.0 + ux * cut) as i32, (a.1 + uy * cut) as i32);
        let b2 = ((b.0 - ux * cut) as i32, (b.1 - uy * cut) as i32);
        let width = 1 + (*times).min(3);
        p.line(&[a2, b2], th.background, width + 2)?;
        p.arrow(a2, b2, th.text, width, 7.0 + width as f64)?;
    }

    // The counts last, on a patch of their cell's colour, so arrows passing through stay behind them.
    for &((pp, ii), _, count) in &cells {
        let (x, y) = (gx + (ii as i32 - 1) * cell, gy + (5 - pp as i32) * cell);
        let k = level_index(RiskMatrix::level(pp, ii));
        if cell >= 44 {
            // The score in the corner: the level without relying on colour.
            let score = (pp as u32 * ii as u32).to_string();
            let c = if count > 0 { fill_text[k] } else { th.text_muted };
            p.text_at(&score, (x + 5, y + 4), 9.0, c, HPos::Left, VPos::Top, false)?;
        }
        if count == 0 {
            continue;
        }
        let size = (cell as f64 * 0.36).clamp(10.0, 22.0);
        let label = count.to_string();
        let (cx, cy) = (x + cell / 2, y + cell / 2);
        let hw = (text_width(&label, size) / 2.0).ceil() as i32 + 3;
        let hh = (size * 0.62).ceil() as i32;
        p.rect((cx - hw, cy - hh), (cx + hw, cy + hh), rgba(fill[k], 1.0), true)?;
        p.text_at(&label, (cx, cy), size, fill_text[k], HPos::Center, VPos::Center, true)?;
    }

    let mut g = p.geometry(grid, 5, true);
    g.cells = cells;
    if total == 0 && arrows.is_empty() {
        // The empty grid stays (it still explains the levels), with the message over it.
        let size = if p.compact { 11.0 } else { 13.0 };
        let msg = t.empty_no_risks;
        let w = text_width(msg, size) as i32 + 2 * PAD;
        let (cx, cy) = (gx + gw / 2, gy + gw / 2);
        let h = (size * 1.8) as i32;
        p.rect((cx - w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), rgba(th.surface, 0.95), true)?;
        p.rect((cx - w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), rgba(th.grid, 1.0), false)?;
        p.text_at(msg, (cx, cy), size, th.text_muted, HPos::Center, VPos::Center, false)?;
        g.empty = true;
    }
    Ok(g)
}
