//! The first step of the resolution: each row on its own — its key, its words, its values, the
//! task or issue it makes and that entity's validation. Rows that cannot land are kept for the
//! preview as skipped.

use std::collections::HashSet;

use super::context::Context;
use super::item::{Body, Item, Values};
use super::text::{full_description, norm_key, truncate_chars};
use super::words::{Meaning, Vocabulary};
use super::{issues, tasks, ImportOptions, PreviewRow, RowAction};
use crate::change::EntityKind;
use crate::enums::{Priority, TaskStatus};
use crate::interop::{ItemKind, SourceRow, Warning, WarningKind};
use crate::validate::{self, MAX_HOURS, MAX_TEXT, MAX_TITLE};

/// The rows read one by one.
pub(super) struct Read<'r> {
    /// The rows that will land, in file order.
    pub items: Vec<Item<'r>>,
    /// The rows that will not, as the preview shows them.
    pub skipped: Vec<PreviewRow>,
    pub words: Vocabulary,
}

pub(super) fn read<'r>(cx: &mut Context<'_>, rows: &'r [SourceRow], opts: &ImportOptions) -> Read<'r> {
    let mut words = Vocabulary::default();
    let mut items: Vec<Item<'r>> = Vec::with_capacity(rows.len());
    let mut skipped: Vec<PreviewRow> = Vec::new();
    let mut seen_keys: HashSet<&str> = HashSet::with_capacity(rows.len());
    for row in rows {
        let line = row.line;
        let key = norm_key(&row.key);
        let Meaning { kind, status, priority } = words.read(row, &opts.values, &mut cx.warnings);
        let mut title = row.title.trim().to_string();
        let skip_row = |item: ItemKind, title: &str| skipped_row(row, key, item, title, status, priority);
        if title.is_empty() {
            cx.warnings.push(Warning { line, kind: WarningKind::MissingTitle });
            if key.is_empty() {
                skipped.push(skip_row(kind, ""));
                continue;
            }
            title = key.to_string();
        }
        if !key.is_empty() && !seen_keys.insert(key) {
            cx.warnings.push(Warning { line, kind: WarningKind::DuplicateKey { key: key.to_string() } });
            skipped.push(skip_row(kind, &title));
            continue;
        }
        if kind == ItemKind::Skip {
            skipped.push(skip_row(kind, &title));
            continue;
        }
        if title.chars().count() > MAX_TITLE {
            truncate_chars(&mut title, MAX_TITLE);
            cx.warnings.push(Warning { line, kind: WarningKind::TitleCut { max: MAX_TITLE } });
        }
        // Cut in `description()`; said here so the preview shows it (bytes bound the characters).
        let long = row.description.len()
            + row.comments.iter().map(|c| c.text.len() + c.author.len() + 24).sum::<usize>()
            > MAX_TEXT;
        if long && full_description(row).chars().count() > MAX_TEXT {
            cx.warnings.push(Warning { line, kind: WarningKind::DescriptionCut { max: MAX_TEXT } });
        }
        let source_key = if key.is_empty() { String::new() } else { format!("{}:{key}", cx.prefix) };
        let found = if source_key.is_empty() { None } else { cx.by_source(&source_key) };
        let base: Option<Body> = match (found, cx.existing) {
            (Some((EntityKind::Task, id)), Some(p)) => p.tasks.get(&id).cloned().map(Body::Task),
            (Some((EntityKind::Issue, id)), Some(p)) => p.issues.get(&id).cloned().map(Body::Issue),
            _ => None,
        };
        let w = &mut cx.warnings;
        let v = Values {
            row,
            new: base.is_none(),
            kind,
            title,
            source_key,
            status,
            priority,
            estimate: hours(row.estimate_hours, "estimate_hours", line, w),
            actual: hours(row.actual_hours, "actual_hours", line, w),
            remaining: hours(row.remaining_hours, "remaining_hours", line, w),
            points: hours(row.story_points, "story_points", line, w),
            percent: row.percent.filter(|p| p.is_finite()).map(|p| p.clamp(0.0, 100.0)),
        };
        // A stored item keeps its type; a new one is an issue or a task by the row's type.
        let body = match &base {
            Some(Body::Task(b)) => Body::Task(tasks::body(Some(b), &v, &cx.provided, &mut cx.warnings)),
            Some(Body::Issue(b)) => Body::Issue(issues::body(Some(b), &v, &cx.provided)),
            None if kind == ItemKind::Issue => Body::Issue(issues::body(None, &v, &cx.provided)),
            None => Body::Task(tasks::body(None, &v, &cx.provided, &mut cx.warnings)),
        };
        let checked = match &body {
            Body::Task(t) => validate::task(t),
            Body::Issue(i) => validate::issue(i),
        };
        if let Err(e) = checked {
            cx.warnings.push(Warning { line, kind: WarningKind::RowInvalid { error: e } });
            skipped.push(skip_row(kind, &v.title));
            continue;
        }
        let id = match (found, &base) {
            (Some((_, id)), Some(_)) => id,
            _ => cx.ids.next(),
        };
        items.push(Item { row, key: key.to_string(), id, base, body, status, assignee_name: String::new() });
    }
    Read { items, skipped, words }
}

/// Hours or points as they land: a negative, infinite or too large value warns and is left empty.
fn hours(x: Option<f64>, column: &str, line: usize, warnings: &mut Vec<Warning>) -> Option<f64> {
    match x {
        Some(h) if !(h.is_finite() && (0.0..=MAX_HOURS).contains(&h)) => {
            warnings
                .push(Warning { line, kind: WarningKind::BadNumber { column: column.into(), value: h.to_string() } });
            None
        }
        other => other,
    }
}

/// A row that does not land, as the preview shows it.
fn skipped_row(
    row: &SourceRow,
    key: &str,
    item: ItemKind,
    title: &str,
    status: TaskStatus,
    priority: Priority,
) -> PreviewRow {
    PreviewRow {
        line: row.line,
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
    }
}
