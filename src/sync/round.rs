//! One round of sync for one project: list the location, read what this device has not read
//! (a snapshot first when it has read nothing), merge it into the project through the same
//! reapplication as another tab's save, send what the location lacks as one new segment of this
//! device's folder, and write a snapshot when one is due. What to read and send is the core's
//! decision (`Replica`); this file performs it. A file that cannot be read is skipped with its
//! reason, and nothing stored here changes for it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use mieruka_core::change::EntityRef;
use mieruka_core::merge::{self, MergePreview};
use mieruka_core::sync::file::{self, About};
use mieruka_core::sync::layout::Entry;
use mieruka_core::sync::replica::Replica;
use mieruka_core::sync::webdav::WebDavError;
use mieruka_core::{Change, Id, Project};

use super::transport::Transport;
use crate::state::ProjectStore;
use crate::sync_error::{SkipWhy, Skipped, SyncError};

/// Fields changed both here and on another device, as the merge preview lists them, with the two
/// copies it compared: the user's choices become new changes (`merge::merge`) that sync like any.
#[derive(Debug, Clone)]
pub struct Review {
    /// This device's project before what arrived was merged in.
    pub local: Arc<Project>,
    /// What the location holds, as far as this device has read it.
    pub there: Arc<Project>,
    pub preview: Arc<MergePreview>,
}

/// What a round did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files read.
    pub read: usize,
    /// Changes sent.
    pub sent: usize,
    /// Changes that arrived and were new here.
    pub arrived: usize,
    /// Fields changed both here (not yet sent) and on another device: the latest change won.
    pub conflicts: usize,
    pub skipped: Vec<Skipped>,
    /// When `conflicts` > 0.
    pub review: Option<Review>,
}

/// How many times a taken name is tried again with the next number in one round.
const TRIES: usize = 10;

/// Reads one file, or says why it is skipped. A failure of the connection ends the round.
async fn fetch<T>(
    t: &Transport,
    entry: &Entry,
    parse: impl Fn(&str) -> Result<T, file::FileError>,
    report: &mut Report,
) -> Result<Option<T>, SyncError> {
    let path = entry.path();
    match t.read(&path).await {
        Ok(text) => match parse(&text) {
            Ok(v) => {
                report.read += 1;
                Ok(Some(v))
            }
            Err(why) => {
                report.skipped.push(Skipped { path, why: SkipWhy::File(why) });
                Ok(None)
            }
        },
        // Gone between the listing and the read, or refused alone: skipped, the rest is read.
        Err(e @ SyncError::Server(WebDavError::NotFound | WebDavError::Forbidden | WebDavError::Status(_))) => {
            report.skipped.push(Skipped { path, why: SkipWhy::Read(e) });
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Counts the fields changed both by `incoming` and by this device's changes the location lacks.
fn conflicts(store: &ProjectStore, pid: Id, replica: &Replica, incoming: &[Change]) -> usize {
    store
        .with_project_untracked(pid, |p| {
            let known: BTreeSet<Id> = p.changes.iter().map(|c| c.id).collect();
            let mine: BTreeMap<(EntityRef, &str), &serde_json::Value> = p
                .changes
                .iter()
                .filter(|c| !replica.on_location.contains(&c.id))
                .map(|c| ((c.entity, c.field.as_str()), &c.to))
                .collect();
            let mut both: BTreeSet<(EntityRef, &str)> = BTreeSet::new();
            for c in incoming.iter().filter(|c| !known.contains(&c.id)) {
                let key = (c.entity, c.field.as_str());
                if mine.get(&key).is_some_and(|to| **to != c.to) {
                    both.insert(key);
                }
            }
            both.len()
        })
        .unwrap_or(0)
}

/// The merge preview of this copy against what the location holds (only when a field changed on
/// both sides: it replays the location's copy).
fn review(store: &ProjectStore, pid: Id, replica: &Replica, incoming: &[Change]) -> Option<Review> {
    let local = store.with_project_untracked(pid, Project::clone)?;
    let mut there: Vec<Change> = local
        .changes
        .iter()
        .filter(|c| replica.on_location.contains(&c.id))
        .cloned()
        .chain(incoming.iter().cloned())
        .collect();
    mieruka_core::replay::normalize(&mut there);
    let there = mieruka_core::replay::replay(pid, &there);
    let preview = merge::preview(&local, &there);
    Some(Review { local: Arc::new(local), there: Arc::new(there), preview: Arc::new(preview) })
}

/// One round. `about` is written once, when the project is first shared from here.
pub async fn round(
    store: ProjectStore,
    t: &Transport,
    replica: &mut Replica,
    snapshot_every: usize,
    about: Option<About>,
) -> Result<Report, SyncError> {
    let pid = replica.project;
    let mut report = Report::default();
    let listing = t.list(pid).await?;
    let plan = replica.plan(&listing);
    let mut incoming: Vec<Change> = Vec::new();
    if let Some(snap) = &plan.snapshot {
        if let Some(s) = fetch(t, snap, |text| file::read_snapshot(snap, text), &mut report).await? {
            replica.took_snapshot(&s.covers, s.changes.iter().map(|c| c.id));
            incoming.extend(s.changes);
        }
    }
    for seg in replica.plan(&listing).segments {
        if let Some(changes) = fetch(t, &seg, |text| file::read_segment(&seg, text), &mut report).await? {
            replica.took_segment(&seg, changes.iter().map(|c| c.id));
            incoming.extend(changes);
        }
    }
    if !incoming.is_empty() {
        report.conflicts = conflicts(&store, pid, replica, &incoming);
        if report.conflicts > 0 {
            report.review = review(&store, pid, replica, &incoming);
        }
        report.arrived = store.absorb(pid, incoming)?;
    }
    if let Some(about) = about {
        // Create-only: the first device to share names the project; a taken name is fine.
        t.create(&Entry::about_path(pid), &file::about_text(&about)).await?;
    }
    let mut wrote = None;
    for _ in 0..TRIES {
        let Some(out) = store.with_project_untracked(pid, |p| replica.outgoing(p)).flatten() else { break };
        if t.create(&out.entry.path(), &out.text).await? {
            report.sent += out.ids.len();
            replica.sent(&out);
            wrote = Some(out.entry);
            break;
        }
        replica.taken(&out);
    }
    let mut after = listing;
    after.extend(wrote);
    if replica.plan(&after).segments.is_empty() && replica.wants_snapshot(&after, snapshot_every) {
        if let Some((entry, text)) = store.with_project_untracked(pid, |p| replica.snapshot(p, &after)) {
            // Another device may have written this number meanwhile: both are correct.
            t.create(&entry.path(), &text).await?;
        }
    }
    Ok(report)
}
