//! Issue and risk numbers that never change when copies merge or sync (docs/SYNC.md, "Stable
//! numbers"): every way an issue or a risk is made gives it one, projects made before numbers were
//! stored show what they showed, and twins made offline keep their digits, the later with a
//! suffix. Any sequence of creations and merges: tests/numbers_merge.rs.

mod common;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use common::*;
use mieruka_core::change::CREATE;
use mieruka_core::id::SeqIds;
use mieruka_core::interop::build::{self, Destination, ImportOptions};
use mieruka_core::interop::{Source, SourceRow, ValueMaps};
use mieruka_core::merge::union;
use mieruka_core::model::ActionItem;
use mieruka_core::sample::sample_project;
use mieruka_core::status_report::IssueLine;
use mieruka_core::template::{project_from_template, template_from_project};
use mieruka_core::{format, Command, EntityKind, EntityRef, Id, Meeting, Number, Project, ProjectInfo, Stamp};
use serde_json::json;

/// The numbering of every version before this one: the order of the creations in the log.
fn creation_order(p: &Project, kind: EntityKind) -> BTreeMap<Id, String> {
    let mut created: Vec<_> = p.changes.iter().filter(|c| c.entity.kind == kind && c.field == CREATE).collect();
    created.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let mut out = BTreeMap::new();
    for c in created {
        let n = out.len() + 1;
        out.entry(c.entity.id).or_insert(n);
    }
    let present = p.ids(kind);
    out.into_iter().filter(|(id, _)| present.contains(id)).map(|(id, n)| (id, n.to_string())).collect()
}

fn shown(p: &Project, kind: EntityKind) -> BTreeMap<Id, String> {
    let numbers = if kind == EntityKind::Issue { p.issue_numbers() } else { p.risk_numbers() };
    numbers.into_iter().map(|(id, n)| (id, n.to_string())).collect()
}

fn issue_no(p: &Project, id: Id) -> String {
    p.issue_numbers()[&id].to_string()
}

#[test]
fn a_new_issue_gets_one_more_than_the_highest_and_a_deleted_number_is_not_given_again() {
    let mut env = Env::new(1);
    let ids: Vec<Id> = (0..3).map(|i| env.add_issue(issue(&format!("課題{i}")))).collect();
    assert_eq!(ids.iter().map(|i| issue_no(env.p(), *i)).collect::<Vec<_>>(), ["1", "2", "3"]);
    assert_eq!(env.p().issues[&ids[2]].no, 3, "the number is stored in the issue");
    // Risks are numbered on their own.
    let r = env.add_risk(risk("要員不足"));
    assert_eq!(env.p().risk_numbers()[&r], Number::plain(1));
    // Deleting #3 does not free its number; undoing the deletion brings it back as #3.
    let del = env.ok(Command::Delete { project: env.pid, entity: EntityRef::issue(ids[2]) });
    let four = env.add_issue(issue("課題3"));
    assert_eq!(issue_no(env.p(), four), "4");
    env.ok(Command::Revert { project: env.pid, batch: del[0].batch });
    assert_eq!(issue_no(env.p(), ids[2]), "3");
    // A caller's number (a copy of another issue) is not kept.
    let copy = env.add_issue(env.p().issues[&ids[0]].clone());
    assert_eq!(issue_no(env.p(), copy), "5");
}

#[test]
fn legacy_projects_show_what_they_showed_and_new_entries_continue_after_them() {
    let mut env = Env::new(2);
    let first = env.add_issue(issue("一"));
    let gone = env.add_issue(issue("二"));
    let third = env.add_issue(issue("三"));
    env.add_risk(risk("R"));
    env.ok(Command::Delete { project: env.pid, entity: EntityRef::issue(gone) });
    let old = legacy(env.p().clone());
    assert!(!format::project_json(&old).to_string().contains("\"no\""), "a legacy project has no numbers");
    assert_eq!(shown(&old, EntityKind::Issue), creation_order(&old, EntityKind::Issue));
    assert_eq!(shown(&old, EntityKind::Risk), creation_order(&old, EntityKind::Risk));
    assert_eq!(issue_no(&old, third), "3", "the deleted #2 keeps its place");
    env.ws.projects.insert(env.pid, old);
    let new = env.add_issue(issue("四"));
    assert_eq!(
        (issue_no(env.p(), first), issue_no(env.p(), third), issue_no(env.p(), new)),
        ("1".into(), "3".into(), "4".into())
    );
    assert_eq!(env.p().issues[&new].no, 4);
    assert_eq!(env.p().issues[&first].no, 0, "a legacy issue is not given a number afterwards");

    // A legacy project whose log is not loaded yet (the browser loads it after the state) does not
    // give its issues' numbers again; once the log is in, every number is as it should be.
    let mut fresh = Env::new(22);
    let kept: Vec<Id> = (0..3).map(|i| fresh.add_issue(issue(&format!("旧{i}")))).collect();
    let old = legacy(fresh.p().clone());
    let mut state_only = old.clone();
    state_only.changes.clear();
    fresh.ws.projects.insert(fresh.pid, state_only);
    let added = fresh.add_issue(issue("新"));
    assert_eq!(fresh.p().issues[&added].no, 4);
    let mut loaded = fresh.p().clone();
    loaded.changes.splice(0..0, old.changes.iter().cloned());
    mieruka_core::replay::normalize(&mut loaded.changes);
    let texts: Vec<String> = kept.iter().chain([&added]).map(|id| issue_no(&loaded, *id)).collect();
    assert_eq!(texts, ["1", "2", "3", "4"]);

    // The sample and a frozen file of schema 2, as every earlier version numbered them.
    let sample = sample_project(true, NaiveDate::from_ymd_opt(2025, 6, 2).unwrap(), 7);
    for p in [legacy(sample.clone()), sample] {
        for kind in [EntityKind::Issue, EntityKind::Risk] {
            assert_eq!(shown(&p, kind), creation_order(&p, kind), "{kind:?}");
            assert!(!shown(&p, kind).is_empty());
        }
    }
    let stamp = Stamp::new(t0(), "reader", Id::from_u128(9));
    let v2 = format::import(include_str!("fixtures/v2-sample.json"), &stamp).unwrap();
    for kind in [EntityKind::Issue, EntityKind::Risk] {
        assert_eq!(shown(&v2.projects[0], kind), creation_order(&v2.projects[0], kind));
    }
}

#[test]
fn a_risk_that_occurs_and_an_action_item_made_an_issue_get_numbers() {
    let mut env = Env::new(3);
    env.add_issue(issue("一"));
    let r = env.add_risk(risk("ベンダー遅延"));
    let from_risk = env.id();
    let raised_on = NaiveDate::from_ymd_opt(2025, 4, 2).unwrap();
    env.ok(Command::RiskToIssue { project: env.pid, risk: r, issue: from_risk, raised_on });
    assert_eq!((env.p().issues[&from_risk].no, issue_no(env.p(), from_risk)), (2, "2".into()));

    let meeting = env.id();
    let m = Meeting { date: raised_on, title: "定例".into(), ..Meeting::default() };
    env.ok(Command::AddMeeting { project: env.pid, id: meeting, meeting: m });
    let action = env.id();
    let item = ActionItem { meeting, title: "仕様確認".into(), ..ActionItem::default() };
    env.ok(Command::AddActionItem { project: env.pid, id: action, item });
    let from_action = env.id();
    env.ok(Command::ActionToIssue { project: env.pid, action, issue: from_action, raised_on });
    assert_eq!(issue_no(env.p(), from_action), "3");

    // A project made from a template numbers its risks R1.. in the template's order.
    env.add_risk(risk("品質"));
    let t = template_from_project(env.p());
    let mut ids = SeqIds::new(33);
    let info = ProjectInfo { name: "次期".into(), ..ProjectInfo::default() };
    let made = project_from_template(&t, ids.next_id(), info, raised_on, t0(), "pm", &mut || ids.next_id()).unwrap();
    let mut risks: Vec<(String, String)> =
        made.risk_numbers().into_iter().map(|(id, n)| (n.to_string(), made.risks[&id].title.clone())).collect();
    risks.sort();
    assert_eq!(risks, [("1".to_string(), "ベンダー遅延".to_string()), ("2".into(), "品質".into())]);
}

fn row(line: usize, key: &str, title: &str, created: &str) -> SourceRow {
    SourceRow {
        line,
        key: key.into(),
        kind: "issue".into(),
        title: title.into(),
        created: Some(chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%d %H:%M").unwrap()),
        ..SourceRow::default()
    }
}

#[test]
fn an_import_numbers_new_issues_in_creation_order_and_a_reimport_keeps_them() {
    let mut env = Env::new(4);
    let mine = env.add_issue(issue("手入力の課題"));
    let opts =
        ImportOptions { source: Source::Csv, values: ValueMaps::default(), tz_offset_min: 540, file: "i.csv".into() };
    // The file lists the later one first; both were created before the project's own issue.
    let rows = vec![row(2, "B-2", "後の課題", "2025-03-02 10:00"), row(3, "B-1", "先の課題", "2025-03-01 10:00")];
    let stamp = Stamp::new(t0() + Duration::days(1), "importer", Id::from_u128(0x1A << 64));
    let p = build::apply(Destination::Existing(env.p()), &rows, &opts, &stamp).unwrap();
    let by_title = |p: &Project, t: &str| p.issues.iter().find(|(_, i)| i.title == t).map(|(id, _)| *id).unwrap();
    let (earlier, later) = (by_title(&p, "先の課題"), by_title(&p, "後の課題"));
    assert_eq!((issue_no(&p, mine), issue_no(&p, earlier), issue_no(&p, later)), ("1".into(), "2".into(), "3".into()));
    assert_eq!(p.issues[&earlier].no, 2);
    // The number is in the creation, so the log alone gives it.
    assert_eq!(mieruka_core::replay::replay(p.id, &p.changes).issues, p.issues);

    // The same keys again, retitled: updated in place, their numbers kept.
    let again =
        vec![row(2, "B-2", "後の課題 (改)", "2025-03-02 10:00"), row(3, "B-1", "先の課題 (改)", "2025-03-01 10:00")];
    let stamp = Stamp::new(t0() + Duration::days(2), "importer", Id::from_u128(0x1B << 64));
    let q = build::apply(Destination::Existing(&p), &again, &opts, &stamp).unwrap();
    assert_eq!(q.issues.len(), 3);
    assert_eq!(q.issues[&earlier].title, "先の課題 (改)");
    assert_eq!(shown(&q, EntityKind::Issue), shown(&p, EntityKind::Issue));
    assert_eq!(q.issues[&earlier].no, 2);
    // Into a project made before numbers were stored: the legacy numbers stay, none is given.
    let p = legacy(p);
    let q = build::apply(Destination::Existing(&p), &again, &opts, &stamp).unwrap();
    assert!(q.issues.values().all(|i| i.no == 0));
    assert_eq!(shown(&q, EntityKind::Issue), shown(&p, EntityKind::Issue));
    assert_eq!(issue_no(&q, earlier), "1", "imported issues were created first");
}

#[test]
fn twins_made_offline_keep_their_digits_and_the_later_shows_a_suffix_both_ways() {
    let mut base = Env::new(5);
    base.add_issue(issue("一"));
    base.add_issue(issue("二"));
    // Either device first, so that the first is not also the smaller id.
    for a_first in [true, false] {
        let mut a = fork(&base, "yamada", 51);
        let mut b = fork(&base, "sato", 52);
        let later = if a_first { &mut b } else { &mut a };
        later.at += Duration::minutes(5);
        let from_a = a.add_issue(issue("a の三"));
        let from_b = b.add_issue(issue("b の三"));
        assert_eq!((issue_no(a.p(), from_a), issue_no(b.p(), from_b)), ("3".into(), "3".into()));
        let (first, second) = if a_first { (from_a, from_b) } else { (from_b, from_a) };
        let ab = union(a.p(), b.p());
        let ba = union(b.p(), a.p());
        assert_eq!(shown(&ab, EntityKind::Issue), shown(&ba, EntityKind::Issue));
        let hex = second.simple().to_string();
        assert_eq!(issue_no(&ab, first), "3");
        assert_eq!(issue_no(&ab, second), format!("3-{}", &hex[..4]));
        assert_eq!(ab.issue_numbers()[&second], Number { n: 3, tie: Some(hex[..4].to_string()) });
        // The merged copy goes on from 4.
        let mut merged = fork(&b, "sato", 53);
        merged.ws.projects.insert(merged.pid, ab);
        let next = merged.add_issue(issue("四"));
        assert_eq!(issue_no(merged.p(), next), "4");
        // Deleting the first twin on one copy changes no text.
        let first_copy = if a_first { &mut a } else { &mut b };
        first_copy.ok(Command::Delete { project: first_copy.pid, entity: EntityRef::issue(first) });
        let after = union(first_copy.p(), merged.p());
        assert_eq!(issue_no(&after, second), format!("3-{}", &hex[..4]));
    }
}

#[test]
fn a_suffix_is_as_long_as_it_must_be_to_tell_twins_apart() {
    let mut base = Env::new(6);
    base.add_issue(issue("一"));
    let mut copies: Vec<Env> = (0..3).map(|i| fork(&base, &format!("d{i}"), 60 + i)).collect();
    // Ids that share their first six hex digits.
    let made: Vec<Id> = copies
        .iter_mut()
        .enumerate()
        .map(|(i, c)| {
            c.at += Duration::minutes(i as i64);
            let id = Id::from_u128(0xabcd_ef00_0000_4000_8000_0000_0000_0000 + ((i as u128) << 100));
            c.ok(Command::AddIssue { project: c.pid, id, issue: issue("二") });
            id
        })
        .collect();
    let all = copies.iter().skip(1).fold(copies[0].p().clone(), |acc, c| union(&acc, c.p()));
    let texts: Vec<String> = made.iter().map(|id| issue_no(&all, *id)).collect();
    assert_eq!(texts, ["2", "2-abcdef1", "2-abcdef2"]);
    // The suffix is any entity's, and a report's body keeps the number as it was shown.
    let line = IssueLine { no: all.issue_numbers()[&made[1]].clone(), ..IssueLine::default() };
    let body = serde_json::to_value(&line).unwrap();
    assert_eq!(body["no"], json!("2-abcdef1"));
    assert_eq!(serde_json::from_value::<IssueLine>(body).unwrap(), line);
    let plain = serde_json::to_value(IssueLine { no: Number::plain(6), ..IssueLine::default() }).unwrap();
    assert_eq!(plain["no"], json!(6), "a plain number stays a number in a report's body, as before");
    assert!(Number::plain(2) < Number { n: 2, tie: Some("0000".into()) });
    assert!(Number { n: 2, tie: Some("ffff".into()) } < Number::plain(3));
}
