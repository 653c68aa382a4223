//! The shell around the pure core: clock, ids, files, time zones, and the words for warnings.

use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate, Utc};
use mieruka_core::format::{self, Imported};
use mieruka_core::interop::{Warning, WarningKind};
use mieruka_core::{Id, Project, Stamp};

/// A one-line error message; the command exits with 1.
#[derive(Debug)]
pub struct Failure(pub String);

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Failure(message.into())
    }
}

pub type Result<T> = std::result::Result<T, Failure>;

/// The version written into exported files.
pub fn app_version() -> String {
    format!("mieruka-cli {}", env!("CARGO_PKG_VERSION"))
}

/// The current instant (whole microseconds, like the app).
pub fn now() -> DateTime<Utc> {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let micros = d.subsec_micros();
    DateTime::from_timestamp(d.as_secs() as i64, micros * 1000).unwrap_or(DateTime::UNIX_EPOCH)
}

/// A fresh random (version 4) id.
pub fn new_id() -> Id {
    uuid::Uuid::new_v4()
}

/// The actor changes are recorded as.
pub fn actor(given: Option<&str>) -> String {
    let name = given
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "mieruka-cli".to_string());
    name.chars().take(100).collect()
}

/// A stamp for one step (its own fresh batch id).
pub fn stamp(actor: &str) -> Stamp {
    Stamp::new(now(), actor, new_id())
}

/// `+09:00`, `-05:30`, `+0900`, `+9`, `Z`, `UTC` → minutes east of UTC.
pub fn parse_tz(s: &str) -> Result<i32> {
    let bad = || Failure::new(format!("--tz {s:?}: not a UTC offset (write it like +09:00 or -05:30)"));
    let t = s.trim();
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("gmt") {
        return Ok(0);
    }
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    let digits = |x: &str| -> Option<i32> {
        (!x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit())).then(|| x.parse().ok()).flatten()
    };
    let (h, m) = if let Some((h, m)) = rest.split_once(':') {
        (digits(h), digits(m))
    } else if rest.len() == 4 {
        (digits(&rest[..2]), digits(&rest[2..]))
    } else {
        (digits(rest), Some(0))
    };
    match (h, m) {
        (Some(h), Some(m)) if h <= 14 && m < 60 && (h < 14 || m == 0) => Ok(sign * (h * 60 + m)),
        _ => Err(bad()),
    }
}

/// `YYYY-MM-DD`.
pub fn parse_day(s: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::new(format!("{what} {s:?}: not a date (write it as YYYY-MM-DD)")))
}

/// The whole file, refused before reading when it is larger than the importers accept.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let max = mieruka_core::interop::text::MAX_IMPORT_BYTES;
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| Failure::new(format!("{shown}: cannot read: {}", io_words(&e))))?;
    if meta.is_dir() {
        return Err(Failure::new(format!("{shown}: is a directory, not a file")));
    }
    if meta.len() > max as u64 {
        return Err(Failure::new(format!("{shown}: the file is too large ({} bytes, at most {max})", meta.len())));
    }
    std::fs::read(path).map_err(|e| Failure::new(format!("{shown}: cannot read: {}", io_words(&e))))
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads and validates a Mieruka file. The error names the file and the place in it.
pub fn load_mieruka(path: &Path) -> Result<Imported> {
    let bytes = read_bytes(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::new(format!(
            "{}: not a Mieruka file (not UTF-8 text at byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    format::import(&text, &stamp("mieruka-cli")).map_err(|e| Failure::new(format!("{}: {e}", path.display())))
}

/// Writes `bytes` to `path` (through a temporary file renamed over it, so a reader never sees half a
/// file and an input can be overwritten safely), or to standard output.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    let Some(path) = path else {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|_| out.flush())
            .map_err(|e| Failure::new(format!("cannot write to standard output: {e}")));
    };
    let shown = path.display();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Failure::new(format!("{shown}: cannot write: {}", io_words(&e))));
    }
    Ok(())
}

/// The Mieruka envelope of these projects.
pub fn envelope(projects: &[&Project]) -> Vec<u8> {
    let mut s = format::export(projects, now(), &app_version());
    s.push('\n');
    s.into_bytes()
}

/// The project named by `which` (id, code or name; case-insensitive for names), or the only one.
pub fn pick_project<'a>(projects: &'a [Project], which: Option<&str>, file: &Path) -> Result<&'a Project> {
    let shown = file.display();
    match which {
        None => match projects {
            [p] => Ok(p),
            [] => Err(Failure::new(format!("{shown}: the file holds no project"))),
            many => Err(Failure::new(format!(
                "{shown}: the file holds {} projects ({}); choose one with --project",
                many.len(),
                many.iter().map(quoted_label).collect::<Vec<_>>().join(", ")
            ))),
        },
        Some(w) => {
            let w = w.trim();
            let found: Vec<&Project> = match Id::parse_str(w) {
                Ok(id) => projects.iter().filter(|p| p.id == id).collect(),
                Err(_) => {
                    let exact: Vec<&Project> =
                        projects.iter().filter(|p| p.info.code == w || p.info.name == w).collect();
                    if exact.is_empty() {
                        let lw = w.to_lowercase();
                        projects
                            .iter()
                            .filter(|p| p.info.code.to_lowercase() == lw || p.info.name.to_lowercase() == lw)
                            .collect()
                    } else {
                        exact
                    }
                }
            };
            match found.as_slice() {
                [p] => Ok(p),
                [] => Err(Failure::new(format!("{shown}: no project {w:?} (by id, code or name)"))),
                _ => Err(Failure::new(format!("{shown}: several projects are called {w:?}; give the id"))),
            }
        }
    }
}

pub fn quoted_label(p: &Project) -> String {
    let label = p.info.label();
    if label.is_empty() {
        p.id.to_string()
    } else {
        format!("{label:?}")
    }
}

/// A warning in one line: `line 12: …` (or `file: …` for the whole file).
pub fn describe_warning(w: &Warning) -> String {
    let what = match &w.kind {
        WarningKind::RaggedRow { expected, found } => {
            format!("the row has {found} cells, the header {expected} (missing cells read as empty)")
        }
        WarningKind::BadDate { column, value } => format!("{column}: {value:?} is not a date (left empty)"),
        WarningKind::BadNumber { column, value } => format!("{column}: {value:?} is not a usable number (left empty)"),
        WarningKind::MissingTitle => "no title (the key is used as the title, or the row is skipped)".into(),
        WarningKind::EmptyRow => "empty row (skipped)".into(),
        WarningKind::DuplicateKey { key } => format!("the key {key:?} was already used (this row is skipped)"),
        WarningKind::UnknownParent { key } => format!("the parent {key:?} is not found (placed at the top level)"),
        WarningKind::ParentCycle { key } => format!("the parents of {key:?} form a cycle (placed at the top level)"),
        WarningKind::UnknownPredecessor { key } => format!("the predecessor {key:?} is not found (dependency dropped)"),
        WarningKind::UnmappedStatus { value } => format!("status {value:?} has no mapping (not started is used)"),
        WarningKind::UnmappedPriority { value } => format!("priority {value:?} has no mapping (medium is used)"),
        WarningKind::UnmappedKind { value } => format!("type {value:?} has no mapping (task is used)"),
        WarningKind::PercentClamped { value } => format!("percent {value:?} is outside 0–100 (clamped)"),
        WarningKind::Undecodable => "some characters could not be decoded (replaced by U+FFFD)".into(),
        WarningKind::CrossProjectLink => "a link to another project file (dropped)".into(),
        WarningKind::LinkTypeAsFinishToStart { link_type } => format!("a {link_type} link (kept as finish-to-start)"),
        WarningKind::LinkLagIgnored => "a link lag or lead (ignored)".into(),
        WarningKind::MultipleResources => "several resources (the first is the assignee)".into(),
        WarningKind::TitleCut { max } => format!("a title longer than {max} characters (cut)"),
        WarningKind::DescriptionCut { max } => format!("a description longer than {max} characters (cut)"),
        WarningKind::DuplicateColumn { column } => {
            format!("the column \"{column}\" appears more than once; only one of them is read")
        }
        WarningKind::StartAfterDue { start, due } => {
            format!("start {start} is after the due date {due} (start left empty)")
        }
        WarningKind::RowInvalid { error } => format!("row not imported: {error}"),
        WarningKind::AssigneeInvalid { error } => format!("assignee not imported: {error}"),
        WarningKind::SelfDependency { key } => format!("{key:?} depends on itself (dependency dropped)"),
        WarningKind::DependencyCycle { from, to } => {
            format!("{from:?} → {to:?} would close a dependency cycle (dropped)")
        }
    };
    if w.line == 0 {
        format!("file: {what}")
    } else {
        format!("line {}: {what}", w.line)
    }
}

/// `3 tasks, 1 issue`.
pub fn counted(items: &[(usize, &str)]) -> String {
    items.iter().map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" })).collect::<Vec<_>>().join(", ")
}

/// Prints warnings to stderr in line order (whole-file ones first), each once, prefixed with the
/// file name.
pub fn print_warnings(file: &Path, warnings: &[Warning]) {
    let mut sorted: Vec<&Warning> = warnings.iter().collect();
    sorted.sort_by_key(|w| w.line);
    let mut seen: Vec<&Warning> = Vec::new();
    for w in sorted {
        if seen.contains(&w) {
            continue;
        }
        seen.push(w);
        eprintln!("warning: {}: {}", file.display(), describe_warning(w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones() {
        assert_eq!(parse_tz("+09:00").ok(), Some(540));
        assert_eq!(parse_tz("-05:30").ok(), Some(-330));
        assert_eq!(parse_tz("+0900").ok(), Some(540));
        assert_eq!(parse_tz("+9").ok(), Some(540));
        assert_eq!(parse_tz("Z").ok(), Some(0));
        assert_eq!(parse_tz("+14:00").ok(), Some(840));
        for bad in ["09:00", "+25:00", "+09:60", "+14:30", "", "+", "+09:0x", "JST"] {
            assert!(parse_tz(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_are_v4_and_distinct() {
        let a = new_id();
        let b = new_id();
        assert_ne!(a, b);
        assert_eq!(a.get_version_num(), 4);
        assert!(matches!(a.to_string().as_bytes()[19], b'8' | b'9' | b'a' | b'b'), "{a}");
    }
}
