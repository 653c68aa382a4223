//! What happens to a picked file, decided without the browser: the import button's choice between
//! a Mieruka JSON file and another tool's file, the reading and validation, and the import
//! wizard's preview (rows, plan, warnings, the project a re-import goes into). The components call
//! these functions; the native corpus test (`import_corpus_test.rs`) calls the same ones with
//! encoding_rs' Shift_JIS decoder in place of the browser's.

use mieruka_core::format::{self, ImportError, Imported};
use mieruka_core::interop::build::{self, ImportOptions, Plan};
use mieruka_core::interop::csv::Table;
use mieruka_core::interop::extract::{self, Extracted};
use mieruka_core::interop::text::{self, ShiftJisCodec, TextEncoding, MAX_IMPORT_BYTES};
use mieruka_core::interop::{mspdi, ColumnMap, ReadError, Source, SourceRow, Warning, WarningKind};
use mieruka_core::model::Workspace;
use mieruka_core::{Id, Project, Stamp};
use serde::{Deserialize, Serialize};

use crate::i18n::interop::read_error;
use crate::i18n::{import_error, Lang, Msg, K};

/// Files larger than this are refused before they are read.
pub const MAX_BYTES: usize =
    if MAX_IMPORT_BYTES < format::MAX_FILE_BYTES { MAX_IMPORT_BYTES } else { format::MAX_FILE_BYTES };

/// What the file is, from its name and first bytes.
pub fn is_mieruka_json(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_lowercase();
    if lower.ends_with(".json") {
        return true;
    }
    if lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt") || lower.ends_with(".xml") {
        return false;
    }
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// A picked file of another tool, decoded and split into cells (or read as MS Project XML), not
/// yet interpreted.
pub struct LoadedFile {
    pub name: String,
    pub encoding: TextEncoding,
    pub had_errors: bool,
    pub content: Content,
}

pub enum Content {
    /// A CSV table, interpreted through a column map.
    Table(Table),
    /// MS Project XML, read straight into rows.
    Rows(Extracted),
}

impl LoadedFile {
    /// Decodes and parses the bytes: XML (by extension or content) as MS Project, else CSV.
    pub fn read(name: &str, bytes: &[u8], sjis: &dyn ShiftJisCodec) -> Result<LoadedFile, ReadError> {
        let decoded = text::decode_with(bytes, sjis)?;
        let xml = name.to_lowercase().ends_with(".xml") || decoded.text.trim_start().starts_with('<');
        let content = if xml {
            Content::Rows(mspdi::read(&decoded.text)?)
        } else {
            Content::Table(mieruka_core::interop::csv::read(&decoded.text)?)
        };
        Ok(LoadedFile { name: name.to_string(), encoding: decoded.encoding, had_errors: decoded.had_errors, content })
    }

    pub fn headers(&self) -> Vec<String> {
        match &self.content {
            Content::Table(t) => t.headers.clone(),
            Content::Rows(_) => Vec::new(),
        }
    }

    pub fn row_count(&self) -> usize {
        match &self.content {
            Content::Table(t) => t.rows.len(),
            Content::Rows(x) => x.rows.len(),
        }
    }

    /// The file name without its extension: the new project's default name.
    pub fn stem(&self) -> String {
        match self.name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem.to_string(),
            _ => self.name.clone(),
        }
    }

    /// The new project's default name: the project the export names (Backlog プロジェクト名,
    /// Redmine プロジェクト, Jira Project name), else the file name.
    pub fn default_name(&self) -> String {
        match &self.content {
            Content::Table(t) => extract::project_name(t).unwrap_or_else(|| self.stem()),
            Content::Rows(_) => self.stem(),
        }
    }

    /// The source the wizard starts with.
    pub fn detected_source(&self) -> Source {
        match &self.content {
            Content::Table(t) => mieruka_core::interop::profile::detect(&t.headers),
            Content::Rows(_) => Source::Mspdi,
        }
    }

    /// The rows through a column map (MS Project XML has its rows already).
    pub fn extract(&self, map: &ColumnMap) -> Result<Extracted, ReadError> {
        match &self.content {
            Content::Table(t) => extract::rows(t, map),
            Content::Rows(x) => Ok(x.clone()),
        }
    }
}

/// Why a file is not imported. Nothing is written when this happens. Serializable, so the import
/// worker sends it to the tab, which says it in the user's language (see [`Refusal::for_worker`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum Refusal {
    /// The file cannot be read (empty, binary, too large, not CSV / XML, …).
    #[error(transparent)]
    Read(ReadError),
    /// A Mieruka JSON file that does not validate. Never sent by the import worker: it sends
    /// [`Refusal::Invalid`].
    #[error(transparent)]
    #[serde(skip)]
    Import(ImportError),
    /// [`Refusal::Import`] as the import worker sends it: the problem in the request's language
    /// (a core `ImportError` can hold domain errors, which do not serialize).
    #[error("{0}")]
    Invalid(String),
    /// A Mieruka JSON file with bytes that are not text in its encoding: Mieruka writes UTF-8,
    /// so the file was damaged or re-saved in another encoding; importing it would keep � in
    /// names.
    #[error("the JSON file is not text in its encoding ({encoding:?})")]
    JsonUndecodable { encoding: TextEncoding },
    /// The preview would add or change nothing.
    #[error("nothing to import")]
    NothingToImport,
}

impl Refusal {
    /// The reason, as the user reads it (the app puts "Import failed, nothing was changed:" before it).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Read(e) => read_error(lang, e),
            Refusal::Import(e) => sentence(lang, import_error(lang, e)),
            Refusal::Invalid(problem) => sentence(lang, problem.clone()),
            Refusal::JsonUndecodable { encoding } => {
                Msg(lang).json_undecodable(crate::i18n::interop::encoding_name(*encoding))
            }
            Refusal::NothingToImport => K::NothingToImport.text(lang).to_string(),
        }
    }

    /// As the import worker sends it to the tab, whose `lang` the request gives.
    pub fn for_worker(self, lang: Lang) -> Refusal {
        match self {
            Refusal::Import(e) => Refusal::Invalid(import_error(lang, &e)),
            other => other,
        }
    }
}

/// A reason as a sentence (ending in its stop).
fn sentence(lang: Lang, m: String) -> String {
    if m.ends_with(['。', '.', '!', '?']) {
        m
    } else {
        Msg(lang).as_sentence(m)
    }
}

/// A picked file, read and (for Mieruka JSON) validated.
pub enum Opened {
    /// A Mieruka file: its projects, validated.
    Mieruka(Imported),
    /// Another tool's file: it opens the import wizard.
    Other(LoadedFile),
}

/// The import button's decision: JSON or another tool's file, read, decoded and (JSON) validated.
/// `stamp` is used only by a JSON file whose log does not explain its state.
pub fn open(name: &str, bytes: &[u8], stamp: &Stamp, sjis: &dyn ShiftJisCodec) -> Result<Opened, Refusal> {
    if bytes.len() > MAX_BYTES {
        return Err(Refusal::Read(ReadError::TooLarge { bytes: bytes.len(), max: MAX_BYTES }));
    }
    match open_mieruka(name, bytes, stamp, sjis) {
        Some(checked) => checked.map(Opened::Mieruka),
        None => LoadedFile::read(name, bytes, sjis).map(Opened::Other).map_err(Refusal::Read),
    }
}

/// [`open`]'s decision for a Mieruka file: `None` when the file is another tool's. The import
/// worker calls this alone, so that it does not carry the other tools' readers.
pub fn open_mieruka(
    name: &str,
    bytes: &[u8],
    stamp: &Stamp,
    sjis: &dyn ShiftJisCodec,
) -> Option<Result<Imported, Refusal>> {
    if bytes.len() > MAX_BYTES {
        return Some(Err(Refusal::Read(ReadError::TooLarge { bytes: bytes.len(), max: MAX_BYTES })));
    }
    if !is_mieruka_json(name, bytes) {
        return None;
    }
    let decoded = match text::decode_with(bytes, sjis) {
        Ok(d) => d,
        Err(e) => return Some(Err(Refusal::Read(e))),
    };
    if decoded.had_errors {
        return Some(Err(Refusal::JsonUndecodable { encoding: decoded.encoding }));
    }
    Some(format::import(&decoded.text, stamp).map_err(Refusal::Import))
}

/// What the wizard previews for the file's rows: the plan, and every warning of reading and of
/// building, by line.
pub fn preview(
    file: &LoadedFile,
    ex: &Extracted,
    existing: Option<&Project>,
    opts: &ImportOptions,
) -> (Plan, Vec<Warning>) {
    let plan = build::plan(existing, &ex.rows, opts);
    let mut warnings: Vec<Warning> = ex.warnings.iter().chain(plan.warnings.iter()).cloned().collect();
    if file.had_errors {
        warnings.push(Warning { line: 0, kind: WarningKind::Undecodable });
    }
    warnings.sort_by_key(|w| w.line);
    (plan, warnings)
}

/// The preview adds or changes nothing: the wizard says so and the import button is disabled.
pub fn nothing_to_do(plan: &Plan) -> bool {
    let c = plan.counts;
    c.tasks_new + c.tasks_updated + c.issues_new + c.issues_updated == 0
}

/// The project an earlier import of the same source created, if any: a re-import goes there.
pub fn matching_project(ws: &Workspace, source: Source, rows: &[SourceRow]) -> Option<Id> {
    let prefix = format!("{}:", source.as_str());
    let keys: std::collections::HashSet<String> =
        rows.iter().filter(|r| !r.key.is_empty()).map(|r| format!("{prefix}{}", r.key)).collect();
    ws.projects
        .values()
        .map(|p| {
            let n = p.tasks.values().filter(|t| keys.contains(&t.source_key)).count()
                + p.issues.values().filter(|i| keys.contains(&i.source_key)).count();
            (n, p.id)
        })
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, id)| id)
}

/// What the user sees right after picking a file, with the wizard's first choices (the detected
/// source, `columns` for it, the source's default values). Nothing is written by any outcome:
/// `Add` is what the import button then adds at once, `Merge` opens the merge dialog, `Preview`
/// waits for the user's confirmation.
pub enum Outcome {
    Refused(Refusal),
    /// Mieruka JSON: projects not here yet (added at once) and projects already here (the merge
    /// dialog asks).
    Json {
        add: Vec<Project>,
        merge: Vec<Project>,
    },
    /// Another tool's file: the wizard's preview.
    Preview {
        plan: Plan,
        warnings: Vec<Warning>,
        dest: Option<Id>,
        source: Source,
    },
}

/// The whole decision for one file, as [`open`] and the wizard's first screen make it.
pub fn import_outcome(
    name: &str,
    bytes: &[u8],
    ws: &Workspace,
    stamp: &Stamp,
    sjis: &dyn ShiftJisCodec,
    columns: impl Fn(Source, &[String]) -> ColumnMap,
    tz_offset_min: i32,
) -> Outcome {
    let file = match open(name, bytes, stamp, sjis) {
        Err(r) => return Outcome::Refused(r),
        Ok(Opened::Mieruka(imported)) => {
            let (merge, add) = imported.projects.into_iter().partition(|p| ws.projects.contains_key(&p.id));
            return Outcome::Json { add, merge };
        }
        Ok(Opened::Other(f)) => f,
    };
    let source = file.detected_source();
    let map = columns(source, &file.headers());
    let ex = match file.extract(&map) {
        Ok(ex) => ex,
        Err(e) => return Outcome::Refused(Refusal::Read(e)),
    };
    let dest = matching_project(ws, source, &ex.rows);
    let opts = ImportOptions {
        source,
        values: mieruka_core::interop::profile::default_values(source),
        tz_offset_min,
        file: file.name.clone(),
    };
    let (plan, warnings) = preview(&file, &ex, dest.and_then(|id| ws.projects.get(&id)), &opts);
    if nothing_to_do(&plan) {
        return Outcome::Refused(Refusal::NothingToImport);
    }
    Outcome::Preview { plan, warnings, dest, source }
}
