//! Every string a chart shows, in Japanese and English. Numbers, money and dates are written by
//! the core's formatter (`lang.fmt()`, `mieruka_core::locale`).

use mieruka_core::analytics::WorkUnit;

pub use mieruka_core::Lang;

/// The strings of the charts in one language. Get it with [`Text::of`].
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

pub const JA: Text = Text {
    burndown: "バーンダウン",
    burnup: "バーンアップ",
    risk_trend: "リスクの推移",
    risk_matrix: "リスクマトリクス",
    ev: "出来高管理（EVM）",
    workload: "メンバー別の負荷",
    date: "日付",
    week_of: "週（月曜日）",
    probability: "確率",
    impact: "影響度",
    open_risks: "未解決リスク（件）",
    exposure: "エクスポージャー（確率×影響度）",
    cumulative_cost: "累積コスト",
    cumulative_effort: "累積工数",
    effort: "工数",
    remaining: "残作業",
    ideal: "理想線",
    scope: "スコープ",
    scope_change: "スコープ変更",
    done: "完了",
    forecast: "予測",
    forecast_finish: "完了予測",
    pv: "計画価値 PV",
    ev_label: "出来高 EV",
    ac: "実コスト AC",
    bac: "完成時予算 BAC",
    eac: "完成時見積 EAC",
    low: "低",
    medium: "中",
    high: "高",
    critical: "重大",
    threat: "脅威",
    opportunity: "好機",
    inherent: "対応前",
    residual: "残存",
    inherent_to_residual: "対応前→残存",
    capacity: "稼働上限",
    over_capacity: "超過",
    unassigned: "未割当",
    today: "今日",
    status_date: "基準日",
    day_off: "休日",
    empty_no_days: "この期間に稼働日がありません",
    empty_no_work: "集計できる作業がまだありません",
    empty_no_risks: "リスクはありません",
    empty_no_open_risks: "この期間に未解決のリスクはありません",
    empty_no_value: "計画価値がまだありません（予定日と見積を設定してください）",
    empty_no_members: "負荷を集計できるメンバーや作業がありません",
    empty_no_tasks: "表示するタスクがありません",
};

pub const EN: Text = Text {
    burndown: "Burndown",
    burnup: "Burnup",
    risk_trend: "Risk trend",
    risk_matrix: "Risk matrix",
    ev: "Earned value (EVM)",
    workload: "Workload by member",
    date: "Date",
    week_of: "Week of",
    probability: "Probability",
    impact: "Impact",
    open_risks: "Open risks",
    exposure: "Exposure (P × I)",
    cumulative_cost: "Cumulative cost",
    cumulative_effort: "Cumulative effort",
    effort: "Hours",
    remaining: "Remaining",
    ideal: "Ideal",
    scope: "Scope",
    scope_change: "Scope change",
    done: "Done",
    forecast: "Forecast",
    forecast_finish: "Forecast finish",
    pv: "Planned value (PV)",
    ev_label: "Earned value (EV)",
    ac: "Actual cost (AC)",
    bac: "Budget at completion (BAC)",
    eac: "Estimate at completion (EAC)",
    low: "Low",
    medium: "Medium",
    high: "High",
    critical: "Critical",
    threat: "threats",
    opportunity: "opportunities",
    inherent: "inherent",
    residual: "residual",
    inherent_to_residual: "Inherent → residual",
    capacity: "Capacity",
    over_capacity: "Over capacity",
    unassigned: "Unassigned",
    today: "Today",
    status_date: "Status date",
    day_off: "day off",
    empty_no_days: "No working days in this range",
    empty_no_work: "No work to chart yet",
    empty_no_risks: "No risks",
    empty_no_open_risks: "No open risks in this range",
    empty_no_value: "No planned value yet (set dates and estimates)",
    empty_no_members: "No members or work to chart",
    empty_no_tasks: "No tasks to show",
};

impl Text {
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
    match lang {
        Lang::Ja => format!("ほか{n}名"),
        Lang::En => format!("+{n} more"),
    }
}

/// "レーンの高さ = 60h" / "Lane height = 60h": the scale of the per-member workload lanes.
pub fn lane_height(lang: Lang, amount: &str) -> String {
    match lang {
        Lang::Ja => format!("レーンの高さ = {amount}"),
        Lang::En => format!("Lane height = {amount}"),
    }
}

/// The short unit of a work count: "h", "pt", "件" / "tasks".
pub fn work_unit(lang: Lang, unit: WorkUnit) -> &'static str {
    match (unit, lang) {
        (WorkUnit::Hours, _) => "h",
        (WorkUnit::StoryPoints, _) => "pt",
        (WorkUnit::Tasks, Lang::Ja) => "件",
        (WorkUnit::Tasks, Lang::En) => "tasks",
    }
}

/// "残作業（h）" / "Remaining (h)"
pub fn axis_title(lang: Lang, name: &str, unit: &str) -> String {
    if unit.is_empty() {
        return name.to_string();
    }
    match lang {
        Lang::Ja => format!("{name}（{unit}）"),
        Lang::En => format!("{name} ({unit})"),
    }
}

/// "基準日 12/5（休日）" / "Status date Dec 5 (day off)"
pub fn day_off_note(lang: Lang, label: &str, day_off: &str) -> String {
    match lang {
        Lang::Ja => format!("{label}（{day_off}）"),
        Lang::En => format!("{label} ({day_off})"),
    }
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
