//! The risk register (リスク管理表): its register, the risk form and the probability × impact matrix (its filter and level badge, which the dashboard and the portfolio show too, are in `ui`).

pub mod risk_form;
pub mod risk_matrix_panel;
pub mod risks_tab;
