//! Dates, times and numbers as other tools write them: ISO, `2025/04/01`, `2025年4月1日`,
//! Jira's `14/Jul/25 3:42 PM` and `6/21/2025 16:14`, decimal commas, full-width digits.
//!
//! Dates (the year must lie in 1900–2200):
//! - year first: `2025-04-01`, `2025/4/1`, `2025.04.01`, `20250401`, `2025年4月1日` (a weekday in
//!   brackets such as `(火)` is ignored);
//! - a month name (English, abbreviated or not, any case): `14/Jul/25`, `14-Jul-2025`,
//!   `14 Jul 2025`, `Jul 14, 2025`, `July 14 2025`;
//! - year last, numeric: `6/21/2025`, `21/06/2025`, `6-21-2025`: day first when the first field is
//!   over 12, else month first (Jira's and Excel's en-US default); `21.06.2025` (dots) is always
//!   day first; a two-digit year is 20xx.
//!
//! Times follow the date after a space or `T`: `9:05`, `09:30:15`, `09:30:15.123`, `3:42 PM`,
//! `3:42PM`, `午後3:42`, `15時42分`; a trailing `Z` or UTC offset is dropped (the wall time is kept).
//! Full-width digits and punctuation are read as ASCII.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Full-width ASCII (U+FF01–U+FF5E) to ASCII, the ideographic space to a space, U+2212 to `-`.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2212}' => '-',
            _ => c,
        })
        .collect()
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTHS_LONG: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_name(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    if l == "sept" {
        return Some(9);
    }
    MONTHS.iter().position(|m| *m == l).or_else(|| MONTHS_LONG.iter().position(|m| *m == l)).map(|i| i as u32 + 1)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn year(s: &str) -> Option<i32> {
    let y = num(s)? as i32;
    match s.len() {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date alone (no time).
fn date_part(s: &str) -> Option<NaiveDate> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(s[..4].parse().ok()?, s[4..6].parse().ok()?, s[6..].parse().ok()?);
    }
    let sep = s.bytes().find(|b| matches!(b, b'-' | b'/' | b'.'))? as char;
    let parts: Vec<&str> = s.split(sep).collect();
    if parts.len() != 3 {
        return None;
    }
    let (a, b, c) = (parts[0], parts[1], parts[2]);
    if a.len() == 4 {
        return ymd(year(a)?, num(b)?, num(c)?);
    }
    if let Some(m) = month_name(b) {
        return ymd(year(c)?, m, num(a)?);
    }
    let (first, second, y) = (num(a)?, num(b)?, year(c)?);
    if sep == '.' || first > 12 {
        ymd(y, second, first)
    } else {
        ymd(y, first, second)
    }
}

/// A time of day: `H:MM[:SS[.fff]]` or `H時M分[S秒]`, with AM/PM or 午前/午後, and a trailing
/// `Z` / UTC offset dropped.
fn time_part(s: &str) -> Option<NaiveTime> {
    let mut t = s.trim().to_string();
    let mut pm = None;
    for (word, is_pm) in [("午前", false), ("午後", true)] {
        if let Some(rest) = t.strip_prefix(word).or_else(|| t.strip_suffix(word)) {
            t = rest.trim().to_string();
            pm = Some(is_pm);
        }
    }
    let lower = t.to_ascii_lowercase();
    for (word, is_pm) in [("am", false), ("pm", true), ("a.m.", false), ("p.m.", true)] {
        if let Some(rest) = lower.strip_suffix(word) {
            t = rest.trim().to_string();
            pm = Some(is_pm);
            break;
        }
    }
    // Zone: Z, +09:00, +0900, +09, -05:00 …
    if let Some(rest) = t.strip_suffix('Z').or_else(|| t.strip_suffix('z')) {
        t = rest.to_string();
    } else if let Some(i) = t.rfind(['+', '-']) {
        let zone = &t[i + 1..];
        let digits = zone.replace(':', "");
        if i > 0 && matches!(digits.len(), 2 | 4) && digits.bytes().all(|b| b.is_ascii_digit()) {
            t.truncate(i);
        } else {
            return None;
        }
    }
    let t = t.trim().replace(['時', '分'], ":").replace('秒', "");
    let t = t.trim_end_matches(':');
    let mut it = t.split(':');
    let h = num(it.next()?)?;
    let m = match it.next() {
        Some(m) if m.len() == 2 => num(m)?,
        Some(m) if m.len() == 1 && s.contains('時') => num(m)?,
        Some(_) => return None,
        None if s.contains('時') => 0,
        None => return None,
    };
    let (sec, nano) = match it.next() {
        None => (0, 0),
        Some(x) => {
            let (whole, frac) = x.split_once('.').unwrap_or((x, ""));
            if whole.len() != 2 && !(whole.len() == 1 && s.contains('時')) {
                return None;
            }
            let sec = num(whole)?;
            let frac = &frac[..frac.len().min(9)];
            let nano = if frac.is_empty() {
                0
            } else {
                if !frac.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                frac.parse::<u32>().ok()? * 10u32.pow(9 - frac.len() as u32)
            };
            (sec, nano)
        }
    };
    if it.next().is_some() {
        return None;
    }
    let h = match pm {
        None => h,
        Some(_) if !(1..=12).contains(&h) && h != 0 => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
    NaiveTime::from_hms_nano_opt(h, m, sec.min(59), nano)
}

/// `2025年4月1日` with an optional weekday in brackets and a time.
fn japanese(s: &str) -> Option<NaiveDateTime> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, rest) = rest.split_once('日')?;
    let date = ymd(year(y.trim())?, num(m.trim())?, num(d.trim())?)?;
    let mut rest = rest.trim();
    if let Some(r) = rest.strip_prefix('(').or_else(|| rest.strip_prefix('（')) {
        let close = r.find([')', '）'])?;
        rest = r[close..].trim_start_matches([')', '）']).trim();
    }
    if rest.is_empty() {
        return Some(date.and_time(NaiveTime::MIN));
    }
    Some(date.and_time(time_part(rest)?))
}

/// A date or date-time; a date alone means midnight.
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = half_width(s.trim());
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if s.contains('年') {
        return japanese(s);
    }
    // ISO: 2025-04-01T09:30 → a space instead of the T.
    let iso;
    let s = match s.find(['T', 't']) {
        Some(i)
            if i >= 8
                && s.as_bytes()[i - 1].is_ascii_digit()
                && s.as_bytes().get(i + 1).is_some_and(u8::is_ascii_digit) =>
        {
            iso = format!("{} {}", &s[..i], &s[i + 1..]);
            iso.as_str()
        }
        _ => s,
    };
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let (date, time_tokens) = if month_name(tokens[0].trim_end_matches(',')).is_some() {
        // Jul 14, 2025 [time] / 14 Jul 2025 is handled below.
        if tokens.len() < 3 {
            return None;
        }
        let m = month_name(tokens[0].trim_end_matches(','))?;
        let d = num(tokens[1].trim_end_matches(','))?;
        (ymd(year(tokens[2])?, m, d)?, &tokens[3..])
    } else if tokens.len() >= 3 && month_name(tokens[1]).is_some() && num(tokens[0]).is_some() {
        // 14 Jul 2025 [time]
        let m = month_name(tokens[1])?;
        (ymd(year(tokens[2].trim_end_matches(','))?, m, num(tokens[0])?)?, &tokens[3..])
    } else {
        (date_part(tokens[0])?, &tokens[1..])
    };
    if time_tokens.is_empty() {
        return Some(date.and_time(NaiveTime::MIN));
    }
    Some(date.and_time(time_part(&time_tokens.join(" "))?))
}

/// A date (a time part, if any, is dropped).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_datetime(s).map(|d| d.date())
}

/// Numbers above this (in absolute value) are refused as absurd.
pub const MAX_NUMBER: f64 = 1e9;

/// A finite number: `1.5`, `1,5` (decimal comma), `1,234.5`, `１２`, `50%` (→ 50).
///
/// Separators: with both `,` and `.`, the last one is the decimal point (`1,234.5`, `1.234,5`).
/// A single `,` is a decimal comma unless exactly three digits follow it (`1,5` = 1.5,
/// `1,234` = 1234); several `,` (or several `.`) are thousands separators and must group by three.
/// Empty text, words, NaN, infinities and |x| > 10⁹ give `None`.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = half_width(s.trim());
    let mut s = s.trim();
    if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim_end();
    }
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
        return None;
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let (thousands, decimal) = match (commas, dots) {
        (0, 0) => (None, None),
        (0, 1) => (None, Some('.')),
        (0, _) => (Some('.'), None),
        (1, 0) => {
            let after = body.len() - body.find(',')? - 1;
            if after == 3 && !body.starts_with(',') && !body.starts_with("0,") {
                (Some(','), None)
            } else {
                (None, Some(','))
            }
        }
        (_, 0) => (Some(','), None),
        _ => {
            let (lc, ld) = (body.rfind(',')?, body.rfind('.')?);
            if lc > ld {
                (Some('.'), Some(','))
            } else {
                (Some(','), Some('.'))
            }
        }
    };
    let (int, frac) = match decimal {
        Some(d) => {
            let i = body.rfind(d)?;
            (&body[..i], &body[i + 1..])
        }
        None => (body, ""),
    };
    if decimal.is_some() && body.matches(decimal?).count() != 1 {
        return None;
    }
    if frac.contains([',', '.']) {
        return None;
    }
    let int: String = match thousands {
        Some(t) => {
            let groups: Vec<&str> = int.split(t).collect();
            let ok = !groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3)
                && !groups.iter().any(|g| g.contains([',', '.']));
            if !ok {
                return None;
            }
            groups.concat()
        }
        None => {
            if int.contains([',', '.']) {
                return None;
            }
            int.to_string()
        }
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let text = format!(
        "{}{}.{}",
        if neg { "-" } else { "" },
        if int.is_empty() { "0" } else { &int },
        if frac.is_empty() { "0" } else { frac }
    );
    let x: f64 = text.parse().ok()?;
    (x.is_finite() && x.abs() <= MAX_NUMBER).then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> Option<String> {
        parse_datetime(s).map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
    }

    #[test]
    fn every_date_pattern() {
        let cases = [
            ("2025-04-01", "2025-04-01 00:00:00"),
            ("2025-04-01T09:30", "2025-04-01 09:30:00"),
            ("2025-04-01T09:30:15", "2025-04-01 09:30:15"),
            ("2025-04-01T09:30:15.250Z", "2025-04-01 09:30:15"),
            ("2025-04-01T09:30:00+09:00", "2025-04-01 09:30:00"),
            ("2025-04-01T09:30:00-0500", "2025-04-01 09:30:00"),
            ("2025-04-01 09:30:00", "2025-04-01 09:30:00"),
            ("2025/04/01", "2025-04-01 00:00:00"),
            ("2025/4/1 9:05", "2025-04-01 09:05:00"),
            ("2025/4/1 9:05:07", "2025-04-01 09:05:07"),
            ("2025.04.01", "2025-04-01 00:00:00"),
            ("20250401", "2025-04-01 00:00:00"),
            ("2025年4月1日", "2025-04-01 00:00:00"),
            ("2025年04月01日(火)", "2025-04-01 00:00:00"),
            ("2025年4月1日 14:05", "2025-04-01 14:05:00"),
            ("2025年4月1日 午後3:42", "2025-04-01 15:42:00"),
            ("2025年4月1日 15時42分", "2025-04-01 15:42:00"),
            ("14/Jul/25 3:42 PM", "2025-07-14 15:42:00"),
            ("14/Jul/25 12:05 AM", "2025-07-14 00:05:00"),
            ("14/jul/25 12:05 pm", "2025-07-14 12:05:00"),
            ("14/Jul/25 3:42PM", "2025-07-14 15:42:00"),
            ("14/Jul/2025 15:42", "2025-07-14 15:42:00"),
            ("14-Jul-2025", "2025-07-14 00:00:00"),
            ("14 Jul 2025", "2025-07-14 00:00:00"),
            ("6/21/2025 16:14", "2025-06-21 16:14:00"),
            ("6/5/2025", "2025-06-05 00:00:00"),
            ("21/06/2025", "2025-06-21 00:00:00"),
            ("21.06.2025", "2025-06-21 00:00:00"),
            ("05.06.2025", "2025-06-05 00:00:00"),
            ("Jul 14, 2025", "2025-07-14 00:00:00"),
            ("July 14, 2025 3:42 PM", "2025-07-14 15:42:00"),
            ("Sep 1 2025", "2025-09-01 00:00:00"),
            ("２０２５／０４／０１", "2025-04-01 00:00:00"),
            ("２０２５年４月１日", "2025-04-01 00:00:00"),
            ("  2025-04-01  ", "2025-04-01 00:00:00"),
            ("2025/4/1 午前9:05", "2025-04-01 09:05:00"),
        ];
        for (input, want) in cases {
            assert_eq!(dt(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn refused_dates() {
        for bad in [
            "",
            "   ",
            "tomorrow",
            "2025-13-01",
            "2025-02-30",
            "1899-12-31",
            "2201-01-01",
            "32/01/2025",
            "2025-04-01 25:00",
            "2025-04-01 9:60",
            "14/Foo/25",
            "2025/4",
            "1/2/3/4",
            "NaN",
            "2025-04-01T",
            "13:00 PM",
            "2025-04-01 10:00 XYZ",
            "12345678901234567890",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad:?}");
        }
        assert_eq!(
            parse_datetime("2200-12-31"),
            NaiveDate::from_ymd_opt(2200, 12, 31).map(|d| d.and_time(NaiveTime::MIN))
        );
        assert_eq!(parse_date("2025/4/1 9:05"), NaiveDate::from_ymd_opt(2025, 4, 1));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "[0-9０-９/:.,年月日午前後時分秒TZAPMapm+ \\-%]{0,24}|\\PC{0,16}") {
            let _ = parse_datetime(&s);
            if let Some(x) = parse_number(&s) {
                proptest::prop_assert!(x.is_finite() && x.abs() <= MAX_NUMBER);
            }
        }
    }

    #[test]
    fn numbers() {
        let cases: [(&str, f64); 20] = [
            ("1.5", 1.5),
            ("1,5", 1.5),
            ("1,25", 1.25),
            ("1,234", 1234.0),
            ("1,234,567", 1_234_567.0),
            ("1,234.5", 1234.5),
            ("1.234,5", 1234.5),
            ("1.234.567", 1_234_567.0),
            ("0,125", 0.125),
            ("１２", 12.0),
            ("１２．５", 12.5),
            ("50%", 50.0),
            ("50 %", 50.0),
            ("５０％", 50.0),
            (" -3 ", -3.0),
            ("+4", 4.0),
            (".5", 0.5),
            ("7.", 7.0),
            ("1000000000", 1e9),
            ("0", 0.0),
        ];
        for (input, want) in cases {
            assert_eq!(parse_number(input), Some(want), "{input}");
        }
        for bad in [
            "",
            " ",
            "abc",
            "NaN",
            "inf",
            "-inf",
            "1e5",
            "1,2,3",
            "12,34,567",
            "1.2.3.4,5,6",
            "1..2",
            "1,,2",
            "1000000001",
            "-",
            "%",
            "1 234",
            "3h",
        ] {
            assert_eq!(parse_number(bad), None, "{bad:?}");
        }
    }
}
