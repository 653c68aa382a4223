//! Team sync's screens: the chip in a project's toolbar, the "Share through…" dialog, and
//! opening a shared project from the project list. The work is done by `crate::sync`.

pub mod join_button;
pub mod share_dialog;
pub mod sync_chip;
pub mod webdav_fields;
