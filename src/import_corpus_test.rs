//! Issue 7, "Files": every file of the malformed corpus (`crates/core/tests/common/corpus.rs`,
//! ≥ 300 files) through the app's own import decision (`import_outcome`), natively, with
//! encoding_rs' Shift_JIS decoder in place of the browser's (the same WHATWG decoder).
//!
//! For 100 % of the files: refused with a message, or accepted only with a preview warning that
//! names the problem; every message non-empty in Japanese and English, different in the two, short
//! and free of Rust Debug residue; the stored projects byte-identical after the attempt (what the
//! import button adds without asking is added to the workspace before the check); no panic; each
//! file's time printed when over 1 s.

#[path = "../crates/core/tests/common/corpus.rs"]
mod corpus;

use std::hash::{Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use mieruka_core::format;
use mieruka_core::interop::build::{self, Destination, ImportOptions};
use mieruka_core::interop::text::EncodingRs;
use mieruka_core::interop::{profile, Warning};
use mieruka_core::model::Workspace;
use mieruka_core::{Id, Stamp};

use crate::i18n::interop::warning;
use crate::i18n::Lang;
use crate::import_outcome::{import_outcome, Outcome};

use corpus::{Csv, Expect, Profile};

fn at() -> DateTime<Utc> {
    "2026-11-29T09:00:00Z".parse().expect("instant")
}

fn stamp() -> Stamp {
    Stamp::new(at(), "corpus", Id::from_u128(0xC0_7905))
}

fn outcome(name: &str, bytes: &[u8], ws: &Workspace) -> Outcome {
    import_outcome(name, bytes, ws, &stamp(), &EncodingRs, profile::suggest, 540)
}

/// The workspace the files are imported into: the v2 sample project, and a project an earlier
/// import of the clean Jira export created (so re-imports of Jira files preview into it).
fn workspace() -> Workspace {
    let mut ws = Workspace::default();
    let sample = include_str!("../crates/core/tests/fixtures/v2-sample.json");
    for p in format::import(sample, &stamp()).expect("the sample imports").projects {
        ws.projects.insert(p.id, p);
    }
    let Outcome::Preview { source, .. } = outcome("jira.csv", Csv::base(Profile::Jira).text().as_bytes(), &ws) else {
        panic!("the clean Jira export previews")
    };
    let file =
        crate::import_outcome::LoadedFile::read("jira.csv", Csv::base(Profile::Jira).text().as_bytes(), &EncodingRs)
            .unwrap_or_else(|_| panic!("reads"));
    let ex = file.extract(&profile::suggest(source, &file.headers())).unwrap_or_else(|_| panic!("extracts"));
    let opts =
        ImportOptions { source, values: profile::default_values(source), tz_offset_min: 540, file: "test.csv".into() };
    let p =
        build::apply(Destination::New { id: Id::from_u128(0x1_1a), name: "Jira".into() }, &ex.rows, &opts, &stamp())
            .expect("applies");
    ws.projects.insert(p.id, p);
    ws
}

/// The stored data: every project as the file format writes it, and its hash.
fn stored(ws: &Workspace) -> (String, u64) {
    let text = format::export(&ws.projects.values().collect::<Vec<_>>(), at(), "corpus");
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    (text, h.finish())
}

/// What makes a message unclear: empty, the same in both languages, too long to read, or Rust
/// Debug output.
fn unclear(ja: &str, en: &str) -> Option<String> {
    const RESIDUE: &[&str] = &[
        "Error(",
        "{ ",
        "Some(",
        "None",
        "\\\"",
        " line: ",
        "{line",
        "Utf8Error",
        "ParseIntError",
        "Expected(",
        "Problem::",
        "ReadError",
    ];
    if ja.trim().is_empty() || en.trim().is_empty() {
        return Some("empty".into());
    }
    if ja == en {
        return Some(format!("the same in both languages: {en}"));
    }
    if !ja.chars().any(|c| ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
        return Some(format!("the Japanese message has no Japanese: {ja}"));
    }
    for m in [ja, en] {
        if m.chars().count() > 600 {
            return Some(format!("{} characters: {}…", m.chars().count(), m.chars().take(120).collect::<String>()));
        }
        if let Some(r) = RESIDUE.iter().find(|r| m.contains(*r)) {
            return Some(format!("Debug residue {r:?} in: {m}"));
        }
    }
    None
}

fn kind_name(w: &Warning) -> String {
    let d = format!("{:?}", w.kind);
    d.split([' ', '{', '(']).next().unwrap_or_default().to_string()
}

#[derive(Default)]
struct Tally {
    files: usize,
    refused: usize,
    warned: usize,
    changed: usize,
    panics: usize,
    slowest: (Duration, String),
    failures: Vec<String>,
    by_category: std::collections::BTreeMap<&'static str, (usize, usize, usize)>,
}

#[test]
fn the_clean_bases_import_without_warnings() {
    // The malformed files are these with one thing broken: a warning on them names that thing.
    let ws = workspace();
    for p in Profile::ALL {
        let text = Csv::base(p).text();
        match outcome(&format!("{}.csv", p.word()), text.as_bytes(), &Workspace::default()) {
            Outcome::Preview { warnings, .. } => {
                let words: Vec<String> = warnings.iter().map(|w| warning(Lang::En, &w.kind)).collect();
                assert!(words.is_empty(), "{p:?}: {words:?}");
            }
            Outcome::Refused(r) => panic!("{p:?} refused: {}", r.message(Lang::En)),
            Outcome::Json { .. } => panic!("{p:?} read as JSON"),
        }
    }
    let sample = include_bytes!("../crates/core/tests/fixtures/v2-sample.json");
    assert!(
        matches!(outcome("sample.json", sample, &ws), Outcome::Json { ref add, ref merge } if add.is_empty() && merge.len() == 1)
    );
}

#[test]
fn malformed_corpus_gets_clear_messages_and_changes_nothing() {
    let mut ws = workspace();
    let (before, before_hash) = stored(&ws);
    let entries = corpus::corpus();
    let mut t = Tally::default();
    for e in &entries {
        let bytes = e.bytes();
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| outcome(&e.name, &bytes, &ws)));
        let took = start.elapsed();
        drop(bytes);
        t.files += 1;
        if took > t.slowest.0 {
            t.slowest = (took, e.name.clone());
        }
        if took > Duration::from_secs(1) {
            eprintln!("  {}: {:.2} s", e.name, took.as_secs_f64());
        }
        let cat = t.by_category.entry(e.category).or_default();
        cat.0 += 1;
        let mut fail = |why: String| t.failures.push(format!("{}: {why}", e.name));
        match result {
            Err(_) => {
                t.panics += 1;
                fail("panicked".into());
            }
            Ok(Outcome::Refused(r)) => {
                t.refused += 1;
                cat.1 += 1;
                let (ja, en) = (r.message(Lang::Ja), r.message(Lang::En));
                if let Some(why) = unclear(&ja, &en) {
                    fail(format!("refused with an unclear message: {why}"));
                }
            }
            Ok(Outcome::Preview { warnings, .. }) => {
                let kinds: Vec<String> = warnings.iter().map(kind_name).collect();
                match e.expect {
                    Expect::Refused => fail(format!("accepted (warnings {kinds:?}); it should be refused")),
                    Expect::RefusedOrWarn(wanted) => {
                        if !kinds.iter().any(|k| wanted.contains(&k.as_str())) {
                            fail(format!(
                                "accepted without a warning naming the problem {wanted:?} (warnings: {kinds:?})"
                            ));
                        } else {
                            t.warned += 1;
                            cat.2 += 1;
                        }
                    }
                }
                for w in &warnings {
                    let (ja, en) = (warning(Lang::Ja, &w.kind), warning(Lang::En, &w.kind));
                    if let Some(why) = unclear(&ja, &en) {
                        fail(format!("warning {} is unclear: {why}", kind_name(w)));
                        break;
                    }
                }
            }
            Ok(Outcome::Json { add, merge }) => {
                fail(format!(
                    "accepted as a Mieruka file ({} new, {} to merge), without a word",
                    add.len(),
                    merge.len()
                ));
                // What the import button does at once: add the projects that are not here yet.
                for p in add {
                    ws.projects.insert(p.id, p);
                }
            }
        }
        let (after, after_hash) = stored(&ws);
        if after_hash != before_hash || after != before {
            t.changed += 1;
            t.failures.push(format!("{}: the stored data changed", e.name));
            ws = workspace();
        }
    }
    eprintln!("by category (files, refused, accepted with warnings):");
    for (c, (n, r, w)) in &t.by_category {
        eprintln!("  {c}: {n} ({r}, {w})");
    }
    let clear = t.refused + t.warned;
    eprintln!(
        "malformed corpus: {} files, {} with a clear message ({} refused, {} accepted with warnings), {} changes to stored data, {} panics, slowest {:.2} s ({})",
        t.files,
        clear,
        t.refused,
        t.warned,
        t.changed,
        t.panics,
        t.slowest.0.as_secs_f64(),
        t.slowest.1
    );
    assert!(t.files >= 300, "the corpus has {} files", t.files);
    assert!(t.failures.is_empty(), "{} of {} files fail:\n{}", t.failures.len(), t.files, t.failures.join("\n"));
    assert_eq!(clear, t.files);
}
