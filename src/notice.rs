//! Messages to the user: one place for toasts (info, error). Errors stay until dismissed.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub level: Level,
    pub text: String,
}

/// The notice list, provided as context.
#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next: StoredValue<u64>,
}

impl Notices {
    pub fn new() -> Self {
        Notices { list: RwSignal::new(Vec::new()), next: StoredValue::new(1) }
    }

    pub fn list(&self) -> Vec<Notice> {
        self.list.get()
    }

    fn push(&self, level: Level, text: String) -> u64 {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| {
            l.push(Notice { id, level, text });
            // Keep the list short: the oldest infos go first.
            while l.len() > 6 {
                match l.iter().position(|n| n.level == Level::Info) {
                    Some(i) => drop(l.remove(i)),
                    None => drop(l.remove(0)),
                }
            }
        });
        id
    }

    pub fn info(&self, text: impl Into<String>) {
        let id = self.push(Level::Info, text.into());
        let list = self.list;
        set_timeout(move || list.update(|l| l.retain(|n| n.id != id)), std::time::Duration::from_secs(5));
    }

    pub fn error(&self, text: impl Into<String>) {
        self.push(Level::Error, text.into());
    }

    /// Tells a failure: what failed (`headline`), then why; the error itself goes to the log,
    /// tagged, with the browser's own words that the notice leaves out.
    pub fn failed(&self, tag: &str, error: &dyn std::fmt::Display, headline: &str, why: String) {
        leptos::logging::warn!("{tag}: {error}");
        self.error(format!("{headline} {why}"));
    }

    /// An error about a condition that may end by itself: its id, to [`Self::dismiss`] it then.
    pub fn error_with_id(&self, text: impl Into<String>) -> u64 {
        self.push(Level::Error, text.into())
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|n| n.id != id));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

pub fn expect_notices() -> Notices {
    expect_context::<Notices>()
}
