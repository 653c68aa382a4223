//! The portfolio: the table of projects, the cross-project lists and workload, and the files a portfolio is opened from.

pub mod cross_project_lists;
pub mod cross_workload;
pub mod portfolio_files;
pub mod portfolio_table;
