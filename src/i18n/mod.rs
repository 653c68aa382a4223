//! Every visible string, in Japanese and English: the catalogue (`locales/*.ftl`, compiled by
//! `build.rs` into `K` and `Msg`, so a key missing from a locale fails the build), and `I18n`,
//! which picks the language reactively, so switching re-renders at once.

use leptos::prelude::*;
use mieruka_core::format::ImportError;
use mieruka_core::locale::Formatter;
use mieruka_core::DomainError;

use crate::dom_error::DomError;
use crate::storage::{prefs, StorageError};

mod catalog;
mod errors;
pub mod interop;
pub mod pmo;
mod vocab;

pub use catalog::{Msg, K};
pub use errors::{browser_error, domain_error, field_label, import_error, storage_error, sync_error, sync_skip};
pub use vocab::options;

/// The one language type of the app, its charts and its documents.
pub use mieruka_core::Lang;

/// The saved choice, else the browser's language (Japanese for `ja*`, English otherwise).
pub fn initial_lang() -> Lang {
    prefs::lang()
        .and_then(|s| Lang::from_code(&s))
        .unwrap_or_else(|| Lang::from_code(&crate::browser::navigator_language()).unwrap_or(Lang::En))
}

/// The language signal and translation helpers, provided as context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

pub fn expect_i18n() -> I18n {
    expect_context::<I18n>()
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        I18n { lang: RwSignal::new(lang) }
    }

    /// The text of a key in the current language (tracked: re-renders on a switch).
    pub fn t(&self, k: K) -> &'static str {
        k.text(self.lang.get())
    }

    /// The language now, without subscribing (for work started by an event).
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The messages with parameters in the current language (tracked): `i18n.msg().imported(name)`.
    pub fn msg(&self) -> Msg {
        Msg(self.lang.get())
    }

    pub fn set(&self, lang: Lang) {
        self.lang.set(lang);
        if let Err(e) = prefs::set_lang(lang.code()) {
            leptos::logging::warn!("cannot keep the language: {e}");
        }
    }

    /// How the current language writes numbers, money and dates (tracked).
    pub fn fmt(&self) -> &'static Formatter {
        self.lang.get().fmt()
    }

    /// A date as the language writes it: 2025/04/01 (ja) or 2025-04-01 (en, ISO); "" for none.
    pub fn date(&self, d: Option<chrono::NaiveDate>) -> String {
        d.map(|d| self.fmt().date(d)).unwrap_or_default()
    }

    /// An instant in the browser's time zone, to the minute.
    pub fn instant(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        let offset_min = -(js_sys::Date::new_0().get_timezone_offset() as i64);
        let local = at.naive_utc() + chrono::Duration::minutes(offset_min);
        self.fmt().date_time(local)
    }

    /// A name quoted as the language quotes it: 「物流基盤移行」 / “Logistics”.
    pub fn quote(&self, s: &str) -> String {
        self.msg().quoted(s)
    }

    /// A number with at most one decimal and digit grouping (1,234.5).
    pub fn num(&self, x: f64) -> String {
        self.fmt().number(x, 1)
    }

    pub fn domain_error(&self, e: &DomainError) -> String {
        domain_error(self.lang.get(), e)
    }

    pub fn import_error(&self, e: &ImportError) -> String {
        import_error(self.lang.get(), e)
    }

    /// A storage failure in the user's language; the browser's own words go to the log.
    pub fn storage_error(&self, e: &StorageError) -> String {
        leptos::logging::warn!("storage: {e}");
        storage_error(self.lang.get_untracked(), e)
    }

    /// A browser call's failure in the user's language; the browser's own words go to the log.
    pub fn browser_error(&self, e: &DomError) -> String {
        leptos::logging::warn!("browser: {e}");
        browser_error(self.lang.get_untracked(), e)
    }
}
