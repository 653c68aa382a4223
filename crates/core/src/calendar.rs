//! (Over 600 lines with its tests: the code is under 500; the rest is the holiday tests, year by
//! year against the Cabinet Office's published lists, kept beside the rules they check.)
//! Working-day calendars: weekend days, Japanese public holidays, company holidays and per-project
//! exceptions. Durations, ideal lines and planned value are counted in working days.
//!
//! Japanese holidays are computed by rule (国民の祝日に関する法律 and the special laws of 2019–2021),
//! correct from 1980 to 2099; no table has to be updated every year. The equinoxes use the usual
//! approximation formula; the official dates are announced a year ahead and have matched it so far.
//!
//! Every scan over days is capped at [`MAX_SCAN_DAYS`] (about 100 years), so absurd ranges or a
//! calendar without any working day give a bounded answer instead of a hang.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday as ChronoWeekday};

use crate::enums::Weekday;
use crate::model::ProjectInfo;

/// The most days any single scan of a calendar walks (100 years). Counts over longer ranges only
/// cover their first `MAX_SCAN_DAYS` days; searches give up after that many days.
pub const MAX_SCAN_DAYS: i64 = 36_525;

/// A Japanese public holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpHoliday {
    pub name_ja: &'static str,
    pub name_en: &'static str,
}

const fn h(name_ja: &'static str, name_en: &'static str) -> JpHoliday {
    JpHoliday { name_ja, name_en }
}

const SUBSTITUTE: JpHoliday = h("振替休日", "Substitute Holiday");
const CITIZENS: JpHoliday = h("国民の休日", "Citizens' Holiday");

/// The Japanese public holiday on `d`, if any (祝日, 振替休日, 国民の休日).
///
/// Rule-based, correct for 1980–2099 (and for the holidays of the current law from 1949; dates
/// before 1949 have none). Beyond 2099 the equinoxes are approximations.
pub fn jp_holiday(d: NaiveDate) -> Option<JpHoliday> {
    if let Some(h) = national_holiday(d) {
        return Some(h);
    }
    if is_substitute(d) {
        return Some(SUBSTITUTE);
    }
    // 国民の休日 (from 1986): a day between two 祝日; until 2006 not when it is a Sunday.
    let citizens_since = NaiveDate::from_ymd_opt(1985, 12, 27).unwrap();
    let (prev, next) = (d.pred_opt()?, d.succ_opt()?);
    let sunday_ok = d.year() >= 2007 || d.weekday() != ChronoWeekday::Sun;
    if d >= citizens_since && sunday_ok && national_holiday(prev).is_some() && national_holiday(next).is_some() {
        return Some(CITIZENS);
    }
    None
}

/// 振替休日: since 1973-04-12 a 祝日 on a Sunday makes the next day off; since 2007 the next day
/// that is not itself a 祝日.
fn is_substitute(d: NaiveDate) -> bool {
    if d < NaiveDate::from_ymd_opt(1973, 4, 12).unwrap() {
        return false;
    }
    let mut day = d;
    // A run of consecutive 祝日 is at most a few days long (5/3–5/5); 7 bounds the walk.
    for _ in 0..7 {
        let Some(prev) = day.pred_opt() else { return false };
        if national_holiday(prev).is_none() {
            return false;
        }
        if prev.weekday() == ChronoWeekday::Sun {
            return true;
        }
        if d.year() < 2007 {
            return false; // old rule: only the day right after the Sunday
        }
        day = prev;
    }
    false
}

/// The `n`-th (1-based) Monday of `month`.
fn nth_monday(year: i32, month: u32, n: u8) -> u32 {
    NaiveDate::from_weekday_of_month_opt(year, month, ChronoWeekday::Mon, n).map_or(0, |d| d.day())
}

/// Day of March (春分) or September (秋分) of the equinox, by the formula of the 国立天文台 tables:
/// floor(base + 0.242194 (y − 1980) − floor((y − leap_base) / 4)), in integer micro-days.
fn equinox_day(year: i32, spring: bool) -> u32 {
    let (base, leap_base): (i64, i64) = match (year, spring) {
        (..=1979, true) => (20_835_700, 1983),
        (..=1979, false) => (23_258_800, 1983),
        (1980..=2099, true) => (20_843_100, 1980),
        (1980..=2099, false) => (23_248_800, 1980),
        (_, true) => (21_851_000, 1980),
        (_, false) => (24_248_800, 1980),
    };
    let y = year as i64;
    let day = (base + 242_194 * (y - 1980)).div_euclid(1_000_000) - (y - leap_base).div_euclid(4);
    day as u32
}

/// The 国民の祝日 proper on `d` (and the special days of 1989–2021), without 振替休日 or 国民の休日.
fn national_holiday(d: NaiveDate) -> Option<JpHoliday> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if y < 1949 {
        return None;
    }
    let hol = match (m, day) {
        (1, 1) => h("元日", "New Year's Day"),
        (1, _) if (y < 2000 && day == 15) || (y >= 2000 && day == nth_monday(y, 1, 2)) => {
            h("成人の日", "Coming of Age Day")
        }
        (2, 11) if y >= 1967 => h("建国記念の日", "National Foundation Day"),
        (2, 23) if y >= 2020 => h("天皇誕生日", "The Emperor's Birthday"),
        (2, 24) if y == 1989 => h("大喪の礼", "Funeral of Emperor Showa"),
        (3, _) if day == equinox_day(y, true) => h("春分の日", "Vernal Equinox Day"),
        (4, 29) if y <= 1988 => h("天皇誕生日", "The Emperor's Birthday"),
        (4, 29) if y <= 2006 => h("みどりの日", "Greenery Day"),
        (4, 29) => h("昭和の日", "Showa Day"),
        (5, 1) if y == 2019 => h("即位の日", "Enthronement Day"),
        (5, 3) => h("憲法記念日", "Constitution Memorial Day"),
        (5, 4) if y >= 2007 => h("みどりの日", "Greenery Day"),
        (5, 5) => h("こどもの日", "Children's Day"),
        (6, 9) if y == 1993 => h("結婚の儀", "Wedding of Crown Prince Naruhito"),
        (7, _) if day == marine_day(y) => h("海の日", "Marine Day"),
        (7, _) if day == sports_day(y, 7) => h("スポーツの日", "Sports Day"),
        (8, _) if day == mountain_day(y) => h("山の日", "Mountain Day"),
        (9, _) if day == aged_day(y) => h("敬老の日", "Respect for the Aged Day"),
        (9, _) if day == equinox_day(y, false) => h("秋分の日", "Autumnal Equinox Day"),
        (10, _) if day == sports_day(y, 10) && y <= 2019 => h("体育の日", "Health and Sports Day"),
        (10, _) if day == sports_day(y, 10) => h("スポーツの日", "Sports Day"),
        (10, 22) if y == 2019 => h("即位礼正殿の儀", "Enthronement Ceremony"),
        (11, 3) => h("文化の日", "Culture Day"),
        (11, 12) if y == 1990 => h("即位礼正殿の儀", "Enthronement Ceremony"),
        (11, 23) => h("勤労感謝の日", "Labour Thanksgiving Day"),
        (12, 23) if (1989..=2018).contains(&y) => h("天皇誕生日", "The Emperor's Birthday"),
        _ => return None,
    };
    Some(hol)
}

/// Day of July of 海の日 (0 = none): 07-20 from 1996, the third Monday from 2003, moved for the
/// Tokyo Olympics in 2020 and 2021.
fn marine_day(y: i32) -> u32 {
    match y {
        ..=1995 => 0,
        1996..=2002 => 20,
        2020 => 23,
        2021 => 22,
        _ => nth_monday(y, 7, 3),
    }
}

/// Day of 山の日 in August (0 = none): 08-11 from 2016, 08-10 in 2020, 08-08 in 2021.
fn mountain_day(y: i32) -> u32 {
    match y {
        ..=2015 => 0,
        2020 => 10,
        2021 => 8,
        _ => 11,
    }
}

/// Day of 敬老の日 in September (0 = none): 09-15 from 1966, the third Monday from 2003.
fn aged_day(y: i32) -> u32 {
    match y {
        ..=1965 => 0,
        1966..=2002 => 15,
        _ => nth_monday(y, 9, 3),
    }
}

/// Day of 体育の日 / スポーツの日 in `month` (0 = none): 10-10 from 1966, the second Monday of
/// October from 2000, 07-24 in 2020 and 07-23 in 2021.
fn sports_day(y: i32, month: u32) -> u32 {
    let (m, day) = match y {
        ..=1965 => return 0,
        1966..=1999 => (10, 10),
        2020 => (7, 24),
        2021 => (7, 23),
        _ => (10, nth_monday(y, 10, 2)),
    };
    if m == month {
        day
    } else {
        0
    }
}

/// A recurring company holiday: one day ("MM-DD") or an inclusive range ("MM-DD..MM-DD") that may
/// wrap the year end (年末年始 "12-29..01-03"). "02-29" only falls in leap years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompanyHoliday {
    /// (month, day) of the first and last day.
    first: (u32, u32),
    last: (u32, u32),
}

impl CompanyHoliday {
    /// Parses "MM-DD" or "MM-DD..MM-DD" (surrounding spaces allowed; a one-digit month or day too).
    /// `None` when it is not that form or names a day no year has ("13-40", "02-30").
    pub fn parse(s: &str) -> Option<CompanyHoliday> {
        fn month_day(s: &str) -> Option<(u32, u32)> {
            let (m, d) = s.trim().split_once('-')?;
            let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
            if !digits(m) || !digits(d) {
                return None;
            }
            let (m, d) = (m.parse().ok()?, d.parse().ok()?);
            // 2000 is a leap year, so 02-29 is accepted and 02-30 is not.
            NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
        }
        let (first, last) = match s.split_once("..") {
            Some((a, b)) => (month_day(a)?, month_day(b)?),
            None => {
                let md = month_day(s)?;
                (md, md)
            }
        };
        Some(CompanyHoliday { first, last })
    }

    /// Whether `d` falls on this holiday in its year.
    pub fn contains(&self, d: NaiveDate) -> bool {
        let md = (d.month(), d.day());
        if self.first <= self.last {
            self.first <= md && md <= self.last
        } else {
            md >= self.first || md <= self.last
        }
    }
}

impl fmt::Display for CompanyHoliday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.first.0, self.first.1)?;
        if self.first != self.last {
            write!(f, "..{:02}-{:02}", self.last.0, self.last.1)?;
        }
        Ok(())
    }
}

/// Why a day is off although its weekday is normally worked (for tooltips).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    /// A Japanese public holiday (the project observes them).
    Japanese(JpHoliday),
    /// One of the project's recurring company holidays.
    Company(CompanyHoliday),
    /// One of the project's extra days off.
    Extra,
}

/// Which days are worked on a project.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkCalendar {
    /// Indexed by `num_days_from_monday`.
    working: [bool; 7],
    japanese: bool,
    company: Vec<CompanyHoliday>,
    /// Sorted, without repeats.
    extra_holidays: Vec<NaiveDate>,
    /// Sorted, without repeats; they win over everything else.
    extra_working: Vec<NaiveDate>,
}

impl Default for WorkCalendar {
    /// The default project's: Monday to Friday, Japanese holidays and 年末年始 (12-29..01-03) off.
    fn default() -> Self {
        WorkCalendar::for_project(&ProjectInfo::default())
    }
}

fn sorted(dates: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut v = dates.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// One day after (`forward`) or before `d`; `None` at the end of chrono's range.
fn step(d: NaiveDate, forward: bool) -> Option<NaiveDate> {
    if forward {
        d.succ_opt()
    } else {
        d.pred_opt()
    }
}

impl WorkCalendar {
    /// The calendar a project's settings describe. Unparseable company-holiday entries are ignored
    /// here (validation rejects them when they are entered).
    pub fn for_project(info: &ProjectInfo) -> Self {
        WorkCalendar {
            japanese: info.japanese_holidays,
            company: info.company_holidays.iter().filter_map(|s| CompanyHoliday::parse(s)).collect(),
            extra_holidays: sorted(&info.extra_holidays),
            extra_working: sorted(&info.extra_working_days),
            ..WorkCalendar::weekdays(&info.working_days)
        }
    }

    /// Only the given weekdays, no holidays at all.
    pub fn weekdays(days: &[Weekday]) -> Self {
        let mut working = [false; 7];
        for w in days {
            working[w.num_days_from_monday() as usize] = true;
        }
        WorkCalendar {
            working,
            japanese: false,
            company: Vec::new(),
            extra_holidays: Vec::new(),
            extra_working: Vec::new(),
        }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.extra_working.binary_search(&d).is_ok() {
            return true;
        }
        self.working[d.weekday().num_days_from_monday() as usize] && self.day_off(d).is_none()
    }

    /// Why `d` is off beyond its weekday: `None` when it is worked (an extra working day included)
    /// or off only because of its weekday. A holiday on a day that is off anyway is still named.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<DayOff> {
        if self.extra_working.binary_search(&d).is_ok() {
            return None;
        }
        self.day_off(d)
    }

    fn day_off(&self, d: NaiveDate) -> Option<DayOff> {
        if self.japanese {
            if let Some(h) = jp_holiday(d) {
                return Some(DayOff::Japanese(h));
            }
        }
        if let Some(c) = self.company.iter().find(|c| c.contains(d)) {
            return Some(DayOff::Company(*c));
        }
        self.extra_holidays.binary_search(&d).is_ok().then_some(DayOff::Extra)
    }

    /// The days of `from..=to`, at most [`MAX_SCAN_DAYS`] of them.
    fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        std::iter::successors(Some(from), |d| d.succ_opt()).take_while(move |d| *d <= to).take(MAX_SCAN_DAYS as usize)
    }

    /// Working days in `from..=to` (0 when `to < from`). Only the first [`MAX_SCAN_DAYS`] days of a
    /// longer range are counted; use [`WorkingDayIndex`] for many questions about one range.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        Self::days(from, to).filter(|d| self.is_working_day(*d)).count() as i64
    }

    /// The working days in `from..=to`, in order (within the first [`MAX_SCAN_DAYS`] days).
    pub fn working_days_in(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        Self::days(from, to).filter(|d| self.is_working_day(*d)).collect()
    }

    /// `d` itself when it is worked, else the next working day (see [`Self::add_working_days`] for
    /// a calendar without any).
    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        if self.is_working_day(d) {
            d
        } else {
            self.add_working_days(d, 1)
        }
    }

    /// The `n`-th working day after `d` (before it when `n < 0`); `d` when `n == 0`. `d` itself
    /// need not be a working day. The search walks at most [`MAX_SCAN_DAYS`] days: when it finds
    /// fewer than `|n|` working days (a calendar without any, an absurd `n`), it returns the last
    /// day it reached (the end of chrono's date range at worst).
    pub fn add_working_days(&self, d: NaiveDate, n: i64) -> NaiveDate {
        let forward = n > 0;
        let mut left = n.unsigned_abs();
        let mut day = d;
        for _ in 0..MAX_SCAN_DAYS {
            if left == 0 {
                break;
            }
            let Some(next) = step(day, forward) else { break };
            day = next;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }
}

/// Working-day counts over one range in O(1): a prefix sum built once by
/// [`WorkingDayIndex::new`], for analytics that ask the same calendar millions of times.
///
/// The range is capped at [`MAX_SCAN_DAYS`] days. Questions about dates outside it are still
/// answered, by scanning the calendar for the outside part (slower, capped likewise).
#[derive(Debug, Clone)]
pub struct WorkingDayIndex {
    cal: WorkCalendar,
    from: NaiveDate,
    /// `prefix[i]` = working days in `from .. from + i` (exclusive); one more entry than days.
    prefix: Vec<u32>,
}

impl WorkingDayIndex {
    /// Indexes `from..=to` (empty when `to < from`; at most [`MAX_SCAN_DAYS`] days).
    pub fn new(cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> Self {
        let mut prefix = vec![0];
        let mut count = 0;
        for d in WorkCalendar::days(from, to) {
            count += u32::from(cal.is_working_day(d));
            prefix.push(count);
        }
        WorkingDayIndex { cal: cal.clone(), from, prefix }
    }

    /// The indexed days, `None` when there are none.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let last = self.from + chrono::Duration::days(self.prefix.len().checked_sub(2)? as i64);
        Some((self.from, last))
    }

    /// Position of `d` in the prefix array, when `d` is indexed.
    fn slot(&self, d: NaiveDate) -> Option<usize> {
        let i = (d - self.from).num_days();
        (0..self.prefix.len() as i64 - 1).contains(&i).then_some(i as usize)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.slot(d) {
            Some(i) => self.prefix[i + 1] > self.prefix[i],
            None => self.cal.is_working_day(d),
        }
    }

    /// Working days in `from..=d`: 0 before the range, growing past its end.
    pub fn ordinal(&self, d: NaiveDate) -> i64 {
        self.count(self.from, d)
    }

    /// Working days in `a..=b` (0 when `b < a`): O(1) when both are indexed; parts outside the
    /// index are counted by [`WorkCalendar::working_days_between`] (so capped likewise).
    pub fn count(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return 0;
        }
        if let (Some(i), Some(j)) = (self.slot(a), self.slot(b)) {
            return i64::from(self.prefix[j + 1] - self.prefix[i]);
        }
        let Some((_, last)) = self.range() else {
            return self.cal.working_days_between(a, b);
        };
        // Split into the parts before, inside and after the indexed range.
        let mut total = 0;
        if a < self.from {
            let before_end = b.min(self.from.pred_opt().unwrap_or(self.from));
            total += self.cal.working_days_between(a, before_end);
        }
        let (lo, hi) = (a.max(self.from), b.min(last));
        if let (Some(i), Some(j)) = (self.slot(lo), self.slot(hi)) {
            if lo <= hi {
                total += i64::from(self.prefix[j + 1] - self.prefix[i]);
            }
        }
        if b > last {
            let after_start = a.max(last.succ_opt().unwrap_or(last));
            total += self.cal.working_days_between(after_start, b);
        }
        total
    }

    /// [`WorkCalendar::add_working_days`], by binary search when the answer is indexed.
    pub fn add_working_days(&self, d: NaiveDate, n: i64) -> NaiveDate {
        if n == 0 {
            return d;
        }
        if let Some(i) = self.slot(d) {
            // prefix[k + 1] = working days in from..=from+k; find the day where it reaches `target`.
            let before_d = i64::from(self.prefix[i]);
            let through_d = i64::from(self.prefix[i + 1]);
            let target = if n > 0 { through_d + n } else { before_d + n + 1 };
            if target >= 1 && target <= i64::from(*self.prefix.last().unwrap_or(&0)) {
                let k = self.prefix[1..].partition_point(|&p| i64::from(p) < target);
                return self.from + chrono::Duration::days(k as i64);
            }
        }
        self.cal.add_working_days(d, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::Weekday as W;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project(f: impl FnOnce(&mut ProjectInfo)) -> WorkCalendar {
        let mut p = ProjectInfo::default();
        f(&mut p);
        WorkCalendar::for_project(&p)
    }

    #[test]
    fn weekends_are_off() {
        let cal = WorkCalendar::weekdays(&W::monday_to_friday());
        // 2025-06-02 is a Monday.
        let week: Vec<bool> = (2..=8).map(|d| cal.is_working_day(ymd(2025, 6, d))).collect();
        assert_eq!(week, [true, true, true, true, true, false, false]);
        assert_eq!(cal.working_days_between(ymd(2025, 6, 1), ymd(2025, 6, 30)), 21);
        assert_eq!(cal.holiday_name(ymd(2025, 6, 7)), None, "a weekend is not a holiday");
        let six = WorkCalendar::weekdays(&[W::Mon, W::Tue, W::Wed, W::Thu, W::Fri, W::Sat]);
        assert!(six.is_working_day(ymd(2025, 6, 7)));
        assert!(!six.is_working_day(ymd(2025, 6, 8)));
    }

    #[test]
    fn japanese_holidays_are_off_only_when_observed() {
        let with = project(|_| {});
        let without = project(|p| p.japanese_holidays = false);
        let marine = ymd(2025, 7, 21); // 海の日, a Monday
        assert!(!with.is_working_day(marine));
        assert!(without.is_working_day(marine));
        let Some(DayOff::Japanese(h)) = with.holiday_name(marine) else { panic!() };
        assert_eq!(h.name_ja, "海の日");
        assert_eq!(without.holiday_name(marine), None);
    }

    #[test]
    fn company_holidays_parse_and_wrap_the_year_end() {
        let c = CompanyHoliday::parse("12-29..01-03").unwrap();
        assert_eq!(c.to_string(), "12-29..01-03");
        for (d, inside) in [
            (ymd(2025, 12, 28), false),
            (ymd(2025, 12, 29), true),
            (ymd(2025, 12, 31), true),
            (ymd(2026, 1, 1), true),
            (ymd(2026, 1, 3), true),
            (ymd(2026, 1, 4), false),
            (ymd(2026, 6, 15), false),
        ] {
            assert_eq!(c.contains(d), inside, "{d}");
        }
        let obon = CompanyHoliday::parse(" 8-13 .. 08-16 ").unwrap();
        assert!(obon.contains(ymd(2025, 8, 13)) && obon.contains(ymd(2025, 8, 16)));
        assert!(!obon.contains(ymd(2025, 8, 12)) && !obon.contains(ymd(2025, 8, 17)));
        let founding = CompanyHoliday::parse("06-01").unwrap();
        assert_eq!(founding.to_string(), "06-01");
        assert!(founding.contains(ymd(2030, 6, 1)) && !founding.contains(ymd(2030, 6, 2)));
        let leap = CompanyHoliday::parse("02-29").unwrap();
        assert!(leap.contains(ymd(2028, 2, 29)) && !leap.contains(ymd(2027, 2, 28)));
        for bad in [
            "13-40",
            "abc",
            "02-30",
            "",
            "12-29..",
            "..01-03",
            "00-10",
            "04-31",
            "1-2-3",
            "+1-01",
            "123-01",
            "12-29...01-03",
        ] {
            assert_eq!(CompanyHoliday::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn company_holidays_in_the_calendar() {
        let cal = project(|p| p.company_holidays = vec!["12-29..01-03".into(), "bad".into(), "06-02".into()]);
        // 2025-12-29 (Mon) .. 2026-01-02 (Fri) are off; 01-01 is named as the national holiday.
        for d in [ymd(2025, 12, 29), ymd(2025, 12, 30), ymd(2025, 12, 31), ymd(2026, 1, 2)] {
            assert!(!cal.is_working_day(d), "{d}");
            assert!(matches!(cal.holiday_name(d), Some(DayOff::Company(_))), "{d}");
        }
        assert!(matches!(cal.holiday_name(ymd(2026, 1, 1)), Some(DayOff::Japanese(_))));
        assert!(cal.is_working_day(ymd(2025, 12, 26)));
        assert!(cal.is_working_day(ymd(2026, 1, 5)));
        assert!(!cal.is_working_day(ymd(2025, 6, 2)));
    }

    #[test]
    fn exceptions_win() {
        let cal = project(|p| {
            p.extra_holidays = vec![ymd(2025, 6, 4), ymd(2025, 6, 4)];
            // A Saturday, 海の日 and a company holiday worked.
            p.extra_working_days = vec![ymd(2025, 6, 7), ymd(2025, 7, 21), ymd(2025, 12, 30), ymd(2025, 6, 4)];
        });
        assert!(cal.is_working_day(ymd(2025, 6, 7)));
        assert!(cal.is_working_day(ymd(2025, 7, 21)));
        assert!(cal.is_working_day(ymd(2025, 12, 30)));
        assert!(cal.is_working_day(ymd(2025, 6, 4)), "an extra working day beats an extra holiday");
        assert_eq!(cal.holiday_name(ymd(2025, 7, 21)), None);
        let off = project(|p| p.extra_holidays = vec![ymd(2025, 6, 4)]);
        assert!(!off.is_working_day(ymd(2025, 6, 4)));
        assert_eq!(off.holiday_name(ymd(2025, 6, 4)), Some(DayOff::Extra));
    }

    #[test]
    fn adding_working_days_skips_the_new_year_and_golden_week() {
        let cal = WorkCalendar::default();
        // Fri 2025-12-26 + 1 → Mon 2026-01-05 (12-29..01-03 off, then a weekend).
        assert_eq!(cal.add_working_days(ymd(2025, 12, 26), 1), ymd(2026, 1, 5));
        assert_eq!(cal.add_working_days(ymd(2026, 1, 5), -1), ymd(2025, 12, 26));
        assert_eq!(cal.add_working_days(ymd(2025, 12, 30), 0), ymd(2025, 12, 30));
        assert_eq!(cal.add_working_days(ymd(2025, 12, 30), 1), ymd(2026, 1, 5));
        assert_eq!(cal.add_working_days(ymd(2025, 12, 30), -1), ymd(2025, 12, 26));
        // Golden Week 2026: 04-29 (Wed) and 05-03..05-06 off. Tue 04-28 + 1 → Thu 04-30;
        // Fri 05-01 + 1 → Thu 05-07.
        assert_eq!(cal.add_working_days(ymd(2026, 4, 28), 1), ymd(2026, 4, 30));
        assert_eq!(cal.add_working_days(ymd(2026, 5, 1), 1), ymd(2026, 5, 7));
        assert_eq!(cal.add_working_days(ymd(2026, 4, 28), 3), ymd(2026, 5, 7));
        assert_eq!(cal.add_working_days(ymd(2026, 5, 7), -3), ymd(2026, 4, 28));
        assert_eq!(cal.next_working_day(ymd(2026, 5, 3)), ymd(2026, 5, 7));
        assert_eq!(cal.next_working_day(ymd(2026, 5, 7)), ymd(2026, 5, 7));
        assert_eq!(cal.working_days_between(ymd(2026, 4, 27), ymd(2026, 5, 10)), 6);
        assert_eq!(
            cal.working_days_in(ymd(2026, 4, 27), ymd(2026, 5, 10)),
            [ymd(2026, 4, 27), ymd(2026, 4, 28), ymd(2026, 4, 30), ymd(2026, 5, 1), ymd(2026, 5, 7), ymd(2026, 5, 8)]
        );
    }

    #[test]
    fn absurd_ranges_and_empty_calendars_terminate() {
        let none = WorkCalendar::weekdays(&[]);
        let d = ymd(2025, 1, 1);
        assert_eq!(none.add_working_days(d, 1), d + chrono::Duration::days(MAX_SCAN_DAYS));
        assert_eq!(none.add_working_days(d, -5), d - chrono::Duration::days(MAX_SCAN_DAYS));
        assert_eq!(none.next_working_day(d), d + chrono::Duration::days(MAX_SCAN_DAYS));
        assert_eq!(none.working_days_between(NaiveDate::MIN, NaiveDate::MAX), 0);
        let cal = WorkCalendar::default();
        let (lo, hi) = (ymd(1, 1, 1), ymd(9999, 12, 31));
        assert!(cal.working_days_between(lo, hi) <= MAX_SCAN_DAYS);
        assert!(cal.working_days_in(lo, hi).len() as i64 <= MAX_SCAN_DAYS);
        assert_eq!(cal.working_days_between(hi, lo), 0);
        // The ends of chrono's range.
        assert_eq!(cal.add_working_days(NaiveDate::MAX, i64::MAX), NaiveDate::MAX);
        assert_eq!(cal.add_working_days(NaiveDate::MIN, i64::MIN), NaiveDate::MIN);
        assert!(cal.add_working_days(d, i64::MAX) > d);
        let idx = WorkingDayIndex::new(&cal, lo, hi);
        assert_eq!(idx.range(), Some((lo, lo + chrono::Duration::days(MAX_SCAN_DAYS - 1))));
        assert!(idx.count(lo, hi) > 0);
        let idx = WorkingDayIndex::new(&none, NaiveDate::MIN, NaiveDate::MAX);
        assert_eq!(idx.count(NaiveDate::MIN, NaiveDate::MAX), 0);
        assert_eq!(idx.add_working_days(NaiveDate::MAX, 3), NaiveDate::MAX);
        let empty = WorkingDayIndex::new(&cal, hi, lo);
        assert_eq!(empty.range(), None);
        assert_eq!(empty.count(d, d + chrono::Duration::days(6)), 2); // 2025-01-06 and 01-07
        assert_eq!(empty.ordinal(d), 0);
    }

    #[test]
    fn index_inside_and_outside_its_range() {
        let cal = WorkCalendar::default();
        let (from, to) = (ymd(2026, 4, 1), ymd(2026, 5, 31));
        let idx = WorkingDayIndex::new(&cal, from, to);
        assert_eq!(idx.range(), Some((from, to)));
        assert_eq!(idx.ordinal(from), 1); // Wed 04-01
        assert_eq!(idx.ordinal(from.pred_opt().unwrap()), 0);
        assert_eq!(idx.ordinal(to), cal.working_days_between(from, to));
        assert_eq!(idx.ordinal(ymd(2026, 6, 30)), cal.working_days_between(from, ymd(2026, 6, 30)));
        assert_eq!(
            idx.count(ymd(2026, 3, 1), ymd(2026, 7, 1)),
            cal.working_days_between(ymd(2026, 3, 1), ymd(2026, 7, 1))
        );
        assert_eq!(
            idx.count(ymd(2026, 3, 1), ymd(2026, 3, 31)),
            cal.working_days_between(ymd(2026, 3, 1), ymd(2026, 3, 31))
        );
        assert_eq!(idx.count(ymd(2026, 5, 1), ymd(2026, 4, 1)), 0);
        assert_eq!(idx.add_working_days(ymd(2026, 5, 1), 1), ymd(2026, 5, 7));
        assert_eq!(idx.add_working_days(ymd(2026, 5, 29), 1), ymd(2026, 6, 1));
        assert_eq!(idx.add_working_days(ymd(2026, 4, 1), -1), ymd(2026, 3, 31));
    }

    fn any_calendar() -> impl Strategy<Value = WorkCalendar> {
        let day = (0i64..1500).prop_map(|n| ymd(2024, 1, 1) + chrono::Duration::days(n));
        (
            proptest::collection::vec(any::<bool>(), 7),
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec(day.clone(), 0..20),
            proptest::collection::vec(day, 0..20),
        )
            .prop_map(|(days, japanese, company, extra_holidays, extra_working_days)| {
                let working_days = W::ALL.iter().zip(days).filter(|(_, on)| *on).map(|(w, _)| *w).collect();
                let company_holidays =
                    if company { vec!["12-29..01-03".into(), "08-13..08-16".into()] } else { vec![] };
                WorkCalendar::for_project(&ProjectInfo {
                    working_days,
                    japanese_holidays: japanese,
                    company_holidays,
                    extra_holidays,
                    extra_working_days,
                    ..ProjectInfo::default()
                })
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn index_agrees_with_counting(
            cal in any_calendar(),
            start in 0i64..1000,
            len in 0i64..400,
            qa in -100i64..600,
            qb in -100i64..600,
            n in -300i64..300,
        ) {
            let base = ymd(2024, 1, 1);
            let day = |k: i64| base + chrono::Duration::days(k);
            let (from, to) = (day(start), day(start + len));
            let idx = WorkingDayIndex::new(&cal, from, to);
            let (a, b) = (day(start + qa), day(start + qb));
            prop_assert_eq!(idx.count(a, b), cal.working_days_between(a, b));
            prop_assert_eq!(idx.ordinal(b), cal.working_days_between(from, b));
            prop_assert_eq!(idx.is_working_day(a), cal.is_working_day(a));
            prop_assert_eq!(idx.add_working_days(a, n), cal.add_working_days(a, n));
            // add_working_days and counting agree: n working days later, n more have passed.
            let later = cal.add_working_days(a, n);
            if n > 0 && cal.is_working_day(later) {
                prop_assert_eq!(cal.working_days_between(a.succ_opt().unwrap(), later), n);
            }
            if n < 0 && cal.is_working_day(later) {
                prop_assert_eq!(cal.working_days_between(later, a.pred_opt().unwrap()), -n);
            }
        }
    }
}
