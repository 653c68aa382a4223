//! Shared helpers of the core's integration tests: a deterministic test environment (clock, ids,
//! actor), small builders, and a generator of random command sequences for the property tests.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use mieruka_core::id::SeqIds;
use mieruka_core::model::{
    ActionItem, Baseline, Issue, Meeting, Member, Project, ProjectInfo, Report, Risk, Stakeholder, Task, Workspace,
};
use mieruka_core::rollup::wbs_rows;
use mieruka_core::{
    apply, ActionItemField, Change, Command, DomainError, EntityRef, Field, Id, IssueField, MeetingField, ProjectField,
    RiskField, RiskKind, RiskStrategy, StakeholderField, Stamp, TaskField,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("valid RFC 3339").with_timezone(&Utc)
}

/// The start of every test clock.
pub fn t0() -> DateTime<Utc> {
    instant("2025-04-01T09:00:00Z")
}

pub fn task(title: &str) -> Task {
    Task { title: title.to_string(), ..Task::default() }
}

pub fn issue(title: &str) -> Issue {
    Issue { title: title.to_string(), ..Issue::default() }
}

pub fn risk(title: &str) -> Risk {
    Risk { title: title.to_string(), ..Risk::default() }
}

pub fn member(name: &str) -> Member {
    Member { name: name.to_string(), role: "開発".to_string(), ..Member::default() }
}

/// A workspace with one project, a clock that advances one second per command, an actor and a
/// deterministic id source.
pub struct Env {
    pub ws: Workspace,
    pub ids: SeqIds,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub pid: Id,
}

impl Env {
    pub fn new(seed: u64) -> Env {
        Env::with_actor(seed, "yamada")
    }

    pub fn with_actor(seed: u64, actor: &str) -> Env {
        let mut ids = SeqIds::new(seed);
        let pid = ids.next_id();
        let mut env = Env { ws: Workspace::default(), ids, at: t0(), actor: actor.to_string(), pid };
        let info =
            ProjectInfo { code: "PRJ-1".into(), name: "基幹システム刷新".into(), ..ProjectInfo::default() };
        env.ok(Command::CreateProject { id: pid, info });
        env
    }

    pub fn id(&mut self) -> Id {
        self.ids.next_id()
    }

    /// A fresh stamp one second after the previous one.
    pub fn stamp(&mut self) -> Stamp {
        self.at += Duration::seconds(1);
        let batch = self.ids.next_id();
        Stamp::new(self.at, self.actor.clone(), batch)
    }

    pub fn run_with(&mut self, cmd: Command, stamp: &Stamp) -> Result<Vec<Change>, DomainError> {
        apply(&mut self.ws, cmd, stamp)
    }

    pub fn run(&mut self, cmd: Command) -> Result<Vec<Change>, DomainError> {
        let s = self.stamp();
        apply(&mut self.ws, cmd, &s)
    }

    /// Runs a command that must succeed.
    #[track_caller]
    pub fn ok(&mut self, cmd: Command) -> Vec<Change> {
        let shown = format!("{cmd:?}");
        match self.run(cmd) {
            Ok(c) => c,
            Err(e) => panic!("command refused: {e:?}\n{shown}"),
        }
    }

    /// Runs a command that must be refused; checks that nothing changed and returns the error.
    #[track_caller]
    pub fn refused(&mut self, cmd: Command) -> DomainError {
        let before = self.ws.clone();
        let shown = format!("{cmd:?}");
        match self.run(cmd) {
            Ok(c) => panic!("command accepted ({} changes): {shown}", c.len()),
            Err(e) => {
                assert_eq!(self.ws, before, "a refused command changed the workspace: {shown}");
                e
            }
        }
    }

    pub fn p(&self) -> &Project {
        &self.ws.projects[&self.pid]
    }

    pub fn task(&self, id: Id) -> &Task {
        &self.p().tasks[&id]
    }

    /// Adds a task at the end of `parent`'s children.
    #[track_caller]
    pub fn add(&mut self, parent: Option<Id>, title: &str) -> Id {
        self.add_task(parent, task(title))
    }

    #[track_caller]
    pub fn add_task(&mut self, parent: Option<Id>, t: Task) -> Id {
        let id = self.id();
        self.ok(Command::InsertTask { project: self.pid, id, parent, after: None, task: t });
        id
    }

    #[track_caller]
    pub fn insert_after(&mut self, parent: Option<Id>, after: Id, title: &str) -> Id {
        let id = self.id();
        self.ok(Command::InsertTask { project: self.pid, id, parent, after: Some(after), task: task(title) });
        id
    }

    #[track_caller]
    pub fn add_member(&mut self, name: &str) -> Id {
        let id = self.id();
        self.ok(Command::AddMember { project: self.pid, id, member: member(name) });
        id
    }

    #[track_caller]
    pub fn add_issue(&mut self, i: Issue) -> Id {
        let id = self.id();
        self.ok(Command::AddIssue { project: self.pid, id, issue: i });
        id
    }

    #[track_caller]
    pub fn add_risk(&mut self, r: Risk) -> Id {
        let id = self.id();
        self.ok(Command::AddRisk { project: self.pid, id, risk: r });
        id
    }

    pub fn set_cmd(&self, entity: EntityRef, field: impl Into<Field>, value: Value) -> Command {
        Command::Set { project: self.pid, entity, field: field.into(), value }
    }

    pub fn set(
        &mut self,
        entity: EntityRef,
        field: impl Into<Field>,
        value: Value,
    ) -> Result<Vec<Change>, DomainError> {
        let cmd = self.set_cmd(entity, field, value);
        self.run(cmd)
    }

    #[track_caller]
    pub fn set_ok(&mut self, entity: EntityRef, field: impl Into<Field>, value: Value) -> Vec<Change> {
        let cmd = self.set_cmd(entity, field, value);
        self.ok(cmd)
    }

    /// The WBS as (number, title) rows in display order.
    pub fn wbs(&self) -> Vec<(String, String)> {
        wbs(self.p())
    }
}

/// The project as a version before stored numbers made it: no number on its issues and risks, nor
/// in the changes that created or deleted them.
pub fn legacy(mut p: Project) -> Project {
    p.issues.values_mut().for_each(|i| i.no = 0);
    p.risks.values_mut().for_each(|r| r.no = 0);
    for c in p.changes.iter_mut() {
        for v in [&mut c.from, &mut c.to] {
            if let Some(o) = v.as_object_mut() {
                o.remove("no");
            }
        }
    }
    p
}

/// A teammate's copy of `env`'s workspace: same state and clock, another actor and id source.
pub fn fork(env: &Env, actor: &str, seed: u64) -> Env {
    Env { ws: env.ws.clone(), ids: SeqIds::new(seed), at: env.at, actor: actor.to_string(), pid: env.pid }
}

pub fn wbs(p: &Project) -> Vec<(String, String)> {
    wbs_rows(p).into_iter().map(|r| (r.number, p.tasks[&r.id].title.clone())).collect()
}

/// Owned (number, title) pairs from literals, for comparing with [`wbs`].
pub fn rows(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// Everything of a project but its change log.
#[derive(Debug, Clone, PartialEq)]
pub struct Entities {
    pub info: ProjectInfo,
    pub members: BTreeMap<Id, Member>,
    pub tasks: BTreeMap<Id, Task>,
    pub issues: BTreeMap<Id, Issue>,
    pub risks: BTreeMap<Id, Risk>,
    pub stakeholders: BTreeMap<Id, Stakeholder>,
    pub meetings: BTreeMap<Id, Meeting>,
    pub action_items: BTreeMap<Id, ActionItem>,
    pub baselines: BTreeMap<Id, Baseline>,
    pub reports: BTreeMap<Id, Report>,
}

pub fn entities(p: &Project) -> Entities {
    Entities {
        info: p.info.clone(),
        members: p.members.clone(),
        tasks: p.tasks.clone(),
        issues: p.issues.clone(),
        risks: p.risks.clone(),
        stakeholders: p.stakeholders.clone(),
        meetings: p.meetings.clone(),
        action_items: p.action_items.clone(),
        baselines: p.baselines.clone(),
        reports: p.reports.clone(),
    }
}

// ------------------------------------------------------------------ random command sequences

pub const TASKS: usize = 10;
pub const ISSUES: usize = 5;
pub const RISKS: usize = 4;
pub const MEMBERS: usize = 2;
pub const STAKEHOLDERS: usize = 2;
pub const MEETINGS: usize = 3;
pub const ACTIONS: usize = 4;
pub const BASELINES: usize = 2;
pub const REPORTS: usize = 2;

/// Titles, some of them refused (empty or blank) and some with characters that need escaping.
pub const TITLES: &[&str] = &[
    "要件定義",
    "基本設計（画面）",
    "Test & QA",
    "Deploy 🚀 本番",
    "quote \" backslash \\ tab\t",
    "ﾃｽﾄ 半角カナ",
    // refused
    "",
    "   ",
];
const VALID_TITLES: usize = 6;

/// The fixed ids the random commands pick from, so that they hit each other often.
#[derive(Debug, Clone)]
pub struct Pools {
    pub project: Id,
    pub tasks: Vec<Id>,
    pub issues: Vec<Id>,
    pub risks: Vec<Id>,
    pub members: Vec<Id>,
    pub stakeholders: Vec<Id>,
    pub meetings: Vec<Id>,
    pub actions: Vec<Id>,
    pub baselines: Vec<Id>,
    pub reports: Vec<Id>,
}

impl Pools {
    pub fn new(project: Id, seed: u64) -> Pools {
        let mut ids = SeqIds::new(seed.wrapping_add(1_000_003));
        let mut take = |n: usize| (0..n).map(|_| ids.next_id()).collect::<Vec<_>>();
        Pools {
            project,
            tasks: take(TASKS),
            issues: take(ISSUES),
            risks: take(RISKS),
            members: take(MEMBERS),
            stakeholders: take(STAKEHOLDERS),
            meetings: take(MEETINGS),
            actions: take(ACTIONS),
            baselines: take(BASELINES),
            reports: take(REPORTS),
        }
    }
}

/// One edit of one task field.
#[derive(Debug, Clone)]
pub enum TaskSet {
    Title(usize),
    Description(usize),
    Percent(f64),
    Estimate(f64),
    Actual(f64),
    Remaining(Option<f64>),
    StoryPoints(Option<f64>),
    Status(usize),
    Priority(usize),
    Start(Option<i64>),
    Due(Option<i64>),
    DependsOn(Vec<usize>),
    Parent(Option<usize>),
    Assignee(Option<usize>),
    Milestone(bool),
    Tags(Vec<usize>),
}

#[derive(Debug, Clone)]
pub enum Op {
    AddTask {
        slot: usize,
        parent: Option<usize>,
        title: usize,
        estimate: f64,
        percent: f64,
    },
    InsertTask {
        slot: usize,
        parent: Option<usize>,
        after: Option<usize>,
        title: usize,
    },
    SetTask {
        slot: usize,
        set: TaskSet,
    },
    SetManyTask {
        slot: usize,
        a: TaskSet,
        b: TaskSet,
    },
    DeleteTask(usize),
    Move {
        slot: usize,
        parent: Option<usize>,
        index: usize,
    },
    Indent(usize),
    Outdent(usize),
    MoveUp(usize),
    MoveDown(usize),
    AddMember {
        slot: usize,
        name: usize,
        capacity: f64,
    },
    DeleteMember(usize),
    AddIssue {
        slot: usize,
        title: usize,
        link: Option<usize>,
        owner: Option<usize>,
    },
    SetIssue {
        slot: usize,
        status: usize,
        links: Vec<usize>,
    },
    DeleteIssue(usize),
    AddRisk {
        slot: usize,
        title: usize,
        p: u8,
        i: u8,
        opportunity: bool,
        strategy: usize,
    },
    SetRisk {
        slot: usize,
        p: u8,
        i: u8,
    },
    DeleteRisk(usize),
    RiskToIssue {
        risk: usize,
        issue: usize,
        day: i64,
    },
    AddStakeholder {
        slot: usize,
        name: usize,
        influence: u8,
        member: Option<usize>,
    },
    SetStakeholder {
        slot: usize,
        engagement: usize,
        interest: u8,
    },
    DeleteStakeholder(usize),
    AddMeeting {
        slot: usize,
        title: usize,
        day: i64,
        attendees: Vec<usize>,
    },
    SetMeeting {
        slot: usize,
        minutes: usize,
        attendees: Vec<usize>,
    },
    DeleteMeeting(usize),
    AddAction {
        slot: usize,
        meeting: usize,
        title: usize,
        owner: Option<usize>,
        due: Option<i64>,
    },
    SetAction {
        slot: usize,
        done: bool,
        owner: Option<usize>,
    },
    DeleteAction(usize),
    ActionToTask {
        action: usize,
        task: usize,
        parent: Option<usize>,
    },
    ActionToIssue {
        action: usize,
        issue: usize,
        day: i64,
    },
    /// Sets the RACI row of a task: (person, role) pairs.
    SetRaci {
        slot: usize,
        roles: Vec<(usize, usize)>,
    },
    TakeBaseline {
        slot: usize,
        day: i64,
    },
    ChooseBaseline(Option<usize>),
    DeleteBaseline(usize),
    AddReport {
        slot: usize,
        start: i64,
        days: i64,
        status: usize,
    },
    SetProject {
        name: usize,
        start: Option<i64>,
        end: Option<i64>,
    },
    /// Undo / redo of the batch of the `n`-th change in the log (counted from the end).
    Revert(usize),
    Reapply(usize),
}

const TASK_STATUS: &[&str] = &["not_started", "in_progress", "blocked", "done", "cancelled"];
const PRIORITY: &[&str] = &["low", "medium", "high", "critical"];
const ISSUE_STATUS: &[&str] = &["open", "in_progress", "resolved", "closed"];
const TAGS: &[&str] = &["要件", "UI", "バッチ", "infra"];

fn day(offset: i64) -> NaiveDate {
    date(2025, 4, 1) + Duration::days(offset)
}

fn opt_day(o: Option<i64>) -> Value {
    o.map(|d| json!(day(d))).unwrap_or(Value::Null)
}

/// Picks ids for references: mostly an entity that exists now, sometimes one from the pool that
/// may not exist (so that refusals are exercised too).
pub struct Picker<'a> {
    pools: &'a Pools,
    tasks: Vec<Id>,
    issues: Vec<Id>,
    risks: Vec<Id>,
    members: Vec<Id>,
    stakeholders: Vec<Id>,
    meetings: Vec<Id>,
    actions: Vec<Id>,
    baselines: Vec<Id>,
}

impl<'a> Picker<'a> {
    pub fn new(pools: &'a Pools, p: &Project) -> Self {
        Picker {
            pools,
            tasks: p.tasks.keys().copied().collect(),
            issues: p.issues.keys().copied().collect(),
            risks: p.risks.keys().copied().collect(),
            members: p.members.keys().copied().collect(),
            stakeholders: p.stakeholders.keys().copied().collect(),
            meetings: p.meetings.keys().copied().collect(),
            actions: p.action_items.keys().copied().collect(),
            baselines: p.baselines.keys().copied().collect(),
        }
    }

    fn pick(existing: &[Id], pool: &[Id], i: usize) -> Id {
        if i % 8 == 7 || existing.is_empty() {
            pool[i % pool.len()]
        } else {
            existing[i % existing.len()]
        }
    }
    pub fn task(&self, i: usize) -> Id {
        Self::pick(&self.tasks, &self.pools.tasks, i)
    }
    pub fn issue(&self, i: usize) -> Id {
        Self::pick(&self.issues, &self.pools.issues, i)
    }
    pub fn risk(&self, i: usize) -> Id {
        Self::pick(&self.risks, &self.pools.risks, i)
    }
    pub fn member(&self, i: usize) -> Id {
        Self::pick(&self.members, &self.pools.members, i)
    }
    pub fn stakeholder(&self, i: usize) -> Id {
        Self::pick(&self.stakeholders, &self.pools.stakeholders, i)
    }
    /// A member (even `i`) or a stakeholder (odd `i`).
    pub fn person(&self, i: usize) -> Id {
        if i.is_multiple_of(2) {
            self.member(i / 2)
        } else {
            self.stakeholder(i / 2)
        }
    }
    pub fn meeting(&self, i: usize) -> Id {
        Self::pick(&self.meetings, &self.pools.meetings, i)
    }
    pub fn action(&self, i: usize) -> Id {
        Self::pick(&self.actions, &self.pools.actions, i)
    }
    pub fn baseline(&self, i: usize) -> Id {
        Self::pick(&self.baselines, &self.pools.baselines, i)
    }
}

fn task_field(set: &TaskSet, k: &Picker) -> (Field, Value) {
    let (f, v) = match set {
        TaskSet::Title(i) => (TaskField::Title, json!(TITLES[*i % TITLES.len()])),
        TaskSet::Description(i) => (TaskField::Description, json!(format!("説明 {i}\n二行目"))),
        TaskSet::Percent(x) => (TaskField::Percent, json!(x)),
        TaskSet::Estimate(x) => (TaskField::EstimateHours, json!(x)),
        TaskSet::Actual(x) => (TaskField::ActualHours, json!(x)),
        TaskSet::Remaining(x) => (TaskField::RemainingHours, json!(x)),
        TaskSet::StoryPoints(x) => (TaskField::StoryPoints, json!(x)),
        TaskSet::Status(i) => (TaskField::Status, json!(TASK_STATUS[*i % TASK_STATUS.len()])),
        TaskSet::Priority(i) => (TaskField::Priority, json!(PRIORITY[*i % PRIORITY.len()])),
        TaskSet::Start(d) => (TaskField::Start, opt_day(*d)),
        TaskSet::Due(d) => (TaskField::Due, opt_day(*d)),
        TaskSet::DependsOn(v) => (TaskField::DependsOn, json!(v.iter().map(|i| k.task(*i)).collect::<Vec<_>>())),
        TaskSet::Parent(p) => (TaskField::Parent, json!(p.map(|i| k.task(i)))),
        TaskSet::Assignee(m) => (TaskField::Assignee, json!(m.map(|i| k.member(i)))),
        TaskSet::Milestone(b) => (TaskField::Milestone, json!(b)),
        TaskSet::Tags(v) => (TaskField::Tags, json!(v.iter().map(|i| TAGS[*i % TAGS.len()]).collect::<Vec<_>>())),
    };
    (f.into(), v)
}

/// The command an op stands for in the current state of `p`: new entities take ids from the
/// pools (so ids are reused after deletion), references mostly point at existing entities.
pub fn command(op: &Op, pools: &Pools, p: &Project) -> Command {
    let project = pools.project;
    let k = Picker::new(pools, p);
    let t = |i: usize| k.task(i);
    let new_task = |i: usize| pools.tasks[i % TASKS];
    match op {
        Op::AddTask { slot, parent, title, estimate, percent } => Command::AddTask {
            project,
            id: new_task(*slot),
            task: Task {
                parent: parent.map(t),
                rank: *slot as f64,
                title: TITLES[*title % TITLES.len()].to_string(),
                estimate_hours: *estimate,
                percent: *percent,
                ..Task::default()
            },
        },
        Op::InsertTask { slot, parent, after, title } => Command::InsertTask {
            project,
            id: new_task(*slot),
            parent: parent.map(t),
            after: after.map(t),
            task: task(TITLES[*title % TITLES.len()]),
        },
        Op::SetTask { slot, set } => {
            let (field, value) = task_field(set, &k);
            Command::Set { project, entity: EntityRef::task(t(*slot)), field, value }
        }
        Op::SetManyTask { slot, a, b } => Command::SetMany {
            project,
            entity: EntityRef::task(t(*slot)),
            fields: vec![task_field(a, &k), task_field(b, &k)],
        },
        Op::DeleteTask(slot) => Command::Delete { project, entity: EntityRef::task(t(*slot)) },
        Op::Move { slot, parent, index } => {
            Command::MoveTask { project, task: t(*slot), parent: parent.map(t), index: *index }
        }
        Op::Indent(slot) => Command::Indent { project, task: t(*slot) },
        Op::Outdent(slot) => Command::Outdent { project, task: t(*slot) },
        Op::MoveUp(slot) => Command::MoveUp { project, task: t(*slot) },
        Op::MoveDown(slot) => Command::MoveDown { project, task: t(*slot) },
        Op::AddMember { slot, name, capacity } => Command::AddMember {
            project,
            id: pools.members[*slot % MEMBERS],
            member: Member {
                name: ["山田 太郎", "Sato Hanako", "", "鈴木"][*name % 4].to_string(),
                role: "開発".into(),
                capacity_hours_per_week: *capacity,
                rate: None,
            },
        },
        Op::DeleteMember(slot) => Command::Delete { project, entity: EntityRef::member(k.member(*slot)) },
        Op::AddIssue { slot, title, link, owner } => Command::AddIssue {
            project,
            id: pools.issues[*slot % ISSUES],
            issue: Issue {
                title: TITLES[*title % TITLES.len()].to_string(),
                raised_on: Some(day(*slot as i64)),
                owner: owner.map(|m| k.member(m)),
                linked_tasks: link.map(t).into_iter().collect(),
                ..Issue::default()
            },
        },
        Op::SetIssue { slot, status, links } => Command::SetMany {
            project,
            entity: EntityRef::issue(k.issue(*slot)),
            fields: vec![
                (IssueField::Status.into(), json!(ISSUE_STATUS[*status % ISSUE_STATUS.len()])),
                (IssueField::LinkedTasks.into(), json!(links.iter().map(|i| t(*i)).collect::<Vec<_>>())),
            ],
        },
        Op::DeleteIssue(slot) => Command::Delete { project, entity: EntityRef::issue(k.issue(*slot)) },
        Op::AddRisk { slot, title, p, i, opportunity, strategy } => Command::AddRisk {
            project,
            id: pools.risks[*slot % RISKS],
            risk: Risk {
                kind: if *opportunity { RiskKind::Opportunity } else { RiskKind::Threat },
                title: TITLES[*title % TITLES.len()].to_string(),
                cause: "原因".into(),
                probability: *p,
                impact: *i,
                strategy: RiskStrategy::ALL[*strategy % RiskStrategy::ALL.len()],
                ..Risk::default()
            },
        },
        Op::SetRisk { slot, p, i } => Command::SetMany {
            project,
            entity: EntityRef::risk(k.risk(*slot)),
            fields: vec![(RiskField::Probability.into(), json!(p)), (RiskField::Impact.into(), json!(i))],
        },
        Op::DeleteRisk(slot) => Command::Delete { project, entity: EntityRef::risk(k.risk(*slot)) },
        Op::RiskToIssue { risk, issue, day: d } => Command::RiskToIssue {
            project,
            risk: k.risk(*risk),
            issue: pools.issues[*issue % ISSUES],
            raised_on: day(*d),
        },
        Op::AddStakeholder { slot, name, influence, member } => Command::AddStakeholder {
            project,
            id: pools.stakeholders[*slot % STAKEHOLDERS],
            stakeholder: Stakeholder {
                name: ["営業部 部長", "Ito (customer)", "", "情報システム部"][*name % 4].to_string(),
                organization: "得意先".into(),
                influence: *influence,
                interest: 4,
                member: member.map(|m| k.member(m)),
                ..Stakeholder::default()
            },
        },
        Op::SetStakeholder { slot, engagement, interest } => Command::SetMany {
            project,
            entity: EntityRef::stakeholder(k.stakeholder(*slot)),
            fields: vec![
                (
                    StakeholderField::EngagementCurrent.into(),
                    json!(["unaware", "resistant", "neutral", "supportive", "leading", "bored"][*engagement % 6]),
                ),
                (StakeholderField::Interest.into(), json!(interest)),
            ],
        },
        Op::DeleteStakeholder(slot) => {
            Command::Delete { project, entity: EntityRef::stakeholder(k.stakeholder(*slot)) }
        }
        Op::AddMeeting { slot, title, day: d, attendees } => Command::AddMeeting {
            project,
            id: pools.meetings[*slot % MEETINGS],
            meeting: Meeting {
                date: day(*d),
                title: TITLES[*title % TITLES.len()].to_string(),
                attendees: attendees.iter().map(|i| k.person(*i)).collect(),
                ..Meeting::default()
            },
        },
        Op::SetMeeting { slot, minutes, attendees } => Command::SetMany {
            project,
            entity: EntityRef::meeting(k.meeting(*slot)),
            fields: vec![
                (MeetingField::Minutes.into(), json!(format!("議事録 {minutes}"))),
                (MeetingField::Attendees.into(), json!(attendees.iter().map(|i| k.person(*i)).collect::<Vec<_>>())),
            ],
        },
        Op::DeleteMeeting(slot) => Command::Delete { project, entity: EntityRef::meeting(k.meeting(*slot)) },
        Op::AddAction { slot, meeting, title, owner, due } => Command::AddActionItem {
            project,
            id: pools.actions[*slot % ACTIONS],
            item: ActionItem {
                meeting: k.meeting(*meeting),
                title: TITLES[*title % TITLES.len()].to_string(),
                owner: owner.map(|o| k.person(o)),
                due: due.map(day),
                ..ActionItem::default()
            },
        },
        Op::SetAction { slot, done, owner } => Command::SetMany {
            project,
            entity: EntityRef::action_item(k.action(*slot)),
            fields: vec![
                (ActionItemField::Done.into(), json!(done)),
                (ActionItemField::Owner.into(), json!(owner.map(|o| k.person(o)))),
            ],
        },
        Op::DeleteAction(slot) => Command::Delete { project, entity: EntityRef::action_item(k.action(*slot)) },
        Op::ActionToTask { action, task: slot, parent } => {
            Command::ActionToTask { project, action: k.action(*action), task: new_task(*slot), parent: parent.map(t) }
        }
        Op::ActionToIssue { action, issue, day: d } => Command::ActionToIssue {
            project,
            action: k.action(*action),
            issue: pools.issues[*issue % ISSUES],
            raised_on: day(*d),
        },
        Op::SetRaci { slot, roles } => {
            let row: BTreeMap<Id, &str> =
                roles.iter().map(|(who, r)| (k.person(*who), ["R", "A", "C", "I", "X"][*r % 5])).collect();
            Command::Set {
                project,
                entity: EntityRef::task(t(*slot)),
                field: TaskField::Raci.into(),
                value: json!(row),
            }
        }
        Op::TakeBaseline { slot, day: d } => Command::TakeBaseline {
            project,
            id: pools.baselines[*slot % BASELINES],
            name: format!("第{slot}版"),
            taken_on: day(*d),
        },
        Op::ChooseBaseline(b) => Command::Set {
            project,
            entity: EntityRef::project(project),
            field: ProjectField::Baseline.into(),
            value: json!(b.map(|b| k.baseline(b))),
        },
        Op::DeleteBaseline(slot) => Command::Delete { project, entity: EntityRef::baseline(k.baseline(*slot)) },
        Op::AddReport { slot, start, days, status } => Command::AddReport {
            project,
            id: pools.reports[*slot % REPORTS],
            report: Report {
                period_start: day(*start),
                period_end: day(start + days),
                issued_on: day(start + days.max(&0)),
                author: "山田".into(),
                body: json!({ "progress": { "percent": start }, "text": "凍結された本文" }),
                status: mieruka_core::ReportStatus::ALL[*status % 3],
                ..Report::default()
            },
        },
        Op::Revert(n) | Op::Reapply(n) => {
            let batch = if p.changes.is_empty() {
                Id::nil()
            } else {
                p.changes[p.changes.len() - 1 - n % p.changes.len()].batch
            };
            match op {
                Op::Revert(_) => Command::Revert { project, batch },
                _ => Command::Reapply { project, batch },
            }
        }
        Op::SetProject { name, start, end } => Command::SetMany {
            project,
            entity: EntityRef::project(project),
            fields: vec![
                (ProjectField::Name.into(), json!(["基幹システム刷新", "", "Project X"][*name % 3])),
                (ProjectField::Start.into(), opt_day(*start)),
                (ProjectField::TargetEnd.into(), opt_day(*end)),
            ],
        },
    }
}

/// Hours: mostly valid (including arbitrary fractions), sometimes refused.
fn hours() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => 0.0..2000.0f64,
        4 => (0u32..200).prop_map(|h| h as f64 / 2.0),
        1 => Just(-1.0),
        1 => Just(1_000_001.0),
    ]
}

fn percent() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 0.0..=100.0f64,
        4 => (0u32..=10).prop_map(|p| p as f64 * 10.0),
        1 => Just(101.0),
        1 => Just(-1.0),
    ]
}

/// A slot of a pool, or an index into the existing entities (7 = maybe missing).
fn slot() -> impl Strategy<Value = usize> {
    0usize..8
}

/// Mostly a valid title.
fn title() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0..VALID_TITLES, 1 => VALID_TITLES..TITLES.len()]
}

/// Mostly none (a reference that must exist is often refused).
fn maybe<S: Strategy + 'static>(s: S) -> impl Strategy<Value = Option<S::Value>>
where
    S::Value: Clone,
{
    prop_oneof![2 => Just(None), 1 => s.prop_map(Some)]
}

fn task_set() -> impl Strategy<Value = TaskSet> {
    prop_oneof![
        title().prop_map(TaskSet::Title),
        (0usize..5).prop_map(TaskSet::Description),
        percent().prop_map(TaskSet::Percent),
        hours().prop_map(TaskSet::Estimate),
        hours().prop_map(TaskSet::Actual),
        proptest::option::of(hours()).prop_map(TaskSet::Remaining),
        proptest::option::of(0.0..50.0f64).prop_map(TaskSet::StoryPoints),
        (0..TASK_STATUS.len()).prop_map(TaskSet::Status),
        (0..PRIORITY.len()).prop_map(TaskSet::Priority),
        proptest::option::of(0i64..60).prop_map(TaskSet::Start),
        proptest::option::of(0i64..60).prop_map(TaskSet::Due),
        proptest::collection::vec(slot(), 0..2).prop_map(TaskSet::DependsOn),
        maybe(slot()).prop_map(TaskSet::Parent),
        maybe(slot()).prop_map(TaskSet::Assignee),
        any::<bool>().prop_map(TaskSet::Milestone),
        proptest::collection::vec(0..TAGS.len(), 0..3).prop_map(TaskSet::Tags),
    ]
}

pub fn op() -> impl Strategy<Value = Op> {
    let scale = || prop_oneof![8 => 1u8..=5, 1 => Just(0u8), 1 => Just(6u8)]; // 0 and 6 are refused
    prop_oneof![
        5 => (0..TASKS, maybe(slot()), title(), hours(), percent()).prop_map(
            |(slot, parent, title, estimate, percent)| Op::AddTask { slot, parent, title, estimate, percent }
        ),
        5 => (0..TASKS, maybe(slot()), proptest::option::of(slot()), title())
            .prop_map(|(slot, parent, after, title)| Op::InsertTask { slot, parent, after, title }),
        6 => (slot(), task_set()).prop_map(|(slot, set)| Op::SetTask { slot, set }),
        2 => (slot(), task_set(), task_set()).prop_map(|(slot, a, b)| Op::SetManyTask { slot, a, b }),
        1 => slot().prop_map(Op::DeleteTask),
        2 => (slot(), proptest::option::of(slot()), 0usize..5)
            .prop_map(|(slot, parent, index)| Op::Move { slot, parent, index }),
        1 => slot().prop_map(Op::Indent),
        1 => slot().prop_map(Op::Outdent),
        1 => slot().prop_map(Op::MoveUp),
        1 => slot().prop_map(Op::MoveDown),
        1 => (0..MEMBERS, 0usize..4, prop_oneof![Just(40.0), 0.0..168.0f64, Just(200.0)])
            .prop_map(|(slot, name, capacity)| Op::AddMember { slot, name, capacity }),
        1 => slot().prop_map(Op::DeleteMember),
        2 => (0..ISSUES, title(), maybe(slot()), maybe(slot()))
            .prop_map(|(slot, title, link, owner)| Op::AddIssue { slot, title, link, owner }),
        1 => (slot(), 0usize..4, proptest::collection::vec(slot(), 0..2))
            .prop_map(|(slot, status, links)| Op::SetIssue { slot, status, links }),
        1 => slot().prop_map(Op::DeleteIssue),
        2 => (0..RISKS, title(), scale(), scale(), any::<bool>(), 0usize..7).prop_map(
            |(slot, title, p, i, opportunity, strategy)| Op::AddRisk { slot, title, p, i, opportunity, strategy }
        ),
        1 => (slot(), scale(), scale()).prop_map(|(slot, p, i)| Op::SetRisk { slot, p, i }),
        1 => slot().prop_map(Op::DeleteRisk),
        2 => (slot(), 0..ISSUES, 0i64..60).prop_map(|(risk, issue, day)| Op::RiskToIssue { risk, issue, day }),
        1 => (0usize..3, proptest::option::of(0i64..60), proptest::option::of(0i64..60))
            .prop_map(|(name, start, end)| Op::SetProject { name, start, end }),
        1 => (0usize..12).prop_map(Op::Revert),
        1 => (0usize..12).prop_map(Op::Reapply),
        1 => pmo_op(),
    ]
}

/// The commands of the PMO's entities: stakeholders, meetings, action items, RACI, baselines,
/// reports.
fn pmo_op() -> BoxedStrategy<Op> {
    let scale = || prop_oneof![8 => 1u8..=5, 1 => Just(0u8), 1 => Just(6u8)];
    let people = || proptest::collection::vec(slot(), 0..3);
    prop_oneof![
        2 => (0..STAKEHOLDERS, 0usize..4, scale(), maybe(slot()))
            .prop_map(|(slot, name, influence, member)| Op::AddStakeholder { slot, name, influence, member }),
        1 => (slot(), 0usize..6, scale()).prop_map(|(slot, engagement, interest)| Op::SetStakeholder { slot, engagement, interest }),
        1 => slot().prop_map(Op::DeleteStakeholder),
        2 => (0..MEETINGS, title(), 0i64..60, people())
            .prop_map(|(slot, title, day, attendees)| Op::AddMeeting { slot, title, day, attendees }),
        1 => (slot(), 0usize..4, people()).prop_map(|(slot, minutes, attendees)| Op::SetMeeting { slot, minutes, attendees }),
        1 => slot().prop_map(Op::DeleteMeeting),
        3 => (0..ACTIONS, slot(), title(), maybe(slot()), proptest::option::of(0i64..60))
            .prop_map(|(slot, meeting, title, owner, due)| Op::AddAction { slot, meeting, title, owner, due }),
        1 => (slot(), any::<bool>(), maybe(slot())).prop_map(|(slot, done, owner)| Op::SetAction { slot, done, owner }),
        1 => slot().prop_map(Op::DeleteAction),
        2 => (slot(), 0..TASKS, maybe(slot())).prop_map(|(action, task, parent)| Op::ActionToTask { action, task, parent }),
        1 => (slot(), 0..ISSUES, 0i64..60).prop_map(|(action, issue, day)| Op::ActionToIssue { action, issue, day }),
        2 => (slot(), proptest::collection::vec((slot(), 0usize..5), 0..4)).prop_map(|(slot, roles)| Op::SetRaci { slot, roles }),
        1 => (0..BASELINES, 0i64..60).prop_map(|(slot, day)| Op::TakeBaseline { slot, day }),
        1 => maybe(slot()).prop_map(Op::ChooseBaseline),
        1 => slot().prop_map(Op::DeleteBaseline),
        1 => (0..REPORTS, 0i64..60, -2i64..10, 0usize..3)
            .prop_map(|(slot, start, days, status)| Op::AddReport { slot, start, days, status }),
    ]
    .boxed()
}

pub fn ops(max: usize) -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(op(), 0..max)
}

/// Runs ops in `env` (refused ones are skipped, and must leave the workspace unchanged).
/// Returns the batch ids of the commands that changed something, in order.
pub fn run_ops(env: &mut Env, pools: &Pools, ops: &[Op]) -> Vec<Id> {
    let mut batches = Vec::new();
    for op in ops {
        let cmd = command(op, pools, &env.ws.projects[&pools.project]);
        let before = env.ws.clone();
        let stamp = env.stamp();
        match apply(&mut env.ws, cmd, &stamp) {
            Ok(changes) => {
                if !changes.is_empty() {
                    batches.push(stamp.batch);
                }
            }
            Err(_) => assert!(env.ws == before, "refused {op:?} changed the workspace"),
        }
    }
    batches
}

/// The number of property-test cases: `default`, unless `PROPTEST_CASES` asks for another number
/// (e.g. `PROPTEST_CASES=2000 cargo test -p mieruka-core` for a longer hunt).
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}
