//! The status date (基準日) control: show the charts and KPIs as of a past day, or today.

use leptos::prelude::*;

use crate::components::form_fields::{date_value, parse_date};
use crate::i18n::{expect_i18n, K};
use crate::status_date::expect_status_date;

#[component]
pub fn StatusDatePicker() -> impl IntoView {
    let i18n = expect_i18n();
    let date = expect_status_date();
    view! {
        <div class="status-date" class:past=move || date.chosen().is_some()>
            <label class="field inline">
                <span>{move || i18n.t(K::StatusDate)}</span>
                <input
                    type="date"
                    prop:value=move || date_value(Some(date.get()))
                    on:change=move |ev| {
                        if let Ok(d) = parse_date(&event_target_value(&ev)) {
                            date.set(d);
                        }
                    }
                />
            </label>
            <Show when=move || date.chosen().is_some()>
                <button on:click=move |_| date.set(None)>{move || i18n.t(K::BackToToday)}</button>
            </Show>
        </div>
    }
}
