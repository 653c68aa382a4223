//! Charts in the app: what to draw ([`spec::ChartSpec`], data computed by the core), the HiDPI
//! canvas backend, and the analysis inputs (status date, calendar, time zone) shared by the tabs.

pub mod analysis;
pub mod hidpi_canvas;
pub mod spec;
