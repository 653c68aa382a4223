//! Schedule and risk analytics: the numbers behind every chart and KPI, computed from the project
//! and its change log for any status date (基準日). The drawing lives in `mieruka-charts`.
//!
//! Days: instants in the change log are UTC; a day boundary is local midnight, so every function
//! that reads history takes the user's UTC offset in minutes (`tz_offset_min`, east positive:
//! Japan = +540).

pub mod burndown;
pub mod evm;
pub mod history;
pub mod kpi;
pub mod portfolio;
pub mod risk;
pub mod schedule;
pub mod series;
pub mod workload;

pub use series::*;

use crate::change::EntityKind;
use crate::id::Id;
use crate::topic::Read;

/// What the series (burndown, burnup, EV, risk trend, workload) read of a project: the task
/// fields the walker tracks, the members (rates, capacity), the risks, the baselines and the
/// project's own fields (calendar, dates). A chart is recomputed after an edit of these only —
/// not after a title, a description or an issue (tests/topic.rs holds the series equal then).
pub fn reads(project: Id) -> [Read; 5] {
    [
        Read::Fields(EntityKind::Task, history::TaskFacts::FIELDS),
        Read::Kind(EntityKind::Member),
        Read::Kind(EntityKind::Risk),
        Read::Kind(EntityKind::Baseline),
        Read::info(project),
    ]
}
