//! `WbsCache`: rows and roll-ups kept up to date incrementally always equal a full recomputation,
//! whatever sequence of edits (figures, status, dates, structure, deletions, undo) led there.

mod common;

use common::*;
use mieruka_core::rollup::{rollups, wbs_rows};
use mieruka_core::wbs_cache::{Updated, WbsCache};
use mieruka_core::{Command, EntityRef, Id, TaskField};
use proptest::prelude::*;
use serde_json::json;

#[derive(Debug, Clone)]
enum Edit {
    Add { parent: usize, top: bool },
    Set { task: usize, field: usize, value: u32 },
    Indent(usize),
    Outdent(usize),
    MoveUp(usize),
    Delete(usize),
    Undo,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), any::<bool>()).prop_map(|(parent, top)| Edit::Add { parent, top }),
        6 => (any::<usize>(), 0..7usize, 0..200u32).prop_map(|(task, field, value)| Edit::Set { task, field, value }),
        1 => any::<usize>().prop_map(Edit::Indent),
        1 => any::<usize>().prop_map(Edit::Outdent),
        1 => any::<usize>().prop_map(Edit::MoveUp),
        1 => any::<usize>().prop_map(Edit::Delete),
        1 => Just(Edit::Undo),
    ]
}

fn pick(env: &Env, i: usize) -> Option<Id> {
    let ids: Vec<Id> = env.p().tasks.keys().copied().collect();
    (!ids.is_empty()).then(|| ids[i % ids.len()])
}

/// Applies an edit; a refused one (an indent with no sibling above, …) changes nothing.
fn run(env: &mut Env, e: &Edit, batches: &mut Vec<Id>) {
    let pid = env.pid;
    let cmd = match e {
        Edit::Add { parent, top } => {
            let parent = if *top { None } else { pick(env, *parent) };
            let id = env.id();
            Command::InsertTask { project: pid, id, parent, after: None, task: task("t") }
        }
        Edit::Set { task, field, value } => {
            let Some(t) = pick(env, *task) else { return };
            let v = *value;
            let (field, value) = match field {
                0 => (TaskField::EstimateHours, json!(v as f64 / 4.0)),
                1 => (TaskField::ActualHours, json!(v as f64 / 8.0)),
                2 => (TaskField::Percent, json!((v % 101) as f64)),
                3 => (
                    TaskField::Status,
                    json!(["not_started", "in_progress", "done", "cancelled", "blocked"][v as usize % 5]),
                ),
                4 => (TaskField::Due, json!(date(2026, 1 + v % 12, 1 + v % 28))),
                5 => (TaskField::Start, json!(date(2026, 1 + v % 12, 1 + v % 28))),
                _ => (TaskField::RemainingHours, if v % 3 == 0 { json!(null) } else { json!(v as f64) }),
            };
            env.set_cmd(EntityRef::task(t), field, value)
        }
        Edit::Indent(i) => match pick(env, *i) {
            Some(t) => Command::Indent { project: pid, task: t },
            None => return,
        },
        Edit::Outdent(i) => match pick(env, *i) {
            Some(t) => Command::Outdent { project: pid, task: t },
            None => return,
        },
        Edit::MoveUp(i) => match pick(env, *i) {
            Some(t) => Command::MoveUp { project: pid, task: t },
            None => return,
        },
        Edit::Delete(i) => match pick(env, *i) {
            Some(t) => Command::Delete { project: pid, entity: EntityRef::task(t) },
            None => return,
        },
        Edit::Undo => match batches.pop() {
            Some(b) => Command::Revert { project: pid, batch: b },
            None => return,
        },
    };
    let stamp = env.stamp();
    if env.run_with(cmd, &stamp).is_ok_and(|c| !c.is_empty()) && !matches!(e, Edit::Undo) {
        batches.push(stamp.batch);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_cache_always_equals_a_full_recomputation(edits in prop::collection::vec(edit(), 1..60)) {
        let mut env = Env::new(7);
        let mut cache = WbsCache::new(env.p());
        let mut batches = Vec::new();
        for e in &edits {
            let rows_before = cache.rows().to_vec();
            let roll_before = cache.rollups().clone();
            run(&mut env, e, &mut batches);
            let updated = cache.update(env.p());
            let full_rows = wbs_rows(env.p());
            prop_assert_eq!(cache.rows(), full_rows.as_slice(), "rows after {:?}", e);
            prop_assert_eq!(cache.rollups(), &rollups(env.p()), "roll-ups after {:?}", e);
            // What it reports as changed is what changed.
            prop_assert_eq!(updated.rows, rows_before != cache.rows(), "rows flag after {:?}", e);
            if !updated.rollups {
                prop_assert_eq!(&roll_before, cache.rollups(), "roll-ups flag after {:?}", e);
            }
        }
    }
}

#[test]
fn a_figure_edit_recomputes_the_ancestors_and_reports_no_row_change() {
    let mut env = Env::new(1);
    let a = env.add(None, "A");
    let a1 = env.add(Some(a), "A1");
    let a11 = env.add(Some(a1), "A11");
    let b = env.add(None, "B");
    let mut cache = WbsCache::new(env.p());
    env.set_ok(EntityRef::task(a11), TaskField::EstimateHours, json!(16.0));
    assert_eq!(cache.update(env.p()), Updated { rows: false, rollups: true });
    assert_eq!(cache.rollup(a).map(|r| r.estimate), Some(16.0));
    assert_eq!(cache.rollup(a1).map(|r| r.estimate), Some(16.0));
    assert_eq!(cache.rollup(b).map(|r| r.estimate), Some(0.0));
    // A title is not a figure: nothing to recompute.
    env.set_ok(EntityRef::task(a11), TaskField::Title, json!("renamed"));
    assert_eq!(cache.update(env.p()), Updated::default());
    // Structure: B under A.
    env.ok(Command::Indent { project: env.pid, task: b });
    let u = cache.update(env.p());
    assert!(u.rows);
    assert_eq!(cache.rows(), wbs_rows(env.p()).as_slice());
    assert_eq!(cache.rollups(), &rollups(env.p()));
}
