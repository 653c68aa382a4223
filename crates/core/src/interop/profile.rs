//! (Over 400 lines: most of it is data, the header words and value maps of each tool, declared
//! once here, and their tests against real exports.)
//!
//! What each tool's export looks like: header names (Japanese and English variants), units and
//! the default mapping of its status, priority and type words.
//!
//! Headers are compared after [`normalize_header`]: BOM and surrounding quotes removed, full-width
//! ASCII folded to half-width (`（ｈ）` = `(h)`, `％` = `%`), all white space removed and lower-cased,
//! so `Estimate (h)`, `estimate(h)` and `Ｅｓｔｉｍａｔｅ（ｈ）` are the same header.
//!
//! A column gets at most one single-valued target (the best-ranked alias wins, the others are
//! ignored); repeated columns of a multi-valued target (Jira's `Labels`, `Sprint`, `Comment`,
//! Backlog's `コメント1…N`) are all mapped.
//!
//! # Keys and parents
//! * **Jira**: the key is `Issue key` (`Work item key`) and the parent is `Parent key` when the
//!   file has it. Older server exports (`Parent id`) and cloud exports (`Parent`) hold the parent's
//!   numeric *issue id* instead: when no parent-key column exists but a parent-id column and an
//!   `Issue id` column do, the key is taken from `Issue id` so that parents resolve (the human key
//!   `PROJ-12` is then not imported; re-imports still match, ids are stable). In that mode the
//!   issue-link columns, which hold keys, are not mapped to predecessors.
//! * **Redmine**: the key column `#` holds `123` while `親チケット` / `Parent task` holds `#123`;
//!   keys are expected to be compared after stripping one leading `#`.
//! * **Backlog**: `キー` (`PRJ-12`) and `親課題キー` (`PRJ-3`) use the same key space.

use super::{ColumnMap, ItemKind, Source, Target, ValueMaps};
use crate::enums::{Priority, TaskStatus};
use crate::lang::Lang;
use crate::words::{texts, W};

/// A header as compared: no BOM, no surrounding quotes, full-width ASCII folded to half-width, no
/// white space, lower case.
pub fn normalize_header(h: &str) -> String {
    let h = h.trim_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    let h = h.strip_prefix('"').and_then(|x| x.strip_suffix('"')).unwrap_or(h);
    h.chars()
        .filter(|c| *c != '\u{feff}')
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One target and the header names that mean it, best first. A name ending in `{n}` matches that
/// prefix followed by digits only (`コメント{n}` matches `コメント1`, `コメント12`).
struct Rule {
    target: Target,
    multi: bool,
    names: &'static [&'static str],
}

const fn one(target: Target, names: &'static [&'static str]) -> Rule {
    Rule { target, multi: false, names }
}

const fn many(target: Target, names: &'static [&'static str]) -> Rule {
    Rule { target, multi: true, names }
}

fn matches(header: &str, name: &str) -> bool {
    match name.strip_suffix("{n}") {
        Some(prefix) => {
            let prefix = normalize_header(prefix);
            header.strip_prefix(prefix.as_str()).is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        }
        None => header == normalize_header(name),
    }
}

fn assign(headers: &[String], rules: &[Rule]) -> ColumnMap {
    let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut columns = vec![Target::Ignore; norm.len()];
    let mut taken = vec![false; norm.len()];
    for rule in rules {
        if rule.multi {
            for (i, h) in norm.iter().enumerate() {
                if !taken[i] && rule.names.iter().any(|n| matches(h, n)) {
                    columns[i] = rule.target;
                    taken[i] = true;
                }
            }
        } else if !columns.contains(&rule.target) {
            let found = rule.names.iter().find_map(|n| (0..norm.len()).find(|&i| !taken[i] && matches(&norm[i], n)));
            if let Some(i) = found {
                columns[i] = rule.target;
                taken[i] = true;
            }
        }
    }
    ColumnMap { columns }
}

fn has(norm: &[String], names: &[&str]) -> bool {
    norm.iter().any(|h| names.iter().any(|n| matches(h, n)))
}

fn count(norm: &[String], names: &[&str]) -> usize {
    names.iter().filter(|n| norm.iter().any(|h| matches(h, n))).count()
}

// ------------------------------------------------------------------------------------ Jira

const JIRA_KEY: &[&str] = &["Issue key", "Work item key", "課題キー", "作業項目キー"];
const JIRA_ID: &[&str] = &["Issue id", "Work item id", "課題 ID", "作業項目 ID"];
const JIRA_PARENT_KEY: &[&str] = &["Parent key", "Parent work item key", "Parent issue key", "親キー", "親課題キー"];
const JIRA_PARENT_ID: &[&str] =
    &["Parent id", "Parent work item id", "Parent issue id", "Parent", "Parent work item", "親 ID", "親"];

/// Everything of a Jira export except the key, the parent and the links.
const JIRA_COMMON: &[Rule] = &[
    one(Target::Title, &["Summary", "要約"]),
    one(Target::Kind, &["Issue Type", "Work type", "Work item type", "課題タイプ", "作業タイプ"]),
    one(Target::Status, &["Status", "ステータス"]),
    one(Target::Priority, &["Priority", "優先度"]),
    one(Target::Assignee, &["Assignee", "担当者"]),
    one(Target::Created, &["Created", "作成日", "作成日時"]),
    one(Target::Updated, &["Updated", "更新日", "更新日時"]),
    one(Target::Resolved, &["Resolved", "解決日", "解決日時"]),
    one(Target::Due, &["Due date", "Due Date", "期限", "期日", "Custom field (Target end)", "Target end"]),
    one(
        Target::Start,
        &[
            "Custom field (Start date)",
            "Start date",
            "カスタムフィールド (Start date)",
            "開始日",
            "Custom field (Target start)",
            "Target start",
        ],
    ),
    one(Target::EstimateSeconds, &["Original Estimate", "初期見積もり", "初期見積", "当初の見積もり"]),
    one(Target::RemainingSeconds, &["Remaining Estimate", "残余見積もり", "残りの見積もり", "残り見積もり"]),
    one(Target::ActualSeconds, &["Time Spent", "消費時間", "作業時間"]),
    one(
        Target::StoryPoints,
        &[
            "Custom field (Story Points)",
            "Custom field (Story point estimate)",
            "Story point estimate",
            "Story Points",
            "カスタムフィールド (Story Points)",
            "カスタムフィールド (Story point estimate)",
            "ストーリーポイント",
        ],
    ),
    one(Target::Percent, &["Progress", "進捗状況"]),
    one(Target::Description, &["Description", "説明"]),
    many(
        Target::Label,
        &[
            "Labels",
            "ラベル",
            "Custom field (Epic Link)",
            "Component/s",
            "Components",
            "コンポーネント",
            "Fix Version/s",
            "Fix versions",
            "修正バージョン",
        ],
    ),
    many(Target::Sprint, &["Sprint", "スプリント"]),
    many(Target::Comment, &["Comment", "Comments", "コメント"]),
];

/// Jira's "is blocked by" links hold the keys of the items that must finish first.
const JIRA_LINKS: &[Rule] =
    &[many(Target::Predecessors, &["Inward issue link (Blocks)", "Inward work item link (Blocks)"])];

fn suggest_jira(headers: &[String]) -> ColumnMap {
    let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let by_id = !has(&norm, JIRA_PARENT_KEY) && has(&norm, JIRA_PARENT_ID) && has(&norm, JIRA_ID);
    let mut rules: Vec<Rule> = Vec::new();
    if by_id {
        rules.push(one(Target::Key, JIRA_ID));
        rules.push(one(Target::ParentKey, JIRA_PARENT_ID));
    } else {
        rules.push(one(Target::Key, JIRA_KEY));
        rules.push(one(Target::ParentKey, JIRA_PARENT_KEY));
        // No parent key and no issue ids to resolve parent ids against: a `Parent` column may
        // still hold keys; unresolved values are reported by the import.
        rules.push(one(Target::ParentKey, JIRA_PARENT_ID));
    }
    let mut map = assign(headers, &rules);
    let rest = assign(headers, JIRA_COMMON);
    let links =
        if by_id { ColumnMap { columns: vec![Target::Ignore; headers.len()] } } else { assign(headers, JIRA_LINKS) };
    merge_maps(&mut map, &[rest, links]);
    map
}

/// Fills the ignored columns of `map` from the others, in order.
fn merge_maps(map: &mut ColumnMap, others: &[ColumnMap]) {
    // A later single-valued target already set in `map` is not set twice.
    for other in others {
        for (i, t) in other.columns.iter().enumerate() {
            if *t == Target::Ignore || map.columns[i] != Target::Ignore {
                continue;
            }
            if !is_multi(*t) && map.columns.contains(t) {
                continue;
            }
            map.columns[i] = *t;
        }
    }
}

fn is_multi(t: Target) -> bool {
    matches!(t, Target::Label | Target::Sprint | Target::Comment | Target::Predecessors)
}

// --------------------------------------------------------------------------------- Backlog

const BACKLOG: &[Rule] = &[
    one(Target::Key, &["キー", "Key", "課題キー", "Issue Key"]),
    one(Target::ParentKey, &["親課題キー", "Parent Issue Key", "Parent Key", "親課題", "Parent Issue"]),
    one(Target::Title, &["件名", "Subject", "Summary"]),
    one(Target::Description, &["詳細", "Description"]),
    one(Target::Status, &["状態", "Status"]),
    one(Target::Priority, &["優先度", "Priority"]),
    one(Target::Assignee, &["担当者", "Assignee", "Assigner"]),
    one(Target::Kind, &["種別", "Issue Type", "Type"]),
    one(Target::Start, &["開始日", "Start Date"]),
    one(Target::Due, &["期限日", "Due Date"]),
    one(Target::EstimateHours, &["予定時間", "Estimated Hours"]),
    one(Target::ActualHours, &["実績時間", "Actual Hours"]),
    one(Target::Created, &["登録日", "Created", "Created Date"]),
    one(Target::Updated, &["更新日", "Updated", "Updated Date"]),
    one(Target::Resolved, &["完了日", "Completed", "Completed Date"]),
    many(
        Target::Label,
        &["カテゴリー名", "カテゴリー", "Category Name", "Category", "発生バージョン", "Version", "Affected Version"],
    ),
    many(Target::Sprint, &["マイルストーン", "Milestone"]),
    many(Target::Comment, &["コメント{n}", "Comment{n}"]),
];

// --------------------------------------------------------------------------------- Redmine

const REDMINE: &[Rule] = &[
    one(Target::Key, &["#", "ID"]),
    one(Target::ParentKey, &["親チケット", "Parent task", "Parent"]),
    one(Target::Title, &["題名", "Subject"]),
    one(Target::Description, &["説明", "Description"]),
    one(Target::Status, &["ステータス", "Status"]),
    one(Target::Priority, &["優先度", "Priority"]),
    one(Target::Assignee, &["担当者", "Assignee", "Assigned to"]),
    one(Target::Kind, &["トラッカー", "Tracker"]),
    one(Target::Start, &["開始日", "Start date", "Start"]),
    one(Target::Due, &["期日", "Due date"]),
    one(Target::EstimateHours, &["予定工数", "Estimated time"]),
    one(Target::ActualHours, &["作業時間", "Spent time"]),
    one(Target::Percent, &["進捗率", "% Done"]),
    one(Target::Created, &["作成日", "Created"]),
    one(Target::Updated, &["更新日", "Updated"]),
    one(Target::Resolved, &["終了日", "Closed"]),
    many(Target::Label, &["カテゴリ", "Category"]),
    many(Target::Sprint, &["対象バージョン", "Target version"]),
    many(Target::Comment, &["最新の注記", "Last notes"]),
];

// ------------------------------------------------------------------------------ generic CSV

/// The header row of [`super::csv_export`]'s task table, in column order, as words of the core's
/// catalogue (`crates/core/locales/*.ftl`). Kept here so that export → import maps every column.
const EXPORT_TASK_HEADER_WORDS: [W; 18] = [
    W::CsvWbs,
    W::CsvId,
    W::CsvTaskParentId,
    W::CsvTaskTitle,
    W::CsvTaskStatus,
    W::CsvTaskPriority,
    W::CsvTaskAssignee,
    W::CsvTaskStart,
    W::CsvTaskDue,
    W::CsvTaskEstimateH,
    W::CsvTaskActualH,
    W::CsvTaskRemainingH,
    W::CsvTaskStoryPoints,
    W::CsvTaskProgress,
    W::CsvTaskMilestone,
    W::CsvTaskPredecessors,
    W::CsvTaskTags,
    W::CsvTaskDescription,
];
/// The task table's header row in Japanese and in English.
pub const EXPORT_TASK_HEADERS_JA: &[&str] = &texts(EXPORT_TASK_HEADER_WORDS, Lang::Ja);
pub const EXPORT_TASK_HEADERS_EN: &[&str] = &texts(EXPORT_TASK_HEADER_WORDS, Lang::En);
/// What each column of the export holds.
pub const EXPORT_TASK_TARGETS: &[Target] = &[
    Target::WbsNumber,
    Target::Key,
    Target::ParentKey,
    Target::Title,
    Target::Status,
    Target::Priority,
    Target::Assignee,
    Target::Start,
    Target::Due,
    Target::EstimateHours,
    Target::ActualHours,
    Target::RemainingHours,
    Target::StoryPoints,
    Target::Percent,
    Target::Milestone,
    Target::Predecessors,
    Target::Label,
    Target::Description,
];

const CSV: &[Rule] = &[
    one(
        Target::WbsNumber,
        &["WBS", "WBS番号", "WBS No", "WBS No.", "WBS#", "WBSコード", "WBS Code", "Outline Number", "アウトライン番号"],
    ),
    one(Target::Key, &["ID", "キー", "Key", "タスクID", "Task ID", "課題キー", "Issue key", "No.", "No", "番号"]),
    one(
        Target::ParentKey,
        &[
            "親ID",
            "Parent ID",
            "親",
            "親キー",
            "親タスク",
            "親タスクID",
            "Parent",
            "Parent key",
            "Parent task",
            "親課題キー",
        ],
    ),
    one(
        Target::Title,
        &[
            "タスク名",
            "Title",
            "タイトル",
            "件名",
            "題名",
            "タスク",
            "作業名",
            "作業項目",
            "項目",
            "名前",
            "名称",
            "Task",
            "Task Name",
            "Name",
            "Summary",
            "Subject",
        ],
    ),
    one(Target::Status, &["状態", "Status", "ステータス", "State", "進捗状況"]),
    one(Target::Priority, &["優先度", "Priority", "優先順位"]),
    one(
        Target::Assignee,
        &["担当者", "Assignee", "担当", "担当者名", "Owner", "Responsible", "Resource Names", "リソース名"],
    ),
    one(Target::Start, &["開始日", "Start", "開始", "開始予定日", "予定開始日", "開始予定", "Start Date", "Begin"]),
    one(
        Target::Due,
        &[
            "期日",
            "Due",
            "期限日",
            "期限",
            "終了",
            "終了日",
            "終了予定日",
            "予定終了日",
            "終了予定",
            "完了予定日",
            "Due Date",
            "End",
            "End Date",
            "Finish",
            "Finish Date",
            "Deadline",
        ],
    ),
    one(
        Target::EstimateHours,
        &[
            "予定工数(h)",
            "Estimate (h)",
            "予定工数",
            "見積",
            "見積工数",
            "見積(h)",
            "見積工数(h)",
            "見積もり",
            "見積時間",
            "予定時間",
            "予定(h)",
            "工数",
            "Estimate",
            "Estimated hours",
            "Estimate hours",
            "Planned hours",
            "Work",
        ],
    ),
    one(
        Target::ActualHours,
        &[
            "実績工数(h)",
            "Actual (h)",
            "実績工数",
            "実績",
            "実績時間",
            "実績(h)",
            "Actual",
            "Actual hours",
            "Spent",
            "Spent hours",
            "Actual Work",
        ],
    ),
    one(
        Target::RemainingHours,
        &[
            "残工数(h)",
            "Remaining (h)",
            "残工数",
            "残",
            "残(h)",
            "残時間",
            "Remaining",
            "Remaining hours",
            "Remaining Work",
        ],
    ),
    one(Target::StoryPoints, &["ストーリーポイント", "Story points", "SP", "Points", "ポイント"]),
    one(
        Target::Percent,
        &[
            "進捗率(%)",
            "Progress %",
            "進捗率",
            "進捗率%",
            "進捗",
            "%",
            "完了率",
            "Percent",
            "Percent complete",
            "% Complete",
            "Progress",
            "% Done",
        ],
    ),
    one(Target::Milestone, &["マイルストーン", "Milestone", "MS"]),
    one(Target::Kind, &["種別", "Type", "種類", "区分", "タイプ", "Kind", "Issue type"]),
    many(
        Target::Predecessors,
        &["先行タスク", "Predecessors", "先行", "先行作業", "Predecessor", "Depends on", "依存"],
    ),
    many(Target::Label, &["タグ", "Tags", "ラベル", "Tag", "Label", "Labels", "カテゴリ", "カテゴリー", "Category"]),
    one(
        Target::Description,
        &["説明", "Description", "備考", "詳細", "内容", "メモ", "Notes", "Note", "Memo", "Remarks"],
    ),
    many(Target::Comment, &["コメント", "Comment", "Comments"]),
    one(Target::Created, &["作成日", "登録日", "起票日", "Created"]),
    one(Target::Updated, &["更新日", "Updated"]),
    one(Target::Resolved, &["完了日", "実績終了日", "Resolved", "Completed"]),
];

// ----------------------------------------------------------------------------- detection

/// Which tool most likely wrote a CSV file with these headers (`Csv` when none fits).
///
/// Scores: a distinctive header (Jira's `Issue key`, Backlog's `親課題キー`, Redmine's `#` with
/// `Tracker`) counts 10, a Backlog `キー` + `件名` pair 6, and each other header typical of the
/// tool 1; the best score wins if it reaches 6. Mieruka's own export is always `Csv`.
pub fn detect(headers: &[String]) -> Source {
    let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let own = has(&norm, &["WBS"]) && has(&norm, &["ID"]) && has(&norm, &["親ID", "Parent ID"]);
    if own {
        return Source::Csv;
    }
    let jira = 10 * usize::from(has(&norm, JIRA_KEY))
        + count(
            &norm,
            &[
                "Summary",
                "Issue Type",
                "Work type",
                "Issue id",
                "Work item id",
                "Parent id",
                "Parent summary",
                "Sprint",
                "Original Estimate",
                "Remaining Estimate",
                "Time Spent",
                "Reporter",
                "Resolution",
                "Watchers",
                "Last Viewed",
                "要約",
                "課題タイプ",
            ],
        )
        + usize::from(norm.iter().any(|h| h.starts_with('σ') || h.starts_with("customfield(")));
    let backlog = 10 * usize::from(has(&norm, &["親課題キー", "Parent Issue Key"]))
        + 6 * usize::from(has(&norm, &["キー", "Key"]) && has(&norm, &["件名", "Subject"]))
        + count(
            &norm,
            &[
                "予定時間",
                "実績時間",
                "発生バージョン",
                "カテゴリー名",
                "完了理由",
                "種別",
                "登録者",
                "登録日",
                "期限日",
                "Estimated Hours",
                "Actual Hours",
                "Created User",
                "Resolution",
                "Milestone",
                "コメント1",
                "Comment1",
            ],
        );
    let redmine = 10 * usize::from(has(&norm, &["#"]) && has(&norm, &["トラッカー", "Tracker"]))
        + count(
            &norm,
            &[
                "題名",
                "親チケット",
                "Parent task",
                "対象バージョン",
                "Target version",
                "予定工数",
                "Estimated time",
                "作業時間",
                "Spent time",
                "進捗率",
                "% Done",
                "関連するチケット",
                "Related issues",
                "作成者",
                "Author",
                "合計予定工数",
                "Total estimated time",
            ],
        );
    let best = [(Source::Jira, jira), (Source::Backlog, backlog), (Source::Redmine, redmine)]
        .into_iter()
        .fold((Source::Csv, 0usize), |acc, x| if x.1 > acc.1 { x } else { acc });
    if best.1 >= 6 {
        best.0
    } else {
        Source::Csv
    }
}

/// The suggested [`ColumnMap`] for these headers as written by `source`. Columns nothing fits
/// are [`Target::Ignore`] (Jira's Σ columns, watchers, ids …). `Mspdi` has no columns: every
/// header is ignored.
pub fn suggest(source: Source, headers: &[String]) -> ColumnMap {
    match source {
        Source::Jira => suggest_jira(headers),
        Source::Backlog => assign(headers, BACKLOG),
        Source::Redmine => assign(headers, REDMINE),
        Source::Csv => assign(headers, CSV),
        Source::Mspdi => ColumnMap { columns: vec![Target::Ignore; headers.len()] },
    }
}

// ---------------------------------------------------------------------------- value words

fn put<V: Copy>(map: &mut std::collections::BTreeMap<String, V>, words: &[&str], v: V) {
    for w in words {
        map.insert(w.trim().to_lowercase(), v);
    }
}

/// The source's usual status / priority / type words mapped onto Mieruka's (keys trimmed and
/// lower-cased). Japanese and English variants of each tool's default workflow are listed; a
/// bug stays a task (the user may map it to an issue on the preview screen).
pub fn default_values(source: Source) -> ValueMaps {
    use ItemKind as K;
    use Priority as P;
    use TaskStatus as S;
    let mut v = ValueMaps::default();
    match source {
        Source::Jira => {
            put(
                &mut v.status,
                &[
                    "To Do",
                    "Open",
                    "Backlog",
                    "Selected for Development",
                    "Reopened",
                    "New",
                    "未着手",
                    "作業前",
                    "オープン",
                    "再オープン",
                    "バックログ",
                    "開発対象として選択済み",
                    "新規",
                ],
                S::NotStarted,
            );
            put(
                &mut v.status,
                &[
                    "In Progress",
                    "In Review",
                    "Review",
                    "In Testing",
                    "Testing",
                    "QA",
                    "進行中",
                    "作業中",
                    "レビュー中",
                    "テスト中",
                ],
                S::InProgress,
            );
            put(&mut v.status, &["Blocked", "On Hold", "Waiting", "保留", "保留中", "ブロック中"], S::Blocked);
            put(&mut v.status, &["Done", "Closed", "Resolved", "完了", "クローズ", "解決済み"], S::Done);
            put(
                &mut v.status,
                &["Cancelled", "Canceled", "Won't Do", "Rejected", "キャンセル", "中止", "却下"],
                S::Cancelled,
            );
            put(&mut v.priority, &["Highest", "Blocker", "Critical", "最高", "緊急"], P::Critical);
            put(&mut v.priority, &["High", "Major", "高"], P::High);
            put(&mut v.priority, &["Medium", "Normal", "中"], P::Medium);
            put(&mut v.priority, &["Low", "Lowest", "Minor", "Trivial", "低", "最低"], P::Low);
            put(
                &mut v.kind,
                &[
                    "Epic",
                    "Story",
                    "Task",
                    "Sub-task",
                    "Subtask",
                    "Improvement",
                    "New Feature",
                    "Feature",
                    "エピック",
                    "ストーリー",
                    "タスク",
                    "サブタスク",
                    "改善",
                    "新機能",
                ],
                K::Task,
            );
            // A bug is an entry of the issue log (課題管理表), not planned work.
            put(&mut v.kind, &["Bug", "バグ"], K::Issue);
            put(&mut v.kind, &["Milestone", "マイルストーン"], K::Milestone);
        }
        Source::Backlog => {
            put(&mut v.status, &["未対応", "Open"], S::NotStarted);
            put(&mut v.status, &["処理中", "In Progress"], S::InProgress);
            put(&mut v.status, &["処理済み", "Resolved", "完了", "Closed"], S::Done);
            put(&mut v.priority, &["高", "High"], P::High);
            put(&mut v.priority, &["中", "Normal", "Medium"], P::Medium);
            put(&mut v.priority, &["低", "Low"], P::Low);
            put(&mut v.kind, &["タスク", "Task", "要望", "Request", "その他", "Other"], K::Task);
            put(&mut v.kind, &["バグ", "Bug"], K::Issue);
        }
        Source::Redmine => {
            put(&mut v.status, &["新規", "New"], S::NotStarted);
            put(&mut v.status, &["進行中", "In Progress"], S::InProgress);
            put(&mut v.status, &["フィードバック", "Feedback"], S::Blocked);
            put(&mut v.status, &["解決", "Resolved", "終了", "Closed"], S::Done);
            put(&mut v.status, &["却下", "Rejected"], S::Cancelled);
            put(&mut v.priority, &["低め", "Low"], P::Low);
            put(&mut v.priority, &["通常", "Normal"], P::Medium);
            put(&mut v.priority, &["高め", "High"], P::High);
            put(&mut v.priority, &["急いで", "Urgent", "今すぐ", "Immediate"], P::Critical);
            put(&mut v.kind, &["機能", "Feature", "サポート", "Support", "タスク", "Task"], K::Task);
            put(&mut v.kind, &["バグ", "Bug"], K::Issue);
            put(&mut v.kind, &["マイルストーン", "Milestone"], K::Milestone);
        }
        Source::Csv | Source::Mspdi => {
            // Mieruka's own words (file words and the app's labels in both languages) first.
            for s in TaskStatus::ALL {
                put(
                    &mut v.status,
                    &[s.as_str(), &s.as_str().replace('_', " "), status_label(*s, true), status_label(*s, false)],
                    *s,
                );
            }
            put(&mut v.status, &["Not yet", "To Do", "Todo", "Open", "New", "未対応", "未開始", "新規"], S::NotStarted);
            put(&mut v.status, &["WIP", "Doing", "作業中", "対応中", "実施中"], S::InProgress);
            put(&mut v.status, &["On Hold", "Waiting", "保留", "停滞", "待ち"], S::Blocked);
            put(
                &mut v.status,
                &["Completed", "Complete", "Closed", "Finished", "Resolved", "済", "済み", "完了済み", "終了"],
                S::Done,
            );
            put(&mut v.status, &["Canceled", "Rejected", "取消", "取り消し", "キャンセル", "却下"], S::Cancelled);
            for p in Priority::ALL {
                put(&mut v.priority, &[p.as_str(), priority_label(*p, true), priority_label(*p, false)], *p);
            }
            put(&mut v.priority, &["Normal", "通常", "普通"], P::Medium);
            put(&mut v.priority, &["Urgent", "Highest", "最高", "至急"], P::Critical);
            put(&mut v.priority, &["Lowest", "最低"], P::Low);
            put(&mut v.kind, &["Task", "タスク", "作業", "Summary", "サマリー", "Story", "ストーリー"], K::Task);
            put(&mut v.kind, &["Milestone", "マイルストーン"], K::Milestone);
            put(&mut v.kind, &["Issue", "課題", "Bug", "バグ"], K::Issue);
        }
    }
    v
}

/// The app's label of a task status (`locales/*.ftl`: TsNotStarted …).
pub fn status_label(s: TaskStatus, ja: bool) -> &'static str {
    match (s, ja) {
        (TaskStatus::NotStarted, true) => "未着手",
        (TaskStatus::NotStarted, false) => "Not started",
        (TaskStatus::InProgress, true) => "進行中",
        (TaskStatus::InProgress, false) => "In progress",
        (TaskStatus::Blocked, true) => "保留中",
        (TaskStatus::Blocked, false) => "Blocked",
        (TaskStatus::Done, true) => "完了",
        (TaskStatus::Done, false) => "Done",
        (TaskStatus::Cancelled, true) => "中止",
        (TaskStatus::Cancelled, false) => "Cancelled",
    }
}

/// The app's label of a priority (`locales/*.ftl`: PrLow …).
pub fn priority_label(p: Priority, ja: bool) -> &'static str {
    match (p, ja) {
        (Priority::Low, true) => "低",
        (Priority::Low, false) => "Low",
        (Priority::Medium, true) => "中",
        (Priority::Medium, false) => "Medium",
        (Priority::High, true) => "高",
        (Priority::High, false) => "High",
        (Priority::Critical, true) => "緊急",
        (Priority::Critical, false) => "Critical",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn target_of(map: &ColumnMap, headers: &[String], name: &str) -> Vec<Target> {
        headers.iter().zip(&map.columns).filter(|(hh, _)| hh.as_str() == name).map(|(_, t)| *t).collect()
    }

    fn only(map: &ColumnMap, t: Target) -> usize {
        map.columns.iter().filter(|x| **x == t).count()
    }

    const JIRA_CLOUD: &[&str] = &[
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Project key",
        "Priority",
        "Resolution",
        "Assignee",
        "Reporter",
        "Created",
        "Updated",
        "Last Viewed",
        "Resolved",
        "Due date",
        "Description",
        "Labels",
        "Labels",
        "Sprint",
        "Sprint",
        "Original Estimate",
        "Remaining Estimate",
        "Time Spent",
        "Σ Original Estimate",
        "Σ Remaining Estimate",
        "Σ Time Spent",
        "Parent",
        "Parent id",
        "Parent key",
        "Parent summary",
        "Custom field (Story Points)",
        "Custom field (Story point estimate)",
        "Custom field (Start date)",
        "Comment",
        "Comment",
        "Watchers",
        "Inward issue link (Blocks)",
    ];

    #[test]
    fn normalization_folds_width_case_space_quotes_and_bom() {
        assert_eq!(normalize_header("\u{feff}\"Issue Key\" "), "issuekey");
        assert_eq!(normalize_header("予定工数（ｈ）"), "予定工数(h)");
        assert_eq!(normalize_header("Ｅｓｔｉｍａｔｅ　(h)"), "estimate(h)");
        assert_eq!(normalize_header("進捗率（％）"), "進捗率(%)");
        assert_eq!(normalize_header("  ＃ "), "#");
    }

    #[test]
    fn jira_cloud_with_parent_key() {
        let hs = h(JIRA_CLOUD);
        assert_eq!(detect(&hs), Source::Jira);
        let m = suggest(Source::Jira, &hs);
        assert_eq!(m.columns.len(), hs.len());
        assert_eq!(target_of(&m, &hs, "Issue key"), [Target::Key]);
        assert_eq!(target_of(&m, &hs, "Parent key"), [Target::ParentKey]);
        assert_eq!(target_of(&m, &hs, "Parent"), [Target::Ignore]);
        assert_eq!(target_of(&m, &hs, "Parent id"), [Target::Ignore]);
        assert_eq!(target_of(&m, &hs, "Issue id"), [Target::Ignore]);
        assert_eq!(target_of(&m, &hs, "Labels"), [Target::Label, Target::Label]);
        assert_eq!(target_of(&m, &hs, "Sprint"), [Target::Sprint, Target::Sprint]);
        assert_eq!(target_of(&m, &hs, "Comment"), [Target::Comment, Target::Comment]);
        assert_eq!(target_of(&m, &hs, "Original Estimate"), [Target::EstimateSeconds]);
        assert_eq!(target_of(&m, &hs, "Remaining Estimate"), [Target::RemainingSeconds]);
        assert_eq!(target_of(&m, &hs, "Time Spent"), [Target::ActualSeconds]);
        for s in ["Σ Original Estimate", "Σ Remaining Estimate", "Σ Time Spent", "Watchers", "Reporter", "Last Viewed"]
        {
            assert_eq!(target_of(&m, &hs, s), [Target::Ignore], "{s}");
        }
        assert_eq!(target_of(&m, &hs, "Custom field (Story Points)"), [Target::StoryPoints]);
        assert_eq!(target_of(&m, &hs, "Custom field (Story point estimate)"), [Target::Ignore]);
        assert_eq!(target_of(&m, &hs, "Custom field (Start date)"), [Target::Start]);
        assert_eq!(target_of(&m, &hs, "Due date"), [Target::Due]);
        assert_eq!(target_of(&m, &hs, "Summary"), [Target::Title]);
        assert_eq!(target_of(&m, &hs, "Issue Type"), [Target::Kind]);
        assert_eq!(target_of(&m, &hs, "Resolved"), [Target::Resolved]);
        assert_eq!(target_of(&m, &hs, "Inward issue link (Blocks)"), [Target::Predecessors]);
        for t in [Target::Key, Target::ParentKey, Target::Title, Target::Status, Target::StoryPoints] {
            assert_eq!(only(&m, t), 1, "{t:?}");
        }
    }

    #[test]
    fn jira_with_parent_ids_only_keys_on_issue_id() {
        let hs =
            h(&["Issue key", "Issue id", "Summary", "Issue Type", "Parent id", "Status", "Inward issue link (Blocks)"]);
        assert_eq!(detect(&hs), Source::Jira);
        let m = suggest(Source::Jira, &hs);
        assert_eq!(
            m.columns,
            [
                Target::Ignore,
                Target::Key,
                Target::Title,
                Target::Kind,
                Target::ParentKey,
                Target::Status,
                Target::Ignore
            ]
        );
        // Cloud's `Parent` holds the id too.
        let hs = h(&["Summary", "Issue key", "Issue id", "Parent", "Parent summary"]);
        let m = suggest(Source::Jira, &hs);
        assert_eq!(m.columns, [Target::Title, Target::Ignore, Target::Key, Target::ParentKey, Target::Ignore]);
        // Without issue ids, a `Parent` column is the best there is.
        let hs = h(&["Summary", "Issue key", "Parent"]);
        let m = suggest(Source::Jira, &hs);
        assert_eq!(m.columns, [Target::Title, Target::Key, Target::ParentKey]);
    }

    #[test]
    fn jira_new_work_item_names() {
        let hs = h(&[
            "Summary",
            "Work item key",
            "Work item id",
            "Work type",
            "Status",
            "Parent",
            "Parent summary",
            "Sprint",
        ]);
        assert_eq!(detect(&hs), Source::Jira);
        let m = suggest(Source::Jira, &hs);
        assert_eq!(
            m.columns,
            [
                Target::Title,
                Target::Ignore,
                Target::Key,
                Target::Kind,
                Target::Status,
                Target::ParentKey,
                Target::Ignore,
                Target::Sprint
            ]
        );
    }

    #[test]
    fn backlog_japanese_and_english() {
        let ja = h(&[
            "ID",
            "プロジェクトID",
            "プロジェクト名",
            "キーID",
            "キー",
            "種別ID",
            "種別",
            "カテゴリー名",
            "発生バージョン",
            "マイルストーン",
            "件名",
            "詳細",
            "状態",
            "優先度",
            "完了理由",
            "担当者",
            "登録者",
            "登録日",
            "開始日",
            "期限日",
            "予定時間",
            "実績時間",
            "更新日",
            "親課題キー",
            "コメント1",
            "コメント2",
        ]);
        assert_eq!(detect(&ja), Source::Backlog);
        let m = suggest(Source::Backlog, &ja);
        assert_eq!(target_of(&m, &ja, "キー"), [Target::Key]);
        assert_eq!(target_of(&m, &ja, "キーID"), [Target::Ignore]);
        assert_eq!(target_of(&m, &ja, "ID"), [Target::Ignore]);
        assert_eq!(target_of(&m, &ja, "親課題キー"), [Target::ParentKey]);
        assert_eq!(target_of(&m, &ja, "件名"), [Target::Title]);
        assert_eq!(target_of(&m, &ja, "予定時間"), [Target::EstimateHours]);
        assert_eq!(target_of(&m, &ja, "実績時間"), [Target::ActualHours]);
        assert_eq!(target_of(&m, &ja, "カテゴリー名"), [Target::Label]);
        assert_eq!(target_of(&m, &ja, "発生バージョン"), [Target::Label]);
        assert_eq!(target_of(&m, &ja, "マイルストーン"), [Target::Sprint]);
        assert_eq!(target_of(&m, &ja, "コメント1"), [Target::Comment]);
        assert_eq!(target_of(&m, &ja, "コメント2"), [Target::Comment]);
        assert_eq!(target_of(&m, &ja, "完了理由"), [Target::Ignore]);

        let old = h(&["キー", "件名", "親課題", "状態"]);
        assert_eq!(detect(&old), Source::Backlog);
        assert_eq!(
            suggest(Source::Backlog, &old).columns,
            [Target::Key, Target::Title, Target::ParentKey, Target::Status]
        );

        let en = h(&[
            "ID",
            "Project ID",
            "Project Name",
            "Key",
            "Issue Type",
            "Category Name",
            "Version",
            "Milestone",
            "Subject",
            "Description",
            "Status",
            "Priority",
            "Resolution",
            "Assignee",
            "Created User",
            "Created",
            "Start Date",
            "Due Date",
            "Estimated Hours",
            "Actual Hours",
            "Updated",
            "Parent Issue Key",
            "Comment1",
        ]);
        assert_eq!(detect(&en), Source::Backlog);
        let m = suggest(Source::Backlog, &en);
        assert_eq!(target_of(&m, &en, "Key"), [Target::Key]);
        assert_eq!(target_of(&m, &en, "Parent Issue Key"), [Target::ParentKey]);
        assert_eq!(target_of(&m, &en, "Subject"), [Target::Title]);
        assert_eq!(target_of(&m, &en, "Estimated Hours"), [Target::EstimateHours]);
        assert_eq!(target_of(&m, &en, "Comment1"), [Target::Comment]);
        assert_eq!(target_of(&m, &en, "Milestone"), [Target::Sprint]);
    }

    #[test]
    fn redmine_japanese_and_english() {
        let ja = h(&[
            "#",
            "プロジェクト",
            "トラッカー",
            "親チケット",
            "ステータス",
            "優先度",
            "題名",
            "作成者",
            "担当者",
            "更新日",
            "カテゴリ",
            "対象バージョン",
            "開始日",
            "期日",
            "予定工数",
            "合計予定工数",
            "作業時間",
            "合計作業時間",
            "進捗率",
            "作成日",
            "終了日",
            "関連するチケット",
            "説明",
        ]);
        assert_eq!(detect(&ja), Source::Redmine);
        let m = suggest(Source::Redmine, &ja);
        assert_eq!(target_of(&m, &ja, "#"), [Target::Key]);
        assert_eq!(target_of(&m, &ja, "親チケット"), [Target::ParentKey]);
        assert_eq!(target_of(&m, &ja, "題名"), [Target::Title]);
        assert_eq!(target_of(&m, &ja, "予定工数"), [Target::EstimateHours]);
        assert_eq!(target_of(&m, &ja, "合計予定工数"), [Target::Ignore]);
        assert_eq!(target_of(&m, &ja, "作業時間"), [Target::ActualHours]);
        assert_eq!(target_of(&m, &ja, "合計作業時間"), [Target::Ignore]);
        assert_eq!(target_of(&m, &ja, "進捗率"), [Target::Percent]);
        assert_eq!(target_of(&m, &ja, "終了日"), [Target::Resolved]);
        assert_eq!(target_of(&m, &ja, "対象バージョン"), [Target::Sprint]);
        assert_eq!(target_of(&m, &ja, "関連するチケット"), [Target::Ignore]);
        let en = h(&[
            "#",
            "Project",
            "Tracker",
            "Parent task",
            "Status",
            "Priority",
            "Subject",
            "Author",
            "Assignee",
            "Updated",
            "Category",
            "Target version",
            "Start date",
            "Due date",
            "Estimated time",
            "Total estimated time",
            "Spent time",
            "Total spent time",
            "% Done",
            "Created",
            "Closed",
            "Related issues",
            "Description",
        ]);
        assert_eq!(detect(&en), Source::Redmine);
        let m = suggest(Source::Redmine, &en);
        assert_eq!(target_of(&m, &en, "Parent task"), [Target::ParentKey]);
        assert_eq!(target_of(&m, &en, "% Done"), [Target::Percent]);
        assert_eq!(target_of(&m, &en, "Spent time"), [Target::ActualHours]);
        assert_eq!(target_of(&m, &en, "Closed"), [Target::Resolved]);
    }

    #[test]
    fn own_export_headers_map_exactly_in_both_languages() {
        for hs in [EXPORT_TASK_HEADERS_JA, EXPORT_TASK_HEADERS_EN] {
            let hs = h(hs);
            assert_eq!(detect(&hs), Source::Csv);
            assert_eq!(suggest(Source::Csv, &hs).columns, EXPORT_TASK_TARGETS);
        }
    }

    #[test]
    fn generic_spreadsheet_headers() {
        let hs = h(&[
            "No.",
            "WBS番号",
            "作業名",
            "担当",
            "開始予定日",
            "終了予定日",
            "見積工数",
            "実績",
            "進捗率（％）",
            "備考",
            "状態",
        ]);
        assert_eq!(detect(&hs), Source::Csv);
        let m = suggest(Source::Csv, &hs);
        assert_eq!(
            m.columns,
            [
                Target::Key,
                Target::WbsNumber,
                Target::Title,
                Target::Assignee,
                Target::Start,
                Target::Due,
                Target::EstimateHours,
                Target::ActualHours,
                Target::Percent,
                Target::Description,
                Target::Status,
            ]
        );
        let hs =
            h(&["Task Name", "Owner", "Start Date", "Finish", "% Complete", "Predecessors", "Notes", "Tags", "Tags"]);
        assert_eq!(
            suggest(Source::Csv, &hs).columns,
            [
                Target::Title,
                Target::Assignee,
                Target::Start,
                Target::Due,
                Target::Percent,
                Target::Predecessors,
                Target::Description,
                Target::Label,
                Target::Label,
            ]
        );
        assert_eq!(detect(&h(&["a", "b"])), Source::Csv);
        assert_eq!(detect(&[]), Source::Csv);
    }

    #[test]
    fn every_source_maps_its_usual_words() {
        let j = default_values(Source::Jira);
        for (w, s) in [
            ("to do", TaskStatus::NotStarted),
            ("in progress", TaskStatus::InProgress),
            ("in review", TaskStatus::InProgress),
            ("done", TaskStatus::Done),
            ("backlog", TaskStatus::NotStarted),
            ("selected for development", TaskStatus::NotStarted),
            ("closed", TaskStatus::Done),
            ("resolved", TaskStatus::Done),
            ("reopened", TaskStatus::NotStarted),
            ("進行中", TaskStatus::InProgress),
            ("完了", TaskStatus::Done),
        ] {
            assert_eq!(j.status.get(w), Some(&s), "{w}");
        }
        assert_eq!(j.priority.get("highest"), Some(&Priority::Critical));
        assert_eq!(j.priority.get("lowest"), Some(&Priority::Low));
        assert_eq!(j.kind.get("sub-task"), Some(&ItemKind::Task));
        assert_eq!(j.kind.get("bug"), Some(&ItemKind::Issue), "a bug goes to the issue log");
        let b = default_values(Source::Backlog);
        assert_eq!(b.status.get("処理中"), Some(&TaskStatus::InProgress));
        assert_eq!(b.status.get("完了"), Some(&TaskStatus::Done));
        assert_eq!(b.priority.get("normal"), Some(&Priority::Medium));
        assert_eq!(b.kind.get("要望"), Some(&ItemKind::Task));
        let r = default_values(Source::Redmine);
        assert_eq!(r.status.get("フィードバック"), Some(&TaskStatus::Blocked));
        assert_eq!(r.status.get("却下"), Some(&TaskStatus::Cancelled));
        assert_eq!(r.priority.get("今すぐ"), Some(&Priority::Critical));
        assert_eq!(r.priority.get("低め"), Some(&Priority::Low));
        let c = default_values(Source::Csv);
        for s in TaskStatus::ALL {
            assert_eq!(c.status.get(&status_label(*s, true).to_lowercase()), Some(s));
            assert_eq!(c.status.get(&status_label(*s, false).to_lowercase()), Some(s));
            assert_eq!(c.status.get(s.as_str()), Some(s));
        }
        for p in Priority::ALL {
            assert_eq!(c.priority.get(&priority_label(*p, true).to_lowercase()), Some(p));
            assert_eq!(c.priority.get(&priority_label(*p, false).to_lowercase()), Some(p));
        }
        for src in Source::ALL {
            let v = default_values(*src);
            for k in v.status.keys().chain(v.priority.keys()).chain(v.kind.keys()) {
                assert_eq!(k, &k.trim().to_lowercase());
            }
        }
    }
}
