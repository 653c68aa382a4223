//! The `mieruka` binary end to end: real files in a temporary directory, exit codes and messages.

mod common;

use std::path::Path;

use common::*;
use mieruka_core::id::{Id, Stamp};
use mieruka_core::interop::text::{encode, OutEncoding};
use mieruka_core::sample::sample_project;
use mieruka_core::TaskField;
use serde_json::{json, Value};

// ---------------------------------------------------------------- help and usage

#[test]
fn help_lists_commands_and_exit_codes() {
    let r = mieruka(&["--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for word in ["import", "merge", "validate", "export", "stats", "Exit codes", "conflicts"] {
        assert!(r.stdout.contains(word), "help lacks {word}: {}", r.stdout);
    }
    let r = mieruka(&["merge", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--prefer") && r.stdout.contains("Exit codes"), "{}", r.stdout);
}

#[test]
fn usage_errors_exit_1_not_2() {
    // 2 means "merged with conflicts": a usage error must not look like one.
    let r = mieruka(&["merge", "only-one.json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = mieruka(&["frobnicate"]);
    assert_eq!(r.code, 1);
    let r = mieruka(&["export", "x.json"]);
    assert_eq!(r.code, 1, "--csv or --mspdi is required: {}", r.stderr);
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_good_and_broken_files() {
    let d = dir("validate");
    let good = d.join("good.json");
    let p = sample();
    write_projects(&good, &[&p]);
    let r = mieruka(&["validate", s(&good)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("OK "), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("{} tasks", p.tasks.len())), "{}", r.stdout);
    assert!(r.stdout.contains(&p.id.to_string()), "{}", r.stdout);

    // A bad date in the 13th task: the error names the place.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&good).unwrap()).unwrap();
    v["projects"][0]["tasks"][12]["due"] = json!("next Tuesday");
    let broken = d.join("broken.json");
    std::fs::write(&broken, v.to_string()).unwrap();
    let r = mieruka(&["validate", s(&broken)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("projects[0].tasks[12].due: not a date"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "one line: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);

    // Not JSON, not a Mieruka file, missing, a directory.
    let junk = d.join("junk.json");
    std::fs::write(&junk, "{ \"format\": ").unwrap();
    let r = mieruka(&["validate", s(&junk)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not valid JSON (line 1"), "{}", r.stderr);
    let other = d.join("other.json");
    std::fs::write(&other, r#"{"hello": 1}"#).unwrap();
    let r = mieruka(&["validate", s(&other)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not a Mieruka file"), "{}", r.stderr);
    let r = mieruka(&["validate", s(&d.join("missing.json"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no such file"), "{}", r.stderr);
    let r = mieruka(&["validate", s(&d)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("directory"), "{}", r.stderr);
}

// ---------------------------------------------------------------- export

#[test]
fn export_csv_of_the_sample() {
    let d = dir("export");
    let file = d.join("sample.json");
    let p = sample();
    write_projects(&file, &[&p]);

    let out = d.join("tasks.csv");
    let r = mieruka(&["export", "--csv", "tasks", s(&file), "-o", s(&out), "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM by default");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let first = p.tasks.values().next().unwrap();
    assert!(text.contains(&first.title), "the tasks are in the CSV");
    assert!(text.lines().count() > p.tasks.len(), "a header and one line per task");

    // Issues and risks, in Japanese, to standard output.
    for table in ["issues", "risks"] {
        let r = mieruka(&["export", "--csv", table, s(&file), "--lang", "ja"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.lines().count() >= 2, "{table}: {}", r.stdout);
    }

    // Shift_JIS: the Japanese sample's headers and titles survive the round trip through CP932.
    let pj = sample_project(true, today(), 7);
    let fj = d.join("sample-ja.json");
    write_projects(&fj, &[&pj]);
    let sj = d.join("tasks-sjis.csv");
    let r = mieruka(&["export", "--csv", "tasks", s(&fj), "-o", s(&sj), "--lang", "ja", "--encoding", "sjis"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&sj).unwrap();
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(String::from_utf8(bytes.clone()).is_err(), "Shift_JIS, not UTF-8");
    // …and the CSV reads back with `validate --from csv`.
    let r = mieruka(&["validate", "--from", "csv", s(&sj)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("OK "), "{}", r.stdout);

    // Two projects: --project chooses, without it the error lists them.
    let both = d.join("both.json");
    let mut q = sample_project(false, today(), 8);
    q.info.name = "Second".into();
    q.info.code = "SEC".into();
    write_projects(&both, &[&p, &q]);
    let r = mieruka(&["export", "--csv", "tasks", s(&both)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--project") && r.stderr.contains("SEC"), "{}", r.stderr);
    let r = mieruka(&["export", "--csv", "tasks", s(&both), "--project", "sec", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = mieruka(&["export", "--csv", "tasks", s(&both), "--project", "nope"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no project \"nope\""), "{}", r.stderr);
}

#[test]
fn export_mspdi_reads_back() {
    let d = dir("mspdi");
    let file = d.join("sample.json");
    let p = sample();
    write_projects(&file, &[&p]);
    let xml = d.join("sample.xml");
    let r = mieruka(&["export", "--mspdi", s(&file), "-o", s(&xml)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.contains("<Project") && text.contains("<Tasks>"), "{}", &text[..text.len().min(300)]);
    // The XML imports again (detected from the extension) into a valid file with every task.
    let back = d.join("back.json");
    let r = mieruka(&["import", s(&xml), "-o", s(&back), "--name", "Round trip"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let projects = read_projects(&back);
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].info.name, "Round trip");
    assert_eq!(projects[0].tasks.len(), p.tasks.len());
}

// ---------------------------------------------------------------- merge

#[test]
fn merge_identical_copies_exits_0() {
    let d = dir("merge-same");
    let a = d.join("a.json");
    let b = d.join("b.json");
    let p = sample();
    write_projects(&a, &[&p]);
    write_projects(&b, &[&p]);
    let out = d.join("out.json");
    let r = mieruka(&["merge", s(&a), s(&b), "-o", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("without conflicts"), "{}", r.stderr);
    let merged = read_projects(&out);
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].tasks, p.tasks);
    assert_eq!(merged[0].changes.len(), p.changes.len());
}

#[test]
fn merge_diverged_copies_reports_the_conflict_and_exits_2() {
    let d = dir("merge-conflict");
    let base = sample();
    let mut pa = base.clone();
    let mut pb = base.clone();
    let task = set_first_task(&mut pa, TaskField::Title, json!("Title from A"), "alice", "2025-06-13T01:00:00Z", 1001);
    set_first_task(&mut pb, TaskField::Title, json!("Title from B"), "bob", "2025-06-13T02:00:00Z", 2001);
    // B also adds a risk: an addition without a conflict.
    let extra = base.risks.values().next().cloned().unwrap_or_default();
    let rid = Id::from_u128(0xABCDEF);
    let mut new_risk = extra;
    new_risk.title = "Vendor delay".into();
    let pid = pb.id;
    mieruka_core::apply_to_project(
        &mut pb,
        mieruka_core::Command::AddRisk { project: pid, id: rid, risk: new_risk },
        &Stamp::new(at("2025-06-13T02:30:00Z"), "bob", Id::from_u128(2002)),
    )
    .unwrap();
    // A project only in A is kept.
    let mut only_a = sample_project(false, today(), 9);
    only_a.info.name = "Only in A".into();
    let a = d.join("a.json");
    let b = d.join("b.json");
    write_projects(&a, &[&pa, &only_a]);
    write_projects(&b, &[&pb]);

    // Latest change wins: B's title (02:00 after 01:00).
    let out = d.join("out.json");
    let r = mieruka(&["merge", s(&a), s(&b), "-o", s(&out)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("conflict: task"), "{}", r.stderr);
    assert!(r.stderr.contains("title"), "{}", r.stderr);
    assert!(r.stderr.contains("\"Title from A\"") && r.stderr.contains("\"Title from B\""), "{}", r.stderr);
    assert!(r.stderr.contains("→ B (latest change wins)"), "{}", r.stderr);
    assert!(r.stderr.contains("risk: 1 added"), "{}", r.stderr);
    assert!(r.stderr.contains("only in A"), "{}", r.stderr);
    let merged = read_projects(&out);
    assert_eq!(merged.len(), 2);
    let m = merged.iter().find(|p| p.id == base.id).unwrap();
    assert_eq!(m.tasks[&task].title, "Title from B");
    assert!(m.risks.contains_key(&rid));
    assert!(merged.iter().any(|p| p.info.name == "Only in A"));

    // --prefer a: still exit 2 (there was a conflict), but A's value is kept.
    let out_a = d.join("out-a.json");
    let r = mieruka(&["merge", s(&a), s(&b), "-o", s(&out_a), "--prefer", "a"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("→ A (--prefer)"), "{}", r.stderr);
    let merged = read_projects(&out_a);
    let m = merged.iter().find(|p| p.id == base.id).unwrap();
    assert_eq!(m.tasks[&task].title, "Title from A");

    // Merging the result with B again brings nothing new and no conflict.
    let again = d.join("again.json");
    let r = mieruka(&["merge", s(&out), s(&b), "-o", s(&again)]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A broken input: exit 1, nothing written.
    let broken = d.join("broken.json");
    std::fs::write(&broken, "[]").unwrap();
    let none = d.join("none.json");
    let r = mieruka(&["merge", s(&a), s(&broken), "-o", s(&none)]);
    assert_eq!(r.code, 1);
    assert!(!none.exists());
}

// ---------------------------------------------------------------- import

const JIRA_CSV: &str = "\
Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Created,Updated,Resolved,Due date,Original Estimate,Time Spent,Parent id,Sprint,Sprint
Payment epic,PAY-1,10001,Epic,In Progress,High,Aiko Sato,01/Jun/25 9:00 AM,10/Jun/25 5:00 PM,,30/Jun/25,,,,,
Card form,PAY-2,10002,Story,Done,Medium,Ken Ito,02/Jun/25 10:00 AM,09/Jun/25 3:00 PM,09/Jun/25 3:00 PM,12/Jun/25,28800,25200,10001,Sprint 1,
\"Refund, partial\",PAY-3,10003,Story,To Do,Low,,03/Jun/25 11:00 AM,03/Jun/25 11:00 AM,,not a date,14400,,10001,Sprint 1,Sprint 2
Checkout crashes,PAY-4,10004,Bug,In Progress,Highest,Ken Ito,05/Jun/25 1:00 PM,11/Jun/25 1:00 PM,,20/Jun/25,,,,,
";

#[test]
fn import_a_jira_csv_then_validate_and_reimport() {
    let d = dir("jira");
    let csv = d.join("jira.csv");
    std::fs::write(&csv, JIRA_CSV).unwrap();
    let out = d.join("jira.json");
    let r = mieruka(&["import", "--from", "jira", s(&csv), "-o", s(&out), "--tz", "+09:00", "--name", "Payments"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Jira's bugs go to the issue log by default (a mapping can make them tasks, below).
    assert!(r.stderr.contains("tasks: 3 new; issues: 1 new; members: 2 new"), "{}", r.stderr);
    assert!(r.stderr.contains("line 4:") && r.stderr.contains("not a date"), "{}", r.stderr);

    let r = mieruka(&["validate", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let projects = read_projects(&out);
    let p = &projects[0];
    assert_eq!(p.info.name, "Payments");
    assert_eq!(p.tasks.len(), 3);
    assert_eq!(p.issues.len(), 1);
    let epic = p.tasks.iter().find(|(_, t)| t.title == "Payment epic").map(|(id, _)| *id).unwrap();
    let card = p.tasks.values().find(|t| t.title == "Card form").unwrap();
    assert_eq!(card.parent, Some(epic));
    assert_eq!(card.estimate_hours, 8.0);
    assert!(p.changes.iter().all(|c| c.actor == "tester"), "the actor defaults to $USER");

    // Detected without --from, and re-imported into the same file: nothing new.
    let again = d.join("again.json");
    let r = mieruka(&["import", s(&csv), "--into", s(&out), "-o", s(&again)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Jira export (detected)"), "{}", r.stderr);
    assert!(r.stderr.contains("tasks: 0 new"), "{}", r.stderr);
    let projects = read_projects(&again);
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].id, p.id);
    assert_eq!(projects[0].tasks.len(), 3);
    assert_eq!(projects[0].changes.len(), p.changes.len(), "a re-import of the same file changes nothing");

    // A mapping file: a column dropped, a status word and bugs back to the WBS.
    let map = d.join("map.json");
    std::fs::write(
        &map,
        r#"{"columns": {"Due date": "ignore"}, "values": {"status": {"To Do": "blocked"}, "kind": {"Bug": "task"}}}"#,
    )
    .unwrap();
    let mapped = d.join("mapped.json");
    let r = mieruka(&["import", s(&csv), "--map", s(&map), "-o", s(&mapped)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("not a date"), "the due column is ignored: {}", r.stderr);
    assert!(r.stderr.contains("tasks: 4 new; issues: 0 new"), "{}", r.stderr);
    let p = &read_projects(&mapped)[0];
    assert!(p.tasks.values().any(|t| t.title == "Checkout crashes"));
    assert_eq!(
        p.tasks.values().find(|t| t.title == "Refund, partial").unwrap().status,
        mieruka_core::TaskStatus::Blocked
    );
    assert!(p.tasks.values().all(|t| t.due.is_none()));

    // A bad mapping: located, exit 1.
    std::fs::write(&map, r#"{"columns": ["key", "titel"]}"#).unwrap();
    let r = mieruka(&["import", s(&csv), "--map", s(&map), "-o", s(&d.join("x.json"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("columns[1]") && r.stderr.contains("titel"), "{}", r.stderr);
    assert!(!d.join("x.json").exists());
}

const BACKLOG_CSV: &str = "\
キー,種別,件名,詳細,状態,優先度,担当者,開始日,期限日,予定時間,実績時間,登録日,親課題キー
SYS-1,タスク,要件定義,髙橋さん確認済み①,完了,高,髙橋 一郎,2025/05/01,2025/05/16,40,42,2025/04/28 10:00:00,
SYS-2,タスク,基本設計,,処理中,中,山﨑 花子,2025/05/19,2025/06/13,60,30,2025/04/28 10:05:00,
SYS-3,タスク,画面設計,,未対応,中,山﨑 花子,2025/05/19,2025/06/06,24,,2025/04/28 10:06:00,SYS-2
SYS-4,バグ,ログイン不可,,処理済み,高,,,2025/06/10,,,2025/06/02 09:00:00,
";

#[test]
fn import_a_backlog_shift_jis_csv_then_validate() {
    let d = dir("backlog");
    let (bytes, lost) = encode(BACKLOG_CSV, OutEncoding::ShiftJis);
    assert_eq!(lost, 0, "髙, 﨑 and ① are in CP932");
    let csv = d.join("backlog.csv");
    std::fs::write(&csv, &bytes).unwrap();
    let out = d.join("backlog.json");
    let r = mieruka(&["import", s(&csv), "-o", s(&out), "--tz", "+09:00", "--actor", "pmo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Backlog export (detected), Shift_JIS"), "{}", r.stderr);
    let r = mieruka(&["validate", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let projects = read_projects(&out);
    let p = &projects[0];
    assert_eq!(p.info.name, "backlog", "the name defaults to the file name");
    assert!(p.tasks.values().any(|t| t.title == "要件定義" && t.description.contains("髙橋さん確認済み①")));
    let design = p.tasks.iter().find(|(_, t)| t.title == "基本設計").map(|(id, _)| *id).unwrap();
    assert_eq!(p.tasks.values().find(|t| t.title == "画面設計").unwrap().parent, Some(design));
    assert!(p.members.values().any(|m| m.name == "山﨑 花子"));
    assert!(p.changes.iter().all(|c| c.actor == "pmo"));
    // `validate --from` reads the CSV itself.
    let r = mieruka(&["validate", "--from", "backlog", s(&csv)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("4 items readable"), "{}", r.stdout);
}

#[test]
fn import_errors_are_one_line() {
    let d = dir("import-errors");
    let empty = d.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let r = mieruka(&["import", s(&empty), "-o", s(&d.join("o.json"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("empty"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    let bin = d.join("bin.csv");
    std::fs::write(&bin, [0u8, 1, 2, 0, 0, 255, 0]).unwrap();
    let r = mieruka(&["import", s(&bin)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not text"), "{}", r.stderr);
    let csv = d.join("t.csv");
    std::fs::write(&csv, "a,b\n1,2\n").unwrap();
    let r = mieruka(&["import", s(&csv), "-o", s(&d.join("o.json"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no column is mapped to the title") && r.stderr.contains("--map"), "{}", r.stderr);
    assert!(!d.join("o.json").exists());
    let r = mieruka(&["import", s(&csv), "--tz", "JST"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--tz"), "{}", r.stderr);
    let r = mieruka(&["import", s(&csv), "--into", s(&d.join("missing.json"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no such file"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let r = mieruka(&["import", s(&csv), "--tz", "-05:00", "--into", s(&d.join("missing.json"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no such file"), "a negative offset is a value, not a flag: {}", r.stderr);
}

// ---------------------------------------------------------------- stats

#[test]
fn stats_of_the_sample() {
    let d = dir("stats");
    let file = d.join("sample.json");
    let p = sample();
    write_projects(&file, &[&p]);

    let r = mieruka(&["stats", s(&file), "--as-of", TODAY, "--tz", "+09:00", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let st = &v["projects"][0];
    assert_eq!(v["as_of"], TODAY);
    assert_eq!(st["id"], p.id.to_string());
    assert_eq!(st["tasks"]["total"], p.tasks.len());
    let done = p.tasks.values().filter(|t| t.status == mieruka_core::TaskStatus::Done).count();
    assert_eq!(st["tasks"]["done"], done);
    let progress = mieruka_core::rollup::project_progress(&p);
    assert!((st["progress_percent"].as_f64().unwrap() - progress).abs() < 0.051, "{st}");
    assert!(st["spi"].as_f64().is_some_and(|x| x > 0.0 && x < 2.0), "{st}");
    assert!(st["cpi"].as_f64().is_some_and(|x| x > 0.0 && x < 2.0), "{st}");
    assert!(["green", "amber", "red"].contains(&st["rag"]["overall"].as_str().unwrap()), "{st}");
    let open_issues = p.issues.values().filter(|i| i.status.is_open()).count();
    assert_eq!(st["open_issues"]["total"], open_issues);

    // The human table names the project and the figures.
    let r = mieruka(&["stats", s(&file), "--as-of", TODAY, "--tz", "+09:00"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("PROJECT") && r.stdout.contains("SPI"), "{}", r.stdout);
    assert!(r.stdout.contains(p.info.label()), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("{done}/{}", p.tasks.len())), "{}", r.stdout);

    // A past status date is computed from the history: fewer tasks done a month earlier.
    let r = mieruka(&["stats", s(&file), "--as-of", "2025-05-09", "--tz", "+09:00", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let past: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(past["projects"][0]["tasks"]["done"].as_u64().unwrap() < done as u64, "{past}");

    let r = mieruka(&["stats", s(&file), "--as-of", "13/06/2025"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--as-of"), "{}", r.stderr);
}

/// Every import fixture of the core (real exports of each tool): detected, imported, valid, and a
/// re-import into the result adds nothing.
#[test]
fn import_every_core_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/import");
    let d = dir("fixtures");
    let mut seen = 0;
    let mut tools: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    tools.sort();
    for tool in tools {
        let expected = match tool.file_name().and_then(|n| n.to_str()) {
            Some("jira") => "Jira export",
            Some("backlog") => "Backlog export",
            Some("redmine") => "Redmine export",
            Some("generic") => "generic CSV",
            _ => continue,
        };
        let mut files: Vec<_> = std::fs::read_dir(&tool).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "csv")) {
            seen += 1;
            let name = f.file_stem().unwrap().to_str().unwrap();
            let out = d.join(format!("{name}.json"));
            let r = mieruka(&["import", s(&f), "-o", s(&out), "--tz", "+09:00"]);
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
            assert!(r.stderr.contains(&format!("{expected} (detected)")), "{name}: {}", r.stderr);
            assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
            let lines: Vec<usize> =
                r.stderr.lines().filter_map(|l| l.split(": line ").nth(1)?.split(':').next()?.parse().ok()).collect();
            assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{name}: warnings in line order: {}", r.stderr);
            let r = mieruka(&["validate", s(&out)]);
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
            let first = read_projects(&out);
            assert!(!first[0].tasks.is_empty() || !first[0].issues.is_empty(), "{name}");
            let again = d.join(format!("{name}-again.json"));
            let r = mieruka(&["import", s(&f), "--into", s(&out), "-o", s(&again), "--tz", "+09:00"]);
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
            assert!(r.stderr.contains("tasks: 0 new") && r.stderr.contains("issues: 0 new"), "{name}: {}", r.stderr);
            let second = read_projects(&again);
            assert_eq!(second[0].tasks, first[0].tasks, "{name}");
            assert_eq!(second[0].issues, first[0].issues, "{name}");
        }
    }
    assert!(seen >= 8, "the core's fixtures are found ({seen})");
}
