//! The status date (基準日) control: show the charts and KPIs as of a past day, or today.

use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};
use crate::status_date::expect_status_date;
use crate::ui::form_fields::{date_value, parse_date};

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
            <button on:click=move |_| date.set(Some(last_friday(crate::browser::today())))>{move || i18n.t(K::LastFriday)}</button>
            <Show when=move || date.chosen().is_some()>
                <button on:click=move |_| date.set(None)>{move || i18n.t(K::BackToToday)}</button>
            </Show>
        </div>
    }
}

/// The most recent Friday before `today` (a week ago when today is a Friday): the usual status
/// date of a weekly report.
pub fn last_friday(today: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    let back = (today.weekday().num_days_from_monday() + 7 - 4) % 7;
    today - chrono::Duration::days(if back == 0 { 7 } else { i64::from(back) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_friday_is_before_today() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(last_friday(d(11, 25)), d(11, 20)); // Wednesday
        assert_eq!(last_friday(d(11, 27)), d(11, 20)); // Friday: the week before
        assert_eq!(last_friday(d(11, 28)), d(11, 27)); // Saturday
        assert_eq!(last_friday(d(11, 30)), d(11, 27)); // Monday
    }
}
