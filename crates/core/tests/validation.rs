//! Model rules as enforced by `apply`: every bad edit is refused with a typed error and leaves the
//! workspace exactly as it was.

mod common;

use common::*;
use mieruka_core::model::{ProjectInfo, Task};
use mieruka_core::{
    Command, DomainError, EntityKind, EntityRef, Field, IssueField, MemberField, ProjectField, Risk, RiskField,
    RiskKind, RiskStrategy, TaskField,
};
use serde_json::json;

#[test]
fn empty_or_blank_title_is_refused() {
    let mut env = Env::new(1);
    let pid = env.pid;
    for title in ["", "   ", "\t\n"] {
        let id = env.id();
        let e = env.refused(Command::AddTask { project: pid, id, task: task(title) });
        assert_eq!(e, DomainError::EmptyTitle, "title {title:?}");
    }
    let t = env.add(None, "設計");
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Title, json!("")));
    assert_eq!(e, DomainError::EmptyTitle);
    let i = env.add_issue(issue("課題"));
    let e = env.refused(env.set_cmd(EntityRef::issue(i), IssueField::Title, json!(" ")));
    assert_eq!(e, DomainError::EmptyTitle);
    let r = env.add_risk(risk("リスク"));
    let e = env.refused(env.set_cmd(EntityRef::risk(r), RiskField::Title, json!("")));
    assert_eq!(e, DomainError::EmptyTitle);
    let e = env.refused(env.set_cmd(EntityRef::project(pid), ProjectField::Name, json!("  ")));
    assert_eq!(e, DomainError::EmptyName);
    let id = env.id();
    let e = env.refused(Command::AddMember { project: pid, id, member: member("") });
    assert_eq!(e, DomainError::EmptyName);
}

#[test]
fn due_before_start_is_refused() {
    let mut env = Env::new(2);
    let t = env.add_task(None, Task { start: Some(date(2025, 4, 10)), ..task("設計") });
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Due, json!("2025-04-09")));
    assert_eq!(e, DomainError::DueBeforeStart { start: date(2025, 4, 10), due: date(2025, 4, 9) });
    // Same day is fine.
    env.set_ok(EntityRef::task(t), TaskField::Due, json!("2025-04-10"));
    // Moving the start after the due is refused too.
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Start, json!("2025-04-11")));
    assert_eq!(e, DomainError::DueBeforeStart { start: date(2025, 4, 11), due: date(2025, 4, 10) });
    // The project's own dates.
    let pid = env.pid;
    let e = env.refused(Command::SetMany {
        project: pid,
        entity: EntityRef::project(pid),
        fields: vec![
            (ProjectField::Start.into(), json!("2025-10-01")),
            (ProjectField::TargetEnd.into(), json!("2025-09-30")),
        ],
    });
    assert_eq!(e, DomainError::DueBeforeStart { start: date(2025, 10, 1), due: date(2025, 9, 30) });
}

#[test]
fn percent_outside_0_to_100_is_refused() {
    let mut env = Env::new(3);
    let t = env.add(None, "実装");
    for bad in [101.0, -1.0, 100.000001, -0.5] {
        let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Percent, json!(bad)));
        assert_eq!(e, DomainError::PercentOutOfRange(bad));
    }
    for good in [0.0, 100.0, 33.3] {
        env.set_ok(EntityRef::task(t), TaskField::Percent, json!(good));
        assert_eq!(env.task(t).percent, good);
    }
    // NaN cannot travel in JSON; it can in a Task struct.
    let pid = env.pid;
    let id = env.id();
    let e = env.refused(Command::AddTask { project: pid, id, task: Task { percent: f64::NAN, ..task("NaN") } });
    assert!(matches!(e, DomainError::PercentOutOfRange(p) if p.is_nan()), "{e:?}");
    let e = env.refused(Command::InsertTask {
        project: pid,
        id,
        parent: None,
        after: None,
        task: Task { percent: 150.0, ..task("多すぎ") },
    });
    assert_eq!(e, DomainError::PercentOutOfRange(150.0));
}

#[test]
fn bad_hours_are_refused() {
    let mut env = Env::new(4);
    let t = env.add(None, "実装");
    for field in [TaskField::EstimateHours, TaskField::ActualHours, TaskField::RemainingHours] {
        for bad in [-1.0, -0.001, 1_000_000.5, 1e7] {
            let e = env.refused(env.set_cmd(EntityRef::task(t), field, json!(bad)));
            assert_eq!(e, DomainError::BadHours { field: field.name().to_string() }, "{field:?} = {bad}");
        }
        env.set_ok(EntityRef::task(t), field, json!(1_000_000.0));
        env.set_ok(EntityRef::task(t), field, json!(0));
    }
    let pid = env.pid;
    for (name, t) in [
        ("estimate_hours", Task { estimate_hours: f64::INFINITY, ..task("∞") }),
        ("estimate_hours", Task { estimate_hours: f64::NAN, ..task("NaN") }),
        ("actual_hours", Task { actual_hours: f64::NEG_INFINITY, ..task("-∞") }),
        ("actual_hours", Task { actual_hours: -3.0, ..task("負") }),
        ("remaining_hours", Task { remaining_hours: Some(f64::INFINITY), ..task("残∞") }),
        ("estimate_hours", Task { estimate_hours: 1e6 + 1.0, ..task("大") }),
    ] {
        let id = env.id();
        let e = env.refused(Command::AddTask { project: pid, id, task: t });
        assert_eq!(e, DomainError::BadHours { field: name.to_string() });
    }
    // A text where a number belongs is a type error, located at the field.
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::EstimateHours, json!("8h")));
    assert!(matches!(&e, DomainError::BadValue { field, .. } if field == "estimate_hours"), "{e:?}");
}

#[test]
fn risk_scale_is_1_to_5() {
    let mut env = Env::new(5);
    let pid = env.pid;
    for (field, v) in [("probability", 0u8), ("probability", 6), ("impact", 0), ("impact", 6)] {
        let mut r = risk("要員不足");
        match field {
            "probability" => r.probability = v,
            _ => r.impact = v,
        }
        let id = env.id();
        let e = env.refused(Command::AddRisk { project: pid, id, risk: r });
        assert_eq!(e, DomainError::OffScale { field: field.to_string(), value: v as i64 });
    }
    let r = env.add_risk(risk("要員不足"));
    for field in [RiskField::Probability, RiskField::Impact, RiskField::ResidualProbability, RiskField::ResidualImpact]
    {
        for v in [0, 6] {
            let e = env.refused(env.set_cmd(EntityRef::risk(r), field, json!(v)));
            assert_eq!(e, DomainError::OffScale { field: field.name().to_string(), value: v });
        }
        // Not a small whole number at all.
        for v in [json!(-1), json!(256), json!(2.5), json!("3")] {
            let e = env.refused(env.set_cmd(EntityRef::risk(r), field, v.clone()));
            assert!(matches!(&e, DomainError::BadValue { field: f, .. } if f == field.name()), "{field:?}={v}: {e:?}");
        }
        env.set_ok(EntityRef::risk(r), field, json!(5));
        env.set_ok(EntityRef::risk(r), field, json!(1));
    }
    env.set_ok(EntityRef::risk(r), RiskField::ResidualImpact, json!(null));
    assert_eq!(env.p().risks[&r].residual_impact, None);
}

#[test]
fn strategy_must_fit_the_kind_of_risk() {
    let mut env = Env::new(6);
    let pid = env.pid;
    for s in RiskStrategy::ALL.iter().copied() {
        for kind in [RiskKind::Threat, RiskKind::Opportunity] {
            let id = env.id();
            let cmd = Command::AddRisk { project: pid, id, risk: Risk { kind, strategy: s, ..risk("r") } };
            let fits = matches!(
                (kind, s),
                (RiskKind::Threat, RiskStrategy::Avoid | RiskStrategy::Transfer | RiskStrategy::Mitigate)
                    | (RiskKind::Opportunity, RiskStrategy::Exploit | RiskStrategy::Share | RiskStrategy::Enhance)
                    | (_, RiskStrategy::Accept)
            );
            if fits {
                env.ok(cmd);
            } else {
                assert_eq!(env.refused(cmd), DomainError::StrategyMismatch, "{kind:?} {s:?}");
            }
        }
    }
    let r = env.add_risk(risk("脅威")); // threat, mitigate
    let e = env.refused(env.set_cmd(EntityRef::risk(r), RiskField::Strategy, json!("exploit")));
    assert_eq!(e, DomainError::StrategyMismatch);
    let e = env.refused(env.set_cmd(EntityRef::risk(r), RiskField::Kind, json!("opportunity")));
    assert_eq!(e, DomainError::StrategyMismatch);
    // A form save changing both at once is fine.
    env.ok(Command::SetMany {
        project: pid,
        entity: EntityRef::risk(r),
        fields: vec![(RiskField::Kind.into(), json!("opportunity")), (RiskField::Strategy.into(), json!("exploit"))],
    });
    assert_eq!(env.p().risks[&r].strategy, RiskStrategy::Exploit);
}

#[test]
fn a_task_cannot_become_its_own_ancestor() {
    let mut env = Env::new(7);
    let a = env.add(None, "A");
    let b = env.add(Some(a), "B");
    let c = env.add(Some(b), "C");
    for target in [a, b, c] {
        let e = env.refused(env.set_cmd(EntityRef::task(a), TaskField::Parent, json!(target)));
        assert_eq!(e, DomainError::ParentCycle, "parent of A := {target}");
    }
    let pid = env.pid;
    let e = env.refused(Command::MoveTask { project: pid, task: a, parent: Some(c), index: 0 });
    assert_eq!(e, DomainError::ParentCycle);
    // A missing parent.
    let ghost = env.id();
    let e = env.refused(env.set_cmd(EntityRef::task(c), TaskField::Parent, json!(ghost)));
    assert_eq!(e, DomainError::NotFound { kind: "task", id: ghost });
    // Moving C to the top is fine.
    env.set_ok(EntityRef::task(c), TaskField::Parent, json!(null));
    assert_eq!(env.task(c).parent, None);
}

#[test]
fn dependency_rules() {
    let mut env = Env::new(8);
    let a = env.add(None, "A");
    let b = env.add(None, "B");
    let c = env.add(None, "C");
    env.set_ok(EntityRef::task(a), TaskField::DependsOn, json!([b]));
    let e = env.refused(env.set_cmd(EntityRef::task(b), TaskField::DependsOn, json!([a])));
    assert_eq!(e, DomainError::DependencyCycle);
    // Longer cycle: A→B, B→C, then C→A.
    env.set_ok(EntityRef::task(b), TaskField::DependsOn, json!([c]));
    let e = env.refused(env.set_cmd(EntityRef::task(c), TaskField::DependsOn, json!([a])));
    assert_eq!(e, DomainError::DependencyCycle);
    let e = env.refused(env.set_cmd(EntityRef::task(c), TaskField::DependsOn, json!([c])));
    assert_eq!(e, DomainError::SelfDependency);
    let pid = env.pid;
    let id = env.id();
    let e = env.refused(Command::AddTask { project: pid, id, task: Task { depends_on: vec![id], ..task("自分") } });
    assert_eq!(e, DomainError::SelfDependency);

    // A task of another project is foreign here.
    let other = env.id();
    let stamp = env.stamp();
    mieruka_core::apply(
        &mut env.ws,
        Command::CreateProject { id: other, info: ProjectInfo { name: "別案件".into(), ..ProjectInfo::default() } },
        &stamp,
    )
    .unwrap();
    let foreign = env.id();
    let stamp = env.stamp();
    mieruka_core::apply(&mut env.ws, Command::AddTask { project: other, id: foreign, task: task("よそ") }, &stamp)
        .unwrap();
    let e = env.refused(env.set_cmd(EntityRef::task(c), TaskField::DependsOn, json!([foreign])));
    assert_eq!(e, DomainError::ForeignTask(foreign));
    // A diamond is not a cycle.
    env.set_ok(EntityRef::task(a), TaskField::DependsOn, json!([b, c]));
}

#[test]
fn references_must_exist() {
    let mut env = Env::new(9);
    let t = env.add(None, "A");
    let ghost = env.id();
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Assignee, json!(ghost)));
    assert_eq!(e, DomainError::NotFound { kind: "member", id: ghost });
    let i = env.add_issue(issue("課題"));
    let e = env.refused(env.set_cmd(EntityRef::issue(i), IssueField::LinkedTasks, json!([t, ghost])));
    assert_eq!(e, DomainError::NotFound { kind: "task", id: ghost });
    let e = env.refused(env.set_cmd(EntityRef::issue(i), IssueField::LinkedRisks, json!([ghost])));
    assert_eq!(e, DomainError::NotFound { kind: "risk", id: ghost });
    let r = env.add_risk(risk("r"));
    let e = env.refused(env.set_cmd(EntityRef::risk(r), RiskField::LinkedIssue, json!(ghost)));
    assert_eq!(e, DomainError::NotFound { kind: "issue", id: ghost });
    let e = env.refused(env.set_cmd(EntityRef::task(ghost), TaskField::Title, json!("x")));
    assert_eq!(e, DomainError::NotFound { kind: "task", id: ghost });
    let pid = env.pid;
    let e = env.refused(Command::AddTask { project: pid, id: t, task: task("dup") });
    assert_eq!(e, DomainError::DuplicateId(t));
    let e = env.refused(Command::Delete { project: pid, entity: EntityRef::issue(ghost) });
    assert_eq!(e, DomainError::NotFound { kind: "issue", id: ghost });
    let e = env.refused(Command::Delete { project: pid, entity: EntityRef::project(pid) });
    assert!(matches!(e, DomainError::NotFound { kind: "project", .. }), "{e:?}");
    let nowhere = env.id();
    let e = env.refused(Command::AddTask { project: nowhere, id: ghost, task: task("x") });
    assert_eq!(e, DomainError::NoProject(nowhere));
}

#[test]
fn unknown_and_internal_fields_are_refused() {
    let mut env = Env::new(10);
    let t = env.add(None, "A");
    // A command names a field by its enum: an unknown or internal name is not one.
    for name in ["colour", "id", "$delete", "$create"] {
        assert_eq!(Field::parse(EntityKind::Task, name), None, "{name}");
        let e = Task::default().set_field(name, &json!(true));
        assert_eq!(e, Err(DomainError::UnknownField(name.into())), "{name}");
    }
    assert_eq!(Field::parse(EntityKind::Task, "percent"), Some(Field::Task(TaskField::Percent)));
    // A field of another kind of entity.
    let e = env.refused(env.set_cmd(EntityRef::task(t), IssueField::Resolution, json!("done")));
    assert_eq!(e, DomainError::FieldOfOtherKind { field: "resolution", of: "issue", entity: "task" });
    let e = env.refused(Command::SetMany {
        project: env.pid,
        entity: EntityRef::task(t),
        fields: vec![(TaskField::Title.into(), json!("B")), (ProjectField::Name.into(), json!("B"))],
    });
    assert_eq!(e, DomainError::FieldOfOtherKind { field: "name", of: "project", entity: "task" });
    assert_eq!(env.p().tasks[&t].title, "A", "all or nothing");
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Status, json!("finished")));
    assert!(matches!(&e, DomainError::BadValue { field, .. } if field == "status"), "{e:?}");
}

#[test]
fn text_length_limits_count_characters() {
    let mut env = Env::new(11);
    let t = env.add(None, "A");
    // 500 Japanese characters (1,500 bytes) is the limit, not 500 bytes.
    env.set_ok(EntityRef::task(t), TaskField::Title, json!("あ".repeat(500)));
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Title, json!("あ".repeat(501))));
    assert_eq!(e, DomainError::TooLong { field: "title".into(), max: 500 });
    env.set_ok(EntityRef::task(t), TaskField::Description, json!("説".repeat(100_000)));
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Description, json!("x".repeat(100_001))));
    assert_eq!(e, DomainError::TooLong { field: "description".into(), max: 100_000 });
    let e = env.refused(env.set_cmd(EntityRef::task(t), TaskField::Tags, json!(vec!["t"; 51])));
    assert_eq!(e, DomainError::TooLong { field: "tags".into(), max: 50 });
    let r = env.add_risk(risk("r"));
    let e = env.refused(env.set_cmd(EntityRef::risk(r), RiskField::ResponsePlan, json!("計".repeat(100_001))));
    assert_eq!(e, DomainError::TooLong { field: "response_plan".into(), max: 100_000 });
    let pid = env.pid;
    let e = env.refused(env.set_cmd(EntityRef::project(pid), ProjectField::Code, json!("C".repeat(51))));
    assert_eq!(e, DomainError::TooLong { field: "code".into(), max: 50 });
}

#[test]
fn member_capacity_and_working_days() {
    let mut env = Env::new(12);
    let m = env.add_member("山田");
    for bad in [json!(-1), json!(168.5), json!(1000)] {
        let e = env.refused(env.set_cmd(EntityRef::member(m), MemberField::CapacityHoursPerWeek, bad));
        assert_eq!(e, DomainError::BadCapacity);
    }
    let pid = env.pid;
    let e = env.refused(env.set_cmd(EntityRef::project(pid), ProjectField::WorkingDays, json!([])));
    assert_eq!(e, DomainError::NoWorkingDays);
    env.set_ok(EntityRef::project(pid), ProjectField::WorkingDays, json!(["mon", "sat"]));
}

#[test]
fn a_refused_set_many_changes_nothing() {
    let mut env = Env::new(13);
    let a = env.add(None, "A");
    let b = env.add(Some(a), "B");
    let pid = env.pid;
    // One good field, then a bad value, then a good one: nothing is applied.
    let before = env.ws.clone();
    let e = env.refused(Command::SetMany {
        project: pid,
        entity: EntityRef::task(b),
        fields: vec![
            (TaskField::Title.into(), json!("新しい名前")),
            (TaskField::Percent.into(), json!(150)),
            (TaskField::EstimateHours.into(), json!(8)),
        ],
    });
    assert_eq!(e, DomainError::PercentOutOfRange(150.0));
    // A type error after a good field.
    let e = env.refused(Command::SetMany {
        project: pid,
        entity: EntityRef::task(b),
        fields: vec![(TaskField::Title.into(), json!("新しい名前")), (TaskField::Due.into(), json!("2025-13-45"))],
    });
    assert!(matches!(&e, DomainError::BadValue { field, .. } if field == "due"), "{e:?}");
    // A cycle discovered only after all writes.
    let e = env.refused(Command::SetMany {
        project: pid,
        entity: EntityRef::task(a),
        fields: vec![(TaskField::Title.into(), json!("親")), (TaskField::Parent.into(), json!(b))],
    });
    assert_eq!(e, DomainError::ParentCycle);
    assert_eq!(env.ws, before);
    assert_eq!(env.task(b).title, "B");

    // A refused delete of a subtree, a refused RiskToIssue (duplicate issue id) and a refused move
    // change nothing either.
    let r = env.add_risk(risk("r"));
    let i = env.add_issue(issue("既存"));
    let before = env.ws.clone();
    let e = env.refused(Command::RiskToIssue { project: pid, risk: r, issue: i, raised_on: date(2025, 5, 1) });
    assert_eq!(e, DomainError::DuplicateId(i));
    let e = env.refused(Command::MoveTask { project: pid, task: a, parent: Some(b), index: 0 });
    assert_eq!(e, DomainError::ParentCycle);
    assert_eq!(env.ws, before);
}

#[test]
fn a_refused_command_among_many_rolls_back_renumbering() {
    // Fill a gap until the next insert needs a renumbering of the siblings, then make that insert
    // fail late (duplicate id): the renumbering writes must be rolled back too.
    let mut env = Env::new(14);
    let a = env.add(None, "A");
    let b = env.add(None, "B");
    let pid = env.pid;
    let mut n = 0;
    loop {
        let mut trial = env.ws.clone();
        let id = env.id();
        let stamp = env.stamp();
        let cmd = Command::InsertTask { project: pid, id, parent: None, after: Some(a), task: task("試し") };
        if mieruka_core::apply(&mut trial, cmd, &stamp).unwrap().len() > 1 {
            break;
        }
        env.insert_after(None, a, &format!("x{n}"));
        n += 1;
        assert!(n < 200, "no renumbering after {n} inserts");
    }
    let before = env.ws.clone();
    let e = env.refused(Command::InsertTask { project: pid, id: b, parent: None, after: Some(a), task: task("dup") });
    assert_eq!(e, DomainError::DuplicateId(b));
    assert_eq!(env.ws, before);
}
