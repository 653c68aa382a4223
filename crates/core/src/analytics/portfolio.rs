//! The portfolio (組織横断): one row per project with its overall RAG and key figures, and the
//! cross-project lists a PMO reads every week — overdue tasks, open high/critical threats, issues
//! due this week, and member workload summed over projects. Typed results only: the UI words them.
//!
//! # Per-project row
//!
//! Every figure is the project's dashboard ([`crate::analytics::kpi::dashboard`]) at the status
//! date, with the earned-value indices computed as the app's dashboard does (percent-complete EV
//! over the project's default range, see [`ev_indices`]). The project is read as it was at the end
//! of the status date (rebuilt from its change log when something happened later).
//!
//! **Overall RAG** = the worst of four colours (unknown ones ignored, unknown when all are):
//! - **schedule** = the worst of the dashboard's SPI, overdue-tasks and next-milestone parts (all
//!   three say whether the plan is kept, so they fold into one schedule colour);
//! - **cost** = the CPI part;
//! - **issues** = the issues part (red: a critical issue open or a high one overdue; amber: a high
//!   one open);
//! - **risks** = the risks part (red: an active critical threat; amber: an active high one).
//!
//! The thresholds are those of `kpi.rs`. Because every dashboard part lands in one of the four,
//! the portfolio's overall colour is always the project dashboard's overall colour.
//!
//! # Cross-project lists
//!
//! - [`overdue_tasks`]: open leaf tasks (not done, not cancelled, no children) due before the
//!   status date; oldest due first.
//! - [`high_risks`]: active threats (open or monitoring) at the high or critical level
//!   (P × I ≥ 10); highest score first.
//! - [`issues_this_week`]: open issues (open or in progress) due in the week Monday..Sunday that
//!   holds the status date, plus every open issue due before the status date (flagged overdue);
//!   earliest due first.
//!
//! # Workload across projects
//!
//! People are matched across projects by their normalized name ([`person_key`]: trimmed, inner
//! whitespace — full-width spaces too — collapsed to one space, case-folded). Per ISO week the
//! person's planned hours are the sum over projects of [`crate::analytics::workload::workload`].
//! Their **capacity** in a week is the **largest** of their entries' capacities that week (each
//! entry's `capacity_hours_per_week` scaled by that project's working days that week): it is one
//! person with one working week, so capacities are not added; the largest entry is taken as their
//! real availability (a smaller one usually means "the part of my time this project gets").
//! A week is over-allocated when planned > capacity (+ 1e-9); [`Allocation::OverAcrossProjects`]
//! marks weeks where no single project's plan exceeds that project's own capacity for the person.

use std::borrow::Cow;
use std::cmp::{Ordering, Reverse};
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::analytics::burndown::default_range;
use crate::analytics::evm::ev_series;
use crate::analytics::history::state_at;
use crate::analytics::kpi::{dashboard, Assessment, NextMilestone, Part, Rag};
use crate::analytics::schedule::{add_days, monday_of};
use crate::analytics::series::{EvIndices, EvMethod};
use crate::analytics::workload::workload;
use crate::calendar::WorkCalendar;
use crate::enums::{Priority, ProjectStatus, RiskKind, RiskLevel, RiskStatus, TaskStatus};
use crate::id::Id;
use crate::model::Project;
use crate::number::Number;
use crate::rollup::{children_index, is_overdue};

/// Tolerance of the workload comparison.
pub const LOAD_TOLERANCE: f64 = 1e-9;

/// One project as of the status date: the live project (its whole log, for earned value), the
/// state at the end of the status date, and its working calendar.
pub struct Snapshot<'a> {
    pub live: &'a Project,
    pub state: Cow<'a, Project>,
    pub calendar: WorkCalendar,
}

impl<'a> Snapshot<'a> {
    /// `p` as of the end of local day `status_date` (`tz_offset_min` east of UTC, Japan +540).
    pub fn new(p: &'a Project, status_date: NaiveDate, tz_offset_min: i32) -> Self {
        let state = state_at(p, status_date, tz_offset_min);
        let calendar = WorkCalendar::for_project(&state.info);
        Snapshot { live: p, state, calendar }
    }

    /// The project's short name: its code, else its name (from the live project).
    pub fn label(&self) -> &str {
        self.live.info.label()
    }
}

/// SPI / CPI of a project as its dashboard computes them: percent-complete earned value over its
/// default range (extended to the status date). Default (no indices) when the project has no dates.
pub fn ev_indices(s: &Snapshot, status_date: NaiveDate, tz_offset_min: i32) -> EvIndices {
    default_range(&s.state, &s.calendar)
        .map(|(from, to)| {
            ev_series(
                s.live,
                &s.calendar,
                from,
                to.max(status_date),
                status_date,
                EvMethod::PercentComplete,
                tz_offset_min,
            )
            .indices
        })
        .unwrap_or_default()
}

/// A portfolio row: who, how it stands and why.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRow {
    pub id: Id,
    pub code: String,
    pub name: String,
    pub manager: String,
    pub status: ProjectStatus,
    pub archived: bool,
    /// The worst of schedule, cost, issues and risks (see the module docs).
    pub overall: Rag,
    /// The worst of the SPI, overdue-tasks and milestone parts.
    pub schedule: Rag,
    pub cost: Rag,
    pub issues: Rag,
    pub risks: Rag,
    /// The dashboard parts that have the overall colour, with their reasons ([`Part::ALL`] order;
    /// empty when the overall is green or unknown).
    pub reasons: Vec<(Part, Assessment)>,
    /// 0–100.
    pub progress: f64,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
    /// Open leaf tasks past due.
    pub overdue_tasks: usize,
    /// Issues open or in progress.
    pub open_issues: usize,
    /// Active threats at the high or critical level.
    pub high_risks: usize,
    pub next_milestone: Option<NextMilestone>,
}

/// The row of one project, given its earned-value indices (pass `EvIndices::default()` when the
/// change log is not available: SPI and CPI are then unknown, as on the dashboard).
pub fn row(s: &Snapshot, status_date: NaiveDate, ev: &EvIndices) -> PortfolioRow {
    let d = dashboard(&s.state, &s.calendar, status_date, ev);
    let schedule = Rag::worst([d.schedule.rag, d.tasks.rag, d.milestone.rag]);
    let overall = Rag::worst([schedule, d.cost.rag, d.issues.rag, d.risks.rag]);
    let reasons = if matches!(overall, Rag::Amber | Rag::Red) {
        Part::ALL.iter().map(|p| (*p, d.part(*p))).filter(|(_, a)| a.rag == overall).collect()
    } else {
        Vec::new()
    };
    let info = &s.live.info;
    PortfolioRow {
        id: s.live.id,
        code: info.code.clone(),
        name: info.name.clone(),
        manager: info.manager.clone(),
        status: info.status,
        archived: info.archived,
        overall,
        schedule,
        cost: d.cost.rag,
        issues: d.issues.rag,
        risks: d.risks.rag,
        reasons,
        progress: d.progress,
        spi: d.spi,
        cpi: d.cpi,
        overdue_tasks: d.overdue_tasks,
        open_issues: d.open_issues.iter().sum(),
        high_risks: s
            .state
            .risks
            .values()
            .filter(|r| r.kind == RiskKind::Threat && r.status.is_active())
            .filter(|r| matches!(r.level(), RiskLevel::High | RiskLevel::Critical))
            .count(),
        next_milestone: d.next_milestone,
    }
}

/// The rows of `projects` at the status date, in code/name order (see [`sort_rows`]).
pub fn portfolio(projects: &[&Project], status_date: NaiveDate, tz_offset_min: i32) -> Vec<PortfolioRow> {
    let mut rows: Vec<PortfolioRow> = projects
        .iter()
        .map(|p| {
            let s = Snapshot::new(p, status_date, tz_offset_min);
            row(&s, status_date, &ev_indices(&s, status_date, tz_offset_min))
        })
        .collect();
    sort_rows(&mut rows, SortKey::Code, false);
    rows
}

// ------------------------------------------------------------------ sorting and filtering

/// The columns the portfolio table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Code,
    Name,
    Manager,
    Status,
    /// The overall colour: ascending is green → amber → red (unknown last).
    Rag,
    Progress,
    Spi,
    Cpi,
    OpenIssues,
    HighRisks,
    /// The next milestone's planned date.
    NextMilestone,
    /// The next milestone's slip (working days).
    Slip,
}

fn text_key(s: &str) -> String {
    person_key(s)
}

fn cmp_f64(a: f64, b: f64) -> Ordering {
    a.total_cmp(&b)
}

/// Sorts by `key` (`desc` reverses). Rows without a value (no SPI, no milestone, unknown RAG)
/// come last in both directions; ties go by code, then name, then id (always ascending).
pub fn sort_rows(rows: &mut [PortfolioRow], key: SortKey, desc: bool) {
    fn value(r: &PortfolioRow, key: SortKey) -> Option<Ordered> {
        Some(match key {
            SortKey::Code => Ordered::Text(text_key(r.info_label())),
            SortKey::Name => Ordered::Text(text_key(&r.name)),
            SortKey::Manager => {
                if r.manager.trim().is_empty() {
                    return None;
                }
                Ordered::Text(text_key(&r.manager))
            }
            SortKey::Status => Ordered::Num(ProjectStatus::ALL.iter().position(|s| *s == r.status).unwrap_or(0) as f64),
            SortKey::Rag => {
                if r.overall == Rag::Unknown {
                    return None;
                }
                Ordered::Num(f64::from(r.overall.severity()))
            }
            SortKey::Progress => Ordered::Num(r.progress),
            SortKey::Spi => Ordered::Num(r.spi?),
            SortKey::Cpi => Ordered::Num(r.cpi?),
            SortKey::OpenIssues => Ordered::Num(r.open_issues as f64),
            SortKey::HighRisks => Ordered::Num(r.high_risks as f64),
            SortKey::NextMilestone => Ordered::Num(r.next_milestone.as_ref()?.due.num_days_from_ce() as f64),
            SortKey::Slip => Ordered::Num(r.next_milestone.as_ref()?.slip as f64),
        })
    }
    rows.sort_by(|a, b| {
        let primary = match (value(a, key), value(b, key)) {
            (Some(x), Some(y)) => {
                let o = x.cmp(&y);
                if desc {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        primary
            .then_with(|| text_key(a.info_label()).cmp(&text_key(b.info_label())))
            .then_with(|| text_key(&a.name).cmp(&text_key(&b.name)))
            .then_with(|| a.id.cmp(&b.id))
    });
}

enum Ordered {
    Text(String),
    Num(f64),
}

impl Ordered {
    fn cmp(&self, other: &Ordered) -> Ordering {
        match (self, other) {
            (Ordered::Text(a), Ordered::Text(b)) => a.cmp(b),
            (Ordered::Num(a), Ordered::Num(b)) => cmp_f64(*a, *b),
            (Ordered::Text(_), Ordered::Num(_)) => Ordering::Less,
            (Ordered::Num(_), Ordered::Text(_)) => Ordering::Greater,
        }
    }
}

impl PortfolioRow {
    /// The code, else the name (as [`crate::model::ProjectInfo::label`]).
    pub fn info_label(&self) -> &str {
        if self.code.is_empty() {
            &self.name
        } else {
            &self.code
        }
    }
}

/// What the table shows. Empty text / `None` = no restriction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RowFilter {
    /// Matched (case-folded, whitespace-collapsed) inside the code, name or manager.
    pub text: String,
    /// Only rows with this overall colour.
    pub rag: Option<Rag>,
    /// Only rows of this manager (compared with [`person_key`]).
    pub manager: Option<String>,
    /// Archived projects are hidden unless this is set.
    pub include_archived: bool,
}

impl RowFilter {
    pub fn matches(&self, r: &PortfolioRow) -> bool {
        if r.archived && !self.include_archived {
            return false;
        }
        if self.rag.is_some_and(|rag| rag != r.overall) {
            return false;
        }
        if let Some(m) = &self.manager {
            if person_key(m) != person_key(&r.manager) {
                return false;
            }
        }
        let needle = person_key(&self.text);
        needle.is_empty() || [&r.code, &r.name, &r.manager].iter().any(|h| person_key(h).contains(&needle))
    }
}

/// The distinct managers of `rows` (as first written), in normalized order; blanks left out.
pub fn managers(rows: &[PortfolioRow]) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for r in rows {
        let key = person_key(&r.manager);
        if !key.is_empty() {
            seen.entry(key).or_insert_with(|| collapse(&r.manager));
        }
    }
    seen.into_values().collect()
}

// ------------------------------------------------------------------ cross-project lists

/// An overdue task and its project.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueTask {
    pub project: Id,
    pub project_label: String,
    pub task: Id,
    pub title: String,
    /// The assignee's name ("" when none).
    pub assignee: String,
    pub due: NaiveDate,
    /// Calendar days between the due date and the status date.
    pub days_late: i64,
    pub percent: f64,
    pub status: TaskStatus,
}

/// Every open leaf task past due at the status date, over all projects: oldest due first, then
/// project label, then title.
pub fn overdue_tasks(snaps: &[Snapshot], status_date: NaiveDate) -> Vec<OverdueTask> {
    let mut out = Vec::new();
    for s in snaps {
        let p = &*s.state;
        let children = children_index(p);
        for (id, t) in &p.tasks {
            let leaf = children.get(&Some(*id)).is_none_or(|c| c.is_empty());
            if !leaf || !is_overdue(t, status_date) {
                continue;
            }
            let Some(due) = t.due else { continue };
            out.push(OverdueTask {
                project: s.live.id,
                project_label: s.label().to_string(),
                task: *id,
                title: t.title.clone(),
                assignee: p.member_name(t.assignee).to_string(),
                due,
                days_late: (status_date - due).num_days(),
                percent: t.effective_percent(),
                status: t.status,
            });
        }
    }
    out.sort_by(|a, b| (a.due, &a.project_label, &a.title, a.task).cmp(&(b.due, &b.project_label, &b.title, b.task)));
    out
}

/// An open high or critical threat and its project.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRisk {
    pub project: Id,
    pub project_label: String,
    pub risk: Id,
    /// The risk's number in its register, when known.
    pub number: Option<Number>,
    pub title: String,
    /// P × I, 1–25.
    pub score: u8,
    pub level: RiskLevel,
    pub status: RiskStatus,
    /// The owner's name ("" when none).
    pub owner: String,
    pub review_date: Option<NaiveDate>,
}

/// Active threats (open or monitoring) at the high or critical level, over all projects: highest
/// score first, then project label, then title.
pub fn high_risks(snaps: &[Snapshot]) -> Vec<PortfolioRisk> {
    let mut out = Vec::new();
    for s in snaps {
        let p = &*s.state;
        let numbers = s.live.risk_numbers();
        for (id, r) in &p.risks {
            if r.kind != RiskKind::Threat
                || !r.status.is_active()
                || !matches!(r.level(), RiskLevel::High | RiskLevel::Critical)
            {
                continue;
            }
            out.push(PortfolioRisk {
                project: s.live.id,
                project_label: s.label().to_string(),
                risk: *id,
                number: numbers.get(id).cloned(),
                title: r.title.clone(),
                score: r.score(),
                level: r.level(),
                status: r.status,
                owner: p.member_name(r.owner).to_string(),
                review_date: r.review_date,
            });
        }
    }
    out.sort_by(|a, b| {
        (Reverse(a.score), &a.project_label, &a.title, a.risk).cmp(&(
            Reverse(b.score),
            &b.project_label,
            &b.title,
            b.risk,
        ))
    });
    out
}

/// An open issue due this week (or overdue) and its project.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekIssue {
    pub project: Id,
    pub project_label: String,
    pub issue: Id,
    pub number: Option<Number>,
    pub title: String,
    pub priority: Priority,
    pub due: NaiveDate,
    /// The owner's name ("" when none).
    pub owner: String,
    /// Due before the status date.
    pub overdue: bool,
}

/// The week Monday..Sunday that holds `d`.
pub fn week_of(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = monday_of(d);
    (monday, add_days(monday, 6))
}

/// Open issues due in the week of the status date, and open issues due before the status date
/// (flagged `overdue`), over all projects: earliest due first, then the higher priority, then
/// project label, then title.
pub fn issues_this_week(snaps: &[Snapshot], status_date: NaiveDate) -> Vec<WeekIssue> {
    let (_, sunday) = week_of(status_date);
    let mut out = Vec::new();
    for s in snaps {
        let p = &*s.state;
        let numbers = s.live.issue_numbers();
        for (id, i) in &p.issues {
            let Some(due) = i.due else { continue };
            if !i.status.is_open() || due > sunday {
                continue;
            }
            let overdue = due < status_date;
            let this_week = due >= week_of(status_date).0;
            if !overdue && !this_week {
                continue;
            }
            out.push(WeekIssue {
                project: s.live.id,
                project_label: s.label().to_string(),
                issue: *id,
                number: numbers.get(id).cloned(),
                title: i.title.clone(),
                priority: i.priority,
                due,
                owner: p.member_name(i.owner).to_string(),
                overdue,
            });
        }
    }
    out.sort_by(|a, b| {
        (a.due, Reverse(a.priority), &a.project_label, &a.title, a.issue).cmp(&(
            b.due,
            Reverse(b.priority),
            &b.project_label,
            &b.title,
            b.issue,
        ))
    });
    out
}

// ------------------------------------------------------------------ workload across projects

/// Trims, collapses inner whitespace (full-width spaces too) to one space: how a name is shown.
fn collapse(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How people are matched across projects: trimmed, inner whitespace collapsed, case-folded.
/// "山田　太郎" (full-width space) and " 山田 太郎 " are the same person; so are "Alice Smith"
/// and "alice  smith".
pub fn person_key(name: &str) -> String {
    collapse(name).to_lowercase()
}

/// How a week of a person stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Allocation {
    /// Planned within capacity.
    Within,
    /// Planned above capacity, and already above in at least one project alone.
    Over,
    /// Planned above capacity only when the projects are added up: every project alone is within
    /// the person's capacity there.
    OverAcrossProjects,
}

impl Allocation {
    pub fn is_over(self) -> bool {
        self != Allocation::Within
    }
}

/// One person's share in one project.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectShare {
    pub project: Id,
    pub project_label: String,
    pub member: Id,
    /// Planned hours per week in this project.
    pub planned: Vec<f64>,
    /// This entry's capacity per week.
    pub capacity: Vec<f64>,
}

/// One person over all their projects.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLoad {
    /// [`person_key`] of the name.
    pub key: String,
    /// The name as first written (projects in label order), whitespace collapsed.
    pub name: String,
    /// Per week: the largest capacity of their entries (see the module docs).
    pub capacity: Vec<f64>,
    /// Per week: planned hours summed over projects.
    pub planned: Vec<f64>,
    pub allocation: Vec<Allocation>,
    /// Per project, in project label order.
    pub projects: Vec<ProjectShare>,
}

impl PersonLoad {
    pub fn over_weeks(&self) -> usize {
        self.allocation.iter().filter(|a| a.is_over()).count()
    }
}

/// Weeks (named by their Monday) × people.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CrossWorkload {
    pub weeks: Vec<NaiveDate>,
    /// In name order (by key).
    pub people: Vec<PersonLoad>,
}

/// Planned hours per person per ISO week of `from..=to`, summed over the projects, against the
/// person's capacity. See the module docs for matching and capacity.
pub fn cross_workload(snaps: &[Snapshot], from: NaiveDate, to: NaiveDate) -> CrossWorkload {
    let mut order: Vec<&Snapshot> = snaps.iter().collect();
    order.sort_by(|a, b| (a.label(), a.live.id).cmp(&(b.label(), b.live.id)));
    let mut weeks = Vec::new();
    let mut people: BTreeMap<String, PersonLoad> = BTreeMap::new();
    for s in order {
        let series = workload(&s.state, &s.calendar, from, to);
        weeks.clone_from(&series.weeks);
        for m in series.members {
            let key = person_key(&m.name);
            if key.is_empty() {
                continue;
            }
            let person = people.entry(key.clone()).or_insert_with(|| PersonLoad {
                key,
                name: collapse(&m.name),
                capacity: Vec::new(),
                planned: Vec::new(),
                allocation: Vec::new(),
                projects: Vec::new(),
            });
            // Several entries of one person in the same project add up as one share.
            match person.projects.iter_mut().find(|sh| sh.project == s.live.id) {
                Some(sh) => {
                    for (a, b) in sh.planned.iter_mut().zip(&m.planned) {
                        *a += b;
                    }
                    for (a, b) in sh.capacity.iter_mut().zip(&m.capacity) {
                        *a = a.max(*b);
                    }
                }
                None => person.projects.push(ProjectShare {
                    project: s.live.id,
                    project_label: s.label().to_string(),
                    member: m.id,
                    planned: m.planned,
                    capacity: m.capacity,
                }),
            }
        }
    }
    let n = weeks.len();
    let mut out: Vec<PersonLoad> = people.into_values().collect();
    for p in &mut out {
        p.planned =
            (0..n).map(|w| p.projects.iter().map(|sh| sh.planned.get(w).copied().unwrap_or(0.0)).sum()).collect();
        p.capacity = (0..n)
            .map(|w| p.projects.iter().map(|sh| sh.capacity.get(w).copied().unwrap_or(0.0)).fold(0.0, f64::max))
            .collect();
        p.allocation = (0..n)
            .map(|w| {
                if p.planned[w] <= p.capacity[w] + LOAD_TOLERANCE {
                    Allocation::Within
                } else if p.projects.iter().any(|sh| {
                    sh.planned.get(w).copied().unwrap_or(0.0)
                        > sh.capacity.get(w).copied().unwrap_or(0.0) + LOAD_TOLERANCE
                }) {
                    Allocation::Over
                } else {
                    Allocation::OverAcrossProjects
                }
            })
            .collect();
    }
    CrossWorkload { weeks, people: out }
}

// ------------------------------------------------------------------ everything at once

/// The whole portfolio page: rows and cross-project views.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Portfolio {
    pub status_date: NaiveDate,
    pub rows: Vec<PortfolioRow>,
    pub overdue_tasks: Vec<OverdueTask>,
    pub high_risks: Vec<PortfolioRisk>,
    /// The week of the status date (Monday, Sunday).
    pub week: (NaiveDate, NaiveDate),
    pub issues_this_week: Vec<WeekIssue>,
    pub workload: CrossWorkload,
}

/// What [`overview`] needs besides the projects.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub status_date: NaiveDate,
    pub tz_offset_min: i32,
    /// How many weeks of workload, from the week of the status date (at least 1).
    pub workload_weeks: usize,
    /// Archived projects take part in the cross-project lists and the workload.
    pub include_archived: bool,
}

/// Rows for every project (archived ones too: the filter hides them) and the cross-project views
/// over the non-archived ones (all of them with `include_archived`). `has_history(id)` says
/// whether a project's whole change log is at hand; without it SPI/CPI are left unknown.
pub fn overview(projects: &[&Project], opts: &Options, has_history: impl Fn(Id) -> bool) -> Portfolio {
    let d = opts.status_date;
    let snaps: Vec<Snapshot> = projects.iter().map(|p| Snapshot::new(p, d, opts.tz_offset_min)).collect();
    let mut rows: Vec<PortfolioRow> = snaps
        .iter()
        .map(|s| {
            let ev = if has_history(s.live.id) { ev_indices(s, d, opts.tz_offset_min) } else { EvIndices::default() };
            row(s, d, &ev)
        })
        .collect();
    sort_rows(&mut rows, SortKey::Code, false);
    let active: Vec<Snapshot> = snaps.into_iter().filter(|s| opts.include_archived || !s.live.info.archived).collect();
    let (monday, _) = week_of(d);
    let last = add_days(monday, 7 * (opts.workload_weeks.max(1) as i64 - 1));
    Portfolio {
        status_date: d,
        rows,
        overdue_tasks: overdue_tasks(&active, d),
        high_risks: high_risks(&active),
        week: week_of(d),
        issues_this_week: issues_this_week(&active, d),
        workload: cross_workload(&active, monday, last),
    }
}
