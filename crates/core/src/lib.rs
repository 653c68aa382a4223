//! Mieruka's pure core: the model, the commands that change it, the calculations and the file format.
//!
//! Nothing here reads a clock, a random source or storage: instants, actors and ids come in as
//! arguments ([`Stamp`]), so every function is deterministic and natively tested.

pub mod analytics;
pub mod apply;
pub mod baseline;
pub mod baseline_diff;
pub mod baseline_plan;
pub mod bucket;
pub mod calendar;
pub mod change;
pub mod command;
pub mod cost;
pub mod entity_kinds;
pub mod enums;
pub mod error;
pub mod fields;
pub mod format;
pub mod generate;
pub mod id;
pub mod import_record;
pub mod interop;
pub mod lang;
pub mod linkify;
pub mod locale;
pub mod markdown;
pub mod meeting;
pub mod merge;
pub mod migrate;
pub mod minutes;
pub mod model;
pub mod number;
pub mod open_actions;
pub mod raci;
pub mod record;
pub mod replay;
pub mod report;
pub mod rollup;
pub mod sample;
pub mod schema;
pub mod segment;
pub mod stakeholder;
pub mod status_report;
pub mod stored;
pub mod sync;
pub mod template;
pub mod template_builtin;
pub mod topic;
pub mod undo;
pub mod validate;
pub mod wbs_cache;
mod with_id;
pub mod words;

pub use apply::{apply, apply_to_project};
pub use change::{Change, EntityKind, EntityRef};
pub use command::Command;
pub use enums::*;
pub use error::DomainError;
pub use fields::Field;
pub use id::{Id, Stamp};
pub use lang::Lang;
pub use model::{
    ActionItem, ActionItemField, Baseline, BaselineField, BaselineTask, ImportRecord, ImportRecordField, Issue,
    IssueField, Meeting, MeetingField, Member, MemberField, Project, ProjectField, ProjectInfo, Report, ReportField,
    Risk, RiskField, Stakeholder, StakeholderField, Task, TaskField, Workspace,
};
pub use number::Number;
