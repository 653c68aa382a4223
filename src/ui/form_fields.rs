//! Labelled form controls and the parsing of what users type. Every control has a visible label.

use chrono::NaiveDate;
use leptos::prelude::*;
use mieruka_core::fields::{FieldName, Fields};
use mieruka_core::{Field, Id};
use serde_json::Value;

use crate::i18n::{I18n, K};
use crate::notice::Notices;
use crate::ui::linked_text::{has_links, LinkedText};

/// Parses hours / points: a finite number ≥ 0 (commas allowed as digit grouping).
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().replace([',', '，'], "");
    let t = t.replace('．', ".");
    let x: f64 = t.parse().ok()?;
    x.is_finite().then_some(x)
}

/// A date field's text that is neither empty nor a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a date")]
pub struct NotADate;

/// `""` → None, else a date `YYYY-MM-DD` (or `YYYY/MM/DD`).
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, NotADate> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .map(Some)
        .map_err(|_| NotADate)
}

pub fn date_value(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// What was typed that cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("not a number")]
    NotANumber,
    #[error("not a date")]
    NotADate,
    /// An entry of a list of dates that is not one, as typed.
    #[error("{0:?} is not a date")]
    BadDate(String),
    /// A WBS number of a list that no task has, as typed.
    #[error("no task has the WBS number {0:?}")]
    UnknownWbsNumber(String),
}

impl InputError {
    /// Why, in the user's language.
    pub fn message(&self, i18n: &I18n) -> String {
        match self {
            InputError::NotANumber => i18n.t(K::ErrNotNumber).to_string(),
            InputError::NotADate => i18n.t(K::ErrNotDate).to_string(),
            InputError::BadDate(entry) => format!("{} {entry}", i18n.t(K::ErrNotDate)),
            InputError::UnknownWbsNumber(entry) => format!("{}: {entry}", i18n.t(K::UnknownWbsNumber)),
        }
    }
}

/// A JSON value for a field from what was typed.
pub fn number_json(text: &str, optional: bool) -> Result<Value, InputError> {
    if optional && text.trim().is_empty() {
        return Ok(Value::Null);
    }
    match parse_number(text) {
        Some(x) => Ok(serde_json::json!(x)),
        None => Err(InputError::NotANumber),
    }
}

pub fn date_json(text: &str) -> Result<Value, InputError> {
    match parse_date(text) {
        Ok(d) => Ok(serde_json::to_value(d).unwrap_or(Value::Null)),
        Err(NotADate) => Err(InputError::NotADate),
    }
}

pub fn id_json(text: &str) -> Value {
    Id::parse_str(text.trim()).ok().map(|id| Value::String(id.to_string())).unwrap_or(Value::Null)
}

/// Resets an input to the stored value after a refused edit.
pub fn reset_input(ev: &leptos::ev::Event, value: &str) {
    if let Some(t) = ev.target() {
        if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t.clone()) {
            input.set_value(value);
        } else if let Ok(sel) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t) {
            sel.set_value(value);
        }
    }
}

/// Reports a parse error and resets the input.
pub fn refuse(notices: &Notices, ev: &leptos::ev::Event, msg: String, current: &str) {
    notices.error(msg);
    reset_input(ev, current);
}

/// A labelled single-line text input bound to a getter and a setter.
pub fn text_field(
    i18n: I18n,
    label: K,
    value: impl Fn() -> String + Send + Sync + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{move || i18n.t(label)}</span>
            <input type="text" prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
        </label>
    }
}

/// A labelled multi-line text input. The web and mail addresses typed in it are listed under it
/// as links (a text box cannot hold a clickable link); outside the label, so they are not part
/// of the text box's name.
pub fn textarea_field(
    i18n: I18n,
    label: K,
    value: impl Fn() -> String + Send + Sync + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    let value = std::sync::Arc::new(value);
    let (v1, v2) = (value.clone(), value);
    let typed = Signal::derive(move || v1());
    view! {
        <label class="field wide">
            <span>{move || i18n.t(label)}</span>
            <textarea rows="3" prop:value=move || v2() on:input=move |ev| set(event_target_value(&ev))></textarea>
        </label>
        {move || typed.with(|t| has_links(t)).then(|| view! {
            <div class="field-links wide">
                <span class="muted small">{move || i18n.t(K::TextLinks)}</span>
                " "
                <LinkedText text=typed links_only=true/>
            </div>
        })}
    }
}

pub fn date_field(
    i18n: I18n,
    label: K,
    value: impl Fn() -> Option<NaiveDate> + Send + Sync + 'static,
    set: impl Fn(Option<NaiveDate>) + 'static,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{move || i18n.t(label)}</span>
            <input
                type="date"
                prop:value=move || date_value(value())
                on:change=move |ev| {
                    if let Ok(d) = parse_date(&event_target_value(&ev)) {
                        set(d);
                    }
                }
            />
        </label>
    }
}

/// A number input; what is not a number is refused with a message and the old value comes back.
pub fn number_field(
    i18n: I18n,
    notices: Notices,
    label: K,
    value: impl Fn() -> Option<f64> + Send + Sync + 'static,
    set: impl Fn(Option<f64>) + 'static,
    optional: bool,
) -> impl IntoView {
    let value = std::sync::Arc::new(value);
    let v2 = value.clone();
    let shown = move || v2().map(|x| x.to_string()).unwrap_or_default();
    view! {
        <label class="field">
            <span>{move || i18n.t(label)}</span>
            <input
                type="text"
                inputmode="decimal"
                prop:value=shown
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    if optional && text.trim().is_empty() {
                        set(None);
                    } else {
                        match parse_number(&text) {
                            Some(x) => set(Some(x)),
                            None => {
                                let current = value().map(|x| x.to_string()).unwrap_or_default();
                                refuse(&notices, &ev, i18n.t(K::ErrNotNumber).to_string(), &current)
                            }
                        }
                    }
                }
            />
        </label>
    }
}

/// A select over `(value, label)` options.
pub fn select_field(
    i18n: I18n,
    label: K,
    options: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
    value: impl Fn() -> String + Send + Sync + Clone + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{move || i18n.t(label)}</span>
            <select on:change=move |ev| set(event_target_value(&ev))>
                {move || {
                    let value = value.clone();
                    options()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = value() == v;
                            view! { <option value=v prop:selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

pub fn checkbox_field(
    i18n: I18n,
    label: K,
    value: impl Fn() -> bool + Send + Sync + 'static,
    set: impl Fn(bool) + 'static,
) -> impl IntoView {
    view! {
        <label class="field check">
            <input type="checkbox" prop:checked=value on:change=move |ev| set(event_target_checked(&ev))/>
            <span>{move || i18n.t(label)}</span>
        </label>
    }
}

/// `(task id, WBS number)` of every task of a project, in WBS order.
pub fn wbs_numbers(p: &mieruka_core::Project) -> Vec<(Id, String)> {
    mieruka_core::rollup::wbs_rows(p).into_iter().map(|r| (r.id, r.number)).collect()
}

/// Task ids as a list of WBS numbers: "1.2, 2.1".
pub fn ids_to_numbers(ids: &[Id], numbers: &[(Id, String)]) -> String {
    ids.iter()
        .filter_map(|d| numbers.iter().find(|(i, _)| i == d).map(|(_, n)| n.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses "1.2, 2.1" (commas, 、 or spaces) into task ids; an unknown number is an error naming it.
pub fn numbers_to_ids(text: &str, numbers: &[(Id, String)]) -> Result<Vec<Id>, InputError> {
    let mut ids = Vec::new();
    for part in text.split([',', '、', ' ', '，']).map(str::trim).filter(|s| !s.is_empty()) {
        match numbers.iter().find(|(_, n)| n == part) {
            Some((id, _)) => {
                if !ids.contains(id) {
                    ids.push(*id)
                }
            }
            None => return Err(InputError::UnknownWbsNumber(part.to_string())),
        }
    }
    Ok(ids)
}

/// The fields of `draft` that differ from `current`, each with its new value: what a form's save
/// sends (`Command::SetMany`). Every field of the entity is compared (its `ALL`), so a field added
/// to the entity is saved by the forms without a list to update here.
pub fn changed_fields<T: Fields>(current: &T, draft: &T) -> Vec<(Field, serde_json::Value)>
where
    T::Field: Into<Field>,
{
    <T::Field as FieldName>::ALL
        .iter()
        .filter_map(|f| {
            let d = draft.value(*f);
            (current.value(*f) != d).then(|| ((*f).into(), d))
        })
        .collect()
}

/// The members of a project as a select's options, "—" (nobody) first.
pub fn member_options(store: crate::state::ProjectStore, pid: Id) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), "—".to_string())];
    v.extend(
        store
            .with_project(pid, |p| p.members.iter().map(|(id, m)| (id.to_string(), m.name.clone())).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use mieruka_core::{Task, TaskField};

    #[test]
    fn only_the_changed_fields_are_sent() {
        let current = Task { title: "a".into(), ..Task::default() };
        let draft = Task { title: "b".into(), tags: vec!["x".into()], ..Task::default() };
        // An empty `source_key` is left out of the entity's JSON (`skip_serializing_if`): it used
        // to be sent as `null`, which the core refuses, so the task details of a task that was
        // not imported could not be saved. Compared field by field, it is simply unchanged.
        assert!(serde_json::to_value(&current).unwrap().get("source_key").is_none());
        let changed = changed_fields(&current, &draft);
        assert_eq!(
            changed,
            vec![(TaskField::Title.into(), serde_json::json!("b")), (TaskField::Tags.into(), serde_json::json!(["x"]))]
        );
        assert!(changed_fields(&current, &current).is_empty());
    }

    #[test]
    fn numbers_typed_by_hand_parse_or_are_refused() {
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number(" 8 "), Some(8.0));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("2025/04/01"), Ok(NaiveDate::from_ymd_opt(2025, 4, 1)));
        assert_eq!(parse_date("2025-02-30"), Err(NotADate));
    }

    #[test]
    fn wbs_numbers_map_to_ids_and_back() {
        let (a, b) = (Id::from_u128(1), Id::from_u128(2));
        let nums = vec![(a, "1".to_string()), (b, "1.1".to_string())];
        assert_eq!(numbers_to_ids("1.1、1, 1", &nums), Ok(vec![b, a]));
        assert_eq!(ids_to_numbers(&[b, a], &nums), "1.1, 1");
        assert_eq!(numbers_to_ids("2.3", &nums), Err(InputError::UnknownWbsNumber("2.3".into())));
    }
}
