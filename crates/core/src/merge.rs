//! Merging copies of a project: the change logs are unioned by id and the state is replayed, so
//! each field takes the value of its latest change (time, then actor, then id). The result does not
//! depend on the order or grouping of merges, and merging the same copy twice changes nothing.
//!
//! **Conflicts.** The changes both copies have are their common history; the others are what each
//! side did since they diverged. A *field conflict* is an (entity, field) that both sides changed
//! since they diverged, where the last such change on each side leaves a different value (a
//! `$create` counts as setting every field, e.g. an undone deletion). Equal values are not a
//! conflict. Its `winner` is the side whose value the union kept (the side whose change is later
//! in [`Change::order_key`] order). A *delete-versus-edit conflict* (`field` = `"$delete"`) is an
//! entity one side deleted since they diverged (it is gone from that copy) while the other side
//! changed it since they diverged (it still has it): the deleting side's value is `true`, the
//! editing side's is its entity as JSON. **The deletion wins** by default, whatever the times:
//! replay ignores edits of an entity that no longer exists, so the union does not have it. Picking
//! the editing side ("keep") re-creates the entity with a new `$create` change holding its values
//! as if the deletion had not happened (every edit of both sides, latest wins), with its deleted
//! ancestor tasks, so it returns to where it was; see [`merge`].

use crate::model::Project;
use crate::replay::{normalize, replay};

/// The union of two copies of the same project.
pub fn union(a: &Project, b: &Project) -> Project {
    let mut changes = Vec::with_capacity(a.changes.len() + b.changes.len());
    changes.extend(a.changes.iter().cloned());
    changes.extend(b.changes.iter().cloned());
    normalize(&mut changes);
    replay(a.id, &changes)
}

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};

use serde_json::Value;

use crate::apply::{apply_to_project, check_entity, raw_write, record};
use crate::change::{Change, EntityKind, EntityRef, CREATE, DELETE};
use crate::command::Command;
use crate::id::{Id, Stamp};

/// Which copy a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The project already stored here.
    Local,
    /// The file being imported.
    Incoming,
}

/// What the incoming file does to an entity of the local project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeltaAction {
    Added,
    Changed,
    Deleted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Delta {
    pub entity: EntityRef,
    /// The entity's title or name (after the merge; before it, for deletions).
    pub title: String,
    pub action: DeltaAction,
    /// For `Changed`: the fields whose value changes.
    pub fields: Vec<String>,
}

/// A field both sides changed since they diverged, to different values. A deletion on one side
/// against edits on the other is a conflict with `field` = `"$delete"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub entity: EntityRef,
    pub title: String,
    pub field: String,
    pub local: Value,
    pub incoming: Value,
    /// The side "latest change wins" picks when the user does not choose.
    pub winner: Side,
    /// Who made each side's edit, and when (the latest one of the field, or the deletion).
    pub local_by: Edit,
    pub incoming_by: Edit,
}

/// Who made a change and when.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub actor: String,
    pub at: DateTime<Utc>,
}

impl Edit {
    fn of(c: &Change) -> Edit {
        Edit { actor: c.actor.clone(), at: c.at }
    }
}

/// One change of the file this copy does not have yet, as the preview lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub entity: EntityRef,
    /// The entity's title or name (in the merged copy; before it, for deletions).
    pub title: String,
    /// The field, or `$create` / `$delete`.
    pub field: String,
    pub from: Value,
    pub to: Value,
    pub by: Edit,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergePreview {
    pub deltas: Vec<Delta>,
    pub conflicts: Vec<Conflict>,
    /// Changes of the file this copy does not have yet (0 = the file brings nothing new).
    pub new_changes: usize,
    /// Those changes one by one, in the order they were made.
    pub incoming: Vec<Incoming>,
}

/// The changes of `p` the other copy does not have: what `p` did since the copies diverged.
fn diverged<'a>(p: &'a Project, other: &HashSet<Id>) -> Vec<&'a Change> {
    p.changes.iter().filter(|c| !other.contains(&c.id)).collect()
}

/// The latest diverged change of each (entity, field) and the value it sets. A creation counts as
/// setting every field of the entity (an undone deletion re-creates the entity with old values).
fn touches<'a>(changes: &[&'a Change]) -> BTreeMap<(EntityRef, String), (&'a Change, Value)> {
    let mut out: BTreeMap<(EntityRef, String), (&'a Change, Value)> = BTreeMap::new();
    let mut put = |key: (EntityRef, String), c: &'a Change, v: Value| match out.get(&key) {
        Some((old, _)) if old.order_key() >= c.order_key() => {}
        _ => {
            out.insert(key, (c, v));
        }
    };
    for c in changes {
        if c.is_delete() {
            continue;
        }
        if c.is_create() {
            if let Value::Object(m) = &c.to {
                for (k, v) in m {
                    put((c.entity, k.clone()), c, v.clone());
                }
            }
        } else {
            put((c.entity, c.field.clone()), c, c.to.clone());
        }
    }
    out
}

/// The title from the first copy that has the entity, else from its last deletion snapshot.
fn title_in(copies: &[&Project], r: EntityRef) -> String {
    for p in copies {
        if let Some(t) = p.entity_title(r) {
            return t;
        }
    }
    for p in copies {
        if let Some(c) = p.changes.iter().rev().find(|c| c.entity == r && c.is_delete()) {
            for key in ["title", "name"] {
                if let Some(Value::String(s)) = c.from.get(key) {
                    return s.clone();
                }
            }
        }
    }
    String::new()
}

/// Every entity of a project, with the project itself first.
fn all_refs(p: &Project) -> Vec<EntityRef> {
    let mut v = vec![EntityRef::project(p.id)];
    v.extend(p.entity_refs());
    v
}

fn deltas(local: &Project, merged: &Project) -> Vec<Delta> {
    let mut out = Vec::new();
    for r in all_refs(merged) {
        match (local.entity_json(r), merged.entity_json(r)) {
            (None, Some(_)) => out.push(Delta {
                entity: r,
                title: title_in(&[merged], r),
                action: DeltaAction::Added,
                fields: Vec::new(),
            }),
            (Some(a), Some(b)) if a != b => {
                let mut fields: Vec<String> = Vec::new();
                if let (Value::Object(am), Value::Object(bm)) = (&a, &b) {
                    let keys: BTreeSet<&String> = am.keys().chain(bm.keys()).collect();
                    for k in keys {
                        if am.get(k) != bm.get(k) {
                            fields.push(k.clone());
                        }
                    }
                }
                out.push(Delta { entity: r, title: title_in(&[merged], r), action: DeltaAction::Changed, fields });
            }
            _ => {}
        }
    }
    for r in all_refs(local) {
        if !merged.entity_exists(r) {
            out.push(Delta {
                entity: r,
                title: title_in(&[local], r),
                action: DeltaAction::Deleted,
                fields: Vec::new(),
            });
        }
    }
    out.sort_by(|a, b| {
        (a.entity.kind, a.action, &a.title, a.entity.id).cmp(&(b.entity.kind, b.action, &b.title, b.entity.id))
    });
    out
}

/// A conflict and what merge needs to resolve it.
struct Found {
    conflict: Conflict,
    /// For `$delete` conflicts: the side that deleted the entity.
    deleted_by: Option<Side>,
}

fn find_conflicts(local: &Project, incoming: &Project, merged: &Project) -> Vec<Found> {
    let local_ids: HashSet<Id> = local.changes.iter().map(|c| c.id).collect();
    let incoming_ids: HashSet<Id> = incoming.changes.iter().map(|c| c.id).collect();
    let ours = diverged(local, &incoming_ids);
    let theirs = diverged(incoming, &local_ids);
    if ours.is_empty() || theirs.is_empty() {
        return Vec::new(); // one copy is an ancestor of the other: a fast-forward
    }
    let lt = touches(&ours);
    let it = touches(&theirs);
    let copies = [merged, local, incoming];
    let mut out = Vec::new();
    for (key, (lc, lv)) in &lt {
        let Some((ic, iv)) = it.get(key) else { continue };
        if lv == iv {
            continue;
        }
        let (entity, field) = key;
        let by_time = if lc.order_key() > ic.order_key() { Side::Local } else { Side::Incoming };
        let winner = match merged.get_field(*entity, field) {
            Some(v) if v == *lv => Side::Local,
            Some(v) if v == *iv => Side::Incoming,
            _ => by_time,
        };
        out.push(Found {
            conflict: Conflict {
                entity: *entity,
                title: title_in(&copies, *entity),
                field: field.clone(),
                local: lv.clone(),
                incoming: iv.clone(),
                winner,
                local_by: Edit::of(lc),
                incoming_by: Edit::of(ic),
            },
            deleted_by: None,
        });
    }
    // Deletion on one side against edits on the other.
    let edited = |t: &BTreeMap<(EntityRef, String), (&Change, Value)>| -> BTreeSet<EntityRef> {
        t.keys().map(|(r, _)| *r).collect()
    };
    let (l_edited, i_edited) = (edited(&lt), edited(&it));
    let mut seen = BTreeSet::new();
    let sides =
        [(Side::Local, &ours, local, incoming, &i_edited), (Side::Incoming, &theirs, incoming, local, &l_edited)];
    for (side, dels, deleter, editor, editor_touched) in sides {
        for c in dels.iter().filter(|c| c.is_delete()) {
            let r = c.entity;
            if r.kind == EntityKind::Project
                || deleter.entity_exists(r)
                || !editor_touched.contains(&r)
                || !seen.insert(r)
            {
                continue;
            }
            let Some(kept) = editor.entity_json(r) else { continue };
            let (lv, iv) = match side {
                Side::Local => (Value::Bool(true), kept),
                Side::Incoming => (kept, Value::Bool(true)),
            };
            // The deletion, against the editing side's latest edit of the entity.
            let edits = if side == Side::Local { &it } else { &lt };
            let last_edit = edits
                .iter()
                .filter(|((e, _), _)| *e == r)
                .map(|(_, (ch, _))| *ch)
                .max_by(|a, b| a.order_key().cmp(&b.order_key()));
            let deletion = Edit::of(c);
            let edit = last_edit.map(Edit::of).unwrap_or_else(|| deletion.clone());
            let (local_by, incoming_by) = match side {
                Side::Local => (deletion, edit),
                Side::Incoming => (edit, deletion),
            };
            let other = if side == Side::Local { Side::Incoming } else { Side::Local };
            out.push(Found {
                conflict: Conflict {
                    entity: r,
                    title: title_in(&[editor], r),
                    field: DELETE.to_string(),
                    local: lv,
                    incoming: iv,
                    winner: if merged.entity_exists(r) { other } else { side },
                    local_by,
                    incoming_by,
                },
                deleted_by: Some(side),
            });
        }
    }
    out.sort_by(|a, b| {
        let (a, b) = (&a.conflict, &b.conflict);
        (a.entity.kind, &a.title, a.entity.id, &a.field).cmp(&(b.entity.kind, &b.title, b.entity.id, &b.field))
    });
    out
}

/// What merging `incoming` into `local` would do. Writes nothing.
pub fn preview(local: &Project, incoming: &Project) -> MergePreview {
    let merged = union(local, incoming);
    let local_ids: HashSet<Id> = local.changes.iter().map(|c| c.id).collect();
    let copies = [&merged, local, incoming];
    let mut titles: HashMap<EntityRef, String> = HashMap::new();
    let mut new: Vec<&Change> = incoming.changes.iter().filter(|c| !local_ids.contains(&c.id)).collect();
    new.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let incoming_list = new
        .iter()
        .map(|c| Incoming {
            entity: c.entity,
            title: titles.entry(c.entity).or_insert_with(|| title_in(&copies, c.entity)).clone(),
            field: c.field.clone(),
            from: c.from.clone(),
            to: c.to.clone(),
            by: Edit::of(c),
        })
        .collect();
    MergePreview {
        deltas: deltas(local, &merged),
        conflicts: find_conflicts(local, incoming, &merged).into_iter().map(|f| f.conflict).collect(),
        new_changes: new.len(),
        incoming: incoming_list,
    }
}

/// The merged project: the union, then for every conflict where the user picked the side that
/// latest-wins did not, one new change (stamped `stamp`) setting the picked value.
///
/// * A field conflict writes the picked side's value, unless the entity no longer exists or the
///   value would break a rule of the model (a parent cycle, a reference to a deleted entity):
///   then the union's value stays.
/// * Keeping an entity one side deleted (the `$delete` conflict resolved for the editing side)
///   re-creates it with a `$create` change holding its values as if the deletion had not happened
///   (every edit of both sides, latest wins). A task's deleted ancestors are re-created with it, so
///   it returns to where it was; references to entities that no longer exist are cleared. The
///   references the deletion removed from other records (dependencies, issue links) stay removed.
/// * Deleting an entity the union still has (`$delete` resolved for the deleting side) deletes it
///   the way [`Command::Delete`] does (subtree and references).
///
/// All new changes form one batch (one undo step), later than every change of both copies, so
/// `replay(p.id, &p.changes)` gives exactly the returned state.
pub fn merge(
    local: &Project,
    incoming: &Project,
    picks: &BTreeMap<(EntityRef, String), Side>,
    stamp: &Stamp,
) -> Project {
    let mut u = union(local, incoming);
    if picks.is_empty() {
        return u;
    }
    let found = find_conflicts(local, incoming, &u);
    let wants = |f: &Found| -> Option<Side> {
        let c = &f.conflict;
        picks.get(&(c.entity, c.field.clone())).copied().filter(|pick| *pick != c.winner)
    };
    let mut done: Vec<(EntityRef, String, Value, Value)> = Vec::new();

    // 1. Deletions against edits.
    let mut keep: BTreeSet<EntityRef> = BTreeSet::new();
    let mut drop_: Vec<EntityRef> = Vec::new();
    for f in &found {
        let (Some(deleter), Some(pick)) = (f.deleted_by, wants(f)) else { continue };
        let r = f.conflict.entity;
        if pick == deleter {
            if u.entity_exists(r) {
                drop_.push(r);
            }
        } else if !u.entity_exists(r) {
            keep.insert(r);
        }
    }
    if !keep.is_empty() {
        recreate(&mut u, local, incoming, keep, &mut done);
    }
    for r in drop_ {
        if !u.entity_exists(r) {
            continue; // went with an earlier deletion's subtree
        }
        let before = u.changes.len();
        let cmd = Command::Delete { project: u.id, entity: r };
        if let Ok(changes) = apply_to_project(&mut u, cmd, stamp) {
            u.changes.truncate(before);
            done.extend(changes.into_iter().map(|c| (c.entity, c.field, c.from, c.to)));
        }
    }

    // 2. Field conflicts.
    for f in &found {
        if f.deleted_by.is_some() {
            continue;
        }
        let Some(pick) = wants(f) else { continue };
        let c = &f.conflict;
        let value = if pick == Side::Local { &c.local } else { &c.incoming };
        match u.get_field(c.entity, &c.field) {
            Some(cur) if cur != *value => {}
            _ => continue, // gone, or already the picked value
        }
        let Ok(from) = raw_write(&mut u, c.entity, &c.field, value) else { continue };
        let to = u.get_field(c.entity, &c.field).unwrap_or(Value::Null);
        if from == to || check_entity(&u, c.entity).is_err() {
            let _restored = raw_write(&mut u, c.entity, &c.field, &from);
            continue;
        }
        done.push((c.entity, c.field.clone(), from, to));
    }
    record(&mut u, done, stamp);
    u
}

/// Re-creates deleted entities (and a task's deleted ancestors) with the values they would have
/// without the diverged deletions; appends the `$create` writes to `done`.
fn recreate(
    u: &mut Project,
    local: &Project,
    incoming: &Project,
    mut keep: BTreeSet<EntityRef>,
    done: &mut Vec<(EntityRef, String, Value, Value)>,
) {
    let local_ids: HashSet<Id> = local.changes.iter().map(|c| c.id).collect();
    let incoming_ids: HashSet<Id> = incoming.changes.iter().map(|c| c.id).collect();
    let common = |id: &Id| local_ids.contains(id) && incoming_ids.contains(id);
    let mut undeleted;
    loop {
        let changes: Vec<Change> = u
            .changes
            .iter()
            .filter(|c| !(c.is_delete() && keep.contains(&c.entity) && !common(&c.id)))
            .cloned()
            .collect();
        undeleted = replay(u.id, &changes);
        let mut grew = false;
        for r in keep.clone() {
            // An action item comes back with its meeting.
            if let Some(a) = (r.kind == EntityKind::ActionItem).then(|| undeleted.action_items.get(&r.id)).flatten() {
                if !u.meetings.contains_key(&a.meeting) && keep.insert(EntityRef::meeting(a.meeting)) {
                    grew = true;
                }
            }
            if r.kind != EntityKind::Task {
                continue;
            }
            let mut cur = undeleted.tasks.get(&r.id).and_then(|t| t.parent);
            let mut steps = 0;
            while let Some(pid) = cur {
                steps += 1;
                if u.tasks.contains_key(&pid) || steps > undeleted.tasks.len() {
                    break;
                }
                if keep.insert(EntityRef::task(pid)) {
                    grew = true;
                }
                cur = undeleted.tasks.get(&pid).and_then(|t| t.parent);
            }
        }
        if !grew {
            break;
        }
    }
    let exists = |u: &Project, r: EntityRef| u.entity_exists(r) || keep.contains(&r);
    let depth = |id: Id| {
        let mut d = 0usize;
        let mut cur = undeleted.tasks.get(&id).and_then(|t| t.parent);
        while let Some(p) = cur {
            d += 1;
            if d > undeleted.tasks.len() {
                break;
            }
            cur = undeleted.tasks.get(&p).and_then(|t| t.parent);
        }
        d
    };
    let mut order: Vec<EntityRef> = keep.iter().copied().filter(|r| undeleted.entity_exists(*r)).collect();
    // Kinds in declaration order: meetings before their action items, tasks parents first.
    order.sort_by_key(|r| (r.kind, if r.kind == EntityKind::Task { depth(r.id) } else { 0 }, r.id));
    let person = |u: &Project, x: &Id| exists(u, EntityRef::member(*x)) || exists(u, EntityRef::stakeholder(*x));
    for r in order {
        let value = match r.kind {
            EntityKind::Project => continue,
            EntityKind::Member => undeleted.entity_json(r),
            EntityKind::Task => undeleted.tasks.get(&r.id).cloned().and_then(|mut t| {
                t.parent = t.parent.filter(|x| exists(u, EntityRef::task(*x)));
                t.assignee = t.assignee.filter(|x| exists(u, EntityRef::member(*x)));
                t.depends_on.retain(|x| exists(u, EntityRef::task(*x)));
                t.raci.retain(|x, _| person(u, x));
                serde_json::to_value(t).ok()
            }),
            EntityKind::Issue => undeleted.issues.get(&r.id).cloned().and_then(|mut i| {
                i.owner = i.owner.filter(|x| exists(u, EntityRef::member(*x)));
                i.linked_tasks.retain(|x| exists(u, EntityRef::task(*x)));
                i.linked_risks.retain(|x| exists(u, EntityRef::risk(*x)));
                serde_json::to_value(i).ok()
            }),
            EntityKind::Risk => undeleted.risks.get(&r.id).cloned().and_then(|mut k| {
                k.owner = k.owner.filter(|x| exists(u, EntityRef::member(*x)));
                k.linked_issue = k.linked_issue.filter(|x| exists(u, EntityRef::issue(*x)));
                serde_json::to_value(k).ok()
            }),
            EntityKind::Stakeholder => undeleted.stakeholders.get(&r.id).cloned().and_then(|mut s| {
                s.member = s.member.filter(|x| exists(u, EntityRef::member(*x)));
                serde_json::to_value(s).ok()
            }),
            EntityKind::Meeting => undeleted.meetings.get(&r.id).cloned().and_then(|mut m| {
                m.attendees.retain(|x| person(u, x));
                serde_json::to_value(m).ok()
            }),
            EntityKind::ActionItem => undeleted.action_items.get(&r.id).cloned().and_then(|mut a| {
                a.owner = a.owner.filter(|x| person(u, x));
                a.task = a.task.filter(|x| exists(u, EntityRef::task(*x)));
                a.issue = a.issue.filter(|x| exists(u, EntityRef::issue(*x)));
                serde_json::to_value(a).ok()
            }),
            EntityKind::Baseline | EntityKind::Report | EntityKind::Import => undeleted.entity_json(r),
        };
        let Some(value) = value else { continue };
        if raw_write(u, r, CREATE, &value).is_ok() {
            let to = u.entity_json(r).unwrap_or(value);
            done.push((r, CREATE.to_string(), Value::Null, to));
        }
    }
}
