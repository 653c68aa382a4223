//! What a task costs and what the series read of it, below both the baselines `apply` takes and
//! the analytics that walk the change log: the task fields the series track ([`TaskFacts`]), the
//! members' hourly rates ([`Rates`]; [`Rates::as_of`] reads them from the log, in
//! `analytics::evm`), a leaf's budget, and a plan's leaves with their budgets ([`PlannedTask`]).
//! `analytics::history` and `analytics::evm` re-export them under their old paths.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::enums::TaskStatus;
use crate::id::Id;
use crate::model::{Project, Task};

/// The fields of a task that the series read, as the walker tracks them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TaskFacts {
    pub parent: Option<Id>,
    pub assignee: Option<Id>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub estimate_hours: f64,
    pub actual_hours: f64,
    pub remaining_hours: Option<f64>,
    pub story_points: Option<f64>,
    pub percent: f64,
    pub status: TaskStatus,
    pub milestone: bool,
}

impl TaskFacts {
    /// The task fields the series read (the fields of this struct). The app recomputes a chart
    /// only after an edit of one of them (or of a task added or deleted); tests/topic.rs checks
    /// that an edit of any other task field leaves the burndown, burnup and EV series as they were.
    pub const FIELDS: &'static [&'static str] = &[
        "parent",
        "assignee",
        "start",
        "due",
        "estimate_hours",
        "actual_hours",
        "remaining_hours",
        "story_points",
        "percent",
        "status",
        "milestone",
    ];

    pub fn of(t: &Task) -> TaskFacts {
        TaskFacts {
            parent: t.parent,
            assignee: t.assignee,
            start: t.start,
            due: t.due,
            estimate_hours: t.estimate_hours,
            actual_hours: t.actual_hours,
            remaining_hours: t.remaining_hours,
            story_points: t.story_points,
            percent: t.percent,
            status: t.status,
            milestone: t.milestone,
        }
    }

    /// [`Task::effective_remaining`] (the very same rule), never negative.
    pub fn effective_remaining(&self) -> f64 {
        let t = Task {
            estimate_hours: self.estimate_hours,
            remaining_hours: self.remaining_hours,
            percent: self.percent,
            status: self.status,
            ..Task::default()
        };
        finite_non_negative(t.effective_remaining())
    }

    /// Sets one tracked field (not `parent`) from a change value. `None` when the field is not
    /// tracked or the value has the wrong type (a write replay would refuse too).
    pub(crate) fn set(&mut self, field: &str, v: &Value) -> Option<()> {
        fn de<'a, T: Deserialize<'a>>(v: &'a Value) -> Option<T> {
            T::deserialize(v).ok()
        }
        match field {
            "assignee" => self.assignee = de(v)?,
            "start" => self.start = de(v)?,
            "due" => self.due = de(v)?,
            "estimate_hours" => self.estimate_hours = de(v)?,
            "actual_hours" => self.actual_hours = de(v)?,
            "remaining_hours" => self.remaining_hours = de(v)?,
            "story_points" => self.story_points = de(v)?,
            "percent" => self.percent = de(v)?,
            "status" => self.status = de(v)?,
            "milestone" => self.milestone = de(v)?,
            _ => return None,
        }
        Some(())
    }
}

/// `x` when it is a finite number ≥ 0, else 0.
pub(crate) fn finite_non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

/// What earned-value figures are counted in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CostUnit {
    /// No rates set: person-hours.
    #[default]
    Hours,
    /// Hours × rates, in this currency (e.g. "JPY").
    Money(String),
}

/// The cost of one hour per member, and what costs are counted in.
#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    pub unit: CostUnit,
    /// For tasks without an assignee, or whose assignee has no rate of their own.
    pub default: f64,
    /// Members with a rate of their own.
    pub members: BTreeMap<Id, f64>,
}

impl Rates {
    /// The rates of a project's current state.
    pub fn of_project(p: &Project) -> Rates {
        Rates::from_parts(p.info.default_rate, &p.info.currency, p.members.iter().map(|(id, m)| (*id, m.rate)))
    }

    pub(crate) fn from_parts(
        default_rate: f64,
        currency: &str,
        members: impl Iterator<Item = (Id, Option<f64>)>,
    ) -> Rates {
        let default = finite_non_negative(default_rate);
        let members: BTreeMap<Id, f64> =
            members.filter_map(|(id, r)| r.map(|r| (id, finite_non_negative(r)))).collect();
        if default == 0.0 && members.values().all(|r| *r == 0.0) {
            return Rates { unit: CostUnit::Hours, default: 1.0, members: BTreeMap::new() };
        }
        Rates { unit: CostUnit::Money(currency.to_string()), default, members }
    }

    /// The cost of one hour of work of `assignee`.
    pub fn rate(&self, assignee: Option<Id>) -> f64 {
        assignee.and_then(|a| self.members.get(&a)).copied().unwrap_or(self.default)
    }

    /// BAC_t of a leaf: estimate × rate, `None` for milestones and cancelled tasks (not in the plan).
    pub fn budget(&self, t: &TaskFacts) -> Option<f64> {
        (!t.milestone && t.status != TaskStatus::Cancelled)
            .then(|| finite_non_negative(t.estimate_hours) * self.rate(t.assignee))
    }
}

/// One leaf of the plan: its dates and its budget (BAC_t).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedTask {
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub budget: f64,
}
