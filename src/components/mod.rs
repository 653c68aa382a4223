//! One component per file.

pub mod activity_tab;
pub mod chart_canvas;
pub mod charts_tab;
pub mod confirm_dialog;
pub mod dashboard_tab;
pub mod ev_table;
pub mod form_fields;
pub mod gantt_tab;
pub mod header;
pub mod import_button;
pub mod issue_form;
pub mod issues_tab;
pub mod members_editor;
pub mod notice_list;
pub mod project_form;
pub mod risk_form;
pub mod risk_level_badge;
pub mod risk_matrix_panel;
pub mod risks_tab;
pub mod save_banner;
pub mod settings_tab;
pub mod sort_header;
pub mod status_date_picker;
pub mod task_form;
pub mod wbs_row;
pub mod wbs_tab;
