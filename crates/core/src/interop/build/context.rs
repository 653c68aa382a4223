//! What every step of the resolution shares: the project imported into (its items by source key,
//! its members by name), the ids the batch hands out, and the warnings so far.

use std::collections::HashMap;

use super::item::Provided;
use super::text::norm_name;
use super::ImportOptions;
use crate::change::EntityKind;
use crate::id::Id;
use crate::interop::{SourceRow, Warning};
use crate::model::Project;

pub(super) struct Context<'p> {
    /// The project imported into (re-import), `None` for a new one.
    pub existing: Option<&'p Project>,
    /// The source's name, the prefix of every source key (`jira` in `jira:PROJ-12`).
    pub prefix: &'static str,
    pub provided: Provided,
    pub ids: IdGen<'p>,
    pub warnings: Vec<Warning>,
    /// The project's members by [`norm_name`], and the members this import adds.
    pub members_by_name: HashMap<String, Id>,
    /// The project's tasks and issues by source key.
    by_source: HashMap<&'p str, (EntityKind, Id)>,
}

impl<'p> Context<'p> {
    pub fn new(existing: Option<&'p Project>, rows: &[SourceRow], opts: &ImportOptions, batch: Id) -> Context<'p> {
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
        Context {
            existing,
            prefix: opts.source.as_str(),
            provided: Provided::of(rows),
            ids: IdGen { base: batch.as_u128() ^ (1u128 << 127), n: 0, existing },
            warnings: Vec::new(),
            members_by_name,
            by_source,
        }
    }

    /// The project's task or issue with this source key (`jira:PROJ-12`).
    pub fn by_source(&self, source_key: &str) -> Option<(EntityKind, Id)> {
        self.by_source.get(source_key).copied()
    }

    /// The project's task whose source key is this row key of the file (`PROJ-12`).
    pub fn existing_task(&self, key: &str) -> Option<Id> {
        match self.by_source(&format!("{}:{key}", self.prefix)) {
            Some((EntityKind::Task, id)) => Some(id),
            _ => None,
        }
    }
}

/// Entity ids of a batch: the batch with its top bit flipped, plus a counter, skipping ids the
/// project already uses. Change ids are the batch plus a small counter, so they never meet.
pub(super) struct IdGen<'a> {
    base: u128,
    n: u128,
    existing: Option<&'a Project>,
}

impl IdGen<'_> {
    pub fn next(&mut self) -> Id {
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
