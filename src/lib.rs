//! Mieruka's web app: a thin Leptos shell around `mieruka-core`.
//!
//! Data flow (docs/ARCHITECTURE.md): UI event → `Command` → `core::apply` → signals update → the storage
//! layer writes what changed in one IndexedDB transaction (debounced, flushed on pagehide) → a
//! BroadcastChannel message tells other tabs, which merge the stored project into theirs.

pub mod app;
pub mod browser;
pub mod dom_error;
pub mod export_error;
pub mod features;
pub mod i18n;
#[cfg(test)]
mod import_corpus_test;
pub mod import_failure;
pub mod import_outcome;
pub mod import_worker;
pub mod notice;
pub mod offline;
pub mod pages;
pub mod route;
mod security_check;
pub mod sjis;
pub mod state;
pub mod status_date;
pub mod storage;
pub mod sync;
pub mod sync_error;
pub mod tab_message;
pub mod theme;
pub mod ui;
