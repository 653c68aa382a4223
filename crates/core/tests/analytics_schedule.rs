//! Schedule analytics: critical path and forecasts, the Gantt chart's イナヅマ線, workload against
//! capacity, and the dashboard's RAG thresholds.

mod common;

use std::time::Instant;

use chrono::NaiveDate;
use common::*;
use mieruka_core::analytics::kpi::{self, dashboard, index_rag, overdue_rag, slip_rag, Part, Rag, Reason};
use mieruka_core::analytics::schedule::{forecast_finish, gantt, schedule};
use mieruka_core::analytics::workload::workload;
use mieruka_core::analytics::EvIndices;
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::generate::{generate, Spec};
use mieruka_core::id::SeqIds;
use mieruka_core::sample::sample_project;
use mieruka_core::{
    Id, Issue, IssueField, IssueStatus, Priority, Project, ProjectInfo, RiskField, RiskKind, RiskStatus, Task,
    TaskField, TaskStatus, Weekday,
};

// ---------------------------------------------------------------- helpers

/// Monday to Friday, no public holidays, one extra day off: Wed 2025-06-11.
fn june_calendar() -> WorkCalendar {
    WorkCalendar::for_project(&ProjectInfo {
        working_days: Weekday::monday_to_friday(),
        japanese_holidays: false,
        company_holidays: Vec::new(),
        extra_holidays: vec![date(2025, 6, 11)],
        ..ProjectInfo::default()
    })
}

/// A project built directly (no change log): tasks in the given order (rank = position).
struct Build {
    p: Project,
    ids: SeqIds,
}

impl Build {
    fn new() -> Build {
        let mut ids = SeqIds::new(42);
        Build { p: Project::empty(ids.next_id()), ids }
    }

    fn add(&mut self, parent: Option<Id>, t: Task) -> Id {
        let id = self.ids.next_id();
        let rank = self.p.tasks.len() as f64;
        self.p.tasks.insert(id, Task { parent, rank, ..t });
        id
    }

    fn work(&mut self, parent: Option<Id>, title: &str, start: NaiveDate, due: NaiveDate, deps: &[Id]) -> Id {
        self.add(parent, Task { start: Some(start), due: Some(due), depends_on: deps.to_vec(), ..task(title) })
    }

    fn milestone(&mut self, parent: Option<Id>, title: &str, day: NaiveDate, deps: &[Id]) -> Id {
        self.add(
            parent,
            Task { start: Some(day), due: Some(day), milestone: true, depends_on: deps.to_vec(), ..task(title) },
        )
    }

    fn set(&mut self, id: Id, f: impl FnOnce(&mut Task)) {
        f(self.p.tasks.get_mut(&id).expect("task"));
    }
}

/// The textbook network A(3) → B(2) → D(4), A → C(5) → D over `june_calendar`, then milestone M
/// after D on its finish day.
struct Textbook {
    b: Build,
    a: Id,
    bb: Id,
    c: Id,
    d: Id,
    m: Id,
}

fn textbook() -> Textbook {
    let mut b = Build::new();
    let a = b.work(None, "A", date(2025, 6, 2), date(2025, 6, 4), &[]);
    let bb = b.work(None, "B", date(2025, 6, 5), date(2025, 6, 6), &[a]);
    let c = b.work(None, "C", date(2025, 6, 5), date(2025, 6, 12), &[a]);
    let d = b.work(None, "D", date(2025, 6, 13), date(2025, 6, 18), &[bb, c]);
    let m = b.milestone(None, "M", date(2025, 6, 18), &[d]);
    Textbook { b, a, bb, c, d, m }
}

// ---------------------------------------------------------------- critical path

/// Working days of `june_calendar` (Mon 2025-06-02 = 0; weekends and the Wed 06-11 holiday skipped):
///
/// ```text
///  0 Mon 06-02   1 Tue 06-03   2 Wed 06-04   3 Thu 06-05   4 Fri 06-06
///  5 Mon 06-09   6 Tue 06-10   7 Thu 06-12   8 Fri 06-13
///  9 Mon 06-16  10 Tue 06-17  11 Wed 06-18  12 Thu 06-19
/// ```
///
/// | task | planned           | dur | ES | EF | LS | LF | float |
/// |------|-------------------|-----|----|----|----|----|-------|
/// | A    | 06-02 ..= 06-04   | 3   | 0  | 3  | 0  | 3  | 0     |
/// | B    | 06-05 ..= 06-06   | 2   | 3  | 5  | 6  | 8  | 3     |
/// | C    | 06-05 ..= 06-12   | 5   | 3  | 8  | 3  | 8  | 0     |  (over a weekend and the holiday)
/// | D    | 06-13 ..= 06-18   | 4   | 8  | 12 | 8  | 12 | 0     |  (over a weekend)
/// | M    | 06-18 (milestone) | 0   | 12 | 12 | 12 | 12 | 0     |
///
/// Forward: ES(D) = max(EF(B) 5, EF(C) 8) = 8. Backward from the finish 12: LS(D) = 8, so
/// LF(B) = LF(C) = 8, LS(B) = 6, LS(C) = 3, LF(A) = min(6, 3) = 3. Critical: A, C, D, M.
/// B may start as late as day 6 (Tue 06-10) and finish on day 7 (Thu 06-12).
#[test]
fn textbook_critical_path_in_working_days() {
    let tb = textbook();
    let s = schedule(&tb.b.p, &june_calendar(), date(2025, 6, 1));
    assert!(!s.cycle_broken);
    assert_eq!(s.origin, Some(date(2025, 6, 2)));
    assert_eq!(s.finish, Some(date(2025, 6, 18)));
    let row = |id: Id| {
        let t = &s.tasks[&id];
        (t.duration, t.es, t.ef, t.ls, t.lf, t.total_float, t.critical)
    };
    assert_eq!(row(tb.a), (3, 0, 3, 0, 3, 0, true));
    assert_eq!(row(tb.bb), (2, 3, 5, 6, 8, 3, false));
    assert_eq!(row(tb.c), (5, 3, 8, 3, 8, 0, true));
    assert_eq!(row(tb.d), (4, 8, 12, 8, 12, 0, true));
    assert_eq!(row(tb.m), (0, 12, 12, 12, 12, 0, true));
    let b = &s.tasks[&tb.bb];
    assert_eq!((b.early_start, b.early_finish), (date(2025, 6, 5), date(2025, 6, 6)));
    assert_eq!((b.late_start, b.late_finish), (date(2025, 6, 10), date(2025, 6, 12)));
    assert_eq!(s.tasks[&tb.m].early_finish, date(2025, 6, 18));
    assert_eq!(s.critical_path, vec![tb.a, tb.c, tb.d, tb.m]);
    // Nothing has started: everything is forecast as planned.
    for id in [tb.a, tb.bb, tb.c, tb.d, tb.m] {
        assert_eq!(s.tasks[&id].forecast.map(|f| f.slip), Some(0), "{}", tb.b.p.tasks[&id].title);
    }
    assert_eq!(s.forecast_finish, Some(date(2025, 6, 18)));
}

#[test]
fn predecessors_push_a_start_and_summary_dependencies_reach_the_leaves() {
    let cal = june_calendar();
    let mut b = Build::new();
    let a = b.work(None, "A", date(2025, 6, 2), date(2025, 6, 6), &[]);
    // Planned too early for its predecessor: pushed to Mon 06-09 (ES 5), keeps its 2 days.
    let x = b.work(None, "X", date(2025, 6, 4), date(2025, 6, 5), &[a]);
    // A summary that depends on X: its children wait for X.
    let phase = b.add(None, Task { depends_on: vec![x], ..task("Phase") });
    let y = b.work(Some(phase), "Y", date(2025, 6, 2), date(2025, 6, 2), &[]);
    let z = b.work(Some(phase), "Z", date(2025, 6, 9), date(2025, 6, 9), &[]);
    // Depending on the summary waits for everything under it.
    let after = b.work(None, "After", date(2025, 6, 2), date(2025, 6, 2), &[phase]);
    let s = schedule(&b.p, &cal, date(2025, 6, 1));
    assert_eq!((s.tasks[&x].es, s.tasks[&x].ef), (5, 7));
    assert_eq!(s.tasks[&y].es, 7, "Y waits for X through its parent");
    assert_eq!(s.tasks[&z].es, 7);
    assert_eq!(s.tasks[&after].es, 8);
    assert_eq!(s.finish, Some(date(2025, 6, 13)));
    // Critical tasks by early start; Y and Z (both day 7) in WBS order.
    assert_eq!(s.critical_path, vec![a, x, y, z, after]);
}

#[test]
fn cycles_do_not_hang() {
    let cal = june_calendar();
    let mut b = Build::new();
    let a = b.work(None, "A", date(2025, 6, 2), date(2025, 6, 3), &[]);
    let c = b.work(None, "C", date(2025, 6, 4), date(2025, 6, 5), &[a]);
    b.set(a, |t| t.depends_on = vec![c]); // A ↔ C (apply refuses this; a file might not)
    let selfish = b.work(None, "S", date(2025, 6, 2), date(2025, 6, 2), &[]);
    b.set(selfish, |t| t.depends_on = vec![selfish]);
    // A summary that depends on its own child: a cycle through the hierarchy.
    let phase = b.add(None, task("Phase"));
    let child = b.work(Some(phase), "Child", date(2025, 6, 9), date(2025, 6, 10), &[c]);
    b.set(phase, |t| t.depends_on = vec![child]);
    let s = schedule(&b.p, &cal, date(2025, 6, 4));
    assert!(s.cycle_broken);
    assert_eq!(s.tasks.len(), 4);
    for t in s.tasks.values() {
        assert!(t.total_float >= 0 && t.ef == t.es + t.duration);
    }
    let g = gantt(&b.p, &cal, date(2025, 6, 4));
    assert_eq!(g.rows.len(), 5);
    assert!(forecast_finish(&b.p, &cal, date(2025, 6, 4), child).is_some());
}

// ---------------------------------------------------------------- forecast and milestone slip

#[test]
fn forecast_from_the_status_date_and_milestone_slip() {
    let mut tb = textbook();
    let cal = june_calendar();
    let status = date(2025, 6, 6); // Friday; the remaining work starts Mon 06-09 (working day 5)
    tb.b.set(tb.a, |t| (t.status, t.percent) = (TaskStatus::Done, 100.0));
    tb.b.set(tb.bb, |t| (t.status, t.percent) = (TaskStatus::InProgress, 50.0));
    tb.b.set(tb.c, |t| (t.status, t.percent) = (TaskStatus::InProgress, 20.0));
    let s = schedule(&tb.b.p, &cal, status);
    assert_eq!(s.tasks[&tb.a].forecast, None, "done");
    // B: 1 of 2 days left → Mon 06-09 (planned Fri 06-06): 1 day late.
    let fb = s.tasks[&tb.bb].forecast.unwrap();
    assert_eq!((fb.start, fb.finish, fb.slip), (date(2025, 6, 9), date(2025, 6, 9), 1));
    // C: 4 of 5 days left from day 5 → days 5–8, Fri 06-13 (planned Thu 06-12).
    let fc = s.tasks[&tb.c].forecast.unwrap();
    assert_eq!((fc.finish, fc.slip), (date(2025, 6, 13), 1));
    // D waits for C: days 9–12, Mon 06-16 ..= Thu 06-19; the milestone moves with it.
    let fd = s.tasks[&tb.d].forecast.unwrap();
    assert_eq!((fd.start, fd.finish, fd.slip), (date(2025, 6, 16), date(2025, 6, 19), 1));
    assert_eq!(forecast_finish(&tb.b.p, &cal, status, tb.m), Some(date(2025, 6, 19)));
    assert_eq!(s.forecast_finish, Some(date(2025, 6, 19)));

    let d = dashboard(&tb.b.p, &cal, status, &EvIndices::default());
    let next = d.next_milestone.clone().unwrap();
    assert_eq!((next.id, next.due, next.forecast, next.slip), (tb.m, date(2025, 6, 18), Some(date(2025, 6, 19)), 1));
    assert_eq!(d.milestone, slip_rag(1));
    assert_eq!(d.milestone.rag, Rag::Amber);

    // C barely moves: 6 more days of delay → the milestone is 7 working days late: red.
    tb.b.set(tb.c, |t| t.percent = 0.0);
    tb.b.set(tb.d, |t| t.estimate_hours = 1.0);
    let late = date(2025, 6, 16); // Monday: C (5 days) from Tue 06-17 → D → M
    let d = dashboard(&tb.b.p, &cal, late, &EvIndices::default());
    let next = d.next_milestone.unwrap();
    // C days 10–14, D days 15–18 → boundary 19 vs planned 12.
    assert_eq!(next.slip, 7);
    assert_eq!(d.milestone, kpi::Assessment { rag: Rag::Red, reason: Reason::MilestoneSlip { days: 7 } });

    // A milestone due on the status date and still open is late by a day at least.
    let mut b = Build::new();
    let m = b.milestone(None, "Sign-off", date(2025, 6, 4), &[]);
    let s = schedule(&b.p, &cal, date(2025, 6, 4));
    assert_eq!(s.tasks[&m].forecast.map(|f| (f.finish, f.slip)), Some((date(2025, 6, 5), 1)));
    let s = schedule(&b.p, &cal, date(2025, 6, 3));
    assert_eq!(s.tasks[&m].forecast.map(|f| (f.finish, f.slip)), Some((date(2025, 6, 4), 0)));
}

// ---------------------------------------------------------------- イナヅマ線

/// The worked example of `gantt`'s documentation: a task Mon 06-02 ..= Fri 06-06 (5 working
/// days), status date Wed 06-04 (3 days planned = 60 %). The point is `start + percent ×
/// duration`, as the end of that day: 60 % → Wed (on the status line), 40 % → Tue (late),
/// 80 % → Thu (ahead), 0 % → Fri 05-30 (the working day before the start, late).
#[test]
fn inazuma_points() {
    let cal = june_calendar();
    let status = date(2025, 6, 4);
    let mut b = Build::new();
    let week = (date(2025, 6, 2), date(2025, 6, 6));
    let row = |b: &mut Build, title: &str, pct: f64, status: TaskStatus, dates: (NaiveDate, NaiveDate)| {
        let id = b.work(None, title, dates.0, dates.1, &[]);
        b.set(id, |t| (t.percent, t.status) = (pct, status));
        id
    };
    let on_time = row(&mut b, "on time", 60.0, TaskStatus::InProgress, week);
    let late = row(&mut b, "late", 40.0, TaskStatus::InProgress, week);
    let ahead = row(&mut b, "ahead", 80.0, TaskStatus::InProgress, week);
    let not_started_late = row(&mut b, "should have started", 0.0, TaskStatus::NotStarted, week);
    let done = row(&mut b, "done", 100.0, TaskStatus::Done, week);
    let future = row(&mut b, "future", 0.0, TaskStatus::NotStarted, (date(2025, 6, 9), date(2025, 6, 13)));
    let early_bird = row(&mut b, "started early", 40.0, TaskStatus::InProgress, (date(2025, 6, 9), date(2025, 6, 13)));
    // Over the holiday: Tue 06-10 ..= Thu 06-12 is 2 working days; at status Tue 06-10, 1 is planned.
    let holiday = row(&mut b, "over the holiday", 0.0, TaskStatus::InProgress, (date(2025, 6, 10), date(2025, 6, 12)));
    let m_late = b.milestone(None, "missed", date(2025, 6, 3), &[]);
    let m_future = b.milestone(None, "later", date(2025, 6, 6), &[]);
    let undated = b.add(None, task("undated"));

    let g = gantt(&b.p, &cal, status);
    let point = |id: Id| {
        let r = g.rows.iter().find(|r| r.id == id).unwrap();
        (r.progress_point, r.late)
    };
    assert_eq!(point(on_time), (Some(status), false));
    assert_eq!(point(late), (Some(date(2025, 6, 3)), true));
    assert_eq!(point(ahead), (Some(date(2025, 6, 5)), false));
    assert_eq!(point(not_started_late), (Some(date(2025, 5, 30)), true));
    assert_eq!(point(done), (Some(status), false));
    assert_eq!(point(future), (Some(status), false));
    // 40 % of 5 days = 2 days: the end of Tue 06-10.
    assert_eq!(point(early_bird), (Some(date(2025, 6, 10)), false));
    assert_eq!(point(m_late), (Some(date(2025, 6, 2)), true), "bends to the day before the milestone");
    assert_eq!(point(m_future), (Some(status), false));
    assert_eq!(point(undated), (None, false));
    // Over the holiday: status Thu 06-12, 2 of 2 days planned, 0 % done → the day before it starts.
    let g2 = gantt(&b.p, &cal, date(2025, 6, 12));
    let r = g2.rows.iter().find(|r| r.id == holiday).unwrap();
    assert_eq!((r.progress_point, r.late), (Some(date(2025, 6, 9)), true));
    // Range: the Monday before the earliest point (Fri 05-30) to the Sunday after the latest date.
    assert_eq!(g.range, Some((date(2025, 5, 26), date(2025, 6, 15))));
    assert_eq!(g.status_date, status);
}

#[test]
fn gantt_rows_follow_the_wbs_with_rollups_links_and_critical_summaries() {
    let cal = june_calendar();
    let mut b = Build::new();
    let phase = b.add(None, task("Phase"));
    let x = b.work(Some(phase), "X", date(2025, 6, 2), date(2025, 6, 4), &[]);
    let y = b.work(Some(phase), "Y", date(2025, 6, 5), date(2025, 6, 6), &[x]);
    b.set(x, |t| (t.percent, t.estimate_hours) = (100.0, 30.0));
    b.set(y, |t| t.estimate_hours = 10.0);
    let side = b.work(None, "Side", date(2025, 6, 2), date(2025, 6, 2), &[]);
    let g = gantt(&b.p, &cal, date(2025, 6, 4));
    let wbs: Vec<(&str, &str, usize, bool)> =
        g.rows.iter().map(|r| (r.wbs.as_str(), r.title.as_str(), r.depth, r.summary)).collect();
    assert_eq!(
        wbs,
        vec![("1", "Phase", 0, true), ("1.1", "X", 1, false), ("1.2", "Y", 1, false), ("2", "Side", 0, false)]
    );
    let p = &g.rows[0];
    assert_eq!((p.start, p.due, p.percent), (Some(date(2025, 6, 2)), Some(date(2025, 6, 6)), 75.0));
    assert_eq!(g.links, vec![(1, 2)]);
    let critical: Vec<bool> = g.rows.iter().map(|r| r.critical).collect();
    assert_eq!(critical, vec![true, true, true, false]);
    // Side should have been done on Mon 06-02 and is at 0 %: the line bends to Fri 05-30.
    assert_eq!((g.rows[3].id, g.rows[3].progress_point, g.rows[3].late), (side, Some(date(2025, 5, 30)), true));
    // The summary: 75 % of 5 working days = 3.75 → 4 days reached vs 3 planned: ahead, Thu 06-05.
    assert_eq!((g.rows[0].progress_point, g.rows[0].late), (Some(date(2025, 6, 5)), false));
}

// ---------------------------------------------------------------- workload

#[test]
fn workload_spreads_hours_per_week_with_a_japanese_holiday() {
    // Default calendar: Monday to Friday with Japanese holidays; Mon 2025-07-21 is 海の日.
    let cal = WorkCalendar::for_project(&ProjectInfo::default());
    assert!(!cal.is_working_day(date(2025, 7, 21)));
    let mut b = Build::new();
    let (m1, m2) = (b.ids.next_id(), b.ids.next_id());
    b.p.members.insert(m1, mieruka_core::Member { capacity_hours_per_week: 40.0, ..member("Sato") });
    b.p.members.insert(m2, mieruka_core::Member { capacity_hours_per_week: 20.0, ..member("Aoki") });
    let work = |b: &mut Build, who: Option<Id>, s: Option<NaiveDate>, d: Option<NaiveDate>, hours: f64| {
        b.add(None, Task { assignee: who, start: s, due: d, estimate_hours: hours, ..task("w") })
    };
    // Sato: Mon 07-14 ..= Fri 07-25 = 5 + 4 working days, 90 h → 10 h a day: 50 h, then 40 h.
    work(&mut b, Some(m1), Some(date(2025, 7, 14)), Some(date(2025, 7, 25)), 90.0);
    // Aoki: Thu 07-10 ..= Tue 07-29 = 2 + 5 + 4 + 2 = 13 working days, 26 h → 2 h a day.
    work(&mut b, Some(m2), Some(date(2025, 7, 10)), Some(date(2025, 7, 29)), 26.0);
    // Only a due date: all on that day (unassigned).
    work(&mut b, None, None, Some(date(2025, 7, 23)), 6.0);
    // Not counted: done, cancelled, undated, summary.
    let done = work(&mut b, Some(m1), Some(date(2025, 7, 14)), Some(date(2025, 7, 18)), 99.0);
    b.set(done, |t| t.status = TaskStatus::Done);
    let cancelled = work(&mut b, Some(m1), Some(date(2025, 7, 14)), Some(date(2025, 7, 18)), 99.0);
    b.set(cancelled, |t| t.status = TaskStatus::Cancelled);
    work(&mut b, Some(m1), None, None, 99.0);
    let summary = work(&mut b, Some(m1), Some(date(2025, 7, 14)), Some(date(2025, 7, 18)), 99.0);
    b.add(Some(summary), task("child without estimate"));

    let w = workload(&b.p, &cal, date(2025, 7, 9), date(2025, 7, 30));
    assert_eq!(w.weeks, vec![date(2025, 7, 7), date(2025, 7, 14), date(2025, 7, 21), date(2025, 7, 28)]);
    let names: Vec<&str> = w.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Aoki", "Sato"]);
    let (aoki, sato) = (&w.members[0], &w.members[1]);
    let close = |a: &[f64], b: &[f64]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9);
    assert!(close(&sato.planned, &[0.0, 50.0, 40.0, 0.0]), "{:?}", sato.planned);
    assert!(close(&sato.capacity, &[40.0, 40.0, 32.0, 40.0]), "{:?}", sato.capacity);
    assert!(close(&aoki.planned, &[4.0, 10.0, 8.0, 4.0]), "{:?}", aoki.planned);
    assert!(close(&aoki.capacity, &[20.0, 20.0, 16.0, 20.0]), "{:?}", aoki.capacity);
    assert!(close(&w.unassigned, &[0.0, 0.0, 6.0, 0.0]), "{:?}", w.unassigned);
    let over: Vec<bool> = (0..4).map(|i| sato.over_allocated(i)).collect();
    assert_eq!(over, [false, true, true, false]);
    assert!((0..4).all(|i| !aoki.over_allocated(i)));

    // An extra day off (instead of a public holiday) lowers capacity the same way.
    let extra = WorkCalendar::for_project(&ProjectInfo {
        japanese_holidays: false,
        company_holidays: Vec::new(),
        extra_holidays: vec![date(2025, 7, 30)],
        ..ProjectInfo::default()
    });
    let w = workload(&b.p, &extra, date(2025, 7, 28), date(2025, 7, 28));
    assert_eq!(w.weeks, vec![date(2025, 7, 28)]);
    assert!(close(&w.members[1].capacity, &[32.0]));
    // Backwards range: no weeks, members still listed.
    let w = workload(&b.p, &cal, date(2025, 7, 30), date(2025, 7, 1));
    assert!(w.weeks.is_empty() && w.unassigned.is_empty() && w.members.len() == 2 && w.members[0].planned.is_empty());
}

// ---------------------------------------------------------------- KPI

#[test]
fn index_thresholds_at_their_edges() {
    let rag = |x: f64| index_rag(Some(x), Reason::AheadOfSchedule, Reason::BehindSchedule);
    assert_eq!(rag(1.2), kpi::Assessment { rag: Rag::Green, reason: Reason::AheadOfSchedule });
    assert_eq!(rag(1.05).reason, Reason::OnTrack);
    assert_eq!(rag(1.0).rag, Rag::Green);
    assert_eq!(rag(0.95).rag, Rag::Green);
    assert_eq!(rag(95.0 / 100.0 - 1e-12).rag, Rag::Green, "floating-point noise at the edge");
    assert_eq!(rag(0.9499).rag, Rag::Amber);
    assert_eq!(rag(0.9499).reason, Reason::BehindSchedule);
    assert_eq!(rag(0.90).rag, Rag::Amber);
    assert_eq!(rag(0.8999).rag, Rag::Red);
    assert_eq!(rag(0.0).rag, Rag::Red);
    assert_eq!(index_rag(None, Reason::UnderBudget, Reason::OverBudget).rag, Rag::Unknown);
    assert_eq!(index_rag(Some(f64::NAN), Reason::UnderBudget, Reason::OverBudget).rag, Rag::Unknown);

    assert_eq!(overdue_rag(0, 0).rag, Rag::Green);
    assert_eq!(overdue_rag(3, 10), kpi::Assessment { rag: Rag::Amber, reason: Reason::OverdueTasks { count: 3 } });
    assert_eq!(overdue_rag(4, 10).rag, Rag::Red);
    assert_eq!(overdue_rag(5, 100).rag, Rag::Amber, "5 % of the open tasks");
    assert_eq!(overdue_rag(6, 100).rag, Rag::Red);

    assert_eq!(slip_rag(-3).rag, Rag::Green);
    assert_eq!(slip_rag(0).rag, Rag::Green);
    assert_eq!(slip_rag(1).rag, Rag::Amber);
    assert_eq!(slip_rag(5).rag, Rag::Amber);
    assert_eq!(slip_rag(6).rag, Rag::Red);
    assert_eq!(Rag::worst([Rag::Unknown, Rag::Green, Rag::Amber]), Rag::Amber);
    assert_eq!(Rag::worst([Rag::Unknown, Rag::Unknown]), Rag::Unknown);
}

#[test]
fn dashboard_judges_issues_risks_and_tasks() {
    let mut env = Env::new(5);
    let status = date(2025, 4, 10);
    let cal = WorkCalendar::for_project(&env.p().info);
    let t1 =
        env.add_task(None, Task { due: Some(date(2025, 4, 9)), estimate_hours: 10.0, percent: 50.0, ..task("late") });
    env.add_task(None, Task { due: Some(date(2025, 4, 30)), estimate_hours: 10.0, ..task("later") });
    env.add_task(None, Task { status: TaskStatus::Done, percent: 100.0, estimate_hours: 20.0, ..task("done") });
    let low = env.add_issue(Issue { priority: Priority::Low, ..issue("low") });
    env.add_issue(Issue { priority: Priority::Medium, status: IssueStatus::Closed, ..issue("closed") });
    let high = env.add_issue(Issue { priority: Priority::High, due: Some(date(2025, 4, 20)), ..issue("high") });
    let r = |title: &str, p: u8, i: u8, review: Option<NaiveDate>| mieruka_core::Risk {
        probability: p,
        impact: i,
        review_date: review,
        ..risk(title)
    };
    let b_medium = env.add_risk(r("b-medium", 3, 2, None));
    let tie_old = env.add_risk(r("tie old", 3, 4, Some(date(2025, 3, 1))));
    let tie_new = env.add_risk(r("tie new", 4, 3, Some(date(2025, 4, 1))));
    let tie_none = env.add_risk(r("tie none", 3, 4, None));
    let opportunity = mieruka_core::Risk {
        kind: RiskKind::Opportunity,
        strategy: mieruka_core::RiskStrategy::Exploit,
        ..r("opportunity", 5, 5, None)
    };
    env.add_risk(opportunity);
    env.add_risk(mieruka_core::Risk { status: RiskStatus::Closed, ..r("closed", 5, 5, None) });
    let a_medium = env.add_risk(r("a-medium", 2, 3, None));
    let low_risk = env.add_risk(r("low", 1, 1, None));

    let ev = EvIndices { spi: Some(0.92), cpi: Some(1.2), ..EvIndices::default() };
    let d = dashboard(env.p(), &cal, status, &ev);
    // (50 % × 10 h + 0 % × 10 h + 100 % × 20 h) / 40 h
    assert!((d.progress - 62.5).abs() < 1e-9, "{}", d.progress);
    assert_eq!((d.overdue_tasks, d.open_tasks), (1, 2));
    assert_eq!(d.tasks, kpi::Assessment { rag: Rag::Amber, reason: Reason::OverdueTasks { count: 1 } });
    assert_eq!(d.open_issues, [1, 0, 1, 0]);
    assert_eq!(d.issues, kpi::Assessment { rag: Rag::Amber, reason: Reason::HighIssuesOpen { count: 1 } });
    assert_eq!(d.schedule, kpi::Assessment { rag: Rag::Amber, reason: Reason::BehindSchedule });
    assert_eq!(d.cost, kpi::Assessment { rag: Rag::Green, reason: Reason::UnderBudget });
    assert_eq!(d.risks, kpi::Assessment { rag: Rag::Amber, reason: Reason::HighRisks { count: 3 } });
    // Scores 12, 12, 12: the newest review first, no review last; then the 6s by title. The
    // opportunity and the closed threat are left out, and the sixth (score 1) does not fit.
    let top: Vec<(Id, u8)> = d.top_risks.iter().map(|t| (t.id, t.score)).collect();
    assert_eq!(top, [(tie_new, 12), (tie_old, 12), (tie_none, 12), (a_medium, 6), (b_medium, 6)]);
    assert!(d.top_risks.iter().all(|t| t.id != low_risk));
    assert_eq!(d.milestone.rag, Rag::Unknown, "no milestone");
    assert_eq!(d.overall, Rag::Amber);
    assert_eq!(d.overall_parts, vec![Part::Schedule, Part::Tasks, Part::Issues, Part::Risks]);

    // A high issue past its due date, or any critical one, is red; so is a critical threat.
    let d = dashboard(env.p(), &cal, date(2025, 4, 21), &ev);
    assert_eq!(d.issues, kpi::Assessment { rag: Rag::Red, reason: Reason::HighIssuesOverdue { count: 1 } });
    env.set_ok(mieruka_core::EntityRef::issue(low), IssueField::Priority, serde_json::json!("critical"));
    env.set_ok(mieruka_core::EntityRef::issue(high), IssueField::Status, serde_json::json!("resolved"));
    env.set_ok(mieruka_core::EntityRef::risk(tie_new), RiskField::Impact, serde_json::json!(5));
    env.set_ok(mieruka_core::EntityRef::task(t1), TaskField::Due, serde_json::json!("2025-04-30"));
    let d = dashboard(env.p(), &cal, status, &EvIndices::default());
    assert_eq!(d.issues, kpi::Assessment { rag: Rag::Red, reason: Reason::CriticalIssuesOpen { count: 1 } });
    assert_eq!(d.risks, kpi::Assessment { rag: Rag::Red, reason: Reason::CriticalRisks { count: 1 } });
    assert_eq!(d.tasks.rag, Rag::Green);
    assert_eq!((d.schedule.rag, d.cost.rag), (Rag::Unknown, Rag::Unknown));
    assert_eq!(d.overall, Rag::Red);
    assert_eq!(d.overall_parts, vec![Part::Issues, Part::Risks]);
}

#[test]
fn empty_and_undated_projects() {
    let cal = WorkCalendar::default();
    let today = date(2025, 6, 4);
    let p = Project::empty(Id::nil());
    let s = schedule(&p, &cal, today);
    assert!(s.tasks.is_empty() && s.critical_path.is_empty() && s.origin.is_none() && s.finish.is_none());
    let g = gantt(&p, &cal, today);
    assert!(g.rows.is_empty() && g.links.is_empty() && g.range.is_none());
    let w = workload(&p, &cal, today, date(2025, 6, 30));
    assert_eq!(w.weeks.len(), 5);
    assert!(w.members.is_empty() && w.unassigned.iter().all(|h| *h == 0.0));
    let d = dashboard(&p, &cal, today, &EvIndices::default());
    assert_eq!(d.overall, Rag::Unknown);
    assert!(d.overall_parts.is_empty() && d.top_risks.is_empty() && d.next_milestone.is_none());
    for part in Part::ALL {
        assert_eq!(d.part(part), kpi::Assessment { rag: Rag::Unknown, reason: Reason::NoData }, "{part:?}");
    }
    assert_eq!(d.progress, 0.0);

    // Tasks without dates: rows without points, no schedule, no panic.
    let mut b = Build::new();
    let top = b.add(None, task("top"));
    b.add(Some(top), task("child"));
    b.add(None, Task { milestone: true, ..task("undated milestone") });
    let g = gantt(&b.p, &cal, today);
    assert_eq!(g.rows.len(), 3);
    assert!(g.rows.iter().all(|r| r.progress_point.is_none() && !r.late && !r.critical));
    assert!(g.range.is_none());
    assert!(schedule(&b.p, &cal, today).tasks.is_empty());
    let d = dashboard(&b.p, &cal, today, &EvIndices::default());
    assert_eq!(d.tasks.rag, Rag::Green);
    assert!(d.next_milestone.is_none());
}

#[test]
fn absurd_dates_terminate() {
    let cal = WorkCalendar::default();
    let mut b = Build::new();
    let a = b.work(None, "ancient", NaiveDate::MIN, date(1, 1, 10), &[]);
    let z = b.work(None, "far future", date(9000, 1, 1), NaiveDate::MAX, &[a]);
    b.work(None, "now", date(2025, 6, 2), date(2025, 6, 6), &[z]);
    b.set(a, |t| t.percent = f64::NAN);
    let started = Instant::now();
    let today = date(2025, 6, 4);
    let s = schedule(&b.p, &cal, today);
    assert_eq!(s.tasks.len(), 3);
    let g = gantt(&b.p, &cal, today);
    assert!(g.rows.iter().all(|r| r.percent.is_finite()));
    let w = workload(&b.p, &cal, NaiveDate::MIN, NaiveDate::MAX);
    assert_eq!(w.weeks.len(), mieruka_core::analytics::workload::MAX_WEEKS);
    dashboard(&b.p, &cal, today, &EvIndices { spi: Some(f64::INFINITY), ..EvIndices::default() });
    assert!(started.elapsed().as_secs() < 20);
}

// ---------------------------------------------------------------- whole projects

/// Checks that hold for any schedule.
fn check_schedule(p: &Project, cal: &WorkCalendar, status: NaiveDate) {
    let s = schedule(p, cal, status);
    assert!(!s.cycle_broken);
    let children = mieruka_core::rollup::children_index(p);
    let leaf = |id: &Id| children.get(&Some(*id)).is_none_or(|c| c.is_empty());
    for (id, t) in &s.tasks {
        assert_eq!(t.ef, t.es + t.duration);
        assert_eq!(t.lf, t.ls + t.duration);
        assert!(t.total_float >= 0, "{}", p.tasks[id].title);
        assert_eq!(t.critical, t.total_float == 0);
        for d in &p.tasks[id].depends_on {
            if let Some(pred) = s.tasks.get(d).filter(|_| leaf(d)) {
                assert!(pred.ef <= t.es, "finish-to-start");
                if let (Some(fp), Some(ft)) = (pred.forecast, t.forecast) {
                    assert!(fp.finish <= ft.start || t.milestone);
                }
            }
        }
    }
    assert!(!s.critical_path.is_empty());
}

#[test]
fn the_sample_project() {
    for today in [date(2025, 6, 4), date(2026, 1, 7)] {
        let p = sample_project(true, today, 1);
        let cal = WorkCalendar::for_project(&p.info);
        check_schedule(&p, &cal, today);
        let s = schedule(&p, &cal, today);
        // The go-live milestone ends the plan and is critical.
        let go_live =
            p.tasks.iter().filter(|(_, t)| t.milestone).max_by_key(|(_, t)| t.due).map(|(id, _)| *id).unwrap();
        assert!(s.is_critical(go_live));
        assert_eq!(s.finish, p.tasks[&go_live].due);

        let g = gantt(&p, &cal, today);
        assert_eq!(g.rows.len(), 44);
        assert!(g.rows.iter().all(|r| r.progress_point.is_some()));
        assert!(g.rows.iter().any(|r| r.late), "the sample has late work");
        assert!(g.links.iter().all(|(a, b)| *a < g.rows.len() && *b < g.rows.len() && a != b));
        assert!(!g.links.is_empty());
        let (lo, hi) = g.range.unwrap();
        assert!(g.rows.iter().flat_map(|r| [r.start, r.due, r.progress_point]).flatten().all(|d| lo <= d && d <= hi));

        let w = workload(&p, &cal, lo, hi);
        assert_eq!(w.members.len(), p.members.len());
        let planned: f64 = w.members.iter().flat_map(|m| &m.planned).chain(&w.unassigned).sum();
        let open: f64 = p
            .tasks
            .iter()
            .filter(|(id, t)| p.children_of(Some(**id)).is_empty() && !t.status.is_closed())
            .map(|(_, t)| t.estimate_hours)
            .sum();
        assert!((planned - open).abs() < 1e-6, "every open hour is placed: {planned} vs {open}");

        let d = dashboard(&p, &cal, today, &EvIndices { spi: Some(0.93), cpi: Some(0.97), ..EvIndices::default() });
        assert!(d.next_milestone.is_some());
        assert!(d.overdue_tasks >= 1);
        assert_eq!(d.top_risks.len(), 5.min(d.top_risks.len()));
        assert_ne!(d.overall, Rag::Unknown);
    }
}

#[test]
fn ten_thousand_tasks() {
    let p = generate(Spec::new(10_000, 11));
    let today = date(2025, 9, 1);
    let cal = WorkCalendar::for_project(&p.info);
    check_schedule(&p, &cal, today);
    let t = Instant::now();
    let g = gantt(&p, &cal, today);
    let gantt_time = t.elapsed();
    assert_eq!(g.rows.len(), 10_000);
    assert!(g.rows.iter().any(|r| r.critical) && g.rows.iter().any(|r| r.late));
    let t = Instant::now();
    let (lo, hi) = g.range.unwrap();
    let w = workload(&p, &cal, lo, hi);
    let workload_time = t.elapsed();
    assert!(!w.weeks.is_empty() && w.members.iter().any(|m| (0..w.weeks.len()).any(|i| m.over_allocated(i))));
    let t = Instant::now();
    let d = dashboard(&p, &cal, today, &EvIndices::default());
    let dashboard_time = t.elapsed();
    assert_ne!(d.overall, Rag::Unknown);
    println!("10k tasks (this build): gantt {gantt_time:?}, workload {workload_time:?}, dashboard {dashboard_time:?}");
}
