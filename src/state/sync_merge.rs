//! What team sync asks of the workspace: a look at one project without subscribing, and the
//! changes that arrived from the shared location merged in as another tab's save would be
//! (`replay::reapply`: the changes new here join the log, each field takes its latest change),
//! then saved like this tab's own edits. A project that is not here yet (a device joining) is
//! made from what arrived and stored whole.

use mieruka_core::{Change, Id, Project};

use super::ProjectStore;
use crate::storage::{ProjectStorage, StorageError};

impl ProjectStore {
    /// The open storage, for sync's own records (None: storage is not open in this tab).
    pub fn storage_handle(&self) -> Option<ProjectStorage> {
        self.storage()
    }

    /// Reads one project without tracking (for work that is not a view).
    pub fn with_project_untracked<R>(&self, pid: Id, f: impl FnOnce(&Project) -> R) -> Option<R> {
        self.ws.with_untracked(|ws| ws.projects.get(&pid).map(f))
    }

    /// Merges changes that arrived from the shared location; how many were new here.
    pub fn absorb(&self, pid: Id, changes: Vec<Change>) -> Result<usize, StorageError> {
        if self.is_read_only() {
            return Err(StorageError::NotOpen);
        }
        if !self.ws.with_untracked(|ws| ws.projects.contains_key(&pid)) {
            let mut log = changes;
            mieruka_core::replay::normalize(&mut log);
            let n = log.len();
            self.add_project(mieruka_core::replay::replay(pid, &log));
            return Ok(n);
        }
        let joined = self.ws.edit(pid, |ws| {
            Ok::<_, std::convert::Infallible>(
                ws.projects.get_mut(&pid).map(|p| mieruka_core::replay::reapply(p, &changes)).unwrap_or_default(),
            )
        });
        let joined = joined.unwrap_or_default();
        if !joined.is_empty() {
            self.mark_dirty(pid, &joined);
        }
        Ok(joined.len())
    }
}
