//! Typed errors of the domain. The app turns each variant into a message in the user's language.

use thiserror::Error;

use crate::id::Id;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum DomainError {
    #[error("the title is empty")]
    EmptyTitle,
    #[error("the due date {due} is before the start date {start}")]
    DueBeforeStart { start: chrono::NaiveDate, due: chrono::NaiveDate },
    #[error("percent complete {0} is outside 0–100")]
    PercentOutOfRange(f64),
    #[error("{field}: hours must be a finite number ≥ 0 and ≤ 1,000,000")]
    BadHours { field: String },
    #[error("{field}: {value} is off the 1–5 scale")]
    OffScale { field: String, value: i64 },
    #[error("this would make a task its own ancestor")]
    ParentCycle,
    #[error("this dependency would make a cycle")]
    DependencyCycle,
    #[error("a task cannot depend on itself")]
    SelfDependency,
    #[error("the task {0} is not in this project")]
    ForeignTask(Id),
    #[error("the {kind} {id} does not exist")]
    NotFound { kind: &'static str, id: Id },
    #[error("the project {0} does not exist")]
    NoProject(Id),
    #[error("an entity with id {0} already exists")]
    DuplicateId(Id),
    #[error("unknown field {0}")]
    UnknownField(String),
    /// A command named a field of another kind of entity than the one it edits.
    #[error("{field} is a field of a {of}, not of a {entity}")]
    FieldOfOtherKind { field: &'static str, of: &'static str, entity: &'static str },
    #[error("{field}: {reason}")]
    BadValue { field: String, reason: String },
    #[error("{field}: text is longer than {max} characters")]
    TooLong { field: String, max: usize },
    #[error("the response strategy does not fit the kind of risk")]
    StrategyMismatch,
    #[error("the capacity must be between 0 and 168 hours a week")]
    BadCapacity,
    #[error("{field}: a rate must be a number from 0 to 100,000,000")]
    BadRate { field: String },
    #[error("the project needs at least one working day")]
    NoWorkingDays,
    #[error("company holiday {0:?} is not a real MM-DD or MM-DD..MM-DD")]
    BadCompanyHoliday(String),
    #[error("the project name is empty")]
    EmptyName,
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error("the task cannot move further")]
    CannotMove,
    #[error("the period ends on {end}, before it starts on {start}")]
    PeriodEndsBeforeStart { start: chrono::NaiveDate, end: chrono::NaiveDate },
    #[error("meetings must be every 1 to {max} weeks")]
    BadCadence { max: u8 },
    #[error("the action item already became a {kind}")]
    AlreadyLinked { kind: &'static str },
}
