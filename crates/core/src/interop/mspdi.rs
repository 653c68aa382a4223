//! (Over 400 lines: reading and writing MSPDI share one element map and one calendar model; they
//! are kept together so a field read is never out of step with the field written.)
//!
//! MS Project XML (MSPDI), the exchange format of MS Project, ProjectLibre and GanttProject:
//! tasks with outline levels, durations, dates, % complete, predecessors, resources and
//! assignments — read into [`SourceRow`]s, and the WBS and schedule written back.
//!
//! # Reading
//! The document must be well-formed XML without a DTD (roxmltree refuses DTDs, so no entity
//! expansion attacks) whose root is `<Project>` (in the `http://schemas.microsoft.com/project`
//! namespace or none) with a `<Tasks>` element. Every `<Task>` but the project summary task
//! (UID 0) and blank rows (`<IsNull>1`) becomes one row, in file order:
//!
//! | MSPDI | [`SourceRow`] |
//! |---|---|
//! | `UID` | `key` |
//! | `OutlineLevel` (else the depth of `OutlineNumber`) | `parent_key`: the nearest previous task with a lower level |
//! | `WBS`, else `OutlineNumber` | `wbs_number` |
//! | `Name` | `title` |
//! | `Notes` | `description` |
//! | `Milestone`, `Summary` | `kind` = `Milestone` / `Summary` / `Task`; `milestone` |
//! | `Start`, `Finish` | `start`, `due` (a finish at 00:00 after the start day counts for the day before) |
//! | `CreateDate` (or `Created`), `ActualFinish` | `created`, `resolved` |
//! | `Work` if > 0, else `Duration` | `estimate_hours` |
//! | `ActualWork` / `RemainingWork` (`ActualDuration` / `RemainingDuration` on the duration basis) | `actual_hours`, `remaining_hours` |
//! | `PercentWorkComplete` (work basis) or `PercentComplete` | `percent`, and `status` = `done` / `in_progress` / `not_started` |
//! | `Priority` (0–1000) | `priority` = `low` (< 400) / `medium` (< 700) / `high` (< 900) / `critical` |
//! | `PredecessorLink/PredecessorUID` | `predecessors` |
//! | the first `Assignment` of the task whose resource has a name | `assignee` (the resource's `Name`) |
//!
//! Durations are ISO 8601 (`PT16H0M0S`, `PT8H30M0S`, `P2DT4H0M0S`, `P1W`); a day is the project's
//! `MinutesPerDay` (default 480), a week `MinutesPerWeek` (default 2400), a month `DaysPerMonth`
//! days (default 20). Summary tasks carry MS Project's own roll-ups of their children, so their
//! work, actuals, remaining and % complete are not read (Mieruka rolls up itself).
//!
//! Warnings ([`WarningKind::Unsupported`], by the task's line): a link that is not
//! finish-to-start (`link type SS` / `FF` / `SF`) or has a lag (`link lag`) is **kept as a plain
//! finish-to-start dependency** (the order of the work matters more than the link's exact kind);
//! a link to another project (`cross-project link`) is dropped; a task with several resources
//! (`multiple resources`) keeps the first. Unreadable dates and durations are
//! [`WarningKind::BadDate`] / [`WarningKind::BadNumber`] with the element's name as the column.
//! The whole read is linear in the size of the file.
//!
//! # Writing
//! [`write`] produces an MSPDI document MS Project 2010+ and ProjectLibre open: the project's
//! standard calendar (its working weekdays 09:00–12:00 and 13:00–18:00, its holidays and extra
//! working days as exceptions), the project summary task (UID 0), every task in WBS order with
//! UIDs 1..n, fixed-duration tasks whose `Duration` is their working days × 8 h (or their estimate
//! when they have no dates) and whose `Work` is their estimate, finish-to-start links, one resource
//! per member and one assignment per assigned task.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use roxmltree::{Document, Node};

use super::extract::Extracted;
use super::text::MAX_IMPORT_BYTES;
use super::{ReadError, SourceRow, Warning, WarningKind};
use crate::calendar::{WorkCalendar, WorkingDayIndex};
use crate::enums::{Priority, TaskStatus, Weekday};
use crate::id::Id;
use crate::model::Project;
use crate::rollup::{rollups, wbs_rows};

/// The MSPDI namespace.
pub const NAMESPACE: &str = "http://schemas.microsoft.com/project";

// ---------------------------------------------------------------- reading

/// Byte offsets of line starts, for 1-based line numbers of element positions in O(log n).
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        let mut v = vec![0];
        v.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Lines(v)
    }
    fn line(&self, offset: usize) -> usize {
        match self.0.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// The project's units for days, weeks and months in a duration.
#[derive(Clone, Copy)]
struct Units {
    minutes_per_day: f64,
    minutes_per_week: f64,
    days_per_month: f64,
}

impl Default for Units {
    fn default() -> Self {
        Units { minutes_per_day: 480.0, minutes_per_week: 2400.0, days_per_month: 20.0 }
    }
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a, 'i: 'a>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The trimmed text of a child element; `None` when it is missing or empty.
fn text_of<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name).and_then(|c| c.text()).map(str::trim).filter(|s| !s.is_empty())
}

/// The whole text of a child element, untrimmed (notes keep their line breaks and indentation).
fn full_text(n: Node<'_, '_>, name: &str) -> String {
    child(n, name)
        .map(|c| c.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>())
        .unwrap_or_default()
}

fn flag(n: Node<'_, '_>, name: &str) -> bool {
    matches!(text_of(n, name), Some("1") | Some("true") | Some("True"))
}

fn number(n: Node<'_, '_>, name: &str) -> Option<f64> {
    text_of(n, name).and_then(|s| s.parse::<f64>().ok()).filter(|x| x.is_finite())
}

/// An MSPDI date-time: `2025-04-01T08:00:00` (seconds, fractions, a zone and a bare date tolerated).
fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d);
        }
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.naive_local());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(|d| d.and_time(NaiveTime::MIN))
}

/// Hours of an ISO 8601 duration (`PT16H0M0S`, `P2DT4H0M0S`, `P1W`, `PT7.5H`); `None` when it
/// is not one, is negative or uses years.
fn parse_duration(s: &str, u: Units) -> Option<f64> {
    let s = s.trim();
    let rest = s.strip_prefix('P')?;
    let mut minutes = 0.0f64;
    let mut num = String::new();
    let mut in_time = false;
    let mut any = false;
    for ch in rest.chars() {
        match ch {
            'T' if !in_time && num.is_empty() => in_time = true,
            '0'..='9' | '.' => num.push(ch),
            ',' => num.push('.'),
            _ => {
                let x: f64 = num.parse().ok()?;
                num.clear();
                any = true;
                minutes += x * match (in_time, ch) {
                    (false, 'W') => u.minutes_per_week,
                    (false, 'D') => u.minutes_per_day,
                    (false, 'M') => u.days_per_month * u.minutes_per_day,
                    (true, 'H') => 60.0,
                    (true, 'M') => 1.0,
                    (true, 'S') => 1.0 / 60.0,
                    _ => return None,
                };
            }
        }
    }
    if !num.is_empty() || !any || !minutes.is_finite() {
        return None;
    }
    // Whole seconds: float noise from 0.1-minute steps never shows up as 7.999999 h.
    Some((minutes * 60.0).round() / 3600.0)
}

struct Reader<'a, 'i> {
    units: Units,
    lines: &'a Lines,
    warnings: Vec<Warning>,
    node: Node<'a, 'i>,
    line: usize,
}

impl Reader<'_, '_> {
    fn warn(&mut self, kind: WarningKind) {
        self.warnings.push(Warning { line: self.line, kind });
    }

    fn datetime(&mut self, name: &str) -> Option<NaiveDateTime> {
        let s = text_of(self.node, name)?;
        let d = parse_datetime(s);
        if d.is_none() {
            let line = child(self.node, name).map(|c| self.lines.line(c.range().start)).unwrap_or(self.line);
            self.warnings.push(Warning { line, kind: WarningKind::BadDate { column: name.into(), value: s.into() } });
        }
        d
    }

    fn hours(&mut self, name: &str) -> Option<f64> {
        let s = text_of(self.node, name)?;
        let h = parse_duration(s, self.units);
        if h.is_none() {
            let line = child(self.node, name).map(|c| self.lines.line(c.range().start)).unwrap_or(self.line);
            self.warnings.push(Warning { line, kind: WarningKind::BadNumber { column: name.into(), value: s.into() } });
        }
        h
    }
}

fn bad_xml(text: &str, lines: &Lines, e: &roxmltree::Error) -> ReadError {
    use roxmltree::Error as E;
    let message = match e {
        E::DtdDetected => "a DTD (<!DOCTYPE …>) is not allowed".to_string(),
        E::UnclosedRootNode | E::UnexpectedEndOfStream => format!("the file ends too early, it may be truncated ({e})"),
        other => other.to_string(),
    };
    let line = match e {
        E::DtdDetected => text.find("<!DOCTYPE").map(|i| lines.line(i)).unwrap_or(1),
        // Truncated: the last line with text.
        E::UnclosedRootNode | E::UnexpectedEndOfStream => lines.line(text.trim_end().len().saturating_sub(1)),
        other => other.pos().row as usize,
    };
    ReadError::BadXml { line, message }
}

/// Elements nested deeper than this are refused ([`ReadError::XmlTooDeep`]).
pub const MAX_DEPTH: usize = 64;

/// Reads an MSPDI document.
pub fn read(text: &str) -> Result<Extracted, ReadError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len(), max: MAX_IMPORT_BYTES });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let lines = Lines::new(text);
    let doc = Document::parse(text).map_err(|e| bad_xml(text, &lines, &e))?;
    // MSPDI is a few levels deep; a document thousands deep is not one (and is refused before
    // anything walks it recursively).
    // Depth by node, in document order (a parent comes before its children): linear.
    let mut depth: Vec<u32> = Vec::new();
    for n in doc.root().descendants() {
        let d = n.parent().and_then(|p| depth.get(p.id().get_usize()).copied()).map_or(0, |d| d + 1);
        let i = n.id().get_usize();
        if depth.len() <= i {
            depth.resize(i + 1, 0);
        }
        depth[i] = d;
        if d as usize > MAX_DEPTH {
            return Err(ReadError::XmlTooDeep { line: lines.line(n.range().start), max: MAX_DEPTH });
        }
    }
    let root = doc.root_element();
    let ns_ok = matches!(root.tag_name().namespace(), None | Some(NAMESPACE));
    if root.tag_name().name() != "Project" || !ns_ok {
        return Err(ReadError::NotMspdi);
    }
    let tasks = child(root, "Tasks").ok_or(ReadError::NotMspdi)?;
    let d = Units::default();
    let units = Units {
        minutes_per_day: number(root, "MinutesPerDay").filter(|x| *x > 0.0).unwrap_or(d.minutes_per_day),
        minutes_per_week: number(root, "MinutesPerWeek").filter(|x| *x > 0.0).unwrap_or(d.minutes_per_week),
        days_per_month: number(root, "DaysPerMonth").filter(|x| *x > 0.0).unwrap_or(d.days_per_month),
    };

    // Resources by UID (those with a name), and each task's assigned resources in file order.
    let mut resources: HashMap<&str, String> = HashMap::new();
    if let Some(rs) = child(root, "Resources") {
        for r in children(rs, "Resource") {
            if flag(r, "IsNull") {
                continue;
            }
            if let (Some(uid), Some(name)) = (text_of(r, "UID"), text_of(r, "Name")) {
                resources.insert(uid, name.to_string());
            }
        }
    }
    let mut assigned: HashMap<&str, Vec<&str>> = HashMap::new();
    if let Some(asg) = child(root, "Assignments") {
        for a in children(asg, "Assignment") {
            if let (Some(t), Some(r)) = (text_of(a, "TaskUID"), text_of(a, "ResourceUID")) {
                if resources.contains_key(r) {
                    let list = assigned.entry(t).or_default();
                    if !list.contains(&r) {
                        list.push(r);
                    }
                }
            }
        }
    }

    let mut out = Extracted::default();
    let mut stack: Vec<(u32, String)> = Vec::new();
    for t in children(tasks, "Task") {
        let line = lines.line(t.range().start);
        let mut rd = Reader { units, lines: &lines, warnings: Vec::new(), node: t, line };
        let uid = text_of(t, "UID").unwrap_or("").to_string();
        if uid == "0" || flag(t, "IsNull") {
            continue;
        }
        let outline_number = text_of(t, "OutlineNumber").unwrap_or("").to_string();
        let level = text_of(t, "OutlineLevel").and_then(|s| s.parse::<u32>().ok()).unwrap_or_else(|| {
            if outline_number.is_empty() {
                1
            } else {
                outline_number.split('.').count() as u32
            }
        });
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        let parent_key = stack.last().map(|(_, k)| k.clone()).unwrap_or_default();
        if !uid.is_empty() {
            stack.push((level, uid.clone()));
        }

        let milestone = flag(t, "Milestone");
        let summary = flag(t, "Summary");
        let start = rd.datetime("Start");
        let finish = rd.datetime("Finish");
        let due = finish.map(|f| {
            let day = f.date();
            match (f.time() == NaiveTime::MIN, start) {
                (true, Some(s)) if day > s.date() => day.pred_opt().unwrap_or(day),
                _ => day,
            }
        });
        let work = rd.hours("Work");
        let duration = rd.hours("Duration");
        let work_basis = work.is_some_and(|w| w > 0.0);
        let (estimate, actual, remaining, percent) = if summary {
            (None, None, None, None)
        } else if work_basis {
            let pct = number(t, "PercentWorkComplete").or_else(|| number(t, "PercentComplete"));
            (work, rd.hours("ActualWork"), rd.hours("RemainingWork"), pct)
        } else {
            let pct = number(t, "PercentComplete");
            (duration, rd.hours("ActualDuration"), rd.hours("RemainingDuration"), pct)
        };
        let shown_pct = number(t, "PercentComplete").or(percent).unwrap_or(0.0);
        let status = if shown_pct >= 100.0 {
            TaskStatus::Done
        } else if shown_pct > 0.0 || text_of(t, "ActualStart").is_some() {
            TaskStatus::InProgress
        } else {
            TaskStatus::NotStarted
        };
        let priority = number(t, "Priority").map(|p| match p {
            p if p < 400.0 => Priority::Low,
            p if p < 700.0 => Priority::Medium,
            p if p < 900.0 => Priority::High,
            _ => Priority::Critical,
        });

        let mut predecessors = Vec::new();
        for link in children(t, "PredecessorLink") {
            let Some(pred) = text_of(link, "PredecessorUID") else { continue };
            if flag(link, "CrossProject") {
                rd.warn(WarningKind::CrossProjectLink);
                continue;
            }
            let kind = text_of(link, "Type").unwrap_or("1");
            if kind != "1" {
                let name = match kind {
                    "0" => "FF",
                    "2" => "SF",
                    "3" => "SS",
                    _ => "?",
                };
                rd.warn(WarningKind::LinkTypeAsFinishToStart { link_type: name.to_string() });
            }
            if number(link, "LinkLag").is_some_and(|l| l != 0.0) {
                rd.warn(WarningKind::LinkLagIgnored);
            }
            if !predecessors.iter().any(|p| p == pred) {
                predecessors.push(pred.to_string());
            }
        }
        let res = assigned.get(uid.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        if res.len() > 1 {
            rd.warn(WarningKind::MultipleResources);
        }
        let assignee = res.first().and_then(|r| resources.get(r)).cloned().unwrap_or_default();

        let created = match text_of(t, "CreateDate") {
            Some(_) => rd.datetime("CreateDate"),
            None => rd.datetime("Created"),
        };
        let resolved = rd.datetime("ActualFinish");
        let wbs = text_of(t, "WBS").map(str::to_string).unwrap_or_else(|| outline_number.clone());
        let kind = if milestone {
            "Milestone"
        } else if summary {
            "Summary"
        } else {
            "Task"
        };
        out.rows.push(SourceRow {
            line,
            key: uid,
            parent_key,
            wbs_number: wbs,
            kind: kind.into(),
            title: full_text(t, "Name").trim().to_string(),
            description: full_text(t, "Notes"),
            status: status.as_str().into(),
            priority: priority.map(|p| p.as_str().to_string()).unwrap_or_default(),
            assignee,
            start: start.map(|s| s.date()),
            due,
            created,
            updated: None,
            resolved,
            estimate_hours: estimate,
            actual_hours: actual,
            remaining_hours: remaining,
            percent,
            story_points: None,
            milestone,
            labels: Vec::new(),
            sprints: Vec::new(),
            comments: Vec::new(),
            predecessors,
        });
        out.warnings.append(&mut rd.warnings);
    }
    Ok(out)
}

// ---------------------------------------------------------------- writing

/// Text as XML character data or attribute value: `& < > " '` escaped, characters XML 1.0 does
/// not allow (control characters but tab and line feed, U+FFFE, U+FFFF) dropped, CR kept as `&#13;`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An MSPDI duration of `hours` (rounded to the second): `PT7H30M0S`.
fn duration(hours: f64) -> String {
    let secs = if hours.is_finite() && hours > 0.0 { (hours * 3600.0).round() as u64 } else { 0 };
    format!("PT{}H{}M{}S", secs / 3600, secs / 60 % 60, secs % 60)
}

fn at(d: NaiveDate, time: &str) -> String {
    format!("{}T{time}", d.format("%Y-%m-%d"))
}

/// A number without float noise: `12`, `7.5`.
fn num(x: f64) -> String {
    let x = if x.is_finite() { (x * 100.0).round() / 100.0 } else { 0.0 };
    if x == x.trunc() {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn open(&mut self, tag: &str) {
        self.indent();
        let _ = writeln!(self.out, "<{tag}>");
        self.depth += 1;
    }
    fn close(&mut self, tag: &str) {
        self.depth -= 1;
        self.indent();
        let _ = writeln!(self.out, "</{tag}>");
    }
    fn el(&mut self, tag: &str, value: impl AsRef<str>) {
        self.indent();
        let _ = writeln!(self.out, "<{tag}>{}</{tag}>", escape(value.as_ref()));
    }
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }
}

/// MSPDI `DayType`: 1 = Sunday … 7 = Saturday.
fn day_type(w: Weekday) -> u32 {
    (w.num_days_from_monday() + 1) % 7 + 1
}

const MORNING: (&str, &str) = ("09:00:00", "12:00:00");
const AFTERNOON: (&str, &str) = ("13:00:00", "18:00:00");
const HOURS_PER_DAY: f64 = 8.0;
/// Calendar exceptions are written for at most this many days of the schedule.
const MAX_EXCEPTION_DAYS: i64 = 3660;

fn working_times(x: &mut Xml) {
    x.open("WorkingTimes");
    for (from, to) in [MORNING, AFTERNOON] {
        x.open("WorkingTime");
        x.el("FromTime", from);
        x.el("ToTime", to);
        x.close("WorkingTime");
    }
    x.close("WorkingTimes");
}

/// Writes the project's WBS, schedule, resources and assignments as an MSPDI document. Elements
/// follow the order of the MSPDI schema's sequences (MS Project refuses some out-of-order files).
pub fn write(p: &Project) -> String {
    let rows = wbs_rows(p);
    let roll = rollups(p);
    let uid: HashMap<Id, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i + 1)).collect();
    let cal = WorkCalendar::for_project(&p.info);

    // The schedule's range: tasks' own dates and the project's.
    let dates = p.tasks.values().flat_map(|t| [t.start, t.due]).chain([p.info.start, p.info.target_end]).flatten();
    let (lo, hi) = dates.fold((None, None), |(lo, hi): (Option<NaiveDate>, Option<NaiveDate>), d| {
        (Some(lo.map_or(d, |l| l.min(d))), Some(hi.map_or(d, |h| h.max(d))))
    });
    let project_start = p.info.start.or(lo);
    let index = match (lo, hi) {
        (Some(a), Some(b)) => Some(WorkingDayIndex::new(&cal, a, b)),
        _ => None,
    };
    let working_days = |a: NaiveDate, b: NaiveDate| -> i64 {
        match &index {
            Some(ix) => ix.count(a, b),
            None => cal.working_days_between(a, b),
        }
    };

    let mut x = Xml { out: String::with_capacity(1024 + rows.len() * 1200), depth: 0 };
    x.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    x.out.push_str(&format!("<Project xmlns=\"{NAMESPACE}\">\n"));
    x.depth = 1;
    x.el("SaveVersion", "14");
    let label = if p.info.label().is_empty() { "project" } else { p.info.label() };
    x.el("Name", format!("{label}.xml"));
    x.el("Title", &p.info.name);
    if !p.info.manager.is_empty() {
        x.el("Manager", &p.info.manager);
    }
    x.el("ScheduleFromStart", "1");
    if let Some(s) = project_start {
        x.el("StartDate", at(s, "09:00:00"));
    }
    if let Some(f) = p.info.target_end.or(hi) {
        x.el("FinishDate", at(f, "18:00:00"));
    }
    x.el("FYStartDate", "4");
    x.el("CurrencyCode", &p.info.currency);
    x.el("CalendarUID", "1");
    x.el("DefaultStartTime", "09:00:00");
    x.el("DefaultFinishTime", "18:00:00");
    x.el("MinutesPerDay", "480");
    x.el("MinutesPerWeek", (480 * p.info.working_days.len().max(1)).to_string());
    x.el("DaysPerMonth", "20");
    x.el("DefaultTaskType", "1");
    x.el("DefaultFixedCostAccrual", "3");
    x.el("DurationFormat", "7");
    x.el("WorkFormat", "2");
    x.el("NewTasksEffortDriven", "0");

    // The standard calendar.
    x.open("Calendars");
    x.open("Calendar");
    x.el("UID", "1");
    x.el("Name", "Standard");
    x.el("IsBaseCalendar", "1");
    x.el("BaseCalendarUID", "-1");
    x.open("WeekDays");
    for w in Weekday::ALL {
        x.open("WeekDay");
        x.el("DayType", day_type(*w).to_string());
        let working = p.info.working_days.contains(w);
        x.el("DayWorking", if working { "1" } else { "0" });
        if working {
            working_times(&mut x);
        }
        x.close("WeekDay");
    }
    if let (Some(a), Some(b)) = (lo, hi) {
        let last = b.min(a + chrono::Duration::days(MAX_EXCEPTION_DAYS));
        let mut d = a;
        while d <= last {
            let weekday_works = p.info.working_days.contains(&Weekday::from_chrono(d.weekday()));
            let works = cal.is_working_day(d);
            if works != weekday_works {
                x.open("WeekDay");
                x.el("DayType", "0");
                x.el("DayWorking", if works { "1" } else { "0" });
                x.open("TimePeriod");
                x.el("FromDate", at(d, "00:00:00"));
                x.el("ToDate", at(d, "23:59:00"));
                x.close("TimePeriod");
                if works {
                    working_times(&mut x);
                }
                x.close("WeekDay");
            }
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
    }
    x.close("WeekDays");
    x.close("Calendar");
    x.close("Calendars");

    // Tasks: the project summary, then the WBS.
    x.open("Tasks");
    x.open("Task");
    x.el("UID", "0");
    x.el("ID", "0");
    x.el("Name", &p.info.name);
    x.el("Type", "1");
    x.el("IsNull", "0");
    x.el("WBS", "0");
    x.el("OutlineNumber", "0");
    x.el("OutlineLevel", "0");
    if let Some(s) = project_start {
        x.el("Start", at(s, "09:00:00"));
    }
    if let Some(f) = p.info.target_end.or(hi) {
        x.el("Finish", at(f, "18:00:00"));
    }
    x.el("Summary", "1");
    x.el("Notes", &p.info.description);
    x.close("Task");

    for (i, row) in rows.iter().enumerate() {
        let t = &p.tasks[&row.id];
        let r = roll.get(&row.id).copied().unwrap_or_default();
        let summary = row.has_children;
        let (start, due) = if summary { (r.start.or(t.start), r.due.or(t.due)) } else { (t.start, t.due) };
        let (start, due) = match (start, due) {
            (Some(s), Some(d)) if d < s => (Some(s), Some(s)),
            (Some(s), None) => (Some(s), Some(s)),
            (None, Some(d)) => (Some(d), Some(d)),
            (None, None) => (project_start, project_start),
            other => other,
        };
        let (estimate, actual, remaining, percent) = if summary {
            (r.estimate, r.actual, r.remaining, r.percent)
        } else {
            (t.estimate_hours, t.actual_hours, t.effective_remaining(), t.effective_percent())
        };
        let dur_hours = if t.milestone && !summary {
            0.0
        } else {
            match (t.start.or(if summary { start } else { None }), t.due.or(if summary { due } else { None })) {
                (Some(s), Some(d)) if d >= s => working_days(s, d) as f64 * HOURS_PER_DAY,
                _ => estimate,
            }
        };
        let pct = percent.clamp(0.0, 100.0).round() as i64;
        let n = (i + 1).to_string();
        x.open("Task");
        x.el("UID", &n);
        x.el("ID", &n);
        x.el("Name", &t.title);
        x.el("Type", "1");
        x.el("IsNull", "0");
        x.el("WBS", &row.number);
        x.el("OutlineNumber", &row.number);
        x.el("OutlineLevel", (row.depth + 1).to_string());
        x.el(
            "Priority",
            match t.priority {
                Priority::Low => "300",
                Priority::Medium => "500",
                Priority::High => "800",
                Priority::Critical => "1000",
            },
        );
        let (start_time, finish_time) =
            if t.milestone && !summary { ("18:00:00", "18:00:00") } else { ("09:00:00", "18:00:00") };
        if let Some(s) = start {
            x.el("Start", at(if t.milestone && !summary { due.unwrap_or(s) } else { s }, start_time));
        }
        if let Some(d) = due {
            x.el("Finish", at(d, finish_time));
        }
        x.el("Duration", duration(dur_hours));
        x.el("DurationFormat", "7");
        x.el("Work", duration(estimate));
        x.el("EffortDriven", "0");
        x.el("Estimated", "0");
        x.el("Milestone", if t.milestone { "1" } else { "0" });
        x.el("Summary", if summary { "1" } else { "0" });
        x.el("PercentComplete", pct.to_string());
        x.el("PercentWorkComplete", pct.to_string());
        if pct > 0 || actual > 0.0 {
            if let Some(s) = start {
                x.el("ActualStart", at(s, start_time));
            }
        }
        if pct >= 100 {
            if let Some(d) = due {
                x.el("ActualFinish", at(d, finish_time));
            }
        }
        x.el("ActualDuration", duration(dur_hours * pct as f64 / 100.0));
        x.el("ActualWork", duration(actual));
        x.el("RemainingDuration", duration(dur_hours * (100 - pct) as f64 / 100.0));
        x.el("RemainingWork", duration(remaining));
        x.el("ConstraintType", "0");
        x.el("CalendarUID", "-1");
        if !t.description.is_empty() {
            x.el("Notes", &t.description);
        }
        for dep in &t.depends_on {
            if let Some(u) = uid.get(dep) {
                x.open("PredecessorLink");
                x.el("PredecessorUID", u.to_string());
                x.el("Type", "1");
                x.el("CrossProject", "0");
                x.el("LinkLag", "0");
                x.el("LagFormat", "7");
                x.close("PredecessorLink");
            }
        }
        x.close("Task");
    }
    x.close("Tasks");

    // Resources: the members, by name.
    let mut members: Vec<(&Id, &crate::model::Member)> = p.members.iter().collect();
    members.sort_by(|a, b| a.1.name.cmp(&b.1.name).then(a.0.cmp(b.0)));
    let res_uid: HashMap<Id, usize> = members.iter().enumerate().map(|(i, (id, _))| (**id, i + 1)).collect();
    x.open("Resources");
    for (i, (_, m)) in members.iter().enumerate() {
        let n = (i + 1).to_string();
        x.open("Resource");
        x.el("UID", &n);
        x.el("ID", &n);
        x.el("Name", &m.name);
        x.el("Type", "1");
        x.el("IsNull", "0");
        if !m.role.is_empty() {
            x.el("Group", &m.role);
        }
        x.el("MaxUnits", num(m.capacity_hours_per_week / (HOURS_PER_DAY * p.info.working_days.len().max(1) as f64)));
        let rate = m.rate.unwrap_or(p.info.default_rate);
        if rate > 0.0 {
            x.el("StandardRate", num(rate));
            x.el("StandardRateFormat", "2");
        }
        x.close("Resource");
    }
    x.close("Resources");

    // Assignments: one per assigned task, carrying its work.
    x.open("Assignments");
    let mut a = 0usize;
    for (i, row) in rows.iter().enumerate() {
        let t = &p.tasks[&row.id];
        let Some(r) = t.assignee.and_then(|m| res_uid.get(&m)) else { continue };
        a += 1;
        x.open("Assignment");
        x.el("UID", a.to_string());
        x.el("TaskUID", (i + 1).to_string());
        x.el("ResourceUID", r.to_string());
        x.el("PercentWorkComplete", (t.effective_percent().clamp(0.0, 100.0).round() as i64).to_string());
        x.el("ActualWork", duration(t.actual_hours));
        x.el("RemainingWork", duration(t.effective_remaining()));
        x.el("Units", "1");
        x.el("Work", duration(t.estimate_hours));
        x.close("Assignment");
    }
    x.close("Assignments");
    x.depth = 0;
    x.out.push_str("</Project>\n");
    x.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let u = Units::default();
        assert_eq!(parse_duration("PT16H0M0S", u), Some(16.0));
        assert_eq!(parse_duration("PT8H30M0S", u), Some(8.5));
        assert_eq!(parse_duration("P2DT4H0M0S", u), Some(20.0));
        assert_eq!(parse_duration("P1W", u), Some(40.0));
        assert_eq!(parse_duration("PT7.5H", u), Some(7.5));
        assert_eq!(parse_duration("PT0H0M0S", u), Some(0.0));
        assert_eq!(parse_duration("PT1H0M36S", u), Some(1.01));
        for bad in ["", "P", "PT", "16h", "P1Y", "PTH", "PT-1H", "PT1H2"] {
            assert_eq!(parse_duration(bad, u), None, "{bad}");
        }
        assert_eq!(duration(7.5), "PT7H30M0S");
        assert_eq!(duration(0.0), "PT0H0M0S");
        assert_eq!(duration(f64::NAN), "PT0H0M0S");
        assert_eq!(duration(1.0 / 3.0), "PT0H20M0S");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("A & B <c> \"d\" 'e'"), "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
        assert_eq!(escape("a\u{0}b\u{1b}c\td\ne\r\u{FFFF}"), "abc\td\ne&#13;");
        assert_eq!(escape("要件定義 🚀"), "要件定義 🚀");
    }

    #[test]
    fn day_types() {
        assert_eq!(day_type(Weekday::Sun), 1);
        assert_eq!(day_type(Weekday::Mon), 2);
        assert_eq!(day_type(Weekday::Sat), 7);
    }
}
