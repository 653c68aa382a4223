//! The report document's words in Japanese and English (as `interop/csv_export.rs` keeps its
//! headers), and number and date formatting for the document.

use chrono::NaiveDate;

use crate::lang::Lang;
use crate::locale::Formatter;

/// Every fixed word of the report document.
#[derive(Debug)]
pub struct Words {
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

const JA: Words = Words {
    title: "進捗報告書",
    project: "プロジェクト",
    period: "報告期間",
    status_date: "基準日",
    manager: "PM",
    author: "報告者",
    issued_on: "報告日",
    baseline: "ベースライン",
    no_baseline: "なし (現計画と比較)",
    overall: "全体状況",
    status_reason: "理由",
    suggested: "指標からの判定",
    progress: "進捗",
    overall_progress: "全体進捗率",
    completed: "今期間に完了",
    in_progress: "作業中",
    none: "なし",
    milestones: "マイルストーン",
    budget: "予算",
    issues: "課題",
    new_issues: "新規課題",
    resolved_issues: "解決した課題",
    issues_needing_action: "対応が必要な課題 (高・重大または期限超過)",
    open_issues: "未解決の課題",
    risks: "主要リスク",
    decisions: "判断事項",
    next_plan: "来週の予定",
    next_tasks: "次期間に開始・期限のタスク",
    actions: "未完了のアクションアイテム",
    notes: "備考",
    charts: "グラフ",
    burndown: "バーンダウン",
    ev: "出来高 (EVM)",
    col_wbs: "WBS",
    col_task: "タスク",
    col_assignee: "担当者",
    col_start: "開始",
    col_due: "期限",
    col_percent: "進捗",
    col_done_on: "完了日",
    col_milestone: "マイルストーン",
    col_baseline: "ベースライン",
    col_planned: "計画",
    col_forecast: "予測・実績",
    col_slip: "遅延 (営業日)",
    col_item: "項目",
    col_value: "値",
    col_no: "No.",
    col_title: "件名",
    col_priority: "優先度",
    col_status: "状態",
    col_owner: "担当者",
    col_score: "スコア",
    col_strategy: "対応方針",
    col_response: "対応策",
    col_meeting: "会議",
    done: "完了",
    overdue: "期限超過",
    hours: "時間",
    working_days: "営業日",
    bac: "総予算 (BAC)",
    ac: "実績コスト (AC)",
    used: "消化率",
    eac: "完了時総コスト見込 (EAC)",
    cpi: "CPI (コスト効率)",
    spi: "SPI (進捗効率)",
};

const EN: Words = Words {
    title: "Status report",
    project: "Project",
    period: "Period",
    status_date: "Status date",
    manager: "Manager",
    author: "Author",
    issued_on: "Issued on",
    baseline: "Baseline",
    no_baseline: "none (compared with the current plan)",
    overall: "Overall status",
    status_reason: "Reason",
    suggested: "Suggested by the indicators",
    progress: "Progress",
    overall_progress: "Overall progress",
    completed: "Completed this period",
    in_progress: "In progress",
    none: "None",
    milestones: "Milestones",
    budget: "Budget",
    issues: "Issues",
    new_issues: "New issues",
    resolved_issues: "Resolved issues",
    issues_needing_action: "Issues needing action (high, critical or overdue)",
    open_issues: "Open issues",
    risks: "Top risks",
    decisions: "Decisions needed",
    next_plan: "Next period's plan",
    next_tasks: "Tasks starting or due next period",
    actions: "Open action items",
    notes: "Notes",
    charts: "Charts",
    burndown: "Burndown",
    ev: "Earned value",
    col_wbs: "WBS",
    col_task: "Task",
    col_assignee: "Assignee",
    col_start: "Start",
    col_due: "Due",
    col_percent: "Progress",
    col_done_on: "Done on",
    col_milestone: "Milestone",
    col_baseline: "Baseline",
    col_planned: "Planned",
    col_forecast: "Forecast / actual",
    col_slip: "Slip (working days)",
    col_item: "Item",
    col_value: "Value",
    col_no: "No.",
    col_title: "Title",
    col_priority: "Priority",
    col_status: "Status",
    col_owner: "Owner",
    col_score: "Score",
    col_strategy: "Strategy",
    col_response: "Response plan",
    col_meeting: "Meeting",
    done: "done",
    overdue: "overdue",
    hours: "h",
    working_days: "working days",
    bac: "Budget at completion (BAC)",
    ac: "Actual cost (AC)",
    used: "Used",
    eac: "Estimate at completion (EAC)",
    cpi: "CPI (cost performance)",
    spi: "SPI (schedule performance)",
};

/// The document words of a language.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

impl Words {
    fn ja(&self) -> bool {
        std::ptr::eq(self, &JA)
    }

    /// How the document's language writes numbers, money and dates.
    pub fn fmt(&self) -> &'static Formatter {
        if self.ja() { Lang::Ja } else { Lang::En }.fmt()
    }

    /// The signal word: green / amber / red (and unknown).
    pub fn rag(&self, rag: &str) -> &'static str {
        let ja = self.ja();
        match (rag, ja) {
            ("green", true) => "青 (順調)",
            ("amber", true) => "黄 (注意)",
            ("red", true) => "赤 (危険)",
            (_, true) => "判定不可",
            ("green", false) => "Green (on track)",
            ("amber", false) => "Amber (at risk)",
            ("red", false) => "Red (in trouble)",
            (_, false) => "Unknown",
        }
    }

    /// A stored reason line in words.
    pub fn reason(&self, part: &str, reason: &str, n: i64) -> String {
        let ja = self.ja();
        let part_w = match (part, ja) {
            ("schedule", true) => "スケジュール",
            ("cost", true) => "コスト",
            ("tasks", true) => "タスク",
            ("issues", true) => "課題",
            ("risks", true) => "リスク",
            ("milestone", true) => "マイルストーン",
            ("schedule", false) => "Schedule",
            ("cost", false) => "Cost",
            ("tasks", false) => "Tasks",
            ("issues", false) => "Issues",
            ("risks", false) => "Risks",
            ("milestone", false) => "Milestone",
            _ => "",
        };
        let text = match (reason, ja) {
            ("ahead_of_schedule", true) => "計画より前倒し".to_string(),
            ("under_budget", true) => "予算内".to_string(),
            ("behind_schedule", true) => "計画より遅れ".to_string(),
            ("over_budget", true) => "予算超過".to_string(),
            ("overdue_tasks", true) => format!("期限超過のタスク {n} 件"),
            ("critical_issues_open", true) => format!("重大な課題が未解決 {n} 件"),
            ("high_issues_overdue", true) => format!("高優先度の課題が期限超過 {n} 件"),
            ("high_issues_open", true) => format!("高優先度の課題が未解決 {n} 件"),
            ("critical_risks", true) => format!("重大リスク {n} 件"),
            ("high_risks", true) => format!("高リスク {n} 件"),
            ("milestone_slip", true) => format!("次のマイルストーンが {n} 営業日遅れの見込み"),
            (_, true) => "順調".to_string(),
            ("ahead_of_schedule", false) => "ahead of schedule".to_string(),
            ("under_budget", false) => "under budget".to_string(),
            ("behind_schedule", false) => "behind schedule".to_string(),
            ("over_budget", false) => "over budget".to_string(),
            ("overdue_tasks", false) => format!("{n} overdue task(s)"),
            ("critical_issues_open", false) => format!("{n} critical issue(s) open"),
            ("high_issues_overdue", false) => format!("{n} high-priority issue(s) overdue"),
            ("high_issues_open", false) => format!("{n} high-priority issue(s) open"),
            ("critical_risks", false) => format!("{n} critical risk(s)"),
            ("high_risks", false) => format!("{n} high risk(s)"),
            ("milestone_slip", false) => format!("next milestone forecast {n} working day(s) late"),
            (_, false) => "on track".to_string(),
        };
        if part_w.is_empty() {
            text
        } else {
            format!("{part_w}: {text}")
        }
    }

    /// A priority word (low, medium, high, critical).
    pub fn priority(&self, p: &str) -> &'static str {
        match (p, self.ja()) {
            ("low", true) => "低",
            ("medium", true) => "中",
            ("high", true) => "高",
            ("critical", true) => "重大",
            ("low", false) => "Low",
            ("medium", false) => "Medium",
            ("high", false) => "High",
            ("critical", false) => "Critical",
            _ => "",
        }
    }

    /// An issue status word.
    pub fn issue_status(&self, s: &str) -> &'static str {
        match (s, self.ja()) {
            ("open", true) => "未着手",
            ("in_progress", true) => "対応中",
            ("resolved", true) => "解決",
            ("closed", true) => "完了",
            ("open", false) => "Open",
            ("in_progress", false) => "In progress",
            ("resolved", false) => "Resolved",
            ("closed", false) => "Closed",
            _ => "",
        }
    }

    /// A risk level word (the same as priorities).
    pub fn level(&self, l: &str) -> &'static str {
        self.priority(l)
    }

    /// A risk strategy word.
    pub fn strategy(&self, s: &str) -> &'static str {
        match (s, self.ja()) {
            ("avoid", true) => "回避",
            ("transfer", true) => "転嫁",
            ("mitigate", true) => "軽減",
            ("exploit", true) => "活用",
            ("share", true) => "共有",
            ("enhance", true) => "強化",
            ("accept", true) => "受容",
            ("avoid", false) => "Avoid",
            ("transfer", false) => "Transfer",
            ("mitigate", false) => "Mitigate",
            ("exploit", false) => "Exploit",
            ("share", false) => "Share",
            ("enhance", false) => "Enhance",
            ("accept", false) => "Accept",
            _ => "",
        }
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
