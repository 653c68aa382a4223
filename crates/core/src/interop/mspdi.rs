//! MS Project XML (MSPDI), the exchange format of MS Project, ProjectLibre and GanttProject:
//! tasks with outline levels, durations, dates, % complete, predecessors, resources and
//! assignments — read into [`SourceRow`]s, and the WBS and schedule written back.

use super::extract::Extracted;
use super::ReadError;
use crate::model::Project;

/// Reads an MSPDI document.
pub fn read(text: &str) -> Result<Extracted, ReadError> {
    let _ = text;
    todo!("interop::mspdi::read")
}

/// Writes the project's WBS, schedule, resources and assignments as an MSPDI document.
pub fn write(p: &Project) -> String {
    let _ = p;
    todo!("interop::mspdi::write")
}
