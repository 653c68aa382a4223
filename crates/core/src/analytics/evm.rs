//! Earned value (EVM, 出来高管理): planned value, earned value and actual cost per working day, and
//! the indices at the status date.
//!
//! Costs: a task's hours × the rate of its assignee (the member's `rate`, else the project's
//! `default_rate`). When every rate is 0 the figures are in person-hours ([`CostUnit::Hours`], a
//! rate of 1 for everyone), else in money ([`CostUnit::Money`] with the project's currency). The
//! rate table is the one at the status date; it is applied to the assignee a task had on each day.
//! Rates that are not finite or negative count as 0.
//!
//! Over the leaves of the WBS (milestones carry no work, deleted tasks leave everything):
//! - BAC = Σ estimate × rate over the non-cancelled leaves of the plan at the status date;
//! - with a chosen baseline (`info.baseline`), BAC and PV come from the baseline's leaves and
//!   budgets instead (the approved plan), EV and AC still from the log;
//! - PV(d) = Σ BAC_t × planned fraction at d, from that same plan: linear over the working days
//!   `start..=due` (cumulative through the end of d). A task with only a due date (or a span
//!   without any working day, or a due before its start) is planned entirely on its due date, a
//!   task with only a start date entirely on its start date. Undated tasks are in BAC but never in
//!   PV, so PV at the end can stay below BAC: give every task dates for a meaningful S-curve;
//! - EV(d) = Σ estimate × rate × credit, all read from the state at the end of d (later re-estimates
//!   do not rewrite earlier days); credit by [`EvMethod`]: percent complete (percent / 100, 100 %
//!   when done), 0/100 (100 % only when done), 50/50 (50 % once started — in progress, blocked or
//!   percent > 0 — and 100 % when done); cancelled leaves earn nothing;
//! - AC(d) = Σ actual hours at d × rate, cancelled leaves included (the money was spent).

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate};

use serde::Deserialize;

use crate::analytics::history::{
    day_end, effect_order, finite_non_negative, from_fixed, to_fixed, walk_to_status, Measure, TaskFacts,
};
use crate::analytics::series::{EvIndices, EvMethod, EvSeries};
use crate::calendar::{WorkCalendar, WorkingDayIndex};
use crate::change::{EntityKind, CREATE, DELETE};
pub use crate::cost::{PlannedTask, Rates};
use crate::enums::TaskStatus;
use crate::id::Id;
use crate::model::{Member, Project, ProjectInfo};

/// `Some(a / b)` when `b ≠ 0` and the quotient is a finite number.
fn ratio(a: f64, b: f64) -> Option<f64> {
    let q = a / b;
    (b != 0.0 && q.is_finite()).then_some(q)
}

fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// The earned-value indices (PMBOK):
///
/// SV = EV − PV, CV = EV − AC, SPI = EV / PV, CPI = EV / AC,
/// EAC typical = BAC / CPI, EAC atypical = AC + (BAC − EV),
/// ETC = EAC − AC and VAC = BAC − EAC (EAC typical, or atypical when CPI is unknown or 0),
/// TCPI = (BAC − EV) / (BAC − AC).
///
/// A ratio whose denominator is 0 is `None` (SPI when PV = 0, CPI when AC = 0, EAC typical when
/// CPI is unknown or 0, TCPI when BAC = AC); nothing is ever NaN or infinite (inputs that are not
/// finite count as 0).
pub fn indices(bac: f64, pv: f64, ev: f64, ac: f64) -> EvIndices {
    let (bac, pv, ev, ac) = (finite(bac), finite(pv), finite(ev), finite(ac));
    let spi = ratio(ev, pv);
    let cpi = ratio(ev, ac);
    let eac_typical = cpi.and_then(|c| ratio(bac, c));
    let eac_atypical = finite(ac + (bac - ev));
    let eac = eac_typical.unwrap_or(eac_atypical);
    EvIndices {
        bac,
        pv,
        ev,
        ac,
        sv: finite(ev - pv),
        cv: finite(ev - ac),
        spi,
        cpi,
        eac_typical,
        eac_atypical,
        etc: finite(eac - ac),
        vac: finite(bac - eac),
        tcpi: ratio(bac - ev, bac - ac),
    }
}

impl Rates {
    /// The rates at the end of local day `date`, read from the log (only the project's and the
    /// members' changes; the same result as [`Rates::of_project`] of the state at that day).
    pub fn as_of(p: &Project, date: NaiveDate, tz_offset_min: i32) -> Rates {
        let end = day_end(date, tz_offset_min);
        if p.changes.iter().all(|c| c.at < end) {
            return Rates::of_project(p);
        }
        let fresh = ProjectInfo::default();
        let (mut default_rate, mut currency) = (fresh.default_rate, fresh.currency);
        let mut members: BTreeMap<Id, Option<f64>> = BTreeMap::new();
        let log = effect_order(&p.changes);
        for c in log.into_iter().take_while(|c| c.at < end) {
            let (id, to) = (c.entity.id, &c.to);
            match (c.entity.kind, c.field.as_str()) {
                // As replay: a refused write (wrong type, missing entity, second creation) is ignored.
                (EntityKind::Project, CREATE) if id == p.id => {
                    if let Ok(info) = ProjectInfo::deserialize(to) {
                        (default_rate, currency) = (info.default_rate, info.currency);
                    }
                }
                (EntityKind::Project, "default_rate") if id == p.id => {
                    default_rate = f64::deserialize(to).unwrap_or(default_rate);
                }
                (EntityKind::Project, "currency") if id == p.id => {
                    if let Ok(c) = String::deserialize(to) {
                        currency = c;
                    }
                }
                (EntityKind::Member, CREATE) if !members.contains_key(&id) => {
                    if let Ok(m) = Member::deserialize(to) {
                        members.insert(id, m.rate);
                    }
                }
                (EntityKind::Member, DELETE) => drop(members.remove(&id)),
                (EntityKind::Member, "rate") => {
                    if let (Some(rate), Ok(new)) = (members.get_mut(&id), Option::<f64>::deserialize(to)) {
                        *rate = new;
                    }
                }
                _ => {}
            }
        }
        Rates::from_parts(default_rate, &currency, members.into_iter())
    }
}

/// The share of a task's budget earned, 0–1.
pub fn credit(method: EvMethod, t: &TaskFacts) -> f64 {
    match t.status {
        TaskStatus::Done => return 1.0,
        TaskStatus::Cancelled => return 0.0,
        _ => {}
    }
    match method {
        EvMethod::PercentComplete => {
            let c = t.percent / 100.0;
            if c.is_finite() {
                c.clamp(0.0, 1.0)
            } else {
                0.0
            }
        }
        EvMethod::ZeroHundred => 0.0,
        EvMethod::FiftyFifty => {
            if matches!(t.status, TaskStatus::InProgress | TaskStatus::Blocked) || t.percent > 0.0 {
                0.5
            } else {
                0.0
            }
        }
    }
}

/// `[EV, AC]` of one leaf.
#[derive(Debug, Clone, Copy)]
pub struct EvMeasure<'a> {
    pub method: EvMethod,
    pub rates: &'a Rates,
}

impl Measure<2> for EvMeasure<'_> {
    fn leaf(&self, _id: Id, t: &TaskFacts) -> [f64; 2] {
        if t.milestone {
            return [0.0, 0.0];
        }
        let ev = self.rates.budget(t).map_or(0.0, |b| b * credit(self.method, t));
        [ev, finite_non_negative(t.actual_hours) * self.rates.rate(t.assignee)]
    }
}

/// The plan of a project state: its non-cancelled, non-milestone leaves with their budgets.
pub fn plan_of(p: &Project, rates: &Rates) -> Vec<PlannedTask> {
    let parents: HashSet<Id> =
        p.tasks.values().filter_map(|t| t.parent).filter(|id| p.tasks.contains_key(id)).collect();
    p.tasks
        .iter()
        .filter(|(id, _)| !parents.contains(id))
        .filter_map(|(_, t)| {
            let budget = rates.budget(&TaskFacts::of(t))?;
            Some(PlannedTask { start: t.start, due: t.due, budget })
        })
        .collect()
}

/// Planned value of a plan: BAC, the cumulative PV at the end of each of `days` (the working days
/// of a range, in order) and PV at the end of `status_date`. One pass over the tasks with
/// difference arrays: O(tasks × log days + days).
pub fn planned_value(
    plan: &[PlannedTask],
    cal: &WorkCalendar,
    days: &[NaiveDate],
    status_date: NaiveDate,
) -> (f64, Vec<f64>, f64) {
    let bac: f64 = plan.iter().map(|t| finite_non_negative(t.budget)).sum();

    // Working days are counted with an index over the tasks' dates, at most ~49 years either side
    // of the status date; dates beyond are moved to its edge (nonsense dates stay cheap).
    let far = Duration::days(18_000);
    let dates = plan.iter().flat_map(|t| [t.start, t.due]).flatten();
    let lo = dates.clone().chain(days.first().copied()).chain([status_date]).min().unwrap_or(status_date);
    let hi = dates.chain(days.last().copied()).chain([status_date]).max().unwrap_or(status_date);
    let lo = lo.max(status_date.checked_sub_signed(far).unwrap_or(NaiveDate::MIN));
    let hi = hi.min(status_date.checked_add_signed(far).unwrap_or(NaiveDate::MAX));
    let index = WorkingDayIndex::new(cal, lo, hi);
    let count = |a: NaiveDate, b: NaiveDate| index.count(a.clamp(lo, hi), b.clamp(lo, hi));

    let n = days.len();
    let from = days.first().copied();
    // Planned per day (fixed point): `daily[i]` is added from day i on (difference array of the
    // daily rate), `step[i]` once on day i; `base` is what was planned before the first day.
    let mut daily = vec![0i128; n + 1];
    let mut step = vec![0i128; n + 1];
    let mut base = 0i128;
    let mut at_status = 0.0;
    for t in plan {
        let b = finite_non_negative(t.budget);
        if b <= 0.0 {
            continue;
        }
        let span = match (t.start, t.due) {
            (None, None) => continue,
            (Some(s), Some(e)) if s <= e => Some((s, e, count(s, e))).filter(|x| x.2 > 0),
            _ => None,
        };
        match span {
            Some((s, e, w)) => {
                let per_day = b / w as f64;
                let fixed = to_fixed(per_day);
                at_status += per_day * count(s, e.min(status_date)) as f64;
                if let Some(from) = from {
                    if s < from {
                        let before = from.pred_opt().map_or(0, |f| count(s, e.min(f)));
                        base += fixed * i128::from(before);
                    }
                }
                let l = days.partition_point(|d| *d < s);
                let r = days.partition_point(|d| *d <= e);
                if l < r {
                    daily[l] += fixed;
                    daily[r] -= fixed;
                }
            }
            None => {
                // Entirely on one day: the due date, else the start.
                let Some(d) = t.due.or(t.start) else { continue };
                if d <= status_date {
                    at_status += b;
                }
                let fixed = to_fixed(b);
                if from.is_some_and(|f| d < f) {
                    base += fixed;
                } else {
                    let i = days.partition_point(|x| *x < d);
                    step[i] += fixed;
                }
            }
        }
    }
    let mut pv = Vec::with_capacity(n);
    let (mut rate, mut total) = (0i128, base);
    for i in 0..n {
        rate += daily[i];
        total += rate + step[i];
        pv.push(from_fixed(total).clamp(0.0, bac));
    }
    (bac, pv, at_status.clamp(0.0, bac))
}

/// PV, EV and AC per working day of `from..=to`, and the indices at the status date.
///
/// PV (and BAC) come from the project's chosen baseline when it has one (`info.baseline`: the
/// approved plan, its dates and budgets as taken), else from the plan at the status date (the project as it was at the end of that day, read
/// in the same pass over the log) and covers the whole range; EV and AC come from the log day by day and are `None` after the status
/// date. An empty range gives empty series; the indices are computed all the same.
pub fn ev_series(
    p: &Project,
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
    status_date: NaiveDate,
    method: EvMethod,
    tz_offset_min: i32,
) -> EvSeries {
    let rates = Rates::as_of(p, status_date, tz_offset_min);
    let days = cal.working_days_in(from, to);
    // One walk: EV and AC day by day, and at its end (the status date) the plan.
    let (mut walked, state) =
        walk_to_status(p, EvMeasure { method, rates: &rates }, tz_offset_min, &days, status_date, &[]);
    walked.show_status_on_day_off(&days, status_date, to);
    // The chosen baseline is the plan PV and BAC measure against; else the plan at the status date.
    let plan: Vec<PlannedTask> = match crate::baseline_plan::chosen(p) {
        Some(b) => b.plan(),
        None => state
            .leaves()
            .filter_map(|(_, t)| Some(PlannedTask { start: t.start, due: t.due, budget: rates.budget(t)? }))
            .collect(),
    };
    let (bac, pv, pv_status) = planned_value(&plan, cal, &days, status_date);
    let clean = |x: f64| x.max(0.0);
    let ev = walked.days.iter().map(|v| v.map(|v| clean(v[0]))).collect();
    let ac = walked.days.iter().map(|v| v.map(|v| clean(v[1]))).collect();
    let [ev_status, ac_status] = walked.status.map(clean);
    EvSeries {
        unit: rates.unit.clone(),
        method,
        days,
        pv,
        ev,
        ac,
        indices: indices(bac, pv_status, ev_status, ac_status),
        status_date,
    }
}
