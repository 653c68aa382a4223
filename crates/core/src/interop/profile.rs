//! What each tool's export looks like: header names (Japanese and English variants), units and
//! the default mapping of its status, priority and type words.

use super::{ColumnMap, Source, ValueMaps};

/// Which tool most likely wrote a CSV file with these headers (`Csv` when none fits).
pub fn detect(headers: &[String]) -> Source {
    let _ = headers;
    todo!("interop::profile::detect")
}

/// The suggested [`ColumnMap`] for these headers as written by `source`.
pub fn suggest(source: Source, headers: &[String]) -> ColumnMap {
    let _ = (source, headers);
    todo!("interop::profile::suggest")
}

/// The source's usual status / priority / type words mapped onto Mieruka's.
pub fn default_values(source: Source) -> ValueMaps {
    let _ = source;
    todo!("interop::profile::default_values")
}
