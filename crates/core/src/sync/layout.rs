//! Where team sync keeps a project on a shared location (a WebDAV server, a synced folder): each
//! device writes only new files into its own folder, so no two devices can overwrite each other.
//!
//! ```text
//! <project-id>/log/<device>/<seq>.json         a segment: changes one device sent, seq from 1
//! <project-id>/snapshot/<device>-<n>.json      a snapshot: the whole log up to marks it names
//! <project-id>/project.json                    the project's card: its name and code when shared
//! ```
//!
//! Numbers are written with eight digits at least (`00000012.json`), so a plain listing sorts in
//! order; any run of digits is read.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::id::Id;

/// Why a path on the location is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LayoutError {
    #[error("a device name is 1 to 64 letters, digits, '-' or '_': {0:?}")]
    BadDevice(String),
    #[error("not a sync file of a project: {0:?}")]
    NotOurs(String),
}

/// A device's name: its folder on the location (a random id, or a name the user gave the CLI).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Device(String);

impl Device {
    pub fn parse(name: &str) -> Result<Device, LayoutError> {
        let ok =
            (1..=64).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Device(name.to_string()))
        } else {
            Err(LayoutError::BadDevice(name.to_string()))
        }
    }

    /// A device named by an id (a browser's own device).
    pub fn from_id(id: Id) -> Device {
        Device(id.simple().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Device {
    type Error = LayoutError;
    fn try_from(s: String) -> Result<Device, LayoutError> {
        Device::parse(&s)
    }
}

impl From<Device> for String {
    fn from(d: Device) -> String {
        d.0
    }
}

impl fmt::Display for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One file of a project on the location.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Entry {
    Segment { project: Id, device: Device, seq: u64 },
    Snapshot { project: Id, device: Device, n: u64 },
}

impl Entry {
    /// The file's path, relative to the location's root.
    pub fn path(&self) -> String {
        match self {
            Entry::Segment { project, device, seq } => format!("{}/log/{device}/{seq:08}.json", project.hyphenated()),
            Entry::Snapshot { project, device, n } => format!("{}/snapshot/{device}-{n:08}.json", project.hyphenated()),
        }
    }

    /// The project's card: its name as the device that shared it first called it, so a device
    /// joining can list the projects of a location by name (`file::About`).
    pub fn about_path(project: Id) -> String {
        format!("{}/project.json", project.hyphenated())
    }

    /// The folder a device writes its segments into.
    pub fn log_folder(project: Id, device: &Device) -> String {
        format!("{}/log/{device}", project.hyphenated())
    }

    pub fn project(&self) -> Id {
        match self {
            Entry::Segment { project, .. } | Entry::Snapshot { project, .. } => *project,
        }
    }

    pub fn device(&self) -> &Device {
        match self {
            Entry::Segment { device, .. } | Entry::Snapshot { device, .. } => device,
        }
    }

    /// Reads a path relative to the root (a leading `/` is allowed).
    pub fn parse(path: &str) -> Result<Entry, LayoutError> {
        let not_ours = || LayoutError::NotOurs(path.to_string());
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let project = parts.first().and_then(|p| Id::parse_str(p).ok()).ok_or_else(not_ours)?;
        match parts[1..] {
            ["log", device, file] => {
                let seq = number(file.strip_suffix(".json").ok_or_else(not_ours)?).ok_or_else(not_ours)?;
                let device = Device::parse(device)?;
                (seq > 0).then_some(Entry::Segment { project, device, seq }).ok_or_else(not_ours)
            }
            ["snapshot", file] => {
                let (device, n) = file.strip_suffix(".json").and_then(|f| f.rsplit_once('-')).ok_or_else(not_ours)?;
                let n = number(n).ok_or_else(not_ours)?;
                Ok(Entry::Snapshot { project, device: Device::parse(device)?, n })
            }
            _ => Err(not_ours()),
        }
    }
}

/// A run of ASCII digits as a number (no sign, no space, no overflow).
fn number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}
