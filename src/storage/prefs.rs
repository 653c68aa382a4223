//! Small preferences in localStorage (gloo-storage): language, last project, this browser's actor.

use gloo_storage::{LocalStorage, Storage};

const LANG: &str = "mieruka.lang";
const LAST_PROJECT: &str = "mieruka.last_project";
const ACTOR: &str = "mieruka.actor";

pub fn lang() -> Option<String> {
    LocalStorage::get(LANG).ok()
}

/// Preferences are a convenience: if localStorage is blocked, the app works without them.
pub fn set_lang(lang: &str) -> Result<(), String> {
    LocalStorage::set(LANG, lang).map_err(|e| e.to_string())
}

pub fn last_project() -> Option<String> {
    LocalStorage::get(LAST_PROJECT).ok()
}

pub fn set_last_project(id: &str) -> Result<(), String> {
    LocalStorage::set(LAST_PROJECT, id).map_err(|e| e.to_string())
}

/// The name changes are recorded under; created once per browser.
pub fn actor() -> String {
    if let Ok(a) = LocalStorage::get::<String>(ACTOR) {
        if !a.trim().is_empty() {
            return a;
        }
    }
    let id = crate::browser::new_id().simple().to_string();
    let actor = format!("user-{}", &id[..8]);
    if let Err(e) = LocalStorage::set(ACTOR, &actor) {
        leptos::logging::warn!("cannot keep the actor name: {e}");
    }
    actor
}

pub fn set_actor(name: &str) -> Result<(), String> {
    LocalStorage::set(ACTOR, name).map_err(|e| e.to_string())
}
