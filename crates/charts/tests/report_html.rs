//! The self-contained HTML report: every user text escaped, no script, charts inline as SVG.

use chrono::NaiveDate;
use mieruka_charts::report_html;
use mieruka_core::status_report::*;
use mieruka_core::Lang;
use mieruka_core::{Report, ReportStatus};

const XSS: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn task() -> TaskLine {
    TaskLine { wbs: XSS.into(), title: XSS.into(), assignee: XSS.into(), ..TaskLine::default() }
}

fn issue() -> IssueLine {
    IssueLine {
        title: XSS.into(),
        owner: XSS.into(),
        resolution: XSS.into(),
        priority: XSS.into(),
        status: XSS.into(),
        ..IssueLine::default()
    }
}

/// Every text field of the content and the narrative holds the attack string.
fn hostile() -> (Report, ReportContent) {
    let c = ReportContent {
        version: 1,
        header: Header {
            code: XSS.into(),
            name: XSS.into(),
            manager: XSS.into(),
            baseline: XSS.into(),
            period_start: date(2026, 11, 23),
            period_end: date(2026, 11, 29),
            status_date: date(2026, 11, 27),
        },
        suggested: Suggested {
            rag: XSS.into(),
            reasons: vec![ReasonLine { part: XSS.into(), reason: XSS.into(), n: 1 }],
        },
        progress: Progress { overall_percent: 40.0, completed: vec![task()], in_progress: vec![task()] },
        milestones: vec![MilestoneLine {
            wbs: XSS.into(),
            title: XSS.into(),
            slip: Some(3),
            ..MilestoneLine::default()
        }],
        budget: Budget { currency: XSS.into(), bac: 100.0, ac: 50.0, ..Budget::default() },
        issues: IssueSummary {
            new: vec![issue()],
            resolved: vec![issue()],
            needing_action: vec![issue()],
            open_count: 2,
        },
        risks: vec![RiskLine {
            title: XSS.into(),
            level: XSS.into(),
            strategy: XSS.into(),
            response_plan: XSS.into(),
            owner: XSS.into(),
            ..RiskLine::default()
        }],
        next_period: NextPeriod { start: date(2026, 11, 30), end: date(2026, 12, 6), tasks: vec![task()] },
        actions: vec![ActionLine {
            title: XSS.into(),
            owner: XSS.into(),
            meeting: XSS.into(),
            ..ActionLine::default()
        }],
        charts: Charts::default(),
    };
    let r = Report {
        author: XSS.into(),
        status: ReportStatus::Red,
        status_reason: XSS.into(),
        decisions_needed: XSS.into(),
        next_plan: XSS.into(),
        notes: XSS.into(),
        body: c.to_body(),
        ..Report::default()
    };
    (r, c)
}

#[test]
fn user_text_is_escaped_everywhere_and_no_script_appears() {
    let (r, c) = hostile();
    for lang in [Lang::Ja, Lang::En] {
        let html = report_html(&r, &c, lang).expect("drawn");
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        let escaped = html
            .matches("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;")
            .count();
        // code, name, manager, baseline, author, reason, decisions, plan, notes and every table cell.
        assert!(escaped >= 30, "only {escaped} escaped copies");
        assert!(html.contains("<style>") && html.contains("@page{size:A4"));
        assert!(!html.contains("style=\""), "no inline style attributes");
    }
}

#[test]
fn addresses_in_the_narrative_are_links_for_web_and_mail_only() {
    let (mut r, mut c) = hostile();
    r.notes =
        "Ticket https://jira.example.com/browse/P-1。 javascript:alert(1) JaVaScRiPt:alert(2) data:text/html,x".into();
    r.status_reason = "<a href=\"javascript:alert(3)\">x</a> [y](javascript:alert(4)) mailto:pmo@example.jp".into();
    c.risks[0].response_plan = "vbscript:msgbox(1) https://wiki.example.com/r?a=1&b=2".into();
    let html = report_html(&r, &c, Lang::En).expect("drawn");
    let hrefs: Vec<&str> = html.split("<a href=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert_eq!(
        hrefs,
        ["mailto:pmo@example.jp", "https://wiki.example.com/r?a=1&amp;b=2", "https://jira.example.com/browse/P-1"]
    );
    assert!(html.contains("rel=\"noopener noreferrer\""));
    assert!(
        !html.to_lowercase().contains("href=\"javascript")
            && !html.contains("href=\"data")
            && !html.contains("href=\"vbscript")
    );
    assert!(html.contains("&lt;a href=&quot;javascript:alert(3)&quot;&gt;"));
}

#[test]
fn the_sample_report_embeds_both_charts_as_svg() {
    let today = date(2026, 11, 27);
    let p = mieruka_core::sample::sample_project(true, today, 7);
    let input = ReportInput {
        period_start: date(2026, 11, 23),
        period_end: date(2026, 11, 29),
        status_date: today,
        baseline: None,
        tz_offset_min: 540,
    };
    let c = content(&p, &input);
    let r = Report { status: ReportStatus::Amber, body: c.to_body(), issued_on: today, ..Report::default() };
    let html = report_html(&r, &c, Lang::Ja).expect("drawn");
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(!html.contains("<?xml"));
    assert!(html.contains("バーンダウン") && html.contains("出来高 (EVM)"));
    assert!(html.contains(&p.info.name));
    let en = report_html(&r, &c, Lang::En).expect("drawn");
    assert!(en.contains("<html lang=\"en\">") && en.contains("Earned value"));
}
