//! Tasks, issues and risks as CSV that Excel opens correctly in Japanese. Cells that a spreadsheet
//! would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR, also after leading spaces)
//! are neutralized with a leading `'` (OWASP ASVS V1.2.10). Encode with [`super::text::encode`].
//!
//! The task table is the one [`super::profile::suggest`] maps back column for column
//! ([`super::profile::EXPORT_TASK_HEADERS_JA`] / `_EN`): rows in WBS (tree) order, `ID` the task's
//! id, `親ID` / `Parent ID` the parent's id, predecessors as ids separated by `, `, tags joined by
//! `, `. Vocabulary words are the app's labels (`未着手`, `進行中` …), which
//! [`super::profile::default_values`] reads back. Numbers are written without float noise (`8`,
//! `12.5`, at most 6 decimals), dates as `YYYY-MM-DD`.

// The cells are written by hand, as the reader reads them (interop/csv.rs says why the `csv` crate
// is not used there): quoting is fifteen lines here, and the crate would be in the bundle for it.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::profile::{priority_label, status_label, EXPORT_TASK_HEADERS_EN, EXPORT_TASK_HEADERS_JA};
use crate::enums::{IssueStatus, RiskKind, RiskLevel, RiskStatus, RiskStrategy};
use crate::id::Id;
use crate::model::Project;
use crate::number::Number;
use crate::rollup::wbs_rows;
use crate::words::{texts, W};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportTable {
    Tasks,
    Issues,
    Risks,
}

/// The language of the header row and of vocabulary words (status, priority …).
pub use crate::lang::Lang;

/// The header rows, as words of the core's catalogue (`crates/core/locales/*.ftl`).
const ISSUE_HEADER_WORDS: [W; 10] = [
    W::CsvNo,
    W::CsvIssueTitle,
    W::CsvIssueStatus,
    W::CsvIssuePriority,
    W::CsvIssueOwner,
    W::CsvIssueRaisedOn,
    W::CsvIssueRaisedBy,
    W::CsvIssueDue,
    W::CsvIssueResolution,
    W::CsvIssueDescription,
];
const RISK_HEADER_WORDS: [W; 16] = [
    W::CsvNo,
    W::CsvRiskKind,
    W::CsvRiskTitle,
    W::CsvRiskCategory,
    W::CsvRiskProbability,
    W::CsvRiskImpact,
    W::CsvRiskScore,
    W::CsvRiskLevel,
    W::CsvRiskResponseStrategy,
    W::CsvRiskOwner,
    W::CsvRiskResponsePlan,
    W::CsvRiskContingencyPlan,
    W::CsvRiskReviewDate,
    W::CsvRiskStatus,
    W::CsvRiskCauseTrigger,
    W::CsvRiskDescription,
];
const ISSUE_HEADERS_JA: &[&str] = &texts(ISSUE_HEADER_WORDS, Lang::Ja);
const ISSUE_HEADERS_EN: &[&str] = &texts(ISSUE_HEADER_WORDS, Lang::En);
const RISK_HEADERS_JA: &[&str] = &texts(RISK_HEADER_WORDS, Lang::Ja);
const RISK_HEADERS_EN: &[&str] = &texts(RISK_HEADER_WORDS, Lang::En);

/// The table as CSV text (CRLF line ends, every cell quoted when needed), without a BOM.
pub fn export(p: &Project, table: ExportTable, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    match table {
        ExportTable::Tasks => {
            write_row(&mut out, if ja { EXPORT_TASK_HEADERS_JA } else { EXPORT_TASK_HEADERS_EN });
            for row in wbs_rows(p) {
                let Some(t) = p.tasks.get(&row.id) else { continue };
                let deps: Vec<String> = t.depends_on.iter().map(Id::to_string).collect();
                let cells = [
                    row.number,
                    row.id.to_string(),
                    t.parent.filter(|id| p.tasks.contains_key(id)).map(|id| id.to_string()).unwrap_or_default(),
                    t.title.clone(),
                    status_label(t.status, ja).to_string(),
                    priority_label(t.priority, ja).to_string(),
                    p.member_name(t.assignee).to_string(),
                    date(t.start),
                    date(t.due),
                    num(t.estimate_hours),
                    num(t.actual_hours),
                    t.remaining_hours.map(num).unwrap_or_default(),
                    t.story_points.map(num).unwrap_or_default(),
                    num(t.percent),
                    if t.milestone { (if ja { "○" } else { "yes" }).to_string() } else { String::new() },
                    deps.join(", "),
                    t.tags.join(", "),
                    t.description.clone(),
                ];
                write_row(&mut out, &cells);
            }
        }
        ExportTable::Issues => {
            write_row(&mut out, if ja { ISSUE_HEADERS_JA } else { ISSUE_HEADERS_EN });
            for (n, id) in numbered(p.issues.keys().copied(), &p.issue_numbers()) {
                let Some(i) = p.issues.get(&id) else { continue };
                let cells = [
                    n.to_string(),
                    i.title.clone(),
                    issue_status(i.status, ja).to_string(),
                    priority_label(i.priority, ja).to_string(),
                    p.member_name(i.owner).to_string(),
                    date(i.raised_on),
                    i.raised_by.clone(),
                    date(i.due),
                    i.resolution.clone(),
                    i.description.clone(),
                ];
                write_row(&mut out, &cells);
            }
        }
        ExportTable::Risks => {
            write_row(&mut out, if ja { RISK_HEADERS_JA } else { RISK_HEADERS_EN });
            for (n, id) in numbered(p.risks.keys().copied(), &p.risk_numbers()) {
                let Some(r) = p.risks.get(&id) else { continue };
                let cells = [
                    n.to_string(),
                    risk_kind(r.kind, ja).to_string(),
                    r.title.clone(),
                    r.category.clone(),
                    r.probability.to_string(),
                    r.impact.to_string(),
                    r.score().to_string(),
                    risk_level(r.level(), ja).to_string(),
                    risk_strategy(r.strategy, ja).to_string(),
                    p.member_name(r.owner).to_string(),
                    r.response_plan.clone(),
                    r.contingency_plan.clone(),
                    date(r.review_date),
                    risk_status(r.status, ja).to_string(),
                    r.cause.clone(),
                    r.description.clone(),
                ];
                write_row(&mut out, &cells);
            }
        }
    }
    out
}

/// Entities in display-number order; any without a number (a legacy entity whose creation is not
/// in the log, never the case for entities made by commands) follow in id order, numbered on.
fn numbered(ids: impl Iterator<Item = Id>, numbers: &std::collections::BTreeMap<Id, Number>) -> Vec<(Number, Id)> {
    let mut with: Vec<(Number, Id)> = Vec::new();
    let mut without: Vec<Id> = Vec::new();
    for id in ids {
        match numbers.get(&id) {
            Some(n) => with.push((n.clone(), id)),
            None => without.push(id),
        }
    }
    with.sort();
    let mut next = with.iter().map(|x| x.0.n).max().unwrap_or(0);
    for id in without {
        next = next.saturating_add(1);
        with.push((Number::plain(next), id));
    }
    with
}

/// Any table as CSV text in the same form as [`export`] (CRLF line ends, cells quoted when needed,
/// formula starts neutralized): the registers export the rows they show with it.
pub fn table<S: AsRef<str>>(headers: &[S], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    write_row(&mut out, headers);
    for r in rows {
        write_row(&mut out, r);
    }
    out
}

fn write_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_cell(out, &neutralize(c.as_ref()));
    }
    out.push_str("\r\n");
}

fn write_cell(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// `8`, `12.5`, `0.333333`: at most 6 decimals, no trailing zeros, no `-0`.
fn num(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        return "0".to_string();
    }
    if r.fract() == 0.0 && r.abs() < 1e15 {
        return format!("{}", r as i64);
    }
    let mut s = String::new();
    let _ = write!(s, "{r:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    s
}

/// Characters a spreadsheet takes as the start of a formula (full-width forms included: a
/// Japanese IME enters them and Excel converts them).
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
}

/// A cell made safe for spreadsheets: when its first character that is not a space (tab and CR
/// count as formula starters, not spaces) is one of `= + - @ TAB CR` or their full-width forms,
/// a `'` is put in front. Everything else is returned unchanged.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    let first = cell.chars().find(|c| !(c.is_whitespace() && *c != '\t' && *c != '\r'));
    match first {
        Some(c) if is_formula_start(c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn issue_status(s: IssueStatus, ja: bool) -> &'static str {
    match (s, ja) {
        (IssueStatus::Open, true) => "未対応",
        (IssueStatus::Open, false) => "Open",
        (IssueStatus::InProgress, true) => "対応中",
        (IssueStatus::InProgress, false) => "In progress",
        (IssueStatus::Resolved, true) => "解決済み",
        (IssueStatus::Resolved, false) => "Resolved",
        (IssueStatus::Closed, true) => "完了",
        (IssueStatus::Closed, false) => "Closed",
    }
}

fn risk_kind(k: RiskKind, ja: bool) -> &'static str {
    match (k, ja) {
        (RiskKind::Threat, true) => "脅威",
        (RiskKind::Threat, false) => "Threat",
        (RiskKind::Opportunity, true) => "好機",
        (RiskKind::Opportunity, false) => "Opportunity",
    }
}

fn risk_level(l: RiskLevel, ja: bool) -> &'static str {
    match (l, ja) {
        (RiskLevel::Low, true) => "低",
        (RiskLevel::Low, false) => "Low",
        (RiskLevel::Medium, true) => "中",
        (RiskLevel::Medium, false) => "Medium",
        (RiskLevel::High, true) => "高",
        (RiskLevel::High, false) => "High",
        (RiskLevel::Critical, true) => "重大",
        (RiskLevel::Critical, false) => "Critical",
    }
}

fn risk_strategy(s: RiskStrategy, ja: bool) -> &'static str {
    use RiskStrategy::*;
    match (s, ja) {
        (Avoid, true) => "回避",
        (Avoid, false) => "Avoid",
        (Transfer, true) => "転嫁",
        (Transfer, false) => "Transfer",
        (Mitigate, true) => "軽減",
        (Mitigate, false) => "Mitigate",
        (Exploit, true) => "活用",
        (Exploit, false) => "Exploit",
        (Share, true) => "共有",
        (Share, false) => "Share",
        (Enhance, true) => "強化",
        (Enhance, false) => "Enhance",
        (Accept, true) => "受容",
        (Accept, false) => "Accept",
    }
}

fn risk_status(s: RiskStatus, ja: bool) -> &'static str {
    match (s, ja) {
        (RiskStatus::Open, true) => "オープン",
        (RiskStatus::Open, false) => "Open",
        (RiskStatus::Monitoring, true) => "監視中",
        (RiskStatus::Monitoring, false) => "Monitoring",
        (RiskStatus::Occurred, true) => "顕在化",
        (RiskStatus::Occurred, false) => "Occurred",
        (RiskStatus::Closed, true) => "クローズ",
        (RiskStatus::Closed, false) => "Closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::{Priority, TaskStatus};
    use crate::model::{Issue, Member, Risk, Task};

    #[test]
    fn numbers_without_noise() {
        assert_eq!(num(8.0), "8");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(1.0 / 3.0), "0.333333");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(1234567.0), "1234567");
        assert_eq!(num(f64::NAN), "");
    }

    #[test]
    fn neutralize_formula_starters() {
        for s in [
            "=1+1",
            "+81",
            "-1 day",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "  =cmd",
            " \t=x",
            "＝A1",
            "＋1",
            "－1",
            "＠x",
            "\u{3000}=x",
            "\n=x",
        ] {
            assert_eq!(neutralize(s), format!("'{s}"), "{s:?}");
        }
        for s in ["", "abc", "1-1", "a=b", "'=x", "要件定義", "  ", "−1"] {
            assert!(matches!(neutralize(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn cells_are_quoted_when_needed_and_rows_end_in_crlf() {
        let mut out = String::new();
        write_row(&mut out, &["a", "b,c", "say \"hi\"", "two\nlines", "=1"]);
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",'=1\r\n");
    }

    fn project() -> Project {
        let ids: Vec<Id> = (1..=10u128).map(Id::from_u128).collect();
        let mut p = Project::empty(ids[0]);
        p.members.insert(ids[1], Member { name: "髙橋".into(), ..Member::default() });
        let mk =
            |title: &str, parent: Option<Id>, rank: f64| Task { title: title.into(), parent, rank, ..Task::default() };
        p.tasks.insert(ids[2], Task { estimate_hours: 12.5, ..mk("設計", None, 1.0) });
        p.tasks.insert(
            ids[3],
            Task {
                assignee: Some(ids[1]),
                status: TaskStatus::InProgress,
                priority: Priority::High,
                start: NaiveDate::from_ymd_opt(2025, 4, 1),
                due: NaiveDate::from_ymd_opt(2025, 4, 10),
                estimate_hours: 8.0,
                actual_hours: 3.0,
                remaining_hours: Some(5.5),
                percent: 40.0,
                tags: vec!["DB".into(), "要件".into()],
                description: "line1\nline2, \"quoted\"".into(),
                ..mk("-1 day 基本設計", Some(ids[2]), 2.0)
            },
        );
        p.tasks.insert(ids[4], Task { milestone: true, depends_on: vec![ids[3]], ..mk("設計完了", Some(ids[2]), 3.0) });
        p.tasks.insert(ids[5], mk("テスト", None, 2.0));
        p.issues.insert(
            ids[6],
            Issue {
                title: "仕様未確定".into(),
                owner: Some(ids[1]),
                status: IssueStatus::InProgress,
                ..Issue::default()
            },
        );
        p.risks.insert(ids[7], Risk { title: "要員不足".into(), probability: 4, impact: 4, ..Risk::default() });
        p
    }

    #[test]
    fn tasks_in_wbs_order_with_every_column() {
        let p = project();
        let csv = export(&p, ExportTable::Tasks, Lang::Ja);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], EXPORT_TASK_HEADERS_JA.join(","));
        let id = |n: u128| Id::from_u128(n).to_string();
        assert_eq!(lines[1], format!("1,{},,設計,未着手,中,,,,12.5,0,,,0,,,,", id(3)));
        assert_eq!(
            lines[2],
            format!(
                "1.1,{},{},'-1 day 基本設計,進行中,高,髙橋,2025-04-01,2025-04-10,8,3,5.5,,40,,,\"DB, 要件\",\"line1\nline2, \"\"quoted\"\"\"",
                id(4),
                id(3)
            )
        );
        assert_eq!(lines[3], format!("1.2,{},{},設計完了,未着手,中,,,,0,0,,,0,○,{},,", id(5), id(3), id(4)));
        assert_eq!(lines[4], format!("2,{},,テスト,未着手,中,,,,0,0,,,0,,,,", id(6)));
        assert_eq!(lines[5], "");
        assert_eq!(lines.len(), 6);
        let en = export(&p, ExportTable::Tasks, Lang::En);
        assert!(en.starts_with(&format!("{}\r\n", EXPORT_TASK_HEADERS_EN.join(","))));
        assert!(en.contains(",In progress,High,髙橋,"));
        assert!(en.contains(",yes,"));
    }

    #[test]
    fn issues_and_risks() {
        let p = project();
        let ja = export(&p, ExportTable::Issues, Lang::Ja);
        assert_eq!(ja, format!("{}\r\n1,仕様未確定,対応中,中,髙橋,,,,,\r\n", ISSUE_HEADERS_JA.join(",")));
        let en = export(&p, ExportTable::Risks, Lang::En);
        assert_eq!(
            en,
            format!("{}\r\n1,Threat,要員不足,,4,4,16,Critical,Mitigate,,,,,Open,,\r\n", RISK_HEADERS_EN.join(","))
        );
        assert_eq!(ISSUE_HEADERS_JA.len(), ISSUE_HEADERS_EN.len());
        assert_eq!(RISK_HEADERS_JA.len(), RISK_HEADERS_EN.len());
    }
}
