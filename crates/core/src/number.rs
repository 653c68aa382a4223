//! Issue and risk numbers (課題 #12, リスク R3) that never change when copies merge or sync
//! (docs/SYNC.md, "Stable numbers").
//!
//! - **Stored.** `apply` gives a new issue or risk its number (`no`) in the change that creates it:
//!   one more than the highest the project has ever given (stored numbers, the legacy numbers
//!   below, and those of deleted entities, so a number is never given twice on one copy). It
//!   travels in the change log and merges like any other field.
//! - **Legacy.** Entities made before numbers were stored (`no` = 0, and no `no` in their creating
//!   change) are numbered 1..k among themselves in the order of their creation in the log, as
//!   every version before did; deleted ones keep their place, so the others do not move.
//! - **Twins.** Two copies offline may give the same number. Both keep it: the one whose creating
//!   change is first ([`Change::order_key`]) shows `12`, each other shows `12-` and the shortest
//!   prefix (at least four digits) of its id's hex that no other entity of that number shares. So
//!   the digits of a number never change, and a suffix appears only on a later, concurrently
//!   created twin. Deleted entities keep their place among the twins, so no text changes when
//!   another copy deletes one. Every copy computes the same from the same log (tests/numbers.rs).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::change::{Change, EntityKind};
use crate::id::Id;
use crate::model::{IssueField, Project};

/// An issue's or a risk's number as shown: `12`, or `12-3f7a` for a later twin of `12`.
/// Ordered by the number, then the suffix (none first). In files (an issued report's body) it is
/// a plain number when it has no suffix, else its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Number {
    pub n: u32,
    /// The id prefix that tells a later twin apart (`None` for the first of its number).
    pub tie: Option<String>,
}

impl Number {
    pub fn plain(n: u32) -> Self {
        Number { n, tie: None }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.tie {
            None => write!(f, "{}", self.n),
            Some(t) => write!(f, "{}-{t}", self.n),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.tie {
            None => s.serialize_u32(self.n),
            Some(_) => s.serialize_str(&self.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Value::deserialize(d)? {
            Value::Number(n) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Number::plain)
                .ok_or_else(|| D::Error::custom("not a number")),
            Value::String(s) => {
                let (n, tie) = match s.split_once('-') {
                    Some((n, tie)) => (n, Some(tie.to_string())),
                    None => (s.as_str(), None),
                };
                let n = n.parse().map_err(|_| D::Error::custom(format!("not a number: {s}")))?;
                Ok(Number { n, tie })
            }
            _ => Err(D::Error::custom("not a number")),
        }
    }
}

/// Register order of two entities by their numbers (`numbers`: [`Project::issue_numbers`] or
/// [`Project::risk_numbers`]); those without one last, then by id.
pub fn by_number(numbers: &BTreeMap<Id, Number>, a: &Id, b: &Id) -> Ordering {
    let (na, nb) = (numbers.get(a), numbers.get(b));
    (na.is_none(), na, a).cmp(&(nb.is_none(), nb, b))
}

/// The stored number in an entity's JSON (a creating change's `to`); 0 when it has none.
fn stored_in(v: &Value) -> u32 {
    v.get(IssueField::No.name()).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

/// The first creating change of each entity of `kind`, in [`Change::order_key`] order.
fn creations(p: &Project, kind: EntityKind) -> Vec<&Change> {
    let mut created: Vec<&Change> = p.changes.iter().filter(|c| c.entity.kind == kind && c.is_create()).collect();
    created.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let mut seen = HashSet::with_capacity(created.len());
    created.retain(|c| seen.insert(c.entity.id));
    created
}

/// Legacy numbers: the entities whose creating change gave no number, 1..k in creation order.
fn legacy(created: &[&Change]) -> BTreeMap<Id, u32> {
    let mut out = BTreeMap::new();
    for c in created.iter().filter(|c| stored_in(&c.to) == 0) {
        let n = u32::try_from(out.len() + 1).unwrap_or(u32::MAX);
        out.insert(c.entity.id, n);
    }
    out
}

/// The shortest prefix (at least 4) of `id`'s hex that none of `others` starts with.
fn tie(id: Id, others: &[Id]) -> String {
    let hex = id.simple().to_string();
    let others: Vec<String> = others.iter().filter(|o| **o != id).map(|o| o.simple().to_string()).collect();
    let len = (4..hex.len()).find(|l| others.iter().all(|o| o[..*l] != hex[..*l])).unwrap_or(hex.len());
    hex[..len].to_string()
}

impl Project {
    /// The number each issue shows (`#12`); issues without one (a legacy issue whose creation is not
    /// in the loaded log) are left out.
    pub fn issue_numbers(&self) -> BTreeMap<Id, Number> {
        self.numbers(EntityKind::Issue)
    }

    /// The number each risk shows (`R3`), as [`Self::issue_numbers`].
    pub fn risk_numbers(&self) -> BTreeMap<Id, Number> {
        self.numbers(EntityKind::Risk)
    }

    /// The stored numbers of the entities of `kind` (issues and risks; none for other kinds).
    fn stored_numbers(&self, kind: EntityKind) -> Vec<(Id, u32)> {
        match kind {
            EntityKind::Issue => self.issues.iter().map(|(id, i)| (*id, i.no)).collect(),
            EntityKind::Risk => self.risks.iter().map(|(id, r)| (*id, r.no)).collect(),
            _ => Vec::new(),
        }
    }

    fn numbers(&self, kind: EntityKind) -> BTreeMap<Id, Number> {
        let created = creations(self, kind);
        let legacy = legacy(&created);
        let held: BTreeMap<Id, u32> = self.stored_numbers(kind).into_iter().collect();
        // Each number's entities, first created first. Deleted ones keep their place (by their
        // creation's number), so that a twin's text does not change when another copy deletes the
        // first; entities whose creation is not in the log (not loaded yet) come last.
        let mut by_number: BTreeMap<u32, Vec<Id>> = BTreeMap::new();
        for c in &created {
            let id = c.entity.id;
            let no = held.get(&id).copied().unwrap_or_else(|| stored_in(&c.to));
            let n = if no > 0 {
                no
            } else if let Some(n) = legacy.get(&id) {
                *n
            } else {
                continue;
            };
            by_number.entry(n).or_default().push(id);
        }
        let logged: HashSet<Id> = created.iter().map(|c| c.entity.id).collect();
        for (id, no) in &held {
            if *no > 0 && !logged.contains(id) {
                by_number.entry(*no).or_default().push(*id);
            }
        }
        let mut out = BTreeMap::new();
        for (n, ids) in by_number {
            for (i, id) in ids.iter().enumerate().filter(|(_, id)| held.contains_key(id)) {
                out.insert(*id, Number { n, tie: (i > 0).then(|| tie(*id, &ids)) });
            }
        }
        out
    }

    /// The number a new entity of `kind` (issue or risk) is given: one more than the highest the
    /// project has given (stored, legacy, or held by an entity deleted since). One pass over the
    /// log (a legacy entity counted once however often it was created); the legacy entities held
    /// count too, so that a project whose log is not loaded yet does not give their numbers again.
    pub fn next_number(&self, kind: EntityKind) -> u32 {
        let mut legacy: HashSet<Id> = HashSet::new();
        let mut high = 0;
        for c in self.changes.iter().filter(|c| c.entity.kind == kind && c.is_create()) {
            match stored_in(&c.to) {
                0 => drop(legacy.insert(c.entity.id)),
                n => high = high.max(n),
            }
        }
        let held = self.stored_numbers(kind);
        let held_legacy = held.iter().filter(|(_, n)| *n == 0).count();
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let held_high = held.into_iter().map(|(_, n)| n).max().unwrap_or(0);
        high.max(held_high).max(count(legacy.len())).max(count(held_legacy)).saturating_add(1)
    }
}
