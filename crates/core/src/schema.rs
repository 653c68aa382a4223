//! What every reader of a Mieruka file shares (the import in `format`, its typed path, the
//! migrations of older schemas in `migrate`): the format's name, the schema version this app
//! writes, the size limit, and the located error an import reports. Below all of them, so that
//! none reads another for these (`format` re-exports them: `format::ImportError` as before).

use std::fmt;

use crate::error::DomainError;
use crate::fields::Expected;
use crate::id::Id;

pub const FORMAT: &str = "mieruka";
/// The schema this version writes. Older files are migrated on import (see `migrate`).
pub const SCHEMA_VERSION: u32 = 3;
/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// What is wrong with an imported file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    TooLarge {
        bytes: usize,
        max: usize,
    },
    Empty,
    NotJson {
        line: usize,
        column: usize,
    },
    TooDeep,
    NotMieruka,
    NewerVersion {
        found: u64,
        supported: u32,
    },
    BadVersion,
    Missing,
    Expected(Expected),
    Duplicate(Id),
    Invalid(DomainError),
    /// A template entry refers (by its index) to an entry that is not an earlier one of the list.
    BadIndex {
        index: u64,
    },
}

/// A located import error: `path` is like `projects[0].tasks[12].due`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub path: String,
    pub problem: Problem,
}

impl ImportError {
    pub(crate) fn new(path: impl Into<String>, problem: Problem) -> Self {
        ImportError { path: path.into(), problem }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Object => write!(f, "not an object"),
            Expected::List => write!(f, "not a list"),
            Expected::Text => write!(f, "not text"),
            Expected::Number => write!(f, "not a number"),
            Expected::WholeNumber => write!(f, "not a whole number"),
            Expected::Bool => write!(f, "not true or false"),
            Expected::Date => write!(f, "not a date (YYYY-MM-DD)"),
            Expected::Instant => write!(f, "not a time (RFC 3339)"),
            Expected::Id => write!(f, "not an id (UUID)"),
            Expected::OneOf(words) => write!(f, "not one of {}", words.join(", ")),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        match &self.problem {
            Problem::TooLarge { bytes, max } => write!(f, "the file is too large ({bytes} bytes, at most {max})"),
            Problem::Empty => write!(f, "the file is empty"),
            Problem::NotJson { line, column } => write!(f, "not valid JSON (line {line}, column {column})"),
            Problem::TooDeep => write!(f, "nested too deeply"),
            Problem::NotMieruka => write!(f, "not a Mieruka file"),
            Problem::NewerVersion { found, supported } => {
                write!(f, "schema version {found} is newer than this app supports ({supported})")
            }
            Problem::BadVersion => write!(f, "the schema version is not a positive whole number"),
            Problem::Missing => write!(f, "missing"),
            Problem::Expected(e) => write!(f, "{e}"),
            Problem::Duplicate(id) => write!(f, "the id {id} is used twice"),
            Problem::Invalid(e) => write!(f, "{e}"),
            Problem::BadIndex { index } => write!(f, "{index} is not an earlier entry of the list"),
        }
    }
}

impl std::error::Error for ImportError {}
