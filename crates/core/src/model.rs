//! The model: a workspace of projects, each with members, WBS tasks, issues, risks and its change log.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::change::{Change, EntityKind, EntityRef};
use crate::enums::*;
use crate::fields::entity_fields;
use crate::id::Id;

/// Every project the user keeps, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workspace {
    pub projects: BTreeMap<Id, Project>,
}

/// The project's own fields (everything but its collections).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectInfo {
    pub code: String,
    pub name: String,
    pub description: String,
    pub manager: String,
    pub start: Option<NaiveDate>,
    pub target_end: Option<NaiveDate>,
    pub status: ProjectStatus,
    pub working_days: Vec<Weekday>,
    pub archived: bool,
    /// Japanese public holidays (祝日, 振替休日, 国民の休日) are days off.
    pub japanese_holidays: bool,
    /// Recurring company holidays: "MM-DD" or a range "MM-DD..MM-DD" (may wrap the year end,
    /// e.g. 年末年始 "12-29..01-03").
    pub company_holidays: Vec<String>,
    /// Per-project exceptions: extra days off.
    pub extra_holidays: Vec<NaiveDate>,
    /// Per-project exceptions: days worked although the calendar says off (休日出勤).
    pub extra_working_days: Vec<NaiveDate>,
    /// Cost of one hour of work for members without their own rate; 0 = earned value in hours.
    pub default_rate: f64,
    /// Currency code shown with costs (e.g. "JPY").
    pub currency: String,
}

impl Default for ProjectInfo {
    fn default() -> Self {
        ProjectInfo {
            code: String::new(),
            name: String::new(),
            description: String::new(),
            manager: String::new(),
            start: None,
            target_end: None,
            status: ProjectStatus::Planning,
            working_days: Weekday::monday_to_friday(),
            archived: false,
            japanese_holidays: true,
            company_holidays: vec!["12-29..01-03".to_string()],
            extra_holidays: Vec::new(),
            extra_working_days: Vec::new(),
            default_rate: 0.0,
            currency: "JPY".to_string(),
        }
    }
}

impl ProjectInfo {
    /// How the project is named in file names and short places: its code, else its name.
    pub fn label(&self) -> &str {
        if self.code.is_empty() {
            &self.name
        } else {
            &self.code
        }
    }
}

entity_fields!(ProjectInfo {
    code: String,
    name: String,
    description: String,
    manager: String,
    start: Option<NaiveDate>,
    target_end: Option<NaiveDate>,
    status: ProjectStatus,
    working_days: Vec<Weekday>,
    archived: bool,
    japanese_holidays: bool,
    company_holidays: Vec<String>,
    extra_holidays: Vec<NaiveDate>,
    extra_working_days: Vec<NaiveDate>,
    default_rate: f64,
    currency: String,
});

/// A person on the project team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Member {
    pub name: String,
    pub role: String,
    pub capacity_hours_per_week: f64,
    /// Cost of one hour of this member's work; `None` = the project's default rate.
    pub rate: Option<f64>,
}

impl Default for Member {
    fn default() -> Self {
        Member { name: String::new(), role: String::new(), capacity_hours_per_week: 40.0, rate: None }
    }
}

entity_fields!(Member { name: String, role: String, capacity_hours_per_week: f64, rate: Option<f64> });

/// A WBS element. Its place in the tree is `parent` plus `rank` among its siblings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Task {
    pub parent: Option<Id>,
    /// Order among siblings (ascending); WBS numbers are derived from it.
    pub rank: f64,
    pub title: String,
    pub description: String,
    pub assignee: Option<Id>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub estimate_hours: f64,
    pub actual_hours: f64,
    /// Remaining work; `None` means "estimate × (100 − percent) %".
    pub remaining_hours: Option<f64>,
    pub story_points: Option<f64>,
    pub percent: f64,
    pub status: TaskStatus,
    pub priority: Priority,
    pub milestone: bool,
    /// Finish-to-start predecessors.
    pub depends_on: Vec<Id>,
    pub tags: Vec<String>,
    /// The key of the item this task was imported from (`jira:PROJ-12`): re-imports match on it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source_key: String,
}

entity_fields!(Task {
    parent: Option<Id>,
    rank: f64,
    title: String,
    description: String,
    assignee: Option<Id>,
    start: Option<NaiveDate>,
    due: Option<NaiveDate>,
    estimate_hours: f64,
    actual_hours: f64,
    remaining_hours: Option<f64>,
    story_points: Option<f64>,
    percent: f64,
    status: TaskStatus,
    priority: Priority,
    milestone: bool,
    depends_on: Vec<Id>,
    tags: Vec<String>,
    source_key: String,
});

impl Task {
    /// Remaining hours as used by roll-ups and charts: 0 when done or cancelled, else the explicit
    /// remaining, else estimate × (100 − percent) %.
    pub fn effective_remaining(&self) -> f64 {
        if self.status.is_closed() {
            return 0.0;
        }
        match self.remaining_hours {
            Some(r) => r,
            None => self.estimate_hours * (100.0 - self.percent).max(0.0) / 100.0,
        }
    }

    /// Progress in percent, 100 when done.
    pub fn effective_percent(&self) -> f64 {
        if self.status == TaskStatus::Done {
            100.0
        } else {
            self.percent
        }
    }
}

/// An entry of the issue log (課題管理表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Issue {
    pub title: String,
    pub description: String,
    pub raised_on: Option<NaiveDate>,
    pub raised_by: String,
    pub owner: Option<Id>,
    pub priority: Priority,
    pub due: Option<NaiveDate>,
    pub status: IssueStatus,
    pub resolution: String,
    pub linked_tasks: Vec<Id>,
    pub linked_risks: Vec<Id>,
    /// The key of the item this issue was imported from (`backlog:PRJ-7`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source_key: String,
}

entity_fields!(Issue {
    title: String,
    description: String,
    raised_on: Option<NaiveDate>,
    raised_by: String,
    owner: Option<Id>,
    priority: Priority,
    due: Option<NaiveDate>,
    status: IssueStatus,
    resolution: String,
    linked_tasks: Vec<Id>,
    linked_risks: Vec<Id>,
    source_key: String,
});

/// An entry of the risk register (リスク管理表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Risk {
    pub kind: RiskKind,
    pub title: String,
    pub description: String,
    pub category: String,
    pub cause: String,
    /// 1–5
    pub probability: u8,
    /// 1–5
    pub impact: u8,
    /// Expected after the response (1–5), if assessed.
    pub residual_probability: Option<u8>,
    pub residual_impact: Option<u8>,
    pub owner: Option<Id>,
    pub strategy: RiskStrategy,
    pub response_plan: String,
    pub contingency_plan: String,
    pub review_date: Option<NaiveDate>,
    pub status: RiskStatus,
    /// The issue this risk became when it occurred.
    pub linked_issue: Option<Id>,
}

impl Default for Risk {
    fn default() -> Self {
        Risk {
            kind: RiskKind::Threat,
            title: String::new(),
            description: String::new(),
            category: String::new(),
            cause: String::new(),
            probability: 3,
            impact: 3,
            residual_probability: None,
            residual_impact: None,
            owner: None,
            strategy: RiskStrategy::Mitigate,
            response_plan: String::new(),
            contingency_plan: String::new(),
            review_date: None,
            status: RiskStatus::Open,
            linked_issue: None,
        }
    }
}

entity_fields!(Risk {
    kind: RiskKind,
    title: String,
    description: String,
    category: String,
    cause: String,
    probability: u8,
    impact: u8,
    residual_probability: Option<u8>,
    residual_impact: Option<u8>,
    owner: Option<Id>,
    strategy: RiskStrategy,
    response_plan: String,
    contingency_plan: String,
    review_date: Option<NaiveDate>,
    status: RiskStatus,
    linked_issue: Option<Id>,
});

impl Risk {
    /// P × I, 1–25.
    pub fn score(&self) -> u8 {
        self.probability.saturating_mul(self.impact)
    }

    pub fn level(&self) -> RiskLevel {
        RiskLevel::from_score(self.score())
    }
}

/// One project and its whole history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Project {
    pub id: Id,
    pub info: ProjectInfo,
    pub members: BTreeMap<Id, Member>,
    pub tasks: BTreeMap<Id, Task>,
    pub issues: BTreeMap<Id, Issue>,
    pub risks: BTreeMap<Id, Risk>,
    /// Append-only change log, in the order the changes were applied here.
    pub changes: Vec<Change>,
}

impl Project {
    /// An empty project (no creation change recorded; use `Command::CreateProject` for that).
    pub fn empty(id: Id) -> Self {
        Project { id, ..Default::default() }
    }

    pub fn entity_exists(&self, r: EntityRef) -> bool {
        match r.kind {
            EntityKind::Project => r.id == self.id,
            EntityKind::Member => self.members.contains_key(&r.id),
            EntityKind::Task => self.tasks.contains_key(&r.id),
            EntityKind::Issue => self.issues.contains_key(&r.id),
            EntityKind::Risk => self.risks.contains_key(&r.id),
        }
    }

    /// The whole entity as JSON (for storage records and deletion snapshots).
    pub fn entity_json(&self, r: EntityRef) -> Option<serde_json::Value> {
        let v = match r.kind {
            EntityKind::Project => (r.id == self.id).then(|| serde_json::to_value(&self.info)),
            EntityKind::Member => self.members.get(&r.id).map(serde_json::to_value),
            EntityKind::Task => self.tasks.get(&r.id).map(serde_json::to_value),
            EntityKind::Issue => self.issues.get(&r.id).map(serde_json::to_value),
            EntityKind::Risk => self.risks.get(&r.id).map(serde_json::to_value),
        }?;
        v.ok()
    }

    pub fn get_field(&self, r: EntityRef, field: &str) -> Option<serde_json::Value> {
        match r.kind {
            EntityKind::Project => (r.id == self.id).then(|| self.info.get_field(field)).flatten(),
            EntityKind::Member => self.members.get(&r.id)?.get_field(field),
            EntityKind::Task => self.tasks.get(&r.id)?.get_field(field),
            EntityKind::Issue => self.issues.get(&r.id)?.get_field(field),
            EntityKind::Risk => self.risks.get(&r.id)?.get_field(field),
        }
    }

    /// Children of `parent` (None = top level) in sibling order.
    pub fn children_of(&self, parent: Option<Id>) -> Vec<Id> {
        let mut v: Vec<(&Id, &Task)> = self.tasks.iter().filter(|(_, t)| t.parent == parent).collect();
        v.sort_by(|a, b| a.1.rank.total_cmp(&b.1.rank).then(a.0.cmp(b.0)));
        v.into_iter().map(|(id, _)| *id).collect()
    }

    /// The task and all its descendants.
    pub fn subtree(&self, root: Id) -> Vec<Id> {
        let children = crate::rollup::children_index(self);
        let mut out = vec![root];
        let mut i = 0;
        while i < out.len() {
            if let Some(c) = children.get(&Some(out[i])) {
                out.extend(c.iter().copied());
            }
            i += 1;
        }
        out
    }

    /// Display name of a member, or "" if unknown.
    pub fn member_name(&self, id: Option<Id>) -> &str {
        id.and_then(|id| self.members.get(&id)).map(|m| m.name.as_str()).unwrap_or("")
    }

    /// Issues in the order they were raised (creation order in the log), for display numbers.
    pub fn issue_numbers(&self) -> BTreeMap<Id, usize> {
        self.creation_numbers(EntityKind::Issue)
    }

    pub fn risk_numbers(&self) -> BTreeMap<Id, usize> {
        self.creation_numbers(EntityKind::Risk)
    }

    fn creation_numbers(&self, kind: EntityKind) -> BTreeMap<Id, usize> {
        let mut created: Vec<&Change> = self
            .changes
            .iter()
            .filter(|c| c.entity.kind == kind && c.field == crate::change::CREATE)
            .collect();
        created.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        let mut out = BTreeMap::new();
        for c in created {
            let n = out.len() + 1;
            out.entry(c.entity.id).or_insert(n);
        }
        out
    }
}
