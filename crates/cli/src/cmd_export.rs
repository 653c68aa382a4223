//! `mieruka export`: a project's tasks / issues / risks as CSV, or its WBS as MS Project XML.

use std::process::ExitCode;

use mieruka_core::interop::csv_export::{self, ExportTable};
use mieruka_core::interop::mspdi;
use mieruka_core::interop::text::{self, OutEncoding};

use crate::util::{self, Result};
use crate::{Encoding, ExportArgs, Lang, Table};

/// `ja` when the environment's language is Japanese, else `en`.
fn default_lang() -> Lang {
    let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if lang.to_ascii_lowercase().starts_with("ja") {
        Lang::Ja
    } else {
        Lang::En
    }
}

pub fn run(a: ExportArgs) -> Result<ExitCode> {
    let imported = util::load_mieruka(&a.file)?;
    let p = util::pick_project(&imported.projects, a.project.as_deref(), &a.file)?;
    let bytes = match a.csv {
        Some(table) => {
            let table = match table {
                Table::Tasks => ExportTable::Tasks,
                Table::Issues => ExportTable::Issues,
                Table::Risks => ExportTable::Risks,
            };
            let lang = mieruka_core::Lang::from(a.lang.unwrap_or_else(default_lang));
            let enc = match a.encoding {
                Encoding::Utf8Bom => OutEncoding::Utf8Bom,
                Encoding::Sjis => OutEncoding::ShiftJis,
            };
            let csv = csv_export::export(p, table, lang);
            let (bytes, lost) = text::encode(&csv, enc);
            if lost > 0 {
                eprintln!("warning: {lost} characters have no Shift_JIS form and were written as '?' (use --encoding utf8-bom to keep them)");
            }
            bytes
        }
        None => mspdi::write(p).into_bytes(),
    };
    util::write_output(a.output.as_deref(), &bytes)?;
    if let Some(o) = &a.output {
        eprintln!("wrote {} ({} bytes) from {}", o.display(), bytes.len(), util::quoted_label(p));
    }
    Ok(ExitCode::SUCCESS)
}
