//! The import written into the project: the items and new members, and the changes that explain
//! them — back-dated to the file's own created and resolved times so the history is seeded, then
//! the import's audit record — numbered as one batch.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use super::item::Body;
use super::resolve::Resolved;
use super::seed::{json, Seed, When};
use super::{issues, tasks, ImportOptions};
use crate::change::{Change, EntityKind, EntityRef};
use crate::id::{Id, Stamp};
use crate::model::{ImportRecord, Project};
use crate::validate::MAX_TITLE;

/// A file's local time as an instant (`utc = local − offset`).
fn local_to_utc(t: NaiveDateTime, tz_offset_min: i32) -> DateTime<Utc> {
    let off = i64::from(tz_offset_min.clamp(-24 * 60, 24 * 60));
    t.checked_sub_signed(Duration::minutes(off)).unwrap_or(t).and_utc()
}

/// Writes the resolved items into `p` and appends the changes that explain them.
pub(super) fn materialize(p: &mut Project, r: Resolved<'_>, opts: &ImportOptions, stamp: &Stamp, new_project: bool) {
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
    let next_issue = p.next_number(EntityKind::Issue);
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
        let when = When { created: c_at, resolved, now, last: last_change.get(&it.id).copied() };
        match (it.base, it.body) {
            (None, Body::Task(t)) => {
                tasks::seed_new(it.id, &t, &when, &mut seeds);
                p.tasks.insert(it.id, t);
            }
            (None, Body::Issue(i)) => {
                issues::seed_new(it.id, &i, &when, &mut seeds);
                p.issues.insert(it.id, i);
            }
            (Some(Body::Task(b)), Body::Task(t)) => {
                if b == t {
                    continue;
                }
                tasks::seed_update(it.id, &b, &t, &when, &mut seeds);
                p.tasks.insert(it.id, t);
            }
            (Some(Body::Issue(b)), Body::Issue(i)) => {
                if b == i {
                    continue;
                }
                issues::seed_update(it.id, &b, &i, &when, &mut seeds);
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
    issues::number_new(&mut all, &mut p.issues, next_issue);
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
