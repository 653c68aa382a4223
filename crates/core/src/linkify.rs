//! Web and mail addresses in user text (a Jira / Backlog ticket, a Teams link in the minutes) as
//! links — and nothing else: only `http://`, `https://` and `mailto:` ever become a link, so a
//! `javascript:`, `data:`, `vbscript:` or `file:` address, however it is spelled, stays text.
//!
//! [`linkify`] splits a text into [`Segment`]s whose texts concatenate back to the input;
//! [`safe_href`] is the one check every href goes through; [`linked_html`] writes the segments as
//! escaped HTML for the exported documents.

use crate::markdown::html as html_escape;

/// The schemes that may become a link, lower case.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

/// A piece of a user text: plain text, or an address shown as a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text shown as it is.
    Text(&'a str),
    /// An address: `text` is what the user typed (and is shown), `href` the checked target.
    Link { text: &'a str, href: String },
}

impl Segment<'_> {
    /// The text of the segment as the user typed it.
    pub fn text(&self) -> &str {
        match self {
            Segment::Text(t) => t,
            Segment::Link { text, .. } => text,
        }
    }
}

/// `url` as an href if it is an `http://`, `https://` or `mailto:` address, else None.
///
/// The check runs on the address as a browser would read it: leading and trailing spaces and
/// controls trimmed and every whitespace or control character inside removed (browsers drop tabs
/// and line breaks from URLs, so `java\tscript:` is `javascript:`), scheme compared without
/// regard to case. Something must follow the scheme (a host, or a mail address with `@`), and the
/// result contains no whitespace, control characters, quotes or angle brackets.
pub fn safe_href(url: &str) -> Option<String> {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    if cleaned.chars().any(|c| matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')) {
        return None;
    }
    let lower = cleaned.to_ascii_lowercase();
    let scheme = ALLOWED_SCHEMES.iter().find(|s| lower.starts_with(**s))?;
    let rest = &cleaned[scheme.len()..];
    let ok = if *scheme == "mailto:" {
        rest.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains(|c: char| c.is_ascii_alphanumeric()))
    } else {
        rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '[')
    };
    ok.then_some(cleaned)
}

/// May this character be part of an address? Printable ASCII except spaces, quotes, angle
/// brackets, backticks and backslashes; an address ends at Japanese text or punctuation (`。`,
/// `、`, `）`), which is how addresses are written inside Japanese sentences.
fn url_char(c: char) -> bool {
    c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\' | '{' | '}' | '|' | '^')
}

/// The length (bytes) of the address starting at `s` (which starts with an allowed scheme), with
/// sentence punctuation at its end left out: `.`, `,`, `:`, `;`, `!`, `?` and a closing bracket
/// that has no opening one inside the address.
fn url_len(s: &str) -> usize {
    let mut end = s.find(|c: char| !url_char(c)).unwrap_or(s.len());
    loop {
        let t = &s[..end];
        let Some(last) = t.chars().last() else { return 0 };
        let strip = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '*' | '~' => true,
            ')' => t.matches('(').count() < t.matches(')').count(),
            ']' => t.matches('[').count() < t.matches(']').count(),
            _ => false,
        };
        if !strip {
            return end;
        }
        end -= last.len_utf8();
    }
}

/// The byte offset where an allowed scheme starts at `i` of `s`, not inside a word (`xhttp://`).
fn scheme_at(s: &str, i: usize) -> Option<&'static str> {
    let rest = s.get(i..)?;
    let scheme =
        ALLOWED_SCHEMES.iter().find(|sch| rest.get(..sch.len()).is_some_and(|p| p.eq_ignore_ascii_case(sch)))?;
    let before = s[..i].chars().last();
    (!before.is_some_and(|c| c.is_ascii_alphanumeric())).then_some(scheme)
}

/// Splits `text` into plain text and links. Only addresses that start with `http://`,
/// `https://` or `mailto:` (any case) and pass [`safe_href`] become links; the segments' texts,
/// concatenated, are exactly `text`.
pub fn linkify(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while i < text.len() {
        if let Some(_scheme) = scheme_at(text, i) {
            let len = url_len(&text[i..]);
            let candidate = &text[i..i + len];
            if let Some(href) = safe_href(candidate) {
                if plain_start < i {
                    out.push(Segment::Text(&text[plain_start..i]));
                }
                out.push(Segment::Link { text: candidate, href });
                i += len;
                plain_start = i;
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    if plain_start < text.len() {
        out.push(Segment::Text(&text[plain_start..]));
    }
    out
}

/// `text` as HTML element content: everything escaped, the addresses of [`linkify`] as
/// `<a href="…" target="_blank" rel="noopener noreferrer">` (href escaped too).
pub fn linked_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for seg in linkify(text) {
        match seg {
            Segment::Text(t) => out.push_str(&html_escape(t)),
            Segment::Link { text, href } => {
                out.push_str("<a href=\"");
                out.push_str(&html_escape(&href));
                out.push_str("\" target=\"_blank\" rel=\"noopener noreferrer\">");
                out.push_str(&html_escape(text));
                out.push_str("</a>");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<String> {
        linkify(text)
            .into_iter()
            .filter_map(|s| match s {
                Segment::Link { href, .. } => Some(href),
                Segment::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn web_and_mail_addresses_become_links() {
        assert_eq!(
            links("see https://jira.example.com/browse/PROJ-12 please"),
            ["https://jira.example.com/browse/PROJ-12"]
        );
        assert_eq!(links("HTTP://Example.com/a?b=1&c=2#x"), ["HTTP://Example.com/a?b=1&c=2#x"]);
        assert_eq!(links("mailto:pmo@example.co.jp"), ["mailto:pmo@example.co.jp"]);
        assert_eq!(
            links("Teams: https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d"),
            ["https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d"]
        );
        assert_eq!(links("a https://a.example/ and http://b.example/x"), ["https://a.example/", "http://b.example/x"]);
    }

    #[test]
    fn sentence_punctuation_is_not_part_of_the_address() {
        assert_eq!(
            links("詳細はhttps://backlog.example.jp/view/PRJ-3を参照。"),
            ["https://backlog.example.jp/view/PRJ-3"]
        );
        assert_eq!(links("（https://example.com/a）、次"), ["https://example.com/a"]);
        assert_eq!(links("https://example.com/a。"), ["https://example.com/a"]);
        assert_eq!(links("(see https://example.com/a)."), ["https://example.com/a"]);
        assert_eq!(
            links("https://en.wikipedia.org/wiki/Gantt_(chart)"),
            ["https://en.wikipedia.org/wiki/Gantt_(chart)"]
        );
        assert_eq!(links("Go to https://example.com/x, then y!"), ["https://example.com/x"]);
        assert_eq!(links("<https://example.com/q>"), ["https://example.com/q"]);
    }

    #[test]
    fn other_schemes_never_become_links() {
        for t in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "&#106;avascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "<a href=\"javascript:window.__xss=1\">x</a>",
            "[click](javascript:window.__xss=1)",
            "xhttp://example.com",
            "http://",
            "https:// example.com",
            "mailto:",
            "mailto:nobody",
            "ftp://example.com",
        ] {
            assert_eq!(links(t), Vec::<String>::new(), "{t:?}");
        }
        // An address inside a javascript: payload is an http link and nothing more.
        assert_eq!(links("javascript:location='http://evil.example/'"), ["http://evil.example/"]);
    }

    #[test]
    fn the_href_check_sees_what_a_browser_sees() {
        assert_eq!(safe_href("  https://example.com/ "), Some("https://example.com/".into()));
        assert_eq!(safe_href("ht\ttps://example.com"), Some("https://example.com".into()));
        assert_eq!(safe_href("java\nscript:alert(1)"), None);
        assert_eq!(safe_href("\u{0}javascript:alert(1)"), None);
        assert_eq!(safe_href("JAVASCRIPT:alert(1)"), None);
        assert_eq!(safe_href("https://x.example/\"onmouseover=1"), None);
        assert_eq!(safe_href("data:text/html;base64,PHNjcmlwdD4="), None);
        assert_eq!(safe_href("MAILTO:a@b.example"), Some("MAILTO:a@b.example".into()));
    }

    #[test]
    fn segments_give_back_the_text() {
        let t = "議事録 https://example.com/m。 mailto:a@b.example と javascript:x";
        let segs = linkify(t);
        assert_eq!(segs.iter().map(Segment::text).collect::<String>(), t);
        assert_eq!(segs.len(), 5);
    }

    #[test]
    fn exported_html_is_escaped_with_links_only_for_allowed_schemes() {
        assert_eq!(
            linked_html("<b>x</b> https://example.com/?a=1&b=2 javascript:alert(1)"),
            "&lt;b&gt;x&lt;/b&gt; <a href=\"https://example.com/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">https://example.com/?a=1&amp;b=2</a> javascript:alert(1)"
        );
        assert!(!linked_html("<a href=\"javascript:x\">y</a>").contains("<a"));
    }
}
