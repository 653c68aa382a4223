//! The plan against a baseline: slips in working days, added and removed scope, estimate growth
//! and the budget change; and the chosen baseline in the burndown's ideal line and the PV.

mod common;

use common::*;
use mieruka_core::analytics::burndown::burndown;
use mieruka_core::analytics::evm::ev_series;
use mieruka_core::analytics::series::{EvMethod, WorkUnit};
use mieruka_core::baseline_diff::{diff, RemovedHow};
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::{Command, EntityRef, Id, ProjectField, Task, TaskField};
use serde_json::json;

fn dated(title: &str, start: (u32, u32), due: (u32, u32), hours: f64) -> Task {
    Task {
        start: Some(date(2025, start.0, start.1)),
        due: Some(date(2025, due.0, due.1)),
        estimate_hours: hours,
        ..task(title)
    }
}

/// 設計 (summary) with 基本設計 and 詳細設計, then 製造 and a milestone; a baseline taken and chosen.
fn planned() -> (Env, [Id; 5], Id) {
    let mut env = Env::new(7);
    let phase = env.add(None, "設計");
    let basic = env.add_task(Some(phase), dated("基本設計", (4, 7), (4, 11), 40.0));
    let detail = env.add_task(Some(phase), dated("詳細設計", (4, 14), (4, 18), 40.0));
    let build = env.add_task(None, dated("製造", (4, 21), (5, 9), 80.0));
    let ms = env.add_task(None, Task { milestone: true, ..dated("リリース判定", (5, 9), (5, 9), 0.0) });
    let b = env.id();
    env.ok(Command::TakeBaseline { project: env.pid, id: b, name: "承認計画".into(), taken_on: date(2025, 4, 1) });
    (env, [phase, basic, detail, build, ms], b)
}

fn cal(env: &Env) -> WorkCalendar {
    WorkCalendar::for_project(&env.p().info)
}

#[test]
fn an_unchanged_plan_has_no_difference() {
    let (env, _, b) = planned();
    let d = diff(env.p(), &env.p().baselines[&b], &cal(&env));
    assert!(d.is_empty(), "{d:?}");
    assert_eq!((d.totals.baseline_hours, d.totals.hours, d.totals.growth_hours), (160.0, 160.0, 0.0));
    assert_eq!(d.totals.growth_percent, Some(0.0));
}

#[test]
fn slips_are_counted_in_working_days_over_holidays() {
    let (mut env, [_, basic, detail, build, _], b) = planned();
    // 製造 due Fri 5/9 → Tue 5/13: Mon 5/12 and Tue 5/13 are worked: 2 days.
    env.set_ok(EntityRef::task(build), TaskField::Due, json!("2025-05-13"));
    // 詳細設計 start Mon 4/14 → Mon 4/28 and due Fri 4/18 → Fri 5/2: over 昭和の日 (4/29).
    env.ok(Command::SetMany {
        project: env.pid,
        entity: EntityRef::task(detail),
        fields: vec![(TaskField::Start.into(), json!("2025-04-28")), (TaskField::Due.into(), json!("2025-05-02"))],
    });
    // 基本設計 earlier: not a slip.
    env.set_ok(EntityRef::task(basic), TaskField::Due, json!("2025-04-10"));
    let d = diff(env.p(), &env.p().baselines[&b], &cal(&env));
    let slips: Vec<(&str, i64, i64)> = d.slipped.iter().map(|s| (s.title.as_str(), s.start_days, s.due_days)).collect();
    // 4/19..=5/2 worked: 4/21–25 (5), 4/28, 4/30, 5/1, 5/2 (4) = 9; start 4/15..=4/28: 4/15–18 (4), 4/21–25 (5), 4/28 = 10.
    // The summary 設計 slipped only if its own dates moved: it has none.
    assert_eq!(slips, vec![("詳細設計", 10, 9), ("製造", 0, 2)]);
    assert_eq!(d.slipped[1].baseline_due, Some(date(2025, 5, 9)));
    assert_eq!(d.slipped[1].due, Some(date(2025, 5, 13)));
}

#[test]
fn added_removed_and_estimate_growth() {
    let (mut env, [phase, basic, detail, build, _], b) = planned();
    env.set_ok(EntityRef::task(build), TaskField::EstimateHours, json!(120.0));
    env.set_ok(EntityRef::task(detail), TaskField::Status, json!("cancelled"));
    env.ok(Command::Delete { project: env.pid, entity: EntityRef::task(basic) });
    let added = env.add_task(Some(phase), dated("外部設計レビュー", (4, 14), (4, 15), 16.0));
    let d = diff(env.p(), &env.p().baselines[&b], &cal(&env));
    assert_eq!(d.added.iter().map(|a| (a.id, a.estimate_hours)).collect::<Vec<_>>(), vec![(added, 16.0)]);
    let removed: Vec<(&str, RemovedHow, f64)> =
        d.removed.iter().map(|r| (r.title.as_str(), r.how, r.estimate_hours)).collect();
    assert_eq!(removed, vec![("基本設計", RemovedHow::Deleted, 40.0), ("詳細設計", RemovedHow::Cancelled, 40.0)]);
    assert_eq!(d.estimates.len(), 1);
    let e = &d.estimates[0];
    assert_eq!(
        (e.title.as_str(), e.baseline_hours, e.hours, e.delta, e.percent),
        ("製造", 80.0, 120.0, 40.0, Some(50.0))
    );
    // Totals: baseline 160 h; now 120 + 16 = 136 h (cancelled and deleted out): −24 h, −15 %.
    assert_eq!((d.totals.baseline_hours, d.totals.hours, d.totals.growth_hours), (160.0, 136.0, -24.0));
    assert_eq!(d.totals.growth_percent, Some(-15.0));
    // No rates: the budget is counted in hours.
    assert_eq!((d.totals.baseline_budget, d.totals.budget, d.totals.budget_change), (160.0, 136.0, -24.0));
}

#[test]
fn budget_change_follows_the_rates() {
    let (mut env, [_, _, _, build, _], b) = planned();
    env.set_ok(EntityRef::project(env.pid), ProjectField::DefaultRate, json!(5000.0));
    // The baseline was taken without rates (in hours); a second one with the rate.
    let b2 = env.id();
    env.ok(Command::TakeBaseline {
        project: env.pid, id: b2, name: "単価設定後".into(), taken_on: date(2025, 4, 2)
    });
    env.set_ok(EntityRef::task(build), TaskField::EstimateHours, json!(100.0));
    let d = diff(env.p(), &env.p().baselines[&b2], &cal(&env));
    assert_eq!((d.totals.baseline_budget, d.totals.budget, d.totals.budget_change), (800_000.0, 900_000.0, 100_000.0));
    assert_eq!(d.totals.budget_change_percent, Some(12.5));
    let d1 = diff(env.p(), &env.p().baselines[&b], &cal(&env));
    assert_eq!(d1.totals.baseline_budget, 160.0);
}

// ------------------------------------------------------------ the chosen baseline in the charts

#[test]
fn pv_and_bac_follow_the_chosen_baseline() {
    let (mut env, [_, _, _, build, _], b) = planned();
    let c = cal(&env);
    let (from, to, status) = (date(2025, 4, 7), date(2025, 5, 16), date(2025, 4, 18));
    let before = ev_series(env.p(), &c, from, to, status, EvMethod::PercentComplete, 540);
    // Without a chosen baseline the PV follows the plan: move 製造 a week later, re-estimate it.
    env.ok(Command::SetMany {
        project: env.pid,
        entity: EntityRef::task(build),
        fields: vec![
            (TaskField::Start.into(), json!("2025-04-28")),
            (TaskField::Due.into(), json!("2025-05-16")),
            (TaskField::EstimateHours.into(), json!(120.0)),
        ],
    });
    let moved = ev_series(env.p(), &c, from, to, date(2025, 4, 25), EvMethod::PercentComplete, 540);
    assert_eq!(moved.indices.bac, 200.0);
    // Choose the baseline: PV and BAC are the approved plan again, whatever the plan says now.
    env.set_ok(EntityRef::project(env.pid), ProjectField::Baseline, json!(b));
    let chosen = ev_series(env.p(), &c, from, to, status, EvMethod::PercentComplete, 540);
    assert_eq!(chosen.pv, before.pv);
    assert_eq!(chosen.indices.bac, 160.0);
    assert_eq!(chosen.indices.pv, before.indices.pv);
    // 基本設計 and 詳細設計 (80 h) are planned by 4/18 in the baseline.
    assert_eq!(chosen.indices.pv, 80.0);
    // Unchoose: back to the current plan.
    env.set_ok(EntityRef::project(env.pid), ProjectField::Baseline, json!(null));
    let again = ev_series(env.p(), &c, from, to, status, EvMethod::PercentComplete, 540);
    assert_eq!(again.indices.bac, 200.0);
}

#[test]
fn the_ideal_line_follows_the_chosen_baseline() {
    let (mut env, [_, _, _, build, _], b) = planned();
    let c = cal(&env);
    let (from, to, status) = (date(2025, 4, 7), date(2025, 5, 16), date(2025, 4, 18));
    let plan = burndown(env.p(), &c, from, to, status, WorkUnit::Hours, None, 540);
    // Without a baseline: the current plan's (the same as the baseline's while nothing moved).
    assert_eq!(plan.ideal[0], 152.0);
    assert_eq!(*plan.ideal.last().unwrap(), 0.0);
    env.set_ok(EntityRef::task(build), TaskField::EstimateHours, json!(120.0));
    let replanned = burndown(env.p(), &c, from, to, status, WorkUnit::Hours, None, 540);
    assert_eq!(replanned.ideal[0], 192.0, "the plan's line follows the new estimate");
    env.set_ok(EntityRef::project(env.pid), ProjectField::Baseline, json!(b));
    let bd = burndown(env.p(), &c, from, to, status, WorkUnit::Hours, None, 540);
    // With it: the baseline's remaining plan — 160 h less what its dates plan done by each day.
    let day = |d| bd.days.iter().position(|x| *x == d).unwrap();
    assert_eq!(bd.ideal[day(date(2025, 4, 7))], 152.0); // 8 h of 基本設計 planned on the first day
    assert_eq!(bd.ideal[day(date(2025, 4, 11))], 120.0);
    assert_eq!(bd.ideal[day(date(2025, 4, 18))], 80.0);
    assert_eq!(bd.ideal[day(date(2025, 5, 9))], 0.0);
    assert_eq!(*bd.ideal.last().unwrap(), 0.0);
    // The actual lines still read the plan (120 h for 製造).
    assert_eq!(bd.scope[day(status)], Some(200.0));
}
