//! What a device has read of one device folder: a set of segment numbers, kept as "all up to N"
//! and the few read above it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// The segments of one device folder that are read: all up to `upto`, and these above it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub upto: u64,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub above: BTreeSet<u64>,
}

impl Mark {
    pub fn has(&self, seq: u64) -> bool {
        seq <= self.upto || self.above.contains(&seq)
    }

    pub fn add(&mut self, seq: u64) {
        if seq > self.upto {
            self.above.insert(seq);
        }
        while self.above.remove(&(self.upto + 1)) {
            self.upto += 1;
        }
    }

    /// Everything either mark has.
    pub fn join(&mut self, other: &Mark) {
        let upto = self.upto.max(other.upto);
        let above: Vec<u64> = self.above.iter().chain(&other.above).copied().filter(|s| *s > upto).collect();
        self.upto = upto;
        self.above.clear();
        for s in above {
            self.add(s);
        }
    }

    /// The highest segment read.
    pub fn last(&self) -> u64 {
        self.above.last().copied().unwrap_or(self.upto).max(self.upto)
    }
}
