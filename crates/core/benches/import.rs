//! The CSV import pipeline on a 50,000-row Backlog-like export with Japanese text, saved as
//! Shift_JIS: decode, read, extract, plan and apply, each and all together
//! ("csv_import_50k_sjis"). Rows from MIERUKA_BENCH_IMPORT_ROWS (default 50000).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mieruka_core::interop::build::{apply, plan, Destination, ImportOptions};
use mieruka_core::interop::csv::read;
use mieruka_core::interop::extract::rows;
use mieruka_core::interop::text::{decode, encode, OutEncoding};
use mieruka_core::interop::{ColumnMap, ItemKind, Source, Target, ValueMaps};
use mieruka_core::{Id, Priority, Stamp, TaskStatus};

fn row_count() -> usize {
    std::env::var("MIERUKA_BENCH_IMPORT_ROWS").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(50_000)
}

/// A Backlog-style export: parents every 20 rows, Japanese titles and descriptions with quoted
/// newlines, dates in Backlog's formats, a comment column.
fn backlog_csv(n: usize) -> String {
    let mut s = String::with_capacity(n * 260);
    s.push_str("キー,種別,件名,詳細,状態,優先度,担当者,親課題キー,開始日,期限日,予定時間,実績時間,登録日,完了日,カテゴリー名,コメント1\r\n");
    let kinds = ["タスク", "バグ", "要望", "その他"];
    let statuses = ["未対応", "処理中", "処理済み", "完了"];
    let priorities = ["高", "中", "低"];
    let people = ["山田 太郎", "髙橋 花子", "佐藤 一郎", "鈴木 次郎", "田中 﨑子"];
    let day0 = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap_or_default();
    for i in 0..n {
        let parent = if i % 20 == 0 { String::new() } else { format!("PRJ-{}", i - i % 20 + 1) };
        let start = day0 + Duration::days((i % 200) as i64);
        let due = start + Duration::days(5);
        let done = i % 4 == 3;
        s.push_str(&format!(
            "PRJ-{},{},画面{}の実装とテスト①,\"仕様書{}章に従って実装する。\n確認観点: 入力チェック、権限、帳票出力\",{},{},{},{},{},{},{},{},{} 09:{:02}:00,{},\"分類{}, 共通\",\"{}\"\r\n",
            i + 1,
            kinds[i % 4],
            i,
            i % 12,
            statuses[i % 4],
            priorities[i % 3],
            people[i % 5],
            parent,
            start.format("%Y/%m/%d"),
            due.format("%Y/%m/%d"),
            (i % 16) as f64 * 0.5 + 1.0,
            if done { "4" } else { "" },
            (start - Duration::days(3)).format("%Y/%m/%d"),
            i % 60,
            if done { format!("{} 18:00:00", due.format("%Y/%m/%d")) } else { String::new() },
            i % 7,
            if i % 5 == 0 { "レビュー済み" } else { "" },
        ));
    }
    s
}

fn map() -> ColumnMap {
    use Target::*;
    ColumnMap {
        columns: vec![
            Key,
            Kind,
            Title,
            Description,
            Status,
            Priority,
            Assignee,
            ParentKey,
            Start,
            Due,
            EstimateHours,
            ActualHours,
            Created,
            Resolved,
            Label,
            Comment,
        ],
    }
}

fn options() -> ImportOptions {
    let mut values = ValueMaps::default();
    for (w, s) in [
        ("未対応", TaskStatus::NotStarted),
        ("処理中", TaskStatus::InProgress),
        ("処理済み", TaskStatus::InProgress),
        ("完了", TaskStatus::Done),
    ] {
        values.status.insert(w.into(), s);
    }
    for (w, p) in [("高", Priority::High), ("中", Priority::Medium), ("低", Priority::Low)] {
        values.priority.insert(w.into(), p);
    }
    for (w, k) in
        [("タスク", ItemKind::Task), ("バグ", ItemKind::Issue), ("要望", ItemKind::Task), ("その他", ItemKind::Task)]
    {
        values.kind.insert(w.into(), k);
    }
    ImportOptions { source: Source::Backlog, values, tz_offset_min: 540, file: "test.csv".into() }
}

fn stamp() -> Stamp {
    let at = Utc.with_ymd_and_hms(2025, 12, 1, 9, 0, 0).single().unwrap_or_default();
    Stamp::new(at, "bench", Id::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0))
}

fn bench(c: &mut Criterion) {
    let n = row_count();
    let (bytes, unmappable) = encode(&backlog_csv(n), OutEncoding::ShiftJis);
    assert_eq!(unmappable, 0);
    let opts = options();
    let dest = || Destination::New { id: Id::from_u128(42), name: "Backlog import".into() };
    let text = decode(&bytes).map(|d| d.text).unwrap_or_default();
    let table = read(&text).unwrap_or_default();
    let extracted = rows(&table, &map()).unwrap_or_default();
    assert_eq!(extracted.rows.len(), n);

    let mut g = c.benchmark_group(format!("import {n} rows"));
    g.sample_size(10);
    g.bench_function("csv_import_50k_sjis", |b| {
        b.iter(|| {
            let d = decode(black_box(&bytes)).ok()?;
            let t = read(&d.text).ok()?;
            let x = rows(&t, &map()).ok()?;
            let pl = plan(None, &x.rows, &opts);
            let p = apply(dest(), &x.rows, &opts, &stamp()).ok()?;
            Some((pl.counts.tasks_new, p.tasks.len()))
        })
    });
    g.bench_function("decode (Shift_JIS)", |b| b.iter(|| black_box(decode(black_box(&bytes)).map(|d| d.text.len()))));
    g.bench_function("read (CSV)", |b| b.iter(|| black_box(read(black_box(&text)).map(|t| t.rows.len()))));
    g.bench_function("extract", |b| b.iter(|| black_box(rows(&table, &map()).map(|x| x.rows.len()))));
    g.bench_function("plan", |b| b.iter(|| black_box(plan(None, &extracted.rows, &opts).counts)));
    g.bench_function("apply (new project)", |b| {
        b.iter(|| black_box(apply(dest(), &extracted.rows, &opts, &stamp()).map(|p| p.changes.len())))
    });
    if let Ok(p) = apply(dest(), &extracted.rows, &opts, &stamp()) {
        g.bench_function("re-import unchanged (plan + apply)", |b| {
            b.iter(|| {
                let pl = plan(Some(&p), &extracted.rows, &opts);
                let q = apply(Destination::Existing(&p), &extracted.rows, &opts, &stamp()).map(|q| q.changes.len());
                black_box((pl.counts.tasks_unchanged, q))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
