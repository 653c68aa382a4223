//! Native benchmarks of the core (criterion). Sizes come from MIERUKA_BENCH_SIZES
//! (default "10000,50000"); `make test` runs them once at 1000 tasks as a smoke test.

use chrono::{Duration, TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use mieruka_core::analytics::burndown::{burndown, burnup};
use mieruka_core::analytics::evm::ev_series;
use mieruka_core::analytics::history::{local_date, state_as_of};
use mieruka_core::analytics::risk::risk_trend;
use mieruka_core::analytics::{EvMethod, WorkUnit};
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::generate::{generate, Spec};
use mieruka_core::id::SeqIds;
use mieruka_core::rollup::{rollups, wbs_rows};
use mieruka_core::wbs_cache::WbsCache;
use mieruka_core::{apply_to_project, format, merge, replay, Command, EntityRef, Project, Stamp, TaskField};

fn sizes() -> Vec<usize> {
    std::env::var("MIERUKA_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,50000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn stamp(ids: &mut SeqIds, minutes: i64) -> Stamp {
    let at = Utc.with_ymd_and_hms(2025, 10, 1, 9, 0, 0).single().unwrap_or_default() + Duration::minutes(minutes);
    Stamp::new(at, "bench", ids.next_id())
}

/// A copy of `p` with `n` edits of its own (for merges).
fn diverge(p: &Project, seed: u64, n: usize) -> Project {
    let mut q = p.clone();
    let mut ids = SeqIds::new(seed);
    let tasks: Vec<_> = q.tasks.keys().copied().collect();
    for i in 0..n {
        let t = tasks[(i * 7919 + seed as usize) % tasks.len()];
        let cmd = Command::Set {
            project: q.id,
            entity: EntityRef::task(t),
            field: TaskField::Title.into(),
            value: format!("edit {seed}-{i}").into(),
        };
        let s = stamp(&mut ids, i as i64);
        let _refused_edits_do_not_matter_here = apply_to_project(&mut q, cmd, &s);
    }
    q
}

/// The chart series read from the change log, over 250 working days from the project's start
/// (the ~120 days of history, then the plan); the status date is the last day with a change.
fn history_series(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, p: &Project) {
    const JST: i32 = 540;
    let cal = WorkCalendar::for_project(&p.info);
    let from = p.info.start.unwrap_or_default();
    let to = cal.add_working_days(from, 249);
    let status = p.changes.last().map(|c| local_date(c.at, JST)).unwrap_or(from);
    let middle = from + (status - from) / 2;
    g.bench_function("burndown, hours, 250 working days", |b| {
        b.iter(|| black_box(burndown(p, &cal, from, to, status, WorkUnit::Hours, None, JST)))
    });
    g.bench_function("burnup, tasks, 250 working days", |b| {
        b.iter(|| black_box(burnup(p, &cal, from, to, status, WorkUnit::Tasks, None, JST)))
    });
    g.bench_function("EV series (status date = last change), 250 working days", |b| {
        b.iter(|| black_box(ev_series(p, &cal, from, to, status, EvMethod::PercentComplete, JST)))
    });
    g.bench_function("EV series (status date mid-history), 250 working days", |b| {
        b.iter(|| black_box(ev_series(p, &cal, from, to, middle, EvMethod::PercentComplete, JST)))
    });
    g.bench_function("risk trend, 365 days", |b| {
        b.iter(|| black_box(risk_trend(p, from, from + Duration::days(364), status, JST)))
    });
    g.bench_function("state as of mid-history", |b| b.iter(|| black_box(state_as_of(p, middle, JST))));
}

fn bench(c: &mut Criterion) {
    let mut ids = SeqIds::new(99);
    for n in sizes() {
        let p = generate(Spec::new(n, 1));
        let text = format::export(&[&p], stamp(&mut SeqIds::new(0), 0).at, "bench");
        let task = *p.tasks.keys().nth(n / 2).unwrap_or(&p.id);
        let mut g = c.benchmark_group(format!("{n} tasks"));
        g.sample_size(10);
        g.bench_function("apply one edit", |b| {
            b.iter_batched_ref(
                || p.clone(),
                |q| {
                    let cmd = Command::Set {
                        project: q.id,
                        entity: EntityRef::task(task),
                        field: TaskField::Percent.into(),
                        value: 42.into(),
                    };
                    let s = stamp(&mut ids, 100_000);
                    black_box(apply_to_project(q, cmd, &s)).ok();
                },
                BatchSize::LargeInput,
            )
        });
        g.bench_function("roll-ups", |b| b.iter(|| black_box(rollups(&p))));
        g.bench_function("WBS rows", |b| b.iter(|| black_box(wbs_rows(&p))));
        // What the WBS grid does after one edit: bring its cache of rows and roll-ups up to date.
        // A figure edit recomputes the task's ancestors; the comparison of every task's inputs
        // (to find what changed) is the rest.
        let mut edited = p.clone();
        let s = stamp(&mut ids, 100_000);
        let cmd = Command::Set {
            project: p.id,
            entity: EntityRef::task(task),
            field: TaskField::EstimateHours.into(),
            value: 123.into(),
        };
        apply_to_project(&mut edited, cmd, &s).ok();
        g.bench_function("WBS cache update after one figure edit", |b| {
            b.iter_batched_ref(|| WbsCache::new(&p), |c| black_box(c.update(&edited)), BatchSize::LargeInput)
        });
        g.bench_function("JSON serialize", |b| {
            b.iter(|| black_box(format::export(&[&p], stamp(&mut SeqIds::new(0), 0).at, "bench")))
        });
        g.bench_function("JSON parse + validate (import)", |b| {
            b.iter(|| black_box(format::import(&text, &stamp(&mut ids, 0)).map(|i| i.projects.len())))
        });
        // The same through a `serde_json::Value` tree (import's path before the typed one; still
        // the path of older schemas and of files with a problem to locate).
        g.bench_function("JSON parse + validate through Value (import before)", |b| {
            b.iter(|| black_box(format::import_through_value(&text, &stamp(&mut ids, 0)).map(|i| i.projects.len())))
        });
        g.bench_function("serde_json::from_str only (reference)", |b| {
            b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(&text).map(|v| v.is_object())))
        });
        g.bench_function("replay the change log", |b| b.iter(|| black_box(replay::replay(p.id, &p.changes))));
        history_series(&mut g, &p);
        if n <= 10_000 {
            let a = diverge(&p, 1, 200);
            let b2 = diverge(&p, 2, 200);
            g.bench_function("merge two diverged copies", |b| b.iter(|| black_box(merge::union(&a, &b2))));
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
