//! The PMO's entities: stakeholders, meetings and action items, baselines, issued reports and the
//! RACI matrix — their rules, the one-step commands, the cascades of deletions, undo and merge.

mod common;

use std::collections::BTreeMap;

use chrono::Duration;
use common::*;
use mieruka_core::baseline::BaselineTask;
use mieruka_core::merge::{merge, preview, Side};
use mieruka_core::model::{ActionItem, Meeting, Report, Stakeholder};
use mieruka_core::open_actions::open_actions_before;
use mieruka_core::raci::{check, RaciProblem, RaciProblemKind};
use mieruka_core::replay::replay;
use mieruka_core::{
    ActionItemField, Command, DomainError, EntityRef, Id, MeetingField, MemberField, ProjectField, Raci, ReportField,
    ReportStatus, StakeholderField, Stamp, Task, TaskField, TaskStatus,
};
use serde_json::json;

fn stakeholder(name: &str) -> Stakeholder {
    Stakeholder { name: name.into(), organization: "株式会社丸和食品".into(), ..Stakeholder::default() }
}

fn add_stakeholder(env: &mut Env, s: Stakeholder) -> Id {
    let id = env.id();
    env.ok(Command::AddStakeholder { project: env.pid, id, stakeholder: s });
    id
}

fn add_meeting(env: &mut Env, day: u32, attendees: Vec<Id>) -> Id {
    let id = env.id();
    let meeting =
        Meeting { date: date(2025, 4, day), title: format!("定例会議 4/{day}"), attendees, ..Meeting::default() };
    env.ok(Command::AddMeeting { project: env.pid, id, meeting });
    id
}

fn add_action(env: &mut Env, meeting: Id, title: &str, owner: Option<Id>, due: Option<u32>) -> Id {
    let id = env.id();
    let item =
        ActionItem { meeting, title: title.into(), owner, due: due.map(|d| date(2025, 4, d)), ..ActionItem::default() };
    env.ok(Command::AddActionItem { project: env.pid, id, item });
    id
}

fn raci(v: &[(Id, Raci)]) -> serde_json::Value {
    json!(v.iter().copied().collect::<BTreeMap<Id, Raci>>())
}

// ---------------------------------------------------------------- RACI

#[test]
fn raci_rows_need_exactly_one_accountable_and_a_responsible() {
    let mut env = Env::new(1);
    let (m1, m2) = (env.add_member("山田 太郎"), env.add_member("佐藤 花子"));
    let s = add_stakeholder(&mut env, stakeholder("田中 部長"));
    let ok = env.add(None, "要件定義");
    let none = env.add(None, "基本設計");
    let two = env.add(None, "製造");
    let no_r = env.add(None, "テスト");
    let child = env.add(Some(no_r), "結合テスト"); // not a deliverable: never checked
    let cancelled = env.add(None, "旧システム調査");
    env.set_ok(
        EntityRef::task(ok),
        TaskField::Raci,
        raci(&[(m1, Raci::Responsible), (s, Raci::Accountable), (m2, Raci::Informed)]),
    );
    env.set_ok(
        EntityRef::task(two),
        TaskField::Raci,
        raci(&[(m1, Raci::Accountable), (m2, Raci::Accountable), (s, Raci::Responsible)]),
    );
    env.set_ok(EntityRef::task(no_r), TaskField::Raci, raci(&[(s, Raci::Accountable), (m1, Raci::Consulted)]));
    env.set_ok(EntityRef::task(cancelled), TaskField::Status, json!("cancelled"));
    let _ = child;
    assert_eq!(
        check(env.p()),
        vec![
            RaciProblem { task: none, kind: RaciProblemKind::NoAccountable },
            RaciProblem { task: none, kind: RaciProblemKind::NoResponsible },
            RaciProblem { task: two, kind: RaciProblemKind::SeveralAccountable { count: 2 } },
            RaciProblem { task: no_r, kind: RaciProblemKind::NoResponsible },
        ]
    );
    // Written as letters; an empty row is left out of the task's JSON.
    let v = serde_json::to_value(&env.p().tasks[&ok]).unwrap();
    assert_eq!(v["raci"][m1.to_string()], json!("R"));
    assert!(serde_json::to_value(&env.p().tasks[&none]).unwrap().get("raci").is_none());
    // A role for someone who is neither a member nor a stakeholder, or an unknown letter, is refused.
    let ghost = env.id();
    let e = env.refused(env.set_cmd(EntityRef::task(none), TaskField::Raci, json!({ ghost.to_string(): "R" })));
    assert_eq!(e, DomainError::NotFound { kind: "person", id: ghost });
    let e = env.refused(env.set_cmd(EntityRef::task(none), TaskField::Raci, json!({ m1.to_string(): "X" })));
    assert!(matches!(e, DomainError::BadValue { ref field, .. } if field == "raci"), "{e:?}");
}

// ---------------------------------------------------------------- action items

#[test]
fn an_action_item_becomes_a_task_in_one_undoable_step() {
    let mut env = Env::new(2);
    let m = env.add_member("山田 太郎");
    let boss = add_stakeholder(&mut env, Stakeholder { member: Some(m), ..stakeholder("山田 (兼 情シス)") });
    let outsider = add_stakeholder(&mut env, stakeholder("丸和食品 物流部"));
    let phase = env.add(None, "移行");
    let first = env.add(Some(phase), "移行計画");
    let mtg = add_meeting(&mut env, 7, vec![m, outsider]);
    let a = add_action(&mut env, mtg, "移行リハーサルの日程を決める", Some(boss), Some(18));
    let b = add_action(&mut env, mtg, "出荷データのサンプル提供", Some(outsider), None);

    let task = env.id();
    let changes = env.ok(Command::ActionToTask { project: env.pid, action: a, task, parent: Some(phase) });
    let batch = changes[0].batch;
    assert!(changes.iter().all(|c| c.batch == batch), "one batch");
    let t = env.task(task).clone();
    assert_eq!(
        (t.title.as_str(), t.parent, t.due),
        ("移行リハーサルの日程を決める", Some(phase), Some(date(2025, 4, 18)))
    );
    assert_eq!(t.assignee, Some(m), "a stakeholder who is also a member is assigned as that member");
    assert_eq!(env.p().children_of(Some(phase)), vec![first, task], "added at the end of the parent's children");
    assert_eq!(env.p().action_items[&a].task, Some(task));
    // Once linked, it does not become a second task.
    let again = env.id();
    let e = env.refused(Command::ActionToTask { project: env.pid, action: a, task: again, parent: None });
    assert_eq!(e, DomainError::AlreadyLinked { kind: "task" });

    // An outside stakeholder's action becomes an unassigned issue.
    let issue = env.id();
    let changes = env.ok(Command::ActionToIssue { project: env.pid, action: b, issue, raised_on: date(2025, 4, 8) });
    assert_eq!(changes.len(), 2);
    let i = &env.p().issues[&issue];
    assert_eq!(
        (i.title.as_str(), i.owner, i.raised_on, i.due),
        ("出荷データのサンプル提供", None, Some(date(2025, 4, 8)), None)
    );
    assert_eq!(env.p().action_items[&b].issue, Some(issue));

    // Undo takes back the task and the link together.
    env.ok(Command::Revert { project: env.pid, batch });
    assert!(!env.p().tasks.contains_key(&task));
    assert_eq!(env.p().action_items[&a].task, None);
    assert_eq!(entities(&replay(env.pid, &env.p().changes)), entities(env.p()));
    // A missing action item is refused.
    let ghost = env.id();
    let e = env.refused(Command::ActionToIssue {
        project: env.pid,
        action: ghost,
        issue: ghost,
        raised_on: date(2025, 4, 8),
    });
    assert_eq!(e, DomainError::NotFound { kind: "action_item", id: ghost });
}

#[test]
fn open_actions_of_earlier_meetings_feed_the_next_agenda() {
    let mut env = Env::new(3);
    let m = env.add_member("山田 太郎");
    let w1 = add_meeting(&mut env, 7, vec![m]);
    let w2 = add_meeting(&mut env, 14, vec![m]);
    let w3 = add_meeting(&mut env, 21, vec![m]);
    let late = add_action(&mut env, w2, "B: 見積りの再提出", Some(m), None);
    let early = add_action(&mut env, w2, "C: 議事録の配布", Some(m), Some(15));
    let old = add_action(&mut env, w1, "Z: 課題一覧の棚卸し", None, Some(30));
    let done = add_action(&mut env, w1, "A: 会議室の予約", None, None);
    env.set_ok(EntityRef::action_item(done), ActionItemField::Done, json!(true));
    let via_task = add_action(&mut env, w1, "D: 環境構築", Some(m), None);
    let t = env.id();
    env.ok(Command::ActionToTask { project: env.pid, action: via_task, task: t, parent: None });
    env.set_ok(EntityRef::task(t), TaskField::Status, json!("done"));
    add_action(&mut env, w3, "E: 今日の宿題", None, None);

    let ids =
        |env: &Env, d: u32| open_actions_before(env.p(), date(2025, 4, d)).iter().map(|o| o.id).collect::<Vec<_>>();
    // Oldest meeting first, then by due date (undated last); done items and items whose task is done are closed.
    assert_eq!(ids(&env, 21), vec![old, early, late]);
    assert_eq!(ids(&env, 14), vec![old], "the meeting of the day itself is not before it");
    assert!(ids(&env, 7).is_empty());
    let first = &open_actions_before(env.p(), date(2025, 4, 21))[0];
    assert_eq!((first.meeting_id, first.meeting.title.as_str()), (w1, "定例会議 4/7"));
    // Reopening the task reopens the action.
    env.set_ok(EntityRef::task(t), TaskField::Status, json!("in_progress"));
    assert_eq!(ids(&env, 21), vec![old, via_task, early, late]);
}

// ---------------------------------------------------------------- cascades

#[test]
fn deleting_a_meeting_takes_its_action_items_and_undo_brings_both_back() {
    let mut env = Env::new(4);
    let w1 = add_meeting(&mut env, 7, vec![]);
    let w2 = add_meeting(&mut env, 14, vec![]);
    let a = add_action(&mut env, w1, "a", None, None);
    let b = add_action(&mut env, w1, "b", None, None);
    let c = add_action(&mut env, w2, "c", None, None);
    let before = entities(env.p());
    let changes = env.ok(Command::Delete { project: env.pid, entity: EntityRef::meeting(w1) });
    assert_eq!(changes.len(), 3);
    assert!(changes.iter().all(|ch| ch.is_delete()));
    assert_eq!(env.p().action_items.keys().copied().collect::<Vec<_>>(), vec![c]);
    assert!(!env.p().meetings.contains_key(&w1));
    env.ok(Command::Revert { project: env.pid, batch: changes[0].batch });
    assert_eq!(entities(env.p()), before);
    // An action item cannot point at a missing meeting, and undoing a meeting's creation while
    // it has action items is refused rather than leaving them orphaned.
    let ghost = env.id();
    let e = env.refused(env.set_cmd(EntityRef::action_item(a), ActionItemField::Meeting, json!(ghost)));
    assert_eq!(e, DomainError::NotFound { kind: "meeting", id: ghost });
    let created =
        env.p().changes.iter().find(|ch| ch.entity == EntityRef::meeting(w1) && ch.is_create()).unwrap().batch;
    env.refused(Command::Revert { project: env.pid, batch: created });
    let _ = b;
}

#[test]
fn deleting_a_person_clears_attendance_ownership_and_raci_roles() {
    let mut env = Env::new(5);
    let m = env.add_member("山田 太郎");
    let other = env.add_member("佐藤 花子");
    let s = add_stakeholder(&mut env, Stakeholder { member: Some(m), ..stakeholder("山田 (兼務)") });
    let s2 = add_stakeholder(&mut env, stakeholder("鈴木 課長"));
    let t = env.add(None, "要件定義");
    env.set_ok(
        EntityRef::task(t),
        TaskField::Raci,
        raci(&[(m, Raci::Responsible), (s2, Raci::Accountable), (other, Raci::Informed)]),
    );
    let mtg = add_meeting(&mut env, 7, vec![m, s2, other]);
    let a = add_action(&mut env, mtg, "調整", Some(m), None);
    let b = add_action(&mut env, mtg, "承認", Some(s2), None);

    let changes = env.ok(Command::Delete { project: env.pid, entity: EntityRef::member(m) });
    let p = env.p();
    assert_eq!(p.stakeholders[&s].member, None);
    assert_eq!(p.meetings[&mtg].attendees, vec![s2, other]);
    assert_eq!(p.action_items[&a].owner, None);
    assert_eq!(p.tasks[&t].raci.keys().copied().collect::<Vec<_>>(), {
        let mut v = vec![s2, other];
        v.sort();
        v
    });
    env.ok(Command::Revert { project: env.pid, batch: changes[0].batch });
    assert_eq!(env.p().meetings[&mtg].attendees, vec![m, s2, other]);

    env.ok(Command::Delete { project: env.pid, entity: EntityRef::stakeholder(s2) });
    let p = env.p();
    assert_eq!(p.meetings[&mtg].attendees, vec![m, other]);
    assert_eq!(p.action_items[&b].owner, None);
    assert!(!p.tasks[&t].raci.contains_key(&s2));
    assert_eq!(check(p), vec![RaciProblem { task: t, kind: RaciProblemKind::NoAccountable }]);
}

#[test]
fn deleting_a_task_or_an_issue_unlinks_the_action_item() {
    let mut env = Env::new(6);
    let mtg = add_meeting(&mut env, 7, vec![]);
    let a = add_action(&mut env, mtg, "仕様確認", None, None);
    let parent = env.add(None, "設計");
    let task = env.id();
    env.ok(Command::ActionToTask { project: env.pid, action: a, task, parent: Some(parent) });
    let issue = env.id();
    env.ok(Command::ActionToIssue { project: env.pid, action: a, issue, raised_on: date(2025, 4, 7) });
    env.ok(Command::Delete { project: env.pid, entity: EntityRef::task(parent) }); // the subtree goes
    assert_eq!(env.p().action_items[&a].task, None);
    env.ok(Command::Delete { project: env.pid, entity: EntityRef::issue(issue) });
    assert_eq!(env.p().action_items[&a].issue, None);
    // Unlinked, it can become a task again.
    let again = env.id();
    env.ok(Command::ActionToTask { project: env.pid, action: a, task: again, parent: None });
}

// ---------------------------------------------------------------- baselines

#[test]
fn a_baseline_freezes_dates_estimates_and_costs() {
    let mut env = Env::new(7);
    env.set_ok(EntityRef::project(env.pid), ProjectField::DefaultRate, json!(5000));
    let m = env.add_member("山田 太郎");
    env.set_ok(EntityRef::member(m), MemberField::Rate, json!(8000));
    let design = env.add(None, "設計");
    let screens = env.add_task(
        Some(design),
        Task {
            assignee: Some(m),
            estimate_hours: 40.0,
            start: Some(date(2025, 4, 7)),
            due: Some(date(2025, 4, 11)),
            ..task("画面設計")
        },
    );
    let batch = env.add_task(Some(design), Task { estimate_hours: 16.0, ..task("バッチ設計") });
    let gate = env.add_task(None, Task { milestone: true, due: Some(date(2025, 4, 30)), ..task("設計レビュー") });
    let dropped = env.add_task(None, Task { estimate_hours: 8.0, status: TaskStatus::Cancelled, ..task("旧案") });

    let id = env.id();
    let changes =
        env.ok(Command::TakeBaseline {
            project: env.pid, id, name: "計画承認版".into(), taken_on: date(2025, 4, 4)
        });
    let b = env.p().baselines[&id].clone();
    assert_eq!((b.name.as_str(), b.taken_on, b.taken_at), ("計画承認版", date(2025, 4, 4), changes[0].at));
    assert_eq!(b.tasks.len(), 5);
    assert_eq!(
        b.tasks[&screens],
        BaselineTask {
            parent: Some(design),
            title: "画面設計".into(),
            start: Some(date(2025, 4, 7)),
            due: Some(date(2025, 4, 11)),
            estimate_hours: 40.0,
            budget: 320_000.0,
            milestone: false,
        }
    );
    assert_eq!(b.tasks[&batch].budget, 80_000.0, "no assignee: the project's default rate");
    assert_eq!((b.tasks[&gate].budget, b.tasks[&gate].milestone), (0.0, true));
    assert_eq!(b.tasks[&dropped].budget, 0.0, "cancelled: not in the plan");
    assert_eq!(b.total_budget(), 400_000.0);

    // The plan moves on; the baseline does not.
    env.set_ok(EntityRef::task(screens), TaskField::Due, json!("2025-04-18"));
    env.ok(Command::Delete { project: env.pid, entity: EntityRef::task(batch) });
    assert_eq!(env.p().baselines[&id], b);

    // Choosing it; a baseline that does not exist cannot be chosen; deleting it clears the choice.
    env.set_ok(EntityRef::project(env.pid), ProjectField::Baseline, json!(id));
    let ghost = env.id();
    let e = env.refused(env.set_cmd(EntityRef::project(env.pid), ProjectField::Baseline, json!(ghost)));
    assert_eq!(e, DomainError::NotFound { kind: "baseline", id: ghost });
    let del = env.ok(Command::Delete { project: env.pid, entity: EntityRef::baseline(id) });
    assert_eq!(env.p().info.baseline, None);
    env.ok(Command::Revert { project: env.pid, batch: del[0].batch });
    assert_eq!(env.p().info.baseline, Some(id));
}

#[test]
fn without_rates_a_baseline_counts_hours() {
    let mut env = Env::new(8);
    let t = env.add_task(None, Task { estimate_hours: 12.5, ..task("調査") });
    let id = env.id();
    env.ok(Command::TakeBaseline { project: env.pid, id, name: "初版".into(), taken_on: date(2025, 4, 1) });
    assert_eq!(env.p().baselines[&id].tasks[&t].budget, 12.5);
    let e = env.refused(Command::TakeBaseline {
        project: env.pid,
        id: Id::from_u128(77),
        name: " ".into(),
        taken_on: date(2025, 4, 1),
    });
    assert_eq!(e, DomainError::EmptyName);
}

// ---------------------------------------------------------------- rules of single entities

#[test]
fn rules_of_the_new_entities() {
    let mut env = Env::new(9);
    let pid = env.pid;
    let e = env.refused(Command::AddStakeholder {
        project: pid,
        id: Id::from_u128(78),
        stakeholder: Stakeholder { influence: 6, ..stakeholder("x") },
    });
    assert_eq!(e, DomainError::OffScale { field: "influence".into(), value: 6 });
    let e = env.refused(Command::AddStakeholder { project: pid, id: Id::from_u128(78), stakeholder: stakeholder("") });
    assert_eq!(e, DomainError::EmptyName);
    let ghost = env.id();
    let e = env.refused(Command::AddStakeholder {
        project: pid,
        id: Id::from_u128(78),
        stakeholder: Stakeholder { member: Some(ghost), ..stakeholder("x") },
    });
    assert_eq!(e, DomainError::NotFound { kind: "member", id: ghost });
    let e = env.refused(Command::AddMeeting {
        project: pid,
        id: Id::from_u128(78),
        meeting: Meeting { attendees: vec![ghost], ..Meeting { title: "定例".into(), ..Meeting::default() } },
    });
    assert_eq!(e, DomainError::NotFound { kind: "person", id: ghost });
    let e = env.refused(Command::AddMeeting { project: pid, id: Id::from_u128(78), meeting: Meeting::default() });
    assert_eq!(e, DomainError::EmptyTitle);
    let report = Report { period_start: date(2025, 4, 7), period_end: date(2025, 4, 4), ..Report::default() };
    let e = env.refused(Command::AddReport { project: pid, id: Id::from_u128(78), report });
    assert_eq!(e, DomainError::PeriodEndsBeforeStart { start: date(2025, 4, 7), end: date(2025, 4, 4) });
    let e = env.refused(env.set_cmd(EntityRef::project(pid), ProjectField::MeetingEveryWeeks, json!(0)));
    assert_eq!(e, DomainError::BadCadence { max: 12 });
    let e = env.refused(env.set_cmd(EntityRef::project(pid), ProjectField::MeetingWeekday, json!("someday")));
    assert!(matches!(e, DomainError::BadValue { .. }), "{e:?}");
    env.set_ok(EntityRef::project(pid), ProjectField::MeetingWeekday, json!("tue"));
    env.set_ok(EntityRef::project(pid), ProjectField::MeetingEveryWeeks, json!(2));
    assert_eq!((env.p().info.meeting_weekday, env.p().info.meeting_every_weeks), (Some(mieruka_core::Weekday::Tue), 2));
    let s = add_stakeholder(
        &mut env,
        Stakeholder { engagement_current: mieruka_core::Engagement::Resistant, ..stakeholder("x") },
    );
    assert_eq!(env.p().stakeholders[&s].engagement_gap(), 2);
}

#[test]
fn an_issued_report_keeps_its_body_as_issued() {
    let mut env = Env::new(10);
    let body = json!({ "progress": { "percent": 43.75, "done": ["要件定義"] }, "spi": 0.92, "charts": { "burndown": "<svg/>" } });
    let id = env.id();
    let report = Report {
        period_start: date(2025, 4, 7),
        period_end: date(2025, 4, 11),
        issued_on: date(2025, 4, 11),
        author: "山田 太郎".into(),
        body: body.clone(),
        status: ReportStatus::Amber,
        status_reason: "基本設計が 3 日遅延".into(),
        ..Report::default()
    };
    env.ok(Command::AddReport { project: env.pid, id, report });
    // The plan changes; the narrative is edited; the body stays what was issued.
    env.add(None, "追加タスク");
    env.set_ok(EntityRef::report(id), ReportField::NextPlan, json!("詳細設計に着手"));
    let text = mieruka_core::format::export(&[env.p()], t0(), "test");
    let back = mieruka_core::format::import(&text, &Stamp::new(t0(), "x", Id::nil())).unwrap();
    let r = &back.projects[0].reports[&id];
    assert_eq!((&r.body, r.status, r.next_plan.as_str()), (&body, ReportStatus::Amber, "詳細設計に着手"));
    assert_eq!(&back.projects[0], env.p());
}

// ---------------------------------------------------------------- merge

#[test]
fn concurrent_edits_of_the_new_kinds_merge_per_field() {
    let mut base = Env::new(11);
    let s = add_stakeholder(&mut base, stakeholder("田中 部長"));
    let mtg = add_meeting(&mut base, 7, vec![]);
    let a = add_action(&mut base, mtg, "見積り依頼", None, None);
    let mut local = fork(&base, "yamada", 111);
    let mut inc = fork(&base, "sato", 112);
    local.set_ok(EntityRef::stakeholder(s), StakeholderField::Interest, json!(5));
    inc.set_ok(EntityRef::stakeholder(s), StakeholderField::Interest, json!(2));
    inc.set_ok(EntityRef::stakeholder(s), StakeholderField::Channel, json!("定例会議"));
    local.set_ok(EntityRef::meeting(mtg), MeetingField::Minutes, json!("A 案で合意"));
    inc.set_ok(EntityRef::action_item(a), ActionItemField::Done, json!(true));
    inc.ok(Command::Delete { project: inc.pid, entity: EntityRef::meeting(mtg) }); // takes the action with it
    local.set_ok(EntityRef::action_item(a), ActionItemField::Title, json!("見積り依頼 (再)"));

    let pv = preview(local.p(), inc.p());
    let fields: Vec<(EntityRef, &str)> = pv.conflicts.iter().map(|c| (c.entity, c.field.as_str())).collect();
    assert!(fields.contains(&(EntityRef::stakeholder(s), "interest")), "{fields:?}");
    assert!(fields.contains(&(EntityRef::action_item(a), "$delete")), "{fields:?}");
    assert!(fields.contains(&(EntityRef::meeting(mtg), "$delete")), "{fields:?}");
    assert!(!fields.iter().any(|(_, f)| *f == "channel"));
    let titles: Vec<&str> = pv.conflicts.iter().map(|c| c.title.as_str()).collect();
    assert!(titles.contains(&"田中 部長") && titles.contains(&"見積り依頼 (再)"), "{titles:?}");

    // Latest wins; the deletion wins by default.
    let m =
        merge(local.p(), inc.p(), &BTreeMap::new(), &Stamp::new(t0() + Duration::days(9), "m", Id::from_u128(9 << 64)));
    // Same instant: the actor breaks the tie ("yamada" > "sato"), so the local 5 wins.
    let c = pv.conflicts.iter().find(|c| c.entity == EntityRef::stakeholder(s)).unwrap();
    assert_eq!((c.local.clone(), c.incoming.clone(), c.winner), (json!(5), json!(2), Side::Local));
    assert_eq!((m.stakeholders[&s].interest, m.stakeholders[&s].channel.as_str()), (5, "定例会議"));
    assert!(!m.meetings.contains_key(&mtg) && !m.action_items.contains_key(&a));
    // Keeping the action item brings its meeting back too, with both sides' edits.
    let picks = BTreeMap::from([((EntityRef::action_item(a), "$delete".to_string()), Side::Local)]);
    let kept = merge(local.p(), inc.p(), &picks, &Stamp::new(t0() + Duration::days(9), "m", Id::from_u128(9 << 64)));
    let item = &kept.action_items[&a];
    assert_eq!((item.title.as_str(), item.done, item.meeting), ("見積り依頼 (再)", true, mtg));
    assert_eq!(kept.meetings[&mtg].minutes, "A 案で合意");
    assert_eq!(entities(&replay(kept.id, &kept.changes)), entities(&kept));
}
