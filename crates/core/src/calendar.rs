//! Working-day calendars: weekend days, Japanese public holidays, company holidays and per-project
//! exceptions. Durations, ideal lines and planned value are counted in working days.
//!
//! SKELETON: Japanese holidays and company holidays are filled in by the calendar work; the API
//! below is fixed.

use chrono::{Datelike, NaiveDate};

use crate::enums::Weekday;
use crate::model::ProjectInfo;

/// A Japanese public holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpHoliday {
    pub name_ja: &'static str,
    pub name_en: &'static str,
}

/// The Japanese public holiday on `d`, if any (祝日, 振替休日, 国民の休日).
pub fn jp_holiday(_d: NaiveDate) -> Option<JpHoliday> {
    None
}

/// Which days are worked on a project.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkCalendar {
    /// Indexed by `num_days_from_monday`.
    working: [bool; 7],
    japanese: bool,
}

impl Default for WorkCalendar {
    /// Monday to Friday with Japanese holidays.
    fn default() -> Self {
        WorkCalendar::for_project(&ProjectInfo::default())
    }
}

impl WorkCalendar {
    /// The calendar a project's settings describe. Unparseable company-holiday entries are ignored
    /// here (validation rejects them when they are entered).
    pub fn for_project(info: &ProjectInfo) -> Self {
        let mut working = [false; 7];
        for w in &info.working_days {
            working[w.num_days_from_monday() as usize] = true;
        }
        WorkCalendar { working, japanese: info.japanese_holidays }
    }

    /// Only the given weekdays, no holidays at all.
    pub fn weekdays(days: &[Weekday]) -> Self {
        let mut working = [false; 7];
        for w in days {
            working[w.num_days_from_monday() as usize] = true;
        }
        WorkCalendar { working, japanese: false }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        self.working[d.weekday().num_days_from_monday() as usize] && !(self.japanese && jp_holiday(d).is_some())
    }

    /// Working days in `from..=to` (0 when `to < from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        from.iter_days().take_while(|d| *d <= to).filter(|d| self.is_working_day(*d)).count() as i64
    }

    /// The working days in `from..=to`, in order.
    pub fn working_days_in(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        from.iter_days().take_while(|d| *d <= to).filter(|d| self.is_working_day(*d)).collect()
    }
}
