//! Project templates: the built-in ones make valid projects, template → project → template keeps
//! everything a template holds, files round-trip, broken files name the place of the problem.

mod common;

use common::*;
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::format::{self, Problem};
use mieruka_core::id::SeqIds;
use mieruka_core::template::{
    export_template, import_template, project_from_template, template_from_project, Template,
};
use mieruka_core::template_builtin::{builtin, BUILTIN_KEYS};
use mieruka_core::{Project, ProjectInfo, Stamp};

fn make(t: &Template, seed: u64, start: chrono::NaiveDate) -> Project {
    let mut ids = SeqIds::new(seed);
    let id = ids.next_id();
    let info = ProjectInfo { name: "新システム構築".into(), code: "NEW-1".into(), ..ProjectInfo::default() };
    project_from_template(t, id, info, start, t0(), "yamada", &mut || ids.next_id())
        .expect("the template makes a project")
}

#[test]
fn every_builtin_template_makes_a_valid_project_in_both_languages() {
    for key in BUILTIN_KEYS {
        for ja in [true, false] {
            let t = builtin(key, ja).unwrap();
            mieruka_core::template::check(&t).unwrap_or_else(|e| panic!("{key}: {e}"));
            let p = make(&t, 1, date(2025, 4, 1));
            assert_eq!(p.tasks.len(), t.tasks.len(), "{key}");
            assert_eq!(p.risks.len(), t.risks.len());
            assert_eq!(p.members.len(), t.members.len());
            assert!(p.tasks.values().any(|t| t.milestone), "{key} has milestones");
            let cal = WorkCalendar::for_project(&p.info);
            for task in p.tasks.values() {
                for d in [task.start, task.due].into_iter().flatten() {
                    assert!(cal.is_working_day(d), "{key}: {} on {d}", task.title);
                }
            }
            // The project is a valid file: export and import it back unchanged.
            let text = format::export(&[&p], t0(), "test");
            let back = format::import(&text, &Stamp::new(t0(), "x", uuid::Uuid::nil())).expect("valid project file");
            assert_eq!(back.projects[0].tasks, p.tasks, "{key}");
            assert!(!p.changes.is_empty(), "a history from the first day");
        }
    }
    assert_ne!(builtin("waterfall", true).unwrap().info.name, builtin("waterfall", false).unwrap().info.name);
    assert!(builtin("nope", true).is_none());
}

#[test]
fn the_waterfall_has_the_phases_in_order_with_dates() {
    let t = builtin("waterfall", true).unwrap();
    let p = make(&t, 2, date(2025, 4, 1));
    let top: Vec<&str> = p.children_of(None).iter().map(|id| p.tasks[id].title.as_str()).collect();
    assert_eq!(top, ["要件定義", "基本設計", "詳細設計", "製造", "単体テスト", "結合テスト", "総合テスト", "移行"]);
    let first = p.tasks.values().find(|t| t.title == "現行業務・システム調査").unwrap();
    assert_eq!((first.start, first.due), (Some(date(2025, 4, 1)), Some(date(2025, 4, 10))));
    // Each phase waits for the one before.
    let ids = p.children_of(None);
    assert!(ids.windows(2).all(|w| p.tasks[&w[1]].depends_on == vec![w[0]]));
    assert_eq!(p.info.meeting_weekday, Some(mieruka_core::Weekday::Tue));
    assert!(p.info.target_end.unwrap() > date(2025, 9, 1));
    assert!(p.risks.len() >= 8);
}

#[test]
fn offsets_move_over_holidays_when_started_on_another_day() {
    let t = builtin("waterfall", true).unwrap();
    // Starting the Friday before Golden Week: the second working day is Mon 4/28, 4/29 is off.
    let p = make(&t, 3, date(2025, 4, 25));
    let first = p.tasks.values().find(|t| t.title == "現行業務・システム調査").unwrap();
    // 8 working days from Fri 4/25: 4/25, 28, 30, 5/1, 2, 7, 8, 9 (4/29 and 5/3–6 off).
    assert_eq!((first.start, first.due), (Some(date(2025, 4, 25)), Some(date(2025, 5, 9))));
}

#[test]
fn template_project_template_round_trip() {
    for key in BUILTIN_KEYS {
        let t = builtin(key, true).unwrap();
        let p = make(&t, 4, date(2025, 6, 2));
        let again = template_from_project(&p);
        // The name and description come from the project; everything else is the template's.
        let mut want = t.clone();
        want.info.name = p.info.name.clone();
        want.info.description = p.info.description.clone();
        assert_eq!(again, want, "{key}");
        // And a project started from the saved template has the same plan.
        let q = make(&again, 5, date(2025, 6, 2));
        let plan = |p: &Project| -> Vec<(String, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>, f64)> {
            mieruka_core::rollup::wbs_rows(p)
                .iter()
                .map(|r| {
                    let t = &p.tasks[&r.id];
                    (t.title.clone(), t.start, t.due, t.estimate_hours)
                })
                .collect()
        };
        assert_eq!(plan(&p), plan(&q));
    }
}

#[test]
fn saving_a_worked_project_drops_progress_and_people() {
    let p = mieruka_core::sample::sample_project(true, date(2026, 11, 25), 1);
    let t = template_from_project(&p);
    assert_eq!(t.tasks.len(), p.tasks.len());
    assert_eq!(t.risks.len(), p.risks.len());
    let text = export_template(&t);
    for name in p.members.values().map(|m| &m.name) {
        assert!(!text.contains(name.as_str()), "{name} left in the template");
    }
    assert!(!text.contains("percent") && !text.contains("actual_hours"));
    let q = make(&t, 6, date(2027, 1, 6));
    assert!(q.tasks.values().all(|t| t.percent == 0.0 && t.actual_hours == 0.0));
    assert!(q.issues.is_empty() && q.baselines.is_empty());
}

#[test]
fn template_files_round_trip() {
    for key in BUILTIN_KEYS {
        for ja in [true, false] {
            let t = builtin(key, ja).unwrap();
            let text = export_template(&t);
            assert!(text.contains("\"format\": \"mieruka-template\""));
            assert_eq!(import_template(&text).unwrap(), t);
        }
    }
}

#[test]
fn broken_template_files_name_the_place() {
    let t = builtin("waterfall", true).unwrap();
    let good: serde_json::Value = serde_json::from_str(&export_template(&t)).unwrap();
    let broken = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        import_template(&v.to_string()).unwrap_err()
    };
    let e = broken(&|v| v["template"]["tasks"][3]["estimate_hours"] = "many".into());
    assert_eq!(e.path, "template.tasks[3].estimate_hours");
    let e = broken(&|v| v["template"]["tasks"][2]["parent"] = 7.into());
    assert_eq!((e.path.as_str(), &e.problem), ("template.tasks[2].parent", &Problem::BadIndex { index: 7 }));
    let e = broken(&|v| v["template"]["tasks"][5]["title"] = "  ".into());
    assert_eq!(e.path, "template.tasks[5].title");
    let e = broken(&|v| v["template"]["risks"][1]["probability"] = 9.into());
    assert_eq!(e.path, "template.risks[1].probability");
    let e = broken(&|v| v["template"]["members"] = "PM".into());
    assert_eq!(
        (e.path.as_str(), &e.problem),
        ("template.members", &Problem::Expected(mieruka_core::fields::Expected::List))
    );
    let e = broken(&|v| v["format"] = "mieruka".into());
    assert_eq!((e.path.as_str(), &e.problem), ("format", &Problem::NotMieruka));
    let e = broken(&|v| v["schema_version"] = 2.into());
    assert_eq!(e.path, "schema_version");
    assert!(matches!(import_template("{\"format\": ").unwrap_err().problem, Problem::NotJson { .. }));
    assert!(matches!(import_template("").unwrap_err().problem, Problem::Empty));
    // A project file is not a template.
    let p = make(&t, 7, date(2025, 4, 1));
    let e = import_template(&format::export(&[&p], t0(), "test")).unwrap_err();
    assert_eq!(e.problem, Problem::NotMieruka);
}
