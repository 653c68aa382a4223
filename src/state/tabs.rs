//! The tabs of one browser: what a tab tells the others after it stored a project, and what it
//! reads when another tab did (`crate::tab_message` decides which).

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::merge;
use mieruka_core::Id;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::engine::{Broadcast, Event};
use super::ProjectStore;
use crate::browser;
use crate::storage::{ProjectStorage, StorageError};
use crate::tab_message::{what_to_read, Known, Reading, TabMessage};

impl ProjectStore {
    /// Loads the stored copy of a project and merges it into ours.
    pub(super) async fn pull(&self, storage: &ProjectStorage, pid: Id) -> Result<(), StorageError> {
        match storage.load(pid).await? {
            // Read before a save of ours that has finished since: what we hold is newer.
            Some((_, rev)) if rev < self.inner.with_value(|i| i.engine.rev(pid)) => {}
            Some((stored, rev)) => {
                let local_pending = self.inner.with_value(|i| i.engine.unstored(pid));
                self.ws.replace(&[pid], |ws| {
                    let merged = match ws.projects.get(&pid) {
                        Some(ours) if local_pending => merge::union(ours, &stored),
                        _ => stored,
                    };
                    ws.projects.insert(pid, merged);
                });
                self.send(Event::Stored { pid, rev });
                self.history_complete(pid);
            }
            None => {
                // Deleted in another tab. Keep ours only if it has unsaved edits.
                let local_pending = self.inner.with_value(|i| i.engine.unstored(pid));
                if !local_pending {
                    self.ws.replace(&[pid], |ws| {
                        ws.projects.remove(&pid);
                    });
                }
                self.send(Event::Stored { pid, rev: 0 });
            }
        }
        Ok(())
    }

    /// Whether this tab has the project in memory.
    pub(super) fn holds(&self, pid: Id) -> bool {
        self.ws.with_untracked(|ws| ws.projects.contains_key(&pid))
    }

    /// Opens a project this tab does not hold, stored by another tab or by the import worker, as
    /// a starting tab opens its projects: its state first, its change log in the background. A
    /// revision this tab holds already (its worker's reply and the broadcast both ask) is not
    /// read again.
    pub(crate) async fn open_stored(&self, storage: &ProjectStorage, pid: Id, rev: u64) -> Result<(), StorageError> {
        if self.holds(pid) && self.inner.with_value(|i| i.engine.rev(pid)) >= rev {
            return Ok(());
        }
        browser::perf_mark("mieruka:open-stored");
        let Some((p, rev)) = storage.load_state(pid).await? else {
            return Ok(()); // deleted meanwhile
        };
        if self.holds(pid) {
            // Opened meanwhile by the other of the two messages (the worker's reply and its
            // broadcast): done. Else held at an older revision: read it whole.
            if self.inner.with_value(|i| i.engine.rev(pid)) >= rev {
                return Ok(());
            }
            return self.pull(storage, pid).await;
        }
        self.ws.replace(&[pid], |ws| {
            ws.projects.insert(pid, p);
        });
        self.send(Event::Stored { pid, rev });
        browser::perf_mark("mieruka:open-stored-done");
        let this = *self;
        spawn_local(async move {
            if let Err(e) = this.ensure_history(pid).await {
                this.notices.error(this.i18n.storage_error(&e));
            }
        });
        Ok(())
    }

    /// Tells the other tabs that this tab stored (or deleted) a project: with the revision and the
    /// ids of the changes the save added, so they read just those records.
    pub(super) fn broadcast(&self, pid: Id, how: Broadcast) {
        self.inner.with_value(|i| {
            if let Some(ch) = &i.channel {
                let (deleted, full, rev, changes) = match how {
                    Broadcast::Deleted => (true, false, 0, Vec::new()),
                    Broadcast::Rewritten { rev } => (false, true, rev, Vec::new()),
                    Broadcast::Saved { rev, changes } => (false, false, rev, changes),
                };
                let msg = TabMessage { tab: i.tab.clone(), project: pid, deleted, rev, full, changes };
                match serde_json::to_string(&msg) {
                    Ok(text) => {
                        if let Err(e) = ch.post_message(&JsValue::from_str(&text)) {
                            leptos::logging::warn!("broadcast failed: {e:?}");
                        }
                    }
                    Err(e) => leptos::logging::warn!("broadcast failed: {e}"),
                }
            }
        });
    }

    /// What this tab holds of a project, for deciding what to read after another tab's save.
    fn known(&self, pid: Id) -> Known {
        let history = self.history_loaded_untracked(pid);
        self.inner.with_value(|i| Known { rev: i.engine.rev(pid), unstored_edits: i.engine.unstored(pid), history })
    }

    /// Reads the changes another tab's save added and reapplies them; the whole project instead
    /// when they are not all stored or this tab changed meanwhile.
    async fn pull_changes(&self, storage: &ProjectStorage, pid: Id, rev: u64, ids: &[Id]) -> Result<(), StorageError> {
        let Some(changes) = storage.load_saved(pid, rev, ids).await? else {
            return self.pull(storage, pid).await;
        };
        // The read took a while: an edit of ours, or a save of ours or theirs, since then sends
        // this the whole way.
        if !self.known(pid).takes_changes_of(rev) {
            return self.pull(storage, pid).await;
        }
        // Their changes, as this tab's own edits: readers of what they touched are notified.
        let reapplied = self.ws.edit(pid, |ws| {
            Ok::<_, std::convert::Infallible>(
                ws.projects.get_mut(&pid).map(|p| mieruka_core::replay::reapply(p, &changes)).unwrap_or_default(),
            )
        });
        debug_assert!(reapplied.is_ok());
        self.send(Event::Stored { pid, rev });
        Ok(())
    }

    pub(super) fn open_channel(&self) {
        let Ok(channel) = web_sys::BroadcastChannel::new("mieruka") else {
            return;
        };
        let this = *self;
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(text) = e.data().as_string() else {
                return;
            };
            let Ok(msg) = serde_json::from_str::<TabMessage>(&text) else {
                return;
            };
            spawn_local(async move {
                let Some(storage) = this.storage() else {
                    return;
                };
                let pid = msg.project;
                let mine = this.inner.with_value(|i| i.tab.clone());
                let read = match what_to_read(&msg, &mine, this.known(pid)) {
                    Reading::Nothing => return,
                    Reading::Changes(ids) => {
                        browser::perf_mark("mieruka:pull-changes");
                        this.pull_changes(&storage, pid, msg.rev, &ids).await
                    }
                    Reading::Whole if !this.holds(pid) => this.open_stored(&storage, pid, msg.rev).await,
                    Reading::Whole => {
                        browser::perf_mark("mieruka:pull-whole");
                        this.pull(&storage, pid).await
                    }
                };
                if let Err(e) = read {
                    this.notices.error(this.i18n.storage_error(&e));
                }
                // If we had unsaved edits, they are now merged and must be written on top.
                this.send(Event::SaveSoon);
            });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.inner.update_value(|i| i.channel = Some(channel));
    }
}
