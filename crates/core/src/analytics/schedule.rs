//! The schedule network: critical path (CPM), forecasts from the status date, and the Gantt chart's
//! data with its イナヅマ線 (progress line).
//!
//! # Conventions
//!
//! - **Working days.** Time is counted in working days of the project's [`WorkCalendar`]. A task
//!   planned `start..=due` lasts the working days in that range, at least 1; a milestone lasts 0.
//!   A task with only one of its dates lasts that one day; a task without dates, a cancelled task
//!   and a summary task take no time but pass their predecessors' finish on to their successors.
//! - **Ends of days.** A finish, a milestone and the status date (基準日) all mean the *end* of
//!   their day: progress reported on the status date is done, and the remaining work starts on
//!   the next working day. A date point of the progress line is likewise the end of its day.
//! - **Numbers.** Early/late start and finish are working-day numbers counted from the first
//!   working day of the earliest task (= 0), textbook style: `EF = ES + duration` (a finish is
//!   exclusive: a 3-day task at ES 0 has EF 3 and occupies working days 0, 1 and 2).
//! - **Dependencies** are finish-to-start. A summary task's predecessors apply to every task
//!   under it, and depending on a summary task means waiting for everything under it. A planned
//!   start is a "start no earlier than" constraint; a task is pushed later when its predecessors
//!   finish after its planned start. Cycles (which `apply` refuses, but which a summary that
//!   depends on its own child still forms) are broken by ignoring the closing dependencies; they
//!   are reported in [`Schedule::cycle_broken`] and never make the analysis hang.
//! - **Critical** tasks have zero (≤ 0) total float: delaying any of them delays the latest early
//!   finish of the network. The critical path is computed on the plan (planned dates), so a done
//!   task can be critical; the forecast says where the open work is heading.
//! - **Absurd dates.** The analysis indexes the calendar over the dates in use, limited to 40 years
//!   either side of the status date; a date further away is treated as the edge of that window.
//!
//! Everything is O(n log n) in the number of tasks plus the days of the indexed window.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, TimeDelta};

use crate::analytics::series::{GanttData, GanttRow};
use crate::calendar::{WorkCalendar, WorkingDayIndex, MAX_SCAN_DAYS};
use crate::enums::TaskStatus;
use crate::id::Id;
use crate::model::{Project, Task};
use crate::rollup::{rollups, wbs_rows, WbsRow};

/// How far from the status date dates are taken at face value (40 years).
const WINDOW_DAYS: i64 = 40 * 366;

// ---------------------------------------------------------------- dates and the working-day axis

/// `d` moved by `n` days, stopping at the ends of chrono's range.
pub(crate) fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    TimeDelta::try_days(n).and_then(|delta| d.checked_add_signed(delta)).unwrap_or(if n < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// The Monday of `d`'s ISO week.
pub(crate) fn monday_of(d: NaiveDate) -> NaiveDate {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

/// The working days of a window of dates, numbered from its first day: counts through
/// [`WorkingDayIndex`] and the date of a working-day number, both in O(1). A date outside the
/// window counts as the window's edge; working-day numbers beyond it are still answered (by the
/// calendar's own bounded search).
pub(crate) struct Axis<'c> {
    cal: &'c WorkCalendar,
    idx: WorkingDayIndex,
    lo: NaiveDate,
    hi: NaiveDate,
    /// The working days of `lo..=hi`, in order.
    days: Vec<NaiveDate>,
    /// Working days in `lo..=hi`.
    total: i64,
}

impl<'c> Axis<'c> {
    /// Indexes `lo..=hi` (at most [`MAX_SCAN_DAYS`] days; `hi < lo` is read as `lo..=lo`).
    pub(crate) fn new(cal: &'c WorkCalendar, lo: NaiveDate, hi: NaiveDate) -> Self {
        let hi = hi.max(lo).min(add_days(lo, MAX_SCAN_DAYS - 1));
        let idx = WorkingDayIndex::new(cal, lo, hi);
        let days: Vec<NaiveDate> = lo.iter_days().take_while(|d| *d <= hi).filter(|d| idx.is_working_day(*d)).collect();
        let total = days.len() as i64;
        Axis { cal, idx, lo, hi, days, total }
    }

    /// Indexes further so that working-day number `k` is inside the window (when the calendar
    /// allows; the window never grows past [`MAX_SCAN_DAYS`] days).
    fn cover(&mut self, k: i64) {
        if k < self.total || self.total == 0 {
            return;
        }
        // Generous: as if only one day a week were worked.
        let more = (k - self.total + 1).saturating_mul(7).saturating_add(31);
        *self = Axis::new(self.cal, self.lo, add_days(self.hi, more));
    }

    /// Working days in `lo..d` (`d` excluded): the number of the first working day on or after `d`.
    pub(crate) fn before(&self, d: NaiveDate) -> i64 {
        if d <= self.lo {
            0
        } else if d > self.hi {
            self.total
        } else {
            self.idx.count(self.lo, d.pred_opt().unwrap_or(d))
        }
    }

    /// Working days in `a..=b` (0 when `b < a`), both taken inside the window.
    pub(crate) fn count(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return 0;
        }
        let after_b = if b >= self.hi { self.total } else { self.before(b.succ_opt().unwrap_or(b)) };
        (after_b - self.before(a)).max(0)
    }

    /// The date of working day number `k` (0 = the first working day of the window).
    pub(crate) fn day(&self, k: i64) -> NaiveDate {
        if self.total == 0 {
            // A window without a single working day: name calendar days rather than search.
            return add_days(self.lo, k);
        }
        if k < 0 {
            return self.cal.add_working_days(self.lo, k);
        }
        match self.days.get(k as usize) {
            Some(d) => *d,
            None => self.cal.add_working_days(self.hi, k - self.total + 1),
        }
    }
}

/// A task's dates as a range: one missing date is the other; `None` without dates.
fn date_range(start: Option<NaiveDate>, due: Option<NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    match (start, due) {
        (Some(s), Some(d)) => Some((s.min(d), s.max(d))),
        (Some(x), None) | (None, Some(x)) => Some((x, x)),
        (None, None) => None,
    }
}

/// Percent as a usable number: 0–100, never NaN.
fn clean_percent(x: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// The window the analysis indexes: every task date and the status date, limited to
/// [`WINDOW_DAYS`] either side of the status date, plus a margin.
fn window(p: &Project, status_date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let (min_ok, max_ok) = (add_days(status_date, -WINDOW_DAYS), add_days(status_date, WINDOW_DAYS));
    let (mut lo, mut hi) = (status_date, status_date);
    for t in p.tasks.values() {
        for d in [t.start, t.due].into_iter().flatten() {
            let d = d.clamp(min_ok, max_ok);
            lo = lo.min(d);
            hi = hi.max(d);
        }
    }
    (add_days(lo, -14), add_days(hi, 366))
}

// ---------------------------------------------------------------- the network

/// A leaf task, or one of the two pass-through nodes of a summary task: its start (where its
/// predecessors apply to everything under it) and its finish (where everything under it is done).
#[derive(Debug, Clone)]
struct Node {
    task: Id,
    /// A leaf with dates that is not cancelled: it takes time and is reported.
    dated: bool,
    milestone: bool,
    /// Planned "start no earlier than" (working-day number); `None` for pass-through nodes.
    own: Option<i64>,
    dur: i64,
    /// Open (not done or cancelled) and dated: the forecast moves it.
    open: bool,
    /// Working days of work left (open nodes).
    remaining: i64,
}

/// Adjacency in compressed rows: the neighbours of node `v` are `list[start[v]..start[v + 1]]`.
struct Adjacency {
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Adjacency {
    fn new(n: usize, edges: &[(usize, usize)], forward: bool) -> Self {
        let key = |e: &(usize, usize)| if forward { (e.0, e.1) } else { (e.1, e.0) };
        let mut start = vec![0usize; n + 1];
        for e in edges {
            start[key(e).0 + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut list = vec![0usize; edges.len()];
        for e in edges {
            let (from, to) = key(e);
            list[fill[from]] = to;
            fill[from] += 1;
        }
        Adjacency { start, list }
    }

    fn of(&self, v: usize) -> &[usize] {
        &self.list[self.start[v]..self.start[v + 1]]
    }
}

struct Network {
    nodes: Vec<Node>,
    preds: Adjacency,
    succs: Adjacency,
    /// Topological order; an edge against it closes a cycle and is ignored.
    order: Vec<usize>,
    pos: Vec<usize>,
    cycle_broken: bool,
}

fn build(p: &Project, axis: &Axis) -> Network {
    let parents: HashSet<Id> =
        p.tasks.values().filter_map(|t| t.parent).filter(|pid| p.tasks.contains_key(pid)).collect();
    let has_children = |id: &Id| parents.contains(id);
    let mut nodes: Vec<Node> = Vec::with_capacity(p.tasks.len() + 16);
    // (entry node, exit node) of each task.
    let mut ends: HashMap<Id, (usize, usize)> = HashMap::with_capacity(p.tasks.len());
    for (id, t) in &p.tasks {
        if has_children(id) {
            let pass = Node { task: *id, dated: false, milestone: false, own: None, dur: 0, open: false, remaining: 0 };
            nodes.push(pass.clone());
            nodes.push(pass);
            ends.insert(*id, (nodes.len() - 2, nodes.len() - 1));
        } else {
            nodes.push(leaf_node(*id, t, axis));
            ends.insert(*id, (nodes.len() - 1, nodes.len() - 1));
        }
    }
    let mut edges: Vec<(usize, usize)> = Vec::with_capacity(p.tasks.len() * 2);
    for (id, t) in &p.tasks {
        let (entry, exit) = ends[id];
        if let Some(&(parent_start, parent_finish)) = t.parent.and_then(|pid| ends.get(&pid)) {
            edges.push((parent_start, entry));
            edges.push((exit, parent_finish));
        }
        for d in &t.depends_on {
            if let Some(&(_, pred_exit)) = ends.get(d).filter(|_| d != id) {
                edges.push((pred_exit, entry));
            }
        }
    }
    let n = nodes.len();
    let preds = Adjacency::new(n, &edges, false);
    let succs = Adjacency::new(n, &edges, true);
    let (order, cycle_broken) = topological_order(n, &preds, &succs);
    let mut pos = vec![0usize; n];
    for (i, v) in order.iter().enumerate() {
        pos[*v] = i;
    }
    Network { nodes, preds, succs, order, pos, cycle_broken }
}

fn leaf_node(id: Id, t: &Task, axis: &Axis) -> Node {
    let mut node =
        Node { task: id, dated: false, milestone: t.milestone, own: None, dur: 0, open: false, remaining: 0 };
    if t.status == TaskStatus::Cancelled {
        return node;
    }
    let Some((s, d)) = date_range(t.start, t.due) else { return node };
    node.dated = true;
    node.open = !t.status.is_closed();
    if t.milestone {
        // Reached at the end of its day: the boundary after the milestone's date.
        let m = t.due.unwrap_or(d);
        node.own = Some(axis.before(m.succ_opt().unwrap_or(m)));
    } else {
        node.own = Some(axis.before(s));
        node.dur = axis.count(s, d).max(1);
        let left = node.dur as f64 * (100.0 - clean_percent(t.effective_percent())) / 100.0;
        node.remaining = ((left - 1e-9).ceil() as i64).clamp(0, node.dur);
    }
    node
}

/// Kahn's algorithm; when only cycles remain, the lowest-numbered waiting node goes next as if
/// its remaining predecessors were not there. Returns the order and whether that happened.
fn topological_order(n: usize, preds: &Adjacency, succs: &Adjacency) -> (Vec<usize>, bool) {
    let mut waiting: Vec<usize> = (0..n).map(|v| preds.of(v).len()).collect();
    let mut done = vec![false; n];
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|v| waiting[*v] == 0).collect();
    let mut order = Vec::with_capacity(n);
    let mut broken = false;
    let mut next_forced = 0usize;
    while order.len() < n {
        let v = match queue.pop_front() {
            Some(v) => v,
            None => {
                while done[next_forced] {
                    next_forced += 1;
                }
                broken = true;
                next_forced
            }
        };
        if done[v] {
            continue;
        }
        done[v] = true;
        order.push(v);
        for &w in succs.of(v) {
            if !done[w] {
                waiting[w] = waiting[w].saturating_sub(1);
                if waiting[w] == 0 {
                    queue.push_back(w);
                }
            }
        }
    }
    (order, broken)
}

// ---------------------------------------------------------------- the schedule

/// A task's place in the network: planned (CPM) figures and the forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskSchedule {
    pub id: Id,
    pub milestone: bool,
    /// Working days `start..=due` (0 for a milestone, at least 1 otherwise).
    pub duration: i64,
    /// Early start, early finish, late start, late finish in working days from
    /// [`Schedule::origin`]; finishes are exclusive (`ef = es + duration`).
    pub es: i64,
    pub ef: i64,
    pub ls: i64,
    pub lf: i64,
    /// `ls − es`: working days the task can slip without delaying the finish of the network.
    pub total_float: i64,
    pub critical: bool,
    /// The first and last working day of the early schedule (a milestone: its day, twice).
    pub early_start: NaiveDate,
    pub early_finish: NaiveDate,
    pub late_start: NaiveDate,
    pub late_finish: NaiveDate,
    /// Where the open work is heading; `None` for a done task.
    pub forecast: Option<Forecast>,
}

/// The forecast of an open task from the status date: its remaining work
/// (`duration × (1 − percent / 100)`, whole working days, rounded up) starts at the latest of
/// the first working day after the status date, its planned start and its predecessors'
/// forecast finish. An open milestone is reached at the end of a working day after the status
/// date at the earliest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forecast {
    /// The first working day of the remaining work.
    pub start: NaiveDate,
    /// The last working day of the remaining work (the planned due when it does not move).
    pub finish: NaiveDate,
    /// Forecast finish − planned finish in working days: positive = late, negative = early.
    pub slip: i64,
}

/// The whole network at a status date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    pub status_date: NaiveDate,
    /// Working day 0 of the `es`/`ef`/`ls`/`lf` numbers; `None` when no task has dates.
    pub origin: Option<NaiveDate>,
    /// The planned end of the network (latest early finish).
    pub finish: Option<NaiveDate>,
    /// The latest forecast finish of the open tasks; `None` when nothing is open.
    pub forecast_finish: Option<NaiveDate>,
    /// Every dated leaf task that is not cancelled.
    pub tasks: HashMap<Id, TaskSchedule>,
    /// The critical tasks by early start (then early finish, then WBS order).
    pub critical_path: Vec<Id>,
    /// Some dependencies closed a cycle and were ignored.
    pub cycle_broken: bool,
}

impl Schedule {
    pub fn is_critical(&self, id: Id) -> bool {
        self.tasks.get(&id).is_some_and(|t| t.critical)
    }
}

/// Critical path and forecasts for every dated leaf task. See the module docs for conventions.
pub fn schedule(p: &Project, cal: &WorkCalendar, status_date: NaiveDate) -> Schedule {
    compute(p, cal, status_date, &wbs_rows(p)).0
}

/// The forecast finish of one task (a milestone's: the day it is forecast to be reached), or
/// `None` when the task is unknown, undated, cancelled or done. Computes the whole schedule:
/// call [`schedule`] once when asking about many tasks.
pub fn forecast_finish(p: &Project, cal: &WorkCalendar, status_date: NaiveDate, task: Id) -> Option<NaiveDate> {
    schedule(p, cal, status_date).tasks.get(&task)?.forecast.map(|f| f.finish)
}

/// The schedule and the axis it was computed on; `wbs` = [`wbs_rows`] of `p` (for the order of
/// the critical path).
fn compute<'c>(p: &Project, cal: &'c WorkCalendar, status_date: NaiveDate, wbs: &[WbsRow]) -> (Schedule, Axis<'c>) {
    let (lo, hi) = window(p, status_date);
    let mut axis = Axis::new(cal, lo, hi);
    let net = build(p, &axis);
    let n = net.nodes.len();
    let mut out = Schedule { status_date, cycle_broken: net.cycle_broken, ..Schedule::default() };

    // Forward pass (plan): ES = max(planned start, predecessors' EF).
    let (mut es, mut ef) = (vec![0i64; n], vec![0i64; n]);
    for &v in &net.order {
        let node = &net.nodes[v];
        let preds = net.preds.of(v).iter().filter(|u| net.pos[**u] < net.pos[v]).map(|u| ef[*u]).max();
        es[v] = match (node.own, preds) {
            (Some(a), Some(b)) => a.max(b),
            (a, b) => a.or(b).unwrap_or(0),
        };
        ef[v] = es[v] + node.dur;
    }
    let dated: Vec<usize> = (0..n).filter(|v| net.nodes[*v].dated).collect();
    let Some(finish) = dated.iter().map(|v| ef[*v]).max() else {
        return (out, axis);
    };
    let origin = dated.iter().map(|v| es[*v]).min().unwrap_or(0);

    // Backward pass: LF = min(successors' LS), the network's finish where nothing follows.
    let (mut ls, mut lf) = (vec![0i64; n], vec![0i64; n]);
    for &v in net.order.iter().rev() {
        lf[v] = net.succs.of(v).iter().filter(|w| net.pos[**w] > net.pos[v]).map(|w| ls[*w]).min().unwrap_or(finish);
        ls[v] = lf[v] - net.nodes[v].dur;
    }

    // Forecast: remaining work from the first working day after the status date.
    let after_status = axis.before(status_date.succ_opt().unwrap_or(status_date));
    let (mut fs, mut ff) = (vec![0i64; n], vec![0i64; n]);
    for &v in &net.order {
        let node = &net.nodes[v];
        let preds = net.preds.of(v).iter().filter(|u| net.pos[**u] < net.pos[v]).map(|u| ff[*u]).max();
        let ready = preds.unwrap_or(after_status).max(after_status);
        if node.open {
            let own = node.own.unwrap_or(0);
            if node.milestone {
                fs[v] = own.max(ready).max(after_status + 1);
                ff[v] = fs[v];
            } else {
                fs[v] = own.max(ready);
                ff[v] = fs[v] + node.remaining;
            }
        } else if node.dated {
            // Done: finished by the status date, holds nothing up.
            fs[v] = after_status;
            ff[v] = after_status;
        } else {
            fs[v] = ready;
            ff[v] = ready;
        }
    }

    // Make sure every number we name a date for is indexed.
    let furthest = dated.iter().map(|v| ff[*v].max(lf[*v]).max(ef[*v])).max().unwrap_or(0);
    axis.cover(furthest);

    // The last working day before boundary `b`, or `planned` when the boundary is the planned one.
    let last_day = |b: i64, planned_b: i64, planned: NaiveDate| if b == planned_b { planned } else { axis.day(b - 1) };
    let mut latest_forecast: Option<i64> = None;
    for &v in &dated {
        let node = &net.nodes[v];
        let Some(t) = p.tasks.get(&node.task) else { continue };
        let total_float = ls[v] - es[v];
        let (early_start, early_finish, late_start, late_finish) = if node.milestone {
            (axis.day(ef[v] - 1), axis.day(ef[v] - 1), axis.day(lf[v] - 1), axis.day(lf[v] - 1))
        } else {
            (axis.day(es[v]), axis.day(ef[v] - 1), axis.day(ls[v]), axis.day(lf[v] - 1))
        };
        let forecast = node.open.then(|| {
            let planned_b = node.own.unwrap_or(0) + node.dur;
            let planned_due =
                date_range(t.start, t.due).map(|(_, d)| if node.milestone { t.due.unwrap_or(d) } else { d });
            let finish = match planned_due {
                Some(due) => last_day(ff[v], planned_b, due),
                None => axis.day(ff[v] - 1),
            };
            latest_forecast = Some(latest_forecast.map_or(ff[v], |x| x.max(ff[v])));
            let start = if node.milestone { finish } else { axis.day(fs[v]) };
            Forecast { start, finish, slip: ff[v] - planned_b }
        });
        out.tasks.insert(
            node.task,
            TaskSchedule {
                id: node.task,
                milestone: node.milestone,
                duration: node.dur,
                es: es[v] - origin,
                ef: ef[v] - origin,
                ls: ls[v] - origin,
                lf: lf[v] - origin,
                total_float,
                critical: total_float <= 0,
                early_start,
                early_finish,
                late_start,
                late_finish,
                forecast,
            },
        );
    }
    let wbs_order: HashMap<Id, usize> = wbs.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut critical: Vec<(i64, i64, usize, Id)> = out
        .tasks
        .values()
        .filter(|t| t.critical)
        .map(|t| (t.es, t.ef, wbs_order.get(&t.id).copied().unwrap_or(usize::MAX), t.id))
        .collect();
    critical.sort_unstable();
    out.critical_path = critical.into_iter().map(|(.., id)| id).collect();
    out.origin = Some(axis.day(origin));
    out.finish = Some(axis.day(finish - 1));
    out.forecast_finish = latest_forecast.map(|b| axis.day(b - 1));
    (out, axis)
}

// ---------------------------------------------------------------- the Gantt chart

/// The Gantt chart: every task in WBS order (summaries with rolled-up dates and percent), the
/// dependencies between rows, the critical flags (a summary is critical when a task under it
/// is), the range to show, and the イナヅマ線.
///
/// # The イナヅマ線 (progress line)
///
/// The line runs down the chart at the status date and bends, on each row with dates, to the
/// point the row's work has actually reached: `start + percent × duration` working days (a
/// milestone counts as one day). Both that point and the status date mean the *end* of their
/// day. Rows that have not reached their start and are at 0 %, rows that are finished (100 %)
/// and cancelled rows stay on the status date, as does a row exactly on plan. A row behind plan
/// bends left (`late = true`); a row ahead bends right. The deviation is rounded to whole
/// working days, halves away from the plan.
///
/// Worked example (Monday–Friday calendar): a task planned Mon 2025-06-02 ..= Fri 06-06 lasts
/// 5 working days. At status date Wed 06-04, 3 of them are planned to be done (60 %).
///
/// | reported | work reached | point            | late  |
/// |----------|--------------|------------------|-------|
/// | 60 %     | 3 days       | Wed 06-04 (on S) | false |
/// | 40 %     | 2 days       | Tue 06-03        | true  |
/// | 80 %     | 4 days       | Thu 06-05        | false |
/// | 0 %      | 0 days       | Fri 05-30 (the working day before the start) | true |
/// | 100 %    | done         | Wed 06-04 (on S) | false |
///
/// The range runs from the Monday before the earliest date (start, due, progress point or the
/// status date) to the Sunday after the latest one, so that there is a little room either side
/// and the chart starts on a week boundary.
pub fn gantt(p: &Project, cal: &WorkCalendar, status_date: NaiveDate) -> GanttData {
    let wbs = wbs_rows(p);
    let (sched, axis) = compute(p, cal, status_date, &wbs);
    let roll = rollups(p);
    let spans = crate::baseline_plan::chosen(p).map(baseline_spans).unwrap_or_default();
    let mut rows: Vec<GanttRow> = Vec::with_capacity(wbs.len());
    let mut row_of: HashMap<Id, usize> = HashMap::with_capacity(wbs.len());
    for r in &wbs {
        let Some(t) = p.tasks.get(&r.id) else { continue };
        let ru = roll.get(&r.id).copied().unwrap_or_default();
        let (start, due, percent) =
            if r.has_children { (ru.start, ru.due, ru.percent) } else { (t.start, t.due, t.effective_percent()) };
        let percent = clean_percent(percent);
        let finished = percent >= 100.0 - 1e-9 || (!r.has_children && t.status == TaskStatus::Done);
        let idle = (!r.has_children && t.status == TaskStatus::Cancelled) || (r.has_children && ru.leaves == 0);
        let (progress_point, late) = match date_range(start, due) {
            Some(_) if finished || idle => (Some(status_date), false),
            Some((s, d)) => {
                let (point, late) = progress_point(&axis, s, d, t.milestone && !r.has_children, percent, status_date);
                (Some(point), late)
            }
            None => (None, false),
        };
        row_of.insert(r.id, rows.len());
        rows.push(GanttRow {
            id: r.id,
            wbs: r.number.clone(),
            title: t.title.clone(),
            depth: r.depth,
            summary: r.has_children,
            milestone: t.milestone,
            start,
            due,
            percent,
            critical: !r.has_children && sched.is_critical(r.id),
            progress_point,
            late,
            baseline: spans.get(&r.id).copied(),
        });
    }
    // A summary is critical when a task under it is (children come after their parent).
    for i in (0..rows.len()).rev() {
        if rows[i].critical {
            if let Some(&pi) = p.tasks.get(&rows[i].id).and_then(|t| t.parent).and_then(|pid| row_of.get(&pid)) {
                rows[pi].critical = true;
            }
        }
    }
    let mut links = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(t) = p.tasks.get(&row.id) {
            for d in &t.depends_on {
                if let Some(&j) = row_of.get(d).filter(|j| **j != i) {
                    links.push((j, i));
                }
            }
        }
    }
    let mut lo_hi: Option<(NaiveDate, NaiveDate)> = None;
    for row in &rows {
        for d in [row.start, row.due, row.progress_point].into_iter().flatten() {
            lo_hi = Some(lo_hi.map_or((d, d), |(a, b)| (a.min(d), b.max(d))));
        }
    }
    let range = lo_hi.map(|(a, b)| {
        let (a, b) = (a.min(status_date), b.max(status_date));
        (monday_of(add_days(a, -1)), add_days(monday_of(add_days(b, 1)), 6))
    });
    // Days off around the range (the app pads it a little; scrolling further shows weekends only).
    let off_days = range.map(|(a, b)| {
        add_days(a, -62)
            .iter_days()
            .take_while(|d| *d <= add_days(b, 93))
            .take(7_400)
            .filter(|d| !cal.is_working_day(*d))
            .collect()
    });
    GanttData { rows, links, status_date, range, off_days }
}

/// The progress line's point on a row planned `s..=d` and whether the row is late (see [`gantt`]).
fn progress_point(
    axis: &Axis,
    s: NaiveDate,
    d: NaiveDate,
    milestone: bool,
    percent: f64,
    status_date: NaiveDate,
) -> (NaiveDate, bool) {
    let (first, duration, planned) = if milestone {
        (axis.before(d), 1, i64::from(status_date >= d))
    } else {
        let duration = axis.count(s, d).max(1);
        (axis.before(s), duration, axis.count(s, status_date).clamp(0, duration))
    };
    let reached = percent / 100.0 * duration as f64;
    let deviation = ((reached - planned as f64) * 1e6).round() / 1e6;
    let shift = deviation.round() as i64;
    if shift == 0 {
        return (status_date, false);
    }
    // The end of the (planned + shift)-th working day of the row; 0 = the day before it starts.
    (axis.day(first + planned + shift - 1), shift < 0)
}

/// The span of every task of a baseline: its own dates (a start or due alone is a one-day span),
/// widened by those of the tasks under it in the baseline's WBS.
fn baseline_spans(b: &crate::baseline::Baseline) -> HashMap<Id, (NaiveDate, NaiveDate)> {
    let mut out: HashMap<Id, (NaiveDate, NaiveDate)> = HashMap::new();
    for (id, t) in &b.tasks {
        let (Some(s), Some(d)) = (t.start.or(t.due), t.due.or(t.start)) else { continue };
        let span = (s.min(d), s.max(d));
        // The task and its ancestors (guarded against a parent cycle).
        let mut cur = Some(*id);
        let mut steps = 0;
        while let Some(c) = cur {
            if steps > b.tasks.len() {
                break;
            }
            steps += 1;
            let e = out.entry(c).or_insert(span);
            *e = (e.0.min(span.0), e.1.max(span.1));
            cur = b.tasks.get(&c).and_then(|t| t.parent);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::Weekday;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn axis_counts_and_names_working_days() {
        let cal = WorkCalendar::weekdays(&Weekday::monday_to_friday());
        let axis = Axis::new(&cal, ymd(2025, 6, 2), ymd(2025, 6, 30)); // a Monday
        assert_eq!(axis.before(ymd(2025, 6, 2)), 0);
        assert_eq!(axis.before(ymd(2025, 6, 9)), 5);
        assert_eq!(axis.before(ymd(2025, 6, 8)), 5, "Sunday: the next working day is number 5");
        assert_eq!(axis.count(ymd(2025, 6, 6), ymd(2025, 6, 9)), 2);
        assert_eq!(axis.day(0), ymd(2025, 6, 2));
        assert_eq!(axis.day(5), ymd(2025, 6, 9));
        assert_eq!(axis.day(-1), ymd(2025, 5, 30));
        assert_eq!(axis.day(21), ymd(2025, 7, 1), "past the window");
        assert_eq!(axis.count(ymd(2025, 6, 30), ymd(2025, 7, 30)), 1, "clamped to the window");
    }

    #[test]
    fn cycles_are_broken() {
        // 0 → 1 → 2 → 0, and 3 after 2.
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3)];
        let preds = Adjacency::new(4, &edges, false);
        let succs = Adjacency::new(4, &edges, true);
        let (order, broken) = topological_order(4, &preds, &succs);
        assert!(broken);
        assert_eq!(order, vec![0, 1, 2, 3]);
    }
}
