//! The workspace in IndexedDB. Stores:
//! - `projects`: key = project id → `{"rev": n, "project": {head}, "widths": {"task": 2, …}}`
//!   (rev = optimistic version; widths = how many hex digits name each kind's buckets)
//! - `entities`: key = [project, kind, bucket] → `{"project", "kind", "bucket", "data": [entity, …]}`,
//!   a kind's entities whose ids start with the bucket's 1–3 hex digits (`mieruka_core::bucket`;
//!   layout 2 kept one record per entity, key [project, kind, id], moved by
//!   [`ProjectStorage::relayout`])
//! - `changes`:  key = [project, rev, n] → `{"project", "changes": [change, …]}`, the changes of
//!   the save that made `rev`, up to 2,000 a record (`mieruka_core::segment`; layout 2: one per
//!   change, key [project, change id])
//! - `restore`:  key = ["meta" | "data", project] → the stored state of a project just before an
//!   import replaced or merged into it (one restore point per project, taken in the same
//!   transaction as the import's write, so it is exactly what was stored)
//! - `journal`:  key = "<tab>/<project>" → the journal of a large project not stored yet (an
//!   import of thousands of tasks), as JSON text: localStorage (≈5 MB) cannot hold it. Written
//!   in its own small transaction before the project's long write, removed once it is stored
//!   (see `storage::journal`).
//! - `sync`: key = [project, part] → what team sync keeps for a shared project on this browser
//!   (`records/sync_records.rs`; layout 5)
//!
//! A save writes the touched buckets, its changes' segments and the head in ONE transaction, and
//! only if the stored `rev` is the one this tab last saw; otherwise it reports a conflict and the
//! caller merges the stored project into its own (change logs union) before writing again.

use std::collections::BTreeSet;

use mieruka_core::bucket;
use mieruka_core::change::{Change, EntityKind};
use mieruka_core::format;
use mieruka_core::record::RecordError;
use mieruka_core::segment;

mod opening;
mod pending;
mod relayout;
mod slices;
mod sync_records;
mod verify;

use mieruka_core::{Id, Project};
pub use pending::{ImportWrite, PendingImport, PENDING_PREFIX};
use serde_json::{json, Value};
use slices::Slices;
use wasm_bindgen::JsValue;
use web_sys::IdbDatabase;

use super::batch::SaveBatch;
use super::error::StorageError;
use super::idb;
use crate::dom_error::DomError;

pub const DB_NAME: &str = "mieruka";
/// The IndexedDB version follows the file schema: a newer app opens the database at a higher
/// version, which closes this tab's connection (`versionchange`) and makes it read-only, and an
/// older app cannot open a newer database at all (`VersionError`). So an older tab never rewrites
/// data it does not understand.
pub const DB_VERSION: u32 = mieruka_core::format::SCHEMA_VERSION * 100 + STORE_LAYOUT;
/// The object stores' layout within one schema version (1: `restore` added; 2: `journal`; 3:
/// entity records in buckets, `mieruka_core::bucket`, moved at open by `relayout`; 4: buckets of
/// 1–3 digits by the kind's size, their widths in the head. Layout-3 data is layout-4 data at two
/// digits, so nothing moves; the number goes up so that a layout-3 tab, which would write two-digit
/// buckets beside one-digit ones, goes read-only; 5: `sync` added).
const STORE_LAYOUT: u32 = 5;
const PROJECTS: &str = "projects";
const ENTITIES: &str = "entities";
const CHANGES: &str = "changes";
const RESTORE: &str = "restore";
const JOURNAL: &str = "journal";
const SYNC: &str = "sync";
/// How many characters of change records [`ProjectStorage::load_changes`] decodes between two
/// chances for the page to paint (~25 ms of decoding).
const YIELD_EVERY_CHARS: usize = 2_000_000;
const ALL: [&str; 3] = [PROJECTS, ENTITIES, CHANGES];
const WITH_RESTORE: [&str; 4] = [PROJECTS, ENTITIES, CHANGES, RESTORE];
const EVERY_STORE: [&str; 6] = [PROJECTS, ENTITIES, CHANGES, RESTORE, JOURNAL, SYNC];

/// A write's failure, from what the browser threw or reported.
fn w(e: JsValue) -> StorageError {
    StorageError::writing(e.into())
}

/// A read's failure, from what the browser threw or reported.
fn r(e: JsValue) -> StorageError {
    StorageError::reading(e.into())
}

/// Awaits a read-write transaction's commit.
async fn commit(done: wasm_bindgen_futures::JsFuture) -> Result<(), StorageError> {
    done.await.map(|_| ()).map_err(w)
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOutcome {
    Saved {
        rev: u64,
    },
    /// Another tab saved this project since we last loaded or saved it.
    Conflict {
        stored_rev: u64,
    },
    /// Nothing written: these kinds are stored at another width than the batch writes them at
    /// (`mieruka_core::bucket::Plan::moved`); prepare the save again with them whole.
    Relayout {
        kinds: BTreeSet<EntityKind>,
    },
}

#[derive(Clone)]
pub struct ProjectStorage {
    db: IdbDatabase,
}

fn upgrade(db: &IdbDatabase, _old: u32) {
    let names = db.object_store_names();
    for s in EVERY_STORE {
        if !names.contains(s) {
            if let Err(e) = db.create_object_store(s) {
                leptos::logging::error!("cannot create store {s}: {e:?}");
            }
        }
    }
}

fn kind_word(k: EntityKind) -> &'static str {
    k.as_str()
}

/// A head record's rev (0 when it has none).
fn head_rev(head: &Value) -> u64 {
    head.get("rev").and_then(Value::as_u64).unwrap_or(0)
}

fn parse_json(v: &JsValue) -> Result<Value, StorageError> {
    let s = v.as_string().ok_or_else(|| StorageError::Damaged("a record is not text".into()))?;
    serde_json::from_str(&s).map_err(|e| StorageError::Damaged(e.to_string()))
}

/// A stored change record (a segment, or one change of layout 2), read (`at` names it in an
/// error).
fn changes_of(v: &JsValue, at: &str) -> Result<Vec<Change>, StorageError> {
    let s = v.as_string().ok_or_else(|| StorageError::Damaged("a record is not text".into()))?;
    segment::read(&s, at).map_err(|e| match e {
        RecordError::NotJson(msg) => StorageError::Damaged(msg),
        RecordError::Empty => StorageError::Damaged("a change record is empty".into()),
        RecordError::Change(e) => StorageError::Corrupt(e),
    })
}

impl ProjectStorage {
    pub async fn open() -> Result<Self, StorageError> {
        Self::open_named(DB_NAME).await
    }

    /// Calls `f` after closing the connection when a newer version of the app opens the database
    /// in another tab (this tab must not write from then on).
    pub fn on_newer_version(&self, f: impl Fn() + 'static) {
        let db = self.db.clone();
        let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |_e| {
            db.close();
            f();
        });
        self.db.set_onversionchange(Some(wasm_bindgen::JsCast::unchecked_ref(handler.as_ref())));
        handler.forget();
    }

    /// Opens a database of another name (tests).
    pub async fn open_named(name: &str) -> Result<Self, StorageError> {
        let db = idb::open(name, DB_VERSION, upgrade).await.map_err(StorageError::opening)?;
        Ok(ProjectStorage { db })
    }

    pub fn close(&self) {
        self.db.close();
    }

    /// The stored change log of one project, in effective order.
    pub async fn load_changes(&self, pid: Id) -> Result<Vec<Change>, StorageError> {
        let tx = idb::transaction(&self.db, &[CHANGES], false).map_err(StorageError::reading)?;
        let store = tx.object_store(CHANGES).map_err(r)?;
        let range = idb::prefix_range(&pid.to_string()).map_err(StorageError::reading)?;
        let all = idb::request(&store.get_all_with_key(&range).map_err(r)?).await.map_err(StorageError::reading)?;
        let mut out = Vec::new();
        let mut since_yield = 0;
        for (i, v) in js_sys::Array::from(&all).iter().enumerate() {
            since_yield += v.as_string().map_or(0, |s| s.len());
            out.extend(changes_of(&v, &format!("project {pid} change record {i}"))?);
            // A large log (50k tasks: ~130 MB) is read in steps of a few MB, so the page paints
            // and takes input between them instead of being held for the whole log.
            if since_yield > YIELD_EVERY_CHARS {
                since_yield = 0;
                crate::browser::yield_to_page().await;
            }
        }
        mieruka_core::replay::normalize(&mut out);
        Ok(out)
    }

    /// The changes another tab's save (the one that made `rev`) added, by the ids its message
    /// named: that save's segments, in one read; `None` if any of them is not there (a later
    /// whole rewrite replaced them: then read the whole project).
    pub async fn load_saved(&self, pid: Id, rev: u64, ids: &[Id]) -> Result<Option<Vec<Change>>, StorageError> {
        let tx = idb::transaction(&self.db, &[CHANGES], false).map_err(StorageError::reading)?;
        let range = idb::rev_range(&pid.to_string(), rev).map_err(StorageError::reading)?;
        let all = idb::request(&tx.object_store(CHANGES).map_err(r)?.get_all_with_key(&range).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        let mut by_id = std::collections::HashMap::new();
        for (i, v) in js_sys::Array::from(&all).iter().enumerate() {
            by_id.extend(
                changes_of(&v, &format!("project {pid} rev {rev} segment {i}"))?.into_iter().map(|c| (c.id, c)),
            );
        }
        Ok(ids.iter().map(|id| by_id.remove(id)).collect())
    }

    /// One stored project with its whole change log (after another tab saved it): its head and,
    /// over its key ranges, its entity and change records, in one read transaction — never the
    /// other projects. A record of it that cannot be read is an error (the caller keeps its copy).
    pub async fn load(&self, pid: Id) -> Result<Option<(Project, u64)>, StorageError> {
        let tx = idb::transaction(&self.db, &ALL, false).map_err(StorageError::reading)?;
        let id = pid.to_string();
        let range = idb::prefix_range(&id).map_err(StorageError::reading)?;
        let head = idb::request(&tx.object_store(PROJECTS).map_err(r)?.get(&JsValue::from_str(&id)).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        if head.is_undefined() || head.is_null() {
            return Ok(None);
        }
        let ents = idb::request(&tx.object_store(ENTITIES).map_err(r)?.get_all_with_key(&range).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        let chs = idb::request(&tx.object_store(CHANGES).map_err(r)?.get_all_with_key(&range).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        let head = parse_json(&head)?;
        let rev = head_rev(&head);
        let project =
            head.get("project").cloned().ok_or_else(|| StorageError::Damaged("a project head is empty".into()))?;
        let mut entities = Vec::new();
        for v in js_sys::Array::from(&ents).iter() {
            if let Some(r) = bucket::read(parse_json(&v)?) {
                entities.extend(r.entities.into_iter().map(|e| (r.kind, e)));
            }
        }
        let mut changes = Vec::new();
        for (i, v) in js_sys::Array::from(&chs).iter().enumerate() {
            changes.extend(changes_of(&v, &format!("project {id} change record {i}"))?);
        }
        let p = format::project_from_records(project, entities, changes).map_err(StorageError::Corrupt)?;
        Ok(Some((p, rev)))
    }

    /// Writes a prepared batch in one transaction, if the stored rev is `expected_rev`.
    /// `progress(done, total)` is told how many records are written after each slice of
    /// [`Slices`] (a large write: an import, a merge).
    pub async fn write(
        &self,
        batch: &SaveBatch,
        expected_rev: u64,
        progress: &dyn Fn(usize, usize),
    ) -> Result<SaveOutcome, StorageError> {
        let stores: &[&str] = if batch.restore_point { &WITH_RESTORE } else { &ALL };
        let tx = idb::transaction(&self.db, stores, true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        match Self::write_in(&tx, batch, expected_rev, progress).await {
            Ok(outcome @ SaveOutcome::Saved { .. }) => {
                commit(done).await?;
                Ok(outcome)
            }
            other => {
                // A conflict, or a request refused part-way (the transaction would otherwise
                // commit the requests made before the refusal: a half-applied save).
                abort(&tx, done).await;
                other
            }
        }
    }

    /// The requests of [`Self::write`], in `tx`; the caller commits or aborts.
    async fn write_in(
        tx: &web_sys::IdbTransaction,
        batch: &SaveBatch,
        expected_rev: u64,
        progress: &dyn Fn(usize, usize),
    ) -> Result<SaveOutcome, StorageError> {
        let projects = tx.object_store(PROJECTS).map_err(w)?;
        let entities = tx.object_store(ENTITIES).map_err(w)?;
        let changes = tx.object_store(CHANGES).map_err(w)?;
        let pid = batch.project.as_str();
        let stored =
            idb::request(&projects.get(&JsValue::from_str(pid)).map_err(w)?).await.map_err(StorageError::writing)?;
        let stored_head = if stored.is_undefined() || stored.is_null() { Value::Null } else { parse_json(&stored)? };
        let stored_rev = head_rev(&stored_head);
        if stored_rev != expected_rev {
            return Ok(SaveOutcome::Conflict { stored_rev });
        }
        // A kind's records are of one width: a save that would write a kind at another width
        // than the stored one is made again with that kind whole.
        let stored_widths = if batch.full { bucket::Widths::new() } else { bucket::stored_widths(&stored_head) };
        let moved = batch.entities.moved(&stored_widths);
        if !moved.is_empty() {
            return Ok(SaveOutcome::Relayout { kinds: moved });
        }
        if batch.restore_point && stored_rev > 0 {
            let range = idb::prefix_range(pid).map_err(StorageError::writing)?;
            let data = json!({
                "head": stored.as_string(),
                "entities": records_with_keys(&entities, &range).await?,
                "changes": records_with_keys(&changes, &range).await?,
            });
            let name = parse_json(&stored)?.pointer("/project/name").cloned().unwrap_or_default();
            let meta = json!({ "at": crate::browser::now().to_rfc3339(), "name": name });
            let restore = tx.object_store(RESTORE).map_err(w)?;
            restore.put_with_key(&JsValue::from_str(&data.to_string()), &idb::key(&["data", pid])).map_err(w)?;
            restore.put_with_key(&JsValue::from_str(&meta.to_string()), &idb::key(&["meta", pid])).map_err(w)?;
        }
        crate::browser::perf_mark("mieruka:save-puts-start");
        let rev = expected_rev + 1;
        let widths = bucket::widths_json(&batch.entities.widths_after(&stored_widths));
        let head = json!({ "rev": rev, "project": batch.head, "widths": widths });
        projects.put_with_key(&JsValue::from_str(&head.to_string()), &JsValue::from_str(pid)).map_err(w)?;
        if batch.full {
            let range = idb::prefix_range(pid).map_err(StorageError::writing)?;
            entities.delete(&range).map_err(w)?;
            changes.delete(&range).map_err(w)?;
        } else {
            for kind in &batch.entities.whole {
                let range = idb::kind_range(pid, kind_word(*kind)).map_err(StorageError::writing)?;
                entities.delete(&range).map_err(w)?;
            }
        }
        // The requests go out a slice at a time, each slice after the last request of the one
        // before has succeeded: still one transaction (its continuation runs while the request's
        // success event is dispatched, when the transaction is active), but the page paints and
        // takes input between slices instead of freezing for the whole import.
        let mut slices = Slices::new(batch.entities.records.len() + batch.changes.len(), progress);
        for (kind, b, rec) in &batch.entities.records {
            let key = idb::key(&[pid, kind_word(*kind), &b.name()]);
            let req = match rec {
                Some(text) => entities.put_with_key(&JsValue::from_str(text), &key).map_err(w)?,
                None => entities.delete(&key).map_err(w)?,
            };
            slices.made(&req, rec.as_ref().map_or(0, String::len)).await?;
        }
        for (n, text) in batch.changes.iter().enumerate() {
            let req = changes.put_with_key(&JsValue::from_str(text), &idb::segment_key(pid, rev, n)).map_err(w)?;
            slices.made(&req, text.len()).await?;
        }
        crate::browser::perf_measure("mieruka:save-puts", "mieruka:save-puts-start");
        Ok(SaveOutcome::Saved { rev })
    }

    /// Keeps a large journal (`key` = "<tab>/<project>") in its own transaction.
    pub async fn put_journal(&self, key: &str, text: &str) -> Result<(), StorageError> {
        let tx = idb::transaction(&self.db, &[JOURNAL], true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        tx.object_store(JOURNAL)
            .map_err(w)?
            .put_with_key(&JsValue::from_str(text), &JsValue::from_str(key))
            .map_err(w)?;
        commit(done).await
    }

    /// Forgets a large journal.
    pub async fn delete_journal(&self, key: &str) -> Result<(), StorageError> {
        let tx = idb::transaction(&self.db, &[JOURNAL], true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        tx.object_store(JOURNAL).map_err(w)?.delete(&JsValue::from_str(key)).map_err(w)?;
        commit(done).await
    }

    /// Every large journal, as (key, text).
    pub async fn journals(&self) -> Result<Vec<(String, String)>, StorageError> {
        let tx = idb::transaction(&self.db, &[JOURNAL], false).map_err(StorageError::reading)?;
        let store = tx.object_store(JOURNAL).map_err(r)?;
        let keys = idb::request(&store.get_all_keys().map_err(r)?).await.map_err(StorageError::reading)?;
        let values = idb::request(&store.get_all().map_err(r)?).await.map_err(StorageError::reading)?;
        let keys = js_sys::Array::from(&keys);
        let values = js_sys::Array::from(&values);
        Ok(keys.iter().zip(values.iter()).filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?))).collect())
    }

    /// When the project's restore point was taken and under which name, if it has one.
    pub async fn restore_point(&self, pid: Id) -> Result<Option<RestorePoint>, StorageError> {
        let tx = idb::transaction(&self.db, &[RESTORE], false).map_err(StorageError::reading)?;
        let store = tx.object_store(RESTORE).map_err(r)?;
        let v = idb::request(&store.get(&idb::key(&["meta", &pid.to_string()])).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        let meta = parse_json(&v)?;
        let at = meta
            .get("at")
            .and_then(Value::as_str)
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|d| d.to_utc())
            .ok_or_else(|| StorageError::Damaged("a restore point has no date".into()))?;
        let name = meta.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
        Ok(Some(RestorePoint { at, name }))
    }

    /// Puts the project's records back exactly as they were when its restore point was taken,
    /// in one transaction (the rev moves on, so other tabs reload it), and drops the restore point.
    pub async fn restore(&self, pid: Id) -> Result<bool, StorageError> {
        let tx = idb::transaction(&self.db, &WITH_RESTORE, true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        match Self::restore_in(&tx, pid).await {
            Ok(true) => {
                commit(done).await?;
                Ok(true)
            }
            other => {
                abort(&tx, done).await;
                other
            }
        }
    }

    /// The requests of [`Self::restore`], in `tx`; false when there is no restore point.
    async fn restore_in(tx: &web_sys::IdbTransaction, pid: Id) -> Result<bool, StorageError> {
        let p = pid.to_string();
        let restore = tx.object_store(RESTORE).map_err(w)?;
        let data =
            idb::request(&restore.get(&idb::key(&["data", &p])).map_err(w)?).await.map_err(StorageError::writing)?;
        if data.is_undefined() || data.is_null() {
            return Ok(false);
        }
        let data = parse_json(&data)?;
        let projects = tx.object_store(PROJECTS).map_err(w)?;
        let entities = tx.object_store(ENTITIES).map_err(w)?;
        let changes = tx.object_store(CHANGES).map_err(w)?;
        let current =
            idb::request(&projects.get(&JsValue::from_str(&p)).map_err(w)?).await.map_err(StorageError::writing)?;
        let current_rev =
            if current.is_undefined() || current.is_null() { 0 } else { head_rev(&parse_json(&current)?) };
        let mut head: Value = data
            .get("head")
            .and_then(Value::as_str)
            .and_then(|s| serde_json::from_str(s).ok())
            .ok_or_else(|| StorageError::Damaged("the restore point has no project head".into()))?;
        head["rev"] = json!(current_rev + 1);
        let range = idb::prefix_range(&p).map_err(StorageError::writing)?;
        entities.delete(&range).map_err(w)?;
        changes.delete(&range).map_err(w)?;
        projects.put_with_key(&JsValue::from_str(&head.to_string()), &JsValue::from_str(&p)).map_err(w)?;
        for (store, field) in [(&entities, "entities"), (&changes, "changes")] {
            for pair in data.get(field).and_then(Value::as_array).into_iter().flatten() {
                let (Some(key), Some(text)) = (pair.get(0), pair.get(1).and_then(Value::as_str)) else { continue };
                let key = serde_wasm_bindgen::to_value(key).map_err(|e| w(e.into()))?;
                store.put_with_key(&JsValue::from_str(text), &key).map_err(w)?;
            }
        }
        restore.delete(&idb::key(&["data", &p])).map_err(w)?;
        restore.delete(&idb::key(&["meta", &p])).map_err(w)?;
        // A restore point taken before layout 3 holds one record per entity and per change.
        Self::relayout_in(tx, &p).await?;
        Ok(true)
    }

    /// Removes a project and all its records (what sync kept for it too).
    pub async fn delete_project(&self, pid: Id) -> Result<(), StorageError> {
        let tx =
            idb::transaction(&self.db, &[PROJECTS, ENTITIES, CHANGES, SYNC], true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        let pid = pid.to_string();
        let requests = || -> Result<(), StorageError> {
            let range = idb::prefix_range(&pid).map_err(StorageError::writing)?;
            tx.object_store(PROJECTS).map_err(w)?.delete(&JsValue::from_str(&pid)).map_err(w)?;
            tx.object_store(ENTITIES).map_err(w)?.delete(&range).map_err(w)?;
            tx.object_store(CHANGES).map_err(w)?.delete(&range).map_err(w)?;
            tx.object_store(SYNC).map_err(w)?.delete(&range).map_err(w)?;
            Ok(())
        };
        if let Err(e) = requests() {
            abort(&tx, done).await;
            return Err(e);
        }
        commit(done).await?;
        Ok(())
    }
}

/// Aborts a transaction whose requests could not all be made, so none of them is applied, and
/// waits for it to end. (It may have ended already: aborting it again is refused, harmlessly.)
async fn abort(tx: &web_sys::IdbTransaction, done: wasm_bindgen_futures::JsFuture) {
    if let Err(e) = tx.abort() {
        leptos::logging::log!("transaction already ended: {}", DomError::from(e));
    }
    if let Err(e) = done.await {
        leptos::logging::log!("transaction aborted: {}", DomError::from(e));
    }
}

/// A project's restore point: when it was taken and the project's name then.
#[derive(Debug, Clone, PartialEq)]
pub struct RestorePoint {
    pub at: chrono::DateTime<chrono::Utc>,
    pub name: String,
}

/// Every record in `range` as `[key, text]` pairs (keys as JSON arrays of strings).
async fn records_with_keys(
    store: &web_sys::IdbObjectStore,
    range: &web_sys::IdbKeyRange,
) -> Result<Vec<Value>, StorageError> {
    let keys = idb::request(&store.get_all_keys_with_key(range).map_err(w)?).await.map_err(StorageError::writing)?;
    let values = idb::request(&store.get_all_with_key(range).map_err(w)?).await.map_err(StorageError::writing)?;
    let keys = js_sys::Array::from(&keys);
    let values = js_sys::Array::from(&values);
    let mut out = Vec::with_capacity(values.length() as usize);
    for (k, v) in keys.iter().zip(values.iter()) {
        let key: Value = serde_wasm_bindgen::from_value(k).map_err(|e| w(e.into()))?;
        out.push(json!([key, v.as_string().unwrap_or_default()]));
    }
    Ok(out)
}
