//! Issued status reports (進捗報告書): a dated snapshot saved in the project.
//!
//! The app computes the report's content (progress, milestones, budget, issues, risks, charts)
//! from live data and freezes it in `body` when the author issues the report; the core stores it
//! as it is and never recomputes it, so a report of a past week reads as it was issued. The
//! narrative fields stay editable.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::enums::ReportStatus;
use crate::fields::entity_fields;

/// One issued status report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Report {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub issued_on: NaiveDate,
    pub author: String,
    /// The frozen content, opaque to the core.
    pub body: Value,
    /// The overall signal (信号) the author gives.
    pub status: ReportStatus,
    pub status_reason: String,
    /// 判断事項: what management must decide.
    pub decisions_needed: String,
    /// 来週の予定: the next period's plan.
    pub next_plan: String,
    pub notes: String,
}

entity_fields!(Report {
    period_start: NaiveDate,
    period_end: NaiveDate,
    issued_on: NaiveDate,
    author: String,
    body: Value,
    status: ReportStatus,
    status_reason: String,
    decisions_needed: String,
    next_plan: String,
    notes: String,
});
