//! Compiles the message catalogues `locales/en.ftl` and `locales/ja.ftl` into Rust
//! (`$OUT_DIR/catalog.rs`, included by `src/i18n/catalog.rs`): the enum `K` of the messages without
//! parameters (`K::Save.text(lang)`) and one typed method on `Msg` per message with parameters
//! (`Msg(lang).imported(name)`). The build fails when a file does not parse, a key is in one
//! locale only or twice in one, or a message's parameters differ between the locales.
//!
//! Why a build step and not a library: the catalogues are plain Fluent (any Fluent tool reads
//! them), but `fluent-bundle` 0.16 parses them in the browser and brings its parser, resolver,
//! plural rules and language tags into the wasm: a minimal integration (one message formatted at
//! run time) made the page's wasm 68 KB larger raw, 20 KB brotli (BENCHMARKS.md, "Issue 9: one i18n
//! catalogue"), before any catalogue text. Here the messages become the same `&'static str`s and
//! `format!`s that were written by hand before, so the catalogue costs nothing at run time.
//!
//! The Fluent this reads is a strict subset: comments (`#`, `##`, `###`), blank lines, and messages
//! `Key = text` on one line, where text may hold `{ $param }` and string literals (`{ ", " }` for
//! a leading or trailing space, `{ "{" }` for a brace). Anything else (terms, attributes,
//! selectors, multi-line values) is refused, so nothing a translator writes is silently dropped.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// The locales, in the order of `Lang`'s variants.
const LOCALES: [(&str, &str); 2] = [("en", "En"), ("ja", "Ja")];

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Param(String),
}

struct Message {
    key: String,
    line: usize,
    pieces: Vec<Piece>,
}

impl Message {
    /// The parameters by name: also the order of the generated method's arguments, so that
    /// rewording a message never swaps two arguments of the same type at the call sites.
    fn params(&self) -> BTreeSet<&str> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Param(n) => Some(n.as_str()),
                Piece::Text(_) => None,
            })
            .collect()
    }

    /// The Fluent source of the value, as the tests and doc comments show it.
    fn source(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Param(n) => format!("{{ ${n} }}"),
            })
            .collect()
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=locales");
    let mut catalogues = Vec::new();
    let mut errors = Vec::new();
    for (code, _) in LOCALES {
        let path = format!("locales/{code}.ftl");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        match parse(&text) {
            Ok(messages) => catalogues.push(messages),
            Err(e) => errors.extend(e.into_iter().map(|e| format!("{path}:{e}"))),
        }
    }
    if errors.is_empty() {
        errors = check(&catalogues);
    }
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo:warning={e}");
        }
        panic!("the message catalogues are not consistent:\n{}", errors.join("\n"));
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalog.rs");
    std::fs::write(&out, generate(&catalogues)).expect("write catalog.rs");
}

/// One catalogue: its messages in file order, or every line that is wrong (`line: why`).
fn parse(text: &str) -> Result<Vec<Message>, Vec<String>> {
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
        let close = after.find('}').ok_or("a `{` that is never closed")?;
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

/// The locales against each other: the same keys, each once, with the same parameters.
fn check(catalogues: &[Vec<Message>]) -> Vec<String> {
    let mut errors = Vec::new();
    let mut maps = Vec::new();
    for ((code, _), messages) in LOCALES.iter().zip(catalogues) {
        let mut map: HashMap<&str, &Message> = HashMap::new();
        for m in messages {
            if let Some(first) = map.insert(&m.key, m) {
                errors.push(format!("locales/{code}.ftl:{}: {} again (first on line {})", m.line, m.key, first.line));
            }
        }
        maps.push(map);
    }
    for (i, (code, _)) in LOCALES.iter().enumerate() {
        for (j, (other, _)) in LOCALES.iter().enumerate() {
            if i == j {
                continue;
            }
            for m in &catalogues[i] {
                match maps[j].get(m.key.as_str()) {
                    None => {
                        errors.push(format!("locales/{code}.ftl:{}: {} is missing from {other}.ftl", m.line, m.key))
                    }
                    Some(o) if i < j && m.params() != o.params() => errors.push(format!(
                        "locales/{code}.ftl:{}: {} has the parameters {:?} here and {:?} in {other}.ftl (line {})",
                        m.line,
                        m.key,
                        m.params(),
                        o.params(),
                        o.line
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    errors
}

/// `ImportResumed` → `import_resumed`.
fn snake(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A `format!` string: literal braces doubled, parameters as `{name}` (captured by name).
fn format_string(m: &Message) -> String {
    m.pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.replace('{', "{{").replace('}', "}}"),
            Piece::Param(n) => format!("{{{n}}}"),
        })
        .collect()
}

fn plain(m: &Message) -> String {
    match m.pieces.as_slice() {
        [Piece::Text(t)] => t.clone(),
        _ => unreachable!("a message without parameters is one text"),
    }
}

fn generate(catalogues: &[Vec<Message>]) -> String {
    let en = &catalogues[0];
    let by_key: Vec<HashMap<&str, &Message>> =
        catalogues.iter().map(|c| c.iter().map(|m| (m.key.as_str(), m)).collect()).collect();
    let (simple, with_params): (Vec<&Message>, Vec<&Message>) = en.iter().partition(|m| m.params().is_empty());
    let mut o = String::new();
    o.push_str("// @generated by build.rs from locales/*.ftl: edit those, not this.\n\n");
    o.push_str("/// A message without parameters (`locales/*.ftl`); `text` gives it in a language.\n");
    o.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum K {\n");
    for m in &simple {
        let _ = writeln!(o, "    /// {}", plain(m));
        let _ = writeln!(o, "    {},", m.key);
    }
    o.push_str("}\n\nimpl K {\n    pub const ALL: &'static [K] = &[");
    for m in &simple {
        let _ = write!(o, "K::{}, ", m.key);
    }
    // A match, not arrays indexed by the key: with a key known where it is used, the optimizer keeps
    // only that key's texts (the import worker carries a few dozen, not all of them).
    o.push_str("];\n\n    /// The message in `lang`.\n    pub fn text(self, lang: Lang) -> &'static str {\n");
    o.push_str("        match (self, lang) {\n");
    for m in &simple {
        for (i, (_, variant)) in LOCALES.iter().enumerate() {
            let _ =
                writeln!(o, "            (K::{}, Lang::{variant}) => {:?},", m.key, plain(by_key[i][m.key.as_str()]));
        }
    }
    o.push_str("        }\n    }\n}\n\n");
    o.push_str("/// The messages with parameters, in one language: `Msg(lang).imported(name)`.\n");
    o.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub struct Msg(pub Lang);\n\nimpl Msg {\n");
    for m in &with_params {
        let params = m.params();
        let _ = writeln!(o, "    /// `{}`: {}", m.key, m.source());
        let args: Vec<String> = params.iter().map(|p| format!("{p}: impl std::fmt::Display")).collect();
        let _ = writeln!(o, "    pub fn {}(self, {}) -> String {{", snake(&m.key), args.join(", "));
        o.push_str("        match self.0 {\n");
        for (i, (_, variant)) in LOCALES.iter().enumerate() {
            let _ =
                writeln!(o, "            Lang::{variant} => format!({:?}),", format_string(by_key[i][m.key.as_str()]));
        }
        o.push_str("        }\n    }\n\n");
    }
    o.push_str("}\n\n");
    o.push_str("/// Every message as written in the catalogues: key, then its source in each locale.\n");
    o.push_str("#[cfg(test)]\npub const SOURCES: &[(&str, &[&str])] = &[\n");
    for m in en {
        let sources: Vec<String> = by_key.iter().map(|c| format!("{:?}", c[m.key.as_str()].source())).collect();
        let _ = writeln!(o, "    ({:?}, &[{}]),", m.key, sources.join(", "));
    }
    o.push_str("];\n");
    o
}
