//! `mieruka sync DIR FILE.json`: the team-sync layout from the command line, for backups and
//! scripts. Everything the location holds for the file's projects is merged into the file (same
//! union as `merge`, conflicts listed, latest change wins); the file's changes the location lacks
//! are written as one new segment in the CLI's own device folder; projects only on the location
//! are added to the file. Stateless: each run reads the newest snapshot and what it does not cover.
//!
//! A segment is created under a temporary name and then linked to its own, which fails if the
//! name exists, so a file is never overwritten and never seen half-written; where the folder
//! cannot link (some network shares), it is created with create-new instead.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mieruka_core::merge;
use mieruka_core::sync::file;
use mieruka_core::sync::layout::{Device, Entry};
use mieruka_core::sync::replica::Replica;
use mieruka_core::{Id, Project};

use crate::cmd_merge::print_preview;
use crate::util::{self, Failure, Result};
use crate::SyncArgs;

/// The device name kept in the user's configuration directory, made on first use.
fn default_device() -> Result<Device> {
    let dir = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .ok_or_else(|| Failure::new("no configuration directory (set HOME or XDG_CONFIG_HOME, or give --device)"))?
        .join("mieruka");
    let path = dir.join("device");
    if let Ok(text) = fs::read_to_string(&path) {
        return Device::parse(text.trim()).map_err(|e| Failure::new(format!("{}: {e}", path.display())));
    }
    let device = Device::parse(&format!("cli-{}", util::new_id().simple())).map_err(|e| Failure::new(e.to_string()))?;
    fs::create_dir_all(&dir)
        .and_then(|()| fs::write(&path, device.as_str()))
        .map_err(|e| Failure::new(format!("cannot keep the device name in {}: {e}", path.display())))?;
    Ok(device)
}

/// Every sync file under `root` (other files are left alone).
fn listing(root: &Path) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if dir == root => return Err(Failure::new(format!("{}: {e}", root.display()))),
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

/// Creates `entry` with `text`, never over an existing file. False when the name is taken.
fn create(root: &Path, entry: &Entry, text: &str) -> Result<bool> {
    let path = root.join(entry.path());
    let folder = path.parent().unwrap_or(root);
    let fail = |e: std::io::Error| Failure::new(format!("cannot write {}: {e}", path.display()));
    fs::create_dir_all(folder).map_err(fail)?;
    let tmp = folder.join(format!(".tmp-{}", util::new_id().simple()));
    let written = fs::File::create_new(&tmp).and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()));
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

/// What one project's sync did.
struct Done {
    project: Project,
    read: usize,
    skipped: usize,
    sent: usize,
    conflicts: usize,
}

/// A file read and parsed, or skipped with its reason; counted either way.
fn fetch<T>(
    root: &Path,
    entry: &Entry,
    parse: impl Fn(&str) -> std::result::Result<T, file::FileError>,
    read: &mut usize,
    skipped: &mut usize,
) -> Option<T> {
    let text = fs::read_to_string(root.join(entry.path())).map_err(|e| e.to_string());
    match text.and_then(|t| parse(&t).map_err(|e| e.to_string())) {
        Ok(v) => {
            *read += 1;
            Some(v)
        }
        Err(why) => {
            eprintln!("skipped {}: {why}", entry.path());
            *skipped += 1;
            None
        }
    }
}

fn sync_project(root: &Path, all: &[Entry], local: Project, device: &Device) -> Result<Done> {
    let mut replica = Replica::new(local.id, device.clone());
    let mut there = Project::empty(local.id);
    let (mut read, mut skipped) = (0, 0);
    if let Some(snap) = replica.plan(all).snapshot {
        if let Some(s) = fetch(root, &snap, |t| file::read_snapshot(&snap, t), &mut read, &mut skipped) {
            there = replica.absorb_snapshot(&there, s);
        }
    }
    for seg in replica.plan(all).segments {
        if let Some(changes) = fetch(root, &seg, |t| file::read_segment(&seg, t), &mut read, &mut skipped) {
            there = replica.absorb_segment(&there, &seg, changes);
        }
    }
    let label = util::quoted_label(&local);
    let (project, conflicts) = if there.changes.is_empty() {
        (local, 0)
    } else if local.changes.is_empty() {
        (there, 0)
    } else {
        let pv = merge::preview(&local, &there);
        print_preview(&label, &pv, None);
        (merge::union(&local, &there), pv.conflicts.len())
    };
    let mut sent = 0;
    for _ in 0..100 {
        let Some(out) = replica.outgoing(&project) else { break };
        if create(root, &out.entry, &out.text)? {
            eprintln!("wrote {} ({} changes)", out.entry.path(), out.ids.len());
            sent = out.ids.len();
            replica.sent(&out);
        } else {
            replica.taken(&out);
        }
    }
    Ok(Done { project, read, skipped, sent, conflicts })
}

pub fn run(a: SyncArgs) -> Result<ExitCode> {
    if a.location.starts_with("http://") || a.location.starts_with("https://") {
        return Err(Failure::new(
            "WebDAV locations are not synced by this version of the command line yet: sync a folder, or use the app",
        ));
    }
    let root = PathBuf::from(&a.location);
    if !root.is_dir() {
        return Err(Failure::new(format!("{}: not a folder", root.display())));
    }
    let device = match &a.device {
        Some(d) => Device::parse(d).map_err(|e| Failure::new(format!("--device: {e}")))?,
        None => default_device()?,
    };
    let fresh = !a.file.exists();
    let projects = if fresh { Vec::new() } else { util::load_mieruka(&a.file)?.projects };
    let all = listing(&root)?;
    let ids: BTreeSet<Id> = projects.iter().map(|p| p.id).chain(all.iter().map(Entry::project)).collect();
    let mut by_id: BTreeMap<Id, Project> = projects.into_iter().map(|p| (p.id, p)).collect();
    let mut out = Vec::new();
    let (mut read, mut skipped, mut sent, mut conflicts) = (0, 0, 0, 0);
    for id in ids {
        let local = by_id.remove(&id).unwrap_or_else(|| Project::empty(id));
        let d = sync_project(&root, &all, local, &device)?;
        (read, skipped, sent, conflicts) = (read + d.read, skipped + d.skipped, sent + d.sent, conflicts + d.conflicts);
        out.push(d.project);
    }
    let refs: Vec<&Project> = out.iter().collect();
    util::write_output(Some(&a.file), &util::envelope(&refs))?;
    eprintln!(
        "synced {} with {} as device {device}: {} read, {} written{}",
        a.file.display(),
        root.display(),
        util::counted(&[(read, "file")]),
        util::counted(&[(sent, "change")]),
        if skipped > 0 {
            format!(", {} skipped (unreadable)", util::counted(&[(skipped, "file")]))
        } else {
            String::new()
        },
    );
    Ok(if conflicts == 0 { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_created_once_and_never_overwritten() {
        let root = std::env::temp_dir().join(format!("mieruka-sync-create-{}", std::process::id()));
        let entry = Entry::Segment { project: Id::from_u128(5), device: Device::parse("d").unwrap(), seq: 1 };
        assert_eq!(create(&root, &entry, "first").ok(), Some(true));
        assert_eq!(create(&root, &entry, "second").ok(), Some(false));
        assert_eq!(fs::read_to_string(root.join(entry.path())).ok().as_deref(), Some("first"));
        // No temporary file is left behind.
        let folder = root.join(Entry::log_folder(Id::from_u128(5), &Device::parse("d").unwrap()));
        let names: Vec<String> = fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["00000001.json"]);
        fs::remove_dir_all(&root).ok();
    }
}
