//! Fuzzing every importer with mangled real files (a proptest byte generator: the toolchain here
//! has no nightly for cargo-fuzz). Each case takes a fixture — Jira, Backlog, Redmine, generic CSV,
//! MS Project XML, a Mieruka JSON file — applies random mutations (bit flips, truncation, deleted
//! and duplicated ranges, inserted quotes, delimiters, line breaks, brackets, invalid UTF-8 and
//! Shift_JIS lead bytes) and runs the whole pipeline the app runs: decode, read, detect, suggest,
//! extract, plan, apply, re-apply, merge. Pass: no panic, every input under 1 s, no allocation
//! peak over 256 MiB (a counting allocator watches it).
//!
//! `make test` runs `FUZZ_CASES` (default 256) cases; `make fuzz` runs 20,000.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use mieruka_core::interop::build::{apply, plan, Destination, ImportOptions};
use mieruka_core::interop::text::decode;
use mieruka_core::interop::{csv, extract, mspdi, profile, Source};
use mieruka_core::{bucket, format, merge, record, segment, stored, Id, Stamp};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Counts live heap bytes and remembers the peak since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const MAX_PEAK: usize = 256 * 1024 * 1024;
const MAX_TIME: Duration = Duration::from_secs(1);

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir).expect("fixtures dir").flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                dirs.push(path);
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("csv" | "xml" | "json")) {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                out.push((name, std::fs::read(&path).expect("fixture")));
            }
        }
    }
    // The browser's own texts of changes, made from the first Mieruka file: a journal, one
    // layout-2 change record (`mieruka_core::record`) and a segment of changes (`segment`).
    let file = out.iter().find(|(n, _)| n.ends_with(".json")).map(|(_, b)| String::from_utf8_lossy(b).into_owned());
    let project =
        format::import(&file.expect("a Mieruka fixture"), &stamp(9)).expect("the fixture imports").projects.remove(0);
    let pid = project.id;
    let journal = record::journal_text(project.changes.iter().map(|c| (pid, c)), &[pid]);
    out.push(("browser.journal".into(), journal.into_bytes()));
    let one = record::change_text(&pid.to_string(), &project.changes[0]);
    out.push(("browser.record".into(), one.into_bytes()));
    let segment = segment::text(&pid.to_string(), &project.changes);
    out.push(("browser.segment".into(), segment.into_bytes()));
    // A stored project as the browser opens it: its head, a newline, one bucket of its tasks.
    let head = serde_json::json!({ "rev": 3, "project": format::head_json(&project) }).to_string();
    let plan = bucket::Plan::full(&project);
    let tasks =
        plan.records.into_iter().find_map(|(kind, _, text)| text.filter(|_| kind == mieruka_core::EntityKind::Task));
    out.push(("browser.bucket".into(), format!("{head}\n{}", tasks.expect("the fixture has tasks")).into_bytes()));
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Truncate { at: usize },
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize, times: usize },
    Insert { at: usize, bytes: Vec<u8> },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"<".to_vec()),
        Just(b">".to_vec()),
        Just(b"</Task>".to_vec()),
        Just(b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>".to_vec()),
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b"[[[[[[[[".to_vec()),
        Just(b"\"changes\":null".to_vec()),
        Just(b"99999999999999999999".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"NaN".to_vec()),
        Just(b"2025-02-30".to_vec()),
        Just(b"31/Feb/25 3:42 PM".to_vec()),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0x82]),
        Just(vec![0xFB, 0xFC]),
        Just(vec![0xC3]),
        Just(vec![0x00]),
        proptest::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        3 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => (any::<usize>(), 1usize..200, 1usize..20).prop_map(|(at, len, times)| Mutation::Duplicate { at, len, times }),
        4 => (any::<usize>(), token).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
    ]
}

fn mutate(mut b: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        let n = b.len().max(1);
        match m {
            Mutation::Flip { at, bit } => {
                if !b.is_empty() {
                    let i = at % b.len();
                    b[i] ^= 1 << bit;
                }
            }
            Mutation::Truncate { at } => b.truncate(at % n),
            Mutation::Delete { at, len } => {
                let i = at % n;
                let end = (i + len).min(b.len());
                if i < end {
                    b.drain(i..end);
                }
            }
            Mutation::Duplicate { at, len, times } => {
                let i = at % n;
                let end = (i + len).min(b.len());
                if i < end {
                    let piece = b[i..end].to_vec();
                    for _ in 0..*times {
                        b.splice(end..end, piece.iter().copied());
                    }
                }
            }
            Mutation::Insert { at, bytes } => {
                let i = at % (b.len() + 1);
                b.splice(i..i, bytes.iter().copied());
            }
        }
    }
    b
}

fn at() -> DateTime<Utc> {
    "2026-11-20T09:00:00Z".parse().expect("instant")
}

fn stamp(n: u128) -> Stamp {
    Stamp::new(at(), "fuzz", Id::from_u128(0x5eed_0000_0000_0000_0000_0000_0000_0000 + n))
}

/// Runs every importer the file could go through; returns normally for any input.
fn run_pipeline(name: &str, bytes: &[u8]) {
    if name.ends_with(".bucket") {
        // Opening stored records: typed as through `Value`, or left to it.
        let text = String::from_utf8_lossy(bytes);
        let (head, bucket) = text.split_once('\n').unwrap_or(("", &text));
        let (heads, buckets) = ([head.to_string()], [bucket.to_string()]);
        let through = stored::open_through_value(&heads, &buckets);
        if let Some(typed) = stored::open_typed(&heads, &buckets) {
            assert!(through.1.is_empty(), "{name}: typed read what the Value path refuses");
            assert_eq!(typed, through.0, "{name}: both open paths agree");
        }
        assert_eq!(stored::open(&heads, &buckets), through, "{name}: open");
        return;
    }
    if name.ends_with(".journal") || name.ends_with(".record") || name.ends_with(".segment") {
        // The typed readers read every text as the `Value` readers do, or leave it to them.
        let text = String::from_utf8_lossy(bytes);
        assert_eq!(record::read_journal(&text), record::read_journal_through_value(&text), "{name}: journal");
        assert_eq!(record::read_change(&text, "c"), record::read_change_through_value(&text, "c"), "{name}: record");
        assert_eq!(segment::read(&text, "c"), segment::read_through_value(&text, "c"), "{name}: segment");
        return;
    }
    if name.ends_with(".json") {
        let text = String::from_utf8_lossy(bytes);
        let imported = format::import(&text, &stamp(1));
        // The typed path reads every file as the `Value` path does, or leaves it to it.
        assert_eq!(imported, format::import_through_value(&text, &stamp(1)), "{name}: both import paths agree");
        if let Ok(imported) = imported {
            for p in &imported.projects {
                // A mangled copy merged into the clean one, both ways.
                let pv = merge::preview(p, p);
                assert!(pv.conflicts.is_empty());
                let _merged = merge::merge(p, p, &Default::default(), &stamp(2));
            }
        }
        return;
    }
    let Ok(decoded) = decode(bytes) else { return };
    let (source, rows) = if name.ends_with(".xml") {
        match mspdi::read(&decoded.text) {
            Ok(x) => (Source::Mspdi, x.rows),
            Err(_) => return,
        }
    } else {
        let Ok(table) = csv::read(&decoded.text) else { return };
        let source = profile::detect(&table.headers);
        let map = profile::suggest(source, &table.headers);
        match extract::rows(&table, &map) {
            Ok(x) => (source, x.rows),
            Err(_) => return,
        }
    };
    let opts =
        ImportOptions { source, values: profile::default_values(source), tz_offset_min: 540, file: "test.csv".into() };
    let preview = plan(None, &rows, &opts);
    let Ok(p) = apply(Destination::New { id: Id::from_u128(7), name: name.to_string() }, &rows, &opts, &stamp(3))
    else {
        return;
    };
    assert_eq!(p.tasks.len(), preview.counts.tasks_new, "{name}: the preview promised what the import did");
    // Re-importing the same rows changes nothing when every row has a key to be matched by (rows
    // without one are appended again by design: "import more tasks into this project").
    let again = apply(Destination::Existing(&p), &rows, &opts, &stamp(4)).expect("re-import of what was imported");
    let keyed = rows.iter().all(|r| !r.key.trim().trim_start_matches('#').trim().is_empty());
    if keyed {
        assert_eq!(again.changes.len(), p.changes.len(), "{name}: re-import is idempotent");
    }
    let _xml = mspdi::write(&p);
    let text = format::export(&[&p], at(), "fuzz");
    format::import(&text, &stamp(5)).expect("an imported project exports as a valid file");
}

#[test]
fn mangled_files_never_panic_hang_or_blow_up() {
    let corpus = fixtures();
    assert!(corpus.len() >= 10, "fixtures: {}", corpus.len());
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let strategy = (0..corpus.len(), proptest::collection::vec(mutation(), 1..6));
    // The unmangled files first: each must go through the whole pipeline.
    for (name, bytes) in &corpus {
        run_pipeline(name, bytes);
    }
    let slowest = std::cell::Cell::new(Duration::ZERO);
    let highest = std::cell::Cell::new(0usize);
    let result = runner.run(&strategy, |(i, muts)| {
        let (name, original) = &corpus[i];
        let bytes = mutate(original.clone(), &muts);
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
        let base = LIVE.load(Ordering::Relaxed);
        let start = Instant::now();
        run_pipeline(name, &bytes);
        let took = start.elapsed();
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        slowest.set(slowest.get().max(took));
        highest.set(highest.get().max(peak));
        prop_assert!(took < MAX_TIME, "{name}: {took:?} for one input");
        prop_assert!(peak < MAX_PEAK, "{name}: {peak} bytes at the peak");
        Ok(())
    });
    eprintln!("fuzz: {cases} cases, slowest {:?}, highest allocation peak {} KiB", slowest.get(), highest.get() / 1024);
    if let Err(e) = result {
        panic!("{e}");
    }
}
