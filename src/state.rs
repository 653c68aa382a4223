//! `ProjectStore`: the workspace in memory and the only way the UI changes it. Its parts:
//! - `state/engine.rs`: the save engine, pure: what to write, when, what to tell other tabs;
//! - `state/commands.rs`: dispatch, undo and redo, imports, merges and restores;
//! - `state/effects.rs`: performs the engine's effects (timer, IndexedDB writes, the journal);
//! - `state/lifecycle.rs`: opening storage, journal recovery, read-only mode, page hide;
//! - `state/tabs.rs`: what this tab tells the other tabs and reads when they save.
//!
//! This file holds the store itself and reading.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use mieruka_core::topic::Read;
use mieruka_core::undo::UndoStack;
use mieruka_core::{Id, Project, Workspace};

use crate::browser;
use crate::i18n::I18n;
use crate::notice::Notices;
use crate::storage::{journal, prefs, ProjectStorage, StorageError};

mod commands;
mod effects;
pub mod engine;
mod imports;
mod lifecycle;
mod live;
mod sync_merge;
mod tabs;

pub use engine::SAVE_DEBOUNCE;
use engine::{Event, SaveEngine};
pub use imports::AfterWorker;
use live::Live;

/// What the save indicator and banner show, in the user's language.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Loading from storage.
    Loading,
    Saved,
    Pending,
    /// The last save failed; edits are kept in memory and retried.
    Failed(String),
    /// Storage cannot be used at all in this browser (nothing is saved).
    Unavailable(String),
    /// A newer version of the app holds the data: this tab shows what it has and writes nothing.
    ReadOnly(String),
}

struct Inner {
    storage: Option<ProjectStorage>,
    engine: SaveEngine,
    undo: BTreeMap<Id, UndoStack>,
    actor: String,
    tab: String,
    timer: Option<TimeoutHandle>,
    channel: Option<web_sys::BroadcastChannel>,
    /// Large logs this tab journals in IndexedDB (see `storage::journal`).
    spilled: BTreeMap<Id, journal::Spilled>,
    /// The segments such a journal was made of, until the project's whole write takes them.
    made_segments: BTreeMap<Id, crate::storage::batch::MadeSegments>,
}

/// The workspace and what can be done to it. Provided as context; see [`expect_store`].
#[derive(Clone, Copy)]
pub struct ProjectStore {
    /// The workspace, with a trigger per topic read (`state/live.rs`).
    ws: Live,
    status: RwSignal<SaveStatus>,
    /// Bumped when undo/redo availability may have changed.
    undo_rev: RwSignal<u64>,
    /// Projects whose whole change log is in memory (storage loads it after the state).
    history: RwSignal<BTreeSet<Id>>,
    /// A large write under way (an import, a merge): records written so far, and in all.
    writing: RwSignal<Option<(usize, usize)>>,
    inner: StoredValue<Inner, LocalStorage>,
    notices: Notices,
    i18n: I18n,
}

pub fn expect_store() -> ProjectStore {
    expect_context::<ProjectStore>()
}

impl ProjectStore {
    pub fn new(notices: Notices, i18n: I18n) -> Self {
        let inner = Inner {
            storage: None,
            engine: SaveEngine::new(),
            undo: BTreeMap::new(),
            actor: prefs::actor(),
            tab: browser::new_id().simple().to_string(),
            timer: None,
            channel: None,
            spilled: BTreeMap::new(),
            made_segments: BTreeMap::new(),
        };
        ProjectStore {
            ws: Live::new(),
            status: RwSignal::new(SaveStatus::Loading),
            undo_rev: RwSignal::new(0),
            history: RwSignal::new(BTreeSet::new()),
            writing: RwSignal::new(None),
            inner: StoredValue::new_local(inner),
            notices,
            i18n,
        }
    }

    /// Gives the save engine an event and performs what it answers.
    fn send(&self, event: Event) {
        let effects = self.inner.try_update_value(|i| i.engine.handle(event)).unwrap_or_default();
        for effect in effects {
            self.perform(effect);
        }
    }

    fn storage(&self) -> Option<ProjectStorage> {
        self.inner.with_value(|i| i.storage.clone())
    }

    // ------------------------------------------------------------------ reading

    /// Reads the workspace (tracked: reruns after any change anywhere). For the views of all
    /// projects; a view of one project uses [`Self::read`].
    pub fn with<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        self.ws.with(f)
    }

    /// Reads one project (tracked: reruns after any change of it); `None` if it does not exist.
    /// For actions and rarely shown views; what is on screen while editing uses [`Self::read`].
    pub fn with_project<R>(&self, id: Id, f: impl FnOnce(&Project) -> R) -> Option<R> {
        self.ws.with_project(id, f)
    }

    /// Reads one project, tracking only what `reads` names (an entity, a kind, some fields of a
    /// kind, the log): reruns after a change of that and nothing else. `f` must read nothing
    /// else of the project (`mieruka_core::topic`).
    pub fn read<R>(&self, id: Id, reads: &[Read], f: impl FnOnce(&Project) -> R) -> Option<R> {
        self.ws.read(id, reads, f)
    }

    /// The ids of the projects (tracked: reruns when one is added or removed).
    pub fn project_ids(&self) -> Vec<Id> {
        self.ws.project_ids()
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        self.ws.with_untracked(f)
    }

    pub fn status(&self) -> SaveStatus {
        self.status.get()
    }

    /// How far a large write is (records written, in all), while one is under way (tracked).
    pub fn writing(&self) -> Option<(usize, usize)> {
        self.writing.get()
    }

    pub fn is_loading(&self) -> bool {
        self.status.with(|s| *s == SaveStatus::Loading)
    }

    /// Whether the project's whole change log is loaded (tracked).
    pub fn history_loaded(&self, pid: Id) -> bool {
        self.history.with(|h| h.contains(&pid))
    }

    /// Loads the stored change log of a project into memory, once. Everything that needs the
    /// whole history (export, a full rewrite, the activity list) waits for this.
    pub async fn ensure_history(&self, pid: Id) -> Result<(), StorageError> {
        if self.history_loaded_untracked(pid) {
            return Ok(());
        }
        let Some(storage) = self.storage() else {
            return Ok(()); // nothing stored: what is in memory is everything
        };
        let stored = storage.load_changes(pid).await?;
        if self.history_loaded_untracked(pid) {
            return Ok(()); // loaded meanwhile (a pull)
        }
        self.ws.log_loaded(pid, |p| {
            // Changes made since the state was loaded are already in memory; keep both.
            let mut all = stored;
            all.append(&mut p.changes);
            mieruka_core::replay::normalize(&mut all);
            p.changes = all;
        });
        self.history_complete(pid);
        Ok(())
    }

    fn history_loaded_untracked(&self, pid: Id) -> bool {
        self.history.with_untracked(|h| h.contains(&pid))
    }

    fn history_complete(&self, pid: Id) {
        self.history.update(|h| {
            h.insert(pid);
        });
    }

    pub fn is_read_only(&self) -> bool {
        self.inner.with_value(|i| i.engine.is_read_only())
    }

    /// Writes every pending change now.
    pub fn flush(&self) {
        self.send(Event::Flush);
    }
}
