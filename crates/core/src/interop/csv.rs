//! A CSV reader for what real tools and Excel write: delimiter detected (`,` `;` tab), quoted
//! cells with doubled quotes and newlines, CRLF / LF / CR, ragged rows, a header row.

use super::ReadError;

/// At most this many data rows are read.
pub const MAX_ROWS: usize = 1_000_000;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub delimiter: char,
    /// The header cells, trimmed (duplicates kept: Jira repeats `Labels`, `Sprint`, `Comment`).
    pub headers: Vec<String>,
    pub rows: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    /// 1-based line of the file where the record starts.
    pub line: usize,
    pub cells: Vec<String>,
}

/// Reads a whole CSV text (already decoded, BOM removed).
pub fn read(text: &str) -> Result<Table, ReadError> {
    let _ = text;
    todo!("interop::csv::read")
}
