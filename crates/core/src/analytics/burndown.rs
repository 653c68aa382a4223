//! Burndown and burnup: remaining work, scope and completed work per working day, read from the
//! change log (what the log said at the end of each day; later edits never rewrite earlier days).
//!
//! Units ([`WorkUnit`]), over the leaves of the WBS (summaries carry no work of their own;
//! milestones carry none at all; deleted tasks leave everything):
//! - hours: remaining = [`crate::model::Task::effective_remaining`] (0 when done or cancelled, else
//!   the explicit remaining, else estimate × (100 − percent) %); scope = Σ estimate of the
//!   non-cancelled leaves;
//! - story points: a leaf's points are remaining until it is done; scope = Σ points of the
//!   non-cancelled leaves;
//! - tasks: remaining = open (not done, not cancelled) leaves; scope = non-cancelled leaves.
//!
//! Done (burnup) = scope − remaining, so scope ≥ done always. In hours it can go below zero when
//! the remaining hours entered exceed the estimate.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::analytics::evm::{planned_value, PlannedTask};
use crate::analytics::history::{local_date, walk_to_status, DayTotals, Measure, TaskFacts};
use crate::analytics::series::{BurndownSeries, BurnupSeries, WorkUnit};
use crate::calendar::{WorkCalendar, MAX_SCAN_DAYS};
use crate::enums::TaskStatus;
use crate::id::Id;
use crate::model::Project;

/// Working days of history the burnup forecast rate is measured over by default.
pub const FORECAST_WINDOW: u32 = 10;

/// Remaining work and scope of one leaf, in a unit, optionally only for the tasks of a set.
#[derive(Debug, Clone, Copy)]
pub struct WorkMeasure<'a> {
    pub unit: WorkUnit,
    pub scope: Option<&'a HashSet<Id>>,
}

impl Measure<2> for WorkMeasure<'_> {
    /// `[remaining, scope]`
    fn leaf(&self, id: Id, t: &TaskFacts) -> [f64; 2] {
        if t.milestone || t.status == TaskStatus::Cancelled || self.scope.is_some_and(|s| !s.contains(&id)) {
            return [0.0, 0.0];
        }
        let done = t.status == TaskStatus::Done;
        match self.unit {
            WorkUnit::Hours => [t.effective_remaining(), clean(t.estimate_hours)],
            WorkUnit::StoryPoints => {
                let points = clean(t.story_points.unwrap_or(0.0));
                [if done { 0.0 } else { points }, points]
            }
            WorkUnit::Tasks => [if done { 0.0 } else { 1.0 }, 1.0],
        }
    }
}

fn clean(x: f64) -> f64 {
    crate::analytics::history::finite_non_negative(x)
}

/// `[remaining, scope]` per working day of `from..=to` (the days, the totals up to the status
/// date, never below zero) and at the status date and `extra` days; and the plan of work at the
/// status date (its leaves' dates and work in the unit).
#[allow(clippy::too_many_arguments)]
fn walk(
    p: &Project,
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
    status_date: NaiveDate,
    measure: WorkMeasure<'_>,
    tz_offset_min: i32,
    extra: &[NaiveDate],
) -> (Vec<NaiveDate>, DayTotals<2>, Vec<PlannedTask>) {
    let days = cal.working_days_in(from, to);
    let (mut t, state) = walk_to_status(p, measure, tz_offset_min, &days, status_date, extra);
    let plan = state.leaves().filter_map(|(id, f)| measure.planned(id, f)).collect();
    t.show_status_on_day_off(&days, status_date, to);
    let floor = |v: [f64; 2]| v.map(|x| x.max(0.0));
    t.days.iter_mut().for_each(|v| *v = v.map(floor));
    t.status = floor(t.status);
    t.extra.iter_mut().for_each(|v| *v = floor(*v));
    (days, t, plan)
}

impl WorkMeasure<'_> {
    /// A leaf as planned work: its dates and its work in the unit (its scope); `None` when it
    /// carries none (a milestone, a cancelled task, one outside the scope).
    fn planned(&self, id: Id, t: &TaskFacts) -> Option<PlannedTask> {
        let [_, work] = self.leaf(id, t);
        (work > 0.0).then_some(PlannedTask { start: t.start, due: t.due, budget: work })
    }
}

/// The ideal line of the plan at the status date when there is no baseline: the work its leaves
/// carry less what their own dates plan done by the end of each day. `None` when no leaf with
/// work has a date (then the line is straight from the first day's scope).
fn plan_ideal(
    plan: &[PlannedTask],
    cal: &WorkCalendar,
    days: &[NaiveDate],
    status_date: NaiveDate,
) -> Option<Vec<f64>> {
    if !plan.iter().any(|t| t.start.is_some() || t.due.is_some()) {
        return None;
    }
    let (total, planned, _) = planned_value(plan, cal, days, status_date);
    Some(planned.into_iter().map(|done| (total - done).max(0.0)).collect())
}

/// Remaining work per working day of `from..=to` against the ideal line.
///
/// - `remaining` / `scope`: at the end of each day as the log said then; `None` after
///   `status_date` (and changes after the status date are not read at all);
/// - `scope_change`: the scope added (+) or removed (−) since the previous working day of the
///   axis, 0 on the first day and after the status date;
/// - `ideal`: when the project has a chosen baseline (`info.baseline`) and the unit is hours or
///   tasks, the baseline's: its work less what its dates plan done by each day. Otherwise the
///   plan's at the status date in the same way (the leaves' dates and work), so a new project's
///   line starts at its planned work instead of lying flat at 0. Without any dated work: linear
///   in working days from the scope at the first day (the scope at the status date when the
///   range starts after it) to 0 at the last day; a one-day range is just `[0]`.
///
/// `scope`: only these tasks count (e.g. [`milestone_scope`]); `None` = the whole project.
/// An empty range (`from > to`, or no working day in it) gives empty vectors.
#[allow(clippy::too_many_arguments)]
pub fn burndown(
    p: &Project,
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
    status_date: NaiveDate,
    unit: WorkUnit,
    scope: Option<&HashSet<Id>>,
    tz_offset_min: i32,
) -> BurndownSeries {
    let measure_scope = scope;
    let (days, w, plan) = walk(p, cal, from, to, status_date, WorkMeasure { unit, scope }, tz_offset_min, &[]);
    let n = days.len();
    let remaining: Vec<Option<f64>> = w.days.iter().map(|v| v.map(|v| v[0])).collect();
    let scope: Vec<Option<f64>> = w.days.iter().map(|v| v.map(|v| v[1])).collect();
    let scope_change = (0..n)
        .map(|i| match (i.checked_sub(1).and_then(|j| scope[j]), scope[i]) {
            (Some(before), Some(now)) => now - before,
            _ => 0.0,
        })
        .collect();
    let start = scope.first().copied().flatten().unwrap_or(w.status[1]);
    let ideal = match crate::baseline_plan::chosen(p) {
        Some(b) if unit != WorkUnit::StoryPoints => baseline_ideal(b, cal, &days, status_date, unit, measure_scope),
        _ => plan_ideal(&plan, cal, &days, status_date).unwrap_or_else(|| ideal_line(start, n)),
    };
    BurndownSeries { unit, days, remaining, scope, scope_change, ideal, status_date }
}

/// The ideal line of a chosen baseline: its work (hours, or leaves for [`WorkUnit::Tasks`]) less
/// what its own dates plan done by the end of each day — the approved plan's remaining work, spread
/// over each task's working days like planned value.
fn baseline_ideal(
    b: &crate::baseline::Baseline,
    cal: &WorkCalendar,
    days: &[NaiveDate],
    status_date: NaiveDate,
    unit: WorkUnit,
    scope: Option<&HashSet<Id>>,
) -> Vec<f64> {
    let plan = b.work_plan(unit == WorkUnit::Tasks, scope);
    let (total, planned, _) = crate::analytics::evm::planned_value(&plan, cal, days, status_date);
    planned.into_iter().map(|done| (total - done).max(0.0)).collect()
}

/// From `start` on the first of `n` points to 0 on the last, linearly.
fn ideal_line(start: f64, n: usize) -> Vec<f64> {
    if n < 2 {
        return vec![0.0; n];
    }
    let last = (n - 1) as f64;
    (0..n).map(|i| start * (last - i as f64) / last).collect()
}

/// Completed work and scope per working day of `from..=to`, with a forecast finish from the rate
/// of the last [`FORECAST_WINDOW`] working days (see [`burnup_with_window`]).
#[allow(clippy::too_many_arguments)]
pub fn burnup(
    p: &Project,
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
    status_date: NaiveDate,
    unit: WorkUnit,
    scope: Option<&HashSet<Id>>,
    tz_offset_min: i32,
) -> BurnupSeries {
    burnup_with_window(p, cal, from, to, status_date, unit, scope, tz_offset_min, FORECAST_WINDOW)
}

/// [`burnup`] with the forecast rate measured over the last `window` working days:
///
/// - `done` = scope − remaining at the end of each day (`None` after the status date);
/// - `rate_per_day` = (done at the status date − done `window` working days before it) / the
///   working days in between. The window never reaches back before the project's first change
///   (a young project's rate is not diluted by days before it existed); 0 when there is no
///   working day in the window;
/// - `forecast_finish`: the working day when the remaining work at the status date reaches 0 at
///   that rate; the status date itself when the scope is all done; `None` when there is no scope,
///   the rate is ≤ 0, or the finish would lie more than [`MAX_SCAN_DAYS`] working days away.
#[allow(clippy::too_many_arguments)]
pub fn burnup_with_window(
    p: &Project,
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
    status_date: NaiveDate,
    unit: WorkUnit,
    scope: Option<&HashSet<Id>>,
    tz_offset_min: i32,
    window: u32,
) -> BurnupSeries {
    // The start of the window: `window` working days before the status date, not before the day
    // before the first change.
    let mut base = cal.add_working_days(status_date, -i64::from(window.max(1)));
    if let Some(first) = p.changes.iter().map(|c| c.at).min() {
        if let Some(before_first) = local_date(first, tz_offset_min).pred_opt() {
            base = base.max(before_first);
        }
    }
    let base = base.min(status_date);
    let (days, w, _) = walk(p, cal, from, to, status_date, WorkMeasure { unit, scope }, tz_offset_min, &[base]);
    let done_of = |v: [f64; 2]| v[1] - v[0];
    let done: Vec<Option<f64>> = w.days.iter().map(|v| v.map(done_of)).collect();
    let scope_v: Vec<Option<f64>> = w.days.iter().map(|v| v.map(|v| v[1])).collect();

    let span = base.succ_opt().map_or(0, |b| cal.working_days_between(b, status_date));
    let rate = if span > 0 { (done_of(w.status) - done_of(w.extra[0])) / span as f64 } else { 0.0 };
    let rate = if rate.is_finite() { rate } else { 0.0 };
    let [remaining, total] = w.status;
    let forecast_finish = if total <= 0.0 {
        None
    } else if remaining <= 0.0 {
        Some(status_date)
    } else if rate > 0.0 {
        let days = (remaining / rate).ceil();
        (days.is_finite() && days <= MAX_SCAN_DAYS as f64).then(|| cal.add_working_days(status_date, days as i64))
    } else {
        None
    };
    BurnupSeries { unit, days, done, scope: scope_v, rate_per_day: rate, forecast_finish, status_date }
}

/// The range a chart shows by default: the project's start and target end; where one is not set,
/// the earliest task start (or due) and the latest task due (or start). Each end is moved inward to
/// a working day when the range has one. `None` when there is no date at all (e.g. an empty
/// project). The two ends are returned in order.
pub fn default_range(p: &Project, cal: &WorkCalendar) -> Option<(NaiveDate, NaiveDate)> {
    let starts = p.tasks.values().filter_map(|t| t.start);
    let dues = p.tasks.values().filter_map(|t| t.due);
    let earliest = starts.clone().chain(dues.clone()).min();
    let latest = dues.chain(starts).max();
    let from = p.info.start.or(earliest);
    let to = p.info.target_end.or(latest);
    let (from, to) = match (from, to) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => return None,
    };
    let first = cal.next_working_day(from);
    let last = if cal.is_working_day(to) { to } else { cal.add_working_days(to, -1) };
    if first <= last && from <= first && last <= to {
        Some((first, last))
    } else {
        Some((from, to))
    }
}

/// The work that must be finished before `milestone`: the milestone and its subtree, and
/// transitively every finish-to-start predecessor with its subtree. A task inherits the
/// dependencies of its ancestors (a summary that waits for X makes all its children wait for X).
/// Empty when the task does not exist.
pub fn milestone_scope(p: &Project, milestone: Id) -> HashSet<Id> {
    let mut out = HashSet::new();
    if !p.tasks.contains_key(&milestone) {
        return out;
    }
    let mut children: HashMap<Id, Vec<Id>> = HashMap::new();
    for (id, t) in &p.tasks {
        if let Some(parent) = t.parent {
            children.entry(parent).or_default().push(*id);
        }
    }
    // `queue`: tasks in the scope whose predecessors have not been followed yet.
    let mut queue: Vec<Id> = Vec::new();
    let add_subtree = |root: Id, out: &mut HashSet<Id>, queue: &mut Vec<Id>| {
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            if p.tasks.contains_key(&n) && out.insert(n) {
                queue.push(n);
                stack.extend(children.get(&n).into_iter().flatten().copied());
            }
        }
    };
    add_subtree(milestone, &mut out, &mut queue);
    let mut followed: HashSet<Id> = HashSet::new(); // tasks whose own depends_on were followed
    while let Some(n) = queue.pop() {
        // The task and its ancestors (guarded against a parent cycle in a corrupt file).
        let mut cur = Some(n);
        let mut steps = 0;
        while let Some(c) = cur {
            if !followed.insert(c) || steps > p.tasks.len() {
                break;
            }
            steps += 1;
            let Some(t) = p.tasks.get(&c) else { break };
            for d in &t.depends_on {
                if !out.contains(d) {
                    add_subtree(*d, &mut out, &mut queue);
                }
            }
            cur = t.parent;
        }
    }
    out
}

/// The range of a milestone's burndown: from the project's default start (see [`default_range`])
/// to the milestone's due date. `None` when the milestone has no due date or there is no start.
pub fn milestone_range(p: &Project, cal: &WorkCalendar, milestone: Id) -> Option<(NaiveDate, NaiveDate)> {
    let due = p.tasks.get(&milestone)?.due?;
    let (from, _) = default_range(p, cal)?;
    Some((from.min(due), due))
}

/// `[remaining, scope]` of the project as it is now, summed over its current leaves: O(tasks), no
/// walk over the log. Equal (to rounding) to the burndown's value at any status date after the
/// last change; used to refresh the status day after an edit without re-reading the history.
pub fn current_totals(p: &Project, unit: WorkUnit, scope: Option<&HashSet<Id>>) -> [f64; 2] {
    let m = WorkMeasure { unit, scope };
    let mut total = [0.0; 2];
    for (id, t) in current_leaves(p) {
        let v = m.leaf(id, &t);
        total[0] += v[0];
        total[1] += v[1];
    }
    total.map(|x| x.max(0.0))
}

/// The leaves of the project as it is now.
fn current_leaves(p: &Project) -> impl Iterator<Item = (Id, TaskFacts)> + '_ {
    let parents: HashSet<Id> =
        p.tasks.values().filter_map(|t| t.parent).filter(|id| p.tasks.contains_key(id)).collect();
    p.tasks.iter().filter(move |(id, _)| !parents.contains(id)).map(|(id, t)| (*id, TaskFacts::of(t)))
}

/// The burndown after edits made on its status date, from the one computed before them: the
/// history up to the day before cannot have changed, so only the status day's remaining, scope
/// and scope change are recomputed from the current state (O(tasks) instead of O(changes)).
/// `None` when the status date is the first day of the range (the ideal line starts from it:
/// recompute everything). `to` is the end of the range the series was computed for: a status date
/// on a day off inside it is shown on the working day before (as [`burndown`] does); one outside
/// the axis changes nothing.
pub fn refresh_status_day(
    prev: &BurndownSeries,
    p: &Project,
    cal: &WorkCalendar,
    scope: Option<&HashSet<Id>>,
    to: NaiveDate,
) -> Option<BurndownSeries> {
    let Some(i) = crate::analytics::history::status_day(&prev.days, prev.status_date, to) else {
        return Some(prev.clone());
    };
    if i == 0 {
        return None;
    }
    let [remaining, total] = current_totals(p, prev.unit, scope);
    let mut next = prev.clone();
    next.remaining[i] = Some(remaining);
    next.scope[i] = Some(total);
    next.scope_change[i] = next.scope[i - 1].map(|before| total - before).unwrap_or(0.0);
    // The plan's ideal line follows edits of dates and estimates (a baseline's does not change).
    if crate::baseline_plan::chosen(p).is_none_or(|_| prev.unit == WorkUnit::StoryPoints) {
        let m = WorkMeasure { unit: prev.unit, scope };
        let plan: Vec<PlannedTask> = current_leaves(p).filter_map(|(id, t)| m.planned(id, &t)).collect();
        // Without dated work: straight from the first day's scope, as `burndown` draws it.
        let start = next.scope.first().copied().flatten().unwrap_or(total);
        next.ideal =
            plan_ideal(&plan, cal, &prev.days, prev.status_date).unwrap_or_else(|| ideal_line(start, prev.days.len()));
    }
    Some(next)
}
