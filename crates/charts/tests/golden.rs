//! Golden SVG snapshots: each chart is drawn into SVG and compared byte for byte with
//! `tests/golden/<name>.svg`.
//!
//! After an intended change to a chart, regenerate the files and review them (open the SVGs, or
//! diff them in git):
//!
//!     UPDATE_GOLDEN=1 cargo test -p mieruka-charts --test golden
//!
//! A missing golden file fails too (run the command above to create it).

mod common;

use std::path::PathBuf;

use common::*;
use mieruka_charts::*;

fn golden(name: &str, svg: Result<String, ChartError>) {
    let svg = svg.unwrap_or_else(|e| panic!("{name}: drawing failed: {e}"));
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &svg).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{name}: no golden file {}; create it with UPDATE_GOLDEN=1 cargo test -p mieruka-charts --test golden",
            path.display()
        )
    });
    if want != svg {
        let line = want
            .lines()
            .zip(svg.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| want.lines().count().min(svg.lines().count()));
        panic!(
            "{name}: the SVG differs from {} at line {}:\n  golden: {}\n  drawn:  {}\n\
             If the change is intended, regenerate with UPDATE_GOLDEN=1 cargo test -p mieruka-charts --test golden \
             and review the new files.",
            path.display(),
            line + 1,
            want.lines().nth(line).unwrap_or("<end of file>"),
            svg.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}

fn opts(lang: Lang) -> ChartOptions {
    ChartOptions { today: Some(status()), ..ChartOptions::new(Theme::light(), lang) }
}

const W: u32 = 900;
const H: u32 = 420;

#[test]
fn burndown_golden() {
    let s = burndown_series();
    for (name, lang) in [("burndown_ja", Lang::Ja), ("burndown_en", Lang::En)] {
        golden(name, to_svg(W, H, |a| burndown(a, &s, &opts(lang))));
    }
    let dark = ChartOptions { theme: Theme::dark(), ..opts(Lang::Ja) };
    golden("burndown_dark_ja", to_svg(W, H, |a| burndown(a, &s, &dark)));
    golden("burndown_compact_ja", to_svg(320, 180, |a| burndown(a, &s, &opts(Lang::Ja).compact())));
    golden("burndown_320_en", to_svg(320, 260, |a| burndown(a, &s, &opts(Lang::En))));
}

#[test]
fn burnup_golden() {
    let s = burnup_series();
    for (name, lang) in [("burnup_ja", Lang::Ja), ("burnup_en", Lang::En)] {
        golden(name, to_svg(W, H, |a| burnup(a, &s, &opts(lang))));
    }
}

#[test]
fn risk_trend_golden() {
    let s = risk_trend_series();
    for (name, lang) in [("risk_trend_ja", Lang::Ja), ("risk_trend_en", Lang::En)] {
        golden(name, to_svg(W, H, |a| risk_trend(a, &s, &opts(lang))));
    }
}

#[test]
fn risk_matrix_golden() {
    let m = risk_matrix_threats();
    for (name, lang) in [("risk_matrix_ja", Lang::Ja), ("risk_matrix_en", Lang::En)] {
        golden(name, to_svg(520, 520, |a| risk_matrix(a, &m, &opts(lang))));
    }
    let dark = ChartOptions { theme: Theme::dark(), ..opts(Lang::Ja) };
    golden(
        "risk_matrix_opportunity_dark_ja",
        to_svg(520, 520, |a| risk_matrix(a, &risk_matrix_opportunities(), &dark)),
    );
}

#[test]
fn ev_golden() {
    let s = ev_series();
    for (name, lang) in [("ev_ja", Lang::Ja), ("ev_en", Lang::En)] {
        golden(name, to_svg(W, H, |a| ev(a, &s, &opts(lang))));
    }
}

#[test]
fn workload_golden() {
    let s = workload_series(3);
    for (name, lang) in [("workload_ja", Lang::Ja), ("workload_en", Lang::En)] {
        golden(name, to_svg(W, H, |a| workload(a, &s, &opts(lang))));
    }
    golden("workload_lanes_ja", to_svg(W, H, |a| workload(a, &workload_series(8), &opts(Lang::Ja))));
}

#[test]
fn gantt_golden() {
    let g = gantt_data();
    let (from, to) = g.range.unwrap();
    let view = GanttView { first_row: 0, rows: g.rows.len(), row_height_px: 24, zoom: Zoom::Day, from, to };
    for (name, lang) in [("gantt_ja", Lang::Ja), ("gantt_en", Lang::En)] {
        golden(name, to_svg(1200, 400, |a| gantt(a, &g, &view, &opts(lang))));
    }
    let window = GanttView { first_row: 4, rows: 8, row_height_px: 28, zoom: Zoom::Week, ..view };
    golden("gantt_week_window_ja", to_svg(700, 300, |a| gantt(a, &g, &window, &opts(Lang::Ja))));
    let month = GanttView { zoom: Zoom::Month, from: d(2026, 9, 1), to: d(2027, 6, 30), ..view };
    let dark = ChartOptions { theme: Theme::dark(), ..opts(Lang::En) };
    golden("gantt_month_dark_en", to_svg(700, 400, |a| gantt(a, &g, &month, &dark)));
}

/// A chosen baseline: grey bars under the rows (a diamond for milestones), the plan slipped in
/// places; the milestone's diamond stays clear of its baseline diamond.
#[test]
fn gantt_baseline_golden() {
    let mut g = gantt_data();
    for r in &mut g.rows {
        r.baseline = r.start.zip(r.due);
    }
    // Design slipped a week; its review (a milestone) with it.
    for k in [4, 6, 8] {
        let (s, d) = g.rows[k].baseline.unwrap();
        g.rows[k].baseline = Some((s, d - chrono::Duration::days(7)));
    }
    g.rows[8].baseline = g.rows[8].baseline.map(|(_, d)| (d, d));
    let (from, to) = g.range.unwrap();
    let view = GanttView { first_row: 0, rows: g.rows.len(), row_height_px: 26, zoom: Zoom::Day, from, to };
    golden("gantt_baseline_ja", to_svg(1200, 420, |a| gantt(a, &g, &view, &opts(Lang::Ja))));
}

// ---- drawn from the core's own numbers for the sample project ----

fn sample() -> (mieruka_core::Project, mieruka_core::calendar::WorkCalendar, chrono::NaiveDate) {
    let today = status();
    let p = mieruka_core::sample::sample_project(true, today, 1);
    let cal = mieruka_core::calendar::WorkCalendar::for_project(&p.info);
    (p, cal, today)
}

#[test]
fn sample_gantt_golden() {
    let (p, cal, today) = sample();
    let g = mieruka_core::analytics::schedule::gantt(&p, &cal, today);
    assert!(!g.rows.is_empty());
    let view = GanttView { rows: 30, ..GanttView::whole(&g) };
    golden("sample_gantt_ja", to_svg(1200, 40 + 30 * 24, |a| gantt(a, &g, &view, &opts(Lang::Ja))));
}

#[test]
fn sample_workload_golden() {
    let (p, cal, today) = sample();
    let (from, to) = mieruka_core::analytics::schedule::gantt(&p, &cal, today).range.unwrap();
    let s = mieruka_core::analytics::workload::workload(&p, &cal, from, to);
    assert!(!s.members.is_empty());
    golden("sample_workload_ja", to_svg(W, H, |a| workload(a, &s, &opts(Lang::Ja))));
}

/// The history-based charts of the sample project, from the core's own series.
#[test]
fn sample_history_goldens() {
    use mieruka_core::analytics::{burndown as bd, evm, risk, EvMethod, WorkUnit};
    let (p, cal, today) = sample();
    let tz = 540;
    let (from, to) = bd::default_range(&p, &cal).expect("the sample has dates");
    let b = bd::burndown(&p, &cal, from, to, today, WorkUnit::Hours, None, tz);
    golden("sample_burndown_ja", to_svg(W, H, |a| burndown(a, &b, &opts(Lang::Ja))));
    let u = bd::burnup(&p, &cal, from, to, today, WorkUnit::Hours, None, tz);
    golden("sample_burnup_ja", to_svg(W, H, |a| burnup(a, &u, &opts(Lang::Ja))));
    let e = evm::ev_series(&p, &cal, from, to, today, EvMethod::PercentComplete, tz);
    golden("sample_ev_ja", to_svg(W, H, |a| ev(a, &e, &opts(Lang::Ja))));
    let m = risk::matrix(&p, Some(mieruka_core::RiskKind::Threat), true);
    golden("sample_risk_matrix_ja", to_svg(520, 520, |a| risk_matrix(a, &m, &opts(Lang::Ja))));
    let t = risk::risk_trend(&p, from, to, today, tz);
    golden("sample_risk_trend_ja", to_svg(W, H, |a| risk_trend(a, &t, &opts(Lang::Ja))));
}

fn grid_labels(lang: Lang) -> GridLabels {
    let s = |ja: &str, en: &str| if lang == Lang::Ja { ja.to_string() } else { en.to_string() };
    GridLabels {
        title: s("パワー/関心度グリッド", "Power/interest grid"),
        influence: s("影響力", "Influence"),
        interest: s("関心度", "Interest"),
        manage_closely: s("重点管理", "Manage closely"),
        keep_satisfied: s("満足を維持", "Keep satisfied"),
        keep_informed: s("情報を提供", "Keep informed"),
        monitor: s("監視", "Monitor"),
        empty: s("ステークホルダーが登録されていません", "No stakeholders yet"),
    }
}

pub fn grid_points() -> Vec<GridPoint> {
    let pt = |name: &str, influence, interest| GridPoint { name: name.to_string(), influence, interest };
    vec![
        pt("田中 部長 (みなと食品販売)", 5, 5),
        pt("加藤 修", 4, 3),
        pt("鈴木 課長", 4, 3),
        pt("物流部 窓口", 4, 3),
        pt("Ms. Very Long Name of the Overseas Sponsor", 5, 1),
        pt("佐藤 花子", 2, 4),
        pt("監査室", 1, 1),
        pt("情報システム部", 1, 5),
    ]
}

#[test]
fn stakeholder_grid_golden() {
    for (name, lang) in [("stakeholder_grid_ja", Lang::Ja), ("stakeholder_grid_en", Lang::En)] {
        let g = StakeholderGrid { points: grid_points(), labels: grid_labels(lang) };
        golden(name, to_svg(720, 460, |a| stakeholder_grid(a, &g, &opts(lang))));
    }
    let empty = StakeholderGrid { points: vec![], labels: grid_labels(Lang::Ja) };
    golden(
        "stakeholder_grid_empty_dark_ja",
        to_svg(520, 360, |a| stakeholder_grid(a, &empty, &ChartOptions { theme: Theme::dark(), ..opts(Lang::Ja) })),
    );
}

#[test]
fn stakeholder_grid_keeps_every_name_when_many_share_a_cell() {
    // Nine people on the same band pair in a small chart: some are summed up as "+n", nobody
    // is drawn on top of another, and the chart does not fail.
    let points: Vec<GridPoint> =
        (0..9).map(|k| GridPoint { name: format!("担当者{k}"), influence: 3, interest: 3 }).collect();
    let g = StakeholderGrid { points, labels: grid_labels(Lang::Ja) };
    let svg = to_svg(360, 240, |a| stakeholder_grid(a, &g, &opts(Lang::Ja))).unwrap();
    assert!(svg.contains("担当者0"));
    assert!(svg.contains("+"), "the rest are counted");
    let ys: Vec<&str> = svg.lines().filter(|l| l.contains("担当者")).collect();
    let mut seen = std::collections::BTreeSet::new();
    for l in &ys {
        let y = l.split("y=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("");
        assert!(seen.insert(y.to_string()), "two names on the same line: {ys:?}");
    }
}
