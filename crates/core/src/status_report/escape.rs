//! Escaping user text for Markdown and HTML: what the user typed is shown as text, never as markup.

/// Markdown-escapes one line of user text for inline use (a table cell, a list item):
/// backslashes, backticks, emphasis and link characters and pipes get a backslash, `<`, `>` and
/// `&` become entities, and line breaks become spaces.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// [`md_escape`] of a line that starts a Markdown block: a leading `#`, `-`, `+`, `=` or a
/// number followed by `.` or `)` is escaped too, so it stays text instead of a heading or list.
pub fn md_escape_line_start(s: &str) -> String {
    // Leading spaces would make an indented code block: they are dropped.
    let trimmed = s.trim_start();
    let body = md_escape(trimmed);
    let first = trimmed.chars().next();
    let needs = match first {
        Some('#' | '-' | '+' | '=') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with('.') || rest.starts_with(')')
        }
        _ => false,
    };
    if !needs {
        return body;
    }
    if let Some(c) = first.filter(|c| !c.is_ascii_digit()) {
        return format!("\\{c}{}", &body[c.len_utf8()..]);
    }
    // "1. x" → "1\. x"
    let digits = trimmed.chars().take_while(|c| c.is_ascii_digit()).count();
    format!("{}\\{}", &body[..digits], &body[digits..])
}

/// HTML-escapes text for element content and quoted attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_special_characters_stay_text() {
        assert_eq!(md_escape("a|b `c` <d> *e* [f](g) & h\nnext"), "a\\|b \\`c\\` &lt;d&gt; \\*e\\* \\[f\\](g) &amp; h next");
        assert_eq!(md_escape_line_start("# title"), "\\# title");
        assert_eq!(md_escape_line_start("- item"), "\\- item");
        assert_eq!(md_escape_line_start("12. x"), "12\\. x");
        assert_eq!(md_escape_line_start("  > quote"), "&gt; quote");
        assert_eq!(md_escape_line_start("plain"), "plain");
    }

    #[test]
    fn html_special_characters_become_entities() {
        assert_eq!(html_escape("<script>alert('x')</script> & \""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;");
    }
}
