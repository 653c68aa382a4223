//! Importing and merging: the import button and wizard, the kinds of file, the template button, and the merge dialog with its incoming-change preview (and the pieces both halves share: `value_row`, `merge_values`).

pub mod import_button;
pub mod import_kinds;
pub mod import_template_button;
pub mod import_wizard;
pub mod merge_dialog;
pub mod merge_incoming;
pub mod merge_values;
pub mod value_row;
