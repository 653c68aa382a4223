//! A large write's requests in slices, so the page paints and counts between them.

use super::{idb, StorageError};

/// How many records a write requests before it waits for them and lets the page paint.
const SLICE: usize = 2000;
/// How many characters of records a write requests before it waits (see [`Slices`]).
const SLICE_CHARS: usize = 2_000_000;

/// The slices of one write: after [`SLICE`] requests or [`SLICE_CHARS`] characters of records
/// (whichever comes first; a 10k import's change segments are few but ~0.6 MB each), it waits
/// until the last request has succeeded (so have all before it, in order), then reports the
/// progress in records.
pub(super) struct Slices<'a> {
    total: usize,
    done: usize,
    requests: usize,
    chars: usize,
    progress: &'a dyn Fn(usize, usize),
}

impl<'a> Slices<'a> {
    pub(super) fn new(total: usize, progress: &'a dyn Fn(usize, usize)) -> Self {
        Slices { total, done: 0, requests: 0, chars: 0, progress }
    }

    /// One more request made, with a record of `chars` characters (none for a delete).
    pub(super) async fn made(&mut self, req: &web_sys::IdbRequest, chars: usize) -> Result<(), StorageError> {
        self.done += 1;
        self.requests += 1;
        self.chars += chars;
        if (self.requests < SLICE && self.chars < SLICE_CHARS) || self.done >= self.total {
            return Ok(());
        }
        self.requests = 0;
        self.chars = 0;
        idb::request(req).await.map_err(StorageError::writing)?;
        (self.progress)(self.done, self.total);
        Ok(())
    }
}
