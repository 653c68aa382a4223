//! A tab's life: opening storage and loading the projects, the journals of tabs closed before
//! their save, read-only mode when a newer app holds the data, and flushing when the page is hidden.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::{Change, Id};

use super::engine::{Event, ReadOnlyWhy};
use super::ProjectStore;
use crate::browser;
use crate::storage::{journal, ProjectStorage, StorageError};

impl ProjectStore {
    /// Opens storage and loads every project. Call once at start.
    pub fn start(&self) {
        let this = *self;
        this.install_flush_on_hide();
        spawn_local(async move {
            // While another tab keeps the database open at an older version, the open waits and
            // a notice says why; it goes once the open goes on.
            let held_up: Rc<Cell<Option<u64>>> = Rc::default();
            let note = held_up.clone();
            let opened = ProjectStorage::open_at_start(move || {
                let text = this.i18n.storage_error(&StorageError::OlderTabOpen);
                if let Some(old) = note.replace(Some(this.notices.error_with_id(text))) {
                    this.notices.dismiss(old);
                }
            })
            .await;
            if let Some(id) = held_up.take() {
                this.notices.dismiss(id);
            }
            match opened {
                Ok((storage, read_ahead)) => {
                    browser::perf_mark("mieruka:storage-open");
                    storage.on_newer_version(move || this.go_read_only(ReadOnlyWhy::NewerTab));
                    // A database written before entity buckets is moved to them first; what the
                    // page read ahead while the wasm loaded is used only if nothing moved.
                    let loaded = match (storage.relayout().await, read_ahead) {
                        (Ok(0), Some(records)) => {
                            browser::perf_mark("mieruka:relayout-checked");
                            browser::perf_mark("mieruka:records-read");
                            Ok(ProjectStorage::decode_all(&records.heads, &records.entities))
                        }
                        (Ok(_), _) => {
                            browser::perf_mark("mieruka:relayout-checked");
                            storage.load_all().await
                        }
                        (Err(e), _) => Err(e),
                    };
                    match loaded {
                        Ok((projects, errors)) => {
                            let revs_read: BTreeMap<Id, u64> = projects.iter().map(|(p, rev)| (p.id, *rev)).collect();
                            this.inner.update_value(|i| i.storage = Some(storage));
                            let pids: Vec<Id> = projects.iter().map(|(p, _)| p.id).collect();
                            this.ws.replace(&pids, |ws| {
                                for (p, _) in projects {
                                    ws.projects.insert(p.id, p);
                                }
                            });
                            for e in errors {
                                this.notices.error(this.i18n.storage_error(&e));
                            }
                            this.send(Event::Opened { revs: revs_read.iter().map(|(p, r)| (*p, *r)).collect() });
                            browser::perf_mark("mieruka:loaded");
                            this.open_channel();
                            // Edits of tabs closed before their save completed come back first
                            // (before anything waits: no screen shows the value before them).
                            this.recover_journals().await;
                            // Imports a closed tab left in the import worker, in the background.
                            spawn_local(async move { this.resume_imports().await });
                            // Then a save another tab made after the records were read (ahead,
                            // while the wasm loaded) and before this tab listened.
                            this.catch_up(&revs_read).await;
                            // Anything added before storage was ready is saved now.
                            this.send(Event::SaveSoon);
                            // Then the change logs, in the background.
                            let ids: Vec<Id> = this.ws.with_untracked(|ws| ws.projects.keys().copied().collect());
                            for pid in ids {
                                if let Err(e) = this.ensure_history(pid).await {
                                    this.notices.error(this.i18n.storage_error(&e));
                                }
                            }
                            browser::perf_mark("mieruka:history-loaded");
                        }
                        Err(e) => this.send(Event::Unusable(e)),
                    }
                }
                Err(StorageError::Newer) => this.go_read_only(ReadOnlyWhy::NewerData),
                Err(e) => this.send(Event::Unusable(e)),
            }
        });
    }

    /// Pulls every project whose stored rev is not the one read at start (saved, added or deleted
    /// by another tab in between).
    async fn catch_up(&self, read: &BTreeMap<Id, u64>) {
        let Some(storage) = self.storage() else { return };
        let stored = match storage.revs().await {
            Ok(stored) => stored,
            Err(e) => return self.notices.error(self.i18n.storage_error(&e)),
        };
        let moved: BTreeSet<Id> = stored
            .iter()
            .filter(|(pid, rev)| read.get(pid) != Some(rev))
            .map(|(pid, _)| *pid)
            .chain(read.keys().filter(|pid| !stored.contains_key(pid)).copied())
            .collect();
        for pid in moved {
            // A project that could not be read at start was reported then; not twice.
            if let Err(e) = self.pull(&storage, pid).await {
                leptos::logging::warn!("project {pid} cannot be read again: {e}");
            }
        }
    }

    /// From now on nothing is written, and edits are refused with a message.
    fn go_read_only(&self, why: ReadOnlyWhy) {
        self.send(Event::Newer(why));
        self.inner.update_value(|i| i.storage = None);
    }

    /// Re-applies the journals left by tabs closed before their last save (and this tab's own
    /// from a reload), then saves what they add: localStorage's at once, before anything waits
    /// (so no screen shows a stale value first), then the large logs kept in IndexedDB.
    async fn recover_journals(&self) {
        self.recover(journal::read_all()).await;
        if let Some(storage) = self.storage() {
            match storage.journals().await {
                Ok(found) => {
                    self.recover(found.into_iter().map(|(key, text)| journal::parse(key, true, &text)).collect()).await
                }
                Err(e) => self.notices.error(self.i18n.storage_error(&e)),
            }
        }
    }

    async fn recover(&self, journals: Vec<journal::Journal>) {
        if journals.is_empty() {
            return;
        }
        let mut by_project: BTreeMap<Id, Vec<Change>> = BTreeMap::new();
        for j in &journals {
            for (pid, c) in &j.changes {
                by_project.entry(*pid).or_default().push(c.clone());
            }
        }
        // An import that replaced or merged and was not stored yet: its restore point is still to
        // be taken from what is stored, by the next (full) save.
        let stored_before: BTreeSet<Id> = self.ws.with_untracked(|ws| ws.projects.keys().copied().collect());
        let restore_points: BTreeSet<Id> = journals
            .iter()
            .flat_map(|j| j.restore_points.iter())
            .filter(|p| stored_before.contains(p))
            .copied()
            .collect();
        for pid in restore_points {
            self.send(Event::Merged { pid });
        }
        let mut recovered = 0;
        for (pid, changes) in by_project {
            if !self.ws.with_untracked(|ws| ws.projects.contains_key(&pid)) {
                // Created in a tab closed before its first save: the journal holds its whole life.
                let created =
                    changes.iter().any(|c| c.entity.kind == mieruka_core::EntityKind::Project && c.is_create());
                if created {
                    let mut log = changes;
                    mieruka_core::replay::normalize(&mut log);
                    recovered += log.len();
                    self.add_project(mieruka_core::replay::replay(pid, &log));
                    // Also in this tab's journal until stored, in case this tab closes too.
                    self.mark_dirty(pid, &log);
                }
                continue;
            }
            if let Err(e) = self.ensure_history(pid).await {
                self.notices.error(self.i18n.storage_error(&e));
                return; // keep the journals for the next start
            }
            let joined = self
                .ws
                .edit(pid, |ws| {
                    Ok::<_, std::convert::Infallible>(
                        ws.projects
                            .get_mut(&pid)
                            .map(|p| mieruka_core::replay::reapply(p, &changes))
                            .unwrap_or_default(),
                    )
                })
                .unwrap_or_default();
            if !joined.is_empty() {
                recovered += joined.len();
                self.mark_dirty(pid, &joined);
            }
        }
        let own = self.inner.with_value(|i| journal::local_key(&i.tab));
        // What they held is this tab's now (and in its own journal until stored).
        let storage = self.storage();
        for j in journals.iter().filter(|j| j.key != own) {
            if !j.in_db {
                journal::remove(&j.key);
            } else if let Some(s) = &storage {
                if let Err(e) = s.delete_journal(&j.key).await {
                    leptos::logging::warn!("an old edit journal cannot be removed: {e}");
                }
            }
        }
        if recovered > 0 {
            leptos::logging::log!("{recovered} unsaved edits recovered from the journal");
            self.flush();
        }
    }

    fn install_flush_on_hide(&self) {
        let this = *self;
        let h1 = window_event_listener(leptos::ev::pagehide, move |_| this.flush());
        let h2 = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                this.flush();
            }
        });
        // Edits this tab cannot store (a failed save, storage unusable) would be lost with it:
        // the browser asks before the tab is closed or reloaded. (The journal keeps them over a
        // reload when it can be written; when storage is unusable nothing can.)
        let h3 = window_event_listener(leptos::ev::beforeunload, move |ev: web_sys::BeforeUnloadEvent| {
            if this.inner.with_value(|i| i.engine.at_risk()) {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        on_cleanup(move || {
            h1.remove();
            h2.remove();
            h3.remove();
        });
    }
}
