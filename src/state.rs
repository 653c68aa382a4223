//! `ProjectStore`: the workspace in memory, the only way the UI changes it (`dispatch`), and its
//! persistence (debounced saves of what changed, merges with other tabs; the tabs' messages and
//! reads are in `state/tabs.rs`).
//!
//! Over 600 lines on purpose, for now: dispatch, undo, save scheduling, the journal, lifecycle and
//! read-only mode share `Inner` and its invariants (what is dirty, being written, at which rev).
//! Issue 8 replaces them with a pure save engine (events in, effects out) and splits the rest by
//! responsibility; cutting them apart before that would only move the shared state around.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::merge;
use mieruka_core::undo::UndoStack;
use mieruka_core::{apply, Change, Command, DomainError, Id, Project, ProjectInfo, Stamp, Workspace};

use crate::browser;
use crate::i18n::{I18n, K};
use crate::notice::Notices;
use crate::storage::{journal, prefs, Dirty, ProjectStorage, RestorePoint, SaveBatch, SaveOutcome, StorageError};

mod tabs;
use tabs::Broadcast;

/// How long edits wait before they are written (flushed at once when the page is hidden).
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(300);
const RETRY_AFTER: Duration = Duration::from_secs(5);

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
    dirty: BTreeMap<Id, Dirty>,
    full: BTreeSet<Id>,
    /// Projects whose next (full) save first keeps what is stored as their restore point.
    restore: BTreeSet<Id>,
    revs: BTreeMap<Id, u64>,
    /// Projects being written: their changes have left `dirty` but may not be stored yet, so a
    /// pull meanwhile must merge into them, not replace them.
    in_flight: BTreeSet<Id>,
    undo: BTreeMap<Id, UndoStack>,
    actor: String,
    tab: String,
    timer: Option<TimeoutHandle>,
    /// A save is running; a flush asked for meanwhile is covered by its end (it saves what is
    /// still pending).
    saving: bool,
    channel: Option<web_sys::BroadcastChannel>,
}

/// The workspace and what can be done to it. Provided as context; see [`expect_store`].
#[derive(Clone, Copy)]
pub struct ProjectStore {
    ws: RwSignal<Workspace>,
    status: RwSignal<SaveStatus>,
    /// Bumped when undo/redo availability may have changed.
    undo_rev: RwSignal<u64>,
    /// Projects whose whole change log is in memory (storage loads it after the state).
    history: RwSignal<BTreeSet<Id>>,
    inner: StoredValue<Inner, LocalStorage>,
    notices: Notices,
    i18n: I18n,
}

pub fn expect_store() -> ProjectStore {
    expect_context::<ProjectStore>()
}

impl Inner {
    /// Edits of `pid` that storage may not hold yet: waiting to be saved, or being written.
    fn unstored_edits(&self, pid: Id) -> bool {
        self.in_flight.contains(&pid) || self.dirty.get(&pid).is_some_and(|d| !d.is_empty())
    }
}

impl ProjectStore {
    pub fn new(notices: Notices, i18n: I18n) -> Self {
        let inner = Inner {
            storage: None,
            dirty: BTreeMap::new(),
            full: BTreeSet::new(),
            restore: BTreeSet::new(),
            revs: BTreeMap::new(),
            in_flight: BTreeSet::new(),
            undo: BTreeMap::new(),
            actor: prefs::actor(),
            tab: browser::new_id().simple().to_string(),
            timer: None,
            saving: false,
            channel: None,
        };
        ProjectStore {
            ws: RwSignal::new(Workspace::default()),
            status: RwSignal::new(SaveStatus::Loading),
            undo_rev: RwSignal::new(0),
            history: RwSignal::new(BTreeSet::new()),
            inner: StoredValue::new_local(inner),
            notices,
            i18n,
        }
    }

    // ------------------------------------------------------------------ reading

    /// Reads the workspace (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        self.ws.with(f)
    }

    /// Reads one project (tracked); `None` if it does not exist.
    pub fn with_project<R>(&self, id: Id, f: impl FnOnce(&Project) -> R) -> Option<R> {
        self.ws.with(|ws| ws.projects.get(&id).map(f))
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        self.ws.with_untracked(f)
    }

    pub fn status(&self) -> SaveStatus {
        self.status.get()
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
        let Some(storage) = self.inner.with_value(|i| i.storage.clone()) else {
            return Ok(()); // nothing stored: what is in memory is everything
        };
        let stored = storage.load_changes(pid).await?;
        if self.history_loaded_untracked(pid) {
            return Ok(()); // loaded meanwhile (a pull)
        }
        self.ws.update(|ws| {
            if let Some(p) = ws.projects.get_mut(&pid) {
                // Changes made since the state was loaded are already in memory; keep both.
                let mut all = stored;
                all.append(&mut p.changes);
                mieruka_core::replay::normalize(&mut all);
                p.changes = all;
            }
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

    pub fn actor(&self) -> String {
        self.inner.with_value(|i| i.actor.clone())
    }

    /// The name future changes are recorded under (kept in this browser).
    pub fn set_actor(&self, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(self.i18n.t(K::ErrEmptyName).to_string());
        }
        prefs::set_actor(name)?;
        self.inner.update_value(|i| i.actor = name.to_string());
        Ok(())
    }

    fn stamp(&self) -> Stamp {
        Stamp::new(browser::now(), self.actor(), browser::new_id())
    }

    // ------------------------------------------------------------------ changing

    /// Applies a command; on success it is recorded for undo and saved. A refused command changes
    /// nothing and is reported to the user.
    pub fn dispatch(&self, cmd: Command) -> Result<Vec<Change>, DomainError> {
        if self.refuse_if_read_only() {
            return Ok(Vec::new());
        }
        let stamp = self.stamp();
        let pid = cmd.project();
        let delete = matches!(cmd, Command::DeleteProject { .. });
        // Creating a project is not undone from inside it (delete it from the list instead).
        let undoable = !matches!(cmd, Command::CreateProject { .. });
        let result = self.ws.try_update(|ws| apply(ws, cmd, &stamp)).unwrap_or(Err(DomainError::NoProject(pid)));
        match &result {
            Ok(changes) => {
                if delete {
                    self.forget_project(pid);
                } else if !changes.is_empty() {
                    if undoable {
                        self.inner.update_value(|i| i.undo.entry(pid).or_default().record(stamp.batch));
                        self.undo_rev.update(|n| *n += 1);
                    }
                    self.mark_dirty(pid, changes);
                }
            }
            Err(e) => self.notices.error(self.i18n.domain_error(e)),
        }
        result
    }

    /// Like `dispatch`, but silent on success and returns whether it worked.
    pub fn run(&self, cmd: Command) -> bool {
        self.dispatch(cmd).is_ok()
    }

    pub fn create_project(&self, info: ProjectInfo) -> Option<Id> {
        if self.refuse_if_read_only() {
            return None;
        }
        let id = browser::new_id();
        let created = self.run(Command::CreateProject { id, info });
        if created {
            // A new project's whole history is in memory.
            self.history_complete(id);
        }
        created.then_some(id)
    }

    pub fn can_undo(&self, pid: Id) -> bool {
        self.undo_rev.track();
        self.inner.with_value(|i| i.undo.get(&pid).is_some_and(UndoStack::can_undo))
    }

    pub fn can_redo(&self, pid: Id) -> bool {
        self.undo_rev.track();
        self.inner.with_value(|i| i.undo.get(&pid).is_some_and(UndoStack::can_redo))
    }

    pub fn undo(&self, pid: Id) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(batch) = self.inner.with_value(|i| i.undo.get(&pid).and_then(UndoStack::peek_undo)) else {
            self.notices.info(self.i18n.t(K::NothingToUndo));
            return;
        };
        let stamp = self.stamp();
        let result = self.ws.try_update(|ws| apply(ws, Command::Revert { project: pid, batch }, &stamp));
        match result {
            Some(Ok(changes)) => {
                self.inner.update_value(|i| i.undo.entry(pid).or_default().undone());
                self.mark_dirty(pid, &changes);
            }
            Some(Err(e)) => {
                self.inner.update_value(|i| i.undo.entry(pid).or_default().discard_undo());
                self.notices.error(format!("{} {}", self.i18n.t(K::CannotUndo), self.i18n.domain_error(&e)));
            }
            None => {}
        }
        self.undo_rev.update(|n| *n += 1);
    }

    pub fn redo(&self, pid: Id) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(batch) = self.inner.with_value(|i| i.undo.get(&pid).and_then(UndoStack::peek_redo)) else {
            self.notices.info(self.i18n.t(K::NothingToRedo));
            return;
        };
        let stamp = self.stamp();
        let result = self.ws.try_update(|ws| apply(ws, Command::Reapply { project: pid, batch }, &stamp));
        match result {
            Some(Ok(changes)) => {
                self.inner.update_value(|i| i.undo.entry(pid).or_default().redone(stamp.batch));
                self.mark_dirty(pid, &changes);
            }
            Some(Err(e)) => {
                self.inner.update_value(|i| i.undo.entry(pid).or_default().discard_redo());
                self.notices.error(format!("{} {}", self.i18n.t(K::CannotRedo), self.i18n.domain_error(&e)));
            }
            None => {}
        }
        self.undo_rev.update(|n| *n += 1);
    }

    /// Adds whole projects (sample, import): stored in full.
    pub fn add_project(&self, p: Project) {
        if self.refuse_if_read_only() {
            return;
        }
        let id = p.id;
        self.history_complete(id);
        let replaces = self.ws.with_untracked(|ws| ws.projects.contains_key(&id));
        self.ws.update(|ws| {
            ws.projects.insert(id, p);
        });
        self.inner.update_value(|i| {
            if replaces {
                i.restore.insert(id);
            }
            i.full.insert(id);
            i.undo.remove(&id);
        });
        self.write_journal();
        self.schedule_save(Duration::ZERO);
    }

    /// Merges another copy of an existing project into ours (change logs union).
    pub fn merge_project(&self, other: &Project) {
        if self.refuse_if_read_only() {
            return;
        }
        let id = other.id;
        self.ws.update(|ws| {
            let merged = match ws.projects.get(&id) {
                Some(ours) => merge::union(ours, other),
                None => other.clone(),
            };
            ws.projects.insert(id, merged);
        });
        self.inner.update_value(|i| {
            i.restore.insert(id);
            i.full.insert(id);
        });
        self.write_journal();
        self.schedule_save(Duration::ZERO);
    }

    /// The restore point kept before the last import that replaced or merged into the project.
    pub async fn restore_point(&self, pid: Id) -> Result<Option<RestorePoint>, StorageError> {
        match self.inner.with_value(|i| i.storage.clone()) {
            Some(storage) => storage.restore_point(pid).await,
            None => Ok(None),
        }
    }

    /// Goes back to the project's restore point: its stored records become exactly what they
    /// were, and this tab (and the others) reload it. Unsaved edits of the project are dropped.
    pub async fn restore(&self, pid: Id) -> Result<bool, StorageError> {
        if self.refuse_if_read_only() {
            return Ok(false);
        }
        let Some(storage) = self.inner.with_value(|i| i.storage.clone()) else { return Ok(false) };
        self.inner.update_value(|i| {
            i.dirty.remove(&pid);
            i.full.remove(&pid);
            i.restore.remove(&pid);
            i.undo.remove(&pid);
        });
        self.write_journal();
        if !storage.restore(pid).await? {
            return Ok(false);
        }
        if let Some((p, rev)) = storage.load(pid).await? {
            self.ws.update(|ws| {
                ws.projects.insert(pid, p);
            });
            self.inner.update_value(|i| {
                i.revs.insert(pid, rev);
            });
            self.history_complete(pid);
        }
        self.undo_rev.update(|n| *n += 1);
        self.broadcast(pid, Broadcast::Rewritten);
        Ok(true)
    }

    /// Writes this tab's journal: every change not stored yet (synchronously, so a closed tab
    /// still leaves it behind). A project waiting for a full write (an import, a merge) goes in
    /// with its whole log: the next start rebuilds it, or unions it with what is stored.
    fn write_journal(&self) {
        self.inner.with_value(|i| {
            self.ws.with_untracked(|ws| {
                let whole = i.full.iter().filter_map(|pid| ws.projects.get(pid)).flat_map(|p| p.changes.iter().map(move |c| (p.id, c)));
                let edits = i.dirty.iter().filter(|(pid, _)| !i.full.contains(pid)).flat_map(|(pid, d)| d.changes.iter().map(move |c| (*pid, c)));
                let entries: Vec<(Id, &Change)> = whole.chain(edits).collect();
                let restore_points: Vec<Id> = i.restore.iter().copied().collect();
                journal::write(&i.tab, &entries, &restore_points);
            });
        });
    }

    /// Re-applies the journals left by tabs closed before their last save (and this tab's own
    /// from a reload), then saves what they add.
    async fn recover_journals(&self) {
        let journals = journal::read_all();
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
        self.inner.update_value(|i| {
            for pid in journals.iter().flat_map(|j| j.restore_points.iter()).filter(|p| stored_before.contains(p)) {
                i.restore.insert(*pid);
                i.full.insert(*pid);
            }
        });
        let mut recovered = 0;
        for (pid, changes) in by_project {
            if !self.ws.with_untracked(|ws| ws.projects.contains_key(&pid)) {
                // Created in a tab closed before its first save: the journal holds its whole life.
                let created = changes.iter().any(|c| c.entity.kind == mieruka_core::EntityKind::Project && c.is_create());
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
                .try_update(|ws| ws.projects.get_mut(&pid).map(|p| mieruka_core::replay::reapply(p, &changes)))
                .flatten()
                .unwrap_or_default();
            if !joined.is_empty() {
                recovered += joined.len();
                self.mark_dirty(pid, &joined);
            }
        }
        let own = self.inner.with_value(|i| format!("mieruka.journal.{}", i.tab));
        for j in journals.iter().filter(|j| j.key != own) {
            journal::remove(&j.key);
        }
        if recovered > 0 {
            leptos::logging::log!("{recovered} unsaved edits recovered from the journal");
            self.flush();
        }
    }

    fn forget_project(&self, pid: Id) {
        self.inner.update_value(|i| {
            i.dirty.remove(&pid);
            i.full.remove(&pid);
            i.undo.remove(&pid);
            i.revs.remove(&pid);
        });
        self.write_journal();
        let this = *self;
        spawn_local(async move {
            let storage = this.inner.with_value(|i| i.storage.clone());
            if let Some(storage) = storage {
                match storage.delete_project(pid).await {
                    Ok(()) => this.broadcast(pid, Broadcast::Deleted),
                    Err(e) => {
                        // Nothing was deleted: say so, and show the project again as stored.
                        this.notices.error(format!("{} {}", this.i18n.t(K::DeleteFailed), this.i18n.storage_error(&e)));
                        if let Err(e) = this.pull(&storage, pid).await {
                            this.notices.error(this.i18n.storage_error(&e));
                        }
                    }
                }
            }
        });
    }

    fn mark_dirty(&self, pid: Id, changes: &[Change]) {
        self.inner.update_value(|i| i.dirty.entry(pid).or_default().add(changes));
        self.write_journal();
        self.schedule_save(SAVE_DEBOUNCE);
    }

    // ------------------------------------------------------------------ persistence

    /// Opens storage and loads every project. Call once at start.
    pub fn start(&self) {
        let this = *self;
        this.install_flush_on_hide();
        spawn_local(async move {
            match ProjectStorage::open().await {
                Ok(storage) => {
                    storage.on_newer_version(move || this.go_read_only(this.i18n.t(K::ReadOnlyTab).to_string()));
                    match storage.load_all(false).await {
                        Ok((projects, errors)) => {
                            this.inner.update_value(|i| {
                                for (p, rev) in &projects {
                                    i.revs.insert(p.id, *rev);
                                }
                                i.storage = Some(storage);
                            });
                            this.ws.update(|ws| {
                                for (p, _) in projects {
                                    ws.projects.insert(p.id, p);
                                }
                            });
                            for e in errors {
                                this.notices.error(this.i18n.storage_error(&e));
                            }
                            this.status.set(SaveStatus::Saved);
                            browser::perf_mark("mieruka:loaded");
                            this.open_channel();
                            // Edits of tabs closed before their save completed come back first.
                            this.recover_journals().await;
                            // Anything added before storage was ready is saved now.
                            this.schedule_save(Duration::ZERO);
                            // Then the change logs, in the background.
                            let ids: Vec<Id> = this.ws.with_untracked(|ws| ws.projects.keys().copied().collect());
                            for pid in ids {
                                if let Err(e) = this.ensure_history(pid).await {
                                    this.notices.error(this.i18n.storage_error(&e));
                                }
                            }
                            browser::perf_mark("mieruka:history-loaded");
                        }
                        Err(e) => this.status.set(SaveStatus::Unavailable(this.i18n.storage_error(&e))),
                    }
                }
                Err(StorageError::Newer) => this.go_read_only(this.i18n.storage_error(&StorageError::Newer)),
                Err(e) => this.status.set(SaveStatus::Unavailable(this.i18n.storage_error(&e))),
            }
        });
    }

    /// From now on nothing is written, and edits are refused with a message.
    fn go_read_only(&self, msg: String) {
        self.inner.update_value(|i| {
            if let Some(t) = i.timer.take() {
                t.clear();
            }
            i.storage = None;
        });
        self.status.set(SaveStatus::ReadOnly(msg));
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.status.get_untracked(), SaveStatus::ReadOnly(_))
    }

    /// True (and the user is told) when this tab must not change anything.
    fn refuse_if_read_only(&self) -> bool {
        let ro = self.is_read_only();
        if ro {
            self.notices.error(self.i18n.t(K::ReadOnlyRefused));
        }
        ro
    }

    fn schedule_save(&self, delay: Duration) {
        let this = *self;
        if self.inner.with_value(|i| i.dirty.values().all(Dirty::is_empty) && i.full.is_empty()) {
            return;
        }
        if self.is_read_only() {
            return;
        }
        if !matches!(self.status.get_untracked(), SaveStatus::Failed(_) | SaveStatus::Unavailable(_) | SaveStatus::Loading) {
            self.status.set(SaveStatus::Pending);
        }
        self.inner.update_value(|i| {
            if let Some(t) = i.timer.take() {
                t.clear();
            }
        });
        match set_timeout_with_handle(move || this.flush(), delay) {
            Ok(h) => self.inner.update_value(|i| i.timer = Some(h)),
            Err(_) => this.flush(),
        }
    }

    /// Writes every pending change now.
    pub fn flush(&self) {
        let this = *self;
        let busy = self.inner.try_update_value(|i| {
            if let Some(t) = i.timer.take() {
                t.clear();
            }
            if i.saving {
                true
            } else {
                i.saving = true;
                false
            }
        });
        if busy != Some(false) {
            return;
        }
        spawn_local(async move {
            let result = this.save_all().await;
            this.inner.update_value(|i| i.saving = false);
            match result {
                Ok(()) => {
                    // A flush asked for during this save may have found its edits saved by a retry
                    // of this one: what decides is whether anything is still pending. (Scheduling
                    // a save with nothing pending would leave "Saving…" forever.)
                    let (pending, stored) = this.inner.with_value(|i| (!i.full.is_empty() || i.dirty.values().any(|d| !d.is_empty()), i.storage.is_some()));
                    if pending && stored {
                        this.schedule_save(Duration::ZERO);
                    } else if pending {
                        // No storage (still loading: saved once it is open; or unusable: the
                        // banner says so). Not rescheduled, or this would spin.
                    } else {
                        this.status.set(SaveStatus::Saved);
                    }
                }
                Err(e) => {
                    this.status.set(SaveStatus::Failed(this.i18n.storage_error(&e)));
                    this.schedule_save(RETRY_AFTER);
                }
            }
        });
    }

    async fn save_all(&self) -> Result<(), StorageError> {
        let Some(storage) = self.inner.with_value(|i| i.storage.clone()) else {
            return Ok(()); // still loading (or unavailable): kept in memory
        };
        let ids: Vec<Id> = self.inner.with_value(|i| {
            let mut v: BTreeSet<Id> = i.full.iter().copied().collect();
            v.extend(i.dirty.iter().filter(|(_, d)| !d.is_empty()).map(|(k, _)| *k));
            v.into_iter().collect()
        });
        for pid in ids {
            self.inner.update_value(|i| {
                i.in_flight.insert(pid);
            });
            let saved = self.save_one(&storage, pid).await;
            self.inner.update_value(|i| {
                i.in_flight.remove(&pid);
            });
            saved?;
        }
        Ok(())
    }

    async fn save_one(&self, storage: &ProjectStorage, pid: Id) -> Result<(), StorageError> {
        // A full rewrite replaces the stored log: it must hold the whole log first.
        if self.inner.with_value(|i| i.full.contains(&pid)) {
            self.ensure_history(pid).await?;
        }
        for _attempt in 0..4 {
            let (dirty, full, rev, restore_point) = self
                .inner
                .try_update_value(|i| {
                    (
                        i.dirty.remove(&pid).unwrap_or_default(),
                        i.full.remove(&pid),
                        i.revs.get(&pid).copied().unwrap_or(0),
                        i.restore.remove(&pid),
                    )
                })
                .unwrap_or_default();
            browser::perf_mark("mieruka:save-prepare-start");
            let Some(mut batch) = self.ws.with_untracked(|ws| ws.projects.get(&pid).map(|p| SaveBatch::prepare(p, &dirty, full)))
            else {
                return Ok(()); // deleted meanwhile
            };
            batch.restore_point = restore_point;
            browser::perf_measure("mieruka:save-prepare", "mieruka:save-prepare-start");
            let put_back = |this: &ProjectStore, dirty: Dirty, full: bool| {
                this.inner.update_value(|i| {
                    if restore_point {
                        i.restore.insert(pid);
                    }
                    let mut d = dirty;
                    if let Some(newer) = i.dirty.remove(&pid) {
                        d.merge(newer);
                    }
                    i.dirty.insert(pid, d);
                    if full {
                        i.full.insert(pid);
                    }
                });
            };
            match storage.write(&batch, rev).await {
                Ok(SaveOutcome::Saved { rev }) => {
                    self.inner.update_value(|i| {
                        i.revs.insert(pid, rev);
                    });
                    // A store that accepts writes and loses them is caught here: the edits stay
                    // in memory and in the journal, and the banner says so.
                    if let Err(e) = storage.verify(&batch, rev).await {
                        put_back(self, dirty, true);
                        return Err(e);
                    }
                    self.write_journal();
                    self.broadcast(
                        pid,
                        if full { Broadcast::Rewritten } else { Broadcast::Saved { rev, changes: dirty.changes.iter().map(|c| c.id).collect() } },
                    );
                    return Ok(());
                }
                Ok(SaveOutcome::Conflict { .. }) => {
                    // Another tab saved this project: merge its copy into ours, then write it all.
                    put_back(self, dirty, true);
                    self.pull(storage, pid).await?;
                }
                Err(e) => {
                    put_back(self, dirty, full);
                    return Err(e);
                }
            }
        }
        Err(StorageError::Write("the project keeps changing in another tab".into()))
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
            if this.has_unsaved_edits_at_risk() {
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

    /// True when edits exist that storage refused or cannot take.
    fn has_unsaved_edits_at_risk(&self) -> bool {
        match self.status.get_untracked() {
            SaveStatus::Failed(_) => true,
            SaveStatus::Unavailable(_) => self.inner.with_value(|i| !i.full.is_empty() || i.dirty.values().any(|d| !d.is_empty())),
            _ => false,
        }
    }
}
