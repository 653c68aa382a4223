//! Schema migrations on `serde_json::Value`: one step `vN → vN+1` per schema bump, each with a
//! frozen fixture of the old version under `tests/fixtures/` that the tests load.
//!
//! | version | what changed |
//! | --- | --- |
//! | 1 | the first schema: members, tasks, issues, risks, changes |
//! | 2 | stakeholders, meetings, action items, baselines and issued reports per project; a project's chosen `baseline` and meeting cadence (`meeting_weekday`, `meeting_every_weeks`); `raci` on tasks (absent = empty) |
//! | 3 | `imports` per project: the audit record of each import (when, by whom, which file), and changes of entity kind `import` |

use serde_json::Value;

use crate::schema::{ImportError, Problem, SCHEMA_VERSION};

/// `STEPS[i]` migrates a document of version `i + 1` to version `i + 2`.
type Step = fn(Value) -> Result<Value, ImportError>;
const STEPS: &[Step] = &[v1_to_v2, v2_to_v3];

/// v1 → v2: every project gains the (empty) new collections and the defaults of its new fields.
/// Anything already there is kept, so a document that has them is unchanged.
fn v1_to_v2(mut doc: Value) -> Result<Value, ImportError> {
    let projects = doc.get_mut("projects").and_then(Value::as_array_mut);
    for project in projects.into_iter().flatten() {
        let Value::Object(p) = project else { continue }; // the parser reports it, with its place
        for key in ["stakeholders", "meetings", "action_items", "baselines", "reports"] {
            p.entry(key).or_insert_with(|| Value::Array(Vec::new()));
        }
        p.entry("baseline").or_insert(Value::Null);
        p.entry("meeting_weekday").or_insert(Value::Null);
        p.entry("meeting_every_weeks").or_insert(Value::from(1));
    }
    Ok(doc)
}

/// v2 → v3: every project gains an (empty) list of import records. A v2 app cannot read a change
/// of kind `import`, hence the bump: it says "newer version" instead of failing on a change.
fn v2_to_v3(mut doc: Value) -> Result<Value, ImportError> {
    let projects = doc.get_mut("projects").and_then(Value::as_array_mut);
    for project in projects.into_iter().flatten() {
        let Value::Object(p) = project else { continue };
        p.entry("imports").or_insert_with(|| Value::Array(Vec::new()));
    }
    Ok(doc)
}

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

    #[test]
    fn v2_adds_the_new_collections_and_keeps_what_is_there() {
        let v1 = serde_json::json!({ "projects": [ { "id": "x", "meeting_every_weeks": 2, "reports": [1] }, 7 ] });
        let v2 = v1_to_v2(v1).unwrap_or_default();
        let p = &v2["projects"][0];
        assert_eq!(p["stakeholders"], serde_json::json!([]));
        assert_eq!(p["action_items"], serde_json::json!([]));
        assert_eq!((&p["meeting_every_weeks"], &p["reports"]), (&serde_json::json!(2), &serde_json::json!([1])));
        assert_eq!(p["baseline"], Value::Null);
        assert_eq!(v2["projects"][1], serde_json::json!(7));
        assert_eq!(v1_to_v2(v2.clone()).unwrap_or_default(), v2);
    }

    #[test]
    fn v3_adds_the_import_records_and_keeps_what_is_there() {
        let v2 = serde_json::json!({ "projects": [ { "id": "x", "reports": [1] }, { "id": "y", "imports": [2] }, 7 ] });
        let v3 = v2_to_v3(v2).unwrap_or_default();
        assert_eq!(v3["projects"][0]["imports"], serde_json::json!([]));
        assert_eq!(v3["projects"][0]["reports"], serde_json::json!([1]));
        assert_eq!(v3["projects"][1]["imports"], serde_json::json!([2]));
        assert_eq!(v3["projects"][2], serde_json::json!(7));
        assert_eq!(v2_to_v3(v3.clone()).unwrap_or_default(), v3);
    }
}
