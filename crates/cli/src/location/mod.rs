//! Where `mieruka sync` finds a team's files: a shared folder ([`folder`]) or a WebDAV server
//! ([`webdav`]). Both list the sync files of the projects there, read one, and create one only if
//! its name is free; the sync itself (`cmd_sync`) is the same for both.

mod folder;
mod webdav;

use mieruka_core::sync::layout::Entry;

use crate::util::{Failure, Result};

/// A file's text, or why it cannot be read (the file is skipped, the sync goes on).
pub type Text = std::result::Result<String, String>;

pub trait Location {
    /// Where it is, for messages (never with a password).
    fn name(&self) -> String;
    /// Every sync file of the projects there, sorted; other files are left alone.
    fn list(&mut self) -> Result<Vec<Entry>>;
    /// A file's text, or (inner error) why this one file cannot be read. The outer error stops
    /// the sync (the server is unreachable, the password is wrong …).
    fn read(&mut self, entry: &Entry) -> Result<Text>;
    /// Creates `entry` with `text`, never over an existing file: false when the name is taken.
    fn create(&mut self, entry: &Entry, text: &str) -> Result<bool>;
}

/// The location a user typed: a web address (`https://…`, `http://localhost…`) or a folder.
pub fn open(typed: &str) -> Result<Box<dyn Location>> {
    if typed.contains("://") {
        // The address is not repeated: it may carry a password.
        let address = mieruka_core::sync::webdav::Address::parse(typed)
            .map_err(|e| Failure::new(format!("the WebDAV address: {e}")))?;
        Ok(Box::new(webdav::WebDav::new(address)))
    } else {
        Ok(Box::new(folder::Folder::open(typed)?))
    }
}
