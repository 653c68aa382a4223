//! The WBS screen: the long-list grid with its one cell editor and its rows, the outline navigation, row actions, the task form and the new-member dialog it opens.

pub mod cell_editor;
pub mod new_member_dialog;
pub mod task_form;
pub mod wbs_data;
pub mod wbs_grid;
pub mod wbs_nav;
pub mod wbs_row;
pub mod wbs_row_actions;
pub mod wbs_tab;
