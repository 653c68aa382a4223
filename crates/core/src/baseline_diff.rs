//! The plan against a baseline (計画変更の比較): which tasks slipped and by how many working days,
//! what scope was added or removed, how estimates and the budget grew.
//!
//! Rules:
//! - **slipped**: a task in both whose due date (or start date) is now later than in the baseline;
//!   the slip is counted in working days of the project's calendar (days worked after the
//!   baseline date up to and including the new date). A task that moved earlier is not listed.
//! - **added**: a task that is not in the baseline and not cancelled.
//! - **removed**: a task of the baseline that is no longer in the plan, or is now cancelled.
//! - **estimate changes**: leaves (tasks without children, now) in both, whose estimate differs.
//! - **totals**: over the leaves that carry work (not milestones, not cancelled): hours and budget
//!   of the baseline against the plan now; growth in hours and percent (`None` when the baseline
//!   had none).

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::analytics::evm::Rates;
use crate::analytics::history::TaskFacts;
use crate::baseline::Baseline;
use crate::calendar::WorkCalendar;
use crate::enums::TaskStatus;
use crate::id::Id;
use crate::model::Project;

/// A task whose dates moved later than the baseline's.
#[derive(Debug, Clone, PartialEq)]
pub struct Slip {
    pub id: Id,
    pub title: String,
    pub baseline_start: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    /// Working days the start moved later (0 when it did not).
    pub start_days: i64,
    pub baseline_due: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// Working days the due date moved later (0 when it did not).
    pub due_days: i64,
}

/// Why a baseline task is no longer in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemovedHow {
    Deleted,
    Cancelled,
}

/// A task of the baseline that left the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub id: Id,
    pub title: String,
    pub how: RemovedHow,
    /// Its estimate in the baseline.
    pub estimate_hours: f64,
}

/// A task added since the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub id: Id,
    pub title: String,
    pub estimate_hours: f64,
}

/// A leaf whose estimate changed.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateChange {
    pub id: Id,
    pub title: String,
    pub baseline_hours: f64,
    pub hours: f64,
    /// `hours − baseline_hours`.
    pub delta: f64,
    /// Growth in percent of the baseline's estimate; `None` when that was 0.
    pub percent: Option<f64>,
}

/// Sums over the leaves that carry work.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiffTotals {
    pub baseline_hours: f64,
    pub hours: f64,
    pub growth_hours: f64,
    pub growth_percent: Option<f64>,
    pub baseline_budget: f64,
    pub budget: f64,
    pub budget_change: f64,
    pub budget_change_percent: Option<f64>,
}

/// The whole comparison. Lists are in WBS-independent, stable order (by title, then id); slips
/// by the largest due slip first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BaselineDiff {
    pub slipped: Vec<Slip>,
    pub added: Vec<Added>,
    pub removed: Vec<Removed>,
    pub estimates: Vec<EstimateChange>,
    pub totals: DiffTotals,
}

impl BaselineDiff {
    /// Nothing changed against the baseline.
    pub fn is_empty(&self) -> bool {
        self.slipped.is_empty() && self.added.is_empty() && self.removed.is_empty() && self.estimates.is_empty()
    }
}

fn pct(delta: f64, base: f64) -> Option<f64> {
    let q = delta / base * 100.0;
    (base != 0.0 && q.is_finite()).then_some(q)
}

fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// Working days `to` lies later than `from` (0 when not later).
fn later_by(cal: &WorkCalendar, from: Option<NaiveDate>, to: Option<NaiveDate>) -> i64 {
    match (from, to) {
        (Some(a), Some(b)) if b > a => a.succ_opt().map_or(0, |a1| cal.working_days_between(a1, b)).max(1),
        _ => 0,
    }
}

/// Compares the current plan of `p` with `b`.
pub fn diff(p: &Project, b: &Baseline, cal: &WorkCalendar) -> BaselineDiff {
    let rates = Rates::of_project(p);
    let parents_now: HashSet<Id> =
        p.tasks.values().filter_map(|t| t.parent).filter(|id| p.tasks.contains_key(id)).collect();
    let parents_then: HashSet<Id> =
        b.tasks.values().filter_map(|t| t.parent).filter(|id| b.tasks.contains_key(id)).collect();
    let mut out = BaselineDiff::default();

    for (id, t) in &p.tasks {
        let Some(bt) = b.tasks.get(id) else {
            if t.status != TaskStatus::Cancelled {
                out.added.push(Added { id: *id, title: t.title.clone(), estimate_hours: finite(t.estimate_hours) });
            }
            continue;
        };
        if t.status == TaskStatus::Cancelled {
            continue; // listed as removed below
        }
        let start_days = later_by(cal, bt.start, t.start);
        let due_days = later_by(cal, bt.due, t.due);
        if start_days > 0 || due_days > 0 {
            out.slipped.push(Slip {
                id: *id,
                title: t.title.clone(),
                baseline_start: bt.start,
                start: t.start,
                start_days,
                baseline_due: bt.due,
                due: t.due,
                due_days,
            });
        }
        let leaf = !parents_now.contains(id);
        let (was, now) = (finite(bt.estimate_hours), finite(t.estimate_hours));
        if leaf && !t.milestone && (now - was).abs() > 1e-9 {
            out.estimates.push(EstimateChange {
                id: *id,
                title: t.title.clone(),
                baseline_hours: was,
                hours: now,
                delta: now - was,
                percent: pct(now - was, was),
            });
        }
    }
    for (id, bt) in &b.tasks {
        let how = match p.tasks.get(id) {
            None => RemovedHow::Deleted,
            Some(t) if t.status == TaskStatus::Cancelled => RemovedHow::Cancelled,
            Some(_) => continue,
        };
        out.removed.push(Removed { id: *id, title: bt.title.clone(), how, estimate_hours: finite(bt.estimate_hours) });
    }

    let mut tot = DiffTotals::default();
    for (id, t) in &p.tasks {
        if parents_now.contains(id) || t.milestone || t.status == TaskStatus::Cancelled {
            continue;
        }
        tot.hours += finite(t.estimate_hours).max(0.0);
        tot.budget += rates.budget(&TaskFacts::of(t)).unwrap_or(0.0);
    }
    for (id, bt) in &b.tasks {
        if parents_then.contains(id) || bt.milestone {
            continue;
        }
        tot.baseline_hours += finite(bt.estimate_hours).max(0.0);
        tot.baseline_budget += finite(bt.budget).max(0.0);
    }
    tot.growth_hours = tot.hours - tot.baseline_hours;
    tot.growth_percent = pct(tot.growth_hours, tot.baseline_hours);
    tot.budget_change = tot.budget - tot.baseline_budget;
    tot.budget_change_percent = pct(tot.budget_change, tot.baseline_budget);
    out.totals = tot;

    let by_title = |a: &(&String, Id), b: &(&String, Id)| a.0.cmp(b.0).then(a.1.cmp(&b.1));
    out.slipped.sort_by(|a, b| {
        b.due_days
            .cmp(&a.due_days)
            .then(b.start_days.cmp(&a.start_days))
            .then(by_title(&(&a.title, a.id), &(&b.title, b.id)))
    });
    out.added.sort_by(|a, b| by_title(&(&a.title, a.id), &(&b.title, b.id)));
    out.removed.sort_by(|a, b| by_title(&(&a.title, a.id), &(&b.title, b.id)));
    out.estimates.sort_by(|a, b| by_title(&(&a.title, a.id), &(&b.title, b.id)));
    out
}
