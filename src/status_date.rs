//! The status date (基準日): every chart and KPI can be shown as the project was at the end of a
//! chosen day, reconstructed from the change log. `None` means "today".

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::browser;

#[derive(Clone, Copy)]
pub struct StatusDate {
    chosen: RwSignal<Option<NaiveDate>>,
}

impl StatusDate {
    pub fn new() -> Self {
        StatusDate { chosen: RwSignal::new(None) }
    }

    /// The date to show (today unless the user picked another day); tracked.
    pub fn get(&self) -> NaiveDate {
        self.chosen.get().unwrap_or_else(browser::today)
    }

    /// The chosen past day, `None` when showing today; tracked.
    pub fn chosen(&self) -> Option<NaiveDate> {
        self.chosen.get()
    }

    /// Picks a day; today or a future day means "today".
    pub fn set(&self, d: Option<NaiveDate>) {
        let today = browser::today();
        self.chosen.set(d.filter(|d| *d < today));
    }
}

impl Default for StatusDate {
    fn default() -> Self {
        Self::new()
    }
}

pub fn expect_status_date() -> StatusDate {
    expect_context::<StatusDate>()
}
