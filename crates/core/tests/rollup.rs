//! Roll-ups of estimate, actuals, remaining, dates and progress from children to parents.

mod common;

use common::*;
use mieruka_core::rollup::{is_overdue, project_progress, rollups};
use mieruka_core::{Command, EntityRef, Task, TaskField, TaskStatus};
use serde_json::json;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[allow(clippy::too_many_arguments)]
fn leaf(title: &str, est: f64, act: f64, pct: f64, status: TaskStatus, start: (u32, u32), due: (u32, u32)) -> Task {
    Task {
        estimate_hours: est,
        actual_hours: act,
        percent: pct,
        status,
        start: Some(date(2025, start.0, start.1)),
        due: Some(date(2025, due.0, due.1)),
        ..task(title)
    }
}

#[test]
fn sums_dates_and_weighted_percent() {
    let mut env = Env::new(1);
    let p = env.add(None, "開発");
    let c1 = env.add_task(Some(p), leaf("C1", 10.0, 6.0, 50.0, TaskStatus::InProgress, (4, 1), (4, 10)));
    let c2 = env.add_task(
        Some(p),
        Task { remaining_hours: Some(25.0), ..leaf("C2", 30.0, 8.0, 20.0, TaskStatus::InProgress, (4, 5), (4, 20)) },
    );
    // Done counts 100 % whatever its percent says; nothing remains.
    let c3 = env.add_task(Some(p), leaf("C3", 20.0, 22.0, 0.0, TaskStatus::Done, (3, 28), (4, 5)));
    // Cancelled: out of scope (estimate, remaining, dates, percent, leaves) but its actuals count.
    let c4 = env.add_task(Some(p), leaf("C4", 40.0, 3.0, 10.0, TaskStatus::Cancelled, (3, 1), (5, 31)));

    let r = rollups(env.p());
    // Leaves carry their own figures (a cancelled leaf has no estimate left in scope).
    assert_eq!(r[&c1].estimate, 10.0);
    assert_eq!(r[&c1].remaining, 5.0); // 10 h × (100 − 50) %
    assert_eq!(r[&c2].remaining, 25.0); // explicit remaining wins
    assert_eq!(r[&c3].percent, 100.0);
    assert_eq!(r[&c3].remaining, 0.0);
    assert_eq!((r[&c4].estimate, r[&c4].remaining, r[&c4].leaves), (0.0, 0.0, 0));
    assert_eq!((r[&c3].leaves, r[&c3].done_leaves), (1, 1));

    let rp = r[&p];
    assert_eq!(rp.estimate, 60.0); // 10 + 30 + 20
    assert_eq!(rp.actual, 39.0); // 6 + 8 + 22 + 3 (cancelled actuals kept)
    assert_eq!(rp.remaining, 30.0); // 5 + 25 + 0
    assert_eq!(rp.start, Some(date(2025, 3, 28)));
    assert_eq!(rp.due, Some(date(2025, 4, 20)));
    // (50 × 10 + 20 × 30 + 100 × 20) / 60 = 3100 / 60
    assert!(close(rp.percent, 3100.0 / 60.0), "{}", rp.percent);
    assert_eq!((rp.leaves, rp.done_leaves), (3, 1));

    // One more level: G = { P (est 60, 51.67 %), L (est 40, 25 %) } → (3100 + 1000) / 100 = 41 %.
    let pid = env.pid;
    let g = env.add(None, "全体");
    env.ok(Command::MoveTask { project: pid, task: p, parent: Some(g), index: 0 });
    let l = env.add_task(Some(g), leaf("L", 40.0, 12.0, 25.0, TaskStatus::InProgress, (5, 1), (6, 30)));
    let r = rollups(env.p());
    let rg = r[&g];
    assert!(close(rg.percent, 41.0), "{}", rg.percent);
    assert_eq!(rg.estimate, 100.0);
    assert_eq!(rg.actual, 51.0);
    assert_eq!(rg.remaining, 60.0); // 30 + 40 × 75 %
    assert_eq!(rg.start, Some(date(2025, 3, 28)));
    assert_eq!(rg.due, Some(date(2025, 6, 30)));
    assert_eq!((rg.leaves, rg.done_leaves), (4, 1));
    assert!(close(project_progress(env.p()), 41.0));

    // A second top-level task without estimate does not weigh in while others have estimates.
    env.add_task(None, Task { percent: 90.0, ..task("見積なし") });
    assert!(close(project_progress(env.p()), 41.0));
    // Cancelling L takes it out of the scope of G.
    env.set_ok(EntityRef::task(l), TaskField::Status, json!("cancelled"));
    let rg = rollups(env.p())[&g];
    assert!(close(rg.percent, 3100.0 / 60.0));
    assert_eq!((rg.estimate, rg.actual, rg.due), (60.0, 51.0, Some(date(2025, 4, 20))));
}

#[test]
fn plain_average_without_estimates() {
    let mut env = Env::new(2);
    let p = env.add(None, "P");
    env.add_task(Some(p), Task { percent: 10.0, ..task("a") });
    env.add_task(Some(p), Task { percent: 40.0, ..task("b") });
    env.add_task(Some(p), Task { status: TaskStatus::Done, ..task("c") });
    env.add_task(Some(p), Task { percent: 80.0, status: TaskStatus::Cancelled, ..task("d") });
    let r = rollups(env.p())[&p];
    assert!(close(r.percent, 50.0), "{}", r.percent); // (10 + 40 + 100) / 3
    assert_eq!(r.start, None);
    assert_eq!(r.due, None);
    assert!(close(project_progress(env.p()), 50.0));
    let q = env.add_task(None, Task { percent: 0.0, ..task("Q") });
    assert!(close(project_progress(env.p()), 25.0)); // plain average of 50 and 0
                                                     // A cancelled top-level task is out of the project's scope.
    env.set_ok(EntityRef::task(q), TaskField::Status, json!("cancelled"));
    assert!(close(project_progress(env.p()), 50.0));
}

#[test]
fn empty_and_all_cancelled() {
    let mut env = Env::new(3);
    assert_eq!(project_progress(env.p()), 0.0);
    assert!(rollups(env.p()).is_empty());
    let p = env.add(None, "P");
    env.add_task(Some(p), Task { estimate_hours: 8.0, actual_hours: 2.0, status: TaskStatus::Cancelled, ..task("x") });
    let r = rollups(env.p())[&p];
    assert_eq!((r.estimate, r.actual, r.remaining, r.percent, r.leaves), (0.0, 2.0, 0.0, 0.0, 0));
    // All done.
    let mut env = Env::new(4);
    let a = env.add_task(None, Task { estimate_hours: 5.0, status: TaskStatus::Done, ..task("a") });
    env.add_task(None, Task { estimate_hours: 15.0, percent: 100.0, ..task("b") });
    assert_eq!(project_progress(env.p()), 100.0);
    assert_eq!(rollups(env.p())[&a].remaining, 0.0);
}

#[test]
fn deep_tree_rolls_up_every_level() {
    // A chain of 200 levels: every ancestor carries the leaf's figures (and nothing overflows).
    let mut env = Env::new(5);
    let mut parent = None;
    let mut chain = Vec::new();
    for i in 0..200 {
        let id = env.add(parent, &format!("L{i}"));
        chain.push(id);
        parent = Some(id);
    }
    env.set_ok(EntityRef::task(*chain.last().unwrap()), TaskField::EstimateHours, json!(12.5));
    env.set_ok(EntityRef::task(*chain.last().unwrap()), TaskField::Percent, json!(40));
    let r = rollups(env.p());
    for id in &chain {
        assert_eq!(r[id].estimate, 12.5);
        assert!(close(r[id].percent, 40.0));
        assert_eq!(r[id].leaves, 1);
    }
    let rows = mieruka_core::rollup::wbs_rows(env.p());
    assert_eq!(rows.last().unwrap().number, vec!["1"; 200].join("."));
    assert!(close(project_progress(env.p()), 40.0));
}

#[test]
fn overdue() {
    let today = date(2025, 5, 1);
    let t = Task { due: Some(date(2025, 4, 30)), ..task("t") };
    assert!(is_overdue(&t, today));
    assert!(!is_overdue(&Task { due: Some(today), ..t.clone() }, today));
    assert!(!is_overdue(&Task { status: TaskStatus::Done, ..t.clone() }, today));
    assert!(!is_overdue(&Task { status: TaskStatus::Cancelled, ..t.clone() }, today));
    assert!(is_overdue(&Task { status: TaskStatus::Blocked, ..t.clone() }, today));
    assert!(!is_overdue(&Task { due: None, ..t }, today));
}

/// Issue 13 item 6: hours booked on a parent itself (a Backlog or Redmine parent issue carries its
/// own 実績時間) add to its children's; they were dropped (22.5 h in the file showed as 18 h).
#[test]
fn a_parent_s_own_actual_hours_add_to_its_children_s() {
    let mut env = Env::new(4);
    let top = env.add_task(None, Task { actual_hours: 1.0, ..task("移行") });
    let parent = env.add_task(Some(top), Task { actual_hours: 4.5, ..task("設計") });
    env.add_task(Some(parent), leaf("画面", 10.0, 8.0, 50.0, TaskStatus::InProgress, (4, 1), (4, 10)));
    env.add_task(Some(parent), leaf("帳票", 10.0, 10.0, 50.0, TaskStatus::InProgress, (4, 1), (4, 10)));
    let r = rollups(env.p());
    assert!(close(r[&parent].actual, 22.5), "{}", r[&parent].actual);
    assert!(close(r[&top].actual, 23.5), "{}", r[&top].actual);
    // Only actuals: a parent's own estimate is not added to its children's.
    assert!(close(r[&parent].estimate, 20.0));
}
