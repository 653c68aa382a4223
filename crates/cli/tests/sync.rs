//! `mieruka sync DIR FILE`: two copies of a project meet through a shared folder, in any order;
//! a damaged or misplaced file there is skipped with its reason, and nothing is overwritten.

mod common;

use std::path::Path;

use common::*;
use mieruka_core::merge::union;
use mieruka_core::replay::normalize;
use mieruka_core::{Project, TaskField};
use serde_json::json;

fn same(a: &Project, b: &Project) {
    let (mut ca, mut cb) = (a.changes.clone(), b.changes.clone());
    normalize(&mut ca);
    normalize(&mut cb);
    assert_eq!(ca.len(), cb.len());
    assert!(ca == cb, "the logs differ");
    assert_eq!(a.tasks, b.tasks);
}

/// A folder for one test, an empty shared folder in it, and the sample written as `a.json`.
fn one_copy(name: &str) -> (TempDir, std::path::PathBuf, Project, std::path::PathBuf) {
    let d = dir(name);
    let shared = d.join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let p = sample();
    let fa = d.join("a.json");
    write_projects(&fa, &[&p]);
    (d, shared, p, fa)
}

#[test]
fn two_copies_meet_through_a_folder_in_either_order() {
    for a_first in [true, false] {
        let d = dir(if a_first { "sync-ab" } else { "sync-ba" });
        let shared = d.join("shared");
        std::fs::create_dir_all(&shared).unwrap();
        let base = sample();
        let (mut pa, mut pb) = (base.clone(), base.clone());
        set_first_task(&mut pa, TaskField::Title, json!("Title from A"), "alice", "2025-06-13T01:00:00Z", 1001);
        set_first_task(&mut pb, TaskField::Percent, json!(40), "bob", "2025-06-13T02:00:00Z", 2001);
        let (fa, fb) = (d.join("a.json"), d.join("b.json"));
        write_projects(&fa, &[&pa]);
        write_projects(&fb, &[&pb]);
        let order: [(&Path, &str); 2] =
            if a_first { [(&fa, "alice-pc"), (&fb, "bob-pc")] } else { [(&fb, "bob-pc"), (&fa, "alice-pc")] };
        for (f, dev) in order.iter().chain(order.iter()) {
            let r = mieruka(&["sync", s(&shared), s(f), "--device", dev]);
            assert_eq!(r.code, 0, "{}", r.stderr);
        }
        let (a, b) = (read_projects(&fa).remove(0), read_projects(&fb).remove(0));
        same(&a, &b);
        same(&a, &union(&pa, &pb));
        let t = a.tasks.values().find(|t| t.title == "Title from A").expect("A's title");
        assert_eq!(t.percent, 40.0, "and B's progress, on the same task");
        // One segment per device holds the whole base once; later syncs added only what was new.
        let files = files_under(&shared);
        assert!(files.iter().all(|f| f.contains("/log/alice-pc/") || f.contains("/log/bob-pc/")), "{files:?}");
        assert!(files.len() <= 3, "{files:?}");
        // A third sync of both sends nothing and changes nothing.
        let r = mieruka(&["sync", s(&shared), s(&fa), "--device", "alice-pc"]);
        assert!(r.stderr.contains("0 changes written"), "{}", r.stderr);
        assert_eq!(files_under(&shared), files);
    }
}

#[test]
fn a_new_file_is_made_from_the_folder_and_the_device_name_is_kept() {
    let (d, shared, p, fa) = one_copy("sync-new");
    let config = d.join("config");
    let r = mieruka_with(&["sync", s(&shared), s(&fa)], &[("XDG_CONFIG_HOME", &config)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let device = std::fs::read_to_string(config.join("mieruka/device")).unwrap();
    assert!(device.starts_with("cli-"), "{device}");
    assert!(files_under(&shared).iter().any(|f| f.contains(&format!("/log/{device}/00000001.json"))));
    let fresh = d.join("fresh.json");
    let r = mieruka(&["sync", s(&shared), s(&fresh), "--device", "laptop"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    same(&read_projects(&fresh).remove(0), &p);
}

#[test]
fn damaged_and_misplaced_files_are_skipped_and_nothing_is_overwritten() {
    let (d, shared, p, fa) = one_copy("sync-damaged");
    assert_eq!(mieruka(&["sync", s(&shared), s(&fa), "--device", "a"]).code, 0);
    let seg = files_under(&shared).remove(0);
    let good = std::fs::read_to_string(shared.join(&seg)).unwrap();
    let root = seg.split('/').next().unwrap().to_string();
    // Garbage in another device's folder, a truncated copy, and A's file copied under B's name.
    for (dev, text) in
        [("g", "\u{0}garbage".to_string()), ("t", good[..good.len() / 3].to_string()), ("b", good.clone())]
    {
        std::fs::create_dir_all(shared.join(format!("{root}/log/{dev}"))).unwrap();
        std::fs::write(shared.join(format!("{root}/log/{dev}/00000001.json")), text).unwrap();
    }
    let fb = d.join("b.json");
    let r = mieruka(&["sync", s(&shared), s(&fb), "--device", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for dev in ["g", "t", "b"] {
        assert!(r.stderr.contains(&format!("skipped {root}/log/{dev}/00000001.json")), "{}", r.stderr);
    }
    assert!(r.stderr.contains("3 files skipped (unreadable)"), "{}", r.stderr);
    same(&read_projects(&fb).remove(0), &p);
    // The folder is as it was: nothing of ours overwritten, the damaged files left for their owners.
    assert_eq!(std::fs::read_to_string(shared.join(&seg)).unwrap(), good);
}

#[test]
fn bad_arguments_exit_1() {
    let d = dir("sync-bad");
    let fa = d.join("a.json");
    write_projects(&fa, &[&sample()]);
    let r = mieruka(&["sync", s(&d.join("missing")), s(&fa), "--device", "a"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("not a folder"), "{}", r.stderr);
    let r = mieruka(&["sync", s(&d), s(&fa), "--device", "../x"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("--device"), "{}", r.stderr);
    let broken = d.join("broken.json");
    std::fs::write(&broken, "{not json").unwrap();
    let r = mieruka(&["sync", s(&d), s(&broken), "--device", "a"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), "{not json", "a broken file is left as it is");
}
