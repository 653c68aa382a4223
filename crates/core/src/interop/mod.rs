//! Interoperability with the tools PMO data starts in, and with teammates' files.
//!
//! The import pipeline for files from other tools (Jira, Backlog, Redmine, a generic or
//! Excel-saved CSV, MS Project XML) is the same for every source:
//!
//! 1. [`text::decode`] the bytes (UTF-8 with or without BOM, Shift_JIS read as code page 932);
//! 2. [`csv::read`] them into a [`csv::Table`] (delimiter detected, quoted newlines, ragged rows),
//!    or [`mspdi::read`] an MS Project XML file straight into [`SourceRow`]s;
//! 3. [`profile::detect`] which tool wrote it and [`profile::suggest`] a [`ColumnMap`] from the
//!    headers (the user may edit it on the mapping screen), with [`profile::default_values`];
//! 4. [`extract::rows`] turns the table into [`SourceRow`]s with located [`Warning`]s;
//! 5. [`build::plan`] previews what will land (counts, first rows, warnings) without writing
//!    anything, and [`build::apply`] makes the project: a new one, or the existing project the
//!    same export created before (rows matched by their source key, Mieruka-only fields kept).
//!    The file's own history (created, resolved) seeds the change log so burndown works at once.
//!
//! Export: [`csv_export`] writes tasks, issues and risks as CSV Excel opens correctly (UTF-8 with
//! BOM or Shift_JIS, formula cells neutralized); [`mspdi::write`] writes the WBS and schedule back
//! to MS Project XML.

pub mod build;
pub mod csv;
pub mod csv_export;
pub mod dates;
pub mod extract;
pub mod mspdi;
pub mod profile;
pub mod text;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::enums::{Priority, TaskStatus};

/// The tool a file came from. Decides the header names, units and value vocabularies expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Jira,
    Backlog,
    Redmine,
    /// Any other CSV (Excel-saved, Mieruka's own export, …): columns mapped by the user.
    Csv,
    /// MS Project XML (MSPDI): MS Project, ProjectLibre, GanttProject.
    Mspdi,
}

impl Source {
    pub const ALL: &'static [Source] = &[Source::Jira, Source::Backlog, Source::Redmine, Source::Csv, Source::Mspdi];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Jira => "jira",
            Source::Backlog => "backlog",
            Source::Redmine => "redmine",
            Source::Csv => "csv",
            Source::Mspdi => "mspdi",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.iter().copied().find(|x| x.as_str() == s)
    }
}

/// What one column of a CSV file holds. A [`ColumnMap`] gives one of these per column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Not imported.
    Ignore,
    /// The source's own key (`PROJ-12`, `#123`): re-imports match on it.
    Key,
    /// The parent's key (sub-tasks, epics, 親課題, 親チケット).
    ParentKey,
    /// An outline / WBS number like `1.2.3`: the tree comes from it when there is no parent key.
    WbsNumber,
    Title,
    Description,
    /// Issue type / tracker / 種別: mapped through [`ValueMaps::kind`].
    Kind,
    Status,
    Priority,
    Assignee,
    Start,
    Due,
    Created,
    Updated,
    Resolved,
    EstimateHours,
    EstimateSeconds,
    ActualHours,
    ActualSeconds,
    RemainingHours,
    RemainingSeconds,
    Percent,
    StoryPoints,
    /// A label / tag (repeated columns each add one).
    Label,
    /// A sprint (repeated columns each add one; kept as a tag).
    Sprint,
    /// A comment cell (Jira `date;author;text`, Backlog コメント1…N): appended to the description.
    Comment,
    /// Predecessor keys, separated by `,` or `;`.
    Predecessors,
    /// `true`/`yes`/`1`/`○` marks a milestone.
    Milestone,
}

/// One [`Target`] per column of the table, in column order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ColumnMap {
    pub columns: Vec<Target>,
}

/// What an item of the source becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A WBS task.
    Task,
    /// A WBS task marked as a milestone.
    Milestone,
    /// An entry of the issue log (課題管理表).
    Issue,
    /// Not imported.
    Skip,
}

/// How the source's words for status, priority and type map onto Mieruka's. Keys are the source's
/// values trimmed and lower-cased; values not listed fall back to the defaults (not started,
/// medium, task) with a warning. Editable on the preview screen and remembered per source.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ValueMaps {
    pub status: BTreeMap<String, TaskStatus>,
    pub priority: BTreeMap<String, Priority>,
    pub kind: BTreeMap<String, ItemKind>,
}

/// A comment carried by the source (Jira `Comment`, Backlog コメントN).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SourceComment {
    pub at: Option<NaiveDateTime>,
    pub author: String,
    pub text: String,
}

/// One item read from another tool's file, before it becomes a task or an issue. Times are the
/// file's local times; [`build`] converts them with the user's time-zone offset.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SourceRow {
    /// 1-based line of the file where the item starts (for warnings).
    pub line: usize,
    pub key: String,
    pub parent_key: String,
    pub wbs_number: String,
    /// The source's type word (Story, Bug, タスク, トラッカー …), raw.
    pub kind: String,
    pub title: String,
    pub description: String,
    /// Raw status word.
    pub status: String,
    /// Raw priority word.
    pub priority: String,
    pub assignee: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub created: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
    pub resolved: Option<NaiveDateTime>,
    pub estimate_hours: Option<f64>,
    pub actual_hours: Option<f64>,
    pub remaining_hours: Option<f64>,
    pub percent: Option<f64>,
    pub story_points: Option<f64>,
    pub milestone: bool,
    pub labels: Vec<String>,
    pub sprints: Vec<String>,
    pub comments: Vec<SourceComment>,
    /// Keys of finish-to-start predecessors.
    pub predecessors: Vec<String>,
}

/// Something the import noticed but could work around. `line` is the file's 1-based line
/// (0 = the whole file). The app translates [`WarningKind`]; nothing here is user-facing text.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub line: usize,
    pub kind: WarningKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WarningKind {
    /// A row has a different number of cells than the header (kept, missing cells empty).
    RaggedRow {
        expected: usize,
        found: usize,
    },
    /// A cell that should hold a date does not; the field is left empty.
    BadDate {
        column: String,
        value: String,
    },
    /// A cell that should hold a number does not (or is negative, NaN, too large); left empty.
    BadNumber {
        column: String,
        value: String,
    },
    /// No title: the row is imported with its key as the title, or skipped if it has none.
    MissingTitle,
    /// The row is empty and skipped.
    EmptyRow,
    /// Two rows carry the same key: the later one is skipped.
    DuplicateKey {
        key: String,
    },
    /// The parent key is not in the file (or in the project): the item goes to the top level.
    UnknownParent {
        key: String,
    },
    /// The parents form a cycle: the item goes to the top level.
    ParentCycle {
        key: String,
    },
    /// A predecessor key is not in the file: that dependency is dropped.
    UnknownPredecessor {
        key: String,
    },
    /// A status / priority / type word with no mapping: the default is used.
    UnmappedStatus {
        value: String,
    },
    UnmappedPriority {
        value: String,
    },
    UnmappedKind {
        value: String,
    },
    /// Percent outside 0–100: clamped.
    PercentClamped {
        value: String,
    },
    /// The text had characters the encoding could not represent (replaced).
    Undecodable,
    /// MS Project: a link to another project file (dropped).
    CrossProjectLink,
    /// MS Project: a start-to-start / finish-to-finish / start-to-finish link, kept as
    /// finish-to-start (`link_type` is `SS`, `FF` or `SF`).
    LinkTypeAsFinishToStart {
        link_type: String,
    },
    /// MS Project: a link lag or lead (ignored; the link is kept).
    LinkLagIgnored,
    /// MS Project: more than one resource on a task (the first one is the assignee).
    MultipleResources,
    /// A title longer than `max` characters, cut.
    TitleCut {
        max: usize,
    },
    /// A description (with the comments appended to it) longer than `max` characters, cut.
    DescriptionCut {
        max: usize,
    },
    /// Several columns of the header have the same name and one of them is read into a field that
    /// holds one value: only one of them counts (line = the header's).
    DuplicateColumn {
        column: String,
    },
    /// The start is after the due date: the start is left empty.
    StartAfterDue {
        start: chrono::NaiveDate,
        due: chrono::NaiveDate,
    },
    /// The row breaks a rule of the model even after the importer's repairs: not imported.
    RowInvalid {
        error: crate::error::DomainError,
    },
    /// The assignee's name breaks a rule of the model: the item is imported without assignee.
    AssigneeInvalid {
        error: crate::error::DomainError,
    },
    /// An item listed as its own predecessor: that dependency is dropped.
    SelfDependency {
        key: String,
    },
    /// `from` depending on `to` would close a dependency cycle: that dependency is dropped.
    DependencyCycle {
        from: String,
        to: String,
    },
}

/// Why a file cannot be imported at all. Nothing is written when this happens. Serializable: the
/// app's import worker sends it to the tab, which says it in the user's language.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is too large ({bytes} bytes, at most {max})")]
    TooLarge { bytes: usize, max: usize },
    #[error("the file is not text (binary data at byte {offset})")]
    NotText { offset: usize },
    #[error("the file has no header row")]
    NoHeader,
    #[error("the file has more than {max} rows")]
    TooManyRows { max: usize },
    #[error("line {line}: a quoted cell is never closed")]
    UnclosedQuote { line: usize },
    #[error("line {line}: not well-formed XML ({message})")]
    BadXml { line: usize, message: String },
    #[error("line {line}: XML nested more than {max} levels deep")]
    XmlTooDeep { line: usize, max: usize },
    #[error("not an MS Project XML file (no <Project> with <Tasks>)")]
    NotMspdi,
    #[error("no column is mapped to the title")]
    NoTitleColumn,
}
