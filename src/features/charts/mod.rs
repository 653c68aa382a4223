//! Charts and the dashboard: what to draw (`spec`, data computed by the core), the HiDPI canvas backend, the analysis inputs (status date, calendar, time zone), the charts, EV, Gantt and dashboard tabs.

pub mod analysis;
pub mod chart_canvas;
pub mod charts_tab;
pub mod dashboard_tab;
pub mod ev_table;
pub mod gantt_tab;
pub mod hidpi_canvas;
pub mod spec;
