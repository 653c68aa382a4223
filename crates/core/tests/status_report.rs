//! The status report (進捗報告書): content rules on hand-made projects with a dated history, and
//! the golden Markdown of the sample project's report in Japanese and English.
//!
//! After an intended change to the report, regenerate the golden files and review the diff:
//!
//!     UPDATE_GOLDEN=1 cargo test -p mieruka-core --test status_report

mod common;

use std::path::PathBuf;

use common::*;
use mieruka_core::status_report::{content, markdown, ReportContent, ReportInput};
use mieruka_core::Lang;
use mieruka_core::{
    Command, EntityRef, Field, IssueField, IssueStatus, Priority, ProjectField, Report, ReportStatus, TaskField,
    TaskStatus,
};
use serde_json::json;

const TZ: i32 = 540;

/// The week Mon 2025-04-07 .. Sun 2025-04-13, read on Sunday.
fn week() -> ReportInput {
    ReportInput {
        period_start: date(2025, 4, 7),
        period_end: date(2025, 4, 13),
        status_date: date(2025, 4, 13),
        baseline: None,
        tz_offset_min: TZ,
    }
}

/// Moves the test clock to 09:00 UTC (18:00 in Japan) of a day.
fn on(env: &mut Env, y: i32, m: u32, d: u32) {
    env.at = instant(&format!("{y:04}-{m:02}-{d:02}T09:00:00Z"));
}

fn set(env: &mut Env, entity: EntityRef, field: impl Into<Field>, value: serde_json::Value) {
    let pid = env.pid;
    env.ok(Command::Set { project: pid, entity, field: field.into(), value });
}

fn titles(lines: impl IntoIterator<Item = String>) -> Vec<String> {
    lines.into_iter().collect()
}

#[test]
fn completions_in_the_period_come_from_the_change_log() {
    let mut env = Env::new(1);
    let dated = |title: &str| mieruka_core::Task {
        title: title.into(),
        start: Some(date(2025, 4, 1)),
        due: Some(date(2025, 4, 30)),
        estimate_hours: 8.0,
        ..mieruka_core::Task::default()
    };
    let before = env.add_task(None, dated("done before"));
    let inside = env.add_task(None, dated("done inside"));
    let after = env.add_task(None, dated("done after"));
    let reopened = env.add_task(None, dated("reopened"));
    let working = env.add_task(None, dated("working"));
    on(&mut env, 2025, 4, 2);
    set(&mut env, EntityRef::task(before), TaskField::Status, json!("done"));
    on(&mut env, 2025, 4, 8);
    set(&mut env, EntityRef::task(inside), TaskField::Status, json!("done"));
    set(&mut env, EntityRef::task(reopened), TaskField::Status, json!("done"));
    on(&mut env, 2025, 4, 9);
    set(&mut env, EntityRef::task(reopened), TaskField::Status, json!("in_progress"));
    set(&mut env, EntityRef::task(working), TaskField::Percent, json!(40.0));
    on(&mut env, 2025, 4, 15);
    set(&mut env, EntityRef::task(after), TaskField::Status, json!("done"));

    let c = content(env.p(), &week());
    assert_eq!(titles(c.progress.completed.iter().map(|t| t.title.clone())), ["done inside"]);
    assert_eq!(c.progress.completed[0].done_on, Some(date(2025, 4, 8)));
    let in_progress: Vec<(String, f64)> = c.progress.in_progress.iter().map(|t| (t.title.clone(), t.percent)).collect();
    assert_eq!(in_progress, [("reopened".to_string(), 0.0), ("working".to_string(), 40.0)]);
    // Read a week later, "done after" is a completion of that week, not of this one.
    let later = ReportInput {
        period_start: date(2025, 4, 14),
        period_end: date(2025, 4, 20),
        status_date: date(2025, 4, 20),
        ..week()
    };
    assert_eq!(titles(content(env.p(), &later).progress.completed.iter().map(|t| t.title.clone())), ["done after"]);
}

#[test]
fn new_resolved_and_open_issues_needing_action() {
    let mut env = Env::new(2);
    let pid = env.pid;
    let add = |env: &mut Env, title: &str, raised: (u32, u32), priority: Priority, due: Option<chrono::NaiveDate>| {
        let id = env.id();
        let i = mieruka_core::Issue {
            title: title.into(),
            raised_on: Some(date(2025, raised.0, raised.1)),
            priority,
            due,
            ..issue(title)
        };
        env.ok(Command::AddIssue { project: pid, id, issue: i });
        id
    };
    on(&mut env, 2025, 4, 1);
    let _old_high = add(&mut env, "old high", (3, 1), Priority::High, None);
    let fixed = add(&mut env, "fixed", (3, 20), Priority::Medium, None);
    let _late = add(&mut env, "late low", (3, 21), Priority::Low, Some(date(2025, 4, 10)));
    let _calm = add(&mut env, "calm low", (3, 22), Priority::Low, None);
    let fixed_earlier = add(&mut env, "fixed earlier", (3, 23), Priority::Critical, None);
    set(&mut env, EntityRef::issue(fixed_earlier), IssueField::Status, json!("closed"));
    on(&mut env, 2025, 4, 8);
    let _new = add(&mut env, "new one", (4, 8), Priority::Medium, None);
    on(&mut env, 2025, 4, 9);
    set(&mut env, EntityRef::issue(fixed), IssueField::Status, json!("resolved"));

    let c = content(env.p(), &week());
    let t = |v: &[mieruka_core::status_report::IssueLine]| v.iter().map(|i| i.title.clone()).collect::<Vec<_>>();
    assert_eq!(t(&c.issues.new), ["new one"]);
    assert_eq!(t(&c.issues.resolved), ["fixed"]);
    assert_eq!(t(&c.issues.needing_action), ["old high", "late low"]);
    assert!(c.issues.needing_action[1].overdue);
    assert_eq!(c.issues.open_count, 4);
    assert_eq!(c.issues.resolved[0].status, IssueStatus::Resolved.as_str());
    // Numbers follow the issue log's creation order.
    assert_eq!(c.issues.new[0].no, mieruka_core::Number::plain(6));
}

#[test]
fn milestone_slip_is_counted_against_the_chosen_baseline_in_working_days() {
    let mut env = Env::new(3);
    let pid = env.pid;
    on(&mut env, 2025, 4, 1);
    let work = env.add_task(
        None,
        mieruka_core::Task {
            title: "build".into(),
            start: Some(date(2025, 4, 1)),
            due: Some(date(2025, 4, 17)),
            estimate_hours: 80.0,
            ..task("build")
        },
    );
    let m = env.add_task(
        None,
        mieruka_core::Task {
            title: "release".into(),
            due: Some(date(2025, 4, 18)),
            milestone: true,
            ..task("release")
        },
    );
    let b = env.id();
    env.ok(Command::TakeBaseline { project: pid, id: b, name: "plan v1".into(), taken_on: date(2025, 4, 1) });
    set(&mut env, EntityRef::project(pid), ProjectField::Baseline, json!(b));
    on(&mut env, 2025, 4, 7);
    // Re-planned: the release moves from Friday 18th to Tuesday 22nd (2 working days).
    set(&mut env, EntityRef::task(m), TaskField::Due, json!("2025-04-22"));
    set(&mut env, EntityRef::task(work), TaskField::Due, json!("2025-04-21"));
    set(&mut env, EntityRef::task(work), TaskField::Percent, json!(50.0));

    let c = content(env.p(), &week());
    assert_eq!(c.header.baseline, "plan v1");
    let line = &c.milestones[0];
    assert_eq!((line.baseline, line.planned), (Some(date(2025, 4, 18)), Some(date(2025, 4, 22))));
    assert_eq!(line.forecast, Some(date(2025, 4, 22)));
    assert_eq!(line.slip, Some(2));
    // Without a baseline the slip is against the current plan.
    set(&mut env, EntityRef::project(pid), ProjectField::Baseline, json!(null));
    let c = content(env.p(), &week());
    assert_eq!((c.milestones[0].baseline, c.milestones[0].slip), (None, Some(0)));
    assert_eq!(c.header.baseline, "");
    // The next period (Mon 14th – Sun 20th) lists nothing due there but the plan says nothing starts;
    // the task due on the 21st is the week after.
    assert!(c.next_period.tasks.is_empty());
    assert_eq!((c.next_period.start, c.next_period.end), (date(2025, 4, 14), date(2025, 4, 20)));
}

#[test]
fn budget_figures_are_the_earned_value_of_the_status_date() {
    let mut env = Env::new(4);
    on(&mut env, 2025, 4, 1);
    let t = env.add_task(
        None,
        mieruka_core::Task {
            title: "design".into(),
            start: Some(date(2025, 4, 1)),
            due: Some(date(2025, 4, 30)),
            estimate_hours: 10.0,
            ..task("design")
        },
    );
    on(&mut env, 2025, 4, 10);
    set(&mut env, EntityRef::task(t), TaskField::ActualHours, json!(4.0));
    set(&mut env, EntityRef::task(t), TaskField::Percent, json!(50.0));
    let c = content(env.p(), &week());
    let b = &c.budget;
    assert_eq!(b.currency, "");
    assert!((b.bac - 10.0).abs() < 1e-9 && (b.ac - 4.0).abs() < 1e-9, "{b:?}");
    assert!((b.percent_used.unwrap_or(0.0) - 40.0).abs() < 1e-9);
    assert!((b.cpi.unwrap_or(0.0) - 1.25).abs() < 1e-9);
    assert!((b.eac - 8.0).abs() < 1e-9);
    assert!(b.spi.is_some());
    assert!(c.charts.burndown.is_some() && c.charts.ev.is_some());
    // The body round-trips exactly.
    assert_eq!(ReportContent::from_body(&c.to_body()), Ok(c));
}

#[test]
fn a_body_that_is_not_a_report_is_a_typed_error() {
    assert!(ReportContent::from_body(&json!("nope")).is_err());
    assert!(ReportContent::from_body(&json!({})).is_ok(), "missing parts take their defaults");
}

fn golden(name: &str, text: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create tests/golden");
        std::fs::write(&path, text).expect("write the golden file");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; create it with UPDATE_GOLDEN=1 cargo test -p mieruka-core --test status_report",
            path.display()
        )
    });
    if want != text {
        let line = want
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(text.lines().count()));
        panic!(
            "{name} differs at line {}:\n  golden: {}\n  now:    {}\nIf intended: UPDATE_GOLDEN=1 cargo test -p mieruka-core --test status_report",
            line + 1,
            want.lines().nth(line).unwrap_or("<end>"),
            text.lines().nth(line).unwrap_or("<end>")
        );
    }
}

/// The sample project's report of the two weeks Mon 2026-11-16 .. Sun 2026-11-29, read on Friday 27th.
#[test]
fn sample_report_markdown_golden() {
    let today = date(2026, 11, 27);
    for (ja, lang, file) in [(true, Lang::Ja, "sample_report_ja.md"), (false, Lang::En, "sample_report_en.md")] {
        let p = mieruka_core::sample::sample_project(ja, today, 7);
        let input = ReportInput {
            period_start: date(2026, 11, 16),
            period_end: date(2026, 11, 29),
            status_date: today,
            baseline: None,
            tz_offset_min: TZ,
        };
        let c = content(&p, &input);
        assert!(!c.progress.in_progress.is_empty() && !c.risks.is_empty() && !c.milestones.is_empty(), "{c:#?}");
        let report = Report {
            period_start: input.period_start,
            period_end: input.period_end,
            issued_on: today,
            author: if ja { "佐藤 | PMO".into() } else { "Sato | PMO".into() },
            body: c.to_body(),
            status: ReportStatus::Amber,
            status_reason: if ja {
                "結合テストの準備が遅れ気味。\n# 見出しではない".into()
            } else {
                "Integration test preparation is slipping.\n# not a heading".into()
            },
            decisions_needed: if ja {
                "移行リハーサル日程の承認 (<12/5>)".into()
            } else {
                "Approve the migration rehearsal date (<Dec 5>)".into()
            },
            next_plan: if ja {
                "- 結合テスト開始\n- `移行` 手順書レビュー".into()
            } else {
                "- Start integration tests\n- Review the `migration` runbook".into()
            },
            notes: String::new(),
        };
        let md = markdown(&report, &c, lang);
        golden(file, &md);
    }
}

#[test]
fn stored_words_are_the_serde_words() {
    assert_eq!(TaskStatus::Done.as_str(), "done");
    assert_eq!(serde_json::to_value(Priority::Critical).ok(), Some(json!("critical")));
}
