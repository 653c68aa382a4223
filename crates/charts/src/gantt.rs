//! The Gantt timeline: a date header and the rows of a view window (bars with progress, summary
//! bars, milestones, finish → start arrows, the critical path, the status-date line and the
//! イナヅマ線). The WBS column is the app's; only the rows in the window are drawn, so the app
//! can virtualize any number of rows.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use mieruka_core::analytics::{GanttData, GanttRow};

use crate::draw::{px, rgba, Painter, Rect};
use crate::text::text_width;
use crate::{ChartError, ChartOptions, Geometry, RowGeometry};

/// Height of the date header above the rows (two tiers).
pub const GANTT_HEADER_PX: u32 = 40;

/// The header's units: days under months, weeks under months, or months under years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Zoom {
    #[default]
    Day,
    Week,
    Month,
}

/// The window of the Gantt chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GanttView {
    /// Index into `GanttData::rows` of the first row drawn.
    pub first_row: usize,
    /// How many rows at most (fewer if the area or the data ends first).
    pub rows: usize,
    pub row_height_px: u32,
    pub zoom: Zoom,
    /// First and last calendar day of the timeline (inclusive); the area's width is spread over them.
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl GanttView {
    /// All rows of `data` over its range (or around the status date), 24 px rows, by day.
    pub fn whole(data: &GanttData) -> GanttView {
        let (from, to) = data.range.unwrap_or((
            data.status_date.checked_sub_signed(Duration::days(7)).unwrap_or(data.status_date),
            data.status_date.checked_add_signed(Duration::days(30)).unwrap_or(data.status_date),
        ));
        GanttView { first_row: 0, rows: data.rows.len(), row_height_px: 24, zoom: Zoom::Day, from, to }
    }
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Clips an axis-aligned segment to the rectangle; `None` if nothing is left.
fn clip(a: (i32, i32), b: (i32, i32), r: &Rect) -> Option<((i32, i32), (i32, i32))> {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    if x1 < r.x || x0 > r.right() || y1 < r.y || y0 > r.bottom() {
        return None;
    }
    let c = |p: (i32, i32)| (p.0.clamp(r.x, r.right()), p.1.clamp(r.y, r.bottom()));
    Some((c(a), c(b)))
}

pub fn gantt<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &GanttData,
    view: &GanttView,
    opts: &ChartOptions,
) -> Result<Geometry, ChartError> {
    let p = Painter::new(area, opts)?;
    let th = p.theme;
    let lang = p.lang;
    let (from, to) = if view.from <= view.to { (view.from, view.to) } else { (view.to, view.from) };
    // At most ~30 years of days: keeps a bogus range from drawing forever.
    let nd = (days_between(from, to) + 1).clamp(1, 11_000) as usize;
    let w = p.w.max(1);
    let ppd = w as f64 / nd as f64;
    let xd = |d: NaiveDate| -> f64 { days_between(from, d) as f64 * ppd };
    let header = (GANTT_HEADER_PX as i32).min(p.h);
    let rh = view.row_height_px.max(4) as i32;
    let first = view.first_row.min(data.rows.len());
    let fit = ((p.h - header).max(0) + rh - 1) / rh;
    let count = view.rows.min(data.rows.len() - first).min(fit.max(0) as usize);
    let body = Rect { x: 0, y: header, w, h: (count as i32 * rh).min(p.h - header).max(0) };
    let full = Rect { x: 0, y: header, w, h: (p.h - header).max(0) };
    let row_y = |r: usize| header + (r as i64 - first as i64).clamp(-1_000_000, 1_000_000) as i32 * rh;

    // ---- background: zebra rows, weekends, grid ----
    for k in 0..count {
        let r = first + k;
        if r % 2 == 1 {
            let y = row_y(r);
            p.rect((0, y), (w, y + rh), rgba(th.surface, 1.0), true)?;
        }
    }
    if view.zoom == Zoom::Day && ppd >= 6.0 {
        for k in 0..nd {
            let d = from + Duration::days(k as i64);
            if data.is_off(d) {
                let (x0, x1) = (px(k as f64 * ppd), px((k + 1) as f64 * ppd));
                p.rect((x0, header), (x1, full.bottom()), rgba(th.weekend, if th.dark { 1.0 } else { 0.9 }), true)?;
            }
        }
    }

    // ---- header ----
    // The status-date label sits in the upper tier (the lower one is full of day numbers); the
    // header keeps its place free.
    let end_of = |d: NaiveDate| px(xd(d) + ppd);
    let xs = end_of(data.status_date);
    let status_label = {
        let word = if p.today == Some(data.status_date) { p.t.today } else { p.t.status_date };
        let label = format!("{word} {}", lang.fmt().month_day(data.status_date));
        let lw = text_width(&label, STATUS_SIZE) as i32;
        let x0 = if xs + 3 + lw < w { xs + 3 } else { xs - 3 - lw };
        (label, x0, x0 + lw)
    };
    let reserved = (0..=w).contains(&xs).then_some((status_label.1 - 3, status_label.2 + 3));
    draw_header(&p, view.zoom, from, nd, ppd, header, reserved)?;
    // Grid lines in the body at the lower tier's boundaries.
    for k in 0..nd {
        let d = from + Duration::days(k as i64);
        let line = match view.zoom {
            Zoom::Day | Zoom::Week => d.weekday() == Weekday::Mon,
            Zoom::Month => d.day() == 1,
        };
        if line && k > 0 {
            let x = px(k as f64 * ppd);
            p.line(&[(x, header), (x, full.bottom())], th.grid, 1)?;
        }
    }
    p.line(&[(0, header), (w, header)], th.axis, 1)?;

    if data.rows.is_empty() || count == 0 {
        if data.rows.is_empty() {
            let size = if p.compact { 11.0 } else { 13.0 };
            p.text_at(
                p.t.empty_no_tasks,
                (w / 2, header + (p.h - header) / 2),
                size,
                th.text_muted,
                HPos::Center,
                VPos::Center,
                false,
            )?;
        }
        let mut g = p.geometry(body, nd, true);
        g.rows = Some(RowGeometry { first_row: first, count: 0, row_height: rh as u32 });
        g.empty = data.rows.is_empty();
        return Ok(g);
    }

    // ---- dependency arrows (under the bars) ----
    let bar_end = |row: &GanttRow| row.due.or(row.start).map(|d| xd(d) + ppd);
    let bar_start = |row: &GanttRow| row.start.or(row.due).map(xd);
    // With a chosen baseline, each row's bar moves up a little and the baseline's span runs as a
    // thin grey bar under it (a milestone: a small grey diamond on the baseline date); arrows
    // follow the bars.
    let end_row = first + count;
    let bl_h = ((rh as f64) * 0.16).clamp(2.0, 5.0) as i32;
    let bl_r = (bl_h - 1).max(2);
    let with_baseline = data.rows[first..end_row].iter().any(|r| r.baseline.is_some());
    let shift = if with_baseline { bl_h / 2 + 2 } else { 0 };
    let row_mid = |r: usize| row_y(r) + rh / 2 - shift;
    // Milestones: a diamond in the middle of their day; arrows leave and reach its tips. Over a
    // baseline diamond it keeps a pixel clear of it.
    let ms_r = ((rh as f64) * 0.3).max(4.0);
    let ms_r =
        if with_baseline { ms_r.min(f64::from(rh - 2 - 2 * bl_r - 1 - (rh / 2 - shift))).max(3.0) } else { ms_r };
    let ms_centre = |row: &GanttRow| row.due.or(row.start).map(|d| xd(d) + ppd / 2.0);
    let out_x = |row: &GanttRow| if row.milestone { ms_centre(row).map(|c| c + ms_r) } else { bar_end(row) };
    let in_x = |row: &GanttRow| if row.milestone { ms_centre(row).map(|c| c - ms_r) } else { bar_start(row) };
    // Labels right of a bar start past the elbow of its outgoing arrows.
    let label_gap = 10;
    let show_percent = rh >= 18 && !p.compact && ppd >= 6.0;
    for &(a, b) in &data.links {
        let (Some(ra), Some(rb)) = (data.rows.get(a), data.rows.get(b)) else { continue };
        if (a < first && b < first) || (a >= end_row && b >= end_row) {
            continue;
        }
        let (Some(xe), Some(xs)) = (out_x(ra), in_x(rb)) else { continue };
        let ya = row_mid(a);
        let yb = row_mid(b);
        let (xe, xs) = (px(xe), px(xs));
        let color = if ra.critical && rb.critical { th.alert } else { th.link };
        let mut pts = vec![(xe, ya), (xe + 6, ya)];
        if xs - 6 >= xe + 6 {
            pts.push((xe + 6, yb));
        } else {
            // Back around: down (or up) to the successor's row edge, left, then down to it.
            let edge = if b > a { row_y(b) } else { row_y(b) + rh };
            pts.push((xe + 6, edge));
            pts.push((xs - 6, edge));
            pts.push((xs - 6, yb));
        }
        pts.push((xs - 1, yb));
        for s in pts.windows(2) {
            if let Some((c0, c1)) = clip(s[0], s[1], &body) {
                if s[1] == (xs - 1, yb) && c1 == s[1] {
                    p.arrow(c0, (xs - 1, yb), color, 1, 6.0)?;
                } else {
                    p.line(&[c0, c1], color, 1)?;
                }
            }
        }
    }

    // ---- bars ----
    for k in 0..count {
        let r = first + k;
        let row = &data.rows[r];
        let y = row_y(r);
        if let Some((bs, bd)) = row.baseline {
            let bx0 = px(xd(bs));
            let bx1 = px(xd(bd) + ppd).max(bx0 + 2);
            let c = rgba(th.text_muted, if th.dark { 0.8 } else { 0.65 });
            let bottom = y + rh - 2;
            if row.milestone {
                let cx = px(xd(bd) + ppd / 2.0);
                let rr = bl_r;
                p.poly(&[(cx, bottom - 2 * rr), (cx + rr, bottom - rr), (cx, bottom), (cx - rr, bottom - rr)], c)?;
            } else if bx1 >= 0 && bx0 <= w {
                p.rect((bx0.max(-2), bottom - bl_h), (bx1.min(w + 2), bottom), c, true)?;
            }
        }
        let mid = row_mid(r);
        let (Some(x0), Some(x1)) = (bar_start(row), bar_end(row)) else { continue };
        if row.milestone {
            let d = row.due.or(row.start).expect("a date");
            let cx = px(xd(d) + ppd / 2.0);
            if (-20..=w + 20).contains(&cx) {
                let rr = ms_r as i32;
                let c = if row.critical { th.alert } else { th.milestone };
                p.diamond((cx, mid), rr, c)?;
                let label = lang.fmt().month_day(d);
                if rh >= 16 && !p.compact && cx + rr + label_gap + text_width(&label, 10.0) as i32 + 2 < w {
                    p.text_at(
                        &label,
                        (cx + rr + label_gap, mid),
                        10.0,
                        th.text_muted,
                        HPos::Left,
                        VPos::Center,
                        false,
                    )?;
                }
            }
            continue;
        }
        let (x0, x1) = (px(x0), px(x1).max(px(x0) + 2));
        if x1 < 0 || x0 > w {
            continue;
        }
        let (cx0, cx1) = (x0.max(-2), x1.min(w + 2));
        let pct = if row.percent.is_finite() { row.percent.clamp(0.0, 100.0) } else { 0.0 };
        if row.summary {
            let bh = ((rh as f64) * 0.28).max(3.0) as i32;
            let top = mid - bh / 2 - 1;
            let c = if row.critical { th.alert } else { th.summary };
            p.rect((cx0, top), (cx1, top + bh), rgba(c, 1.0), true)?;
            // End caps pointing down at the real start and end.
            let cap = (bh + 2).min(rh / 3).max(3);
            // Over a baseline bar the caps stop two pixels short of it.
            let cap = if with_baseline { cap.min(y + rh - 2 - bl_h - 2 - (top + bh)).max(2) } else { cap };
            for x in [x0, x1] {
                if (0..=w).contains(&x) {
                    let dx = if x == x0 { cap } else { -cap };
                    p.poly(&[(x, top), (x + dx, top), (x, top + bh + cap)], rgba(c, 1.0))?;
                }
            }
            if pct > 0.0 {
                let xp = px(x0 as f64 + (x1 - x0) as f64 * pct / 100.0).min(w + 2);
                p.rect((cx0, top + bh - 2), (xp.max(cx0), top + bh), rgba(th.bar_progress, 1.0), true)?;
            }
            continue;
        }
        let bh = ((rh as f64) * 0.56).max(4.0) as i32;
        let top = mid - bh / 2;
        let (c_bar, c_prog) =
            if row.critical { (th.critical_bar, th.critical_progress) } else { (th.bar, th.bar_progress) };
        p.rect((cx0, top), (cx1, top + bh), rgba(c_bar, 1.0), true)?;
        if pct > 0.0 {
            let xp = px(x0 as f64 + (x1 - x0) as f64 * pct / 100.0).min(w + 2);
            p.rect((cx0, top), (xp.max(cx0), top + bh), rgba(c_prog, 1.0), true)?;
        }
        if row.critical {
            p.rect((cx0, top), (cx1, top + bh), rgba(th.critical_progress, 1.0), false)?;
        }
        if show_percent {
            let label = format!("{}%", pct.round());
            let lw = text_width(&label, 10.0) as i32;
            if x1 + label_gap + lw < w {
                p.text_at(&label, (x1 + label_gap, mid), 10.0, th.text_muted, HPos::Left, VPos::Center, false)?;
            }
        }
    }

    // ---- status date and イナヅマ線 ----
    if (0..=w).contains(&xs) || data.rows[first..end_row].iter().any(|r| r.progress_point.is_some()) {
        let c = th.status;
        p.dashed(&[(xs, 0), (xs, body.bottom())], c, 1, 4.0, 3.0)?;
        let mut pts = vec![(xs, header)];
        for k in 0..count {
            let r = first + k;
            let x = data.rows[r].progress_point.map(end_of).unwrap_or(xs);
            pts.push((x.clamp(-5, w + 5), row_mid(r)));
        }
        pts.push((xs, body.bottom()));
        p.line(&pts, c, 2)?;
        if reserved.is_some() {
            let (label, x0, _) = &status_label;
            p.text_boxed(label, (*x0, header / 4 + 1), STATUS_SIZE, c, HPos::Left, VPos::Center)?;
        }
    }

    let mut g = p.geometry(body, nd, true);
    g.rows = Some(RowGeometry { first_row: first, count, row_height: rh as u32 });
    Ok(g)
}

const STATUS_SIZE: f64 = 10.0;

/// The two-tier date header. `reserved`: an x range of the upper tier to keep free.
fn draw_header<DB: DrawingBackend>(
    p: &Painter<DB>,
    zoom: Zoom,
    from: NaiveDate,
    nd: usize,
    ppd: f64,
    header: i32,
    reserved: Option<(i32, i32)>,
) -> Result<(), ChartError> {
    let th = p.theme;
    let lang = p.lang;
    let mid = header / 2;
    let w = p.w;
    p.rect((0, 0), (w, header), rgba(th.background, 1.0), true)?;
    let day = |k: usize| from + Duration::days(k as i64);
    let size = 11.0;

    // Upper tier: months (Day, Week) or years (Month).
    let upper_start = |d: NaiveDate| match zoom {
        Zoom::Day | Zoom::Week => d.day() == 1,
        Zoom::Month => d.ordinal() == 1,
    };
    let upper_label = |d: NaiveDate| match zoom {
        Zoom::Day | Zoom::Week => lang.fmt().year_month(d),
        Zoom::Month => lang.fmt().year(d),
    };
    let mut starts: Vec<usize> = (0..nd).filter(|&k| k == 0 || upper_start(day(k))).collect();
    starts.push(nd);
    for s in starts.windows(2) {
        let (x0, x1) = (px(s[0] as f64 * ppd), px(s[1] as f64 * ppd));
        if s[0] > 0 {
            p.line(&[(x0, 0), (x0, header)], th.grid, 1)?;
        }
        let label = upper_label(day(s[0]));
        let lw = text_width(&label, size) as i32;
        // Past the reserved range if it is in the way and the segment leaves room.
        let mut lx = x0 + 4;
        if let Some((r0, r1)) = reserved {
            if lx < r1 && lx + lw > r0 {
                lx = r1 + 4;
            }
        }
        if lx + lw + 4 <= x1 {
            p.text_at(&label, (lx, mid / 2 + 1), size, th.text, HPos::Left, VPos::Center, true)?;
        }
    }
    p.line(&[(0, mid), (w, mid)], th.grid, 1)?;

    // Lower tier: days, week starts or months, as dense as the labels allow.
    let lower: Vec<(usize, String)> = match zoom {
        Zoom::Day => {
            let every = if ppd >= text_width("30", size) + 4.0 { 1 } else { 7 };
            (0..nd)
                .filter(|&k| every == 1 || day(k).weekday() == Weekday::Mon)
                .map(|k| (k, day(k).day().to_string()))
                .collect()
        }
        Zoom::Week => {
            (0..nd).filter(|&k| day(k).weekday() == Weekday::Mon).map(|k| (k, lang.fmt().month_day(day(k)))).collect()
        }
        Zoom::Month => (0..nd).filter(|&k| day(k).day() == 1).map(|k| (k, lang.fmt().month(day(k)))).collect(),
    };
    let short = |l: &str, d: NaiveDate| -> String {
        // Weeks: "11/23" when there is room, else the day only.
        if zoom == Zoom::Week && text_width(l, size) + 6.0 > 7.0 * ppd {
            d.day().to_string()
        } else {
            l.to_string()
        }
    };
    let mut prev_right = i32::MIN / 2;
    for (k0, l) in lower {
        let l = short(&l, day(k0));
        let x0 = px(k0 as f64 * ppd);
        let lw = text_width(&l, size) as i32;
        let cell = match zoom {
            Zoom::Day if ppd >= text_width("30", size) + 4.0 => ppd,
            _ => 0.0,
        };
        // Day numbers centred in their cell; week and month labels start at their boundary.
        let x = if cell > 0.0 { px(x0 as f64 + cell / 2.0) - lw / 2 } else { x0 + 3 };
        if x < prev_right + 4 || x + lw > w {
            continue;
        }
        prev_right = x + lw;
        let weekend = matches!(day(k0).weekday(), Weekday::Sat | Weekday::Sun) && zoom == Zoom::Day && cell > 0.0;
        let c = if weekend { th.text_muted } else { th.text };
        p.text_at(&l, (x, mid + mid / 2 + 1), size, c, HPos::Left, VPos::Center, false)?;
        if cell == 0.0 && k0 > 0 {
            p.line(&[(x0, mid), (x0, header)], th.grid, 1)?;
        }
    }
    Ok(())
}
