//! The text of a row as it lands: keys and member names as compared, cut titles and tags, and the
//! description with the row's comments appended.

use crate::interop::SourceRow;
use crate::validate::MAX_TEXT;

/// A row's key as matched: trimmed, without one leading `#` (Redmine's `#123` = `123`).
pub(super) fn norm_key(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('#').unwrap_or(s).trim()
}

/// A member name as compared: no white space (also full-width), lower case.
pub fn norm_name(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// Cuts `s` to its first `max` characters.
pub(super) fn truncate_chars(s: &mut String, max: usize) {
    if s.len() > max {
        if let Some((i, _)) = s.char_indices().nth(max) {
            s.truncate(i);
        }
    }
}

/// The row's description with its comments appended, cut to [`MAX_TEXT`] characters.
pub(super) fn description(row: &SourceRow) -> String {
    let mut d = full_description(row);
    truncate_chars(&mut d, MAX_TEXT);
    d
}

/// The row's description with its comments appended.
pub(super) fn full_description(row: &SourceRow) -> String {
    let mut d = row.description.clone();
    for c in &row.comments {
        let text = c.text.trim();
        if text.is_empty() {
            continue;
        }
        let mut head = String::new();
        if let Some(at) = c.at {
            head.push_str(&at.format("%Y-%m-%d %H:%M").to_string());
        }
        if !c.author.trim().is_empty() {
            if !head.is_empty() {
                head.push(' ');
            }
            head.push_str(c.author.trim());
        }
        if !d.is_empty() {
            d.push_str("\n\n");
        }
        d.push_str("— ");
        if !head.is_empty() {
            d.push_str(&head);
            d.push_str(": ");
        }
        d.push_str(text);
    }
    d
}
