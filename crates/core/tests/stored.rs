//! Opening stored projects: the typed path reads exactly what the `Value` path reads, on valid
//! stores and on damaged records (where it may only decline, and `open` then answers as the
//! `Value` path does, error for error).

use mieruka_core::generate::{generate, Spec};
use mieruka_core::stored::{open, open_through_value, open_typed};
use mieruka_core::{bucket, format, Project};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A project's records as the browser stores them: its head, and its buckets.
fn records(p: &Project, rev: u64) -> (String, Vec<String>) {
    let plan = bucket::Plan::full(p);
    let widths = bucket::widths_json(&plan.widths);
    let head = json!({ "rev": rev, "project": format::head_json(p), "widths": widths }).to_string();
    let buckets = plan.records.into_iter().filter_map(|(_, _, text)| text).collect();
    (head, buckets)
}

fn store(seeds: &[(usize, u64)]) -> (Vec<Project>, Vec<String>, Vec<String>) {
    let mut projects = Vec::new();
    let (mut heads, mut buckets) = (Vec::new(), Vec::new());
    for (i, (tasks, seed)) in seeds.iter().enumerate() {
        let mut p = generate(Spec::new(*tasks, *seed));
        p.changes.clear();
        let (h, b) = records(&p, i as u64 + 1);
        heads.push(h);
        buckets.extend(b);
        projects.push(p);
    }
    (projects, heads, buckets)
}

#[test]
fn a_valid_store_opens_typed_and_equal() {
    let (projects, heads, buckets) = store(&[(300, 1), (0, 2), (40, 3)]);
    let typed = open_typed(&heads, &buckets).expect("a valid store is read on the typed path");
    let (through, errors) = open_through_value(&heads, &buckets);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(typed, through);
    assert_eq!(typed.len(), 3);
    for ((p, rev), want) in typed.iter().zip(&projects) {
        assert_eq!(p, want);
        assert!(*rev >= 1);
    }
}

/// Damage done to one record's text.
#[derive(Debug, Clone)]
enum Damage {
    /// One character replaced.
    Byte { at: usize, with: char },
    /// One value somewhere in the record replaced (a wrong type, a bad date, a huge number, null).
    Value { at: usize, with: usize },
    /// A key repeated in one object.
    DuplicateKey { at: usize },
    /// An entity's id repeated (within the record).
    DuplicateId,
    /// The kind's word changed.
    Kind { with: usize },
    /// Cut short.
    Truncate { at: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        1 => (any::<usize>(), prop::sample::select(vec!['"', '{', ']', ',', 'x', '9', '\\', 'é'])).prop_map(|(at, with)| Damage::Byte { at, with }),
        4 => (any::<usize>(), any::<usize>()).prop_map(|(at, with)| Damage::Value { at, with }),
        1 => any::<usize>().prop_map(|at| Damage::DuplicateKey { at }),
        1 => Just(Damage::DuplicateId),
        1 => any::<usize>().prop_map(|with| Damage::Kind { with }),
        1 => any::<usize>().prop_map(|at| Damage::Truncate { at }),
    ]
}

const WORDS: &[&str] =
    &["task", "member", "issue", "risk", "stakeholder", "meeting", "action_item", "baseline", "project", "nonsense"];

fn bad_values() -> Vec<Value> {
    vec![
        json!(null),
        json!("2025-02-30"),
        json!("not a date"),
        json!(-1),
        json!(1e300),
        json!(18446744073709551615u64),
        json!([]),
        json!({}),
        json!(true),
        json!("00000000-0000-0000-0000-000000000000"),
        json!("x".repeat(20_000)),
        json!(""),
    ]
}

/// Every object and array slot of a JSON tree, in a fixed order, as JSON pointers.
fn slots(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                slots(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                slots(x, p, out);
            }
        }
        _ => {}
    }
}

fn apply(text: &str, d: &Damage) -> String {
    let mut v: Value = serde_json::from_str(text).expect("records are JSON");
    match d {
        Damage::Byte { at, with } => {
            let mut chars: Vec<char> = text.chars().collect();
            let i = at % chars.len();
            chars[i] = *with;
            return chars.into_iter().collect();
        }
        Damage::Truncate { at } => {
            let chars: Vec<char> = text.chars().collect();
            return chars[..at % chars.len()].iter().collect();
        }
        Damage::Value { at, with } => {
            let mut all = Vec::new();
            slots(&v, String::new(), &mut all);
            if let Some(p) = all.get(at % all.len().max(1)) {
                if let Some(x) = v.pointer_mut(p) {
                    let bad = bad_values();
                    *x = bad[with % bad.len()].clone();
                }
            }
        }
        Damage::DuplicateKey { at } => {
            // serde_json's map keeps one of each key: write the text by hand with the first key
            // of one object written twice, the second time with another value.
            let s = v.to_string();
            let opens: Vec<usize> = s.match_indices("{\"").map(|(i, _)| i).collect();
            if opens.is_empty() {
                return s;
            }
            let i = opens[at % opens.len()];
            let rest = &s[i + 1..];
            let key_end = rest[1..].find('"').map(|e| e + 2).unwrap_or(0);
            let key = &rest[..key_end];
            return format!("{}{{{key}:null,{}", &s[..i], rest);
        }
        Damage::DuplicateId => {
            if let Some(a) = v.get_mut("data").and_then(Value::as_array_mut) {
                if let Some(first) = a.first().cloned() {
                    a.push(first);
                }
            }
        }
        Damage::Kind { with } => {
            v["kind"] = json!(WORDS[with % WORDS.len()]);
        }
    }
    v.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn valid_stores_open_the_same_on_both_paths(a in 0usize..80, b in 0usize..20, seed in any::<u64>()) {
        let (projects, heads, buckets) = store(&[(a, seed), (b, seed ^ 1)]);
        let typed = open_typed(&heads, &buckets);
        let (through, errors) = open_through_value(&heads, &buckets);
        prop_assert!(errors.is_empty());
        prop_assert_eq!(typed.as_ref(), Some(&through));
        prop_assert_eq!(through.into_iter().map(|(p, _)| p).collect::<Vec<_>>(), projects);
    }

    #[test]
    fn a_damaged_record_is_declined_or_read_the_same(
        tasks in 1usize..40,
        seed in any::<u64>(),
        which in any::<usize>(),
        d in damage(),
    ) {
        let (_, mut heads, mut buckets) = store(&[(tasks, seed), (3, seed ^ 7)]);
        let n = heads.len() + buckets.len();
        let i = which % n;
        if i < heads.len() {
            heads[i] = apply(&heads[i], &d);
        } else {
            let j = i - heads.len();
            buckets[j] = apply(&buckets[j], &d);
        }
        let through = open_through_value(&heads, &buckets);
        if let Some(typed) = open_typed(&heads, &buckets) {
            prop_assert!(through.1.is_empty(), "typed read what the Value path refuses: {:?}", through.1);
            prop_assert_eq!(&typed, &through.0);
        }
        prop_assert_eq!(open(&heads, &buckets), through);
    }
}
