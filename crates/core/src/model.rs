//! The model: a workspace of projects, each with members, WBS tasks, issues, risks, stakeholders,
//! meetings and their action items, baselines, issued reports, and its change log.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::change::{Change, EntityKind, EntityRef};
use crate::enums::*;
use crate::fields::entity_fields;
use crate::id::Id;

pub use crate::baseline::{Baseline, BaselineField, BaselineTask};
pub use crate::import_record::{ImportRecord, ImportRecordField};
pub use crate::meeting::{ActionItem, ActionItemField, Meeting, MeetingField};
pub use crate::report::{Report, ReportField};
pub use crate::stakeholder::{Stakeholder, StakeholderField};

/// Evaluates `$body` with `$m` bound to the project's collection (`&BTreeMap<Id, T>`, or
/// `&mut` with a leading `mut`) of the entities of `$kind`, or evaluates `$project` for the
/// project itself (which collection holds which kind: `crate::entity_kinds`).
macro_rules! with_collection {
    // First: `[` could begin an expression, which the rules below would try and fail on.
    // The match, one arm per kind of `entity_kinds!`.
    ([@arms [] ($p:expr, $kind:expr, $m:ident, $body:expr, $proj:expr)] $($var:ident: $k:ident($ty:ty) => $check:path),* $(,)?) => {
        match $kind {
            crate::change::EntityKind::Project => $proj,
            $(crate::change::EntityKind::$k => { let $m = &$p.$var; $body })*
        }
    };
    ([@arms [mut] ($p:expr, $kind:expr, $m:ident, $body:expr, $proj:expr)] $($var:ident: $k:ident($ty:ty) => $check:path),* $(,)?) => {
        match $kind {
            crate::change::EntityKind::Project => $proj,
            $(crate::change::EntityKind::$k => { let $m = &mut $p.$var; $body })*
        }
    };
    (mut $p:expr, $kind:expr, |$m:ident| $body:expr, project => $proj:expr) => {
        crate::model::with_collection!(@ [mut] $p, $kind, |$m| $body, project => $proj)
    };
    ($p:expr, $kind:expr, |$m:ident| $body:expr, project => $proj:expr) => {
        crate::model::with_collection!(@ [] $p, $kind, |$m| $body, project => $proj)
    };
    (@ [$($mu:tt)?] $p:expr, $kind:expr, |$m:ident| $body:expr, project => $proj:expr) => {
        crate::entity_kinds::entity_kinds!(with_collection, @arms [$($mu)?] ($p, $kind, $m, $body, $proj))
    };
}

pub(crate) use with_collection;

/// How an entity is named in previews and feeds: its title, or its name.
pub trait Named {
    fn display_name(&self) -> String;
}

macro_rules! named_by {
    ($($ty:ident . $field:ident),* $(,)?) => {
        $(impl Named for $ty {
            fn display_name(&self) -> String {
                self.$field.clone()
            }
        })*
    };
}

named_by!(
    Member.name,
    Task.title,
    Issue.title,
    Risk.title,
    Stakeholder.name,
    Meeting.title,
    ActionItem.title,
    Baseline.name
);

impl Named for ImportRecord {
    /// An import is named by its file.
    fn display_name(&self) -> String {
        self.file.clone()
    }
}

impl Named for Report {
    /// A report is named by its period.
    fn display_name(&self) -> String {
        format!("{} – {}", self.period_start, self.period_end)
    }
}

/// Every project the user keeps, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workspace {
    pub projects: BTreeMap<Id, Project>,
}

entity_fields! {
    /// The project's own fields (everything but its collections).
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct ProjectInfo with ProjectField {
        pub code: String as Code,
        pub name: String as Name,
        pub description: String as Description,
        pub manager: String as Manager,
        pub start: Option<NaiveDate> as Start,
        pub target_end: Option<NaiveDate> as TargetEnd,
        pub status: ProjectStatus as Status,
        pub working_days: Vec<Weekday> as WorkingDays,
        pub archived: bool as Archived,
        /// Japanese public holidays (祝日, 振替休日, 国民の休日) are days off.
        pub japanese_holidays: bool as JapaneseHolidays,
        /// Recurring company holidays: "MM-DD" or a range "MM-DD..MM-DD" (may wrap the year end,
        /// e.g. 年末年始 "12-29..01-03").
        pub company_holidays: Vec<String> as CompanyHolidays,
        /// Per-project exceptions: extra days off.
        pub extra_holidays: Vec<NaiveDate> as ExtraHolidays,
        /// Per-project exceptions: days worked although the calendar says off (休日出勤).
        pub extra_working_days: Vec<NaiveDate> as ExtraWorkingDays,
        /// Cost of one hour of work for members without their own rate; 0 = earned value in hours.
        pub default_rate: f64 as DefaultRate,
        /// Currency code shown with costs (e.g. "JPY").
        pub currency: String as Currency,
        /// The chosen baseline: the burndown's ideal line and the planned value follow it.
        pub baseline: Option<Id> as Baseline,
        /// The day of the regular meeting (定例会議), if there is one.
        pub meeting_weekday: Option<Weekday> as MeetingWeekday,
        /// The regular meeting is every this many weeks (1 = weekly).
        pub meeting_every_weeks: u8 as MeetingEveryWeeks,
    }
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
            baseline: None,
            meeting_weekday: None,
            meeting_every_weeks: 1,
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

entity_fields! {
    /// A person on the project team.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Member with MemberField {
        pub name: String as Name,
        pub role: String as Role,
        pub capacity_hours_per_week: f64 as CapacityHoursPerWeek,
        /// Cost of one hour of this member's work; `None` = the project's default rate.
        pub rate: Option<f64> as Rate,
    }
}

impl Default for Member {
    fn default() -> Self {
        Member { name: String::new(), role: String::new(), capacity_hours_per_week: 40.0, rate: None }
    }
}

entity_fields! {
    /// A WBS element. Its place in the tree is `parent` plus `rank` among its siblings.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct Task with TaskField {
        pub parent: Option<Id> as Parent,
        /// Order among siblings (ascending); WBS numbers are derived from it.
        pub rank: f64 as Rank,
        pub title: String as Title,
        pub description: String as Description,
        pub assignee: Option<Id> as Assignee,
        pub start: Option<NaiveDate> as Start,
        pub due: Option<NaiveDate> as Due,
        pub estimate_hours: f64 as EstimateHours,
        pub actual_hours: f64 as ActualHours,
        /// Remaining work; `None` means "estimate × (100 − percent) %".
        pub remaining_hours: Option<f64> as RemainingHours,
        pub story_points: Option<f64> as StoryPoints,
        pub percent: f64 as Percent,
        pub status: TaskStatus as Status,
        pub priority: Priority as Priority,
        pub milestone: bool as Milestone,
        /// Finish-to-start predecessors.
        pub depends_on: Vec<Id> as DependsOn,
        pub tags: Vec<String> as Tags,
        /// The key of the item this task was imported from (`jira:PROJ-12`): re-imports match on it.
        #[serde(skip_serializing_if = "String::is_empty")]
        pub source_key: String as SourceKey,
        /// The RACI row of a deliverable: member or stakeholder id → role.
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        pub raci: BTreeMap<Id, Raci> as Raci,
    }
}

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

entity_fields! {
    /// An entry of the issue log (課題管理表).
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct Issue with IssueField {
        /// Its number (#12, R3), given when it is created and never edited; 0 = none given (made
        /// before numbers were stored: numbered by creation order, see [`crate::number`]).
        #[serde(default, skip_serializing_if = "zero")]
        pub no: u32 as No,
        pub title: String as Title,
        pub description: String as Description,
        pub raised_on: Option<NaiveDate> as RaisedOn,
        pub raised_by: String as RaisedBy,
        pub owner: Option<Id> as Owner,
        pub priority: Priority as Priority,
        pub due: Option<NaiveDate> as Due,
        pub status: IssueStatus as Status,
        pub resolution: String as Resolution,
        pub linked_tasks: Vec<Id> as LinkedTasks,
        pub linked_risks: Vec<Id> as LinkedRisks,
        /// The key of the item this issue was imported from (`backlog:PRJ-7`).
        #[serde(skip_serializing_if = "String::is_empty")]
        pub source_key: String as SourceKey,
    }
}

entity_fields! {
    /// An entry of the risk register (リスク管理表).
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Risk with RiskField {
        /// Its number (#12, R3), given when it is created and never edited; 0 = none given (made
        /// before numbers were stored: numbered by creation order, see [`crate::number`]).
        #[serde(default, skip_serializing_if = "zero")]
        pub no: u32 as No,
        pub kind: RiskKind as Kind,
        pub title: String as Title,
        pub description: String as Description,
        pub category: String as Category,
        pub cause: String as Cause,
        /// 1–5
        pub probability: u8 as Probability,
        /// 1–5
        pub impact: u8 as Impact,
        /// Expected after the response (1–5), if assessed.
        pub residual_probability: Option<u8> as ResidualProbability,
        pub residual_impact: Option<u8> as ResidualImpact,
        pub owner: Option<Id> as Owner,
        pub strategy: RiskStrategy as Strategy,
        pub response_plan: String as ResponsePlan,
        pub contingency_plan: String as ContingencyPlan,
        pub review_date: Option<NaiveDate> as ReviewDate,
        pub status: RiskStatus as Status,
        /// The issue this risk became when it occurred.
        pub linked_issue: Option<Id> as LinkedIssue,
    }
}

impl Default for Risk {
    fn default() -> Self {
        Risk {
            no: 0,
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

/// No number given (`Issue::no`, `Risk::no`): left out of files.
fn zero(n: &u32) -> bool {
    *n == 0
}

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
    pub stakeholders: BTreeMap<Id, Stakeholder>,
    pub meetings: BTreeMap<Id, Meeting>,
    pub action_items: BTreeMap<Id, ActionItem>,
    pub baselines: BTreeMap<Id, Baseline>,
    pub reports: BTreeMap<Id, Report>,
    /// The imports made into this project, by the batch id of their changes.
    pub imports: BTreeMap<Id, ImportRecord>,
    /// Append-only change log, in the order the changes were applied here.
    pub changes: Vec<Change>,
}

impl Project {
    /// An empty project (no creation change recorded; use `Command::CreateProject` for that).
    pub fn empty(id: Id) -> Self {
        Project { id, ..Default::default() }
    }

    /// The same project under a new id, its project entity's changes re-addressed to it (a sample
    /// loaded twice, or a file's copy of a project that is here already, kept side by side).
    pub fn rebased(mut self, id: Id) -> Self {
        let old = self.id;
        self.id = id;
        for c in &mut self.changes {
            if c.entity.kind == EntityKind::Project && c.entity.id == old {
                c.entity.id = id;
            }
        }
        self
    }

    pub fn entity_exists(&self, r: EntityRef) -> bool {
        with_collection!(self, r.kind, |m| m.contains_key(&r.id), project => r.id == self.id)
    }

    /// The whole entity as JSON (for storage records and deletion snapshots).
    pub fn entity_json(&self, r: EntityRef) -> Option<serde_json::Value> {
        let v = with_collection!(
            self, r.kind, |m| m.get(&r.id).map(serde_json::to_value),
            project => (r.id == self.id).then(|| serde_json::to_value(&self.info))
        )?;
        v.ok()
    }

    /// Whether this project and `other` both hold the entity, equal, compared as typed values
    /// (no JSON is built). Equal entities serialize alike; unequal ones may still (a value that
    /// serializes to the same JSON), so a caller that needs the JSON's view compares that next.
    pub fn same_entity(&self, other: &Project, r: EntityRef) -> bool {
        macro_rules! same {
            ([] $($list:ident: $kind:ident($ty:ty) => $check:path),* $(,)?) => {
                match r.kind {
                    EntityKind::Project => r.id == self.id && r.id == other.id && self.info == other.info,
                    $(EntityKind::$kind => matches!(
                        (self.$list.get(&r.id), other.$list.get(&r.id)),
                        (Some(a), Some(b)) if a == b
                    ),)*
                }
            };
        }
        crate::entity_kinds::entity_kinds!(same)
    }

    pub fn get_field(&self, r: EntityRef, field: &str) -> Option<serde_json::Value> {
        with_collection!(
            self, r.kind, |m| m.get(&r.id)?.get_field(field),
            project => (r.id == self.id).then(|| self.info.get_field(field)).flatten()
        )
    }

    /// The entity's title or name (the project's name), or `None` if the project does not have it.
    pub fn entity_title(&self, r: EntityRef) -> Option<String> {
        with_collection!(
            self, r.kind, |m| m.get(&r.id).map(Named::display_name),
            project => (r.id == self.id).then(|| self.info.name.clone())
        )
    }

    /// The ids of the entities of one kind (the project's own id for `Project`).
    pub fn ids(&self, kind: EntityKind) -> Vec<Id> {
        with_collection!(self, kind, |m| m.keys().copied().collect(), project => vec![self.id])
    }

    /// Every entity of the project but the project itself, kind by kind.
    pub fn entity_refs(&self) -> Vec<EntityRef> {
        EntityKind::ALL
            .iter()
            .filter(|k| **k != EntityKind::Project)
            .flat_map(|k| self.ids(*k).into_iter().map(|id| EntityRef::new(*k, id)))
            .collect()
    }

    /// Whether `id` is a member or a stakeholder of the project (who can attend, own an action
    /// item or hold a RACI role).
    pub fn person_exists(&self, id: Id) -> bool {
        self.members.contains_key(&id) || self.stakeholders.contains_key(&id)
    }

    /// Display name of a member or stakeholder, or "" if unknown.
    pub fn person_name(&self, id: Option<Id>) -> &str {
        let Some(id) = id else { return "" };
        match self.members.get(&id) {
            Some(m) => &m.name,
            None => self.stakeholders.get(&id).map(|s| s.name.as_str()).unwrap_or(""),
        }
    }

    /// Children of `parent` (None = top level) in sibling order.
    pub fn children_of(&self, parent: Option<Id>) -> Vec<Id> {
        let mut v: Vec<(&Id, &Task)> = self.tasks.iter().filter(|(_, t)| t.parent == parent).collect();
        v.sort_by(|a, b| a.1.rank.total_cmp(&b.1.rank).then(a.0.cmp(b.0)));
        v.into_iter().map(|(id, _)| *id).collect()
    }

    /// Display name of a member, or "" if unknown.
    pub fn member_name(&self, id: Option<Id>) -> &str {
        id.and_then(|id| self.members.get(&id)).map(|m| m.name.as_str()).unwrap_or("")
    }

    /// Members in the order they were added.
    pub fn member_numbers(&self) -> BTreeMap<Id, usize> {
        self.creation_numbers(EntityKind::Member)
    }

    fn creation_numbers(&self, kind: EntityKind) -> BTreeMap<Id, usize> {
        let mut created: Vec<&Change> =
            self.changes.iter().filter(|c| c.entity.kind == kind && c.field == crate::change::CREATE).collect();
        created.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        let mut out = BTreeMap::new();
        for c in created {
            let n = out.len() + 1;
            out.entry(c.entity.id).or_insert(n);
        }
        out
    }
}
