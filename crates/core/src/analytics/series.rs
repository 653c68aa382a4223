//! The data each chart draws. Plain values: computed in the core, drawn by `mieruka-charts`.

use chrono::NaiveDate;

use crate::enums::{RiskKind, RiskLevel};
use crate::id::Id;

pub use crate::cost::CostUnit;

/// The unit a burndown / burnup counts work in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WorkUnit {
    #[default]
    Hours,
    StoryPoints,
    Tasks,
}

/// How much of a task's budget counts as earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EvMethod {
    #[default]
    PercentComplete,
    /// Nothing until done.
    ZeroHundred,
    /// Half when started, all when done.
    FiftyFifty,
}

/// Remaining work per working day against the ideal line.
/// `days` is the x axis (working days of the range, in order); every other vector has its length.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BurndownSeries {
    pub unit: WorkUnit,
    pub days: Vec<NaiveDate>,
    /// Remaining work at the end of each day; `None` after the status date.
    pub remaining: Vec<Option<f64>>,
    /// Total scope at the end of each day; `None` after the status date.
    pub scope: Vec<Option<f64>>,
    /// Scope added (+) or removed (−) on each day, compared with the day before (0 on the first day).
    pub scope_change: Vec<f64>,
    /// From the scope at the first day to zero at the last day (the target date).
    pub ideal: Vec<f64>,
    pub status_date: NaiveDate,
}

/// Completed work and total scope over time, with a forecast finish from the recent rate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BurnupSeries {
    pub unit: WorkUnit,
    pub days: Vec<NaiveDate>,
    /// `None` after the status date.
    pub done: Vec<Option<f64>>,
    pub scope: Vec<Option<f64>>,
    /// Work done per working day over the recent window (the forecast rate).
    pub rate_per_day: f64,
    /// When the current scope would be done at that rate: the status date when everything is
    /// done; `None` when there is no scope or no progress to extrapolate.
    pub forecast_finish: Option<NaiveDate>,
    pub status_date: NaiveDate,
}

/// Open-risk exposure and counts by level over time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskTrendSeries {
    pub days: Vec<NaiveDate>,
    /// Sum of P × I over open threats at the end of each day.
    pub exposure: Vec<f64>,
    /// Open threats by level: [low, medium, high, critical].
    pub by_level: Vec<[u32; 4]>,
    pub status_date: NaiveDate,
}

/// A 5 × 5 probability × impact grid. `cells[p-1][i-1]` lists the risks in that cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskMatrix {
    pub kind: Option<RiskKind>,
    pub residual: bool,
    pub cells: [[Vec<Id>; 5]; 5],
    /// Inherent (p, i) → residual (p, i) for risks that have both and where they differ.
    pub arrows: Vec<((u8, u8), (u8, u8))>,
}

impl RiskMatrix {
    pub fn count(&self, p: u8, i: u8) -> usize {
        self.cells[(p - 1) as usize][(i - 1) as usize].len()
    }
    pub fn level(p: u8, i: u8) -> RiskLevel {
        RiskLevel::from_score(p * i)
    }
}

/// The earned-value indices at the status date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EvIndices {
    pub bac: f64,
    pub pv: f64,
    pub ev: f64,
    pub ac: f64,
    /// EV − PV
    pub sv: f64,
    /// EV − AC
    pub cv: f64,
    /// EV / PV (None when PV = 0)
    pub spi: Option<f64>,
    /// EV / AC (None when AC = 0)
    pub cpi: Option<f64>,
    /// BAC / CPI: the current cost efficiency continues.
    pub eac_typical: Option<f64>,
    /// AC + (BAC − EV): the remaining work goes as planned.
    pub eac_atypical: f64,
    /// EAC (typical, or atypical when CPI is unknown) − AC
    pub etc: f64,
    /// BAC − EAC
    pub vac: f64,
    /// (BAC − EV) / (BAC − AC) (None when BAC = AC)
    pub tcpi: Option<f64>,
}

/// PV, EV and AC S-curves (cumulative, per working day).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EvSeries {
    pub unit: CostUnit,
    pub method: EvMethod,
    pub days: Vec<NaiveDate>,
    pub pv: Vec<f64>,
    /// `None` after the status date.
    pub ev: Vec<Option<f64>>,
    pub ac: Vec<Option<f64>>,
    pub indices: EvIndices,
    pub status_date: NaiveDate,
}

/// Planned hours per member per week against capacity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorkloadSeries {
    /// Monday of each week.
    pub weeks: Vec<NaiveDate>,
    pub members: Vec<MemberLoad>,
    /// Planned hours of tasks without an assignee, per week.
    pub unassigned: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberLoad {
    pub id: Id,
    pub name: String,
    /// Capacity per week (the weekly capacity × working days that week / working days of a normal week).
    pub capacity: Vec<f64>,
    pub planned: Vec<f64>,
}

impl MemberLoad {
    pub fn over_allocated(&self, week: usize) -> bool {
        self.planned[week] > self.capacity[week] + 1e-9
    }
}

/// One row of the Gantt chart (WBS order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GanttRow {
    pub id: Id,
    /// WBS number, e.g. "1.2.3".
    pub wbs: String,
    pub title: String,
    pub depth: usize,
    pub summary: bool,
    pub milestone: bool,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// 0–100
    pub percent: f64,
    pub critical: bool,
    /// Where the イナヅマ線 passes this row (the status date for rows it does not bend at).
    pub progress_point: Option<NaiveDate>,
    /// Behind schedule at the status date.
    pub late: bool,
    /// The row's dates in the chosen baseline (a summary: the span of its baseline tasks);
    /// `None` when there is no chosen baseline or the task is not in it.
    pub baseline: Option<(NaiveDate, NaiveDate)>,
}

/// Everything the Gantt chart draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GanttData {
    pub rows: Vec<GanttRow>,
    /// Finish-to-start dependencies as (predecessor row, successor row).
    pub links: Vec<(usize, usize)>,
    pub status_date: NaiveDate,
    /// First and last day shown.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// The days off of the project's calendar (weekends, holidays, company holidays) around the
    /// range, sorted; `None`: unknown (a chart then shades Saturdays and Sundays).
    pub off_days: Option<Vec<NaiveDate>>,
}

impl GanttData {
    /// Whether `d` is a day off (by the calendar when known, else a weekend).
    pub fn is_off(&self, d: NaiveDate) -> bool {
        use chrono::Datelike;
        match &self.off_days {
            Some(off) => off.binary_search(&d).is_ok(),
            None => matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun),
        }
    }
}
