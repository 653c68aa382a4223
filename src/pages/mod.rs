pub mod project;
pub mod projects;
