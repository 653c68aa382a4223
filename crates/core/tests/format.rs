//! The file format: export → import round trips, the frozen v1 fixture, migrations, and located
//! rejections of bad files.

mod common;

use std::time::{Duration, Instant};

use common::*;
use mieruka_core::fields::Expected;
use mieruka_core::format::{
    export, import, import_through_value, import_typed, ImportError, Imported, Problem, MAX_FILE_BYTES, SCHEMA_VERSION,
};
use mieruka_core::id::SeqIds;
use mieruka_core::migrate;
use mieruka_core::replay::replay;
use mieruka_core::rollup::{project_progress, rollups, wbs_rows};
use mieruka_core::{
    DomainError, Id, IssueStatus, Priority, Project, ProjectStatus, RiskKind, RiskLevel, RiskStatus, RiskStrategy,
    Stamp, Task, TaskStatus, Weekday,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const FIXTURE: &str = include_str!("fixtures/v1-sample.json");

fn id(s: &str) -> Id {
    Id::parse_str(s).unwrap()
}

const P: &str = "0b6a3c52-6f3e-4a53-9d39-3f0b0c2a1e01";
const M1: &str = "7c1e2f40-1a2b-4c3d-8e4f-5a6b7c8d9e01";
const M2: &str = "7c1e2f40-1a2b-4c3d-8e4f-5a6b7c8d9e02";
const T1: &str = "5d2b8e61-3c4a-4f7e-9b1d-2e6f8a0c1001";
const T2: &str = "5d2b8e61-3c4a-4f7e-9b1d-2e6f8a0c1002";
const T3: &str = "5d2b8e61-3c4a-4f7e-9b1d-2e6f8a0c1003";
const T4: &str = "5d2b8e61-3c4a-4f7e-9b1d-2e6f8a0c1004";
const I1: &str = "9e4c7a22-8b1f-4d6e-a3c5-7f9b1d3e2001";
const I2: &str = "9e4c7a22-8b1f-4d6e-a3c5-7f9b1d3e2002";
const R1: &str = "c8f1d3a4-5e6b-4a7c-b9d8-e0f2a4c63001";
const R2: &str = "c8f1d3a4-5e6b-4a7c-b9d8-e0f2a4c63002";

fn import_stamp() -> Stamp {
    Stamp::new(instant("2025-07-01T00:00:00Z"), "importer", SeqIds::new(77).next_id())
}

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

fn import_value(v: &Value) -> Result<Imported, ImportError> {
    import(&serde_json::to_string(v).unwrap(), &import_stamp())
}

#[track_caller]
fn rejected(v: &Value) -> ImportError {
    match import_value(v) {
        Ok(_) => panic!("accepted"),
        Err(e) => e,
    }
}

#[track_caller]
fn rejected_text(text: &str) -> ImportError {
    match import(text, &import_stamp()) {
        Ok(_) => panic!("accepted: {:.80}", text),
        Err(e) => e,
    }
}

fn located(path: &str, problem: Problem) -> ImportError {
    ImportError { path: path.to_string(), problem }
}

// ------------------------------------------------------------------ the v1 fixture

#[test]
fn the_v1_fixture_loads_with_exact_content() {
    let imported = import(FIXTURE, &import_stamp()).expect("fixture imports");
    assert_eq!(imported.schema_version, 1);
    assert_eq!(imported.exported_at, Some(instant("2025-06-02T10:00:00Z")));
    assert_eq!(imported.app_version, "0.1.0");
    assert_eq!(imported.projects.len(), 1);
    let p = &imported.projects[0];
    assert_eq!(p.id, id(P));
    assert_eq!(p.info.code, "PRJ-2025-001");
    assert_eq!(p.info.name, "基幹システム刷新");
    assert_eq!(p.info.description, "販売管理システムをクラウドへ移行する。\n第1期：受注・出荷。");
    assert_eq!(p.info.manager, "山田 太郎");
    assert_eq!((p.info.start, p.info.target_end), (Some(date(2025, 4, 1)), Some(date(2025, 9, 30))));
    assert_eq!(p.info.status, ProjectStatus::Active);
    assert_eq!(p.info.working_days, Weekday::monday_to_friday());
    assert!(!p.info.archived);

    assert_eq!((p.members.len(), p.tasks.len(), p.issues.len(), p.risks.len()), (2, 4, 2, 2));
    assert_eq!(p.members[&id(M1)].name, "山田 太郎");
    assert_eq!(p.members[&id(M2)].capacity_hours_per_week, 32.5);

    let t2 = &p.tasks[&id(T2)];
    assert_eq!(t2.parent, Some(id(T1)));
    assert_eq!(t2.title, "現行業務ヒアリング");
    assert_eq!(t2.assignee, Some(id(M1)));
    assert_eq!((t2.estimate_hours, t2.actual_hours, t2.percent), (40.0, 42.0, 100.0));
    assert_eq!(t2.status, TaskStatus::Done);
    assert_eq!(t2.tags, vec!["要件".to_string(), "ヒアリング".to_string()]);
    let t4 = &p.tasks[&id(T4)];
    assert_eq!(t4.depends_on, vec![id(T2)]);
    assert_eq!((t4.estimate_hours, t4.actual_hours, t4.percent, t4.story_points), (120.0, 30.0, 25.0, Some(8.0)));
    assert_eq!(t4.remaining_hours, None);

    let numbers: Vec<(String, Id)> = wbs_rows(p).into_iter().map(|r| (r.number, r.id)).collect();
    assert_eq!(
        numbers,
        vec![("1".into(), id(T1)), ("1.1".into(), id(T2)), ("2".into(), id(T3)), ("2.1".into(), id(T4))]
    );
    let roll = rollups(p);
    assert_eq!((roll[&id(T1)].estimate, roll[&id(T1)].percent), (40.0, 100.0));
    assert_eq!((roll[&id(T3)].estimate, roll[&id(T3)].percent, roll[&id(T3)].remaining), (120.0, 25.0, 90.0));
    assert_eq!(project_progress(p), 43.75); // (100 × 40 + 25 × 120) / 160

    let i1 = &p.issues[&id(I1)];
    assert_eq!(i1.title, "顧客マスタの移行方針が未決定");
    assert_eq!((i1.status, i1.priority), (IssueStatus::InProgress, Priority::High));
    assert_eq!(i1.linked_tasks, vec![id(T2)]);
    assert_eq!(p.issues[&id(I2)].linked_risks, vec![id(R1)]);
    let r1 = &p.risks[&id(R1)];
    assert_eq!((r1.kind, r1.strategy, r1.status), (RiskKind::Threat, RiskStrategy::Mitigate, RiskStatus::Open));
    assert_eq!((r1.score(), r1.level()), (16, RiskLevel::Critical));
    assert_eq!((r1.residual_probability, r1.residual_impact), (Some(2), Some(3)));
    let r2 = &p.risks[&id(R2)];
    assert_eq!(
        (r2.kind, r2.strategy, r2.status),
        (RiskKind::Opportunity, RiskStrategy::Enhance, RiskStatus::Monitoring)
    );
    assert_eq!(r2.level(), RiskLevel::Medium);

    // The file's 5 changes, in effective order, then 9 synthetic creations (2 members, the 3 tasks
    // the log does not create, 2 issues, 2 risks) that make the log explain the state.
    assert_eq!(p.changes.len(), 14);
    let file_ids: Vec<Id> = p.changes[..5].iter().map(|c| c.id).collect();
    let want: Vec<Id> = (1..=5).map(|n| id(&format!("e1a2b3c4-d5e6-4f70-8192-a3b4c5d6400{n}"))).collect();
    assert_eq!(file_ids, want);
    assert_eq!(p.changes[0].actor, "山田 太郎");
    assert_eq!(p.changes[3].at, instant("2025-06-01T09:00:00.123Z"));
    let stamp = import_stamp();
    for c in &p.changes[5..] {
        assert!(c.is_create(), "{c:?}");
        assert_eq!((c.actor.as_str(), c.batch, c.at), ("importer", stamp.batch, stamp.at));
    }
    let mut created: Vec<Id> = p.changes[5..].iter().map(|c| c.entity.id).collect();
    created.sort();
    let mut want = vec![id(M1), id(M2), id(T1), id(T2), id(T3), id(I1), id(I2), id(R1), id(R2)];
    want.sort();
    assert_eq!(created, want);
    assert_eq!(entities(&replay(p.id, &p.changes)), entities(p));
    assert_eq!(p.issue_numbers()[&id(I1)], mieruka_core::Number::plain(1));
    assert_eq!(p.issue_numbers()[&id(I2)], mieruka_core::Number::plain(2));

    // Importing it again (same stamp) gives the same project; so does a re-export and import.
    let again = import(FIXTURE, &import_stamp()).unwrap();
    assert_eq!(again, imported);
    let text = export(&[p], instant("2025-07-02T00:00:00Z"), "0.1.0");
    let later = Stamp::new(instant("2025-08-01T00:00:00Z"), "someone", SeqIds::new(5).next_id());
    let re = import(&text, &later).unwrap();
    assert_eq!(&re.projects[0], p);
}

#[test]
fn the_v1_fixture_is_frozen_and_migrates_idempotently() {
    let v = fixture();
    assert_eq!(v["schema_version"], json!(1), "the fixture is a v1 file and must stay one");
    assert!(migrate::supported_versions().contains(&1));
    let once = migrate::to_current(v.clone(), 1).unwrap();
    let twice = migrate::to_current(once.clone(), SCHEMA_VERSION).unwrap();
    assert_eq!(once, twice);
    assert_eq!(once["schema_version"], json!(SCHEMA_VERSION));
    if SCHEMA_VERSION == 1 {
        assert_eq!(once, v);
    }
    // The migrated document imports to the same projects.
    let a = import(FIXTURE, &import_stamp()).unwrap();
    let b = import_value(&twice).unwrap();
    assert_eq!(a.projects, b.projects);
    // Versions that do not exist are refused by the migration itself.
    for bad in [0, SCHEMA_VERSION + 1] {
        let e = migrate::to_current(v.clone(), bad).unwrap_err();
        assert_eq!(e, located("schema_version", Problem::BadVersion));
    }
}

// ------------------------------------------------------------------ round trips

#[test]
fn export_then_import_is_the_identity_for_a_hand_made_project() {
    let mut env = Env::new(42);
    let m = env.add_member("山田 太郎");
    let a = env.add(None, "要件定義 \"引用\" \\ \u{1F680}");
    let b = env.add_task(
        Some(a),
        mieruka_core::Task { assignee: Some(m), estimate_hours: 0.1 + 0.2, percent: 1.0 / 3.0, ..task("設計") },
    );
    env.add_task(None, mieruka_core::Task { depends_on: vec![b], remaining_hours: Some(1e-7), ..task("開発") });
    env.add_issue(mieruka_core::Issue {
        linked_tasks: vec![a], description: "改行\n\tタブ".into(), ..issue("課題")
    });
    env.add_risk(risk("リスク"));
    let at = instant("2025-06-30T12:34:56.789123456Z");
    let text = export(&[env.p()], at, "0.1.0");
    let back = import(&text, &import_stamp()).unwrap();
    assert_eq!(back.projects, vec![env.p().clone()]);
    assert_eq!(back.exported_at, Some(at));
    assert_eq!(back.app_version, "0.1.0");
    assert_eq!(back.schema_version, SCHEMA_VERSION);
    // The envelope is as documented.
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], json!("mieruka"));
    assert_eq!(v["schema_version"], json!(SCHEMA_VERSION));
    assert_eq!(v["projects"][0]["id"], json!(env.pid));
    assert!(v["projects"][0]["tasks"].is_array() && v["projects"][0]["changes"].is_array());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), .. ProptestConfig::default() })]

    /// A file whose state differs from its log in some text fields of any kinds of entity gets one
    /// synthetic change per differing field, and its log then rebuilds its state exactly.
    #[test]
    fn a_state_the_log_does_not_explain_is_reconciled_field_by_field(seed in 0u64..1000, ops_a in ops(60), picks in proptest::collection::vec(0usize..1000, 1..8)) {
        let mut a = Env::new(seed);
        let pools = Pools::new(a.pid, seed);
        run_ops(&mut a, &pools, &ops_a);
        let mut v: Value = serde_json::from_str(&export(&[a.p()], t0(), "1.0")).unwrap();
        // Entities with a text field other than the id, across every list of the project.
        let mut targets = Vec::new();
        for (key, list) in v["projects"][0].as_object().unwrap() {
            if key == "changes" { continue; }
            for (i, e) in list.as_array().into_iter().flatten().enumerate() {
                let Some(o) = e.as_object() else { continue };
                let free_text = ["title", "name", "description", "role", "notes", "note"];
                if let Some(f) = o.iter().find(|(k, v)| free_text.contains(&k.as_str()) && v.as_str().is_some_and(|s| !s.is_empty())).map(|(k, _)| k.clone()) {
                    targets.push((key.clone(), i, f));
                }
            }
        }
        prop_assume!(!targets.is_empty());
        let mut changed = std::collections::BTreeSet::new();
        for pick in picks {
            let (key, i, f) = targets[pick % targets.len()].clone();
            if changed.insert((key.clone(), i, f.clone())) {
                let e = &mut v["projects"][0][key.as_str()][i][f.as_str()];
                *e = json!(format!("{}★", e.as_str().unwrap()));
            }
        }
        let before = a.p().changes.len();
        let back = import_value(&v);
        prop_assert!(back.is_ok(), "{:?}", back.as_ref().err());
        let p = back.unwrap().projects.remove(0);
        prop_assert_eq!(p.changes.len() - before, changed.len());
        prop_assert_eq!(entities(&replay(p.id, &p.changes)), entities(&p));
    }

    /// Any project built by commands survives export → import unchanged, change log included.
    #[test]
    fn export_import_round_trip(seed in 0u64..1000, ops_a in ops(60), ops_b in ops(20), nanos in 0u32..1_000_000_000) {
        let mut a = Env::new(seed);
        let pools_a = Pools::new(a.pid, seed);
        run_ops(&mut a, &pools_a, &ops_a);
        let mut b = Env::with_actor(seed + 5000, "佐藤");
        let pools_b = Pools::new(b.pid, seed + 5000);
        run_ops(&mut b, &pools_b, &ops_b);
        let at = t0() + chrono::Duration::nanoseconds(nanos as i64);
        let text = export(&[a.p(), b.p()], at, "9.9.9");
        let back = import(&text, &import_stamp());
        prop_assert!(back.is_ok(), "{:?}", back.as_ref().err());
        // The typed path and the `Value` path read the file alike.
        prop_assert_eq!(&back, &import_through_value(&text, &import_stamp()));
        // …and the typed path reads it itself, entities included.
        prop_assert_eq!(Some(back.clone()), import_typed(&text, &import_stamp()));
        let back = back.unwrap();
        prop_assert_eq!(back.projects.len(), 2);
        prop_assert_eq!(&back.projects[0], a.p());
        prop_assert_eq!(&back.projects[1], b.p());
        prop_assert_eq!(back.exported_at, Some(at));
        // And a second round changes nothing.
        let refs: Vec<&Project> = back.projects.iter().collect();
        let text2 = export(&refs, at, "9.9.9");
        prop_assert_eq!(text2, text);
    }
}

// ------------------------------------------------------------------ reconcile

#[test]
fn a_file_without_history_gets_one_that_explains_it() {
    let mut v = fixture();
    v["projects"][0]["changes"] = json!([]);
    let first = import_value(&v).unwrap();
    let p = &first.projects[0];
    assert_eq!((p.members.len(), p.tasks.len(), p.issues.len(), p.risks.len()), (2, 4, 2, 2));
    // One creation per entity, project included.
    assert_eq!(p.changes.len(), 1 + 2 + 4 + 2 + 2);
    assert!(p.changes.iter().all(|c| c.is_create() && c.actor == "importer"));
    assert_eq!(entities(&replay(p.id, &p.changes)), entities(p));
    // Importing the same file again is stable, and so is importing the result.
    assert_eq!(import_value(&v).unwrap(), first);
    let text = export(&[p], instant("2025-07-02T00:00:00Z"), "0.1.0");
    let later = Stamp::new(instant("2025-09-01T00:00:00Z"), "other", SeqIds::new(8).next_id());
    let second = import(&text, &later).unwrap();
    assert_eq!(&second.projects[0], p);

    // Missing `changes` altogether behaves the same.
    let mut w = fixture();
    w["projects"][0].as_object_mut().unwrap().remove("changes");
    assert_eq!(import_value(&w).unwrap().projects, first.projects);

    // A log that disagrees with the state on one field gets one synthetic change for it.
    let mut x = fixture();
    x["projects"][0]["tasks"][3]["percent"] = json!(30.0);
    let p = import_value(&x).unwrap().projects.remove(0);
    let extra: Vec<_> = p.changes[5..].iter().filter(|c| !c.is_create()).collect();
    assert_eq!(extra.len(), 1);
    assert_eq!((extra[0].field.as_str(), &extra[0].from, &extra[0].to), ("percent", &json!(25.0), &json!(30.0)));
    assert_eq!(entities(&replay(p.id, &p.changes)), entities(&p));
}

// ------------------------------------------------------------------ rejections

#[test]
fn not_a_mieruka_file() {
    assert_eq!(rejected_text(""), located("", Problem::Empty));
    assert_eq!(rejected_text(" \n\t "), located("", Problem::Empty));
    assert_eq!(rejected_text("\u{feff}"), located("", Problem::Empty));
    assert_eq!(rejected_text("null"), located("", Problem::NotMieruka));
    assert_eq!(rejected_text("[]"), located("", Problem::NotMieruka));
    assert_eq!(rejected_text("\"mieruka\""), located("", Problem::NotMieruka));
    assert_eq!(rejected_text("42"), located("", Problem::NotMieruka));
    assert_eq!(rejected_text("{}"), located("format", Problem::NotMieruka));
    let mut v = fixture();
    v.as_object_mut().unwrap().remove("format");
    assert_eq!(rejected(&v), located("format", Problem::NotMieruka));
    v["format"] = json!("excel");
    assert_eq!(rejected(&v), located("format", Problem::NotMieruka));
    let mut v = fixture();
    v["projects"] = json!({});
    assert_eq!(rejected(&v), located("projects", Problem::Expected(Expected::List)));
    v.as_object_mut().unwrap().remove("projects");
    assert_eq!(rejected(&v), located("projects", Problem::Missing));
}

#[test]
fn truncated_file_is_not_json_with_its_position() {
    let cut = &FIXTURE[..FIXTURE.len() / 2];
    let e = rejected_text(cut);
    assert_eq!(e.path, "");
    match e.problem {
        Problem::NotJson { line, column } => {
            assert_eq!(line, cut.lines().count(), "the error is at the end of the text");
            assert!(column > 0);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(rejected_text("{\"format\": \"mieruka\",}").problem, Problem::NotJson { line: 1, .. }));
}

#[test]
fn schema_versions() {
    let mut v = fixture();
    let newer = SCHEMA_VERSION as u64 + 1;
    v["schema_version"] = json!(newer);
    assert_eq!(
        rejected(&v),
        located("schema_version", Problem::NewerVersion { found: newer, supported: SCHEMA_VERSION })
    );
    for bad in [json!("1"), json!(0), json!(-1), json!(1.5), json!(null), json!([1])] {
        v["schema_version"] = bad.clone();
        assert_eq!(rejected(&v), located("schema_version", Problem::BadVersion), "{bad}");
    }
    v.as_object_mut().unwrap().remove("schema_version");
    assert_eq!(rejected(&v), located("schema_version", Problem::Missing));
    let e = located("schema_version", Problem::NewerVersion { found: 2, supported: 1 });
    assert_eq!(e.to_string(), "schema_version: schema version 2 is newer than this app supports (1)");
}

#[test]
fn a_bad_date_is_located() {
    let mut v = fixture();
    v["projects"][0]["tasks"][1]["due"] = json!("2025-13-45");
    let e = rejected(&v);
    assert_eq!(e, located("projects[0].tasks[1].due", Problem::Expected(Expected::Date)));
    assert_eq!(e.to_string(), "projects[0].tasks[1].due: not a date (YYYY-MM-DD)");
    let mut v = fixture();
    v["projects"][0]["issues"][0]["raised_on"] = json!(20250410);
    assert_eq!(rejected(&v), located("projects[0].issues[0].raised_on", Problem::Expected(Expected::Date)));
    let mut v = fixture();
    v["exported_at"] = json!("yesterday");
    assert_eq!(rejected(&v), located("exported_at", Problem::Expected(Expected::Instant)));
    let mut v = fixture();
    v["projects"][0]["changes"][2]["at"] = json!("2025-05-01");
    assert_eq!(rejected(&v), located("projects[0].changes[2].at", Problem::Expected(Expected::Instant)));
}

#[test]
fn wrong_types_are_located() {
    let cases: Vec<(&str, Value, &str, Expected)> = vec![
        ("/projects/0/tasks/3/percent", json!("25%"), "projects[0].tasks[3].percent", Expected::Number),
        (
            "/projects/0/tasks/0/status",
            json!("finished"),
            "projects[0].tasks[0].status",
            Expected::OneOf(TaskStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>().leak()),
        ),
        ("/projects/0/risks/0/probability", json!(2.5), "projects[0].risks[0].probability", Expected::WholeNumber),
        ("/projects/0/tasks/3/assignee", json!("nobody"), "projects[0].tasks[3].assignee", Expected::Id),
        ("/projects/0/tasks/3/tags", json!("UI"), "projects[0].tasks[3].tags", Expected::List),
        ("/projects/0/archived", json!("no"), "projects[0].archived", Expected::Bool),
        ("/projects/0/tasks/2", json!("開発"), "projects[0].tasks[2]", Expected::Object),
        ("/projects/0/members/1/name", json!(7), "projects[0].members[1].name", Expected::Text),
        ("/projects/0/id", json!("P-1"), "projects[0].id", Expected::Id),
        (
            "/projects/0/changes/1/entity/kind",
            json!("epic"),
            "projects[0].changes[1].entity.kind",
            Expected::OneOf(mieruka_core::EntityKind::WORDS),
        ),
    ];
    for (pointer, value, path, expected) in cases {
        let mut v = fixture();
        *v.pointer_mut(pointer).unwrap() = value;
        assert_eq!(rejected(&v), located(path, Problem::Expected(expected)), "{pointer}");
    }
    let mut v = fixture();
    v["projects"][0]["tasks"][0].as_object_mut().unwrap().remove("id");
    assert_eq!(rejected(&v), located("projects[0].tasks[0].id", Problem::Missing));
}

#[test]
fn rule_violations_are_located() {
    let mut v = fixture();
    v["projects"][0]["tasks"][3]["percent"] = json!(150);
    assert_eq!(
        rejected(&v),
        located("projects[0].tasks[3].percent", Problem::Invalid(DomainError::PercentOutOfRange(150.0)))
    );

    let mut v = fixture();
    v["projects"][0]["tasks"][2]["id"] = json!(T1);
    assert_eq!(rejected(&v), located("projects[0].tasks[2].id", Problem::Duplicate(id(T1))));

    let ghost = "00000000-0000-4000-8000-00000000dead";
    let mut v = fixture();
    v["projects"][0]["tasks"][3]["parent"] = json!(ghost);
    assert_eq!(
        rejected(&v),
        located("projects[0].tasks[3].parent", Problem::Invalid(DomainError::NotFound { kind: "task", id: id(ghost) }))
    );

    let mut v = fixture();
    v["projects"][0]["tasks"][1]["depends_on"] = json!([T4]); // T4 already depends on T2
    assert_eq!(
        rejected(&v),
        located("projects[0].tasks[1].depends_on", Problem::Invalid(DomainError::DependencyCycle))
    );

    let mut v = fixture();
    v["projects"][0]["tasks"][0]["parent"] = json!(T2); // T2's parent is T1
    assert_eq!(rejected(&v), located("projects[0].tasks[0].parent", Problem::Invalid(DomainError::ParentCycle)));

    let mut v = fixture();
    v["projects"][0]["tasks"][2]["depends_on"] = json!([T3]);
    assert_eq!(rejected(&v), located("projects[0].tasks[2].depends_on", Problem::Invalid(DomainError::SelfDependency)));

    let mut v = fixture();
    v["projects"][0]["tasks"][2]["depends_on"] = json!([ghost]);
    assert_eq!(
        rejected(&v),
        located("projects[0].tasks[2].depends_on", Problem::Invalid(DomainError::ForeignTask(id(ghost))))
    );

    let mut v = fixture();
    v["projects"][0]["tasks"][3]["assignee"] = json!(ghost);
    assert_eq!(
        rejected(&v),
        located(
            "projects[0].tasks[3].assignee",
            Problem::Invalid(DomainError::NotFound { kind: "member", id: id(ghost) })
        )
    );

    let mut v = fixture();
    v["projects"][0]["tasks"][1]["due"] = json!("2025-03-01");
    assert_eq!(
        rejected(&v),
        located(
            "projects[0].tasks[1].due",
            Problem::Invalid(DomainError::DueBeforeStart { start: date(2025, 4, 1), due: date(2025, 3, 1) })
        )
    );

    let mut v = fixture();
    v["projects"][0]["risks"][0]["probability"] = json!(0);
    assert_eq!(
        rejected(&v),
        located(
            "projects[0].risks[0].probability",
            Problem::Invalid(DomainError::OffScale { field: "probability".into(), value: 0 })
        )
    );
    let mut v = fixture();
    v["projects"][0]["risks"][1]["strategy"] = json!("avoid");
    assert_eq!(rejected(&v), located("projects[0].risks[1].strategy", Problem::Invalid(DomainError::StrategyMismatch)));

    let mut v = fixture();
    v["projects"][0]["name"] = json!("");
    assert_eq!(rejected(&v), located("projects[0].name", Problem::Invalid(DomainError::EmptyName)));

    let mut v = fixture();
    v["projects"][0]["issues"][1]["linked_risks"] = json!([ghost]);
    assert_eq!(rejected(&v).path, "projects[0].issues[1].linked_risks");

    let mut v = fixture();
    let dup = v["projects"][0].clone();
    v["projects"].as_array_mut().unwrap().push(dup);
    assert_eq!(rejected(&v), located("projects[1].id", Problem::Duplicate(id(P))));

    let mut v = fixture();
    v["projects"][0]["changes"][1]["id"] = v["projects"][0]["changes"][0]["id"].clone();
    assert_eq!(
        rejected(&v),
        located("projects[0].changes[1].id", Problem::Duplicate(id("e1a2b3c4-d5e6-4f70-8192-a3b4c5d64001")))
    );
}

#[test]
fn a_huge_title_is_refused_quickly() {
    let title = "\"title\": \"要件定義\"";
    assert!(FIXTURE.find(title) < FIXTURE.find("現行業務ヒアリング"), "tasks[0] has the first title");
    let text = FIXTURE.replacen(title, &format!("\"title\": \"{}\"", "a".repeat(50 * 1024 * 1024)), 1);
    assert!(text.len() > 50 * 1024 * 1024);
    let start = Instant::now();
    let e = rejected_text(&text);
    let took = start.elapsed();
    assert_eq!(
        e,
        located(
            "projects[0].tasks[0].title",
            Problem::Invalid(DomainError::TooLong { field: "title".into(), max: 500 })
        )
    );
    eprintln!("50 MB title refused in {took:?}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let text = String::from_utf8(vec![b' '; MAX_FILE_BYTES + 1]).unwrap();
    let start = Instant::now();
    assert_eq!(rejected_text(&text), located("", Problem::TooLarge { bytes: MAX_FILE_BYTES + 1, max: MAX_FILE_BYTES }));
    assert!(start.elapsed() < Duration::from_millis(500));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let n = 100_000;
    let text = format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert_eq!(rejected_text(&text), located("", Problem::TooDeep));
    let inner = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let text = format!("{{\"format\":\"mieruka\",\"schema_version\":1,\"projects\":{inner}}}");
    assert_eq!(rejected_text(&text), located("", Problem::TooDeep));
    let objects = format!("{}{}", "{\"a\":".repeat(n), "}".repeat(n));
    assert_eq!(rejected_text(&objects), located("", Problem::TooDeep));
    // Unbalanced deep nesting too.
    assert_eq!(rejected_text(&"[".repeat(n)), located("", Problem::TooDeep));
}

#[test]
fn a_utf8_bom_is_accepted() {
    let with_bom = format!("\u{feff}{FIXTURE}");
    assert_eq!(import(&with_bom, &import_stamp()).unwrap(), import(FIXTURE, &import_stamp()).unwrap());
}

#[test]
fn unknown_keys_are_ignored_and_optional_keys_may_be_missing() {
    let mut v = fixture();
    v["projects"][0]["tasks"][0]["colour"] = json!("red");
    v["extra"] = json!({"x": 1});
    let a = import_value(&v).unwrap();
    assert_eq!(a.projects, import(FIXTURE, &import_stamp()).unwrap().projects);
    // A minimal file: only what is required.
    let minimal = json!({"format": "mieruka", "schema_version": 1, "projects": [
        {"id": P, "name": "最小", "tasks": [{"id": T1, "title": "だけ"}]}
    ]});
    let m = import_value(&minimal).unwrap();
    assert_eq!(m.exported_at, None);
    assert_eq!(m.app_version, "");
    let p = &m.projects[0];
    assert_eq!(p.tasks[&id(T1)].status, TaskStatus::NotStarted);
    assert_eq!(p.info.working_days, Weekday::monday_to_friday());
    assert_eq!(entities(&replay(p.id, &p.changes)), entities(p));
}

// ------------------------------------------------------------------ the typed path

/// Files the typed path must read exactly as the `Value` path does, or leave to it: each edit
/// of a valid current-schema file below gives the same result (or the same located error) both
/// ways. The fuzz test holds the same over thousands of mangled files.
#[test]
fn the_typed_path_reads_every_file_as_the_value_path_does() {
    let mut a = Env::new(3);
    let parent = a.add_task(None, Task { title: "設計".into(), ..Task::default() });
    a.add_task(Some(parent), Task { title: "画面設計".into(), estimate_hours: 8.0, ..Task::default() });
    a.add_member("佐藤");
    a.add_issue(issue("ログインできない"));
    a.add_risk(risk("要員不足"));
    let text = export(&[a.p()], t0(), "1.0");
    let base: Value = serde_json::from_str(&text).unwrap();
    assert!(!base["projects"][0]["changes"].as_array().unwrap().is_empty());
    // The typed path reads this file itself (the comparisons below would hold as well if it
    // declined everything).
    assert_eq!(import_typed(&text, &import_stamp()), Some(import(&text, &import_stamp())));
    let long = "x".repeat(501);
    let edits: Vec<(&str, Box<dyn Fn(&mut Value)>)> = vec![
        ("as is", Box::new(|_| {})),
        ("no exported_at", Box::new(|v| v["exported_at"] = Value::Null)),
        ("exported_at not a date", Box::new(|v| v["exported_at"] = json!("yesterday"))),
        ("exported_at with an offset", Box::new(|v| v["exported_at"] = json!("2025-07-01T09:00:00+09:00"))),
        ("app_version a number", Box::new(|v| v["app_version"] = json!(3))),
        ("app_version too long", Box::new(|v| v["app_version"] = json!("v".repeat(300)))),
        ("schema_version 2", Box::new(|v| v["schema_version"] = json!(2))),
        ("schema_version 3.0", Box::new(|v| v["schema_version"] = json!(3.0))),
        ("an unknown key", Box::new(|v| v["projects"][0]["extra"] = json!({"a": 1}))),
        ("changes null", Box::new(|v| v["projects"][0]["changes"] = Value::Null)),
        ("changes an object", Box::new(|v| v["projects"][0]["changes"] = json!({}))),
        (
            "a change without from",
            Box::new(|v| {
                v["projects"][0]["changes"][0].as_object_mut().unwrap().remove("from");
            }),
        ),
        ("a change's actor too long", {
            let l = long.clone();
            Box::new(move |v| v["projects"][0]["changes"][0]["actor"] = json!(l))
        }),
        ("a change's field too long", {
            let l = long.clone();
            Box::new(move |v| v["projects"][0]["changes"][0]["field"] = json!(l))
        }),
        (
            "a change's id braced",
            Box::new(|v| {
                let id = v["projects"][0]["changes"][0]["id"].as_str().unwrap().to_string();
                v["projects"][0]["changes"][0]["id"] = json!(format!("{{{id}}}"));
            }),
        ),
        ("a change's id not an id", Box::new(|v| v["projects"][0]["changes"][1]["id"] = json!("12"))),
        (
            "a change's at with an offset",
            Box::new(|v| v["projects"][0]["changes"][0]["at"] = json!("2025-07-01T09:00:00+09:00")),
        ),
        (
            "a change's at with a space",
            Box::new(|v| v["projects"][0]["changes"][0]["at"] = json!("2025-07-01 09:00:00Z")),
        ),
        ("a change's kind unknown", Box::new(|v| v["projects"][0]["changes"][0]["entity"]["kind"] = json!("goblin"))),
        (
            "a duplicate change",
            Box::new(|v| {
                let c = v["projects"][0]["changes"][0].clone();
                v["projects"][0]["changes"].as_array_mut().unwrap().push(c);
            }),
        ),
        (
            "a task's title empty",
            Box::new(|v| {
                if let Some(t) = v["projects"][0]["tasks"].get_mut(0) {
                    t["title"] = json!("");
                }
            }),
        ),
        ("a task's due not a date", Box::new(|v| v["projects"][0]["tasks"][1]["due"] = json!("来週"))),
        ("a task's due null", Box::new(|v| v["projects"][0]["tasks"][1]["due"] = Value::Null)),
        ("a task's estimate a string", Box::new(|v| v["projects"][0]["tasks"][1]["estimate_hours"] = json!("8"))),
        ("a task's estimate negative", Box::new(|v| v["projects"][0]["tasks"][1]["estimate_hours"] = json!(-1))),
        ("a task's status unknown", Box::new(|v| v["projects"][0]["tasks"][0]["status"] = json!("someday"))),
        ("a task's unknown key", Box::new(|v| v["projects"][0]["tasks"][0]["colour"] = json!([1, 2]))),
        (
            "a task's field missing",
            Box::new(|v| {
                v["projects"][0]["tasks"][1].as_object_mut().unwrap().remove("estimate_hours");
            }),
        ),
        (
            "a task without an id",
            Box::new(|v| {
                v["projects"][0]["tasks"][0].as_object_mut().unwrap().remove("id");
            }),
        ),
        ("a task's id null", Box::new(|v| v["projects"][0]["tasks"][0]["id"] = Value::Null)),
        ("a task's id a number", Box::new(|v| v["projects"][0]["tasks"][0]["id"] = json!(7))),
        ("a task's id not an id", Box::new(|v| v["projects"][0]["tasks"][0]["id"] = json!("t-1"))),
        (
            "two tasks with one id",
            Box::new(|v| {
                let id = v["projects"][0]["tasks"][0]["id"].clone();
                v["projects"][0]["tasks"][1]["id"] = id;
            }),
        ),
        (
            "a task's parent unknown",
            Box::new(|v| v["projects"][0]["tasks"][1]["parent"] = json!("00000000-0000-4000-8000-000000000001")),
        ),
        // Two problems: each entity's own checks come before any reference is followed.
        (
            "a task's parent unknown and an issue's title empty",
            Box::new(|v| {
                v["projects"][0]["tasks"][1]["parent"] = json!("00000000-0000-4000-8000-000000000001");
                v["projects"][0]["issues"][0]["title"] = json!("");
            }),
        ),
        ("a task not an object", Box::new(|v| v["projects"][0]["tasks"][0] = json!("設計"))),
        ("tasks null", Box::new(|v| v["projects"][0]["tasks"] = Value::Null)),
        ("tasks an object", Box::new(|v| v["projects"][0]["tasks"] = json!({}))),
        (
            "no tasks key",
            Box::new(|v| {
                v["projects"][0].as_object_mut().unwrap().remove("tasks");
            }),
        ),
        ("a member's rate a string", Box::new(|v| v["projects"][0]["members"][0]["rate"] = json!("高い"))),
        ("an issue's status unknown", Box::new(|v| v["projects"][0]["issues"][0]["status"] = json!("goblin"))),
        ("a risk's probability 9", Box::new(|v| v["projects"][0]["risks"][0]["probability"] = json!(9))),
        (
            "two projects with one id",
            Box::new(|v| {
                let p = v["projects"][0].clone();
                v["projects"].as_array_mut().unwrap().push(p);
            }),
        ),
    ];
    for (what, edit) in &edits {
        let mut v = base.clone();
        edit(&mut v);
        let t = serde_json::to_string(&v).unwrap();
        assert_eq!(import(&t, &import_stamp()), import_through_value(&t, &import_stamp()), "{what}");
    }
    // A key given twice (serde_json keeps the last one; the typed path leaves such files to it).
    let twice = text.replacen("\"changes\":[", "\"changes\":[],\"changes\":[", 1);
    assert_ne!(twice, text);
    assert_eq!(import(&twice, &import_stamp()), import_through_value(&twice, &import_stamp()));
    let twice = text.replacen("\"name\":", "\"name\":\"first\",\"name\":", 1);
    assert_eq!(import(&twice, &import_stamp()), import_through_value(&twice, &import_stamp()));
    // The same inside an entity, a list and an entity's id.
    for (key, first) in [("\"title\":", "\"\""), ("\"tasks\":", "[]"), ("\"id\":", "\"x\"")] {
        let at = text.find("\"tasks\":").unwrap();
        let (head, tail) = text.split_at(at);
        let twice = format!("{head}{}", tail.replacen(key, &format!("{key}{first},{key}"), 1));
        assert_ne!(twice, text);
        assert_eq!(import(&twice, &import_stamp()), import_through_value(&twice, &import_stamp()), "{key} twice");
    }
}
