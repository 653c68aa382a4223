//! The words of the core's vocabularies (statuses, priorities, risk scales, weekdays) and the
//! options of a select over one.

use mieruka_core::enums::*;

use super::{I18n, K};

impl I18n {
    pub fn project_status(&self, s: ProjectStatus) -> &'static str {
        self.t(match s {
            ProjectStatus::Planning => K::PsPlanning,
            ProjectStatus::Active => K::PsActive,
            ProjectStatus::OnHold => K::PsOnHold,
            ProjectStatus::Closed => K::PsClosed,
        })
    }

    pub fn task_status(&self, s: TaskStatus) -> &'static str {
        self.t(match s {
            TaskStatus::NotStarted => K::TsNotStarted,
            TaskStatus::InProgress => K::TsInProgress,
            TaskStatus::Blocked => K::TsBlocked,
            TaskStatus::Done => K::TsDone,
            TaskStatus::Cancelled => K::TsCancelled,
        })
    }

    pub fn priority(&self, p: Priority) -> &'static str {
        self.t(match p {
            Priority::Low => K::PrLow,
            Priority::Medium => K::PrMedium,
            Priority::High => K::PrHigh,
            Priority::Critical => K::PrCritical,
        })
    }

    pub fn issue_status(&self, s: IssueStatus) -> &'static str {
        self.t(match s {
            IssueStatus::Open => K::IsOpen,
            IssueStatus::InProgress => K::IsInProgress,
            IssueStatus::Resolved => K::IsResolved,
            IssueStatus::Closed => K::IsClosed,
        })
    }

    pub fn risk_kind(&self, k: RiskKind) -> &'static str {
        self.t(match k {
            RiskKind::Threat => K::RkThreat,
            RiskKind::Opportunity => K::RkOpportunity,
        })
    }

    pub fn risk_strategy(&self, s: RiskStrategy) -> &'static str {
        self.t(match s {
            RiskStrategy::Avoid => K::RsAvoid,
            RiskStrategy::Transfer => K::RsTransfer,
            RiskStrategy::Mitigate => K::RsMitigate,
            RiskStrategy::Exploit => K::RsExploit,
            RiskStrategy::Share => K::RsShare,
            RiskStrategy::Enhance => K::RsEnhance,
            RiskStrategy::Accept => K::RsAccept,
        })
    }

    pub fn risk_status(&self, s: RiskStatus) -> &'static str {
        self.t(match s {
            RiskStatus::Open => K::RtOpen,
            RiskStatus::Monitoring => K::RtMonitoring,
            RiskStatus::Occurred => K::RtOccurred,
            RiskStatus::Closed => K::RtClosed,
        })
    }

    pub fn risk_level(&self, l: RiskLevel) -> &'static str {
        self.t(match l {
            RiskLevel::Low => K::RlLow,
            RiskLevel::Medium => K::RlMedium,
            RiskLevel::High => K::RlHigh,
            RiskLevel::Critical => K::RlCritical,
        })
    }

    pub fn weekday(&self, d: Weekday) -> &'static str {
        self.t(match d {
            Weekday::Mon => K::Mon,
            Weekday::Tue => K::Tue,
            Weekday::Wed => K::Wed,
            Weekday::Thu => K::Thu,
            Weekday::Fri => K::Fri,
            Weekday::Sat => K::Sat,
            Weekday::Sun => K::Sun,
        })
    }
}

/// `(value, label)` options for a select over a vocabulary.
pub fn options<T: Copy>(
    all: &[T],
    word: fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|v| (word(*v).to_string(), label(*v).to_string())).collect()
}
