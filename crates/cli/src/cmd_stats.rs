//! `mieruka stats`: per project, the figures of the dashboard at a status date — computed with the
//! same core functions the app uses (roll-up progress, earned value, dashboard RAG).

use std::process::ExitCode;

use chrono::NaiveDate;
use mieruka_core::analytics::history::{local_date, state_as_of};
use mieruka_core::analytics::kpi::{dashboard, Dashboard, Rag};
use mieruka_core::analytics::{burndown, evm, CostUnit, EvIndices, EvMethod};
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::{Project, RiskKind, RiskLevel, TaskStatus};
use serde_json::{json, Value};

use crate::util::{self, Result};
use crate::StatsArgs;

/// One project's figures.
pub struct Stats {
    pub label: String,
    pub tasks_total: usize,
    pub tasks_done: usize,
    pub ev: EvIndices,
    pub unit: CostUnit,
    pub board: Dashboard,
    /// Active threats by level: [low, medium, high, critical].
    pub threats: [usize; 4],
    pub opportunities: usize,
}

/// The figures of `live` at the end of `as_of` (the state is rebuilt from the log for a past day).
pub fn compute(live: &Project, as_of: NaiveDate, today: NaiveDate, tz: i32) -> Stats {
    let past;
    let state = if as_of < today {
        past = state_as_of(live, as_of, tz);
        &past
    } else {
        live
    };
    let cal = WorkCalendar::for_project(&state.info);
    let series = burndown::default_range(state, &cal)
        .map(|(from, to)| evm::ev_series(live, &cal, from, to.max(as_of), as_of, EvMethod::PercentComplete, tz));
    let (ev, unit) = series.map(|s| (s.indices, s.unit)).unwrap_or_default();
    let board = dashboard(state, &cal, as_of, &ev);
    let mut threats = [0usize; 4];
    let mut opportunities = 0;
    for r in state.risks.values().filter(|r| r.status.is_active()) {
        if r.kind == RiskKind::Opportunity {
            opportunities += 1;
            continue;
        }
        let k = match r.level() {
            RiskLevel::Low => 0,
            RiskLevel::Medium => 1,
            RiskLevel::High => 2,
            RiskLevel::Critical => 3,
        };
        threats[k] += 1;
    }
    Stats {
        label: live.info.label().to_string(),
        tasks_total: state.tasks.len(),
        tasks_done: state.tasks.values().filter(|t| t.status == TaskStatus::Done).count(),
        ev,
        unit,
        board,
        threats,
        opportunities,
    }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn rag_json(r: Rag) -> Value {
    Value::String(r.as_str().to_string())
}

pub fn to_json(p: &Project, s: &Stats) -> Value {
    let b = &s.board;
    let unit = match &s.unit {
        CostUnit::Hours => "hours".to_string(),
        CostUnit::Money(c) => c.clone(),
    };
    json!({
        "id": p.id.to_string(),
        "code": p.info.code,
        "name": p.info.name,
        "as_of": b.status_date.to_string(),
        "tasks": {
            "total": s.tasks_total,
            "done": s.tasks_done,
            "open_leaves": b.open_tasks,
            "overdue": b.overdue_tasks,
        },
        "progress_percent": round(b.progress, 1),
        "spi": s.ev.spi.map(|x| round(x, 3)),
        "cpi": s.ev.cpi.map(|x| round(x, 3)),
        "earned_value": {
            "unit": unit,
            "bac": round(s.ev.bac, 2),
            "pv": round(s.ev.pv, 2),
            "ev": round(s.ev.ev, 2),
            "ac": round(s.ev.ac, 2),
        },
        "rag": {
            "overall": rag_json(b.overall),
            "schedule": rag_json(b.schedule.rag),
            "cost": rag_json(b.cost.rag),
            "tasks": rag_json(b.tasks.rag),
            "issues": rag_json(b.issues.rag),
            "risks": rag_json(b.risks.rag),
            "milestone": rag_json(b.milestone.rag),
        },
        "open_issues": {
            "total": b.open_issues.iter().sum::<usize>(),
            "low": b.open_issues[0],
            "medium": b.open_issues[1],
            "high": b.open_issues[2],
            "critical": b.open_issues[3],
        },
        "open_risks": {
            "total": s.threats.iter().sum::<usize>(),
            "low": s.threats[0],
            "medium": s.threats[1],
            "high": s.threats[2],
            "critical": s.threats[3],
            "opportunities": s.opportunities,
        },
        "next_milestone": b.next_milestone.as_ref().map(|m| json!({
            "title": m.title,
            "due": m.due.to_string(),
            "forecast": m.forecast.map(|d| d.to_string()),
            "slip_working_days": m.slip,
        })),
    })
}

/// Display width of a string in a terminal (East Asian wide characters take two columns).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = matches!(u,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn index(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{x:.2}"))
}

pub fn table(rows: &[(&Project, Stats)], as_of: NaiveDate) -> String {
    let header = [
        "PROJECT",
        "TASKS DONE/TOTAL",
        "PROGRESS",
        "SPI",
        "CPI",
        "RAG",
        "OPEN ISSUES (C/H/M/L)",
        "OPEN RISKS (C/H/M/L)",
    ];
    let mut lines: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    for (p, s) in rows {
        let b = &s.board;
        let label = if s.label.is_empty() { p.id.to_string() } else { s.label.clone() };
        let label: String =
            if label.chars().count() > 40 { label.chars().take(39).chain(['…']).collect() } else { label };
        let i = b.open_issues;
        let r = s.threats;
        lines.push(vec![
            label,
            format!("{}/{}", s.tasks_done, s.tasks_total),
            format!("{:.1}%", b.progress),
            index(s.ev.spi),
            index(s.ev.cpi),
            b.overall.as_str().to_string(),
            format!("{} ({}/{}/{}/{})", i.iter().sum::<usize>(), i[3], i[2], i[1], i[0]),
            format!("{} ({}/{}/{}/{})", r.iter().sum::<usize>(), r[3], r[2], r[1], r[0]),
        ]);
    }
    let cols = header.len();
    let widths: Vec<usize> = (0..cols).map(|c| lines.iter().map(|l| width(&l[c])).max().unwrap_or(0)).collect();
    let mut out = format!("as of {as_of}\n");
    for l in &lines {
        let cells: Vec<String> =
            l.iter().enumerate().map(|(c, s)| if c + 1 == cols { s.clone() } else { pad(s, widths[c]) }).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

pub fn run(a: StatsArgs) -> Result<ExitCode> {
    let tz = util::parse_tz(&a.tz)?;
    let today = local_date(util::now(), tz);
    let as_of = match &a.as_of {
        Some(s) => util::parse_day(s, "--as-of")?,
        None => today,
    };
    let imported = util::load_mieruka(&a.file)?;
    let rows: Vec<(&Project, Stats)> = imported.projects.iter().map(|p| (p, compute(p, as_of, today, tz))).collect();
    if a.json {
        let v = json!({
            "as_of": as_of.to_string(),
            "projects": rows.iter().map(|(p, s)| to_json(p, s)).collect::<Vec<_>>(),
        });
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        util::write_output(None, s.as_bytes())?;
    } else if rows.is_empty() {
        println!("{}: no projects", a.file.display());
    } else {
        util::write_output(None, table(&rows, as_of).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
