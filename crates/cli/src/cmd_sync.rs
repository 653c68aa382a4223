//! `mieruka sync DIR-OR-URL FILE.json`: the team-sync layout from the command line, for backups
//! and scripts, on a shared folder or a WebDAV server (`location`). Everything the location holds
//! for the file's projects is merged into the file (same union as `merge`, conflicts listed,
//! latest change wins); the file's changes the location lacks are written as one new segment in
//! the CLI's own device folder; projects only on the location are added to the file. Stateless:
//! each run reads the newest snapshot and what it does not cover. Any failure (the server
//! unreachable, a wrong password …) stops the run before the file is written.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use mieruka_core::merge;
use mieruka_core::sync::file;
use mieruka_core::sync::layout::{Device, Entry};
use mieruka_core::sync::replica::Replica;
use mieruka_core::{Id, Project};

use crate::cmd_merge::print_preview;
use crate::location::{self, Location};
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
    location: &mut dyn Location,
    entry: &Entry,
    parse: impl Fn(&str) -> std::result::Result<T, file::FileError>,
    read: &mut usize,
    skipped: &mut usize,
) -> Result<Option<T>> {
    let text = location.read(entry)?;
    Ok(match text.and_then(|t| parse(&t).map_err(|e| e.to_string())) {
        Ok(v) => {
            *read += 1;
            Some(v)
        }
        Err(why) => {
            eprintln!("skipped {}: {why}", entry.path());
            *skipped += 1;
            None
        }
    })
}

fn sync_project(location: &mut dyn Location, all: &[Entry], local: Project, device: &Device) -> Result<Done> {
    let mut replica = Replica::new(local.id, device.clone());
    let mut there = Project::empty(local.id);
    let (mut read, mut skipped) = (0, 0);
    if let Some(snap) = replica.plan(all).snapshot {
        if let Some(s) = fetch(location, &snap, |t| file::read_snapshot(&snap, t), &mut read, &mut skipped)? {
            there = replica.absorb_snapshot(&there, s);
        }
    }
    for seg in replica.plan(all).segments {
        if let Some(changes) = fetch(location, &seg, |t| file::read_segment(&seg, t), &mut read, &mut skipped)? {
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
        if location.create(&out.entry, &out.text)? {
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
    let mut location = location::open(&a.location)?;
    let device = match &a.device {
        Some(d) => Device::parse(d).map_err(|e| Failure::new(format!("--device: {e}")))?,
        None => default_device()?,
    };
    let fresh = !a.file.exists();
    let projects = if fresh { Vec::new() } else { util::load_mieruka(&a.file)?.projects };
    let all = location.list()?;
    let ids: BTreeSet<Id> = projects.iter().map(|p| p.id).chain(all.iter().map(Entry::project)).collect();
    let mut by_id: BTreeMap<Id, Project> = projects.into_iter().map(|p| (p.id, p)).collect();
    let mut out = Vec::new();
    let (mut read, mut skipped, mut sent, mut conflicts) = (0, 0, 0, 0);
    for id in ids {
        let local = by_id.remove(&id).unwrap_or_else(|| Project::empty(id));
        let d = sync_project(location.as_mut(), &all, local, &device)?;
        (read, skipped, sent, conflicts) = (read + d.read, skipped + d.skipped, sent + d.sent, conflicts + d.conflicts);
        out.push(d.project);
    }
    let refs: Vec<&Project> = out.iter().collect();
    util::write_output(Some(&a.file), &util::envelope(&refs))?;
    eprintln!(
        "synced {} with {} as device {device}: {} read, {} written{}",
        a.file.display(),
        location.name(),
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
