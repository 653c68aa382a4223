//! `mieruka sync URL FILE` against a real WebDAV server (`rclone serve webdav` on this machine):
//! two devices meet in either order, a wrong password and a stopped server stop the run before
//! the file is touched, damaged files are skipped, and a new device joins from a snapshot.

mod common;

use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use mieruka_core::sync::file;
use mieruka_core::sync::layout::{Device, Entry};
use mieruka_core::sync::Replica;
use mieruka_core::{Id, Project, TaskField};
use serde_json::{json, Value};

const USER: &str = "team";
const PASS: &str = "s3cret-Pa55";

/// rclone serving a folder on a free loopback port; killed when dropped.
struct Rclone {
    child: Child,
    port: u16,
    /// The folder rclone serves; the sync's root is its `pmo/` (a root below the server's).
    served: PathBuf,
}

impl Rclone {
    fn start(served: &Path) -> Rclone {
        std::fs::create_dir_all(served.join("pmo")).unwrap();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr = format!("127.0.0.1:{port}");
        // --dir-cache-time 0s: files the tests put into the folder itself are listed at once.
        let child = Command::new("rclone")
            .args(["serve", "webdav", s(served), "--addr", &addr, "--user", USER, "--pass", PASS])
            .args(["--dir-cache-time", "0s"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("rclone is not installed: run scripts/setup.sh test ({e})"));
        let started = Instant::now();
        while TcpStream::connect(&addr).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "rclone did not answer on {addr}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Rclone { child, port, served: served.to_path_buf() }
    }

    /// The sync root's address, with the user and `password` in it.
    fn url(&self, password: &str) -> String {
        format!("http://{USER}:{password}@127.0.0.1:{}/pmo/", self.port)
    }

    /// The sync root on disk.
    fn root(&self) -> PathBuf {
        self.served.join("pmo")
    }

    fn stop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for Rclone {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A test's folder, a server on its `served/`, and the sample in `a.json`.
fn setup(name: &str) -> (TempDir, Rclone, Project, PathBuf) {
    let d = dir(name);
    let server = Rclone::start(&d.join("served"));
    let p = sample();
    let fa = d.join("a.json");
    write_projects(&fa, &[&p]);
    (d, server, p, fa)
}

/// A Mieruka file as JSON, without the moment it was written.
fn exported(path: &Path) -> Value {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("exported_at");
    v
}

fn change_ids(p: &Project) -> BTreeSet<Id> {
    p.changes.iter().map(|c| c.id).collect()
}

#[test]
fn two_devices_meet_through_webdav_in_either_order() {
    for a_first in [true, false] {
        let (d, server, base, fa) = setup(if a_first { "dav-ab" } else { "dav-ba" });
        let (mut pa, mut pb) = (base.clone(), base.clone());
        set_first_task(&mut pa, TaskField::Title, json!("Title from A"), "alice", "2025-06-13T01:00:00Z", 1001);
        set_first_task(&mut pb, TaskField::Percent, json!(40), "bob", "2025-06-13T02:00:00Z", 2001);
        let fb = d.join("b.json");
        write_projects(&fa, &[&pa]);
        write_projects(&fb, &[&pb]);
        let url = server.url(PASS);
        let order: [(&Path, &str); 2] = if a_first { [(&fa, "a"), (&fb, "b")] } else { [(&fb, "b"), (&fa, "a")] };
        for (f, dev) in order.iter().chain(order.iter()) {
            let r = mieruka(&["sync", &url, s(f), "--device", dev]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            assert!(!r.stderr.contains(PASS), "the password is never printed: {}", r.stderr);
        }
        assert_eq!(exported(&fa), exported(&fb), "both devices hold the same projects");
        let merged = read_projects(&fa).remove(0);
        let all: BTreeSet<Id> = change_ids(&pa).union(&change_ids(&pb)).copied().collect();
        assert_eq!(change_ids(&merged), all, "no change lost, none made up");
        let t = merged.tasks.values().find(|t| t.title == "Title from A").expect("A's title");
        assert_eq!(t.percent, 40.0, "and B's progress, on the same task");
        let written = files_under(&server.root());
        assert!(written.iter().all(|f| f.contains("/log/a/") || f.contains("/log/b/")), "{written:?}");
        assert!(written.len() <= 3, "{written:?}");
        // Once more: nothing to send, nothing changes.
        let r = mieruka(&["sync", &url, s(&fa), "--device", "a"]);
        assert!(r.stderr.contains("0 changes written"), "{}", r.stderr);
        assert_eq!(files_under(&server.root()), written);
    }
}

#[test]
fn a_wrong_password_stops_before_the_file_is_touched() {
    let (d, server, _, fa) = setup("dav-401");
    let before = std::fs::read(&fa).unwrap();
    let r = mieruka(&["sync", &server.url("not-the-password"), s(&fa), "--device", "a"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("password (401)"), "{}", r.stderr);
    assert!(!r.stderr.contains("not-the-password"), "the password is never printed: {}", r.stderr);
    assert_eq!(std::fs::read(&fa).unwrap(), before);
    // The environment wins over the address: a right address with a wrong password set is refused.
    let wrong = Path::new("wrong");
    let r = mieruka_with(&["sync", &server.url(PASS), s(&fa), "--device", "a"], &[("MIERUKA_WEBDAV_PASSWORD", wrong)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("(401)"), "{}", r.stderr);
    // And a right one set makes an address without a password work.
    let url = server.url(PASS).replace(&format!(":{PASS}@"), "@");
    let r = mieruka_with(&["sync", &url, s(&fa), "--device", "a"], &[("MIERUKA_WEBDAV_PASSWORD", Path::new(PASS))]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    drop(d);
}

#[test]
fn damaged_files_on_the_server_are_skipped_and_the_rest_merged() {
    let (d, server, p, fa) = setup("dav-damaged");
    assert_eq!(mieruka(&["sync", &server.url(PASS), s(&fa), "--device", "a"]).code, 0);
    let seg = files_under(&server.root()).remove(0);
    let good = std::fs::read_to_string(server.root().join(&seg)).unwrap();
    let project = seg.split('/').next().unwrap().to_string();
    // Garbage (not even UTF-8) and a truncated copy, each in another device's folder.
    let garbage: &[u8] = b"\xff\xfe\x00garbage";
    for (dev, bytes) in [("g", garbage), ("t", &good.as_bytes()[..good.len() / 3])] {
        let folder = server.root().join(format!("{project}/log/{dev}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("00000001.json"), bytes).unwrap();
    }
    let fb = d.join("b.json");
    let r = mieruka(&["sync", &server.url(PASS), s(&fb), "--device", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for dev in ["g", "t"] {
        assert!(r.stderr.contains(&format!("skipped {project}/log/{dev}/00000001.json: ")), "{}", r.stderr);
    }
    assert!(r.stderr.contains("2 files skipped (unreadable)"), "{}", r.stderr);
    let merged = read_projects(&fb).remove(0);
    assert_eq!(change_ids(&merged), change_ids(&p), "A's segment is merged");
    assert_eq!(std::fs::read_to_string(server.root().join(&seg)).unwrap(), good, "nothing overwritten");
}

#[test]
fn a_stopped_server_is_unreachable_and_the_file_is_untouched() {
    let (_d, mut server, _, fa) = setup("dav-stopped");
    let url = server.url(PASS);
    server.stop();
    let before = std::fs::read(&fa).unwrap();
    let r = mieruka(&["sync", &url, s(&fa), "--device", "a"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("unreachable"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "one line: {}", r.stderr);
    assert_eq!(std::fs::read(&fa).unwrap(), before);
}

#[test]
fn plain_http_is_refused_off_this_machine() {
    let d = dir("dav-http");
    let fa = d.join("a.json");
    write_projects(&fa, &[&sample()]);
    let r = mieruka(&["sync", "http://team:secret@dav.example.com/pmo/", s(&fa), "--device", "a"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("only allowed for this machine"), "{}", r.stderr);
    assert!(!r.stderr.contains("secret"), "{}", r.stderr);
}

/// A snapshot on the server, made as a browser would (`Replica::snapshot`), of what `entries`
/// hold; the segments it covers are then removed, so only the snapshot can bring them.
fn snapshot_of(root: &Path, project: Id, entries: &[Entry]) {
    let mut replica = Replica::new(project, Device::parse("browser").unwrap());
    let mut p = Project::empty(project);
    for e in entries {
        let text = std::fs::read_to_string(root.join(e.path())).unwrap();
        p = replica.absorb_segment(&p, e, file::read_segment(e, &text).unwrap());
    }
    let (entry, text) = replica.snapshot(&p, entries);
    let path = root.join(entry.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    for e in entries {
        std::fs::remove_file(root.join(e.path())).unwrap();
    }
}

#[test]
fn a_third_device_joins_from_a_snapshot_and_the_segments_after_it() {
    let (d, server, p, fa) = setup("dav-snapshot");
    let url = server.url(PASS);
    assert_eq!(mieruka(&["sync", &url, s(&fa), "--device", "a"]).code, 0);
    let covered: Vec<Entry> = files_under(&server.root()).iter().map(|f| Entry::parse(f).unwrap()).collect();
    snapshot_of(&server.root(), p.id, &covered);
    // A edits after the snapshot and syncs again: one more segment, after the snapshot.
    let mut pa = read_projects(&fa).remove(0);
    set_first_task(&mut pa, TaskField::Title, json!("After the snapshot"), "alice", "2025-06-13T03:00:00Z", 3001);
    write_projects(&fa, &[&pa]);
    assert_eq!(mieruka(&["sync", &url, s(&fa), "--device", "a"]).code, 0);
    let on_server = files_under(&server.root());
    assert!(on_server.iter().any(|f| f.contains("/snapshot/browser-00000001.json")), "{on_server:?}");
    assert!(on_server.iter().any(|f| f.ends_with("/log/a/00000002.json")), "{on_server:?}");
    // A fresh device: everything from the snapshot and the newer segment.
    let fc = d.join("c.json");
    let r = mieruka(&["sync", &url, s(&fc), "--device", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("2 files read"), "{}", r.stderr);
    let joined = read_projects(&fc).remove(0);
    assert_eq!(change_ids(&joined), change_ids(&pa));
    assert!(joined.tasks.values().any(|t| t.title == "After the snapshot"));
}
