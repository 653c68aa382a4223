//! (Over 600 lines: one model of IndexedDB and the tabs, and the property test that drives every
//! event through it; split, the model and the laws it checks would be read apart.)
//!
//! The save engine against a model of IndexedDB and of the tabs of one browser.
//!
//! `Db` is the store: per project a revision and the set of change ids it holds; a write that does
//! not name the stored revision is refused (a conflict), as `ProjectStorage::write` does. A `Tab`
//! performs its engine's effects the way `state/effects.rs` does, with every write and read
//! outstanding until the test decides when (and how) it ends. The property: whatever the order of
//! edits, timers, hidden pages, finished / failed / lost writes, conflicts and other tabs'
//! messages, once everything settles every change made in any tab is stored and every tab holds
//! what is stored; and no write ever replaces a stored copy with one that lacks a stored change.
//!
//! Over 400 lines: the examples first, then the model the property runs against (kept with it so
//! the model and the property are read together).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use mieruka_core::change::EntityRef;
use mieruka_core::{Change, Id};
use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::dom_error::Reason;

fn id(n: u128) -> Id {
    Id::from_u128(n)
}

fn change(n: u128, pid: Id) -> Change {
    Change {
        id: id(n),
        at: Utc.timestamp_opt(1_700_000_000 + n as i64, 0).unwrap(),
        actor: "t".into(),
        batch: id(n),
        entity: EntityRef::task(pid),
        field: "title".into(),
        from: Value::Null,
        to: Value::from(n as u64),
    }
}

fn writes(out: &[Effect]) -> Vec<&Write> {
    out.iter()
        .filter_map(|e| match e {
            Effect::Write(w) => Some(w),
            _ => None,
        })
        .collect()
}

/// One edit of a task's title in `pid`, change id `n`.
fn edit(pid: Id, n: u128) -> Event {
    Event::Edited { pid, changes: vec![change(n, pid)] }
}

/// An engine whose storage is open with `pid` at revision 1, writing its edit 10.
fn writing(pid: Id) -> SaveEngine {
    let mut e = opened(&[pid]);
    e.handle(edit(pid, 10));
    e.handle(Event::Flush);
    e
}

fn opened(pids: &[Id]) -> SaveEngine {
    let mut e = SaveEngine::new();
    e.handle(Event::Opened { revs: pids.iter().map(|p| (*p, 1)).collect() });
    e
}

#[test]
fn an_edit_waits_for_the_debounce_then_writes_what_it_changed() {
    let p = id(1);
    let mut e = opened(&[p]);
    let out = e.handle(edit(p, 10));
    assert_eq!(out, vec![Effect::Journal, Effect::Status(Status::Pending), Effect::Timer(Some(SAVE_DEBOUNCE))]);
    let out = e.handle(Event::Flush);
    let w = writes(&out);
    assert_eq!(w.len(), 1);
    assert_eq!((w[0].pid, w[0].rev, w[0].full), (p, 1, false));
    assert_eq!(w[0].dirty.changes, vec![change(10, p)]);
    assert!(e.unstored(p), "a write under way is not stored yet");
    let out = e.handle(Event::Written { pid: p, rev: 2 });
    assert_eq!(
        out,
        vec![
            Effect::Journal,
            Effect::Broadcast(p, Broadcast::Saved { rev: 2, changes: vec![id(10)] }),
            Effect::Status(Status::Saved)
        ]
    );
    assert!(!e.unstored(p));
    assert_eq!(e.rev(p), 2);
}

#[test]
fn edits_made_during_a_write_wait_for_it_and_are_written_next() {
    let p = id(1);
    let mut e = writing(p);
    e.handle(edit(p, 11));
    assert!(writes(&e.handle(Event::Flush)).is_empty(), "one write at a time");
    let journal: Vec<Id> = e.journal().edits.iter().map(|(_, c)| c.id).collect();
    assert_eq!(journal, vec![id(10), id(11)], "the journal holds the write under way too");
    let out = e.handle(Event::Written { pid: p, rev: 2 });
    let w = writes(&out);
    assert_eq!(w[0].dirty.changes, vec![change(11, p)]);
    assert_eq!(w[0].rev, 2);
}

#[test]
fn a_failed_write_keeps_its_edits_before_newer_ones_and_retries() {
    let p = id(1);
    let mut e = writing(p);
    e.handle(edit(p, 11));
    let err = StorageError::Full("full".into());
    let out = e.handle(Event::Failed { pid: p, error: err.clone() });
    assert_eq!(out, vec![Effect::Status(Status::Failed(err)), Effect::Timer(Some(RETRY_AFTER))]);
    assert!(e.at_risk());
    let out = e.handle(Event::Flush);
    let ids: Vec<Id> = writes(&out)[0].dirty.changes.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![id(10), id(11)]);
    let out = e.handle(Event::Written { pid: p, rev: 2 });
    assert!(out.contains(&Effect::Status(Status::Saved)));
    assert!(!e.at_risk());
}

#[test]
fn a_conflict_pulls_then_rewrites_whole_and_gives_up_after_max_attempts() {
    let p = id(1);
    let mut e = writing(p);
    for attempt in 1..MAX_ATTEMPTS {
        assert_eq!(e.handle(Event::Conflict { pid: p }), vec![Effect::Pull(p)], "attempt {attempt}");
        assert!(e.unstored(p));
        e.handle(Event::Stored { pid: p, rev: 1 + u64::from(attempt) });
        let out = e.handle(Event::Pulled { pid: p });
        let w = writes(&out);
        assert!(w[0].full, "after a merge the project is written whole");
        assert_eq!(w[0].rev, 1 + u64::from(attempt));
    }
    let out = e.handle(Event::Conflict { pid: p });
    assert_eq!(out[0], Effect::Status(Status::Failed(StorageError::KeepsChanging)));
    assert!(e.unstored(p), "nothing is dropped when it gives up");
}

#[test]
fn a_write_that_does_not_read_back_is_rewritten_whole() {
    let p = id(1);
    let mut e = writing(p);
    e.handle(Event::Lost { pid: p, rev: 2, error: StorageError::ReadBack("x".into()) });
    let out = e.handle(Event::Flush);
    let w = writes(&out);
    assert!(w[0].full);
    assert_eq!(w[0].rev, 2);
}

#[test]
fn nothing_is_written_before_storage_opens_or_once_a_newer_app_holds_it() {
    let p = id(1);
    let mut e = SaveEngine::new();
    let out = e.handle(edit(p, 10));
    assert!(!out.contains(&Effect::Status(Status::Pending)), "still loading");
    assert!(writes(&e.handle(Event::Flush)).is_empty());
    e.handle(Event::Opened { revs: vec![(p, 1)] });
    e.handle(Event::SaveSoon);
    assert_eq!(writes(&e.handle(Event::Flush)).len(), 1);
    e.handle(Event::Written { pid: p, rev: 2 });
    let out = e.handle(Event::Newer(ReadOnlyWhy::NewerTab));
    assert!(out.contains(&Effect::Status(Status::ReadOnly(ReadOnlyWhy::NewerTab))));
    assert!(e.handle(Event::Edited { pid: p, changes: vec![change(11, p)] }).is_empty());
    assert!(writes(&e.handle(Event::Flush)).is_empty());
}

#[test]
fn an_import_is_written_whole_with_its_restore_point_in_the_journal_until_stored() {
    let p = id(1);
    let mut e = opened(&[p]);
    e.handle(Event::Added { pid: p, replaces: true });
    let out = e.handle(Event::Flush);
    let w = writes(&out);
    assert!(w[0].full && w[0].restore_point);
    let j = e.journal();
    assert!(j.whole.contains(&p));
    assert_eq!(j.restore_points, vec![p]);
    e.handle(Event::Written { pid: p, rev: 2 });
    let j = e.journal();
    assert!(j.whole.is_empty() && j.restore_points.is_empty() && j.edits.is_empty());
}

#[test]
fn a_project_deleted_while_its_write_was_prepared_is_dropped() {
    let p = id(1);
    let q = id(2);
    let mut e = opened(&[p, q]);
    e.handle(edit(p, 10));
    e.handle(edit(q, 11));
    e.handle(Event::Flush);
    e.handle(Event::Forgotten { pid: p });
    let out = e.handle(Event::Vanished { pid: p });
    assert_eq!(writes(&out)[0].pid, q);
}

// ------------------------------------------------------------------ the model

#[derive(Default)]
struct Db {
    projects: BTreeMap<Id, (u64, BTreeSet<Id>)>,
}

/// What is outstanding in a tab: a write (with the change ids it carries), a pull after a
/// conflict, or a read after another tab's message.
#[derive(Debug, Clone)]
enum Op {
    Write { w: Write, carries: BTreeSet<Id> },
    Pull { pid: Id, after_conflict: bool },
}

struct Tab {
    engine: SaveEngine,
    ws: BTreeMap<Id, BTreeSet<Id>>,
    timer: Option<Duration>,
    ops: Vec<Op>,
    inbox: Vec<Id>,
    /// Ids of the journal entries, rebuilt on every `Journal` effect.
    journal: BTreeSet<Id>,
}

#[derive(Debug, Clone, Copy)]
enum Outcome {
    Ok,
    Fail,
    Lost,
}

#[derive(Debug, Clone)]
enum Step {
    Edit { tab: usize, pid: usize },
    Merge { tab: usize, pid: usize },
    Timer { tab: usize },
    Hide { tab: usize },
    Finish { tab: usize, op: usize, outcome: Outcome },
    Deliver { tab: usize },
}

const PIDS: [u128; 2] = [1, 2];

fn step() -> impl Strategy<Value = Step> {
    let tab = 0..2usize;
    let outcome = prop_oneof![6 => Just(Outcome::Ok), 2 => Just(Outcome::Fail), 1 => Just(Outcome::Lost)];
    prop_oneof![
        4 => (tab.clone(), 0..PIDS.len()).prop_map(|(tab, pid)| Step::Edit { tab, pid }),
        1 => (tab.clone(), 0..PIDS.len()).prop_map(|(tab, pid)| Step::Merge { tab, pid }),
        2 => tab.clone().prop_map(|tab| Step::Timer { tab }),
        1 => tab.clone().prop_map(|tab| Step::Hide { tab }),
        5 => (tab.clone(), 0..4usize, outcome).prop_map(|(tab, op, outcome)| Step::Finish { tab, op, outcome }),
        2 => tab.prop_map(|tab| Step::Deliver { tab }),
    ]
}

struct World {
    db: Db,
    tabs: Vec<Tab>,
    next: u128,
    made: BTreeSet<Id>,
}

impl World {
    fn new() -> Self {
        let pids: Vec<Id> = PIDS.iter().map(|n| id(*n)).collect();
        let mut db = Db::default();
        for p in &pids {
            db.projects.insert(*p, (1, BTreeSet::new()));
        }
        let tab = || Tab {
            engine: opened(&pids),
            ws: pids.iter().map(|p| (*p, BTreeSet::new())).collect(),
            timer: None,
            ops: Vec::new(),
            inbox: Vec::new(),
            journal: BTreeSet::new(),
        };
        World { db, tabs: vec![tab(), tab()], next: 100, made: BTreeSet::new() }
    }

    fn fresh(&mut self) -> u128 {
        self.next += 1;
        self.next
    }

    fn event(&mut self, t: usize, ev: Event) {
        let out = self.tabs[t].engine.handle(ev);
        for effect in out {
            self.perform(t, effect);
        }
    }

    fn perform(&mut self, t: usize, effect: Effect) {
        match effect {
            Effect::Status(_) => {}
            Effect::Timer(d) => self.tabs[t].timer = d,
            Effect::Journal => {
                let tab = &mut self.tabs[t];
                let j = tab.engine.journal();
                let mut ids: BTreeSet<Id> = j.edits.iter().map(|(_, c)| c.id).collect();
                for p in &j.whole {
                    ids.extend(tab.ws[p].iter().copied());
                }
                tab.journal = ids;
            }
            Effect::Write(w) => {
                let tab = &mut self.tabs[t];
                assert!(
                    !tab.ops.iter().any(|o| matches!(o, Op::Write { .. })),
                    "a second write began before the first ended"
                );
                // Prepared at once from what the tab holds, as `SaveBatch::prepare` does.
                let carries =
                    if w.full { tab.ws[&w.pid].clone() } else { w.dirty.changes.iter().map(|c| c.id).collect() };
                tab.ops.push(Op::Write { w, carries });
            }
            Effect::Pull(pid) => self.tabs[t].ops.push(Op::Pull { pid, after_conflict: true }),
            Effect::Broadcast(pid, _) => {
                let other = 1 - t;
                self.tabs[other].inbox.push(pid);
            }
        }
    }

    fn edit(&mut self, t: usize, pid: Id) {
        let n = self.fresh();
        self.made.insert(id(n));
        self.tabs[t].ws.get_mut(&pid).unwrap().insert(id(n));
        self.event(t, Event::Edited { pid, changes: vec![change(n, pid)] });
        assert!(self.tabs[t].journal.contains(&id(n)), "an edit is in the journal at once");
    }

    fn merge(&mut self, t: usize, pid: Id) {
        let n = self.fresh();
        self.made.insert(id(n));
        self.tabs[t].ws.get_mut(&pid).unwrap().insert(id(n));
        self.event(t, Event::Merged { pid });
    }

    fn finish(&mut self, t: usize, i: usize, outcome: Outcome) {
        if self.tabs[t].ops.is_empty() {
            return;
        }
        let i = i % self.tabs[t].ops.len();
        let op = self.tabs[t].ops.remove(i);
        match op {
            Op::Write { w, carries } => {
                let pid = w.pid;
                let (rev, stored) = self.db.projects.get_mut(&pid).unwrap();
                if w.rev != *rev {
                    self.event(t, Event::Conflict { pid });
                    return;
                }
                match outcome {
                    Outcome::Fail => self.event(
                        t,
                        Event::Failed {
                            pid,
                            error: StorageError::Write { reason: Reason::Other, detail: "model".into() },
                        },
                    ),
                    Outcome::Lost => {
                        *rev += 1;
                        let rev = *rev;
                        self.event(t, Event::Lost { pid, rev, error: StorageError::ReadBack("model".into()) });
                    }
                    Outcome::Ok => {
                        if w.full {
                            let dropped: Vec<&Id> = stored.difference(&carries).collect();
                            assert!(dropped.is_empty(), "a whole rewrite dropped stored changes {dropped:?}");
                            *stored = carries;
                        } else {
                            stored.extend(carries);
                        }
                        *rev += 1;
                        let rev = *rev;
                        self.event(t, Event::Written { pid, rev });
                    }
                }
            }
            Op::Pull { pid, after_conflict } => {
                if matches!(outcome, Outcome::Fail) && after_conflict {
                    self.event(
                        t,
                        Event::PullFailed {
                            pid,
                            error: StorageError::Read { reason: Reason::Other, detail: "model".into() },
                        },
                    );
                    return;
                }
                // `ProjectStore::pull`: a read older than what this tab holds is ignored; else
                // merged into unstored edits, or taken as is.
                let (rev, stored) = self.db.projects[&pid].clone();
                let tab = &mut self.tabs[t];
                if rev >= tab.engine.rev(pid) {
                    let ours = tab.ws.get_mut(&pid).unwrap();
                    if tab.engine.unstored(pid) {
                        ours.extend(stored);
                    } else {
                        *ours = stored;
                    }
                    self.event(t, Event::Stored { pid, rev });
                }
                if after_conflict {
                    self.event(t, Event::Pulled { pid });
                } else {
                    self.event(t, Event::SaveSoon);
                }
            }
        }
    }

    fn run(&mut self, s: &Step) {
        match *s {
            Step::Edit { tab, pid } => self.edit(tab, id(PIDS[pid])),
            Step::Merge { tab, pid } => self.merge(tab, id(PIDS[pid])),
            Step::Timer { tab } => {
                if self.tabs[tab].timer.take().is_some() {
                    self.event(tab, Event::Flush);
                }
            }
            Step::Hide { tab } => self.event(tab, Event::Flush),
            Step::Finish { tab, op, outcome } => self.finish(tab, op, outcome),
            Step::Deliver { tab } => {
                if !self.tabs[tab].inbox.is_empty() {
                    let pid = self.tabs[tab].inbox.remove(0);
                    self.tabs[tab].ops.push(Op::Pull { pid, after_conflict: false });
                }
            }
        }
    }

    /// Lets everything end well: timers fire, writes and reads succeed, messages arrive.
    fn settle(&mut self) {
        for _ in 0..1000 {
            let mut busy = false;
            for t in 0..self.tabs.len() {
                if !self.tabs[t].ops.is_empty() {
                    self.finish(t, 0, Outcome::Ok);
                    busy = true;
                } else if !self.tabs[t].inbox.is_empty() {
                    self.run(&Step::Deliver { tab: t });
                    busy = true;
                } else if self.tabs[t].timer.take().is_some() {
                    self.event(t, Event::Flush);
                    busy = true;
                }
            }
            if !busy {
                return;
            }
        }
        panic!("the tabs never settled");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_interleaving_loses_nothing_and_never_overwrites_newer(steps in prop::collection::vec(step(), 1..80)) {
        let mut w = World::new();
        for s in &steps {
            w.run(s);
            // Whatever has not reached storage is in the journal of the tab that holds it.
            for (t, tab) in w.tabs.iter().enumerate() {
                for (pid, ids) in &tab.ws {
                    let stored = &w.db.projects[pid].1;
                    for c in ids.iter().filter(|c| !stored.contains(c) && w.made.contains(c)) {
                        let elsewhere = w.tabs.iter().enumerate().any(|(u, o)| u != t && o.ws[pid].contains(c) && o.journal.contains(c));
                        prop_assert!(tab.journal.contains(c) || elsewhere, "change {c} of tab {t} is neither stored nor journaled");
                    }
                }
            }
        }
        w.settle();
        let stored: BTreeSet<Id> = w.db.projects.values().flat_map(|(_, s)| s.iter().copied()).collect();
        let lost: Vec<&Id> = w.made.difference(&stored).collect();
        prop_assert!(lost.is_empty(), "lost {:?}", lost);
        for (t, tab) in w.tabs.iter().enumerate() {
            prop_assert_eq!(tab.engine.status(), &Status::Saved, "tab {}", t);
            for (pid, ids) in &tab.ws {
                prop_assert_eq!(ids, &w.db.projects[pid].1, "tab {} holds what is stored of {}", t, pid);
            }
            prop_assert!(tab.journal.is_empty(), "tab {} journal emptied", t);
        }
    }
}
