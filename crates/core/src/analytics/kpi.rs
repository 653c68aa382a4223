//! The project dashboard: progress, earned-value indices, overdue tasks, open issues, top risks
//! and the next milestone, each judged Red / Amber / Green with a machine-readable [`Reason`]
//! (the UI words it), and the overall RAG = the worst of the parts.
//!
//! # Thresholds
//!
//! | part | green | amber | red |
//! |------|-------|-------|-----|
//! | SPI, CPI | ≥ 0.95 (above 1.05 still green, reason ahead / under budget) | 0.90 ≤ x < 0.95 | < 0.90 |
//! | overdue tasks (open leaves past due) | 0 | 1–3, or at most 5 % of the open leaves | more |
//! | open issues | none high or critical | a high one open | a critical one open, or a high one overdue |
//! | active threats (open or monitoring, P × I level) | none high or critical | a high one | a critical one |
//! | next milestone's forecast slip (working days) | ≤ 0 | 1–5 | > 5 |
//!
//! Index edges are compared with a tolerance of 1e-9, so an SPI of exactly 0.95 (or one computed
//! as 0.9499999999) is green and 0.90 is amber.
//!
//! A part is [`Rag::Unknown`] when there is nothing to judge: no SPI/CPI (PV or AC is 0), no leaf
//! task in scope, an empty issue log, an empty risk register, no open milestone. An empty log or
//! register is not taken as good news. The overall RAG ignores unknown parts; it is unknown only
//! when every part is.

use std::cmp::Reverse;

use chrono::NaiveDate;

use crate::analytics::schedule::schedule;
use crate::analytics::series::EvIndices;
use crate::calendar::WorkCalendar;
use crate::enums::{Priority, RiskKind, RiskLevel};
use crate::id::Id;
use crate::model::Project;
use crate::rollup::{children_index, is_overdue, project_progress, wbs_rows};

/// SPI / CPI at or above this are green.
pub const INDEX_GREEN_MIN: f64 = 0.95;
/// SPI / CPI above this are still green, with the reason "ahead of schedule" / "under budget".
pub const INDEX_AHEAD_ABOVE: f64 = 1.05;
/// SPI / CPI at or above this (and below [`INDEX_GREEN_MIN`]) are amber; below, red.
pub const INDEX_AMBER_MIN: f64 = 0.90;
/// Tolerance of the index comparisons (floating-point noise at the edges).
pub const INDEX_TOLERANCE: f64 = 1e-9;
/// Up to this many overdue tasks are amber…
pub const OVERDUE_AMBER_MAX_COUNT: usize = 3;
/// …and so is any number up to this share of the open leaf tasks (5 %).
pub const OVERDUE_AMBER_MAX_SHARE: f64 = 0.05;
/// A next-milestone slip up to this many working days is amber; more is red.
pub const SLIP_AMBER_MAX_DAYS: i64 = 5;
/// How many risks the dashboard lists.
pub const TOP_RISKS: usize = 5;

/// Red / amber / green, or unknown when there is nothing to judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Rag {
    Green,
    Amber,
    Red,
    #[default]
    Unknown,
}

impl Rag {
    /// Red 3, amber 2, green 1, unknown 0.
    pub fn severity(self) -> u8 {
        match self {
            Rag::Unknown => 0,
            Rag::Green => 1,
            Rag::Amber => 2,
            Rag::Red => 3,
        }
    }

    /// The worst of `rags`, unknown ones ignored; unknown when all are (or there are none).
    pub fn worst(rags: impl IntoIterator<Item = Rag>) -> Rag {
        rags.into_iter().max_by_key(|r| r.severity()).unwrap_or(Rag::Unknown)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
            Rag::Unknown => "unknown",
        }
    }
}

/// Why a part has its colour. Counts and days are there for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// Nothing to judge.
    NoData,
    /// Inside the green band; nothing to report.
    OnTrack,
    /// SPI above [`INDEX_AHEAD_ABOVE`] (green).
    AheadOfSchedule,
    /// CPI above [`INDEX_AHEAD_ABOVE`] (green).
    UnderBudget,
    /// SPI below [`INDEX_GREEN_MIN`].
    BehindSchedule,
    /// CPI below [`INDEX_GREEN_MIN`].
    OverBudget,
    /// Open leaf tasks past their due date.
    OverdueTasks { count: usize },
    /// Open critical-priority issues (red).
    CriticalIssuesOpen { count: usize },
    /// Open high-priority issues past their due date (red).
    HighIssuesOverdue { count: usize },
    /// Open high-priority issues (amber).
    HighIssuesOpen { count: usize },
    /// Active threats at the critical level (red).
    CriticalRisks { count: usize },
    /// Active threats at the high level (amber).
    HighRisks { count: usize },
    /// The next milestone is forecast this many working days late.
    MilestoneSlip { days: i64 },
}

/// One part's colour and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Assessment {
    pub rag: Rag,
    pub reason: Reason,
}

impl Default for Assessment {
    fn default() -> Self {
        Assessment::unknown()
    }
}

impl Assessment {
    fn new(rag: Rag, reason: Reason) -> Self {
        Assessment { rag, reason }
    }
    fn unknown() -> Self {
        Assessment::new(Rag::Unknown, Reason::NoData)
    }
}

/// The judged parts of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// SPI
    Schedule,
    /// CPI
    Cost,
    /// Overdue tasks
    Tasks,
    Issues,
    Risks,
    Milestone,
}

impl Part {
    pub const ALL: [Part; 6] = [Part::Schedule, Part::Cost, Part::Tasks, Part::Issues, Part::Risks, Part::Milestone];
}

/// An active threat as the dashboard lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopRisk {
    pub id: Id,
    pub title: String,
    /// P × I, 1–25
    pub score: u8,
    pub level: RiskLevel,
    pub review_date: Option<NaiveDate>,
}

/// The earliest open milestone and where it is heading.
#[derive(Debug, Clone, PartialEq)]
pub struct NextMilestone {
    pub id: Id,
    pub title: String,
    /// Its planned date (due, or start when it has no due).
    pub due: NaiveDate,
    /// The forecast day it is reached (see [`crate::analytics::schedule::Forecast`]).
    pub forecast: Option<NaiveDate>,
    /// Forecast − planned, in working days (positive = late).
    pub slip: i64,
}

/// Everything the project dashboard shows at a status date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dashboard {
    pub status_date: NaiveDate,
    /// 0–100, weighted like [`project_progress`].
    pub progress: f64,
    pub spi: Option<f64>,
    pub schedule: Assessment,
    pub cpi: Option<f64>,
    pub cost: Assessment,
    /// Open leaf tasks past their due date.
    pub overdue_tasks: usize,
    /// Open (not done, not cancelled) leaf tasks.
    pub open_tasks: usize,
    pub tasks: Assessment,
    /// Open issues (open or in progress) by priority: [low, medium, high, critical].
    pub open_issues: [usize; 4],
    pub issues: Assessment,
    /// Active threats (open or monitoring) by score, highest first; ties: the most recent review
    /// first (none last), then title, then id. At most [`TOP_RISKS`].
    pub top_risks: Vec<TopRisk>,
    pub risks: Assessment,
    pub next_milestone: Option<NextMilestone>,
    pub milestone: Assessment,
    /// The worst of the parts (unknown ones ignored).
    pub overall: Rag,
    /// The parts that have the overall colour, in [`Part::ALL`] order (empty when unknown).
    pub overall_parts: Vec<Part>,
}

impl Dashboard {
    pub fn part(&self, part: Part) -> Assessment {
        match part {
            Part::Schedule => self.schedule,
            Part::Cost => self.cost,
            Part::Tasks => self.tasks,
            Part::Issues => self.issues,
            Part::Risks => self.risks,
            Part::Milestone => self.milestone,
        }
    }
}

/// The dashboard of `p` (its state at the status date) with the earned-value indices computed
/// for that date.
pub fn dashboard(p: &Project, cal: &WorkCalendar, status_date: NaiveDate, ev: &EvIndices) -> Dashboard {
    let spi = ev.spi.filter(|x| x.is_finite());
    let cpi = ev.cpi.filter(|x| x.is_finite());
    let (overdue_tasks, open_tasks, tasks) = overdue(p, status_date);
    let (open_issues, issues) = issues(p, status_date);
    let (top_risks, risks) = risks(p);
    let (next_milestone, milestone) = next_milestone(p, cal, status_date);
    let mut d = Dashboard {
        status_date,
        progress: clean(project_progress(p)),
        spi,
        schedule: index_rag(spi, Reason::AheadOfSchedule, Reason::BehindSchedule),
        cpi,
        cost: index_rag(cpi, Reason::UnderBudget, Reason::OverBudget),
        overdue_tasks,
        open_tasks,
        tasks,
        open_issues,
        issues,
        top_risks,
        risks,
        next_milestone,
        milestone,
        ..Dashboard::default()
    };
    d.overall = Rag::worst(Part::ALL.iter().map(|part| d.part(*part).rag));
    if d.overall != Rag::Unknown {
        d.overall_parts = Part::ALL.iter().copied().filter(|part| d.part(*part).rag == d.overall).collect();
    }
    d
}

fn clean(x: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// SPI or CPI against the thresholds.
pub fn index_rag(x: Option<f64>, above: Reason, below: Reason) -> Assessment {
    match x.filter(|x| x.is_finite()) {
        None => Assessment::unknown(),
        Some(x) if x > INDEX_AHEAD_ABOVE + INDEX_TOLERANCE => Assessment::new(Rag::Green, above),
        Some(x) if x >= INDEX_GREEN_MIN - INDEX_TOLERANCE => Assessment::new(Rag::Green, Reason::OnTrack),
        Some(x) if x >= INDEX_AMBER_MIN - INDEX_TOLERANCE => Assessment::new(Rag::Amber, below),
        Some(_) => Assessment::new(Rag::Red, below),
    }
}

/// The overdue-task count against the thresholds, given the open leaf tasks.
pub fn overdue_rag(overdue: usize, open: usize) -> Assessment {
    if overdue == 0 {
        Assessment::new(Rag::Green, Reason::OnTrack)
    } else if overdue <= OVERDUE_AMBER_MAX_COUNT || overdue as f64 <= OVERDUE_AMBER_MAX_SHARE * open as f64 + 1e-9 {
        Assessment::new(Rag::Amber, Reason::OverdueTasks { count: overdue })
    } else {
        Assessment::new(Rag::Red, Reason::OverdueTasks { count: overdue })
    }
}

/// A milestone slip (working days) against the thresholds.
pub fn slip_rag(days: i64) -> Assessment {
    let reason = if days > 0 { Reason::MilestoneSlip { days } } else { Reason::OnTrack };
    let rag = match days {
        i64::MIN..=0 => Rag::Green,
        1..=SLIP_AMBER_MAX_DAYS => Rag::Amber,
        _ => Rag::Red,
    };
    Assessment::new(rag, reason)
}

/// (overdue, open, assessment) over leaf tasks; unknown when no leaf is in scope.
fn overdue(p: &Project, status_date: NaiveDate) -> (usize, usize, Assessment) {
    let children = children_index(p);
    let leaves = p.tasks.iter().filter(|(id, _)| children.get(&Some(**id)).is_none_or(|c| c.is_empty()));
    let (mut in_scope, mut open, mut late) = (0usize, 0usize, 0usize);
    for (_, t) in leaves {
        if t.status == crate::enums::TaskStatus::Cancelled {
            continue;
        }
        in_scope += 1;
        if !t.status.is_closed() {
            open += 1;
            late += usize::from(is_overdue(t, status_date));
        }
    }
    let assessment = if in_scope == 0 { Assessment::unknown() } else { overdue_rag(late, open) };
    (late, open, assessment)
}

fn issues(p: &Project, status_date: NaiveDate) -> ([usize; 4], Assessment) {
    let mut by_priority = [0usize; 4];
    let mut high_overdue = 0usize;
    for i in p.issues.values().filter(|i| i.status.is_open()) {
        let k = match i.priority {
            Priority::Low => 0,
            Priority::Medium => 1,
            Priority::High => 2,
            Priority::Critical => 3,
        };
        by_priority[k] += 1;
        if i.priority == Priority::High && i.due.is_some_and(|d| d < status_date) {
            high_overdue += 1;
        }
    }
    let assessment = if p.issues.is_empty() {
        Assessment::unknown()
    } else if by_priority[3] > 0 {
        Assessment::new(Rag::Red, Reason::CriticalIssuesOpen { count: by_priority[3] })
    } else if high_overdue > 0 {
        Assessment::new(Rag::Red, Reason::HighIssuesOverdue { count: high_overdue })
    } else if by_priority[2] > 0 {
        Assessment::new(Rag::Amber, Reason::HighIssuesOpen { count: by_priority[2] })
    } else {
        Assessment::new(Rag::Green, Reason::OnTrack)
    };
    (by_priority, assessment)
}

fn risks(p: &Project) -> (Vec<TopRisk>, Assessment) {
    let mut active: Vec<(&Id, &crate::model::Risk)> =
        p.risks.iter().filter(|(_, r)| r.kind == RiskKind::Threat && r.status.is_active()).collect();
    let count = |level| active.iter().filter(|(_, r)| r.level() == level).count();
    let (critical, high) = (count(RiskLevel::Critical), count(RiskLevel::High));
    let assessment = if p.risks.is_empty() {
        Assessment::unknown()
    } else if critical > 0 {
        Assessment::new(Rag::Red, Reason::CriticalRisks { count: critical })
    } else if high > 0 {
        Assessment::new(Rag::Amber, Reason::HighRisks { count: high })
    } else {
        Assessment::new(Rag::Green, Reason::OnTrack)
    };
    active.sort_by(|(ia, a), (ib, b)| {
        (Reverse(a.score()), Reverse(a.review_date.is_some()), Reverse(a.review_date), &a.title, ia).cmp(&(
            Reverse(b.score()),
            Reverse(b.review_date.is_some()),
            Reverse(b.review_date),
            &b.title,
            ib,
        ))
    });
    let top = active
        .into_iter()
        .take(TOP_RISKS)
        .map(|(id, r)| TopRisk {
            id: *id,
            title: r.title.clone(),
            score: r.score(),
            level: r.level(),
            review_date: r.review_date,
        })
        .collect();
    (top, assessment)
}

/// The earliest open milestone among the leaf tasks (ties: WBS order).
fn next_milestone(p: &Project, cal: &WorkCalendar, status_date: NaiveDate) -> (Option<NextMilestone>, Assessment) {
    let mut best: Option<(NaiveDate, Id)> = None;
    for row in wbs_rows(p).iter().filter(|r| !r.has_children) {
        let Some(t) = p.tasks.get(&row.id) else { continue };
        if !t.milestone || t.status.is_closed() {
            continue;
        }
        if let Some(due) = t.due.or(t.start) {
            if best.is_none_or(|(d, _)| due < d) {
                best = Some((due, row.id));
            }
        }
    }
    let Some((due, id)) = best else { return (None, Assessment::unknown()) };
    let forecast = schedule(p, cal, status_date).tasks.get(&id).and_then(|s| s.forecast);
    let slip = forecast.map_or(0, |f| f.slip);
    let title = p.tasks.get(&id).map(|t| t.title.clone()).unwrap_or_default();
    (Some(NextMilestone { id, title, due, forecast: forecast.map(|f| f.finish), slip }), slip_rag(slip))
}
