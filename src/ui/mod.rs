//! Pieces every screen shares: the register every list is drawn with (and its CSV, keyed rows and
//! row window), the header and banners, notices, dialogs, form fields, sort headers, linked text,
//! the risk filter and level badge, the status filter. One component per file; none reads a screen.

pub mod confirm_dialog;
pub mod csv_download;
pub mod entity_form;
pub mod form_fields;
pub mod header;
pub mod keyed;
pub mod linked_text;
pub mod modal;
pub mod notice_list;
pub mod register;
pub mod risk_filter;
pub mod risk_level_badge;
pub mod row_window;
pub mod save_banner;
pub mod sort_header;
pub mod status_filter;
pub mod storage_note;
pub mod update_banner;
