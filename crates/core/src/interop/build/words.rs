//! The file's words for type, status and priority, mapped onto Mieruka's: through the user's
//! [`ValueMaps`], then as Mieruka's own words; an unknown word warns once (line of its first use).

use std::collections::HashSet;

use crate::enums::{Priority, TaskStatus};
use crate::interop::{ItemKind, SourceRow, ValueMaps, Warning, WarningKind};

/// What a row's words say, read by [`Vocabulary::read`].
pub(super) struct Meaning {
    pub kind: ItemKind,
    pub status: TaskStatus,
    pub priority: Priority,
}

/// The distinct words of the file (for the value-mapping editor) and the unknown ones already
/// warned about.
#[derive(Default)]
pub(super) struct Vocabulary {
    pub statuses: Words,
    pub priorities: Words,
    pub kinds: Words,
    warned: HashSet<(u8, String)>,
}

impl Vocabulary {
    /// The row's type, status and priority.
    pub fn read(&mut self, row: &SourceRow, values: &ValueMaps, warnings: &mut Vec<Warning>) -> Meaning {
        let line = row.line;
        self.statuses.add(&row.status);
        self.priorities.add(&row.priority);
        self.kinds.add(&row.kind);
        let warned = &mut self.warned;
        let mut warn_once = |tag: u8, word: &str, kind: WarningKind, warnings: &mut Vec<Warning>| {
            if warned.insert((tag, word.to_string())) {
                warnings.push(Warning { line, kind });
            }
        };
        // Type.
        let kind_word = row.kind.trim().to_lowercase();
        let kind = if kind_word.is_empty() {
            ItemKind::Task
        } else if let Some(k) = values.kind.get(&kind_word).copied().or_else(|| parse_kind(&kind_word)) {
            k
        } else {
            warn_once(0, &kind_word, WarningKind::UnmappedKind { value: row.kind.trim().to_string() }, warnings);
            ItemKind::Task
        };
        // Status.
        let status_word = row.status.trim().to_lowercase();
        let status = if status_word.is_empty() {
            derived_status(row)
        } else if let Some(s) =
            values.status.get(&status_word).copied().or_else(|| TaskStatus::parse(&status_word.replace(' ', "_")))
        {
            s
        } else {
            warn_once(1, &status_word, WarningKind::UnmappedStatus { value: row.status.trim().to_string() }, warnings);
            derived_status(row)
        };
        // Priority.
        let priority_word = row.priority.trim().to_lowercase();
        let priority = if priority_word.is_empty() {
            Priority::Medium
        } else if let Some(p) = values.priority.get(&priority_word).copied().or_else(|| Priority::parse(&priority_word))
        {
            p
        } else {
            warn_once(
                2,
                &priority_word,
                WarningKind::UnmappedPriority { value: row.priority.trim().to_string() },
                warnings,
            );
            Priority::Medium
        };
        Meaning { kind, status, priority }
    }
}

/// An empty or unknown status: resolved or 100 % → done, above 0 % → in progress, else not started.
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
pub(super) struct Words {
    seen: HashSet<String>,
    pub list: Vec<String>,
}

impl Words {
    fn add(&mut self, raw: &str) {
        let w = raw.trim();
        if !w.is_empty() && self.seen.insert(w.to_lowercase()) {
            self.list.push(w.to_string());
        }
    }
}
