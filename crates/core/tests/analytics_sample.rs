//! The sample project's dashboard figures recomputed by hand — the plain textbook definitions,
//! summed task by task over the project as it is on the status date — and compared with what the
//! analytics (one pass over the change log, difference arrays, fixed-point totals) report.

use chrono::NaiveDate;
use mieruka_core::analytics::burndown::{burndown, default_range};
use mieruka_core::analytics::evm::ev_series;
use mieruka_core::analytics::kpi::dashboard;
use mieruka_core::analytics::{EvMethod, WorkUnit};
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::{Project, TaskStatus};

fn sample() -> (Project, WorkCalendar, NaiveDate) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let p = mieruka_core::sample::sample_project(true, today, 1);
    let cal = WorkCalendar::for_project(&p.info);
    (p, cal, today)
}

fn leaves(p: &Project) -> Vec<&mieruka_core::Task> {
    p.tasks
        .iter()
        .filter(|(id, _)| !p.tasks.values().any(|c| c.parent == Some(**id)))
        .map(|(_, t)| t)
        .filter(|t| !t.milestone)
        .collect()
}

#[test]
fn earned_value_of_the_sample_by_hand() {
    let (p, cal, today) = sample();
    assert!(p.info.baseline.is_some(), "the sample measures against its approved plan");
    earned_value_by_hand(&p, &cal, today);
    // Without the chosen baseline, PV and BAC come from the current plan.
    let mut current = p.clone();
    current.info.baseline = None;
    earned_value_by_hand(&current, &cal, today);
}

fn earned_value_by_hand(p: &Project, cal: &WorkCalendar, today: NaiveDate) {
    let rate = p.info.default_rate; // the sample sets no member rates: 6,000 JPY an hour
    assert!(p.members.values().all(|m| m.rate.is_none()) && rate == 6000.0);
    let (from, to) = default_range(p, cal).unwrap();
    let ev = ev_series(p, cal, from, to, today, EvMethod::PercentComplete, 540);

    // BAC = Σ estimate × rate over the leaves that are not cancelled.
    // EV  = Σ BAC_t × percent (100 % when done).   AC = Σ actual × rate.
    // PV  = Σ BAC_t × (working days of start..=today) ÷ (working days of start..=due), capped at 1.
    // With a chosen baseline, BAC and PV are the baseline's: its leaves, dates and budgets.
    let pv_of = |start: Option<NaiveDate>, due: Option<NaiveDate>, b: f64| {
        if let (Some(s), Some(d)) = (start, due) {
            let total = cal.working_days_between(s, d).max(1) as f64;
            let done = cal.working_days_between(s, today.min(d)) as f64;
            b * (done / total).clamp(0.0, 1.0)
        } else if let Some(d) = due {
            if d <= today {
                b
            } else {
                0.0
            }
        } else {
            0.0
        }
    };
    let (mut bac, mut earned, mut actual, mut planned) = (0.0, 0.0, 0.0, 0.0);
    for t in leaves(p) {
        actual += t.actual_hours * rate;
        if t.status == TaskStatus::Cancelled {
            continue;
        }
        let b = t.estimate_hours * rate;
        bac += b;
        earned += b * if t.status == TaskStatus::Done { 1.0 } else { t.percent / 100.0 };
        planned += pv_of(t.start, t.due, b);
    }
    if let Some(base) = p.info.baseline.and_then(|id| p.baselines.get(&id)) {
        (bac, planned) = (0.0, 0.0);
        for (id, t) in &base.tasks {
            let leaf = !base.tasks.values().any(|c| c.parent == Some(*id));
            if leaf && !t.milestone {
                bac += t.budget;
                planned += pv_of(t.start, t.due, t.budget);
            }
        }
    }
    let x = &ev.indices;
    let close = |a: f64, b: f64| (a - b).abs() < 0.5; // yen
    assert!(close(x.bac, bac), "BAC {} vs {bac}", x.bac);
    assert!(close(x.ev, earned), "EV {} vs {earned}", x.ev);
    assert!(close(x.ac, actual), "AC {} vs {actual}", x.ac);
    assert!(close(x.pv, planned), "PV {} vs {planned}", x.pv);
    let spi = earned / planned;
    let cpi = earned / actual;
    assert!((x.spi.unwrap() - spi).abs() < 1e-9);
    assert!((x.cpi.unwrap() - cpi).abs() < 1e-9);
    assert!(close(x.eac_typical.unwrap(), bac / cpi));
    assert!(close(x.eac_atypical, actual + bac - earned));
    assert!(close(x.vac, bac - bac / cpi));
    // The sample is written to be a little behind and slightly over budget: amber / green.
    assert!((0.85..1.0).contains(&spi), "SPI {spi}");

    // The dashboard shows the same indices and judges them by the documented thresholds.
    let d = dashboard(p, cal, today, x);
    assert_eq!(d.spi, x.spi);
    assert_eq!(d.cpi, x.cpi);
    let rag = |v: f64| {
        if v >= 0.95 {
            "green"
        } else if v >= 0.90 {
            "amber"
        } else {
            "red"
        }
    };
    assert_eq!(d.schedule.rag.as_str(), rag(spi));
    assert_eq!(d.cost.rag.as_str(), rag(cpi));
}

#[test]
fn burndown_of_the_sample_by_hand() {
    let (p, cal, today) = sample();
    let (from, to) = default_range(&p, &cal).unwrap();
    let b = burndown(&p, &cal, from, to, today, WorkUnit::Hours, None, 540);
    // Remaining today = Σ over open leaves of the explicit remaining, else estimate × (1 − percent);
    // scope = Σ estimate of the leaves that are not cancelled.
    let remaining: f64 = leaves(&p).iter().map(|t| t.effective_remaining()).sum();
    let scope: f64 = leaves(&p).iter().filter(|t| t.status != TaskStatus::Cancelled).map(|t| t.estimate_hours).sum();
    let i = b.days.iter().position(|d| *d == today).expect("today is a working day");
    assert!((b.remaining[i].unwrap() - remaining).abs() < 1e-6);
    assert!((b.scope[i].unwrap() - scope).abs() < 1e-6);
    assert!(b.remaining[i + 1..].iter().all(Option::is_none), "nothing after the status date");
    // With the chosen baseline, the ideal line is the baseline's remaining plan: its hours less
    // what its dates plan done by the end of each day (whole, since it lies on working days).
    let base = &p.baselines[&p.info.baseline.unwrap()];
    // A plan's work left at the end of a day: each leaf's hours spread over its working days.
    // A plan: (id, parent, counts (not a milestone, not cancelled), start, due, hours).
    type Plan = Vec<(mieruka_core::Id, Option<mieruka_core::Id>, bool, Option<NaiveDate>, Option<NaiveDate>, f64)>;
    let left_of = |tasks: &Plan, day: NaiveDate| {
        let mut left = 0.0;
        for (id, _, counts, start, due, hours) in tasks {
            if !counts || tasks.iter().any(|c| c.1 == Some(*id)) {
                continue;
            }
            let (Some(s), Some(d)) = (*start, *due) else { continue };
            let total = cal.working_days_between(s, d).max(1) as f64;
            let done = cal.working_days_between(s, day.min(d)) as f64;
            left += hours * (1.0 - (done / total).clamp(0.0, 1.0));
        }
        left
    };
    let baseline_plan: Plan =
        base.tasks.iter().map(|(id, t)| (*id, t.parent, !t.milestone, t.start, t.due, t.estimate_hours)).collect();
    for (k, y) in b.ideal.iter().enumerate() {
        let left = left_of(&baseline_plan, b.days[k]);
        assert!((y - left).abs() < 1e-6, "{}: {y} vs {left}", b.days[k]);
    }
    // Without it, the ideal line is the current plan's in the same way (issue 13 item 3: a new
    // project's line started flat at 0).
    let mut current = p.clone();
    current.info.baseline = None;
    let b = burndown(&current, &cal, from, to, today, WorkUnit::Hours, None, 540);
    let current_plan: Plan = current
        .tasks
        .iter()
        .map(|(id, t)| {
            (*id, t.parent, !t.milestone && t.status != TaskStatus::Cancelled, t.start, t.due, t.estimate_hours)
        })
        .collect();
    for (k, y) in b.ideal.iter().enumerate() {
        let left = left_of(&current_plan, b.days[k]);
        assert!((y - left).abs() < 1e-6, "{}: {y} vs {left}", b.days[k]);
    }
    assert!(b.ideal[0] > 0.0);
    assert_eq!(*b.days.last().unwrap(), cal.working_days_in(to, to).first().copied().unwrap_or(to));
}
