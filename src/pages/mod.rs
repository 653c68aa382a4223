pub mod portfolio;
pub mod project;
pub mod projects;
