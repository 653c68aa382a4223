//! The import worker's side: it keeps the picked file until its projects are stored, reads and
//! checks it (`import_outcome::open_mieruka`, the tab's own decision for a Mieruka file), cuts each project into the records a
//! whole write stores (`SaveBatch`), writes them to IndexedDB in one transaction that also drops
//! the kept file, reads them back, and tells the other tabs (and its own) on the BroadcastChannel
//! as a tab that stored a project would. The tab opens the project as a stored one: the page is
//! never held by the check or the serialization (a 50k-task file held it ~3 s).

use std::collections::BTreeSet;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{Phase, Reply, Request, Stored, PROTOCOL};
use crate::browser::js_err;
use crate::import_outcome;
use crate::sjis::BrowserShiftJis;
use crate::storage::batch::{Dirty, SaveBatch};
use crate::storage::records::DB_VERSION;
use crate::storage::{ImportWrite, ProjectStorage, StorageError};
use crate::tab_message::TabMessage;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(reply: &Reply) {
    match serde_json::to_string(reply) {
        Ok(text) => {
            if let Err(e) = scope().post_message(&JsValue::from_str(&text)) {
                web_sys::console::error_1(&e);
            }
        }
        Err(e) => web_sys::console::error_1(&JsValue::from_str(&e.to_string())),
    }
}

/// Listens for requests (`[request JSON, file]`) and says it is ready. The worker's `main`.
pub fn listen() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        let data = Array::from(&e.data());
        let request = data.get(0).as_string().and_then(|t| serde_json::from_str::<Request>(&t).ok().map(|r| (t, r)));
        let file = data.get(1).dyn_into::<Blob>().ok();
        let (Some((text, request)), Some(file)) = (request, file) else {
            // Sent by a page of another version: the tab imports the file itself.
            leptos::logging::warn!("the import worker was sent something it cannot read");
            post(&Reply::Mismatch);
            return;
        };
        wasm_bindgen_futures::spawn_local(async move { post(&run(&text, &request, &file).await) });
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&Reply::Ready);
}

fn failed(e: StorageError) -> Reply {
    Reply::Failed { error: e.for_worker() }
}

/// One import, from the request to the final reply.
async fn run(text: &str, req: &Request, file: &Blob) -> Reply {
    if req.protocol != PROTOCOL || req.db_version != DB_VERSION {
        return Reply::Mismatch;
    }
    let storage = match ProjectStorage::open().await {
        Ok(s) => s,
        Err(e) => return failed(e),
    };
    let reply = import(text, req, file, &storage).await;
    if !matches!(reply, Reply::Stored { .. }) {
        // Nothing of the file is stored: it is not kept either. The tab says why, or imports it
        // itself with the file it still has. (Stored, the write dropped it in its transaction.)
        forget(&storage, &req.key).await;
    }
    storage.close();
    reply
}

async fn forget(storage: &ProjectStorage, key: &str) {
    if let Err(e) = storage.delete_pending_import(key).await {
        leptos::logging::warn!("a pending import cannot be forgotten ({key}): {e}");
    }
}

async fn import(text: &str, req: &Request, file: &Blob, storage: &ProjectStorage) -> Reply {
    if !req.resumed {
        post(&Reply::Progress { phase: Phase::Keeping, done: 0, total: 0 });
        if let Err(e) = storage.put_pending_import(&req.key, text, file).await {
            return failed(e);
        }
    }
    post(&Reply::Progress { phase: Phase::Reading, done: 0, total: 0 });
    let bytes = match JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => Uint8Array::new(&buffer).to_vec(),
        Err(e) => return failed(StorageError::reading(e.into())),
    };
    post(&Reply::Progress { phase: Phase::Checking, done: 0, total: 0 });
    let opened = import_outcome::open_mieruka(&req.name, &bytes, &req.stamp, &BrowserShiftJis);
    drop(bytes);
    let projects = match opened {
        Some(Err(refusal)) => return Reply::Refused { refusal: refusal.for_worker(req.lang()) },
        None => return Reply::TabTakesOver,
        Some(Ok(imported)) => imported.projects,
    };
    if req.holds_any(projects.iter().map(|p| p.id)) {
        return Reply::TabTakesOver;
    }
    let none = BTreeSet::new();
    let batches: Vec<SaveBatch> =
        projects.iter().map(|p| SaveBatch::prepare(p, &Dirty::default(), true, &none)).collect();
    let names: Vec<_> = projects.iter().map(|p| (p.id, p.info.name.clone())).collect();
    drop(projects);
    let records: usize = batches.iter().map(|b| b.entities.records.len() + b.changes.len()).sum();
    post(&Reply::Progress { phase: Phase::Saving, done: 0, total: records as u64 });
    let progress = |done: usize, total: usize| {
        post(&Reply::Progress { phase: Phase::Saving, done: done as u64, total: total as u64 })
    };
    let revs = match storage.write_import(&batches, &req.key, &progress).await {
        Ok(ImportWrite::Stored(revs)) => revs,
        Ok(ImportWrite::AlreadyStored) => return Reply::TabTakesOver,
        Err(e) => return failed(e),
    };
    post(&Reply::Progress { phase: Phase::Saving, done: records as u64, total: records as u64 });
    // Stored: read back, as every save of the tab is, and tell the tabs.
    let mut stored = Vec::with_capacity(names.len());
    let channel = web_sys::BroadcastChannel::new("mieruka").ok();
    for ((batch, rev), (id, name)) in batches.iter().zip(&revs).zip(names) {
        if let Err(e) = storage.verify(batch, *rev).await {
            return failed(e);
        }
        let msg =
            TabMessage { tab: req.sender(), project: id, deleted: false, rev: *rev, full: true, changes: Vec::new() };
        if let (Some(ch), Ok(text)) = (&channel, serde_json::to_string(&msg)) {
            if let Err(e) = ch.post_message(&JsValue::from_str(&text)) {
                leptos::logging::warn!("broadcast failed: {}", js_err(e));
            }
        }
        stored.push(Stored { id, name, rev: *rev });
    }
    if let Some(ch) = channel {
        ch.close();
    }
    Reply::Stored { projects: stored }
}
