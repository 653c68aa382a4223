//! The import's last step: SourceRows → plan (preview) and apply (a new project, or a re-import
//! into the project an earlier import created). Checks the tree, members, values, the seeded
//! history (read back through burndown), re-import semantics, and plan == apply.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use mieruka_core::analytics::burndown::burndown;
use mieruka_core::analytics::WorkUnit;
use mieruka_core::apply::check_entity;
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::change::CREATE;
use mieruka_core::interop::build::{apply, plan, Counts, Destination, ImportOptions, RowAction};
use mieruka_core::interop::{ItemKind, Source, SourceComment, SourceRow, ValueMaps, WarningKind};
use mieruka_core::model::Project;
use mieruka_core::replay::replay;
use mieruka_core::{
    apply_to_project, Command, EntityKind, EntityRef, Id, IssueStatus, Priority, Stamp, TaskField, TaskStatus,
};
use proptest::prelude::*;

const JST: i32 = 540;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn stamp_at(at: &str, batch: u128) -> Stamp {
    Stamp::new(utc(at), "importer", Id::from_u128(batch))
}

fn opts() -> ImportOptions {
    let mut values = ValueMaps::default();
    for (w, s) in [
        ("open", TaskStatus::NotStarted),
        ("in progress", TaskStatus::InProgress),
        ("closed", TaskStatus::Done),
        ("won't do", TaskStatus::Cancelled),
    ] {
        values.status.insert(w.into(), s);
    }
    for (w, p) in [("p1", Priority::Critical), ("p2", Priority::High), ("p3", Priority::Medium)] {
        values.priority.insert(w.into(), p);
    }
    for (w, k) in [
        ("story", ItemKind::Task),
        ("epic", ItemKind::Task),
        ("bug", ItemKind::Issue),
        ("milestone", ItemKind::Milestone),
        ("chore", ItemKind::Skip),
    ] {
        values.kind.insert(w.into(), k);
    }
    ImportOptions { source: Source::Jira, values, tz_offset_min: JST, file: "test.csv".into() }
}

fn row(line: usize, key: &str, title: &str) -> SourceRow {
    SourceRow { line, key: key.into(), title: title.into(), ..SourceRow::default() }
}

fn new_project(rows: &[SourceRow], st: &Stamp) -> Project {
    apply(Destination::New { id: Id::from_u128(7), name: "Imported".into() }, rows, &opts(), st).unwrap()
}

fn by_key<'a>(p: &'a Project, key: &str) -> (Id, &'a mieruka_core::Task) {
    let skey = format!("jira:{key}");
    p.tasks
        .iter()
        .find(|(_, t)| t.source_key == skey)
        .map(|(id, t)| (*id, t))
        .unwrap_or_else(|| panic!("no task {key}"))
}

/// The log explains the state exactly, every entity passes the project's own checks, and no
/// change is after the import's time (except ordinary changes pushed after the log's last one).
fn assert_consistent(p: &Project) {
    let r = replay(p.id, &p.changes);
    assert_eq!(r.info, p.info);
    assert_eq!(r.members, p.members);
    assert_eq!(r.tasks, p.tasks);
    assert_eq!(r.issues, p.issues);
    assert_eq!(r.risks, p.risks);
    assert_eq!(r.imports, p.imports);
    let ids: HashSet<Id> = p.changes.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), p.changes.len(), "change ids are unique");
    for id in p.tasks.keys() {
        check_entity(p, EntityRef::task(*id)).unwrap();
    }
    for id in p.issues.keys() {
        check_entity(p, EntityRef::issue(*id)).unwrap();
    }
    for id in p.members.keys() {
        check_entity(p, EntityRef::member(*id)).unwrap();
    }
}

fn jira_rows() -> Vec<SourceRow> {
    vec![
        SourceRow {
            kind: "Epic".into(),
            status: "In Progress".into(),
            created: Some(local("2025-04-01 09:00")),
            ..row(2, "P-1", "Login")
        },
        SourceRow {
            kind: "Story".into(),
            parent_key: "P-1".into(),
            status: "Closed".into(),
            priority: "P2".into(),
            assignee: "山田 太郎".into(),
            estimate_hours: Some(8.0),
            actual_hours: Some(9.5),
            remaining_hours: Some(0.0),
            created: Some(local("2025-04-01 10:00")),
            resolved: Some(local("2025-04-03 15:00")),
            labels: vec!["ui".into(), "auth".into()],
            sprints: vec!["Sprint 1".into(), "ui".into()],
            description: "Form and validation".into(),
            comments: vec![
                SourceComment {
                    at: Some(local("2025-04-02 11:00")),
                    author: "佐藤".into(),
                    text: "looks good; ship it".into(),
                },
                SourceComment { at: None, author: String::new(), text: "plain".into() },
            ],
            ..row(3, "P-2", "Login form")
        },
        SourceRow {
            kind: "Story".into(),
            parent_key: "#P-1".into(),
            status: "Open".into(),
            priority: "P1".into(),
            assignee: "山田太郎".into(),
            estimate_hours: Some(4.0),
            created: Some(local("2025-04-01 10:30")),
            predecessors: vec!["P-2".into(), "P-99".into()],
            start: Some(date(2025, 4, 4)),
            due: Some(date(2025, 4, 10)),
            ..row(4, "P-3", "Password reset")
        },
        SourceRow {
            kind: "Bug".into(),
            status: "In Progress".into(),
            assignee: "Sato  Hanako".into(),
            parent_key: "P-3".into(),
            created: Some(local("2025-04-02 09:00")),
            ..row(5, "P-4", "Reset mail not sent")
        },
        SourceRow { kind: "Milestone".into(), due: Some(date(2025, 4, 30)), ..row(6, "P-5", "Release") },
        SourceRow { kind: "Chore".into(), ..row(7, "P-6", "Tidy up") },
        SourceRow {
            kind: "Spike".into(),
            status: "Blocked?".into(),
            priority: "whatever".into(),
            parent_key: "P-404".into(),
            ..row(8, "P-7", "Research")
        },
        SourceRow { kind: "Spike".into(), status: "Blocked?".into(), ..row(9, "P-8", "More research") },
    ]
}

#[test]
fn new_project_tree_members_values() {
    let st = stamp_at("2025-04-10T00:00:00Z", 1000);
    let rows = jira_rows();
    let p = new_project(&rows, &st);
    assert_consistent(&p);
    assert_eq!(p.info.name, "Imported");
    assert_eq!(p.tasks.len(), 6, "P-1, P-2, P-3, P-5, P-7, P-8");
    assert_eq!(p.issues.len(), 1);
    // One member for "山田 太郎" and "山田太郎"; "Sato  Hanako" is another.
    let names: Vec<&str> = p.members.values().map(|m| m.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"山田 太郎") && names.contains(&"Sato  Hanako"));

    let (p1, epic) = by_key(&p, "P-1");
    let (p2, story) = by_key(&p, "P-2");
    let (_, reset) = by_key(&p, "P-3");
    assert_eq!(epic.parent, None);
    assert_eq!(epic.status, TaskStatus::InProgress);
    assert_eq!(story.parent, Some(p1));
    assert_eq!(reset.parent, Some(p1), "a leading # is ignored");
    assert!(story.rank < reset.rank, "file order among siblings");
    assert_eq!(story.status, TaskStatus::Done);
    assert_eq!(story.percent, 100.0);
    assert_eq!(story.priority, Priority::High);
    assert_eq!(reset.priority, Priority::Critical);
    assert_eq!(story.assignee, reset.assignee);
    assert_eq!(story.tags, vec!["ui", "auth", "Sprint 1"]);
    assert_eq!(story.description, "Form and validation\n\n— 2025-04-02 11:00 佐藤: looks good; ship it\n\n— plain");
    assert_eq!((story.estimate_hours, story.actual_hours, story.remaining_hours), (8.0, 9.5, Some(0.0)));
    assert_eq!(reset.depends_on, vec![p2]);
    assert_eq!((reset.start, reset.due), (Some(date(2025, 4, 4)), Some(date(2025, 4, 10))));
    let (_, ms) = by_key(&p, "P-5");
    assert!(ms.milestone);
    let (_, research) = by_key(&p, "P-7");
    assert_eq!(research.parent, None);

    let bug = p.issues.values().next().unwrap();
    assert_eq!(bug.source_key, "jira:P-4");
    assert_eq!(bug.status, IssueStatus::InProgress);
    assert_eq!(bug.raised_on, Some(date(2025, 4, 2)));
    let (p3, _) = by_key(&p, "P-3");
    assert_eq!(bug.linked_tasks, vec![p3], "an issue under a task is linked to it");
    assert_eq!(p.member_name(bug.owner), "Sato  Hanako");

    let pl = plan(None, &rows, &opts());
    assert_eq!(pl.counts, Counts { tasks_new: 6, issues_new: 1, members_new: 2, skipped: 1, ..Counts::default() });
    let w: Vec<(usize, WarningKind)> = pl.warnings.iter().map(|w| (w.line, w.kind.clone())).collect();
    assert_eq!(
        w,
        vec![
            (4, WarningKind::UnknownPredecessor { key: "P-99".into() }),
            (8, WarningKind::UnmappedKind { value: "Spike".into() }),
            (8, WarningKind::UnmappedStatus { value: "Blocked?".into() }),
            (8, WarningKind::UnmappedPriority { value: "whatever".into() }),
            (8, WarningKind::UnknownParent { key: "P-404".into() }),
        ],
        "unmapped words warn once, at their first line"
    );
    assert_eq!(pl.statuses, vec!["In Progress", "Closed", "Open", "Blocked?"]);
    assert_eq!(pl.kinds, vec!["Epic", "Story", "Bug", "Milestone", "Chore", "Spike"]);
    // WBS order, depth, then issues, then skipped rows.
    let order: Vec<(&str, usize, RowAction)> = pl.rows.iter().map(|r| (r.key.as_str(), r.depth, r.action)).collect();
    assert_eq!(
        order,
        vec![
            ("P-1", 0, RowAction::New),
            ("P-2", 1, RowAction::New),
            ("P-3", 1, RowAction::New),
            ("P-5", 0, RowAction::New),
            ("P-7", 0, RowAction::New),
            ("P-8", 0, RowAction::New),
            ("P-4", 0, RowAction::New),
            ("P-6", 0, RowAction::Skip),
        ]
    );
    assert_eq!(pl.rows[1].assignee, "山田 太郎");
    assert_eq!(pl.rows[3].item, ItemKind::Milestone);
    assert_eq!(pl.rows[6].item, ItemKind::Issue);
}

#[test]
fn history_is_seeded_and_burndown_drops_on_the_resolved_day() {
    // Created on Tue 1 April (JST), resolved on Thu 3 April 15:00 JST.
    let rows = vec![
        SourceRow {
            estimate_hours: Some(8.0),
            remaining_hours: Some(0.0),
            status: "Closed".into(),
            created: Some(local("2025-04-01 10:00")),
            resolved: Some(local("2025-04-03 15:00")),
            ..row(2, "A-1", "Done on day 3")
        },
        SourceRow {
            estimate_hours: Some(4.0),
            created: Some(local("2025-04-02 10:00")),
            ..row(3, "A-2", "Added on day 2")
        },
        SourceRow {
            estimate_hours: Some(2.0),
            created: Some(local("2030-01-01 10:00")),
            ..row(4, "A-3", "Created in the future")
        },
    ];
    let st = stamp_at("2025-04-07T03:00:00Z", 2000);
    let p = new_project(&rows, &st);
    assert_consistent(&p);
    // Project creation first, at the earliest time: 1 April 10:00 JST = 01:00 UTC.
    assert_eq!(p.changes[0].entity, EntityRef::project(p.id));
    assert_eq!(p.changes[0].at, utc("2025-04-01T01:00:00Z"));
    assert!(p.changes.iter().all(|c| c.at <= st.at), "nothing after the import's time");
    assert!(p.changes.windows(2).all(|w| w[0].order_key() < w[1].order_key()), "the log is in effect order");
    assert!(p.changes.iter().all(|c| c.actor == "importer" && c.batch == st.batch));
    let (a1, _) = by_key(&p, "A-1");
    let closing: Vec<&str> =
        p.changes.iter().filter(|c| c.entity.id == a1 && c.field != CREATE).map(|c| c.field.as_str()).collect();
    assert_eq!(closing, vec!["status", "percent", "remaining_hours"]);
    assert!(p
        .changes
        .iter()
        .filter(|c| c.entity.id == a1 && c.field != CREATE)
        .all(|c| c.at == utc("2025-04-03T06:00:00Z")));

    let cal = WorkCalendar::for_project(&p.info);
    let s = burndown(&p, &cal, date(2025, 4, 1), date(2025, 4, 7), date(2025, 4, 7), WorkUnit::Hours, None, JST);
    assert_eq!(s.days, vec![date(2025, 4, 1), date(2025, 4, 2), date(2025, 4, 3), date(2025, 4, 4), date(2025, 4, 7)]);
    assert_eq!(s.remaining, vec![Some(8.0), Some(12.0), Some(4.0), Some(4.0), Some(6.0)]);
    assert_eq!(s.scope, vec![Some(8.0), Some(12.0), Some(12.0), Some(12.0), Some(14.0)]);

    // The import itself is recorded at its own time, by its actor, with its file: the audit
    // trail says when the back-dated changes were imported and by whom.
    let record = &p.imports[&st.batch];
    assert_eq!(
        (record.at, record.by.as_str(), record.source.as_str(), record.file.as_str()),
        (st.at, "importer", "jira", "test.csv")
    );
    assert_eq!((record.created, record.updated), (3, 0));
    let made = p
        .changes
        .iter()
        .find(|c| c.entity == EntityRef::import(st.batch))
        .expect("the record's creation is in the log");
    assert_eq!((made.at, made.field.as_str(), made.batch), (st.at, CREATE, st.batch));
    let (a2, _) = by_key(&p, "A-2");
    assert!(
        p.changes.iter().filter(|c| c.entity.id == a1 || c.entity.id == a2).all(|c| c.at < st.at),
        "the items keep their own dates"
    );
    // It travels in the file and through a merge into a copy that has not seen it.
    let file = mieruka_core::format::export(&[&p], st.at, "test");
    let back = mieruka_core::format::import(&file, &st).unwrap();
    assert_eq!(back.projects[0].imports, p.imports);
    let empty = Project { id: p.id, ..Project::default() };
    assert_eq!(mieruka_core::merge::union(&empty, &p).imports, p.imports);

    // Entity ids never equal change ids, and the same stamp gives the same project.
    let change_ids: HashSet<Id> = p.changes.iter().map(|c| c.id).collect();
    assert!(p.tasks.keys().chain(p.members.keys()).all(|id| !change_ids.contains(id)));
    assert_eq!(new_project(&rows, &st), p);
}

#[test]
fn reimport_updates_and_keeps_mieruka_only_fields() {
    let st1 = stamp_at("2025-04-05T00:00:00Z", 3000);
    let rows = jira_rows();
    let mut p = new_project(&rows, &st1);

    // Importing the same file again: nothing at all.
    let n = p.changes.len();
    let pl = plan(Some(&p), &rows, &opts());
    assert_eq!(pl.counts, Counts { tasks_unchanged: 6, issues_unchanged: 1, skipped: 1, ..Counts::default() });
    let again = apply(Destination::Existing(&p), &rows, &opts(), &stamp_at("2025-04-06T00:00:00Z", 3100)).unwrap();
    assert_eq!(again.changes.len(), n, "{:#?}", &again.changes[n..]);
    assert_eq!(again, p);

    // The user edits in Mieruka: P-7 becomes a milestone, P-8 depends on P-7, P-3 gets a rate-free
    // member and is moved under P-5, a task of the user's own is added under P-1.
    let (p7, _) = by_key(&p, "P-7");
    let (p8, _) = by_key(&p, "P-8");
    let (p3, _) = by_key(&p, "P-3");
    let (p5, _) = by_key(&p, "P-5");
    let (p1, _) = by_key(&p, "P-1");
    let user = |n: u128, cmd: Command, p: &mut Project| {
        apply_to_project(p, cmd, &stamp_at("2025-04-06T01:00:00Z", 5000 + n * 100)).unwrap();
    };
    let pid = p.id;
    user(
        1,
        Command::Set {
            project: pid,
            entity: EntityRef::task(p7),
            field: TaskField::Milestone.into(),
            value: true.into(),
        },
        &mut p,
    );
    user(
        2,
        Command::Set {
            project: pid,
            entity: EntityRef::task(p8),
            field: TaskField::DependsOn.into(),
            value: serde_json::json!([p7]),
        },
        &mut p,
    );
    user(3, Command::MoveTask { project: pid, task: p3, parent: Some(p5), index: 0 }, &mut p);
    let own = Id::from_u128(0xABC);
    user(
        4,
        Command::AddTask {
            project: pid,
            id: own,
            task: mieruka_core::Task { title: "Mine".into(), parent: Some(p1), rank: 10.0, ..Default::default() },
        },
        &mut p,
    );

    // The next export: P-3 renamed and closed on 8 April, P-9 new under P-2, P-7 closed with no
    // resolved time; P-3 keeps its explicit parent P-1 from the file.
    let mut rows2 = jira_rows();
    rows2[2].title = "Password reset (v2)".into();
    rows2[2].status = "Closed".into();
    rows2[2].resolved = Some(local("2025-04-08 12:00"));
    rows2[6].status = "Closed".into();
    rows2.push(SourceRow {
        parent_key: "P-2".into(),
        kind: "Story".into(),
        assignee: "新人 一郎".into(),
        created: Some(local("2025-04-07 09:00")),
        ..row(10, "P-9", "Follow-up")
    });
    let pl = plan(Some(&p), &rows2, &opts());
    assert_eq!(
        pl.counts,
        Counts {
            tasks_new: 1,
            tasks_updated: 2,
            tasks_unchanged: 4,
            issues_unchanged: 1,
            members_new: 1,
            skipped: 1,
            ..Counts::default()
        }
    );
    let before = p.changes.len();
    let st2 = stamp_at("2025-04-09T00:00:00Z", 6000);
    let q = apply(Destination::Existing(&p), &rows2, &opts(), &st2).unwrap();
    assert_consistent(&q);
    assert_eq!(q.changes[..before], p.changes[..], "the log is only appended to");
    let (_, t3) = by_key(&q, "P-3");
    assert_eq!(t3.title, "Password reset (v2)");
    assert_eq!(t3.status, TaskStatus::Done);
    assert_eq!(t3.parent, Some(p1), "the file names the parent");
    let (_, t7) = by_key(&q, "P-7");
    assert!(t7.milestone, "the user's milestone flag is kept");
    assert_eq!(t7.status, TaskStatus::Done);
    let (_, t8) = by_key(&q, "P-8");
    assert_eq!(t8.depends_on, vec![p7], "the user's dependency is kept");
    assert_eq!(q.tasks[&own].title, "Mine", "nothing is deleted");
    let (_, t9) = by_key(&q, "P-9");
    assert_eq!(q.member_name(t9.assignee), "新人 一郎");
    // P-3 closed at its resolved time (8 April 12:00 JST = 03:00 UTC), the rest at the stamp.
    let status3 = q.changes[before..].iter().find(|c| c.entity.id == p3 && c.field == "status").unwrap();
    assert_eq!(status3.at, utc("2025-04-08T03:00:00Z"));
    let title3 = q.changes[before..].iter().find(|c| c.entity.id == p3 && c.field == "title").unwrap();
    assert_eq!(title3.at, st2.at);
    assert!(q.changes[before..].iter().all(|c| c.batch == st2.batch));
    assert_eq!(
        (q.imports.len(), q.imports[&st2.batch].created, q.imports[&st2.batch].updated),
        (2, 1, 2),
        "one record per import"
    );

    // And once more: nothing.
    let r = apply(Destination::Existing(&q), &rows2, &opts(), &stamp_at("2025-04-10T00:00:00Z", 7000)).unwrap();
    assert_eq!(r.changes.len(), q.changes.len());
}

#[test]
fn cycles_and_bad_values() {
    let rows = vec![
        SourceRow { parent_key: "C".into(), ..row(2, "A", "a") },
        SourceRow { parent_key: "A".into(), ..row(3, "B", "b") },
        SourceRow { parent_key: "B".into(), predecessors: vec!["B".into(), "D".into()], ..row(4, "C", "c") },
        SourceRow { predecessors: vec!["C".into()], ..row(5, "D", "d") },
        SourceRow { parent_key: "E".into(), ..row(6, "E", "self parent") },
        SourceRow {
            estimate_hours: Some(5e6),
            start: Some(date(2025, 5, 2)),
            due: Some(date(2025, 5, 1)),
            ..row(7, "F", "bad values")
        },
        SourceRow { ..row(8, "G", &"長".repeat(600)) },
        SourceRow { ..row(9, "", "") },
        SourceRow { ..row(10, "A", "dup") },
    ];
    let st = stamp_at("2025-05-10T00:00:00Z", 8000);
    let p = new_project(&rows, &st);
    assert_consistent(&p);
    let tops = p.tasks.values().filter(|t| t.parent.is_none()).count();
    assert!(tops >= 2, "the parent loop was cut");
    let (d, _) = by_key(&p, "D");
    let (c, tc) = by_key(&p, "C");
    let (_, td) = by_key(&p, "D");
    assert!(!(tc.depends_on.contains(&d) && td.depends_on.contains(&c)), "no dependency cycle");
    let (_, f) = by_key(&p, "F");
    assert_eq!((f.estimate_hours, f.start, f.due), (0.0, None, Some(date(2025, 5, 1))));
    let (_, g) = by_key(&p, "G");
    assert_eq!(g.title.chars().count(), 500);

    let pl = plan(None, &rows, &opts());
    let kinds: Vec<(usize, &WarningKind)> = pl.warnings.iter().map(|w| (w.line, &w.kind)).collect();
    assert!(kinds.iter().any(|(_, k)| matches!(k, WarningKind::ParentCycle { .. })), "{kinds:?}");
    assert!(kinds.contains(&(6, &WarningKind::ParentCycle { key: "E".into() })));
    assert!(kinds.contains(&(7, &WarningKind::BadNumber { column: "estimate_hours".into(), value: "5000000".into() })));
    assert!(kinds.contains(&(9, &WarningKind::MissingTitle)));
    assert!(kinds.contains(&(10, &WarningKind::DuplicateKey { key: "A".into() })));
    assert_eq!(
        kinds
            .iter()
            .filter(|(_, k)| matches!(
                k,
                WarningKind::RowInvalid { .. }
                    | WarningKind::TitleCut { .. }
                    | WarningKind::StartAfterDue { .. }
                    | WarningKind::SelfDependency { .. }
                    | WarningKind::DependencyCycle { .. }
            ))
            .count(),
        3,
        "{kinds:?}"
    );
    assert_eq!(pl.counts.skipped, 2);
    assert_eq!(pl.counts.tasks_new, 7);
}

#[test]
fn status_words_and_derivation() {
    let rows = vec![
        SourceRow { percent: Some(100.0), ..row(2, "1", "full") },
        SourceRow { percent: Some(30.0), ..row(3, "2", "some") },
        SourceRow { resolved: Some(local("2025-04-02 10:00")), ..row(4, "3", "resolved") },
        SourceRow { ..row(5, "4", "nothing") },
        SourceRow { status: "Won't Do".into(), kind: "bug".into(), ..row(6, "5", "closed issue") },
        SourceRow { status: "blocked".into(), kind: "issue".into(), ..row(7, "6", "open issue") },
        SourceRow { status: "DONE".into(), priority: "HIGH".into(), ..row(8, "7", "mieruka words") },
    ];
    let p = new_project(&rows, &stamp_at("2025-04-10T00:00:00Z", 9000));
    let st = |k: &str| by_key(&p, k).1.status;
    assert_eq!(
        [st("1"), st("2"), st("3"), st("4"), st("7")],
        [TaskStatus::Done, TaskStatus::InProgress, TaskStatus::Done, TaskStatus::NotStarted, TaskStatus::Done]
    );
    assert_eq!(by_key(&p, "7").1.priority, Priority::High);
    let issues: BTreeMap<&str, IssueStatus> = p.issues.values().map(|i| (i.source_key.as_str(), i.status)).collect();
    assert_eq!(issues["jira:5"], IssueStatus::Closed);
    assert_eq!(issues["jira:6"], IssueStatus::Open);
    assert!(plan(None, &rows, &opts()).warnings.is_empty());
}

#[test]
fn new_project_needs_a_name() {
    let r = apply(
        Destination::New { id: Id::from_u128(1), name: "  ".into() },
        &[],
        &opts(),
        &stamp_at("2025-04-10T00:00:00Z", 1),
    );
    assert!(r.is_err());
    let p = apply(
        Destination::New { id: Id::from_u128(1), name: "Empty".into() },
        &[],
        &opts(),
        &stamp_at("2025-04-10T00:00:00Z", 1),
    )
    .unwrap();
    assert_eq!(p.changes.len(), 1);
    assert_consistent(&p);
}

#[test]
fn fifty_thousand_rows_are_fast() {
    let rows: Vec<SourceRow> = (0..50_000)
        .map(|i| SourceRow {
            parent_key: if i % 10 == 0 { String::new() } else { format!("K-{}", i - i % 10) },
            predecessors: if i % 10 > 1 { vec![format!("K-{}", i - 1)] } else { vec![] },
            assignee: format!("担当 {}", i % 37),
            estimate_hours: Some((i % 13) as f64),
            status: if i % 3 == 0 { "Closed".into() } else { "Open".into() },
            created: Some(local("2025-04-01 09:00") + Duration::minutes(i as i64)),
            resolved: (i % 3 == 0).then(|| local("2025-05-01 09:00") + Duration::minutes(i as i64)),
            ..row(i + 2, &format!("K-{i}"), &format!("課題 {i}"))
        })
        .collect();
    let started = std::time::Instant::now();
    let st = stamp_at("2025-07-01T00:00:00Z", 1 << 40);
    let p = new_project(&rows, &st);
    let pl = plan(Some(&p), &rows, &opts());
    let q = apply(Destination::Existing(&p), &rows, &opts(), &stamp_at("2025-07-02T00:00:00Z", 2 << 40)).unwrap();
    let took = started.elapsed();
    assert_eq!(p.tasks.len(), 50_000);
    assert_eq!(pl.counts.tasks_unchanged, 50_000);
    assert_eq!(q.changes.len(), p.changes.len());
    // Debug builds are slow; this only guards against quadratic behaviour.
    assert!(took.as_secs() < 60, "took {took:?}");
}

// ------------------------------------------------------------------------------- properties

fn arb_row(keys: usize) -> impl Strategy<Value = SourceRow> {
    let key = 0..keys;
    let maybe_key = proptest::option::weighted(0.9, 0..keys);
    (
        (
            proptest::option::weighted(0.95, key),
            maybe_key.clone(),
            proptest::option::of("[1-3](\\.[1-3]){0,2}"),
            "[a-zA-Z ぁ-ん]{0,6}",
        ),
        (
            prop_oneof![Just(""), Just("Open"), Just("Closed"), Just("In Progress"), Just("Won't Do"), Just("??")],
            prop_oneof![Just(""), Just("P1"), Just("P3"), Just("odd")],
            prop_oneof![Just(""), Just("Story"), Just("Bug"), Just("Milestone"), Just("Chore"), Just("thing")],
            prop_oneof![Just(""), Just("山田 太郎"), Just("山田太郎"), Just("Sato"), Just("sato ")],
        ),
        (
            proptest::option::of(0.0f64..50.0),
            proptest::option::of(-5.0f64..120.0),
            proptest::option::of(0u32..20),
            proptest::option::of(0u32..20),
            proptest::option::of(0u32..20),
        ),
        (proptest::collection::vec(maybe_key, 0..3), proptest::collection::vec("[a-c]", 0..3), any::<bool>()),
    )
        .prop_map(
            |(
                (key, parent, wbs, title),
                (status, priority, kind, assignee),
                (est, pct, created, resolved, due),
                (preds, labels, ms),
            )| {
                let day = |d: u32| local("2025-04-01 09:00") + Duration::hours(d as i64 * 7);
                SourceRow {
                    line: 0,
                    key: key.map(|k| format!("K-{k}")).unwrap_or_default(),
                    parent_key: parent.map(|k| format!("K-{k}")).unwrap_or_default(),
                    wbs_number: wbs.unwrap_or_default(),
                    kind: kind.into(),
                    title,
                    status: status.into(),
                    priority: priority.into(),
                    assignee: assignee.into(),
                    estimate_hours: est,
                    percent: pct,
                    created: created.map(day),
                    resolved: resolved.map(day),
                    due: due.map(|d| date(2025, 4, 1) + Duration::days(d as i64)),
                    predecessors: preds.into_iter().flatten().map(|k| format!("K-{k}")).collect(),
                    labels,
                    milestone: ms,
                    ..SourceRow::default()
                }
            },
        )
}

fn arb_rows() -> impl Strategy<Value = Vec<SourceRow>> {
    proptest::collection::vec(arb_row(12), 0..24).prop_map(|mut v| {
        for (i, r) in v.iter_mut().enumerate() {
            r.line = i + 2;
        }
        v
    })
}

/// What an import did, measured on the result: new, updated and unchanged tasks and issues.
fn measured(before: &Project, after: &Project, batch: Id) -> Counts {
    let mut touched: HashSet<(EntityKind, Id)> = HashSet::new();
    let mut created: HashSet<(EntityKind, Id)> = HashSet::new();
    for c in after.changes.iter().filter(|c| c.batch == batch) {
        if c.is_create() {
            created.insert((c.entity.kind, c.entity.id));
        } else {
            touched.insert((c.entity.kind, c.entity.id));
        }
    }
    let new = |k: EntityKind| created.iter().filter(|(kk, _)| *kk == k).count();
    let updated = |k: EntityKind| touched.iter().filter(|(kk, id)| *kk == k && !created.contains(&(k, *id))).count();
    Counts {
        tasks_new: new(EntityKind::Task),
        tasks_updated: updated(EntityKind::Task),
        issues_new: new(EntityKind::Issue),
        issues_updated: updated(EntityKind::Issue),
        members_new: after.members.len() - before.members.len(),
        ..Counts::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The preview predicts the import exactly, for a new project and for a re-import of another
    /// file over it; the log always explains the state; the same file twice changes nothing.
    #[test]
    fn plan_predicts_apply(first in arb_rows(), second in arb_rows()) {
        let o = opts();
        let st1 = stamp_at("2025-05-01T00:00:00Z", 0xA000);
        let pl1 = plan(None, &first, &o);
        let p = apply(Destination::New { id: Id::from_u128(7), name: "P".into() }, &first, &o, &st1).unwrap();
        assert_consistent(&p);
        let m1 = measured(&Project::default(), &p, st1.batch);
        prop_assert_eq!((pl1.counts.tasks_new, pl1.counts.issues_new, pl1.counts.members_new), (m1.tasks_new, m1.issues_new, m1.members_new));
        prop_assert_eq!(pl1.counts.tasks_new, p.tasks.len());
        prop_assert_eq!(pl1.counts.issues_new, p.issues.len());
        prop_assert_eq!(pl1.rows.len(), first.len());

        let st2 = stamp_at("2025-05-02T00:00:00Z", 0xB000);
        let pl2 = plan(Some(&p), &second, &o);
        let q = apply(Destination::Existing(&p), &second, &o, &st2).unwrap();
        assert_consistent(&q);
        prop_assert_eq!(&q.changes[..p.changes.len()], &p.changes[..]);
        let m2 = measured(&p, &q, st2.batch);
        prop_assert_eq!(pl2.counts.tasks_new, m2.tasks_new);
        prop_assert_eq!(pl2.counts.tasks_updated, m2.tasks_updated);
        prop_assert_eq!(pl2.counts.issues_new, m2.issues_new);
        prop_assert_eq!(pl2.counts.issues_updated, m2.issues_updated);
        prop_assert_eq!(pl2.counts.members_new, m2.members_new);
        // The audit record counts what the import did, and exists only when it did something.
        match q.imports.get(&st2.batch) {
            Some(r) => {
                prop_assert_eq!(r.created as usize, m2.tasks_new + m2.issues_new);
                prop_assert_eq!(r.updated as usize, m2.tasks_updated + m2.issues_updated);
            }
            None => prop_assert_eq!(q.changes.len(), p.changes.len()),
        }
        prop_assert_eq!(q.tasks.len(), p.tasks.len() + pl2.counts.tasks_new);
        let actions = |a: RowAction| pl2.rows.iter().filter(|r| r.action == a).count();
        prop_assert_eq!(actions(RowAction::Unchanged), pl2.counts.tasks_unchanged + pl2.counts.issues_unchanged);
        prop_assert_eq!(actions(RowAction::Skip), pl2.counts.skipped);

        // Rows with a key: the same file again changes nothing.
        let keyed: Vec<SourceRow> = second.iter().filter(|r| !r.key.is_empty()).cloned().collect();
        let q1 = apply(Destination::Existing(&q), &keyed, &o, &stamp_at("2025-05-03T00:00:00Z", 0xC000)).unwrap();
        let q2 = apply(Destination::Existing(&q1), &keyed, &o, &stamp_at("2025-05-04T00:00:00Z", 0xD000)).unwrap();
        prop_assert_eq!(q2.changes.len(), q1.changes.len());
        let pl3 = plan(Some(&q1), &keyed, &o);
        prop_assert_eq!(pl3.counts.tasks_updated + pl3.counts.issues_updated + pl3.counts.tasks_new + pl3.counts.issues_new, 0);
    }
}

#[test]
fn a_description_over_the_limit_is_cut_with_a_warning() {
    use mieruka_core::interop::build::{plan, ImportOptions};
    use mieruka_core::interop::{profile, Source, SourceRow, WarningKind};
    let row = SourceRow {
        line: 2,
        key: "A-1".into(),
        title: "t".into(),
        description: "x".repeat(mieruka_core::validate::MAX_TEXT + 1),
        ..SourceRow::default()
    };
    let opts = ImportOptions {
        source: Source::Csv,
        values: profile::default_values(Source::Csv),
        tz_offset_min: 540,
        file: "test.csv".into(),
    };
    let p = plan(None, &[row], &opts);
    assert!(
        p.warnings.iter().any(|w| w.line == 2 && matches!(w.kind, WarningKind::DescriptionCut { .. })),
        "{:?}",
        p.warnings
    );
}
