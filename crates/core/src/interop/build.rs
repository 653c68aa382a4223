//! From [`SourceRow`]s to a project: the preview ([`plan`], writes nothing) and the import
//! ([`apply`]). Source keys are kept on tasks and issues (`jira:PROJ-12`) so importing the same
//! export again updates what it created instead of duplicating it, and keeps Mieruka-only fields.

use chrono::NaiveDate;

use super::{ItemKind, Source, SourceRow, ValueMaps, Warning};
use crate::enums::{Priority, TaskStatus};
use crate::error::DomainError;
use crate::id::{Id, Stamp};
use crate::model::Project;

#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    pub source: Source,
    pub values: ValueMaps,
    /// Minutes the user's time zone is ahead of UTC (JST = 540): file times are local.
    pub tz_offset_min: i32,
}

/// Where the import lands.
#[derive(Debug, Clone, PartialEq)]
pub enum Destination<'a> {
    /// A new project with this id and name.
    New { id: Id, name: String },
    /// An existing project (typically created by an earlier import of the same source).
    Existing(&'a Project),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    New,
    Update,
    Unchanged,
    Skip,
}

/// One row as it will land, for the preview table.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    pub line: usize,
    pub action: RowAction,
    pub item: ItemKind,
    /// Depth in the WBS (0 = top level).
    pub depth: usize,
    pub key: String,
    pub title: String,
    pub status: TaskStatus,
    pub priority: Priority,
    pub assignee: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub estimate_hours: f64,
    pub actual_hours: f64,
    pub percent: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub tasks_new: usize,
    pub tasks_updated: usize,
    pub tasks_unchanged: usize,
    pub issues_new: usize,
    pub issues_updated: usize,
    pub issues_unchanged: usize,
    pub members_new: usize,
    pub skipped: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub counts: Counts,
    /// Every row in WBS order (tasks) then issues; the UI shows the first ones.
    pub rows: Vec<PreviewRow>,
    pub warnings: Vec<Warning>,
    /// Distinct raw words found in the file, for the value-mapping editor.
    pub statuses: Vec<String>,
    pub priorities: Vec<String>,
    pub kinds: Vec<String>,
}

/// What importing `rows` into `existing` (or a new project) would do. Writes nothing.
pub fn plan(existing: Option<&Project>, rows: &[SourceRow], opts: &ImportOptions) -> Plan {
    let _ = (existing, rows, opts);
    todo!("interop::build::plan")
}

/// Imports `rows`. Every change is stamped with `stamp.actor` and `stamp.batch` (one undo step);
/// creation and resolution use the file's own times so the history is seeded.
pub fn apply(dest: Destination<'_>, rows: &[SourceRow], opts: &ImportOptions, stamp: &Stamp) -> Result<Project, DomainError> {
    let _ = (dest, rows, opts, stamp);
    todo!("interop::build::apply")
}
