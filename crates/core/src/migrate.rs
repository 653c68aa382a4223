//! Schema migrations on `serde_json::Value`: one step `vN → vN+1` per schema bump, each with a
//! frozen fixture of the old version under `tests/fixtures/` that the tests load.
//!
//! Version 1 is the first schema, so there are no steps yet; `to_current` is still the only way a
//! file reaches the parser, so the first bump only adds a step to `STEPS`.

use serde_json::Value;

use crate::format::{ImportError, Problem, SCHEMA_VERSION};

/// `STEPS[i]` migrates a document of version `i + 1` to version `i + 2`.
type Step = fn(Value) -> Result<Value, ImportError>;
const STEPS: &[Step] = &[];

/// Brings a document of schema `from` up to [`SCHEMA_VERSION`]. Migrating a current document
/// changes nothing, so migrating twice is the same as migrating once.
pub fn to_current(mut doc: Value, from: u32) -> Result<Value, ImportError> {
    if from == 0 || from > SCHEMA_VERSION {
        return Err(ImportError { path: "schema_version".into(), problem: Problem::BadVersion });
    }
    for step in &STEPS[(from as usize - 1)..] {
        doc = step(doc)?;
    }
    if let Value::Object(m) = &mut doc {
        m.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    }
    Ok(doc)
}

/// Every version a file can have and still be imported.
pub fn supported_versions() -> std::ops::RangeInclusive<u32> {
    1..=SCHEMA_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_per_version_bump() {
        assert_eq!(STEPS.len() as u32, SCHEMA_VERSION - 1);
    }
}
