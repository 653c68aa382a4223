//! `mieruka`: Mieruka files from the command line — import Jira / Backlog / Redmine / CSV / MS Project
//! exports, merge teammates' copies, validate, export CSV or MS Project XML, and print project stats.
//!
//! The core is pure; this binary is the shell around it: it reads the clock, makes the ids, reads
//! and writes the files.

mod cmd_export;
mod cmd_import;
mod cmd_merge;
mod cmd_stats;
mod cmd_sync;
mod cmd_validate;
mod location;
mod mapping;
mod util;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::util::Failure;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (merge: merged without conflicts)
  1  error: unreadable or invalid file, bad arguments, nothing written
  2  merge and sync: merged, but both sides changed the same field (the conflicts are listed on
     stderr and resolved by latest-change-wins, or by --prefer)";

#[derive(Debug, Parser)]
#[command(
    name = "mieruka",
    version,
    about = "Mieruka (見える化) files from the command line: import, merge, validate, export, stats",
    after_help = EXIT_CODES,
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a Jira / Backlog / Redmine / CSV / MS Project XML export into a Mieruka file
    #[command(after_help = EXIT_CODES)]
    Import(ImportArgs),
    /// Merge two Mieruka files (copies of the same projects are merged change by change)
    #[command(after_help = EXIT_CODES)]
    Merge(MergeArgs),
    /// Check that a Mieruka file (or, with --from, another tool's export) can be read
    #[command(after_help = EXIT_CODES)]
    Validate(ValidateArgs),
    /// Export a project's tasks, issues or risks as CSV, or its WBS as MS Project XML
    #[command(after_help = EXIT_CODES)]
    Export(ExportArgs),
    /// Per project: tasks, progress, SPI/CPI, dashboard colour, open issues and risks
    #[command(after_help = EXIT_CODES)]
    Stats(StatsArgs),
    /// Sync a Mieruka file with a team's shared folder or WebDAV server (the app's "Share through…" layout)
    #[command(after_help = EXIT_CODES)]
    Sync(SyncArgs),
}

/// The tools whose exports can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tool {
    Jira,
    Backlog,
    Redmine,
    /// Any other CSV (Excel-saved, Mieruka's own export …)
    Csv,
    /// MS Project XML (MS Project, ProjectLibre, GanttProject)
    Mspdi,
}

impl Tool {
    pub fn source(self) -> mieruka_core::interop::Source {
        use mieruka_core::interop::Source;
        match self {
            Tool::Jira => Source::Jira,
            Tool::Backlog => Source::Backlog,
            Tool::Redmine => Source::Redmine,
            Tool::Csv => Source::Csv,
            Tool::Mspdi => Source::Mspdi,
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The tool that wrote FILE; detected from the headers (and .xml = mspdi) when omitted
    #[arg(long, value_enum)]
    pub from: Option<Tool>,
    /// The export to import (CSV in UTF-8, UTF-8 with BOM, UTF-16 or Shift_JIS; or MSPDI XML)
    pub file: PathBuf,
    /// Where to write the Mieruka file (default: standard output)
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The new project's name (default: the project the export names, else the file name without its extension)
    #[arg(long)]
    pub name: Option<String>,
    /// Update a project of this Mieruka file instead of making a new one: rows are matched by their
    /// source key, so a re-import updates what the last one created; the other projects are kept
    #[arg(long, value_name = "EXISTING.json")]
    pub into: Option<PathBuf>,
    /// With --into, the project to update (id, code or name) when the file holds several
    #[arg(long, value_name = "ID-OR-NAME", requires = "into")]
    pub project: Option<String>,
    /// A column map and/or value maps (JSON, see the README) instead of / on top of the suggested ones
    #[arg(long, value_name = "MAPPING.json")]
    pub map: Option<PathBuf>,
    /// The time zone of the times in the file, as an offset from UTC
    #[arg(long, value_name = "±HH:MM", env = "MIERUKA_TZ", default_value = "+00:00", allow_hyphen_values = true)]
    pub tz: String,
    /// Who the changes are recorded as (default: $USER, else "mieruka-cli")
    #[arg(long)]
    pub actor: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Prefer {
    A,
    B,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The first file (conflicts call its values "A"; its projects come first in the output)
    pub a: PathBuf,
    /// The second file (its values are "B")
    pub b: PathBuf,
    /// Where to write the merged file (may be A or B itself; written only when both files are valid)
    #[arg(short, long)]
    pub output: PathBuf,
    /// Resolve every conflict in favour of this file (default: the latest change wins)
    #[arg(long, value_enum)]
    pub prefer: Option<Prefer>,
    /// Who the changes that apply --prefer are recorded as (default: $USER, else "mieruka-cli")
    #[arg(long)]
    pub actor: Option<String>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// A Mieruka JSON file; with --from (or a .csv / .tsv / .xml name), another tool's export
    pub file: PathBuf,
    /// Check FILE as an export of this tool instead (reads it, prints every warning)
    #[arg(long, value_enum)]
    pub from: Option<Tool>,
    /// With --from: a column map / value maps file, as for import
    #[arg(long, value_name = "MAPPING.json")]
    pub map: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Table {
    Tasks,
    Issues,
    Risks,
}

/// `--lang`: the command line's spelling of [`mieruka_core::Lang`] (clap derives its values here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Ja,
    En,
}

impl From<Lang> for mieruka_core::Lang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Ja => mieruka_core::Lang::Ja,
            Lang::En => mieruka_core::Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    /// UTF-8 with a byte-order mark (Excel opens it with Japanese intact)
    #[value(name = "utf8-bom")]
    Utf8Bom,
    /// Shift_JIS (code page 932) for older tools; characters it lacks become '?'
    Sjis,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").required(true).args(["csv", "mspdi"])))]
pub struct ExportArgs {
    /// Export this table as CSV
    #[arg(long, value_enum, value_name = "TABLE")]
    pub csv: Option<Table>,
    /// Export the WBS and schedule as MS Project XML (MSPDI)
    #[arg(long)]
    pub mspdi: bool,
    /// The Mieruka file
    pub file: PathBuf,
    /// Where to write (default: standard output)
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Language of the CSV header row and words (default: ja when $LANG starts with "ja", else en)
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Encoding of the CSV
    #[arg(long, value_enum, default_value = "utf8-bom")]
    pub encoding: Encoding,
    /// The project to export (id, code or name) when the file holds several
    #[arg(long, value_name = "ID-OR-NAME")]
    pub project: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The Mieruka file
    pub file: PathBuf,
    /// The status date (基準日), YYYY-MM-DD (default: today in --tz)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// The time zone days are counted in, as an offset from UTC
    #[arg(long, value_name = "±HH:MM", env = "MIERUKA_TZ", default_value = "+00:00", allow_hyphen_values = true)]
    pub tz: String,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The shared folder (a synced or network folder the team's devices write into), or a WebDAV
    /// address: https://host/dav/pmo/ (plain http:// only for localhost)
    ///
    /// WebDAV's user and password: MIERUKA_WEBDAV_USER and MIERUKA_WEBDAV_PASSWORD when set (they
    /// win over the address, and keep the password off the command line), else the address's
    /// https://user:password@host/… The password is never printed.
    #[arg(value_name = "DIR-OR-URL")]
    pub location: String,
    /// The Mieruka file: what the location holds is merged into it (it is made if missing), and
    /// its changes the location lacks are written there as a new segment of this device
    pub file: PathBuf,
    /// This device's folder name on the location (letters, digits, '-', '_'; default: a device
    /// id kept in the user's configuration directory)
    #[arg(long)]
    pub device: Option<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let _ = e.print();
            // Usage errors exit 1 (clap's own 2 is reserved for merge conflicts).
            return match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                _ => ExitCode::from(1),
            };
        }
    };
    let result = match cli.command {
        Command::Import(a) => cmd_import::run(a),
        Command::Merge(a) => cmd_merge::run(a),
        Command::Validate(a) => cmd_validate::run(a),
        Command::Export(a) => cmd_export::run(a),
        Command::Stats(a) => cmd_stats::run(a),
        Command::Sync(a) => cmd_sync::run(a),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("mieruka: error: {message}");
            ExitCode::from(1)
        }
    }
}
