//! `mieruka import`: another tool's export → a Mieruka file.

use std::path::Path;
use std::process::ExitCode;

use mieruka_core::interop::build::{self, Destination, ImportOptions, Plan};
use mieruka_core::interop::text::TextEncoding;
use mieruka_core::interop::{
    csv, extract, mspdi, profile, text, ReadError, Source, SourceRow, ValueMaps, Warning, WarningKind,
};
use mieruka_core::Project;

use crate::util::{self, Failure, Result};
use crate::{mapping, ImportArgs, Tool};

/// Another tool's file, read into rows.
pub struct Read {
    pub source: Source,
    pub rows: Vec<SourceRow>,
    pub warnings: Vec<Warning>,
    pub values: ValueMaps,
    /// The project the export names (Backlog プロジェクト名, Jira Project name, Redmine プロジェクト).
    pub project_name: Option<String>,
}

fn encoding_words(e: TextEncoding) -> &'static str {
    match e {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf8Bom => "UTF-8 with BOM",
        TextEncoding::Utf16Le => "UTF-16LE",
        TextEncoding::Utf16Be => "UTF-16BE",
        TextEncoding::ShiftJis => "Shift_JIS",
    }
}

pub fn source_words(s: Source) -> &'static str {
    match s {
        Source::Jira => "Jira export",
        Source::Backlog => "Backlog export",
        Source::Redmine => "Redmine export",
        Source::Csv => "generic CSV",
        Source::Mspdi => "MS Project XML",
    }
}

fn looks_like_xml(path: &Path, text: &str) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    ext == "xml" || text.trim_start().starts_with('<')
}

/// Decodes and reads `file` as an export of `from` (detected when `None`), through `map` if given.
/// Prints what was detected to stderr.
pub fn read_foreign(file: &Path, from: Option<Tool>, map_file: Option<&Path>) -> Result<Read> {
    let shown = file.display();
    let mapping = match map_file {
        Some(m) => mapping::load(m)?,
        None => mapping::Mapping::default(),
    };
    let bytes = util::read_bytes(file)?;
    let decoded = text::decode(&bytes).map_err(|e| Failure::new(format!("{shown}: {e}")))?;
    let mut warnings = Vec::new();
    if decoded.had_errors {
        warnings.push(Warning { line: 0, kind: WarningKind::Undecodable });
    }
    let source = match from {
        Some(t) => Some(t.source()),
        None if looks_like_xml(file, &decoded.text) => Some(Source::Mspdi),
        None => None,
    };
    if source == Some(Source::Mspdi) {
        if mapping.columns.is_some() {
            let m = map_file.map(|m| m.display().to_string()).unwrap_or_default();
            eprintln!("warning: {m}: the columns of a mapping do not apply to MS Project XML (only its values)");
        }
        let got = mspdi::read(&decoded.text).map_err(|e| Failure::new(format!("{shown}: {e}")))?;
        warnings.extend(got.warnings);
        eprintln!(
            "{shown}: {} ({}), {}",
            source_words(Source::Mspdi),
            encoding_words(decoded.encoding),
            util::counted(&[(got.rows.len(), "task")])
        );
        return Ok(Read {
            source: Source::Mspdi,
            rows: got.rows,
            warnings,
            values: mapping.values(profile::default_values(Source::Mspdi)),
            project_name: None,
        });
    }
    let table = csv::read(&decoded.text).map_err(|e| Failure::new(format!("{shown}: {e}")))?;
    let source = source.unwrap_or_else(|| profile::detect(&table.headers));
    let (map, notes) = mapping.column_map(&table.headers, profile::suggest(source, &table.headers));
    for n in notes {
        let m = map_file.map(|m| m.display().to_string()).unwrap_or_default();
        eprintln!("warning: {m}: {n}");
    }
    let got = extract::rows(&table, &map).map_err(|e| match e {
        ReadError::NoTitleColumn => {
            let headers: Vec<String> = table.headers.iter().take(12).map(|h| format!("{h:?}")).collect();
            let first = table.headers.first().map(String::as_str).unwrap_or("Name");
            Failure::new(format!(
                "{shown}: no column is mapped to the title (headers: {}); name it with --map, e.g. {{\"columns\": {{{first:?}: \"title\"}}}}",
                headers.join(", ")
            ))
        }
        e => Failure::new(format!("{shown}: {e}")),
    })?;
    warnings.extend(got.warnings);
    let how = if from.is_some() { "" } else { " (detected)" };
    eprintln!(
        "{shown}: {}{how}, {}, {}",
        source_words(source),
        encoding_words(decoded.encoding),
        util::counted(&[(table.rows.len(), "row")])
    );
    Ok(Read {
        source,
        rows: got.rows,
        warnings,
        values: mapping.values(profile::default_values(source)),
        project_name: extract::project_name(&table),
    })
}

pub fn run(a: ImportArgs) -> Result<ExitCode> {
    let tz = util::parse_tz(&a.tz)?;
    // The destination file first: a bad --into fails before the export is even read.
    let existing = match &a.into {
        Some(path) => Some((path.clone(), util::load_mieruka(path)?.projects)),
        None => None,
    };
    let target: Option<&Project> = match &existing {
        Some((path, projects)) => Some(util::pick_project(projects, a.project.as_deref(), path)?),
        None => None,
    };
    let read = read_foreign(&a.file, a.from, a.map.as_deref())?;
    let file_name = a.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let opts = ImportOptions { source: read.source, values: read.values.clone(), tz_offset_min: tz, file: file_name };
    let plan = build::plan(target, &read.rows, &opts);
    let mut warnings = read.warnings.clone();
    warnings.extend(plan.warnings.iter().cloned());
    util::print_warnings(&a.file, &warnings);
    print_counts(&plan, target.is_some());

    let actor = util::actor(a.actor.as_deref());
    let stamp = util::stamp(&actor);
    let dest = match target {
        Some(p) => Destination::Existing(p),
        None => Destination::New { id: util::new_id(), name: project_name(&a, read.project_name.as_deref()) },
    };
    let project = build::apply(dest, &read.rows, &opts, &stamp)
        .map_err(|e| Failure::new(format!("{}: cannot import: {e}", a.file.display())))?;

    let out: Vec<&Project> = match &existing {
        Some((_, projects)) => projects.iter().map(|p| if p.id == project.id { &project } else { p }).collect(),
        None => vec![&project],
    };
    util::write_output(a.output.as_deref(), &util::envelope(&out))?;
    if let Some(o) = &a.output {
        eprintln!(
            "wrote {} ({})",
            o.display(),
            util::counted(&[(project.tasks.len(), "task"), (project.issues.len(), "issue")])
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `--name`, else the project the export names, else the file name.
fn project_name(a: &ImportArgs, named: Option<&str>) -> String {
    let given = a.name.as_deref().or(named).map(str::trim).filter(|s| !s.is_empty());
    let name = match given {
        Some(n) => n.to_string(),
        None => a.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    let name = name.trim().to_string();
    if name.is_empty() {
        "Imported project".to_string()
    } else {
        name
    }
}

fn print_counts(plan: &Plan, into: bool) {
    let c = plan.counts;
    if into {
        eprintln!(
            "tasks: {} new, {} updated, {} unchanged; issues: {} new, {} updated, {} unchanged; members: {} new; rows skipped: {}",
            c.tasks_new, c.tasks_updated, c.tasks_unchanged, c.issues_new, c.issues_updated, c.issues_unchanged, c.members_new, c.skipped
        );
    } else {
        eprintln!(
            "tasks: {} new; issues: {} new; members: {} new; rows skipped: {}",
            c.tasks_new, c.issues_new, c.members_new, c.skipped
        );
    }
}
