//! A table and its column map to [`SourceRow`]s, with located warnings.
//!
//! Per record (its `line` is the record's first physical line):
//! - a record whose cells are all blank → [`WarningKind::EmptyRow`], skipped;
//! - a record with more or fewer cells than the header → [`WarningKind::RaggedRow`]; missing
//!   cells read as empty, extra cells are ignored;
//! - text targets (key, parent key, WBS number, title, description, type, status, priority,
//!   assignee) are trimmed; when several columns map to the same one, the first non-empty wins;
//! - dates through [`parse_datetime`] / [`parse_date`]; a cell that is not a date →
//!   [`WarningKind::BadDate`] (column = the header) and the field stays empty;
//! - numbers through [`parse_number`]; `*Seconds` targets are divided by 3600 into hours;
//!   negative hours or points → [`WarningKind::BadNumber`]; percent outside 0–100 is clamped with
//!   [`WarningKind::PercentClamped`];
//! - labels and sprints: every non-empty cell of every such column adds one (kept in order,
//!   duplicates dropped). When the file has a *single* label column, its cell is also split on
//!   `,` (Backlog's カテゴリー `a, b`); repeated label columns (Jira) and sprints are never split;
//! - comments: a Jira cell `date;author;text` (the first field a date; the text may contain `;`)
//!   becomes a dated comment, any other non-empty cell a plain one;
//! - predecessors: keys split on `,` `;` `、` and white space;
//! - milestone: `true` `yes` `y` `x` `1` `○` `◯` `●` `✓` `はい` (any case) mark a milestone;
//! - no key and no title → skipped with [`WarningKind::MissingTitle`]; a key but no title → the
//!   key is the title, with the same warning;
//! - a key seen before → [`WarningKind::DuplicateKey`], the later row skipped;
//! - a header name that appears more than once, one of its columns read into a field that holds
//!   one value (not labels, sprints, comments) → [`WarningKind::DuplicateColumn`] once per name.

use std::collections::HashSet;

use super::csv::Table;
use super::dates::{parse_date, parse_datetime, parse_number};
use super::{ColumnMap, ReadError, SourceComment, SourceRow, Target, Warning, WarningKind};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    pub rows: Vec<SourceRow>,
    pub warnings: Vec<Warning>,
}

/// Words that mark a milestone (compared lower-cased, trimmed).
const TRUTHY: &[&str] = &["true", "yes", "y", "x", "1", "○", "◯", "●", "✓", "✔", "はい", "on"];

/// Columns that name the project in the exports Mieruka reads, best first: Backlog プロジェクト名,
/// Jira `Project name`, Redmine プロジェクト / `Project` (compared without case).
const PROJECT_NAME_COLUMNS: &[&str] = &["プロジェクト名", "project name", "プロジェクト", "project"];

/// The project the file's rows belong to, as the export names it (「物流基盤移行」, not the file
/// name): the most frequent value of its project column, the first seen on a tie.
pub fn project_name(table: &Table) -> Option<String> {
    let col = PROJECT_NAME_COLUMNS
        .iter()
        .find_map(|want| table.headers.iter().position(|h| h.trim().to_lowercase() == *want))?;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for r in &table.rows {
        let Some(v) = r.cells.get(col).map(|c| c.trim()).filter(|c| !c.is_empty()) else { continue };
        match counts.iter_mut().find(|(n, _)| *n == v) {
            Some((_, k)) => *k += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|(_, k)| *k).max()?;
    counts.iter().find(|(_, k)| *k == best).map(|(n, _)| n.chars().take(200).collect())
}

/// Reads every row through the map. Fails only when no column is mapped to the title.
pub fn rows(table: &Table, map: &ColumnMap) -> Result<Extracted, ReadError> {
    if !map.columns.contains(&Target::Title) {
        return Err(ReadError::NoTitleColumn);
    }
    let width = table.headers.len();
    let targets: Vec<Target> = (0..width.max(map.columns.len()))
        .map(|i| if i < width { map.columns.get(i).copied().unwrap_or(Target::Ignore) } else { Target::Ignore })
        .collect();
    let split_labels = targets.iter().filter(|t| **t == Target::Label).count() == 1;
    let mut out = Extracted { rows: Vec::with_capacity(table.rows.len()), warnings: Vec::new() };
    // The same header name more than once with one of them read into a field that holds one
    // value: only one of those columns counts, which one is a guess.
    let mut by_name: std::collections::HashMap<String, (usize, bool)> = std::collections::HashMap::new();
    for (i, t) in targets.iter().enumerate().take(width) {
        let single = !matches!(t, Target::Ignore | Target::Label | Target::Sprint | Target::Comment);
        let e = by_name.entry(table.headers[i].trim().to_lowercase()).or_insert((0, false));
        e.0 += 1;
        e.1 |= single;
    }
    let mut said: HashSet<String> = HashSet::new();
    for h in table.headers.iter().take(width) {
        let name = h.trim().to_lowercase();
        if by_name.get(&name).is_some_and(|(n, single)| *n > 1 && *single) && said.insert(name) {
            let line = table.rows.first().map(|r| r.line.saturating_sub(1).max(1)).unwrap_or(1);
            out.warnings.push(Warning { line, kind: WarningKind::DuplicateColumn { column: h.trim().to_string() } });
        }
    }
    let mut keys: HashSet<String> = HashSet::with_capacity(table.rows.len());
    for rec in &table.rows {
        let line = rec.line;
        let mut warn = |kind: WarningKind| out.warnings.push(Warning { line, kind });
        if rec.cells.iter().all(|c| c.trim().is_empty()) {
            warn(WarningKind::EmptyRow);
            continue;
        }
        if rec.cells.len() != width {
            warn(WarningKind::RaggedRow { expected: width, found: rec.cells.len() });
        }
        let mut row = SourceRow { line, ..SourceRow::default() };
        for (i, target) in targets.iter().enumerate().take(width) {
            let raw = rec.cells.get(i).map(String::as_str).unwrap_or("");
            let cell = unneutralize(raw.trim());
            if cell.is_empty() || *target == Target::Ignore {
                continue;
            }
            let column = || table.headers.get(i).cloned().unwrap_or_default();
            let text = |slot: &mut String| {
                if slot.is_empty() {
                    *slot = cell.to_string();
                }
            };
            let datetime = |slot: &mut Option<chrono::NaiveDateTime>, warn: &mut dyn FnMut(WarningKind)| {
                if slot.is_some() {
                    return;
                }
                match parse_datetime(cell) {
                    Some(d) => *slot = Some(d),
                    None => warn(WarningKind::BadDate { column: column(), value: cell.to_string() }),
                }
            };
            let date = |slot: &mut Option<chrono::NaiveDate>, warn: &mut dyn FnMut(WarningKind)| {
                if slot.is_some() {
                    return;
                }
                match parse_date(cell) {
                    Some(d) => *slot = Some(d),
                    None => warn(WarningKind::BadDate { column: column(), value: cell.to_string() }),
                }
            };
            // A non-negative number, divided by `div`.
            let amount = |slot: &mut Option<f64>, div: f64, warn: &mut dyn FnMut(WarningKind)| {
                if slot.is_some() {
                    return;
                }
                match parse_number(cell).filter(|x| *x >= 0.0) {
                    Some(x) => *slot = Some(x / div),
                    None => warn(WarningKind::BadNumber { column: column(), value: cell.to_string() }),
                }
            };
            match target {
                Target::Ignore => {}
                Target::Key => text(&mut row.key),
                Target::ParentKey => text(&mut row.parent_key),
                Target::WbsNumber => text(&mut row.wbs_number),
                Target::Title => {
                    if row.title.is_empty() {
                        row.title = one_line(cell);
                    }
                }
                Target::Description => {
                    if row.description.is_empty() {
                        // Keep the description's own inner layout; trim only its ends.
                        row.description = cell.to_string();
                    }
                }
                Target::Kind => text(&mut row.kind),
                Target::Status => text(&mut row.status),
                Target::Priority => text(&mut row.priority),
                Target::Assignee => text(&mut row.assignee),
                Target::Start => date(&mut row.start, &mut warn),
                Target::Due => date(&mut row.due, &mut warn),
                Target::Created => datetime(&mut row.created, &mut warn),
                Target::Updated => datetime(&mut row.updated, &mut warn),
                Target::Resolved => datetime(&mut row.resolved, &mut warn),
                Target::EstimateHours => amount(&mut row.estimate_hours, 1.0, &mut warn),
                Target::EstimateSeconds => amount(&mut row.estimate_hours, 3600.0, &mut warn),
                Target::ActualHours => amount(&mut row.actual_hours, 1.0, &mut warn),
                Target::ActualSeconds => amount(&mut row.actual_hours, 3600.0, &mut warn),
                Target::RemainingHours => amount(&mut row.remaining_hours, 1.0, &mut warn),
                Target::RemainingSeconds => amount(&mut row.remaining_hours, 3600.0, &mut warn),
                Target::StoryPoints => amount(&mut row.story_points, 1.0, &mut warn),
                Target::Percent => {
                    if row.percent.is_none() {
                        match parse_number(cell) {
                            Some(x) if (0.0..=100.0).contains(&x) => row.percent = Some(x),
                            Some(x) => {
                                warn(WarningKind::PercentClamped { value: cell.to_string() });
                                row.percent = Some(x.clamp(0.0, 100.0));
                            }
                            None => warn(WarningKind::BadNumber { column: column(), value: cell.to_string() }),
                        }
                    }
                }
                Target::Label => {
                    if split_labels {
                        for l in cell.split(',').map(str::trim).filter(|l| !l.is_empty()) {
                            push_unique(&mut row.labels, l);
                        }
                    } else {
                        push_unique(&mut row.labels, cell);
                    }
                }
                Target::Sprint => push_unique(&mut row.sprints, cell),
                Target::Comment => row.comments.push(comment(cell)),
                Target::Predecessors => {
                    for k in cell.split(|c: char| c == ',' || c == ';' || c == '、' || c.is_whitespace()) {
                        if !k.is_empty() {
                            push_unique(&mut row.predecessors, k);
                        }
                    }
                }
                Target::Milestone => {
                    let l = cell.to_lowercase();
                    row.milestone = row.milestone || TRUTHY.contains(&l.as_str());
                }
            }
        }
        if row.title.is_empty() {
            warn(WarningKind::MissingTitle);
            if row.key.is_empty() {
                continue;
            }
            row.title = row.key.clone();
        }
        if !row.key.is_empty() && !keys.insert(row.key.clone()) {
            warn(WarningKind::DuplicateKey { key: row.key.clone() });
            continue;
        }
        out.rows.push(row);
    }
    Ok(out)
}

/// Undoes the spreadsheet neutralization of a formula-looking cell (Mieruka's own CSV export and
/// Excel users write `'=…`): the apostrophe is not part of the value.
fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if crate::interop::csv_export::neutralize(rest) != rest => rest,
        _ => cell,
    }
}

/// A title is one line: line breaks and tabs inside a quoted cell become single spaces.
fn one_line(cell: &str) -> String {
    cell.split(['\r', '\n', '\t']).map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// A Jira comment cell `date;author;text`, or plain text.
fn comment(cell: &str) -> SourceComment {
    let mut parts = cell.splitn(3, ';');
    if let (Some(d), Some(author), Some(text)) = (parts.next(), parts.next(), parts.next()) {
        if let Some(at) = parse_datetime(d) {
            return SourceComment { at: Some(at), author: author.trim().to_string(), text: text.trim().to_string() };
        }
    }
    SourceComment { at: None, author: String::new(), text: cell.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::csv::read;
    use crate::interop::csv::Record;
    use chrono::NaiveDate;
    use Target::*;

    fn map(t: &[Target]) -> ColumnMap {
        ColumnMap { columns: t.to_vec() }
    }

    #[test]
    fn neutralized_cells_and_multi_line_titles() {
        assert_eq!(unneutralize("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralize("'-1 day"), "-1 day");
        assert_eq!(unneutralize("'＠mention"), "＠mention");
        assert_eq!(unneutralize("'quoted'"), "'quoted'", "an apostrophe before ordinary text is the user's");
        assert_eq!(unneutralize("plain"), "plain");
        assert_eq!(one_line("Bau\r\nPhase 1"), "Bau Phase 1");
        assert_eq!(one_line("a\n\n\tb "), "a b");
        let table = Table {
            delimiter: ',',
            headers: vec!["Title".into()],
            rows: vec![Record { line: 2, cells: vec!["'=1+1".into()] }, Record { line: 3, cells: vec!["x\ny".into()] }],
        };
        let ex = rows(&table, &map(&[Target::Title])).unwrap();
        assert_eq!(ex.rows[0].title, "=1+1");
        assert_eq!(ex.rows[1].title, "x y");
    }

    #[test]
    fn no_title_column() {
        let t = read("a,b\n1,2").unwrap();
        assert_eq!(rows(&t, &map(&[Key, Ignore])), Err(ReadError::NoTitleColumn));
    }

    #[test]
    fn fields_and_warnings() {
        let text = "Key,Summary,Start,Due,Created,Est(s),Spent,Pct,Pts,Labels,Labels,Sprint,Comment,Pred,MS\n\
            A-1, First ,2025/4/1,2025/4/30,14/Jul/25 3:42 PM,7200,1.5,50%,3,ui,api,Sprint 1,\"15/Jul/25 9:00 AM;山田;looks good; ship it\",\"A-0, A-9;B-1\",○\n\
            A-2,Second,someday,,,-5,x,150,-1,,,,plain note,,no\n";
        let t = read(text).unwrap();
        let m = map(&[
            Key,
            Title,
            Start,
            Due,
            Created,
            EstimateSeconds,
            ActualHours,
            Percent,
            StoryPoints,
            Label,
            Label,
            Sprint,
            Comment,
            Predecessors,
            Milestone,
        ]);
        let x = rows(&t, &m).unwrap();
        assert_eq!(x.rows.len(), 2);
        let a = &x.rows[0];
        assert_eq!((a.line, a.key.as_str(), a.title.as_str()), (2, "A-1", "First"));
        assert_eq!(a.start, NaiveDate::from_ymd_opt(2025, 4, 1));
        assert_eq!(a.due, NaiveDate::from_ymd_opt(2025, 4, 30));
        assert_eq!(a.created.unwrap().to_string(), "2025-07-14 15:42:00");
        assert_eq!(
            (a.estimate_hours, a.actual_hours, a.percent, a.story_points),
            (Some(2.0), Some(1.5), Some(50.0), Some(3.0))
        );
        assert_eq!(a.labels, vec!["ui", "api"]);
        assert_eq!(a.sprints, vec!["Sprint 1"]);
        assert_eq!(a.comments.len(), 1);
        assert_eq!(a.comments[0].author, "山田");
        assert_eq!(a.comments[0].text, "looks good; ship it");
        assert_eq!(a.comments[0].at.unwrap().to_string(), "2025-07-15 09:00:00");
        assert_eq!(a.predecessors, vec!["A-0", "A-9", "B-1"]);
        assert!(a.milestone);

        let b = &x.rows[1];
        assert_eq!(b.start, None);
        assert_eq!((b.estimate_hours, b.actual_hours, b.percent, b.story_points), (None, None, Some(100.0), None));
        assert_eq!(b.comments, vec![SourceComment { at: None, author: String::new(), text: "plain note".into() }]);
        assert!(!b.milestone);
        let w: Vec<(usize, WarningKind)> = x.warnings.iter().map(|w| (w.line, w.kind.clone())).collect();
        assert_eq!(
            w,
            vec![
                (3, WarningKind::BadDate { column: "Start".into(), value: "someday".into() }),
                (3, WarningKind::BadNumber { column: "Est(s)".into(), value: "-5".into() }),
                (3, WarningKind::BadNumber { column: "Spent".into(), value: "x".into() }),
                (3, WarningKind::PercentClamped { value: "150".into() }),
                (3, WarningKind::BadNumber { column: "Pts".into(), value: "-1".into() }),
            ]
        );
    }

    #[test]
    fn single_label_column_is_split() {
        let t = read("k,t,l\n1,a,\"x, y,,x\"\n").unwrap();
        let x = rows(&t, &map(&[Key, Title, Label])).unwrap();
        assert_eq!(x.rows[0].labels, vec!["x", "y"]);
    }

    #[test]
    fn ragged_empty_duplicate_missing_title() {
        let text = "k,t,d\n1,a\n,,\n2,b,c,extra\n1,again,x\n3,,x\n,,only description\n4,\"multi\nline\",x\n";
        let t = read(text).unwrap();
        let x = rows(&t, &map(&[Key, Title, Description])).unwrap();
        let got: Vec<(usize, &str, &str)> = x.rows.iter().map(|r| (r.line, r.key.as_str(), r.title.as_str())).collect();
        assert_eq!(got, vec![(2, "1", "a"), (4, "2", "b"), (6, "3", "3"), (8, "4", "multi line")]);
        let w: Vec<(usize, WarningKind)> = x.warnings.iter().map(|w| (w.line, w.kind.clone())).collect();
        assert_eq!(
            w,
            vec![
                (2, WarningKind::RaggedRow { expected: 3, found: 2 }),
                (3, WarningKind::EmptyRow),
                (4, WarningKind::RaggedRow { expected: 3, found: 4 }),
                (5, WarningKind::DuplicateKey { key: "1".into() }),
                (6, WarningKind::MissingTitle),
                (7, WarningKind::MissingTitle),
            ]
        );
    }

    #[test]
    fn map_shorter_or_longer_than_the_header() {
        let t = read("k,t,x\n1,a,b\n").unwrap();
        let x = rows(&t, &map(&[Key, Title])).unwrap();
        assert_eq!(x.rows[0].title, "a");
        let x = rows(&t, &map(&[Key, Title, Ignore, Description, Description])).unwrap();
        assert_eq!(x.rows[0].description, "");
    }
}
