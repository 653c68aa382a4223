//! The CSV import end to end: bytes → text → table → rows → project, on an Excel-saved Shift_JIS
//! file mapped by hand, plus properties: no input makes any step panic, and any table written as
//! CSV reads back cell for cell.

use chrono::{DateTime, NaiveDate, Utc};
use mieruka_core::interop::build::{apply, plan, Destination, ImportOptions};
use mieruka_core::interop::csv::read;
use mieruka_core::interop::extract::rows;
use mieruka_core::interop::text::{decode, encode, OutEncoding, TextEncoding};
use mieruka_core::interop::{ColumnMap, ItemKind, Source, Target, ValueMaps, WarningKind};
use mieruka_core::replay::replay;
use mieruka_core::{Id, IssueStatus, Priority, Stamp, TaskStatus};
use proptest::prelude::*;

const FIXTURE: &[u8] = include_bytes!("fixtures/import/generic/excel_sjis.csv");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn stamp() -> Stamp {
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339("2025-04-08T00:00:00Z").unwrap().with_timezone(&Utc);
    Stamp::new(at, "pmo", Id::from_u128(0x5151_0000))
}

fn generic_map() -> ColumnMap {
    use Target::*;
    // ID,WBS,種別,タスク名,担当者,開始日,終了日,予定工数(h),実績工数(h),進捗率,状態,優先度,作成日,完了日,先行タスク,マイルストーン,備考
    ColumnMap {
        columns: vec![
            Key,
            WbsNumber,
            Kind,
            Title,
            Assignee,
            Start,
            Due,
            EstimateHours,
            ActualHours,
            Percent,
            Status,
            Priority,
            Created,
            Resolved,
            Predecessors,
            Milestone,
            Description,
        ],
    }
}

fn generic_values() -> ValueMaps {
    let mut v = ValueMaps::default();
    v.status.insert("未着手".into(), TaskStatus::NotStarted);
    v.status.insert("対応中".into(), TaskStatus::InProgress);
    v.status.insert("完了".into(), TaskStatus::Done);
    v.priority.insert("高".into(), Priority::High);
    v.priority.insert("中".into(), Priority::Medium);
    v.priority.insert("低".into(), Priority::Low);
    v.kind.insert("タスク".into(), ItemKind::Task);
    v.kind.insert("課題".into(), ItemKind::Issue);
    v
}

#[test]
fn excel_shift_jis_file_end_to_end() {
    // The fixture really is CP932 as Windows writes it: not UTF-8, 髙 = FB FC, 﨑 = FA B1, ① = 87 40.
    assert!(std::str::from_utf8(std::hint::black_box(FIXTURE)).is_err());
    for pair in [[0xFB, 0xFC], [0xFA, 0xB1], [0x87, 0x40]] {
        assert!(FIXTURE.windows(2).any(|w| w == pair));
    }
    let d = decode(FIXTURE).unwrap();
    assert_eq!(d.encoding, TextEncoding::ShiftJis);
    assert!(!d.had_errors);
    let table = read(&d.text).unwrap();
    assert_eq!(table.delimiter, ',');
    assert_eq!(table.headers.len(), 17);
    assert_eq!(table.headers[3], "タスク名");
    assert_eq!(table.rows.len(), 6, "Excel's trailing ,,,, lines are dropped");
    // T-2's note spans two physical lines: the rows after it start one line later.
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 3, 5, 6, 7, 8]);

    let ex = rows(&table, &generic_map()).unwrap();
    assert_eq!(ex.rows.len(), 6);
    let w: Vec<(usize, WarningKind)> = ex.warnings.iter().map(|w| (w.line, w.kind.clone())).collect();
    assert_eq!(w, vec![(7, WarningKind::BadDate { column: "終了日".into(), value: "未定".into() })]);
    assert_eq!(ex.rows[1].actual_hours, Some(1.5), "decimal comma");
    assert_eq!(ex.rows[1].description, "﨑田さんと調整済み\n議事録あり");

    let opts =
        ImportOptions { source: Source::Csv, values: generic_values(), tz_offset_min: 540, file: "test.csv".into() };
    let pl = plan(None, &ex.rows, &opts);
    assert_eq!((pl.counts.tasks_new, pl.counts.issues_new, pl.counts.members_new, pl.counts.skipped), (5, 1, 3, 0));
    let w: Vec<(usize, WarningKind)> = pl.warnings.iter().map(|w| (w.line, w.kind.clone())).collect();
    assert_eq!(w, vec![(8, WarningKind::UnmappedPriority { value: "最優先".into() })]);
    let keys: Vec<(&str, usize)> = pl.rows.iter().map(|r| (r.key.as_str(), r.depth)).collect();
    assert_eq!(keys, vec![("T-1", 0), ("T-2", 1), ("T-3", 1), ("T-4", 1), ("T-5", 0), ("Q-1", 0)]);

    let p =
        apply(Destination::New { id: Id::from_u128(99), name: "基幹システム更改".into() }, &ex.rows, &opts, &stamp())
            .unwrap();
    let r = replay(p.id, &p.changes);
    assert_eq!((&r.tasks, &r.issues, &r.members, &r.info), (&p.tasks, &p.issues, &p.members, &p.info));
    let task = |k: &str| {
        p.tasks.iter().find(|(_, t)| t.source_key == format!("csv:{k}")).map(|(id, t)| (*id, t.clone())).unwrap()
    };
    let (t1, _) = task("T-1");
    let (t2, hearing) = task("T-2");
    let (_, spec) = task("T-3");
    let (t4, review) = task("T-4");
    let (_, design) = task("T-5");
    assert_eq!(hearing.parent, Some(t1));
    assert_eq!(hearing.status, TaskStatus::Done);
    assert_eq!(hearing.priority, Priority::High);
    assert_eq!((hearing.estimate_hours, hearing.actual_hours, hearing.percent), (16.0, 1.5, 100.0));
    assert_eq!(p.member_name(hearing.assignee), "髙橋 一郎");
    assert_eq!(hearing.assignee, p.tasks[&t1].assignee, "髙橋 一郎 = 髙橋一郎");
    assert_eq!(spec.title, "要件定義書 作成");
    assert_eq!(spec.description, "①～③の章を作成");
    assert_eq!((spec.status, spec.percent), (TaskStatus::InProgress, 40.0));
    assert_eq!(spec.depends_on, vec![t2]);
    assert_eq!(p.member_name(spec.assignee), "山田 花子");
    assert_eq!(review.assignee, spec.assignee);
    assert!(review.milestone);
    assert_eq!((design.parent, design.start, design.due), (None, Some(date(2025, 4, 14)), None));
    assert_eq!(design.depends_on, vec![t4]);
    assert_eq!(design.priority, Priority::Low);
    let issue = p.issues.values().next().unwrap();
    assert_eq!(
        (issue.title.as_str(), issue.status, issue.priority),
        ("ログイン仕様の確認", IssueStatus::InProgress, Priority::Medium)
    );
    assert_eq!(issue.raised_on, Some(date(2025, 4, 2)));
    assert_eq!(p.member_name(issue.owner), "佐藤");
    // T-2 was created at 31 March 09:00 JST and resolved on 3 April 17:30 JST.
    let closed = p.changes.iter().find(|c| c.entity.id == t2 && c.field == "status").unwrap();
    assert_eq!(closed.at.to_rfc3339(), "2025-04-03T08:30:00+00:00");

    // The same file saved as UTF-8 with BOM imports the same.
    let (utf8, n) = encode(&d.text, OutEncoding::Utf8Bom);
    assert_eq!(n, 0);
    let d2 = decode(&utf8).unwrap();
    assert_eq!(d2.encoding, TextEncoding::Utf8Bom);
    let again = rows(&read(&d2.text).unwrap(), &generic_map()).unwrap();
    assert_eq!(again, ex);
    // And re-importing it into the project changes nothing.
    let q = apply(Destination::Existing(&p), &again.rows, &opts, &stamp()).unwrap();
    assert_eq!(q.changes.len(), p.changes.len());
}

#[test]
fn semicolon_and_tab_files_with_line_numbers() {
    let text = "Key;Title;Notes;Hours;Due\r\nA;a;\"multi\r\nline\";1,5;21.06.2025\r\nB;b;;x;2025-06-22\r\n";
    let t = read(text).unwrap();
    assert_eq!(t.delimiter, ';');
    let m = ColumnMap {
        columns: vec![Target::Key, Target::Title, Target::Description, Target::EstimateHours, Target::Due],
    };
    let ex = rows(&t, &m).unwrap();
    assert_eq!(ex.rows[0].description, "multi\nline");
    assert_eq!(ex.rows[0].estimate_hours, Some(1.5));
    assert_eq!(ex.rows[0].due, Some(date(2025, 6, 21)));
    assert_eq!(ex.warnings[0].line, 4);
    assert_eq!(ex.warnings[0].kind, WarningKind::BadNumber { column: "Hours".into(), value: "x".into() });

    let t = read("Key\tTitle\tExtra\nA\tx\nB\ty\tz\tw\n").unwrap();
    assert_eq!(t.delimiter, '\t');
    let ex = rows(&t, &ColumnMap { columns: vec![Target::Key, Target::Title, Target::Ignore] }).unwrap();
    assert_eq!(ex.rows.len(), 2);
    let w: Vec<(usize, WarningKind)> = ex.warnings.iter().map(|w| (w.line, w.kind.clone())).collect();
    assert_eq!(
        w,
        vec![
            (2, WarningKind::RaggedRow { expected: 3, found: 2 }),
            (3, WarningKind::RaggedRow { expected: 3, found: 4 })
        ]
    );
}

/// A CSV writer for the round trip: quotes cells that need it, doubles quotes, CRLF endings. A
/// one-column file has no delimiter to detect, so there every candidate delimiter is quoted.
fn write_csv(table: &[Vec<String>], delim: char) -> String {
    let mut out = String::new();
    let one_column = table.first().is_some_and(|h| h.len() == 1);
    for row in table {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let special = c.contains([delim, '"', '\r', '\n']) || (one_column && c.contains([',', ';', '\t']));
                if special || c.starts_with('\u{feff}') {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(&delim.to_string()));
        out.push_str("\r\n");
    }
    out
}

fn cell() -> impl Strategy<Value = String> {
    // No \r: embedded line breaks are read back as \n (a bare CR is a line break too).
    prop_oneof![
        "[a-zA-Z0-9 ]{0,8}",
        "[あ-ん髙﨑①,;\t\"\n ]{0,8}",
        Just(String::new()),
        Just("\"".to_string()),
        Just("a\nb".to_string()),
    ]
}

fn arb_table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (1usize..6).prop_flat_map(|w| {
        (
            proptest::collection::vec("[A-Za-z][A-Za-z0-9]{0,6}", w),
            proptest::collection::vec(proptest::collection::vec(cell(), w), 0..12),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn tables_round_trip_through_csv((headers, body) in arb_table(), delim in prop_oneof![Just(','), Just(';'), Just('\t')]) {
        // Trailing rows of blank cells are dropped by design; keep at least one non-blank cell.
        let body: Vec<Vec<String>> = body.into_iter().map(|mut r| { if r.iter().all(|c| c.trim().is_empty()) { r[0] = "x".into(); } r }).collect();
        let mut all = vec![headers.clone()];
        all.extend(body.iter().cloned());
        let text = write_csv(&all, delim);
        let t = read(&text).unwrap();
        prop_assert_eq!(&t.headers, &headers);
        if headers.len() > 1 {
            prop_assert_eq!(t.delimiter, delim);
        }
        let got: Vec<Vec<String>> = t.rows.iter().map(|r| r.cells.clone()).collect();
        prop_assert_eq!(got, body.clone());
        // Line numbers: each record starts after the line breaks of those before it.
        let mut line = 2;
        for (r, cells) in t.rows.iter().zip(&body) {
            prop_assert_eq!(r.line, line);
            line += 1 + cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        }
        // Through Shift_JIS and back (every generated character is in CP932).
        let (bytes, unmappable) = encode(&text, OutEncoding::ShiftJis);
        prop_assert_eq!(unmappable, 0);
        prop_assert_eq!(decode(&bytes).unwrap().text, text);
    }

    /// No input makes any step panic.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(prop_oneof![
        4 => any::<u8>(),
        2 => Just(b','), 2 => Just(b'"'), 2 => Just(b'\n'), 1 => Just(b'\r'), 1 => Just(b';'), 1 => Just(b'\t'),
        2 => Just(b'1'), 1 => Just(b'/'), 1 => Just(b'-'),
    ], 0..400), cols in proptest::collection::vec(0usize..29, 0..8)) {
        use Target::*;
        const ALL: [Target; 29] = [
            Ignore, Key, ParentKey, WbsNumber, Title, Description, Kind, Status, Priority, Assignee, Start, Due, Created, Updated,
            Resolved, EstimateHours, EstimateSeconds, ActualHours, ActualSeconds, RemainingHours, RemainingSeconds, Percent,
            StoryPoints, Label, Sprint, Comment, Predecessors, Milestone, Title,
        ];
        let Ok(d) = decode(&bytes) else { return Ok(()) };
        let Ok(t) = read(&d.text) else { return Ok(()) };
        let mut columns: Vec<Target> = cols.iter().map(|i| ALL[*i]).collect();
        columns.push(Title);
        let Ok(ex) = rows(&t, &ColumnMap { columns }) else { return Ok(()) };
        let opts = ImportOptions { source: Source::Csv, values: generic_values(), tz_offset_min: 540, file: "test.csv".into() };
        let pl = plan(None, &ex.rows, &opts);
        let p = apply(Destination::New { id: Id::from_u128(1), name: "x".into() }, &ex.rows, &opts, &stamp()).unwrap();
        prop_assert_eq!(p.tasks.len(), pl.counts.tasks_new);
        let q = apply(Destination::Existing(&p), &ex.rows, &opts, &stamp()).unwrap();
        prop_assert_eq!(replay(q.id, &q.changes).tasks, q.tasks);
    }
}
