//! CSV export: formula neutralization (property), the sample project's tables in Japanese and
//! English, and export → import giving back every task (property, through the whole import
//! pipeline: read, detect, suggest, extract, build).

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use mieruka_core::interop::build::{self, Destination, ImportOptions};
use mieruka_core::interop::csv_export::{export, neutralize, table, ExportTable};
use mieruka_core::interop::text::{self, OutEncoding};
use mieruka_core::interop::{csv, extract, profile, Source};
use mieruka_core::model::{Member, Project, Task};
use mieruka_core::rollup::wbs_rows;
use mieruka_core::{Id, Priority, Stamp, TaskStatus};
use proptest::prelude::*;

use common::instant;
use mieruka_core::Lang;

// ------------------------------------------------------------------------------ neutralize

/// Spaces that may come before a formula starter (tab and CR are starters themselves).
fn lead() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![Just(' '), Just('\u{3000}'), Just('\n'), Just('\u{a0}')], 0..4)
        .prop_map(|v| v.into_iter().collect())
}

const STARTERS: &[char] = &['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

proptest! {
    #[test]
    fn formula_starters_after_any_spaces_are_neutralized(
        pre in lead(),
        c in proptest::sample::select(STARTERS),
        rest in ".{0,12}",
    ) {
        let cell = format!("{pre}{c}{rest}");
        prop_assert_eq!(neutralize(&cell).into_owned(), format!("'{cell}"));
    }

    #[test]
    fn other_cells_are_untouched(pre in lead(), c in any::<char>(), rest in ".{0,12}") {
        prop_assume!(!STARTERS.contains(&c) && !c.is_whitespace());
        let cell = format!("{pre}{c}{rest}");
        prop_assert!(matches!(neutralize(&cell), std::borrow::Cow::Borrowed(_)));
        prop_assert!(matches!(neutralize(&pre), std::borrow::Cow::Borrowed(_)), "blank cells too");
    }
}

#[test]
fn exported_cells_are_neutralized_and_quoted() {
    let mut p = Project::empty(Id::from_u128(1));
    for (n, title) in ["=cmd|' /C calc'!A0", "+81 3 1234", "@SUM(A1:A3)", "  -1 day", "＝1+1", "普通の件名, \"引用\""]
        .iter()
        .enumerate()
    {
        p.tasks.insert(
            Id::from_u128(10 + n as u128),
            Task { title: title.to_string(), rank: n as f64, ..Task::default() },
        );
    }
    let csv = export(&p, ExportTable::Tasks, Lang::En);
    let titles: Vec<String> = csv::read(&csv).expect("reads back").rows.iter().map(|r| r.cells[3].clone()).collect();
    assert_eq!(
        titles,
        ["'=cmd|' /C calc'!A0", "'+81 3 1234", "'@SUM(A1:A3)", "'  -1 day", "'＝1+1", "普通の件名, \"引用\""]
    );
    assert!(csv.contains(",\"普通の件名, \"\"引用\"\"\","));
    assert!(csv.split("\r\n").all(|l| !l.contains('\n')), "CRLF only");
}

// ---------------------------------------------------------------------- the sample project

fn sample(ja: bool) -> Project {
    mieruka_core::sample::sample_project(ja, NaiveDate::from_ymd_opt(2025, 6, 13).expect("date"), 1)
}

/// The CSV with every task id replaced by `<WBS number>`, so the expected lines are readable.
fn with_wbs_ids(p: &Project, csv: &str) -> String {
    let mut out = csv.to_string();
    for r in wbs_rows(p) {
        out = out.replace(&r.id.to_string(), &format!("<{}>", r.number));
    }
    out
}

#[test]
fn sample_tasks_in_japanese() {
    let p = sample(true);
    let csv = with_wbs_ids(&p, &export(&p, ExportTable::Tasks, Lang::Ja));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[..5],
        [
            "WBS,ID,親ID,タスク名,状態,優先度,担当者,開始日,期日,予定工数(h),実績工数(h),残工数(h),ストーリーポイント,進捗率(%),マイルストーン,先行タスク,タグ,説明",
            "1,<1>,,要件定義,完了,中,,,,0,0,,,100,,,,",
            "1.1,<1.1>,<1>,現行業務調査,完了,中,,,,0,0,,,100,,,,",
            "1.1.1,<1.1.1>,<1.1>,現行業務ヒアリング（受注・在庫・請求）,完了,高,佐藤 花子,2025-03-31,2025-04-07,40,40,,,100,,,\"要件定義, 業務\",営業・物流・経理の各部門へのヒアリング（計9回）と現行業務フロー図の作成。",
            "1.1.2,<1.1.2>,<1.1>,現行システム機能棚卸し,完了,中,鈴木 一郎,2025-04-01,2025-04-09,40,44,,,100,,,\"要件定義, 現行調査\",画面・帳票・バッチ・外部IFの一覧化（約320本）と、継続・廃止・統合の判定。",
        ]
    );
    assert_eq!(lines.len(), p.tasks.len() + 2, "header, one line per task, and the final CRLF");
    assert!(lines.iter().any(|l| l.contains(",○,")), "milestones are marked");
    assert!(lines.iter().any(|l| l.split(',').nth(15).is_some_and(|c| c.starts_with('<'))), "predecessors are ids");
    // Every task's line starts with its WBS number, in tree order.
    let numbers: Vec<String> = wbs_rows(&p).into_iter().map(|r| r.number).collect();
    let firsts: Vec<&str> = lines[1..=p.tasks.len()].iter().map(|l| l.split(',').next().unwrap_or("")).collect();
    assert_eq!(firsts, numbers);
}

#[test]
fn sample_tasks_issues_and_risks_in_english() {
    let p = sample(false);
    let csv = with_wbs_ids(&p, &export(&p, ExportTable::Tasks, Lang::En));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[..4],
        [
            "WBS,ID,Parent ID,Title,Status,Priority,Assignee,Start,Due,Estimate (h),Actual (h),Remaining (h),Story points,Progress %,Milestone,Predecessors,Tags,Description",
            "1,<1>,,Requirements definition,Done,Medium,,,,0,0,,,100,,,,",
            "1.1,<1.1>,<1>,Current operations analysis,Done,Medium,,,,0,0,,,100,,,,",
            "1.1.1,<1.1.1>,<1.1>,\"Interviews on current operations (orders, inventory, billing)\",Done,High,Hanako Sato,2025-03-31,2025-04-07,40,40,,,100,,,\"requirements, business\",\"Nine interviews with sales, logistics and accounting; as-is business flow diagrams.\"",
        ]
    );
    let issues = export(&p, ExportTable::Issues, Lang::En);
    let t = csv::read(&issues).expect("reads");
    assert_eq!(
        t.headers,
        ["No.", "Title", "Status", "Priority", "Owner", "Raised on", "Raised by", "Due", "Resolution", "Description"]
    );
    assert_eq!(t.rows.len(), p.issues.len());
    assert_eq!(
        t.rows[0].cells[..8],
        [
            "1",
            "Poor quality of current data (duplicate item master records)",
            "Resolved",
            "Medium",
            "Kenta Tanaka",
            "2025-04-09",
            "Ichiro Suzuki",
            "2025-06-02"
        ]
    );
    let numbers: Vec<String> = t.rows.iter().map(|r| r.cells[0].clone()).collect();
    assert_eq!(numbers, (1..=p.issues.len()).map(|n| n.to_string()).collect::<Vec<_>>());
    let risks = export(&p, ExportTable::Risks, Lang::En);
    let t = csv::read(&risks).expect("reads");
    assert_eq!(t.rows.len(), p.risks.len());
    assert_eq!(
        t.rows[0].cells[..10],
        [
            "1",
            "Threat",
            "Customer EDI specs late or inconsistent",
            "External",
            "4",
            "4",
            "16",
            "Critical",
            "Mitigate",
            "Ichiro Suzuki"
        ]
    );
    for r in &t.rows {
        let (pr, im, score): (u32, u32, u32) =
            (r.cells[4].parse().unwrap(), r.cells[5].parse().unwrap(), r.cells[6].parse().unwrap());
        assert_eq!(pr * im, score);
    }
}

#[test]
fn japanese_words_are_the_apps_labels() {
    let p = sample(true);
    let issues = csv::read(&export(&p, ExportTable::Issues, Lang::Ja)).expect("reads");
    for r in &issues.rows {
        assert!(["未対応", "対応中", "解決済み", "完了"].contains(&r.cells[2].as_str()), "{}", r.cells[2]);
        assert!(["低", "中", "高", "緊急"].contains(&r.cells[3].as_str()));
    }
    let risks = csv::read(&export(&p, ExportTable::Risks, Lang::Ja)).expect("reads");
    for r in &risks.rows {
        assert!(["脅威", "好機"].contains(&r.cells[1].as_str()));
        assert!(["低", "中", "高", "重大"].contains(&r.cells[7].as_str()));
        assert!(["回避", "転嫁", "軽減", "活用", "共有", "強化", "受容"].contains(&r.cells[8].as_str()));
        assert!(["オープン", "監視中", "顕在化", "クローズ"].contains(&r.cells[13].as_str()));
    }
    // Shift_JIS for old Excel loses nothing of the sample.
    for table in [ExportTable::Tasks, ExportTable::Issues, ExportTable::Risks] {
        let (_, lost) = text::encode(&export(&p, table, Lang::Ja), OutEncoding::ShiftJis);
        assert_eq!(lost, 0, "{table:?}");
    }
}

// --------------------------------------------------------------------------- round trip

/// Exports `p`'s tasks, imports them into a new project through the whole pipeline, and checks
/// every task came back: tree and order, and every field the table carries.
fn round_trip(p: &Project, lang: Lang) -> Result<(), TestCaseError> {
    let text = export(p, ExportTable::Tasks, lang);
    let table = csv::read(&text).map_err(|e| TestCaseError::fail(format!("{e}")))?;
    prop_assert_eq!(profile::detect(&table.headers), Source::Csv);
    let map = profile::suggest(Source::Csv, &table.headers);
    let extracted = extract::rows(&table, &map).map_err(|e| TestCaseError::fail(format!("{e}")))?;
    prop_assert!(extracted.warnings.is_empty(), "{:?}", extracted.warnings);
    let opts = ImportOptions {
        source: Source::Csv,
        values: profile::default_values(Source::Csv),
        tz_offset_min: 540,
        file: "test.csv".into(),
    };
    let plan = build::plan(None, &extracted.rows, &opts);
    prop_assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    prop_assert_eq!(plan.counts.tasks_new, p.tasks.len());
    let stamp = Stamp::new(instant("2025-07-01T00:00:00Z"), "importer", Id::from_u128(0xFEED_0000));
    let q =
        build::apply(Destination::New { id: Id::from_u128(7), name: "copy".into() }, &extracted.rows, &opts, &stamp)
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    prop_assert_eq!(q.tasks.len(), p.tasks.len());

    // Same tree, same order: (number, title) in WBS order.
    let shape =
        |x: &Project| wbs_rows(x).into_iter().map(|r| (r.number, x.tasks[&r.id].title.clone())).collect::<Vec<_>>();
    prop_assert_eq!(shape(&q), shape(p));
    // Task ↔ task by WBS number.
    let by_number = |x: &Project| wbs_rows(x).into_iter().map(|r| (r.number, r.id)).collect::<BTreeMap<String, Id>>();
    let (pn, qn) = (by_number(p), by_number(&q));
    let q_of: BTreeMap<Id, Id> = pn.iter().map(|(n, id)| (*id, qn[n])).collect();
    for (id, a) in &p.tasks {
        let b = &q.tasks[&q_of[id]];
        prop_assert_eq!(&b.title, &a.title);
        prop_assert_eq!(&b.description, &a.description);
        prop_assert_eq!(b.parent, a.parent.map(|x| q_of[&x]));
        prop_assert_eq!(b.status, a.status, "{}", a.title);
        prop_assert_eq!(b.priority, a.priority);
        prop_assert_eq!((b.start, b.due), (a.start, a.due));
        prop_assert!((b.estimate_hours - a.estimate_hours).abs() < 1e-6);
        prop_assert!((b.actual_hours - a.actual_hours).abs() < 1e-6);
        prop_assert_eq!(b.remaining_hours.is_some(), a.remaining_hours.is_some());
        prop_assert!((b.remaining_hours.unwrap_or(0.0) - a.remaining_hours.unwrap_or(0.0)).abs() < 1e-6);
        prop_assert_eq!(b.story_points, a.story_points);
        prop_assert!((b.percent - a.percent).abs() < 1e-6, "{} {}", b.percent, a.percent);
        prop_assert_eq!(b.milestone, a.milestone);
        prop_assert_eq!(&b.tags, &a.tags);
        prop_assert_eq!(q.member_name(b.assignee), p.member_name(a.assignee));
        let deps: Vec<Id> = a.depends_on.iter().map(|d| q_of[d]).collect();
        prop_assert_eq!(&b.depends_on, &deps);
        prop_assert_eq!(&b.source_key, &format!("csv:{id}"));
    }
    Ok(())
}

/// Text that survives a CSV cell: no leading or trailing white space, no formula starter in front
/// (those are exported with a `'`, on purpose), commas, quotes and newlines inside.
fn words() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("設計".to_string()),
        Just("テスト".to_string()),
        Just("髙橋さん確認".to_string()),
        Just("a, b".to_string()),
        Just("\"quoted\"".to_string()),
        Just("line\nbreak".to_string()),
        Just("-1".to_string()),
        Just("=x".to_string()),
        "[a-zA-Z0-9ぁ-んァ-ン一-龥]{1,6}",
    ];
    proptest::collection::vec(word, 1..4).prop_map(|v| v.join(" "))
}

fn tag() -> impl Strategy<Value = String> {
    "[a-zA-Zァ-ン一-龥]{1,5}"
}

fn day() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(
        (0u64..400).prop_map(|d| NaiveDate::from_ymd_opt(2025, 1, 1).expect("date") + chrono::Days::new(d)),
    )
}

fn hours() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), (1u32..400).prop_map(|h| f64::from(h) / 4.0), Just(1.0 / 3.0)]
}

#[derive(Debug, Clone)]
struct Gen {
    /// Index of an earlier task, if any.
    parent: Option<usize>,
    title: String,
    description: String,
    assignee: Option<usize>,
    start: Option<NaiveDate>,
    due: Option<NaiveDate>,
    estimate: f64,
    actual: f64,
    remaining: Option<f64>,
    points: Option<f64>,
    percent: f64,
    status: TaskStatus,
    priority: Priority,
    milestone: bool,
    dep: Option<usize>,
    tags: Vec<String>,
}

fn gen_task() -> impl Strategy<Value = Gen> {
    (
        (any::<Option<prop::sample::Index>>(), words(), proptest::option::of(words()), proptest::option::of(0usize..3)),
        (
            day(),
            day(),
            hours(),
            hours(),
            proptest::option::of(hours()),
            proptest::option::of((0u32..40).prop_map(f64::from)),
        ),
        (0u32..=100, prop::sample::select(TaskStatus::ALL), prop::sample::select(Priority::ALL), any::<bool>()),
        (any::<Option<prop::sample::Index>>(), proptest::collection::btree_set(tag(), 0..3)),
    )
        .prop_map(
            |(
                (parent, title, description, assignee),
                (start, due, estimate, actual, remaining, points),
                (percent, status, priority, milestone),
                (dep, tags),
            )| Gen {
                parent: parent.map(|i| i.index(usize::MAX)),
                title,
                description: description.unwrap_or_default(),
                assignee,
                start,
                due,
                estimate,
                actual,
                remaining,
                points,
                percent: f64::from(percent),
                status,
                priority,
                milestone,
                dep: dep.map(|i| i.index(usize::MAX)),
                tags: tags.into_iter().collect(),
            },
        )
}

fn build_project(gens: &[Gen]) -> Project {
    let mut p = Project::empty(Id::from_u128(1));
    let members: Vec<Id> = (0..3u128).map(|n| Id::from_u128(100 + n)).collect();
    for (n, name) in ["髙橋 一郎", "Emma Clark", "山﨑"].iter().enumerate() {
        p.members.insert(members[n], Member { name: name.to_string(), ..Member::default() });
    }
    let ids: Vec<Id> = (0..gens.len()).map(|n| Id::from_u128(1000 + n as u128)).collect();
    for (i, g) in gens.iter().enumerate() {
        // A task's start is never after its due date (validation refuses it).
        let (start, due) = match (g.start, g.due) {
            (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
            x => x,
        };
        let parent = if i == 0 { None } else { g.parent.map(|x| ids[x % (i + 1)]).filter(|x| *x != ids[i]) };
        let dep = if i == 0 { None } else { g.dep.map(|x| ids[x % i]) };
        p.tasks.insert(
            ids[i],
            Task {
                parent,
                rank: i as f64,
                // Unique titles keep the by-title diagnostics readable.
                // A title is one line (the importer joins a multi-line title cell with spaces).
                title: format!("{} {i}", g.title.replace('\n', " ")),
                description: g.description.clone(),
                assignee: g.assignee.map(|a| members[a]),
                start,
                due,
                estimate_hours: g.estimate,
                actual_hours: g.actual,
                remaining_hours: g.remaining,
                story_points: g.points,
                percent: g.percent,
                status: g.status,
                priority: g.priority,
                milestone: g.milestone,
                depends_on: dep.into_iter().collect(),
                tags: g.tags.clone(),
                source_key: String::new(),
                raci: Default::default(),
            },
        );
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_keeps_every_task(gens in proptest::collection::vec(gen_task(), 1..25), ja in any::<bool>()) {
        let p = build_project(&gens);
        // Formula-looking cells are exported with a `'` and the import takes it off again.
        round_trip(&p, if ja { Lang::Ja } else { Lang::En })?;
    }
}

#[test]
fn the_sample_survives_export_and_import_in_both_languages() {
    for ja in [true, false] {
        let p = sample(ja);
        round_trip(&p, if ja { Lang::Ja } else { Lang::En }).unwrap_or_else(|e| panic!("{e}"));
    }
}

proptest! {
    /// A register's table, exported with `table`, reads back through the importers' CSV reader
    /// cell for cell (formula starts neutralized with one leading `'`).
    #[test]
    fn a_register_table_reads_back_cell_for_cell(
        rows in proptest::collection::vec(proptest::collection::vec("[a-zあ-ん=+@\",\n－][a-zあ-ん=+@\",\n －]{0,11}", 3), 0..8),
    ) {
        let headers = ["No.", "件名", "Owner"];
        let text = table(&headers, &rows);
        let read = csv::read(&text).expect("our own CSV reads back");
        prop_assert_eq!(&read.headers, &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>());
        prop_assert_eq!(read.rows.len(), rows.len());
        for (got, want) in read.rows.iter().zip(&rows) {
            let want: Vec<String> = want.iter().map(|c| neutralize(c).into_owned()).collect();
            prop_assert_eq!(&got.cells, &want);
        }
    }
}
