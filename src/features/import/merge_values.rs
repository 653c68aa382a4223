//! How the merge dialog and its list of incoming changes name a kind of entity and show a field's
//! value.

use std::collections::BTreeMap;

use mieruka_core::change::DELETE;
use mieruka_core::{EntityKind, Id};
use serde_json::Value;

use crate::i18n::{I18n, K};

/// The name of one entity of a kind ("Task", "タスク").
pub fn kind_singular(kind: EntityKind) -> K {
    match kind {
        EntityKind::Project => K::KindProject,
        EntityKind::Member => K::KindMember,
        EntityKind::Task => K::KindTask,
        EntityKind::Issue => K::KindIssue,
        EntityKind::Risk => K::KindRisk,
        EntityKind::Stakeholder => K::KindStakeholder,
        EntityKind::Meeting => K::KindMeeting,
        EntityKind::ActionItem => K::KindActionItem,
        EntityKind::Baseline => K::KindBaseline,
        EntityKind::Report => K::KindReport,
        EntityKind::Import => K::KindImport,
    }
}

/// A field value as the user reads it: names for member ids, dates and numbers as written,
/// "(deleted)" / "(kept with its edits)" for a deletion against edits.
pub fn show_value(i18n: I18n, field: &str, v: &Value, names: &BTreeMap<Id, String>) -> String {
    if field == DELETE {
        return match v {
            Value::Bool(true) | Value::Null => i18n.t(K::EntityDeleted).to_string(),
            _ => i18n.t(K::EntityKept).to_string(),
        };
    }
    let one = |v: &Value| -> String {
        match v {
            Value::Null => "—".to_string(),
            Value::Bool(b) => {
                if *b {
                    "✓".to_string()
                } else {
                    "✗".to_string()
                }
            }
            Value::Number(n) => n.as_f64().map(|x| i18n.num(x)).unwrap_or_else(|| n.to_string()),
            Value::String(s) => match s.parse::<Id>() {
                Ok(id) => names.get(&id).cloned().unwrap_or_else(|| s.clone()),
                Err(_) => s.clone(),
            },
            other => other.to_string(),
        }
    };
    match v {
        Value::Array(items) if items.is_empty() => "—".to_string(),
        Value::Array(items) => items.iter().map(one).collect::<Vec<_>>().join(", "),
        other => one(other),
    }
}
