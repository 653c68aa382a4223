//! The tab's side of the import worker: start it, send the request with the file once it listens,
//! pass its progress on, and end with its outcome. The worker is stopped after each import, which
//! also gives its memory (a 50k-task file takes several hundred MB while checked) back.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ErrorEvent, MessageEvent, Worker};

use super::protocol::{Phase, Reply, Request, Stored, SCRIPT};
use super::worker_error::WorkerError;
use crate::dom_error::DomError;
use crate::import_outcome::Refusal;
use crate::storage::StorageError;

/// How long a worker may take to say it is ready before the tab imports the file itself (its
/// wasm is ~200 KB compressed, compiled from the service worker's cache after the first time).
const READY_WITHIN: Duration = Duration::from_secs(15);

/// How an import in the worker ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Stored(Vec<Stored>),
    /// The tab imports the file itself (the wizard, the merge dialog, or a worker of another
    /// version).
    TabTakesOver,
    Refused(Refusal),
    Failed(StorageError),
    /// The worker did not start (blocked, offline before it was ever cached, too old a browser):
    /// the tab imports the file itself.
    NoWorker(WorkerError),
    /// The worker stopped in the middle (it ran out of memory, or failed): nothing was stored.
    Stopped(WorkerError),
}

impl Outcome {
    fn of(reply: Reply) -> Outcome {
        match reply {
            Reply::Stored { projects } => Outcome::Stored(projects),
            Reply::TabTakesOver | Reply::Mismatch => Outcome::TabTakesOver,
            Reply::Refused { refusal } => Outcome::Refused(refusal),
            Reply::Failed { error } => Outcome::Failed(error),
            Reply::Ready | Reply::Progress { .. } => Outcome::Stopped(WorkerError::UnexpectedReply),
        }
    }
}

/// Imports `file` in a new worker; `progress` hears what it is doing.
pub async fn import(req: &Request, file: &Blob, progress: impl Fn(Phase, u64, u64) + 'static) -> Outcome {
    let worker = match Worker::new(SCRIPT) {
        Ok(w) => w,
        Err(e) => return Outcome::NoWorker(DomError::from(e).into()),
    };
    let text = match serde_json::to_string(req) {
        Ok(t) => t,
        Err(e) => return Outcome::NoWorker(WorkerError::Request { detail: e.to_string() }),
    };
    // The outcome, and the promise's resolve to call once it is known.
    let outcome: Rc<RefCell<Option<Outcome>>> = Rc::default();
    let resolve: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let ready = Rc::new(Cell::new(false));
    let settle = {
        let (outcome, resolve) = (outcome.clone(), resolve.clone());
        move |o: Outcome| {
            if outcome.borrow().is_some() {
                return;
            }
            *outcome.borrow_mut() = Some(o);
            if let Some(f) = resolve.borrow_mut().take() {
                drop(f.call0(&JsValue::NULL));
            }
        }
    };

    let on_message = {
        let (settle, ready, worker, file) = (settle.clone(), ready.clone(), worker.clone(), file.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(reply) = e.data().as_string().and_then(|t| serde_json::from_str::<Reply>(&t).ok()) else {
                return;
            };
            match reply {
                Reply::Ready => {
                    ready.set(true);
                    if let Err(e) = worker.post_message(&Array::of2(&JsValue::from_str(&text), &file)) {
                        settle(Outcome::NoWorker(DomError::from(e).into()));
                    }
                }
                Reply::Progress { phase, done, total } => progress(phase, done, total),
                other => settle(Outcome::of(other)),
            }
        })
    };
    let on_error = {
        let (settle, ready) = (settle.clone(), ready.clone());
        // A script that cannot be fetched fires a plain `Event`; an exception in the worker an
        // `ErrorEvent` with its message.
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let why = match e.dyn_ref::<ErrorEvent>() {
                Some(e) => WorkerError::Failed { detail: e.message() },
                None => WorkerError::NotLoaded,
            };
            settle(if ready.get() { Outcome::Stopped(why) } else { Outcome::NoWorker(why) });
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let timer = {
        let (settle, ready) = (settle.clone(), ready.clone());
        leptos::prelude::set_timeout_with_handle(
            move || {
                if !ready.get() {
                    settle(Outcome::NoWorker(WorkerError::DidNotStart));
                }
            },
            READY_WITHIN,
        )
    };
    let promise = Promise::new(&mut |res, _rej| {
        if outcome.borrow().is_some() {
            drop(res.call0(&JsValue::NULL));
        } else {
            *resolve.borrow_mut() = Some(res);
        }
    });
    if let Err(e) = JsFuture::from(promise).await {
        leptos::logging::warn!("waiting for the import worker: {}", DomError::from(e));
    }
    if let Ok(t) = timer {
        t.clear();
    }
    worker.terminate();
    drop((on_message, on_error));
    let done = outcome.borrow_mut().take();
    done.unwrap_or(Outcome::Stopped(WorkerError::NoOutcome))
}
