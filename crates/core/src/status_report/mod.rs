//! The weekly status report (進捗報告書): its content computed from live data for a period, and
//! its Markdown rendering.
//!
//! [`content`] computes a [`ReportContent`] from the project, its change log and a period. The app
//! freezes it as the `body` of an issued [`crate::Report`] (it is never recomputed: a report of a
//! past week reads as it was issued); the author's narrative (signal, reason, decisions needed,
//! next plan, notes) lives in the report's own fields. [`markdown`] renders both in Japanese or
//! English; `mieruka-charts` renders the same as self-contained HTML with the charts inline.
//!
//! # Content rules
//!
//! - The project is read as it was at the end of the **status date** (usually the period's end).
//! - **Completed in the period**: leaf tasks done at the status date whose last change to `done`
//!   (from the change log, in the user's local days) falls in `period_start..=period_end`.
//! - **In progress**: open leaf tasks (not milestones) that are in progress, blocked, or have a
//!   percent above 0.
//! - **Milestones**: every milestone leaf in WBS order: the chosen baseline's date (or none), the
//!   planned date, the forecast (open ones, [`crate::analytics::schedule`]) or the day it was done,
//!   and the slip in working days against the baseline date (the planned date when there is no
//!   baseline entry); positive = late.
//! - **Budget**: BAC, AC, AC / BAC, EAC, CPI, SPI from percent-complete earned value over the
//!   project's default range (as the dashboard computes them).
//! - **Issues**: new = raised in the period (`raised_on`, else the day it was created); resolved =
//!   not open at the status date and last changed to resolved/closed in the period; needing action
//!   = open, and high/critical or past due.
//! - **Top risks**: the dashboard's top active threats, with response plan and owner.
//! - **Next period**: the period of equal length after this one; open leaf tasks that start or are
//!   due in it.
//! - **Open action items**: open items of the meetings held up to the status date.

mod chart_data;
mod compute;
mod content;
mod markdown;
mod words;

pub use chart_data::{BurndownData, EvData};
pub use compute::{content, part_word, reason_word, suggested_status, ReportInput};
pub use content::*;
pub use markdown::markdown;
pub use words::{words, Words};

/// Why a stored report body could not be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum ReportError {
    #[error("the report body is not a report content: {0}")]
    Body(String),
}

impl ReportContent {
    /// The content frozen in an issued report's body.
    pub fn from_body(body: &serde_json::Value) -> Result<ReportContent, ReportError> {
        ReportContent::deserialize(body).map_err(|e| ReportError::Body(e.to_string()))
    }

    /// The content as a report body.
    pub fn to_body(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

use serde::Deserialize;
