//! Shared drawing: a painter over a plotters drawing area, the frame of a time chart (title,
//! legend, axes, date ticks, status-date line) and the empty state. Pixel coordinates are local to
//! the area; [`Geometry`] turns them into backend pixels.

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, FontTransform, RGBAColor};

use crate::text::{self, text_width, Lang, Text};
use crate::theme::{Theme, FONT_FAMILY};
use crate::{ChartError, ChartOptions, Geometry};

pub(crate) type R = Result<(), ChartError>;

pub(crate) const PAD: i32 = 8;

/// Font sizes in CSS pixels.
pub(crate) struct Sizes {
    pub title: f64,
    pub axis: f64,
    pub tick: f64,
    pub legend: f64,
    pub note: f64,
}

const NORMAL: Sizes = Sizes { title: 15.0, axis: 12.0, tick: 11.0, legend: 12.0, note: 11.0 };
const COMPACT: Sizes = Sizes { title: 13.0, axis: 10.0, tick: 10.0, legend: 10.0, note: 10.0 };

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn right(&self) -> i32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }
}

pub(crate) fn rgba(c: RGBColor, a: f64) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, a)
}

fn finite_or(v: f64, d: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        d
    }
}

pub(crate) fn px(v: f64) -> i32 {
    let v = finite_or(v, 0.0).clamp(-1.0e6, 1.0e6);
    v.round() as i32
}

pub(crate) struct Painter<'a, DB: DrawingBackend> {
    pub area: &'a DrawingArea<DB, Shift>,
    pub theme: Theme,
    pub lang: Lang,
    pub t: &'static Text,
    pub compact: bool,
    pub today: Option<NaiveDate>,
    pub sz: &'static Sizes,
    pub w: i32,
    pub h: i32,
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    /// Fills the area with the theme's background.
    pub fn new(area: &'a DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<Self, ChartError> {
        let (w, h) = area.dim_in_pixel();
        area.fill(&opts.theme.background)?;
        Ok(Painter {
            area,
            theme: opts.theme,
            lang: opts.lang,
            t: Text::of(opts.lang),
            compact: opts.compact,
            today: opts.today,
            sz: if opts.compact { &COMPACT } else { &NORMAL },
            w: w as i32,
            h: h as i32,
        })
    }

    // ---- primitives ----

    #[allow(clippy::too_many_arguments)]
    pub fn text_at(&self, s: &str, (x, y): (i32, i32), size: f64, color: RGBColor, h: HPos, v: VPos, bold: bool) -> R {
        if s.is_empty() {
            return Ok(());
        }
        let font =
            if bold { (FONT_FAMILY, size, FontStyle::Bold).into_font() } else { (FONT_FAMILY, size).into_font() };
        let style = TextStyle::from(font).color(&color).pos(Pos::new(h, v));
        self.area.draw_text(s, &style, (x, y))?;
        Ok(())
    }

    /// Text reading bottom to top (`up`) or top to bottom, centred on (x, y).
    pub fn text_vertical(&self, s: &str, (x, y): (i32, i32), size: f64, color: RGBColor, up: bool) -> R {
        let trans = if up { FontTransform::Rotate270 } else { FontTransform::Rotate90 };
        let style = TextStyle::from((FONT_FAMILY, size).into_font())
            .color(&color)
            .pos(Pos::new(HPos::Center, VPos::Center))
            .transform(trans);
        self.area.draw_text(s, &style, (x, y))?;
        Ok(())
    }

    /// Text on a box of the background colour, so it stays readable over lines.
    pub fn text_boxed(&self, s: &str, (x, y): (i32, i32), size: f64, color: RGBColor, h: HPos, v: VPos) -> R {
        let tw = text_width(s, size).ceil() as i32;
        let th = (size * 1.3).ceil() as i32;
        let x0 = match h {
            HPos::Left => x,
            HPos::Center => x - tw / 2,
            HPos::Right => x - tw,
        };
        let y0 = match v {
            VPos::Top => y,
            VPos::Center => y - th / 2,
            VPos::Bottom => y - th,
        };
        self.rect((x0 - 2, y0), (x0 + tw + 2, y0 + th), rgba(self.theme.background, 0.85), true)?;
        self.text_at(
            s,
            (
                x,
                y + match v {
                    VPos::Top => 1,
                    _ => 0,
                },
            ),
            size,
            color,
            h,
            v,
            false,
        )
    }

    pub fn line(&self, pts: &[(i32, i32)], color: RGBColor, width: u32) -> R {
        self.line_a(pts, rgba(color, 1.0), width)
    }

    pub fn line_a(&self, pts: &[(i32, i32)], color: RGBAColor, width: u32) -> R {
        if pts.len() < 2 {
            return Ok(());
        }
        let style = ShapeStyle { color, filled: false, stroke_width: width };
        self.area.draw(&PathElement::new(pts.to_vec(), style))?;
        Ok(())
    }

    /// A dashed polyline (`on` px drawn, `off` px skipped).
    pub fn dashed(&self, pts: &[(i32, i32)], color: RGBColor, width: u32, on: f64, off: f64) -> R {
        let mut segs: Vec<Vec<(i32, i32)>> = Vec::new();
        let mut cur: Vec<(i32, i32)> = Vec::new();
        let mut drawing = true;
        let mut left = on;
        for w in pts.windows(2) {
            let (a, b) = ((w[0].0 as f64, w[0].1 as f64), (w[1].0 as f64, w[1].1 as f64));
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            if len == 0.0 {
                continue;
            }
            let mut t = 0.0;
            while t < len {
                let step = left.min(len - t);
                let p0 = (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
                let t1 = t + step;
                let p1 = (a.0 + (b.0 - a.0) * t1 / len, a.1 + (b.1 - a.1) * t1 / len);
                if drawing {
                    if cur.is_empty() {
                        cur.push((px(p0.0), px(p0.1)));
                    }
                    cur.push((px(p1.0), px(p1.1)));
                }
                left -= step;
                t = t1;
                if left <= 1e-9 {
                    if drawing {
                        segs.push(std::mem::take(&mut cur));
                    }
                    drawing = !drawing;
                    left = if drawing { on } else { off };
                }
            }
        }
        if cur.len() > 1 {
            segs.push(cur);
        }
        for s in segs {
            self.line(&s, color, width)?;
        }
        Ok(())
    }

    pub fn rect(&self, a: (i32, i32), b: (i32, i32), color: RGBAColor, filled: bool) -> R {
        let style = ShapeStyle { color, filled, stroke_width: 1 };
        self.area.draw(&Rectangle::new([a, b], style))?;
        Ok(())
    }

    /// Diagonal stripes over a rectangle: marks without relying on colour alone.
    pub fn hatch(&self, a: (i32, i32), b: (i32, i32), color: RGBColor, gap: i32) -> R {
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        let gap = gap.max(2);
        let mut c = x0 + y0 + gap / 2;
        while c < x1 + y1 {
            // The part of the line x + y = c inside the rectangle.
            let (xa, xb) = (x0.max(c - y1), x1.min(c - y0));
            if xa < xb {
                self.line(&[(xa, c - xa), (xb, c - xb)], color, 1)?;
            }
            c += gap;
        }
        Ok(())
    }

    pub fn poly(&self, pts: &[(i32, i32)], color: RGBAColor) -> R {
        if pts.len() < 3 {
            return Ok(());
        }
        self.area.draw(&Polygon::new(pts.to_vec(), ShapeStyle { color, filled: true, stroke_width: 1 }))?;
        Ok(())
    }

    pub fn circle(&self, c: (i32, i32), r: i32, color: RGBColor, filled: bool) -> R {
        let style = ShapeStyle { color: rgba(color, 1.0), filled, stroke_width: if filled { 1 } else { 2 } };
        self.area.draw(&Circle::new(c, r.max(1), style))?;
        Ok(())
    }

    pub fn diamond(&self, (x, y): (i32, i32), r: i32, color: RGBColor) -> R {
        self.poly(&[(x, y - r), (x + r, y), (x, y + r), (x - r, y)], rgba(color, 1.0))
    }

    /// A line from `a` to `b` with an arrowhead at `b`.
    pub fn arrow(&self, a: (i32, i32), b: (i32, i32), color: RGBColor, width: u32, head: f64) -> R {
        let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1.0 {
            return Ok(());
        }
        let (ux, uy) = (dx / len, dy / len);
        let base = (b.0 as f64 - ux * head, b.1 as f64 - uy * head);
        self.line(&[a, (px(base.0), px(base.1))], color, width)?;
        let half = head * 0.55;
        self.poly(
            &[b, (px(base.0 - uy * half), px(base.1 + ux * half)), (px(base.0 + uy * half), px(base.1 - ux * half))],
            rgba(color, 1.0),
        )
    }

    // ---- chart furniture ----

    /// The title (not in compact mode); returns the y below it.
    pub fn title(&self, title: &str) -> Result<i32, ChartError> {
        if self.compact {
            return Ok(4);
        }
        let size = self.sz.title;
        // Shorten rather than overflow at narrow widths.
        let max_w = (self.w - 2 * PAD) as f64;
        let s = ellipsize(title, size, max_w);
        self.text_at(&s, (PAD, PAD), size, self.theme.text, HPos::Left, VPos::Top, true)?;
        Ok(PAD + (size * 1.35) as i32 + 4)
    }

    /// Legend entries in rows from `top` (wrapping); returns the y below it. In compact mode the
    /// legend is drawn only if it fits on one row.
    pub fn legend(&self, entries: &[Entry], top: i32) -> Result<i32, ChartError> {
        let size = self.sz.legend;
        let row_h = (size * 1.5) as i32;
        let sw = if self.compact { 14 } else { 18 };
        let gap = if self.compact { 10 } else { 14 };
        let max_x = self.w - PAD;
        let mut rows: Vec<Vec<(i32, &Entry)>> = vec![Vec::new()];
        let mut x = PAD;
        for e in entries {
            let ew = e.width(size, sw);
            if x > PAD && x + ew > max_x {
                rows.push(Vec::new());
                x = PAD;
            }
            rows.last_mut().expect("one row").push((x, e));
            x += ew + gap;
        }
        if entries.is_empty() || (self.compact && rows.len() > 1) {
            return Ok(top);
        }
        for (r, row) in rows.iter().enumerate() {
            let cy = top + r as i32 * row_h + row_h / 2;
            for (x, e) in row {
                self.swatch(e, *x, cy, sw)?;
                let tx = if matches!(e.swatch, Swatch::None) { *x } else { *x + sw + 4 };
                self.text_at(&e.label, (tx, cy), size, self.theme.text, HPos::Left, VPos::Center, false)?;
            }
        }
        Ok(top + rows.len() as i32 * row_h + 2)
    }

    fn swatch(&self, e: &Entry, x: i32, cy: i32, sw: i32) -> R {
        match e.swatch {
            Swatch::Line(c) => self.line(&[(x, cy), (x + sw, cy)], c, 2),
            Swatch::Dashed(c) => self.dashed(&[(x, cy), (x + sw, cy)], c, 2, 4.0, 3.0),
            Swatch::Box(c) => self.rect((x + 2, cy - 5), (x + sw - 2, cy + 5), rgba(c, 1.0), true),
            Swatch::Hatched(c) => {
                self.rect((x + 2, cy - 5), (x + sw - 2, cy + 5), rgba(c, 1.0), true)?;
                self.hatch((x + 2, cy - 5), (x + sw - 2, cy + 5), self.theme.background, 5)
            }
            Swatch::Diamond(c) => self.diamond((x + sw / 2, cy), 5, c),
            Swatch::Marker(c) => {
                self.poly(&[(x + sw / 2, cy - 5), (x + sw / 2 + 5, cy + 4), (x + sw / 2 - 5, cy + 4)], rgba(c, 1.0))
            }
            Swatch::Arrow(c) => self.arrow((x, cy), (x + sw, cy), c, 1, 6.0),
            Swatch::Tick(c) => {
                self.rect((x + 3, cy - 2), (x + sw - 3, cy + 6), rgba(self.theme.series(6), 0.5), true)?;
                self.line(&[(x + 1, cy - 3), (x + sw - 1, cy - 3)], c, 2)
            }
            Swatch::None => Ok(()),
        }
    }

    /// A readable message instead of a chart (no data); the title stays.
    pub fn empty(&self, title: &str, message: &str) -> Result<Geometry, ChartError> {
        let top = self.title(title)?;
        let size = if self.compact { 11.0 } else { 13.0 };
        let max_w = ((self.w - 4 * PAD) as f64).max(40.0);
        let lines = text::wrap(message, size, max_w);
        let lh = (size * 1.5) as i32;
        let total = lh * lines.len() as i32;
        let cy = top + (self.h - top) / 2 - total / 2;
        let bw = lines.iter().map(|l| text_width(l, size)).fold(0.0, f64::max) as i32 + 2 * PAD;
        let bx = (self.w - bw) / 2;
        self.rect((bx, cy - PAD / 2), (bx + bw, cy + total + PAD / 2), rgba(self.theme.surface, 1.0), true)?;
        self.rect((bx, cy - PAD / 2), (bx + bw, cy + total + PAD / 2), rgba(self.theme.grid, 1.0), false)?;
        for (k, l) in lines.iter().enumerate() {
            self.text_at(
                l,
                (self.w / 2, cy + k as i32 * lh + lh / 2),
                size,
                self.theme.text_muted,
                HPos::Center,
                VPos::Center,
                false,
            )?;
        }
        let mut g = self.geometry(Rect { x: 0, y: top, w: self.w, h: (self.h - top).max(0) }, 0, false);
        g.empty = true;
        Ok(g)
    }

    pub fn geometry(&self, plot: Rect, x_count: usize, x_bands: bool) -> Geometry {
        let (bx, by) = self.area.get_base_pixel();
        Geometry {
            plot: (plot.x + bx, plot.y + by, plot.w.max(0) as u32, plot.h.max(0) as u32),
            x_count,
            x_bands,
            ..Geometry::default()
        }
    }

    // ---- axes ----

    /// Horizontal grid lines and the y labels on the left; the y-axis title rotated at the edge.
    pub fn y_axis_left(&self, plot: &Rect, ys: &YScale, labels: &[String], title: Option<&str>) -> R {
        for (v, l) in ys.ticks.iter().zip(labels) {
            let y = ys.y(*v);
            self.line(&[(plot.x, y), (plot.right(), y)], self.theme.grid, 1)?;
            self.text_at(l, (plot.x - 6, y), self.sz.tick, self.theme.text_muted, HPos::Right, VPos::Center, false)?;
        }
        if let Some(t) = title {
            if !self.compact {
                let s = ellipsize(t, self.sz.axis, plot.h as f64);
                self.text_vertical(&s, (PAD + 7, plot.y + plot.h / 2), self.sz.axis, self.theme.text_muted, true)?;
            }
        }
        Ok(())
    }

    /// Labels of a second y axis on the right (no grid lines).
    pub fn y_axis_right(&self, plot: &Rect, ys: &YScale, labels: &[String], title: Option<&str>) -> R {
        for (v, l) in ys.ticks.iter().zip(labels) {
            let y = ys.y(*v);
            self.line(&[(plot.right(), y), (plot.right() + 4, y)], self.theme.axis, 1)?;
            self.text_at(
                l,
                (plot.right() + 6, y),
                self.sz.tick,
                self.theme.text_muted,
                HPos::Left,
                VPos::Center,
                false,
            )?;
        }
        if let Some(t) = title {
            if !self.compact {
                let s = ellipsize(t, self.sz.axis, plot.h as f64);
                self.text_vertical(
                    &s,
                    (self.w - PAD - 7, plot.y + plot.h / 2),
                    self.sz.axis,
                    self.theme.text_muted,
                    false,
                )?;
            }
        }
        Ok(())
    }

    /// The x axis line, tick marks and labels below the plot, light vertical grid lines, and the
    /// x-axis title.
    pub fn x_axis(&self, plot: &Rect, ticks: &[(i32, String)], title: Option<&str>) -> R {
        for (x, _) in ticks {
            self.line(&[(*x, plot.y), (*x, plot.bottom())], self.theme.grid, 1)?;
        }
        self.line(&[(plot.x, plot.bottom()), (plot.right(), plot.bottom())], self.theme.axis, 1)?;
        for (x, l) in ticks {
            self.line(&[(*x, plot.bottom()), (*x, plot.bottom() + 4)], self.theme.axis, 1)?;
            let lx = clamp_label(*x, text_width(l, self.sz.tick), 2, self.w - 2);
            self.text_at(
                l,
                (lx, plot.bottom() + 6),
                self.sz.tick,
                self.theme.text_muted,
                HPos::Center,
                VPos::Top,
                false,
            )?;
        }
        if let Some(t) = title {
            if !self.compact {
                let y = plot.bottom() + 6 + (self.sz.tick * 1.3) as i32 + 4;
                self.text_at(
                    t,
                    (plot.x + plot.w / 2, y),
                    self.sz.axis,
                    self.theme.text_muted,
                    HPos::Center,
                    VPos::Top,
                    false,
                )?;
            }
        }
        Ok(())
    }

    /// Height below the plot taken by the x tick labels and axis title.
    pub fn x_axis_height(&self) -> i32 {
        let ticks = 6 + (self.sz.tick * 1.3) as i32;
        if self.compact {
            ticks + 4
        } else {
            ticks + 4 + (self.sz.axis * 1.3) as i32 + PAD
        }
    }

    /// Width left of the plot for y labels of these texts and the rotated axis title.
    pub fn y_axis_width(&self, labels: &[String]) -> i32 {
        let lw = labels.iter().map(|l| text_width(l, self.sz.tick)).fold(0.0, f64::max).ceil() as i32;
        let title = if self.compact { 0 } else { (self.sz.axis * 1.4) as i32 + 4 };
        PAD + title + lw + 6
    }

    /// The height of the strip above the plot that holds the status-date label.
    pub fn status_strip(&self) -> i32 {
        (self.sz.note * 1.4) as i32 + 2
    }

    /// The dashed status-date line at `x` across the plot, labelled in the strip above it. `shown`
    /// is the axis day at `x`: a status date on a day off is drawn on the working day before, and
    /// the label says the date is a day off.
    pub fn status_line(&self, plot: &Rect, x: i32, date: NaiveDate, shown: NaiveDate) -> R {
        if x < plot.x - 1 || x > plot.right() + 1 {
            return Ok(());
        }
        let c = self.theme.status;
        self.dashed(&[(x, plot.y - 2), (x, plot.bottom())], c, 2, 5.0, 3.0)?;
        let word = if self.today == Some(date) { self.t.today } else { self.t.status_date };
        let mut label = format!("{word} {}", self.lang.fmt().month_day(date));
        if shown != date {
            label = text::day_off_note(self.lang, &label, self.t.day_off);
        }
        let lw = text_width(&label, self.sz.note);
        let y = plot.y - 3;
        // Right of the line, or left of it near the right edge.
        if (x as f64) + 4.0 + lw <= plot.right() as f64 {
            self.text_at(&label, (x + 4, y), self.sz.note, c, HPos::Left, VPos::Bottom, true)
        } else {
            self.text_at(&label, (x - 4, y), self.sz.note, c, HPos::Right, VPos::Bottom, true)
        }
    }
}

/// Keeps a label of width `w` centred at `x` inside [lo, hi].
pub(crate) fn clamp_label(x: i32, w: f64, lo: i32, hi: i32) -> i32 {
    let half = (w / 2.0).ceil() as i32;
    if x - half < lo {
        lo + half
    } else if x + half > hi {
        hi - half
    } else {
        x
    }
}

/// `s`, cut with "…" to fit `max_w`.
pub(crate) fn ellipsize(s: &str, size: f64, max_w: f64) -> String {
    if text_width(s, size) <= max_w {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        out.push(ch);
        if text_width(&out, size) + size > max_w {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    Box(RGBColor),
    /// A box with diagonal stripes (over-allocation).
    Hatched(RGBColor),
    Diamond(RGBColor),
    Marker(RGBColor),
    Arrow(RGBColor),
    /// A capacity mark: a bar with a bold line on top.
    Tick(RGBColor),
    /// Text only (e.g. "SPI 0.92").
    None,
}

pub(crate) struct Entry {
    pub swatch: Swatch,
    pub label: String,
}

impl Entry {
    pub fn new(swatch: Swatch, label: impl Into<String>) -> Entry {
        Entry { swatch, label: label.into() }
    }
    fn width(&self, size: f64, sw: i32) -> i32 {
        let t = text_width(&self.label, size).ceil() as i32;
        if matches!(self.swatch, Swatch::None) {
            t
        } else {
            sw + 4 + t
        }
    }
}

// ---- scales ----

/// A linear y scale with "nice" ticks.
#[derive(Debug, Clone)]
pub(crate) struct YScale {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    pub ticks: Vec<f64>,
    pub top: i32,
    pub bottom: i32,
}

impl YScale {
    /// Ticks for [lo, hi] with about `target` intervals; `integer` keeps the step ≥ 1.
    pub fn new(lo: f64, hi: f64, target: usize, integer: bool) -> YScale {
        let lo = finite_or(lo, 0.0);
        let mut hi = finite_or(hi, 1.0);
        if hi - lo < 1e-9 || hi - lo < lo.abs() * 1e-9 {
            hi = lo + 1.0f64.max(lo.abs() * 0.1);
        }
        let target = target.max(1) as f64;
        let raw = (hi - lo) / target;
        let mag = 10f64.powf(raw.log10().floor());
        let mut step =
            [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw * 0.999).unwrap_or(10.0 * mag);
        if !(step.is_finite() && step > 0.0) {
            step = (hi - lo).abs().max(1.0);
        }
        if integer && step < 1.0 {
            step = 1.0;
        }
        if integer && (step - step.round()).abs() > 1e-9 {
            step = step.ceil();
        }
        let lo_t = (lo / step).floor() * step;
        let hi_t = (hi / step - 1e-9).ceil() * step;
        let n = (((hi_t - lo_t) / step).round() as usize).min(200);
        let ticks = (0..=n).map(|k| lo_t + step * k as f64).collect();
        YScale { lo: lo_t, hi: hi_t.max(lo_t + step), step, ticks, top: 0, bottom: 1 }
    }

    pub fn place(mut self, plot: &Rect) -> YScale {
        self.top = plot.y;
        self.bottom = plot.bottom();
        self
    }

    pub fn yf(&self, v: f64) -> f64 {
        let v = finite_or(v, self.lo);
        let t = (v - self.lo) / (self.hi - self.lo);
        self.bottom as f64 - t * (self.bottom - self.top) as f64
    }

    pub fn y(&self, v: f64) -> i32 {
        px(self.yf(v))
    }
}

/// About how many y intervals fit a plot of this height.
pub(crate) fn y_target(h: i32, compact: bool) -> usize {
    let per = if compact { 45 } else { 40 };
    ((h / per).max(1) as usize).min(10)
}

/// Day index → x. Points: index 0 at the left edge, the last at the right edge. Bands: each index
/// owns `w / n` pixels and sits at the band's centre.
#[derive(Debug, Clone, Copy)]
pub(crate) struct XScale {
    pub n: usize,
    pub x0: f64,
    pub w: f64,
    pub bands: bool,
}

impl XScale {
    pub fn new(plot: &Rect, n: usize, bands: bool) -> XScale {
        XScale { n, x0: plot.x as f64, w: plot.w.max(1) as f64, bands }
    }
    pub fn xf(&self, i: f64) -> f64 {
        if self.bands {
            self.x0 + self.w * (i + 0.5) / self.n.max(1) as f64
        } else if self.n <= 1 {
            self.x0 + self.w / 2.0
        } else {
            self.x0 + self.w * i / (self.n - 1) as f64
        }
    }
    pub fn x(&self, i: f64) -> i32 {
        px(self.xf(i))
    }
    /// Pixels between neighbouring indices.
    pub fn spacing(&self) -> f64 {
        if self.bands {
            self.w / self.n.max(1) as f64
        } else if self.n <= 1 {
            self.w
        } else {
            self.w / (self.n - 1) as f64
        }
    }
}

/// The position of `date` on a working-day axis: its index, or for a day between working days the
/// last working day before it; `None` outside the range.
pub(crate) fn date_index(days: &[NaiveDate], date: NaiveDate) -> Option<usize> {
    let first = *days.first()?;
    let last = *days.last()?;
    if date < first || date > last {
        return None;
    }
    Some(days.partition_point(|d| *d <= date).saturating_sub(1))
}

/// Date tick labels for a working-day axis that never overlap: every day, every 2nd day, week
/// starts, or month starts, whichever is the finest that leaves room between labels. `lo` / `hi`
/// bound the label centres' extents (the area's edges).
pub(crate) fn date_ticks(
    lang: Lang,
    days: &[NaiveDate],
    xs: &XScale,
    size: f64,
    lo: i32,
    hi: i32,
) -> Vec<(i32, String)> {
    let n = days.len();
    if n == 0 {
        return Vec::new();
    }
    let sample = match lang {
        Lang::Ja => "12/30",
        Lang::En => "Sep 30",
    };
    let lw = text_width(sample, size) + 10.0;
    let need = lw / xs.spacing().max(0.01);
    let mut picks: Vec<(usize, String)> = Vec::new();
    if need <= 2.0 {
        let step = if need <= 1.0 { 1 } else { 2 };
        for i in (0..n).step_by(step) {
            picks.push((i, lang.fmt().month_day(days[i])));
        }
    } else if need <= 15.0 {
        let every = (need / 5.0).ceil().max(1.0) as usize;
        let starts: Vec<usize> = (0..n)
            .filter(|&i| {
                if i == 0 {
                    days[0].weekday() == chrono::Weekday::Mon
                } else {
                    days[i].iso_week() != days[i - 1].iso_week()
                }
            })
            .collect();
        for (k, i) in starts.into_iter().enumerate() {
            if k % every == 0 {
                picks.push((i, lang.fmt().month_day(days[i])));
            }
        }
    } else {
        let per_month = need / 21.0;
        let every = [1u32, 2, 3, 6, 12].into_iter().find(|m| *m as f64 >= per_month).unwrap_or(12);
        let starts =
            (0..n).filter(|&i| if i == 0 { days[0].day() == 1 } else { days[i].month() != days[i - 1].month() });
        let mut first = true;
        for i in starts {
            if !days[i].month0().is_multiple_of(every) {
                continue;
            }
            let l =
                if first || days[i].month() == 1 { lang.fmt().year_month(days[i]) } else { lang.fmt().month(days[i]) };
            first = false;
            picks.push((i, l));
        }
    }
    if picks.is_empty() {
        picks.push((0, lang.fmt().month_day(days[0])));
    }
    no_overlap(picks.into_iter().map(|(i, l)| (xs.x(i as f64), l)).collect(), size, lo, hi)
}

/// Drops labels (centred at x) that would touch the previous one or leave [lo, hi].
pub(crate) fn no_overlap(labels: Vec<(i32, String)>, size: f64, lo: i32, hi: i32) -> Vec<(i32, String)> {
    let mut out = Vec::new();
    let mut prev_right = i32::MIN / 2;
    for (x, l) in labels {
        let w = text_width(&l, size);
        if w > (hi - lo) as f64 {
            continue;
        }
        let cx = clamp_label(x, w, lo, hi);
        let left = cx - (w / 2.0).ceil() as i32;
        if left < prev_right + 6 {
            continue;
        }
        prev_right = cx + (w / 2.0).ceil() as i32;
        out.push((x, l));
    }
    out
}

/// The last finite value at or before index `i`.
pub(crate) fn last_at_or_before(v: &[Option<f64>], i: usize) -> Option<f64> {
    let end = (i + 1).min(v.len());
    v[..end].iter().rev().flatten().copied().find(|x| x.is_finite())
}

/// The largest finite value of the iterator (0 if none).
pub(crate) fn max_finite(it: impl IntoIterator<Item = f64>) -> f64 {
    it.into_iter().filter(|v| v.is_finite()).fold(0.0, f64::max)
}

/// Points of a series with gaps (`None`) as polylines.
pub(crate) fn runs(xs: &XScale, ys: &YScale, vals: &[Option<f64>]) -> Vec<Vec<(i32, i32)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for (i, v) in vals.iter().enumerate().take(xs.n) {
        match v.filter(|v| v.is_finite()) {
            Some(v) => cur.push((xs.x(i as f64), ys.y(v))),
            None => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Draws a series: a polyline per run, a dot for a run of one point.
pub(crate) fn draw_runs<DB: DrawingBackend>(
    p: &Painter<DB>,
    runs: &[Vec<(i32, i32)>],
    color: RGBColor,
    width: u32,
) -> R {
    for r in runs {
        if r.len() == 1 {
            p.circle(r[0], 3, color, true)?;
        } else {
            p.line(r, color, width)?;
        }
    }
    Ok(())
}

/// The standard frame of a time chart: lays out title, legend, status strip, axes; returns the
/// plot rectangle and y scale(s). `y_labels` formats the y ticks; `right` adds a second y axis.
pub(crate) struct TimeFrame {
    pub plot: Rect,
    pub ys: YScale,
    pub y_labels: Vec<String>,
    pub ys2: Option<(YScale, Vec<String>)>,
}

pub(crate) struct AxisSpec<'f> {
    pub lo: f64,
    pub hi: f64,
    pub integer: bool,
    pub fmt: &'f dyn Fn(f64, f64) -> String,
}

pub(crate) fn time_frame<DB: DrawingBackend>(
    p: &Painter<DB>,
    title: &str,
    legend: &[Entry],
    left: AxisSpec,
    right: Option<AxisSpec>,
) -> Result<TimeFrame, ChartError> {
    let mut top = p.title(title)?;
    top = p.legend(legend, top)?;
    top += p.status_strip();
    let bottom = p.h - p.x_axis_height();
    let plot_h = (bottom - top).max(10);
    let target = y_target(plot_h, p.compact);
    let ys = YScale::new(left.lo, left.hi, target, left.integer);
    let y_labels: Vec<String> = ys.ticks.iter().map(|v| (left.fmt)(*v, ys.step)).collect();
    let ys2 = right.map(|r| {
        let s = YScale::new(r.lo, r.hi, ys.ticks.len().saturating_sub(1).max(1), r.integer);
        let labels: Vec<String> = s.ticks.iter().map(|v| (r.fmt)(*v, s.step)).collect();
        (s, labels)
    });
    let lw = p.y_axis_width(&y_labels);
    let rw = match &ys2 {
        Some((_, labels)) => p.y_axis_width(labels),
        None => {
            // Room for half of the last date label.
            PAD + 14
        }
    };
    let plot = Rect { x: lw, y: top, w: (p.w - lw - rw).max(10), h: plot_h };
    let ys = ys.place(&plot);
    let ys2 = ys2.map(|(s, l)| (s.place(&plot), l));
    Ok(TimeFrame { plot, ys, y_labels, ys2 })
}
