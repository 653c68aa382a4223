//! From [`SourceRow`]s to a project: the preview ([`plan`], writes nothing) and the import
//! ([`apply`]). Source keys are kept on tasks and issues (`jira:PROJ-12`) so importing the same
//! export again updates what it created instead of duplicating it, and keeps Mieruka-only fields.
//!
//! [`plan`] and [`apply`] run the same resolution, so the preview's counts are exactly what the
//! import does. The rules:
//!
//! - **Keys**: a row's key is trimmed and loses one leading `#` (Redmine's `#123` = `123`); the
//!   task or issue keeps `"{source}:{key}"` as its source key. A row without a key is always new.
//!   A key seen twice → [`WarningKind::DuplicateKey`], the later row skipped.
//! - **Values**: status, priority and type words are looked up trimmed and lower-cased in
//!   [`ValueMaps`], then as Mieruka's own words (`done`, `high`, `issue` …); an unknown word warns
//!   once per distinct word (line of its first use). An empty or unknown status is derived:
//!   resolved or 100 % → done, above 0 % → in progress, else not started. A done task without a
//!   percent is at 100 %. Type: [`ItemKind::Milestone`] makes a milestone task, [`ItemKind::Issue`]
//!   an entry of the issue log (status: not started / blocked → open, in progress → in progress,
//!   done → resolved, cancelled → closed), [`ItemKind::Skip`] skips the row.
//! - **Tree**: the parent is the row's parent key (a task of the file, or a task of the project
//!   with that source key), else the longest WBS-number prefix present in the file (`1.2.3` →
//!   `1.2` → `1`). An unresolved parent → [`WarningKind::UnknownParent`]; a parent chain that loops
//!   → [`WarningKind::ParentCycle`] on the row that closes it; both land at the top level (an
//!   existing task keeps its place). New tasks keep the file's order among their siblings, after
//!   the siblings already there.
//! - **Assignees** match members by name, ignoring case and white space (`山田 太郎` = `山田太郎`);
//!   unknown names become new members.
//! - **Description**: the row's description, then each comment as `— {date} {author}: {text}`
//!   after a blank line. Tags: labels then sprints, without duplicates.
//! - **Predecessors** by key (of the file or the project) become `depends_on`; unknown keys →
//!   [`WarningKind::UnknownPredecessor`]; a dependency that would make a cycle (or a task depend on
//!   itself) is dropped with [`WarningKind::Unsupported`].
//! - **Sanity**: hours or points above [`crate::validate::MAX_HOURS`] → [`WarningKind::BadNumber`]
//!   and left empty; a start after the due date → the start is dropped
//!   ([`WarningKind::Unsupported`]); titles are cut to [`crate::validate::MAX_TITLE`] characters
//!   and descriptions to [`crate::validate::MAX_TEXT`] (both with a warning), tags to 100 characters and 50 tags; a row
//!   that still fails [`crate::validate`] is skipped with [`WarningKind::Unsupported`].
//!
//! **Re-import** ([`Destination::Existing`]): a row whose source key is already in the project
//! updates that task or issue, field by field, with only the fields the file provides (a field
//! counts as provided when at least one row of the file has a value for it: then an empty cell
//! clears it). The parent changes only when the row names one that resolves; `rank`, the milestone
//! flag, `depends_on` the user added, issue links and members' rates are kept (dependencies and
//! tags of the file are added to the task's own). Nothing is deleted. Importing the same file
//! twice changes nothing the second time. **Numbers**: new issues are numbered on from the
//! project's highest ([`crate::number`]) in the order of their creation times; an updated one keeps
//! its number.
//!
//! **History**: a new item's creation is stamped at its `created` time (local time of the file,
//! converted with [`ImportOptions::tz_offset_min`]), else at `stamp.at`; a done or cancelled item
//! with a `resolved` time (else its `updated` time) after its creation is created open and closed
//! by a second change at that time, so burndown and burnup show the drop on that day. A new project is created at the
//! earliest of those times, its new members with it. Nothing is stamped after `stamp.at`. On
//! re-import, updates are stamped at `stamp.at` (after the project's last change), except that an
//! item closing with a resolved time later than its own last change is closed at that time. All
//! changes carry `stamp.actor` and `stamp.batch` (one undo step); change ids are
//! [`Stamp::change_id`], entity ids are derived from the batch with its top bit flipped, so the two
//! never collide.

mod assignees;
mod context;
mod dependencies;
mod issues;
mod item;
mod materialize;
mod preview;
mod resolve;
mod rows;
mod seed;
mod tasks;
mod text;
mod tree;
mod words;

use chrono::NaiveDate;

use self::materialize::materialize;
use self::resolve::resolve;
pub use self::text::norm_name;
use super::{ItemKind, Source, SourceRow, ValueMaps, Warning};
use crate::enums::{Priority, TaskStatus};
use crate::error::DomainError;
use crate::id::{Id, Stamp};
use crate::model::{Project, ProjectInfo};
use crate::validate;

#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    pub source: Source,
    pub values: ValueMaps,
    /// Minutes the user's time zone is ahead of UTC (JST = 540): file times are local.
    pub tz_offset_min: i32,
    /// The file's name, kept in the import's audit record.
    pub file: String,
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
    resolve(existing, rows, opts, Id::nil()).plan
}

/// Imports `rows`. Every change is stamped with `stamp.actor` and `stamp.batch` (one undo step);
/// creation and resolution use the file's own times so the history is seeded.
pub fn apply(
    dest: Destination<'_>,
    rows: &[SourceRow],
    opts: &ImportOptions,
    stamp: &Stamp,
) -> Result<Project, DomainError> {
    match dest {
        Destination::New { id, name } => {
            let info = ProjectInfo { name: name.trim().to_string(), ..ProjectInfo::default() };
            validate::project(&info)?;
            let r = resolve(None, rows, opts, stamp.batch);
            let mut p = Project::empty(id);
            p.info = info;
            materialize(&mut p, r, opts, stamp, true);
            Ok(p)
        }
        Destination::Existing(existing) => {
            let r = resolve(Some(existing), rows, opts, stamp.batch);
            let mut p = existing.clone();
            materialize(&mut p, r, opts, stamp, false);
            Ok(p)
        }
    }
}
