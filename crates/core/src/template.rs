//! Project templates (プロジェクト標準): a WBS skeleton with dates as working-day offsets from the
//! project start, a risk checklist, the meeting cadence, the calendar and cost settings, and the
//! team's roles. Any project can be saved as a template; a template makes a fresh project with
//! its own history. Templates travel as JSON files:
//! `{ "format": "mieruka-template", "schema_version": 1, "template": { … } }`.
//!
//! Task statuses and priorities are closed vocabularies of the model (see `enums`), the same in
//! every project, so a template carries each task's priority but no vocabulary of its own.
//!
//! Offsets: a date `d` is stored as the number of working days from the first working day on or
//! after the project start to `d` (negative before it), so a template started on another day keeps
//! every task on working days, its durations in working days, and skips the new dates' holidays.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::apply::apply;
use crate::calendar::WorkCalendar;
use crate::command::Command;
use crate::enums::{Priority, RiskKind, RiskStrategy, Weekday};
use crate::error::DomainError;
use crate::fields::{entity_fields, Expected};
use crate::format::{fill, located, parse_json, ImportError, Problem};
use crate::id::{Id, Stamp};
use crate::model::{Member, Project, ProjectInfo, Risk, Task, TaskField, Workspace};
use crate::number::by_number;
use crate::validate;

pub const TEMPLATE_FORMAT: &str = "mieruka-template";
pub const TEMPLATE_SCHEMA_VERSION: u32 = 1;
/// Template files larger than this are refused before parsing.
pub const MAX_TEMPLATE_BYTES: usize = 10 * 1024 * 1024;

entity_fields! {
    /// The template's own settings.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct TemplateInfo with TemplateInfoField {
        pub name: String as Name,
        pub description: String as Description,
        pub working_days: Vec<Weekday> as WorkingDays,
        pub japanese_holidays: bool as JapaneseHolidays,
        pub company_holidays: Vec<String> as CompanyHolidays,
        pub default_rate: f64 as DefaultRate,
        pub currency: String as Currency,
        pub meeting_weekday: Option<Weekday> as MeetingWeekday,
        pub meeting_every_weeks: u8 as MeetingEveryWeeks,
    }
}

impl Default for TemplateInfo {
    fn default() -> Self {
        let p = ProjectInfo::default();
        TemplateInfo {
            name: String::new(),
            description: String::new(),
            working_days: p.working_days,
            japanese_holidays: p.japanese_holidays,
            company_holidays: p.company_holidays,
            default_rate: p.default_rate,
            currency: p.currency,
            meeting_weekday: p.meeting_weekday,
            meeting_every_weeks: p.meeting_every_weeks,
        }
    }
}

entity_fields! {
    /// A team role (a member is created for each, named by the role, to be renamed).
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct TemplateMember with TemplateMemberField {
        pub role: String as Role,
        pub capacity_hours_per_week: f64 as CapacityHoursPerWeek,
        pub rate: Option<f64> as Rate,
    }
}

impl Default for TemplateMember {
    fn default() -> Self {
        TemplateMember { role: String::new(), capacity_hours_per_week: 40.0, rate: None }
    }
}

entity_fields! {
    /// A WBS element of the skeleton. `parent`, `depends_on` and `member` are indexes into the
    /// template's lists (a parent and a predecessor come earlier in `tasks`).
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct TemplateTask with TemplateTaskField {
        pub parent: Option<u32> as Parent,
        pub title: String as Title,
        pub description: String as Description,
        /// Working days from the project start to the start date.
        pub start_offset: Option<i32> as StartOffset,
        /// Working days from the project start to the due date.
        pub due_offset: Option<i32> as DueOffset,
        pub estimate_hours: f64 as EstimateHours,
        pub milestone: bool as Milestone,
        pub priority: Priority as Priority,
        pub depends_on: Vec<u32> as DependsOn,
        pub tags: Vec<String> as Tags,
        /// The role (index into `members`) the task is assigned to.
        pub member: Option<u32> as Member,
    }
}

entity_fields! {
    /// An entry of the risk checklist.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct TemplateRisk with TemplateRiskField {
        pub kind: RiskKind as Kind,
        pub title: String as Title,
        pub description: String as Description,
        pub category: String as Category,
        pub cause: String as Cause,
        pub probability: u8 as Probability,
        pub impact: u8 as Impact,
        pub strategy: RiskStrategy as Strategy,
        pub response_plan: String as ResponsePlan,
        pub contingency_plan: String as ContingencyPlan,
    }
}

impl Default for TemplateRisk {
    fn default() -> Self {
        let r = Risk::default();
        TemplateRisk {
            kind: r.kind,
            title: String::new(),
            description: String::new(),
            category: String::new(),
            cause: String::new(),
            probability: r.probability,
            impact: r.impact,
            strategy: r.strategy,
            response_plan: String::new(),
            contingency_plan: String::new(),
        }
    }
}

/// A whole template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Template {
    #[serde(flatten)]
    pub info: TemplateInfo,
    #[serde(default)]
    pub members: Vec<TemplateMember>,
    #[serde(default)]
    pub tasks: Vec<TemplateTask>,
    #[serde(default)]
    pub risks: Vec<TemplateRisk>,
}

// ---------------------------------------------------------------- offsets

/// The first working day on or after `start`: offset 0.
fn base_day(cal: &WorkCalendar, start: NaiveDate) -> NaiveDate {
    cal.next_working_day(start)
}

/// Working days from `base` to `d`: 0 for `base`, negative before it. A day off counts as the
/// next working day.
pub fn offset_of(cal: &WorkCalendar, base: NaiveDate, d: NaiveDate) -> i32 {
    let n = if d >= base {
        d.pred_opt().map_or(0, |p| cal.working_days_between(base, p))
    } else {
        -base.pred_opt().map_or(0, |p| cal.working_days_between(d, p))
    };
    i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX })
}

/// The date `offset` working days from `base`.
pub fn date_at(cal: &WorkCalendar, base: NaiveDate, offset: i32) -> NaiveDate {
    cal.add_working_days(base, i64::from(offset))
}

// ---------------------------------------------------------------- project → template

/// Saves a project as a template: its WBS (dates become offsets from the project start, or from
/// the earliest task date), its risks as a checklist (owners, scores after the response, status
/// and links dropped), its members' roles, the calendar, rates and meeting cadence. Progress,
/// actuals, issues, people's names and the history are not kept.
pub fn template_from_project(p: &Project) -> Template {
    let cal = WorkCalendar::for_project(&p.info);
    let earliest = p.tasks.values().flat_map(|t| [t.start, t.due]).flatten().min();
    let start = p.info.start.or(earliest).unwrap_or_default();
    let base = base_day(&cal, start);

    let mut member_ix: BTreeMap<Id, u32> = BTreeMap::new();
    let mut members = Vec::new();
    // Members in the order they were added (then by id, for entries without history).
    let in_order = |numbers: BTreeMap<Id, usize>, ids: Vec<Id>| {
        let mut v = ids;
        v.sort_by_key(|id| (numbers.get(id).copied().unwrap_or(usize::MAX), *id));
        v
    };
    let member_order = in_order(p.member_numbers(), p.members.keys().copied().collect());
    for (id, m) in member_order.iter().filter_map(|id| p.members.get(id).map(|m| (id, m))) {
        member_ix.insert(*id, members.len() as u32);
        let role = if m.role.trim().is_empty() { m.name.clone() } else { m.role.clone() };
        members.push(TemplateMember { role, capacity_hours_per_week: m.capacity_hours_per_week, rate: m.rate });
    }

    // WBS order: parents before children.
    let order: Vec<Id> = crate::rollup::wbs_rows(p).into_iter().map(|r| r.id).collect();
    let ix: BTreeMap<Id, u32> = order.iter().enumerate().map(|(i, id)| (*id, i as u32)).collect();
    let tasks = order
        .iter()
        .filter_map(|id| p.tasks.get(id))
        .map(|t| TemplateTask {
            parent: t.parent.and_then(|pid| ix.get(&pid).copied()),
            title: t.title.clone(),
            description: t.description.clone(),
            start_offset: t.start.map(|d| offset_of(&cal, base, d)),
            due_offset: t.due.map(|d| offset_of(&cal, base, d)),
            estimate_hours: t.estimate_hours,
            milestone: t.milestone,
            priority: t.priority,
            depends_on: t.depends_on.iter().filter_map(|d| ix.get(d).copied()).collect(),
            tags: t.tags.clone(),
            member: t.assignee.and_then(|a| member_ix.get(&a).copied()),
        })
        .collect();
    // Risks in register order (by number; then by id, for entries without one).
    let risk_numbers = p.risk_numbers();
    let mut risk_order: Vec<Id> = p.risks.keys().copied().collect();
    risk_order.sort_by(|a, b| by_number(&risk_numbers, a, b));
    let risks = risk_order
        .iter()
        .filter_map(|id| p.risks.get(id))
        .map(|r| TemplateRisk {
            kind: r.kind,
            title: r.title.clone(),
            description: r.description.clone(),
            category: r.category.clone(),
            cause: r.cause.clone(),
            probability: r.probability,
            impact: r.impact,
            strategy: r.strategy,
            response_plan: r.response_plan.clone(),
            contingency_plan: r.contingency_plan.clone(),
        })
        .collect();
    let i = &p.info;
    Template {
        info: TemplateInfo {
            name: i.name.clone(),
            description: i.description.clone(),
            working_days: i.working_days.clone(),
            japanese_holidays: i.japanese_holidays,
            company_holidays: i.company_holidays.clone(),
            default_rate: i.default_rate,
            currency: i.currency.clone(),
            meeting_weekday: i.meeting_weekday,
            meeting_every_weeks: i.meeting_every_weeks,
        },
        members,
        tasks,
        risks,
    }
}

// ---------------------------------------------------------------- template → project

/// A fresh project from a template, starting on `start`. `info` gives the name, code, manager
/// and description; the calendar, rates and meeting cadence come from the template. Every id
/// (the entities' and each command's batch) comes from `next_id`, the instant and actor of the
/// recorded history from `at` and `actor`, so the result is a function of its inputs. The
/// project's target end is the latest due date of the skeleton.
pub fn project_from_template(
    t: &Template,
    id: Id,
    mut info: ProjectInfo,
    start: NaiveDate,
    at: DateTime<Utc>,
    actor: &str,
    next_id: &mut dyn FnMut() -> Id,
) -> Result<Project, DomainError> {
    let ti = &t.info;
    info.working_days = ti.working_days.clone();
    info.japanese_holidays = ti.japanese_holidays;
    info.company_holidays = ti.company_holidays.clone();
    info.default_rate = ti.default_rate;
    info.currency = ti.currency.clone();
    info.meeting_weekday = ti.meeting_weekday;
    info.meeting_every_weeks = ti.meeting_every_weeks;
    info.baseline = None;
    info.start = Some(start);
    let cal = WorkCalendar::for_project(&info);
    let base = base_day(&cal, start);
    let dates: Vec<(Option<NaiveDate>, Option<NaiveDate>)> = t
        .tasks
        .iter()
        .map(|x| (x.start_offset.map(|o| date_at(&cal, base, o)), x.due_offset.map(|o| date_at(&cal, base, o))))
        .collect();
    info.target_end = dates.iter().flat_map(|(s, d)| [*s, *d]).flatten().max().or(info.target_end);

    let mut ws = Workspace::default();
    let run = |ws: &mut Workspace, cmd: Command, next_id: &mut dyn FnMut() -> Id| -> Result<(), DomainError> {
        let stamp = Stamp::new(at, actor, next_id());
        apply(ws, cmd, &stamp).map(|_| ())
    };
    run(&mut ws, Command::CreateProject { id, info }, next_id)?;
    let member_ids: Vec<Id> = t.members.iter().map(|_| next_id()).collect();
    for (m, mid) in t.members.iter().zip(&member_ids) {
        let member = Member {
            name: m.role.clone(),
            role: m.role.clone(),
            capacity_hours_per_week: m.capacity_hours_per_week,
            rate: m.rate,
        };
        run(&mut ws, Command::AddMember { project: id, id: *mid, member }, next_id)?;
    }
    let task_ids: Vec<Id> = t.tasks.iter().map(|_| next_id()).collect();
    let at_ix = |v: Option<u32>, ids: &[Id]| v.and_then(|i| ids.get(i as usize).copied());
    for (k, (x, tid)) in t.tasks.iter().zip(&task_ids).enumerate() {
        let parent = at_ix(x.parent, &task_ids).filter(|_| x.parent.is_some_and(|p| (p as usize) < k));
        let (start, due) = dates[k];
        let task = Task {
            title: x.title.clone(),
            description: x.description.clone(),
            start,
            due,
            estimate_hours: x.estimate_hours,
            milestone: x.milestone,
            priority: x.priority,
            tags: x.tags.clone(),
            assignee: at_ix(x.member, &member_ids),
            ..Task::default()
        };
        run(&mut ws, Command::InsertTask { project: id, id: *tid, parent, after: None, task }, next_id)?;
    }
    for (x, tid) in t.tasks.iter().zip(&task_ids) {
        let deps: Vec<Id> = x.depends_on.iter().filter_map(|d| task_ids.get(*d as usize).copied()).collect();
        if !deps.is_empty() {
            let entity = crate::change::EntityRef::task(*tid);
            run(
                &mut ws,
                Command::Set { project: id, entity, field: TaskField::DependsOn.into(), value: json!(deps) },
                next_id,
            )?;
        }
    }
    for r in &t.risks {
        let risk = Risk {
            kind: r.kind,
            title: r.title.clone(),
            description: r.description.clone(),
            category: r.category.clone(),
            cause: r.cause.clone(),
            probability: r.probability,
            impact: r.impact,
            strategy: r.strategy,
            response_plan: r.response_plan.clone(),
            contingency_plan: r.contingency_plan.clone(),
            ..Risk::default()
        };
        let rid = next_id();
        run(&mut ws, Command::AddRisk { project: id, id: rid, risk }, next_id)?;
    }
    ws.projects.remove(&id).ok_or(DomainError::NoProject(id))
}

// ---------------------------------------------------------------- file

/// The template as a JSON file (pretty-printed).
pub fn export_template(t: &Template) -> String {
    let v = json!({ "format": TEMPLATE_FORMAT, "schema_version": TEMPLATE_SCHEMA_VERSION, "template": t });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

fn list<T: crate::fields::Fields>(o: &Map<String, Value>, key: &str, path: &str) -> Result<Vec<T>, ImportError> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let p = format!("{path}.{key}[{i}]");
                let obj =
                    v.as_object().ok_or_else(|| ImportError::new(p.clone(), Problem::Expected(Expected::Object)))?;
                fill::<T>(obj, &p, &[])
            })
            .collect(),
        Some(_) => Err(ImportError::new(format!("{path}.{key}"), Problem::Expected(Expected::List))),
    }
}

/// Reads a template file; every problem is reported with its place (`template.tasks[3].parent`),
/// and the template is checked as a project would be (titles, hours, scales, calendar).
pub fn import_template(text: &str) -> Result<Template, ImportError> {
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(ImportError::new("", Problem::TooLarge { bytes: text.len(), max: MAX_TEMPLATE_BYTES }));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::new("", Problem::Empty));
    }
    let v = parse_json(text)?;
    let obj = v.as_object().ok_or_else(|| ImportError::new("", Problem::NotMieruka))?;
    if obj.get("format").and_then(Value::as_str) != Some(TEMPLATE_FORMAT) {
        return Err(ImportError::new("format", Problem::NotMieruka));
    }
    let version = match obj.get("schema_version") {
        None => return Err(ImportError::new("schema_version", Problem::Missing)),
        Some(v) => {
            v.as_u64().filter(|n| *n >= 1).ok_or_else(|| ImportError::new("schema_version", Problem::BadVersion))?
        }
    };
    if version > u64::from(TEMPLATE_SCHEMA_VERSION) {
        return Err(ImportError::new(
            "schema_version",
            Problem::NewerVersion { found: version, supported: TEMPLATE_SCHEMA_VERSION },
        ));
    }
    let path = "template";
    let o = match obj.get(path) {
        None | Some(Value::Null) => return Err(ImportError::new(path, Problem::Missing)),
        Some(Value::Object(o)) => o,
        Some(_) => return Err(ImportError::new(path, Problem::Expected(Expected::Object))),
    };
    let info: TemplateInfo = fill(o, path, &["members", "tasks", "risks"])?;
    let t = Template {
        info,
        members: list(o, "members", path)?,
        tasks: list(o, "tasks", path)?,
        risks: list(o, "risks", path)?,
    };
    check(&t)?;
    Ok(t)
}

/// The rules a template obeys (what `project_from_template` relies on), with located errors.
pub fn check(t: &Template) -> Result<(), ImportError> {
    let path = "template";
    if t.info.name.trim().is_empty() {
        return Err(ImportError::new(format!("{path}.name"), Problem::Invalid(DomainError::EmptyName)));
    }
    let as_info = ProjectInfo {
        name: t.info.name.clone(),
        working_days: t.info.working_days.clone(),
        company_holidays: t.info.company_holidays.clone(),
        default_rate: t.info.default_rate,
        meeting_every_weeks: t.info.meeting_every_weeks,
        ..ProjectInfo::default()
    };
    validate::project(&as_info).map_err(|e| located(path, e))?;
    for (i, m) in t.members.iter().enumerate() {
        let p = format!("{path}.members[{i}]");
        let member = Member {
            name: m.role.clone(),
            role: m.role.clone(),
            capacity_hours_per_week: m.capacity_hours_per_week,
            rate: m.rate,
        };
        validate::member(&member).map_err(|e| located(&p, e))?;
    }
    let n = t.tasks.len();
    for (i, x) in t.tasks.iter().enumerate() {
        let p = format!("{path}.tasks[{i}]");
        let bad = |field: &str, index: u32| {
            ImportError::new(format!("{p}.{field}"), Problem::BadIndex { index: u64::from(index) })
        };
        if let Some(parent) = x.parent {
            if parent as usize >= i {
                return Err(bad("parent", parent));
            }
        }
        if let Some(d) = x.depends_on.iter().find(|d| **d as usize >= n || **d as usize == i) {
            return Err(bad("depends_on", *d));
        }
        if let Some(m) = x.member.filter(|m| *m as usize >= t.members.len()) {
            return Err(bad("member", m));
        }
        if let (Some(s), Some(d)) = (x.start_offset, x.due_offset) {
            if d < s {
                let day = |o: i32| NaiveDate::default() + chrono::Duration::days(i64::from(o));
                return Err(located(&p, DomainError::DueBeforeStart { start: day(s), due: day(d) }));
            }
        }
        let task = Task {
            title: x.title.clone(),
            description: x.description.clone(),
            estimate_hours: x.estimate_hours,
            tags: x.tags.clone(),
            ..Task::default()
        };
        validate::task(&task).map_err(|e| located(&p, e))?;
    }
    for (i, r) in t.risks.iter().enumerate() {
        let p = format!("{path}.risks[{i}]");
        let risk = Risk {
            kind: r.kind,
            title: r.title.clone(),
            probability: r.probability,
            impact: r.impact,
            strategy: r.strategy,
            ..Risk::default()
        };
        validate::risk(&risk).map_err(|e| located(&p, e))?;
    }
    Ok(())
}
