//! Entity records in buckets (the browser's storage layouts 3 and 4). IndexedDB pays per record:
//! reading the 11,700 entity records of a 10k-task project took 407–902 ms, the same data in 24
//! records 19–24 ms (BENCHMARKS.md, 2026-12-07). So the browser keeps a project's entities of one
//! kind in buckets named by the first hex digits of their ids; an edit rewrites the one bucket of
//! the entity it touched.
//!
//! How many digits name a kind's buckets follows how many entities it has ([`digits_for`]): 16
//! buckets up to 1,024 entities, 256 up to 65,536, 4,096 beyond, so a small kind is a few records
//! (an open reads few) and a bucket stays small enough to rewrite on each save. Layout 3
//! named every bucket by two digits. The widths a project is stored at are kept in its head
//! record (`"widths": {"task": 2, …}`, a kind not named there is at two digits, as layout 3 wrote
//! it), and a save that would write a kind at another width than the stored one rewrites that
//! kind whole ([`Plan`], [`moved`]): the records of one kind are always of one width.
//!
//! A bucket record: `{"project": "<id>", "kind": "task", "bucket": "3f", "data": [entity, …]}`,
//! each entity as in files (with its `id`), in id order. Layout 2 kept one record per entity,
//! `{"project", "kind", "data": entity}`; [`read`] takes both, and says which it saw, so the
//! shell can rewrite a project still in the old layout.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use serde_json::{json, Value};

use crate::change::{EntityKind, EntityRef};
use crate::format;
use crate::id::Id;
use crate::model::{with_collection, Project};

/// The width of every bucket of layout 3, and of a kind a head does not name.
pub const LAYOUT_3_DIGITS: u8 = 2;

/// One bucket: the ids whose first `digits` hex digits (1 to 3) are `prefix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bucket {
    digits: u8,
    prefix: u16,
}

impl Bucket {
    /// The bucket of `id` among buckets of `digits` hex digits (1 to 3).
    pub fn of(id: Id, digits: u8) -> Bucket {
        let digits = digits.clamp(1, 3);
        let b = id.as_bytes();
        let top = u16::from_be_bytes([b[0], b[1]]);
        Bucket { digits, prefix: top >> (16 - 4 * u32::from(digits)) }
    }

    /// How many hex digits name it.
    pub fn digits(self) -> u8 {
        self.digits
    }

    /// Its name in keys and records: its lowercase hex digits.
    pub fn name(self) -> String {
        format!("{:0width$x}", self.prefix, width = usize::from(self.digits))
    }

    /// Its ids, as a range of an id-ordered map.
    fn ids(self) -> RangeInclusive<Id> {
        let shift = 16 - 4 * u32::from(self.digits);
        let lo = self.prefix << shift;
        let hi = lo | ((1u16 << shift) - 1);
        let mut low = [0u8; 16];
        let mut high = [0xffu8; 16];
        low[..2].copy_from_slice(&lo.to_be_bytes());
        high[..2].copy_from_slice(&hi.to_be_bytes());
        Id::from_bytes(low)..=Id::from_bytes(high)
    }
}

/// How many hex digits name the buckets of a kind with `n` entities: up to 1,024, 16 buckets (at
/// most ~64 entities each); up to 65,536, 256 (at most ~256 each); beyond, 4,096. The third digit
/// comes late because IndexedDB's cost per record outweighs a larger bucket's write: at 50k tasks
/// 4,096 task buckets took the open from 796 to 1,145 ms (the read alone 148 → 441 ms) to bring
/// the save of one edit from 10.7 to 1.7 ms (BENCHMARKS.md, 2026-12-07, layout 4).
pub fn digits_for(n: usize) -> u8 {
    match n {
        0..=1024 => 1,
        1025..=65536 => 2,
        _ => 3,
    }
}

/// Whether the last part of a stored entity key is a bucket's name (layouts 3 and 4: one to
/// three lowercase hex digits), not an entity's id (layout 2).
pub fn is_name(part: &str) -> bool {
    (1..=3).contains(&part.len()) && part.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

/// The width each kind's buckets are stored at. A kind it does not name is at
/// [`LAYOUT_3_DIGITS`].
pub type Widths = BTreeMap<EntityKind, u8>;

/// The width of `kind` in `widths`.
pub fn width(widths: &Widths, kind: EntityKind) -> u8 {
    widths.get(&kind).copied().unwrap_or(LAYOUT_3_DIGITS)
}

/// The widths a stored head record names (`{"rev", "project", "widths": {…}}`); a width that
/// is not 1 to 3, or a kind this version does not know, is left out.
pub fn stored_widths(head: &Value) -> Widths {
    let Some(m) = head.get("widths").and_then(Value::as_object) else {
        return Widths::new();
    };
    m.iter()
        .filter_map(|(word, d)| {
            let kind = EntityKind::ALL.iter().copied().find(|k| k.as_str() == word)?;
            let d = d.as_u64().filter(|d| (1..=3).contains(d))?;
            Some((kind, d as u8))
        })
        .collect()
}

/// `widths` as a head record keeps them.
pub fn widths_json(widths: &Widths) -> Value {
    Value::Object(widths.iter().map(|(k, d)| (k.as_str().to_string(), Value::from(*d))).collect())
}

/// The kinds kept in buckets (every entity kind but the project's own record).
fn kinds() -> impl Iterator<Item = EntityKind> {
    EntityKind::ALL.iter().copied().filter(|k| *k != EntityKind::Project && k.collection().is_some())
}

/// How many entities of `kind` the project has.
fn count(p: &Project, kind: EntityKind) -> usize {
    with_collection!(p, kind, |m| m.len(), project => 1)
}

/// The record text of one bucket of `p`, or `None` when no entity is in it (the record goes).
/// Serialized from the entity types (a `serde_json::Value` per entity cost most of a whole
/// write's preparation): each entity as `{"id": …, …its fields}`, the fields in the type's order
/// (readers take any order).
pub fn text(p: &Project, kind: EntityKind, bucket: Bucket) -> Option<String> {
    let mut data = String::from("[");
    with_collection!(
        p, kind,
        |m| {
            for (id, e) in m.range(bucket.ids()) {
                if data.len() > 1 {
                    data.push(',');
                }
                push_entity(&mut data, *id, e);
            }
        },
        project => ()
    );
    if data.len() == 1 {
        return None;
    }
    data.push(']');
    let head = json!({ "project": p.id.to_string(), "kind": kind.as_str(), "bucket": bucket.name() }).to_string();
    // `{…head…}` with `"data": [...]` added before its closing brace.
    Some(format!("{},\"data\":{data}}}", &head[..head.len() - 1]))
}

/// One entity as a bucket keeps it: `{"id": "<id>", …its fields}`.
fn push_entity<T: serde::Serialize>(out: &mut String, id: Id, e: &T) {
    match serde_json::to_string(e) {
        Ok(s) if s.starts_with('{') && s.ends_with('}') => {
            out.push_str("{\"id\":\"");
            out.push_str(&id.to_string());
            out.push('"');
            if s.len() > 2 {
                out.push(',');
                out.push_str(&s[1..]);
            } else {
                out.push('}');
            }
        }
        // An entity type always serializes as an object; were it not to, as `format` writes it.
        _ => out.push_str(&format::with_id(id, serde_json::to_value(e).unwrap_or(Value::Null)).to_string()),
    }
}

/// A bucket record's text from its entities (each with its `id`, in id order).
fn text_of(project: &str, kind: EntityKind, bucket: Bucket, data: Vec<Value>) -> String {
    json!({ "project": project, "kind": kind.as_str(), "bucket": bucket.name(), "data": data }).to_string()
}

/// The entity records one save writes: buckets to put (`Some`) or delete (`None`), the kinds it
/// rewrites whole (their stored records go first), and the width of every kind it writes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub records: Vec<(EntityKind, Bucket, Option<String>)>,
    pub whole: BTreeSet<EntityKind>,
    pub widths: Widths,
}

impl Plan {
    /// Every record of the project, each kind at the width its count asks for (a whole rewrite:
    /// the project's stored records go first).
    pub fn full(p: &Project) -> Plan {
        Plan::full_with(p, digits_for)
    }

    /// The buckets the `touched` entities are in, and every bucket of the `whole` kinds; each
    /// kind at the width its count asks for.
    pub fn new<'a>(
        p: &Project,
        touched: impl IntoIterator<Item = &'a EntityRef>,
        whole: &BTreeSet<EntityKind>,
    ) -> Plan {
        Plan::new_with(p, touched, whole, digits_for)
    }

    /// [`Plan::full`] with other widths for the counts (tests cross them with few entities).
    pub fn full_with(p: &Project, digits: fn(usize) -> u8) -> Plan {
        Plan::new_with(p, std::iter::empty(), &kinds().collect(), digits)
    }

    /// [`Plan::new`] with other widths for the counts (tests cross them with few entities).
    pub fn new_with<'a>(
        p: &Project,
        touched: impl IntoIterator<Item = &'a EntityRef>,
        whole: &BTreeSet<EntityKind>,
        digits: fn(usize) -> u8,
    ) -> Plan {
        let width_now = |k: EntityKind| digits(count(p, k)).clamp(1, 3);
        let whole: BTreeSet<EntityKind> = whole.iter().copied().filter(|k| kinds().any(|x| x == *k)).collect();
        let mut buckets: BTreeSet<(EntityKind, Bucket)> = touched
            .into_iter()
            .filter(|r| !whole.contains(&r.kind) && kinds().any(|k| k == r.kind))
            .map(|r| (r.kind, Bucket::of(r.id, width_now(r.kind))))
            .collect();
        for kind in &whole {
            let d = width_now(*kind);
            buckets.extend(p.ids(*kind).into_iter().map(|id| (*kind, Bucket::of(id, d))));
        }
        let widths = buckets.iter().map(|(k, _)| *k).chain(whole.iter().copied()).map(|k| (k, width_now(k))).collect();
        let records = buckets.into_iter().map(|(k, b)| (k, b, text(p, k, b))).collect();
        Plan { records, whole, widths }
    }

    /// The kinds this plan writes at another width than `stored` and does not rewrite whole:
    /// written so, a kind would be kept at two widths. The save is made again with them whole.
    pub fn moved(&self, stored: &Widths) -> BTreeSet<EntityKind> {
        self.widths
            .iter()
            .filter(|(k, d)| width(stored, **k) != **d && !self.whole.contains(k))
            .map(|(k, _)| *k)
            .collect()
    }

    /// The widths stored after this plan is written over `stored` (a whole rewrite of the
    /// project: `stored` is `Widths::new()`).
    pub fn widths_after(&self, stored: &Widths) -> Widths {
        let mut out = stored.clone();
        out.extend(self.widths.iter().map(|(k, d)| (*k, *d)));
        out
    }
}

/// One stored entity record: the parts of its key after the project id (the kind's word, then the
/// entity's id in layout 2 or the bucket's name in layout 3), and its text.
pub type Stored = (String, String, String);

/// A project's stored entity records moved to layout 3 (two-digit buckets, which a head without
/// widths names), or `None` when none is in layout 2.
/// Records that cannot be read are kept as they are (the project then fails to load as before,
/// and says where); every readable entity lands in its bucket, in id order.
pub fn relayout(project: &str, records: Vec<Stored>) -> Option<Vec<Stored>> {
    if records.iter().all(|(_, part, _)| is_name(part)) {
        return None;
    }
    let mut buckets: BTreeMap<(EntityKind, Bucket), BTreeMap<Id, Value>> = std::collections::BTreeMap::new();
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
                    buckets.entry((r.kind, Bucket::of(id, LAYOUT_3_DIGITS))).or_default().insert(id, e);
                }
            }
            _ => kept.push((word, part, text)),
        }
    }
    let mut out: Vec<Stored> = buckets
        .into_iter()
        .map(|((kind, b), m)| {
            (kind.as_str().to_string(), b.name(), text_of(project, kind, b, m.into_values().collect()))
        })
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
