//! Every tool's export, end to end: bytes → decode → CSV → detect → suggest → extract → plan →
//! apply (new project) → apply again (the same project) with an edited copy of the file.
//!
//! The fixtures under `tests/fixtures/import/` are written the way the tools write them
//! (Shift_JIS with 髙/﨑/①, UTF-8 with BOM, `;` and decimal commas, quoted newlines, repeated
//! headers, Jira's `14/Jul/25 3:42 PM`, Excel's `6/21/2025 16:14`, `2025/04/01`), and each carries
//! a few deliberately broken rows whose warnings are checked by line.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use mieruka_core::interop::build::{self, Destination, ImportOptions, Plan};
use mieruka_core::interop::csv::{self, Table};
use mieruka_core::interop::extract::{self, Extracted};
use mieruka_core::interop::text::{self, OutEncoding, TextEncoding};
use mieruka_core::interop::{profile, Source, Target, Warning, WarningKind};
use mieruka_core::model::{Issue, Project, Task};
use mieruka_core::rollup::wbs_rows;
use mieruka_core::{Id, IssueStatus, Priority, Stamp, TaskStatus};

use common::instant;

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/import/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

struct Imported {
    source: Source,
    table: Table,
    extracted: Extracted,
    plan: Plan,
    project: Project,
}

fn opts(source: Source) -> ImportOptions {
    ImportOptions { source, values: profile::default_values(source), tz_offset_min: 540, file: "test.csv".into() }
}

fn stamp(n: u128) -> Stamp {
    Stamp::new(instant("2025-07-20T09:00:00Z"), "importer", Id::from_u128(0xABCD_0000 + n * 0x1000))
}

/// The whole pipeline on a file's text, into a new project or into `existing`.
fn run(text: &str, existing: Option<&Project>) -> Imported {
    let table = csv::read(text).expect("the fixture reads as CSV");
    let source = profile::detect(&table.headers);
    let map = profile::suggest(source, &table.headers);
    assert_eq!(map.columns.len(), table.headers.len());
    let extracted = extract::rows(&table, &map).expect("a title column is mapped");
    let o = opts(source);
    let plan = build::plan(existing, &extracted.rows, &o);
    let dest = match existing {
        Some(p) => Destination::Existing(p),
        None => Destination::New { id: Id::from_u128(42), name: "取込".into() },
    };
    let project =
        build::apply(dest, &extracted.rows, &o, &stamp(u128::from(existing.is_some()))).expect("the import applies");
    Imported { source, table, extracted, plan, project }
}

fn decode(bytes: &[u8], enc: TextEncoding) -> String {
    let d = text::decode(bytes).expect("decodes");
    assert_eq!(d.encoding, enc);
    assert!(!d.had_errors);
    assert!(!d.text.starts_with('\u{feff}'), "the BOM is removed");
    d.text
}

/// The WBS as `number title` lines in tree order.
fn tree(p: &Project) -> Vec<String> {
    wbs_rows(p).into_iter().map(|r| format!("{} {}", r.number, p.tasks[&r.id].title)).collect()
}

fn by_title<'a>(p: &'a Project, title: &str) -> (Id, &'a Task) {
    let found: Vec<(&Id, &Task)> = p.tasks.iter().filter(|(_, t)| t.title == title).collect();
    assert_eq!(found.len(), 1, "exactly one task titled {title:?}");
    (*found[0].0, found[0].1)
}

/// A bug lands in the issue log by default (issue 13 item 5), linked to the task it was filed under.
fn issue_by_title<'a>(p: &'a Project, title: &str) -> (Id, &'a Issue) {
    let found: Vec<(&Id, &Issue)> = p.issues.iter().filter(|(_, i)| i.title == title).collect();
    assert_eq!(found.len(), 1, "exactly one issue titled {title:?}");
    assert!(!p.tasks.values().any(|t| t.title == title), "{title:?} is not a WBS task");
    (*found[0].0, found[0].1)
}

fn assignee<'a>(p: &'a Project, t: &Task) -> &'a str {
    p.member_name(t.assignee)
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Every warning of extraction and planning.
fn warnings(i: &Imported) -> Vec<Warning> {
    let mut w = i.extracted.warnings.clone();
    w.extend(i.plan.warnings.iter().cloned());
    w
}

fn has_warning(i: &Imported, line: usize, pred: impl Fn(&WarningKind) -> bool) -> bool {
    warnings(i).iter().any(|w| w.line == line && pred(&w.kind))
}

/// What holds for every import: the tree is whole and acyclic, source keys are unique, the
/// preview agrees with the result, and the file's history is in the log.
fn sane(i: &Imported) {
    let p = &i.project;
    assert_eq!(wbs_rows(p).len(), p.tasks.len(), "every task is reachable from the top (no cycle, no dangling parent)");
    let keys: Vec<&str> = p
        .tasks
        .values()
        .map(|t| t.source_key.as_str())
        .chain(p.issues.values().map(|x| x.source_key.as_str()))
        .collect();
    let unique: BTreeSet<&str> = keys.iter().copied().collect();
    assert_eq!(unique.len(), keys.len(), "source keys are unique");
    assert!(keys.iter().all(|k| !k.is_empty()), "every imported item remembers its source key");
    assert!(keys.iter().all(|k| k.starts_with(&format!("{}:", i.source.as_str()))), "{keys:?}");
    assert_eq!(i.plan.counts.tasks_new + i.plan.counts.tasks_updated + i.plan.counts.tasks_unchanged, p.tasks.len());
    assert!(!p.changes.is_empty(), "the import is recorded in the change log");
    assert!(p.tasks.values().all(|t| t.assignee.is_none_or(|a| p.members.contains_key(&a))));
    assert!(p.tasks.values().all(|t| t.depends_on.iter().all(|d| p.tasks.contains_key(d))));
}

/// Imports `edited` into `first` (one row's status changed, one row added) and checks the result
/// updates in place: same project, same ids, no duplicates, the new row under its parent.
fn reimport(first: &Imported, edited: &str, changed: (&str, TaskStatus), added: (&str, &str)) -> Imported {
    let p1 = &first.project;
    let again = run(edited, Some(p1));
    assert_eq!(again.source, first.source);
    let c = again.plan.counts;
    assert_eq!((c.tasks_new, c.tasks_updated), (1, 1), "{c:?}");
    assert_eq!(c.tasks_unchanged, p1.tasks.len() - 1, "{c:?}");
    assert_eq!(c.members_new, 0);
    let p2 = &again.project;
    sane(&again);
    assert_eq!(p2.id, p1.id);
    assert_eq!(p2.tasks.len(), p1.tasks.len() + 1);
    for (id, t) in &p1.tasks {
        let t2 = p2.tasks.get(id).unwrap_or_else(|| panic!("task {:?} kept its id", t.title));
        assert_eq!(t2.parent, t.parent, "{}", t.title);
        if t.title != changed.0 {
            assert_eq!(t2, t, "an unchanged row leaves its task as it was");
        }
    }
    let (cid, ct) = by_title(p2, changed.0);
    assert_eq!(ct.status, changed.1);
    assert!(p1.tasks.contains_key(&cid));
    let (nid, nt) = by_title(p2, added.0);
    assert!(!p1.tasks.contains_key(&nid));
    assert_eq!(nt.parent, Some(by_title(p2, added.1).0));
    assert!(p2.changes.len() > p1.changes.len());
    assert!(p2.changes.starts_with(&p1.changes), "the log is append-only");
    // A third import of the same file changes nothing.
    let third = run(edited, Some(p2));
    assert_eq!(third.plan.counts.tasks_unchanged, p2.tasks.len());
    assert_eq!(third.plan.counts.tasks_new + third.plan.counts.tasks_updated, 0);
    again
}

/// `text` with `from` replaced (exactly once) by `to`, and `row` appended.
fn edit(text: &str, from: &str, to: &str, row: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
    let mut t = text.replacen(from, to, 1);
    if !t.ends_with('\n') {
        t.push_str("\r\n");
    }
    t.push_str(row);
    t.push_str("\r\n");
    t
}

// ------------------------------------------------------------------------------------ Jira

#[test]
fn jira_cloud_all_fields() {
    let text = decode(&fixture("jira/cloud_all_fields.csv"), TextEncoding::Utf8);
    let i = run(&text, None);
    assert_eq!(i.source, Source::Jira);
    assert_eq!(i.table.headers.iter().filter(|h| *h == "Labels").count(), 2);
    let map = profile::suggest(Source::Jira, &i.table.headers);
    let col = |name: &str| i.table.headers.iter().position(|h| h == name).map(|n| map.columns[n]);
    assert_eq!(col("Issue key"), Some(Target::Key));
    assert_eq!(col("Parent key"), Some(Target::ParentKey));
    assert_eq!(i.extracted.rows.len(), 12);
    assert_eq!(i.plan.counts.tasks_new, 11);
    assert_eq!(i.plan.counts.issues_new, 1, "the Bug");
    assert_eq!(i.plan.counts.members_new, 4, "鈴木, 田中, 佐藤, 山本");
    assert!(
        has_warning(&i, 15, |k| matches!(k, WarningKind::UnknownParent { key } if key == "ORD-99")),
        "{:?}",
        warnings(&i)
    );
    assert!(
        has_warning(&i, 16, |k| matches!(k, WarningKind::BadDate { value, .. } if value == "31/Feb/25 12:00 AM")),
        "{:?}",
        warnings(&i)
    );
    assert_eq!(warnings(&i).len(), 2, "{:?}", warnings(&i));
    sane(&i);

    let p = &i.project;
    assert_eq!(
        tree(p),
        [
            "1 受注管理機能の刷新",
            "1.1 受注入力画面",
            "1.1.1 画面設計",
            "1.1.2 受注API実装",
            "1.2 受注一覧・検索",
            "1.2.1 検索条件の設計",
            "1.3 =HYPERLINK(\"http://example.com\")",
            "2 在庫連携",
            "2.1 在庫引当バッチ",
            "3 移行リハーサル",
            "4 帳票出力",
        ]
    );
    let (screen_id, screen) = by_title(p, "画面設計");
    assert_eq!(screen.status, TaskStatus::Done);
    assert!(close(screen.estimate_hours, 8.0) && close(screen.actual_hours, 10.0));
    assert_eq!(screen.remaining_hours, Some(0.0));
    assert_eq!(screen.due, date(2025, 7, 11));
    assert_eq!(screen.start, date(2025, 7, 7));
    let (_, api) = by_title(p, "受注API実装");
    assert_eq!(api.status, TaskStatus::InProgress);
    assert!(close(api.estimate_hours, 16.0) && close(api.actual_hours, 6.0));
    assert_eq!(api.remaining_hours, Some(10.0));
    assert_eq!(assignee(p, api), "佐藤 健");
    assert_eq!(api.depends_on, [screen_id], "Inward issue link (Blocks) is a predecessor");
    assert!(api.description.contains("REST API (POST /orders)"));
    assert!(
        api.description.contains("単価の丸めは四捨五入") && api.description.contains("了解です"),
        "{}",
        api.description
    );
    let (_, story) = by_title(p, "受注入力画面");
    assert_eq!(story.story_points, Some(5.0));
    assert!(story.description.contains("・明細は最大99行"));
    assert!(story.description.contains("明細行の上限は \"99行\" で合意済み"), "{}", story.description);
    for tag in ["受注", "画面", "ORD スプリント 1", "ORD スプリント 2"] {
        assert!(story.tags.iter().any(|t| t == tag), "{tag} in {:?}", story.tags);
    }
    let (_, review) = by_title(p, "在庫引当バッチ");
    assert_eq!(review.status, TaskStatus::InProgress, "In Review");
    assert!(review.description.contains("\"在庫不足\""));
    let (_, bug) = issue_by_title(p, "在庫数がマイナスになる");
    assert_eq!(bug.priority, Priority::Critical, "Highest");
    assert_eq!(bug.linked_tasks, [by_title(p, "在庫連携").0], "linked to the task it was filed under");
    assert_eq!(by_title(p, "受注一覧・検索").1.status, TaskStatus::NotStarted);
    let (_, blocked) = by_title(p, "=HYPERLINK(\"http://example.com\")");
    assert_eq!(blocked.status, TaskStatus::Blocked);
    assert_eq!(blocked.priority, Priority::Low, "Lowest");
    assert_eq!(blocked.due, None, "31/Feb is not a date");
    assert_eq!(by_title(p, "移行リハーサル").1.status, TaskStatus::Done);

    let edited = edit(
        &text,
        "受注一覧・検索,ORD-5,10005,Story,To Do,",
        "受注一覧・検索,ORD-5,10005,Story,In Progress,",
        "検索結果のCSV出力,ORD-13,10013,Sub-task,To Do,ORD,受注システム刷新,Low,,佐藤 健,鈴木 一郎,20/Jul/25 10:00 AM,20/Jul/25 10:00 AM,,,,,,,,,7200,7200,,,,,10005,ORD-5,受注一覧・検索,,,,,,,,",
    );
    let again =
        reimport(&i, &edited, ("受注一覧・検索", TaskStatus::InProgress), ("検索結果のCSV出力", "受注一覧・検索"));
    assert!(close(by_title(&again.project, "検索結果のCSV出力").1.estimate_hours, 2.0));
}

#[test]
fn jira_server_current_fields_with_parent_ids() {
    let text = decode(&fixture("jira/server_current_fields.csv"), TextEncoding::Utf8);
    let i = run(&text, None);
    assert_eq!(i.source, Source::Jira);
    let map = profile::suggest(Source::Jira, &i.table.headers);
    let col = |name: &str| i.table.headers.iter().position(|h| h == name).map(|n| map.columns[n]);
    // Only parent ids in the file: the key is the issue id so that parents resolve.
    assert_eq!(col("Issue id"), Some(Target::Key));
    assert_eq!(col("Parent id"), Some(Target::ParentKey));
    assert_eq!(col("Issue key"), Some(Target::Ignore));
    assert_eq!(col("Σ Time Spent"), Some(Target::Ignore));
    assert_eq!(col("Custom field (Epic Link)"), Some(Target::Label));
    assert_eq!(i.plan.counts.tasks_new, 9);
    assert!(
        has_warning(&i, 10, |k| matches!(k, WarningKind::BadNumber { value, .. } if value == "2h")),
        "{:?}",
        warnings(&i)
    );
    assert_eq!(warnings(&i).len(), 1, "{:?}", warnings(&i));
    sane(&i);
    let p = &i.project;
    assert_eq!(
        tree(p),
        [
            "1 基盤構築",
            "2 ネットワーク設計",
            "2.1 VPC設計",
            "2.2 セキュリティグループ設計",
            "3 サーバー構築",
            "3.1 AP サーバー構築",
            "3.2 DB サーバー構築",
            "3.3 監視設定",
            "3.4 バックアップ設定",
        ]
    );
    let (_, net) = by_title(p, "ネットワーク設計");
    assert!(net.tags.iter().any(|t| t == "INF-1"), "the epic link is kept as a tag: {:?}", net.tags);
    assert_eq!(net.story_points, Some(5.0));
    assert_eq!(net.due, date(2025, 4, 11));
    let (_, sg) = by_title(p, "セキュリティグループ設計");
    assert!(close(sg.estimate_hours, 4.0) && close(sg.actual_hours, 5.0));
    assert_eq!(sg.status, TaskStatus::Done);
    let (_, ap) = by_title(p, "AP サーバー構築");
    assert!(close(ap.estimate_hours, 16.0) && close(ap.actual_hours, 8.0));
    assert_eq!(ap.remaining_hours, Some(8.0));
    assert_eq!(assignee(p, ap), "中村 彩");
    assert_eq!(by_title(p, "監視設定").1.status, TaskStatus::NotStarted, "Selected for Development");
    let (_, backup) = by_title(p, "バックアップ設定");
    assert_eq!(backup.status, TaskStatus::NotStarted, "Backlog");
    assert!(close(backup.estimate_hours, 0.0), "'2h' is not a number of seconds");

    let edited = edit(
        &text,
        "20007,20005,DB サーバー構築,小林 翔,高橋 誠,High,To Do,",
        "20007,20005,DB サーバー構築,小林 翔,高橋 誠,High,In Progress,",
        "Sub-task,INF-10,20010,20002,DNS設計,中村 彩,高橋 誠,Medium,To Do,,2025-04-21 09:00,2025-04-21 09:00,,7200,7200,,,,,,,",
    );
    reimport(&i, &edited, ("DB サーバー構築", TaskStatus::InProgress), ("DNS設計", "ネットワーク設計"));
}

#[test]
fn jira_work_item_new_names_and_us_dates() {
    let text = decode(&fixture("jira/work_item_new_names.csv"), TextEncoding::Utf8);
    let i = run(&text, None);
    assert_eq!(i.source, Source::Jira);
    assert_eq!(i.plan.counts.tasks_new, 7);
    assert!(warnings(&i).is_empty(), "{:?}", warnings(&i));
    sane(&i);
    let p = &i.project;
    assert_eq!(
        tree(p),
        [
            "1 会員機能",
            "1.1 会員登録",
            "1.1.1 メール認証",
            "1.2 ログイン",
            "1.2.1 パスワード再設定",
            "1.3 退会処理",
            "2 リリース判定"
        ]
    );
    let (_, signup) = by_title(p, "会員登録");
    assert_eq!(signup.story_points, Some(5.0), "Story point estimate");
    assert_eq!(signup.due, date(2025, 6, 20));
    assert_eq!(signup.status, TaskStatus::Done);
    let (_, mail) = by_title(p, "メール認証");
    assert!(close(mail.estimate_hours, 3.0) && close(mail.actual_hours, 3.5));
    assert_eq!(assignee(p, mail), "渡辺 葵");
    let (_, login) = by_title(p, "ログイン");
    assert!(
        login.tags.iter().any(|t| t == "認証") && login.tags.iter().any(|t| t == "MEM Sprint 4"),
        "{:?}",
        login.tags
    );
    assert_eq!(login.due, date(2025, 7, 4));
    let (_, gate) = by_title(p, "リリース判定");
    assert!(gate.milestone, "the Milestone work type marks a milestone");
    assert_eq!(by_title(p, "退会処理").1.status, TaskStatus::NotStarted);

    let edited = edit(
        &text,
        "退会処理,MEM-6,30006,Story,Backlog,",
        "退会処理,MEM-6,30006,Story,Done,",
        "二段階認証,MEM-8,30008,Subtask,To Do,High,渡辺 葵,6/22/2025 10:00,6/22/2025 10:00,,7/18/2025,30004,ログイン,,14400,,MEM Sprint 4,,",
    );
    reimport(&i, &edited, ("退会処理", TaskStatus::Done), ("二段階認証", "ログイン"));
}

// --------------------------------------------------------------------------------- Backlog

#[test]
fn backlog_japanese_shift_jis() {
    let bytes = fixture("backlog/backlog_ja_sjis.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is Shift_JIS");
    let text = decode(&bytes, TextEncoding::ShiftJis);
    assert!(text.contains("髙橋 一郎") && text.contains("山﨑 花子") && text.contains("①"));
    let i = run(&text, None);
    assert_eq!(i.source, Source::Backlog);
    assert_eq!(i.plan.counts.tasks_new, 10);
    assert_eq!(i.plan.counts.issues_new, 1, "the バグ");
    assert_eq!(i.plan.counts.members_new, 3);
    assert!(
        has_warning(&i, 13, |k| matches!(k, WarningKind::BadNumber { value, .. } if value == "二時間")),
        "{:?}",
        warnings(&i)
    );
    assert!(
        has_warning(&i, 14, |k| matches!(k, WarningKind::BadDate { value, .. } if value == "2025/13/45")),
        "{:?}",
        warnings(&i)
    );
    assert!(
        has_warning(&i, 15, |k| matches!(k, WarningKind::UnknownParent { key } if key == "KIKAN-99")),
        "{:?}",
        warnings(&i)
    );
    assert_eq!(warnings(&i).len(), 3, "{:?}", warnings(&i));
    sane(&i);
    let p = &i.project;
    assert_eq!(
        tree(p),
        [
            "1 要件定義",
            "1.1 業務フロー整理 ①現行",
            "1.2 要件定義書作成",
            "1.2.1 要件定義書レビュー",
            "1.3 キックオフ資料作成",
            "2 基本設計",
            "2.1 画面設計",
            "2.2 帳票設計（納品書・請求書）",
            "2.3 バッチ設計",
            "3 データ移行方針",
        ]
    );
    let (flow_id, flow) = by_title(p, "業務フロー整理 ①現行");
    assert_eq!(flow.status, TaskStatus::Done);
    // Issue 13 item 2: Backlog has no completion date; a closed item closes at its 更新日
    // (2025/04/10 17:30 JST), not at its creation or at the import, so the burndown goes down then.
    let closed: Vec<_> = p.changes.iter().filter(|c| c.entity.id == flow_id && c.field == "status").collect();
    assert_eq!(closed.len(), 1, "{closed:?}");
    assert_eq!(closed[0].at, instant("2025-04-10T08:30:00Z"));
    assert_eq!(closed[0].actor, "importer", "the import stays the author");
    let cal = mieruka_core::calendar::WorkCalendar::for_project(&p.info);
    let bd = mieruka_core::analytics::burndown::burndown(
        p,
        &cal,
        NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
        NaiveDate::from_ymd_opt(2025, 4, 30).unwrap(),
        NaiveDate::from_ymd_opt(2025, 4, 30).unwrap(),
        mieruka_core::analytics::WorkUnit::Hours,
        None,
        540,
    );
    let at = |d: u32| bd.days.iter().position(|x| *x == NaiveDate::from_ymd_opt(2025, 4, d).unwrap()).unwrap();
    assert!(bd.remaining[at(10)].unwrap() < bd.remaining[at(9)].unwrap(), "{:?}", bd.remaining);
    assert!(close(flow.estimate_hours, 24.0) && close(flow.actual_hours, 26.5));
    assert_eq!((flow.start, flow.due), (date(2025, 4, 1), date(2025, 4, 10)));
    assert_eq!(assignee(p, flow), "山﨑 花子");
    assert!(flow.description.contains("①受注 ②出荷 ③請求"));
    assert!(flow.description.contains("出荷フローは倉庫側にも確認済み"), "コメント1 is kept: {}", flow.description);
    assert!(flow.tags.iter().any(|t| t == "要件定義") && flow.tags.iter().any(|t| t == "フェーズ1"), "{:?}", flow.tags);
    let (_, garbled) = issue_by_title(p, "現行帳票の文字化け調査 﨑・髙");
    assert_eq!(garbled.status, IssueStatus::Resolved, "処理済み");
    assert_eq!(garbled.linked_tasks, [by_title(p, "帳票設計（納品書・請求書）").0]);
    assert_eq!(garbled.priority, Priority::High);
    assert!(garbled.description.contains("CP932 で出力すれば解決"), "コメント2 is kept: {}", garbled.description);
    // Issue 13 item 4: named after the export's project, spanning its tasks' dates.
    assert_eq!(extract::project_name(&i.table).as_deref(), Some("基幹システム刷新"));
    let dates: Vec<NaiveDate> = p.tasks.values().flat_map(|t| [t.start, t.due]).flatten().collect();
    assert_eq!(p.info.start, dates.iter().min().copied());
    assert_eq!(p.info.start, date(2025, 4, 1));
    assert_eq!(p.info.target_end, dates.iter().max().copied());
    assert!(p.info.target_end > date(2025, 5, 1));
    let (spec_id, spec) = by_title(p, "要件定義書作成");
    assert_eq!(spec.status, TaskStatus::InProgress);
    assert_eq!(assignee(p, spec), "髙橋 一郎");
    // A parent issue's own 実績時間 stays in its roll-up (16 h of its own, none in its child), and
    // adds up the tree: 要件定義 = 26.5 + 16 + 2 (its children's own hours).
    let roll = mieruka_core::rollup::rollups(p);
    assert!(close(spec.actual_hours, 16.0) && close(roll[&spec_id].actual, 16.0), "{}", roll[&spec_id].actual);
    let (top, _) = by_title(p, "要件定義");
    assert!(close(roll[&top].actual, 44.5), "{}", roll[&top].actual);
    let (_, kickoff) = by_title(p, "キックオフ資料作成");
    assert!(close(kickoff.estimate_hours, 0.0) && close(kickoff.actual_hours, 2.0));
    assert_eq!(by_title(p, "バッチ設計").1.due, None);
    assert_eq!(by_title(p, "帳票設計（納品書・請求書）").1.priority, Priority::Low);

    // The edited copy goes back through Shift_JIS.
    let edited = edit(
        &text,
        "要件定義書レビュー,,未対応,",
        "要件定義書レビュー,,処理中,",
        "9012,1073,基幹システム刷新,12,KIKAN-12,1,タスク,設計,,フェーズ2,ＤＢ設計,,未対応,中,,佐藤 次郎,髙橋 一郎,2025/04/07 10:00:00,2025/05/19,2025/05/30,16,,髙橋 一郎,2025/04/07 10:00:00,KIKAN-5,,",
    );
    let (bytes, lost) = text::encode(&edited, OutEncoding::ShiftJis);
    assert_eq!(lost, 0);
    let edited = decode(&bytes, TextEncoding::ShiftJis);
    reimport(&i, &edited, ("要件定義書レビュー", TaskStatus::InProgress), ("ＤＢ設計", "基本設計"));
}

#[test]
fn backlog_english_utf8_with_bom() {
    let text = decode(&fixture("backlog/backlog_en_utf8_bom.csv"), TextEncoding::Utf8Bom);
    let i = run(&text, None);
    assert_eq!(i.source, Source::Backlog);
    assert!(matches!(i.extracted.rows.len(), 8 | 9), "the duplicate is dropped by extraction or planning");
    assert_eq!(i.plan.counts.tasks_new, 7);
    assert_eq!(i.plan.counts.issues_new, 1, "the Bug");
    assert!(
        has_warning(&i, 10, |k| matches!(k, WarningKind::RaggedRow { expected: 26, found: 14 })),
        "{:?}",
        warnings(&i)
    );
    assert!(
        has_warning(&i, 11, |k| matches!(k, WarningKind::DuplicateKey { key } if key == "WEB-2")),
        "{:?}",
        warnings(&i)
    );
    sane(&i);
    let p = &i.project;
    assert_eq!(
        tree(p),
        [
            "1 Site design",
            "1.1 Wireframes",
            "1.2 Visual design, \"brand\" colors",
            "2 Build",
            "2.1 Front-end coding",
            "2.2 Analytics tag",
            "3 Server setup",
        ]
    );
    let (_, wire) = by_title(p, "Wireframes");
    assert_eq!(wire.status, TaskStatus::Done);
    assert!(close(wire.estimate_hours, 16.0) && close(wire.actual_hours, 18.0));
    assert_eq!(assignee(p, wire), "Liam Smith");
    let (_, visual) = by_title(p, "Visual design, \"brand\" colors");
    assert!(visual.description.contains("Use the new logo"));
    assert_eq!(visual.priority, Priority::Medium, "Normal");
    let (_, bug) = issue_by_title(p, "Broken layout on iPhone SE");
    assert_eq!(bug.status, IssueStatus::Resolved, "Resolved");
    assert_eq!(bug.linked_tasks, [by_title(p, "Front-end coding").0]);
    assert_eq!(by_title(p, "Front-end coding").1.start, date(2025, 6, 2));

    let edited = edit(
        &text,
        "Analytics tag,,Open,",
        "Analytics tag,,In Progress,",
        "8011,2001,Web Renewal,11,WEB-11,1,Task,Build,,Release 1,Contact form,,Open,Normal,,Liam Smith,Emma Clark,2025-05-20 09:00:00,2025-06-09,2025-06-13,8,,Emma Clark,2025-05-20 09:00:00,WEB-4,",
    );
    reimport(&i, &edited, ("Analytics tag", TaskStatus::InProgress), ("Contact form", "Build"));
}

// --------------------------------------------------------------------------------- Redmine

#[test]
fn redmine_japanese_cp932_semicolons_and_decimal_commas() {
    let bytes = fixture("redmine/redmine_ja_cp932_semicolon.csv");
    let text = decode(&bytes, TextEncoding::ShiftJis);
    let i = run(&text, None);
    assert_eq!(i.table.delimiter, ';');
    assert_eq!(i.source, Source::Redmine);
    assert_eq!(i.plan.counts.tasks_new, 9);
    assert_eq!(i.plan.counts.issues_new, 1, "the バグ");
    let cycles: Vec<usize> =
        warnings(&i).iter().filter(|w| matches!(w.kind, WarningKind::ParentCycle { .. })).map(|w| w.line).collect();
    assert!(!cycles.is_empty() && cycles.iter().all(|l| [11, 12].contains(l)), "{:?}", warnings(&i));
    assert!(
        warnings(&i).iter().all(|w| matches!(w.kind, WarningKind::ParentCycle { .. })),
        "only the cycle is reported ('#100' resolves to '100'): {:?}",
        warnings(&i)
    );
    sane(&i);
    let p = &i.project;
    // Parent cells are `#100` and keys `100`: they are compared without the leading '#'.
    assert_eq!(
        tree(p)[..7],
        [
            "1 フェーズ1 開発",
            "1.1 DB設計",
            "1.1.1 テーブル定義 ①受注",
            "1.2 API開発",
            "1.3 結合テスト準備",
            "2 フェーズ2 開発",
            "2.1 旧帳票の移植",
        ]
    );
    let (_, db) = by_title(p, "DB設計");
    assert_eq!(db.status, TaskStatus::Done, "終了");
    assert_eq!(db.priority, Priority::High, "高め");
    assert!(close(db.estimate_hours, 24.0) && close(db.actual_hours, 27.5), "decimal commas");
    assert_eq!(db.percent, 100.0);
    assert_eq!(assignee(p, db), "山﨑 花子");
    assert_eq!((db.start, db.due), (date(2025, 4, 1), date(2025, 4, 10)));
    let (_, api) = by_title(p, "API開発");
    assert_eq!(api.status, TaskStatus::InProgress);
    assert!(close(api.estimate_hours, 40.0) && close(api.actual_hours, 12.5));
    assert_eq!(api.percent, 30.0);
    assert!(api.description.contains("OpenAPI 定義は\n別紙参照"));
    assert!(api.tags.iter().any(|t| t == "フェーズ1") && api.tags.iter().any(|t| t == "開発"), "{:?}", api.tags);
    let (_, dup) = issue_by_title(p, "受注番号が重複する");
    assert_eq!(dup.status, IssueStatus::Open, "フィードバック");
    assert_eq!(dup.priority, Priority::Critical, "急いで");
    assert_eq!(dup.linked_tasks, [by_title(p, "API開発").0]);
    assert_eq!(by_title(p, "結合テスト準備").1.status, TaskStatus::NotStarted);
    assert_eq!(by_title(p, "結合テスト準備").1.priority, Priority::Low);
    let (_, port) = by_title(p, "旧帳票の移植");
    assert_eq!(port.status, TaskStatus::Cancelled, "却下");
    assert_eq!(port.priority, Priority::Critical, "今すぐ");
    assert_eq!(by_title(p, "テーブル定義 ①受注").1.status, TaskStatus::Done, "解決");

    let edited = edit(
        &text,
        "104;販売管理システム;サポート;#100;新規;",
        "104;販売管理システム;サポート;#100;進行中;",
        "110;販売管理システム;機能;#106;新規;通常;帳票レイアウト;髙橋 一郎;;2025/04/21 10:00;;フェーズ2;2025/06/02;2025/06/13;12,5;;;;0;2025/04/21 10:00;;;",
    );
    let again = reimport(&i, &edited, ("結合テスト準備", TaskStatus::InProgress), ("帳票レイアウト", "フェーズ2 開発"));
    assert!(close(by_title(&again.project, "帳票レイアウト").1.estimate_hours, 12.5));
}

#[test]
fn redmine_english_utf8_with_bom() {
    let text = decode(&fixture("redmine/redmine_en_utf8bom.csv"), TextEncoding::Utf8Bom);
    let i = run(&text, None);
    assert_eq!(i.source, Source::Redmine);
    assert_eq!(i.plan.counts.tasks_new, 7);
    assert_eq!(i.plan.counts.issues_new, 1, "the Bug");
    assert_eq!(i.plan.counts.members_new, 3);
    assert!(
        has_warning(&i, 11, |k| matches!(k, WarningKind::PercentClamped { value } if value == "120")),
        "{:?}",
        warnings(&i)
    );
    assert_eq!(warnings(&i).len(), 1, "{:?}", warnings(&i));
    sane(&i);
    let p = &i.project;
    assert_eq!(
        tree(p),
        [
            "1 Mobile app v1.0",
            "1.1 Login screen",
            "1.2 Push notifications",
            "1.3 Store listing",
            "2 Payment integration",
            "2.1 Cash on delivery",
            "2.2 Receipts",
        ]
    );
    let (_, login) = by_title(p, "Login screen");
    assert_eq!(login.status, TaskStatus::Done);
    assert!(close(login.estimate_hours, 16.0) && close(login.actual_hours, 18.5));
    assert_eq!(login.percent, 100.0);
    let (_, push) = by_title(p, "Push notifications");
    assert_eq!(push.percent, 40.0);
    assert_eq!(assignee(p, push), "Henry Kim");
    assert_eq!((push.start, push.due), (date(2025, 4, 14), date(2025, 5, 2)));
    let (_, crash) = issue_by_title(p, "Crash on Android 12");
    assert_eq!(crash.linked_tasks, [by_title(p, "Push notifications").0]);
    assert_eq!(crash.priority, Priority::Critical, "Urgent");
    assert!(crash.description.contains("1. open\n2. tap"));
    assert_eq!(by_title(p, "Store listing").1.status, TaskStatus::Done, "Resolved");
    assert_eq!(by_title(p, "Payment integration").1.status, TaskStatus::Blocked, "Feedback");
    assert_eq!(by_title(p, "Cash on delivery").1.status, TaskStatus::Cancelled, "Rejected");
    assert_eq!(by_title(p, "Receipts").1.percent, 100.0, "120 % clamped");

    let edited = edit(
        &text,
        "16,Mobile app,Support,#12,Resolved,",
        "16,Mobile app,Support,#12,Closed,",
        "20,Mobile app,Feature,#17,New,Normal,Refunds,Grace Lee,Ivy Chen,2025-04-21 10:00,,v1.0,2025-05-19,2025-05-23,6,,,,0,2025-04-21 10:00,,,",
    );
    // Resolved and Closed are both done: the edited row is unchanged, so change a real field too.
    let edited = edited.replacen("Store listing,Grace Lee,Ivy Chen", "Store listing,Grace Lee,Henry Kim", 1);
    let again = reimport(&i, &edited, ("Store listing", TaskStatus::Done), ("Refunds", "Payment integration"));
    assert_eq!(assignee(&again.project, by_title(&again.project, "Store listing").1), "Henry Kim");
}

// ------------------------------------------------------------------------------- detection

#[test]
fn each_fixture_is_detected_as_its_tool() {
    let cases = [
        ("jira/cloud_all_fields.csv", Source::Jira),
        ("jira/server_current_fields.csv", Source::Jira),
        ("jira/work_item_new_names.csv", Source::Jira),
        ("backlog/backlog_ja_sjis.csv", Source::Backlog),
        ("backlog/backlog_en_utf8_bom.csv", Source::Backlog),
        ("redmine/redmine_ja_cp932_semicolon.csv", Source::Redmine),
        ("redmine/redmine_en_utf8bom.csv", Source::Redmine),
    ];
    let mut seen = BTreeMap::new();
    for (path, want) in cases {
        let d = text::decode(&fixture(path)).expect("decodes");
        let table = csv::read(&d.text).expect("reads");
        assert_eq!(profile::detect(&table.headers), want, "{path}");
        let map = profile::suggest(want, &table.headers);
        for single in
            [Target::Key, Target::ParentKey, Target::Title, Target::Status, Target::Priority, Target::Assignee]
        {
            assert_eq!(map.columns.iter().filter(|t| **t == single).count(), 1, "{path}: {single:?}");
        }
        *seen.entry(want).or_insert(0) += 1;
    }
    assert_eq!(seen.len(), 3);
}

/// Issue 13 item 4: every export names its project; a file without a project column has no name.
#[test]
fn the_export_names_its_project() {
    for (path, enc) in [
        ("redmine/redmine_en_utf8bom.csv", TextEncoding::Utf8Bom),
        ("jira/cloud_all_fields.csv", TextEncoding::Utf8),
        ("backlog/backlog_en_utf8_bom.csv", TextEncoding::Utf8Bom),
    ] {
        let text = decode(&fixture(path), enc);
        let table = csv::read(&text).expect("reads");
        let name = extract::project_name(&table);
        assert!(name.as_deref().is_some_and(|n| !n.is_empty() && text.contains(n)), "{path}: {name:?}");
    }
    let table = csv::read("件名,開始日\n設計,2025/04/01\n").unwrap();
    assert_eq!(extract::project_name(&table), None);
}
