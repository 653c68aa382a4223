//! Entity buckets (`mieruka_core::bucket`, the browser's storage layout 3): rewriting only the
//! buckets an edit touched always leaves what rewriting every bucket would, and the buckets read
//! back give the project's entities exactly; layout-2 records still read.

mod common;

use std::collections::BTreeMap;

use common::*;
use mieruka_core::bucket::{self, Read};
use mieruka_core::change::EntityKind;
use mieruka_core::format::{self, entity_record, head_json};
use mieruka_core::{apply, EntityRef, Project, Task};
use proptest::prelude::*;
use serde_json::Value;

type Store = BTreeMap<(EntityKind, u8), String>;

/// Every bucket written from scratch.
fn full(p: &Project) -> Store {
    bucket::all(p).into_iter().filter_map(|(k, b)| Some(((k, b), bucket::text(p, k, b)?))).collect()
}

/// The project as storage reads it back from its buckets (the change log aside).
fn read_back(head: Value, store: &Store) -> Project {
    let mut entities = Vec::new();
    for text in store.values() {
        let Read { kind, entities: list, legacy } = bucket::read(serde_json::from_str(text).unwrap()).expect("a bucket reads");
        assert!(!legacy);
        entities.extend(list.into_iter().map(|e| (kind, e)));
    }
    format::project_from_records(head, entities, Vec::new()).expect("the buckets make a valid project")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), .. ProptestConfig::default() })]

    #[test]
    fn rewriting_the_touched_buckets_equals_rewriting_all(seed in 0u64..1000, ops in ops(60)) {
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        let pid = env.pid;
        let mut store = full(env.p());
        for op in &ops {
            let cmd = command(op, &pools, &env.ws.projects[&pid]);
            let stamp = env.stamp();
            let Ok(changes) = apply(&mut env.ws, cmd, &stamp) else { continue };
            let refs: Vec<EntityRef> = changes.iter().map(|c| c.entity).collect();
            for (k, b) in bucket::touched(&refs) {
                match bucket::text(env.p(), k, b) {
                    Some(t) => { store.insert((k, b), t); }
                    None => { store.remove(&(k, b)); }
                }
            }
        }
        let p = env.p();
        prop_assert_eq!(&store, &full(p));
        let mut back = read_back(head_json(p), &store);
        back.changes = p.changes.clone();
        prop_assert_eq!(&back, p);
    }
}

#[test]
fn every_entity_is_in_the_bucket_of_its_first_byte_in_id_order() {
    let mut env = Env::new(4);
    for i in 0..300 {
        env.add_task(None, Task { title: format!("作業 {i}"), ..Task::default() });
    }
    let p = env.p();
    let store = full(p);
    assert!(store.len() > 100 && store.len() <= 256, "{} buckets", store.len());
    let mut seen = 0;
    for ((kind, b), text) in &store {
        let v: Value = serde_json::from_str(text).unwrap();
        assert_eq!(v["bucket"], Value::String(bucket::name(*b)));
        assert_eq!(v["project"], Value::String(p.id.to_string()));
        let ids: Vec<String> = v["data"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "in id order");
        for id in &ids {
            assert_eq!(&id[..2], bucket::name(*b), "{kind:?} {id} in bucket {b}");
        }
        seen += ids.len();
    }
    assert_eq!(seen, p.tasks.len() + p.members.len());
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
            let text = serde_json::json!({ "project": p.id.to_string(), "kind": kind.as_str(), "data": data }).to_string();
            out.push((kind.as_str().to_string(), id.to_string(), text));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(32), .. ProptestConfig::default() })]

    /// A project stored in layout 2 moves to exactly the buckets layout 3 would write.
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
        let mut want: Vec<bucket::Stored> = full(p).into_iter().map(|((k, b), t)| (k.as_str().to_string(), bucket::name(b), t)).collect();
        want.sort();
        prop_assert_eq!(&moved, &want);
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
    let no_id = ("task".to_string(), "0b6a3c52-6f3e-4a53-9d39-3f0b0c2a1e98".to_string(), r#"{"kind":"task","data":{"title":"x"}}"#.to_string());
    old.push(no_id.clone());
    let moved = bucket::relayout(&p.id.to_string(), old).unwrap();
    assert!(moved.contains(&bad) && moved.contains(&no_id), "kept as they were");
    let buckets: usize = moved.iter().filter(|(_, part, _)| part.len() == 2).count();
    assert_eq!(buckets, full(p).len(), "every readable entity moved");
}
