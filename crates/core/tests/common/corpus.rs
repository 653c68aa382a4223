//! A deterministic corpus of malformed import files (issue 7): truncated at many cut points, wrong
//! types in every JSON field kind, bad dates, newer schema versions, missing or foreign format
//! markers, BOM / CP932 / UTF-16 mix-ups, duplicate headers, empty and header-only files, binary
//! files, nesting 10⁴ deep, ≈ 50 MB files, 10⁶ rows, unclosed quotes, ragged rows, NUL bytes, XML
//! with a DTD, ids that collide, dangling parents and parent cycles.
//!
//! Pure std + serde_json + encoding_rs, no randomness: the same list every time. Used by
//! - the app's native test `src/import_corpus_test.rs` (every file through the app's decision path),
//! - `cargo run -p mieruka-core --example malformed_corpus -- DIR` (writes the files, for e2e tests).
//!
//! Each entry says what a correct importer must do with it: refuse it with a message, or accept it
//! only with a preview warning of one of the named kinds (`WarningKind` variant names).
#![allow(dead_code)]

use serde_json::{json, Value};

/// What a correct importer does with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Refused with a message; nothing is written.
    Refused,
    /// Refused, or accepted only with a preview warning of one of these kinds.
    RefusedOrWarn(&'static [&'static str]),
}

pub struct Entry {
    pub name: String,
    pub category: &'static str,
    pub expect: Expect,
    build: Box<dyn Fn() -> Vec<u8>>,
}

impl Entry {
    /// The file's bytes, built now (the large ones exist only while they are used).
    pub fn bytes(&self) -> Vec<u8> {
        (self.build)()
    }
}

const V2_SAMPLE: &str = include_str!("../fixtures/v2-sample.json");
const MSPDI_JA: &str = include_str!("../fixtures/mspdi/ms-project-2016-ja.xml");
const MSPDI_LIBRE: &str = include_str!("../fixtures/mspdi/projectlibre.xml");

const MB: usize = 1024 * 1024;

fn entry(
    out: &mut Vec<Entry>,
    category: &'static str,
    name: impl Into<String>,
    expect: Expect,
    build: impl Fn() -> Vec<u8> + 'static,
) {
    out.push(Entry { name: name.into(), category, expect, build: Box::new(build) });
}

fn fixed(out: &mut Vec<Entry>, category: &'static str, name: impl Into<String>, expect: Expect, bytes: Vec<u8>) {
    entry(out, category, name, expect, move || bytes.clone());
}

fn sjis(s: &str) -> Vec<u8> {
    encoding_rs::SHIFT_JIS.encode(s).0.into_owned()
}

fn utf16le(s: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

fn utf16be(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

// ------------------------------------------------------------------ CSV bases

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Jira,
    Backlog,
    Redmine,
    Generic,
}

impl Profile {
    pub const ALL: [Profile; 4] = [Profile::Jira, Profile::Backlog, Profile::Redmine, Profile::Generic];

    pub fn word(self) -> &'static str {
        match self {
            Profile::Jira => "jira",
            Profile::Backlog => "backlog",
            Profile::Redmine => "redmine",
            Profile::Generic => "generic",
        }
    }
}

/// A small, clean export of one tool, edited cell by cell into malformed variants.
#[derive(Clone)]
pub struct Csv {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Column names of the key, parent, title, due date and an estimate.
    pub key: &'static str,
    pub parent: &'static str,
    pub title: &'static str,
    pub due: &'static str,
    pub estimate: &'static str,
    pub status: &'static str,
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Csv {
    pub fn base(p: Profile) -> Csv {
        match p {
            Profile::Jira => Csv {
                headers: strings(&[
                    "Issue Type",
                    "Issue key",
                    "Issue id",
                    "Parent id",
                    "Summary",
                    "Assignee",
                    "Priority",
                    "Status",
                    "Created",
                    "Due Date",
                    "Original Estimate",
                    "Description",
                ]),
                rows: vec![
                    strings(&[
                        "Epic",
                        "MC-1",
                        "10001",
                        "",
                        "基盤構築",
                        "高橋 誠",
                        "High",
                        "In Progress",
                        "2025-04-01 09:00",
                        "2025-06-30",
                        "",
                        "AWS 基盤, ネットワーク",
                    ]),
                    strings(&[
                        "Story",
                        "MC-2",
                        "10002",
                        "10001",
                        "ネットワーク設計",
                        "高橋 誠",
                        "Medium",
                        "Done",
                        "2025-04-01 09:10",
                        "2025-04-11",
                        "28800",
                        "",
                    ]),
                    strings(&[
                        "Sub-task",
                        "MC-3",
                        "10003",
                        "10002",
                        "VPC 作成",
                        "佐藤 花子",
                        "Low",
                        "To Do",
                        "2025-04-02 10:00",
                        "2025-04-08",
                        "7200",
                        "手順:\n1. 作成\n2. 確認",
                    ]),
                    strings(&[
                        "Story",
                        "MC-4",
                        "10004",
                        "10001",
                        "監視設計",
                        "佐藤 花子",
                        "High",
                        "In Progress",
                        "2025-04-03 11:00",
                        "2025-04-25",
                        "3600",
                        "\"CloudWatch\" を使う",
                    ]),
                ],
                key: "Issue id",
                parent: "Parent id",
                title: "Summary",
                due: "Due Date",
                estimate: "Original Estimate",
                status: "Status",
            },
            Profile::Backlog => Csv {
                headers: strings(&[
                    "Key",
                    "Issue Type",
                    "Subject",
                    "Description",
                    "Status",
                    "Priority",
                    "Assignee",
                    "Created",
                    "Start Date",
                    "Due Date",
                    "Estimated Hours",
                    "Actual Hours",
                    "Parent Issue Key",
                ]),
                rows: vec![
                    strings(&[
                        "WEB-1",
                        "Task",
                        "Site design",
                        "",
                        "In Progress",
                        "High",
                        "Emma Clark",
                        "2025-05-01 09:00:00",
                        "2025-05-01",
                        "2025-05-31",
                        "",
                        "",
                        "",
                    ]),
                    strings(&[
                        "WEB-2",
                        "Task",
                        "Wireframes",
                        "Top, list and detail pages",
                        "Closed",
                        "Normal",
                        "Liam Smith",
                        "2025-05-01 09:05:00",
                        "2025-05-01",
                        "2025-05-09",
                        "16",
                        "18",
                        "WEB-1",
                    ]),
                    strings(&[
                        "WEB-3",
                        "Task",
                        "Visual design",
                        "Two \"moods\"\nfor review",
                        "Open",
                        "Normal",
                        "Emma Clark",
                        "2025-05-02 10:00:00",
                        "2025-05-12",
                        "2025-05-23",
                        "24",
                        "",
                        "WEB-1",
                    ]),
                    strings(&[
                        "WEB-4",
                        "Task",
                        "Style guide",
                        "",
                        "Open",
                        "Low",
                        "Liam Smith",
                        "2025-05-02 11:00:00",
                        "2025-05-26",
                        "2025-05-30",
                        "8",
                        "",
                        "WEB-1",
                    ]),
                ],
                key: "Key",
                parent: "Parent Issue Key",
                title: "Subject",
                due: "Due Date",
                estimate: "Estimated Hours",
                status: "Status",
            },
            Profile::Redmine => Csv {
                headers: strings(&[
                    "#",
                    "Project",
                    "Tracker",
                    "Parent task",
                    "Status",
                    "Priority",
                    "Subject",
                    "Assignee",
                    "Start date",
                    "Due date",
                    "Estimated time",
                    "% Done",
                    "Created",
                    "Description",
                ]),
                rows: vec![
                    strings(&[
                        "12",
                        "Mobile app",
                        "Feature",
                        "",
                        "In Progress",
                        "Normal",
                        "Mobile app v1.0",
                        "Grace Lee",
                        "2025-04-01",
                        "2025-06-30",
                        "",
                        "20",
                        "2025-04-01 09:00",
                        "",
                    ]),
                    strings(&[
                        "13",
                        "Mobile app",
                        "Feature",
                        "#12",
                        "Closed",
                        "High",
                        "Login screen",
                        "Henry Kim",
                        "2025-04-01",
                        "2025-04-11",
                        "16",
                        "100",
                        "2025-04-01 09:10",
                        "OAuth, password",
                    ]),
                    strings(&[
                        "14",
                        "Mobile app",
                        "Feature",
                        "#12",
                        "New",
                        "Normal",
                        "Push notifications",
                        "Henry Kim",
                        "2025-04-14",
                        "2025-05-02",
                        "24",
                        "0",
                        "2025-04-02 10:00",
                        "iOS \"and\"\nAndroid",
                    ]),
                    strings(&[
                        "15",
                        "Mobile app",
                        "Feature",
                        "#12",
                        "In Progress",
                        "Low",
                        "Settings screen",
                        "Grace Lee",
                        "2025-04-07",
                        "2025-04-18",
                        "8",
                        "50",
                        "2025-04-03 11:00",
                        "",
                    ]),
                ],
                key: "#",
                parent: "Parent task",
                title: "Subject",
                due: "Due date",
                estimate: "Estimated time",
                status: "Status",
            },
            Profile::Generic => Csv {
                headers: strings(&[
                    "ID",
                    "タスク名",
                    "担当者",
                    "開始日",
                    "終了日",
                    "予定工数(h)",
                    "進捗率",
                    "状態",
                    "親",
                ]),
                rows: vec![
                    strings(&["T-1", "要件定義", "髙橋 一郎", "2025/4/1", "2025/4/30", "", "", "進行中", ""]),
                    strings(&[
                        "T-2",
                        "業務ヒアリング",
                        "髙橋 一郎",
                        "2025/4/1",
                        "2025/4/4",
                        "16",
                        "100%",
                        "完了",
                        "T-1",
                    ]),
                    strings(&[
                        "T-3",
                        "要件定義書作成",
                        "﨑田 花子",
                        "2025/4/7",
                        "2025/4/18",
                        "40",
                        "50%",
                        "進行中",
                        "T-1",
                    ]),
                    strings(&["T-4", "レビュー", "﨑田 花子", "2025/4/21", "2025/4/25", "8", "0%", "未着手", "T-1"]),
                ],
                key: "ID",
                parent: "親",
                title: "タスク名",
                due: "終了日",
                estimate: "予定工数(h)",
                status: "状態",
            },
        }
    }

    pub fn col(&self, name: &str) -> usize {
        self.headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
    }

    pub fn set(&mut self, row: usize, column: &str, value: &str) -> &mut Self {
        let c = self.col(column);
        self.rows[row][c] = value.to_string();
        self
    }

    fn cell(s: &str, delim: char) -> String {
        if s.contains(delim) || s.contains('"') || s.contains('\n') || s.contains('\r') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }

    fn line(cells: &[String], delim: char) -> String {
        cells.iter().map(|c| Csv::cell(c, delim)).collect::<Vec<_>>().join(&delim.to_string())
    }

    pub fn text(&self) -> String {
        let mut s = Csv::line(&self.headers, ',');
        s.push_str("\r\n");
        for r in &self.rows {
            s.push_str(&Csv::line(r, ','));
            s.push_str("\r\n");
        }
        s
    }

    pub fn header_line(&self) -> String {
        Csv::line(&self.headers, ',')
    }
}

/// Cut points of a CSV text that leave the last record visibly short: right after the delimiter
/// that ends cell `c` of a record, for every `c` up to the third last (the record keeps at most
/// all but one of its cells, so it is ragged; a cut after a quoted cell's opening quote would be
/// an unclosed quote instead). `n` of them, spread evenly over the file.
fn csv_cuts(csv: &Csv, n: usize) -> Vec<usize> {
    let mut all = Vec::new();
    let mut offset = csv.header_line().len() + 2;
    for row in &csv.rows {
        let cells: Vec<String> = row.iter().map(|c| Csv::cell(c, ',')).collect();
        let mut at = offset;
        for cell in cells.iter().take(cells.len().saturating_sub(2)) {
            at += cell.len() + 1;
            all.push(at);
        }
        offset += Csv::line(row, ',').len() + 2;
    }
    let step = (all.len() as f64 / n as f64).max(1.0);
    let picked: std::collections::BTreeSet<usize> =
        (0..n).map(|k| all[((k as f64 * step) as usize).min(all.len() - 1)]).collect();
    picked.into_iter().collect()
}

// ------------------------------------------------------------------ the corpus

/// Every file of the corpus, in a fixed order.
pub fn corpus() -> Vec<Entry> {
    let mut out = Vec::new();
    json_files(&mut out);
    csv_files(&mut out);
    xml_files(&mut out);
    shared_files(&mut out);
    big_files(&mut out);
    out
}

fn sample() -> Value {
    serde_json::from_str(V2_SAMPLE).expect("the v2 sample is JSON")
}

fn edited(edit: impl Fn(&mut Value)) -> Vec<u8> {
    let mut v = sample();
    edit(&mut v);
    serde_json::to_vec_pretty(&v).expect("JSON")
}

/// Replaces the token `"__RAW__"` of the JSON text by `raw` (for values serde_json cannot hold:
/// 1e400, NaN, huge integers).
fn raw_json(edit: impl Fn(&mut Value), raw: &str) -> Vec<u8> {
    let text = String::from_utf8(edited(edit)).expect("utf-8");
    text.replacen("\"__RAW__\"", raw, 1).into_bytes()
}

fn json_files(out: &mut Vec<Entry>) {
    let r = Expect::Refused;
    let pretty = serde_json::to_string_pretty(&sample()).expect("JSON");
    // Truncated at 40 cut points spread over the file (the last few bytes included).
    let n = pretty.len();
    let mut cuts: Vec<usize> = (0..36).map(|k| 1 + k * (n - 2) / 36).collect();
    cuts.extend([n - 1, n - 2, n - 3, n - 10]);
    cuts.sort();
    cuts.dedup();
    for cut in cuts {
        let mut cut = cut;
        while !pretty.is_char_boundary(cut) {
            cut -= 1; // the cut-in-a-character files are separate (encoding)
        }
        let bytes = pretty.as_bytes()[..cut].to_vec();
        fixed(out, "truncated", format!("json-truncated-at-{cut:05}.json"), r, bytes);
    }
    // Cut in the middle of a UTF-8 character.
    let mid = pretty.find("基幹").expect("a Japanese name") + 1;
    fixed(
        out,
        "truncated",
        format!("json-truncated-mid-character-at-{mid:05}.json"),
        r,
        pretty.as_bytes()[..mid].to_vec(),
    );

    // Wrong types in every field kind: text, number, whole number, date, instant, id, list,
    // object, bool, enum word; null where required, negative, out of range, NaN-ish.
    type Edit = (&'static str, &'static str, &'static str, Value);
    let edits: Vec<Edit> = vec![
        ("project", "name", "number", json!(42)),
        ("project", "name", "null", Value::Null),
        ("project", "name", "empty", json!("")),
        ("project", "start", "bad-date-feb-30", json!("2025-02-30")),
        ("project", "target_end", "bad-date-dmy", json!("25/13/2025")),
        ("project", "status", "unknown-word", json!("finished-ish")),
        ("project", "working_days", "text", json!("five")),
        ("project", "working_days", "negative", json!(-5)),
        ("project", "meeting_every_weeks", "zero", json!(0)),
        ("project", "meeting_weekday", "unknown-word", json!("someday")),
        ("project", "company_holidays", "number", json!(12)),
        ("project", "japanese_holidays", "text", json!("yes")),
        ("project", "default_rate", "negative", json!(-1000)),
        ("project", "id", "not-uuid", json!("project-1")),
        ("project", "id", "null", Value::Null),
        ("project", "baseline", "dangling", json!("00000000-0000-4000-8000-00000000dead")),
        ("tasks", "title", "number", json!(12)),
        ("tasks", "title", "array", json!(["a", "b"])),
        ("tasks", "title", "too-long", json!("長".repeat(600))),
        ("tasks", "due", "bad-date-feb-30", json!("2025-02-30")),
        ("tasks", "due", "bad-date-dmy", json!("25/13/2025")),
        ("tasks", "due", "number", json!(20250418)),
        ("tasks", "start", "after-due", json!("2025-05-30")),
        ("tasks", "estimate_hours", "text", json!("ten")),
        ("tasks", "estimate_hours", "negative", json!(-5)),
        ("tasks", "estimate_hours", "nan-text", json!("NaN")),
        ("tasks", "estimate_hours", "huge", json!(1e300)),
        ("tasks", "percent", "over-100", json!(150)),
        ("tasks", "percent", "text-with-sign", json!("50%")),
        ("tasks", "depends_on", "text", json!("x")),
        ("tasks", "depends_on", "numbers", json!([42])),
        ("tasks", "depends_on", "dangling", json!(["00000000-0000-4000-8000-00000000dead"])),
        ("tasks", "parent", "not-uuid", json!("not-a-uuid")),
        ("tasks", "parent", "dangling", json!("00000000-0000-4000-8000-00000000dead")),
        ("tasks", "assignee", "dangling", json!("00000000-0000-4000-8000-00000000dead")),
        ("tasks", "tags", "text", json!("a,b")),
        ("tasks", "milestone", "text", json!("yes")),
        ("tasks", "priority", "unknown-word", json!("urgent")),
        ("tasks", "status", "number", json!(7)),
        ("tasks", "rank", "bool", json!(true)),
        ("tasks", "raci", "text", json!("R")),
        ("tasks", "story_points", "object", json!({})),
        ("tasks", "id", "number", json!(1)),
        ("issues", "title", "array", json!([])),
        ("issues", "raised_on", "bad-date", json!("2025-13-01")),
        ("issues", "status", "unknown-word", json!("wontfix")),
        ("issues", "linked_tasks", "text", json!("task-1")),
        ("risks", "probability", "out-of-scale", json!(9)),
        ("risks", "impact", "text", json!("high")),
        ("risks", "probability", "fraction", json!(2.5)),
        ("risks", "kind", "unknown-word", json!("meteor")),
        ("members", "capacity_hours_per_week", "negative", json!(-40)),
        ("members", "name", "empty", json!("")),
        ("members", "rate", "text", json!("x")),
        ("stakeholders", "influence", "zero", json!(0)),
        ("meetings", "date", "bad-date", json!("2025-02-29")),
        ("meetings", "attendees", "text", json!("everyone")),
        ("action_items", "done", "text", json!("no")),
        ("baselines", "taken_on", "bad-date", json!("2025/04/04")),
        ("changes", "at", "not-instant", json!("yesterday")),
        ("changes", "id", "not-uuid", json!("c-1")),
        ("changes", "entity", "text", json!("project")),
        ("changes", "actor", "number", json!(5)),
    ];
    for (list, field, what, value) in edits {
        let name = format!("json-wrong-type-{}-{}-{}.json", list.replace('_', "-"), field.replace('_', "-"), what);
        let bytes = edited(move |v| {
            let p = &mut v["projects"][0];
            if list == "project" {
                p[field] = value.clone();
            } else {
                p[list][0][field] = value.clone();
            }
        });
        fixed(out, "wrong-types", name, r, bytes);
    }
    // Numbers JSON cannot carry or serde_json refuses.
    for (what, raw) in
        [("1e400", "1e400"), ("nan", "NaN"), ("infinity", "Infinity"), ("minus-1e400", "-1e400"), ("hex", "0x10")]
    {
        let bytes = raw_json(|v| v["projects"][0]["tasks"][0]["estimate_hours"] = json!("__RAW__"), raw);
        fixed(out, "wrong-types", format!("json-wrong-type-tasks-estimate-hours-{what}.json"), r, bytes);
    }
    // Top level.
    let top: Vec<(&str, Box<dyn Fn(&mut Value)>)> = vec![
        ("exported-at-bad", Box::new(|v: &mut Value| v["exported_at"] = json!("last week"))),
        ("app-version-number", Box::new(|v: &mut Value| v["app_version"] = json!(5))),
        ("projects-object", Box::new(|v: &mut Value| v["projects"] = json!({}))),
        ("projects-null", Box::new(|v: &mut Value| v["projects"] = Value::Null)),
        ("projects-missing", Box::new(|v: &mut Value| drop(v.as_object_mut().map(|o| o.remove("projects"))))),
        ("project-is-text", Box::new(|v: &mut Value| v["projects"][0] = json!("基幹システム刷新"))),
        ("tasks-object", Box::new(|v: &mut Value| v["projects"][0]["tasks"] = json!({"a": 1}))),
        ("task-is-number", Box::new(|v: &mut Value| v["projects"][0]["tasks"][0] = json!(3))),
        ("changes-text", Box::new(|v: &mut Value| v["projects"][0]["changes"] = json!("none"))),
    ];
    for (what, edit) in top {
        fixed(out, "wrong-types", format!("json-wrong-type-{what}.json"), r, edited(edit));
    }

    // Schema versions: the next one (newer than this app) and impossible ones.
    let next = mieruka_core::format::SCHEMA_VERSION + 1;
    fixed(out, "version", "json-schema-version-next.json", r, edited(move |v| v["schema_version"] = json!(next)));
    for (what, version) in [
        ("99", json!(99)),
        ("4294967296", json!(4_294_967_296u64)),
        ("negative", json!(-1)),
        ("zero", json!(0)),
        ("text", json!("2")),
        ("fraction", json!(1.5)),
        ("null", Value::Null),
    ] {
        let bytes = edited(move |v| v["schema_version"] = version.clone());
        fixed(out, "version", format!("json-schema-version-{what}.json"), r, bytes);
    }
    fixed(
        out,
        "version",
        "json-schema-version-missing.json",
        r,
        edited(|v| drop(v.as_object_mut().map(|o| o.remove("schema_version")))),
    );
    fixed(
        out,
        "version",
        "json-schema-version-huge.json",
        r,
        raw_json(|v| v["schema_version"] = json!("__RAW__"), "123456789012345678901234567890"),
    );

    // The format marker.
    for (what, marker) in
        [("uppercase", json!("Mieruka")), ("other-app", json!("mieruka2")), ("number", json!(1)), ("null", Value::Null)]
    {
        let bytes = edited(move |v| v["format"] = marker.clone());
        fixed(out, "format-marker", format!("json-format-marker-{what}.json"), r, bytes);
    }
    fixed(
        out,
        "format-marker",
        "json-format-marker-missing.json",
        r,
        edited(|v| drop(v.as_object_mut().map(|o| o.remove("format")))),
    );
    fixed(out, "format-marker", "json-top-level-array.json", r, format!("[{pretty}]").into_bytes());
    fixed(
        out,
        "format-marker",
        "json-package-manifest.json",
        r,
        br#"{ "name": "mieruka", "version": "0.1.0", "dependencies": {} }"#.to_vec(),
    );
    fixed(
        out,
        "format-marker",
        "json-jira-rest-export.json",
        r,
        br#"{ "expand": "schema,names", "startAt": 0, "total": 1, "issues": [ { "key": "MC-1", "fields": { "summary": "x" } } ] }"#.to_vec(),
    );
    for (what, text) in [
        ("null", "null"),
        ("number", "42"),
        ("string", "\"mieruka\""),
        ("empty-object", "{}"),
        ("empty-array", "[]"),
        ("true", "true"),
    ] {
        fixed(out, "format-marker", format!("json-top-level-{what}.json"), r, text.as_bytes().to_vec());
    }

    // Ids that collide, dangling references, cycles.
    let ids: Vec<(&str, Box<dyn Fn(&mut Value)>)> = vec![
        (
            "two-tasks-same-id",
            Box::new(|v: &mut Value| {
                let id = v["projects"][0]["tasks"][0]["id"].clone();
                v["projects"][0]["tasks"][1]["id"] = id;
            }),
        ),
        (
            "two-projects-same-id",
            Box::new(|v: &mut Value| {
                let p = v["projects"][0].clone();
                v["projects"].as_array_mut().expect("list").push(p);
            }),
        ),
        (
            "two-changes-same-id",
            Box::new(|v: &mut Value| {
                let id = v["projects"][0]["changes"][0]["id"].clone();
                v["projects"][0]["changes"][1]["id"] = id;
            }),
        ),
        (
            "two-members-same-id",
            Box::new(|v: &mut Value| {
                let m = v["projects"][0]["members"][0].clone();
                v["projects"][0]["members"].as_array_mut().expect("list").push(m);
            }),
        ),
        (
            "task-own-parent",
            Box::new(|v: &mut Value| {
                let id = v["projects"][0]["tasks"][0]["id"].clone();
                v["projects"][0]["tasks"][0]["parent"] = id;
            }),
        ),
        (
            "parent-cycle",
            Box::new(|v: &mut Value| {
                let a = v["projects"][0]["tasks"][0]["id"].clone();
                let b = v["projects"][0]["tasks"][1]["id"].clone();
                v["projects"][0]["tasks"][0]["parent"] = b;
                v["projects"][0]["tasks"][1]["parent"] = a;
            }),
        ),
        (
            "dependency-cycle",
            Box::new(|v: &mut Value| {
                let a = v["projects"][0]["tasks"][0]["id"].clone();
                let b = v["projects"][0]["tasks"][1]["id"].clone();
                v["projects"][0]["tasks"][0]["depends_on"] = json!([b]);
                v["projects"][0]["tasks"][1]["depends_on"] = json!([a]);
            }),
        ),
        (
            "task-depends-on-itself",
            Box::new(|v: &mut Value| {
                let a = v["projects"][0]["tasks"][0]["id"].clone();
                v["projects"][0]["tasks"][0]["depends_on"] = json!([a]);
            }),
        ),
        (
            "action-item-dangling-meeting",
            Box::new(|v: &mut Value| {
                v["projects"][0]["action_items"][0]["meeting"] = json!("00000000-0000-4000-8000-00000000dead")
            }),
        ),
        (
            "meeting-dangling-attendee",
            Box::new(|v: &mut Value| {
                v["projects"][0]["meetings"][0]["attendees"] = json!(["00000000-0000-4000-8000-00000000dead"])
            }),
        ),
        (
            "issue-dangling-linked-task",
            Box::new(|v: &mut Value| {
                v["projects"][0]["issues"][0]["linked_tasks"] = json!(["00000000-0000-4000-8000-00000000dead"])
            }),
        ),
        (
            "risk-dangling-owner",
            Box::new(|v: &mut Value| {
                v["projects"][0]["risks"][0]["owner"] = json!("00000000-0000-4000-8000-00000000dead")
            }),
        ),
        (
            "member-id-is-a-task-id",
            Box::new(|v: &mut Value| {
                let id = v["projects"][0]["tasks"][0]["id"].clone();
                v["projects"][0]["members"][0]["id"] = id;
            }),
        ),
    ];
    for (what, edit) in ids {
        fixed(out, "ids-and-references", format!("json-ids-{what}.json"), r, edited(edit));
    }

    // Encodings: Mieruka JSON is UTF-8; anything else that loses characters is refused.
    fixed(out, "encoding", "json-cp932-with-utf8-bom.json", r, [b"\xEF\xBB\xBF".to_vec(), sjis(&pretty)].concat());
    fixed(out, "encoding", "json-utf8-with-a-stray-cp932-name.json", r, {
        let at = pretty.find("基幹システム刷新").expect("name");
        let mut b = pretty.as_bytes()[..at].to_vec();
        b.extend(sjis("基幹システム刷新"));
        b.extend(&pretty.as_bytes()[at + "基幹システム刷新".len()..]);
        [b"\xEF\xBB\xBF".to_vec(), b].concat()
    });
    fixed(out, "encoding", "json-utf16le-odd-length.json", r, {
        let mut b = utf16le(&pretty, true);
        b.truncate(b.len() - 3);
        b
    });
    fixed(out, "encoding", "json-utf16le-no-bom.json", r, utf16le(&pretty, false));
    fixed(out, "encoding", "json-utf16be-unpaired-surrogate.json", r, {
        let mut b = utf16be(&pretty);
        let at = (b.len() / 2) & !1;
        b[at] = 0xD8;
        b[at + 1] = 0x00;
        b
    });
    fixed(out, "encoding", "json-latin1-bytes.json", r, {
        let mut b = pretty.replace("基幹システム刷新", "Caf\u{e9}").into_bytes();
        let at = b.iter().position(|x| *x == 0xC3).expect("é");
        b.splice(at..at + 2, [0xE9]);
        b
    });

    // NUL bytes.
    fixed(out, "nul-bytes", "json-nul-byte-in-the-middle.json", r, {
        let mut b = pretty.clone().into_bytes();
        let at = b.len() / 2;
        b.insert(at, 0);
        b
    });

    // Nesting 10⁴ deep (and 10⁵, and unclosed).
    let deep = 10_000;
    fixed(out, "nesting", "json-nested-arrays-10000-deep.json", r, ("[".repeat(deep) + &"]".repeat(deep)).into_bytes());
    fixed(
        out,
        "nesting",
        "json-nested-objects-10000-deep.json",
        r,
        ("{\"a\":".repeat(deep) + "1" + &"}".repeat(deep)).into_bytes(),
    );
    fixed(out, "nesting", "json-nested-arrays-100000-deep-unclosed.json", r, "[".repeat(100_000).into_bytes());
    fixed(out, "nesting", "json-nested-in-change-value-10000-deep.json", r, {
        let nested = "[".repeat(deep) + &"]".repeat(deep);
        raw_json(|v| v["projects"][0]["changes"][0]["to"] = json!("__RAW__"), &nested)
    });
    fixed(out, "nesting", "json-nested-in-task-title-10000-deep.json", r, {
        let nested = "{\"x\":".repeat(deep) + "null" + &"}".repeat(deep);
        raw_json(|v| v["projects"][0]["tasks"][0]["title"] = json!("__RAW__"), &nested)
    });
}

fn csv_files(out: &mut Vec<Entry>) {
    let r = Expect::Refused;
    const RAGGED: Expect = Expect::RefusedOrWarn(&["RaggedRow"]);
    for p in Profile::ALL {
        let w = p.word();
        let base = Csv::base(p);
        let text = base.text();
        // Truncated after a delimiter in the middle of a record: 12 cut points.
        for cut in csv_cuts(&base, 12) {
            fixed(
                out,
                "truncated",
                format!("csv-{w}-truncated-at-{cut:04}.csv"),
                RAGGED,
                text.as_bytes()[..cut].to_vec(),
            );
        }
        // Cut inside a quoted multi-line cell, and in the middle of a UTF-8 character.
        if let Some(q) = text.find('"') {
            let q = (q + 3..).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
            fixed(out, "truncated", format!("csv-{w}-truncated-in-quoted-cell.csv"), r, text.as_bytes()[..q].to_vec());
        }
        let header_end = text.find('\n').unwrap_or(0);
        if let Some((i, _)) = text.char_indices().skip_while(|(i, _)| *i < header_end).find(|(_, c)| c.len_utf8() == 3)
        {
            // The record loses its end in the middle of a character.
            fixed(
                out,
                "truncated",
                format!("csv-{w}-truncated-mid-character.csv"),
                Expect::RefusedOrWarn(&["RaggedRow", "Undecodable"]),
                text.as_bytes()[..i + 1].to_vec(),
            );
        }

        // Ragged rows: one short, one long.
        let mut short = base.clone();
        short.rows[1].truncate(3);
        fixed(out, "ragged", format!("csv-{w}-ragged-short-row.csv"), RAGGED, short.text().into_bytes());
        let mut long = base.clone();
        long.rows[2].extend(strings(&["extra", "cells"]));
        fixed(out, "ragged", format!("csv-{w}-ragged-long-row.csv"), RAGGED, long.text().into_bytes());

        // Unclosed quotes.
        let mut t = base.text();
        let at = t.find(&base.rows[2][base.col(base.title)]).expect("title");
        t.insert(at, '"');
        // A stray quote that pairs with a later one: RFC 4180-valid, the rows it swallows show up
        // as ragged.
        fixed(out, "unclosed-quote", format!("csv-{w}-unclosed-quote-in-row.csv"), RAGGED, t.into_bytes());
        let mut t = base.text();
        t.push_str(&format!("X,\"{}\r\n", base.rows[0][0]));
        fixed(out, "unclosed-quote", format!("csv-{w}-unclosed-quote-in-last-row.csv"), r, t.into_bytes());
        let t = format!("\"{}", base.text());
        fixed(out, "unclosed-quote", format!("csv-{w}-unclosed-quote-in-header.csv"), r, t.into_bytes());

        // Duplicate headers of a column that is read (the title, the key, the status, the due date).
        for (what, col) in [("title", base.title), ("key", base.key), ("status", base.status), ("due", base.due)] {
            let mut d = base.clone();
            let c = d.col(col);
            d.headers.push(col.to_string());
            for (i, row) in d.rows.iter_mut().enumerate() {
                let v = if i == 1 { format!("{} (2)", row[c]) } else { row[c].clone() };
                let v = if what == "due" && i == 1 { "2025-12-31".to_string() } else { v };
                let v = if what == "status" && i == 1 { row[c].clone() + "x" } else { v };
                let v = if what == "key" && i == 1 { "X-99".to_string() } else { v };
                row.push(v);
            }
            fixed(
                out,
                "duplicate-headers",
                format!("csv-{w}-duplicate-headers-{what}.csv"),
                Expect::RefusedOrWarn(&["DuplicateColumn"]),
                d.text().into_bytes(),
            );
        }
        let mut same = base.clone();
        let n = same.headers.len();
        same.headers = vec![base.title.to_string(); n];
        fixed(
            out,
            "duplicate-headers",
            format!("csv-{w}-duplicate-headers-all-the-same.csv"),
            Expect::RefusedOrWarn(&["DuplicateColumn"]),
            same.text().into_bytes(),
        );

        // Header only, and header plus blank lines.
        fixed(out, "empty", format!("csv-{w}-header-only.csv"), r, (base.header_line() + "\r\n").into_bytes());
        fixed(
            out,
            "empty",
            format!("csv-{w}-header-and-blank-lines.csv"),
            r,
            (base.header_line() + &"\r\n".repeat(50) + &",".repeat(n - 1)).into_bytes(),
        );

        // Bad dates and numbers.
        for (what, value) in [("feb-30", "2025-02-30"), ("month-13", "25/13/2025"), ("word", "next week")] {
            let mut d = base.clone();
            d.set(1, base.due, value);
            fixed(
                out,
                "bad-dates",
                format!("csv-{w}-bad-date-{what}.csv"),
                Expect::RefusedOrWarn(&["BadDate"]),
                d.text().into_bytes(),
            );
        }
        for (what, value) in [("text", "ten"), ("negative", "-5"), ("1e400", "1e400"), ("nan", "NaN")] {
            let mut d = base.clone();
            d.set(1, base.estimate, value);
            fixed(
                out,
                "wrong-types",
                format!("csv-{w}-bad-number-{what}.csv"),
                Expect::RefusedOrWarn(&["BadNumber"]),
                d.text().into_bytes(),
            );
        }
        // Unknown status word.
        let mut d = base.clone();
        d.set(2, base.status, "Blocked by legal ⚖");
        fixed(
            out,
            "wrong-types",
            format!("csv-{w}-unknown-status.csv"),
            Expect::RefusedOrWarn(&["UnmappedStatus"]),
            d.text().into_bytes(),
        );

        // Ids that collide, dangling parents, cycles.
        let mut d = base.clone();
        let k0 = d.rows[1][d.col(base.key)].clone();
        d.set(2, base.key, &k0);
        d.set(3, base.parent, "");
        fixed(
            out,
            "ids-and-references",
            format!("csv-{w}-duplicate-key.csv"),
            Expect::RefusedOrWarn(&["DuplicateKey"]),
            d.text().into_bytes(),
        );
        let mut d = base.clone();
        let dangling = match p {
            Profile::Jira => "99999",
            Profile::Redmine => "#999",
            Profile::Backlog => "WEB-999",
            Profile::Generic => "T-999",
        };
        d.set(2, base.parent, dangling);
        fixed(
            out,
            "ids-and-references",
            format!("csv-{w}-dangling-parent.csv"),
            Expect::RefusedOrWarn(&["UnknownParent"]),
            d.text().into_bytes(),
        );
        let mut d = base.clone();
        let key = |row: usize| {
            let k = base.rows[row][base.col(base.key)].clone();
            if p == Profile::Redmine {
                format!("#{k}")
            } else {
                k
            }
        };
        d.set(0, base.parent, &key(1));
        fixed(
            out,
            "ids-and-references",
            format!("csv-{w}-parent-cycle.csv"),
            Expect::RefusedOrWarn(&["ParentCycle"]),
            d.text().into_bytes(),
        );
        let mut d = base.clone();
        d.set(1, base.parent, &key(1));
        fixed(
            out,
            "ids-and-references",
            format!("csv-{w}-own-parent.csv"),
            Expect::RefusedOrWarn(&["ParentCycle"]),
            d.text().into_bytes(),
        );

        // Encodings: CP932 behind a UTF-8 BOM, CP932 with broken bytes, UTF-8 and CP932 mixed,
        // UTF-16 without a BOM, UTF-16 with an odd length.
        let undecodable = Expect::RefusedOrWarn(&["Undecodable"]);
        let mut ja = base.clone();
        ja.set(0, base.title, "基盤構築・髙﨑①");
        let ja_text = ja.text();
        fixed(
            out,
            "encoding",
            format!("csv-{w}-utf8-bom-then-cp932.csv"),
            undecodable,
            [b"\xEF\xBB\xBF".to_vec(), sjis(&ja_text)].concat(),
        );
        fixed(out, "encoding", format!("csv-{w}-cp932-broken-lead-byte.csv"), undecodable, {
            let mut b = sjis(&ja_text);
            let at = b.iter().position(|x| *x == b'\n').expect("line") + 3;
            b.insert(at, 0x82);
            b.insert(at + 1, b',');
            b
        });
        fixed(out, "encoding", format!("csv-{w}-cp932-undecodable-bytes.csv"), undecodable, {
            let mut b = sjis(&ja_text);
            let at = b.len() / 2;
            b.splice(at..at, [0xA0, 0xFD, 0xFE, 0xFF]);
            b
        });
        fixed(out, "encoding", format!("csv-{w}-utf8-and-cp932-mixed.csv"), undecodable, {
            let cut = ja_text.find('\n').expect("line") + 1;
            let mut b = ja_text.as_bytes()[..cut].to_vec();
            b.extend(sjis(&ja_text[cut..]));
            b.extend("末尾 — UTF-8\r\n".as_bytes());
            b
        });
        fixed(out, "encoding", format!("csv-{w}-utf16le-no-bom.csv"), r, utf16le(&ja_text, false));
        fixed(
            out,
            "encoding",
            format!("csv-{w}-utf16le-odd-length.csv"),
            Expect::RefusedOrWarn(&["Undecodable", "RaggedRow"]),
            {
                let mut b = utf16le(&ja_text, true);
                b.truncate(b.len() - 5);
                b
            },
        );

        // NUL bytes.
        fixed(out, "nul-bytes", format!("csv-{w}-nul-byte-in-cell.csv"), r, {
            let mut b = text.clone().into_bytes();
            let at = b.len() * 2 / 3;
            b.insert(at, 0);
            b
        });
    }
    // The generic CSV: a semicolon file whose header has one column, a TSV with ragged rows.
    fixed(
        out,
        "ragged",
        "csv-generic-tsv-ragged.tsv",
        RAGGED,
        b"ID\tTitle\tDue\nA\tOne\t2025-04-01\nB\tTwo\nC\tThree\t2025-04-03\tx\n".to_vec(),
    );
    fixed(out, "empty", "csv-generic-one-column-no-title.csv", r, b"Notes\nfoo\nbar\n".to_vec());
    fixed(out, "wrong-types", "csv-generic-only-unknown-headers.csv", r, b"alpha,beta,gamma\n1,2,3\n4,5,6\n".to_vec());
}

fn xml_files(out: &mut Vec<Entry>) {
    let r = Expect::Refused;
    for (w, base) in [("msproject", MSPDI_JA), ("projectlibre", MSPDI_LIBRE)] {
        let end = base.rfind("</Project>").expect("root end");
        for k in 0..10 {
            let mut cut = 1 + k * (end - 1) / 10;
            while !base.is_char_boundary(cut) {
                cut -= 1;
            }
            fixed(out, "truncated", format!("xml-{w}-truncated-at-{cut:05}.xml"), r, base.as_bytes()[..cut].to_vec());
        }
    }
    let x = MSPDI_LIBRE;
    let with = |from: &str, to: &str| x.replacen(from, to, 1).into_bytes();
    fixed(
        out,
        "xml-dtd",
        "xml-billion-laughs.xml",
        r,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [\n<!ENTITY a \"aaaaaaaaaa\">\n{}]>\n<Project><Name>&j;</Name><Tasks/></Project>\n",
            (b'b'..=b'j').map(|c| format!("<!ENTITY {} \"{}\">\n", c as char, format!("&{};", (c - 1) as char).repeat(10))).collect::<String>()
        )
        .into_bytes(),
    );
    fixed(
        out,
        "xml-dtd",
        "xml-external-entity.xml",
        r,
        b"<?xml version=\"1.0\"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Project><Name>&x;</Name><Tasks/></Project>\n".to_vec(),
    );
    fixed(out, "xml-dtd", "xml-doctype-in-mspdi.xml", r, {
        let at = x.find("<Project").expect("root");
        let mut s = x.to_string();
        s.insert_str(at, "<!DOCTYPE Project SYSTEM \"http://example.invalid/p.dtd\">\n");
        s.into_bytes()
    });
    fixed(
        out,
        "format-marker",
        "xml-not-ms-project.xml",
        r,
        b"<?xml version=\"1.0\"?>\n<html><body><p>hello</p></body></html>\n".to_vec(),
    );
    fixed(
        out,
        "format-marker",
        "xml-project-without-tasks.xml",
        r,
        b"<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\"><Name>x</Name></Project>\n"
            .to_vec(),
    );
    fixed(out, "format-marker", "xml-wrong-namespace.xml", r, b"<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:other\"><Tasks><Task><UID>1</UID><Name>a</Name></Task></Tasks></Project>\n".to_vec());
    fixed(out, "truncated", "xml-mismatched-tags.xml", r, with("</Name>", "</Nmae>"));
    fixed(out, "truncated", "xml-unescaped-ampersand.xml", r, with("<Name>", "<Name>R&D "));
    fixed(out, "nesting", "xml-nested-10000-deep.xml", r, {
        let mut s = String::from("<?xml version=\"1.0\"?>\n<Project><Tasks><Task><UID>1</UID><Name>a</Name>");
        s.push_str(&"<x>".repeat(10_000));
        s.push_str(&"</x>".repeat(10_000));
        s.push_str("</Task></Tasks></Project>\n");
        s.into_bytes()
    });
    fixed(
        out,
        "nesting",
        "xml-nested-10000-deep-unclosed.xml",
        r,
        ("<Project>".to_string() + &"<Tasks>".repeat(10_000)).into_bytes(),
    );
    // Tasks with problems the preview must name.
    let task = |uid: u32, name: &str, extra: &str| {
        format!("<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>1</OutlineLevel>{extra}</Task>")
    };
    let doc = |tasks: String| {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\"><Name>p</Name><Tasks>{tasks}</Tasks></Project>\n")
            .into_bytes()
    };
    let pred =
        |uid: u32| format!("<PredecessorLink><PredecessorUID>{uid}</PredecessorUID><Type>1</Type></PredecessorLink>");
    fixed(
        out,
        "bad-dates",
        "xml-task-bad-date.xml",
        Expect::RefusedOrWarn(&["BadDate"]),
        doc(task(1, "a", "<Start>2025-02-30T08:00:00</Start><Finish>2025-03-02T17:00:00</Finish>")),
    );
    fixed(
        out,
        "wrong-types",
        "xml-task-bad-duration.xml",
        Expect::RefusedOrWarn(&["BadNumber"]),
        doc(task(1, "a", "<Work>ten hours</Work>")),
    );
    fixed(
        out,
        "ids-and-references",
        "xml-duplicate-uid.xml",
        Expect::RefusedOrWarn(&["DuplicateKey"]),
        doc(task(1, "a", "") + &task(1, "b", "")),
    );
    fixed(
        out,
        "ids-and-references",
        "xml-dangling-predecessor.xml",
        Expect::RefusedOrWarn(&["UnknownPredecessor"]),
        doc(task(1, "a", &pred(77))),
    );
    fixed(
        out,
        "ids-and-references",
        "xml-predecessor-cycle.xml",
        Expect::RefusedOrWarn(&["DependencyCycle", "SelfDependency"]),
        doc(task(1, "a", &pred(2)) + &task(2, "b", &pred(1))),
    );
    fixed(
        out,
        "ids-and-references",
        "xml-task-own-predecessor.xml",
        Expect::RefusedOrWarn(&["SelfDependency"]),
        doc(task(1, "a", &pred(1))),
    );
    fixed(out, "empty", "xml-tasks-empty.xml", r, doc(String::new()));
    fixed(out, "empty", "xml-only-declaration.xml", r, b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".to_vec());
}

/// Files whose type is decided by the name: every one as .csv, .json and no extension.
fn shared_files(out: &mut Vec<Entry>) {
    let r = Expect::Refused;
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    xlsx.extend(b"[Content_Types].xml");
    xlsx.extend([0u8; 64]);
    let binaries: Vec<(&str, Vec<u8>)> = vec![
        ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00".to_vec()),
        ("xlsx", xlsx),
        ("zip", b"PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec()),
        ("xls-ole2", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00\x00\x00\x00\x00".to_vec()),
        ("gzip", b"\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03\xCB\x48\xCD\xC9\xC9\x07\x00".to_vec()),
        (
            "pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02\x03\x04\nendstream\n"
                .to_vec(),
        ),
        ("jpeg", b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01".to_vec()),
        ("exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00".to_vec()),
    ];
    for (what, bytes) in binaries {
        for ext in ["csv", "json", "xlsx"] {
            let ext = if what == "xlsx" || ext != "xlsx" { ext } else { what.split('-').next().unwrap_or(what) };
            fixed(out, "binary", format!("binary-{what}-named.{ext}"), r, bytes.clone());
        }
    }
    // High bytes but no NUL: not text in any encoding.
    let noise: Vec<u8> = (0u32..4096).map(|i| (0x80 + (i.wrapping_mul(2_654_435_761) >> 25)) as u8).collect();
    fixed(out, "binary", "binary-high-bytes-no-nul.csv", Expect::RefusedOrWarn(&["Undecodable"]), noise.clone());
    fixed(out, "binary", "binary-high-bytes-no-nul.json", r, noise);

    // Empty and blank.
    for ext in ["json", "csv", "xml", "txt", "tsv"] {
        fixed(out, "empty", format!("empty-0-bytes.{ext}"), r, Vec::new());
    }
    fixed(out, "empty", "empty-0-bytes-no-extension", r, Vec::new());
    for ext in ["json", "csv", "xml"] {
        fixed(out, "empty", format!("empty-whitespace-only.{ext}"), r, b"  \r\n\t\n  ".to_vec());
        fixed(out, "empty", format!("empty-bom-only.{ext}"), r, b"\xEF\xBB\xBF".to_vec());
    }
    fixed(out, "empty", "empty-utf16-bom-only.csv", r, b"\xFF\xFE".to_vec());
    fixed(out, "nul-bytes", "nul-bytes-only.csv", r, vec![0u8; 100]);
    fixed(out, "nul-bytes", "nul-bytes-only.json", r, vec![0u8; 100]);
}

/// ≈ 50 MB files and 10⁶ rows, built on demand.
fn big_files(out: &mut Vec<Entry>) {
    let r = Expect::Refused;
    entry(out, "large", "large-json-50mb-title.json", r, || {
        edited(|v| v["projects"][0]["tasks"][0]["title"] = json!("あ".repeat(50 * MB / 3)))
    });
    entry(out, "large", "large-json-50mb-truncated.json", r, || {
        let mut b = edited(|v| v["projects"][0]["description"] = json!("x".repeat(50 * MB)));
        b.truncate(b.len() - 100);
        b
    });
    entry(out, "large", "large-json-50mb-of-numbers-in-tasks.json", r, || {
        let mut s = String::with_capacity(50 * MB + 100);
        s.push_str("{\"format\":\"mieruka\",\"schema_version\":2,\"projects\":[{\"id\":\"00000000-0000-4000-8000-000000000001\",\"name\":\"n\",\"tasks\":[");
        while s.len() < 50 * MB {
            s.push_str("1234567,");
        }
        s.push_str("0]}]}");
        s.into_bytes()
    });
    entry(out, "large", "large-csv-50mb-one-cell-title.csv", Expect::RefusedOrWarn(&["TitleCut"]), || {
        let mut c = Csv::base(Profile::Backlog);
        c.set(1, "Subject", &"長".repeat(50 * MB / 3));
        c.text().into_bytes()
    });
    entry(
        out,
        "large",
        "large-csv-50mb-one-cell-description.csv",
        Expect::RefusedOrWarn(&["DescriptionCut", "RowInvalid"]),
        || {
            let mut c = Csv::base(Profile::Redmine);
            c.set(1, "Description", &"x".repeat(50 * MB));
            c.text().into_bytes()
        },
    );
    entry(out, "large", "large-csv-50mb-unclosed-quote.csv", r, || {
        let mut s = Csv::base(Profile::Jira).header_line();
        s.push_str("\r\nStory,MC-9,10009,,\"");
        s.push_str(&"a,b\r\n".repeat(50 * MB / 5));
        s.into_bytes()
    });
    entry(out, "large", "large-binary-50mb.csv", r, || vec![0u8; 50 * MB]);
    entry(out, "large", "large-over-the-limit-201mb.json", r, || vec![b' '; 201 * MB]);
    entry(out, "rows", "rows-csv-1000001-rows.csv", r, || {
        let mut s = String::from("ID,Title,Due\n");
        for i in 0..1_000_001 {
            s.push_str(&format!("T{i},t,2025-04-01\n"));
        }
        s.into_bytes()
    });
    entry(out, "rows", "rows-csv-header-and-1000000-blank-records.csv", r, || {
        let mut s = String::from("ID,Title,Due\n");
        s.push_str(&",,\n".repeat(1_000_000));
        s.into_bytes()
    });
    entry(out, "rows", "rows-json-1000000-empty-changes.json", r, || {
        let mut s = String::from("{\"format\":\"mieruka\",\"schema_version\":2,\"projects\":[{\"id\":\"00000000-0000-4000-8000-000000000001\",\"name\":\"n\",\"changes\":[");
        for _ in 0..999_999 {
            s.push_str("{},");
        }
        s.push_str("{}]}]}");
        s.into_bytes()
    });
}
