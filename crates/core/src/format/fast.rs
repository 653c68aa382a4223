//! Import's typed path: a current-schema file is read with its change records deserialized
//! straight into `Change`s and its entities straight into their types, not built as a
//! `serde_json::Value` tree first. The change log is about 90 % of a file's records, and building
//! a map per record was most of the cost of a large import (typed serde is 1.7–1.9× faster here;
//! BENCHMARKS.md has the figures). Only a project's own fields (one object) go through `Value`.
//!
//! The typed path only ever *declines*: any file it does not read exactly as the `Value` path
//! would (an older schema, a wrong type, a duplicate key, a bad id or date, an over-long text)
//! goes to `format::import_through_value`, which reports the problem with its location. A
//! property test holds the two paths equal on valid files and on the malformed corpus.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::{assemble, fits_change_text, parse_instant, ImportError, Imported, Lists, Problem, FORMAT, SCHEMA_VERSION};
use crate::change::{Change, EntityKind, EntityRef};
use crate::id::{Id, Stamp};
use crate::with_id::WithId;

/// The envelope of a file. Unknown keys are ignored, as the `Value` path ignores them.
#[derive(Deserialize)]
struct RawFile {
    format: String,
    schema_version: u64,
    #[serde(default)]
    exported_at: Option<String>,
    #[serde(default)]
    app_version: Option<String>,
    projects: Vec<RawProject>,
}

/// A project: its change records and entity lists typed, its own fields as JSON (filled field by
/// field, as the `Value` path fills them: they are few).
struct RawProject {
    rest: Map<String, Value>,
    lists: RawLists,
    changes: Option<Vec<RawChange>>,
}

/// The entity lists of a file (`crate::entity_kinds`): the typed lists as read, how a key of the project
/// object is read into them, and how they become checked [`Lists`].
macro_rules! raw_lists {
    ([] $($var:ident: $kind:ident($ty:ty) => $check:path),* $(,)?) => {
        /// A project's entity lists as read, before their ids and checks.
        #[derive(Default)]
        struct RawLists {
            $($var: Option<Vec<WithId<$ty>>>,)*
        }

        impl RawLists {
            /// Reads the value of `key` if it names an entity list; `false` if it does not.
            fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
                $(if Some(key) == EntityKind::$kind.collection() {
                    if self.$var.is_some() {
                        return Err(de::Error::custom("duplicate key"));
                    }
                    self.$var = Some(map.next_value::<Option<Vec<_>>>()?.unwrap_or_default());
                    return Ok(true);
                })*
                Ok(false)
            }

            /// The lists keyed by id, each entity checked as `format::parse_list` checks it; `None`
            /// (leave the file to the `Value` path, which locates the problem) at the first id or
            /// entity it would refuse.
            fn checked(self) -> Option<Lists> {
                let mut lists = Lists::default();
                $(
                    let mut index = std::collections::HashMap::new();
                    for (i, WithId { id, entity }) in self.$var.unwrap_or_default().into_iter().enumerate() {
                        let id = Id::parse_str(&id?).ok()?;
                        $check(&entity).ok()?;
                        if lists.$var.insert(id, entity).is_some() {
                            return None;
                        }
                        index.insert(id, i);
                    }
                    lists.index.insert(EntityKind::$kind, index);
                )*
                Some(lists)
            }
        }
    };
}

crate::entity_kinds::entity_kinds!(raw_lists);

/// One change record, checked as `format::parse_change` checks it before it becomes a `Change`.
#[derive(Deserialize)]
pub(crate) struct RawChange {
    id: String,
    at: String,
    actor: String,
    batch: String,
    entity: RawRef,
    field: String,
    #[serde(default)]
    from: Value,
    #[serde(default)]
    to: Value,
}

#[derive(Deserialize)]
struct RawRef {
    kind: EntityKind,
    id: String,
}

impl<'de> Deserialize<'de> for RawProject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawProject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a project object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawProject, A::Error> {
                let mut rest = Map::new();
                let mut lists = RawLists::default();
                let mut changes = None;
                while let Some(key) = map.next_key::<String>()? {
                    // A key given twice: the `Value` path keeps the last; leave it to that path.
                    if key == "changes" {
                        if changes.is_some() {
                            return Err(de::Error::duplicate_field("changes"));
                        }
                        changes = Some(map.next_value::<Option<Vec<RawChange>>>()?.unwrap_or_default());
                    } else if !lists.read(&key, &mut map)? {
                        let v = map.next_value::<Value>()?;
                        if rest.insert(key, v).is_some() {
                            return Err(de::Error::custom("duplicate key"));
                        }
                    }
                }
                Ok(RawProject { rest, lists, changes })
            }
        }
        d.deserialize_map(V)
    }
}

fn id(s: &str) -> Option<Id> {
    Id::parse_str(s).ok()
}

fn text(s: String) -> Option<String> {
    fits_change_text(&s).then_some(s)
}

impl RawChange {
    pub(crate) fn typed(self) -> Option<Change> {
        Some(Change {
            id: id(&self.id)?,
            at: parse_instant(&self.at)?,
            actor: text(self.actor)?,
            batch: id(&self.batch)?,
            entity: EntityRef::new(self.entity.kind, id(&self.entity.id)?),
            field: text(self.field)?,
            from: self.from,
            to: self.to,
        })
    }
}

/// Imports a current-schema file on the typed path; `None` when the file must take the `Value`
/// path (see the module's comment). The text has no byte-order mark and is not empty.
pub(crate) fn import(text: &str, stamp: &Stamp) -> Option<Result<Imported, ImportError>> {
    let raw: RawFile = serde_json::from_str(text).ok()?;
    if raw.format != FORMAT || raw.schema_version != u64::from(SCHEMA_VERSION) {
        return None;
    }
    let exported_at = match raw.exported_at {
        None => None,
        Some(s) => Some(parse_instant(&s)?),
    };
    let app_version = raw.app_version.map(|s| s.chars().take(100).collect()).unwrap_or_default();
    let mut typed = Vec::with_capacity(raw.projects.len());
    for p in raw.projects {
        let changes = match p.changes {
            None => None,
            Some(list) => Some(list.into_iter().map(RawChange::typed).collect::<Option<Vec<_>>>()?),
        };
        typed.push((p.rest, p.lists.checked()?, changes));
    }
    // From here on the checks are the `Value` path's own, in its order, so any error is the same.
    Some((|| {
        let mut projects = Vec::with_capacity(typed.len());
        let mut seen = std::collections::BTreeMap::new();
        for (i, (rest, lists, changes)) in typed.into_iter().enumerate() {
            let path = format!("projects[{i}]");
            let changes = changes.unwrap_or_default();
            let p = assemble(&rest, lists, changes, &path, Some(stamp))?;
            if seen.insert(p.id, i).is_some() {
                return Err(ImportError::new(format!("{path}.id"), Problem::Duplicate(p.id)));
            }
            projects.push(p);
        }
        Ok(Imported { projects, schema_version: SCHEMA_VERSION, exported_at, app_version })
    })())
}
