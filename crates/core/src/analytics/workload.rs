//! Planned hours per member per ISO week against their capacity (the 山積み chart).
//!
//! - Every open leaf task (not done, not cancelled) spreads its **estimate** evenly over the
//!   working days of `start..=due`. A task with only a due date puts all of it on that day; one
//!   with only a start date on its start day; one without dates is left out. A task whose range
//!   holds no working day at all puts everything on its due date.
//! - Weeks are whole ISO weeks, named by their Monday: from the week of `from` to the week of `to`
//!   (at most [`MAX_WEEKS`]). Work outside those weeks is not shown.
//! - A member's capacity in a week is `capacity_hours_per_week × working days that week / working
//!   days of a normal week`, so a week with a holiday offers less. The normal week is the weekly
//!   pattern of the calendar (weekdays worked in most of the 26 weeks from the first one).
//! - Tasks without an assignee, or assigned to someone who is no longer a member, are counted in
//!   `unassigned`. Members come in name order (then id).
//!
//! O(tasks + weeks × members): each task adds its first and last (partial) week directly and its
//! full weeks in between as an hourly rate in a difference array, multiplied out once per week.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analytics::schedule::{add_days, monday_of, Axis};
use crate::analytics::series::{MemberLoad, WorkloadSeries};
use crate::calendar::WorkCalendar;
use crate::id::Id;
use crate::model::{Member, Project, Task};
use crate::rollup::children_index;

/// The most weeks a series holds (about 20 years); later weeks are dropped.
pub const MAX_WEEKS: usize = 1045;

/// How far around the weeks shown task dates are taken at face value (40 years).
const TASK_WINDOW_DAYS: i64 = 40 * 366;

/// Planned hours per member per week of `from..=to` against capacity. See the module docs.
pub fn workload(p: &Project, cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> WorkloadSeries {
    let mut people: Vec<(Id, &Member)> = p.members.iter().map(|(id, m)| (*id, m)).collect();
    people.sort_by(|a, b| a.1.name.cmp(&b.1.name).then(a.0.cmp(&b.0)));
    let first = monday_of(from);
    let n = if to < from { 0 } else { (((monday_of(to) - first).num_days() / 7 + 1).max(0) as usize).min(MAX_WEEKS) };
    let weeks: Vec<NaiveDate> = (0..n).map(|i| add_days(first, 7 * i as i64)).collect();
    let Some(&last) = weeks.last() else {
        let members = people
            .iter()
            .map(|(id, m)| MemberLoad { id: *id, name: m.name.clone(), ..MemberLoad::default() })
            .collect();
        return WorkloadSeries { weeks, members, unassigned: Vec::new() };
    };
    let end = add_days(last, 6);

    // The open leaves with work to place.
    let children = children_index(p);
    let tasks: Vec<&Task> = p
        .tasks
        .iter()
        .filter(|(id, t)| !t.status.is_closed() && children.get(&Some(**id)).is_none_or(|c| c.is_empty()))
        .filter(|(_, t)| t.estimate_hours.is_finite() && t.estimate_hours > 0.0)
        .map(|(_, t)| t)
        .collect();

    // Index the calendar over the weeks and the tasks' dates.
    let (min_ok, max_ok) = (add_days(first, -TASK_WINDOW_DAYS), add_days(end, TASK_WINDOW_DAYS));
    let (mut lo, mut hi) = (first, end);
    for t in &tasks {
        for x in [t.start, t.due].into_iter().flatten() {
            let x = x.clamp(min_ok, max_ok);
            lo = lo.min(x);
            hi = hi.max(x);
        }
    }
    let axis = Axis::new(cal, lo, hi);
    let week_days: Vec<f64> = weeks.iter().map(|w| axis.count(*w, add_days(*w, 6)) as f64).collect();
    let normal = normal_week(cal, first);

    // Bucket b < people.len() is a member, the last one is "unassigned".
    let bucket_of: HashMap<Id, usize> = people.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    let buckets = people.len() + 1;
    let mut rate = vec![0.0f64; buckets * (n + 1)]; // difference array of hours per working day
    let mut direct = vec![0.0f64; buckets * n];
    let week_index = |d: NaiveDate| (monday_of(d) - first).num_days().div_euclid(7);
    let in_range = |w: i64| (0..n as i64).contains(&w);
    for t in tasks {
        let hours = t.estimate_hours;
        let b = t.assignee.and_then(|a| bucket_of.get(&a).copied()).unwrap_or(buckets - 1);
        let mut put = |w: i64, h: f64| {
            if in_range(w) {
                direct[b * n + w as usize] += h;
            }
        };
        let (s, d) = match (t.start, t.due) {
            (Some(s), Some(d)) => (s.min(d), s.max(d)),
            (None, Some(x)) | (Some(x), None) => {
                put(week_index(x), hours);
                continue;
            }
            (None, None) => continue,
        };
        let days = axis.count(s, d);
        if days == 0 {
            put(week_index(d), hours);
            continue;
        }
        let per_day = hours / days as f64;
        let (ws, we) = (week_index(s), week_index(d));
        if ws == we {
            put(ws, hours);
            continue;
        }
        put(ws, per_day * axis.count(s, add_days(monday_of(s), 6)) as f64);
        put(we, per_day * axis.count(monday_of(d), d) as f64);
        // Full weeks in between: the rate times each week's working days.
        let (a, z) = ((ws + 1).max(0), we.min(n as i64));
        if a < z {
            rate[b * (n + 1) + a as usize] += per_day;
            rate[b * (n + 1) + z as usize] -= per_day;
        }
    }

    let planned = |b: usize| -> Vec<f64> {
        let mut running = 0.0;
        (0..n)
            .map(|w| {
                running += rate[b * (n + 1) + w];
                let h = running * week_days[w] + direct[b * n + w];
                if h.abs() < 1e-9 {
                    0.0
                } else {
                    h
                }
            })
            .collect()
    };
    let members = people
        .iter()
        .enumerate()
        .map(|(i, (id, m))| {
            let per_week = if m.capacity_hours_per_week.is_finite() { m.capacity_hours_per_week.max(0.0) } else { 0.0 };
            MemberLoad {
                id: *id,
                name: m.name.clone(),
                capacity: week_days.iter().map(|d| per_week * d / normal).collect(),
                planned: planned(i),
            }
        })
        .collect();
    WorkloadSeries { weeks, members, unassigned: planned(buckets - 1) }
}

/// Working days of a normal week: the weekdays worked in most of the 26 weeks from `monday`
/// (holidays aside); at least 1 so that capacity stays finite.
fn normal_week(cal: &WorkCalendar, monday: NaiveDate) -> f64 {
    const WEEKS: i64 = 26;
    let worked = (0..7)
        .filter(|wd| (0..WEEKS).filter(|k| cal.is_working_day(add_days(monday, 7 * k + wd))).count() as i64 * 2 > WEEKS)
        .count();
    worked.max(1) as f64
}
