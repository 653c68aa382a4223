//! One project's settings and history: the project form, members, templates, baselines and their comparison, restore points, export, the activity feed, and the as-of (status date) controls.

pub mod activity_tab;
pub mod as_of_banner;
pub mod baseline_compare;
pub mod baselines_panel;
pub mod export_file;
pub mod export_panel;
pub mod members_editor;
pub mod project_form;
pub mod restore_point_panel;
pub mod settings_tab;
pub mod status_date_picker;
pub mod template_panel;
