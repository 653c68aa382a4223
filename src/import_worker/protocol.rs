//! What the tab and the import worker tell each other, typed both ways (JSON text over
//! `postMessage`; the file goes beside it as a `Blob`, which the browser passes without copying),
//! and the tab's choice of where an import runs. Pure: tested natively.

use mieruka_core::{Id, Lang, Stamp};
use serde::{Deserialize, Serialize};

use crate::import_outcome::Refusal;
use crate::storage::StorageError;

/// Bumped when a message changes shape. A worker fetched from a newer deployment than the page
/// (the page cached, the worker not yet) answers [`Reply::Mismatch`] and the tab imports itself.
/// (2: [`Reply::Failed`] carries the typed storage error, which the tab says in its language.
/// 3: [`Reply::Refused`] carries the typed refusal, likewise.)
pub const PROTOCOL: u32 = 3;

/// The worker's script (assets/import-worker.js), relative to the page: it loads the
/// `mieruka-import` binary that Trunk builds (index.html, `data-type="worker"`).
pub const SCRIPT: &str = "./import-worker.js";

/// From this size on a Mieruka JSON file is imported in the worker. Below it, the tab imports it
/// itself: it holds the page for less than ~0.3 s, and is listed sooner (measured at 1,000 tasks,
/// 3.1 MB: in the tab listed after 390 ms, the page held 224 ms at most; in the worker listed after
/// 864 ms, held 51 ms — the worker's wasm is fetched, compiled and run cold each time;
/// BENCHMARKS.md).
pub const WORKER_FROM_BYTES: f64 = 5_000_000.0;

/// One import, sent once the worker said [`Reply::Ready`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub protocol: u32,
    /// The IndexedDB version the tab opened (`storage::records::DB_VERSION`): a worker of another
    /// version must not write.
    pub db_version: u32,
    /// The file's name (the decision between JSON and other tools' files looks at it).
    pub name: String,
    /// For the changes a file whose log does not explain its state is given.
    pub stamp: Stamp,
    /// The language of the messages the worker sends back (`Lang::code`).
    pub lang: String,
    /// The projects the tab holds (stored or not): a file with one of them is merged in the tab.
    pub held: Vec<Id>,
    /// The tab asking; the worker's broadcast names itself after it.
    pub tab: String,
    /// The pending import's key in the `journal` store (`storage::records::PENDING_PREFIX`).
    pub key: String,
    /// The pending import is stored already (an import resumed at start): not kept again.
    pub resumed: bool,
}

impl Request {
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.lang).unwrap_or_default()
    }

    /// Whether the file holds a project the tab holds (then the tab merges it: the merge dialog).
    pub fn holds_any(&self, projects: impl IntoIterator<Item = Id>) -> bool {
        projects.into_iter().any(|p| self.held.contains(&p))
    }

    /// The broadcast's sender: not the tab itself, which reads what the worker stored as any
    /// other tab does.
    pub fn sender(&self) -> String {
        format!("{}/import", self.tab)
    }
}

/// What the worker is doing, for the import button's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Keeping the file until it is stored (a small write: the browser holds the bytes).
    Keeping,
    Reading,
    Checking,
    /// Writing the records; `done` of `total` so far.
    Saving,
}

impl Phase {
    /// The phase's name in performance marks (`mieruka:import-<word>`, read by `make bench`).
    pub fn word(self) -> &'static str {
        match self {
            Phase::Keeping => "keeping",
            Phase::Reading => "reading",
            Phase::Checking => "checking",
            Phase::Saving => "saving",
        }
    }
}

/// A project the worker stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub id: Id,
    pub name: String,
    pub rev: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply")]
pub enum Reply {
    /// The worker listens: send the request now (messages sent before would be lost).
    Ready,
    Progress {
        phase: Phase,
        done: u64,
        total: u64,
    },
    /// Every project of the file is stored, and the other tabs were told.
    Stored {
        projects: Vec<Stored>,
    },
    /// Nothing stored: the file is another tool's (the import wizard) or holds a project that is
    /// here already (the merge dialog), which the tab shows with the file.
    TabTakesOver,
    /// Nothing stored: the file is refused, for this reason (the tab says it in its language).
    Refused {
        refusal: Refusal,
    },
    /// Nothing stored: storage failed (the tab says why, in its language).
    Failed {
        error: StorageError,
    },
    /// Nothing done: the worker is of another version than the page (or cannot read its request).
    Mismatch,
}

impl Reply {
    /// Whether the worker is done after this reply.
    pub fn is_final(&self) -> bool {
        !matches!(self, Reply::Ready | Reply::Progress { .. })
    }
}

/// Where a picked file is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runs {
    /// In the import worker, which stores it: the page stays responsive.
    Worker,
    /// In the tab (small files, other tools' files, no storage to write to).
    Tab,
}

/// The choice for a file of `bytes` named `name` (its MIME type `mime`), when the tab can write
/// to storage (`storage`: open, not read-only).
pub fn runs(name: &str, mime: &str, bytes: f64, storage: bool) -> Runs {
    let json = name.to_ascii_lowercase().ends_with(".json") || mime == "application/json";
    if storage && json && bytes >= WORKER_FROM_BYTES {
        Runs::Worker
    } else {
        Runs::Tab
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> Request {
        Request {
            protocol: PROTOCOL,
            db_version: 704,
            name: "計画.json".into(),
            stamp: Stamp::new(chrono::DateTime::UNIX_EPOCH, "佐藤", Id::from_u128(9)),
            lang: "ja".into(),
            held: vec![Id::from_u128(1)],
            tab: "t1".into(),
            key: "import/9".into(),
            resumed: false,
        }
    }

    #[test]
    fn messages_read_back_as_written() {
        let req = request();
        let text = serde_json::to_string(&req).expect("a request is JSON");
        assert_eq!(serde_json::from_str::<Request>(&text).expect("reads back"), req);
        for reply in [
            Reply::Ready,
            Reply::Progress { phase: Phase::Saving, done: 3, total: 9 },
            Reply::Stored { projects: vec![Stored { id: Id::from_u128(2), name: "基盤".into(), rev: 1 }] },
            Reply::TabTakesOver,
            Reply::Refused { refusal: Refusal::Invalid("壊れています".into()) },
            Reply::Refused { refusal: Refusal::Read(mieruka_core::interop::ReadError::TooManyRows { max: 9 }) },
            Reply::Refused {
                refusal: Refusal::JsonUndecodable { encoding: mieruka_core::interop::text::TextEncoding::ShiftJis },
            },
            Reply::Failed {
                error: StorageError::writing(crate::dom_error::DomError::named("QuotaExceededError", "full")),
            },
            Reply::Failed { error: StorageError::KeepsChanging },
            Reply::Mismatch,
        ] {
            let text = serde_json::to_string(&reply).expect("a reply is JSON");
            assert_eq!(serde_json::from_str::<Reply>(&text).expect("reads back"), reply, "{text}");
        }
    }

    #[test]
    fn only_progress_and_ready_leave_the_worker_running() {
        assert!(!Reply::Ready.is_final());
        assert!(!Reply::Progress { phase: Phase::Reading, done: 0, total: 0 }.is_final());
        assert!(Reply::TabTakesOver.is_final());
        assert!(Reply::Mismatch.is_final());
    }

    #[test]
    fn large_json_files_go_to_the_worker_when_storage_can_be_written() {
        let big = WORKER_FROM_BYTES;
        assert_eq!(runs("plan.json", "", big, true), Runs::Worker);
        assert_eq!(runs("PLAN.JSON", "", big * 100.0, true), Runs::Worker);
        assert_eq!(runs("export", "application/json", big, true), Runs::Worker);
        assert_eq!(runs("plan.json", "", big - 1.0, true), Runs::Tab, "a small file is checked at once");
        assert_eq!(runs("plan.json", "", big, false), Runs::Tab, "no storage: the tab keeps it in memory");
        assert_eq!(runs("jira.csv", "text/csv", big, true), Runs::Tab, "other tools' files open the wizard");
        assert_eq!(runs("project.xml", "text/xml", big, true), Runs::Tab);
    }

    #[test]
    fn a_file_with_a_project_the_tab_holds_is_merged_in_the_tab() {
        let req = request();
        assert!(req.holds_any([Id::from_u128(3), Id::from_u128(1)]));
        assert!(!req.holds_any([Id::from_u128(3)]));
        assert_eq!(req.lang(), Lang::Ja);
        assert_ne!(req.sender(), req.tab, "the tab reads what its worker stored");
    }
}
