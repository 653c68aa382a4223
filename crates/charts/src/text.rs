//! Every string a chart shows, read from the core's catalogue of document and chart words
//! (`crates/core/locales/*.ftl`, `mieruka_core::words`): the strings live only there. Numbers, money
//! and dates are written by the core's formatter (`lang.fmt()`, `mieruka_core::locale`).

use mieruka_core::analytics::WorkUnit;
use mieruka_core::words::{Phrase, W};

pub use mieruka_core::Lang;

/// The strings of the charts in one language (built from the catalogue at compile time). Get it
/// with [`Text::of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    // Titles
    pub burndown: &'static str,
    pub burnup: &'static str,
    pub risk_trend: &'static str,
    pub risk_matrix: &'static str,
    pub ev: &'static str,
    pub workload: &'static str,
    // Axes
    pub date: &'static str,
    pub week_of: &'static str,
    pub probability: &'static str,
    pub impact: &'static str,
    pub open_risks: &'static str,
    pub exposure: &'static str,
    pub cumulative_cost: &'static str,
    pub cumulative_effort: &'static str,
    pub effort: &'static str,
    // Legend entries and labels
    pub remaining: &'static str,
    pub ideal: &'static str,
    pub scope: &'static str,
    pub scope_change: &'static str,
    pub done: &'static str,
    pub forecast: &'static str,
    pub forecast_finish: &'static str,
    pub pv: &'static str,
    pub ev_label: &'static str,
    pub ac: &'static str,
    pub bac: &'static str,
    pub eac: &'static str,
    pub low: &'static str,
    pub medium: &'static str,
    pub high: &'static str,
    pub critical: &'static str,
    pub threat: &'static str,
    pub opportunity: &'static str,
    pub inherent: &'static str,
    pub residual: &'static str,
    pub inherent_to_residual: &'static str,
    pub capacity: &'static str,
    pub over_capacity: &'static str,
    pub unassigned: &'static str,
    pub today: &'static str,
    pub status_date: &'static str,
    /// After the status date when it is not a working day (the chart shows it on the day before).
    pub day_off: &'static str,
    // Empty states
    pub empty_no_days: &'static str,
    pub empty_no_work: &'static str,
    pub empty_no_risks: &'static str,
    pub empty_no_open_risks: &'static str,
    pub empty_no_value: &'static str,
    pub empty_no_members: &'static str,
    pub empty_no_tasks: &'static str,
}

pub const JA: Text = Text::new(Lang::Ja);
pub const EN: Text = Text::new(Lang::En);

impl Text {
    /// The chart words of `lang`, from the core's catalogue (`crates/core/locales/*.ftl`).
    const fn new(lang: Lang) -> Text {
        Text {
            burndown: W::ChartBurndown.text(lang),
            burnup: W::ChartBurnup.text(lang),
            risk_trend: W::ChartRiskTrend.text(lang),
            risk_matrix: W::ChartRiskMatrix.text(lang),
            ev: W::ChartEv.text(lang),
            workload: W::ChartWorkload.text(lang),
            date: W::ChartDate.text(lang),
            week_of: W::ChartWeekOf.text(lang),
            probability: W::ChartProbability.text(lang),
            impact: W::ChartImpact.text(lang),
            open_risks: W::ChartOpenRisks.text(lang),
            exposure: W::ChartExposure.text(lang),
            cumulative_cost: W::ChartCumulativeCost.text(lang),
            cumulative_effort: W::ChartCumulativeEffort.text(lang),
            effort: W::ChartEffort.text(lang),
            remaining: W::ChartRemaining.text(lang),
            ideal: W::ChartIdeal.text(lang),
            scope: W::ChartScope.text(lang),
            scope_change: W::ChartScopeChange.text(lang),
            done: W::ChartDone.text(lang),
            forecast: W::ChartForecast.text(lang),
            forecast_finish: W::ChartForecastFinish.text(lang),
            pv: W::ChartPv.text(lang),
            ev_label: W::ChartEvLabel.text(lang),
            ac: W::ChartAc.text(lang),
            bac: W::ChartBac.text(lang),
            eac: W::ChartEac.text(lang),
            low: W::LevelLow.text(lang),
            medium: W::LevelMedium.text(lang),
            high: W::LevelHigh.text(lang),
            critical: W::LevelCritical.text(lang),
            threat: W::ChartThreat.text(lang),
            opportunity: W::ChartOpportunity.text(lang),
            inherent: W::ChartInherent.text(lang),
            residual: W::ChartResidual.text(lang),
            inherent_to_residual: W::ChartInherentToResidual.text(lang),
            capacity: W::ChartCapacity.text(lang),
            over_capacity: W::ChartOverCapacity.text(lang),
            unassigned: W::ChartUnassigned.text(lang),
            today: W::ChartToday.text(lang),
            status_date: W::ChartStatusDate.text(lang),
            day_off: W::ChartDayOff.text(lang),
            empty_no_days: W::ChartEmptyNoDays.text(lang),
            empty_no_work: W::ChartEmptyNoWork.text(lang),
            empty_no_risks: W::ChartEmptyNoRisks.text(lang),
            empty_no_open_risks: W::ChartEmptyNoOpenRisks.text(lang),
            empty_no_value: W::ChartEmptyNoValue.text(lang),
            empty_no_members: W::ChartEmptyNoMembers.text(lang),
            empty_no_tasks: W::ChartEmptyNoTasks.text(lang),
        }
    }

    pub fn of(lang: Lang) -> &'static Text {
        match lang {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }

    pub fn levels(&self) -> [&'static str; 4] {
        [self.low, self.medium, self.high, self.critical]
    }
}

/// "+3 more" / "ほか3名"
pub fn more_members(lang: Lang, n: usize) -> String {
    Phrase(lang).chart_more_members(n)
}

/// "レーンの高さ = 60h" / "Lane height = 60h": the scale of the per-member workload lanes.
pub fn lane_height(lang: Lang, amount: &str) -> String {
    Phrase(lang).chart_lane_height(amount)
}

/// The short unit of a work count: "h", "pt", "件" / "tasks".
pub fn work_unit(lang: Lang, unit: WorkUnit) -> &'static str {
    match (unit, lang) {
        (WorkUnit::Hours, _) => "h",
        (WorkUnit::StoryPoints, _) => "pt",
        (WorkUnit::Tasks, _) => W::ChartUnitTasks.text(lang),
    }
}

/// "残作業（h）" / "Remaining (h)"
pub fn axis_title(lang: Lang, name: &str, unit: &str) -> String {
    if unit.is_empty() {
        return name.to_string();
    }
    Phrase(lang).chart_axis_title(name, unit)
}

/// "基準日 12/5（休日）" / "Status date Dec 5 (day off)"
pub fn day_off_note(lang: Lang, label: &str, day_off: &str) -> String {
    Phrase(lang).chart_day_off_note(day_off, label)
}

/// Estimated width in pixels of `s` at font size `size` px. Deterministic (the same on every
/// backend), a little generous so labels laid out with it do not touch: full-width characters
/// count 1 em, digits about 0.58 em, Latin letters 0.5–0.7 em.
pub fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            ' ' => 0.3,
            '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'i' | 'l' | 'j' | 'I' => 0.3,
            '(' | ')' | '[' | ']' | '/' | '-' | 't' | 'f' | 'r' => 0.4,
            '0'..='9' => 0.58,
            'm' | 'w' | 'M' | 'W' => 0.85,
            'A'..='Z' => 0.68,
            'a'..='z' => 0.55,
            c if (c as u32) < 0x2000 => 0.62,
            '−' | '–' | '→' | '×' | '¥' | '€' | '£' => 0.62,
            _ => 1.0,
        })
        .sum();
    em * size
}

/// Splits `s` into lines no wider than `max_w` (Japanese anywhere, English at spaces).
pub fn wrap(s: &str, size: f64, max_w: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut last_space: Option<usize> = None;
    for ch in s.chars() {
        let mut candidate = line.clone();
        candidate.push(ch);
        if !line.is_empty() && text_width(&candidate, size) > max_w {
            if ch == ' ' {
                lines.push(std::mem::take(&mut line));
                last_space = None;
                continue;
            }
            match last_space {
                Some(pos) if (ch as u32) < 0x2000 => {
                    let rest = line[pos + 1..].to_string();
                    line.truncate(pos);
                    lines.push(std::mem::take(&mut line));
                    line = rest;
                }
                _ => {
                    // Keep closing punctuation on the line it closes (禁則).
                    if matches!(ch, '）' | '、' | '。' | ')') {
                        line.push(ch);
                        lines.push(std::mem::take(&mut line));
                        last_space = None;
                        continue;
                    }
                    lines.push(std::mem::take(&mut line));
                }
            }
            last_space = None;
        }
        if ch == ' ' {
            last_space = Some(line.len());
        }
        line.push(ch);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping() {
        let lines = wrap("No planned value yet (set dates and estimates)", 12.0, 150.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= 150.0), "{lines:?}");
        let ja = wrap(JA.empty_no_value, 12.0, 120.0);
        assert!(ja.len() > 1);
        assert_eq!(ja.concat(), JA.empty_no_value);
    }
}
