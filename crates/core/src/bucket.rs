//! Entity records in buckets (the browser's storage layout 3). IndexedDB pays per record: reading
//! the 11,700 entity records of a 10k-task project took 407–902 ms, the same data in 24 records
//! 19–24 ms (BENCHMARKS.md, 2026-12-07). So the browser keeps a project's entities of one kind in
//! at most 256 records, by the first byte of their id; an edit rewrites the one bucket of the
//! entity it touched (about n/256 entities of that kind).
//!
//! A bucket record: `{"project": "<id>", "kind": "task", "bucket": "3f", "data": [entity, …]}`,
//! each entity as in files (with its `id`), in id order. Layout 2 kept one record per entity,
//! `{"project", "kind", "data": entity}`; [`read`] takes both, and says which it saw, so the
//! shell can rewrite a project still in the old layout.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use serde_json::{json, Value};

use crate::change::{EntityKind, EntityRef};
use crate::format;
use crate::id::Id;
use crate::model::{with_collection, Project};

/// The bucket of an entity: the first byte of its id.
pub fn bucket_of(id: Id) -> u8 {
    id.as_bytes()[0]
}

/// A bucket's name in keys and records: two lowercase hex digits.
pub fn name(bucket: u8) -> String {
    format!("{bucket:02x}")
}

/// Whether the last part of a stored entity key is a bucket's name (layout 3), not an entity's
/// id (layout 2).
pub fn is_name(part: &str) -> bool {
    part.len() == 2
}

/// The ids of one bucket, as a range of an id-ordered map.
fn ids(bucket: u8) -> RangeInclusive<Id> {
    let mut lo = [0u8; 16];
    let mut hi = [0xffu8; 16];
    lo[0] = bucket;
    hi[0] = bucket;
    Id::from_bytes(lo)..=Id::from_bytes(hi)
}

/// The buckets that hold these entities (the project's own record is not an entity record).
pub fn touched<'a>(refs: impl IntoIterator<Item = &'a EntityRef>) -> BTreeSet<(EntityKind, u8)> {
    refs.into_iter()
        .filter(|r| r.kind != EntityKind::Project && r.kind.collection().is_some())
        .map(|r| (r.kind, bucket_of(r.id)))
        .collect()
}

/// Every bucket of the project that holds an entity.
pub fn all(p: &Project) -> BTreeSet<(EntityKind, u8)> {
    let mut out = BTreeSet::new();
    for kind in EntityKind::ALL {
        if kind.collection().is_none() {
            continue;
        }
        for id in p.ids(*kind) {
            out.insert((*kind, bucket_of(id)));
        }
    }
    out
}

/// The record text of one bucket of `p`, or `None` when no entity is in it (the record goes).
pub fn text(p: &Project, kind: EntityKind, bucket: u8) -> Option<String> {
    let data: Vec<Value> = with_collection!(
        p, kind,
        |m| m
            .range(ids(bucket))
            .filter_map(|(id, _)| format::entity_record(p, EntityRef::new(kind, *id)))
            .collect(),
        project => Vec::new()
    );
    (!data.is_empty()).then(|| text_of(&p.id.to_string(), kind, bucket, data))
}

/// A bucket record's text from its entities (each with its `id`, in id order).
fn text_of(project: &str, kind: EntityKind, bucket: u8, data: Vec<Value>) -> String {
    json!({ "project": project, "kind": kind.as_str(), "bucket": name(bucket), "data": data }).to_string()
}

/// One stored entity record: the parts of its key after the project id (the kind's word, then the
/// entity's id in layout 2 or the bucket's name in layout 3), and its text.
pub type Stored = (String, String, String);

/// A project's stored entity records moved to layout 3, or `None` when none is in layout 2.
/// Records that cannot be read are kept as they are (the project then fails to load as before,
/// and says where); every readable entity lands in its bucket, in id order.
pub fn relayout(project: &str, records: Vec<Stored>) -> Option<Vec<Stored>> {
    if records.iter().all(|(_, part, _)| is_name(part)) {
        return None;
    }
    let mut buckets: std::collections::BTreeMap<(EntityKind, u8), std::collections::BTreeMap<Id, Value>> =
        std::collections::BTreeMap::new();
    let mut kept = Vec::new();
    for (word, part, text) in records {
        let read = serde_json::from_str::<Value>(&text).ok().and_then(read);
        let entities = read.as_ref().map(|r| {
            r.entities
                .iter()
                .map(|e| e.get("id").and_then(Value::as_str).and_then(|s| Id::parse_str(s).ok()))
                .collect::<Option<Vec<Id>>>()
        });
        match (read, entities) {
            (Some(r), Some(Some(ids))) => {
                for (id, e) in ids.into_iter().zip(r.entities) {
                    buckets.entry((r.kind, bucket_of(id))).or_default().insert(id, e);
                }
            }
            _ => kept.push((word, part, text)),
        }
    }
    let mut out: Vec<Stored> = buckets
        .into_iter()
        .map(|((kind, b), m)| (kind.as_str().to_string(), name(b), text_of(project, kind, b, m.into_values().collect())))
        .collect();
    out.extend(kept);
    Some(out)
}

/// What one stored entity record holds: its kind and entities (`None`: a kind this version does
/// not know, or no data), and whether it is a layout-2 record of one entity.
pub struct Read {
    pub kind: EntityKind,
    pub entities: Vec<Value>,
    pub legacy: bool,
}

/// Reads a stored entity record of either layout, moving its data out of it.
pub fn read(mut rec: Value) -> Option<Read> {
    let word = rec.get("kind").and_then(Value::as_str)?;
    let kind = EntityKind::ALL.iter().copied().find(|k| k.as_str() == word)?;
    match rec.as_object_mut()?.remove("data")? {
        Value::Array(entities) => Some(Read { kind, entities, legacy: false }),
        // One entity (layout 2); anything else is passed on as one, for the parser to report.
        one => Some(Read { kind, entities: vec![one], legacy: true }),
    }
}
