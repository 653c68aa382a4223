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

entity_fields! {
    /// One issued status report.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct Report with ReportField {
        pub period_start: NaiveDate as PeriodStart,
        pub period_end: NaiveDate as PeriodEnd,
        pub issued_on: NaiveDate as IssuedOn,
        pub author: String as Author,
        /// The frozen content, opaque to the core.
        pub body: Value as Body,
        /// The overall signal (信号) the author gives.
        pub status: ReportStatus as Status,
        pub status_reason: String as StatusReason,
        /// 判断事項: what management must decide.
        pub decisions_needed: String as DecisionsNeeded,
        /// 来週の予定: the next period's plan.
        pub next_plan: String as NextPlan,
        pub notes: String as Notes,
    }
}
