//! Numbers, percentages, money and sizes.

use super::Formatter;
use crate::analytics::CostUnit;

/// What a screen or a document shows where there is no number (NaN, ±∞).
const NO_NUMBER: &str = "—";
/// What a chart shows where there is no number.
const NO_FIGURE: &str = "–";

/// `x` rounded half away from zero to `decimals` decimals, as digits.
struct Digits {
    negative: bool,
    int: String,
    frac: String,
}

fn digits(x: f64, decimals: usize) -> Digits {
    let scaled = (x.abs() * 10f64.powi(decimals as i32)).round();
    let all = format!("{scaled:.0}");
    let all = format!("{all:0>width$}", width = decimals + 1);
    let (int, frac) = all.split_at(all.len() - decimals);
    Digits { negative: x < 0.0 && scaled != 0.0, int: int.to_string(), frac: frac.to_string() }
}

/// The fewest decimals that show multiples of `step` exactly (tick labels): 0.5 → 1, 5 → 0.
pub(super) fn decimals_for(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    let mut d = 0;
    let mut s = step;
    while d < 4 && (s - s.round()).abs() > 1e-6 * s.abs().max(1.0) {
        s *= 10.0;
        d += 1;
    }
    d
}

/// "1.50" → "1.5", "2.0" → "2".
fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn currency_symbol(code: &str) -> Option<&'static str> {
    match code {
        "JPY" => Some("¥"),
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        _ => None,
    }
}

impl Formatter {
    fn write(&self, d: &Digits, minus: &str) -> String {
        let mut out = String::new();
        if d.negative {
            out.push_str(minus);
        }
        for (i, c) in d.int.chars().enumerate() {
            if i > 0 && (d.int.len() - i).is_multiple_of(3) {
                out.push(self.group);
            }
            out.push(c);
        }
        if !d.frac.is_empty() {
            out.push(self.decimal);
            out.push_str(&d.frac);
        }
        out
    }

    /// A number on a screen or in a document: grouped, at most `max_decimals` decimals (trailing
    /// zeros dropped), rounded half away from zero: "1,234.5", "-3", "0"; "—" for no number.
    pub fn number(&self, x: f64, max_decimals: usize) -> String {
        if !x.is_finite() {
            return NO_NUMBER.to_string();
        }
        let mut d = digits(x, max_decimals);
        d.frac.truncate(d.frac.trim_end_matches('0').len());
        self.write(&d, "-")
    }

    /// A figure on a chart: exactly `decimals` decimals and the typographic minus: "1,234.50",
    /// "−3"; "–" for no number.
    pub fn figure(&self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return NO_FIGURE.to_string();
        }
        self.write(&digits(x, decimals), "−")
    }

    /// A tick label: as many decimals as `step` needs (step 0.5 → "2.5", step 5 → "20").
    pub fn figure_for_step(&self, x: f64, step: f64) -> String {
        self.figure(x, decimals_for(step))
    }

    /// A percentage in a document: no decimals, one below 10 % ("12 %", "2.5 %"); "—" when unknown.
    pub fn percent(&self, x: Option<f64>) -> String {
        match x.filter(|x| x.is_finite()) {
            None => NO_NUMBER.to_string(),
            Some(x) => format!("{} %", self.number(x, if x.abs() < 10.0 && x.fract() != 0.0 { 1 } else { 0 })),
        }
    }

    /// Money in a document: yen whole with its sign ("¥1,235"), other currencies with two
    /// decimals at most and their code ("1,234.5 USD").
    pub fn money(&self, x: f64, currency: &str) -> String {
        if currency == "JPY" {
            format!("¥{}", self.number(x, 0))
        } else {
            format!("{} {currency}", self.number(x, 2))
        }
    }

    /// An earned-value amount in a table: whole, with its unit ("1,235 JPY", "12 h").
    pub fn amount(&self, unit: &CostUnit, x: f64) -> String {
        let unit = match unit {
            CostUnit::Hours => "h",
            CostUnit::Money(code) => code.as_str(),
        };
        format!("{} {unit}", self.number(x.round(), 1))
    }

    /// A cost on a chart: yen as 万 / 億 in Japanese ("120万", "1.5億"), k / M / B elsewhere
    /// ("¥1.2M", "3k CHF"), person-hours as "1,200h". `step` (the tick step, or 0 for a single
    /// figure) decides the precision.
    pub fn money_compact(&self, unit: &CostUnit, v: f64, step: f64) -> String {
        if !v.is_finite() {
            return NO_FIGURE.to_string();
        }
        if v == 0.0 {
            return match unit {
                CostUnit::Hours => "0h".to_string(),
                CostUnit::Money(_) => "0".to_string(),
            };
        }
        let code = match unit {
            CostUnit::Hours => {
                let d = if step > 0.0 {
                    decimals_for(step)
                } else if v.abs() < 10.0 {
                    1
                } else {
                    0
                };
                return format!("{}h", trim_zeros(self.figure(v, d)));
            }
            CostUnit::Money(code) => code,
        };
        let sign = if v < 0.0 { "−" } else { "" };
        let a = v.abs();
        let scales: &[(f64, &str)] = if self.lang == crate::Lang::Ja && code == "JPY" {
            &[(1e8, "億"), (1e4, "万"), (1.0, "円")]
        } else {
            &[(1e9, "B"), (1e6, "M"), (1e3, "k"), (1.0, "")]
        };
        let (div, suffix) =
            scales.iter().copied().find(|(div, _)| a >= *div || step >= *div).unwrap_or(scales[scales.len() - 1]);
        let n = trim_zeros(self.figure(a / div, scaled_decimals(a / div, step / div)));
        match (self.lang, code.as_str(), currency_symbol(code)) {
            (crate::Lang::Ja, "JPY", _) => format!("{sign}{n}{suffix}"),
            (_, _, Some(symbol)) => format!("{sign}{symbol}{n}{suffix}"),
            (_, _, None) => format!("{sign}{n}{suffix} {code}"),
        }
    }

    /// The unit in a cost axis' title: "円" (yen in Japanese), "¥", "$", "h", or the code.
    pub fn cost_unit(&self, unit: &CostUnit) -> String {
        match unit {
            CostUnit::Hours => "h".to_string(),
            CostUnit::Money(code) if self.lang == crate::Lang::Ja && code == "JPY" => "円".to_string(),
            CostUnit::Money(code) => currency_symbol(code).map_or_else(|| code.clone(), str::to_string),
        }
    }

    /// A file size in whole megabytes: "50 MB".
    pub fn megabytes(&self, bytes: usize) -> String {
        format!("{} MB", self.number(bytes as f64 / 1_048_576.0, 0))
    }
}

fn scaled_decimals(scaled: f64, scaled_step: f64) -> usize {
    if scaled_step > 0.0 {
        decimals_for(scaled_step).min(2)
    } else if scaled >= 100.0 {
        0
    } else {
        1
    }
}
