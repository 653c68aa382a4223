//! Moving a database of storage layout 2 (one record per entity and per change) to layout 3
//! (entity buckets, `mieruka_core::bucket`; change-log segments, `mieruka_core::segment`): at
//! open, and when a restore point taken before layout 3 is restored.

use std::collections::BTreeSet;

use mieruka_core::{bucket, segment};
use wasm_bindgen::JsValue;

use super::{abort, commit, idb, r, w, ProjectStorage, StorageError, CHANGES, ENTITIES};

impl ProjectStorage {
    /// Moves every project still stored in layout 2 (one record per entity and per change) to
    /// layout 3 (entity buckets, `mieruka_core::bucket`; change-log segments,
    /// `mieruka_core::segment`), each project in one transaction: a tab killed meanwhile leaves
    /// each project whole in one layout or the other. Returns how many projects moved. Run once
    /// after opening, before loading (`state/lifecycle.rs`).
    pub async fn relayout(&self) -> Result<usize, StorageError> {
        let tx = idb::transaction(&self.db, &[ENTITIES, CHANGES], false).map_err(StorageError::reading)?;
        let mut pids = BTreeSet::new();
        // A layout-2 entity record ends its key with an entity's id, not a bucket's two-digit
        // name; a layout-2 change record's key is `[project, change id]`, not `[project, rev, n]`.
        for (store, legacy) in
            [(ENTITIES, legacy_entity_key as fn(&js_sys::Array) -> bool), (CHANGES, legacy_change_key)]
        {
            let keys = idb::request(&tx.object_store(store).map_err(r)?.get_all_keys().map_err(r)?)
                .await
                .map_err(StorageError::reading)?;
            for k in js_sys::Array::from(&keys).iter() {
                let parts = js_sys::Array::from(&k);
                if legacy(&parts) {
                    pids.extend(parts.get(0).as_string());
                }
            }
        }
        for pid in &pids {
            let tx = idb::transaction(&self.db, &[ENTITIES, CHANGES], true).map_err(StorageError::writing)?;
            let done = idb::completion(&tx);
            match Self::relayout_in(&tx, pid).await {
                Ok(()) => {
                    commit(done).await?;
                }
                Err(e) => {
                    abort(&tx, done).await;
                    return Err(e);
                }
            }
        }
        Ok(pids.len())
    }

    /// Moves one project's records to layout 3, in `tx` (see [`Self::relayout`]). Records it
    /// cannot read stay where they are.
    pub(super) async fn relayout_in(tx: &web_sys::IdbTransaction, pid: &str) -> Result<(), StorageError> {
        let range = idb::prefix_range(pid).map_err(StorageError::writing)?;
        // Entities into buckets.
        let entities = tx.object_store(ENTITIES).map_err(w)?;
        let mut records = Vec::new();
        let mut old_keys = Vec::new();
        for (k, text) in keyed_records(&entities, &range).await? {
            let parts = js_sys::Array::from(&k);
            let (Some(word), Some(part)) = (parts.get(1).as_string(), parts.get(2).as_string()) else {
                continue;
            };
            if legacy_entity_key(&parts) {
                old_keys.push((word.clone(), part.clone(), k));
            }
            records.push((word, part, text));
        }
        if let Some(moved) = bucket::relayout(pid, records) {
            let stays: std::collections::HashSet<(&str, &str)> =
                moved.iter().map(|(w, p, _)| (w.as_str(), p.as_str())).collect();
            for (word, part, key) in &old_keys {
                if !stays.contains(&(word.as_str(), part.as_str())) {
                    entities.delete(key).map_err(w)?;
                }
            }
            for (word, part, text) in &moved {
                entities.put_with_key(&JsValue::from_str(text), &idb::key(&[pid, word, part])).map_err(w)?;
            }
        }
        // Changes into segments, keyed as by a save of rev 0 (no save makes rev 0), after any
        // such segment already there.
        let changes = tx.object_store(CHANGES).map_err(w)?;
        let mut legacy = Vec::new();
        let mut next = 0;
        for (k, text) in keyed_records(&changes, &range).await? {
            let parts = js_sys::Array::from(&k);
            if legacy_change_key(&parts) {
                legacy.push((k, text));
            } else if parts.get(1).as_f64() == Some(0.0) {
                next = next.max(parts.get(2).as_f64().unwrap_or(0.0) as usize + 1);
            }
        }
        if let Some((texts, moved)) = segment::relayout(pid, legacy) {
            for key in &moved {
                changes.delete(key).map_err(w)?;
            }
            for (n, text) in texts.iter().enumerate() {
                changes.put_with_key(&JsValue::from_str(text), &idb::segment_key(pid, 0, next + n)).map_err(w)?;
            }
        }
        Ok(())
    }
}

/// A layout-2 entity key: `[project, kind, entity id]` (layout 3: a bucket's two-digit name).
fn legacy_entity_key(parts: &js_sys::Array) -> bool {
    parts.get(2).as_string().is_some_and(|s| !bucket::is_name(&s))
}

/// A layout-2 change key: `[project, change id]` (layout 3: `[project, rev, n]`).
fn legacy_change_key(parts: &js_sys::Array) -> bool {
    parts.get(1).is_string()
}

/// Every record of a store in a key range, with its key (records that are not text are left out).
async fn keyed_records(
    store: &web_sys::IdbObjectStore,
    range: &web_sys::IdbKeyRange,
) -> Result<Vec<(JsValue, String)>, StorageError> {
    let keys = idb::request(&store.get_all_keys_with_key(range).map_err(w)?).await.map_err(StorageError::writing)?;
    let values = idb::request(&store.get_all_with_key(range).map_err(w)?).await.map_err(StorageError::writing)?;
    Ok(js_sys::Array::from(&keys)
        .iter()
        .zip(js_sys::Array::from(&values).iter())
        .filter_map(|(k, v)| Some((k, v.as_string()?)))
        .collect())
}
