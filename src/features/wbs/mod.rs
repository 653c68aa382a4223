//! The WBS screen: the long-list grid with its one cell editor's rows, the outline navigation, row actions and the task form.

pub mod task_form;
pub mod wbs_data;
pub mod wbs_grid;
pub mod wbs_nav;
pub mod wbs_row;
pub mod wbs_row_actions;
pub mod wbs_tab;
