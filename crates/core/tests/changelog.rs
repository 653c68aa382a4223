//! The change log: what `apply` records, and that replaying the log rebuilds the state exactly.

mod common;

use common::*;
use mieruka_core::change::{CREATE, DELETE};
use mieruka_core::replay::{normalize, replay};
use mieruka_core::{apply, Command, EntityRef, Stamp, TaskField};
use proptest::prelude::*;
use serde_json::json;

#[test]
fn every_apply_appends_its_changes_with_the_stamp() {
    let mut env = Env::new(1);
    assert_eq!(env.p().changes.len(), 1, "CreateProject records the project's creation");
    assert_eq!(env.p().changes[0].field, CREATE);
    assert_eq!(env.p().changes[0].entity, EntityRef::project(env.pid));

    let pid = env.pid;
    let a = env.id();
    let b = env.id();
    let cmds = vec![
        Command::AddTask { project: pid, id: a, task: task("A") },
        Command::AddTask { project: pid, id: b, task: task("B") },
        env.set_cmd(EntityRef::task(a), TaskField::Percent, json!(30)),
        Command::SetMany {
            project: pid,
            entity: EntityRef::task(b),
            fields: vec![(TaskField::Title.into(), json!("B2")), (TaskField::DependsOn.into(), json!([a]))],
        },
        Command::Delete { project: pid, entity: EntityRef::task(a) },
    ];
    for cmd in cmds {
        let before = env.p().changes.len();
        let stamp = Stamp::new(env.at + chrono::Duration::minutes(5), "sato", env.id());
        env.at = stamp.at;
        let out = apply(&mut env.ws, cmd, &stamp).unwrap();
        assert!(!out.is_empty());
        assert_eq!(&env.p().changes[before..], &out[..], "returned changes are the appended ones");
        for (n, c) in out.iter().enumerate() {
            assert_eq!(c.actor, "sato");
            assert_eq!(c.batch, stamp.batch);
            assert_eq!(c.id, stamp.change_id(n));
            assert_eq!(c.at, stamp.at);
        }
    }
    // The last command deleted A: A's dependent B lost its dependency first, then the tombstone.
    let last: Vec<_> = env.p().changes.iter().rev().take(2).collect();
    assert_eq!(last[0].field, DELETE);
    assert_eq!(last[0].entity, EntityRef::task(a));
    assert_eq!(last[0].from["title"], json!("A"));
    assert_eq!(last[0].from["percent"], json!(30.0));
    assert_eq!(last[1].field, "depends_on");
    assert_eq!((last[1].from.clone(), last[1].to.clone()), (json!([a]), json!([])));
}

#[test]
fn values_are_recorded_normalized() {
    let mut env = Env::new(2);
    let t = env.add(None, "A");
    let out = env.set_ok(EntityRef::task(t), TaskField::EstimateHours, json!(8));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].from, json!(0.0));
    assert_eq!(out[0].to, json!(8.0));
    assert_eq!(out[0].field, "estimate_hours");
    // A creation records the whole entity as stored, defaults included.
    let created = env.p().changes.iter().find(|c| c.entity == EntityRef::task(t) && c.is_create()).unwrap();
    assert_eq!(created.from, json!(null));
    assert_eq!(created.to["status"], json!("not_started"));
    assert_eq!(created.to["rank"], json!(1.0));
    assert_eq!(created.to["depends_on"], json!([]));
}

#[test]
fn a_no_op_edit_records_nothing() {
    let mut env = Env::new(3);
    let t = env.add_task(None, mieruka_core::Task { percent: 50.0, estimate_hours: 8.0, ..task("A") });
    let n = env.p().changes.len();
    let before = env.ws.clone();
    for (field, value) in [
        (TaskField::Title, json!("A")),
        (TaskField::Percent, json!(50.0)),
        (TaskField::Percent, json!(50)), // the same number written as an integer
        (TaskField::EstimateHours, json!(8)),
        (TaskField::Parent, json!(null)),
        (TaskField::DependsOn, json!([])),
        (TaskField::Status, json!("not_started")),
    ] {
        let out = env.set_ok(EntityRef::task(t), field, value.clone());
        assert!(out.is_empty(), "{field:?} = {value} recorded {out:?}");
    }
    let pid = env.pid;
    let out = env.ok(Command::SetMany {
        project: pid,
        entity: EntityRef::task(t),
        fields: vec![(TaskField::Title.into(), json!("A")), (TaskField::Percent.into(), json!(50))],
    });
    assert!(out.is_empty(), "{out:?}");
    // A form save where one field changed records only that field.
    let out = env.ok(Command::SetMany {
        project: pid,
        entity: EntityRef::task(t),
        fields: vec![(TaskField::Title.into(), json!("A")), (TaskField::Percent.into(), json!(60))],
    });
    // (The status follows the progress: 未着手 at 60 % becomes 進行中, in the same batch.)
    let fields: Vec<&str> = out.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["percent", "status"]);
    assert_eq!(env.p().changes.len(), n + 2);
    assert_ne!(env.ws, before);
}

#[test]
fn change_times_strictly_increase_even_with_repeated_or_late_stamps() {
    let mut env = Env::new(4);
    let pid = env.pid;
    let same = env.at + chrono::Duration::hours(1);
    let mut batches = Vec::new();
    for i in 0..20 {
        let id = env.id();
        let batch = env.id();
        // The same instant for every command, then instants going backwards.
        let at = if i < 10 { same } else { same - chrono::Duration::minutes(i) };
        let stamp = Stamp::new(at, "yamada", batch);
        let cmd = if i % 2 == 0 {
            Command::AddTask { project: pid, id, task: task(&format!("t{i}")) }
        } else {
            Command::RiskToIssue { project: pid, risk: env.add_risk_raw(), issue: id, raised_on: date(2025, 4, 1) }
        };
        apply(&mut env.ws, cmd, &stamp).unwrap();
        batches.push(batch);
    }
    let changes = &env.p().changes;
    for w in changes.windows(2) {
        if w[0].batch == w[1].batch {
            assert_eq!(w[0].at, w[1].at, "one command, one instant");
            assert!(w[0].id < w[1].id);
        } else {
            assert!(w[0].at < w[1].at, "{} !< {}", w[0].at, w[1].at);
        }
    }
    // So the log is already in its effective order.
    let mut sorted = changes.clone();
    normalize(&mut sorted);
    assert_eq!(&sorted, changes);
}

trait RawRisk {
    fn add_risk_raw(&mut self) -> mieruka_core::Id;
}

impl RawRisk for Env {
    /// Adds a risk with the same instant as the previous change (a stamp in the past).
    fn add_risk_raw(&mut self) -> mieruka_core::Id {
        let id = self.id();
        let last = self.p().changes.last().unwrap().at;
        let stamp = Stamp::new(last, "suzuki", self.id());
        apply(&mut self.ws, Command::AddRisk { project: self.pid, id, risk: risk("r") }, &stamp).unwrap();
        id
    }
}

#[test]
fn refused_commands_record_nothing() {
    let mut env = Env::new(5);
    let t = env.add(None, "A");
    let n = env.p().changes.len();
    assert!(env.set(EntityRef::task(t), TaskField::Percent, json!(101)).is_err());
    assert!(env.set(EntityRef::task(t), TaskField::Title, json!("")).is_err());
    assert_eq!(env.p().changes.len(), n);
}

#[test]
fn replay_of_a_hand_made_history() {
    let mut env = Env::new(6);
    let pid = env.pid;
    // (number of changes, state) after every command
    let mut snapshots = vec![(env.p().changes.len(), entities(env.p()))];
    macro_rules! snap {
        () => {
            snapshots.push((env.p().changes.len(), entities(env.p())))
        };
    }
    let m = env.add_member("山田");
    snap!();
    let a = env.add(None, "A");
    snap!();
    let a1 = env.add(Some(a), "A1");
    snap!();
    let b = env.add(None, "B");
    snap!();
    env.set_ok(EntityRef::task(b), TaskField::DependsOn, json!([a1]));
    snap!();
    env.set_ok(EntityRef::task(a1), TaskField::Assignee, json!(m));
    snap!();
    let i = env.add_issue(mieruka_core::Issue { linked_tasks: vec![a1], ..issue("課題") });
    snap!();
    let r = env.add_risk(risk("リスク"));
    snap!();
    let i2 = env.id();
    env.ok(Command::RiskToIssue { project: pid, risk: r, issue: i2, raised_on: date(2025, 4, 2) });
    snap!();
    env.ok(Command::Indent { project: pid, task: b });
    snap!();
    env.ok(Command::Delete { project: pid, entity: EntityRef::member(m) });
    snap!();
    env.ok(Command::Delete { project: pid, entity: EntityRef::task(a) });
    snap!();
    let p = env.p();
    assert!(p.tasks.is_empty());
    assert!(p.issues[&i].linked_tasks.is_empty());
    assert_eq!(p.risks[&r].linked_issue, Some(i2));
    let rp = replay(pid, &p.changes);
    assert_eq!(entities(&rp), entities(p));
    assert_eq!(rp.changes, p.changes);
    // Replaying a prefix of the log gives the state as it was then (history for any past day).
    for (n, state) in &snapshots {
        assert_eq!(&entities(&replay(pid, &p.changes[..*n])), state, "after {n} changes");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), .. ProptestConfig::default() })]

    /// Replaying the log of any command sequence rebuilds the state exactly.
    #[test]
    fn replay_reproduces_the_state(seed in 0u64..1000, ops in ops(60)) {
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        run_ops(&mut env, &pools, &ops);
        let p = env.p();
        let r = replay(p.id, &p.changes);
        prop_assert_eq!(entities(&r), entities(p));
        // The log is in effective order already, and shuffling it does not matter once normalized.
        let mut shuffled = p.changes.clone();
        shuffled.reverse();
        normalize(&mut shuffled);
        prop_assert_eq!(&shuffled, &p.changes);
        // Every change names its batch's actor and time, and no change is a no-op.
        for c in &p.changes {
            prop_assert!(c.from != c.to, "no-op change recorded: {:?}", c);
        }
    }
}

#[test]
fn a_journal_reapplied_over_the_stored_project_restores_unsaved_edits_once() {
    use mieruka_core::replay::reapply;
    let mut env = Env::new(31);
    let t = env.add(None, "設計");
    let stored = env.p().clone();
    // Two edits the tab made but never stored.
    env.set_ok(EntityRef::task(t), TaskField::Title, json!("詳細設計"));
    env.set_ok(EntityRef::task(t), TaskField::EstimateHours, json!(12.0));
    let journal: Vec<_> = env.p().changes[stored.changes.len()..].to_vec();
    assert_eq!(journal.len(), 2);
    let mut back = stored.clone();
    let joined = reapply(&mut back, &journal);
    assert_eq!(joined.len(), 2);
    assert_eq!(back.tasks[&t].title, "詳細設計");
    assert_eq!(back.tasks[&t].estimate_hours, 12.0);
    assert_eq!(back.changes, env.p().changes, "the log is the tab's log");
    // Reapplying the same journal again changes nothing.
    let again = reapply(&mut back, &journal);
    assert!(again.is_empty());
    assert_eq!(back.changes, env.p().changes);
}

#[test]
fn a_journal_does_not_overwrite_a_later_edit_stored_by_another_tab() {
    use mieruka_core::replay::reapply;
    let mut env = Env::new(32);
    let t = env.add(None, "設計");
    let base_len = env.p().changes.len();
    let mut other = Env {
        ws: env.ws.clone(),
        ids: mieruka_core::id::SeqIds::new(33),
        at: env.at,
        actor: "sato".into(),
        pid: env.pid,
    };
    env.set_ok(EntityRef::task(t), TaskField::Title, json!("ours (older)"));
    let journal: Vec<_> = env.p().changes[base_len..].to_vec();
    // Another tab stored a later edit of the same field.
    other.at += chrono::Duration::seconds(30);
    other.set_ok(EntityRef::task(t), TaskField::Title, json!("theirs (later)"));
    let mut stored = other.p().clone();
    assert!(stored.changes.last().map(|c| c.order_key()) > journal.last().map(|c| c.order_key()));
    let joined = reapply(&mut stored, &journal);
    assert_eq!(joined.len(), 1, "the older edit joins the history");
    assert_eq!(stored.tasks[&t].title, "theirs (later)", "the latest change wins");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// What another tab does with a save announced by the changes it wrote: a tab with no unsaved
    /// edits of its own that holds the project as stored before that save reapplies those changes
    /// alone and ends with exactly the writer's project — state and log — whatever the edits were
    /// (creations, deletions with cascades, structure, undo).
    #[test]
    fn another_tabs_changes_reapplied_give_its_project(seed in 0u64..1000, before in ops(30), after in ops(30)) {
        use mieruka_core::replay::reapply;
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        run_ops(&mut env, &pools, &before);
        let mut reader = env.p().clone();
        let known: std::collections::BTreeSet<_> = reader.changes.iter().map(|c| c.id).collect();
        run_ops(&mut env, &pools, &after);
        let written: Vec<_> = env.p().changes.iter().filter(|c| !known.contains(&c.id)).cloned().collect();
        reapply(&mut reader, &written);
        prop_assert_eq!(entities(&reader), entities(env.p()));
        prop_assert_eq!(&reader.changes, &env.p().changes);
    }

    /// What team sync does with changes from another device (the browser's `absorb`): a copy with
    /// edits of its own not sent yet reapplies the other copy's new changes and ends with exactly
    /// the union of the two (state and log), as a merged file would. The other device, doing the
    /// same with ours, ends equal: this is what makes the order of syncs not matter.
    #[test]
    fn a_diverged_copys_changes_reapplied_give_the_union(
        seed in 0u64..1000, before in ops(20), ours in ops(20), theirs in ops(20),
    ) {
        use mieruka_core::merge::union;
        use mieruka_core::replay::{reapply, replay};
        let mut env = Env::new(seed);
        let pools = Pools::new(env.pid, seed);
        run_ops(&mut env, &pools, &before);
        let mut other = Env {
            ws: env.ws.clone(),
            ids: mieruka_core::id::SeqIds::new(seed + 5000),
            at: env.at,
            actor: "sato".into(),
            pid: env.pid,
        };
        let known: std::collections::BTreeSet<_> = env.p().changes.iter().map(|c| c.id).collect();
        run_ops(&mut env, &pools, &ours);
        // Their own ids: two devices never make the same id.
        run_ops(&mut other, &Pools::new(env.pid, seed + 5000), &theirs);
        let new_of = |p: &mieruka_core::Project| -> Vec<_> {
            p.changes.iter().filter(|c| !known.contains(&c.id)).cloned().collect()
        };
        let merged = union(env.p(), other.p());
        // Each copy as its log makes it (the pools reuse ids across copies, which real ids never
        // do, and an entity made twice under one id is not what this law is about).
        let (env_p, other_p) = (replay(env.pid, &env.p().changes), replay(env.pid, &other.p().changes));
        let mut here = env_p.clone();
        reapply(&mut here, &new_of(&other_p));
        prop_assert_eq!(entities(&here), entities(&merged));
        prop_assert_eq!(&here.changes, &merged.changes);
        let mut there = other_p.clone();
        reapply(&mut there, &new_of(&env_p));
        prop_assert_eq!(entities(&there), entities(&merged));
    }
}
