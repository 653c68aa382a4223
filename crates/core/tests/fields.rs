//! Every field of every entity survives every road a value travels: it is set through
//! `Command::Set`, then read back from the file format (both import paths), from a merge into a
//! copy that lacks the edit (both ways round), from a replay of the log, and from the records the
//! browser stores (head and entity buckets through both open paths; the log's segments, replayed;
//! a tab's journal, reapplied to the copy without the edit).
//!
//! The fields come from the core's own lists (`Field::of_kind`), and each value is made from the
//! field's Rust type (`Field::type_name`), so a field added to an entity is covered without a
//! line here; a field of a type this file cannot make yet fails with the type's name.

use std::any::type_name;
use std::cell::Cell;
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use mieruka_core::interop::build::{self, Destination, ImportOptions};
use mieruka_core::interop::{Source, SourceRow, ValueMaps};
use mieruka_core::stored::{open, open_through_value};
use mieruka_core::{
    apply, bucket, format, merge, record, replay, segment, ActionItem, BaselineTask, Command, Engagement, EntityKind,
    EntityRef, Field, Frequency, Id, Issue, IssueStatus, Meeting, Member, Priority, Project, ProjectInfo,
    ProjectStatus, Raci, Report, ReportStatus, Risk, RiskKind, RiskStatus, RiskStrategy, Stakeholder, Stamp, Task,
    TaskStatus, Weekday, Workspace,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::Serialize;
use serde_json::{json, Value};

const PID: u128 = 0xF1E1D;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 4, 1, 0, 0, 0).single().expect("a valid instant") + Duration::minutes(minutes)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 1).expect("a valid day") + Duration::days(i64::from(d))
}

fn id(n: u128) -> Id {
    Id::from_u128(n)
}

/// A project with at least two entities of every kind (one import record), made as the app makes
/// them: an import, then commands.
fn fixture() -> Project {
    let mut ws = Workspace::default();
    let mut n = 0;
    let mut run = |ws: &mut Workspace, cmd: Command| {
        n += 1;
        let stamp = Stamp::new(if n == 1 { at(0) } else { at(60 + n) }, "fixture", id(0xB000 + n as u128));
        if let Err(e) = apply(ws, cmd.clone(), &stamp) {
            panic!("the fixture's {cmd:?} was refused: {e:?}");
        }
    };
    let info = ProjectInfo { name: "項目の往復".into(), start: Some(day(0)), ..ProjectInfo::default() };
    run(&mut ws, Command::CreateProject { id: id(PID), info });
    // An import brings two tasks and its audit record.
    let rows: Vec<SourceRow> = ["要件定義", "基本設計"]
        .iter()
        .enumerate()
        .map(|(i, t)| SourceRow { line: i + 2, key: format!("P-{i}"), title: t.to_string(), ..SourceRow::default() })
        .collect();
    let opts =
        ImportOptions { source: Source::Csv, values: ValueMaps::default(), tz_offset_min: 540, file: "wbs.csv".into() };
    let stamp = Stamp::new(at(30), "importer", id(0x1A));
    let imported = build::apply(Destination::Existing(&ws.projects[&id(PID)]), &rows, &opts, &stamp)
        .expect("the fixture's import applies");
    ws.projects.insert(id(PID), imported);

    let pid = id(PID);
    for (i, name) in ["山田", "佐藤"].iter().enumerate() {
        let member = Member { name: name.to_string(), ..Member::default() };
        run(&mut ws, Command::AddMember { project: pid, id: id(0x100 + i as u128), member });
    }
    run(
        &mut ws,
        Command::AddTask { project: pid, id: id(0x200), task: Task { title: "製造".into(), ..Task::default() } },
    );
    for (i, status) in [IssueStatus::Open, IssueStatus::InProgress].iter().enumerate() {
        let issue = Issue { title: format!("課題 {i}"), status: *status, ..Issue::default() };
        run(&mut ws, Command::AddIssue { project: pid, id: id(0x300 + i as u128), issue });
    }
    // One threat and one opportunity, both accepted: either may change its kind.
    for (i, kind) in [RiskKind::Threat, RiskKind::Opportunity].iter().enumerate() {
        let risk =
            Risk { kind: *kind, title: format!("リスク {i}"), strategy: RiskStrategy::Accept, ..Risk::default() };
        run(&mut ws, Command::AddRisk { project: pid, id: id(0x400 + i as u128), risk });
    }
    for i in 0..2 {
        let stakeholder = Stakeholder { name: format!("関係者 {i}"), ..Stakeholder::default() };
        run(&mut ws, Command::AddStakeholder { project: pid, id: id(0x500 + i), stakeholder });
    }
    for i in 0..2 {
        let meeting = Meeting { date: day(7 * i as u32), title: format!("定例 {i}"), ..Meeting::default() };
        run(&mut ws, Command::AddMeeting { project: pid, id: id(0x600 + i), meeting });
        let item = ActionItem { meeting: id(0x600 + i), title: format!("宿題 {i}"), ..ActionItem::default() };
        run(&mut ws, Command::AddActionItem { project: pid, id: id(0x700 + i), item });
    }
    for i in 0..2 {
        let name = format!("第{i}版");
        run(&mut ws, Command::TakeBaseline { project: pid, id: id(0x800 + i), name, taken_on: day(i as u32) });
    }
    for i in 0..2 {
        let report = Report {
            period_start: day(7 * i as u32),
            period_end: day(7 * i as u32 + 6),
            issued_on: day(7 * i as u32 + 6),
            body: json!({ "percent": 10 * i as u64 }),
            ..Report::default()
        };
        run(&mut ws, Command::AddReport { project: pid, id: id(0x900 + i), report });
    }
    let p = ws.projects.remove(&pid).expect("the fixture's project");
    for kind in EntityKind::ALL {
        assert!(!p.ids(*kind).is_empty(), "the fixture has no {kind:?}");
    }
    p
}

// ---------------------------------------------------------------- values from types

type Values = BoxedStrategy<Value>;

fn of<T: Serialize>(s: impl Strategy<Value = T> + 'static) -> Values {
    s.prop_map(|v| serde_json::to_value(v).expect("a field value serializes")).boxed()
}

/// `Option<X>`, `Vec<X>` and `BTreeMap<K, V>` as `type_name` spells them: the parts around
/// the type parameters, learnt from the compiler rather than written here.
fn around(name: &str, params: &[&str]) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = name;
    for p in params {
        let (before, after) = rest.split_once(p).expect("the parameter is in the name");
        parts.push(before.to_string());
        rest = after;
    }
    parts.push(rest.to_string());
    parts
}

/// Splits `a, b` at its top-level comma (`BTreeMap<K, V>`'s parameters).
fn split_pair(s: &str) -> Option<(&str, &str)> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => return Some((s[..i].trim(), s[i + 1..].trim())),
            _ => {}
        }
    }
    None
}

fn strip<'a>(name: &'a str, parts: &[String]) -> Option<&'a str> {
    name.strip_prefix(parts[0].as_str())?.strip_suffix(parts[1].as_str())
}

/// Values of the type named `name`, with ids taken from `ids` (the fixture's entities, of every
/// kind: a reference of the wrong kind is refused by `apply`, and the case is not counted).
fn values(name: &str, ids: &[Id]) -> Result<Values, String> {
    let option = around(type_name::<Option<u8>>(), &["u8"]);
    let vec = around(type_name::<Vec<u8>>(), &["u8"]);
    let map = around(type_name::<BTreeMap<u8, u16>>(), &["u8, u16"]);
    if let Some(inner) = strip(name, &option) {
        let inner = values(inner, ids)?;
        return Ok(prop_oneof![1 => Just(Value::Null), 3 => inner].boxed());
    }
    if let Some(inner) = strip(name, &vec) {
        return Ok(prop::collection::vec(values(inner, ids)?, 0..3).prop_map(Value::Array).boxed());
    }
    if let Some(kv) = strip(name, &map) {
        let (k, v) = split_pair(kv).ok_or_else(|| format!("cannot read the parameters of {name}"))?;
        let entries = (values(k, ids)?, values(v, ids)?);
        return Ok(prop::collection::vec(entries, 0..3)
            .prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.as_str().unwrap_or_default().to_string(), v)).collect())
            })
            .boxed());
    }
    leaf(name, ids).ok_or_else(|| format!("no values for the field type {name}: add them to `leaf` in {}", file!()))
}

fn leaf(name: &str, ids: &[Id]) -> Option<Values> {
    macro_rules! vocab {
        ($($t:ty),* $(,)?) => {
            $(if name == type_name::<$t>() {
                return Some(of(prop::sample::select(<$t>::ALL)));
            })*
        };
    }
    vocab!(
        ProjectStatus,
        TaskStatus,
        Priority,
        IssueStatus,
        RiskKind,
        RiskStrategy,
        RiskStatus,
        Engagement,
        Frequency,
        ReportStatus,
        Raci,
        Weekday
    );
    let ids = ids.to_vec();
    let id = move || prop_oneof![8 => prop::sample::select(ids.clone()), 1 => any::<u128>().prop_map(Id::from_u128)];
    let date = || (0u32..800).prop_map(|d| day(d) - Duration::days(365));
    let number = || prop_oneof![(0u32..=100).prop_map(f64::from), 0.0f64..100.0, 0.0f64..2_000.0];
    Some(if name == type_name::<String>() {
        // Free text, and texts that parse as what some text fields hold ("MM-DD" holidays).
        let mmdd = (1u32..=12, 1u32..=28).prop_map(|(m, d)| format!("{m:02}-{d:02}"));
        of(prop_oneof![4 => "[a-zA-Z0-9 ぁ-んァ-ン漢字、。\"\\\\<&\n]{1,16}", 1 => mmdd, 1 => Just(String::new())])
    } else if name == type_name::<f64>() {
        of(number())
    } else if name == type_name::<u8>() {
        of(0u8..=8)
    } else if name == type_name::<u32>() {
        of(any::<u32>())
    } else if name == type_name::<bool>() {
        of(any::<bool>())
    } else if name == type_name::<NaiveDate>() {
        of(date())
    } else if name == type_name::<DateTime<Utc>>() {
        of((0i64..(800 * 86_400_000)).prop_map(|ms| at(0) - Duration::days(365) + Duration::milliseconds(ms)))
    } else if name == type_name::<Id>() {
        of(id())
    } else if name == type_name::<Value>() {
        let scalar = prop_oneof![any::<i32>().prop_map(Value::from), "[a-zあ-ん]{0,6}".prop_map(Value::from)];
        prop::collection::btree_map("[a-z_]{1,8}", scalar, 0..4).prop_map(|m| json!(m)).boxed()
    } else if name == type_name::<BaselineTask>() {
        (prop::option::of(id()), "[a-z設計]{1,8}", prop::option::of(date()), number(), number(), any::<bool>())
            .prop_map(|(parent, title, start, estimate_hours, budget, milestone)| {
                let t = BaselineTask { parent, title, start, due: start, estimate_hours, budget, milestone };
                serde_json::to_value(t).expect("a baseline task serializes")
            })
            .boxed()
    } else {
        return None;
    })
}

// ---------------------------------------------------------------- the roads

/// Where the field's value came back different, if anywhere.
fn roads(base: &Project, p: &Project, r: EntityRef, field: Field, want: &Value) -> Result<(), String> {
    let check = |road: &str, q: &Project| -> Result<(), String> {
        match q.get_field(r, field.name()) {
            Some(v) if v == *want => Ok(()),
            got => Err(format!("{road}: {}.{} = {want} came back as {got:?}", r.kind.as_str(), field.name())),
        }
    };
    let stamp = Stamp::new(at(100_000), "reader", id(0xEAD));

    // The file format, on both import paths.
    let text = format::export(&[p], at(100_000), "test");
    for (road, read) in
        [("file", format::import(&text, &stamp)), ("file (Value)", format::import_through_value(&text, &stamp))]
    {
        let read = read.map_err(|e| format!("{road}: the file does not read back: {e:?}"))?;
        check(road, &read.projects[0])?;
    }

    // A merge into the copy without the edit, either way round, and a replay of the log.
    check("merge into the copy without it", &merge::union(base, p))?;
    check("merge of the copy without it", &merge::union(p, base))?;
    check("replay", &replay::replay(p.id, &p.changes))?;

    // The records the browser stores: head and entity buckets, opened on both paths.
    let plan = bucket::Plan::full(p);
    let head =
        json!({ "rev": 1, "project": format::head_json(p), "widths": bucket::widths_json(&plan.widths) }).to_string();
    let buckets: Vec<String> = plan.records.into_iter().filter_map(|(_, _, text)| text).collect();
    for (road, (opened, errors)) in [
        ("stored records", open(std::slice::from_ref(&head), &buckets)),
        ("stored records (Value)", open_through_value(&[head], &buckets)),
    ] {
        if !errors.is_empty() || opened.len() != 1 {
            return Err(format!("{road}: the records do not open: {errors:?}"));
        }
        check(road, &opened[0].0)?;
    }
    // The log's segments as stored, read back and replayed.
    let pid = p.id.to_string();
    let mut log = Vec::new();
    for text in segment::texts(&pid, &p.changes) {
        log.extend(segment::read(&text, "test").map_err(|e| format!("stored log: {e:?}"))?);
    }
    check("stored log, replayed", &replay::replay(p.id, &log))?;
    // A tab's journal of the edit, recovered over the stored copy that lacks it.
    let edit: Vec<_> = p.changes[base.changes.len()..].iter().map(|c| (p.id, c)).collect();
    let (journal, _) = record::read_journal(&record::journal_text(edit.into_iter(), &[]));
    let mut recovered = base.clone();
    let joined = replay::reapply(&mut recovered, &journal.into_iter().map(|(_, c)| c).collect::<Vec<_>>());
    if joined.len() != p.changes.len() - base.changes.len() {
        return Err(format!("journal: {} of the edit's changes joined the log", joined.len()));
    }
    check("journal, reapplied", &recovered)
}

/// What one case did.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    /// `apply` refused the value (a rule of the model, e.g. a reference of the wrong kind).
    Refused,
    /// The value was the field's value already.
    Unchanged,
    /// Set, and read back equal on every road.
    Travelled,
}

fn set_and_follow(base: &Project, field: Field, who: usize, value: Value) -> Result<Outcome, TestCaseError> {
    let ids = base.ids(field.kind());
    let r = EntityRef::new(field.kind(), ids[who % ids.len()]);
    let cmd = Command::Set { project: base.id, entity: r, field, value: value.clone() };
    // The command itself serializes with the field as its kind and name.
    let text = serde_json::to_string(&cmd).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: Command = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
    prop_assert_eq!(&back, &cmd);
    let mut p = base.clone();
    let stamp = Stamp::new(at(50_000), "editor", id(0xED17));
    let changes = match mieruka_core::apply_to_project(&mut p, cmd, &stamp) {
        Ok(changes) => changes,
        Err(_) => return Ok(Outcome::Refused),
    };
    let want = p.get_field(r, field.name()).expect("a field of the entity");
    prop_assert_eq!(&want, &value, "the field holds the value set");
    if !changes.iter().any(|c| c.entity == r && c.field == field.name()) {
        return Ok(Outcome::Unchanged);
    }
    roads(base, &p, r, field, &want).map_err(TestCaseError::fail)?;
    Ok(Outcome::Travelled)
}

#[test]
fn every_field_of_every_entity_comes_back() {
    let base = fixture();
    let everyone: Vec<Id> = EntityKind::ALL.iter().flat_map(|k| base.ids(*k)).collect();
    let mut never = Vec::new();
    let mut fields = 0;
    for kind in EntityKind::ALL {
        for field in Field::of_kind(*kind) {
            fields += 1;
            let made =
                values(field.type_name(), &everyone).unwrap_or_else(|e| panic!("{kind:?}.{}: {e}", field.name()));
            let travelled = Cell::new(0u32);
            // Rounds of cases until the field has travelled a few times: most values of a
            // reference are of the wrong kind and refused.
            for _ in 0..40 {
                let mut runner = TestRunner::new(Config { cases: 16, failure_persistence: None, ..Config::default() });
                let result = runner.run(&(any::<usize>(), made.clone()), |(who, value)| {
                    if set_and_follow(&base, field, who, value)? == Outcome::Travelled {
                        travelled.set(travelled.get() + 1);
                    }
                    Ok(())
                });
                if let Err(e) = result {
                    panic!("{kind:?}.{}: {e}", field.name());
                }
                if travelled.get() >= 4 {
                    break;
                }
            }
            if travelled.get() == 0 {
                never.push(format!("{}.{}", kind.as_str(), field.name()));
            }
        }
    }
    assert!(
        never.is_empty(),
        "no value of these fields was ever set (the fixture or `leaf` must allow one): {never:?}"
    );
    assert!(fields > 100, "only {fields} fields: are the lists complete?");
}
