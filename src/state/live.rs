//! The workspace in memory, with fine-grained notification: one trigger per topic a view has read
//! (`mieruka_core::topic`), per project. An edit notifies the topics its changes touched, so a
//! title typed in the WBS wakes that row's cells, not the roll-ups, the charts or the registers.
//!
//! Three grains, from fine to coarse:
//! - [`Live::read`]: the view names what it reads ([`Read`]: an entity, a kind, some fields of a
//!   kind, the log). This is what the WBS, the charts and the registers use.
//! - [`Live::with_project`]: anything of one project (rare screens, actions run once).
//! - [`Live::with`]: anything at all (the project list, the portfolio).
//!
//! Whole projects replaced (loaded, pulled from another tab, merged, restored) notify every
//! reader of that project.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::reactive::graph::Observer;
use mieruka_core::topic::{touched, Read, Topic};
use mieruka_core::{Change, Id, Project, Workspace};

#[derive(Default)]
struct Triggers {
    /// Notified after any change anywhere (coarse readers).
    any: ArcTrigger,
    /// Notified when projects are added or removed.
    projects: ArcTrigger,
    /// Per project: notified after any change of it (coarse readers of one project).
    project: HashMap<Id, ArcTrigger>,
    /// Per project and topic, for the topics that have been read in a tracking context.
    topic: HashMap<(Id, Topic), ArcTrigger>,
}

#[derive(Clone, Copy)]
pub(crate) struct Live {
    ws: StoredValue<Workspace, LocalStorage>,
    triggers: StoredValue<Triggers, LocalStorage>,
}

/// Tracks a trigger when something is observing (an effect, a memo, a view); reading from an
/// event handler creates nothing.
fn track(t: Option<ArcTrigger>) {
    if let Some(t) = t {
        t.track();
    }
}

impl Live {
    pub fn new() -> Self {
        Live { ws: StoredValue::new_local(Workspace::default()), triggers: StoredValue::new_local(Triggers::default()) }
    }

    fn observed() -> bool {
        Observer::get().is_some()
    }

    // ------------------------------------------------------------------ reading

    /// Reads the workspace; tracked: reruns after any change.
    pub fn with<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        if Self::observed() {
            track(self.triggers.with_value(|t| Some(t.any.clone())));
        }
        self.ws.with_value(f)
    }

    /// Reads one project; tracked: reruns after any change of it.
    pub fn with_project<R>(&self, pid: Id, f: impl FnOnce(&Project) -> R) -> Option<R> {
        if Self::observed() {
            track(self.triggers.try_update_value(|t| t.project.entry(pid).or_default().clone()));
        }
        self.ws.with_value(|ws| ws.projects.get(&pid).map(f))
    }

    /// Reads one project; tracked: reruns only after a change of what `reads` names.
    pub fn read<R>(&self, pid: Id, reads: &[Read], f: impl FnOnce(&Project) -> R) -> Option<R> {
        if Self::observed() {
            let triggers: Vec<ArcTrigger> = self
                .triggers
                .try_update_value(|t| {
                    reads
                        .iter()
                        .flat_map(Read::topics)
                        .map(|topic| t.topic.entry((pid, topic)).or_default().clone())
                        .collect()
                })
                .unwrap_or_default();
            for t in triggers {
                t.track();
            }
        }
        self.ws.with_value(|ws| ws.projects.get(&pid).map(f))
    }

    /// The ids of the projects; tracked: reruns when one is added or removed.
    pub fn project_ids(&self) -> Vec<Id> {
        if Self::observed() {
            track(self.triggers.with_value(|t| Some(t.projects.clone())));
        }
        self.ws.with_value(|ws| ws.projects.keys().copied().collect())
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        self.ws.with_value(f)
    }

    // ------------------------------------------------------------------ changing

    /// Runs an edit of project `pid` that returns the changes it made (`apply`, an undo, another
    /// tab's changes), then notifies the readers of what those changes touched.
    pub fn edit<E>(&self, pid: Id, f: impl FnOnce(&mut Workspace) -> Result<Vec<Change>, E>) -> Result<Vec<Change>, E> {
        let had = self.ws.with_value(|ws| ws.projects.contains_key(&pid));
        let result = self.ws.try_update_value(f).expect("the workspace lives as long as the app");
        if let Ok(changes) = &result {
            let has = self.ws.with_value(|ws| ws.projects.contains_key(&pid));
            if had != has {
                // Created or deleted: every reader of it.
                self.notify_project(pid);
            } else if !changes.is_empty() {
                self.notify_changes(pid, changes);
            }
        }
        result
    }

    /// Replaces, merges or removes whole projects: every reader of each is notified.
    pub fn replace(&self, pids: &[Id], f: impl FnOnce(&mut Workspace)) {
        self.ws.update_value(f);
        for pid in pids {
            self.notify_project(*pid);
        }
    }

    /// Changes only the change log of a project (its stored history loaded behind the WBS).
    /// Every reader is told: what is derived from the log (issue numbers, the activity) moves,
    /// and this happens once per project.
    pub fn log_loaded(&self, pid: Id, f: impl FnOnce(&mut Project)) {
        self.ws.update_value(|ws| {
            if let Some(p) = ws.projects.get_mut(&pid) {
                f(p);
            }
        });
        self.notify_project(pid);
    }

    fn notify_changes(&self, pid: Id, changes: &[Change]) {
        let topics = touched(changes);
        self.notify_topics(pid, topics.iter());
    }

    fn notify_topics<'a>(&self, pid: Id, topics: impl Iterator<Item = &'a Topic>) {
        // Collected first: a notified subscriber may read (and so borrow the triggers) at once.
        let mut hit: Vec<ArcTrigger> = self.triggers.with_value(|t| {
            let mut hit = vec![t.any.clone()];
            hit.extend(t.project.get(&pid).cloned());
            hit
        });
        let mut key = (pid, Topic::Log);
        self.triggers.with_value(|t| {
            for topic in topics {
                key.1 = topic.clone();
                hit.extend(t.topic.get(&key).cloned());
            }
        });
        for t in hit {
            t.notify();
        }
    }

    fn notify_project(&self, pid: Id) {
        let hit: Vec<ArcTrigger> = self.triggers.with_value(|t| {
            let mut hit = vec![t.any.clone(), t.projects.clone()];
            hit.extend(t.project.get(&pid).cloned());
            hit.extend(t.topic.iter().filter(|((p, _), _)| *p == pid).map(|(_, t)| t.clone()));
            hit
        });
        for t in hit {
            t.notify();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use chrono::TimeZone;
    use mieruka_core::wbs_cache::WbsCache;
    use mieruka_core::{apply, Command, EntityKind, EntityRef, ProjectInfo, Stamp, Task, TaskField};
    use serde_json::json;

    use super::*;

    struct World {
        live: Live,
        pid: Id,
        a: Id,
        b: Id,
        n: u128,
    }

    impl World {
        fn new() -> World {
            let live = Live::new();
            let (pid, a, b) = (Id::from_u128(1), Id::from_u128(2), Id::from_u128(3));
            let mut w = World { live, pid, a, b, n: 100 };
            w.run(Command::CreateProject { id: pid, info: ProjectInfo { name: "P".into(), ..Default::default() } });
            for id in [a, b] {
                let task = Task { title: "t".into(), estimate_hours: 8.0, ..Default::default() };
                w.run(Command::InsertTask { project: pid, id, parent: None, after: None, task });
            }
            w
        }

        fn run(&mut self, cmd: Command) {
            self.n += 1;
            let at = chrono::Utc.timestamp_opt(1_750_000_000 + self.n as i64, 0).unwrap();
            let stamp = Stamp::new(at, "me", Id::from_u128(self.n));
            let pid = self.pid;
            self.live.edit(pid, |ws| apply(ws, cmd, &stamp)).expect("applies");
        }

        fn set(&mut self, task: Id, field: TaskField, value: serde_json::Value) {
            let (project, entity) = (self.pid, EntityRef::new(EntityKind::Task, task));
            self.run(Command::Set { project, entity, field: field.into(), value });
        }

        /// A memo that counts its runs, reading `reads` of the project.
        fn counter(&self, reads: &'static [Read]) -> (Memo<usize>, Runs) {
            let runs = Runs(Arc::new(AtomicUsize::new(0)));
            let (live, pid, r) = (self.live, self.pid, runs.0.clone());
            let memo = Memo::new(move |_| {
                r.fetch_add(1, Ordering::SeqCst);
                live.read(pid, reads, |p| p.tasks.len()).unwrap_or(0)
            });
            (memo, runs)
        }
    }

    struct Runs(Arc<AtomicUsize>);

    impl Runs {
        fn get(&self) -> usize {
            self.0.load(Ordering::SeqCst)
        }
    }

    const WBS: &[Read] = &[Read::Fields(EntityKind::Task, WbsCache::READS)];

    #[test]
    fn an_edit_wakes_only_the_readers_of_what_it_touched() {
        let owner = Owner::new();
        owner.set();
        let mut w = World::new();
        let a_only: &'static [Read] = Box::leak(Box::new([Read::entity(EntityKind::Task, w.a)]));
        let (row_a, runs_a) = w.counter(a_only);
        let (wbs, runs_wbs) = w.counter(WBS);
        let (_, _) = (row_a.get(), wbs.get());
        assert_eq!((runs_a.get(), runs_wbs.get()), (1, 1));

        // A title of b: neither the row of a nor the roll-ups.
        let b = w.b;
        w.set(b, TaskField::Title, json!("設計"));
        let (_, _) = (row_a.get(), wbs.get());
        assert_eq!((runs_a.get(), runs_wbs.get()), (1, 1));

        // An estimate of b: the roll-ups, not the row of a.
        w.set(b, TaskField::EstimateHours, json!(5.0));
        let (_, _) = (row_a.get(), wbs.get());
        assert_eq!((runs_a.get(), runs_wbs.get()), (1, 2));

        // A title of a: its row.
        let a = w.a;
        w.set(a, TaskField::Title, json!("実装"));
        let (_, _) = (row_a.get(), wbs.get());
        assert_eq!((runs_a.get(), runs_wbs.get()), (2, 2));

        // A task added: the roll-ups (which tasks exist), not the row of a.
        let id = Id::from_u128(50);
        let project = w.pid;
        w.run(Command::InsertTask {
            project,
            id,
            parent: None,
            after: None,
            task: Task { title: "追加".into(), ..Default::default() },
        });
        assert_eq!(wbs.get(), 3);
        let _ = row_a.get();
        assert_eq!((runs_a.get(), runs_wbs.get()), (2, 3));

        // A refused command: nobody.
        let refused = w.live.edit(project, |ws| {
            apply(
                ws,
                Command::Indent { project, task: Id::from_u128(999) },
                &Stamp::new(chrono::Utc.timestamp_opt(1_760_000_000, 0).unwrap(), "me", Id::from_u128(998)),
            )
        });
        assert!(refused.is_err());
        let (_, _) = (row_a.get(), wbs.get());
        assert_eq!((runs_a.get(), runs_wbs.get()), (2, 3));
    }

    #[test]
    fn a_whole_project_replaced_wakes_every_reader_of_it() {
        let owner = Owner::new();
        owner.set();
        let w = World::new();
        let a_only: &'static [Read] = Box::leak(Box::new([Read::entity(EntityKind::Task, w.a)]));
        let (row_a, runs_a) = w.counter(a_only);
        let (wbs, runs_wbs) = w.counter(WBS);
        let ids = {
            let live = w.live;
            Memo::new(move |_| live.project_ids().len())
        };
        let (_, _, _) = (row_a.get(), wbs.get(), ids.get());
        let pid = w.pid;
        // Pulled from another tab, say: a copy with one task less.
        let mut copy = w.live.with_untracked(|ws| ws.projects[&pid].clone());
        copy.tasks.remove(&w.b);
        w.live.replace(&[pid], |ws| {
            ws.projects.insert(pid, copy);
        });
        assert_eq!(wbs.get(), 1);
        let _ = row_a.get();
        assert_eq!((runs_a.get(), runs_wbs.get()), (2, 2));
        // Removed: the list of projects too.
        w.live.replace(&[pid], |ws| {
            ws.projects.remove(&pid);
        });
        assert_eq!((ids.get(), wbs.get()), (0, 0));
    }
}
