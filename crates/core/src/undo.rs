//! Undo and redo from the change log. The app keeps, per project, the stacks of batch ids this
//! session made; undoing applies `Command::Revert` (a new batch that restores the old values), so
//! the log stays append-only and teammates' copies merge the undo like any other edit.

use crate::id::Id;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoStack {
    undo: Vec<Id>,
    redo: Vec<Id>,
}

impl UndoStack {
    /// A new edit: it can be undone, and it clears what could be redone.
    pub fn record(&mut self, batch: Id) {
        self.undo.push(batch);
        self.redo.clear();
    }

    /// The batch to revert next.
    pub fn peek_undo(&self) -> Option<Id> {
        self.undo.last().copied()
    }

    pub fn peek_redo(&self) -> Option<Id> {
        self.redo.last().copied()
    }

    /// Call after `Revert { batch: original }` succeeded.
    pub fn undone(&mut self) {
        if let Some(b) = self.undo.pop() {
            self.redo.push(b);
        }
    }

    /// Call after `Reapply { batch: original }` succeeded with the new batch id.
    pub fn redone(&mut self, new_batch: Id) {
        if self.redo.pop().is_some() {
            self.undo.push(new_batch);
        }
    }

    /// Drop an entry that can no longer be applied (e.g. a teammate deleted the task).
    pub fn discard_undo(&mut self) {
        self.undo.pop();
    }

    pub fn discard_redo(&mut self) {
        self.redo.pop();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
