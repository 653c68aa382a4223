//! Baselines: named, dated copies of the plan (dates, estimates and costs of every task), taken
//! with `Command::TakeBaseline`. The project's chosen baseline (`ProjectInfo::baseline`) is what
//! the burndown's ideal line and the planned value compare against; a baseline never changes with
//! the plan (a deleted task stays in it: removed scope).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::analytics::evm::Rates;
use crate::analytics::history::TaskFacts;
use crate::fields::entity_fields;
use crate::id::Id;
use crate::model::{Project, Task};

entity_fields! {
    /// One saved copy of the plan.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct Baseline with BaselineField {
        pub name: String as Name,
        /// The day it stands for (the plan as agreed on that day).
        pub taken_on: NaiveDate as TakenOn,
        /// When it was taken (the command's stamp).
        pub taken_at: DateTime<Utc> as TakenAt,
        /// Every task of the plan then, by id.
        pub tasks: BTreeMap<Id, BaselineTask> as Tasks,
    }
}

/// A task as the baseline has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct BaselineTask {
    /// Its place in the WBS then (to tell leaves from summary tasks in the old plan).
    pub parent: Option<Id>,
    pub title: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub estimate_hours: f64,
    /// Planned cost: estimate × the assignee's rate (or the project's default rate; in hours when
    /// the project has no rates, as earned value counts). 0 for milestones and cancelled tasks.
    pub budget: f64,
    pub milestone: bool,
}

impl BaselineTask {
    fn of(t: &Task, rates: &Rates) -> BaselineTask {
        BaselineTask {
            parent: t.parent,
            title: t.title.clone(),
            start: t.start,
            due: t.due,
            estimate_hours: t.estimate_hours,
            budget: rates.budget(&TaskFacts::of(t)).unwrap_or(0.0),
            milestone: t.milestone,
        }
    }
}

/// The current plan of `p` as a baseline.
pub fn snapshot(p: &Project, name: String, taken_on: NaiveDate, taken_at: DateTime<Utc>) -> Baseline {
    let rates = Rates::of_project(p);
    let tasks = p.tasks.iter().map(|(id, t)| (*id, BaselineTask::of(t, &rates))).collect();
    Baseline { name, taken_on, taken_at, tasks }
}

impl Baseline {
    /// Total planned cost (budget at completion of the baseline).
    pub fn total_budget(&self) -> f64 {
        self.tasks.values().map(|t| t.budget).sum()
    }
}

/// The project's chosen baseline, if it is set and still exists.
pub fn chosen(p: &Project) -> Option<&Baseline> {
    p.info.baseline.and_then(|id| p.baselines.get(&id))
}

impl Baseline {
    /// The leaves of the baseline's WBS (tasks no other baseline task has as parent).
    pub fn leaves(&self) -> impl Iterator<Item = (&Id, &BaselineTask)> {
        let parents: std::collections::HashSet<Id> =
            self.tasks.values().filter_map(|t| t.parent).filter(|id| self.tasks.contains_key(id)).collect();
        self.tasks.iter().filter(move |(id, _)| !parents.contains(id))
    }

    /// The baseline as a plan for planned value: its leaves with a budget (milestones and tasks
    /// cancelled then have none).
    pub fn plan(&self) -> Vec<crate::analytics::evm::PlannedTask> {
        self.leaves()
            .filter(|(_, t)| !t.milestone && t.budget > 0.0)
            .map(|(_, t)| crate::analytics::evm::PlannedTask { start: t.start, due: t.due, budget: t.budget })
            .collect()
    }

    /// The baseline as a plan of work in hours (or one unit per leaf for `tasks`), optionally only
    /// for the tasks of a set: what the burndown's ideal line burns down.
    pub fn work_plan(
        &self,
        per_task: bool,
        scope: Option<&std::collections::HashSet<Id>>,
    ) -> Vec<crate::analytics::evm::PlannedTask> {
        self.leaves()
            .filter(|(id, t)| !t.milestone && scope.is_none_or(|s| s.contains(id)))
            .map(|(_, t)| crate::analytics::evm::PlannedTask {
                start: t.start,
                due: t.due,
                budget: if per_task { 1.0 } else { crate::analytics::history::finite_non_negative(t.estimate_hours) },
            })
            .collect()
    }
}
