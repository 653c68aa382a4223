//! Analytics read from history: the state at a date, burndown / burnup, earned value and the risk
//! charts — every formula against a hand-worked example, and the invariants over random histories.
//!
//! The hand-built projects use June 2025 (no Japanese holiday): Mon 06-02 … Fri 06-06,
//! Mon 06-09 … Fri 06-13. Instants are UTC; most tests read them with offset 0.

mod common;

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;
use mieruka_core::analytics::burndown::{
    burndown, burnup, burnup_with_window, default_range, milestone_range, milestone_scope,
};
use mieruka_core::analytics::evm::{credit, ev_series, indices, plan_of, planned_value, Rates};
use mieruka_core::analytics::history::{local_date, state_as_of, TaskFacts};
use mieruka_core::analytics::risk::{matrix, risk_trend};
use mieruka_core::analytics::{CostUnit, EvMethod, RiskMatrix, WorkUnit};
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::enums::Weekday as W;
use mieruka_core::model::{Member, Project, Task};
use mieruka_core::replay::replay;
use mieruka_core::sample::sample_project;
use mieruka_core::{
    Command, EntityRef, Field, Id, MemberField, ProjectField, Risk, RiskField, RiskKind, RiskStatus, Stamp, TaskField,
    TaskStatus,
};
use proptest::prelude::*;
use serde_json::{json, Value};

// ------------------------------------------------------------------ helpers

fn june(d: u32) -> NaiveDate {
    date(2025, 6, d)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

#[track_caller]
fn assert_close(a: f64, b: f64) {
    assert!(close(a, b), "{a} ≠ {b}");
}

#[track_caller]
fn assert_series(got: &[Option<f64>], want: &[Option<f64>]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        match (g, w) {
            (Some(g), Some(w)) => assert!(close(*g, *w), "{got:?} vs {want:?}"),
            (None, None) => {}
            _ => panic!("{got:?} vs {want:?}"),
        }
    }
}

/// Runs a command at a chosen instant (commands must come in time order).
#[track_caller]
fn run_at(env: &mut Env, when: &str, cmd: Command) {
    let stamp = Stamp::new(instant(when), "pm", env.id());
    if let Err(e) = env.run_with(cmd, &stamp) {
        panic!("refused at {when}: {e:?}");
    }
}

#[track_caller]
fn add_at(env: &mut Env, when: &str, parent: Option<Id>, t: Task) -> Id {
    let id = env.id();
    let project = env.pid;
    run_at(env, when, Command::InsertTask { project, id, parent, after: None, task: t });
    id
}

#[track_caller]
fn set_at<F: Into<Field> + Copy>(env: &mut Env, when: &str, entity: EntityRef, fields: &[(F, Value)]) {
    let fields = fields.iter().map(|(f, v)| ((*f).into(), v.clone())).collect();
    let project = env.pid;
    run_at(env, when, Command::SetMany { project, entity, fields });
}

fn est(title: &str, hours: f64) -> Task {
    Task { estimate_hours: hours, ..task(title) }
}

fn cal() -> WorkCalendar {
    WorkCalendar::default()
}

/// Remaining and scope of the current state, straight from the tasks (no history).
fn direct(p: &Project, unit: WorkUnit) -> (f64, f64) {
    let parents: HashSet<Id> = p.tasks.values().filter_map(|t| t.parent).collect();
    let (mut remaining, mut scope) = (0.0, 0.0);
    for (id, t) in &p.tasks {
        if parents.contains(id) || t.milestone || t.status == TaskStatus::Cancelled {
            continue;
        }
        let done = t.status == TaskStatus::Done;
        let (r, s) = match unit {
            WorkUnit::Hours => (t.effective_remaining(), t.estimate_hours),
            WorkUnit::StoryPoints => {
                let sp = t.story_points.unwrap_or(0.0);
                (if done { 0.0 } else { sp }, sp)
            }
            WorkUnit::Tasks => (if done { 0.0 } else { 1.0 }, 1.0),
        };
        remaining += r;
        scope += s;
    }
    (remaining, scope)
}

fn last_some(v: &[Option<f64>]) -> Option<f64> {
    v.iter().rev().find_map(|x| *x)
}

// ------------------------------------------------------------------ days and states

#[test]
fn local_days_follow_the_offset() {
    let late_utc = instant("2025-06-03T20:00:00Z");
    assert_eq!(local_date(late_utc, 0), june(3));
    assert_eq!(local_date(late_utc, 540), june(4), "05:00 on 06-04 in Japan");
    assert_eq!(local_date(instant("2025-06-03T02:00:00Z"), -300), june(2), "21:00 on 06-02 in New York");
    assert_eq!(local_date(instant("2025-06-03T15:00:00Z"), 540), june(4), "midnight JST starts 06-04");
    assert_eq!(local_date(instant("2025-06-03T14:59:59Z"), 540), june(3));
    // Absurd offsets are clamped to ±24 h; the ends of time do not panic.
    assert_eq!(local_date(late_utc, i32::MAX), june(4));
    let _ = local_date(DateTime::<Utc>::MAX_UTC, 540);
    let _ = local_date(DateTime::<Utc>::MIN_UTC, -540);
}

#[test]
fn burndown_day_boundaries_depend_on_the_time_zone() {
    let mut env = Env::new(1);
    let a = add_at(&mut env, "2025-06-02T00:30:00Z", None, est("A", 10.0));
    // 20:00 UTC on 06-03 is 05:00 on 06-04 in Japan.
    set_at(&mut env, "2025-06-03T20:00:00Z", EntityRef::task(a), &[(TaskField::Status, json!("done"))]);
    let p = env.p();
    let utc = burndown(p, &cal(), june(2), june(4), june(4), WorkUnit::Hours, None, 0);
    let jst = burndown(p, &cal(), june(2), june(4), june(4), WorkUnit::Hours, None, 540);
    assert_series(&utc.remaining, &[Some(10.0), Some(0.0), Some(0.0)]);
    assert_series(&jst.remaining, &[Some(10.0), Some(10.0), Some(0.0)]);
    assert_eq!(state_as_of(p, june(3), 0).tasks[&a].status, TaskStatus::Done);
    assert_eq!(state_as_of(p, june(3), 540).tasks[&a].status, TaskStatus::NotStarted);
    // In New York (−5 h) the creation at 00:30 UTC happened on the evening of 06-01.
    assert!(state_as_of(p, june(1), -300).tasks.contains_key(&a));
    assert!(!state_as_of(p, june(1), 0).tasks.contains_key(&a));
}

#[test]
fn state_as_of_is_the_replay_of_the_log_up_to_that_day() {
    let today = date(2026, 3, 4);
    let p = sample_project(true, today, 7);
    let mut sorted = p.changes.clone();
    sorted.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    for back in [0i64, 1, 5, 20, 40, 80, 200] {
        let d = today - Duration::days(back);
        for tz in [540, 0, -300] {
            let kept: Vec<_> = sorted.iter().filter(|c| local_date(c.at, tz) <= d).cloned().collect();
            let want = replay(p.id, &kept);
            let got = state_as_of(&p, d, tz);
            assert_eq!(entities(&got), entities(&want), "{d} {tz}");
            assert_eq!(got.changes.len(), kept.len());
        }
    }
    // After the last change: the project itself.
    assert_eq!(state_as_of(&p, today, 540), p);
    assert_eq!(state_as_of(&p, date(2099, 1, 1), 540), p);
    // Before the first change: nothing at all.
    let before = state_as_of(&p, date(2000, 1, 1), 540);
    assert!(before.tasks.is_empty() && before.risks.is_empty() && before.changes.is_empty());
}

// ------------------------------------------------------------------ burndown and burnup

/// Phase (a summary: its own 99 h do not count) with A 10 h and B 20 h, and a milestone whose
/// 5 h do not count either. Day by day (end of day, UTC):
///
/// | day   | event                     | remaining        | scope        |
/// |-------|---------------------------|------------------|--------------|
/// | 06-02 | created                   | 10 + 20 = 30     | 30           |
/// | 06-03 | A 50 %                    | 5 + 20 = 25      | 30           |
/// | 06-04 | A done                    | 0 + 20 = 20      | 30           |
/// | 06-05 | C 8 h added (scope +8)    | 20 + 8 = 28      | 38           |
/// | 06-06 | B remaining set to 5 h    | 5 + 8 = 13       | 38           |
/// | 06-09 | B done (after the status date: not read)                 |
struct Story {
    env: Env,
    a: Id,
    b: Id,
    /// The project before C was added.
    before_c: Project,
}

fn story() -> Story {
    let mut env = Env::new(3);
    let phase = add_at(&mut env, "2025-06-02T01:00:00Z", None, est("Phase", 99.0));
    let a = add_at(&mut env, "2025-06-02T01:01:00Z", Some(phase), est("A", 10.0));
    let b = add_at(&mut env, "2025-06-02T01:02:00Z", Some(phase), est("B", 20.0));
    add_at(&mut env, "2025-06-02T01:03:00Z", None, Task { milestone: true, ..est("Go-live", 5.0) });
    set_at(&mut env, "2025-06-03T10:00:00Z", EntityRef::task(a), &[(TaskField::Percent, json!(50.0))]);
    set_at(&mut env, "2025-06-04T10:00:00Z", EntityRef::task(a), &[(TaskField::Status, json!("done"))]);
    let before_c = env.p().clone();
    add_at(&mut env, "2025-06-05T10:00:00Z", Some(phase), est("C", 8.0));
    set_at(&mut env, "2025-06-06T10:00:00Z", EntityRef::task(b), &[(TaskField::RemainingHours, json!(5.0))]);
    set_at(&mut env, "2025-06-09T10:00:00Z", EntityRef::task(b), &[(TaskField::Status, json!("done"))]);
    Story { env, a, b, before_c }
}

#[test]
fn burndown_scope_added_mid_range_never_rewrites_earlier_days() {
    let s = story();
    let p = s.env.p();
    let bd = burndown(p, &cal(), june(2), june(13), june(6), WorkUnit::Hours, None, 0);
    assert_eq!(bd.days, cal().working_days_in(june(2), june(13)));
    assert_eq!(bd.days.len(), 10);
    let none = [None; 5];
    assert_series(
        &bd.remaining,
        &[[Some(30.0), Some(25.0), Some(20.0), Some(28.0), Some(13.0)].as_slice(), &none].concat(),
    );
    assert_series(
        &bd.scope,
        &[[Some(30.0), Some(30.0), Some(30.0), Some(38.0), Some(38.0)].as_slice(), &none].concat(),
    );
    assert_eq!(bd.scope_change, [0.0, 0.0, 0.0, 8.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    // Ideal: 30 on the first day to 0 on the tenth, −30/9 per working day.
    for (i, v) in bd.ideal.iter().enumerate() {
        assert_close(*v, 30.0 * (9 - i) as f64 / 9.0);
    }
    assert_eq!(bd.status_date, june(6));
    // The first three days are what the log said then: the same before C existed, and the same
    // when the status date is 06-04 (later changes are not read).
    let early = burndown(&s.before_c, &cal(), june(2), june(13), june(4), WorkUnit::Hours, None, 0);
    let cut = burndown(p, &cal(), june(2), june(13), june(4), WorkUnit::Hours, None, 0);
    assert_eq!(early.remaining[..3], bd.remaining[..3]);
    assert_eq!(cut.remaining, early.remaining);
    assert_eq!(cut.scope, early.scope);
    // Re-estimating A after it was done changes the scope from that day on only.
    let mut env = story().env;
    set_at(&mut env, "2025-06-10T10:00:00Z", EntityRef::task(s.a), &[(TaskField::EstimateHours, json!(14.0))]);
    let later = burndown(env.p(), &cal(), june(2), june(13), june(13), WorkUnit::Hours, None, 0);
    assert_eq!(later.scope[..6], [Some(30.0), Some(30.0), Some(30.0), Some(38.0), Some(38.0), Some(38.0)]);
    assert_eq!(later.scope[6], Some(42.0));
    assert_eq!(later.scope_change[6], 4.0);
    assert_eq!(later.remaining[5], Some(8.0), "B done on 06-09: only C's 8 h left");
}

/// A status date on a weekend (the default status date is today) shows the work entered up to it
/// on the Friday before, in the burndown, the burnup and earned value; a status date after the
/// range's end does not.
#[test]
fn a_status_date_on_a_day_off_shows_its_work_on_the_working_day_before() {
    let mut env = Env::new(5);
    // Everything is entered on Saturday 06-07: 120 h planned over the second week.
    let planned = Task { start: Some(june(9)), due: Some(june(13)), ..est("設計", 120.0) };
    let t = add_at(&mut env, "2025-06-07T10:00:00Z", None, planned);
    set_at(
        &mut env,
        "2025-06-07T11:00:00Z",
        EntityRef::task(t),
        &[(TaskField::ActualHours, json!(8.0)), (TaskField::Percent, json!(10.0))],
    );
    let p = env.p();
    let bd = burndown(p, &cal(), june(2), june(13), june(7), WorkUnit::Hours, None, 0);
    assert_eq!(bd.days.len(), 10, "the axis keeps working days only");
    assert_series(
        &bd.remaining,
        &[Some(0.0), Some(0.0), Some(0.0), Some(0.0), Some(108.0), None, None, None, None, None],
    );
    assert_series(&bd.scope, &[Some(0.0), Some(0.0), Some(0.0), Some(0.0), Some(120.0), None, None, None, None, None]);
    assert_eq!(bd.scope_change[4], 120.0);
    let up = burnup(p, &cal(), june(2), june(13), june(7), WorkUnit::Hours, None, 0);
    assert_eq!(up.scope[4], Some(120.0));
    let ev = ev_series(p, &cal(), june(2), june(13), june(7), EvMethod::PercentComplete, 0);
    assert_eq!(ev.ac[4], Some(8.0));
    // The status date on Friday itself: Saturday's work is not read.
    let friday = burndown(p, &cal(), june(2), june(13), june(6), WorkUnit::Hours, None, 0);
    assert_eq!(friday.scope[4], Some(0.0));
    // A range that ended the week before: its last day is that day's state, not the status date's.
    let earlier = burndown(p, &cal(), june(2), june(6), june(7), WorkUnit::Hours, None, 0);
    assert_eq!(earlier.scope[4], Some(0.0), "06-07 lies after 06-02..=06-06");
}

#[test]
fn burnup_done_rate_and_forecast() {
    let s = story();
    let p = s.env.p();
    // done = scope − remaining: 30−30, 30−25, 30−20, 38−28, 38−13.
    let bu = burnup_with_window(p, &cal(), june(2), june(13), june(6), WorkUnit::Hours, None, 0, 3);
    let none = [None; 5];
    assert_series(&bu.done, &[[Some(0.0), Some(5.0), Some(10.0), Some(10.0), Some(25.0)].as_slice(), &none].concat());
    assert_series(
        &bu.scope,
        &[[Some(30.0), Some(30.0), Some(30.0), Some(38.0), Some(38.0)].as_slice(), &none].concat(),
    );
    // Window of 3 working days: 06-04..06-06. Done went 5 (end of 06-03) → 25: rate 20 / 3 a day.
    // 13 h left / (20/3) = 1.95 → 2 working days after Fri 06-06: Tue 06-10.
    assert_close(bu.rate_per_day, 20.0 / 3.0);
    assert_eq!(bu.forecast_finish, Some(june(10)));
    // The default window (10 working days: 05-26..06-06): 25 / 10 = 2.5 a day; 13 / 2.5 = 5.2 → 6
    // working days after 06-06: Mon 06-16.
    let bu = burnup(p, &cal(), june(2), june(13), june(6), WorkUnit::Hours, None, 0);
    assert_close(bu.rate_per_day, 2.5);
    assert_eq!(bu.forecast_finish, Some(june(16)));
    // Everything done at the status date: the forecast is the status date itself.
    let done = burnup(p, &cal(), june(2), june(13), june(9), WorkUnit::Tasks, None, 0);
    // Tasks at 06-09: A and B done, C open. 2 done in the 10 working days 05-27..06-09: 0.2 a
    // day, so C's 1 task takes 5 working days: Mon 06-16.
    assert_close(done.rate_per_day, 0.2);
    assert_eq!(done.forecast_finish, Some(june(16)));
    let bd = burndown(p, &cal(), june(2), june(13), june(9), WorkUnit::Tasks, None, 0);
    assert_eq!(bd.remaining[5], Some(1.0));
    let mut env = story().env;
    let c = *env.p().tasks.iter().find(|(_, t)| t.title == "C").unwrap().0;
    set_at(&mut env, "2025-06-10T10:00:00Z", EntityRef::task(c), &[(TaskField::Status, json!("done"))]);
    let all = burnup(env.p(), &cal(), june(2), june(13), june(11), WorkUnit::Hours, None, 0);
    assert_eq!(all.forecast_finish, Some(june(11)));
    // No progress in the window: no forecast.
    let still = burnup_with_window(p, &cal(), june(2), june(13), june(2), WorkUnit::Hours, None, 0, 1);
    assert_eq!((still.rate_per_day, still.forecast_finish), (0.0, None));
    let _ = s.b;
}

#[test]
fn cancelled_work_leaves_the_scope_and_deleted_work_leaves_everything() {
    let mut env = Env::new(4);
    let a = add_at(&mut env, "2025-06-02T01:00:00Z", None, est("A", 10.0));
    let b = add_at(&mut env, "2025-06-02T01:01:00Z", None, est("B", 20.0));
    add_at(&mut env, "2025-06-02T01:02:00Z", None, est("C", 5.0));
    set_at(&mut env, "2025-06-03T01:00:00Z", EntityRef::task(b), &[(TaskField::Status, json!("cancelled"))]);
    let pid = env.pid;
    run_at(&mut env, "2025-06-04T01:00:00Z", Command::Delete { project: pid, entity: EntityRef::task(a) });
    let parent = add_at(&mut env, "2025-06-05T01:00:00Z", None, est("P", 50.0));
    add_at(&mut env, "2025-06-05T01:01:00Z", Some(parent), est("x", 4.0));
    add_at(&mut env, "2025-06-05T01:02:00Z", Some(parent), est("y", 6.0));
    run_at(&mut env, "2025-06-06T01:00:00Z", Command::Delete { project: pid, entity: EntityRef::task(parent) });
    let p = env.p();
    // Hours: 35 → B cancelled (−20) → A deleted (−10) → P's leaves x, y (+10) → P's subtree gone.
    let h = burndown(p, &cal(), june(2), june(6), june(6), WorkUnit::Hours, None, 0);
    assert_series(&h.scope, &[Some(35.0), Some(15.0), Some(5.0), Some(15.0), Some(5.0)]);
    assert_series(&h.remaining, &[Some(35.0), Some(15.0), Some(5.0), Some(15.0), Some(5.0)]);
    assert_eq!(h.scope_change, [0.0, -20.0, -10.0, 10.0, -10.0]);
    // Tasks: 3 → 2 → 1 → 3 (x, y; P is a summary) → 1.
    let t = burndown(p, &cal(), june(2), june(6), june(6), WorkUnit::Tasks, None, 0);
    assert_series(&t.scope, &[Some(3.0), Some(2.0), Some(1.0), Some(3.0), Some(1.0)]);
    assert_series(&t.remaining, &[Some(3.0), Some(2.0), Some(1.0), Some(3.0), Some(1.0)]);
}

#[test]
fn re_parenting_turns_leaves_into_summaries_and_back() {
    let mut env = Env::new(5);
    let x = add_at(&mut env, "2025-06-02T01:00:00Z", None, est("X", 10.0));
    let y = add_at(&mut env, "2025-06-02T01:01:00Z", None, est("Y", 4.0));
    let pid = env.pid;
    run_at(&mut env, "2025-06-03T01:00:00Z", Command::MoveTask { project: pid, task: y, parent: Some(x), index: 0 });
    run_at(&mut env, "2025-06-04T01:00:00Z", Command::MoveTask { project: pid, task: y, parent: None, index: 1 });
    set_at(&mut env, "2025-06-05T01:00:00Z", EntityRef::task(x), &[(TaskField::EstimateHours, json!(12.0))]);
    run_at(&mut env, "2025-06-06T01:00:00Z", Command::Indent { project: pid, task: y });
    // 10 + 4 → X is Y's parent: 4 → apart again: 14 → X re-estimated: 16 → Y under X: 4.
    let bd = burndown(env.p(), &cal(), june(2), june(6), june(6), WorkUnit::Hours, None, 0);
    assert_series(&bd.scope, &[Some(14.0), Some(4.0), Some(14.0), Some(16.0), Some(4.0)]);
    assert_eq!(bd.scope_change, [0.0, -10.0, 10.0, 2.0, -12.0]);
    let (remaining, scope) = direct(env.p(), WorkUnit::Hours);
    assert_eq!((bd.remaining[4], bd.scope[4]), (Some(remaining), Some(scope)));
}

#[test]
fn story_points_and_task_counts() {
    let mut env = Env::new(6);
    let sp = |title: &str, points: Option<f64>| Task { story_points: points, ..est(title, 8.0) };
    let a = add_at(&mut env, "2025-06-02T01:00:00Z", None, sp("A", Some(3.0)));
    add_at(&mut env, "2025-06-02T01:01:00Z", None, sp("B", Some(5.0)));
    let c = add_at(&mut env, "2025-06-02T01:02:00Z", None, sp("C", None));
    add_at(&mut env, "2025-06-02T01:03:00Z", None, Task { milestone: true, ..sp("M", Some(2.0)) });
    set_at(
        &mut env,
        "2025-06-03T01:00:00Z",
        EntityRef::task(a),
        &[(TaskField::Status, json!("in_progress")), (TaskField::Percent, json!(50.0))],
    );
    set_at(&mut env, "2025-06-04T01:00:00Z", EntityRef::task(a), &[(TaskField::Status, json!("done"))]);
    set_at(&mut env, "2025-06-05T01:00:00Z", EntityRef::task(c), &[(TaskField::Status, json!("cancelled"))]);
    let p = env.p();
    // Points: A's 3 stay until it is done; the milestone's 2 never count.
    let pts = burndown(p, &cal(), june(2), june(5), june(5), WorkUnit::StoryPoints, None, 0);
    assert_series(&pts.remaining, &[Some(8.0), Some(8.0), Some(5.0), Some(5.0)]);
    assert_series(&pts.scope, &[Some(8.0), Some(8.0), Some(8.0), Some(8.0)]);
    // Tasks: open leaves (not the milestone); C's cancellation takes it out of the scope.
    let n = burndown(p, &cal(), june(2), june(5), june(5), WorkUnit::Tasks, None, 0);
    assert_series(&n.remaining, &[Some(3.0), Some(3.0), Some(2.0), Some(1.0)]);
    assert_series(&n.scope, &[Some(3.0), Some(3.0), Some(3.0), Some(2.0)]);
    // Hours: 24 h, A at 50 % → 20, A done → 16, C cancelled → 8.
    let h = burndown(p, &cal(), june(2), june(5), june(5), WorkUnit::Hours, None, 0);
    assert_series(&h.remaining, &[Some(24.0), Some(20.0), Some(16.0), Some(8.0)]);
    let up = burnup(p, &cal(), june(2), june(5), june(5), WorkUnit::StoryPoints, None, 0);
    assert_series(&up.done, &[Some(0.0), Some(0.0), Some(3.0), Some(3.0)]);
}

#[test]
fn a_scope_set_limits_the_burndown_to_a_milestone() {
    let mut env = Env::new(7);
    let pid = env.pid;
    let phase1 = add_at(&mut env, "2025-06-02T01:00:00Z", None, task("Phase 1"));
    let a1 = add_at(&mut env, "2025-06-02T01:01:00Z", Some(phase1), est("a1", 3.0));
    let a2 = add_at(&mut env, "2025-06-02T01:02:00Z", Some(phase1), est("a2", 5.0));
    let phase2 = add_at(&mut env, "2025-06-02T01:03:00Z", None, task("Phase 2"));
    let b1 = add_at(&mut env, "2025-06-02T01:04:00Z", Some(phase2), est("b1", 7.0));
    let b2 = add_at(&mut env, "2025-06-02T01:05:00Z", Some(phase2), est("b2", 11.0));
    let setup = add_at(&mut env, "2025-06-02T01:06:00Z", None, est("setup", 13.0));
    let other = add_at(&mut env, "2025-06-02T01:07:00Z", None, est("other", 17.0));
    let phase3 = add_at(&mut env, "2025-06-02T01:08:00Z", None, task("Phase 3"));
    let due = Task { milestone: true, due: Some(june(13)), ..task("M") };
    let m = add_at(&mut env, "2025-06-02T01:09:00Z", Some(phase3), due);
    let deps = |env: &mut Env, t: Id, on: &[Id]| {
        run_at(
            env,
            "2025-06-02T01:10:00Z",
            Command::Set {
                project: pid,
                entity: EntityRef::task(t),
                field: TaskField::DependsOn.into(),
                value: json!(on),
            },
        );
    };
    deps(&mut env, b1, &[a2]);
    deps(&mut env, m, &[b1]);
    deps(&mut env, phase3, &[setup]); // M inherits its phase's predecessor
    let scope = milestone_scope(env.p(), m);
    let want: HashSet<Id> = [m, b1, a2, setup].into_iter().collect();
    assert_eq!(scope, want);
    for not in [a1, b2, other, phase1, phase2, phase3] {
        assert!(!scope.contains(&not));
    }
    // Depending on a summary takes its whole subtree.
    deps(&mut env, m, &[phase1]);
    let scope = milestone_scope(env.p(), m);
    let want: HashSet<Id> = [m, phase1, a1, a2, setup].into_iter().collect();
    assert_eq!(scope, want);
    let bd = burndown(env.p(), &cal(), june(2), june(13), june(2), WorkUnit::Hours, Some(&scope), 0);
    assert_eq!(bd.scope[0], Some(3.0 + 5.0 + 13.0));
    assert_eq!(milestone_scope(env.p(), Id::nil()), HashSet::new());
    // The milestone's range ends on its due date.
    set_at(
        &mut env,
        "2025-06-02T01:11:00Z",
        EntityRef::project(pid),
        &[(ProjectField::Start, json!(june(2))), (ProjectField::TargetEnd, json!(june(30)))],
    );
    assert_eq!(milestone_range(env.p(), &cal(), m), Some((june(2), june(13))));
    assert_eq!(milestone_range(env.p(), &cal(), a1), None, "no due date");
}

#[test]
fn default_range_comes_from_the_project_or_its_tasks() {
    let mut env = Env::new(8);
    assert_eq!(default_range(env.p(), &cal()), None, "an empty project has no range");
    // Task dates: Sat 06-07 → Mon 06-09 (first working day); Sun 06-22 → Fri 06-20.
    add_at(&mut env, "2025-06-02T01:00:00Z", None, Task { start: Some(june(7)), due: Some(june(12)), ..task("a") });
    add_at(&mut env, "2025-06-02T01:01:00Z", None, Task { due: Some(june(22)), ..task("b") });
    assert_eq!(default_range(env.p(), &cal()), Some((june(9), june(20))));
    let pid = env.pid;
    set_at(
        &mut env,
        "2025-06-02T01:02:00Z",
        EntityRef::project(pid),
        &[(ProjectField::Start, json!(june(2))), (ProjectField::TargetEnd, json!(june(30)))],
    );
    assert_eq!(default_range(env.p(), &cal()), Some((june(2), june(30))));
}

// ------------------------------------------------------------------ earned value

/// The textbook example: BAC 10 000, PV 5 000, EV 4 000, AC 4 500.
///
/// SV = 4 000 − 5 000 = −1 000; CV = 4 000 − 4 500 = −500;
/// SPI = 4 000 / 5 000 = 0.80; CPI = 4 000 / 4 500 = 0.889;
/// EAC (typical) = 10 000 / 0.889 = 11 250; EAC (atypical) = 4 500 + (10 000 − 4 000) = 10 500;
/// ETC = 11 250 − 4 500 = 6 750; VAC = 10 000 − 11 250 = −1 250;
/// TCPI = (10 000 − 4 000) / (10 000 − 4 500) = 6 000 / 5 500 = 1.091.
#[test]
fn indices_textbook_example() {
    let i = indices(10_000.0, 5_000.0, 4_000.0, 4_500.0);
    assert_eq!((i.bac, i.pv, i.ev, i.ac), (10_000.0, 5_000.0, 4_000.0, 4_500.0));
    assert_close(i.sv, -1_000.0);
    assert_close(i.cv, -500.0);
    assert_close(i.spi.unwrap(), 0.80);
    assert_close(i.cpi.unwrap(), 4_000.0 / 4_500.0);
    assert!((i.cpi.unwrap() - 0.889).abs() < 5e-4);
    assert_close(i.eac_typical.unwrap(), 11_250.0);
    assert_close(i.eac_atypical, 10_500.0);
    assert_close(i.etc, 6_750.0);
    assert_close(i.vac, -1_250.0);
    assert!((i.tcpi.unwrap() - 1.091).abs() < 5e-4);
}

#[test]
fn indices_never_divide_by_zero() {
    // Nothing planned, spent or earned yet.
    let i = indices(100.0, 0.0, 0.0, 0.0);
    assert_eq!((i.spi, i.cpi, i.eac_typical), (None, None, None));
    // EAC falls back to the atypical one: 0 + (100 − 0) = 100.
    assert_eq!((i.eac_atypical, i.etc, i.vac), (100.0, 100.0, 0.0));
    assert_eq!(i.tcpi, Some(1.0));
    // Spent without earning: CPI 0, so no typical EAC (BAC / 0).
    let i = indices(100.0, 50.0, 0.0, 40.0);
    assert_eq!((i.spi, i.cpi, i.eac_typical), (Some(0.0), Some(0.0), None));
    assert_eq!(i.eac_atypical, 140.0);
    // BAC = AC: no TCPI.
    assert_eq!(indices(100.0, 100.0, 80.0, 100.0).tcpi, None);
    // Nonsense in, no NaN out.
    let i = indices(f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::NAN);
    let all = [i.bac, i.pv, i.ev, i.ac, i.sv, i.cv, i.eac_atypical, i.etc, i.vac];
    assert!(all.iter().all(|x| x.is_finite()), "{i:?}");
    assert!([i.spi, i.cpi, i.eac_typical, i.tcpi].iter().flatten().all(|x| x.is_finite()));
}

#[test]
fn credit_by_method() {
    let facts =
        |status: TaskStatus, percent: f64| TaskFacts { status, percent, estimate_hours: 10.0, ..TaskFacts::default() };
    use EvMethod::*;
    use TaskStatus::*;
    let table = [
        // status, percent → percent complete, 0/100, 50/50
        (NotStarted, 0.0, [0.0, 0.0, 0.0]),
        (NotStarted, 10.0, [0.1, 0.0, 0.5]),
        (InProgress, 0.0, [0.0, 0.0, 0.5]),
        (InProgress, 40.0, [0.4, 0.0, 0.5]),
        (Blocked, 0.0, [0.0, 0.0, 0.5]),
        (Done, 60.0, [1.0, 1.0, 1.0]),
        (Cancelled, 80.0, [0.0, 0.0, 0.0]),
    ];
    for (status, percent, want) in table {
        let t = facts(status, percent);
        let got = [credit(PercentComplete, &t), credit(ZeroHundred, &t), credit(FiftyFifty, &t)];
        assert_eq!(got, want, "{status:?} {percent}");
    }
}

/// Hours (no rate anywhere). Leaves and their plans (working days of June 2025):
///
/// | task | est | plan             | per day                       |
/// |------|-----|------------------|-------------------------------|
/// | t1   | 10  | 06-02..06-06     | 10 / 5 = 2                    |
/// | t2   | 20  | 06-02..06-03     | 20 / 2 = 10                   |
/// | t3   | 30  | 06-09..06-13     | 30 / 5 = 6                    |
/// | t4   |  8  | due 06-04 only   | all 8 on 06-04                |
/// | t5   |  5  | cancelled        | not in BAC                    |
/// | t6   |  7  | no dates         | in BAC, never in PV           |
/// | M    |  3  | milestone        | nothing                       |
///
/// BAC = 10 + 20 + 30 + 8 + 7 = 75.
/// PV: 06-02 2+10 = 12; 06-03 24; 06-04 24+2+8 = 34; 06-05 36; 06-06 38; then +6 a day: 44, 50,
/// 56, 62, 68 (= BAC − t6's 7).
///
/// History: 06-02 t5 in progress with 2 h spent; 06-03 t1 in progress 40 % (5 h spent), t2 done
/// (22 h spent); 06-04 t4 blocked at 0 % (1 h spent), t5 cancelled; 06-05 t1 done (after the
/// status date 06-04: not read).
///
/// EV percent complete: 06-02 0; 06-03 t1 4 + t2 20 = 24; 06-04 24.
/// EV 50/50: 06-02 t5 2.5; 06-03 t1 5 + t2 20 + t5 2.5 = 27.5; 06-04 5 + 20 + t4 4 + t5 0 = 29.
/// EV 0/100: 0, 20, 20.
/// AC: 2; 2 + 5 + 22 = 29; 29 + 1 = 30 (t5's 2 h stay spent after the cancellation).
/// Indices (percent complete) at 06-04: PV 34, EV 24, AC 30 → SPI 24/34 = 0.706, CPI 0.8,
/// EAC 75 / 0.8 = 93.75, TCPI (75 − 24) / (75 − 30) = 1.133.
#[test]
fn earned_value_by_hand() {
    let mut env = Env::new(9);
    let at = "2025-06-02T01:00:00Z";
    let plan = |title: &str, hours: f64, start: Option<u32>, due: Option<u32>| Task {
        start: start.map(june),
        due: due.map(june),
        ..est(title, hours)
    };
    let t1 = add_at(&mut env, at, None, plan("t1", 10.0, Some(2), Some(6)));
    let t2 = add_at(&mut env, at, None, plan("t2", 20.0, Some(2), Some(3)));
    add_at(&mut env, at, None, plan("t3", 30.0, Some(9), Some(13)));
    let t4 = add_at(&mut env, at, None, plan("t4", 8.0, None, Some(4)));
    let t5 = add_at(
        &mut env,
        at,
        None,
        Task { status: TaskStatus::InProgress, actual_hours: 2.0, ..plan("t5", 5.0, Some(2), Some(4)) },
    );
    add_at(&mut env, at, None, plan("t6", 7.0, None, None));
    add_at(&mut env, at, None, Task { milestone: true, ..plan("M", 3.0, None, Some(6)) });
    set_at(
        &mut env,
        "2025-06-03T09:00:00Z",
        EntityRef::task(t1),
        &[
            (TaskField::Status, json!("in_progress")),
            (TaskField::Percent, json!(40.0)),
            (TaskField::ActualHours, json!(5.0)),
        ],
    );
    set_at(
        &mut env,
        "2025-06-03T09:05:00Z",
        EntityRef::task(t2),
        &[
            (TaskField::Status, json!("done")),
            (TaskField::Percent, json!(100.0)),
            (TaskField::ActualHours, json!(22.0)),
        ],
    );
    set_at(
        &mut env,
        "2025-06-04T09:00:00Z",
        EntityRef::task(t4),
        &[(TaskField::Status, json!("blocked")), (TaskField::ActualHours, json!(1.0))],
    );
    set_at(&mut env, "2025-06-04T09:05:00Z", EntityRef::task(t5), &[(TaskField::Status, json!("cancelled"))]);
    set_at(&mut env, "2025-06-05T09:00:00Z", EntityRef::task(t1), &[(TaskField::Status, json!("done"))]);
    // Re-planning after the status date does not change the plan as of 06-04.
    let t3 = *env.p().tasks.iter().find(|(_, t)| t.title == "t3").unwrap().0;
    set_at(
        &mut env,
        "2025-06-05T09:01:00Z",
        EntityRef::task(t3),
        &[(TaskField::Due, json!(june(20))), (TaskField::EstimateHours, json!(60.0))],
    );
    let p = env.p();

    let pc = ev_series(p, &cal(), june(2), june(13), june(4), EvMethod::PercentComplete, 0);
    assert_eq!(pc.unit, CostUnit::Hours);
    assert_eq!(pc.days.len(), 10);
    let want_pv = [12.0, 24.0, 34.0, 36.0, 38.0, 44.0, 50.0, 56.0, 62.0, 68.0];
    for (got, want) in pc.pv.iter().zip(want_pv) {
        assert_close(*got, want);
    }
    let tail = [None; 7];
    assert_series(&pc.ev, &[[Some(0.0), Some(24.0), Some(24.0)].as_slice(), &tail].concat());
    assert_series(&pc.ac, &[[Some(2.0), Some(29.0), Some(30.0)].as_slice(), &tail].concat());
    let i = &pc.indices;
    assert_close(i.bac, 75.0);
    assert_close(i.pv, 34.0);
    assert_close(i.ev, 24.0);
    assert_close(i.ac, 30.0);
    assert_close(i.spi.unwrap(), 24.0 / 34.0);
    assert_close(i.cpi.unwrap(), 0.8);
    assert_close(i.eac_typical.unwrap(), 93.75);
    assert_close(i.eac_atypical, 81.0);
    assert_close(i.tcpi.unwrap(), 51.0 / 45.0);

    let ff = ev_series(p, &cal(), june(2), june(13), june(4), EvMethod::FiftyFifty, 0);
    assert_series(&ff.ev, &[[Some(2.5), Some(27.5), Some(29.0)].as_slice(), &tail].concat());
    let zh = ev_series(p, &cal(), june(2), june(13), june(4), EvMethod::ZeroHundred, 0);
    assert_series(&zh.ev, &[[Some(0.0), Some(20.0), Some(20.0)].as_slice(), &tail].concat());
    assert_eq!(zh.pv, pc.pv, "PV does not depend on the method");

    // A range that starts in the middle of the plan carries what was planned before it.
    let mid = ev_series(p, &cal(), june(5), june(10), june(4), EvMethod::PercentComplete, 0);
    for (got, want) in mid.pv.iter().zip([36.0, 38.0, 44.0, 50.0]) {
        assert_close(*got, want);
    }
    assert!(mid.ev.iter().all(Option::is_none), "the range starts after the status date");
    assert_close(mid.indices.ev, 24.0);
}

/// Rates are those of the status date: later changes of a member's or the default rate are not read.
#[test]
fn rates_as_of_a_date() {
    let mut env = Env::new(14);
    let pid = env.pid;
    let before = Rates::as_of(env.p(), june(1), 0);
    assert_eq!((before.unit.clone(), before.default), (CostUnit::Hours, 1.0), "no rate at all: hours");
    set_at(
        &mut env,
        "2025-06-02T01:00:00Z",
        EntityRef::project(pid),
        &[(ProjectField::DefaultRate, json!(3000.0)), (ProjectField::Currency, json!("USD"))],
    );
    let sato = env.id();
    run_at(
        &mut env,
        "2025-06-02T01:01:00Z",
        Command::AddMember { project: pid, id: sato, member: Member { rate: Some(5000.0), ..member("Sato") } },
    );
    set_at(&mut env, "2025-06-03T01:00:00Z", EntityRef::member(sato), &[(MemberField::Rate, json!(7000.0))]);
    set_at(&mut env, "2025-06-04T01:00:00Z", EntityRef::project(pid), &[(ProjectField::DefaultRate, json!(0.0))]);
    run_at(&mut env, "2025-06-05T01:00:00Z", Command::Delete { project: pid, entity: EntityRef::member(sato) });
    let on = |d: u32| Rates::as_of(env.p(), june(d), 0);
    assert_eq!(on(1), before);
    assert_eq!((on(2).unit, on(2).default, on(2).rate(Some(sato))), (CostUnit::Money("USD".into()), 3000.0, 5000.0));
    assert_eq!((on(3).rate(Some(sato)), on(3).rate(None)), (7000.0, 3000.0));
    assert_eq!((on(4).unit, on(4).rate(Some(sato)), on(4).rate(None)), (CostUnit::Money("USD".into()), 7000.0, 0.0));
    assert_eq!(on(5).unit, CostUnit::Hours, "the last rate is gone");
    for d in 1..=6 {
        assert_eq!(on(d), Rates::of_project(&state_as_of(env.p(), june(d), 0)), "06-{d:02}");
    }
}

/// Rates: member Sato 5 000 / h, member Ito without a rate, default 3 000 / h.
/// t1 (Sato) 10 h, 40 % done, 6 h spent; t2 (Ito) 20 h, 2 h spent; t3 unassigned 5 h.
/// BAC = 10 × 5 000 + 20 × 3 000 + 5 × 3 000 = 125 000.
/// EV = 10 × 5 000 × 0.4 = 20 000; AC = 6 × 5 000 + 2 × 3 000 = 36 000.
#[test]
fn earned_value_in_money() {
    let mut env = Env::new(10);
    let pid = env.pid;
    set_at(&mut env, "2025-06-01T01:00:00Z", EntityRef::project(pid), &[(ProjectField::DefaultRate, json!(3000.0))]);
    let sato = env.id();
    run_at(
        &mut env,
        "2025-06-01T01:01:00Z",
        Command::AddMember { project: pid, id: sato, member: Member { rate: Some(5000.0), ..member("Sato") } },
    );
    let ito = env.id();
    run_at(&mut env, "2025-06-01T01:02:00Z", Command::AddMember { project: pid, id: ito, member: member("Ito") });
    let at = "2025-06-02T01:00:00Z";
    let t1 = add_at(&mut env, at, None, Task { assignee: Some(sato), ..est("t1", 10.0) });
    let t2 = add_at(&mut env, at, None, Task { assignee: Some(ito), ..est("t2", 20.0) });
    add_at(&mut env, at, None, est("t3", 5.0));
    set_at(
        &mut env,
        "2025-06-03T01:00:00Z",
        EntityRef::task(t1),
        &[(TaskField::Percent, json!(40.0)), (TaskField::ActualHours, json!(6.0))],
    );
    set_at(&mut env, "2025-06-03T01:01:00Z", EntityRef::task(t2), &[(TaskField::ActualHours, json!(2.0))]);
    let ev = ev_series(env.p(), &cal(), june(2), june(6), june(3), EvMethod::PercentComplete, 0);
    assert_eq!(ev.unit, CostUnit::Money("JPY".into()));
    assert_close(ev.indices.bac, 125_000.0);
    assert_close(ev.indices.ev, 20_000.0);
    assert_close(ev.indices.ac, 36_000.0);
    assert!(ev.pv.iter().all(|v| *v == 0.0), "no task has dates");
    assert_eq!(ev.indices.spi, None);
}

// ------------------------------------------------------------------ risks

fn risk_at(env: &mut Env, when: &str, r: Risk) -> Id {
    let id = env.id();
    let project = env.pid;
    run_at(env, when, Command::AddRisk { project, id, risk: r });
    id
}

fn threat(title: &str, p: u8, i: u8) -> Risk {
    Risk { probability: p, impact: i, ..risk(title) }
}

#[test]
fn risk_matrix_places_active_risks_and_draws_arrows() {
    let mut env = Env::new(11);
    let at = "2025-06-02T01:00:00Z";
    let r1 =
        risk_at(&mut env, at, Risk { residual_probability: Some(2), residual_impact: Some(3), ..threat("r1", 4, 5) });
    let r2 = risk_at(&mut env, at, Risk { status: RiskStatus::Monitoring, ..threat("r2", 3, 3) });
    let r3 = risk_at(
        &mut env,
        at,
        Risk {
            kind: RiskKind::Opportunity,
            strategy: mieruka_core::RiskStrategy::Enhance,
            residual_probability: Some(3),
            ..threat("r3", 2, 4)
        },
    );
    risk_at(&mut env, at, Risk { status: RiskStatus::Closed, ..threat("closed", 5, 5) });
    risk_at(&mut env, at, Risk { status: RiskStatus::Occurred, ..threat("occurred", 5, 5) });
    let r6 =
        risk_at(&mut env, at, Risk { residual_probability: Some(2), residual_impact: Some(2), ..threat("r6", 2, 2) });
    let p = env.p();

    let all = matrix(p, None, false);
    assert_eq!(all.cells[3][4], vec![r1]);
    assert_eq!(all.cells[2][2], vec![r2]);
    assert_eq!(all.cells[1][3], vec![r3]);
    assert_eq!(all.cells[1][1], vec![r6]);
    assert_eq!(all.cells.iter().flatten().map(Vec::len).sum::<usize>(), 4, "closed and occurred risks are left out");
    // r3 has only a residual probability: its impact stays 4. r6's residual equals its inherent.
    assert_eq!(all.arrows, vec![((4, 5), (2, 3)), ((2, 4), (3, 4))]);

    let threats = matrix(p, Some(RiskKind::Threat), true);
    assert_eq!(threats.cells[1][2], vec![r1], "r1 at its residual 2 × 3");
    assert_eq!(threats.cells[2][2], vec![r2], "r2 not assessed: inherent");
    assert_eq!(threats.count(2, 2), 1);
    assert_eq!(threats.arrows, vec![((4, 5), (2, 3))]);
    assert_eq!((threats.kind, threats.residual), (Some(RiskKind::Threat), true));
    assert_eq!(RiskMatrix::level(4, 5), mieruka_core::RiskLevel::Critical);
    assert_eq!(matrix(p, Some(RiskKind::Opportunity), false).cells[1][3], vec![r3]);
}

/// Open threats day by day (calendar days; the weekend counts):
///
/// | day   | event                                   | exposure    | low med high crit |
/// |-------|-----------------------------------------|-------------|-------------------|
/// | 06-01 | —                                       | 0           | 0 0 0 0           |
/// | 06-02 | r1 3 × 4 = 12 (high); an opportunity    | 12          | 0 0 1 0           |
/// | 06-03 | r2 1 × 2 = 2 (low)                      | 14          | 1 0 1 0           |
/// | 06-04 | r1 probability 5: 5 × 4 = 20 (critical) | 22          | 1 0 0 1           |
/// | 06-05 | r1 closed                               | 2           | 1 0 0 0           |
/// | 06-06 | r2 monitoring (still counted)           | 2           | 1 0 0 0           |
/// | 06-07 | r2 deleted (a Saturday)                 | 0           | 0 0 0 0           |
/// | 06-08 | —                                       | 0           | 0 0 0 0           |
#[test]
fn risk_trend_by_hand() {
    let mut env = Env::new(12);
    let r1 = risk_at(&mut env, "2025-06-02T01:00:00Z", threat("r1", 3, 4));
    risk_at(
        &mut env,
        "2025-06-02T01:01:00Z",
        Risk { kind: RiskKind::Opportunity, strategy: mieruka_core::RiskStrategy::Exploit, ..threat("o", 5, 5) },
    );
    let r2 = risk_at(&mut env, "2025-06-03T01:00:00Z", threat("r2", 1, 2));
    set_at(&mut env, "2025-06-04T01:00:00Z", EntityRef::risk(r1), &[(RiskField::Probability, json!(5))]);
    set_at(&mut env, "2025-06-05T01:00:00Z", EntityRef::risk(r1), &[(RiskField::Status, json!("closed"))]);
    set_at(&mut env, "2025-06-06T01:00:00Z", EntityRef::risk(r2), &[(RiskField::Status, json!("monitoring"))]);
    let pid = env.pid;
    run_at(&mut env, "2025-06-07T01:00:00Z", Command::Delete { project: pid, entity: EntityRef::risk(r2) });
    let t = risk_trend(env.p(), june(1), june(10), june(8), 0);
    assert_eq!(t.days, (1..=8).map(june).collect::<Vec<_>>(), "no risk data after the status date");
    assert_eq!(t.exposure, [0.0, 12.0, 14.0, 22.0, 2.0, 2.0, 0.0, 0.0]);
    assert_eq!(
        t.by_level,
        [[0, 0, 0, 0], [0, 0, 1, 0], [1, 0, 1, 0], [1, 0, 0, 1], [1, 0, 0, 0], [1, 0, 0, 0], [0; 4], [0; 4]]
    );
    // At +9 h a change at 01:00 UTC is still the same day; at −9 h it is the day before.
    let west = risk_trend(env.p(), june(1), june(10), june(8), -540);
    assert_eq!(west.exposure[..3], [12.0, 14.0, 22.0]);
    assert!(risk_trend(env.p(), june(10), june(1), june(8), 0).days.is_empty());
}

// ------------------------------------------------------------------ nonsense in, sense out

fn all_finite(v: impl IntoIterator<Item = f64>) -> bool {
    v.into_iter().all(f64::is_finite)
}

#[test]
fn nonsense_ranges_and_dates_are_harmless() {
    let empty = Env::new(13);
    let p = empty.p();
    for unit in [WorkUnit::Hours, WorkUnit::StoryPoints, WorkUnit::Tasks] {
        let bd = burndown(p, &cal(), june(2), june(13), june(6), unit, None, 0);
        assert!(bd.remaining[..5].iter().all(|v| *v == Some(0.0)));
        assert!(bd.ideal.iter().all(|v| *v == 0.0));
        let bu = burnup(p, &cal(), june(2), june(13), june(6), unit, None, 0);
        assert_eq!((bu.rate_per_day, bu.forecast_finish), (0.0, None));
        // from > to
        let back = burndown(p, &cal(), june(13), june(2), june(6), unit, None, 0);
        assert!(
            back.days.is_empty() && back.remaining.is_empty() && back.ideal.is_empty() && back.scope_change.is_empty()
        );
    }
    let ev = ev_series(p, &cal(), june(13), june(2), june(6), EvMethod::PercentComplete, 0);
    assert!(ev.days.is_empty() && ev.pv.is_empty() && ev.ev.is_empty());
    assert_eq!(ev.indices, indices(0.0, 0.0, 0.0, 0.0));
    assert!(risk_trend(p, june(2), june(13), june(6), 0).exposure.iter().all(|x| *x == 0.0));

    let s = story();
    let p = s.env.p();
    // Before the first change: every value is there, and zero.
    let early = burndown(p, &cal(), date(2024, 1, 8), date(2024, 1, 12), date(2024, 1, 12), WorkUnit::Hours, None, 0);
    assert!(early.remaining.iter().all(|v| *v == Some(0.0)));
    // A status date before the range: nothing known, the ideal starts from the scope then (0).
    let before = burndown(p, &cal(), june(2), june(13), date(2025, 5, 1), WorkUnit::Hours, None, 0);
    assert!(before.remaining.iter().all(Option::is_none) && before.ideal.iter().all(|v| *v == 0.0));
    // Years later: every day has a value, the latest state.
    let later = burndown(p, &cal(), june(2), june(13), date(2035, 1, 1), WorkUnit::Hours, None, 0);
    assert!(later.remaining.iter().all(Option::is_some));
    assert_eq!(later.remaining[9], Some(8.0));
    let ev = ev_series(p, &cal(), june(2), june(13), date(2035, 1, 1), EvMethod::FiftyFifty, 0);
    assert!(all_finite(ev.pv.iter().copied().chain(ev.ev.iter().flatten().copied())));
    // A one-day range, a range on a weekend, absurd years and offsets.
    let one = burndown(p, &cal(), june(6), june(6), june(6), WorkUnit::Hours, None, 0);
    assert_eq!((one.remaining.clone(), one.ideal.clone()), (vec![Some(13.0)], vec![0.0]));
    assert!(burndown(p, &cal(), june(7), june(8), june(8), WorkUnit::Hours, None, 0).days.is_empty());
    let far = burnup(p, &cal(), NaiveDate::MIN, NaiveDate::MIN, NaiveDate::MAX, WorkUnit::Hours, None, i32::MIN);
    assert!(far.days.len() <= 1);
    let wide = ev_series(p, &cal(), date(1, 1, 1), date(1, 1, 10), NaiveDate::MAX, EvMethod::PercentComplete, i32::MAX);
    assert!(all_finite(wide.pv.iter().copied()));
    let _ = risk_trend(p, NaiveDate::MAX, NaiveDate::MAX, NaiveDate::MAX, 0);
    let _ = state_as_of(p, NaiveDate::MAX, i32::MAX);
    let _ = state_as_of(p, NaiveDate::MIN, i32::MIN);
}

// ------------------------------------------------------------------ the sample project

#[test]
fn the_sample_project_charts_agree_with_its_state() {
    let today = date(2026, 3, 4);
    for ja in [true, false] {
        let p = sample_project(ja, today, 7);
        let cal = WorkCalendar::for_project(&p.info);
        let (from, to) = default_range(&p, &cal).expect("the sample has dates");
        assert!(from < today && today < to);
        for unit in [WorkUnit::Hours, WorkUnit::StoryPoints, WorkUnit::Tasks] {
            let bd = burndown(&p, &cal, from, to, today, unit, None, 540);
            let (remaining, scope) = direct(&p, unit);
            assert_close(last_some(&bd.remaining).unwrap(), remaining);
            assert_close(last_some(&bd.scope).unwrap(), scope);
            assert!(bd.remaining.iter().flatten().all(|v| *v >= 0.0));
            let bu = burnup(&p, &cal, from, to, today, unit, None, 540);
            for (d, s) in bu.done.iter().zip(&bu.scope) {
                if let (Some(d), Some(s)) = (d, s) {
                    assert!(s >= d);
                }
            }
            if unit == WorkUnit::StoryPoints {
                // The sample has no story points: no scope, no forecast.
                assert_eq!((scope, bu.rate_per_day, bu.forecast_finish), (0.0, 0.0, None));
            } else {
                assert!(bu.rate_per_day > 0.0, "{unit:?}");
                assert!(bu.forecast_finish.is_some_and(|f| f >= today));
            }
        }
        let ev = ev_series(&p, &cal, from, to, today, EvMethod::PercentComplete, 540);
        assert_eq!(ev.unit, CostUnit::Money("JPY".into()));
        assert!(ev.indices.spi.is_some_and(|s| s > 0.3 && s < 1.5), "{:?}", ev.indices);
        assert!(ev.indices.cpi.is_some_and(|c| c > 0.3 && c < 1.5), "{:?}", ev.indices);
        assert!(ev.pv.windows(2).all(|w| w[0] <= w[1] + 1e-6), "PV is cumulative");
        let trend = risk_trend(&p, from, to, today, 540);
        let open = p.risks.values().filter(|r| r.kind == RiskKind::Threat && r.status.is_active()).count() as u32;
        assert_eq!(trend.by_level.last().map(|l| l.iter().sum::<u32>()), Some(open));
        let m = matrix(&p, Some(RiskKind::Threat), false);
        assert_eq!(m.cells.iter().flatten().map(Vec::len).sum::<usize>() as u32, open);
    }
}

// ------------------------------------------------------------------ properties

/// Every day of the week is worked, so that every local day with a change is on the axis.
fn every_day() -> WorkCalendar {
    WorkCalendar::weekdays(W::ALL)
}

/// A random history: random commands, hours to days apart.
fn history(seed: u64, ops: &[Op], gaps: &[u16]) -> Project {
    let mut env = Env::new(seed);
    let pools = Pools::new(env.pid, seed);
    for (k, op) in ops.iter().enumerate() {
        env.at += Duration::minutes(i64::from(gaps[k % gaps.len()]));
        let cmd = command(op, &pools, env.p());
        let _refused_commands_do_not_matter = env.run(cmd);
    }
    env.p().clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), .. ProptestConfig::default() })]

    #[test]
    fn series_agree_with_the_states_they_describe(
        seed in 0u64..1000,
        ops in ops(60),
        gaps in proptest::collection::vec(0u16..3000, 1..8),
        tz in prop_oneof![Just(0), Just(540), Just(-300), -900i32..900],
        unit_pick in 0usize..3,
        method_pick in 0usize..3,
    ) {
        let p = history(seed, &ops, &gaps);
        let unit = [WorkUnit::Hours, WorkUnit::StoryPoints, WorkUnit::Tasks][unit_pick];
        let method = [EvMethod::PercentComplete, EvMethod::ZeroHundred, EvMethod::FiftyFifty][method_pick];
        let cal = every_day();
        let first = local_date(p.changes[0].at, tz);
        let last = local_date(p.changes.last().unwrap().at, tz);
        let (from, to) = (first, last + Duration::days(3));

        let bd = burndown(&p, &cal, from, to, last, unit, None, tz);
        let n = bd.days.len();
        prop_assert_eq!(n as i64, (to - from).num_days() + 1);
        prop_assert_eq!((bd.remaining.len(), bd.scope.len(), bd.scope_change.len(), bd.ideal.len()), (n, n, n, n));
        prop_assert!(bd.remaining.iter().flatten().all(|v| v.is_finite() && *v >= 0.0));
        prop_assert!(all_finite(bd.ideal.iter().chain(&bd.scope_change).copied()));
        // The last value is the current state's, computed directly.
        let (remaining, scope) = direct(&p, unit);
        prop_assert!(close(last_some(&bd.remaining).unwrap(), remaining), "{:?} vs {}", bd.remaining, remaining);
        prop_assert!(close(last_some(&bd.scope).unwrap(), scope));
        prop_assert_eq!(bd.remaining[n - 3..].to_vec(), vec![None; 3]);
        // And every day is the state of that day, computed directly.
        for (i, d) in bd.days.iter().enumerate().filter(|(_, d)| **d <= last) {
            let (r, s) = direct(&state_as_of(&p, *d, tz), unit);
            prop_assert!(close(bd.remaining[i].unwrap(), r), "{} {:?} vs {}", d, bd.remaining[i], r);
            prop_assert!(close(bd.scope[i].unwrap(), s));
        }

        let bu = burnup(&p, &cal, from, to, last, unit, None, tz);
        prop_assert_eq!((bu.days.len(), bu.done.len(), bu.scope.len()), (n, n, n));
        for (d, s) in bu.done.iter().zip(&bu.scope) {
            if let (Some(d), Some(s)) = (d, s) {
                prop_assert!(*s >= *d - 1e-9);
            }
        }
        prop_assert!(bu.rate_per_day.is_finite());

        let ev = ev_series(&p, &cal, from, to, last, method, tz);
        prop_assert_eq!((ev.days.len(), ev.pv.len(), ev.ev.len(), ev.ac.len()), (n, n, n, n));
        let i = &ev.indices;
        if i.pv > 0.0 {
            prop_assert!(close(i.spi.unwrap(), i.ev / i.pv));
        } else {
            prop_assert_eq!(i.spi, None);
        }
        prop_assert!(all_finite(ev.pv.iter().copied().chain(ev.ev.iter().flatten().copied()).chain(ev.ac.iter().flatten().copied())));
        prop_assert!(ev.pv.iter().all(|v| *v >= 0.0 && *v <= i.bac + 1e-6));
        prop_assert!(close(last_some(&ev.ev).unwrap(), i.ev) && close(last_some(&ev.ac).unwrap(), i.ac));
        // The plan read in the walk is the plan of the state at the status date.
        let state = state_as_of(&p, last, tz);
        let rates = Rates::as_of(&p, last, tz);
        prop_assert_eq!(&rates, &Rates::of_project(&state));
        let (bac, pv, pv_status) = planned_value(&plan_of(&state, &rates), &cal, &ev.days, last);
        prop_assert!(close(bac, i.bac) && close(pv_status, i.pv));
        for (a, b) in pv.iter().zip(&ev.pv) {
            prop_assert!(close(*a, *b));
        }
        // And EV / AC at every day are those of the state of that day.
        let measure = mieruka_core::analytics::evm::EvMeasure { method, rates: &rates };
        for (k, d) in ev.days.iter().enumerate().filter(|(_, d)| **d <= last) {
            let s = state_as_of(&p, *d, tz);
            let parents: HashSet<Id> = s.tasks.values().filter_map(|t| t.parent).collect();
            let (mut e, mut a) = (0.0, 0.0);
            for (id, t) in s.tasks.iter().filter(|(id, _)| !parents.contains(id)) {
                let [te, ta] = mieruka_core::analytics::history::Measure::leaf(&measure, *id, &TaskFacts::of(t));
                e += te;
                a += ta;
            }
            prop_assert!(close(ev.ev[k].unwrap(), e) && close(ev.ac[k].unwrap(), a), "{} {:?} {}", d, ev.ev[k], e);
        }

        let trend = risk_trend(&p, from, to, last, tz);
        prop_assert_eq!((trend.exposure.len(), trend.by_level.len()), (trend.days.len(), trend.days.len()));
        let open: Vec<&Risk> = p.risks.values().filter(|r| r.kind == RiskKind::Threat && r.status.is_active()).collect();
        prop_assert_eq!(trend.exposure.last().copied(), Some(open.iter().map(|r| f64::from(r.score())).sum::<f64>()));
    }

    #[test]
    fn state_as_of_equals_the_replay_of_the_filtered_log(
        seed in 0u64..1000,
        ops in ops(40),
        gaps in proptest::collection::vec(0u16..3000, 1..8),
        tz in -900i32..900,
        back in 0i64..6,
    ) {
        let p = history(seed, &ops, &gaps);
        let d = local_date(p.changes.last().unwrap().at, tz) - Duration::days(back);
        let mut sorted = p.changes.clone();
        sorted.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        let kept: Vec<_> = sorted.into_iter().filter(|c| local_date(c.at, tz) <= d).collect();
        let want = replay(p.id, &kept);
        let got = state_as_of(&p, d, tz);
        prop_assert_eq!(entities(&got), entities(&want));
        prop_assert_eq!(got.changes, kept);
    }
}

/// After edits on the status date, refreshing only the status day of the burndown computed before
/// gives the same series as a full walk over the log (the charts redraw in O(tasks) per edit).
#[test]
fn refreshing_the_status_day_equals_a_full_recompute() {
    use mieruka_core::analytics::burndown::{burndown, default_range, refresh_status_day};
    use mieruka_core::analytics::WorkUnit;
    use mieruka_core::calendar::WorkCalendar;
    use mieruka_core::{apply, Command, EntityRef, TaskStatus};
    // A Wednesday, and a Saturday (shown on the Friday before).
    for today in
        [chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()]
    {
        let mut p = mieruka_core::sample::sample_project(false, today, 3);
        let cal = WorkCalendar::for_project(&p.info);
        let (from, to) = default_range(&p, &cal).unwrap();
        let leaves: Vec<_> = p
            .tasks
            .iter()
            .filter(|(id, t)| !t.milestone && !p.tasks.values().any(|c| c.parent == Some(**id)))
            .map(|(id, _)| *id)
            .take(3)
            .collect();
        let last = p.changes.iter().map(|c| c.at).max().unwrap();
        let at = |k: i64| {
            (today.and_hms_opt(10, 0, 0).unwrap().and_utc() - chrono::Duration::hours(9)).max(last)
                + chrono::Duration::minutes(k)
        };
        let mut ids = mieruka_core::id::SeqIds::new(77);
        for unit in [WorkUnit::Hours, WorkUnit::StoryPoints, WorkUnit::Tasks] {
            let mut before = burndown(&p, &cal, from, to, today, unit, None, 540);
            let edits = vec![
                Command::Set {
                    project: p.id,
                    entity: EntityRef::task(leaves[0]),
                    field: TaskField::Percent.into(),
                    value: serde_json::json!(90.0),
                },
                Command::Set {
                    project: p.id,
                    entity: EntityRef::task(leaves[1]),
                    field: TaskField::Status.into(),
                    value: serde_json::json!(TaskStatus::Done),
                },
                Command::Set {
                    project: p.id,
                    entity: EntityRef::task(leaves[2]),
                    field: TaskField::EstimateHours.into(),
                    value: serde_json::json!(123.0),
                },
            ];
            for (k, cmd) in edits.into_iter().enumerate() {
                let mut ws = mieruka_core::Workspace::default();
                ws.projects.insert(p.id, p.clone());
                let stamp = mieruka_core::Stamp::new(at(k as i64 + 10 * unit as i64), "editor", ids.next_id());
                apply(&mut ws, cmd, &stamp).unwrap();
                p = ws.projects.remove(&p.id).unwrap();
                let full = burndown(&p, &cal, from, to, today, unit, None, 540);
                let quick =
                    refresh_status_day(&before, &p, &cal, None, to).expect("the status date is not the first day");
                assert_eq!(full.days, quick.days);
                for (a, b) in full.remaining.iter().zip(&quick.remaining).chain(full.scope.iter().zip(&quick.scope)) {
                    assert!(
                        match (a, b) {
                            (Some(a), Some(b)) => (a - b).abs() < 1e-6,
                            (None, None) => true,
                            _ => false,
                        },
                        "{unit:?}: {a:?} vs {b:?}"
                    );
                }
                for (a, b) in
                    full.scope_change.iter().zip(&quick.scope_change).chain(full.ideal.iter().zip(&quick.ideal))
                {
                    assert!((a - b).abs() < 1e-6, "{unit:?}: {a} vs {b}");
                }
                before = quick;
            }
        }
    }
}
