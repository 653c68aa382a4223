//! The `--map` file: a column map and/or value maps given instead of (or on top of) the ones the
//! tool's profile suggests.
//!
//! ```json
//! {
//!   "columns": { "Summary": "title", "Issue key": "key", "Custom field (Team)": "label" },
//!   "values": {
//!     "status":   { "In Review": "in_progress", "Won't Do": "cancelled" },
//!     "priority": { "Blocker": "critical" },
//!     "kind":     { "Bug": "issue", "Epic": "task" }
//!   }
//! }
//! ```
//! `columns` is either an object from header name to target (columns not named keep the suggested
//! target; name one with `"ignore"` to drop it), or a list with one target per column in file order
//! (the serde form of `ColumnMap`'s `columns`; `{"columns": [...]}` is accepted too). `values` entries
//! are added to the tool's default vocabulary (keys compared trimmed and lower-cased). Both parts
//! are optional.

use std::path::Path;

use mieruka_core::interop::{ColumnMap, ItemKind, Target, ValueMaps};
use mieruka_core::{Priority, TaskStatus};
use serde_json::Value;

use crate::util::{read_bytes, Failure, Result};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mapping {
    pub columns: Option<Columns>,
    pub status: Vec<(String, TaskStatus)>,
    pub priority: Vec<(String, Priority)>,
    pub kind: Vec<(String, ItemKind)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Columns {
    /// One target per column, in file order.
    List(Vec<Target>),
    /// Targets by header name.
    ByHeader(Vec<(String, Target)>),
}

pub fn load(path: &Path) -> Result<Mapping> {
    let shown = path.display();
    let bytes = read_bytes(path)?;
    let text = String::from_utf8(bytes).map_err(|_| Failure::new(format!("{shown}: not UTF-8 text")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let v: Value = serde_json::from_str(text)
        .map_err(|e| Failure::new(format!("{shown}: not valid JSON (line {}, column {})", e.line(), e.column())))?;
    parse(&v).map_err(|(place, what)| Failure::new(format!("{shown}: {place}: {what}")))
}

type Located<T> = std::result::Result<T, (String, String)>;

/// A vocabulary word (`Target`, `TaskStatus` …) from JSON, or the located serde error.
macro_rules! word {
    ($t:ty, $v:expr, $place:expr) => {
        serde_json::from_value::<$t>($v.clone()).map_err(|e| ($place.to_string(), e.to_string()))
    };
}

/// An object from the tool's word (trimmed, lower-cased) to a Mieruka word.
macro_rules! entries {
    ($t:ty, $v:expr, $place:expr) => {{
        let place: &str = $place;
        match $v.as_object() {
            None => Err((place.to_string(), "not an object from the tool's word to Mieruka's".to_string())),
            Some(o) => o
                .iter()
                .map(|(k, x)| Ok((k.trim().to_lowercase(), word!($t, x, format!("{place}.{k}"))?)))
                .collect::<Located<Vec<(String, $t)>>>(),
        }
    }};
}

pub fn parse(v: &Value) -> Located<Mapping> {
    let obj = v.as_object().ok_or_else(|| ("(top)".to_string(), "not an object".to_string()))?;
    let mut m = Mapping::default();
    for (k, x) in obj {
        match k.as_str() {
            "columns" => m.columns = Some(columns(x)?),
            "values" => values(x, &mut m)?,
            other => return Err((other.to_string(), "unknown key (expected \"columns\" and/or \"values\")".into())),
        }
    }
    Ok(m)
}

fn columns(v: &Value) -> Located<Columns> {
    let list = |a: &Vec<Value>| -> Located<Columns> {
        a.iter()
            .enumerate()
            .map(|(i, t)| word!(Target, t, format!("columns[{i}]")))
            .collect::<Located<Vec<_>>>()
            .map(Columns::List)
    };
    match v {
        Value::Array(a) => list(a),
        Value::Object(o) if o.len() == 1 && o.get("columns").is_some_and(Value::is_array) => match o.get("columns") {
            Some(Value::Array(a)) => list(a),
            _ => Err(("columns".into(), "not a list".into())),
        },
        Value::Object(o) => o
            .iter()
            .map(|(h, t)| Ok((h.trim().to_string(), word!(Target, t, format!("columns.{h}"))?)))
            .collect::<Located<Vec<_>>>()
            .map(Columns::ByHeader),
        _ => Err(("columns".into(), "not a list of targets or an object from header name to target".into())),
    }
}

fn values(v: &Value, m: &mut Mapping) -> Located<()> {
    let obj = v.as_object().ok_or_else(|| ("values".to_string(), "not an object".to_string()))?;
    for (k, x) in obj {
        match k.as_str() {
            "status" => m.status = entries!(TaskStatus, x, "values.status")?,
            "priority" => m.priority = entries!(Priority, x, "values.priority")?,
            "kind" => m.kind = entries!(ItemKind, x, "values.kind")?,
            other => {
                return Err((
                    format!("values.{other}"),
                    "unknown key (expected \"status\", \"priority\" or \"kind\")".into(),
                ))
            }
        }
    }
    Ok(())
}

impl Mapping {
    /// The column map for these headers: the mapping's over the suggested one. Returns notes about
    /// names or lengths that do not fit the file.
    pub fn column_map(&self, headers: &[String], suggested: ColumnMap) -> (ColumnMap, Vec<String>) {
        let mut notes = Vec::new();
        let mut cols = suggested.columns;
        cols.resize(headers.len(), Target::Ignore);
        match &self.columns {
            None => {}
            Some(Columns::List(list)) => {
                if list.len() != headers.len() {
                    notes.push(format!(
                        "the mapping lists {} columns, the file has {} (missing ones are ignored, extra ones dropped)",
                        list.len(),
                        headers.len()
                    ));
                }
                cols = (0..headers.len()).map(|i| list.get(i).copied().unwrap_or(Target::Ignore)).collect();
            }
            Some(Columns::ByHeader(named)) => {
                for (name, target) in named {
                    let mut hits = headers
                        .iter()
                        .enumerate()
                        .filter(|(_, h)| h.trim() == name)
                        .map(|(i, _)| i)
                        .collect::<Vec<_>>();
                    if hits.is_empty() {
                        let lower = name.to_lowercase();
                        hits = headers
                            .iter()
                            .enumerate()
                            .filter(|(_, h)| h.trim().to_lowercase() == lower)
                            .map(|(i, _)| i)
                            .collect();
                    }
                    if hits.is_empty() {
                        notes.push(format!("the mapping names a column the file does not have: {name:?}"));
                    }
                    for i in hits {
                        cols[i] = *target;
                    }
                }
            }
        }
        (ColumnMap { columns: cols }, notes)
    }

    /// The value maps: the mapping's entries over `base`.
    pub fn values(&self, mut base: ValueMaps) -> ValueMaps {
        base.status.extend(self.status.iter().cloned());
        base.priority.extend(self.priority.iter().cloned());
        base.kind.extend(self.kind.iter().cloned());
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn by_header_and_values() {
        let m = parse(&json!({
            "columns": {"Summary": "title", "Nope": "key"},
            "values": {"status": {" In Review ": "in_progress"}, "kind": {"Bug": "issue"}}
        }))
        .unwrap();
        let headers = vec!["Issue key".to_string(), "summary".to_string()];
        let (map, notes) = m.column_map(&headers, ColumnMap { columns: vec![Target::Key, Target::Ignore] });
        assert_eq!(map.columns, vec![Target::Key, Target::Title]);
        assert_eq!(notes.len(), 1);
        let v = m.values(ValueMaps::default());
        assert_eq!(v.status.get("in review"), Some(&TaskStatus::InProgress));
        assert_eq!(v.kind.get("bug"), Some(&ItemKind::Issue));
    }

    #[test]
    fn list_forms() {
        for v in [json!({"columns": ["key", "title"]}), json!({"columns": {"columns": ["key", "title"]}})] {
            let m = parse(&v).unwrap();
            let (map, notes) = m.column_map(&["a".into(), "b".into(), "c".into()], ColumnMap::default());
            assert_eq!(map.columns, vec![Target::Key, Target::Title, Target::Ignore]);
            assert_eq!(notes.len(), 1);
        }
    }

    #[test]
    fn located_errors() {
        let e = parse(&json!({"columns": ["key", "titel"]})).unwrap_err();
        assert_eq!(e.0, "columns[1]");
        assert!(e.1.contains("titel"), "{}", e.1);
        assert_eq!(parse(&json!({"colums": []})).unwrap_err().0, "colums");
        assert_eq!(parse(&json!({"values": {"status": {"x": "finished"}}})).unwrap_err().0, "values.status.x");
    }
}
