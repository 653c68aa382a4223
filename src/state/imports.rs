//! Imports in the import worker (`crate::import_worker`), as the store sees them: the request a
//! tab sends, what it does with the worker's outcome (opens the stored projects, says so), and the
//! imports a closed or killed tab left unfinished, resumed at start.

use leptos::prelude::*;
use mieruka_core::Stamp;

use super::ProjectStore;
use crate::browser;
use crate::import_failure::ImportFailure;
use crate::import_worker::client::{self, Outcome};
use crate::import_worker::protocol::{Phase, Request, PROTOCOL};
use crate::storage::records::{DB_VERSION, PENDING_PREFIX};
use crate::storage::PendingImport;

/// What the tab does after the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterWorker {
    /// Done: stored and opened, or refused and said so.
    Done,
    /// The tab imports the file itself (the wizard, the merge dialog, no worker).
    Tab,
}

impl ProjectStore {
    /// Whether this tab can write to storage (open, not read-only): the worker writes for it.
    pub fn can_store(&self) -> bool {
        self.storage().is_some() && !self.is_read_only()
    }

    /// The worker's request for a file picked now.
    pub fn import_request(&self, name: &str, stamp: Stamp) -> Request {
        let key = format!("{PENDING_PREFIX}{}", stamp.batch);
        Request {
            protocol: PROTOCOL,
            db_version: DB_VERSION,
            name: name.to_string(),
            stamp,
            lang: self.i18n.lang_untracked().code().to_string(),
            held: self.ws.with_untracked(|ws| ws.projects.keys().copied().collect()),
            tab: self.inner.with_value(|i| i.tab.clone()),
            key,
            resumed: false,
        }
    }

    /// Imports `file` in the worker, telling `phase` what it does (the records it writes go to
    /// the header's count, as the tab's own large writes do).
    pub async fn import_in_worker(
        &self,
        req: &Request,
        file: &web_sys::Blob,
        phase: impl Fn(Phase) + 'static,
    ) -> AfterWorker {
        // Held while the worker works, so that a tab starting meanwhile does not resume it.
        let _lock = browser::try_lock(&req.key).await;
        let writing = self.writing;
        let outcome = client::import(req, file, move |p, done, total| {
            phase(p);
            if p == Phase::Saving {
                writing.set(Some((done as usize, total as usize)));
            }
        })
        .await;
        writing.set(None);
        self.after_worker(outcome, false).await
    }

    async fn after_worker(&self, outcome: Outcome, resumed: bool) -> AfterWorker {
        let failed = |e: ImportFailure| e.tell(&self.i18n, &self.notices);
        match outcome {
            Outcome::Stored(projects) => {
                let Some(storage) = self.storage() else {
                    return AfterWorker::Done;
                };
                for p in projects {
                    if let Err(e) = self.open_stored(&storage, p.id, p.rev).await {
                        self.notices.error(self.i18n.storage_error(&e));
                    }
                    let m = self.i18n.msg();
                    self.notices.info(if resumed { m.import_resumed(&p.name) } else { m.imported(&p.name) });
                }
                browser::perf_mark("mieruka:import-added");
                AfterWorker::Done
            }
            Outcome::Refused(refusal) => {
                failed(refusal.into());
                AfterWorker::Done
            }
            Outcome::Failed(e) => {
                failed(e.into());
                AfterWorker::Done
            }
            Outcome::Stopped(why) => {
                failed(ImportFailure::WorkerStopped(why));
                AfterWorker::Done
            }
            Outcome::NoWorker(why) => {
                leptos::logging::warn!("the import worker cannot be used: {why}");
                AfterWorker::Tab
            }
            Outcome::TabTakesOver => AfterWorker::Tab,
        }
    }

    /// Finishes the imports that tabs closed or killed in the middle left (each kept with its
    /// file in IndexedDB), unless another tab is finishing it now. In the worker only: where it
    /// cannot start, the import stays kept and is tried at the next start.
    pub(super) async fn resume_imports(&self) {
        let Some(storage) = self.storage() else {
            return;
        };
        let pending = match storage.pending_imports().await {
            Ok(p) => p,
            Err(e) => return self.notices.error(self.i18n.storage_error(&e)),
        };
        for PendingImport { key, request, file } in pending {
            let Some(_lock) = browser::try_lock(&key).await else {
                continue;
            };
            let Ok(kept) = serde_json::from_str::<Request>(&request) else {
                leptos::logging::warn!("a pending import cannot be read: {key}");
                if let Err(e) = storage.delete_pending_import(&key).await {
                    self.notices.error(self.i18n.storage_error(&e));
                }
                continue;
            };
            let req = Request { resumed: true, key: key.clone(), ..self.import_request(&kept.name, kept.stamp) };
            let outcome = client::import(&req, &file, |_, _, _| {}).await;
            if let Outcome::NoWorker(why) = &outcome {
                leptos::logging::warn!("the import worker cannot be used: {why}");
                self.notices.error(self.i18n.msg().import_not_resumed(&kept.name));
                continue;
            }
            self.after_worker(outcome, true).await;
        }
    }
}
