//! Baselines: named, dated copies of the plan (dates, estimates and costs of every task), taken
//! with `Command::TakeBaseline`. The project's chosen baseline (`ProjectInfo::baseline`) is what
//! the burndown's ideal line and the planned value compare against; a baseline never changes with
//! the plan (a deleted task stays in it: removed scope). Taking one, and reading one as a plan, is
//! `baseline_plan`'s: this module holds the type alone, below the model that holds baselines.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::fields::entity_fields;
use crate::id::Id;

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

impl Baseline {
    /// Total planned cost (budget at completion of the baseline).
    pub fn total_budget(&self) -> f64 {
        self.tasks.values().map(|t| t.budget).sum()
    }

    /// The leaves of the baseline's WBS (tasks no other baseline task has as parent).
    pub fn leaves(&self) -> impl Iterator<Item = (&Id, &BaselineTask)> {
        let parents: std::collections::HashSet<Id> =
            self.tasks.values().filter_map(|t| t.parent).filter(|id| self.tasks.contains_key(id)).collect();
        self.tasks.iter().filter(move |(id, _)| !parents.contains(id))
    }
}
