//! Schema v2: the frozen v2 fixture (every PMO entity), migration of every older version, and
//! located errors in the new collections.

mod common;

use common::*;
use mieruka_core::format::{import, ImportError, Imported, Problem, SCHEMA_VERSION};
use mieruka_core::id::SeqIds;
use mieruka_core::open_actions::open_actions_before;
use mieruka_core::{migrate, DomainError, Engagement, Frequency, Id, Raci, ReportStatus, Stamp, Weekday};
use serde_json::{json, Value};

const V1: &str = include_str!("fixtures/v1-sample.json");
const V2: &str = include_str!("fixtures/v2-sample.json");

fn id(s: &str) -> Id {
    Id::parse_str(s).unwrap()
}
const M: &str = "8d7c699f-fd39-4de1-b581-e90e0931e72f";
const S: &str = "3f20f4a9-44d5-4afc-8693-d93c60129b77";
const S2: &str = "ee7ee5c3-70e4-4478-b7f6-2452fb6df29c";
const T1: &str = "2ff65e0c-29f1-4b9f-a92c-f51cb7befa91";
const NT: &str = "77577022-3574-4ee0-8186-9cc249e03538";
const B: &str = "77d9c602-ec48-45a4-b385-6406156f5960";
const MT: &str = "0b829a93-2553-4586-a9be-051d4927da3d";
const A1: &str = "08a92eca-da55-47b3-8438-74c2489ccda8";
const A2: &str = "19584dd9-f08a-43b6-817e-ed591d56622a";
const R: &str = "2326d216-bb53-42a0-8da4-d481acaad8df";

fn stamp() -> Stamp {
    Stamp::new(instant("2025-07-01T00:00:00Z"), "importer", SeqIds::new(77).next_id())
}

fn import_value(v: &Value) -> Result<Imported, ImportError> {
    import(&serde_json::to_string(v).unwrap(), &stamp())
}

#[track_caller]
fn rejected(v: &Value) -> ImportError {
    import_value(v).expect_err("rejected")
}

fn v2() -> Value {
    serde_json::from_str(V2).unwrap()
}

#[test]
fn the_v2_fixture_loads_with_exact_content() {
    let v = v2();
    assert_eq!(v["schema_version"], json!(2), "the fixture is a v2 file and must stay one");
    let imported = import(V2, &stamp()).expect("fixture imports");
    assert_eq!(imported.schema_version, 2);
    let p = &imported.projects[0];
    assert_eq!(
        (p.info.baseline, p.info.meeting_weekday, p.info.meeting_every_weeks),
        (Some(id(B)), Some(Weekday::Tue), 1)
    );
    let s = &p.stakeholders[&id(S)];
    assert_eq!((s.name.as_str(), s.influence, s.interest), ("中村 恵", 4, 5));
    assert_eq!(
        (s.engagement_current, s.engagement_desired, s.frequency),
        (Engagement::Supportive, Engagement::Leading, Frequency::Weekly)
    );
    assert_eq!(p.stakeholders[&id(S2)].member, Some(id(M)));
    let row = &p.tasks[&id(T1)].raci;
    assert_eq!((row[&id(M)], row[&id(S)], row[&id(S2)]), (Raci::Accountable, Raci::Consulted, Raci::Responsible));
    assert!(mieruka_core::raci::check(p).is_empty());
    let mt = &p.meetings[&id(MT)];
    assert_eq!(
        (mt.date, mt.title.as_str(), mt.attendees.clone()),
        (date(2025, 4, 8), "第1回 定例会議", vec![id(M), id(S)])
    );
    let a1 = &p.action_items[&id(A1)];
    assert_eq!((a1.meeting, a1.task, a1.owner, a1.done), (id(MT), Some(id(NT)), Some(id(M)), false));
    assert_eq!((p.tasks[&id(NT)].parent, p.tasks[&id(NT)].assignee), (Some(id(T1)), Some(id(M))));
    assert!(p.action_items[&id(A2)].done);
    let open: Vec<Id> = open_actions_before(p, date(2025, 4, 15)).iter().map(|o| o.id).collect();
    assert_eq!(open, vec![id(A1)]);
    let b = &p.baselines[&id(B)];
    assert_eq!((b.name.as_str(), b.taken_on, b.tasks.len()), ("計画承認版", date(2025, 4, 4), 2));
    assert_eq!((b.tasks[&id(T1)].estimate_hours, b.tasks[&id(T1)].budget), (40.0, 40.0), "no rates: hours");
    let r = &p.reports[&id(R)];
    assert_eq!(
        (r.status, r.period_end, r.body["progress"]["percent"].clone()),
        (ReportStatus::Amber, date(2025, 4, 11), json!(25.0))
    );
    // The log explains the state: no synthetic changes were needed.
    assert!(p.changes.iter().all(|c| c.actor != "importer"));
    assert_eq!(entities(&mieruka_core::replay::replay(p.id, &p.changes)), entities(p));
}

#[test]
fn every_version_migrates_counts_kept_and_twice_is_once() {
    for (text, version) in [(V1, 1u32), (V2, 2)] {
        let v: Value = serde_json::from_str(text).unwrap();
        assert_eq!(v["schema_version"], json!(version));
        let once = migrate::to_current(v.clone(), version).unwrap();
        let twice = migrate::to_current(once.clone(), SCHEMA_VERSION).unwrap();
        assert_eq!(once, twice, "v{version}");
        assert_eq!(once["schema_version"], json!(SCHEMA_VERSION));
        for key in ["members", "tasks", "issues", "risks", "changes"] {
            assert_eq!(
                once["projects"][0][key].as_array().map(Vec::len),
                v["projects"][0][key].as_array().map(Vec::len),
                "{key}"
            );
        }
        for key in ["stakeholders", "meetings", "action_items", "baselines", "reports"] {
            let want = v["projects"][0][key].as_array().map(Vec::len).unwrap_or(0);
            assert_eq!(once["projects"][0][key].as_array().map(Vec::len), Some(want), "v{version} {key}");
        }
        let direct = import(text, &stamp()).unwrap();
        assert_eq!(import_value(&twice).unwrap().projects, direct.projects);
    }
    // v1 gains the defaults of the new fields.
    let v1 = migrate::to_current(serde_json::from_str(V1).unwrap(), 1).unwrap();
    assert_eq!((&v1["projects"][0]["meeting_every_weeks"], &v1["projects"][0]["baseline"]), (&json!(1), &Value::Null));
    // A newer version is refused.
    let mut v = v2();
    v["schema_version"] = json!(SCHEMA_VERSION + 1);
    assert_eq!(
        rejected(&v).problem,
        Problem::NewerVersion { found: SCHEMA_VERSION as u64 + 1, supported: SCHEMA_VERSION }
    );
}

#[test]
fn errors_in_the_new_collections_are_located() {
    let ghost = "00000000-0000-4000-8000-00000000dead";
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "/projects/0/stakeholders/0/influence",
            json!(6),
            "projects[0].stakeholders[0].influence: influence: 6 is off the 1–5 scale",
        ),
        (
            "/projects/0/stakeholders/0/frequency",
            json!("daily"),
            "projects[0].stakeholders[0].frequency: not one of weekly, biweekly, monthly, per_milestone, as_needed",
        ),
        (
            "/projects/0/stakeholders/1/member",
            json!(ghost),
            "projects[0].stakeholders[1].member: the member 00000000-0000-4000-8000-00000000dead does not exist",
        ),
        ("/projects/0/meetings/0/date", json!("4月8日"), "projects[0].meetings[0].date: not a date (YYYY-MM-DD)"),
        (
            "/projects/0/meetings/0/attendees",
            json!([ghost]),
            "projects[0].meetings[0].attendees: the person 00000000-0000-4000-8000-00000000dead does not exist",
        ),
        (
            "/projects/0/action_items/0/meeting",
            json!(ghost),
            "projects[0].action_items[0].meeting: the meeting 00000000-0000-4000-8000-00000000dead does not exist",
        ),
        ("/projects/0/action_items/0/title", json!(" "), "projects[0].action_items[0].title: the title is empty"),
        ("/projects/0/baselines/0/taken_at", json!("昨日"), "projects[0].baselines[0].taken_at: not a time (RFC 3339)"),
        (
            "/projects/0/reports/0/period_end",
            json!("2025-04-01"),
            "projects[0].reports[0].period_end: the period ends on 2025-04-01, before it starts on 2025-04-07",
        ),
        (
            "/projects/0/reports/0/status",
            json!("yellow"),
            "projects[0].reports[0].status: not one of green, amber, red",
        ),
        (
            "/projects/0/baseline",
            json!(ghost),
            "projects[0].baseline: the baseline 00000000-0000-4000-8000-00000000dead does not exist",
        ),
        (
            "/projects/0/meeting_every_weeks",
            json!(13),
            "projects[0].meeting_every_weeks: meetings must be every 1 to 12 weeks",
        ),
    ];
    for (pointer, value, message) in cases {
        let mut v = v2();
        *v.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        assert_eq!(rejected(&v).to_string(), message, "{pointer}");
    }
    // A RACI role for nobody names the task's raci.
    let mut v = v2();
    let tasks = v["projects"][0]["tasks"].as_array_mut().unwrap();
    let k = tasks.iter().position(|t| t["id"] == json!(T1)).unwrap();
    tasks[k]["raci"] = json!({ ghost: "R" });
    let e = rejected(&v);
    assert_eq!(e.path, format!("projects[0].tasks[{k}].raci"));
    assert_eq!(e.problem, Problem::Invalid(DomainError::NotFound { kind: "person", id: id(ghost) }));
}
