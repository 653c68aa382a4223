//! The portfolio: the table of projects, the cross-project lists and workload, and the files a portfolio is opened from (with the button that opens them).

pub mod cross_project_lists;
pub mod cross_workload;
pub mod open_files_button;
pub mod portfolio_files;
pub mod portfolio_table;
