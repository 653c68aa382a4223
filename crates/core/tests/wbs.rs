//! WBS numbering (`rollup::wbs_rows`) and the commands that reshape the tree.

mod common;

use common::*;
use mieruka_core::replay::replay;
use mieruka_core::rollup::wbs_rows;
use mieruka_core::{Command, DomainError, EntityRef, Task, TaskField};
use serde_json::json;

#[test]
fn numbers_follow_tree_and_sibling_order() {
    let mut env = Env::new(1);
    let a = env.add(None, "要件定義");
    let a1 = env.add(Some(a), "ヒアリング");
    env.add(Some(a1), "現行業務");
    env.add(Some(a1), "課題整理");
    env.add(Some(a), "要件書");
    let b = env.add(None, "設計");
    env.add(Some(b), "画面設計");
    env.add(None, "開発");
    assert_eq!(
        env.wbs(),
        rows(&[
            ("1", "要件定義"),
            ("1.1", "ヒアリング"),
            ("1.1.1", "現行業務"),
            ("1.1.2", "課題整理"),
            ("1.2", "要件書"),
            ("2", "設計"),
            ("2.1", "画面設計"),
            ("3", "開発"),
        ])
    );
    let r = wbs_rows(env.p());
    let depth: Vec<usize> = r.iter().map(|r| r.depth).collect();
    assert_eq!(depth, [0, 1, 2, 2, 1, 0, 1, 0]);
    let parents: Vec<bool> = r.iter().map(|r| r.has_children).collect();
    assert_eq!(parents, [true, true, false, false, false, true, false, false]);
    assert!(wbs_rows(&mieruka_core::Project::empty(env.pid)).is_empty());
}

#[test]
fn numbering_uses_rank_not_creation_order_and_ties_break_by_id() {
    let mut env = Env::new(2);
    let pid = env.pid;
    let ids: Vec<_> = (0..3).map(|_| env.id()).collect();
    for (id, (rank, title)) in ids.iter().zip([(3.0, "C"), (1.0, "A"), (2.0, "B")]) {
        env.ok(Command::AddTask { project: pid, id: *id, task: Task { rank, ..task(title) } });
    }
    assert_eq!(env.wbs(), rows(&[("1", "A"), ("2", "B"), ("3", "C")]));
    // Equal ranks (e.g. tasks added without one): ordered by id, still numbered 1, 2, 3…
    let mut env = Env::new(3);
    let pid = env.pid;
    let mut ids: Vec<_> = (0..4).map(|_| env.id()).collect();
    for (n, id) in ids.iter().enumerate() {
        env.ok(Command::AddTask { project: pid, id: *id, task: task(&format!("t{n}")) });
    }
    ids.sort();
    let got: Vec<_> = wbs_rows(env.p()).into_iter().map(|r| (r.number, r.id)).collect();
    let want: Vec<_> = ids.iter().enumerate().map(|(i, id)| ((i + 1).to_string(), *id)).collect();
    assert_eq!(got, want);
}

#[test]
fn insert_after_places_the_task_right_after_its_sibling() {
    let mut env = Env::new(4);
    let a = env.add(None, "A");
    let a1 = env.add(Some(a), "A1");
    env.add(Some(a), "A2");
    let b = env.add(None, "B");
    env.insert_after(None, a, "X");
    env.insert_after(Some(a), a1, "A1.5");
    env.insert_after(None, b, "Z");
    // `after` that is not a sibling: appended at the end of the parent's children.
    env.insert_after(Some(a), b, "A-end");
    assert_eq!(
        env.wbs(),
        rows(&[
            ("1", "A"),
            ("1.1", "A1"),
            ("1.2", "A1.5"),
            ("1.3", "A2"),
            ("1.4", "A-end"),
            ("2", "X"),
            ("3", "B"),
            ("4", "Z"),
        ])
    );
    let pid = env.pid;
    let ghost = env.id();
    let id = env.id();
    let e = env.refused(Command::InsertTask { project: pid, id, parent: Some(ghost), after: None, task: task("x") });
    assert_eq!(e, DomainError::NotFound { kind: "task", id: ghost });
}

#[test]
fn indent_outdent_move_up_down() {
    let mut env = Env::new(5);
    let pid = env.pid;
    let a = env.add(None, "A");
    let a1 = env.add(Some(a), "A1");
    let b = env.add(None, "B");
    let c = env.add(None, "C");
    let d = env.add(None, "D");

    env.ok(Command::Indent { project: pid, task: b });
    assert_eq!(env.wbs(), rows(&[("1", "A"), ("1.1", "A1"), ("1.2", "B"), ("2", "C"), ("3", "D")]));
    env.ok(Command::Indent { project: pid, task: b }); // under A1 now
    assert_eq!(env.wbs(), rows(&[("1", "A"), ("1.1", "A1"), ("1.1.1", "B"), ("2", "C"), ("3", "D")]));
    env.ok(Command::Outdent { project: pid, task: b }); // right after A1
    env.ok(Command::Outdent { project: pid, task: b }); // right after A
    assert_eq!(env.wbs(), rows(&[("1", "A"), ("1.1", "A1"), ("2", "B"), ("3", "C"), ("4", "D")]));

    env.ok(Command::MoveDown { project: pid, task: b });
    assert_eq!(env.wbs(), rows(&[("1", "A"), ("1.1", "A1"), ("2", "C"), ("3", "B"), ("4", "D")]));
    env.ok(Command::MoveUp { project: pid, task: d });
    env.ok(Command::MoveUp { project: pid, task: d });
    assert_eq!(env.wbs(), rows(&[("1", "A"), ("1.1", "A1"), ("2", "D"), ("3", "C"), ("4", "B")]));
    // A task moves with its subtree.
    env.ok(Command::MoveDown { project: pid, task: a });
    assert_eq!(env.wbs(), rows(&[("1", "D"), ("2", "A"), ("2.1", "A1"), ("3", "C"), ("4", "B")]));

    // Outdenting a task with later siblings puts it right after its parent; the siblings stay.
    let x = env.add(Some(c), "C1");
    env.add(Some(c), "C2");
    env.ok(Command::Outdent { project: pid, task: x });
    assert_eq!(
        env.wbs(),
        rows(&[("1", "D"), ("2", "A"), ("2.1", "A1"), ("3", "C"), ("3.1", "C2"), ("4", "C1"), ("5", "B")])
    );
    let _ = a1;
}

#[test]
fn moves_at_the_edges_are_refused() {
    let mut env = Env::new(6);
    let pid = env.pid;
    let a = env.add(None, "A");
    let a1 = env.add(Some(a), "A1");
    let a2 = env.add(Some(a), "A2");
    let b = env.add(None, "B");
    for cmd in [
        Command::MoveUp { project: pid, task: a },
        Command::MoveDown { project: pid, task: b },
        Command::MoveUp { project: pid, task: a1 },
        Command::MoveDown { project: pid, task: a2 },
        Command::Indent { project: pid, task: a },
        Command::Indent { project: pid, task: a1 },
        Command::Outdent { project: pid, task: a },
        Command::Outdent { project: pid, task: b },
    ] {
        assert_eq!(env.refused(cmd), DomainError::CannotMove);
    }
    let ghost = env.id();
    for cmd in [
        Command::MoveUp { project: pid, task: ghost },
        Command::MoveDown { project: pid, task: ghost },
        Command::Indent { project: pid, task: ghost },
        Command::Outdent { project: pid, task: ghost },
        Command::MoveTask { project: pid, task: ghost, parent: None, index: 0 },
    ] {
        assert_eq!(env.refused(cmd), DomainError::NotFound { kind: "task", id: ghost });
    }
    // A single task: nowhere to go.
    let mut solo = Env::new(7);
    let s = solo.add(None, "S");
    let spid = solo.pid;
    assert_eq!(solo.refused(Command::MoveUp { project: spid, task: s }), DomainError::CannotMove);
    assert_eq!(solo.refused(Command::MoveDown { project: spid, task: s }), DomainError::CannotMove);
}

#[test]
fn move_task_to_an_index() {
    let mut env = Env::new(8);
    let pid = env.pid;
    let a = env.add(None, "A");
    let b = env.add(None, "B");
    let c = env.add(None, "C");
    env.ok(Command::MoveTask { project: pid, task: c, parent: None, index: 0 });
    assert_eq!(env.wbs(), rows(&[("1", "C"), ("2", "A"), ("3", "B")]));
    env.ok(Command::MoveTask { project: pid, task: c, parent: None, index: 99 });
    assert_eq!(env.wbs(), rows(&[("1", "A"), ("2", "B"), ("3", "C")]));
    env.ok(Command::MoveTask { project: pid, task: a, parent: Some(b), index: 0 });
    env.ok(Command::MoveTask { project: pid, task: c, parent: Some(b), index: 0 });
    assert_eq!(env.wbs(), rows(&[("1", "B"), ("1.1", "C"), ("1.2", "A")]));
    // Moving to where it already is records nothing.
    let n = env.p().changes.len();
    let out = env.ok(Command::MoveTask { project: pid, task: c, parent: Some(b), index: 0 });
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(env.p().changes.len(), n);
}

#[test]
fn a_hundred_inserts_at_the_same_spot_keep_the_intended_order() {
    let mut env = Env::new(9);
    let a = env.add(None, "A");
    let b = env.add(None, "B");
    let mut renumbered = 0;
    for i in 1..=100 {
        let before = env.p().changes.len();
        env.insert_after(None, a, &format!("X{i}"));
        let batch = &env.p().changes[before..];
        if batch.iter().any(|c| c.field == "rank" && c.entity != EntityRef::task(a)) {
            renumbered += 1;
        }
    }
    assert!(renumbered >= 2, "the rank-renumbering path was not exercised ({renumbered})");
    // Each insert goes right after A, so the latest is first.
    let mut want = vec!["A".to_string()];
    want.extend((1..=100).rev().map(|i| format!("X{i}")));
    want.push("B".into());
    let got: Vec<String> = env.wbs().into_iter().map(|r| r.1).collect();
    assert_eq!(got, want);
    let numbers: Vec<String> = env.wbs().into_iter().map(|r| r.0).collect();
    let want_numbers: Vec<String> = (1..=102).map(|i| i.to_string()).collect();
    assert_eq!(numbers, want_numbers);
    // All ranks distinct and finite.
    let mut ranks: Vec<f64> = env.p().tasks.values().map(|t| t.rank).collect();
    assert!(ranks.iter().all(|r| r.is_finite()));
    ranks.sort_by(f64::total_cmp);
    ranks.dedup();
    assert_eq!(ranks.len(), 102);
    let _ = b;

    // Always right after the newest one: the order is that of insertion.
    let mut env = Env::new(10);
    let a = env.add(None, "A");
    env.add(None, "B");
    let mut last = a;
    for i in 1..=100 {
        last = env.insert_after(None, last, &format!("Y{i}"));
    }
    let mut want = vec!["A".to_string()];
    want.extend((1..=100).map(|i| format!("Y{i}")));
    want.push("B".into());
    let got: Vec<String> = env.wbs().into_iter().map(|r| r.1).collect();
    assert_eq!(got, want);

    // Repeated moves to the front of a child list.
    let mut env = Env::new(11);
    let pid = env.pid;
    let parent = env.add(None, "P");
    let kids: Vec<_> = (0..30).map(|i| env.add(Some(parent), &format!("k{i}"))).collect();
    for k in &kids {
        env.ok(Command::MoveTask { project: pid, task: *k, parent: Some(parent), index: 1 });
    }
    // Every task moved to index 1 in turn: the last moved is second, k0 (moved first, then pushed)…
    let got: Vec<String> = env.wbs().into_iter().skip(1).map(|r| r.1).collect();
    let mut sim: Vec<String> = (0..30).map(|i| format!("k{i}")).collect();
    for i in 0..30 {
        let name = format!("k{i}");
        sim.retain(|s| *s != name);
        sim.insert(1, name);
    }
    assert_eq!(got, sim);
}

#[test]
fn renumbering_is_recorded_and_replays() {
    let mut env = Env::new(12);
    let a = env.add(None, "A");
    env.add(None, "B");
    for i in 0..80 {
        env.insert_after(None, a, &format!("X{i}"));
    }
    let p = env.p();
    let r = replay(p.id, &p.changes);
    assert_eq!(entities(&r), entities(p));
    assert_eq!(wbs(&r), wbs(p));
}

#[test]
fn setting_parent_directly_renumbers() {
    let mut env = Env::new(13);
    let a = env.add(None, "A");
    let b = env.add(None, "B");
    env.set_ok(EntityRef::task(b), TaskField::Parent, json!(a));
    assert_eq!(env.wbs(), rows(&[("1", "A"), ("1.1", "B")]));
}

/// Issue 13 item 9: a task's status follows its progress (未着手 → 進行中 → 完了), a status set by
/// hand stays until the progress changes again, blocked and cancelled tasks keep theirs, a status
/// set in the same command wins, and one undo takes back both.
#[test]
fn status_follows_progress_unless_set_by_hand() {
    use mieruka_core::undo::UndoStack;
    use mieruka_core::TaskStatus::*;
    let mut env = Env::new(9);
    let t = env.add(None, "基本設計");
    let task = EntityRef::task(t);
    let status = |env: &Env| env.task(t).status;
    env.set_ok(task, TaskField::Percent, json!(50));
    assert_eq!(status(&env), InProgress);
    env.set_ok(task, TaskField::Percent, json!(100));
    assert_eq!(status(&env), Done);
    env.set_ok(task, TaskField::Percent, json!(80));
    assert_eq!(status(&env), InProgress, "reopened");
    env.set_ok(task, TaskField::Percent, json!(0));
    assert_eq!(status(&env), NotStarted);
    // Set by hand: stays until the progress changes again.
    env.set_ok(task, TaskField::Status, json!("done"));
    assert_eq!(status(&env), Done);
    env.set_ok(task, TaskField::Percent, json!(0));
    assert_eq!(status(&env), Done, "the same progress again is no change");
    env.set_ok(task, TaskField::Percent, json!(30));
    assert_eq!(status(&env), InProgress);
    // Blocked and cancelled keep their status.
    env.set_ok(task, TaskField::Status, json!("blocked"));
    env.set_ok(task, TaskField::Percent, json!(100));
    assert_eq!(status(&env), Blocked);
    env.set_ok(task, TaskField::Status, json!("cancelled"));
    env.set_ok(task, TaskField::Percent, json!(40));
    assert_eq!(status(&env), Cancelled);
    // A status in the same command wins.
    env.set_ok(task, TaskField::Status, json!("not_started"));
    let pid = env.pid;
    env.ok(Command::SetMany {
        project: pid,
        entity: task,
        fields: vec![(TaskField::Percent.into(), json!(60)), (TaskField::Status.into(), json!("blocked"))],
    });
    assert_eq!(status(&env), Blocked);
    // One batch: undo takes back the progress and the status it moved.
    env.set_ok(task, TaskField::Status, json!("not_started"));
    let out = env.set_ok(task, TaskField::Percent, json!(100));
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].batch, out[1].batch);
    let mut stack = UndoStack::default();
    stack.record(out[0].batch);
    let batch = stack.peek_undo().unwrap();
    env.ok(Command::Revert { project: pid, batch });
    assert_eq!((env.task(t).percent, status(&env)), (60.0, NotStarted));
}
