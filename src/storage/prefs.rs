//! Small preferences in localStorage: language, last project, this browser's actor.

use super::{local, StorageError};

const LANG: &str = "mieruka.lang";
const LAST_PROJECT: &str = "mieruka.last_project";
const ACTOR: &str = "mieruka.actor";
const LAST_EXPORT: &str = "mieruka.last_export";

pub fn lang() -> Option<String> {
    local::get(LANG)
}

/// Preferences are a convenience: if localStorage is blocked, the app works without them.
pub fn set_lang(lang: &str) -> Result<(), StorageError> {
    local::set(LANG, lang)
}

pub fn last_project() -> Option<String> {
    local::get(LAST_PROJECT)
}

pub fn set_last_project(id: &str) -> Result<(), StorageError> {
    local::set(LAST_PROJECT, id)
}

/// The name changes are recorded under; created once per browser.
pub fn actor() -> String {
    if let Some(a) = local::get::<String>(ACTOR) {
        if !a.trim().is_empty() {
            return a;
        }
    }
    let id = crate::browser::new_id().simple().to_string();
    let actor = format!("user-{}", &id[..8]);
    if let Err(e) = local::set(ACTOR, &actor) {
        leptos::logging::warn!("cannot keep the actor name: {e}");
    }
    actor
}

pub fn set_actor(name: &str) -> Result<(), StorageError> {
    local::set(ACTOR, name)
}

/// The value mapping (status, priority, type words) the user last confirmed for a source.
pub fn import_values(source: &str) -> Option<mieruka_core::interop::ValueMaps> {
    local::get(&format!("mieruka.import.values.{source}"))
}

pub fn set_import_values(source: &str, values: &mieruka_core::interop::ValueMaps) -> Result<(), StorageError> {
    local::set(&format!("mieruka.import.values.{source}"), values)
}

/// The column mapping the user last confirmed for a source and exactly these headers.
pub fn import_columns(source: &str, headers: &[String]) -> Option<mieruka_core::interop::ColumnMap> {
    local::get(&columns_key(source, headers))
        .filter(|m: &mieruka_core::interop::ColumnMap| m.columns.len() == headers.len())
}

pub fn set_import_columns(
    source: &str,
    headers: &[String],
    map: &mieruka_core::interop::ColumnMap,
) -> Result<(), StorageError> {
    local::set(&columns_key(source, headers), map)
}

/// One key per source and header row (FNV-1a of the headers: short and stable).
fn columns_key(source: &str, headers: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in headers.join("\u{1f}").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("mieruka.import.columns.{source}.{h:016x}")
}

/// When this browser last exported projects to a file (the reminder counts days from it).
pub fn last_export() -> Option<chrono::DateTime<chrono::Utc>> {
    local::get::<String>(LAST_EXPORT).and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok()).map(|d| d.to_utc())
}

pub fn set_last_export(at: chrono::DateTime<chrono::Utc>) -> Result<(), StorageError> {
    local::set(LAST_EXPORT, &at.to_rfc3339())
}

const TEMPLATES: &str = "mieruka.templates";

/// The project templates saved in this browser (a few kilobytes each), oldest first.
pub fn templates() -> Vec<mieruka_core::template::Template> {
    local::get(TEMPLATES).unwrap_or_default()
}

/// Keeps a template; one of the same name is replaced.
pub fn save_template(t: &mieruka_core::template::Template) -> Result<(), StorageError> {
    let mut all = templates();
    all.retain(|x| x.info.name != t.info.name);
    all.push(t.clone());
    local::set(TEMPLATES, &all)
}
