//! What one device knows of a project's shared location: which segments of each device folder it
//! has read (its own included), and which changes the location holds. From that it plans what to
//! fetch and what to send; it never decides by time or by file dates.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::change::Change;
use crate::id::Id;
use crate::merge::union;
use crate::model::Project;
use crate::sync::file::{self, Snapshot};
use crate::sync::layout::{Device, Entry};
pub use crate::sync::mark::Mark;

/// What to read next.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// A device that has read nothing starts from the newest snapshot, if there is one.
    pub snapshot: Option<Entry>,
    /// Segments not read yet, per device in order.
    pub segments: Vec<Entry>,
}

/// This device's next segment: its place, its text and the changes in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub entry: Entry,
    pub text: String,
    pub ids: Vec<Id>,
}

/// One device's knowledge of one project's location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    pub project: Id,
    pub device: Device,
    /// Per device folder, the segments whose changes are here.
    #[serde(default)]
    pub read: BTreeMap<Device, Mark>,
    /// The changes the location holds, as far as this device knows.
    #[serde(default)]
    pub on_location: BTreeSet<Id>,
    /// The highest number of this device's folder known to be taken (by a write whose answer was
    /// lost, or by another install under the same device name); the next segment comes after it.
    #[serde(default)]
    pub taken: u64,
}

impl Replica {
    pub fn new(project: Id, device: Device) -> Replica {
        Replica { project, device, read: BTreeMap::new(), on_location: BTreeSet::new(), taken: 0 }
    }

    pub fn is_fresh(&self) -> bool {
        self.read.is_empty() && self.on_location.is_empty()
    }

    /// What to read of a listing of the location (paths of other projects are left alone).
    pub fn plan(&self, listing: &[Entry]) -> Plan {
        let ours = listing.iter().filter(|e| e.project() == self.project);
        let snapshot = if self.is_fresh() {
            ours.clone()
                .filter(|e| matches!(e, Entry::Snapshot { .. }))
                .max_by_key(|e| match e {
                    Entry::Snapshot { n, device, .. } => (*n, device.clone()),
                    Entry::Segment { .. } => (0, e.device().clone()),
                })
                .cloned()
        } else {
            None
        };
        let mut segments: Vec<Entry> = ours
            .filter(|e| match e {
                Entry::Segment { device, seq, .. } => !self.read.get(device).is_some_and(|m| m.has(*seq)),
                Entry::Snapshot { .. } => false,
            })
            .cloned()
            .collect();
        segments.sort();
        segments.dedup();
        Plan { snapshot, segments }
    }

    /// Merges a segment's changes into `p` and remembers the segment as read.
    pub fn absorb_segment(&mut self, p: &Project, entry: &Entry, changes: Vec<Change>) -> Project {
        self.took_segment(entry, changes.iter().map(|c| c.id));
        merged(p, changes)
    }

    /// Merges a snapshot into `p` and takes its marks as read.
    pub fn absorb_snapshot(&mut self, p: &Project, snapshot: Snapshot) -> Project {
        self.took_snapshot(&snapshot.covers, snapshot.changes.iter().map(|c| c.id));
        merged(p, snapshot.changes)
    }

    /// Remembers a segment as read, with the ids of its changes, for a caller that merges them
    /// itself (the browser reapplies them to the project it holds instead of copying it).
    pub fn took_segment(&mut self, entry: &Entry, ids: impl Iterator<Item = Id>) {
        if let Entry::Segment { device, seq, .. } = entry {
            self.read.entry(device.clone()).or_default().add(*seq);
        }
        self.on_location.extend(ids);
    }

    /// Remembers a snapshot's marks as read, with the ids of its changes (as [`Self::took_segment`]).
    pub fn took_snapshot(&mut self, covers: &BTreeMap<Device, Mark>, ids: impl Iterator<Item = Id>) {
        for (device, mark) in covers {
            self.read.entry(device.clone()).or_default().join(mark);
        }
        self.on_location.extend(ids);
    }

    /// Whether a snapshot is due: one for every `every` segments of the project in `listing`
    /// (the `n`th once there are `n × every`). Every device sees the same listing, so they agree
    /// on when; two that race write two snapshots, both correct (docs/SYNC.md).
    pub fn wants_snapshot(&self, listing: &[Entry], every: usize) -> bool {
        let ours = || listing.iter().filter(|e| e.project() == self.project);
        let segments = ours().filter(|e| matches!(e, Entry::Segment { .. })).count();
        let newest = ours()
            .filter_map(|e| match e {
                Entry::Snapshot { n, .. } => Some(*n),
                Entry::Segment { .. } => None,
            })
            .max()
            .unwrap_or(0);
        every > 0 && (segments / every) as u64 > newest
    }

    /// The changes of `p` the location lacks, as this device's next segment (None: nothing to send).
    pub fn outgoing(&self, p: &Project) -> Option<Outgoing> {
        let changes: Vec<Change> = p.changes.iter().filter(|c| !self.on_location.contains(&c.id)).cloned().collect();
        if changes.is_empty() {
            return None;
        }
        let seq = self.read.get(&self.device).map_or(0, Mark::last).max(self.taken) + 1;
        let entry = Entry::Segment { project: self.project, device: self.device.clone(), seq };
        let text = file::text(&entry, None, &changes);
        Some(Outgoing { entry, text, ids: changes.iter().map(|c| c.id).collect() })
    }

    /// The segment was created on the location.
    pub fn sent(&mut self, out: &Outgoing) {
        if let Entry::Segment { seq, .. } = &out.entry {
            self.read.entry(self.device.clone()).or_default().add(*seq);
        }
        self.on_location.extend(out.ids.iter().copied());
    }

    /// The segment's name was taken: the next try uses the next number, with the same changes;
    /// the file that took it is read like any other, at the next plan.
    pub fn taken(&mut self, out: &Outgoing) {
        if let Entry::Segment { seq, .. } = &out.entry {
            self.taken = self.taken.max(*seq);
        }
    }

    /// A snapshot of what the location holds as far as this device has read it, numbered after
    /// every snapshot in `listing`: its entry and text.
    pub fn snapshot(&self, p: &Project, listing: &[Entry]) -> (Entry, String) {
        let n = listing
            .iter()
            .filter_map(|e| match e {
                Entry::Snapshot { project, n, .. } if *project == self.project => Some(*n),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            + 1;
        let entry = Entry::Snapshot { project: self.project, device: self.device.clone(), n };
        let changes: Vec<Change> = p.changes.iter().filter(|c| self.on_location.contains(&c.id)).cloned().collect();
        let text = file::text(&entry, Some(&self.read), &changes);
        (entry, text)
    }
}

/// `p` with `changes` merged in (`p` itself, copied, when it has them all).
fn merged(p: &Project, changes: Vec<Change>) -> Project {
    let known: BTreeSet<Id> = p.changes.iter().map(|c| c.id).collect();
    if changes.iter().all(|c| known.contains(&c.id)) {
        return p.clone();
    }
    union(p, &Project { changes, ..Project::empty(p.id) })
}
