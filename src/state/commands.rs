//! Changing the workspace: commands (with undo and redo), whole projects added or merged in, and
//! restores. Each tells the save engine what it changed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::merge;
use mieruka_core::undo::UndoStack;
use mieruka_core::{apply, Change, Command, DomainError, Id, Project, ProjectInfo, Stamp};
use thiserror::Error;

use super::engine::{Broadcast, Event};
use super::ProjectStore;
use crate::browser;
use crate::i18n::{I18n, K};
use crate::storage::{prefs, RestorePoint, StorageError};

/// Why the name changes are recorded under was not changed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ActorError {
    #[error("the name is empty or longer than 100 characters")]
    BadName,
    #[error(transparent)]
    NotKept(#[from] StorageError),
}

impl ActorError {
    /// Why, in the user's language.
    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            ActorError::BadName => i18n.t(K::ErrEmptyName).to_string(),
            ActorError::NotKept(e) => i18n.storage_error(e),
        }
    }
}

impl ProjectStore {
    pub fn actor(&self) -> String {
        self.inner.with_value(|i| i.actor.clone())
    }

    /// The name future changes are recorded under (kept in this browser).
    pub fn set_actor(&self, name: &str) -> Result<(), ActorError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(ActorError::BadName);
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
        let result = self.ws.edit(pid, |ws| apply(ws, cmd, &stamp));
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
        self.step_history(pid, true);
    }

    pub fn redo(&self, pid: Id) {
        self.step_history(pid, false);
    }

    /// Undoes (`back`) or redoes the project's last batch: applied as new changes, so it is saved,
    /// merged and synced like any edit. A batch that cannot be undone any more (its entity was
    /// deleted meanwhile) is dropped from the stack with a message.
    fn step_history(&self, pid: Id, back: bool) {
        if self.refuse_if_read_only() {
            return;
        }
        let peek = if back { UndoStack::peek_undo } else { UndoStack::peek_redo };
        let Some(batch) = self.inner.with_value(|i| i.undo.get(&pid).and_then(peek)) else {
            self.notices.info(self.i18n.t(if back { K::NothingToUndo } else { K::NothingToRedo }));
            return;
        };
        let stamp = self.stamp();
        let cmd = if back { Command::Revert { project: pid, batch } } else { Command::Reapply { project: pid, batch } };
        let result = self.ws.edit(pid, |ws| apply(ws, cmd, &stamp));
        match result {
            Ok(changes) => {
                self.inner.update_value(|i| {
                    let stack = i.undo.entry(pid).or_default();
                    if back {
                        stack.undone();
                    } else {
                        stack.redone(stamp.batch);
                    }
                });
                self.mark_dirty(pid, &changes);
            }
            Err(e) => {
                self.inner.update_value(|i| {
                    let stack = i.undo.entry(pid).or_default();
                    if back {
                        stack.discard_undo();
                    } else {
                        stack.discard_redo();
                    }
                });
                let what = self.i18n.t(if back { K::CannotUndo } else { K::CannotRedo });
                self.notices.error(format!("{} {}", what, self.i18n.domain_error(&e)));
            }
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
        self.ws.replace(&[id], |ws| {
            ws.projects.insert(id, p);
        });
        self.inner.update_value(|i| {
            i.undo.remove(&id);
        });
        self.send(Event::Added { pid: id, replaces });
    }

    /// Merges another copy of an existing project into ours (change logs union).
    pub fn merge_project(&self, other: &Project) {
        if self.refuse_if_read_only() {
            return;
        }
        let id = other.id;
        self.ws.replace(&[id], |ws| {
            let merged = match ws.projects.get(&id) {
                Some(ours) => merge::union(ours, other),
                None => other.clone(),
            };
            ws.projects.insert(id, merged);
        });
        self.send(Event::Merged { pid: id });
    }

    /// The restore point kept before the last import that replaced or merged into the project.
    pub async fn restore_point(&self, pid: Id) -> Result<Option<RestorePoint>, StorageError> {
        match self.storage() {
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
        let Some(storage) = self.storage() else {
            return Ok(false);
        };
        self.inner.update_value(|i| {
            i.undo.remove(&pid);
        });
        self.send(Event::Forgotten { pid });
        if !storage.restore(pid).await? {
            return Ok(false);
        }
        if let Some((p, rev)) = storage.load(pid).await? {
            self.ws.replace(&[pid], |ws| {
                ws.projects.insert(pid, p);
            });
            self.send(Event::Stored { pid, rev });
            self.history_complete(pid);
        }
        self.undo_rev.update(|n| *n += 1);
        let rev = self.inner.with_value(|i| i.engine.rev(pid));
        self.broadcast(pid, Broadcast::Rewritten { rev });
        Ok(true)
    }

    fn forget_project(&self, pid: Id) {
        self.inner.update_value(|i| {
            i.undo.remove(&pid);
        });
        self.send(Event::Forgotten { pid });
        let this = *self;
        spawn_local(async move {
            let storage = this.storage();
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

    pub(super) fn mark_dirty(&self, pid: Id, changes: &[Change]) {
        self.send(Event::Edited { pid, changes: changes.to_vec() });
    }

    /// True (and the user is told) when this tab must not change anything.
    fn refuse_if_read_only(&self) -> bool {
        let ro = self.is_read_only();
        if ro {
            self.notices.error(self.i18n.t(K::ReadOnlyRefused));
        }
        ro
    }
}
