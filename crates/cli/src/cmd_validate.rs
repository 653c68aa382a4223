//! `mieruka validate`: is this a valid Mieruka file (or a readable export of another tool)?

use std::process::ExitCode;

use crate::cmd_import::read_foreign;
use crate::util::{self, Result};
use crate::ValidateArgs;

fn foreign_extension(path: &std::path::Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "csv" | "tsv" | "txt" | "xml")
}

pub fn run(a: ValidateArgs) -> Result<ExitCode> {
    let shown = a.file.display();
    if a.from.is_some() || a.map.is_some() || foreign_extension(&a.file) {
        let read = read_foreign(&a.file, a.from, a.map.as_deref())?;
        util::print_warnings(&a.file, &read.warnings);
        let with = match read.warnings.len() {
            0 => "no warnings".to_string(),
            1 => "1 warning".to_string(),
            n => format!("{n} warnings"),
        };
        println!("OK {shown}: {} readable ({with})", util::counted(&[(read.rows.len(), "item")]));
        return Ok(ExitCode::SUCCESS);
    }
    let imported = util::load_mieruka(&a.file)?;
    let n = imported.projects.len();
    println!("OK {shown}: {n} project{} (schema version {})", if n == 1 { "" } else { "s" }, imported.schema_version);
    for p in &imported.projects {
        let counts = util::counted(&[
            (p.members.len(), "member"),
            (p.tasks.len(), "task"),
            (p.issues.len(), "issue"),
            (p.risks.len(), "risk"),
            (p.changes.len(), "change"),
        ]);
        println!("  {} {}: {counts}", p.id, util::quoted_label(p));
    }
    Ok(ExitCode::SUCCESS)
}
