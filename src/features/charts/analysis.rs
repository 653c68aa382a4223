//! Runs a core analysis on a project as it was at the status date: the live project when the
//! status date is today, otherwise the state reconstructed from the change log.

use chrono::NaiveDate;
use mieruka_core::analytics::history::state_as_of;
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::topic::Read;
use mieruka_core::{Id, Project};

use crate::browser;
use crate::state::ProjectStore;

/// What every analysis needs besides the project.
pub struct Inputs<'a> {
    /// The project now, with its whole change log (history-based series read it up to the status date).
    pub live: &'a Project,
    /// The project as it was at the end of the status date.
    pub state: &'a Project,
    pub calendar: WorkCalendar,
    pub status_date: NaiveDate,
    pub tz: i32,
}

/// Calls `f` with the project `pid` as of `status_date` (tracked: reruns after a change of what
/// `reads` names — for a chart, `mieruka_core::analytics::reads`: a title edit does not redraw it).
pub fn with_project_as_of<R>(
    store: &ProjectStore,
    pid: Id,
    status_date: NaiveDate,
    reads: &[Read],
    f: impl FnOnce(&Inputs) -> R,
) -> Option<R> {
    let tz = browser::tz_offset_min();
    let today = browser::today();
    store.read(pid, reads, |p| {
        let past;
        let state = if status_date < today {
            past = state_as_of(p, status_date, tz);
            &past
        } else {
            p
        };
        let calendar = WorkCalendar::for_project(&state.info);
        f(&Inputs { live: p, state, calendar, status_date, tz })
    })
}
