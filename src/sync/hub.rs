//! Team sync in the browser: one hub, provided as context, keeps for each shared project what the
//! chip shows and runs its rounds — when the project opens, every 30 s while it is open and the
//! browser is online, a few seconds after a save, and on "Sync now". A round never blocks
//! editing: it reads and writes the location in the background and merges what arrived as another
//! tab's save would be. One tab at a time syncs a project (a Web Lock); what it keeps is re-read
//! at the start of each round, so tabs take turns without losing track.
//!
//! Over 400 lines on purpose: sharing, joining and the round runner share the bookkeeping of
//! one project (`Run`), and are read together.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::sync::file::{self, About};
use mieruka_core::sync::layout::{Device, Entry};
use mieruka_core::sync::webdav::Address;
use mieruka_core::Id;
use wasm_bindgen::JsValue;

use super::folder_client::FolderClient;
use super::kept::{self, Kept, Place};
use super::round::{self, Report, Review};
use super::transport::Transport;
use super::webdav_client::WebDavClient;
use crate::browser;
use crate::i18n::I18n;
use crate::notice::Notices;
use crate::state::ProjectStore;
use crate::storage::{ProjectStorage, StorageError};
use crate::sync_error::{Skipped, SyncError};

/// How often an open shared project syncs.
pub const EVERY: Duration = Duration::from_secs(30);
/// How long after a save the changes are sent (edits come in bursts).
pub const AFTER_SAVE: Duration = Duration::from_secs(3);
/// A snapshot is written for every this many segments (docs/SYNC.md); `mieruka.syncSnapshotEvery`
/// in localStorage sets another number (the end-to-end tests make one with a few segments).
pub const SNAPSHOT_EVERY: usize = 500;

/// What the chip says about a project.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncState {
    NotShared,
    /// What is kept is being read.
    Opening,
    Syncing,
    Synced(DateTime<Utc>),
    /// Changes made here that the location does not have yet.
    Waiting(usize),
    Offline(usize),
    Failed {
        error: SyncError,
        waiting: usize,
    },
    /// The password was not remembered: the user must give it again.
    NeedsPassword,
    /// The browser must be allowed again to use the chosen folder (after a restart).
    NeedsPermission,
    /// Another tab of this browser is syncing this project now.
    OtherTab,
}

/// What the chip shows.
#[derive(Debug, Clone)]
pub struct Shown {
    pub state: SyncState,
    pub place: Option<Place>,
    /// The files the last round could not read (skipped).
    pub skipped: Vec<Skipped>,
    /// Fields changed here and on another device, to review (until the user does).
    pub review: Option<Review>,
    /// Rounds finished (done or failed) since the page opened: the chip shows it to tests as
    /// `data-sync-rounds`, so "the round after this click" can be waited for.
    pub rounds: u64,
}

impl Shown {
    fn new() -> Shown {
        Shown { state: SyncState::Opening, place: None, skipped: Vec::new(), review: None, rounds: 0 }
    }
}

#[derive(Default)]
struct Run {
    kept: Option<Kept>,
    base: BTreeSet<Id>,
    /// The password given in this tab, when it is not remembered.
    password: Option<String>,
    folder: Option<FolderClient>,
    busy: bool,
    again: bool,
    /// How many views have the project open (the timer runs while one does).
    open: usize,
    timer: Option<IntervalHandle>,
    after_save: Option<TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct SyncHub {
    shown: RwSignal<BTreeMap<Id, Shown>>,
    runs: StoredValue<BTreeMap<Id, Run>, LocalStorage>,
    store: ProjectStore,
    notices: Notices,
    i18n: I18n,
}

pub fn expect_sync() -> SyncHub {
    expect_context::<SyncHub>()
}

fn snapshot_every() -> usize {
    crate::storage::local::get_text("mieruka.syncSnapshotEvery")
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(SNAPSHOT_EVERY)
}

impl SyncHub {
    pub fn new(store: ProjectStore, notices: Notices, i18n: I18n) -> SyncHub {
        let hub = SyncHub {
            shown: RwSignal::new(BTreeMap::new()),
            runs: StoredValue::new_local(BTreeMap::new()),
            store,
            notices,
            i18n,
        };
        // After a save, the open shared projects send what it stored.
        Effect::new(move |_| {
            if matches!(store.status(), crate::state::SaveStatus::Saved) {
                hub.saved();
            }
        });
        // Back online: what waited is sent at once, not at the next 30 s tick.
        // Dropping the handle keeps the listener (only `remove` takes it away): the hub lives as
        // long as the page.
        drop(window_event_listener(leptos::ev::online, move |_| {
            let open: Vec<Id> = hub.runs.with_value(|r| {
                r.iter().filter(|(_, run)| run.open > 0 && run.kept.is_some()).map(|(pid, _)| *pid).collect()
            });
            for pid in open {
                hub.sync(pid);
            }
        }));
        hub
    }

    /// What the chip shows for a project (tracked).
    pub fn shown(&self, pid: Id) -> Shown {
        self.shown.with(|m| m.get(&pid).cloned()).unwrap_or_else(Shown::new)
    }

    fn show(&self, pid: Id, state: SyncState) {
        let place = self.runs.with_value(|r| r.get(&pid).and_then(|run| run.kept.as_ref().map(|k| k.place.clone())));
        self.shown.update(|m| {
            let e = m.entry(pid).or_insert_with(Shown::new);
            e.state = state;
            e.place = place;
        });
    }

    fn storage(&self) -> Result<ProjectStorage, SyncError> {
        self.store.storage_handle().ok_or(SyncError::Storage(StorageError::NotOpen))
    }

    // ------------------------------------------------------------------ a project opened

    /// A view of the project opened: read what is kept, sync, and every 30 s while it is open.
    pub fn open(&self, pid: Id) {
        let first = self.runs.try_update_value(|r| {
            let run = r.entry(pid).or_default();
            run.open += 1;
            run.open == 1
        });
        if first != Some(true) {
            return;
        }
        let hub = *self;
        spawn_local(async move {
            match hub.load(pid).await {
                Ok(true) => {
                    let timer = set_interval_with_handle(move || hub.sync(pid), EVERY).ok();
                    hub.runs.update_value(|r| {
                        if let Some(run) = r.get_mut(&pid) {
                            run.timer = timer;
                        }
                    });
                    hub.sync(pid);
                }
                Ok(false) => hub.show(pid, SyncState::NotShared),
                Err(e) => hub.show(pid, SyncState::Failed { error: e, waiting: 0 }),
            }
        });
    }

    /// The view closed.
    pub fn close(&self, pid: Id) {
        self.runs.update_value(|r| {
            if let Some(run) = r.get_mut(&pid) {
                run.open = run.open.saturating_sub(1);
                if run.open == 0 {
                    if let Some(t) = run.timer.take() {
                        t.clear();
                    }
                }
            }
        });
    }

    /// Reads what is kept for a project (false: not shared).
    async fn load(&self, pid: Id) -> Result<bool, SyncError> {
        let storage = self.storage()?;
        let Some(text) = storage.sync_part(pid, "kept").await?.and_then(|v| v.as_string()) else {
            return Ok(false);
        };
        let kept: Kept =
            serde_json::from_str(&text).map_err(|e| SyncError::Storage(StorageError::Damaged(e.to_string())))?;
        let cached = self.runs.with_value(|r| r.get(&pid).map(|run| run.base.len()));
        let base = if cached == Some(kept.base_len) {
            None
        } else if kept.base_len == 0 {
            Some(BTreeSet::new())
        } else {
            let text = storage.sync_part(pid, "base").await?.and_then(|v| v.as_string()).unwrap_or_default();
            let base = kept::read_base(&text, kept.base_len)
                .ok_or_else(|| SyncError::Storage(StorageError::Damaged("sync base".into())))?;
            Some(base)
        };
        let folder = match kept.place {
            Place::Folder { .. } if self.runs.with_value(|r| r.get(&pid).is_none_or(|run| run.folder.is_none())) => {
                storage.sync_part(pid, "folder").await?.map(|handle| FolderClient { handle })
            }
            _ => None,
        };
        self.runs.update_value(|r| {
            let run = r.entry(pid).or_default();
            run.kept = Some(kept);
            if let Some(b) = base {
                run.base = b;
            }
            if folder.is_some() {
                run.folder = folder;
            }
        });
        Ok(true)
    }

    fn saved(&self) {
        let open: Vec<Id> = self.runs.with_value(|r| {
            r.iter().filter(|(_, run)| run.open > 0 && run.kept.is_some()).map(|(pid, _)| *pid).collect()
        });
        for pid in open {
            let hub = *self;
            let handle = set_timeout_with_handle(move || hub.sync(pid), AFTER_SAVE).ok();
            self.runs.update_value(|r| {
                if let Some(run) = r.get_mut(&pid) {
                    if let Some(old) = std::mem::replace(&mut run.after_save, handle) {
                        old.clear();
                    }
                }
            });
            self.show_waiting(pid);
        }
    }

    /// How many changes of the project the location does not have yet.
    fn waiting(&self, pid: Id) -> usize {
        self.runs.with_value(|r| {
            let Some(run) = r.get(&pid) else { return 0 };
            let Some(kept) = &run.kept else { return 0 };
            let delta: BTreeSet<Id> = kept.delta.iter().copied().collect();
            self.store
                .with_project_untracked(pid, |p| {
                    p.changes.iter().filter(|c| !run.base.contains(&c.id) && !delta.contains(&c.id)).count()
                })
                .unwrap_or(0)
        })
    }

    fn show_waiting(&self, pid: Id) {
        let n = self.waiting(pid);
        let busy = self.runs.with_value(|r| r.get(&pid).is_some_and(|run| run.busy));
        if n > 0 && !busy {
            self.show(pid, SyncState::Waiting(n));
        }
    }

    // ------------------------------------------------------------------ rounds

    /// Syncs a project now (or right after the round under way).
    pub fn sync(&self, pid: Id) {
        let start = self.runs.try_update_value(|r| {
            let run = r.entry(pid).or_default();
            if run.busy {
                run.again = true;
                false
            } else {
                run.busy = true;
                true
            }
        });
        if start != Some(true) {
            return;
        }
        let hub = *self;
        spawn_local(async move {
            loop {
                hub.run_round(pid).await;
                hub.shown.update(|m| m.entry(pid).or_insert_with(Shown::new).rounds += 1);
                let again = hub.runs.try_update_value(|r| {
                    let run = r.entry(pid).or_default();
                    let again = std::mem::take(&mut run.again);
                    run.busy = again;
                    again
                });
                if again != Some(true) {
                    break;
                }
            }
        });
    }

    async fn run_round(&self, pid: Id) {
        match self.load(pid).await {
            Ok(true) => {}
            Ok(false) => return self.show(pid, SyncState::NotShared),
            Err(e) => return self.failed(pid, e),
        }
        let transport = match self.transport(pid).await {
            Ok(Some(t)) => t,
            Ok(None) => return,
            Err(e) => return self.failed(pid, e),
        };
        let Some(_lock) = browser::try_lock(&format!("mieruka-sync-{pid}")).await else {
            return self.show(pid, SyncState::OtherTab);
        };
        if let Err(e) = self.store.ensure_history(pid).await {
            return self.failed(pid, e.into());
        }
        self.show(pid, SyncState::Syncing);
        let Some((kept, base)) =
            self.runs.with_value(|r| r.get(&pid).and_then(|run| Some((run.kept.clone()?, run.base.clone()))))
        else {
            return;
        };
        let mut replica = kept.replica(pid, &base);
        let about = if kept.synced_at.is_none() {
            self.store.with_project_untracked(pid, |p| About {
                project: pid,
                name: p.info.name.clone(),
                code: p.info.code.clone(),
            })
        } else {
            None
        };
        let result = round::round(self.store, &transport, &mut replica, snapshot_every(), about).await;
        match result {
            Ok(report) => {
                if let Err(e) = self.keep(pid, kept, &base, &replica).await {
                    return self.failed(pid, e);
                }
                self.tell(pid, &report);
                let n = self.waiting(pid);
                self.shown.update(|m| {
                    if let Some(s) = m.get_mut(&pid) {
                        s.skipped = report.skipped.clone();
                        if report.review.is_some() {
                            s.review = report.review.clone();
                        }
                    }
                });
                self.show(pid, if n > 0 { SyncState::Waiting(n) } else { SyncState::Synced(browser::now()) });
            }
            Err(e) => self.failed(pid, e),
        }
    }

    /// Writes what a round leaves kept: the record, and the base when the delta was folded into it.
    async fn keep(
        &self,
        pid: Id,
        mut kept: Kept,
        base: &BTreeSet<Id>,
        replica: &mieruka_core::sync::Replica,
    ) -> Result<(), SyncError> {
        let folded = kept.take(replica, base, browser::now());
        let text =
            serde_json::to_string(&kept).map_err(|e| SyncError::Storage(StorageError::Damaged(e.to_string())))?;
        let mut parts = vec![("kept", JsValue::from_str(&text))];
        if let Some(b) = &folded {
            parts.push(("base", JsValue::from_str(&kept::base_text(b))));
        }
        self.storage()?.put_sync_parts(pid, &parts).await?;
        self.runs.update_value(|r| {
            let run = r.entry(pid).or_default();
            run.kept = Some(kept);
            if let Some(b) = folded {
                run.base = b;
            }
        });
        Ok(())
    }

    fn tell(&self, pid: Id, report: &Report) {
        let name = self.store.with_project_untracked(pid, |p| p.info.name.clone()).unwrap_or_default();
        for s in &report.skipped {
            self.notices.failed(
                "sync",
                &format!("{}: {:?}", s.path, s.why),
                &self.i18n.msg().sync_skipped(s.path.clone()),
                crate::i18n::sync_skip(self.i18n.lang_untracked(), &s.why),
            );
        }
        if report.conflicts > 0 {
            self.notices.info(self.i18n.msg().sync_conflicts(report.conflicts, name.clone()));
        }
        if report.arrived > 0 {
            self.notices.info(self.i18n.msg().sync_arrived(report.arrived, name));
        }
    }

    fn failed(&self, pid: Id, e: SyncError) {
        leptos::logging::warn!("sync: {e}");
        let waiting = self.waiting(pid);
        let state = match e {
            SyncError::Offline => SyncState::Offline(waiting),
            SyncError::PasswordNeeded => SyncState::NeedsPassword,
            SyncError::FolderDenied(_) => SyncState::NeedsPermission,
            error => SyncState::Failed { error, waiting },
        };
        self.show(pid, state);
    }

    /// How this tab reaches the project's location (None: it must ask the user first).
    async fn transport(&self, pid: Id) -> Result<Option<Transport>, SyncError> {
        let (place, password, folder) = self.runs.with_value(|r| {
            let run = r.get(&pid);
            (
                run.and_then(|x| x.kept.as_ref().map(|k| k.place.clone())),
                run.and_then(|x| x.password.clone()),
                run.and_then(|x| x.folder.clone()),
            )
        });
        match place {
            None => Ok(None),
            Some(Place::WebDav { address, user, password: kept }) => {
                let Some(pw) = kept.or(password).or_else(|| user.is_empty().then(String::new)) else {
                    self.show(pid, SyncState::NeedsPassword);
                    return Ok(None);
                };
                Ok(Some(Transport::WebDav(WebDavClient::new(Address::parse(&address)?, &user, &pw))))
            }
            Some(Place::Folder { .. }) => {
                let Some(folder) = folder else { return Err(SyncError::Folder("no folder handle kept".into())) };
                if !folder.allowed(false).await? {
                    self.show(pid, SyncState::NeedsPermission);
                    return Ok(None);
                }
                Ok(Some(Transport::Folder(folder)))
            }
        }
    }

    // ------------------------------------------------------------------ sharing

    /// Shares a project through a WebDAV folder: the address is checked by listing it, then the
    /// project is sent. A password is kept only if `remember`.
    pub async fn share_webdav(
        &self,
        pid: Id,
        address: &str,
        user: &str,
        password: &str,
        remember: bool,
    ) -> Result<(), SyncError> {
        let (client, place, password) = webdav_place(address, user, password, remember)?;
        client.projects().await?;
        self.start_sharing(pid, place, Some(password), None).await
    }

    /// Shares a project through a folder the user chooses (false: they cancelled).
    pub async fn share_folder(&self, pid: Id) -> Result<bool, SyncError> {
        let Some(folder) = FolderClient::pick().await? else { return Ok(false) };
        if !folder.allowed(true).await? {
            return Err(SyncError::FolderDenied(folder.name()));
        }
        let place = Place::Folder { name: folder.name() };
        self.start_sharing(pid, place, None, Some(folder)).await?;
        Ok(true)
    }

    async fn start_sharing(
        &self,
        pid: Id,
        place: Place,
        password: Option<String>,
        folder: Option<FolderClient>,
    ) -> Result<(), SyncError> {
        let device = Device::from_id(browser::new_id());
        let kept = Kept::new(place, device);
        let text =
            serde_json::to_string(&kept).map_err(|e| SyncError::Storage(StorageError::Damaged(e.to_string())))?;
        let mut parts = vec![("kept", JsValue::from_str(&text))];
        if let Some(f) = &folder {
            parts.push(("folder", f.handle.clone()));
        }
        self.storage()?.put_sync_parts(pid, &parts).await?;
        self.runs.update_value(|r| {
            let run = r.entry(pid).or_default();
            run.kept = Some(kept);
            run.base = BTreeSet::new();
            run.password = password;
            run.folder = folder;
        });
        let open = self.runs.with_value(|r| r.get(&pid).is_some_and(|run| run.open > 0 && run.timer.is_none()));
        if open {
            let hub = *self;
            let timer = set_interval_with_handle(move || hub.sync(pid), EVERY).ok();
            self.runs.update_value(|r| {
                if let Some(run) = r.get_mut(&pid) {
                    run.timer = timer;
                }
            });
        }
        self.sync(pid);
        Ok(())
    }

    /// Stops sharing a project from this browser (the project and the location stay as they are).
    pub async fn stop_sharing(&self, pid: Id) -> Result<(), SyncError> {
        self.storage()?.forget_sync(pid).await?;
        self.runs.update_value(|r| {
            if let Some(run) = r.get_mut(&pid) {
                if let Some(t) = run.timer.take() {
                    t.clear();
                }
                let open = run.open;
                *run = Run { open, ..Run::default() };
            }
        });
        self.show(pid, SyncState::NotShared);
        Ok(())
    }

    /// The password, given again in this tab (kept if `remember`).
    pub async fn give_password(&self, pid: Id, password: &str, remember: bool) -> Result<(), SyncError> {
        if remember {
            let kept = self.runs.with_value(|r| r.get(&pid).and_then(|run| run.kept.clone()));
            if let Some(mut kept) = kept {
                if let Place::WebDav { password: p, .. } = &mut kept.place {
                    *p = Some(password.to_string());
                }
                let text = serde_json::to_string(&kept)
                    .map_err(|e| SyncError::Storage(StorageError::Damaged(e.to_string())))?;
                self.storage()?.put_sync_parts(pid, &[("kept", JsValue::from_str(&text))]).await?;
            }
        }
        self.runs.update_value(|r| r.entry(pid).or_default().password = Some(password.to_string()));
        self.sync(pid);
        Ok(())
    }

    /// Allows the chosen folder again (from a click) and syncs.
    pub async fn allow_folder(&self, pid: Id) -> Result<(), SyncError> {
        let folder = self.runs.with_value(|r| r.get(&pid).and_then(|run| run.folder.clone()));
        let Some(folder) = folder else { return Err(SyncError::Folder("no folder handle kept".into())) };
        if !folder.allowed(true).await? {
            return Err(SyncError::FolderDenied(folder.name()));
        }
        self.sync(pid);
        Ok(())
    }

    /// The user's choices of the last review: each pick that is not the kept value becomes a new
    /// change (one undo step), saved and sent like any edit.
    pub fn resolve(
        &self,
        pid: Id,
        picks: &BTreeMap<(mieruka_core::EntityRef, String), mieruka_core::merge::Side>,
    ) -> Result<(), SyncError> {
        let review = self.shown.with_untracked(|m| m.get(&pid).and_then(|s| s.review.clone()));
        let Some(review) = review else { return Ok(()) };
        let stamp = mieruka_core::Stamp::new(browser::now(), self.store.actor(), browser::new_id());
        let merged = mieruka_core::merge::merge(&review.local, &review.there, picks, &stamp);
        let chosen: Vec<_> = merged.changes.into_iter().filter(|c| c.batch == stamp.batch).collect();
        if !chosen.is_empty() {
            self.store.absorb(pid, chosen)?;
        }
        self.shown.update(|m| {
            if let Some(s) = m.get_mut(&pid) {
                s.review = None;
            }
        });
        self.sync(pid);
        Ok(())
    }

    // ------------------------------------------------------------------ joining

    /// The projects at a WebDAV location, with their cards (name and code) where they have one.
    pub async fn projects_at(
        &self,
        address: &str,
        user: &str,
        password: &str,
    ) -> Result<Vec<(Id, Option<About>)>, SyncError> {
        let (client, _, _) = webdav_place(address, user, password, false)?;
        cards(&Transport::WebDav(client)).await
    }

    /// The projects in a chosen folder, with their cards.
    pub async fn projects_in(&self, folder: &FolderClient) -> Result<Vec<(Id, Option<About>)>, SyncError> {
        cards(&Transport::Folder(folder.clone())).await
    }

    /// Joins shared projects from a WebDAV location: each is read from there and kept here.
    pub async fn join_webdav(
        &self,
        pids: &[Id],
        address: &str,
        user: &str,
        password: &str,
        remember: bool,
    ) -> Result<(), SyncError> {
        let (_, place, password) = webdav_place(address, user, password, remember)?;
        for pid in pids {
            self.start_sharing(*pid, place.clone(), Some(password.clone()), None).await?;
        }
        Ok(())
    }

    /// Joins shared projects from a chosen folder.
    pub async fn join_folder(&self, pids: &[Id], folder: &FolderClient) -> Result<(), SyncError> {
        for pid in pids {
            let place = Place::Folder { name: folder.name() };
            self.start_sharing(*pid, place, None, Some(folder.clone())).await?;
        }
        Ok(())
    }
}

/// The projects at a location, each with its card where it can be read.
async fn cards(t: &Transport) -> Result<Vec<(Id, Option<About>)>, SyncError> {
    let mut out = Vec::new();
    for pid in t.projects().await? {
        let about = match t.read(&Entry::about_path(pid)).await {
            Ok(text) => file::read_about(pid, &text).ok(),
            Err(SyncError::Server(_) | SyncError::Folder(_)) => None,
            Err(e) => return Err(e),
        };
        out.push((pid, about));
    }
    Ok(out)
}

/// A WebDAV address as the user typed it, with the user and password of the fields (or of the
/// address): the client, the place kept (the address without them) and the password.
fn webdav_place(
    address: &str,
    user: &str,
    password: &str,
    remember: bool,
) -> Result<(WebDavClient, Place, String), SyncError> {
    let parsed = Address::parse(address.trim())?;
    let user = if user.is_empty() { parsed.user.clone().unwrap_or_default() } else { user.to_string() };
    let password = if password.is_empty() { parsed.password.clone().unwrap_or_default() } else { password.to_string() };
    let bare = format!("{}{}", parsed.origin, parsed.root);
    let client = WebDavClient::new(Address::parse(&bare)?, &user, &password);
    let place = Place::WebDav { address: bare, user, password: remember.then(|| password.clone()) };
    Ok((client, place, password))
}
