//! [`content`]: the report's content from the project, its change log and a period (see the
//! module docs of [`super`] for the rules).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use serde_json::Value;

use super::chart_data::{BurndownData, EvData};
use super::content::*;
use crate::analytics::burndown::{burndown, default_range};
use crate::analytics::evm::ev_series;
use crate::analytics::history::{day_end, effect_order, local_date};
use crate::analytics::kpi::{dashboard, Part, Reason};
use crate::analytics::portfolio::Snapshot;
use crate::analytics::schedule::schedule;
use crate::analytics::series::{CostUnit, EvMethod, WorkUnit};
use crate::calendar::WorkCalendar;
use crate::change::{EntityKind, CREATE};
use crate::enums::{Priority, TaskStatus};
use crate::id::Id;
use crate::model::{Issue, Project, Task};
use crate::number::by_number;
use crate::open_actions::open_actions_before;
use crate::rollup::wbs_rows;

/// What a report is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportInput {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// The day the project is read at (usually the period's end, or the issue day).
    pub status_date: NaiveDate,
    /// The baseline milestones compare with; `None` = the project's chosen baseline.
    pub baseline: Option<Id>,
    /// The user's UTC offset in minutes (east positive, Japan +540): local days of the log.
    pub tz_offset_min: i32,
}

/// The report's content for `input` (pure: the same project and input give the same content).
pub fn content(p: &Project, input: &ReportInput) -> ReportContent {
    let (start, end, status, tz) = (input.period_start, input.period_end, input.status_date, input.tz_offset_min);
    let snap = Snapshot::new(p, status, tz);
    let state: &Project = &snap.state;
    let cal = &snap.calendar;

    let range = default_range(state, cal).map(|(from, to)| (from, to.max(status)));
    let ev = range.map(|(from, to)| ev_series(p, cal, from, to, status, EvMethod::PercentComplete, tz));
    let ix = ev.as_ref().map(|s| s.indices.clone()).unwrap_or_default();
    let bd = range.map(|(from, to)| burndown(p, cal, from, to, status, WorkUnit::Hours, None, tz));
    let dash = dashboard(state, cal, status, &ix);

    let rows = wbs_rows(state);
    let wbs: HashMap<Id, (usize, String, bool)> =
        rows.iter().enumerate().map(|(i, r)| (r.id, (i, r.number.clone(), r.has_children))).collect();
    let leaves: Vec<(Id, &Task)> =
        rows.iter().filter(|r| !r.has_children).filter_map(|r| state.tasks.get(&r.id).map(|t| (r.id, t))).collect();
    let until = day_end(status, tz);
    let done_on = last_change_dates(p, EntityKind::Task, until, tz, |v| v == "done");
    let closed_on = last_change_dates(p, EntityKind::Issue, until, tz, |v| v == "resolved" || v == "closed");
    let line = |id: Id, t: &Task| TaskLine {
        wbs: wbs.get(&id).map(|w| w.1.clone()).unwrap_or_default(),
        title: t.title.clone(),
        assignee: state.member_name(t.assignee).to_string(),
        start: t.start,
        due: t.due,
        percent: t.effective_percent(),
        done_on: (t.status == TaskStatus::Done).then(|| done_on.get(&id).copied()).flatten(),
        milestone: t.milestone,
    };
    let in_period = |d: NaiveDate| d >= start && d <= end;

    // Progress.
    let mut completed: Vec<(NaiveDate, usize, TaskLine)> = leaves
        .iter()
        .filter(|(_, t)| t.status == TaskStatus::Done)
        .filter_map(|(id, t)| {
            let d = *done_on.get(id)?;
            in_period(d).then(|| (d, wbs.get(id).map_or(0, |w| w.0), line(*id, t)))
        })
        .collect();
    completed.sort_by_key(|a| (a.0, a.1));
    let in_progress = leaves
        .iter()
        .filter(|(_, t)| !t.status.is_closed() && !t.milestone)
        .filter(|(_, t)| matches!(t.status, TaskStatus::InProgress | TaskStatus::Blocked) || t.percent > 0.0)
        .map(|(id, t)| line(*id, t))
        .collect();

    // Milestones.
    let baseline_id = input.baseline.or(p.info.baseline);
    let baseline = baseline_id.and_then(|b| p.baselines.get(&b));
    let sched = schedule(state, cal, status);
    let milestones = leaves
        .iter()
        .filter(|(_, t)| t.milestone && t.status != TaskStatus::Cancelled)
        .map(|(id, t)| {
            let planned = t.due.or(t.start);
            let base = baseline.and_then(|b| b.tasks.get(id)).and_then(|bt| bt.due.or(bt.start));
            let done = t.status == TaskStatus::Done;
            let forecast = if done {
                done_on.get(id).copied()
            } else {
                sched.tasks.get(id).and_then(|s| s.forecast).map(|f| f.finish)
            };
            let reference = base.or(planned);
            let slip = match (reference, forecast.or(planned)) {
                (Some(r), Some(f)) => Some(working_day_diff(cal, r, f)),
                _ => None,
            };
            MilestoneLine {
                wbs: wbs.get(id).map(|w| w.1.clone()).unwrap_or_default(),
                title: t.title.clone(),
                baseline: base,
                planned,
                forecast,
                done,
                slip,
            }
        })
        .collect();

    // Budget.
    let currency = match ev.as_ref().map(|s| &s.unit) {
        Some(CostUnit::Money(c)) => c.clone(),
        _ => String::new(),
    };
    let budget = Budget {
        currency,
        bac: ix.bac,
        ac: ix.ac,
        percent_used: (ix.bac > 0.0).then(|| ix.ac / ix.bac * 100.0).filter(|x| x.is_finite()),
        eac: ix.eac_typical.unwrap_or(ix.eac_atypical),
        cpi: ix.cpi,
        spi: ix.spi,
    };

    // Issues.
    let numbers = p.issue_numbers();
    let created_on = creation_dates(p, EntityKind::Issue, tz);
    let issue_line = |id: &Id, i: &Issue| IssueLine {
        no: numbers.get(id).cloned().unwrap_or_default(),
        title: i.title.clone(),
        priority: i.priority.as_str().to_string(),
        status: i.status.as_str().to_string(),
        owner: state.member_name(i.owner).to_string(),
        due: i.due,
        raised_on: i.raised_on,
        resolution: i.resolution.clone(),
        overdue: i.status.is_open() && i.due.is_some_and(|d| d < status),
    };
    let mut issue_list: Vec<(&Id, &Issue)> = state.issues.iter().collect();
    issue_list.sort_by(|(a, _), (b, _)| by_number(&numbers, a, b));
    let issues = IssueSummary {
        new: issue_list
            .iter()
            .filter(|(id, i)| i.raised_on.or_else(|| created_on.get(*id).copied()).is_some_and(in_period))
            .map(|(id, i)| issue_line(id, i))
            .collect(),
        resolved: issue_list
            .iter()
            .filter(|(id, i)| !i.status.is_open() && closed_on.get(*id).is_some_and(|d| in_period(*d)))
            .map(|(id, i)| issue_line(id, i))
            .collect(),
        needing_action: issue_list
            .iter()
            .filter(|(_, i)| i.status.is_open())
            .filter(|(_, i)| {
                matches!(i.priority, Priority::High | Priority::Critical) || i.due.is_some_and(|d| d < status)
            })
            .map(|(id, i)| issue_line(id, i))
            .collect(),
        open_count: state.issues.values().filter(|i| i.status.is_open()).count(),
    };

    // Risks.
    let risk_numbers = p.risk_numbers();
    let risks = dash
        .top_risks
        .iter()
        .filter_map(|tr| {
            let r = state.risks.get(&tr.id)?;
            Some(RiskLine {
                no: risk_numbers.get(&tr.id).cloned().unwrap_or_default(),
                title: r.title.clone(),
                score: r.score(),
                level: r.level().as_str().to_string(),
                strategy: r.strategy.as_str().to_string(),
                response_plan: r.response_plan.clone(),
                owner: state.member_name(r.owner).to_string(),
            })
        })
        .collect();

    // Next period.
    let len = (end - start).num_days().max(0) + 1;
    let next_start = end + Duration::days(1);
    let next_end = end + Duration::days(len);
    let in_next = |d: Option<NaiveDate>| d.is_some_and(|d| d >= next_start && d <= next_end);
    let mut next: Vec<(NaiveDate, usize, TaskLine)> = leaves
        .iter()
        .filter(|(_, t)| !t.status.is_closed() && (in_next(t.start) || in_next(t.due)))
        .map(|(id, t)| {
            let key = t.start.filter(|d| *d >= next_start).or(t.due).unwrap_or(next_start);
            (key, wbs.get(id).map_or(0, |w| w.0), line(*id, t))
        })
        .collect();
    next.sort_by_key(|a| (a.0, a.1));

    // Open action items.
    let actions = open_actions_before(state, status + Duration::days(1))
        .into_iter()
        .map(|o| ActionLine {
            title: o.item.title.clone(),
            owner: state.person_name(o.item.owner).to_string(),
            due: o.item.due,
            meeting: o.meeting.title.clone(),
            meeting_date: Some(o.meeting.date),
            overdue: o.item.due.is_some_and(|d| d < status),
        })
        .collect();

    ReportContent {
        version: CONTENT_VERSION,
        header: Header {
            code: p.info.code.clone(),
            name: p.info.name.clone(),
            manager: p.info.manager.clone(),
            period_start: start,
            period_end: end,
            status_date: status,
            baseline: baseline.map(|b| b.name.clone()).unwrap_or_default(),
        },
        suggested: suggested(&dash),
        progress: Progress {
            overall_percent: dash.progress,
            completed: completed.into_iter().map(|c| c.2).collect(),
            in_progress,
        },
        milestones,
        budget,
        issues,
        risks,
        next_period: NextPeriod { start: next_start, end: next_end, tasks: next.into_iter().map(|n| n.2).collect() },
        actions,
        charts: Charts {
            burndown: bd.as_ref().filter(|s| !s.days.is_empty()).map(BurndownData::of),
            ev: ev.as_ref().filter(|s| !s.days.is_empty()).map(EvData::of),
        },
    }
}

/// `to − from` in working days: positive when `to` is later.
pub(crate) fn working_day_diff(cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> i64 {
    if to > from {
        cal.working_days_between(from + Duration::days(1), to)
    } else if to < from {
        -cal.working_days_between(to + Duration::days(1), from)
    } else {
        0
    }
}

/// Per entity of `kind`, the local day of its last change (before `until`) that set `status` to a
/// value `pred` accepts (a creation with such a status counts too).
fn last_change_dates(
    p: &Project,
    kind: EntityKind,
    until: chrono::DateTime<chrono::Utc>,
    tz: i32,
    pred: impl Fn(&str) -> bool,
) -> HashMap<Id, NaiveDate> {
    let mut out = HashMap::new();
    for c in effect_order(&p.changes) {
        if c.at >= until || c.entity.kind != kind {
            continue;
        }
        let status = match c.field.as_str() {
            "status" => c.to.as_str(),
            CREATE => c.to.get("status").and_then(Value::as_str),
            _ => continue,
        };
        if status.is_some_and(&pred) {
            out.insert(c.entity.id, local_date(c.at, tz));
        }
    }
    out
}

/// Per entity of `kind`, the local day it was created.
fn creation_dates(p: &Project, kind: EntityKind, tz: i32) -> HashMap<Id, NaiveDate> {
    let mut out = HashMap::new();
    for c in effect_order(&p.changes) {
        if c.entity.kind == kind && c.field == CREATE {
            out.entry(c.entity.id).or_insert_with(|| local_date(c.at, tz));
        }
    }
    out
}

fn suggested(d: &crate::analytics::kpi::Dashboard) -> Suggested {
    let reasons = d
        .overall_parts
        .iter()
        .map(|part| (part, d.part(*part).reason))
        .filter(|(_, r)| !matches!(r, Reason::OnTrack | Reason::NoData))
        .map(|(part, r)| {
            let (reason, n) = reason_word(r);
            ReasonLine { part: part_word(*part).to_string(), reason: reason.to_string(), n }
        })
        .collect();
    Suggested { rag: d.overall.as_str().to_string(), reasons }
}

/// The stored word of a dashboard part.
pub fn part_word(p: Part) -> &'static str {
    match p {
        Part::Schedule => "schedule",
        Part::Cost => "cost",
        Part::Tasks => "tasks",
        Part::Issues => "issues",
        Part::Risks => "risks",
        Part::Milestone => "milestone",
    }
}

/// The stored word of a reason and its count or days.
pub fn reason_word(r: Reason) -> (&'static str, i64) {
    let n = |c: usize| i64::try_from(c).unwrap_or(i64::MAX);
    match r {
        Reason::NoData => ("no_data", 0),
        Reason::OnTrack => ("on_track", 0),
        Reason::AheadOfSchedule => ("ahead_of_schedule", 0),
        Reason::UnderBudget => ("under_budget", 0),
        Reason::BehindSchedule => ("behind_schedule", 0),
        Reason::OverBudget => ("over_budget", 0),
        Reason::OverdueTasks { count } => ("overdue_tasks", n(count)),
        Reason::CriticalIssuesOpen { count } => ("critical_issues_open", n(count)),
        Reason::HighIssuesOverdue { count } => ("high_issues_overdue", n(count)),
        Reason::HighIssuesOpen { count } => ("high_issues_open", n(count)),
        Reason::CriticalRisks { count } => ("critical_risks", n(count)),
        Reason::HighRisks { count } => ("high_risks", n(count)),
        Reason::MilestoneSlip { days } => ("milestone_slip", days),
    }
}

/// The author's signal the suggestion maps to (unknown: green).
pub fn suggested_status(rag: &str) -> crate::enums::ReportStatus {
    match rag {
        "red" => crate::enums::ReportStatus::Red,
        "amber" => crate::enums::ReportStatus::Amber,
        _ => crate::enums::ReportStatus::Green,
    }
}
