//! Opening the stored projects: their head records (`{"rev", "project": {…own fields…}}`) and
//! their entities' bucket records ([`crate::bucket`]), without the change log (it loads after).
//!
//! Two paths give the same projects. [`open_typed`] deserializes each bucket's entities straight
//! into their types (serde derive); [`open_through_value`] builds a `serde_json::Value` per record
//! and fills the entities field by field, which locates a bad value ("tasks[12].due: not a date").
//! The typed path only ever *declines* — a record it does not read exactly as the `Value` path
//! would (an unknown kind, a layout-2 record, a duplicate key or id, a value an entity's checks
//! refuse, a reference to nothing) makes it return `None`, and the caller takes the `Value` path,
//! which reports the problem. tests/stored.rs holds the two equal on valid stores and on damaged
//! records. Opening 10k tasks spent ~110 ms of ~400 in the `Value` path in the browser.

use std::collections::{BTreeMap, HashMap};

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::bucket;
use crate::change::EntityKind;
use crate::format::{self, assemble, ImportError, Lists};
use crate::id::Id;
use crate::model::Project;

/// Why a stored project (or one of its records) cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// A record that is not JSON.
    NotJson(String),
    /// A project whose data breaks a rule of the format, located.
    Corrupt(ImportError),
}

/// What opening found: the projects with their revs, and what could not be read (the other
/// projects open all the same; nothing is dropped from storage).
pub type Opened = (Vec<(Project, u64)>, Vec<Unreadable>);

/// The `Value` path: every record parsed as JSON, entities filled field by field.
pub fn open_through_value(heads: &[String], buckets: &[String]) -> Opened {
    let mut by_project: BTreeMap<String, Vec<(EntityKind, Value)>> = BTreeMap::new();
    let mut errors = Vec::new();
    for text in buckets {
        match serde_json::from_str::<Value>(text) {
            Ok(rec) => {
                let pid = rec.get("project").and_then(Value::as_str).unwrap_or_default().to_string();
                if let Some(r) = bucket::read(rec) {
                    by_project.entry(pid).or_default().extend(r.entities.into_iter().map(|e| (r.kind, e)));
                }
            }
            Err(e) => errors.push(Unreadable::NotJson(e.to_string())),
        }
    }
    let mut out = Vec::new();
    for text in heads {
        let head = match serde_json::from_str::<Value>(text) {
            Ok(h) => h,
            Err(e) => {
                errors.push(Unreadable::NotJson(e.to_string()));
                continue;
            }
        };
        let rev = head.get("rev").and_then(Value::as_u64).unwrap_or(0);
        let Some(project) = head.get("project").cloned() else {
            continue;
        };
        let pid = id_text(project.get("id"));
        let entities = by_project.remove(&pid).unwrap_or_default();
        match format::project_from_records(project, entities, Vec::new()) {
            Ok(p) => out.push((p, rev)),
            Err(e) => errors.push(Unreadable::Corrupt(e)),
        }
    }
    (out, errors)
}

/// A project's id as its records name it ("" when it has none: such records go together, as
/// the `Value` path groups them).
fn id_text(id: Option<&Value>) -> String {
    id.and_then(Value::as_str).unwrap_or_default().to_string()
}

/// Which project and kind a bucket record holds, and its entities' ids (the rest of each entity
/// is skipped over): the first of the two passes over a bucket's text.
#[derive(Deserialize)]
struct Label {
    project: String,
    kind: String,
    data: Vec<IdOf>,
}

/// A bucket's entities (`{"id": …, …fields…}` each; the id is not a field of the entity types,
/// so they skip over it): the second pass, once the kind is known. Two passes are cheaper in the
/// bundle than `#[serde(flatten)]` (which buffers every entity) and as fast.
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct Entities<T> {
    data: Vec<T>,
}

#[derive(Deserialize)]
struct IdOf {
    id: Id,
}

/// A head record: its rev, and the project's own fields (filled as the `Value` path fills them:
/// they are few).
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    rev: Option<Value>,
    /// A `Value`, not a map: a `null` here would read as no project and be skipped, where the
    /// `Value` path reports it.
    #[serde(default, deserialize_with = "present")]
    project: Option<Value>,
}

/// A field that is there, whatever its value (`null` included), as `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// Adds the entities of one bucket text to `list`, with the `ids` its first pass read; `None` if
/// an id repeats. Each entity's own
/// checks run once, in `assemble` (`check_entity` validates the entity, then its references).
fn add<T: DeserializeOwned>(
    text: &str,
    ids: &[IdOf],
    list: &mut BTreeMap<Id, T>,
    index: &mut HashMap<Id, usize>,
) -> Option<()> {
    let b: Entities<T> = serde_json::from_str(text).ok()?;
    if ids.len() != b.data.len() {
        return None;
    }
    for (&IdOf { id }, entity) in ids.iter().zip(b.data) {
        let at = index.len();
        if list.insert(id, entity).is_some() {
            return None;
        }
        index.insert(id, at);
    }
    Some(())
}

/// The typed path; `None` when it declines (see the module's text). Reads the same projects,
/// with the same revs, as [`open_through_value`] when that finds nothing wrong.
pub fn open_typed(heads: &[String], buckets: &[String]) -> Option<Vec<(Project, u64)>> {
    let mut by_project: BTreeMap<String, Lists> = BTreeMap::new();
    for text in buckets {
        let label: Label = serde_json::from_str(text).ok()?;
        let kind = EntityKind::ALL.iter().copied().find(|k| k.as_str() == label.kind)?;
        let lists = by_project.entry(label.project).or_default();
        let index = lists.index.entry(kind).or_default();
        macro_rules! typed {
            ([] $($list:ident: $kind:ident($ty:ty) => $check:path),* $(,)?) => {
                match kind {
                    $(EntityKind::$kind => add(text, &label.data, &mut lists.$list, index)?,)*
                    EntityKind::Project => return None,
                }
            };
        }
        crate::entity_kinds::entity_kinds!(typed);
    }
    let mut out = Vec::new();
    for text in heads {
        let head: Head = serde_json::from_str(text).ok()?;
        let rev = match head.rev {
            None => 0,
            Some(v) => v.as_u64()?,
        };
        let project = match head.project {
            None => continue,
            Some(Value::Object(m)) => m,
            Some(_) => return None,
        };
        // Entity lists or a log inside a head: the `Value` path would read them; not this one.
        let inside = EntityKind::ALL.iter().filter_map(|k| k.collection()).chain(["changes"]);
        if inside.into_iter().any(|k| project.contains_key(k)) {
            return None;
        }
        let lists = by_project.remove(&id_text(project.get("id"))).unwrap_or_default();
        // Where an error is (the path) does not matter here: any error declines.
        out.push((assemble(&project, lists, Vec::new(), "project", None).ok()?, rev));
    }
    Some(out)
}

/// Opens on the typed path, or on the `Value` path when the typed one declines.
pub fn open(heads: &[String], buckets: &[String]) -> Opened {
    match open_typed(heads, buckets) {
        Some(projects) => (projects, Vec::new()),
        None => open_through_value(heads, buckets),
    }
}
