//! Mieruka's charts: pure drawing functions over the series the core computes
//! (`mieruka_core::analytics`), generic over any plotters [`DrawingBackend`]. The app draws them on
//! a `<canvas>` (plotters-canvas); exports and the golden tests draw them into SVG ([`to_svg`]).
//!
//! Nothing here computes project numbers: every value drawn comes from the input series. Each
//! chart returns a [`Geometry`] so the app can map the pointer to a day, a matrix cell or a row.
//!
//! Text is laid out with our own width estimate ([`text::text_width`]), never the backend's, so
//! a chart is laid out the same on every backend; font sizes are CSS pixels.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};

mod burndown;
mod burnup;
mod draw;
mod ev;
mod gantt;
mod report_html;
mod risk_matrix;
mod risk_trend;
mod stakeholder_grid;
pub mod text;
mod theme;
mod workload;

pub use burndown::burndown;
pub use burnup::burnup;
pub use ev::ev;
pub use gantt::{gantt, GanttView, Zoom, GANTT_HEADER_PX};
pub use report_html::report_html;
pub use risk_matrix::risk_matrix;
pub use risk_trend::risk_trend;
pub use stakeholder_grid::{stakeholder_grid, GridLabels, GridPoint, StakeholderGrid};
pub use text::{Lang, Text};
pub use theme::{Theme, FONT_FAMILY};
pub use workload::workload;

/// The plotters this crate draws with, for the app to build its drawing area with the same version.
pub use plotters;

/// How to draw a chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartOptions {
    pub theme: Theme,
    pub lang: Lang,
    /// The small dashboard version: no title or axis titles, fewer ticks, the legend only if it
    /// fits on one row.
    pub compact: bool,
    /// Overrides the unit shown in axis titles ("h", "pt", "件", …); `None`: from the series.
    pub unit_label: Option<String>,
    /// The user's today: the status-date line is labelled "今日" / "Today" when they coincide,
    /// "基準日" / "Status date" otherwise. (The charts read no clock.)
    pub today: Option<NaiveDate>,
}

impl ChartOptions {
    pub fn new(theme: Theme, lang: Lang) -> ChartOptions {
        ChartOptions { theme, lang, ..ChartOptions::default() }
    }
    pub fn compact(mut self) -> ChartOptions {
        self.compact = true;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartError {
    /// The backend failed to draw (e.g. the canvas context went away).
    Backend(String),
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChartError::Backend(e) => write!(f, "chart drawing failed: {e}"),
        }
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Backend(e.to_string())
    }
}

/// A risk-matrix cell: ((probability, impact), (x, y, w, h), risk count).
pub type MatrixCell = ((u8, u8), (i32, i32, u32, u32), usize);

/// Where a chart put things, in backend pixels, for tooltips and clicks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geometry {
    /// The plot area (x, y, width, height); for the Gantt chart the rows under the date header.
    pub plot: (i32, i32, u32, u32),
    /// Positions on the x axis: days (burndown, burnup incl. its forecast extension, risk trend,
    /// EV; Gantt: calendar days from `GanttView::from`), weeks (workload), 5 (risk matrix).
    pub x_count: usize,
    /// Each x index owns a band of `w / x_count` pixels (bars, Gantt days); otherwise index `i`
    /// is the point at `x + w · i / (x_count − 1)`.
    pub x_bands: bool,
    /// Risk matrix: the 25 cells as ((probability 1–5, impact 1–5), (x, y, w, h), risk count).
    /// Probability grows upwards, impact to the right.
    pub cells: Vec<MatrixCell>,
    /// Gantt: which rows were drawn, and how tall they are.
    pub rows: Option<RowGeometry>,
    /// Workload: the member lanes drawn (top to bottom: index into `WorkloadSeries::members`,
    /// `None` for the unassigned lane) with their y range. Empty in grouped-bar mode.
    pub lanes: Vec<(Option<usize>, i32, u32)>,
    /// An empty-state message was drawn instead of data.
    pub empty: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowGeometry {
    /// Index into `GanttData::rows` of the first row drawn.
    pub first_row: usize,
    pub count: usize,
    pub row_height: u32,
}

impl Geometry {
    fn inside(&self, x: i32, y: i32) -> bool {
        let (px, py, w, h) = self.plot;
        x >= px && x <= px + w as i32 && y >= py && y <= py + h as i32
    }

    /// The x pixel of index `i`.
    pub fn x_of(&self, i: usize) -> Option<i32> {
        if i >= self.x_count {
            return None;
        }
        let (px, _, w, _) = self.plot;
        let w = w as f64;
        let x = if self.x_bands {
            px as f64 + w * (i as f64 + 0.5) / self.x_count as f64
        } else if self.x_count == 1 {
            px as f64 + w / 2.0
        } else {
            px as f64 + w * i as f64 / (self.x_count - 1) as f64
        };
        Some(x.round() as i32)
    }

    /// The x index under (or nearest to) pixel `x`, if `x` is over the plot.
    pub fn index_at(&self, x: i32) -> Option<usize> {
        let (px, _, w, _) = self.plot;
        if self.x_count == 0 || w == 0 || x < px || x > px + w as i32 {
            return None;
        }
        let t = (x - px) as f64 / w as f64;
        let i = if self.x_bands { (t * self.x_count as f64).floor() } else { (t * (self.x_count - 1) as f64).round() };
        Some((i.max(0.0) as usize).min(self.x_count - 1))
    }

    /// The risk-matrix cell (p, i) under the pointer.
    pub fn cell_at(&self, x: i32, y: i32) -> Option<(u8, u8)> {
        self.cells
            .iter()
            .find(|(_, (cx, cy, w, h), _)| x >= *cx && x < cx + *w as i32 && y >= *cy && y < cy + *h as i32)
            .map(|(pi, _, _)| *pi)
    }

    /// The Gantt row (index into `GanttData::rows`) under the pointer.
    pub fn row_at(&self, x: i32, y: i32) -> Option<usize> {
        let rows = self.rows?;
        if !self.inside(x, y) || rows.row_height == 0 {
            return None;
        }
        let k = ((y - self.plot.1) / rows.row_height as i32) as usize;
        (k < rows.count).then_some(rows.first_row + k)
    }
}

/// Draws into an SVG string: `f` gets a `width × height` drawing area.
///
/// The SVG backend writes `font-size` as size / 1.24 while the canvas backend uses the size as
/// CSS pixels; the sizes are scaled back here so an exported chart looks like the one on screen.
pub fn to_svg<T>(
    width: u32,
    height: u32,
    f: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<T, ChartError>,
) -> Result<String, ChartError> {
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, (width.max(1), height.max(1))).into_drawing_area();
        f(&area)?;
        area.present()?;
    }
    Ok(fix_font_sizes(&buf))
}

fn fix_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(pos) = rest.find(KEY) {
        out.push_str(&rest[..pos + KEY.len()]);
        rest = &rest[pos + KEY.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].parse::<f64>() {
            Ok(v) => {
                let s = format!("{:.2}", v * 1.24);
                out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
            }
            Err(_) => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
