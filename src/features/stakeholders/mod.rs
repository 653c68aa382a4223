//! Stakeholders and RACI: the register, the power/interest grid, the stakeholder form and the RACI matrix.

pub mod raci_matrix;
pub mod stakeholder_form;
pub mod stakeholder_grid_panel;
pub mod stakeholders_tab;
