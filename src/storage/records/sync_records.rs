//! The `sync` store: what team sync keeps for a shared project on this browser, under
//! `[project, part]` (so deleting the project's key range deletes it too). The parts are chosen by
//! the sync module (`crate::sync::kept`): its settings and bookkeeping as JSON text, the large set
//! of change ids the location holds as text written rarely, and a folder's handle (a browser
//! object, stored as it is: IndexedDB keeps `FileSystemDirectoryHandle`s).

use mieruka_core::Id;
use wasm_bindgen::JsValue;

use super::{commit, r, w, ProjectStorage, SYNC};
use crate::storage::idb;
use crate::storage::StorageError;

impl ProjectStorage {
    /// One part kept for a shared project (`None` when there is none).
    pub async fn sync_part(&self, pid: Id, part: &str) -> Result<Option<JsValue>, StorageError> {
        let tx = idb::transaction(&self.db, &[SYNC], false).map_err(StorageError::reading)?;
        let store = tx.object_store(SYNC).map_err(r)?;
        let v = idb::request(&store.get(&idb::key(&[&pid.to_string(), part])).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    }

    /// Writes parts of a shared project's record in one transaction (all or none).
    pub async fn put_sync_parts(&self, pid: Id, parts: &[(&str, JsValue)]) -> Result<(), StorageError> {
        let tx = idb::transaction(&self.db, &[SYNC], true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        let store = tx.object_store(SYNC).map_err(w)?;
        for (part, value) in parts {
            store.put_with_key(value, &idb::key(&[&pid.to_string(), part])).map_err(w)?;
        }
        commit(done).await
    }

    /// Forgets everything kept for a project's sharing (the project itself stays).
    pub async fn forget_sync(&self, pid: Id) -> Result<(), StorageError> {
        let tx = idb::transaction(&self.db, &[SYNC], true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        let range = idb::prefix_range(&pid.to_string()).map_err(StorageError::writing)?;
        tx.object_store(SYNC).map_err(w)?.delete(&range).map_err(w)?;
        commit(done).await
    }

    /// The projects this browser shares (those with a kept record).
    pub async fn shared_projects(&self) -> Result<Vec<Id>, StorageError> {
        let tx = idb::transaction(&self.db, &[SYNC], false).map_err(StorageError::reading)?;
        let store = tx.object_store(SYNC).map_err(r)?;
        let keys = idb::request(&store.get_all_keys().map_err(r)?).await.map_err(StorageError::reading)?;
        let mut out: Vec<Id> = js_sys::Array::from(&keys)
            .iter()
            .filter_map(|k| js_sys::Array::from(&k).get(0).as_string())
            .filter_map(|s| Id::parse_str(&s).ok())
            .collect();
        out.dedup();
        Ok(out)
    }
}
