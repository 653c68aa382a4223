//! Why an import failed (a file refused, storage failing, the browser refusing, the import worker
//! stopping), typed, and how the user is told: "Import failed, nothing was changed:" and the
//! reason in their language; the browser's own words go to the log.

use mieruka_core::Lang;
use thiserror::Error;

use crate::dom_error::DomError;
use crate::i18n::{browser_error, storage_error, I18n, K};
use crate::import_outcome::Refusal;
use crate::import_worker::worker_error::WorkerError;
use crate::notice::Notices;
use crate::storage::StorageError;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportFailure {
    /// The file is not imported (unreadable, invalid, nothing to import).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// Storage failed (the import worker's write, or what the tab read first).
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The browser refused (reading the picked file).
    #[error(transparent)]
    Browser(#[from] DomError),
    /// The import worker stopped before anything was stored.
    #[error("the import worker stopped: {0}")]
    WorkerStopped(WorkerError),
}

impl ImportFailure {
    /// Why, in `lang` (after "Import failed, nothing was changed:").
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportFailure::Refused(r) => r.message(lang),
            ImportFailure::Storage(e) => storage_error(lang, e),
            ImportFailure::Browser(e) => browser_error(lang, e),
            ImportFailure::WorkerStopped(_) => K::ImportWorkerStopped.text(lang).to_string(),
        }
    }

    /// Tells the user (an error notice) and the log.
    pub fn tell(&self, i18n: &I18n, notices: &Notices) {
        let lang = i18n.lang_untracked();
        notices.failed("import", self, K::ImportFailed.text(lang), self.message(lang));
    }
}

#[cfg(test)]
mod tests {
    use mieruka_core::interop::ReadError;

    use super::*;

    #[test]
    fn every_import_failure_says_why_in_both_languages_without_the_browser_words() {
        let raw = "Out of memory: Das Kontingent wurde überschritten";
        let all = [
            ImportFailure::Refused(Refusal::Read(ReadError::Empty)),
            ImportFailure::Refused(Refusal::NothingToImport),
            ImportFailure::Storage(StorageError::writing(DomError::named("UnknownError", raw))),
            ImportFailure::Browser(DomError::named("NotReadableError", raw)),
            ImportFailure::WorkerStopped(WorkerError::Failed { detail: raw.into() }),
            ImportFailure::WorkerStopped(WorkerError::UnexpectedReply),
        ];
        for e in all {
            let (ja, en) = (e.message(Lang::Ja), e.message(Lang::En));
            assert!(!ja.is_empty() && !en.is_empty() && ja != en, "{e:?}");
            assert!(!ja.contains(raw) && !en.contains(raw), "{e:?}: the browser's words are for the log");
        }
        let stopped = ImportFailure::WorkerStopped(WorkerError::Failed { detail: raw.into() });
        assert!(stopped.to_string().contains(raw), "the log keeps the browser's words");
    }

    #[test]
    fn a_refusal_the_worker_sends_reads_as_the_tab_would_say_it() {
        let stamp = mieruka_core::Stamp::new(chrono::DateTime::UNIX_EPOCH, "佐藤", mieruka_core::Id::from_u128(9));
        let e = mieruka_core::format::import("{", &stamp).expect_err("not JSON");
        let here = Refusal::Import(e);
        for lang in [Lang::Ja, Lang::En] {
            let sent = serde_json::to_string(&here.clone().for_worker(lang)).expect("a refusal is JSON");
            let read: Refusal = serde_json::from_str(&sent).expect("reads back");
            assert_eq!(read.message(lang), here.message(lang));
        }
    }
}
