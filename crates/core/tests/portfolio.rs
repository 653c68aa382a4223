//! The portfolio rules (analytics::portfolio) on hand-built projects: the overall RAG and how the
//! dashboard's parts fold into it, sorting and filtering, the cross-project lists, and member
//! workload summed across projects.

use chrono::NaiveDate;
use mieruka_core::analytics::kpi::{dashboard, Part, Rag};
use mieruka_core::analytics::portfolio::*;
use mieruka_core::analytics::EvIndices;
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::model::{Issue, Member, Project, ProjectInfo, Risk, Task};
use mieruka_core::{Id, IssueStatus, Priority, ProjectStatus, RiskKind, RiskStatus, TaskStatus};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Wednesday; its week is Mon 2025-06-09 .. Sun 2025-06-15 (no holiday in June).
fn status() -> NaiveDate {
    date(2025, 6, 11)
}

const TZ: i32 = 540;

struct B {
    p: Project,
    next: u128,
}

impl B {
    fn new(n: u128, code: &str, manager: &str) -> B {
        let info = ProjectInfo {
            code: code.into(),
            name: format!("Project {code}"),
            manager: manager.into(),
            status: ProjectStatus::Active,
            ..ProjectInfo::default()
        };
        B { p: Project { id: Id::from_u128(n * 1000), info, ..Project::default() }, next: n * 1000 }
    }
    fn id(&mut self) -> Id {
        self.next += 1;
        Id::from_u128(self.next)
    }
    fn member(&mut self, name: &str, capacity: f64) -> Id {
        let id = self.id();
        self.p.members.insert(id, Member { name: name.into(), capacity_hours_per_week: capacity, ..Member::default() });
        id
    }
    fn task(&mut self, t: Task) -> Id {
        let id = self.id();
        self.p.tasks.insert(id, t);
        id
    }
    fn issue(&mut self, i: Issue) -> Id {
        let id = self.id();
        self.p.issues.insert(id, i);
        id
    }
    fn risk(&mut self, r: Risk) -> Id {
        let id = self.id();
        self.p.risks.insert(id, r);
        id
    }
}

fn task(title: &str, due: Option<NaiveDate>, status: TaskStatus) -> Task {
    Task { title: title.into(), due, status, estimate_hours: 8.0, ..Task::default() }
}

fn issue(title: &str, priority: Priority, due: Option<NaiveDate>, status: IssueStatus) -> Issue {
    Issue { title: title.into(), priority, due, status, ..Issue::default() }
}

fn threat(title: &str, p: u8, i: u8, status: RiskStatus) -> Risk {
    Risk { title: title.into(), probability: p, impact: i, status, ..Risk::default() }
}

fn ev(spi: Option<f64>, cpi: Option<f64>) -> EvIndices {
    EvIndices { spi, cpi, ..EvIndices::default() }
}

fn row_of(p: &Project, e: &EvIndices) -> PortfolioRow {
    let s = Snapshot::new(p, status(), TZ);
    row(&s, status(), e)
}

// ------------------------------------------------------------------ the row and its RAG

#[test]
fn an_empty_project_is_unknown_not_green() {
    let b = B::new(1, "A", "");
    let r = row_of(&b.p, &EvIndices::default());
    assert_eq!(r.overall, Rag::Unknown);
    assert_eq!((r.schedule, r.cost, r.issues, r.risks), (Rag::Unknown, Rag::Unknown, Rag::Unknown, Rag::Unknown));
    assert!(r.reasons.is_empty());
    assert_eq!((r.spi, r.cpi, r.next_milestone.clone()), (None, None, None));
}

#[test]
fn overall_is_the_worst_of_schedule_cost_issues_and_risks() {
    let mut b = B::new(1, "A", "山田");
    b.task(task("done", Some(date(2025, 6, 1)), TaskStatus::Done));
    b.issue(issue("minor", Priority::Low, None, IssueStatus::Open));
    b.risk(threat("small", 1, 2, RiskStatus::Open));
    let green = row_of(&b.p, &ev(Some(1.0), Some(1.0)));
    assert_eq!(
        (green.overall, green.schedule, green.cost, green.issues, green.risks),
        (Rag::Green, Rag::Green, Rag::Green, Rag::Green, Rag::Green)
    );
    assert!(green.reasons.is_empty(), "a green project needs no reason");

    // Cost alone amber → amber overall, and the reason names the cost part.
    let amber = row_of(&b.p, &ev(Some(1.0), Some(0.92)));
    assert_eq!((amber.overall, amber.cost), (Rag::Amber, Rag::Amber));
    assert_eq!(amber.reasons.iter().map(|(p, _)| *p).collect::<Vec<_>>(), vec![Part::Cost]);

    // A critical issue makes it red whatever the indices.
    b.issue(issue("outage", Priority::Critical, None, IssueStatus::InProgress));
    let red = row_of(&b.p, &ev(Some(1.0), Some(0.92)));
    assert_eq!((red.overall, red.issues, red.cost), (Rag::Red, Rag::Red, Rag::Amber));
    assert_eq!(red.reasons.iter().map(|(p, _)| *p).collect::<Vec<_>>(), vec![Part::Issues]);
    assert_eq!(red.open_issues, 2);

    // A critical threat (4 × 4 = 16) is red too; a high one (2 × 5 = 10) counts as a high risk.
    let mut c = B::new(2, "B", "");
    c.risk(threat("vendor", 4, 4, RiskStatus::Monitoring));
    c.risk(threat("staff", 2, 5, RiskStatus::Open));
    c.risk(threat("closed", 5, 5, RiskStatus::Closed));
    c.risk(Risk { kind: RiskKind::Opportunity, ..threat("chance", 5, 5, RiskStatus::Open) });
    let r = row_of(&c.p, &EvIndices::default());
    assert_eq!((r.overall, r.risks, r.high_risks), (Rag::Red, Rag::Red, 2));
}

#[test]
fn overdue_tasks_and_milestone_slip_fold_into_the_schedule_colour() {
    // SPI green, but 5 of 10 open leaves overdue → the tasks part is red → schedule red.
    let mut b = B::new(1, "A", "");
    for k in 0..10 {
        let due = if k < 5 { date(2025, 6, 2) } else { date(2025, 7, 1) };
        b.task(task(&format!("t{k}"), Some(due), TaskStatus::InProgress));
    }
    let r = row_of(&b.p, &ev(Some(1.0), None));
    assert_eq!(r.overdue_tasks, 5);
    assert_eq!((r.schedule, r.overall), (Rag::Red, Rag::Red));
    assert_eq!(r.reasons.iter().map(|(p, _)| *p).collect::<Vec<_>>(), vec![Part::Tasks]);

    // A milestone whose predecessor ends 3 working days after it → amber schedule.
    let mut m = B::new(2, "M", "");
    let before = m.task(Task {
        title: "build".into(),
        start: Some(date(2025, 6, 9)),
        due: Some(date(2025, 6, 18)),
        estimate_hours: 40.0,
        status: TaskStatus::InProgress,
        ..Task::default()
    });
    m.task(Task {
        title: "release".into(),
        start: Some(date(2025, 6, 13)),
        due: Some(date(2025, 6, 13)),
        milestone: true,
        depends_on: vec![before],
        ..Task::default()
    });
    let r = row_of(&m.p, &ev(Some(1.0), Some(1.0)));
    let ms = r.next_milestone.clone().expect("a next milestone");
    assert_eq!(ms.title, "release");
    assert!(ms.slip > 0, "the milestone slips: {ms:?}");
    let expected = if ms.slip <= 5 { Rag::Amber } else { Rag::Red };
    assert_eq!((r.schedule, r.overall), (expected, expected));
}

#[test]
fn the_overall_colour_equals_the_project_dashboards_on_the_sample() {
    let today = date(2025, 6, 11);
    for seed in [1, 2, 3] {
        let p = mieruka_core::sample::sample_project(true, today, seed);
        let s = Snapshot::new(&p, today, TZ);
        let e = ev_indices(&s, today, TZ);
        let r = row(&s, today, &e);
        let d = dashboard(&p, &WorkCalendar::for_project(&p.info), today, &e);
        assert_eq!(r.overall, d.overall);
        assert_eq!(r.spi, d.spi);
        assert!(r.spi.is_some(), "the sample has earned value");
        assert_eq!(r.progress, d.progress);
    }
    // And `portfolio` is the same row with the same indices.
    let a = mieruka_core::sample::sample_project(true, today, 7);
    let rows = portfolio(&[&a], today, TZ);
    let s = Snapshot::new(&a, today, TZ);
    assert_eq!(rows, vec![row(&s, today, &ev_indices(&s, today, TZ))]);
}

// ------------------------------------------------------------------ sorting and filtering

fn sample_rows() -> Vec<PortfolioRow> {
    let mut a = B::new(1, "B-2", "Alice  Smith");
    a.issue(issue("x", Priority::Critical, None, IssueStatus::Open));
    let mut b = B::new(2, "A-1", "bob");
    b.issue(issue("y", Priority::Low, None, IssueStatus::Open));
    let c = B::new(3, "C-3", " alice smith ");
    let mut d = B::new(4, "D-4", "carol");
    d.p.info.archived = true;
    d.issue(issue("z", Priority::High, None, IssueStatus::Open));
    vec![
        row_of(&a.p, &ev(Some(0.8), None)),
        row_of(&b.p, &ev(Some(1.0), None)),
        row_of(&c.p, &ev(None, None)),
        row_of(&d.p, &ev(Some(0.93), None)),
    ]
}

fn codes(rows: &[PortfolioRow]) -> Vec<&str> {
    rows.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn sorting_puts_missing_values_last_both_ways_and_breaks_ties_by_code() {
    let mut rows = sample_rows();
    sort_rows(&mut rows, SortKey::Code, false);
    assert_eq!(codes(&rows), ["A-1", "B-2", "C-3", "D-4"]);
    sort_rows(&mut rows, SortKey::Code, true);
    assert_eq!(codes(&rows), ["D-4", "C-3", "B-2", "A-1"]);
    sort_rows(&mut rows, SortKey::Spi, false);
    assert_eq!(codes(&rows), ["B-2", "D-4", "A-1", "C-3"]);
    sort_rows(&mut rows, SortKey::Spi, true);
    assert_eq!(codes(&rows), ["A-1", "D-4", "B-2", "C-3"]);
    // RAG: green → amber → red ascending; C-3 has nothing to judge and goes last.
    sort_rows(&mut rows, SortKey::Rag, true);
    assert_eq!(codes(&rows), ["B-2", "D-4", "A-1", "C-3"]);
    sort_rows(&mut rows, SortKey::Rag, false);
    assert_eq!(codes(&rows), ["A-1", "D-4", "B-2", "C-3"]);
    // Equal values (one open issue each, and C-3 none) keep code order.
    sort_rows(&mut rows, SortKey::OpenIssues, true);
    assert_eq!(codes(&rows), ["A-1", "B-2", "D-4", "C-3"]);
    // Manager: case-folded and whitespace-collapsed, blanks last.
    sort_rows(&mut rows, SortKey::Manager, false);
    assert_eq!(codes(&rows), ["B-2", "C-3", "A-1", "D-4"]);
    // No milestone anywhere: code order in both directions.
    sort_rows(&mut rows, SortKey::Slip, true);
    assert_eq!(codes(&rows), ["A-1", "B-2", "C-3", "D-4"]);
}

#[test]
fn the_filter_matches_text_rag_manager_and_hides_archived() {
    let rows = sample_rows();
    let shown = |f: &RowFilter| rows.iter().filter(|r| f.matches(r)).map(|r| r.code.as_str()).collect::<Vec<_>>();
    assert_eq!(shown(&RowFilter::default()), ["B-2", "A-1", "C-3"]);
    assert_eq!(shown(&RowFilter { include_archived: true, ..RowFilter::default() }), ["B-2", "A-1", "C-3", "D-4"]);
    assert_eq!(shown(&RowFilter { text: "  ALICE   smith".into(), ..RowFilter::default() }), ["B-2", "C-3"]);
    assert_eq!(shown(&RowFilter { text: "a-1".into(), ..RowFilter::default() }), ["A-1"]);
    assert_eq!(shown(&RowFilter { text: "project d".into(), include_archived: true, ..RowFilter::default() }), ["D-4"]);
    assert_eq!(shown(&RowFilter { rag: Some(Rag::Red), ..RowFilter::default() }), ["B-2"]);
    assert_eq!(shown(&RowFilter { rag: Some(Rag::Unknown), ..RowFilter::default() }), ["C-3"]);
    assert_eq!(shown(&RowFilter { manager: Some("alice smith".into()), ..RowFilter::default() }), ["B-2", "C-3"]);
    assert_eq!(managers(&rows), ["Alice Smith", "bob", "carol"]);
}

// ------------------------------------------------------------------ cross-project lists

#[test]
fn overdue_tasks_are_open_leaves_past_due_over_all_projects() {
    let mut a = B::new(1, "A", "");
    let alice = a.member("Alice", 40.0);
    let parent = a.task(task("phase", Some(date(2025, 6, 1)), TaskStatus::InProgress));
    a.task(Task {
        parent: Some(parent),
        assignee: Some(alice),
        ..task("late leaf", Some(date(2025, 6, 5)), TaskStatus::InProgress)
    });
    a.task(task("done", Some(date(2025, 6, 1)), TaskStatus::Done));
    a.task(task("cancelled", Some(date(2025, 6, 1)), TaskStatus::Cancelled));
    a.task(task("due today", Some(status()), TaskStatus::NotStarted));
    let mut b = B::new(2, "B", "");
    b.task(task("older", Some(date(2025, 5, 30)), TaskStatus::Blocked));
    let snaps = [Snapshot::new(&a.p, status(), TZ), Snapshot::new(&b.p, status(), TZ)];
    let list = overdue_tasks(&snaps, status());
    let got: Vec<(&str, &str, i64, &str)> =
        list.iter().map(|t| (t.project_label.as_str(), t.title.as_str(), t.days_late, t.assignee.as_str())).collect();
    assert_eq!(got, [("B", "older", 12, ""), ("A", "late leaf", 6, "Alice")]);
    assert_eq!(list[0].project, b.p.id);
}

#[test]
fn high_risks_are_active_threats_of_high_or_critical_level() {
    let mut a = B::new(1, "A", "");
    a.risk(threat("medium", 3, 3, RiskStatus::Open)); // 9: medium
    a.risk(threat("high", 2, 5, RiskStatus::Monitoring)); // 10: high
    a.risk(threat("occurred", 5, 5, RiskStatus::Occurred));
    a.risk(Risk { kind: RiskKind::Opportunity, ..threat("upside", 5, 5, RiskStatus::Open) });
    let mut b = B::new(2, "B", "");
    b.risk(threat("critical", 5, 4, RiskStatus::Open)); // 20
    let snaps = [Snapshot::new(&a.p, status(), TZ), Snapshot::new(&b.p, status(), TZ)];
    let list = high_risks(&snaps);
    let got: Vec<(&str, &str, u8)> =
        list.iter().map(|r| (r.project_label.as_str(), r.title.as_str(), r.score)).collect();
    assert_eq!(got, [("B", "critical", 20), ("A", "high", 10)]);
}

#[test]
fn issues_due_this_week_are_open_ones_due_monday_to_sunday_plus_overdue_ones_flagged() {
    let mut a = B::new(1, "A", "");
    a.issue(issue("monday", Priority::Low, Some(date(2025, 6, 9)), IssueStatus::Open)); // this week, before the status date
    a.issue(issue("sunday", Priority::Low, Some(date(2025, 6, 15)), IssueStatus::InProgress));
    a.issue(issue("next monday", Priority::High, Some(date(2025, 6, 16)), IssueStatus::Open));
    a.issue(issue("resolved", Priority::High, Some(date(2025, 6, 12)), IssueStatus::Resolved));
    a.issue(issue("no due", Priority::High, None, IssueStatus::Open));
    let mut b = B::new(2, "B", "");
    b.issue(issue("last month", Priority::Medium, Some(date(2025, 5, 20)), IssueStatus::Open));
    b.issue(issue("today high", Priority::High, Some(status()), IssueStatus::Open));
    b.issue(issue("today low", Priority::Low, Some(status()), IssueStatus::Open));
    let snaps = [Snapshot::new(&a.p, status(), TZ), Snapshot::new(&b.p, status(), TZ)];
    assert_eq!(week_of(status()), (date(2025, 6, 9), date(2025, 6, 15)));
    let list = issues_this_week(&snaps, status());
    let got: Vec<(&str, bool)> = list.iter().map(|i| (i.title.as_str(), i.overdue)).collect();
    assert_eq!(
        got,
        [("last month", true), ("monday", true), ("today high", false), ("today low", false), ("sunday", false)]
    );
    // On a Sunday the week is the one that ends that day.
    assert_eq!(week_of(date(2025, 6, 15)), (date(2025, 6, 9), date(2025, 6, 15)));
}

// ------------------------------------------------------------------ workload across projects

#[test]
fn names_are_matched_trimmed_collapsed_and_case_folded() {
    assert_eq!(person_key("  Alice   Smith "), "alice smith");
    assert_eq!(person_key("山田\u{3000}太郎"), person_key("山田 太郎"));
    assert_ne!(person_key("山田太郎"), person_key("山田 太郎"));
    assert_eq!(person_key("   "), "");
}

/// A task of `hours` over Mon 2025-06-09 .. Fri 2025-06-13 for `who`.
fn week_task(who: Id, hours: f64) -> Task {
    Task {
        title: "work".into(),
        assignee: Some(who),
        start: Some(date(2025, 6, 9)),
        due: Some(date(2025, 6, 13)),
        estimate_hours: hours,
        status: TaskStatus::InProgress,
        ..Task::default()
    }
}

#[test]
fn one_person_on_three_projects_is_over_allocated_though_each_project_looks_fine() {
    // 20 h in each of three projects, 40 h/week capacity (in one project entered as 32): 60 > 40.
    let mut projects = Vec::new();
    for (n, (name, cap)) in
        [("Hanako Sato", 40.0), (" hanako  SATO", 32.0), ("Hanako Sato", 40.0)].into_iter().enumerate()
    {
        let mut b = B::new(n as u128 + 1, &format!("P{n}"), "");
        let who = b.member(name, cap);
        b.task(week_task(who, 20.0));
        let other = b.member(&format!("Solo {n}"), 40.0);
        b.task(week_task(other, 20.0));
        projects.push(b.p);
    }
    let snaps: Vec<Snapshot> = projects.iter().map(|p| Snapshot::new(p, status(), TZ)).collect();
    // Each project alone: nobody is over.
    for s in &snaps {
        let alone = cross_workload(std::slice::from_ref(s), date(2025, 6, 9), date(2025, 6, 22));
        assert!(alone.people.iter().all(|p| p.over_weeks() == 0), "{alone:?}");
    }
    let w = cross_workload(&snaps, date(2025, 6, 9), date(2025, 6, 22));
    assert_eq!(w.weeks, [date(2025, 6, 9), date(2025, 6, 16)]);
    let names: Vec<&str> = w.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Hanako Sato", "Solo 0", "Solo 1", "Solo 2"]);
    let hanako = &w.people[0];
    assert_eq!(hanako.projects.len(), 3);
    assert!((hanako.planned[0] - 60.0).abs() < 1e-9);
    assert_eq!(hanako.planned[1], 0.0);
    // Capacity is the largest entry, not the sum.
    assert!((hanako.capacity[0] - 40.0).abs() < 1e-9);
    assert_eq!(hanako.allocation, [Allocation::OverAcrossProjects, Allocation::Within]);
    assert_eq!(hanako.over_weeks(), 1);
    assert!(w.people[1..].iter().all(|p| p.allocation == [Allocation::Within, Allocation::Within]));
}

#[test]
fn a_person_over_in_one_project_alone_is_plain_over_and_holidays_lower_capacity() {
    let mut a = B::new(1, "A", "");
    let x = a.member("Ken", 40.0);
    a.task(week_task(x, 50.0));
    let mut b = B::new(2, "B", "");
    let y = b.member("ken", 40.0);
    b.task(week_task(y, 5.0));
    let snaps = [Snapshot::new(&a.p, status(), TZ), Snapshot::new(&b.p, status(), TZ)];
    let w = cross_workload(&snaps, date(2025, 6, 9), date(2025, 6, 15));
    assert_eq!(w.people.len(), 1);
    assert_eq!(w.people[0].allocation, [Allocation::Over]);
    assert!((w.people[0].planned[0] - 55.0).abs() < 1e-9);

    // The week of 2025-07-21 holds 海の日 (Monday): 4 working days → 32 h of 40.
    let mut c = B::new(3, "C", "");
    let z = c.member("Ken", 40.0);
    c.task(Task { start: Some(date(2025, 7, 22)), due: Some(date(2025, 7, 25)), ..week_task(z, 36.0) });
    let s = [Snapshot::new(&c.p, status(), TZ)];
    let w = cross_workload(&s, date(2025, 7, 21), date(2025, 7, 27));
    assert!((w.people[0].capacity[0] - 32.0).abs() < 1e-9, "{:?}", w.people[0].capacity);
    assert_eq!(w.people[0].allocation, [Allocation::Over]);
}

#[test]
fn the_overview_leaves_archived_projects_out_of_the_cross_views() {
    let mut a = B::new(1, "A", "");
    a.task(task("late", Some(date(2025, 6, 2)), TaskStatus::InProgress));
    let mut b = B::new(2, "B", "");
    b.p.info.archived = true;
    b.task(task("late too", Some(date(2025, 6, 2)), TaskStatus::InProgress));
    let opts = Options { status_date: status(), tz_offset_min: TZ, workload_weeks: 4, include_archived: false };
    let o = overview(&[&a.p, &b.p], &opts, |_| false);
    assert_eq!(o.rows.len(), 2, "rows keep archived projects (the filter hides them)");
    assert_eq!(o.overdue_tasks.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["late"]);
    assert_eq!(o.week, (date(2025, 6, 9), date(2025, 6, 15)));
    assert_eq!(o.workload.weeks.len(), 4);
    let all = overview(&[&a.p, &b.p], &Options { include_archived: true, ..opts }, |_| true);
    assert_eq!(all.overdue_tasks.len(), 2);
}
