//! The two kinds of shared location behind one set of calls: a WebDAV server or a folder chosen
//! in the browser. A round of sync (`round.rs`) does not know which it talks to.

use mieruka_core::sync::layout::Entry;
use mieruka_core::Id;

use super::folder_client::FolderClient;
use super::webdav_client::WebDavClient;
use crate::sync_error::SyncError;

#[derive(Debug, Clone)]
pub enum Transport {
    WebDav(WebDavClient),
    Folder(FolderClient),
}

impl Transport {
    /// The projects at the location.
    pub async fn projects(&self) -> Result<Vec<Id>, SyncError> {
        match self {
            Transport::WebDav(c) => c.projects().await,
            Transport::Folder(c) => c.projects().await,
        }
    }

    /// Every sync file of a project.
    pub async fn list(&self, project: Id) -> Result<Vec<Entry>, SyncError> {
        match self {
            Transport::WebDav(c) => c.list(project).await,
            Transport::Folder(c) => c.list(project).await,
        }
    }

    pub async fn read(&self, path: &str) -> Result<String, SyncError> {
        match self {
            Transport::WebDav(c) => c.read(path).await,
            Transport::Folder(c) => c.read(path).await,
        }
    }

    /// Creates a file only if its name is free (false: taken), making its folders if needed.
    pub async fn create(&self, path: &str, text: &str) -> Result<bool, SyncError> {
        match self {
            Transport::WebDav(c) => c.create(path, text.to_string()).await,
            Transport::Folder(c) => c.create(path, text).await,
        }
    }
}
