//! A minimal promise-based wrapper over IndexedDB requests and transactions.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::dom_error::DomError;

/// Awaits an IDBRequest's result.
pub async fn request(req: &IdbRequest) -> Result<JsValue, DomError> {
    let req2 = req.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let r_ok = req2.clone();
        let on_ok = Closure::once_into_js(move |_e: web_sys::Event| {
            let v = r_ok.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &v);
        });
        let r_err = req2.clone();
        let on_err = Closure::once_into_js(move |_e: web_sys::Event| {
            let err = r_err.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::from_str("request failed"));
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req2.set_onsuccess(Some(on_ok.unchecked_ref()));
        req2.set_onerror(Some(on_err.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(DomError::from)
}

/// Awaits a transaction's completion (complete → Ok; aborted, also by a failed request → Err).
pub fn completion(tx: &IdbTransaction) -> JsFuture {
    let tx2 = tx.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let on_ok = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        // Not `error`: every failed request of the transaction bubbles one up (a once-closure
        // would be called again), and a failed request not handled aborts the transaction anyway,
        // which fires `abort` exactly once.
        let t_abort = tx2.clone();
        let on_abort = Closure::once_into_js(move |_e: web_sys::Event| {
            let err = t_abort.error().map(JsValue::from).unwrap_or(JsValue::from_str("transaction aborted"));
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        tx2.set_oncomplete(Some(on_ok.unchecked_ref()));
        tx2.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// The global `indexedDB`: of the page, or of the worker this runs in (the import worker,
/// `crate::import_worker`, writes an imported project itself).
fn factory() -> Result<web_sys::IdbFactory, DomError> {
    let found = match web_sys::window() {
        Some(w) => w.indexed_db(),
        None => js_sys::global()
            .dyn_into::<web_sys::WorkerGlobalScope>()
            .map_err(|_| DomError::missing("neither a page nor a worker"))?
            .indexed_db(),
    };
    found?.ok_or_else(|| DomError::missing("IndexedDB is not available"))
}

/// Opens (and creates or upgrades) a database. `upgrade` runs inside `onupgradeneeded`.
pub async fn open(name: &str, version: u32, upgrade: fn(&IdbDatabase, u32)) -> Result<IdbDatabase, DomError> {
    open_watching(name, version, upgrade, || {
        leptos::logging::warn!("another tab with an older version of Mieruka is open");
    })
    .await
}

/// As [`open`]; `blocked` is called when another tab keeps the database open at an older version
/// (the open then waits until that tab closes it).
pub async fn open_watching(
    name: &str,
    version: u32,
    upgrade: fn(&IdbDatabase, u32),
    blocked: impl Fn() + 'static,
) -> Result<IdbDatabase, DomError> {
    let factory = factory()?;
    let req: IdbOpenDbRequest = factory.open_with_u32(name, version).map_err(DomError::from)?;
    let req2 = req.clone();
    let on_upgrade =
        Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(move |e: web_sys::IdbVersionChangeEvent| {
            if let Ok(db) = req2.result() {
                let db: IdbDatabase = db.unchecked_into();
                upgrade(&db, e.old_version() as u32);
            }
        });
    req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let on_blocked = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e| blocked());
    req.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
    let db = request(req.unchecked_ref()).await;
    drop(on_upgrade);
    drop(on_blocked);
    let db: IdbDatabase = db?.unchecked_into();
    Ok(db)
}

pub fn transaction(db: &IdbDatabase, stores: &[&str], write: bool) -> Result<IdbTransaction, DomError> {
    let names = Array::new();
    for s in stores {
        names.push(&JsValue::from_str(s));
    }
    let mode = if write { IdbTransactionMode::Readwrite } else { IdbTransactionMode::Readonly };
    db.transaction_with_str_sequence_and_mode(&names, mode).map_err(DomError::from)
}

/// An array key such as `[project, kind, id]`.
pub fn key(parts: &[&str]) -> JsValue {
    let a = Array::new();
    for p in parts {
        a.push(&JsValue::from_str(p));
    }
    a.into()
}

/// The key range of every array key that starts with `prefix`.
pub fn prefix_range(prefix: &str) -> Result<web_sys::IdbKeyRange, DomError> {
    let lower = Array::of1(&JsValue::from_str(prefix));
    // An empty array sorts after every string, so [prefix, []] is above [prefix, anything].
    let upper = Array::of2(&JsValue::from_str(prefix), &Array::new());
    web_sys::IdbKeyRange::bound(&lower, &upper).map_err(DomError::from)
}

/// Every key `[project, kind, …]`: one kind's entity records of a project.
pub fn kind_range(project: &str, kind: &str) -> Result<web_sys::IdbKeyRange, DomError> {
    let lower = Array::of2(&JsValue::from_str(project), &JsValue::from_str(kind));
    // [project, kind] sorts before every longer key that starts with it, and an empty array
    // after every string.
    let upper = Array::of3(&JsValue::from_str(project), &JsValue::from_str(kind), &Array::new());
    web_sys::IdbKeyRange::bound(&lower, &upper).map_err(DomError::from)
}

/// The key of a change-log segment: `[project, rev, n]` (`mieruka_core::segment`). Numbers sort
/// before strings, so a project's segments come before its layout-2 change records.
pub fn segment_key(project: &str, rev: u64, n: usize) -> JsValue {
    Array::of3(&JsValue::from_str(project), &JsValue::from_f64(rev as f64), &JsValue::from_f64(n as f64)).into()
}

/// The key range of the segments one save (that made `rev`) wrote.
pub fn rev_range(project: &str, rev: u64) -> Result<web_sys::IdbKeyRange, DomError> {
    let lower = Array::of2(&JsValue::from_str(project), &JsValue::from_f64(rev as f64));
    let upper = Array::of2(&JsValue::from_str(project), &JsValue::from_f64((rev + 1) as f64));
    web_sys::IdbKeyRange::bound_with_lower_open_and_upper_open(&lower, &upper, false, true).map_err(DomError::from)
}
