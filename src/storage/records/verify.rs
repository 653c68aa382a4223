//! Reading back what a save wrote (`ProjectStorage::verify`): a store that accepts writes and
//! loses them is caught at the next save, not at the next start.

use serde_json::Value;
use wasm_bindgen::JsValue;

use super::{
    bucket, head_rev, idb, kind_word, r, ProjectStorage, SaveBatch, StorageError, ALL, CHANGES, ENTITIES, PROJECTS,
};

impl ProjectStorage {
    /// Reads back what `batch` wrote (saved as `rev`) and checks it is what was meant: the head
    /// with its rev, and every entity record and change of the batch byte for byte (for a full
    /// rewrite: the head and how many records the project has), so a store that accepts writes
    /// and loses them is detected at the next save, not at the next start.
    pub async fn verify(&self, batch: &SaveBatch, rev: u64) -> Result<(), StorageError> {
        let tx = idb::transaction(&self.db, &ALL, false).map_err(StorageError::reading)?;
        let pid = batch.project.as_str();
        let head = idb::request(&tx.object_store(PROJECTS).map_err(r)?.get(&JsValue::from_str(pid)).map_err(r)?)
            .await
            .map_err(StorageError::reading)?;
        // The head: its rev, the project's own fields, and the widths this batch wrote at (the
        // widths of kinds it did not write are the stored ones, which it did not read).
        let head = head.as_string().and_then(|s| serde_json::from_str::<Value>(&s).ok()).unwrap_or_default();
        let widths = bucket::stored_widths(&head);
        let widths_kept = batch.entities.widths.iter().all(|(k, d)| bucket::width(&widths, *k) == *d);
        if head_rev(&head) != rev || head.get("project") != Some(&batch.head) || !widths_kept {
            return Err(StorageError::ReadBack(format!("project {pid}: the head")));
        }
        let entities = tx.object_store(ENTITIES).map_err(r)?;
        let changes = tx.object_store(CHANGES).map_err(r)?;
        if batch.full {
            let range = idb::prefix_range(pid).map_err(StorageError::reading)?;
            let n_entities =
                idb::request(&entities.count_with_key(&range).map_err(r)?).await.map_err(StorageError::reading)?;
            let n_changes =
                idb::request(&changes.count_with_key(&range).map_err(r)?).await.map_err(StorageError::reading)?;
            let want_entities = batch.entities.records.iter().filter(|(_, _, rec)| rec.is_some()).count() as f64;
            if n_entities.as_f64() != Some(want_entities) || n_changes.as_f64() != Some(batch.changes.len() as f64) {
                return Err(StorageError::ReadBack(format!("project {pid}: the number of records")));
            }
            return Ok(());
        }
        // A kind rewritten whole holds the batch's records of it and no other.
        for kind in &batch.entities.whole {
            let range = idb::kind_range(pid, kind_word(*kind)).map_err(StorageError::reading)?;
            let n = idb::request(&entities.count_with_key(&range).map_err(r)?).await.map_err(StorageError::reading)?;
            let want = batch.entities.records.iter().filter(|(k, _, rec)| k == kind && rec.is_some()).count() as f64;
            if n.as_f64() != Some(want) {
                return Err(StorageError::ReadBack(format!(
                    "project {pid}: the number of {} records",
                    kind_word(*kind)
                )));
            }
        }
        for (kind, b, rec) in &batch.entities.records {
            let key = idb::key(&[pid, kind_word(*kind), &b.name()]);
            let got = idb::request(&entities.get(&key).map_err(r)?).await.map_err(StorageError::reading)?;
            if got.as_string() != *rec {
                return Err(StorageError::ReadBack(format!("project {pid}: {} bucket {}", kind_word(*kind), b.name())));
            }
        }
        for (n, text) in batch.changes.iter().enumerate() {
            let got = idb::request(&changes.get(&idb::segment_key(pid, rev, n)).map_err(r)?)
                .await
                .map_err(StorageError::reading)?;
            if got.as_string().as_deref() != Some(text.as_str()) {
                return Err(StorageError::ReadBack(format!("project {pid}: change segment {rev}.{n}")));
            }
        }
        Ok(())
    }
}
