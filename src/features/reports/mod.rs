//! Status reports (進捗報告書): the list, the editor and its narrative form, the issued view, the outputs and the RAG badge.

pub mod rag_badge;
pub mod report_editor;
pub mod report_issued;
pub mod report_list;
pub mod report_narrative_form;
pub mod report_outputs;
pub mod report_view;
pub mod reports_tab;
