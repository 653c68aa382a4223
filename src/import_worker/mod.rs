//! Importing a large Mieruka file in a Web Worker (issue 8, item 5): the worker checks the file,
//! serializes its projects and writes them to IndexedDB itself, and the tab then opens them as it
//! opens any stored project, so the page is never held by the import. The worker is its own wasm
//! binary (`src/bin/import_worker.rs`, index.html's `data-type="worker"`), fetched the first time
//! a large file is imported and kept by the service worker from then on; where it cannot start,
//! the tab imports the file itself as before.
//!
//! Crash safety (docs/ARCHITECTURE.md): the worker keeps the picked file in IndexedDB before it
//! reads it, and the write that stores the projects drops it in the same transaction; a tab closed
//! or killed before then resumes the import at its next start (`state/resume.rs`).

pub mod client;
pub mod protocol;
pub mod worker;
pub mod worker_error;
