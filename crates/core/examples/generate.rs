//! Writes a generated project as a Mieruka JSON file, for benchmarks and manual testing.
//! Usage: cargo run --release -p mieruka-core --example generate -- TASKS [SEED] OUT.json

use chrono::{TimeZone, Utc};
use mieruka_core::format;
use mieruka_core::generate::{generate, Spec};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (tasks, seed, out) = match args.as_slice() {
        [n, out] => (n.parse::<usize>().ok(), Some(1), out.clone()),
        [n, seed, out] => (n.parse::<usize>().ok(), seed.parse::<u64>().ok(), out.clone()),
        _ => (None, None, String::new()),
    };
    let (Some(tasks), Some(seed)) = (tasks, seed) else {
        eprintln!("usage: generate TASKS [SEED] OUT.json");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let p = generate(Spec::new(tasks, seed));
    let exported_at = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).single().unwrap_or_default();
    let text = format::export(&[&p], exported_at, env!("CARGO_PKG_VERSION"));
    if let Err(e) = std::fs::write(&out, &text) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "{out}: {} tasks, {} risks, {} issues, {} changes, {:.1} MB in {:.1} s",
        p.tasks.len(),
        p.risks.len(),
        p.issues.len(),
        p.changes.len(),
        text.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}
