//! The "Load sample project" content: the renewal of a mid-size food distributor's core system
//! (基幹システム刷新: orders, inventory, billing), a typical Japanese IT project.
//!
//! Everything is built through [`apply`] with commands stamped over the past weeks, so the change
//! log is a believable history: the project and its WBS are entered on the first Monday, work starts
//! and progresses with weekly updates by the assignees, issues are raised and resolved, risks are
//! reviewed, and one risk occurs and becomes an issue. Burndown, risk-exposure and earned-value
//! charts can therefore be reconstructed from the log for any past day.
//!
//! Over 1,700 lines because it is data: each task, issue, risk, meeting and report of the sample
//! in both languages, in the order the history is entered; the code around it is small.
//!
//! Deterministic: the same `(japanese, today, seed)` always gives the same project, and both
//! languages give the same structure (ids, dates, numbers, instants); only the texts differ.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, Utc};
use serde_json::{json, Value};

use crate::apply::apply;
use crate::change::EntityRef;
use crate::command::Command;
use crate::enums::*;
use crate::fields::Field;
use crate::id::{Id, SeqIds, Stamp};
use crate::model::{
    Issue, IssueField, Member, Project, ProjectField, ProjectInfo, Risk, RiskField, Task, TaskField, Workspace,
};

mod pmo;

/// The actor of setup and bookkeeping changes.
const PMO: &str = "pmo";

/// Builds the sample project as of `today`; deterministic for a given (japanese, today, seed).
pub fn sample_project(japanese: bool, today: NaiveDate, seed: u64) -> Project {
    let (project, errors) = build(japanese, today, seed);
    // Every command of the sample is valid (see the tests); a failure would be a bug here, and the
    // app still gets the project as far as it was built rather than a crash.
    debug_assert!(errors.is_empty(), "sample commands failed: {errors:?}");
    project
}

// ---------------------------------------------------------------- calendar

/// The sample's calendar: working day `n` (0-based, Monday to Friday) counted from `start`.
struct Cal {
    start: NaiveDate,
    /// How many working days lie before today (50–55): everything before it is history.
    now: u32,
}

impl Cal {
    fn new(today: NaiveDate) -> Cal {
        let monday = sub_days(today, u64::from(today.weekday().num_days_from_monday()));
        let start = sub_days(monday, 70);
        let days = u32::try_from((today - start).num_days()).unwrap_or(70);
        Cal { start, now: days / 7 * 5 + (days % 7).min(5) }
    }

    /// The date of working day `wd`.
    fn day(&self, wd: u32) -> NaiveDate {
        add_days(self.start, u64::from(wd / 5 * 7 + wd % 5))
    }

    /// `h:m` Japan time (UTC+9, 9 ≤ h ≤ 18) on working day `wd`, as UTC.
    fn at(&self, wd: u32, h: u32, m: u32) -> DateTime<Utc> {
        let t = NaiveTime::from_hms_opt(h.saturating_sub(9), m, 0).unwrap_or(NaiveTime::MIN);
        self.day(wd).and_time(t).and_utc()
    }
}

fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

fn sub_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

fn mins(n: u64) -> Duration {
    Duration::minutes(n as i64)
}

/// Percent complete as people report it: in steps of 5.
fn r5(x: f64) -> f64 {
    (x / 5.0).round() * 5.0
}

/// Hours as people book them: in half hours.
fn r05(x: f64) -> f64 {
    (x * 2.0).round() / 2.0
}

fn tx(ja: bool, j: &str, e: &str) -> String {
    if ja { j } else { e }.to_string()
}

// ---------------------------------------------------------------- events

/// A command waiting to be applied at its instant.
struct Event {
    at: DateTime<Utc>,
    actor: String,
    cmd: Command,
}

struct Events {
    project: Id,
    list: Vec<Event>,
}

impl Events {
    fn push(&mut self, at: DateTime<Utc>, actor: &str, cmd: Command) {
        self.list.push(Event { at, actor: actor.to_string(), cmd });
    }

    fn set<F: Into<Field>>(&mut self, at: DateTime<Utc>, actor: &str, entity: EntityRef, fields: Vec<(F, Value)>) {
        let fields = fields.into_iter().map(|(k, v)| (k.into(), v)).collect();
        self.push(at, actor, Command::SetMany { project: self.project, entity, fields });
    }
}

// ---------------------------------------------------------------- the team

const PM: usize = 0;
const LEAD: usize = 1;
const SE1: usize = 2;
const SE2: usize = 3;
const PG: usize = 4;
const QA: usize = 5;

/// (name ja, name en, role ja, role en, hours per week)
const TEAM: [(&str, &str, &str, &str, f64); 6] = [
    ("山田 太郎", "Taro Yamada", "PM", "Project manager", 40.0),
    ("佐藤 花子", "Hanako Sato", "チームリーダー", "Team lead", 40.0),
    ("鈴木 一郎", "Ichiro Suzuki", "SE", "Systems engineer", 40.0),
    ("高橋 美咲", "Misaki Takahashi", "SE", "Systems engineer", 32.0),
    ("田中 健太", "Kenta Tanaka", "PG", "Programmer", 40.0),
    ("伊藤 由美", "Yumi Ito", "テスター", "Tester", 32.0),
];

// ---------------------------------------------------------------- the WBS

/// How a task's history unfolds.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// A phase or group: its status follows its children.
    Container,
    /// Reached on its day.
    Milestone,
    /// Starts on its start day, reports weekly, is done on its due day.
    Work,
    /// Runs past its due day and stands at this percent.
    Late(f64),
    /// Stopped on working day `at` at `percent`.
    Blocked { at: u32, percent: f64 },
}

struct Node {
    id: Id,
    parent: Option<usize>,
    task: Task,
    who: Option<usize>,
    /// Start and due as working days (inclusive).
    s: u32,
    e: u32,
    /// Reported progress relative to elapsed time (1.0 = on plan).
    pace: f64,
    plan: Plan,
}

type Text = (&'static str, &'static str);

const T_REQ: Text = ("要件定義", "requirements");
const T_BIZ: Text = ("業務", "business");
const T_ASIS: Text = ("現行調査", "as-is");
const T_NFR: Text = ("非機能", "non-functional");
const T_BD: Text = ("基本設計", "basic-design");
const T_DD: Text = ("詳細設計", "detailed-design");
const T_BUILD: Text = ("製造", "build");
const T_INFRA: Text = ("基盤", "infrastructure");
const T_IF: Text = ("外部IF", "interface");
const T_DB: Text = ("DB", "database");
const T_ORDER: Text = ("受注", "orders");
const T_STOCK: Text = ("在庫", "inventory");
const T_BILL: Text = ("請求", "billing");
const T_TEST: Text = ("テスト", "testing");
const T_MIG: Text = ("移行", "migration");
const T_TRAIN: Text = ("教育", "training");
const T_MS: Text = ("マイルストーン", "milestone");

struct Wbs<'a> {
    ja: bool,
    ids: &'a mut SeqIds,
    cal: &'a Cal,
    members: &'a [Id],
    nodes: Vec<Node>,
}

impl Wbs<'_> {
    fn push(&mut self, parent: Option<usize>, title: Text, plan: Plan) -> usize {
        let id = self.ids.next_id();
        let task = Task { title: tx(self.ja, title.0, title.1), ..Task::default() };
        self.nodes.push(Node { id, parent, task, who: None, s: 0, e: 0, pace: 1.0, plan });
        self.nodes.len() - 1
    }

    fn phase(&mut self, title: Text) -> usize {
        self.push(None, title, Plan::Container)
    }

    fn group(&mut self, parent: usize, title: Text) -> usize {
        self.push(Some(parent), title, Plan::Container)
    }

    fn schedule(&mut self, i: usize, who: usize, s: u32, e: u32, tags: &[Text]) {
        let (start, due) = (self.cal.day(s), self.cal.day(e));
        let assignee = self.members.get(who).copied();
        let tags = tags.iter().map(|t| tx(self.ja, t.0, t.1)).collect();
        let n = &mut self.nodes[i];
        n.who = Some(who);
        n.s = s;
        n.e = e;
        n.task.assignee = assignee;
        n.task.start = Some(start);
        n.task.due = Some(due);
        n.task.tags = tags;
    }

    /// A work package of `days` working days from working day `s`.
    #[allow(clippy::too_many_arguments)]
    fn leaf(
        &mut self,
        parent: usize,
        title: Text,
        who: usize,
        s: u32,
        days: u32,
        estimate: f64,
        priority: Priority,
        tags: &[Text],
    ) -> usize {
        let i = self.push(Some(parent), title, Plan::Work);
        self.schedule(i, who, s, s + days.max(1) - 1, tags);
        self.nodes[i].task.estimate_hours = estimate;
        self.nodes[i].task.priority = priority;
        i
    }

    fn milestone(&mut self, parent: usize, title: Text, who: usize, wd: u32, deps: &[usize]) -> usize {
        let i = self.push(Some(parent), title, Plan::Milestone);
        self.schedule(i, who, wd, wd, &[T_MS]);
        self.nodes[i].task.milestone = true;
        self.nodes[i].task.priority = Priority::High;
        self.deps(i, deps);
        i
    }

    /// Finish-to-start predecessors.
    fn deps(&mut self, i: usize, deps: &[usize]) {
        let ids = deps.iter().map(|d| self.nodes[*d].id).collect();
        self.nodes[i].task.depends_on = ids;
    }

    fn describe(&mut self, i: usize, text: Text) {
        self.nodes[i].task.description = tx(self.ja, text.0, text.1);
    }
}

/// The WBS: 6 phases, 10 groups, 28 work packages and milestones (44 tasks, 3 levels).
fn wbs(w: &mut Wbs) {
    use Priority::*;

    // 1 要件定義
    let p1 = w.phase(("要件定義", "Requirements definition"));
    let g = w.group(p1, ("現行業務調査", "Current operations analysis"));
    let l1 = w.leaf(
        g,
        ("現行業務ヒアリング（受注・在庫・請求）", "Interviews on current operations (orders, inventory, billing)"),
        LEAD,
        0,
        6,
        40.0,
        High,
        &[T_REQ, T_BIZ],
    );
    w.describe(
        l1,
        (
            "営業・物流・経理の各部門へのヒアリング（計9回）と現行業務フロー図の作成。",
            "Nine interviews with sales, logistics and accounting; as-is business flow diagrams.",
        ),
    );
    let l2 = w.leaf(
        g,
        ("現行システム機能棚卸し", "Inventory of current system functions"),
        SE1,
        1,
        7,
        40.0,
        Medium,
        &[T_REQ, T_ASIS],
    );
    w.describe(
        l2,
        (
            "画面・帳票・バッチ・外部IFの一覧化（約320本）と、継続・廃止・統合の判定。",
            "List of screens, reports, batch jobs and interfaces (about 320 items), each marked keep, drop or merge.",
        ),
    );
    let g = w.group(p1, ("要件定義書作成", "Requirements specification"));
    let l3 = w.leaf(g, ("業務要件定義", "Business requirements"), LEAD, 6, 7, 48.0, High, &[T_REQ, T_BIZ]);
    w.deps(l3, &[l1]);
    let l4 = w.leaf(
        g,
        (
            "非機能要件定義（性能・可用性・セキュリティ）",
            "Non-functional requirements (performance, availability, security)",
        ),
        SE2,
        5,
        8,
        36.0,
        Medium,
        &[T_REQ, T_NFR],
    );
    let ms1 = w.milestone(p1, ("要件定義完了（顧客承認）", "Requirements signed off"), PM, 14, &[l3, l4]);

    // 2 基本設計
    let p2 = w.phase(("基本設計", "Basic design"));
    let g = w.group(p2, ("方式・外部IF設計", "Architecture and interfaces"));
    let l5 = w.leaf(
        g,
        ("システム方式設計（AWS構成・セキュリティ）", "System architecture (AWS, security)"),
        SE2,
        15,
        9,
        56.0,
        High,
        &[T_BD, T_INFRA],
    );
    w.deps(l5, &[ms1]);
    let l6 = w.leaf(
        g,
        ("外部システムIF設計（取引先EDI・会計）", "External interface design (customer EDI, accounting)"),
        SE1,
        15,
        11,
        60.0,
        High,
        &[T_BD, T_IF],
    );
    w.deps(l6, &[ms1]);
    let g = w.group(p2, ("業務機能設計", "Functional design"));
    let l7 =
        w.leaf(g, ("受注管理 基本設計", "Order management: basic design"), LEAD, 15, 14, 72.0, High, &[T_BD, T_ORDER]);
    w.deps(l7, &[ms1]);
    let l8 = w.leaf(
        g,
        ("在庫・請求管理 基本設計", "Inventory and billing: basic design"),
        SE2,
        24,
        9,
        48.0,
        Medium,
        &[T_BD, T_STOCK, T_BILL],
    );
    let ms2 = w.milestone(p2, ("基本設計レビュー完了", "Basic design review completed"), PM, 34, &[l7, l8]);

    // 3 詳細設計
    let p3 = w.phase(("詳細設計", "Detailed design"));
    let g = w.group(p3, ("業務機能 詳細設計", "Functional detailed design"));
    let l9 = w.leaf(
        g,
        ("受注管理 詳細設計", "Order management: detailed design"),
        LEAD,
        35,
        10,
        60.0,
        High,
        &[T_DD, T_ORDER],
    );
    w.deps(l9, &[ms2]);
    let l10 = w.leaf(
        g,
        ("在庫管理 詳細設計（引当・ロット管理）", "Inventory: detailed design (allocation, lots)"),
        SE1,
        35,
        12,
        64.0,
        High,
        &[T_DD, T_STOCK],
    );
    w.deps(l10, &[ms2]);
    w.nodes[l10].plan = Plan::Late(60.0);
    let l11 = w.leaf(
        g,
        ("請求管理 詳細設計（締め処理・インボイス対応）", "Billing: detailed design (closing, qualified invoices)"),
        SE2,
        38,
        22,
        72.0,
        Medium,
        &[T_DD, T_BILL],
    );
    w.nodes[l11].pace = 0.85;
    let g = w.group(p3, ("データ・IF 詳細設計", "Data and interface detailed design"));
    w.leaf(g, ("DB物理設計", "Physical database design"), SE2, 33, 5, 32.0, Medium, &[T_DD, T_DB]);
    let l13 = w.leaf(
        g,
        ("取引先EDI IF 詳細設計", "Customer EDI interface: detailed design"),
        SE1,
        45,
        14,
        56.0,
        High,
        &[T_DD, T_IF],
    );
    w.deps(l13, &[l6]);
    w.nodes[l13].plan = Plan::Blocked { at: 48, percent: 30.0 };

    // 4 製造・単体テスト
    let p4 = w.phase(("製造・単体テスト", "Build and unit test"));
    let g = w.group(p4, ("開発基盤", "Development platform"));
    let l14 = w.leaf(
        g,
        ("開発環境構築（CI/CD含む）", "Development environment and CI/CD"),
        PG,
        25,
        6,
        36.0,
        Medium,
        &[T_BUILD, T_INFRA],
    );
    let l15 = w.leaf(
        g,
        ("共通部品・フレームワーク製造", "Common components and framework"),
        PG,
        31,
        14,
        80.0,
        High,
        &[T_BUILD, T_INFRA],
    );
    w.deps(l15, &[l14]);
    let g = w.group(p4, ("業務機能 製造・単体テスト", "Business functions: build and unit test"));
    let l16 = w.leaf(
        g,
        ("受注管理 製造・単体テスト", "Order management: build and unit test"),
        PG,
        45,
        25,
        160.0,
        High,
        &[T_BUILD, T_ORDER],
    );
    w.deps(l16, &[l9, l15]);
    let l17 = w.leaf(
        g,
        ("在庫管理 製造・単体テスト", "Inventory: build and unit test"),
        SE1,
        62,
        23,
        140.0,
        High,
        &[T_BUILD, T_STOCK],
    );
    w.deps(l17, &[l10]);
    let l18 = w.leaf(
        g,
        ("請求管理 製造・単体テスト", "Billing: build and unit test"),
        SE2,
        62,
        25,
        120.0,
        Medium,
        &[T_BUILD, T_BILL],
    );
    w.deps(l18, &[l11]);

    // 5 結合・総合テスト
    let p5 = w.phase(("結合・総合テスト", "Integration and system testing"));
    let g = w.group(p5, ("結合テスト", "Integration testing"));
    let l19 = w.leaf(
        g,
        ("結合テスト計画・仕様書作成", "Integration test plan and test cases"),
        QA,
        40,
        20,
        80.0,
        Medium,
        &[T_TEST],
    );
    w.nodes[l19].pace = 0.9;
    let l20 = w.leaf(
        g,
        ("結合テスト実施（外部IF含む）", "Integration test run (incl. external interfaces)"),
        QA,
        87,
        15,
        100.0,
        High,
        &[T_TEST, T_IF],
    );
    w.deps(l20, &[l16, l17, l18]);
    let g = w.group(p5, ("総合テスト・受入", "System and acceptance testing"));
    let l21 = w.leaf(
        g,
        ("総合テスト（性能・障害テスト含む）", "System test (incl. performance and failover)"),
        QA,
        102,
        10,
        64.0,
        High,
        &[T_TEST],
    );
    w.deps(l21, &[l20]);
    let l22 = w.leaf(
        g,
        ("ユーザー受入テスト（UAT）支援", "User acceptance test (UAT) support"),
        LEAD,
        107,
        10,
        48.0,
        High,
        &[T_TEST, T_BIZ],
    );

    // 6 移行
    let p6 = w.phase(("移行", "Migration and go-live"));
    let l23 = w.leaf(p6, ("移行計画書作成", "Migration plan"), PM, 40, 10, 24.0, High, &[T_MIG]);
    w.describe(
        l23,
        (
            "移行方式（一括移行）、移行対象データ、クレンジング手順、移行判定基準、切り戻し手順を定める。",
            "Migration approach (big bang), data in scope, cleansing procedure, go/no-go criteria and fallback.",
        ),
    );
    let l24 = w.leaf(
        p6,
        ("移行ツール製造・移行リハーサル（2回）", "Migration tools and two rehearsals"),
        PG,
        90,
        23,
        100.0,
        High,
        &[T_MIG, T_BUILD],
    );
    w.deps(l24, &[l23]);
    w.leaf(
        p6,
        ("利用者教育・操作マニュアル作成", "User training and manuals"),
        QA,
        112,
        8,
        40.0,
        Medium,
        &[T_MIG, T_TRAIN],
    );
    let ms3 = w.milestone(p6, ("本番移行", "Go-live"), PM, 120, &[l21, l22, l24]);
    w.nodes[ms3].task.priority = Priority::Critical;
    w.describe(
        ms3,
        (
            "週末に一括移行し、月曜日から新システムで業務を開始する。",
            "Big-bang cutover over the weekend; business runs on the new system from Monday.",
        ),
    );
}

/// The key tasks the issue log refers to, by their place in the WBS above.
struct Keys {
    business_req: Id,
    order_bd: Id,
    stock_billing_bd: Id,
    stock_dd: Id,
    edi_dd: Id,
    stock_build: Id,
    billing_build: Id,
    env: Id,
    it_spec: Id,
    it_run: Id,
    migration_plan: Id,
}

fn find(nodes: &[Node], ja: &str, en: &str) -> Id {
    nodes.iter().find(|n| n.task.title == ja || n.task.title == en).map(|n| n.id).unwrap_or_default()
}

// ---------------------------------------------------------------- history of the tasks

/// Start, weekly progress, completion, blocking; then the phases' and groups' status.
fn task_history(ev: &mut Events, cal: &Cal, nodes: &[Node], names: &[String], jit: &mut SeqIds) {
    let now = cal.now;
    let last_day = now.saturating_sub(1);
    let count = nodes.len();
    let mut started: Vec<Option<u32>> = vec![None; count];
    let mut done: Vec<Option<u32>> = vec![None; count];
    for (i, node) in nodes.iter().enumerate() {
        let r = EntityRef::task(node.id);
        let who = node.who.and_then(|w| names.get(w)).map(String::as_str).unwrap_or(PMO);
        match node.plan {
            Plan::Container => {}
            Plan::Milestone => {
                if node.e < now {
                    let at = cal.at(node.e, 17, 30) + mins(jit.below(20));
                    ev.set(
                        at,
                        who,
                        r,
                        vec![(TaskField::Status, json!(TaskStatus::Done)), (TaskField::Percent, json!(100.0))],
                    );
                    started[i] = Some(node.e);
                    done[i] = Some(node.e);
                }
            }
            Plan::Work | Plan::Late(_) | Plan::Blocked { .. } => {
                if node.s >= now {
                    continue;
                }
                started[i] = Some(node.s);
                let at = cal.at(node.s, 9, 30) + mins(jit.below(90));
                ev.set(at, who, r, vec![(TaskField::Status, json!(TaskStatus::InProgress))]);
                let est = node.task.estimate_hours;
                let eff = match node.plan {
                    Plan::Late(_) => 1.3,
                    _ => 0.92 + jit.below(27) as f64 / 100.0,
                };
                let len = f64::from(node.e - node.s + 1);
                let last = match node.plan {
                    Plan::Late(_) => last_day,
                    _ => node.e.min(last_day),
                };
                for w in node.s..=last {
                    let elapsed = f64::from(w - node.s + 1);
                    match node.plan {
                        Plan::Blocked { at, percent } if w == at => {
                            let at = cal.at(w, 11, 0) + mins(jit.below(60));
                            ev.set(
                                at,
                                who,
                                r,
                                vec![
                                    (TaskField::Status, json!(TaskStatus::Blocked)),
                                    (TaskField::Percent, json!(percent)),
                                    (TaskField::ActualHours, json!(r05(est * percent / 100.0 * eff))),
                                ],
                            );
                            break;
                        }
                        Plan::Work if w == node.e => {
                            let at = cal.at(w, 17, 0) + mins(jit.below(55));
                            ev.set(
                                at,
                                who,
                                r,
                                vec![
                                    (TaskField::Status, json!(TaskStatus::Done)),
                                    (TaskField::Percent, json!(100.0)),
                                    (TaskField::ActualHours, json!(r05(est * eff))),
                                ],
                            );
                            done[i] = Some(w);
                        }
                        _ if w % 5 == 4 => {
                            let pct = match node.plan {
                                Plan::Late(p) => r5(p * (elapsed / (len + 3.0)).min(1.0)).clamp(5.0, p),
                                _ => r5(100.0 * elapsed / len * node.pace).clamp(5.0, 95.0),
                            };
                            let at = cal.at(w, 16, 0) + mins(jit.below(100));
                            ev.set(
                                at,
                                who,
                                r,
                                vec![
                                    (TaskField::Percent, json!(pct)),
                                    (TaskField::ActualHours, json!(r05(est * pct / 100.0 * eff))),
                                ],
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    // Phases and groups: in progress with their first child, done with their last.
    for i in (0..count).rev() {
        if !matches!(nodes[i].plan, Plan::Container) {
            continue;
        }
        let kids: Vec<usize> = (i + 1..count).filter(|k| nodes[*k].parent == Some(i)).collect();
        started[i] = kids.iter().filter_map(|k| started[*k]).min();
        done[i] = if !kids.is_empty() && kids.iter().all(|k| done[*k].is_some()) {
            kids.iter().filter_map(|k| done[*k]).max()
        } else {
            None
        };
    }
    for (i, node) in nodes.iter().enumerate() {
        if !matches!(node.plan, Plan::Container) {
            continue;
        }
        let r = EntityRef::task(node.id);
        // Groups before the phases they belong to.
        let minute = if node.parent.is_some() { 58 } else { 59 };
        let second = Duration::seconds(i as i64 % 30);
        if let Some(s) = started[i] {
            ev.set(cal.at(s, 17, minute) + second, PMO, r, vec![(TaskField::Status, json!(TaskStatus::InProgress))]);
        }
        if let Some(d) = done[i] {
            let at = cal.at(d, 17, minute) + second + Duration::seconds(30);
            ev.set(at, PMO, r, vec![(TaskField::Status, json!(TaskStatus::Done)), (TaskField::Percent, json!(100.0))]);
        }
    }
}

// ---------------------------------------------------------------- the whole project

/// Builds the project; returns it with the errors of any command that failed (none, see tests).
// The sample's registers are written as tables of pushes, one entry per push, on purpose.
#[allow(clippy::vec_init_then_push)]
fn build(ja: bool, today: NaiveDate, seed: u64) -> (Project, Vec<String>) {
    // Keep the arithmetic far from the ends of the calendar.
    let lo = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(today);
    let hi = NaiveDate::from_ymd_opt(9000, 12, 31).unwrap_or(today);
    let today = today.clamp(lo, hi);
    let cal = Cal::new(today);
    let mut ids = SeqIds::new(seed);
    let mut jit = SeqIds::new(seed ^ 0x0005_EED0_F5A4_D1E5);
    let s = |j: &str, e: &str| tx(ja, j, e);
    let day = |wd: u32| Some(cal.day(wd));

    let pid = ids.next_id();
    let mut ev = Events { project: pid, list: Vec::new() };

    // The team.
    let names: Vec<String> = TEAM.iter().map(|m| s(m.0, m.1)).collect();
    let members: Vec<Id> = TEAM.iter().map(|_| ids.next_id()).collect();
    let pm = names[PM].as_str();
    let (lead, se1, se2, pg, qa) =
        (names[LEAD].as_str(), names[SE1].as_str(), names[SE2].as_str(), names[PG].as_str(), names[QA].as_str());

    // Day 0: the project, its team and its WBS are entered; the project goes active after the kick-off.
    let target_end = cal.day(129);
    let info = ProjectInfo {
        code: format!("CSR-{}", target_end.year()),
        name: s("基幹システム刷新（受注・在庫・請求）", "Core system renewal (orders, inventory, billing)"),
        description: s(
            "みなと食品販売株式会社（中堅食品卸・従業員約450名）の受注・在庫・請求を担う現行基幹システム\
             （オンプレミス、2008年稼働）を、クラウド基盤上の新システムへ刷新する。\n\
             目的：保守期限切れへの対応、取引先EDIの標準化、インボイス制度への対応、月次締め処理の短縮\
             （5営業日→2営業日）。",
            "Replace the core system of Minato Foods Trading Co., Ltd. (a mid-size food distributor, about 450 \
             employees) — on premises since 2008 and covering orders, inventory and billing — with a new system \
             on a cloud platform.\nGoals: end of vendor support, standardized customer EDI, compliance with the \
             qualified-invoice system, and a faster monthly close (5 → 2 working days).",
        ),
        manager: names[PM].clone(),
        start: day(0),
        target_end: Some(target_end),
        status: ProjectStatus::Planning,
        working_days: Weekday::monday_to_friday(),
        archived: false,
        // A typical blended rate of an SI vendor, so earned value reads in yen.
        default_rate: 6000.0,
        ..ProjectInfo::default()
    };
    ev.push(cal.at(0, 9, 0), PMO, Command::CreateProject { id: pid, info });
    for (k, (m, id)) in TEAM.iter().zip(&members).enumerate() {
        let member = Member { name: names[k].clone(), role: s(m.2, m.3), capacity_hours_per_week: m.4, rate: None };
        ev.push(cal.at(0, 9, 2) + mins(k as u64), PMO, Command::AddMember { project: pid, id: *id, member });
    }
    let mut w = Wbs { ja, ids: &mut ids, cal: &cal, members: &members, nodes: Vec::new() };
    wbs(&mut w);
    let nodes = w.nodes;
    let mut last_child: std::collections::HashMap<Option<usize>, Id> = std::collections::HashMap::new();
    for (k, node) in nodes.iter().enumerate() {
        let parent = node.parent.map(|p| nodes[p].id);
        let after = last_child.insert(node.parent, node.id);
        let at = cal.at(0, 9, 10) + Duration::seconds(50 * k as i64);
        let cmd = Command::InsertTask { project: pid, id: node.id, parent, after, task: node.task.clone() };
        ev.push(at, PMO, cmd);
    }
    ev.set(cal.at(0, 17, 30), pm, EntityRef::project(pid), vec![(ProjectField::Status, json!(ProjectStatus::Active))]);

    let key = Keys {
        business_req: find(&nodes, "業務要件定義", "Business requirements"),
        order_bd: find(&nodes, "受注管理 基本設計", "Order management: basic design"),
        stock_billing_bd: find(&nodes, "在庫・請求管理 基本設計", "Inventory and billing: basic design"),
        stock_dd: find(
            &nodes,
            "在庫管理 詳細設計（引当・ロット管理）",
            "Inventory: detailed design (allocation, lots)",
        ),
        edi_dd: find(&nodes, "取引先EDI IF 詳細設計", "Customer EDI interface: detailed design"),
        stock_build: find(&nodes, "在庫管理 製造・単体テスト", "Inventory: build and unit test"),
        billing_build: find(&nodes, "請求管理 製造・単体テスト", "Billing: build and unit test"),
        env: find(&nodes, "開発環境構築（CI/CD含む）", "Development environment and CI/CD"),
        it_spec: find(&nodes, "結合テスト計画・仕様書作成", "Integration test plan and test cases"),
        it_run: find(&nodes, "結合テスト実施（外部IF含む）", "Integration test run (incl. external interfaces)"),
        migration_plan: find(&nodes, "移行計画書作成", "Migration plan"),
    };

    task_history(&mut ev, &cal, &nodes, &names, &mut jit);
    pmo::pmo_events(&mut ev, &cal, ja, (&members, &names), &nodes, seed);

    // The approved invoice-layout change request raises the estimate of the inventory and billing basic design.
    ev.set(
        cal.at(29, 14, 30),
        pm,
        EntityRef::task(key.stock_billing_bd),
        vec![(TaskField::EstimateHours, json!(60.0))],
    );

    // ------------------------------------------------------------ issues (課題管理表)
    let issue_ids: Vec<Id> = (0..8).map(|_| ids.next_id()).collect();
    let risk_ids: Vec<Id> = (0..10).map(|_| ids.next_id()).collect();
    let [i1, i2, i3, i4, i5, i6, i7, i8] = [0, 1, 2, 3, 4, 5, 6, 7].map(|k| issue_ids[k]);
    let [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(|k| risk_ids[k]);
    let m = |k: usize| members.get(k).copied();
    let status = |st: IssueStatus| (IssueField::Status, json!(st));

    let add_issue = |ev: &mut Events, at: DateTime<Utc>, id: Id, issue: Issue| {
        let actor = issue.raised_by.clone();
        ev.push(at, &actor, Command::AddIssue { project: pid, id, issue });
    };

    // A late decision on specs, solved during requirements.
    add_issue(
        &mut ev,
        cal.at(8, 10, 40),
        i1,
        Issue {
            title: s("仕様確定遅延（得意先別特価ルール）", "Late decision on specs (customer-specific pricing rules)"),
            description: s(
                "得意先別特価・数量割引・販促単価の優先順位について営業部内で意見が割れており、仕様が確定しない。\
             業務要件定義の完了に影響する。",
                "Sales cannot agree on the precedence of customer-specific prices, volume discounts and promotional \
             prices, so the specification is not fixed. This holds up the business requirements.",
            ),
            raised_on: day(8),
            raised_by: lead.to_string(),
            owner: m(PM),
            priority: Priority::High,
            due: day(12),
            linked_tasks: vec![key.business_req],
            ..Issue::default()
        },
    );
    ev.set(cal.at(9, 13, 10), pm, EntityRef::issue(i1), vec![status(IssueStatus::InProgress)]);
    ev.set(
        cal.at(12, 15, 20),
        pm,
        EntityRef::issue(i1),
        vec![
            status(IssueStatus::Resolved),
            (
                IssueField::Resolution,
                json!(s(
                "営業部長との調整会で、現行の優先順位（特価＞数量割引＞販促）を踏襲することで合意。議事録にて確定。",
                "Agreed with the head of sales to keep the current precedence (special price > volume discount > \
                 promotion); recorded in the minutes.",
            )),
            ),
        ],
    );
    ev.set(cal.at(14, 16, 40), pm, EntityRef::issue(i1), vec![status(IssueStatus::Closed)]);

    // Poor data quality, found while taking stock of the current system.
    add_issue(
        &mut ev,
        cal.at(7, 15, 5),
        i4,
        Issue {
            title: s(
                "現行データの品質不良（品目マスタの重複）",
                "Poor quality of current data (duplicate item master records)",
            ),
            description: s(
                "現行システムの品目マスタに同一商品の重複登録（約1,200件）とJANコード未登録品が存在する。\
             データ移行時に名寄せが必要。",
                "The current item master holds about 1,200 duplicate records of the same products and items without \
             JAN codes; they must be merged before the data migration.",
            ),
            raised_on: day(7),
            raised_by: se1.to_string(),
            owner: m(PG),
            priority: Priority::Medium,
            due: day(45),
            linked_tasks: vec![key.migration_plan],
            ..Issue::default()
        },
    );
    ev.set(cal.at(20, 10, 15), pg, EntityRef::issue(i4), vec![status(IssueStatus::InProgress)]);
    ev.set(cal.at(43, 11, 45), pg, EntityRef::issue(i4), vec![
        status(IssueStatus::Resolved),
        (
            IssueField::Resolution,
            json!(s(
                "名寄せルール（JAN＞メーカー品番＞品名）を定義し、顧客の商品部が確認。クレンジング手順を移行計画書に反映済み。",
                "Defined merge rules (JAN > maker part number > name), confirmed by the customer's merchandising \
                 team; the cleansing procedure is part of the migration plan.",
            )),
        ),
    ]);

    // Key users have no time for reviews.
    add_issue(
        &mut ev,
        cal.at(22, 11, 30),
        i5,
        Issue {
            title: s("顧客キーユーザーのレビュー工数不足", "Customer key users lack time for reviews"),
            description: s(
                "受注・在庫の基本設計書レビューに顧客キーユーザーが参加できず、レビュー指摘の回収が遅れている。",
                "The customer's key users cannot attend the basic design reviews for orders and inventory, so review \
             comments come back late.",
            ),
            raised_on: day(22),
            raised_by: lead.to_string(),
            owner: m(PM),
            priority: Priority::High,
            due: day(27),
            linked_tasks: vec![key.order_bd, key.stock_billing_bd],
            ..Issue::default()
        },
    );
    ev.set(cal.at(23, 9, 45), pm, EntityRef::issue(i5), vec![status(IssueStatus::InProgress)]);
    ev.set(
        cal.at(26, 14, 10),
        pm,
        EntityRef::issue(i5),
        vec![
            status(IssueStatus::Resolved),
            (
                IssueField::Resolution,
                json!(s(
                    "情報システム部長と合意し、キーユーザーのレビュー枠を週2回（火・木 各2時間）確保した。",
                    "Agreed with the customer's head of IT: key users reserve two 2-hour review slots a week \
                 (Tuesday and Thursday).",
                )),
            ),
        ],
    );
    ev.set(cal.at(30, 10, 5), pm, EntityRef::issue(i5), vec![status(IssueStatus::Closed)]);

    // Development licenses arrive late.
    add_issue(
        &mut ev,
        cal.at(24, 9, 50),
        i7,
        Issue {
            title: s("開発用ライセンスの調達遅れ", "Development licenses delivered late"),
            description: s(
                "帳票ツールの開発ライセンス（3本）の納品が、発注手続きの遅れにより1週間遅延。開発環境構築に影響。",
                "Three development licenses for the reporting tool arrive a week late because of a slow purchase \
             process; this affects the development environment setup.",
            ),
            raised_on: day(24),
            raised_by: pg.to_string(),
            owner: m(PM),
            priority: Priority::Low,
            due: day(28),
            linked_tasks: vec![key.env],
            ..Issue::default()
        },
    );
    ev.set(cal.at(24, 14, 20), pm, EntityRef::issue(i7), vec![status(IssueStatus::InProgress)]);
    ev.set(
        cal.at(27, 16, 50),
        pm,
        EntityRef::issue(i7),
        vec![
            status(IssueStatus::Closed),
            (
                IssueField::Resolution,
                json!(s(
                    "評価版で先行して環境を構築し、正式ライセンスは納品後に適用した（スケジュール影響なし）。",
                    "Set up the environment with trial licenses first and applied the real ones on delivery \
                 (no schedule impact).",
                )),
            ),
        ],
    );

    // A change request on the invoice layout.
    add_issue(
        &mut ev,
        cal.at(25, 10, 20),
        i6,
        Issue {
            title: s("請求書レイアウトの変更要望", "Change request: invoice layouts"),
            description: s(
                "経理部より、適格請求書の記載事項に加えて得意先別の請求書レイアウト（3種類）を追加したいとの要望。",
                "Accounting asks for three customer-specific invoice layouts on top of the qualified-invoice fields.",
            ),
            raised_on: day(25),
            raised_by: se2.to_string(),
            owner: m(SE2),
            priority: Priority::Medium,
            due: day(30),
            linked_tasks: vec![key.stock_billing_bd, key.billing_build],
            ..Issue::default()
        },
    );
    ev.set(cal.at(26, 11, 0), se2, EntityRef::issue(i6), vec![status(IssueStatus::InProgress)]);
    ev.set(
        cal.at(29, 13, 40),
        pm,
        EntityRef::issue(i6),
        vec![
            status(IssueStatus::Resolved),
            (
                IssueField::Resolution,
                json!(s(
                    "変更管理会議で承認（追加工数：基本設計+12h、製造は別途見積）。レイアウトは2種類に集約。",
                    "Approved by the change control board (extra effort: +12 h in basic design, build estimated \
                 separately); layouts reduced to two.",
                )),
            ),
        ],
    );
    ev.set(cal.at(31, 9, 40), pm, EntityRef::issue(i6), vec![status(IssueStatus::Closed)]);

    // Not enough test environments.
    add_issue(
        &mut ev,
        cal.at(42, 14, 15),
        i3,
        Issue {
            title: s("テスト環境の不足（結合テスト用）", "Not enough test environments (integration testing)"),
            description: s(
                "結合テストで外部IFとバッチを並行して検証するには環境が2面必要だが、予算上1面しか確保されていない。",
                "Integration testing needs two environments to verify interfaces and batch jobs in parallel, but the \
             budget covers only one.",
            ),
            raised_on: day(42),
            raised_by: qa.to_string(),
            owner: m(SE2),
            priority: Priority::Medium,
            due: day(64),
            linked_tasks: vec![key.it_spec, key.it_run],
            ..Issue::default()
        },
    );
    ev.set(cal.at(44, 15, 30), pm, EntityRef::issue(i3), vec![(IssueField::Priority, json!(Priority::High))]);

    // The inventory detailed design is late (the 8th issue in the log; the lead's risk refers to it).
    add_issue(
        &mut ev,
        cal.at(47, 16, 10),
        i8,
        Issue {
            title: s("在庫管理詳細設計の遅延", "Inventory detailed design is late"),
            description: s(
                "ロット・賞味期限別の引当ロジックが想定より複雑で、在庫管理詳細設計が完了予定日を超過（現在約60%）。\
             在庫管理の製造開始に影響する恐れがある。",
                "Allocation by lot and best-before date is more complex than expected; the inventory detailed design \
             has passed its due date at about 60 %. The start of the inventory build may slip.",
            ),
            raised_on: day(47),
            raised_by: pm.to_string(),
            owner: m(LEAD),
            priority: Priority::High,
            due: day(54),
            linked_tasks: vec![key.stock_dd, key.stock_build],
            ..Issue::default()
        },
    );
    ev.set(cal.at(48, 10, 25), lead, EntityRef::issue(i8), vec![status(IssueStatus::InProgress)]);

    // ------------------------------------------------------------ risks (リスク管理表)
    let threat = |title: Text, cat: Text, p: u8, i: u8, owner: usize, strategy: RiskStrategy| Risk {
        kind: RiskKind::Threat,
        title: s(title.0, title.1),
        category: s(cat.0, cat.1),
        probability: p,
        impact: i,
        owner: m(owner),
        strategy,
        ..Risk::default()
    };
    const TECH: Text = ("技術", "Technical");
    const STAFF: Text = ("要員", "Staffing");
    const EXT: Text = ("外部", "External");
    const SCHED: Text = ("スケジュール", "Schedule");
    const QUAL: Text = ("品質", "Quality");

    let mut risks: Vec<(u32, u32, &str, Id, Risk)> = Vec::new(); // (day, minute offset, actor, id, risk)
    risks.push((
        3,
        0,
        pm,
        r1,
        Risk {
            description: s(
                "取引先EDIの仕様確定が遅れる、または仕様書と実データが相違し、IF設計・結合テストが遅延する。",
                "Customer EDI specs are settled late, or real data differ from the specs, delaying interface design \
             and integration testing.",
            ),
            cause: s(
                "大手取引先3社が独自フォーマットを使用しており、仕様書が最新化されていない。",
                "Three major customers use their own formats and their spec documents are out of date.",
            ),
            residual_probability: Some(2),
            residual_impact: Some(3),
            response_plan: s(
                "基本設計段階で大手3社と仕様確認会を開催し、実データのサンプルを入手して検証する。",
                "Hold spec meetings with the three major customers during basic design and check samples of real data.",
            ),
            contingency_plan: s(
                "差異は変換アダプタで吸収し、必要に応じて取引先ごとに段階リリースする。",
                "Absorb differences with conversion adapters and release customer by customer if needed.",
            ),
            review_date: day(19),
            ..threat(
                ("取引先EDI仕様の確定遅れ・相違", "Customer EDI specs late or inconsistent"),
                EXT,
                3,
                4,
                SE1,
                RiskStrategy::Mitigate,
            )
        },
    ));
    risks.push((
        3,
        8,
        pm,
        r2,
        Risk {
            description: s(
                "業務知識を持つリーダーに作業が集中し、設計レビューの停滞や品質低下を招く。",
                "Work piles up on the team lead, who holds the business knowledge, stalling design reviews and \
             lowering quality.",
            ),
            cause: s(
                "業務知識が佐藤に集中しており、受注・在庫双方の設計レビューを一人で担っている。",
                "Business knowledge sits with Hanako Sato, who reviews both the order and the inventory designs alone.",
            ),
            residual_probability: Some(2),
            residual_impact: Some(3),
            response_plan: s(
                "レビューの一部を鈴木へ移管し、週次で負荷を確認する。業務知識は設計書に残す。",
                "Hand part of the reviews to Ichiro Suzuki, check the workload weekly and record the business \
             knowledge in the design documents.",
            ),
            contingency_plan: s(
                "協力会社から業務経験のあるSEを1名追加アサインする（事前打診済み）。",
                "Add one experienced SE from a partner company (already sounded out).",
            ),
            review_date: day(19),
            ..threat(
                ("リーダーへの負荷集中", "Workload concentrated on the team lead"),
                STAFF,
                3,
                4,
                PM,
                RiskStrategy::Mitigate,
            )
        },
    ));
    risks.push((
        3,
        16,
        pm,
        r3,
        Risk {
            description: s(
                "新しいクラウド基盤で受注ピーク時の性能要件（1万件/時）を満たせない。",
                "The new cloud platform cannot meet the peak order volume (10,000 orders an hour).",
            ),
            cause: s(
                "AWSでの大量バッチ・オンライン同時処理の実績がチームにない。",
                "The team has no experience with heavy batch and online load running together on AWS.",
            ),
            residual_probability: Some(1),
            residual_impact: Some(4),
            response_plan: s(
                "方式設計で受注ピークを想定したPoCを実施し、性能を検証する。",
                "Run a proof of concept at peak order volume during the architecture design.",
            ),
            contingency_plan: s(
                "インスタンスの増強とバッチの並列化で対応する。",
                "Scale up the instances and parallelize the batch jobs.",
            ),
            review_date: day(19),
            ..threat(
                ("クラウド基盤の性能未達", "Cloud platform misses performance targets"),
                TECH,
                3,
                5,
                SE2,
                RiskStrategy::Mitigate,
            )
        },
    ));
    risks.push((
        3,
        24,
        pm,
        r4,
        Risk {
            description: s(
                "ユーザー受入テストが顧客の年度末繁忙期と重なり、キーユーザーが参加できない。",
                "User acceptance testing overlaps the customer's year-end peak, so key users cannot take part.",
            ),
            cause: s(
                "受入テストの時期が顧客の業務カレンダーと調整されていない。",
                "The UAT dates have not been aligned with the customer's business calendar.",
            ),
            residual_probability: Some(1),
            residual_impact: Some(3),
            response_plan: s(
                "受入テストを繁忙期の前に完了する日程を確定し、顧客と合意する。",
                "Fix UAT dates that finish before the peak season and agree them with the customer.",
            ),
            contingency_plan: s(
                "受入テストを2段階に分け、繁忙期は必須シナリオの確認に絞る。",
                "Split UAT in two and limit the checks during the peak to the essential scenarios.",
            ),
            review_date: day(19),
            ..threat(
                ("年度末繁忙期と受入テストの重複", "UAT overlaps the customer's year-end peak"),
                SCHED,
                3,
                3,
                PM,
                RiskStrategy::Avoid,
            )
        },
    ));
    risks.push((3, 32, pm, r5, Risk {
        description: s(
            "現行データの品質不良により、移行リハーサルや本番移行でデータ不整合が発生する。",
            "Poor quality of the current data causes inconsistencies in the migration rehearsals or at go-live.",
        ),
        cause: s(
            "品目・得意先マスタの重複や、入力ルールの不統一が長年放置されている。",
            "Duplicate item and customer master records and inconsistent input rules have been left for years.",
        ),
        residual_probability: Some(1),
        residual_impact: Some(4),
        response_plan: s(
            "早期にデータプロファイリングとクレンジングを行い、移行リハーサルを2回実施する。",
            "Profile and cleanse the data early and run two migration rehearsals.",
        ),
        contingency_plan: s(
            "移行判定で基準未達の場合は本番移行を1週間延期し、現行システムを継続稼働する。",
            "If the go/no-go criteria are not met, postpone go-live by one week and keep the current system running.",
        ),
        review_date: day(19),
        ..threat(("移行データの品質不良による移行失敗", "Migration fails because of poor data quality"), QUAL, 3, 5, PG, RiskStrategy::Mitigate)
    }));
    risks.push((
        3,
        40,
        pm,
        r6,
        Risk {
            description: s(
                "採用予定の帳票ツールのサポートが稼働後数年で終了する。",
                "Support for the chosen reporting tool ends a few years after go-live.",
            ),
            cause: s(
                "ベンダーが製品ラインの統合を発表している。",
                "The vendor has announced a merger of its product lines.",
            ),
            response_plan: s(
                "ベンダーのロードマップを四半期ごとに確認する。",
                "Check the vendor's roadmap every quarter.",
            ),
            contingency_plan: s(
                "代替ツールへの切替を検討する（対象帳票 約40本）。",
                "Move to an alternative tool (about 40 reports).",
            ),
            review_date: day(19),
            status: RiskStatus::Monitoring,
            ..threat(
                ("帳票ツールのサポート終了", "End of support for the reporting tool"),
                TECH,
                1,
                3,
                SE2,
                RiskStrategy::Accept,
            )
        },
    ));
    risks.push((
        3,
        48,
        pm,
        r8,
        Risk {
            description: s(
                "適格請求書（インボイス）の記載要件や端数処理の仕様漏れにより、請求書の再発行が発生する。",
                "Gaps in the qualified-invoice requirements or rounding rules force invoices to be reissued.",
            ),
            cause: s(
                "税制対応の知識が経理部の一部担当者に偏っている。",
                "Knowledge of the tax rules sits with a few people in accounting.",
            ),
            residual_probability: Some(1),
            residual_impact: Some(4),
            response_plan: s(
                "詳細設計で経理部と顧問税理士による請求仕様のレビューを実施する。",
                "Have accounting and the customer's tax adviser review the billing specs during detailed design.",
            ),
            contingency_plan: s("税制対応分を優先して修正リリースする。", "Release the tax-related fixes first."),
            review_date: day(19),
            ..threat(
                ("インボイス制度対応の仕様漏れ", "Gaps in qualified-invoice requirements"),
                QUAL,
                2,
                4,
                SE2,
                RiskStrategy::Mitigate,
            )
        },
    ));
    risks.push((
        12,
        0,
        lead,
        r10,
        Risk {
            kind: RiskKind::Opportunity,
            title: s("業務の標準化による要件の削減", "Business standardization trims requirements"),
            description: s(
                "顧客が標準機能に合わせて業務を見直せば、アドオン開発を削減できる。",
                "If the customer adapts its processes to standard features, add-on development shrinks.",
            ),
            category: s(EXT.0, EXT.1),
            cause: s(
                "顧客の経営層が業務標準化を今期の重点施策に掲げている。",
                "The customer's management has made process standardization a priority this year.",
            ),
            probability: 2,
            impact: 2,
            owner: m(LEAD),
            strategy: RiskStrategy::Enhance,
            response_plan: s(
                "標準機能に合わせた業務変更案を要件定義で提示し、アドオン数を削減する。",
                "Propose process changes that fit the standard features during requirements and cut add-ons.",
            ),
            review_date: day(19),
            ..Risk::default()
        },
    ));
    risks.push((
        20,
        0,
        qa,
        r7,
        Risk {
            description: s(
                "結合・総合テストの時期にテスト要員が不足し、テスト期間が延びる。",
                "Too few testers during integration and system testing stretch the test period.",
            ),
            cause: s(
                "社内のテスト要員が他案件と重複している。",
                "The in-house testers are also booked on other projects.",
            ),
            response_plan: s(
                "第三者検証会社へ総合テストの一部を委託する。",
                "Outsource part of the system test to a third-party testing company.",
            ),
            contingency_plan: s("開発メンバーを結合テストに充当する。", "Move developers to integration testing."),
            review_date: day(34),
            ..threat(("テスト要員の不足", "Not enough testers"), STAFF, 3, 3, QA, RiskStrategy::Transfer)
        },
    ));
    risks.push((
        44,
        0,
        pg,
        r9,
        Risk {
            kind: RiskKind::Opportunity,
            title: s("共通部品の流用による製造工数の削減", "Reuse of common components cuts build effort"),
            description: s(
                "受注管理向けに作成した共通部品を在庫・請求でも使えれば、製造工数を約10%削減できる。",
                "Using the common components built for orders in inventory and billing as well saves about 10 % of \
             the build effort.",
            ),
            category: s(TECH.0, TECH.1),
            cause: s(
                "共通部品・フレームワークが予定どおり完成し、品質も良好。",
                "The common components and framework were finished on time and in good shape.",
            ),
            probability: 3,
            impact: 3,
            residual_probability: Some(4),
            residual_impact: Some(3),
            owner: m(PG),
            strategy: RiskStrategy::Exploit,
            response_plan: s(
                "共通部品を在庫・請求の製造でも全面採用し、標準化ガイドを整備する。",
                "Adopt the common components in the inventory and billing builds and publish a standards guide.",
            ),
            review_date: day(49),
            ..Risk::default()
        },
    ));
    for (wd, offset, actor, id, risk) in risks {
        ev.push(cal.at(wd, 14, 0) + mins(u64::from(offset)), actor, Command::AddRisk { project: pid, id, risk });
    }

    let rset = |ev: &mut Events, at: DateTime<Utc>, actor: &str, id: Id, fields: Vec<(RiskField, Value)>| {
        ev.set(at, actor, EntityRef::risk(id), fields);
    };
    // Fortnightly risk reviews move the review dates on.
    let review = |ev: &mut Events, wd: u32, ids: &[Id], next: u32| {
        for (k, id) in ids.iter().enumerate() {
            let at = cal.at(wd, 15, 0) + mins(2 * k as u64);
            ev.set(at, pm, EntityRef::risk(*id), vec![(RiskField::ReviewDate, json!(cal.day(next)))]);
        }
    };
    rset(&mut ev, cal.at(16, 11, 20), lead, r10, vec![(RiskField::Status, json!(RiskStatus::Monitoring))]);
    review(&mut ev, 19, &[r1, r2, r3, r4, r5, r6, r8, r10], 34);
    // The proof of concept meets the performance target.
    rset(
        &mut ev,
        cal.at(23, 16, 20),
        se2,
        r3,
        vec![(RiskField::Probability, json!(2)), (RiskField::Status, json!(RiskStatus::Monitoring))],
    );
    // Interface design finds differences between the specs and real data.
    rset(
        &mut ev,
        cal.at(29, 15, 10),
        pm,
        r1,
        vec![(RiskField::Probability, json!(4)), (RiskField::ReviewDate, json!(cal.day(39)))],
    );
    rset(&mut ev, cal.at(34, 14, 50), pm, r2, vec![(RiskField::Probability, json!(4))]);
    review(&mut ev, 34, &[r1, r2, r3, r4, r5, r6, r7, r8, r10], 49);
    // The testing contract is signed.
    rset(
        &mut ev,
        cal.at(42, 10, 30),
        qa,
        r7,
        vec![(RiskField::Probability, json!(2)), (RiskField::Status, json!(RiskStatus::Closed))],
    );
    // Cleansing rules agreed (the data-quality issue is resolved).
    rset(&mut ev, cal.at(43, 13, 15), pg, r5, vec![(RiskField::Probability, json!(2))]);

    // The EDI risk occurs and becomes an issue; the EDI detailed design is blocked (see the WBS).
    ev.push(
        cal.at(47, 10, 30),
        se1,
        Command::RiskToIssue { project: pid, risk: r1, issue: i2, raised_on: cal.day(47) },
    );
    ev.set(
        cal.at(47, 10, 36),
        se1,
        EntityRef::issue(i2),
        vec![
            (
                IssueField::Title,
                json!(s(
                    "外部IF仕様の相違（大手取引先EDI）",
                    "External interface spec mismatch (major customer's EDI)"
                )),
            ),
            (
                IssueField::Description,
                json!(s(
                    "大手取引先A社のEDI伝票フォーマットが、受領済み仕様書（v1.2）と実データで相違している\
                 （明細行の項目順・桁数）。A社からの仕様回答待ちのため、EDI IF詳細設計を中断。",
                    "Customer A's EDI slip format differs between the spec we received (v1.2) and real data (field \
                 order and lengths in the detail lines). The EDI interface detailed design is on hold until \
                 customer A answers.",
                )),
            ),
            (IssueField::RaisedBy, json!(se1)),
            (IssueField::Due, json!(cal.day(56))),
            (IssueField::Status, json!(IssueStatus::InProgress)),
            (IssueField::LinkedTasks, json!([key.edi_dd])),
        ],
    );
    rset(
        &mut ev,
        cal.at(48, 9, 40),
        pm,
        r2,
        vec![(
            RiskField::ResponsePlan,
            json!(s(
                "レビューの一部を鈴木へ移管し、週次で負荷を確認する。業務知識は設計書に残す。\
             在庫管理詳細設計の遅延（課題8）を受け、佐藤の受注バッチ設計レビューを高橋へ移管。",
                "Hand part of the reviews to Ichiro Suzuki, check the workload weekly and record the business \
             knowledge in the design documents. After the inventory design slipped (issue 8), Misaki Takahashi \
             takes over the order batch design reviews from Hanako Sato.",
            )),
        )],
    );
    review(&mut ev, 49, &[r3, r4, r5, r6, r8, r9, r10], 64);
    rset(&mut ev, cal.at(49, 15, 30), pm, r2, vec![(RiskField::ReviewDate, json!(cal.day(54)))]);

    // ------------------------------------------------------------ apply, in time order
    ev.list.sort_by_key(|e| e.at);
    let mut ws = Workspace::default();
    let mut errors = Vec::new();
    for e in ev.list {
        let stamp = Stamp::new(e.at, e.actor, ids.next_id());
        let what = format!("{:?}", e.cmd);
        if let Err(err) = apply(&mut ws, e.cmd, &stamp) {
            errors.push(format!("{err} at {}: {what}", stamp.at));
        }
    }
    let project = ws.projects.remove(&pid).unwrap_or_else(|| Project::empty(pid));
    (project, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Change;
    use crate::rollup::{is_overdue, wbs_rows};
    use chrono::Timelike;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A week of days (every weekday incl. the weekend) in a few different years.
    fn todays() -> Vec<NaiveDate> {
        let mut v = Vec::new();
        for start in [d(2026, 3, 2), d(2024, 2, 26), d(2025, 12, 29)] {
            for k in 0..7 {
                v.push(start + Days::new(k));
            }
        }
        v
    }

    #[test]
    fn every_command_applies() {
        for today in todays() {
            for ja in [true, false] {
                for seed in [0, 1, 42, u64::MAX] {
                    let (_, errors) = build(ja, today, seed);
                    assert!(errors.is_empty(), "{today} ja={ja} seed={seed}: {errors:#?}");
                }
            }
        }
    }

    #[test]
    fn counts_and_shape() {
        for today in todays() {
            let p = sample_project(true, today, 7);
            assert!((38..=45).contains(&p.tasks.len()), "{} tasks", p.tasks.len());
            let rows = wbs_rows(&p);
            assert_eq!(rows.len(), p.tasks.len());
            assert_eq!(rows.iter().map(|r| r.depth).max(), Some(2), "3 levels deep");
            assert_eq!(p.children_of(None).len(), 6, "6 phases");
            assert!((7..=9).contains(&p.issues.len()), "{} issues", p.issues.len());
            assert!((9..=11).contains(&p.risks.len()), "{} risks", p.risks.len());
            assert_eq!(p.members.len(), 6);
            // The PMO side: stakeholders, two meetings with an open action item, the chosen
            // baseline, and a complete RACI matrix.
            assert_eq!((p.stakeholders.len(), p.meetings.len(), p.action_items.len(), p.baselines.len()), (4, 2, 4, 1));
            assert_eq!(p.info.baseline, p.baselines.keys().next().copied());
            assert_eq!(p.info.meeting_weekday, Some(Weekday::Tue));
            assert!(crate::raci::check(&p).is_empty(), "{:?}", crate::raci::check(&p));
            assert!(p.children_of(None).iter().all(|t| p.tasks[t].raci.len() == 4));
            let open = crate::open_actions::open_actions_before(&p, today);
            assert!(!open.is_empty() && open.len() < p.action_items.len(), "{} open", open.len());
            let b = p.baselines.values().next().unwrap();
            assert!(b.total_budget() > 0.0 && b.tasks.len() == p.tasks.len());
            for level in RiskLevel::ALL {
                assert!(p.risks.values().any(|r| r.level() == *level), "no {level:?} risk");
            }
            for kind in RiskKind::ALL {
                assert!(p.risks.values().any(|r| r.kind == *kind), "no {kind:?}");
            }
            assert!(p.risks.values().all(|r| r.strategy.fits(r.kind)));
            let occurred: Vec<&Risk> = p.risks.values().filter(|r| r.status == RiskStatus::Occurred).collect();
            assert_eq!(occurred.len(), 1);
            let issue = occurred[0].linked_issue.and_then(|i| p.issues.get(&i)).expect("linked issue");
            assert!(!issue.linked_risks.is_empty() && !issue.linked_tasks.is_empty());
            for st in [IssueStatus::Open, IssueStatus::InProgress, IssueStatus::Resolved, IssueStatus::Closed] {
                assert!(p.issues.values().any(|i| i.status == st), "no {st:?} issue");
            }
            assert!(p.issues.values().filter(|i| !i.status.is_open()).all(|i| !i.resolution.is_empty()));
            assert!((200..=600).contains(&p.changes.len()), "{} changes", p.changes.len());
            assert_eq!(p.info.status, ProjectStatus::Active);
            assert_eq!(p.info.start.map(|s| s.weekday()), Some(chrono::Weekday::Mon));
            let weeks_before = (today - p.info.start.unwrap()).num_days();
            assert!((70..77).contains(&weeks_before));
            let weeks_after = (p.info.target_end.unwrap() - today).num_days();
            assert!((100..=125).contains(&weeks_after), "{weeks_after}");
        }
    }

    #[test]
    fn progress_is_consistent_with_today() {
        for today in todays() {
            let p = sample_project(false, today, 3);
            let leaves: Vec<&Task> =
                p.tasks.keys().filter(|id| p.children_of(Some(**id)).is_empty()).map(|id| &p.tasks[id]).collect();
            assert_eq!(leaves.len(), 28);
            for t in &leaves {
                let (s, e) = (t.start.unwrap(), t.due.unwrap());
                assert!(s <= e);
                for day in [s, e] {
                    assert!(day.weekday().num_days_from_monday() < 5, "{} on a weekend", t.title);
                }
                assert!(t.assignee.is_some());
                if t.milestone {
                    assert_eq!((t.estimate_hours, s), (0.0, e));
                } else {
                    assert!(t.estimate_hours > 0.0);
                }
                match t.status {
                    TaskStatus::Done => {
                        assert!(e < today && t.percent == 100.0);
                        if !t.milestone {
                            let ratio = t.actual_hours / t.estimate_hours;
                            assert!((0.85..=1.25).contains(&ratio), "{}: {ratio}", t.title);
                        }
                    }
                    TaskStatus::NotStarted => assert!(s >= today && t.percent == 0.0 && t.actual_hours == 0.0),
                    TaskStatus::InProgress | TaskStatus::Blocked => {
                        assert!(s < today && t.percent > 0.0 && t.percent < 100.0 && t.actual_hours > 0.0)
                    }
                    TaskStatus::Cancelled => panic!("nothing is cancelled"),
                }
                for dep in &t.depends_on {
                    assert!(p.tasks[dep].due.unwrap() < s, "finish-to-start");
                }
            }
            let late: Vec<&&Task> = leaves.iter().filter(|t| is_overdue(t, today)).collect();
            assert!((1..=2).contains(&late.len()));
            assert!(late.iter().all(|t| t.status == TaskStatus::InProgress && (55.0..=65.0).contains(&t.percent)));
            assert_eq!(leaves.iter().filter(|t| t.status == TaskStatus::Blocked).count(), 1);
            assert!(leaves.iter().filter(|t| t.status == TaskStatus::InProgress).count() >= 3);
            assert!(leaves.iter().filter(|t| t.status == TaskStatus::Done).count() >= 10);
            assert!(leaves.iter().filter(|t| t.status == TaskStatus::NotStarted).count() >= 8);
            assert_eq!(leaves.iter().filter(|t| t.milestone).count(), 3);
            // Phase 1 is done, the last one has not finished.
            let phases = p.children_of(None);
            assert_eq!(p.tasks[&phases[0]].status, TaskStatus::Done);
            assert_eq!(p.tasks[&phases[3]].status, TaskStatus::InProgress);
            let progress = crate::rollup::project_progress(&p);
            assert!((20.0..60.0).contains(&progress), "{progress}");
        }
    }

    #[test]
    fn history_is_believable() {
        let today = d(2026, 3, 4);
        let p = sample_project(true, today, 11);
        let jst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
        for c in &p.changes {
            let local = c.at.with_timezone(&jst);
            assert!(local.date_naive() < today, "{c:?} is not in the past");
            assert!(local.weekday().num_days_from_monday() < 5, "{c:?} on a weekend");
            let minutes = local.hour() * 60 + local.minute();
            assert!((9 * 60..=18 * 60).contains(&minutes), "{c:?} outside office hours");
            assert!(c.actor == PMO || p.members.values().any(|m| m.name == c.actor), "actor {}", c.actor);
        }
        // Weekly updates: every started leaf has a history of its own.
        for (id, t) in &p.tasks {
            if t.status != TaskStatus::NotStarted && !t.milestone && p.children_of(Some(*id)).is_empty() {
                let n = p.changes.iter().filter(|c| c.entity.id == *id && c.field == "percent").count();
                assert!(n >= 1, "{}", t.title);
            }
        }
    }

    #[test]
    fn deterministic() {
        let today = d(2026, 3, 5);
        assert_eq!(sample_project(true, today, 9), sample_project(true, today, 9));
        assert_eq!(sample_project(false, today, 9), sample_project(false, today, 9));
        assert_ne!(sample_project(true, today, 9).id, sample_project(true, today, 10).id);
    }

    #[test]
    fn replay_gives_the_same_project() {
        for today in todays() {
            let p = sample_project(true, today, 5);
            let r = crate::replay::replay(p.id, &p.changes);
            assert_eq!(r.info, p.info);
            assert_eq!(r.members, p.members);
            assert_eq!(r.tasks, p.tasks);
            assert_eq!(r.issues, p.issues);
            assert_eq!(r.risks, p.risks);
        }
    }

    #[test]
    fn changes_are_in_order() {
        let p = sample_project(false, d(2026, 3, 6), 5);
        let keys: Vec<_> = p.changes.iter().map(Change::order_key).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        let mut ids: Vec<Id> = p.changes.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), p.changes.len());
    }

    #[test]
    fn export_import_roundtrip() {
        for ja in [true, false] {
            let p = sample_project(ja, d(2026, 3, 7), 13);
            let at = d(2026, 3, 7).and_hms_opt(3, 0, 0).unwrap().and_utc();
            let text = crate::format::export(&[&p], at, "test");
            let stamp = Stamp::new(at, "test", Id::from_u128(1));
            let imported = crate::format::import(&text, &stamp).expect("imports");
            assert_eq!(imported.projects.len(), 1);
            assert_eq!(imported.projects[0], p);
        }
    }

    #[test]
    fn both_languages_have_the_same_structure() {
        let today = d(2026, 3, 2);
        let ja = sample_project(true, today, 21);
        let en = sample_project(false, today, 21);
        assert_eq!(ja.id, en.id);
        assert_ne!(ja.info.name, en.info.name);
        assert_eq!(
            (ja.info.start, ja.info.target_end, ja.info.status),
            (en.info.start, en.info.target_end, en.info.status)
        );
        assert_eq!(ja.members.keys().collect::<Vec<_>>(), en.members.keys().collect::<Vec<_>>());
        for (id, a) in &ja.members {
            assert_eq!(a.capacity_hours_per_week, en.members[id].capacity_hours_per_week);
        }
        assert_eq!(ja.tasks.len(), en.tasks.len());
        for (id, a) in &ja.tasks {
            let b = &en.tasks[id];
            assert_ne!(a.title, b.title);
            let strip =
                |t: &Task| Task { title: String::new(), description: String::new(), tags: Vec::new(), ..t.clone() };
            assert_eq!(strip(a), strip(b));
            assert_eq!(a.tags.len(), b.tags.len());
            assert_eq!(a.description.is_empty(), b.description.is_empty());
        }
        for (id, a) in &ja.issues {
            let b = &en.issues[id];
            assert_eq!(
                (a.raised_on, a.owner, a.priority, a.due, a.status),
                (b.raised_on, b.owner, b.priority, b.due, b.status)
            );
            assert_eq!((&a.linked_tasks, &a.linked_risks), (&b.linked_tasks, &b.linked_risks));
        }
        for (id, a) in &ja.risks {
            let b = &en.risks[id];
            assert_eq!(
                (a.kind, a.probability, a.impact, a.owner, a.strategy, a.status),
                (b.kind, b.probability, b.impact, b.owner, b.strategy, b.status)
            );
            assert_eq!(
                (a.residual_probability, a.residual_impact, a.review_date, a.linked_issue),
                (b.residual_probability, b.residual_impact, b.review_date, b.linked_issue)
            );
        }
        assert_eq!(ja.changes.len(), en.changes.len());
        for (a, b) in ja.changes.iter().zip(&en.changes) {
            assert_eq!((a.id, a.at, a.batch, a.entity, &a.field), (b.id, b.at, b.batch, b.entity, &b.field));
        }
    }

    #[test]
    fn no_panic_at_the_ends_of_the_calendar() {
        for today in [NaiveDate::MIN, NaiveDate::MAX, d(1, 1, 1)] {
            let p = sample_project(true, today, 1);
            assert_eq!(p.tasks.len(), 44);
        }
    }
}
