//! Entity buckets (`mieruka_core::bucket`, the browser's storage layout 4): a store that writes
//! only the buckets each save touched, and rewrites a kind whole when its width moves (as the
//! browser's write does), always holds what writing every bucket would, at one width per kind; the
//! buckets read back give the project's entities exactly; layout-2 records still read.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use mieruka_core::bucket::{self, Bucket, Plan, Read, Widths};
use mieruka_core::change::EntityKind;
use mieruka_core::format::{self, entity_record, head_json};
use mieruka_core::{apply, EntityRef, Project, Task};
use proptest::prelude::*;
use serde_json::Value;

/// Stored entity records by (kind, bucket name), and the widths in the head.
#[derive(Debug, Clone, PartialEq, Default)]
struct Store {
    records: BTreeMap<(EntityKind, String), String>,
    widths: Widths,
}

impl Store {
    /// What the browser's write does with a plan (`ProjectStorage::write_in`): refuses it when
    /// it would change a kind's width without rewriting it whole, else drops the whole kinds'
    /// records, puts and deletes the plan's, and keeps the widths in the head.
    fn write(&mut self, plan: &Plan, full: bool) -> Result<(), BTreeSet<EntityKind>> {
        if full {
            *self = Store::default();
        }
        let moved = plan.moved(&self.widths);
        if !moved.is_empty() {
            return Err(moved);
        }
        self.records.retain(|(k, _), _| !plan.whole.contains(k));
        for (k, b, text) in &plan.records {
            match text {
                Some(t) => self.records.insert((*k, b.name()), t.clone()),
                None => self.records.remove(&(*k, b.name())),
            };
        }
        self.widths = plan.widths_after(&self.widths);
        Ok(())
    }
}

/// Widths that cross with a handful of entities: 1 digit up to 4, 2 up to 16, 3 beyond.
fn tiny(n: usize) -> u8 {
    match n {
        0..=4 => 1,
        5..=16 => 2,
        _ => 3,
    }
}

/// Every bucket written from scratch.
fn full(p: &Project, digits: fn(usize) -> u8) -> Store {
    let mut s = Store::default();
    s.write(&Plan::full_with(p, digits), true).expect("a whole rewrite is never refused");
    s
}

/// The project as storage reads it back from its buckets (the change log aside).
fn read_back(head: Value, store: &Store) -> Project {
    let mut entities = Vec::new();
    for text in store.records.values() {
        let Read { kind, entities: list, legacy } =
            bucket::read(serde_json::from_str(text).unwrap()).expect("a bucket reads");
        assert!(!legacy);
        entities.extend(list.into_iter().map(|e| (kind, e)));
    }
    format::project_from_records(head, entities, Vec::new()).expect("the buckets make a valid project")
}

/// Every kind's records are named at its stored width.
fn one_width_a_kind(store: &Store) -> Result<(), String> {
    for (k, name) in store.records.keys() {
        let d = bucket::width(&store.widths, *k);
        if name.len() != usize::from(d) {
            return Err(format!("{k:?} bucket {name} stored at width {d}"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), .. ProptestConfig::default() })]

    /// Saves of a few commands each; widths that cross often (`tiny`) and the real ones.
    #[test]
    fn saving_the_touched_buckets_equals_writing_them_all(seed in 0u64..1000, ops in ops(60), every in 1usize..5, small in any::<bool>()) {
        let digits: fn(usize) -> u8 = if small { tiny } else { bucket::digits_for };
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        let pid = env.pid;
        let mut store = full(env.p(), digits);
        let mut touched: BTreeSet<EntityRef> = BTreeSet::new();
        for (i, op) in ops.iter().enumerate() {
            let cmd = command(op, &pools, &env.ws.projects[&pid]);
            let stamp = env.stamp();
            if let Ok(changes) = apply(&mut env.ws, cmd, &stamp) {
                touched.extend(changes.iter().map(|c| c.entity));
            }
            if i % every != 0 && i + 1 != ops.len() {
                continue;
            }
            let p = env.p();
            let plan = Plan::new_with(p, &touched, &BTreeSet::new(), digits);
            if let Err(moved) = store.write(&plan, false) {
                // Made again with the moved kinds whole, as the browser does.
                let again = Plan::new_with(p, &touched, &moved, digits);
                prop_assert!(store.write(&again, false).is_ok(), "the second try is taken");
            }
            touched.clear();
            prop_assert_eq!(one_width_a_kind(&store), Ok(()));
        }
        let p = env.p();
        prop_assert_eq!(&store.records, &full(p, digits).records);
        let mut back = read_back(head_json(p), &store);
        back.changes = p.changes.clone();
        prop_assert_eq!(&back, p);
    }
}

#[test]
fn a_bucket_holds_the_ids_its_digits_begin_in_id_order() {
    let mut env = Env::new(4);
    for i in 0..1100 {
        env.add_task(None, Task { title: format!("作業 {i}"), ..Task::default() });
    }
    let p = env.p();
    let plan = Plan::full(p);
    // 1,100 tasks: two digits (at most 256 buckets); a few members: one digit.
    assert_eq!(plan.widths[&EntityKind::Task], 2);
    assert_eq!(plan.widths[&EntityKind::Member], 1);
    assert_eq!(plan.widths[&EntityKind::Risk], 1, "a kind with no entity has a width too");
    let store = full(p, bucket::digits_for);
    let tasks = store.records.keys().filter(|(k, _)| *k == EntityKind::Task).count();
    assert!(tasks > 200 && tasks <= 256, "{tasks} task buckets");
    let mut seen = 0;
    for ((kind, name), text) in &store.records {
        let v: Value = serde_json::from_str(text).unwrap();
        assert_eq!(v["bucket"], Value::String(name.clone()));
        assert_eq!(v["project"], Value::String(p.id.to_string()));
        let ids: Vec<String> =
            v["data"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "in id order");
        for id in &ids {
            assert_eq!(&id[..name.len()], name, "{kind:?} {id} in bucket {name}");
        }
        seen += ids.len();
    }
    assert_eq!(seen, p.tasks.len() + p.members.len());
}

/// A bucket's text, written from the types, reads as the record built through `Value` from each
/// entity as files keep it.
#[test]
fn a_bucket_written_from_the_types_reads_as_the_entities_files_keep() {
    let p = mieruka_core::generate::generate(mieruka_core::generate::Spec::new(400, 9));
    for (kind, b, text) in Plan::full(&p).records {
        let text = text.expect("a whole plan writes only buckets in use");
        let v: Value = serde_json::from_str(&text).expect("a bucket is JSON");
        let ids: Vec<mieruka_core::Id> =
            p.ids(kind).into_iter().filter(|id| Bucket::of(*id, b.digits()) == b).collect();
        let data: Vec<Value> = ids.iter().map(|id| entity_record(&p, EntityRef::new(kind, *id)).unwrap()).collect();
        let want =
            serde_json::json!({ "project": p.id.to_string(), "kind": kind.as_str(), "bucket": b.name(), "data": data });
        assert_eq!(v, want, "{kind:?} {}", b.name());
        assert!(text.contains(&format!("{{\"id\":\"{}\"", ids[0])), "the id first");
    }
}

#[test]
fn widths_follow_the_size_of_a_kind_and_read_from_a_head() {
    assert_eq!((bucket::digits_for(0), bucket::digits_for(1024), bucket::digits_for(1025)), (1, 1, 2));
    assert_eq!((bucket::digits_for(65536), bucket::digits_for(65537), bucket::digits_for(1 << 30)), (2, 3, 3));
    let id = mieruka_core::Id::parse_str("3fa85f64-5717-4562-b3fc-2c963f66afa6").unwrap();
    assert_eq!(
        (Bucket::of(id, 1).name(), Bucket::of(id, 2).name(), Bucket::of(id, 3).name()),
        ("3".into(), "3f".into(), "3fa".into())
    );
    for name in ["0", "3f", "fff"] {
        assert!(bucket::is_name(name), "{name}");
    }
    for name in ["", "3F", "3fa8", "g", "3fa85f64-5717-4562-b3fc-2c963f66afa6"] {
        assert!(!bucket::is_name(name), "{name}");
    }
    // A head of layout 3 names no widths: every kind is at two digits.
    let layout3 = serde_json::json!({ "rev": 3, "project": {} });
    assert_eq!(bucket::width(&bucket::stored_widths(&layout3), EntityKind::Task), 2);
    // Widths that make no sense, and kinds this version does not know, are left out.
    let odd = serde_json::json!({ "widths": { "task": 1, "risk": 9, "issue": "2", "goblin": 1, "member": 3 } });
    let w = bucket::stored_widths(&odd);
    assert_eq!(w, Widths::from([(EntityKind::Task, 1), (EntityKind::Member, 3)]));
    assert_eq!(bucket::stored_widths(&serde_json::json!({ "widths": bucket::widths_json(&w) })), w);
}

#[test]
fn a_save_that_moves_a_width_is_refused_until_the_kind_is_whole() {
    let mut env = Env::new(7);
    for i in 0..4 {
        env.add_task(None, task(&format!("{i}")));
    }
    let mut store = full(env.p(), tiny);
    assert_eq!(store.widths[&EntityKind::Task], 1);
    let before = store.clone();
    let fifth = env.add_task(None, task("五"));
    let p = env.p();
    let touched = [EntityRef::task(fifth)];
    let plan = Plan::new_with(p, &touched, &BTreeSet::new(), tiny);
    assert_eq!(store.write(&plan, false), Err(BTreeSet::from([EntityKind::Task])));
    assert_eq!(store, before, "nothing written");
    let again = Plan::new_with(p, &touched, &BTreeSet::from([EntityKind::Task]), tiny);
    assert_eq!(store.write(&again, false), Ok(()));
    assert_eq!(store.widths[&EntityKind::Task], 2);
    assert_eq!(store.records, full(p, tiny).records);
    assert!(store.records.keys().all(|(k, name)| *k != EntityKind::Task || name.len() == 2));
}

#[test]
fn a_layout_2_record_reads_as_one_entity_and_says_so() {
    let mut env = Env::new(5);
    let t = env.add_task(None, task("移行前"));
    let p = env.p();
    let old = serde_json::json!({ "project": p.id.to_string(), "kind": "task", "data": entity_record(p, EntityRef::task(t)).unwrap() });
    let r = bucket::read(old).expect("a layout-2 record reads");
    assert!(r.legacy);
    assert_eq!(r.kind, EntityKind::Task);
    assert_eq!(r.entities.len(), 1);
    assert_eq!(r.entities[0]["title"], Value::String("移行前".into()));
    // A kind this version does not know, or no data: nothing (as in layout 2).
    assert!(bucket::read(serde_json::json!({ "kind": "goblin", "data": [] })).is_none());
    assert!(bucket::read(serde_json::json!({ "kind": "task" })).is_none());
    // Data that is neither is passed on for the parser to report, not dropped.
    let odd = bucket::read(serde_json::json!({ "kind": "task", "data": 7 })).unwrap();
    assert_eq!(odd.entities, vec![Value::from(7)]);
}

/// The records of `p` as layout 2 stored them: one per entity, keyed by its id.
fn layout2(p: &Project) -> Vec<bucket::Stored> {
    let mut out = Vec::new();
    for kind in EntityKind::ALL {
        if kind.collection().is_none() {
            continue;
        }
        for id in p.ids(*kind) {
            let data = entity_record(p, EntityRef::new(*kind, id)).unwrap();
            let text =
                serde_json::json!({ "project": p.id.to_string(), "kind": kind.as_str(), "data": data }).to_string();
            out.push((kind.as_str().to_string(), id.to_string(), text));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(32), .. ProptestConfig::default() })]

    /// A project stored in layout 2 moves to exactly the buckets layout 3 wrote (two digits).
    #[test]
    fn layout_2_moves_to_the_buckets_layout_3_writes(seed in 0u64..1000, ops in ops(40)) {
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        run_ops(&mut env, &pools, &ops);
        let p = env.p();
        let pid = p.id.to_string();
        let old = layout2(p);
        let Some(mut moved) = bucket::relayout(&pid, old.clone()) else {
            prop_assert!(old.is_empty(), "layout-2 records move");
            return Ok(());
        };
        moved.sort();
        // Layout 3's buckets: two digits (a head without widths says so). The same records, read
        // as JSON (a moved entity keeps its fields in the order layout 2 stored them).
        let mut want: Vec<bucket::Stored> = full(p, |_| bucket::LAYOUT_3_DIGITS).records.into_iter().map(|((k, name), t)| (k.as_str().to_string(), name, t)).collect();
        want.sort();
        let json = |v: &[bucket::Stored]| v.iter().map(|(k, n, t)| (k.clone(), n.clone(), serde_json::from_str::<Value>(t).unwrap())).collect::<Vec<_>>();
        prop_assert_eq!(json(&moved), json(&want));
        // Moved once, nothing more to move.
        prop_assert!(bucket::relayout(&pid, moved).is_none());
    }
}

#[test]
fn a_record_that_cannot_be_read_stays_where_it_is() {
    let mut env = Env::new(6);
    env.add_task(None, task("一"));
    env.add_task(None, task("二"));
    let p = env.p();
    let mut old = layout2(p);
    let bad = ("task".to_string(), "0b6a3c52-6f3e-4a53-9d39-3f0b0c2a1e99".to_string(), "{not json".to_string());
    old.push(bad.clone());
    let no_id = (
        "task".to_string(),
        "0b6a3c52-6f3e-4a53-9d39-3f0b0c2a1e98".to_string(),
        r#"{"kind":"task","data":{"title":"x"}}"#.to_string(),
    );
    old.push(no_id.clone());
    let moved = bucket::relayout(&p.id.to_string(), old).unwrap();
    assert!(moved.contains(&bad) && moved.contains(&no_id), "kept as they were");
    let buckets: usize = moved.iter().filter(|(_, part, _)| part.len() == 2).count();
    assert_eq!(buckets, full(p, |_| bucket::LAYOUT_3_DIGITS).records.len(), "every readable entity moved");
}
