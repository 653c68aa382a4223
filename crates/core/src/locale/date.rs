//! Dates and times.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::Formatter;
use crate::Lang;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Formatter {
    /// A date on a screen: "2025/04/01" (ja) or "2025-04-01" (en, ISO).
    pub fn date(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ja => d.format("%Y/%m/%d").to_string(),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// A date in a document, with its weekday: "2026/11/25 (水)" or "2026-11-25 (Wed)".
    pub fn date_weekday(&self, d: NaiveDate) -> String {
        format!("{} ({})", self.date(d), self.weekdays[d.weekday().num_days_from_monday() as usize])
    }

    /// A local time to the minute: "2026/12/06 18:02" or "2026-12-06 18:02".
    pub fn date_time(&self, t: NaiveDateTime) -> String {
        match self.lang {
            Lang::Ja => t.format("%Y/%m/%d %H:%M").to_string(),
            Lang::En => t.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// A day on a chart's axis: "11/25" or "Nov 25".
    pub fn month_day(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ja => format!("{}/{}", d.month(), d.day()),
            Lang::En => format!("{} {}", MONTHS[d.month0() as usize], d.day()),
        }
    }

    /// A date in a chart's label: "2026/11/25" or "Nov 25, 2026".
    pub fn date_label(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ja => format!("{}/{}/{}", d.year(), d.month(), d.day()),
            Lang::En => format!("{} {}, {}", MONTHS[d.month0() as usize], d.day(), d.year()),
        }
    }

    /// "11月" or "Nov".
    pub fn month(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ja => format!("{}月", d.month()),
            Lang::En => MONTHS[d.month0() as usize].to_string(),
        }
    }

    /// "2026年11月" or "Nov 2026".
    pub fn year_month(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ja => format!("{}年{}月", d.year(), d.month()),
            Lang::En => format!("{} {}", MONTHS[d.month0() as usize], d.year()),
        }
    }

    /// "2026年" or "2026".
    pub fn year(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ja => format!("{}年", d.year()),
            Lang::En => d.year().to_string(),
        }
    }
}
