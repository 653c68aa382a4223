//! Team sync through storage the team already has (issue 10): the change log travels as
//! append-only segment files, one folder per device ([`layout`]), read and written as text
//! ([`file`]); each device remembers what it has read and sent ([`replica`]). Everything that
//! arrives goes through the same union as a merged file, so the order in which devices sync does
//! not matter (`tests/sync.rs`). Pure: the browser and the CLI do the reading and writing.

pub mod file;
pub mod layout;
pub mod mark;
pub mod replica;
pub mod webdav;

pub use layout::{Device, Entry, LayoutError};
pub use replica::Replica;
