//! Fine-grained state: whatever a command (or its undo) changes of what a view reads, the topics it
//! touched include one the view reads. The app notifies only those topics, so a miss here would be
//! a view left showing an old value. And the WBS roll-ups read only `WbsCache::READS`: an edit that
//! touches none of those fields leaves every row and roll-up as it was.

mod common;

use std::collections::HashSet;

use common::*;
use mieruka_core::analytics;
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::change::EntityKind as K;
use mieruka_core::rollup::{rollups, wbs_rows};
use mieruka_core::topic::{touched, Read, Topic};
use mieruka_core::wbs_cache::WbsCache;
use mieruka_core::{ActionItem, Command, EntityRef, Field, Id, Meeting, Project, Stakeholder, Task};
use proptest::prelude::*;
use serde_json::{json, Value};

const KINDS: &[K] =
    &[K::Project, K::Member, K::Task, K::Issue, K::Risk, K::Stakeholder, K::Meeting, K::ActionItem, K::Baseline];

/// Every field of a kind of entity (the core's own list: a new field is covered here too).
fn fields(kind: K) -> Vec<Field> {
    Field::of_kind(kind)
}

#[derive(Debug, Clone)]
enum Op {
    Add(usize),
    /// Sets field `field` of entity `who` of kind `kind` to the `value`-th candidate that fits.
    Set {
        kind: usize,
        who: usize,
        field: usize,
        value: u32,
    },
    Delete {
        kind: usize,
        who: usize,
    },
    Indent(usize),
    Outdent(usize),
    MoveUp(usize),
    RiskToIssue(usize),
    ActionToTask(usize),
    Baseline,
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..KINDS.len()).prop_map(Op::Add),
        10 => (0..KINDS.len(), any::<usize>(), any::<usize>(), any::<u32>())
            .prop_map(|(kind, who, field, value)| Op::Set { kind, who, field, value }),
        // Tasks are what most views read: more of their edits.
        10 => (any::<usize>(), any::<usize>(), any::<u32>())
            .prop_map(|(who, field, value)| Op::Set { kind: 2, who, field, value }),
        2 => (0..KINDS.len(), any::<usize>()).prop_map(|(kind, who)| Op::Delete { kind, who }),
        1 => any::<usize>().prop_map(Op::Indent),
        1 => any::<usize>().prop_map(Op::Outdent),
        1 => any::<usize>().prop_map(Op::MoveUp),
        1 => any::<usize>().prop_map(Op::RiskToIssue),
        1 => any::<usize>().prop_map(Op::ActionToTask),
        1 => Just(Op::Baseline),
        2 => Just(Op::Undo),
    ]
}

fn pick(p: &Project, kind: K, i: usize) -> Option<Id> {
    let ids = p.ids(kind);
    (!ids.is_empty()).then(|| ids[i % ids.len()])
}

/// Values to try for a field, by the JSON shape of its current value; the first that the field
/// takes is used (`value` picks where to start).
fn candidates(p: &Project, now: &Value, value: u32) -> Vec<Value> {
    let n = value % 120;
    let some_id = |kind: K| pick(p, kind, value as usize).map(|id| json!(id));
    let mut out =
        vec![json!(format!("2025-{:02}-{:02}", 3 + n % 3, 1 + n % 28)), json!(f64::from(n)), json!(format!("値{n}"))];
    out.extend(
        ["done", "in_progress", "cancelled", "closed", "high", "low", "medium", "r", "a"].iter().map(|w| json!(w)),
    );
    out.extend([K::Task, K::Member, K::Issue, K::Stakeholder].into_iter().filter_map(some_id));
    match now {
        Value::Bool(b) => out.insert(0, json!(!b)),
        Value::Array(a) if !a.is_empty() => out.insert(0, json!([])),
        Value::Array(_) => {
            if let Some(id) = some_id(K::Task) {
                out.insert(0, json!([id]));
            }
            out.insert(0, json!([format!("タグ{n}")]));
        }
        Value::Object(_) => out.insert(0, json!({})),
        Value::Null => out.push(Value::Null),
        _ => {}
    }
    let start = value as usize % out.len();
    out.rotate_left(start);
    out
}

/// Runs an op; returns the changes of the command that was applied, if one was.
fn run(env: &mut Env, op: &Op, batches: &mut Vec<Id>) -> Option<Vec<mieruka_core::Change>> {
    let pid = env.pid;
    let p = env.p().clone();
    let cmds: Vec<Command> = match *op {
        Op::Add(k) => {
            let id = env.id();
            let cmd = match KINDS[k] {
                K::Member => Command::AddMember { project: pid, id, member: member("佐藤") },
                K::Task => {
                    let parent = pick(&p, K::Task, id.as_u128() as usize).filter(|_| id.as_u128().is_multiple_of(2));
                    // Figures and dates inside the charts' range, so that the series are not all zero.
                    let t = Task {
                        estimate_hours: 8.0,
                        story_points: Some(3.0),
                        start: Some(date(2025, 4, 1)),
                        due: Some(date(2025, 4, 20)),
                        ..task("設計")
                    };
                    Command::InsertTask { project: pid, id, parent, after: None, task: t }
                }
                K::Issue => Command::AddIssue { project: pid, id, issue: issue("課題") },
                K::Risk => Command::AddRisk { project: pid, id, risk: risk("リスク") },
                K::Stakeholder => Command::AddStakeholder {
                    project: pid,
                    id,
                    stakeholder: Stakeholder { name: "部長".into(), ..Default::default() },
                },
                K::Meeting => Command::AddMeeting {
                    project: pid,
                    id,
                    meeting: Meeting { title: "定例".into(), date: date(2026, 4, 1), ..Default::default() },
                },
                K::ActionItem => Command::AddActionItem {
                    project: pid,
                    id,
                    item: ActionItem {
                        title: "確認".into(), meeting: pick(&p, K::Meeting, 0)?, ..Default::default()
                    },
                },
                _ => Command::TakeBaseline { project: pid, id, name: "計画".into(), taken_on: date(2026, 4, 1) },
            };
            vec![cmd]
        }
        Op::Set { kind, who, field, value } => {
            let kind = KINDS[kind];
            let id = pick(&p, kind, who)?;
            let r = EntityRef::new(kind, id);
            let fs = fields(kind);
            let field = fs[field % fs.len()];
            let now = p.get_field(r, field.name()).unwrap_or(Value::Null);
            candidates(&p, &now, value)
                .into_iter()
                .filter(|v| *v != now)
                .map(|value| Command::Set { project: pid, entity: r, field, value })
                .collect()
        }
        Op::Delete { kind, who } => {
            let kind = KINDS[kind];
            let id = pick(&p, kind, who).filter(|_| kind != K::Project)?;
            vec![Command::Delete { project: pid, entity: EntityRef::new(kind, id) }]
        }
        Op::Indent(i) => pick(&p, K::Task, i).map(|task| Command::Indent { project: pid, task }).into_iter().collect(),
        Op::Outdent(i) => {
            pick(&p, K::Task, i).map(|task| Command::Outdent { project: pid, task }).into_iter().collect()
        }
        Op::MoveUp(i) => pick(&p, K::Task, i).map(|task| Command::MoveUp { project: pid, task }).into_iter().collect(),
        Op::RiskToIssue(i) => pick(&p, K::Risk, i)
            .map(|risk| Command::RiskToIssue { project: pid, risk, issue: env.id(), raised_on: date(2026, 4, 2) })
            .into_iter()
            .collect(),
        Op::ActionToTask(i) => pick(&p, K::ActionItem, i)
            .map(|action| Command::ActionToTask { project: pid, action, task: env.id(), parent: None })
            .into_iter()
            .collect(),
        Op::Baseline => {
            vec![Command::TakeBaseline {
                project: pid, id: env.id(), name: "基準".into(), taken_on: date(2026, 4, 3)
            }]
        }
        Op::Undo => batches.pop().map(|batch| Command::Revert { project: pid, batch }).into_iter().collect(),
    };
    for cmd in cmds {
        let stamp = env.stamp();
        if let Ok(changes) = env.run_with(cmd, &stamp) {
            if !changes.is_empty() && !matches!(op, Op::Undo) {
                batches.push(stamp.batch);
            }
            return Some(changes);
        }
    }
    None
}

/// Every series a chart draws, over the weeks the test's dates fall in, as text.
fn series(p: &Project) -> String {
    use mieruka_core::analytics::{burndown, evm, risk, workload, EvMethod, WorkUnit};
    let cal = WorkCalendar::for_project(&p.info);
    let (from, to, at) = (date(2025, 3, 31), date(2025, 5, 30), date(2025, 4, 2));
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        burndown::burndown(p, &cal, from, to, at, WorkUnit::Hours, None, 540),
        burndown::burnup(p, &cal, from, to, at, WorkUnit::StoryPoints, None, 540),
        evm::ev_series(p, &cal, from, to, at, EvMethod::PercentComplete, 540),
        risk::risk_trend(p, from, to, at, 540),
        workload::workload(p, &cal, from, to),
    )
}

/// What a read sees of a project.
fn view(read: &Read, p: &Project) -> Value {
    match *read {
        Read::Kind(k) => json!(p.ids(k).into_iter().map(|id| p.entity_json(EntityRef::new(k, id))).collect::<Vec<_>>()),
        Read::Entity(r) => json!(p.entity_json(r)),
        Read::Fields(k, fs) => json!(p
            .ids(k)
            .into_iter()
            .map(|id| (id, fs.iter().map(|f| p.get_field(EntityRef::new(k, id), f)).collect::<Vec<_>>()))
            .collect::<Vec<_>>()),
        Read::Log => json!(p.changes.len()),
    }
}

fn reads(before: &Project, after: &Project) -> Vec<Read> {
    let mut out = vec![Read::Log, Read::Fields(K::Task, WbsCache::READS)];
    for &k in KINDS {
        out.push(Read::Kind(k));
        for f in fields(k) {
            // A leaked `&'static` slice of one field: the test's reads live as long as it does.
            out.push(Read::Fields(k, Box::leak(Box::new([f.name()]))));
        }
    }
    let refs: HashSet<EntityRef> = before.entity_refs().into_iter().chain(after.entity_refs()).collect();
    out.extend(refs.into_iter().map(Read::Entity));
    out.push(Read::Entity(EntityRef::new(K::Project, before.id)));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_read_that_changes_is_notified(ops in prop::collection::vec(op(), 1..60)) {
        let mut env = Env::new(11);
        let mut batches = Vec::new();
        for op in &ops {
            let before = env.p().clone();
            let Some(changes) = run(&mut env, op, &mut batches) else { continue };
            let after = env.p();
            let hit = touched(&changes);
            for read in reads(&before, after) {
                if view(&read, &before) != view(&read, after) {
                    prop_assert!(
                        read.topics().iter().any(|t| hit.contains(t)),
                        "{read:?} changed after {op:?} but none of its topics was touched: {hit:?}"
                    );
                }
            }
            // The charts' series read only `analytics::reads`.
            let charts: Vec<Topic> = analytics::reads(env.pid).iter().flat_map(Read::topics).collect();
            if !charts.iter().any(|t| hit.contains(t)) {
                prop_assert_eq!(series(&before), series(after), "a chart moved after {:?}", op);
            }
            // The WBS roll-ups and rows read only `WbsCache::READS` of the tasks.
            let wbs = Read::Fields(K::Task, WbsCache::READS).topics();
            if !wbs.iter().any(|t| hit.contains(t)) {
                prop_assert_eq!(rollups(&before), rollups(after), "roll-ups moved after {:?}", op);
                prop_assert_eq!(wbs_rows(&before), wbs_rows(after), "rows moved after {:?}", op);
            }
        }
    }
}

/// The generator reaches every kind and most fields: the law above is not checked on nothing.
#[test]
fn the_ops_reach_every_kind() {
    let mut env = Env::new(5);
    let mut batches = Vec::new();
    let mut seen: HashSet<Topic> = HashSet::new();
    for round in 0..40u32 {
        for (k, kind) in KINDS.iter().enumerate() {
            run(&mut env, &Op::Add(k), &mut batches);
            for field in 0..fields(*kind).len() {
                if let Some(c) = run(
                    &mut env,
                    &Op::Set { kind: k, who: round as usize, field, value: round * 7 + field as u32 },
                    &mut batches,
                ) {
                    seen.extend(touched(&c));
                }
            }
        }
    }
    for &k in KINDS {
        let set = fields(k).iter().filter(|f| seen.contains(&Topic::Field(k, f.name().to_string()))).count();
        assert!(set * 2 >= fields(k).len(), "{k:?}: only {set} of {} fields were ever set", fields(k).len());
    }
}
