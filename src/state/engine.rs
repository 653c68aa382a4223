//! The save engine: what this tab must write, when, and what it tells the other tabs, as a pure
//! state machine. Events come in (an edit was applied, a write finished, failed or met a newer
//! stored copy, storage opened, the page is being hidden, a newer app was seen); effects go out
//! (arm the timer, write these records, pull the stored copy, rewrite the journal, broadcast, show
//! this status). Nothing here touches the browser, a clock or the workspace: `state/effects.rs`
//! performs the effects and feeds their outcome back as events. The property test at the end
//! drives it with any interleaving of edits, saves, failures and other tabs' saves against a model
//! of IndexedDB, and checks that no change is lost and no write replaces a newer stored copy.
//!
//! Over 400 lines on purpose: the events and effects are declared next to the one `handle` that
//! reads them, so the whole machine is read in one file.
//!
//! One write at a time, one project per write; a project's edits leave `dirty` when its write
//! begins and come back (merged with what was edited meanwhile) if it fails.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use mieruka_core::{Change, Id};

use crate::storage::{Dirty, StorageError};

/// How long edits wait before they are written (flushed at once when the page is hidden).
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(300);
/// How long a failed save waits before it is tried again.
pub const RETRY_AFTER: Duration = Duration::from_secs(5);
/// Writes of one project that may meet a newer stored copy (and merge it) before giving up.
pub const MAX_ATTEMPTS: u8 = 4;

/// Why this tab writes nothing any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyWhy {
    /// A newer app opened the database in another tab.
    NewerTab,
    /// The database was written by a newer app before this tab opened it.
    NewerData,
}

/// What the save indicator and the banner show.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Loading,
    Saved,
    Pending,
    /// The last save failed; the edits are kept in memory (and the journal) and retried.
    Failed(StorageError),
    /// Storage cannot be used at all in this browser.
    Unavailable(StorageError),
    ReadOnly(ReadOnlyWhy),
}

/// What a broadcast tells the other tabs of a project.
#[derive(Debug, Clone, PartialEq)]
pub enum Broadcast {
    Deleted,
    /// Every record rewritten (import, merge, restore): read it whole.
    Rewritten {
        rev: u64,
    },
    Saved {
        rev: u64,
        changes: Vec<Id>,
    },
}

/// One write: the project's records touched by `dirty` (all of them if `full`), expected to find
/// the stored copy at `rev`.
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub pid: Id,
    pub dirty: Dirty,
    pub full: bool,
    /// Keep what is stored as the project's restore point first (an import replacing it).
    pub restore_point: bool,
    pub rev: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Changes were applied to a project in memory.
    Edited {
        pid: Id,
        changes: Vec<Change>,
    },
    /// A whole project was put in memory (import, sample, recovered): stored in full.
    Added {
        pid: Id,
        replaces: bool,
    },
    /// Another copy was merged into a project: stored in full, after a restore point.
    Merged {
        pid: Id,
    },
    /// The project was deleted, or is being restored: nothing of it is to be written.
    Forgotten {
        pid: Id,
    },
    /// The tab now holds the project as stored at `rev` (a pull, a restore, a read).
    Stored {
        pid: Id,
        rev: u64,
    },
    /// Storage is open; the projects were read at these revisions.
    Opened {
        revs: Vec<(Id, u64)>,
    },
    Unusable(StorageError),
    Newer(ReadOnlyWhy),
    /// Save soon (after a pull that may have merged local edits, after recovery).
    SaveSoon,
    /// The timer fired, or the page is being hidden: write what is pending now.
    Flush,
    /// The write was stored (and read back the same) at `rev`.
    Written {
        pid: Id,
        rev: u64,
    },
    /// The write was accepted at `rev` but does not read back the same.
    Lost {
        pid: Id,
        rev: u64,
        error: StorageError,
    },
    Failed {
        pid: Id,
        error: StorageError,
    },
    /// The stored copy is newer than `rev`: it must be merged in before writing.
    Conflict {
        pid: Id,
    },
    /// The stored copy was merged in after a conflict.
    Pulled {
        pid: Id,
    },
    PullFailed {
        pid: Id,
        error: StorageError,
    },
    /// The project is not in memory any more (deleted while its write was prepared).
    Vanished {
        pid: Id,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Status(Status),
    /// Arm the save timer (replacing an armed one), or clear it.
    Timer(Option<Duration>),
    /// Rewrite the journal from [`SaveEngine::journal`].
    Journal,
    Write(Write),
    /// Merge the stored copy of the project in, then send `Pulled` (or `PullFailed`).
    Pull(Id),
    Broadcast(Id, Broadcast),
}

#[derive(Debug, Clone)]
enum Phase {
    Writing(Write),
    /// The write met a newer stored copy; its edits are back in `dirty` until the pull is done.
    Pulling,
}

#[derive(Debug, Clone)]
struct InFlight {
    pid: Id,
    attempts: u8,
    phase: Phase,
}

/// What the journal must hold: every change storage may not have yet.
pub struct JournalView<'a> {
    /// Projects written whole: the journal holds their whole log.
    pub whole: BTreeSet<Id>,
    pub edits: Vec<(Id, &'a Change)>,
    pub restore_points: Vec<Id>,
}

#[derive(Debug)]
pub struct SaveEngine {
    dirty: BTreeMap<Id, Dirty>,
    full: BTreeSet<Id>,
    restore: BTreeSet<Id>,
    revs: BTreeMap<Id, u64>,
    writing: Option<InFlight>,
    open: bool,
    status: Status,
}

impl Default for SaveEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl SaveEngine {
    pub fn new() -> Self {
        SaveEngine {
            dirty: BTreeMap::new(),
            full: BTreeSet::new(),
            restore: BTreeSet::new(),
            revs: BTreeMap::new(),
            writing: None,
            open: false,
            status: Status::Loading,
        }
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.status, Status::ReadOnly(_))
    }

    /// The revision of the stored copy this tab holds (0: none).
    pub fn rev(&self, pid: Id) -> u64 {
        self.revs.get(&pid).copied().unwrap_or(0)
    }

    /// Whether storage may lack something of the project this tab holds: edits waiting or being
    /// written, or a whole rewrite pending.
    pub fn unstored(&self, pid: Id) -> bool {
        self.full.contains(&pid)
            || self.dirty.get(&pid).is_some_and(|d| !d.is_empty())
            || self.writing.as_ref().is_some_and(|w| w.pid == pid)
    }

    /// Anything waiting to be written (not counting a write under way).
    pub fn pending(&self) -> bool {
        !self.full.is_empty() || self.dirty.values().any(|d| !d.is_empty())
    }

    /// Edits exist that storage refused or cannot take: closing the tab would lose them.
    pub fn at_risk(&self) -> bool {
        match self.status {
            Status::Failed(_) => true,
            Status::Unavailable(_) => self.pending() || self.writing.is_some(),
            _ => false,
        }
    }

    /// Everything storage may not hold yet, including the write under way.
    pub fn journal(&self) -> JournalView<'_> {
        let mut whole = self.full.clone();
        let mut restore_points: BTreeSet<Id> = self.restore.clone();
        let mut edits: Vec<(Id, &Change)> = Vec::new();
        if let Some(InFlight { phase: Phase::Writing(w), .. }) = &self.writing {
            if w.full {
                whole.insert(w.pid);
            } else {
                edits.extend(w.dirty.changes.iter().map(|c| (w.pid, c)));
            }
            if w.restore_point {
                restore_points.insert(w.pid);
            }
        }
        for (pid, d) in self.dirty.iter().filter(|(pid, _)| !whole.contains(*pid)) {
            edits.extend(d.changes.iter().map(|c| (*pid, c)));
        }
        JournalView { whole, edits, restore_points: restore_points.into_iter().collect() }
    }

    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        let mut out = Vec::new();
        match event {
            Event::Edited { pid, changes } => {
                if changes.is_empty() || self.is_read_only() {
                    return out;
                }
                self.dirty.entry(pid).or_default().add(&changes);
                out.push(Effect::Journal);
                self.schedule(SAVE_DEBOUNCE, &mut out);
            }
            Event::Added { pid, replaces } => {
                if replaces {
                    self.restore.insert(pid);
                }
                self.full.insert(pid);
                out.push(Effect::Journal);
                self.schedule(Duration::ZERO, &mut out);
            }
            Event::Merged { pid } => {
                self.restore.insert(pid);
                self.full.insert(pid);
                out.push(Effect::Journal);
                self.schedule(Duration::ZERO, &mut out);
            }
            Event::Forgotten { pid } => {
                self.dirty.remove(&pid);
                self.full.remove(&pid);
                self.restore.remove(&pid);
                self.revs.remove(&pid);
                out.push(Effect::Journal);
            }
            Event::Stored { pid, rev } => {
                self.revs.insert(pid, rev);
            }
            Event::Opened { revs } => {
                self.revs.extend(revs);
                if self.status == Status::Loading {
                    self.open = true;
                    self.set_status(Status::Saved, &mut out);
                }
            }
            Event::Unusable(e) => {
                self.open = false;
                self.set_status(Status::Unavailable(e), &mut out);
            }
            Event::Newer(why) => {
                self.open = false;
                out.push(Effect::Timer(None));
                self.set_status(Status::ReadOnly(why), &mut out);
            }
            Event::SaveSoon => self.schedule(Duration::ZERO, &mut out),
            Event::Flush => {
                out.push(Effect::Timer(None));
                if self.writing.is_none() {
                    self.start_next(&mut out);
                }
            }
            Event::Written { pid, rev } => {
                let Some(w) = self.take_write(pid) else {
                    return out;
                };
                self.revs.insert(pid, rev);
                out.push(Effect::Journal);
                let how = if w.full {
                    Broadcast::Rewritten { rev }
                } else {
                    Broadcast::Saved { rev, changes: w.dirty.changes.iter().map(|c| c.id).collect() }
                };
                out.push(Effect::Broadcast(pid, how));
                self.writing = None;
                self.start_next(&mut out);
            }
            Event::Lost { pid, rev, error } => {
                let Some(w) = self.take_write(pid) else {
                    return out;
                };
                self.revs.insert(pid, rev);
                self.put_back(Write { full: true, ..w });
                self.fail(error, &mut out);
            }
            Event::Failed { pid, error } => {
                let Some(w) = self.take_write(pid) else {
                    return out;
                };
                self.put_back(w);
                self.fail(error, &mut out);
            }
            Event::Conflict { pid } => {
                let Some(w) = self.take_write(pid) else {
                    return out;
                };
                self.put_back(Write { full: true, ..w });
                let attempts = self.writing.as_ref().map_or(MAX_ATTEMPTS, |f| f.attempts);
                if attempts >= MAX_ATTEMPTS {
                    self.fail(StorageError::KeepsChanging, &mut out);
                } else {
                    self.writing = Some(InFlight { pid, attempts, phase: Phase::Pulling });
                    out.push(Effect::Pull(pid));
                }
            }
            Event::Pulled { pid } => {
                let Some(InFlight { pid: p, attempts, phase: Phase::Pulling }) = self.writing.clone() else {
                    return out;
                };
                if p != pid {
                    return out;
                }
                self.writing = None;
                if self.open && self.is_pending(pid) {
                    self.begin(pid, attempts + 1, &mut out);
                } else {
                    self.start_next(&mut out);
                }
            }
            Event::PullFailed { pid, error } => {
                if self.writing.as_ref().is_some_and(|w| w.pid == pid) {
                    self.fail(error, &mut out);
                }
            }
            Event::Vanished { pid } => {
                if self.take_write(pid).is_some() {
                    self.writing = None;
                    self.start_next(&mut out);
                }
            }
        }
        out
    }

    /// Read-only is final: the tab writes nothing until it is reloaded.
    fn set_status(&mut self, s: Status, out: &mut Vec<Effect>) {
        if self.status != s && !self.is_read_only() {
            self.status = s.clone();
            out.push(Effect::Status(s));
        }
    }

    fn schedule(&mut self, delay: Duration, out: &mut Vec<Effect>) {
        if !self.pending() || self.is_read_only() {
            return;
        }
        if matches!(self.status, Status::Saved | Status::Pending) {
            self.set_status(Status::Pending, out);
        }
        out.push(Effect::Timer(Some(delay)));
    }

    fn is_pending(&self, pid: Id) -> bool {
        self.full.contains(&pid) || self.dirty.get(&pid).is_some_and(|d| !d.is_empty())
    }

    /// Starts the write of the first project with something pending; says "saved" if none has.
    fn start_next(&mut self, out: &mut Vec<Effect>) {
        if !self.open {
            return; // loading (saved once open), unusable or read-only: kept in memory
        }
        let next = self
            .full
            .iter()
            .next()
            .copied()
            .or_else(|| self.dirty.iter().find(|(_, d)| !d.is_empty()).map(|(p, _)| *p));
        match next {
            Some(pid) => self.begin(pid, 1, out),
            None => {
                if matches!(self.status, Status::Pending | Status::Failed(_)) {
                    self.set_status(Status::Saved, out);
                }
            }
        }
    }

    fn begin(&mut self, pid: Id, attempts: u8, out: &mut Vec<Effect>) {
        let w = Write {
            pid,
            dirty: self.dirty.remove(&pid).unwrap_or_default(),
            full: self.full.remove(&pid),
            restore_point: self.restore.remove(&pid),
            rev: self.rev(pid),
        };
        self.writing = Some(InFlight { pid, attempts, phase: Phase::Writing(w.clone()) });
        out.push(Effect::Write(w));
    }

    /// The write under way of `pid`, if that is what the event is about; leaves `writing` set
    /// (the caller decides what follows).
    fn take_write(&mut self, pid: Id) -> Option<Write> {
        match &mut self.writing {
            Some(InFlight { pid: p, phase, .. }) if *p == pid => match std::mem::replace(phase, Phase::Pulling) {
                Phase::Writing(w) => Some(w),
                Phase::Pulling => None,
            },
            _ => None,
        }
    }

    /// Puts a write's edits back in front of what was edited meanwhile.
    fn put_back(&mut self, w: Write) {
        let mut d = w.dirty;
        if let Some(newer) = self.dirty.remove(&w.pid) {
            d.merge(newer);
        }
        if !d.is_empty() {
            self.dirty.insert(w.pid, d);
        }
        if w.full {
            self.full.insert(w.pid);
        }
        if w.restore_point {
            self.restore.insert(w.pid);
        }
    }

    fn fail(&mut self, error: StorageError, out: &mut Vec<Effect>) {
        self.writing = None;
        self.set_status(Status::Failed(error), out);
        self.schedule(RETRY_AFTER, out);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "engine_test.rs"]
mod tests;
