//! MS Project XML (MSPDI): reading files as MS Project and ProjectLibre write them, refusing
//! malformed ones clearly, and writing the WBS back so that it reads the same.

mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use common::*;
use mieruka_core::interop::mspdi::{read, write, NAMESPACE};
use mieruka_core::interop::{ReadError, SourceRow, Warning, WarningKind};
use mieruka_core::rollup::wbs_rows;
use mieruka_core::sample::sample_project;
use mieruka_core::{Command, EntityRef, Id, Project, ProjectField, ProjectInfo, Task, TaskField};
use serde_json::json;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/mspdi/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn dt(s: &str) -> Option<NaiveDateTime> {
    Some(NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap())
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    Some(date(y, m, day))
}

fn unsupported(line: usize, what: &str) -> Warning {
    let kind = match what {
        "multiple resources" => WarningKind::MultipleResources,
        "link lag" => WarningKind::LinkLagIgnored,
        "cross-project link" => WarningKind::CrossProjectLink,
        other => WarningKind::LinkTypeAsFinishToStart { link_type: other.trim_start_matches("link type ").to_string() },
    };
    Warning { line, kind }
}

/// A row with the fields every row has; the rest default.
fn row(line: usize, key: &str, parent: &str, wbs: &str, kind: &str, title: &str, status: &str) -> SourceRow {
    SourceRow {
        line,
        key: key.into(),
        parent_key: parent.into(),
        wbs_number: wbs.into(),
        kind: kind.into(),
        title: title.into(),
        status: status.into(),
        ..SourceRow::default()
    }
}

#[test]
fn reads_ms_project_2016_japanese() {
    let x = read(&fixture("ms-project-2016-ja.xml")).unwrap();
    let want = vec![
        SourceRow {
            priority: "medium".into(),
            start: d(2025, 4, 1),
            due: d(2025, 4, 15),
            created: dt("2025-03-24T10:12"),
            ..row(132, "1", "", "1", "Summary", "要件定義", "in_progress")
        },
        SourceRow {
            priority: "high".into(),
            assignee: "山田".into(),
            description: "部門ヒアリング（営業・物流・経理）".into(),
            start: d(2025, 4, 1),
            due: d(2025, 4, 7),
            created: dt("2025-03-24T10:13"),
            resolved: dt("2025-04-07T18:00"),
            estimate_hours: Some(40.0),
            actual_hours: Some(44.0),
            remaining_hours: Some(0.0),
            percent: Some(100.0),
            ..row(161, "2", "1", "1.1", "Task", "現行業務調査", "done")
        },
        SourceRow {
            priority: "medium".into(),
            assignee: "髙橋".into(),
            start: d(2025, 4, 8),
            due: d(2025, 4, 15),
            created: dt("2025-03-24T10:14"),
            estimate_hours: Some(64.0),
            actual_hours: Some(20.0),
            remaining_hours: Some(44.5),
            percent: Some(31.0),
            predecessors: vec!["2".into()],
            ..row(201, "3", "1", "1.2", "Task", "要件定義書作成 & レビュー", "in_progress")
        },
        SourceRow {
            priority: "critical".into(),
            start: d(2025, 4, 15),
            due: d(2025, 4, 15),
            created: dt("2025-03-25T16:40"),
            estimate_hours: Some(0.0),
            percent: Some(0.0),
            milestone: true,
            predecessors: vec!["3".into()],
            ..row(239, "9", "1", "1.3", "Milestone", "要件定義完了", "not_started")
        },
        SourceRow {
            priority: "medium".into(),
            start: d(2025, 4, 16),
            due: d(2025, 5, 2),
            created: dt("2025-03-24T10:15"),
            ..row(272, "4", "", "2", "Summary", "基本設計", "in_progress")
        },
        SourceRow {
            priority: "medium".into(),
            assignee: "髙橋".into(),
            start: d(2025, 4, 16),
            due: d(2025, 4, 24),
            created: dt("2025-03-24T10:16"),
            estimate_hours: Some(40.5),
            actual_hours: Some(0.0),
            remaining_hours: Some(40.5),
            percent: Some(0.0),
            predecessors: vec!["9".into()],
            ..row(297, "5", "4", "2.1", "Task", "画面設計", "not_started")
        },
        SourceRow {
            // No resource (MS Project's -65535 placeholder): work is 0, so the duration counts.
            priority: "medium".into(),
            description: "請求書・納品書の2帳票。\n「A&B社」様式に合わせる <要確認>".into(),
            start: d(2025, 4, 24),
            due: d(2025, 5, 2),
            created: dt("2025-03-24T10:17"),
            estimate_hours: Some(44.0),
            actual_hours: Some(11.0),
            remaining_hours: Some(33.0),
            percent: Some(25.0),
            predecessors: vec!["5".into()],
            ..row(332, "6", "4", "2.2", "Task", "帳票設計", "in_progress")
        },
        SourceRow {
            priority: "low".into(),
            start: d(2025, 5, 7),
            due: d(2025, 5, 9),
            created: dt("2025-03-26T09:05"),
            estimate_hours: Some(24.0),
            percent: Some(0.0),
            predecessors: vec!["6".into(), "5".into()],
            ..row(377, "8", "", "3", "Task", "結合テスト計画", "not_started")
        },
    ];
    assert_eq!(x.rows.len(), want.len(), "{:#?}", x.rows.iter().map(|r| &r.title).collect::<Vec<_>>());
    for (got, want) in x.rows.iter().zip(&want) {
        assert_eq!(got, want);
    }
    assert_eq!(
        x.warnings,
        vec![unsupported(201, "multiple resources"), unsupported(297, "link type SS"), unsupported(297, "link lag")]
    );
}

#[test]
fn reads_projectlibre() {
    let x = read(&fixture("projectlibre.xml")).unwrap();
    let want = vec![
        SourceRow {
            priority: "medium".into(),
            start: d(2025, 4, 1),
            due: d(2025, 4, 4),
            created: dt("2025-03-10T08:05"),
            ..row(105, "1", "", "1", "Summary", "Planning", "in_progress")
        },
        SourceRow {
            priority: "medium".into(),
            assignee: "Alice Chen".into(),
            description: "Agenda: scope, roles & <timeline>".into(),
            start: d(2025, 4, 1),
            due: d(2025, 4, 1),
            created: dt("2025-03-10T08:06"),
            resolved: dt("2025-04-01T17:00"),
            estimate_hours: Some(16.0),
            actual_hours: Some(16.0),
            remaining_hours: Some(0.0),
            percent: Some(100.0),
            ..row(125, "2", "1", "1.1", "Task", "Kick-off meeting", "done")
        },
        SourceRow {
            priority: "medium".into(),
            assignee: "Bob O'Neil".into(),
            start: d(2025, 4, 2),
            due: d(2025, 4, 4),
            created: dt("2025-03-10T08:07"),
            estimate_hours: Some(24.0),
            actual_hours: Some(12.0),
            remaining_hours: Some(12.0),
            percent: Some(50.0),
            predecessors: vec!["2".into()],
            ..row(157, "3", "1", "1.2", "Task", "Requirements workshop", "in_progress")
        },
        SourceRow {
            start: d(2025, 4, 7),
            due: d(2025, 4, 18),
            ..row(187, "4", "", "2", "Summary", "Design", "not_started")
        },
        SourceRow {
            start: d(2025, 4, 7),
            due: d(2025, 4, 18),
            ..row(202, "5", "4", "2.1", "Summary", "Wireframes", "not_started")
        },
        SourceRow {
            priority: "high".into(),
            assignee: "Alice Chen".into(),
            start: d(2025, 4, 7),
            due: d(2025, 4, 18),
            estimate_hours: Some(72.0),
            remaining_hours: Some(72.0),
            percent: Some(0.0),
            predecessors: vec!["3".into()],
            ..row(217, "6", "5", "2.1.1", "Task", "Visual design", "not_started")
        },
        SourceRow {
            start: d(2025, 4, 18),
            due: d(2025, 4, 18),
            estimate_hours: Some(0.0),
            percent: Some(0.0),
            milestone: true,
            predecessors: vec!["6".into()],
            ..row(243, "7", "4", "2.2", "Milestone", "Design approved", "not_started")
        },
        SourceRow {
            start: d(2025, 4, 30),
            due: d(2025, 4, 30),
            estimate_hours: Some(0.0),
            percent: Some(0.0),
            milestone: true,
            predecessors: vec!["7".into()],
            ..row(265, "8", "", "3", "Milestone", "Launch", "not_started")
        },
    ];
    assert_eq!(x.rows.len(), want.len());
    for (got, want) in x.rows.iter().zip(&want) {
        assert_eq!(got, want);
    }
    assert_eq!(
        x.warnings,
        vec![
            unsupported(125, "multiple resources"),
            unsupported(243, "link type FF"),
            unsupported(265, "cross-project link")
        ]
    );
}

#[test]
fn small_variants_of_the_format() {
    // No namespace, no OutlineLevel (depth from OutlineNumber), no WBS, day durations, a finish at
    // midnight, a BOM, CRLF line ends, and values that cannot be read.
    let text = "\u{feff}<?xml version=\"1.0\"?>\r\n<Project>\r\n<MinutesPerDay>420</MinutesPerDay>\r\n<Tasks>\r\n\
        <Task><UID>10</UID><Name>  A  </Name><OutlineNumber>1</OutlineNumber><Duration>P2D</Duration>\
        <Start>2025-04-01T08:00:00</Start><Finish>2025-04-03T00:00:00</Finish></Task>\r\n\
        <Task><UID>11</UID><Name>B</Name><OutlineNumber>1.1</OutlineNumber><Work>PT1H30M</Work>\
        <Start>2025-04-01</Start><Finish>yesterday</Finish><ActualWork>lots</ActualWork></Task>\r\n\
        <Task><UID>12</UID><Name>C</Name><OutlineLevel>1</OutlineLevel><Duration>P0.5W</Duration></Task>\r\n\
        </Tasks>\r\n</Project>\r\n";
    let x = read(text).unwrap();
    let got: Vec<(&str, &str, &str, Option<f64>)> =
        x.rows.iter().map(|r| (r.key.as_str(), r.parent_key.as_str(), r.title.as_str(), r.estimate_hours)).collect();
    assert_eq!(got, vec![("10", "", "A", Some(14.0)), ("11", "10", "B", Some(1.5)), ("12", "", "C", Some(20.0))]);
    assert_eq!(
        (x.rows[0].start, x.rows[0].due),
        (d(2025, 4, 1), d(2025, 4, 2)),
        "a midnight finish ends the day before"
    );
    assert_eq!((x.rows[1].start, x.rows[1].due, x.rows[1].actual_hours), (d(2025, 4, 1), None, None));
    assert_eq!((x.rows[0].wbs_number.as_str(), x.rows[1].wbs_number.as_str()), ("1", "1.1"));
    assert_eq!(x.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![5, 6, 7]);
    assert_eq!(
        x.warnings,
        vec![
            Warning { line: 6, kind: WarningKind::BadDate { column: "Finish".into(), value: "yesterday".into() } },
            Warning { line: 6, kind: WarningKind::BadNumber { column: "ActualWork".into(), value: "lots".into() } },
        ]
    );
}

#[test]
fn malformed_files_are_refused_clearly() {
    let good = fixture("ms-project-2016-ja.xml");
    // Truncated in the middle of a task.
    let cut = &good[..good.find("<Name>帳票設計").unwrap()];
    match read(cut) {
        Err(ReadError::BadXml { line, message }) => {
            assert!(line >= 330, "line {line}: {message}");
            assert!(!message.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // Not XML at all, or XML that is not a project.
    assert!(matches!(read("{\"format\": \"mieruka\"}"), Err(ReadError::BadXml { line: 1, .. })));
    assert_eq!(read("<html><body>Tasks</body></html>"), Err(ReadError::NotMspdi));
    assert_eq!(
        read("<Project xmlns=\"http://schemas.microsoft.com/project\"><Name>x</Name></Project>"),
        Err(ReadError::NotMspdi)
    );
    assert_eq!(read("<Project xmlns=\"urn:other\"><Tasks/></Project>"), Err(ReadError::NotMspdi));
    assert_eq!(read("   \n"), Err(ReadError::Empty));
    assert_eq!(read(""), Err(ReadError::Empty));
    // An empty project is fine.
    assert_eq!(read(&format!("<Project xmlns=\"{NAMESPACE}\"><Tasks/></Project>")).unwrap().rows, vec![]);
    // A DTD with entities (billion laughs) is refused before any expansion.
    let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [\n <!ENTITY a \"aaaaaaaaaa\">\n \
        <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n\
        <Project><Tasks><Task><UID>1</UID><Name>&c;</Name></Task></Tasks></Project>";
    match read(bomb) {
        Err(ReadError::BadXml { line, message }) => assert_eq!((line, message.contains("DTD")), (2, true), "{message}"),
        other => panic!("{other:?}"),
    }
    // Unknown entities and mismatched tags are located.
    match read("<Project>\n<Tasks>\n<Task><Name>&nbsp;</Name></Task>\n</Tasks></Project>") {
        Err(ReadError::BadXml { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    match read("<Project>\n<Tasks>\n<Task></Tsk>\n</Tasks></Project>") {
        Err(ReadError::BadXml { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    // Every prefix of a real file: an error or rows, never a panic.
    for n in (0..good.len()).step_by(97).filter(|n| good.is_char_boundary(*n)) {
        let _ = read(&good[..n]);
    }
}

#[test]
fn big_files_read_in_linear_time() {
    let task = |i: usize, level: usize| {
        format!(
            "<Task><UID>{i}</UID><ID>{i}</ID><Name>タスク{i}</Name><OutlineLevel>{level}</OutlineLevel>\
             <Start>2025-04-01T09:00:00</Start><Finish>2025-04-02T18:00:00</Finish><Duration>PT16H0M0S</Duration>\
             <Work>PT16H0M0S</Work><PercentComplete>50</PercentComplete>{}</Task>\n",
            if i > 1 {
                format!("<PredecessorLink><PredecessorUID>{}</PredecessorUID><Type>1</Type></PredecessorLink>", i - 1)
            } else {
                String::new()
            }
        )
    };
    let doc = |n: usize| {
        let mut s = String::from("<Project xmlns=\"http://schemas.microsoft.com/project\"><Tasks>\n");
        for i in 1..=n {
            s.push_str(&task(i, 1 + i % 4));
        }
        s.push_str("</Tasks></Project>");
        s
    };
    let big = doc(20_000);
    let start = Instant::now();
    let x = read(&big).unwrap();
    let took = start.elapsed();
    assert_eq!(x.rows.len(), 20_000);
    assert_eq!(x.rows[19_999].line, 20_001);
    assert!(took < Duration::from_secs(5), "20 000 tasks took {took:?}");
}

// ---------------------------------------------------------------- writing

fn keyed(rows: &[SourceRow]) -> HashMap<&str, &SourceRow> {
    rows.iter().map(|r| (r.key.as_str(), r)).collect()
}

/// Writes `p`, reads it back, and checks the tree, titles, hours, progress, dates, dependencies
/// and assignees against the project.
#[track_caller]
fn assert_round_trip(p: &Project) -> Vec<SourceRow> {
    let xml = write(p);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    assert_eq!(doc.root_element().tag_name().namespace(), Some(NAMESPACE));
    let x = read(&xml).expect("readable");
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
    let rows = wbs_rows(p);
    assert_eq!(x.rows.len(), rows.len());
    let uid: HashMap<Id, String> = rows.iter().enumerate().map(|(i, r)| (r.id, (i + 1).to_string())).collect();
    let by_key = keyed(&x.rows);
    for (w, got) in rows.iter().zip(&x.rows) {
        let t = &p.tasks[&w.id];
        assert_eq!(got.key, uid[&w.id]);
        assert_eq!(by_key[got.key.as_str()].key, got.key);
        assert_eq!(
            got.title,
            t.title.chars().filter(|c| !c.is_control() || matches!(c, '\t' | '\n')).collect::<String>().trim()
        );
        assert_eq!(got.wbs_number, w.number);
        assert_eq!(got.parent_key, t.parent.map(|x| uid[&x].clone()).unwrap_or_default(), "parent of {}", t.title);
        let mut deps: Vec<String> = t.depends_on.iter().map(|x| uid[x].clone()).collect();
        let mut got_deps = got.predecessors.clone();
        deps.sort();
        got_deps.sort();
        assert_eq!(got_deps, deps, "dependencies of {}", t.title);
        assert_eq!(got.milestone, t.milestone);
        assert_eq!(got.assignee, p.member_name(t.assignee));
        assert_eq!(
            got.description,
            t.description.replace(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'), "")
        );
        if w.has_children {
            assert_eq!(got.kind, "Summary");
            assert_eq!((got.estimate_hours, got.percent), (None, None));
        } else {
            let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 0.001);
            let est = if t.estimate_hours > 0.0 || t.milestone {
                t.estimate_hours
            } else {
                got.estimate_hours.unwrap_or(-1.0)
            };
            assert!(close(got.estimate_hours, est), "{}: {:?} vs {}", t.title, got.estimate_hours, t.estimate_hours);
            if t.estimate_hours > 0.0 {
                assert!(close(got.actual_hours, t.actual_hours), "{}: actual {:?}", t.title, got.actual_hours);
                assert!(
                    close(got.remaining_hours, t.effective_remaining()),
                    "{}: remaining {:?}",
                    t.title,
                    got.remaining_hours
                );
                assert_eq!(got.percent, Some(t.effective_percent().round()), "{}", t.title);
            }
            if let (Some(s), Some(d)) = (t.start, t.due) {
                if !t.milestone {
                    assert_eq!((got.start, got.due), (Some(s), Some(d)), "{}", t.title);
                }
            }
            if t.milestone {
                assert_eq!(got.due, t.due.or(t.start).or(p.info.start), "{}", t.title);
            }
        }
    }
    x.rows
}

#[test]
fn the_sample_project_round_trips() {
    for japanese in [true, false] {
        let p = sample_project(japanese, date(2025, 6, 20), 7);
        assert!(p.tasks.len() > 20 && p.tasks.values().any(|t| !t.depends_on.is_empty()) && !p.members.is_empty());
        let rows = assert_round_trip(&p);
        assert!(rows.iter().any(|r| !r.assignee.is_empty()));
        assert!(rows.iter().any(|r| r.milestone));
    }
}

#[test]
fn written_document_has_the_project_calendar_and_resources() {
    let p = sample_project(true, date(2025, 6, 20), 7);
    let xml = write(&p);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    let el = |n: roxmltree::Node, name: &str| {
        n.children().find(|c| c.tag_name().name() == name).and_then(|c| c.text()).map(str::to_string)
    };
    assert_eq!(el(root, "Title").as_deref(), Some(p.info.name.as_str()));
    assert_eq!(el(root, "CalendarUID").as_deref(), Some("1"));
    assert!(el(root, "StartDate").unwrap().ends_with("T09:00:00"));
    let tasks: Vec<_> = root.descendants().filter(|n| n.tag_name().name() == "Task").collect();
    assert_eq!(tasks.len(), p.tasks.len() + 1);
    assert_eq!((el(tasks[0], "UID").as_deref(), el(tasks[0], "OutlineLevel").as_deref()), (Some("0"), Some("0")));
    for (i, t) in tasks.iter().enumerate().skip(1) {
        assert_eq!(el(*t, "UID"), Some(i.to_string()));
        assert_eq!(el(*t, "ID"), Some(i.to_string()));
        let dur = el(*t, "Duration").unwrap();
        assert!(dur.starts_with("PT") && dur.ends_with("M0S"), "{dur}");
    }
    // Weekends off, weekdays 8 working hours; Japanese holidays in the schedule as exceptions.
    let weekdays: Vec<_> = root.descendants().filter(|n| n.tag_name().name() == "WeekDay").collect();
    let of_type = |k: &str| weekdays.iter().filter(|w| el(**w, "DayType").as_deref() == Some(k)).collect::<Vec<_>>();
    assert_eq!(el(*of_type("1")[0], "DayWorking").as_deref(), Some("0"));
    assert_eq!(el(*of_type("2")[0], "DayWorking").as_deref(), Some("1"));
    assert!(!of_type("0").is_empty(), "holidays of the schedule (GW, 海の日 …) are exceptions");
    let resources: Vec<_> = root.descendants().filter(|n| n.tag_name().name() == "Resource").collect();
    assert_eq!(resources.len(), p.members.len());
    let assigned = p.tasks.values().filter(|t| t.assignee.is_some()).count();
    assert_eq!(root.descendants().filter(|n| n.tag_name().name() == "Assignment").count(), assigned);
}

/// The MSPDI schema's element sequences (the part Mieruka writes): children must come in this order.
const TASK_SEQ: &[&str] = &[
    "UID",
    "GUID",
    "ID",
    "Name",
    "Active",
    "Manual",
    "Type",
    "IsNull",
    "CreateDate",
    "WBS",
    "OutlineNumber",
    "OutlineLevel",
    "Priority",
    "Start",
    "Finish",
    "Duration",
    "DurationFormat",
    "Work",
    "EffortDriven",
    "Estimated",
    "Milestone",
    "Summary",
    "Critical",
    "PercentComplete",
    "PercentWorkComplete",
    "ActualStart",
    "ActualFinish",
    "ActualDuration",
    "ActualWork",
    "RemainingDuration",
    "RemainingWork",
    "ConstraintType",
    "CalendarUID",
    "Notes",
    "PredecessorLink",
];
const RESOURCE_SEQ: &[&str] = &[
    "UID",
    "GUID",
    "ID",
    "Name",
    "Type",
    "IsNull",
    "Initials",
    "Group",
    "MaxUnits",
    "StandardRate",
    "StandardRateFormat",
];
const ASSIGNMENT_SEQ: &[&str] =
    &["UID", "GUID", "TaskUID", "ResourceUID", "PercentWorkComplete", "ActualWork", "RemainingWork", "Units", "Work"];
const PROJECT_SEQ: &[&str] = &[
    "SaveVersion",
    "Name",
    "Title",
    "Manager",
    "ScheduleFromStart",
    "StartDate",
    "FinishDate",
    "FYStartDate",
    "CurrencyCode",
    "CalendarUID",
    "DefaultStartTime",
    "DefaultFinishTime",
    "MinutesPerDay",
    "MinutesPerWeek",
    "DaysPerMonth",
    "DefaultTaskType",
    "DefaultFixedCostAccrual",
    "DurationFormat",
    "WorkFormat",
    "NewTasksEffortDriven",
    "Calendars",
    "Tasks",
    "Resources",
    "Assignments",
];

#[track_caller]
fn assert_in_schema_order(n: roxmltree::Node, seq: &[&str]) {
    let mut last = 0;
    for c in n.children().filter(|c| c.is_element()) {
        let name = c.tag_name().name();
        let i = seq.iter().position(|s| *s == name).unwrap_or_else(|| panic!("<{name}> is not expected here"));
        assert!(i >= last, "<{name}> after <{}>", seq[last]);
        last = i;
    }
}

#[test]
fn written_elements_follow_the_schema_order() {
    let p = sample_project(false, date(2025, 6, 20), 3);
    let xml = write(&p);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_in_schema_order(root, PROJECT_SEQ);
    let named = |name: &'static str| root.descendants().filter(move |n| n.tag_name().name() == name);
    for t in named("Task") {
        assert_in_schema_order(t, TASK_SEQ);
    }
    for r in named("Resource") {
        assert_in_schema_order(r, RESOURCE_SEQ);
    }
    for a in named("Assignment") {
        assert_in_schema_order(a, ASSIGNMENT_SEQ);
    }
    for w in named("WeekDay") {
        assert_in_schema_order(w, &["DayType", "DayWorking", "TimePeriod", "WorkingTimes"]);
    }
}

#[test]
fn texts_are_escaped_and_invalid_characters_dropped() {
    let mut env = Env::new(5);
    let pid = env.pid;
    env.set_ok(EntityRef::project(pid), ProjectField::Name, json!("R&D <新> \"基盤\" 'X'"));
    let m = env.add_member("髙橋 & 﨑");
    let a = env.add_task(None, Task { title: "A & B <c> \"d\" 'e'".into(), estimate_hours: 7.5, ..task("") });
    let b = env.add_task(
        None,
        Task {
            title: "bell\u{7} 要件定義".into(),
            description: "1行目\r\n2行目 ]]> &amp; \u{1b}[0m".into(),
            estimate_hours: 0.25,
            actual_hours: 0.1,
            start: Some(date(2025, 4, 1)),
            due: Some(date(2025, 4, 3)),
            percent: 40.0,
            assignee: Some(m),
            ..task("")
        },
    );
    let c = env.add(Some(b), "子 🚀");
    env.ok(Command::Set {
        project: pid,
        entity: EntityRef::task(c),
        field: TaskField::DependsOn.into(),
        value: json!([a]),
    });
    let p = env.p();
    let xml = write(p);
    assert!(!xml.contains('\u{7}') && !xml.contains('\u{1b}'));
    assert!(xml.contains("<Title>R&amp;D &lt;新&gt; &quot;基盤&quot; &apos;X&apos;</Title>"));
    let rows = assert_round_trip(p);
    assert_eq!(rows[0].title, "A & B <c> \"d\" 'e'");
    assert_eq!(rows[1].title, "bell 要件定義");
    assert_eq!(rows[1].description, "1行目\r\n2行目 ]]> &amp; [0m");
    assert_eq!(rows[1].assignee, "髙橋 & 﨑");
    assert_eq!(rows[1].estimate_hours, None, "a summary's hours are MS Project's roll-ups");
    assert_eq!(rows[2].predecessors, vec!["1".to_string()]);
}

#[test]
fn an_empty_project_writes_a_valid_document() {
    let env = Env::new(6);
    let xml = write(env.p());
    assert!(roxmltree::Document::parse(&xml).is_ok());
    assert_eq!(read(&xml).unwrap().rows, vec![]);
    let mut p = Project::empty(Id::nil());
    p.info = ProjectInfo { name: String::new(), working_days: vec![], ..ProjectInfo::default() };
    assert!(read(&write(&p)).unwrap().rows.is_empty());
}

// ---------------------------------------------------------------- through the import

fn import(xml: &str, name: &str) -> Project {
    use mieruka_core::interop::build::{apply, Destination, ImportOptions};
    use mieruka_core::interop::{profile, Source};
    let rows = read(xml).unwrap().rows;
    let opts = ImportOptions {
        source: Source::Mspdi,
        values: profile::default_values(Source::Mspdi),
        tz_offset_min: 540,
        file: "test.csv".into(),
    };
    let stamp = mieruka_core::Stamp::new(instant("2025-07-01T00:00:00Z"), "import", Id::from_u128(0x5eed << 64));
    apply(Destination::New { id: Id::from_u128(77), name: name.into() }, &rows, &opts, &stamp).expect("imports")
}

/// Write → read → import gives the same WBS: shape, titles, hours, progress, dates, milestones,
/// dependencies and assignees.
#[test]
fn the_sample_project_round_trips_through_the_import() {
    let p = sample_project(true, date(2025, 6, 20), 7);
    let q = import(&write(&p), &p.info.name);
    assert_eq!(wbs(&q), wbs(&p));
    let (pr, qr) = (wbs_rows(&p), wbs_rows(&q));
    let pos: HashMap<Id, usize> = pr.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let qpos: HashMap<Id, usize> = qr.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for (a, b) in pr.iter().zip(&qr) {
        let (s, t) = (&p.tasks[&a.id], &q.tasks[&b.id]);
        let mut deps: Vec<usize> = s.depends_on.iter().map(|d| pos[d]).collect();
        let mut got: Vec<usize> = t.depends_on.iter().map(|d| qpos[d]).collect();
        deps.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, deps, "{}", s.title);
        assert_eq!(t.milestone, s.milestone, "{}", s.title);
        assert_eq!(q.member_name(t.assignee), p.member_name(s.assignee), "{}", s.title);
        assert_eq!(t.description, s.description);
        if !a.has_children {
            assert!((t.estimate_hours - s.estimate_hours).abs() < 0.001, "{}", s.title);
            assert!((t.actual_hours - s.actual_hours).abs() < 0.001, "{}", s.title);
            assert_eq!(t.effective_percent().round(), s.effective_percent().round(), "{}", s.title);
            if s.start.is_some() && s.due.is_some() && !s.milestone {
                assert_eq!((t.start, t.due), (s.start, s.due), "{}", s.title);
            }
        }
    }
    let progress = |p: &Project| mieruka_core::rollup::project_progress(p).round();
    assert_eq!(progress(&q), progress(&p));
}

#[test]
fn the_fixtures_import() {
    let q = import(&fixture("ms-project-2016-ja.xml"), "基幹システム刷新");
    assert_eq!(
        wbs(&q),
        rows(&[
            ("1", "要件定義"),
            ("1.1", "現行業務調査"),
            ("1.2", "要件定義書作成 & レビュー"),
            ("1.3", "要件定義完了"),
            ("2", "基本設計"),
            ("2.1", "画面設計"),
            ("2.2", "帳票設計"),
            ("3", "結合テスト計画"),
        ])
    );
    let mut names: Vec<&str> = q.members.values().map(|m| m.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, vec!["山田", "髙橋"]);
    let q = import(&fixture("projectlibre.xml"), "Website relaunch");
    assert_eq!(wbs(&q).len(), 8);
    assert_eq!(q.tasks.values().filter(|t| t.milestone).count(), 2);
}
