//! The computed content of a status report: plain, serializable values (the frozen body).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::chart_data::{BurndownData, EvData};
use crate::number::Number;

/// The version of the body layout, for readers of old bodies.
pub const CONTENT_VERSION: u32 = 1;

/// Everything the report shows besides the author's narrative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ReportContent {
    pub version: u32,
    pub header: Header,
    /// The signal the rules suggest (the author decides).
    pub suggested: Suggested,
    pub progress: Progress,
    pub milestones: Vec<MilestoneLine>,
    pub budget: Budget,
    pub issues: IssueSummary,
    pub risks: Vec<RiskLine>,
    pub next_period: NextPeriod,
    pub actions: Vec<ActionLine>,
    pub charts: Charts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Header {
    pub code: String,
    pub name: String,
    pub manager: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub status_date: NaiveDate,
    /// The baseline the milestones compare with, by name (empty: none).
    pub baseline: String,
}

/// The suggested overall signal: "green", "amber", "red" or "unknown", and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Suggested {
    pub rag: String,
    pub reasons: Vec<ReasonLine>,
}

/// One dashboard part and why it has its colour: `part` is schedule, cost, tasks, issues, risks
/// or milestone; `reason` a snake_case word of [`crate::analytics::kpi::Reason`]; `n` its count
/// or days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ReasonLine {
    pub part: String,
    pub reason: String,
    pub n: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Progress {
    /// 0–100.
    pub overall_percent: f64,
    pub completed: Vec<TaskLine>,
    pub in_progress: Vec<TaskLine>,
}

/// A task as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TaskLine {
    /// WBS number "1.2.3".
    pub wbs: String,
    pub title: String,
    pub assignee: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub percent: f64,
    /// The day it was done (completed tasks).
    pub done_on: Option<NaiveDate>,
    pub milestone: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MilestoneLine {
    pub wbs: String,
    pub title: String,
    pub baseline: Option<NaiveDate>,
    pub planned: Option<NaiveDate>,
    /// The forecast day (open) or the day it was done (done).
    pub forecast: Option<NaiveDate>,
    pub done: bool,
    /// Working days late (+) or early (−) against the baseline (else planned) date.
    pub slip: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Budget {
    /// The currency code when costs are money, empty when they are person-hours.
    pub currency: String,
    pub bac: f64,
    pub ac: f64,
    /// AC / BAC × 100, when BAC > 0.
    pub percent_used: Option<f64>,
    pub eac: f64,
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct IssueSummary {
    pub new: Vec<IssueLine>,
    pub resolved: Vec<IssueLine>,
    pub needing_action: Vec<IssueLine>,
    /// Open (open or in progress) at the status date.
    pub open_count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct IssueLine {
    /// Its number in the issue log (a plain number in the body unless it is a later twin).
    pub no: Number,
    pub title: String,
    /// low, medium, high, critical
    pub priority: String,
    /// open, in_progress, resolved, closed
    pub status: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub raised_on: Option<NaiveDate>,
    pub resolution: String,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RiskLine {
    pub no: Number,
    pub title: String,
    /// P × I
    pub score: u8,
    /// low, medium, high, critical
    pub level: String,
    /// avoid, transfer, mitigate, …
    pub strategy: String,
    pub response_plan: String,
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct NextPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub tasks: Vec<TaskLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ActionLine {
    pub title: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub meeting: String,
    pub meeting_date: Option<NaiveDate>,
    pub overdue: bool,
}

/// The data of the report's charts (drawn by `mieruka-charts`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Charts {
    pub burndown: Option<BurndownData>,
    pub ev: Option<EvData>,
}
