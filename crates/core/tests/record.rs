//! The browser's change records and journal entries (`mieruka_core::record`): written from the
//! type, read back unchanged, and read on the typed path exactly as through `Value` — for every
//! change random commands make, and for each way a stored text can be damaged.

mod common;

use common::*;
use mieruka_core::record::{
    change_text, journal_text, read_change, read_change_through_value, read_journal, read_journal_through_value,
    segments_journal, RecordError,
};
use mieruka_core::segment;
use mieruka_core::{Change, Id, Task};
use proptest::prelude::*;
use serde_json::{json, Value};

fn journal(entries: &[(Id, &Change)], restore_points: &[Id]) -> String {
    let text = journal_text(entries.iter().copied(), restore_points);
    // What the shell writes is a list of the entries the module's comment names.
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v.as_array().unwrap().len(), entries.len() + restore_points.len());
    for rp in &v.as_array().unwrap()[entries.len()..] {
        assert_eq!(rp["restore_point"], json!(true));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), .. ProptestConfig::default() })]

    /// Every change commands make is written and read back as it was, the same both ways, alone
    /// and in a journal.
    #[test]
    fn changes_round_trip_and_both_paths_agree(seed in 0u64..1000, ops in ops(60)) {
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        run_ops(&mut env, &pools, &ops);
        let pid = env.pid;
        let log = env.p().changes.clone();
        for (i, c) in log.iter().enumerate() {
            let text = change_text(&pid.to_string(), c);
            let at = format!("changes[{i}]");
            prop_assert_eq!(read_change(&text, &at), Ok(c.clone()));
            prop_assert_eq!(read_change_through_value(&text, &at), Ok(c.clone()));
        }
        let entries: Vec<(Id, &Change)> = log.iter().map(|c| (pid, c)).collect();
        let text = journal(&entries, &[pid]);
        let read = read_journal(&text);
        prop_assert_eq!(&read, &read_journal_through_value(&text));
        prop_assert_eq!(read.0, log.iter().map(|c| (pid, c.clone())).collect::<Vec<_>>());
        prop_assert_eq!(read.1, vec![pid]);
        // A large import's journal: its log's segments, as storage keeps them.
        let text = segments_journal(&segment::texts(&pid.to_string(), &log));
        let read = read_journal(&text);
        prop_assert_eq!(&read, &read_journal_through_value(&text));
        prop_assert_eq!(read.0, log.iter().map(|c| (pid, c.clone())).collect::<Vec<_>>());
        prop_assert!(read.1.is_empty());
    }
}

/// Damaged records and journals: each gives the same answer on both paths (a change, a located
/// error, or the entries that can be read).
#[test]
fn damaged_texts_read_alike_both_ways() {
    let mut env = Env::new(11);
    let t = env.add_task(None, Task { title: "設計 \"引用\" \\ \u{1F600}".into(), ..Task::default() });
    env.add_task(Some(t), task("画面設計"));
    let pid = env.pid;
    let log = env.p().changes.clone();
    assert!(log.len() >= 2);
    let good: Value = serde_json::from_str(&change_text(&pid.to_string(), &log[0])).unwrap();
    let long = "x".repeat(501);
    type Edit = Box<dyn Fn(&mut Value)>;
    let edits: Vec<(&str, Edit)> = vec![
        ("as is", Box::new(|_| {})),
        (
            "no change",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("change");
            }),
        ),
        ("change null", Box::new(|v| v["change"] = Value::Null)),
        ("change a list", Box::new(|v| v["change"] = json!([]))),
        ("project a number", Box::new(|v| v["project"] = json!(7))),
        (
            "no project",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("project");
            }),
        ),
        ("an unknown key", Box::new(|v| v["extra"] = json!({"a": 1}))),
        (
            "no from",
            Box::new(|v| {
                v["change"].as_object_mut().unwrap().remove("from");
            }),
        ),
        (
            "no id",
            Box::new(|v| {
                v["change"].as_object_mut().unwrap().remove("id");
            }),
        ),
        ("id not an id", Box::new(|v| v["change"]["id"] = json!("12"))),
        (
            "id braced",
            Box::new(|v| {
                let id = v["change"]["id"].as_str().unwrap().to_string();
                v["change"]["id"] = json!(format!("{{{id}}}"));
            }),
        ),
        ("at not a date", Box::new(|v| v["change"]["at"] = json!("yesterday"))),
        ("at with an offset", Box::new(|v| v["change"]["at"] = json!("2025-07-01T09:00:00+09:00"))),
        ("at a number", Box::new(|v| v["change"]["at"] = json!(1))),
        ("actor too long", {
            let l = long.clone();
            Box::new(move |v| v["change"]["actor"] = json!(l))
        }),
        ("field a number", Box::new(|v| v["change"]["field"] = json!(3))),
        ("kind unknown", Box::new(|v| v["change"]["entity"]["kind"] = json!("goblin"))),
        (
            "entity missing",
            Box::new(|v| {
                v["change"].as_object_mut().unwrap().remove("entity");
            }),
        ),
        ("a restore point too", Box::new(|v| v["restore_point"] = json!(true))),
        ("restore_point a word", Box::new(|v| v["restore_point"] = json!("yes"))),
    ];
    for (what, edit) in &edits {
        let mut v = good.clone();
        edit(&mut v);
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(read_change(&text, "c"), read_change_through_value(&text, "c"), "{what}");
        // The same entry in a journal between two good ones.
        let a = change_text(&pid.to_string(), &log[1]);
        let j = format!("[{a},{text},{a}]");
        assert_eq!(read_journal(&j), read_journal_through_value(&j), "journal: {what}");
    }
    // A segment entry damaged in the same ways (its first change), between two good entries.
    let seg: Value = serde_json::from_str(&segment::text(&pid.to_string(), &log)).unwrap();
    for (what, edit) in &edits {
        let mut v = good.clone();
        edit(&mut v);
        let mut s = seg.clone();
        s["changes"][0] = v.get("change").cloned().unwrap_or(Value::Null);
        if let Some(p) = v.get("project") {
            s["project"] = p.clone();
        } else {
            s.as_object_mut().unwrap().remove("project");
        }
        let a = change_text(&pid.to_string(), &log[1]);
        let j = format!("[{a},{},{a}]", serde_json::to_string(&s).unwrap());
        assert_eq!(read_journal(&j), read_journal_through_value(&j), "segment: {what}");
    }
    for odd in [
        json!({"project": pid.to_string(), "changes": null}),
        json!({"project": pid.to_string(), "changes": 3}),
        json!({"project": pid.to_string(), "changes": []}),
    ] {
        let j = format!("[{odd}]");
        assert_eq!(read_journal(&j), read_journal_through_value(&j), "segment {odd}");
    }
    assert_eq!(read_journal(&segments_journal(&[])), (vec![], vec![]));
    let text = change_text(&pid.to_string(), &log[0]);
    for bad in ["", "{", "null", "[]", &text[..text.len() - 1]] {
        assert_eq!(read_change(bad, "c"), read_change_through_value(bad, "c"), "{bad:?}");
        assert!(matches!(read_change(bad, "c"), Err(RecordError::NotJson(_) | RecordError::Empty)), "{bad:?}");
        assert_eq!(read_journal(bad), read_journal_through_value(bad), "journal {bad:?}");
    }
    // A key given twice: serde_json keeps the last; the typed path leaves such texts to it.
    let twice = text.replacen("\"change\":{", "\"change\":{\"x\":1},\"change\":{", 1);
    assert_ne!(twice, text);
    assert_eq!(read_change(&twice, "c"), Ok(log[0].clone()));
    let twice = text.replacen("\"field\":", "\"field\":\"title\",\"field\":", 1);
    assert_eq!(read_change(&twice, "c"), read_change_through_value(&twice, "c"));
    // A record whose change is damaged is reported where it is.
    let mut v = good.clone();
    v["change"]["at"] = json!("yesterday");
    let err = read_change(&v.to_string(), "project p changes[3]").unwrap_err();
    assert!(matches!(&err, RecordError::Change(e) if e.path == "project p changes[3].at"), "{err:?}");
}
