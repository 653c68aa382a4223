//! The change log in segments (`mieruka_core::segment`, the browser's storage layout 3): a log
//! written as segments reads back as it was, the typed path reads every text as the `Value` path
//! does, damage is reported where it is, and layout-2 records move into segments without losing
//! or inventing a change.

mod common;

use common::*;
use mieruka_core::record::{change_text, RecordError};
use mieruka_core::replay::normalize;
use mieruka_core::segment::{self, read, read_through_value, SEGMENT};
use mieruka_core::{Change, Task};
use proptest::prelude::*;
use serde_json::{json, Value};

fn log_of(seed: u64, ops: &[Op]) -> (String, Vec<Change>) {
    let mut env = Env::new(seed);
    let pools = Pools::new(env.pid, seed);
    run_ops(&mut env, &pools, ops);
    (env.pid.to_string(), env.p().changes.clone())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), .. ProptestConfig::default() })]

    /// Any log, cut into segments anywhere, reads back as it was, the same both ways.
    #[test]
    fn segments_round_trip_and_both_paths_agree(seed in 0u64..1000, ops in ops(60), cut in 0usize..80) {
        let (pid, log) = log_of(seed, &ops);
        let cut = cut.min(log.len());
        let mut back = Vec::new();
        for part in [&log[..cut], &log[cut..]] {
            let text = segment::text(&pid, part);
            let typed = read(&text, "r");
            prop_assert_eq!(&typed, &read_through_value(&text, "r"));
            back.extend(typed.unwrap());
        }
        prop_assert_eq!(&back, &log);
        // One change per record (layout 2) reads as a segment of one.
        for c in &log {
            prop_assert_eq!(read(&change_text(&pid, c), "r"), Ok(vec![c.clone()]));
        }
    }

    /// Layout-2 records moved into segments, in any order and with duplicates, read back as the
    /// log in effective order; an unreadable record stays and nothing else does.
    #[test]
    fn relayout_keeps_every_change_once(seed in 0u64..1000, ops in ops(40), rot in 0usize..50, dup in 0usize..50) {
        let (pid, log) = log_of(seed, &ops);
        prop_assume!(!log.is_empty());
        let mut records: Vec<(usize, String)> = log.iter().enumerate().map(|(i, c)| (i, change_text(&pid, c))).collect();
        let n = records.len();
        records.rotate_left(rot % n);
        records.push((n, records[dup % n].1.clone()));
        records.push((n + 1, "{\"project\":\"p\",\"change\":{\"id\":\"broken\"}}".to_string()));
        let (texts, moved) = segment::relayout(&pid, records).expect("something moves");
        prop_assert!(!moved.contains(&(n + 1)), "the broken record stays");
        prop_assert_eq!(moved.len(), n + 1);
        let mut back: Vec<Change> = texts.iter().flat_map(|t| read(t, "r").unwrap()).collect();
        let mut want = log.clone();
        normalize(&mut want);
        prop_assert_eq!(&back, &want);
        normalize(&mut back);
        prop_assert_eq!(back, want);
    }
}

#[test]
fn a_large_save_is_cut_every_segment_changes() {
    let mut env = Env::new(3);
    for i in 0..(SEGMENT * 2 + 10) {
        env.add_task(None, task(&format!("作業 {i}")));
    }
    let log = env.p().changes.clone();
    assert!(log.len() > SEGMENT * 2, "{}", log.len());
    let pid = env.pid.to_string();
    let texts = segment::texts(&pid, &log);
    assert_eq!(texts.len(), log.len().div_ceil(SEGMENT));
    let back: Vec<Change> = texts.iter().flat_map(|t| read(t, "r").unwrap()).collect();
    assert_eq!(back, log);
    assert!(segment::texts(&pid, &[]).is_empty(), "no changes, no record");
}

/// Damaged segments: each gives the same answer on both paths, and a damaged change is located.
#[test]
fn damaged_segments_read_alike_both_ways() {
    let mut env = Env::new(11);
    let t = env.add_task(None, Task { title: "設計 \"引用\" \\ \u{1F600}".into(), ..Task::default() });
    env.add_task(Some(t), task("画面設計"));
    let pid = env.pid.to_string();
    let log = env.p().changes.clone();
    let good: Value = serde_json::from_str(&segment::text(&pid, &log)).unwrap();
    type Edit = Box<dyn Fn(&mut Value)>;
    let edits: Vec<(&str, Edit)> = vec![
        ("as is", Box::new(|_| {})),
        (
            "no changes",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("changes");
            }),
        ),
        ("changes null", Box::new(|v| v["changes"] = Value::Null)),
        ("changes an object", Box::new(|v| v["changes"] = json!({}))),
        ("changes empty", Box::new(|v| v["changes"] = json!([]))),
        ("a change null", Box::new(|v| v["changes"][1] = Value::Null)),
        ("a change too", Box::new(|v| v["change"] = v["changes"][0].clone())),
        ("project a number", Box::new(|v| v["project"] = json!(7))),
        (
            "no project",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("project");
            }),
        ),
        ("an unknown key", Box::new(|v| v["extra"] = json!({"a": 1}))),
        ("at not a date", Box::new(|v| v["changes"][1]["at"] = json!("yesterday"))),
        ("id not an id", Box::new(|v| v["changes"][0]["id"] = json!("12"))),
        ("kind unknown", Box::new(|v| v["changes"][0]["entity"]["kind"] = json!("goblin"))),
    ];
    for (what, edit) in &edits {
        let mut v = good.clone();
        edit(&mut v);
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(read(&text, "r"), read_through_value(&text, "r"), "{what}");
    }
    let text = segment::text(&pid, &log);
    for bad in ["", "{", "null", "[]", "{}", &text[..text.len() - 1]] {
        assert_eq!(read(bad, "r"), read_through_value(bad, "r"), "{bad:?}");
        assert!(matches!(read(bad, "r"), Err(RecordError::NotJson(_) | RecordError::Empty)), "{bad:?}");
    }
    // A key given twice: serde_json keeps the last; the typed path leaves such texts to it.
    let twice = text.replacen("\"changes\":[", "\"changes\":[],\"changes\":[", 1);
    assert_eq!(read(&twice, "r"), Ok(log.clone()));
    let mut v = good.clone();
    v["changes"][1]["at"] = json!("yesterday");
    let err = read(&v.to_string(), "project p segment 3").unwrap_err();
    assert!(matches!(&err, RecordError::Change(e) if e.path == "project p segment 3.changes[1].at"), "{err:?}");
    // The empty segment reads as no changes (a save never writes one; one found is harmless).
    assert_eq!(read(&segment::text(&pid, &[]), "r"), Ok(vec![]));
}
