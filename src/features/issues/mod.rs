//! The issue log (課題管理表): its register and the issue form.

pub mod issue_form;
pub mod issues_tab;
