//! Saving a CSV text as a file Excel opens in Japanese (UTF-8 with BOM, or Shift_JIS), saying in
//! the user's language when characters had no Shift_JIS form or the download failed. The export
//! panel and every register's CSV button save through here.

use mieruka_core::interop::text::{encode_with, OutEncoding};

use crate::browser;
use crate::export_error::ExportError;
use crate::i18n::I18n;
use crate::notice::Notices;
use crate::sjis::BrowserShiftJis;

pub fn download_csv(i18n: I18n, notices: Notices, file: &str, text: &str, encoding: OutEncoding) {
    let (bytes, unmappable) = encode_with(text, encoding, &BrowserShiftJis);
    let charset = match encoding {
        OutEncoding::Utf8Bom => "utf-8",
        OutEncoding::ShiftJis => "shift_jis",
    };
    match browser::download_bytes(file, &format!("text/csv;charset={charset}"), &bytes) {
        Ok(()) if unmappable > 0 => notices.info(i18n.msg().unmappable_chars(unmappable)),
        Ok(()) => {}
        Err(e) => ExportError::Browser(e).tell(&i18n, &notices),
    }
}

/// `<project>-<today>-<what>.csv`: the name of a project's table saved as CSV.
pub fn csv_file_name(store: crate::state::ProjectStore, pid: mieruka_core::Id, what: &str) -> String {
    let label = store.with_project(pid, |p| p.info.label().to_string()).unwrap_or_default();
    format!("{}-{}-{what}.csv", safe_file_name(&label), browser::today())
}

/// A project's label made safe as a file name (letters, digits, `-`, `_`; at most 60).
pub fn safe_file_name(s: &str) -> String {
    let cleaned: String =
        s.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "project".into()
    } else {
        trimmed.chars().take(60).collect()
    }
}
