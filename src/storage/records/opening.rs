//! Opening: the connection (taken from `assets/prefetch.js` when it read ahead), every stored
//! project without its change log, and the stored revs a starting tab compares with what it read.

use std::collections::BTreeMap;

use mieruka_core::stored::{self, Unreadable};
use mieruka_core::{Id, Project};
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::{
    head_rev, idb, parse_json, r, upgrade, ProjectStorage, StorageError, ALL, DB_NAME, DB_VERSION, ENTITIES, PROJECTS,
};

impl ProjectStorage {
    /// Opens the database at start: the connection `assets/prefetch.js` opened while the wasm
    /// loaded, with the records it read, when it is to this version; else as [`Self::open`], and
    /// `blocked` is called if another tab keeps the database open at an older version (the open
    /// waits until that tab lets go of it).
    pub async fn open_at_start(
        blocked: impl Fn() + 'static,
    ) -> Result<(Self, Option<crate::storage::prefetch::Records>), StorageError> {
        match crate::storage::prefetch::take(DB_VERSION).await {
            Some((db, records)) => Ok((ProjectStorage { db }, records)),
            None => {
                let db =
                    idb::open_watching(DB_NAME, DB_VERSION, upgrade, blocked).await.map_err(StorageError::opening)?;
                Ok((ProjectStorage { db }, None))
            }
        }
    }

    /// Every stored project with its rev, without its change log: that is left for
    /// [`Self::load_changes`] (the state is all a first screen needs, and the log is most of the
    /// data). A project that cannot be read is reported, not dropped: its records stay untouched.
    pub async fn load_all(&self) -> Result<(Vec<(Project, u64)>, Vec<StorageError>), StorageError> {
        let tx = idb::transaction(&self.db, &ALL, false).map_err(StorageError::reading)?;
        let store = |n: &str| tx.object_store(n).map_err(r);
        let heads = idb::request(&store(PROJECTS)?.get_all().map_err(r)?).await.map_err(StorageError::reading)?;
        let ents = idb::request(&store(ENTITIES)?.get_all().map_err(r)?).await.map_err(StorageError::reading)?;
        crate::browser::perf_mark("mieruka:records-read");
        Ok(Self::decode_all(&heads, &ents))
    }

    /// The projects in the `getAll` of the heads and of the entity records (read by
    /// [`Self::load_all`], or ahead by `assets/prefetch.js`), as [`Self::load_all`] returns them.
    pub fn decode_all(heads: &JsValue, ents: &JsValue) -> (Vec<(Project, u64)>, Vec<StorageError>) {
        let mut errors = Vec::new();
        let mut texts = |all: &JsValue| -> Vec<String> {
            let all = js_sys::Array::from(all);
            let mut out = Vec::with_capacity(all.length() as usize);
            for v in all.iter() {
                match v.as_string() {
                    Some(text) => out.push(text),
                    None => errors.push(StorageError::Damaged("a record is not text".into())),
                }
            }
            out
        };
        let (heads, buckets) = (texts(heads), texts(ents));
        crate::browser::perf_mark("mieruka:records-parsed");
        // Typed, or through `Value` where anything is off (which then says where).
        let (projects, unreadable) = stored::open(&heads, &buckets);
        errors.extend(unreadable.into_iter().map(|e| match e {
            Unreadable::NotJson(msg) => StorageError::Damaged(msg),
            Unreadable::Corrupt(e) => StorageError::Corrupt(e),
        }));
        (projects, errors)
    }

    /// Every stored project's rev, from the heads alone: what a tab compares with what it read,
    /// once it listens to the other tabs, so that a save made in between is not missed.
    pub async fn revs(&self) -> Result<BTreeMap<Id, u64>, StorageError> {
        let tx = idb::transaction(&self.db, &[PROJECTS], false).map_err(StorageError::reading)?;
        let heads = idb::request(&tx.object_store(PROJECTS).map_err(r)?.get_all().map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        let mut out = BTreeMap::new();
        for v in js_sys::Array::from(&heads).iter() {
            let head = parse_json(&v)?;
            let rev = head_rev(&head);
            let id = head.pointer("/project/id").and_then(Value::as_str).and_then(|s| Id::parse_str(s).ok());
            if let Some(id) = id {
                out.insert(id, rev);
            }
        }
        Ok(out)
    }

    /// One stored project without its change log (left for [`Self::load_changes`]), as at
    /// start: its head and its entity records over its key range, in one read transaction.
    /// `None` when it is not stored. What another tab (or the import worker) added opens so.
    pub async fn load_state(&self, pid: Id) -> Result<Option<(Project, u64)>, StorageError> {
        let tx = idb::transaction(&self.db, &[PROJECTS, ENTITIES], false).map_err(StorageError::reading)?;
        let id = pid.to_string();
        let head = idb::request(&tx.object_store(PROJECTS).map_err(r)?.get(&JsValue::from_str(&id)).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        if head.is_undefined() || head.is_null() {
            return Ok(None);
        }
        let range = idb::prefix_range(&id).map_err(StorageError::reading)?;
        let ents = idb::request(&tx.object_store(ENTITIES).map_err(r)?.get_all_with_key(&range).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        let (mut projects, mut errors) = Self::decode_all(&js_sys::Array::of1(&head).into(), &ents);
        if let Some(e) = errors.pop() {
            return Err(e);
        }
        Ok(projects.pop())
    }
}
