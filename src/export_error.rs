//! Why an export failed (a file download, a copy to the clipboard, a chart drawn to a file, a
//! print), typed, and how the user is told: "Export failed:" and the reason in their language;
//! the browser's own words go to the log.

use mieruka_charts::ChartError;
use mieruka_core::{DomainError, Lang};
use thiserror::Error;

use crate::dom_error::DomError;
use crate::i18n::{browser_error, domain_error, storage_error, I18n, K};
use crate::notice::Notices;
use crate::storage::StorageError;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ExportError {
    /// What the export needs could not be read from storage first (the change log).
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The chart could not be drawn.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// The browser refused (the download, the clipboard, the canvas, printing).
    #[error(transparent)]
    Browser(#[from] DomError),
    /// The document cannot be made from the project as it is.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The project is not open any more (deleted meanwhile).
    #[error("the project is not open")]
    NoProject,
}

impl ExportError {
    /// Why, in `lang` (after "Export failed:").
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportError::Storage(e) => storage_error(lang, e),
            ExportError::Chart(_) => K::ChartNotDrawn.text(lang).to_string(),
            ExportError::Browser(e) => browser_error(lang, e),
            ExportError::Domain(e) => domain_error(lang, e),
            ExportError::NoProject => K::ProjectNotFound.text(lang).to_string(),
        }
    }

    /// Tells the user (an error notice) and the log.
    pub fn tell(&self, i18n: &I18n, notices: &Notices) {
        let lang = i18n.lang_untracked();
        notices.failed("export", self, K::ExportFailed.text(lang), self.message(lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_failure_says_why_in_both_languages_without_the_browser_words() {
        let raw = "Das Kontingent wurde überschritten";
        let all = [
            ExportError::Storage(StorageError::writing(DomError::named("UnknownError", raw))),
            ExportError::Chart(ChartError::Backend(raw.into())),
            ExportError::Browser(DomError::named("SecurityError", raw)),
            ExportError::Browser(DomError::named("TypeError", raw)),
            ExportError::Browser(DomError::missing(raw)),
            ExportError::Domain(DomainError::EmptyName),
            ExportError::NoProject,
        ];
        for e in all {
            let (ja, en) = (e.message(Lang::Ja), e.message(Lang::En));
            assert!(!ja.is_empty() && !en.is_empty() && ja != en, "{e:?}");
            assert!(!ja.contains(raw) && !en.contains(raw), "{e:?}: the browser's words are for the log");
            assert!(e.to_string().contains(raw) || matches!(e, ExportError::Domain(_) | ExportError::NoProject));
        }
    }
}
