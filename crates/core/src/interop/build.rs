//! (Over 600 lines — 1,349, which is too long: the preview and the import must run one resolution,
//! so they live together here; the split by entity kind (tasks, issues, the closing fields, the
//! change records) is owed and listed on issue 9.)
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
//! twice changes nothing the second time.
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

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;

use super::{ItemKind, Source, SourceRow, ValueMaps, Warning, WarningKind};
use crate::change::{Change, EntityKind, EntityRef, CREATE};
use crate::enums::{IssueStatus, Priority, TaskStatus};
use crate::error::DomainError;
use crate::id::{Id, Stamp};
use crate::model::{ImportRecord, Issue, IssueField, Member, Project, ProjectInfo, Task, TaskField};
use crate::validate::{self, MAX_HOURS, MAX_TAGS, MAX_TEXT, MAX_TITLE};

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

// ------------------------------------------------------------------------------------- resolve

/// Which fields the file provides (at least one row has a value).
#[derive(Debug, Default)]
struct Provided {
    description: bool,
    status: bool,
    priority: bool,
    assignee: bool,
    start: bool,
    due: bool,
    created: bool,
    estimate: bool,
    actual: bool,
    remaining: bool,
    points: bool,
    percent: bool,
}

impl Provided {
    fn of(rows: &[SourceRow]) -> Provided {
        let mut p = Provided::default();
        for r in rows {
            p.description |= !r.description.is_empty() || !r.comments.is_empty();
            p.status |= !r.status.trim().is_empty() || r.percent.is_some() || r.resolved.is_some();
            p.priority |= !r.priority.trim().is_empty();
            p.assignee |= !r.assignee.trim().is_empty();
            p.start |= r.start.is_some();
            p.due |= r.due.is_some();
            p.created |= r.created.is_some();
            p.estimate |= r.estimate_hours.is_some();
            p.actual |= r.actual_hours.is_some();
            p.remaining |= r.remaining_hours.is_some();
            p.points |= r.story_points.is_some();
            p.percent |= r.percent.is_some();
        }
        p
    }
}

#[derive(Debug, Clone)]
enum Body {
    Task(Task),
    Issue(Issue),
}

/// A row that will land.
#[derive(Debug)]
struct Item<'r> {
    row: &'r SourceRow,
    key: String,
    id: Id,
    /// The entity as it is in the project (re-import), `None` when new.
    base: Option<Body>,
    body: Body,
    /// The row's status as a task status (also for issues, for the preview).
    status: TaskStatus,
    assignee_name: String,
}

impl Item<'_> {
    fn is_new(&self) -> bool {
        self.base.is_none()
    }
    fn task(&self) -> Option<&Task> {
        match &self.body {
            Body::Task(t) => Some(t),
            Body::Issue(_) => None,
        }
    }
    fn task_mut(&mut self) -> Option<&mut Task> {
        match &mut self.body {
            Body::Task(t) => Some(t),
            Body::Issue(_) => None,
        }
    }
    fn base_task(&self) -> Option<&Task> {
        match &self.base {
            Some(Body::Task(t)) => Some(t),
            _ => None,
        }
    }
    fn changed(&self) -> bool {
        match (&self.base, &self.body) {
            (None, _) => true,
            (Some(Body::Task(a)), Body::Task(b)) => a != b,
            (Some(Body::Issue(a)), Body::Issue(b)) => a != b,
            _ => true,
        }
    }
}

struct Resolved<'r> {
    items: Vec<Item<'r>>,
    members: Vec<(Id, Member)>,
    plan: Plan,
}

/// Entity ids of a batch: the batch with its top bit flipped, plus a counter, skipping ids the
/// project already uses. Change ids are the batch plus a small counter, so they never meet.
struct IdGen<'a> {
    base: u128,
    n: u128,
    existing: Option<&'a Project>,
}

impl IdGen<'_> {
    fn next(&mut self) -> Id {
        loop {
            self.n += 1;
            let id = Id::from_u128(self.base.wrapping_add(self.n));
            let taken = self.existing.is_some_and(|p| {
                id == p.id
                    || p.tasks.contains_key(&id)
                    || p.issues.contains_key(&id)
                    || p.members.contains_key(&id)
                    || p.risks.contains_key(&id)
            });
            if !taken && !id.is_nil() {
                return id;
            }
        }
    }
}

fn norm_key(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('#').unwrap_or(s).trim()
}

/// A member name as compared: no white space (also full-width), lower case.
pub fn norm_name(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

fn truncate_chars(s: &mut String, max: usize) {
    if s.len() > max {
        if let Some((i, _)) = s.char_indices().nth(max) {
            s.truncate(i);
        }
    }
}

/// The row's description with its comments appended, cut to [`MAX_TEXT`] characters.
fn description(row: &SourceRow) -> String {
    let mut d = full_description(row);
    truncate_chars(&mut d, MAX_TEXT);
    d
}

/// The row's description with its comments appended.
fn full_description(row: &SourceRow) -> String {
    let mut d = row.description.clone();
    for c in &row.comments {
        let text = c.text.trim();
        if text.is_empty() {
            continue;
        }
        let mut head = String::new();
        if let Some(at) = c.at {
            head.push_str(&at.format("%Y-%m-%d %H:%M").to_string());
        }
        if !c.author.trim().is_empty() {
            if !head.is_empty() {
                head.push(' ');
            }
            head.push_str(c.author.trim());
        }
        if !d.is_empty() {
            d.push_str("\n\n");
        }
        d.push_str("— ");
        if !head.is_empty() {
            d.push_str(&head);
            d.push_str(": ");
        }
        d.push_str(text);
    }
    d
}

fn issue_status(s: TaskStatus) -> IssueStatus {
    match s {
        TaskStatus::NotStarted | TaskStatus::Blocked => IssueStatus::Open,
        TaskStatus::InProgress => IssueStatus::InProgress,
        TaskStatus::Done => IssueStatus::Resolved,
        TaskStatus::Cancelled => IssueStatus::Closed,
    }
}

fn derived_status(row: &SourceRow) -> TaskStatus {
    let pct = row.percent.unwrap_or(0.0);
    if pct >= 100.0 || row.resolved.is_some() {
        TaskStatus::Done
    } else if pct > 0.0 {
        TaskStatus::InProgress
    } else {
        TaskStatus::NotStarted
    }
}

fn parse_kind(word: &str) -> Option<ItemKind> {
    match word {
        "task" => Some(ItemKind::Task),
        "milestone" => Some(ItemKind::Milestone),
        "issue" => Some(ItemKind::Issue),
        "skip" => Some(ItemKind::Skip),
        _ => None,
    }
}

/// Distinct words (by their lookup form) in order of first appearance.
#[derive(Default)]
struct Words {
    seen: HashSet<String>,
    list: Vec<String>,
}

impl Words {
    fn add(&mut self, raw: &str) {
        let w = raw.trim();
        if !w.is_empty() && self.seen.insert(w.to_lowercase()) {
            self.list.push(w.to_string());
        }
    }
}

fn resolve<'r>(existing: Option<&Project>, rows: &'r [SourceRow], opts: &ImportOptions, batch: Id) -> Resolved<'r> {
    let prefix = opts.source.as_str();
    let provided = Provided::of(rows);
    let mut ids = IdGen { base: batch.as_u128() ^ (1u128 << 127), n: 0, existing };
    let mut warnings: Vec<Warning> = Vec::new();
    let mut skipped: Vec<PreviewRow> = Vec::new();
    let (mut statuses, mut priorities, mut kinds) = (Words::default(), Words::default(), Words::default());
    let mut warned: HashSet<(u8, String)> = HashSet::new();

    // The project's items by source key, and its members by name.
    let mut by_source: HashMap<&str, (EntityKind, Id)> = HashMap::new();
    let mut members_by_name: HashMap<String, Id> = HashMap::new();
    if let Some(p) = existing {
        for (id, t) in &p.tasks {
            if !t.source_key.is_empty() {
                by_source.entry(t.source_key.as_str()).or_insert((EntityKind::Task, *id));
            }
        }
        for (id, i) in &p.issues {
            if !i.source_key.is_empty() {
                by_source.entry(i.source_key.as_str()).or_insert((EntityKind::Issue, *id));
            }
        }
        for (id, m) in &p.members {
            members_by_name.entry(norm_name(&m.name)).or_insert(*id);
        }
    }
    let existing_task = |skey: &str| match by_source.get(skey) {
        Some((EntityKind::Task, id)) => Some(*id),
        _ => None,
    };

    // ---- 1. each row on its own: key, words, values, validation.
    let mut items: Vec<Item<'r>> = Vec::with_capacity(rows.len());
    let mut seen_keys: HashSet<&str> = HashSet::with_capacity(rows.len());
    for row in rows {
        let line = row.line;
        let key = norm_key(&row.key);
        statuses.add(&row.status);
        priorities.add(&row.priority);
        kinds.add(&row.kind);
        let mut warn_once = |tag: u8, word: &str, kind: WarningKind, warnings: &mut Vec<Warning>| {
            if warned.insert((tag, word.to_string())) {
                warnings.push(Warning { line, kind });
            }
        };
        // Type.
        let kind_word = row.kind.trim().to_lowercase();
        let kind = if kind_word.is_empty() {
            ItemKind::Task
        } else if let Some(k) = opts.values.kind.get(&kind_word).copied().or_else(|| parse_kind(&kind_word)) {
            k
        } else {
            warn_once(0, &kind_word, WarningKind::UnmappedKind { value: row.kind.trim().to_string() }, &mut warnings);
            ItemKind::Task
        };
        // Status.
        let status_word = row.status.trim().to_lowercase();
        let status = if status_word.is_empty() {
            derived_status(row)
        } else if let Some(s) =
            opts.values.status.get(&status_word).copied().or_else(|| TaskStatus::parse(&status_word.replace(' ', "_")))
        {
            s
        } else {
            warn_once(
                1,
                &status_word,
                WarningKind::UnmappedStatus { value: row.status.trim().to_string() },
                &mut warnings,
            );
            derived_status(row)
        };
        // Priority.
        let priority_word = row.priority.trim().to_lowercase();
        let priority = if priority_word.is_empty() {
            Priority::Medium
        } else if let Some(p) =
            opts.values.priority.get(&priority_word).copied().or_else(|| Priority::parse(&priority_word))
        {
            p
        } else {
            warn_once(
                2,
                &priority_word,
                WarningKind::UnmappedPriority { value: row.priority.trim().to_string() },
                &mut warnings,
            );
            Priority::Medium
        };

        let mut title = row.title.trim().to_string();
        let skip_row = |item: ItemKind, title: &str| PreviewRow {
            line,
            action: RowAction::Skip,
            item,
            depth: 0,
            key: key.to_string(),
            title: title.to_string(),
            status,
            priority,
            assignee: row.assignee.trim().to_string(),
            start: row.start,
            due: row.due,
            estimate_hours: row.estimate_hours.unwrap_or(0.0),
            actual_hours: row.actual_hours.unwrap_or(0.0),
            percent: row.percent.unwrap_or(0.0),
        };
        if title.is_empty() {
            warnings.push(Warning { line, kind: WarningKind::MissingTitle });
            if key.is_empty() {
                skipped.push(skip_row(kind, ""));
                continue;
            }
            title = key.to_string();
        }
        if !key.is_empty() && !seen_keys.insert(key) {
            warnings.push(Warning { line, kind: WarningKind::DuplicateKey { key: key.to_string() } });
            skipped.push(skip_row(kind, &title));
            continue;
        }
        if kind == ItemKind::Skip {
            skipped.push(skip_row(kind, &title));
            continue;
        }
        if title.chars().count() > MAX_TITLE {
            truncate_chars(&mut title, MAX_TITLE);
            warnings.push(Warning { line, kind: WarningKind::TitleCut { max: MAX_TITLE } });
        }
        // Cut in `description()`; said here so the preview shows it (bytes bound the characters).
        let long = row.description.len()
            + row.comments.iter().map(|c| c.text.len() + c.author.len() + 24).sum::<usize>()
            > MAX_TEXT;
        if long && full_description(row).chars().count() > MAX_TEXT {
            warnings.push(Warning { line, kind: WarningKind::DescriptionCut { max: MAX_TEXT } });
        }
        let skey = if key.is_empty() { String::new() } else { format!("{prefix}:{key}") };
        let found = if skey.is_empty() { None } else { by_source.get(skey.as_str()).copied() };
        let base: Option<Body> = match (found, existing) {
            (Some((EntityKind::Task, id)), Some(p)) => p.tasks.get(&id).cloned().map(Body::Task),
            (Some((EntityKind::Issue, id)), Some(p)) => p.issues.get(&id).cloned().map(Body::Issue),
            _ => None,
        };
        let new = base.is_none();
        let as_task = match &base {
            Some(Body::Task(_)) => true,
            Some(Body::Issue(_)) => false,
            None => kind != ItemKind::Issue,
        };
        let mut bad_number = |column: &str, value: f64, warnings: &mut Vec<Warning>| {
            warnings.push(Warning {
                line,
                kind: WarningKind::BadNumber { column: column.into(), value: value.to_string() },
            });
        };
        let hours = |x: Option<f64>,
                     column: &str,
                     warnings: &mut Vec<Warning>,
                     bad: &mut dyn FnMut(&str, f64, &mut Vec<Warning>)| match x {
            Some(h) if !(h.is_finite() && (0.0..=MAX_HOURS).contains(&h)) => {
                bad(column, h, warnings);
                None
            }
            other => other,
        };
        let estimate = hours(row.estimate_hours, "estimate_hours", &mut warnings, &mut bad_number);
        let actual = hours(row.actual_hours, "actual_hours", &mut warnings, &mut bad_number);
        let remaining = hours(row.remaining_hours, "remaining_hours", &mut warnings, &mut bad_number);
        let points = hours(row.story_points, "story_points", &mut warnings, &mut bad_number);
        let percent = row.percent.filter(|p| p.is_finite()).map(|p| p.clamp(0.0, 100.0));

        let body = if as_task {
            let base_t = match &base {
                Some(Body::Task(t)) => t.clone(),
                _ => Task::default(),
            };
            let mut t = base_t.clone();
            t.title = title.clone();
            if new || provided.description {
                t.description = description(row);
            }
            if new || provided.status {
                t.status = status;
            }
            if new || provided.priority {
                t.priority = priority;
            }
            if new || provided.start {
                t.start = row.start;
            }
            if new || provided.due {
                t.due = row.due;
            }
            if new || provided.estimate {
                t.estimate_hours = estimate.unwrap_or(0.0);
            }
            if new || provided.actual {
                t.actual_hours = actual.unwrap_or(0.0);
            }
            if new || provided.remaining {
                t.remaining_hours = remaining;
            }
            if new || provided.points {
                t.story_points = points;
            }
            if new || provided.percent {
                t.percent = percent.unwrap_or(0.0);
            }
            if (new || provided.status) && status == TaskStatus::Done && percent.is_none() {
                t.percent = 100.0;
            }
            if new {
                t.milestone = row.milestone || kind == ItemKind::Milestone;
                t.source_key = skey.clone();
            }
            for tag in row.labels.iter().chain(&row.sprints) {
                let mut tag = tag.trim().to_string();
                truncate_chars(&mut tag, 100);
                if !tag.is_empty() && !t.tags.contains(&tag) && t.tags.len() < MAX_TAGS {
                    t.tags.push(tag);
                }
            }
            if let (Some(s), Some(d)) = (t.start, t.due) {
                if d < s {
                    warnings.push(Warning { line, kind: WarningKind::StartAfterDue { start: s, due: d } });
                    t.start = None;
                }
            }
            Body::Task(t)
        } else {
            let mut i = match &base {
                Some(Body::Issue(i)) => i.clone(),
                _ => Issue::default(),
            };
            i.title = title.clone();
            if new || provided.description {
                i.description = description(row);
            }
            if new || provided.status {
                i.status = issue_status(status);
            }
            if new || provided.priority {
                i.priority = priority;
            }
            if new || provided.due {
                i.due = row.due;
            }
            if new || provided.created {
                i.raised_on = row.created.map(|c| c.date());
            }
            if new {
                i.source_key = skey.clone();
            }
            Body::Issue(i)
        };
        let checked = match &body {
            Body::Task(t) => validate::task(t),
            Body::Issue(i) => validate::issue(i),
        };
        if let Err(e) = checked {
            warnings.push(Warning { line, kind: WarningKind::RowInvalid { error: e } });
            skipped.push(skip_row(kind, &title));
            continue;
        }
        let id = match (found, &base) {
            (Some((_, id)), Some(_)) => id,
            _ => ids.next(),
        };
        items.push(Item { row, key: key.to_string(), id, base, body, status, assignee_name: String::new() });
    }

    // ---- 2. indexes of the file's tasks.
    let mut task_by_key: HashMap<&'r str, usize> = HashMap::new();
    let mut task_by_wbs: HashMap<&'r str, usize> = HashMap::new();
    for (n, it) in items.iter().enumerate() {
        let row: &'r SourceRow = it.row;
        if it.task().is_some() {
            let key = norm_key(&row.key);
            if !key.is_empty() {
                task_by_key.insert(key, n);
            }
            let w = row.wbs_number.trim().trim_end_matches('.');
            if !w.is_empty() {
                task_by_wbs.entry(w).or_insert(n);
            }
        }
    }
    let key_of = |id: Id, items: &[Item], index: &HashMap<Id, usize>| -> String {
        if let Some(n) = index.get(&id) {
            return items[*n].key.clone();
        }
        existing
            .and_then(|p| p.tasks.get(&id))
            .map(|t| t.source_key.split_once(':').map(|(_, k)| k.to_string()).unwrap_or_else(|| t.title.clone()))
            .unwrap_or_default()
    };
    let index: HashMap<Id, usize> = items.iter().enumerate().map(|(n, it)| (it.id, n)).collect();

    // ---- 3. parents.
    // The parent each file task asks for (`Some(None)`: explicitly none is never produced; a
    // row without a resolvable parent keeps its place).
    let mut given: HashMap<Id, Option<Id>> = HashMap::new();
    let mut issue_links: Vec<(usize, Id)> = Vec::new();
    for (n, it) in items.iter().enumerate() {
        let line = it.row.line;
        let pk = norm_key(&it.row.parent_key);
        let resolved: Option<Id> = if !pk.is_empty() {
            if pk == it.key && it.task().is_some() {
                warnings.push(Warning { line, kind: WarningKind::ParentCycle { key: it.key.clone() } });
                None
            } else if let Some(j) = task_by_key.get(pk) {
                Some(items[*j].id)
            } else if let Some(id) = existing_task(&format!("{prefix}:{pk}")) {
                Some(id)
            } else {
                warnings.push(Warning { line, kind: WarningKind::UnknownParent { key: pk.to_string() } });
                None
            }
        } else {
            let wbs = it.row.wbs_number.trim().trim_end_matches('.');
            let mut w = wbs;
            let mut found = None;
            while let Some(i) = w.rfind('.') {
                w = &w[..i];
                if let Some(j) = task_by_wbs.get(w) {
                    if *j != n {
                        found = Some(items[*j].id);
                        break;
                    }
                }
            }
            if found.is_none() && it.task().is_some() {
                if let Some(i) = wbs.rfind('.') {
                    warnings.push(Warning { line, kind: WarningKind::UnknownParent { key: wbs[..i].to_string() } });
                }
            }
            found
        };
        if let Some(parent) = resolved {
            if it.task().is_some() {
                given.insert(it.id, Some(parent));
            } else {
                issue_links.push((n, parent));
            }
        }
    }
    // Effective parents: given, else kept (existing) or top level (new).
    let mut eff: HashMap<Id, Option<Id>> = HashMap::with_capacity(items.len());
    for it in &items {
        if let Some(t) = it.task() {
            let p = match given.get(&it.id) {
                Some(p) => *p,
                None => it.base_task().map(|b| b.parent).unwrap_or(t.parent),
            };
            eff.insert(it.id, p);
        }
    }
    let parent_of = |id: Id, eff: &HashMap<Id, Option<Id>>| -> Option<Id> {
        match eff.get(&id) {
            Some(p) => *p,
            None => existing.and_then(|p| p.tasks.get(&id)).and_then(|t| t.parent),
        }
    };
    // Break loops: walk up from each file task; a walk that meets itself cuts the given parent of
    // the last row on the loop. Nodes whose walk reached the top are safe; walks stop there.
    let mut safe: HashSet<Id> = HashSet::with_capacity(items.len());
    for n in 0..items.len() {
        if items[n].task().is_none() {
            continue;
        }
        let mut path: Vec<Id> = Vec::new();
        let mut on_path: HashMap<Id, usize> = HashMap::new();
        let mut cur = Some(items[n].id);
        while let Some(c) = cur {
            if safe.contains(&c) {
                break;
            }
            if let Some(&at) = on_path.get(&c) {
                let cut =
                    path[at..].iter().rev().find(|x| given.contains_key(x)).copied().unwrap_or(path[path.len() - 1]);
                eff.insert(cut, None);
                given.remove(&cut);
                if let Some(j) = index.get(&cut) {
                    warnings.push(Warning {
                        line: items[*j].row.line,
                        kind: WarningKind::ParentCycle { key: items[*j].key.clone() },
                    });
                }
                break;
            }
            on_path.insert(c, path.len());
            path.push(c);
            cur = parent_of(c, &eff);
        }
        safe.extend(path);
    }
    // Ranks: new tasks and moved tasks go after their new siblings, in file order.
    let mut next_rank: HashMap<Option<Id>, f64> = HashMap::new();
    if let Some(p) = existing {
        for t in p.tasks.values() {
            let r = next_rank.entry(t.parent).or_insert(0.0);
            if t.rank > *r {
                *r = t.rank;
            }
        }
    }
    for it in items.iter_mut() {
        let id = it.id;
        let parent = eff.get(&id).copied().flatten();
        let base_parent = it.base_task().map(|b| (b.parent, b.rank));
        let Some(t) = it.task_mut() else { continue };
        t.parent = parent;
        match base_parent {
            Some((bp, rank)) if bp == parent => t.rank = rank,
            _ => {
                let r = next_rank.entry(parent).or_insert(0.0);
                *r = (r.floor() + 1.0).max(1.0);
                t.rank = *r;
            }
        }
    }

    // ---- 4. assignees.
    let mut members: Vec<(Id, Member)> = Vec::new();
    let member_names: HashMap<Id, String> =
        existing.map(|p| p.members.iter().map(|(id, m)| (*id, m.name.clone())).collect()).unwrap_or_default();
    for it in items.iter_mut() {
        let new = it.is_new();
        let name = it.row.assignee.trim();
        let who: Option<Option<Id>> = if new || provided.assignee {
            if name.is_empty() {
                Some(None)
            } else {
                let key = norm_name(name);
                match members_by_name.get(&key) {
                    Some(id) => Some(Some(*id)),
                    None => {
                        let m = Member { name: name.to_string(), ..Member::default() };
                        if let Err(e) = validate::member(&m) {
                            warnings
                                .push(Warning { line: it.row.line, kind: WarningKind::AssigneeInvalid { error: e } });
                            Some(None)
                        } else {
                            let id = ids.next();
                            members_by_name.insert(key, id);
                            members.push((id, m));
                            Some(Some(id))
                        }
                    }
                }
            }
        } else {
            None
        };
        match &mut it.body {
            Body::Task(t) => {
                if let Some(w) = who {
                    t.assignee = w;
                }
            }
            Body::Issue(i) => {
                if let Some(w) = who {
                    i.owner = w;
                }
            }
        }
        let assignee = match &it.body {
            Body::Task(t) => t.assignee,
            Body::Issue(i) => i.owner,
        };
        it.assignee_name = assignee
            .and_then(|a| {
                member_names
                    .get(&a)
                    .cloned()
                    .or_else(|| members.iter().find(|(id, _)| *id == a).map(|(_, m)| m.name.clone()))
            })
            .unwrap_or_default();
    }
    // Issues linked to their parent task.
    for (n, task) in issue_links {
        if let Body::Issue(i) = &mut items[n].body {
            if !i.linked_tasks.contains(&task) {
                i.linked_tasks.push(task);
            }
        }
    }

    // ---- 5. dependencies.
    let mut new_edges: Vec<(Id, Id)> = Vec::new();
    for n in 0..items.len() {
        if items[n].task().is_none() {
            continue;
        }
        let line = items[n].row.line;
        let me = items[n].id;
        let mut add: Vec<Id> = Vec::new();
        for k in &items[n].row.predecessors {
            let k = norm_key(k);
            if k.is_empty() {
                continue;
            }
            let target = task_by_key.get(k).map(|j| items[*j].id).or_else(|| existing_task(&format!("{prefix}:{k}")));
            match target {
                None => warnings.push(Warning { line, kind: WarningKind::UnknownPredecessor { key: k.to_string() } }),
                Some(t) if t == me => {
                    warnings.push(Warning { line, kind: WarningKind::SelfDependency { key: k.to_string() } })
                }
                Some(t) => add.push(t),
            }
        }
        if let Some(t) = items[n].task_mut() {
            for d in add {
                if !t.depends_on.contains(&d) {
                    t.depends_on.push(d);
                    new_edges.push((me, d));
                }
            }
        }
    }
    if !new_edges.is_empty() {
        let dropped = dependency_cycles(existing, &items, &index, &new_edges);
        for (a, b) in dropped {
            let (ka, kb) = (key_of(a, &items, &index), key_of(b, &items, &index));
            if let Some(n) = index.get(&a).copied() {
                let line = items[n].row.line;
                if let Some(t) = items[n].task_mut() {
                    t.depends_on.retain(|d| *d != b);
                }
                warnings.push(Warning {
                    line,
                    kind: WarningKind::DependencyCycle { from: ka.to_string(), to: kb.to_string() },
                });
            }
        }
    }

    // ---- 6. the preview.
    let mut counts = Counts { members_new: members.len(), skipped: skipped.len(), ..Counts::default() };
    let action = |it: &Item| {
        if it.is_new() {
            RowAction::New
        } else if it.changed() {
            RowAction::Update
        } else {
            RowAction::Unchanged
        }
    };
    for it in &items {
        let a = action(it);
        let is_task = it.task().is_some();
        match (is_task, a) {
            (true, RowAction::New) => counts.tasks_new += 1,
            (true, RowAction::Update) => counts.tasks_updated += 1,
            (true, _) => counts.tasks_unchanged += 1,
            (false, RowAction::New) => counts.issues_new += 1,
            (false, RowAction::Update) => counts.issues_updated += 1,
            (false, _) => counts.issues_unchanged += 1,
        }
    }
    let preview = |it: &Item, depth: usize| -> PreviewRow {
        match &it.body {
            Body::Task(t) => PreviewRow {
                line: it.row.line,
                action: action(it),
                item: if t.milestone { ItemKind::Milestone } else { ItemKind::Task },
                depth,
                key: it.key.clone(),
                title: t.title.clone(),
                status: t.status,
                priority: t.priority,
                assignee: it.assignee_name.clone(),
                start: t.start,
                due: t.due,
                estimate_hours: t.estimate_hours,
                actual_hours: t.actual_hours,
                percent: t.percent,
            },
            Body::Issue(i) => PreviewRow {
                line: it.row.line,
                action: action(it),
                item: ItemKind::Issue,
                depth: 0,
                key: it.key.clone(),
                title: i.title.clone(),
                status: it.status,
                priority: i.priority,
                assignee: it.assignee_name.clone(),
                start: None,
                due: i.due,
                estimate_hours: 0.0,
                actual_hours: 0.0,
                percent: 0.0,
            },
        }
    };
    let mut out_rows: Vec<PreviewRow> = Vec::with_capacity(items.len() + skipped.len());
    // Tasks in WBS order over the whole resulting tree (the project's tasks included).
    let mut children: HashMap<Option<Id>, Vec<(f64, Id)>> = HashMap::new();
    if let Some(p) = existing {
        for (id, t) in &p.tasks {
            if !index.contains_key(id) {
                children.entry(t.parent).or_default().push((t.rank, *id));
            }
        }
    }
    for it in &items {
        if let Some(t) = it.task() {
            children.entry(t.parent).or_default().push((t.rank, it.id));
        }
    }
    for v in children.values_mut() {
        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
    let mut stack: Vec<(Id, usize)> =
        children.get(&None).map(|v| v.iter().rev().map(|(_, id)| (*id, 0)).collect()).unwrap_or_default();
    let mut visited: HashSet<Id> = HashSet::new();
    while let Some((id, depth)) = stack.pop() {
        if !visited.insert(id) {
            continue;
        }
        if let Some(n) = index.get(&id) {
            out_rows.push(preview(&items[*n], depth));
        }
        if let Some(v) = children.get(&Some(id)) {
            stack.extend(v.iter().rev().map(|(_, c)| (*c, depth + 1)));
        }
    }
    // Tasks under a parent that is not in the tree (cannot happen; kept safe), then issues.
    for it in &items {
        if it.task().is_some() && !visited.contains(&it.id) {
            out_rows.push(preview(it, 0));
        }
    }
    for it in &items {
        if it.task().is_none() {
            out_rows.push(preview(it, 0));
        }
    }
    out_rows.extend(skipped);
    warnings.sort_by_key(|w| w.line);
    let plan = Plan {
        counts,
        rows: out_rows,
        warnings,
        statuses: statuses.list,
        priorities: priorities.list,
        kinds: kinds.list,
    };
    Resolved { items, members, plan }
}

/// The dependencies of this import (`new_edges`, in file order) that close a cycle with the
/// project's own and the earlier ones. Linear when there is no cycle (one topological sort); only
/// the part of the graph that lies between cycles is then searched edge by edge.
fn dependency_cycles(
    existing: Option<&Project>,
    items: &[Item],
    index: &HashMap<Id, usize>,
    new_edges: &[(Id, Id)],
) -> Vec<(Id, Id)> {
    // Nodes and edges of the whole resulting graph.
    let mut node: HashMap<Id, usize> = HashMap::new();
    let mut ids: Vec<Id> = Vec::new();
    let mut intern = |id: Id, node: &mut HashMap<Id, usize>| -> usize {
        *node.entry(id).or_insert_with(|| {
            ids.push(id);
            ids.len() - 1
        })
    };
    let mut edges: Vec<(usize, usize)> = Vec::new();
    if let Some(p) = existing {
        for (id, t) in &p.tasks {
            if index.contains_key(id) {
                continue;
            }
            for d in &t.depends_on {
                let (a, b) = (intern(*id, &mut node), intern(*d, &mut node));
                edges.push((a, b));
            }
        }
    }
    for it in items {
        if let Some(t) = it.task() {
            for d in &t.depends_on {
                let (a, b) = (intern(it.id, &mut node), intern(*d, &mut node));
                edges.push((a, b));
            }
        }
    }
    let n = ids.len();
    let mut out_adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut in_adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &edges {
        out_adj[a].push(b);
        in_adj[b].push(a);
    }
    // Peel nodes with no incoming edge, then nodes with no outgoing edge: what is left lies on or
    // between cycles.
    let mut alive = vec![true; n];
    let peel = |adj_in: &Vec<Vec<usize>>, adj_out: &Vec<Vec<usize>>, alive: &mut Vec<bool>| {
        let mut deg: Vec<usize> = (0..n).map(|v| adj_in[v].iter().filter(|u| alive[**u]).count()).collect();
        let mut queue: Vec<usize> = (0..n).filter(|v| alive[*v] && deg[*v] == 0).collect();
        while let Some(v) = queue.pop() {
            if !alive[v] {
                continue;
            }
            alive[v] = false;
            for &w in &adj_out[v] {
                if alive[w] {
                    deg[w] -= 1;
                    if deg[w] == 0 {
                        queue.push(w);
                    }
                }
            }
        }
    };
    peel(&in_adj, &out_adj, &mut alive);
    if !alive.iter().any(|a| *a) {
        return Vec::new();
    }
    peel(&out_adj, &in_adj, &mut alive);
    // Add the remaining edges one by one: the project's own first, then this import's in file
    // order; an edge whose head already reaches its tail is dropped.
    let new_set: HashSet<(usize, usize)> =
        new_edges.iter().filter_map(|(a, b)| Some((*node.get(a)?, *node.get(b)?))).collect();
    let mut accepted: Vec<Vec<usize>> = vec![Vec::new(); n];
    let reaches = |from: usize, to: usize, accepted: &Vec<Vec<usize>>| -> bool {
        let mut seen = HashSet::new();
        let mut stack = vec![from];
        while let Some(v) = stack.pop() {
            if v == to {
                return true;
            }
            if seen.insert(v) {
                stack.extend(accepted[v].iter().copied());
            }
        }
        false
    };
    let inner: Vec<(usize, usize)> = edges.iter().copied().filter(|(a, b)| alive[*a] && alive[*b]).collect();
    let mut dropped = Vec::new();
    let old = inner.iter().filter(|e| !new_set.contains(e));
    let new_in_order = new_edges
        .iter()
        .filter_map(|(a, b)| Some((*node.get(a)?, *node.get(b)?)))
        .filter(|(a, b)| alive[*a] && alive[*b]);
    for (a, b) in old.copied().chain(new_in_order) {
        if reaches(b, a, &accepted) {
            if new_set.contains(&(a, b)) {
                dropped.push((ids[a], ids[b]));
            }
        } else {
            accepted[a].push(b);
        }
    }
    dropped
}

// ----------------------------------------------------------------------------------- materialize

/// A file's local time as an instant (`utc = local − offset`).
fn local_to_utc(t: NaiveDateTime, tz_offset_min: i32) -> DateTime<Utc> {
    let off = i64::from(tz_offset_min.clamp(-24 * 60, 24 * 60));
    t.checked_sub_signed(Duration::minutes(off)).unwrap_or(t).and_utc()
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

struct Seed {
    at: DateTime<Utc>,
    entity: EntityRef,
    field: String,
    from: Value,
    to: Value,
}

impl Seed {
    fn create(entity: EntityRef, to: Value, at: DateTime<Utc>) -> Seed {
        Seed { at, entity, field: CREATE.to_string(), from: Value::Null, to }
    }
}

/// The fields a closing change sets at the resolved time.
const CLOSING_FIELDS: &[TaskField] = &[TaskField::Status, TaskField::Percent, TaskField::RemainingHours];

/// Writes the resolved items into `p` and appends the changes that explain them.
fn materialize(p: &mut Project, r: Resolved<'_>, opts: &ImportOptions, stamp: &Stamp, new_project: bool) {
    let tz = opts.tz_offset_min;
    let cap = |t: DateTime<Utc>| t.min(stamp.at);
    // Ordinary changes go after the project's last one, like every command's.
    let now = match p.changes.last() {
        Some(last) if stamp.at <= last.at => last.at + Duration::milliseconds(1),
        _ => stamp.at,
    };
    let mut last_change: HashMap<Id, DateTime<Utc>> = HashMap::new();
    if !new_project {
        for c in &p.changes {
            let e = last_change.entry(c.entity.id).or_insert(c.at);
            if c.at > *e {
                *e = c.at;
            }
        }
    }
    let mut seeds: Vec<Seed> = Vec::new();
    // What the import does, as its preview counted it (a property test holds them equal).
    let c = &r.plan.counts;
    let created_n = u32::try_from(c.tasks_new + c.issues_new).unwrap_or(u32::MAX);
    let updated_n = u32::try_from(c.tasks_updated + c.issues_updated).unwrap_or(u32::MAX);
    for it in r.items {
        let created = it.row.created.map(|c| cap(local_to_utc(c, tz)));
        // When a closed item was closed: its resolved time, else its last update (a Backlog export
        // has no completion date; a closed item's 更新日 is when it was closed, or after).
        let resolved = it.row.resolved.or(it.row.updated).map(|c| cap(local_to_utc(c, tz)));
        let c_at = created.unwrap_or(stamp.at);
        match (it.base, it.body) {
            (None, Body::Task(t)) => {
                let er = EntityRef::task(it.id);
                match resolved.filter(|r_at| t.status.is_closed() && *r_at > c_at) {
                    Some(r_at) => {
                        let mut pre = t.clone();
                        pre.percent = if t.percent >= 100.0 { 0.0 } else { t.percent };
                        pre.status = if pre.percent > 0.0 { TaskStatus::InProgress } else { TaskStatus::NotStarted };
                        pre.remaining_hours = None;
                        seeds.push(Seed::create(er, json(&pre), c_at));
                        for f in CLOSING_FIELDS {
                            let (from, to) = (pre.value(*f), t.value(*f));
                            if from != to {
                                seeds.push(Seed { at: r_at, entity: er, field: f.name().to_string(), from, to });
                            }
                        }
                    }
                    None => seeds.push(Seed::create(er, json(&t), c_at)),
                }
                p.tasks.insert(it.id, t);
            }
            (None, Body::Issue(i)) => {
                let er = EntityRef::issue(it.id);
                match resolved.filter(|r_at| !i.status.is_open() && *r_at > c_at) {
                    Some(r_at) => {
                        let pre = Issue { status: IssueStatus::Open, ..i.clone() };
                        seeds.push(Seed::create(er, json(&pre), c_at));
                        seeds.push(Seed {
                            at: r_at,
                            entity: er,
                            field: IssueField::Status.name().into(),
                            from: json(&pre.status),
                            to: json(&i.status),
                        });
                    }
                    None => seeds.push(Seed::create(er, json(&i), c_at)),
                }
                p.issues.insert(it.id, i);
            }
            (Some(Body::Task(b)), Body::Task(t)) => {
                if b == t {
                    continue;
                }
                let er = EntityRef::task(it.id);
                let closing = t.status.is_closed() && !b.status.is_closed();
                let close_at = resolved.filter(|r_at| closing && last_change.get(&it.id).is_none_or(|l| r_at > l));
                for f in TaskField::ALL {
                    let (from, to) = (b.value(*f), t.value(*f));
                    if from != to {
                        let at = match close_at {
                            Some(r_at) if CLOSING_FIELDS.contains(f) => r_at,
                            _ => now,
                        };
                        seeds.push(Seed { at, entity: er, field: f.name().to_string(), from, to });
                    }
                }
                p.tasks.insert(it.id, t);
            }
            (Some(Body::Issue(b)), Body::Issue(i)) => {
                if b == i {
                    continue;
                }
                let er = EntityRef::issue(it.id);
                let closing = !i.status.is_open() && b.status.is_open();
                let close_at = resolved.filter(|r_at| closing && last_change.get(&it.id).is_none_or(|l| r_at > l));
                for f in IssueField::ALL {
                    let (from, to) = (b.value(*f), i.value(*f));
                    if from != to {
                        let at = match close_at {
                            Some(r_at) if *f == IssueField::Status => r_at,
                            _ => now,
                        };
                        seeds.push(Seed { at, entity: er, field: f.name().to_string(), from, to });
                    }
                }
                p.issues.insert(it.id, i);
            }
            // The body always has the base's type.
            (Some(_), _) => {}
        }
    }
    // The project (when new) and the new members exist from the earliest time of the batch.
    let first = seeds.iter().map(|s| s.at).min().unwrap_or(if new_project { stamp.at } else { now });
    let first = if new_project { first.min(stamp.at) } else { first };
    // An import that brings no item and no member (an empty file) leaves no audit record.
    let imported_anything = !seeds.is_empty() || !r.members.is_empty();
    let mut all: Vec<Seed> = Vec::with_capacity(seeds.len() + r.members.len() + 2);
    if new_project {
        // A new project spans its tasks' dates (期間), so its charts and calendar have a range.
        let dates = || p.tasks.values().flat_map(|t| [t.start, t.due]).flatten();
        if p.info.start.is_none() {
            p.info.start = dates().min();
        }
        if p.info.target_end.is_none() {
            p.info.target_end = dates().max();
        }
        all.push(Seed::create(EntityRef::project(p.id), json(&p.info), first));
    }
    for (id, m) in r.members {
        all.push(Seed::create(EntityRef::member(id), json(&m), first));
        p.members.insert(id, m);
    }
    all.extend(seeds);
    // The import itself happened now: its audit record, whose id is the batch of every change
    // above, so each back-dated change can say when it was imported and by whom.
    if imported_anything {
        let record = ImportRecord {
            at: stamp.at,
            by: stamp.actor.clone(),
            source: opts.source.as_str().to_string(),
            file: opts.file.chars().take(MAX_TITLE).collect(),
            created: created_n,
            updated: updated_n,
        };
        all.push(Seed::create(EntityRef::import(stamp.batch), json(&record), now));
        p.imports.insert(stamp.batch, record);
    }
    // Stable: at equal times the creation order holds (project, members, items in file order).
    all.sort_by_key(|s| s.at);
    p.changes.reserve(all.len());
    for (n, s) in all.into_iter().enumerate() {
        p.changes.push(Change {
            id: stamp.change_id(n),
            at: s.at,
            actor: stamp.actor.clone(),
            batch: stamp.batch,
            entity: s.entity,
            field: s.field,
            from: s.from,
            to: s.to,
        });
    }
}
