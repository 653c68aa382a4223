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
