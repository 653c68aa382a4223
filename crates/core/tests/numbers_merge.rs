//! Issue and risk numbers through any sequence of copies creating issues and risks, deleting
//! issues and merging (`merge::union`) in any order (docs/SYNC.md, "Stable numbers"): every
//! number shown on a copy before a merge keeps its digits after it, the first made of a number
//! shows it plain, the shown numbers of a kind are distinct, and the union does not depend on
//! the order. The cases one by one are in tests/numbers.rs.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::Duration;
use common::*;
use mieruka_core::merge::union;
use mieruka_core::{Command, EntityKind, EntityRef, Id, Number, Project};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

#[derive(Debug, Clone)]
enum Step {
    /// A copy makes an issue (or a risk), some minutes after its last edit.
    Make { copy: usize, risk: bool, later: u8 },
    /// A copy deletes one of its issues (the `pick`-th, if it has any).
    Delete { copy: usize, pick: usize },
    /// A copy takes in what another has (`into` ← union of both).
    Merge { from: usize, into: usize },
}

fn step(copies: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0..copies, any::<bool>(), 0u8..3).prop_map(|(copy, risk, later)| Step::Make { copy, risk, later }),
        1 => (0..copies, any::<usize>()).prop_map(|(copy, pick)| Step::Delete { copy, pick }),
        3 => (0..copies, 0..copies).prop_map(|(from, into)| Step::Merge { from, into }),
    ]
}

type Shown = BTreeMap<Id, Number>;

fn numbers_of(p: &Project) -> [Shown; 2] {
    [p.issue_numbers(), p.risk_numbers()]
}

/// Within each number of `p`, the plain one (no suffix) is the first created of those shown; when
/// no entity was deleted, every number has one.
fn check_first(p: &Project, deleted: bool) -> Result<(), TestCaseError> {
    for (kind, numbers) in [EntityKind::Issue, EntityKind::Risk].into_iter().zip(numbers_of(p)) {
        let mut created: Vec<_> = p.changes.iter().filter(|c| c.entity.kind == kind && c.is_create()).collect();
        created.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        let mut first: BTreeMap<u32, Id> = BTreeMap::new();
        for c in created {
            if let Some(n) = numbers.get(&c.entity.id) {
                first.entry(n.n).or_insert(c.entity.id);
            }
        }
        for (n, id) in first {
            let plain: Vec<Id> = numbers.iter().filter(|(_, x)| x.n == n && x.tie.is_none()).map(|(i, _)| *i).collect();
            if deleted {
                prop_assert!(
                    plain.is_empty() || plain == [id],
                    "{} shows plain {} but was not made first",
                    plain[0],
                    n
                );
            } else {
                prop_assert_eq!(plain, vec![id], "the first made of {} does not show it plain", n);
            }
        }
    }
    Ok(())
}

/// What a merge must keep: the digits of every number shown before it; the text of each number's
/// first-made entity; all shown numbers of a kind distinct.
fn check_merge(before: &[[Shown; 2]], after: &[Shown; 2]) -> Result<(), TestCaseError> {
    for (k, now) in after.iter().enumerate() {
        for old in before.iter().map(|b| &b[k]) {
            for (id, n) in old {
                if let Some(m) = now.get(id) {
                    prop_assert_eq!(m.n, n.n, "the digits of {} changed", id);
                    if m.tie.is_none() {
                        prop_assert_eq!(m, n, "the first of its number changed its text");
                    }
                }
            }
        }
        let texts: BTreeSet<String> = now.values().map(Number::to_string).collect();
        prop_assert_eq!(texts.len(), now.len(), "two entities show the same number: {:?}", now);
        prop_assert!(now.values().all(|n| n.n > 0));
    }
    Ok(())
}

fn run_steps(legacy_base: bool, made: usize, steps: Vec<Step>, copies: usize) -> Result<(), TestCaseError> {
    let mut base = Env::new(7);
    for i in 0..made {
        base.add_issue(issue(&format!("課題{i}")));
        base.add_risk(risk(&format!("リスク{i}")));
    }
    base.add(None, "作業");
    if legacy_base {
        let p = legacy(base.p().clone());
        base.ws.projects.insert(base.pid, p);
    }
    let mut envs: Vec<Env> = (0..copies).map(|i| fork(&base, &format!("device{i}"), 700 + i as u64)).collect();
    let mut deleted = false;
    for s in steps {
        match s {
            Step::Make { copy, risk: r, later } => {
                let e = &mut envs[copy];
                e.at += Duration::minutes(i64::from(later));
                if r {
                    e.add_risk(risk("R"));
                } else {
                    e.add_issue(issue("I"));
                }
            }
            Step::Delete { copy, pick } => {
                let e = &mut envs[copy];
                let ids: Vec<Id> = e.p().issues.keys().copied().collect();
                if !ids.is_empty() {
                    deleted = true;
                    e.ok(Command::Delete { project: e.pid, entity: EntityRef::issue(ids[pick % ids.len()]) });
                }
            }
            Step::Merge { from, into } => {
                let (a, b) = (envs[into].p().clone(), envs[from].p().clone());
                let (ab, ba) = (union(&a, &b), union(&b, &a));
                prop_assert_eq!(&ab, &ba, "the union depends on its order");
                let after = numbers_of(&ab);
                prop_assert_eq!(&after, &numbers_of(&ba));
                check_merge(&[numbers_of(&a), numbers_of(&b)], &after)?;
                let e = &mut envs[into];
                e.ws.projects.insert(e.pid, ab);
                // A number given after the merge is above every number shown.
                let high = after[0].values().map(|n| n.n).max().unwrap_or(0);
                prop_assert!(envs[into].p().next_number(EntityKind::Issue) > high);
            }
        }
        for e in &envs {
            check_merge(&[], &numbers_of(e.p()))?;
            check_first(e.p(), deleted)?;
        }
    }
    // All copies merged, forwards and backwards: the same numbers.
    let forwards = envs.iter().skip(1).fold(envs[0].p().clone(), |acc, e| union(&acc, e.p()));
    let backwards = envs.iter().rev().skip(1).fold(envs[copies - 1].p().clone(), |acc, e| union(e.p(), &acc));
    prop_assert_eq!(numbers_of(&forwards), numbers_of(&backwards));
    let before: Vec<[Shown; 2]> = envs.iter().map(|e| numbers_of(e.p())).collect();
    check_merge(&before, &numbers_of(&forwards))?;
    check_first(&forwards, deleted)?;
    // The numbers are a function of the log: a replay shows the same.
    let replayed = mieruka_core::replay::replay(forwards.id, &forwards.changes);
    prop_assert_eq!(numbers_of(&replayed), numbers_of(&forwards));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), .. ProptestConfig::default() })]

    #[test]
    fn numbers_survive_any_creations_and_merges(
        legacy_base in any::<bool>(),
        made in 0usize..4,
        copies in 2usize..5,
        steps in proptest::collection::vec(step(4), 1..40),
    ) {
        let steps = steps
            .into_iter()
            .map(|s| match s {
                Step::Make { copy, risk, later } => Step::Make { copy: copy % copies, risk, later },
                Step::Delete { copy, pick } => Step::Delete { copy: copy % copies, pick },
                Step::Merge { from, into } => Step::Merge { from: from % copies, into: into % copies },
            })
            .collect();
        run_steps(legacy_base, made, steps, copies)?;
    }
}
