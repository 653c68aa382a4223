//! The regular meeting's cadence (定例会議): which weekday, every how many weeks. New meetings
//! get their date from it.

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id, ProjectField, Weekday};
use serde_json::json;

use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;

#[component]
pub fn MeetingCadence(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let weekday = move || store.with_project(pid, |p| p.info.meeting_weekday).flatten();
    let every = move || store.with_project(pid, |p| p.info.meeting_every_weeks).unwrap_or(1);
    let set = move |field: ProjectField, value: serde_json::Value| {
        store.run(Command::Set { project: pid, entity: EntityRef::project(pid), field: field.into(), value });
    };
    view! {
        <fieldset class="cadence">
            <legend>{move || i18n.t(K::CadenceTitle)}</legend>
            <label class="field inline">
                <span>{move || i18n.t(K::CadenceWeekday)}</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(ProjectField::MeetingWeekday, Weekday::parse(&v).map(|d| json!(d.as_str())).unwrap_or(serde_json::Value::Null));
                }>
                    <option value="" prop:selected=move || weekday().is_none()>{move || i18n.t(K::CadenceNone)}</option>
                    {Weekday::ALL.iter().map(|d| {
                        let d = *d;
                        view! { <option value=d.as_str() prop:selected=move || weekday() == Some(d)>{move || i18n.weekday(d)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field inline">
                <span>{move || i18n.t(K::CadenceEvery)}</span>
                <select
                    prop:disabled=move || weekday().is_none()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                            set(ProjectField::MeetingEveryWeeks, json!(n));
                        }
                    }
                >
                    {(1..=4u8).map(|n| view! { <option value=n.to_string() prop:selected=move || every() == n>{n}</option> }).collect_view()}
                </select>
            </label>
            <span class="hint">{move || i18n.t(K::CadenceHint)}</span>
        </fieldset>
    }
}
