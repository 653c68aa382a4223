//! Baselines and the plan: a baseline taken from the current plan ([`snapshot`], for
//! `Command::TakeBaseline`), the project's chosen one ([`chosen`]), and a baseline as the plan that
//! planned value and the burndown's ideal line measure against. Above both the baseline's type
//! (`baseline`) and the task costs (`cost`), below the analytics that read it.

use chrono::{DateTime, NaiveDate, Utc};

use crate::baseline::{Baseline, BaselineTask};
use crate::cost::{finite_non_negative, PlannedTask, Rates, TaskFacts};
use crate::id::Id;
use crate::model::{Project, Task};

/// A task as a baseline keeps it.
fn baseline_task(t: &Task, rates: &Rates) -> BaselineTask {
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

/// The current plan of `p` as a baseline.
pub fn snapshot(p: &Project, name: String, taken_on: NaiveDate, taken_at: DateTime<Utc>) -> Baseline {
    let rates = Rates::of_project(p);
    let tasks = p.tasks.iter().map(|(id, t)| (*id, baseline_task(t, &rates))).collect();
    Baseline { name, taken_on, taken_at, tasks }
}

/// The project's chosen baseline, if it is set and still exists.
pub fn chosen(p: &Project) -> Option<&Baseline> {
    p.info.baseline.and_then(|id| p.baselines.get(&id))
}

impl Baseline {
    /// The baseline as a plan for planned value: its leaves with a budget (milestones and tasks
    /// cancelled then have none).
    pub fn plan(&self) -> Vec<PlannedTask> {
        self.leaves()
            .filter(|(_, t)| !t.milestone && t.budget > 0.0)
            .map(|(_, t)| PlannedTask { start: t.start, due: t.due, budget: t.budget })
            .collect()
    }

    /// The baseline as a plan of work in hours (or one unit per leaf for `tasks`), optionally only
    /// for the tasks of a set: what the burndown's ideal line burns down.
    pub fn work_plan(&self, per_task: bool, scope: Option<&std::collections::HashSet<Id>>) -> Vec<PlannedTask> {
        self.leaves()
            .filter(|(id, t)| !t.milestone && scope.is_none_or(|s| s.contains(id)))
            .map(|(_, t)| PlannedTask {
                start: t.start,
                due: t.due,
                budget: if per_task { 1.0 } else { finite_non_negative(t.estimate_hours) },
            })
            .collect()
    }
}
