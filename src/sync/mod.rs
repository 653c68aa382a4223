//! Team sync (issue 10): a project's change log shared through a WebDAV server or a folder the
//! team already syncs, as append-only files, one folder per device (`mieruka_core::sync`, which
//! decides what to read and send). Here the browser performs it: the two transports, one round,
//! what is kept between rounds, and the hub that runs them and tells the chip.

pub mod folder_client;
pub mod hub;
pub mod kept;
pub mod round;
pub mod transport;
pub mod webdav_client;

pub use crate::sync_error::{SkipWhy, Skipped, SyncError};
pub use hub::{expect_sync, Shown, SyncHub, SyncState};
