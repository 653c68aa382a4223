//! A shared folder (a synced or network folder) as a sync location.
//!
//! A segment is created under a temporary name and then linked to its own, which fails if the
//! name exists, so a file is never overwritten and never seen half-written; where the folder
//! cannot link (some network shares), it is created with create-new instead.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::PathBuf;

use mieruka_core::sync::layout::Entry;

use super::{Location, Text};
use crate::util::{self, Failure, Result};

pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn open(path: &str) -> Result<Folder> {
        let root = PathBuf::from(path);
        if !root.is_dir() {
            return Err(Failure::new(format!("{}: not a folder", root.display())));
        }
        Ok(Folder { root })
    }
}

impl Location for Folder {
    fn name(&self) -> String {
        self.root.display().to_string()
    }

    fn list(&mut self) -> Result<Vec<Entry>> {
        let root = &self.root;
        let mut out = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let entries = match fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if dir == *root => return Err(Failure::new(format!("{}: {e}", root.display()))),
                Err(_) => continue,
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Some(rel) = path.strip_prefix(root).ok().and_then(|r| r.to_str()) {
                    if let Ok(entry) = Entry::parse(&rel.replace('\\', "/")) {
                        out.push(entry);
                    }
                }
            }
        }
        out.sort();
        Ok(out)
    }

    fn read(&mut self, entry: &Entry) -> Result<Text> {
        Ok(fs::read_to_string(self.root.join(entry.path())).map_err(|e| e.to_string()))
    }

    fn create(&mut self, entry: &Entry, text: &str) -> Result<bool> {
        let root = &self.root;
        let path = root.join(entry.path());
        let folder = path.parent().unwrap_or(root);
        let fail = |e: std::io::Error| Failure::new(format!("cannot write {}: {e}", path.display()));
        fs::create_dir_all(folder).map_err(fail)?;
        let tmp = folder.join(format!(".tmp-{}", util::new_id().simple()));
        let written =
            fs::File::create_new(&tmp).and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()));
        if let Err(e) = written {
            // The temporary file is ours alone; a failure to remove it leaves only a stray file.
            let _stray_tmp_is_harmless = fs::remove_file(&tmp);
            return Err(fail(e));
        }
        let linked = fs::hard_link(&tmp, &path);
        let _stray_tmp_is_harmless = fs::remove_file(&tmp);
        match linked {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
            // No links here: create-new is create-only too (a crash may leave a short file, which
            // every reader refuses and skips).
            Err(_) => match fs::File::create_new(&path) {
                Ok(mut f) => f.write_all(text.as_bytes()).and_then(|()| f.sync_all()).map(|()| true).map_err(fail),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
                Err(e) => Err(fail(e)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use mieruka_core::sync::layout::Device;
    use mieruka_core::Id;

    use super::*;

    #[test]
    fn a_name_is_created_once_and_never_overwritten() {
        let root = std::env::temp_dir().join(format!("mieruka-sync-create-{}", std::process::id()));
        fs::create_dir_all(&root).unwrap();
        let mut folder = Folder::open(root.to_str().unwrap()).unwrap();
        let entry = Entry::Segment { project: Id::from_u128(5), device: Device::parse("d").unwrap(), seq: 1 };
        assert_eq!(folder.create(&entry, "first").ok(), Some(true));
        assert_eq!(folder.create(&entry, "second").ok(), Some(false));
        assert_eq!(fs::read_to_string(root.join(entry.path())).ok().as_deref(), Some("first"));
        // No temporary file is left behind.
        let log = root.join(Entry::log_folder(Id::from_u128(5), &Device::parse("d").unwrap()));
        let names: Vec<String> = fs::read_dir(&log)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["00000001.json"]);
        fs::remove_dir_all(&root).ok();
    }
}
