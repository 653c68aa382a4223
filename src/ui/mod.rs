//! Pieces every screen shares: the header and banners, notices, dialogs, form fields, the grid's one
//! cell editor, sort headers, linked text. One component per file.

pub mod cell_editor;
pub mod confirm_dialog;
pub mod csv_download;
pub mod form_fields;
pub mod header;
pub mod keyed;
pub mod linked_text;
pub mod notice_list;
pub mod register;
pub mod row_window;
pub mod save_banner;
pub mod sort_header;
pub mod storage_note;
pub mod update_banner;
