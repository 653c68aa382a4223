//! The app by what the user sees: one folder per screen, each holding its tab, forms and panels
//! (one component per file). Shared pieces are in `crate::ui`; routes in `crate::pages`.

pub mod charts;
pub mod import;
pub mod issues;
pub mod meetings;
pub mod portfolio;
pub mod project;
pub mod reports;
pub mod risks;
pub mod stakeholders;
pub mod sync;
pub mod wbs;
