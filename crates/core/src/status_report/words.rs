//! The report document's words in one language, read from the core's catalogue
//! (`crates/core/locales/*.ftl`, [`crate::words`]), and number and date formatting for the document.

use chrono::NaiveDate;

use crate::lang::Lang;
use crate::locale::Formatter;
use crate::words::{Phrase, W};

/// Every fixed word of the report document, in one language.
#[derive(Debug)]
pub struct Words {
    lang: Lang,
    pub title: &'static str,
    pub project: &'static str,
    pub period: &'static str,
    pub status_date: &'static str,
    pub manager: &'static str,
    pub author: &'static str,
    pub issued_on: &'static str,
    pub baseline: &'static str,
    pub no_baseline: &'static str,
    pub overall: &'static str,
    pub status_reason: &'static str,
    pub suggested: &'static str,
    pub progress: &'static str,
    pub overall_progress: &'static str,
    pub completed: &'static str,
    pub in_progress: &'static str,
    pub none: &'static str,
    pub milestones: &'static str,
    pub budget: &'static str,
    pub issues: &'static str,
    pub new_issues: &'static str,
    pub resolved_issues: &'static str,
    pub issues_needing_action: &'static str,
    pub open_issues: &'static str,
    pub risks: &'static str,
    pub decisions: &'static str,
    pub next_plan: &'static str,
    pub next_tasks: &'static str,
    pub actions: &'static str,
    pub notes: &'static str,
    pub charts: &'static str,
    pub burndown: &'static str,
    pub ev: &'static str,
    // columns
    pub col_wbs: &'static str,
    pub col_task: &'static str,
    pub col_assignee: &'static str,
    pub col_start: &'static str,
    pub col_due: &'static str,
    pub col_percent: &'static str,
    pub col_done_on: &'static str,
    pub col_milestone: &'static str,
    pub col_baseline: &'static str,
    pub col_planned: &'static str,
    pub col_forecast: &'static str,
    pub col_slip: &'static str,
    pub col_item: &'static str,
    pub col_value: &'static str,
    pub col_no: &'static str,
    pub col_title: &'static str,
    pub col_priority: &'static str,
    pub col_status: &'static str,
    pub col_owner: &'static str,
    pub col_score: &'static str,
    pub col_strategy: &'static str,
    pub col_response: &'static str,
    pub col_meeting: &'static str,
    pub done: &'static str,
    pub overdue: &'static str,
    pub hours: &'static str,
    pub working_days: &'static str,
    pub bac: &'static str,
    pub ac: &'static str,
    pub used: &'static str,
    pub eac: &'static str,
    pub cpi: &'static str,
    pub spi: &'static str,
}

const JA: Words = Words::of(Lang::Ja);
const EN: Words = Words::of(Lang::En);

/// The document words of a language.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

impl Words {
    /// The words of `lang`, from the catalogue (`crates/core/locales/*.ftl`).
    const fn of(lang: Lang) -> Words {
        Words {
            lang,
            title: W::ReportTitle.text(lang),
            project: W::ReportProject.text(lang),
            period: W::ReportPeriod.text(lang),
            status_date: W::ReportStatusDate.text(lang),
            manager: W::ReportManager.text(lang),
            author: W::ReportAuthor.text(lang),
            issued_on: W::ReportIssuedOn.text(lang),
            baseline: W::ReportBaseline.text(lang),
            no_baseline: W::ReportNoBaseline.text(lang),
            overall: W::ReportOverall.text(lang),
            status_reason: W::ReportStatusReason.text(lang),
            suggested: W::ReportSuggested.text(lang),
            progress: W::ReportProgress.text(lang),
            overall_progress: W::ReportOverallProgress.text(lang),
            completed: W::ReportCompleted.text(lang),
            in_progress: W::ReportInProgress.text(lang),
            none: W::ReportNone.text(lang),
            milestones: W::ReportMilestones.text(lang),
            budget: W::ReportBudget.text(lang),
            issues: W::ReportIssues.text(lang),
            new_issues: W::ReportNewIssues.text(lang),
            resolved_issues: W::ReportResolvedIssues.text(lang),
            issues_needing_action: W::ReportIssuesNeedingAction.text(lang),
            open_issues: W::ReportOpenIssues.text(lang),
            risks: W::ReportRisks.text(lang),
            decisions: W::ReportDecisions.text(lang),
            next_plan: W::ReportNextPlan.text(lang),
            next_tasks: W::ReportNextTasks.text(lang),
            actions: W::ReportActions.text(lang),
            notes: W::ReportNotes.text(lang),
            charts: W::ReportCharts.text(lang),
            burndown: W::ReportBurndown.text(lang),
            ev: W::ReportEv.text(lang),
            col_wbs: W::ReportColWbs.text(lang),
            col_task: W::ReportColTask.text(lang),
            col_assignee: W::ReportColAssignee.text(lang),
            col_start: W::ReportColStart.text(lang),
            col_due: W::ReportColDue.text(lang),
            col_percent: W::ReportColPercent.text(lang),
            col_done_on: W::ReportColDoneOn.text(lang),
            col_milestone: W::ReportColMilestone.text(lang),
            col_baseline: W::ReportColBaseline.text(lang),
            col_planned: W::ReportColPlanned.text(lang),
            col_forecast: W::ReportColForecast.text(lang),
            col_slip: W::ReportColSlip.text(lang),
            col_item: W::ReportColItem.text(lang),
            col_value: W::ReportColValue.text(lang),
            col_no: W::ReportColNo.text(lang),
            col_title: W::ReportColTitle.text(lang),
            col_priority: W::ReportColPriority.text(lang),
            col_status: W::ReportColStatus.text(lang),
            col_owner: W::ReportColOwner.text(lang),
            col_score: W::ReportColScore.text(lang),
            col_strategy: W::ReportColStrategy.text(lang),
            col_response: W::ReportColResponse.text(lang),
            col_meeting: W::ReportColMeeting.text(lang),
            done: W::ReportDone.text(lang),
            overdue: W::ReportOverdue.text(lang),
            hours: W::ReportHours.text(lang),
            working_days: W::ReportWorkingDays.text(lang),
            bac: W::ReportBac.text(lang),
            ac: W::ReportAc.text(lang),
            used: W::ReportUsed.text(lang),
            eac: W::ReportEac.text(lang),
            cpi: W::ReportCpi.text(lang),
            spi: W::ReportSpi.text(lang),
        }
    }

    /// How the document's language writes numbers, money and dates.
    pub fn fmt(&self) -> &'static Formatter {
        self.lang.fmt()
    }

    /// The signal word: green / amber / red (and unknown).
    pub fn rag(&self, rag: &str) -> &'static str {
        match rag {
            "green" => W::ReportRagGreen,
            "amber" => W::ReportRagAmber,
            "red" => W::ReportRagRed,
            _ => W::ReportRagUnknown,
        }
        .text(self.lang)
    }

    /// A stored reason line in words.
    pub fn reason(&self, part: &str, reason: &str, n: i64) -> String {
        let part = match part {
            "schedule" => Some(W::ReportPartSchedule),
            "cost" => Some(W::ReportPartCost),
            "tasks" => Some(W::ReportPartTasks),
            "issues" => Some(W::ReportPartIssues),
            "risks" => Some(W::ReportPartRisks),
            "milestone" => Some(W::ReportPartMilestone),
            _ => None,
        };
        let say = Phrase(self.lang);
        let text = match reason {
            "ahead_of_schedule" => W::ReportReasonAheadOfSchedule.text(self.lang).to_string(),
            "under_budget" => W::ReportReasonUnderBudget.text(self.lang).to_string(),
            "behind_schedule" => W::ReportReasonBehindSchedule.text(self.lang).to_string(),
            "over_budget" => W::ReportReasonOverBudget.text(self.lang).to_string(),
            "overdue_tasks" => say.report_reason_overdue_tasks(n),
            "critical_issues_open" => say.report_reason_critical_issues_open(n),
            "high_issues_overdue" => say.report_reason_high_issues_overdue(n),
            "high_issues_open" => say.report_reason_high_issues_open(n),
            "critical_risks" => say.report_reason_critical_risks(n),
            "high_risks" => say.report_reason_high_risks(n),
            "milestone_slip" => say.report_reason_milestone_slip(n),
            _ => W::ReportReasonOnTrack.text(self.lang).to_string(),
        };
        match part {
            Some(part) => say.report_reason_of(part.text(self.lang), text),
            None => text,
        }
    }

    /// A priority word (low, medium, high, critical).
    pub fn priority(&self, p: &str) -> &'static str {
        let w = match p {
            "low" => W::LevelLow,
            "medium" => W::LevelMedium,
            "high" => W::LevelHigh,
            "critical" => W::LevelCritical,
            _ => return "",
        };
        w.text(self.lang)
    }

    /// An issue status word.
    pub fn issue_status(&self, s: &str) -> &'static str {
        let w = match s {
            "open" => W::IssueOpen,
            "in_progress" => W::IssueInProgress,
            "resolved" => W::IssueResolved,
            "closed" => W::IssueClosed,
            _ => return "",
        };
        w.text(self.lang)
    }

    /// A risk level word (the same as priorities).
    pub fn level(&self, l: &str) -> &'static str {
        self.priority(l)
    }

    /// A risk strategy word.
    pub fn strategy(&self, s: &str) -> &'static str {
        let w = match s {
            "avoid" => W::StrategyAvoid,
            "transfer" => W::StrategyTransfer,
            "mitigate" => W::StrategyMitigate,
            "exploit" => W::StrategyExploit,
            "share" => W::StrategyShare,
            "enhance" => W::StrategyEnhance,
            "accept" => W::StrategyAccept,
            _ => return "",
        };
        w.text(self.lang)
    }

    /// A date as the document shows it: 2026/11/25 (水) or 2026-11-25 (Wed); "—" when absent.
    pub fn date(&self, d: Option<NaiveDate>) -> String {
        d.map_or_else(|| "—".to_string(), |d| self.fmt().date_weekday(d))
    }

    /// "2026/11/23 – 2026/11/29".
    pub fn range(&self, a: NaiveDate, b: NaiveDate) -> String {
        format!("{} – {}", self.date(Some(a)), self.date(Some(b)))
    }

    /// An amount: money with its currency, or hours.
    pub fn amount(&self, x: f64, currency: &str) -> String {
        if currency.is_empty() {
            format!("{} {}", self.fmt().number(x, 1), self.hours)
        } else {
            self.fmt().money(x, currency)
        }
    }

    /// An index (SPI, CPI) with two decimals, "—" when unknown.
    pub fn index(&self, x: Option<f64>) -> String {
        x.filter(|x| x.is_finite()).map_or_else(|| "—".to_string(), |x| format!("{x:.2}"))
    }

    /// A percentage with no decimals (one below 10 %), "—" when unknown.
    pub fn percent(&self, x: Option<f64>) -> String {
        self.fmt().percent(x)
    }

    /// A slip in working days: "+3", "−2", "0"; "—" when unknown.
    pub fn slip(&self, s: Option<i64>) -> String {
        match s {
            None => "—".to_string(),
            Some(n) if n > 0 => format!("+{n}"),
            Some(n) if n < 0 => format!("−{}", n.unsigned_abs()),
            Some(_) => "0".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_and_english_words_differ() {
        assert_ne!(words(Lang::Ja).title, words(Lang::En).title);
        assert_ne!(words(Lang::Ja).rag("red"), words(Lang::En).rag("red"));
    }

    #[test]
    fn dates_and_amounts_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25);
        assert_eq!(words(Lang::Ja).date(d), "2026/11/25 (水)");
        assert_eq!(words(Lang::En).date(d), "2026-11-25 (Wed)");
        assert_eq!(words(Lang::En).date(None), "—");
        assert_eq!(words(Lang::Ja).amount(1234.5, "JPY"), "¥1,235");
        assert_eq!(words(Lang::En).amount(1234.56, ""), format!("1,234.6 {}", words(Lang::En).hours));
    }
}
