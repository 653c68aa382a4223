//! Dates, times and numbers as other tools write them: ISO, `2025/04/01`, `2025年4月1日`,
//! Jira's `14/Jul/25 3:42 PM` and `6/21/2025 16:14`, decimal commas, full-width digits.

use chrono::{NaiveDate, NaiveDateTime};

/// A date or date-time; a date alone means midnight.
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let _ = s;
    todo!("interop::dates::parse_datetime")
}

/// A date (a time part, if any, is dropped).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_datetime(s).map(|d| d.date())
}

/// A finite number: `1.5`, `1,5` (decimal comma), `1,234.5`, `１２`, `50%` (→ 50).
pub fn parse_number(s: &str) -> Option<f64> {
    let _ = s;
    todo!("interop::dates::parse_number")
}
