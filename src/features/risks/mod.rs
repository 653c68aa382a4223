//! The risk register (リスク管理表): its register and filter, the risk form, the probability × impact matrix and level badge.

pub mod risk_filter;
pub mod risk_form;
pub mod risk_level_badge;
pub mod risk_matrix_panel;
pub mod risks_tab;
