//! The project as it was: the state at the end of any local day, and one pass over the change log
//! that yields running totals day by day for the burndown, burnup and earned-value series.
//!
//! A day is a *local* day: a change at `at` (UTC) belongs to the day [`local_date`] gives for the
//! user's offset. "The state at `d`" always means the state at the end of local day `d`, i.e. after
//! every change before the next local midnight, applied in [`Change::order_key`] order.
//!
//! The day-by-day totals come from [`TaskWalk`]: it keeps per task only the few fields the series
//! read ([`TaskFacts`]) and the number of children of each task, and keeps running totals up to
//! date on every change by subtracting the touched tasks' old contributions and adding their new
//! ones. A series over 10k tasks × 250 days × 100k changes therefore costs O(changes + days), not
//! O(tasks × days). The totals are kept in fixed point (2⁻³² units, `i128`), so subtracting and
//! adding back is exact: no rounding drift builds up over a long log, and a total that should be
//! zero is exactly zero.
//!
//! What counts (the same rules for every task series):
//! - only leaves carry work: a task with children is a summary. Leaf-ness follows the log, since
//!   `parent` changes over time (children are counted incrementally);
//! - deleted tasks leave everything; cancelled tasks leave the scope (each [`Measure`] decides
//!   what a cancelled leaf still contributes, e.g. its actual cost);
//! - milestones carry no work (0 hours, not counted as tasks).

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::Deserialize;

use crate::change::{Change, EntityKind, CREATE, DELETE};
use crate::id::Id;
use crate::model::Project;
use crate::replay::replay;

pub(crate) use crate::cost::finite_non_negative;
pub use crate::cost::TaskFacts;

/// UTC offsets beyond ±24 h are clamped to it (real offsets lie within −12 h … +14 h).
pub const MAX_TZ_OFFSET_MIN: i32 = 24 * 60;

fn offset(tz_offset_min: i32) -> Duration {
    Duration::minutes(i64::from(tz_offset_min.clamp(-MAX_TZ_OFFSET_MIN, MAX_TZ_OFFSET_MIN)))
}

/// The local calendar day of an instant, for a UTC offset in minutes (east positive: Japan = +540).
pub fn local_date(at: DateTime<Utc>, tz_offset_min: i32) -> NaiveDate {
    match at.naive_utc().checked_add_signed(offset(tz_offset_min)) {
        Some(local) => local.date(),
        None => at.date_naive(), // only at the very ends of chrono's range
    }
}

/// The first instant after local day `date`: a change belongs to `date` or earlier exactly when
/// `change.at < day_end(date, tz)`.
pub fn day_end(date: NaiveDate, tz_offset_min: i32) -> DateTime<Utc> {
    let Some(next) = date.succ_opt() else { return DateTime::<Utc>::MAX_UTC };
    match next.and_time(NaiveTime::MIN).checked_sub_signed(offset(tz_offset_min)) {
        Some(t) => t.and_utc(),
        None if tz_offset_min > 0 => DateTime::<Utc>::MIN_UTC,
        None => DateTime::<Utc>::MAX_UTC,
    }
}

/// The changes in the order they take effect ([`Change::order_key`]), each change id once (the
/// same change seen twice is applied once, as [`crate::replay::normalize`] does).
pub fn effect_order(changes: &[Change]) -> Vec<&Change> {
    let mut v: Vec<&Change> = changes.iter().collect();
    // Usually already in order (times strictly increase within a project): check cheaply first.
    let in_order = |a: &Change, b: &Change| a.at < b.at || (a.at == b.at && a.order_key() <= b.order_key());
    if !v.windows(2).all(|w| in_order(w[0], w[1])) {
        v.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    }
    v.dedup_by(|a, b| a.id == b.id);
    v
}

/// The project at the end of local day `date`: its change log up to then, replayed in
/// `order_key` order. The returned project's log is that part of the log. When nothing happened
/// after `date` this is a plain clone of `p`.
pub fn state_as_of(p: &Project, date: NaiveDate, tz_offset_min: i32) -> Project {
    state_at(p, date, tz_offset_min).into_owned()
}

/// [`state_as_of`] without a copy when nothing happened after `date`.
pub(crate) fn state_at(p: &Project, date: NaiveDate, tz_offset_min: i32) -> Cow<'_, Project> {
    let end = day_end(date, tz_offset_min);
    if p.changes.iter().all(|c| c.at < end) {
        return Cow::Borrowed(p);
    }
    let log = effect_order(&p.changes);
    let k = log.partition_point(|c| c.at < end);
    let changes: Vec<Change> = log[..k].iter().map(|c| (*c).clone()).collect();
    Cow::Owned(replay(p.id, &changes))
}

/// What one leaf task contributes to `N` running totals (e.g. remaining work and scope).
pub trait Measure<const N: usize> {
    /// The contribution of an existing leaf `id` with these facts (summaries contribute nothing).
    fn leaf(&self, id: Id, t: &TaskFacts) -> [f64; N];
}

/// One unit of the fixed-point totals is 2⁻³².
const SCALE: f64 = 4_294_967_296.0;
/// Contributions are clamped to ±1e18 (≈ 2⁹² units), so that billions of them fit an `i128`.
const LIMIT: f64 = 1e18;

pub(crate) fn to_fixed(x: f64) -> i128 {
    if !x.is_finite() {
        return 0;
    }
    let scaled = (x.clamp(-LIMIT, LIMIT) * SCALE).round();
    // Through i64 when it fits: the direct f64 → i128 conversion is a slow library call.
    if scaled.abs() < 9.0e18 {
        i128::from(scaled as i64)
    } else {
        scaled as i128
    }
}

pub(crate) fn from_fixed(x: i128) -> f64 {
    x as f64 / SCALE
}

#[derive(Debug, Clone, Default)]
struct Slot {
    facts: TaskFacts,
    exists: bool,
    /// Existing tasks whose `parent` is this task (whether or not it exists itself).
    children: u32,
}

/// Running totals of a [`Measure`] over the task history, advanced one local day at a time.
///
/// ```text
/// let mut walk = TaskWalk::new(&p, measure, tz);
/// for d in days { walk.advance_through(d); let totals = walk.totals(); … }
/// ```
pub struct TaskWalk<'a, M: Measure<N>, const N: usize> {
    /// Task changes in effect order.
    log: Vec<&'a Change>,
    pos: usize,
    /// Every task id the log creates, and its slot.
    ids: Vec<Id>,
    index: HashMap<Id, u32>,
    slots: Vec<Slot>,
    measure: M,
    totals: [i128; N],
    tz: i32,
    /// The last day advanced through.
    through: Option<NaiveDate>,
}

impl<'a, M: Measure<N>, const N: usize> TaskWalk<'a, M, N> {
    /// A walk before the first change of `p` (every total 0).
    pub fn new(p: &'a Project, measure: M, tz_offset_min: i32) -> Self {
        let log: Vec<&Change> =
            effect_order(&p.changes).into_iter().filter(|c| c.entity.kind == EntityKind::Task).collect();
        // Only created tasks ever exist: every other id is never looked up successfully, which is
        // exactly how replay treats an edit of a task that does not exist.
        let mut ids: Vec<Id> = Vec::new();
        let mut index: HashMap<Id, u32> = HashMap::new();
        for c in log.iter().filter(|c| c.field == CREATE) {
            index.entry(c.entity.id).or_insert_with(|| {
                ids.push(c.entity.id);
                (ids.len() - 1) as u32
            });
        }
        let slots = vec![Slot::default(); ids.len()];
        TaskWalk { log, pos: 0, ids, index, slots, measure, totals: [0; N], tz: tz_offset_min, through: None }
    }

    /// The totals at the end of the last day advanced through.
    pub fn totals(&self) -> [f64; N] {
        self.totals.map(from_fixed)
    }

    /// The day the walk has reached (`None` before the first call of [`Self::advance_through`]).
    pub fn through(&self) -> Option<NaiveDate> {
        self.through
    }

    /// Applies every change up to the end of local day `day`. Days must not go back: advancing to
    /// an earlier day than before changes nothing.
    pub fn advance_through(&mut self, day: NaiveDate) {
        let end = day_end(day, self.tz);
        while let Some(c) = self.log.get(self.pos) {
            if c.at >= end {
                break;
            }
            self.apply(c);
            self.pos += 1;
        }
        self.through = Some(self.through.map_or(day, |t| t.max(day)));
    }

    /// The current facts of an existing task.
    pub fn facts(&self, id: Id) -> Option<&TaskFacts> {
        let s = &self.slots[self.index(Some(id))?];
        s.exists.then_some(&s.facts)
    }

    /// The existing leaves (tasks without children) and their current facts.
    pub fn leaves(&self) -> impl Iterator<Item = (Id, &TaskFacts)> + '_ {
        self.ids.iter().zip(&self.slots).filter(|(_, s)| s.exists && s.children == 0).map(|(id, s)| (*id, &s.facts))
    }

    fn index(&self, id: Option<Id>) -> Option<usize> {
        self.index.get(&id?).map(|i| *i as usize)
    }

    fn contribution(&self, i: usize) -> [i128; N] {
        let s = &self.slots[i];
        if !s.exists || s.children > 0 {
            return [0; N];
        }
        self.measure.leaf(self.ids[i], &s.facts).map(to_fixed)
    }

    /// Runs `edit` on the slots, keeping the totals right for the tasks in `touched` (the only
    /// ones whose contribution `edit` may change).
    fn update(&mut self, touched: [Option<usize>; 3], edit: impl FnOnce(&mut Vec<Slot>)) {
        let mut set: [Option<usize>; 3] = [None; 3];
        for (k, t) in touched.iter().enumerate() {
            if t.is_some() && !set[..k].contains(t) {
                set[k] = *t;
            }
        }
        for i in set.iter().flatten() {
            let old = self.contribution(*i);
            for (total, o) in self.totals.iter_mut().zip(old) {
                *total = total.saturating_sub(o);
            }
        }
        edit(&mut self.slots);
        for i in set.iter().flatten() {
            let new = self.contribution(*i);
            for (total, n) in self.totals.iter_mut().zip(new) {
                *total = total.saturating_add(n);
            }
        }
    }

    /// One change, with the same effect on the tracked fields as [`crate::replay::replay`]:
    /// writes that replay would refuse (an edit of a missing task, a value of the wrong type, a
    /// second creation) change nothing.
    fn apply(&mut self, c: &Change) {
        let Some(i) = self.index(Some(c.entity.id)) else { return };
        let exists = self.slots[i].exists;
        match c.field.as_str() {
            CREATE => {
                if exists {
                    return;
                }
                let Ok(facts) = TaskFacts::deserialize(&c.to) else { return };
                let parent = self.index(facts.parent);
                self.update([Some(i), parent, None], |slots| {
                    slots[i].facts = facts;
                    slots[i].exists = true;
                    if let Some(p) = parent {
                        slots[p].children += 1;
                    }
                });
            }
            DELETE => {
                if !exists {
                    return;
                }
                let parent = self.index(self.slots[i].facts.parent);
                self.update([Some(i), parent, None], |slots| {
                    slots[i].exists = false;
                    if let Some(p) = parent {
                        slots[p].children = slots[p].children.saturating_sub(1);
                    }
                });
            }
            "parent" => {
                if !exists {
                    return;
                }
                let Ok(new) = Option::<Id>::deserialize(&c.to) else { return };
                let (old_i, new_i) = (self.index(self.slots[i].facts.parent), self.index(new));
                self.update([Some(i), old_i, new_i], |slots| {
                    slots[i].facts.parent = new;
                    if let Some(o) = old_i {
                        slots[o].children = slots[o].children.saturating_sub(1);
                    }
                    if let Some(n) = new_i {
                        slots[n].children += 1;
                    }
                });
            }
            field => {
                if !exists {
                    return;
                }
                let mut facts = self.slots[i].facts.clone();
                if facts.set(field, &c.to).is_none() || facts == self.slots[i].facts {
                    return;
                }
                self.update([Some(i), None, None], |slots| slots[i].facts = facts);
            }
        }
    }
}

/// The totals a series reads, from one pass over the log.
#[derive(Debug, Clone, PartialEq)]
pub struct DayTotals<const N: usize> {
    /// At the end of each day asked for; `None` after the status date.
    pub days: Vec<Option<[f64; N]>>,
    /// At the end of the status date.
    pub status: [f64; N],
    /// At the end of each extra day asked for (days after the status date are read at it).
    pub extra: Vec<[f64; N]>,
}

impl<const N: usize> DayTotals<N> {
    /// A status date on a day off (a weekend, a holiday) between the first and the last day of
    /// the axis `days..=to` is shown on the working day before it: that day takes the status
    /// date's totals, so work entered on the day off is not missing from the chart. Returns that
    /// day's index when it did.
    pub fn show_status_on_day_off(
        &mut self,
        days: &[NaiveDate],
        status_date: NaiveDate,
        to: NaiveDate,
    ) -> Option<usize> {
        if days.contains(&status_date) {
            return None;
        }
        let i = status_day(days, status_date, to)?;
        self.days[i] = Some(self.status);
        Some(i)
    }
}

/// The axis day that shows the status date's state: the status date itself, or on a day off
/// inside `..=to` the working day before it; `None` when the axis does not show it.
pub fn status_day(days: &[NaiveDate], status_date: NaiveDate, to: NaiveDate) -> Option<usize> {
    match days.iter().position(|d| *d == status_date) {
        Some(i) => Some(i),
        None if status_date <= to => days.partition_point(|d| *d < status_date).checked_sub(1),
        None => None,
    }
}

/// One pass over the task history: the totals of `measure` at the end of each of `days` up to
/// `status_date`, at the status date itself, and at `extra` days. Changes after the status date
/// are never read. `days` and `extra` may come in any order.
pub fn walk_days<M: Measure<N>, const N: usize>(
    p: &Project,
    measure: M,
    tz_offset_min: i32,
    days: &[NaiveDate],
    status_date: NaiveDate,
    extra: &[NaiveDate],
) -> DayTotals<N> {
    walk_to_status(p, measure, tz_offset_min, days, status_date, extra).0
}

/// [`walk_days`], also giving back the walk, which then stands at the end of the status date
/// (e.g. for the plan at the status date: [`TaskWalk::leaves`]).
pub fn walk_to_status<'a, M: Measure<N>, const N: usize>(
    p: &'a Project,
    measure: M,
    tz_offset_min: i32,
    days: &[NaiveDate],
    status_date: NaiveDate,
    extra: &[NaiveDate],
) -> (DayTotals<N>, TaskWalk<'a, M, N>) {
    #[derive(Clone, Copy)]
    enum Want {
        Day(usize),
        Extra(usize),
        Status,
    }
    let mut wants: Vec<(NaiveDate, Want)> = days
        .iter()
        .enumerate()
        .filter(|(_, d)| **d <= status_date)
        .map(|(i, d)| (*d, Want::Day(i)))
        .chain(extra.iter().enumerate().map(|(k, d)| ((*d).min(status_date), Want::Extra(k))))
        .chain(std::iter::once((status_date, Want::Status)))
        .collect();
    wants.sort_by_key(|w| w.0);
    let mut walk = TaskWalk::new(p, measure, tz_offset_min);
    let mut out = DayTotals { days: vec![None; days.len()], status: [0.0; N], extra: vec![[0.0; N]; extra.len()] };
    for (d, want) in wants {
        walk.advance_through(d);
        let t = walk.totals();
        match want {
            Want::Day(i) => out.days[i] = Some(t),
            Want::Extra(k) => out.extra[k] = t,
            Want::Status => out.status = t,
        }
    }
    (out, walk)
}
