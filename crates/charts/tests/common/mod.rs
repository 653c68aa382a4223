//! Hand-built chart inputs with realistic numbers, shared by the golden and the robustness tests.
#![allow(dead_code, clippy::needless_range_loop)]

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use mieruka_core::analytics::*;
use mieruka_core::enums::RiskKind;
use mieruka_core::id::Id;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn status() -> NaiveDate {
    d(2026, 11, 25)
}

/// `n` working days from `start`: weekdays except the Japanese holidays of autumn 2026.
pub fn working_days(start: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let holidays = [d(2026, 11, 3), d(2026, 11, 23), d(2026, 12, 31), d(2027, 1, 1), d(2027, 1, 11)];
    let mut out = Vec::new();
    let mut day = start;
    while out.len() < n {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&day) {
            out.push(day);
        }
        day += Duration::days(1);
    }
    out
}

/// Deterministic noise in [-1, 1].
fn wobble(i: usize) -> f64 {
    (((i * 7919 + 13) % 101) as f64 / 50.0) - 1.0
}

/// 40 working days from Oct 19, 320 h of scope, +40 h on day 15, status date Nov 25 (day 26).
pub fn burndown_series() -> BurndownSeries {
    let days = working_days(d(2026, 10, 19), 40);
    let n = days.len();
    let si = days.iter().position(|x| *x == status()).unwrap();
    let mut remaining = Vec::new();
    let mut scope = Vec::new();
    let mut scope_change = vec![0.0; n];
    let mut done = 0.0;
    for i in 0..n {
        let sc = if i >= 22 {
            352.0
        } else if i >= 15 {
            360.0
        } else {
            320.0
        };
        if i == 15 {
            scope_change[i] = 40.0;
        }
        if i == 22 {
            scope_change[i] = -8.0;
        }
        if i <= si {
            done += 6.5 + 2.5 * wobble(i);
            remaining.push(Some((sc - done).max(0.0)));
            scope.push(Some(sc));
        } else {
            remaining.push(None);
            scope.push(None);
        }
    }
    let ideal = (0..n).map(|i| 320.0 * (1.0 - i as f64 / (n - 1) as f64)).collect();
    BurndownSeries { unit: WorkUnit::Hours, days, remaining, scope, scope_change, ideal, status_date: status() }
}

pub fn burnup_series() -> BurnupSeries {
    let b = burndown_series();
    let done = b.remaining.iter().zip(&b.scope).map(|(r, s)| match (r, s) {
        (Some(r), Some(s)) => Some(s - r),
        _ => None,
    });
    BurnupSeries {
        unit: WorkUnit::Hours,
        days: b.days.clone(),
        done: done.collect(),
        scope: b.scope.clone(),
        rate_per_day: 6.4,
        forecast_finish: Some(d(2026, 12, 24)),
        status_date: status(),
    }
}

pub fn risk_trend_series() -> RiskTrendSeries {
    let days = working_days(d(2026, 10, 19), 40);
    let si = days.iter().position(|x| *x == status()).unwrap();
    let days = days[..=si].to_vec();
    let mut by_level = Vec::new();
    let mut exposure = Vec::new();
    for i in 0..days.len() {
        let low = 3 + (i / 6) as u32;
        let medium = 4 + (i % 5 == 0) as u32 + (i / 9) as u32;
        let high = if i < 12 {
            2
        } else if i < 20 {
            3
        } else {
            1
        };
        let critical = if (8..18).contains(&i) { 1 } else { 0 };
        by_level.push([low, medium, high, critical]);
        exposure.push(low as f64 * 3.0 + medium as f64 * 7.0 + high as f64 * 12.0 + critical as f64 * 20.0);
    }
    RiskTrendSeries { days, exposure, by_level, status_date: status() }
}

fn ids(n: usize, seed: u128) -> Vec<Id> {
    (0..n).map(|k| Id::from_u128(seed * 1000 + k as u128)).collect()
}

pub fn risk_matrix_threats() -> RiskMatrix {
    let mut m = RiskMatrix { kind: Some(RiskKind::Threat), residual: true, ..RiskMatrix::default() };
    let put = |m: &mut RiskMatrix, p: u8, i: u8, n: usize, seed: u128| {
        m.cells[(p - 1) as usize][(i - 1) as usize] = ids(n, seed)
    };
    put(&mut m, 1, 2, 3, 1);
    put(&mut m, 2, 2, 4, 2);
    put(&mut m, 2, 3, 2, 3);
    put(&mut m, 3, 3, 5, 4);
    put(&mut m, 3, 4, 1, 5);
    put(&mut m, 4, 4, 2, 6);
    put(&mut m, 5, 4, 1, 7);
    put(&mut m, 1, 5, 1, 8);
    m.arrows = vec![((4, 4), (2, 3)), ((5, 5), (3, 4)), ((4, 3), (2, 2)), ((4, 3), (2, 2)), ((3, 5), (1, 5))];
    m
}

pub fn risk_matrix_opportunities() -> RiskMatrix {
    let mut m = RiskMatrix { kind: Some(RiskKind::Opportunity), residual: false, ..RiskMatrix::default() };
    m.cells[2][3] = ids(2, 20);
    m.cells[3][1] = ids(1, 21);
    m.cells[0][4] = ids(3, 22);
    m
}

/// A 12-million-yen project over 40 working days, behind schedule and over budget at the status date.
pub fn ev_series() -> EvSeries {
    let days = working_days(d(2026, 10, 19), 40);
    let n = days.len();
    let si = days.iter().position(|x| *x == status()).unwrap();
    let bac = 12_000_000.0;
    // A logistic S-curve for PV.
    let s = |t: f64| 1.0 / (1.0 + (-(t - 0.5) * 9.0).exp());
    let (s0, s1) = (s(0.0), s(1.0));
    let pv: Vec<f64> = (0..n).map(|i| bac * (s(i as f64 / (n - 1) as f64) - s0) / (s1 - s0)).collect();
    let ev: Vec<Option<f64>> = (0..n).map(|i| (i <= si).then(|| pv[i] * 0.88)).collect();
    let ac: Vec<Option<f64>> = (0..n).map(|i| (i <= si).then(|| pv[i] * 1.04)).collect();
    let (pv_s, ev_s, ac_s) = (pv[si], ev[si].unwrap(), ac[si].unwrap());
    let cpi = ev_s / ac_s;
    let eac = bac / cpi;
    let indices = EvIndices {
        bac,
        pv: pv_s,
        ev: ev_s,
        ac: ac_s,
        sv: ev_s - pv_s,
        cv: ev_s - ac_s,
        spi: Some(ev_s / pv_s),
        cpi: Some(cpi),
        eac_typical: Some(eac),
        eac_atypical: ac_s + bac - ev_s,
        etc: eac - ac_s,
        vac: bac - eac,
        tcpi: Some((bac - ev_s) / (bac - ac_s)),
    };
    EvSeries {
        unit: CostUnit::Money("JPY".into()),
        method: EvMethod::PercentComplete,
        days,
        pv,
        ev,
        ac,
        indices,
        status_date: status(),
    }
}

pub fn workload_series(members: usize) -> WorkloadSeries {
    let weeks: Vec<NaiveDate> = (0..10).map(|k| d(2026, 11, 2) + Duration::weeks(k)).collect();
    let names =
        ["佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健太", "伊藤 さくら", "渡辺 翔", "山本 陽子", "中村 大輔"];
    let members = (0..members)
        .map(|m| {
            let capacity: Vec<f64> =
                weeks.iter().map(|w| if *w == d(2026, 11, 23) || *w == d(2026, 11, 2) { 32.0 } else { 40.0 }).collect();
            let planned = (0..weeks.len())
                .map(|k| {
                    let base = 22.0 + 5.0 * ((k + m * 3) % 4) as f64 + 3.0 * wobble(k + m * 11);
                    if m == 1 && (3..6).contains(&k) {
                        base + 18.0
                    } else {
                        base
                    }
                })
                .collect();
            MemberLoad {
                id: Id::from_u128(500 + m as u128),
                name: names[m % names.len()].to_string(),
                capacity,
                planned,
            }
        })
        .collect();
    let unassigned = (0..weeks.len()).map(|k| if k < 6 { 12.0 - k as f64 * 2.0 } else { 0.0 }).collect();
    WorkloadSeries { weeks, members, unassigned }
}

fn row(wbs: &str, title: &str, depth: usize, start: NaiveDate, due: NaiveDate, percent: f64) -> GanttRow {
    GanttRow {
        id: Id::from_u128(wbs.bytes().fold(7u128, |a, b| a * 31 + b as u128)),
        wbs: wbs.into(),
        title: title.into(),
        depth,
        summary: false,
        milestone: false,
        start: Some(start),
        due: Some(due),
        percent,
        critical: false,
        progress_point: None,
        late: false,
        baseline: None,
    }
}

/// A small system-development WBS: two phases with tasks, milestones and dependencies.
pub fn gantt_data() -> GanttData {
    let mut rows = vec![
        row("1", "要件定義", 0, d(2026, 10, 19), d(2026, 11, 6), 100.0),
        row("1.1", "現状業務の調査", 1, d(2026, 10, 19), d(2026, 10, 27), 100.0),
        row("1.2", "要件定義書の作成", 1, d(2026, 10, 28), d(2026, 11, 5), 100.0),
        row("1.3", "要件定義 承認", 1, d(2026, 11, 6), d(2026, 11, 6), 100.0),
        row("2", "設計", 0, d(2026, 11, 9), d(2026, 12, 4), 55.0),
        row("2.1", "基本設計", 1, d(2026, 11, 9), d(2026, 11, 20), 90.0),
        row("2.2", "詳細設計（画面）", 1, d(2026, 11, 24), d(2026, 12, 2), 35.0),
        row("2.3", "詳細設計（バッチ）", 1, d(2026, 11, 24), d(2026, 12, 4), 50.0),
        row("2.4", "設計レビュー", 1, d(2026, 12, 4), d(2026, 12, 4), 0.0),
        row("3", "開発", 0, d(2026, 12, 7), d(2027, 1, 22), 0.0),
        row("3.1", "画面開発", 1, d(2026, 12, 7), d(2027, 1, 8), 0.0),
        row("3.2", "バッチ開発", 1, d(2026, 12, 7), d(2026, 12, 25), 0.0),
        row("3.3", "結合テスト", 1, d(2027, 1, 12), d(2027, 1, 22), 0.0),
        row("4", "リリース", 0, d(2027, 1, 25), d(2027, 1, 25), 0.0),
    ];
    for k in [0, 4, 9] {
        rows[k].summary = true;
    }
    for k in [3, 8, 13] {
        rows[k].milestone = true;
        rows[k].start = rows[k].due;
    }
    for k in [4, 6, 8, 9, 10, 12, 13] {
        rows[k].critical = true;
    }
    rows[6].late = true;
    rows[6].progress_point = Some(d(2026, 11, 24));
    rows[7].progress_point = Some(d(2026, 11, 27));
    rows[4].progress_point = Some(d(2026, 11, 24));
    let links =
        vec![(1, 2), (2, 3), (3, 5), (5, 6), (5, 7), (6, 8), (7, 8), (8, 10), (8, 11), (10, 12), (11, 12), (12, 13)];
    GanttData { rows, links, status_date: status(), range: Some((d(2026, 10, 19), d(2027, 1, 29))), off_days: None }
}

/// `n` generated rows for virtualisation tests.
pub fn big_gantt(n: usize) -> GanttData {
    let mut rows = Vec::with_capacity(n);
    for k in 0..n {
        let start = d(2026, 10, 19) + Duration::days((k % 60) as i64);
        rows.push(row(
            &format!("{}.{}", k / 10 + 1, k % 10 + 1),
            "タスク",
            1,
            start,
            start + Duration::days(4),
            (k % 5) as f64 * 25.0,
        ));
    }
    let links = (1..n).map(|k| (k - 1, k)).collect();
    GanttData { rows, links, status_date: status(), range: Some((d(2026, 10, 19), d(2027, 1, 29))), off_days: None }
}
