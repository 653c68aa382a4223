//! Behaviour of the charts beyond the golden pictures: empty and degenerate inputs never panic
//! and show a message, Japanese text is there, texts never overlap at 320 px nor at 1200 px, and
//! the geometry maps the pointer back to days, cells and rows.

mod common;

use chrono::Duration;
use common::*;
use mieruka_charts::text::text_width;
use mieruka_charts::*;
use mieruka_core::analytics::*;
use mieruka_core::enums::RiskKind;
use mieruka_core::id::Id;

fn opts(lang: Lang) -> ChartOptions {
    ChartOptions::new(Theme::light(), lang)
}

/// Every chart drawn from the given inputs with the given options.
struct Inputs {
    burndown: BurndownSeries,
    burnup: BurnupSeries,
    risk_trend: RiskTrendSeries,
    matrix: RiskMatrix,
    ev: EvSeries,
    workload: WorkloadSeries,
    gantt: GanttData,
}

fn realistic() -> Inputs {
    Inputs {
        burndown: burndown_series(),
        burnup: burnup_series(),
        risk_trend: risk_trend_series(),
        matrix: risk_matrix_threats(),
        ev: ev_series(),
        workload: workload_series(3),
        gantt: gantt_data(),
    }
}

fn empty() -> Inputs {
    Inputs {
        burndown: BurndownSeries::default(),
        burnup: BurnupSeries::default(),
        risk_trend: RiskTrendSeries::default(),
        matrix: RiskMatrix::default(),
        ev: EvSeries::default(),
        workload: WorkloadSeries::default(),
        gantt: GanttData::default(),
    }
}

fn all_svgs(inp: &Inputs, w: u32, h: u32, o: &ChartOptions) -> Vec<(&'static str, String, Geometry)> {
    let mut out = Vec::new();
    macro_rules! draw {
        ($name:literal, $f:expr) => {{
            let mut geo = None;
            let svg = to_svg(w, h, |a| {
                let g = $f(a)?;
                geo = Some(g);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", $name));
            out.push(($name, svg, geo.unwrap()));
        }};
    }
    draw!("burndown", |a| burndown(a, &inp.burndown, o));
    draw!("burnup", |a| burnup(a, &inp.burnup, o));
    draw!("risk_trend", |a| risk_trend(a, &inp.risk_trend, o));
    draw!("risk_matrix", |a| risk_matrix(a, &inp.matrix, o));
    draw!("ev", |a| ev(a, &inp.ev, o));
    draw!("workload", |a| workload(a, &inp.workload, o));
    let view = GanttView::whole(&inp.gantt);
    draw!("gantt", |a| gantt(a, &inp.gantt, &view, o));
    out
}

// ---- a minimal reading of the SVG texts ----

#[derive(Debug)]
struct SvgText {
    content: String,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The boxes of the horizontal texts, from our width estimate (the one the layout uses).
fn texts(svg: &str) -> Vec<SvgText> {
    let mut out = Vec::new();
    for part in svg.split("<text").skip(1) {
        let (tag, rest) = part.split_once('>').unwrap();
        if tag.contains("transform=") {
            continue;
        }
        let content = unescape(rest.split("</text>").next().unwrap().trim());
        let x: f64 = attr(tag, "x").unwrap().parse().unwrap();
        let y: f64 = attr(tag, "y").unwrap().parse().unwrap();
        let size: f64 = attr(tag, "font-size").unwrap().parse().unwrap();
        let w = text_width(&content, size);
        let (x0, x1) = match attr(tag, "text-anchor").unwrap() {
            "start" => (x, x + w),
            "middle" => (x - w / 2.0, x + w / 2.0),
            _ => (x - w, x),
        };
        let (y0, y1) = match attr(tag, "dy").unwrap() {
            "0.76em" => (y, y + size),
            "0.5ex" => (y - size / 2.0, y + size / 2.0),
            _ => (y - size, y),
        };
        out.push(SvgText { content, x0, x1, y0, y1 });
    }
    out
}

fn assert_no_overlap(name: &str, svg: &str, width: f64) {
    let ts = texts(svg);
    for (a_i, a) in ts.iter().enumerate() {
        assert!(
            a.x0 >= -1.0 && a.x1 <= width + 1.0,
            "{name}: {:?} leaves the chart ({:.0}–{:.0} of {width})",
            a.content,
            a.x0,
            a.x1
        );
        for b in &ts[a_i + 1..] {
            let overlap_x = a.x0 < b.x1 - 1.0 && b.x0 < a.x1 - 1.0;
            let overlap_y = a.y0 < b.y1 - 1.0 && b.y0 < a.y1 - 1.0;
            assert!(!(overlap_x && overlap_y), "{name}: {:?} overlaps {:?}\n{a:?}\n{b:?}", a.content, b.content);
        }
    }
}

// ---- tests ----

#[test]
fn no_overlapping_texts_at_320_and_1200_px() {
    let inp = realistic();
    for lang in [Lang::Ja, Lang::En] {
        for (w, h, compact) in
            [(320, 260, false), (320, 180, true), (1200, 420, false), (1200, 300, true), (600, 360, false)]
        {
            let o = ChartOptions { compact, ..opts(lang) };
            for (name, svg, _) in all_svgs(&inp, w, h, &o) {
                assert_no_overlap(&format!("{name} {lang:?} {w}×{h} compact={compact}"), &svg, w as f64);
            }
        }
    }
}

#[test]
fn japanese_titles_are_in_the_svg() {
    let inp = realistic();
    let svgs = all_svgs(&inp, 900, 420, &opts(Lang::Ja));
    let want = [
        ("burndown", "バーンダウン"),
        ("burnup", "バーンアップ"),
        ("risk_trend", "リスクの推移"),
        ("risk_matrix", "リスクマトリクス（脅威・残存）"),
        ("ev", "出来高管理（EVM）"),
        ("workload", "メンバー別の負荷"),
        ("gantt", "基準日 11/25"),
    ];
    for ((name, svg, _), (wname, title)) in svgs.iter().zip(want) {
        assert_eq!(*name, wname);
        assert!(svg.contains(title), "{name}: no {title:?} in the SVG");
    }
    let (_, ev_svg, _) = &svgs[4];
    for s in ["計画価値 PV", "出来高 EV", "実コスト AC", "BAC 1,200万", "累積コスト（円）"] {
        assert!(ev_svg.contains(s), "ev: no {s:?}");
    }
    let (_, bd, _) = &svgs[0];
    for s in ["残作業", "理想線", "スコープ変更", "+40h"] {
        assert!(bd.contains(s), "burndown: no {s:?}");
    }
}

#[test]
fn today_label_when_the_status_date_is_today() {
    let o = ChartOptions { today: Some(status()), ..opts(Lang::Ja) };
    let svg = to_svg(900, 420, |a| burndown(a, &burndown_series(), &o)).unwrap();
    assert!(svg.contains("今日 11/25"));
    let svg = to_svg(900, 420, |a| burndown(a, &burndown_series(), &opts(Lang::En))).unwrap();
    assert!(svg.contains("Status date Nov 25"));
}

#[test]
fn a_status_date_on_a_day_off_says_so() {
    // Saturday Nov 28: drawn on Friday Nov 27, the label keeps the date and says it is a day off.
    let saturday = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let s = BurndownSeries { status_date: saturday, ..burndown_series() };
    let svg = to_svg(900, 420, |a| burndown(a, &s, &opts(Lang::Ja))).unwrap();
    assert!(svg.contains("基準日 11/28（休日）"), "no day-off label");
    let svg = to_svg(900, 420, |a| burndown(a, &s, &opts(Lang::En))).unwrap();
    assert!(svg.contains("Status date Nov 28 (day off)"));
    let svg = to_svg(900, 420, |a| burndown(a, &burndown_series(), &opts(Lang::Ja))).unwrap();
    assert!(!svg.contains("休日"), "a working status date is not a day off");
}

#[test]
fn font_family_and_sizes_in_svg() {
    let svg = to_svg(900, 420, |a| burndown(a, &burndown_series(), &opts(Lang::Ja))).unwrap();
    assert!(
        svg.contains("font-family=\"&apos;Noto Sans CJK JP&apos;, &apos;Noto Sans JP&apos;, &apos;Hiragino Sans&apos;")
    );
    // The title is 15 CSS px, as on the canvas (not 15 / 1.24).
    assert!(svg.contains("font-size=\"15\""), "title size");
    assert!(!svg.contains("font-size=\"12.09"), "unscaled size left");
}

#[test]
fn empty_inputs_draw_a_message() {
    let inp = empty();
    for lang in [Lang::Ja, Lang::En] {
        for compact in [false, true] {
            let o = ChartOptions { compact, ..opts(lang) };
            for (name, svg, geo) in all_svgs(&inp, 400, 300, &o) {
                assert!(geo.empty, "{name}: not marked empty");
                let t = Text::of(lang);
                let msgs = [t.empty_no_days, t.empty_no_risks, t.empty_no_tasks];
                let words: Vec<&str> = msgs.iter().flat_map(|m| m.split(' ')).collect();
                assert!(words.iter().any(|w| svg.contains(w)), "{name} {lang:?}: no empty-state message");
                assert!(!svg.contains("NaN") && !svg.contains("inf"), "{name}: NaN/inf in the SVG");
            }
        }
    }
}

#[test]
fn zero_scope_and_zero_values_draw_a_message() {
    let days = working_days(d(2026, 11, 2), 10);
    let n = days.len();
    let bd = BurndownSeries {
        days: days.clone(),
        remaining: vec![Some(0.0); n],
        scope: vec![Some(0.0); n],
        scope_change: vec![0.0; n],
        ideal: vec![0.0; n],
        status_date: status(),
        ..Default::default()
    };
    let svg = to_svg(400, 300, |a| burndown(a, &bd, &opts(Lang::Ja))).unwrap();
    assert!(svg.contains("集計できる作業がまだありません"));
    let bu =
        BurnupSeries { days: days.clone(), done: vec![Some(0.0); n], scope: vec![Some(0.0); n], ..Default::default() };
    let svg = to_svg(400, 300, |a| burnup(a, &bu, &opts(Lang::En))).unwrap();
    assert!(svg.contains("No work to chart yet"));
    let rt = RiskTrendSeries {
        days: days.clone(),
        exposure: vec![0.0; n],
        by_level: vec![[0; 4]; n],
        status_date: status(),
    };
    let svg = to_svg(400, 300, |a| risk_trend(a, &rt, &opts(Lang::Ja))).unwrap();
    assert!(svg.contains("未解決のリスクはありません"));
    let ev_s =
        EvSeries { days: days.clone(), pv: vec![0.0; n], ev: vec![None; n], ac: vec![None; n], ..Default::default() };
    let svg = to_svg(400, 300, |a| ev(a, &ev_s, &opts(Lang::En))).unwrap();
    assert!(svg.contains("No planned value yet"));
    let m = RiskMatrix { kind: Some(RiskKind::Threat), ..Default::default() };
    let mut geo = None;
    let svg = to_svg(400, 400, |a| {
        geo = Some(risk_matrix(a, &m, &opts(Lang::Ja))?);
        Ok(())
    })
    .unwrap();
    assert!(svg.contains("リスクはありません"));
    assert_eq!(geo.unwrap().cells.len(), 25, "the empty grid is still there");
    let wl = WorkloadSeries { weeks: vec![d(2026, 11, 2)], members: vec![], unassigned: vec![0.0] };
    let svg = to_svg(400, 300, |a| workload(a, &wl, &opts(Lang::Ja))).unwrap();
    assert!(svg.contains("負荷を集計できるメンバーや作業がありません"));
}

/// Inputs that break naive drawing code: one day, NaN and infinite values, vectors shorter or
/// longer than the days, dates far outside the range, out-of-range indices.
fn degenerate() -> Vec<Inputs> {
    let one = vec![status()];
    let days = working_days(d(2026, 11, 2), 12);
    let mut v = Vec::new();
    // One day.
    v.push(Inputs {
        burndown: BurndownSeries {
            days: one.clone(),
            remaining: vec![Some(10.0)],
            scope: vec![Some(10.0)],
            scope_change: vec![0.0],
            ideal: vec![10.0],
            status_date: status(),
            ..Default::default()
        },
        burnup: BurnupSeries {
            days: one.clone(),
            done: vec![Some(2.0)],
            scope: vec![Some(10.0)],
            rate_per_day: 2.0,
            forecast_finish: Some(status() + Duration::days(6)),
            status_date: status(),
            ..Default::default()
        },
        risk_trend: RiskTrendSeries {
            days: one.clone(),
            exposure: vec![12.0],
            by_level: vec![[1, 1, 0, 0]],
            status_date: status(),
        },
        matrix: RiskMatrix {
            arrows: vec![((0, 0), (6, 6)), ((1, 1), (1, 1)), ((5, 5), (1, 1))],
            ..risk_matrix_threats()
        },
        ev: EvSeries {
            days: one.clone(),
            pv: vec![100.0],
            ev: vec![Some(50.0)],
            ac: vec![Some(80.0)],
            indices: EvIndices { bac: 100.0, eac_typical: Some(160.0), ..Default::default() },
            status_date: status(),
            ..Default::default()
        },
        workload: WorkloadSeries {
            weeks: vec![d(2026, 11, 23)],
            members: vec![MemberLoad {
                id: Id::from_u128(1),
                name: "A".into(),
                capacity: vec![40.0],
                planned: vec![50.0],
            }],
            unassigned: vec![],
        },
        gantt: GanttData {
            rows: vec![GanttRow { start: Some(status()), due: Some(status()), ..Default::default() }],
            links: vec![(0, 0), (0, 5), (9, 0)],
            status_date: status(),
            range: Some((status(), status())),
            off_days: Some(vec![status()]),
        },
    });
    // NaN, infinities, ragged vectors, far-away dates.
    let n = days.len();
    v.push(Inputs {
        burndown: BurndownSeries {
            days: days.clone(),
            remaining: vec![Some(f64::NAN), Some(f64::INFINITY), Some(-5.0), None, Some(3.0)],
            scope: vec![Some(f64::NEG_INFINITY); n + 5],
            scope_change: vec![f64::NAN, 1e300, -1e300],
            ideal: vec![f64::NAN; 2],
            status_date: d(2100, 1, 1),
            ..Default::default()
        },
        burnup: BurnupSeries {
            days: days.clone(),
            done: vec![Some(1.0), Some(f64::NAN)],
            scope: vec![Some(1e12)],
            rate_per_day: f64::NAN,
            forecast_finish: Some(d(2200, 1, 1)),
            status_date: days[1],
            ..Default::default()
        },
        risk_trend: RiskTrendSeries {
            days: days.clone(),
            exposure: vec![f64::NAN, f64::INFINITY, 1e9],
            by_level: vec![[u32::MAX, 0, 0, 0]],
            status_date: d(1999, 1, 1),
        },
        matrix: RiskMatrix { residual: true, ..Default::default() },
        ev: EvSeries {
            unit: CostUnit::Money("JPY".into()),
            days: days.clone(),
            pv: vec![1e15, f64::NAN],
            ev: vec![Some(f64::INFINITY)],
            ac: vec![],
            indices: EvIndices {
                bac: f64::NAN,
                eac_typical: Some(f64::INFINITY),
                eac_atypical: f64::NAN,
                ..Default::default()
            },
            status_date: days[3],
            ..Default::default()
        },
        workload: WorkloadSeries {
            weeks: vec![d(2026, 11, 2), d(2026, 11, 9), d(2026, 11, 16)],
            members: (0..30)
                .map(|k| MemberLoad {
                    id: Id::from_u128(k),
                    name: "とても長い名前のメンバーさん".repeat(3),
                    capacity: vec![f64::NAN],
                    planned: vec![1e6, f64::INFINITY],
                })
                .collect(),
            unassigned: vec![f64::NAN, 3.0],
        },
        gantt: GanttData {
            rows: vec![
                GanttRow { start: None, due: None, percent: f64::NAN, ..Default::default() },
                GanttRow {
                    start: Some(d(2026, 12, 1)),
                    due: Some(d(2026, 11, 1)),
                    percent: 250.0,
                    summary: true,
                    ..Default::default()
                },
                GanttRow {
                    start: None,
                    due: Some(d(1990, 1, 1)),
                    milestone: true,
                    progress_point: Some(d(2300, 1, 1)),
                    ..Default::default()
                },
                GanttRow {
                    start: Some(d(2026, 11, 1)),
                    due: None,
                    critical: true,
                    percent: -20.0,
                    ..Default::default()
                },
            ],
            links: vec![(0, 1), (1, 2), (2, 3), (3, 0), (100, 1)],
            status_date: d(2026, 11, 10),
            range: Some((d(2027, 1, 1), d(2026, 1, 1))),
            off_days: None,
        },
    });
    v
}

#[test]
fn degenerate_inputs_never_panic() {
    for inp in degenerate() {
        for lang in [Lang::Ja, Lang::En] {
            for (w, h) in [(1, 1), (10, 10), (60, 40), (320, 180), (1200, 420)] {
                for compact in [false, true] {
                    let o = ChartOptions { compact, theme: Theme::dark(), ..opts(lang) };
                    for (name, svg, _) in all_svgs(&inp, w, h, &o) {
                        assert!(!svg.contains("NaN"), "{name} {w}×{h}: NaN in the SVG");
                    }
                }
            }
        }
    }
}

#[test]
fn gantt_views_never_panic_and_draw_only_the_window() {
    let g = big_gantt(5000);
    let base = GanttView::whole(&g);
    let views = [
        GanttView { first_row: 2000, rows: 30, ..base },
        GanttView { first_row: 4990, rows: 30, ..base },
        GanttView { first_row: 10_000, rows: 30, ..base },
        GanttView { first_row: 0, rows: 0, ..base },
        GanttView { row_height_px: 0, ..base },
        GanttView { zoom: Zoom::Week, from: d(2026, 12, 1), to: d(2026, 12, 1), ..base },
        GanttView { zoom: Zoom::Month, from: d(2000, 1, 1), to: d(2100, 1, 1), ..base },
        GanttView { from: d(2027, 1, 1), to: d(2026, 1, 1), ..base },
    ];
    for v in views {
        let mut geo = None;
        let svg = to_svg(900, 600, |a| {
            geo = Some(gantt(a, &g, &v, &opts(Lang::Ja))?);
            Ok(())
        })
        .unwrap();
        let rows = geo.unwrap().rows.unwrap();
        assert!(rows.count <= (600 - 40) / 4, "{v:?}: {rows:?}");
        // Only the window: a few hundred elements, not 5000 rows' worth.
        assert!(svg.len() < 400_000, "{v:?}: {} bytes", svg.len());
    }
    // The window's rows are the ones drawn.
    let mut geo = None;
    to_svg(900, 600, |a| {
        geo = Some(gantt(a, &g, &GanttView { first_row: 2000, rows: 20, ..base }, &opts(Lang::En))?);
        Ok(())
    })
    .unwrap();
    let geo = geo.unwrap();
    assert_eq!(geo.rows, Some(RowGeometry { first_row: 2000, count: 20, row_height: 24 }));
    let (x, y, _, _) = geo.plot;
    assert_eq!(y, GANTT_HEADER_PX as i32);
    assert_eq!(geo.row_at(x + 5, y + 1), Some(2000));
    assert_eq!(geo.row_at(x + 5, y + 24 * 3 + 12), Some(2003));
    assert_eq!(geo.row_at(x + 5, y - 3), None);
}

#[test]
fn geometry_maps_the_pointer() {
    let s = burndown_series();
    let mut geo = None;
    to_svg(900, 420, |a| {
        geo = Some(burndown(a, &s, &opts(Lang::Ja))?);
        Ok(())
    })
    .unwrap();
    let g = geo.unwrap();
    assert_eq!(g.x_count, s.days.len());
    assert!(!g.x_bands);
    for i in 0..g.x_count {
        let x = g.x_of(i).unwrap();
        assert_eq!(g.index_at(x), Some(i));
    }
    let (x, _, w, _) = g.plot;
    assert_eq!(g.index_at(x - 1), None);
    assert_eq!(g.index_at(x + w as i32 + 1), None);

    let mut geo = None;
    to_svg(500, 500, |a| {
        geo = Some(risk_matrix(a, &risk_matrix_threats(), &opts(Lang::En))?);
        Ok(())
    })
    .unwrap();
    let g = geo.unwrap();
    assert_eq!(g.cells.len(), 25);
    let cell = |p: u8, i: u8| *g.cells.iter().find(|c| c.0 == (p, i)).unwrap();
    let (_, (cx, cy, cw, ch), count) = cell(3, 3);
    assert_eq!(count, 5);
    assert_eq!(g.cell_at(cx + cw as i32 / 2, cy + ch as i32 / 2), Some((3, 3)));
    // Probability grows upwards, impact to the right.
    assert!(cell(4, 3).1 .1 < cy && cell(3, 4).1 .0 > cx);

    // Drawn into a sub-area, the geometry is in the backend's pixels.
    let mut geo = None;
    to_svg(900, 420, |a| {
        let (_, right) = a.split_horizontally(300);
        geo = Some(risk_trend(&right, &risk_trend_series(), &opts(Lang::Ja))?);
        Ok(())
    })
    .unwrap();
    let g = geo.unwrap();
    assert!(g.plot.0 > 300 && g.x_bands);
    let x = g.x_of(3).unwrap();
    assert_eq!(g.index_at(x), Some(3));
}

#[test]
fn burnup_forecast_is_labelled_and_extends_the_axis() {
    let s = burnup_series();
    let mut geo = None;
    let svg = to_svg(900, 420, |a| {
        geo = Some(burnup(a, &s, &opts(Lang::Ja))?);
        Ok(())
    })
    .unwrap();
    assert!(svg.contains("完了予測 12/24"));
    assert!(geo.unwrap().x_count > s.days.len(), "the axis runs on to the forecast finish");
    let far = BurnupSeries { forecast_finish: Some(d(2028, 3, 1)), ..s };
    let svg = to_svg(900, 420, |a| burnup(a, &far, &opts(Lang::En))).unwrap();
    assert!(svg.contains("Forecast finish Mar 1, 2028"));
}

#[test]
fn over_allocation_is_red() {
    let s = workload_series(3);
    let svg = to_svg(900, 420, |a| workload(a, &s, &opts(Lang::Ja))).unwrap();
    let red =
        format!("fill=\"#{:02X}{:02X}{:02X}\"", Theme::light().alert.0, Theme::light().alert.1, Theme::light().alert.2);
    assert!(svg.contains(&red), "no over-allocation drawn");
    assert!(svg.contains("稼働上限") && svg.contains("超過"));
}
