//! One catalogue file: the strict subset of Fluent the generator reads.

use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Text(String),
    Param(String),
}

#[derive(Debug)]
pub(crate) struct Message {
    pub key: String,
    pub line: usize,
    pub pieces: Vec<Piece>,
}

impl Message {
    /// The parameters by name: also the order of the generated method's arguments, so that
    /// rewording a message never swaps two arguments of the same type at the call sites.
    pub fn params(&self) -> BTreeSet<&str> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Param(n) => Some(n.as_str()),
                Piece::Text(_) => None,
            })
            .collect()
    }

    /// The Fluent source of the value, as the tests and doc comments show it.
    pub fn source(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Param(n) => format!("{{ ${n} }}"),
            })
            .collect()
    }
}

/// One catalogue: its messages in file order, or every line that is wrong (`line: why`).
pub(crate) fn parse(text: &str) -> Result<Vec<Message>, Vec<String>> {
    let mut messages = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let Some((key, value)) = raw.split_once(" = ") else {
            errors.push(format!("{line}: expected `Key = text` (one message a line, no continuation lines)"));
            continue;
        };
        if !is_identifier(key) {
            errors.push(format!("{line}: `{key}` is not a message key (a letter, then letters and digits)"));
            continue;
        }
        if value.trim().is_empty() || value != value.trim() {
            errors.push(format!("{line}: {key}: empty, or spaces around the text (write them as {{ \" \" }})"));
            continue;
        }
        match pattern(value) {
            Ok(pieces) => messages.push(Message { key: key.to_string(), line, pieces }),
            Err(why) => errors.push(format!("{line}: {key}: {why}")),
        }
    }
    if errors.is_empty() {
        Ok(messages)
    } else {
        Err(errors)
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// A message's text: literal runs, `{ $param }` and `{ "literal" }`.
fn pattern(value: &str) -> Result<Vec<Piece>, String> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let mut rest = value;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` without its `{` (write a brace as { \"}\" })".into());
        }
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = closing_brace(after).ok_or("a `{` that is never closed")?;
        let inner = after[..close].trim();
        if let Some(name) = inner.strip_prefix('$') {
            if !is_param(name) {
                return Err(format!("`{{ {inner} }}`: a parameter is written {{ $snake_case }}"));
            }
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.push(Piece::Param(name.to_string()));
        } else if let Some(lit) = inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            text.push_str(&unescape(lit)?);
        } else {
            return Err(format!("`{{ {inner} }}`: only {{ $param }} and {{ \"text\" }} are supported"));
        }
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// Where the placeable that `after` starts in ends: the first `}`, or the first after a string
/// literal's closing quote (so `{ "}" }` is a brace).
fn closing_brace(after: &str) -> Option<usize> {
    let from = match after.trim_start().strip_prefix('"') {
        Some(lit) => {
            let start = after.len() - lit.len();
            let mut escaped = false;
            let end = lit.char_indices().find(|&(_, c)| {
                let quote = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                quote
            })?;
            start + end.0 + 1
        }
        None => 0,
    };
    after[from..].find('}').map(|i| from + i)
}

fn is_param(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A Fluent string literal's escapes: `\"`, `\\` and `\u{hex}`-free `\uXXXX`.
fn unescape(lit: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = lit.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let ch = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                out.push(ch.ok_or(format!("`\\u{hex}` is not a character"))?);
            }
            other => return Err(format!("unknown escape `\\{}` in a string literal", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}
