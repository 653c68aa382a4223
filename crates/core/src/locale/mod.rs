//! How each language writes numbers, money, percentages and dates: the one formatter behind the
//! app's screens, the charts and the generated documents (status reports, minutes). Get a
//! language's with `lang.fmt()`. Pure: no clock, no browser; the app turns an instant into local
//! time before it asks for `date_time`.

mod date;
mod number;
#[cfg(test)]
mod tests;

use crate::Lang;

/// One language's conventions. The words of a document are in its own module; this holds only
/// how figures and dates are written.
#[derive(Debug)]
pub struct Formatter {
    pub lang: Lang,
    /// Between groups of three digits: "1,234,567".
    group: char,
    /// Before the decimals: "1,234.5".
    decimal: char,
    /// Short weekday names, Monday first.
    weekdays: [&'static str; 7],
}

static JA: Formatter =
    Formatter { lang: Lang::Ja, group: ',', decimal: '.', weekdays: ["月", "火", "水", "木", "金", "土", "日"] };

static EN: Formatter =
    Formatter { lang: Lang::En, group: ',', decimal: '.', weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] };

impl Formatter {
    pub fn of(lang: Lang) -> &'static Formatter {
        match lang {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

impl Lang {
    /// How this language writes numbers, money and dates.
    pub fn fmt(self) -> &'static Formatter {
        Formatter::of(self)
    }
}
