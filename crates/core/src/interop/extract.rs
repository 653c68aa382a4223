//! A table and its column map to [`SourceRow`]s, with located warnings.

use super::csv::Table;
use super::{ColumnMap, ReadError, SourceRow, Warning};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    pub rows: Vec<SourceRow>,
    pub warnings: Vec<Warning>,
}

/// Reads every row through the map. Fails only when no column is mapped to the title.
pub fn rows(table: &Table, map: &ColumnMap) -> Result<Extracted, ReadError> {
    let _ = (table, map);
    todo!("interop::extract::rows")
}
