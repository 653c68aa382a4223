//! Undo and redo: `Command::Revert` / `Command::Reapply` on batches, and `undo::UndoStack`.

mod common;

use common::*;
use mieruka_core::replay::replay;
use mieruka_core::undo::UndoStack;
use mieruka_core::{
    Command, DomainError, EntityRef, Id, IssueField, IssueStatus, ProjectField, RiskStatus, Task, TaskField,
};
use proptest::prelude::*;
use serde_json::json;

/// Runs `cmd`, then checks that reverting it restores the state before and that reapplying the
/// original batch gives back the state after. Returns the batch id.
#[track_caller]
fn undo_redo_roundtrip(env: &mut Env, cmd: Command) -> Id {
    let pid = env.pid;
    let before = entities(env.p());
    let stamp = env.stamp();
    let out = env.run_with(cmd, &stamp).expect("command accepted");
    assert!(!out.is_empty());
    let after = entities(env.p());
    assert_ne!(before, after);

    let undo = env.ok(Command::Revert { project: pid, batch: stamp.batch });
    assert!(!undo.is_empty());
    assert_eq!(entities(env.p()), before, "revert restores the state before");
    let redo = env.ok(Command::Reapply { project: pid, batch: stamp.batch });
    assert!(!redo.is_empty());
    assert_eq!(entities(env.p()), after, "reapply gives back the state after");
    // Undo and redo are recorded like any edit: the log still replays to the state.
    let p = env.p();
    assert_eq!(entities(&replay(pid, &p.changes)), after);
    stamp.batch
}

#[test]
fn undo_redo_a_set() {
    let mut env = Env::new(1);
    let t = env.add(None, "設計");
    let pid = env.pid;
    let cmd = env.set_cmd(EntityRef::task(t), TaskField::Percent, json!(40));
    undo_redo_roundtrip(&mut env, cmd);
    let cmd = Command::SetMany {
        project: pid,
        entity: EntityRef::task(t),
        fields: vec![
            (TaskField::Title.into(), json!("詳細設計")),
            (TaskField::Start.into(), json!("2025-04-01")),
            (TaskField::Due.into(), json!("2025-04-30")),
            (TaskField::EstimateHours.into(), json!(24.5)),
        ],
    };
    undo_redo_roundtrip(&mut env, cmd);
    let cmd = Command::SetMany {
        project: pid,
        entity: EntityRef::project(pid),
        fields: vec![(ProjectField::Name.into(), json!("新名称")), (ProjectField::Status.into(), json!("active"))],
    };
    undo_redo_roundtrip(&mut env, cmd);
}

#[test]
fn undo_redo_delete_of_a_subtree_with_references_into_it() {
    let mut env = Env::new(2);
    let pid = env.pid;
    let m = env.add_member("佐藤");
    let a = env.add(None, "A");
    let a1 = env.add(Some(a), "A1");
    let a2 = env.add(Some(a), "A2");
    let a2x = env.add_task(Some(a2), Task { assignee: Some(m), depends_on: vec![a1], ..task("A2x") });
    let b = env.add(None, "B");
    let c = env.add(None, "C");
    env.set_ok(EntityRef::task(b), TaskField::DependsOn, json!([a2x, c]));
    env.set_ok(EntityRef::task(c), TaskField::DependsOn, json!([a1]));
    let i = env.add_issue(mieruka_core::Issue { linked_tasks: vec![a1, b, a2x], ..issue("課題") });
    let r = env.add_risk(risk("リスク"));
    let i2 = env.add_issue(mieruka_core::Issue { linked_tasks: vec![a2], linked_risks: vec![r], ..issue("課題2") });

    undo_redo_roundtrip(&mut env, Command::Delete { project: pid, entity: EntityRef::task(a) });
    // After the redo: the subtree is gone and nothing points into it.
    let p = env.p();
    for gone in [a, a1, a2, a2x] {
        assert!(!p.tasks.contains_key(&gone));
    }
    assert_eq!(p.tasks[&b].depends_on, vec![c]);
    assert!(p.tasks[&c].depends_on.is_empty());
    assert_eq!(p.issues[&i].linked_tasks, vec![b]);
    assert!(p.issues[&i2].linked_tasks.is_empty());
    assert_eq!(p.issues[&i2].linked_risks, vec![r]);

    // Deleting other kinds clears their references, and undo brings them back.
    let mut env2 = Env::new(3);
    let pid2 = env2.pid;
    let m2 = env2.add_member("鈴木");
    let t = env2.add_task(None, Task { assignee: Some(m2), ..task("T") });
    let r2 = env2.add_risk(mieruka_core::Risk { owner: Some(m2), ..risk("R") });
    let i3 = env2.id();
    env2.ok(Command::RiskToIssue { project: pid2, risk: r2, issue: i3, raised_on: date(2025, 5, 1) });
    env2.set_ok(EntityRef::issue(i3), IssueField::Owner, json!(m2));
    undo_redo_roundtrip(&mut env2, Command::Delete { project: pid2, entity: EntityRef::member(m2) });
    assert_eq!(env2.task(t).assignee, None);
    undo_redo_roundtrip(&mut env2, Command::Delete { project: pid2, entity: EntityRef::issue(i3) });
    assert_eq!(env2.p().risks[&r2].linked_issue, None);
    let i4 = env2.add_issue(mieruka_core::Issue { linked_risks: vec![r2], ..issue("I4") });
    undo_redo_roundtrip(&mut env2, Command::Delete { project: pid2, entity: EntityRef::risk(r2) });
    assert!(env2.p().issues[&i4].linked_risks.is_empty());
}

#[test]
fn undo_redo_moves() {
    let mut env = Env::new(4);
    let pid = env.pid;
    let a = env.add(None, "A");
    let b = env.add(None, "B");
    let c = env.add(None, "C");
    let c1 = env.add(Some(c), "C1");
    undo_redo_roundtrip(&mut env, Command::MoveTask { project: pid, task: a, parent: Some(c), index: 0 });
    assert_eq!(env.wbs(), rows(&[("1", "B"), ("2", "C"), ("2.1", "A"), ("2.2", "C1")]));
    undo_redo_roundtrip(&mut env, Command::Indent { project: pid, task: c });
    assert_eq!(env.wbs(), rows(&[("1", "B"), ("1.1", "C"), ("1.1.1", "A"), ("1.1.2", "C1")]));
    undo_redo_roundtrip(&mut env, Command::Outdent { project: pid, task: a });
    assert_eq!(env.wbs(), rows(&[("1", "B"), ("1.1", "C"), ("1.1.1", "C1"), ("1.2", "A")]));
    undo_redo_roundtrip(&mut env, Command::MoveUp { project: pid, task: a });
    assert_eq!(env.wbs(), rows(&[("1", "B"), ("1.1", "A"), ("1.2", "C"), ("1.2.1", "C1")]));
    undo_redo_roundtrip(&mut env, Command::MoveDown { project: pid, task: a });
    assert_eq!(env.wbs(), rows(&[("1", "B"), ("1.1", "C"), ("1.1.1", "C1"), ("1.2", "A")]));
    let _ = (b, c1);
    // A move that renumbered the siblings is undone exactly (ranks included).
    let mut env = Env::new(5);
    let pid = env.pid;
    let a = env.add(None, "A");
    env.add(None, "B");
    let last = loop {
        let n = env.p().changes.len();
        let last = env.insert_after(None, a, "x");
        if env.p().changes.len() - n > 1 {
            break last; // that insert renumbered
        }
    };
    let before = entities(env.p());
    let batch = env.p().changes.last().unwrap().batch;
    env.ok(Command::Revert { project: pid, batch });
    assert!(!env.p().tasks.contains_key(&last));
    env.ok(Command::Reapply { project: pid, batch });
    assert_eq!(entities(env.p()), before);
    let cmd = Command::MoveTask { project: pid, task: a, parent: None, index: 3 };
    undo_redo_roundtrip(&mut env, cmd);
}

#[test]
fn undo_redo_risk_to_issue() {
    let mut env = Env::new(6);
    let pid = env.pid;
    let m = env.add_member("山田");
    let r = env.add_risk(mieruka_core::Risk {
        probability: 5,
        impact: 4,
        owner: Some(m),
        description: "ベンダー要員が確保できない".into(),
        cause: "他案件との競合".into(),
        ..risk("要員不足")
    });
    let i = env.id();
    let before = entities(env.p());
    undo_redo_roundtrip(
        &mut env,
        Command::RiskToIssue { project: pid, risk: r, issue: i, raised_on: date(2025, 6, 2) },
    );
    let p = env.p();
    let issue = &p.issues[&i];
    assert_eq!(issue.title, "要員不足");
    assert_eq!(issue.description, "ベンダー要員が確保できない\n\n他案件との競合");
    assert_eq!(issue.raised_on, Some(date(2025, 6, 2)));
    assert_eq!(issue.owner, Some(m));
    assert_eq!(issue.priority, mieruka_core::Priority::Critical); // 5 × 4 = 20
    assert_eq!(issue.status, IssueStatus::Open);
    assert_eq!(issue.linked_risks, vec![r]);
    assert_eq!(p.risks[&r].status, RiskStatus::Occurred);
    assert_eq!(p.risks[&r].linked_issue, Some(i));
    assert_eq!(before.risks[&r].status, RiskStatus::Open);
}

#[test]
fn undo_redo_creations() {
    let mut env = Env::new(7);
    let pid = env.pid;
    let id = env.id();
    undo_redo_roundtrip(&mut env, Command::AddTask { project: pid, id, task: task("新規") });
    let id = env.id();
    undo_redo_roundtrip(&mut env, Command::AddRisk { project: pid, id, risk: risk("新規リスク") });
    let id = env.id();
    undo_redo_roundtrip(&mut env, Command::AddMember { project: pid, id, member: member("新人") });
}

#[test]
fn nothing_to_undo_or_redo() {
    let mut env = Env::new(8);
    let pid = env.pid;
    let ghost = env.id();
    assert_eq!(env.refused(Command::Revert { project: pid, batch: ghost }), DomainError::NothingToUndo);
    assert_eq!(env.refused(Command::Reapply { project: pid, batch: ghost }), DomainError::NothingToRedo);
    // Undoing twice: the second time there is nothing left to change.
    let t = env.add(None, "A");
    let stamp = env.stamp();
    env.run_with(env.set_cmd(EntityRef::task(t), TaskField::Percent, json!(10)), &stamp).unwrap();
    env.ok(Command::Revert { project: pid, batch: stamp.batch });
    let n = env.p().changes.len();
    assert!(env.ok(Command::Revert { project: pid, batch: stamp.batch }).is_empty());
    assert_eq!(env.p().changes.len(), n);
    // Undoing a creation is refused whole when something refers to the entity since (here a child,
    // a dependent task, an issue link, an assignment): it would leave references to nothing.
    let p1 = env.id();
    let stamp = env.stamp();
    env.run_with(Command::AddTask { project: pid, id: p1, task: task("親") }, &stamp).unwrap();
    let child = env.add(Some(p1), "子");
    let before = env.ws.clone();
    let e = env.refused(Command::Revert { project: pid, batch: stamp.batch });
    assert_eq!(e, DomainError::NotFound { kind: "task", id: p1 });
    assert_eq!(env.ws, before);
    env.ok(Command::Delete { project: pid, entity: EntityRef::task(child) });
    let dependent = env.add_task(None, Task { depends_on: vec![p1], ..task("後続") });
    assert_eq!(env.refused(Command::Revert { project: pid, batch: stamp.batch }), DomainError::ForeignTask(p1));
    env.ok(Command::Delete { project: pid, entity: EntityRef::task(dependent) });
    let i = env.add_issue(mieruka_core::Issue { linked_tasks: vec![p1], ..issue("課題") });
    assert_eq!(
        env.refused(Command::Revert { project: pid, batch: stamp.batch }),
        DomainError::NotFound { kind: "task", id: p1 }
    );
    env.ok(Command::Delete { project: pid, entity: EntityRef::issue(i) });
    // Nothing refers to it any more: the undo goes through.
    env.ok(Command::Revert { project: pid, batch: stamp.batch });
    assert!(!env.p().tasks.contains_key(&p1));

    let m = env.id();
    let stamp = env.stamp();
    env.run_with(Command::AddMember { project: pid, id: m, member: member("新人") }, &stamp).unwrap();
    env.add_task(None, Task { assignee: Some(m), ..task("担当あり") });
    assert_eq!(
        env.refused(Command::Revert { project: pid, batch: stamp.batch }),
        DomainError::NotFound { kind: "member", id: m }
    );
    let r = env.id();
    let stamp = env.stamp();
    env.run_with(Command::AddRisk { project: pid, id: r, risk: risk("R") }, &stamp).unwrap();
    let i2 = env.id();
    env.ok(Command::RiskToIssue { project: pid, risk: r, issue: i2, raised_on: date(2025, 4, 1) });
    assert_eq!(
        env.refused(Command::Revert { project: pid, batch: stamp.batch }),
        DomainError::NotFound { kind: "risk", id: r }
    );
}

#[test]
fn the_project_creation_cannot_be_undone_or_redone() {
    let mut env = Env::new(11);
    let pid = env.pid;
    let created = env.p().changes[0].batch;
    env.set_ok(mieruka_core::EntityRef::project(pid), ProjectField::Name, json!("改名後"));
    assert_eq!(
        env.refused(Command::Revert { project: pid, batch: created }),
        DomainError::NotFound { kind: "project", id: pid }
    );
    // Redoing the creation would reset the renamed project to its first name.
    assert_eq!(env.refused(Command::Reapply { project: pid, batch: created }), DomainError::DuplicateId(pid));
    assert_eq!(env.p().info.name, "改名後");
}

#[test]
fn undo_stack() {
    let mut s = UndoStack::default();
    assert!(!s.can_undo() && !s.can_redo());
    assert_eq!((s.peek_undo(), s.peek_redo()), (None, None));
    let ids: Vec<Id> = {
        let mut g = mieruka_core::id::SeqIds::new(9);
        (0..5).map(|_| g.next_id()).collect()
    };
    s.record(ids[0]);
    s.record(ids[1]);
    assert_eq!(s.peek_undo(), Some(ids[1]));
    s.undone();
    assert_eq!((s.peek_undo(), s.peek_redo()), (Some(ids[0]), Some(ids[1])));
    s.redone(ids[2]); // redo ran as a new batch
    assert_eq!((s.peek_undo(), s.peek_redo()), (Some(ids[2]), None));
    s.undone();
    s.undone();
    assert_eq!((s.peek_undo(), s.peek_redo()), (None, Some(ids[0])));
    s.undone(); // nothing left: no effect
    assert_eq!((s.peek_undo(), s.peek_redo()), (None, Some(ids[0])));
    s.record(ids[3]); // a new edit clears the redo stack
    assert!(!s.can_redo());
    assert_eq!(s.peek_undo(), Some(ids[3]));
    s.redone(ids[4]); // nothing to redo: no effect
    assert_eq!(s.peek_undo(), Some(ids[3]));
    s.discard_undo();
    assert!(!s.can_undo());
    s.record(ids[0]);
    s.undone();
    s.discard_redo();
    assert!(!s.can_redo() && !s.can_undo());
}

#[test]
fn undo_stack_drives_revert_and_reapply() {
    let mut env = Env::new(10);
    let pid = env.pid;
    let mut stack = UndoStack::default();
    let t = env.add(None, "A");
    let s0 = entities(env.p());
    let mut states = vec![s0];
    for v in [10, 20, 30] {
        let stamp = env.stamp();
        env.run_with(env.set_cmd(EntityRef::task(t), TaskField::Percent, json!(v)), &stamp).unwrap();
        stack.record(stamp.batch);
        states.push(entities(env.p()));
    }
    let undo = |env: &mut Env, stack: &mut UndoStack| {
        let b = stack.peek_undo().unwrap();
        env.ok(Command::Revert { project: pid, batch: b });
        stack.undone();
    };
    undo(&mut env, &mut stack);
    assert_eq!(env.task(t).percent, 20.0);
    undo(&mut env, &mut stack);
    assert_eq!(env.task(t).percent, 10.0);
    // Redo
    let b = stack.peek_redo().unwrap();
    let stamp = env.stamp();
    env.run_with(Command::Reapply { project: pid, batch: b }, &stamp).unwrap();
    stack.redone(stamp.batch);
    assert_eq!(entities(env.p()), states[2]);
    // Undo the redo (its own batch), then the first edit.
    undo(&mut env, &mut stack);
    assert_eq!(entities(env.p()), states[1]);
    undo(&mut env, &mut stack);
    assert_eq!(entities(env.p()), states[0]);
    assert!(!stack.can_undo());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), .. ProptestConfig::default() })]

    /// Reverting every batch in reverse order brings back the start, step by step.
    #[test]
    fn revert_everything_in_reverse_order(seed in 0u64..1000, setup in ops(20), ops in ops(40)) {
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        run_ops(&mut env, &pools, &setup);
        let start = entities(env.p());
        let mut states = vec![start.clone()];
        let mut batches = Vec::new();
        for op in &ops {
            let b = run_ops(&mut env, &pools, std::slice::from_ref(op));
            if let Some(b) = b.first() {
                batches.push(*b);
                states.push(entities(env.p()));
            }
        }
        let pid = env.pid;
        for (k, b) in batches.iter().enumerate().rev() {
            let r = env.run(Command::Revert { project: pid, batch: *b });
            prop_assert!(r.is_ok(), "revert of batch {} refused: {:?}", k, r);
            prop_assert_eq!(&entities(env.p()), &states[k], "after reverting batch {}", k);
        }
        prop_assert_eq!(entities(env.p()), start);
        // Replay still explains the state after all the undos.
        let p = env.p();
        prop_assert_eq!(entities(&replay(pid, &p.changes)), entities(p));
    }

    /// Undo then redo of the last command is the identity, whatever came before.
    #[test]
    fn revert_then_reapply_the_last_batch(seed in 0u64..1000, ops in ops(40)) {
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        let batches = run_ops(&mut env, &pools, &ops);
        if let Some(b) = batches.last() {
            let pid = env.pid;
            let after = entities(env.p());
            env.run(Command::Revert { project: pid, batch: *b }).unwrap();
            let r = env.run(Command::Reapply { project: pid, batch: *b });
            prop_assert!(r.is_ok(), "{:?}", r);
            prop_assert_eq!(entities(env.p()), after);
        }
    }
}
