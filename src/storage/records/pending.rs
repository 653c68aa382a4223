//! Imports in progress in the import worker (`crate::import_worker`): the picked file is kept in
//! the `journal` store, under a key of its own, before the worker reads it, so that a tab closed or
//! killed in the middle of an import resumes it at the next start. The write that stores the
//! file's projects deletes that record in the same transaction: either the projects are stored and
//! the record is gone, or nothing of them is stored and the record is still there.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::{commit, idb, r, w, ProjectStorage, SaveBatch, SaveOutcome, StorageError, ALL, JOURNAL};

/// The keys of pending imports in the `journal` store (the other journals are "<tab>/…").
pub const PENDING_PREFIX: &str = "import/";

/// An import the worker had begun and not finished: its request (`import_worker::protocol`) and
/// the file.
pub struct PendingImport {
    pub key: String,
    pub request: String,
    pub file: web_sys::Blob,
}

/// What [`ProjectStorage::write_import`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportWrite {
    /// Every project stored, at these revs (in the order of the batches).
    Stored(Vec<u64>),
    /// Nothing written: a project of the file is stored already (another tab added it meanwhile).
    AlreadyStored,
}

impl ProjectStorage {
    /// Keeps a file being imported until its projects are stored (one small transaction: the
    /// browser keeps the file's bytes; nothing is parsed).
    pub async fn put_pending_import(&self, key: &str, request: &str, file: &web_sys::Blob) -> Result<(), StorageError> {
        let tx = idb::transaction(&self.db, &[JOURNAL], true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        let record = Object::new();
        Reflect::set(&record, &"request".into(), &JsValue::from_str(request)).map_err(w)?;
        Reflect::set(&record, &"file".into(), file).map_err(w)?;
        let put = tx.object_store(JOURNAL).map_err(w)?.put_with_key(&record, &JsValue::from_str(key));
        if let Err(e) = put {
            super::abort(&tx, done).await;
            return Err(w(e));
        }
        commit(done).await
    }

    /// Every pending import, oldest key first. A record that is not one (damaged) is skipped and
    /// reported in the log.
    pub async fn pending_imports(&self) -> Result<Vec<PendingImport>, StorageError> {
        let tx = idb::transaction(&self.db, &[JOURNAL], false).map_err(StorageError::reading)?;
        let store = tx.object_store(JOURNAL).map_err(r)?;
        // Every key that starts with the prefix: "import/" up to "import0" ('0' follows '/').
        let range = web_sys::IdbKeyRange::bound(&JsValue::from_str(PENDING_PREFIX), &JsValue::from_str("import0"))
            .map_err(r)?;
        let keys =
            idb::request(&store.get_all_keys_with_key(&range).map_err(r)?).await.map_err(StorageError::reading)?;
        let values = idb::request(&store.get_all_with_key(&range).map_err(r)?).await.map_err(StorageError::reading)?;
        let mut out = Vec::new();
        for (k, v) in js_sys::Array::from(&keys).iter().zip(js_sys::Array::from(&values).iter()) {
            let key = k.as_string().unwrap_or_default();
            let request = Reflect::get(&v, &"request".into()).ok().and_then(|x| x.as_string());
            let file = Reflect::get(&v, &"file".into()).ok().and_then(|x| x.dyn_into::<web_sys::Blob>().ok());
            match (request, file) {
                (Some(request), Some(file)) => out.push(PendingImport { key, request, file }),
                _ => leptos::logging::warn!("a pending import cannot be read: {key}"),
            }
        }
        Ok(out)
    }

    /// Forgets a pending import (it was refused, or the tab imports it itself).
    pub async fn delete_pending_import(&self, key: &str) -> Result<(), StorageError> {
        self.delete_journal(key).await
    }

    /// Stores the projects of an imported file, each written whole as a new project, and deletes
    /// the pending import `pending` — all in one transaction. Every batch must be `full`. If any
    /// project is stored already, nothing is written.
    pub async fn write_import(
        &self,
        batches: &[SaveBatch],
        pending: &str,
        progress: &dyn Fn(usize, usize),
    ) -> Result<ImportWrite, StorageError> {
        let stores = [ALL[0], ALL[1], ALL[2], JOURNAL];
        let tx = idb::transaction(&self.db, &stores, true).map_err(StorageError::writing)?;
        let done = idb::completion(&tx);
        let mut revs = Vec::with_capacity(batches.len());
        for batch in batches {
            debug_assert!(batch.full, "an import writes its projects whole");
            match Self::write_in(&tx, batch, 0, progress).await {
                Ok(SaveOutcome::Saved { rev }) => revs.push(rev),
                Ok(_) => {
                    super::abort(&tx, done).await;
                    return Ok(ImportWrite::AlreadyStored);
                }
                Err(e) => {
                    super::abort(&tx, done).await;
                    return Err(e);
                }
            }
        }
        let delete = tx.object_store(JOURNAL).map_err(w).and_then(|s| s.delete(&JsValue::from_str(pending)).map_err(w));
        if let Err(e) = delete {
            super::abort(&tx, done).await;
            return Err(e);
        }
        commit(done).await?;
        Ok(ImportWrite::Stored(revs))
    }
}
