//! What this browser keeps for a shared project (`storage`'s `sync` store), pure: where it is
//! shared, this device's name there, what it has read and sent ([`Replica`]), and when it last
//! synced. Never part of an exported file; a password is kept only if the user ticked
//! "remember".
//!
//! The set of change ids the location holds grows with the project (about 400,000 for a 10k-task
//! project), so it is kept in two parts: a `base`, written as text only when it is folded, and a
//! small `delta` written with the record after each sync. A sync that sends or reads a few
//! changes rewrites a few kilobytes, not megabytes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use mieruka_core::sync::layout::Device;
use mieruka_core::sync::replica::{Mark, Replica};
use mieruka_core::Id;
use serde::{Deserialize, Serialize};

/// The delta is folded into the base once it holds this many ids.
pub const FOLD_AT: usize = 20_000;

/// Where a project is shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// A WebDAV folder. `address` holds no user or password.
    WebDav {
        address: String,
        user: String,
        /// Only when the user ticked "remember".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        password: Option<String>,
    },
    /// A folder chosen in the browser; its handle is kept beside the record.
    Folder { name: String },
}

impl Place {
    /// What the chip and the dialog show: the address, or the folder's name.
    pub fn label(&self) -> &str {
        match self {
            Place::WebDav { address, .. } => address,
            Place::Folder { name } => name,
        }
    }
}

/// The record kept for a shared project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub place: Place,
    pub device: Device,
    #[serde(default)]
    pub read: BTreeMap<Device, Mark>,
    #[serde(default)]
    pub taken: u64,
    /// Ids on the location not in the base yet.
    #[serde(default)]
    pub delta: Vec<Id>,
    /// How many ids the base text holds (a check that it was read whole).
    #[serde(default)]
    pub base_len: usize,
    #[serde(default)]
    pub synced_at: Option<DateTime<Utc>>,
}

/// The base's text: the ids' 32 hex digits each, in order, nothing between them.
pub fn base_text(ids: &BTreeSet<Id>) -> String {
    let mut s = String::with_capacity(ids.len() * 32);
    for id in ids {
        s.push_str(&id.simple().to_string());
    }
    s
}

/// Reads a base's text; `None` when it is not `len` ids.
pub fn read_base(text: &str, len: usize) -> Option<BTreeSet<Id>> {
    if text.len() != len * 32 || !text.is_ascii() {
        return None;
    }
    let mut out = BTreeSet::new();
    for i in 0..len {
        out.insert(Id::parse_str(&text[i * 32..(i + 1) * 32]).ok()?);
    }
    Some(out)
}

impl Kept {
    /// A project shared from now on, by a device named `device`.
    pub fn new(place: Place, device: Device) -> Kept {
        Kept { place, device, read: BTreeMap::new(), taken: 0, delta: Vec::new(), base_len: 0, synced_at: None }
    }

    /// The replica this record and its base make.
    pub fn replica(&self, project: Id, base: &BTreeSet<Id>) -> Replica {
        let mut r = Replica::new(project, self.device.clone());
        r.read = self.read.clone();
        r.taken = self.taken;
        r.on_location = base.clone();
        r.on_location.extend(self.delta.iter().copied());
        r
    }

    /// Takes a replica's state after a sync. Returns the new base when the delta is folded into
    /// it (then the base's text must be written with the record, in one transaction).
    pub fn take(&mut self, replica: &Replica, base: &BTreeSet<Id>, at: DateTime<Utc>) -> Option<BTreeSet<Id>> {
        self.read = replica.read.clone();
        self.taken = replica.taken;
        self.synced_at = Some(at);
        let delta: Vec<Id> = replica.on_location.iter().filter(|id| !base.contains(id)).copied().collect();
        if delta.len() >= FOLD_AT {
            self.delta = Vec::new();
            self.base_len = replica.on_location.len();
            Some(replica.on_location.clone())
        } else {
            self.delta = delta;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(range: std::ops::Range<u128>) -> BTreeSet<Id> {
        range.map(Id::from_u128).collect()
    }

    #[test]
    fn the_base_reads_back_and_refuses_a_cut_text() {
        let set = ids(1..50);
        let text = base_text(&set);
        assert_eq!(read_base(&text, 49), Some(set));
        assert_eq!(read_base(&text[..text.len() - 1], 49), None);
        assert_eq!(read_base(&text, 48), None);
        assert_eq!(read_base("", 0), Some(BTreeSet::new()));
    }

    #[test]
    fn the_replica_survives_being_kept_and_the_delta_folds() {
        let project = Id::from_u128(1_000_000);
        let mut kept = Kept::new(Place::Folder { name: "team".into() }, Device::parse("d1").unwrap());
        let mut base = BTreeSet::new();
        let mut r = kept.replica(project, &base);
        r.on_location.extend(ids(1..10));
        r.read.entry(Device::parse("d2").unwrap()).or_default().add(3);
        r.taken = 4;
        let at = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap();
        assert_eq!(kept.take(&r, &base, at), None, "a small delta is kept in the record");
        let text = serde_json::to_string(&kept).unwrap();
        let back: Kept = serde_json::from_str(&text).unwrap();
        assert_eq!(back.replica(project, &base), r);

        r.on_location.extend(ids(100..100 + FOLD_AT as u128));
        let folded = kept.take(&r, &base, at).expect("folded");
        assert!(kept.delta.is_empty());
        assert_eq!(kept.base_len, folded.len());
        base = read_base(&base_text(&folded), kept.base_len).unwrap();
        assert_eq!(kept.replica(project, &base), r);
    }

    #[test]
    fn a_password_is_written_only_when_kept() {
        let without = Place::WebDav { address: "https://dav.example/team/".into(), user: "u".into(), password: None };
        assert!(!serde_json::to_string(&without).unwrap().contains("password"));
    }
}
