//! Performs what the save engine asks for: the save timer, the status shown, the journal, the
//! IndexedDB writes (with their read-back check) and the pulls after a conflict. Each write's
//! outcome goes back to the engine as an event; nothing here decides what to write or when.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::engine::{Effect, Event, ReadOnlyWhy, Status, Write};
use super::{ProjectStore, SaveStatus};
use crate::browser;
use crate::dom_error::Reason;
use crate::i18n::K;
use crate::storage::batch::MadeSegments;
use crate::storage::{journal, SaveBatch, SaveOutcome, StorageError};

impl ProjectStore {
    pub(super) fn perform(&self, effect: Effect) {
        match effect {
            Effect::Status(s) => self.status.set(self.shown(s)),
            Effect::Timer(delay) => self.arm_timer(delay),
            Effect::Journal => self.write_journal(),
            Effect::Write(w) => {
                let this = *self;
                spawn_local(async move {
                    let outcome = this.write(w).await;
                    this.send(outcome);
                });
            }
            Effect::Pull(pid) => {
                let this = *self;
                spawn_local(async move {
                    let pulled = match this.storage() {
                        Some(storage) => this.pull(&storage, pid).await,
                        None => Err(StorageError::NotOpen),
                    };
                    this.send(match pulled {
                        Ok(()) => Event::Pulled { pid },
                        Err(error) => Event::PullFailed { pid, error },
                    });
                });
            }
            Effect::Broadcast(pid, how) => self.broadcast(pid, how),
        }
    }

    /// The engine's status in the user's language.
    fn shown(&self, s: Status) -> SaveStatus {
        match s {
            Status::Loading => SaveStatus::Loading,
            Status::Saved => SaveStatus::Saved,
            Status::Pending => SaveStatus::Pending,
            Status::Failed(e) => SaveStatus::Failed(self.i18n.storage_error(&e)),
            Status::Unavailable(e) => SaveStatus::Unavailable(self.i18n.storage_error(&e)),
            Status::ReadOnly(ReadOnlyWhy::NewerTab) => SaveStatus::ReadOnly(self.i18n.t(K::ReadOnlyTab).to_string()),
            Status::ReadOnly(ReadOnlyWhy::NewerData) => {
                SaveStatus::ReadOnly(self.i18n.storage_error(&StorageError::Newer))
            }
        }
    }

    fn arm_timer(&self, delay: Option<std::time::Duration>) {
        self.inner.update_value(|i| {
            if let Some(t) = i.timer.take() {
                t.clear();
            }
        });
        let Some(delay) = delay else { return };
        let this = *self;
        match set_timeout_with_handle(move || this.send(Event::Flush), delay) {
            Ok(h) => self.inner.update_value(|i| i.timer = Some(h)),
            Err(_) => self.send(Event::Flush),
        }
    }

    /// Writes this tab's journal: every change storage may not hold yet (synchronously, so a
    /// closed tab still leaves it behind). A project waiting for a whole write (an import, a
    /// merge) goes in with its whole log: the next start rebuilds it, or unions it with what is
    /// stored.
    pub(super) fn write_journal(&self) {
        let mut spill: Vec<(String, String)> = Vec::new();
        let mut forget: Vec<String> = Vec::new();
        self.inner.update_value(|i| {
            self.ws.with_untracked(|ws| {
                let j = i.engine.journal();
                let whole: Vec<(mieruka_core::Id, &[mieruka_core::Change])> = j
                    .whole
                    .iter()
                    .filter_map(|pid| ws.projects.get(pid))
                    .map(|p| (p.id, p.changes.as_slice()))
                    .collect();
                // A large project's log so far goes to IndexedDB (once), the rest to localStorage.
                let plan = journal::plan(&whole, &i.spilled);
                if !plan.spill.is_empty() {
                    browser::perf_mark("mieruka:journal-spill-start");
                }
                for pid in &plan.forget {
                    i.made_segments.remove(pid);
                    if let Some(s) = i.spilled.remove(pid) {
                        forget.push(s.key);
                    }
                }
                for pid in &plan.spill {
                    let Some((_, log)) = whole.iter().find(|(w, _)| w == pid) else { continue };
                    let key = journal::db_key(&i.tab, *pid, js_sys::Date::now() as u64);
                    // Cut as the project's first whole write cuts its log, which then stores
                    // these texts as they are (`SaveBatch::prepare_with`): serialized once.
                    let made = MadeSegments::of(&pid.to_string(), log);
                    spill.push((key.clone(), journal::segments_text(&made.texts)));
                    i.made_segments.insert(*pid, made);
                    if let Some(old) = i
                        .spilled
                        .insert(*pid, journal::Spilled { key, count: log.len(), last: log.last().map(|c| c.id) })
                    {
                        forget.push(old.key);
                    }
                }
                let local = whole.iter().flat_map(|(pid, log)| {
                    log[plan.local_from.get(pid).copied().unwrap_or(0).min(log.len())..].iter().map(move |c| (*pid, c))
                });
                let entries: Vec<_> = local.chain(j.edits.iter().copied()).collect();
                let empty = entries.is_empty() && j.restore_points.is_empty();
                journal::write(&i.tab, &journal::text(entries.into_iter(), &j.restore_points), empty);
            });
        });
        if !spill.is_empty() {
            browser::perf_measure("mieruka:journal-spill", "mieruka:journal-spill-start");
        }
        if spill.is_empty() && forget.is_empty() {
            return;
        }
        let Some(storage) = self.storage() else { return };
        let notices = self.notices;
        let i18n = self.i18n;
        // Puts before deletes, in the order asked: IndexedDB runs write transactions on one store
        // in the order they are created.
        spawn_local(async move {
            for (key, text) in spill {
                if let Err(e) = storage.put_journal(&key, &text).await {
                    leptos::logging::warn!("the large edit journal cannot be written: {e}");
                    notices.error(i18n.storage_error(&e));
                }
            }
            for key in forget {
                if let Err(e) = storage.delete_journal(&key).await {
                    leptos::logging::warn!("an old edit journal cannot be removed: {e}");
                }
            }
        });
    }

    /// One write as the engine asked: the records serialized before the first await, written in
    /// one transaction if the stored copy is at `w.rev`, then read back.
    async fn write(&self, w: Write) -> Event {
        let pid = w.pid;
        let Some(storage) = self.storage() else {
            return Event::Failed { pid, error: StorageError::NotOpen };
        };
        // A whole rewrite replaces the stored log: it must hold the whole log first.
        if w.full {
            if let Err(error) = self.ensure_history(pid).await {
                return Event::Failed { pid, error };
            }
        }
        // Kinds to rewrite whole: those whose stored width the save would change (the store
        // says so without writing, `SaveOutcome::Relayout`; the second try writes them whole).
        let mut whole = std::collections::BTreeSet::new();
        let mut full = w.full;
        // The log's length and last change when the batch was prepared: a second try prepared
        // after an edit would write that edit's effect on the whole kinds without its changes
        // (an edit that spans kinds half in), so it is then a whole write, which holds the
        // whole log (`ensure_history`) and is self-consistent; the later save of that edit
        // writes its changes again, and loading drops the repeats (`replay::normalize`).
        let log_mark = |ws: &mieruka_core::Workspace| {
            ws.projects.get(&pid).map(|p| (p.changes.len(), p.changes.last().map(|c| c.id)))
        };
        let mut prepared_at = None;
        let (batch, written) = loop {
            browser::perf_mark("mieruka:save-prepare-start");
            // The segments a large import's journal was made of, for its whole write to store.
            let made =
                if full { self.inner.try_update_value(|i| i.made_segments.remove(&pid)).flatten() } else { None };
            let batch = self.ws.with_untracked(|ws| {
                prepared_at = log_mark(ws);
                ws.projects.get(&pid).map(|p| SaveBatch::prepare_with(p, &w.dirty, full, &whole, made))
            });
            let Some(mut batch) = batch else {
                return Event::Vanished { pid };
            };
            batch.restore_point = w.restore_point;
            browser::perf_measure("mieruka:save-prepare", "mieruka:save-prepare-start");
            let writing = self.writing;
            let written = storage.write(&batch, w.rev, &|done, total| writing.set(Some((done, total)))).await;
            writing.set(None);
            match written {
                Ok(SaveOutcome::Relayout { kinds }) if !full && !kinds.is_subset(&whole) => {
                    whole.extend(kinds);
                    if self.ws.with_untracked(log_mark) != prepared_at {
                        full = true;
                        if let Err(error) = self.ensure_history(pid).await {
                            return Event::Failed { pid, error };
                        }
                    }
                }
                other => break (batch, other),
            }
        };
        match written {
            // A store that accepts writes and loses them is caught here: the edits stay in memory
            // and in the journal, and the banner says so.
            Ok(SaveOutcome::Saved { rev }) => match storage.verify(&batch, rev).await {
                Ok(()) => Event::Written { pid, rev },
                Err(error) => Event::Lost { pid, rev, error },
            },
            // Asked for kinds already whole: cannot happen (a whole kind is never `moved`).
            Ok(SaveOutcome::Relayout { kinds }) => {
                let detail = format!("the widths of {kinds:?} keep moving");
                Event::Failed { pid, error: StorageError::Write { reason: Reason::Other, detail } }
            }
            Ok(SaveOutcome::Conflict { .. }) => Event::Conflict { pid },
            Err(error) => Event::Failed { pid, error },
        }
    }
}
