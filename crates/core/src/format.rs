//! The file format (docs/ARCHITECTURE.md, "One file format"): one JSON envelope for export, import and storage records.
//!
//! ```json
//! { "format": "mieruka", "schema_version": 2, "exported_at": "…", "app_version": "…", "projects": [ … ] }
//! ```
//! Import parses and validates everything before anything is stored, and reports the first
//! problem with its location, e.g. `projects[0].tasks[12].due: not a date`.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::apply::check_entity;
use crate::change::{Change, EntityKind, EntityRef};
use crate::error::DomainError;
use crate::fields::{Expected, Fields};
use crate::id::{Id, Stamp};
use crate::migrate;
use crate::model::{Project, ProjectInfo};
use crate::replay::{normalize, reconcile};
use crate::validate;

pub use crate::schema::{ImportError, Problem, FORMAT, MAX_FILE_BYTES, SCHEMA_VERSION};

/// The typed path of [`import`] (and of the change records of storage, `record` and `segment`).
pub(crate) mod fast;

/// A parsed, validated file.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub projects: Vec<Project>,
    pub schema_version: u32,
    pub exported_at: Option<DateTime<Utc>>,
    pub app_version: String,
}

// ---------------------------------------------------------------- export

pub(crate) fn with_id(id: Id, v: Value) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id.to_string()));
    if let Value::Object(o) = v {
        m.extend(o);
    }
    Value::Object(m)
}

/// The project's own record: id and info fields (no collections).
pub fn head_json(p: &Project) -> Value {
    with_id(p.id, serde_json::to_value(&p.info).unwrap_or(Value::Null))
}

/// One entity as a record with its id, or None if it does not exist.
pub fn entity_record(p: &Project, r: EntityRef) -> Option<Value> {
    p.entity_json(r).map(|v| with_id(r.id, v))
}

pub fn change_json(c: &Change) -> Value {
    serde_json::to_value(c).unwrap_or(Value::Null)
}

/// The whole project as one JSON object, as in files.
pub fn project_json(p: &Project) -> Value {
    let mut m = match head_json(p) {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    for kind in EntityKind::ALL {
        let Some(key) = kind.collection() else { continue };
        let records = p.ids(*kind).into_iter().filter_map(|id| entity_record(p, EntityRef::new(*kind, id)));
        m.insert(key.into(), Value::Array(records.collect()));
    }
    m.insert("changes".into(), Value::Array(p.changes.iter().map(change_json).collect()));
    Value::Object(m)
}

/// The export envelope for some projects, pretty-printed.
pub fn export(projects: &[&Project], exported_at: DateTime<Utc>, app_version: &str) -> String {
    let env = serde_json::json!({
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": exported_at,
        "app_version": app_version,
        "projects": projects.iter().map(|p| project_json(p)).collect::<Vec<_>>(),
    });
    serde_json::to_string(&env).unwrap_or_default()
}

// ---------------------------------------------------------------- import

/// Parses and validates a file. `stamp` is used only if the file's change log does not explain
/// its state (then synthetic changes are appended, see `replay::reconcile`).
pub fn import(text: &str, stamp: &Stamp) -> Result<Imported, ImportError> {
    let text = checked_text(text)?;
    match fast::import(text, stamp) {
        Some(done) => done,
        None => value_path(text, stamp),
    }
}

/// What every import checks before parsing: the size, a byte-order mark, an empty file.
fn checked_text(text: &str) -> Result<&str, ImportError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportError::new("", Problem::TooLarge { bytes: text.len(), max: MAX_FILE_BYTES }));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::new("", Problem::Empty));
    }
    Ok(text)
}

/// Import through a `serde_json::Value` tree: older schemas (migrated on the tree) and every file
/// the typed path (`format::fast`) declines, which includes every malformed one, so that each
/// problem is reported with its location. Public for the test that holds both paths equal.
#[doc(hidden)]
pub fn import_through_value(text: &str, stamp: &Stamp) -> Result<Imported, ImportError> {
    value_path(checked_text(text)?, stamp)
}

/// The typed path alone: `None` where it declines. Public for the tests that hold it to reading
/// every valid file itself (a typed path that always declined would still import correctly).
#[doc(hidden)]
pub fn import_typed(text: &str, stamp: &Stamp) -> Option<Result<Imported, ImportError>> {
    fast::import(checked_text(text).ok()?, stamp)
}

fn value_path(text: &str, stamp: &Stamp) -> Result<Imported, ImportError> {
    let v: Value = parse_json(text)?;
    let obj = v.as_object().ok_or_else(|| ImportError::new("", Problem::NotMieruka))?;
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::new("format", Problem::NotMieruka));
    }
    let version = match obj.get("schema_version") {
        None => return Err(ImportError::new("schema_version", Problem::Missing)),
        Some(v) => {
            v.as_u64().filter(|n| *n >= 1).ok_or_else(|| ImportError::new("schema_version", Problem::BadVersion))?
        }
    };
    if version > SCHEMA_VERSION as u64 {
        return Err(ImportError::new(
            "schema_version",
            Problem::NewerVersion { found: version, supported: SCHEMA_VERSION },
        ));
    }
    let v = migrate::to_current(v, version as u32)?;
    let obj = v.as_object().ok_or_else(|| ImportError::new("", Problem::Expected(Expected::Object)))?;
    let exported_at = match obj.get("exported_at") {
        None | Some(Value::Null) => None,
        Some(x) => Some(instant(x, "exported_at")?),
    };
    let app_version = match obj.get("app_version") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.chars().take(100).collect(),
        Some(_) => return Err(ImportError::new("app_version", Problem::Expected(Expected::Text))),
    };
    let list = obj
        .get("projects")
        .ok_or_else(|| ImportError::new("projects", Problem::Missing))?
        .as_array()
        .ok_or_else(|| ImportError::new("projects", Problem::Expected(Expected::List)))?;
    let mut projects = Vec::with_capacity(list.len());
    let mut seen = BTreeMap::new();
    for (i, pv) in list.iter().enumerate() {
        let path = format!("projects[{i}]");
        let p = parse_project(pv, &path, stamp)?;
        if seen.insert(p.id, i).is_some() {
            return Err(ImportError::new(format!("{path}.id"), Problem::Duplicate(p.id)));
        }
        projects.push(p);
    }
    Ok(Imported { projects, schema_version: version as u32, exported_at, app_version })
}

pub(crate) fn parse_json(text: &str) -> Result<Value, ImportError> {
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            ImportError::new("", Problem::TooDeep)
        } else {
            ImportError::new("", Problem::NotJson { line: e.line(), column: e.column() })
        }
    })
}

/// An instant as files write it (RFC 3339, any offset), in UTC. Shared with `format::fast`.
pub(crate) fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|d| d.with_timezone(&Utc))
}

/// A change record's actor or field name: a text of at most `MAX_TITLE` characters. Shared with
/// `format::fast`.
pub(crate) fn fits_change_text(s: &str) -> bool {
    s.chars().count() <= validate::MAX_TITLE
}

fn instant(v: &Value, path: &str) -> Result<DateTime<Utc>, ImportError> {
    v.as_str().and_then(parse_instant).ok_or_else(|| ImportError::new(path, Problem::Expected(Expected::Instant)))
}

fn id_of(v: Option<&Value>, path: &str) -> Result<Id, ImportError> {
    match v {
        None | Some(Value::Null) => Err(ImportError::new(path, Problem::Missing)),
        Some(v) => v
            .as_str()
            .and_then(|s| Id::parse_str(s).ok())
            .ok_or_else(|| ImportError::new(path, Problem::Expected(Expected::Id))),
    }
}

/// The field a validation error is about, for the error's location.
fn error_field(e: &DomainError) -> Option<String> {
    Some(match e {
        DomainError::EmptyTitle => "title".into(),
        DomainError::EmptyName => "name".into(),
        DomainError::DueBeforeStart { .. } => "due".into(),
        DomainError::PercentOutOfRange(_) => "percent".into(),
        DomainError::BadHours { field } | DomainError::OffScale { field, .. } | DomainError::TooLong { field, .. } => {
            field.clone()
        }
        DomainError::BadValue { field, .. } if !field.is_empty() => field.clone(),
        DomainError::StrategyMismatch => "strategy".into(),
        DomainError::BadCapacity => "capacity_hours_per_week".into(),
        DomainError::BadRate { field } => field.clone(),
        DomainError::NoWorkingDays => "working_days".into(),
        DomainError::BadCompanyHoliday(_) => "company_holidays".into(),
        DomainError::ParentCycle => "parent".into(),
        DomainError::PeriodEndsBeforeStart { .. } => "period_end".into(),
        DomainError::BadCadence { .. } => "meeting_every_weeks".into(),
        DomainError::DependencyCycle | DomainError::SelfDependency | DomainError::ForeignTask(_) => "depends_on".into(),
        _ => return None,
    })
}

pub(crate) fn located(path: &str, e: DomainError) -> ImportError {
    match error_field(&e) {
        Some(f) => ImportError::new(format!("{path}.{f}"), Problem::Invalid(e)),
        None => ImportError::new(path, Problem::Invalid(e)),
    }
}

/// The field of an entity of `kind` that refers to a missing entity of `missing` kind.
fn ref_field(kind: EntityKind, missing: &str) -> Option<&'static str> {
    use EntityKind as K;
    Some(match (kind, missing) {
        (K::Task, "member") => "assignee",
        (K::Task, "task") => "parent",
        (K::Task, "person") => "raci",
        (K::Issue | K::Risk | K::ActionItem, "member" | "person") => "owner",
        (K::Issue, "task") => "linked_tasks",
        (K::Issue, "risk") => "linked_risks",
        (K::Risk, "issue") => "linked_issue",
        (K::Stakeholder, "member") => "member",
        (K::Meeting, "person") => "attendees",
        (K::ActionItem, "meeting") => "meeting",
        (K::ActionItem, "task") => "task",
        (K::ActionItem, "issue") => "issue",
        (K::Project, "baseline") => "baseline",
        _ => return None,
    })
}

/// A located error of a cross-entity rule: a missing reference names the field that holds it.
fn located_ref(path: &str, kind: EntityKind, e: DomainError) -> ImportError {
    match &e {
        DomainError::NotFound { kind: missing, .. } => match ref_field(kind, missing) {
            Some(f) => ImportError::new(format!("{path}.{f}"), Problem::Invalid(e)),
            None => located(path, e),
        },
        _ => located(path, e),
    }
}

/// Fills an entity from a JSON object field by field, so a bad value is reported with its field.
pub(crate) fn fill<T: Fields>(obj: &Map<String, Value>, path: &str, skip: &[&str]) -> Result<T, ImportError> {
    let mut t = T::default();
    for (k, v) in obj {
        if k == "id" || skip.contains(&k.as_str()) {
            continue;
        }
        let Some(expected) = T::expected(k) else {
            continue; // unknown keys of the same schema version are ignored
        };
        if let Err(e) = t.set(k, v) {
            let problem = match e {
                DomainError::BadValue { .. } => Problem::Expected(expected),
                other => Problem::Invalid(other),
            };
            return Err(ImportError::new(format!("{path}.{k}"), problem));
        }
    }
    Ok(t)
}

fn parse_list<T: Fields>(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    check: fn(&T) -> Result<(), DomainError>,
) -> Result<(BTreeMap<Id, T>, HashMap<Id, usize>), ImportError> {
    let mut items = BTreeMap::new();
    let mut index = HashMap::new();
    let list = match obj.get(key) {
        None | Some(Value::Null) => return Ok((items, index)),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(ImportError::new(format!("{path}.{key}"), Problem::Expected(Expected::List))),
    };
    for (i, v) in list.iter().enumerate() {
        let ipath = format!("{path}.{key}[{i}]");
        let o = v.as_object().ok_or_else(|| ImportError::new(&ipath, Problem::Expected(Expected::Object)))?;
        let id = id_of(o.get("id"), &format!("{ipath}.id"))?;
        let t: T = fill(o, &ipath, &[])?;
        check(&t).map_err(|e| located(&ipath, e))?;
        if items.insert(id, t).is_some() {
            return Err(ImportError::new(format!("{ipath}.id"), Problem::Duplicate(id)));
        }
        index.insert(id, i);
    }
    Ok((items, index))
}

/// Parses one change record (as in files and storage).
pub fn parse_change(v: &Value, path: &str) -> Result<Change, ImportError> {
    let o = v.as_object().ok_or_else(|| ImportError::new(path, Problem::Expected(Expected::Object)))?;
    let text = |k: &str| -> Result<String, ImportError> {
        match o.get(k) {
            None => Err(ImportError::new(format!("{path}.{k}"), Problem::Missing)),
            Some(Value::String(s)) if fits_change_text(s) => Ok(s.clone()),
            Some(_) => Err(ImportError::new(format!("{path}.{k}"), Problem::Expected(Expected::Text))),
        }
    };
    let entity = o
        .get("entity")
        .and_then(Value::as_object)
        .ok_or_else(|| ImportError::new(format!("{path}.entity"), Problem::Expected(Expected::Object)))?;
    let kind_words = EntityKind::WORDS;
    let kind: EntityKind =
        entity.get("kind").and_then(|k| serde_json::from_value(k.clone()).ok()).ok_or_else(|| {
            ImportError::new(format!("{path}.entity.kind"), Problem::Expected(Expected::OneOf(kind_words)))
        })?;
    let eid = id_of(entity.get("id"), &format!("{path}.entity.id"))?;
    Ok(Change {
        id: id_of(o.get("id"), &format!("{path}.id"))?,
        at: instant(o.get("at").unwrap_or(&Value::Null), &format!("{path}.at"))?,
        actor: text("actor")?,
        batch: id_of(o.get("batch"), &format!("{path}.batch"))?,
        entity: EntityRef::new(kind, eid),
        field: text("field")?,
        from: o.get("from").cloned().unwrap_or(Value::Null),
        to: o.get("to").cloned().unwrap_or(Value::Null),
    })
}

/// Parses and validates one project object (as in files and as assembled from storage records).
pub fn parse_project(v: &Value, path: &str, stamp: &Stamp) -> Result<Project, ImportError> {
    parse_project_with(v, path, Some(stamp))
}

/// Like [`parse_project`]; with `reconcile: None` the change log is trusted to describe the state
/// (storage writes both from the same applied changes, and loads the log separately, later).
fn parse_project_with(v: &Value, path: &str, reconcile_with: Option<&Stamp>) -> Result<Project, ImportError> {
    let o = v.as_object().ok_or_else(|| ImportError::new(path, Problem::Expected(Expected::Object)))?;
    project_from_object(o, None, path, reconcile_with)
}

/// A project from its JSON object; `typed_changes` are its change records when they were read
/// straight into `Change`s (`format::fast`), else they are read from the object's `changes`.
pub(crate) fn project_from_object(
    o: &Map<String, Value>,
    typed_changes: Option<Vec<Change>>,
    path: &str,
    reconcile_with: Option<&Stamp>,
) -> Result<Project, ImportError> {
    let mut lists = Lists::default();
    macro_rules! lists {
        ([] $($var:ident: $kind:ident($ty:ty) => $check:path),* $(,)?) => {$(
            let key = EntityKind::$kind.collection().unwrap_or_default();
            let (items, ix) = parse_list(o, key, path, $check)?;
            lists.$var = items;
            lists.index.insert(EntityKind::$kind, ix);
        )*};
    }
    crate::entity_kinds::entity_kinds!(lists);
    let changes = match typed_changes {
        Some(changes) => changes,
        None => match o.get("changes") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, cv)| parse_change(cv, &format!("{path}.changes[{i}]")))
                .collect::<Result<Vec<_>, _>>()?,
            Some(_) => return Err(ImportError::new(format!("{path}.changes"), Problem::Expected(Expected::List))),
        },
    };
    assemble(o, lists, changes, path, reconcile_with)
}

/// A project's entities, each list checked entity by entity, with the place each entity had in
/// its input list (`index`: where a cross-entity error is reported).
#[derive(Default)]
pub(crate) struct Lists {
    pub members: BTreeMap<Id, crate::model::Member>,
    pub tasks: BTreeMap<Id, crate::model::Task>,
    pub issues: BTreeMap<Id, crate::model::Issue>,
    pub risks: BTreeMap<Id, crate::model::Risk>,
    pub stakeholders: BTreeMap<Id, crate::stakeholder::Stakeholder>,
    pub meetings: BTreeMap<Id, crate::meeting::Meeting>,
    pub action_items: BTreeMap<Id, crate::meeting::ActionItem>,
    pub baselines: BTreeMap<Id, crate::baseline::Baseline>,
    pub reports: BTreeMap<Id, crate::report::Report>,
    pub imports: BTreeMap<Id, crate::import_record::ImportRecord>,
    pub index: BTreeMap<EntityKind, HashMap<Id, usize>>,
}

/// The project from its own fields (`o`: the head object; entity lists in it are not read), its
/// checked entity lists and its changes: the project's own checks, then the cross-entity rules
/// (references exist, no cycles).
pub(crate) fn assemble(
    o: &Map<String, Value>,
    lists: Lists,
    changes: Vec<Change>,
    path: &str,
    reconcile_with: Option<&Stamp>,
) -> Result<Project, ImportError> {
    let id = id_of(o.get("id"), &format!("{path}.id"))?;
    let mut skip: Vec<&str> = EntityKind::ALL.iter().filter_map(|k| k.collection()).collect();
    skip.push("changes");
    let info: ProjectInfo = fill(o, path, &skip)?;
    validate::project(&info).map_err(|e| located(path, e))?;
    let mut ids = std::collections::HashSet::with_capacity(changes.len());
    for (i, c) in changes.iter().enumerate() {
        if !ids.insert(c.id) {
            return Err(ImportError::new(format!("{path}.changes[{i}].id"), Problem::Duplicate(c.id)));
        }
    }
    let Lists {
        members,
        tasks,
        issues,
        risks,
        stakeholders,
        meetings,
        action_items,
        baselines,
        reports,
        imports,
        index,
    } = lists;
    let mut p = Project {
        id,
        info,
        members,
        tasks,
        issues,
        risks,
        stakeholders,
        meetings,
        action_items,
        baselines,
        reports,
        imports,
        changes,
    };
    for (kind, ix) in &index {
        let key = kind.collection().unwrap_or_default();
        let mut ids: Vec<(&Id, &usize)> = ix.iter().collect();
        ids.sort_by_key(|(_, i)| **i);
        for (eid, i) in ids {
            if let Err(e) = check_entity(&p, EntityRef::new(*kind, *eid)) {
                return Err(located_ref(&format!("{path}.{key}[{i}]"), *kind, e));
            }
        }
    }
    check_entity(&p, EntityRef::project(id)).map_err(|e| located_ref(path, EntityKind::Project, e))?;
    normalize(&mut p.changes);
    if let Some(stamp) = reconcile_with {
        reconcile(&mut p, stamp);
    }
    Ok(p)
}

/// Assembles a project from storage records (head, entity records by kind, and the change records
/// if they were loaded) and validates its entities like a file. The log is not reconciled with the
/// state: storage always writes both from the same changes, and may load the log later.
pub fn project_from_records(
    head: Value,
    entities: Vec<(EntityKind, Value)>,
    changes: Vec<Change>,
) -> Result<Project, ImportError> {
    let mut m = match head {
        Value::Object(m) => m,
        _ => return Err(ImportError::new("", Problem::Expected(Expected::Object))),
    };
    let mut lists: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (kind, v) in entities {
        let Some(key) = kind.collection() else { continue };
        lists.entry(key).or_default().push(v);
    }
    for (k, v) in lists {
        m.insert(k.into(), Value::Array(v));
    }
    let id = m.get("id").and_then(Value::as_str).unwrap_or("?").to_string();
    project_from_object(&m, Some(changes), &format!("project {id}"), None)
}
