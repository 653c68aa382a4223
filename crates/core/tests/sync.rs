//! Team sync's layout, files and bookkeeping (issue 10): names read back, files that are not
//! what they claim are refused, and any interleaving of devices editing, syncing, staying offline
//! and compacting ends with every device holding the same project and no change lost.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use mieruka_core::id::SeqIds;
use mieruka_core::replay::normalize;
use mieruka_core::sync::file::{self, FileError};
use mieruka_core::sync::layout::{Device, Entry, LayoutError};
use mieruka_core::sync::replica::{Mark, Replica};
use mieruka_core::{Change, Id, Project};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

fn dev(s: &str) -> Device {
    Device::parse(s).unwrap()
}

fn pid() -> Id {
    Id::from_u128(0x1234_5678_9abc_4def_8123_4567_89ab_cdef)
}

// ---------------------------------------------------------------- names

#[test]
fn names_are_written_and_read_back() {
    let seg = Entry::Segment { project: pid(), device: dev("tanaka-laptop"), seq: 12 };
    assert_eq!(seg.path(), "12345678-9abc-4def-8123-456789abcdef/log/tanaka-laptop/00000012.json");
    assert_eq!(Entry::parse(&seg.path()), Ok(seg.clone()));
    assert_eq!(Entry::parse(&format!("/{}", seg.path())), Ok(seg));
    let snap = Entry::Snapshot { project: pid(), device: dev("a-b-c"), n: 3 };
    assert_eq!(snap.path(), "12345678-9abc-4def-8123-456789abcdef/snapshot/a-b-c-00000003.json");
    assert_eq!(Entry::parse(&snap.path()), Ok(snap));
    // Any run of digits is read.
    let p = "12345678-9abc-4def-8123-456789abcdef/log/d/123456789012.json";
    assert!(matches!(Entry::parse(p), Ok(Entry::Segment { seq: 123_456_789_012, .. })));
}

#[test]
fn what_is_not_ours_is_refused() {
    let root = "12345678-9abc-4def-8123-456789abcdef";
    for p in [
        format!("{root}/log/d/0.json"),
        format!("{root}/log/d/+1.json"),
        format!("{root}/log/d/1.JSON"),
        format!("{root}/log/d/1.json.part"),
        format!("{root}/log/d/ 1.json"),
        format!("{root}/log/d/99999999999999999999999.json"),
        format!("{root}/log/d/sub/1.json"),
        format!("{root}/log/1.json"),
        format!("{root}/snapshot/d.json"),
        format!("{root}/snapshot/d-x.json"),
        format!("{root}/other/d/1.json"),
        "not-an-id/log/d/1.json".to_string(),
        String::new(),
        "desktop.ini".to_string(),
    ] {
        assert!(matches!(Entry::parse(&p), Err(LayoutError::NotOurs(_))), "{p:?}");
    }
    for bad in ["..", "a/b", "", "é", "a b", &"x".repeat(65)] {
        assert!(Device::parse(bad).is_err(), "{bad:?}");
        let p = format!("{root}/log/{bad}/1.json");
        assert!(Entry::parse(&p).is_err(), "{p:?}");
    }
}

proptest! {
    #[test]
    fn any_name_reads_back(id in any::<u128>(), device in "[A-Za-z0-9_-]{1,64}", seq in 1u64.., snapshot in any::<bool>()) {
        let (project, device) = (Id::from_u128(id), Device::parse(&device).unwrap());
        let e = if snapshot { Entry::Snapshot { project, device, n: seq } } else { Entry::Segment { project, device, seq } };
        prop_assert_eq!(Entry::parse(&e.path()), Ok(e));
    }

    #[test]
    fn marks_are_sets_of_numbers(seqs in proptest::collection::vec(1u64..40, 0..40), other in proptest::collection::vec(1u64..40, 0..40)) {
        let mut m = Mark::default();
        for s in &seqs {
            m.add(*s);
        }
        let set: BTreeSet<u64> = seqs.iter().copied().collect();
        for s in 1..45 {
            prop_assert_eq!(m.has(s), set.contains(&s), "seq {}", s);
        }
        prop_assert!(m.above.iter().all(|s| *s > m.upto + 1), "{:?}", m);
        let mut o = Mark::default();
        for s in &other {
            o.add(*s);
        }
        let (mut mo, mut om) = (m.clone(), o.clone());
        mo.join(&o);
        om.join(&m);
        prop_assert_eq!(&mo, &om);
        let mut again = mo.clone();
        again.join(&o);
        prop_assert_eq!(&again, &mo);
    }
}

// ---------------------------------------------------------------- files

fn some_changes() -> (Env, Vec<Change>) {
    let mut env = Env::new(7);
    env.ok(mieruka_core::Command::AddTask {
        project: env.pid, id: Id::from_u128(77), task: task("移行リハーサル")
    });
    let changes = env.ws.projects[&env.pid].changes.clone();
    (env, changes)
}

#[test]
fn a_file_reads_back_only_from_its_own_place() {
    let (env, changes) = some_changes();
    let seg = Entry::Segment { project: env.pid, device: dev("a"), seq: 1 };
    let text = file::text(&seg, None, &changes);
    assert_eq!(file::read_segment(&seg, &text), Ok(changes.clone()));
    // Copied into another device's folder, under another number or project, or read as a snapshot.
    for other in [
        Entry::Segment { project: env.pid, device: dev("b"), seq: 1 },
        Entry::Segment { project: env.pid, device: dev("a"), seq: 2 },
        Entry::Segment { project: pid(), device: dev("a"), seq: 1 },
    ] {
        assert!(matches!(file::read_segment(&other, &text), Err(FileError::Misplaced(_))), "{other:?}");
    }
    let snap = Entry::Snapshot { project: env.pid, device: dev("a"), n: 1 };
    assert!(matches!(file::read_snapshot(&snap, &text), Err(FileError::Misplaced(_))));
    let covers = BTreeMap::from([(dev("a"), Mark { upto: 4, above: BTreeSet::from([6]) })]);
    let snap_text = file::text(&snap, Some(&covers), &changes);
    let back = file::read_snapshot(&snap, &snap_text).unwrap();
    assert_eq!((back.covers, back.changes), (covers, changes));
}

#[test]
fn damaged_files_are_refused_with_the_reason() {
    let (env, changes) = some_changes();
    let seg = Entry::Segment { project: env.pid, device: dev("a"), seq: 1 };
    let text = file::text(&seg, None, &changes);
    let half = (0..=text.len() / 2).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let cut = &text[..half];
    assert!(matches!(file::read_segment(&seg, cut), Err(FileError::NotJson(_))));
    assert!(matches!(file::read_segment(&seg, "\u{0}\u{1}garbage"), Err(FileError::NotJson(_))));
    assert!(matches!(file::read_segment(&seg, "{\"changes\": []}"), Err(FileError::NotSync)));
    assert!(matches!(file::read_segment(&seg, "[1,2]"), Err(FileError::NotJson(_)) | Err(FileError::NotSync)));
    let newer = text.replacen("\"version\":1", "\"version\":9", 1);
    assert_eq!(file::read_segment(&seg, &newer), Err(FileError::Newer(9)));
    let damaged = text.replacen("\"field\":\"$create\"", "\"field\":42", 1);
    assert_ne!(damaged, text);
    assert!(matches!(file::read_segment(&seg, &damaged), Err(FileError::Changes(_))));
}

// ---------------------------------------------------------------- convergence

/// A shared location in memory: path → text; a create fails when the name is taken.
#[derive(Default)]
struct Location(BTreeMap<String, String>);

impl Location {
    fn listing(&self) -> Vec<Entry> {
        self.0.keys().filter_map(|p| Entry::parse(p).ok()).collect()
    }
}

struct Device_ {
    env: Env,
    replica: Replica,
}

impl Device_ {
    fn p(&self) -> &Project {
        &self.env.ws.projects[&self.env.pid]
    }

    fn set(&mut self, p: Project) {
        self.env.ws.projects.insert(self.env.pid, p);
    }

    /// One sync: read what is new (a fresh device starts from the newest snapshot), then send.
    fn sync(&mut self, loc: &mut Location) -> Result<(), TestCaseError> {
        self.sync_racing(loc, false)
    }

    /// A sync; with `race`, the first upload's name is taken after the listing was read (an
    /// earlier try landed but its answer was lost).
    fn sync_racing(&mut self, loc: &mut Location, race: bool) -> Result<(), TestCaseError> {
        let plan = self.replica.plan(&loc.listing());
        if let Some(snap) = plan.snapshot {
            let s = file::read_snapshot(&snap, &loc.0[&snap.path()]).unwrap();
            let p = self.replica.absorb_snapshot(&self.env.ws.projects[&self.env.pid], s);
            self.set(p);
        }
        for seg in self.replica.plan(&loc.listing()).segments {
            let changes = file::read_segment(&seg, &loc.0[&seg.path()]).unwrap();
            let p = self.replica.absorb_segment(&self.env.ws.projects[&self.env.pid], &seg, changes);
            self.set(p);
        }
        let mut race = race;
        for _ in 0..4 {
            let Some(out) = self.replica.outgoing(self.p()) else { return Ok(()) };
            if std::mem::take(&mut race) {
                loc.0.insert(out.entry.path(), out.text.clone());
            }
            if loc.0.contains_key(&out.entry.path()) {
                self.replica.taken(&out);
                continue;
            }
            loc.0.insert(out.entry.path(), out.text.clone());
            self.replica.sent(&out);
        }
        prop_assert!(self.replica.outgoing(self.p()).is_none(), "a taken name stops the upload");
        Ok(())
    }

    fn compact(&self, loc: &mut Location) {
        let (entry, text) = self.replica.snapshot(self.p(), &loc.listing());
        loc.0.entry(entry.path()).or_insert(text);
    }
}

#[derive(Debug, Clone)]
enum Step {
    Edit(usize, Vec<Op>),
    Sync(usize),
    Compact(usize),
    /// A sync whose upload's answer was lost: the segment is on the location, the device does not know.
    LostAnswer(usize),
    /// A sync whose upload's name is taken between the listing and the upload.
    Race(usize),
}

fn step(n: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..n, proptest::collection::vec(op(), 1..8)).prop_map(|(d, o)| Step::Edit(d, o)),
        3 => (0..n).prop_map(Step::Sync),
        1 => (0..n).prop_map(Step::Compact),
        1 => (0..n).prop_map(Step::LostAnswer),
        1 => (0..n).prop_map(Step::Race),
    ]
}

fn normalized(p: &Project) -> (Entities, Vec<Change>) {
    let mut c = p.changes.clone();
    normalize(&mut c);
    (entities(p), c)
}

/// Runs the steps, then checks convergence; the number of changes the devices made.
fn converge(seed: u64, base: Vec<Op>, steps: Vec<Step>, devices: usize) -> Result<usize, TestCaseError> {
    let mut env = Env::new(seed);
    let pools = Pools::new(env.pid, seed);
    run_ops(&mut env, &pools, &base);
    let mut loc = Location::default();
    let mut ds: Vec<Device_> = (0..devices)
        .map(|k| {
            let e = Env {
                ws: env.ws.clone(),
                ids: SeqIds::new(seed * 7 + k as u64 + 1),
                at: env.at,
                actor: format!("d{k}"),
                pid: env.pid,
            };
            Device_ { env: e, replica: Replica::new(env.pid, dev(&format!("d{k}"))) }
        })
        .collect();
    let mut made: BTreeSet<Id> = env.ws.projects[&env.pid].changes.iter().map(|c| c.id).collect();
    let base_len = made.len();
    for s in steps {
        match s {
            Step::Edit(d, o) => {
                run_ops(&mut ds[d].env, &pools, &o);
                made.extend(ds[d].p().changes.iter().map(|c| c.id));
            }
            Step::Sync(d) => ds[d].sync(&mut loc)?,
            Step::Race(d) => ds[d].sync_racing(&mut loc, true)?,
            Step::Compact(d) => ds[d].compact(&mut loc),
            Step::LostAnswer(d) => {
                if let Some(out) = ds[d].replica.outgoing(ds[d].p()) {
                    loc.0.entry(out.entry.path()).or_insert(out.text);
                }
            }
        }
    }
    // Everyone syncs twice, in turn: then all hold the same project, with every change made.
    for _ in 0..2 {
        for d in &mut ds {
            d.sync(&mut loc)?;
        }
    }
    let first = normalized(ds[0].p());
    for d in &ds[1..] {
        prop_assert_eq!(&normalized(d.p()), &first);
    }
    let held: BTreeSet<Id> = first.1.iter().map(|c| c.id).collect();
    prop_assert_eq!(&held, &made, "no change lost, none invented");
    // Every snapshot plus the segments it does not cover is the whole log.
    let mut all_segments: BTreeSet<Id> = BTreeSet::new();
    for e in loc.listing() {
        if let Entry::Segment { .. } = e {
            all_segments.extend(file::read_segment(&e, &loc.0[&e.path()]).unwrap().iter().map(|c| c.id));
        }
    }
    for e in loc.listing() {
        if let Entry::Snapshot { .. } = e {
            let s = file::read_snapshot(&e, &loc.0[&e.path()]).unwrap();
            let mut ids: BTreeSet<Id> = s.changes.iter().map(|c| c.id).collect();
            for seg in loc.listing() {
                if let Entry::Segment { device, seq, .. } = &seg {
                    if !s.covers.get(device).is_some_and(|m| m.has(*seq)) {
                        ids.extend(file::read_segment(&seg, &loc.0[&seg.path()]).unwrap().iter().map(|c| c.id));
                    }
                }
            }
            prop_assert_eq!(&ids, &all_segments, "snapshot {}", e.path());
        }
    }
    // A device joining now, from the newest snapshot and what follows it, holds the same.
    let mut newcomer = Device_ {
        env: Env {
            ws: Default::default(),
            ids: SeqIds::new(seed + 999),
            at: env.at,
            actor: "new".into(),
            pid: env.pid,
        },
        replica: Replica::new(env.pid, dev("newcomer")),
    };
    newcomer.set(Project::empty(env.pid));
    newcomer.sync(&mut loc)?;
    prop_assert_eq!(&normalized(newcomer.p()), &first);
    Ok(held.len() - base_len)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), .. ProptestConfig::default() })]

    #[test]
    fn devices_converge_whatever_the_interleaving(
        seed in 0u64..1000,
        base in proptest::collection::vec(op(), 10..30),
        steps in (2usize..5).prop_flat_map(|n| proptest::collection::vec(step(n), 0..40).prop_map(move |s| (n, s))),
    ) {
        let (n, steps) = steps;
        converge(seed, base, steps, n)?;
    }
}

#[test]
fn the_interleavings_edit_a_lot() {
    // The steps the property draws do edit: sync is tested on real change logs.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (0u64..1000, proptest::collection::vec(op(), 10..30), proptest::collection::vec(step(3), 20..40));
    let mut made = 0;
    for _ in 0..8 {
        use proptest::strategy::ValueTree;
        let (seed, base, steps) = strategy.new_tree(&mut runner).unwrap().current();
        made += converge(seed, base, steps, 3).unwrap();
    }
    assert!(made > 100, "only {made} changes made in 8 runs");
}

#[test]
fn a_snapshot_is_due_once_per_every_segments() {
    let project = Id::from_u128(9);
    let device = Device::parse("a").unwrap();
    let r = Replica::new(project, device.clone());
    let seg = |seq| Entry::Segment { project, device: device.clone(), seq };
    let snap = |n| Entry::Snapshot { project, device: device.clone(), n };
    let other = Entry::Segment { project: Id::from_u128(10), device: device.clone(), seq: 1 };
    let mut listing: Vec<Entry> = (1..=4).map(seg).collect();
    listing.push(other);
    assert!(!r.wants_snapshot(&listing, 5), "4 segments of ours, the other project's not counted");
    listing.push(seg(5));
    assert!(r.wants_snapshot(&listing, 5));
    listing.push(snap(1));
    assert!(!r.wants_snapshot(&listing, 5), "the first is written");
    listing.extend((6..=10).map(seg));
    assert!(r.wants_snapshot(&listing, 5), "the second is due at 10");
    assert!(!r.wants_snapshot(&listing, 0), "0: never");
}

#[test]
fn a_project_card_reads_back_and_names_its_folder() {
    use mieruka_core::sync::file::{about_text, read_about, About};
    let about = About { project: Id::from_u128(3), name: "基幹システム <刷新>".into(), code: "ERP".into() };
    let text = about_text(&about);
    assert_eq!(read_about(Id::from_u128(3), &text), Ok(about));
    assert!(read_about(Id::from_u128(4), &text).is_err(), "a card copied into another project's folder");
    assert!(read_about(Id::from_u128(3), "{\"name\":\"x\"}").is_err());
}
